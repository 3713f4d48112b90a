"""The briefing browser: opens the index, owns the session, and routes between screens."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from rich.console import RenderableType
from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.driver import Driver
from textual.screen import Screen
from textual.theme import Theme
from textual.worker import Worker, WorkerState

import index

from . import render, state
from .collector import PausedCollector
from .commands import BriefingCommands
from .messages import IndexChanged, IndexProgress, IndexReady
from .screens.article import ArticleScreen
from .screens.browse import BrowseScreen
from .screens.help import HelpScreen
from .screens.ledger import LedgerScreen
from .screens.pinned import PinnedScreen
from .widgets.filter_list import FilterList
from .widgets.results_list import ResultsList
from .widgets.search_bar import SearchBar

WATCH_SECONDS = 2.0
SAVE_DELAY_SECONDS = 0.5


class BriefingApp(App[None]):
    """Constructed with its locations, so tests and users can point it anywhere."""

    TITLE = "briefing"
    COMMANDS = App.COMMANDS | {BriefingCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help",
                tooltip="Help: every key and the query language"),
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("l", "show_ledger", "Ledger", id="app.ledger", show=False),
    ]

    def __init__(self, index_dir: Path, session_path: Path | None = None,
                 watch_seconds: float = WATCH_SECONDS) -> None:
        super().__init__()
        self.index_dir = index_dir
        self.session_path = session_path or state.path_for(index_dir)
        self.shared_path = state.default_path()
        self.session, self._session_notes = state.load_for(self.session_path, self.shared_path)
        self.index: index.BriefingIndex | None = None
        self._generation = -1
        self._watch_seconds = watch_seconds
        self._save_timer = None
        self._theme_to_share = ""
        self._reindex_cancel = threading.Event()
        self.collector = PausedCollector()
        self.crashed = False

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver, except on Linux/macOS terminals: one whose input thread survives
        invalid UTF-8 (``tui/driver.py``). ``TEXTUAL_DRIVER`` and headless tests still win."""
        default = super().get_driver_class()
        chosen = os.environ.get("TEXTUAL_DRIVER")
        if not chosen and (default.__module__, default.__name__) == (
                "textual.drivers.linux_driver", "LinuxDriver"):
            from .driver import LenientLinuxDriver  # imports termios: not on Windows

            return LenientLinuxDriver
        return default

    def panic(self, *renderables: RenderableType) -> None:
        """Textual ends the app on an error it cannot handle (a worker's is a message, not
        this) but leaves the exit status 0; the command must say it failed."""
        self.crashed = True
        super().panic(*renderables)

    # -- start and stop ---------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.session.theme in self.available_themes:
            self.theme = self.session.theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.push_screen(BrowseScreen())
        for note in self._session_notes:
            self.notify(note, severity="warning", markup=False)
        self.open_worker()

    def on_unmount(self) -> None:
        self._reindex_cancel.set()
        self._save_now()
        if self.index is not None:
            self.index.close()
        self.collector.stop()

    @property
    def browse(self) -> BrowseScreen:
        return next(s for s in self.screen_stack if isinstance(s, BrowseScreen))

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def open_worker(self) -> None:
        notes: list[str] = []
        ix = index.open_index(self.index_dir, progress=self._relay_progress, notify=notes.append)
        notes += [f"{reason}; left out until the next re-index." for reason in ix.topics.refused]
        index.prepare(ix)
        self.call_from_thread(self._opened, ix, " ".join(notes) or None)

    def _opened(self, ix: index.BriefingIndex, note: str | None) -> None:
        self.index = ix
        self._generation = ix.generation()
        # What exists now (the index's caches, the widgets) lives as long as the app; a full
        # collection scanning it took 50 ms in the middle of a keystroke at 156,000 paragraphs.
        self.collector.start()
        self.set_interval(self.collector.pause_seconds, self.collector.collect_if_paused)
        self.browse.post_message(IndexReady(note))
        self.set_interval(self._watch_seconds, self.watch_worker)
        self.ledger_worker(ix)

    @work(thread=True, exclusive=True, group="ledger-load", exit_on_error=False)
    def ledger_worker(self, ix: index.BriefingIndex) -> None:
        """Read the claim ledger ahead of the first ledger view or detail-panel note (seconds
        on a large index; a search never waits for it)."""
        index.load_ledger(ix)

    def _relay_progress(self, done: int, total: int, path: str) -> None:
        self.browse.post_message(IndexProgress(done, total, path))

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def watch_worker(self) -> None:
        """Another process may re-index this index; its commit shows up as a new generation."""
        if self.index is None:
            return
        generation = self.index.generation()
        if generation != self._generation:
            self._generation = generation
            self.browse.post_message(IndexChanged("The index changed on disk: results updated."))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every worker error ends here as a message, never as a crash."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        text = str(error) if isinstance(error, index.BriefingError) else (
            f"{type(error).__name__}: {error}")
        if event.worker.group == "index":
            self.browse.query_one(SearchBar).show_status(f"Cannot open the index: {text}", "error")
        self.notify(text, title=f"{event.worker.group} failed", severity="error", markup=False,
                    timeout=10)

    # -- session ----------------------------------------------------------------------------

    def remember(self, *, query: str, filters: dict[str, list[str]]) -> None:
        self.session.query = query
        self.session.topics = filters.get("topic", [])
        self.session.outlets = filters.get("outlet", [])
        self.session.speakers = filters.get("speaker", [])
        self.session.months = filters.get("month", [])
        self._save_soon()

    def _theme_changed(self, theme: Theme) -> None:
        self.session.theme = theme.name
        self._save_soon()
        self._theme_to_share = theme.name  # a new index starts with it

    def _save_soon(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY_SECONDS, self._save_now)

    def _save_now(self) -> None:
        try:
            state.save(self.session_path, self.session)
            if self._theme_to_share:
                state.save(self.shared_path, state.Session(theme=self._theme_to_share))
                self._theme_to_share = ""
        except OSError as exc:
            self.notify(f"could not save the session to {self.session_path}: {exc}",
                        severity="warning", markup=False)

    # -- pins -------------------------------------------------------------------------------

    def toggle_pin(self, hit: index.Hit) -> None:
        pinned = self.session.toggle_pin(hit.id)
        self.notify(("Pinned" if pinned else "Unpinned") + f" ¶{hit.paragraph} of "
                    f"{index.sanitize_display(hit.title)[:60]}", markup=False, timeout=2)
        self._pins_changed()

    def save_search(self, name: str, query: str, filters: dict[str, list[str]]) -> None:
        """Keep the query and filters under ``name`` (this index's; a name is replaced)."""
        name = state.clean_input(name).strip()
        if not name:
            return
        self.session.saved[name] = {"query": query, **{f: list(filters.get(f, []))
                                                      for f in state.SAVED_FACETS}}
        self._save_soon()
        self.notify(f"Saved the search as {name!r}. Press r to reopen it.", markup=False,
                    timeout=3)

    def delete_saved(self, name: str) -> None:
        self.session.saved.pop(name, None)
        self._save_soon()

    def open_saved(self, name: str | None) -> None:
        entry = self.session.saved.get(name or "")
        if entry is not None:
            self._back_to_browse().apply_search(entry["query"], entry)

    def set_note(self, paragraph_id: str, note: str) -> None:
        """The analyst's note on a pinned paragraph; every export carries it."""
        note = state.clean_input(note).strip()
        if note:
            self.session.notes[paragraph_id] = note
        else:
            self.session.notes.pop(paragraph_id, None)
        self._save_soon()

    def unpin(self, paragraph_id: str) -> None:
        self.session.notes.pop(paragraph_id, None)
        if paragraph_id in self.session.pins:
            self.session.pins.remove(paragraph_id)
        self._pins_changed()

    def _pins_changed(self) -> None:
        self._save_soon()
        self.browse.refresh_pins()

    def pinned_hits(self) -> dict[str, index.Hit | None]:
        """The pinned paragraphs in pin order; ``None`` for those no longer indexed."""
        if self.index is None:
            return dict.fromkeys(self.session.pins)
        return index.find_paragraphs(self.index, self.session.pins)

    def export_pinned(self, fmt: str) -> None:
        hits = [h for h in self.pinned_hits().values() if h is not None]
        if not hits:
            self.notify("Nothing pinned to export. Press p on a paragraph to pin it.",
                        markup=False, timeout=4)
            return
        folder = index.data_dir() / "exports"
        target = folder / f"briefing-{datetime.now():%Y%m%d-%H%M%S}.{fmt}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            notes = {h.id: index.paragraph_notes(self.index, h.id) for h in hits}
            target.write_text(index.render_briefing(hits, fmt, title="Pinned briefing",
                                                    group_by="none", notes=notes,
                                                    annotations=self.session.notes),
                              encoding="utf-8")
        except OSError as exc:
            self.notify(f"could not write {target}: {exc}", severity="error", markup=False)
            return
        self.notify(f"Exported {render.count(len(hits), 'paragraph')} to {target}", markup=False,
                    timeout=8)

    # -- navigation -------------------------------------------------------------------------

    def open_article(self, article_id: str, paragraph_id: str) -> None:
        if self.index is None:
            return
        paragraphs = index.get_article(self.index, article_id)
        if not paragraphs:
            self.notify("That article is no longer in the index.", markup=False)
            return
        while isinstance(self.screen, ArticleScreen):
            self.pop_screen()
        self.push_screen(ArticleScreen(paragraphs, paragraph_id))

    def _back_to_browse(self) -> BrowseScreen:
        while not isinstance(self.screen, BrowseScreen):
            self.pop_screen()
        return self.browse

    def toggle_filter(self, facet: str, value: str) -> None:
        self._back_to_browse().query_one(FilterList).toggle(facet, value)

    def filter_by_speaker(self, speaker: str) -> None:
        browse = self._back_to_browse()
        browse.query_one(FilterList).choose("speaker", speaker)
        browse.query_one(ResultsList).focus()

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self._binding_groups()))

    def _binding_groups(self) -> Iterable[tuple[str, list[Binding]]]:
        return [
            ("Browse", _bindings(BrowseScreen, FilterList)),
            ("Article", _bindings(ArticleScreen)),
            ("Pinned briefing", _bindings(PinnedScreen)),
            ("Claim ledger", _bindings(LedgerScreen)),
            ("App", _bindings(BriefingApp)),
        ]

    def action_show_briefing(self) -> None:
        if not isinstance(self.screen, PinnedScreen):
            self.push_screen(PinnedScreen())

    def action_show_ledger(self) -> None:
        """Statements several outlets report, for the current query and filters (``l``)."""
        if self.index is not None and not isinstance(self.screen, LedgerScreen):
            self.push_screen(LedgerScreen())

    def action_clear_filters(self) -> None:
        self._back_to_browse().action_clear_filters()

    # -- re-indexing ------------------------------------------------------------------------

    def action_reindex(self) -> None:
        if self.index is None:
            return
        self.notify("Re-indexing the sources of this index…", markup=False, timeout=3)
        self.reindex_worker()

    @work(thread=True, exclusive=True, group="reindex", exit_on_error=False)
    def reindex_worker(self) -> None:
        ix = self.index
        assert ix is not None
        sources = [Path(s) for s in ix.sources]
        try:
            report = ix.update(sources, progress=self._relay_progress, cancel=self._reindex_cancel)
        except OSError as exc:  # a full disk or a read-only folder: one line, the index intact
            self.call_from_thread(self.notify, str(index.write_failure(exc, ix.directory)),
                                  title="Re-index failed", severity="error", markup=False,
                                  timeout=10)
            return
        self._generation = ix.generation()
        self.browse.post_message(IndexChanged("Re-indexed: " + report.summary()))

    def correct_article(self, hit: index.Hit, paragraph_id: str, correction: index.Metadata) -> None:
        """Record a metadata correction (as ``briefing meta`` does) and re-index the article's
        file; the article is reopened with the corrected values and the results refreshed."""
        self.notify("Saving the correction…", markup=False, timeout=3)
        self.correction_worker(hit, paragraph_id, correction)

    @work(thread=True, exclusive=True, group="reindex", exit_on_error=False)
    def correction_worker(self, hit: index.Hit, paragraph_id: str,
                          correction: index.Metadata) -> None:
        ix = self.index
        assert ix is not None
        try:
            report = ix.correct([Path(hit.path)], correction)
        except (index.BriefingError, OSError) as exc:
            self.call_from_thread(self.notify, f"Correction not saved: {exc}", markup=False,
                                  severity="error", timeout=8)
            return
        self._generation = ix.generation()
        self.call_from_thread(self._corrected, hit.article_id, paragraph_id, report)

    def _corrected(self, article_id: str, paragraph_id: str, report: index.IndexReport) -> None:
        if isinstance(self.screen, ArticleScreen):
            self.open_article(article_id, paragraph_id)
        self.browse.post_message(IndexChanged("Corrected: " + report.summary()))

    def rename_speaker(self, old: str, new: str) -> None:
        """Record a speaker rename or merge (as ``briefing speakers --rename`` does) and
        re-index the articles quoting the speaker; the results and filters then refresh."""
        self.notify("Renaming the speaker…", markup=False, timeout=3)
        self.speaker_rename_worker(old, new)

    @work(thread=True, exclusive=True, group="reindex", exit_on_error=False)
    def speaker_rename_worker(self, old: str, new: str) -> None:
        ix = self.index
        assert ix is not None
        try:
            report = ix.rename_speaker(old, new)
        except (index.BriefingError, OSError) as exc:
            self.call_from_thread(self.notify, f"Speaker not renamed: {exc}", markup=False,
                                  severity="error", timeout=8)
            return
        self._generation = ix.generation()
        self.call_from_thread(self._speaker_renamed, old, new, report)

    def _speaker_renamed(self, old: str, new: str, report: index.IndexReport) -> None:
        self.browse.follow_renamed_speaker(old, new)
        self.browse.post_message(IndexChanged(
            f"Speaker {index.sanitize_display(old)} → {index.sanitize_display(new)}: {report.summary()}"))

    # -- command palette --------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's "Keys" panel would be a second, partial help next to ours.
        yield from (c for c in super().get_system_commands(screen) if c.title != "Keys")
        yield SystemCommand("Re-index", "Index the sources again (new and changed files)",
                            self.action_reindex)
        yield SystemCommand("Show pinned briefing", "The paragraphs you pinned (b)",
                            self.action_show_briefing)
        for fmt, label in (("md", "Markdown"), ("json", "JSON"), ("csv", "CSV")):
            yield SystemCommand(f"Export pinned briefing as {label}",
                                "Write the pinned paragraphs with citations to the data folder",
                                lambda fmt=fmt: self.export_pinned(fmt))
        yield SystemCommand("Claim ledger", "Statements several outlets report: first report, "
                            "credits, wording (l)", self.action_show_ledger)
        yield SystemCommand("Save this search", "Keep the query and filters under a name (w)",
                            self.browse.action_save_search)
        yield SystemCommand("Saved searches", "Reopen a saved query and its filters (r)",
                            self.browse.action_saved_searches)
        yield SystemCommand("Clear filters", "Remove every topic, outlet and speaker filter (c)",
                            self.action_clear_filters)
        yield SystemCommand("Help: all keys", "Every key and the query language (?)",
                            self.action_help)


def _bindings(*owners: type) -> list[Binding]:
    """The ``Binding`` objects a class declares (BINDINGS may also hold tuples)."""
    return [b for owner in owners for b in getattr(owner, "BINDINGS", []) if isinstance(b, Binding)]
