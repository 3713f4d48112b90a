"""The selected paragraph: where it comes from, who says what in it, and who else reports it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

import index

from .. import render
from .keyed_list import KeyedList


class ClaimList(KeyedList):
    """The paragraph's claims; the highlighted one is marked in the paragraph above."""


class RelatedList(KeyedList):
    """Paragraphs from other outlets that report the same thing; enter jumps there."""


class DetailPanel(VerticalScroll):
    DEFAULT_CSS = """
    DetailPanel { width: 1fr; height: 1fr; border: round $panel; padding: 0 1; }
    DetailPanel:focus-within { border: round $accent; }
    DetailPanel > Static { height: auto; margin-bottom: 1; }
    DetailPanel > .heading { margin: 0; color: $text-accent; text-style: bold; }
    DetailPanel > OptionList { height: auto; border: none; padding: 0; margin-bottom: 1;
                               background: transparent; overflow-y: hidden;
                               scrollbar-size-vertical: 0; }
    DetailPanel > OptionList:focus { border: none; background-tint: $foreground 5%; }
    DetailPanel.-compact #meta { display: none; }
    """

    class RelatedChosen(Message):
        """The user picked a paragraph from another outlet."""

        def __init__(self, hit: index.Hit) -> None:
            super().__init__()
            self.hit = hit

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.border_title = "Detail"
        self.can_focus = False
        self.hit: index.Hit | None = None
        self.related: tuple[index.Hit, ...] = ()
        self.related_pending = False

    def compose(self) -> ComposeResult:
        yield Static(render.plain("No paragraph selected.", "dim"), id="meta")
        yield Static(Content(""), id="paragraph")
        yield Static(Content.assemble(render.plain("Claims  "), render.legend()),
                     classes="heading", id="claims-heading")
        yield ClaimList(id="claims")
        yield Static(Content(""), id="ledger-notes")
        yield Static(render.plain("Also reported by"), classes="heading", id="related-heading")
        yield RelatedList(id="related")

    def set_compact(self, compact: bool) -> None:
        """Compact (a short terminal): the claims come first, then the paragraph; the title,
        outlet and date are in the results row already. Only the panel scrolls: the lists
        inside it grow to their full height, so there is one scroll bar, not one per list."""
        self.set_class(compact, "-compact")
        paragraph = self.query_one("#paragraph", Static)
        first = self.query_one("#claims-heading") if compact else paragraph
        if self.children[1] is not first:
            if compact:
                self.move_child(paragraph, after=self.query_one(ClaimList))
            else:
                self.move_child(paragraph, before=self.query_one("#claims-heading"))

    def show(self, hit: index.Hit | None, related: Sequence[index.Hit] | None = (),
             notes: Sequence[index.ClaimNote] = ()) -> None:
        """``related`` is None while other outlets' reports are still being looked up;
        ``notes`` say, for claims of the paragraph that other outlets report too, who reported
        them first, where else, and whom each credits when credits differ."""
        ledger = self.query_one("#ledger-notes", Static)
        ledger.update(render.ledger_notes(notes) if hit is not None else Content(""))
        ledger.display = bool(notes) and hit is not None
        self.hit = hit
        self.related_pending = related is None
        self.related = tuple(related or ())
        meta = self.query_one("#meta", Static)
        claims = self.query_one(ClaimList)
        others = self.query_one(RelatedList)
        if hit is None:
            meta.update(render.plain("No paragraph selected.", "dim"))
            self.query_one("#paragraph", Static).update(Content(""))
            claims.set_options([])
            others.set_options([])
            return
        meta.update(render.meta(hit))
        self.query_one("#paragraph", Static).update(render.paragraph(hit))
        if hit.claims:
            claims.set_options([Option(render.claim_row(c, hit.outlet)) for c in hit.claims])
            claims.highlighted = None
        else:
            claims.set_options([Option(render.plain("No attributed claims in this paragraph.",
                                                    "dim"), disabled=True)])
        if self.related:
            others.set_options([Option(render.related_row(h)) for h in self.related])
            others.highlighted = None
        elif self.related_pending:
            others.set_options([Option(render.plain("Looking for other outlets' reports…",
                                                    "dim"), disabled=True)])
        else:
            others.set_options([Option(render.plain("No matching paragraph in another outlet.",
                                                    "dim"), disabled=True)])
        self.scroll_home(animate=False)

    def selected_speaker(self) -> str | None:
        """The highlighted claim's speaker, else the paragraph's first speaker."""
        if self.hit is None or not self.hit.claims:
            return None
        claims = self.query_one(ClaimList)
        position = claims.highlighted if claims.highlighted is not None else 0
        if not 0 <= position < len(self.hit.claims):
            position = 0
        speaker = self.hit.claims[position].get("speaker")
        return str(speaker) if speaker else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if isinstance(event.option_list, ClaimList) and self.hit is not None:
            event.stop()
            self.query_one("#paragraph", Static).update(
                render.paragraph(self.hit, focus_claim=event.option_index))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option_list, RelatedList) and event.option_index < len(self.related):
            event.stop()
            self.post_message(self.RelatedChosen(self.related[event.option_index]))
