"""Shared helpers of the structure rules (NL6xx): paragraphs, normalised text, cut spans."""

from __future__ import annotations

from newslint.lazy_re import compile_lazily
from newslint.model import iter_paragraphs

Paragraph = tuple[int, int, str]

# Words that cannot end an English sentence or phrase (articles, possessive
# determiners, conjunctions), and their counterparts in a few other languages.
DANGLING_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "nor",
        "but",
        "their",
        "its",
        "our",
        "your",
        "whose",
        "than",
        "und",
        "oder",
        "der",
        "die",
        "das",
        "et",
        "ou",
        "les",
        "des",
        "y",
        "el",
        "los",
        "las",
        "и",
        "или",
    ]
)
# The same without conjunctions: after an ellipsis, "and…" trails off by style.
DANGLING_BEFORE_ELLIPSIS = frozenset(
    ["the", "a", "an", "their", "its", "our", "your", "whose", "than"]
)

_WORD = compile_lazily(r"[^\W\d_]+")


def normalise(text: str) -> str:
    """Whitespace collapsed, for comparing paragraphs that differ only in wrapping."""
    return " ".join(text.split())


def comparable(text: str) -> str:
    """Normalised, case-folded, without outer quotes and final punctuation (title comparisons)."""
    return normalise(text).casefold().strip(" \"'“”‘’«».:;!?,-–—|")


def paragraphs(body: str) -> list[Paragraph]:
    return list(iter_paragraphs(body))


def cut_span(items: list[Paragraph], index: int) -> tuple[int, int]:
    """The span that removes paragraph ``index`` with one of its separators."""
    start, end, _ = items[index]
    if index + 1 < len(items):
        return start, items[index + 1][0]
    if index > 0:
        return items[index - 1][1], end
    return start, end


def letters(text: str) -> int:
    return sum(map(len, _WORD.findall(text)))


def shown(text: str, limit: int = 60) -> str:
    text = normalise(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


_MONTH_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
_DATE_WORDS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "am",
        "pm",
        "a",
        "m",
        "p",
        "at",
        "on",
        "updated",
        "published",
        "posted",
        "last",
        "modified",
        "st",
        "nd",
        "rd",
        "th",
        "et",
        "est",
        "edt",
        "ct",
        "cst",
        "cdt",
        "mt",
        "mst",
        "mdt",
        "pt",
        "pst",
        "pdt",
        "gmt",
        "utc",
        "ist",
        "bst",
        "cet",
        "cest",
        "msk",
        "aest",
        "jst",
    ]
)
_DATE_TOKEN = compile_lazily(r"[^\W\d_]+|\d+|\S")
_NUMERIC_DATE = compile_lazily(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")
_YEAR = compile_lazily(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_MAX_DATELINE = 60


def is_dateline(line: str) -> bool:
    """Whether ``line`` is a date (and time) alone: ``Nov. 19, 2019 8:03 am ET``, ``18 NOV 2019``."""
    line = line.strip()
    if not line or len(line) > _MAX_DATELINE:
        return False
    has_month = False
    for token in _DATE_TOKEN.findall(line):
        if token[0].isdigit() or not token[0].isalpha():
            if not token.isdigit() and token not in ",.:/-–—|•·()":
                return False
            continue
        word = token.lower()
        if word in _MONTH_WORDS:
            has_month = True
        elif word not in _DATE_WORDS:
            return False
    if has_month:
        return _YEAR.search(line) is not None
    return _NUMERIC_DATE.search(line) is not None
