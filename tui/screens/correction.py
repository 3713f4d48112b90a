"""A form to set or correct an article's title, outlet, date and URL (``m`` in the article view).

The values go to the index's ``corrections.json`` through ``BriefingIndex.correct``, as with
``briefing meta``: only the article's file is re-indexed, and the correction outlives later
updates. Only fields the user changed are recorded, so a later manifest still fills the rest.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

import index

from .. import render

FIELDS = (("title", "Title"), ("outlet", "Outlet"), ("date", "Date (YYYY-MM-DD)"), ("url", "URL"))


class CorrectionScreen(ModalScreen["index.Metadata | None"]):
    """Dismissed with the correction to record, or ``None`` when cancelled or unchanged."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="correction.cancel"),
        Binding("ctrl+s", "save", "Save", id="correction.save"),
    ]
    DEFAULT_CSS = """
    CorrectionScreen { align: center middle; }
    CorrectionScreen > Vertical { width: 76; max-width: 100%; height: auto; max-height: 100%;
                                  border: round $accent; padding: 0 1; background: $surface; }
    CorrectionScreen Input { border: none; height: 1; padding: 0 1; margin-bottom: 1;
                             background: $boost; }
    CorrectionScreen Input:focus { border: none; background: $primary 30%; }
    CorrectionScreen #correction-error { color: $text-error; height: auto; }
    CorrectionScreen #correction-help { color: $text-muted; height: auto; }
    """

    def __init__(self, hit: index.Hit) -> None:
        super().__init__()
        self.hit = hit
        known = dict(hit.provenance)
        self.before = {
            "title": hit.title,
            "outlet": hit.outlet if hit.outlet_known else "",
            "date": hit.date,
            "url": hit.url,
        }
        self.origins = {name: known.get(name, "unknown") for name, _ in FIELDS}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(render.plain(f"Correct {self.hit.path}", "bold"), id="correction-heading")
            for name, label in FIELDS:
                yield Label(render.plain(f"{label} — now {self.origins[name]}"))
                yield Input(value=index.sanitize_display(self.before[name]), id=f"correction-{name}",
                            placeholder=label)
            yield Static("", id="correction-error")
            yield Static(render.plain("enter or ctrl+s saves · escape cancels"), id="correction-help")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        changed = {name: self.query_one(f"#correction-{name}", Input).value for name, _ in FIELDS}
        changed = {name: value for name, value in changed.items()
                   if value.strip() and value.strip() != self.before[name]}
        if not changed:
            self.dismiss(None)
            return
        try:
            correction = index.validated_correction(**changed)
        except index.QueryError as exc:
            self.query_one("#correction-error", Static).update(render.plain(str(exc)))
            return
        self.dismiss(correction)
