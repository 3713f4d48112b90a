"""Saved web pages, feeds and wire copies, from pages and feeds these tests write themselves."""

from __future__ import annotations

from pathlib import Path

import pytest

import index
from index.feeds import SUMMARY_TAG, html_paragraphs
from index.ingest import load_articles
from index import webpages
from index.webpages import page_title

BODY = [
    "Secretary of State Antony Blinken spoke with China's top diplomat Yang Jiechi on Friday, "
    "the State Department said in a statement released late in the evening.",
    '"The United States will continue to stand up for human rights," Blinken said, adding that '
    "the two sides had agreed to keep talking about climate change.",
    'Yang urged Washington to "stop meddling" in China\'s internal affairs, according to a '
    "readout from Beijing that was published by the Xinhua news agency.",
]


def page(site: str, title: str, body: list[str], *, dateline: str = "") -> str:
    paragraphs = "".join(f"<p>{dateline if i == 0 else ''}{p}</p>\n" for i, p in enumerate(body))
    return f"""<!doctype html><html><head><title>{title} | {site}</title>
<meta property="og:site_name" content="{site}">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2021-02-06T10:00:00Z">
<link rel="canonical" href="https://{site.lower().replace(' ', '')}.example/news/1">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div id="cookie-banner"><p>We use cookies to improve your experience.</p>
<button>Accept all cookies</button></div>
<article><h1>{title}</h1>
{paragraphs}</article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Ten things to know about
tariffs</a></li><li><a href="/b">Markets rally on Friday</a></li></ul></aside>
<footer><p>Copyright 2021 {site}. All rights reserved.</p></footer>
</body></html>"""


