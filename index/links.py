"""Whether two paragraphs from different outlets report the same statement or fact.

``searching.related`` finds candidates by shared rare words; this module decides, for each
candidate, on evidence a reader would accept:

* **shared quoted words**: a run of ``QUOTE_RUN`` words inside quotation marks in both
  paragraphs: the same statement, quoted by both outlets;
* **same speaker, same content**: a named speaker (a person or a body, never a per-article
  description) with claims in both paragraphs whose contents share ``MIN_CONTENT_SHARE`` of
  their words;
* **the same content, credited differently**: a claim in each paragraph sharing most of its
  rare words (one outlet credits the State Department's readout, another the secretary);
* **the same fact in the same words**: a text score that counts the shared rare words against
  *both* paragraphs (``symmetric``): a long paragraph shares some words with everything, so
  its score is low unless most of it is shared too. Before, the score was measured against
  the asking paragraph only, and a few 900-character paragraphs received most of all links.

Reports of one event are close in time: paragraphs dated more than ``MAX_DAYS_APART`` apart are
linked only by a long shared quotation. Anything else is not shown: no link is better than
an unrelated one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

QUOTE_RUN = 4  # words, whose rarity adds up to MIN_RARE_WEIGHT
# A stock phrase ("president of the United States") is quoted everywhere: shared words must be
# rare enough between them. Rarity is a word's idf over the idf of a word found in one
# paragraph (1.0); only words of rarity RARE_IDF or more count (0.5: in about one paragraph in
# 20 of 1,800, one in 30 of 3,000), and they must add up to MIN_RARE_WEIGHT (two or three).
MIN_RARE_WEIGHT = 1.3
RARE_IDF = 0.5
# Two different named speakers quoting the same words, or two reports months apart: a stock
# phrase ("temperamentally unfit to be commander in chief") unless the shared run is this long.
OTHER_SPEAKER_QUOTE_RUN = 10
MIN_CONTENT_SHARE = 0.3
MIN_TEXT_SCORE = 0.42  # symmetric share of rare-word weight, alone
MIN_TEXT_SCORE_NEXT_DAY = 0.35  # the same, for reports a day apart at most
MIN_SPEAKER_TEXT_SCORE = 0.15  # with the same speaker saying overlapping things
MAX_DAYS_APART = 10
# One claim in each paragraph, whoever is credited, saying the same rare words: 40% of the
# smaller claim's rare weight, and at least three times MIN_RARE_WEIGHT (five or six rare words).
MIN_SAME_CONTENT_SHARE = 0.4

_QUOTED = re.compile(r"[“\"]([^“”\"]{10,}?)[”\"]|''(.{10,}?)''|‘([^‘’]{10,}?)’(?!\w)")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_STOP = frozenset(
    "a an the and or but of to in on at by for with from as is are was were be been being it its "
    "this that these those he she they we i you his her their our my your him them us me who "
    "which what not no so if then than there here has have had do does did will would can could "
    "should may might must said says say told also about into over after before more most very "
    "just all any some one two".split()
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why two paragraphs are linked, and how strongly (``score`` in 0..1)."""

    score: float
    quoted: bool = False
    speaker: str = ""

    @property
    def linked(self) -> bool:
        return self.score > 0


def symmetric(coverage: float, shared_weight: float, other_weight: float) -> float:
    """The harmonic mean of the shared weight's share of each paragraph."""
    other = shared_weight / other_weight if other_weight > 0 else 0.0
    return 2 * coverage * other / (coverage + other) if coverage + other > 0 else 0.0


Weight = Callable[[str], float]


def judge(text: str, claims: Sequence[Mapping[str, Any]], day: str,
          other_text: str, other_claims: Sequence[Mapping[str, Any]], other_day: str,
          text_score: float, weight: Weight) -> Evidence:
    """The evidence that two paragraphs report the same thing; score 0 when there is none.
    ``weight`` gives a word's rarity (its idf in the index)."""
    mine, theirs = _named(claims), _named(other_claims)
    run = _shared_quote_run(text, other_text, weight)
    different_speakers = bool(mine) and bool(theirs) and mine.keys().isdisjoint(theirs.keys())
    days = _days_apart(day, other_day)
    far_apart = days > MAX_DAYS_APART
    if run >= (OTHER_SPEAKER_QUOTE_RUN if different_speakers or far_apart else QUOTE_RUN):
        return Evidence(min(1.0, 0.6 + text_score), quoted=True)
    if far_apart or _numbers_disagree(text, other_text):
        return Evidence(0.0)
    speaker = _same_speaker_same_content(mine, theirs, weight)
    if speaker and text_score >= MIN_SPEAKER_TEXT_SCORE:
        return Evidence(min(1.0, 0.4 + text_score), speaker=speaker)
    share = _same_content(claims, other_claims, weight)
    if share:
        return Evidence(min(1.0, 0.4 + 0.4 * share))
    if text_score >= (MIN_TEXT_SCORE_NEXT_DAY if day and other_day and days <= 1 else MIN_TEXT_SCORE):
        return Evidence(text_score)
    return Evidence(0.0)


