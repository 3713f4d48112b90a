import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import index
from index.schema import SCHEMA_VERSION
from index.store import META_FILE


def _build(tmp_path: Path, source: Path) -> index.BriefingIndex:
    return index.build_index(tmp_path / "ix", [source])


def test_reindexing_unchanged_files_changes_nothing(tmp_path: Path, seed_copy: Path):
    with _build(tmp_path, seed_copy) as ix:
        before = sorted(os.listdir(ix.directory))
        report = ix.update([seed_copy])
        assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 2)
        assert not report.changed
        assert sorted(os.listdir(ix.directory)) == before


def test_changed_file_replaces_its_paragraphs(tmp_path: Path, seed_copy: Path):
    with _build(tmp_path, seed_copy) as ix:
        hill = seed_copy / "the-hill_2021-02-05_blinken-first-call.txt"
        text = hill.read_text()
        hill.write_text(text.replace("\nTags ", "\nA new closing paragraph about zeppelins.\n\nTags "))
        report = ix.update([seed_copy])
        assert (report.added, report.updated, report.unchanged) == (0, 1, 1)
        result = index.search(ix, "zeppelins")
        assert result.total == 1 and result.hits[0].outlet == "The Hill"
        assert index.search(ix, "", outlets=["The Hill"]).total == 12


def test_deleted_file_is_removed(tmp_path: Path, seed_copy: Path):
    with _build(tmp_path, seed_copy) as ix:
        (seed_copy / "sgh-insight_2021-02-10_frosty-yang-blinken-call.txt").unlink()
        report = ix.update([seed_copy])
        assert report.removed == 1
        assert index.search(ix, "").facets["outlet"] == {"The Hill": 11}


def test_broken_file_is_reported_and_the_rest_indexed(tmp_path: Path, seed_copy: Path):
    (seed_copy / "broken.txt").write_bytes(b"\x00\x01binary" * 100)
    (seed_copy / "empty.md").write_text("")
    with _build(tmp_path, seed_copy) as ix:
        result = index.search(ix, "Taiwan")
        assert {h.outlet for h in result.hits} == {"The Hill", "SGH Insight"}
        report = ix.update([seed_copy])
        reasons = {Path(s.path).name: s.reason for s in report.failed}
        assert reasons == {"broken.txt": "binary file (NUL bytes)", "empty.md": "empty file"}


def test_a_file_that_breaks_keeps_its_previous_version(tmp_path: Path, seed_copy: Path):
    with _build(tmp_path, seed_copy) as ix:
        hill = seed_copy / "the-hill_2021-02-05_blinken-first-call.txt"
        hill.write_bytes(b"\x00" * 100)
        report = ix.update([seed_copy])
        assert len(report.failed) == 1 and report.removed == 0
        assert index.search(ix, "", outlets=["The Hill"]).total == 11


def test_identical_copies_are_indexed_once(tmp_path: Path, seed_copy: Path):
    copy = seed_copy / "copy"
    copy.mkdir()
    (copy / "again.txt").write_bytes((seed_copy / "the-hill_2021-02-05_blinken-first-call.txt").read_bytes())
    with _build(tmp_path, seed_copy) as ix:
        assert index.search(ix, "").total == 28


def test_a_second_writer_fails_cleanly_while_the_first_holds_the_lock(tmp_path: Path, seed_copy: Path):
    with _build(tmp_path, seed_copy) as ix:
        holder = subprocess.Popen(
            [sys.executable, "-c",
             "import sys, time; from whoosh import index as w;"
             f"ix = w.open_dir({str(ix.directory)!r}, indexname='MAIN'); wr = ix.writer();"
             "print('locked', flush=True); time.sleep(30)"],
            stdout=subprocess.PIPE, text=True,
        )
        try:
            assert holder.stdout.readline().strip() == "locked"
            (seed_copy / "new.txt").write_text("New\n\nA new article.")
            with pytest.raises(index.IndexBusy, match="busy"):
                ix.update([seed_copy], wait=0.3)
        finally:
            holder.kill()
            holder.wait()
        assert ix.update([seed_copy], wait=5).added == 1


