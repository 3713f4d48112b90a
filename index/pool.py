"""Feeding Whoosh's segment writer faster: postings held as arrays, lengths read once.

Whoosh's writer keeps every posting as a five-item tuple in a pool that it sorts, and past its
size limit it pickles the pool to disk one posting at a time and merges the runs back through a
heap. At 15,600 paragraphs (614,000 postings) that pickling and merging was a fifth of the
build; raising the limit instead grows memory past the 400 MB target at 156,000 paragraphs.
Here a posting is four array entries (term code, paragraph, weight, value bytes); a full run is
sorted with numpy and written as flat files, and runs are merged term by term (a later run only
holds later paragraphs), each read front to back a chunk at a time: at 156,000 paragraphs the
build peaks at ~330 MB (Whoosh's pool: ~350 MB) and takes ~125 s instead of 229 s.

While writing the segment, Whoosh also reads each posting's field length from the lengths file
it has just written, one byte through several Python calls per posting (a sixth of the build);
``_Lengths`` reads each field's lengths once.

Both plug into a ``SegmentWriter`` through ``tune(writer)``: whoosh-reloaded 2.7.5 is frozen,
and ``tests/index/test_pool.py`` checks every posting and length against Whoosh's own pool.
"""

from __future__ import annotations

import heapq
import pickle
from array import array
from collections.abc import Iterable, Iterator
from itertools import groupby, pairwise
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np

from .postings import LENGTH_OF_BYTE, length_codes

Posting = tuple[str, bytes, int, float, bytes]
Key = tuple[str, bytes]

# Postings per run before it goes to disk: ~10 MB of arrays, ~15 MB more while it is sorted
# (a million made the build peak at 383 MB at 156,000 paragraphs; this, 332 MB, as fast).
RUN_POSTINGS = 500_000
POSTINGS_PER_CHUNK = 65_536  # postings turned from arrays into tuples at a time
KEYS_PER_CHUNK = 2_048  # terms of a saved run read back at a time while merging
# Postings of all saved runs held as tuples at once while merging (a million paragraphs make
# ~75 runs; 65,536 each took 470 MB).
MERGE_POSTINGS = 262_144


def tune(writer: Any, run_postings: int = RUN_POSTINGS) -> None:
    """Give a fresh ``SegmentWriter`` the array pool and the length reader."""
    writer.pool = ArrayPool(Path(writer.temp_storage().folder), run_postings)
    original = writer.per_document_reader
    writer.per_document_reader = lambda: _Lengths(original())


