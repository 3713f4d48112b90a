"""The damage matrix: each kind of index file truncated, zeroed, byte-flipped or deleted.

For every case the damage is detected (``briefing check`` exits 1 with a one-line verdict;
reading commands fail with one line naming the repair, except for a damaged ``SOURCES``,
which only the check needs), the user's index is never replaced by the seed articles nor
moved, and ``briefing check --repair`` or ``briefing index --rebuild`` gives back an index
equal to the one before the damage.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import index
from tui import cli

KINDS = ["_MAIN_*.toc", "MAIN_*.trm", "MAIN_*.pst", "MAIN_*._stored.col", "MAIN_*._text_len.col",
         "MAIN_*.article_id.col", "MAIN_*.dup_sketch.col", "briefing.json", "SOURCES"]
DAMAGES = ["truncated", "zeroed", "flipped", "deleted"]
ARTICLES = 6


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """An index of a small corpus that shares no word with the seeds ("zeppelin", no Blinken)."""
    root = tmp_path_factory.mktemp("matrix")
    corpus = root / "corpus"
    corpus.mkdir()
    for n in range(ARTICLES):
        (corpus / f"airship-news_2021-03-{n + 1:02d}_zeppelin-{n}.txt").write_text(
            f"Zeppelin report {n}\n\nThe zeppelin fleet number {n} landed, officials said on "
            f"Monday.\n\n\"We are proud of airship{n},\" the mayor said.\n", encoding="utf-8")
    directory = root / "ix"
    with index.build_index(directory, [corpus]) as ix:
        assert index.search(ix, "zeppelin").total == ARTICLES
        assert index.search(ix, "").total == 2 * ARTICLES
    return directory, corpus


def _damage(path: Path, damage: str) -> None:
    data = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "zeroed":
        path.write_bytes(bytes(len(data)))
    elif damage == "flipped":
        middle = len(data) // 2
        path.write_bytes(data[:middle] + bytes([data[middle] ^ 0x5A]) + data[middle + 1:])
    else:
        path.unlink()


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _errors(err: str) -> list[str]:
    """stderr without progress lines."""
    return [line for line in err.splitlines() if line.strip() and not line.startswith("indexing")]


@pytest.mark.parametrize("damage", DAMAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_damage_is_detected_reported_in_one_line_and_repaired(
        pristine: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], kind: str, damage: str):
    monkeypatch.setenv("BRIEFING_HOME", str(tmp_path / "home"))
    directory = tmp_path / "ix"
    shutil.copytree(pristine[0], directory)
    (target,) = directory.glob(kind)
    _damage(target, damage)
    damaged_listing = sorted(p.name for p in directory.iterdir())
    where = ["--index-dir", str(directory)]

    code, out, err = _run(capsys, "check", *where)
    assert code == 1 and out.count("\n") == 1 and "is damaged" in out, (out, err)

    code, out, err = _run(capsys, "search", "zeppelin", "--json", *where)
    if kind == "SOURCES":  # the index itself is intact: readers need only it
        assert code == 0
    else:
        assert code == 1 and out == "", out
        (line,) = _errors(err)
        assert "is damaged" in line and "briefing check --repair" in line
        assert "Traceback" not in err
    # Nothing was moved, deleted or rebuilt from the seeds by the failed read.
    assert sorted(p.name for p in directory.iterdir()) == damaged_listing
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["ix"]

    repair = (["check", "--repair"] if (KINDS.index(kind) + DAMAGES.index(damage)) % 2 == 0
              else ["index", "--rebuild"])
    code, out, err = _run(capsys, *repair, *where)
    assert code == 0, err
    code, out, err = _run(capsys, "check", *where)
    assert code == 0 and "is sound" in out
    with index.BriefingIndex.open(directory) as ix:
        assert index.search(ix, "zeppelin").total == ARTICLES
        assert index.search(ix, "").total == 2 * ARTICLES
        assert index.search(ix, "Blinken").total == 0
        assert ix.sources == [str(pristine[1])]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["ix"]


def test_when_neither_record_of_the_sources_survives_it_says_so_and_stops(
        pristine: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    directory = tmp_path / "ix"
    shutil.copytree(pristine[0], directory)
    (directory / "briefing.json").unlink()
    (directory / "SOURCES").write_text("garbage", encoding="utf-8")
    listing = sorted(p.name for p in directory.iterdir())
    where = ["--index-dir", str(directory)]
    for argv in (["search", "zeppelin"], ["check", "--repair"], ["index", "--rebuild"]):
        code, _, err = _run(capsys, *argv, *where)
        (line,) = _errors(err)
        assert code in (1, 2) and "sources are not recorded" in line, line
    assert sorted(p.name for p in directory.iterdir()) == listing
    code, _, err = _run(capsys, "index", "--rebuild", str(pristine[1]), *where)
    assert code == 0, err
    assert _run(capsys, "check", *where)[0] == 0


def test_an_index_from_before_checksums_opens_and_checks_sound(
        pristine: tuple[Path, Path], tmp_path: Path):
    """As the previous version wrote it: sizes only, no checksum, no SOURCES file."""
    directory = tmp_path / "ix"
    shutil.copytree(pristine[0], directory)
    meta_path = directory / "briefing.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    del meta["checksum"]
    meta["files"] = {name: record[0] for name, record in meta["files"].items()}
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    (directory / "SOURCES").unlink()
    with index.BriefingIndex.open(directory) as ix:
        assert index.search(ix, "zeppelin").total == ARTICLES
    assert index.check_index(directory).ok
