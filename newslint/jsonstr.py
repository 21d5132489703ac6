"""JSON string literals: map decoded offsets to raw offsets, and encode in a file's style.

A fix to a JSON file must rewrite only the characters it changes, escaped the
way the rest of the file is escaped (``ensure_ascii`` or raw UTF-8, upper- or
lower-case hex, ``\\/`` or ``/``), so that every other byte stays identical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SHORT_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f/]|[^\x00-\x7e]')
# An escape is a backslash preceded by an even number of backslashes ("\\\\u00E9" is not one).
_HEX_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\u([0-9a-fA-F]{4})")
_SLASH_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\/")


@dataclass(frozen=True, slots=True)
class JsonStyle:
    """How a file escapes its strings, read off the file itself."""

    ensure_ascii: bool = True
    upper_hex: bool = False
    escape_slash: bool = False

    @classmethod
    def detect(cls, text: str) -> JsonStyle:
        upper_hex = False
        for match in _HEX_ESCAPE.finditer(text):
            digits = match.group(1)
            if any(c.isalpha() for c in digits):
                upper_hex = digits.upper() == digits
                break
        # A file with no raw non-ASCII character stays ASCII after a fix.
        escape_slash = _SLASH_ESCAPE.search(text) is not None
        return cls(ensure_ascii=text.isascii(), upper_hex=upper_hex, escape_slash=escape_slash)


def _hex(code: int, upper: bool) -> str:
    return f"\\u{code:04X}" if upper else f"\\u{code:04x}"


def encode(text: str, style: JsonStyle) -> str:
    """Return ``text`` as the inside of a JSON string literal (no quotes), in ``style``."""
    if not _NEEDS_ESCAPE.search(text):
        return text
    out: list[str] = []
    for char in text:
        short = _SHORT_ESCAPES.get(char)
        if short is not None:
            out.append(short)
            continue
        code = ord(char)
        if code < 0x20:
            out.append(_hex(code, style.upper_hex))
        elif char == "/" and style.escape_slash:
            out.append("\\/")
        elif (code >= 0x7F and style.ensure_ascii) or 0xD800 <= code <= 0xDFFF:
            # ``json.dumps(ensure_ascii=True)`` escapes DEL (0x7F) as well.
            if code > 0xFFFF:
                code -= 0x10000
                out.append(_hex(0xD800 | (code >> 10), style.upper_hex))
                out.append(_hex(0xDC00 | (code & 0x3FF), style.upper_hex))
            else:
                out.append(_hex(code, style.upper_hex))
        else:
            out.append(char)
    return "".join(out)


def offset_map(raw: str) -> list[int]:
    """For the inside of a literal, the raw offset where each decoded character starts.

    The list has one more entry than the decoded string: the raw length, so that a
    decoded end offset maps too.  Surrogate pairs decode to one character, as in
    Python's ``json`` module.
    """
    offsets: list[int] = []
    i = 0
    n = len(raw)
    while i < n:
        offsets.append(i)
        if raw[i] != "\\":
            i += 1
            continue
        if raw[i + 1] != "u":
            i += 2
            continue
        code = int(raw[i + 2 : i + 6], 16)
        if (
            0xD800 <= code <= 0xDBFF
            and raw.startswith("\\u", i + 6)
            and 0xDC00 <= int(raw[i + 8 : i + 12], 16) <= 0xDFFF
        ):
            i += 12
        else:
            i += 6
    offsets.append(n)
    return offsets
