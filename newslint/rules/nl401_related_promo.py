"""NL401: a related-article promo ("Related article: <u>Headline</u>") inside the body."""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix, ListAppend
from newslint.lazy_re import compile_lazily
from newslint.model import Article, iter_paragraphs, paragraph_spans
from newslint.rule import Rule, Triggers
from newslint.rules._boilerplate_phrases import PROMO_LABELS
from newslint.rules._promo import promo_headline

_LABELS = sorted({label.lower() for labels in PROMO_LABELS.values() for label in labels})
_FIRST_LETTERS = "".join(sorted({re.escape(label[0]) for label in _LABELS}))
_ANY_LABEL = "|".join("\\s+".join(map(re.escape, label.split())) for label in _LABELS)
# Fast path: a promo paragraph starts with ``_promo._LABEL``: spaces, a label, then a
# separator.  This is that pattern made looser (``\s`` for its spaces, which takes in
# U+202F, and no test after a dash), so a paragraph it does not match is no promo; one
# regex call per paragraph, mapped in C, settles most bodies (about one in eight has a
# paragraph it matches).  The lookahead turns away at once the paragraphs that do not
# start with a label's first letter: without it, each of the ~40 labels is tried in turn.
# (``a|b`` and ``[ab]`` match the same characters under IGNORECASE: the parser makes the
# one the other.)  tests/test_rule_fast_paths_more.py compares with the rule without it.
_PROMO_START = compile_lazily(
    rf"\s*(?=[{_FIRST_LETTERS}])(?:{_ANY_LABEL})(?:\s*[:|»>]|\s+[–—-])", re.IGNORECASE
)
_TEXT = operator.itemgetter(2)


class RelatedPromo(Rule):
    code = "NL401"
    name = "related-article-promo"
    summary = "A related-article promo (`Related article: ...`, `Читайте также: ...`) in the body."
    explanation = """\
News pages put links to other stories between paragraphs.  Scrapers keep them
as a paragraph of their own, often with the link's underline or anchor markup
(`Related article: <u>Headline</u>`), which breaks the article's flow and puts
another story's headline into this one's text.

The fix deletes the promo paragraph and records its headline in the article's
`related` list.  It is unsafe because it deletes a paragraph from the body:
review it, or run `--fix --unsafe-fixes`.  Only a short single-line paragraph
that starts with a promo label followed by a separator (`:`, `|`, `»`, `>` or
a spaced dash) and a headline is flagged; a sentence that merely mentions
related matters (`Related-party transactions rose`, `Lire aussi les
conclusions...`) is not.  Labels come in several languages (`READ MORE:`,
`Читайте также:`, `Lesen Sie auch:`, `Lire aussi :` with its non-breaking
space, `Leia também:`, `Lee también:`, `Leggi anche:`), listed per language in
`newslint/rules/_boilerplate_phrases.py`."""
    bad = "Related article: <u>U.S. Says North Korean Troops Ready for Ukraine Combat</u>"
    good = "(the paragraph is removed; its headline is listed under `related`)"
    fields = ("body",)
    triggers = Triggers(chars=":|»>–—-")
    fix_applicabilities = frozenset({Applicability.UNSAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        body = article.body
        if not body:
            return
        # (The paragraphs are cached: the rules after this one split the same body.)
        if not any(map(_PROMO_START.match, map(_TEXT, paragraph_spans(body)))):
            return
        paragraphs = list(iter_paragraphs(body))
        for index, (start, end, paragraph) in enumerate(paragraphs):
            headline = promo_headline(paragraph)
            if headline is None:
                continue
            message = f"related-article promo in the body: '{headline}'"
            related = article.values.get("related", [])
            if len(paragraphs) == 1 or not isinstance(related, list):
                # The promo is all there is (removing it would leave an empty body), or
                # `related` is not a list its headline could join (NL002 reports that).
                yield self.diagnostic("body", start, end, message)
                continue
            if index + 1 < len(paragraphs):
                cut_start, cut_end = start, paragraphs[index + 1][0]
            else:
                cut_start, cut_end = paragraphs[index - 1][1], end
            fix = Fix(
                f"remove the promo and add '{headline}' to related",
                Applicability.UNSAFE,
                (Edit("body", cut_start, cut_end, ""),),
                (ListAppend("related", headline),),
            )
            yield self.diagnostic("body", cut_start, cut_end, message, fix)
