"""Adding a paragraph to Whoosh's segment writer with some fields' postings ready-made.

Whoosh's ``SegmentWriter.add_document`` runs every indexed field through its analyzer. The
parse workers already analysed the text (``analysis.py``), and the writer is one process that
the whole build waits on, so this is the same loop taking those postings as given. It covers
what the briefing schema uses (no term vectors, no separate spelling fields, no ``_boost``
arguments); ``tests/index/test_pool.py`` compares its segments with Whoosh's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .analysis import Posting


def add_document(writer: Any, fields: Mapping[str, Any],
                 postings: Mapping[str, Iterable[Posting]]) -> None:
    """``writer.add_document(**fields)``, with ``postings[name]`` standing for what field
    ``name``'s analyzer would make of ``fields[name]``."""
    writer._check_state()
    perdoc = writer.perdocwriter
    schema = writer.schema
    docnum = writer.docnum
    add = writer.pool.add
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
                scorable = field.scorable
                for text, frequency, weight, encoded in (
                        field.index(value) if given is None else given):
                    if scorable:
                        length += frequency
                    add((name, text, docnum, weight, encoded))
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
