"""NL607: a body that is a list of links or headlines rather than an article."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import ClassVar

from newslint.diagnostics import Diagnostic
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers

_URL = compile_lazily(r"(?:https?://|www\.)\S{1,2000}", re.IGNORECASE)
_MARKDOWN_LINK = compile_lazily(r"!?\[[^\[\]\n]{0,300}\]\([^()\s]{0,2000}\)")
_BULLET = compile_lazily(r"[ \t]*(?:[-*•·▪►»]|\d{1,3}[.)])[ \t]+")
_WORD = compile_lazily(r"[^\W\d_][\w'’-]*")
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "as",
        "vs",
        "via",
        "is",
        "are",
        "be",
        "de",
        "la",
        "le",
        "el",
        "y",
    ]
)
# Fast path: a "link" line holds a URL or a Markdown link, so a body with fewer
# occurrences of these than ``min_links`` cannot be a link list.
_URL_START = compile_lazily(r"https?://|www\.", re.IGNORECASE)
# The links' marks (``_link_marks`` counts them; tests/test_rule_fast_paths.py compares).
_LINKISH = compile_lazily(r"https?://|www\.|\]\(", re.IGNORECASE)
_WWW_CASES = tuple(a + b + c + "." for a in "wW" for b in "wW" for c in "wW")  # "www." in any case
_TERMINAL = '.!?:;…"”’)»'
_TERMINAL_ENDINGS = tuple(_TERMINAL)
_MAX_HEADLINE_WORDS = 16


def line_kind(line: str) -> str:
    """'link', 'headline' or 'prose' for one line of the body (a line without a link
    skips the substitutions: fast path)."""
    text = _BULLET.sub("", line, count=1).strip()
    linked = "](" in text or _URL_START.search(text) is not None
    without_links = _URL.sub(" ", _MARKDOWN_LINK.sub(" ", text)) if linked else text
    words = _WORD.findall(without_links)
    if linked and len(words) <= 3 and without_links.strip(" \t|:-–—·•") != text.strip(" \t|:-–—·•"):
        return "link"
    if not words or len(words) > _MAX_HEADLINE_WORDS or text.endswith(_TERMINAL_ENDINGS):
        return "prose"
    capitalised = all(word[0].isupper() or word.lower() in _SMALL_WORDS for word in words)
    return "headline" if capitalised and len(words) >= 2 else "prose"


def _surely_prose(line: str) -> bool:
    """A cheap test: ``line_kind`` would say 'prose' (some prose lines fail it).

    A line that holds no link and whose very last character is terminal punctuation
    keeps that last character whatever list bullet is removed (a bullet ends with a
    space or tab), so ``line_kind`` finds no link and a terminal end.
    """
    return (
        line[-1:] in _TERMINAL
        and line[-1:] != ""
        and "](" not in line
        and "://" not in line
        and "www." not in line.lower()
    )


# The marks of ``_LINKISH`` one kind at a time, each found from a literal (C speed: the
# alternation starts with a class of letters that the engine would test everywhere).
_HTTP_COLONS = compile_lazily(r"://(?:(?<=https://)|(?<=http://))", re.IGNORECASE)
_WWW_DOT = compile_lazily(r"\.(?<=www\.)", re.IGNORECASE)


def _link_marks(body: str, enough: int) -> int:
    """``_count(_LINKISH.finditer(body), enough)``, counted one kind of mark at a time.

    No two marks overlap (`](`, the `://` after `http` or `https`, the dot of `www.`
    hold different characters), so the regex's matches are the marks of the three kinds
    (tests/test_rule_fast_paths.py compares).
    """
    found = body.count("](")
    if found < enough:
        found += _count(_HTTP_COLONS.finditer(body), enough - found)
    if found < enough:
        found += _www_count(body, enough - found)
    return min(found, enough)


def _www_count(body: str, enough: int) -> int:
    """``min(sum(map(body.count, _WWW_CASES)), enough)``: the "www." in any case.

    No two of them overlap (a dot is no "w"), so each is one dot with "www" before it;
    a regex that starts with the dot finds them at C speed, where eight counts read the
    body eight times (tests/test_rule_fast_paths.py compares).
    """
    return _count(_WWW_DOT.finditer(body), enough)


def _linkish(line: str) -> bool:
    """Whether a line holds a URL's or a Markdown link's mark (the lines to class last)."""
    return "://" in line or "](" in line


def _occurrences(text: str, mark: str, enough: int) -> int:
    """``min(text.count(mark), enough)`` for a mark that cannot overlap itself: stops at
    the ``enough``-th (most bodies have their first lines or links near the start)."""
    found = 0
    position = -1
    while found < enough and (position := text.find(mark, position + 1)) >= 0:
        found += 1
    return found


def _count(items: Iterator[object], enough: int) -> int:
    """How many ``items`` there are, counting no further than ``enough``."""
    return sum(1 for _ in itertools.islice(items, enough))


class LinkList(Rule):
    code = "NL607"
    name = "link-list"
    summary = "The body is mostly a list of links or headlines (navigation kept with the article, or no article)."
    explanation = """\
