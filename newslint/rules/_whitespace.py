"""Helpers shared by the whitespace and line-wrap rules (NL5xx)."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterator

from newslint.lazy_re import compile_lazily

TEXT = ("title", "byline", "caption", "body")
"""The prose fields the whitespace rules read."""

# A token that is (part of) a URL, an e-mail address or a path: never a hyphenated word.
_URLISH = compile_lazily(r"://|www\.|[/@\\_=&?#]|\.[a-z]{2,4}\b", re.IGNORECASE)
# The words after a German (or English) suspended hyphen: `Hoch-\nund Tiefpunkte`.
CONJUNCTIONS = frozenset(
    (
        "und",
        "oder",
        "bzw",
        "sowie",
        "als",
        "bis",
        "noch",
        "wie",
        "and",
        "or",
        "nor",
        "to",
        "et",
        "ou",
        "y",
        "o",
        "e",
        "i",
        "и",
        "или",
        "та",
        "або",
    )
)


def shown(text: str, limit: int = 60) -> str:
    """``text`` for a message: line breaks shown as ⏎, tabs as →, cut to ``limit`` characters."""
    flat = text.replace("\r", "").replace("\n", "\u23ce").replace("\t", "\u2192")
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def left_token(text: str, end: int) -> str:
    """The whitespace-delimited token that ends at ``end`` (at most 200 characters)."""
    chunk = text[max(0, end - 200) : end]
    if not chunk or chunk[-1].isspace():
        return ""
    return chunk.rsplit(maxsplit=1)[-1]  # scans back only over the last token


def right_token(text: str, start: int) -> str:
    """The whitespace-delimited token that starts at ``start`` (at most 200 characters)."""
    chunk = text[start : start + 200]
    if not chunk or chunk[0].isspace():
        return ""
    return chunk.split(maxsplit=1)[0]


def is_urlish(token: str) -> bool:
    """Whether a token belongs to a URL, an address, a path or code rather than to prose."""
    return bool(_URLISH.search(token))


_URL_START = compile_lazily(r"(?:https?://|www\.)[^\s]{0,2000}", re.IGNORECASE)
_URL_CONTINUATION = compile_lazily(r"[ \t]{0,200}\r?\n[ \t]{0,200}[^\s]{1,2000}")
_URL_WRAP_CHARACTERS = "-/_.=?&%"
# The dot of a `www.` (the literal first: the regex engine skips from dot to dot).
_WWW_DOT = compile_lazily(r"\.(?<=www\.)", re.IGNORECASE)


class _UrlFinder:
    """``_URL_START.search(text, position)`` for growing positions, found from the `://`
    or the `www.` of each URL.

    The regex starts with a class of letters, which Python's engine tests at every
    character; a match has `://` 4 or 5 characters after its start (`http`, `https`) or
    a `www.` dot 3 after it, and these are found at C speed.  The earliest start at which
    the regex matches is the search's match (tests/test_whitespace_fast_paths.py).  Each
    `://` is looked at once over all the calls: linear.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._colons = self._colon_urls()
        self._pending = next(self._colons, None)

    def _colon_urls(self) -> Iterator[re.Match[str]]:
        """The matches that start 5 or 4 characters before a `://`, in order (at most one
        a `://`: `https` and `http` cannot both end there)."""
        text = self._text
        colons = text.find("://", 4)
        while colons >= 0:
            for start in (colons - 5, colons - 4):
                if start >= 0 and (match := _URL_START.match(text, start)) is not None:
                    yield match
                    break
            colons = text.find("://", colons + 1)

    def next(self, position: int) -> re.Match[str] | None:
        """``_URL_START.search(text, position)``; ``position`` never less than the last."""
        while self._pending is not None and self._pending.start() < position:
            self._pending = next(self._colons, None)
        best = self._pending
        limit = len(self._text) if best is None else best.start() + 3  # a dot before it
        dot = _WWW_DOT.search(self._text, position + 3, limit)
        if dot is not None:
            return _URL_START.match(self._text, dot.start() - 3)
        return best