FEED = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Wire Desk</title><link>https://wire.example</link>
<item><title>Blinken and Yang speak</title><link>https://wire.example/1</link>
<pubDate>Sat, 06 Feb 2021 10:00:00 GMT</pubDate><author>desk@wire.example (Desk)</author>
<content:encoded><![CDATA[<p>First paragraph of the full story, with enough words in it.</p>
<p>Second paragraph, also long enough to be a real paragraph of news.</p>]]></content:encoded>
</item>
<item><title>Only a summary</title><link>https://wire.example/2</link>
<pubDate>Sun, 07 Feb 2021 10:00:00 GMT</pubDate>
<description>A short summary of a story the feed does not carry in full.</description></item>
<item><title></title><link>https://wire.example/3</link></item>
</channel></rss>"""


def test_a_saved_page_gives_the_article_without_navigation(tmp_path: Path):
    path = tmp_path / "daily.html"
    path.write_text(page("The Daily Wire Service", "Blinken talks to Yang", BODY))
    (article,) = load_articles(path, path.read_bytes())
    assert article.title == "Blinken talks to Yang"
    assert (article.outlet, article.author, article.date) == (
        "The Daily Wire Service", "Jane Roe", "2021-02-06")
    assert article.url == "https://thedailywireservice.example/news/1"
    text = " ".join(p.text for p in article.paragraphs)
    assert text.startswith("Secretary of State Antony Blinken")
    for furniture in ("Home", "cookies", "Related stories", "tariffs", "Copyright"):
        assert furniture not in text
    # Offsets refer to the extracted text kept with the article.
    for paragraph in article.paragraphs:
        assert article.source_text[paragraph.start : paragraph.end] == paragraph.text
    assert {c.speaker for c in article.claims} >= {"State Department", "Antony Blinken"}


def test_titles_lose_the_site_name():
    assert page_title("Blinken talks to Yang | The Hill", "The Hill") == "Blinken talks to Yang"
    assert page_title("Reuters - Markets rally", "Reuters") == "Markets rally"
    assert page_title("Biden: a first call", "The Hill") == "Biden: a first call"
    assert page_title("Talks resume | DW | 19.01.2020", "DW") == "Talks resume"
    assert page_title("Talks resume | Deutsche Welle | 19.01.2020", "") == "Talks resume"
    assert page_title("Talks resume - 2020-01-19", "") == "Talks resume"


def test_a_feed_gives_one_article_per_entry_and_marks_summaries(tmp_path: Path):
    path = tmp_path / "wire.rss"
    path.write_text(FEED)
    articles = load_articles(path, path.read_bytes())
    assert [a.title for a in articles] == ["Blinken and Yang speak", "Only a summary"]
    full, summary = articles
    assert (full.outlet, full.date, full.url) == ("Wire Desk", "2021-02-06", "https://wire.example/1")
    assert len(full.paragraphs) == 2 and SUMMARY_TAG not in full.tags
    assert SUMMARY_TAG in summary.tags and summary.date == "2021-02-07"


def test_entry_html_becomes_paragraphs():
    assert html_paragraphs("<p>One <b>bold</b> idea.</p>Loose text<br>more<ul><li>Item</li></ul>") == [
        "One bold idea.", "Loose text more", "Item"]
    assert html_paragraphs("plain\n\ntext") == ["plain", "text"]


def test_broken_pages_and_feeds_are_skipped_with_a_reason(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.html").write_text("")
    (folder / "nav-only.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (folder / "nested.html").write_text("<div>" * 5000 + "deep" + "</div>" * 10)
    (folder / "not-a-feed.xml").write_text("<config><a>1</a></config>")
    (folder / "good.html").write_text(page("Good News", "Good story", BODY))
    with index.build_index(tmp_path / "ix", [folder]) as ix:
        assert index.search(ix, "meddling").total == 1
    report_reasons = _skip_reasons(tmp_path, folder)
    assert report_reasons["empty.html"] == "empty file"
    assert "no article text" in report_reasons["nav-only.html"]
    assert "not an RSS or Atom feed" in report_reasons["not-a-feed.xml"]


def _skip_reasons(tmp_path: Path, folder: Path) -> dict[str, str]:
    ix = index.BriefingIndex.create(tmp_path / "ix2", index.configured_topics())
    with ix:
        report = ix.update([folder])
    return {Path(s.path).name: s.reason for s in report.failed}


def test_a_wire_story_from_two_outlets_shows_once_with_both(tmp_path: Path):
    folder = tmp_path / "wire"
    folder.mkdir()
    (folder / "a.html").write_text(page("Outlet A", "Blinken talks to Yang", BODY,
                                        dateline="WASHINGTON (AP) — "))
    edited = [BODY[0], BODY[1].replace("keep talking", "continue talking"), BODY[2]]
    (folder / "b.html").write_text(page("Outlet B", "US and China talk", edited))
    with index.build_index(tmp_path / "ix", [folder]) as ix:
        result = index.search(ix, "Blinken")
        assert result.total == 4 and result.distinct == 2
        assert result.facets["outlet"] == {"Outlet A": 2, "Outlet B": 2}
        assert len(result.hits) == 2
        for hit in result.hits:
            other = {"Outlet A": "Outlet B", "Outlet B": "Outlet A"}[hit.outlet]
            assert hit.also_in == (other,)


@pytest.fixture
def one_story(tmp_path: Path):
    """An index of one wire story, from Outlet A, and the folder it came from."""
    folder = tmp_path / "wire"
    folder.mkdir()
    (folder / "a.html").write_text(page("Outlet A", "Blinken talks to Yang", BODY))
    with index.build_index(tmp_path / "ix", [folder]) as ix:
        yield ix, folder


def _total_and_distinct(ix: index.BriefingIndex) -> tuple[int, int]:
    result = index.search(ix, "Blinken")
    return result.total, result.distinct


def test_a_wire_copy_added_in_a_later_update_joins_the_indexed_story(one_story):
    ix, folder = one_story
    (folder / "b.html").write_text(page("Outlet B", "US and China talk", BODY))
    assert ix.update([folder]).added == 1
    assert _total_and_distinct(ix) == (4, 2)
    assert [len(h.also_in) for h in index.search(ix, "Blinken").hits] == [1, 1]
    (folder / "a.html").unlink()  # the copy it joined goes; the story still shows once
    (folder / "c.html").write_text(page("Outlet C", "A third copy", BODY))
    assert ix.update([folder]).removed == 1
    assert _total_and_distinct(ix) == (4, 2)


def test_a_copy_added_after_the_topics_changed_joins_the_retagged_story(one_story):
    ix, folder = one_story
    topics = index.TopicSet({**ix.topics.definitions, "Calls": "talking"})
    assert ix.update([folder], topics=topics).retagged == 3
    assert index.search(ix, "", topics=["Calls"]).total == 1
    (folder / "b.html").write_text(page("Outlet B", "US and China talk", BODY))
    assert ix.update([folder], topics=topics).added == 1
    assert _total_and_distinct(ix) == (4, 2)


def test_a_wire_story_is_one_related_link_not_one_per_copy(tmp_path: Path):
    folder = tmp_path / "wire"
    folder.mkdir()
    (folder / "a.html").write_text(page("Outlet A", "Blinken talks to Yang", BODY))
    (folder / "b.html").write_text(page("Outlet B", "US and China talk", BODY))
    (folder / "c.html").write_text(page("Outlet C", "A call with Beijing", [
        "Blinken told Yang that the United States would stand up for human rights and keep "
        "talking about climate change, officials said."]))
    with index.build_index(tmp_path / "ix", [folder]) as ix:
        own = index.search(ix, "officials", outlets=["Outlet C"]).hits[0]
        linked = index.related(ix, own.id, limit=5)
        assert len(linked) == 1 and linked[0].outlet in {"Outlet A", "Outlet B"}
        assert "human rights" in linked[0].text
        copy = index.search(ix, '"stand up for human rights"', outlets=["Outlet A"]).hits[0]
        assert [h.outlet for h in index.related(ix, copy.id, limit=5)] == ["Outlet C"]


def _script_page(body_json: str, teaser: str) -> str:
    return f"""<!doctype html><html><head><title>Harbour tunnel reopens | Coast Post</title>
