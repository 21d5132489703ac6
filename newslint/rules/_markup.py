"""Helpers shared by the Markup rules (NL1xx): promo paragraphs, removals that keep spacing."""

from __future__ import annotations

import bisect

from newslint.lazy_re import compile_lazily
from newslint.model import iter_paragraphs
from newslint.rules._promo import is_promo


def promo_ranges(field: str, text: str) -> list[tuple[int, int]]:
    """Spans of the body's related-article promo paragraphs (NL401 reports and removes them)."""
    if field != "body":
        return []
    return [(start, end) for start, end, paragraph in iter_paragraphs(text) if is_promo(paragraph)]


def inside(ranges: list[tuple[int, int]], position: int) -> bool:
    return any(start <= position < end for start, end in ranges)


def shorten(text: str, limit: int = 60) -> str:
    """``text`` on one line, truncated for a message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def removal(text: str, start: int, end: int, separates: bool = False) -> tuple[int, int, str]:
    """How to delete ``text[start:end]`` without gluing or doubling the words around it.

    Returns ``(start, end, replacement)``: when the removed piece stood between two
    spaces, or at a line's start or end next to a space, that space goes too; when it
    separated two words (``separates``, e.g. ``<br>`` between words), it becomes a space.
    """
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if after in (" ", "\t") and before in (" ", "\t", "", "\n"):
        return start, end + 1, ""  # between spaces, or at a line start
    if before in (" ", "\t") and after in ("", "\n", "\r"):
        return start - 1, end, ""  # at a line end
    if separates and before and after and not before.isspace() and not after.isspace():
        return start, end, " "
    return start, end, ""


# An address: a scheme and "://", "www.", or a host name followed by a path
# (`ad.doubleclick.net/adj/...`), then everything up to a space, a quote or an angle
# bracket.  Each attempt starts at a letter or digit and stops at the first space: linear.
_URL = compile_lazily(
    r"(?:\b[a-zA-Z][a-zA-Z0-9+.-]{0,15}://|\bwww\.|(?<![\w@.-])[a-zA-Z0-9-]{1,63}"
    r"(?:\.[a-zA-Z0-9-]{1,63}){0,10}\.[a-zA-Z]{2,24}/)[^\s<>\"'`]*"
)
# What ends a sentence or wraps an address rather than belonging to it.
_URL_TAIL = ".,;:!?)]}*_"


def url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the web addresses in ``text``, sorted: no safe fix edits inside one.

    An ad server's parameters (`;tile=2;_YL_;ord=`), a path's `_draft_` or `*` are
    part of the address.  Trailing punctuation and emphasis markers (`**url**`) are left
    out, so a fix may still remove what wraps an address.
    """
    if "/" not in text and "www." not in text:
        return []
    spans = []
    for match in _URL.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in _URL_TAIL:
            end -= 1
        spans.append((start, end))
    return spans


def in_url(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether the edit ``start:end`` changes part of an address but not all of it
    (removing a whole address, or what wraps it, is not editing inside it)."""
    index = bisect.bisect_left(spans, (end, end)) - 1
    while index >= 0:
        low, high = spans[index]
        if high <= start and start != end:
            break
        if start == end:
            if low < start < high:
                return True
            if high < start:
                break
        elif low < end and not (start <= low and high <= end):
            return True
        index -= 1
    return False
