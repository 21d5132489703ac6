"""NL409: a run of menu-like short lines before the article's first paragraph or after its last."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from newslint.diagnostics import Applicability, Diagnostic
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule
from newslint.rules._boilerplate import ends_sentence, list_marker
from newslint.rules._headline import SIGN_OFF_LINES, header, sign_off
from newslint.sites import normal_line

_BULLETS = frozenset("*+•·▪►o–-")
_NUMBERED = compile_lazily(r"\d{1,2}[.)]")
_DIGIT = compile_lazily(r"\d")
_ADDRESS_LINE = compile_lazily(
    r"[ \t]*(?:\[[^\]\n]{1,40}\]:|[^\s:\[\]]{1,20}:)?[ \t]*(?:https?://|www\.)\S+[ \t]*"
)
# A widget's count of posts after a category's name: `Travel (47)`, `Garten (1.160)`.
_ENTRY_COUNT = compile_lazily(r"[ \t]*\(\d{1,3}(?:[.,\u00a0\u202f ]?\d{3}){0,2}\)[ \t]*$")
WIDGET_LINES = 12
"""A run this long may be a blog's list of categories with their counts of posts; a shorter
one is rather a table of the article's (a parliament's seats, a medal table)."""
_SMALL_NUMBER = compile_lazily(r"(?<![\d.,])\d{1,2}(?![\d.,:])")


def _listicle_counts(title: str) -> frozenset[int]:
    """The small numbers a title announces (``4 probiotic foods that...``, ``Top 10 ...``): a
    run of exactly that many short lines is the list the title promises, not a menu."""
    return frozenset(int(number) for number in _SMALL_NUMBER.findall(title) if int(number) > 0)


INTRODUCTION_WORDS = 8
"""A list whose first items are long is introduced by a sentence of more words than this
(`...you can now read it on the following devices:`); a menu's label is shorter
(`Customer Center:`)."""


def _list_starts(parts: list[str], lines: list[tuple[int, str, int]]) -> list[int]:
    """For each line, where the list it is an item of starts (itself for a line that is no
    item): a run of short items may be the end of a list whose first items are longer
    (`• Apple iPhone or iPod Touch`), and the line that introduces the list (`...on the
    following devices:`) is above those.  One pass: linear."""
    starts: list[int] = []
    previous = ""
    for position, (index, _, _) in enumerate(lines):
        bullet = _bullet(parts[index])
        starts.append(starts[-1] if bullet and bullet == previous else position)
        previous = bullet
    return starts


def _bullet(text: str) -> str:
    """A list item's marker (`•`, `*`; `1` for any number), or '' for a line that is none."""
    if not list_marker(text):
        return ""
    mark = text.lstrip()[:1]
    return "1" if mark.isdigit() else mark


def _sign_off(parts: list[str], lines: list[tuple[int, str, int]], first: int) -> int:
    """How many lines from ``lines[first]`` on are the sign-off (`Cheers,` `Timo`) of the
    sentence before them: the article's, not the menu's that follows."""
    following = [parts[index] for index, _, _ in lines[first : first + SIGN_OFF_LINES]]
    return sign_off(parts[lines[first - 1][0]], following)


def _menu_like(lines: list[str]) -> bool:
    """Menus hold few numbers; a run of figures (poll results, prices, a schedule, a
    table of scores) is the article's own data.  Nor are they mostly bare addresses
    (`https://...`, `Source: https://...`, `[Twitter]: https://...`): those are the
    article's sources, or a link list (NL607's to judge).  A menu's links keep their
    words (`* Home (https://...)`).  In a run of ``WIDGET_LINES`` or more, a count in
    brackets after a name (`Travel (47)`) is a blog's count of posts, not a figure."""
    counted = lines
    if len(lines) >= WIDGET_LINES:
        counted = [_ENTRY_COUNT.sub("", line) for line in lines]
    with_digits = sum(1 for line in counted if _DIGIT.search(line))
    addresses = sum(1 for line in lines if _ADDRESS_LINE.fullmatch(line))
    return with_digits * 3 <= len(lines) and addresses * 2 < len(lines)


def _mostly_distinct(lines: list[str]) -> bool:
    """At least four in five of the lines differ: a menu names each section once."""
    return len({line.strip() for line in lines}) * 5 >= len(lines) * 4


def _middle_menu(lines: list[str]) -> bool:
    """A menu between the article's paragraphs names each section once, and in the case its
    site chose: a run mostly in capitals there is the article's own list (a film's credits,
    a cast, a line-up), not a menu."""
    if not _mostly_distinct(lines):
        return False
    capitals = sum(1 for line in lines if line.isupper())
    return capitals * 2 <= len(lines)


