"""The article's own headline, which no boilerplate rule flags.

A record with a ``title`` names it.  A whole page as text (what a crawler hands you) often
has no title field, and its headline is then one line of the body like any other; on a
site whose other pages list it under "Recent posts", the corpus pass counts it as the
site's, and a short one sits in a run of short lines.  Most news and blog urls spell the
headline in their last path segment (``/2012-11-06/shaq-picks-up-another-florida-home/``),
so the first body line that the slug spells, word for word, is taken for the headline.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.sites import normal_line

_WORD = compile_lazily(r"[^\W_]+")
_INNER_APOSTROPHE = compile_lazily(r"(?<=\w)['\u2019](?=\w)")
_SEPARATOR = compile_lazily(r"[-_+]+")
_EXTENSION = compile_lazily(r"\.(?:s?html?|php\d?|aspx?|jsp|cms)$", re.IGNORECASE)
_LIST_ITEM = compile_lazily(r"[ \t]*(?:[*+\u2022\u00b7o-]|\d{1,3}[.)])[ \t]")

_UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe"})
"""Latin letters that NFKD leaves whole but slugs write plain (``przyjął`` -> ``przyjal``)."""

MIN_WORDS = 3
"""A slug, and a line, of fewer words say too little (``/news/entertainment-arts-18950371``
spells the section ``Entertainment & Arts``, not a headline)."""
LINE_SHARE = 0.8
"""Share of the line's words the slug must have: a headline's words are all in its slug..."""
SLUG_SHARE = 0.6
"""...and share of the slug's words the line must have (a slug may drop or add a few)."""


def words(text: str, apostrophes: str = "") -> list[str]:
    """Case-folded words without accents, as a slug writes them; an apostrophe inside a word
    is replaced by ``apostrophes``: a slug writes ``Bike's`` as ``bikes`` but ``L'été`` as
    ``l-ete``."""
    text = unicodedata.normalize("NFKD", text.casefold())
    if not text.isascii():
        text = "".join(char for char in text if not unicodedata.combining(char))
        text = text.translate(_UNDECOMPOSED)
    return _WORD.findall(_INNER_APOSTROPHE.sub(apostrophes, text))


def slug_words(url: str) -> frozenset[str]:
    """The words of the url's last path segment that reads as a slug (words joined by ``-``,
    ``_`` or ``+``, at least ``MIN_WORDS`` of them not numbers); empty when there is none."""
    try:
        path = unquote(urlsplit("".join(url.split())).path)
    except ValueError:
        return frozenset()
    for segment in reversed(path.split("/")):
        segment = _EXTENSION.sub("", segment)
        if not _SEPARATOR.search(segment):
            continue
        found = words(_SEPARATOR.sub(" ", segment))
        if sum(not word.isdigit() for word in found) >= MIN_WORDS:
            return frozenset(found)
    return frozenset()


def spells(line: str, slug: frozenset[str]) -> bool:
    """Whether ``line`` is the headline the slug spells."""
    for joined in ("", " "):
        found = set(words(line, joined))
        shared = len(found & slug)
        if len(found) >= MIN_WORDS and shared >= LINE_SHARE * len(found):
            return shared >= SLUG_SHARE * len(slug)
    return False


@lru_cache(maxsize=16)
def _headline(title: str, url: str, body: str) -> str:
    if title.strip():
        return normal_line(title)
    slug = slug_words(url) if url else frozenset()
    if not slug:
        return ""
    letters = sum(map(len, slug)) + len(slug)
    shortest, longest = letters // 2, 3 * letters + 20  # cheap bounds before any splitting
    for line in body.split("\n"):
        fits = shortest <= len(line) <= longest
        if fits and not _LIST_ITEM.match(line) and spells(line, slug):
            return normal_line(line.strip().lstrip("#").strip())
    return ""


def headline(article: Article) -> str:
    """The article's headline as ``normal_line`` writes it: its title, else the first body
    line (not a list item: those are other posts' links) that its url's slug spells; empty
    when neither is known.  Cached: each boilerplate rule asks for the same article's."""
    return _headline(
        article.text("title") or "", article.text("url") or "", article.text("body") or ""
    )
