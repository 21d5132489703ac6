"""The line rules' shared pass (``_union_lines``) against the per-line code it replaced.

``_union_lines`` finds the lines some line rule's hints accept with two scans of the
folded body (``_scans``) instead of a regex call per line.  The code it replaced is
kept here, verbatim, as the reference: the rules' candidate lines must be the same,
on generated bodies, on the example articles and on the shared corpora when present.
"""

from __future__ import annotations

import functools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.registry import all_rules
from newslint.rules import _boilerplate as _boilerplate_module
from newslint.rules._boilerplate import (
    _HINTED,
    _LINE_LOCAL_HEADS,
    _LINE_SPACE,
    _TAIL_SKIPS,
    LineRule,
    _Folded,
    _folded,
    _scans,
    _spans,
    _union,
    _union_lines,
)
from tests.rulekit import corpus_articles, example_articles

LINE_RULES: tuple[LineRule, ...] = tuple(r for r in all_rules() if isinstance(r, LineRule))


@pytest.fixture(autouse=True)
def _hints_from_the_first_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests compare the hinted paths: no lines are tried one by one first."""
    monkeypatch.setattr(_boilerplate_module, "unhinted_lines", 0)


# --- the reference: the shared pass as it was (verbatim) ------------------------------------


@functools.lru_cache(maxsize=4)
def _reference_union_spans(body: str) -> list[tuple[int, int]]:
    """The lines of ``body`` (``_spans``) that some line rule's hints accept."""
    head, tail, limit = _union()
    return _reference_hinted(_spans(body), _folded(body, limit), limit, head, tail)


def _reference_hinted(
    spans: list[tuple[int, int]],
    folded: _Folded,
    limit: int,
    head: re.Pattern[str] | None,
    tail: re.Pattern[str] | None,
) -> list[tuple[int, int]]:
    """The ``spans`` no longer than ``limit`` that ``head`` (at their start) or ``tail`` (at
    their end) match, and the lines ``_folded`` left unfolded (no hint can read them)."""
    text, reverse, unfolded = folded
    found = _reference_matching(spans, text, reverse, limit, head, tail)
    if unfolded:
        found = sorted({*found, *(span for span in unfolded if span[1] - span[0] <= limit)})
    return found


def _reference_matching(
    spans: list[tuple[int, int]],
    text: str,
    reverse: str,
    limit: int,
    head: re.Pattern[str] | None,
    tail: re.Pattern[str] | None,
) -> list[tuple[int, int]]:
    """``_hinted``'s regex part, on the folded body and its reverse."""
    if tail is None:
        assert head is not None
        head_match = head.match
        return [
            (start, end)
            for start, end in spans
            if end - start <= limit and head_match(text, start, end)
        ]
    size = len(text)
    tail_match = tail.match
    if head is None:
        return [
            (start, end)
            for start, end in spans
            if end - start <= limit and tail_match(reverse, size - end, size - start)
        ]
    head_match = head.match
    skip = _TAIL_SKIPS.get(tail)
    if skip is None:
        return [
            (start, end)
            for start, end in spans
            if end - start <= limit
            and (head_match(text, start, end) or tail_match(reverse, size - end, size - start))
        ]
    return [
        (start, end)
        for start, end in spans
        if end - start <= limit
        and (
            head_match(text, start, end)
            or (text[end - 1] not in skip and tail_match(reverse, size - end, size - start))
        )
    ]


def _reference_candidates(self: LineRule, body: str) -> list[tuple[int, int]]:
    """``LineRule.candidates`` as it was, past the ``unhinted_lines`` budget."""
    limit = self.max_length
    spans = _spans(body)
    hints = self.hints()
    if hints is None or not spans:
        return [span for span in spans if span[1] - span[0] <= limit]
    cls = type(self)
    union = cls in _HINTED and hints == cls.compiled_hints()
    # One folded body for all the rules: folded to the union's limit, not each rule's.
    folded = _folded(body, _union()[2] if union else limit)
    if union:
        spans = _reference_union_spans(body)  # the lines some rule's hint accepts: a few of them
    return _reference_hinted(spans, folded, limit, *hints)


