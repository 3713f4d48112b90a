"""One file never stalls or swamps a run: a per-file budget, and extraction linear in the text."""

from __future__ import annotations

from pathlib import Path

import pytest

import index
from index import budget, claims, feeds, webpages
from index.attribution import MAX_SENTENCE_CHARS, extract, quotes, sentences
from index.ingest import extract_claims


def test_a_loop_that_never_checks_is_interrupted_by_the_timer():
    with pytest.raises(budget.OverBudget, match="time budget"):
        with budget.file_budget(seconds=0.05):
            while True:
                pass


def test_memory_past_the_budget_is_refused_and_given_back_after():
    with pytest.raises(budget.OverBudget, match="memory budget"):
        with budget.file_budget(memory_bytes=64 << 20, limit_memory=True):
            bytearray(512 << 20)
    assert len(bytearray(512 << 20)) == 512 << 20  # the limit is lifted again


def test_a_file_over_budget_is_skipped_by_name_and_the_run_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text("Good title\n\nA paragraph about zeppelins.\n")
    (folder / "stall.txt").write_text("Stall title\n\nSTALL forever.\n")
    real_extract = claims.extract

    def slow_on_stall(text: str, start: int, end: int):
        while "STALL" in text[start:end]:
            pass  # a pathological file: never returns by itself
        return real_extract(text, start, end)

    monkeypatch.setattr(claims, "extract", slow_on_stall)
    monkeypatch.setattr(budget, "FILE_SECONDS", 0.5)
    with index.build_index(tmp_path / "ix", [folder]) as ix:
        assert index.search(ix, "zeppelins").total == 1
    assert ix is not None
    articles, failed = extract_claims([folder])
    assert [a.title for a in articles] == ["Good title"]
    assert [(Path(s.path).name, "time budget" in s.reason) for s in failed] == [("stall.txt", True)]


def test_the_index_report_names_the_file_over_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text("Good title\n\nA paragraph about zeppelins.\n")
    (folder / "stall.txt").write_text("Stall title\n\nSTALL forever.\n")
    real_extract = claims.extract
    monkeypatch.setattr(claims, "extract", lambda text, s, e: (
        _spin() if "STALL" in text[s:e] else real_extract(text, s, e)))
    monkeypatch.setattr(budget, "FILE_SECONDS", 0.5)
    with index.build_index(tmp_path / "ix", []) as ix:
        report = ix.update([folder])
    assert report.added == 1
    assert [(Path(s.path).name, "over the time budget" in s.reason) for s in report.failed] == [
        ("stall.txt", True)]


def _spin():
    while True:
        pass


def test_a_run_on_sentence_is_read_in_bounded_pieces():
    text = "he said " * 2000
    pieces = sentences(text, 0, len(text), quotes(text, 0, len(text)))
    assert len(pieces) > 1 and max(e - s for s, e in pieces) <= MAX_SENTENCE_CHARS
    assert "".join(text[s:e] + " " for s, e in pieces) == text  # nothing lost between pieces
    assert len(extract(text, 0, len(text))) >= len(pieces)  # claims read in every piece


def test_a_page_with_a_huge_tag_is_read_without_it():
    attributes = " ".join(f'a{i}="x"' for i in range(100_000))
    body = "<p>The minister said the talks would resume next week in Geneva, officials said.</p>"
    page = (f"<html><head><title>Talks resume</title></head><body><div {attributes}>x</div>"
            f"<article>{body * 3}</article></body></html>").encode()
    assert len(webpages.strip_huge_tags(page)) < 1000
    assert "talks would resume" in webpages.extract(page, "talks.html").text


def test_a_feed_with_too_many_entries_is_refused_before_it_is_parsed():
    items = "".join(f"<item><title>Entry {i}</title><description>Text {i}.</description></item>"
                    for i in range(feeds.MAX_FEED_ENTRIES + 1))
    data = f"<?xml version='1.0'?><rss version='2.0'><channel><title>F</title>{items}</channel></rss>"
    with pytest.raises(index.IngestError, match="5,001 entries"):
        feeds.entries(data.encode(), "big.rss")
