"""The frequent-word arrays must give exactly Whoosh's postings, and be ignored, never misread,
when they belong to another commit or are damaged."""

from __future__ import annotations

import importlib
import sys

import numpy as np
import pytest

import index
from index.doctable import DocTable
from index.frequent import load_frequent, write_frequent
from index.matching import evaluate
from index.postings import read_postings
from index.query import parse_query

from .test_matching import QUERIES

_search = importlib.import_module("index.searching")


@pytest.fixture(scope="module")
def arrays_dir(generated_index, tmp_path_factory):
    """Every word in two or more paragraphs written as arrays (the index's own threshold keeps
    only words in hundreds of paragraphs)."""
    directory = tmp_path_factory.mktemp("frequent")
    with generated_index.lock:
        write_frequent(directory, generated_index.searcher(), min_docs=2)
    return directory


def test_arrays_hold_whooshs_postings(generated_index, arrays_dir):
    with generated_index.lock:
        searcher = generated_index.searcher()
        table = DocTable(searcher, arrays_dir)
        assert table.frequent is not None and len(table.frequent) > 10
        for word in searcher.lexicon("text"):
            word = word.decode("utf-8")
            expected = read_postings(searcher, "text", word)
            from_arrays = table.frequent.get(word)
            if searcher.doc_frequency("text", word) < 2:
                assert from_arrays is None
                continue
            assert from_arrays is not None
            assert from_arrays.ids.tolist() == expected.ids.tolist(), word
            assert from_arrays.weights.tolist() == expected.weights.tolist(), word


@pytest.mark.parametrize("text", QUERIES)
def test_queries_match_and_score_the_same_with_the_arrays(generated_index, arrays_dir, text):
    with generated_index.lock:
        searcher = generated_index.searcher()
        q = _search._expand(parse_query(text), searcher)
        with_arrays = evaluate(searcher, DocTable(searcher, arrays_dir), q)
        without = evaluate(searcher, DocTable(searcher), q)
        assert with_arrays.ids.tolist() == without.ids.tolist()
        assert np.allclose(with_arrays.scores, without.scores)


def test_each_commit_writes_its_own_arrays_and_drops_older_ones(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Taiwan talks resumed.\n\nTaiwan said no.\n", encoding="utf-8")
    with index.build_index(tmp_path / "ix", [corpus]) as ix:
        first = ix.generation()
        (corpus / "b.txt").write_text("Senate votes.\n\nThe budget passed.\n", encoding="utf-8")
        ix.update([corpus])
        later = ix.generation()
    names = sorted(p.name for p in (tmp_path / "ix").glob("frequent-*"))
    assert later != first
    assert names == [f"frequent-{later}.json", f"frequent-{later}.npy"]
    assert load_frequent(tmp_path / "ix", later) is not None
    assert load_frequent(tmp_path / "ix", first) is None


@pytest.mark.parametrize("damage", ["truncate arrays", "garble listing", "drop listing",
                                    "rows out of range"])
def test_damaged_arrays_are_ignored_and_search_still_answers(generated_index, tmp_path, damage):
    with generated_index.lock:
        searcher = generated_index.searcher()
        write_frequent(tmp_path, searcher, min_docs=2)
        generation = searcher.reader().generation()
        arrays, listing = tmp_path / f"frequent-{generation}.npy", tmp_path / f"frequent-{generation}.json"
        if damage == "truncate arrays":
            arrays.write_bytes(arrays.read_bytes()[:-100])
        elif damage == "garble listing":
            listing.write_text("{not json", encoding="utf-8")
        elif damage == "drop listing":
            listing.unlink()
        else:
            listing.write_text('{"rows": 3, "words": {"alpha": [0, 99]}}', encoding="utf-8")
        assert load_frequent(tmp_path, generation) is None
        table = DocTable(searcher, tmp_path)
        q = _search._expand(parse_query("alpha bravo"), searcher)
        assert evaluate(searcher, table, q).ids.tolist() == \
            evaluate(searcher, DocTable(searcher), q).ids.tolist() != []


def test_a_commit_stands_when_its_arrays_cannot_be_written(tmp_path, monkeypatch):
    """A full disk while writing the arrays: the index is committed and searchable, slower."""
    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sys.modules["index.store"], "write_frequent", full_disk)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Taiwan talks resumed.\n\nTaiwan said no.\n", encoding="utf-8")
    with index.build_index(tmp_path / "ix", [corpus]) as ix:
        assert index.search(ix, "taiwan").total == 1  # the first line is the title
    assert not list((tmp_path / "ix").glob("*frequent-*"))


def test_a_later_commits_arrays_are_not_deleted(generated_index, tmp_path):
    """Another process may commit and write its arrays while this one is still writing."""
    with generated_index.lock:
        searcher = generated_index.searcher()
        generation = searcher.reader().generation()
        later = tmp_path / f"frequent-{generation + 1}.npy"
        later.write_bytes(b"")
        earlier = tmp_path / f"frequent-{generation - 1}.json"
        earlier.write_text("{}", encoding="utf-8")
        write_frequent(tmp_path, searcher, min_docs=2)
    assert later.exists() and not earlier.exists()
    assert load_frequent(tmp_path, generation) is not None
