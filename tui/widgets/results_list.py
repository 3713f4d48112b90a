"""One row per paragraph hit: outlet, date, title and the highlighted fragment.

An ``OptionList`` renders only the lines in view, so thousands of rows cost no widgets; hits
arrive a page at a time and the next page is asked for when the cursor reaches the end.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import replace
from typing import Any

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

import index

from .. import render
from .keyed_list import KeyedList

# The list measures and the search highlights every row it is given, so each row costs every
# keystroke: at 156,000 paragraphs a common word's keystroke took 132 ms at p50 with 60 rows,
# 39 ms with 20 and 36 ms with 12. A page is the least that fills the list.
PAGE_SIZE = 10  # the least, for a small terminal
LINES_PER_HIT = 3


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

    class WindowWanted(Message):
        """The cursor went past the hits listed: list ``limit`` hits from hit ``offset`` on
        (0-based among all hits). The cursor then goes to hit ``target`` when it is given."""

        def __init__(self, offset: int, limit: int, target: int | None = None) -> None:
            super().__init__()
            self.offset = offset
            self.limit = limit
            self.target = target

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.border_title = "Results"
        self.hits: tuple[index.Hit, ...] = ()
        self.total = 0
        self.window_start = 0  # hits[0] is hit number window_start + 1 of total
        self._target: int | None = None
        self._rows: tuple[tuple[index.Hit, bool], ...] = ()
        self.one_line = False

    @property
    def page_size(self) -> int:
        """A page holds a few more hits than the list shows (a hit takes three lines or more,
        one in the compact layout)."""
        return max(PAGE_SIZE, self.size.height // self._lines_per_hit)

    @property
    def _lines_per_hit(self) -> int:
        return 1 if self.one_line else LINES_PER_HIT

    def set_compact(self, compact: bool) -> None:
        """One line a hit (outlet · date · title), so a short terminal lists five or more."""
        if compact != self.one_line:
            self.one_line = compact
            self._redraw()

    def on_resize(self) -> None:
        if self.one_line:
            self._redraw()  # the rows are cut to the width

    def _redraw(self) -> None:
        if self.hits:
            at = self.highlighted
            self.set_options([Option(self._prompt(h, pinned))
                              for h, (_, pinned) in zip(self.hits, self._rows, strict=True)])
            self.highlighted = at

    def _prompt(self, hit: index.Hit, pinned: bool) -> Content:
        if self.one_line:
            width = max(10, self.scrollable_content_region.width - 2)  # less the padding
            return render.hit_line(hit, pinned).truncate(width, ellipsis=True)
        return render.spaced(render.hit_row(hit, pinned))

    def show(self, hits: Sequence[index.Hit], total: int, pinned: Container[str],
             keep: str | None = None, offset: int = 0) -> None:
        """Replace the rows; the cursor stays on ``keep`` (a paragraph id) when still listed,
        or goes where a key asked for more hits to go.

        Rows that would look the same as those listed are left alone: typing on through a word
        ("clint", "clinto", "clinton") often ranks the same hits, and redrawing them costs a
        keystroke 10-20 ms at 120x40.
        """
        self.total = total
        target, self._target = self._target, None
        rows = tuple((replace(h, score=0.0), h.id in pinned) for h in hits)
        if rows == self._rows and offset == self.window_start and target is None:
            self.hits = tuple(hits)  # the new scores
            self._show_position()
            return
        self.hits = tuple(hits)
        self.window_start = offset
        self._rows = rows
        self.set_options([Option(self._prompt(h, is_pinned)) for h, is_pinned in rows])
        ids = [h.id for h in self.hits]
        if target is not None and ids:
            self.highlighted = min(max(target - offset, 0), len(ids) - 1)
        else:
            self.highlighted = ids.index(keep) if keep in ids else (0 if ids else None)
        if not ids:
            self.post_message(self.HitHighlighted(None))
        self._show_position()

    def _show_position(self) -> None:
        at = self.highlighted
        subtitle = (f"{self.window_start + at + 1:,} of {self.total:,}"
                    if at is not None and self.hits else "")
        if subtitle != self.border_subtitle:  # setting it repaints the list, even unchanged
            self.border_subtitle = subtitle

    def mark_pinned(self, pinned: Container[str]) -> None:
        for i, hit in enumerate(self.hits):
            self.replace_option_prompt_at_index(
                i, self._prompt(hit, hit.id in pinned))
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
        if event.option_index >= len(self.hits) - 1 and self._more_below:
            self._want(self.window_start, len(self.hits) + self.page_size)
        elif event.option_index == 0 and self.window_start > 0:
            self._want_above(target=None)

    # -- keys that go past the hits listed ----------------------------------------------------

    @property
    def _more_below(self) -> bool:
        return self.window_start + len(self.hits) < self.total

    def _want(self, offset: int, limit: int, target: int | None = None) -> None:
        if self._target is None:  # one request at a time; the screen coalesces searches
            self._target = target
            self.post_message(self.WindowWanted(offset, limit, target))

    def _want_above(self, target: int | None) -> None:
        """A page above the listed ones joins the list (the cursor stays on its hit)."""
        start = max(0, self.window_start - self.page_size)
        self._want(start, len(self.hits) + self.window_start - start, target)

    def action_last(self) -> None:
        """The real last hit: its page is read, not every hit before it."""
        if self._more_below:
            start = max(0, self.total - self.page_size)
            self._want(start, self.total - start, self.total - 1)
        else:
            super().action_last()

    def action_first(self) -> None:
        if self.window_start > 0:
            self._want(0, self.page_size, 0)
        else:
            super().action_first()

    def action_page_down(self) -> None:
        at = self.window_start + (self.highlighted or 0)
        step = max(1, self.scrollable_content_region.height // LINES_PER_HIT)
        if self._more_below and at + step >= self.window_start + len(self.hits) - 1:
            wanted = min(self.total - 1, at + step)
            self._want(self.window_start, wanted - self.window_start + self.page_size, wanted)
        else:
            super().action_page_down()

    def action_page_up(self) -> None:
        at = self.window_start + (self.highlighted or 0)
        step = max(1, self.scrollable_content_region.height // LINES_PER_HIT)
        if self.window_start > 0 and at - step < self.window_start:
            self._want_above(max(0, at - step))
        else:
            super().action_page_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.current is not None:
            self.post_message(self.HitChosen(self.current))
