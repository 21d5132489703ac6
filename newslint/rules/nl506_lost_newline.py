"""NL506: a line break lost as a literal `n`, `\\n` or a stray backslash between words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.diagnostics import Diagnostic
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._whitespace import TEXT, shown

_CYRILLIC_GREEK_UPPER = "А-ЯЁІЇЄЎҐΑ-ΩΆΈΉΊΌΎΏ"
_CYRILLIC_GREEK_LOWER = "а-яёіїєўґα-ωάέήίόύώ"
# `сообщаетnРИА`: a Latin n between a Cyrillic (or Greek) word and a capitalised one.
# Each regex starts with the literal `n` and looks behind from there (the lookbehinds
# include the `n`): the regex engine then jumps from one `n` to the next, many times
# faster than trying a lookbehind at every position of the text.  The lookahead comes
# first: a capital after an `n` is rare, so most `n`s are turned away by one test
# (lookarounds take no text, so their order does not change the matches).
_BARE_N_CYRILLIC = compile_lazily(
    rf"n(?=[{_CYRILLIC_GREEK_UPPER}][{_CYRILLIC_GREEK_LOWER}{_CYRILLIC_GREEK_UPPER}])"
    rf"(?:(?<=[{_CYRILLIC_GREEK_LOWER}][.!?…»\"”)]n)|(?<=[{_CYRILLIC_GREEK_LOWER}.!?…»”]n))"
)
# `said.nThe`: in Latin script only after the end of a sentence (`unionNews` is a glued word).
_BARE_N_LATIN = compile_lazily(r"n(?=[A-Z][a-z])(?:(?<=[a-z][.!?]n)|(?<=[a-z][.!?][\"”’)]n))")
# `said.\nThe` or `said.\n\nThe` written out as a backslash and an n.
_LITERAL_N = compile_lazily(
    r"\\n(?:(?<=[^\W_][.!?:;,\"”’)…]\\n)(?:\\n){0,3}(?=[\"“‘(]?[^\W\d_])"
    r"|(?<=[^\W\d_]\\n)(?:\\n){0,3}(?=[\"“‘(]?[A-ZА-ЯЁ][^\W\d_]))"
)
# `second\team`: a single backslash glued between two lower-case words.
_STRAY_BACKSLASH = compile_lazily(r"\\(?<=[a-zа-яё]{2}\\)(?=[a-zа-яё]{2})")
_TOKEN_EDGE = compile_lazily(r"[^\s]{0,60}\\[^\s]{0,60}")
_WORDS_AROUND_BACKSLASH = compile_lazily(r"[^\W\d_]+\\[^\W\d_]+[.,;:!?\"”’)]*")
# Text that is, or quotes, code, markup, paths or formulas.
_CODE = compile_lazily(
    r"[{}$<>=]|\\\\|\\[a-z]+\{|\w\(|[A-Za-z]:\\|print|regex|escape|backslash|newline",
    re.IGNORECASE,
)


class LostNewline(Rule):
    code = "NL506"
    name = "lost-newline"
    summary = "A line break lost as a literal `n`, `\\n` or a stray backslash (`сообщаетnРИА`)."
    explanation = """\
Scrapers that mishandle escapes turn a line break into a literal backslash and
`n` (`said.\\nThe`), drop the backslash (`сообщаетnРИА`: a Latin `n` between two
Russian words), or keep only the backslash (`second\\team`).  The words run
together and the paragraph structure is lost.  Where the break was (a line or
a paragraph) cannot be known, so the rule only reports it.

It is conservative: a bare `n` is flagged between a Cyrillic or Greek word and a
capitalised one, and in Latin script only after the end of a sentence
(`word.nNext`), because glued words such as `unionNews` are another problem.
A literal `\\n` is flagged after punctuation, or before a capitalised word.  A
stray backslash is flagged only between two lower-case words in text with no
other backslash.  Text that looks like code, paths, formulas or that talks about
escapes (`\\n` in a regex, `C:\\new`, `\\nu`, `printf("a\\nB")`) is never
flagged."""
    bad = "Об этом сообщаетnРИА Новости."
    good = "Об этом сообщает\nРИА Новости."
    fields = TEXT
    triggers = Triggers(
        chars="\\",
        literals=(".n", "!n", "?n", '"n', "”n", "’n", ")n"),
        patterns=(f"n[{_CYRILLIC_GREEK_UPPER}]",),
    )

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for name, text in article.text_fields(self.fields):
            found: list[tuple[int, int, str]] = []
            if "n" in text:
                if not text.isascii():
                    found += [(m.start(), m.end(), "'n'") for m in _BARE_N_CYRILLIC.finditer(text)]
                found += [(m.start(), m.end(), "'n'") for m in _BARE_N_LATIN.finditer(text)]
            if "\\" in text:
                # The code test scans the whole text at every character: only asked when
                # there is something for it to veto.
                lost = [(m.start(), m.end(), "literal '\\n'") for m in _LITERAL_N.finditer(text)]
                if text.count("\\") == 1:
                    lost += self._stray_backslash(text)
                if lost and not _CODE.search(text):
                    found += lost
            for start, end, what in sorted(found):
                context = text[max(0, start - 25) : min(len(text), end + 25)]
                yield self.diagnostic(
                    name,
                    start,
                    end,
                    f"line break lost as {what}: '{shown(context)}'",
                )

    @staticmethod
    def _stray_backslash(text: str) -> list[tuple[int, int, str]]:
        match = _STRAY_BACKSLASH.search(text)
        if match is None:
            return []
        token = _TOKEN_EDGE.search(text, max(0, match.start() - 60), match.end() + 60)
        if token is None or not _WORDS_AROUND_BACKSLASH.fullmatch(token.group()):
            return []
        return [(match.start(), match.end(), "a backslash")]
