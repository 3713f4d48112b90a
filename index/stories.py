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
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date as Date

WINDOW_DAYS = 7
LINK = 0.1
TOP_TERMS = 60
MIN_ARTICLES = 100
_WORD = re.compile(r"[^\W\d_][\w’'\-]*[^\W_]|[^\W\d_]")
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
    """Word counts of an article (title words twice), stop words left out."""
    counts: Counter[str] = Counter()
    for text in (title, title, *texts):
        for match in _WORD.finditer(text):
            word = match.group().lower().replace("’", "'")
            if word.endswith("'s"):
                word = word[:-2]
            if len(word) > 2 and word not in _STOP:
                counts[word] += 1
    return dict(counts)


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
    """Cosine similarity of every pair sharing a heavy word and close enough in date."""
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, vector in enumerate(vectors):
        for term, weight in vector.items():
            postings[term].append((i, weight))
    sums: dict[tuple[int, int], float] = defaultdict(float)
    for plist in postings.values():
        for x in range(len(plist)):
            i, wi = plist[x]
            for y in range(x + 1, len(plist)):
                j, wj = plist[y]
                if _close(days[i], days[j]):
                    sums[(i, j) if i < j else (j, i)] += wi * wj
    return dict(sums)


def _close(a: int | None, b: int | None) -> bool:
    return a is None or b is None or abs(a - b) <= WINDOW_DAYS


def _day(value: str) -> int | None:
    try:
        return Date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None
