"""NL014: a body too short to be an article (off by default; thresholds are options)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from newslint.diagnostics import Diagnostic
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule

# Scripts written without spaces between words: count characters, not words.
_UNSPACED = compile_lazily(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]"
)


_HEAD_WORDS = 64


class ShortBody(Rule):
    code = "NL014"
    name = "short-body"
    summary = "The body is too short to be an article (off by default)."
    explanation = """\
A body of a sentence or two is usually a failed extraction: a teaser, a
caption, a cookie notice, an error page.  It is flagged when it has fewer than
`min_characters` characters (whitespace collapsed) or, in a script written
with spaces, fewer than `min_words` words.

Off by default (select it with `--select NL014`): many legitimate corpora hold
briefs, live-blog entries and wire flashes, and the threshold is a corpus's
choice, not a sign of damage in the text.  For the same reason it belongs with
the record-level checks (NL0xx, like NL005 empty-body) rather than with the
text-artefact rules.  An empty body is NL005's business.  Report only."""
    bad = "Click here to read the full story."
    good = "(a body of a few paragraphs)"
    fields = ("body",)
    enabled_by_default = False
    options: ClassVar[dict[str, str]] = {
        "min-characters": "shorter bodies are flagged (whitespace collapsed)",
        "min-words": "bodies with fewer words are flagged (scripts written with spaces)",
    }
    min_characters: int = 200
    min_words: int = 30

    def check(self, article: Article) -> Iterator[Diagnostic]:
        body = article.body
        if not body or not body.strip():
            return
        # Fast path: split only the body's start; its first words (and a piece of the
        # rest, if any) already show most bodies to be long enough.
        split_at = max(self.min_words, _HEAD_WORDS)
        head = body.split(maxsplit=split_at)
        if len(head) > split_at:
            words_at_least = split_at + 1
            length_at_least = sum(map(len, head[:-1])) + split_at + 1
        else:
            words_at_least = len(head)
            length_at_least = sum(map(len, head)) + len(head) - 1
        if length_at_least >= self.min_characters and words_at_least >= self.min_words:
            return
        split = body.split()
        text = " ".join(split)
        words = len(split)
        unspaced = len(_UNSPACED.findall(text)) * 2 > len(text)
        if len(text) >= self.min_characters and (unspaced or words >= self.min_words):
            return
        start = len(body) - len(body.lstrip())
        size = f"{len(text)} characters" if unspaced else f"{words} words, {len(text)} characters"
        yield self.diagnostic(
            "body", start, len(body.rstrip()), f"the body is too short to be an article ({size})"
        )
