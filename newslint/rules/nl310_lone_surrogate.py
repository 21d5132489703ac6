"""NL310: a lone UTF-16 surrogate (``"\\ud800"`` in JSON) in a text field."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers

# Surrogates can only reach a field through JSON escapes; a proper pair decodes to one
# character, so any surrogate left in the decoded text is alone.
_SURROGATES = compile_lazily("[\ud800-\udfff]+")


class LoneSurrogate(Rule):
    code = "NL310"
    name = "lone-surrogate"
    summary = "A lone UTF-16 surrogate (`\\ud800` in JSON) that is no character at all."
    explanation = """\
JSON can escape half of a UTF-16 surrogate pair on its own (`"\\ud83d"`),
usually because a tool cut an emoji in two.  Such a value is not text: it
cannot be written as UTF-8, most tools reject or silently replace it, and the
character it belonged to is lost.

newslint reports every run of lone surrogates.  The fix deletes them; it is
unsafe, since the character they were part of cannot be recovered."""
    bad = '{"body": "Great game \\ud83d tonight"}'
    good = '{"body": "Great game tonight"}'
    fields = ("title", "byline", "caption", "body", "url")
    triggers = Triggers(chars="".join(map(chr, range(0xD800, 0xE000))))
    severity = Severity.ERROR
    fix_applicabilities = frozenset({Applicability.UNSAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for name, text in article.text_fields(self.fields):
            if text.isascii():
                continue
            try:
                text.encode("utf-8")  # fast path: fails only on a surrogate
                continue
            except UnicodeEncodeError:
                pass
            for match in _SURROGATES.finditer(text):
                start, end = match.span()
                codes = " ".join(f"\\u{ord(c):04x}" for c in match.group()[:4])
                fix = Fix(
                    "delete the lone surrogate", Applicability.UNSAFE, (Edit(name, start, end, ""),)
                )
                yield self.diagnostic(name, start, end, f"lone UTF-16 surrogate {codes}", fix)
