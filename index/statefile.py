"""Small JSON files the index keeps beside its segments (metadata, sources, corrections,
speaker fixes, the ledger): written so a crash or a full disk leaves the old file or the new
one, never half of one and no temporary file; read with a size bound and one clear error."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .errors import BriefingError


def write_text(path: Path, text: str) -> None:
    """Write beside the target, flush to disk, rename over it."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def read_table(path: Path, key: str, what: str, max_bytes: int) -> dict[str, Any] | None:
    """The JSON object under ``key`` in ``path``; None when the file is missing. A damaged,
    oversized or shapeless file is a ``BriefingError`` naming ``what`` it held: silently
    dropping it would undo the user's work."""
    try:
        if path.stat().st_size > max_bytes:
            raise BriefingError(f"{path} is larger than {max_bytes // 1048576} MiB")
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BriefingError(f"cannot read {what} in {path} ({exc})") from None
    table = raw.get(key) if isinstance(raw, dict) else None
    if not isinstance(table, dict):
        raise BriefingError(f"cannot read {what} in {path} (no \"{key}\" table)")
    return table
