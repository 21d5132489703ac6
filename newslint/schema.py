"""Check an article's values against ``schemas/article.schema.json``.

Violations are sorted into categories here (missing field, wrong type, bad
date, bad URL, empty body, blank field, other) so that each schema rule claims
one category and no violation is reported twice.

The schema file is the only description of a valid article.  Two checks are
derived from it at first use, so editing the file changes both:

* :func:`compile_fast_check`: True when a value surely satisfies the schema (the
  common case, a valid article, in a microsecond);
* :func:`compile_checker`: the violations of any other value, the same list
  (categories, fields, messages, order) that jsonschema's errors give, found
  without importing jsonschema (a tenth of a second) or validating with it
  (a tenth of a millisecond per article).

jsonschema remains the reference: a schema with a keyword the checker does not
follow, or a value it cannot describe exactly as jsonschema would, goes to
jsonschema (:func:`jsonschema_violations`) as before.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint import pickled_by_name
from newslint.bounded import SCHEMA_SIZE_LIMIT, NotReadable, read_regular_file

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


class _Error:
    """One error as jsonschema reports it: the fields :func:`_categorise` reads.

    Made by the compiled checker (:func:`compile_checker`) or copied from a jsonschema
    ``ValidationError`` (:meth:`of`), so that one function categorises both.
    """

    __slots__ = ("_text", "absolute_path", "context", "instance", "validator", "validator_value")

    def __init__(
        self,
        validator: str | None,
        validator_value: Any,
        instance: object,
        text: str | Callable[[Any], str],
        context: list[_Error] | None = None,
    ) -> None:
        self.validator = validator
        """The keyword that failed (None for the schema ``false``)."""
        self.validator_value = validator_value
        self.absolute_path: tuple[str | int, ...] = ()
        self.instance = instance
        self.context = context
        self._text = text  # the message, or a function of the instance that writes it

    @property
    def message(self) -> str:
        """jsonschema's message, written when asked (most are never read)."""
        text = self._text
        return text if isinstance(text, str) else text(self.instance)

    @classmethod
    def of(cls, error: ValidationError) -> _Error:
        validator = error.validator if isinstance(error.validator, str) else None
        context = [cls.of(sub) for sub in error.context or ()]
        copied = cls(validator, error.validator_value, error.instance, error.message, context)
        copied.absolute_path = tuple(error.absolute_path)
        return copied


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


def _expected_types(error: _Error) -> str:
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


def _categorise(error: _Error, instance: dict[str, Any]) -> list[Violation]:
    kind = error.validator
    top = str(error.absolute_path[0]) if error.absolute_path else None
    if kind == "required" and not error.absolute_path:
        return [
            Violation("missing", str(name), f"required field '{name}' is missing")
            for name in error.validator_value
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


# --- The checker: jsonschema's errors, without jsonschema ---------------------------------

Checker = Callable[[object], list[Violation] | None]
"""A check derived from a schema: the violations of a value, in :func:`check`'s order, or
None when it cannot say them exactly as jsonschema would (then jsonschema decides)."""

_Step = Callable[[Any, list[_Error]], None]
"""One keyword of a schema: appends jsonschema's errors for a value, paths relative to it."""

_DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
_PLAIN_ID = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d+)?(?:/[A-Za-z0-9._~/-]*)?#?")
"""``$id`` values that any checker of ``uri-reference`` (if one is installed) accepts."""


class _Fallback(Exception):
    """A value the checker cannot describe exactly as jsonschema would: jsonschema decides."""


def compile_checker(schema: object) -> Checker | None:
    """A checker derived from ``schema`` (a JSON Schema, Draft 2020-12), or None.

    It lists the violations jsonschema (``Draft202012Validator`` with
    :func:`format_checker`) would report, in the same order with the same messages,
    without importing jsonschema.  None when ``schema`` has a keyword outside
    ``_FOLLOWED`` or is one that jsonschema's ``check_schema`` might reject (so that
    a malformed schema still fails as it did: the checker is only built for schemas
    that surely are well formed).
    """
    try:
        describe = _compile_steps(schema)
    except _Undecidable:
        return None

    def checker(instance: object) -> list[Violation] | None:
        errors: list[_Error] = []
        try:
            describe(instance, errors)
        except _Fallback:
            return None
        return _violations(errors, instance)

    return checker


def _nothing(value: object, errors: list[_Error]) -> None:
    """The steps of a schema that accepts everything."""


