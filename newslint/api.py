"""The library API: lint or fix one record (a dict) at a time, exactly as the CLI would.

Everything here is the run's (``newslint.run.Run``, which the API calls ``Settings``):
a record is serialised as one JSON object and checked as the file ``record.json`` by
the same reader, rules, per-record settings and fixer the CLI uses, so results cannot
drift from the CLI's.  The result types are the engine's own (``newslint.diagnostics``),
in field coordinates; every value here pickles, so a process pool, Ray or datatrove can
ship settings, records and results between workers.

``lint_batch`` and ``fix_batch`` take many records at once (a pandas ``DataFrame``, an Arrow
``Table`` or ``RecordBatch``, a dict of columns as HuggingFace's batched ``map`` passes
it, or an iterable of dicts) and run each row through ``lint_record``/``fix_record``: the
settings are resolved once per batch, and a row that cannot be checked gets an error
entry instead of stopping the batch.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from newslint import pickled_by_name
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
    "BatchFixResult",
    "BatchResult",
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
    "fix_batch",
    "fix_record",
    "fix_text",
    "is_missing",
    "lint_batch",
    "lint_record",
    "lint_text",
]

# A function that uses this module pickles it by name (HuggingFace ``datasets`` hashes
# ``map`` functions with dill, which would copy the module's namespace: see ``newslint``).
pickled_by_name(__name__)

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


def _too_deep(exc: RecursionError) -> RecordError:
    """A record nested deeper than Python recurses (``json.dumps`` gives up) is a bad record,
    not a crash: one row of a batch must not stop the others."""
    return RecordError(f"record cannot be checked: {exc}")


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
    return _lint(run, _dataset_names(run), record, drop_missing)


def _lint(run: Run, names: Mapping[str, str], record: Any, drop_missing: bool) -> list[Diagnostic]:
    """``lint_record`` with the settings and their field names resolved (once per batch)."""
    try:
        found = run.lint_record(_as_record(record), drop_missing=drop_missing)
    except RecursionError as exc:
        raise _too_deep(exc) from None
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
    return _fix(run, _dataset_names(run), record, unsafe, drop_missing)


def _fix(
    run: Run, names: Mapping[str, str], record: Any, unsafe: bool | None, drop_missing: bool
) -> FixResult:
    """``fix_record`` with the settings and their field names resolved (once per batch)."""
    try:
        result = run.fix_record(_as_record(record), unsafe, drop_missing=drop_missing)
    except RecursionError as exc:
        raise _too_deep(exc) from None
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


# -- batches: many records, one set of settings ---------------------------------------------------


@dataclass(frozen=True)
class BatchResult:
    """What ``lint_batch`` found: one entry per row, in the batch's row order."""

    diagnostics: list[list[Diagnostic]]
    """Each row's problems (``lint_record``'s; empty for a row that could not be checked)."""
    errors: list[str | None]
    """Why a row could not be checked (``row 3: a record must be a dict, not NoneType``), or None."""

    @property
    def problems(self) -> int:
        """How many problems were found in all rows."""
        return sum(map(len, self.diagnostics))

    @property
    def failed(self) -> int:
        """How many rows could not be checked."""
        return sum(error is not None for error in self.errors)

    def as_dicts(self) -> list[list[dict[str, Any]]]:
        """Each row's problems as ``Diagnostic.as_dict()`` dicts: a column for a data frame."""
        return [as_dicts(found) for found in self.diagnostics]


@dataclass(frozen=True)
class BatchFixResult:
    """What ``fix_batch`` did: the fixed batch and, per row, the fixes and what is left."""

    batch: Any
    """The batch with the fixes applied, of the input's kind: a ``DataFrame`` with the same
    index, columns and dtypes, an Arrow table or record batch with the same schema, a dict
    of the same columns, or a list of dicts.  Only values a fix changed are new."""
    fixed: list[tuple[Diagnostic, ...]]
    """Each row's applied fixes (``FixResult.fixed``)."""
    remaining: list[tuple[Diagnostic, ...]]
    """Each row's problems left after fixing (``FixResult.remaining``)."""
    errors: list[str | None]
    """Why a row could not be fixed (the row is left as it was), or None."""
    warnings: list[tuple[str, ...]]
    """Each row's refused or unsettled fixes (``FixResult.warnings``)."""

    @property
    def applied(self) -> int:
        """How many fixes were applied in all rows."""
        return sum(map(len, self.fixed))

    @property
    def changed(self) -> int:
        """How many rows a fix changed."""
        return sum(1 for found in self.fixed if found)

    @property
    def problems(self) -> int:
        """How many problems are left in all rows."""
        return sum(map(len, self.remaining))

    @property
    def failed(self) -> int:
        """How many rows could not be fixed."""
        return sum(error is not None for error in self.errors)


