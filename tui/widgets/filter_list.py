"""Topics, outlets and speakers with live counts for the current query; space toggles one,
``e`` renames a speaker (the screen asks for the name and the app records the fix).

Values within a section combine with OR, sections with AND (the search API's rule). Counts
come from the search result's facets, so they always describe the query being shown.

The counts change on every keystroke, so this pane is drawn line by line (Textual's line API)
from rows it keeps as plain tuples, each line built once as a strip and reused while its row
looks the same. As an ``OptionList`` it re-measured and re-rendered ~60 rich options a
keystroke: a fifth of the main thread's time per keystroke at 156,000 paragraphs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import islice
from pathlib import Path
from typing import ClassVar, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

import index

SECTIONS = (("topic", "Topics"), ("month", "Months"), ("outlet", "Outlets"),
            ("speaker", "Speakers"))
MAX_SPEAKERS = 40


class Row(NamedTuple):
    """A section heading (``facet`` only) or one value with its count."""

    facet: str
    label: str
    count: int = 0
    chosen: bool = False
    heading: bool = False


class FilterList(ScrollView, can_focus=True):
    """One focusable pane holding every filter, so tab moves between panes, not sections."""

    BINDINGS = [
        Binding("space", "toggle", "Toggle", id="filters.toggle", tooltip="Toggle filter"),
        Binding("enter", "toggle", "Toggle filter", show=False),
        Binding("e", "rename", "Rename", show=False, id="filters.rename",
                tooltip="Rename the speaker (an existing speaker's name merges the two)"),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "filter-list--heading", "filter-list--cursor", "filter-list--muted",
        "filter-list--chosen",
    }

    # No scroll bar: Textual repaints every scroll bar on each layout pass, and the search
    # bar's input starts one on every keystroke. Arrows in the bottom border say that more
    # filters lie beyond the view instead.
    DEFAULT_CSS = """
    FilterList { width: 28; height: 1fr; border: round $panel; padding: 0;
                 scrollbar-size-vertical: 0; overflow-x: hidden; background: $surface; }
    FilterList:focus { border: round $accent; background-tint: $foreground 5%; }
    FilterList > .filter-list--heading { color: $text-accent; text-style: bold; }
    FilterList > .filter-list--muted { text-style: dim; }
    FilterList > .filter-list--chosen { color: $accent; text-style: bold; }
    FilterList > .filter-list--cursor { color: $block-cursor-blurred-foreground;
                                        background: $block-cursor-blurred-background; }
    FilterList:focus > .filter-list--cursor { color: $block-cursor-foreground;
                                              background: $block-cursor-background;
                                              text-style: $block-cursor-text-style; }
    """

    class Changed(Message):
        """The user toggled a filter; ``selected`` maps section → chosen values."""

        def __init__(self, selected: dict[str, list[str]]) -> None:
            super().__init__()
            self.selected = selected

    class RenameSpeaker(Message):
        """The user asked to rename (or merge) ``speaker``."""

        def __init__(self, speaker: str) -> None:
            super().__init__()
            self.speaker = speaker

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.border_title = "Filters"
        self.selected: dict[str, list[str]] = {facet: [] for facet, _ in SECTIONS}
        self.rows: tuple[Row, ...] = ()
        self.highlighted: int | None = None
        self._topic_names: tuple[str, ...] = ()
        self._topic_heading = "Topics"
        self._facets: Mapping[str, Mapping[str, int]] = {}
        self._lines: LRUCache[tuple[Row, bool, bool, int], Strip] = LRUCache(1024)

    def on_mount(self) -> None:
        self.watch(self, "scroll_y", self._show_overflow, init=False)

    # -- what the screen tells it -----------------------------------------------------------

    def set_topics(self, names: Sequence[str], files: Sequence[str] = ()) -> None:
        """Every configured topic is listed, even at zero, so the user sees what exists; the
        heading names the index's topic file, since topics differ from corpus to corpus."""
        self._topic_names = tuple(names)
        shown = ", ".join(Path(f).name for f in files)
        if shown:
            self._topic_heading = f"Topics · {shown}"
        else:  # an index made before topic files were recorded still has its topics
            self._topic_heading = "Topics · index's own" if names else "Topics · no topic file"
        self._rebuild()

    def set_facets(self, facets: Mapping[str, Mapping[str, int]]) -> None:
        if facets != self._facets:
            self._facets = facets
            self._rebuild()

    def set_selected(self, selected: Mapping[str, Sequence[str]]) -> None:
        self.selected = {facet: list(selected.get(facet, ())) for facet, _ in SECTIONS}
        self._rebuild()

    def clear(self) -> None:
        self.set_selected({})
        self.post_message(self.Changed(self.selected_copy()))

    def choose(self, facet: str, value: str) -> None:
        """Select ``value`` (if not already) and announce the change."""
        if value not in self.selected[facet]:
            self.selected[facet].append(value)
            self._rebuild()
            self.post_message(self.Changed(self.selected_copy()))

    def selected_copy(self) -> dict[str, list[str]]:
        return {facet: list(values) for facet, values in self.selected.items()}

    def toggle(self, facet: str, value: str) -> None:
        """Select or deselect ``value`` and announce the change."""
        chosen = self.selected[facet]
        if value in chosen:
            chosen.remove(value)
        else:
            chosen.append(value)
        self._rebuild()
        self.post_message(self.Changed(self.selected_copy()))

    @property
    def highlighted_key(self) -> tuple[str, str] | None:
        row = self._row_at(self.highlighted)
        return None if row is None or row.heading else (row.facet, row.label)

    # -- keys and mouse ---------------------------------------------------------------------

    def action_toggle(self) -> None:
        key = self.highlighted_key
        if key is not None:
            self.toggle(*key)

    def action_rename(self) -> None:
        key = self.highlighted_key
        if key is not None and key[0] == "speaker":
            self.post_message(self.RenameSpeaker(key[1]))
        else:
            self.notify("e renames a speaker: move to one in the Speakers section first",
                        markup=False, timeout=4)

    def action_cursor(self, step: int) -> None:
        start = self.highlighted if self.highlighted is not None else -step
        self._move_to(self._value_from(start + step, step))

    def action_page(self, direction: int) -> None:
        start = self.highlighted if self.highlighted is not None else 0
        target = start + direction * max(1, self.scrollable_content_region.height - 1)
        target = min(max(target, 0), len(self.rows) - 1)
        self._move_to(self._value_from(target, direction) or self._value_from(target, -direction))

    def action_first(self) -> None:
        self._move_to(self._value_from(0, 1))

    def action_last(self) -> None:
        self._move_to(self._value_from(len(self.rows) - 1, -1))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        position = offset.y + self.scroll_offset.y
        row = self._row_at(position)
        if row is not None and not row.heading:
            self._move_to(position)
            self.toggle(row.facet, row.label)

    # -- drawing ----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        position = y + self.scroll_offset.y
        row = self._row_at(position)
        if row is None:
            return Strip.blank(width, self.rich_style)
        key = (row, position == self.highlighted, self.has_focus, width)
        strip = self._lines.get(key)
        if strip is None:
            strip = self._lines[key] = self._draw(row, key[1], width)
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()  # the theme changed the colours

    def on_resize(self) -> None:
        self._lines.clear()
        self._show_overflow()

    def _draw(self, row: Row, under_cursor: bool, width: int) -> Strip:
        """One line: a heading, or "[x]  12 Name" with the name cut to fit."""
        line = self.rich_style
        if under_cursor:
            line += self.get_component_rich_style("filter-list--cursor", partial=True)

        def styled(name: str) -> Style:
            return line + self.get_component_rich_style(name, partial=True)

        if row.heading:
            label = _one_line(row.label)
            if cell_len(label) > width > 0:
                label = set_cell_size(label, width - 1).rstrip() + "…"
            segments = [Segment(label, styled("filter-list--heading"))]
        else:
            muted = styled("filter-list--muted")
            segments = [
                Segment("[x] " if row.chosen else "[ ] ",
                        styled("filter-list--chosen") if row.chosen else muted),
                Segment(f"{row.count:>3} ", muted),
            ]
            room = width - sum(s.cell_length for s in segments)
            label = _one_line(row.label)
            if cell_len(label) > room > 0:
                label = set_cell_size(label, room - 1).rstrip() + "…"
            segments.append(Segment(label, line if row.count or row.chosen else muted))
        return Strip(segments).crop_extend(0, width, line)

    # -- rows, cursor and scrolling ---------------------------------------------------------

    def _rebuild(self) -> None:
        keep, cursor = self.highlighted_key, self.highlighted
        rows: list[Row] = []
        for facet, title in SECTIONS:
            values = self._values(facet)
            if facet == "topic" and self._topic_heading != "Topics":
                rows.append(Row(facet, self._topic_heading, heading=True))  # even with none
            elif not values:
                continue
            else:
                rows.append(Row(facet, title, heading=True))
            rows.extend(Row(facet, name, count, name in self.selected[facet])
                        for name, count in values)
        old = self.rows
        self.rows = tuple(rows)
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows))
        keys = [(r.facet, r.label) if not r.heading else None for r in rows]
        if keep in keys:
            self.highlighted = keys.index(keep)
        elif self._row_at(self.highlighted) is None or self.rows[self.highlighted].heading:
            self.highlighted = self._value_from(0, 1)
        # Only lines that look different are drawn again: topic counts often stay put.
        dirty = {y for y, row in enumerate(self.rows) if y >= len(old) or old[y] != row}
        dirty.update(range(len(self.rows), len(old)))
        if self.highlighted != cursor:
            dirty.update(y for y in (cursor, self.highlighted) if y is not None)
        for y in dirty:
            self.refresh_line(y)
        self._show_overflow()

    def _values(self, facet: str) -> list[tuple[str, int]]:
        counts = self._facets.get(facet, {})
        if facet == "topic":
            names = list(self._topic_names) + [n for n in counts if n not in self._topic_names]
        else:  # the search lists them most first (a common word has ~1,200 speakers)
            names = list(islice(counts, MAX_SPEAKERS if facet == "speaker" else None))
        names += [v for v in self.selected[facet] if v not in names]
        return [(name, counts.get(name, 0)) for name in names]

    def _row_at(self, position: int | None) -> Row | None:
        if position is None or not 0 <= position < len(self.rows):
            return None
        return self.rows[position]

    def _value_from(self, position: int, step: int) -> int | None:
        """The first value row at or after ``position`` in the direction of ``step``."""
        while 0 <= position < len(self.rows):
            if not self.rows[position].heading:
                return position
            position += step
        return None

    def _move_to(self, position: int | None) -> None:
        if position is None or position == self.highlighted:
            return
        self._refresh_highlighted()
        self.highlighted = position
        self._refresh_highlighted()
        self.scroll_to_region(Region(0, position, 1, 1), animate=False, immediate=True)

    def _refresh_highlighted(self) -> None:
        if self.highlighted is not None:
            self.refresh_line(self.highlighted)

    def _show_overflow(self) -> None:
        above = self.scroll_y > 0
        below = self.scroll_y + self.scrollable_content_region.height < len(self.rows)
        subtitle = " ".join(part for part, shown in (("▲", above), ("more", above or below),
                                                     ("▼", below)) if shown)
        if subtitle != self.border_subtitle:  # setting it repaints the list, even unchanged
            self.border_subtitle = subtitle


def _one_line(value: str) -> str:
    """Names come from articles: cleaned for the terminal, on one line."""
    return " ".join(index.sanitize_display(value).split())