def _compile_steps(schema: object) -> _Step:
    """The steps of ``schema``'s keywords, in the schema's order (jsonschema's order)."""
    if schema is True:
        return _nothing
    if schema is False:
        return _false_schema
    if not isinstance(schema, dict) or not set(schema) <= _FOLLOWED | _ANNOTATIONS:
        raise _Undecidable
    _check_annotations(schema)
    steps: list[_Step] = []
    for keyword, value in schema.items():
        step = _keyword_step(keyword, value, schema)
        if step is not _nothing:
            steps.append(step)
    if not steps:
        return _nothing
    if len(steps) == 1:
        return steps[0]
    every = tuple(steps)

    def describe(value: object, errors: list[_Error]) -> None:
        for step in every:
            step(value, errors)

    return describe


def _check_annotations(schema: Mapping[str, Any]) -> None:
    """Annotations as the 2020-12 meta-schema wants them (or as surely accepted)."""
    for keyword in ("title", "description", "$comment"):
        if keyword in schema and not isinstance(schema[keyword], str):
            raise _Undecidable
    if "$schema" in schema and schema["$schema"] != _DRAFT_2020_12:
        raise _Undecidable
    if "$id" in schema and not (
        isinstance(schema["$id"], str) and _PLAIN_ID.fullmatch(schema["$id"])
    ):
        raise _Undecidable
    if "examples" in schema and not isinstance(schema["examples"], list):
        raise _Undecidable
    if "$defs" in schema:
        if not isinstance(schema["$defs"], dict):
            raise _Undecidable
        for definition in schema["$defs"].values():  # never used (no $ref), but checked
            _compile_steps(definition)


def _keyword_step(keyword: str, value: Any, schema: Mapping[str, Any]) -> _Step:
    if keyword == "type":
        return _type_step(value)
    if keyword in {"minLength", "maxLength"}:
        return _length_step(keyword, _natural(value))
    if keyword == "pattern":
        return _pattern_step(value)
    if keyword == "format":
        return _format_step(value)
    if keyword == "required":
        return _required_step(value)
    if keyword == "properties":
        return _properties_step(value)
    if keyword == "additionalProperties":
        return _additional_step(value, schema.get("properties", {}))
    if keyword == "items":
        return _items_step(value)
    if keyword in {"anyOf", "allOf"}:
        if not isinstance(value, list) or not value:
            raise _Undecidable
        subs = [_compile_steps(sub) for sub in value]
        return _all_of_step(subs) if keyword == "allOf" else _any_of_step(subs, value)
    return _nothing  # an annotation


def _false_schema(value: object, errors: list[_Error]) -> None:
    errors.append(_Error(None, None, value, _false_message))


def _false_message(value: object) -> str:
    return f"False schema does not allow {value!r}"


def _has_type(value: object, names: frozenset[str]) -> bool:
    """jsonschema's Draft 2020-12 type test (its TypeChecker), for JSON's values."""
    if isinstance(value, str):
        return "string" in names
    if value is None:
        return "null" in names
    if isinstance(value, bool):
        return "boolean" in names
    if isinstance(value, int):
        return "integer" in names or "number" in names
    if isinstance(value, float):
        return "number" in names or ("integer" in names and value.is_integer())
    if isinstance(value, list):
        return "array" in names
    if isinstance(value, dict):
        return "object" in names
    raise _Fallback  # Decimal, a tuple ...: jsonschema's own type checker decides


def _type_step(types: object) -> _Step:
    listed = [types] if isinstance(types, str) else types
    if (
        not isinstance(listed, list)
        or not listed
        or not all(isinstance(name, str) and name in _TYPE_CLASSES for name in listed)
        or len(set(listed)) != len(listed)
    ):
        raise _Undecidable
    names = frozenset(listed)
    reprs = ", ".join(repr(name) for name in listed)

    def step(value: object, errors: list[_Error]) -> None:
        if not _has_type(value, names):
            errors.append(_Error("type", types, value, lambda v: f"{v!r} is not of type {reprs}"))

    return step


def _length_step(keyword: str, limit: int) -> _Step:
    if keyword == "minLength":
        short = "should be non-empty" if limit == 1 else "is too short"

        def too_short(value: object, errors: list[_Error]) -> None:
            if isinstance(value, str) and len(value) < limit:
                errors.append(_Error(keyword, limit, value, lambda v: f"{v!r} {short}"))

        return too_short

    def too_long(value: object, errors: list[_Error]) -> None:
        if isinstance(value, str) and len(value) > limit:
            if limit == 0:  # "is expected to be empty" since jsonschema 4.21, "is too long" before
                _require_current_messages()
            long = "is expected to be empty" if limit == 0 else "is too long"
            errors.append(_Error(keyword, limit, value, lambda v: f"{v!r} {long}"))

    return too_long


