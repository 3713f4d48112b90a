"""The array evaluator must agree with Whoosh: same postings, same matches, same BM25F scores.

The corpus is generated so that words have many frequencies, documents many lengths, postings
span several blocks, rare words are inlined in the term info, and the index has two segments
and deleted documents (an update replaces a few files without optimising).
"""

from __future__ import annotations

import importlib

import numpy as np
import pytest
from whoosh import query as wq

import index
from index.doctable import doc_table
from index.matching import Matches, evaluate, ranked
from index.postings import read_postings
from index.query import parse_query

_search = importlib.import_module("index.searching")

def test_the_fixture_has_deletions_and_several_segments(generated_index):
    with generated_index.lock:
        searcher = generated_index.searcher()
        assert len(searcher.leaf_searchers()) > 1
        assert doc_table(searcher).has_deletions


def test_postings_match_whooshs_matchers_for_every_term(generated_index):
    with generated_index.lock:
        searcher = generated_index.searcher()
        table = doc_table(searcher)
        checked = 0
        for field in ("text", "outlet_name", "topic"):
            for word in searcher.lexicon(field):
                postings = read_postings(searcher, field, word)
                live = table.live[postings.ids]
                expected_ids, expected_weights = [], []
                for leaf, offset in searcher.leaf_searchers():
                    if (field, word) not in leaf.reader():
                        continue
                    matcher = leaf.reader().postings(field, word)
                    while matcher.is_active():
                        expected_ids.append(matcher.id() + offset)
                        expected_weights.append(matcher.weight())
                        matcher.next()
                assert postings.ids[live].tolist() == expected_ids, (field, word)
                assert np.allclose(postings.weights[live], expected_weights)
                checked += 1
        assert checked > 50


def test_postings_read_within_candidates_keep_every_candidate(generated_index):
    """Blocks without a candidate are skipped; every candidate's posting is still there."""
    with generated_index.lock:
        searcher = generated_index.searcher()
        full = read_postings(searcher, "text", "alpha")
        rare = np.array([full.ids[2], full.ids[-3]])  # two candidates, far apart
        part = read_postings(searcher, "text", "alpha", within=rare)
        assert len(part) < len(full)
        assert set(part.ids.tolist()) <= set(full.ids.tolist())
        assert set(np.intersect1d(full.ids, rare).tolist()) <= set(part.ids.tolist())


QUERIES = ["alpha", "papa", "golf hotel", "alpha bravo charlie", "kilo OR lima",
           "(mike OR oscar) AND alpha", "alpha NOT bravo", "bravo ANDMAYBE papa",
           "topic:elections", "nothingatall", "oscar OR nothingatall",
           "date:[2016-02 TO 2016-04]", "echo date:2016-03", "unique5*", "hotle~",
           "alpha^3 bravo", "papa alpha*", "papa (alpha OR bravo) NOT charlie",
           '"alpha bravo" papa']


@pytest.mark.parametrize("text", QUERIES)
def test_matches_and_scores_agree_with_whoosh(generated_index, text):
    with generated_index.lock:
        searcher = generated_index.searcher()
        q = _search._expand(parse_query(text), searcher)
        found = evaluate(searcher, doc_table(searcher), q)
        expected = {hit.docnum: hit.score for hit in searcher.search(q, limit=None)}
        assert found.ids.tolist() == sorted(expected), text
        assert np.allclose(found.scores, [expected[d] for d in found.ids.tolist()]), text
        best = ranked(found)[:10].tolist()
        whoosh_best = [hit.docnum for hit in searcher.search(q, limit=10)]
        assert [round(expected[d], 6) for d in best] == [round(expected[d], 6)
                                                           for d in whoosh_best]


@pytest.mark.parametrize(("text", "article_text"), [
    ("outlet:hill", "outlet:hill"), ("title:budget", "title:budget"),
    ('title:"senate report"', 'title:"senate report"'), ("alpha title:border", "title:border"),
    ("outlet:hill NOT alpha", "outlet:hill")])
