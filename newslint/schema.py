"""Check an article's values against ``schemas/article.schema.json`` with jsonschema.

Violations are sorted into categories here (missing field, wrong type, bad
date, bad URL, empty body, blank field, other) so that each schema rule claims
one category and no violation is reported twice.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources
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
    packaged = resources.files("newslint") / "_schemas" / SCHEMA_NAME
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "schemas" / SCHEMA_NAME


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


def format_checker() -> FormatChecker:
    """Date formats that reject impossible dates (2024-02-30) without extra packages."""
    from jsonschema import FormatChecker

    checker = FormatChecker(formats=())
    checker.checks("date")(_is_real_date)
    checker.checks("date-time")(_is_real_date_time)
    return checker


@cache
def validator(path: str | None = None) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    schema = json.loads(Path(path or schema_path()).read_text(encoding="utf-8"))
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


_NOT_BLANK = re.compile(r"\S")
_HTTP_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$")


def _surely_valid(instance: object) -> bool:
    """Whether ``instance`` is valid against the built-in schema, tested directly.

    The fast path for the common case: most articles are valid, and jsonschema takes
    a hundred times longer to say so.  It follows ``schemas/article.schema.json``
    keyword by keyword (``pattern`` searches, as jsonschema's does); anything it does
    not accept goes to jsonschema, which then finds and describes the violations.
    """
    if not isinstance(instance, dict):
        return False
    for name in ("title", "body"):
        value = instance.get(name)
        if not isinstance(value, str) or not value or not _NOT_BLANK.search(value):
            return False
    url = instance.get("url")
    if not isinstance(url, str) or not _HTTP_URL.search(url):
        return False
    for name in ("byline", "caption"):
        if name in instance and not (instance[name] is None or isinstance(instance[name], str)):
            return False
    if "published" in instance:
        published = instance["published"]
        if published is not None and not (
            isinstance(published, str)
            and (_is_real_date(published) or _is_real_date_time(published))
        ):
            return False
    if "related" in instance:
        related = instance["related"]
        if not isinstance(related, list) or not all(isinstance(item, str) for item in related):
            return False
    return True


def check(instance: object, schema_file: str | None = None) -> list[Violation]:
    """All violations of the schema by ``instance``, in a stable order."""
    if schema_file is None and _surely_valid(instance):
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
