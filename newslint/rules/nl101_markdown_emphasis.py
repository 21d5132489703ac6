"""NL101: Markdown emphasis markers (``**bold**``, ``*italic*``, ``__bold__``, ``_italic_``) in plain text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._markup import in_url, url_spans

# Anchored on the literal markers (one to three, the same run at both ends); the
# content cannot contain the marker character or a newline, so each attempt stops
# at the next marker: linear.
# The opening lookbehind follows the first marker (and includes it) so that the regex
# engine can jump from marker to marker instead of trying every position.
_STAR = re.compile(r"(\*(?<![*\w]\*)\*{0,2})(?![\s*])([^*\n]{1,300}?)(?<![\s*])\1(?![*\w])")
_UNDERSCORE = re.compile(r"(_(?<![_\w]_)_{0,2})(?![\s_])([^_\n]{1,300}?)(?<![\s_])\1(?![_\w])")
# Dunder names: Python's `__init__`, C's `__FILE__`, `__myVar__` (one word: one case or camelCase).
_IDENTIFIER = compile_lazily(r"[a-z0-9]+|[A-Z0-9]+|[A-Za-z0-9]{0,300}[a-z][A-Z][A-Za-z0-9]{0,300}")
# Characters that make the token around a marker a URL, a path, a handle or a formula.
_NOT_PROSE = frozenset("/\\@=<>+^|~#$%&")
# Other Markdown in the same field: a link or image target, a heading line, or an
# opening bold marker (`**bold *and* italic**`).  The definition: ``_other_markdown``
# searches for it faster (tests/test_markup_fast_paths.py compares the two).
_OTHER_MARKDOWN = compile_lazily(r"\]\(|^#{1,6}[ \t]|(?<![*\w])\*\*(?![\s*])", re.MULTILINE)
# _OTHER_MARKDOWN's heading and bold alternatives on their own, each after a literal the
# regex engine can skip to (its lookbehind moved past the first marker and including it):
# the three-way alternation was tried at every character of the field.
_HEADING = compile_lazily(r"#(?<![^\n]#)#{0,5}[ \t]")
_BOLD_OPENING = compile_lazily(r"\*(?<![*\w]\*)\*(?![\s*])")
# `_draft_.txt`, `_v2_-final`: the name goes on after the closing underscore.
_NAME_GOES_ON = compile_lazily(r"[.-]\w")
_KIND = {1: "italic", 2: "bold", 3: "bold italic"}


class MarkdownEmphasis(Rule):
    code = "NL101"
    name = "markdown-emphasis"
    summary = "Markdown emphasis markers (`**bold**`, `*italic*`, `__bold__`, `_italic_`) left in plain text."
    explanation = """\
HTML-to-Markdown converters turn `<strong>` and `<b>` into `**...**` and `<em>`
and `<i>` into `*...*` or `_..._`; in plain text the markers are noise that ends
up in search snippets and training data.  Photo credits are the usual victims
(`**Valery Sharifulin / TASS**`).

The fix removes the markers and keeps the text.  A marker must touch the words
it wraps, with no letter or digit outside it, and both ends must use the same
marker.  A lone single-marker span (`*sighs*`) may be the writer's own, so
`*italic*` and `_italic_` count only when the field has two of them or other
Markdown (bold, a link, a heading).  Section breaks (`***`, `* * *`), censored words (`f***`), bullet lists
(`* item`), arithmetic (`2 * 3`, `a*b`), footnote asterisks (`Price*`,
`*Terms apply`), `snake_case` and dunder names (`__init__`), and underscores
inside file names and handles (`@user_name`) are not emphasis and are never
flagged; nothing inside a web address is (`ad.example.net/adj;_YL_;ord=1`,
`https://example.org/*x*`), though markers around one are."""
    bad = "Foreign ministers meet in Moscow. **Valery Sharifulin / TASS**"
    good = "Foreign ministers meet in Moscow. Valery Sharifulin / TASS"
    fields = ("title", "byline", "caption", "body")
    triggers = Triggers(chars="*_")
    fix_applicabilities = frozenset({Applicability.SAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for name, text in article.text_fields(self.fields):
            matches: list[re.Match[str]] = []
            if "*" in text:
                matches += _emphasis(text, _STAR)
            if "_" in text:
                matches += _emphasis(text, _UNDERSCORE)
            if not matches:
                continue
            # A lone `*word*` may be the writer's own (`*sighs*`); single markers count
            # when the field shows Markdown elsewhere: two of them, or any other marker.
            singles = sum(len(match.group(1)) == 1 for match in matches)
            trust_singles = singles >= 2 or singles < len(matches) or _other_markdown(text)
            for match in sorted(matches, key=lambda m: m.start()):
                if len(match.group(1)) == 1 and not trust_singles:
                    continue
                yield self._diagnostic(name, match)

    def _diagnostic(self, name: str, match: re.Match[str]) -> Diagnostic:
        marker, inner = match.groups()
        start, end = match.span()
        width = len(marker)
        fix = Fix(
            "remove the Markdown markers",
            Applicability.SAFE,
            (Edit(name, start, start + width, ""), Edit(name, end - width, end, "")),
        )
        shown = inner if len(inner) <= 60 else inner[:57] + "..."
        return self.diagnostic(
            name, start, end, f"Markdown {_KIND[width]} markers around '{shown}'", fix
        )


def _in_url(urls: list[tuple[int, int]], match: re.Match[str]) -> bool:
    """Whether either marker of ``match`` is inside a web address."""
    start, end = match.span()
    width = len(match.group(1))
    return in_url(urls, start, start + width) or in_url(urls, end - width, end)


def _other_markdown(text: str) -> bool:
    """Whether ``_OTHER_MARKDOWN.search(text)`` finds something, alternative by alternative."""
    return (
        "](" in text
        or ("#" in text and _HEADING.search(text) is not None)
        or ("**" in text and _BOLD_OPENING.search(text) is not None)
    )


def _emphasis(text: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    found = [m for m in pattern.finditer(text) if _is_emphasis(text, m, *m.groups())]
    if found and (urls := url_spans(text)):
        # Nothing inside a web address is emphasis (`;tile=2;_YL_;ord=`).
        found = [m for m in found if not _in_url(urls, m)]
    return found


def _is_emphasis(text: str, match: re.Match[str], marker: str, inner: str) -> bool:
    if not any(char.isalpha() for char in inner):
        return False  # `*2*`, `_1_`: not words
    if marker[0] == "_":
        if len(marker) > 1 and _IDENTIFIER.fullmatch(inner):
            return False  # `__init__`, `__FILE__`
        # An underscore inside a URL, a path, a handle or an address is part of a name.
        start, end = match.span()
        before = text[start - 1] if start else ""
        after = text[end : end + 2]
        if before in _NOT_PROSE or after[:1] in _NOT_PROSE or _NAME_GOES_ON.match(after):
            return False
    return True
