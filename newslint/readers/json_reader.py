"""JSON (one article object per file) and JSONL (one article object per line).

The reader scans the top-level object itself so that it knows where each
member's value sits in the text: a fix then rewrites only the inside of the
string literal it changes, and every other byte stays as it was.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

from newslint import jsonstr, pickled_by_name
from newslint.context import DEFAULT_CONTEXT, RunContext
from newslint.diagnostics import ReadError
from newslint.document import Document
from newslint.model import TEXT_FIELDS, Article, FieldSpan, JsonPosition
from newslint.readers.base import TextEdit, rename_fields


class _Decoder(json.JSONDecoder):
    """The stock decoder, made picklable: it holds its C scanner (``_json.Scanner``), which
    pickle and dill refuse, so a copy of this module (dill copies modules it cannot import
    from ``site-packages``, such as an editable install's) failed; it pickles as a new one."""

    def __reduce__(self) -> tuple[type[_Decoder], tuple[()]]:
        return _Decoder, ()


_DECODER = _Decoder()
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_UNDECODED_BYTE = re.compile("[\udc80-\udcff]")
"""A byte that is not UTF-8, as ``surrogateescape`` decodes it: no JSON text holds one raw."""


def _skip(text: str, position: int) -> int:
    """The offset of the first non-whitespace character at or after ``position``."""
    match = _WHITESPACE.match(text, position)
    return match.end() if match else position


class JsonSyntaxError(ValueError):
    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.position = position


def _kind(value: object) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}.get(
        type(value), "null" if value is None else "a number"
    )


_AT_POSITION = re.compile(r"\s+(?:starting\s+)?at$")


def _reason(exc: json.JSONDecodeError) -> str:
    """The decoder's message without its dangling "at" ("Unterminated string starting at"):
    the line and column of the error say where."""
    return _AT_POSITION.sub("", exc.msg)


def _unreadable_value(exc: ValueError) -> str:
    """A value the JSON decoder raised a plain ``ValueError`` for: an integer longer than
    Python's limit for converting digits (``sys.get_int_max_str_digits``, 4,300)."""
    reason = str(exc).split(";", 1)[0]
    if "digits" in reason:
        return f"number too long to read ({reason}); record not checked"
    return f"value cannot be read ({reason}); record not checked"


def scan_object(text: str, position: int) -> tuple[dict[str, Any], dict[str, tuple[int, int]], int]:
    """Parse the JSON object starting at ``position`` (after whitespace).

    Returns the members, the (start, end) text span of each member's value and
    the offset just after the closing brace.  Raises ``JsonSyntaxError``.
    """
    position = _skip(text, position)
    if not text.startswith("{", position):
        try:
            value, _ = _DECODER.raw_decode(text, position)
        except json.JSONDecodeError as exc:
            raise JsonSyntaxError(f"invalid JSON: {_reason(exc)}", exc.pos) from None
        except RecursionError:
            raise JsonSyntaxError("invalid JSON: nested too deeply", position) from None
        except ValueError as exc:  # a number Python will not convert (over 4,300 digits)
            raise JsonSyntaxError(_unreadable_value(exc), position) from None
        raise JsonSyntaxError(f"expected an article object, found {_kind(value)}", position)
    members: dict[str, Any] = {}
    spans: dict[str, tuple[int, int]] = {}
    position = _skip(text, position + 1)
    if text.startswith("}", position):
        return members, spans, position + 1
    while True:
        if not text.startswith('"', position):
            raise JsonSyntaxError(
                "invalid JSON: expected a property name in double quotes", position
            )
        try:
            key, position = scanstring(text, position + 1, True)
            position = _skip(text, position)
            if not text.startswith(":", position):
                raise JsonSyntaxError("invalid JSON: expected ':' after a property name", position)
            value_start = _skip(text, position + 1)
            value, position = _DECODER.raw_decode(text, value_start)
        except json.JSONDecodeError as exc:
            raise JsonSyntaxError(f"invalid JSON: {_reason(exc)}", exc.pos) from None
        except RecursionError:
            raise JsonSyntaxError("invalid JSON: nested too deeply", value_start) from None
        except ValueError as exc:  # a number Python will not convert (over 4,300 digits)
            raise JsonSyntaxError(_unreadable_value(exc), value_start) from None
        members[key] = value
        spans[key] = (value_start, position)
        position = _skip(text, position)
        if text.startswith(",", position):
            position = _skip(text, position + 1)
            continue
        if text.startswith("}", position):
            return members, spans, position + 1
        raise JsonSyntaxError("invalid JSON: expected ',' or '}' after a value", position)


