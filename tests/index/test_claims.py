import json
from pathlib import Path

import pytest

import index
from index.claims import SpeakerNames, canonical_description
from index.ingest import extract_claims, load_article

from ..conftest import SEEDS


def _claims(text: str, outlet: str = "Example News") -> list[index.Claim]:
    from index.metadata import Metadata

    return list(load_article(Path("a.txt"), text.encode(), Metadata(outlet=outlet)).claims)


@pytest.fixture(scope="module")
def seed_claims() -> dict[str, list[index.Claim]]:
    articles, failed = extract_claims([SEEDS])
    assert not failed
    return {a.outlet: list(a.claims) for a in articles}


def _by(claims, cue):
    return [c for c in claims if c.cue == cue]


def test_direct_quote_with_trailing_source_and_pronoun(seed_claims):
    hill = seed_claims["The Hill"]
    said = _by(hill, "said")
    assert [(c.speaker, c.kind) for c in said] == [("State Department", "direct"), ("Joe Biden", "direct")]
    added = _by(hill, "added")[0]
    assert (added.speaker, added.source_text, added.kind) == ("State Department", "it", "direct")


def test_according_to_a_readout_names_the_department(seed_claims):
    claim = _by(seed_claims["The Hill"], "according to")[0]
    assert claim.speaker == "State Department"
    assert claim.source_text == "a readout of the call from the State Department"
    assert claim.kind == "indirect"


def test_layered_sources_in_sgh(seed_claims):
    sgh = seed_claims["SGH Insight"]
    speakers = {(c.speaker, c.cue) for c in sgh}
    # Descriptions stay particular to their article: another outlet's "senior official" is
    # someone else.
    assert ("senior Chinese sources (SGH Insight · 2021-02-10)", "characterized") in speakers
    assert ("Antony Blinken", "posted a tweet saying") in speakers
    assert ("senior official in Beijing (SGH Insight · 2021-02-10)", "In the words of") in speakers
    assert ("SGH Insight", "understanding is that") in speakers
    continued = _by(sgh, "continued")[0]
    assert continued.speaker == "senior official in Beijing (SGH Insight · 2021-02-10)"
    assert len(continued.content_spans) == 2 and continued.speaker_kind == "anonymous"
    # "he strongly urged": the adverb is part of the cue, as PolNeAR's annotators mark it
    urged = next(c for c in _by(sgh, "strongly urged") if c.source_text == "he")
    assert urged.speaker == "Yang Jiechi" and urged.kind == "mixed"


def test_nested_claim_inside_the_outlets_own_voice(seed_claims):
    blinken = next(c for c in seed_claims["SGH Insight"] if c.speaker == "Antony Blinken" and c.cue == "said")
    assert blinken.content.startswith("the US will stand for human rights")


def test_offsets_point_into_the_file():
    path = SEEDS / "sgh-insight_2021-02-10_frosty-yang-blinken-call.txt"
    original = path.read_text(encoding="utf-8")
    articles, _ = extract_claims([path])
    for claim in articles[0].claims:
        for start, end in claim.source_spans:
            assert original[start:end] == claim.source_text
        assert " ".join(original[s:e] for s, e in claim.cue_spans) == claim.cue
        assert " … ".join(original[s:e] for s, e in claim.content_spans) == claim.content


def test_indirect_that_clause_and_pronoun_she():
    # The complementiser stays in the content, as PolNeAR's annotators mark it.
    claims = _claims("Title\n\nSenator Jane Roe said that the bill would pass. She added that it was overdue.")
    assert [(c.speaker, c.kind, c.content) for c in claims] == [
        ("Jane Roe", "indirect", "that the bill would pass"),
        ("Jane Roe", "indirect", "that it was overdue"),
    ]


def test_said_smith_and_mixed_quotes():
    claims = _claims('Title\n\n“We will win,” said Mayor Ann Lee. Lee insisted the plan was “fully funded.”')
    assert [(c.speaker, c.kind) for c in claims] == [("Ann Lee", "direct"), ("Ann Lee", "mixed")]


def test_nouns_that_look_like_cues_are_ignored():
    assert _claims("Title\n\nThe senator pushed Yang on reports of abuses, for fear of a backlash.") == []


def test_speaker_merging_across_outlets():
    names = SpeakerNames(["Antony Blinken", "Tony Blinken", "Joe Biden"])
    assert names.canonical("Tony Blinken") == "Antony Blinken"
    assert names.canonical("Blinken") == "Antony Blinken"
    assert names.canonical("Hunter Biden") == "Hunter Biden"
    assert canonical_description("Secretary Blinken") == "Blinken"
    assert canonical_description("a readout of the call from the State Department") == "State Department"
    assert canonical_description("one senior official in Beijing") == "senior official in Beijing"


def test_claims_json_format(tmp_path: Path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "tui.cli", "claims", "--json", str(SEEDS)],
                            capture_output=True, text=True, check=True)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all(list(r) == ["doc", "source", "cue", "content", "speaker", "outlet", "kind"]
                           for r in records)
    first = records[0]
    assert all(isinstance(s, list) and len(s) == 2 for s in first["cue"] + first["content"])
    assert {r["doc"] for r in records} == {p.stem for p in SEEDS.glob("*.txt")}


