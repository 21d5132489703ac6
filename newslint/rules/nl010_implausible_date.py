"""NL010: a publication date in the future, or before 1800."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import ClassVar

from newslint.diagnostics import Diagnostic
from newslint.model import Article
from newslint.rule import Rule


class ImplausibleDate(Rule):
    code = "NL010"
    name = "implausible-date"
    summary = "The publication date is in the future or before 1800."
    explanation = """\
A valid date can still be wrong: a scraper that took an event's date, an
expiry date or a placeholder (`0001-01-01`, `2099-12-31`) as the publication
date, or parsed a two-digit year the wrong way.

Reported when `published` is later than tomorrow (a day's tolerance for time
zones) or earlier than `earliest_year`.  Dates that are not real dates are
NL003's business.  Report only: the right date is not known."""
    bad = "published: 2099-12-31"
    good = "published: 2024-11-01"
    fields = ("published",)
    earliest_year: ClassVar[int] = 1800
    tolerance: ClassVar[timedelta] = timedelta(days=1)

    def today(self) -> date:
        return date.today()

    def check(self, article: Article) -> Iterator[Diagnostic]:
        published = article.published
        if published is None:
            return
        if published.year < self.earliest_year:
            message = f"publication date {published.isoformat()} is before {self.earliest_year}"
        elif published > self.today() + self.tolerance:
            message = f"publication date {published.isoformat()} is in the future"
        else:
            return
        yield self.diagnostic("published", 0, 0, message)
