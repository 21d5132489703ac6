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


# Where an address starts, found from a literal (str.find) and checked by a short regex
# on the few characters before it: a scheme before "://", "www." after no letter, or a
# host name before a "/" (`ad.doubleclick.net/adj/...`).  No pattern is tried at every
# character, so a long field costs one scan per literal.
_SCHEME = compile_lazily(r"[a-zA-Z][a-zA-Z0-9+.-]{0,15}\Z")
_HOST = compile_lazily(r"[a-zA-Z0-9-]{1,63}(?:\.[a-zA-Z0-9-]{1,63}){0,10}\.[a-zA-Z]{2,24}")
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
_REST = compile_lazily(r"[^\s<>\"'`]*")
_NOT_BEFORE = frozenset("@.-_")
# What ends a sentence or wraps an address rather than belonging to it.
_URL_TAIL = ".,;:!?)]}*_"


def url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the web addresses in ``text``, sorted: no safe fix edits inside one.

    An address starts with a scheme and "://", with "www.", or with a host name and a
    "/"; it runs to a space, a quote or an angle bracket.  An ad server's parameters
    (`;tile=2;_YL_;ord=`), a path's `_draft_` or `*` are part of it.  Trailing
    punctuation and emphasis markers (`**url**`) are left out, so a fix may still remove
    what wraps an address.
    """
    starts: list[int] = []
    position = 0
    while (colon := text.find("://", position)) >= 0:
        position = colon + 3
        scheme = _SCHEME.search(text, max(0, colon - 16), colon)
        if scheme is not None:
            starts.append(scheme.start())
    position = 0
    while (www := text.find("www.", position)) >= 0:
        position = www + 4
        if _free(text, www):
            starts.append(www)
    spans = _spans(text, starts)
    # A host name before a "/", outside the addresses found: walk back over its letters.
    hosts: list[int] = []
    index = 0
    position = 0
    while (slash := text.find("/", position)) >= 0:
        position = slash + 1
        while index < len(spans) and spans[index][1] <= slash:
            index += 1
        if index < len(spans) and spans[index][0] <= slash:
            position = spans[index][1]
            continue
        start = slash
        while start > 0 and slash - start < 254 and text[start - 1] in _HOST_CHARS:
            start -= 1
        if start < slash and _HOST.fullmatch(text, start, slash) and _free(text, start):
            hosts.append(start)
    return sorted(spans + _spans(text, hosts)) if hosts else spans


def _free(text: str, start: int) -> bool:
    """Whether an address may start at ``start`` (not inside a word, a handle, a name)."""
    return not start or not (text[start - 1].isalnum() or text[start - 1] in _NOT_BEFORE)


def _spans(text: str, starts: list[int]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for start in sorted(set(starts)):
        if spans and start < spans[-1][1]:
            continue  # inside the address before (`https://www.example.org/`)
        rest = _REST.match(text, start)
        end = rest.end() if rest else start
        end = _closing(text, start, end)  # `[label](https://...)`: ends at its `)`
        while end > start and text[end - 1] in _URL_TAIL:
            if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
                break  # `wiki/Mercury_(planet)` keeps its own parenthesis
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _closing(text: str, start: int, end: int) -> int:
    """Where an address ends at the latest: before a `)` it did not open, which closes
    the parentheses around it (one it opened itself, `wiki/Mercury_(planet)`, is kept)."""
    if text.find("(", start, end) < 0:  # the usual case, in C
        close = text.find(")", start, end)
        return end if close < 0 else close
    depth = 0
    for index in range(start, end):
        char = text[index]
        if char == "(":
            depth += 1
        elif char == ")":
            if not depth:
                return index
            depth -= 1
    return end


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
