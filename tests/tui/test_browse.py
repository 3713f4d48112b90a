"""Pilot tests: each key path of the browser, driven as a user would."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

import index
from tui import state
from tui.screens.article import ArticleScreen, ArticleView
from tui.screens.help import HelpScreen
from tui.screens.pinned import PinnedScreen
from tui.widgets.detail_panel import ClaimList, RelatedList
from tui.widgets.filter_list import FilterList

from .conftest import browse, detail, filters, results, settle, status, type_query


async def test_typing_taiwan_shows_both_outlets_and_who_said_what(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Taiwan")
        outlets = {h.outlet for h in results(pilot).hits}
        assert outlets == {"The Hill", "SGH Insight"}
        assert results(pilot).total == 3
        panel = detail(pilot)
        assert panel.hit is not None and panel.hit.id == results(pilot).hits[0].id
        speakers = {c["speaker"] for c in panel.hit.claims}
        assert {"SGH Insight", "Antony Blinken"} <= speakers
        assert panel.query_one(ClaimList).option_count == len(panel.hit.claims)
        # "Also reported by" lists the other outlet's paragraph on the same statement.
        assert panel.related and all(h.outlet != panel.hit.outlet for h in panel.related)
        assert panel.query_one(RelatedList).option_count == len(panel.related)


async def test_other_outlets_are_looked_up_once_the_cursor_rests(make_app, monkeypatch):
    # A rest longer than typing takes on a loaded machine, so "while typing" is still true below.
    monkeypatch.setattr("tui.screens.browse.RELATED_DELAY_SECONDS", 1.0)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Xinjiang")
        await pilot.pause(0.1)
        panel = detail(pilot)
        # While typing, the paragraph and its claims show at once; the lookup waits.
        assert panel.hit is not None and panel.related_pending
        assert "Looking for other outlets" in str(panel.query_one(RelatedList).get_option_at_index(0).prompt)
        await settle(pilot)
        assert not panel.related_pending and panel.hit.id == results(pilot).hits[0].id
        assert panel.related and all(h.outlet != panel.hit.outlet for h in panel.related)


async def test_search_as_you_type_uses_the_last_word_as_a_prefix(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "taiw")
        assert results(pilot).total == 3


async def test_typing_on_keeps_the_list_and_the_cursor_while_the_hits_stay_the_same(make_app):
    """"human" then " r": the second word is too short to match yet, the hits are the same,
    so the rows are not redrawn and the reader's place in the list is kept."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "human")
        listed = results(pilot)
        rows = [listed.get_option_at_index(i) for i in range(listed.option_count)]
        listed.focus()
        await pilot.press("down", "down")
        chosen = listed.current
        await pilot.press("slash", "end", "space", "r")  # "/" selects the query; "end" keeps it
        await settle(pilot)
        assert [listed.get_option_at_index(i) for i in range(listed.option_count)] == rows
        assert listed.current == chosen and detail(pilot).hit == chosen
        assert status(pilot) == ("By relevance (o)", "")
        await pilot.press("i", "g")  # "human rig": now a prefix that narrows and re-ranks
        await settle(pilot)
        assert listed.highlighted == 0 and listed.current is not None
        assert all("rig" in h.text.lower() for h in listed.hits)


