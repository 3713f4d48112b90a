"""Opening, creating, updating and repairing a briefing index on disk.

Safety rules, from shared/RELIABILITY.md:

* Only the ``briefing index`` command writes, through ``ix.writer(timeout=…)``; a second writer
  waits, then fails with a clear "busy" message. Whoosh's commit is an atomic rename, so a
  killed writer leaves the previous index searchable; its lock is an ``flock`` that dies with it.
* Readers never call ``searcher.refresh()`` (broken in whoosh-reloaded 2.7.5): when the index
  changed they close the searcher and open a fresh one.
* Each commit records every file of the index with its size and CRC-32 (integrity.py); opening
  checks them, and an index that fails is reported as damaged and never replaced by the seed
  articles: ``briefing check --repair`` rebuilds it from the sources it recorded.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from whoosh import index as windex
from whoosh.util.filelock import try_for
from whoosh.searching import Searcher

from . import corrections, renames
from .adding import add_document
from .claims import unify_speakers
from .errors import (BriefingError, IndexBusy, IndexDamaged, IndexMissing, IndexOutdated,
                     QueryError)
from .frequent import write_frequent
from .ledger import article_record
from .ledgerfile import update as update_ledger
from .stories import terms_from_postings
from .integrity import (
    INDEX_NAME,
    META_FILE,
    OPEN_CRC_LIMIT,
    SOURCES_FILE,
    committed_files,
    file_problems,
    read_meta,
    record_files,
    recorded_sources,
    sweep_staging,
    write_meta,
)
from .corrections import corrected_digest
from .ingest import IngestError, ManifestCache, discover, file_digest, read_bytes
from .metadata import Metadata
from .models import Article, Skipped
from .neardup import Clusters
from .parsing import Parsed, parse_files
from .paths import user_topics_file
from .pool import tune
from .schema import (
    SCHEMA_VERSION,
    article_fields_once,
    build_schema,
    claim_fields,
)
from .topics import TopicSet, merge_topic_files

BATCH_ARTICLES = 400  # parsed articles held at once while writing (see AHEAD in parsing.py)
DEFAULT_WAIT_SECONDS = 10.0

Progress = Callable[[int, int, str], None]
T = TypeVar("T")


@dataclass
class IndexReport:
    """What one ``update`` did, for the summary line and for scripts."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    duplicates: list[Skipped] = field(default_factory=list)
    retagged: int = 0
    paragraphs: int = 0
    seconds: float = 0.0
    failed: list[Skipped] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return self.unchanged + len(self.duplicates)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.retagged)

    def summary(self) -> str:
        rate = self.paragraphs / self.seconds if self.seconds > 0 else 0.0
        return (
            f"{self.added} added, {self.updated} updated, {self.removed} removed, "
            f"{self.skipped} skipped ({self.unchanged} unchanged, {len(self.duplicates)} duplicate), "
            f"{len(self.failed)} failed"
            + (f", {self.retagged} paragraphs re-tagged" if self.retagged else "")
            + f" — {self.paragraphs} paragraphs indexed in {self.seconds:.2f} s"
            + (f" ({rate:,.0f} paragraphs/s)" if self.paragraphs else "")
        )


def configured_topics(extra: Path | None = None, sources: Sequence[Path] = (),
                      base: TopicSet | None = None) -> TopicSet:
    """The topics of an index: ``base`` (those it has) or, for a new one, its own.

    Topics belong to a corpus: the seeds' ("Trade and technology" from "technology") grouped a
    Clinton-email export. So a new index takes the first ``topics.toml`` at the top of a
    folder it is built from (the seeds carry theirs), else the user's config file, else none.
    ``extra`` (``--topics FILE``) then adds topics or replaces same-named ones.
    """
    if base is not None:
        if extra is None:
            return base
        merged = merge_topic_files([extra])
        definitions = {**{n: q for n, q in base.definitions.items()
                          if n.casefold() not in {m.casefold() for m in merged.names}},
                       **merged.definitions}
        return TopicSet(definitions, files=[*base.files, str(extra)])
    own = next((p / TOPIC_FILE_NAME for p in sources
                if p.is_dir() and (p / TOPIC_FILE_NAME).is_file()), None)
    files = [own] if own else [user_topics_file()] if user_topics_file().is_file() else []
    if extra is not None:
        files.append(extra)
    return merge_topic_files(files)


