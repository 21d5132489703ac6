"""NL308: GBK-coded accented Latin letters read as windows-1252 (`f¨¹r` for `für`)."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._encoding import GBK_LETTER, gbk_decode, shown


class GbkMojibake(Rule):
    code = "NL308"
    name = "gbk-mojibake"
    summary = "Accented letters in GBK read as windows-1252 (`f¨¹r` for `für`, `caf¨¦` for `café`)."
    explanation = """\
Chinese sites that publish Latin-script text in the GBK code page store the
accented letters of pinyin and European names as two bytes, 0xA8 followed by
0xA1-0xBA (`ü` is 0xA8 0xB9).  Read as windows-1252 or latin-1 they show as a
diaeresis and a symbol glued into the word: `f¨¹r`, `Andr¨¦`.

The pair is reported only inside a word (next to an ASCII letter) and when it
decodes to a letter.  The fix writes that letter; it is offered as unsafe
because the page's other characters were probably damaged too and a human
should look at the record."""
    bad = "Gr¨¹\u00dfe f¨¹r Andr¨¦"
    good = "Grüße für André"
    fields = ("title", "byline", "caption", "body")
    claims_spans = True
    """Mojibake is repaired first: no other rule reports or edits inside it (engine)."""
    triggers = Triggers(chars="¨")
    fix_applicabilities = frozenset({Applicability.UNSAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for name, text in article.text_fields(self.fields):
            if "¨" not in text:
                continue
            for match in GBK_LETTER.finditer(text):
                letter = gbk_decode(match.group())
                if letter is None:
                    continue
                start, end = match.span()
                context = text[max(0, start - 15) : min(len(text), end + 15)]
                fix = Fix(
                    f"decode as GBK: '{letter}'",
                    Applicability.UNSAFE,
                    (Edit(name, start, end, letter),),
                )
                yield self.diagnostic(
                    name,
                    start,
                    end,
                    f"GBK letter '{letter}' read as windows-1252 in '{shown(context)}'",
                    fix,
                )
