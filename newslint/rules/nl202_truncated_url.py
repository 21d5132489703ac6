"""NL202: a URL cut short and ended with an ellipsis (`https://example.com/news/some-sto...`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.diagnostics import Diagnostic
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._urls import scheme_urls

# A URL whose last characters are an ellipsis glued to a letter, digit, '-' or '_'.
_URL = compile_lazily(r"https?://[^\s<>\"()\[\]]{1,2000}", re.IGNORECASE)
_ELLIPSIS = compile_lazily(r"[\w\-](?:\.{3}|…)\Z")
_HOST_ONLY = compile_lazily(r"https?://[^/]+\Z", re.IGNORECASE)
# _URL's rest after its "://", which urls() finds with str.find (_URL's case-insensitive
# "https?" was tried at every character), and its scheme in the five characters before.
_URL_BODY = compile_lazily(r"[^\s<>\"()\[\]]{1,2000}")


class TruncatedUrl(Rule):
    code = "NL202"
    name = "truncated-url"
    summary = "A URL cut short and ended with an ellipsis (`.../some-sto...`)."
    explanation = """\
Sites and social-media embeds shorten long links for display
(`https://www.example.com/news/some-sto…`); a scraper that keeps the displayed
text keeps a link that no longer resolves.  The rest of the address is lost, so
the rule only reports it.

Flagged when the ellipsis (`...` or `…`) is glued to the URL's last character
and the URL has a path, or the ellipsis is glued to the next word, or the URL
stands alone on its line.  A bare site name followed by an ellipsis in a
sentence (`visit https://example.com...`) may be the writer's own ellipsis and
is not flagged."""
    bad = "Watch the full video: https://www.example.com/watch/council-meeting-novemb…"
    good = "Watch the full video: https://www.example.com/watch/council-meeting-november-2024"
    fields = ("title", "byline", "caption", "body", "url")
    triggers = Triggers(literals=("...", "…"))

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for name, text in article.text_fields(self.fields):
            if ("..." not in text and "…" not in text) or "://" not in text:
                continue
            for start, url_end in urls(text):
                url = text[start:url_end]
                if "…" not in url and "..." not in url:
                    continue  # most URLs: _ELLIPSIS wants one at the (cut) end
                url = _cut_at_ellipsis(url)
                dots = _ELLIPSIS.search(url[-4:])
                if dots is None:
                    continue
                end = start + len(url)
                bare = url.rstrip(".…")
                if _HOST_ONLY.match(bare) and not self._alone_or_glued(text, start, end):
                    continue
                shown = url if len(url) <= 60 else "..." + url[-57:]
                yield self.diagnostic(
                    name, start, end, f"URL truncated with an ellipsis: '{shown}'"
                )

    @staticmethod
    def _alone_or_glued(text: str, start: int, end: int) -> bool:
        if end < len(text) and not text[end].isspace():
            return True  # `https://example.org…Next words`
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start : len(text) if line_end < 0 else line_end]
        return line.strip() == text[start:end]


def _cut_at_ellipsis(url: str) -> str:
    """``url`` up to its first ellipsis (`https://example.org…Next` runs into the next word)."""
    cuts = [i for i in (url.find("…"), url.find("...")) if i > 0]
    if not cuts:
        return url
    cut = min(cuts)
    return url[: cut + (1 if url[cut] == "…" else 3)]


def urls(text: str) -> Iterator[tuple[int, int]]:
    """The spans of ``_URL.finditer(text)``, found from their "://" (``scheme_urls``)."""
    return scheme_urls(text, _URL_BODY.match)
