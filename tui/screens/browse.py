"""The main screen: search bar, filters, results and the detail panel."""

from __future__ import annotations

import threading
from functools import partial
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import Resize
from textual.geometry import Size
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input
from textual.worker import get_current_worker

import index

from .. import clipboard, state
from ..messages import (
    DetailReady,
    IndexChanged,
    IndexProgress,
    IndexReady,
    ResultsReady,
    SearchFailed,
)
from ..widgets.detail_panel import DetailPanel
from ..widgets.filter_list import FilterList
from ..widgets.results_list import ResultsList
from ..widgets.search_bar import SearchBar
from .note import NoteScreen
from .saved import SavedScreen

if TYPE_CHECKING:
    from ..app import BriefingApp

RELATED_LIMIT = 5
# Other outlets' reports are looked up once the cursor rests: while typing, the top hit changes
# with every key, and each lookup (50-150 ms at 156,000 paragraphs) would slow the next search.
RELATED_DELAY_SECONDS = 0.2
NARROW_WIDTH = 110
# The errors a lenient reading mends (an open phrase or bracket closed): its results are what
# the user is typing towards. Other errors keep the last good results on screen.
SORT_CYCLE = ("relevance", "newest", "oldest")
SORT_LABELS = {"relevance": "", "newest": "Newest first", "oldest": "Oldest first"}
CLOSED_LENIENTLY = ("unbalanced quote", "unbalanced parenthesis")
COMPACT_HEIGHT = 30