def _pattern_step(pattern: object) -> _Step:
    if not isinstance(pattern, str):
        raise _Undecidable
    try:  # jsonschema's ``pattern`` is re.search; its check_schema, re.compile
        search = re.compile(pattern).search
    except re.error:
        raise _Undecidable from None

    def step(value: object, errors: list[_Error]) -> None:
        if isinstance(value, str) and search(value) is None:
            errors.append(
                _Error("pattern", pattern, value, lambda v: f"{v!r} does not match {pattern!r}")
            )

    return step


def _format_step(name: object) -> _Step:
    if not isinstance(name, str):
        raise _Undecidable
    test = FORMATS.get(name)
    if test is None:
        return _nothing  # a format without a checker is an annotation

    def step(value: object, errors: list[_Error]) -> None:
        if not test(value):  # called on every value, as jsonschema's FormatChecker does
            errors.append(_Error("format", name, value, lambda v: f"{v!r} is not a {name!r}"))

    return step


def _required_step(required: object) -> _Step:
    names = _strings(required)
    if len(set(names)) != len(names):
        raise _Undecidable  # the meta-schema wants unique names
    if not names:
        return _nothing

    def step(value: object, errors: list[_Error]) -> None:
        if isinstance(value, dict):
            for name in names:
                if name not in value:
                    errors.append(
                        _Error("required", required, value, f"{name!r} is a required property")
                    )

    return step


def _prefix(errors: list[_Error], start: int, key: str | int) -> None:
    """Errors found in a value at ``key``: their paths start with it."""
    for index in range(start, len(errors)):
        error = errors[index]
        error.absolute_path = (key, *error.absolute_path)


def _properties_step(properties: object) -> _Step:
    if not isinstance(properties, dict):
        raise _Undecidable
    compiled = ((name, _compile_steps(sub)) for name, sub in properties.items())
    # jsonschema's error for a property whose schema is ``false`` has the object's path, not
    # the property's (its ``descend`` returns that error before it adds the path): so here.
    subs = tuple(
        (name, steps, steps is not _false_schema)
        for name, steps in compiled
        if steps is not _nothing
    )
    if not subs:
        return _nothing

    def step(value: object, errors: list[_Error]) -> None:
        if isinstance(value, dict):
            for name, describe, with_path in subs:
                if name in value:
                    start = len(errors)
                    describe(value[name], errors)
                    if with_path and len(errors) > start:
                        _prefix(errors, start, name)

    return step


def _additional_step(additional: object, properties: object) -> _Step:
    describe = _compile_steps(additional)
    if describe is _nothing or not isinstance(properties, dict):
        return _nothing  # (``properties`` not an object: _properties_step refuses it)

    def step(value: object, errors: list[_Error]) -> None:
        if not isinstance(value, dict):
            return
        extras = [name for name in value if name not in properties]
        if not extras:
            return
        if not all(isinstance(name, str) for name in extras):
            raise _Fallback  # jsonschema orders them as a set, and sorts them by str()
        if additional is False:
            if len(extras) > 1:  # listed in sorted order since jsonschema 4.19.2
                _require_current_messages()
            names = ", ".join(repr(name) for name in sorted(extras))
            verb = "was" if len(extras) == 1 else "were"
            message = f"Additional properties are not allowed ({names} {verb} unexpected)"
            errors.append(_Error("additionalProperties", False, value, message))
            return
        for name in extras:  # (jsonschema: in a set's order; check() sorts them by path)
            start = len(errors)
            describe(value[name], errors)
            if len(errors) > start:
                _prefix(errors, start, name)

    return step


def _items_step(items: object) -> _Step:
    if not isinstance(items, (dict, bool)):
        raise _Undecidable  # the array form of older drafts
    describe = _compile_steps(items)
    if describe is _nothing:
        return _nothing
    if items is False:

        def none_allowed(value: object, errors: list[_Error]) -> None:
            if isinstance(value, list) and value:
                _require_current_messages()  # worded so since jsonschema 4.19.2
                rest = value if len(value) != 1 else value[0]
                message = f"Expected at most 0 items but found {len(value)} extra: {rest!r}"
                errors.append(_Error("items", False, value, message))

        return none_allowed

    def step(value: object, errors: list[_Error]) -> None:
        if isinstance(value, list):
            for index, item in enumerate(value):
                start = len(errors)
                describe(item, errors)
                if len(errors) > start:
                    _prefix(errors, start, index)

    return step


def _all_of_step(subs: list[_Step]) -> _Step:
    every = tuple(sub for sub in subs if sub is not _nothing)
    if not every:
        return _nothing

    def step(value: object, errors: list[_Error]) -> None:
        for describe in every:
            describe(value, errors)

    return step


