"""The text of checked files, read lazily, for output formats that quote it (full, SARIF)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from newslint.diagnostics import Location
from newslint.document import DecodeError, decode
from newslint.readers.compressed import CompressionError, compression_of, decompress


class SourceLines:
    """Lines of each file a diagnostic names, from a mapping ``path -> text`` or from disk.

    Lines are split on ``\\n`` only, as ``Document.position`` counts them, and keep any
    ``\\r`` (columns count it).  The UTF-8 byte-order mark is not part of line 1, as in
    the engine.  A file that cannot be read gives ``None``: output then goes on without
    the quote.  Read the file before ``--fix`` rewrites it only if the diagnostics are the
    ones found before the fix; the runner's remaining diagnostics refer to the fixed text.
    """

    def __init__(self, texts: Mapping[str, str] | None = None) -> None:
        self._texts: dict[str, str] = dict(texts or {})
        self._lines: dict[str, list[str] | None] = {}

    def lines(self, path: str) -> list[str] | None:
        if path not in self._lines:
            text = self._texts.get(path)
            if text is None:
                text = _read(path)
            lines = None if text is None else text.split("\n")
            if lines and len(lines) > 1 and lines[-1] == "":
                lines.pop()  # the file's last newline ends a line; it does not start one
            self._lines[path] = lines
        return self._lines[path]

    def line(self, path: str, number: int) -> str | None:
        """Line ``number`` (1-based) without its ``\\n``, or None."""
        lines = self.lines(path)
        if lines is None or not 1 <= number <= len(lines):
            return None
        return lines[number - 1]

    def span(self, path: str, location: Location) -> str | None:
        """The text a location covers (lines joined by ``\\n``), or None."""
        lines = self.lines(path)
        if lines is None or not 1 <= location.line <= location.end_line <= len(lines):
            return None
        first, last = location.line - 1, location.end_line - 1
        if first == last:
            return lines[first][location.column - 1 : location.end_column - 1]
        parts = [lines[first][location.column - 1 :]]
        parts += lines[first + 1 : last]
        parts.append(lines[last][: location.end_column - 1])
        return "\n".join(parts)


def _read(path: str) -> str | None:
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    compression = compression_of(path)
    if compression is not None:  # a .jsonl.gz: diagnostics point into the text it holds
        try:
            data = decompress(data, compression)
        except CompressionError:
            return None
    try:
        return decode(data)[0]
    except DecodeError:
        return data.decode("utf-8", errors="replace")