TOPIC_FILE_NAME = "topics.toml"


def stored_topics(meta: Mapping[str, Any]) -> TopicSet:
    """The topics an index recorded, with the files they came from."""
    files = meta.get("topic_files")
    return TopicSet(meta.get("topics", {}), skip_refused=True,
                    files=[f for f in files if isinstance(f, str)] if isinstance(files, list) else ())


class BriefingIndex:
    """One corpus's Whoosh index plus the metadata briefing keeps beside it."""

    def __init__(self, directory: Path, ix: windex.Index, meta: dict[str, Any]) -> None:
        self.directory = directory
        self._ix = ix
        self._meta = meta
        self._searcher: Searcher | None = None
        self._lock = threading.RLock()
        self.topics = stored_topics(meta)

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, directory: Path, *, crc_limit: int | None = OPEN_CRC_LIMIT) -> BriefingIndex:
        """Open an existing index; ``IndexMissing``, ``IndexOutdated`` or ``IndexDamaged``
        otherwise. The meta file, the TOC and every file's size are checked, and the CRC-32 of
        files up to ``crc_limit`` bytes (all of them when ``None``)."""
        if not has_index(directory):
            raise IndexMissing(f"no index in {directory}; create one with "
                               f"`briefing index PATH --index-dir {directory}`")
        check_trusted(directory)
        meta, problem = read_meta(directory)
        if problem is None and meta.get("schema_version") != SCHEMA_VERSION:
            raise IndexOutdated(
                f"index in {directory} was made by another version of briefing "
                f"(schema {meta.get('schema_version')}, this version needs {SCHEMA_VERSION})"
            )
        if problem is None and not _has_toc(directory):
            problem = f"its table of contents (_{INDEX_NAME}_N.toc) is missing"
        if problem is not None:
            raise damaged(directory, problem)
        try:
            ix = windex.open_dir(str(directory), indexname=INDEX_NAME)
            if meta.get("generation") == ix.latest_generation():
                problems = file_problems(directory, meta.get("files", {}), crc_limit)
                if problems:
                    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
                    raise damaged(directory, problems[0] + more)
            with ix.searcher() as probe:
                probe.doc_count()
        except IndexDamaged:
            raise
        except Exception as exc:  # Whoosh reports damage as many exception types
            raise damaged(directory, _describe(exc)) from None
        return cls(directory, ix, meta)

    @classmethod
    def create(cls, directory: Path, topics: TopicSet) -> BriefingIndex:
        """A new empty index; its folder is private (mode 700): Whoosh loads pickles from it."""
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        check_trusted(directory)
        ix = windex.create_in(str(directory), build_schema(), indexname=INDEX_NAME)
        meta = {"schema_version": SCHEMA_VERSION, "topics": topics.definitions,
                "topic_files": list(topics.files), "sources": [], "generation": 0}
        write_meta(directory, meta)
        return cls(directory, ix, meta)

    @property
    def sources(self) -> list[str]:
        """The files and folders this index was built from, for re-indexing."""
        return list(self._meta.get("sources", []))

    @property
    def recorded_files(self) -> dict[str, Any]:
        """The latest recorded commit's files: ``{name: [size, crc32]}`` (sizes only in an
        index from before checksums)."""
        return dict(self._meta.get("files", {}))

    def close(self) -> None:
        with self._lock:
            self.drop_searcher()
            self._ix.close()

    def __enter__(self) -> BriefingIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------

    def searcher(self) -> Searcher:
        """A searcher on the latest commit: reused while current, replaced (not refreshed) after.

        Callers must hold ``self.lock`` while they use it.
        """
        with self._lock:
            if self._searcher is not None and not self._searcher.up_to_date():
                self._searcher.close()
                self._searcher = None
            if self._searcher is None:
                self._searcher = self._ix.searcher()
                self._meta = read_meta(self.directory)[0] or self._meta
                self.topics = stored_topics(self._meta)
            return self._searcher

    def drop_searcher(self) -> None:
        """Forget the searcher: the next ``searcher()`` opens the latest commit afresh."""
        with self._lock:
            if self._searcher is not None:
                with contextlib.suppress(Exception):  # it may be the broken thing
                    self._searcher.close()
                self._searcher = None

    def verify(self) -> str | None:
        """The first problem with the latest commit's recorded files (sizes and full CRC-32),
        or ``None``; for telling a damaged index from a failure of another kind."""
        meta, problem = read_meta(self.directory)
        if problem is not None:
            return problem
        if meta.get("generation") != self.generation():
            return None
        problems = file_problems(self.directory, meta.get("files", {}), None)
        return problems[0] if problems else None

    def suspect(self, searcher: Searcher) -> bool:
        """Whether a failure while reading with ``searcher`` may be the index's rather than
        the query's: a commit replaced the searcher's files, or a file fails its checksum."""
        try:
            return not searcher.up_to_date() or self.verify() is not None
        except OSError:
            return True

    def unreadable(self, exc: BaseException) -> IndexDamaged:
        """The error for a read that failed twice, the second time on a fresh searcher: the
        index is damaged (or cannot be decoded), whatever the query was."""
        problem = self.verify()
        if problem is not None:
            return damaged(self.directory, problem)
        return IndexDamaged(f"index {self.directory} could not be read ({_describe(exc)}); "
                            f"`briefing check --index-dir {self.directory}` verifies it")

    def generation(self) -> int:
        """The latest commit's number on disk: it changes when any process commits, so a
        reader can notice another process's re-index and search again."""
        try:
            return self._ix.latest_generation()
        except OSError:
            return -1

    @property
    def lock(self) -> threading.RLock:
        return self._lock

    def paragraph_count(self) -> int:
        with self._lock:
            return self.searcher().doc_count()

    # -- writing ---------------------------------------------------------------------------

    def update(
        self,
        paths: Iterable[Path],
        *,
        topics: TopicSet | None = None,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        wait: float = DEFAULT_WAIT_SECONDS,
        remember: bool = True,
        reread: bool = False,
    ) -> IndexReport:
        """Index files and folders incrementally and commit once, atomically.

        ``remember``: record the paths as sources (rebuilds re-read them); a correction
        re-reads a file of a folder already recorded, so it does not. ``reread``: index the
        files again even when unchanged (a speaker fix changes their claims, not their bytes).

        Unchanged files (same content hash) are skipped, changed ones replace their paragraphs,
        files gone from a given folder are removed; files that fail keep their previous version.
        A first plan needs no lock, so re-indexing an unchanged corpus never blocks another
        writer and leaves the index directory untouched. A plan that has work to do is made
        again once the writer's lock is held if another writer committed meanwhile: two runs
        started together on one folder would otherwise both add every file.
        """
        started = time.perf_counter()
        roots = [Path(os.path.abspath(p)) for p in paths]
        topics = topics or self.topics
        report = IndexReport()
        with self._ix.searcher() as before:
            plan = _plan(before, roots, report, corrections.load(self.directory), reread)
        if plan.changed or plan.removed or topics.digest != self.topics.digest:
            writer, lock = self._writer(wait)
            try:
                if writer.generation - 1 != plan.generation:  # another writer committed first
                    try:
                        self._meta = read_meta(self.directory)[0] or self._meta
                        self.topics = stored_topics(self._meta)
                        report = IndexReport()
                        with self._ix.searcher() as before:
                            plan = _plan(before, roots, report,
                                         corrections.load(self.directory), reread)
                    except BaseException:
                        _cancel(writer)
                        raise
                self._write(writer, plan, topics, report, progress, cancel, remember)
            finally:
                # Held through the meta file, not only Whoosh's commit: the next writer's
                # first files must not be recorded (and then deleted) as this commit's.
                lock.release()
        elif read_meta(self.directory)[0].get("generation", 0) != plan.generation:
            self._record_unrecorded(roots if remember else [])
        report.seconds = time.perf_counter() - started
        return report

    def indexed_paths(self) -> list[str]:
        """The files this index holds articles from."""
        with self.lock:
            return [term.decode("utf-8") for term in self.searcher().lexicon("path")]

    def correct(self, paths: Iterable[Path], correction: Metadata, *,
                wait: float = DEFAULT_WAIT_SECONDS) -> IndexReport:
        """Record a user's correction of these files' title, outlet, date or URL in
        ``corrections.json`` and re-index those files only; later updates and rebuilds keep it."""
        files = [Path(os.path.abspath(p)) for p in paths]
        for path in files:
            if not path.is_file():
                raise QueryError(f"no such file: {path}")
        corrections.save(self.directory, files, correction)
        return self.update(files, wait=wait, remember=False)

    def rename_speaker(self, old: str, new: str, *,
                       wait: float = DEFAULT_WAIT_SECONDS) -> IndexReport:
        """Record the analyst's fix ``old`` → ``new`` in ``speakers.json`` (a ``new`` already
        indexed merges the two) and re-index only the files whose claims name ``old``."""
        old, new = renames.validated(old, new)
        with self.lock:
            searcher = self.searcher()
            term = old.replace(",", " ")  # as ``claim_fields`` stores it
            if term not in set(facet_names(searcher, "speaker_name")):
                raise QueryError(f"no indexed speaker is named {old!r}")
            files = sorted({Path(fields["path"]) for fields in
                            searcher.documents(speaker_name=term)})
        renames.save(self.directory, old, new)
        return self.update(files, wait=wait, remember=False, reread=True)

    def _write(self, writer, plan: _Plan, topics: TopicSet, report: IndexReport,
               progress: Progress | None, cancel: threading.Event | None,
               remember: bool = True) -> None:
        """Write a plan with the writer (whose lock is held) and commit; the writer is
        cancelled, its files deleted, on any failure or when nothing changed."""
        retag = topics.digest != self.topics.digest
        try:
            if retag:
                report.retagged = self._retag(writer, topics)
            with self._ix.searcher() as before:
                known = set(facet_names(before, "speaker_name"))
                fixes = renames.load(self.directory)
                clusters = Clusters(lambda: _indexed_sketches(before))
                records = []  # the claim ledger's records of the written articles
                for batch in self._load_changed(before, plan, topics, report, progress, cancel):
                    unified = unify_speakers([p.article for p, _ in batch], known=known,
                                             renames=fixes)
                    for article, (parsed, previous) in zip(unified, batch, strict=True):
                        if previous:
                            writer.delete_by_term("path", article.path)
                            report.updated += 1
                        else:
                            report.added += 1
                        report.paragraphs += _write_article(writer, article, parsed, clusters)
                        records.append(article_record(article, terms_from_postings(parsed.postings)))
                        known.update(c.speaker for c in article.claims)
            for path in plan.removed:
                writer.delete_by_term("path", path)
            report.removed = len(plan.removed)
            report.failed.extend(plan.manifests.errors)
            if not report.changed:
                _cancel(writer)
                return
            sources = sorted({*self.sources, *(str(r) for r in plan.roots if r.exists() and remember)})
            self._meta = {**self._meta, "topics": topics.definitions,
                          "topic_files": list(topics.files), "sources": sources}
            # The TOC rename inside commit is the atomic switch; meta follows under the lock.
            writer.commit(optimize=report.added + report.updated > 50)
            self.topics = topics
            self._record_commit()
            # A ledger that fails to write is rebuilt from the index on first use.
            with contextlib.suppress(OSError):
                update_ledger(self.directory, records, plan.removed, self._meta["generation"])
        except BaseException:
            if not writer.is_closed:
                _cancel(writer)
            raise

    def _record_commit(self) -> None:
        """After a commit, with the lock held: write the frequent-word arrays and record the
        commit's files, checksums and sources in the meta file (and ``SOURCES``)."""
        # The commit stands if the arrays cannot be written: searches decode Whoosh's blocks.
        with self._ix.searcher() as after, contextlib.suppress(OSError, ValueError):
            write_frequent(self.directory, after)
        toc = self._ix._read_toc()  # the commit just made
        segments = [segment.segment_id() for segment in toc.segments]
        try:
            self._meta.update(generation=toc.generation, files=record_files(
                self.directory, committed_files(self.directory, toc.generation, segments)))
            write_meta(self.directory, self._meta)
        except OSError as exc:
            raise BriefingError(
                f"indexed, but cannot record it in {exc.filename or self.directory}: "
                f"{exc.strerror or exc}; the index is searchable: run the same `briefing index` "
                "again to record its sources and checksums") from None

    def _record_unrecorded(self, roots: list[Path]) -> None:
        """Record a commit whose meta file was never written (its writer was killed, or the
        disk filled, just after committing), so its sources and checksums are not lost."""
        lock = self._ix.lock("WRITELOCK")
        if not lock.acquire():
            return  # another writer is at work: its commit records every file
        try:
            meta, problem = read_meta(self.directory)
            if problem is None and meta.get("generation", 0) != self.generation():
                sources = {*meta.get("sources", []), *(str(r) for r in roots if r.exists())}
                self._meta = {**meta, "sources": sorted(sources)}
                self._record_commit()
        finally:
            lock.release()

    def _load_changed(self, before: Searcher, plan: _Plan, topics: TopicSet, report: IndexReport,
                      progress: Progress | None, cancel: threading.Event | None,
                      ) -> Iterator[list[tuple[Parsed, bool]]]:
        """Changed files parsed (claims, topics, sketches), in batches of ``BATCH_ARTICLES``
        so memory stays bounded; failures and duplicates are reported on the way.

        Speakers are merged across a batch and with every name already written, so one
        update behaves like one corpus up to the batch size.
        """
        batch: list[tuple[Parsed, bool]] = []
        jobs = [(path, plan.manifests.for_file(path), plan.manifests.correction_for(path))
                for path, _ in plan.changed]
        was_indexed = dict(plan.changed)
        for done, (path, outcome) in enumerate(parse_files(jobs, topics, cancel), start=1):
            if progress is not None:
                progress(done, len(jobs), str(path))
            if isinstance(outcome, str):
                report.failed.append(Skipped(str(path), outcome))
                continue
            for parsed in outcome:
                article = parsed.article
                twin = plan.article_paths.get(article.id) or _indexed_elsewhere(before, article)
                if twin:
                    report.duplicates.append(
                        Skipped(str(path), f"same text as {twin}, already indexed"))
                    continue
                plan.article_paths[article.id] = article.path
                batch.append((parsed, was_indexed[path]))
            if len(batch) >= BATCH_ARTICLES:
                yield batch
                batch = []
        if batch:
            yield batch

    def _writer(self, wait: float) -> tuple[Any, Any]:  # Whoosh's writer type is private
        """A writer and the index's lock, held; the caller releases it after writing the meta
        file. The lock is taken here, not by Whoosh, which releases it inside the commit and
        keeps it for the life of the process when the writer fails while starting (a full
        disk, a read-only folder), leaving its temporary folder and first files behind."""
        lock = self._ix.lock("WRITELOCK")
        if not try_for(lock.acquire, timeout=wait, delay=0.1):
            raise IndexBusy(
                f"index {self.directory} is busy: another 'briefing index' is writing to it "
                f"(waited {wait:.0f} s); try again when it has finished"
            )
        before = set(os.listdir(self.directory))
        try:
            _sweep_debris(self.directory)
            sweep_staging(self.directory)
            # Separate segment files, not one compound file: Whoosh reads a compound file's
            # parts through BytesIO copies of its mmap, so a reader held every column and
            # posting file in memory twice (543 MB at 156,000 paragraphs); separate files are
            # read where needed. Postings go to an array pool (pool.py), not Whoosh's.
            writer = self._ix.writer(_lk=False, compound=False)
            tune(writer)
        except BaseException:
            for name in set(os.listdir(self.directory)) - before:
                path = self.directory / name
                shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
            lock.release()
            raise
        return writer, lock

    def _retag(self, writer, topics: TopicSet) -> int:
        """Re-tag every stored paragraph with a changed topic set, without re-reading files.
        The near-duplicate sketch lives in a column, not with the stored fields: it is carried
        over too, or later copies of the paragraph would no longer find it."""
        count = 0
        with self._ix.searcher() as searcher:
            for reader, _offset in searcher.reader().leaf_readers():
                sketches = _sketch_column(reader)
                for docnum in reader.all_doc_ids():
                    doc = _document_from_stored(reader.stored_fields(docnum))
                    if sketches is not None and (packed := sketches[docnum]):
                        doc["dup_sketch"] = packed
                    doc["topic"] = ",".join(topics.tag(doc["text"]))
                    writer.update_document(**doc)
                    count += 1
        return count


