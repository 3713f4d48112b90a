"""Searching an open index: hits with highlight spans, totals, facets and "did you mean".

Everything returned is a plain value copied out while the searcher is held, so callers (the CLI,
the TUI's worker threads, benchmarks) never touch live Whoosh objects.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from whoosh import highlight
from whoosh import query as wq
from whoosh.searching import Results, Searcher
from whoosh.sorting import FieldFacet

from .errors import QueryError
from .query import clean_query, date_filter, parse_query
from .schema import TEXT_ANALYZER
from .store import BriefingIndex, facet_names

FACET_FIELDS = {"topic": "topic", "outlet": "outlet_name", "speaker": "speaker_name"}


@dataclass(frozen=True, slots=True)
class Fragment:
    """A highlighted excerpt: ``text`` plus (start, end) spans of matches within it."""

    text: str
    matches: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    article_id: str
    title: str
    outlet: str
    date: str
    author: str
    url: str
    path: str
    paragraph: int
    paragraphs: int
    text: str
    start: int
    end: int
    topics: tuple[str, ...]
    claims: tuple[dict[str, Any], ...]
    heading: bool = False
    score: float = 0.0
    highlights: tuple[Fragment, ...] = ()
    tags: tuple[str, ...] = ()
    dup_key: str = ""
    also_in: tuple[str, ...] = ()  # other outlets that published this paragraph (wire copy)

    @property
    def speakers(self) -> tuple[str, ...]:
        """Who makes this paragraph's claims, each once, in order of appearance."""
        return tuple(dict.fromkeys(str(c["speaker"]) for c in self.claims if c.get("speaker")))

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "title": self.title,
            "outlet": self.outlet,
            "date": self.date or None,
            "author": self.author or None,
            "url": self.url or None,
            "paragraph": self.paragraph,
            "paragraphs": self.paragraphs,
            "text": self.text,
            "highlights": [
                {"text": f.text, "matches": [list(m) for m in f.matches]} for f in self.highlights
            ],
            "topics": list(self.topics),
            "also_in": list(self.also_in),
            "claims": [
                {k: c[k] for k in ("speaker", "cue", "content", "kind")} for c in self.claims
            ],
            "score": round(self.score, 4),
        }


@dataclass(frozen=True, slots=True)
class SearchResult:
    """``total`` counts matching paragraphs (the facets count the same way, so every outlet
    that published a wire copy is counted); ``distinct`` counts them once per copy, as
    ``hits`` lists them."""

    query: str
    total: int
    hits: tuple[Hit, ...]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str | None = None
    distinct: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "distinct": self.distinct,
            "hits": [h.to_json() for h in self.hits],
            "facets": self.facets,
            "suggestion": self.suggestion,
        }


class _SpanFormatter(highlight.Formatter):
    """Return fragments as (text, spans) instead of HTML, so no markup is ever built."""

    def format(self, fragments, replace=False):
        out = []
        for frag in fragments:
            spans = tuple(
                (t.startchar - frag.startchar, t.endchar - frag.startchar)
                for t in sorted(frag.matches, key=lambda t: t.startchar)
                if t.startchar is not None
            )
            out.append(Fragment(frag.text[frag.startchar : frag.endchar], spans))
        return out


_HIGHLIGHTER = highlight.Highlighter(
    fragmenter=highlight.ContextFragmenter(maxchars=240, surround=80),
    formatter=_SpanFormatter(),
)


