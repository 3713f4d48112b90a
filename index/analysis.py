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

from whoosh.formats import tokens

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
    positions: dict[str, list[int]] = {}
    # The arguments Whoosh's Positions format passes when it indexes the field.
    for token in tokens(text, TEXT_ANALYZER, {"positions": True, "boosts": True,
                                               "mode": "index"}):
        positions.setdefault(token.text, []).append(token.pos)
    return AnalysedText(positions)


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