class UrlRegions:
    """Where the URLs of a text are, following each over the line wraps that split it.

    A URL wrapped twice puts a bare slug piece (`in-landmark-hong-kong-`) on a line
    of its own; the region that starts at `https://` covers it.
    """

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        position = 0
        finder = _UrlFinder(text)
        while (match := finder.next(position)) is not None:
            end = match.end()
            while text[end - 1] in _URL_WRAP_CHARACTERS:
                piece = _URL_CONTINUATION.match(text, end)
                if piece is None:
                    break
                end = piece.end()
            self.starts.append(match.start())
            self.ends.append(end)
            position = end

    def __contains__(self, offset: int) -> bool:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.ends[index]


def describe(run: str) -> str:
    """A run of spaces and tabs in words: '2 spaces', '1 tab', '3 spaces and tabs'."""
    count = len(run)
    if run.count(" ") == count:
        kind = "space"
    elif run.count("\t") == count:
        kind = "tab"
    else:
        return f"{count} spaces and tabs"
    return f"{count} {kind}" + ("" if count == 1 else "s")


# A hyphen at the end of a line, between letters: `govern-\nment`, `top-\nselling`.
# The lookbehind follows the hyphen (and includes it) so that the regex engine can jump
# from hyphen to hyphen.
HYPHEN_BREAK = re.compile(r"-(?<=[^\W\d_]-)[ \t]*(\r?\n)[ \t]*(?=[^\W\d_])")
_LETTERS_BEFORE = compile_lazily(r"[^\W\d_]{1,60}\Z")
_LETTERS_AFTER = compile_lazily(r"[^\W\d_]{1,60}")
# Only from a word's start: tried inside a long word, each start would rescan the rest
# of it (quadratic on `aaaa...a-`); a match from inside a word never exists without one
# from its start, so the words found are the same.
_HYPHENATED = compile_lazily(r"(?<![^\W\d_])[^\W\d_]+(?:-[^\W\d_]+)+")
_LETTERS = compile_lazily(r"[^\W\d_]+")
_LETTER = r"[^\W\d_]"
_CHAIN = compile_lazily(r"[^\W\d_]+(?:-[^\W\d_]+)+")
_LOWER_BY_WORD = frozenset("\u0130\u03a3")
"""İ (lowers to i and a combining dot) and Σ (lowers to σ or ς by what follows)."""
# First parts that make compounds rather than split words (`self-\nindictment`).
COMPOUND_PREFIXES = frozenset(("self", "non", "anti", "semi", "multi", "well", "half", "cross"))


class WordIndex:
    """The words of an article, to tell a word split at a line end from a compound."""

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts

    @functools.cached_property
    def _lowered(self) -> str | None:
        """The joined texts lowered, when that finds the same words, lowered.

        True unless a character lowers differently in context (final sigma) or to
        something that is not a letter (dotted I); then words are lowered one by one.
        (Two substring tests: C speed, where a set's ``isdisjoint`` hashes every character.)
        """
        joined = "\n".join(self._texts)
        if any(character in joined for character in _LOWER_BY_WORD):
            return None
        return joined.lower()

    def count(self, word: str, enough: int) -> int:
        """``min(self.words[word], enough)``: ``word`` (lower-case letters) looked up alone.

        Most articles ask about a few words: finding those (a C-level substring search)
        is much cheaper than splitting every text into words (tests compare the two).
        """
        lowered = self._lowered
        if lowered is None or not _LETTERS.fullmatch(word):
            return min(self.words[word], enough)
        if word not in lowered:
            return 0
        return _count(_whole_word(word).finditer(lowered), enough)

    def has_compound(self, compound: str) -> bool:
        """``compound in self.compounds``, for one compound (lower-case letter runs joined by
        single hyphens), looked up alone as ``count`` looks up a word."""
        lowered = self._lowered
        if lowered is None or not _CHAIN.fullmatch(compound):
            return compound in self.compounds
        return compound in lowered and _whole_compound(compound).search(lowered) is not None

    @functools.cached_property
    def words(self) -> Counter[str]:
        """How often each word occurs (lower-cased); found on first use (fast path)."""
        if self._lowered is not None:
            return Counter(_LETTERS.findall(self._lowered))
        return Counter(w.lower() for w in _LETTERS.findall("\n".join(self._texts)))

    @functools.cached_property
    def compounds(self) -> set[str]:
        """The hyphenated compounds (lower-cased); found on first use (fast path)."""
        if self._lowered is not None:
            return set(_HYPHENATED.findall(self._lowered))
        return {c.lower() for c in _HYPHENATED.findall("\n".join(self._texts))}


