"""Article metadata: front matter, folder manifests, and what the text or file name tells.

Precedence, strongest first: the folder's ``manifest.toml`` entry, the file's own front matter,
then what can be derived (a "Published on <date>" line, a ``<outlet>_<yyyy-mm-dd>_<slug>`` file
name). A field nobody states stays empty: a date in a photo caption is not the article's date.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from .limits import MAX_NESTING, bracket_depth
from .textnorm import clean_line

MANIFEST_NAME = "manifest.toml"
FIELDS = ("title", "outlet", "author", "date", "url", "tags")

_FILE_NAME = re.compile(r"^(?P<outlet>[A-Za-z][\w.\-]*?)_(?P<date>\d{4}-\d{2}-\d{2})_(?P<slug>.+)$")
_PUBLISHED = re.compile(
    r"^\s*(?:published|posted|updated)(?:\s+on)?\s*:?\s*(?P<date>.{6,40}?)\s*$", re.IGNORECASE
)
_MONTHS = {
    name: i
    for i, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")),
        start=1,
    )
    for name in names
}


class MetadataError(ValueError):
    """Front matter or a manifest that cannot be read."""


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str = ""
    outlet: str = ""
    author: str = ""
    date: str = ""  # ISO yyyy-mm-dd, or empty when unknown
    url: str = ""
    tags: tuple[str, ...] = field(default=())

    def merged_over(self, weaker: Metadata) -> Metadata:
        """Fields set here win; empty ones fall back to ``weaker``."""
        return replace(
            weaker, **{name: getattr(self, name) for name in FIELDS if getattr(self, name)}
        )


# Where a field's value came from, strongest last; shown in the article view so a user knows
# which values to check. "unknown": nobody stated it.
PROVENANCE_FIELDS = ("title", "outlet", "author", "date", "url")
UNKNOWN = "unknown"
UNKNOWN_OUTLET = "unknown outlet"


def layered(stated: list[tuple[str, Metadata]]) -> tuple[Metadata, tuple[tuple[str, str], ...]]:
    """Metadata from layers given weakest first (a later layer's fields win), and for each
    field the name of the layer that set it."""
    meta = Metadata()
    origin = dict.fromkeys(PROVENANCE_FIELDS, UNKNOWN)
    for name, layer in stated:
        for field_name in PROVENANCE_FIELDS:
            if getattr(layer, field_name):
                origin[field_name] = name
        meta = layer.merged_over(meta)
    return meta, tuple(origin.items())


def unknown_outlet(path: Path) -> str:
    """The one label of an article whose outlet nobody states: its own, by its file (two such
    articles are two sources, never one), findable with ``outlet:"unknown outlet"``."""
    return f"{path.stem} ({UNKNOWN_OUTLET})"


def metadata_from_mapping(values: dict[str, Any], origin: str) -> Metadata:
    """Validate a front-matter or manifest table; unknown keys are ignored."""
    if not isinstance(values, dict):
        raise MetadataError(f"{origin}: expected a table of fields, got {type(values).__name__}")
    found: dict[str, Any] = {}
    for name in ("title", "outlet", "author", "url"):
        value = values.get(name)
        if value is not None:
            found[name] = clean_line(_scalar(value, name, origin))
    if values.get("date") is not None:
        date = parse_date(values["date"])
        if date is None:
            raise MetadataError(f"{origin}: unreadable date {values['date']!r}")
        found["date"] = date
    tags = values.get("tags")
    if isinstance(tags, str):
        tags = [t for t in re.split(r"[,;]", tags)]
    if isinstance(tags, (list, tuple)):
        cleaned = (clean_line(_scalar(t, "tags", origin)) for t in tags)
        found["tags"] = tuple(t for t in cleaned if t)
    return Metadata(**found)


_SCALARS = (str, int, float, dt.date)


def _scalar(value: object, name: str, origin: str) -> str:
    """A field's value as text. Only scalars: YAML aliases can make a small block a structure
    whose text is gigabytes long, and no real title is a list."""
    if isinstance(value, bool) or not isinstance(value, _SCALARS):
        raise MetadataError(f"{origin}: {name} must be text, not {type(value).__name__}")
    return str(value)


def parse_date(value: object) -> str | None:
    """ISO date from a date object, ISO text or "February 10, 2021"-style text."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    iso = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])", text)
    if iso:
        return _valid(int(iso[1]), int(iso[2]), int(iso[3]))
    words = re.findall(r"[A-Za-z]+|\d+", text)
    month = next((_MONTHS[w.lower()] for w in words if w.lower() in _MONTHS), None)
    numbers = [int(w) for w in words if w.isdigit()]
    years = [n for n in numbers if n > 31]
    days = [n for n in numbers if 1 <= n <= 31]
    if month and len(years) == 1 and len(days) == 1:
        return _valid(years[0], month, days[0])
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def split_front_matter(text: str, origin: str) -> tuple[Metadata, int]:
    """Parse YAML (``---``) or TOML (``+++``) front matter; return it and where the body starts."""
    for fence, parser in (("---", _yaml), ("+++", _toml)):
        if not text.startswith(fence + "\n"):
            continue
        close = re.compile(rf"^{re.escape(fence)}[ \t]*$", re.MULTILINE)
        end = close.search(text, len(fence) + 1)
        if end is None:
            raise MetadataError(f"{origin}: front matter opened with {fence} is never closed")
        block = text[len(fence) + 1 : end.start()]
        if bracket_depth(block) > MAX_NESTING:
            raise MetadataError(f"{origin}: front matter nests brackets more than {MAX_NESTING} deep")
        values = parser(block, origin)
        body_start = end.end() + 1 if end.end() < len(text) else end.end()
        return metadata_from_mapping(values or {}, origin), body_start
    return Metadata(), 0


def _yaml(block: str, origin: str) -> Any:
    try:
        return yaml.safe_load(block)
    except yaml.YAMLError as exc:
        raise MetadataError(f"{origin}: malformed YAML front matter ({_first_line(exc)})") from None
    except RecursionError:  # nesting by indentation, which bracket_depth does not see
        raise MetadataError(f"{origin}: front matter nests more than Python can parse") from None


def _toml(block: str, origin: str) -> Any:
    try:
        return tomllib.loads(block)
    except tomllib.TOMLDecodeError as exc:
        raise MetadataError(f"{origin}: malformed TOML front matter ({_first_line(exc)})") from None
    except RecursionError:
        raise MetadataError(f"{origin}: front matter nests more than Python can parse") from None


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def load_manifest(folder: Path) -> dict[str, Metadata]:
    """Read ``manifest.toml`` of a folder: one table per file name."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
        if bracket_depth(text) > MAX_NESTING:
            raise MetadataError(f"{path}: unreadable manifest (brackets nested more than "
                                f"{MAX_NESTING} deep)")
        tables = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise MetadataError(f"{path}: unreadable manifest ({_first_line(exc)})") from None
    return {
        name: metadata_from_mapping(values, f"{path} [{name}]") for name, values in tables.items()
    }


def from_file_name(path: Path) -> Metadata:
    """``<outlet>_<yyyy-mm-dd>_<slug>`` names (PolNeAR's) carry outlet and date."""
    match = _FILE_NAME.match(path.stem)
    if not match:
        return Metadata()
    date = parse_date(match["date"])
    if date is None:
        return Metadata()
    return Metadata(outlet=match["outlet"].replace("-", " ").strip(), date=date)


def published_line(line: str) -> str | None:
    """The ISO date of a "Published on February 10, 2021" line, else None."""
    match = _PUBLISHED.match(line)
    return parse_date(match["date"]) if match else None
