"""NL407: a photo caption or credit (`© Jane Doe/Getty Images`, `(Photo: AP)`) inside the body."""

from __future__ import annotations

import functools
import re
from typing import ClassVar

from newslint.lazy_re import compile_lazily
from newslint.rules._boilerplate import LineRule
from newslint.rules._boilerplate_phrases import (
    CAPTION_LABELS,
    PHOTO_AGENCIES,
    PHOTO_LABELS,
    PICTURE_AGENCIES,
)


def _alternation(phrases: tuple[str, ...]) -> str:
    words = sorted({p.casefold() for p in phrases}, key=len, reverse=True)
    return "|".join(r"[ \t]+".join(map(re.escape, p.split())) for p in words)


# "Photo: Reuters", "(Photo by Jane Doe)", "AP Photo/Alan Diaz", "Image credit: NASA".
_LABELLED = compile_lazily(
    rf"\(?[ \t]*(?P<label>{_alternation(PHOTO_LABELS)})"
    r"(?:[ \t]*:|[ \t]+(?:by|via)[ \t]|(?<=photo)/)[ \t]*(?P<credit>.+?)[ \t]*\)?",
    re.IGNORECASE,
)
# "Image caption The mayor...", "Image copyright Getty Images", "Image source, AFP".
_CAPTIONED = compile_lazily(
    rf"(?:{_alternation(CAPTION_LABELS)})[ \t]*[,:]?[ \t]+\S", re.IGNORECASE
)
# "© Jane Doe/Getty Images", "(c) REUTERS / POOL".
_COPYRIGHT = compile_lazily(
    r"\(?[ \t]*(?:©|\(c\)[ \t])[ \t]*(?P<credit>[^©]+?)[ \t]*\)?", re.IGNORECASE
)
_YEAR = compile_lazily(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_SEPARATOR = compile_lazily(r"[ \t]*(?:/|\||,|;|[ \t]via[ \t])[ \t]*")
_AGENCIES = tuple(sorted({a.casefold() for a in PHOTO_AGENCIES}, key=len, reverse=True))
_AGENCY_SET = frozenset(_AGENCIES)
_PICTURE_AGENCIES = frozenset(a.casefold() for a in PICTURE_AGENCIES)
_CREDIT_LABELS = frozenset(
    label for label in (p.casefold() for p in PHOTO_LABELS) if "credit" in label or "/" in label
)
# Lowercase words that may stand in a person's or an agency's name.
_PARTICLES = frozenset(
    (
        "via", "and", "&", "for", "of", "the", "de", "da", "das", "do", "dos", "van", "von",
        "der", "den", "del", "della", "di", "du", "la", "le", "bin", "al", "y", "e", "cc",
        "file", "handout", "pool",
    )
)  # fmt: skip
_MAX_CREDIT = 120


def _is_name_like(text: str) -> bool:
    """Capitalised words (names, agencies) joined by separators and particles: no prose."""
    words = [w for w in re.split(r"[\s/|,;()]+", text) if w]
    if not words or len(words) > 12:
        return False
    for word in words:
        if word.casefold() in _PARTICLES:
            continue
        if not (word[0].isupper() or (word[0].isdigit() and len(words) > 1)):
            return False
        if not all(c.isalnum() or c in ".'’-&+" for c in word):
            return False
        if word.endswith(".") and len(word) > 4:
            return False  # a sentence ends here ("Delhi."), initials do not ("Jr.")
    return True


def _ends_with_agency(
    text: str,
    agencies: tuple[str, ...] = _AGENCIES,
    picture_agencies: frozenset[str] = _PICTURE_AGENCIES,
) -> bool:
    """``Jane Doe/Getty Images``, ``AFP via Getty Images``, ``Getty Images``: a bare credit."""
    folded = text.casefold()
    if folded in picture_agencies:
        return True
    if not folded.endswith(agencies):
        return False  # fast path: one C call instead of a Python loop over every agency
    for agency in agencies:
        if folded.endswith(agency):
            head = text[: len(text) - len(agency)]
            separator = _SEPARATOR.search(head[-6:]) if head else None
            if separator and separator.end() == len(head[-6:]) and _is_name_like(head):
                return True
    return False


_FIRST_WORDS = frozenset(
    re.split(r"[ /]", phrase.casefold())[0] for phrase in (*PHOTO_LABELS, *CAPTION_LABELS)
)
_LAST_WORDS = frozenset(re.split(r"[ /]", agency)[-1] for agency in _AGENCIES)
_FIRST_WORD = compile_lazily(r"[(\s]*([^\s:/(),]{1,40})")
# The last word, as ``re.split(r"[\s/|,()]", text)[-1]`` gives it, read off the
# reversed text: no list of every word of a line of prose is built.
_LAST_WORD_REVERSED = compile_lazily(r"[^\s/|,()]*")


def _may_be_credit(text: str) -> bool:
    """A cheap test that rules out nearly every line of prose."""
    if text[0] in "©(" or text.startswith("(c)"):
        return True
    first = _FIRST_WORD.match(text)
    if first and first.group(1).casefold() in _FIRST_WORDS:
        return True
    folded = text.rstrip(" )").casefold()[::-1]
    last = _LAST_WORD_REVERSED.match(folded)
    return last is not None and last.group()[::-1] in _LAST_WORDS


def is_photo_credit(line: str) -> bool:
    text = line.strip()
    if not text or len(text) > 200 or not _may_be_credit(text):
        return False
    inner = text[1:-1].strip() if text.startswith("(") and text.endswith(")") else text
    labelled = _LABELLED.fullmatch(text)
    if labelled:
        credit = labelled.group("credit").strip()
        label = " ".join(labelled.group("label").casefold().split())
        if credit and len(credit) <= _MAX_CREDIT:
            if (
                label in _CREDIT_LABELS
                or credit.startswith("©")
                or credit.casefold() in _AGENCY_SET
            ):
                return True
            return _is_name_like(credit)
    if _CAPTIONED.match(text):
        return True
    copyright_ = _COPYRIGHT.fullmatch(text)
    if copyright_:
        credit = copyright_.group("credit")
        if _YEAR.search(credit) or "reserved" in credit.casefold():
            return False
        if _ends_with_agency(credit):
            return True
        return ("/" in credit or "|" in credit) and _is_name_like(credit)
    return len(inner) <= _MAX_CREDIT and _ends_with_agency(inner)


@functools.lru_cache(maxsize=16)
def _folded_by_length(agencies: tuple[str, ...]) -> tuple[str, ...]:
    """An ``extra-agencies`` option, case-folded and longest first (built once per configuration)."""
    return tuple(sorted({a.casefold() for a in agencies}, key=len, reverse=True))


class PhotoCredit(LineRule):
    code = "NL407"
    name = "photo-credit-in-body"
    summary = "A photo caption or credit (`© Jane Doe/Getty Images`, `(Photo: AP)`) in the body."
    explanation = """\
A picture's caption and credit belong in the `caption` field.  When a scraper
keeps them in the text they become lines of the body (`© Oli Scarff/Getty
Images`, `(Photo: AP)`, `Photo: Reuters`, `Image caption ...`, `Getty Images`).

Flagged: a whole body line that is a labelled credit (`Photo:`, `Photograph:`,
`Image credit:`, `Foto:`, `Фото:` followed by a name-like credit), a BBC-style
`Image caption`/`Image copyright` line, a `©` line naming a photographer and
an agency (`Name/Agency`), or a bare `Name/Agency` or `Name | Getty Images`
line.  The caption field itself is never read; a sentence that mentions a
photographer or an agency is not a credit; `© Reuters` or `© 2024 Example
Ltd` closing a story is a copyright line, not a photo credit.  The fix deletes
the line with its line break; it is unsafe because it deletes text."""
    bad = "The storm hit the coast overnight.\n\n© Jane Doe/Getty Images\n\nRoads were closed."
    good = "The storm hit the coast overnight.\n\nRoads were closed."
    kind = "photo credit"
    max_length = 200

    options: ClassVar[dict[str, str]] = {
        "extra-agencies": "more photo agencies: a line that is one of them, or `Name/Agency`, is a credit"
    }
    extra_agencies: tuple[str, ...] = ()
    # What ``_may_be_credit`` lets through: a line that opens with ``©`` or ``(`` or
    # a label's first word, or that ends with an agency's last word.
    first_words = _FIRST_WORDS
    head_pattern = r"\s*[©(]"
    last_words = _LAST_WORDS
    tail_lead = ")"

    def hints(self) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None] | None:
        return None if self.extra_agencies else super().hints()

    def match(self, line: str) -> bool:
        if is_photo_credit(line):
            return True
        if not self.extra_agencies:
            return False
        text = line.strip()
        inner = text[1:-1].strip() if text.startswith("(") and text.endswith(")") else text
        agencies = _folded_by_length(self.extra_agencies)
        return len(inner) <= _MAX_CREDIT and _ends_with_agency(inner, agencies, frozenset(agencies))
