"""Metadata an article's own text states, for files that come without any (copy-and-paste).

Only what the text says about itself, in the places articles say it: a dateline or a date
line near the top, a copyright or "Source:" line, the outlet naming itself in its own
furniture ("The Hill has removed its comment section"), a URL on a line of its own. A date in
a photo caption or a name in the story is never taken: a wrong outlet or date is worse than
an unknown one, because the user then has no reason to correct it.
"""

from __future__ import annotations

import re

from .metadata import Metadata, parse_date

# Lines this near the top (and bottom, for furniture) are where pages state their metadata.
_HEAD_LINES = 6
_TAIL_LINES = 40

_NAME = r"(?:The\s+)?[A-Z][\w&.'’-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w&.'’-]*){0,4}"
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")
_DATE = (rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})")

# "WASHINGTON, Feb. 5, 2021 —", "BEIJING (Reuters), February 5, 2021 -"
_DATELINE = re.compile(rf"^[A-Z][A-Z .'’-]{{1,30}}(?:\s*\([^()]{{1,30}}\))?,?\s+(?P<date>{_DATE})\s*[—–-]")
# A line that is only a date, or "By Jane Doe | February 5, 2021", "Updated February 5, 2021"
_DATE_LINE = re.compile(rf"^(?:(?:by\s+[^|·•]{{1,60}}|updated|posted|published|date)\s*[|·•:,-]?\s*)?"
                        rf"(?P<date>{_DATE})(?:\s*[|·•,]?\s*\d{{1,2}}:\d{{2}}.*)?$", re.IGNORECASE)
_COPYRIGHT = re.compile(rf"^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?,?\s*)?"
                        rf"(?P<outlet>{_NAME})", re.IGNORECASE)
_SOURCE_LINE = re.compile(rf"^(?:source|site|publication|outlet|published by)\s*:\s*(?P<outlet>{_NAME})\s*$",
                          re.IGNORECASE)
_SELF_NAMED = re.compile(
    rf"^(?P<outlet>{_NAME})\s+(?:has\s+(?:removed|closed|disabled|turned off)\s+(?:its|the)\s+comment"
    rf"|is\s+not\s+responsible\s+for\s+the\s+content\s+of\s+external"
    rf"|(?:welcomes|invites)\s+(?:you|readers|your)\b)")
_URL_LINE = re.compile(r"^(?:(?:url|link|source|original(?:ly published)?(?:\s+at)?)\s*:?\s*)?"
                       r"<?(?P<url>https?://[^\s<>\"]+)>?\s*$", re.IGNORECASE)
# Names a copyright line may carry that are not an outlet.
_NOT_OUTLETS = {"all", "all rights reserved", "rights", "the author", "the authors", "getty",
                "getty images", "ap photo", "reuters photo", "the", "copyright"}


def from_text(lines: list[str]) -> Metadata:
    """Outlet, date and URL the article's lines state about it (empty fields when they do not)."""
    lines = [line.strip() for line in lines if line.strip()]
    head, tail = lines[:_HEAD_LINES], lines[-_TAIL_LINES:]
    return Metadata(outlet=_outlet(tail + head), date=_date(head), url=_url(head + tail))


def _date(head: list[str]) -> str:
    for line in head:
        match = _DATELINE.match(line) or (_DATE_LINE.match(line) if len(line) <= 80 else None)
        if match and (date := parse_date(match["date"].replace(".", ""))):
            return date
    return ""


def _outlet(lines: list[str]) -> str:
    for pattern in (_SELF_NAMED, _COPYRIGHT, _SOURCE_LINE):
        for line in lines:
            match = pattern.match(line) if len(line) <= 300 else None
            if match:
                name = _tidy(match["outlet"])
                if name and name.casefold() not in _NOT_OUTLETS:
                    return name
    return ""


def _tidy(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" .,'’-")
    # "Nexstar Media Inc. All Rights Reserved": the rights notice is not the name.
    name = re.split(r"\s+(?:All|Rights|Reserved|Inc|LLC|Ltd)\b", name)[0].strip(" .,")
    return name


def _url(lines: list[str]) -> str:
    for line in lines:
        match = _URL_LINE.match(line) if len(line) <= 2000 else None
        if match:
            return match["url"].rstrip(".,;)")
    return ""
