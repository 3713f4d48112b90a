"""Terminal output for the CLI commands: Rich tables on a terminal, JSON for scripts.

Article text is untrusted: it only ever enters Rich as ``Text`` objects (never as markup), and
passes ``sanitize_display`` so no escape sequence reaches the terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

import index
from index import sanitize_display as clean

stdout = Console(highlight=False, markup=False, emoji=False, soft_wrap=False)
stderr = Console(stderr=True, highlight=False, markup=False, emoji=False, soft_wrap=True)


def t(value: object, style: str = "") -> Text:
    """Untrusted value → a Rich Text that is shown literally."""
    return Text(clean("" if value is None else str(value)), style=style)


def error(message: str) -> None:
    stderr.print(Text("briefing: error: ", style="bold red") + t(message))


def note(message: str) -> None:
    stderr.print(t(message, "dim"))


def emit_json(value: Any) -> None:
    """One JSON document per line, with controls and bidi characters escaped."""
    sys.stdout.write(index.json_text(value) + "\n")


def progress() -> Callable[[int, int, str], None]:
    """A progress callback: a Rich bar on a terminal, a plain line every 10% otherwise."""
    if stderr.is_terminal:
        bar = Progress(TextColumn("indexing"), BarColumn(), MofNCompleteColumn(),
                       TimeElapsedColumn(), TextColumn("{task.description}"), console=stderr,
                       transient=True)
        task = bar.add_task("", total=None)

        def on_bar(done: int, total: int, path: str) -> None:
            if done == 1:
                bar.start()
            bar.update(task, completed=done, total=total, description=clean(path[-40:]))
            if done >= total:
                bar.stop()

        return on_bar

    step = {"next": 0}

    def on_line(done: int, total: int, _path: str) -> None:
        if done >= step["next"] or done == total:
            stderr.print(t(f"indexing: {done}/{total} files"))
            step["next"] = done + max(total // 10, 1)

    return on_line


def print_report(report: index.IndexReport, *, as_json: bool) -> None:
    for skipped in report.duplicates:
        stderr.print(Text("note: ", style="dim") + t(f"skipped {skipped.path}: {skipped.reason}"))
    for skipped in report.failed:
        stderr.print(Text("warning: ", style="yellow") + t(f"skipped {skipped.path}: {skipped.reason}"))
    if as_json:
        emit_json({
            "added": report.added, "updated": report.updated, "removed": report.removed,
            "skipped": report.skipped, "unchanged": report.unchanged,
            "duplicates": [{"path": s.path, "reason": s.reason} for s in report.duplicates],
            "failed": len(report.failed),
            "retagged": report.retagged, "paragraphs": report.paragraphs,
            "seconds": round(report.seconds, 3),
            "failures": [{"path": s.path, "reason": s.reason} for s in report.failed],
        })
    else:
        stdout.print(t(report.summary()))


def _highlighted(fragment: index.Fragment, whole: str) -> Text:
    """The excerpt with its matches in bold, cut at words: an excerpt that starts or ends
    inside the paragraph drops its partial word there and says so with an ellipsis."""
    at = whole.find(fragment.text)
    start, end = 0, len(fragment.text)
    if at > 0:
        start = _word_start(fragment.text, 0 if not whole[at - 1].isalnum() else None)
    if at >= 0 and at + end < len(whole):
        end = _word_end(fragment.text, end if not whole[at + end].isalnum() else None)
    text = t(fragment.text)
    for m_start, m_end in fragment.matches:
        text.stylize("bold yellow", m_start, m_end)
    text = text[start:end]
    text.rstrip()
    return Text.assemble("…" if at != 0 else "", text, "…" if at + len(fragment.text) < len(whole) else "")


def _word_start(text: str, start: int | None) -> int:
    """Where the first whole word begins (``start`` when the excerpt begins at one)."""
    if start is not None:
        return start
    space = next((i for i, c in enumerate(text) if c.isspace()), len(text))
    return min(space + 1, len(text))


def _word_end(text: str, end: int | None) -> int:
    if end is not None:
        return end
    space = max((i for i, c in enumerate(text) if c.isspace()), default=len(text))
    return space


def _cut(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(None, 1)[0].rstrip(",;:") + "…"


def print_search(result: index.SearchResult, *, as_json: bool) -> None:
    if as_json:
        emit_json(result.to_json())
        return
    header = Text(f"{result.total} paragraph{'s' if result.total != 1 else ''} match ")
    stdout.print(header + t(repr(result.query) if result.query else "(everything)", "bold"))
    if result.suggestion:
        stdout.print(Text("did you mean: ", style="italic") + t(result.suggestion, "bold"))
    if not result.hits:
        return
    table = Table(show_lines=True, expand=True)
    table.add_column("outlet / date", ratio=1)
    table.add_column("paragraph", ratio=4)
    for hit in result.hits:
        body = Text()
        body.append_text(t(hit.title, "bold"))
        body.append_text(t(f"  ¶{hit.paragraph}/{hit.paragraphs}  {hit.id}", "dim"))
        body.append("\n")
        if hit.highlights:
            body.append_text(Text(" ").join(_highlighted(f, hit.text) for f in hit.highlights))
        else:
            body.append_text(t(_cut(hit.text, 300)))
        if hit.claims:
            said = ", ".join(sorted({c["speaker"] for c in hit.claims}))
            body.append("\n")
            body.append_text(t(f"claims by: {said}", "cyan"))
        table.add_row(t(hit.outlet or index.UNKNOWN_OUTLET, "green") + t(f"\n{hit.date or 'no date'}", "dim"), body)
    stdout.print(table)
    _print_facets(result.facets)


def _print_facets(facets: dict[str, dict[str, int]]) -> None:
    for name in ("topic", "outlet", "speaker"):
        counts = facets.get(name) or {}
        if counts:
            line = Text(f"{name}s: ", style="bold")
            line.append_text(t(", ".join(f"{k} ({v})" for k, v in list(counts.items())[:12])))
            stdout.print(line)


def print_paragraph(context: index.ParagraphContext, *, as_json: bool) -> None:
    hit = context.hit
    if as_json:
        emit_json({
            **hit.to_json(),
            "start": hit.start, "end": hit.end, "path": hit.path,
            "claims": list(hit.claims),
            "previous": context.before.to_json() if context.before else None,
            "next": context.after.to_json() if context.after else None,
        })
        return
    stdout.print(t(hit.title, "bold"))
    stdout.print(t(f"{hit.outlet or index.UNKNOWN_OUTLET} · {hit.date or 'no date'}"
                   f"{' · ' + hit.author if hit.author else ''}"
                   f" · paragraph {hit.paragraph} of {hit.paragraphs}", "dim"))
    if hit.url:
        stdout.print(t(hit.url, "blue"))
    stdout.print(t(f"{hit.path} [{hit.start}:{hit.end}]", "dim"))
    for label, neighbour in (("before", context.before),):
        if neighbour:
            stdout.print(t(f"\n({label}) {neighbour.text}", "dim"))
    stdout.print(Text("\n") + t(hit.text))
    if context.after:
        stdout.print(t(f"\n(after) {context.after.text}", "dim"))
    for claim in hit.claims:
        stdout.print(Text("\n• ") + t(claim["speaker"], "bold cyan")
                     + t(f" — {claim['cue']} ({claim['kind']}): ") + t(claim["content"]))


def print_stats(stats: dict[str, Any], *, as_json: bool) -> None:
    if as_json:
        emit_json(stats)
        return
    table = Table(show_header=False, box=None)
    for key, value in stats.items():
        shown = ", ".join(f"{k} ({v})" for k, v in value.items()) if isinstance(value, dict) else (
            ", ".join(value) if isinstance(value, list) else value)
        table.add_row(t(key, "bold"), t(shown))
    stdout.print(table)


def print_topics(counts: list[index.TopicCount], *, as_json: bool) -> None:
    if as_json:
        emit_json([{"name": c.name, "query": c.query, "paragraphs": c.paragraphs,
                    "articles": c.articles} for c in counts])
        return
    table = Table("topic", "paragraphs", "articles", "query")
    for c in counts:
        table.add_row(t(c.name, "bold"), t(c.paragraphs), t(c.articles), t(c.query, "dim"))
    stdout.print(table)


def print_suggestions(found: list[index.TopicSuggestion], *, as_json: bool) -> None:
    if as_json:
        emit_json([{"term": s.word, "stem": s.term, "paragraphs": s.paragraphs,
                    "articles": s.articles, "example": s.example} for s in found])
        return
    if not found:
        stdout.print(t("no new topics to suggest: the existing topics cover the corpus's key terms"))
        return
    table = Table("suggested topic query", "paragraphs", "articles", "example")
    for s in found:
        table.add_row(t(s.word, "bold"), t(s.paragraphs), t(s.articles), t(s.example, "dim"))
    stdout.print(table)
    stdout.print(t("add one to your topic file as:  Name = 'query'", "dim"))


def print_summary(stats: dict[str, Any], counts: list[index.TopicCount]) -> None:
    """What `briefing` prints so the index is visibly ready to search."""
    stdout.print(t(f"briefing index {stats['index_dir']}", "bold"))
    stdout.print(t(f"{stats['articles']} articles, {stats['paragraphs']} paragraphs from "
                   + ", ".join(f"{k} ({v})" for k, v in stats["outlets"].items())))
    stdout.print(t("topics: " + ", ".join(f"{c.name} ({c.paragraphs})" for c in counts if c.paragraphs)))
    stdout.print(t("try: briefing search Taiwan   ·   briefing search sanction --json"))


def print_claims(articles: list[index.Article], *, as_json: bool) -> None:
    if as_json:
        for article in articles:
            for claim in article.claims:
                emit_json(index.claim_record(article, claim))
        return
    for article in articles:
        stdout.print(t(article.title, "bold") + t(f"  {article.outlet or index.UNKNOWN_OUTLET} · "
                                                  f"{article.date or 'no date'} · {article.path}", "dim"))
        table = Table("¶", "speaker", "cue", "kind", "content", expand=True)
        for claim in article.claims:
            speaker = t(claim.speaker, "bold cyan")
            if claim.source_text and claim.source_text != claim.speaker:
                speaker.append_text(t(f"\n({claim.source_text})", "dim"))
            table.add_row(t(claim.paragraph or "title"), speaker, t(claim.cue), t(claim.kind), t(claim.content))
        stdout.print(table if article.claims else t("  no claims found", "dim"))


def print_speakers(counts: dict[str, dict[str, int]], *, as_json: bool) -> None:
    if as_json:
        emit_json([{"speaker": s, "claims": sum(o.values()), "outlets": o} for s, o in counts.items()])
        return
    table = Table("speaker", "claims", "by outlet")
    for speaker, outlets in counts.items():
        table.add_row(t(speaker, "bold"), t(sum(outlets.values())),
                      t(", ".join(f"{k} ({v})" for k, v in outlets.items())))
    stdout.print(table)
