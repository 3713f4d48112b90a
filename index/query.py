"""The user query language: validation with one-line errors, then Whoosh parsing.

Whoosh's parser accepts nearly anything and silently reinterprets it (``foo:bar`` becomes two
words, an open quote disappears), and some inputs are expensive (leading wildcards, large edit
distances, very long tokens parse quadratically). So the raw string is checked first and a
``QueryError`` names the problem; the parsed tree is then bounded.

Language: words (stemmed), "phrases", AND / OR / NOT, parentheses, ``field:value`` for
title, outlet, author, date, topic, speaker and tag, ``date:[2021-02-01 TO 2021-02-28]``
(partial dates allowed), ``word*`` prefixes and ``word~`` / ``word~2`` fuzzy terms.
"""

from __future__ import annotations

import datetime as dt

import re

from whoosh import query as wq
from whoosh.qparser import AndGroup, FieldAliasPlugin, FuzzyTermPlugin, QueryParser

from .errors import QueryError
from .schema import build_schema
from .textnorm import normalise

MAX_QUERY_CHARS = 500
MAX_FUZZY_DISTANCE = 2
# As-you-type prefixes start at three letters: "t*" expands to thousands of terms and matches
# nearly every paragraph (measured: 10.5 s at 15,600 paragraphs), which helps nobody.
MIN_PREFIX_CHARS = 3
_PARTIAL_WORD = re.compile(rf"(?:^|\s)[^\W\d_][\w'’-]{{{MIN_PREFIX_CHARS - 1},}}$")
# A word just begun ("c", "clinton em"): too short to expand, and as a whole word it usually
# matches nothing, so the list would empty (or show an error) on every word's first letters.
_BEGUN_WORD = re.compile(rf"(?:^|(?<=\S)\s+)[^\W\d_][\w'’-]{{0,{MIN_PREFIX_CHARS - 2}}}$")
FIELDS = ("title", "outlet", "author", "date", "topic", "speaker", "tag")
_ALIASES = {"topic": ["topics"], "tags": ["tag"], "speaker": ["speakers", "source"]}
_KNOWN_FIELDS = frozenset([*FIELDS, *_ALIASES, *(a for v in _ALIASES.values() for a in v)])

_FIELD = re.compile(r"(?<![\w\\])([A-Za-z_]\w*):")
_LEADING_WILDCARD = re.compile(r"(?:^|[\s(:])[*?]")
_OPERATOR_EDGE = re.compile(r"^\s*(?:AND|OR)\b|\b(?:AND|OR|NOT)\s*$")
_ADJACENT_OPERATORS = re.compile(r"\b(?:AND|OR|NOT)\s+(?:AND|OR)\b")
_DATE_BOUND = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_SURROGATES = re.compile("[\ud800-\udfff]")


_SCHEMA = build_schema()


def _parser() -> QueryParser:
    # Paragraph text only: a hit must contain the words its highlight shows. Titles are
    # searched with title:, which matches every paragraph of the article.
    parser = QueryParser("text", _SCHEMA, group=AndGroup)
    parser.add_plugin(FuzzyTermPlugin())
    parser.add_plugin(FieldAliasPlugin(_ALIASES))
    return parser


_PARSER = _parser()


def has_begun_word(text: str) -> bool:
    """Whether the query ends in a word too short to be a prefix."""
    return bool(_BEGUN_WORD.search(clean_query(text)))


def clean_query(text: str) -> str:
    """Normalise like article text (NFC, no controls) and drop lone surrogates."""
    return normalise(_SURROGATES.sub("", text)).text.strip()


def parse_query(text: str, *, lenient: bool = False, prefix_last: bool = False,
                drop_begun_word: bool = False) -> wq.Query:
    """Parse a user query, or raise ``QueryError``.

    ``lenient`` closes an open quote or parenthesis (for search as you type); ``prefix_last``
    treats the last, still-being-typed word as a prefix once it has ``MIN_PREFIX_CHARS``
    letters; ``drop_begun_word`` leaves that word out while it is shorter.
    """
    text = clean_query(text)
    if drop_begun_word:
        text = _BEGUN_WORD.sub("", text)
    if not text:
        return wq.Every()
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query is too long ({len(text)} characters; the limit is {MAX_QUERY_CHARS})")
    if lenient:
        text = _close_open_groups(text)
        if not text:  # only an operator so far ("NOT ")
            return wq.Every()
    _check_syntax(text)
    if prefix_last and _PARTIAL_WORD.search(text) and not text.endswith(("AND", "OR", "NOT")):
        text += "*"
    try:
        parsed = _PARSER.parse(text)
    except Exception as exc:  # Whoosh's parser fails on some operator runs ("NOT AND a")
        raise QueryError(f"cannot read the query {text!r} ({type(exc).__name__}); "
                         "check the AND, OR and NOT operators") from None
    if parsed is wq.NullQuery:
        raise QueryError(f"nothing to search for in {text!r}")
    return _bounded(parsed)


