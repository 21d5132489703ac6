"""NL305: an apostrophe lost as `¿` between letters (`Blair¿s`)."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._encoding import Spans, cp1251_runs, in_utf8_mojibake, shown

# '¿' with a letter on both sides, one of them an ASCII letter: Spanish '¿'
# opens a question after a space or punctuation, never inside a word.
_LOST = compile_lazily(r"(?<=[A-Za-z])¿(?=[^\W\d_])|(?<=[^\W\d_])¿(?=[A-Za-z])")
_WORD_AROUND = compile_lazily(r"\w{0,20}¿\w{0,20}")


class LostApostrophe(Rule):
    code = "NL305"
    name = "lost-apostrophe"
    summary = "An apostrophe lost as `¿` between letters (`Blair¿s` for `Blair’s`)."
    explanation = """\
A curly apostrophe that went through a conversion with no room for it (a
legacy code page, a database column in latin-1) comes out as a question mark,
and in some pipelines as an inverted one: `Blair¿s`, `don¿t`.  Between two
letters `¿` can only be that apostrophe.

The fix writes `’`.  Spanish `¿Qué?` (after a space or punctuation), `¿`
inside windows-1251 mojibake (NL307's) and `¿` that ends UTF-8 mojibake (`Tiáº¿ng`
is `Tiếng` read as windows-1252: the last byte of `ế`) are never touched."""
    bad = "Blair¿s government didn¿t agree."
    good = "Blair’s government didn’t agree."
    fields = ("title", "byline", "caption", "body")
    triggers = Triggers(chars="¿")
    fix_applicabilities = frozenset({Applicability.SAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for name, text in article.text_fields(self.fields):
            if "¿" not in text:
                continue
            runs = Spans([(s, e) for s, e, _ in cp1251_runs(text)])
            for match in _LOST.finditer(text):
                start, end = match.span()
                if runs.overlaps(start, end) or in_utf8_mojibake(text, start, end):
                    continue
                word = _WORD_AROUND.search(text, max(0, start - 20), min(len(text), end + 20))
                quoted = shown(word.group() if word else "¿")
                fix = Fix("write '’'", Applicability.SAFE, (Edit(name, start, end, "\u2019"),))
                yield self.diagnostic(name, start, end, f"lost apostrophe in '{quoted}'", fix)
