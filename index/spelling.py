"""Spelling suggestions for "did you mean" from the words of the paragraphs themselves.

Whoosh's own corrector walks the on-disk term file with a pure-Python Levenshtein automaton:
130 ms per misspelt word at 156,000 paragraphs, paid on every keystroke while a word is
unknown. The text field's vocabulary is small (17,000 stems at that size), so it is read once
per searcher and compared in C by rapidfuzz: under a millisecond per word.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from rapidfuzz import distance, process
from whoosh.reading import IndexReader
from whoosh.spelling import Corrector


class VocabularyCorrector(Corrector):
    """Suggests the closest words of one field: fewest edits (a swap of neighbours counts as one),
    then the word in most paragraphs."""

    def __init__(self, reader: IndexReader, fieldname: str) -> None:
        self._frequency: dict[str, int] = {}
        self._by_initial: dict[str, list[str]] = defaultdict(list)
        for term, info in reader.iter_field(fieldname):
            word = term.decode("utf-8") if isinstance(term, bytes) else term
            self._frequency[word] = info.doc_frequency()
            self._by_initial[word[:1]].append(word)

    def _suggestions(self, text: str, maxdist: int, prefix: int) -> Iterator[tuple[float, str]]:
        pool = self._by_initial.get(text[:1], []) if prefix else list(self._frequency)
        found = process.extract(text, pool, scorer=distance.OSA.distance, score_cutoff=maxdist,
                                limit=None)
        for word, edits, _ in found:
            if word != text and word[:prefix] == text[:prefix]:
                # Higher is better: fewer edits first, then the commoner word.
                yield -edits + self._frequency[word] / (1 + self._frequency[word]), word
