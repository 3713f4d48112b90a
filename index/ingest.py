"""Turn files on disk into ``Article`` values, or into a reason they were skipped.

Pure apart from reading the files: no index, no terminal. One broken file never stops a run;
the caller gets a ``Skipped`` naming the file and the reason.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import replace
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import claims as claim_extraction
from . import feeds, inference, webpages
from .budget import file_budget
from .corrections import corrected_digest
from .errors import IngestError
from .metadata import (
    MANIFEST_NAME,
    Metadata,
    MetadataError,
    from_file_name,
    layered,
    load_manifest,
    published_line,
    split_front_matter,
    unknown_outlet,
)
from .models import Article, Paragraph, Skipped
from .paragraphs import Block, blocks, is_label, split_furniture
from .textnorm import NormalisedText, UndecodableError, clean_line, decode_bytes, normalise

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
PAGE_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + PAGE_SUFFIXES + FEED_SUFFIXES
# Folder documentation that sits next to articles but is not one.
NOT_ARTICLES = ("readme", "license", "licence", "changelog", "contributing")
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_TITLE_CHARS = 300


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def discover(paths: Iterable[Path]) -> Iterator[Path | Skipped]:
    """Article files under the given files and folders, recursively, each once.

    Symlinked folders are followed but never twice (a symlink loop ends the walk there). Only
    regular files are yielded: anything that cannot be resolved or stat'ed, or is a named pipe,
    socket or device, is a ``Skipped`` naming it, because opening a pipe blocks the whole run
    and one bad entry must not stop the rest of the folder.
    """
    seen_dirs: set[Path] = set()
    seen_files: set[tuple[int, int]] = set()
    for root in paths:
        kind = _kind(root)
        if kind == "directory":
            yield from _walk(root, seen_dirs, seen_files)
        elif kind == "file":
            if (found := _regular(root, seen_files)) is not None:
                yield found
        elif kind == "missing":
            yield Skipped(str(root), "no such file or folder")
        else:
            yield Skipped(str(root), kind)


def _walk(root: Path, seen_dirs: set[Path], seen_files: set[tuple[int, int]]
          ) -> Iterator[Path | Skipped]:
    unreadable: list[Skipped] = []

    def refused(exc: OSError) -> None:
        unreadable.append(Skipped(str(exc.filename or root), f"folder not readable ({_reason(exc)})"))

    for folder, dirnames, filenames in os.walk(root, followlinks=True, onerror=refused):
        yield from unreadable
        unreadable.clear()
        try:
            real = Path(folder).resolve(strict=True)
        except (OSError, RuntimeError):
            dirnames.clear()
            continue
        if real in seen_dirs:
            dirnames.clear()
            continue
        seen_dirs.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(folder, name)
            if not is_article_name(path):
                continue
            kind = _kind(path)
            if kind == "file":
                if (found := _regular(path, seen_files)) is not None:
                    yield found
            elif kind != "directory":
                yield Skipped(str(path), "no such file" if kind == "missing" else kind)
    yield from unreadable


def _kind(path: Path) -> str:
    """"file", "directory", "missing", or why the path is neither (a skip reason)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if exc.errno == errno.ENOENT:
            return "dangling symbolic link" if os.path.islink(path) else "missing"
        return f"cannot be read ({_reason(exc)})"
    except ValueError:
        return "cannot be read (invalid name)"
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISREG(mode):
        return "file"
    return f"not a regular file ({_special(mode)})"