def search(
    index: BriefingIndex,
    text: str = "",
    *,
    topics: Sequence[str] = (),
    outlets: Sequence[str] = (),
    speakers: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    highlight_top: int | None = None,
    lenient: bool = False,
    prefix_last: bool = False,
) -> SearchResult:
    """Search paragraphs; filters AND together, values within one filter OR together.

    ``highlight_top`` limits highlighting to the first hits (the ones on screen); ``None``
    highlights all returned hits. Raises ``QueryError`` for a malformed query or filter.
    """
    q = parse_query(text, lenient=lenient, prefix_last=prefix_last)
    with index.lock:
        searcher = index.searcher()
        q = _cap_expansions(q, searcher)
        restrict = _filters(index, searcher, topics, outlets, speakers, since, until)
        full = wq.And([q, restrict]) if restrict is not None else q
        browsing = isinstance(q, wq.Every)
        try:
            results = searcher.search(
                q,
                filter=restrict,
                limit=limit * 2 if limit else limit,  # room for wire copies folded away
                sortedby=[FieldFacet("date", reverse=True), FieldFacet("article_id"),
                          FieldFacet("paragraph")] if browsing else None,
            )
            results.highlighter = _HIGHLIGHTER
            results.fragmenter = _HIGHLIGHTER.fragmenter
            hits = _distinct_hits(searcher, results, limit, highlight_top, browsing)
            matched = list(full.docs(searcher))
            facets = _facet_counts(index, searcher, matched)
            keys = searcher.reader().column_reader("dup_key")
            distinct = len({keys[d] for d in matched})
        except (UnicodeError, ValueError, TypeError, IndexError) as exc:
            raise QueryError(f"cannot run query {clean_query(text)!r}: {exc}") from None
        suggestion = None
        if not matched and not browsing:
            suggestion = _suggest(searcher, q, clean_query(text), restrict)
    return SearchResult(clean_query(text), len(matched), hits, facets, suggestion, distinct)


def _distinct_hits(searcher: Searcher, results: Results, limit: int | None,
                   highlight_top: int | None, browsing: bool) -> tuple[Hit, ...]:
    """One hit per wire copy (the best-ranked), naming the other outlets that published it."""
    hits: list[Hit] = []
    seen: set[str] = set()
    for result in results:
        key = result.get("dup_key") or result.get("id")
        if key in seen:
            continue
        seen.add(key)
        highlighted = not browsing and (highlight_top is None or len(hits) < highlight_top)
        hit = _hit(result, with_highlights=highlighted)
        if searcher.doc_frequency("dup_key", key) > 1:  # most paragraphs have no copy
            others = sorted({d.get("outlet_name", "") for d in searcher.documents(dup_key=key)}
                            - {hit.outlet, ""})
            hit = replace(hit, also_in=tuple(others)) if others else hit
        hits.append(hit)
        if limit is not None and len(hits) >= limit:
            break
    return tuple(hits)


def _cap_expansions(q: wq.Query, searcher: Searcher) -> wq.Query:
    """Replace each prefix or wildcard with its ``MAX_EXPANSIONS`` most frequent words, so a
    short pattern costs a bounded number of posting lists, not one per matching word."""
    if isinstance(q, (wq.Prefix, wq.Wildcard)):
        reader = searcher.reader()
        field = q.field()
        terms = [(reader.doc_frequency(f, t), f, t) for f, t in q.expanded_terms(reader)]
        terms.sort(key=lambda x: -x[0])
        words = [wq.Term(f, searcher.schema[f].from_bytes(t), boost=q.boost)
                 for _, f, t in terms[:MAX_EXPANSIONS]]
        return wq.Or(words) if words else wq.Term(field, q.text)
    if q.is_leaf():
        return q
    return q.apply(lambda child: _cap_expansions(child, searcher))


MAX_EXPANSIONS = 24


def _filters(index, searcher, topics, outlets, speakers, since, until) -> wq.Query | None:
    parts: list[wq.Query] = []
    if topics:
        names = [index.topics.resolve(t) for t in topics]
        parts.append(wq.Or([wq.Term("topic", n.lower()) for n in names]))
    for field_name, values, label in (("outlet_name", outlets, "outlet"),
                                      ("speaker_name", speakers, "speaker")):
        if values:
            known = {v.casefold(): v for v in facet_names(searcher, field_name)}
            missing = [v for v in values if v.casefold() not in known]
            if missing:
                raise QueryError(f"no {label} named {missing[0]!r} in this index")
            parts.append(wq.Or([wq.Term(field_name, known[v.casefold()]) for v in values]))
    dates = date_filter(since, until)
    if dates is not None:
        parts.append(dates)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


def facet_values(index: BriefingIndex, facet: str) -> list[str]:
    """Every value a facet ("outlet", "speaker" or "topic") has in the index."""
    if facet == "topic":
        return list(index.topics.names)
    with index.lock:
        return facet_names(index.searcher(), FACET_FIELDS[facet])