class ArrayPool:
    """What Whoosh's ``PostingPool`` does for a ``SegmentWriter``: take postings in any
    order, give them back sorted by field, term and paragraph."""

    def __init__(self, folder: Path, run_postings: int = RUN_POSTINGS) -> None:
        self._folder = folder
        self._limit = run_postings
        self._runs: list[Path] = []
        self._start_run()

    def _start_run(self) -> None:
        self._codes: dict[Key, int] = {}
        self._keys: list[Key] = []
        self._term = array("I")
        self._doc = array("I")
        self._weight = array("d")
        self._ends = array("I")
        self._values = bytearray()

    def add(self, item: Posting) -> None:
        fieldname, text, docnum, weight, value = item
        code = self._codes.setdefault((fieldname, text), len(self._keys))
        if code == len(self._keys):
            self._keys.append((fieldname, text))
        self._term.append(code)
        self._doc.append(docnum)
        self._weight.append(weight)
        if value:
            self._values += value
        self._ends.append(len(self._values))
        if len(self._doc) >= self._limit:
            self._save_run()

    def add_field(self, fieldname: str, docnum: int,
                  postings: Iterable[tuple[bytes, int, float, bytes]], scorable: bool) -> int:
        """One field's postings for one paragraph; returns the field's length (the sum of its
        frequencies when ``scorable``), as Whoosh's ``add_document`` counts it."""
        codes, keys = self._codes, self._keys
        term, doc, weights, ends, values = self._term, self._doc, self._weight, self._ends, self._values
        length = 0
        for text, frequency, weight, value in postings:
            code = codes.setdefault((fieldname, text), len(keys))
            if code == len(keys):
                keys.append((fieldname, text))
            term.append(code)
            doc.append(docnum)
            weights.append(weight)
            if value:
                values += value
            ends.append(len(values))
            if scorable:
                length += frequency
        if len(doc) >= self._limit:
            self._save_run()
        return length

    def iter_postings(self) -> Iterator[Posting]:
        if not self._runs:
            yield from self._sorted_run().postings()
            return
        if self._doc:
            self._save_run()
        chunk = max(1_024, MERGE_POSTINGS // len(self._runs))
        readers = [_RunReader(path, chunk) for path in self._runs]
        merged = heapq.merge(*[reader.terms(i) for i, reader in enumerate(readers)])
        for key, tagged in groupby(merged, key=itemgetter(0)):
            fieldname, text = key
            postings = [(fieldname, text, doc, weight, value)
                        for _, i, count in tagged
                        for doc, weight, value in readers[i].take(count)]
            # Runs follow the order paragraphs were added in; should a merge of older
            # segments ever break that, the term's postings are put in order here.
            if any(a[2] >= b[2] for a, b in pairwise(postings)):
                postings.sort(key=itemgetter(2))
            yield from postings

    def cleanup(self) -> None:
        for path in self._runs:
            for part in _run_files(path):
                part.unlink(missing_ok=True)
        self._runs = []

    def _save_run(self) -> None:
        path = self._folder / f"run-{len(self._runs)}"
        self._sorted_run().save(path)
        self._runs.append(path)
        self._start_run()

    def _sorted_run(self) -> _SortedRun:
        """The run in (field, term, paragraph) order. Values stay where they were added; the
        run keeps where each one starts and ends."""
        keys = sorted(self._keys)
        rank = np.empty(len(keys), dtype=np.uint32)
        rank[[self._codes[k] for k in keys]] = np.arange(len(keys), dtype=np.uint32)
        term = rank[np.frombuffer(self._term, dtype=np.uint32)]
        counts = np.bincount(term, minlength=len(keys))
        doc = np.frombuffer(self._doc, dtype=np.uint32)
        order = np.lexsort((doc, term))
        del term
        ends = np.frombuffer(self._ends, dtype=np.uint32)
        starts = np.zeros_like(ends)
        starts[1:] = ends[:-1]
        return _SortedRun(keys, counts, doc[order], np.frombuffer(self._weight)[order],
                          starts[order], ends[order], bytes(self._values))


class _SortedRun:
    """A run in memory, in order: its terms, how many postings each, and the postings."""

    def __init__(self, keys: list[Key], counts: np.ndarray, docs: np.ndarray,
                 weights: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                 values: bytes) -> None:
        self._keys = keys
        self._counts = counts
        self._arrays = (docs, weights, starts, ends)
        self._values = values

    def postings(self) -> Iterator[Posting]:
        """Every posting in order, turned from arrays into tuples a chunk at a time (a slice
        per term would cost more than most terms' postings)."""
        terms = np.repeat(np.arange(len(self._keys), dtype=np.uint32), self._counts)
        keys, values = self._keys, self._values
        for start in range(0, len(terms), POSTINGS_PER_CHUNK):
            chunk = (a[start:start + POSTINGS_PER_CHUNK].tolist()
                     for a in (terms, *self._arrays))
            for code, doc, weight, begin, end in zip(*chunk, strict=True):
                key = keys[code]
                yield key[0], key[1], doc, weight, values[begin:end]

    def save(self, path: Path) -> None:
        """Terms with their counts as pickled chunks; paragraphs, weights, value lengths and
        the values themselves in posting order, so a merge reads each file front to back."""
        keys_file, docs_file, weights_file, lengths_file, values_file = _run_files(path)
        counts = self._counts.tolist()
        with keys_file.open("wb") as out:
            for start in range(0, len(self._keys), KEYS_PER_CHUNK):
                stop = start + KEYS_PER_CHUNK
                pickle.dump((self._keys[start:stop], counts[start:stop]), out,
                            protocol=pickle.HIGHEST_PROTOCOL)
        docs, weights, starts, ends = self._arrays
        docs.tofile(docs_file)
        weights.tofile(weights_file)
        (ends - starts).tofile(lengths_file)
        with values_file.open("wb") as out:
            for start in range(0, len(starts), POSTINGS_PER_CHUNK):
                stop = start + POSTINGS_PER_CHUNK
                out.write(b"".join([self._values[b:e] for b, e in
                                    zip(starts[start:stop].tolist(),
                                        ends[start:stop].tolist(), strict=True)]))


class _RunReader:
    """A saved run read front to back, a chunk at a time, so a merge of many runs holds a
    few chunks of each rather than the runs."""

    def __init__(self, path: Path, chunk: int) -> None:
        self._chunk = chunk
        self._keys_file, *files = _run_files(path)
        self._docs_file, self._weights_file, self._lengths_file, self._values_file = files
        self._offset = 0  # postings read so far
        self._values_at = 0  # and the bytes of their values
        self._buffer: list[tuple[int, float, bytes]] = []
        self._at = 0

    def terms(self, run: int) -> Iterator[tuple[Key, int, int]]:
        """(term, ``run``, postings): a term in several runs sorts by run, the order its
        paragraphs were added in."""
        with self._keys_file.open("rb") as f:
            while True:
                try:
                    keys, counts = pickle.load(f)
                except EOFError:
                    return
                for key, count in zip(keys, counts, strict=True):
                    yield key, run, count

    def take(self, count: int) -> list[tuple[int, float, bytes]]:
        taken: list[tuple[int, float, bytes]] = []
        while len(taken) < count:
            if self._at == len(self._buffer):
                self._refill()
            stop = min(len(self._buffer), self._at + count - len(taken))
            taken += self._buffer[self._at:stop]
            self._at = stop
        return taken

    def _refill(self) -> None:
        n = self._chunk
        docs = _read(self._docs_file, np.uint32, self._offset, n)
        weights = _read(self._weights_file, np.float64, self._offset, n)
        lengths = _read(self._lengths_file, np.uint32, self._offset, n)
        if not len(docs):
            raise ValueError(f"run {self._docs_file} ended early")
        with self._values_file.open("rb") as f:
            f.seek(self._values_at)
            values = f.read(int(lengths.sum()))
            self._values_at = f.tell()
        ends = np.cumsum(lengths).tolist()
        begins = [0, *ends[:-1]]
        self._buffer = [(doc, weight, values[b:e]) for doc, weight, b, e in
                        zip(docs.tolist(), weights.tolist(), begins, ends, strict=True)]
        self._offset += len(docs)
        self._at = 0


def _read(path: Path, dtype: type, offset: int, count: int) -> np.ndarray:
    return np.fromfile(path, dtype=dtype, count=count, offset=offset * np.dtype(dtype).itemsize)


def _run_files(path: Path) -> list[Path]:
    return [path.with_suffix(f".{part}") for part in ("keys", "docs", "weights", "lengths",
                                                      "values")]


class _Lengths:
    """The new segment's field lengths for Whoosh's field writer, a field's at a time."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._fields: dict[str, list[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self._fields.get(fieldname)
        if lengths is None:
            codes = length_codes(self._reader, fieldname)
            lengths = [] if codes is None else LENGTH_OF_BYTE[codes].tolist()
            self._fields[fieldname] = lengths
        return lengths[docnum] if lengths else default

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)