def _close_open_groups(text: str) -> str:
    if _unquoted(text).count('"') % 2:
        text += '"'
    depth = _unquoted(text).count("(") - _unquoted(text).count(")")
    text = re.sub(r"\b(?:AND|OR|NOT)\s*$", "", text).rstrip()
    return text + ")" * max(depth, 0)


def _unquoted(text: str) -> str:
    """The text with quoted phrases blanked out (an odd trailing quote keeps its tail)."""
    return re.sub(r'"[^"]*"', lambda m: '"' + " " * (len(m.group()) - 2) + '"', text)


def _check_syntax(text: str) -> None:
    bare = _unquoted(text)
    if bare.count('"') % 2:
        raise QueryError(f"unbalanced quote in query {text!r}: close the phrase with \"")
    depth = 0
    for ch in re.sub(r'"[^"]*"', "", bare):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            raise QueryError(f"unbalanced parenthesis in query {text!r}: ')' without '('")
    if depth:
        raise QueryError(f"unbalanced parenthesis in query {text!r}: '(' is never closed")
    outside = bare
    for match in _FIELD.finditer(outside):
        if match.group(1).lower() not in _KNOWN_FIELDS:
            raise QueryError(
                f"unknown field {match.group(1)!r} in query; fields are {', '.join(FIELDS)}"
            )
        rest = outside[match.end() :]
        if not rest or rest[0].isspace() or rest[0] == ")":
            raise QueryError(f"field {match.group(1)}: needs a value, e.g. {match.group(1)}:word")
    if _LEADING_WILDCARD.search(outside):
        raise QueryError("a word cannot start with * or ? (it would scan every term); type a prefix first")
    if _ADJACENT_OPERATORS.search(outside):
        raise QueryError(f"two operators in a row in {text!r}: put a word between them")
    if _OPERATOR_EDGE.search(outside):
        raise QueryError(f"AND, OR and NOT need a word on both sides in {text!r}")


def _bounded(q: wq.Query) -> wq.Query:
    """Cap fuzzy distance, require a fuzzy prefix, and make partial date bounds inclusive."""
    if isinstance(q, wq.FuzzyTerm):
        if q.maxdist > MAX_FUZZY_DISTANCE:
            raise QueryError(
                f"fuzzy distance {q.maxdist} in {q.text}~{q.maxdist} is too large (at most {MAX_FUZZY_DISTANCE})"
            )
        return wq.FuzzyTerm(q.fieldname, q.text, boost=q.boost, maxdist=q.maxdist,
                            prefixlength=max(q.prefixlength, 1))
    if isinstance(q, (wq.TermRange, wq.NumericRange)) and q.fieldname != "date":
        # A range over words, titles or outlets expands to every term between its ends:
        # "[ TO z]" meant the whole vocabulary (1.2-5.7 s a search), and means nothing useful.
        raise QueryError("ranges [a TO b] work on dates only, e.g. date:[2021-02-01 TO 2021-02-07]")
    if isinstance(q, wq.TermRange):
        return _date_range(q)
    if isinstance(q, wq.Term) and q.fieldname == "date":
        # date:2021-02 means the whole month (a range with equal ends arrives as a Term too).
        return _date_range(wq.TermRange("date", q.text, q.text))
    if q.is_leaf():
        return q
    return q.apply(_bounded)


def _date_range(q: wq.TermRange) -> wq.Query:
    for bound in (q.start, q.end):
        if bound and not _real_date(bound):
            raise QueryError(f"date bound {bound!r} must look like 2021, 2021-02 or 2021-02-05 "
                             "and be a real date")
    # "2021-02" as an end bound means "until the end of February": every longer date sorts
    # before "2021-02~".
    end = q.end + "~" if q.end and len(q.end) < 10 else q.end
    return wq.TermRange("date", q.start, end, startexcl=q.startexcl, endexcl=q.endexcl)


def _real_date(bound: str) -> bool:
    """A year, a year and month, or a whole date that exists: 2016-13 and 2021-02-30 found
    nothing, silently, so they are refused as the typos they are."""
    if not _DATE_BOUND.match(bound):
        return False
    parts = [int(p) for p in bound.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def date_filter(since: str | None, until: str | None) -> wq.Query | None:
    """``--since``/``--until`` as a query on the ISO date field."""
    if not since and not until:
        return None
    for bound in (since, until):
        if bound and not _real_date(bound):
            raise QueryError(f"date {bound!r} must look like 2021, 2021-02 or 2021-02-05 and be a "
                             "real date")
    return _date_range(wq.TermRange("date", since or None, until or None))

