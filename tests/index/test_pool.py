"""The array pool and the text postings made in the parse workers must hand Whoosh's writer
exactly what Whoosh's own pool and analyzer would: an index built through them has the same
terms, postings (paragraphs, weights, positions), field lengths and stored fields, whether the
runs stayed in memory or went to disk, and when older segments are merged into the new one."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

import index
from index import pool, store

from .conftest import _article


def _write_corpus(folder: Path, seed: int, numbers: range) -> None:
    rng = random.Random(seed)
    folder.mkdir(exist_ok=True)
    for n in numbers:
        (folder / f"article-{n:03}.md").write_text(_article(rng, n), encoding="utf-8")


def _contents(directory: Path) -> tuple[dict, dict, list]:
    with index.BriefingIndex.open(directory) as ix, ix.lock:
        reader = ix.searcher().reader()
        by_id = {reader.stored_fields(d)["id"]: d for d in reader.all_doc_ids()}
        order = sorted(by_id)
        renumber = {by_id[i]: n for n, i in enumerate(order)}  # docnums may differ
        postings = {}
        for field, text in reader.all_terms():
            matcher = reader.postings(field, text)
            found = []
            while matcher.is_active():
                found.append((renumber[matcher.id()], matcher.weight(), matcher.value()))
                matcher.next()
            postings[field, text] = sorted(found)
        lengths = {(renumber[d], f): reader.doc_field_length(d, f)
                   for d in by_id.values() for f in ("text", "title", "speaker", "outlet")}
        stored = [reader.stored_fields(by_id[i]) for i in order]
    return postings, lengths, stored


def _segment_files(directory: Path) -> dict[str, str]:
    """Each segment file's digest by what it holds (the name's suffix; segment ids differ)."""
    return {path.name.split(".", 1)[1]: hashlib.sha256(path.read_bytes()).hexdigest()
            for path in directory.glob("MAIN_*.*")}


@pytest.fixture(scope="module")
def built_both_ways(tmp_path_factory: pytest.TempPathFactory):
    """A 90-article build, then 60 of them rewritten (more than 50: the commit merges the old
    segment into the new one), with the array pool spilling tiny runs and with Whoosh's pool."""
    root = tmp_path_factory.mktemp("pool")
    folder = root / "corpus"
    _write_corpus(folder, 3, range(90))
    built = {}
    with pytest.MonkeyPatch.context() as patch:
        for name, run_postings in (("arrays", 700), ("in memory", None), ("whoosh", 0)):
            if run_postings:
                patch.setattr(store, "tune", lambda w, n=run_postings: pool.tune(w, n))
            elif run_postings is None:
                patch.setattr(store, "tune", pool.tune)
            else:  # and Whoosh's add_document, analysing the text itself
                patch.setattr(store, "tune", lambda w: None)
                patch.setattr(store, "add_document", lambda w, doc, _postings: w.add_document(**doc))
            _write_corpus(folder, 3, range(90))
            directory = root / name
            index.build_index(directory, [folder]).close()
            first = _contents(directory)
            files = _segment_files(directory)
            _write_corpus(folder, 4, range(0, 90, 3))  # 30 changed
            _write_corpus(folder, 5, range(1, 90, 3))  # and 30 more: 60 > 50, optimised
            with index.BriefingIndex.open(directory) as ix:
                report = ix.update([folder])
            assert report.updated == 60
            built[name] = (first, _contents(directory), files)
    return built


def test_a_first_build_has_whooshs_postings_lengths_and_stored_fields(built_both_ways):
    arrays, whoosh = built_both_ways["arrays"][0], built_both_ways["whoosh"][0]
    assert len(arrays[0]) > 1000 and sum(map(len, arrays[0].values())) > 10 * 700
    assert arrays == whoosh


def test_a_first_build_writes_the_very_bytes_whoosh_writes(built_both_ways):
    arrays, whoosh = built_both_ways["arrays"][2], built_both_ways["whoosh"][2]
    assert {"trm", "pst", "_stored.col", "_text_len.col"} <= set(arrays)
    assert arrays == whoosh
    assert built_both_ways["in memory"][2] == whoosh  # one run, never saved


def test_an_update_merging_the_old_segment_has_whooshs_postings_too(built_both_ways):
    assert built_both_ways["arrays"][1] == built_both_ways["whoosh"][1]


def test_runs_on_disk_are_removed_when_the_writer_is_done(tmp_path: Path):
    folder = tmp_path / "corpus"
    _write_corpus(folder, 9, range(20))
    folders: list[Path] = []
    saved = pool.ArrayPool._save_run

    def save_and_note(self):
        folders.append(self._folder)
        saved(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store, "tune", lambda w: pool.tune(w, 300))
        patch.setattr(pool.ArrayPool, "_save_run", save_and_note)
        index.build_index(tmp_path / "index", [folder]).close()
    assert len(folders) > 3 and folders[0].name == "MAIN.tmp"  # Whoosh's temporary folder
    assert not folders[0].exists()  # removed by Whoosh, runs included
    assert not list((tmp_path / "index").glob("**/run-*"))
