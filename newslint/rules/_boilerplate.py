"""Shared machinery of the line-level boilerplate rules (NL402-NL407).

Each rule looks at every non-blank line of the body (a one-line paragraph is a
line too) and decides from the *whole* line whether it is boilerplate; nothing
inside a sentence is ever flagged.  The unsafe fix deletes the line together
with the line break around it, so that no blank-line run and no merged
paragraphs are left behind.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.model import Article, iter_paragraphs
from newslint.rule import Rule
from newslint.rules._promo import is_promo

MAX_LINE = 300
"""Longer lines are prose, never boilerplate of these kinds."""

_HEADING = re.compile(r"#{1,6}[ \t]+")
_TRAILING = " \t.:!…"
_WRAP_WIDTH = 60


@dataclass(frozen=True, slots=True)
class Line:
    """A non-blank line of the body: where it is, and its neighbours in its paragraph."""

    start: int
    """Offset of the line's first character (indentation included)."""
    end: int
    """Offset after its last character (a trailing ``\\r`` excluded)."""
    text: str
    previous: str | None
    """The line before it in the same paragraph, if any."""
    next: str | None
    """The line after it in the same paragraph, if any."""
    cut: tuple[int, int] | None
    """The span to delete to remove the line cleanly (None: it is the whole body)."""


@functools.lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Case-folded, whitespace collapsed, Markdown heading marks and trailing ``.:!…`` dropped.

    Cached: the line rules (NL402-NL405) normalise the same lines of a body.
    """
    text = text.strip()
    if text.startswith("#"):
        text = _HEADING.sub("", text, count=1)
    return " ".join(text.split()).casefold().rstrip(_TRAILING)


def phrase_set(phrases: Iterable[str]) -> frozenset[str]:
    return frozenset(normalise(phrase) for phrase in phrases)


@functools.lru_cache(maxsize=64)
def extra_phrase_set(phrases: tuple[str, ...]) -> frozenset[str]:
    """``phrase_set`` of a rule's ``extra-phrases`` option, built once per configuration."""
    return phrase_set(phrases)


def quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


def iter_lines(body: str, wanted: Callable[[str], bool] | None = None) -> Iterator[Line]:
    """Every non-blank line of ``body`` (or those ``wanted`` accepts), with the span that deletes it."""
    for row in _rows(body):
        if wanted is None or wanted(row[2]):
            yield Line(*row)


_Row = tuple[int, int, str, str | None, str | None, tuple[int, int] | None]
"""A ``Line``'s fields as a plain tuple (cheap to build: most lines never become a Line)."""


@functools.lru_cache(maxsize=4)
def _rows(body: str) -> tuple[_Row, ...]:
    """Every non-blank line of ``body``: split once per body, shared by all the line rules."""
    paragraphs = list(iter_paragraphs(body))
    found: list[_Row] = []
    for index, (p_start, _, paragraph) in enumerate(paragraphs):
        lines: list[tuple[int, int, str]] = []
        offset = p_start
        for raw in paragraph.split("\n"):
            text = raw[:-1] if raw.endswith("\r") else raw
            if text and not text.isspace():
                lines.append((offset, offset + len(text), text))
            offset += len(raw) + 1
        for i, (start, end, text) in enumerate(lines):
            cut: tuple[int, int] | None
            if i > 0:
                # Not first in its paragraph: take the line break before it.
                cut = (lines[i - 1][1], end)
            elif len(lines) > 1:
                # First of several: take the line break after it.
                cut = (start, lines[1][0])
            elif index + 1 < len(paragraphs):
                # A paragraph of its own: take the paragraph break after it.
                cut = (start, paragraphs[index + 1][0])
            elif index > 0:
                # The last paragraph: take the paragraph break before it.
                cut = (paragraphs[index - 1][1], end)
            else:
                cut = None
            previous = lines[i - 1][2] if i > 0 else None
            following = lines[i + 1][2] if i + 1 < len(lines) else None
            found.append((start, end, text, previous, following, cut))
    return tuple(found)


@functools.lru_cache(maxsize=16)
def _short_rows(body: str, max_length: int) -> tuple[_Row, ...]:
    """The lines of ``body`` no longer than ``max_length``: the only ones a line rule reads.

    Most lines of news text are paragraphs of prose, longer than any boilerplate
    line, so each rule skips them without a call per line.
    """
    return tuple(row for row in _rows(body) if len(row[2]) <= max_length)


def continues_a_sentence(line: Line) -> bool:
    """Whether the line reads as part of a hard-wrapped sentence, not as a line of its own.

    A line is taken for a wrapped piece of prose when the next line of its
    paragraph starts with a lowercase letter, when the line before it is long
    (a hard wrap) and ends with a letter or a comma, or when it starts with a
    lowercase letter and the line before it ends with a letter or a comma
    (unless it holds an underscore, as icon-font names do).
    """
    following = line.next.lstrip() if line.next else ""
    if following[:1].islower():
        return True
    before = line.previous.rstrip() if line.previous else ""
    if len(before) >= _WRAP_WIDTH and (before[-1].isalpha() or before[-1] in ",-"):
        return True  # the previous line is a long line broken mid-sentence
    text = line.text.lstrip()
    if "_" in text:
        return False  # icon-font names (`bookmark_border`) are not words of prose
    return bool(text[:1].islower() and before and (before[-1].isalpha() or before[-1] in ",-"))


class LineRule(Rule):
    """A rule that flags whole body lines; subclasses say which lines by ``match``."""

    fields = ("body",)
    fix_applicabilities = frozenset({Applicability.UNSAFE})
    kind: ClassVar[str]
    """What a flagged line is, for messages ("call to action")."""
    max_length: ClassVar[int] = MAX_LINE
    """Longer lines are never this kind of boilerplate (and are skipped cheaply)."""
    check_wrapping: ClassVar[bool] = True
    """Skip lines that read as part of a hard-wrapped sentence."""

    def match(self, line: str) -> bool:
        raise NotImplementedError

    def _wanted(self, text: str) -> bool:
        return len(text) <= self.max_length and self.match(text)

    def match_line(self, line: Line) -> bool:
        """Whether a line whose text ``match``-es is flagged, knowing its neighbours."""
        return True

    def check(self, article: Article) -> Iterator[Diagnostic]:
        body = article.body
        if not body:
            return
        match = self.match
        for row in _short_rows(body, self.max_length):
            if not match(row[2]):
                continue
            line = Line(*row)
            if not self.match_line(line):
                continue
            if self.check_wrapping and continues_a_sentence(line):
                continue
            if line.previous is None and line.next is None and is_promo(line.text):
                continue
            yield self.report(line)

    def report(self, line: Line) -> Diagnostic:
        shown = quote(line.text)
        if line.cut is None:
            return self.diagnostic(
                "body", line.start, line.end, f"{self.kind} in the body: '{shown}'"
            )
        start, end = line.cut
        fix = Fix(f"delete the {self.kind}", Applicability.UNSAFE, (Edit("body", start, end, ""),))
        return self.diagnostic("body", start, end, f"{self.kind} in the body: '{shown}'", fix)
