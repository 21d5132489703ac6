"""NL504: carriage returns in JSON strings, Unicode line and paragraph separators anywhere."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._whitespace import TEXT

_JSON_SEPARATORS = re.compile(r"\r\n?|[\u2028\u2029]")
_UNICODE_SEPARATORS = re.compile(r"[\u2028\u2029]")
_NAMES = {
    "\r\n": "CRLF line ending",
    "\r": "carriage return",
    "\u2028": "line separator U+2028",
    "\u2029": "paragraph separator U+2029",
}
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

In a .txt file, `\\r\\n` is the file's own line ending and is never flagged;
U+2028 and U+2029 are flagged in every format."""
    bad = '{"body": "First line.\\r\\nSecond line."}'
    good = '{"body": "First line.\\nSecond line."}'
    fields = TEXT
    triggers = Triggers(chars="\r\u2028\u2029")
    fix_applicabilities = frozenset({Applicability.SAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        is_json = article.format in ("json", "jsonl")
        pattern = _JSON_SEPARATORS if is_json else _UNICODE_SEPARATORS
        for name, text in article.text_fields(self.fields):
            if not (is_json and "\r" in text) and "\u2028" not in text and "\u2029" not in text:
                continue
            for match in pattern.finditer(text):
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
