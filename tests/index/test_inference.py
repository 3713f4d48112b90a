"""Articles that come without metadata: what their text states is used, where each value came
from is kept, and an article with no outlet is its own source."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import index
from index.inference import from_text
from index.ingest import load_path
from index.metadata import load_manifest

from ..conftest import SEEDS

HILL, SGH = "the-hill_2021-02-05_blinken-first-call.txt", "sgh-insight_2021-02-10_frosty-yang-blinken-call.txt"


@pytest.fixture
def raw_seeds(tmp_path: Path) -> Path:
    """The two seed articles as they came: plain names, no manifest."""
    folder = tmp_path / "pasted"
    folder.mkdir()
    shutil.copy(SEEDS / HILL, folder / "blinken-first-call.txt")
    shutil.copy(SEEDS / SGH, folder / "frosty-yang-blinken-call.txt")
    return folder


def test_raw_seeds_are_two_sources_the_hill_by_name_and_sgh_dated(raw_seeds: Path, tmp_path: Path):
    with index.build_index(tmp_path / "ix", [raw_seeds]) as ix:
        result = index.search(ix, "", limit=100)
        assert set(result.facets["outlet"]) == {"The Hill", "frosty-yang-blinken-call (unknown outlet)"}
        by_outlet = {h.outlet: h for h in result.hits}
        hill, sgh = by_outlet["The Hill"], by_outlet["frosty-yang-blinken-call (unknown outlet)"]
        assert (hill.date, sgh.date) == ("", "2021-02-10")
        assert dict(hill.provenance)["outlet"] == "inferred from text" and hill.outlet_known
        assert dict(sgh.provenance) == {"title": "inferred from text", "outlet": "unknown",
                                        "author": "unknown", "date": "inferred from text",
                                        "url": "unknown"}
        assert not sgh.outlet_known
        assert {h.outlet for h in index.search(ix, 'outlet:"unknown outlet"', limit=100).hits} == {
            sgh.outlet}
        speakers = index.search(ix, "", limit=100).facets["speaker"]
        assert "(the outlet)" not in speakers and sgh.outlet in speakers  # "our understanding is"
        brief = index.render_briefing(result.hits, "md")
        assert "from 2 outlet(s)" in brief


def test_two_articles_without_an_outlet_are_never_merged(tmp_path: Path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "one.txt").write_text("First\n\nOfficials met in Geneva on Monday.\n")
    (folder / "two.txt").write_text("Second\n\nOfficials met in Geneva again on Tuesday.\n")
    with index.build_index(tmp_path / "ix", [folder]) as ix:
        facet = index.search(ix, "geneva").facets["outlet"]
    assert facet == {"one (unknown outlet)": 1, "two (unknown outlet)": 1}


def test_a_manifest_wins_and_says_so(tmp_path: Path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    article = load_path(tmp_path / "seeds" / HILL,
                        load_manifest(tmp_path / "seeds")[HILL])
    assert (article.outlet, article.date) == ("The Hill", "2021-02-05")
    assert dict(article.provenance)["date"] == "manifest"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Talks resume", "WASHINGTON, Feb. 5, 2021 — The talks resumed."], {"date": "2021-02-05"}),
        (["Talks resume", "By Jane Doe | February 5, 2021", "Body."], {"date": "2021-02-05"}),
        (["Talks resume", "Body.", "© 2021 Deutsche Welle"], {"outlet": "Deutsche Welle"}),
        (["Talks resume", "Body.", "Copyright 2021 Nexstar Media Inc. All rights reserved."],
         {"outlet": "Nexstar Media"}),
        (["Talks resume", "Source: Reuters", "Body."], {"outlet": "Reuters"}),
        (["Talks resume", "https://www.dw.com/en/talks/a-1", "Body."], {"url": "https://www.dw.com/en/talks/a-1"}),
        (["Talks resume", "Body.", "The Hill has removed its comment section, as there are many."],
         {"outlet": "The Hill"}),
        # A date in a caption, or a name in the story, is not the article's.
        (["Talks resume", "Blinken at the State Department on January 27, 2021.", "Body."], {}),
        (["Talks resume", "Reuters reported that talks would resume.", "Body."], {}),
    ],
)
def test_what_the_text_states_about_itself(lines: list[str], expected: dict[str, str]):
    found = from_text(lines)
    assert {k: v for k, v in (("outlet", found.outlet), ("date", found.date), ("url", found.url)) if v} \
        == expected


def test_a_correction_wins_survives_reindex_and_rebuild_and_reindexes_only_its_file(
        raw_seeds: Path, tmp_path: Path):
    hill = raw_seeds / "blinken-first-call.txt"
    with index.build_index(tmp_path / "ix", [raw_seeds]) as ix:
        report = ix.correct([hill], index.validated_correction(date="2021-02-05"))
        assert (report.added, report.updated, report.unchanged) == (0, 1, 0)
        hits = index.search(ix, 'outlet:"the hill"', limit=50).hits
        assert {h.date for h in hits} == {"2021-02-05"}
        assert dict(hits[0].provenance)["date"] == "correction"
        assert index.search(ix, "", since="2021-02-05", until="2021-02-05").facets["outlet"] \
            == {"The Hill": len(hits)}
        again = ix.update([raw_seeds])
        assert (again.updated, again.unchanged) == (0, 2)
        ix.correct([hill], index.validated_correction(outlet="The Hill (Washington)"))
        corrected = index.search(ix, 'outlet:washington', limit=50).hits
        assert {(h.outlet, h.date) for h in corrected} == {("The Hill (Washington)", "2021-02-05")}
    with index.rebuild_index(tmp_path / "ix", [raw_seeds]) as rebuilt:
        assert {h.date for h in index.search(rebuilt, "outlet:washington", limit=50).hits} == {
            "2021-02-05"}


def test_an_impossible_correction_is_a_usage_error():
    with pytest.raises(index.QueryError, match="not a date"):
        index.validated_correction(date="2016-13-01")
    with pytest.raises(index.QueryError, match="nothing to correct"):
        index.validated_correction()