def test_speaker_field_and_facet_in_the_index(seed_index):
    result = index.search(seed_index, "speaker:yang")
    # SGH ¶4 rejected/characterized, ¶5 offered, ¶6 urged, ¶7 warned/urged (The Hill quotes no
    # one from China)
    assert result.total == 4 and result.facets["speaker"]["Yang Jiechi"] == 4
    assert all(any(c["speaker"] == "Yang Jiechi" for c in h.claims) for h in result.hits)
    assert index.search(seed_index, "", speakers=["state department"]).total == 3
    counts = index.speaker_counts(seed_index)
    assert counts["State Department"] == {"The Hill": 3}


def test_other_outlets_reporting_the_same_thing(seed_index):
    hit = index.search(seed_index, '"stand up for human rights"').hits[0]
    assert hit.outlet == "The Hill"
    linked = index.related(seed_index, hit.id)
    assert linked and linked[0].outlet == "SGH Insight" and "Xinjiang, Tibet, and Hong Kong" in linked[0].text
    assert index.related(seed_index, hit.id, stop=lambda: True) == ()  # gave way to a keystroke


def test_claims_in_a_crlf_file_with_repeated_paragraphs_map_to_the_right_copy():
    raw = "Title\r\n\r\nThe mayor said the plan works.\r\n\r\nThe mayor said the plan works.\r\n"
    from index.metadata import Metadata

    article = load_article(Path("r.txt"), raw.encode(), Metadata())
    assert [c.paragraph for c in article.claims] == [1, 2]
    second = article.claims[1]
    start, end = second.content_spans[0]
    assert raw[start:end] == "the plan works" and start > raw.index("works")


def test_a_source_after_according_to_ends_at_its_relative_clause():
    claims = _claims("Title\n\nYang urged Washington to stop, according to a readout from Beijing "
                     "that was published by the Xinhua news agency.")
    (claim,) = [c for c in claims if c.cue == "according to"]
    assert (claim.source_text, claim.speaker) == ("a readout from Beijing", "Beijing")


def _said(claims) -> list[tuple[str, str, str]]:
    return [(c.speaker, c.cue, c.content) for c in claims]


def test_newspaper_double_apostrophe_quotes():
    claims = _claims("Title\n\nMike Huckabee said he was ready. ''You'd have to be insane,'' he said. "
                     "''It's a good thing.''\n")
    # the next sentence's quotation has no cue: it is the rest of what he said
    assert ("Mike Huckabee", "said", "''You'd have to be insane,'' … ''It's a good thing.''") in _said(claims)


def test_a_described_source_between_quote_and_cue():
    claims = _claims("Title\n\n"
                     "“These steps are in the right direction,” Anne Richards, assistant "
                     "secretary of state for refugees, and migration, said on a call.\n")
    (claim,) = claims
    assert claim.source_text.startswith("Anne Richards, assistant secretary")
    assert claim.content == "“These steps are in the right direction,”"


def test_source_after_the_cue_with_a_relative_clause():
    claims = _claims("Title\n\n"
                     "“If I was a donor, I’d want answers,” said a prominent committee "
                     "member who supports Trump.\n")
    assert claims[0].source_text == "a prominent committee member"
    assert claims[0].cue == "said"


def test_called_with_an_object_is_a_claim_but_a_passive_naming_is_not():
    claims = _claims("Title\n\n"
                     "On Twitter, Former Florida Gov. Jeb Bush called Trump “unhinged.” "
                     "The message linked to a group called the “People Foundation.”\n")
    assert _said(claims) == [("Jeb Bush", "called", "Trump “unhinged.”")]


def test_a_misused_opening_quote_does_not_hide_the_rest_of_the_paragraph():
    claims = _claims("Title\n\n"
                     "“That could create real problems for her here,“ said Jim Clyburn, a "
                     "congressman. Smith said the vote was close.\n")
    assert {c.speaker for c in claims} == {"Jim Clyburn", "Smith"}


def test_an_unclosed_straight_quote_ends_at_the_next_opening_one():
    claims = _claims('Title\n\n'
                     'The moderator asked. "They sue, he said. "Everybody sues, right?" '
                     'Bush said.\n')
    assert ("Bush", "said", '"Everybody sues, right?"') in _said(claims)


def test_line_breaks_inside_a_paragraph_end_sentences():
    claims = _claims("Live updates\nTrump Says He Will Win\nClinton said the race was "
                     "tightening.\n")
    assert _said(claims) == [("Clinton", "said", "the race was tightening")]


def test_a_name_ending_in_ly_is_a_source_not_an_adverb():
    claims = _claims("Title\n\nMegyn Kelly said she asked for the interview. Trump reportedly "
                     "told aides he was pleased.\n")
    assert [(c.speaker, c.cue) for c in claims][:1] == [("Megyn Kelly", "said")]
    assert ("Trump", "reportedly told") in [(c.speaker, c.cue) for c in claims]  # adverb in the cue


