"""Briefing documents: the paragraphs a user collected, quoted with who said what and cited.

One function per format so the CLI and the TUI write identical files. Article text is
untrusted: it is cleaned of control characters and, in Markdown, kept inside block quotes
with characters that would start Markdown structure escaped, so a pasted briefing renders as
the quoted text and nothing else.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from .metadata import UNKNOWN_OUTLET
from .searching import Hit
from .textnorm import json_text, sanitize_display

FORMATS = ("md", "json", "csv")
GROUPINGS = ("topic", "article", "none")  # none: in the order given (the order pins were made)
UNGROUPED = "Other paragraphs"

CSV_FIELDS = ("id", "outlet", "date", "title", "author", "url", "paragraph", "paragraphs",
              "topics", "speakers", "claims", "text", "ledger", "note")
# Paragraph id -> the claim ledger's notes on its claims (``ledgerview.paragraph_notes``).
Notes = Mapping[str, Sequence[Any]]


def citation(hit: Hit, notes: Notes | None = None,
             annotations: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The fields every format carries for one paragraph; ``ledger``: for each claim other
    outlets report too, its first report, the other outlets and any differing credit;
    ``note``: the analyst's own note on the paragraph (``annotations`` by paragraph id)."""
    return {
        "id": hit.id,
        "outlet": _clean(hit.outlet),
        "date": hit.date or None,
        "title": _clean(hit.title),
        "author": _clean(hit.author) or None,
        "url": _clean(hit.url) or None,
        "paragraph": hit.paragraph,
        "paragraphs": hit.paragraphs,
        "topics": list(hit.topics),
        "speakers": _speakers(hit),
        "claims": [
            {"speaker": _clean(c.get("speaker", "")), "cue": _clean(c.get("cue", "")),
             "kind": c.get("kind", ""), "content": _clean(c.get("content", ""))}
            for c in hit.claims
        ],
        "text": _clean(hit.text),
        "ledger": [_ledger_note(n) for n in (notes or {}).get(hit.id, ())],
        "note": _clean((annotations or {}).get(hit.id, "")) or None,
    }


def _ledger_note(note: Any) -> dict[str, Any]:
    return {
        "statement": _clean(note.claim.statement),
        "first_reported_by": [_clean(o) for o in note.first_reported_by],
        "first_date": note.first_date or None,
        "also_in": [_clean(o) for o in note.also_in],
        "credits": [{"outlet": _clean(o), "speaker": _clean(s)} for o, s in note.credits],
    }


def _ledger_line(note: dict[str, Any]) -> str:
    """One note as words, for Markdown and CSV."""
    line = (f"“{note['statement'][:80]}” first reported by {' and '.join(note['first_reported_by'])}"
            f", {note['first_date'] or 'undated'}")
    if note["also_in"]:
        line += "; also in " + ", ".join(note["also_in"])
    if note["credits"]:
        line += "; credited to " + "; ".join(f"{c['speaker']} by {c['outlet']}" for c in note["credits"])
    return line


