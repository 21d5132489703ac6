"""NL309: non-breaking spaces that are damage: runs of them, or ones at a line's edge."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Diagnostic
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._encoding import in_utf8_mojibake

# A stretch of spacing with a non-breaking space in it; whether it is damage
# (two characters or more, or at a line's edge) is decided in code.  Bounded
# runs of one character class around a literal: linear.
_SPACING = compile_lazily(r"[ \t]{0,20}\xa0[ \xa0\t]{0,200}")


class NonBreakingSpace(Rule):
    code = "NL309"
    name = "non-breaking-space"
    summary = "Non-breaking spaces in runs or at the start or end of a line (`&nbsp;` padding)."
    explanation = """\
A non-breaking space between two words is typography: French puts one before
`:` `;` `?` `!` and inside « », Russian and many others before dashes and
inside numbers.  Runs of them, or non-breaking spaces that indent or pad a
line, are layout from the page (`&nbsp;&nbsp;&nbsp;`) that survived
extraction.

Only those runs and edges are reported, with no fix (the whitespace rules
decide what spacing to keep), except a lone one that may be byte 0xA0 of a
UTF-8 character read through a code page (`Ã\\xa0` is `à`): the encoding
rules need it.  The rule is off by default: select it with
`--select NL309` for corpora that should not contain layout spaces."""
    bad = "Paris\xa0\xa0\xa0— The minister said."
    good = "Paris — The minister said."
    fields = ("title", "byline", "caption", "body")
    triggers = Triggers(chars="\xa0")
    enabled_by_default = False

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for name, text in article.text_fields(self.fields):
            if "\xa0" not in text:
                continue
            for match in _SPACING.finditer(text):
                start, end = match.span()
                at_edge = start == 0 or text[start - 1] in "\r\n" or end == len(text)
                at_edge = at_edge or text[end] in "\r\n"
                if end - start < 2 and not at_edge:
                    continue
                if end - start == 1 and in_utf8_mojibake(text, start, end):
                    continue  # maybe byte 0xA0 of `à` read as windows-1250 (`NICIODATĂ\xa0`)
                count = match.group().count("\xa0")
                where = "at the edge of a line" if at_edge else "in a run of spaces"
                yield self.diagnostic(
                    name,
                    start,
                    end,
                    f"{count} non-breaking space{'s' if count > 1 else ''} {where}"
                    f" ({end - start} character{'s' if end - start > 1 else ''} of spacing)",
                )
