"""What the browser remembers between runs: the last query, filters, theme and pinned paragraphs.

Stored as one small JSON file in the user data directory, written atomically so a crash never
leaves half a file. A missing or unreadable file means a fresh session, never a failed start;
the reason is kept so the app can tell the user.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import index

FILE_NAME = "session.json"
MAX_PINS = 1000


@dataclass
class Session:
    query: str = ""
    topics: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    theme: str = ""
    pins: list[str] = field(default_factory=list)

    def toggle_pin(self, paragraph_id: str) -> bool:
        """Pin or unpin; returns whether the paragraph is pinned afterwards."""
        if paragraph_id in self.pins:
            self.pins.remove(paragraph_id)
            return False
        self.pins.append(paragraph_id)
        del self.pins[:-MAX_PINS]
        return True


def default_path() -> Path:
    return index.data_dir() / FILE_NAME


def load(path: Path) -> tuple[Session, str | None]:
    """The saved session and, when it could not be read, why (the session is then fresh)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Session(), None
    except (OSError, ValueError) as exc:
        return Session(), f"could not read saved session {path} ({exc}); starting fresh"
    if not isinstance(raw, dict):
        return Session(), f"saved session {path} is not a JSON object; starting fresh"
    return Session(
        query=_text(raw.get("query")),
        topics=_texts(raw.get("topics")),
        outlets=_texts(raw.get("outlets")),
        speakers=_texts(raw.get("speakers")),
        theme=_text(raw.get("theme")),
        pins=_texts(raw.get("pins"))[-MAX_PINS:],
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


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _texts(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, str)]
