"""The line rules' fast paths (NL401-NL407) against the straightforward code they replace.

Each fast path is a cheaper way to compute what a plain version computes (or, for a
hint, to accept at least what it accepted).  The plain versions are kept here, as the
reference, and both run on generated inputs, on the test suite's example articles and
on the shared corpora when they are present.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.model import paragraph_spans
from newslint.registry import all_rules
from newslint.rules import _boilerplate as _boilerplate_module
from newslint.rules import _promo
from newslint.rules import nl407_photo_credit as nl407
from newslint.rules._boilerplate import (
    _HINTED,
    _TAIL_SKIPS,
    LineRule,
    _folded,
    _hinted,
    _spans,
    _union,
    alternation,
    start_hint,
)
from newslint.rules._boilerplate_phrases import PROMO_LABELS
from tests.rulekit import corpus_articles, example_articles

LINE_RULES: tuple[LineRule, ...] = tuple(r for r in all_rules() if isinstance(r, LineRule))


@pytest.fixture(autouse=True)
def _hints_from_the_first_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests compare the hinted paths: no lines are tried one by one first."""
    monkeypatch.setattr(_boilerplate_module, "unhinted_lines", 0)


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


@functools.cache
def _start_hints() -> tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...]:
    """(name, reference, new) start hints of every hinted rule and of their union."""
    return tuple(_each_start_hint())


def _each_start_hint() -> Iterator[tuple[str, re.Pattern[str], re.Pattern[str]]]:
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
        text, _, unfolded = _folded(body, _union()[2])
        if unfolded:
            continue
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


# --- _hinted: a line's last character rules the tail hint out ------------------------------


def _reference_hinted(
    spans: list[tuple[int, int]],
    folded: tuple[str, str, tuple[tuple[int, int], ...]],
    limit: int,
    head: re.Pattern[str] | None,
    tail: re.Pattern[str] | None,
) -> list[tuple[int, int]]:
    """``_hinted`` without the last-character test: both regexes on every short line, and
    the lines left unfolded."""
    text, reverse, unfolded = folded
    size = len(text)
    return sorted(
        {
            (start, end)
            for start, end in [*spans, *unfolded]
            if end - start <= limit
            and (
                (start, end) in unfolded
                or (head is not None and head.match(text, start, end) is not None)
                or (tail is not None and tail.match(reverse, size - end, size - start) is not None)
            )
        }
    )


def _hints() -> list[tuple[int, re.Pattern[str] | None, re.Pattern[str] | None]]:
    """(limit, head, tail) of every hinted rule and of their union."""
    head, tail, limit = _union()
    found = [(limit, head, tail)]
    for rule in LINE_RULES:
        hints = rule.hints()
        assert hints is not None
        found.append((rule.max_length, *hints))
    return found


def _assert_hinted_as_the_reference(body: str) -> int:
    folded = _folded(body, _union()[2])
    spans = _spans(body)
    accepted = 0
    for limit, head, tail in _hints():
        expected = _reference_hinted(spans, folded, limit, head, tail)
        assert _hinted(spans, folded, limit, head, tail) == expected, body
        accepted += len(expected)
    return accepted


def test_every_tail_hint_has_its_last_character_test() -> None:
    tails = [tail for _, _, tail in _hints() if tail is not None]
    assert tails
    for tail in tails:
        assert tail in _TAIL_SKIPS


_LAST_WORDS = sorted(frozenset().union(*(cls.last_words for cls in _HINTED)))
_ENDINGS = ["", " ", ")", " )", "\u00a0", "\t", ".", "s", "x", "é", "ß", "\u2003", "\u3000"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "Jane Doe/", "(", "Photo: ", "a ", "##"]),
            st.sampled_from(_LAST_WORDS),
            st.sampled_from([str, str.upper, str.title]),
            st.sampled_from(_ENDINGS),
            st.integers(0, 2),
        ),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["\n", "\n\n", "\r\n"]),
)
def test_hinted_is_the_reference_on_generated_lines(
    parts: list[tuple[str, str, object, str, int]], separator: str
) -> None:
    lines = []
    for before, word, case, ending, cut in parts:
        assert callable(case)
        lines.append(before + case(word[cut:]) + ending)
    _assert_hinted_as_the_reference(separator.join(["Lead.", *lines, "End."]))


def test_hinted_is_the_reference_on_the_corpora() -> None:
    assert sum(_assert_hinted_as_the_reference(body) for body in _bodies()) > 0


