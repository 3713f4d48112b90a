"""A session belongs to its index: query, filters, pins and their order stay with it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import index
from tui import state
from tui.app import BriefingApp
from tui.screens.pinned import PinnedScreen

from ..conftest import SEEDS
from .conftest import filters, results, settle, type_query


@pytest.fixture
def other_index(tmp_path: Path) -> Path:
    """A second index, of one seed article only."""
    directory = tmp_path / "other-index"
    index.build_index(directory, [SEEDS / "the-hill_2021-02-05_blinken-first-call.txt"]).close()
    return directory


async def test_pins_query_and_filters_stay_with_their_index(index_copy: Path, other_index: Path):
    first = BriefingApp(index_copy, watch_seconds=0.2)
    async with first.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Taiwan")
        await pilot.press("escape", "p")
        pinned = results(pilot).current.id
        filters(pilot).choose("outlet", "SGH Insight")
        await settle(pilot)
    assert state.path_for(index_copy) != state.path_for(other_index)

    second = BriefingApp(other_index, watch_seconds=0.2)
    async with second.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert second.session.pins == [] and second.session.query == ""
        assert filters(pilot).selected["outlet"] == []
        await pilot.press("b")
        assert isinstance(second.screen, PinnedScreen) and second.screen.items == []
        await pilot.press("escape")
        await type_query(pilot, "call")
        await settle(pilot)

    again = BriefingApp(index_copy, watch_seconds=0.2)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.session.pins == [pinned] and again.session.query == "Taiwan"
        assert filters(pilot).selected["outlet"] == ["SGH Insight"]


async def test_the_filter_pane_names_the_topic_file_in_use(index_copy: Path, other_index: Path):
    """The seeds' topics on the seeds; a corpus without a topic file has none, and says so."""
    seeds = BriefingApp(index_copy, watch_seconds=0.2)
    async with seeds.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        heading = filters(pilot).rows[0]
        assert heading.heading and heading.label == "Topics · topics.toml"
        assert any(r.facet == "topic" and not r.heading for r in filters(pilot).rows)
    other = BriefingApp(other_index, watch_seconds=0.2)
    async with other.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        rows = filters(pilot).rows
        assert rows[0].label == "Topics · no topic file"
        assert not any(r.facet == "topic" and not r.heading for r in rows)
        assert all(not h.topics for h in results(pilot).hits)


async def test_the_shared_session_of_old_moves_to_the_first_index_opened(
        index_copy: Path, other_index: Path):
    shared = state.default_path()
    state.save(shared, state.Session(query="Taiwan", pins=["x-1"], theme="nord"))
    first = BriefingApp(index_copy, watch_seconds=0.2)
    assert first.session.pins == ["x-1"] and first.session.query == "Taiwan"
    assert json.loads(shared.read_text())["pins"] == []
    second = BriefingApp(other_index, watch_seconds=0.2)
    assert second.session.pins == [] and second.session.theme == "nord"


async def test_export_keeps_the_order_of_pinning(make_app, isolated_home: Path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "")
        listed = results(pilot)
        listed.focus()
        # Pinned against the list's order and across topics and articles.
        order = [listed.hits[i].id for i in (5, 0, 3)]
        starts = [" ".join(listed.hits[i].text.split()[:5]) for i in (5, 0, 3)]
        for position in (5, 0, 3):
            listed.highlighted = position
            await pilot.press("p")
        assert app.session.pins == order
        app.export_pinned("json")
        app.export_pinned("md")
    exported = json.loads(next((isolated_home / "data" / "exports").glob("*.json")).read_text())
    assert [p["id"] for p in exported["paragraphs"]] == order
    markdown = next((isolated_home / "data" / "exports").glob("*.md")).read_text()
    assert "## " not in markdown  # no topic sections to reorder them
    found = [markdown.index(start) for start in starts]
    assert found == sorted(found)


async def test_a_note_on_a_pinned_paragraph_is_shown_kept_and_exported(make_app, isolated_home):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Taiwan")
        await pilot.press("escape", "p", "b")
        assert isinstance(app.screen, PinnedScreen)
        pinned = app.session.pins[0]
        await pilot.press("n")
        await pilot.press(*"check the =date")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.notes == {pinned: "check the =date"}
        assert isinstance(app.screen, PinnedScreen)
        row = app.screen._row(pinned, app.screen.items[0][1]).plain
        assert "Note: check the =date" in row
        for fmt in ("md", "json", "csv"):
            app.export_pinned(fmt)
        await pilot.pause(0.7)
    exports = isolated_home / "data" / "exports"
    assert "Note: check the =date" in next(exports.glob("*.md")).read_text()
    assert json.loads(next(exports.glob("*.json")).read_text())["paragraphs"][0]["note"] == (
        "check the =date")
    assert "check the =date" in next(exports.glob("*.csv")).read_text()
    saved, _ = state.load(app.session_path)
    assert saved.notes == {pinned: "check the =date"}


async def test_saved_searches_are_kept_per_index_and_reopen_from_a_key_and_the_palette(
        index_copy: Path, other_index: Path):
    from tui.commands import BriefingCommands
    from tui.screens.saved import SavedScreen

    app = BriefingApp(index_copy, watch_seconds=0.2)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Taiwan")
        filters(pilot).choose("outlet", "SGH Insight")
        await settle(pilot)
        await pilot.press("escape", "w")
        await pilot.press(*"strait")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.saved["strait"] == {"query": "Taiwan", "topic": [], "month": [],
                                               "outlet": ["SGH Insight"], "speaker": []}
        await pilot.press("c")
        await type_query(pilot, "")
        await pilot.press("escape", "r")
        assert isinstance(app.screen, SavedScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#query").value == "Taiwan"
        assert filters(pilot).selected["outlet"] == ["SGH Insight"] and results(pilot).total == 2
        provider = BriefingCommands(app.screen)
        await provider.startup()
        assert any(label == "Open saved search: strait" for label, *_ in provider._entries)
    other = BriefingApp(other_index, watch_seconds=0.2)
    assert other.session.saved == {}
