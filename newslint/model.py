"""The article model: what an article says, and where each field's text sits in its source.

``Article`` is what readers produce and rules read.  It keeps the values exactly
as read (so that a wrong type or a bad date can be reported, not rejected on
load) and, for every text field, a ``FieldSpan`` into the document text so that
a diagnostic points at ``file:line:column`` and a fix rewrites exactly that span.

``ArticleContent`` is the strict shape of a valid article, kept in step with
``schemas/article.schema.json`` (a test proves they agree).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from newslint import jsonstr

TEXT_FIELDS = ("title", "byline", "caption", "body", "url")
"""Fields whose text is checked for artefacts, in reading order."""

PARAGRAPH_BREAK = re.compile(r"\r?\n[ \t]*\r?\n(?:[ \t]*\r?\n)*")
# PARAGRAPH_BREAK without its leading \r, so that the regex engine can jump from one
# \n to the next (several times faster); ``paragraph_spans`` takes the \r back.
_BREAK_FROM_NEWLINE = re.compile(r"\n[ \t]*\r?\n(?:[ \t]*\r?\n)*")
HTTP_URL_PATTERN = r"^https?://[^\s/?#]+[^\s]*$"


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


class Article(BaseModel):
    """One article as read from a file, with its source map."""

    model_config = ConfigDict(arbitrary_types_allowed=True, defer_build=True)

    path: str
    format: str
    record: int | None = Field(None, description="1-based line of the record in a JSONL file")
    values: dict[str, Any] = Field(default_factory=dict, description="field values as read")
    spans: dict[str, FieldSpan] = Field(default_factory=dict, description="text field -> source")
    start: int = Field(0, description="offset of the article in the document text")
    end: int = Field(0, description="offset just after the article in the document text")
    anchors: dict[str, Any] = Field(default_factory=dict, description="reader-private positions")

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

    def content(self) -> ArticleContent:
        """Validate the values into the strict model (raises ``pydantic.ValidationError``)."""
        return ArticleContent.model_validate(self.values)


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


class ArticleContent(BaseModel):
    """A valid article: the pydantic twin of ``schemas/article.schema.json``."""

    model_config = ConfigDict(extra="allow", title="Article", defer_build=True)

    title: str = Field(min_length=1, pattern=r"\S")
    byline: str | None = None
    published: date | datetime | None = None
    url: str = Field(pattern=HTTP_URL_PATTERN)
    caption: str | None = None
    body: str = Field(min_length=1, pattern=r"\S")
    related: list[str] = Field(default_factory=list)

    @field_validator("published", mode="before")
    @classmethod
    def _date_from_text_only(cls, value: object) -> object:
        """Like the schema: a date is written as text (pydantic would take a timestamp number)."""
        if value is not None and not isinstance(value, (str, date)):
            raise ValueError("published must be an ISO date or date-time string")
        return value

    @property
    def paragraphs(self) -> list[str]:
        return [text for _, _, text in iter_paragraphs(self.body)]