def test_reader_sees_a_commit_from_another_process(tmp_path: Path, seed_copy: Path):
    with _build(tmp_path, seed_copy) as reader:
        assert index.search(reader, "zeppelins").total == 0
        (seed_copy / "z.txt").write_text("Zeppelins\n\nZeppelins return to the skies.")
        with index.BriefingIndex.open(reader.directory) as writer:
            writer.update([seed_copy])
        assert index.search(reader, "zeppelins").total == 1


def test_missing_index_is_built_from_the_seeds(tmp_path: Path):
    notes: list[str] = []
    with index.open_index(tmp_path / "fresh", notify=notes.append) as ix:
        assert ix.paragraph_count() == 28
    assert "building it from the bundled seed articles" in notes[0]


@pytest.mark.parametrize("damage", ["empty_toc", "garbage_toc", ".trm", ".pst", "._stored.col",
                                    "._text_len.col", ".date.col", ".dup_key.col", ".dup_sketch.col",
                                    ".article_id.col", ".paragraph.col"])
def test_damaged_index_is_reported_never_replaced_and_repaired(tmp_path: Path, seed_copy: Path,
                                                                damage: str):
    """An empty or garbage TOC, or any segment file cut short (a disk filled up, a copy
    interrupted): opening reports it with the repair, leaves it where it is, and repairing
    rebuilds it from the recorded sources."""
    directory = tmp_path / "ix"
    index.build_index(directory, [seed_copy]).close()
    toc = next(directory.glob("_MAIN_*.toc"))
    if damage == "empty_toc":
        toc.write_bytes(b"")
    elif damage == "garbage_toc":
        toc.write_bytes(b"\x00garbage" * 10)
    else:
        (segment,) = directory.glob(f"MAIN_*{damage}")
        segment.write_bytes(segment.read_bytes()[:10])
    before = sorted(os.listdir(directory))
    with pytest.raises(index.IndexDamaged, match="check --repair"):
        index.open_index(directory)
    assert sorted(os.listdir(directory)) == before
    report = index.check_index(directory)
    assert not report.ok
    assert "rebuilt" in index.repair_index(directory, report)
    with index.open_index(directory) as ix:
        assert ix.paragraph_count() == 28
    assert index.check_index(directory).ok
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith((".ix", "ix"))] == ["ix"]


def test_index_records_its_sources_and_schema(tmp_path: Path, seed_copy: Path):
    with _build(tmp_path, seed_copy) as ix:
        assert ix.sources == [str(seed_copy.absolute())]
        assert (ix.directory / META_FILE).is_file()


def test_an_index_from_another_version_is_set_aside_and_rebuilt(tmp_path: Path, seed_copy: Path):
    directory = tmp_path / "index"
    index.build_index(directory, [seed_copy]).close()
    meta = directory / "briefing.json"
    # As an older version wrote it: no checksum, no SOURCES file.
    (directory / "SOURCES").unlink()
    old = json.loads(meta.read_text())
    del old["checksum"]
    meta.write_text(json.dumps({**old, "schema_version": 1}))
    notes: list[str] = []
    with index.open_index(directory, notify=notes.append) as ix:
        assert index.search(ix, "Taiwan").total == 3
    assert "another version" in notes[0]
    assert sorted(p.name for p in tmp_path.iterdir() if "index" in p.name) == ["index"]


def test_an_index_whose_stored_topic_is_now_refused_still_opens(tmp_path: Path, seed_copy: Path):
    from index.integrity import read_meta, write_meta

    directory = tmp_path / "ix"
    _build(tmp_path, seed_copy).close()
    meta, _ = read_meta(directory)
    meta["topics"]["Slow"] = "a" * 100_000
    write_meta(directory, meta)
    with index.BriefingIndex.open(directory) as ix:
        assert "Slow" not in ix.topics.names and "Taiwan" in ix.topics.names
        assert index.search(ix, "taiwan").total == 3
        report = ix.update([seed_copy], topics=index.TopicSet(ix.topics.definitions))
        assert report.retagged > 0
    assert "Slow" not in read_meta(directory)[0]["topics"]
