"""NL106: rows of a Markdown pipe table (``| a | b |``, ``|---|---|``) in the body."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.diagnostics import Diagnostic
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._markup import shorten

# One line that starts and ends with a pipe (bounded, anchored on the line start).
_ROW = compile_lazily(r"^[ \t]{0,3}\|([^\n]{0,2000})\|[ \t\r]*$", re.MULTILINE)
# A '|' that a row could start with: after a line break and at most three spaces or tabs.
# The regex engine skips from '|' to '|' (one lookbehind per width, as ``re`` wants),
# where _ROW's '^' was tried at every character.
_ROW_PIPE = compile_lazily(
    r"\|(?:(?<=\n\|)|(?<=\n[ \t]\|)|(?<=\n[ \t][ \t]\|)|(?<=\n[ \t][ \t][ \t]\|))"
)
_SEPARATOR_CELL = compile_lazily(r"[ \t]*:?-{3,}:?[ \t]*")


class TableDebris(Rule):
    code = "NL106"
    name = "table-debris"
    summary = "Rows of a Markdown pipe table (`| a | b |`, `|---|---|`) in the body."
    explanation = """\
HTML-to-Markdown converters write tables as pipe rows with a `|---|---|`
separator; layout tables (share bars, score boxes, navigation) end up as rows
of pipes in the text.

Reported once per block of rows, without a fix: a real table's cells need a
human to turn them into prose or drop them.  A block counts when it has a
separator row, two or more rows with the same number of cells, or a row whose
pipes are set off by spaces (`| a | b |`); absolute values such as `|x| + |y|`
are never flagged."""
    bad = "| Team | Points |\n|---|---|\n| Reds | 12 |"
    good = "(rewrite the table as prose, or drop it)"
    fields = ("body",)
    triggers = Triggers(chars="|")

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for field, text in article.text_fields(self.fields):
            if "|" not in text:
                continue
            block: list[re.Match[str]] = []
            for match in rows(text):
                if block and text.count("\n", block[-1].end(), match.start()) != 1:
                    yield from self._block(field, text, block)
                    block = []
                block.append(match)
            yield from self._block(field, text, block)

    def _block(self, field: str, text: str, rows: list[re.Match[str]]) -> Iterator[Diagnostic]:
        if not rows:
            return
        cells = [row.group(1).split("|") for row in rows]
        separator = any(all(_SEPARATOR_CELL.fullmatch(cell) for cell in row) for row in cells)
        columns = [len(row) for row in cells]
        repeated = len(rows) >= 2 and len(set(columns)) == 1 and columns[0] >= 2
        spaced = any(
            len(row) >= 2 and all(cell.startswith(" ") and cell.endswith(" ") for cell in row)
            for row in cells
        )
        if not (separator or repeated or spaced):
            return
        start, end = rows[0].start(), rows[-1].end()
        while text[end - 1] in " \t\r":
            end -= 1
        first = text[start:end].split("\n", 1)[0]
        yield self.diagnostic(
            field,
            start,
            end,
            f"Markdown table ({len(rows)} row{'s' if len(rows) > 1 else ''}): '{shorten(first)}'",
        )


def rows(text: str) -> Iterator[re.Match[str]]:
    """``_ROW.finditer(text)``, tried only at the starts of lines that start with a pipe.

    A row lies within one line and starts at the line's start, so each line holds at
    most one, and only a line whose first character after up to three spaces or tabs
    is '|' can hold one; _ROW_PIPE finds at most one such '|' per line.
    """
    first = _ROW.match(text)
    if first is not None:
        yield first
    for pipe in _ROW_PIPE.finditer(text):
        row = _ROW.match(text, text.rfind("\n", 0, pipe.start()) + 1)
        if row is not None:
            yield row
