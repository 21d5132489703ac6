"""A rule's fix availability is what it declares, and what it declares is what its fixes carry.

Every rule runs over its examples, tests/data, seeds/, generated records
(benchmarks/corpus.py), the shared corpora when present, and a few targeted inputs
below: each fix it emits must have an applicability in its ``fix_applicabilities``, and
each applicability it declares must be seen at least once.  ``Rule.fixable`` (what the
docs, the README table, SARIF and ``--statistics`` show) is derived from the declaration.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator

import pytest

from newslint.context import RunContext
from newslint.diagnostics import Applicability, Diagnostic
from newslint.model import Article
from newslint.readers import parse_document, reader_for
from newslint.registry import all_rules
from newslint.rule import Rule, fixable_word
from newslint.run import Run
from tests.rulekit import (
    article,
    articles_of,
    corpus_articles,
    data_articles,
    every_rule_on,
    example_articles,
    synthetic_articles,
)

RULES = all_rules()
SAFE, UNSAFE = Applicability.SAFE, Applicability.UNSAFE

# What docs/rules.md and the README say of each rule today (the words must not change).
FIXABLE_IN_THE_DOCS = {
    **dict.fromkeys(["NL001", "NL002", "NL003", "NL004", "NL005", "NL006", "NL009"], "never"),
    **dict.fromkeys(["NL010", "NL011", "NL013", "NL014", "NL106", "NL202", "NL203"], "never"),
    **dict.fromkeys(["NL302", "NL309", "NL506", "NL604", "NL605", "NL607", "NL608"], "never"),
    **dict.fromkeys(["NL101", "NL102", "NL104", "NL301", "NL303", "NL304"], "safe"),
    **dict.fromkeys(["NL305", "NL307", "NL501", "NL502", "NL503", "NL504"], "safe"),
    **dict.fromkeys(["NL107", "NL308"], "safe"),
    **dict.fromkeys(["NL012", "NL310", "NL401", "NL402", "NL403", "NL404"], "unsafe"),
    **dict.fromkeys(["NL405", "NL406", "NL407", "NL408", "NL507", "NL602", "NL603"], "unsafe"),
    **dict.fromkeys(["NL109", "NL409", "NL410", "NL411", "NL412"], "unsafe"),
    **dict.fromkeys(["NL103", "NL105", "NL201", "NL306", "NL505", "NL601"], "sometimes"),
}


_PARAGRAPH = (
    "The council approved the budget after a four-hour debate on Tuesday night, "
    "by seven votes to two, and the mayor said the vote settled a long dispute."
)


def _targeted() -> tuple[Article, ...]:
    """Inputs for fixes that the rules' examples, tests/data and the generated records do
    not show (the shared corpora show most of them, but are not always there)."""
    return (
        # NL103: an image with alt text (removing it deletes words: unsafe).
        article(body="The port reopened. ![The harbour at dawn](/img/harbour.jpg) Ships came."),
        # NL601: a long paragraph repeated word for word, right after itself.
        article(body=f"More news.\n\n{_PARAGRAPH}\n\n{_PARAGRAPH}"),
        # NL601: a paragraph repeated four paragraphs later (an author may: unsafe).
        article(
            body=f"{_PARAGRAPH} {_PARAGRAPH}\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\n"
            f"{_PARAGRAPH} {_PARAGRAPH}"
        ),
        # NL105: an escaped underscore inside a web address (unescaping edits the address).
        article(body="Photo: https://example.org/uploads/harbour\\_night.jpg here"),
        # NL602: the title repeated as the first paragraph.
        article(title="Council approves budget", body="Council approves budget\n\n" + _PARAGRAPH),
        # NL201: a join nothing confirms (no id, extension or slash; not the record's url).
        article(body="See https://www.example.com/news/some-long-\nstory-about-the-port today."),
        # NL505: a compound broken at a line end (both parts are words elsewhere: unsafe).
        article(body="A top-\nselling book. The top book was selling well."),
        *articles_of("a.txt", "Title\n\nThe govern-\nment said the government would act.\n"),
        *_site_articles(),
    )


def _site_articles() -> tuple[Article, ...]:
    """NL408: a page of a site whose six pages share a menu, read with what a corpus pass
    over them learned."""
    records = [
        {
            "title": f"Story {n}",
            "url": f"https://example.com/{n}",
            "body": f"Home\nNews\nSport\nWeather\n\n{n}",
        }
        for n in ("One", "Two", "Three", "Four", "Five", "Six")
    ]
    learned = Run(extend_select=["NL408"]).learn_records(records)
    context = RunContext(statistics=learned)
    text = json.dumps(records[0])
    return tuple(parse_document("a.json", reader_for("a.json"), text, False, context).articles)


@functools.cache
def _seen(corpora: bool = True) -> dict[str, set[Applicability]]:
    seen: dict[str, set[Applicability]] = {rule.code: set() for rule in RULES}
    groups = (example_articles(), data_articles(), synthetic_articles(), _targeted())
    for articles in (*groups, corpus_articles()) if corpora else groups:
        for per_rule in every_rule_on(articles):
            for rule, diagnostics in zip(RULES, per_rule, strict=True):
                seen[rule.code].update(d.fix.applicability for d in diagnostics if d.fix)
    return seen


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_every_fix_has_a_declared_applicability(rule: Rule) -> None:
    assert _seen()[rule.code] <= rule.fix_applicabilities


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_every_declared_applicability_is_emitted_somewhere(rule: Rule) -> None:
    assert rule.fix_applicabilities <= _seen()[rule.code]
    # The targeted inputs make it so without the shared corpora too.
    assert rule.fix_applicabilities <= _seen(corpora=False)[rule.code]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_fixable_words_are_unchanged(rule: Rule) -> None:
    assert rule.fixable == FIXABLE_IN_THE_DOCS[rule.code]
    assert type(rule).fixable == rule.fixable  # read on the class too, as the docs may


def test_every_registered_rule_is_in_the_table() -> None:
    assert {rule.code for rule in RULES} == set(FIXABLE_IN_THE_DOCS)


@pytest.mark.parametrize(
    ("applicabilities", "word"),
    [
        (frozenset(), "never"),
        (frozenset({SAFE}), "safe"),
        (frozenset({UNSAFE}), "unsafe"),
        (frozenset({SAFE, UNSAFE}), "sometimes"),
    ],
)
def test_fixable_is_derived_from_the_declaration(
    applicabilities: frozenset[Applicability], word: str
) -> None:
    class Declared(Rule):
        code = "NL697"
        name = "declared"
        summary = explanation = bad = good = "test only"
        fields = ("body",)
        fix_applicabilities = applicabilities

        def check(self, article: Article) -> Iterator[Diagnostic]:
            yield from ()

    assert fixable_word(applicabilities) == word
    assert Declared.fixable == word and Declared().fixable == word


def test_fixable_is_read_only() -> None:
    rule = RULES[0]
    with pytest.raises(AttributeError, match="derived from fix_applicabilities"):
        rule.fixable = "safe"
    assert rule.fixable == "never"


def test_a_legacy_fixable_word_becomes_the_declaration() -> None:
    class Legacy(Rule):
        code = "NL696"
        name = "legacy"
        summary = explanation = bad = good = "test only"
        fields = ("body",)
        fixable = "sometimes"

    assert Legacy.fix_applicabilities == frozenset({SAFE, UNSAFE})
    assert Legacy().fixable == "sometimes" and "fixable" not in vars(Legacy)


def test_a_legacy_word_must_agree_with_a_declaration() -> None:
    with pytest.raises(TypeError, match="contradicts"):

        class Contradiction(Rule):
            fixable = "safe"
            fix_applicabilities = frozenset({UNSAFE})

    with pytest.raises(TypeError, match="is not one of"):

        class Misspelt(Rule):
            fixable = "always"
