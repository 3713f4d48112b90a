"""Story grouping and word-by-word comparison of quotations, on small invented inputs."""

from __future__ import annotations

from index.stories import StoryArticle, article_terms, group
from index.wording import compare, negation_in, numbers_in, pieces, words


def _article(key: str, date: str, title: str, text: str) -> StoryArticle:
    return StoryArticle(key, date, article_terms(title, [text]))


def test_articles_on_one_event_group_and_others_stay_apart() -> None:
    steele = "Michael Steele said Afghanistan was a war of Obama's choosing; Republicans called for his resignation."
    budget = "The Senate passed the farm budget bill on Tuesday after a long debate about crop subsidies."
    articles = [
        _article("nyt-steele", "2010-07-02", "Steele criticized for Afghanistan remarks", steele),
        _article("fox-steele", "2010-07-03", "GOP keeps pressure on Steele over Afghanistan", steele),
        _article("fox-farm", "2010-07-03", "Senate passes farm budget", budget),
        _article("hpo-farm", "2010-07-04", "Farm bill clears the Senate", budget),
        # The same words a year later are another event.
        _article("hpo-steele-later", "2011-09-01", "Steele and Afghanistan again", steele),
    ]
    stories = group(articles)
    assert sorted(map(sorted, stories)) == [["fox-farm", "hpo-farm"], ["fox-steele", "nyt-steele"],
                                            ["hpo-steele-later"]]


def test_a_shorter_excerpt_punctuation_case_and_marked_cuts_are_not_changes() -> None:
    reference = words("Hillary Clinton lied many times to the FBI, and nothing happened to her.")
    assert compare(pieces("“clinton LIED many times to the FBI”"), reference) == []
    assert compare(pieces("\"Hillary Clinton lied … to the FBI, and nothing happened\""), reference) == []
    assert compare(pieces("\"[She] lied many times to the FBI\""), reference) == []


def test_changed_added_and_dropped_words_are_found_with_number_and_negation_hints() -> None:
    reference = words("Hillary Clinton lied many times to the FBI, and nothing happened to her.")
    dropped = compare(pieces("Hillary Clinton lied many times to the FBI, nothing happened to her"), reference)
    assert [(c.op, c.ref, c.got) for c in dropped] == [("dropped", ("and",), ())]
    changed = compare(pieces("Hillary Clinton lied 12 times to the FBI"), reference)
    assert [(c.op, c.ref, c.got) for c in changed] == [("changed", ("many",), ("12",))]
    assert numbers_in(changed) and not negation_in(changed)
    negated = compare(pieces("Hillary Clinton never lied many times to the FBI"), reference)
    assert negation_in(negated) and not numbers_in(negated)


def test_hyphens_lone_edge_matches_and_a_changed_last_word() -> None:
    reference = words("I find it disturbing, and we will impose a ban on state-funded travel")
    assert compare(pieces("we will impose a ban on state funded travel"), reference) == []
    long = words("They are wasting their dollars on this suit. These guys are on the wrong side of history")
    assert compare(pieces("I think it shows they are on the wrong side of history"), long) == []
    ending = words("they cannot believe what they're finding")
    assert [(c.op, c.ref, c.got) for c in compare(pieces("they cannot believe what they're talking"), ending)] \
        == [("changed", ("finding",), ("talking",))]
