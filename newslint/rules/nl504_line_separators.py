"""NL504: carriage returns in JSON strings, Unicode line and paragraph separators anywhere."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._whitespace import TEXT

_CARRIAGE_RETURNS = re.compile(r"\r\n?")
_UNICODE_SEPARATORS = re.compile(r"[\u2028\u2029]")
_NAMES = {
    "\r\n": "CRLF line ending",
    "\r": "carriage return",
    "\u2028": "line separator U+2028",
    "\u2029": "paragraph separator U+2029",
}
_PLURALS = {"\r\n": "CRLF line endings", "\r": "carriage returns"}
_REPLACEMENTS = {"\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n\n"}


class LineSeparators(Rule):
    code = "NL504"
    name = "line-separators"
    summary = "A carriage return in a JSON string, or U+2028/U+2029 in any text field."
    explanation = """\
JSON article bodies separate lines with `\\n` and paragraphs with `\\n\\n`.
A `\\r\\n` or a lone `\\r` inside a JSON string comes from a Windows or old Mac
page source; U+2028 (line separator) and U+2029 (paragraph separator) come from
word processors and break many tools (they end lines in JavaScript and in some
editors but not in others).  The fix writes `\\n` for `\\r\\n`, `\\r` and U+2028,
and `\\n\\n` (a paragraph break) for U+2029.

Carriage returns are a field's line-ending convention, not one problem per line: a
field with forty `\\r\\n` gets one report, at the first of them, whose fix mends
them all (as yamllint's `new-lines` reports a file once).  Each U+2028 and U+2029
is reported where it is.

In a .txt file, `\\r\\n` is the file's own line ending and is never flagged;
U+2028 and U+2029 are flagged in every format."""
    bad = '{"body": "First line.\\r\\nSecond line."}'
    good = '{"body": "First line.\\nSecond line."}'
    fields = TEXT
    triggers = Triggers(chars="\r\u2028\u2029")
    fix_applicabilities = frozenset({Applicability.SAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        is_json = article.format in ("json", "jsonl")
        for name, text in article.text_fields(self.fields):
            if is_json and "\r" in text:
                yield self._carriage_returns(name, text)
            if "\u2028" not in text and "\u2029" not in text:
                continue
            for match in _UNICODE_SEPARATORS.finditer(text):
                found = match.group()
                start, end = match.span()
                yield self.diagnostic(
                    name,
                    start,
                    end,
                    f"{_NAMES[found]} in the text",
                    self.replacement(
                        name, start, end, _REPLACEMENTS[found], "write a plain line break"
                    ),
                )

    def _carriage_returns(self, name: str, text: str) -> Diagnostic:
        """One report for every ``\\r`` of a field, spanning the first to the last."""
        spans = [match.span() for match in _CARRIAGE_RETURNS.finditer(text)]
        kinds = {text[start:end] for start, end in spans}
        if len(spans) == 1:
            [kind] = kinds
            message, mend = f"{_NAMES[kind]} in the text", "write a plain line break"
        else:
            what = _PLURALS[kinds.pop()] if len(kinds) == 1 else "carriage returns"
            message = f"{len(spans)} {what} in the text (the first here)"
            mend = "write plain line breaks"
        edits = tuple(Edit(name, start, end, "\n") for start, end in spans)
        fix = Fix(mend, Applicability.SAFE, edits)
        return self.diagnostic(name, spans[0][0], spans[-1][1], message, fix)
