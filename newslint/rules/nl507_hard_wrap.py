"""NL507: a paragraph hard-wrapped at a fixed width."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.lazy_re import compile_lazily
from newslint.model import Article, iter_paragraphs
from newslint.rule import Rule, Triggers
from newslint.rules._whitespace import (
    HYPHEN_BREAK,
    JOIN,
    KEEP,
    UNKNOWN,
    UrlRegions,
    WordIndex,
    hyphen_break,
    left_token,
    right_token,
)
from newslint.rules.nl201_split_url import continues

_LINE = compile_lazily(r"[^\r\n]*")
_BREAK = compile_lazily(r"(?<![ \t])[ \t]*\r?\n[ \t]*")
# Lines that make a paragraph a list, a table, a quote block, a heading or code.
_STRUCTURED = compile_lazily(r"[ \t]*(?:[-*+•·–—>|#]|\d{1,3}[.)][ \t]|```)")
_SENTENCE_END = compile_lazily(r"[.!?:;…][\"'”’»)\]]*\Z")
_URL_START = compile_lazily(r"https?://", re.IGNORECASE)
_URL_TRAILING = ".,;:!?)]}'\"»”’"
MIN_WIDTH, MAX_WIDTH, MIN_LINES = 50, 100, 3
# What ``str.splitlines`` breaks lines at (as characters, for the triggers' class).
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


class HardWrap(Rule):
    code = "NL507"
    name = "hard-wrap"
    summary = "A paragraph hard-wrapped at a fixed width (lines of 60-80 characters)."
    explanation = """\
Text converters (html2text, e-mail and terminal tools) wrap paragraphs at a
fixed width, so a sentence is cut by line breaks every 70-odd characters.  The
breaks are not the author's: they break search, sentence splitting and
deduplication.

A paragraph is flagged when it has three lines or more, every line but the last
is at most W characters long for a W between 50 and 100, and each of those lines
ends where the next line's first word would no longer fit (the mark of a greedy
wrap), with at least half of the breaks in the middle of a sentence and before a
lower-case word.  Poems,
addresses, lists, tables, quote blocks and lines shorter than 50 characters are
never flagged.

The unsafe fix joins the lines with a space.  It leaves to NL505 the breaks
after a hyphen that NL505 mends (`top-\nselling`, `govern-\nment`) and to
NL201 the breaks inside a URL, so that the fixes never overlap or disagree and
`--unsafe-fixes` applies them together; a hyphen break that NL505 cannot decide
is joined keeping the hyphen."""
    bad = (
        "The council voted on Monday to approve the new harbour plan, which will\n"
        "see the old ferry terminal replaced by a marina and a public park along\n"
        "the waterfront by the end of next year."
    )
    good = (
        "The council voted on Monday to approve the new harbour plan, which will "
        "see the old ferry terminal replaced by a marina and a public park along "
        "the waterfront by the end of next year."
    )
    fields = ("caption", "body")
    triggers = Triggers(patterns=(f"[^{_LINE_BREAKS}](?:\r\n|[{_LINE_BREAKS}])[^{_LINE_BREAKS}]",))
    fix_applicabilities = frozenset({Applicability.UNSAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        fields = list(article.text_fields(self.fields))
        index: WordIndex | None = None
        for name, text in fields:
            if "\n" not in text:
                continue
            urls = _LazyUrls(text)
            for start, end, paragraph in iter_paragraphs(text):
                if paragraph.count("\n") < MIN_LINES - 1:
                    continue
                width = _wrap_width(paragraph)
                if width is None:
                    continue
                if index is None:
                    index = WordIndex([t for _, t in fields])
                edits = tuple(self._joins(name, text, start, end, index, urls))
                lines = paragraph.count("\n") + 1
                yield self.diagnostic(
                    name,
                    start,
                    end,
                    f"paragraph hard-wrapped at {width} characters ({lines} lines)",
                    Fix("join the lines with spaces", Applicability.UNSAFE, edits),
                )

    @staticmethod
    def _joins(
        name: str, text: str, start: int, end: int, index: WordIndex, urls: _LazyUrls
    ) -> Iterator[Edit]:
        # A token before a break lies inside the paragraph (whitespace precedes it), so
        # without "://" in the paragraph no token holds a URL's start.
        may_hold_url = text.find("://", start, end) >= 0
        for gap_start, gap_end in _breaks(text, start, end):
            if gap_start > 0 and text[gap_start - 1] == "-":
                hyphen = HYPHEN_BREAK.match(text, gap_start - 1)
                if hyphen is not None:
                    verdict = hyphen_break(text, hyphen, index, urls.regions)[0]
                    if verdict in (JOIN, KEEP):
                        continue  # NL505 mends this break, so both rules agree on the result
                    if verdict == UNKNOWN:
                        yield Edit(name, gap_start, gap_end, "")
                        continue
            if may_hold_url:
                token = left_token(text, gap_start)
                url = _URL_START.search(token)
                if url is not None:
                    piece = right_token(text, gap_end).rstrip(_URL_TRAILING)
                    if continues(token[url.start() :], text[gap_start:gap_end], piece):
                        continue  # NL201 joins the URL's pieces
            yield Edit(name, gap_start, gap_end, " ")


def _breaks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The spans of ``_BREAK.finditer(text, start, end)``, found from each "\\n".

    The regex has no first character to skip to, so Python's engine tries it at every
    character; this finds each newline with ``str.find`` and takes the spaces, tabs and
    carriage return around it as the regex does (tests/test_rule_fast_paths.py checks).
    """
    position = start  # where the regex's search resumes: the last match's end
    while (newline := text.find("\n", position, end)) >= 0:
        first = newline  # the first start from which the text up to "\n" is [ \t]*\r?
        if first > position and text[first - 1] == "\r":
            first -= 1
        while first > position and text[first - 1] in " \t":
            first -= 1
        if first > 0 and text[first - 1] in " \t":
            # The lookbehind fails at ``first`` and after it inside the run of spaces;
            # only a start at the "\n" itself, after a "\r", can remain.
            if text[newline - 1] != "\r" or newline - 1 < first:
                position = newline + 1
                continue
            first = newline
        last = newline + 1
        while last < end and text[last] in " \t":
            last += 1
        yield first, last
        position = last


