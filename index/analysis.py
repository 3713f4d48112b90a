"""A paragraph's text analysed once, in the parse workers, for its topics and its postings.

Topic tagging needs each stemmed word's positions, and so does the index's ``text`` field.
Analysing in the worker that tags lets the writer (one process, the build's bottleneck) take
the field's postings ready-made instead of running Whoosh's analyzer a second time.
``tests/index/test_pool.py`` checks the postings against Whoosh's own ``add_document``.
"""

from __future__ import annotations

from dataclasses import dataclass

from whoosh.formats import tokens

from .schema import TEXT_ANALYZER, build_schema

# (term bytes, frequency, weight, encoded positions): what ``FieldType.index`` yields.
Posting = tuple[bytes, int, float, bytes]

_TEXT_FORMAT = build_schema()["text"].format


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
