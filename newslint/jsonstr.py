"""JSON string literals: map decoded offsets to raw offsets, and encode in a file's style.

A fix to a JSON file must rewrite only the characters it changes, escaped the
way the rest of the file is escaped (``ensure_ascii`` or raw UTF-8, upper- or
lower-case hex, ``\\/`` or ``/``), so that every other byte stays identical.
"""

from __future__ import annotations

import itertools
import operator
import re
from dataclasses import dataclass

from newslint import pickled_by_name

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
# Each match starts at the first backslash of a run (the lookbehind follows it, so that
# the regex engine can jump from backslash to backslash instead of trying every position).
_HEX_ESCAPE = re.compile(r"\\(?<!\\\\)(?:\\\\)*u([0-9a-fA-F]{4})")
_SLASH_ESCAPE = re.compile(r"\\(?<!\\\\)(?:\\\\)*/")


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


# One escape of a valid JSON string literal: a surrogate pair (one decoded character, as in
# Python's ``json`` module), a \\uXXXX escape, or a backslash and one character.
_ESCAPE_SEQUENCE = re.compile(
    r"\\(?:u(?:[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|[0-9a-fA-F]{4})|.)",
    re.DOTALL,
)


def escapes(raw: str) -> tuple[list[int], list[int], list[int]]:
    """Where the escapes of a literal's inside are: (decoded offset, raw start, raw end) lists.

    Each escape decodes to one character; every other character stands for itself.
    A page of JSON text holds tens of thousands of escapes (``\\n``, ``\\u00e9``), so the
    lists are built by C-level ``map``/``accumulate`` over the matches' spans, not by a loop.
    """
    if "\\" not in raw:
        return [], [], []
    spans = list(map(_span, _ESCAPE_SEQUENCE.finditer(raw)))
    starts = [start for start, _ in spans]
    ends = [end for _, end in spans]
    # An escape of width w shifts what follows by w - 1: decoded = start - (widths before) + index.
    before = itertools.accumulate(map(operator.sub, ends, starts), initial=0)
    decoded = list(map(operator.add, map(operator.sub, starts, before), range(len(starts))))
    return decoded, starts, ends


_span = re.Match.span


def offset_map(raw: str) -> list[int]:
    """For the inside of a literal, the raw offset where each decoded character starts.

    The list has one more entry than the decoded string: the raw length, so that a
    decoded end offset maps too.  Surrogate pairs decode to one character, as in
    Python's ``json`` module.
    """
    offsets: list[int] = []
    position = 0
    for match in _ESCAPE_SEQUENCE.finditer(raw):
        offsets.extend(range(position, match.start() + 1))
        position = match.end()
    offsets.extend(range(position, len(raw) + 1))
    return offsets


# Pickled by name (HuggingFace ``datasets`` hashes functions with dill): see ``newslint``.
pickled_by_name(__name__)
