"""Diagnostics and fixes: what a rule says about an article, and how to mend it.

Rules speak in *field coordinates* (a field name and character offsets into that
field's decoded text).  The engine turns those into source locations (line and
column in the file) and the fixer turns edits into byte-exact rewrites of the
source, so no rule needs to know which file format it is looking at.

``Edit``, ``ListAppend``, ``Fix`` and ``Location`` are values: hashable, compared by
value, and never changed once made (``dataclasses.replace`` makes a changed copy).
They are not ``frozen`` for speed: a frozen dataclass's ``__init__`` sets each field
through ``object.__setattr__``, three times slower, and a run makes one of each per
problem, in the worker and again in the parent (2.5 us against 0.65 us per problem).
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from newslint import pickled_by_name


def reduce_by_fields(self: Any) -> tuple[Any, tuple[Any, ...]]:
    """Pickle a slotted dataclass as its constructor call: unpickling is several times
    faster than dataclasses' generic ``__setstate__``, which the cache pays for every
    diagnostic of a warm run (and the pool for every diagnostic it sends back)."""
    cls = type(self)
    getter = _FIELD_GETTERS.get(cls)
    if getter is None:
        getter = _FIELD_GETTERS[cls] = operator.attrgetter(*cls.__match_args__)
    return cls, getter(self)


_FIELD_GETTERS: dict[type, operator.attrgetter[Any]] = {}


class Applicability(str, Enum):
    """How much a fix can be trusted to keep the author's meaning."""

    SAFE = "safe"
    """Only removes damage; applied by ``--fix``."""
    UNSAFE = "unsafe"
    """May remove or reinterpret text; applied only with ``--unsafe-fixes``."""


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(slots=True, unsafe_hash=True)  # a value type: see the module's docstring
class Edit:
    """Replace ``field[start:end]`` (decoded text offsets) with ``content``."""

    __reduce__ = reduce_by_fields

    field: str
    start: int
    end: int
    content: str

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "start": self.start, "end": self.end, "content": self.content}


@dataclass(slots=True, unsafe_hash=True)  # a value type: see the module's docstring
class ListAppend:
    """Append ``value`` to a list field (e.g. a promo headline into ``related``)."""

    __reduce__ = reduce_by_fields

    field: str
    value: str

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "value": self.value}


