"""Searching an open index: hits with highlight spans, totals, facets and "did you mean".

Everything returned is a plain value copied out while the searcher is held, so callers (the CLI,
the TUI's worker threads, benchmarks) never touch live Whoosh objects.
"""

from __future__ import annotations

import json
import re
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any

import numpy as np
from whoosh import highlight
from whoosh import query as wq
from whoosh.searching import Searcher
from whoosh.sorting import FieldFacet

from .doctable import DocTable, doc_table
from . import links
from .errors import QueryError
from .matching import Matches, evaluate, ranked
from .query import clean_query, date_filter, has_begun_word, parse_query
from .schema import NAME_ANALYZER, TEXT_ANALYZER
from .store import BriefingIndex, facet_names, reading

SORTS = ("relevance", "newest", "oldest")
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
    # (field, where its value came from), see ``models.Article.provenance``
    provenance: tuple[tuple[str, str], ...] = ()

    @property
    def outlet_known(self) -> bool:
        """False when no one names the outlet and ``outlet`` is the article's own label."""
        return dict(self.provenance).get("outlet") != "unknown"

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
            "outlet_known": self.outlet_known,
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
    ``hits`` lists them. Outlet and speaker facets list the values with most paragraphs first,
    then by name. Values chosen in one filter combine with OR, so a filtered section is counted
    under the other filters only: its other values stay listed with the paragraphs each would
    add (ticking The Hill leaves SGH Insight there to tick next)."""

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


@reading
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
    offset: int = 0,
    sort: str = "relevance",
    months: Sequence[str] = (),
) -> SearchResult:
    """Search paragraphs; filters AND together, values within one filter OR together.

    ``highlight_top`` limits highlighting to the first hits (the ones on screen); ``None``
    highlights all returned hits. ``offset`` skips that many hits first: a browser jumping to
    the last of 17,000 hits reads a page there, not every hit before it. ``sort`` is one of
    ``SORTS``: by relevance (the empty query lists newest first), or by the article's date,
    newest or oldest first. ``months`` ("2016-09") filter by the article's month, OR-ed, and
    ``facets["month"]`` counts the matches per month, newest first ("" for undated). Raises
    ``QueryError`` for a malformed query or filter.
    """
    offset = max(0, offset)
    if sort not in SORTS:
        raise QueryError(f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")
    begun = prefix_last and has_begun_word(text)
    try:
        typed = parse_query(text, lenient=lenient, prefix_last=prefix_last)
    except QueryError:
        if not begun:
            raise
        # "c" alone is no query (one letter is not indexed); while typing, it is the start of one.
        typed = _without_begun_word(text, lenient)
    with index.lock:
        searcher = index.searcher()
        table = doc_table(searcher, index.directory)
        q = _expand(typed, searcher)
        chosen = {"topic": topics, "outlet": outlets, "speaker": speakers, "month": months}
        restrict = _filters(index, searcher, topics, outlets, speakers, since, until, months)
        browsing = isinstance(q, wq.Every)
        try:
            unfiltered = evaluate(searcher, table, q)
            found = _restrict(searcher, table, unfiltered, restrict)
            if not len(found) and begun:
                # "clinton em": "em" is no word yet (a real one, "xi" or "eu", has matches),
                # so the list keeps the words before it (or all paragraphs) instead of emptying.
                typed = _without_begun_word(text, lenient)
                q = _expand(typed, searcher)
                browsing = isinstance(q, wq.Every)
                unfiltered = evaluate(searcher, table, q)
                found = _restrict(searcher, table, unfiltered, restrict)
            upto = offset + limit if limit else None
            if browsing or sort != "relevance":
                order = table.browse_order(found.ids)
                shown = _first_of_each_copy(order[::-1] if sort == "oldest" else order,
                                            table.clusters, upto)
            else:
                shown = _best_of_each_copy(found, table.clusters, upto)
            shown = shown[offset:]
            words = frozenset() if browsing else _words(q, "text")
            hits = _hits(searcher, table, shown, _scores_of(found, shown), highlight_top, words)
            facets = _facet_counts(index, table, found.ids)
            for facet, values in chosen.items():
                if values:  # counted as if none of this section were chosen: see SearchResult
                    others = dict(chosen, **{facet: ()})
                    wider = _restrict(searcher, table, unfiltered, _filters(
                        index, searcher, others["topic"], others["outlet"], others["speaker"],
                        since, until, others["month"]))
                    facets[facet] = _facet_counts(index, table, wider.ids, only=facet)[facet]
            distinct = int(np.count_nonzero(np.bincount(table.clusters[found.ids])))
        except (UnicodeError, ValueError, TypeError, IndexError) as exc:
            if index.suspect(searcher):  # damaged, or replaced by a commit: not the query
                raise
            raise QueryError(f"cannot run query {clean_query(text)!r}: {exc}") from None
        suggestion = None
        if not len(found) and not browsing:
            # Corrections for the words as typed, the last one whole: "Tiawan" typed as you go
            # is a prefix with no word under it, and a misspelling.
            whole = parse_query(text, lenient=lenient) if prefix_last else typed
            suggestion = _suggest(searcher, table, whole, clean_query(text), restrict)
    return SearchResult(clean_query(text), len(found), hits, facets, suggestion, distinct)


def _without_begun_word(text: str, lenient: bool) -> wq.Query:
    """The query without a last word too short to search yet (everything, if it is alone)."""
    return parse_query(text, lenient=lenient, prefix_last=True, drop_begun_word=True)


def _restrict(searcher: Searcher, table: DocTable, found: Matches,
              restrict: wq.Query | None) -> Matches:
    if restrict is None:
        return found
    allowed = evaluate(searcher, table, _expand(restrict, searcher), found.ids)
    return Matches(*_restricted(found, allowed.ids))


def _restricted(found: Matches, allowed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    keep = np.isin(found.ids, allowed, assume_unique=True)
    return found.ids[keep], found.scores[keep]


def _scores_of(found: Matches, ids: np.ndarray) -> list[float]:
    return found.scores[np.searchsorted(found.ids, ids)].tolist()


def _words(q: wq.Query, field: str) -> frozenset[str]:
    """The words of ``field`` a query looks for (prefixes already expanded), to highlight."""
    return frozenset(t.decode("utf-8") if isinstance(t, bytes) else t
                     for f, t in q.iter_all_terms(phrases=True) if f == field)


def _first_of_each_copy(order: np.ndarray, clusters: np.ndarray,
                        limit: int | None) -> np.ndarray:
    """The best-placed paragraph of each wire-copy cluster, in ``order``'s order.

    With a ``limit``, only a prefix of ``order`` is looked at when it holds that many clusters:
    their first paragraphs are then the first ``limit`` of the whole order.
    """
    if limit:
        head = order[: 4 * limit]
        firsts = np.sort(np.unique(clusters[head], return_index=True)[1])
        if len(firsts) >= limit or len(head) == len(order):
            return head[firsts[:limit]]
    firsts = np.sort(np.unique(clusters[order], return_index=True)[1])
    return order[firsts[:limit] if limit else firsts]


def _best_of_each_copy(found: Matches, clusters: np.ndarray, limit: int | None) -> np.ndarray:
    """The ``limit`` best-ranked clusters' best paragraphs, without sorting every match.

    Only matches scoring at least the k-th best score are ranked: a cluster whose best match
    is not among them ranks below every cluster that has one, so once they hold ``limit``
    clusters those are the top ones (a common word's 31,000 matches: 1.7 ms sorted, 0.3 ms
    this way).
    """
    k = 4 * limit if limit else len(found)
    while k < len(found):
        threshold = -np.partition(-found.scores, k - 1)[k - 1]
        best = found.scores >= threshold  # ties at the threshold all stay
        shown = _first_of_each_copy(ranked(Matches(found.ids[best], found.scores[best])),
                                    clusters, limit)
        if len(shown) == limit:
            return shown
        k *= 4
    return _first_of_each_copy(ranked(found), clusters, limit)


def _hits(searcher: Searcher, table: DocTable, docnums: np.ndarray, scores: list[float],
          highlight_top: int | None, words: frozenset[str]) -> tuple[Hit, ...]:
    """Hits for the shown paragraphs, each naming the other outlets that published it."""
    hits: list[Hit] = []
    for docnum, score in zip(docnums.tolist(), scores, strict=True):
        stored = searcher.stored_fields(docnum)
        highlighted = bool(words) and (highlight_top is None or len(hits) < highlight_top)
        hit = hit_from_stored(stored, score=score,
                              highlights=_highlights(stored, words) if highlighted else ())
        copies = table.copies(docnum)
        if len(copies) > 1:
            names, codes = table.outlets
            others = sorted({names[c] for c in codes[copies].tolist() if c >= 0} - {hit.outlet})
            hit = replace(hit, also_in=tuple(others)) if others else hit
        hits.append(hit)
    return tuple(hits)


def _highlights(stored: dict[str, Any], words: frozenset[str]) -> tuple[Fragment, ...]:
    return tuple(highlight.highlight(stored.get("text", ""), words, TEXT_ANALYZER,
                                     _HIGHLIGHTER.fragmenter, _HIGHLIGHTER.formatter, top=2)
                 or ())


def _expand(q: wq.Query, searcher: Searcher) -> wq.Query:
    """Replace each multi-word pattern (prefix, wildcard, fuzzy word, range) with the words it
    matches, so the query is words and phrases only. Prefixes and wildcards keep their
    ``MAX_EXPANSIONS`` most frequent words: a short pattern costs a bounded number of posting
    lists, not one per matching word."""
    if isinstance(q, wq.MultiTerm):
        if q.field() not in searcher.schema:
            return wq.NullQuery
        reader = searcher.reader()
        field = searcher.schema[q.field()]
        terms = q.expanded_terms(reader)
        if isinstance(q, wq.TermRange):
            terms = islice(terms, MAX_RANGE_TERMS + 1)
        found = [t if isinstance(t, str) else field.from_bytes(t) for _, t in terms]
        if isinstance(q, wq.TermRange) and len(found) > MAX_RANGE_TERMS:
            raise QueryError(f"the date range covers more than {MAX_RANGE_TERMS:,} different "
                             "dates; narrow it")
        if isinstance(q, (wq.Prefix, wq.Wildcard)):
            found.sort(key=lambda t: -reader.doc_frequency(q.field(), t))
            found = found[:MAX_EXPANSIONS]
        words = [wq.Term(q.field(), t, boost=q.boost) for t in found]
        return wq.Or(words) if words else wq.NullQuery
    if q.is_leaf():
        return q
    return q.apply(lambda child: _expand(child, searcher))


MAX_EXPANSIONS = 24
# Date ranges (the only ranges the query language accepts) keep every date they cover, so a
# range's cost is capped by refusing one that covers more dates than ~27 years of daily news.
MAX_RANGE_TERMS = 10_000


def _filters(index, searcher, topics, outlets, speakers, since, until,
             months=()) -> wq.Query | None:
    parts: list[wq.Query] = []
    if months:
        parts.append(wq.Or([_month_filter(m) for m in months]))
    if topics:
        names = [index.topics.resolve(t) for t in topics]
        parts.append(wq.Or([wq.Term("topic", n.lower()) for n in names]))
    for field_name, values, label in (("outlet_name", outlets, "outlet"),
                                      ("speaker_name", speakers, "speaker")):
        if values:
            names = facet_names(searcher, field_name)
            chosen = [name for value in values for name in _named(names, value, label)]
            parts.append(wq.Or([wq.Term(field_name, name) for name in dict.fromkeys(chosen)]))
    dates = date_filter(since, until)
    if dates is not None:
        parts.append(dates)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


def _named(names: Sequence[str], value: str, label: str) -> list[str]:
    """The facet names a filter value stands for: the one it spells (any case), else every
    name holding its words in a row, as ``outlet:"…"`` matches in a query (``--outlet hill``
    is The Hill, as ``outlet:hill`` is); ``QueryError`` when none does."""
    exact = [n for n in names if n.casefold() == value.casefold()]
    if exact:
        return exact
    words = [t.text for t in NAME_ANALYZER(value)]
    found = [n for n in names if words and _contains(n, words)]
    if not found:
        raise QueryError(f"no {label} named {value!r} in this index")
    return found


def _contains(name: str, words: list[str]) -> bool:
    tokens = [t.text for t in NAME_ANALYZER(name)]
    return any(tokens[i:i + len(words)] == words for i in range(len(tokens) - len(words) + 1))


@reading
def _month_filter(month: str) -> wq.Query:
    if not re.fullmatch(r"\d{4}-\d{2}", month):
        raise QueryError(f"month {month!r} must look like 2016-09")
    found = date_filter(month, month)
    assert found is not None
    return found


def facet_values(index: BriefingIndex, facet: str) -> list[str]:
    """Every value a facet ("outlet", "speaker" or "topic") has in the index."""
    if facet == "topic":
        return list(index.topics.names)
    with index.lock:
        return facet_names(index.searcher(), FACET_FIELDS[facet])


def _facet_counts(index: BriefingIndex, table: DocTable, ids: np.ndarray,
                  only: str | None = None) -> dict[str, dict[str, int]]:
    """Per-value counts for the matched documents (of every facet, or ``only`` one): array
    lookups, no per-match Python."""
    names = {t.lower(): t for t in index.topics.names}
    counts: dict[str, dict[str, int]] = {}
    for facet, by_value in table.masks.items():
        if only not in (None, facet):
            continue
        counted = {(names.get(v, v) if facet == "topic" else v): int(np.count_nonzero(mask[ids]))
                   for v, mask in by_value.items()}
        counts[facet] = _ordered(counted)
    if only in (None, "month"):
        months, codes = table.months
        per_month = np.bincount(codes[ids], minlength=len(months))
        counts["month"] = {months[i]: int(per_month[i]) for i in range(len(months) - 1, -1, -1)
                           if per_month[i] and months[i]}
    if only not in (None, "speaker"):
        return counts
    speaker_names, docs, codes = table.speakers
    matched = np.zeros(table.size, dtype=bool)
    matched[ids] = True
    per_speaker = np.bincount(codes[matched[docs]], minlength=len(speaker_names))
    said = np.flatnonzero(per_speaker)
    said = said[np.argsort(-per_speaker[said], kind="stable")]
    counts["speaker"] = {speaker_names[i]: int(n) for i, n in zip(said, per_speaker[said],
                                                                   strict=True)}
    return counts


def _ordered(counted: Mapping[str, int]) -> dict[str, int]:
    return dict(sorted(((k, v) for k, v in counted.items() if v),
                       key=lambda kv: (-kv[1], kv[0].casefold())))


# Two letters are within two edits of most short words: no useful correction, and while typing
# they are the start of a word, not a misspelling.
MIN_CORRECTED_CHARS = 3


def _suggest(searcher: Searcher, table: DocTable, q: wq.Query, text: str,
             restrict: wq.Query | None) -> str | None:
    """"Did you mean" for the typed words that are in no paragraph, if the corrected query
    finds something under the same filters."""
    missing = [(leaf.fieldname, leaf.text) for leaf in q.leaves()
               if isinstance(leaf, wq.Term) and len(leaf.text) >= MIN_CORRECTED_CHARS
               and not searcher.doc_frequency(leaf.fieldname, leaf.text)]
    if not missing:
        return None
    try:
        corrected = searcher.correct_query(q, text, correctors={"text": table.corrector},
                                           terms=missing, prefix=1)
    except Exception:  # a suggestion is optional; never fail a search for it
        return None
    if corrected.query == q or not corrected.string or corrected.string == text:
        return None
    check = wq.And([corrected.query, restrict]) if restrict is not None else corrected.query
    return corrected.string if len(evaluate(searcher, table, _expand(check, searcher))) else None


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
        provenance=tuple(json.loads(stored.get("provenance") or "{}").items()),
        score=score,
        highlights=highlights,
    )


@dataclass(frozen=True, slots=True)
class ParagraphContext:
    """A paragraph with the paragraphs around it, for ``briefing show`` and the detail panel."""

    hit: Hit
    before: Hit | None
    after: Hit | None


@reading
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


@reading
def find_paragraphs(index: BriefingIndex, paragraph_ids: Sequence[str]) -> dict[str, Hit | None]:
    """Paragraphs by id, in the given order; ``None`` for ids no longer in the index (pinned
    paragraphs outlive re-indexing)."""
    with index.lock:
        searcher = index.searcher()
        found = {pid: searcher.document(id=pid.strip()) for pid in paragraph_ids}
    return {pid: hit_from_stored(stored) if stored else None for pid, stored in found.items()}


@reading
def get_article(index: BriefingIndex, article_id: str) -> tuple[Hit, ...]:
    """Every paragraph of an article, in order."""
    with index.lock:
        searcher = index.searcher()
        results = searcher.search(
            wq.Term("article_id", article_id), limit=None, sortedby=FieldFacet("paragraph")
        )
        return tuple(hit_from_stored(h.fields()) for h in results)


@reading
def list_articles(index: BriefingIndex) -> tuple[Hit, ...]:
    """The first paragraph of every article (it carries the article's metadata), newest first."""
    with index.lock:
        searcher = index.searcher()
        results = searcher.search(
            wq.NumericRange("paragraph", 1, 1), limit=None,
            sortedby=[FieldFacet("date", reverse=True), FieldFacet("article_id")],
        )
        return tuple(hit_from_stored(h.fields()) for h in results)


@reading
def prepare(index: BriefingIndex) -> None:
    """Read the per-searcher arrays (lengths, facets, copies, browse order, vocabulary) now:
    an interactive caller does it while opening, so the first keystrokes do not pay for it
    (0.4 s at 156,000 paragraphs)."""
    with index.lock:
        doc_table(index.searcher(), index.directory).prepare()


@reading
def related(index: BriefingIndex, paragraph_id: str, limit: int = 3,
            stop: Callable[[], bool] | None = None) -> tuple[Hit, ...]:
    """Paragraphs from *other* outlets that report the same statement or fact as this one.

    Candidates share this paragraph's rarest words (weighted by idf; at least
    ``MIN_SHARED_TERMS`` covering ``MIN_COVERAGE`` of its weight), scored as arrays over every
    paragraph (Whoosh's more-like-this took 2-3 s a paragraph at 156,000 paragraphs). The best
    ``CANDIDATES`` are then judged on what a reader would accept (``links.judge``): a shared
    quotation, the same speaker saying overlapping things, or most of *both* paragraphs'
    rare words shared — so a long paragraph is no longer everyone's link. ``Hit.score`` is the
    judged score; wire copies count once. ``stop`` is asked between posting lists: an
    interactive caller gives way to a keystroke, and the ``()`` returned then means
    "stopped", not "none found".
    """
    with index.lock:
        searcher = index.searcher()
        table = doc_table(searcher, index.directory)
        docnum = searcher.document_number(id=paragraph_id)
        if docnum is None:
            raise QueryError(f"no paragraph with id {paragraph_id!r} in this index")
        mine = searcher.stored_fields(docnum)
        terms = {t.text for t in TEXT_ANALYZER(mine.get("text", ""))}
        weights = {t: searcher.idf("text", t) for t in terms}
        total = sum(weights.values())
        if not terms or total <= 0:
            return ()
        coverage = np.zeros(table.size)
        shared = np.zeros(table.size, dtype=np.int32)
        for term in sorted(terms, key=lambda t: -weights[t])[:MAX_RELATED_TERMS]:
            if stop is not None and stop():
                return ()
            ids = table.postings("text", term).ids
            coverage[ids] += weights[term]
            shared[ids] += 1
        coverage /= total
        outlet_codes = table.outlets[1]
        own = outlet_codes[docnum]
        keep = (shared >= MIN_SHARED_TERMS) & (coverage >= MIN_COVERAGE) & table.live
        keep &= outlet_codes != own if own >= 0 else np.arange(table.size) != docnum
        keep &= table.clusters != table.clusters[docnum]  # its wire copies are Hit.also_in
        ids = np.flatnonzero(keep)
        # One paragraph per wire-copy cluster: five copies of one report are one link.
        candidates = _first_of_each_copy(ranked(Matches(ids, coverage[ids])), table.clusters, CANDIDATES)
        mine_claims = json.loads(mine.get("claims") or "[]")
        rarity: dict[str, float] = {}
        rarest = math.log(max(table.size, 2) / 2) + 1  # Whoosh's idf of a word in one paragraph

        def weight(word: str) -> float:
            """A word's rarity: its idf (through the analyzer that indexed it: stemmed, stop
            words 0) over the rarest word's, so thresholds hold for 60 or 150,000 paragraphs."""
            if word not in rarity:
                stems = [t.text for t in TEXT_ANALYZER(word)]
                rarity[word] = searcher.idf("text", stems[0]) / rarest if stems else 0.0
            return rarity[word]

        judged: list[tuple[float, int, dict[str, Any]]] = []
        for d in candidates:
            if stop is not None and stop():
                return ()
            other = searcher.stored_fields(int(d))
            other_terms = {t.text for t in TEXT_ANALYZER(other.get("text", ""))}
            for term in other_terms - weights.keys():
                weights[term] = searcher.idf("text", term)
            both = sum(weights[t] for t in terms & other_terms)
            score = links.symmetric(both / total, both, sum(weights[t] for t in other_terms))
            evidence = links.judge(mine.get("text", ""), mine_claims, mine.get("date", ""),
                                   other.get("text", ""), json.loads(other.get("claims") or "[]"),
                                   other.get("date", ""), score, weight)
            if evidence.linked:
                judged.append((evidence.score, int(d), other))
        judged.sort(key=lambda j: (-j[0], j[1]))
        return tuple(hit_from_stored(other, score=round(score, 3)) for score, _, other in judged[:limit])


MIN_SHARED_TERMS = 3
MIN_COVERAGE = 0.15
MAX_RELATED_TERMS = 60  # the rarest words of a long paragraph carry its report
CANDIDATES = 24  # judged one by one: reading their stored text


def matching_ids(index: BriefingIndex, text: str = "", *, topics: Sequence[str] = (),
                 outlets: Sequence[str] = (), speakers: Sequence[str] = (),
                 since: str | None = None, until: str | None = None) -> np.ndarray:
    """Document numbers (sorted) of every paragraph a query and filters match, as ``search``
    finds them, without ranking or fetching any: for views that join other data to a query
    (the claim ledger). Only valid with the index's current searcher, under ``index.lock``."""
    typed = parse_query(text)
    with index.lock:
        searcher = index.searcher()
        table = doc_table(searcher, index.directory)
        restrict = _filters(index, searcher, topics, outlets, speakers, since, until)
        try:
            return _restrict(searcher, table, evaluate(searcher, table, _expand(typed, searcher)),
                             restrict).ids
        except (UnicodeError, ValueError, TypeError, IndexError) as exc:
            raise QueryError(f"cannot run query {clean_query(text)!r}: {exc}") from None
