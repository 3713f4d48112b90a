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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import query as wq
from whoosh.qparser import QueryParser

from .analysis import AnalysedText, analyse
from .errors import BriefingError, QueryError
from .limits import MAX_NESTING, bracket_depth, parenthesis_depth
from .schema import build_schema

# A topic is parsed whenever an index is opened and evaluated on every paragraph of a build,
# so a hostile or mistaken one must be refused before it costs anything: Whoosh's parser is
# quadratic in a word's length (a 100,000-character word took 76-105 s on every search) and
# recursive in nesting (5,000 parentheses raised RecursionError).
MAX_TOPIC_QUERY_CHARS = 2000
MAX_TOPIC_TERMS = 200
MIN_TOPIC_PREFIX_CHARS = 3
MAX_TOPIC_FILE_BYTES = 1024 * 1024


class TopicError(BriefingError):
    """A topic file, topic query or topic name that cannot be used."""

    exit_code = 2


Positions = Mapping[str, list[int]]  # a paragraph's stemmed words and where they are


@dataclass(frozen=True)
class Topic:
    name: str
    query: str
    parsed: wq.Query
    matches: Callable[[Positions], bool] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "matches", _matcher(self.parsed))


class TopicSet:
    """An ordered set of topics with a stable digest, so an index knows when to re-tag."""

    def __init__(self, definitions: Mapping[str, str], *, skip_refused: bool = False,
                 files: Sequence[str] = ()) -> None:
        """Every topic must pass ``_checked``; with ``skip_refused`` (the topics an index
        stored, perhaps by an older version or by hand) a refused one is left out and its
        reason kept in ``refused``, so the index still opens. ``files`` name the topic files
        the definitions came from, so a user can be told which are in use."""
        self.files: tuple[str, ...] = tuple(str(f) for f in files)
        parser = QueryParser("text", build_schema())
        topics: list[Topic] = []
        self.refused: list[str] = []
        for name, query in definitions.items():
            try:
                topics.append(Topic(name, query, _checked(name, query, parser)))
            except TopicError as exc:
                if not skip_refused:
                    raise
                self.refused.append(str(exc))
        self.topics: tuple[Topic, ...] = tuple(topics)
        self._by_key = {t.name.casefold(): t for t in self.topics}

    @property
    def definitions(self) -> dict[str, str]:
        return {t.name: t.query for t in self.topics}

    @property
    def digest(self) -> str:
        """Equal digests mean equal tagging; a set that left topics out never equals a full
        one, so the next update re-tags what the refused topics had tagged."""
        key = {"topics": self.definitions, "refused": self.refused} if self.refused else self.definitions
        return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]

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
        return tuple(t.name for t in self.topics if t.matches(text.positions))


def _checked(name: str, text: str, parser: QueryParser) -> wq.Query:
    if not name.strip() or "," in name or len(name) > MAX_TOPIC_QUERY_CHARS:
        raise TopicError(f"topic name {name[:80]!r} must be non-empty and contain no comma")
    if len(text) > MAX_TOPIC_QUERY_CHARS:
        raise TopicError(f"topic {name!r}: query is too long ({len(text):,} characters; "
                         f"the limit is {MAX_TOPIC_QUERY_CHARS:,})")
    if parenthesis_depth(text) > MAX_NESTING:
        raise TopicError(f"topic {name!r}: query nests parentheses more than {MAX_NESTING} deep")
    parsed = parser.parse(text)
    if parsed is wq.NullQuery or not _supported(parsed):
        raise TopicError(
            f"topic {name!r}: query {_shown(text)} must use words, phrases, prefix*, AND, OR, NOT"
        )
    leaves = list(_leaves(parsed))
    if len(leaves) > MAX_TOPIC_TERMS:
        raise TopicError(f"topic {name!r}: query has {len(leaves):,} words, phrases and "
                         f"prefixes; the limit is {MAX_TOPIC_TERMS}")
    short = next((q.text for q in leaves
                  if isinstance(q, wq.Prefix) and len(q.text) < MIN_TOPIC_PREFIX_CHARS), None)
    if short is not None:
        raise TopicError(f"topic {name!r}: prefix {short}* is too short (at least "
                         f"{MIN_TOPIC_PREFIX_CHARS} letters; it would match nearly every word)")
    return parsed


def _shown(text: str) -> str:
    return repr(text) if len(text) <= 120 else repr(text[:120]) + "…"


def _leaves(q: wq.Query):
    if isinstance(q, (wq.Term, wq.Prefix, wq.Phrase)):
        yield q
        return
    for child in q.children():
        yield from _leaves(child)


def _supported(q: wq.Query) -> bool:
    if isinstance(q, (wq.Term, wq.Prefix)):
        return q.fieldname == "text"
    if isinstance(q, wq.Phrase):
        return q.fieldname == "text"
    if isinstance(q, (wq.And, wq.Or, wq.AndNot, wq.Not, wq.AndMaybe)):
        return all(_supported(child) for child in q.children())
    return False


def _matcher(q: wq.Query) -> Callable[[Positions], bool]:
    """The query as a function of a paragraph's words, built once: every paragraph of a build
    is tagged, and walking the query tree for each was a tenth of the parse workers' time."""
    if isinstance(q, wq.Term):
        word = q.text
        return lambda positions: word in positions
    if isinstance(q, wq.Prefix):
        prefix = q.text
        return lambda positions: any(word.startswith(prefix) for word in positions)
    if isinstance(q, wq.Phrase):
        words, slop = q.words, q.slop
        return lambda positions: _phrase(words, slop, positions)
    if isinstance(q, wq.AndNot):
        wanted, unwanted = _matcher(q.a), _matcher(q.b)
        return lambda positions: wanted(positions) and not unwanted(positions)
    if isinstance(q, wq.AndMaybe):
        return _matcher(q.a)
    if isinstance(q, wq.Not):
        negated = _matcher(q.query)
        return lambda positions: not negated(positions)
    if isinstance(q, wq.And):
        parts = [_matcher(c) for c in q.children()]
        return lambda positions: all(part(positions) for part in parts)
    if isinstance(q, wq.Or):
        # Plain words of an OR are one set test; the rest one by one.
        words = frozenset(c.text for c in q.children() if isinstance(c, wq.Term))
        others = [_matcher(c) for c in q.children() if not isinstance(c, wq.Term)]
        return lambda positions: (not words.isdisjoint(positions)
                                  or any(other(positions) for other in others))
    return lambda positions: False


def _phrase(words: list[str], slop: int, positions: Positions) -> bool:
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
        if path.stat().st_size > MAX_TOPIC_FILE_BYTES:
            raise TopicError(f"{path}: topic file is too large ({path.stat().st_size:,} bytes; "
                             f"the limit is {MAX_TOPIC_FILE_BYTES:,})")
        text = path.read_text(encoding="utf-8")
        if bracket_depth(text) > MAX_NESTING:
            raise TopicError(f"{path}: malformed topic file (brackets nested more than "
                             f"{MAX_NESTING} deep)")
        data = tomllib.loads(text)
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
    return TopicSet(dict(merged.values()), files=[str(p) for p in paths])
