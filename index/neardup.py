"""Near-duplicate paragraphs: the same wire copy published by several outlets.

Each paragraph of eight or more words gets a bottom-k sketch: the ``SKETCH`` smallest CRC32
hashes of its word trigrams. Copies with small edits (a dateline, one changed word) share most
trigrams, so their sketches agree on most of the smallest hashes; the share of the union's
bottom-k found in both estimates their resemblance (Broder's estimator). Candidates are found
through the ``BANDS`` smallest hashes, stored as index terms, so a lookup at index time is a
few term queries, and a copy is accepted at ``MIN_RESEMBLANCE``.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterable

MIN_WORDS = 8
SKETCH = 16
BANDS = 4
MIN_RESEMBLANCE = 0.6
_WORD = re.compile(r"[^\W_]+")

Sketch = tuple[int, ...]


def sketch(text: str) -> Sketch | None:
    """The paragraph's bottom-k sketch, or ``None`` when it is too short to tell copies apart."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return None
    hashes = {zlib.crc32(" ".join(words[i : i + 3]).encode()) for i in range(len(words) - 2)}
    return tuple(sorted(hashes)[:SKETCH])


def bands(sk: Sketch) -> list[str]:
    return [f"{h:08x}" for h in sk[:BANDS]]


def resemblance(a: Sketch, b: Sketch) -> float:
    union = sorted(set(a) | set(b))[: min(SKETCH, len(a), len(b))]
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union) if union else 0.0


class Clusters:
    """Gives each new paragraph the cluster key of a copy it duplicates, or its own id.

    ``lookup(band)`` yields (sketch, key) pairs of paragraphs already in the index that have
    ``band``; paragraphs added in the same run are remembered here.
    """

    def __init__(self, lookup: Callable[[str], Iterable[tuple[Sketch, str]]]) -> None:
        self._lookup = lookup
        self._recent: dict[str, list[tuple[Sketch, str]]] = {}

    def key_for(self, paragraph_id: str, sk: Sketch | None) -> str:
        if sk is None:
            return paragraph_id
        key = next((other_key for band in bands(sk) for other, other_key in self._candidates(band)
                    if resemblance(sk, other) >= MIN_RESEMBLANCE), paragraph_id)
        for band in bands(sk):
            self._recent.setdefault(band, []).append((sk, key))
        return key

    def _candidates(self, band: str) -> Iterable[tuple[Sketch, str]]:
        yield from self._recent.get(band, ())
        yield from self._lookup(band)