def _special(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "an unknown kind"


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _regular(path: Path, seen_files: set[tuple[int, int]]) -> Path | None:
    """The path, absolute, unless the same file (by device and inode) was already found."""
    try:
        info = os.stat(path)
    except OSError:
        return Path(os.path.abspath(path))  # vanished since: reading it reports why
    key = (info.st_dev, info.st_ino)
    if key in seen_files:
        return None
    seen_files.add(key)
    return Path(os.path.abspath(path))


def is_article_name(path: Path) -> bool:
    return (
        path.suffix.lower() in ARTICLE_SUFFIXES
        and not path.name.startswith(".")
        and path.stem.lower() not in NOT_ARTICLES
        and path.name != MANIFEST_NAME
    )


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing what cannot be an article before reading it all."""
    try:
        # Non-blocking, and the kind checked on the open descriptor: a named pipe put where a
        # file was must be refused, not waited on.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise IngestError("symbolic link loop") from None
        raise IngestError(f"unreadable ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as handle:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise IngestError(f"not a regular file ({_special(info.st_mode)})")
            if info.st_size > MAX_FILE_BYTES:
                raise IngestError(f"too large ({info.st_size / 1048576:.1f} MiB; "
                                  f"the limit is {MAX_FILE_BYTES // 1048576} MiB)")
            return handle.read()
        except OSError as exc:
            raise IngestError(f"unreadable ({exc.strerror or exc})") from None


def load_article(path: Path, data: bytes, manifest: Metadata | None = None,
                 correction: Metadata | None = None) -> Article:
    """Parse one text or Markdown file's bytes into an article with paragraphs and claims."""
    if not data.strip():
        raise IngestError("empty file")
    try:
        original = decode_bytes(data)
    except UndecodableError as exc:
        raise IngestError(str(exc)) from None
    return article_from_text(path, original, corrected_digest(file_digest(data), correction),
                             manifest, markdown=path.suffix.lower() in (".md", ".markdown"),
                             correction=correction)


def article_from_text(path: Path, original: str, file_hash: str, manifest: Metadata | None,
                      *, markdown: bool = False, extracted: Metadata | None = None,
                      extracted_from: str = "page metadata",
                      correction: Metadata | None = None) -> Article:
    """An article from decoded text. ``extracted`` is metadata an extractor found (web pages,
    feeds): the text is then not the file's, so it is kept with the article as ``source_text``
    and the offsets refer to it. Every field records where it came from (``provenance``), and
    an article no one names an outlet for is its own source, labelled by its file."""
    norm = normalise(original)
    text = norm.text
    front = extracted or Metadata()
    body_start = 0
    if markdown:
        try:
            front, body_start = split_front_matter(text, path.name)
        except MetadataError as exc:
            raise IngestError(str(exc).removeprefix(f"{path.name}: ")) from None
    found = blocks(text, body_start)
    if not found:
        raise IngestError("no text (only whitespace or control characters)")
    derived, found = _title_and_dateline(found, front.title or (manifest.title if manifest else ""))
    stated = [("inferred from text", inference.from_text(_lines(found)))]
    if extracted is None:
        stated.append(("file name", from_file_name(path)))
    stated += [("inferred from text", derived),
               (extracted_from if extracted is not None else "front matter", front),
               ("manifest", manifest or Metadata()), ("correction", correction or Metadata())]
    meta, provenance = layered(stated)
    if not meta.outlet:
        meta = replace(meta, outlet=unknown_outlet(path))
    kept, _furniture = split_furniture(found)
    if not kept:
        raise IngestError("no article text (only a title or page furniture)")
    paragraphs = tuple(_paragraph(i, block, norm) for i, block in enumerate(kept, start=1))
    article = Article(
        id=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16],
        path=str(path),
        file_hash=file_hash,
        title=meta.title or "(untitled)",
        outlet=meta.outlet,
        author=meta.author,
        date=meta.date,
        url=meta.url,
        tags=meta.tags,
        paragraphs=paragraphs,
        source_text=original if extracted is not None else "",
        provenance=provenance,
    )
    return claim_extraction.attach(article, norm)


def _lines(found: list[Block]) -> list[str]:
    return [line for block in found for line in block.text.split("\n")]


