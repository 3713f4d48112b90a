"""Measure "also reported by" links on a corpus, and print a random sample to read.

    python bench/links.py --text ../shared/corpora/polnear/dev/text --sample 40
    python bench/links.py --text ../shared/corpora/basil/text --sample 40

Builds an index of the folder (in a temporary directory unless ``--index-dir`` is given), asks
``index.related`` for every paragraph that has claims, and reports coverage (the share of those
paragraphs that get at least one link), the time per call, how links spread over their targets (a paragraph that
many others link to is a hub; the top ones are listed with their length), and a seeded random
sample of links with both paragraphs' text, to be judged by reading as the same claim, the
same event, related or unrelated. Skips cleanly when the corpus is absent.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import index  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=Path, required=True, help="folder of articles")
    parser.add_argument("--index-dir", type=Path, help="reuse or build the index here")
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--limit", type=int, default=3, help="links asked per paragraph")
    args = parser.parse_args()
    if not args.text.is_dir():
        print(f"corpus not found at {args.text}: skipping", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        directory = args.index_dir or Path(scratch) / "index"
        if (directory / "briefing.json").exists():
            ix = index.open_index(directory, seeds_if_missing=False)
        else:
            ix = index.build_index(directory, [args.text])
        with ix:
            report(ix, args)
    return 0


def report(ix, args) -> None:
    paragraphs = [hit for article in index.list_articles(ix)
                  for hit in index.get_article(ix, article.article_id)]
    by_id = {hit.id: hit for hit in paragraphs}
    with_claims = [hit for hit in paragraphs if hit.claims]
    links: list[tuple[str, str, float]] = []
    linked = 0
    times: list[float] = []
    for hit in with_claims:
        began = time.perf_counter()
        found = index.related(ix, hit.id, limit=args.limit)
        times.append(time.perf_counter() - began)
        linked += bool(found)
        links.extend((hit.id, other.id, other.score) for other in found)
    targets = Counter(target for _, target, _ in links)
    lengths = [len(hit.text) for hit in paragraphs]
    print(f"{len(paragraphs):,} paragraphs (mean {statistics.mean(lengths):.0f} chars), "
          f"{len(with_claims):,} with claims")
    print(f"coverage: {linked:,} of {len(with_claims):,} paragraphs with claims get a link "
          f"({linked / max(len(with_claims), 1):.1%}); {len(links):,} links, "
          f"{len(targets):,} distinct targets")
    times.sort()
    if times:
        print(f"time per related(): median {1000 * times[len(times) // 2]:.1f} ms, "
              f"p95 {1000 * times[int(len(times) * 0.95)]:.1f} ms")
    if targets:
        top = targets.most_common(5)
        share = sum(n for _, n in top) / len(links)
        print(f"hubs: the 5 most linked paragraphs receive {share:.1%} of links")
        for target, n in top:
            print(f"  {n:4} links → {target} ({len(by_id[target].text)} chars)")
    rng = random.Random(args.seed)
    firsts = [(source, target, score) for source, target, score in links
              if target == next(t for s, t, _ in links if s == source)]
    for number, (source, target, score) in enumerate(
            rng.sample(firsts, min(args.sample, len(firsts))), start=1):
        a, b = by_id[source], by_id[target]
        print(f"\n#{number} score {score}")
        print(f"  A {a.outlet} {a.date} ¶{a.paragraph} [{'; '.join(a.speakers)}]: {a.text[:400]}")
        print(f"  B {b.outlet} {b.date} ¶{b.paragraph} [{'; '.join(b.speakers)}]: {b.text[:400]}")


if __name__ == "__main__":
    raise SystemExit(main())
