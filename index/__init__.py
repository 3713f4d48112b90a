"""briefing's index: ingestion, claims, topics, the Whoosh index and the search API.

This package never imports Textual or Rich; the TUI and the CLI use only what is exported here.

Typical use::

    from pathlib import Path
    import index

    ix = index.open_index(index.default_index_dir())      # builds from the seeds if missing
    ix.update([Path("articles/")])                         # incremental; returns an IndexReport
    result = index.search(ix, "taiwan", topics=["Human rights"], limit=20)
    for hit in result.hits:
        print(hit.outlet, hit.date, hit.text)
    print(result.total, result.facets["outlet"], result.suggestion)
"""

from .claims import claim_record
from .errors import BriefingError, IndexBusy, IndexDamaged, IndexMissing, QueryError
from .export import FORMATS as EXPORT_FORMATS
from .export import render as render_briefing
from .feeds import SUMMARY_TAG as FEED_SUMMARY_TAG
from .ingest import IngestError, extract_claims, load_path
from .models import Article, Claim, Paragraph, Skipped
from .overview import (
    TopicCount,
    TopicSuggestion,
    index_stats,
    speaker_counts,
    suggest_topics,
    topic_counts,
)
from .paths import bundled_seeds_dir, default_index_dir
from .search import (
    Fragment,
    Hit,
    ParagraphContext,
    SearchResult,
    facet_values,
    find_paragraphs,
    get_article,
    get_paragraph,
    list_articles,
    related,
    search,
)
from .spans import ClaimMark, claim_marks
from .store import BriefingIndex, IndexReport, build_index, configured_topics, open_index
from .textnorm import sanitize_display
from .topics import TopicError, TopicSet

__all__ = [
    "EXPORT_FORMATS",
    "FEED_SUMMARY_TAG",
    "Article",
    "BriefingError",
    "BriefingIndex",
    "Claim",
    "ClaimMark",
    "Fragment",
    "Hit",
    "IndexBusy",
    "IndexDamaged",
    "IndexMissing",
    "IndexReport",
    "IngestError",
    "Paragraph",
    "ParagraphContext",
    "QueryError",
    "SearchResult",
    "Skipped",
    "TopicCount",
    "TopicError",
    "TopicSet",
    "TopicSuggestion",
    "build_index",
    "bundled_seeds_dir",
    "claim_marks",
    "claim_record",
    "configured_topics",
    "default_index_dir",
    "extract_claims",
    "facet_values",
    "find_paragraphs",
    "get_article",
    "get_paragraph",
    "index_stats",
    "list_articles",
    "load_path",
    "open_index",
    "related",
    "render_briefing",
    "sanitize_display",
    "search",
    "speaker_counts",
    "suggest_topics",
    "topic_counts",
]