def test_no_tail_hint_reads_past_a_skipped_last_character() -> None:
    """A skipped character can neither be passed over (as whitespace or lead) nor end a word."""
    words = [word[::-1] for word in _LAST_WORDS]
    for tail, skip in _TAIL_SKIPS.items():
        assert skip
        for char in skip:
            assert tail.match(char) is None, (tail.pattern, char)
            for word in words:
                assert tail.match(char + word) is None, (tail.pattern, char, word)
                assert tail.match(char + word[1:]) is None, (tail.pattern, char, word)


# --- promo_headline: no separator, no label --------------------------------------------------


def _reference_promo_headline(paragraph: str) -> str | None:
    """``promo_headline`` as it was: the label regex on every short one-line paragraph."""
    if "\n" in paragraph or len(paragraph) > _promo._MAX_PROMO:
        return None
    probe = paragraph
    if not probe.isascii() and "\u202f" in probe:
        probe = probe.replace("\u202f", " ")
    label = _promo._LABEL.match(probe)
    if not label:
        return None
    headline = _promo.headline_of(paragraph[label.end() :])
    if (
        not headline
        or len(headline.split()) > _promo._MAX_WORDS
        or not _promo._looks_like_a_headline(headline)
    ):
        return None
    return headline


def test_only_the_separator_characters_separate_a_label() -> None:
    # Every character that _label_pattern's separators match, case-insensitively as _LABEL
    # does, is one that _SEPARATOR finds: a paragraph without them has no label.
    separators = re.compile(r"[:|»>]|[–—-]", re.IGNORECASE)
    found = {chr(code) for code in range(0x110000) if separators.match(chr(code))}
    assert found == set(":|»>–—-")
    assert all(_promo._SEPARATOR.match(char) for char in found)


_LABELS = sorted({label for labels in PROMO_LABELS.values() for label in labels})
_SEPARATORS = [":", " :", "\u00a0:", "\u202f:", " |", " »", ">", " - ", " – ", " —", "", " "]


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(["", " ", "\t", "**"]),
    st.sampled_from(_LABELS),
    st.sampled_from([str, str.upper, str.lower]),
    st.sampled_from(_SEPARATORS),
    st.sampled_from(["", " ", "<u>"]),
    st.sampled_from(["The Headline", "a sentence.", "Why? ...", "", "x" * 250, "A\nB"]),
)
def test_promo_headline_is_the_reference_on_generated_paragraphs(
    before: str, label: str, case: object, separator: str, markup: str, headline: str
) -> None:
    assert callable(case)
    paragraph = before + case(label) + separator + markup + headline
    assert _promo.promo_headline(paragraph) == _reference_promo_headline(paragraph)


def test_promo_headline_is_the_reference_on_the_corpora() -> None:
    found = 0
    for body in _bodies():
        for _, _, paragraph in paragraph_spans(body):
            expected = _reference_promo_headline(paragraph)
            assert _promo.promo_headline(paragraph) == expected, paragraph
            found += expected is not None
    assert found > 0


# --- _folded: only the lines a hint reads are folded -----------------------------------------


def _assert_folded_as_the_reference(body: str, limit: int) -> None:
    """Each line up to ``limit`` is its own case-folding, at its own offsets, or (when that
    is longer) left as it is and listed; where the whole body folds in place, as in it."""
    whole = body.casefold()
    text, reverse, unfolded = _folded(body, limit)
    assert len(text) == len(body)
    assert reverse == text[::-1]
    short = [(start, end) for start, end in _spans(body) if end - start <= limit]
    assert set(unfolded) <= set(short)
    if len(whole) == len(body):
        assert unfolded == ()
    for start, end in short:
        line = body[start:end].casefold()
        if len(line) == end - start:
            assert text[start:end] == line, (body, start, end)
            assert (start, end) not in unfolded
            if len(whole) == len(body):
                assert text[start:end] == whole[start:end]
        else:
            assert (start, end) in unfolded, (body, start, end)
            assert text[start:end] == body[start:end]


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(["a", "B", " ", "\n", "\r", "ß", "İ", "Σ", "ς", "é"])),
    st.integers(0, 8),
)
def test_folded_is_the_reference_on_generated_bodies(body: str, limit: int) -> None:
    _assert_folded_as_the_reference(body, limit)


