"""NeMo Curator integration (``pip install 'newslint[nemo-curator]'``): newslint as Curator stages.

Curator (``nemo_curator`` 1.x, the ``ProcessingStage`` API) moves text as ``DocumentBatch``
tasks, each holding a pandas ``DataFrame`` or an Arrow table whose ``text`` column is the
document.  Three classes fit its shapes:

- ``NewslintStage``, a ``ProcessingStage[DocumentBatch, DocumentBatch]``: each row is checked
  (and with ``fix=True`` fixed) as a whole record, so the record-level rules (title, url,
  byline, related) run too.  ``fields`` maps newslint's field names to the columns
  (default ``{"body": "text"}``: Curator's column).  It adds a ``newslint`` column of
  diagnostics with one fixed Arrow type (``diagnostics_type()``, the type
  ``newslint.ray`` gives), so Curator's Parquet writer writes every batch alike;
  ``drop`` removes the rows whose problems remain.
- ``NewslintDocumentFilter``, a ``DocumentFilter`` for ``ScoreFilter``: the score is the
  number of problems in the text alone; a document is kept when there are none.
- ``NewslintDocumentModifier``, a ``DocumentModifier`` for ``Modify``: the text with its
  safe (optionally unsafe) fixes applied.

Curator is imported only when one of these classes is first used, and its absence is an
``ImportError`` naming the extra.  What they do is in ``check_table``/``check_frame``,
``count_problems`` and ``newslint.fix_text``, which need only pyarrow (and pandas for
frames), so the contract holds, and is tested, without Curator.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from newslint import pickled_by_name
from newslint.api import fix_record, fix_text, lint_record, lint_text
from newslint.arrow import diagnostics_type
from newslint.config import ConfigError, Configuration
from newslint.diagnostics import Diagnostic, Severity
from newslint.records import RecordError, as_dicts, is_missing
from newslint.registry import all_rules
from newslint.run import Run
from newslint.selection import SelectionError, select_rules

if TYPE_CHECKING:
    import pandas as pd  # type: ignore[import-untyped,import-not-found,unused-ignore]
    import pyarrow as pa  # type: ignore[import-untyped,import-not-found,unused-ignore]

# Not in ``__all__``: ``NewslintStage``, ``NewslintDocumentFilter`` and
# ``NewslintDocumentModifier``, made on first access (a star import would need Curator).
__all__ = [
    "COLUMN",
    "DEFAULT_FIELDS",
    "check_frame",
    "check_table",
    "count_problems",
    "curator_settings",
    "diagnostics_type",
]

COLUMN = "newslint"
"""The default name of the diagnostics column."""

DEFAULT_FIELDS: Mapping[str, str] = {"body": "text"}
"""newslint's field -> Curator's column: the article's body is Curator's ``text``."""

CURATOR_MISSING = (
    "newslint.nemo_curator's {name} needs NeMo Curator: pip install 'newslint[nemo-curator]' "
    "(or pip install nemo-curator) ({error})"
)


def curator_settings(
    settings: Run | Configuration | None = None, fields: Mapping[str, str] | None = None
) -> Run:
    """The settings a stage runs with: ``settings`` with ``fields`` as its field map.

    Without ``fields``, settings that map no field get ``DEFAULT_FIELDS`` (Curator's
    ``text`` is the body); settings that map some keep theirs.  A bad field name is a
    ``ConfigError``."""
    run = Run.of(settings)
    if fields is None:
        if run.configuration.dataset_fields:
            return run
        fields = DEFAULT_FIELDS
    checked = Run(fields=dict(fields))  # validates the names, as the configuration does
    if settings is None:
        return checked
    configuration = dataclasses.replace(
        run.configuration, dataset_fields=dict(checked.configuration.dataset_fields)
    )
    return Run.from_configuration(configuration)


def _drop_codes(drop: bool | Sequence[str], where: str) -> frozenset[str] | None:
    """The codes whose remaining problems drop a row (None: drop nothing)."""
    if drop is False:
        return None
    try:
        selected = select_rules(all_rules(), select=["ALL"] if drop is True else list(drop))
    except SelectionError as exc:
        raise ConfigError(f"{where}: drop: {exc}") from None
    return frozenset(rule.code for rule in selected)


def _arrow_errors() -> tuple[type[Exception], ...]:
    import pyarrow as pa

    return (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError)


def _column(values: list[Any], original: Any) -> Any:
    """An Arrow array of ``values``, of the original column's type where they fit it."""
    import pyarrow as pa

    if original is not None:
        try:
            return pa.array(values, type=original.type)
        except _arrow_errors():
            pass
    return pa.array(values, from_pandas=True)


