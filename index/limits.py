"""Nesting limits for the structured text briefing reads: front matter, topic files and saved
sessions.

Python's YAML, TOML and JSON parsers and Whoosh's query parser all recurse once per level of
nesting, so a file of a few thousand brackets ends in ``RecursionError`` (PyYAML already at
500). No real article header, topic or session nests deeper than a handful of levels, so
anything past ``MAX_NESTING`` is refused before it reaches a parser, with a message naming it.
"""

from __future__ import annotations

import re

MAX_NESTING = 32

_BRACKETS = re.compile(r"[\[\]{}]")
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]', re.DOTALL)
_PHRASE_OR_PARENTHESIS = re.compile(r'"[^"]*"?|[()]')


def bracket_depth(text: str) -> int:
    """The deepest ``[``/``{`` nesting in YAML or TOML text.

    Brackets inside quoted values are counted too: that can only overestimate, and only a
    value holding dozens of unclosed brackets would reach the limit because of it.
    """
    return _deepest(match.group() for match in _BRACKETS.finditer(text))


def json_depth(text: str) -> int:
    """The deepest array/object nesting in JSON text; brackets in strings do not count."""
    return _deepest(token for match in _JSON_TOKENS.finditer(text)
                    if (token := match.group())[0] != '"')


def parenthesis_depth(query: str) -> int:
    """The deepest parenthesis nesting in a query; parentheses in "phrases" do not count."""
    return _deepest(token for match in _PHRASE_OR_PARENTHESIS.finditer(query)
                    if (token := match.group())[0] != '"')


def _deepest(tokens) -> int:
    depth = deepest = 0
    for token in tokens:
        if token in "[{(":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(depth - 1, 0)
    return deepest
