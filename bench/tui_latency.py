"""How fast the browser feels: process start to first frame, and keystroke to results painted.

    python bench/tui_latency.py [--index-dir DIR] [--query TEXT]... [--rounds N] [--json OUT]

Without --index-dir it measures the bundled seeds (built into a temporary folder first). First
frame is timed in a fresh process, headless, from interpreter start (the parent's clock before
spawning) to the first refresh after the main screen mounts, and to the first results painted.
Keystroke latency types each query one key at a time under Pilot and times each key from the
press to the refresh after its own results arrive.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = r"""
import sys, time
from pathlib import Path
from tui.app import BriefingApp
from tui.screens.browse import BrowseScreen

class Timed(BriefingApp):
    marks = {}
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self._mark, "first_frame")
    def _mark(self, name):
        self.marks.setdefault(name, time.time())

original = BrowseScreen.on_results_ready
def on_results_ready(self, message):
    original(self, message)
    self.app.call_after_refresh(self.app._mark, "first_results")
    self.app.call_after_refresh(self.app.exit)
BrowseScreen.on_results_ready = on_results_ready

app = Timed(Path(sys.argv[1]), Path(sys.argv[2]))
app.run(headless=True, size=(120, 40))
print(app.marks["first_frame"], app.marks["first_results"])
"""


def first_frame(index_dir: Path, rounds: int) -> dict[str, float]:
    frames, results = [], []
    with tempfile.TemporaryDirectory() as home:
        for _ in range(rounds):
            started = time.time()
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(index_dir), str(Path(home) / "session.json")],
                capture_output=True, text=True, check=True, cwd=ROOT,
                env={**os.environ, "BRIEFING_HOME": home},
            ).stdout.split()
            frames.append(float(out[0]) - started)
            results.append(float(out[1]) - started)
    return {"first_frame_s": statistics.median(frames),
            "first_results_s": statistics.median(results)}


DEFAULT_QUERIES = ["taiwan strait human rights", "clinton email server"]


async def keystrokes(index_dir: Path, queries: list[str], rounds: int) -> dict[str, float]:
    from tui.app import BriefingApp
    from tui.screens.browse import BrowseScreen

    painted: dict[str, float] = {}
    original = BrowseScreen.on_results_ready
    original_failed = BrowseScreen.on_search_failed

    def on_results_ready(self, message):
        original(self, message)
        self.app.call_after_refresh(lambda q=message.query: painted.setdefault(q, time.perf_counter()))

    def on_search_failed(self, message):  # "t" alone is no query: its answer is a message
        original_failed(self, message)
        self.app.call_after_refresh(lambda q=message.query: painted.setdefault(q, time.perf_counter()))

    BrowseScreen.on_results_ready = on_results_ready  # type: ignore[method-assign]
    BrowseScreen.on_search_failed = on_search_failed  # type: ignore[method-assign]
    latencies: list[float] = []
    by_query: dict[str, list[float]] = defaultdict(list)
    try:
        with tempfile.TemporaryDirectory() as home:
            app = BriefingApp(index_dir, Path(home) / "session.json")
            async with app.run_test(size=(120, 40)) as pilot:
                while app.index is None:
                    await pilot.pause(0.05)
                await app.workers.wait_for_complete()
                await pilot.pause(0.2)
                field = app.screen.query_one("#query")
                for _, query in itertools.product(range(rounds), queries):
                    await pilot.press("slash")
                    field.value = ""  # type: ignore[attr-defined]
                    await app.workers.wait_for_complete()
                    await pilot.pause(0.1)
                    painted.clear()
                    typed = ""
                    for ch in query:
                        typed += ch
                        # Insert the character as the Input's key handler does, so Pilot's own
                        # event-loop round trips are not counted as the app's latency.
                        pressed = time.perf_counter()
                        field.insert_text_at_cursor(ch)  # type: ignore[attr-defined]
                        while typed not in painted:
                            await asyncio.sleep(0.001)
                        latencies.append(painted[typed] - pressed)
                        by_query[query].append(painted[typed] - pressed)
                        await pilot.pause(0.05)  # a fast typist: ~20 keys per second
    finally:
        BrowseScreen.on_results_ready = original  # type: ignore[method-assign]
        BrowseScreen.on_search_failed = original_failed  # type: ignore[method-assign]
    return {"keystrokes": len(latencies), **_percentiles("keystroke", latencies),
            "by_query": {q: _percentiles("keystroke", times) for q, times in by_query.items()}}


def _percentiles(name: str, seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    return {f"{name}_p50_ms": round(1000 * ordered[len(ordered) // 2], 1),
            f"{name}_p95_ms": round(1000 * ordered[max(0, int(len(ordered) * 0.95) - 1)], 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index-dir", type=Path)
    # One query whose later words match little (the list empties) and one with a common word
    # whose results fill the list on every keystroke: the second is the expensive case.
    parser.add_argument("--query", action="append",
                        help="default: 'taiwan strait human rights' and 'clinton email server'")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    import index

    with tempfile.TemporaryDirectory() as tmp:
        index_dir = args.index_dir
        if index_dir is None:
            index_dir = Path(tmp) / "seed-index"
            index.build_index(index_dir, [index.bundled_seeds_dir()]).close()
        with index.BriefingIndex.open(index_dir) as ix:
            paragraphs = ix.paragraph_count()
        figures = {"index_dir": str(args.index_dir or "seeds"), "paragraphs": paragraphs,
                   **first_frame(index_dir, args.rounds),
                   **asyncio.run(keystrokes(index_dir, args.query or DEFAULT_QUERIES, args.rounds))}
    text = json.dumps(figures, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")


if __name__ == "__main__":
    main()
