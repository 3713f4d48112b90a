"""The article body a page states in its JSON-LD (schema.org ``articleBody``).

Some pages ship the story only in their structured data and render it with script: the HTML
the extractor reads then holds a teaser (a South China Morning Post page gave 201 characters
and no claims). ``article_body`` reads every ``application/ld+json`` block and returns the
longest ``articleBody`` found in it (top level, in ``@graph`` or in lists), as plain text with
one paragraph per line.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

_SCRIPT = re.compile(
    r"<script\b[^>]*\btype\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
_BREAK = re.compile(r"<\s*(?:br|/p|/div|/h[1-6]|/li)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
MAX_BLOCKS = 200  # a page with more JSON-LD blocks than this is not worth reading them all
MAX_DEPTH = 20


def article_body(page: str) -> str:
    """The longest ``articleBody`` in the page's JSON-LD, or ""."""
    best = ""
    for number, match in enumerate(_SCRIPT.finditer(page)):
        if number >= MAX_BLOCKS:
            break
        try:
            data = json.loads(match.group(1).strip())
        except (ValueError, RecursionError):
            continue  # a broken block says nothing; the others may
        for body in _bodies(data, 0):
            text = _plain(body)
            if len(text) > len(best):
                best = text
    return best


def _bodies(data: Any, depth: int) -> Iterator[str]:
    if depth > MAX_DEPTH:
        return
    if isinstance(data, dict):
        body = data.get("articleBody")
        if isinstance(body, str):
            yield body
        for value in data.values():
            if isinstance(value, (dict, list)):
                yield from _bodies(value, depth + 1)
    elif isinstance(data, list):
        for item in data:
            yield from _bodies(item, depth + 1)


def _plain(body: str) -> str:
    """Markup in the body (some sites put HTML there) becomes line breaks and text."""
    text = html.unescape(_TAG.sub("", _BREAK.sub("\n", body)))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