def render(hits: Sequence[Hit], fmt: str, *, title: str = "Briefing", group_by: str = "topic",
           now: datetime | None = None, notes: Notes | None = None,
           annotations: Mapping[str, str] | None = None) -> str:
    """The briefing as text in ``fmt`` (``md``, ``json`` or ``csv``); ``notes`` (by paragraph
    id) add the claim ledger's first report, other outlets and differing credits."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if group_by not in GROUPINGS:
        raise ValueError(f"unknown grouping {group_by!r}; use one of {', '.join(GROUPINGS)}")
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    if fmt == "json":
        return json_text({"title": title, "generated": stamp,
                          "paragraphs": [citation(h, notes, annotations) for h in hits]},
                         indent=2) + "\n"
    if fmt == "csv":
        return _csv(hits, notes, annotations)
    return _markdown(hits, title, group_by, stamp, notes, annotations)


def _markdown(hits: Sequence[Hit], title: str, group_by: str, stamp: str,
              notes: Notes | None = None, annotations: Mapping[str, str] | None = None) -> str:
    lines = [f"# {_md_inline(title)}", "", f"Generated {stamp} · {len(hits)} paragraph(s) from "
             f"{len({h.outlet for h in hits})} outlet(s).", ""]
    for group, members in _groups(hits, group_by):
        if group_by != "none":
            lines += [f"## {_md_inline(group)}", ""]
        for hit in members:
            cited = citation(hit, notes, annotations)
            lines += _md_paragraph(hit, cited["ledger"], cited["note"])
    if not hits:
        lines.append("_No paragraphs._")
    return "\n".join(lines).rstrip() + "\n"


def _md_paragraph(hit: Hit, ledger: Sequence[dict[str, Any]] = (),
                  note: str | None = None) -> list[str]:
    quoted = [f"> {_md_inline(line)}" if line.strip() else ">"
              for line in _clean(hit.text).split("\n")]
    out = [*quoted, ""]
    if note:
        out += [f"Note: {_md_inline(' '.join(note.split()))}", ""]
    speakers = _speakers(hit)
    if speakers:
        out += [f"Claims by: {', '.join(_md_inline(s) for s in speakers)}", ""]
    for note in ledger:
        out += [f"Ledger: {_md_inline(_ledger_line(note))}", ""]
    cite = [_md_inline(_clean(hit.outlet)) or UNKNOWN_OUTLET, hit.date or "undated",
            f"“{_md_inline(_clean(hit.title))}”"]
    where = f"paragraph {hit.paragraph} of {hit.paragraphs}" if hit.paragraphs else (
        f"paragraph {hit.paragraph}")
    source = _md_link(_clean(hit.url))
    out += ["— " + ", ".join(cite + ([source] if source else []) + [where]), ""]
    return out


_WEB_LINK = re.compile(r"^https?://[^\s<>]+$", re.IGNORECASE)


def _md_link(url: str) -> str:
    """An http(s) URL as a link; anything else (``javascript:``, ``file:``, ``data:``) as
    literal code, which no Markdown renderer turns into a link."""
    if not url:
        return ""
    if _WEB_LINK.match(url):
        return f"<{url}>"
    fence = "`" * (max((len(run) for run in re.findall(r"`+", url)), default=0) + 1)
    return f"{fence} {' '.join(url.split())} {fence}"


def _groups(hits: Sequence[Hit], group_by: str) -> list[tuple[str, list[Hit]]]:
    if group_by == "none":
        return [("", list(hits))]
    groups: dict[str, list[Hit]] = {}
    for hit in hits:
        if group_by == "article":
            key = f"{_clean(hit.title) or hit.article_id} ({_clean(hit.outlet)}, {hit.date or 'undated'})"
        else:
            key = hit.topics[0] if hit.topics else UNGROUPED
        groups.setdefault(key, []).append(hit)
    ordered = sorted(groups.items(), key=lambda kv: kv[0] == UNGROUPED)
    if group_by == "article":
        for _, members in ordered:
            members.sort(key=lambda h: h.paragraph)
    return ordered


def _csv(hits: Sequence[Hit], notes: Notes | None = None,
         annotations: Mapping[str, str] | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for hit in hits:
        row = citation(hit, notes, annotations)
        row["ledger"] = " | ".join(_ledger_line(n) for n in row["ledger"])
        row["topics"] = "; ".join(row["topics"])
        row["speakers"] = "; ".join(row["speakers"])
        row["claims"] = "; ".join(f"{c['speaker']} ({c['cue']}, {c['kind']})" for c in row["claims"])
        writer.writerow({k: _spreadsheet_safe(row[k]) for k in CSV_FIELDS})
    return buffer.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def _spreadsheet_safe(value: Any) -> Any:
    """Spreadsheets run cells that start with = + - @ as formulas, and some also after leading
    tabs, line breaks or spaces (OWASP's CSV injection list); article text must not run."""
    if isinstance(value, str) and (value[:1] in _FORMULA_START
                                   or value.lstrip(" \t\r\n")[:1] in _FORMULA_START[:4]):
        return "'" + value
    return "" if value is None else value


def _speakers(hit: Hit) -> list[str]:
    return [_clean(name) for name in hit.speakers]


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


def _md_inline(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _clean(value: object) -> str:
    return sanitize_display("" if value is None else str(value))
