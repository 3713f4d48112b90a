"""List the most frequent speakers of a corpus, with the source strings merged into each.

    python bench/speakers.py --text ../shared/corpora/polnear/train/text --top 100

Runs the same extraction and cross-article speaker merging as ``briefing index`` (no index is
built) and prints, per speaker, its claim count, its kind and the source strings (the words in
the articles) that landed on it, most frequent first. Reading this list is how speaker merging
is judged: a duplicate (one person under two names), a wrong merge (someone else's words under a
name) or junk (a name that is no one) shows up in the top 100. Skips cleanly when the corpus is
absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.ingest import extract_claims  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=Path, required=True, help="folder of articles")
    parser.add_argument("--top", type=int, default=100)
    parser.add_argument("--sources", type=int, default=8, help="source strings shown per speaker")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.text.is_dir():
        print(f"corpus not found at {args.text}: skipping", file=sys.stderr)
        return 0
    articles, _skipped = extract_claims(sorted(args.text.glob("*.txt")))
    counts: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    sources: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        for claim in article.claims:
            if not claim.speaker:
                continue
            counts[claim.speaker] += 1
            kinds[claim.speaker][claim.speaker_kind] += 1
            sources[claim.speaker][" ".join(claim.source_text.split()) or "(none)"] += 1
    total = sum(1 for a in articles for c in a.claims)
    rows = [{"speaker": name, "claims": n, "kind": kinds[name].most_common(1)[0][0],
             "sources": sources[name].most_common(args.sources)}
            for name, n in counts.most_common(args.top)]
    if args.json:
        print(json.dumps({"articles": len(articles), "claims": total, "speakers": len(counts),
                          "top": rows}, ensure_ascii=False, indent=1))
        return 0
    print(f"{len(articles)} articles, {total:,} claims, {len(counts):,} named speakers")
    for rank, row in enumerate(rows, start=1):
        merged = "; ".join(f"{s} ×{n}" for s, n in row["sources"])
        print(f"{rank:3} {row['claims']:5} {row['kind']:<12} {row['speaker']}  ←  {merged}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