def _facet_counts(
    index: BriefingIndex, searcher: Searcher, matched: list[int]
) -> dict[str, dict[str, int]]:
    """Per-value counts for the matched documents.

    Topics and outlets are few, so each value is a bitmask (a Python int) and a count is one
    AND and a popcount in C; speakers are many and sparse, so they are counted by walking the
    matched documents that have claims.
    """
    facets = _facet_index(searcher)
    mask = _bitmask(matched, facets.size)
    names = {t.lower(): t for t in index.topics.names}
    counts: dict[str, dict[str, int]] = {}
    for facet, by_value in facets.masks.items():
        counted = {(names.get(v, v) if facet == "topic" else v): (mask & bits).bit_count()
                   for v, bits in by_value.items()}
        counts[facet] = _ordered(counted)
    speakers: Counter[str] = Counter()
    by_doc = facets.speakers
    for doc in matched:
        names_here = by_doc.get(doc)
        if names_here:
            speakers.update(names_here)
    counts["speaker"] = _ordered(speakers)
    return counts


def _ordered(counted: Mapping[str, int]) -> dict[str, int]:
    return dict(sorted(((k, v) for k, v in counted.items() if v),
                       key=lambda kv: (-kv[1], kv[0].casefold())))


def _bitmask(docs: list[int], size: int) -> int:
    bits = bytearray((size >> 3) + 1)
    for doc in docs:
        bits[doc >> 3] |= 1 << (doc & 7)
    return int.from_bytes(bits, "little")


@dataclass(frozen=True, slots=True)
class _FacetIndex:
    size: int
    masks: dict[str, dict[str, int]]
    speakers: dict[int, tuple[str, ...]]


_FACET_CACHE: dict[int, _FacetIndex] = {}


def _facet_index(searcher: Searcher) -> _FacetIndex:
    """Facet data read from the posting lists once per searcher generation.

    It is index data, not results: a new commit means a new searcher and a new entry.
    """
    key = id(searcher)
    if key not in _FACET_CACHE:
        _FACET_CACHE.clear()
        size = searcher.reader().doc_count_all()
        masks = {
            facet: {value: _bitmask(list(searcher.docs_for_query(wq.Term(field_name, value))), size)
                    for value in facet_names(searcher, field_name)}
            for facet, field_name in FACET_FIELDS.items() if facet != "speaker"
        }
        speakers: dict[int, list[str]] = {}
        for value in facet_names(searcher, FACET_FIELDS["speaker"]):
            for doc in searcher.docs_for_query(wq.Term(FACET_FIELDS["speaker"], value)):
                speakers.setdefault(doc, []).append(value)
        _FACET_CACHE[key] = _FacetIndex(size, masks,
                                        {d: tuple(v) for d, v in speakers.items()})
    return _FACET_CACHE[key]


def _suggest(searcher: Searcher, q: wq.Query, text: str, restrict: wq.Query | None) -> str | None:
    try:
        corrected = searcher.correct_query(q, text, prefix=1)
    except Exception:  # a suggestion is optional; never fail a search for it
        return None
    if corrected.query == q or not corrected.string or corrected.string == text:
        return None
    check = wq.And([corrected.query, restrict]) if restrict is not None else corrected.query
    return corrected.string if any(True for _ in check.docs(searcher)) else None


def _hit(hit, *, with_highlights: bool) -> Hit:
    stored = hit.fields()
    fragments: tuple[Fragment, ...] = ()
    if with_highlights:
        fragments = tuple(hit.highlights("text", top=2) or ())
    # Sorted (browsing) results carry the sort key as their "score": no relevance to report.
    score = hit.score if isinstance(hit.score, float) else 0.0
    return hit_from_stored(stored, score=score, highlights=fragments)


def hit_from_stored(
    stored: dict[str, Any], *, score: float = 0.0, highlights: tuple[Fragment, ...] = ()
) -> Hit:
    return Hit(
        id=stored["id"],
        article_id=stored["article_id"],
        title=stored.get("title", ""),
        outlet=stored.get("outlet_name", ""),
        date=stored.get("date", ""),
        author=stored.get("author", ""),
        url=stored.get("url", ""),
        path=stored.get("path", ""),
        paragraph=stored["paragraph"],
        paragraphs=stored.get("paragraphs", 0),
        text=stored.get("text", ""),
        start=stored.get("start", 0),
        end=stored.get("end", 0),
        topics=tuple(t for t in (stored.get("topic") or "").split(",") if t),
        claims=tuple(json.loads(stored.get("claims") or "[]")),
        heading=bool(stored.get("heading")),
        tags=tuple(t for t in (stored.get("tags") or "").split(",") if t),
        dup_key=stored.get("dup_key", ""),
        score=score,
        highlights=highlights,
    )


