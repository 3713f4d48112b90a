"""Renaming or merging a speaker in the browser: `e` on a speaker in the filter pane."""

from __future__ import annotations

from textual.widgets import Input

from index import renames
from tui.screens.speaker_name import SpeakerNameScreen

from .conftest import browse, filters, results, settle


def _highlight(pilot, facet: str, label: str) -> None:
    pane = filters(pilot)
    pane.focus()
    pane.highlighted = next(i for i, row in enumerate(pane.rows)
                            if not row.heading and (row.facet, row.label) == (facet, label))


async def _rename(pilot, old: str, new: str) -> None:
    _highlight(pilot, "speaker", old)
    await pilot.press("e")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, SpeakerNameScreen)
    assert form.query_one("#speaker-name", Input).value == old
    form.query_one("#speaker-name", Input).value = new
    await pilot.press("enter")
    await settle(pilot)


async def test_e_renames_a_chosen_speaker_and_merges_into_an_existing_one(make_app, index_copy):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        filters(pilot).toggle("speaker", "Joe Biden")
        await settle(pilot)
        shown = results(pilot).hits
        assert shown and all("Joe Biden" in h.speakers for h in shown)
        await _rename(pilot, "Joe Biden", "President Biden")
        assert filters(pilot).selected["speaker"] == ["President Biden"]
        assert {h.id for h in results(pilot).hits} == {h.id for h in shown}
        assert all("President Biden" in h.speakers for h in results(pilot).hits)
        assert "Joe Biden" not in filters(pilot)._facets["speaker"]
        filters(pilot).clear()
        await settle(pilot)
        blinken = filters(pilot)._facets["speaker"]["Antony Blinken"]
        await _rename(pilot, "President Biden", "Antony Blinken")
        facets = filters(pilot)._facets["speaker"]
        assert "President Biden" not in facets and facets["Antony Blinken"] > blinken
        assert browse(pilot) is app.screen
    assert renames.load(index_copy) == {"Joe Biden": "President Biden",
                                        "President Biden": "Antony Blinken"}


async def test_e_on_a_topic_or_outlet_only_says_what_it_does(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        _highlight(pilot, "outlet", "The Hill")
        await pilot.press("e")
        await pilot.pause()
        assert browse(pilot) is app.screen
        assert any("renames a speaker" in str(n.message) for n in app._notifications)
