"""Speaker names and kinds at corpus scale: the shapes that merged wrongly on PolNeAR, in
sentences written for these tests."""

from pathlib import Path

from index.claims import unify_speakers
from index.ingest import load_article
from index.metadata import Metadata
from index.speakers import SpeakerNames, clean_source, full_names, is_person_name, kind_of


def _article(text: str, outlet: str = "Daily Bugle", date: str = "2020-03-04", name: str = "a.txt"):
    return load_article(Path(name), text.encode(), Metadata(outlet=outlet, date=date))


def test_leading_function_words_spaces_and_asides_are_not_part_of_a_name():
    assert clean_source("Although Pat Quinn") == "Pat Quinn"
    assert clean_source("Like Dana\u00a0Whitfield") == "Dana Whitfield"
    assert clean_source("Neither Quinn") == "Quinn"
    assert clean_source("And it was no accident \u2014 Jo Bloggs") == "Jo Bloggs"
    assert clean_source("The") == "" and clean_source("But") == ""
    assert clean_source("The Latest") == "" and clean_source("UPDATE") == ""


def test_a_name_is_read_from_a_run_of_capitalised_words():
    names = full_names("Like Dana Whitfield, Speaker Lou Garza spoke. Senate Majority Leader "
                       "Mona Ferris left. Vice President Carl T. Benton Jr. waved.")
    assert names["Whitfield"] == "Dana Whitfield"
    assert names["Garza"] == "Lou Garza"
    assert names["Ferris"] == "Mona Ferris"
    assert names["Benton"] == "Carl T. Benton Jr."
    assert is_person_name("Ban Ki-moon") and not is_person_name("State Department")
    assert not is_person_name("Parents Against Tolls")


def test_a_description_ending_with_a_surname_does_not_take_that_persons_words():
    names = SpeakerNames(["top adviser for Senator Quinn", "Pat Quinn"])
    assert names.canonical("Quinn") == "Pat Quinn"
    assert names.canonical("Senator Quinn's top adviser") == "Senator Quinn's top adviser"
    article = _article("Title\n\nSenator Pat Quinn visited the plant. Quinn said the jobs would "
                       "stay. Republican campaign strategist Lou Garza said it was a stunt. Lou "
                       "Garza, an adviser to Quinn, said so again.\n")
    assert [c.speaker for c in unify_speakers([article])[0].claims] == [
        "Pat Quinn", "Lou Garza", "Lou Garza"]


def test_a_spokesman_speaks_for_himself():
    article = _article("Title\n\nJo Bloggs, a spokesman for Senator Pat Quinn, said the vote "
                       "was close. A spokesman for Quinn said it would be repeated.\n")
    assert [(c.speaker, c.speaker_kind) for c in article.claims] == [
        ("Jo Bloggs", "person"), ("spokesman for Quinn (Daily Bugle · 2020-03-04)", "anonymous")]


def test_descriptions_and_the_writer_stay_in_their_article():
    first = _article("Title\n\nOfficials said the bridge was safe. I think they are wrong.\n")
    second = _article("Title\n\nOfficials said the bridge was closed.\n", outlet="Evening Star",
                      date="2020-03-05", name="b.txt")
    merged = unify_speakers([first, second])
    assert {c.speaker for a in merged for c in a.claims} == {
        "Officials (Daily Bugle · 2020-03-04)", "the writer (Daily Bugle · 2020-03-04)",
        "Officials (Evening Star · 2020-03-05)"}
    assert {c.speaker_kind for a in merged for c in a.claims} == {"anonymous", "outlet"}


def test_speaker_kinds():
    article = _article("Title\n\nThe Ministry of Transport said fares would rise. Pat Quinn "
                       "said that was unfair. Our understanding is that the plan is final. "
                       "A senior official said talks continue.\n")
    assert [c.speaker_kind for c in article.claims] == ["organisation", "person", "outlet", "anonymous"]
    assert kind_of("Polls") == "organisation" and kind_of("Voters") == "anonymous"


def test_a_bare_surname_joins_a_full_name_only_when_one_person_holds_it():
    names = SpeakerNames(["Chris Murphy", "Anne Murphy", "Pat Quinn", "Pat Quinn", "Pat Quinn"])
    assert names.canonical("Murphy") == "Murphy"  # two people: it stays as written
    assert names.canonical("Quinn") == "Pat Quinn"


def test_a_son_with_the_same_first_name_is_not_his_father_but_a_nickname_is_the_same_man():
    names = SpeakerNames(["Donald Trump", "Donald Trump", "Donald Trump Jr.", "Joseph R. Biden Jr."])
    assert names.canonical("Donald Trump") == "Donald Trump"
    assert names.canonical("Donald Trump Jr.") == "Donald Trump Jr."
    assert names.canonical("Joe Biden") == "Joseph R. Biden Jr."


def test_an_acronym_joins_the_body_it_abbreviates():
    first = _article("Title\n\nThe Associated Press reported that the count was over.\n")
    second = _article("Title\n\nThe AP reported that the count resumed.\n", name="b.txt")
    merged = unify_speakers([first, second])
    assert [c.speaker for a in merged for c in a.claims] == ["Associated Press", "Associated Press"]


def test_a_headline_names_who_the_article_is_about_but_its_other_capitals_are_not_names():
    names = full_names("Chris Murphy spoke. Anne Marie Murphy taught there. Anne Marie Murphy "
                       "was brave. Debbie Wasserman Schultz agreed, and Wasserman Schultz left.",
                       title="Why Chris Murphy Keeps Going")
    assert names["Murphy"] == "Chris Murphy"
    assert names["Schultz"] == "Debbie Wasserman Schultz"
    assert "Keeps" not in names and "Why" not in names


def test_the_guardian_is_a_paper_even_where_a_mayor_is_named_guardian():
    article = _article("Title\n\nMayor Don Guardian said the casino would reopen. The Guardian "
                       "reported that it would not.\n")
    assert [c.speaker for c in article.claims] == ["Don Guardian", "The Guardian"]



def test_she_is_not_her_campaign():
    article = _article("Title\n\nDana Whitfield said the tour was over. Her campaign said the "
                       "rally would go ahead. \u201cWe will win this state,\u201d she said.\n")
    assert [c.speaker for c in article.claims] == [
        "Dana Whitfield", "Her campaign (Daily Bugle · 2020-03-04)", "Dana Whitfield"]


def test_one_article_quoting_an_epithet_many_times_does_not_rename_the_person():
    articles = [_article("Title\n\nDana Whitfield said the vote was close.\n", name=f"{i}.txt",
                         date=f"2020-03-{i + 1:02}") for i in range(6)]
    articles.append(_article("Title\n\n" + " ".join(
        f"Brave Dana Whitfield said point {i} was true." for i in range(12)) + "\n", name="x.txt"))
    merged = unify_speakers(articles)
    assert {c.speaker for a in merged for c in a.claims} == {"Dana Whitfield"}
