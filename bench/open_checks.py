"""What verifying an index on open costs: sizes and meta only, against sizes plus the CRC-32
of every file up to 64 MB (what ``BriefingIndex.open`` does), against the full check.

    python bench/open_checks.py --corpus ../shared/corpora/polnear/train/text

Builds the corpus into a temporary folder (or takes ``--index-dir``), then times each way of
opening, best of ``--rounds``; prints one JSON object. A ratio, not a test assertion.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import index
from index.integrity import OPEN_CRC_LIMIT
from index.store import BriefingIndex


def _best(function, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, help="folder to build (unless --index-dir)")
    parser.add_argument("--index-dir", type=Path, help="an index built already")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        directory = args.index_dir
        if directory is None:
            directory = Path(scratch) / "ix"
            index.build_index(directory, [args.corpus]).close()
        sizes = _best(lambda: BriefingIndex.open(directory, crc_limit=0).close(), args.rounds)
        crcs = _best(lambda: BriefingIndex.open(directory, crc_limit=OPEN_CRC_LIMIT).close(),
                     args.rounds)
        check = _best(lambda: index.check_index(directory), 1)
        size = sum(p.stat().st_size for p in directory.iterdir() if p.is_file())
    print(json.dumps({
        "index_mb": round(size / 1e6, 1),
        "open_sizes_ms": round(sizes * 1000, 1),
        "open_crc_ms": round(crcs * 1000, 1),
        "crc_over_sizes": round(crcs / sizes, 2),
        "full_check_s": round(check, 2),
    }))


if __name__ == "__main__":
    main()