def build_article(
    path: str,
    fmt: str,
    text: str,
    base: int,
    record: int | None,
    members: dict[str, Any],
    spans: dict[str, tuple[int, int]],
    object_end: int,
    context: RunContext = DEFAULT_CONTEXT,
) -> Article:
    """An article from a scanned object; ``base`` shifts spans into document offsets.

    With a field map, members and their spans are renamed to schema names alike:
    rules see ``body`` while the span still points at the record's ``"text"``.
    """
    field_map = context.read.field_map
    if field_map:
        members = rename_fields(members, field_map)
        spans = rename_fields(spans, field_map)
    field_spans: dict[str, FieldSpan] = {}
    for name in TEXT_FIELDS:
        if isinstance(members.get(name), str):
            start, end = spans[name]
            inner_start, inner_end = base + start + 1, base + end - 1
            escaped = "\\" in text[start + 1 : end - 1]
            field_spans[name] = FieldSpan(inner_start, inner_end, "json", escaped)
    position = JsonPosition(
        object_end=base + object_end,
        member_spans={name: (base + s, base + e) for name, (s, e) in spans.items()},
        dataset_names={schema: dataset for dataset, schema in field_map.items()},
    )
    return Article(
        path,
        fmt,
        record,
        members,
        field_spans,
        start=base + _skip(text, 0),
        end=base + object_end,
        position=position,
        context=context,
    )


def _line_indent(text: str, offset: int) -> str:
    line_start = text.rfind("\n", 0, offset) + 1
    return text[line_start : _skip(text, line_start)].lstrip("\r\n")


def _separator_after(text: str, position: int) -> str | None:
    """The ``,`` and the whitespace after it at ``position`` (after whitespace), if on one line."""
    position = _skip(text, position)
    if not text.startswith(",", position):
        return None
    separator = text[position : _skip(text, position + 1)]
    return None if "\n" in separator or "\r" in separator else separator


def _item_separator(
    text: str, member_spans: dict[str, tuple[int, int]], array_start: int | None = None
) -> str:
    """How the file separates items on one line: ``", "`` (``json.dumps``) or ``","`` (minified).

    Read off the array's first two elements if it has them, else off the object's first two members.
    """
    if array_start is not None:
        try:
            first = _skip(text, array_start + 1)
            _, end = _DECODER.raw_decode(text, first)
        except (json.JSONDecodeError, RecursionError):
            end = None
        if end is not None:
            separator = _separator_after(text, end)
            if separator is not None:
                return separator
    ends = sorted(end for _, end in member_spans.values())
    if len(ends) >= 2:
        separator = _separator_after(text, ends[0])
        if separator is not None:
            return separator
    return ", "


