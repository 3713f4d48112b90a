"""The claim ledger on small invented stories: three outlets quote one statement, one with a
changed number, a dropped negation and another speaker; one covers the story without it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import index
from index.ledgerfile import LEDGER_FILE

MANIFEST = """
["planet.txt"]
title = "Senate tax bill advances"
outlet = "Daily Planet"
date = "2024-03-01"

["post.txt"]
title = "Tax bill moves ahead in Senate"
outlet = "Morning Post"
date = "2024-03-02"

["star.txt"]
title = "Senate advances Doe tax bill"
outlet = "Evening Star"
date = "2024-03-02"

["ledger.txt"]
title = "Doe tax bill clears Senate committee"
outlet = "City Ledger"
date = "2024-03-03"

["zoo.txt"]
title = "Zoo welcomes panda cubs"
outlet = "Morning Post"
date = "2024-03-02"
"""

ARTICLES = {
    "planet.txt": [
        "Senate tax bill advances",
        "The Senate tax bill sponsored by Senator Jane Doe advanced on Monday after a committee vote on families and the deficit.",
        "\"The bill will cut taxes for 20 million families and it will not raise the deficit,\" Senator Jane Doe said on Monday.",
        "\"This is a good day for working families across the country,\" Doe said.",
    ],
    "post.txt": [
        "Tax bill moves ahead in Senate",
        "Senator Jane Doe's tax bill moved ahead in the Senate on Monday after a committee vote on families and the deficit.",
        "\"The bill will cut taxes for 30 million families and it will raise the deficit,\" a Senate aide said on Monday.",
    ],
    "star.txt": [
        "Senate advances Doe tax bill",
        "A Senate committee advanced the tax bill of Senator Jane Doe on Monday in a vote on families and the deficit.",
        "Doe called it \"a good day for working families across the country.\"",
    ],
    "zoo.txt": [
        "Zoo welcomes panda cubs",
        "The city zoo welcomed two panda cubs born overnight, keepers said, and visitors lined up at the gates.",
    ],
}
LATE = [
    "Doe tax bill clears Senate committee",
    "Senator Jane Doe's tax bill cleared the Senate committee after Monday's vote on families and the deficit.",
    "\"The bill will cut taxes for 20 million families and it will not raise the deficit,\" Doe said.",
]


def _write(folder: Path, name: str, paragraphs: list[str]) -> None:
    (folder / name).write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def write_corpus(folder: Path) -> Path:
    """The invented story's articles and their manifest in ``folder``."""
    folder.mkdir()
    (folder / "manifest.toml").write_text(MANIFEST, encoding="utf-8")
    for name, paragraphs in ARTICLES.items():
        _write(folder, name, paragraphs)
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "articles")


def _statement(clusters: list[index.LedgerCluster], words: str) -> index.LedgerCluster:
    found = [c for c in clusters if words in c.statement.lower()]
    assert len(found) == 1, [c.statement for c in clusters]
    return found[0]


