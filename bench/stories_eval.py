"""Score story grouping (index/stories.py) against BASIL's stories.tsv.

    python bench/stories_eval.py --corpus ../shared/corpora/basil

Prints pairwise precision/recall/F1 (pairs of articles put in one story) and B-cubed
precision/recall/F1, and the stories that are wrong. stories.tsv is read only to score.
"""

from __future__ import annotations

import argparse
import csv
import sys
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import index  # noqa: E402
from index.ledger import article_record  # noqa: E402
from index.stories import StoryArticle, group  # noqa: E402


def pairs(groups: list[list[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for g in groups for p in combinations(g, 2)}


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def bcubed(found: list[list[str]], gold: dict[str, str]) -> tuple[float, float]:
    where = {k: tuple(g) for g in found for k in g}
    gold_groups: dict[str, set[str]] = {}
    for k, s in gold.items():
        gold_groups.setdefault(s, set()).add(k)
    precision = recall = 0.0
    for k in gold:
        mine = set(where[k])
        theirs = gold_groups[gold[k]]
        precision += len(mine & theirs) / len(mine)
        recall += len(mine & theirs) / len(theirs)
    return precision / len(gold), recall / len(gold)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True, help="BASIL folder (text/, stories.tsv)")
    args = parser.parse_args()
    with open(args.corpus / "stories.tsv", encoding="utf-8") as handle:
        gold = {Path(row["file"]).stem: row["story"] for row in csv.DictReader(handle, delimiter="\t")}
    articles, _failed = index.extract_claims([args.corpus / "text"])
    # The words the index keeps for each article (its 150 most frequent), as the ledger groups.
    found = group([StoryArticle(Path(a.path).stem, a.date, article_record(a).terms)
                   for a in articles])
    gold_groups: dict[str, list[str]] = {}
    for k, s in gold.items():
        gold_groups.setdefault(s, []).append(k)
    mine, theirs = pairs(found), pairs(list(gold_groups.values()))
    p = len(mine & theirs) / len(mine) if mine else 0.0
    r = len(mine & theirs) / len(theirs)
    bp, br = bcubed(found, gold)
    print(f"articles {len(articles)}, stories found {len(found)}, gold {len(gold_groups)}")
    print(f"pairwise P {p:.3f} R {r:.3f} F1 {f1(p, r):.3f}")
    print(f"B-cubed  P {bp:.3f} R {br:.3f} F1 {f1(bp, br):.3f}")
    for g in found:
        if len({gold[k] for k in g}) > 1 or len(g) != len(gold_groups[gold[g[0]]]):
            print("  ", " | ".join(g))
    return 0


if __name__ == "__main__":
    sys.exit(main())
