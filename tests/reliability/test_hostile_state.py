"""Hostile saved state: a session file someone else wrote, or that a bug or an attacker left.

The restored query is shown in the search bar; a saved ``ESC ] 52`` (a clipboard write) must
never reach the terminal raw, and no session file, however large or deep, stops the browser.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .ptyrun import run_browser

OSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"


def test_a_restored_query_holding_osc52_never_reaches_the_terminal(tmp_path: Path, seed_index_dir):
    session = tmp_path / "data" / "session.json"
    session.parent.mkdir(parents=True)
    session.write_text(json.dumps({"query": f"restoredmarker {OSC52} taiwan",
                                   "topics": [f"x{OSC52}"], "theme": OSC52}))
    captured, code = run_browser(tmp_path, seed_index_dir, [(b"/", 1.5), (b" ", 1.5)])
    assert b"restoredmarker" in captured  # the query really was shown
    assert b"\x1b]52" not in captured and b"ZWNobyBwd25lZA" not in captured
    assert code == 0


@pytest.mark.parametrize(("content", "reason"), [
    ("[" * 100_000 + "]" * 100_000, "nested more than 32 deep"),
    ('{"query": ' + "[" * 40 + "]" * 40 + "}", "nested more than 32 deep"),
    ('{"pins": ["' + "x" * (2 * 1024 * 1024) + '"]}', "larger than 1024 KiB"),
    ("\xff\xfe{}", "could not read"),
], ids=["deep", "deep inside", "huge", "not utf-8"])
def test_a_session_file_too_large_or_deep_starts_fresh_with_the_reason(tmp_path: Path, content, reason):
    from tui import state

    path = tmp_path / "session.json"
    path.write_bytes(content.encode("latin-1") if content.startswith("\xff") else content.encode())
    session, problem = state.load(path)
    assert session == state.Session() and problem is not None and reason in problem


def test_restored_strings_are_cleaned_like_typed_text(tmp_path: Path):
    from tui import state

    path = tmp_path / "session.json"
    path.write_text(json.dumps({
        "query": f"taiwan {OSC52}\nhong\u202ekong\x9b6n " + "x" * 5000,
        "topics": [OSC52, "Taiwan\x1b[31m", 7], "outlets": ["(" * 40 + ")" * 40],
        "theme": "dark\x07", "pins": ["a-1\x00", None]}))
    session, problem = state.load(path)
    assert problem is None
    assert session.query.startswith("taiwan  hongkong x") and len(session.query) <= 2000
    assert session.topics == ["Taiwan"] and session.theme == "dark" and session.pins == ["a-1"]
    assert session.outlets == ["(" * 40 + ")" * 40]  # brackets inside strings are not nesting
