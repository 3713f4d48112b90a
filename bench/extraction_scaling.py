"""How extraction time grows with the text: the time for 4x the text over the time for 1x.

Linear extraction gives a ratio near 4; a quadratic path gives near 16. Each crafted text is
one the issue (#19) measured stalling a run: repeated "according to" clauses, initials,
"said" lines, run-on "he said", quoted sentences, a page with a huge tag, a large feed.

    python bench/extraction_scaling.py [--base 50000] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index import feeds, webpages  # noqa: E402
from index.ingest import article_from_text  # noqa: E402

TEXTS = {
    "according to": "according to officials ",
    "initials": "A. ",
    "said lines": "\"We will go,\" he said.\n",
    "run-on he said": "he said ",
    "quoted sentences": "“We will go,” he said. ",
}


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _time(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _text(unit: str, size: int):
    text = "Title\n\n" + _repeat(unit, size)
    return lambda: article_from_text(Path("crafted.txt"), text, "0", None)


def _page(size: int):
    attributes = _repeat('a="x" ', size)
    body = "<p>The minister said the talks would resume next week in Geneva.</p>" * 5
    data = f"<html><body><div {attributes}>x</div><article>{body}</article></body></html>"
    return lambda: webpages.extract(data.encode(), "page.html")


def _feed(size: int):
    entry = "<item><title>Entry</title><description>Officials said it.</description></item>"
    count = min(size // len(entry), feeds.MAX_FEED_ENTRIES)
    data = f"<rss version='2.0'><channel><title>F</title>{entry * count}</channel></rss>"
    return lambda: feeds.entries(data.encode(), "feed.rss")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", type=int, default=50_000, help="characters at 1x")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    cases = {name: (lambda size, unit=unit: _text(unit, size)) for name, unit in TEXTS.items()}
    cases["page with a huge tag"] = _page
    cases["feed entries (up to the limit)"] = _feed
    rows = []
    print("| text | 1x s | 4x s | ratio |\n| --- | --- | --- | --- |")
    for name, make in cases.items():
        make(args.base // 10)()  # imports and caches warm, outside the timing
        small = _time(make(args.base // 4 if "feed" in name else args.base))
        large = _time(make(args.base if "feed" in name else 4 * args.base))
        rows.append({"text": name, "small_s": small, "large_s": large, "ratio": large / small})
        print(f"| {name} | {small:.2f} | {large:.2f} | {large / small:.1f} |", flush=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
