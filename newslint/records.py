"""Records (dicts) as newslint reads them: one JSON object, as a ``.json`` file would hold it.

The library API, Ray and datatrove hand newslint records, not files; each record is
serialised here and read by the same JSON reader as a file, so its results are the
CLI's.  ``FixResult`` is what fixing one record gives back.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from newslint import pickled_by_name
from newslint.diagnostics import Diagnostic

RECORD_PATH = "record.json"
"""The name a record is checked under: its format (one JSON object) comes from it."""

TEXT_FIELDS = ("title", "byline", "published", "url", "caption", "body")
"""The fields ``lint_text`` can read a lone text as."""


class RecordError(ValueError):
    """A record that cannot be checked (not a dict, or not serialisable as JSON)."""


@dataclass(frozen=True)
class FixResult:
    """What fixing a record did: the fixed record, the fixes applied and the problems left."""

    record: dict[str, Any]
    """The record with the fixes applied (a new dict; the input is never changed)."""
    fixed: tuple[Diagnostic, ...] = ()
    """The problems whose fixes were applied, with offsets into the text of the fix pass that
    applied them (fixes run in passes until the record settles, as with ``--fix``)."""
    remaining: tuple[Diagnostic, ...] = ()
    """The problems left in the fixed record (offsets into the fixed record's fields)."""
    warnings: tuple[str, ...] = ()
    """Fixes that were refused or kept changing the text (as the CLI warns)."""

    @property
    def changed(self) -> bool:
        return bool(self.fixed)

    def as_dict(self) -> dict[str, Any]:
        return {
            "record": self.record,
            "fixed": [d.as_dict() for d in self.fixed],
            "remaining": [d.as_dict() for d in self.remaining],
            "warnings": list(self.warnings),
        }


def _json_default(value: Any) -> Any:
    """JSON for the values data frames hold: numpy scalars and arrays, dates, tuples."""
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if hasattr(value, "tolist"):  # numpy arrays and scalars, pyarrow scalars
        return value.tolist()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _check_floats(value: Any) -> None:
    """JSON has no NaN: a missing value from a data frame must be dropped, not sent as NaN."""
    if isinstance(value, float) and not math.isfinite(value):
        raise RecordError(
            f"a field holds {value!r}, which JSON cannot hold (drop missing values first)"
        )


def encode_record(record: Mapping[str, Any]) -> bytes:
    """The record as one JSON object, as a ``.json`` file would hold it (raw UTF-8).

    A lone surrogate (from a JSON escape) cannot be UTF-8: such a record is written with
    ASCII escapes instead, as the file it came from must have been.
    """
    if not isinstance(record, Mapping):
        raise RecordError(f"a record must be a dict, not {type(record).__name__}")
    for value in record.values():
        _check_floats(value)
    try:
        text = json.dumps(dict(record), ensure_ascii=False, default=_json_default, allow_nan=False)
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError:
            return json.dumps(
                dict(record), ensure_ascii=True, default=_json_default, allow_nan=False
            ).encode("ascii")
    except (TypeError, ValueError, RecursionError) as exc:  # RecursionError: nested too deeply
        raise RecordError(f"record is not serialisable as JSON: {exc}") from None


def is_missing(value: Any) -> bool:
    """None, NaN, and pandas' NA and NaT: how data frames and Arrow tables hold an absent field."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def without_missing(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record without the fields that hold a missing value (see ``is_missing``)."""
    return {key: value for key, value in record.items() if not is_missing(value)}


def merge_fixed(record: Mapping[str, Any], before: bytes, after: bytes) -> dict[str, Any]:
    """``record`` with the fields that the fix changed between the two JSON texts replaced;
    other values stay the very objects they were."""
    old, new = json.loads(before), json.loads(after)
    fixed = dict(record)
    for key, value in new.items():
        if key not in old or old[key] != value:
            fixed[key] = value
    return fixed


def as_dicts(diagnostics: Any) -> list[dict[str, Any]]:
    """``[d.as_dict() for d in diagnostics]``: a JSON-safe column value."""
    return [d.as_dict() for d in diagnostics]


pickled_by_name(__name__)  # pickles as its name (dill, HF datasets: see newslint/__init__.py)