def test_article_fields_match_every_paragraph_of_their_article(generated_index, text,
                                                               article_text):
    """Titles, outlets and authors are indexed with paragraph 1 only; Whoosh finds that
    paragraph and briefing answers with the whole article, at the same score."""
    with generated_index.lock:
        searcher = generated_index.searcher()
        table = doc_table(searcher)
        article_part = _search._expand(parse_query(article_text), searcher)
        firsts = {hit.docnum: hit.score for hit in searcher.search(article_part, limit=None)}
        assert firsts and all(searcher.stored_fields(d)["paragraph"] == 1 for d in firsts)
        articles = {searcher.stored_fields(d)["article_id"]: s for d, s in firsts.items()}
        article_of = {d: searcher.stored_fields(d)["article_id"]
                      for d in range(table.size) if table.live[d]}
        whole = {d: articles[a] for d, a in article_of.items() if a in articles}
        found = evaluate(searcher, table, article_part)
        assert found.ids.tolist() == sorted(whole)
        assert np.allclose(found.scores, [whole[d] for d in found.ids.tolist()])
        everything = evaluate(searcher, table, _search._expand(parse_query(text), searcher))
        assert set(everything.ids.tolist()) <= set(whole)


@pytest.mark.parametrize("text", ['"alpha bravo"', '"bravo alpha"', '"alpha bravo charlie"',
                                  '"golf hotel"~3', '"papa papa"', '"alpha nothingatall"'])
def test_phrases_match_the_same_paragraphs_as_whoosh(generated_index, text):
    with generated_index.lock:
        searcher = generated_index.searcher()
        q = _search._expand(parse_query(text), searcher)
        found = evaluate(searcher, doc_table(searcher), q)
        assert found.ids.tolist() == sorted(q.docs(searcher)), text


def test_search_totals_facets_and_distinct_count_every_match(generated_index):
    result = index.search(generated_index, "alpha", limit=5)
    with generated_index.lock:
        searcher = generated_index.searcher()
        matched = list(parse_query("alpha").docs(searcher))
        outlets: dict[str, int] = {}
        copies = set()
        for docnum in matched:
            stored = searcher.stored_fields(docnum)
            outlets[stored["outlet_name"]] = outlets.get(stored["outlet_name"], 0) + 1
            copies.add(stored["dup_key"])
    assert result.total == len(matched) > 5
    assert result.facets["outlet"] == dict(sorted(outlets.items(), key=lambda kv: -kv[1]))
    assert result.distinct == len(copies) < len(matched)  # short paragraphs repeat
    assert len(result.hits) == 5
    assert [h.score for h in result.hits] == sorted((h.score for h in result.hits), reverse=True)


def test_browsing_lists_newest_articles_first_in_paragraph_order(generated_index):
    hits = index.search(generated_index, "", limit=None).hits
    keys = [(h.date, h.article_id, h.paragraph) for h in hits]
    newest_first = sorted(keys, key=lambda k: (_negated(k[0]), k[1], k[2]))
    assert keys == newest_first
    assert len(hits) == index.search(generated_index, "", limit=1).distinct


def _negated(date: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in date)


def test_highlights_cover_expanded_prefixes(generated_index):
    hit = index.search(generated_index, "unique5", prefix_last=True, limit=1).hits[0]
    assert hit.highlights and "unique5" in hit.highlights[0].text[
        slice(*hit.highlights[0].matches[0])]


def test_unknown_query_types_still_match_through_whoosh(generated_index):
    with generated_index.lock:
        searcher = generated_index.searcher()
        q = wq.NumericRange("paragraph", 2, 3)
        found = evaluate(searcher, doc_table(searcher), q)
        assert found.ids.tolist() == sorted(q.docs(searcher)) != []


def test_seed_search_unchanged_for_users(seed_index):
    result = index.search(seed_index, "Taiwan")
    assert result.total == 3
    assert {h.outlet for h in result.hits} == {"The Hill", "SGH Insight"}



@pytest.mark.parametrize("seed", range(20))
def test_top_clusters_without_a_full_sort_equal_the_full_ranking(seed):
    """Scores with many ties and clusters of copies: the partial ranking must pick exactly the
    clusters, and the paragraph of each, that sorting every match picks."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 3000))
    ids = np.sort(rng.choice(10 * n, size=n, replace=False)).astype(np.int64)
    scores = rng.integers(0, int(rng.integers(1, 50)), size=n).astype(np.float64) / 7
    clusters = rng.integers(0, int(rng.integers(1, 2 * n + 2)), size=10 * n)
    found = Matches(ids, scores)
    order = ranked(found)
    firsts = np.sort(np.unique(clusters[order], return_index=True)[1])  # every match sorted
    for limit in (1, 3, 12, 20, 100, None):
        expected = order[firsts[:limit]].tolist()
        assert _search._first_of_each_copy(order, clusters, limit).tolist() == expected
        assert _search._best_of_each_copy(found, clusters, limit).tolist() == expected