class BrowseScreen(Screen[None]):
    """Search as you type. A keystroke searches at once when no search is running; keystrokes
    that arrive during a search are coalesced into one search for the latest text when it ends.
    So the first key paints within a frame, fast typing never queues stale searches (a thread
    cannot be interrupted), and results for old text are dropped on arrival."""

    BINDING_GROUP_TITLE = "Browse"
    BINDINGS = [
        Binding("slash", "focus_search", "Search", id="browse.search"),
        Binding("escape", "leave_search", "Leave search", show=False, id="browse.leave"),
        # Short words in the footer (all of it fits 80 columns); the help shows the tooltips.
        Binding("c", "clear_filters", "Clear", id="browse.clear", tooltip="Clear filters"),
        Binding("s", "speaker_filter", "Speaker", id="browse.speaker",
                tooltip="Speaker filter: the selected claim's speaker"),
        Binding("p", "pin", "Pin", id="browse.pin", tooltip="Pin / unpin the paragraph"),
        Binding("b", "briefing", "Briefing", id="browse.briefing",
                tooltip="Briefing: the pinned paragraphs"),
        Binding("enter", "open", "Open article", show=False, id="browse.open"),
        Binding("u", "open_link", "Open link", show=False, id="browse.link",
                tooltip="Open the paragraph's web page in the browser"),
        Binding("y", "copy_citation", "Copy citation", show=False, id="browse.copy",
                tooltip="Copy the paragraph with outlet, date, title, URL and paragraph number"),
        Binding("w", "save_search", "Save search", show=False, id="browse.save",
                tooltip="Save the query and filters under a name"),
        Binding("r", "saved_searches", "Saved searches", show=False, id="browse.saved",
                tooltip="Saved searches: reopen one (x deletes)"),
        Binding("o", "cycle_sort", "Sort", show=False, id="browse.sort",
                tooltip="Sort: relevance, newest, oldest (shown in the status line)"),
        Binding("v", "toggle_layout", "Layout", show=False, id="browse.layout",
                tooltip="Layout: compact (one line a hit) or roomy"),
    ]

    DEFAULT_CSS = """
    BrowseScreen #main { height: 1fr; }
    BrowseScreen #right { width: 1fr; layout: horizontal; }
    BrowseScreen.-narrow #right { layout: vertical; }
    BrowseScreen.-narrow ResultsList { height: 1fr; width: 1fr; }
    BrowseScreen.-narrow DetailPanel { height: 1fr; width: 1fr; }
    BrowseScreen.-narrow FilterList { width: 22; }
    BrowseScreen.-compact ResultsList { height: 9; }
    BrowseScreen.-compact DetailPanel { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._searching = False
        self._pending = False
        self._limit = 0
        self._window_start = 0  # the results list shows a window of the hits: see ResultsList
        self._keep_cursor = False
        self._related_timer: Timer | None = None
        self._compact: bool | None = None  # None: by the terminal's height

    @property
    def briefing(self) -> BriefingApp:
        return cast("BriefingApp", self.app)

    def compose(self) -> ComposeResult:
        yield SearchBar()
        with Horizontal(id="main"):
            yield FilterList(id="filters")
            with Horizontal(id="right"):
                yield ResultsList(id="results")
                yield DetailPanel(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self._apply_layout(self.app.size)  # before the first frame
        session = self.briefing.session
        bar = self.query_one(SearchBar)
        bar.input.value = session.query
        self.query_one(FilterList).set_selected(
            {"topic": session.topics, "outlet": session.outlets, "speaker": session.speakers,
             "month": session.months})
        bar.show_status("Opening the index…")
        self.query_one(ResultsList).focus()

    def on_resize(self, event: Resize) -> None:
        self._apply_layout(event.size)

    def _apply_layout(self, size: Size) -> None:
        """Below 110 columns the detail panel goes under the results; below 30 rows the
        layout is compact (one line a hit, claims first), so 80x24 lists five hits or more
        and shows the selected paragraph's claims. ``v`` overrides the height rule."""
        compact = size.height < COMPACT_HEIGHT if self._compact is None else self._compact
        self.set_class(size.width < NARROW_WIDTH, "-narrow")
        self.set_class(compact, "-compact")
        self.query_one(SearchBar).set_class(compact, "-compact")
        self.query_one(ResultsList).set_compact(compact)
        self.query_one(DetailPanel).set_compact(compact)

    def action_open_link(self) -> None:
        hit = self.query_one(ResultsList).current
        if hit is None:
            return
        if not hit.url.lower().startswith(clipboard.WEB_SCHEMES):
            self.notify("This paragraph has no web link to open.", markup=False, timeout=3)
            return
        self.notify("Opening the link in your browser…", markup=False, timeout=2)
        # A browser may take a moment to start: never in the keystroke's way.
        threading.Thread(target=clipboard.open_link, args=(hit.url,), daemon=True).start()

    def action_copy_citation(self) -> None:
        hit = self.query_one(ResultsList).current
        if hit is None:
            return
        where = clipboard.copy(clipboard.citation(hit), self.app.copy_to_clipboard)
        self.notify(f"Citation copied ({where}).", markup=False, timeout=3)

    def action_save_search(self) -> None:
        query = self.query_one(SearchBar).input.value
        filters = self.query_one(FilterList).selected_copy()

        def named(name: str | None) -> None:
            if name:
                self.briefing.save_search(name, query, filters)

        self.app.push_screen(NoteScreen(f"“{query}”" if query else "everything", query,
                                        heading="Save this search as",
                                        placeholder="A name for it"), named)

    def action_saved_searches(self) -> None:
        self.app.push_screen(SavedScreen(), self.briefing.open_saved)

    def apply_search(self, query: str, filters: dict[str, list[str]]) -> None:
        """Show a saved search: its query and filters (values this index lacks are dropped)."""
        pane = self.query_one(FilterList)
        pane.set_selected({f: list(filters.get(f, [])) for f in pane.selected})
        bar = self.query_one(SearchBar)
        if bar.input.value != query:
            bar.input.value = query  # searches, as typing does
        else:
            self.search_now()
        self.query_one(ResultsList).focus()

    def action_cycle_sort(self) -> None:
        session = self.briefing.session
        session.sort = SORT_CYCLE[(SORT_CYCLE.index(session.sort) + 1) % len(SORT_CYCLE)]
        self.search_now()

    def action_toggle_layout(self) -> None:
        self._compact = not self.has_class("-compact")
        self._apply_layout(self.app.size)

    # -- index lifecycle (messages from the app's workers) ----------------------------------

    def on_index_progress(self, message: IndexProgress) -> None:
        self.query_one(SearchBar).show_status(
            f"Indexing {message.done}/{message.total} files… {message.path[-60:]}")

    def on_index_ready(self, message: IndexReady) -> None:
        ix = self.briefing.index
        assert ix is not None
        filters = self.query_one(FilterList)
        filters.set_topics(ix.topics.names, ix.topics.files)
        known = {"topic": list(ix.topics.names), "outlet": index.facet_values(ix, "outlet"),
                 "speaker": index.facet_values(ix, "speaker")}
        kept = {f: [v for v in values if f not in known or v in known[f]]
                for f, values in filters.selected.items()}
        if kept != filters.selected:
            filters.set_selected(kept)
            self.notify("Some saved filters no longer exist in this index and were dropped.",
                        markup=False, timeout=4)
        if message.note:
            self.notify(message.note, markup=False, timeout=6)
        self.search_now()

    def on_index_changed(self, message: IndexChanged) -> None:
        if self.briefing.index is not None:
            self.query_one(FilterList).set_topics(self.briefing.index.topics.names,
                                                  self.briefing.index.topics.files)
        if message.summary:
            self.notify(message.summary, markup=False, timeout=6)
        self.search_now(keep_limit=True)

    # -- searching --------------------------------------------------------------------------

    @on(Input.Changed, "#query")
    def _query_edited(self, event: Input.Changed) -> None:
        cleaned = state.clean_input(event.value)
        if cleaned != event.value:  # pasted controls or escape sequences: the same cleaning
            event.input.value = cleaned  # a restored query gets; this edit searches again
            return
        self.search_now()

    @on(Input.Submitted, "#query")
    def _query_submitted(self) -> None:
        self.search_now()
        self.query_one(ResultsList).focus()

    def on_filter_list_changed(self, message: FilterList.Changed) -> None:
        self.search_now()

    def on_filter_list_rename_speaker(self, message: FilterList.RenameSpeaker) -> None:
        """Ask for the speaker's new name; the app records it and re-indexes (``e``)."""
        from .speaker_name import SpeakerNameScreen

        old = message.speaker

        def save(new: str | None) -> None:
            if new is not None:
                self.briefing.rename_speaker(old, new)

        self.app.push_screen(SpeakerNameScreen(old), save)

    def follow_renamed_speaker(self, old: str, new: str) -> None:
        """A chosen speaker that was renamed stays chosen under its new name."""
        pane = self.query_one(FilterList)
        chosen = pane.selected_copy()
        if old in chosen["speaker"]:
            chosen["speaker"] = list(dict.fromkeys(new if s == old else s for s in chosen["speaker"]))
            pane.set_selected(chosen)

    def on_results_list_window_wanted(self, message: ResultsList.WindowWanted) -> None:
        self._window_start, self._limit = message.offset, message.limit
        self._run_search(self.query_one(SearchBar).input.value, keep=True)

    def search_now(self, keep_limit: bool = False) -> None:
        if self.briefing.index is None:
            return
        if not keep_limit:
            self._window_start, self._limit = 0, self.query_one(ResultsList).page_size
        self._run_search(self.query_one(SearchBar).input.value, keep=keep_limit)

    def _run_search(self, text: str, keep: bool) -> None:
        if self._searching:
            self._pending = True
            return
        self._searching = True
        self.briefing.collector.activity()
        self._keep_cursor = keep
        # A keystroke comes first: a lookup of other outlets' reports stops and is redone
        # once the cursor rests again.
        self.workers.cancel_group(self, "detail")
        self.search_worker(text, self.query_one(FilterList).selected_copy(), self._window_start,
                           self._limit, self.briefing.session.sort)

    def _search_done(self) -> None:
        self._searching = False
        if self._pending:
            self._pending = False
            self._run_search(self.query_one(SearchBar).input.value, keep=self._keep_cursor)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def search_worker(self, text: str, filters: dict[str, list[str]], offset: int,
                      limit: int, sort: str) -> None:
        """Always answers with exactly one message, so the next coalesced search can start."""
        self.post_message(_answer(self.briefing.index, text, filters, offset, limit, sort))

    def on_results_ready(self, message: ResultsReady) -> None:
        self._search_done()
        bar = self.query_one(SearchBar)
        if message.query != bar.input.value:
            return  # typed on since; a newer search is coming
        result = message.result
        if message.error and not message.error.startswith(CLOSED_LENIENTLY):
            # "foo:bar" read leniently is everything: the last good results stay, with why.
            bar.show_status(f"{message.error} — showing the last results", "error")
            return
        results = self.query_one(ResultsList)
        keep = results.current.id if (self._keep_cursor and results.current) else None
        results.show(result.hits, result.distinct, set(self.briefing.session.pins), keep=keep,
                     offset=message.offset)
        self.query_one(FilterList).set_facets(result.facets)
        bar.show_count(result.distinct, len(result.hits), result.total)
        # In this frame, not when the list's highlight message arrives: one layout pass and
        # one paint for list and panel together (a second pass cost the next keystroke ~3 ms).
        self._show_detail(results.current)
        if message.error:
            bar.show_status(f"{message.error} — showing results as if it were closed", "error")
        elif result.total == 0 and result.suggestion:
            bar.show_status(f"No matches. Did you mean: {result.suggestion}", "suggestion")
        elif result.total == 0:
            bar.show_status("No matches." + (" Press c to clear the filters."
                                              if self._has_filters() else ""))
        else:
            bar.show_status(self._describe_view(message.query))
        self.briefing.remember(query=message.query, filters=self.query_one(FilterList).selected_copy())

    def on_search_failed(self, message: SearchFailed) -> None:
        self._search_done()
        if message.query == self.query_one(SearchBar).input.value:
            self.query_one(SearchBar).show_status(f"{message.error} — showing the last results",
                                                  "error")

    def _has_filters(self) -> bool:
        return any(self.query_one(FilterList).selected.values())

    def _describe_view(self, query: str) -> str:
        """The order (o changes it) and the filters: what the list shows, in one line."""
        sort = self.briefing.session.sort
        order = SORT_LABELS[sort] or ("By relevance" if query.strip() else "Newest first")
        selected = self.query_one(FilterList).selected
        parts = [f"{name}: {' or '.join(values)}" for name, values in
                 (("topic", selected["topic"]), ("month", selected["month"]),
                  ("outlet", selected["outlet"]), ("speaker", selected["speaker"])) if values]
        return f"{order} (o) · Filtered by " + "; ".join(parts) if parts else f"{order} (o)"

    # -- the selected hit -------------------------------------------------------------------

    def on_results_list_hit_highlighted(self, message: ResultsList.HitHighlighted) -> None:
        self._show_detail(message.hit)

    def _show_detail(self, hit: index.Hit | None) -> None:
        panel = self.query_one(DetailPanel)
        if hit is None:
            if panel.hit is not None:
                panel.show(None)
            return
        if panel.hit is None or panel.hit.id != hit.id or _metadata(panel.hit) != _metadata(hit):
            panel.show(hit, None)  # another paragraph, or this one after a correction
        elif not panel.related_pending:
            return  # typing on usually keeps the top hit: its detail is already complete
        self._look_up_related(hit)  # anew, or again after a search made it give way

    def _look_up_related(self, hit: index.Hit) -> None:
        if self._related_timer is not None:
            self._related_timer.stop()
        self._related_timer = self.set_timer(
            RELATED_DELAY_SECONDS, partial(self._related_if_current, hit))

    def _related_if_current(self, hit: index.Hit) -> None:
        current = self.query_one(ResultsList).current
        if current is None or current.id != hit.id:
            return
        if self._searching:
            self._look_up_related(hit)  # still typing
        else:
            self.detail_worker(hit)

    @work(thread=True, exclusive=True, group="detail", exit_on_error=False)
    def detail_worker(self, hit: index.Hit) -> None:
        ix = self.briefing.index
        if ix is None:
            return
        worker = get_current_worker()
        try:
            found = index.related(ix, hit.id, limit=RELATED_LIMIT,
                                  stop=lambda: worker.is_cancelled)
        except index.QueryError:
            found = ()
        try:
            notes = tuple(index.paragraph_notes(ix, hit.id)) if not worker.is_cancelled else ()
        except (OSError, ValueError):  # an unreadable ledger costs the notes, not the panel
            notes = ()
        if not worker.is_cancelled:
            self.post_message(DetailReady(hit, found, notes))

    def on_detail_ready(self, message: DetailReady) -> None:
        current = self.query_one(ResultsList).current
        if current is not None and current.id == message.hit.id:
            self.query_one(DetailPanel).show(current, message.related, message.notes)

    def on_results_list_hit_chosen(self, message: ResultsList.HitChosen) -> None:
        self.briefing.open_article(message.hit.article_id, message.hit.id)

    def on_detail_panel_related_chosen(self, message: DetailPanel.RelatedChosen) -> None:
        self.briefing.open_article(message.hit.article_id, message.hit.id)

    # -- actions ----------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.query_one(SearchBar).input.focus()

    def action_leave_search(self) -> None:
        if self.query_one(SearchBar).input.has_focus:
            self.query_one(ResultsList).focus()

    def action_open(self) -> None:
        hit = self.query_one(ResultsList).current
        if hit is not None:
            self.briefing.open_article(hit.article_id, hit.id)

    def action_clear_filters(self) -> None:
        if self._has_filters():
            self.query_one(FilterList).clear()
        else:
            self.notify("No filters to clear.", markup=False, timeout=2)

    def action_speaker_filter(self) -> None:
        speaker = self.query_one(DetailPanel).selected_speaker()
        if speaker is None:
            self.notify("The selected paragraph has no attributed claim.", markup=False, timeout=3)
            return
        self.query_one(FilterList).choose("speaker", speaker)

    def action_pin(self) -> None:
        hit = self.query_one(ResultsList).current
        if hit is None:
            return
        self.briefing.toggle_pin(hit)
        self.query_one(ResultsList).mark_pinned(set(self.briefing.session.pins))

    def action_briefing(self) -> None:
        self.briefing.action_show_briefing()

    def refresh_pins(self) -> None:
        self.query_one(ResultsList).mark_pinned(set(self.briefing.session.pins))