def _check(
    table: pa.Table,
    run: Run,
    *,
    fix: bool,
    unsafe: bool | None,
    drop_codes: frozenset[str] | None,
    column: str,
    where: str,
) -> tuple[pa.Table, list[bool], list[list[dict[str, Any]]]]:
    """``table`` with the diagnostics column, which rows ``drop_codes`` keep, and each row's
    diagnostics as dicts."""
    import pyarrow as pa

    names = [name for name in table.column_names if name != column]
    rows: list[dict[str, Any]] = table.select(names).to_pylist()
    remaining: list[list[Diagnostic]] = []
    fixed_rows: list[dict[str, Any]] = []
    for index, row in enumerate(rows):
        try:
            if fix:
                result = fix_record(row, run, unsafe, drop_missing=True)
                fixed_rows.append(result.record)
                remaining.append(list(result.remaining))
            else:
                remaining.append(lint_record(row, run, drop_missing=True))
        except RecordError as exc:
            raise RecordError(f"{where}, row {index}: {exc}") from None
    if fix:
        related = {s: d for d, s in run.read_options.field_map.items()}.get("related", "related")
        arrays = [_column([r.get(name) for r in fixed_rows], table.column(name)) for name in names]
        if related not in names:
            # Promo fixes may add the list: every batch gets the column, so schemas agree.
            names.append(related)
            arrays.append(
                pa.array(
                    [None if is_missing(r.get(related)) else r.get(related) for r in fixed_rows],
                    type=pa.list_(pa.string()),
                )
            )
        table = pa.Table.from_arrays(arrays, names=names)
    else:
        table = table.select(names)
    dicts = [as_dicts(found) for found in remaining]
    table = table.append_column(column, pa.array(dicts, type=diagnostics_type()))
    keep = [
        drop_codes is None or not any(d.code in drop_codes for d in found) for found in remaining
    ]
    return table, keep, dicts


def check_table(
    table: pa.Table,
    settings: Run | Configuration | None = None,
    *,
    fields: Mapping[str, str] | None = None,
    fix: bool = False,
    unsafe: bool | None = None,
    drop: bool | Sequence[str] = False,
    column: str = COLUMN,
    where: str = "table",
) -> pa.Table:
    """``table`` with a ``column`` of each row's diagnostics (``diagnostics_type()``).

    Each row is the record ``{column name: value}`` (nulls count as absent fields), read
    through ``curator_settings(settings, fields)``; diagnostics name the table's columns.
    With ``fix``, the rows are fixed first (``unsafe`` fixes too, if asked) and the column
    holds what remains; a ``related`` column (list of strings) is added if missing, as
    promo fixes move headlines there.  ``drop`` (True, or rule selectors) removes the rows
    whose problems remain.  An existing ``column`` is replaced, not checked.  A row that
    is not a record (a value JSON cannot hold) raises ``RecordError`` naming ``where``
    and the row.
    """
    import pyarrow as pa

    checked, keep, _ = _check(
        table,
        curator_settings(settings, fields),
        fix=fix,
        unsafe=unsafe,
        drop_codes=_drop_codes(drop, "NewslintStage"),
        column=column,
        where=where,
    )
    return checked if all(keep) else checked.filter(pa.array(keep, type=pa.bool_()))


def check_frame(
    frame: pd.DataFrame,
    settings: Run | Configuration | None = None,
    *,
    fields: Mapping[str, str] | None = None,
    fix: bool = False,
    unsafe: bool | None = None,
    drop: bool | Sequence[str] = False,
    column: str = COLUMN,
) -> pd.DataFrame:
    """``check_table`` for a pandas ``DataFrame`` (a ``DocumentBatch``'s other form): a new
    frame with the diagnostics column (lists of dicts); the rows keep their index."""
    import pyarrow as pa

    checked, keep, dicts = _check(
        pa.Table.from_pandas(frame, preserve_index=False),
        curator_settings(settings, fields),
        fix=fix,
        unsafe=unsafe,
        drop_codes=_drop_codes(drop, "check_frame"),
        column=column,
        where="frame",
    )
    out = checked.filter(pa.array(keep, type=pa.bool_())).to_pandas()
    out.index = frame.index[keep]
    out[column] = [items for items, kept in zip(dicts, keep, strict=True) if kept]
    return out


_SEVERITIES = {severity.value: rank for rank, severity in enumerate(reversed(Severity))}
"""Severity name -> rank (``warning`` 0, ``error`` 1): a threshold counts that rank and up."""


def _severity(severity: str | None, where: str) -> int:
    if severity is None:
        return 0
    if severity not in _SEVERITIES:
        raise ConfigError(f"{where}: severity: {severity!r} is not one of {', '.join(_SEVERITIES)}")
    return _SEVERITIES[severity]


def count_problems(
    text: str,
    settings: Run | None = None,
    *,
    codes: frozenset[str] | None = None,
    severity: str | None = None,
    field: str = "body",
) -> int:
    """How many problems ``newslint.lint_text`` finds in ``text`` read as ``field``:
    those of ``codes`` only (None: all) and at least ``severity``.  Not a str (a null
    from a data frame) counts as no text: 0 problems."""
    if not isinstance(text, str):
        return 0
    least = _severity(severity, "count_problems")
    return sum(
        1
        for d in lint_text(text, field, settings)
        if (codes is None or d.code in codes) and _SEVERITIES[d.severity.value] >= least
    )


# -- the classes that subclass Curator's, made on first use -----------------------------------

_CLASSES: dict[str, type[Any]] = {}


