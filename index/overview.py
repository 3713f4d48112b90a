"""Corpus-level views: index statistics, topic counts, topic suggestions, speaker counts."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from whoosh import query as wq
from whoosh.analysis import STOP_WORDS

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
    """Phrases and named things that recur across articles, that no topic covers and whose
    paragraphs are mostly untagged: each is a ready topic query (a quoted phrase).

    Single words made poor topics ("State", "People", "including"): a name is a run of
    capitalised words ("Hillary Clinton", "Department of Justice"), a phrase two adjacent
    content words ("health care", "tax returns"). Ranked by articles, then paragraphs.
    """
    covered = {
        term for topic in index.topics.topics for _, term in topic.parsed.iter_all_terms()
    }
    paragraphs: dict[str, set[int]] = defaultdict(set)
    articles: dict[str, set[str]] = defaultdict(set)
    tagged: Counter[str] = Counter()
    examples: dict[str, str] = {}
    shown: dict[str, str] = {}
    with index.lock:
        searcher = index.searcher()
        total = max(searcher.doc_count(), 1)
        for number, stored in enumerate(searcher.all_stored_fields()):
            text = stored.get("text", "")
            for phrase in set(_phrases(text)):
                key = phrase.casefold()
                paragraphs[key].add(number)
                articles[key].add(stored.get("article_id", ""))
                tagged[key] += bool(stored.get("topic"))
                if key not in examples:
                    examples[key] = _around(text, phrase)
                    shown[key] = phrase
    ranked = sorted((k for k in paragraphs if len(articles[k]) >= 2),
                    key=lambda k: (-len(articles[k]), -len(paragraphs[k]), k))
    found: list[TopicSuggestion] = []
    for key in ranked:
        count = len(paragraphs[key])
        stems = {t.text for t in TEXT_ANALYZER(key)}
        if count > total / 2 or tagged[key] / count > 0.5 or not stems or stems <= covered:
            continue
        if any(key in s.term or s.term in key for s in found):
            continue  # "Hillary Rodham Clinton" and "Rodham Clinton" are one suggestion
        found.append(TopicSuggestion(key, f'"{shown[key]}"', count, len(articles[key]),
                                     examples[key]))
        if len(found) >= limit:
            break
    return found


_WORD = re.compile(r"[^\W\d_][\w’'.-]*[^\W_]|[^\W\d_]")
_JOINERS = frozenset({"of", "for", "the", "on", "de"})
# Words that start sentences or stand alone capitalised without naming anything.
_NOT_NAMES = frozenset("""a an and as at but by for from he her his how i if in it its mr mrs ms
    no not of on or our she so that the their then there these they this those to we what when
    where which while who why with you your said says according also after before""".split())
# Common words that make a phrase generic ("more than", "last week", "questions about").
_GENERIC = frozenset("""about above across again against ago almost already although always
    among another around away back because been being both could during each early either
    even ever every few first former found going good great just last least less later like
    made make many might more most much must never next often once only other over rather
    really same several should since some still such than them through time times today told
    took under until very week weeks well were whether will within without would year years
    yesterday asked called including""".split())
_STOP = frozenset(STOP_WORDS) | _NOT_NAMES | _GENERIC


def _phrases(text: str) -> Iterable[str]:
    """The names (runs of capitalised words) and two-word content phrases in ``text``."""
    words = [(m.group(0).strip(".’'"), m.start()) for m in _WORD.finditer(text)]
    run: list[str] = []
    for i, (word, start) in enumerate([*words, ("", len(text))]):
        between = text[words[i - 1][1]:start][len(words[i - 1][0]):] if i else ""
        if run and any(c in ".,;:!?()\"“”" for c in between):
            yield from _name(run)
            run = []
        joined = bool(run) and word in _JOINERS and i + 1 < len(words) and words[i + 1][0][:1].isupper()
        capital = word[:1].isupper() and word.casefold() not in _NOT_NAMES and len(word) > 1
        if capital or joined:
            run.append(word)
        else:
            yield from _name(run)
            run = []
    for (a, _), (b, start_b) in zip(words, words[1:], strict=False):
        if (a.islower() and b.islower() and len(a) > 3 and len(b) > 3 and a not in _STOP
                and b not in _STOP):
            yield f"{a} {b}"


def _name(run: list[str]) -> Iterable[str]:
    while run and run[-1] in _JOINERS:
        run = run[:-1]
    if 2 <= len(run) <= 5:
        yield " ".join(run)


def _around(text: str, phrase: str) -> str:
    at = text.find(phrase)
    left = max(0, at - 60)
    return ("…" if left else "") + " ".join(text[left : at + len(phrase) + 80].split()) + "…"


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