@dataclass
class _Plan:
    """What an update has to do, worked out from content hashes (re-planned under the lock
    when another writer committed since)."""

    roots: list[Path]
    generation: int = -1  # the commit the plan was made from
    changed: list[tuple[Path, bool]] = field(default_factory=list)  # (path, was indexed)
    removed: list[str] = field(default_factory=list)
    manifests: ManifestCache = field(default_factory=ManifestCache)
    article_paths: dict[str, str] = field(default_factory=dict)


def _plan(before: Searcher, roots: list[Path], report: IndexReport,
          corrected: dict[str, Metadata], reread: bool = False) -> _Plan:
    generation = before.reader().generation()  # None for an index with no segment yet
    plan = _Plan(roots, 0 if generation is None else generation, manifests=ManifestCache(corrected))
    for found in discover(roots):
        if isinstance(found, Skipped):
            report.failed.append(found)
            continue
        previous = before.document(path=str(found))
        try:
            digest = corrected_digest(file_digest(read_bytes(found)),
                                      plan.manifests.correction_for(found))
        except IngestError as exc:
            report.failed.append(Skipped(str(found), str(exc)))
            continue
        if previous is not None and previous.get("file_hash") == digest and not reread:
            report.unchanged += 1
        else:
            plan.changed.append((found, previous is not None))
    plan.removed = _missing(before, roots)
    return plan


