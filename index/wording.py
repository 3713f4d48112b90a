"""Comparing the words of one quotation as different outlets print it.

Outlets quote the same sentence differently: one cuts it shorter, one writes "and nothing
happened" where another writes "nothing happened", one marks a cut with "…" or replaces a
pronoun with "[Clinton]". Only some of that is a change of wording. This module turns a
quotation into words (case, punctuation and quotation-mark style gone; a marked ellipsis or
bracket splits it into separate pieces, since the outlet said it left something out) and aligns
each piece with a reference version word by word, so that the two ends of a shorter excerpt do
not count and only words changed, added or dropped inside the shared stretch do.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

# A word: letters/digits with inner apostrophes, hyphens, dots or commas (numbers like 1,200).
_WORD = re.compile(r"[^\W_]+(?:[’'.,\-][^\W_]+)*")
# Marked cuts and insertions: an ellipsis, or an editorial insertion in brackets or (inside a
# quotation) parentheses: "now it looks like (Libyan strongman Muammar) al-Qaddafi".
_CUT = re.compile(r"\[[^\]]*\]|\([^)]*\)|\.\s?\.\s?\.|…")
_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand million billion trillion percent half dozen first second third".split()
)
_NEGATIONS = frozenset(
    "not no never none nobody nothing neither nor cannot without n't don't doesn't didn't "
    "isn't aren't wasn't weren't won't wouldn't can't couldn't shouldn't hasn't haven't hadn't".split()
)


def normal_word(word: str) -> str:
    """A word as compared: lower case, one apostrophe style, no inner commas in numbers."""
    word = word.lower().replace("’", "'")
    return word.replace(",", "") if any(ch.isdigit() for ch in word) else word


def pieces(quote: str) -> list[list[str]]:
    """The quotation's words, split where the outlet marked a cut (``…``, ``[...]``)."""
    found = []
    for part in _CUT.split(quote):
        words = [normal_word(m.group()) for m in _WORD.finditer(part)]
        if words:
            found.append(words)
    return found


def words(quote: str) -> list[str]:
    return [w for piece in pieces(quote) for w in piece]


def is_number(word: str) -> bool:
    return any(ch.isdigit() for ch in word) or word in _NUMBER_WORDS


def is_negation(word: str) -> bool:
    return word in _NEGATIONS or word.endswith("n't")


@dataclass(frozen=True, slots=True)
class Change:
    """One difference inside the stretch a version shares with the reference.

    ``op`` is "changed" (``ref`` words replaced by ``got``), "added" (``got`` not in the
    reference) or "dropped" (``ref`` words left out).
    """

    op: str
    ref: tuple[str, ...]
    got: tuple[str, ...]


def compare(version: Sequence[Sequence[str]], reference: Sequence[str]) -> list[Change]:
    """Word differences of a version (its pieces) against the reference's words.

    Each piece is aligned on its own; words before its first and after its last match with
    the reference are an excerpt's ends, not changes.
    """
    changes: list[Change] = []
    for piece in version:
        matcher = SequenceMatcher(None, list(reference), list(piece), autojunk=False)
        ops = matcher.get_opcodes()
        while ops and ops[0][0] != "equal":
            ops.pop(0)
        while ops and ops[-1][0] != "equal":
            ops.pop()
        for tag, i1, i2, j1, j2 in ops:
            if tag == "equal":
                continue
            op = {"replace": "changed", "insert": "added", "delete": "dropped"}[tag]
            changes.append(Change(op, tuple(reference[i1:i2]), tuple(piece[j1:j2])))
    return changes


def shared_words(a: Sequence[str], b: Sequence[str]) -> tuple[int, int]:
    """How many words two quotations share in order (the matched runs of two or more words of
    their alignment), and the longest such run."""
    matcher = SequenceMatcher(None, list(a), list(b), autojunk=False)
    sizes = [block.size for block in matcher.get_matching_blocks() if block.size >= 2]
    return sum(sizes), max(sizes, default=0)


def numbers_in(changes: Sequence[Change]) -> bool:
    """Whether a number is among the changed, added or dropped words."""
    return any(is_number(w) for c in changes for w in (*c.ref, *c.got))


def negation_in(changes: Sequence[Change]) -> bool:
    """Whether a negation is added or dropped (present on one side of a change only)."""
    for c in changes:
        ref = sum(map(is_negation, c.ref))
        got = sum(map(is_negation, c.got))
        if ref != got:
            return True
    return False
