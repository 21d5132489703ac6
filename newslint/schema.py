"""Check an article's values against ``schemas/article.schema.json`` with jsonschema.

Violations are sorted into categories here (missing field, wrong type, bad
date, bad URL, empty body, blank field, other) so that each schema rule claims
one category and no violation is reported twice.

The schema file is the only description of a valid article: the fast path that
passes valid articles without jsonschema (:func:`surely_valid`) is derived from
it at first use (:func:`compile_fast_check`), so editing the file changes both.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # jsonschema is imported on first use: it takes a tenth of a second
    from jsonschema import Draft202012Validator, FormatChecker
    from jsonschema.exceptions import ValidationError

SCHEMA_NAME = "article.schema.json"

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})?"
)


@dataclass(frozen=True, slots=True)
class Violation:
    category: str
    """One of: missing, type, date, url, empty-body, blank, other."""
    field: str | None
    message: str


def schema_path() -> Path:
    """The built-in schema: packaged in the wheel, or ``schemas/`` in a source checkout."""
    # Found beside this module, not through importlib.resources: its first use costs 5 ms,
    # which a run whose articles are all valid would pay for this path alone.
    package = Path(__file__).resolve().parent
    packaged = package / "_schemas" / SCHEMA_NAME
    if packaged.is_file():
        return packaged
    return package.parent / "schemas" / SCHEMA_NAME


def _is_real_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_real_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE_TIME.fullmatch(value):
        return False
    text = value.replace("z", "Z").replace("Z", "+00:00").replace("t", "T")
    if re.search(r"[+-]\d{4}$", text):  # +0100 -> +01:00 for Python 3.10
        text = text[:-2] + ":" + text[-2:]
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


FORMATS: dict[str, Callable[[object], bool]] = {
    "date": _is_real_date,
    "date-time": _is_real_date_time,
}
"""The formats that are checked, for jsonschema and the fast path alike; others are annotations."""


def format_checker() -> FormatChecker:
    """Date formats that reject impossible dates (2024-02-30) without extra packages."""
    from jsonschema import FormatChecker

    checker = FormatChecker(formats=())
    for name, check in FORMATS.items():
        checker.checks(name)(check)
    return checker


@cache
def validator(path: str | None = None) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    schema = load_schema(path)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=format_checker())


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return "a string" if isinstance(value, str) else "a number"


def _expected_types(error: ValidationError) -> str:
    names: list[str] = []
    for err in [error, *(error.context or ())]:
        if err.validator == "type":
            value = err.validator_value
            names.extend([value] if isinstance(value, str) else list(value))
    return " or ".join(dict.fromkeys(names)) or "another type"


def _url_problem(url: str) -> str:
    if any(c.isspace() for c in url.strip()):
        return "url is not a valid URL: it contains whitespace"
    if not url.strip():
        return "url is empty"
    return f"url {url[:80]!r} is not an absolute http(s) URL"


def _categorise(error: ValidationError, instance: dict[str, Any]) -> list[Violation]:
    kind = error.validator
    top = str(error.absolute_path[0]) if error.absolute_path else None
    if kind == "required" and not error.absolute_path:
        return [
            Violation("missing", str(name), f"required field '{name}' is missing")
            for name in error.validator_value  # type: ignore[union-attr]
            if name not in instance
        ]
    fmt = error.validator_value if kind == "format" else None
    if kind == "anyOf":
        sub_errors = list(error.context or ())
        formats = [sub.validator_value for sub in sub_errors if sub.validator == "format"]
        if formats and isinstance(error.instance, str):
            kind, fmt = "format", formats[0]
        elif all(sub.validator == "type" for sub in sub_errors):
            kind = "type"
    if (
        top == "url"
        and kind in {"pattern", "format", "minLength"}
        and isinstance(error.instance, str)
    ):
        return [Violation("url", top, _url_problem(error.instance))]
    if kind == "type":
        expected = _expected_types(error)
        return [
            Violation("type", top, f"field '{top}' is {_kind(error.instance)}; expected {expected}")
        ]
    if kind == "format" and str(fmt).startswith("date"):
        value = str(error.instance)
        if _DATE.match(value):
            return [Violation("date", top, f"{top}: {value!r} is not a real date")]
        return [
            Violation(
                "date",
                top,
                f"{top}: {value!r} is not an ISO date (YYYY-MM-DD) or RFC 3339 date-time",
            )
        ]
    if (
        kind in {"minLength", "pattern"}
        and isinstance(error.instance, str)
        and not error.instance.strip()
    ):
        if top == "body":
            return [Violation("empty-body", top, "body is empty")]
        return [Violation("blank", top, f"field '{top}' is blank")]
    where = "/".join(str(p) for p in error.absolute_path) or "article"
    return [Violation("other", top, f"{where}: {error.message}")]


FastCheck = Callable[[object], bool]
"""A check derived from a schema: True when the value surely satisfies the schema,
False when it may not (then jsonschema decides, and describes what is wrong)."""

_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples"}
)
"""Keywords that never make a value invalid."""

_FOLLOWED = frozenset(
    {"type", "minLength", "maxLength", "pattern", "format", "required", "properties"}
    | {"additionalProperties", "items", "anyOf", "allOf"}
)
"""The keywords the fast check follows, as Draft 2020-12 defines them.  A schema with any
other keyword (``$ref``, ``oneOf``, ``enum``, ``prefixItems`` ...) is left to jsonschema."""

_TYPE_CLASSES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "null": (type(None),),
    "boolean": (bool,),
    "object": (dict,),
    "array": (list,),
    "number": (int, float),  # jsonschema's other numbers (Decimal ...) are left to it
    "integer": (int,),  # bool is excluded below; 1.0 is left to jsonschema (which takes it)
}


class _Undecidable(Exception):
    """A keyword the fast check does not follow, or a malformed one."""


def compile_fast_check(schema: object) -> FastCheck:
    """A fast check derived from ``schema`` (a JSON Schema, Draft 2020-12).

    The check returns True only when jsonschema (with :func:`format_checker`) would
    find no error.  A schema it cannot follow (a keyword outside ``_FOLLOWED``, or a
    malformed one) makes it return False for every value that schema applies to, so
    that jsonschema decides (and describes) them.  Keywords that apply to one JSON
    type only (``minLength`` to strings ...) are tested on values of that type only.
    """
    if schema is True:
        return _accept
    if not isinstance(schema, dict) or not set(schema) <= _FOLLOWED | _ANNOTATIONS:
        return _undecided  # ``false``, not a schema, or a keyword not followed
    try:
        return _all(_parts(schema))
    except _Undecidable:
        return _undecided


def _accept(value: object) -> bool:
    return True


def _undecided(value: object) -> bool:
    """The check of a schema that is not followed: always "ask jsonschema"."""
    return False


def _parts(schema: Mapping[str, Any]) -> list[FastCheck]:
    """The tests of one schema's keywords, all of which must pass, type test first."""
    parts: list[FastCheck] = []
    only: type | None = None  # the one Python type a value has once the type test passed
    if "type" in schema:
        type_test, allowed = _type_test(schema["type"])
        parts.append(type_test)
        only = allowed[0] if len(allowed) == 1 else None
    parts += _when(str, _string_tests(schema), only)
    parts += _when(dict, _object_tests(schema), only)
    parts += _when(list, _array_tests(schema), only)
    if "format" in schema:
        if not isinstance(schema["format"], str):
            raise _Undecidable
        # A format without a checker is an annotation, for jsonschema as for this check.
        format_test = FORMATS.get(schema["format"])
        if format_test is not None:
            parts.append(format_test)
    if "anyOf" in schema:
        parts.append(_any(_subschemas(schema["anyOf"])))
    if "allOf" in schema:
        parts += _subschemas(schema["allOf"])
    return parts


