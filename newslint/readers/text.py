"""Plain-text articles in the seed's layout.

    <blank lines>
    Title line

    By Byline

    November 01, 2024

    Photo caption ending in a credit. **Name / Agency**

    Body paragraph ...

    Related articles:
    - Headline of a promo moved out of the body by a fix

    Original url:

    https://example.com/...

Every part is optional.  Whatever the reader cannot place stays in the body, and
what is missing is left for the schema rules to report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from newslint.context import DEFAULT_CONTEXT, RunContext
from newslint.diagnostics import ReadError
from newslint.document import Document
from newslint.model import Article, FieldSpan, TextPosition
from newslint.readers.base import TextEdit

RELATED_HEADER = "Related articles:"
_FOOTER = re.compile(r"[ \t]*original\s+url\s*:[ \t]*", re.IGNORECASE)
_BYLINE = re.compile(r"[ \t]*By[ \t]+(\S.*?)[ \t]*")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?[ \t]+)?"
_TIME = r"(?:,?[ \t]+(?:at[ \t]+)?\d{1,2}[:.]\d{2}(?:[ \t]*[ap]\.?m\.?)?(?:[ \t]+[a-z]{2,5})?)?"
_DATE_FORMS = [
    re.compile(
        r"(?P<iso>(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
        r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)",
        re.IGNORECASE,
    ),
    re.compile(
        _WEEKDAY
        + _MONTH
        + r"[ \t]+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?[ \t]+(?P<year>\d{4})"
        + _TIME,
        re.I,
    ),
    re.compile(
        _WEEKDAY
        + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?[ \t]+"
        + _MONTH
        + r",?[ \t]+(?P<year>\d{4})"
        + _TIME,
        re.I,
    ),
]
_CREDIT_AT_END = re.compile(
    r"""(?:
        \*\*[^*\n]{2,120}\*\*                                   # **Name / Agency**
      | \(?(?:photo|foto|image|picture|credit|illustration)s?(?:[ \t]+(?:by|credit))?[ \t]*[:/][^\n]{2,100}
      | [A-Z][^\s/]{0,30}(?:[ \t]+[A-Z][^\s/]{0,30}){0,4}[ \t]*/[ \t]*[A-Z][\w.&'’ -]{1,40}  # Name / Agency
      | (?:AFP|AP|Reuters|TASS|EPA|Getty\ Images|Shutterstock|Xinhua|Anadolu|dpa)(?:[ \t]+Photos?)?\)?
    )[ \t]*$""",
    re.VERBOSE,
)
_MAX_TITLE = 300
_MAX_CAPTION = 600


@dataclass(slots=True)
class Block:
    """A paragraph: consecutive non-blank lines, as offsets into the text."""

    start: int
    end: int
    lines: list[tuple[int, int]]


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's content, without its line ending."""
    spans = []
    position = 0
    length = len(text)
    while position <= length:
        newline = text.find("\n", position)
        end = length if newline < 0 else newline
        content_end = end - 1 if end > position and text[end - 1] == "\r" else end
        spans.append((position, content_end))
        if newline < 0:
            break
        position = newline + 1
    return spans


def _blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    current: list[tuple[int, int]] = []
    for start, end in _lines(text):
        if text[start:end].strip():
            current.append((start, end))
        elif current:
            blocks.append(Block(current[0][0], current[-1][1], current))
            current = []
    if current:
        blocks.append(Block(current[0][0], current[-1][1], current))
    return blocks


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def parse_date(line: str) -> str | None:
    """ISO form of a date line (``November 01, 2024`` -> ``2024-11-01``).

    A line shaped like a date that is not a real one (``February 30, 2024``) gives
    an ISO-shaped string (``2024-02-30``) for the schema to report.  None if it is
    not a date line.
    """
    for form in _DATE_FORMS:
        match = form.fullmatch(line.strip())
        if not match:
            continue
        groups = match.groupdict()
        if groups.get("iso"):
            return groups["iso"]
        year, month, day = int(groups["year"]), _MONTHS[groups["month"].lower()], int(groups["day"])
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return (
                f"{year:04d}-{month:02d}-{day:02d}"  # ISO-shaped, so NL003 says "not a real date"
            )
    return None


class TextReader:
    format = "txt"
    suffixes: tuple[str, ...] = (".txt",)

    def parse(
        self, path: str, text: str, context: RunContext = DEFAULT_CONTEXT
    ) -> tuple[list[Article], list[ReadError]]:
        if not text.strip():
            return [], [ReadError(path, "file is empty: no article to check")]
        article = Article(path, self.format, end=len(text), context=context)
        blocks = _blocks(text)
        start = self._first_non_blank(text)
        article.start = start
        blocks, footer_start = self._read_footer(text, blocks, article)
        blocks = self._read_related(text, blocks, footer_start, article)
        blocks = self._read_header(text, blocks, article)
        if blocks:
            self._set(article, "body", text, blocks[0].start, blocks[-1].end)
        return [article], []

    @staticmethod
    def _first_non_blank(text: str) -> int:
        stripped = len(text) - len(text.lstrip())
        return stripped

    @staticmethod
    def _set(article: Article, name: str, text: str, start: int, end: int) -> None:
        start, end = _trimmed(text, start, end)
        article.values[name] = text[start:end]
        article.spans[name] = FieldSpan(start, end)

    def _read_footer(
        self, text: str, blocks: list[Block], article: Article
    ) -> tuple[list[Block], int | None]:
        for index in range(len(blocks) - 1, -1, -1):
            line_start, line_end = blocks[index].lines[0]
            label = _FOOTER.match(text, line_start, line_end)
            if not label:
                continue
            url_start = label.end()
            url_end = blocks[-1].end
            if url_start < url_end and text[url_start:url_end].strip():
                self._set(article, "url", text, url_start, url_end)
            return blocks[:index], line_start
        return blocks, None

    def _read_related(
        self, text: str, blocks: list[Block], footer: int | None, article: Article
    ) -> list[Block]:
        if blocks:
            last = blocks[-1]
            first_start, first_end = last.lines[0]
            if text[first_start:first_end].strip() == RELATED_HEADER:
                items = [text[s:e].strip() for s, e in last.lines[1:]]
                article.values["related"] = [
                    item[1:].strip() if item.startswith("-") else item for item in items
                ]
                article.position = TextPosition(related_end=last.end)
                return blocks[:-1]
        article.position = TextPosition(related_insert=footer)
        return blocks

    def _read_header(self, text: str, blocks: list[Block], article: Article) -> list[Block]:
        """Title, byline, date and caption, in that order at the top; all optional."""
        position = 0
        if position < len(blocks) and self._is_title(text, blocks[position]):
            self._set(article, "title", text, blocks[position].start, blocks[position].end)
            position += 1
        for _ in range(2):
            if position >= len(blocks) or len(blocks[position].lines) != 1:
                break
            block = blocks[position]
            line = text[block.start : block.end]
            byline = _BYLINE.fullmatch(line)
            if byline and "byline" not in article.values:
                self._set(
                    article,
                    "byline",
                    text,
                    block.start + byline.start(1),
                    block.start + byline.end(1),
                )
            elif (published := parse_date(line)) is not None and "published" not in article.values:
                start, end = _trimmed(text, block.start, block.end)
                article.values["published"] = published
                article.spans["published"] = FieldSpan(start, end)
            else:
                break
            position += 1
        if position < len(blocks) - 1 and self._is_caption(text, blocks[position]):
            self._set(article, "caption", text, blocks[position].start, blocks[position].end)
            position += 1
        return blocks[position:]

    @staticmethod
    def _is_title(text: str, block: Block) -> bool:
        line = text[block.start : block.end].strip()
        return (
            len(block.lines) == 1
            and len(line) <= _MAX_TITLE
            and not _BYLINE.fullmatch(line)
            and parse_date(line) is None
        )

    @staticmethod
    def _is_caption(text: str, block: Block) -> bool:
        if block.end - block.start > _MAX_CAPTION:
            return False
        tail_start = max(block.start, block.end - 200)
        return _CREDIT_AT_END.search(text, tail_start, block.end) is not None

    def append_edit(
        self, document: Document, article: Article, field: str, values: list[str]
    ) -> TextEdit | None:
        if field != "related" or not values:
            return None
        newline = document.newline
        items = "".join(f"{newline}- {value}" for value in values)
        position = article.position
        end = position.related_end if isinstance(position, TextPosition) else None
        if end is not None:
            return (end, end, items)
        footer = position.related_insert if isinstance(position, TextPosition) else None
        if footer is not None:
            return (footer, footer, f"{RELATED_HEADER}{items}{newline}{newline}")
        text = document.text
        tail = len(text.rstrip())
        return (tail, tail, f"{newline}{newline}{RELATED_HEADER}{items}")


TEXT_READER = TextReader()