def test_a_source_with_its_modifier_or_relative_clause():
    claims = _claims("Title\n\nRather, sources close to her campaign say she stands behind "
                     "the president. But progressive groups that have endorsed him say they "
                     "believe the superdelegates should follow the voters.\n")
    sources = [c.source_text for c in claims]
    assert "sources close to her campaign" in sources
    assert "progressive groups that have endorsed him" in sources
    assert not any(s.endswith("they") and len(s.split()) > 1 for s in sources)


def test_a_question_asked_by_no_one_named_is_an_attribution_with_no_speaker():
    claims = _claims("Title\n\nWhen asked whether the deal was dead, Ryan said, “Sure.”\n")
    question = _by(claims, "asked")[0]
    assert question.speaker == "" and question.source_spans == ()
    assert question.content == "whether the deal was dead"
    # Ryan's words are the quote, not the question before his name.
    assert _said(claims)[-1] == ("Ryan", "said", "“Sure.”")


@pytest.mark.parametrize("query", ["", "china", "blinken OR yang"])
def test_the_speaker_facet_counts_paragraphs_most_first_then_by_name(seed_index, query):
    result = index.search(seed_index, query, limit=None)
    assert len(result.hits) == result.total  # the seeds have no wire copies to fold
    expected: dict[str, int] = {}
    for hit in result.hits:
        for name in {c["speaker"] for c in hit.claims if c["speaker"]}:
            expected[name] = expected.get(name, 0) + 1
    assert len(expected) > 1
    assert list(result.facets["speaker"].items()) == sorted(
        expected.items(), key=lambda kv: (-kv[1], kv[0].casefold()))


