"""What every reader is: the ``Reader`` protocol and the helpers all formats share."""

from __future__ import annotations

from collections.abc import Mapping
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
