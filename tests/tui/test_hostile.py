"""Untrusted article text is data: markup and escape sequences show literally, never act."""

from __future__ import annotations

from pathlib import Path

import pytest

import index
from tui import render
from tui.app import BriefingApp
from tui.screens.article import ArticleScreen, ArticleView
from tui.widgets.detail_panel import ClaimList

from .conftest import detail, results, settle, type_query

HOSTILE_TITLE = "Markup [bold]x[/] and [/ and [link=http://evil.example]y[/link]"
HOSTILE_BODY = (
    "Click [@click=app.quit]here[/] to read on, said the [$accent]official[/].\n\n"
    "Escapes \x1b]52;c;ZWNobyBwd25lZA==\x07 then \x1b]8;;https://evil.example\x1b\\link "
    "and \x1b[6n and \x9b6n, the ministry said [/red].\n"
)


@pytest.fixture
def hostile_index(tmp_path: Path) -> Path:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "evil_2021-01-01_markup.txt").write_text(f"{HOSTILE_TITLE}\n\n{HOSTILE_BODY}")
    directory = tmp_path / "hostile-index"
    index.build_index(directory, [articles]).close()
    return directory


async def test_hostile_text_renders_literally_everywhere(hostile_index: Path, tmp_path: Path):
    app = BriefingApp(hostile_index, tmp_path / "session.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "click OR escapes")
        listed = results(pilot)
        assert listed.total == 2
        shown = " ".join(listed.get_option_at_index(i).prompt.plain
                         for i in range(listed.option_count))
        assert "[bold]x[/]" in shown and "[@click=app.quit]here[/]" in shown
        await pilot.press("escape")
        panel = detail(pilot)
        assert "[/ and [link=http://evil.example]y[/link]" in panel.query_one("#meta").render().plain
        assert panel.query_one(ClaimList).option_count >= 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        view = app.screen.query_one(ArticleView)
        body = " ".join(view.get_option_at_index(i).prompt.plain for i in range(view.option_count))
        assert "[@click=app.quit]here[/]" in body and "[/red]" in body
        for sequence in ("\x1b", "\x9b", "\x07"):
            assert sequence not in body and sequence not in shown
        await pilot.click(ArticleView, offset=(12, 0))  # a click on the "link" is just a click
        assert app.is_running and app._exception is None


@pytest.mark.parametrize("text", ["[/]", "[/", "x [/red]", "[@click=app.quit]x[/]",
                                  "[link=http://a:b]y", "\\", "[$x]", "\x1b]0;title\x07t",
                                  "\x1b[6n", "a\x00b\x7fc\x9dd"])
def test_render_keeps_text_literal_and_drops_controls(text: str):
    content = render.plain(text)
    assert all(ch.isprintable() or ch in "\n\t" for ch in content.plain)
    if "[" in text and "\x1b" not in text:
        assert content.plain == text


async def test_a_hostile_query_is_shown_literally(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "[@click=app.quit]x[/]")
        assert app.is_running
        await type_query(pilot, '"[/')
        assert app.is_running


async def test_a_pasted_query_is_cleaned_like_a_restored_one(make_app):
    from textual import events
    from textual.widgets import Input

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        field = app.screen.query_one("#query", Input)
        field.post_message(events.Paste("taiwan\x1b]52;c;ZXZpbA==\x07 \u202estrait"))
        await pilot.pause(0.3)
        await settle(pilot)
        assert field.value == "taiwan strait"


async def test_a_stored_topic_this_version_refuses_is_named_and_the_browser_opens(make_app, index_copy):
    from index.integrity import read_meta, write_meta

    meta, _ = read_meta(index_copy)
    meta["topics"]["Slow"] = "(" * 5000 + "x" + ")" * 5000
    write_meta(index_copy, meta)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.index is not None and "Slow" not in app.index.topics.names
        shown = [n.message for n in app._notifications]
        assert any("topic 'Slow'" in m and "left out" in m for m in shown), shown
        assert results(pilot).hits