def test_a_question_without_a_speaker_stays_out_of_the_speaker_facet(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Title\n\nAsked about the vote, Smith said it was close.\n")
    with index.build_index(tmp_path / "ix", [tmp_path / "a.txt"]) as ix:
        facet = index.search(ix, "vote").facets["speaker"]
        counts = index.speaker_counts(ix)
    assert facet == {"Smith": 1} and counts == {"Smith": {"a (unknown outlet)": 1}}


def test_a_pronoun_with_no_earlier_claim_is_the_last_person_named():
    claims = _claims("Title\n\nDonald Trump eased his tone on Tuesday. Asked who leads the "
                     "party, he said Ryan.\n")
    assert ("Donald Trump", "said", "Ryan") in _said(claims)


def test_called_with_a_long_object_and_a_quoted_name():
    claims = _claims("Title\n\nBolton called Obama’s ignorance of advice from seasoned "
                     "commanders “disrespectful.”\n")
    assert _said(claims) == [("Bolton", "called",
                              "Obama’s ignorance of advice from seasoned commanders “disrespectful.”")]


def test_news_organisations_ending_in_press_or_news_are_sources():
    claims = _claims("Title\n\nThe Associated Press reported that she had enough delegates. "
                     "Fox News said the debate was over.\n")
    assert [c.speaker for c in claims] == ["Associated Press", "Fox News"]


def test_a_poll_introduced_by_in_and_a_fronted_phrase_that_is_not_content():
    claims = _claims("Title\n\nIn an early-October CBS News poll, she led Mr. Sanders 56 percent "
                     "to 32 percent. In a survey released last Thursday, 79 percent of Democrats "
                     "said they were satisfied.\n")
    poll = _by(claims, "In")[0]
    assert poll.source_text == "an early-October CBS News poll"
    assert poll.content == "she led Mr. Sanders 56 percent to 32 percent"
    assert _by(claims, "said")[0].content == "they were satisfied"


def test_see_as_and_seemed_with_an_adjective_are_stances():
    claims = _claims("Title\n\nMajorities in many countries see immigrants as a burden. "
                     "Before Mr. Ailes left, Ms. Kelly seemed certain to leave.\n")
    assert [(c.cue, c.content) for c in claims] == [
        ("see", "immigrants as a burden"), ("seemed", "Ms. Kelly … certain to leave")]  # the subject is what seems so


def test_a_stance_inside_what_someone_says_is_not_a_second_claim():
    claims = _claims("Title\n\nClinton says she wants to expand those standards to hedge funds.\n")
    assert [c.cue for c in claims] == ["says"]


def test_labels_and_lists_after_a_colon_are_not_speakers():
    claims = _claims("Title\n\nUPDATE: The website removed the listing on Friday.\n\n"
                     "Editor’s Note: The following is part 3 of 3.\n\n"
                     "Iowa: Tim Albrecht, Brad Anderson, Rob Barron, Jeff Boeyink.\n\n"
                     "Continued Stone: “So I think it’s a very real problem.”\n")
    assert [c.cue for c in claims] == [":"] and claims[0].source_text == "Continued Stone"


def test_nouns_that_were_cues_no_longer_are():
    claims = _claims("Title\n\nHis support for the bill came late. She came back to the "
                     "office. The tweet drew views from millions.\n")
    assert claims == []


def test_headline_claims_are_paragraph_zero_and_travel_with_paragraph_one(tmp_path: Path):
    text = ("Bellwether County Says Trump Should Win GOP Nomination\n\n"
            "Voters in the county have picked every winner since 1960.\n")
    claims = _claims(text)
    assert [(c.paragraph, c.speaker, c.cue, c.content) for c in claims] == [
        (0, "Bellwether County", "Says", "Trump Should Win GOP Nomination")]
    (tmp_path / "a.txt").write_text(text)
    with index.build_index(tmp_path / "ix", [tmp_path / "a.txt"]) as ix:
        hit = index.search(ix, 'speaker:"bellwether county"').hits[0]
    assert hit.paragraph == 1 and hit.claims[0]["cue"] == "Says"
    record = claim_record_of(tmp_path / "a.txt")
    assert text[slice(*record["cue"][0])] == "Says"


def claim_record_of(path: Path) -> dict:
    articles, _ = extract_claims([path])
    return index.claim_record(articles[0], articles[0].claims[0])


def test_a_section_label_before_a_title_is_not_a_speaker():
    claims = _claims("China: A Frosty Yang-Blinken Call\n\nThe call was frank.\n")
    assert claims == []


def test_a_share_with_more_than_is_one_source():
    claims = _claims("Title\n\nMore than 4 in 10 said they would vote.\n")
    assert claims[0].source_text == "More than 4 in 10"


def test_a_described_source_keeps_its_description_but_the_speaker_is_the_name():
    claims = _claims("Title\n\nPhil Lovas, the state's campaign chairman, said the race was "
                     "close. Chris Cox, who runs the NRA’s lobbying arm, said it was over.\n")
    assert [(c.speaker, c.source_text) for c in claims] == [
        ("Phil Lovas", "Phil Lovas, the state's campaign chairman"),
        ("Chris Cox", "Chris Cox, who runs the NRA’s lobbying arm")]


def test_a_source_drops_the_conjunction_and_adverbs_around_it():
    claims = _claims("Title\n\n“We will win,” said Former Secretary of State Madeleine Albright "
                     "recently. Polls closed and Breitbart News said it was over.\n")
    assert [c.source_text for c in claims] == [
        "Former Secretary of State Madeleine Albright", "Breitbart News"]


def test_a_quote_then_he_said_then_a_participle_or_more_quote():
    claims = _claims("Title\n\nMr. Cruz spoke in Iowa. ''We have to awaken the body of Christ,'' "
                     "he said, referring to faith-driven voters.\n\n''That, unfortunately,'' "
                     "he said, ''is part of the reality.''\n")
    said = _by(claims, "said")
    assert [c.content for c in said] == ["''We have to awaken the body of Christ,''",
                                         "''That, unfortunately,'' … ''is part of the reality.''"]
    assert _by(claims, "referring to")[0].content == "faith-driven voters"


def test_sources_after_a_fronted_phrase_with_initials_or_a_possessive():
    claims = _claims("Title\n\nIn his response, Steve Coll, the dean of the journalism school, "
                     "said on Tuesday that he had examined the allegations. The director, "
                     "James B. Comey, said that the messages were read. She was headed to Cairo, "
                     "her friend said.\n")
    assert [(c.speaker, c.content) for c in claims] == [
        ("Steve Coll", "that he had examined the allegations"),
        ("James B. Comey", "that the messages were read"),
        ("her friend (Example News)", "She was headed to Cairo")]


def test_a_participle_after_by_or_and_belongs_to_the_sentence_subject():
    claims = _claims("Title\n\nBolton distanced himself from the movement by saying he would "
                     "help. Cruz is making a pitch to voters and saying a state law hurts jobs.\n")
    assert [(c.speaker, c.cue, c.content) for c in claims] == [
        ("Bolton", "saying", "he would help"), ("Cruz", "saying", "a state law hurts jobs")]


def test_evidence_shows_without_that_but_a_person_does_not():
    claims = _claims("Title\n\nThe PPIC poll shows the race breaking along familiar lines. "
                     "He shows great promise.\n")
    assert [(c.source_text, c.cue) for c in claims] == [("The PPIC poll", "shows")]


def test_described_or_reported_with_an_object_is_a_claim():
    claims = _claims("Title\n\nSarah Aubrey described the excitement when Shyamalan called. "
                     "The company reported its smallest profit in 17 years. He reported to "
                     "the office.\n")
    assert _said(claims) == [("Sarah Aubrey", "described", "the excitement when Shyamalan called"),
                             ("company (Example News)", "reported", "its smallest profit in 17 years")]


def test_names_joined_by_and_are_one_source_but_a_clause_before_and_is_not():
    claims = _claims("Title\n\nJeb Bush and Chris Christie said they would stay in. Trump won "
                     "Iowa and Clinton said she was pleased. The candidates agreed, and Smith "
                     "said it was fine.\n")
    assert [(c.source_text, c.content) for c in claims] == [
        ("Jeb Bush and Chris Christie", "they would stay in"),
        ("Clinton", "she was pleased"), ("Smith", "it was fine")]


def test_a_long_capitalised_source_is_reduced_without_backtracking():
    # The name check once tried every split of a capitalised run: 2^40 ways for this one.
    assert canonical_description("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMN y, the chief") == (
        "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMN y, the chief")


@pytest.mark.parametrize(("text", "source", "speaker"), [
    ("“It was hard,” recalled Mr. Rhodes. “He said no.”", "Mr. Rhodes", "Rhodes"),
    ("“We won,” said Yevgeny E. Kopachko, a pollster with Mr. Yanukovych’s former party.",
     "Yevgeny E. Kopachko, a pollster with Mr. Yanukovych’s former party", "Yevgeny E. Kopachko"),
    ("“Stop it,” said Volker Beck, a lawmaker from Germany’s Green Party.",
     "Volker Beck, a lawmaker from Germany’s Green Party", "Volker Beck"),
    ("“Fine,” said Dino Spencer, who now runs the 5th Street Gym.",
     "Dino Spencer, who now runs the 5th Street Gym", "Dino Spencer"),
    ("“No,” said the bureau’s director, James B. Comey, before leaving.",
     "the bureau’s director, James B. Comey", "James B. Comey"),
    ("“Yes,” said Smith, adding that it was over.", "Smith", "Smith"),
])
def test_a_source_after_the_cue_keeps_titles_initials_and_what_describes_it(text, source, speaker):
    """PolNeAR's sources include the description ("Volker Beck, a lawmaker …"); a title's or an
    initial's full stop does not end the name; the speaker is still the name."""
    claim = _claims(f"Title\n\n{text}\n")[0]
    assert (claim.source_text, claim.speaker) == (source, speaker)


def test_a_number_with_thousands_separators_is_one_source_word():
    claim = _claims("Title\n\nIn the survey, 1,409 teachers said they wanted an endorsement.\n")[0]
    assert claim.source_text == "1,409 teachers"


def test_an_age_or_party_after_the_name_stays_in_the_source():
    claims = _claims("Title\n\nHarry M. Reid (D-Nev.) defended the plan. Marvin Teske, 53, "
                     "said it was fine. The rally denounced the plan.\n")
    assert [(c.source_text, c.speaker) for c in claims] == [
        ("Harry M. Reid (D-Nev.)", "Harry M. Reid"), ("Marvin Teske, 53", "Marvin Teske"),
        ("The rally", "rally (Example News)")]


def test_a_fronted_however_and_a_description_before_the_cue():
    claims = _claims("Title\n\nOn Wednesday, however, the director of the Federal Bureau of "
                     "Investigation, James B. Comey, said that the messages were private. "
                     "81-year-old Parker Eaton, a nominal Republican, said that he would vote.\n")
    assert [(c.source_text, c.speaker) for c in claims] == [
        ("the director of the Federal Bureau of Investigation, James B. Comey", "James B. Comey"),
        ("81-year-old Parker Eaton, a nominal Republican", "Parker Eaton")]


def test_called_with_a_name_in_newspaper_double_apostrophes():
    claims = _claims("Title\n\nJames Comey did not recommend charges, but he called her "
                     "actions ''extremely careless.''\n")
    assert [(c.cue, c.source_text, c.speaker) for c in claims] == [("called", "he", "James Comey")]
    assert claims[0].content.endswith("''extremely careless.''")


def test_cue_keeps_its_adverb_setting_and_particle():
    claims = _claims("Title\n\nThe mayor also said in a statement that the bridge would reopen. "
                     "Councillor Dee Park later told reporters Friday that it would not.\n\n"
                     "“It is a fine plan,” the treasurer said of the budget.\n\n"
                     "The inspector warned against any delay in the repairs. The contractor "
                     "apologized for the delay. The architect did not respond to questions.")
    assert [(c.source_text, c.cue, c.content) for c in claims] == [
        ("The mayor", "also said in a statement", "that the bridge would reopen"),
        ("Councillor Dee Park", "later told", "that it would not"),  # not whom she told
        ("the treasurer", "said", "“It is a fine plan,”"),  # "of": annotated 14 times in 62
        ("The inspector", "warned against", "any delay in the repairs"),
        ("The contractor", "apologized for", "the delay"),
        ("The architect", "did not respond to", "questions"),
    ]


def test_quotes_after_the_cue_sentence_are_more_of_the_same_claim():
    claims = _claims("Title\n\n“The pool will open in June,” the manager said. “We have hired "
                     "six lifeguards. Nobody will swim alone.” “It is the best season yet.”\n\n"
                     "“Prices will rise,” the baker said. “Flour costs more,” her partner added.")
    assert [(c.source_text, len(c.content_spans)) for c in claims] == [
        ("the manager", 3), ("the baker", 1), ("her partner", 1)]
    assert claims[0].content.endswith("“It is the best season yet.”")
    assert "six lifeguards. Nobody will swim alone." in claims[0].content


def test_who_said_is_a_claim_of_the_noun_before_it():
    claims = _claims("Title\n\nAmong fans who said the coach should stay, most were young. "
                     "Jo Marsh, who said she was tired, left early.")
    assert [(c.speaker, c.source_text, c.cue) for c in claims] == [
        ("fans (Example News)", "who", "said"), ("Jo Marsh", "who", "said")]


def test_long_tail_reporting_verbs():
    claims = _claims("Title\n\n“Bring an umbrella,” the forecaster quipped. Senator Ada Vance touted "
                     "the new ferry schedule. The list of stops is long.")
    assert [(c.source_text, c.cue) for c in claims] == [
        ("the forecaster", "quipped"), ("Senator Ada Vance", "touted")]


def test_passive_attributions_without_a_named_source():
    claims = _claims("Title\n\nThe new library is expected to open in May. The mayor was asked whether "
                     "it would be late. The bridge, known as the Old Span, was rated safe by engineers.")
    found = [(c.source_text, c.cue, c.content) for c in claims]
    assert ("", "is expected", "The new library … to open in May") in found
    assert ("", "was asked", "whether it would be late") in found
    assert ("", "known as", "the Old Span") not in found  # "known as" alone needs "also"/"is"


def test_subjects_behind_fronted_phrases_auxiliaries_and_appositions():
    claims = _claims("Title\n\nAda Ruiz runs the council. Although in May she said the road was "
                     "safe, the council closed it. "
                     "In her speech, Mayor Ana Ruiz thanked the crews and said the work was done. "
                     "In a letter to the board, its chair, Lee Wong, said: “We will vote.” "
                     "The tenants have long insisted they were never warned.")
    found = [(c.source_text, c.cue) for c in claims]
    assert ("she", "said") in found
    assert next(c for c in claims if c.source_text == "she").content == "the road was safe"
    assert ("Mayor Ana Ruiz", "said") in found
    assert ("its chair, Lee Wong", "said") in found
    assert ("The tenants", "have long insisted") in found


def test_a_clause_without_that_after_a_verb_needing_one():
    claims = _claims("Title\n\nThe governor promised the new line would open by spring. "
                     "The governor feared the critics who were there.")
    assert [(c.source_text, c.cue, c.content) for c in claims] == [
        ("The governor", "promised", "the new line would open by spring")]


def test_a_name_and_a_colon_before_a_quotation():
    claims = _claims("Title\n\nTURNOUT WAS LOW - Dana Holt and Sam Ito: “Fewer people voted than in "
                     "any year we studied.” More from Ito: “The rain kept them home.”")
    assert [(c.source_text, c.cue, c.content) for c in claims] == [
        ("Dana Holt and Sam Ito", ":", "“Fewer people voted than in any year we studied.”"),
        ("Ito", ":", "“The rain kept them home.”")]


def test_what_seems_so_has_no_source_and_keeps_its_subject():
    claims = _claims("Title\n\nThe old bridge seemed ready to fall. It appears that the ferry is late.")
    assert [(c.source_text, c.speaker, c.cue, c.content) for c in claims] == [
        ("", "", "seemed", "The old bridge … ready to fall"),
        ("", "", "appears", "that the ferry is late")]


def test_low_precision_cue_words_are_not_cues():
    claims = _claims("Title\n\nThe coach spoke at the dinner. The board will consider the budget. "
                     "The team continue to train at night.")
    assert claims == []


def test_quotations_opened_and_closed_with_different_marks():
    claims = _claims('Title\n\n"The dam will hold, I am sure,” the engineer said. “The river is low," '
                     'her deputy added.')
    assert [(c.source_text, c.cue, c.kind) for c in claims] == [
        ("the engineer", "said", "direct"), ("her deputy", "added", "direct")]


def test_a_cue_between_commas_has_content_on_both_sides_and_times_are_not_sources():
    claims = _claims("Title\n\nTo finish on time, the builders said, they need more steel. "
                     "Inspector Amy King last week said the site was safe.")
    assert [(c.source_text, c.cue, c.content) for c in claims] == [
        ("the builders", "said", "To finish on time … they need more steel"),
        ("Inspector Amy King", "said", "the site was safe")]


def test_reported_described_and_showed_need_no_that():
    claims = _claims("Title\n\nThe Harbour Gazette reported at least six ships waiting offshore. "
                     "The captain described a storm unlike any other. New counts showed the port "
                     "busier than ever.")
    assert [(c.source_text, c.cue) for c in claims] == [
        ("The Harbour Gazette", "reported"), ("The captain", "described"), ("New counts", "showed")]


def test_verbs_that_are_attributions_with_or_without_that():
    claims = _claims("Title\n\nThe minister defended her budget. The union praised the new rota. "
                     "The board declined, and the chair said nothing more.")
    assert [(c.source_text, c.cue, c.content) for c in claims] == [
        ("The minister", "defended", "her budget"), ("The union", "praised", "the new rota"),
        ("the chair", "said", "nothing more")]


def test_a_passive_cue_names_no_source_unless_by_does():
    claims = _claims("Title\n\nThe new timetable was announced to staff. The mayor was accused by "
                     "rivals of hiding the costs.")
    assert [(c.source_text, c.cue, c.content) for c in claims] == [
        ("", "was announced", "The new timetable … to staff"),
        ("rivals", "was accused", "The mayor … of hiding the costs")]


def test_a_day_after_the_cue_is_neither_cue_nor_content():
    (claim,) = _claims("Title\n\nThe harbour master said Tuesday that the channel was clear.")
    assert (claim.cue, claim.content) == ("said", "that the channel was clear")


def test_a_quotation_carried_on_in_the_next_paragraph():
    claims = _claims("Title\n\n“The harbour will reopen in May,” the port director said.\n\n"
                     "“Every berth has been dredged. The cranes are back.”\n\n"
                     "The ferries will return later.")
    (claim,) = claims
    assert claim.paragraph == 1 and len(claim.content_spans) == 2
    assert claim.content.endswith("“Every berth has been dredged. The cranes are back.”")


def test_a_leading_conjunction_is_not_part_of_the_source():
    claims = _claims("Title\n\nThe vote was close. But the treasurer insisted the count was right.")
    assert [(c.source_text, c.cue) for c in claims] == [("the treasurer", "insisted")]


def test_sources_behind_even_and_a_description_before_a_name():
    claims = _claims("Title\n\nSome tenants even insist that the lift never worked. One resident not on "
                     "the committee, Ravi Bose, told the paper the rent had doubled.")
    assert [(c.source_text, c.cue, c.content) for c in claims] == [
        ("Some tenants", "even insist", "that the lift never worked"),
        ("One resident not on the committee, Ravi Bose", "told", "the rent had doubled")]


def test_a_description_after_the_named_source_and_abbreviations_after_according_to():
    claims = _claims("Title\n\n“The tide is early,” said Ola Berg, another harbour pilot who works the "
                     "night shift. According to data from the U.S. Coast Guard, the tide rose.")
    assert [(c.source_text, c.cue) for c in claims] == [
        ("Ola Berg, another harbour pilot who works the night shift", "said"),
        ("data from the U.S. Coast Guard", "According to")]


def test_a_short_noun_phrase_joined_by_and_is_one_source():
    claims = _claims("Title\n\nThree current and former harbour pilots said the channel was shallow. "
                     "The ship docked and the captain said it was late.")
    assert [(c.source_text, c.cue) for c in claims] == [
        ("Three current and former harbour pilots", "said"), ("the captain", "said")]


def test_a_source_modified_by_a_participle_or_by():
    claims = _claims("Title\n\nResidents hoping to save the pier say the council is wrong. A 2019 study "
                     "by the harbour trust found that the pier was sound.")
    assert [(c.source_text, c.cue) for c in claims] == [
        ("Residents hoping to save the pier", "say"),
        ("A 2019 study by the harbour trust", "found")]


def test_a_sentence_in_parentheses_and_a_participle_after_a_quotation():
    claims = _claims("Title\n\n(The ferries are always late, the harbour master said.) The mayor "
                     "called the plan “a triumph,” claiming that the town would profit.")
    assert [(c.source_text, c.cue, c.content) for c in claims] == [
        ("the harbour master", "said", "The ferries are always late"),
        ("The mayor", "called", "the plan “a triumph,”"),
        ("The mayor", "claiming", "that the town would profit")]


def test_a_quote_then_cue_then_while_clause():
    claims = _claims("Title\n\n“The bridge is safe,” the engineer said, while warning that repairs "
                     "would take a year.")
    assert [(c.source_text, c.cue) for c in claims] == [("the engineer", "said"),
                                                        ("the engineer", "warning")]


def test_as_reported_by_has_reported_as_its_cue():
    (claim,) = _claims("Title\n\nAs reported by the Harbour Gazette, the ferry will stop in May.")
    assert (claim.source_text, claim.cue, claim.content) == (
        "the Harbour Gazette", "reported", "the ferry will stop in May")


def test_when_asked_mid_sentence_is_a_question_with_no_named_asker():
    claims = _claims("Title\n\n“It is fine,” the engineer said when asked whether the bridge was safe.")
    assert sorted((c.source_text, c.cue, c.content) for c in claims) == [
        ("", "asked", "whether the bridge was safe"),
        ("the engineer", "said", "“It is fine,”")]


def test_a_pronouns_contracted_auxiliary_is_part_of_the_cue():
    claims = _claims("Title\n\nAda Moss runs the port. She’s said the dredging is late. "
                     "The Gazette’s claims were denied.")
    assert [(c.source_text, c.cue) for c in claims][:1] == [("She", "’s said")]
    assert not any("claims" in c.cue for c in claims)


def test_an_unresolved_pronoun_keeps_its_claim_without_a_speaker():
    (claim,) = _claims("Title\n\nIt said the ferry would run on Sunday.")
    assert (claim.source_text, claim.speaker, claim.content) == (
        "It", "", "the ferry would run on Sunday")


def test_only_verbs_of_saying_come_before_their_source():
    claims = _claims("Title\n\nHarbour officials have, in fact, praised the new pilots for their care. "
                     "“The tide is low,” said the harbour master. Gale Park earlier in the day "
                     "touted the repairs.")
    assert [(c.source_text, c.cue) for c in claims] == [
        ("Harbour officials", "praised"), ("the harbour master", "said"), ("Gale Park", "touted")]


def test_no_source_is_taken_from_after_the_cue_when_words_stand_before_it():
    claims = _claims("Title\n\nIn 2011, the harbour board recalled the old pilots. “It is late,” said "
                     "the pilot.")
    found = [(c.source_text, c.cue) for c in claims]
    assert ("the old pilots", "recalled") not in found and ("the pilot", "said") in found


def test_a_dateline_or_function_word_is_no_subject():
    claims = _claims("Title\n\nPORTVILLE, Maine — Crowds lined the quay on Sunday, cheering and "
                     "saying the ferry was back.")
    assert [(c.source_text, c.cue) for c in claims] == [("", "saying")]


def test_super_tuesday_and_decimals_stay_in_sources():
    claims = _claims("Title\n\nMost voters going to the polls on Super Tuesday said the economy mattered. "
                     "The levy was rejected by 59.6 percent, officials said.")
    found = [(c.source_text, c.cue) for c in claims]
    assert ("Most voters going to the polls on Super Tuesday", "said") in found
    assert ("59.6 percent", "was rejected") in found


@pytest.mark.parametrize("sentence", [
    "Having said that, the ministry was taken aback by the speech.",
    "That said, the envoy was never going to stay long.",
    "Needless to say, the harbour stayed closed for a week.",
])
def test_a_connective_built_on_a_verb_of_saying_is_no_claim(sentence: str) -> None:
    assert _claims("Title\n\n" + sentence) == []


def test_a_claim_after_a_connective_is_still_read():
    claims = _claims("Title\n\nThat said, the envoy insisted the talks would go on.")
    assert [(c.source_text, c.cue) for c in claims] == [("the envoy", "insisted")]


@pytest.mark.parametrize(("source", "name"), [
    ("Representative Dana Holt", "Dana Holt"),
    ("British Prime Minister Sam Ito", "Sam Ito"),
    ("Senator Lee Park of New Hampshire", "Lee Park"),
    ("British Airways", "British Airways"),
    ("University of New Hampshire", "University of New Hampshire"),
])
def test_offices_nationalities_and_home_states_are_no_part_of_a_name(source: str, name: str) -> None:
    assert canonical_description(source) == name


def test_a_description_after_said_name_keeps_its_job_and_stops_before_a_second_cue():
    claims = _claims("Title\n\n"
                     "“The bridge will not open this winter,” said Dana Whitlock, budget and "
                     "planning director of the county transit board. “We ran out of steel.”\n\n"
                     "“Nobody asked the riders,” said Ravi Anand, the treasurer of the Harbor "
                     "Cyclists Club, who also said the fares would rise.\n\n"
                     "“This is a tax on commuters,” said Senator Ada Moreno, Democrat of Ohio.\n")
    sources = [c.source_text for c in claims if c.cue == "said"]
    assert "Dana Whitlock, budget and planning director of the county transit board" in sources
    assert "Ravi Anand, the treasurer of the Harbor Cyclists Club" in sources
    assert "Senator Ada Moreno, Democrat of Ohio" in sources
    assert not any("also" in s for s in sources)


def test_an_elided_subject_keeps_its_head_noun_and_its_description():
    claims = _claims("Title\n\n"
                     "The Moreno campaign on Friday doubled down on its attack, saying the "
                     "mayor had misled voters.\n\n"
                     "Lawyers for Greendale filed a motion, arguing that the ordinance was void.\n\n"
                     "Okafor, a retired welder, wrote to the council, saying the plant must stay "
                     "open.\n")
    sources = [c.source_text for c in claims if c.cue in ("saying", "arguing")]
    assert sources == ["The Moreno campaign", "Lawyers for Greendale", "Okafor, a retired welder"]


def test_a_description_after_said_name_with_an_age_a_possessive_or_a_long_tail():
    claims = _claims("Title\n\n"
                     "“The ferry is always late,” said Lena Ortiz, 37. “Every single morning.”\n\n"
                     "“We will appeal,” said Tomas Berg, Greendale's deputy planning director.\n\n"
                     "“It was never about the money,” said Priya Nair, a former treasurer of the "
                     "Harbor Cyclists Club, pointing to the ledger that the board had kept for "
                     "eleven years without a single audit or outside review of its accounts.\n")
    sources = [c.source_text for c in claims if c.cue == "said"]
    assert "Lena Ortiz, 37" in sources
    assert "Tomas Berg, Greendale's deputy planning director" in sources
    assert "Priya Nair, a former treasurer of the Harbor Cyclists Club" in sources


def test_a_document_keeps_its_time_and_an_elided_subject_keeps_its_title():
    claims = _claims("Title\n\n"
                     "A Harbor Transit poll released Tuesday found that most riders want later "
                     "trains. Councillor Ada Moreno last week said the budget was too small.\n\n"
                     "Greendale press secretary Mara Voss answered the letter, saying the plant "
                     "would stay open.\n")
    by_cue = {c.cue: c.source_text for c in claims}
    assert by_cue["found"] == "A Harbor Transit poll released Tuesday"
    assert by_cue["said"] == "Councillor Ada Moreno"
    assert by_cue["saying"] == "Greendale press secretary Mara Voss"


def test_an_elided_subject_keeps_its_companions():
    claims = _claims("Title\n\n"
                     "Moreno and her aides rewrote the plan, saying the old one was unworkable.\n\n"
                     "Several council members, including Okafor, blocked the vote, arguing that the "
                     "public had not been heard.\n")
    sources = [c.source_text for c in claims if c.cue in ("saying", "arguing")]
    assert sources == ["Moreno and her aides", "Several council members, including Okafor"]
