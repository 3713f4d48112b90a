"""Opening an index for the commands and the browser, and rebuilding one in place.

The trust rule: the user's index is never replaced by the seed articles. Only a brand-new
default index starts from the seeds; a damaged one is reported (``briefing check --repair``
rebuilds it from the sources it recorded), and one made by another version of briefing is
rebuilt from its recorded sources, or refused when they cannot be known.

A rebuild writes a complete index into a staging folder beside the live one
(``.NAME.building-PID``) and exchanges the two in one atomic rename, holding the live index's
writer lock meanwhile, so readers see the old index or the new one and a concurrent
``briefing index`` waits. Staging folders of dead runs are removed by the next run.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh.util import filelock

from .corrections import CORRECTIONS_NAME
from .renames import SPEAKERS_NAME
from .errors import BriefingError, IndexBusy, IndexDamaged, IndexMissing, IndexOutdated
from .integrity import INDEX_NAME, read_meta, recorded_sources, sweep_staging
from .paths import bundled_seeds_dir
from .store import (DEFAULT_WAIT_SECONDS, BriefingIndex, Progress, configured_topics,
                    has_index, stored_topics)
from .topics import TopicSet

KEEP_SET_ASIDE = 2  # damaged or replaced copies kept at most, newest first


def open_index(
    directory: Path,
    *,
    seeds_if_missing: bool = True,
    progress: Progress | None = None,
    notify: Callable[[str], None] | None = None,
) -> BriefingIndex:
    """Open the index for reading. A missing one is built from the bundled seeds only when
    ``seeds_if_missing`` (the default index on first run); an outdated one is rebuilt from
    its recorded sources; a damaged one raises ``IndexDamaged`` naming the repair."""
    try:
        return BriefingIndex.open(directory)
    except IndexMissing:
        if not seeds_if_missing:
            raise
        if notify:
            notify(f"no index in {directory}: building it from the bundled seed articles")
        return rebuild_index(directory, [bundled_seeds_dir()], progress=progress, notify=notify)
    except IndexOutdated as exc:
        sources = recorded_sources(directory)
        if not sources:
            raise IndexDamaged(f"{exc}, and its sources are not recorded: rebuild it with "
                               f"`briefing index --rebuild PATH... --index-dir {directory}`"
                               ) from None
        if notify:
            notify(f"{exc}; rebuilding it from its {len(sources)} recorded source(s)")
        return rebuild_index(directory, [Path(s) for s in sources], progress=progress,
                             notify=notify)


def build_index(
    directory: Path,
    sources: list[Path],
    *,
    topics: TopicSet | None = None,
    progress: Progress | None = None,
) -> BriefingIndex:
    """A fresh index of ``sources`` at ``directory`` (whatever was there is replaced)."""
    return rebuild_index(directory, sources, topics=topics, progress=progress)


def _carry_corrections(directory: Path, staging: Path) -> None:
    """The user's corrections and speaker fixes outlive a rebuild: the new index reads them."""
    kept = directory / CORRECTIONS_NAME
    if kept.is_file():
        shutil.copy2(kept, staging / CORRECTIONS_NAME)
    fixes = directory / SPEAKERS_NAME
    if fixes.is_file():
        shutil.copy2(fixes, staging / SPEAKERS_NAME)


