"""The ``briefing`` command as a user runs it: real subprocesses, real exit codes."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, env_home: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BRIEFING_HOME": str(env_home)}
    env.pop("BRIEFING_INDEX_DIR", None)
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, env=env, timeout=120
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli-home")


def test_search_json_shape(home: Path):
    out = json.loads(run("search", "Taiwan", "--json", env_home=home).stdout)
    assert set(out) == {"query", "total", "distinct", "hits", "facets", "suggestion"}
    assert out["total"] == 3 and out["query"] == "Taiwan"
    hit = out["hits"][0]
    assert {"id", "article_id", "title", "outlet", "date", "paragraph", "text", "highlights",
            "topics", "claims"} <= set(hit)
    assert {h["outlet"] for h in out["hits"]} == {"The Hill", "SGH Insight"}
    assert {h["date"] for h in out["hits"]} == {"2021-02-05", "2021-02-10"}
    assert set(out["facets"]) >= {"topic", "outlet"}


def test_first_run_builds_the_default_index_and_says_so(tmp_path: Path):
    result = run("search", "sanction", env_home=tmp_path)
    assert "building it from the bundled seed articles" in result.stderr
    assert "sanctions" in result.stdout
    assert (tmp_path / "data" / "index").is_dir()


def test_filters_on_the_command_line(home: Path):
    out = json.loads(run("search", "Xinjiang", "--topic", "Taiwan", "--json", env_home=home).stdout)
    assert out["total"] == 2 and all("Taiwan" in h["topics"] for h in out["hits"])
    out = json.loads(run("search", "Blinken", "--outlet", "the hill", "--since", "2021-02-06",
                         "--json", env_home=home).stdout)
    assert out["total"] == 0


def test_malformed_query_is_one_line_and_exit_2(home: Path):
    result = run("search", '"unbalanced', env_home=home, check=False)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "unbalanced quote" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_path_and_bad_usage_exit_2(home: Path, tmp_path: Path):
    result = run("index", str(tmp_path / "nowhere"), env_home=home, check=False)
    assert result.returncode == 2 and "no such file or folder" in result.stderr
    assert run("search", "--limit", "0", "x", env_home=home, check=False).returncode == 2


def test_index_reports_added_unchanged_and_failed(tmp_path: Path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "good.txt").write_text("Good title\n\nA paragraph about zeppelins.\n")
    (articles / "bad.txt").write_bytes(b"\x00\xff" * 50)
    index_dir = tmp_path / "ix"
    first = run("index", str(articles), "--index-dir", str(index_dir), "--json", env_home=tmp_path,
                check=False)
    assert first.returncode == 3  # some files failed, the rest is indexed
    report = json.loads(first.stdout)
    assert (report["added"], report["failed"]) == (1, 1)
    assert "bad.txt" in first.stderr and "binary" in first.stderr
    again = json.loads(run("index", str(articles), "--index-dir", str(index_dir), "--json",
                           env_home=tmp_path, check=False).stdout)
    assert (again["added"], again["unchanged"]) == (0, 1)
    env_dir = run("search", "zeppelins", "--json", env_home=tmp_path, check=False)
    assert json.loads(env_dir.stdout)["total"] == 0  # default index: seeds only
    found = json.loads(run("search", "zeppelins", "--index-dir", str(index_dir), "--json",
                           env_home=tmp_path).stdout)
    assert found["total"] == 1


def test_index_dir_from_the_environment(tmp_path: Path):
    env = {**os.environ, "BRIEFING_HOME": str(tmp_path), "BRIEFING_INDEX_DIR": str(tmp_path / "envix")}
    subprocess.run([sys.executable, "-m", "tui.cli", "stats", "--json"], env=env, check=True,
                   capture_output=True)
    assert (tmp_path / "envix" / "briefing.json").is_file()


def test_show_stats_and_topics(home: Path):
    hit = json.loads(run("search", '"frank and tough"', "--json", env_home=home).stdout)["hits"][0]
    shown = json.loads(run("show", hit["id"], "--json", env_home=home).stdout)
    assert shown["paragraph"] == 2 and shown["previous"]["paragraph"] == 1
    assert run("show", "nope-9", env_home=home, check=False).returncode == 2
    stats = json.loads(run("stats", "--json", env_home=home).stdout)
    assert (stats["articles"], stats["paragraphs"]) == (2, 28)
    topics = json.loads(run("topics", "--json", env_home=home).stdout)
    assert {"name": "Taiwan", "query": topics[0]["query"], "paragraphs": 3, "articles": 2} in topics
    # The seeds' topics already tag most paragraphs of their two articles: nothing to add.
    suggested = json.loads(run("topics", "suggest", "--json", env_home=home).stdout)
    assert isinstance(suggested, list) and all(" " in s["term"] for s in suggested)


def test_user_topic_file_adds_topics_case_insensitively(tmp_path: Path):
    extra = tmp_path / "mine.toml"
    extra.write_text('[topics]\nZeppelins = "zeppelin*"\ntaiwan = "taiwan"\n')
    articles = tmp_path / "a"
    articles.mkdir()
    (articles / "z.txt").write_text("Airships\n\nZeppelins over Taiwan.\n")
    ix = str(tmp_path / "ix")
    run("index", str(articles), "--index-dir", ix, "--topics", str(extra), env_home=tmp_path)
    names = [t["name"] for t in json.loads(run("topics", "--json", "--index-dir", ix, env_home=tmp_path).stdout)]
    assert "Zeppelins" in names and names.count("taiwan") + names.count("Taiwan") == 1
    out = json.loads(run("search", "", "--topic", "ZEPPELINS", "--index-dir", ix, "--json", env_home=tmp_path).stdout)
    assert out["total"] == 1


def test_hostile_text_is_printed_literally_without_escape_sequences(tmp_path: Path):
    articles = tmp_path / "a"
    articles.mkdir()
    (articles / "evil.txt").write_text(
        "Title [bold]x[/] [link=http://evil]y[/link]\n\nBody [/] \x1b]52;c;ZXZpbA==\x07 payload.\n")
    ix = str(tmp_path / "ix")
    run("index", str(articles), "--index-dir", ix, env_home=tmp_path)
    out = run("search", "payload", "--index-dir", ix, env_home=tmp_path).stdout
    assert "[bold]x[/]" in out and "[/]" in out
    assert "\x1b]" not in out and "\x07" not in out


def test_export_markdown_cites_both_outlets(home: Path):
    text = run("export", "--query", "Taiwan", "--format", "md", env_home=home).stdout
    assert text.startswith("# Briefing: Taiwan")
    assert "— The Hill, 2021-02-05, “Blinken holds first call with Chinese counterpart”" in text
    assert "— SGH Insight, 2021-02-10, “China: A Frosty Yang-Blinken Call”, paragraph 8 of 17" in text
    assert "Claims by: Yang Jiechi" in text


def test_export_json_and_csv_carry_the_same_fields(home: Path, tmp_path: Path):
    out = json.loads(run("export", "--query", "Taiwan", "--format", "json", env_home=home).stdout)
    assert len(out["paragraphs"]) == 3
    assert {"outlet", "date", "title", "url", "paragraph", "speakers", "claims", "text"} <= set(
        out["paragraphs"][0])
    target = tmp_path / "b.csv"
    run("export", "--query", "Taiwan", "--format", "csv", "-o", str(target), env_home=home)
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert len(rows) == 3 and {r["outlet"] for r in rows} == {"The Hill", "SGH Insight"}


def test_export_pinned_reads_the_browsers_session(home: Path):
    hit = json.loads(run("search", "frank", "--json", env_home=home).stdout)["hits"][0]
    session = home / "data" / "session.json"
    session.parent.mkdir(parents=True, exist_ok=True)
    session.write_text(json.dumps({"pins": [hit["id"], "gone-1"], "notes": {hit["id"]: "ask"}}))
    result = run("export", "--pinned", "--format", "json", env_home=home)
    assert [p["id"] for p in json.loads(result.stdout)["paragraphs"]] == [hit["id"]]
    assert json.loads(result.stdout)["paragraphs"][0]["note"] == "ask"  # the analyst's note
    assert "gone-1 is no longer in the index" in result.stderr


def test_index_skips_loops_pipes_and_dangling_links_and_indexes_the_rest(tmp_path: Path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "good.txt").write_text("Good title\n\nA paragraph about zeppelins.\n")
    (articles / "a.txt").symlink_to(articles / "b.txt")
    (articles / "b.txt").symlink_to(articles / "a.txt")
    (articles / "dangling.txt").symlink_to(articles / "gone.txt")
    os.mkfifo(articles / "pipe.txt")
    result = run("index", str(articles), "--index-dir", str(tmp_path / "ix"), "--json",
                 env_home=tmp_path, check=False)
    assert "Traceback" not in result.stderr and result.returncode == 3
    assert json.loads(result.stdout)["added"] == 1
    for name, reason in [("a.txt", "symbolic link loop"), ("dangling.txt", "dangling"),
                         ("pipe.txt", "named pipe")]:
        assert any(name in line and reason in line for line in result.stderr.splitlines()), name


def test_json_output_escapes_c1_and_bidi_controls_from_file_names(tmp_path: Path):
    articles = tmp_path / "a"
    articles.mkdir()
    name = "gpj.\u202eevil\u009b6n\u061c.txt"
    (articles / name).write_text("Title\n\nThe minister said the deal was off.\n")
    ix = str(tmp_path / "ix")
    run("index", str(articles), "--index-dir", ix, env_home=tmp_path)
    outputs = [run("claims", str(articles / name), "--json", env_home=tmp_path).stdout,
               run("search", "deal", "--json", "--index-dir", ix, env_home=tmp_path).stdout]
    hit_id = json.loads(outputs[1])["hits"][0]["id"]
    outputs.append(run("show", hit_id, "--json", "--index-dir", ix, env_home=tmp_path).stdout)
    for out in outputs:
        assert not any(ch in out for ch in "\u202e\u009b\u061c"), out
    assert "\\u202e" in outputs[0] and "\\u202e" in outputs[2]
    assert json.loads(outputs[0].splitlines()[0])["doc"] == name.removesuffix(".txt")
    assert json.loads(outputs[2])["path"].endswith(name)


def test_a_refused_topic_is_named_at_index_time_and_left_out_when_stored(tmp_path: Path):
    from index.integrity import read_meta, write_meta

    articles = tmp_path / "a"
    articles.mkdir()
    (articles / "z.txt").write_text("Airships\n\nZeppelins over Taiwan.\n")
    slow = tmp_path / "slow.toml"
    slow.write_text('[topics]\nSlow = "' + "a" * 100_000 + '"\n')
    ix = tmp_path / "ix"
    refused = run("index", str(articles), "--index-dir", str(ix), "--topics", str(slow),
                  env_home=tmp_path, check=False)
    assert refused.returncode == 2 and "topic 'Slow': query is too long" in refused.stderr
    run("index", str(articles), "--index-dir", str(ix), env_home=tmp_path)
    meta, _ = read_meta(ix)
    meta["topics"]["Slow"] = "a" * 100_000
    write_meta(ix, meta)
    found = run("search", "zeppelins", "--index-dir", str(ix), "--json", env_home=tmp_path)
    assert json.loads(found.stdout)["total"] == 1
    assert "topic 'Slow'" in found.stderr and "left out" in found.stderr


def test_meta_corrects_an_article_and_refuses_an_impossible_date(tmp_path: Path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "pasted.txt").write_text("Talks resume\n\nOfficials met in Geneva on Monday.\n")
    ix = str(tmp_path / "ix")
    run("index", str(articles), "--index-dir", ix, env_home=tmp_path)
    bad = run("meta", str(articles / "pasted.txt"), "--date", "2016-13-01", "--index-dir", ix,
              env_home=tmp_path, check=False)
    assert bad.returncode == 2 and "not a date" in bad.stderr
    report = json.loads(run("meta", str(articles / "pasted.txt"), "--outlet", "DW", "--date",
                            "2020-01-19", "--index-dir", ix, "--json", env_home=tmp_path).stdout)
    assert (report["updated"], report["added"]) == (1, 0)
    hit = json.loads(run("search", "geneva", "--index-dir", ix, "--json",
                         env_home=tmp_path).stdout)["hits"][0]
    assert (hit["outlet"], hit["date"], hit["outlet_known"]) == ("DW", "2020-01-19", True)
    stranger = tmp_path / "elsewhere.txt"
    stranger.write_text("Other\n\nText.\n")
    refused = run("meta", str(stranger), "--outlet", "X", "--index-dir", ix, env_home=tmp_path,
                  check=False)
    assert refused.returncode == 2 and "not in this index" in refused.stderr


def test_index_exits_1_when_every_file_fails(tmp_path: Path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\xff" * 50)
    result = run("index", str(tmp_path / "bad.txt"), "--index-dir", str(tmp_path / "ix"),
                 env_home=tmp_path, check=False)
    assert result.returncode == 1 and "bad.txt" in result.stderr


@pytest.mark.parametrize("args", [("search", "date:2016-13"), ("search", "Taiwan", "--since", "2016-13"),
                                  ("search", "Taiwan", "--until", "2021-02-30"),
                                  ("search", "date:[2021-02-01 TO 2021-13]")])
def test_an_impossible_date_is_a_usage_error(home: Path, args: tuple[str, ...]):
    result = run(*args, env_home=home, check=False)
    assert result.returncode == 2 and "real date" in result.stderr


def test_outlet_and_speaker_flags_match_like_the_query_fields(home: Path):
    by_flag = json.loads(run("search", "Blinken", "--outlet", "hill", "--json", env_home=home).stdout)
    by_field = json.loads(run("search", "Blinken outlet:hill", "--json", env_home=home).stdout)
    assert by_flag["total"] == by_field["total"] > 0
    assert {h["outlet"] for h in by_flag["hits"]} == {"The Hill"}
    by_speaker = json.loads(run("search", "", "--speaker", "blinken", "--json", env_home=home).stdout)
    assert by_speaker["total"] == json.loads(
        run("search", "speaker:blinken", "--json", env_home=home).stdout)["total"] > 0
    missing = run("search", "Taiwan", "--outlet", "nowhere", env_home=home, check=False)
    assert missing.returncode == 2 and "no outlet named 'nowhere'" in missing.stderr


def test_index_dir_without_a_command_opens_that_index(home: Path, tmp_path: Path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "z.txt").write_text("Zeppelins\n\nA paragraph about zeppelins.\n")
    run("index", str(articles), "--index-dir", str(tmp_path / "ix"), env_home=home)
    result = run("--index-dir", str(tmp_path / "ix"), env_home=home)  # not a tty: a summary
    assert str(tmp_path / "ix") in result.stdout and "paragraphs" in result.stdout


def test_export_without_a_query_writes_every_hit_or_says_where_it_stopped(home: Path):
    total = json.loads(run("search", "", "--json", env_home=home).stdout)["distinct"]
    everything = json.loads(run("export", "--format", "json", env_home=home).stdout)
    assert len(everything["paragraphs"]) == total
    capped = run("export", "--format", "json", "--limit", "2", env_home=home)
    assert len(json.loads(capped.stdout)["paragraphs"]) == 2
    assert f"stopped at 2 of {total}" in capped.stderr


def test_speakers_rename_and_merge_are_kept_and_a_stranger_is_a_usage_error(tmp_path: Path):
    ix = str(tmp_path / "ix")
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    run("index", str(seeds), "--index-dir", ix, env_home=tmp_path)
    report = json.loads(run("speakers", "--rename", "Joe Biden", "President Biden", "--index-dir",
                            ix, "--json", env_home=tmp_path).stdout)
    assert (report["updated"], report["added"]) == (1, 0)
    listed = {row["speaker"]: row for row in json.loads(
        run("speakers", "--index-dir", ix, "--json", env_home=tmp_path).stdout)}
    assert "President Biden" in listed and "Joe Biden" not in listed
    run("speakers", "--merge", "President Biden", "Antony Blinken", "--index-dir", ix,
        env_home=tmp_path)
    listed = {row["speaker"]: row for row in json.loads(
        run("speakers", "--index-dir", ix, "--json", env_home=tmp_path).stdout)}
    assert "President Biden" not in listed
    assert set(listed["Antony Blinken"]["outlets"]) == {"SGH Insight", "The Hill"}
    refused = run("speakers", "--rename", "Nobody", "X", "--index-dir", ix, env_home=tmp_path,
                  check=False)
    assert refused.returncode == 2 and "no indexed speaker" in refused.stderr
