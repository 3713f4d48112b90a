"""Feeding Whoosh's segment writer faster: postings held as arrays, lengths read once.

Whoosh's writer keeps every posting as a five-item tuple in a pool that it sorts, and past its
size limit it pickles the pool to disk one posting at a time and merges the runs back through a
heap. At 15,600 paragraphs (614,000 postings) that pickling and merging was a fifth of the
build; raising the limit instead grows memory past the 400 MB target at 156,000 paragraphs.
Here a posting is four array entries (term code, paragraph, weight, value bytes); a full run is
sorted with numpy and written as arrays, and runs are merged term by term (a later run only
holds later paragraphs), never posting by posting.

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
from collections.abc import Iterator
from itertools import groupby, pairwise, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np
from whoosh.util.numeric import byte_to_length

from .doctable import length_codes

Posting = tuple[str, bytes, int, float, bytes | None]
Key = tuple[str, bytes]

RUN_POSTINGS = 2_000_000  # ~40 MB of arrays per run before it goes to disk


def tune(writer: Any, run_postings: int = RUN_POSTINGS) -> None:
    """Give a fresh ``SegmentWriter`` the array pool and the length reader."""
    writer.pool = ArrayPool(Path(writer.temp_storage().folder), run_postings)
    original = writer.per_document_reader
    writer.per_document_reader = lambda: _Lengths(original())


class ArrayPool:
    """What Whoosh's ``PostingPool`` does for a ``SegmentWriter``: take postings in any
    order, give them back sorted by field, term and paragraph."""

    def __init__(self, folder: Path, run_postings: int = RUN_POSTINGS) -> None:
        self.fieldnames: set[str] = set()
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
        self._ends = array("Q")
        self._values = bytearray()

    def add(self, item: Posting) -> None:
        fieldname, text, docnum, weight, value = item
        code = self._codes.setdefault((fieldname, text), len(self._keys))
        if code == len(self._keys):
            self._keys.append((fieldname, text))
            self.fieldnames.add(fieldname)
        self._term.append(code)
        self._doc.append(docnum)
        self._weight.append(weight)
        if value:
            self._values += value
        self._ends.append(len(self._values))
        if len(self._doc) >= self._limit:
            self._save_run()

    def iter_postings(self) -> Iterator[Posting]:
        current = self._sorted_run()
        if not self._runs:
            yield from current.postings()
            return
        runs = [_Run.load(path) for path in self._runs] + [current]
        merged = heapq.merge(*[zip(run.keys, repeat(i)) for i, run in enumerate(runs)])
        cursors = [0] * len(runs)
        for key, tagged in groupby(merged, key=itemgetter(0)):
            postings: list[Posting] = []
            for _, i in tagged:
                start = cursors[i]
                cursors[i] = start + runs[i].counts[runs[i].index[key]]
                postings += runs[i].slice(key, start, cursors[i])
            # Runs follow the order paragraphs were added in; should a merge of older
            # segments ever break that, the term's postings are put in order here.
            if any(a[2] >= b[2] for a, b in pairwise(postings)):
                postings.sort(key=itemgetter(2))
            yield from postings

    def cleanup(self) -> None:
        for path in self._runs:
            for part in _Run.files(path):
                part.unlink(missing_ok=True)
        self._runs = []

    def _save_run(self) -> None:
        path = self._folder / f"run-{len(self._runs)}"
        self._sorted_run().save(path)
        self._runs.append(path)
        self._start_run()

    def _sorted_run(self) -> _Run:
        keys = sorted(self._keys)
        rank = np.empty(len(keys), dtype=np.int64)
        rank[[self._codes[k] for k in keys]] = np.arange(len(keys))
        term = rank[np.frombuffer(self._term, dtype=np.uint32)]
        doc = np.frombuffer(self._doc, dtype=np.uint32)
        order = np.lexsort((doc, term))
        ends = np.frombuffer(self._ends, dtype=np.uint64).astype(np.int64)
        starts = np.concatenate(([0], ends[:-1]))
        values = np.frombuffer(bytes(self._values), dtype=np.uint8)
        lengths = (ends - starts)[order]
        gather = np.repeat(starts[order] - np.concatenate(([0], np.cumsum(lengths)[:-1])),
                           lengths) + np.arange(int(lengths.sum()))
        return _Run(keys, np.bincount(term, minlength=len(keys)), doc[order],
                    np.frombuffer(self._weight, dtype=np.float64)[order],
                    np.cumsum(lengths), values[gather])


class _Run:
    """One sorted run: its terms in order, how many postings each, and the postings as arrays
    (memory-mapped once saved, so merging holds no run in memory)."""

    NAMES = ("docs", "weights", "ends", "values")

    def __init__(self, keys: list[Key], counts: np.ndarray, docs: np.ndarray,
                 weights: np.ndarray, value_ends: np.ndarray, values: np.ndarray) -> None:
        self.keys = keys
        self.counts = counts.tolist()
        self.index = {key: i for i, key in enumerate(keys)}
        self._arrays = (docs, weights, value_ends, values)

    def postings(self, chunk: int = 65_536) -> Iterator[Posting]:
        """Every posting in order, converted from the arrays a chunk at a time (a slice per
        term would cost more than the postings of most terms)."""
        all_docs, all_weights, all_ends, all_values = self._arrays
        terms = np.repeat(np.arange(len(self.keys)), self.counts)
        keys = self.keys
        for start in range(0, len(terms), chunk):
            stop = min(start + chunk, len(terms))
            base = int(all_ends[start - 1]) if start else 0
            ends = all_ends[start:stop].tolist()
            values = all_values[base:ends[-1]].tobytes()
            begin = 0
            for code, doc, weight, end in zip(terms[start:stop].tolist(),
                                              all_docs[start:stop].tolist(),
                                              all_weights[start:stop].tolist(), ends,
                                              strict=True):
                end -= base
                yield keys[code][0], keys[code][1], doc, weight, values[begin:end]
                begin = end

    def slice(self, key: Key, start: int, stop: int) -> list[Posting]:
        fieldname, text = key
        all_docs, all_weights, all_ends, all_values = self._arrays
        base = int(all_ends[start - 1]) if start else 0
        ends = all_ends[start:stop].tolist()
        values = all_values[base:ends[-1]].tobytes() if ends else b""
        begins = [0] + [end - base for end in ends[:-1]]
        return [(fieldname, text, doc, weight, values[begin:end - base])
                for doc, weight, begin, end in zip(all_docs[start:stop].tolist(),
                                                   all_weights[start:stop].tolist(),
                                                   begins, ends, strict=True)]

    def save(self, path: Path) -> None:
        with path.with_suffix(".keys").open("wb") as out:
            pickle.dump((self.keys, self.counts), out, protocol=pickle.HIGHEST_PROTOCOL)
        for name, values in zip(self.NAMES, self._arrays, strict=True):
            np.save(path.with_suffix(f".{name}.npy"), values)

    @classmethod
    def load(cls, path: Path) -> _Run:
        with path.with_suffix(".keys").open("rb") as f:
            keys, counts = pickle.load(f)
        arrays = [np.load(path.with_suffix(f".{name}.npy"), mmap_mode="r")
                  for name in cls.NAMES]
        return cls(keys, np.asarray(counts), *arrays)

    @classmethod
    def files(cls, path: Path) -> list[Path]:
        return [path.with_suffix(".keys")] + [path.with_suffix(f".{n}.npy") for n in cls.NAMES]


class _Lengths:
    """The new segment's field lengths for Whoosh's field writer, a field's at a time."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._fields: dict[str, list[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self._fields.get(fieldname)
        if lengths is None:
            codes = length_codes(self._reader, fieldname)
            lengths = self._fields[fieldname] = [] if codes is None else _LENGTH[codes].tolist()
        return lengths[docnum] if lengths else default

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


_LENGTH = np.array([byte_to_length(b) for b in range(256)], dtype=np.int64)
