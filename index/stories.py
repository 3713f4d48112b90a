"""Stories: the articles that report one event, found from their words and dates alone.

Three outlets writing about the same event share its rare words — the names of the people and
places in it, the words of the statements they quote — and publish within days of each other.
Each article becomes a TF-IDF vector of its title and text (its 60 heaviest words, title words
counted twice), articles more than ``WINDOW_DAYS`` apart never join, and articles are merged
with average linkage (two groups join when their mean similarity over every pair between them
reaches ``LINK``): single linkage chained unrelated events through one broad article.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date as Date

from .analysis import analyse

WINDOW_DAYS = 7
LINK = 0.12
TOP_TERMS = 60
MIN_ARTICLES = 100
COMMON = 100
_STOP = frozenset(
    "the a an and or but if of to in on at by for with from as is are was were be been being "
    "it its this that these those he she they them his her their we our you your i me my "
    "not no so than then there here what which who whom whose when where why how all any "
    "also about after before over under into out up down more most said says say told "
    "has have had do does did will would could should may might can just one two new "
    "mr mrs ms year years last first time people like get got".split()
)


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """What grouping needs of an article: a key, its date (``YYYY-MM-DD…`` or "") and terms."""

    key: str
    date: str
    terms: dict[str, int]


def article_terms(title: str, texts: Iterable[str]) -> dict[str, int]:
    """Stemmed word counts of an article (title words twice), as the index analyses its text
    (``analysis.analyse``), stop words left out."""
    counts: Counter[str] = Counter()
    for text, times in ((title, 2), *((t, 1) for t in texts)):
        for word, found in analyse(text).positions.items():
            counts[word] += times * len(found)
    return _kept(counts)


def terms_from_postings(postings: Iterable[Mapping[str, Sequence[tuple]]]) -> dict[str, int]:
    """The same counts from the postings the parse workers made for an article's paragraphs
    (its ``text`` field, and ``title`` on the paragraph that indexes it): no second pass over
    the words in the writer."""
    counts: Counter[str] = Counter()
    for fields in postings:
        for field, times in (("text", 1), ("title", 2)):
            for term, frequency, *_rest in fields.get(field, ()):
                counts[term.decode("utf-8")] += times * frequency
    return _kept(counts)


def _kept(counts: Counter[str]) -> dict[str, int]:
    return {w: c for w, c in counts.items() if len(w) > 2 and w not in _STOP}


def group(articles: Sequence[StoryArticle]) -> list[list[str]]:
    """The articles' keys grouped into stories, each story's keys and the stories in a stable
    order (by earliest date, then key)."""
    if not articles:
        return []
    vectors = _vectors(articles)
    days = [_day(a.date) for a in articles]
    similar = _similarities(vectors, days)
    parent = list(range(len(articles)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(articles))}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    heap = [(-s, i, j) for (i, j), s in similar.items() if s >= LINK]
    heapq.heapify(heap)
    while heap:
        _neg, i, j = heapq.heappop(heap)
        a, b = find(i), find(j)
        if a == b:
            continue
        pairs = [(x, y) for x in members[a] for y in members[b]]
        mean = sum(similar.get((min(x, y), max(x, y)), 0.0) for x, y in pairs) / len(pairs)
        if mean < LINK:
            continue
        parent[b] = a
        members[a].extend(members.pop(b))
    stories = [sorted(m, key=lambda k: (articles[k].date or "9999", articles[k].key))
               for m in members.values()]
    stories.sort(key=lambda m: (articles[m[0]].date or "9999", articles[m[0]].key))
    return [[articles[k].key for k in m] for m in stories]


def _vectors(articles: Sequence[StoryArticle]) -> list[dict[str, float]]:
    df: Counter[str] = Counter()
    for a in articles:
        df.update(a.terms.keys())
    # A small pile (the two seed articles) gives every shared word a low IDF precisely because
    # it is shared; counting at least 100 articles keeps shared rare words heavy there, and
    # changes nothing from 100 articles up.
    n = max(len(articles), MIN_ARTICLES)
    vectors = []
    for a in articles:
        weights = {t: (1 + math.log(c)) * math.log((n + 1) / df[t]) for t, c in a.terms.items()}
        top = heapq.nlargest(TOP_TERMS, weights.items(), key=lambda kv: kv[1])
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        vectors.append({t: w / norm for t, w in top if w > 0})
    return vectors


def _similarities(vectors: list[dict[str, float]], days: list[int | None]) -> dict[tuple[int, int], float]:
    """Cosine similarity of every pair close enough in date that shares a heavy word held by
    at most ``COMMON`` articles (a word in more tells no event apart, and pairing all its
    holders is quadratic); the similarity itself counts every shared word."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, vector in enumerate(vectors):
        for term in vector:
            postings[term].append(i)
    pairs: set[tuple[int, int]] = set()
    for holders in postings.values():
        if len(holders) > COMMON:
            continue
        for x, i in enumerate(holders):
            for j in holders[x + 1:]:
                if _close(days[i], days[j]):
                    pairs.add((i, j))
    found = {}
    for i, j in pairs:
        a, b = vectors[i], vectors[j]
        if len(b) < len(a):
            a, b = b, a
        found[(i, j)] = sum(w * b[t] for t, w in a.items() if t in b)
    return found


def _close(a: int | None, b: int | None) -> bool:
    return a is None or b is None or abs(a - b) <= WINDOW_DAYS


def _day(value: str) -> int | None:
    try:
        return Date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None
