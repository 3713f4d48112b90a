"""What the TUI and the CLI ask of the claim ledger: clusters for a query and filters, stories,
sourcing profiles, and a paragraph's cross-outlet notes.

A cluster matches a query when one of its claims' paragraphs does: the query and filters run
as a search does (same parser, same filters), and each cluster's paragraphs are looked up once
per index generation as document numbers, so filtering is one array test per query.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .errors import QueryError
from .ledger import Cluster, LedgerClaim
from .ledgerfile import Ledger, Story, load
from .schema import paragraph_id
from .searching import matching_ids

FLAGS = {
    "speaker": "speaker_differs",
    "wording": "wording_differs",
    "numbers": "numbers_differ",
    "negation": "negation_differs",
    "unknown": "credit_unknown",
}
LEDGER_FLAGS = (*FLAGS, "missing")


def load_ledger(ix: Any) -> Ledger:
    """The index's ledger (stories, clusters), built or updated on first use if needed."""
    return load(ix)


def ledger_clusters(
    ix: Any,
    query: str = "",
    *,
    topics: Sequence[str] = (),
    outlets: Sequence[str] = (),
    speakers: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    flags: Sequence[str] = (),
    story: str | None = None,
) -> list[Cluster]:
    """Clusters with a claim in a paragraph matching the query and filters, sorted by spread
    (outlets) then newest first report. ``flags`` keeps clusters with every flag named
    (``speaker``, ``wording``, ``numbers``, ``negation``, ``missing``). Raises ``QueryError``
    for a malformed query or an unknown flag."""
    unknown = [f for f in flags if f not in LEDGER_FLAGS]
    if unknown:
        raise QueryError(f"unknown flag {unknown[0]!r}: use one of {', '.join(LEDGER_FLAGS)}")
    book = load(ix)
    chosen = [c for c in book.clusters if story is None or c.story == story]
    for flag in flags:
        chosen = [c for c in chosen
                  if (bool(c.missing_from) if flag == "missing" else getattr(c, FLAGS[flag]))]
    if query.strip() or topics or outlets or speakers or since or until:
        chosen = _matching(ix, book, chosen, query, topics, outlets, speakers, since, until)
    chosen.sort(key=lambda c: (-len(c.outlets), _negated_date(c.first[0].date)))
    return chosen


def _negated_date(date: str) -> tuple[int, ...]:
    return tuple(-ord(ch) for ch in date) if date else (1,)


def _matching(ix: Any, book: Ledger, chosen: list[Cluster], query: str, topics: Sequence[str],
              outlets: Sequence[str], speakers: Sequence[str], since: str | None,
              until: str | None) -> list[Cluster]:
    with ix.lock:
        found = matching_ids(ix, query, topics=topics, outlets=outlets, speakers=speakers,
                             since=since, until=until)
        searcher = ix.searcher()
        places = _docnums(searcher, book)
        # One mark per matching paragraph, then a lookup per cluster paragraph: testing each
        # cluster with np.isin sorted the (large) match list once per cluster.
        matched = np.zeros(searcher.reader().doc_count_all(), dtype=bool)
        matched[found] = True
    return [c for c in chosen if matched[places.get(c.id, _EMPTY)].any()]


_EMPTY = np.zeros(0, dtype=np.int64)
_places: weakref.WeakKeyDictionary[Ledger, dict[str, np.ndarray]] = weakref.WeakKeyDictionary()
_places_lock = threading.Lock()


def _docnums(searcher: Any, book: Ledger) -> dict[str, np.ndarray]:
    """Each cluster's paragraphs as document numbers (once per ledger)."""
    with _places_lock:
        known = _places.get(book)
    if known is not None:
        return known
    ids = {a.doc: a.article_id for a in book.articles.values()}
    found: dict[str, np.ndarray] = {}
    for cluster in book.clusters:
        numbers = []
        for claim in cluster.claims:
            number = searcher.document_number(id=paragraph_id(ids[claim.doc], claim.paragraph))
            if number is not None:
                numbers.append(number)
        found[cluster.id] = np.array(sorted(set(numbers)), dtype=np.int64)
    with _places_lock:
        _places[book] = found
    return found


def list_stories(ix: Any) -> list[Story]:
    """Stories, each with its articles by date, in order of their first article's date."""
    return list(load(ix).stories)


def sourcing_profiles(ix: Any) -> dict[str, dict[str, dict[str, float]]]:
    """``{"outlet": {outlet: shares}, "story": {story id: shares}}``; shares by speaker kind."""
    book = load(ix)
    return {"outlet": book.profile_by_outlet(), "story": book.profile_by_story()}


@dataclass(frozen=True, slots=True)
class ClaimNote:
    """What the detail panel says about a claim of a paragraph that is in a cluster."""

    cluster: Cluster
    claim: LedgerClaim
    first_reported_by: tuple[str, ...]  # outlets
    first_date: str
    also_in: tuple[str, ...]  # other outlets
    credits: tuple[tuple[str, str], ...]  # (outlet, speaker) when credits differ, else ()


def paragraph_notes(ix: Any, paragraph_id_: str) -> list[ClaimNote]:
    """Cross-outlet notes for the claims of one paragraph (``<article id>-<number>``)."""
    article_id, _, number = paragraph_id_.rpartition("-")
    book = load(ix)
    doc = book.doc_of(article_id)
    if doc is None or not number.isdigit():
        return []
    notes = []
    for cluster in book.clusters_at(doc, int(number)):
        mine = next(c for c in cluster.claims if c.doc == doc)
        credits = tuple(dict.fromkeys((c.outlet, c.speaker or "nobody") for c in cluster.claims))
        notes.append(ClaimNote(
            cluster=cluster, claim=mine,
            first_reported_by=tuple(dict.fromkeys(c.outlet for c in cluster.first)),
            first_date=cluster.first[0].date,
            also_in=tuple(o for o in cluster.outlets if o != mine.outlet),
            credits=credits if cluster.speaker_differs else (),
        ))
    return notes


def cluster_json(cluster: Cluster) -> dict[str, Any]:
    """The ``briefing ledger --json`` object of one cluster."""
    return {
        "id": cluster.id,
        "story": cluster.story,
        "statement": cluster.statement,
        "first": [{"outlet": c.outlet, "date": c.date, "doc": c.doc}
                  for c in {c.doc: c for c in cluster.first}.values()],
        "first_certainty": cluster.first_certainty,
        "flags": cluster.flags,
        "missing_from": list(cluster.missing_from),
        "reference": cluster.reference,
        "changes": {doc: [{"op": ch.op, "ref": " ".join(ch.ref), "got": " ".join(ch.got)}
                          for ch in changes] for doc, changes in cluster.changes.items()},
        "claims": [{
            "doc": c.doc, "outlet": c.outlet, "date": c.date, "paragraph": c.paragraph,
            "speaker": c.speaker, "speaker_kind": c.speaker_kind,
            "source": [list(s) for s in c.source], "cue": [list(s) for s in c.cue],
            "content": [list(s) for s in c.content], "quote": [list(s) for s in c.quote],
        } for c in cluster.claims],
    }
