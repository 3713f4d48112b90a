from pathlib import Path

from index.ingest import load_article, load_path
from index.metadata import Metadata
from index.paragraphs import blocks, split_furniture

from ..conftest import SEEDS

HILL = SEEDS / "the-hill_2021-02-05_blinken-first-call.txt"
SGH = SEEDS / "sgh-insight_2021-02-10_frosty-yang-blinken-call.txt"


def _texts(path: Path) -> list[str]:
    return [p.text for p in load_path(path).paragraphs]


def test_trailing_page_furniture_is_dropped_and_the_last_sentence_kept():
    texts = _texts(HILL)
    joined = "\n".join(texts)
    for furniture in ("Most Popular", "Load more", "See all Video", "Tags Antony", "comment section"):
        assert furniture not in joined
    assert texts[-1].startswith("The interests of Washington and Beijing")
    assert _texts(SGH)[-1].startswith("“Given that Biden himself")
    assert "Back to list" not in "\n".join(_texts(SGH))


def test_section_headings_between_paragraphs_are_kept():
    article = load_path(SGH)
    headings = [p.text for p in article.paragraphs if p.heading]
    assert headings == ["No Progress on Talks", "Beijing Interprets Washington"]


def test_every_sentence_of_the_seeds_survives():
    for path in (HILL, SGH):
        article = load_path(path)
        body = " ".join(p.text for p in article.paragraphs)
        original = path.read_text(encoding="utf-8")
        for sentence in ("according to a readout of the call from the State Department",
                         "Biden has also expressed openness", "In the words of one senior official"):
            if sentence in original:
                assert sentence in body


def test_offsets_round_trip_to_the_original_text():
    for path in (HILL, SGH):
        original = path.read_text(encoding="utf-8")
        for paragraph in load_path(path).paragraphs:
            assert original[paragraph.start : paragraph.end] == paragraph.text


def test_lead_marker_is_outside_the_paragraph_span():
    paragraph = load_path(SGH).paragraphs[1]
    assert paragraph.text.startswith("Apart from Blinken")


def test_offsets_round_trip_through_crlf_and_control_characters(tmp_path: Path):
    raw = "Title\r\n\r\nFirst \x1b[31mred\x1b[0m paragraph.\r\n\r\nSecond paragraph.\r\n"
    article = load_article(tmp_path / "a.txt", raw.encode())
    assert [p.text for p in article.paragraphs] == ["First red paragraph.", "Second paragraph."]
    first = article.paragraphs[0]
    assert raw[first.start : first.end] == "First \x1b[31mred\x1b[0m paragraph."


def test_a_runaway_line_is_cut_into_bounded_paragraphs(tmp_path: Path):
    raw = "Title\n\n" + "word " * 10_000
    article = load_article(tmp_path / "long.txt", raw.encode())
    assert len(article.paragraphs) > 1
    assert all(len(p.text) <= 10_000 for p in article.paragraphs)


def test_a_file_without_blank_lines_splits_per_line():
    text = "Headline\nFirst paragraph here.\nSecond paragraph here.\n"
    assert [b.text for b in blocks(text)] == ["Headline", "First paragraph here.", "Second paragraph here."]


def test_breadcrumbs_before_the_article_are_furniture():
    found = blocks("Home › World › Asia\n\nThe article starts here.\n\nAnd ends here.")
    kept, dropped = split_furniture(found)
    assert [b.text for b in dropped] == ["Home › World › Asia"]
    assert len(kept) == 2


def test_a_closing_sentence_that_mentions_comment_is_kept():
    found = blocks("Story.\n\nBody of the story.\n\nThe ministry declined to comment.")
    kept, _ = split_furniture(found)
    assert kept[-1].text == "The ministry declined to comment."


def test_manifest_metadata_wins(tmp_path: Path):
    article = load_article(tmp_path / "x.txt", b"A title\n\nBody text.", Metadata(outlet="Wire", date="2020-01-02"))
    assert (article.title, article.outlet, article.date) == ("A title", "Wire", "2020-01-02")


def test_single_line_breaks_after_sentences_separate_paragraphs():
    text = ("A headline\n\nCITY — The mayor opened the bridge on Monday.\n"
            "\u201cIt took ten years,\u201d she said.\nA section heading\n"
            "Traffic will start flowing next week.\n")
    assert [b.text for b in blocks(text)] == [
        "A headline", "CITY — The mayor opened the bridge on Monday.",
        "\u201cIt took ten years,\u201d she said.", "A section heading",
        "Traffic will start flowing next week.",
    ]
    assert all(text[b.start : b.end] == b.text for b in blocks(text))


def test_hard_wrapped_prose_stays_one_paragraph():
    text = ("Title\n\nThe council met on a wet Tuesday evening to argue\n"
            "about the budget for the coming year, and the\nsession ran late.\n\n"
            "A second paragraph that is short.\n")
    assert [b.text for b in blocks(text)][1].count("\n") == 2


def test_a_block_far_longer_than_the_others_gets_a_second_look():
    wrapped = "\n".join(["several words of one long line that wraps here and continues"] * 20)
    text = "Title\n\nShort one.\n\nShort two.\n\nShort three.\n\n" + wrapped + "\n"
    found = blocks(text)
    assert len(found) == 4 + 20
