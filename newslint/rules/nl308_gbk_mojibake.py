"""NL308: GBK-coded accented Latin letters read as windows-1252 (`f¨¹r` for `für`)."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._encoding import (
    DOUBLE_BYTE_GATE,
    GBK_LETTER,
    Spans,
    analyse,
    gbk_decode,
    settled_runs,
    shown,
)


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
decodes to a letter that GBK encodes back to the same two bytes.

Whole lines are decoded too: Chinese text in GBK or Big5 read as windows-1252
(`±±¾©ÊÐ` for `北京市`), and the quotes, dashes and letters of Latin or Cyrillic
text in GBK (`¡°kill¡±`, `7¨C2`, `§¤§à§â§à§Õ` for `Городская`).  A stretch is
decoded whole, with its ASCII, and reported when the decoding is strict, gives
the same bytes back, holds letters of one script and reads far more plausibly;
text that is UTF-8 read through a code page (NL301's) comes first, and Spanish
exclamations (`¡Vamos!`: Big5 would read `¡V` as `–`) are not Big5.

Every fix is an exact decoding, proven by encoding it back to the same bytes:
the letters change, the bytes do not, so the fixes are safe.  (Measured on
clean text: the shared corpora's 2,732 articles and clean paragraphs in 25
languages, as written and in capitals, get no NL308 at all.)"""
    bad = "Gr¨¹\u00dfe f¨¹r Andr¨¦"
    good = "Grüße für André"
    fields = ("title", "byline", "caption", "body")
    claims_spans = True
    """Mojibake is repaired first: no other rule reports or edits inside it (engine)."""
    triggers = Triggers(chars="¨", patterns=(DOUBLE_BYTE_GATE,))
    fix_applicabilities = frozenset({Applicability.SAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for name, text in article.text_fields(self.fields):
            if text.isascii():
                continue
            runs = settled_runs(text)[1]
            utf8 = Spans([(s, e) for s, e, _ in analyse(text).repairs]) if runs else None
            for start, end, decoded, codec in runs:
                if utf8 is not None and utf8.overlaps(start, end):
                    continue  # UTF-8 read through a code page: NL301's reading comes first
                fix = self.replacement(
                    name,
                    start,
                    end,
                    decoded,
                    f"decode as {codec}: '{shown(decoded, 40)}'",
                    Applicability.SAFE,
                )
                message = (
                    f"{codec} text read as windows-1252: '{shown(text[start:end], 40)}'"
                    f" (should be '{shown(decoded, 40)}')"
                )
                yield self.diagnostic(name, start, end, message, fix)
            if "¨" not in text:
                continue
            taken = Spans([(start, end) for start, end, _, _ in runs])
            for match in GBK_LETTER.finditer(text):
                if taken.overlaps(match.start(), match.end()):
                    continue
                letter = gbk_decode(match.group())
                if letter is None:
                    continue
                start, end = match.span()
                context = text[max(0, start - 15) : min(len(text), end + 15)]
                fix = self.replacement(
                    name, start, end, letter, f"decode as GBK: '{letter}'", Applicability.SAFE
                )
                yield self.diagnostic(
                    name,
                    start,
                    end,
                    f"GBK letter '{letter}' read as windows-1252 in '{shown(context)}'",
                    fix,
                )
