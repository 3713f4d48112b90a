"""Topics, outlets and speakers with live counts for the current query; space toggles one.

Values within a section combine with OR, sections with AND (the search API's rule). Counts
come from the search result's facets, so they always describe the query being shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from .. import render
from .keyed_list import KeyedList

SECTIONS = (("topic", "Topics"), ("outlet", "Outlets"), ("speaker", "Speakers"))
MAX_SPEAKERS = 40


class FilterList(KeyedList):
    """One focusable pane holding every filter, so tab moves between panes, not sections."""

    BINDINGS = [
        Binding("space", "toggle", "Toggle filter", id="filters.toggle"),
    ]

    # No scroll bar: Textual repaints every scroll bar on each layout pass, and the search
    # bar's input starts one on every keystroke (about a tenth of a keystroke's time for the two
    # lists). Arrows in the bottom border say that more filters lie beyond the view instead.
    DEFAULT_CSS = """
    FilterList { width: 28; height: 1fr; border: round $panel; padding: 0;
                 scrollbar-size-vertical: 0; text-wrap: nowrap; text-overflow: ellipsis; }
    FilterList:focus { border: round $accent; }
    """

    class Changed(Message):
        """The user toggled a filter; ``selected`` maps section → chosen values."""

        def __init__(self, selected: dict[str, list[str]]) -> None:
            super().__init__()
            self.selected = selected

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.border_title = "Filters"
        self.selected: dict[str, list[str]] = {facet: [] for facet, _ in SECTIONS}
        self._keys: list[tuple[str, str] | None] = []
        self._topic_names: tuple[str, ...] = ()
        self._facets: Mapping[str, Mapping[str, int]] = {}

    def on_mount(self) -> None:
        self.watch(self, "scroll_y", self._show_overflow, init=False)
        self.watch(self, "virtual_size", self._show_overflow, init=False)

    def on_resize(self) -> None:
        self._show_overflow()

    def _show_overflow(self) -> None:
        above = self.scroll_y > 0
        below = self.scroll_y + self.scrollable_content_region.height < self.virtual_size.height
        subtitle = " ".join(part for part, shown in (("▲", above), ("more", above or below),
                                                     ("▼", below)) if shown)
        if subtitle != self.border_subtitle:  # setting it repaints the list, even unchanged
            self.border_subtitle = subtitle

    def set_topics(self, names: Sequence[str]) -> None:
        """Every configured topic is listed, even at zero, so the user sees what exists."""
        self._topic_names = tuple(names)
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

    def action_toggle(self) -> None:
        key = self._key_at(self.highlighted)
        if key is not None:
            self.toggle(*key)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter and mouse clicks toggle too."""
        event.stop()
        self.action_toggle()

    @property
    def highlighted_key(self) -> tuple[str, str] | None:
        return self._key_at(self.highlighted)

    def _key_at(self, position: int | None) -> tuple[str, str] | None:
        if position is None or not 0 <= position < len(self._keys):
            return None
        return self._keys[position]

    def _rebuild(self) -> None:
        keep = self.highlighted_key
        options: list[Option] = []
        keys: list[tuple[str, str] | None] = []
        for facet, title in SECTIONS:
            rows = self._rows(facet)
            if not rows:
                continue
            options.append(Option(render.plain(title, "bold $text-accent"), disabled=True))
            keys.append(None)
            for value, count in rows:
                chosen = value in self.selected[facet]
                options.append(Option(render.filter_row(value, count, chosen)))
                keys.append((facet, value))
        self._keys = keys
        self.set_options(options)
        if keep in keys:
            self.highlighted = keys.index(keep)
        elif self.highlighted is None or self._key_at(self.highlighted) is None:
            first = next((i for i, k in enumerate(keys) if k is not None), None)
            self.highlighted = first

    def _rows(self, facet: str) -> list[tuple[str, int]]:
        counts = dict(self._facets.get(facet, {}))
        if facet == "topic":
            names = list(self._topic_names) + [n for n in counts if n not in self._topic_names]
        else:
            names = sorted(counts, key=lambda n: (-counts[n], n.casefold()))
            if facet == "speaker":
                names = names[:MAX_SPEAKERS]
        names += [v for v in self.selected[facet] if v not in names]
        return [(name, counts.get(name, 0)) for name in names]
