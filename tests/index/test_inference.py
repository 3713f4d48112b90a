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
