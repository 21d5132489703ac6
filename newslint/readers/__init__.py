"""Format-specific readers: turn a file's text into articles with source maps.

Each reader module exposes a ``Reader`` with the file suffixes it handles, a
``parse`` that never raises on bad data (it returns ``ReadError``s instead), and
``append_edit`` that says how to add values to a list field in that format.
"""

from __future__ import annotations

import os
from pathlib import Path

from newslint.context import DEFAULT_CONTEXT, RunContext
from newslint.document import Document
from newslint.readers.base import Reader, TextEdit, rename_fields
from newslint.readers.compressed import COMPRESSED_SUFFIXES, compression_of, inner_name

__all__ = [
    "SUPPORTED_TYPES",
    "Reader",
    "TextEdit",
    "is_supported",
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
    """The reader for a path's suffix (case-insensitive), or None.

    A compressed file (``a.jsonl.gz``, ``a.json.zst``) is read by the reader of the
    suffix before its compression's: ``Path.suffix`` alone would say ``.gz``.
    """
    global _BY_SUFFIX
    if _BY_SUFFIX is None:
        _BY_SUFFIX = _readers()
    name = str(path)
    if compression_of(name) is not None:
        name = inner_name(name)
    return _BY_SUFFIX.get(Path(name).suffix.lower())


def supported_suffixes() -> tuple[str, ...]:
    """Every suffix of a file newslint reads, compressed ones included (``.jsonl.gz``)."""
    return (".txt", ".json", ".jsonl", *COMPRESSED_SUFFIXES)


def is_supported(path: str) -> bool:
    """Whether a file's name is one of ``supported_suffixes`` after a stem (case-insensitive):
    ``a.jsonl.gz`` is, ``.txt`` and ``a.gz`` are not."""
    name = os.path.basename(path).lower()
    return any(name.endswith(suffix) and len(name) > len(suffix) for suffix in supported_suffixes())


SUPPORTED_TYPES = ".txt, .json, .jsonl, or .json/.jsonl compressed as .gz or .zst"
"""How messages name the files newslint reads."""


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
