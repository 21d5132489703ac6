"""Shared machinery of the line-level boilerplate rules (NL402-NL407).

Each rule looks at every non-blank line of the body (a one-line paragraph is a
line too) and decides from the *whole* line whether it is boilerplate; nothing
inside a sentence is ever flagged.  The unsafe fix deletes the line together
with the line break around it, so that no blank-line run and no merged
paragraphs are left behind.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.lazy_re import compile_lazily
from newslint.model import Article, paragraph_spans
from newslint.rule import Rule
from newslint.rules._promo import is_promo

MAX_LINE = 300
"""Longer lines are prose, never boilerplate of these kinds."""

_HEADING = compile_lazily(r"#{1,6}[ \t]+")
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


CLOSERS = " \t\"'”’»)]"
"""What may follow a sentence's last mark: closing quotes and brackets, spaces."""
SENTENCE_ENDS = (".", "!", "?", "…")


_LIST_ITEM = compile_lazily(r"[ \t]*(?:[*+•·▪►o–-]|\d{1,3}[.)])[ \t]")


def list_marker(text: str) -> int:
    """How long the marker is that starts a bulleted or numbered list item (`* Home`,
    `– Sport`, `12. Weather`), with the spaces around it; 0 for a line that is none."""
    found = _LIST_ITEM.match(text)
    return found.end() if found else 0


def ends_sentence(text: str) -> bool:
    """Whether a line ends as a sentence does (`.`, `!`, `?` or `…`, then maybe a closing
    quote or bracket): a menu item, a label or a headline does not."""
    return text.rstrip(CLOSERS).endswith(SENTENCE_ENDS)


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
    for start, end in _spans(body):
        if wanted is None or wanted(body[start:end]):
            yield _line_at(body, start)


def _line_at(body: str, start: int) -> Line:
    """The line of ``body`` that starts at ``start`` (one of ``_spans``), with its neighbours.

    Read off the text around the line, without splitting the whole paragraph: web
    pages come as paragraphs of hundreds of lines.  The cut span deletes the line with
    one line break: the one before it if a line of its paragraph precedes it, else the
    one after it, else the paragraph break after it (or, for the last paragraph, before).
    """
    paragraphs = paragraph_spans(body)
    index = bisect.bisect_right(paragraphs, (start, len(body) + 1)) - 1
    p_start, p_end, _ = paragraphs[index]
    newline = body.find("\n", p_end)
    limit = newline if newline >= 0 else len(body)  # the paragraph, with its last line's \r
    end = _line_end(body, start, limit)
    previous = _previous_line(body, p_start, start)
    following = _next_line(body, end, limit)
    cut: tuple[int, int] | None
    if previous is not None:
        cut = (previous[1], end)  # not first in its paragraph: the line break before it
    elif following is not None:
        cut = (start, following[0])  # first of several: the line break after it
    elif index + 1 < len(paragraphs):
        cut = (start, paragraphs[index + 1][0])  # a paragraph of its own: the break after it
    elif index > 0:
        cut = (paragraphs[index - 1][1], end)  # the last paragraph: the break before it
    else:
        cut = None
    return Line(
        start,
        end,
        body[start:end],
        body[previous[0] : previous[1]] if previous else None,
        body[following[0] : following[1]] if following else None,
        cut,
    )


def _line_end(body: str, start: int, limit: int) -> int:
    """The end of the line at ``start``, without the ``\r`` of a CRLF break."""
    newline = body.find("\n", start, limit)
    end = newline if newline >= 0 else limit
    return end - 1 if end > start and body[end - 1] == "\r" else end


def _previous_line(body: str, p_start: int, start: int) -> tuple[int, int] | None:
    """(start, end) of the last non-blank line before ``start`` in its paragraph."""
    while start > p_start:
        line_start = max(body.rfind("\n", p_start, start - 1) + 1, p_start)
        end = _line_end(body, line_start, start - 1)
        if end > line_start and not body[line_start:end].isspace():
            return line_start, end
        start = line_start
    return None


def _next_line(body: str, end: int, limit: int) -> tuple[int, int] | None:
    """(start, end) of the first non-blank line after the line ending at ``end``, before ``limit``."""
    newline = body.find("\n", end, limit)
    while newline >= 0:
        line_start = newline + 1
        line_end = _line_end(body, line_start, limit)
        if line_end > line_start and not body[line_start:line_end].isspace():
            return line_start, line_end
        newline = body.find("\n", line_start, limit)
    return None


