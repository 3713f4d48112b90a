"""The ``briefing`` command: argument parsing and dispatch.

Importing this module stays cheap (no Textual): only ``briefing``/``briefing tui`` load the app.
Every failure the user can cause ends as one line on stderr and a non-zero exit (2 for usage).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import index

from . import ledger_cli, output


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Browse and search news articles and see who said what. "
        "With no command, opens the browser on the default index (built from the bundled "
        "seed articles on first run).",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--index-dir",
        type=Path,
        help=f"index folder (default: ${index.INDEX_ENV} or the user data directory)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("tui", parents=[common], help="open the terminal browser")
    p.set_defaults(run=_run_tui)

    p = sub.add_parser("index", parents=[common], help="add files and folders to the index")
    p.add_argument("paths", nargs="*", type=Path, help="article files or folders (recursive)")
    p.add_argument("--topics", type=Path, help="topic file (TOML): a new index's topics, or added to those of an existing one")
    p.add_argument("--rebuild", action="store_true", help="rebuild from scratch from all sources")
    p.add_argument("--wait", type=float, default=10.0, help="seconds to wait for a busy index")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(run=_run_index)

    p = sub.add_parser("check", parents=[common],
                       help="verify the whole index (exit 1 if damaged); --repair rebuilds it")
    p.add_argument("--repair", action="store_true",
                   help="rebuild a damaged index from the sources it recorded")
    p.set_defaults(run=_run_check)

    p = sub.add_parser("search", parents=[common], help="search paragraphs")
    p.add_argument("query", nargs="?", default="", help="query (see README: Query language)")
    p.add_argument("--topic", action="append", default=[], help="only these topics (repeatable)")
    p.add_argument("--outlet", action="append", default=[], help="only these outlets (repeatable)")
    p.add_argument("--speaker", action="append", default=[], help="only these speakers (repeatable)")
    p.add_argument("--since", help="on or after this date (2021, 2021-02 or 2021-02-05)")
    p.add_argument("--until", help="on or before this date")
    p.add_argument("--limit", type=_positive, default=10, help="number of hits (default 10)")
    p.add_argument("--sort", choices=["relevance", "newest", "oldest"], default="relevance",
                   help="order of the hits (default relevance; newest/oldest by article date)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(run=_run_search)

    p = sub.add_parser("export", parents=[common],
                       help="write a cited briefing of a query's hits or the pinned paragraphs")
    p.add_argument("--query", default="", help="query whose hits to export (see Query language)")
    p.add_argument("--topic", action="append", default=[], help="only these topics (repeatable)")
    p.add_argument("--outlet", action="append", default=[], help="only these outlets (repeatable)")
    p.add_argument("--speaker", action="append", default=[], help="only these speakers (repeatable)")
    p.add_argument("--pinned", action="store_true",
                   help="export the paragraphs pinned in the browser (after any query hits)")
    p.add_argument("--format", choices=index.EXPORT_FORMATS, required=True)
    p.add_argument("--group-by", choices=list(index.EXPORT_GROUPINGS), default="topic",
                   help="Markdown sections (default: topic)")
    p.add_argument("--limit", type=_positive, default=None,
                   help="most query hits (default: every hit)")
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    p.set_defaults(run=_run_export)

    p = sub.add_parser("meta", parents=[common],
                       help="set or correct indexed articles' title, outlet, date or URL")
    p.add_argument("paths", nargs="+", type=Path, help="the article files to correct")
    p.add_argument("--title")
    p.add_argument("--outlet")
    p.add_argument("--date", help="YYYY-MM-DD (or February 5, 2021)")
    p.add_argument("--url")
    p.add_argument("--wait", type=float, default=10.0, help="seconds to wait for a busy index")
    p.add_argument("--json", action="store_true", help="print the re-index report as JSON")
    p.set_defaults(run=_run_meta)

    p = sub.add_parser("show", parents=[common], help="show one paragraph with its neighbours")
    p.add_argument("id", help="paragraph id, as in search results")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_run_show)

    p = sub.add_parser("claims", help="extract who-said-what from files (no index needed)")
    p.add_argument("files", nargs="+", type=Path, help="article files or folders")
    p.add_argument("--json", action="store_true", help="one JSON object per claim per line")
    p.set_defaults(run=_run_claims)

    p = sub.add_parser("speakers", parents=[common],
                       help="speakers with claim counts per outlet; --rename/--merge fix a name")
    p.add_argument("--json", action="store_true")
    fix = p.add_mutually_exclusive_group()
    fix.add_argument("--rename", nargs=2, metavar=("OLD", "NEW"),
                     help="call speaker OLD by NEW (kept per index; re-indexes its articles)")
    fix.add_argument("--merge", nargs=2, metavar=("A", "B"),
                     help="merge speaker A into speaker B (the same as --rename A B)")
    p.add_argument("--wait", type=float, default=10.0, help="seconds to wait for a busy index")
    p.set_defaults(run=_run_speakers)

    ledger_cli.add_parsers(sub, common, _run_ledger, _run_stories)

    p = sub.add_parser("stats", parents=[common], help="what the index holds")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_run_stats)

    p = sub.add_parser("topics", parents=[common], help="list topics, or suggest new ones")
    p.add_argument("action", nargs="?", choices=["list", "suggest"], default="list")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_run_topics)
    return parser


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["tui", *argv]  # `briefing --index-dir X`: the browser on X
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["tui", *argv])
    try:
        return args.run(args) or 0
    except index.BriefingError as exc:
        output.error(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        output.error("interrupted")
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0


def index_dir(args: argparse.Namespace) -> Path:
    return args.index_dir or index.default_index_dir()


def open_for_reading(args: argparse.Namespace) -> index.BriefingIndex:
    """Open the index. Only the default one is built from the seeds when missing: a folder
    named with ``--index-dir`` that holds no index is a mistake to report, not to fill."""
    ix = index.open_index(index_dir(args), seeds_if_missing=args.index_dir is None,
                          progress=output.progress(), notify=output.note)
    for reason in ix.topics.refused:  # a stored topic this version refuses (too slow, too deep)
        output.note(f"{reason}; left out until the next briefing index")
    return ix


def _run_tui(args: argparse.Namespace) -> int:
    """The browser on a terminal; a summary of the index when output goes to a pipe or file."""
    if args.index_dir is not None and not index.has_index(args.index_dir):
        index.BriefingIndex.open(args.index_dir)  # raises IndexMissing, naming the fix
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        with open_for_reading(args) as ix:
            output.print_summary(index.index_stats(ix), index.topic_counts(ix))
        return 0
    from .app import BriefingApp  # Textual costs ~0.25 s to import: only load it for the TUI

    app = BriefingApp(index_dir(args))
    app.run()
    return 1 if app.crashed else app.return_code or 0


def _run_index(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        raise index.QueryError(f"no such file or folder: {missing[0]}")
    directory = index_dir(args)
    if args.rebuild:
        sources = args.paths or [Path(s) for s in index.recorded_sources(directory) or []]
        if not sources:
            raise index.QueryError(f"{directory}: its sources are not recorded: give the "
                                   "files and folders to rebuild it from")
        # The topics it had, unless a file is given: topics belong to the index.
        topics = index.configured_topics(args.topics, sources) if args.topics else None
        ix = index.rebuild_index(directory, sources, topics=topics, progress=output.progress(),
                                 notify=output.note, wait=args.wait)
        report = None
    else:
        if not args.paths:
            raise index.QueryError("give files or folders to index (or --rebuild)")
        extra = args.topics  # added to the topics of an index that exists
        try:
            ix = index.BriefingIndex.open(directory)
        except index.IndexMissing:
            extra = None
            try:
                ix = index.BriefingIndex.create(
                    directory, index.configured_topics(args.topics, args.paths))
            except OSError as exc:
                raise index.write_failure(exc, directory) from None
        except index.IndexOutdated:
            # Made by another version: rebuilt from what it recorded, then the paths added.
            ix = index.open_index(directory, progress=output.progress(), notify=output.note)
        try:
            report = ix.update(args.paths, topics=index.configured_topics(extra, base=ix.topics),
                               progress=output.progress(), wait=args.wait)
        except OSError as exc:  # a full disk, a read-only or forbidden folder
            ix.close()
            raise index.write_failure(exc, directory) from None
        except BaseException:
            ix.close()
            raise
    with ix:
        if report is None:
            output.note(f"rebuilt {directory}: {ix.paragraph_count()} paragraphs")
            return 0
        output.print_report(report, as_json=args.json)
    return index_exit_code(report)


def index_exit_code(report: index.IndexReport) -> int:
    """0 when every file was read, 3 when some failed (the rest is indexed), 1 when every one
    did: a script must not take a run with failures for a clean one."""
    if not report.failed:
        return 0
    read = report.added + report.updated + report.unchanged + len(report.duplicates)
    return 3 if read or report.removed else 1


def _run_check(args: argparse.Namespace) -> int:
    """Verify everything (exit 0 sound, 1 damaged); ``--repair`` rebuilds from the recorded
    sources and exits 0 once the index is sound again."""
    directory = index_dir(args)
    report = index.check_index(directory)
    if report.ok or not args.repair:
        for problem in report.problems[1:]:
            output.note(problem)
        print(report.summary())
        return 0 if report.ok else 1
    print(report.summary())
    print(index.repair_index(directory, report, progress=output.progress(),
                             notify=output.note))
    after = index.check_index(directory)
    if not after.ok:
        raise index.IndexDamaged(after.summary())
    return 0


def _run_search(args: argparse.Namespace) -> int:
    with open_for_reading(args) as ix:
        result = index.search(
            ix,
            args.query,
            topics=args.topic,
            outlets=args.outlet,
            speakers=args.speaker,
            since=args.since,
            until=args.until,
            limit=args.limit,
            sort=args.sort,
        )
    output.print_search(result, as_json=args.json)
    return 0


def _run_export(args: argparse.Namespace) -> int:
    from . import state

    hits: list[index.Hit] = []
    annotations: dict[str, str] = {}  # the analyst's notes on pinned paragraphs
    with open_for_reading(args) as ix:
        if args.query or args.topic or args.outlet or args.speaker or not args.pinned:
            found = index.search(ix, args.query, topics=args.topic, outlets=args.outlet,
                                 speakers=args.speaker, limit=args.limit or 0, highlight_top=0)
            hits += found.hits
            if len(found.hits) < found.distinct:
                output.note(f"stopped at {len(found.hits)} of {found.distinct} paragraphs "
                            "(--limit); leave it out to export every hit")
        if args.pinned:
            session, notes = state.load_for(state.path_for(ix.directory), state.default_path())
            for note in notes:
                output.note(note)
            annotations = dict(session.notes)
            for pid, hit in index.find_paragraphs(ix, session.pins).items():
                if hit is None:
                    output.note(f"pinned paragraph {pid} is no longer in the index; left out")
                else:
                    hits.append(hit)
        # The claim ledger's notes: first report, other outlets, differing credits.
        ledger = {h.id: index.paragraph_notes(ix, h.id) for h in hits}
    unique = list({h.id: h for h in hits}.values())
    title = f"Briefing: {args.query}" if args.query else "Briefing"
    text = index.render_briefing(unique, args.format, title=title, group_by=args.group_by,
                                 notes=ledger, annotations=annotations)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise index.BriefingError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    output.note(f"wrote {len(unique)} paragraph(s) to {args.output}")
    return 0


def _run_meta(args: argparse.Namespace) -> int:
    """Record a correction in the index's ``corrections.json`` and re-index only those files."""
    correction = index.validated_correction(title=args.title, outlet=args.outlet,
                                            date=args.date, url=args.url)
    missing = [p for p in args.paths if not p.is_file()]
    if missing:
        raise index.QueryError(f"no such file: {missing[0]}")
    with open_for_reading(args) as ix:
        indexed = set(ix.indexed_paths())
        unknown = [p for p in args.paths if str(p.resolve()) not in indexed
                   and str(Path(p).absolute()) not in indexed]
        if unknown:
            raise index.QueryError(f"{unknown[0]} is not in this index; add it with "
                                   f"`briefing index {unknown[0]}` first")
        report = ix.correct(args.paths, correction, wait=args.wait)
    output.print_report(report, as_json=args.json)
    return 1 if report.failed else 0