def _any_of_step(subs: list[_Step], choices: list[Any]) -> _Step:
    if any(sub is _nothing for sub in subs):
        return _nothing  # a choice that accepts everything: anyOf always passes
    every = tuple(subs)

    def step(value: object, errors: list[_Error]) -> None:
        found: list[_Error] = []
        for describe in every:
            start = len(found)
            describe(value, found)
            if len(found) == start:
                return  # (jsonschema stops at the first choice that passes)
        errors.append(
            _Error(
                "anyOf",
                choices,
                value,
                lambda v: f"{v!r} is not valid under any of the given schemas",
                found,
            )
        )

    return step


@cache
def _current_messages() -> bool:
    """Whether the installed jsonschema words its errors as 4.21 and later do (as the
    checker does).  Read only when a message that changed since 4.18 is about to be written.
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = re.match(r"(\d+)\.(\d+)", version("jsonschema"))
    except PackageNotFoundError:
        return False
    return found is not None and (int(found[1]), int(found[2])) >= (4, 21)


def _require_current_messages() -> None:
    if not _current_messages():
        raise _Fallback


def _violations(errors: Iterable[_Error], instance: object) -> list[Violation]:
    """The violations of jsonschema's ``errors``: sorted by path, categorised, each said once."""
    found: list[Violation] = []
    seen: set[tuple[str, str | None]] = set()
    fields = instance if isinstance(instance, dict) else {}
    required: list[object] = []  # the ``required`` lists whose missing names are listed
    for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
        if error.validator == "required" and not error.absolute_path:
            # One error per missing name, each categorised as all the list's missing names:
            # the list's second error adds nothing (all seen), so it is not categorised.
            if any(value is error.validator_value for value in required):
                continue
            required.append(error.validator_value)
        for violation in _categorise(error, fields):
            # minLength and a non-blank pattern both fail on "": one problem, said once.
            if violation.category == "other" or (violation.category, violation.field) not in seen:
                seen.add((violation.category, violation.field))
                found.append(violation)
    return found


def load_schema(path: str | None = None) -> Any:
    """The schema at ``path`` (default: the built-in one), parsed.

    A regular file of at most ``SCHEMA_SIZE_LIMIT`` only (else ``ValueError``); the
    configuration says so in a one-line error before any article is checked.
    """
    return json.loads(_read_bounded(Path(path or schema_path()), SCHEMA_SIZE_LIMIT))


def _read_bounded(path: Path, limit: int) -> bytes:
    """``read_regular_file``, its refusal as a ``ValueError`` that names the file."""
    try:
        return read_regular_file(path, limit)
    except NotReadable as exc:
        raise ValueError(f"{path}: {exc}") from None


@dataclass(frozen=True, slots=True)
class _Compiled:
    fast: FastCheck
    checker: Checker | None


@cache
def _compiled(path: str | None) -> _Compiled:
    """The checks derived from the schema at ``path`` (None: the built-in one), once."""
    loaded = load_schema(path)
    checker = compile_checker(loaded)
    if path is not None and checker is None:
        # A schema the checker does not follow may be malformed: jsonschema checks it (on
        # the first article, as before) and validates every article.
        return _Compiled(_undecided, None)
    return _Compiled(compile_fast_check(loaded), checker)


def _builtin_fast_check() -> FastCheck:
    return _compiled(None).fast


def surely_valid(instance: object) -> bool:
    """Whether ``instance`` is valid against the built-in schema, tested without jsonschema.

    The fast path for the common case: most articles are valid, and jsonschema takes
    a hundred times longer to say so (and a tenth of a second to import).  The check
    is derived from ``schemas/article.schema.json`` at first use
    (:func:`compile_fast_check`); anything it does not accept goes to the checker
    derived from the same file (:func:`compile_checker`), then to jsonschema.
    """
    return _compiled(None).fast(instance)


def check(instance: object, schema_file: str | None = None) -> list[Violation]:
    """All violations of the schema by ``instance``, in a stable order."""
    compiled = _compiled(schema_file)
    if compiled.fast(instance):
        return []
    if compiled.checker is not None:
        found = compiled.checker(instance)
        if found is not None:
            return found
    return jsonschema_violations(instance, validator(schema_file))


def jsonschema_violations(instance: object, checker: Draft202012Validator) -> list[Violation]:
    """The violations jsonschema finds (the reference the compiled checker reproduces)."""
    return _violations(map(_Error.of, checker.iter_errors(instance)), instance)


pickled_by_name(__name__)  # pickles as its name (dill, HF datasets: see newslint/__init__.py)