def _cancel(writer) -> None:
    """Cancel a writer and delete the files of the segment it had started."""
    segment = getattr(writer, "newsegment", None)
    writer.cancel()
    if segment is not None:
        prefix = f"{INDEX_NAME}_{segment.segid}"
        for name in writer.storage.list():
            if name.startswith(prefix):
                writer.storage.delete_file(name)


def _write_article(writer, article: Article, parsed: Parsed, clusters: Clusters) -> int:
    for paragraph, document, postings in zip(article.paragraphs, parsed.documents,
                                             parsed.postings, strict=True):
        key = clusters.key_for(document["id"], document.get("dup_sketch"))
        add_document(writer, document | claim_fields(article, paragraph) | {"dup_key": key},
                     postings)
    return len(article.paragraphs)


def _indexed_sketches(searcher: Searcher) -> Iterator[tuple[bytes, str]]:
    """Every live indexed paragraph's packed sketch and cluster key, from their columns."""
    for reader, _offset in searcher.reader().leaf_readers():
        sketches = _sketch_column(reader)
        if sketches is None:
            continue
        keys = reader.column_reader("dup_key", translate=False)
        for docnum in reader.all_doc_ids():  # live documents only
            if packed := sketches[docnum]:
                yield packed, keys[docnum].decode("utf-8")