def test_one_statement_three_ways_is_one_cluster_with_every_flag(corpus: Path, tmp_path: Path) -> None:
    with index.build_index(tmp_path / "ix", [corpus]) as ix:
        stories = index.list_stories(ix)
        grouped = sorted(sorted(a.doc for a in s.articles) for s in stories)
        assert grouped == [["planet", "post", "star"], ["zoo"]]
        clusters = index.ledger_clusters(ix)
        taxes = _statement(clusters, "cut taxes")
        assert [(c.outlet, c.speaker.split(" (")[0], c.speaker_kind) for c in taxes.claims] == [
            ("Daily Planet", "Jane Doe", "named"),
            ("Morning Post", "Senate aide", "anonymous"),
        ]
        assert [c.outlet for c in taxes.first] == ["Daily Planet"]
        assert taxes.first_certainty == "day"
        assert taxes.flags == {"speaker_differs": True, "wording_differs": True,
                               "numbers_differ": True, "negation_differs": True,
                               "credit_unknown": False}
        assert taxes.missing_from == ("Evening Star",)
        changes = {(c.op, c.ref, c.got) for c in taxes.changes["post"]}
        assert changes == {("changed", ("20",), ("30",)), ("dropped", ("not",), ())}

        # A shorter excerpt of the same words, by the same speaker: no flag.
        good_day = _statement(clusters, "good day")
        assert {c.outlet for c in good_day.claims} == {"Daily Planet", "Evening Star"}
        assert not any(good_day.flags.values())
        assert good_day.missing_from == ("Morning Post",)

        assert index.ledger_clusters(ix, "deficit", flags=["numbers"]) == [taxes]
        assert index.ledger_clusters(ix, "panda") == []
        notes = index.paragraph_notes(ix, f"{_article_id(ix, 'post')}-2")
        assert [(n.first_reported_by, n.also_in) for n in notes] == [(("Daily Planet",), ("Daily Planet",))]
        assert [(o, s.split(" (")[0]) for o, s in notes[0].credits] == [
            ("Daily Planet", "Jane Doe"), ("Morning Post", "Senate aide")]


def _article_id(ix: index.BriefingIndex, doc: str) -> str:
    return next(a.article_id for a in index.load_ledger(ix).articles.values() if a.doc == doc)


def test_a_new_article_joins_its_cluster_and_a_removed_one_leaves(corpus: Path, tmp_path: Path) -> None:
    directory = tmp_path / "ix"
    with index.build_index(directory, [corpus]) as ix:
        before = _statement(index.ledger_clusters(ix), "cut taxes")
    _write(corpus, "ledger.txt", LATE)
    with index.BriefingIndex.open(directory) as ix:
        ix.update([corpus])
        state = json.loads((directory / LEDGER_FILE).read_text(encoding="utf-8"))
        assert state["generation"] == ix.generation()  # written with the commit, not rebuilt
        joined = _statement(index.ledger_clusters(ix), "cut taxes")
        assert [c.outlet for c in joined.claims] == ["Daily Planet", "Morning Post", "City Ledger"]
        assert joined.reference == "planet"  # two of three say "20 ... will not"
        assert "planet" not in joined.changes and "ledger" not in joined.changes
        assert joined.first == before.first
    (corpus / "planet.txt").unlink()
    with index.BriefingIndex.open(directory) as ix:
        ix.update([corpus])
        left = _statement(index.ledger_clusters(ix), "cut taxes")
        assert [c.outlet for c in left.claims] == ["Morning Post", "City Ledger"]
        assert [c.outlet for c in left.first] == ["Morning Post"]
        assert "good day" not in " ".join(c.statement.lower() for c in index.ledger_clusters(ix))


def test_a_ledger_missing_or_behind_the_index_is_rebuilt_from_it(corpus: Path, tmp_path: Path) -> None:
    directory = tmp_path / "ix"
    index.build_index(directory, [corpus]).close()
    expected = json.loads((directory / LEDGER_FILE).read_text(encoding="utf-8"))
    (directory / LEDGER_FILE).unlink()
    with index.BriefingIndex.open(directory) as ix:
        clusters = index.ledger_clusters(ix)
        assert {c.id for c in clusters} == {
            c.id for c in index.load_ledger(ix).clusters} and len(clusters) == 2
    rebuilt = json.loads((directory / LEDGER_FILE).read_text(encoding="utf-8"))
    assert rebuilt["stories"] == expected["stories"] and rebuilt["clusters"] == expected["clusters"]


def _credit(doc: str, speaker: str, kind: str = "named", source: str = "") -> "LedgerClaim":
    from index.ledger import LedgerClaim
    return LedgerClaim(doc=doc, outlet=doc, date="2024-03-01", paragraph=1, speaker=speaker,
                       speaker_kind=kind, source_text=source or speaker, source=((0, 1),), cue=((1, 2),),
                       content=((2, 3),), content_text="x")