def _loaded_type(module: str, name: str) -> type | None:
    """``module.name`` if ``module`` is loaded: a batch from pandas or pyarrow means the
    caller has imported it, so neither is ever imported here."""
    loaded = sys.modules.get(module)
    found = getattr(loaded, name, None) if loaded is not None else None
    return found if isinstance(found, type) else None


def _kind(batch: Any) -> str:
    """What the batch is: ``pandas``, ``arrow``, ``columns`` (a dict of lists) or ``rows``."""
    frame = _loaded_type("pandas", "DataFrame")
    if frame is not None and isinstance(batch, frame):
        return "pandas"
    for name in ("Table", "RecordBatch"):
        arrow = _loaded_type("pyarrow", name)
        if arrow is not None and isinstance(batch, arrow):
            return "arrow"
    if isinstance(batch, Mapping):
        return "columns"
    if isinstance(batch, (str, bytes, bytearray)) or not isinstance(batch, Iterable):
        raise TypeError(
            "a batch must be a pandas DataFrame, an Arrow Table or RecordBatch, a dict of "
            f"columns or an iterable of dicts, not {type(batch).__name__}"
        )
    return "rows"


def _unique(names: Sequence[Any]) -> None:
    """A row is a dict: two columns of one name would silently become one."""
    seen: set[Any] = set()
    for name in names:
        if name in seen:
            raise TypeError(f"the batch has two columns named {name!r}: a row cannot hold both")
        seen.add(name)


def _columns(batch: Mapping[Any, Any]) -> None:
    """Check a dict of columns (HuggingFace's batched ``map``): lists of one length."""
    lengths = set()
    for name, column in batch.items():
        if isinstance(column, (str, bytes, Mapping)) or not hasattr(column, "__len__"):
            raise TypeError(
                f"a batch given as a dict maps each column to a list of values; {name!r} holds "
                f"a {type(column).__name__} (for one record, use lint_record or fix_record)"
            )
        lengths.add(len(column))
    if len(lengths) > 1:
        raise TypeError(
            f"the batch's columns differ in length ({', '.join(map(str, sorted(lengths)))})"
        )


def _rows(batch: Any, kind: str) -> tuple[list[Any], list[Any]]:
    """The batch's rows (as ``lint_record`` takes them) and each row's label for errors."""
    if kind == "pandas":
        _unique(list(batch.columns))
        return batch.to_dict("records"), list(batch.index)
    if kind == "arrow":
        _unique(batch.column_names)
        rows: list[Any] = batch.to_pylist()
    elif kind == "columns":
        _columns(batch)
        names = list(batch.keys())
        values = [list(batch[name]) for name in names]
        rows = [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)]
    else:
        rows = list(batch)
    return rows, list(range(len(rows)))


def lint_batch(
    batch: Any, settings: Run | None = None, *, drop_missing: bool = True
) -> BatchResult:
    """Each row's problems, as ``lint_record`` finds them, in the batch's row order.

    ``batch``: a pandas ``DataFrame``, an Arrow ``Table`` or ``RecordBatch``, a dict of
    columns (``{"title": [...], "body": [...]}``, as HuggingFace's batched ``map`` passes
    it) or an iterable of dicts.  ``drop_missing`` (on, since frames and tables hold an
    absent field as None, NaN or NA) is ``lint_record``'s.  A row that cannot be checked
    (None, bytes, a value JSON cannot hold) gets an error entry and no diagnostics; the
    rest of the batch is checked.  ``frame["newslint"] = lint_batch(frame).as_dicts()``
    adds a column.
    """
    run = _settings(settings)
    names = _dataset_names(run)
    rows, labels = _rows(batch, _kind(batch))
    diagnostics: list[list[Diagnostic]] = []
    errors: list[str | None] = []
    for row, label in zip(rows, labels, strict=True):
        try:
            diagnostics.append(_lint(run, names, row, drop_missing))
        except RecordError as exc:
            diagnostics.append([])
            errors.append(f"row {label}: {exc}")
        else:
            errors.append(None)
    return BatchResult(diagnostics, errors)


