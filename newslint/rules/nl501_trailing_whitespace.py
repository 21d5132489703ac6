"""NL501: spaces or tabs at the end of a line or of a field."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._whitespace import TEXT, describe

# The lookbehind starts a match only at the beginning of a run, so each run is
# scanned once: linear even on a long run of spaces that ends in a letter.  It comes
# after the first character so that the regex engine can skip ahead to a space or tab.
_TRAILING = compile_lazily(r"[ \t](?<![ \t][ \t])[ \t]*(?=\r?\n|\r|\u2028|\u2029|\Z)")
# Fast path: a run of trailing whitespace ends with a space or tab right before a line
# break or the end; these substring tests (C speed) rule out nearly every clean field.
_BEFORE_BREAK = tuple(a + b for a in " \t" for b in "\n\r\u2028\u2029")


def _may_have_trailing(text: str) -> bool:
    return text.endswith((" ", "\t")) or any(pair in text for pair in _BEFORE_BREAK)


class TrailingWhitespace(Rule):
    code = "NL501"
    name = "trailing-whitespace"
    summary = "Spaces or tabs at the end of a line, or at the end of a field."
    explanation = """\
HTML-to-text converters leave the spaces that sat before a `<br>` or a closing
tag at the end of lines (Markdown converters add two on purpose, as a hard line
break); in plain text they are invisible noise that breaks exact matching and
deduplication.  Lines that hold only spaces count too.

The fix deletes the spaces and tabs; the line break itself is kept.  A `\\r`
before `\\n` is a line ending (a CRLF file), not trailing whitespace, and other
spaces (no-break space, ideographic space) are never touched."""
    bad = "Turner & Newall closed the plant.  \nWorkers were told on Friday."
    good = "Turner & Newall closed the plant.\nWorkers were told on Friday."
    fields = TEXT
    triggers = Triggers(literals=_BEFORE_BREAK, endings=(" ", "\t"))
    fix_applicabilities = frozenset({Applicability.SAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for name, text in article.text_fields(self.fields):
            if not _may_have_trailing(text):
                continue
            for match in _TRAILING.finditer(text):
                start, end = match.span()
                where = "field" if end == len(text) else "line"
                yield self.diagnostic(
                    name,
                    start,
                    end,
                    f"trailing whitespace ({describe(match.group())}) at the end of the {where}",
                    self.replacement(name, start, end, "", "remove the trailing whitespace"),
                )