def _sketch_column(reader: Any) -> Any | None:
    """A segment's packed near-duplicate sketches by document number (empty bytes for a
    paragraph too short to have one), or ``None`` when none of its paragraphs has one."""
    return reader.column_reader("dup_sketch") if reader.has_column("dup_sketch") else None


def facet_names(searcher: Searcher, field_name: str) -> list[str]:
    """Every distinct value of an exact-valued field (outlets, speakers)."""
    return [t.decode("utf-8") for t in searcher.lexicon(field_name)]


def _indexed_elsewhere(searcher: Searcher, article: Article) -> str | None:
    other = searcher.document(article_id=article.id)
    if other is not None and other.get("path") != article.path and Path(other["path"]).exists():
        return other["path"]
    return None


def _missing(searcher: Searcher, roots: list[Path]) -> list[str]:
    """Indexed files that vanished from one of the folders being indexed."""
    folders = [str(r) + os.sep for r in roots if r.is_dir()]
    return [
        path
        for path in (term.decode("utf-8") for term in searcher.lexicon("path"))
        if any(path.startswith(f) for f in folders) and not Path(path).exists()
    ]


def _document_from_stored(stored: dict[str, Any]) -> dict[str, Any]:
    doc = {name: value for name, value in stored.items() if name != "topic"}
    doc["outlet"] = stored.get("outlet_name", "")
    doc["speaker"] = " \n ".join((stored.get("speaker_name") or "").split(","))
    return article_fields_once(doc)


