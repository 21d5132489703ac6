"""NL501: spaces or tabs at the end of a line or of a field."""

from __future__ import annotations

import functools
from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._whitespace import TEXT, describe

# What the rule reports (``trailing_runs`` finds the same spans faster; a test compares).
# The lookbehind starts a match only at the beginning of a run, so each run is
# scanned once: linear even on a long run of spaces that ends in a letter.  It comes
# after the first character so that the regex engine can skip ahead to a space or tab.
_TRAILING = compile_lazily(r"[ \t](?<![ \t][ \t])[ \t]*(?=\r?\n|\r|\u2028|\u2029|\Z)")
# Fast path: a run of trailing whitespace ends with a space or tab right before a line
# break or the end; these substring tests (C speed) rule out nearly every clean field.
_BEFORE_BREAK = tuple(a + b for a in " \t" for b in "\n\r\u2028\u2029")
# _TRAILING's matches, found in the reversed text: a maximal run of spaces and tabs
# that a line break follows is, reversed, the run after a break.  Its first character
# is a break, so the regex engine skips from break to break instead of trying every
# space of the prose (a run at the very end of the field is found apart).
_REVERSED_BEFORE_BREAK = compile_lazily("[\n\r\u2028\u2029][ \t]+")
# The same for a text whose only line break is "\n" (nearly all): a literal first
# character, which the regex engine skips to several times faster than to a class.
_REVERSED_BEFORE_NEWLINE = compile_lazily("\n[ \t]+")


def trailing_runs(text: str) -> list[tuple[int, int]]:
    """The spans of ``_TRAILING.finditer(text)``, in order (tests/test_rule_fast_paths.py)."""
    size = len(text)
    backwards = text[::-1]
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        runs = _REVERSED_BEFORE_BREAK.finditer(backwards)
    else:
        runs = _REVERSED_BEFORE_NEWLINE.finditer(backwards)
    found = [(size - run.end(), size - 1 - run.start()) for run in runs]
    found.reverse()
    if text.endswith((" ", "\t")):
        found.append((len(text.rstrip(" \t")), size))
    return found


@functools.lru_cache(maxsize=256)
def _message(run: str, where: str) -> str:
    return f"trailing whitespace ({describe(run)}) at the end of the {where}"


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
            size = len(text)
            for start, end in trailing_runs(text):
                where = "field" if end == size else "line"
                yield self.diagnostic(
                    name,
                    start,
                    end,
                    _message(text[start:end], where),
                    self.replacement(name, start, end, "", "remove the trailing whitespace"),
                )