async def test_malformed_queries_show_an_inline_error_and_never_crash(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for text in ('"taiwan', "foo:bar", "*wan", "taiwan AND", "[/]", "(", "title:"):
            await type_query(pilot, text)
            message, kind = status(pilot)
            assert kind == "error", (text, message)
            assert app.is_running
        await type_query(pilot, '"taiwan')
        # An open phrase still shows what it would find once closed.
        assert results(pilot).total >= 1


async def test_a_bad_field_keeps_the_last_good_results_with_the_error(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Taiwan")
        shown = [h.id for h in results(pilot).hits]
        assert results(pilot).total == 3
        browse(pilot).query_one("#query", Input).value = "Taiwan foo:bar"  # pasted
        await pilot.pause(0.2)
        await settle(pilot)
        message, kind = status(pilot)
        assert kind == "error" and "foo" in message and "last results" in message
        assert [h.id for h in results(pilot).hits] == shown and results(pilot).total == 3


async def test_no_matches_offers_did_you_mean(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "taiwn xinjian")
        message, kind = status(pilot)
        assert results(pilot).total == 0
        assert kind == "suggestion" and "taiwan" in message.lower()
        await type_query(pilot, "Tiawan")  # one word, still being typed
        message, kind = status(pilot)
        assert kind == "suggestion" and message.endswith("Did you mean: taiwan")


async def test_space_toggles_topic_filters_and_c_clears_them(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        everything = results(pilot).total
        pane = filters(pilot)
        pane.focus()
        pane.highlighted = _position(pane, "topic", "Taiwan")
        await pilot.press("space")
        await settle(pilot)
        assert pane.selected["topic"] == ["Taiwan"]
        assert results(pilot).total == 3
        assert all("Taiwan" in h.topics for h in results(pilot).hits)
        # A second topic widens the set (OR within a section).
        pane.highlighted = _position(pane, "topic", "Xinjiang")
        await pilot.press("space")
        await settle(pilot)
        assert all({"Taiwan", "Xinjiang"} & set(h.topics) for h in results(pilot).hits)
        await pilot.press("c")
        await settle(pilot)
        assert pane.selected == {"topic": [], "month": [], "outlet": [], "speaker": []}
        assert results(pilot).total == everything


async def test_filter_keys_skip_headings_and_a_click_toggles(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = filters(pilot)
        pane.focus()
        await pilot.press("home")
        assert pane.highlighted_key == ("topic", pane.rows[1].label)  # row 0 is "Topics"
        pane.highlighted = _first("outlet", pane) - 2  # the last topic
        await pilot.press("j")  # past the "Outlets" heading
        assert pane.highlighted == _first("outlet", pane)
        await pilot.press("k")
        assert pane.highlighted == _first("outlet", pane) - 2
        await pilot.press("end")
        assert pane.highlighted == len(pane.rows) - 1
        # A click on "The Hill" toggles it, as space does.
        hill = _position(pane, "outlet", "The Hill")
        await pilot.click(FilterList, offset=(5, 1 + hill - pane.scroll_offset.y))
        await settle(pilot)
        assert pane.selected["outlet"] == ["The Hill"]
        assert {h.outlet for h in results(pilot).hits} == {"The Hill"}
        await pilot.click(FilterList, offset=(5, 0))  # the border: nothing happens
        await settle(pilot)
        assert pane.selected["outlet"] == ["The Hill"]


async def test_filter_counts_follow_the_query(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Taiwan")
        counts = {r.label: r.count for r in filters(pilot).rows
                  if r.facet == "outlet" and not r.heading}
        assert counts == {"SGH Insight": 2, "The Hill": 1}


async def test_a_second_outlet_can_be_ticked_after_the_first(make_app):
    """OR within a section: ticking The Hill keeps SGH Insight listed, with what it would add."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Taiwan")
        pane = filters(pilot)
        pane.focus()
        pane.highlighted = _position(pane, "outlet", "The Hill")
        await pilot.press("space")
        await settle(pilot)
        assert {h.outlet for h in results(pilot).hits} == {"The Hill"}
        counts = {r.label: (r.count, r.chosen) for r in pane.rows
                  if r.facet == "outlet" and not r.heading}
        assert counts == {"SGH Insight": (2, False), "The Hill": (1, True)}
        pane.highlighted = _position(pane, "outlet", "SGH Insight")
        await pilot.press("space")
        await settle(pilot)
        assert pane.selected["outlet"] == ["The Hill", "SGH Insight"]
        assert {h.outlet for h in results(pilot).hits} == {"The Hill", "SGH Insight"}
        assert results(pilot).total == 3


async def test_s_filters_by_the_selected_claims_speaker(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, '"frank and tough"')
        await pilot.press("escape")
        claims = detail(pilot).query_one(ClaimList)
        claims.focus()
        speakers = [c["speaker"] for c in detail(pilot).hit.claims]
        claims.highlighted = speakers.index("senior Chinese sources (SGH Insight · 2021-02-10)")
        speaker = detail(pilot).selected_speaker()
        assert speaker == "senior Chinese sources (SGH Insight · 2021-02-10)"
        await pilot.press("s")
        await settle(pilot)
        assert filters(pilot).selected["speaker"] == [speaker]
        assert all(any(c["speaker"] == speaker for c in h.claims) for h in results(pilot).hits)


async def test_enter_opens_the_article_at_the_paragraph_and_escape_returns(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, '"frank and tough"')
        await pilot.press("escape")
        chosen = results(pilot).current
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.current is not None and screen.current.id == chosen.id
        assert screen.query_one(ArticleView).option_count == chosen.paragraphs
        await pilot.press("j")
        assert screen.current.paragraph == chosen.paragraph + 1
        await pilot.press("escape")
        assert browse(pilot) is not None


async def test_also_reported_by_jumps_to_the_other_outlet(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Xinjiang Tibet Hong Kong human rights")
        await pilot.press("escape")
        first = results(pilot).current
        related = detail(pilot).query_one(RelatedList)
        assert detail(pilot).related
        related.focus()
        related.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.current.outlet != first.outlet


async def test_pins_persist_and_the_briefing_lists_them(make_app, tmp_path: Path):
    session_file = tmp_path / "session.json"
    app = make_app(session=session_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Taiwan")
        await pilot.press("escape", "p")
        pinned_id = results(pilot).current.id
        assert app.session.pins == [pinned_id]
        await pilot.press("b")
        assert isinstance(app.screen, PinnedScreen)
        assert [pid for pid, _ in app.screen.items] == [pinned_id]
        await pilot.press("escape")
        await pilot.pause(0.7)  # the session is saved shortly after a change
    saved, problem = state.load(session_file)
    assert problem is None
    assert saved.pins == [pinned_id] and saved.query == "Taiwan"

    again = make_app(session=session_file)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert pilot.app.screen.query_one("#query", Input).value == "Taiwan"
        assert results(pilot).total == 3
        await pilot.press("b")
        await pilot.press("x")
        assert again.session.pins == []


async def test_filters_persist_and_vanished_values_are_dropped(make_app, tmp_path: Path):
    session_file = tmp_path / "session.json"
    state.save(session_file, state.Session(topics=["Taiwan", "Gone topic"], outlets=["Nowhere"]))
    app = make_app(session=session_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert filters(pilot).selected["topic"] == ["Taiwan"]
        assert filters(pilot).selected["outlet"] == []
        assert results(pilot).total == 3


async def test_a_corrupt_session_file_starts_fresh(make_app, tmp_path: Path):
    session_file = tmp_path / "session.json"
    session_file.write_text("{not json")
    app = make_app(session=session_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert results(pilot).total == 28


async def test_help_lists_every_key(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen._body().plain
        for key, meaning in (("/", "Search"), ("c", "Clear filters"), ("s", "Speaker filter"),
                             ("p", "Pin"), ("b", "Briefing"), ("space", "Toggle filter"),
                             ("q", "Quit"), ("ctrl+q", "Quit"), ("tab", "panes"),
                             ("escape", "Back"), ("x / delete", "Unpin"), ("enter", "Open article")):
            assert key in text and meaning in text, (key, meaning)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_q_types_while_searching_and_quits_otherwise(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "iraq")
        assert app.is_running
        assert pilot.app.screen.query_one("#query", Input).value == "iraq"
        await pilot.press("escape", "q")
    assert app.return_code == 0


async def test_results_page_in_as_the_cursor_reaches_the_end(make_app):
    """A page is a little more than the list shows: a taller terminal asks for more."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listed = results(pilot)
        page = len(listed.hits)
        assert listed.total == 28 and listed.size.height // 3 <= page < 28
        listed.focus()
        listed.highlighted = page - 1
        await settle(pilot)
        assert len(listed.hits) == min(2 * page, 28)
    async with make_app().run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        assert len(results(pilot).hits) > page


async def test_end_and_page_down_reach_the_real_last_hit(make_app):
    """End reads the last page, not every hit before it; the position counts all hits; the
    way back up loads the pages in between."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        listed = results(pilot)
        everything = index.search(app.index, "", limit=100, prefix_last=True).hits
        assert listed.total == len(everything) == 28 and len(listed.hits) < 28
        listed.focus()
        await pilot.press("end")
        await settle(pilot)
        assert listed.current.id == everything[-1].id
        assert listed.border_subtitle == "28 of 28"
        assert len(listed.hits) < 28  # only the last page was read
        await pilot.press("home")
        await settle(pilot)
        assert listed.current.id == everything[0].id and listed.border_subtitle == "1 of 28"
        for _ in range(30):
            await pilot.press("pagedown")
            await settle(pilot)
        assert listed.current.id == everything[-1].id
        await pilot.press("end")
        await settle(pilot)
        for _ in range(27):
            await pilot.press("up")
            await settle(pilot)
        assert listed.current.id == everything[0].id
        assert listed.border_subtitle == "1 of 28"


async def test_the_results_border_says_where_the_cursor_is_among_all_hits(make_app):
    """Pages load as the cursor moves, so the position is counted against every hit."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listed = results(pilot)
        assert listed.border_subtitle == "1 of 28"
        listed.focus()
        await pilot.press("down", "down")
        assert listed.border_subtitle == "3 of 28"
        await type_query(pilot, "Taiwan")
        assert listed.border_subtitle == "1 of 3"
        await type_query(pilot, "zzzqqq")
        assert listed.border_subtitle == ""


async def test_filter_rows_take_one_line_and_the_border_says_when_more_are_hidden(make_app):
    """A long topic name is cut with an ellipsis, never wrapped onto a line the list would
    not show; the bottom border points at filters above or below the view."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pane = filters(pilot)
        assert pane.virtual_size.height == len(pane.rows)
        assert pane.border_subtitle == "more ▼"
        pane.focus()
        await pilot.press("end")
        await pilot.pause()
        assert pane.border_subtitle == "▲ more"
    async with make_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert filters(pilot).border_subtitle == ""  # everything fits


async def test_a_reindex_by_another_process_shows_up(make_app, index_copy: Path, seed_copy: Path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "zeppelin")
        assert results(pilot).total == 0
        (seed_copy / "airships.txt").write_text(
            "Airships return\n\nA zeppelin flew over the harbour, officials said.\n")
        with index.BriefingIndex.open(index_copy) as writer:
            writer.update([seed_copy])
        for _ in range(100):
            await pilot.pause(0.1)
            if results(pilot).total:
                break
        await settle(pilot)
        assert results(pilot).total == 1


async def test_export_of_the_pinned_briefing_writes_markdown(make_app, isolated_home: Path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Taiwan")
        await pilot.press("escape", "p")
        app.export_pinned("md")
    written = list((isolated_home / "data" / "exports").glob("briefing-*.md"))
    assert len(written) == 1
    text = written[0].read_text()
    assert "SGH Insight" in text and "2021-02-10" in text and "paragraph 8 of 17" in text


def _position(pane: FilterList, facet: str, value: str) -> int:
    return next(i for i, r in enumerate(pane.rows) if (r.facet, r.label, r.heading) == (facet, value, False))


def _first(facet: str, pane: FilterList) -> int:
    return next(i for i, r in enumerate(pane.rows) if r.facet == facet and not r.heading)


async def test_80x24_lists_five_hits_and_the_claims_and_v_switches_layout(make_app):
    """Below 30 rows the layout is compact: a hit is one line and the claims come first in
    the detail panel, which alone scrolls; v switches to the roomy layout and back."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        listed = results(pilot)
        assert listed.total >= 5
        assert listed.scrollable_content_region.height >= 5
        assert all(listed.get_option_at_index(i).prompt.plain.count("\n") == 0
                   for i in range(5))
        await type_query(pilot, "Taiwan")
        await pilot.press("escape")
        panel = detail(pilot)
        claims = panel.query_one(ClaimList)
        assert claims.region.y < panel.region.bottom - 2  # on screen, not below the fold
        assert not claims.show_vertical_scrollbar  # one scroll bar: the panel's
        await pilot.press("v")
        await pilot.pause()
        assert not browse(pilot).has_class("-compact")
        assert "\n" in listed.get_option_at_index(0).prompt.plain
        await pilot.press("v")
        await pilot.pause()
        assert browse(pilot).has_class("-compact")
    async with make_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not browse(pilot).has_class("-compact")


async def test_the_footer_fits_80_columns_and_help_rows_are_not_repeated(make_app):
    from textual.widgets._footer import FooterKey

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = list(app.screen.query(FooterKey))
        assert keys and all(k.region.right <= 80 and k.region.width >= len(k.description) + 2
                            for k in keys)
        filters(pilot).focus()
        await pilot.pause()
        keys = list(app.screen.query(FooterKey))
        assert all(k.region.right <= 80 for k in keys)
        await pilot.press("question_mark")
        body = app.screen._body().plain
        for section in body.split("\n\n"):  # a key may do the same on two screens
            rows = [line.strip() for line in section.split("\n") if line.strip()]
            assert len(rows) == len(set(rows)), section
        lines = [line.strip() for line in body.split("\n") if line.strip()]
        assert not any(line.endswith((" Down", " Up")) for line in lines)
        assert any(line.startswith("space / enter") for line in lines)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Keys" not in titles and titles.count("Help: all keys") == 1


async def test_counts_are_singular_for_one(make_app):
    from tui import render
    from tui.widgets.search_bar import SearchBar

    assert render.count(1, "paragraph") == "1 paragraph"
    assert render.count(2, "wire copy", "wire copies") == "2 wire copies"
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        bar = browse(pilot).query_one(SearchBar)
        bar.show_count(1, 1, 2)
        assert bar.count_text == "1 hit · 1 wire copy folded"
        bar.show_count(2, 2, 5)
        assert bar.count_text == "2 hits · 3 wire copies folded"


async def test_o_sorts_by_relevance_newest_oldest_and_the_status_line_says_so(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Blinken")
        await pilot.press("escape")
        assert status(pilot)[0].startswith("By relevance")
        by_relevance = [h.id for h in results(pilot).hits]
        await pilot.press("o")
        await settle(pilot)
        assert status(pilot)[0].startswith("Newest first")
        dates = [h.date for h in results(pilot).hits]
        assert dates == sorted(dates, reverse=True) and dates[0] != dates[-1]
        await pilot.press("o")
        await settle(pilot)
        assert status(pilot)[0].startswith("Oldest first")
        dates = [h.date for h in results(pilot).hits]
        assert dates == sorted(dates)
        assert app.session.sort == "oldest"
        await pilot.press("o")
        await settle(pilot)
        assert [h.id for h in results(pilot).hits] == by_relevance


async def test_months_are_a_filter_section_with_live_counts(make_app):
    """The seeds are two articles, February 2021: one month, OR-ed with others like any section."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = filters(pilot)
        months = {r.label: r.count for r in pane.rows if r.facet == "month" and not r.heading}
        assert months == {"2021-02": results(pilot).total}
        await type_query(pilot, "Taiwan")
        months = {r.label: r.count for r in pane.rows if r.facet == "month" and not r.heading}
        assert months == {"2021-02": 3}
        pane.focus()
        pane.highlighted = _position(pane, "month", "2021-02")
        await pilot.press("space")
        await settle(pilot)
        assert pane.selected["month"] == ["2021-02"] and results(pilot).total == 3
        assert "month: 2021-02" in status(pilot)[0]
        assert app.session.months == ["2021-02"]


async def test_u_opens_the_link_and_y_copies_a_citation(make_app, monkeypatch):
    import webbrowser

    from tui import clipboard

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    monkeypatch.setattr(clipboard, "COPY_COMMANDS", ())  # no system tool: the terminal's
    app = make_app()
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, '"frank and tough"')
        await pilot.press("escape")
        hit = results(pilot).current
        await pilot.press("y")
        await pilot.press("u")
        for _ in range(20):
            if opened:
                break
            await pilot.pause(0.05)
    assert copied and copied[0].startswith("“") and hit.outlet in copied[0]
    assert hit.date in copied[0] and f"paragraph {hit.paragraph} of {hit.paragraphs}" in copied[0]
    assert hit.url == "" and opened == []  # the seeds carry no links: nothing to open
    assert clipboard.open_link("https://example.org/a") and opened == ["https://example.org/a"]
    assert not clipboard.open_link("javascript:alert(1)") and len(opened) == 1
    from dataclasses import replace
    linked = clipboard.citation(replace(hit, url="https://example.org/a"))
    assert linked.endswith(f"https://example.org/a, paragraph {hit.paragraph} of {hit.paragraphs}")


async def test_a_reindex_on_a_full_disk_says_so_in_one_line(make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)

        def full_disk(*args, **kwargs):
            raise OSError(28, "No space left on device", str(app.index.directory / "MAIN.tmp"))

        monkeypatch.setattr(app.index, "update", full_disk)
        app.action_reindex()
        await settle(pilot)
        await pilot.pause(0.2)
        shown = [str(n.message) for n in app._notifications]
        assert any(m.startswith("cannot write ") and "No space left on device" in m
                   and "\n" not in m for m in shown)
        assert not any("OSError" in m for m in shown)
