"""The query input with its hit count and a one-line status: errors, suggestions, progress."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Static

from .. import render


class SearchBar(Vertical):
    """Search as you type. The screen owns searching; this widget only shows its outcome."""

    DEFAULT_CSS = """
    SearchBar { height: auto; padding: 0 1; }
    SearchBar > Horizontal { height: 3; }
    SearchBar Input { width: 1fr; }
    SearchBar #count { width: auto; min-width: 12; max-width: 50%; padding: 1 0 0 1; color: $text-muted; }
    SearchBar #status { height: 1; color: $text-muted; padding: 0 1; }
    SearchBar #status.-error { color: $error; }
    SearchBar #status.-suggestion { color: $warning; }
    SearchBar.-compact > Horizontal { height: 1; }
    SearchBar.-compact Input { border: none; height: 1; padding: 0 1; }
    SearchBar.-compact #count { padding: 0 0 0 1; }
    """

    status_text = ""
    status_kind = ""
    count_text = ""

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Input(placeholder="Search paragraphs — words, \"phrases\", outlet:hill, "
                        "speaker:yang, date:2021-02 …", id="query")
            yield Static(Content(""), id="count")
        yield Static(Content(""), id="status")

    @property
    def input(self) -> Input:
        return self.query_one("#query", Input)

    def show_count(self, total: int, shown: int, paragraphs: int | None = None) -> None:
        """``total`` distinct hits; ``paragraphs`` counts wire copies too, when there are any."""
        label = f"{total:,} hit" + ("" if total == 1 else "s")
        if shown < total:
            label += f" ({shown:,} listed)"
        if paragraphs is not None and paragraphs > total:
            label += f" · {render.count(paragraphs - total, 'wire copy', 'wire copies')} folded"
        if label != self.count_text:  # an update re-lays the screen out: only when it changed
            self.query_one("#count", Static).update(render.plain(label))
            self.count_text = label

    def show_status(self, message: str, kind: str = "") -> None:
        """``kind`` is "", "error" or "suggestion"; the message is untrusted (it quotes the query)."""
        if (message, kind) == (self.status_text, self.status_kind):
            return
        status = self.query_one("#status", Static)
        status.set_class(kind == "error", "-error")
        status.set_class(kind == "suggestion", "-suggestion")
        status.update(render.plain(message), layout=False)  # one line, always
        self.status_text = message
        self.status_kind = kind