class _LazyUrls:
    """A text's ``UrlRegions``, found the first time a hyphen break asks for them."""

    def __init__(self, text: str) -> None:
        self._text = text

    @functools.cached_property
    def regions(self) -> UrlRegions:
        return UrlRegions(self._text)


def _first_line_rules_out(paragraph: str) -> bool:
    """Whether the first line alone rules a paragraph of 3 lines or more out (fast path).

    It is a body line (not the last), so ``_wrap_width`` answers None when it is longer
    than MAX_WIDTH (the width would be) or shorter than 0.6 * MIN_WIDTH (shorter than
    0.6 * width for any width allowed).  Most paragraphs are ruled out so, without
    splitting their lines.  The text before the first "\\n" (and its "\\r") is the first
    line when it holds no other line break: when it is printable.
    """
    newline = paragraph.find("\n")
    if newline < 0:
        return False
    first = paragraph[: newline - 1 if paragraph[newline - 1 : newline] == "\r" else newline]
    if not first.isprintable():
        return False  # it may hold a line break that ``str.splitlines`` splits at
    length = len(first.rstrip())
    return length > MAX_WIDTH or length < 0.6 * MIN_WIDTH


def _wrap_width(paragraph: str) -> int | None:
    """The width the paragraph was wrapped at, or None when it does not look wrapped."""
    # The tests are cheapest first (C-level ones on every line before a Python loop);
    # each one alone rules the paragraph out, so their order changes nothing.
    if _first_line_rules_out(paragraph):
        return None
    lines = list(map(str.rstrip, paragraph.splitlines()))
    if len(lines) < MIN_LINES or not all(lines):  # a blank line (an rstripped one is empty)
        return None
    body = lines[:-1]
    lengths = list(map(len, body))
    width = max(lengths)
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return None
    if min(lengths) < 0.6 * width:
        return None
    if any(_STRUCTURED.match(line) for line in lines):
        return None
    if any("   " in line.strip() or "\t" in line.strip() for line in lines):
        return None  # aligned columns
    mid_sentence = lower_start = 0
    for line, following in zip(body, lines[1:], strict=True):
        next_word = following.split(maxsplit=1)[0]
        lower_start += next_word[0].islower()
        if len(line) + 1 + len(next_word) <= width:
            return None  # the next word would have fitted: not a greedy wrap
        if not _SENTENCE_END.search(line[-4:]):
            mid_sentence += 1
    # A wrap cuts sentences, so most lines go on with a lower-case word; this also
    # leaves alone scripts without case, where a line's start says nothing.
    if 2 * mid_sentence < len(body) or 2 * lower_start < len(body):
        return None
    return width
