"""NL105: backslash-escaped Markdown punctuation (``\\[``, ``\\*``, ``\\_``) in plain text."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._markup import in_url, shorten, url_spans

# Anchored on the backslash.  Brackets, emphasis and code markers are escaped
# anywhere; list, quote and heading markers only where a line starts
# (`\- item`, `\> quote`, `1\. item`, `\# title`).
_ESCAPE = compile_lazily(
    r"(?<!\\)\\[\[\]*_`~|]"
    r"|^[ \t]{0,3}(?:\d{1,9})?\\[-+>#.](?=[ \t])"
    r"|(?<!\\)\\#(?=[^\W\d])",
    re.MULTILINE,
)
# A Windows or UNC path, where backslashes separate names.
_PATH = compile_lazily(r"[A-Za-z]:\\|\\\\")
_TOKEN = compile_lazily(r"\S+")


class EscapedMarkdown(Rule):
    code = "NL105"
    name = "escaped-markdown"
    summary = "Backslash-escaped Markdown punctuation (`\\[`, `\\*`, `\\_`, `\\#`) in plain text."
    explanation = """\
HTML-to-Markdown converters escape punctuation that Markdown would read as
markup: `snake\\_case`, `\\[1\\]`, `f\\*\\*\\*`, `\\- item` at a line start.  In
plain text the backslashes are noise.

The fix removes the backslash and keeps the character.  Brackets, asterisks,
underscores, backticks, tildes and pipes count anywhere; `-`, `+`, `>`, `#` and
`1\\.` only at a line start, and `\\#` before a word (`\\#hashtag`).  Windows
paths (`C:\\Users\\_data`), doubled backslashes, LaTeX commands (`\\alpha`) and
a literal `\\n` (reported by the whitespace rules) are never flagged.  Inside a
web address (`https://example.org/a\\_b.jpg`) the fix is unsafe: a safe fix
never edits an address."""
    bad = "Call my\\_function from \\[the docs\\]."
    good = "Call my_function from [the docs]."
    fields = ("title", "byline", "caption", "body")
    triggers = Triggers(chars="\\")
    fix_applicabilities = frozenset({Applicability.SAFE, Applicability.UNSAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for field, text in article.text_fields(self.fields):
            if "\\" not in text:
                continue
            paths = _path_tokens(text)
            urls: list[tuple[int, int]] | None = None  # found at the first escape
            run: list[int] = []  # backslashes of adjacent escapes (`\*\*\*`): one report
            for match in escapes(text):
                backslash = match.end() - 2
                if paths and _inside(paths, backslash):
                    continue
                if urls is None:
                    urls = url_spans(text)
                if run and backslash != run[-1] + 2:
                    yield self._report(field, text, run, urls)
                    run = []
                run.append(backslash)
            if run:
                yield self._report(field, text, run, urls or [])

    def _report(
        self, field: str, text: str, backslashes: list[int], urls: list[tuple[int, int]]
    ) -> Diagnostic:
        start, end = backslashes[0], backslashes[-1] + 2
        edits = tuple(Edit(field, b, b + 1, "") for b in backslashes)
        # A safe fix never edits inside a web address: there, removing the converter's
        # backslash is left for review.
        if urls and any(in_url(urls, b, b + 1) for b in backslashes):
            fix = Fix("remove the backslashes (inside an address)", Applicability.UNSAFE, edits)
        else:
            fix = Fix("remove the backslashes", Applicability.SAFE, edits)
        shown = shorten(text[start:end], 40)
        return self.diagnostic(field, start, end, f"escaped Markdown '{shown}'", fix)


def escapes(text: str) -> Iterator[re.Match[str]]:
    """``_ESCAPE.finditer(text)``, tried only at backslashes and at the starts of their lines.

    _ESCAPE's alternatives, tried at every character, each hold one backslash and end
    right after the character it escapes: a match starts at its backslash, or (a line
    marker) at the start of the backslash's line with only spaces, tabs and digits in
    between.  The alternatives want different characters after the backslash, so each
    backslash ends at most one match, and no two matches overlap.
    """
    position = 0
    match_at = _ESCAPE.match
    while (backslash := text.find("\\", position)) >= 0:
        position = backslash + 1
        match = match_at(text, backslash)
        if match is None:
            line_start = text.rfind("\n", 0, backslash) + 1
            if line_start == backslash:
                continue
            match = match_at(text, line_start)
            if match is None or match.end() != backslash + 2:
                continue
        position = match.end()
        yield match


def _path_tokens(text: str) -> list[tuple[int, int]]:
    """Spans of the whitespace-separated tokens that hold a Windows or UNC path."""
    if ":\\" not in text and "\\\\" not in text:
        return []
    return [token.span() for token in _TOKEN.finditer(text) if _PATH.search(token.group())]


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    index = bisect.bisect_right(spans, (position, len(spans) + position + 1)) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]