def _answer(ix: index.BriefingIndex | None, text: str, filters: dict[str, list[str]],
            offset: int, limit: int, sort: str = "relevance") -> ResultsReady | SearchFailed:
    """Strict first; a malformed query is read leniently so its results still show with the
    error. Nothing a query does may end the app, so anything unexpected becomes a message."""
    if ix is None:
        return SearchFailed(text, "the index is not open yet")
    try:
        return ResultsReady(text, _search(ix, text, filters, offset, limit, sort=sort),
                            offset=offset)
    except index.QueryError as exc:
        error = str(exc)
    except Exception as exc:  # a query must never take the app down; say what happened
        return SearchFailed(text, f"search for {text!r} failed: {type(exc).__name__}: {exc}")
    try:
        return ResultsReady(text, _search(ix, text, filters, offset, limit, lenient=True,
                                          sort=sort), error, offset=offset)
    except Exception:  # the strict error is the one worth showing
        return SearchFailed(text, error)


def _search(ix: index.BriefingIndex, text: str, filters: dict[str, list[str]], offset: int,
            limit: int, lenient: bool = False, sort: str = "relevance") -> index.SearchResult:
    return index.search(
        ix, text, topics=filters["topic"], outlets=filters["outlet"], speakers=filters["speaker"],
        months=filters.get("month", ()),
        offset=offset, limit=limit, prefix_last=True, lenient=lenient, sort=sort,
    )


def _metadata(hit: index.Hit) -> tuple[str, ...]:
    return hit.title, hit.outlet, hit.date, hit.url, hit.author
