"""Run the real browser under a pseudo-terminal and capture every byte it writes.

Headless Pilot tests cannot see what reaches a terminal, nor exercise Textual's input thread;
these tests need the program as a user runs it.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

CTRL_Q = b"\x11"


def read_for(fd: int, seconds: float) -> bytes:
    """Whatever the program writes within ``seconds``."""
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


def run_browser(home: Path, index_dir: Path, keys: list[tuple[bytes, float]],
                start_seconds: float = 4.0, env: dict[str, str] | None = None,
                ) -> tuple[bytes, int | None]:
    """Start ``briefing tui``, send each input and read for its seconds, then ctrl+q; return
    the captured output and the exit status (``None`` if it never exited)."""
    pty = pytest.importorskip("pty")
    main, child = pty.openpty()
    env = {**os.environ, "BRIEFING_HOME": str(home), "TERM": "xterm-256color",
           "COLUMNS": "100", "LINES": "30", **(env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "tui", "--index-dir", str(index_dir)],
        stdin=child, stdout=child, stderr=child, env=env, close_fds=True)
    os.close(child)
    try:
        captured = read_for(main, start_seconds)
        for data, seconds in [*keys, (CTRL_Q, 2.0)]:
            if process.poll() is not None:
                break
            os.write(main, data)
            captured += read_for(main, seconds)
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
            code = None
        else:
            code = process.returncode
        os.close(main)
    return captured, code
