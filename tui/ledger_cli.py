"""``briefing ledger`` and ``briefing stories``: the claim ledger on the command line.

Text output is plain lines built from ``Text`` objects (article words never become markup);
``--json`` prints one object per line, per cluster or per story.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from rich.text import Text

import index

from .output import emit_json, stdout, t

_KINDS = ("named", "organisation", "anonymous", "outlet", "none")


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
                run_ledger: Callable, run_stories: Callable) -> None:
    """Register the two commands (``cli.py`` owns opening the index)."""
    p = sub.add_parser("ledger", parents=[common],
                       help="statements reported by several outlets: first report, credits, wording")
    p.add_argument("query", nargs="?", default="", help="only clusters with a claim in a matching paragraph")
    p.add_argument("--story", help="only this story (an id from 'briefing stories')")
    p.add_argument("--topic", action="append", default=[], help="only these topics (repeatable)")
    p.add_argument("--outlet", action="append", default=[], help="only these outlets (repeatable)")
    p.add_argument("--speaker", action="append", default=[], help="only these speakers (repeatable)")
    p.add_argument("--since", help="on or after this date")
    p.add_argument("--until", help="on or before this date")
    p.add_argument("--flag", action="append", default=[], choices=index.LEDGER_FLAGS,
                   help="only clusters with this flag (repeatable: all must hold)")
    p.add_argument("--profile", action="store_true", help="sourcing profiles per outlet and story")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(run=run_ledger)

    p = sub.add_parser("stories", parents=[common], help="articles grouped by the event they report")
    p.add_argument("--json", action="store_true", help="one JSON object per line per story")
    p.set_defaults(run=run_stories)


def print_clusters(clusters: list[index.LedgerCluster], *, as_json: bool) -> None:
    if as_json:
        for cluster in clusters:
            emit_json(index.cluster_json(cluster))
        return
    for cluster in clusters:
        flags = [name for name, on in cluster.flags.items() if on]
        if cluster.missing_from:
            flags.append("missing from " + ", ".join(cluster.missing_from))
        first = " = ".join(dict.fromkeys(c.outlet for c in cluster.first))
        line = Text.assemble(t(cluster.id, "dim"), " ", t(f"{len(cluster.outlets)} outlets", "bold"),
                             "  first: ", t(f"{first} {cluster.first[0].date} ({cluster.first_certainty})"))
        if flags:
            line += Text("  [") + t("; ".join(flags), "yellow") + Text("]")
        stdout.print(line)
        stdout.print(Text("  ") + t(_short(cluster.statement, 160), "italic"))
        for claim in cluster.claims:
            stdout.print(Text("    ") + t(f"{claim.outlet} {claim.date} ¶{claim.paragraph}: ")
                         + t(claim.speaker or "(no speaker)", "bold") + t(f" ({claim.speaker_kind})", "dim"))
        for doc, changes in cluster.changes.items():
            outlet = next(c.outlet for c in cluster.claims if c.doc == doc)
            words = "; ".join(f"{c.op} {' '.join(c.ref) or '-'} → {' '.join(c.got) or '-'}" for c in changes)
            stdout.print(Text("    ") + t(f"{outlet} wording: ", "dim") + t(words))
    if not clusters:
        stdout.print(Text("no statement reported by more than one article matches"))


def print_profiles(profiles: dict[str, dict[str, dict[str, float]]], titles: dict[str, str], *,
                   as_json: bool) -> None:
    if as_json:
        for scope, rows in profiles.items():
            for name, shares in rows.items():
                emit_json({scope: name, **({"title": titles.get(name, "")} if scope == "story" else {}),
                           "shares": {k: round(v, 3) for k, v in shares.items()}})
        return
    for scope, rows in profiles.items():
        stdout.print(Text(f"by {scope}: " + "  ".join(_KINDS), style="bold"))
        for name, shares in rows.items():
            label = f"{name} {titles[name][:50]}" if scope == "story" else name
            stdout.print(t(label) + Text(":  " + "  ".join(f"{shares[k]:.0%}" for k in _KINDS)))


def print_stories(stories: list[index.Story], *, as_json: bool) -> None:
    for story in stories:
        if as_json:
            emit_json({"id": story.id, "title": story.title, "articles": [
                {"doc": a.doc, "outlet": a.outlet, "date": a.date, "title": a.title}
                for a in story.articles]})
            continue
        stdout.print(t(story.id, "dim") + Text(" ") + t(story.title, "bold")
                     + t(f"  ({len(story.articles)} articles)", "dim"))
        for a in story.articles:
            stdout.print(Text("    ") + t(f"{a.date} {a.outlet}: {a.title}"))


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
