"""What the browser remembers between runs: the last query, filters, theme and pinned paragraphs.

A session belongs to its index: pins, query and filters name paragraphs, outlets and speakers
of one index, and shared across indexes they showed as "no longer in the index" elsewhere, where
unpinning deleted them everywhere. So each index has its own small JSON file under the user
data directory's ``sessions`` folder, named after the index folder's path; the old shared
``session.json`` keeps only the theme last chosen, which a new index starts with.

Files are written atomically so a crash never leaves half a file. A missing or unreadable file
means a fresh session, never a failed start; the reason is kept so the app can tell the user.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import index

SORTS = ("relevance", "newest", "oldest")  # index.SEARCH_SORTS, without loading the index
FILE_NAME = "session.json"
SESSIONS_DIR = "sessions"
MAX_PINS = 1000
# A session file is a few kilobytes (1,000 pins are ~30 KB). Anything far larger or deeper was
# not written by briefing; reading it whole, or letting json recurse through it, could stop
# the browser from starting (a file of nested brackets raised RecursionError).
MAX_SESSION_BYTES = 1024 * 1024
MAX_TEXT_CHARS = 2000
MAX_FILTERS = 200


@dataclass
class Session:
    query: str = ""
    topics: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    theme: str = ""
    pins: list[str] = field(default_factory=list)
    sort: str = "relevance"  # one of index.SEARCH_SORTS
    months: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # pinned paragraph id -> the analyst's note
    # name -> {"query": str, "topic"/"month"/"outlet"/"speaker": [values]}
    saved: dict[str, dict[str, Any]] = field(default_factory=dict)

    def toggle_pin(self, paragraph_id: str) -> bool:
        """Pin or unpin; returns whether the paragraph is pinned afterwards (unpinning drops
        its note)."""
        if paragraph_id in self.pins:
            self.pins.remove(paragraph_id)
            self.notes.pop(paragraph_id, None)
            return False
        self.pins.append(paragraph_id)
        del self.pins[:-MAX_PINS]
        return True


def default_path() -> Path:
    """The file shared by every index: only its theme is read (see the module docstring)."""
    return index.data_dir() / FILE_NAME


def path_for(index_dir: Path) -> Path:
    """The session file of the index in ``index_dir``: readable name, unique digest."""
    resolved = str(Path(index_dir).expanduser().resolve())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", Path(resolved).name)[:40].strip("-.") or "index"
    return index.data_dir() / SESSIONS_DIR / f"{name}-{digest}.json"


def load_for(path: Path, shared: Path) -> tuple[Session, list[str]]:
    """The session in ``path`` and what to tell the user about it.

    A new index starts with the theme last chosen. The first index opened after the shared
    file held a whole session (before sessions were per index) takes that session over, and
    the shared file keeps only the theme, so the pins live in one index, not in all.
    """
    session, problem = load(path)
    notes = [problem] if problem else []
    if path.exists() or problem:
        return session, notes
    old, old_problem = load(shared)
    if old_problem:
        return session, notes
    session.theme = old.theme
    if old.query or old.topics or old.outlets or old.speakers or old.pins:
        session = old
        try:
            save(path, session)
            save(shared, Session(theme=old.theme))
        except OSError as exc:
            notes.append(f"could not move the saved session to {path}: {exc.strerror or exc}")
    return session, notes


def load(path: Path) -> tuple[Session, str | None]:
    """The saved session and, when it could not be read, why (the session is then fresh).

    Every saved string is untrusted: it is cleaned as typed text is (no control characters or
    escape sequences, one line) before anything shows it.
    """
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_SESSION_BYTES + 1)
    except FileNotFoundError:
        return Session(), None
    except OSError as exc:
        return Session(), f"could not read saved session {path} ({exc.strerror or exc}); starting fresh"
    if len(data) > MAX_SESSION_BYTES:
        return Session(), (f"saved session {path} is larger than {MAX_SESSION_BYTES // 1024} KiB; "
                           "starting fresh")
    try:
        text = data.decode("utf-8")
        if index.json_depth(text) > index.MAX_NESTING:
            return Session(), (f"saved session {path} is nested more than {index.MAX_NESTING} "
                               "deep; starting fresh")
        raw = json.loads(text)
    except ValueError as exc:
        return Session(), f"could not read saved session {path} ({exc}); starting fresh"
    if not isinstance(raw, dict):
        return Session(), f"saved session {path} is not a JSON object; starting fresh"
    return Session(
        query=_text(raw.get("query")),
        topics=_texts(raw.get("topics"))[:MAX_FILTERS],
        outlets=_texts(raw.get("outlets"))[:MAX_FILTERS],
        speakers=_texts(raw.get("speakers"))[:MAX_FILTERS],
        theme=_text(raw.get("theme")),
        pins=_texts(raw.get("pins"))[-MAX_PINS:],
        notes=_notes(raw.get("notes")),
        saved=_saved(raw.get("saved")),
        sort=raw["sort"] if raw.get("sort") in SORTS else "relevance",
        months=[m for m in _texts(raw.get("months")) if re.fullmatch(r"\d{4}-\d{2}", m)][:MAX_FILTERS],
    ), None


def save(path: Path, session: Session) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".session-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(session), handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def clean_input(text: str) -> str:
    """Text as the search bar may hold it: no controls, on one line, of bounded length."""
    return index.clean_input(text[:MAX_TEXT_CHARS])


def _text(value: Any) -> str:
    return clean_input(value) if isinstance(value, str) else ""


def _texts(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [cleaned for v in value if isinstance(v, str) and (cleaned := clean_input(v))]


def _notes(value: Any) -> dict[str, str]:
    """Notes on pins: text keys and values only, each cleaned and bounded like typed text."""
    if not isinstance(value, dict):
        return {}
    notes = {clean_input(k): clean_input(v) for k, v in list(value.items())[:MAX_PINS]
             if isinstance(k, str) and isinstance(v, str)}
    return {k: v for k, v in notes.items() if k and v}


SAVED_FACETS = ("topic", "month", "outlet", "speaker")
MAX_SAVED = 200


def _saved(value: Any) -> dict[str, dict[str, Any]]:
    """Saved searches: a name, a query and filter values, all text, cleaned and bounded."""
    if not isinstance(value, dict):
        return {}
    saved: dict[str, dict[str, Any]] = {}
    for name, entry in list(value.items())[:MAX_SAVED]:
        if not isinstance(name, str) or not isinstance(entry, dict) or not clean_input(name):
            continue
        saved[clean_input(name)] = {"query": _text(entry.get("query")),
                                    **{f: _texts(entry.get(f))[:MAX_FILTERS] for f in SAVED_FACETS}}
    return saved
