"""Topic queries tag a paragraph by its stemmed words: each operator of the search language."""

from __future__ import annotations

import pytest

from index.topics import TopicError, TopicSet

TOPICS = TopicSet({
    "Word": "sanction",
    "Either": "taiwan OR taiwanese OR \"cross-strait\"",
    "Prefix": "uighur*",
    "Phrase": "\"human rights\"",
    "Both": "climate AND china",
    "Without": "trade NOT tariff*",
    "Grouped": "(beijing OR china) AND NOT (climate OR trade)",
})


@pytest.mark.parametrize(("text", "expected"), [
    ("New sanctions were announced.", {"Word"}),  # stemmed: sanctions -> sanction
    ("The Taiwanese delegation left.", {"Either"}),
    ("Cross-strait tension rose.", {"Either"}),
    ("Uighurs in Xinjiang", {"Prefix"}),
    ("He spoke of human rights.", {"Phrase"}),
    ("Rights of humans, human beings' rights", set()),  # not next to each other
    ("China and the climate", {"Both"}),
    ("The climate alone", set()),
    ("Trade talks went on.", {"Without"}),
    ("Trade talks and new tariffs", set()),
    ("Beijing said nothing.", {"Grouped"}),
    ("Beijing and climate change", set()),
    ("", set()),
])
def test_each_operator_tags_as_the_query_says(text: str, expected: set[str]):
    assert set(TOPICS.tag(text)) == expected


def test_a_topic_on_another_field_is_refused():
    with pytest.raises(TopicError):
        TopicSet({"Bad": "outlet:hill"})
