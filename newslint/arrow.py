"""The Arrow type of a diagnostics column, shared by the Ray and NeMo Curator integrations.

A list of ``Diagnostic.as_dict()`` structs with every field typed, so that a batch without
any diagnostic or any fix has the same schema as the others (Parquet writers and Ray's
block merges refuse batches whose types differ).  pyarrow is imported on first use: newslint
itself never needs it.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from newslint import pickled_by_name

if TYPE_CHECKING:
    import pyarrow as pa  # type: ignore[import-untyped,import-not-found,unused-ignore]


@cache
def diagnostics_type() -> pa.DataType:
    """``list<struct<code, name, message, severity, field, start, end, snippet, fix>>``."""
    import pyarrow as pa

    edit = pa.struct(
        [
            ("field", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("content", pa.string()),
        ]
    )
    append = pa.struct([("field", pa.string()), ("value", pa.string())])
    fix = pa.struct(
        [
            ("applicability", pa.string()),
            ("message", pa.string()),
            ("edits", pa.list_(edit)),
            ("appends", pa.list_(append)),
        ]
    )
    return pa.list_(
        pa.struct(
            [
                ("code", pa.string()),
                ("name", pa.string()),
                ("message", pa.string()),
                ("severity", pa.string()),
                ("field", pa.string()),
                ("start", pa.int64()),
                ("end", pa.int64()),
                ("snippet", pa.string()),
                ("fix", fix),
            ]
        )
    )


pickled_by_name(__name__)  # pickles as its name (dill, HF datasets: see newslint/__init__.py)