def rebuild_index(
    directory: Path,
    sources: list[Path],
    *,
    topics: TopicSet | None = None,
    progress: Progress | None = None,
    notify: Callable[[str], None] | None = None,
    wait: float = DEFAULT_WAIT_SECONDS,
) -> BriefingIndex:
    """Build ``sources`` into a staging folder and swap it in for ``directory``.

    The previous index is deleted once the new one is in place, unless some of ``sources``
    no longer exist (it may hold the only copy of their articles): then it is kept as
    ``NAME.replaced-TIME`` (at most ``KEEP_SET_ASIDE`` of them) and ``notify`` says where.
    A successful rebuild from sources that all exist removes the copies kept earlier,
    including ``NAME.damaged-TIME`` folders of older versions of briefing.
    """
    directory = Path(os.path.abspath(directory))
    if directory.is_dir() and not has_index(directory) and any(directory.iterdir()):
        raise BriefingError(f"refusing to replace {directory}: it holds files but no briefing "
                            "index; name an empty or new folder with --index-dir")
    directory.parent.mkdir(parents=True, exist_ok=True)
    sweep_staging(directory)
    missing = [s for s in sources if not s.exists()]
    staging = directory.with_name(f".{directory.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    if topics is None:  # the topics it had, else those the sources bring (see configured_topics)
        meta = read_meta(directory)[0] if directory.exists() else None
        topics = stored_topics(meta) if meta and meta.get("topics") else configured_topics(
            sources=sources)
    try:
        fresh = BriefingIndex.create(staging, topics)
        _carry_corrections(directory, staging)
        try:
            fresh.update([s for s in sources if s.exists()], topics=topics, progress=progress)
        finally:
            fresh.close()
        with _write_locked(directory, wait):
            if directory.exists():
                _exchange(staging, directory)
            else:
                os.rename(staging, directory)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise write_failure(exc, staging) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if staging.exists():  # the previous index, swapped out
        if missing:
            kept = directory.with_name(f"{directory.name}.replaced-{time.strftime('%Y%m%d-%H%M%S')}")
            os.rename(staging, kept)
            if notify:
                notify(f"{len(missing)} source(s) no longer exist ({missing[0]}…): the previous "
                       f"index is kept in {kept}")
        else:
            shutil.rmtree(staging, ignore_errors=True)
    _prune_set_aside(directory, keep=KEEP_SET_ASIDE if missing else 0)
    return BriefingIndex.open(directory)


def write_failure(exc: OSError, where: Path) -> BriefingError:
    """A full disk, a read-only file system or a permission error as one line naming the
    path (the file the system named, else the folder being written)."""
    path = exc.filename or where
    reason = exc.strerror or type(exc).__name__
    return BriefingError(f"cannot write {path}: {reason}; the index was left as it was")


def _prune_set_aside(directory: Path, keep: int) -> None:
    """Keep the newest ``keep`` copies set aside (``.replaced-``, ``.damaged-``,
    ``.outdated-``), delete the rest."""
    pattern = re.compile(rf"^{re.escape(directory.name)}\.(?:replaced|damaged|outdated)-")
    aside = sorted((p for p in directory.parent.iterdir() if pattern.match(p.name)),
                   key=lambda p: p.stat().st_mtime, reverse=True)
    for old in aside[keep:]:
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def _write_locked(directory: Path, wait: float) -> Iterator[None]:
    """Hold the live index's writer lock (Whoosh's ``MAIN_WRITELOCK`` flock), if it has one."""
    if not directory.is_dir():
        yield
        return
    lock = filelock.FileLock(str(directory / f"{INDEX_NAME}_WRITELOCK"))
    deadline = time.monotonic() + wait
    while not lock.acquire():
        if time.monotonic() > deadline:
            raise IndexBusy(f"index {directory} is busy: another 'briefing index' is writing "
                            f"to it (waited {wait:.0f} s); try again when it has finished")
        time.sleep(0.1)
    try:
        yield
    finally:
        lock.release()


_RENAME_EXCHANGE = 2
_libc = None


def _exchange(a: Path, b: Path) -> None:
    """Swap two folders in one step (Linux ``renameat2(RENAME_EXCHANGE)``), so that no
    reader ever finds the index missing; two renames where that is unavailable."""
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    renameat2 = getattr(_libc, "renameat2", None)
    if renameat2 is not None:
        at_fdcwd = -100
        if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
            return
        errno = ctypes.get_errno()
        if errno not in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: no exchange here
            raise OSError(errno, os.strerror(errno), str(b))
    aside = a.with_name(a.name + ".old")
    os.rename(b, aside)
    os.rename(a, b)
    os.rename(aside, a)
