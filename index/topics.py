"""Topics: named Whoosh queries that tag paragraphs at index time.

A topic file is TOML with one ``[topics]`` table mapping a name to a query in the search
language (words are stemmed; "phrases", OR, AND, NOT, parentheses and trailing ``*``)::

    [topics]
    Taiwan = 'taiwan OR taiwanese OR "cross-strait"'
    "Hong Kong" = '"hong kong"'

The bundled file (seeds/topics.toml) is always loaded; a user file in the config directory or
given with ``--topics`` adds topics or replaces same-named ones (names match case-insensitively).

Tagging evaluates each topic's parsed query against the paragraph's analysed tokens in memory, so
every paragraph carries its topics in the index and topic facets and filters cost one posting
list each at search time.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from whoosh import query as wq
from whoosh.qparser import QueryParser

from .analysis import AnalysedText, analyse
from .errors import BriefingError, QueryError
from .schema import build_schema


class TopicError(BriefingError):
    """A topic file, topic query or topic name that cannot be used."""

    exit_code = 2


@dataclass(frozen=True)
class Topic:
    name: str
    query: str
    parsed: wq.Query


class TopicSet:
    """An ordered set of topics with a stable digest, so an index knows when to re-tag."""

    def __init__(self, definitions: Mapping[str, str]) -> None:
        parser = QueryParser("text", build_schema())
        self.topics: tuple[Topic, ...] = tuple(
            Topic(name, query, _checked(name, query, parser)) for name, query in definitions.items()
        )
        self._by_key = {t.name.casefold(): t for t in self.topics}

    @property
    def definitions(self) -> dict[str, str]:
        return {t.name: t.query for t in self.topics}

    @property
    def digest(self) -> str:
        return hashlib.sha256(json.dumps(self.definitions, sort_keys=True).encode()).hexdigest()[:16]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.topics)

    def resolve(self, name: str) -> str:
        """The canonical name of a topic given in any case; ``QueryError`` if unknown."""
        topic = self._by_key.get(name.strip().casefold())
        if topic is None:
            known = ", ".join(self.names) or "none"
            raise QueryError(f"unknown topic {name!r} (known topics: {known})")
        return topic.name

    def tag(self, text: str) -> tuple[str, ...]:
        """Names of the topics whose query matches this paragraph text."""
        return self.tag_analysed(analyse(text))

    def tag_analysed(self, text: AnalysedText) -> tuple[str, ...]:
        return tuple(t.name for t in self.topics if _matches(t.parsed, text.positions))


def _checked(name: str, text: str, parser: QueryParser) -> wq.Query:
    if not name.strip() or "," in name:
        raise TopicError(f"topic name {name!r} must be non-empty and contain no comma")
    parsed = parser.parse(text)
    if parsed is wq.NullQuery or not _supported(parsed):
        raise TopicError(
            f"topic {name!r}: query {text!r} must use words, phrases, prefix*, AND, OR, NOT"
        )
    return parsed


def _supported(q: wq.Query) -> bool:
    if isinstance(q, (wq.Term, wq.Prefix)):
        return q.fieldname == "text"
    if isinstance(q, wq.Phrase):
        return q.fieldname == "text"
    if isinstance(q, (wq.And, wq.Or, wq.AndNot, wq.Not, wq.AndMaybe)):
        return all(_supported(child) for child in q.children())
    return False


def _matches(q: wq.Query, positions: dict[str, list[int]]) -> bool:
    if isinstance(q, wq.Term):
        return q.text in positions
    if isinstance(q, wq.Prefix):
        return any(term.startswith(q.text) for term in positions)
    if isinstance(q, wq.Phrase):
        return _phrase(q.words, q.slop, positions)
    if isinstance(q, wq.AndNot):
        return _matches(q.a, positions) and not _matches(q.b, positions)
    if isinstance(q, wq.AndMaybe):
        return _matches(q.a, positions)
    if isinstance(q, wq.Not):
        return not _matches(q.query, positions)
    if isinstance(q, wq.And):
        return all(_matches(c, positions) for c in q.children())
    if isinstance(q, wq.Or):
        return any(_matches(c, positions) for c in q.children())
    return False


def _phrase(words: list[str], slop: int, positions: dict[str, list[int]]) -> bool:
    if any(word not in positions for word in words):
        return False
    for first in positions[words[0]]:
        current = first
        for word in words[1:]:
            following = [p for p in positions[word] if current < p <= current + slop]
            if not following:
                break
            current = following[0]
        else:
            return True
    return False


def load_topic_file(path: Path) -> dict[str, str]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise TopicError(f"{path}: unreadable topic file ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TopicError(f"{path}: malformed topic file ({exc})") from None
    table = data.get("topics")
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise TopicError(f'{path}: expected a [topics] table of name = "query" strings')
    return dict(table)


def merge_topic_files(paths: list[Path]) -> TopicSet:
    """Later files add topics or replace same-named (case-insensitive) ones."""
    merged: dict[str, tuple[str, str]] = {}
    for path in paths:
        for name, query in load_topic_file(path).items():
            merged[name.casefold()] = (name.strip(), query)
    return TopicSet(dict(merged.values()))
