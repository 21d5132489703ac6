"""The library API: lint or fix one record (a dict) at a time, exactly as the CLI would.

Each call serialises the record as one JSON object and runs it through
``newslint.runner.process_data`` as the file ``record.json``: the same reader,
rules, per-record settings and fixer the CLI uses, so results cannot drift from
the CLI's.  Calls are stateless (nothing is kept between records but the
resolved rules of a ``Settings``), and every value here pickles, so a process
pool, Ray or datatrove can ship settings, records and results between workers.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Literal

from newslint import diagnostics as _diagnostics
from newslint import registry
from newslint.config import ConfigError, load_settings
from newslint.config import Settings as _ConfigSettings
from newslint.readers import ReadOptions
from newslint.rule import Rule
from newslint.runner import FileResult, Options, process_data

__all__ = [
    "ConfigError",
    "Diagnostic",
    "Edit",
    "Fix",
    "FixResult",
    "ListAppend",
    "RecordError",
    "Settings",
    "fix_record",
    "lint_record",
    "lint_text",
]

RECORD_PATH = "record.json"
"""The name a record is checked under: its format (one JSON object) comes from it."""


class RecordError(ValueError):
    """A record that cannot be checked (not a dict, or not serialisable as JSON)."""


# -- public result types -----------------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """Replace ``record[field][start:end]`` with ``content`` (offsets in the field's text)."""

    field: str
    start: int
    end: int
    content: str

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "start": self.start, "end": self.end, "content": self.content}


@dataclass(frozen=True)
class ListAppend:
    """Append ``value`` to the list ``record[field]`` (for example a promo into ``related``)."""

    field: str
    value: str

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "value": self.value}


@dataclass(frozen=True)
class Fix:
    """How a problem can be fixed: edits applied together or not at all."""

    applicability: Literal["safe", "unsafe"]
    """``safe`` fixes only remove damage; ``unsafe`` ones need ``unsafe=True``."""
    message: str
    edits: tuple[Edit, ...] = ()
    appends: tuple[ListAppend, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "applicability": self.applicability,
            "message": self.message,
            "edits": [edit.as_dict() for edit in self.edits],
            "appends": [append.as_dict() for append in self.appends],
        }


