"""What an index must look like on disk, recorded at commit and verified on open and by
``briefing check``.

Whoosh's files carry no checksums and its TOC no sizes, so damage that keeps a file's size (a
zeroed block, a flipped byte) used to surface as tracebacks in unrelated places, as errors
blaming the query, or as silently wrong counts. So each commit records every file it consists
of (segment files, the TOC, the frequent-word arrays) with its size and CRC-32 in
``briefing.json``, which carries a checksum of its own; the folders the index was built from
are recorded twice (in ``briefing.json`` and in ``SOURCES``), so that losing either file
still leaves the index rebuildable from the user's articles, never from the seed articles.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import zlib
from pathlib import Path
from typing import Any

from . import statefile

META_FILE = "briefing.json"
SOURCES_FILE = "SOURCES"
INDEX_NAME = "MAIN"
# Files up to this size are checksummed on every open (PolNeAR train's largest, the postings,
# is 11 MB: 49 ms for the whole index against 13.5 ms for sizes only); larger ones only by
# ``briefing check``.
OPEN_CRC_LIMIT = 64 * 1024 * 1024
_CHUNK = 1 << 20
_SOURCES_HEADER = "# briefing index sources: one JSON string per line, then their CRC-32"


def file_crc(path: Path) -> int:
    """The CRC-32 of a file, read in chunks (segment files reach hundreds of MB)."""
    crc = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            crc = zlib.crc32(chunk, crc)
    return crc


def committed_files(directory: Path, generation: int, segments: list[str]) -> list[str]:
    """The files a commit consists of: the files of its segments (``MAIN_<id>.*``), its TOC
    and the frequent-word arrays written for it."""
    prefixes = tuple(f"{segment}." for segment in segments)
    names = [p.name for p in directory.glob(f"{INDEX_NAME}_*")
             if p.is_file() and p.name.startswith(prefixes)]
    names += [name for name in (f"_{INDEX_NAME}_{generation}.toc", f"frequent-{generation}.json",
                                f"frequent-{generation}.npy") if (directory / name).is_file()]
    return sorted(names)


def record_files(directory: Path, names: list[str]) -> dict[str, list[int]]:
    """``{name: [size, crc32]}`` for the meta file."""
    return {name: [(directory / name).stat().st_size, file_crc(directory / name)]
            for name in names}


def file_problems(directory: Path, recorded: dict[str, Any], crc_limit: int | None) -> list[str]:
    """One line per recorded file that is missing, of another size, or (when at most
    ``crc_limit`` bytes, or always when ``None``) of another CRC-32. Older indexes recorded
    sizes only (an int instead of ``[size, crc]``): those are checked for size."""
    problems = []
    for name, record in sorted(recorded.items()):
        size, crc = (record, None) if isinstance(record, int) else (record[0], record[1])
        path = directory / name
        try:
            actual = path.stat().st_size
        except FileNotFoundError:
            problems.append(f"{name} is missing")
            continue
        if actual != size:
            problems.append(f"{name} is {actual} bytes, expected {size}")
        elif crc is not None and (crc_limit is None or size <= crc_limit) \
                and file_crc(path) != crc:
            problems.append(f"{name} does not match its checksum")
    return problems


def seal(meta: dict[str, Any]) -> dict[str, Any]:
    """The meta dict with a checksum of its own content."""
    body = {k: v for k, v in meta.items() if k != "checksum"}
    return {**body, "checksum": _meta_crc(body)}


def read_meta(directory: Path) -> tuple[dict[str, Any], str | None]:
    """The meta file's content and ``None``, or ``{}`` and what is wrong with it.

    A meta file without a checksum is accepted only from an index made before checksums
    (one with no ``SOURCES`` file): in a newer index it means the file was tampered with.
    """
    path = directory / META_FILE
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, f"{META_FILE} is missing"
    except (OSError, ValueError) as exc:
        return {}, f"{META_FILE} is unreadable ({type(exc).__name__})"
    if not isinstance(meta, dict):
        return {}, f"{META_FILE} is unreadable (not an object)"
    if "checksum" in meta:
        if meta["checksum"] != _meta_crc({k: v for k, v in meta.items() if k != "checksum"}):
            return {}, f"{META_FILE} does not match its checksum"
    elif (directory / SOURCES_FILE).exists():
        return {}, f"{META_FILE} has no checksum"
    return meta, None


def write_meta(directory: Path, meta: dict[str, Any]) -> None:
    """Write the sealed meta file and the ``SOURCES`` file, each atomically."""
    statefile.write_text(directory / META_FILE,
                      json.dumps(seal(meta), indent=1, ensure_ascii=False))
    write_sources(directory, list(meta.get("sources", [])))


def write_sources(directory: Path, sources: list[str]) -> None:
    lines = [_SOURCES_HEADER, *(json.dumps(s, ensure_ascii=False) for s in sources)]
    body = "\n".join(lines) + "\n"
    statefile.write_text(directory / SOURCES_FILE,
                      body + f"crc32 {zlib.crc32(body.encode('utf-8')):08x}\n")


def read_sources(directory: Path) -> tuple[list[str] | None, str | None]:
    """The sources recorded in ``SOURCES`` and ``None``, or ``None`` and what is wrong."""
    path = directory / SOURCES_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, f"{SOURCES_FILE} is missing"
    except (OSError, ValueError) as exc:
        return None, f"{SOURCES_FILE} is unreadable ({type(exc).__name__})"
    body, _, last = text.rstrip("\n").rpartition("\n")
    body += "\n"
    if not last.startswith("crc32 ") or last[6:] != f"{zlib.crc32(body.encode('utf-8')):08x}":
        return None, f"{SOURCES_FILE} does not match its checksum"
    try:
        sources = [json.loads(line) for line in body.splitlines()[1:]]
    except ValueError:
        return None, f"{SOURCES_FILE} is unreadable"
    return [str(s) for s in sources], None


def recorded_sources(directory: Path) -> list[str] | None:
    """The sources from whichever record is intact (the meta file first), or ``None`` when
    neither is."""
    meta, problem = read_meta(directory)
    if problem is None and "sources" in meta:
        return [str(s) for s in meta["sources"]]
    sources, _ = read_sources(directory)
    return sources


def _meta_crc(body: dict[str, Any]) -> str:
    text = json.dumps(body, sort_keys=True, ensure_ascii=False)
    return f"{zlib.crc32(text.encode('utf-8')):08x}"


_STAGING = re.compile(r"^\.(?P<name>.+)\.building-(?P<pid>\d+)$")


def sweep_staging(directory: Path) -> None:
    """Remove the staging folders (``.NAME.building-PID``) that rebuilds of ``directory``
    killed before their swap left; each may be as large as the index. Called by every writing
    run: a staging folder belongs to its process only, so no lock is needed."""
    parent = directory.parent
    if not parent.is_dir():
        return
    for entry in parent.iterdir():
        found = _STAGING.match(entry.name)
        if found and found["name"] == directory.name and not _alive(int(found["pid"])):
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    """Whether a process lives (a recycled pid only delays the sweep to a later run)."""
    if pid == os.getpid():
        return True  # this process's own rebuild (a rebuild clears its own leftover itself)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
