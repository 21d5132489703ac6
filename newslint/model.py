"""The article model: what an article says, and where each field's text sits in its source.

``Article`` is what readers produce and rules read.  It keeps the values exactly
as read (so that a wrong type or a bad date can be reported, not rejected on
load) and, for every text field, a ``FieldSpan`` into the document text so that
a diagnostic points at ``file:line:column`` and a fix rewrites exactly that span.

A plain slotted dataclass, not a validating model: readers build hundreds of thousands
of them, and what a valid article is, is said once, by ``schemas/article.schema.json``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from newslint import jsonstr, pickled_by_name
from newslint.context import DEFAULT_CONTEXT, RunContext

if TYPE_CHECKING:
    from newslint.schema import Violation

TEXT_FIELDS = ("title", "byline", "caption", "body", "url")
"""Fields whose text is checked for artefacts, in reading order."""

PARAGRAPH_BREAK = re.compile(r"\r?\n[ \t]*\r?\n(?:[ \t]*\r?\n)*")
# PARAGRAPH_BREAK without its leading \r, so that the regex engine can jump from one
# \n to the next (several times faster); ``paragraph_spans`` takes the \r back.
_BREAK_FROM_NEWLINE = re.compile(r"\n[ \t]*\r?\n(?:[ \t]*\r?\n)*")


@dataclass(slots=True)
class FieldSpan:
    """Where a field's text sits in the document text.

    ``start``/``end`` are offsets into the decoded document text.  For a JSON
    string, they delimit the literal's inside (without quotes) and ``escaped``
    says whether its raw text differs from its decoded text.
    """

    start: int
    end: int
    kind: Literal["plain", "json"] = "plain"
    escaped: bool = False
    _escapes: tuple[list[int], list[int], list[int]] | None = field(default=None, repr=False)

    def to_source(self, document: str, offset: int) -> int:
        """Map an offset into the field's decoded text to an offset in the document.

        The literal's escapes are found once (one regex scan) and each offset is then
        placed among them by bisection: no per-character offset table is built.
        """
        if not self.escaped:
            return self.start + offset
        if self._escapes is None:
            self._escapes = jsonstr.escapes(document[self.start : self.end])
        decoded, starts, ends = self._escapes
        index = bisect.bisect_right(decoded, offset) - 1
        if index < 0:
            return self.start + offset
        if decoded[index] == offset:
            return self.start + starts[index]
        return self.start + ends[index] + (offset - decoded[index] - 1)


@dataclass(frozen=True, slots=True)
class JsonPosition:
    """Where a JSON record's parts are in the document: what a list append needs."""

    object_end: int
    """Offset just after the record's closing brace."""
    member_spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Schema field name -> (start, end) of its value in the document text."""
    dataset_names: dict[str, str] = field(default_factory=dict)
    """Schema field name -> the dataset's name for it (a configured field map, inverted)."""


@dataclass(frozen=True, slots=True)
class TextPosition:
    """Where a text file's ``Related`` block is, or where one would go."""

    related_end: int | None = None
    """Offset just after the last item of an existing ``Related`` block."""
    related_insert: int | None = None
    """Where a new ``Related`` block goes (before the url footer), if there is a footer."""


ReaderPosition = JsonPosition | TextPosition


@dataclass(slots=True, eq=False)
class Article:
    """One article as read from a file, with its source map and its run's context."""

    path: str
    format: str
    record: int | None = None
    """1-based line of the record in a JSONL file."""
    values: dict[str, Any] = field(default_factory=dict)
    """Field values as read (any JSON type: a wrong one is reported, not rejected)."""
    spans: dict[str, FieldSpan] = field(default_factory=dict)
    """Text field -> where its text is in the document."""
    start: int = 0
    """Offset of the article in the document text."""
    end: int = 0
    """Offset just after the article in the document text."""
    position: ReaderPosition | None = None
    """The reader's own positions (where a list append goes), typed per format."""
    context: RunContext = DEFAULT_CONTEXT
    """The run's read options and corpus statistics."""
    schema_violations: list[Violation] | None = None
    """The schema check's result, once made (several schema rules read it)."""

    # Typed views of the common fields -------------------------------------------------
    @property
    def title(self) -> str | None:
        return self.text("title")

    @property
    def byline(self) -> str | None:
        return self.text("byline")

    @property
    def url(self) -> str | None:
        return self.text("url")

    @property
    def caption(self) -> str | None:
        return self.text("caption")

    @property
    def body(self) -> str | None:
        return self.text("body")

    @property
    def published(self) -> date | None:
        value = self.values.get("published")
        if isinstance(value, str):
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                return None
        return None

    @property
    def related(self) -> list[str]:
        value = self.values.get("related")
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    @property
    def paragraphs(self) -> list[str]:
        return [text for _, _, text in iter_paragraphs(self.body or "")]

    def text(self, name: str) -> str | None:
        """The field's text, or None when it is absent or not a string."""
        value = self.values.get(name)
        return value if isinstance(value, str) else None

    def text_fields(self, names: tuple[str, ...] = TEXT_FIELDS) -> Iterator[tuple[str, str]]:
        """(name, text) for each of ``names`` that is a string with a known span."""
        for name in names:
            value = self.values.get(name)
            if isinstance(value, str) and name in self.spans:
                yield name, value


def iter_paragraphs(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, paragraph) for each non-blank paragraph of ``text``."""
    return iter(paragraph_spans(text))


@lru_cache(maxsize=16)
def paragraph_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """``iter_paragraphs`` as a tuple, cached: a dozen rules split the same body."""
    found: list[tuple[int, int, str]] = []
    position = 0
    for match in _BREAK_FROM_NEWLINE.finditer(text):
        start = match.start()
        if start > 0 and text[start - 1] == "\r":
            start -= 1  # PARAGRAPH_BREAK's optional \r: taken back into the break
        if start > position:
            found.append((position, start, text[position:start]))
        position = match.end()
    if position < len(text):
        found.append((position, len(text), text[position:]))
    return tuple(found)


# Pickled by name (HuggingFace ``datasets`` hashes functions with dill): see ``newslint``.
pickled_by_name(__name__)
