"""Evaluate a parsed Whoosh query over whole posting lists: every match and its BM25F score.

A keystroke needs the exact total, facet counts and the distinct-copy count of *all* matches,
plus the top hits; Whoosh's matchers produce each match by a Python call (and score each one
again), so a common word cost ~170 ms at 160,000 paragraphs. Here each term's postings are
arrays (``postings.py``), AND/OR/NOT are sorted-array set operations and BM25F is vectorised,
with the same formula, statistics and field lengths Whoosh's ``BM25F`` uses, so the ranking is
Whoosh's. Phrases are intersected first and only the candidates' word positions are checked.

A match on an article-level field (title, outlet, author: indexed with the first paragraph
only) stands for every paragraph of that article, as it did when each paragraph carried them.

Query types this does not know fall back to Whoosh's own matcher for their document set
(scored 0), so any query Whoosh accepts still gives the right matches.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from whoosh import query as wq
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from .doctable import DocTable
from .postings import Postings, read_postings
from .schema import ARTICLE_FIELDS

_BM25 = BM25F()


@dataclass(frozen=True, slots=True)
class Matches:
    """Ascending live document numbers and each one's score."""

    ids: np.ndarray
    scores: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


NONE = Matches(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))


def evaluate(searcher: Searcher, table: DocTable, q: wq.Query,
             within: np.ndarray | None = None) -> Matches:
    """Every live document matching ``q`` with its score; with ``within`` (ascending document
    numbers), at least every match among those (callers intersect)."""
    found = _Evaluator(searcher, table).run(q, within)
    if table.has_deletions and len(found):
        keep = table.live[found.ids]
        found = Matches(found.ids[keep], found.scores[keep])
    return found


def ranked(found: Matches) -> np.ndarray:
    """Document numbers, highest score first, then by document number (Whoosh's order for
    equal scores)."""
    return found.ids[np.lexsort((found.ids, -found.scores))]


class _Evaluator:
    def __init__(self, searcher: Searcher, table: DocTable) -> None:
        self.searcher = searcher
        self.table = table

    # ``within``: the matches of the AND clauses already evaluated. A clause then only needs
    # to be right about those documents, so its posting lists are decoded only in the blocks
    # that can hold one (a rare word first makes the common ones cheap).

    def run(self, q: wq.Query, within: np.ndarray | None = None) -> Matches:
        found = self._node(q, within)
        boost = getattr(q, "boost", 1.0)
        if boost != 1.0 and not isinstance(q, (wq.Term, wq.Phrase)):
            found = Matches(found.ids, found.scores * boost)
        return found

    def _node(self, q: wq.Query, within: np.ndarray | None) -> Matches:
        if isinstance(q, (wq.Term, wq.Phrase)):
            if q.fieldname in ARTICLE_FIELDS:  # paragraph 1 stands for others: read it all
                found = self._leaf(q, None)
                return Matches(*self.table.whole_articles(found.ids, found.scores)) \
                    if len(found) else found
            return self._leaf(q, within)
        if isinstance(q, wq.And):
            return self._all_of(q.subqueries, within)
        if isinstance(q, wq.Or) and q.scale is None and not q.minmatch:
            return _union([self.run(c, within) for c in q.subqueries])
        if isinstance(q, wq.AndNot):
            kept = self.run(q.a, within)
            return _exclude(kept, self.run(q.b, kept.ids))
        if isinstance(q, wq.Require):
            required = self.run(q.a, within)
            scorer = self.run(q.b, required.ids)
            kept = _intersect([required, Matches(scorer.ids, np.zeros(len(scorer)))])
            return Matches(kept.ids, _scores_at(required, kept.ids))
        if isinstance(q, wq.AndMaybe):
            required = self.run(q.a, within)
            optional = self.run(q.b, required.ids)
            return Matches(required.ids,
                           required.scores + _scores_at(optional, required.ids, missing=0.0))
        if isinstance(q, wq.Not):  # Whoosh's inverse matcher scores each document 1
            every = self._every()
            return _exclude(Matches(every.ids, np.ones(len(every))), self.run(q.query, within))
        if isinstance(q, wq.Every):
            return self._every()
        if q is wq.NullQuery:
            return NONE
        return self._by_whoosh(q)

    def _all_of(self, clauses: list[wq.Query], within: np.ndarray | None) -> Matches:
        """AND: the clause expected to match least first, each next one read only where the
        ones before matched."""
        found: Matches | None = None
        for clause in sorted(clauses, key=self._estimate):
            part = self.run(clause, within if found is None else found.ids)
            found = part if found is None else _intersect([found, part])
            if not len(found):
                return NONE
        return found if found is not None else NONE

    def _estimate(self, q: wq.Query) -> int:
        """Roughly how many documents ``q`` matches, to order AND clauses."""
        if isinstance(q, wq.Term) and q.fieldname not in ARTICLE_FIELDS:
            return self.searcher.doc_frequency(q.fieldname, q.text)
        if isinstance(q, wq.Phrase) and q.fieldname not in ARTICLE_FIELDS and q.words:
            return min(self.searcher.doc_frequency(q.fieldname, w) for w in q.words)
        if isinstance(q, wq.Or):
            return sum(self._estimate(c) for c in q.subqueries)
        if isinstance(q, wq.And):
            return min((self._estimate(c) for c in q.subqueries), default=0)
        if isinstance(q, (wq.AndNot, wq.Require, wq.AndMaybe)):
            return self._estimate(q.a)
        return self.table.size

    def _leaf(self, q: wq.Term | wq.Phrase, within: np.ndarray | None) -> Matches:
        if isinstance(q, wq.Term):
            return self._term(q.fieldname, q.text, q.boost, within)
        return self._phrase(q, within)

    # -- leaves ----------------------------------------------------------------------------

    def _term(self, field: str, text: str, boost: float = 1.0,
              within: np.ndarray | None = None) -> Matches:
        if field not in self.searcher.schema:
            return NONE
        postings = self.table.postings(field, text, within)
        if not len(postings):
            return NONE
        return Matches(postings.ids, self._score(field, text, postings.ids, postings.weights)
                       * boost)

    def _score(self, field: str, text: str, ids: np.ndarray, weights: np.ndarray) -> np.ndarray:
        if not self.searcher.schema[field].scorable:
            return weights  # Whoosh scores unscorable fields (ids, keywords) by their weight
        idf = self.searcher.idf(field, text)
        avg = self.searcher.avg_field_length(field) or 1
        lengths = self.table.lengths(field)[ids]
        b, k1 = _BM25.B, _BM25.K1
        return idf * (weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / avg))

    def _phrase(self, q: wq.Phrase, within: np.ndarray | None) -> Matches:
        field = q.fieldname
        if field not in self.searcher.schema:
            return NONE
        words = [w for w in q.words if w]
        if not words:
            return NONE
        if len(words) == 1:
            return self._term(field, words[0], q.boost, within)
        decode = self.searcher.schema[field].format.decode_positions
        by_word: dict[str, Postings] = {}
        for word in sorted(set(words), key=lambda w: self.searcher.doc_frequency(field, w)):
            postings = read_postings(self.searcher, field, word, values=True, within=within)
            if not len(postings):
                return NONE
            by_word[word] = postings
            within = postings.ids if within is None else np.intersect1d(within, postings.ids)
        lists = [by_word[w] for w in words]
        candidates = lists[0].ids
        for postings in lists[1:]:
            candidates = np.intersect1d(candidates, postings.ids, assume_unique=True)
        slots = [np.searchsorted(p.ids, candidates) for p in lists]
        keep = np.fromiter(
            (_in_order([decode(p.values[s[i]]) for p, s in zip(lists, slots, strict=True)],
                       q.slop)
             for i in range(len(candidates))),
            dtype=bool, count=len(candidates))
        ids = candidates[keep]
        # Ranked by the words' BM25F scores summed (Whoosh scores the phrase's spans instead).
        scores = sum(
            (self._score(field, w, ids, p.weights[s[keep]])
             for w, p, s in zip(words, lists, slots, strict=True)),
            np.zeros(len(ids)),
        )
        return Matches(ids, scores * q.boost)

    def _every(self) -> Matches:
        ids = np.flatnonzero(self.table.live).astype(np.int64)
        return Matches(ids, np.zeros(len(ids)))

    def _by_whoosh(self, q: wq.Query) -> Matches:
        ids = np.fromiter(q.docs(self.searcher), dtype=np.int64)
        ids.sort()
        return Matches(ids, np.zeros(len(ids)))


