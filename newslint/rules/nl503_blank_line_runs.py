"""NL503: two or more blank lines in a row inside a field."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._whitespace import TEXT

# Three or more line breaks with only spaces and tabs between them.  Every
# repetition must consume a line break, so the pattern cannot backtrack.
# The pattern starts at the `\n` (a literal: the regex engine skips ahead to it); a
# `\r` before it is taken into the run afterwards.
_RUN = compile_lazily(r"\n(?:[ \t]*\r?\n){2,}")


class BlankLineRuns(Rule):
    code = "NL503"
    name = "blank-line-runs"
    summary = "Two or more blank lines in a row inside a field."
    explanation = """\
Removed elements (ads, embeds, share buttons) leave gaps of several blank lines
between paragraphs.  One blank line already separates paragraphs; more are
noise.  The fix replaces the run (with any spaces on its blank lines) by one
blank line, using the run's own line ending (`\\r\\n` in a CRLF file).  A
single blank line is never flagged."""
    bad = "The council voted on Monday.\n\n\n\nThe new rules apply from January."
    good = "The council voted on Monday.\n\nThe new rules apply from January."
    fields = TEXT
    triggers = Triggers(patterns=(r"\n[ \t]*\r?\n[ \t]*\r?\n",))
    fix_applicabilities = frozenset({Applicability.SAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for name, text in article.text_fields(self.fields):
            if "\n" not in text:
                continue
            for match in _RUN.finditer(text):
                start, end = match.span()
                if start > 0 and text[start - 1] == "\r":
                    start -= 1
                run = text[start:end]
                newline = "\r\n" if "\r\n" in run else "\n"
                blank = run.count("\n") - 1
                yield self.diagnostic(
                    name,
                    start,
                    end,
                    f"{blank} blank lines in a row",
                    self.replacement(name, start, end, newline * 2, "keep one blank line"),
                )
