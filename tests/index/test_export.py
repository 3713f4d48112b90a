"""Briefing documents: grouping, citations, and untrusted text kept inert."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import UTC, datetime

import index
from index.searching import Hit


def _hit(n: int, text: str, *, topics: tuple[str, ...] = ("Taiwan",), outlet: str = "Wire") -> Hit:
    return Hit(id=f"a-{n}", article_id="a", title="A [title]", outlet=outlet, date="2021-02-05",
               author="", url="https://x.example/a", path="/a.txt", paragraph=n, paragraphs=3,
               text=text, start=0, end=len(text), topics=topics,
               claims=({"speaker": "Yang Jiechi", "cue": "urged", "content": "x", "kind": "direct"},))


NOW = datetime(2021, 2, 10, tzinfo=UTC)


def test_markdown_groups_by_topic_and_cites_each_paragraph():
    hits = [_hit(1, "One."), _hit(2, "Two.", topics=()), _hit(3, "Three.", topics=("Tibet",))]
    text = index.render_briefing(hits, "md", now=NOW)
    assert text.index("## Taiwan") < text.index("## Tibet") < text.index("## Other paragraphs")
    assert "— Wire, 2021-02-05, “A \\[title\\]”, <https://x.example/a>, paragraph 1 of 3" in text
    assert "Claims by: Yang Jiechi" in text


def test_untrusted_text_stays_inert_in_every_format():
    hostile = "=HYPERLINK(\"http://evil\")\x1b]52;c;eA==\x07 [@click=app.quit]x[/] # heading"
    hit = _hit(1, hostile)
    md = index.render_briefing([hit], "md", now=NOW)
    assert "\x1b" not in md and "\x07" not in md
    assert "> =HYPERLINK" in md and "\\[@click=app.quit\\]x\\[/\\] \\# heading" in md
    row = next(csv.DictReader(io.StringIO(index.render_briefing([hit], "csv", now=NOW))))
    assert row["text"].startswith("'=HYPERLINK")
    data = json.loads(index.render_briefing([hit], "json", now=NOW))
    assert data["paragraphs"][0]["text"].startswith("=HYPERLINK") and "\x1b" not in data["paragraphs"][0]["text"]


def test_grouping_by_article_orders_paragraphs():
    hits = [_hit(3, "Three."), _hit(1, "One.")]
    text = index.render_briefing(hits, "md", group_by="article", now=NOW)
    assert text.index("> One.") < text.index("> Three.")


def test_markdown_links_only_web_addresses():
    urls = ["javascript:alert(document.cookie)", "file:///etc/passwd", "data:text/html,<b>x</b>",
            "JavaScript:`x`", "https://ok.example/a?b=1"]
    hits = [replace(_hit(1, "One."), id=f"a-{n}", url=url) for n, url in enumerate(urls)]
    md = index.render_briefing(hits, "md", now=NOW)
    assert "<https://ok.example/a?b=1>" in md
    for url in urls[:3]:
        assert f"<{url}>" not in md and f"` {url} `" in md
    assert "`` JavaScript:`x` ``" in md
    assert "<javascript:" not in md.lower() and "<file:" not in md and "<data:" not in md


def test_csv_neutralises_formulas_behind_tabs_line_breaks_and_spaces():
    texts = ["\t=1+2", "\r=1+2", " =cmd|' /C calc'!A0", "\t", "-2", "Plain."]
    hits = [_hit(n, text) for n, text in enumerate(texts, start=1)]
    rows = list(csv.DictReader(io.StringIO(index.render_briefing(hits, "csv", now=NOW))))
    cells = [row["text"] for row in rows]
    assert all(cell.startswith("'") for cell in cells[:-1]), cells
    assert cells[-1] == "Plain."

