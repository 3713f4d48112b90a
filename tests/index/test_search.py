import re
import sys

import pytest

import index
from index.query import parse_query


def _outlets(result: index.SearchResult) -> set[str]:
    return {h.outlet for h in result.hits}


def test_taiwan_is_found_in_both_outlets_with_their_dates(seed_index):
    result = index.search(seed_index, "Taiwan")
    assert {(h.outlet, h.date) for h in result.hits} == {
        ("The Hill", "2021-02-05"), ("SGH Insight", "2021-02-10")}
    assert result.facets["outlet"] == {"SGH Insight": 2, "The Hill": 1}


def test_stemming_finds_plural_forms(seed_index):
    result = index.search(seed_index, "sanction")
    assert result.total == 1 and "sanctions" in result.hits[0].text


def test_topic_filter_ands_with_the_query(seed_index):
    result = index.search(seed_index, "Xinjiang", topics=["taiwan"])
    assert result.total == 2
    assert all("Taiwan" in h.topics and "Xinjiang" in h.text for h in result.hits)


def test_several_topics_are_ored(seed_index):
    climate = index.search(seed_index, "", topics=["Climate"]).total
    myanmar = index.search(seed_index, "", topics=["Myanmar"]).total
    both = index.search(seed_index, "", topics=["climate", "MYANMAR"]).total
    assert climate and myanmar and both == climate + myanmar - 0


def test_a_filtered_section_is_counted_without_its_own_selection(seed_index):
    """Values of one filter OR together, so each section's counts say what a value would add;
    the other sections count the filtered matches."""
    result = index.search(seed_index, "Taiwan", outlets=["The Hill"])
    assert {h.outlet for h in result.hits} == {"The Hill"}
    assert result.facets["outlet"] == {"SGH Insight": 2, "The Hill": 1}
    alone = index.search(seed_index, "Taiwan", outlets=["The Hill"], topics=["Taiwan"])
    assert alone.facets["topic"] == index.search(seed_index, "Taiwan",
                                                 outlets=["The Hill"]).facets["topic"]
    assert alone.facets["outlet"] == index.search(seed_index, "Taiwan",
                                                  topics=["Taiwan"]).facets["outlet"]


def test_page_furniture_is_not_indexed(seed_index):
    for query in ('"most popular"', '"load more"', '"back to list"', '"comment section"'):
        assert index.search(seed_index, query).total == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"human rights"', 6),
        ('"rights human"', 0),
        ("Xinjiang AND Tibet", 4),
        ("Xinjiang Tibet", 4),
        ("Taiwan OR Myanmar", 6),
        ("Xinjiang NOT Taiwan", 2),
        ("(Taiwan OR Myanmar) AND sanctions", 1),
        ('outlet:"the hill"', 11),
        ("outlet:sgh", 17),
        ("title:frosty", 17),
        ("topic:taiwan", 3),
        ('topic:"hong kong"', 4),
        ("date:[2021-02-01 TO 2021-02-07]", 11),
        ("date:[2021-02 TO 2021-02]", 28),
        ("date:2021-02-10", 17),
        ("date:2021-02", 28),
        ("milque*", 1),
        ("taiwn~", 3),
    ],
)
def test_query_language(seed_index, query, expected):
    assert index.search(seed_index, query, limit=50).total == expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"unbalanced', "unbalanced quote"),
        ("(taiwan", "never closed"),
        ("taiwan)", "without '('"),
        ("foo:bar", "unknown field 'foo'"),
        ("title: taiwan", "needs a value"),
        ("*wan", "cannot start with"),
        ("taiwan AND", "both sides"),
        ("taiwan~5", "too large"),
        ("date:[yesterday TO now]", "must look like"),
        ("x" * 600, "too long"),
        ("[", "nothing to search for"),
        ("date':[ TO z]", "work on dates only"),
        ("[a TO z]", "work on dates only"),
        ("title:[a TO z]", "work on dates only"),
        ("outlet:{a TO b}", "work on dates only"),
    ],
)
def test_malformed_queries_give_a_one_line_error(seed_index, query, message):
    with pytest.raises(index.QueryError, match=re.escape(message)) as caught:
        index.search(seed_index, query)
    assert "\n" not in str(caught.value)


