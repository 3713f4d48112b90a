"""Correcting an article's metadata in the browser: `m` in the article view."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Input, Static

import index
from tui.screens.article import ArticleScreen
from tui.screens.correction import CorrectionScreen
from tui.screens.pinned import PinnedScreen

from ..conftest import SEEDS
from .conftest import browse, detail, filters, results, settle, type_query


def _raw_seed_index(tmp_path: Path) -> Path:
    folder = tmp_path / "pasted"
    folder.mkdir()
    shutil.copy(SEEDS / "the-hill_2021-02-05_blinken-first-call.txt", folder / "blinken-first-call.txt")
    shutil.copy(SEEDS / "sgh-insight_2021-02-10_frosty-yang-blinken-call.txt",
                folder / "frosty-yang-blinken-call.txt")
    index.build_index(tmp_path / "raw-ix", [folder]).close()
    return tmp_path / "raw-ix"


async def _open_hill(pilot) -> ArticleScreen:
    await type_query(pilot, 'outlet:"the hill" uighurs')
    await pilot.press("escape")
    assert results(pilot).current.outlet == "The Hill"
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ArticleScreen)
    return pilot.app.screen


async def _correct(pilot, **values: str) -> None:
    await pilot.press("m")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, CorrectionScreen)
    for name, value in values.items():
        form.query_one(f"#correction-{name}", Input).value = value
    form.query_one("#correction-date", Input).focus()
    await pilot.press("enter")
    await settle(pilot)


async def test_correcting_the_hills_date_shows_in_results_facets_and_export(
        make_app, tmp_path: Path):
    app = make_app(index_dir=_raw_seed_index(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await _open_hill(pilot)
        meta = str(screen.query_one("#article-meta", Static).render())
        assert "date unknown" in meta and "outlet inferred from text" in meta
        await _correct(pilot, date="2021-02-05")
        screen = app.screen
        assert isinstance(screen, ArticleScreen) and screen.paragraphs[0].date == "2021-02-05"
        assert "date from correction" in str(screen.query_one("#article-meta", Static).render())
        await pilot.press("p", "escape")
        await type_query(pilot, "date:2021-02-05")
        assert {h.date for h in results(pilot).hits} == {"2021-02-05"}
        assert set(filters(pilot)._facets["outlet"]) == {"The Hill"}
        assert browse(pilot) is not None
        await pilot.press("escape", "b")
        assert isinstance(app.screen, PinnedScreen)
        await pilot.press("e")
        await pilot.pause()
    exported = next((index.data_dir() / "exports").glob("briefing-*.md")).read_text()
    assert "The Hill, 2021-02-05" in exported and "undated" not in exported


async def test_an_outlet_given_to_an_unknown_source_replaces_its_label(make_app, tmp_path: Path):
    app = make_app(index_dir=_raw_seed_index(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, '"frank and tough"')
        await pilot.press("escape")
        assert results(pilot).current.outlet == "frosty-yang-blinken-call (unknown outlet)"
        await pilot.press("enter")
        await pilot.pause()
        await _correct(pilot, outlet="SGH Insight")
        assert app.screen.paragraphs[0].outlet == "SGH Insight"
        await pilot.press("escape")
        await settle(pilot)
        assert "SGH Insight" in filters(pilot)._facets["outlet"]
        assert results(pilot).current.outlet == "SGH Insight"
        assert detail(pilot).hit.outlet == "SGH Insight"  # the open paragraph's panel too
        assert not any("unknown outlet" in name for name in filters(pilot)._facets["outlet"])


async def test_an_impossible_date_is_refused_in_the_form(make_app, tmp_path: Path):
    app = make_app(index_dir=_raw_seed_index(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _open_hill(pilot)
        await _correct(pilot, date="2016-13-01")
        form = app.screen
        assert isinstance(form, CorrectionScreen)
        assert "not a date" in str(form.query_one("#correction-error", Static).render())
        await pilot.press("escape")
        assert isinstance(app.screen, ArticleScreen)
