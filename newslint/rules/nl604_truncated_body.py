"""NL604: a body that stops mid-sentence, or ends with a teaser (`Read more`, `Continue reading`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.diagnostics import Diagnostic
from newslint.lazy_re import compile_lazily
from newslint.model import Article, paragraph_spans
from newslint.rule import Rule
from newslint.rules._structure import (
    DANGLING_BEFORE_ELLIPSIS,
    DANGLING_WORDS,
    shown,
)

_MIN_WORDS = 6
_TAIL = 200
# Teaser endings after a sentence end or at the start of the line, matched against
# the last line's last 200 characters ("...Read more", "— More…", "Continue reading →").
_TEASER = compile_lazily(
    r"(?:^|(?<=[.…!?:;\"”’)\]—–-]))[ \t]*"
    r"(?:(?:read[ \t]+more|continue[ \t]+reading|keep[ \t]+reading"
    r"|read[ \t]+the[ \t]+(?:full|rest|whole)(?:[ \t]+of[ \t]+(?:the|this))?"
    r"(?:[ \t]+(?:article|story|post))?"
    r"|subscribe[ \t]+(?:now[ \t]+)?to[ \t]+(?:continue|keep|read)(?:[ \t]+reading)?)"
    r"[ \t]*(?:\.{3}|…|»|›|→|>{1,2}|\.)?"
    # A bare "More" only as a link: "— More…", "More »" (not "he wanted more—more.").
    r"|more[ \t]*(?:\.{3}|…|»|›|→|>{1,2}))[ \t]*$",
    re.IGNORECASE,
)
_BRACKETED_ELLIPSIS = compile_lazily(r"[\[(](?:\.{3}|…)[\])]$")
_ELLIPSIS = compile_lazily(r"(?:\.{3}|…)$")
_LAST_WORD = compile_lazily(r"(?:^|(?<=\s))([^\W\d_]+)$")
"""The last token when it is a plain word (not the tail of a URL, a handle or a hyphenated slug)."""
_LETTERS_AT_START = compile_lazily(r"[^\W\d_]+")
# Fast path: every teaser holds one of these words (matched as _TEASER matches them).
_TEASER_WORD = compile_lazily(r"read|more|subscribe", re.IGNORECASE)


def truncation(last: str) -> str | None:
    """Why the body's last paragraph looks cut off, or None."""
    # The last line, without copying the lines before it (``rsplit`` would).
    stripped = last.rstrip()
    line = stripped[stripped.rfind("\n") + 1 :].strip()
    if not line:
        return None
    tail = line[-_TAIL:]
    teaser = _TEASER.search(tail) if _TEASER_WORD.search(tail) else None
    if teaser:
        return f"ends with a teaser: '{shown(teaser.group(0).strip(), 30)}'"
    # The patterns below end at the line's end: searched only over its last characters.
    if _BRACKETED_ELLIPSIS.search(line, max(0, len(line) - 5)):
        return "ends with an omission mark"
    ellipsis = _ELLIPSIS.search(line, max(0, len(line) - 3))
    if ellipsis:
        word = _last_word(line[: ellipsis.start()])
        if word in DANGLING_BEFORE_ELLIPSIS and len(line.split()) >= _MIN_WORDS:
            return f"stops after '{word}…'"
        return None
    word = _last_word(line)
    if word in DANGLING_WORDS and len(line.split()) >= _MIN_WORDS:
        return f"stops mid-sentence after '{word}'"
    return None


def _last_word(text: str) -> str | None:
    """``_LAST_WORD.search(text).group(1)``, read from the end (no scan of the whole line).

    The word is the run of letters that ends the text, when whitespace or the text's
    start comes before it.
    """
    run = _LETTERS_AT_START.match(text[::-1])
    if run is None:
        return None
    start = len(text) - run.end()
    if start > 0 and not text[start - 1].isspace():
        return None
    return text[start:]


class TruncatedBody(Rule):
    code = "NL604"
    name = "truncated-body"
    summary = "The body stops mid-sentence or ends with a teaser (`Read more`, `Continue reading`)."
    explanation = """\
Paywalls, feeds and teaser pages give only the start of a story; the scraped
body then stops mid-sentence or ends with a link to the rest (`...Read more`,
`Continue reading`, `Subscribe to continue reading`, `[…]`).

Only clear cases are reported: a teaser phrase at the very end, a bracketed
omission mark, or a last line of at least six words that ends, without
punctuation, on a word no sentence ends with (`the`, `and`, `their`, `whose`,
...), or on `the…`.  Bodies legitimately end with a quote, a parenthesis, a
question, a sign-off (`— AP`), a credit, a URL or a hashtag, and a trailing
ellipsis after an ordinary word is often the author's own (`and then…`): none
of these is flagged.  Report only: the missing text cannot be recovered."""
    bad = "The minister said the talks would resume once the two sides had agreed on the"
    good = "The minister said the talks would resume once the two sides had agreed on the agenda."
    fields = ("body",)

    def check(self, article: Article) -> Iterator[Diagnostic]:
        body = article.body
        if not body or not body.strip():
            return
        items = paragraph_spans(body)  # (the cached tuple: only the last one is read)
        if not items:
            return
        start, _, last = items[-1]
        reason = truncation(last)
        if reason is None:
            return
        line_start = start + (last.rstrip().rfind("\n") + 1)
        stripped = last.rstrip()
        yield self.diagnostic(
            "body",
            line_start,
            start + len(stripped),
            f"the body looks truncated: it {reason}",
        )
