"""NL302: mojibake that cannot be repaired (bytes were lost, or replaced by U+FFFD)."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Diagnostic
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._encoding import analyse, shown


class MojibakeLostBytes(Rule):
    code = "NL302"
    name = "mojibake-lost-bytes"
    summary = (
        "Mojibake that cannot be decoded back: bytes were lost (`Ð Ð¾Ñ Ñ Ð¸Ñ`) or replaced by `�`."
    )
    explanation = """\
Mojibake can be undone only while every byte of the original is still there.
When a page went through windows-1252 and some bytes were dropped or replaced
on the way (0x81, 0x8D, 0x8F, 0x90 and 0x9D have no windows-1252 character;
0xA0 often becomes a plain space; anything undecodable becomes U+FFFD), the
text cannot be decoded back: `Ð Ð¾Ñ Ñ Ð¸Ñ` was `Россия`, but which letters is
lost.  A stretch is reported only when it looks like UTF-8 with holes in it:
most of it decodes, and sequences are cut short right before a space, `?` or
`�` (decorative text such as `MÄ£ÄM ÌÑÌ` has no such holes).  No repair is
offered: the passage is reported for re-extraction from the source.

Repairable mojibake is NL301's; a lone U+FFFD in otherwise clean text, lone
C1 controls, GBK and windows-1251 mojibake are left to their own rules."""
    bad = "Ð Ð¾Ñ Ñ Ð¸Ñ"
    good = "Россия"
    fields = ("title", "byline", "caption", "body", "url")
    claims_spans = True
    """Mojibake is repaired first: no other rule reports or edits inside it (engine)."""
    triggers = Triggers(non_ascii=True)

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for name, text in article.text_fields(self.fields):
            if text.isascii():
                continue
            for start, end in analyse(text).lost:
                message = (
                    "mojibake that cannot be repaired (bytes were lost): "
                    f"'{shown(text[start:end], 40)}'"
                )
                yield self.diagnostic(name, start, end, message)
