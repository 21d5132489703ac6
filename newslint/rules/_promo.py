"""What a related-article promo paragraph looks like; shared by NL401 and the rules that defer to it.

Other rules (HTML tags, Markdown links) skip a promo paragraph, since NL401
reports and removes it whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newslint.lazy_re import compile_lazily
from newslint.rules._boilerplate_phrases import PROMO_LABELS

_SPACE = "[ \\t\\u00a0\\u202f]"
"""The spaces that may separate a label's words, and the label from its separator."""
_LATIN1_SPACE = "[ \\t\\u00a0]"
"""_SPACE without U+202F, which ``promo_headline`` turns into a " " before matching."""


def _label_pattern(labels: Iterable[str], space: str = _SPACE) -> re.Pattern[str]:
    """One alternation of the labels (longest first), then a separator; ``space`` is a space."""
    words = sorted({label.lower() for label in labels}, key=len, reverse=True)
    alternation = "|".join(f"{space}+".join(map(re.escape, label.split())) for label in words)
    return re.compile(
        rf"{space}*(?:{alternation})(?:{space}*[:|»>]|{space}+[–—-](?={space})){space}*",
        re.IGNORECASE,
    )


# Matched on the paragraph with U+202F made a " " (one character for one: the offsets stay),
# so it spells _SPACE without it.  With U+202F in it, the class cost 0.15 ms to compile each
# of the ~40 times it occurs (a table of 65,536 characters): 6 ms of every start-up, for a
# pattern nearly every check uses; without it, 1 ms in all.
_LABEL = _label_pattern(
    (label for labels in PROMO_LABELS.values() for label in labels), _LATIN1_SPACE
)
# A label is followed by one of _label_pattern's separators: a paragraph without any of
# their characters is no promo.  Most short paragraphs have none, and _LABEL tries each
# of its ~100 labels in turn, case-insensitively (no first-character test), before failing.
_SEPARATOR = compile_lazily("[:|»>–—-]")
_TAG = compile_lazily(r"</?[a-zA-Z][^<>\n]{0,200}>")
_MARKDOWN_LINK = compile_lazily(r"\[([^\[\]\n]{0,300})\]\([^()\s]{0,500}\)")
_MAX_PROMO = 250
_MAX_WORDS = 30


def headline_of(promo: str) -> str:
    """The promo's headline without markup: ``<u>A B</u> C`` -> ``A B C``."""
    text = _MARKDOWN_LINK.sub(r"\1", promo)
    text = _TAG.sub("", text).replace("**", "")
    return " ".join(text.split()).strip(" »>|")


def promo_headline(paragraph: str) -> str | None:
    """The headline if ``paragraph`` is a related-article promo, else None.

    A promo is a short single-line paragraph that starts with a promo label
    (``Related article:``, ``Read more:``, ...) followed by a headline.  A
    headline does not start with a lower-case letter and does not end with a
    full stop: ``Related: The company also announced layoffs.`` is a sentence.
    """
    if len(paragraph) > _MAX_PROMO or "\n" in paragraph:
        return None
    if not _SEPARATOR.search(paragraph):
        return None  # fast path: no label's separator, so no label (a regex call, not ~100)
    probe = paragraph
    if not probe.isascii() and "\u202f" in probe:
        probe = probe.replace("\u202f", " ")
    label = _LABEL.match(probe)
    if not label:
        return None
    headline = headline_of(paragraph[label.end() :])
    if not headline or len(headline.split()) > _MAX_WORDS or not _looks_like_a_headline(headline):
        return None
    return headline


def _looks_like_a_headline(text: str) -> bool:
    if text[0].islower():
        return False
    return not (text.endswith(".") and not text.endswith(("...", "…")))


def is_promo(paragraph: str) -> bool:
    return promo_headline(paragraph) is not None