def _curator_classes() -> dict[str, type[Any]]:
    """Define the three classes over Curator's base classes (imported here, once)."""
    if _CLASSES:
        return _CLASSES
    from nemo_curator.stages.base import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
        ProcessingStage,
    )
    from nemo_curator.stages.text.filters import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
        DocumentFilter,
    )
    from nemo_curator.stages.text.modifiers import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
        DocumentModifier,
    )
    from nemo_curator.tasks import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
        DocumentBatch,
    )

    class NewslintStage(ProcessingStage[DocumentBatch, DocumentBatch]):  # type: ignore[misc,valid-type,unused-ignore]
        """Check (and fix) each row of a ``DocumentBatch`` as a record: see ``check_table``.

        The batch that comes out holds an Arrow table with the ``newslint`` column."""

        name = "newslint"

        def __init__(
            self,
            settings: Run | Configuration | None = None,
            *,
            fields: Mapping[str, str] | None = None,
            fix: bool = False,
            unsafe: bool | None = None,
            drop: bool | Sequence[str] = False,
            column: str = COLUMN,
        ) -> None:
            self.settings = curator_settings(settings, fields)
            self.fix = fix
            self.unsafe = unsafe
            self.drop = drop if isinstance(drop, bool) else list(drop)
            _drop_codes(self.drop, "NewslintStage")  # a bad selector fails here, not in a worker
            self.column = column

        def _text_column(self) -> str:
            return self.settings.configuration.dataset_fields.get("body", "body")

        def inputs(self) -> tuple[list[str], list[str]]:
            return ["data"], [self._text_column()]

        def outputs(self) -> tuple[list[str], list[str]]:
            return ["data"], [self.column, *([self._text_column()] if self.fix else [])]

        def process(self, task: Any) -> Any:
            import pyarrow as pa

            data = task.data
            table = (
                data
                if isinstance(data, pa.Table)
                else pa.Table.from_pandas(data, preserve_index=False)
            )
            checked = check_table(
                table,
                self.settings,
                fix=self.fix,
                unsafe=self.unsafe,
                drop=self.drop,
                column=self.column,
                where=f"NewslintStage: dataset {task.dataset_name!r}, task {task.task_id!r}",
            )
            return DocumentBatch(
                dataset_name=task.dataset_name,
                data=checked,
                _metadata=task._metadata,
                _stage_perf=task._stage_perf,
            )

    class NewslintDocumentFilter(DocumentFilter):  # type: ignore[misc,valid-type,unused-ignore]
        """For ``ScoreFilter``: score = the problems in the text (``count_problems``);
        keep the documents with at most ``max_problems`` (0)."""

        def __init__(
            self,
            settings: Run | Configuration | None = None,
            *,
            drop: bool | Sequence[str] = True,
            severity: str | None = None,
            max_problems: int = 0,
            field: str = "body",
        ) -> None:
            super().__init__()
            self._name = "newslint"
            self.settings = Run.of(settings)
            self.codes = _drop_codes(drop, "NewslintDocumentFilter")
            _severity(severity, "NewslintDocumentFilter")
            self.severity = severity
            self.max_problems = max_problems
            self.field = field

        def score_document(self, text: str) -> int:
            if self.codes is None:
                return 0
            return count_problems(
                text, self.settings, codes=self.codes, severity=self.severity, field=self.field
            )

        def keep_document(self, scores: float) -> bool:
            return bool(scores <= self.max_problems)

    class NewslintDocumentModifier(DocumentModifier):  # type: ignore[misc,valid-type,unused-ignore]
        """For ``Modify``: the text with newslint's fixes (``newslint.fix_text``)."""

        def __init__(
            self,
            settings: Run | Configuration | None = None,
            *,
            unsafe: bool | None = None,
            field: str = "body",
        ) -> None:
            super().__init__()
            self._name = "newslint"
            self.settings = Run.of(settings)
            self.unsafe = unsafe
            self.field = field

        def modify_document(self, text: Any) -> Any:
            if not isinstance(text, str) or is_missing(text):
                return text
            return fix_text(text, self.field, self.settings, self.unsafe)

    for made in (NewslintStage, NewslintDocumentFilter, NewslintDocumentModifier):
        # Pickled by reference (Curator's backends send stages to workers): this module's
        # ``__getattr__`` finds them under their names.
        made.__qualname__ = made.__name__
    _CLASSES.update(
        NewslintStage=NewslintStage,
        NewslintDocumentFilter=NewslintDocumentFilter,
        NewslintDocumentModifier=NewslintDocumentModifier,
    )
    return _CLASSES


def __getattr__(name: str) -> Any:
    """The Curator classes, defined on first access; without Curator, an ``ImportError``."""
    if name in ("NewslintStage", "NewslintDocumentFilter", "NewslintDocumentModifier"):
        try:
            return _curator_classes()[name]
        except ImportError as exc:
            raise ImportError(CURATOR_MISSING.format(name=name, error=exc)) from None
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


pickled_by_name(__name__)  # pickles as its name (dill, HF datasets: see newslint/__init__.py)
