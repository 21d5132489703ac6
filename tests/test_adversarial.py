"""Every rule stays fast on adversarial text: long runs of what its regexes repeat.

A regex that backtracks, a scan that restarts at each match or a comparison of every
line with every other turns a 100,000-character field into minutes of work.  Each
registered rule (including the ones off by default) must lint an article holding such
a run in its body (and a 2,500-character slice of it in the title and the caption) in
time that grows linearly with the input, must not crash on it and must report spans
inside the field.  Growth is measured as a ratio (the same input at a quarter of the
size, timed on the same machine at the same moment), never against a wall-clock limit:
CI machines are loaded, and a loaded machine slows both sizes alike.
"""

from __future__ import annotations

import gc
import sys
import time
from functools import cache

import pytest

from newslint.diagnostics import Diagnostic
from newslint.engine import lint_article
from newslint.model import Article
from newslint.registry import all_rules
from newslint.rule import Rule
from tests.rulekit import article

SIZE = 50_000
"""Characters in the body (the title and the caption get the first 2,500): enough for the
ratio of two sizes to stand above a loaded machine's noise."""
SLICE = 2_500
SMALL = SIZE // 4
"""The same input at a quarter of the size: linear work takes about 4x as long at SIZE,
quadratic work 16x."""
MAX_GROWTH = 10.0
"""The largest time ratio SIZE / SMALL accepted (linear: ~4, n log n: ~5, quadratic: 16)."""
NOT_WORTH_TIMING = 0.2
"""Seconds under which the big input is not timed again for its growth: too short to say."""
SLOW = 1.0
"""Seconds over which a rule's growth is measured from an eighth of the size to a half (the
same ratio, half the work): timing the whole input three times more took half a minute for
the slowest rule and input.  Not smaller: under a few thousand characters some rules take
shortcuts (NL308 is 20 times faster at 3,125 characters than at 6,250), which a ratio from
there would take for growth."""