def _has_toc(directory: Path) -> bool:
    """Whether an index was ever committed here (without opening it: that may raise)."""
    return directory.is_dir() and any(directory.glob(f"_{INDEX_NAME}_*.toc"))


def has_index(directory: Path) -> bool:
    """Whether any part of an index is here: a folder holding only some of its files (the
    TOC deleted, the meta file lost) is a damaged index, not a missing one."""
    if not directory.is_dir():
        return False
    return any((directory / name).exists() for name in (META_FILE, SOURCES_FILE)) or any(
        directory.glob(f"*{INDEX_NAME}_*"))


def check_trusted(directory: Path) -> None:
    """Refuse an index folder another user owns or others may write to: Whoosh loads pickled
    data from its files, so whoever can write them can run code as the user. A folder its
    group may write is accepted when that group is the user's own private group (umask 002,
    Ubuntu's default, makes every new folder group-writable)."""
    info = directory.stat()
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise BriefingError(f"refusing to use index {directory}: it belongs to another user "
                            "(its files are loaded as Python pickles)")
    if info.st_mode & 0o002 or (info.st_mode & 0o020 and not _private_group(info.st_gid)):
        raise BriefingError(f"refusing to use index {directory}: others may write to it "
                            f"(its files are loaded as Python pickles); run chmod go-w {directory}")


