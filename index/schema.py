"""The Whoosh schema and the mapping from an article's paragraph to an index document.

One document per paragraph. Fields that users query carry analyzers; fields that only come
back with a hit are stored; exact-valued fields used for facets and filters are ``ID``/
``KEYWORD`` so their posting lists double as precomputed facet sets.
"""

from __future__ import annotations

import json
from typing import Any

from whoosh import columns, fields
from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemmingAnalyzer

from .models import TITLE_PARAGRAPH, Article, Claim, Paragraph
from .neardup import pack

# Bump when fields change or what they hold does (claims): an index made by another version is
# rebuilt, never misread. 4: headline claims and claims with no source. 5: sources with their
# descriptions; the frequent-word arrays (frequent.py) are written with every commit.
# 6: near-duplicate sketches in a column, no band terms. 7: paragraphs split at single line
# breaks that end sentences. 8: each article's metadata provenance; an unknown outlet is the
# article's own label. 9: speaker names as refined since (a parenthetical anywhere in a source,
# page labels, one organisation word list): an index of 8 would mix two spellings of a speaker.
# 10: speakers merged by the articles naming them (not their claims), "she" never a lowercase
# body, prepositions end a name.
SCHEMA_VERSION = 10

TEXT_ANALYZER = StemmingAnalyzer()
# Names (outlets, speakers) are matched word by word, unstemmed: outlet:hill, speaker:yang.
NAME_ANALYZER = RegexTokenizer() | LowercaseFilter()


def build_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        article_id=fields.ID(stored=True, sortable=True),
        path=fields.ID(stored=True),
        file_hash=fields.STORED(),
        text=fields.TEXT(analyzer=TEXT_ANALYZER, stored=True, phrase=True),
        title=fields.TEXT(analyzer=TEXT_ANALYZER, stored=True, field_boost=2.0),
        outlet=fields.TEXT(analyzer=NAME_ANALYZER, phrase=True),
        outlet_name=fields.ID(stored=True),
        author=fields.TEXT(analyzer=NAME_ANALYZER, stored=True),
        date=fields.ID(stored=True, sortable=True),
        url=fields.STORED(),
        provenance=fields.STORED(),
        tags=fields.KEYWORD(stored=True, commas=True, lowercase=True),
        topic=fields.KEYWORD(stored=True, commas=True, lowercase=True),
        speaker=fields.TEXT(analyzer=NAME_ANALYZER, phrase=True),
        speaker_name=fields.KEYWORD(commas=True, stored=True),
        claims=fields.STORED(),
        # One term per value, not eight: only paragraph 1 is ever looked up by number.
        paragraph=fields.NUMERIC(stored=True, sortable=True, shift_step=32),
        paragraphs=fields.STORED(),
        heading=fields.STORED(),
        start=fields.STORED(),
        end=fields.STORED(),
        # Web pages and feed entries: the extracted text offsets refer to (first paragraph only).
        source_text=fields.STORED(),
        # Near-duplicate copies (see neardup.py): the packed sketch, the cluster key.
        dup_sketch=fields.COLUMN(columns.VarBytesColumn()),
        dup_key=fields.ID(stored=True, sortable=True),
    )


def paragraph_document(article: Article, paragraph: Paragraph, topics: tuple[str, ...], *,
                       sketch: tuple[int, ...] | None = None) -> dict[str, Any]:
    """The Whoosh document for one paragraph, but for its claims and cluster key (``claim_fields``,
    ``dup_key``): those wait for speakers to be merged across articles and for the copies
    already indexed, the rest is made in the parse workers. Ids are article id + number."""
    pid = paragraph_id(article.id, paragraph.number)
    extra: dict[str, Any] = {"dup_key": pid}
    if sketch:
        extra["dup_sketch"] = pack(sketch)
    if article.source_text and paragraph.number == 1:
        extra["source_text"] = article.source_text
    return article_fields_once(extra | {
        "id": pid,
        "article_id": article.id,
        "path": article.path,
        "file_hash": article.file_hash,
        "text": paragraph.text,
        "title": article.title,
        "outlet": article.outlet,
        "outlet_name": article.outlet,
        "author": article.author,
        "date": article.date,
        "url": article.url,
        "provenance": json.dumps(dict(article.provenance)) if article.provenance else "",
        "tags": ",".join(article.tags),
        "topic": ",".join(topics),
        "paragraph": paragraph.number,
        "paragraphs": len(article.paragraphs),
        "heading": paragraph.heading,
        "start": paragraph.start,
        "end": paragraph.end,
    })


def claim_fields(article: Article, paragraph: Paragraph) -> dict[str, Any]:
    """The paragraph's claims and who makes them, as stored and indexed."""
    # The headline's claims ride with paragraph 1, the document that carries the title.
    claims = [c for c in article.claims if c.paragraph == paragraph.number
              or (paragraph.number == 1 and c.paragraph == TITLE_PARAGRAPH)]
    speakers = sorted({c.speaker for c in claims if c.speaker})  # "": no source named
    return {
        "speaker": " \n ".join(speakers),
        "speaker_name": ",".join(s.replace(",", " ") for s in speakers),
        "claims": json.dumps([claim_to_json(c) for c in claims], ensure_ascii=False),
    }


# Searchable article-level text, indexed with the article's first paragraph only: repeating
# it on every paragraph made a sixth of all postings (and of indexing time). A match on one of
# these fields stands for every paragraph of the article (see ``matching.py``).
ARTICLE_FIELDS = ("title", "outlet", "author")


def article_fields_once(doc: dict[str, Any]) -> dict[str, Any]:
    """Leave the article fields indexed on paragraph 1 only; later paragraphs still store
    the title and author for display (Whoosh's ``_stored_<field>``)."""
    if doc.get("paragraph") == 1:
        return doc
    for name in ARTICLE_FIELDS:
        if name in doc:
            if _STORED_ARTICLE_FIELDS.get(name):
                doc[f"_stored_{name}"] = doc[name]
            doc[name] = ""
    return doc


_STORED_ARTICLE_FIELDS = {name: build_schema()[name].stored for name in ARTICLE_FIELDS}


def paragraph_id(article_id: str, number: int) -> str:
    return f"{article_id}-{number}"


def claim_to_json(claim: Claim) -> dict[str, Any]:
    return {
        "speaker": claim.speaker,
        "cue": claim.cue,
        "content": claim.content,
        "kind": claim.kind,
        "speaker_kind": claim.speaker_kind,
        "source_text": claim.source_text,
        "confidence": round(claim.confidence, 2),
        "source": [list(s) for s in claim.source_spans],
        "cue_spans": [list(s) for s in claim.cue_spans],
        "content_spans": [list(s) for s in claim.content_spans],
    }
