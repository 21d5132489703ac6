"""The library API: lint or fix one record (a dict) at a time, exactly as the CLI would.

Everything here is the run's (``newslint.run.Run``, which the API calls ``Settings``):
a record is serialised as one JSON object and checked as the file ``record.json`` by
the same reader, rules, per-record settings and fixer the CLI uses, so results cannot
drift from the CLI's.  The result types are the engine's own (``newslint.diagnostics``),
in field coordinates; every value here pickles, so a process pool, Ray or datatrove can
ship settings, records and results between workers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newslint.config import ConfigError
from newslint.diagnostics import Diagnostic, Edit, Fix, ListAppend
from newslint.records import (
    RECORD_PATH,
    TEXT_FIELDS,
    FixResult,
    RecordError,
    as_dicts,
    encode_record,
    is_missing,
)
from newslint.run import Run

__all__ = [
    "RECORD_PATH",
    "ConfigError",
    "Diagnostic",
    "Edit",
    "Fix",
    "FixResult",
    "ListAppend",
    "RecordError",
    "Run",
    "Settings",
    "as_dicts",
    "encode_record",
    "fix_record",
    "fix_text",
    "is_missing",
    "lint_record",
    "lint_text",
]

Settings = Run
"""Which rules run and how, as in ``[tool.newslint]``: ``Settings(select=["NL1"])``,
``Settings.load("pyproject.toml")``.  The same class as ``newslint.run.Run``."""

_DEFAULT: Run | None = None


def _settings(settings: Run | None) -> Run:
    global _DEFAULT
    if settings is not None:
        if not isinstance(settings, Run):
            raise TypeError(f"settings must be newslint.Settings, not {type(settings).__name__}")
        return settings
    if _DEFAULT is None:
        _DEFAULT = Run()
    return _DEFAULT


def lint_record(
    record: Mapping[str, Any], settings: Run | None = None, *, drop_missing: bool = False
) -> list[Diagnostic]:
    """The problems in one record (a dict with the schema's fields), as the CLI finds them.

    With ``drop_missing``, fields holding None, NaN or NA count as absent: a data frame or
    an Arrow table (pandas, HuggingFace datasets, Ray) holds a field a record lacks that
    way, while in JSON a null is a value of the wrong type.  Raises ``RecordError`` if
    the record is not a dict of JSON-serialisable values.
    """
    return _settings(settings).lint_record(record, drop_missing=drop_missing)


def fix_record(
    record: Mapping[str, Any],
    settings: Run | None = None,
    unsafe: bool | None = None,
    *,
    drop_missing: bool = False,
) -> FixResult:
    """Apply the fixes ``newslint --fix`` would apply to one record (unsafe ones with ``unsafe``).

    ``unsafe=None`` takes the settings' ``unsafe-fixes`` (False by default).  Only the
    fields a fix touched are replaced in the returned record; other values (missing
    ones too, with ``drop_missing``, as in ``lint_record``) stay the very objects they were.
    """
    return _settings(settings).fix_record(record, unsafe, drop_missing=drop_missing)


def _text_field(text: str, field: str) -> None:
    if not isinstance(text, str):
        raise RecordError(f"text must be a str, not {type(text).__name__}")
    if field not in TEXT_FIELDS:
        # A typo ("bdy") would otherwise hide every problem: no rule reads such a field.
        raise RecordError(f"unknown text field {field!r}; expected one of {', '.join(TEXT_FIELDS)}")


def _schema_codes(settings: Run) -> frozenset[str]:
    """The codes of the schema rules (NL001-NL009) ``settings`` run: a lone text has no
    schema (its record lacks a title and a url), and these rules have no fixes."""
    from newslint.rules._schema import SchemaRule

    return frozenset(rule.code for rule in settings.rules if isinstance(rule, SchemaRule))


def lint_text(text: str, field: str = "body", settings: Run | None = None) -> list[Diagnostic]:
    """The problems in one piece of text read as the record's ``field`` (title, body, url, ...).

    Only the text rules' diagnostics about that field are returned: the schema's checks
    (NL001-NL009: a missing title or url, an empty body, a malformed url) need a record.
    """
    _text_field(text, field)
    run = _settings(settings)
    schema = _schema_codes(run)
    found = run.lint_record({field: text})
    return [d for d in found if d.field == field and d.code not in schema]


def fix_text(
    text: str, field: str = "body", settings: Run | None = None, unsafe: bool | None = None
) -> str:
    """``text`` with the fixes ``newslint --fix`` would apply to it as the record's ``field``
    (unsafe ones with ``unsafe``; ``None`` takes the settings' ``unsafe-fixes``).

    The fixes of ``lint_text``'s problems are applied in passes until the text settles, so
    ``fix_text(fix_text(t)) == fix_text(t)``; clean text comes back unchanged.  What a
    fix moves out of the field (a related-article promo, to ``related``) is dropped:
    use ``fix_record`` to keep it.
    """
    _text_field(text, field)
    fixed: str = _settings(settings).fix_record({field: text}, unsafe).record[field]
    return fixed
