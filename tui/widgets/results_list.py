"""One row per paragraph hit: outlet, date, title and the highlighted fragment.

An ``OptionList`` renders only the lines in view, so thousands of rows cost no widgets; hits
arrive a page at a time and the next page is asked for when the cursor reaches the end.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import replace
from typing import Any

from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

import index

from .. import render
from .keyed_list import KeyedList


class ResultsList(KeyedList):
    # No scroll bar: a page of hits is a sliver of the total, so the bar misled, and Textual
    # repaints it on every keystroke. The bottom border says where the cursor is among all hits.
    DEFAULT_CSS = """
    ResultsList { width: 1fr; height: 1fr; border: round $panel; scrollbar-size-vertical: 0; }
    ResultsList:focus { border: round $accent; }
    ResultsList > .option-list--option { padding: 0 1; }
    """

    class HitHighlighted(Message):
        """The cursor moved to ``hit`` (``None`` when the list is empty)."""

        def __init__(self, hit: index.Hit | None) -> None:
            super().__init__()
            self.hit = hit

    class HitChosen(Message):
        """Enter or a click on ``hit``: open it."""

        def __init__(self, hit: index.Hit) -> None:
            super().__init__()
            self.hit = hit

    class MoreWanted(Message):
        """The cursor reached the last listed hit and the search has more."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.border_title = "Results"
        self.hits: tuple[index.Hit, ...] = ()
        self.total = 0
        self._rows: tuple[tuple[index.Hit, bool], ...] = ()

    def show(self, hits: Sequence[index.Hit], total: int, pinned: Container[str],
             keep: str | None = None) -> None:
        """Replace the rows; the cursor stays on ``keep`` (a paragraph id) when still listed.

        Rows that would look the same as those listed are left alone: typing on through a word
        ("clint", "clinto", "clinton") often ranks the same hits, and redrawing them costs a
        keystroke 10-20 ms at 120x40.
        """
        self.total = total
        rows = tuple((replace(h, score=0.0), h.id in pinned) for h in hits)
        if rows == self._rows:
            self.hits = tuple(hits)  # the new scores
            self._show_position()
            return
        self.hits = tuple(hits)
        self._rows = rows
        self.set_options([Option(render.spaced(render.hit_row(h, is_pinned)))
                          for h, is_pinned in rows])
        ids = [h.id for h in self.hits]
        self.highlighted = ids.index(keep) if keep in ids else (0 if ids else None)
        if not ids:
            self.post_message(self.HitHighlighted(None))
        self._show_position()

    def _show_position(self) -> None:
        at = self.highlighted
        subtitle = f"{at + 1:,} of {self.total:,}" if at is not None and self.hits else ""
        if subtitle != self.border_subtitle:  # setting it repaints the list, even unchanged
            self.border_subtitle = subtitle

    def mark_pinned(self, pinned: Container[str]) -> None:
        for i, hit in enumerate(self.hits):
            self.replace_option_prompt_at_index(
                i, render.spaced(render.hit_row(hit, hit.id in pinned)))
        self._rows = tuple((replace(h, score=0.0), h.id in pinned) for h in self.hits)

    @property
    def current(self) -> index.Hit | None:
        if self.highlighted is None or not 0 <= self.highlighted < len(self.hits):
            return None
        return self.hits[self.highlighted]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_position()
        self.post_message(self.HitHighlighted(self.current))
        if event.option_index >= len(self.hits) - 1 and len(self.hits) < self.total:
            self.post_message(self.MoreWanted())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.current is not None:
            self.post_message(self.HitChosen(self.current))
