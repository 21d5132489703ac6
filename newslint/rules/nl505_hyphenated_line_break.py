"""NL505: a word hyphenated at a line break (`govern-\\nment`)."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._whitespace import (
    HYPHEN_BREAK,
    JOIN,
    KEEP,
    SKIP,
    TEXT,
    UrlRegions,
    WordIndex,
    hyphen_break,
)


class HyphenatedLineBreak(Rule):
    code = "NL505"
    name = "hyphenated-line-break"
    summary = "A word hyphenated at a line break (`govern-\\nment`, `top-\\nselling`)."
    explanation = """\
Hard-wrapped text breaks lines at hyphens, and typeset text splits words with
one: `govern-\\nment`, `top-\\nselling`.  A search for `government` or
`top-selling` no longer finds the text.

The rule decides from the article itself.  When the joined word (`government`)
appears elsewhere and the hyphenated form (`govern-ment`) does not, the word was
split: the safe fix joins it.  When the hyphenated form appears elsewhere, the
second part is capitalised (`Anglo-\\nSaxon`), the first is a compounding
prefix (`self-`, `non-`, `well-`) or both parts appear as words, it is a
compound: the unsafe fix removes only the line break (`top-selling`).  Without
evidence the break is reported and left alone.

Never flagged: URLs, paths and e-mail addresses (NL201 joins split URLs),
suspended hyphens before a conjunction (`Hoch-\\nund Tiefpunkte`, `pre-\\nand
post-war`), and dashes or list bullets at the start of a line."""
    bad = "The govern-\nment said on Monday that the government would act."
    good = "The government said on Monday that the government would act."
    fields = TEXT
    triggers = Triggers(patterns=(r"-[ \t]*\r?\n",))
    fix_applicabilities = frozenset({Applicability.SAFE, Applicability.UNSAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        fields = list(article.text_fields(self.fields))
        if not any("-\n" in text or "-\r\n" in text or "- " in text for _, text in fields):
            return
        index: WordIndex | None = None
        verdicts: dict[tuple[str, str], tuple[str, str, str]] = {}  # by the tokens around a break
        for name, text in fields:
            if "-" not in text or "\n" not in text:
                continue
            urls: UrlRegions | None = None  # found at the first break: most fields have none
            for match in HYPHEN_BREAK.finditer(text):
                if index is None:
                    index = WordIndex([t for _, t in fields])
                if urls is None:
                    urls = UrlRegions(text)
                verdict, left, right = hyphen_break(text, match, index, urls, verdicts)
                if verdict == SKIP:
                    continue
                start, end = match.span()
                shown = f"{left}-\u23ce{right}"
                if verdict == JOIN:
                    fix = self.replacement(name, start, end, "", f"join the word: '{left}{right}'")
                    message = f"word split at a line break: '{shown}' ('{left}{right}')"
                elif verdict == KEEP:
                    fix = self.replacement(
                        name,
                        start + 1,
                        end,
                        "",
                        f"remove the line break: '{left}-{right}'",
                        Applicability.UNSAFE,
                    )
                    message = f"hyphenated compound broken at a line end: '{shown}'"
                else:
                    fix = None
                    message = f"word hyphenated at a line break: '{shown}'"
                yield self.diagnostic(name, start, end, message, fix)
