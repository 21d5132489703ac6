"""NL101: Markdown bold markers (``**text**``, ``__text__``) left in plain text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.model import Article
from newslint.rule import Rule

# Anchored on the literal markers; the content cannot contain the marker
# character or a newline, so each attempt stops at the next marker: linear.
_STAR_BOLD = re.compile(r"(?<![*\w])\*\*(?![\s*])([^*\n]{1,300}?)(?<![\s*])\*\*(?![*\w])")
_UNDERSCORE_BOLD = re.compile(r"(?<![_\w])__(?![\s_])([^_\n]{1,300}?)(?<![\s_])__(?![_\w])")
# Dunder names: Python's `__init__`, C's `__FILE__` (one word, one case).
_IDENTIFIER = re.compile(r"[a-z0-9]+|[A-Z0-9]+")


class MarkdownEmphasis(Rule):
    code = "NL101"
    name = "markdown-emphasis"
    summary = "Markdown bold markers (`**text**`, `__text__`) left in plain text."
    explanation = """\
HTML-to-Markdown converters turn `<strong>` and `<b>` into `**...**`; in plain
text the asterisks are noise that ends up in search snippets and training data.
Photo credits are the usual victims (`**Valery Sharifulin / TASS**`).

The fix removes the markers and keeps the text.  Section breaks (`***`,
`* * *`), censored words (`f***`), arithmetic (`2 ** 3`) and Python names such
as `__init__` are not emphasis and are never flagged."""
    bad = "Foreign ministers meet in Moscow. **Valery Sharifulin / TASS**"
    good = "Foreign ministers meet in Moscow. Valery Sharifulin / TASS"
    fields = ("title", "byline", "caption", "body")
    fixable = "safe"

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for name, text in article.text_fields(self.fields):
            if "**" in text:
                yield from self._matches(name, text, _STAR_BOLD)
            if "__" in text:
                yield from self._matches(name, text, _UNDERSCORE_BOLD)

    def _matches(self, name: str, text: str, pattern: re.Pattern[str]) -> Iterator[Diagnostic]:
        for match in pattern.finditer(text):
            inner = match.group(1)
            if pattern is _UNDERSCORE_BOLD and _IDENTIFIER.fullmatch(inner):
                continue
            start, end = match.span()
            fix = Fix(
                "remove the Markdown markers",
                Applicability.SAFE,
                (Edit(name, start, start + 2, ""), Edit(name, end - 2, end, "")),
            )
            shown = inner if len(inner) <= 60 else inner[:57] + "..."
            yield self.diagnostic(name, start, end, f"Markdown bold markers around '{shown}'", fix)
