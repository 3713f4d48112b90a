"""Saved web pages → article text and metadata, with trafilatura.

Trafilatura is built for news pages: it keeps the article body and drops navigation, cookie
banners, related-link lists and footers, and reads titles, authors, dates, site names and
canonical URLs from the page's metadata. It runs entirely offline on the saved bytes.
"""

from __future__ import annotations

import functools
import html
import logging
import re
from dataclasses import dataclass

from .errors import IngestError
from .jsonld import article_body
from .metadata import Metadata, parse_date
from .textnorm import clean_line

# A title often ends with the site: "Blinken talks to Yang | The Hill", "… - Reuters".
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—:•·]|-|::)\s+")
MAX_HTML_BYTES = 8 * 1024 * 1024
# The page's JSON-LD ``articleBody`` replaces the extracted text when it is this many times
# longer: the extractor found only a teaser or a caption.
JSONLD_FACTOR = 2


@dataclass(frozen=True, slots=True)
class Page:
    text: str  # the title line, a blank line, then one paragraph per block
    metadata: Metadata


def extract(data: bytes, name: str) -> Page:
    """The article in a saved page; ``IngestError`` says why there is none."""
    if not data.strip():
        raise IngestError("empty file")
    if len(data) > MAX_HTML_BYTES:
        raise IngestError(f"page is larger than {MAX_HTML_BYTES // 1048576} MiB of HTML")
    data = strip_huge_tags(data)
    import trafilatura  # ~0.2 s to import: only when a page is read

    _quiet_extractor_logs()

    try:
        doc = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, favor_precision=True,
        )
    except Exception as exc:  # lxml and trafilatura raise many types on broken markup
        raise IngestError(f"cannot read the HTML ({type(exc).__name__}: {exc})") from None
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    stated = article_body(data.decode("utf-8", "replace"))
    if len(stated) > JSONLD_FACTOR * len(body):
        body = stated  # the page renders its story from its JSON-LD: the HTML held a teaser
    if not body or doc is None:
        raise IngestError("no article text found in the page")
    site = clean_line(doc.sitename or "")
    raw_title = clean_line(doc.title or "")
    if not site or _TITLE_DATE.match(site):
        # "… | DW | 19.01.2020": the extractor took the date for the site (and cut the title)
        site = dated_site(_html_title(data)) or dated_site(raw_title)
    title = page_title(raw_title, site)
    lines = [clean_line(line) for line in body.split("\n") if line.strip()]
    if lines and title and lines[0].casefold() == title.casefold():
        lines = lines[1:]
    if not lines:
        raise IngestError("no article text found in the page (only a title)")
    meta = Metadata(
        title=title or lines[0][:120],
        outlet=site or _host_name(doc.hostname or ""),
        author=clean_line(doc.author or ""),
        date=parse_date(doc.date or "") or "",
        url=clean_line(doc.url or ""),
    )
    return Page("\n\n".join([meta.title, *lines]) + "\n", meta)


# A start tag this long is never article text (an inlined image, a crafted page): lxml and the
# extractors are quadratic in a tag's attributes (200,000 of them: 567 s; stripped: 0.64 s).
MAX_TAG_BYTES = 16 * 1024
_HUGE_TAG = re.compile(rb"<([A-Za-z][\w:.-]{0,40})[^<>]{%d,}>" % MAX_TAG_BYTES)


def strip_huge_tags(data: bytes) -> bytes:
    """The page with every start tag over ``MAX_TAG_BYTES`` reduced to its bare name."""
    if len(data) < MAX_TAG_BYTES:
        return data
    return _HUGE_TAG.sub(rb"<\1>", data)


@functools.cache
def _quiet_extractor_logs() -> None:
    """The extractors log their complaints to stderr (through logging's last-resort handler);
    ours become skip reasons instead, and stray stderr lines would garble the TUI."""
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
        logger.propagate = False


def page_title(title: str, site: str) -> str:
    """The title without the site's name tacked on at either end."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    dated = False
    while len(parts) > 1 and _TITLE_DATE.match(parts[-1]):
        parts, dated = parts[:-1], True  # "… | DW | 19.01.2020": the date is the page's stamp
    if dated and len(parts) > 1 and len(parts[-1].split()) <= 3:
        # "| Site | date": a short part before a trailing date is the site, named or not
        return " - ".join(parts[:-1]).strip()
    if dated and len(parts) == 1:
        return parts[0].strip()
    site_key = _key(site)
    if site_key and _key(parts[-1]) in (site_key, site_key.removeprefix("the")):
        return " - ".join(parts[:-1]).strip()
    if site_key and _key(parts[0]) == site_key:
        return " - ".join(parts[1:]).strip()
    return title


_TITLE_DATE = re.compile(r"^\s*(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}\s+\w+\s+\d{4}|\w+\.?\s+\d{1,2},?\s+\d{4})\s*$")


_HTML_TITLE = re.compile(rb"<title[^>]{0,200}>([^<]{1,1000})</title>", re.IGNORECASE)


def _html_title(data: bytes) -> str:
    match = _HTML_TITLE.search(data, 0, 256 * 1024)
    return clean_line(html.unescape(match.group(1).decode("utf-8", "replace"))) if match else ""


def dated_site(title: str) -> str:
    """The site in a "Title | Site | date" title (a short part right before a trailing date),
    else nothing."""
    parts = _TITLE_SEPARATORS.split(title)
    dated = False
    while len(parts) > 2 and _TITLE_DATE.match(parts[-1]):
        parts, dated = parts[:-1], True
    return parts[-1].strip() if dated and len(parts[-1].split()) <= 3 else ""


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def _host_name(host: str) -> str:
    return host.removeprefix("www.")