def test_a_date_range_covering_more_dates_than_the_cap_is_refused(seed_index, monkeypatch):
    from index import searching

    assert index.search(seed_index, "date:[2021 TO 2022]").total == 28
    monkeypatch.setattr(searching, "MAX_RANGE_TERMS", 1)
    assert index.search(seed_index, "date:[2021-02-10 TO 2022]").total == 17
    with pytest.raises(index.QueryError, match="covers more than 1 different dates"):
        index.search(seed_index, "date:[2021 TO 2022]")


def test_lenient_mode_closes_open_phrases_while_typing(seed_index):
    assert index.search(seed_index, '"human righ', lenient=True, prefix_last=False).total == 0
    assert index.search(seed_index, '"human rights', lenient=True).total == 6


def test_last_word_as_prefix_while_typing(seed_index):
    assert index.search(seed_index, "taiw", prefix_last=True).total == 3
    assert index.search(seed_index, "taiw").total == 0


def test_did_you_mean_when_nothing_matches(seed_index):
    result = index.search(seed_index, "Tiawan")
    assert result.total == 0 and result.suggestion == "taiwan"
    assert index.search(seed_index, "Taiwan").suggestion is None
    # As you type, the last word is a prefix; with nothing under it, it is a misspelling too.
    assert index.search(seed_index, "Tiawan", prefix_last=True).suggestion == "taiwan"
    # Only the unknown word changes; the commonest of the closest words wins.
    assert index.search(seed_index, "blinken humn rights").suggestion == "blinken human rights"
    # A correction that would still find nothing under the filters is not offered.
    assert index.search(seed_index, "twete", outlets=["The Hill"]).suggestion is None
    assert index.search(seed_index, "twete", outlets=["SGH Insight"]).suggestion == "tweet"


def test_unknown_filters_are_errors(seed_index):
    with pytest.raises(index.QueryError, match="unknown topic"):
        index.search(seed_index, "", topics=["Atlantis"])
    with pytest.raises(index.QueryError, match="no outlet named"):
        index.search(seed_index, "", outlets=["Nobody"])
    with pytest.raises(index.QueryError):
        index.search(seed_index, "", since="last week")


def test_date_and_outlet_filters(seed_index):
    assert _outlets(index.search(seed_index, "Blinken", since="2021-02-06")) == {"SGH Insight"}
    assert _outlets(index.search(seed_index, "Blinken", until="2021-02-05")) == {"The Hill"}
    assert _outlets(index.search(seed_index, "Blinken", outlets=["the hill"])) == {"The Hill"}


def test_highlights_are_spans_into_fragments(seed_index):
    hit = index.search(seed_index, "Taiwan").hits[0]
    fragment = hit.highlights[0]
    assert all(fragment.text[s:e].lower().startswith("taiwan") for s, e in fragment.matches)


def test_empty_query_browses_everything_newest_first(seed_index):
    result = index.search(seed_index, "", limit=100)
    assert result.total == 28
    assert [h.date for h in result.hits] == sorted((h.date for h in result.hits), reverse=True)


def test_paragraph_lookup_with_neighbours(seed_index):
    hit = index.search(seed_index, '"frank and tough"').hits[0]
    context = index.get_paragraph(seed_index, hit.id)
    assert context.hit.paragraph == 2 and context.before.paragraph == 1 and context.after.paragraph == 3
    assert len(index.get_article(seed_index, hit.article_id)) == 17
    with pytest.raises(index.QueryError):
        index.get_paragraph(seed_index, "nope-1")


def test_parse_never_expands_leading_wildcards():
    with pytest.raises(index.QueryError):
        parse_query("a OR ?b")


def test_topic_counts_and_suggestions(seed_index):
    counts = {c.name: (c.paragraphs, c.articles) for c in index.topic_counts(seed_index)}
    assert counts["Taiwan"] == (3, 2)
    assert len(counts) >= 11
    suggestions = index.suggest_topics(seed_index)
    covered = {"taiwan", "xinjiang", "tibet", "myanmar", "human rights"}
    assert not covered & {s.term for s in suggestions}
    assert all(len(s.term.split()) >= 2 for s in suggestions)


