"""Shared fixtures: an isolated home for every test, and a seed index built once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import index

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "polnear"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the real user data or config directories."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("BRIEFING_HOME", str(home))
    monkeypatch.delenv("BRIEFING_INDEX_DIR", raising=False)
    return home


@pytest.fixture(scope="session")
def seed_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("seed-index") / "index"
    index.build_index(directory, [SEEDS]).close()
    return directory


@pytest.fixture
def seed_index(seed_index_dir: Path):
    with index.BriefingIndex.open(seed_index_dir) as ix:
        yield ix


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A writable copy of the seed folder, for tests that change files."""
    target = tmp_path / "articles"
    shutil.copytree(SEEDS, target)  # with the seeds' own topics.toml, as a corpus brings one
    return target
