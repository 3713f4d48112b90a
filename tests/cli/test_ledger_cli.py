"""``briefing ledger`` and ``briefing stories`` on the invented tax-bill story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.index.test_ledger import write_corpus
from tui.cli import main


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    folder = write_corpus(tmp_path / "articles")
    directory = tmp_path / "ix"
    assert main(["index", str(folder), "--index-dir", str(directory)]) == 0
    return directory


def _lines(capsys: pytest.CaptureFixture[str]) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_ledger_json_has_the_documented_fields_and_spans(index_dir: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["ledger", "--json", "--flag", "speaker", "--index-dir", str(index_dir)]) == 0
    [cluster] = _lines(capsys)
    assert {"id", "story", "statement", "first", "flags", "missing_from", "claims"} <= set(cluster)
    assert cluster["first"] == [{"outlet": "Daily Planet", "date": "2024-03-01", "doc": "planet"}]
    assert cluster["flags"] == {"speaker_differs": True, "wording_differs": True,
                                "numbers_differ": True, "negation_differs": True,
                                "credit_unknown": False}
    assert cluster["missing_from"] == ["Evening Star"]
    for claim in cluster["claims"]:
        text = (tmp_path / "articles" / f"{claim['doc']}.txt").read_text(encoding="utf-8")
        [(s, e)] = claim["quote"]
        assert text[s:e].startswith("The bill will cut taxes") and not text[s:e].endswith('"')
        assert text[slice(*claim["source"][0])].lower().endswith(("jane doe", "senate aide"))
    assert main(["ledger", "panda", "--json", "--index-dir", str(index_dir)]) == 0
    assert _lines(capsys) == []


def test_stories_and_profiles(index_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["stories", "--json", "--index-dir", str(index_dir)]) == 0
    stories = _lines(capsys)
    assert sorted(len(s["articles"]) for s in stories) == [1, 3]
    assert set(stories[0]["articles"][0]) == {"doc", "outlet", "date", "title"}
    assert main(["ledger", "--profile", "--json", "--index-dir", str(index_dir)]) == 0
    rows = {r.get("outlet"): r["shares"] for r in _lines(capsys) if "outlet" in r}
    assert rows["Morning Post"]["anonymous"] == pytest.approx(1.0)
    with pytest.raises(SystemExit) as exited:
        main(["ledger", "--flag", "bogus", "--index-dir", str(index_dir)])
    assert exited.value.code == 2


def test_export_carries_first_report_other_outlets_and_credits(index_dir: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["export", "--query", "deficit", "--format", "json", "--index-dir", str(index_dir)]) == 0
    paragraphs = {p["outlet"]: p for p in json.loads(capsys.readouterr().out)["paragraphs"]
                  if p["ledger"]}
    note = next(n for n in paragraphs["Morning Post"]["ledger"] if "cut taxes" in n["statement"])
    assert note["first_reported_by"] == ["Daily Planet"] and note["first_date"] == "2024-03-01"
    assert note["also_in"] == ["Daily Planet"]
    assert [c["speaker"].split(" (")[0] for c in note["credits"]] == ["Jane Doe", "Senate aide"]
    assert main(["export", "--query", "deficit", "--format", "md", "--index-dir", str(index_dir)]) == 0
    assert "first reported by Daily Planet, 2024-03-01" in capsys.readouterr().out
    assert main(["export", "--query", "deficit", "--format", "csv", "--index-dir", str(index_dir)]) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    assert header.endswith(",ledger,note") and any("credited to Jane Doe by Daily Planet" in r for r in rows)
