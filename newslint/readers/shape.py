"""Whether a JSON file holds articles at all: ``package.json``, a JSON Schema, a baseline
or a site profile sits in the same folders as a corpus, and is not one.

Such a file is skipped (a note under ``-v``), never reported as NL001 nor written.  An
object with at least one of the schema's article fields (``title``, ``body``, ``url``, ...,
after the configured field map) is an article, however many others it lacks: a record with
a ``body`` and no ``title`` is an article missing its title (NL001), not a stranger.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import cache

from newslint.context import ReadOptions
from newslint.document import Document

ARTICLE_FIELDS = frozenset({"title", "byline", "published", "url", "caption", "body", "related"})
"""The built-in schema's properties (``schemas/article.schema.json``; a test keeps them equal)."""

JSONL_SAMPLE = 5
"""How many first records of a JSONL file are looked at: if none of them is an article (nor
broken JSON), the file is not a corpus."""


@cache
def _schema_fields(schema_file: str | None) -> frozenset[str]:
    """The article fields of the run's schema: the built-in ones, and a user schema's."""
    if schema_file is None:
        return ARTICLE_FIELDS
    try:
        from newslint.schema import load_schema

        properties = load_schema(schema_file).get("properties")
    except (OSError, ValueError, AttributeError):
        return ARTICLE_FIELDS  # the configuration reports a bad schema file on its own
    names = (
        frozenset(str(name) for name in properties) if isinstance(properties, dict) else frozenset()
    )
    return ARTICLE_FIELDS | names


def is_article(value: object, read: ReadOptions) -> bool:
    """Whether a JSON value is article-shaped: an object with an article field, not a schema.

    An array of such objects counts too: it is a corpus in the wrong shape, which the
    reader reports as an error ("expected an article object, found an array"), not a
    stranger to skip.
    """
    if isinstance(value, list):
        return any(is_article(item, read) for item in value[:JSONL_SAMPLE])
    if not isinstance(value, dict):
        return False
    if "$schema" in value:  # a JSON Schema's own "title" and "description" are no article's
        return False
    fields = _schema_fields(read.schema_file)
    field_map: Mapping[str, str] = read.field_map
    return any(field_map.get(name, name) in fields for name in value)


def _what(value: object) -> str:
    if isinstance(value, dict):
        if "$schema" in value:
            return "a JSON Schema"
        keys = ", ".join(sorted(str(key) for key in value)[:4])
        more = ", ..." if len(value) > 4 else ""
        return f"an object without article fields ({keys}{more})" if value else "an empty object"
    kinds = {list: "an array", str: "a string", bool: "a boolean"}
    return kinds.get(type(value), "null" if value is None else "a number")


def not_an_article(document: Document, read: ReadOptions) -> str | None:
    """Why ``document`` (JSON or JSONL, parsed) is not a corpus file, or None if it may be.

    Broken JSON is never a reason: a corpus file with a syntax error is reported as one.
    """
    if document.format == "json":
        return _json_reason(document, read)
    if document.format == "jsonl":
        return _jsonl_reason(document, read)
    return None


def _json_reason(document: Document, read: ReadOptions) -> str | None:
    if document.articles:
        values = document.articles[0].values
        if is_article(values, read):
            return None
        return f"not an article: {_what(values)}"
    value = _loads(document.text)
    if value is _BROKEN or isinstance(value, dict) or is_article(value, read):
        return None
    return f"not an article: the file holds {_what(value)}, not an article object"


def _jsonl_reason(document: Document, read: ReadOptions) -> str | None:
    if document.articles and is_article(document.articles[0].values, read):
        return None  # the common case, decided without reading anything again
    seen: list[object] = []
    for line in _lines(document.text):
        if not line.strip():
            continue
        value = _loads(line)
        if value is _BROKEN or value == {} or is_article(value, read):
            # ``{}`` in a JSONL file is an empty record of a corpus (NL001 says what it
            # lacks), not a sign of another kind of data.
            return None
        seen.append(value)
        if len(seen) == JSONL_SAMPLE:
            break
    if not seen:
        return None
    return f"not an article: its first records hold {_what(seen[0])}, not article objects"


def jsonl_head_reason(path: str, read: ReadOptions, limit: int = 16 << 20) -> str | None:
    """``not_an_article`` for a JSONL file on disk, from its first records only (at most
    ``limit`` bytes read): what a big file checked in chunks can be judged by before any
    chunk is checked.  None if it may hold articles, or cannot be read (the check says so)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(limit)
    except OSError:
        return None
    cut = head.rfind(b"\n")
    if len(head) == limit and cut >= 0:
        head = head[: cut + 1]  # whole lines only
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return _jsonl_reason(Document(path, "jsonl", text), read)


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` one by one (a corpus of gigabytes is not split whole)."""
    position = 0
    while position < len(text):
        end = text.find("\n", position)
        if end < 0:
            end = len(text)
        yield text[position:end]
        position = end + 1


_BROKEN = object()


def _loads(text: str) -> object:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return _BROKEN
