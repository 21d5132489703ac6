"""NL401: a related-article promo ("Related article: <u>Headline</u>") inside the body."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix, ListAppend
from newslint.model import Article, iter_paragraphs
from newslint.rule import Rule

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


class RelatedPromo(Rule):
    code = "NL401"
    name = "related-article-promo"
    summary = "A related-article promo (`Related article: ...`, `Read more: ...`) inside the body."
    explanation = """\
News pages put links to other stories between paragraphs.  Scrapers keep them
as a paragraph of their own, often with the link's underline or anchor markup
(`Related article: <u>Headline</u>`), which breaks the article's flow and puts
another story's headline into this one's text.

The fix deletes the promo paragraph and records its headline in the article's
`related` list.  It is unsafe because it deletes a paragraph from the body:
review it, or run `--fix --unsafe-fixes`.  Only a short single-line paragraph
that starts with a promo label is flagged; a sentence that merely mentions
related matters is not."""
    bad = "Related article: <u>U.S. Says North Korean Troops Ready for Ukraine Combat</u>"
    good = "(the paragraph is removed; its headline is listed under `related`)"
    fields = ("body",)
    fixable = "unsafe"

    def check(self, article: Article) -> Iterator[Diagnostic]:
        body = article.body
        if not body:
            return
        paragraphs = list(iter_paragraphs(body))
        for index, (start, end, paragraph) in enumerate(paragraphs):
            label = _LABEL.match(paragraph)
            if not label or "\n" in paragraph or len(paragraph) > _MAX_PROMO:
                continue
            headline = headline_of(paragraph[label.end() :])
            if not headline or len(headline.split()) > _MAX_WORDS:
                continue
            if index + 1 < len(paragraphs):
                cut_start, cut_end = start, paragraphs[index + 1][0]
            elif index > 0:
                cut_start, cut_end = paragraphs[index - 1][1], end
            else:
                cut_start, cut_end = start, end
            fix = Fix(
                f"remove the promo and add '{headline}' to related",
                Applicability.UNSAFE,
                (Edit("body", cut_start, cut_end, ""),),
                (ListAppend("related", headline),),
            )
            yield self.diagnostic(
                "body", cut_start, cut_end, f"related-article promo in the body: '{headline}'", fix
            )
