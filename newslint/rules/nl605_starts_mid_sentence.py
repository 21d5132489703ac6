"""NL605: a body that starts in the middle of a sentence."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Diagnostic
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule
from newslint.rules._structure import paragraphs, shown

_FIRST_WORD = compile_lazily(r"[^\W\d_]+")
_MIN_WORDS = 5
_MIN_PROSE_WORDS = 6
_SENTENCE_END = compile_lazily(r"[.!?。…]")
# Lower-case words that legitimately start a sentence: name particles
# (`de Blasio`, `van Gogh`, `al-Assad`), lower-case brands and authors, the
# byline word `by` (NL603's business).
_LOWER_STARTS = frozenset(
    [
        "de",
        "da",
        "di",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "du",
        "la",
        "le",
        "al",
        "el",
        "bin",
        "ibn",
        "ben",
        "dos",
        "das",
        "ter",
        "zu",
        "adidas",
        "bell",
        "danah",
        "ebay",
        "by",
    ]
)


def mid_sentence_start(first: str) -> str | None:
    """The first word if ``first`` (the first paragraph) starts mid-sentence, else None."""
    text = first.lstrip()
    if not text or not text[0].isalpha() or not text[0].islower():
        return None
    words = text.split()
    if len(words) < _MIN_WORDS:
        return None
    head = words[0]
    # `iPhone`, `eBay`, `e-mail`, `will.i.am`, `snake_case`, `x**2`: not a plain lower-case word.
    if not head.rstrip(",;").isalpha() or not head.rstrip(",;").islower():
        return None
    if head.rstrip(",;") in _LOWER_STARTS or (len(head) == 1 and head not in "aи"):
        return None
    # Prose, not code, a menu or `key: value` debris: the first words are plain words.
    prose = sum(1 for word in words[:6] if _plain(word))
    if prose < min(_MIN_PROSE_WORDS, len(words)) or not _SENTENCE_END.search(text[:400]):
        return None
    return head


def _plain(word: str) -> bool:
    return word.rstrip(",.;!?\"'”’)").lstrip("\"'“‘(").replace("-", "").isalpha()


class StartsMidSentence(Rule):
    code = "NL605"
    name = "starts-mid-sentence"
    summary = "The body starts in the middle of a sentence (`and the minister said ...`)."
    explanation = """\
An extractor that misses the first block of an article, or a page split across
several fetches, gives a body that starts with the end of a sentence or with a
fragment of a word: a lower-case start in a language that writes capitals.

Flagged only when the first paragraph is prose (at least five words, the first
six plain words, a sentence end early on) whose first word is a plain
lower-case word.  Never flagged: a
start with a digit, a quote, a bracket or a symbol, a brand or name written in
mixed case (`iPhone`, `eBay`), a name particle (`de Blasio`, `van Gogh`,
`al-Assad`), a byline (`by Jane Doe`), code (`x**2`, `snake_case`), and text in
scripts without capitals.  Report only: the lost beginning cannot be restored."""
    bad = "and the minister said the talks would resume on Monday."
    good = "The minister said the talks would resume on Monday."
    fields = ("body",)

    def check(self, article: Article) -> Iterator[Diagnostic]:
        body = article.body
        if not body:
            return
        items = paragraphs(body)
        if not items:
            return
        start, _, first = items[0]
        head = mid_sentence_start(first)
        if head is None:
            return
        offset = start + len(first) - len(first.lstrip())
        yield self.diagnostic(
            "body",
            offset,
            offset + len(head),
            f"the body starts mid-sentence: '{shown(first, 40)}'",
        )
