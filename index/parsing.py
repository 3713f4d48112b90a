"""Everything indexing does to a file before Whoosh sees it, on every core when it pays.

Reading, decoding, paragraphs, claims, topic tags, near-duplicate sketches, documents and
most of their postings are pure per-file work, so a large update parses files in a pool of
processes (spawned, not forked: the parent holds Whoosh file handles and threads) while the
parent only merges speakers and writes. Small updates stay in-process, where a pool's start-up
would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from .analysis import Posting, analyse, document_postings
from .budget import check as check_budget
from .budget import file_budget
from .errors import BriefingError, IngestError
from .ingest import load_articles, read_bytes
from .metadata import Metadata
from .models import Article
from .neardup import sketch
from .schema import paragraph_document
from .topics import TopicSet

POOL_MIN_FILES = 64
# Files parsed ahead of the writer, so the workers keep going while it writes a batch. A parsed
# paragraph carries its documents and postings (~5 KB): 1,000 ahead and 1,000 in the batch
# took the scale-10 build to 506 MB; 400 and 400, 306 MB at the same speed.
AHEAD = 400


@dataclass(frozen=True, slots=True)
class Parsed:
    """An article with what the writer needs per paragraph, in paragraph order: its document
    but for the claim fields and cluster key, and those fields' postings."""

    article: Article
    documents: tuple[dict[str, Any], ...]
    postings: tuple[dict[str, tuple[Posting, ...]], ...]


Job = tuple[Path, Metadata | None, Metadata | None]  # path, manifest entry, correction
Outcome = tuple[Path, list[Parsed] | str]  # the articles, or why the file was skipped


def parse_file(path: Path, manifest: Metadata | None, topics: TopicSet,
               *, correction: Metadata | None = None, limit_memory: bool = False
               ) -> list[Parsed] | str:
    """The file's articles ready for the writer, or why it was skipped; under the per-file
    budget (``budget``), so one file cannot hold up the files behind it."""
    try:
        with file_budget(limit_memory=limit_memory):
            articles = load_articles(path, read_bytes(path), manifest, correction)
            return [_parsed(article, topics) for article in articles]
    except IngestError as exc:
        return str(exc)


def _parsed(article: Article, topics: TopicSet) -> Parsed:
    documents, postings = [], []
    for paragraph in article.paragraphs:
        check_budget()
        analysed = analyse(paragraph.text)
        documents.append(paragraph_document(article, paragraph, topics.tag_analysed(analysed),
                                            sketch=sketch(paragraph.text)))
        postings.append(document_postings(documents[-1], analysed))
    return Parsed(article, tuple(documents), tuple(postings))


def parse_files(jobs: list[Job], topics: TopicSet,
                cancel: threading.Event | None = None) -> Iterator[Outcome]:
    """Outcomes in the order of ``jobs``; raises ``BriefingError`` when cancelled.

    At most ``AHEAD`` files are parsed ahead of the consumer, so memory stays bounded by what
    the writer holds, not by the size of the corpus.
    """
    workers = min(os.cpu_count() or 1, 4)
    if len(jobs) < POOL_MIN_FILES or workers < 2:
        for path, manifest, correction in jobs:
            _check(cancel)
            yield path, parse_file(path, manifest, topics, correction=correction)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                             initargs=(topics.definitions, os.getpid())) as pool:
        pending: deque[Future[Outcome]] = deque()
        queued = iter(jobs)
        try:
            for job in islice(queued, AHEAD):
                pending.append(pool.submit(_parse_in_worker, job))
            while pending:
                outcome = pending.popleft().result()
                _check(cancel)
                for job in islice(queued, 1):
                    pending.append(pool.submit(_parse_in_worker, job))
                yield outcome
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise BriefingError("indexing cancelled; the index is unchanged")


_WORKER_TOPICS: TopicSet | None = None


# Workers yield the CPU to the writer: it is the one process the whole build waits on, and at
# equal priority two workers and the writer on two cores gave it two thirds of a core (scale-10
# build 80.3 / 82.0 s at equal priority, 74.4 / 75.5 s niced, alternating runs).
WORKER_NICENESS = 10


def _start_worker(definitions: Mapping[str, str], parent: int) -> None:
    global _WORKER_TOPICS
    _WORKER_TOPICS = TopicSet(definitions)
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """A killed parent (kill -9 mid-index) must not leave workers behind: they would wait on
    their task pipe forever."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _parse_in_worker(job: Job) -> Outcome:
    assert _WORKER_TOPICS is not None
    path, manifest, correction = job
    return path, parse_file(path, manifest, _WORKER_TOPICS, correction=correction,
                            limit_memory=True)
