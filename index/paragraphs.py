"""Split article text into paragraphs and tell article text from page furniture.

Paragraphs are blocks separated by blank lines, or by single line breaks where those end
sentences (or when a file has no blank line at all). Furniture is recognised by shape and place, never by a list of known strings:

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
# A block is split at its line breaks when this share of them end a sentence or a heading, or
# when it is this many times longer than the median block (the "second look").
BREAKS_SHARE = 0.6
LONG_BLOCK_FACTOR = 4
LONG_BLOCK_MIN_CHARS = 600
_SENTENCE_AT_END = re.compile(r"[.!?…:][\"'”’)\]]*$")
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
    """Paragraph blocks of ``text[start:]``, each stripped, with their offsets.

    Blocks are separated by blank lines. A block whose line breaks end sentences or headings is
    split at them too (some outlets separate paragraphs with single line breaks: as one block
    such an article became a few huge paragraphs that drew most "also reported by" links), and
    so is any multi-line block far longer than the article's typical one. Hard-wrapped prose,
    whose lines end mid-sentence, stays whole.
    """
    pattern = _BLOCK if _BLANK_LINE.search(text, start) else _LINE
    units = [(m.start(), m.group()) for m in pattern.finditer(text, start)]
    lengths = sorted(len(raw.strip()) for _, raw in units)
    typical = lengths[len(lengths) // 2] if lengths else 0
    found: list[Block] = []
    for unit_start, raw in units:
        if "\n" in raw.strip() and (_breaks_are_paragraphs(raw)
                                    or len(raw.strip()) > max(LONG_BLOCK_MIN_CHARS, LONG_BLOCK_FACTOR * typical)):
            pieces = [(unit_start + m.start(), m.group()) for m in _LINE.finditer(raw)]
        else:
            pieces = [(unit_start, raw)]
        for piece_start, piece in pieces:
            found.extend(_block(piece_start, piece))
    return found


def _breaks_are_paragraphs(raw: str) -> bool:
    """Whether most line breaks in a block come after a sentence end or a heading."""
    lines = [line.strip() for line in raw.strip().split("\n")]
    breaks = list(zip(lines, lines[1:]))
    ends = sum(1 for line, after in breaks if _SENTENCE_AT_END.search(line)
               or (len(line.split()) <= LABEL_MAX_WORDS and not is_sentence(line)
                   and after[:1].isupper()))
    return bool(breaks) and ends >= BREAKS_SHARE * len(breaks)


def _block(offset: int, raw: str) -> Iterator[Block]:
    lead = len(raw) - len(raw.lstrip())
    stripped = raw.strip()
    if not stripped:
        return
    begin = offset + lead
    marker = _LEAD_MARKER.match(stripped)
    if marker and len(stripped) > marker.end():
        begin += marker.end()
        stripped = stripped[marker.end() :]
    for piece_start, piece in _chunks(stripped):
        yield Block(begin + piece_start, begin + piece_start + len(piece), piece)


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
