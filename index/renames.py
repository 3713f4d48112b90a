"""An analyst's speaker fixes, kept beside the index in ``speakers.json``.

Claim extraction sometimes splits one person in two ("Sen. Warren" and "Elizabeth Warren") or
gives a name the analyst wants spelt otherwise. A rename maps an indexed speaker name to the
one to use; renaming to a name already indexed merges the two. The table is applied where the
claims get their final speaker names at index time (``claims.unify_speakers``), so facets,
filters, claims, export and the ledger all see the new name with no read-time code, and
updates and rebuilds (which carry the file) keep it.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import statefile
from .errors import QueryError
from .textnorm import clean_line

SPEAKERS_NAME = "speakers.json"
MAX_NAME_CHARS = 200
MAX_FILE_BYTES = 4 * 1024 * 1024


def load(directory: Path) -> dict[str, str]:
    """Renames (old name → new name); none when the file is missing. A damaged file is an
    error: silently dropping the analyst's fixes would undo their work."""
    table = statefile.read_table(directory / SPEAKERS_NAME, "renames", "the speaker fixes",
                                 MAX_FILE_BYTES)
    if table is None:
        return {}
    return {clean_line(old): clean_line(new) for old, new in table.items()
            if isinstance(old, str) and isinstance(new, str) and clean_line(old) and clean_line(new)}


def resolve(renames: dict[str, str], name: str) -> str:
    """The name ``name`` ends up with after following the renames (A → B → C gives C); a
    cycle stops at the last name before it repeats."""
    seen = {name}
    while name in renames and renames[name] not in seen:
        name = renames[name]
        seen.add(name)
    return name


def validated(old: str, new: str) -> tuple[str, str]:
    """The two names cleaned; ``QueryError`` (a usage error) when one is blank or they match."""
    old, new = clean_line(old)[:MAX_NAME_CHARS], clean_line(new)[:MAX_NAME_CHARS]
    if not old or not new:
        raise QueryError("a speaker rename needs the old name and a new one")
    if old == new:
        raise QueryError(f"{old!r} already has that name")
    return old, new


def save(directory: Path, old: str, new: str) -> None:
    """Record ``old`` → ``new``; a fix that renames ``new`` back to ``old`` is dropped, so
    renaming back undoes a rename instead of making a cycle."""
    current = load(directory)
    if current.get(new) == old:
        del current[new]
    current[old] = new
    data = json.dumps({"version": 1, "renames": dict(sorted(current.items()))},
                      ensure_ascii=False, indent=2) + "\n"
    directory.mkdir(parents=True, exist_ok=True)
    statefile.write_text(directory / SPEAKERS_NAME, data)
