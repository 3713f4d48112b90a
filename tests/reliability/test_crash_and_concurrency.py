"""kill -9 at any moment leaves the previous index searchable; the next run just works.
Readers and writers in different processes never see a half-written index."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import index

from ..conftest import SEEDS

ARTICLES = 300
WRITER = """
import sys
from pathlib import Path
import index
ix = index.BriefingIndex.open(Path(sys.argv[1]))
print("writing", flush=True)
ix.update([Path(sys.argv[2])], wait=30)
print("done", flush=True)
"""


def _corpus(folder: Path, count: int = ARTICLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"wire_2021-02-{n % 28 + 1:02d}_story-{n}.txt").write_text(
            f"Story number {n}\n\nOfficials said on Friday that item{n} would be reviewed, "
            f"according to a statement. \"We will act,\" the minister said of item{n}.\n\n"
            f"A second paragraph about item{n} and the talks in Beijing.\n")
    return folder


@pytest.fixture(scope="module")
def base_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("crash") / "index"
    index.build_index(directory, [SEEDS]).close()
    return directory


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _corpus(tmp_path_factory.mktemp("crash-corpus") / "articles")


def _count(directory: Path) -> int:
    with index.BriefingIndex.open(directory) as ix:
        result = index.search(ix, "")
        assert index.search(ix, "Blinken").total > 0
        return result.total


@pytest.mark.parametrize("delay", [0.0, 0.15, 0.4, 0.8, 1.5, 3.0])
def test_kill_9_during_indexing_leaves_a_usable_index(base_index: Path, corpus: Path,
                                                      tmp_path: Path, delay: float):
    directory = tmp_path / "index"
    shutil.copytree(base_index, directory)
    before = _count(directory)
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(directory), str(corpus)],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "writing"
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait()
    after_kill = _count(directory)
    complete = before + 2 * ARTICLES
    assert after_kill in (before, complete)
    # The next run needs no cleanup: no stale lock, no half-written segment in the way.
    with index.BriefingIndex.open(directory) as ix:
        ix.update([SEEDS, corpus], wait=5)
    assert _count(directory) == complete


def test_two_writers_one_waits_or_fails_cleanly(base_index: Path, corpus: Path, tmp_path: Path):
    directory = tmp_path / "index"
    shutil.copytree(base_index, directory)
    env = {**os.environ, "BRIEFING_HOME": str(tmp_path)}
    command = [sys.executable, "-m", "tui.cli", "index", str(corpus), "--index-dir",
               str(directory), "--wait", "0"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=env) for _ in range(2)]
    outcomes = [(r.wait(timeout=300), r.stderr.read()) for r in runs]
    for code, err in outcomes:
        assert code == 0 or (code == 1 and "is busy" in err), err
        assert "Traceback" not in err
    assert any(code == 0 for code, _ in outcomes)
    assert _count(directory) == _count(base_index) + 2 * ARTICLES


def test_two_index_runs_at_once_add_each_file_once(base_index: Path, corpus: Path, tmp_path: Path):
    """Both runs plan before either commits; the second re-plans once it holds the lock, so it
    finds the first one's files unchanged instead of adding them all again."""
    directory = tmp_path / "index"
    shutil.copytree(base_index, directory)
    env = {**os.environ, "BRIEFING_HOME": str(tmp_path)}
    command = [sys.executable, "-m", "tui.cli", "index", str(corpus), "--index-dir",
               str(directory), "--wait", "120", "--json"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=env) for _ in range(2)]
    outcomes = [(r.wait(timeout=300), r.stdout.read(), r.stderr.read()) for r in runs]
    reports = []
    for code, out, err in outcomes:
        assert code == 0 and "Traceback" not in err, err
        reports.append(json.loads(out))
    assert sorted((r["added"], r["unchanged"]) for r in reports) == [(0, ARTICLES), (ARTICLES, 0)]
    assert _count(directory) == _count(base_index) + 2 * ARTICLES
    with index.BriefingIndex.open(directory) as ix:
        assert index.search(ix, "item7").total == 2


UPDATES = """
import sys
from pathlib import Path
import index
for folder in sys.argv[2:]:
    with index.BriefingIndex.open(Path(sys.argv[1])) as ix:
        ix.update([Path(folder)], wait=30)
"""


def test_reads_during_commits_answer_from_one_committed_state(base_index: Path, tmp_path: Path):
    """Searches, paragraph lookups and stats in four readers while another process commits
    three times (each merging segments and deleting the files the readers had open): a reader
    never sees a partial commit, every answer is a whole commit's, none fails."""
    directory = tmp_path / "index"
    shutil.copytree(base_index, directory)
    before = _count(directory)
    folders = [_corpus(tmp_path / f"more-{n}", 60) for n in range(3)]
    for n, folder in enumerate(folders):  # distinct stories per folder
        for path in folder.iterdir():
            path.write_text(path.read_text().replace("item", f"batch{n}item"))
    allowed = {before + 120 * n for n in range(4)}
    seen: set[int] = set()
    errors: list[BaseException] = []
    stop = threading.Event()

    def read() -> None:
        with index.BriefingIndex.open(directory) as ix:
            while not stop.is_set():
                try:
                    result = index.search(ix, "")
                    seen.add(result.total)
                    assert result.total in allowed, result.total
                    assert index.get_paragraph(ix, result.hits[-1].id).hit.id == result.hits[-1].id
                    assert index.index_stats(ix)
                except BaseException as exc:
                    errors.append(exc)
                    return

    readers = [threading.Thread(target=read) for _ in range(4)]
    for reader in readers:
        reader.start()
    writer = subprocess.run([sys.executable, "-c", UPDATES, str(directory), *map(str, folders)],
                            capture_output=True, text=True, timeout=300)
    time.sleep(0.3)
    stop.set()
    for reader in readers:
        reader.join()
    assert writer.returncode == 0, writer.stderr
    assert not errors, errors[0]
    assert before + 360 in seen
    assert index.check_index(directory).ok


KILL_AT = """
import os, signal, sys
from pathlib import Path
from whoosh import writing
import index
step = sys.argv[3]
original = getattr(writing.SegmentWriter, step)
def dying(self, *args, **kwargs):
    if step == "_commit_toc":
        os.kill(os.getpid(), signal.SIGKILL)
    result = original(self, *args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)
    return result
setattr(writing.SegmentWriter, step, dying)
ix = index.BriefingIndex.open(Path(sys.argv[1]))
ix.update([Path(sys.argv[2])], wait=30)
"""


@pytest.mark.parametrize("step", ["_merge_segments", "_finalize_segment", "_commit_toc"])
def test_kill_9_at_each_commit_step(base_index: Path, tmp_path: Path, step: str):
    """The kill-point test SQLite uses: die just before or after each step of the commit."""
    directory = tmp_path / "index"
    shutil.copytree(base_index, directory)
    before = _count(directory)
    corpus = _corpus(tmp_path / "articles", 40)
    child = subprocess.run([sys.executable, "-c", KILL_AT, str(directory), str(corpus), step],
                           capture_output=True, text=True, timeout=300)
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert _count(directory) == before
    with index.BriefingIndex.open(directory) as ix:
        ix.update([SEEDS, corpus], wait=5)
    assert _count(directory) == before + 80
