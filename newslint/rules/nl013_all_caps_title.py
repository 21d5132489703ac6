"""NL013: a title written in capitals."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from newslint.diagnostics import Diagnostic
from newslint.model import Article
from newslint.rule import Rule
from newslint.rules._structure import shown


class AllCapsTitle(Rule):
    code = "NL013"
    name = "all-caps-title"
    summary = "The title is written in capitals."
    explanation = """\
Some sites set headlines in capitals with CSS, and some scrapers take the
page's styled text: the title then shouts (`MINISTER RESIGNS OVER SCANDAL`),
and it no longer matches the same story's title elsewhere.

Reported when every cased letter of the title is a capital (Latin, Cyrillic,
Greek, and any other script with case), with at least `min_words` words of
two letters or more and `min_letters` letters in all: a title that is an
acronym or two (`NATO`, `G7 SUMMIT`) is not flagged, nor is a title in a
script without case.  Report only: restoring the case needs knowledge of names
and acronyms."""
    bad = "MINISTER RESIGNS OVER SCANDAL"
    good = "Minister resigns over scandal"
    fields = ("title",)
    min_words: ClassVar[int] = 3
    min_letters: ClassVar[int] = 12

    def check(self, article: Article) -> Iterator[Diagnostic]:
        title = article.title
        if not title or not title.isupper():
            return
        cased = [ch for ch in title if ch.isupper() or ch.islower()]
        words = [word for word in title.split() if sum(ch.isupper() for ch in word) >= 2]
        if len(cased) < self.min_letters or len(words) < self.min_words:
            return
        start = len(title) - len(title.lstrip())
        yield self.diagnostic(
            "title", start, len(title.rstrip()), f"the title is in capitals: '{shown(title, 40)}'"
        )
