"""NL103: Markdown links and images (``[text](url)``, ``![alt](src)``) left in plain text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._markup import promo_ranges, removal

# Anchored on the literal "](": the text cannot contain brackets or a newline and the
# target cannot contain whitespace or unbalanced parentheses, so every part is bounded.
_LINK = compile_lazily(
    r"(!?)\[([^\[\]\n]{0,300})\]\("
    r"((?:[^()\s]|\([^()\s]{0,200}\)){1,2000})"
    r"""(?:[ \t]{1,5}(?:"[^"\n]{0,300}"|'[^'\n]{0,300}'))?\)"""
)
# _LINK from its "[" with the target taken possessively, one run of plain characters at a
# time: five times faster than _LINK's count of single atoms, and the same match wherever
# the target has at most 2,000 characters (its atoms then number at most 2,000, and _LINK
# never gives an atom back: one less leaves an atom's character, not ")" or a space, next).
# A longer target hands the scan back to _LINK.  "!" is read from the character before.
_LINK_FROM_BRACKET = compile_lazily(
    r"\[([^\[\]\n]{0,300})\]\("
    r"((?:[^()\s]++|\([^()\s]{0,200}\))++)"
    r"""(?:[ \t]{1,5}(?:"[^"\n]{0,300}"|'[^'\n]{0,300}'))?\)"""
)
_TARGET_LIMIT = 2000
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
        code, name, severity = self.code, self.name, self.severity
        for field, text in article.text_fields(self.fields):
            if "](" not in text:
                continue
            promos = promo_ranges(field, text)
            for start, end, image, label, target in links(text):
                if _TARGET.match(target) is None:
                    continue
                if promos and any(low <= start < high for low, high in promos):
                    continue
                # Built inline: a corpus of converted pages has a link every few lines.
                whole = " ".join(text[start:end].split())
                if len(whole) > 60:
                    whole = whole[:57] + "..."
                visible = label.strip()
                if not image and visible and _DEAD.match(target) is None:
                    fix = Fix(_KEEP_TEXT, Applicability.SAFE, (Edit(field, start, end, label),))
                    message = f"Markdown link '{whole}'"
                    yield Diagnostic(code, name, message, severity, field, start, end, fix)
                    continue
                start, end, content = removal(text, start, end)
                applicability = Applicability.UNSAFE if visible else Applicability.SAFE
                if image:
                    what, message = "image", f"Markdown image '{whole}'"
                elif visible:
                    what, message = "dead link", f"Markdown link to nowhere '{whole}'"
                else:
                    what, message = "empty link", f"empty Markdown link '{whole}'"
                edit = Edit(field, start, end, content)
                fix = Fix(f"remove the {what}", applicability, (edit,))
                yield Diagnostic(code, name, message, severity, field, start, end, fix)


_KEEP_TEXT = "keep the link's text, drop its address"


def links(text: str) -> Iterator[tuple[int, int, bool, str, str]]:
    """``(start, end, image, label, target)`` of each ``_LINK.finditer(text)`` match, faster.

    ``_LINK`` tries its start at every character; this searches for the "[" (a literal
    prefix the regex engine skips to) with ``_LINK_FROM_BRACKET``, whose match from a "["
    is ``_LINK``'s from there whenever the target has at most 2,000 characters.  "!" before
    the "[" starts the match one character earlier, as ``_LINK``'s ``!?`` would (it cannot
    belong to the previous match, which ends with ")").
    """
    position = 0
    search = _LINK_FROM_BRACKET.search
    while (match := search(text, position)) is not None:
        label, target = match.groups()
        if len(target) > _TARGET_LIMIT:
            # Rare (a data: address): from here on the bounded pattern itself decides.
            for slow in _LINK.finditer(text, position):
                image, label, target = slow.groups()
                yield slow.start(), slow.end(), bool(image), label, target
            return
        start, end = match.span()
        image = start > 0 and text[start - 1] == "!"
        yield start - image, end, image, label, target
        position = end