@pytest.mark.parametrize(("one", "other", "differs"), [
    (("Ruth Bader", "named"), ("Bader Ginsburg", "named"), False),
    (("Tim Murray", "named"), ("Timothy Murray", "named"), False),
    (("Jesse Jackson Jr.", "named"), ("Sandra Jackson", "named"), True),
    (("Elizabeth Cheney", "named"), ("Mary Cheney", "named"), True),
    (("statement (Fox · 2024-03-01)", "anonymous"), ("Jane Doe", "named"), False),
    (("Texas governor (Fox · 2024-03-01)", "anonymous"), ("Rick Perry", "named"), False),
    (("Vermont senator (Fox · 2024-03-01)", "anonymous"), ("Bernie Sanders", "named"), False),
    (("White House official (Fox · 2024-03-01)", "anonymous"), ("Rick Perry", "named"), True),
    (("a senior aide (Fox · 2024-03-01)", "anonymous"), ("a senior aide (Post · 2024-03-01)", "anonymous"), False),
    # Credits seen on BASIL: a misspelt first name, a title, a role named by the other article.
    (("Mexican President Vincente Fox", "named"), ("Vicente Fox", "named"), False),
    (("Sheriff Arpaio", "named"), ("Joe Arpaio", "named"), False),
    (("attorney general (Fox · 2024-03-01)", "anonymous"), ("Rick Perry", "named"), False),
    (("excerpts from his speech (Fox · 2024-03-01)", "organisation"), ("Jane Doe", "named"), False),
])
def test_credits_compared(one: tuple[str, str], other: tuple[str, str], differs: bool) -> None:
    from index.ledger import _speaker_differs
    claims = (_credit("fox", *one), _credit("post", *other))
    # Fox's article names Perry and Sanders (its words stemmed as the index stems them): its
    # "Texas governor" is him; its "official" is someone else.
    assert _speaker_differs(claims, {"fox": {"perri", "governor", "sander"}, "post": set()}) is differs


@pytest.mark.parametrize(("speaker", "source"), [
    ("", ""),  # the extractor found nobody
    ("Marcia Fudge", "she"),  # a pronoun it resolved, perhaps to the wrong person nearby
    ("WASHINGTON", "WASHINGTON"),  # a dateline
    ("31, who has 14,000 followers (Fox · 2024-03-01)", "31, who has 14,000 followers"),
])
def test_an_unresolved_credit_is_unknown_not_a_different_speaker(speaker: str, source: str) -> None:
    from index.ledger import _credit_unknown, _speaker_differs
    claims = (_credit("fox", speaker, "named" if speaker else "none", source),
              _credit("post", "Nancy Pelosi"), _credit("times", "Nancy Pelosi"))
    assert not _speaker_differs(claims)
    assert _credit_unknown(claims)
    # A second named credit that differs is still flagged, and the unknown one still said.
    with_other = (*claims, _credit("star", "Marcia Fudge"))
    assert _speaker_differs(with_other) and _credit_unknown(with_other)
    # Named credits on every side: nothing unknown.
    assert not _credit_unknown(claims[1:])


def test_a_pronoun_for_a_body_against_a_person_is_still_a_different_credit() -> None:
    from index.ledger import _credit_unknown, _speaker_differs
    claims = (_credit("hill", "State Department", "organisation", "it"), _credit("sgh", "Antony Blinken"))
    assert _speaker_differs(claims) and not _credit_unknown(claims)


def test_seed_blinken_statement_is_one_cluster_first_in_the_hill_credited_differently(seed_index) -> None:
    clusters = index.ledger_clusters(seed_index, "xinjiang")
    found = [c for c in clusters if "human rights and democratic values" in c.statement]
    assert len(found) == 1
    [cluster] = found
    assert [(c.outlet, c.date) for c in cluster.first] == [("The Hill", "2021-02-05")]
    assert cluster.outlets == ("The Hill", "SGH Insight")
    assert cluster.speaker_differs
    assert {c.outlet: c.speaker for c in cluster.claims} == {
        "The Hill": "State Department", "SGH Insight": "Antony Blinken"}