# A line with a character that is not whitespace (``str.isspace``, as ``\s`` is).
# Anchored at line starts, so that a long blank line is passed over once.
_LINE = compile_lazily(r"^[^\S\n]*\S[^\n]*", re.MULTILINE)


@functools.lru_cache(maxsize=4)
def _spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line of ``body``: cheap, shared by all the line rules.

    The end leaves out the ``\r`` of a CRLF line break.
    """
    if "\r" not in body:
        return list(map(_span, _LINE.finditer(body)))
    found = []
    for match in _LINE.finditer(body):
        start, end = match.span()
        if body[end - 1] == "\r":
            end -= 1
        found.append((start, end))
    return found


_span = re.Match.span


_Folded = tuple[str, str, tuple[tuple[int, int], ...]]


@functools.lru_cache(maxsize=4)
def _folded(body: str, limit: int) -> _Folded:
    """``body`` with its lines of up to ``limit`` characters case-folded, that reversed, and
    the lines among them left as they are because folding would move an offset.

    Folding maps a few characters to two (``ß`` to ``ss``): a line holding one keeps
    its text, and ``_hinted`` lets it through whatever the hints say.  The hints read
    no line longer than ``limit``: those (the prose, 40% of a corpus's text) are
    copied unfolded, which is cheaper than folding them.
    """
    spans = _spans(body)
    long_lines = [span for span in spans if span[1] - span[0] > limit]
    if long_lines:
        pieces: list[str] = []
        position = 0
        for start, end in long_lines:
            pieces += (body[position:start].casefold(), body[start:end])
            position = end
        pieces.append(body[position:].casefold())
        folded = "".join(pieces)
    else:
        folded = body.casefold()
    if len(folded) == len(body):
        return folded, folded[::-1], ()
    return _folded_by_line(body, spans, limit)


def _folded_by_line(body: str, spans: list[tuple[int, int]], limit: int) -> _Folded:
    """``_folded`` for a body with a line that does not fold in place: line by line.

    Only that line goes unhinted, not every line of the body (web pages in German
    are long, and each line that reaches ``match`` costs some microseconds).
    """
    pieces: list[str] = []
    unfolded: list[tuple[int, int]] = []
    position = 0
    for start, end in spans:
        line = body[start:end]
        if end - start <= limit:
            folded = line.casefold()
            if len(folded) == end - start:
                line = folded
            else:
                unfolded.append((start, end))
        pieces += (body[position:start], line)
        position = end
    pieces.append(body[position:])
    text = "".join(pieces)
    return text, text[::-1], tuple(unfolded)


class _Trie(dict[str, "_Trie"]):
    """A node of ``alternation``'s trie: a child per next character, ``""`` where a word ends."""


def alternation(words: Iterable[str], space: str = r"\s+") -> str:
    """A regex alternation of ``words``, as a trie: sre tries one branch per character, not per word.

    A space in a word (a phrase) matches any run of whitespace, as ``normalise`` collapses them
    (``space``: what stands for it, in the regex).
    """
    trie = _Trie()
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, _Trie())
        node[""] = _Trie()

    def pattern(node: _Trie) -> str:
        branches = [
            (space if char == " " else re.escape(char)) + pattern(child)
            for char, child in sorted(node.items())
            if char
        ]
        if "" in node:
            branches.append("")  # last: the longer words are tried first
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return pattern(trie)


def start_hint(words: Iterable[str], lead: str = "") -> str:
    """A hint (regex source) that accepts a line whose normalised text starts with one of ``words``.

    ``words`` are case-folded; ``lead`` is what else may stand before them
    (a character class's contents, repeated).  Like ``normalise``, the hint
    skips leading whitespace and a Markdown heading mark, as one class: any
    run of ``#``, whitespace and ``lead``.  That accepts a few more lines than
    an optional heading group would (``##share``), which ``match`` turns away,
    and costs sre half as much per line: an optional group is a REPEAT with a
    context of its own, a repeated class a tight loop.
    """
    words = tuple(words)
    if "" in words:
        return ""  # a word that every line starts with
    return rf"[\s#{lead}]*{alternation(words)}"


def end_hint(words: Iterable[str], lead: str = "") -> str:
    """A hint (regex source), matched on the reversed line, for a line that ends with one of ``words``.

    ``lead`` is what else may follow them at the end of the line (a character class's
    contents, repeated), besides whitespace.
    """
    words = tuple(words)
    if "" in words:
        return ""
    return rf"[\s{lead}]*{alternation(word[::-1] for word in words)}"


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


