"""Whatever the folder holds, the run finishes, good files are findable and bad ones named."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import index

from . import hostile


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile.write(tmp_path_factory.mktemp("hostile") / "articles")


@pytest.fixture(scope="module")
def built(corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    directory = tmp_path_factory.mktemp("hostile-index") / "index"
    ix = index.BriefingIndex.create(directory, index.configured_topics())
    report = ix.update([corpus])
    yield ix, report
    ix.close()


def test_every_good_and_decodable_file_is_findable(built):
    ix, _ = built
    for name, marker in {**hostile.GOOD, **hostile.INDEXED}.items():
        result = index.search(ix, marker)
        assert result.total >= 1, name
        assert {Path(index.get_paragraph(ix, h.id).hit.path).name for h in result.hits} == {name}


def test_every_bad_file_is_skipped_with_a_reason_naming_it(built):
    _, report = built
    reasons = {Path(s.path).name: s.reason for s in report.failed}
    for name, words in hostile.SKIPPED.items():
        assert name in reasons, (name, reasons)
        assert words.lower() in reasons[name].lower(), (name, reasons[name])
    assert set(reasons) == set(hostile.SKIPPED)


def test_indexed_text_holds_no_control_characters_or_escape_sequences(built):
    ix, _ = built
    for hit in index.search(ix, "", limit=500).hits:
        for value in (hit.text, hit.title, hit.outlet, *[c["content"] for c in hit.claims]):
            assert not any((ord(ch) < 32 and ch not in "\n\t") or 0x7F <= ord(ch) <= 0x9F
                           or 0x202A <= ord(ch) <= 0x202E for ch in value), repr(value)
    title = index.search(ix, "longtitlemarker").hits[0].title
    assert len(title) <= 300


def test_markup_in_articles_is_kept_as_literal_text(built):
    ix, _ = built
    hit = index.search(ix, "escapemarker").hits[0]
    assert hostile.HOSTILE_MARKUP in hit.text and hostile.HOSTILE_MARKUP in hit.title


def test_the_cli_reports_skips_by_name_and_exits_3(corpus: Path, tmp_path: Path):
    env = {**os.environ, "BRIEFING_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", "index", str(corpus), "--index-dir", str(tmp_path / "ix"),
         "--json"], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 3, result.stderr  # some files skipped, the rest indexed
    report = json.loads(result.stdout)
    assert report["added"] == len(hostile.GOOD) + len(hostile.INDEXED)
    assert "huge-line.txt" in result.stderr and "too large" in result.stderr