<meta property="og:site_name" content="Coast Post">
<script type="application/ld+json">{{"@context": "https://schema.org", "@graph": [
{{"@type": "WebSite", "name": "Coast Post"}},
{{"@type": "NewsArticle", "headline": "Harbour tunnel reopens", "articleBody": {body_json}}}]}}
</script><script type="application/ld+json">{{ broken json</script>
</head><body><article><h1>Harbour tunnel reopens</h1><p>{teaser}</p>
<div id="app"></div></article></body></html>"""


def test_a_page_whose_story_is_only_in_its_json_ld_falls_back_to_the_article_body(tmp_path: Path):
    import json

    body = ("The harbour tunnel reopened on Monday after six months of repairs.\n"
            "\u201cEvery crack has been sealed,\u201d the chief engineer, Mara Lind, said at the "
            "entrance.\nThe city council said tolls would stay at their old level until "
            "the summer, and that &amp; other questions would be settled <b>later</b>.")
    path = tmp_path / "tunnel.html"
    path.write_text(_script_page(json.dumps(body), "The tunnel reopened."))
    article = load_articles(path, path.read_bytes())[0]
    texts = [p.text for p in article.paragraphs]
    assert texts[0] == "The harbour tunnel reopened on Monday after six months of repairs."
    assert texts[2].endswith("that & other questions would be settled later.")
    assert ("Mara Lind", "said") in [(c.speaker, c.cue) for c in article.claims]
    assert article.source_text[article.paragraphs[1].start : article.paragraphs[1].end] == texts[1]


def test_a_full_page_keeps_its_extracted_text_beside_a_short_json_ld_summary(tmp_path: Path):
    import json

    path = tmp_path / "daily.html"
    html = page("Daily Planet", "Blinken and Yang speak", BODY).replace(
        "</head>", '<script type="application/ld+json">'
        + json.dumps({"@type": "NewsArticle", "articleBody": "Blinken spoke to Yang."})
        + "</script></head>")
    path.write_text(html)
    article = load_articles(path, path.read_bytes())[0]
    assert [p.text for p in article.paragraphs] == BODY


def test_a_title_with_site_and_date_gives_the_title_and_the_site_not_the_date():
    body = "<p>" + "The minister said the talks would resume next week in Geneva. " * 4 + "</p>"
    page = (f"<html><head><title>Talks resume | DW | 19.01.2020</title></head><body><article>"
            f"<h1>Talks resume</h1>{body * 3}</article></body></html>").encode()
    meta = webpages.extract(page, "talks.html").metadata
    assert (meta.title, meta.outlet) == ("Talks resume", "DW")
