"""NL101 markdown-emphasis: what it must flag, what it must not, and its fixes."""

from __future__ import annotations

import re

import pytest

from newslint.diagnostics import Applicability, Edit
from tests.rulekit import (
    NL101,
    apply_field_edits,
    lint,
    spans,
)


def test_nl101_flags_bold_credit_in_caption_and_fix_removes_markers() -> None:
    caption = "Foreign ministers meet in Moscow. **Valery Sharifulin / TASS**"
    [found] = lint(NL101, caption=caption, body="Body.")
    assert (found.code, found.field, found.start, found.end) == ("NL101", "caption", 34, 62)
    assert caption[found.start : found.end] == "**Valery Sharifulin / TASS**"
    assert found.fix is not None and found.fix.applicability is Applicability.SAFE
    assert found.fix.edits == (Edit("caption", 34, 36, ""), Edit("caption", 60, 62, ""))
    assert apply_field_edits(caption, found.fix.edits) == (
        "Foreign ministers meet in Moscow. Valery Sharifulin / TASS"
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The **minister** said **no**.", [(4, 16), (22, 28)]),
        ("__Breaking news__: the vote is off.", [(0, 17)]),
        ("**Кремль**: переговоры продолжаются.", [(0, 10)]),
        ("(**AP Photo**)", [(1, 13)]),
    ],
)
def test_nl101_flags_bold_markers(body: str, expected: list[tuple[int, int]]) -> None:
    found = lint(NL101, body=body)
    assert [(d.field, d.start, d.end) for d in found] == [("body", s, e) for s, e in expected]
    for diagnostic in found:
        assert diagnostic.fix is not None and diagnostic.fix.applicability is Applicability.SAFE
        marker = body[diagnostic.start : diagnostic.start + 2]
        assert marker in ("**", "__") and body[diagnostic.end - 2 : diagnostic.end] == marker


def test_nl101_checks_title() -> None:
    assert spans(lint(NL101, title="**Breaking:** talks collapse", body="Body.")) == [
        ("NL101", "title", 0, 13)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "***",
        "* * *",
        "What the f*** was that?",
        "2 * 3 = 6 and a ** b is a power.",
        "x**2 + y**2 = r**2",
        "def f(*args, **kwargs): return g(**kwargs)",
        "Call __init__ from __main__ in snake_case_module.",
        "C macros __FILE__ and __LINE__ expand at compile time.",
        "* p<0.05, ** p<0.01, *** p<0.001",
        "* first item\n* second item",
        "He said f**k and s**t on air.",
    ],
)
def test_nl101_ignores_non_emphasis(text: str) -> None:
    assert lint(NL101, title=text, caption=text, body=text) == []


@pytest.mark.parametrize("name", ["__myVar__", "__getItem__", "__init__", "__FILE__"])
def test_nl101_skips_dunder_identifiers(name: str) -> None:
    assert lint(NL101, body=f"The {name} hook runs first.") == []


def test_nl101_still_flags_underscore_bold_phrases() -> None:
    assert [d.code for d in lint(NL101, body="It was __Breaking news__ today.")] == ["NL101"]


# Nothing inside a URL is emphasis: an ad server's parameters (`;_YL_;`), a path's
# `_draft_` or `*` wildcards are part of the address, and editing them breaks the link.
@pytest.mark.parametrize(
    "text",
    [
        "Ad: http://ad.doubleclick.net/adj/news.site/home;tile=2;_YL_;ord=123456? Then text.",
        "<iframe src=http://ad.example.net/adi/n;tile=2;_YL_;ord=1? width=1></iframe> _more_",
        "ad.doubleclick.net/adj/news.site/home;tile=2;_YL_;ord=123456? and _one_ more",
        "See www.example.com/a_b/_draft_/c and _this_ too.",
        "See https://example.org/*wild*/path?q=*x* and *this* too.",
        "Both https://example.org/__init__;__x__ and __bold__ here.",
    ],
)
def test_nl101_never_edits_inside_a_url(text: str) -> None:
    for diagnostic in lint(NL101, body=text):
        assert diagnostic.fix is not None
        for edit in diagnostic.fix.edits:
            removed = text[edit.start : edit.end]
            assert removed.strip("*_") == "", removed
            [token] = [
                t.group() for t in re.finditer(r"\S+", text) if t.start() <= edit.start < t.end()
            ]
            assert "://" not in token and "www." not in token and "/" not in token


def test_nl101_fixes_emphasis_around_a_url_but_not_inside_it() -> None:
    text = "Read **https://example.org/a_b_c** and _see_ _it_."
    found = lint(NL101, body=text)
    fixed = apply_field_edits(text, tuple(e for d in found if d.fix for e in d.fix.edits))
    assert fixed == "Read https://example.org/a_b_c and see it."
