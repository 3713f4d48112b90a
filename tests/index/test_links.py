""""Also reported by": links only between paragraphs that report the same statement or fact,
judged on sentences written for these tests."""

from pathlib import Path

import index
from index import links


def rare(word: str) -> float:
    """Every word but a few common ones counts as rare here."""
    return 0.2 if word in {"people", "president", "united", "states", "lot"} else 0.8


def _claim(speaker: str, content: str, kind: str = "person") -> dict:
    return {"speaker": speaker, "content": content, "speaker_kind": kind}


def test_the_same_quotation_from_the_same_speaker_is_a_link():
    a = "“The harbour tunnel will never flood again,” Mayor Lind said on Monday."
    b = "Lind promised that “the harbour tunnel will never flood again” at the opening."
    evidence = links.judge(a, [_claim("Mara Lind", "The harbour tunnel will never flood again")],
                           "2020-03-02", b, [_claim("Mara Lind", "the harbour tunnel will never flood again")],
                           "2020-03-03", 0.1, rare)
    assert evidence.linked and evidence.quoted


def test_a_stock_phrase_from_two_speakers_or_months_apart_is_not():
    a = "“He is unfit to be president of the United States,” said Jo Reyes."
    b = "“Nobody is unfit to be president of the United States,” Sam Ortiz replied."
    claims_a, claims_b = [_claim("Jo Reyes", a)], [_claim("Sam Ortiz", b)]
    assert not links.judge(a, claims_a, "2020-03-02", b, claims_b, "2020-03-02", 0.2, rare).linked
    assert not links.judge(a, [], "2020-03-02", b, [], "2020-09-02", 0.2, rare).linked


def test_two_polls_with_different_figures_are_not_one_fact():
    a = "Reyes leads with 46 percent to 41 percent in the county poll."
    b = "Reyes leads with 52 percent to 38 percent in the county poll."
    assert not links.judge(a, [], "2020-03-02", b, [], "2020-03-03", 0.9, rare).linked
    assert links.judge(a, [], "2020-03-02", a, [], "2020-03-03", 0.9, rare).linked


def test_the_same_content_credited_to_a_readout_and_to_the_minister_is_a_link():
    a = "The ministry said the minister pressed for open harbours, fair tariffs and safe canals."
    b = "Our understanding is that the minister pressed for open harbours, fair tariffs and safe canals."
    evidence = links.judge(
        a, [_claim("Ministry of Ports", "the minister pressed for open harbours, fair tariffs and safe canals", "organisation")],
        "2020-03-02",
        b, [_claim("Pat Quinn", "the minister pressed for open harbours, fair tariffs and safe canals")],
        "2020-03-04", 0.2, rare)
    assert evidence.linked


def test_a_long_paragraph_sharing_a_few_words_scores_low_against_both_sides():
    assert links.symmetric(0.5, 5.0, 10.0) == 0.5
    assert links.symmetric(0.5, 5.0, 100.0) < 0.1


STORY = {
    "harbour-news_2020-03-02_tunnel.txt": (
        "Tunnel reopens\n\n“The harbour tunnel will never flood again,” Mayor Mara Lind said at the "
        "reopening on Monday, standing beside the new pumps.\n\nThe council approved new bus lanes "
        "on Grove Street for the spring.\n"),
    "coast-post_2020-03-03_tunnel.txt": (
        "Lind opens tunnel\n\nMara Lind, the mayor, said “the harbour tunnel will never flood "
        "again” as the first cars drove through.\n\nA bakery on the quay won a national prize.\n"),
    "city-digest_2020-03-03_week.txt": (
        "The week\n\n" + " ".join(
            f"In other news item {i} the tunnel, the harbour, the mayor, the council, pumps, cars, "
            "bus lanes, the quay and the spring were all discussed at length by residents." for i in range(8))
        + "\n"),
}


def test_related_links_the_same_quotation_and_no_long_paragraph_hub(tmp_path: Path):
    for name, text in STORY.items():
        (tmp_path / name).write_text(text)
    with index.build_index(tmp_path / "ix", [tmp_path]) as ix:
        quote = index.search(ix, '"never flood again"', outlets=["harbour news"]).hits[0]
        found = index.related(ix, quote.id)
        assert [h.outlet for h in found] == ["coast post"] and found[0].score >= 0.6
        bakery = index.search(ix, "bakery").hits[0]
        assert index.related(ix, bakery.id) == ()
