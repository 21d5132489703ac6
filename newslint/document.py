"""A file as newslint holds it: its decoded text, how to turn it back into the same bytes,
and how to turn offsets into line and column."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from newslint import jsonstr
from newslint.context import DEFAULT_CONTEXT, RunContext
from newslint.diagnostics import ReadError
from newslint.model import Article

UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class DecodeError(Exception):
    """Bytes that are not UTF-8 text; carries the line and column where it went wrong."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def decode(data: bytes, first_byte: int = 0) -> tuple[str, bool]:
    """Decode UTF-8 strictly; return (text, had_bom).  Never guesses, never replaces.

    ``first_byte`` is where ``data`` starts in its file, for a chunk of a file read in
    pieces: messages give file offsets, and only a file's first bytes can be a BOM.
    Lines in the error are counted from the start of ``data``.
    """
    at_start = first_byte == 0
    if at_start and data.startswith(_UTF16_BOMS) and not data.startswith(UTF8_BOM):
        raise DecodeError(
            "file is UTF-16 (it starts with a UTF-16 byte-order mark); convert it to UTF-8"
        )
    # The whole file, not only its start: a NUL byte deep in a file is no more text than one at
    # its start, and a fix must not quietly delete it (a text rule would).
    offset = data.find(b"\x00")
    if offset >= 0:
        line = data.count(b"\n", 0, offset) + 1
        column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
        raise DecodeError(
            f"binary file (NUL byte at byte offset {first_byte + offset}); not checked",
            line,
            column,
        )
    bom = at_start and data.startswith(UTF8_BOM)
    body = data[len(UTF8_BOM) :] if bom else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(UTF8_BOM) if bom else 0)
        line = data.count(b"\n", 0, offset) + 1
        column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
        raise DecodeError(
            f"not valid UTF-8: byte 0x{data[offset]:02x} at byte offset {first_byte + offset} "
            f"({exc.reason})",
            line,
            column,
        ) from None
    return text, bom


def line_starts(text: str) -> list[int]:
    """The offset where each line of ``text`` starts (lines end at ``\n`` only)."""
    starts = [0]
    find = text.find
    index = find("\n")
    while index >= 0:
        starts.append(index + 1)
        index = find("\n", index + 1)
    return starts


@dataclass(slots=True)
class Document:
    """One file: its text, the articles read from it, and what could not be read."""

    path: str
    format: str
    text: str
    bom: bool = False
    articles: list[Article] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)
    context: RunContext = DEFAULT_CONTEXT
    """The run it was read for; a fix re-reads its text the same way."""
    first_line: int = 0
    """Lines of the file before ``text`` (a chunk of a big file): positions are the file's."""
    _line_starts: list[int] | None = None
    _json_style: jsonstr.JsonStyle | None = None

    @property
    def json_style(self) -> jsonstr.JsonStyle:
        """How the file escapes its JSON strings (read once: it scans the whole text)."""
        if self._json_style is None:
            self._json_style = jsonstr.JsonStyle.detect(self.text)
        return self._json_style

    def preset_json_style(self, style: jsonstr.JsonStyle) -> None:
        """Use ``style`` rather than reading it off this text (a chunk of a file, a fix pass)."""
        self._json_style = style

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a text offset; columns count characters."""
        if self._line_starts is None:
            self._line_starts = line_starts(self.text)
        line_index = bisect.bisect_right(self._line_starts, offset) - 1
        return self.first_line + line_index + 1, offset - self._line_starts[line_index] + 1

    def encode(self, text: str) -> bytes:
        """Bytes for ``text`` in this file's encoding (UTF-8, with the BOM if it had one)."""
        data = text.encode("utf-8")
        return UTF8_BOM + data if self.bom else data

    @property
    def newline(self) -> str:
        return "\r\n" if "\r\n" in self.text else "\n"
