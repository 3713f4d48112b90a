"""Topic queries tag a paragraph by its stemmed words: each operator of the search language."""

from __future__ import annotations

from pathlib import Path

import pytest

import index
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


@pytest.mark.parametrize(("query", "reason"), [
    ("a" * 100_000, "query is too long (100,000 characters"),
    ("(" * 5000 + "china" + ")" * 5000, "too long"),
    ("(" * 40 + "china OR taiwan" + ")" * 40, "nests parentheses more than 32 deep"),
    (" ".join(f"w{i}" for i in range(300)), "300 words, phrases and prefixes"),
    ("ta*", "prefix ta* is too short"),
], ids=["long word", "deep and long", "deep", "many words", "short prefix"])
def test_a_topic_that_would_be_slow_or_too_deep_is_refused_with_its_name(query: str, reason: str):
    with pytest.raises(TopicError, match=r"topic 'Hostile'") as refused:
        TopicSet({"Fine": "china", "Hostile": query})
    assert reason in str(refused.value)


def test_a_topic_at_the_limits_is_accepted():
    deep = "(" * 31 + "china OR taiwan" + ")" * 31
    many = " OR ".join(f"w{i}" for i in range(200))
    topics = TopicSet({"Deep": deep, "Many": many, "Phrase": '"human (((((((((((((((((((((((((((((((((( rights"'})
    assert topics.tag("Taiwan and w7 on human rights") == ("Deep", "Many", "Phrase")


def test_stored_topics_that_are_now_refused_are_left_out_with_the_reason():
    topics = TopicSet({"Fine": "china", "Slow": "a" * 100_000}, skip_refused=True)
    assert topics.names == ("Fine",)
    assert len(topics.refused) == 1 and "'Slow'" in topics.refused[0]


def test_a_topic_file_nested_too_deep_is_refused_not_a_recursion_error(tmp_path):
    from index.topics import load_topic_file

    path = tmp_path / "topics.toml"
    path.write_text("[topics]\nx = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(TopicError, match="nested more than 32 deep"):
        load_topic_file(path)


def test_topics_belong_to_the_index_they_were_built_with(tmp_path, seed_copy):
    """A new corpus takes its own topics.toml, or none: never the seeds' (a Clinton-email
    export was grouped under "Trade and technology"); an update keeps the index's topics."""
    from tests.conftest import SEEDS

    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "memo.txt").write_text("Title: Memo\n\nThe technology aide spoke of civil rights.\n")
    with index.build_index(tmp_path / "plain-ix", [plain]) as ix:
        assert ix.topics.names == () and ix.topics.files == ()
        assert index.search(ix, "technology").hits[0].topics == ()
    with index.build_index(tmp_path / "seed-ix", [seed_copy]) as ix:
        assert "Taiwan" in ix.topics.names
        assert [Path(f).name for f in ix.topics.files] == ["topics.toml"]
        ix.update([plain])
        assert "Taiwan" in ix.topics.names  # kept, not configured again
    extra = tmp_path / "more.toml"
    extra.write_text('[topics]\nMemos = "memo"\n')
    with index.BriefingIndex.open(tmp_path / "plain-ix") as ix:
        added = index.configured_topics(extra, base=ix.topics)
        ix.update([plain], topics=added)
        assert ix.topics.names == ("Memos",) and ix.topics.files == (str(extra),)
    with index.BriefingIndex.open(tmp_path / "plain-ix") as ix:  # recorded with the index
        assert ix.topics.files == (str(extra),)
    assert (SEEDS / "topics.toml").is_file()