def quoted_words(text: str) -> list[list[str]]:
    """The words inside each of the paragraph's quotations, case-folded."""
    return [[w.casefold().replace("’", "'") for w in _WORD.findall(next(g for g in m.groups() if g))]
            for m in _QUOTED.finditer(text)]


def _shared_quote_run(text: str, other: str, weight: Weight) -> int:
    """The longest run of words quoted in both paragraphs whose words weigh
    ``MIN_RARE_WEIGHT`` (0 when none): runs of ``QUOTE_RUN`` are matched, then extended."""
    mine = quoted_words(text)
    if not mine:
        return 0
    theirs = quoted_words(other)
    starts = {tuple(q[i : i + QUOTE_RUN]) for q in theirs for i in range(len(q) - QUOTE_RUN + 1)}
    joined = [" ".join(q) for q in theirs]
    best = 0
    for quote in mine:
        for i in range(len(quote) - QUOTE_RUN + 1):
            if tuple(quote[i : i + QUOTE_RUN]) not in starts:
                continue
            end = i + QUOTE_RUN
            while end < len(quote) and any(" ".join(quote[i : end + 1]) in j for j in joined):
                end += 1
            if _rare_weight(set(quote[i:end]), weight) >= MIN_RARE_WEIGHT:
                best = max(best, end - i)
    return best


def _rare_weight(words: Iterable[str], weight: Weight) -> float:
    return sum(w for w in (weight(word) for word in words if word not in _STOP) if w >= RARE_IDF)


_NUMBER = re.compile(r"\b\d[\d,.]*")


def _numbers_disagree(text: str, other: str) -> bool:
    """Both give figures and share none: two polls, two counts, not one fact."""
    a, b = set(_NUMBER.findall(text)), set(_NUMBER.findall(other))
    return len(a) >= 2 and len(b) >= 2 and a.isdisjoint(b)


def _named(claims: Iterable[Mapping[str, Any]]) -> dict[str, set[str]]:
    """Named speaker → the content words of their claims in this paragraph."""
    out: dict[str, set[str]] = {}
    for claim in claims:
        speaker = str(claim.get("speaker") or "")
        if not speaker or "(" in speaker or claim.get("speaker_kind") in ("anonymous", "outlet"):
            continue
        out.setdefault(speaker, set()).update(_content_words(str(claim.get("content", ""))))
    return out


def _content_words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text) if w.casefold() not in _STOP and len(w) > 2}


def _same_speaker_same_content(mine: Mapping[str, set[str]], theirs: Mapping[str, set[str]],
                               weight: Weight) -> str:
    """A speaker with claims in both paragraphs whose content words overlap: rare words
    weighing ``MIN_RARE_WEIGHT``, and ``MIN_CONTENT_SHARE`` of the smaller side's weight."""
    for speaker in sorted(mine.keys() & theirs.keys()):
        a, b = mine[speaker], theirs[speaker]
        both = _rare_weight(a & b, weight)
        smaller = min(_rare_weight(a, weight), _rare_weight(b, weight))
        if both >= MIN_RARE_WEIGHT and both >= MIN_CONTENT_SHARE * smaller:
            return speaker
    return ""


def _same_content(claims: Sequence[Mapping[str, Any]], other_claims: Sequence[Mapping[str, Any]],
                  weight: Weight) -> float:
    """The best share of a claim's rare content weight that a claim of the other paragraph
    says too (0 when below ``MIN_SAME_CONTENT_SHARE`` or too little to tell)."""
    best = 0.0
    theirs = [_content_words(str(c.get("content", ""))) for c in other_claims]
    for claim in claims:
        a = _content_words(str(claim.get("content", "")))
        for b in theirs:
            both = _rare_weight(a & b, weight)
            smaller = min(_rare_weight(a, weight), _rare_weight(b, weight))
            if both >= 3 * MIN_RARE_WEIGHT and smaller and both / smaller >= MIN_SAME_CONTENT_SHARE:
                best = max(best, both / smaller)
    return best


def _days_apart(a: str, b: str) -> int:
    """Days between two ISO dates (partial dates count from their first day); 0 if unknown."""
    try:
        first, second = (date.fromisoformat((d + "-01-01")[:10] if len(d) < 10 else d[:10]) for d in (a, b))
    except ValueError:
        return 0
    return abs((first - second).days)
