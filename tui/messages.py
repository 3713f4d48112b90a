"""Messages that cross from worker threads to screens (widget-local ones live in their widget)."""

from __future__ import annotations

from textual.message import Message

import index


class ResultsReady(Message):
    """A search finished; ``error`` is set when the query was malformed and ``result`` comes
    from reading it leniently (open quotes and brackets closed). ``offset`` is the number of
    hits before the first one listed."""

    def __init__(self, query: str, result: index.SearchResult, error: str | None = None,
                 offset: int = 0) -> None:
        super().__init__()
        self.query = query
        self.result = result
        self.error = error
        self.offset = offset


class SearchFailed(Message):
    """The query could not be run even leniently; ``error`` says why, naming the query."""

    def __init__(self, query: str, error: str) -> None:
        super().__init__()
        self.query = query
        self.error = error


class DetailReady(Message):
    """The selected paragraph's cross-outlet matches were found, and its claims' ledger notes
    (first report, other outlets, differing credits)."""

    def __init__(self, hit: index.Hit, related: tuple[index.Hit, ...],
                 notes: tuple[index.ClaimNote, ...] = ()) -> None:
        super().__init__()
        self.hit = hit
        self.related = related
        self.notes = notes


class IndexProgress(Message):
    """Indexing progress; a burst of these collapses into the latest."""

    def __init__(self, done: int, total: int, path: str) -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.path = path

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexProgress)


class IndexReady(Message):
    """The index is open (built first if it was missing); ``note`` tells the user what happened."""

    def __init__(self, note: str | None = None) -> None:
        super().__init__()
        self.note = note


class IndexChanged(Message):
    """The index on disk has a new commit (a re-index here or in another process)."""

    def __init__(self, summary: str | None = None) -> None:
        super().__init__()
        self.summary = summary
