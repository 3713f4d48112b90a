"""A one-line note on a pinned paragraph: why it matters, what to check. Every export carries it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from .. import render, state


class NoteScreen(ModalScreen[str | None]):
    """Dismissed with the note (empty removes it), or ``None`` when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="note.cancel")]

    DEFAULT_CSS = """
    NoteScreen { align: center middle; }
    NoteScreen > Vertical { width: 80%; max-width: 90; height: auto; border: round $accent;
                            background: $surface; padding: 0 1; }
    NoteScreen Static { height: auto; }
    """

    def __init__(self, title: str, note: str = "", *,
                 heading: str = "Note on the pinned paragraph",
                 placeholder: str = "Why it matters, what to check…") -> None:
        super().__init__()
        self.title_text = title
        self.note = note
        self.heading = heading
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"{self.heading} — enter saves, escape cancels"
            yield Static(render.plain(self.title_text, "dim"))
            yield Input(value=self.note, placeholder=self.placeholder,
                        max_length=state.MAX_TEXT_CHARS, id="note")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