def fix_batch(
    batch: Any,
    settings: Run | None = None,
    unsafe: bool | None = None,
    *,
    drop_missing: bool = True,
) -> BatchFixResult:
    """The batch with each row fixed as ``fix_record`` fixes it, and what each row's fixes did.

    The fixed batch is of the input's kind and shape (see ``BatchFixResult.batch``): only
    the text columns a fix changed are rebuilt, with their types; every other column is
    the input's own.  A fix that moves text into a field the batch has no column for (a
    promo moved to ``related``) drops it, as ``fix_text`` does: give the batch a
    ``related`` column (of lists) to keep it.  A row that cannot be fixed keeps its values
    and gets an error entry; the input is never changed.
    """
    run = _settings(settings)
    names = _dataset_names(run)
    kind = _kind(batch)
    rows, labels = _rows(batch, kind)
    results: list[FixResult | None] = []
    errors: list[str | None] = []
    for row, label in zip(rows, labels, strict=True):
        try:
            results.append(_fix(run, names, row, unsafe, drop_missing))
        except RecordError as exc:
            results.append(None)
            errors.append(f"row {label}: {exc}")
        else:
            errors.append(None)
    return BatchFixResult(
        _rebuilt(batch, kind, rows, results),
        [result.fixed if result is not None else () for result in results],
        [result.remaining if result is not None else () for result in results],
        errors,
        [result.warnings if result is not None else () for result in results],
    )


def _fixed_values(
    name: Any, rows: Sequence[Any], results: Sequence[FixResult | None]
) -> list[Any] | None:
    """The column ``name`` after the fixes, or None if no fix changed a value in it.

    ``fix_record`` keeps every value it did not change as the very object it was, so a
    column no fix touched is found by identity, without comparing its text.
    """
    values: list[Any] = []
    changed = False
    for row, result in zip(rows, results, strict=True):
        before = row.get(name) if isinstance(row, Mapping) else None
        if result is None:
            values.append(before)
            continue
        after = result.record.get(name, before)
        changed = changed or after is not before
        values.append(after)
    return values if changed else None


def _rebuilt(batch: Any, kind: str, rows: list[Any], results: Sequence[FixResult | None]) -> Any:
    """The batch of ``kind`` with the fixed values; unchanged columns are the input's own."""
    if kind == "rows":
        return [
            result.record if result is not None else row
            for row, result in zip(rows, results, strict=True)
        ]
    if kind == "columns":
        rebuilt: dict[Any, Any] = {}
        for name, column in batch.items():
            values = _fixed_values(name, rows, results)
            rebuilt[name] = column if values is None else values
        return rebuilt
    if kind == "pandas":
        return _pandas_rebuilt(batch, rows, results)
    return _arrow_rebuilt(batch, rows, results)


def _pandas_rebuilt(frame: Any, rows: list[Any], results: Sequence[FixResult | None]) -> Any:
    """A copy of ``frame`` (index, columns, dtypes) with the changed columns replaced."""
    import pandas as pd  # type: ignore[import-untyped,import-not-found,unused-ignore]

    fixed = frame.copy(deep=False)
    for position, name in enumerate(frame.columns):
        values = _fixed_values(name, rows, results)
        if values is None:
            continue
        original = frame.iloc[:, position]
        dtype = original.dtype
        if isinstance(dtype, pd.CategoricalDtype):
            # The fixed text is not among the categories: they are the column's values.
            column = pd.Series(values, index=frame.index, name=name, dtype="category")
        else:
            try:
                column = pd.Series(values, index=frame.index, name=name, dtype=dtype)
            except (TypeError, ValueError):
                column = pd.Series(values, index=frame.index, name=name, dtype=object)
        fixed.isetitem(position, column)
    return fixed


def _arrow_rebuilt(table: Any, rows: list[Any], results: Sequence[FixResult | None]) -> Any:
    """``table`` (a ``Table`` or ``RecordBatch``) with the changed columns rebuilt, same schema."""
    import pyarrow as pa  # type: ignore[import-untyped,import-not-found,unused-ignore]

    arrays = []
    for position, name in enumerate(table.column_names):
        values = _fixed_values(name, rows, results)
        original = table.column(position)
        arrays.append(
            original if values is None else pa.array(values, type=table.schema.field(position).type)
        )
    return type(table).from_arrays(arrays, schema=table.schema)
