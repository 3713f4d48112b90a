"""Claim spans inside one paragraph's text, for highlighting who said what.

Claims store offsets into the article file (the format evaluation tools read), while a reader
shows the paragraph's normalised text. Normalisation rarely changes lengths, but when it does
(stripped control characters, CRLF) the file offsets drift, so every span is checked against
the text it should cover and found by search when it has moved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

ROLES = ("source", "cue", "content")


@dataclass(frozen=True, slots=True)
class ClaimMark:
    """One highlighted stretch of a paragraph: which claim, which role, where."""

    start: int
    end: int
    role: str  # "source", "cue" or "content"
    claim: int  # index into the paragraph's claims


def claim_marks(text: str, start: int, claims: Sequence[dict[str, Any]]) -> tuple[ClaimMark, ...]:
    """Spans of each claim's source, cue and content within ``text``, the paragraph that
    begins at file offset ``start``. Spans that cannot be placed are left out, never guessed."""
    marks: list[ClaimMark] = []
    for number, claim in enumerate(claims):
        expected = {
            "source": claim.get("source_text", ""),
            "cue": claim.get("cue", ""),
            "content": claim.get("content", ""),
        }
        stored = {
            "source": claim.get("source", []),
            "cue": claim.get("cue_spans", []),
            "content": claim.get("content_spans", []),
        }
        for role in ROLES:
            for span in _placed(text, start, stored[role], expected[role]):
                marks.append(ClaimMark(span[0], span[1], role, number))
    marks.sort(key=lambda m: (m.start, -m.end))
    return tuple(marks)


def _placed(
    text: str, start: int, spans: Sequence[Sequence[int]], expected: str
) -> list[tuple[int, int]]:
    placed = []
    for raw in spans:
        if len(raw) != 2:
            continue
        s, e = raw[0] - start, raw[1] - start
        if 0 <= s < e <= len(text) and _fits(text[s:e], expected):
            placed.append((s, e))
            continue
        moved = _find(text, expected if len(spans) == 1 else "", s)
        if moved is not None:
            placed.append(moved)
    return placed


def _fits(piece: str, expected: str) -> bool:
    """A stored span still covers its words when it is (part of) the recorded string."""
    return not expected or piece in expected or expected in piece


def _find(text: str, needle: str, near: int) -> tuple[int, int] | None:
    if not needle:
        return None
    hits = _occurrences(text, needle)
    if not hits:
        return None
    best = min(hits, key=lambda i: abs(i - near))
    return best, best + len(needle)


def _occurrences(text: str, needle: str) -> list[int]:
    found, i = [], text.find(needle)
    while i != -1:
        found.append(i)
        i = text.find(needle, i + 1)
    return found
