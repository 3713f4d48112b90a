"""The claim ledger kept with the index, and kept up to date with it.

Every commit that adds, changes or removes articles updates ``ledger.json`` beside the index:
the changed articles' records replace their old ones, stories are regrouped (cheap: word
vectors only), and claims are clustered again only in the stories whose set of articles
changed — a new article joins the clusters of its story, a removed one leaves them, and every
other story keeps its clusters as they were. The file records the index generation it matches;
a ledger missing or behind the index (an index made before the ledger existed, a crash between
the index's commit and the ledger's write) is rebuilt from the index's stored paragraphs and
claims on first use.
"""

from __future__ import annotations

import contextlib
import json
import threading
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import statefile
from .ledger import (
    Cluster,
    LedgerArticle,
    LedgerClaim,
    article_record,
    cluster_story,
    describe,
    sourcing_profile,
    story_id,
)
from .models import TITLE_PARAGRAPH, Article, Claim, Paragraph
from .stories import StoryArticle, group

LEDGER_FILE = "ledger.json"
FORMAT = 2
FIRST = 1  # the generation of an index's first commit


@dataclass(frozen=True, slots=True)
class Story:
    """Articles reporting one event: ``articles`` by date."""

    id: str
    title: str
    articles: tuple[LedgerArticle, ...]

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.outlet for a in self.articles))


class Ledger:
    """Stories and claim clusters of one index generation (read-only once made)."""

    def __init__(self, generation: int, articles: dict[str, LedgerArticle],
                 stories: list[list[str]], clusters: dict[str, list[list[tuple[str, int]]]]) -> None:
        self.generation = generation
        self.articles = articles
        self.story_paths = stories
        self.cluster_refs = clusters
        self.stories: list[Story] = []
        self.clusters: list[Cluster] = []
        self._at: dict[tuple[str, int], dict[str, Cluster]] = {}  # (doc, paragraph) -> clusters
        for paths in stories:
            members = tuple(articles[p] for p in paths)
            sid = story_id(paths)
            self.stories.append(Story(sid, members[0].title, members))
            outlets = {m.outlet for m in members}
            for refs in clusters.get(sid, []):
                claims = [articles[p].claims[i] for p, i in refs]
                cluster = describe(sid, claims, outlets, {m.doc: m.terms for m in members})
                self.clusters.append(cluster)
                for claim in claims:
                    self._at.setdefault((claim.doc, claim.paragraph), {})[cluster.id] = cluster
        self._article_ids = {a.doc: a.article_id for a in articles.values()}
        self._doc_of = {a.article_id: a.doc for a in articles.values()}

    def article_id(self, doc: str) -> str:
        """The index's article id of a document (file stem), "" when not in the ledger."""
        return self._article_ids.get(doc, "")

    def clusters_at(self, doc: str, paragraph: int) -> list[Cluster]:
        """The clusters holding a claim in this paragraph of this document (file stem)."""
        return list(self._at.get((doc, paragraph), {}).values())

    def doc_of(self, article_id: str) -> str | None:
        """The document (file stem) of an index article id."""
        return self._doc_of.get(article_id)

    def profile_by_outlet(self) -> dict[str, dict[str, float]]:
        """Sourcing profile per outlet: shares of its claims by speaker kind."""
        claims: dict[str, list[LedgerClaim]] = {}
        for article in self.articles.values():
            claims.setdefault(article.outlet, []).extend(article.claims)
        return {outlet: sourcing_profile(c) for outlet, c in sorted(claims.items())}

    def profile_by_story(self) -> dict[str, dict[str, float]]:
        return {s.id: sourcing_profile(c for a in s.articles for c in a.claims) for s in self.stories}

    def to_state(self) -> dict[str, Any]:
        return {"format": FORMAT, "generation": self.generation,
                "articles": [_article_json(a) for a in self.articles.values()],
                "stories": self.story_paths,
                "clusters": {k: [[list(r) for r in refs] for refs in v] for k, v in self.cluster_refs.items()}}