def _assert_as_the_reference(body: str) -> int:
    """The union's lines and every line rule's candidates are the reference's; how many."""
    expected = _reference_union_spans(body)
    lines, (text, reverse, unfolded) = _union_lines(body)
    if len(body.casefold()) == len(body):
        assert lines == expected, body
        assert (text, reverse, unfolded) == (body.casefold(), body.casefold()[::-1], ())
    candidates = 0
    for rule in LINE_RULES:
        found = rule.candidates(body)
        assert found == _reference_candidates(rule, body), (rule.code, body)
        candidates += len(found)
    return candidates


# --- generated bodies --------------------------------------------------------------------------

_FIRST_WORDS = sorted(frozenset().union(*(cls.first_words for cls in _HINTED)))
_LAST_WORDS = sorted(frozenset().union(*(cls.last_words for cls in _HINTED)))
_BEFORE = ["", " ", "\t", "#", "## ", "(", "- ", "—", ".", "\u00a0", "\u2003", "\x0b", "\x85"]
_BEFORE += ["\u2028", "\r", "©", "_", "Jane Doe/", "a "]
_MIDDLE = ["", "x", "Shares fell 3%", "---", "* * *", "___", "_x_", "→ ‹›", "ß", "İ", "Σ", "ς"]
_MIDDLE += ["x" * 195, "y" * 305, "\u00a0 \u2003"]
_AFTER = ["", " ", ".", ":", ")", " )", "\r", "\u3000", " on Facebook", " @example", "ß", "s"]
_SEPARATORS = ["\n", "\n\n", "\r\n", "\r\r\n", "\n \n", "\n\u2028\n", "\n\t\n\n"]

_line = st.tuples(
    st.sampled_from(_BEFORE),
    st.one_of(
        st.sampled_from(_FIRST_WORDS), st.sampled_from(_LAST_WORDS), st.sampled_from(_MIDDLE)
    ),
    st.sampled_from([str, str.upper, str.title]),
    st.sampled_from(_AFTER),
    st.sampled_from(["", *_LAST_WORDS[:3], *_LAST_WORDS[-3:], "ß"]),
).map(lambda parts: parts[0] + parts[2](parts[1]) + parts[3] + parts[4])


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.tuples(_line, st.sampled_from(_SEPARATORS)), min_size=1, max_size=8),
    st.sampled_from(["", *_SEPARATORS]),
)
def test_the_shared_pass_is_the_reference_on_generated_bodies(
    lines: list[tuple[str, str]], before: str
) -> None:
    body = before + "".join(line + separator for line, separator in lines)
    _assert_as_the_reference(body)
    _assert_as_the_reference(body.rstrip("\n"))  # and with the last line at the very end


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", "S", " ", "\n", "\r", "#", "-", "_", "ß", "©"])))
def test_the_shared_pass_is_the_reference_on_generated_noise(body: str) -> None:
    _assert_as_the_reference(body)


def test_the_shared_pass_is_the_reference_on_the_corpora() -> None:
    items = example_articles() + corpus_articles()
    bodies = list(dict.fromkeys(item.body for item in items if item.body))
    assert sum(_assert_as_the_reference(body) for body in bodies) > 0


# --- the scans' building blocks ----------------------------------------------------------------


def test_the_line_space_is_what_backslash_s_matches_but_the_line_break() -> None:
    space = re.compile(f"[{_LINE_SPACE}]")
    found = {chr(code) for code in range(0x110000) if space.match(chr(code))}
    assert found == {chr(code) for code in range(0x110000) if re.match(r"\s", chr(code))} - {"\n"}


def test_every_head_pattern_has_a_line_local_form() -> None:
    """A head pattern without one lets every line through the scan (slow, not wrong)."""
    for cls in _HINTED:
        if cls.head_pattern:
            assert cls.head_pattern in _LINE_LOCAL_HEADS, cls.__name__


def test_no_scan_reads_past_a_line_break() -> None:
    """What the scans match after the line break stays in the line (nor does it backtrack
    over the lines after it: each line is read once, from its start)."""
    scans = _scans()
    assert scans is not None
    body = "\n".join(["", " ", "-", "___", "#", "(", "© ", "share", "getty images", "x"] * 20)
    for scan in scans:
        assert scan is not None
        for text in (body, body[::-1]):
            for match in scan.finditer(text):
                assert "\n" not in match.group(1), match
