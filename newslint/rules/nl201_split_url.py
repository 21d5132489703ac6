"""NL201: a URL broken in two by a space or a line wrap."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import WHITESPACE, Rule, Triggers
from newslint.rules._urls import scheme_urls

_URL = compile_lazily(r"https?://[^\s<>\"]+", re.IGNORECASE)
# One run of spaces, or a single line break (a blank line ends a paragraph: never joined).
_GAP = compile_lazily(r"[ \t]+(?:\r?\n[ \t]*)?|\r?\n[ \t]*")
_PIECE = compile_lazily(r"[A-Za-z0-9\-._~/%?#=&+:@!$,;*]+")
_TRAILING_PUNCTUATION = ".,;:!?)]}'\"»”’"
# A continuation that looks like the tail of a slug: has a separator and ends in
# something no English word ends in (digits, a file extension, a slash).
_SLUG_TAIL = compile_lazily(r"[a-z0-9]*(?:[-_/.][a-z0-9]+)+/?")
# An id is a final fragment of five or more letters and digits, with a digit in it
# (a86878, n1075661, 11574168580); short numbers (covid-19, f-35, 2-1) end words too.
_CONFIRMING_END = compile_lazily(
    r"(?:(?<![a-z0-9])(?=[a-z]*\d)[a-z0-9]{5,}|\.(?:s?html?|php|aspx?|jsp|cms|ece)|/)\Z",
    re.IGNORECASE,
)
_DIGIT_END = compile_lazily(r"\d[a-z0-9]*\Z", re.IGNORECASE)
# Scores, ranges and dates after a URL (2-1, 2023-24, 2024-11-01) are text.
_NUMBER = compile_lazily(r"[0-9][0-9\-./:,]*")
# Short first fragments of ordinary hyphenated words (e-mail, co-operation, up-to-date).
_WORD_STARTS = frozenset(
    (
        "a",
        "an",
        "as",
        "at",
        "be",
        "by",
        "co",
        "de",
        "do",
        "e",
        "ex",
        "go",
        "he",
        "i",
        "in",
        "is",
        "it",
        "me",
        "my",
        "no",
        "of",
        "on",
        "or",
        "re",
        "so",
        "t",
        "to",
        "u",
        "up",
        "us",
        "we",
        "x",
    )
)
_SLUG_URL = compile_lazily(r"https?://[^/\s]+/\S*[-_]", re.IGNORECASE)
_FRAGMENT_SEPARATOR = compile_lazily(r"[-_/.]")
_NEW_URL = compile_lazily(r"(?:https?://|www\.)", re.IGNORECASE)
# A last path segment that is a file name: the URL is complete (`.../photo.jpg`).
_COMPLETE_FILE = compile_lazily(
    r"/[^/?#\s]+\.(?:jpe?g|png|gif|webp|svg|pdf|mp[34]|s?html?|php|aspx?|jsp)\Z", re.IGNORECASE
)
_TOKEN = compile_lazily(r"\S+")
# What follows a URL in text, in one match: _GAP (atomic: the choice _GAP.match makes)
# and the token after it as ``_TOKEN.match`` reads it, at most 2,000 characters.
_GAP_AND_TOKEN = compile_lazily(r"((?>[ \t]+(?:\r?\n[ \t]*)?|\r?\n[ \t]*))(\S{1,2000})")
# A URL's rest after its "://", which urls() finds with str.find, where _URL's
# case-insensitive "https?" was tried at every character.
_URL_BODY = compile_lazily(r"[^\s<>\"]+")


def _core(token: str) -> str:
    return token.rstrip(_TRAILING_PUNCTUATION)


def continues(url: str, gap: str, piece: str) -> bool:
    """Whether ``piece`` (after ``gap``) is the rest of ``url`` rather than ordinary text."""
    if not piece or not _PIECE.fullmatch(piece) or not piece[0].isalnum():
        return False
    if _NEW_URL.match(piece) or _COMPLETE_FILE.search(url):
        return False  # the piece starts another link, or the URL already ends in a file name
    if url.endswith(("-", "_")):
        # A wrap right after a hyphen; the next line starts a lower-case slug word.  After a
        # mere space, the piece must itself look like slug (`says-it-will`), not a word (`and`).
        if not (piece[0].islower() or piece[0].isdigit()):
            return False
        return "\n" in gap or bool(_SLUG_TAIL.fullmatch(piece))
    if (url[-1] != "." and url[-1] in _TRAILING_PUNCTUATION) or _NUMBER.fullmatch(piece):
        return False
    if url.endswith("/"):
        return bool(_SLUG_TAIL.fullmatch(piece)) and any(c.isdigit() or c in "-/_." for c in piece)
    if not _SLUG_URL.match(url) or not _SLUG_TAIL.fullmatch(piece):
        return False
    if _CONFIRMING_END.search(piece):
        return True
    fragments = _FRAGMENT_SEPARATOR.split(piece)
    first = fragments[0]
    if "\n" in gap:
        # A hard wrap cuts at a column, mid-word: `harbourmaste` / `r-plans-new`, `-123` / `45`;
        # a two-part piece such as `ab-testing` is an ordinary hyphenated word.
        return (len(first) <= 2 and len(fragments) >= 3) or bool(_DIGIT_END.search(piece))
    # After a space: a word cut short (`ove r-ukraine-...`) is a short first fragment
    # that starts no ordinary hyphenated word, in a slug of three fragments or more.
    return len(fragments) >= 3 and len(first) <= 2 and first.isalpha() and first not in _WORD_STARTS


def confirmed(joined: str, piece: str, record_url: str | None) -> bool:
    """A join we can trust: it rebuilds the record's own URL, or the tail is unmistakably a slug."""
    if record_url and joined.rstrip("/") == "".join(record_url.split()).rstrip("/"):
        return True
    return bool(_CONFIRMING_END.search(piece)) and bool(_SLUG_TAIL.fullmatch(piece))