class NavigationBlock(Rule):
    code = "NL409"
    name = "navigation-block"
    summary = (
        "A run of short menu-like lines before the article's first paragraph or after its last."
    )
    explanation = """\
Whole-page text (what html-text, inscriptis or a crawler that keeps everything
hands you) starts with the site's navigation and ends with its footer: runs of
short lines, often bulleted (`* Home`, `+ Shows`, `o Morning Joe`), none of
them a sentence.  This rule needs no corpus: it flags a run of at least
`min-lines` consecutive lines (blank lines do not break a run) of at most
`max-words` words each that do not end a sentence, when the run lies before the
body's first paragraph of prose (a line of 12 or more words ending with `.`,
`!`, `?` or `…`) or after its last.  Between the first paragraph and the last,
only a run of at least 10 lines of at most 3 words, four in five of them
different and at most half of them in capitals, is a menu (a site map or a list of
sections that a page puts between the article and the next story; a comment that
repeats one line is none, nor a film's credits in capitals).  A body
without a paragraph of prose is not judged.

A line equal to the article's title ends a run (the headline under a menu is
the article's; without a title field, the body line the url's slug spells best is
the title), and so do the one or two lines under it that read as its byline or date
(`Laura Beck` over `* View Profile`, `* Email`); and a run of exactly as many lines as a number in the title
announces is the article's list (`4 probiotic foods that...`).  The sign-off right
under a sentence (`Cheers,` `Timo`; `– Marcas Grant`; `Posted by ...`; a date) is the
article's: a run is judged with it and reported without it.  Shorter lists
between the article's paragraphs are left alone, and so is a short byline-and-date
block (three lines or fewer), the short last items of a list whose first items are
longer and that a sentence of nine words or more ending with `:` introduces (`...on
the following devices:`), a run in which more than a third of the lines hold a
digit (poll results, prices, a schedule, scores: the article's own figures; in a
run of 12 lines or more a count in brackets after a name, `Travel (47)`, is a blog's
count of posts and no figure), a run
that is half bare addresses or more (`Source: https://...`: sources and link lists,
NL607's), and a run that a line
ending with `:` introduces (`...found in foods like:`).

The fix deletes the run and the blank lines after it; it is unsafe: it deletes
text.

Not selected by default yet (`--extend-select NL409`): a list that opens or
closes an article without a sentence to introduce it (`Spinach`, `Chard`,
`Almonds`, ...) is flagged too, and on whole pages it costs about a tenth of
the rules' time."""
    bad = (
        "* Home\n* News\n* Sport\n* Weather\n\n"
        "The council approved the budget on Monday after a long and heated debate."
    )
    good = "The council approved the budget on Monday after a long and heated debate."
    fields = ("body",)
    fix_applicabilities = frozenset({Applicability.UNSAFE})
    enabled_by_default = False  # preview: see the explanation's last paragraph

    options: ClassVar[dict[str, str]] = {
        "min-lines": "flag runs of at least this many short lines",
        "max-words": "a line of at most this many words (a bullet not counted) is short",
    }
    min_lines = 4
    max_words = 4
    prose_words = 12
    # Between the first paragraph and the last, only a long run of very short, distinct
    # lines is a menu (a site map, a list of sections): articles list things too.
    middle_min_lines = 10
    middle_max_words = 3

    def check(self, article: Article) -> Iterator[Diagnostic]:
        body = article.text("body")
        if not body or body.count("\n") < self.min_lines:
            return
        parts = body.split("\n")
        title = header(article)
        top = self._segment(parts, range(len(parts)), 0, title)
        if top is None:
            return  # no paragraph of prose: not judged
        first = top[-1][0]
        bottom = self._segment(parts, range(len(parts) - 1, first - 1, -1), len(body) + 1, title)
        assert bottom is not None  # the first paragraph ends the search at the latest
        listed = _listicle_counts(article.text("title") or "")
        yield from self._runs(body, parts, top, "before the first paragraph", listed)
        last = bottom[-1][0]
        if last > first + self.middle_min_lines:
            middle = self._middle(parts, first, last, top[-1][2], title)
            yield from self._runs(
                body, parts, middle, "between paragraphs", listed, self.middle_min_lines, True
            )
        yield from self._runs(body, parts, bottom[::-1], "after the last paragraph", listed)

    def _middle(
        self, parts: list[str], first: int, last: int, offset: int, title: frozenset[str]
    ) -> list[tuple[int, str, int]]:
        """(line index, kind, start offset) of the non-empty lines strictly between the first
        paragraph of prose (line ``first``, starting at ``offset``) and the last one; the
        last paragraph itself closes the list (as "p") so that a run before it ends."""
        found = []
        for index in range(first, last + 1):
            text = parts[index]
            if index > first and text and not text.isspace():
                kind = "p" if index == last else self._kind(text, title, self.middle_max_words)
                found.append((index, kind, offset))
            offset += len(text) + 1
        return found

    def _segment(
        self, parts: list[str], order: range, offset: int, title: frozenset[str]
    ) -> list[tuple[int, str, int]] | None:
        """(line index, kind, start offset) of the non-empty lines in ``order`` up to and
        with the first paragraph of prose (None if there is none): only the lines around
        the article are ever classified.  ``offset``: where the walk starts (0 forwards;
        the body's length + 1 backwards)."""
        found = []
        forwards = order.step > 0
        for index in order:
            text = parts[index]
            if forwards:
                start, offset = offset, offset + len(text) + 1
            else:
                offset -= len(text) + 1
                start = offset
            if text and not text.isspace():
                kind = self._kind(text, title)
                found.append((index, kind, start))
                if kind == "p":
                    return found
        return None

    def _runs(
        self,
        body: str,
        parts: list[str],
        lines: list[tuple[int, str, int]],
        where: str,
        listed: frozenset[int] = frozenset(),
        min_lines: int = 0,
        distinct: bool = False,
    ) -> Iterator[Diagnostic]:
        """The problems of one segment: runs of short lines, in text order.  ``distinct``:
        a run must be made of different lines (a comment that repeats one line is no menu)."""
        min_lines = min_lines or self.min_lines
        run: list[int] = []
        starts: list[int] | None = None  # where each line's list starts, once needed
        for position, (_, kind, _) in enumerate([*lines, (-1, "", -1)]):
            if kind == "s":
                run.append(position)
                continue
            if len(run) >= min_lines and (
                not distinct or _middle_menu([parts[lines[p][0]] for p in run])
            ):
                before = lines[run[0] - 1][0] if run[0] > 0 else None
                introduced = before is not None and parts[before].rstrip().endswith(":")
                if not introduced and starts is None:
                    starts = _list_starts(parts, lines)
                opened = run[0] if starts is None else starts[run[0]]
                if not introduced and 0 < opened < run[0]:
                    # The end of a list whose first items are longer, that a sentence
                    # introduces (`...on the following devices:`), not a menu's label.
                    lead = parts[lines[opened - 1][0]].rstrip()
                    words = len(lead.split(None, INTRODUCTION_WORDS))
                    introduced = lead.endswith(":") and words > INTRODUCTION_WORDS
                announced = len(run) in listed  # "4 probiotic foods": the four, listed
                if not (introduced or announced) and _menu_like([parts[lines[p][0]] for p in run]):
                    if before is not None:
                        del run[: _sign_off(parts, lines, run[0])]
                    if run:
                        following = run[-1] + 1
                        end = lines[following][2] if following < len(lines) else len(body)
                        yield self._report(body, lines[run[0]][2], end, len(run), where)
            run = []

    def _kind(self, text: str, title: frozenset[str] = frozenset(), max_words: int = 0) -> str:
        """'s' for a short line that ends no sentence, 'p' for a paragraph of prose, '' else.

        Cheap on purpose (whole pages have thousands of lines): bounded splits count words.
        """
        sentence = ends_sentence(text)
        if title and normal_line(text.lstrip(" \t#")) in title:
            return ""  # the article's own headline (or its byline) ends a menu
        if not sentence:
            max_words = max_words or self.max_words
            words = text.split(None, max_words + 1)
            if words and (words[0] in _BULLETS or _NUMBERED.fullmatch(words[0])):
                words = words[1:]
            return "s" if 0 < len(words) <= max_words else ""
        return "p" if len(text.split(None, self.prose_words)) >= self.prose_words else ""

    def _report(self, body: str, start: int, end: int, count: int, where: str) -> Diagnostic:
        newline = body.find("\n", start, end)
        first = body[start : newline if newline >= 0 else end]
        shown = " ".join(first.split())[:40]
        message = f"navigation block: {count} short lines {where} (from '{shown}')"
        fix = self.replacement("body", start, end, "", "delete the block", Applicability.UNSAFE)
        return self.diagnostic("body", start, end, message, fix)
