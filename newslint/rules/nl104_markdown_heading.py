"""NL104: a Markdown heading marker (``# Title``, ``## Section``) at the start of a body line."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._markup import shorten

# Anchored on a line start and the literal '#'; the heading's text runs to the line end.
_HEADING = compile_lazily(
    r"^([ \t]{0,3}#{1,6}[ \t]{1,10})(?=[^\s#])([^\n]{1,500}?)([ \t]{1,10}#{1,6})?[ \t\r]*$",
    re.MULTILINE,
)
# A '#' that a heading could start with: after a line break and at most three spaces or
# tabs.  The regex engine skips from '#' to '#' (one lookbehind per width, as ``re``
# wants), where _HEADING's '^' was tried at every character.
_HEADING_HASH = compile_lazily(
    r"#(?:(?<=\n#)|(?<=\n[ \t]#)|(?<=\n[ \t][ \t]#)|(?<=\n[ \t][ \t][ \t]#))"
)
# `# 5 on the list`, `# 1,000`: a number after the marker is a rank or a count.
_NUMBER = compile_lazily(r"\d[\d.,:)]*(?:\s|$)")


class MarkdownHeading(Rule):
    code = "NL104"
    name = "markdown-heading"
    summary = "A Markdown heading marker (`# Title`, `## Section`) at the start of a body line."
    explanation = """\
HTML-to-Markdown converters write `<h1>`..`<h6>` as lines starting with one to
six `#` and a space.  In plain text the marker is noise in front of a
subheading.

The fix removes the marker (and a closing run of `#`, as in `## Title ##`) and
keeps the heading's text.  Only a line that starts with `#` followed by a space
counts: hashtags (`#hashtag`), ranks (`#1`, and `# 5` followed by a number),
`C#` and lines of `#` alone are never flagged."""
    bad = "## What happens next\nThe court meets on Monday."
    good = "What happens next\nThe court meets on Monday."
    fields = ("body",)
    triggers = Triggers(literals=("# ", "#\t"))
    fix_applicabilities = frozenset({Applicability.SAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for field, text in article.text_fields(self.fields):
            if "# " not in text and "#\t" not in text:
                continue
            for match in headings(text):
                _, heading, closing = match.groups()
                if _NUMBER.match(heading):
                    continue
                edits = [Edit(field, match.start(1), match.end(1), "")]
                end = match.end(2)
                if closing:
                    edits.append(Edit(field, match.start(3), match.end(3), ""))
                    end = match.end(3)
                fix = Fix("remove the heading marker", Applicability.SAFE, tuple(edits))
                yield self.diagnostic(
                    field,
                    match.start(1),
                    end,
                    f"Markdown heading marker before '{shorten(heading)}'",
                    fix,
                )


def headings(text: str) -> Iterator[re.Match[str]]:
    """``_HEADING.finditer(text)``, tried only at the starts of lines that start with '#'.

    A heading lies within one line and starts at the line's start, so each line holds
    at most one, and only a line whose first character after up to three spaces or tabs
    is '#' can hold one; _HEADING_HASH finds at most one such '#' per line.
    """
    first = _HEADING.match(text)
    if first is not None:
        yield first
    for hash_mark in _HEADING_HASH.finditer(text):
        heading = _HEADING.match(text, text.rfind("\n", 0, hash_mark.start()) + 1)
        if heading is not None:
            yield heading
