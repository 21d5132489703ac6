"""NL301: UTF-8 text that was decoded as windows-1252 or latin-1 (mojibake), repairable."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._encoding import SOLO_CHARACTERS, analyse, shown


class Mojibake(Rule):
    code = "NL301"
    name = "mojibake"
    summary = "UTF-8 text decoded as windows-1252 or latin-1 (`â€™` for `’`, `Ã©` for `é`)."
    explanation = """\
When a page's UTF-8 bytes are read as windows-1252 or latin-1, every non-ASCII
character turns into two or three wrong ones: `Itâ€™s` for `It’s`, `cafÃ©` for
`café`, `Ð¡Ð¾Ð±Ñ‹Ñ‚Ð¸Ðµ` for `Событие`.  The text is still valid UTF-8,
so nothing downstream notices.

newslint uses ftfy to detect and undo it, with only ftfy's encoding repairs
switched on, and changes only the mis-decoded characters: curly quotes, dashes,
accents and other scripts that were written that way stay as they are.  A
repair is offered only when the result is clean (no mojibake left, no U+FFFD
added); mojibake that lost bytes on the way is NL302's, lone C1 control
characters are NL303's."""
    bad = "Itâ€™s the cafÃ© on the corner"
    good = "It’s the café on the corner"
    fields = ("title", "byline", "caption", "body", "url")
    # ``analyse`` repairs nothing unless ftfy's ``is_bad``, which needs two non-ASCII
    # characters in a row or one of a few characters (see ``_encoding.is_bad``).
    triggers = Triggers(chars=SOLO_CHARACTERS, patterns=("[^\\x00-\\x7f][^\\x00-\\x7f]",))
    fix_applicabilities = frozenset({Applicability.SAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for name, text in article.text_fields(self.fields):
            if text.isascii():
                continue
            for start, end, replacement in analyse(text).repairs:
                fix = Fix(
                    f"decode as UTF-8: '{shown(replacement, 40)}'",
                    Applicability.SAFE,
                    (Edit(name, start, end, replacement),),
                )
                message = f"mojibake '{shown(text[start:end], 40)}' (should be '{shown(replacement, 40)}')"
                yield self.diagnostic(name, start, end, message, fix)
