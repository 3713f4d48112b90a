"""Plain values passed between ingestion, the index and its users.

Everything here is a frozen dataclass so results can cross thread boundaries and outlive the
Whoosh searcher that produced them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Paragraphs are numbered from 1; a claim made in the article's title (a headline) is in 0.
TITLE_PARAGRAPH = 0


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of an article.

    ``start``/``end`` are code-point offsets into the file's decoded text, so
    ``original[start:end]`` is this paragraph (after normalisation, ``text``).
    """

    number: int
    start: int
    end: int
    text: str
    heading: bool = False


@dataclass(frozen=True, slots=True)
class Claim:
    """An attribution: who (source) said or thought what (content), and how (cue).

    Spans are (start, end) offsets into the file's decoded text, like paragraph offsets.
    """

    speaker: str
    kind: str  # "direct", "indirect" or "mixed"
    cue: str
    content: str
    source_text: str
    paragraph: int
    source_spans: tuple[tuple[int, int], ...]
    cue_spans: tuple[tuple[int, int], ...]
    content_spans: tuple[tuple[int, int], ...]
    confidence: float
    # Who the speaker is: "person", "organisation" (a body, a poll, a group), "anonymous" (an
    # unnamed source or a description: "a senior official", "voters", no source at all) or
    # "outlet" (the publication or its writer). Claim ledgers group and profile sourcing by it.
    speaker_kind: str = "person"


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    path: str
    file_hash: str
    title: str
    outlet: str
    author: str
    date: str
    url: str
    tags: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...]
    claims: tuple[Claim, ...] = field(default=())
    # Web pages and feed entries: the extracted text the offsets refer to (empty for text
    # files, whose offsets refer to the file itself).
    source_text: str = ""
    # (field, where its value came from): "manifest", "front matter", "page metadata", "feed",
    # "file name", "inferred from text", "correction" or "unknown".
    provenance: tuple[tuple[str, str], ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that was not indexed, and why, in words a user can act on."""

    path: str
    reason: str
