"""The analyst's speaker fixes: a rename or merge is kept per index, reaches facets, claims,
export and the ledger through indexing alone, re-indexes only the articles naming the speaker,
and survives updates and rebuilds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import index
from index import ledgerfile, renames

from ..conftest import SEEDS


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    shutil.copy(SEEDS / "manifest.toml", folder / "manifest.toml")
    return folder


def _speakers_everywhere(ix: index.BriefingIndex) -> list[set[str]]:
    """The speakers as the facets, the hits' claims, the ledger and a JSON export see them."""
    result = index.search(ix, "", limit=500)
    claimed = {s for hit in result.hits for s in hit.speakers}
    ledger = {c.speaker for a in ledgerfile.load(ix).articles.values() for c in a.claims}
    exported = json.loads(index.render_briefing(result.hits, "json"))
    return [set(result.facets["speaker"]), claimed, ledger, set(_exported_speakers(exported))]


def _exported_speakers(value: object):
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "speaker" and isinstance(inner, str):
                yield inner
            yield from _exported_speakers(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _exported_speakers(inner)


def test_a_merge_reaches_facets_claims_export_and_ledger_and_survives_update_and_rebuild(
        articles: Path, tmp_path: Path):
    with index.build_index(tmp_path / "ix", [articles]) as ix:
        facets = _speakers_everywhere(ix)[0]
        assert {"Joe Biden", "Antony Blinken"} <= facets
        before = index.speaker_counts(ix)
        report = ix.rename_speaker("Joe Biden", "Antony Blinken")
        assert (report.added, report.updated, report.unchanged) == (0, 1, 0)  # the Hill only
        for seen in _speakers_everywhere(ix):
            assert "Antony Blinken" in seen and "Joe Biden" not in seen
        merged = index.speaker_counts(ix)["Antony Blinken"]
        assert sum(merged.values()) == sum(before["Antony Blinken"].values()) + sum(
            before["Joe Biden"].values())
        again = ix.update([articles])
        assert (again.updated, again.unchanged) == (0, 2)
        assert "Joe Biden" not in index.speaker_counts(ix)
    with index.rebuild_index(tmp_path / "ix", [articles]) as rebuilt:
        assert "Joe Biden" not in index.speaker_counts(rebuilt)
        assert index.speaker_counts(rebuilt)["Antony Blinken"] == merged


def test_a_rename_back_undoes_it_and_an_unknown_speaker_is_a_usage_error(
        articles: Path, tmp_path: Path):
    with index.build_index(tmp_path / "ix", [articles]) as ix:
        ix.rename_speaker("Joe Biden", "President Biden")
        assert "President Biden" in index.speaker_counts(ix)
        ix.rename_speaker("President Biden", "Joe Biden")
        assert "Joe Biden" in index.speaker_counts(ix)
        assert renames.load(ix.directory) == {"President Biden": "Joe Biden"}
        with pytest.raises(index.QueryError, match="no indexed speaker"):
            ix.rename_speaker("Nobody Here", "Someone")
        with pytest.raises(index.QueryError):
            ix.rename_speaker("Joe Biden", "  ")


def test_renames_follow_chains_and_stop_at_cycles():
    assert renames.resolve({"A": "B", "B": "C"}, "A") == "C"
    assert renames.resolve({"A": "B", "B": "A"}, "A") == "B"
    assert renames.resolve({}, "A") == "A"


def test_a_damaged_fix_file_is_an_error_not_silence(tmp_path: Path):
    (tmp_path / renames.SPEAKERS_NAME).write_text(json.dumps({"version": 1}))
    with pytest.raises(index.BriefingError, match="speaker fixes"):
        renames.load(tmp_path)