def _run_show(args: argparse.Namespace) -> int:
    with open_for_reading(args) as ix:
        context = index.get_paragraph(ix, args.id)
    output.print_paragraph(context, as_json=args.json)
    return 0


def _run_claims(args: argparse.Namespace) -> int:
    missing = [p for p in args.files if not p.exists()]
    if missing:
        raise index.QueryError(f"no such file or folder: {missing[0]}")
    articles, failed = index.extract_claims(args.files)
    for skipped in failed:
        output.error(f"skipped {skipped.path}: {skipped.reason}")
    output.print_claims(articles, as_json=args.json)
    return 1 if failed and not articles else 0


def _run_speakers(args: argparse.Namespace) -> int:
    fix = args.rename or args.merge
    if fix:
        with open_for_reading(args) as ix:
            report = ix.rename_speaker(fix[0], fix[1], wait=args.wait)
        output.print_report(report, as_json=args.json)
        return 1 if report.failed else 0
    with open_for_reading(args) as ix:
        output.print_speakers(index.speaker_counts(ix), as_json=args.json)
    return 0


def _run_ledger(args: argparse.Namespace) -> int:
    with open_for_reading(args) as ix:
        if args.profile:
            titles = {s.id: s.title for s in index.list_stories(ix)}
            ledger_cli.print_profiles(index.sourcing_profiles(ix), titles, as_json=args.json)
            return 0
        clusters = index.ledger_clusters(
            ix, args.query, topics=args.topic, outlets=args.outlet, speakers=args.speaker,
            since=args.since, until=args.until, flags=args.flag, story=args.story)
    ledger_cli.print_clusters(clusters, as_json=args.json)
    return 0


def _run_stories(args: argparse.Namespace) -> int:
    with open_for_reading(args) as ix:
        ledger_cli.print_stories(index.list_stories(ix), as_json=args.json)
    return 0


def _run_stats(args: argparse.Namespace) -> int:
    with open_for_reading(args) as ix:
        output.print_stats(index.index_stats(ix), as_json=args.json)
    return 0


def _run_topics(args: argparse.Namespace) -> int:
    with open_for_reading(args) as ix:
        if args.action == "suggest":
            output.print_suggestions(index.suggest_topics(ix), as_json=args.json)
        else:
            output.print_topics(index.topic_counts(ix), as_json=args.json)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
