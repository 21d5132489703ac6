"""Helpers shared by the Markup rules (NL1xx): promo paragraphs, removals that keep spacing."""

from __future__ import annotations

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
