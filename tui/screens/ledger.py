"""The claim ledger: statements reported by several outlets, each with its history.

The list shows the clusters for the browser's current query and filters, by spread then
newest first report; the panel below shows the highlighted one's timeline: each outlet's
version with its credit and its word differences from the most common version, and the
outlets that covered the story but left the statement out. ``enter`` opens the first report's
paragraph, ``1``-``9`` the n-th version's. Article words only ever enter as ``Content``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

import index

from .. import render
from ..widgets.keyed_list import KeyedList

if TYPE_CHECKING:
    from ..app import BriefingApp

_FLAG_WORDS = {"speaker_differs": "credited differently", "wording_differs": "wording differs",
               "numbers_differ": "numbers differ", "negation_differs": "negation differs",
               "credit_unknown": "credit unknown"}


class ClusterList(KeyedList):
    DEFAULT_CSS = """
    ClusterList { height: 2fr; border: round $accent; }
    ClusterList > .option-list--option { padding: 0 1; }
    """


class LedgerScreen(Screen[None]):
    BINDING_GROUP_TITLE = "Ledger"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="ledger.back"),
        Binding("enter", "open_first", "Open first report", id="ledger.open", show=False),
        *(Binding(str(n), f"open_version({n})", f"Open version {n}", show=False,
                  id=f"ledger.open{n}") for n in range(1, 10)),
    ]

    DEFAULT_CSS = """
    LedgerScreen #ledger-title { height: 1; padding: 0 2; text-style: bold; }
    LedgerScreen #ledger-timeline { height: 3fr; border: round $panel; padding: 0 1;
                                    overflow-y: auto; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.clusters: list[index.LedgerCluster] = []
        self.loaded = False  # the list and title describe the index, not "loading…"

    @property
    def briefing(self) -> BriefingApp:
        return cast("BriefingApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(render.plain("Claim ledger — loading…"), id="ledger-title")
        yield ClusterList(id="ledger-list")
        yield Static(render.plain(""), id="ledger-timeline")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ClusterList).focus()
        # Set once mounted: before mounting, Textual defers the cover, and a load that finished
        # first would have it put back over the finished list for good.
        self.loading = True
        self.load_worker()

    @work(thread=True, exclusive=True, group="ledger", exit_on_error=False)
    def load_worker(self) -> None:
        ix = self.briefing.index
        session = self.briefing.session
        if ix is None:
            self.app.call_from_thread(self._show, [], "the index is still opening")
            return
        try:
            clusters = index.ledger_clusters(ix, session.query, topics=session.topics,
                                             outlets=session.outlets, speakers=session.speakers)
            note = ""
        except index.QueryError as exc:
            clusters, note = index.ledger_clusters(ix), f"query ignored: {exc}"
        self.app.call_from_thread(self._show, clusters, note)

    def _show(self, clusters: list[index.LedgerCluster], note: str) -> None:
        self.loading = False
        self.loaded = True
        self.clusters = clusters
        session = self.briefing.session
        scope = f" for “{session.query}”" if session.query.strip() else ""
        if session.topics or session.outlets or session.speakers:
            scope += " with filters"
        count = len(clusters)
        title = f"Claim ledger — {count} statement{'' if count == 1 else 's'} in several articles{scope}"
        self.query_one("#ledger-title", Static).update(
            render.plain(title + (f" ({note})" if note else "")))
        view = self.query_one(ClusterList)
        if not clusters:
            view.set_options([Option(render.plain(
                "No statement is reported by more than one article here.", "dim"), disabled=True)])
            self.query_one("#ledger-timeline", Static).update(render.plain(""))
            return
        view.set_options([Option(render.spaced(_row(c))) for c in clusters])
        view.highlighted = 0
        self.query_one("#ledger-timeline", Static).update(timeline(clusters[0]))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        cluster = self._current()
        if cluster is not None:
            self.query_one("#ledger-timeline", Static).update(timeline(cluster))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open_first()

    def _current(self) -> index.LedgerCluster | None:
        position = self.query_one(ClusterList).highlighted
        if position is None or position >= len(self.clusters):
            return None
        return self.clusters[position]

    def action_open_first(self) -> None:
        self.action_open_version(1)

    def action_open_version(self, number: int) -> None:
        cluster = self._current()
        ix = self.briefing.index
        if cluster is None or ix is None or not 1 <= number <= len(cluster.claims):
            return
        claim = cluster.claims[number - 1]
        article_id = index.load_ledger(ix).article_id(claim.doc)
        if article_id:
            self.briefing.open_article(article_id, f"{article_id}-{claim.paragraph}")


def _row(cluster: index.LedgerCluster) -> Content:
    """Spread, first report and flags on one line; the statement and its speaker below."""
    first = " = ".join(dict.fromkeys(c.outlet for c in cluster.first))
    heading = render.plain(f"{len(cluster.outlets)} outlets · first {first}, "
                           f"{cluster.first[0].date or 'date unknown'}", "bold")
    flags = [_FLAG_WORDS[name] for name, on in cluster.flags.items() if on]
    if cluster.missing_from:
        flags.append("missing from " + ", ".join(cluster.missing_from))
    if flags:
        heading = Content.assemble(heading, "  ", render.plain("; ".join(flags), "$warning"))
    speaker = cluster.first[0].speaker or "no speaker"
    return Content("\n").join([
        heading,
        render.plain(_short(cluster.statement, 150), "italic"),
        render.plain(f"— {speaker}", "dim"),
    ])


def timeline(cluster: index.LedgerCluster) -> Content:
    """Each report in date order with its credit and word differences, then who left it out."""
    lines: list[Content] = []
    shown: set[str] = set()
    for number, claim in enumerate(cluster.claims, start=1):
        first = " (first)" if claim in cluster.first else ""
        credit = claim.speaker or "no speaker"
        words = " ".join(claim.source_text.split())
        said_as = f" as “{_short(words, 60)}”" if words and words != credit else ""
        lines.append(Content.assemble(
            render.plain(f"{number}. {claim.outlet}, {claim.date or 'no date'}{first} ¶{claim.paragraph} ", "bold"),
            render.plain(f"credited to {credit} ({claim.speaker_kind})", "$text-accent"),
            render.plain(said_as, "dim"),
        ))
        lines.append(render.plain("   " + _short(claim.statement, 200)))
        if claim.doc not in shown:
            shown.add(claim.doc)
            for change in cluster.changes.get(claim.doc, ()):
                lines.append(_change(change))
    if cluster.missing_from:
        lines.append(render.plain("Not reported by: " + ", ".join(cluster.missing_from), "$warning"))
    hints = [words for name, words in _FLAG_WORDS.items()
             if name in ("numbers_differ", "negation_differs") and cluster.flags[name]]
    if hints:
        lines.append(render.plain("Hints: " + "; ".join(hints) + " (evidence, not a verdict)", "dim"))
    return Content("\n").join(lines)


def _change(change) -> Content:
    """One word difference, the reference's words struck and the version's underlined."""
    parts: list[Content] = [render.plain(f"   {change.op}: ", "dim")]
    if change.ref:
        parts.append(render.plain(" ".join(change.ref), "strike $error"))
    if change.ref and change.got:
        parts.append(render.plain(" → "))
    if change.got:
        parts.append(render.plain(" ".join(change.got), "underline $success"))
    return Content.assemble(*parts)


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
