"""NL103: Markdown links and images (``[text](url)``, ``![alt](src)``) left in plain text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._markup import inside, promo_ranges, removal, shorten

# Anchored on the literal "](": the text cannot contain brackets or a newline and the
# target cannot contain whitespace or unbalanced parentheses, so every part is bounded.
_LINK = compile_lazily(
    r"(!?)\[([^\[\]\n]{0,300})\]\("
    r"((?:[^()\s]|\([^()\s]{0,200}\)){1,2000})"
    r"""(?:[ \t]{1,5}(?:"[^"\n]{0,300}"|'[^'\n]{0,300}'))?\)"""
)
# What a link target looks like: a URL, a path, an anchor, or a domain.
_TARGET = compile_lazily(
    r"(?:[a-zA-Z][a-zA-Z0-9+.-]{0,20}:|//|/|#|\.{1,2}/|www\.|[\w-]{1,63}(?:\.[\w-]{1,63}){0,10}"
    r"\.[a-zA-Z]{2,24}(?:[/?#:]|$)|[\w.-]{1,200}\.(?:html?|php|aspx?|jpe?g|png|gif|webp|svg)\b)"
)
# Links that lead nowhere: an anchor on the same page or a script.
_DEAD = compile_lazily(r"#|javascript:", re.IGNORECASE)


class MarkdownLinks(Rule):
    code = "NL103"
    name = "markdown-links"
    summary = "Markdown links and images (`[text](url)`, `![alt](src)`) left in plain text."
    explanation = """\
HTML-to-Markdown converters write links as `[text](url)` and images as
`![alt](src)`; in plain text the brackets and addresses are noise.

The fix keeps a link's text and drops its address (safe).  An image, a link
without text (`[](url)`) and a link that leads nowhere (`[Replay](#)`,
`javascript:`) are removed: safe when nothing visible goes, unsafe when it
deletes an image's alt text or a link's words.  Footnotes (`[1]`), editorial
brackets (`[sic]`, `[...]`), `(see [2])` and other brackets in prose are never
flagged: a target must follow the closing bracket immediately and look like an
address.  Related-article promos are left to NL401, which removes them whole."""
    bad = "Read the [full statement](https://example.org/statement) here. ![](/img/pixel.gif)"
    good = "Read the full statement here."
    fields = ("title", "byline", "caption", "body")
    triggers = Triggers(literals=("](",))
    fix_applicabilities = frozenset({Applicability.SAFE, Applicability.UNSAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for field, text in article.text_fields(self.fields):
            if "](" not in text:
                continue
            promos = promo_ranges(field, text)
            for match in _LINK.finditer(text):
                image, label, target = match.groups()
                if not _TARGET.match(target) or inside(promos, match.start()):
                    continue
                yield self._diagnostic(field, text, match, bool(image), label, target)

    def _diagnostic(
        self, field: str, text: str, match: re.Match[str], image: bool, label: str, target: str
    ) -> Diagnostic:
        visible = label.strip()
        if not image and visible and not _DEAD.match(target):
            start, end = match.span()
            fix = Fix(
                "keep the link's text, drop its address",
                Applicability.SAFE,
                (Edit(field, start, end, label),),
            )
            return self.diagnostic(
                field, start, end, f"Markdown link '{shorten(match.group(), 60)}'", fix
            )
        start, end, content = removal(text, *match.span())
        applicability = Applicability.UNSAFE if visible else Applicability.SAFE
        if image:
            what, message = "image", f"Markdown image '{shorten(match.group(), 60)}'"
        elif visible:
            what, message = "dead link", f"Markdown link to nowhere '{shorten(match.group(), 60)}'"
        else:
            what, message = "empty link", f"empty Markdown link '{shorten(match.group(), 60)}'"
        fix = Fix(f"remove the {what}", applicability, (Edit(field, start, end, content),))
        return self.diagnostic(field, start, end, message, fix)
