"""NL301 mojibake: what it must flag, what it must not, and its fixes."""

from __future__ import annotations

import time

import pytest

from newslint.diagnostics import Applicability, Edit
from tests.rulekit import (
    NL301,
    apply_field_edits,
    lint,
    mojibake,
    spans,
)


def test_nl301_repairs_only_the_misdecoded_spans() -> None:
    body = "“Hello,” she said. Itâ€™s the cafÃ© — really."
    found = lint(NL301, body=body)
    assert spans(found) == [("NL301", "body", 21, 24), ("NL301", "body", 33, 35)]
    assert [d.fix.edits for d in found if d.fix] == [
        (Edit("body", 21, 24, "’"),),
        (Edit("body", 33, 35, "é"),),
    ]
    assert all(d.fix and d.fix.applicability is Applicability.SAFE for d in found)
    edits = tuple(edit for d in found if d.fix for edit in d.fix.edits)
    assert apply_field_edits(body, edits) == "“Hello,” she said. It’s the café — really."


@pytest.mark.parametrize("field", ["title", "caption", "body"])
def test_nl301_cyrillic_mojibake(field: str) -> None:
    clean = "Событие в Москве"
    damaged = mojibake(clean)
    [found] = lint(NL301, **{field: damaged, **({"body": "Body."} if field != "body" else {})})
    assert found.field == field
    assert found.fix is not None
    assert apply_field_edits(damaged, found.fix.edits) == clean


@pytest.mark.parametrize(
    "body",
    ["Ð Ð¾Ñ Ñ Ð¸Ñ", "Itâ€\ufffds gone", "A line.\nÐ Ð¾Ñ Ñ Ð¸Ñ"],
)
def test_nl301_leaves_unrepairable_mojibake_to_nl302(body: str) -> None:
    assert lint(NL301, body=body) == []


def test_nl301_repairs_a_clean_stretch_next_to_one_that_lost_bytes() -> None:
    body = "Itâ€™s fine. Ð Ð¾Ñ Ñ Ð¸Ñ"
    [found] = lint(NL301, body=body)
    assert (found.start, found.end) == (2, 5)
    assert found.fix is not None and found.fix.edits == (Edit("body", 2, 5, "’"),)


def test_nl301_leaves_lone_c1_controls_to_nl303() -> None:
    assert lint(NL301, body="Apple\x92s \x93best\x94 year") == []
    body = "The â€œquoteâ€\x9d here"
    found = lint(NL301, body=body)
    assert spans(found) == [("NL301", "body", 4, 7), ("NL301", "body", 12, 15)]
    edits = tuple(edit for d in found if d.fix for edit in d.fix.edits)
    assert apply_field_edits(body, edits) == "The “quote” here"


def test_nl301_long_repetitive_mojibake_is_fast() -> None:
    body = "Itâ€™s the cafÃ© — really. " * 500
    start = time.perf_counter()
    found = lint(NL301, body=body)
    assert time.perf_counter() - start < 5
    assert len(found) == 1000


@pytest.mark.parametrize(
    "text",
    [
        "São Paulo",
        "NÃO VAI À REUNIÃO",
        "Ångström",
        "naïve café",
        "Событие в Москве",
        "“quotes” — ‘dashes’",
    ],
)
def test_nl301_ignores_clean_non_ascii(text: str) -> None:
    assert lint(NL301, title=text, caption=text, body=text) == []


def test_nl301_still_finds_mojibake_at_the_start_of_a_very_long_line() -> None:
    body = "Itâ€™s " + "word " * 20000 + "end."
    [found] = lint(NL301, body=body)
    assert (found.start, found.end) == (2, 5)


def test_the_fast_mojibake_check_covers_every_character_ftfy_looks_for() -> None:
    """``_encoding``'s pre-check tries ftfy's BADNESS_RE only near characters of its class.

    That is exact only while the class holds every character BADNESS_RE can match on: a
    newer ftfy that adds one would otherwise make the fast path miss mojibake silently.
    """
    import re

    from ftfy import badness

    from newslint.rules import _encoding

    suspect = re.compile(f"[{_encoding._SUSPECT_CLASS}]")
    categories = re.compile("[" + "".join(badness.MOJIBAKE_CATEGORIES.values()) + "]")
    looked_for = {
        chr(code)
        for code in range(0x80, 0x10000)
        if not 0xD800 <= code < 0xE000 and categories.match(chr(code))
    }
    looked_for |= {char for char in badness.BADNESS_RE.pattern if ord(char) > 0x7F}
    assert len(looked_for) > 200
    assert sorted(hex(ord(c)) for c in looked_for if not suspect.match(c)) == []
