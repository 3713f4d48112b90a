"""Any bytes in: an article or a named reason out, and offsets that slice back to the text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from index.errors import IngestError
from index.ingest import load_articles
from index.textnorm import decode_bytes, normalise

WORDISH = st.sampled_from(["Yang", "said", "“", "”", '"', ",", ".", "\n", "\n\n", "\r\n", " ",
                           "\x1b[6n", "\u200b", "e\u0301", "[/]", "according to", "Blinken",
                           "the State Department", "\t", "\x85", "🗞️", "\u202e"])
texts = st.lists(WORDISH | st.text(max_size=8), max_size=80).map("".join)


def _check(name: str, data: bytes) -> None:
    try:
        articles = load_articles(Path(name), data)
    except IngestError as exc:
        assert str(exc)
        return
    for article in articles:
        source = article.source_text or decode_bytes(data)
        for paragraph in article.paragraphs:
            piece = normalise(source[paragraph.start : paragraph.end]).text
            assert " ".join(piece.split()) == " ".join(paragraph.text.split())
        for claim in article.claims:
            for start, end in (*claim.source_spans, *claim.cue_spans, *claim.content_spans):
                assert 0 <= start < end <= len(source)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(data=st.binary(max_size=400))
@example(data=b"\xef\xbb\xbfTitle\r\n\r\nBody said Yang.\r\n")
@example(data=b"\xff\xfeT\x00i\x00\n\x00\n\x00B\x00")
def test_any_bytes_as_a_text_file(data: bytes):
    _check("a.txt", data)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(text=texts)
def test_any_text_as_a_text_or_markdown_file(text: str):
    data = text.encode("utf-8", "surrogatepass")
    _check("a.txt", data)
    _check("a.md", data)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(text=texts, tag=st.sampled_from(["p", "div", "article", "li", "h1", "script"]))
def test_any_text_inside_html_and_feeds(text: str, tag: str):
    _check("a.html", f"<html><body><{tag}>{text}</{tag}><p>{text}</p></body></html>".encode(
        "utf-8", "surrogatepass"))
    _check("a.rss", f"<rss><channel><title>T</title><item><title>{text}</title>"
                    f"<description>{text}</description></item></channel></rss>".encode(
        "utf-8", "surrogatepass"))
