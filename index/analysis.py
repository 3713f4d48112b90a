"""A paragraph analysed in the parse workers, for its topics and its postings.

Topic tagging needs each stemmed word's positions, and so does the index's ``text`` field.
Analysing in the worker that tags lets the writer (one process, the build's bottleneck) take
the field's postings ready-made instead of running Whoosh's analyzer a second time; so it
does with every field the writer does not change. ``tests/index/test_pool.py`` checks that
the segments written are byte-identical to those of Whoosh's own ``add_document``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter

from .schema import TEXT_ANALYZER, build_schema

# (term bytes, frequency, weight, encoded positions): what ``FieldType.index`` yields.
Posting = tuple[bytes, int, float, bytes]

_SCHEMA = build_schema()
_TEXT_FORMAT = _SCHEMA["text"].format
# Analysed fields whose values the parse workers know. The writer fills in the claim fields
# and the cluster key, and makes ID fields' single posting itself (cheaper than sending it).
WORKER_FIELDS = ("title", "outlet", "author", "tags", "topic", "paragraph")


@dataclass(frozen=True, slots=True)
class AnalysedText:
    positions: dict[str, list[int]]  # stemmed word -> its token positions, in order

    def postings(self) -> tuple[Posting, ...]:
        """The ``text`` field's postings, as Whoosh's ``Positions`` format makes them (every
        token of this analyzer has boost 1, so a word's weight is its frequency)."""
        boost = _TEXT_FORMAT.field_boost
        encode = _TEXT_FORMAT.encode
        return tuple((word.encode("utf-8"), len(found), len(found) * boost, encode(found))
                     for word, found in self.positions.items())


def analyse(text: str) -> AnalysedText:
    """``TEXT_ANALYZER``'s tokens and positions, made without its token objects and chain of
    generators (1.05 -> 0.57 s at 15,600 paragraphs; ``tests/index/test_analysis.py`` compares
    the two)."""
    positions: dict[str, list[int]] = {}
    stems = _STEMS
    pos = None
    for index, match in enumerate(_WORDS.finditer(text)):
        word = match.group().lower()
        if len(word) < _SHORTEST or word in _STOPS:
            continue
        # Whoosh's StopFilter renumbers: the first word kept keeps its place, the rest follow.
        pos = index if pos is None else pos + 1
        root = stems.get(word)
        if root is None:
            root = stems[word] = word if word in _UNSTEMMED else _STEM(word)
        found = positions.get(root)
        if found is None:
            positions[root] = [pos]
        else:
            found.append(pos)
    return AnalysedText(positions)


def _chain_settings() -> tuple[Any, frozenset[str], int, frozenset[str], Any]:
    """The tokenizer's pattern, the stop words, the shortest word kept, the words never
    stemmed and the stemmer, read from ``TEXT_ANALYZER`` so ``analyse`` follows it."""
    tokenizer, lower, stop, stem = TEXT_ANALYZER.items
    if not (type(tokenizer) is RegexTokenizer and not tokenizer.gaps
            and type(lower) is LowercaseFilter and type(stop) is StopFilter and stop.renumber
            and stop.max is None and type(stem) is StemFilter and not stem.lang):
        raise TypeError(f"analyse() does not know this analyzer: {TEXT_ANALYZER!r}")
    return tokenizer.expression, frozenset(stop.stops), stop.min, stem.ignore, stem.stemfn


_WORDS, _STOPS, _SHORTEST, _UNSTEMMED, _STEM = _chain_settings()
_STEMS: dict[str, str] = {}  # every word's stem, per process (a corpus has ~100,000 words)


def document_postings(document: Mapping[str, Any], text: AnalysedText,
                      ) -> dict[str, tuple[Posting, ...]]:
    """The postings of a paragraph document's text and ``WORKER_FIELDS``, as Whoosh's fields
    make them."""
    found = {"text": text.postings()}
    for name in WORKER_FIELDS:
        value = document.get(name)
        if value is not None:
            found[name] = tuple(_SCHEMA[name].index(value))
    return found
