"""Format-specific readers: turn a file's text into articles with source maps.

Each reader module exposes a ``Reader`` with the file suffixes it handles, a
``parse`` that never raises on bad data (it returns ``ReadError``s instead), and
``append_edit`` that says how to add values to a list field in that format.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Protocol, TypeVar

from newslint.context import DEFAULT_CONTEXT, RunContext
from newslint.diagnostics import ReadError
from newslint.document import Document
from newslint.model import Article

TextEdit = tuple[int, int, str]
"""(start, end, replacement) in document text offsets."""

V = TypeVar("V")


def rename_fields(record: Mapping[str, V], field_map: Mapping[str, str]) -> dict[str, V]:
    """``record`` with its keys renamed by ``field_map`` (dataset name -> schema name).

    Readers apply it to a JSON record's members and to their spans alike, so rules
    see schema names while spans still point at the dataset's keys.  A mapped key
    wins over an unmapped key that already has the schema name.
    """
    renamed: dict[str, V] = {}
    for key, value in record.items():
        if key in field_map:
            renamed[field_map[key]] = value
        elif key not in renamed:
            renamed[key] = value
    return renamed


class Reader(Protocol):
    @property
    def format(self) -> str: ...

    @property
    def suffixes(self) -> tuple[str, ...]: ...

    def parse(
        self, path: str, text: str, context: RunContext = DEFAULT_CONTEXT
    ) -> tuple[list[Article], list[ReadError]]:
        """The file's articles (each pointing at ``context``) and what could not be read."""
        ...

    def append_edit(
        self, document: Document, article: Article, field: str, values: list[str]
    ) -> TextEdit | None:
        """An edit that appends ``values`` to the list ``field``, or None if it cannot."""
        ...


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
) -> Document:
    articles, errors = fmt_reader.parse(path, text, context)
    return Document(
        path=path,
        format=fmt_reader.format,
        text=text,
        bom=bom,
        articles=articles,
        errors=errors,
        context=context,
    )
