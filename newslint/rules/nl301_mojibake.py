"""NL301: UTF-8 text that was decoded through a single-byte code page (mojibake), repairable."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._encoding import SOLO_CHARACTERS, analyse, exact_edits, shown

DIGRAPHS = "ŉǄǅǆǇǈǉǊǋǌǱǲǳ"
"""One-character digraphs (ŉ, ǆ, ǉ, ǌ, ǳ...) that legacy code pages for Afrikaans and
Croatian had and that text converted from them keeps (`korišteǌem` for `korištenjem`)."""
_DIGRAPH = compile_lazily(f"[{DIGRAPHS}]")


class Mojibake(Rule):
    code = "NL301"
    name = "mojibake"
    summary = "UTF-8 text decoded as windows-1252 or latin-1 (`â€™` for `’`, `Ã©` for `é`)."
    explanation = """\
When a page's UTF-8 bytes are read as windows-1252 or latin-1, every non-ASCII
character turns into two or three wrong ones: `Itâ€™s` for `It’s`, `cafÃ©` for
`café`, `Ð¡Ð¾Ð±Ñ‹Ñ‚Ð¸Ðµ` for `Событие`.  The text is still valid UTF-8,
so nothing downstream notices.  Other code pages do the same: windows-1250
(`MĂĽnchen`), windows-1251 (`Р“РѕСЂРѕРґ`), ISO-8859-2, Mac Roman (`pi√π`),
cp437 and cp850 (`Z├╝rich`), and text can be read wrong twice (`Ã¢â‚¬â„¢`).

newslint decodes whole runs of such text, across the digits, Latin words and
punctuation between them, tries each of these code pages (and text decoded two
or three times over), and keeps the reading that makes the words most plausible
for the script the line is written in (no symbols or stray letters inside words,
no capital after a small letter, no letters of another alphabet).  Every repair
is proven: the repaired text, encoded as UTF-8 and read through the code page,
gives back exactly the damaged characters.  A word that is its line's only
damage must show it plainly, so that clean text (`NESTLÉ®`, `4288×…`, `√π`) is
never touched.  What is left, ftfy's encoding repairs may mend (`voilÃ  le`).
Only the mis-decoded characters change: curly quotes, dashes, accents and other
scripts that were written that way stay as they are.  Mojibake that lost bytes
on the way is NL302's, lone C1 control characters are NL303's; no other rule
reports or edits inside the repaired text until it is repaired.

One-character digraphs that legacy code pages for Croatian and Afrikaans had
(`ǌ`, `ǉ`, `ǆ`, `ŉ`) are reported too: text converted from them keeps them, and
they match no word (`korišteǌem` is `korištenjem`).  The fix writes the letters
they stand for (Unicode's compatibility decomposition: `nj`, `ʼn`)."""
    bad = "Itâ€™s the cafÃ© on the corner"
    good = "It’s the café on the corner"
    fields = ("title", "byline", "caption", "body", "url")
    claims_spans = True
    """Mojibake is repaired first: no other rule reports or edits inside it (engine)."""
    # ``analyse`` repairs nothing unless ftfy's ``is_bad``, which needs two non-ASCII
    # characters in a row or one of a few characters (see ``_encoding.is_bad``).
    triggers = Triggers(
        chars=SOLO_CHARACTERS + DIGRAPHS, patterns=("[^\\x00-\\x7f][^\\x00-\\x7f]",)
    )
    fix_applicabilities = frozenset({Applicability.SAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for name, text in article.text_fields(self.fields):
            if text.isascii():
                continue
            for start, end, replacement in analyse(text).repairs:
                edits = tuple(
                    Edit(name, start + i1, start + i2, content)
                    for i1, i2, content in exact_edits(text[start:end], replacement)
                )
                fix = Fix(f"decode as UTF-8: '{shown(replacement, 40)}'", Applicability.SAFE, edits)
                message = f"mojibake '{shown(text[start:end], 40)}' (should be '{shown(replacement, 40)}')"
                yield self.diagnostic(name, start, end, message, fix)
            for match in _DIGRAPH.finditer(text):
                start, end = match.span()
                letters = unicodedata.normalize("NFKC", match.group())
                fix = Fix(
                    f"write '{letters}'", Applicability.SAFE, (Edit(name, start, end, letters),)
                )
                message = f"legacy code page's one-character digraph '{match.group()}' (should be '{letters}')"
                yield self.diagnostic(name, start, end, message, fix)
