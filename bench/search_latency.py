"""Search latency of briefing's index against plain Whoosh and SQLite FTS5, in one run.

    python bench/search_latency.py --corpus ../shared/corpora/polnear/train/text --scale 10 \\
        --json bench/results/scale10.json

The corpus is replicated ``--scale`` times (replica k's titles gain "(replica k)", so every
copy is a distinct article). Three indexes of the same paragraphs are built in a temporary
folder: **app** (briefing's ingestion: claims, topics, the public ``index`` API), **whoosh_raw**
(a stemmed, stored text field with default writer settings) and **fts5** (porter tokenizer).
Every engine answers each query with the same information: the total number of matches, the
top 50 ids and the stored text of the first 20; the app also returns what a keystroke needs
(highlights for the visible hits and facet counts). No engine caches results.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import index  # noqa: E402

TOP = 50
TEXTS = 20


@dataclass(frozen=True)
class Query:
    kind: str
    words: tuple[str, ...]
    phrase: bool = False
    prefix: bool = False
    outlet: str | None = None

    @property
    def label(self) -> str:
        text = " ".join(self.words)
        text = f'"{text}"' if self.phrase else text + ("*" if self.prefix else "")
        return text + (f" [outlet={self.outlet}]" if self.outlet else "")


def query_set() -> list[Query]:
    common = ["trump", "clinton", "campaign", "president", "republican", "voters", "state",
              "people"]
    rare = ["benghazi", "ebola", "filibuster", "pipeline", "refugees", "sanctions", "pentagon",
            "cybersecurity"]
    two = ["border wall", "supreme court", "tax returns", "health care", "foreign policy",
           "email server"]
    three = ["donald trump campaign", "white house press", "national security adviser",
             "iowa caucus voters"]
    phrases = ["white house", "supreme court", "national security", "tax returns", "health care"]
    filtered = [("trump", "breitbart"), ("clinton emails", "nyt"), ("immigration", "politico"),
                ("debate", "wash post")]
    queries = [Query("common", (w,)) for w in common]
    queries += [Query("rare", (w,)) for w in rare]
    queries += [Query("two_words", tuple(q.split())) for q in two]
    queries += [Query("three_words", tuple(q.split())) for q in three]
    queries += [Query("phrase", tuple(q.split()), phrase=True) for q in phrases]
    queries += [Query("filtered", tuple(q.split()), outlet=o) for q, o in filtered]
    for word in ("taiwan", "clinton"):
        queries += [Query("prefix", (word[:n],), prefix=True) for n in range(1, len(word) + 1)]
    return queries


# -- corpus ------------------------------------------------------------------------------------


def replicate(corpus: Path, scale: int, target: Path) -> None:
    files = sorted(p for p in corpus.iterdir() if p.is_file() and p.suffix in (".txt", ".md"))
    for k in range(scale):
        folder = target / f"r{k}"
        folder.mkdir(parents=True)
        for path in files:
            text = path.read_text(encoding="utf-8", errors="replace")
            if k:
                first, _, rest = text.partition("\n")
                text = f"{first} (replica {k})\n{rest}"
            (folder / path.name).write_text(text, encoding="utf-8")


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


# -- the three engines ---------------------------------------------------------------------------


class App:
    name = "app"

    def __init__(self, directory: Path) -> None:
        self.ix = index.BriefingIndex.open(directory)
        index.prepare(self.ix)  # as the TUI does while it opens the index

    def run(self, q: Query) -> tuple[int, list[str], list[str]]:
        text = q.label.split(" [")[0].rstrip("*")
        try:
            result = index.search(self.ix, text, outlets=[q.outlet] if q.outlet else (),
                                  limit=TOP, highlight_top=TEXTS, prefix_last=q.prefix)
        except index.QueryError:
            return 0, [], []
        return result.total, [h.id for h in result.hits], [h.text for h in result.hits[:TEXTS]]


class WhooshRaw:
    name = "whoosh_raw"

    def __init__(self, directory: Path) -> None:
        from whoosh import index as windex
        from whoosh.qparser import AndGroup, QueryParser

        self.ix = windex.open_dir(str(directory))
        self.searcher = self.ix.searcher()
        self.parser = QueryParser("text", self.ix.schema, group=AndGroup)

    @staticmethod
    def build(directory: Path, rows: list[tuple[str, str, str]]) -> None:
        from whoosh import fields
        from whoosh import index as windex
        from whoosh.analysis import StemmingAnalyzer

        schema = fields.Schema(id=fields.ID(stored=True, unique=True), outlet=fields.ID(),
                               text=fields.TEXT(analyzer=StemmingAnalyzer(), stored=True))
        directory.mkdir(parents=True)
        writer = windex.create_in(str(directory), schema).writer()
        for pid, outlet, text in rows:
            writer.add_document(id=pid, outlet=outlet, text=text)
        writer.commit()

    def run(self, q: Query) -> tuple[int, list[str], list[str]]:
        from whoosh import query as wq

        parsed = self.parser.parse(q.label.split(" [")[0])
        restrict = wq.Term("outlet", q.outlet) if q.outlet else None
        results = self.searcher.search(parsed, limit=TOP, filter=restrict)
        total = len(results)
        hits = list(results)
        return total, [h["id"] for h in hits], [h["text"] for h in hits[:TEXTS]]


class Fts5:
    name = "fts5"

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path)

    @staticmethod
    def build(path: Path, rows: list[tuple[str, str, str]]) -> None:
        db = sqlite3.connect(path)
        db.execute("CREATE VIRTUAL TABLE p USING fts5(id UNINDEXED, outlet UNINDEXED, text, "
                   "tokenize='porter unicode61')")
        db.executemany("INSERT INTO p VALUES (?, ?, ?)", rows)
        db.commit()
        db.close()

    def run(self, q: Query) -> tuple[int, list[str], list[str]]:
        if q.phrase:
            match = '"' + " ".join(q.words) + '"'
        else:
            match = " AND ".join(f'"{w}"' for w in q.words) + ("*" if q.prefix else "")
        where, args = "p MATCH ?", [match]
        if q.outlet:
            where += " AND outlet = ?"
            args.append(q.outlet)
        total = self.db.execute(f"SELECT count(*) FROM p WHERE {where}", args).fetchone()[0]
        top = self.db.execute(f"SELECT id, text FROM p WHERE {where} ORDER BY rank LIMIT {TOP}",
                              args).fetchall()
        return total, [r[0] for r in top], [r[1] for r in top[:TEXTS]]


# -- measuring -------------------------------------------------------------------------------------


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def at(p: float) -> float:
        return round(1000 * ordered[min(len(ordered) - 1, int(p * len(ordered)))], 3)

    return {"p50_ms": at(0.50), "p95_ms": at(0.95), "p99_ms": at(0.99),
            "mean_ms": round(1000 * statistics.fmean(ordered), 3)}


def time_engine(engine, queries: list[Query], rounds: int) -> tuple[dict, dict]:
    samples: list[float] = []
    per_kind: dict[str, list[float]] = {}
    totals = {}
    for _ in range(rounds):
        for q in queries:
            started = time.perf_counter()
            total, _, _ = engine.run(q)
            elapsed = time.perf_counter() - started
            samples.append(elapsed)
            per_kind.setdefault(q.kind, []).append(elapsed)
            totals[q.label] = total
    figures = percentiles(samples)
    figures["by_kind_p95_ms"] = {k: percentiles(v)["p95_ms"] for k, v in per_kind.items()}
    return figures, totals


def _rss_mb(who: int) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def app_only(work: Path, rounds: int) -> None:
    """Build the app index and time its queries in this process; report as JSON on stdout."""
    started = time.perf_counter()
    index.build_index(work / "app", [work / "corpus"]).close()
    build_seconds = time.perf_counter() - started
    app = App(work / "app")
    queries = query_set()
    app.run(queries[0])
    latency, totals = time_engine(app, queries, rounds)
    app.ix.close()
    print(json.dumps({"build_seconds": build_seconds, "latency": latency, "totals": totals,
                      "peak_rss_mb": _rss_mb(resource.RUSAGE_SELF),
                      "workers_peak_rss_mb": _rss_mb(resource.RUSAGE_CHILDREN)}))


def main() -> None:
    if sys.argv[1:2] == ["--app-only"]:
        app_only(Path(sys.argv[2]), int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--keep", type=Path, help="build here and keep the indexes")
    parser.add_argument("--engines", default="app,whoosh_raw,fts5",
                        help="comma-separated; at scale 60 plain Whoosh's prefix queries take "
                             "tens of minutes each, so that run leaves it out")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"search_latency: corpus folder not found: {args.corpus}")

    work = args.keep or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    try:
        corpus = work / "corpus"
        replicate(args.corpus, args.scale, corpus)
        # The app builds and answers in its own process, so its memory is its own figure.
        child = subprocess.run([sys.executable, __file__, "--app-only", str(work), "--rounds",
                                str(args.rounds)], capture_output=True, text=True, check=True)
        app_report = json.loads(child.stdout)
        app_seconds = app_report["build_seconds"]
        with index.BriefingIndex.open(work / "app") as ix, ix.lock:
            rows = [(d["id"], d.get("outlet_name", ""), d.get("text", ""))
                    for d in ix.searcher().all_stored_fields()]
        engines = set(args.engines.split(","))
        raw_seconds = None
        if "whoosh_raw" in engines:
            started = time.perf_counter()
            WhooshRaw.build(work / "whoosh_raw", rows)
            raw_seconds = time.perf_counter() - started
        if "fts5" in engines:
            Fts5.build(work / "fts5.db", rows)

        queries = query_set()
        report: dict = {"paragraphs": len(rows), "scale": args.scale, "queries": len(queries),
                        "rounds": args.rounds, "cpu_count": os.cpu_count(),
                        "app": app_report["latency"]}
        totals = {"app": app_report["totals"]}
        others = [engine(work / path) for engine, path in
                  ((WhooshRaw, "whoosh_raw"), (Fts5, "fts5.db")) if engine.name in engines]
        for engine in others:
            engine.run(queries[0])  # open files and warm the OS cache, as a running app would
            report[engine.name], totals[engine.name] = time_engine(engine, queries, args.rounds)
        report["app_peak_rss_mb"] = app_report["peak_rss_mb"]
        report["app_build_workers_peak_rss_mb"] = app_report["workers_peak_rss_mb"]
        report["index_para_per_s"] = round(len(rows) / app_seconds, 1)
        report["index_seconds"] = {"app": round(app_seconds, 2)}
        report["index_size_mb"] = {"app": round(folder_size(work / "app") / 2**20, 1)}
        if raw_seconds is not None:
            report["whoosh_raw_index_para_per_s"] = round(len(rows) / raw_seconds, 1)
            report["index_seconds"]["whoosh_raw"] = round(raw_seconds, 2)
            report["index_size_mb"]["whoosh_raw"] = round(
                folder_size(work / "whoosh_raw") / 2**20, 1)
        if "fts5" in engines:
            report["index_size_mb"]["fts5"] = round((work / "fts5.db").stat().st_size / 2**20, 1)
        report["peak_rss_mb"] = report["app_peak_rss_mb"]
        report["benchmark_process_peak_rss_mb"] = _rss_mb(resource.RUSAGE_SELF)
        report["totals_differ"] = {
            q: {name: totals[name][q] for name in totals}
            for q in totals["app"] if len({totals[name][q] for name in totals}) > 1
        }
        report["ratios"] = {}
        if "fts5" in report:
            report["ratios"]["app_p95_over_fts5_p95"] = round(
                report["app"]["p95_ms"] / report["fts5"]["p95_ms"], 3)
        if "whoosh_raw" in report:
            report["ratios"]["app_p95_over_whoosh_raw_p95"] = round(
                report["app"]["p95_ms"] / report["whoosh_raw"]["p95_ms"], 3)
            report["ratios"]["app_index_speed_over_whoosh_raw"] = round(
                report["index_para_per_s"] / report["whoosh_raw_index_para_per_s"], 3)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n")


if __name__ == "__main__":
    main()
