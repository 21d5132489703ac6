"""NL012: the site's name glued to the title (`Headline | The Moscow Times`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers

# The last " | ", " - ", " – ", " — ", " :: ", " » " of the title and what follows.
_SUFFIX = compile_lazily(r"[ \t\xa0]+(?:\||-|–|—|::|»|·)[ \t\xa0]+(?P<site>[^|–—»·\n]{2,60})$")
_SITE_WORDS = frozenset(
    [
        "news",
        "times",
        "post",
        "magazine",
        "journal",
        "tribune",
        "herald",
        "gazette",
        "daily",
        "online",
        "blog",
        "today",
        "telegraph",
        "reuters",
        "ap",
        "afp",
        "bbc",
        "cnn",
        "guardian",
        "independent",
        "express",
        "chronicle",
        "observer",
        "review",
        "report",
    ]
)
_SECOND_LEVEL = frozenset(["co", "com", "org", "net", "gov", "ac", "edu"])
_MAX_SITE_WORDS = 6
_TAIL = 80
"""Only the title's last characters can hold the suffix (keeps the search short)."""


def site_label(url: str | None) -> str | None:
    """The registrable label of the url's host: ``www.bbc.co.uk`` -> ``bbc``."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    labels = [label for label in host.lower().split(".") if label and label != "www"]
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL:
        labels = labels[:-2]
    elif len(labels) >= 2:
        labels = labels[:-1]
    return labels[-1] if labels else None


def _squash(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def site_suffix(title: str, url: str | None) -> tuple[int, str] | None:
    """(start of the separator, site name) if the title ends with the site's name."""
    offset = max(0, len(title) - _TAIL)
    match = _SUFFIX.search(title, offset)
    if not match:
        return None
    site = match.group("site").strip()
    words = site.split()
    if not words or len(words) > _MAX_SITE_WORDS or site.endswith((".", "!", "?", ":", ",")):
        return None
    head = title[: match.start()].strip()
    if len(head.split()) < 2:
        return None
    squashed, label = _squash(site), site_label(url)
    if label and len(label) >= 3 and len(squashed) >= 3:
        shorter = min(label, squashed, key=len)
        if len(shorter) >= 3 and (label in squashed or squashed in label):
            return match.start(), site
    lower = site.lower()
    is_domain = re.fullmatch(r"[a-z0-9-]{2,63}\.(?:com|org|net|co\.uk|info|io|ru|de|fr)", lower)
    capitalised = all(word[0].isupper() or word.lower() in ("the", "of", "and") for word in words)
    if is_domain or (capitalised and lower.split()[-1] in _SITE_WORDS):
        return match.start(), site
    return None


class SiteNameInTitle(Rule):
    code = "NL012"
    name = "site-name-in-title"
    summary = "The site's name glued to the title (`Headline | The Moscow Times`)."
    explanation = """\
Scrapers that read the page's `<title>` instead of its headline get the site's
name too: `Headline | The Moscow Times`, `Headline - BBC News`.

Reported when the title ends with a separator (`|`, `-`, `–`, `—`, `::`,
`»`, `·` between spaces) and a short name that matches the url's domain
(`The Moscow Times` for themoscowtimes.com, `BBC News` for bbc.co.uk), is a
domain (`Example.com`), or is a capitalised name ending in a word such as
`News`, `Times`, `Post`, `Journal`.  A subtitle (`Star Wars - The Last Jedi`),
a sentence after a dash, or an author's name is not flagged unless the domain
confirms it.  The fix strips the suffix; it is unsafe, since the suffix may be
part of the headline."""
    bad = "North Korea Says It Will Stand by Russia | The Moscow Times"
    good = "North Korea Says It Will Stand by Russia"
    fields = ("title", "url")
    triggers = Triggers(chars="|-–—»·", literals=("::",), fields=("title",))
    fix_applicabilities = frozenset({Applicability.UNSAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        title = article.title
        if not title or " " not in title:
            return
        trimmed = title.rstrip()
        found = site_suffix(trimmed, article.url)
        if found is None:
            return
        start, site = found
        fix = Fix(
            f"remove '{site}' from the title",
            Applicability.UNSAFE,
            (Edit("title", start, len(trimmed), ""),),
        )
        yield self.diagnostic(
            "title", start, len(trimmed), f"the site's name '{site}' is glued to the title", fix
        )
