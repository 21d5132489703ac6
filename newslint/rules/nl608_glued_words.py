"""NL608: two words glued together where a tag boundary was (`quoted textAn image`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.diagnostics import Diagnostic
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers

_LOWER = "a-zß-öø-ÿа-яё"
_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁ"
# A lower-case word of 3+ letters that starts a token (after a space, a quote or
# a bracket: not after '#', '@', '/' or a letter) glued to a capitalised word
# that is followed by a space and a lower-case word.  Bounded, anchored on the
# case change: linear.
_MAX_HEAD, _MAX_TAIL = 40, 41
_GLUED = compile_lazily(
    rf"(?<![^\s\"'“‘«(\[])([{_LOWER}]{{3,{_MAX_HEAD}}})([{_UPPER}][{_LOWER}]{{1,{_MAX_TAIL - 1}}})"
    rf"(?=[ \t\n][{_LOWER}])"
)
# Fast path: every match holds a lower-case letter followed by a capital; most
# fields have none, and this scan is several times cheaper than the one above (it
# tries only the capitals, looking behind each for a lower-case letter).
_CASE_CHANGE = compile_lazily(rf"[{_UPPER}](?<=[{_LOWER}][{_UPPER}])")
# What a match holds around its case change (the capital is the 4th character).
_AROUND_CHANGE = compile_lazily(rf"[{_LOWER}]{{3}}[{_UPPER}][{_LOWER}]")
# The capitals of the case changes that ``_AROUND_CHANGE`` holds, in one scan: it is
# ``_CASE_CHANGE`` with that test folded in (fewer matches for Python to loop over,
# and no search ahead of it); the one-letter lookbehind first turns most capitals away
# as cheaply as ``_CASE_CHANGE`` does.  tests/test_rule_fast_paths.py compares.
_CHANGE_IN_WORDS = compile_lazily(
    rf"[{_UPPER}](?<=[{_LOWER}][{_UPPER}])(?<=[{_LOWER}]{{3}}[{_UPPER}])(?=[{_LOWER}])"
)
# A run of lower-case letters (read in reverse from a capital: the head of a match).
_LOWER_RUN = compile_lazily(rf"[{_LOWER}]+")
_SHORT_STARTERS = frozenset(
    [
        "An",
        "In",
        "On",
        "At",
        "It",
        "He",
        "We",
        "If",
        "As",
        "By",
        "To",
        "Or",
        "No",
        "So",
        "Do",
        "Go",
        "Us",
        "My",
        "Up",
        "Is",
    ]
)
# Lower-case prefixes of camel-case brands and code identifiers (`easyJet`,
# `wikiHow`, `setTimeout`, `forEach`, `useState`).
_CAMEL_PREFIXES = frozenset(
    [
        "easy",
        "air",
        "wiki",
        "bit",
        "get",
        "set",
        "use",
        "has",
        "for",
        "add",
        "new",
        "old",
        "max",
        "min",
        "num",
        "str",
        "int",
        "var",
        "let",
        "img",
        "btn",
        "src",
        "dev",
        "app",
        "web",
        "api",
        "net",
        "sub",
        "pre",
        "non",
        "mac",
        "camel",
        "snake",
        "pascal",
        "kebab",
    ]
)


def _glued(text: str) -> Iterator[re.Match[str]]:
    """``_GLUED.finditer(text)``, tried only at each lower-case-to-capital change.

    A match holds exactly one such change (where its two words meet), and matches
    never overlap (each starts after a space, a quote or a bracket and holds only
    letters), so a match at each change finds every match once, in order.  The match
    for a change can only start where the run of lower-case letters before the capital
    starts (the character before a match is no letter; its head is lower-case up to
    the capital): that run, read backwards from the capital, gives the one place to try
    (tests/test_rule_fast_paths.py compares with a search around each change).
    """
    for change in _CHANGE_IN_WORDS.finditer(text):
        capital = change.start()
        before = text[max(0, capital - _MAX_HEAD - 1) : capital]
        head = _LOWER_RUN.match(before[::-1])
        if head is None or head.end() > _MAX_HEAD:
            continue  # (never None: 3 lower-case letters precede the capital)
        match = _GLUED.match(text, capital - head.end())
        if match is not None:
            yield match


class GluedWords(Rule):
    code = "NL608"
    name = "glued-words"
    summary = "Two words glued together where a tag boundary was (`quoted textAn image`)."
    explanation = """\
Converters that drop block tags without putting a space or a line break in
their place glue the last word of one block to the first word of the next:
`Skip to contentSkip to navigation`, `after eating wild rabbitObama aides`.

Flagged only when a lower-case word of at least three letters, starting a token
(after a space, a quote or a bracket), runs straight into a capitalised word
that is followed by a space and a lower-case word.  Brand names and camel case
are never flagged: a token that starts with a capital (`YouTube`, `McDonald`,
`PlayStation`, `LinkedIn`, `MacLeod`, `DeSantis`, `LeBron`, `PhD`), a short
lower-case prefix (`iPhone`, `eBay`, `iOS`), a hashtag, a handle or a URL
path, a known camel-case prefix (`easyJet`, `wikiHow`, `setTimeout`,
`forEach`).  Report only: where the break belongs (a space, a new paragraph)
is not known."""
    bad = "Read the quoted textAn image of the scene was shared."
    good = "Read the quoted text\n\nAn image of the scene was shared."
    fields = ("title", "caption", "body")
    triggers = Triggers(patterns=(f"[{_LOWER}][{_UPPER}]",))

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for name, text in article.text_fields(self.fields):
            if text.islower() or text.isupper():
                continue  # (``_glued`` scans for case changes once: no search ahead of it)
            for match in _glued(text):
                head, tail = match.group(1), match.group(2)
                if len(tail) < 3 and tail not in _SHORT_STARTERS:
                    continue
                if head in _CAMEL_PREFIXES:
                    continue
                start, end = match.span()
                yield self.diagnostic(
                    name,
                    start,
                    end,
                    f"words glued together: '{head}{tail}' (missing space or line break "
                    f"between '{head}' and '{tail}')",
                )
