"""Split article text into paragraphs and tell article text from page furniture.

Paragraphs are blocks separated by blank lines (or single lines when a file has no blank line
at all). Furniture is recognised by shape and place, never by a list of known strings:

* **Trailing furniture.** Saved pages end with site chrome after the last paragraph of the
  article. Walking back from the end, we drop blocks while each one is a *label* (a short line
  with no sentence punctuation: "Most Popular", "Load more", "See all Video", "Back to list"), a
  *tag list* ("Tags …", "Filed under …", "Topics: …") or a *site notice* (a short block about
  the site itself: its comment section, newsletter, cookies, sign-up, rights). The walk stops at
  the first block that is none of these, so no sentence before it can be lost.
* **Leading navigation.** Before the first sentence, labels made of breadcrumb separators
  ("Home › World › Asia", "News | Politics") are dropped.

Short labels between real paragraphs are kept: they are the article's section headings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# A block longer than this is split at whitespace so one runaway line (a 20 MB minified dump)
# cannot become a single giant record that every search has to highlight.
MAX_PARAGRAPH_CHARS = 10_000

_BLOCK = re.compile(r"[^\n]+(?:\n[ \t]*[^\n \t][^\n]*)*")
_LINE = re.compile(r"[^\n]+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LEAD_MARKER = re.compile(r"[*#>]+[ \t]+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?:\s|$)|[.!?…][\"'”’)\]]+")
_TAG_LIST = re.compile(
    r"^(?:tags|tagged|tagged with|topics|filed under|categories|related topics|keywords)\b\s*:?",
    re.IGNORECASE,
)
_SITE_NOTICE = re.compile(
    r"\b(?:comments? section|comment policy|join the (?:discussion|conversation)|newsletters?|"
    r"subscribe|subscription|sign up|log in|all rights reserved|copyright|cookies?|"
    r"privacy policy|terms of (?:use|service)|follow us|share this|advertisement|click here)\b",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(r"\s(?:\||>|›|»|•|/)\s")
LABEL_MAX_WORDS = 8
NOTICE_MAX_WORDS = 60


@dataclass(frozen=True, slots=True)
class Block:
    """A run of text in the normalised article, before furniture is judged."""

    start: int
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def blocks(text: str, start: int = 0) -> list[Block]:
    """Blank-line separated blocks of ``text[start:]``, each stripped, with their offsets."""
    pattern = _BLOCK if _BLANK_LINE.search(text, start) else _LINE
    found: list[Block] = []
    for match in pattern.finditer(text, start):
        raw = match.group()
        lead = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        if not stripped:
            continue
        begin = match.start() + lead
        marker = _LEAD_MARKER.match(stripped)
        if marker and len(stripped) > marker.end():
            begin += marker.end()
            stripped = stripped[marker.end() :]
        for piece_start, piece in _chunks(stripped):
            found.append(Block(begin + piece_start, begin + piece_start + len(piece), piece))
    return found


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """Cut an over-long block at whitespace into pieces no longer than the limit."""
    offset = 0
    while len(text) - offset > MAX_PARAGRAPH_CHARS:
        cut = text.rfind(" ", offset, offset + MAX_PARAGRAPH_CHARS)
        cut = cut if cut > offset else offset + MAX_PARAGRAPH_CHARS
        piece = text[offset:cut].rstrip()
        if piece:
            yield offset, piece
        offset = cut
        while offset < len(text) and text[offset].isspace():
            offset += 1
    if offset < len(text):
        yield offset, text[offset:]


def is_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def is_label(block: Block) -> bool:
    """A short line without sentence punctuation: a heading, a button, a menu entry."""
    return "\n" not in block.text and block.words <= LABEL_MAX_WORDS and not is_sentence(block.text)


def is_tag_list(block: Block) -> bool:
    return bool(_TAG_LIST.match(block.text)) and not is_sentence(block.text.rstrip(". "))


def is_site_notice(block: Block) -> bool:
    return block.words <= NOTICE_MAX_WORDS and bool(_SITE_NOTICE.search(block.text))


def split_furniture(found: list[Block]) -> tuple[list[Block], list[Block]]:
    """Separate article blocks from page furniture, by the rules in the module docstring."""
    end = len(found)
    while end > 0 and (
        is_label(found[end - 1]) or is_tag_list(found[end - 1]) or is_site_notice(found[end - 1])
    ):
        end -= 1
    begin = 0
    while begin < end and is_label(found[begin]) and _BREADCRUMB.search(found[begin].text):
        begin += 1
    return found[begin:end], found[:begin] + found[end:]
