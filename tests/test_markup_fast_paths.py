"""Markup, link and metadata rules' fast paths only save time: the same findings without them.

Each rule here was made faster (a regex that skips to its literal, diagnostics built
inline, a pre-test in front of a loop).  A fast path that disagreed with the plain
version would silently change the linter's output, so each is compared with the rule
as first written, copied here as a reference, on generated inputs built around the
patterns' edges, on the suite's example and data articles and on the shared corpora
when they are present.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.model import Article
from newslint.prefilter import prefilter_for
from newslint.rule import Rule
from newslint.rules import nl103_markdown_links
from newslint.rules._markup import inside, promo_ranges, removal, shorten
from newslint.rules.nl103_markdown_links import MarkdownLinks
from tests.rulekit import article, corpus_articles, data_articles, example_articles


def _found(diagnostics: Iterable[Diagnostic]) -> list[tuple[object, ...]]:
    return [
        (d.code, d.name, d.severity, d.field, d.start, d.end, d.message, d.fix) for d in diagnostics
    ]


def _real_articles(rule: Rule) -> list[Article]:
    """The suite's and the shared corpora's articles that ``rule`` is triggered on."""
    items = [*example_articles(), *data_articles(), *corpus_articles()]
    triggered = prefilter_for([rule])
    return [item for item in items if triggered.candidates(item)]


def _assert_same(
    rule: Rule, reference: Callable[[Rule, Article], Iterable[Diagnostic]], items: Iterable[Article]
) -> int:
    """``rule.check`` and ``reference`` agree on every item; returns the findings' count."""
    total = 0
    for item in items:
        found = _found(rule.check(item))
        assert found == _found(reference(rule, item)), (rule.code, item.path, item.record)
        total += len(found)
    return total


def _pieces(rng: random.Random, pieces: tuple[str, ...], count: int) -> str:
    return "".join(rng.choice(pieces) for _ in range(count))


# NL103 markdown-links ---------------------------------------------------------------------

_LINK_PIECES = (
    "[",
    "]",
    "](",
    "(",
    ")",
    "!",
    "![",
    " ",
    "\t",
    "\n",
    '"',
    "'",
    "a",
    "word",
    "https://example.org/x",
    "/path",
    "#",
    "www.",
    ".html",
    "x" * 190,
    "y" * 700,
    "(" + "z" * 199 + ")",
    "[label](https://example.org/a)",
    '[t](http://e.com/p "title")',
    "![alt](/img.png)",
)


def _reference_links(text: str) -> list[tuple[int, int, bool, str, str]]:
    found = []
    for match in nl103_markdown_links._LINK.finditer(text):
        image, label, target = match.groups()
        found.append((match.start(), match.end(), bool(image), label, target))
    return found


def _reference_nl103(rule: Rule, item: Article) -> Iterator[Diagnostic]:
    """NL103's check as first written: ``_LINK.finditer`` and one method per match."""
    m = nl103_markdown_links
    for field, text in item.text_fields(rule.fields):
        if "](" not in text:
            continue
        promos = promo_ranges(field, text)
        for match in m._LINK.finditer(text):
            image, label, target = match.groups()
            if not m._TARGET.match(target) or inside(promos, match.start()):
                continue
            visible = label.strip()
            if not image and visible and not m._DEAD.match(target):
                start, end = match.span()
                fix = Fix(
                    "keep the link's text, drop its address",
                    Applicability.SAFE,
                    (Edit(field, start, end, label),),
                )
                message = f"Markdown link '{shorten(match.group(), 60)}'"
                yield rule.diagnostic(field, start, end, message, fix)
                continue
            start, end, content = removal(text, *match.span())
            applicability = Applicability.UNSAFE if visible else Applicability.SAFE
            shown = shorten(match.group(), 60)
            if image:
                what, message = "image", f"Markdown image '{shown}'"
            elif visible:
                what, message = "dead link", f"Markdown link to nowhere '{shown}'"
            else:
                what, message = "empty link", f"empty Markdown link '{shown}'"
            fix = Fix(f"remove the {what}", applicability, (Edit(field, start, end, content),))
            yield rule.diagnostic(field, start, end, message, fix)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LINK_PIECES), max_size=40))
def test_nl103_links_match_the_bounded_pattern(parts: list[str]) -> None:
    text = "".join(parts)
    assert list(nl103_markdown_links.links(text)) == _reference_links(text)


def test_nl103_links_hand_long_targets_back_to_the_bounded_pattern() -> None:
    rng = random.Random(103)
    long_target = "[logo](data:image/png;base64," + "A" * 2500 + ")"
    exact = "[a](" + "b" * 2000 + ")"
    over = "[a](" + "b" * 1999 + "(c))"
    texts = [long_target, exact, over, "x" + long_target + " [b](/c) ![d](/e)"]
    for _ in range(300):
        texts.append(_pieces(rng, (*_LINK_PIECES, long_target, exact, over), rng.randint(1, 30)))
    slow = 0
    for text in texts:
        assert list(nl103_markdown_links.links(text)) == _reference_links(text), text[:200]
        slow += any(len(target) > 2000 for *_, target in _reference_links(text))
    assert slow  # the fallback was exercised


def test_nl103_matches_its_reference_on_generated_articles() -> None:
    rng = random.Random(1031)
    rule = MarkdownLinks()
    items = [
        article(body=_pieces(rng, _LINK_PIECES, rng.randint(1, 40)), title="[t](/x) a")
        for _ in range(300)
    ]
    assert _assert_same(rule, _reference_nl103, items) > 0


def test_nl103_matches_its_reference_on_real_articles() -> None:
    rule = MarkdownLinks()
    assert _assert_same(rule, _reference_nl103, _real_articles(rule)) > 0


def test_nl103_links_on_adversarial_runs() -> None:
    """Long runs of the pattern's own delimiters (the possessive target never backtracks)."""
    for text in (
        "[" + "a" * 250 + "](" + "(b" * 20000,
        "[a](" + "b" * 50000 + " ",
        "![" * 5000 + "](" * 5000,
        "[a](b" + "(c)" * 3000 + ")",
    ):
        assert list(nl103_markdown_links.links(text)) == _reference_links(text)