unhinted_lines = 3000
"""Lines (summed over the line rules) to try one by one before the hints are compiled.

The hints are large regexes: compiling them costs some 40 ms, about what the six
line rules spend trying 3,000 lines one by one.  A pre-commit run over a few
articles never pays for them; a corpus pays once.  Either way the findings are
the same (a test compares them); tests that exercise the hints set this to 0.
"""

_HINTED: list[type[LineRule]] = []
"""The line rules that declare hints, in the order they were defined."""


@functools.lru_cache(maxsize=1)
def _union() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, int]:
    """One head and one tail hint that accept what any line rule's hints accept, and the longest limit.

    Six rules each trying its hint on every line cost six regex calls per line.  The
    union merges their first words into one trie (and their last words into another),
    so a line costs one branch per character; each rule's own hint then runs only on
    the lines the union let through.
    """
    head, tail = _compile_hints(
        frozenset().union(*(cls.first_words for cls in _HINTED)),
        "".join(sorted({char for cls in _HINTED for char in cls.lead})),
        [cls.head_pattern for cls in _HINTED if cls.head_pattern],
        frozenset().union(*(cls.last_words for cls in _HINTED)),
        "".join(sorted({char for cls in _HINTED for char in cls.tail_lead})),
    )
    return head, tail, max(cls.max_length for cls in _HINTED)


def _compile_hints(
    first_words: frozenset[str],
    lead: str,
    head_patterns: list[str],
    last_words: frozenset[str],
    tail_lead: str,
) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """(head, tail) hints from first words, other line starts and last words (see ``LineRule``)."""
    heads = [start_hint(first_words, re.escape(lead))] if first_words else []
    heads += head_patterns
    head = re.compile("|".join(f"(?:{h})" for h in heads)) if heads else None
    tail = re.compile(end_hint(last_words, re.escape(tail_lead))) if last_words else None
    if tail is not None and "" not in last_words:
        _TAIL_SKIPS[tail] = _tail_skip(last_words, tail_lead)
    return head, tail


_TAIL_SKIPS: dict[re.Pattern[str], frozenset[str]] = {}
"""Per tail hint, last characters of a line that it cannot match (see ``_tail_skip``)."""


def _tail_skip(last_words: frozenset[str], tail_lead: str) -> frozenset[str]:
    """The characters up to U+024F that cannot end a line the tail hint accepts.

    The hint reads the line backwards from its last character, which it must either
    skip (whitespace, ``tail_lead``) or take as the last character of a last word.
    Most lines end with one of these (``.``, ``t``, ``d``, ``:``), and a set lookup
    costs a fifth of a regex call.  Characters past U+024F are left to the regex.
    """
    ends = {word[-1] for word in last_words} | set(tail_lead)
    return frozenset(
        char for char in map(chr, range(0x250)) if char not in ends and not char.isspace()
    )


_LINE_SPACE = r"\t\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
"""What ``\\s`` matches but the line break, as the contents of a character class."""

_LINE_LOCAL_HEADS: dict[str, str] = {
    r"\s*[©(]": rf"[{_LINE_SPACE}]*[©(]",
    # A line of symbols: after spaces, a symbol (or ``_``) and nothing but symbols to its end.
    r"[\W_]*\Z": rf"[{_LINE_SPACE}]*+(?:[^\w\s]|_)[^\w\n]*+(?:_[^\w\n]*+)*+(?![^\n])",
    # NL405's comment counters ("74 comments", "Comments (3)").
    r"[\s#]*(?:[0-9]{1,6}\s+)?(?:comment|respons|repl|komment|coment|reactie|komentarz|коммент|комент)": (
        rf"[{_LINE_SPACE}#]*(?:[0-9]{{1,6}}[{_LINE_SPACE}]+)?"
        r"(?:comment|respons|repl|komment|coment|reactie|komentarz|коммент|комент)"
    ),
}
"""Per rule ``head_pattern``: the same test as ``_scans`` runs it, from a line break, on the
whole folded body.  It must accept (at least) every non-blank line the pattern accepts, and
never read past the line's end: so no ``\\s`` or ``\\W`` (they match the line break), and the
end of the line for ``\\Z``.  A pattern missing here lets every line through to the rules'
own hints: slow, never wrong."""


