"""Feeding Whoosh's segment writer faster: postings held as arrays, written a term at a time.

Whoosh's writer keeps every posting as a five-item tuple in a pool that it sorts, and past its
size limit it pickles the pool to disk one posting at a time and merges the runs back through a
heap. At 15,600 paragraphs (614,000 postings) that pickling and merging was a fifth of the
build; raising the limit instead grows memory past the 400 MB target at 156,000 paragraphs.
Here a posting is four array entries (term code, paragraph, weight, value bytes); a full run is
sorted with numpy and written as flat files, and runs are merged term by term (a later run only
holds later paragraphs), each read front to back a chunk at a time: at 156,000 paragraphs the
build peaks at ~330 MB (Whoosh's pool: ~350 MB) and takes ~125 s instead of 229 s.

Whoosh then writes the segment a posting at a time, several Python calls each, reading each
posting's field length back from the lengths file one byte at a time. ``write_terms`` hands
its block writer a term's postings at once, with each field's lengths read once; Whoosh's own
code still encodes every block and term entry.

Both plug into a ``SegmentWriter`` through ``tune(writer)``: whoosh-reloaded 2.7.5 is frozen,
and ``tests/index/test_pool.py`` checks that a build writes byte-identical segment files to
Whoosh's own writer, and that a merge keeps every posting.
"""

from __future__ import annotations

import heapq
import pickle
from array import array
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby, pairwise
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from .postings import LENGTH_OF_BYTE, length_codes

Posting = tuple[str, bytes, int, float, bytes]
Key = tuple[str, bytes]
Chunk = tuple[list[int], list[float], list[bytes]]  # paragraphs, weights, values


class TermPostings(NamedTuple):
    fieldname: str
    text: bytes
    docs: list[int]
    weights: list[float]
    values: list[bytes]


# Postings per run before it goes to disk: ~10 MB of arrays, ~15 MB more while it is sorted
# (a million made the build peak at 383 MB at 156,000 paragraphs; this, 332 MB, as fast).
RUN_POSTINGS = 500_000
POSTINGS_PER_CHUNK = 65_536  # postings turned from arrays into lists at a time
KEYS_PER_CHUNK = 2_048  # terms of a saved run read back at a time while merging
# Postings of all saved runs held as Python objects at once while merging (a million paragraphs make
# ~75 runs; 65,536 each took 470 MB).
MERGE_POSTINGS = 262_144


def tune(writer: Any, run_postings: int = RUN_POSTINGS) -> None:
    """Give a fresh ``SegmentWriter`` the array pool and a term-at-a-time flush."""
    writer.pool = ArrayPool(Path(writer.temp_storage().folder), run_postings)
    writer._flush_segment = lambda: _flush(writer)


def _flush(writer: Any) -> None:
    """``SegmentWriter._flush_segment``, with the postings written a term at a time."""
    writer.perdocwriter.close()
    lengths = _Lengths(writer.per_document_reader()) if writer.codec.length_stats else None
    write_terms(writer.fieldwriter, writer.schema, lengths, writer.pool.iter_terms())
    writer.fieldwriter.close()
    if lengths is not None:
        lengths.close()


def write_terms(fieldwriter: Any, schema: Any, lengths: _Lengths | None,
                terms: Iterable[TermPostings]) -> None:
    """What Whoosh's ``FieldWriter.add_postings`` does with a stream of single postings, done
    with each term's postings at once: the same calls and the same bytes (Whoosh's own block
    writer encodes every block), without several Python calls per posting."""
    current = None
    field_lengths: list[int] | None = None
    for term in terms:
        if term.fieldname != current:
            if current is not None:
                fieldwriter.finish_field()
            current = term.fieldname
            fieldwriter.start_field(current, schema[current])
            field_lengths = lengths.of(current) if lengths is not None else None
        fieldwriter.start_term(term.text)
        _fill_blocks(fieldwriter._postwriter, term, field_lengths)
        fieldwriter.finish_term()
    if current is not None:
        fieldwriter.finish_field()


