"""Format-specific readers: turn a file's text into articles with source maps.

Each reader module exposes a ``Reader`` with the file suffixes it handles, a
``parse`` that never raises on bad data (it returns ``ReadError``s instead), and
``append_edit`` that says how to add values to a list field in that format.
"""

from __future__ import annotations

from pathlib import Path

from newslint.context import DEFAULT_CONTEXT, RunContext
from newslint.document import Document
from newslint.readers.base import Reader, TextEdit, rename_fields

__all__ = [
    "Reader",
    "TextEdit",
    "parse_document",
    "reader_for",
    "rename_fields",
    "supported_suffixes",
]


def _readers() -> dict[str, Reader]:
    from newslint.readers.json_reader import JSON_READER, JSONL_READER
    from newslint.readers.text import TEXT_READER

    readers: list[Reader] = [TEXT_READER, JSON_READER, JSONL_READER]
    return {suffix: reader for reader in readers for suffix in reader.suffixes}


_BY_SUFFIX: dict[str, Reader] | None = None


def reader_for(path: str | Path) -> Reader | None:
    """The reader for a path's suffix (case-insensitive), or None."""
    global _BY_SUFFIX
    if _BY_SUFFIX is None:
        _BY_SUFFIX = _readers()
    return _BY_SUFFIX.get(Path(path).suffix.lower())


def supported_suffixes() -> tuple[str, ...]:
    return (".txt", ".json", ".jsonl")


def parse_document(
    path: str,
    fmt_reader: Reader,
    text: str,
    bom: bool,
    context: RunContext = DEFAULT_CONTEXT,
    first_line: int = 0,
) -> Document:
    """The articles of ``text``; ``first_line`` is how many lines of its file come before it."""
    articles, errors = fmt_reader.parse(path, text, context)
    return Document(
        path=path,
        format=fmt_reader.format,
        text=text,
        bom=bom,
        articles=articles,
        errors=errors,
        context=context,
        first_line=first_line,
    )
