"""Score claim attribution on a PolNeAR split and measure extraction speed.

    python bench/attribution_eval.py --gold ../shared/corpora/polnear/dev/attributions \
        --text ../shared/corpora/polnear/dev/text

Runs the same extractor as ``briefing claims --json`` on every text, writes the predictions
(JSON lines) next to ``--out``, then scores them with the reference scorer
(``../shared/tools/attribution_score.py``, run as a program, never copied) so the figures are
by definition the reference metrics. Throughput is words per second of extraction alone
(parsing and claims; no index), in this one process, by the clock and by CPU time. Skips
cleanly when the corpus is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.claims import claim_record  # noqa: E402
from index.ingest import extract_claims  # noqa: E402

DEFAULT_SCORER = ROOT.parent / "shared" / "tools" / "attribution_score.py"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, required=True, help="brat .ann folder")
    parser.add_argument("--text", type=Path, required=True, help="article .txt folder")
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--out", type=Path, default=Path("bench/results/claims.jsonl"))
    args = parser.parse_args()
    if not args.text.is_dir() or not args.gold.is_dir():
        print(f"corpus not found at {args.text} / {args.gold}: skipping", file=sys.stderr)
        return 0
    texts = sorted(args.text.glob("*.txt"))
    words = sum(len(re.findall(r"\w+", p.read_text(encoding="utf-8"))) for p in texts)
    started, cpu_started = time.perf_counter(), time.process_time()
    articles, failed = extract_claims(texts)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as handle:
        for article in articles:
            for claim in article.claims:
                handle.write(json.dumps(claim_record(article, claim), ensure_ascii=False) + "\n")
    claims = sum(len(a.claims) for a in articles)
    print(f"{len(articles)} articles, {len(failed)} skipped, {claims} claims, {words:,} words "
          f"in {seconds:.2f} s = {words / seconds:,.0f} words/s ({cpu:.2f} s CPU = "
          f"{words / cpu:,.0f} words/s: on a shared machine the CPU time is the steadier figure)")
    if not args.scorer.is_file():
        print(f"reference scorer not found at {args.scorer}: predictions are in {args.out}")
        return 0
    return subprocess.call([sys.executable, str(args.scorer), "--gold", str(args.gold),
                            "--text-dir", str(args.text), "--pred", str(args.out), "--mode", "all"])


if __name__ == "__main__":
    sys.exit(main())