@dataclass(frozen=True)
class Diagnostic:
    """One problem in one field of a record; offsets are into that field's text.

    ``record[field][start:end]`` is the offending text (``snippet`` holds its first
    200 characters); ``field`` is None for a problem with the record as a whole.
    """

    code: str
    name: str
    message: str
    severity: Literal["error", "warning"]
    field: str | None
    start: int
    end: int
    snippet: str = ""
    fix: Fix | None = None

    @property
    def fixable(self) -> bool:
        """Whether ``fix_record`` (without ``unsafe``) would fix it."""
        return self.fix is not None and self.fix.applicability == "safe"

    def as_dict(self) -> dict[str, Any]:
        """A plain dict of JSON types (str, int, None, lists and dicts), for any serialiser."""
        return {
            "code": self.code,
            "name": self.name,
            "message": self.message,
            "severity": self.severity,
            "field": self.field,
            "start": self.start,
            "end": self.end,
            "snippet": self.snippet,
            "fix": None if self.fix is None else self.fix.as_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Diagnostic:
        """The inverse of ``as_dict`` (for diagnostics read back from JSON or a dataset column)."""
        fix = data.get("fix")
        return cls(
            code=data["code"],
            name=data["name"],
            message=data["message"],
            severity=data["severity"],
            field=data["field"],
            start=data["start"],
            end=data["end"],
            snippet=data.get("snippet", ""),
            fix=None
            if fix is None
            else Fix(
                applicability=fix["applicability"],
                message=fix["message"],
                edits=tuple(Edit(**edit) for edit in fix.get("edits", ())),
                appends=tuple(ListAppend(**append) for append in fix.get("appends", ())),
            ),
        )


@dataclass(frozen=True)
class FixResult:
    """What ``fix_record`` did: the fixed record, the fixes applied and the problems left."""

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


def public_diagnostic(diagnostic: _diagnostics.Diagnostic) -> Diagnostic:
    """The public, frozen view of an engine diagnostic (no file path or line)."""
    fix = diagnostic.fix
    return Diagnostic(
        code=diagnostic.code,
        name=diagnostic.name,
        message=diagnostic.message,
        severity="error" if diagnostic.severity is _diagnostics.Severity.ERROR else "warning",
        field=diagnostic.field,
        start=diagnostic.start,
        end=diagnostic.end,
        snippet=diagnostic.snippet,
        fix=None
        if fix is None
        else Fix(
            applicability="safe"
            if fix.applicability is _diagnostics.Applicability.SAFE
            else "unsafe",
            message=fix.message,
            edits=tuple(Edit(e.field, e.start, e.end, e.content) for e in fix.edits),
            appends=tuple(ListAppend(a.field, a.value) for a in fix.appends),
        ),
    )


# -- settings ----------------------------------------------------------------------------------


class Settings:
    """Which rules run and how, as in ``[tool.newslint]``; build once, use for every record.

    ``Settings(select=["NL1"], ignore=["NL101"])`` takes the configuration's keys
    (``extend_select`` or ``"extend-select"`` alike); ``Settings.load(path)`` reads a
    ``pyproject.toml`` / ``newslint.toml`` (``extend`` included).  A bad key or value
    raises ``ConfigError`` with a one-line message.  The rules are resolved once per
    object; a pickled copy carries the settings, not the rules, and resolves them again.

    ``per-file-ignores``, ``include`` and ``exclude`` choose files, so they do not apply to
    records; ``unsafe-fixes`` is the default of ``fix_record``'s ``unsafe``.
    """

    def __init__(self, **values: Any) -> None:
        overrides = {key.replace("_", "-"): value for key, value in values.items()}
        try:
            config = load_settings(None, isolated=True, overrides=overrides)
        except ConfigError as exc:
            raise ConfigError(str(exc).replace("command line: --", "Settings: ", 1)) from None
        self._init(config)
        _ = self.rules  # a bad rule option is an error here, not at the first record

    def _init(self, config: _ConfigSettings) -> None:
        self._config = config
        self._rules: tuple[Rule, ...] | None = None
        self._read = ReadOptions(
            field_map=config.field_map,
            schema_file=str(config.schema_file) if config.schema_file else None,
            record_settings=config.record_settings,
        )

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None, **overrides: Any) -> Settings:
        """Settings from a configuration file; without ``path``, the one the CLI would find
        from the working folder.  ``overrides`` win over the file, as flags do."""
        settings = cls.__new__(cls)
        values = {key.replace("_", "-"): value for key, value in overrides.items()}
        settings._init(load_settings(path, False, values))
        _ = settings.rules
        return settings

    @classmethod
    def from_config(cls, config: _ConfigSettings) -> Settings:
        """Wrap settings the CLI has already loaded (``newslint.config.load_settings``)."""
        settings = cls.__new__(cls)
        settings._init(config)
        return settings

    @property
    def config(self) -> _ConfigSettings:
        """The underlying ``newslint.config.Settings`` (as the CLI has them)."""
        return self._config

    @property
    def unsafe_fixes(self) -> bool:
        return self._config.unsafe_fixes

    @property
    def read_options(self) -> ReadOptions:
        return self._read

    @property
    def rules(self) -> tuple[Rule, ...]:
        """The selected rules with their options, resolved on first use (as the CLI does)."""
        if self._rules is None:
            self._rules = configured_rules(self._config)
        return self._rules

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the rules that run."""
        return tuple(rule.code for rule in self.rules)

    def __getstate__(self) -> dict[str, Any]:
        return {"config": self._config}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._init(state["config"])

    def __repr__(self) -> str:
        values = self._config.model_dump(by_alias=True, exclude_defaults=True)
        return f"Settings({', '.join(f'{k}={v!r}' for k, v in values.items())})"


def configured_rules(config: _ConfigSettings) -> tuple[Rule, ...]:
    """The selected rules with their options, built exactly as the CLI builds them."""
    return tuple(registry.configured_rules(config))


_DEFAULT: Settings | None = None


def _settings(settings: Settings | None) -> Settings:
    global _DEFAULT
    if settings is not None:
        if not isinstance(settings, Settings):
            raise TypeError(f"settings must be newslint.Settings, not {type(settings).__name__}")
        return settings
    if _DEFAULT is None:
        _DEFAULT = Settings()
    return _DEFAULT


# -- records -----------------------------------------------------------------------------------


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
    except (TypeError, ValueError) as exc:
        raise RecordError(f"record is not serialisable as JSON: {exc}") from None


def is_missing(value: Any) -> bool:
    """None, NaN, and pandas' NA and NaT: how data frames and Arrow tables hold an absent field."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def _run(
    record: Mapping[str, Any],
    settings: Settings | None,
    fix: bool,
    unsafe: bool | None,
    drop_missing: bool,
) -> tuple[FileResult, bytes, bytes | None]:
    resolved = _settings(settings)
    if drop_missing and isinstance(record, Mapping):
        record = {key: value for key, value in record.items() if not is_missing(value)}
    data = encode_record(record)
    options = Options(
        fix=fix,
        unsafe_fixes=resolved.unsafe_fixes if unsafe is None else unsafe,
        read=resolved.read_options,
    )
    result, fixed = process_data(RECORD_PATH, data, resolved.rules, options)
    if result.errors:
        raise RecordError(result.errors[0].message)
    return result, data, fixed


