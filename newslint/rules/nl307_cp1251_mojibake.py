"""NL307: windows-1251 Cyrillic decoded as windows-1252 or latin-1 (`Ðîññèÿ` for `Россия`)."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._encoding import (
    CP1251_CHARACTERS,
    KOI8_PUNCTUATION_CHARS,
    Spans,
    analyse,
    koi8_runs,
    settled_runs,
    shown,
)


class Cp1251Mojibake(Rule):
    code = "NL307"
    name = "cp1251-mojibake"
    summary = "Windows-1251 Cyrillic read as windows-1252 or latin-1 (`Ðîññèÿ` for `Россия`)."
    explanation = """\
Russian, Ukrainian and Bulgarian pages in the legacy windows-1251 code page,
read as windows-1252 or latin-1, turn every Cyrillic letter into one accented
Latin letter: `Ðîññèÿ` for `Россия`, `ÑÅÊÐÅÒ` for `СЕКРЕТ`.  One byte per
letter means the text is not UTF-8 mojibake, so ftfy neither sees nor mends it.

newslint looks for words made only of such letters (no real Latin-script word
is: French, German, Icelandic or Vietnamese words mix them with plain letters),
decodes them as windows-1251, and reports them only when the result reads like
Cyrillic words: enough letters, a natural share of vowels, no word starting
with `ь`, `ъ` or `ы`, and nearly all letter pairs common ones.  The fix writes
the decoded text; the decoding is exact, so it is safe.  A shorter word (three letters or more) is
taken on a line that another such word, or real Cyrillic text, vouches for
(`Это TT2-øíûé двигатель`); `à la carte` or `Gérard` in a Russian line are not.  Text that is UTF-8
read through a code page (NL301's, NL302's) is left to those rules, even where
some of its words look like windows-1251 (`ÐûÐüÐîð` is Ukrainian read as cp850).

Windows-1251 text read as KOI8-R (`цНПНДЯЙЮЪ ДСЛЮ` for `Городская дума`) and
KOI8-R text read as windows-1251 (`зПТПДУЛБС ДХНБ`) are Cyrillic letter soup with
the cases swapped; a line that has a small letter before a capital is decoded
the other way, whole, and reported when its words read as Cyrillic and did not
before.  That decoding is exact too.

Latin text through the same two code pages keeps its letters and loses its
typography: quotes, dashes, non-breaking spaces and `°` become box drawing and
maths (`⌠kill the trade.■`, `company▓s`, `34╟C`) or Serbian letters (`34њC`).
Such a line is decoded when every character above ASCII in it stands for
typography (box-drawing art has `─` and `│`, which stand for none) and one of
them sits where only typography can: between the letters of a word, before a
word as an opening quote, between a number and a word.  `7√2` and `x ≈ y`
alone may be maths and are left.  Read as windows-1252, which shares its quotes
and dashes, windows-1251 text differs only in `€`: `ˆ45` is `€45`."""
    bad = "Ïðåçèäåíò Ðîññèè çàÿâèë"
    good = "Президент России заявил"
    fields = ("title", "byline", "caption", "body")
    claims_spans = True
    """Mojibake is repaired first: no other rule reports or edits inside it (engine)."""
    # (KOI8-R mix-ups: a small Cyrillic letter before a capital one, as koi8_runs needs.)
    # (... and their punctuation in Latin text: `company▓s`, `34њC`.)
    triggers = Triggers(
        chars=CP1251_CHARACTERS + KOI8_PUNCTUATION_CHARS, patterns=("[а-яё][А-ЯЁ]",)
    )
    fix_applicabilities = frozenset({Applicability.SAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for name, text in article.text_fields(self.fields):
            if text.isascii():
                continue
            utf8 = None
            for start, end, decoded in settled_runs(text)[0]:
                if utf8 is None:
                    utf8 = analyse(text).spans()
                if utf8.overlaps(start, end):
                    continue  # UTF-8 read through a code page (NL301's): `ÐûÐüÐîð` in cp850
                fix = self.replacement(
                    name, start, end, decoded, f"decode as windows-1251: '{shown(decoded, 40)}'"
                )
                message = (
                    f"windows-1251 text read as windows-1252: '{shown(text[start:end], 40)}'"
                    f" (should be '{shown(decoded, 40)}')"
                )
                yield self.diagnostic(name, start, end, message, fix)
            repaired = None
            for start, end, decoded, what in koi8_runs(text):
                if repaired is None:
                    repaired = Spans([(s, e) for s, e, _ in analyse(text).repairs])
                if repaired.overlaps(start, end):
                    continue  # UTF-8 read as windows-1251 (NL301's) has such letters too
                fix = self.replacement(
                    name, start, end, decoded, f"decode it: '{shown(decoded, 40)}'"
                )
                message = (
                    f"{what}: '{shown(text[start:end], 40)}' (should be '{shown(decoded, 40)}')"
                )
                yield self.diagnostic(name, start, end, message, fix)
