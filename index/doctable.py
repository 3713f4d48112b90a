"""Per-document arrays for one searcher: which documents are live, field lengths for BM25,
facet memberships and wire-copy clusters.

They are index data, not results: read once when a searcher is first used and dropped with
it, so a commit (which brings a new searcher) brings fresh arrays. With them a query's
total, facet counts and distinct-copy count are array operations over its matches instead of
a Python loop per matching paragraph.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path

import numpy as np
from whoosh.searching import Searcher

from .frequent import FIELD as FREQUENT_FIELD
from .frequent import FrequentPostings, load_frequent
from .postings import LENGTH_OF_BYTE, Postings, length_codes, read_postings
from .spelling import VocabularyCorrector

# Facets whose values are few (a bool array each) and the field holding them.
MASK_FACETS = {"topic": "topic", "outlet": "outlet_name"}
SPEAKER_FIELD = "speaker_name"


class DocTable:
    """Arrays indexed by top-level document number."""

    def __init__(self, searcher: Searcher, directory: Path | None = None) -> None:
        self._searcher = searcher
        self._directory = directory
        self.size = searcher.reader().doc_count_all()
        self._lengths: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    @cached_property
    def live(self) -> np.ndarray:
        """True for documents not deleted by a later update."""
        live = np.ones(self.size, dtype=bool)
        for leaf, offset in self._searcher.leaf_searchers():
            reader = leaf.reader()
            if reader.has_deletions():
                gone = np.fromiter(reader.deleted_docs_set, dtype=np.int64)
                live[gone + offset] = False
        return live

    def prepare(self) -> None:
        """Build every array now, in the caller's thread, instead of in the first searches."""
        for field in ("text", "title"):
            self.lengths(field)
        _ = (self.masks, self.speakers, self._members, self._articles, self.outlets,
             self._browse_order, self.corrector, self.frequent)

    @cached_property
    def frequent(self) -> FrequentPostings | None:
        """The commonest words' postings as arrays (``frequent.py``), when written."""
        if self._directory is None:
            return None
        return load_frequent(self._directory, self._searcher.reader().generation())

    def postings(self, field: str, text: str, within: np.ndarray | None = None) -> Postings:
        """A term's postings without positions: from the frequent-word arrays when the word is
        there, else decoded from Whoosh's blocks (only those near ``within``)."""
        if field == FREQUENT_FIELD and self.frequent is not None:
            found = self.frequent.get(text)
            if found is not None:
                return found
        return read_postings(self._searcher, field, text, within=within)

    @cached_property
    def corrector(self) -> VocabularyCorrector:
        """Read on the first misspelling unless ``prepare`` ran."""
        return VocabularyCorrector(self._searcher.reader(), "text")

    @cached_property
    def has_deletions(self) -> bool:
        return not bool(self.live.all())

    def live_ids(self, ids: np.ndarray) -> np.ndarray:
        return ids[self.live[ids]] if self.has_deletions else ids

    def lengths(self, field: str) -> np.ndarray:
        """Each document's length in ``field`` as BM25 sees it (Whoosh stores it in one byte)."""
        with self._lock:
            if field not in self._lengths:
                self._lengths[field] = self._read_lengths(field)
            return self._lengths[field]

    def _read_lengths(self, field: str) -> np.ndarray:
        codes = np.zeros(self.size, dtype=np.uint8)
        for leaf, offset in self._searcher.leaf_searchers():
            stored = length_codes(leaf.reader()._perdoc, field)
            if stored is not None:
                codes[offset : offset + len(stored)] = stored
        return LENGTH_OF_BYTE[codes].astype(np.float64)

    @cached_property
    def masks(self) -> Mapping[str, Mapping[str, np.ndarray]]:
        """facet -> value -> bool array of the documents carrying it."""
        out: dict[str, dict[str, np.ndarray]] = {}
        for facet, field in MASK_FACETS.items():
            by_value: dict[str, np.ndarray] = {}
            for value in self._values(field):
                mask = np.zeros(self.size, dtype=bool)
                mask[read_postings(self._searcher, field, value).ids] = True
                by_value[value] = mask & self.live
            out[facet] = by_value
        return out

    @cached_property
    def speakers(self) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
        """(names, document numbers, name codes): one pair per (paragraph, speaker). Names are
        in the order facet lists break ties in (case-folded), so a stable sort by count alone
        orders them: a common word's keystroke counts ~1,200 speakers at 156,000 paragraphs."""
        names = tuple(sorted(self._values(SPEAKER_FIELD), key=lambda n: (n.casefold(), n)))
        docs, codes = [], []
        for code, name in enumerate(names):
            ids = self.live_ids(read_postings(self._searcher, SPEAKER_FIELD, name).ids)
            docs.append(ids)
            codes.append(np.full(len(ids), code, dtype=np.int32))
        if not names:
            return (), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int32)
        return names, np.concatenate(docs), np.concatenate(codes)

    @cached_property
    def clusters(self) -> np.ndarray:
        """A number per wire-copy cluster (paragraphs with the same ``dup_key`` share it)."""
        return np.unique(self._column("dup_key"), return_inverse=True)[1].astype(np.int64)

    @cached_property
    def _articles(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(each document's article number, documents ordered by article, where each
        article's run starts in that order)."""
        codes = np.unique(self._column("article_id"), return_inverse=True)[1].astype(np.int64)
        order = np.argsort(codes, kind="stable")
        return codes, order, np.searchsorted(codes[order], np.arange(codes.max(initial=-1) + 2))

    def whole_articles(self, ids: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every paragraph of the articles ``ids`` belong to, each with its article's score
        (for fields indexed once per article: see ``schema.ARTICLE_FIELDS``)."""
        codes, order, starts = self._articles
        articles = codes[ids]
        counts = starts[articles + 1] - starts[articles]
        offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        docs = order[np.repeat(starts[articles], counts) + offsets]
        spread = np.repeat(scores, counts)
        keep = np.argsort(docs, kind="stable")
        return docs[keep], spread[keep]

    @cached_property
    def _members(self) -> tuple[np.ndarray, np.ndarray]:
        order = np.argsort(self.clusters, kind="stable")
        return order, np.searchsorted(self.clusters[order], np.arange(self.clusters.max(initial=-1) + 2))

    def copies(self, docnum: int) -> np.ndarray:
        """The live paragraphs in ``docnum``'s wire-copy cluster, itself included."""
        order, starts = self._members
        code = self.clusters[docnum]
        return self.live_ids(order[starts[code] : starts[code + 1]])

    @cached_property
    def outlets(self) -> tuple[tuple[str, ...], np.ndarray]:
        """(outlet names, each document's index into them; -1 for none)."""
        names = tuple(self.masks["outlet"])
        codes = np.full(self.size, -1, dtype=np.int32)
        for code, name in enumerate(names):
            codes[self.masks["outlet"][name]] = code
        return names, codes

    @cached_property
    def months(self) -> tuple[tuple[str, ...], np.ndarray]:
        """(months in order, "" first for undated; each document's month code), for the
        month facet."""
        raw = self._column("date")
        text = [v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v or "") for v in raw]
        names, codes = np.unique(np.array([t[:7] for t in text], dtype=object).astype(str),
                                 return_inverse=True)
        return tuple(str(n) for n in names), codes.astype(np.int64)

    @cached_property
    def browse_rank(self) -> np.ndarray:
        """Each document's place when browsing: newest article first, then paragraph order."""
        dates = np.unique(self._column("date"), return_inverse=True)[1]
        order = np.lexsort((self._column("paragraph"), self._column("article_id"), -dates))
        rank = np.empty(self.size, dtype=np.int64)
        rank[order] = np.arange(self.size)
        return rank

    @cached_property
    def _browse_order(self) -> np.ndarray:
        live = np.flatnonzero(self.live)
        return live[np.argsort(self.browse_rank[live], kind="stable")]

    def browse_order(self, ids: np.ndarray) -> np.ndarray:
        """``ids`` (ascending, live) newest article first; every live document's order is
        kept, so browsing the whole index (the empty query) sorts nothing."""
        if len(ids) == len(self._browse_order):
            return self._browse_order
        return ids[np.argsort(self.browse_rank[ids], kind="stable")]

    def _column(self, field: str) -> np.ndarray:
        """A sortable field's stored column, untranslated (bytes or numbers sort as stored)."""
        return np.array(list(self._searcher.reader().column_reader(field, translate=False)))

    def _values(self, field: str) -> list[str]:
        return [t.decode("utf-8") for t in self._searcher.lexicon(field)]


_TABLES: dict[int, tuple[Searcher, DocTable]] = {}
_TABLES_LOCK = threading.Lock()
_KEEP = 4  # open indexes in one process (tests, a TUI and a CLI call) rarely exceed this


def doc_table(searcher: Searcher, directory: Path | None = None) -> DocTable:
    """The table for this searcher, made on first use; the oldest tables are dropped.

    ``directory`` is the index's, where the frequent-word arrays of its commits are.
    """
    with _TABLES_LOCK:
        entry = _TABLES.get(id(searcher))
        if entry is None or entry[0] is not searcher:
            entry = (searcher, DocTable(searcher, directory))
            _TABLES[id(searcher)] = entry
            while len(_TABLES) > _KEEP:
                del _TABLES[next(iter(_TABLES))]
        return entry[1]
