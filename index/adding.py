"""Adding a paragraph to Whoosh's segment writer with some fields' postings ready-made.

Whoosh's ``SegmentWriter.add_document`` runs every indexed field through its analyzer. The
parse workers already analysed most fields (``analysis.py``), and the writer is one process
that the whole build waits on, so this is the same loop taking those postings as given,
handing each field's postings to the array pool at once, and making ``ID`` fields' single
postings directly. It covers what the briefing schema uses (no term vectors, no separate
spelling fields, no ``_boost`` arguments); ``tests/index/test_pool.py`` checks that the
segments it writes are byte-identical to Whoosh's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from whoosh.analysis import IDTokenizer
from whoosh.fields import FieldType
from whoosh.formats import Existence

from .analysis import Posting


def add_document(writer: Any, fields: Mapping[str, Any],
                 postings: Mapping[str, Iterable[Posting]]) -> None:
    """``writer.add_document(**fields)``, with ``postings[name]`` standing for what field
    ``name``'s analyzer would make of ``fields[name]``."""
    writer._check_state()
    perdoc = writer.perdocwriter
    schema = writer.schema
    docnum = writer.docnum
    add = writer.pool.add_field
    names = sorted(name for name in fields if not name.startswith("_"))
    writer._check_fields(schema, names)
    perdoc.start_doc(docnum)
    try:
        for name in names:
            value = fields[name]
            if value is None:
                continue
            field = schema[name]
            length = 0
            if field.indexed:
                given = postings.get(name)
                if given is None:
                    given = _exact(field, value) or field.index(value)
                length = add(name, docnum, given, field.scorable)
            stored = fields.get(f"_stored_{name}", value)
            perdoc.add_field(name, field, stored if field.stored else None, length)
            if field.column_type and stored is not None:
                perdoc.add_column_value(name, field.column_type, field.to_column_value(stored))
    except Exception:
        perdoc.cancel_doc()
        raise
    perdoc.finish_doc()
    writer._added = True
    writer.docnum += 1


def _exact(field: FieldType, value: Any) -> tuple[Posting, ...] | None:
    """An exact-valued field's one posting, made without the analyzer's token objects: Whoosh
    indexes an ``ID`` field's whole value, even an empty one, as its only term."""
    if (isinstance(value, str) and type(field.analyzer) is IDTokenizer
            and type(field.format) is Existence):
        return ((value.encode("utf-8"), 1, field.format.field_boost, b""),)
    return None