def test_suggested_topics_are_phrases_and_names_not_common_words(tmp_path):
    """Single words ("State", "people", "including") made poor topics; a name or a phrase
    that recurs across articles is one."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(4):
        (corpus / f"story-{n}.txt").write_text(
            f"Title: Story {n}\n\nState officials said Hillary Clinton spoke about health care "
            f"in Ohio, including costs, on day {n}.\n\nPeople said the plan was fine, "
            f"according to the Department of Justice.\n\nState people, including many, agreed.\n")
    with index.build_index(tmp_path / "ix", [corpus]) as ix:
        shown = [s.word for s in index.suggest_topics(ix)]
    assert '"Hillary Clinton"' in shown and '"health care"' in shown
    assert '"Department of Justice"' in shown
    assert all(" " in word for word in shown)


def test_as_you_type_prefixes_start_at_three_letters(seed_index):
    from whoosh import query as wq

    from index.query import parse_query

    assert not any(isinstance(q, wq.Prefix) for q in parse_query("ch", prefix_last=True).leaves())
    assert any(isinstance(q, wq.Prefix) for q in parse_query("chi", prefix_last=True).leaves())
    assert index.search(seed_index, "chi", prefix_last=True).total > 0


def test_a_word_begun_after_others_keeps_the_results_until_it_matches(seed_index):
    """"human r", "human ri": too short to be a prefix, and no word yet; the list must not
    flash "No matches" on every new word's second letter."""
    human = index.search(seed_index, "human", prefix_last=True, lenient=True)
    for typed in ("human r", "human ri"):
        found = index.search(seed_index, typed, prefix_last=True, lenient=True)
        assert [h.id for h in found.hits] == [h.id for h in human.hits], typed
    assert index.search(seed_index, "human ri", lenient=True).total == 0  # typed, not typing


@pytest.mark.parametrize("typed", ["c", "cl", "NOT "])
def test_the_first_letters_of_a_query_keep_every_paragraph_listed(seed_index, typed):
    """A query's first letter is no query yet: while typing it lists everything (as the empty
    query does) instead of an error; typed in full it is still an error or no match."""
    everything = index.search(seed_index, "", limit=None)
    found = index.search(seed_index, typed, prefix_last=True, lenient=True, limit=None)
    assert [h.id for h in found.hits] == [h.id for h in everything.hits]
    if typed == "c":
        with pytest.raises(index.QueryError, match="nothing to search for"):
            index.search(seed_index, typed)


def test_a_short_word_that_exists_still_narrows_while_typing(seed_index):
    both = index.search(seed_index, "president xi", prefix_last=True, lenient=True)
    assert 0 < both.total < index.search(seed_index, "president", prefix_last=True).total
    assert all("Xi" in h.text for h in both.hits)


def test_prefix_expansion_keeps_only_the_most_frequent_words(seed_index, monkeypatch):
    everything = index.search(seed_index, "chin*").total
    monkeypatch.setattr(sys.modules["index.searching"], "MAX_EXPANSIONS", 1)
    capped = index.search(seed_index, "chin*")
    assert 0 < capped.total <= everything
    words = {word.lower() for hit in capped.hits for f in hit.highlights
             for word in (f.text[s:e] for s, e in f.matches)}
    assert len({w.rstrip("’s") for w in words}) == 1, words


def test_sorting_by_date_and_an_unknown_sort(seed_index):
    newest = [h.date for h in index.search(seed_index, "Blinken", sort="newest", limit=50).hits]
    oldest = [h.date for h in index.search(seed_index, "Blinken", sort="oldest", limit=50).hits]
    assert newest == sorted(newest, reverse=True) and oldest == sorted(oldest)
    assert newest[0] != newest[-1]
    with pytest.raises(index.QueryError, match="unknown sort"):
        index.search(seed_index, "Blinken", sort="sideways")


def test_month_facet_and_filter(seed_index):
    result = index.search(seed_index, "Taiwan")
    assert result.facets["month"] == {"2021-02": 3}
    assert index.search(seed_index, "Taiwan", months=["2021-02"]).total == 3
    assert index.search(seed_index, "Taiwan", months=["2020-01"]).total == 0
    with pytest.raises(index.QueryError, match="month"):
        index.search(seed_index, "Taiwan", months=["February"])