def _type_test(names: object) -> tuple[FastCheck, tuple[type, ...]]:
    listed = _strings([names] if isinstance(names, str) else names)
    if not all(name in _TYPE_CLASSES for name in listed):
        raise _Undecidable
    allowed = tuple(dict.fromkeys(cls for name in listed for cls in _TYPE_CLASSES[name]))
    if "boolean" in listed or int not in allowed:
        return (lambda value: isinstance(value, allowed)), allowed
    return (lambda value: isinstance(value, allowed) and not isinstance(value, bool)), allowed


def _when(kind: type, tests: list[FastCheck], only: type | None) -> list[FastCheck]:
    """``tests`` of the keywords that apply to values of ``kind`` only."""
    if not tests or only is kind:
        return tests
    if only is not None:
        return []  # the type test lets no value of ``kind`` through
    test = _all(tests)
    return [lambda value: not isinstance(value, kind) or test(value)]


def _string_tests(schema: Mapping[str, Any]) -> list[FastCheck]:
    tests: list[Callable[[Any], bool]] = []  # called on strings only (see _when)
    if "minLength" in schema:
        shortest = _natural(schema["minLength"])
        tests.append(lambda text: len(text) >= shortest)
    if "maxLength" in schema:
        longest = _natural(schema["maxLength"])
        tests.append(lambda text: len(text) <= longest)
    if "pattern" in schema:
        if not isinstance(schema["pattern"], str):
            raise _Undecidable
        try:  # jsonschema's ``pattern`` is re.search too
            search = re.compile(schema["pattern"]).search
        except re.error:
            raise _Undecidable from None
        tests.append(lambda text: search(text) is not None)
    return list(tests)