class SplitUrl(Rule):
    code = "NL201"
    name = "split-url"
    summary = "A URL broken in two by a space or a line wrap."
    explanation = """\
Hard-wrapped text and careless copy-paste leave URLs in pieces:
`...until-victory-ove r-ukraine-a86878`, or `.../north-korea-` at the end of a
line and `says-it-will...` on the next.  The link no longer resolves, and the
stray fragment reads as a word.

In the `url` field any whitespace is damage.  In text, the rule joins a piece
only when it is plainly the rest of the URL: a wrap right after a hyphen, or a
slug fragment (`r-ukraine-a86878`, `story-2024.html`).  Ordinary words after a
URL (`see https://example.org for details`) are never touched.  The fix is safe
when the joined URL is confirmed (it equals the record's url, or the piece ends
in an id, an extension or a slash), and unsafe otherwise."""
    bad = "Original url: https://www.example.com/2024/11/01/until-victory-ove r-ukraine-a86878"
    good = "Original url: https://www.example.com/2024/11/01/until-victory-over-ukraine-a86878"
    fields = ("url", "caption", "body")
    triggers = Triggers(literals=("http", "HTTP"), fields=("caption", "body")) | Triggers(
        chars=WHITESPACE, fields=("url",)
    )
    fix_applicabilities = frozenset({Applicability.SAFE, Applicability.UNSAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        record_url = article.url
        if record_url is not None and "url" in article.spans:
            yield from self._check_url_field(record_url)
        for name, text in article.text_fields(("caption", "body")):
            if "http" in text or "HTTP" in text:
                yield from self._check_text(name, text, record_url)

    def _check_url_field(self, text: str) -> Iterator[Diagnostic]:
        stripped = text.strip()
        # Stripped, so any whitespace in it is inside and splits it (cheaper than a scan).
        if len(stripped.split(maxsplit=1)) < 2 or not _URL.match(stripped):
            return
        offset = len(text) - len(text.lstrip())
        edits: list[Edit] = []
        all_confirmed = True
        position = offset
        url = ""
        for match in _TOKEN.finditer(stripped):
            piece_start = offset + match.start()
            if url:
                gap = text[position:piece_start]
                piece = match.group()
                if not _PIECE.fullmatch(piece):
                    return  # words after the URL: report via NL004, do not guess
                all_confirmed &= continues(url, gap, piece)
                edits.append(Edit("url", position, piece_start, ""))
            url += match.group()
            position = offset + match.end()
        applicability = Applicability.SAFE if all_confirmed else Applicability.UNSAFE
        fix = Fix("join the URL's pieces", applicability, tuple(edits))
        how = "a line break" if "\n" in stripped else "whitespace"
        yield self.diagnostic(
            "url", offset, position, f"URL is split by {how}: '{_shown(stripped)}'", fix
        )

    def _check_text(self, name: str, text: str, record_url: str | None) -> Iterator[Diagnostic]:
        follows = _GAP_AND_TOKEN.match
        for start, url_end in urls(text):
            after = follows(text, url_end)
            if after is None:
                continue
            gap, token = after.groups()
            piece = _core(token)
            if not piece[:1].isalnum() or (piece.isalnum() and text[url_end - 1] not in "-_"):
                # Most URLs are followed by markup or a word, which ``continues`` turns
                # away: a piece must start with a letter or digit and hold a separator
                # (_SLUG_TAIL) unless the URL ends in a hyphen or underscore.
                continue
            url = text[start:url_end]
            if not continues(url, gap, piece):
                continue
            gap_end = after.start(2)
            end = gap_end + len(piece)
            joined = url + piece
            safe = confirmed(joined, piece, record_url)
            fix = Fix(
                "join the URL's pieces",
                Applicability.SAFE if safe else Applicability.UNSAFE,
                (Edit(name, url_end, gap_end, ""),),
            )
            how = "a line break" if "\n" in gap else "whitespace"
            shown = _shown(text[start:end])
            yield self.diagnostic(name, start, end, f"URL is split by {how}: '{shown}'", fix)


def urls(text: str) -> Iterator[tuple[int, int]]:
    """The spans of ``_URL.finditer(text)``, found from their "://" (``scheme_urls``)."""
    return scheme_urls(text, _URL_BODY.match)


def _shown(text: str) -> str:
    flat = text.replace("\r", "").replace("\n", "\u23ce")
    return flat if len(flat) <= 70 else "..." + flat[-67:]