def _title_and_dateline(found: list[Block], stated_title: str) -> tuple[Metadata, list[Block]]:
    """Take the title line and a "Published on …" line off the top of the blocks.

    The first non-empty line is the title unless front matter or a manifest states one and the
    line differs; a first line too long to be a title stays in the body.
    """
    first = found[0]
    first_line = first.text.split("\n", 1)[0]
    title = stated_title
    rest = found
    if len(first_line) <= MAX_TITLE_CHARS and (not stated_title or _same(first_line, stated_title)):
        title = title or clean_line(first_line.lstrip("# "))
        remainder = first.text[len(first_line) :].lstrip("\n")
        rest = found[1:]
        if remainder:
            rest = [Block(first.end - len(remainder), first.end, remainder), *rest]
    elif not stated_title:
        words = first_line.split()
        title = clean_line(" ".join(words[:12])) + ("…" if len(words) > 12 else "")
    date = ""
    for index, block in enumerate(rest[:3]):
        if is_label(block) and (found_date := published_line(block.text)):
            date = found_date
            rest = rest[:index] + rest[index + 1 :]
            break
    return Metadata(title=title[:MAX_TITLE_CHARS], date=date), rest


def _same(a: str, b: str) -> bool:
    return clean_line(a.lstrip("# ")).casefold() == clean_line(b).casefold()


def _paragraph(number: int, block: Block, norm: NormalisedText) -> Paragraph:
    start, end = norm.original_span(block.start, block.end)
    return Paragraph(number, start, end, block.text, heading=is_label(block))


def load_path(path: Path, manifest: Metadata | None = None) -> Article:
    """Read and parse a single-article file; raises ``IngestError`` with the reason."""
    return load_article(path, read_bytes(path), manifest)


def load_articles(path: Path, data: bytes, manifest: Metadata | None = None,
                  correction: Metadata | None = None) -> list[Article]:
    """Every article in a file: one for text, Markdown and web pages, one per entry for feeds.
    A ``correction`` (``corrections.py``) wins over everything and is part of the file hash."""
    suffix = path.suffix.lower()
    digest = corrected_digest(file_digest(data), correction)
    if suffix in PAGE_SUFFIXES:
        page = webpages.extract(data, path.name)
        return [article_from_text(path, page.text, digest, manifest, extracted=page.metadata,
                                  correction=correction)]
    if suffix in FEED_SUFFIXES:
        entries = feeds.entries(data, path.name)
        articles = []
        for entry in entries:
            try:
                articles.append(article_from_text(path, entry.text, digest, manifest,
                                                  extracted=entry.metadata, extracted_from="feed",
                                                  correction=correction))
            except IngestError:
                continue  # an entry with no text of its own; the others still count
        if not articles:
            raise IngestError("no feed entry has any text")
        return articles
    return [load_article(path, data, manifest, correction)]


class ManifestCache:
    """Folder manifests, read once per folder per run; a broken one is reported, not fatal."""

    def __init__(self, corrections: dict[str, Metadata] | None = None) -> None:
        self._by_folder: dict[Path, dict[str, Metadata]] = {}
        self.errors: list[Skipped] = []
        self.corrections = corrections or {}

    def correction_for(self, path: Path) -> Metadata | None:
        """The user's correction of the file (``corrections.py``), if any."""
        return self.corrections.get(str(path))

    def for_file(self, path: Path) -> Metadata | None:
        folder = path.parent
        if folder not in self._by_folder:
            try:
                self._by_folder[folder] = load_manifest(folder)
            except MetadataError as exc:
                self.errors.append(Skipped(str(folder / MANIFEST_NAME), str(exc)))
                self._by_folder[folder] = {}
        return self._by_folder[folder].get(path.name)


def extract_claims(paths: Iterable[Path]) -> tuple[list[Article], list[Skipped]]:
    """Articles with unified speakers from files and folders, without any index."""
    manifests = ManifestCache()
    articles: list[Article] = []
    failed: list[Skipped] = []
    for found in discover(paths):
        if isinstance(found, Skipped):
            failed.append(found)
            continue
        try:
            with file_budget(limit_memory=True):
                articles.extend(load_articles(found, read_bytes(found), manifests.for_file(found)))
        except IngestError as exc:
            failed.append(Skipped(str(found), str(exc)))
    return claim_extraction.unify_speakers(articles), failed + manifests.errors
