"""Turn diagnostics into text for people (concise) or for programs (JSON)."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from typing import Any

from newslint.diagnostics import Diagnostic


def printable(text: str, keep: str = "") -> str:
    """``text`` safe to print: characters that act on a terminal or are invisible as escapes.

    Messages quote the article's text, and file names are the user's: a NUL, an escape
    sequence, a right-to-left override (U+202E), a line separator or a lone surrogate in
    them would garble or hijack the terminal (or fail to encode).  Controls, format
    characters, separators of lines and paragraphs, surrogates, private-use and unassigned
    code points become ``\\x00``, ``\\u202e``, ...; spaces of any width are kept, and so
    are the characters of ``keep`` (that the output format escapes its own way).
    """
    if text.isprintable():
        return text
    return "".join(
        char
        if char.isprintable() or char in keep or unicodedata.category(char) == "Zs"
        else _escaped(char)
        for char in text
    )


def _escaped(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def as_dict(diagnostic: Diagnostic) -> dict[str, Any]:
    loc = diagnostic.location
    fix = diagnostic.fix
    return {
        "path": diagnostic.path,
        "line": loc.line if loc else None,
        "column": loc.column if loc else None,
        "end_line": loc.end_line if loc else None,
        "end_column": loc.end_column if loc else None,
        "code": diagnostic.code,
        "name": diagnostic.name,
        "message": diagnostic.message,
        "severity": diagnostic.severity.value,
        "record": diagnostic.record,
        "field": diagnostic.field,
        "fix": None
        if fix is None
        else {
            "applicability": fix.applicability.value,
            "message": fix.message,
            "edits": [
                {
                    "line": span.line,
                    "column": span.column,
                    "end_line": span.end_line,
                    "end_column": span.end_column,
                    "content": content,
                }
                for span, content in diagnostic.fix_edits
            ],
        },
    }


def to_json(items: Sequence[dict[str, Any]]) -> str:
    """A JSON array with one object per line.

    Readable, and fast: ``indent`` would force Python's pure-Python encoder, which
    takes seconds on the tens of thousands of diagnostics a corpus can produce.
    """
    if not items:
        return "[]"
    lines = ",\n".join("  " + json.dumps(item, ensure_ascii=False) for item in items)
    return "[\n" + lines + "\n]"


def summary(
    remaining: int, safe: int, unsafe: int, fixed: int, fixing: bool, errors: int = 0
) -> str:
    """The closing line, in the style of Ruff; never "All checks passed!" if something failed."""
    if errors:
        line = _problems_line(remaining, safe, unsafe, fixed, fixing) if remaining or fixed else ""
        failed = (
            f"{errors} error{'s' if errors != 1 else ''}: some input could not be checked or "
            "fixed (the messages are on stderr)."
        )
        return f"{line}\n{failed}" if line else failed
    return _problems_line(remaining, safe, unsafe, fixed, fixing)


def _problems_line(remaining: int, safe: int, unsafe: int, fixed: int, fixing: bool) -> str:
    if fixing:
        if not remaining and not fixed:
            return "All checks passed!"
        total = remaining + fixed
        line = f"Found {total} problem{'s' if total != 1 else ''} ({fixed} fixed, {remaining} remaining)."
        if unsafe:
            line += f"\n{unsafe} more fixable with --unsafe-fixes."
        return line
    if not remaining:
        return "All checks passed!"
    line = f"Found {remaining} problem{'s' if remaining != 1 else ''}"
    details = []
    if safe:
        details.append(f"{safe} fixable with --fix")
    if unsafe:
        details.append(f"{unsafe} more with --fix --unsafe-fixes")
    return line + (f" ({', '.join(details)})" if details else "") + "."