@dataclass(slots=True, unsafe_hash=True)  # a value type: see the module's docstring
class Fix:
    """A set of edits applied together or not at all."""

    __reduce__ = reduce_by_fields

    message: str
    applicability: Applicability
    edits: tuple[Edit, ...]
    appends: tuple[ListAppend, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "applicability": self.applicability.value,
            "message": self.message,
            "edits": [edit.as_dict() for edit in self.edits],
            "appends": [append.as_dict() for append in self.appends],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Fix:
        return cls(
            data["message"],
            Applicability(data["applicability"]),
            tuple(Edit(**edit) for edit in data.get("edits", ())),
            tuple(ListAppend(**append) for append in data.get("appends", ())),
        )


@dataclass(slots=True, unsafe_hash=True)  # a value type: see the module's docstring
class Location:
    """A resolved position in a file: 1-based lines and columns (characters)."""

    __reduce__ = reduce_by_fields

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(slots=True)
class Diagnostic:
    """One problem found by one rule in one field of one article."""

    __reduce__ = reduce_by_fields

    code: str
    name: str
    message: str
    severity: Severity
    field: str | None
    start: int
    end: int
    fix: Fix | None = None
    path: str = ""
    record: int | None = None
    location: Location | None = None
    article_index: int = -1
    """Which article of its document it is about (set by the engine)."""
    fix_edits: tuple[tuple[Location, str], ...] = ()
    """The fix's edits as file locations and raw replacement text (for machine output)."""
    snippet: str = ""
    """The text the diagnostic is about (at most 200 characters), for fingerprints."""
    record_key: str = ""
    """What identifies the article apart from its position: its id or url, if it has one."""
    record_id: str | int | None = None
    """The article's ``id``, if it has one (a string or an integer): for reports."""
    record_url: str | None = None
    """The article's ``url``, if it has one: for reports."""
    field_location: Location | None = None
    """Where ``start``/``end`` are in the field's decoded text, as 1-based lines and columns:
    in a JSONL record the file's column is an offset into an escaped line of 15,000
    characters, this says "line 3, column 14 of the body"."""

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        loc = self.location
        return (self.path, loc.line if loc else 0, loc.column if loc else 0, self.code)

    @property
    def fixable(self) -> bool:
        """Whether a plain ``--fix`` (or ``fix_record`` without ``unsafe``) would fix it."""
        return self.fix is not None and self.fix.applicability is Applicability.SAFE

    def in_field(self) -> Diagnostic:
        """This diagnostic in field coordinates only: no file, line or record (the library
        API's view of a record, where there is no file)."""
        return Diagnostic(
            self.code,
            self.name,
            self.message,
            self.severity,
            self.field,
            self.start,
            self.end,
            self.fix,
            snippet=self.snippet,
        )

    def as_dict(self) -> dict[str, Any]:
        """The field-coordinate view as plain JSON types (str, int, None, lists, dicts)."""
        return {
            "code": self.code,
            "name": self.name,
            "message": self.message,
            "severity": self.severity.value,
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
            data["code"],
            data["name"],
            data["message"],
            Severity(data["severity"]),
            data["field"],
            data["start"],
            data["end"],
            None if fix is None else Fix.from_dict(fix),
            snippet=data.get("snippet", ""),
        )


@dataclass(frozen=True, slots=True)
class ReadError:
    """A file, or one record of it, that could not be read; it is never rewritten."""

    __reduce__ = reduce_by_fields

    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: error: {self.message}"


PackedDiagnostic = tuple[Any, ...]
"""A diagnostic as a tuple of plain values (``pack``)."""


def pack(diagnostics: list[Diagnostic]) -> list[PackedDiagnostic]:
    """Diagnostics as tuples of strings, numbers and enum members: what a worker sends back.

    Pickle writes and reads such tuples in C, whereas each dataclass costs a Python call
    both ways, and a diagnostic is four of them (itself, its location, fix and edit).
    """
    return list(map(_pack, diagnostics))


def unpack(packed: list[PackedDiagnostic]) -> list[Diagnostic]:
    """The inverse of ``pack``."""
    return list(map(_unpack, packed))


def _pack(d: Diagnostic) -> PackedDiagnostic:
    loc, fix, in_field = d.location, d.fix, d.field_location
    return (
        d.code,
        d.name,
        d.message,
        d.severity,
        d.field,
        d.start,
        d.end,
        None
        if fix is None
        else (
            fix.message,
            fix.applicability,
            [(e.field, e.start, e.end, e.content) for e in fix.edits],
            fix.appends,
        ),
        d.path,
        d.record,
        None if loc is None else (loc.line, loc.column, loc.end_line, loc.end_column),
        d.article_index,
        d.fix_edits,
        d.snippet,
        d.record_key,
        d.record_id,
        d.record_url,
        None
        if in_field is None
        else (in_field.line, in_field.column, in_field.end_line, in_field.end_column),
    )


def _unpack(p: PackedDiagnostic) -> Diagnostic:
    fix, loc = p[7], p[10]
    return Diagnostic(
        p[0],
        p[1],
        p[2],
        p[3],
        p[4],
        p[5],
        p[6],
        None if fix is None else Fix(fix[0], fix[1], tuple(_edits(fix[2])), fix[3]),
        p[8],
        p[9],
        None if loc is None else Location(*loc),
        p[11],
        p[12],
        p[13],
        p[14],
        p[15],
        p[16],
        None if p[17] is None else Location(*p[17]),
    )


def _edits(packed: list[tuple[str, int, int, str]]) -> Iterator[Edit]:
    return itertools.starmap(Edit, packed)


pickled_by_name(__name__)  # pickles as its name (dill, HF datasets: see newslint/__init__.py)
