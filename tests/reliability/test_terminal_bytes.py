"""What reaches a real terminal: run the browser under a pty on a hostile article and read
the bytes. Headless Pilot tests cannot see this; Textual passes escape sequences in widget text
straight through, so they must never get that far."""

from __future__ import annotations

from pathlib import Path

import pytest

import index

from . import hostile
from .ptyrun import run_browser

PAYLOADS = [b"\x1b]52;", b"ZWNobyBwd25lZA", b"\x1b]8;;https://evil", b"\x1b]0;T", b"\x1b[6n",
            b"\xc2\x9b6n", b"\x9b6n", b"\x00"]


def test_no_escape_sequence_from_an_article_reaches_the_terminal(tmp_path: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "evil.txt").write_text(
        f"Evil {hostile.HOSTILE_ESCAPES} title\n\nescapemarker {hostile.HOSTILE_ESCAPES} "
        f"{hostile.HOSTILE_MARKUP}, the agency said.\n")
    index.build_index(tmp_path / "index", [folder]).close()
    captured, code = run_browser(tmp_path, tmp_path / "index", [
        (b"/escapemarker", 2.0), (b"\x1b", 0.5), (b"\r", 2.0)])  # search, leave, open the article
    assert b"escapemarker" in captured  # the article really was on screen
    for payload in PAYLOADS:
        assert payload not in captured, payload
    assert code == 0
