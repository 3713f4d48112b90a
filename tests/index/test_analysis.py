"""``analysis.analyse`` must give exactly the words and positions Whoosh's text analyzer gives,
since both topic tags and the index's postings come from it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.formats import tokens

from index.analysis import analyse
from index.schema import TEXT_ANALYZER, build_schema

from ..conftest import POLNEAR, SEEDS
from ..reliability.hostile import HOSTILE_ESCAPES, HOSTILE_MARKUP


def _whoosh(text: str) -> dict[str, list[int]]:
    positions: dict[str, list[int]] = {}
    for token in tokens(text, TEXT_ANALYZER, {"positions": True, "boosts": True, "mode": "index"}):
        positions.setdefault(token.text, []).append(token.pos)
    return positions


TRICKY = [
    "", "   ", "a", "The", "the of and", "I am the U.S. State Dept.'s 2nd-in-command",
    "Mr. Blinken said: “We will stand up for human rights,” and Yang replied.",
    "e.g. i.e. 3.14 v1.2.3 ...dots... a.b.c. x*y wild*card",
    "Ünïcödé façade naïve Straße ΑΘΗΝΑ Москва 北京 中国 日本語 한국어 العربية",
    "under_score __init__ tabs\tand\nnewlines\r\nand  spaces", "ǅ ǈ ß ẞ İ ı ﬁ ﬂ",
    "running runs ran runner easily fairly sensational conditional", HOSTILE_ESCAPES,
    HOSTILE_MARKUP, "word " * 300,
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_texts_analyse_as_whoosh_does(text: str):
    assert analyse(text).positions == _whoosh(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_any_text_analyses_as_whoosh_does(text: str):
    assert analyse(text).positions == _whoosh(text)


def test_real_articles_analyse_as_whoosh_does():
    files = sorted(SEEDS.glob("*.txt")) + sorted((POLNEAR / "dev" / "text").glob("*.txt"))[:60]
    assert len(files) >= 2
    for path in files:
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            assert analyse(paragraph).positions == _whoosh(paragraph), (path, paragraph[:60])


def test_postings_are_the_text_fields():
    text = "Blinken told Yang that the United States would stand up for human rights; Blinken"
    assert sorted(analyse(text).postings()) == sorted(build_schema()["text"].index(text))
