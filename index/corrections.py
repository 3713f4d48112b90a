"""A user's corrections to articles' metadata, kept beside the index in ``corrections.json``.

Pasted articles often come with no outlet or a wrong date, and the files are the user's
evidence: they should not have to edit them (or write a manifest) to fix a title. A correction
is keyed by the file's absolute path, wins over everything the file or a manifest says
(provenance "correction"), and is part of the file's recorded hash, so the next update
re-reads that file, and only that file, and a re-index or rebuild keeps it.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from . import statefile
from .errors import QueryError
from .metadata import Metadata, parse_date
from .textnorm import clean_line

CORRECTIONS_NAME = "corrections.json"
FIELDS = ("title", "outlet", "date", "url")
MAX_FIELD_CHARS = 300
MAX_FILE_BYTES = 16 * 1024 * 1024


def load(directory: Path) -> dict[str, Metadata]:
    """Corrections by absolute file path; none when the file is missing. A damaged file is an
    error: silently dropping a user's corrections would undo their work."""
    articles = statefile.read_table(directory / CORRECTIONS_NAME, "articles",
                                    "the corrections", MAX_FILE_BYTES)
    if articles is None:
        return {}
    return {key: _metadata(values) for key, values in articles.items() if isinstance(values, dict)}


def _metadata(values: dict[str, object]) -> Metadata:
    return Metadata(**{name: clean_line(str(values[name]))[:MAX_FIELD_CHARS]
                       for name in FIELDS if isinstance(values.get(name), str) and values[name]})


def validated(*, title: str | None = None, outlet: str | None = None, date: str | None = None,
              url: str | None = None) -> Metadata:
    """The fields a user gave, checked; ``QueryError`` (a usage error) for an impossible date
    or a value that is blank after cleaning."""
    found: dict[str, str] = {}
    for name, value in (("title", title), ("outlet", outlet), ("url", url)):
        if value is not None:
            cleaned = clean_line(value)[:MAX_FIELD_CHARS]
            if not cleaned:
                raise QueryError(f"--{name} is empty")
            found[name] = cleaned
    if date is not None:
        iso = parse_date(date)
        if iso is None:
            raise QueryError(f"--date {date!r} is not a date (use YYYY-MM-DD)")
        found["date"] = iso
    if not found:
        raise QueryError("nothing to correct: give --title, --outlet, --date or --url")
    return Metadata(**found)


def save(directory: Path, paths: list[Path], correction: Metadata) -> None:
    """Record ``correction`` for each file (fields it sets replace earlier ones; the rest stay)."""
    current = load(directory)
    for path in paths:
        key = str(Path(os.path.abspath(path)))
        current[key] = correction.merged_over(current.get(key, Metadata()))
    table = {key: {name: getattr(meta, name) for name in FIELDS if getattr(meta, name)}
             for key, meta in sorted(current.items())}
    data = json.dumps({"version": 1, "articles": table}, ensure_ascii=False, indent=2) + "\n"
    directory.mkdir(parents=True, exist_ok=True)
    statefile.write_text(directory / CORRECTIONS_NAME, data)


def corrected_digest(digest: str, correction: Metadata | None) -> str:
    """The hash recorded for a file: its content's, plus its correction's when it has one, so
    a new or changed correction makes exactly that file changed."""
    if correction is None or correction == Metadata():
        return digest
    fields = json.dumps([getattr(correction, name) for name in FIELDS], ensure_ascii=False)
    return f"{digest}+{hashlib.sha256(fields.encode()).hexdigest()[:16]}"

