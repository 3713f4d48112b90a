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
from functools import lru_cache

# A word: letters/digits with inner apostrophes, dots or commas (numbers like 1,200); a
# hyphen separates words, so "same-sex" and "same sex" are one wording.
_WORD = re.compile(r"[^\W_]+(?:[’'.,][^\W_]+)*")
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
    """A word as compared: lower case, one apostrophe style, no inner commas in numbers, no
    dots in abbreviations ("F.B.I." is "FBI"), small numbers as digits ("three" is "3")."""
    word = word.lower().replace("’", "'")
    if any(ch.isdigit() for ch in word):
        return word.replace(",", "")
    word = word.replace(".", "")
    return _SMALL_NUMBERS.get(word, word)


_SMALL_NUMBERS = {w: str(n) for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
# Contractions are a quotation style, not a wording: "we've" is "we have".
_CONTRACTED = {"won't": ("will", "not"), "can't": ("can", "not"), "cannot": ("can", "not"),
               "shan't": ("shall", "not"), "let's": ("let", "us"), "i'm": ("i", "am")}
_SUFFIXES = (("n't", "not"), ("'re", "are"), ("'ve", "have"), ("'ll", "will"), ("'d", "would"))
_IS = frozenset("he she it that there what who where here how".split())


def _expanded(word: str) -> tuple[str, ...]:
    if word in _CONTRACTED:
        return _CONTRACTED[word]
    for suffix, full in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            return (word[: -len(suffix)], full)
    if word.endswith("'s") and word[:-2] in _IS:
        return (word[:-2], "is")
    return (word,)


def pieces(quote: str) -> list[list[str]]:
    """The quotation's words, split where the outlet marked a cut (``…``, ``[...]``)."""
    found = []
    for part in _CUT.split(quote):
        words = [w for token in _WORD.findall(part) for w in _compared(token)]
        if words:
            found.append(words)
    return found


@lru_cache(maxsize=1 << 16)
def _compared(token: str) -> tuple[str, ...]:
    """A token as the words compared (cached: news text repeats its words)."""
    return _expanded(normal_word(token))


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
    the reference are an excerpt's ends, not changes, and a lone word matched far out at an
    end does not stretch the excerpt ("they are wasting …" vs "I think they are on …"). When
    both start or end together on a different word or two ("… what they're finding" /
    "… what they're talking"), that is a changed word, not a cut.
    """
    changes: list[Change] = []
    for piece in version:
        ops = SequenceMatcher(None, list(reference), list(piece), autojunk=False).get_opcodes()
        kept = _trimmed(ops)
        if not kept:
            continue
        first, last = ops.index(kept[0]), ops.index(kept[-1])
        if first == 1 and _short_replace(ops[0]):
            kept.insert(0, ops[0])
        if last == len(ops) - 2 and _short_replace(ops[-1]):
            kept.append(ops[-1])
        for tag, i1, i2, j1, j2 in kept:
            # "work force" / "workforce": the same word spaced differently.
            if tag != "equal" and "".join(reference[i1:i2]) != "".join(piece[j1:j2]):
                op = {"replace": "changed", "insert": "added", "delete": "dropped"}[tag]
                changes.append(Change(op, tuple(reference[i1:i2]), tuple(piece[j1:j2])))
    return changes


def _trimmed(ops: list[tuple[str, int, int, int, int]]) -> list[tuple[str, int, int, int, int]]:
    """The opcodes from the first to the last match of two or more words (or the only match)."""
    ops = list(ops)
    while ops and (ops[0][0] != "equal" or (ops[0][2] - ops[0][1] == 1 and len(ops) > 1)):
        ops.pop(0)
    while ops and (ops[-1][0] != "equal" or (ops[-1][2] - ops[-1][1] == 1 and len(ops) > 1)):
        ops.pop()
    return ops


def _short_replace(op: tuple[str, int, int, int, int]) -> bool:
    tag, i1, i2, j1, j2 = op
    return tag == "replace" and i2 - i1 <= 2 and j2 - j1 <= 2


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
