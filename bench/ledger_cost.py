"""What the claim ledger adds to building an index, and how fast its view answers.

    python bench/ledger_cost.py --corpus ../shared/corpora/basil/text
    python bench/ledger_cost.py --corpus ../shared/corpora/polnear/train/text --scale 10

Builds the corpus (replicated ``--scale`` times as bench/search_latency.py does) twice in
fresh folders, alternating which goes first: once as ``briefing index`` does, once with the
ledger's two steps (the per-article record in the writer, the ledger update after the commit)
replaced by nothing. Then times ``ledger_clusters`` for a set of queries on the built index
(the ledger loaded first, as the TUI does in its opening thread).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import index  # noqa: E402
from index import store  # noqa: E402

QUERIES = ["", "trump", "clinton", "said", "obama", "email", "tax", "debate", "police",
           "\"white house\"", "clinton AND email", "immigration", "senate", "vote", "iran"]


SPENT = {"records": 0.0, "update": 0.0}


def _timed(name: str, function):
    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            SPENT[name] += time.perf_counter() - started
    return timed


def build(corpus: Path, directory: Path, ledger: bool) -> float:
    started = time.perf_counter()
    if ledger:
        # The ledger's own steps timed inside the build (what the comparison's noise hides).
        with mock.patch.object(store, "update_ledger", _timed("update", store.update_ledger)), \
                mock.patch.object(store, "article_record", _timed("records", store.article_record)):
            index.build_index(directory, [corpus]).close()
    else:
        with mock.patch.object(store, "update_ledger", lambda *a, **k: None), \
                mock.patch.object(store, "article_record", lambda *a, **k: None):
            index.build_index(directory, [corpus]).close()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ledger-cost-"))
    try:
        corpus = args.corpus
        if args.scale > 1:
            from search_latency import replicate
            corpus = work / "corpus"
            replicate(args.corpus, args.scale, corpus)
        times: dict[bool, list[float]] = {True: [], False: []}
        for n in range(args.rounds):
            for ledger in ((True, False) if n % 2 == 0 else (False, True)):
                target = work / f"ix-{ledger}-{n}"
                times[ledger].append(build(corpus, target, ledger))
                if not (ledger and n == args.rounds - 1):
                    shutil.rmtree(target)
        with_l, without = min(times[True]), min(times[False])
        print(f"build with ledger {with_l:.1f} s, without {without:.1f} s: "
              f"{(with_l / without - 1) * 100:+.1f}%; the ledger's own steps (all rounds) "
              f"{SPENT['records'] / args.rounds:.2f} s records, {SPENT['update'] / args.rounds:.2f} s "
              f"update per build")
        directory = work / f"ix-True-{args.rounds - 1}"
        size = (directory / "ledger.json").stat().st_size / 1e6
        with index.BriefingIndex.open(directory) as ix:
            started = time.perf_counter()
            book = index.load_ledger(ix)
            load = time.perf_counter() - started
            index.prepare(ix)
            index.ledger_clusters(ix, "trump")  # the first query reads the paragraph numbers
            answers = []
            for _round in range(5):
                for query in QUERIES:
                    started = time.perf_counter()
                    index.ledger_clusters(ix, query)
                    answers.append((time.perf_counter() - started) * 1000)
        answers.sort()
        p95 = answers[int(len(answers) * 0.95) - 1]
        print(f"ledger.json {size:.1f} MB, {len(book.stories)} stories, {len(book.clusters)} "
              f"clusters, loaded in {load:.2f} s; view p50 {statistics.median(answers):.1f} ms, "
              f"p95 {p95:.1f} ms over {len(answers)} queries")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
