"""What reaches a real terminal: run the browser under a pty on a hostile article and read
the bytes. Headless Pilot tests cannot see this; Textual passes escape sequences in widget text
straight through, so they must never get that far."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

import index

from . import hostile

pty = pytest.importorskip("pty")

PAYLOADS = [b"\x1b]52;", b"ZWNobyBwd25lZA", b"\x1b]8;;https://evil", b"\x1b]0;T", b"\x1b[6n",
            b"\xc2\x9b6n", b"\x9b6n", b"\x00"]


def _read_for(fd: int, seconds: float) -> bytes:
    out = b""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
    return out


def test_no_escape_sequence_from_an_article_reaches_the_terminal(tmp_path: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "evil.txt").write_text(
        f"Evil {hostile.HOSTILE_ESCAPES} title\n\nescapemarker {hostile.HOSTILE_ESCAPES} "
        f"{hostile.HOSTILE_MARKUP}, the agency said.\n")
    index.build_index(tmp_path / "index", [folder]).close()
    main, child = pty.openpty()
    env = {**os.environ, "BRIEFING_HOME": str(tmp_path), "TERM": "xterm-256color",
           "COLUMNS": "100", "LINES": "30"}
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "tui", "--index-dir", str(tmp_path / "index")],
        stdin=child, stdout=child, stderr=child, env=env, close_fds=True)
    os.close(child)
    try:
        captured = _read_for(main, 4.0)
        os.write(main, b"/escapemarker")
        captured += _read_for(main, 2.0)
        os.write(main, b"\x1b")
        captured += _read_for(main, 0.5)
        os.write(main, b"\r")  # open the article view
        captured += _read_for(main, 2.0)
        os.write(main, b"\x11")  # ctrl+q
        captured += _read_for(main, 2.0)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(main)
    assert b"escapemarker" in captured  # the article really was on screen
    for payload in PAYLOADS:
        assert payload not in captured, payload
    assert process.returncode == 0
