import os
from pathlib import Path

import pytest

from index.ingest import IngestError, discover, load_article, load_path, read_bytes
from index.metadata import from_file_name, parse_date, published_line
from index.models import Skipped

from ..conftest import SEEDS


def test_yaml_front_matter(tmp_path: Path):
    raw = (
        "---\ntitle: Talks stall\noutlet: Example Times\nauthor: A. Writer\ndate: 2021-03-01\n"
        "url: https://example.test/a\ntags: [china, trade]\n---\n\n# Talks stall\n\nBody here.\n"
    )
    article = load_article(tmp_path / "a.md", raw.encode())
    assert (article.title, article.outlet, article.author, article.date, article.url) == (
        "Talks stall", "Example Times", "A. Writer", "2021-03-01", "https://example.test/a")
    assert article.tags == ("china", "trade")
    assert [p.text for p in article.paragraphs] == ["Body here."]
    assert raw[article.paragraphs[0].start : article.paragraphs[0].end] == "Body here."


def test_toml_front_matter(tmp_path: Path):
    raw = '+++\ntitle = "Toml title"\noutlet = "Wire"\ndate = 2020-05-06\n+++\nFirst line.\n\nSecond.\n'
    article = load_article(tmp_path / "b.md", raw.encode())
    assert (article.title, article.outlet, article.date) == ("Toml title", "Wire", "2020-05-06")
    assert [p.text for p in article.paragraphs] == ["First line.", "Second."]


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("---\ntitle: [unclosed\n---\nBody.\n", "malformed YAML front matter"),
        ("---\ntitle: x\nBody without a closing fence.\n", "never closed"),
        ("---\ndate: someday\n---\nBody.\n", "unreadable date"),
    ],
)
def test_malformed_front_matter_is_a_clear_skip_reason(tmp_path: Path, raw: str, reason: str):
    with pytest.raises(IngestError, match=reason):
        load_article(tmp_path / "bad.md", raw.encode())


def test_seed_metadata_comes_from_the_manifest():
    from index.ingest import ManifestCache

    cache = ManifestCache()
    found = {p.name: load_path(p, cache.for_file(p)) for p in discover([SEEDS]) if isinstance(p, Path)}
    hill = found["the-hill_2021-02-05_blinken-first-call.txt"]
    sgh = found["sgh-insight_2021-02-10_frosty-yang-blinken-call.txt"]
    assert (hill.outlet, hill.date, hill.title) == ("The Hill", "2021-02-05", "Blinken holds first call with Chinese counterpart")
    assert (sgh.outlet, sgh.date) == ("SGH Insight", "2021-02-10")


def test_published_line_gives_the_date_and_is_not_a_paragraph(tmp_path: Path):
    raw = "China: A Call\n\nPublished on February 10, 2021\n\nThe article body.\n"
    article = load_article(tmp_path / "no-meta.txt", raw.encode())
    assert article.date == "2021-02-10"
    assert [p.text for p in article.paragraphs] == ["The article body."]


def test_a_photo_caption_date_is_never_the_article_date(tmp_path: Path):
    raw = ("Headline\n\nThe minister at a briefing in Washington, DC, on January 27, 2021.\n\n"
           "The minister spoke on Friday.\n")
    assert load_article(tmp_path / "caption.txt", raw.encode()).date == ""


def test_polnear_style_file_names_give_outlet_and_date():
    meta = from_file_name(Path("breitbart_2016-03-11_activists-brick-up.txt"))
    assert (meta.outlet, meta.date) == ("breitbart", "2016-03-11")
    assert from_file_name(Path("notes.txt")).date == ""


@pytest.mark.parametrize(
    ("text", "iso"),
    [("February 10, 2021", "2021-02-10"), ("10 Feb 2021", "2021-02-10"), ("2021-02-10T08:00Z", "2021-02-10"),
     ("sometime", None), ("February 30, 2021", None)],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_published_line_shapes():
    assert published_line("Published on February 10, 2021") == "2021-02-10"
    assert published_line("He published on February 10, 2021 a book") is None


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"   \n\n\t\n", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "binary"),
        ("only-title.txt", b"Just a title\n", "no article text"),
        ("furniture.txt", b"Title\n\nMost Popular\n\nLoad more\n", "no article text"),
    ],
)
def test_unusable_files_raise_a_named_reason(tmp_path: Path, name: str, data: bytes, reason: str):
    with pytest.raises(IngestError, match=reason):
        load_article(tmp_path / name, data)