def _count(items: Iterator[object], enough: int) -> int:
    """How many ``items`` there are, counting no further than ``enough``."""
    return sum(1 for _ in itertools.islice(items, enough))


@functools.lru_cache(maxsize=1024)
def _whole_word(word: str) -> re.Pattern[str]:
    """``word`` as a whole run of ``_LETTERS`` (the literal first: the engine skips to it).

    A run of letters that equals ``word`` has no letter on either side; the lookbehind is
    as wide as the word and a letter, so it is fixed-width (and linear: one test a hit).
    """
    escaped = re.escape(word)
    return re.compile(rf"{escaped}(?<!{_LETTER}{escaped})(?!{_LETTER})")


@functools.lru_cache(maxsize=1024)
def _whole_compound(compound: str) -> re.Pattern[str]:
    """``compound`` as a whole match of ``_HYPHENATED`` (its matches are maximal chains).

    A chain's match starts at a letter with neither a letter nor a letter and a hyphen
    before it (else an earlier match holds it) and ends where neither a letter nor a
    hyphen and a letter follows (else the greedy match goes on).
    """
    escaped = re.escape(compound)
    return re.compile(
        rf"{escaped}(?<!{_LETTER}{escaped})(?<!{_LETTER}-{escaped})(?!{_LETTER}|-{_LETTER})"
    )


JOIN, KEEP, UNKNOWN, SKIP = "join", "keep", "unknown", "skip"


def hyphen_break(
    text: str,
    match: re.Match[str],
    index: WordIndex,
    urls: UrlRegions,
    cache: dict[tuple[str, str], tuple[str, str, str]] | None = None,
) -> tuple[str, str, str]:
    """What a line break after a hyphen is: (verdict, left word, right word).

    JOIN: a word split in two (`govern-\\nment`: the article writes `government`
    elsewhere and never `govern-ment`); KEEP: a hyphenated compound
    (`top-\\nselling`); UNKNOWN: no evidence either way; SKIP: not a word at all
    (a URL, a path, a suspended hyphen `Hoch-\\nund Tiefpunkte`).

    Outside URLs the answer depends only on the tokens either side of the break, so a
    ``cache`` shared by the breaks of one article decides each pair of tokens once.
    """
    if match.start() in urls:
        return SKIP, "", ""
    # The tokens hold the letters either side: the break starts after a letter and
    # ends before one (HYPHEN_BREAK's lookarounds), and no letter is whitespace.
    token_left = left_token(text, match.start() + 1)
    token_right = right_token(text, match.end())
    if cache is None:
        return _hyphen_verdict(token_left, token_right, index)
    key = (token_left, token_right)
    found = cache.get(key)
    if found is None:
        found = cache[key] = _hyphen_verdict(token_left, token_right, index)
    return found


def _hyphen_verdict(token_left: str, token_right: str, index: WordIndex) -> tuple[str, str, str]:
    """hyphen_break's answer for a break between these tokens (``token_left`` ends with '-')."""
    left_match = _LETTERS_BEFORE.search(token_left, 0, len(token_left) - 1)
    right_match = _LETTERS_AFTER.match(token_right)
    if left_match is None or right_match is None:
        return SKIP, "", ""
    left, right = left_match.group(), right_match.group()
    if (
        is_urlish(token_left)
        or token_left.count("-") >= 4  # a slug, even when its start is out of sight
        or is_urlish(token_right.rstrip(".,;:!?)\"'”’»"))
    ):
        return SKIP, left, right
    if right.lower() in CONJUNCTIONS:
        return SKIP, left, right
    hyphenated = f"{left}-{right}".lower()
    joined = (left + right).lower()
    if index.has_compound(hyphenated):
        return KEEP, left, right
    if right[0].isupper() or left.lower() in COMPOUND_PREFIXES:
        return KEEP, left, right
    if len(left) >= 2 and len(right) >= 2 and index.count(joined, 1):
        return JOIN, left, right
    # Each part is counted once for the break itself: a standalone use elsewhere is a second.
    if index.count(left.lower(), 2) > 1 and index.count(right.lower(), 2) > 1:
        return KEEP, left, right
    return UNKNOWN, left, right
