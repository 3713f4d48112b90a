"""A one-line form to rename a speaker (``e`` on a speaker in the filter pane).

The name goes to the index's ``speakers.json`` through ``BriefingIndex.rename_speaker``, as
with ``briefing speakers --rename``: typing a speaker already listed merges the two, only the
articles quoting the speaker are re-indexed, and the fix outlives later updates and rebuilds.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

import index

from .. import render


class SpeakerNameScreen(ModalScreen["str | None"]):
    """Dismissed with the new name, or ``None`` when cancelled, blank or unchanged."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="speaker_name.cancel"),
        Binding("ctrl+s", "save", "Save", id="speaker_name.save"),
    ]
    DEFAULT_CSS = """
    SpeakerNameScreen { align: center middle; }
    SpeakerNameScreen > Vertical { width: 76; max-width: 100%; height: auto; max-height: 100%;
                                   border: round $accent; padding: 0 1; background: $surface; }
    SpeakerNameScreen Input { border: none; height: 1; padding: 0 1; margin: 1 0;
                              background: $boost; }
    SpeakerNameScreen Input:focus { border: none; background: $primary 30%; }
    SpeakerNameScreen #speaker-name-help { color: $text-muted; height: auto; }
    """

    def __init__(self, name: str) -> None:
        super().__init__()
        self.old = name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(render.plain(f"Rename the speaker {self.old}", "bold"), id="speaker-name-heading")
            yield Input(value=index.sanitize_display(self.old), id="speaker-name",
                        placeholder="New name")
            yield Static(render.plain("an existing speaker's name merges the two · enter saves "
                                      "· escape cancels"), id="speaker-name-help")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        new = " ".join(self.query_one("#speaker-name", Input).value.split())
        self.dismiss(new if new and new != self.old else None)
