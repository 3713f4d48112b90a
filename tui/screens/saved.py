"""Saved searches of this index: enter reopens one, x deletes it."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from .. import render
from ..widgets.keyed_list import KeyedList

if TYPE_CHECKING:
    from ..app import BriefingApp


class SavedScreen(ModalScreen[str | None]):
    """Dismissed with the chosen name, or ``None``."""

    BINDINGS = [
        Binding("escape", "dismiss_none", "Close", id="saved.close"),
        Binding("x,delete", "delete", "Delete", id="saved.delete"),
    ]

    DEFAULT_CSS = """
    SavedScreen { align: center middle; }
    SavedScreen > Vertical { width: 80%; max-width: 90; height: auto; max-height: 80%;
                             border: round $accent; background: $surface; }
    SavedScreen OptionList { height: auto; max-height: 20; border: none; }
    """

    @property
    def briefing(self) -> BriefingApp:
        return cast("BriefingApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Saved searches — enter opens, x deletes, escape closes"
            yield KeyedList(id="saved")

    def on_mount(self) -> None:
        self._show()
        self.query_one(KeyedList).focus()

    def _show(self) -> None:
        view = self.query_one(KeyedList)
        saved = self.briefing.session.saved
        if not saved:
            view.set_options([Option(render.plain(
                "No saved searches. Press w in the browser to save the current one.", "dim"),
                disabled=True)])
            return
        view.set_options([Option(render.saved_row(name, entry), id=name)
                          for name, entry in saved.items()])
        view.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_delete(self) -> None:
        view = self.query_one(KeyedList)
        if view.highlighted is None or not self.briefing.session.saved:
            return
        name = view.get_option_at_index(view.highlighted).id
        if name is not None:
            self.briefing.delete_saved(name)
            self._show()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
