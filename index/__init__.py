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

Names are loaded on first use (PEP 562): the TUI paints its first frame while the index
modules (numpy, Whoosh, the claim patterns: 0.3 s) load in its index-opening thread.
"""

from __future__ import annotations

import importlib
from typing import Any

# public name -> (module, name in it)
_EXPORTS: dict[str, tuple[str, str]] = {
    "CheckReport": ("checking", "CheckReport"),
    "check_index": ("checking", "check_index"),
    "repair_index": ("checking", "repair_index"),
    "claim_record": ("claims", "claim_record"),
    "BriefingError": ("errors", "BriefingError"),
    "IndexBusy": ("errors", "IndexBusy"),
    "IndexDamaged": ("errors", "IndexDamaged"),
    "IndexMissing": ("errors", "IndexMissing"),
    "IndexOutdated": ("errors", "IndexOutdated"),
    "QueryError": ("errors", "QueryError"),
    "EXPORT_FORMATS": ("export", "FORMATS"),
    "EXPORT_GROUPINGS": ("export", "GROUPINGS"),
    "render_briefing": ("export", "render"),
    "FEED_SUMMARY_TAG": ("feeds", "SUMMARY_TAG"),
    "IngestError": ("ingest", "IngestError"),
    "extract_claims": ("ingest", "extract_claims"),
    "validated_correction": ("corrections", "validated"),
    "Metadata": ("metadata", "Metadata"),
    "UNKNOWN_OUTLET": ("metadata", "UNKNOWN_OUTLET"),
    "load_path": ("ingest", "load_path"),
    "LedgerCluster": ("ledger", "Cluster"),
    "LedgerClaim": ("ledger", "LedgerClaim"),
    "Ledger": ("ledgerfile", "Ledger"),
    "Story": ("ledgerfile", "Story"),
    "ClaimNote": ("ledgerview", "ClaimNote"),
    "LEDGER_FLAGS": ("ledgerview", "LEDGER_FLAGS"),
    "cluster_json": ("ledgerview", "cluster_json"),
    "load_ledger": ("ledgerview", "load_ledger"),
    "ledger_clusters": ("ledgerview", "ledger_clusters"),
    "paragraph_notes": ("ledgerview", "paragraph_notes"),
    "sourcing_profiles": ("ledgerview", "sourcing_profiles"),
    "list_stories": ("ledgerview", "list_stories"),
    "Article": ("models", "Article"),
    "Claim": ("models", "Claim"),
    "Paragraph": ("models", "Paragraph"),
    "Skipped": ("models", "Skipped"),
    "TopicCount": ("overview", "TopicCount"),
    "TopicSuggestion": ("overview", "TopicSuggestion"),
    "index_stats": ("overview", "index_stats"),
    "speaker_counts": ("overview", "speaker_counts"),
    "suggest_topics": ("overview", "suggest_topics"),
    "topic_counts": ("overview", "topic_counts"),
    "INDEX_ENV": ("paths", "INDEX_ENV"),
    "bundled_seeds_dir": ("paths", "bundled_seeds_dir"),
    "data_dir": ("paths", "data_dir"),
    "default_index_dir": ("paths", "default_index_dir"),
    "Fragment": ("searching", "Fragment"),
    "Hit": ("searching", "Hit"),
    "ParagraphContext": ("searching", "ParagraphContext"),
    "SearchResult": ("searching", "SearchResult"),
    "facet_values": ("searching", "facet_values"),
    "find_paragraphs": ("searching", "find_paragraphs"),
    "get_article": ("searching", "get_article"),
    "get_paragraph": ("searching", "get_paragraph"),
    "list_articles": ("searching", "list_articles"),
    "prepare": ("searching", "prepare"),
    "related": ("searching", "related"),
    "search": ("searching", "search"),
    "SEARCH_SORTS": ("searching", "SORTS"),
    "ClaimMark": ("spans", "ClaimMark"),
    "claim_marks": ("spans", "claim_marks"),
    "BriefingIndex": ("store", "BriefingIndex"),
    "IndexReport": ("store", "IndexReport"),
    "build_index": ("opening", "build_index"),
    "configured_topics": ("store", "configured_topics"),
    "has_index": ("store", "has_index"),
    "open_index": ("opening", "open_index"),
    "rebuild_index": ("opening", "rebuild_index"),
    "recorded_sources": ("integrity", "recorded_sources"),
    "write_failure": ("opening", "write_failure"),
    "clean_input": ("textnorm", "clean_input"),
    "json_text": ("textnorm", "json_text"),
    "MAX_NESTING": ("limits", "MAX_NESTING"),
    "json_depth": ("limits", "json_depth"),
    "sanitize_display": ("textnorm", "sanitize_display"),
    "TopicError": ("topics", "TopicError"),
    "TopicSet": ("topics", "TopicSet"),
}


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f".{module}", __name__), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


__all__ = sorted(_EXPORTS)
