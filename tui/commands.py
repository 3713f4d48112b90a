"""Command palette: jump to an article, filter by a topic or speaker.

Textual's fuzzy highlighter and command help parse markup, so article titles are scored with
the matcher but displayed as ``Content`` built here, and help strings are our own words only.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

import index

from . import render

if TYPE_CHECKING:
    from .app import BriefingApp

MAX_SPEAKERS = 200


class BriefingCommands(Provider):
    """Articles, topics and speakers in the current index."""

    async def startup(self) -> None:
        app = cast("BriefingApp", self.app)
        self._entries: list[tuple[str, Content, Callable[[], object], str]] = []
        ix = app.index
        if ix is None:
            return
        articles, speakers = await asyncio.to_thread(_load, ix)
        for hit in articles:
            label = f"Open article: {index.sanitize_display(hit.title)} — {hit.outlet}, {hit.date}"
            self._entries.append((label, render.plain(label),
                                  partial(app.open_article, hit.article_id, hit.id),
                                  "Read the whole article"))
        for name in app.session.saved:
            label = f"Open saved search: {name}"
            self._entries.append((label, render.plain(label), partial(app.open_saved, name),
                                  "The saved query and filters (r lists them)"))
        for name in ix.topics.names:
            label = f"Filter by topic: {name}"
            self._entries.append((label, render.plain(label),
                                  partial(app.toggle_filter, "topic", name),
                                  "Toggle this topic filter"))
        for name in speakers:
            label = f"Filter by speaker: {index.sanitize_display(name)}"
            self._entries.append((label, render.plain(label),
                                  partial(app.toggle_filter, "speaker", name),
                                  "Toggle this speaker filter"))

    async def discover(self) -> Hits:
        for label, display, command, help_text in self._entries:
            if label.startswith(("Filter by topic", "Open saved search")):
                yield DiscoveryHit(display, command, text=label, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, display, command, help_text in self._entries:
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, display, command, text=label, help=help_text)


def _load(ix: index.BriefingIndex) -> tuple[tuple[index.Hit, ...], list[str]]:
    return index.list_articles(ix), index.facet_values(ix, "speaker")[:MAX_SPEAKERS]