def _in_order(positions: list[list[int]], slop: int) -> bool:
    """Whether each word follows the previous one within ``slop`` positions (Whoosh's
    ordered ``SpanNear2`` with ``mindist=1``)."""
    reached = set(positions[0])
    for following in positions[1:]:
        reached = {p for p in following if any(1 <= p - r <= slop for r in reached)}
        if not reached:
            return False
    return True


def _intersect(parts: list[Matches]) -> Matches:
    if not parts:
        return NONE
    parts = sorted(parts, key=len)
    ids = parts[0].ids
    for part in parts[1:]:
        ids = np.intersect1d(ids, part.ids, assume_unique=True)
    return Matches(ids, sum((_scores_at(p, ids) for p in parts), np.zeros(len(ids))))


def _union(parts: list[Matches]) -> Matches:
    parts = [p for p in parts if len(p)]
    if not parts:
        return NONE
    if len(parts) == 1:
        return parts[0]
    ids, where = np.unique(np.concatenate([p.ids for p in parts]), return_inverse=True)
    scores = np.bincount(where, weights=np.concatenate([p.scores for p in parts]),
                         minlength=len(ids))
    return Matches(ids, scores)


def _exclude(kept: Matches, dropped: Matches) -> Matches:
    keep = ~np.isin(kept.ids, dropped.ids, assume_unique=True)
    return Matches(kept.ids[keep], kept.scores[keep])


def _scores_at(found: Matches, ids: np.ndarray, missing: float | None = None) -> np.ndarray:
    """``found``'s scores for ``ids``; ids it lacks get ``missing`` (must be given then)."""
    if not len(found):
        return np.full(len(ids), missing if missing is not None else 0.0)
    slots = np.minimum(np.searchsorted(found.ids, ids), len(found) - 1)
    scores = found.scores[slots]
    if missing is not None:
        scores = np.where(found.ids[slots] == ids, scores, missing)
    return scores
