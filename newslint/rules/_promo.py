"""What a related-article promo paragraph looks like; shared by NL401 and the rules that defer to it.

Other rules (HTML tags, Markdown links) skip a promo paragraph, since NL401
reports and removes it whole.
"""

from __future__ import annotations

import re

_LABEL = re.compile(
    r"[ \t]*(?:related(?:[ \t]+(?:article|articles|story|stories|content|coverage|reading|news))?"
    r"|read[ \t]+(?:more|also|next)|see[ \t]+also|also[ \t]+read|more[ \t]+on[ \t]+this(?:[ \t]+story)?)"
    r"(?:[ \t]*[:|»>]|[ \t]+[–—-](?=[ \t]))[ \t]*",
    re.IGNORECASE,
)
_TAG = re.compile(r"</?[a-zA-Z][^<>\n]{0,200}>")
_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]{0,300})\]\([^()\s]{0,500}\)")
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
    (``Related article:``, ``Read more:``, ...) followed by a headline.
    """
    if "\n" in paragraph or len(paragraph) > _MAX_PROMO:
        return None
    label = _LABEL.match(paragraph)
    if not label:
        return None
    headline = headline_of(paragraph[label.end() :])
    if not headline or len(headline.split()) > _MAX_WORDS:
        return None
    return headline


def is_promo(paragraph: str) -> bool:
    return promo_headline(paragraph) is not None