def build(generation: int, articles: dict[str, LedgerArticle],
          previous: Ledger | None = None) -> Ledger:
    """Group stories and cluster claims; stories unchanged since ``previous`` keep its clusters."""
    stories = _stories(articles)
    kept: dict[frozenset[str], tuple[str, list[list[tuple[str, int]]]]] = {}
    if previous is not None:
        for paths in previous.story_paths:
            sid = story_id(paths)
            kept[frozenset(paths)] = (sid, previous.cluster_refs.get(sid, []))
    clusters: dict[str, list[list[tuple[str, int]]]] = {}
    for paths in stories:
        sid = story_id(paths)
        old = kept.get(frozenset(paths))
        if old is not None and old[0] == sid:
            clusters[sid] = old[1]
            continue
        if len(paths) < 2:
            continue  # a statement in one article only is no cluster
        members = [articles[p] for p in paths]
        index_of = {c.key: (a.path, i) for a in members for i, c in enumerate(a.claims)}
        found = [[index_of[c.key] for c in group_] for group_ in cluster_story(members)]
        if found:
            clusters[sid] = found
    return Ledger(generation, articles, stories, clusters)


def _stories(articles: dict[str, LedgerArticle]) -> list[list[str]]:
    """Stories grouped over one article per text (copies of an article, republished under
    another title or name, share their first's story and are not compared again)."""
    firsts: dict[str, LedgerArticle] = {}
    copies: dict[str, list[str]] = {}
    for article in sorted(articles.values(), key=lambda a: a.path):
        key = article.body or article.path
        firsts.setdefault(key, article)
        copies.setdefault(firsts[key].path, []).append(article.path)
    grouped = group([StoryArticle(a.path, a.date, a.terms) for a in firsts.values()])
    stories = [sorted((p for first in paths for p in copies[first]),
                      key=lambda p: (articles[p].date or "9999", p)) for paths in grouped]
    stories.sort(key=lambda paths: (articles[paths[0]].date or "9999", paths[0]))
    return stories


def update(directory: Path, added: Iterable[LedgerArticle], removed: Iterable[str],
           generation: int) -> Ledger | None:
    """Apply one commit's changes to the ledger on disk (``removed``: paths gone or replaced).

    The changes complete the ledger only if it matched the commit before (or this is the
    index's first commit); a ledger that missed a commit (a crash between the index's commit
    and its own write, an index made before ledgers) is deleted instead, and rebuilt from the
    index on first use, rather than kept with a generation that says it is current."""
    previous = _read(directory)
    follows = previous.generation == generation - 1 if previous is not None else generation <= FIRST
    if not follows:
        (directory / LEDGER_FILE).unlink(missing_ok=True)
        return None
    articles = dict(previous.articles) if previous is not None else {}
    for path in removed:
        articles.pop(path, None)
    for record in added:
        articles[record.path] = record
    ledger = build(generation, articles, previous)
    write(directory, ledger)
    return ledger


def write(directory: Path, ledger: Ledger) -> None:
    statefile.write_text(directory / LEDGER_FILE,
                         json.dumps(ledger.to_state(), ensure_ascii=False, separators=(",", ":")))


def _read(directory: Path) -> Ledger | None:
    try:
        state = json.loads((directory / LEDGER_FILE).read_text(encoding="utf-8"))
        if state.get("format") != FORMAT:
            return None
        articles = {a[0]: _article_from_json(a) for a in state["articles"]}
        clusters = {k: [[(p, i) for p, i in refs] for refs in v] for k, v in state["clusters"].items()}
        return Ledger(state["generation"], articles, state["stories"], clusters)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


_cache: weakref.WeakKeyDictionary[Any, Ledger] = weakref.WeakKeyDictionary()
_cache_lock = threading.Lock()