def test_discover_recurses_skips_non_articles_and_survives_symlink_loops(tmp_path: Path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "a.txt").write_text("A\n\nbody.")
    (tmp_path / "sub" / "deeper" / "b.md").write_text("B\n\nbody.")
    (tmp_path / "README.md").write_text("docs")
    (tmp_path / "image.png").write_bytes(b"x")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    found = list(discover([tmp_path, tmp_path / "missing"]))
    names = sorted(p.name for p in found if isinstance(p, Path))
    assert names == ["a.txt", "b.md"]
    assert [s.reason for s in found if isinstance(s, Skipped)] == ["no such file or folder"]


def test_discover_names_every_entry_it_cannot_use_and_yields_the_rest(tmp_path: Path):
    (tmp_path / "good.txt").write_text("Good\n\nA body sentence.")
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "null.txt").symlink_to("/dev/null")
    found = list(discover([tmp_path]))
    assert [p.name for p in found if isinstance(p, Path)] == ["good.txt"]
    reasons = {Path(s.path).name: s.reason for s in found if isinstance(s, Skipped)}
    assert reasons == {
        "a.txt": "symbolic link loop",
        "b.txt": "symbolic link loop",
        "dangling.txt": "dangling symbolic link",
        "pipe.txt": "not a regular file (a named pipe)",
        "null.txt": "not a regular file (a device)",
    }


def test_discover_refuses_a_named_pipe_or_loop_given_directly(tmp_path: Path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    found = list(discover([tmp_path / "pipe.txt", tmp_path / "loop.txt"]))
    assert [(Path(s.path).name, s.reason) for s in found] == [
        ("pipe.txt", "not a regular file (a named pipe)"),
        ("loop.txt", "symbolic link loop"),
    ]


def test_read_bytes_never_waits_on_a_named_pipe(tmp_path: Path):
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(IngestError, match="named pipe"):
        read_bytes(tmp_path / "pipe.txt")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_discover_reports_an_unreadable_folder_and_keeps_going(tmp_path: Path):
    (tmp_path / "ok.txt").write_text("Ok\n\nA body sentence.")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "x.txt").write_text("X\n\nbody.")
    locked.chmod(0)
    try:
        found = list(discover([tmp_path]))
    finally:
        locked.chmod(0o755)
    assert [p.name for p in found if isinstance(p, Path)] == ["ok.txt"]
    assert [(s.path, s.reason) for s in found if isinstance(s, Skipped)] == [
        (str(locked), "folder not readable (permission denied)")]


def test_an_unterminated_escape_in_a_text_file_keeps_the_last_paragraph(tmp_path: Path):
    raw = "A title\n\nFirst paragraph \x1b]0;with a stray escape.\n\nThe last paragraph.\n"
    article = load_article(tmp_path / "stray.txt", raw.encode())
    assert [p.text for p in article.paragraphs][-1] == "The last paragraph."
    first = article.paragraphs[0]
    assert raw[first.start : first.end].endswith("with a stray escape.")


def test_an_unterminated_escape_in_front_matter_keeps_the_closing_fence(tmp_path: Path):
    raw = "---\ntitle: Stray \x1b]8;;escape\noutlet: Wire\n---\n\nBody here.\n"
    article = load_article(tmp_path / "stray.md", raw.encode())
    assert (article.title, article.outlet) == ("Stray 8;;escape", "Wire")
    assert [p.text for p in article.paragraphs] == ["Body here."]


_BOMB = "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10))


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\nBody.\n", "nests brackets more than 32 deep"),
        ("+++\ntitle = " + "[" * 5000 + "]" * 5000 + "\n+++\nBody.\n", "nests brackets more than 32 deep"),
        ("---\na:\n" + "".join(" " * i + "- \n" for i in range(1, 3000, 2)) + "---\nBody.\n",
         "nests more than Python can parse"),
        ("---\nl0: &l0 [lol]\n" + _BOMB + "title: *l9\n---\nBody.\n", "title must be text, not list"),
    ],
    ids=["yaml brackets", "toml brackets", "yaml indentation", "alias bomb"],
)
def test_hostile_front_matter_is_a_skip_reason_not_a_crash(tmp_path: Path, raw: str, reason: str):
    with pytest.raises(IngestError, match=reason):
        load_article(tmp_path / "deep.md", raw.encode())


def test_a_manifest_nested_too_deep_is_reported(tmp_path: Path):
    from index.metadata import MetadataError, load_manifest

    (tmp_path / "manifest.toml").write_text('["a.txt"]\ntitle = ' + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(MetadataError, match="nested more than 32 deep"):
        load_manifest(tmp_path)
