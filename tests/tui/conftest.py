"""Helpers for driving the app: build it on an isolated index and session, wait for workers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
from textual.worker import WorkerCancelled

from tui.app import BriefingApp
from tui.screens.browse import BrowseScreen
from tui.widgets.detail_panel import DetailPanel
from tui.widgets.filter_list import FilterList
from tui.widgets.results_list import ResultsList
from tui.widgets.search_bar import SearchBar


@pytest.fixture
def index_copy(seed_index_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the seed index, so a test may change it."""
    target = tmp_path / "index"
    shutil.copytree(seed_index_dir, target)
    return target


@pytest.fixture
def make_app(index_copy: Path, tmp_path: Path):
    def make(index_dir: Path | None = None, session: Path | None = None) -> BriefingApp:
        return BriefingApp(index_dir or index_copy, session or tmp_path / "session.json",
                           watch_seconds=0.2)
    return make


async def settle(pilot: Pilot) -> None:
    """Wait until the index is open and every search/detail worker has finished."""
    app = pilot.app
    for _ in range(100):
        await pilot.pause(0.02)
        if getattr(app, "index", None) is not None:
            break
    for _ in range(5):
        await _workers_done(app)
        await pilot.pause(0.05)
    for _ in range(100):  # other outlets' reports are looked up once the cursor rests
        panels = app.screen.query(DetailPanel)
        if not panels or not panels.first().related_pending:
            break
        await pilot.pause(0.05)
        await _workers_done(app)
    await pilot.pause()


async def _workers_done(app) -> None:
    """A search cancels a running look-up of other outlets' reports: cancelled is done too."""
    try:
        await app.workers.wait_for_complete()
    except WorkerCancelled:
        await app.workers.wait_for_complete()


async def type_query(pilot: Pilot, text: str) -> None:
    await pilot.press("slash")
    field = pilot.app.screen.query_one("#query", Input)
    field.value = ""
    await pilot.press(*text) if text else None
    await pilot.pause(0.2)  # the debounce
    await settle(pilot)


def browse(pilot: Pilot) -> BrowseScreen:
    screen = pilot.app.screen
    assert isinstance(screen, BrowseScreen), type(screen)
    return screen


def results(pilot: Pilot) -> ResultsList:
    return browse(pilot).query_one(ResultsList)


def filters(pilot: Pilot) -> FilterList:
    return browse(pilot).query_one(FilterList)


def detail(pilot: Pilot) -> DetailPanel:
    return browse(pilot).query_one(DetailPanel)


def status(pilot: Pilot) -> tuple[str, str]:
    bar = browse(pilot).query_one(SearchBar)
    return bar.status_text, bar.status_kind