def _fill_blocks(postings: Any, term: TermPostings, field_lengths: list[int] | None) -> None:
    """Fill a ``W3PostingsWriter``'s block buffers and statistics as its ``add_posting``
    would, a block (``blocklimit`` postings) at a time; ``finish_term`` writes the last."""
    limit = postings._blocklimit
    for start in range(0, len(term.docs), limit):
        if start:
            postings._write_block()
        stop = start + limit
        ids = term.docs[start:stop]
        weights = term.weights[start:stop]
        postings._ids = array("I", ids)
        postings._weights = array("f", weights)
        postings._values = [value for value in term.values[start:stop] if value]
        postings._maxweight = max(0, *weights)
        found = [n for n in (field_lengths[d] for d in ids) if n] if field_lengths else []
        postings._minlength = min(found) if found else None
        postings._maxlength = max(found) if found else 0


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
        """One posting, as Whoosh's own paths hand them over (re-tagging, segment merges)."""
        fieldname, text, docnum, weight, value = item
        self.add_field(fieldname, docnum, ((text, 0, weight, value),), scorable=False)

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

    def iter_terms(self) -> Iterator[TermPostings]:
        """Every term with its postings, in (field, term) order, each in paragraph order."""
        if not self._runs:
            run = self._sorted_run()
            chunks = run.chunks()
            for (fieldname, text), count in zip(run.keys, run.counts.tolist(), strict=True):
                yield TermPostings(fieldname, text, *chunks.take(count))
            return
        if self._doc:
            self._save_run()
        chunk = max(1_024, MERGE_POSTINGS // len(self._runs))
        readers = [_RunReader(path, chunk) for path in self._runs]
        merged = heapq.merge(*[reader.terms(i) for i, reader in enumerate(readers)])
        for (fieldname, text), tagged in groupby(merged, key=itemgetter(0)):
            docs: list[int] = []
            weights: list[float] = []
            values: list[bytes] = []
            for _, i, count in tagged:
                more_docs, more_weights, more_values = readers[i].chunks.take(count)
                docs += more_docs
                weights += more_weights
                values += more_values
            # Runs follow the order paragraphs were added in; should a merge of older
            # segments ever break that, the term's postings are put in order here.
            if any(a >= b for a, b in pairwise(docs)):
                docs, weights, values = (list(c) for c in zip(
                    *sorted(zip(docs, weights, values, strict=True), key=itemgetter(0)),
                    strict=True))
            yield TermPostings(fieldname, text, docs, weights, values)

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
        self.keys = keys
        self.counts = counts
        self._arrays = (docs, weights, starts, ends)
        self._values = values

    def chunks(self) -> _Chunks:
        """The postings in order, turned from arrays into lists a chunk at a time (a slice per
        term would cost more than most terms' postings)."""
        docs, weights, starts, ends = self._arrays
        bounds = iter(range(0, len(docs), POSTINGS_PER_CHUNK))

        def refill() -> Chunk:
            start = next(bounds, len(docs))
            stop = start + POSTINGS_PER_CHUNK
            return (docs[start:stop].tolist(), weights[start:stop].tolist(),
                    [self._values[b:e] for b, e in zip(starts[start:stop].tolist(),
                                                        ends[start:stop].tolist(), strict=True)])

        return _Chunks(refill)

    def save(self, path: Path) -> None:
        """Terms with their counts as pickled chunks; paragraphs, weights, value lengths and
        the values themselves in posting order, so a merge reads each file front to back."""
        keys_file, docs_file, weights_file, lengths_file, values_file = _run_files(path)
        counts = self.counts.tolist()
        with keys_file.open("wb") as out:
            for start in range(0, len(self.keys), KEYS_PER_CHUNK):
                stop = start + KEYS_PER_CHUNK
                pickle.dump((self.keys[start:stop], counts[start:stop]), out,
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


class _Chunks:
    """Postings as three lists (paragraphs, weights, values) refilled a chunk at a time;
    ``take`` hands out the next ``count`` of them."""

    def __init__(self, refill: Callable[[], Chunk]) -> None:
        self._refill = refill
        self._docs: list[int] = []
        self._weights: list[float] = []
        self._values: list[bytes] = []
        self._at = 0

    def take(self, count: int) -> Chunk:
        docs: list[int] = []
        weights: list[float] = []
        values: list[bytes] = []
        while count:
            if self._at == len(self._docs):
                self._docs, self._weights, self._values = self._refill()
                self._at = 0
                if not self._docs:
                    raise ValueError("a run of postings ended early")
            stop = min(len(self._docs), self._at + count)
            docs += self._docs[self._at:stop]
            weights += self._weights[self._at:stop]
            values += self._values[self._at:stop]
            count -= stop - self._at
            self._at = stop
        return docs, weights, values


class _RunReader:
    """A saved run read front to back, a chunk at a time, so a merge of many runs holds a
    few chunks of each rather than the runs."""

    def __init__(self, path: Path, chunk: int) -> None:
        self._chunk = chunk
        self._keys_file, *files = _run_files(path)
        self._docs_file, self._weights_file, self._lengths_file, self._values_file = files
        self._offset = 0  # postings read so far
        self._values_at = 0  # and the bytes of their values
        self.chunks = _Chunks(self._refill)

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

    def _refill(self) -> Chunk:
        n = self._chunk
        docs = _read(self._docs_file, np.uint32, self._offset, n)
        weights = _read(self._weights_file, np.float64, self._offset, n)
        lengths = _read(self._lengths_file, np.uint32, self._offset, n)
        with self._values_file.open("rb") as f:
            f.seek(self._values_at)
            values = f.read(int(lengths.sum()))
            self._values_at = f.tell()
        ends = np.cumsum(lengths).tolist()
        begins = [0, *ends[:-1]]
        self._offset += len(docs)
        return (docs.tolist(), weights.tolist(),
                [values[b:e] for b, e in zip(begins, ends, strict=True)])


def _read(path: Path, dtype: type, offset: int, count: int) -> np.ndarray:
    return np.fromfile(path, dtype=dtype, count=count, offset=offset * np.dtype(dtype).itemsize)


def _run_files(path: Path) -> list[Path]:
    return [path.with_suffix(f".{part}") for part in ("keys", "docs", "weights", "lengths",
                                                      "values")]


class _Lengths:
    """The new segment's field lengths, a field's read at once (Whoosh's field writer read
    each posting's length back a byte at a time, through several calls)."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader

    def of(self, fieldname: str) -> list[int] | None:
        codes = length_codes(self._reader, fieldname)
        return None if codes is None else LENGTH_OF_BYTE[codes].tolist()

    def close(self) -> None:
        self._reader.close()
