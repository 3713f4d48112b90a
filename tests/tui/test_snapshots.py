"""Snapshots of the main screens at the smallest supported size and a roomy one."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tui.widgets.detail_panel import ClaimList
from tui.widgets.filter_list import FilterList

from .conftest import settle, type_query

SIZES = [(80, 24), (120, 40)]


async def _search_taiwan(pilot: Pilot) -> None:
    await settle(pilot)
    await type_query(pilot, "Taiwan")
    await pilot.press("escape")
    await pilot.pause()


async def _claim_selected(pilot: Pilot) -> None:
    await _search_taiwan(pilot)
    claims = pilot.app.screen.query_one(ClaimList)
    claims.focus()
    claims.highlighted = 1
    await pilot.pause()


async def _article(pilot: Pilot) -> None:
    await _search_taiwan(pilot)
    await pilot.press("enter")
    await pilot.pause(0.2)


async def _help(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("question_mark")
    await settle(pilot)  # the screen behind keeps loading its detail panel


async def _two_outlets(pilot: Pilot) -> None:
    """OR within a section: The Hill ticked, SGH Insight still listed to tick."""
    await _search_taiwan(pilot)
    pane = pilot.app.screen.query_one(FilterList)
    pane.focus()
    pane.highlighted = next(i for i, r in enumerate(pane.rows)
                            if (r.facet, r.label, r.heading) == ("outlet", "The Hill", False))
    await pilot.press("space")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scenario", [_search_taiwan, _claim_selected, _article, _help,
                                      _two_outlets],
                         ids=["main", "detail", "article", "help", "or-filter"])
def test_screens(snap_compare, make_app, size, scenario):
    assert snap_compare(make_app(), terminal_size=size, run_before=scenario)


@pytest.mark.parametrize("theme", ["textual-light", "ansi-dark"])
def test_claim_roles_in_other_themes(snap_compare, make_app, theme):
    """The roles' styles in a light theme and a 16-colour one (the default is above)."""

    async def scenario(pilot: Pilot) -> None:
        pilot.app.theme = theme
        await _claim_selected(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=scenario)