When an extractor picks the wrong block of a page (a section front, a
"related stories" box, a sitemap, a teaser page), the body is a list of URLs
or of headlines rather than prose.

Each line of the body is classed as a link (a URL or a Markdown link with at
most three other words), a headline (at most sixteen words, all capitalised
apart from small words, with no final punctuation) or prose.  The body is
flagged when it has at least `min_lines` lines, links and headlines make up at
least `min_share` of them, and at least `min_links` lines are links.  A short
list of items, an article with a list of sources at its end or a table of
contents above the text is not flagged.  Report only."""
    bad = "Top Stories\nhttps://example.org/a\nCouncil Approves Budget\nhttps://example.org/b\n..."
    good = "The council approved the budget on Tuesday. ..."
    fields = ("body",)
    triggers = Triggers(literals=("://", "](", *_WWW_CASES))
    min_lines: ClassVar[int] = 6
    min_share: ClassVar[float] = 0.8
    min_links: ClassVar[int] = 3

    def check(self, article: Article) -> Iterator[Diagnostic]:
        body = article.body
        if not body or _occurrences(body, "\n", self.min_lines - 1) + 1 < self.min_lines:
            return
        # Fast path: a "link" line holds a URL or a Markdown link.  Counting their marks
        # (C speed) bounds how many links there are.
        marks = _occurrences(body, "://", self.min_links)
        marks += _occurrences(body, "](", self.min_links - marks)
        if marks < self.min_links and marks + _www_count(body, self.min_links) < self.min_links:
            return
        lines = list(filter(str.strip, body.splitlines()))
        if len(lines) < self.min_lines:
            return
        # Fast path: too many lines are surely prose for a link list.  Listed lines are
        # at most the lines not yet found to be prose, so the count can stop early; the
        # lines that are prose by a cheap test are counted first, and not classed again.
        # (``_surely_prose``, inlined: a line here is not empty.)
        # (A "www." in any case ends with "w." or "W.": that test spares most lines lower().)
        unsure = [
            line
            for line in lines
            if line[-1] not in _TERMINAL
            or "](" in line
            or "://" in line
            or (("w." in line or "W." in line) and "www." in line.lower())
        ]
        prose = len(lines) - len(unsure)
        if len(lines) - prose < self.min_share * len(lines):
            return
        # The regex counts the links' marks exactly (scanning only as far as it must).
        if _link_marks(body, self.min_links) < self.min_links:
            return
        # Lines without a link first: most of them are prose, so a body that is no link
        # list is found out after fewer lines.  Only the counts matter, and the early
        # return holds whatever the order (prose only grows).
        unsure.sort(key=_linkish)
        links = 0
        for line in unsure:
            kind = line_kind(line)
            if kind == "link":
                links += 1
            elif kind == "prose":
                prose += 1
                if len(lines) - prose < self.min_share * len(lines):
                    return
        listed = len(lines) - prose
        if links < self.min_links or listed < self.min_share * len(lines):
            return
        start = len(body) - len(body.lstrip())
        end = len(body.rstrip())
        yield self.diagnostic(
            "body",
            start,
            end,
            f"the body is mostly links or headlines ({listed} of {len(lines)} lines, "
            f"{links} links): page navigation, or no article at all",
        )
