"""Copying text out and opening links: the system's tools where there are some, else the
terminal's own clipboard (OSC 52, which works over SSH and in tmux with set-clipboard on)."""

from __future__ import annotations

import shutil
import subprocess
import webbrowser
from collections.abc import Callable

import index

# Tried in order; the first one on PATH that accepts the text wins.
COPY_COMMANDS = (("wl-copy",), ("xclip", "-selection", "clipboard"), ("xsel", "--clipboard", "--input"),
                 ("pbcopy",))
WEB_SCHEMES = ("http://", "https://")


def copy(text: str, terminal: Callable[[str], None]) -> str:
    """Copy ``text``; returns where it went. ``terminal`` is the app's OSC 52 copy."""
    for command in COPY_COMMANDS:
        if shutil.which(command[0]) is None:
            continue
        try:
            subprocess.run(command, input=text.encode("utf-8"), check=True, timeout=2,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return command[0]
        except (OSError, subprocess.SubprocessError):
            continue
    terminal(text)
    return "the terminal's clipboard"


def open_link(url: str) -> bool:
    """Open a web link in the user's browser; anything but http(s) is refused (an article's
    ``javascript:`` or ``file:`` link must not run)."""
    if not url.lower().startswith(WEB_SCHEMES):
        return False
    return bool(webbrowser.open(url))


def citation(hit: index.Hit) -> str:
    """The paragraph quoted with outlet, date, title, URL and paragraph number, on one line."""
    clean = index.sanitize_display
    where = f"paragraph {hit.paragraph} of {hit.paragraphs}" if hit.paragraphs else (
        f"paragraph {hit.paragraph}")
    parts = [clean(hit.outlet) or index.UNKNOWN_OUTLET, hit.date or "undated",
             f"“{clean(hit.title)}”" if hit.title else "", clean(hit.url), where]
    text = " ".join(clean(hit.text).split())
    return f"“{text}” — " + ", ".join(p for p in parts if p)
