"""CLI search snippets are cut at words, and say so with an ellipsis."""

from __future__ import annotations

import index
from tui import output

WHOLE = ("The Secretary reaffirmed that the United States will work together with its allies "
         "and partners in defense of our shared values and interests.")


def test_an_excerpt_cut_inside_words_drops_the_partial_words_and_shows_ellipses():
    inner = WHOLE[16:102]  # "affirmed … partners in defe"
    assert inner.startswith("affirmed") and not inner.endswith(" ")
    shown = output._highlighted(index.Fragment(inner, ((37, 43),)), WHOLE).plain
    assert shown.startswith("…that the") and shown.endswith("partners in…")
    assert "affirmed" not in shown and "defe" not in shown


def test_a_whole_paragraph_excerpt_has_no_ellipsis_and_keeps_its_highlights():
    text = output._highlighted(index.Fragment(WHOLE, ((34, 40),)), WHOLE)
    assert text.plain == WHOLE
    assert any(span.start == 34 and span.end == 40 for span in text.spans)


def test_a_long_paragraph_without_highlights_is_cut_at_a_word():
    cut = output._cut(WHOLE, 50)
    assert cut.endswith("…") and len(cut) <= 51 and WHOLE.startswith(cut[:-1])
    assert cut[:-1].split()[-1] in WHOLE.split()
