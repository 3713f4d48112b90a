"""A whole article, paragraph by paragraph, with claims marked and the chosen one in view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.widgets.option_list import Option

import index

from .. import render
from ..widgets.keyed_list import KeyedList

if TYPE_CHECKING:
    from ..app import BriefingApp


class ArticleView(KeyedList):
    """Paragraphs as rows, so long articles scroll without a widget per paragraph."""

    DEFAULT_CSS = """
    ArticleView { height: 1fr; border: none; padding: 0 1; }
    ArticleView > .option-list--option { padding: 0; }
    """


class ArticleScreen(Screen[None]):
    BINDING_GROUP_TITLE = "Article"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="article.back"),
        Binding("p", "pin", "Pin paragraph", id="article.pin"),
        Binding("s", "speaker_filter", "Speaker filter", id="article.speaker"),
        Binding("m", "correct", "Correct metadata", id="article.correct"),
    ]

    DEFAULT_CSS = """
    ArticleScreen #article-meta { height: auto; padding: 0 2; margin-bottom: 1;
                                  border-bottom: solid $panel; }
    """

    def __init__(self, paragraphs: Sequence[index.Hit], focus_id: str) -> None:
        super().__init__()
        self.paragraphs = tuple(paragraphs)
        self.focus_id = focus_id

    @property
    def briefing(self) -> BriefingApp:
        return cast("BriefingApp", self.app)

    def compose(self) -> ComposeResult:
        first = self.paragraphs[0]
        lines = [render.plain(first.title or "(untitled)", "bold"),
                 render.join([render.plain(first.outlet or index.UNKNOWN_OUTLET, "bold $accent"),
                              render.plain(first.date or "undated"),
                              render.plain(f"by {first.author}" if first.author else ""),
                              render.plain(render.count(len(self.paragraphs), "paragraph"), "dim")])]
        if first.url:
            lines.append(render.plain(first.url, "underline dim"))
        if first.provenance:
            lines.append(Content.assemble(render.plain("Metadata: ", "dim"), render.provenance(first)))
        lines.append(Content.assemble(render.plain("Claims: ", "dim"), render.legend()))
        yield Static(Content("\n").join(lines), id="article-meta")
        yield ArticleView(id="article")
        yield Footer()

    def on_mount(self) -> None:
        view = self.query_one(ArticleView)
        view.set_options([Option(render.spaced(self._row(h))) for h in self.paragraphs])
        ids = [h.id for h in self.paragraphs]
        view.highlighted = ids.index(self.focus_id) if self.focus_id in ids else 0
        view.focus()
        self.call_after_refresh(view.scroll_to_highlight, top=True)

    def _row(self, hit: index.Hit) -> Content:
        pinned = hit.id in self.briefing.session.pins
        gutter = render.plain(f"{'●' if pinned else ' '}¶{hit.paragraph}  ",
                              "$accent" if pinned else "dim")
        body = render.paragraph(hit)
        if hit.heading:
            body = body.stylize("bold")
        speakers = hit.speakers
        if not speakers:
            return Content.assemble(gutter, body)
        who = render.plain("claims by " + ", ".join(speakers), "dim italic")
        return Content("\n").join([Content.assemble(gutter, body), Content.assemble("     ", who)])

    @property
    def current(self) -> index.Hit | None:
        position = self.query_one(ArticleView).highlighted
        return self.paragraphs[position] if position is not None else None

    def action_pin(self) -> None:
        hit = self.current
        if hit is None:
            return
        self.briefing.toggle_pin(hit)
        position = self.paragraphs.index(hit)
        row = render.spaced(self._row(hit))
        self.query_one(ArticleView).replace_option_prompt_at_index(position, row)

    def action_correct(self) -> None:
        """Open the form to set or correct the article's title, outlet, date and URL."""
        from .correction import CorrectionScreen

        first = self.paragraphs[0]
        current = self.current or first

        def save(correction: index.Metadata | None) -> None:
            if correction is not None:
                self.briefing.correct_article(first, current.id, correction)

        self.app.push_screen(CorrectionScreen(first), save)

    def action_speaker_filter(self) -> None:
        hit = self.current
        speakers = hit.speakers if hit else ()
        if not speakers:
            self.notify("This paragraph has no attributed claim.", markup=False, timeout=3)
            return
        self.briefing.filter_by_speaker(speakers[0])
