"""Errors that carry a one-line message meant for the user."""

from __future__ import annotations


class BriefingError(Exception):
    """An error with a one-line message for the user; ``exit_code`` 2 means bad usage."""

    exit_code = 1


class IndexMissing(BriefingError):
    """No index where one was named: a usage error (a mistyped ``--index-dir``)."""

    exit_code = 2


class IndexBusy(BriefingError):
    pass


class IndexDamaged(BriefingError):
    """The index cannot be trusted; ``detail`` is what was found, without the advice."""

    def __init__(self, message: str, detail: str | None = None) -> None:
        super().__init__(message)
        self.detail = detail or message


class IndexOutdated(IndexDamaged):
    """Made by another version of briefing: rebuilt like a damaged one, but named for what it is."""


class QueryError(BriefingError):
    """A query or filter the user must fix; the message names the problem."""

    exit_code = 2


class IngestError(ValueError):
    """A file that cannot become an article; the message is the reason."""