def test_folded_is_the_reference_on_the_corpora() -> None:
    head, _, limit = _union()
    assert head is not None
    for body in _bodies():
        _assert_folded_as_the_reference(body, limit)


# --- NL407: no agency at the end, no credit --------------------------------------------------


def _reference_ends_with_agency(text: str) -> bool:
    """``_ends_with_agency`` as it was: every agency tried in turn."""
    folded = text.casefold()
    if folded in nl407._PICTURE_AGENCIES:
        return True
    for agency in nl407._AGENCIES:
        if folded.endswith(agency):
            head = text[: len(text) - len(agency)]
            separator = nl407._SEPARATOR.search(head[-6:]) if head else None
            if separator and separator.end() == len(head[-6:]) and nl407._is_name_like(head):
                return True
    return False


_AGENCY_NAMES = sorted(nl407._AGENCIES)


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(["", "Jane Doe", "jane doe", "AFP", "Photo: X", "Delhi.", "A B C"]),
    st.sampled_from(["", "/", " / ", " | ", ", ", " via ", " "]),
    st.sampled_from(_AGENCY_NAMES),
    st.sampled_from([str, str.upper, str.title]),
    st.sampled_from(["", "s", ")", "."]),
)
def test_ends_with_agency_is_the_reference_on_generated_credits(
    name: str, separator: str, agency: str, case: object, after: str
) -> None:
    assert callable(case)
    text = name + separator + case(agency) + after
    assert nl407._ends_with_agency(text) == _reference_ends_with_agency(text), text


_CREDIT_LINES = (
    "Photo: Jane Doe / AFP\n\nThe minister spoke.\n\nJohn Smith/Reuters\n\n"
    "(AP Photo/Ann Lee)\n\nAnn Lee for The Example Times via Getty Images\n\n"
    "Shares rose in Frankfurt, dpa reported."
)
"""Lines of our own ending with agencies: found even where the shared corpora are absent."""


def test_ends_with_agency_is_the_reference_on_the_corpora() -> None:
    found = 0
    for body in [*_bodies(), _CREDIT_LINES]:
        for start, end in _spans(body):
            if end - start <= 200:
                line = body[start:end].strip()
                expected = _reference_ends_with_agency(line)
                assert nl407._ends_with_agency(line) == expected, line
                found += expected
    assert found > 0


# --- NL402, NL403, NL405: whole phrases for a hint, not their first words -------------------

_PHRASE_HINTED = {
    rule.code: rule for rule in LINE_RULES if rule.code in ("NL402", "NL403", "NL405")
}


def _hint_accepts(rule: LineRule, line: str) -> bool:
    body = f"Lead.\n\n{line}\n\nEnd."
    start = body.index(line)
    return (start, start + len(line)) in rule.candidates(body)


@pytest.mark.parametrize("code", sorted(_PHRASE_HINTED))
@settings(max_examples=500, deadline=None)
@given(
    data=st.data(),
    before=st.sampled_from(["", " ", "## ", ". ", "\u00a0", "#\t"]),
    space=st.sampled_from([" ", "  ", "\t", "\u00a0", " \u2003"]),
    case=st.sampled_from([str, str.upper, str.title]),
    after=st.sampled_from(
        [
            *["", ".", ":", " | Terms of Use", " / About us", " - Contact", " 1 of 3"],
            *[" on Facebook, Twitter", ": @example", " newsletter", " our newsletter today"],
        ]
    ),
)
def test_a_phrase_hint_accepts_its_phrases_however_spaced(
    code: str, data: st.DataObject, before: str, space: str, case: object, after: str
) -> None:
    rule = _PHRASE_HINTED[code]
    phrase = data.draw(st.sampled_from(sorted(rule.first_words)))
    assert callable(case)
    line = before + case(phrase.replace(" ", space)) + after
    if rule.match(line) and len(line) <= rule.max_length:
        assert _hint_accepts(rule, line), line


@pytest.mark.parametrize("code", sorted(_PHRASE_HINTED))
def test_a_phrase_hint_accepts_every_line_its_rule_flags_on_the_corpora(code: str) -> None:
    rule = _PHRASE_HINTED[code]
    flagged = 0
    for body in _bodies():
        accepted = set(rule.candidates(body))
        for start, end in _spans(body):
            if end - start <= rule.max_length and rule.match(body[start:end]):
                flagged += 1
                assert (start, end) in accepted, body[start:end]
    assert flagged > 0