def test_a_retitled_copy_joins_its_original_story_and_clusters(corpus: Path, tmp_path: Path) -> None:
    copy = ARTICLES["planet.txt"].copy()
    copy[0] = "Senate tax bill advances (republished)"
    _write(corpus, "planet-copy.txt", copy)
    with index.build_index(tmp_path / "ix", [corpus]) as ix:
        [story] = [s for s in index.list_stories(ix) if len(s.articles) > 1]
        assert sorted(a.doc for a in story.articles) == ["planet", "planet-copy", "post", "star"]
        taxes = _statement(index.ledger_clusters(ix), "cut taxes")
        assert sorted(c.doc for c in taxes.claims) == ["planet", "planet-copy", "post"]
        assert not taxes.changes.get("planet-copy")


def test_first_report_ties_times_and_missing_dates() -> None:
    from dataclasses import replace

    from index.ledger import describe
    a, b, c = _credit("a", "Jane Doe"), _credit("b", "Jane Doe"), _credit("c", "Jane Doe")
    tied = describe("s", [replace(a, date="2024-03-01"), replace(b, date="2024-03-01"),
                          replace(c, date="2024-03-02")], ["a", "b", "c"])
    assert [x.doc for x in tied.first] == ["a", "b"] and tied.first_certainty == "day"
    timed = describe("s", [replace(a, date="2024-03-01T10:00"), replace(b, date="2024-03-01T09:30")],
                     ["a", "b"])
    assert [x.doc for x in timed.first] == ["b"] and timed.first_certainty == "time"
    undated = describe("s", [replace(a, date=""), replace(b, date="")], ["a", "b"])
    assert undated.first_certainty == "missing" and len(undated.first) == 2
    # An undated report cannot be first over a dated one.
    mixed = describe("s", [replace(a, date=""), replace(b, date="2024-03-05")], ["a", "b"])
    assert [x.doc for x in mixed.first] == ["b"]


def test_an_update_does_not_complete_a_ledger_that_missed_a_commit(corpus: Path, tmp_path: Path) -> None:
    directory = tmp_path / "ix"
    index.build_index(directory, [corpus]).close()
    (directory / LEDGER_FILE).unlink()  # as after a crash between the two writes
    _write(corpus, "ledger.txt", LATE)
    with index.BriefingIndex.open(directory) as ix:
        ix.update([corpus])
        assert not (directory / LEDGER_FILE).exists()  # not a ledger of the new article alone
        taxes = _statement(index.ledger_clusters(ix), "cut taxes")
        assert [c.outlet for c in taxes.claims] == ["Daily Planet", "Morning Post", "City Ledger"]


def test_a_pronoun_credit_to_another_person_is_listed_as_credit_unknown(tmp_path: Path) -> None:
    folder = tmp_path / "pronoun"
    folder.mkdir()
    (folder / "manifest.toml").write_text(MANIFEST.split('["star.txt"]')[0], encoding="utf-8")
    _write(folder, "planet.txt", ARTICLES["planet.txt"])
    _write(folder, "post.txt", [
        "Tax bill moves ahead in Senate",
        "Senator Jane Doe's tax bill moved ahead in the Senate on Monday after a committee vote on families and the deficit.",
        "Senator Mary Roe met reporters after the vote. \"The bill will cut taxes for 20 million families and it will not raise the deficit,\" she said.",
    ])
    with index.build_index(tmp_path / "ix", [folder]) as ix:
        taxes = _statement(index.ledger_clusters(ix), "cut taxes")
        assert {c.speaker for c in taxes.claims} == {"Jane Doe", "Mary Roe"}
        assert taxes.flags["credit_unknown"] and not taxes.speaker_differs
        assert index.ledger_clusters(ix, flags=["unknown"]) == [taxes]
        assert index.ledger_clusters(ix, flags=["speaker"]) == []