def _private_group(gid: int) -> bool:
    """Whether a group is the user's primary group with no other members."""
    try:
        import grp
        import pwd
    except ImportError:  # not POSIX
        return False
    try:
        user = pwd.getpwuid(os.getuid())
        group = grp.getgrgid(gid)
    except KeyError:
        return False
    others = {m for m in group.gr_mem if m != user.pw_name}
    if others or gid != user.pw_gid:
        return False
    return not any(p.pw_gid == gid and p.pw_uid != user.pw_uid for p in pwd.getpwall())


def damaged(directory: Path, detail: str) -> IndexDamaged:
    """The one-line error for a damaged index, saying how to get it back."""
    if recorded_sources(directory):
        fix = f"`briefing check --repair --index-dir {directory}` rebuilds it from its recorded sources"
    else:
        fix = (f"its sources are not recorded: rebuild it with "
               f"`briefing index --rebuild PATH... --index-dir {directory}`")
    return IndexDamaged(f"index {directory} is damaged: {detail}; {fix}", detail)


_DEBRIS = re.compile(r"^(?:_MAIN_\d+\.toc\.[\d.]+|\.(?:briefing\.json|SOURCES|ledger\.json)\.\d+\.tmp"
                     r"|\.frequent-\d+\.\w+\.\d+\.tmp)$")


def _sweep_debris(directory: Path) -> None:
    """Remove the half-written TOCs, temporary files and Whoosh's temporary folder
    (``MAIN.tmp``, the postings pool's runs) a killed writer left behind; Whoosh never cleans
    these. Called with the writer's lock held, before the writer starts, so no live writer
    owns them."""
    for entry in directory.iterdir():
        if _DEBRIS.match(entry.name):
            entry.unlink(missing_ok=True)
        elif entry.name == f"{INDEX_NAME}.tmp" and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)


def reading(function: Callable[..., T]) -> Callable[..., T]:
    """For functions that read an index (their first argument): a failure is retried once on
    a fresh searcher, since a commit in another process may have replaced the files the old
    one was reading; a second failure is reported as a damaged index, never as a bad query
    and never with partial results. ``BriefingError`` (a bad query…) passes through."""

    @functools.wraps(function)
    def wrapper(index: BriefingIndex, *args: Any, **kwargs: Any) -> T:
        try:
            return function(index, *args, **kwargs)
        except BriefingError:
            raise
        except Exception:
            index.drop_searcher()
        try:
            return function(index, *args, **kwargs)
        except BriefingError:
            raise
        except Exception as exc:
            raise index.unreadable(exc) from None

    return wrapper


def _describe(exc: BaseException) -> str:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {message}"[:200] if message else type(exc).__name__
