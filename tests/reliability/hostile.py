"""A hostile corpus: what people save from the web, at its worst, next to good articles.

Shared by the ingestion, index and TUI tests. Each bad file either becomes a sensible article
(``INDEXED``: decodable text) or is skipped with a reason (``SKIPPED``: name → words the reason
must contain); every ``GOOD`` file must be indexed and findable by its marker word.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

GOOD = {
    "good-one.txt": "zebracorn",
    "good two with spaces.txt": "quokkalith",
    "bonne-nouvelle-é.md": "narwhalite",
}

INDEXED = {
    "crlf.txt": "crlfmarker",
    "utf16-bom.txt": "utfsixteenmarker",
    "rtl-combining-emoji.txt": "rtlmarker",
    "zero-width.txt": "zerowidthmarker",
    "invalid-utf8-few.txt": "fewbadbytesmarker",
    "long-title.txt": "longtitlemarker",
    "escapes-and-markup.txt": "escapemarker",
    "unterminated.html": "unterminatedmarker",
}

SKIPPED = {
    "binary.txt": "binary",
    "nul-bytes.txt": "binary",
    "empty.txt": "empty",
    "whitespace.txt": "empty",
    "huge-line.txt": "too large",
    "bad-front-matter.md": "front matter",
    "nested.html": "",
    "not-a-feed.xml": "not an RSS or Atom feed",
}

HOSTILE_MARKUP = "[bold]x[/] [/ [link=http://evil.example]y[/link] [@click=app.quit]z[/]"
HOSTILE_ESCAPES = "\x1b]52;c;ZWNobyBwd25lZA==\x07 \x1b]8;;https://evil.example\x1b\\l\x1b\\ \x1b]0;T\x07 \x1b[6n \x9b6n \x7f"


def _body(marker: str) -> str:
    return (f"A title for {marker}\n\nThe first paragraph mentions {marker} and says enough to "
            "count as a paragraph of news.\n\nA second paragraph follows, as articles have.\n")


def write(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, marker in GOOD.items():
        (folder / name).write_text(_body(marker), encoding="utf-8")
    files: dict[str, bytes] = {
        "crlf.txt": _body("crlfmarker").replace("\n", "\r\n").encode(),
        "utf16-bom.txt": codecs.BOM_UTF16_LE + _body("utfsixteenmarker").encode("utf-16-le"),
        "rtl-combining-emoji.txt": _body("rtlmarker").replace(
            "says", "says \u05e9\u05dc\u05d5\u05dd \u202eevil\u202c e\u0301\u0301\u0301 🗞️👍🏽").encode(),
        "zero-width.txt": _body("zero\u200bwidth\u00admarker").encode(),
        "invalid-utf8-few.txt": _body("fewbadbytesmarker").encode() + b"\xff\xfe tail\n",
        "long-title.txt": ("T" * 5000 + " longtitlemarker\n\n" + _body("longtitlemarker")).encode(),
        "escapes-and-markup.txt": (f"{HOSTILE_MARKUP} title\n\n{HOSTILE_ESCAPES} escapemarker "
                                   f"{HOSTILE_MARKUP} the agency said.\n").encode(),
        "unterminated.html": b"<html><head><title>Open page</title></head><body><article><p>"
                             b"The unterminatedmarker paragraph keeps going without closing tags "
                             b"and says enough to be an article on its own, the minister said."
                             b"<p>Another paragraph that never closes either, for good measure",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        "nul-bytes.txt": b"text\x00with\x00nuls\x00" * 50,
        "empty.txt": b"",
        "whitespace.txt": b" \n\t \r\n  \n",
        "huge-line.txt": b"word " * (20 * 1024 * 1024 // 5),
        "bad-front-matter.md": b"---\ntitle: [unclosed\n---\nBody text here.\n",
        "nested.html": b"<div>" * 20000 + b"deep" + b"</div>" * 5,
        "not-a-feed.xml": b"<config><a>1</a></config>",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    loop = folder / "loop"
    loop.mkdir(exist_ok=True)
    if not (loop / "back").exists():
        os.symlink(folder, loop / "back")
    return folder
