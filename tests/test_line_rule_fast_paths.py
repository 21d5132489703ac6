"""The line rules' fast paths (NL401-NL407) against the straightforward code they replace.

Each fast path is a cheaper way to compute what a plain version computes (or, for a
hint, to accept at least what it accepted).  The plain versions are kept here, as the
reference, and both run on generated inputs, on the test suite's example articles and
on the shared corpora when they are present.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.registry import all_rules
from newslint.rules._boilerplate import (
    _HINTED,
    LineRule,
    _folded,
    _spans,
    _union,
    alternation,
    start_hint,
)
from tests.rulekit import corpus_articles, example_articles

LINE_RULES: tuple[LineRule, ...] = tuple(r for r in all_rules() if isinstance(r, LineRule))


def _bodies() -> list[str]:
    """The example articles' bodies and the shared corpora's (when present)."""
    items = example_articles() + corpus_articles()
    return list(dict.fromkeys(item.body for item in items if item.body))


# --- start_hint: one class for the line's leading marks -------------------------------------


def _reference_start_hint(words: Iterable[str], lead: str = "") -> str:
    """``start_hint`` as it was: whitespace, an optional heading mark, then ``lead``."""
    words = tuple(words)
    if "" in words:
        return ""
    skip = rf"[\s{lead}]*" if lead else r"\s*"
    return rf"\s*(?:#{{1,6}}[ \t]+)?{skip}{alternation(words)}"


def _start_hints() -> Iterator[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    """(name, reference, new) start hints of every hinted rule and of their union."""
    for cls in _HINTED:
        if cls.first_words:
            words, lead = cls.first_words, re.escape(cls.lead)
            yield (
                cls.__name__,
                re.compile(_reference_start_hint(words, lead)),
                re.compile(start_hint(words, lead)),
            )
    words = frozenset().union(*(cls.first_words for cls in _HINTED))
    lead = re.escape("".join(sorted({char for cls in _HINTED for char in cls.lead})))
    yield (
        "union",
        re.compile(_reference_start_hint(words, lead)),
        re.compile(start_hint(words, lead)),
    )


_LEAD_PARTS = ["", " ", "\t", "#", "## ", "###\t", "#######  ", *"([-—.*\u00a0"]
_FIRST_WORDS = sorted(frozenset().union(*(cls.first_words for cls in _HINTED)))
_TAILS = ["", " ", "x", " us on x", ":", "s", "\n", "ß"]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_LEAD_PARTS), max_size=4),
    st.sampled_from(_FIRST_WORDS),
    st.sampled_from(_TAILS),
    st.integers(0, 3),
)
def test_start_hint_accepts_what_the_reference_accepts(
    lead: list[str], word: str, tail: str, cut: int
) -> None:
    line = "".join(lead) + word[: len(word) - cut] + tail
    for name, reference, new in _start_hints():
        if reference.match(line):
            assert new.match(line), (name, line)


def test_start_hint_accepts_what_the_reference_accepts_on_the_corpora() -> None:
    accepted = 0
    hints = list(_start_hints())
    for body in _bodies():
        folded = _folded(body)
        if folded is None:
            continue
        text = folded[0]
        for start, end in _spans(body):
            for name, reference, new in hints:
                if reference.match(text, start, end):
                    accepted += 1
                    assert new.match(text, start, end), (name, text[start:end])
    assert accepted > 0


def test_the_union_head_is_built_from_start_hint() -> None:
    head, _, _ = _union()
    assert head is not None
    for name, _, new in _start_hints():
        if name == "union":
            assert new.pattern in head.pattern
