"""The pinned briefing: paragraphs the user collected, in the order they were pinned."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

import index

from .. import render
from ..widgets.keyed_list import KeyedList
from .note import NoteScreen

if TYPE_CHECKING:
    from ..app import BriefingApp


class PinnedList(KeyedList):
    DEFAULT_CSS = """
    PinnedList { height: 1fr; border: round $accent; }
    PinnedList > .option-list--option { padding: 0 1; }
    """


class PinnedScreen(Screen[None]):
    BINDING_GROUP_TITLE = "Briefing"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="briefing.back"),
        Binding("x,delete", "unpin", "Unpin", id="briefing.unpin"),
        Binding("e", "export", "Export Markdown", id="briefing.export"),
        Binding("n", "note", "Note", id="briefing.note",
                tooltip="Note on the paragraph, carried by every export"),
    ]

    DEFAULT_CSS = """
    PinnedScreen #pinned-title { height: 1; padding: 0 2; text-style: bold; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[str, index.Hit | None]] = []

    @property
    def briefing(self) -> BriefingApp:
        return cast("BriefingApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(render.plain(""), id="pinned-title")
        yield PinnedList(id="pinned")
        yield Footer()

    def on_mount(self) -> None:
        self.items = list(self.briefing.pinned_hits().items())
        self._show()
        self.query_one(PinnedList).focus()

    def _show(self, keep: int = 0) -> None:
        title = self.query_one("#pinned-title", Static)
        view = self.query_one(PinnedList)
        count = len(self.items)
        title.update(render.plain(f"Pinned briefing — {count} paragraph" + ("" if count == 1 else "s")))
        if not self.items:
            view.set_options([Option(render.plain(
                "Nothing pinned yet. Press p on a result or in an article to pin a paragraph.",
                "dim"), disabled=True)])
            return
        view.set_options([Option(render.spaced(self._row(pid, hit))) for pid, hit in self.items])
        view.highlighted = min(keep, len(self.items) - 1)

    def _row(self, pid: str, hit: index.Hit | None) -> Content:
        if hit is None:
            return render.plain(f"{pid} — no longer in the index (x removes it)", "dim")
        speakers = hit.speakers
        lines = [render.hit_heading(hit), render.plain(hit.text)]
        note = self.briefing.session.notes.get(pid)
        if note:
            lines.append(render.plain(f"Note: {note}", "bold $text-accent"))
        if speakers:
            lines.append(render.plain("claims by " + ", ".join(speakers), "dim italic"))
        return Content("\n").join(lines)

    def _current(self) -> int | None:
        position = self.query_one(PinnedList).highlighted
        if position is None or not self.items or position >= len(self.items):
            return None
        return position

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        position = self._current()
        if position is not None and self.items[position][1] is not None:
            hit = self.items[position][1]
            assert hit is not None
            self.briefing.open_article(hit.article_id, hit.id)

    def action_unpin(self) -> None:
        position = self._current()
        if position is None:
            return
        pid, _ = self.items.pop(position)
        self.briefing.unpin(pid)
        self._show(keep=position)

    def action_note(self) -> None:
        position = self._current()
        if position is None:
            return
        pid, hit = self.items[position]
        title = hit.title if hit is not None else pid

        def saved(note: str | None) -> None:
            if note is not None:
                self.briefing.set_note(pid, note)
                self._show(keep=position)

        self.app.push_screen(NoteScreen(title, self.briefing.session.notes.get(pid, "")), saved)

    def action_export(self) -> None:
        self.briefing.export_pinned("md")
