"""Check the claim ledger on BASIL: quote-sharing recall, cluster counts and flags.

    python bench/ledger_eval.py --corpus ../shared/corpora/basil [--show 40] [--seed 7]

The recall check: every pair of quotation-mark spans in two outlets' articles of one story
(stories.tsv) that share five consecutive words is a pair the ledger should link. A pair is
found when both quotations sit in claims of one cluster. ``--show N`` prints N clusters picked
at random (fixed seed) for reading by hand. stories.tsv is read only to score.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import index  # noqa: E402
from index.attribution import quotes  # noqa: E402
from index.ledger import Cluster, article_record, cluster_story, describe, story_id  # noqa: E402
from index.stories import StoryArticle, group  # noqa: E402
from index.wording import words  # noqa: E402


def shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def quote_spans(article: index.Article) -> list[tuple[int, int, set]]:
    found = []
    for p in article.paragraphs:
        for s, e in quotes(p.text, 0, len(p.text)):
            grams = shingles(p.text[s:e])
            if grams:
                found.append((p.start + s, p.start + e, grams))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--show", type=int, default=0, help="print this many clusters at random")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with open(args.corpus / "stories.tsv", encoding="utf-8") as handle:
        gold = {Path(row["file"]).stem: row["story"] for row in csv.DictReader(handle, delimiter="\t")}
    articles, _ = index.extract_claims([args.corpus / "text"])
    started = time.perf_counter()
    records = {a.path: article_record(a) for a in articles}
    stories = group([StoryArticle(r.path, r.date, r.terms) for r in records.values()])
    clusters: list[Cluster] = []
    for paths in stories:
        members = [records[p] for p in paths]
        for claims in cluster_story(members):
            clusters.append(describe(story_id(paths), claims, {m.outlet for m in members},
                                    {m.doc: m.terms for m in members}))
    seconds = time.perf_counter() - started
    # Which cluster each quotation's characters belong to.
    where: dict[str, list[tuple[int, int, str]]] = {}
    for cluster in clusters:
        for claim in cluster.claims:
            for s, e in (*claim.quote, *claim.content):
                where.setdefault(claim.doc, []).append((s, e, cluster.id))

    def cluster_of(doc: str, s: int, e: int) -> set[str]:
        return {cid for cs, ce, cid in where.get(doc, []) if cs < e and s < ce}

    by_story: dict[str, list[index.Article]] = {}
    for a in articles:
        by_story.setdefault(gold[Path(a.path).stem], []).append(a)
    pairs = found = 0
    stories_with = set()
    missed: list[str] = []
    for story, members in by_story.items():
        spans = {Path(a.path).stem: (a, quote_spans(a)) for a in members}
        for (d1, (a1, q1)), (d2, (a2, q2)) in combinations(spans.items(), 2):
            if a1.outlet == a2.outlet:
                continue
            for s1, e1, g1 in q1:
                for s2, e2, g2 in q2:
                    if g1 & g2:
                        pairs += 1
                        stories_with.add(story)
                        if cluster_of(d1, s1, e1) & cluster_of(d2, s2, e2):
                            found += 1
                        else:
                            missed.append(f"{d1}@{s1}  ~  {d2}@{s2}")
    multi = [c for c in clusters if len(c.outlets) > 1]
    print(f"{len(articles)} articles, {len(stories)} stories, {len(clusters)} clusters "
          f"({sum(len(c.outlets) == 3 for c in clusters)} in three outlets); "
          f"ledger built in {seconds:.2f} s")
    print(f"quote-sharing pairs {pairs} in {len(stories_with)} stories; linked {found} "
          f"(recall {found / pairs if pairs else 0:.3f})")
    for flag in ("speaker_differs", "wording_differs", "numbers_differ", "negation_differs"):
        print(f"  {flag}: {sum(c.flags[flag] for c in multi)}")
    print("  missing_from non-empty:", sum(bool(c.missing_from) for c in multi))
    if args.show:
        texts = {Path(a.path).stem: Path(a.path).read_text(encoding="utf-8") for a in articles}
        for cluster in random.Random(args.seed).sample(clusters, min(args.show, len(clusters))):
            print_cluster(cluster, texts)
    return 0


def print_cluster(cluster: Cluster, texts: dict[str, str]) -> None:
    print(f"\n== {cluster.id} story {cluster.story} flags "
          f"{[k for k, v in cluster.flags.items() if v]} missing {list(cluster.missing_from)}")
    for claim in cluster.claims:
        text = texts[claim.doc]
        first = "*" if claim in cluster.first else " "
        para = " ".join(text[s:e] for s, e in claim.content)[:300]
        print(f" {first} {claim.outlet[:8]:8} {claim.date} [{claim.speaker} / {claim.speaker_kind}] {para}")
        for change in cluster.changes.get(claim.doc, ()):
            print(f"      {change.op}: {' '.join(change.ref)!r} -> {' '.join(change.got)!r}")


if __name__ == "__main__":
    sys.exit(main())
