"""A full disk, a read-only file system or a forbidden folder while indexing; reads that meet
a commit or a damaged file."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage

import index
from index import store
from tui import cli

from ..conftest import SEEDS


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("writes") / "ix"
    index.build_index(directory, [SEEDS]).close()
    return directory


def _new_articles(folder: Path) -> Path:
    folder.mkdir()
    for n in range(30):
        (folder / f"wire_2021-02-{n % 28 + 1:02d}_item-{n}.txt").write_text(
            f"Item {n}\n\nOfficials said item{n} would be reviewed.\n", encoding="utf-8")
    return folder


def _listing(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
@pytest.mark.parametrize("when", [".pst", ".toc"])
def test_a_failed_write_is_one_line_and_leaves_the_index_as_it_was(
        base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], code: int, when: str):
    """The system refuses the postings file (mid-way through writing the segment) or the new
    TOC (the commit itself): one line naming the file, exit 1, the previous index searchable
    and sound, and nothing left behind (no segment files, no temporary files or folders)."""
    monkeypatch.setenv("BRIEFING_HOME", str(tmp_path / "home"))
    directory = tmp_path / "ix"
    shutil.copytree(base, directory)
    before = _listing(directory)
    articles = _new_articles(tmp_path / "new")
    original = FileStorage.create_file

    def refusing(self, name, *args, **kwargs):
        if when in name:
            raise OSError(code, os.strerror(code), os.path.join(self.folder, name))
        return original(self, name, *args, **kwargs)

    monkeypatch.setattr(FileStorage, "create_file", refusing)
    status = cli.main(["index", str(articles), "--index-dir", str(directory)])
    err = [line for line in capsys.readouterr().err.splitlines()
           if line.strip() and not line.startswith("indexing")]
    assert status == 1
    (line,) = err
    assert line.startswith("briefing: error: cannot write ") and str(directory) in line
    assert os.strerror(code) in line
    monkeypatch.undo()
    assert _listing(directory) == before
    assert index.check_index(directory).ok
    with index.BriefingIndex.open(directory) as ix:
        assert ix.paragraph_count() == 28
        # The next run just works.
        assert ix.update([articles]).added == 30


def test_a_rebuild_that_fails_leaves_the_old_index_and_no_staging(
        base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]):
    monkeypatch.setenv("BRIEFING_HOME", str(tmp_path / "home"))
    directory = tmp_path / "ix"
    shutil.copytree(base, directory)
    original = FileStorage.create_file

    def full(self, name, *args, **kwargs):
        if name.endswith(".trm"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.path.join(self.folder, name))
        return original(self, name, *args, **kwargs)

    monkeypatch.setattr(FileStorage, "create_file", full)
    assert cli.main(["index", "--rebuild", "--index-dir", str(directory)]) == 1
    assert "No space left on device" in capsys.readouterr().err
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["ix"]
    assert index.check_index(directory).ok


def test_staging_folders_of_dead_rebuilds_are_swept(base: Path, tmp_path: Path):
    directory = tmp_path / "ix"
    shutil.copytree(base, directory)
    dead = tmp_path / ".ix.building-999999999"  # no such process
    shutil.copytree(base, dead)
    (tmp_path / "ix.damaged-1700000000").mkdir()  # left by an older version
    index.rebuild_index(directory, [SEEDS]).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ix"]
    shutil.copytree(base, dead)  # and by the next run that writes
    (tmp_path / "new.txt").write_text("Zeppelins\n\nZeppelins return.\n", encoding="utf-8")
    with index.BriefingIndex.open(directory) as ix:
        ix.update([tmp_path / "new.txt"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ix", "new.txt"]


def test_a_rebuild_from_sources_that_are_gone_keeps_the_old_index_and_says_where(
        base: Path, tmp_path: Path):
    directory = tmp_path / "ix"
    shutil.copytree(base, directory)
    notes: list[str] = []
    with index.rebuild_index(directory, [SEEDS, tmp_path / "gone"], notify=notes.append) as ix:
        assert ix.paragraph_count() == 28
    (kept,) = tmp_path.glob("ix.replaced-*")
    assert str(kept) in notes[0]
    assert index.check_index(kept).ok


def test_an_explicit_index_dir_without_an_index_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    for argv in (["search", "taiwan"], ["stats"], ["tui"], ["check"]):
        assert cli.main([*argv, "--index-dir", str(tmp_path / "nowhere")]) == 2
        err = capsys.readouterr().err.strip()
        assert f"no index in {tmp_path / 'nowhere'}" in err and "\n" not in err
    assert not (tmp_path / "nowhere").exists()


def test_an_index_others_may_write_is_refused(base: Path, tmp_path: Path):
    directory = tmp_path / "ix"
    shutil.copytree(base, directory)
    directory.chmod(0o777)
    with pytest.raises(index.BriefingError, match="others may write to it"):
        index.BriefingIndex.open(directory)
    directory.chmod(0o770)
    if store._private_group(directory.stat().st_gid):  # umask 002: the user's own group
        index.BriefingIndex.open(directory).close()
    else:
        with pytest.raises(index.BriefingError, match="others may write to it"):
            index.BriefingIndex.open(directory)
    directory.chmod(0o700)
    index.BriefingIndex.open(directory).close()


def test_new_index_folders_are_private(tmp_path: Path):
    with index.build_index(tmp_path / "ix", [SEEDS]) as ix:
        assert ix.directory.stat().st_mode & 0o777 == 0o700


def test_damage_after_opening_is_reported_as_damage_not_as_a_bad_query(base: Path, tmp_path: Path):
    """The file checks passed at open; the terms are then overwritten in place (same size):
    the search fails as a damaged index naming the check, never as a query error."""
    directory = tmp_path / "ix"
    shutil.copytree(base, directory)
    with index.BriefingIndex.open(directory) as ix:
        assert index.search(ix, "said").total > 0
        ix.drop_searcher()
        (postings,) = directory.glob("MAIN_*.trm")
        with open(postings, "r+b") as handle:
            handle.write(bytes(postings.stat().st_size))
        with pytest.raises(index.IndexDamaged, match="check --repair"):
            index.search(ix, "said")
        with pytest.raises(index.IndexDamaged):
            index.index_stats(ix)


def test_a_read_that_fails_once_is_retried_on_a_fresh_searcher(base: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch):
    """As when a commit replaces the files an old searcher was reading: the first attempt
    fails, the second (on a new searcher) answers; failing twice is a damaged index."""
    directory = tmp_path / "ix"
    shutil.copytree(base, directory)
    with index.BriefingIndex.open(directory) as ix:
        expected = index.get_paragraph(ix, index.search(ix, "said").hits[0].id)
        original = ix.searcher
        failures = iter([True])

        def flaky():
            searcher = original()
            if next(failures, False):
                searcher.close()  # reading a closed searcher fails like a replaced one
            return searcher

        monkeypatch.setattr(ix, "searcher", flaky)
        assert index.get_paragraph(ix, expected.hit.id) == expected
        failures = iter([True, True])
        with pytest.raises(index.IndexDamaged, match="could not be read"):
            index.get_paragraph(ix, expected.hit.id)


def test_a_commit_whose_record_cannot_be_written_is_recorded_by_the_next_run(
        base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]):
    """The disk fills between the commit and the meta file: the commit stands and the message
    says so; the next run over the same folder, with nothing to add, records its sources."""
    monkeypatch.setenv("BRIEFING_HOME", str(tmp_path / "home"))
    directory = tmp_path / "ix"
    shutil.copytree(base, directory)
    articles = _new_articles(tmp_path / "new")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(directory / "briefing.json"))

    monkeypatch.setattr("index.store.write_meta", full)
    assert cli.main(["index", str(articles), "--index-dir", str(directory)]) == 1
    (line,) = [x for x in capsys.readouterr().err.splitlines() if not x.startswith("indexing")]
    assert "indexed, but cannot record it" in line and "No space left on device" in line
    monkeypatch.undo()
    assert str(articles) not in index.recorded_sources(directory)
    assert cli.main(["index", str(articles), "--index-dir", str(directory)]) == 0
    assert str(articles) in index.recorded_sources(directory)
    assert index.check_index(directory).ok
    with index.BriefingIndex.open(directory) as ix:
        assert ix.paragraph_count() == 28 + 30


def test_a_rebuild_never_replaces_a_folder_that_is_not_an_index(tmp_path: Path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "thesis.txt").write_text("years of work", encoding="utf-8")
    with pytest.raises(index.BriefingError, match="holds files but no briefing index"):
        index.rebuild_index(folder, [SEEDS])
    assert [p.name for p in folder.iterdir()] == ["thesis.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["documents"]


def test_rebuild_with_paths_holds_exactly_those_paths(base: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]):
    """`index --rebuild SRC` on an existing index: the result holds SRC alone (it used to keep
    everything and print the old count), and records SRC as its only source."""
    monkeypatch.setenv("BRIEFING_HOME", str(tmp_path / "home"))
    directory = tmp_path / "ix"
    shutil.copytree(base, directory)
    articles = _new_articles(tmp_path / "new")
    assert cli.main(["index", "--rebuild", str(articles), "--index-dir", str(directory)]) == 0
    assert "rebuilt" in capsys.readouterr().err
    with index.BriefingIndex.open(directory) as ix:
        assert ix.paragraph_count() == 30
        assert index.search(ix, "Blinken").total == 0
        assert ix.sources == [str(articles)]
