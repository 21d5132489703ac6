"""More rules' fast paths only skip work: the same findings as the code before them.

Each rule here got a cheap pre-test in front of its Python loop.  A pre-test that
turned away an input the loop would flag would silently lose a finding, so each rule
is compared with a verbatim copy of its code from before the fast path (kept here as
the reference), on generated inputs built to sit on the pre-test's edges, on the
suite's example and data articles, and on the shared corpora when they are present.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix, ListAppend
from newslint.model import Article, iter_paragraphs
from newslint.prefilter import prefilter_for
from newslint.rule import Rule
from newslint.rules._boilerplate_phrases import PROMO_LABELS
from newslint.rules._promo import promo_headline
from newslint.rules.nl401_related_promo import RelatedPromo
from tests.rulekit import article, corpus_articles, data_articles, example_articles


def _found(diagnostics: Iterable[Diagnostic]) -> list[tuple[object, ...]]:
    return [(d.field, d.start, d.end, d.message, d.fix) for d in diagnostics]


def _triggered(rule: Rule, items: Iterable[Article]) -> list[Article]:
    """The items the engine would run ``rule`` on (its triggers occur)."""
    prefilter = prefilter_for([rule])
    return [item for item in items if prefilter.candidates(item)]


def _suite_articles(rule: Rule) -> list[Article]:
    return _triggered(rule, [*example_articles(), *data_articles()])


def _corpus_articles(rule: Rule) -> list[Article]:
    """The shared corpora's articles that ``rule`` is triggered on; skips when absent."""
    items = corpus_articles()
    if not items:
        pytest.skip("../shared/corpora is absent")
    return _triggered(rule, items)


def _assert_same(rule: Rule, reference: Rule, items: Iterable[Article]) -> int:
    """``rule.check`` and ``reference.check`` agree on every item; returns the findings."""
    total = 0
    for item in items:
        found = _found(rule.check(item))
        assert found == _found(reference.check(item)), (rule.code, item.path, item.record)
        total += len(found)
    return total


# NL401 related-article-promo -------------------------------------------------------------


class _RelatedPromoBefore(RelatedPromo):
    """NL401's check before the ``_PROMO_START`` fast path (verbatim)."""

    def check(self, article: Article) -> Iterator[Diagnostic]:
        body = article.body
        if not body:
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


_LABELS = sorted({label for labels in PROMO_LABELS.values() for label in labels})
# Characters that match a label's letters under IGNORECASE without being them.
_CASE_TWINS = {"s": "ſS", "i": "İıI", "k": "K", "a": "Aª", "e": "Eé", "с": "С", "ч": "Ч"}
_SPACES = [" ", " ", "\t", "\u00a0", "\u202f", "  ", "", "\n"]
_SEPARATORS = [":", " :", "\u00a0:", "|", " »", ">", " – ", " — ", " - ", "-", " -", "", "."]
_HEADLINES = [
    " Ferry operator posts record summer",
    " the council met.",
    " <u>Ten Bridges Worth a Detour</u>",
    " [Markets rally](https://example.org/m)",
    "Council votes...",
    "",
    " " + "Word " * 40,
]
_PARAGRAPH_BREAKS = ["\n\n", "\n\n", "\n", "\r\n\r\n", "\n \n", "\n\n\n"]
_PROSE = ["The council approved the budget.", "A short one", "Also: more", "Related matters rose."]


@st.composite
def _label(draw: st.DrawFn) -> str:
    """A label as scraped: any case, its own or a case twin's letters, any spaces."""
    words = draw(st.sampled_from(_LABELS)).split()
    spelt = []
    for word in words:
        letters = []
        for char in word:
            kind = draw(st.integers(0, 3))
            if kind == 1:
                char = char.upper()
            elif kind == 2 and char.lower() in _CASE_TWINS:
                char = draw(st.sampled_from(_CASE_TWINS[char.lower()]))
            letters.append(char)
        spelt.append("".join(letters))
    joined = spelt[0]
    for word in spelt[1:]:
        joined += draw(st.sampled_from(_SPACES[:-2])) + word
    return joined


@st.composite
def _promo_body(draw: st.DrawFn) -> str:
    paragraphs = []
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            paragraphs.append(
                draw(st.sampled_from(_SPACES))
                + draw(_label())
                + draw(st.sampled_from(_SEPARATORS))
                + draw(st.sampled_from(_HEADLINES))
            )
        else:
            paragraphs.append(draw(st.sampled_from(_PROSE)))
    body = paragraphs[0]
    for paragraph in paragraphs[1:]:
        body += draw(st.sampled_from(_PARAGRAPH_BREAKS)) + paragraph
    return body


@settings(max_examples=600, deadline=None)
@given(body=_promo_body(), related=st.sampled_from([None, [], ["An earlier one"], "text"]))
@example(body="Related: Ten Bridges Worth a Detour\n\nThe text.", related=None)
@example(body="ſee also: Ten Bridges\n\nThe text.", related=[])
@example(body="\u202fRead\u202fmore\u202f: Ten Bridges", related=None)
def test_nl401_fast_path_loses_nothing_generated(body: str, related: object) -> None:
    fields: dict[str, object] = {"body": body}
    if related is not None:
        fields["related"] = related
    item = article(**fields)
    assert _assert_same(RelatedPromo(), _RelatedPromoBefore(), [item]) >= 0


def test_nl401_generated_bodies_hold_promos() -> None:
    """The generator makes promos the rule flags (so the test above can fail)."""
    bodies = [
        "Related: Ten Bridges Worth a Detour\n\nThe text.",
        "ſee ALSO : Ten Bridges\n\nThe text.",
        "\u202fRead\u202fmore\u202f: Ten Bridges",
        "Читайте  также — Мэр открыл мост\n\nТекст.",
    ]
    for body in bodies:
        assert len(list(RelatedPromo().check(article(body=body)))) == 1, body


def test_nl401_fast_path_on_suite_articles() -> None:
    rule = RelatedPromo()
    assert _assert_same(rule, _RelatedPromoBefore(), _suite_articles(rule)) > 0


def test_nl401_fast_path_on_corpora() -> None:
    rule = RelatedPromo()
    assert _assert_same(rule, _RelatedPromoBefore(), _corpus_articles(rule)) >= 0