@functools.lru_cache(maxsize=1)
def _scans() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None] | None:
    """The union's hints as scans of the whole folded body (head) and of its reverse (tail).

    Each is a line break, then what the hint accepts at the start of a line (of the
    reversed line, for the tail) without leaving the line, then the rest of the line,
    as group 1.  One ``finditer`` per body then stands for a ``match`` per line: sre
    finds the line breaks by itself, and a line that no hint accepts costs a few steps
    in C, not a call from Python.  None: a hint accepts every line.
    """
    head_words = frozenset().union(*(cls.first_words for cls in _HINTED))
    last_words = frozenset().union(*(cls.last_words for cls in _HINTED))
    if "" in head_words or "" in last_words:
        return None
    lead = re.escape("".join(sorted({char for cls in _HINTED for char in cls.lead})))
    tail_lead = re.escape("".join(sorted({char for cls in _HINTED for char in cls.tail_lead})))
    space = f"[{_LINE_SPACE}]+"
    heads = [f"[{_LINE_SPACE}#{lead}]*{alternation(head_words, space)}"] if head_words else []
    heads += [_LINE_LOCAL_HEADS.get(cls.head_pattern, "") for cls in _HINTED if cls.head_pattern]
    head = None
    if heads:
        head = re.compile("\n((?:" + "|".join(f"(?:{h})" for h in heads) + ")[^\n]*)")
    tail = None
    if last_words:
        words = alternation((word[::-1] for word in last_words), space)
        tail = re.compile(f"\n([{_LINE_SPACE}{tail_lead}]*{words}[^\n]*)")
    return head, tail


@functools.lru_cache(maxsize=4)
def _union_lines(body: str) -> tuple[list[tuple[int, int]], _Folded]:
    """The lines of ``body`` (``_spans``) that some line rule's hints accept, and the folded
    body the rules' own hints then read.

    Where the body folds in place (one character to one), the lines are what ``_scans``
    find in the body folded as a whole (and its reverse), and the first and last lines
    (no line break stands before the one, after the other) if the hints accept them: neither
    ``_spans`` (a match object per line) nor a regex call per line is paid for, and the
    whole fold costs what folding the short lines alone did.  The scans are not checked
    against the hints: they accept the same lines (a head pattern missing from
    ``_LINE_LOCAL_HEADS``: more), and each rule tries its own hints on them anyway.
    """
    head, tail, limit = _union()
    scans = _scans()
    text = body.casefold()
    if scans is None or len(text) != len(body):
        folded = _folded(body, limit)
        return _hinted(_spans(body), folded, limit, head, tail), folded
    reverse = text[::-1]
    size = len(text)
    head_scan, tail_scan = scans
    found: list[tuple[int, int]] = []
    if head_scan is not None:
        found += [match.span(1) for match in head_scan.finditer(text)]
    if tail_scan is not None:
        for match in tail_scan.finditer(reverse):
            start, end = match.span(1)
            found.append((size - end, size - start))
    newline = text.find("\n")
    ends = [(0, newline if newline >= 0 else size), (text.rfind("\n") + 1, size)]
    ends = _hinted(_short_lines(body, ends, limit), (text, reverse, ()), limit, head, tail)
    return sorted({*_short_lines(body, found, limit), *ends}), (text, reverse, ())


