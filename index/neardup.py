"""Near-duplicate paragraphs: the same wire copy published by several outlets.

Each paragraph of eight or more words gets a bottom-k sketch: the ``SKETCH`` smallest CRC32
hashes of its word trigrams. Copies with small edits (a dateline, one changed word) share most
trigrams, so their sketches agree on most of the smallest hashes; the share of the union's
bottom-k found in both estimates their resemblance (Broder's estimator). Candidates are found
through the ``BANDS`` smallest hashes, and a copy is accepted at ``MIN_RESEMBLANCE``. The index
keeps each paragraph's sketch in a column (not as band terms: those were half of all terms and a
tenth of a build), read once when an update starts.
"""

from __future__ import annotations

import re
import zlib
from array import array
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


def resemblance(a: Sketch, b: Sketch) -> float:
    union = sorted(set(a) | set(b))[: min(SKETCH, len(a), len(b))]
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union) if union else 0.0


def pack(sk: Sketch) -> bytes:
    """A sketch as the bytes the index keeps in a column."""
    return array("I", sk).tobytes()


def unpack(packed: bytes) -> Sketch:
    return tuple(array("I", packed))


class Clusters:
    """Gives each new paragraph the cluster key of a copy it duplicates, or its own id.

    ``indexed()`` yields the (packed sketch, key) pairs of the paragraphs already in the index;
    it is read once, at the first paragraph with a sketch. Sketches come and are kept packed
    (``pack``), as the index stores them: a whole corpus passes through one run, and tuples of
    Python ints with string band keys cost ~1.4 KB a paragraph (190 MB at 156,000 paragraphs)
    where packed sketches and integer bands cost ~0.5 KB.
    """

    def __init__(self, indexed: Callable[[], Iterable[tuple[bytes, str]]]) -> None:
        self._indexed: Callable[[], Iterable[tuple[bytes, str]]] | None = indexed
        self._sketches: list[bytes] = []
        self._keys: list[str] = []
        self._by_band: dict[int, int | list[int]] = {}

    def key_for(self, paragraph_id: str, packed: bytes | None) -> str:
        if not packed:
            return paragraph_id
        if self._indexed is not None:
            for other, other_key in self._indexed():
                self._remember(other, unpack(other), other_key)
            self._indexed = None
        sk = unpack(packed)
        key = next((other_key for band in sk[:BANDS] for other, other_key in self._candidates(band)
                    if resemblance(sk, other) >= MIN_RESEMBLANCE), paragraph_id)
        self._remember(packed, sk, key)
        return key

    def _remember(self, packed: bytes, sk: Sketch, key: str) -> None:
        slot = len(self._keys)
        self._sketches.append(packed)
        self._keys.append(key)
        for band in sk[:BANDS]:
            earlier = self._by_band.get(band)
            if earlier is None:
                self._by_band[band] = slot
            elif isinstance(earlier, int):
                self._by_band[band] = [earlier, slot]
            else:
                earlier.append(slot)

    def _candidates(self, band: int) -> Iterable[tuple[Sketch, str]]:
        slots = self._by_band.get(band, ())
        for slot in (slots,) if isinstance(slots, int) else slots:
            yield unpack(self._sketches[slot]), self._keys[slot]
