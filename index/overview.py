"""Corpus-level views: index statistics, topic counts, topic suggestions, speaker counts."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from whoosh import query as wq

from .metadata import UNKNOWN_OUTLET
from .schema import TEXT_ANALYZER
from .store import BriefingIndex, reading


@dataclass(frozen=True, slots=True)
class TopicCount:
    name: str
    query: str
    paragraphs: int
    articles: int


@dataclass(frozen=True, slots=True)
class TopicSuggestion:
    term: str
    word: str
    paragraphs: int
    articles: int
    example: str


@reading
def index_stats(index: BriefingIndex) -> dict[str, Any]:
    with index.lock:
        searcher = index.searcher()
        outlets: Counter[str] = Counter()
        dates: list[str] = []
        for stored in searcher.all_stored_fields():
            outlets[stored.get("outlet_name") or UNKNOWN_OUTLET] += 1
            if stored.get("date"):
                dates.append(stored["date"])
        size = sum(f.stat().st_size for f in index.directory.iterdir() if f.is_file())
        return {
            "index_dir": str(index.directory),
            "paragraphs": searcher.doc_count(),
            "articles": len(list(searcher.lexicon("article_id"))),
            "outlets": dict(outlets.most_common()),
            "first_date": min(dates) if dates else None,
            "last_date": max(dates) if dates else None,
            "topics": len(index.topics.names),
            "speakers": len(list(searcher.lexicon("speaker_name"))),
            "size_bytes": size,
            "sources": index.sources,
        }


@reading
def topic_counts(index: BriefingIndex) -> list[TopicCount]:
    with index.lock:
        searcher = index.searcher()
        articles = searcher.reader().column_reader("article_id")
        counts = []
        for topic in index.topics.topics:
            docs = list(searcher.docs_for_query(wq.Term("topic", topic.name.lower())))
            counts.append(
                TopicCount(topic.name, topic.query, len(docs), len({articles[d] for d in docs}))
            )
        return counts


@reading
def suggest_topics(index: BriefingIndex, limit: int = 15) -> list[TopicSuggestion]:
    """Significant terms (highest tf-idf) that no topic query mentions, whose paragraphs are
    mostly untagged, and that read as subjects: names (capitalised mid-sentence) or long words.
    """
    covered = {
        term for topic in index.topics.topics for _, term in topic.parsed.iter_all_terms()
    }
    with index.lock:
        searcher = index.searcher()
        reader = searcher.reader()
        articles = reader.column_reader("article_id")
        total = max(searcher.doc_count(), 1)
        found: list[TopicSuggestion] = []
        for _, raw in reader.most_distinctive_terms("text", number=500):
            term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            if term in covered or len(term) < 4 or not term.isalpha():
                continue
            docs = list(searcher.docs_for_query(wq.Term("text", term)))
            if len(docs) < 2 or len(docs) > total / 2:
                continue
            tagged = sum(1 for d in docs if searcher.stored_fields(d).get("topic"))
            if tagged / len(docs) > 0.5:
                continue
            text = searcher.stored_fields(docs[0]).get("text", "")
            word, example = _surface(term, text)
            if not (word[:1].isupper() or len(word) >= 9):
                continue
            found.append(TopicSuggestion(term, word, len(docs),
                                         len({articles[d] for d in docs}), example))
            if len(found) >= limit:
                break
        return found


def _surface(stem: str, text: str) -> tuple[str, str]:
    """The word as written (for a stem like "militari") and the text around it."""
    for token in TEXT_ANALYZER(text, chars=True):
        if token.text == stem:
            word = text[token.startchar : token.endchar]
            mid_sentence = token.startchar > 1 and text[token.startchar - 2] not in ".!?"
            shown = word if mid_sentence else word.lower()
            left = max(0, token.startchar - 60)
            return shown, ("…" if left else "") + text[left : token.endchar + 80] + "…"
    return stem, text[:140]


@reading
def speaker_counts(index: BriefingIndex) -> dict[str, dict[str, int]]:
    """Claims per speaker per outlet, most quoted speakers first."""
    by_speaker: dict[str, Counter[str]] = defaultdict(Counter)
    with index.lock:
        for stored in index.searcher().all_stored_fields():
            outlet = stored.get("outlet_name") or UNKNOWN_OUTLET
            for claim in json.loads(stored.get("claims") or "[]"):
                if claim["speaker"]:  # attributions with no source are nobody's
                    by_speaker[claim["speaker"]][outlet] += 1
    ordered = sorted(by_speaker.items(), key=lambda kv: (-sum(kv[1].values()), kv[0].casefold()))
    return {speaker: dict(outlets.most_common()) for speaker, outlets in ordered}