def append_to_list(
    document: Document, article: Article, field: str, values: list[str]
) -> TextEdit | None:
    """Append string values to a JSON array member, creating the member if absent."""
    text = document.text
    style = document.json_style
    literals = [f'"{jsonstr.encode(value, style)}"' for value in values]
    position = article.position
    if not isinstance(position, JsonPosition):
        return None
    member_spans = position.member_spans
    current = article.values.get(field)
    if field in member_spans:
        if not isinstance(current, list):
            return None
        start, end = member_spans[field]
        close = end - 1
        if not current:
            return (start + 1, close, _item_separator(text, member_spans).join(literals))
        last = close
        while text[last - 1] in " \t\r\n":
            last -= 1
        if "\n" in text[start:end]:
            separator = "," + document.newline + _line_indent(text, last)
        else:
            separator = _item_separator(text, member_spans, start)
        return (last, last, "".join(separator + literal for literal in literals))
    inline_separator = _item_separator(text, member_spans)
    array = "[" + inline_separator.join(literals) + "]"
    object_end = position.object_end
    close = object_end - 1
    if not member_spans:
        name = position.dataset_names.get(field, field)
        return (close, close, f'"{jsonstr.encode(name, style)}": {array}')
    last_name = max(member_spans, key=lambda name: member_spans[name][1])
    value_start, value_end = member_spans[last_name]
    colon = text.rfind(":", 0, value_start)
    key_separator = text[colon:value_start] if colon >= 0 else ": "
    if "\n" in text[value_end:close]:
        indent = _line_indent(text, value_start)
        prefix = "," + document.newline + indent
    else:
        prefix = inline_separator
    name = position.dataset_names.get(field, field)
    return (value_end, value_end, f'{prefix}"{jsonstr.encode(name, style)}"{key_separator}{array}')


class JsonReader:
    format = "json"
    suffixes = (".json",)

    def parse(
        self, path: str, text: str, context: RunContext = DEFAULT_CONTEXT
    ) -> tuple[list[Article], list[ReadError]]:
        if not text.strip():
            return [], [ReadError(path, "file is empty: no article to check")]
        try:
            members, spans, end = scan_object(text, 0)
            trailing = _skip(text, end)
            if trailing != len(text):
                raise JsonSyntaxError("invalid JSON: extra data after the article object", trailing)
        except JsonSyntaxError as exc:
            line = text.count("\n", 0, exc.position) + 1
            column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
            return [], [ReadError(path, str(exc), line, column)]
        article = build_article(path, self.format, text, 0, None, members, spans, end, context)
        return [article], []

    def append_edit(
        self, document: Document, article: Article, field: str, values: list[str]
    ) -> TextEdit | None:
        return append_to_list(document, article, field, values)


class JsonlReader:
    format = "jsonl"
    suffixes = (".jsonl",)

    def parse(
        self, path: str, text: str, context: RunContext = DEFAULT_CONTEXT
    ) -> tuple[list[Article], list[ReadError]]:
        articles: list[Article] = []
        errors: list[ReadError] = []
        position = 0
        line_number = 0
        length = len(text)
        # Bytes that are not UTF-8 (``runner.decode_lines``): their lines are reported there.
        undecoded = not text.isascii() and _UNDECODED_BYTE.search(text) is not None
        skipped = False
        while position < length:
            line_number += 1
            newline = text.find("\n", position)
            line_end = length if newline < 0 else newline
            line = text[position:line_end]
            if line.endswith("\r"):
                line = line[:-1]
            if undecoded and _UNDECODED_BYTE.search(line):
                skipped = True
            elif line.strip():
                try:
                    members, spans, end = scan_object(line, 0)
                    trailing = _skip(line, end)
                    if trailing != len(line):
                        raise JsonSyntaxError(
                            "invalid JSON: extra data after the article object", trailing
                        )
                except JsonSyntaxError as exc:
                    errors.append(ReadError(path, str(exc), line_number, exc.position + 1))
                else:
                    articles.append(
                        build_article(
                            path,
                            self.format,
                            line,
                            position,
                            line_number,
                            members,
                            spans,
                            end,
                            context,
                        )
                    )
            position = line_end + 1
        if not articles and not errors and not skipped:
            errors.append(ReadError(path, "file is empty: no article to check"))
        return articles, errors

    def append_edit(
        self, document: Document, article: Article, field: str, values: list[str]
    ) -> TextEdit | None:
        return append_to_list(document, article, field, values)


JSON_READER = JsonReader()
JSONL_READER = JsonlReader()

# Pickled by name (HuggingFace ``datasets`` hashes functions with dill): see ``newslint``.
pickled_by_name(__name__)