def _run(unit: str, size: int = SIZE) -> str:
    """``unit`` repeated to exactly ``size`` characters."""
    return (unit * (size // len(unit) + 1))[:size]


# Characters and short patterns that the rules' regexes repeat (name -> unit).
UNITS: dict[str, str] = {
    "star": "*",
    "hyphen": "-",
    "underscore": "_",
    "lt": "<",
    "gt": ">",
    "amp": "&",
    "hash": "#",
    "bracket": "[",
    "paren": "(",
    "backslash": "\\",
    "slash": "/",
    "dot": ".",
    "pipe": "|",
    "space": " ",
    "tab": "\t",
    "newline": "\n",
    "crlf": "\r\n",
    "letter": "a",
    "capital": "A",
    "mojibake-A-tilde": "\u00c3",
    "mojibake-cp1251": "\u00d0 ",
    "inverted-question": "\u00bf",
    "soft-hyphen": "\u00ad",
    "zero-width-space": "\u200b",
    "nbsp": "\u00a0",
    "url": "http://a.b/",
    "bold-tag": "<b>",
    "amp-entity": "&amp;",
    "emphasis-open": "**a",
    "hyphen-break": "a-\n",
    "table-cell": "| ",
    "n": "n",
    "digit": "1",
    "abbreviation": "a.",
    "url-with-spaces": "http://x.com/a-b c-d ",
    "word": "word ",
    "sentence": "Word word. ",
    "paragraph": "Word word.\n\n",
    "blank-line": "a\n\n",
    "table-row": "| a | b |\n",
    "link": "[a](b) ",
    "mojibake-chain": "\u00c3\u0192\u00c2",
}


# Mixtures that defeat anchors: an opening that never closes, then a long tail.
def _mixtures(size: int) -> dict[str, str]:
    return {
        "lt-then-letters": "<" + "a" * size,
        "tag-attribute-unclosed": '<a href="' + "a" * size,
        "entity-digits": "&#" + "1" * size,
        "entity-hex": "&#x" + "f" * size,
        "entity-letters": "&" + "a" * size,
        "bracket-unclosed": "[" + "a b(" * (size // 4),
        "link-target-unclosed": "[a](" + "b" * size,
        "emphasis-unclosed": "**" + "a" * size,
        "underscore-unclosed": "__" + "a " * (size // 2),
        "url-no-space": "http://" + "a-" * (size // 2),
        "heading-line": "#" * 6 + " " + "a" * size,
        "hyphen-then-spaces": "a-" + " " * size + "\nb",
        "letters-then-newline": "a" * size + "-\nb",
        "spaces-then-letter": " " * size + "a",
        "letters-then-hyphen": "a" * size + "-",
        "letters-then-dot": "a" * size + ".",
        "capitals-then-colon": "A" * size + ":",
        "digits-then-letter": "1" * size + "a",
        "words-then-newline": "a " * (size // 2) + "\n",
    }


def _inputs(size: int) -> dict[str, str]:
    return {name: _run(unit, size) for name, unit in UNITS.items()} | _mixtures(size)


INPUTS: dict[str, str] = _inputs(SIZE)
RULES: tuple[Rule, ...] = all_rules()


@cache
def _scaled_inputs(divisor: int) -> dict[str, str]:
    return _inputs(SIZE // divisor)


@cache
def _article(name: str, small: bool = False, divisor: int = 4) -> Article:
    """The article of input ``name``; ``small``: at ``1 / divisor`` of the size."""
    text = _scaled_inputs(divisor)[name] if small else INPUTS[name]
    cut = SLICE // divisor if small else SLICE
    return article(body=text, title=text[:cut], caption=text[:cut])


@cache
def _warm(rule: Rule) -> None:
    """Run ``rule`` once on a small article, so lazy set-up is not timed."""
    lint_article(article(body="A word.\n\nAnother word.", caption="A caption"), [rule])


def _clear_rule_caches() -> None:
    """Empty the rules' memo caches: NL302 reuses what NL301 computed on the same text,
    and a cached second run would hide a slow first one."""
    for name, module in list(sys.modules.items()):
        if name.startswith("newslint.rules") and module is not None:
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def _timed(rule: Rule, subject: Article) -> tuple[float, list[Diagnostic]]:
    """The rule's own time: without the cyclic garbage collector, whose full collections walk
    the whole test session's heap (tens of thousands of reports made NL504 look quadratic)."""
    _clear_rule_caches()
    gc.disable()  # no gc.collect() first: over this session's heap it costs 50 ms a call
    try:
        start = time.perf_counter()
        found = lint_article(subject, [rule])
        return time.perf_counter() - start, found
    finally:
        gc.enable()


def test_inputs_are_adversarial() -> None:
    assert len(RULES) >= 50
    assert {r.code for r in RULES} >= {"NL014", "NL309", "NL505"}  # off-by-default rules too
    assert all(len(text) >= SIZE for text in INPUTS.values())


@pytest.mark.parametrize("name", list(INPUTS))
@pytest.mark.parametrize("rule", RULES, ids=lambda rule: f"{rule.code}-{rule.name}")
def test_rule_is_fast_on_adversarial_input(rule: Rule, name: str) -> None:
    _warm(rule)
    subject = _article(name)
    elapsed, found = _timed(rule, subject)
    if elapsed >= NOT_WORTH_TIMING:
        # Both sizes twice, interleaved, the fastest of each: what the machine's load adds
        # to one run it adds to the other.
        small, big, big_times = _article(name, small=True), subject, [elapsed]
        sizes = (SMALL, SIZE)
        if elapsed >= SLOW:  # an eighth against a half: the same ratio, less work
            small, big, big_times = (
                _article(name, small=True, divisor=8),
                _article(name, small=True, divisor=2),
                [],
            )
            sizes = (SIZE // 8, SIZE // 2)
        small_times = []
        for _ in range(2):
            small_times.append(_timed(rule, small)[0])
            big_times.append(_timed(rule, big)[0])
        growth = min(big_times) / max(min(small_times), 1e-6)
        assert growth < MAX_GROWTH, (
            f"{rule.code} is not linear on {name!r}: {min(big_times):.2f} s at {sizes[1]:,} "
            f"characters, {min(small_times):.3f} s at {sizes[0]:,} (x{growth:.1f}; {len(found)} reports)"
        )
    crashes = [d.message for d in found if d.message.startswith("internal error")]
    assert not crashes, crashes[0]
    for diagnostic in found:
        if diagnostic.field is None:
            continue
        value = subject.values.get(diagnostic.field)
        assert isinstance(value, str), diagnostic
        assert 0 <= diagnostic.start <= diagnostic.end <= len(value), diagnostic