@dataclass(frozen=True, slots=True)
class ParagraphContext:
    """A paragraph with the paragraphs around it, for ``briefing show`` and the detail panel."""

    hit: Hit
    before: Hit | None
    after: Hit | None


def get_paragraph(index: BriefingIndex, paragraph_id: str) -> ParagraphContext:
    """One paragraph and its neighbours; ``QueryError`` when the id is unknown."""
    with index.lock:
        searcher = index.searcher()
        stored = searcher.document(id=paragraph_id.strip())
        if stored is None:
            raise QueryError(f"no paragraph with id {paragraph_id!r} in this index")
        hit = hit_from_stored(stored)
        neighbours = {
            n: searcher.document(id=f"{hit.article_id}-{n}")
            for n in (hit.paragraph - 1, hit.paragraph + 1)
        }
    return ParagraphContext(
        hit,
        hit_from_stored(neighbours[hit.paragraph - 1]) if neighbours[hit.paragraph - 1] else None,
        hit_from_stored(neighbours[hit.paragraph + 1]) if neighbours[hit.paragraph + 1] else None,
    )


def find_paragraphs(index: BriefingIndex, paragraph_ids: Sequence[str]) -> dict[str, Hit | None]:
    """Paragraphs by id, in the given order; ``None`` for ids no longer in the index (pinned
    paragraphs outlive re-indexing)."""
    with index.lock:
        searcher = index.searcher()
        found = {pid: searcher.document(id=pid.strip()) for pid in paragraph_ids}
    return {pid: hit_from_stored(stored) if stored else None for pid, stored in found.items()}


def get_article(index: BriefingIndex, article_id: str) -> tuple[Hit, ...]:
    """Every paragraph of an article, in order."""
    with index.lock:
        searcher = index.searcher()
        results = searcher.search(
            wq.Term("article_id", article_id), limit=None, sortedby=FieldFacet("paragraph")
        )
        return tuple(hit_from_stored(h.fields()) for h in results)


def list_articles(index: BriefingIndex) -> tuple[Hit, ...]:
    """The first paragraph of every article (it carries the article's metadata), newest first."""
    with index.lock:
        searcher = index.searcher()
        results = searcher.search(
            wq.NumericRange("paragraph", 1, 1), limit=None,
            sortedby=[FieldFacet("date", reverse=True), FieldFacet("article_id")],
        )
        return tuple(hit_from_stored(h.fields()) for h in results)


def related(index: BriefingIndex, paragraph_id: str, limit: int = 3) -> tuple[Hit, ...]:
    """Paragraphs from *other* outlets that report the same thing as this one.

    Ranked by how much of this paragraph's vocabulary, weighted by rarity (idf), they share:
    one common word ("China") is not the same report, so a link needs at least
    ``MIN_SHARED_TERMS`` shared terms covering ``MIN_COVERAGE`` of the weight. ``Hit.score``
    is that coverage.
    """
    with index.lock:
        searcher = index.searcher()
        docnum = searcher.document_number(id=paragraph_id)
        if docnum is None:
            raise QueryError(f"no paragraph with id {paragraph_id!r} in this index")
        own = searcher.stored_fields(docnum)
        terms = {t.text for t in TEXT_ANALYZER(own.get("text", ""))}
        weights = {t: searcher.idf("text", t) for t in terms}
        total = sum(weights.values())
        if not terms or total <= 0:
            return ()
        q = wq.Or([wq.Term("text", t) for t in sorted(terms, key=lambda t: -weights[t])[:60]])
        others = wq.Not(wq.Term("outlet_name", own.get("outlet_name", "")))
        found = []
        for hit in searcher.search(q, filter=others, limit=50, terms=True):
            shared = {t.decode("utf-8") if isinstance(t, bytes) else t
                      for f, t in hit.matched_terms() if f == "text"}
            coverage = sum(weights.get(t, 0.0) for t in shared) / total
            if len(shared) >= MIN_SHARED_TERMS and coverage >= MIN_COVERAGE:
                found.append(hit_from_stored(hit.fields(), score=round(coverage, 3)))
        found.sort(key=lambda h: -h.score)
        return tuple(found[:limit])


MIN_SHARED_TERMS = 4
MIN_COVERAGE = 0.3
