"""NL301 mojibake: what it must flag, what it must not, and its fixes."""

from __future__ import annotations

import functools
import itertools
import re
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


@functools.cache
def _every_character() -> str:
    return "".join(c for c in map(chr, range(0x110000)) if not 0xD800 <= ord(c) < 0xE000)


def _characters(pattern: str | re.Pattern[str]) -> frozenset[str]:
    """The characters a one-character pattern matches."""
    return frozenset(re.compile(pattern).findall(_every_character()))


def test_every_badness_match_has_a_witness_the_fast_check_searches_near() -> None:
    """``is_bad``'s claims, checked on ftfy's pattern itself, alternative by alternative.

    Each alternative is a sequence of single characters (a class, a literal, ``.``)
    with at most an optional ``\\s?`` or a ``^`` in between, matches at most
    _BADNESS_WIDTH characters, and holds a _SOLO character or two adjacent suspects of
    which one is of _RARE_CLASS (no Cyrillic or Greek letter pair alone can match).
    """
    from re import _compiler as compiler  # type: ignore[attr-defined]
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser as parser  # type: ignore[attr-defined]

    from ftfy import badness

    from newslint.rules import _encoding

    suspects = _characters(f"[{_encoding._SUSPECT_CLASS}]")
    letters = _characters(f"[{_encoding._LETTER_CLASS}]")
    rare = _characters(f"[{_encoding._RARE_CLASS}]")
    assert rare == suspects - letters
    assert letters <= suspects and rare
    assert _characters("[\\x80-\\x9f\\xc2\\xc3\\u0152\\u0153]") == _encoding._SOLO <= rare

    tree = parser.parse(badness.BADNESS_RE.pattern, badness.BADNESS_RE.flags)
    assert tree.getwidth()[1] <= _encoding._BADNESS_WIDTH
    [(op, (_, branches))] = tree.data
    assert op is sre.BRANCH and len(branches) > 30
    for branch in branches:
        sets: list[frozenset[str] | None] = []  # None: not one mandatory character
        for item in branch.data:
            kind = item[0]
            if kind in (sre.IN, sre.LITERAL, sre.NOT_LITERAL, sre.ANY):
                single = parser.SubPattern(branch.state, [item])
                sets.append(_characters(compiler.compile(single, badness.BADNESS_RE.flags)))
            else:
                assert kind in (sre.MAX_REPEAT, sre.AT), (kind, branch)
                sets.append(None)
        solo = any(s is not None and s <= _encoding._SOLO for s in sets)
        pair = any(
            a is not None and b is not None and a | b <= suspects and (a <= rare or b <= rare)
            for a, b in itertools.pairwise(sets)
        )
        assert solo or pair, branch


def test_the_fast_mojibake_check_is_ftfys() -> None:
    """``is_bad`` says what ftfy's ``is_bad`` says, on near-misses and real text."""
    import random

    from ftfy import badness

    from newslint.rules import _encoding
    from tests.rulekit import corpus_articles, data_articles, example_articles

    fields = ("title", "byline", "caption", "body", "url")
    texts = [
        text
        for item in (*example_articles(), *data_articles())
        for _, text in item.text_fields(fields)
    ]
    # The shared corpora line by line (ftfy's own check of 20 MB whole takes seconds;
    # an ASCII line never matches): some 8 MB of real non-ASCII lines.
    texts += [
        line
        for item in corpus_articles()
        for _, text in item.text_fields(fields)
        if not text.isascii()
        for line in text.splitlines()
        if not line.isascii()
    ]
    # Short strings of the characters ftfy looks at, mixed with ASCII and Cyrillic and
    # Greek letters: the pairs and triples the fast path reasons about.
    suspects = sorted(_characters(f"[{_encoding._SUSPECT_CLASS}]"))
    others = list("aZz .,?!1_\n\tбБВГзΒΓξ")
    generator = random.Random(301)
    for _ in range(60_000):
        size = generator.randint(1, 9)
        texts.append(
            "".join(
                generator.choice(suspects if generator.random() < 0.5 else others)
                for _ in range(size)
            )
        )
    for a in suspects:
        texts += [f"{before}{a}{after}" for before in ["", *others] for after in ["", *others]]
    mismatches = [t for t in texts if _encoding.is_bad(t) != badness.is_bad(t)]
    assert mismatches == []
    bad = [t for t in texts if _encoding.is_bad(t)]
    assert len(bad) > 1000  # the generated texts do hit
    # NL301's triggers (analyse repairs nothing in text that is not bad) hold for each.
    [clause] = NL301.triggers.clauses()
    [pair] = clause.patterns
    unseen = [t for t in bad if not (re.search(pair, t) or set(clause.chars) & set(t))]
    assert unseen == []


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        (
            "koji je korišteǌem sloja proizveo dovoǉno",
            "koji je korištenjem sloja proizveo dovoljno",
        ),
        ("ŉ Chloroplas is ŉ organel", "ʼn Chloroplas is ʼn organel"),
        ("Ǉubljana i ǅamija", "LJubljana i Džamija"),
    ],
)
def test_nl301_writes_out_one_character_digraphs(text: str, clean: str) -> None:
    found = lint(NL301, body=text)
    assert found and all(d.fix and d.fix.applicability is Applicability.SAFE for d in found)
    edits = tuple(edit for d in found if d.fix for edit in d.fix.edits)
    assert apply_field_edits(text, edits) == clean


def test_nl301_leaves_written_out_digraphs() -> None:
    assert lint(NL301, body="Ljubljana, Džamija, korištenjem, dovoljno, 'n Chloroplas") == []
