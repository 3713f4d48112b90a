"""Article data → Textual ``Content``, the only way untrusted text reaches a widget.

Every string from an article, a query or a file name is cleaned by ``sanitize_display`` (no
control characters or escape sequences reach the terminal) and wrapped in ``Content`` (never
parsed as markup). Styling is applied by span, not by building markup strings.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.content import Content

import index

# Each role has its own text attribute, so the roles read apart without colour (a monochrome
# terminal, NO_COLOR, a colour-blind reader), and its own colour family, picked so the three
# differ in every built-in theme ($accent and $warning are the same orange in textual-dark).
ROLE_STYLES = {
    "source": "bold $text-primary",
    "cue": "underline $text-warning",
    "content": "italic $text-success",
}
QUOTE_MARKS = "\"“”„‘’‚«»‹›「『"
MATCH_STYLE = "bold reverse"
FRAGMENT_CHARS = 180
KIND_LABELS = {"direct": "direct quote", "indirect": "paraphrase", "mixed": "partial quote"}


def count(n: int, one: str, many: str | None = None) -> str:
    """"1 paragraph", "2 paragraphs", "1 wire copy", "3 wire copies"."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def plain(value: object, style: str = "") -> Content:
    """Any untrusted value as literal, cleaned content."""
    content = Content(index.sanitize_display("" if value is None else str(value)))
    return content.stylize(style) if style else content


def join(parts: Iterable[Content], separator: str = " · ") -> Content:
    return Content(separator).join([p for p in parts if p.plain])


def hit_heading(hit: index.Hit, pinned: bool = False) -> Content:
    """outlet · date · title, as one line."""
    return Content.assemble(
        plain("● ", "$accent") if pinned else "",
        join([plain(hit.outlet or index.UNKNOWN_OUTLET, "bold"), plain(hit.date or "undated", "dim"),
              plain(hit.title)]),
    )


PROVENANCE_LABELS = {"title": "title", "outlet": "outlet", "date": "date", "url": "URL",
                     "author": "author"}


def provenance(hit: index.Hit) -> Content:
    """Where each metadata value came from ("outlet unknown · date inferred from text"), so the
    user knows which values to check and correct."""
    origins = dict(hit.provenance)
    return join([plain(f"{label} {_origin_phrase(origins[name])}",
                       "$text-warning" if origins[name] in ("unknown", "inferred from text") else "dim")
                 for name, label in PROVENANCE_LABELS.items() if name in origins])


def _origin_phrase(origin: str) -> str:
    if origin in ("unknown", "inferred from text"):
        return origin
    return f"from {'the ' if origin in ('manifest', 'file name', 'feed') else ''}{origin}"


def fragment(hit: index.Hit, limit: int = FRAGMENT_CHARS) -> Content:
    """The highlighted excerpt when the search made one, otherwise the paragraph's start."""
    if hit.highlights:
        frag = hit.highlights[0]
        content = _one_line(frag.text)
        for start, end in frag.matches:
            content = content.stylize(MATCH_STYLE, start, end)
        return _shorten(content, limit)
    return _shorten(_one_line(hit.text), limit)


def hit_line(hit: index.Hit, pinned: bool = False) -> Content:
    """outlet · date · ¶n · title: one line a hit in the compact layout (the paragraph number
    tells apart the hits of one article)."""
    return Content.assemble(
        plain("● ", "$accent") if pinned else "",
        join([plain(hit.outlet or index.UNKNOWN_OUTLET, "bold"), plain(hit.date or "undated", "dim"),
              plain(f"¶{hit.paragraph}", "dim"), plain(hit.title)]),
    )


def hit_row(hit: index.Hit, pinned: bool = False) -> Content:
    lines = [hit_heading(hit, pinned), fragment(hit).stylize("dim")]
    if hit.also_in:
        lines.append(also_in(hit))
    return Content("\n").join(lines)


def spaced(row: Content) -> Content:
    """A list row with the blank line that parts it from the next. (Bottom padding would not
    do: ``OptionList`` measures a row without it, so the padding line is never shown.)"""
    return Content.assemble(row, "\n")


def also_in(hit: index.Hit) -> Content:
    return plain("also in: " + ", ".join(hit.also_in), "italic $text-accent")


