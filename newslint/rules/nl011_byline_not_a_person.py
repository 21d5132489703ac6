"""NL011: a byline that names no author (a URL, a share widget, a date, a placeholder)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.diagnostics import Diagnostic
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule
from newslint.rules._structure import is_dateline, shown

_URL = compile_lazily(
    r"https?://|www\.|\b[\w-]{2,63}\.(?:com|org|net|co\.uk|info|io)\b", re.IGNORECASE
)
_EMAIL = compile_lazily(r"[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{2,63}")
_AGO = compile_lazily(
    r"\b(?:\d{1,3}|an?|few)[ \t]+(?:second|minute|min|hour|hr|day|week|month|year)s?[ \t]+ago\b"
    r"|\b(?:seconds|minutes|hours|days|weeks)[ \t]+ago\b",
    re.IGNORECASE,
)
_WIDGET = compile_lazily(
    r"\b(?:e-?mail[ \t]+(?:the[ \t]+)?(?:author|reporter|writer)|share[ \t]+(?:this|on)\b"
    r"|follow[ \t]+(?:me|us|on)\b|tweet[ \t]+this|print[ \t]+this|leave[ \t]+a[ \t]+comment"
    r"|view[ \t]+all[ \t]+posts|posts[ \t]+by|more[ \t]+from[ \t]+this[ \t]+author"
    r"|\d+[ \t]+comments?\b)",
    re.IGNORECASE,
)
_ENTER_NAME = compile_lazily(r"\benter[ \t]+(?:your|the|author)[ \t]+name\b", re.IGNORECASE)
_PLACEHOLDER_WORDS = frozenset(
    {
        "admin",
        "administrator",
        "webmaster",
        "user",
        "author",
        "your name",
        "posted by",
        "posted on",
        "by",
    }
)
_WEEKDAYS_MONTHS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
_PARTS = compile_lazily(r"[ \t]*(?:[;|•·]|[ \t][-–—][ \t])[ \t]*")
_MAX_BYLINE = 300
"""A longer byline is junk already; only its start is examined."""
_COMMA = compile_lazily(r"[ \t]*,[ \t]*")


def not_a_person(byline: str) -> str | None:
    """What the byline holds instead of a name, or None if it may be a name or an agency."""
    text = " ".join(byline[:_MAX_BYLINE].split())
    if not text:
        return None
    if _URL.search(text) or _EMAIL.search(text):
        return "a URL or an e-mail address"
    if _AGO.search(text):
        return "a relative time"
    if _ENTER_NAME.search(text):
        return "a placeholder"
    if is_dateline(text):
        return "a date"
    widget = _WIDGET.search(text)
    if widget:
        return f"a share or comment widget ('{widget.group(0)}')"
    parts = _PARTS.split(text)
    for part in parts:
        if is_dateline(part):
            return f"a date ('{part}')"
        for piece in _COMMA.split(part):
            piece = piece.strip(" .")
            lower = piece.lower()
            if lower in _PLACEHOLDER_WORDS:
                return f"a placeholder ('{piece}')"
            if lower in _WEEKDAYS_MONTHS:
                return f"a date ('{piece}')"
    # A sentence glued to the byline: "Jane Doe, Because Without Liberty There Is Nothing."
    last = _COMMA.split(parts[-1])[-1]
    if len(last.split()) >= 5 and last.rstrip().endswith((".", "!", "?")):
        return f"a sentence ('{shown(last, 40)}')"
    return None


class BylineNotAPerson(Rule):
    code = "NL011"
    name = "byline-not-a-person"
    summary = "The byline names no author: a URL, a share widget, a date, a placeholder."
    explanation = """\
Scrapers fill the byline from whatever sits near the author's name: the
`Email The Author` link, `3 Hours Ago`, the date, a share bar, the CMS's
placeholder (`admin`, `Please Enter Your Name Here`) or a site's slogan.

Reported when the byline holds a URL or an e-mail address, a relative time,
share or comment widget text, a date or a weekday or month alone as one of its
comma-separated parts, a placeholder, or ends with a whole sentence.  Agencies
and collective bylines (`Reuters`, `AP`, `Staff`, `Editorial Board`,
`Washington Examiner Staff`) are attributions, not damage, and are never
flagged; neither is an organisation's name.  Report only: the real author is
not known."""
    bad = "Email The Author"
    good = "Jane Doe"
    fields = ("byline",)

    def check(self, article: Article) -> Iterator[Diagnostic]:
        byline = article.byline
        if not byline or "byline" not in article.spans:
            return
        what = not_a_person(byline)
        if what is None:
            return
        start = len(byline) - len(byline.lstrip())
        yield self.diagnostic(
            "byline",
            start,
            len(byline.rstrip()),
            f"the byline '{shown(byline, 40)}' holds {what}, not an author",
        )