def lint_record(
    record: Mapping[str, Any], settings: Settings | None = None, *, drop_missing: bool = False
) -> list[Diagnostic]:
    """The problems in one record (a dict with the schema's fields), as the CLI finds them.

    With ``drop_missing``, fields holding None, NaN or NA count as absent: a data frame or
    an Arrow table (pandas, HuggingFace datasets, Ray) holds a field a record lacks that
    way, while in JSON a null is a value of the wrong type.  Raises ``RecordError`` if
    the record is not a dict of JSON-serialisable values.
    """
    result, _, _ = _run(record, settings, fix=False, unsafe=None, drop_missing=drop_missing)
    return [public_diagnostic(d) for d in result.diagnostics]


def fix_record(
    record: Mapping[str, Any],
    settings: Settings | None = None,
    unsafe: bool | None = None,
    *,
    drop_missing: bool = False,
) -> FixResult:
    """Apply the fixes ``newslint --fix`` would apply to one record (unsafe ones with ``unsafe``).

    ``unsafe=None`` takes the settings' ``unsafe-fixes`` (False by default).  Only the
    fields a fix touched are replaced in the returned record; other values (missing
    ones too, with ``drop_missing``, as in ``lint_record``) stay the very objects they were.
    """
    result, data, fixed_data = _run(
        record, settings, fix=True, unsafe=unsafe, drop_missing=drop_missing
    )
    remaining = tuple(public_diagnostic(d) for d in result.diagnostics)
    warnings = tuple(result.warnings)
    if fixed_data is None:
        return FixResult(dict(record), (), remaining, warnings)
    before = json.loads(data)
    after = json.loads(fixed_data)
    fixed = dict(record)
    for key, value in after.items():
        if key not in before or before[key] != value:
            fixed[key] = value
    applied = tuple(public_diagnostic(d) for d in result.fixed_diagnostics)
    return FixResult(fixed, applied, remaining, warnings)


def lint_text(text: str, field: str = "body", settings: Settings | None = None) -> list[Diagnostic]:
    """The problems in one piece of text read as the record's ``field`` (title, body, url, ...).

    Only diagnostics about that field are returned: the schema's complaints about
    the fields a lone text lacks (a missing title or url) are left out.
    """
    if not isinstance(text, str):
        raise RecordError(f"text must be a str, not {type(text).__name__}")
    if field not in _TEXT_FIELDS:
        # A typo ("bdy") would otherwise hide every problem: no rule reads such a field.
        raise RecordError(
            f"unknown text field {field!r}; expected one of {', '.join(_TEXT_FIELDS)}"
        )
    return [d for d in lint_record({field: text}, settings) if d.field == field]


_TEXT_FIELDS = ("title", "byline", "published", "url", "caption", "body")


def as_dicts(diagnostics: Sequence[Diagnostic]) -> list[dict[str, Any]]:
    """``[d.as_dict() for d in diagnostics]``: a JSON-safe column value."""
    return [d.as_dict() for d in diagnostics]