def load(ix: Any) -> Ledger:
    """The ledger of an open index's latest commit: from ``ledger.json`` when it matches the
    index generation, else rebuilt from the stored paragraphs (and saved when possible)."""
    generation = ix.generation()
    with _cache_lock:
        cached = _cache.get(ix)
    if cached is not None and cached.generation == generation:
        return cached
    ledger = _read(ix.directory)
    if ledger is None or ledger.generation != generation:
        with ix.lock:
            articles = {a.path: article_record(a) for a in _stored_articles(ix.searcher())}
        ledger = build(generation, articles, ledger)
        with contextlib.suppress(OSError):
            write(ix.directory, ledger)
    with _cache_lock:
        _cache[ix] = ledger
    return ledger


def _stored_articles(searcher: Any) -> Iterator[Article]:
    """Articles as the index stored them: paragraphs with offsets, claims with spans."""
    docs: dict[str, list[dict[str, Any]]] = {}
    for stored in searcher.all_stored_fields():
        docs.setdefault(stored["path"], []).append(stored)
    for path, paragraphs in docs.items():
        paragraphs.sort(key=lambda d: d.get("paragraph", 0))
        first = paragraphs[0]
        body_start = first.get("start", 0)
        claims: list[Claim] = []
        for d in paragraphs:
            for c in json.loads(d.get("claims") or "[]"):
                spans = tuple(tuple(s) for s in c["content_spans"])
                number = d["paragraph"]
                if number == 1 and spans and spans[0][0] < body_start:
                    number = TITLE_PARAGRAPH
                claims.append(Claim(
                    speaker=c["speaker"], kind=c["kind"], cue=c["cue"], content=c["content"],
                    source_text=c["source_text"], paragraph=number,
                    source_spans=tuple(tuple(s) for s in c["source"]),
                    cue_spans=tuple(tuple(s) for s in c["cue_spans"]), content_spans=spans,
                    confidence=c.get("confidence", 1.0), speaker_kind=c.get("speaker_kind", "")))
        yield Article(
            id=first.get("article_id", ""), path=path, file_hash=first.get("file_hash", ""),
            title=first.get("title", ""), outlet=first.get("outlet_name", ""),
            author=first.get("author", ""), date=first.get("date", ""), url=first.get("url", ""),
            tags=(), claims=tuple(claims),
            paragraphs=tuple(Paragraph(d["paragraph"], d.get("start", 0), d.get("end", 0), d["text"],
                                       bool(d.get("heading"))) for d in paragraphs),
        )


# Stored per claim, in this order; doc, outlet and date come from its article, and a
# quotation's content text is its quoted text (stored once). Lists, not objects with field
# names: the file is a third of the size and reads in a third of the time.
_CLAIM_FIELDS = ("paragraph", "speaker", "speaker_kind", "source_text", "source", "cue",
                 "content", "quote", "quote_text")


def _article_json(article: LedgerArticle) -> list[Any]:
    claims = []
    for c in article.claims:
        row = [getattr(c, name) for name in _CLAIM_FIELDS]
        row.append(None if c.quote_text and c.content_text == c.quote_text[0] else c.content_text)
        claims.append(row)
    return [article.path, article.doc, article.article_id, article.outlet, article.date,
            article.title, article.terms, article.body, claims]


def _article_from_json(data: list[Any]) -> LedgerArticle:
    path, doc, article_id, outlet, date, title, terms, body, rows = data
    claims = []
    for row in rows:
        fields = dict(zip(_CLAIM_FIELDS, row, strict=False))
        for name in ("source", "cue", "content", "quote"):
            fields[name] = tuple(tuple(span) for span in fields[name])
        fields["quote_text"] = tuple(fields["quote_text"])
        content_text = row[len(_CLAIM_FIELDS)]
        claims.append(LedgerClaim(doc=doc, outlet=outlet, date=date, **fields,
                                  content_text=fields["quote_text"][0] if content_text is None else content_text))
    return LedgerArticle(path=path, doc=doc, article_id=article_id, outlet=outlet, date=date,
                         title=title, terms=terms, claims=tuple(claims), body=body)
