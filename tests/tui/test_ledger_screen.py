"""The claim ledger view on the seed index: its key, its list, its timeline, opening a report."""

from __future__ import annotations

import pytest
from textual.widgets import LoadingIndicator, Static

from tui.screens.article import ArticleScreen
from tui.screens.ledger import ClusterList, LedgerScreen

from .conftest import settle, type_query


async def _ledger(pilot) -> LedgerScreen:
    await settle(pilot)
    await pilot.press("escape")
    await pilot.press("l")
    for _ in range(100):
        await pilot.pause(0.05)
        screen = pilot.app.screen
        if isinstance(screen, LedgerScreen) and screen.loaded:
            await pilot.pause(0.1)
            assert not screen.query(LoadingIndicator)  # nothing covers the finished list
            return screen
    raise AssertionError("the ledger did not load")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_l_lists_the_blinken_readout_with_its_credits(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await _ledger(pilot)
        statements = [c.statement for c in screen.clusters]
        assert any("human rights and democratic values" in s for s in statements)
        title = str(screen.query_one("#ledger-title", Static).render())
        assert "Claim ledger" in title
        screen.query_one(ClusterList).highlighted = next(
            i for i, s in enumerate(statements) if "human rights" in s)
        await pilot.pause()
        timeline = str(screen.query_one("#ledger-timeline", Static).render())
        assert "The Hill, 2021-02-05 (first)" in timeline
        assert "credited to State Department" in timeline and "SGH Insight" in timeline
        await pilot.press("2")  # the second version: SGH Insight's paragraph
        await pilot.pause(0.2)
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, LedgerScreen)


async def test_the_ledger_follows_the_query(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "zzzqqq")
        await settle(pilot)
        screen = await _ledger(pilot)
        assert screen.clusters == []
        assert "for “zzzqqq”" in str(screen.query_one("#ledger-title", Static).render())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_ledger_snapshot(snap_compare, make_app, size) -> None:
    async def scenario(pilot) -> None:
        await _ledger(pilot)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=scenario)


async def test_the_detail_panel_says_who_reported_a_claim_first(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "\"democratic values\" xinjiang")
        await settle(pilot)
        notes = pilot.app.screen.query_one("#ledger-notes", Static)
        text = str(notes.render())
        assert notes.display
        assert "first reported by The Hill, 2021-02-05" in text
        assert "credited to" in text and "State Department by The Hill" in text