def _short_lines(body: str, found: list[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    """The non-blank lines up to ``limit`` among ``found`` (each from a line start to a line
    break or the end of ``body``), without the ``\\r`` before the break, as ``_spans`` has them."""
    lines = []
    for start, end in found:
        if end > start and body[end - 1] == "\r":
            end -= 1
        if start < end <= start + limit and not body[start:end].isspace():
            lines.append((start, end))
    return lines


def _hinted(
    spans: list[tuple[int, int]],
    folded: _Folded,
    limit: int,
    head: re.Pattern[str] | None,
    tail: re.Pattern[str] | None,
) -> list[tuple[int, int]]:
    """The ``spans`` no longer than ``limit`` that ``head`` (at their start) or ``tail`` (at
    their end) match, and the lines ``_folded`` left unfolded (no hint can read them)."""
    text, reverse, unfolded = folded
    found = _matching(spans, text, reverse, limit, head, tail)
    if unfolded:
        found = sorted({*found, *(span for span in unfolded if span[1] - span[0] <= limit)})
    return found


def _matching(
    spans: list[tuple[int, int]],
    text: str,
    reverse: str,
    limit: int,
    head: re.Pattern[str] | None,
    tail: re.Pattern[str] | None,
) -> list[tuple[int, int]]:
    """``_hinted``'s regex part, on the folded body and its reverse."""
    if tail is None:
        assert head is not None
        head_match = head.match
        return [
            (start, end)
            for start, end in spans
            if end - start <= limit and head_match(text, start, end)
        ]
    size = len(text)
    tail_match = tail.match
    if head is None:
        return [
            (start, end)
            for start, end in spans
            if end - start <= limit and tail_match(reverse, size - end, size - start)
        ]
    head_match = head.match
    skip = _TAIL_SKIPS.get(tail)
    if skip is None:
        return [
            (start, end)
            for start, end in spans
            if end - start <= limit
            and (head_match(text, start, end) or tail_match(reverse, size - end, size - start))
        ]
    return [
        (start, end)
        for start, end in spans
        if end - start <= limit
        and (
            head_match(text, start, end)
            or (text[end - 1] not in skip and tail_match(reverse, size - end, size - start))
        )
    ]


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
    first_words: ClassVar[frozenset[str]] = frozenset()
    """Case-folded words (or phrases, normalised) that every line ``match`` accepts starts with
    (as a prefix), after whitespace, a Markdown heading mark and ``lead``; or that
    ``head_pattern`` allows for."""
    lead: ClassVar[str] = ""
    """Characters that may stand before the first word (besides whitespace)."""
    head_pattern: ClassVar[str] = ""
    """A regex for what else may start a line that ``match`` accepts (matched on the folded line)."""
    last_words: ClassVar[frozenset[str]] = frozenset()
    """Case-folded words that may end a line ``match`` accepts, before whitespace and ``tail_lead``."""
    tail_lead: ClassVar[str] = ""
    _compiled_hints: ClassVar[tuple[re.Pattern[str] | None, re.Pattern[str] | None] | None] = None

    @classmethod
    def compiled_hints(cls) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        """(head, tail) built from the words above: the head matches, from the start of a
        line of the case-folded body, every line ``match`` may accept; the tail does the
        same from the line's end, on the folded body reversed.

        Compiled on first use (and kept on the class), not at import: a check that never
        reaches a line rule pays nothing for them.
        """
        cached = cls.__dict__.get("_compiled_hints")
        if cached is None:
            cached = _compile_hints(
                cls.first_words,
                cls.lead,
                [cls.head_pattern] if cls.head_pattern else [],
                cls.last_words,
                cls.tail_lead,
            )
            cls._compiled_hints = cached
        return cached

    def hints(self) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None] | None:
        """The hints that rule lines in (None: every line is a candidate).

        Most lines are prose, which no hint accepts, so ``match`` (Python) runs only
        on the few lines that a regex (C) lets through.  A hint must accept every
        line that ``match`` accepts: a test compares the rule with and without them.
        An option that adds phrases turns them off.
        """
        head, tail = self.compiled_hints()
        if head is None and tail is None:
            return None
        return head, tail

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.first_words or cls.head_pattern or cls.last_words:
            _HINTED.append(cls)
            _union.cache_clear()
            _scans.cache_clear()

    def candidates(self, body: str) -> list[tuple[int, int]]:
        """(start, end) of the lines of ``body`` that ``match`` may accept."""
        global unhinted_lines
        limit = self.max_length
        if unhinted_lines > 0:  # a small check: trying every line costs less than the hints
            spans = _spans(body)
            unhinted_lines -= len(spans)
            return [span for span in spans if span[1] - span[0] <= limit]
        hints = self.hints()
        cls = type(self)
        if hints is not None and cls in _HINTED and hints == cls.compiled_hints():
            # The lines some rule's hint accepts (a few of them), and one folded body for all
            # the rules: folded to the union's limit, not each rule's.
            spans, folded = _union_lines(body)
            return _hinted(spans, folded, limit, *hints)
        spans = _spans(body)
        if hints is None or not spans:
            return [span for span in spans if span[1] - span[0] <= limit]
        return _hinted(spans, _folded(body, limit), limit, *hints)

    def match(self, line: str) -> bool:
        raise NotImplementedError

    def match_line(self, line: Line) -> bool:
        """Whether a line whose text ``match``-es is flagged, knowing its neighbours."""
        return True

    def check(self, article: Article) -> Iterator[Diagnostic]:
        body = article.body
        if not body:
            return
        match = self.match
        for start, end in self.candidates(body):
            if not match(body[start:end]):
                continue
            line = _line_at(body, start)
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
