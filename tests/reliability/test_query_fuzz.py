"""No query string crashes a search, and no pattern can expand without bound."""

from __future__ import annotations

import contextlib
import sys

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from whoosh import query as wq

import index
from index.query import parse_query

PIECES = [*'abcty "()*?~:[]-^\\/{}!+,.',
    "AND ", "OR ", "NOT ", "title:", "date:", "speaker:", "outlet:", "topic:", "foo:",
    "\x1b]52;", "\x00", "\x9b", "é", "\u202e", "[/]", "[@click=app.quit]", "taiwan", "2021-02",
    "TO", "~2", "~9", "*", "\ud800",
]
queries = st.lists(st.sampled_from(PIECES), max_size=20).map("".join) | st.text(max_size=60)


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=queries, prefix=st.booleans(), lenient=st.booleans())
@example(text="x" * 5000, prefix=False, lenient=False)
@example(text="(" * 400, prefix=True, lenient=True)
@example(text='"' * 3, prefix=True, lenient=True)
@example(text="a* b* c* d* e*", prefix=False, lenient=False)
def test_any_query_either_runs_or_is_refused_with_a_message(seed_index, text, prefix, lenient):
    try:
        result = index.search(seed_index, text, prefix_last=prefix, lenient=lenient, limit=5)
    except index.QueryError as exc:
        assert str(exc) and "\x1b" not in str(exc)
        return
    assert result.total >= len(result.hits)


@settings(derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=200))
def test_random_bytes_as_a_query(seed_index, data):
    with contextlib.suppress(index.QueryError):
        index.search(seed_index, data.decode("latin-1"))


def test_patterns_expand_to_a_bounded_number_of_words(seed_index):
    expand = sys.modules["index.searching"]._expand
    limit = sys.modules["index.searching"].MAX_EXPANSIONS
    with seed_index.lock:
        searcher = seed_index.searcher()
        for text in ("t*", "c*", "s?a*", "a*", "the*"):
            capped = expand(parse_query(text), searcher)
            terms = [q for q in capped.leaves() if isinstance(q, wq.Term)]
            assert not any(isinstance(q, (wq.Prefix, wq.Wildcard)) for q in capped.leaves())
            assert len(terms) <= limit, text


def test_fuzzy_terms_are_bounded(seed_index):
    fuzzy = [q for q in parse_query("taiwn~2").leaves() if isinstance(q, wq.FuzzyTerm)]
    assert fuzzy and all(q.maxdist <= 2 and q.prefixlength >= 1 for q in fuzzy)


def test_operator_runs_are_refused_with_a_message(seed_index):
    """Found by the fuzzer: Whoosh's parser raised IndexError on "NOT AND a"."""
    for text in ("NOT AND a", "a OR AND b", "a AND OR b"):
        try:
            index.search(seed_index, text)
        except index.QueryError as exc:
            assert "operators in a row" in str(exc)
        else:
            raise AssertionError(text)