def paragraph(hit: index.Hit, focus_claim: int | None = None) -> Content:
    """The paragraph with each claim's source, cue and content styled by role.

    With ``focus_claim`` only that claim is marked, so the reader can see exactly which words
    a single attribution covers when claims nest ("our understanding is that Blinken said").
    """
    text = index.sanitize_display(hit.text)
    content = Content(text)
    for mark in index.claim_marks(text, hit.start, hit.claims):
        if focus_claim is None or mark.claim == focus_claim:
            content = content.stylize(ROLE_STYLES[mark.role], mark.start, mark.end)
    return content


def claim_row(claim: dict[str, Any], outlet: str) -> Content:
    """speaker — cue · kind · outlet, then the claimed content."""
    kind = KIND_LABELS.get(str(claim.get("kind", "")), str(claim.get("kind", "")))
    head = Content.assemble(
        plain(claim.get("speaker") or "unattributed", ROLE_STYLES["source"]),
        "  ",
        join([plain(claim.get("cue", ""), ROLE_STYLES["cue"]), plain(kind, "dim"),
              plain(f"in {outlet}" if outlet else "", "dim")]),
    )
    said = _shorten(_one_line(claim.get("content", "")), 220).stylize(ROLE_STYLES["content"])
    if claim.get("kind") == "direct" and not said.plain.startswith(tuple(QUOTE_MARKS)):
        said = Content.assemble("“", said, "”")  # a quote whose marks the span left out
    return Content("\n").join([head, Content.assemble("  ", said)])


def meta(hit: index.Hit) -> Content:
    lines = [
        plain(hit.title or "(untitled)", "bold"),
        join([plain(hit.outlet or index.UNKNOWN_OUTLET, "bold $accent"),
              plain(hit.date or "undated"), plain(f"by {hit.author}" if hit.author else "")]),
    ]
    if hit.url:
        lines.append(plain(hit.url, "underline dim"))
    if index.FEED_SUMMARY_TAG in hit.tags:
        lines.append(plain("feed summary only: the feed did not carry the full story", "italic $warning"))
    if hit.also_in:
        lines.append(also_in(hit))
    where = f"paragraph {hit.paragraph} of {hit.paragraphs}" if hit.paragraphs else (
        f"paragraph {hit.paragraph}")
    lines.append(plain(where, "dim"))
    return Content("\n").join(lines)


def related_row(hit: index.Hit) -> Content:
    return Content("\n").join([
        hit_heading(hit),
        _shorten(_one_line(hit.text), FRAGMENT_CHARS).stylize("dim"),
    ])


def legend() -> Content:
    return Content.assemble(
        plain("source", ROLE_STYLES["source"]), "  ", plain("cue", ROLE_STYLES["cue"]), "  ",
        plain("content", ROLE_STYLES["content"]),
    )


def _one_line(value: object) -> Content:
    """Same length as the cleaned text, so highlight offsets still apply."""
    return Content(index.sanitize_display("" if value is None else str(value)).replace("\n", " "))


def _shorten(content: Content, limit: int) -> Content:
    if len(content.plain) <= limit:
        return content
    return Content.assemble(content[:limit].rstrip(), "…")


def ledger_notes(notes: Iterable[index.ClaimNote]) -> Content:
    """For each claim of a paragraph in the claim ledger: "first reported by …", "also in …"
    and, when outlets credit it differently, "credited to … by …"."""
    lines: list[Content] = []
    for note in notes:
        first = " and ".join(note.first_reported_by)
        line = f"”: first reported by {first}, {note.first_date or 'date unknown'}"
        if note.also_in:
            line += "; also in " + ", ".join(note.also_in)
        lines.append(Content.assemble("“", _shorten(plain(" ".join(note.claim.statement.split())), 60),
                                      plain(line)).stylize("italic"))
        if note.credits:
            credits = "; ".join(f"{speaker} by {outlet}" for outlet, speaker in note.credits)
            lines.append(plain("credited to " + credits, "$warning"))
    return Content("\n").join(lines)


def saved_row(name: str, entry: dict[str, Any]) -> Content:
    """A saved search: its name, then its query and filters."""
    filters = [f"{facet}: {' or '.join(entry.get(facet) or ())}"
               for facet in ("topic", "month", "outlet", "speaker") if entry.get(facet)]
    what = "; ".join([f"“{entry.get('query')}”" if entry.get("query") else "everything", *filters])
    return Content.assemble(plain(name, "bold"), "  ", plain(what, "dim"))
