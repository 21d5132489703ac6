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
from dataclasses import replace
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


def _dataset_names(settings: Run) -> dict[str, str]:
    """Schema name -> the dataset's own key, from the settings' ``fields`` (``{"body": "text"}``)."""
    return {schema: dataset for dataset, schema in settings.read_options.field_map.items()}


def _in_dataset_names(diagnostic: Diagnostic, names: Mapping[str, str]) -> Diagnostic:
    """``diagnostic`` with its field, and its fix's edits and appends, named by the dataset's keys.

    The engine and its rules speak the schema's names (``body``); a caller holding the
    dataset's record needs ``record[d.field]`` to be the text ``d.start``/``d.end`` index.
    """
    fix = diagnostic.fix
    if fix is not None and (
        any(e.field in names for e in fix.edits) or any(a.field in names for a in fix.appends)
    ):
        fix = replace(
            fix,
            edits=tuple(replace(e, field=names.get(e.field, e.field)) for e in fix.edits),
            appends=tuple(replace(a, field=names.get(a.field, a.field)) for a in fix.appends),
        )
    field = diagnostic.field
    if field is not None:
        field = names.get(field, field)
    if field == diagnostic.field and fix is diagnostic.fix:
        return diagnostic
    return replace(diagnostic, field=field, fix=fix)


def _as_record(record: Any) -> Any:
    """A pandas ``Series`` (a data frame's row, as ``frame.apply(..., axis=1)`` passes it) as
    the dict it holds; anything else as it is (a non-dict is ``encode_record``'s error)."""
    kind = type(record)
    if kind.__name__ == "Series" and kind.__module__.startswith("pandas"):
        return record.to_dict()
    return record


def lint_record(
    record: Mapping[str, Any], settings: Run | None = None, *, drop_missing: bool = False
) -> list[Diagnostic]:
    """The problems in one record (a dict, or a pandas ``Series`` row), as the CLI finds them.

    With ``fields`` in the settings (``Settings(fields={"body": "text"})``), the record has
    the dataset's keys and the diagnostics name them too: ``record[d.field][d.start:d.end]``
    is the offending text.  With ``drop_missing``, fields holding None, NaN or NA count as
    absent: a data frame or an Arrow table (pandas, HuggingFace datasets, Ray) holds a field
    a record lacks that way, while in JSON a null is a value of the wrong type.  Raises
    ``RecordError`` if the record is not a dict of JSON-serialisable values.
    """
    run = _settings(settings)
    found = run.lint_record(_as_record(record), drop_missing=drop_missing)
    names = _dataset_names(run)
    return [_in_dataset_names(d, names) for d in found] if names else found


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
    Diagnostics name the dataset's keys, as in ``lint_record``.
    """
    run = _settings(settings)
    result = run.fix_record(_as_record(record), unsafe, drop_missing=drop_missing)
    names = _dataset_names(run)
    if not names:
        return result
    return replace(
        result,
        fixed=tuple(_in_dataset_names(d, names) for d in result.fixed),
        remaining=tuple(_in_dataset_names(d, names) for d in result.remaining),
    )


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
    found = run.lint_record({_dataset_names(run).get(field, field): text})
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
    run = _settings(settings)
    key = _dataset_names(run).get(field, field)
    fixed: str = run.fix_record({key: text}, unsafe).record[key]
    return fixed