def _object_tests(schema: Mapping[str, Any]) -> list[FastCheck]:
    required = tuple(_strings(schema.get("required", [])))
    properties = schema.get("properties", {})
    if not isinstance(properties, dict):
        raise _Undecidable
    compiled = ((name, compile_fast_check(sub)) for name, sub in properties.items())
    checks = tuple((name, check) for name, check in compiled if check is not _accept)
    additional = schema.get("additionalProperties", True)
    extra = None if additional is True else compile_fast_check(additional)
    if not required and not checks and extra is None:
        return []

    def test(value: Any) -> bool:
        # Loops, not all(): this runs for every article and all() is twice as slow.
        for name in required:
            if name not in value:
                return False
        for name, check in checks:
            if name in value and not check(value[name]):
                return False
        if extra is not None:
            for name, item in value.items():
                if name not in properties and not extra(item):
                    return False
        return True

    return [test]


def _array_tests(schema: Mapping[str, Any]) -> list[FastCheck]:
    if "items" not in schema:
        return []
    if not isinstance(schema["items"], (dict, bool)):
        raise _Undecidable  # the array form of older drafts
    check = compile_fast_check(schema["items"])

    def test(value: Any) -> bool:
        for item in value:  # noqa: SIM110 (all() is twice as slow)
            if not check(item):
                return False
        return True

    return [test]


def _subschemas(value: object) -> list[FastCheck]:
    if not isinstance(value, list) or not value:
        raise _Undecidable
    return [compile_fast_check(sub) for sub in value]


def _strings(value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _Undecidable
    return value


def _natural(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _Undecidable
    return value


def _all(checks: list[FastCheck]) -> FastCheck:
    checks = [check for check in checks if check is not _accept]
    if any(check is _undecided for check in checks):
        return _undecided
    if not checks:
        return _accept
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda value: first(value) and second(value)
    if len(checks) == 3:
        first, second, third = checks
        return lambda value: first(value) and second(value) and third(value)
    rest = tuple(checks)

    def check(value: object) -> bool:
        for each in rest:  # noqa: SIM110 (all() is twice as slow)
            if not each(value):
                return False
        return True

    return check


def _any(checks: list[FastCheck]) -> FastCheck:
    choices = tuple(checks)

    def check(value: object) -> bool:
        for each in choices:  # noqa: SIM110 (any() is twice as slow)
            if each(value):
                return True
        return False

    return check


def load_schema(path: str | None = None) -> Any:
    """The schema at ``path`` (default: the built-in one), parsed."""
    return json.loads(Path(path or schema_path()).read_text(encoding="utf-8"))


@cache
def _builtin_fast_check() -> FastCheck:
    return compile_fast_check(load_schema())


def surely_valid(instance: object) -> bool:
    """Whether ``instance`` is valid against the built-in schema, tested without jsonschema.

    The fast path for the common case: most articles are valid, and jsonschema takes
    a hundred times longer to say so (and a tenth of a second to import).  The check
    is derived from ``schemas/article.schema.json`` at first use
    (:func:`compile_fast_check`); anything it does not accept goes to jsonschema,
    which then finds and describes the violations.
    """
    return _builtin_fast_check()(instance)


def check(instance: object, schema_file: str | None = None) -> list[Violation]:
    """All violations of the schema by ``instance``, in a stable order."""
    if schema_file is None and surely_valid(instance):
        return []
    found: list[Violation] = []
    errors = validator(schema_file).iter_errors(instance)
    seen: set[tuple[str, str | None]] = set()
    for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
        for violation in _categorise(error, instance if isinstance(instance, dict) else {}):
            # minLength and a non-blank pattern both fail on "": one problem, said once.
            if violation.category == "other" or (violation.category, violation.field) not in seen:
                seen.add((violation.category, violation.field))
                found.append(violation)
    return found
