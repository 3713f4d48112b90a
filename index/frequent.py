"""The posting lists of the commonest words, kept a second time as flat arrays.

A word in a fifth of all paragraphs ("clinton", "said") has hundreds of Whoosh posting blocks,
each a zlib-compressed pickle of document ids, weights and word positions. Decoding them costs
~0.1 ms of Python per 128 postings: 20-30 ms for one such word at 156,000 paragraphs, and
search-as-you-type meets these words on nearly every keystroke. So after each commit the text
field's words found in at least ``MIN_DOCS`` paragraphs (at that size 1,363 words holding 77%
of all postings) are written once more as one array of (document number, weight) pairs, read
through a memory map: such a word's postings are then a slice. Word positions stay in Whoosh
only (phrases read them there, where the other words' matches narrow the blocks to decode).

This is index data laid out for reading, written with the commit, not a cache of answers. The
files carry the commit's generation in their names, so a searcher never reads another commit's
arrays; a missing, cut-short or unreadable file only means Whoosh's own blocks are decoded.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
from whoosh.searching import Searcher

from .postings import Postings, read_postings

FIELD = "text"
MIN_DOCS = 512  # four Whoosh blocks: rarer words decode in well under a millisecond
_POSTING = np.dtype([("id", "<i4"), ("weight", "<f4")])
_PREFIX = "frequent-"


class FrequentPostings:
    """The frequent words of one commit: ``get(word)`` or ``None`` for other words."""

    def __init__(self, spans: dict[str, tuple[int, int]], postings: np.ndarray) -> None:
        self._spans = spans
        self._postings = postings

    def __len__(self) -> int:
        return len(self._spans)

    def get(self, word: str) -> Postings | None:
        span = self._spans.get(word)
        if span is None:
            return None
        rows = self._postings[span[0] : span[1]]
        return Postings(rows["id"].astype(np.int64), rows["weight"].astype(np.float64))


def write_frequent(directory: Path, searcher: Searcher, min_docs: int = MIN_DOCS) -> None:
    """Write the arrays for the searcher's commit and delete those of earlier commits.

    The array file is complete on disk before the word list naming its rows is, so a crash
    leaves either both or a word list that is missing (and arrays that are never read).
    """
    generation = searcher.reader().generation()
    spans: dict[str, tuple[int, int]] = {}
    start = 0
    for word, info in searcher.reader().iter_field(FIELD):
        if info.doc_frequency() >= min_docs:  # postings, deleted documents' included
            spans[word.decode("utf-8")] = (start, start + info.doc_frequency())
            start += info.doc_frequency()
    arrays, names = _paths(directory, generation)
    _replace(arrays, lambda tmp: _fill(tmp, searcher, spans, start))
    listing = json.dumps({"rows": start, "words": spans}, ensure_ascii=False)
    _replace(names, lambda tmp: tmp.write_text(listing, encoding="utf-8"))
    # Only older commits' files: another process may have committed (and written) since.
    for old in directory.glob(f"{_PREFIX}*"):
        number = old.name[len(_PREFIX) :].split(".", 1)[0]
        if number.isdigit() and int(number) < generation:
            old.unlink(missing_ok=True)


def load_frequent(directory: Path, generation: int) -> FrequentPostings | None:
    """The arrays written for ``generation``, or ``None`` when they cannot be trusted."""
    arrays, names = _paths(directory, generation)
    try:
        listing = json.loads(names.read_text(encoding="utf-8"))
        postings = np.load(arrays, mmap_mode="r", allow_pickle=False)
        spans = {w: (int(a), int(b)) for w, (a, b) in listing["words"].items()}
        rows = int(listing["rows"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if postings.dtype != _POSTING or len(postings) != rows:
        return None
    if any(not 0 <= a <= b <= rows for a, b in spans.values()):
        return None
    return FrequentPostings(spans, postings)


def _paths(directory: Path, generation: int) -> tuple[Path, Path]:
    stem = directory / f"{_PREFIX}{generation}"
    return stem.with_suffix(".npy"), stem.with_suffix(".json")


def _fill(path: Path, searcher: Searcher, spans: dict[str, tuple[int, int]], rows: int) -> None:
    """Each word's postings straight into the file: a build's memory peak does not grow by
    the whole table (24 MB at 156,000 paragraphs)."""
    table = np.lib.format.open_memmap(path, mode="w+", dtype=_POSTING, shape=(rows,))
    for word, (start, end) in spans.items():
        found = read_postings(searcher, FIELD, word)
        if len(found) != end - start:
            raise ValueError(f"{word!r}: {len(found)} postings, the term info says {end - start}")
        table["id"][start:end] = found.ids
        table["weight"][start:end] = found.weights
    table.flush()
    del table


def _replace(path: Path, write: Callable[[Path], None]) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
