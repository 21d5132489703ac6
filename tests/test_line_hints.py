"""The line rules' hints (NL402-NL407) only skip lines: with and without them, the same findings.

A hint is a regex run in C over every short line; only the lines it accepts
reach the rule's ``match`` (Python).  A hint that rejected a line ``match``
accepts would silently lose a finding, so each rule is run with its hints and
with them turned off, on generated lines built from the rules' own phrase
lists (cased, decorated, headed, wrapped in brackets, with a folded-length
changing ``ß``), on the test suite's example articles and on the shared
corpora when they are present.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint.diagnostics import Diagnostic
from newslint.model import Article, paragraph_spans
from newslint.registry import all_rules
from newslint.rules import _boilerplate
from newslint.rules._boilerplate import (
    Line,
    LineRule,
    _line_at,
    _spans,
    alternation,
    start_hint,
)
from newslint.rules._boilerplate_phrases import (
    ADVERTISEMENT_LINES,
    CALLS_TO_ACTION,
    COOKIE_OPENINGS,
    FOOTER_LINKS,
    ICON_LIGATURES,
    PHOTO_AGENCIES,
    PHOTO_LABELS,
    POLICY_LINES,
    UI_DEBRIS_LINES,
)
from tests.rulekit import article, corpus_articles, example_articles

LINE_RULES: tuple[LineRule, ...] = tuple(r for r in all_rules() if isinstance(r, LineRule))


@pytest.fixture(autouse=True)
def _hints_from_the_first_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """The hints are what these tests are about: no lines are tried one by one first."""
    monkeypatch.setattr(_boilerplate, "unhinted_lines", 0)


def _without_hints(rule: LineRule) -> LineRule:
    plain = type(rule)()
    plain.hints = lambda: None  # type: ignore[method-assign]
    return plain


def _findings(rule: LineRule, item: Article) -> list[tuple[object, ...]]:
    found: list[Diagnostic] = list(rule.check(item))
    return [(d.field, d.start, d.end, d.message) for d in found]


def _assert_same(items: tuple[Article, ...] | list[Article]) -> int:
    """Each line rule finds the same with and without its hints; returns the findings' count."""
    total = 0
    for rule in LINE_RULES:
        plain = _without_hints(rule)
        for item in items:
            hinted = _findings(rule, item)
            assert hinted == _findings(plain, item), (rule.code, item.body)
            total += len(hinted)
    return total


def test_every_line_rule_has_a_hint() -> None:
    assert {rule.code for rule in LINE_RULES} == {f"NL40{n}" for n in range(2, 8)}
    for rule in LINE_RULES:
        assert rule.hints() is not None, rule.code


def test_a_hint_turns_away_prose() -> None:
    prose = "The council met on Tuesday and agreed to share the costs of the new bridge."
    body = "\n\n".join([prose] * 3)
    for rule in LINE_RULES:
        assert list(rule.candidates(body)) == [], rule.code


def test_an_option_that_adds_phrases_turns_the_hints_off() -> None:
    configured = {
        "NL402": {"extra-phrases": ["Jetzt lesen"]},
        "NL404": {"extra-labels": ["Werbeblock"]},
        "NL407": {"extra-agencies": ["Example Wire"]},
    }
    for rule in LINE_RULES:
        if rule.code in configured:
            assert isinstance(rule, LineRule)
            configured_rule = rule.configured(configured[rule.code])
            assert isinstance(configured_rule, LineRule)
            assert configured_rule.hints() is None, rule.code
            body = "Lead.\n\nJetzt lesen\n\nWerbeblock\n\nJane Doe / Example Wire\n\nEnd."
            assert list(configured_rule.check(article(body=body))), rule.code


def test_alternation_is_a_trie_of_exactly_the_words() -> None:
    pattern = re.compile(f"(?:{alternation(['photo', 'photos', 'picture', 'pic'])})\\Z")
    for word in ("photo", "photos", "picture", "pic"):
        assert pattern.match(word)
    for word in ("phot", "pictures", "p", ""):
        assert not pattern.match(word)
    assert start_hint(["", "share"]) == ""  # a word that every line starts with


_PHRASE_LISTS = [
    sorted({p for ps in CALLS_TO_ACTION.values() for p in ps}),
    sorted({p for ps in POLICY_LINES.values() for p in ps}),
    sorted(COOKIE_OPENINGS),
    sorted(FOOTER_LINKS),
    sorted(ADVERTISEMENT_LINES),
    sorted(UI_DEBRIS_LINES),
    sorted(ICON_LIGATURES),
    sorted(PHOTO_LABELS),
    sorted(PHOTO_AGENCIES),
]
_DECORATIONS = ["", "", "## ", "  ", "\u00a0", "(", ")", "- ", " -", "—", "|", " / ", ": ", "©"]
_CASES = [str, str.upper, str.title, lambda s: s.replace("ss", "ß")]
_WORDS = ["Jane Doe", "2024", "»", "• • •", "...", "the", "@example", "on", "Image 3 of 12"]

_phrase = st.builds(
    lambda phrase, case: case(phrase),
    st.one_of(*(st.sampled_from(phrases) for phrases in _PHRASE_LISTS)),
    st.sampled_from(_CASES),
)
_part = st.one_of(_phrase, st.sampled_from(_DECORATIONS), st.sampled_from(_WORDS))
_line = st.one_of(
    # One phrase between decorations: what the rules flag.
    st.builds(
        lambda a, p, b: a + p + b,
        st.sampled_from(_DECORATIONS),
        _phrase,
        st.sampled_from(_DECORATIONS),
    ),
    # A credit: a name and an agency or a label.
    st.builds(
        lambda p, s, n: n + s + p,
        _phrase,
        st.sampled_from([" / ", "/", ", ", " via "]),
        st.sampled_from(_WORDS),
    ),
    # Anything else made of the same parts.
    st.builds("".join, st.lists(_part, min_size=1, max_size=5)),
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_line, min_size=1, max_size=6), st.sampled_from(["\n", "\n\n", "\r\n"]))
def test_hints_lose_no_finding_on_generated_lines(lines: list[str], separator: str) -> None:
    _assert_same([article(body=separator.join(["Lead paragraph.", *lines, "Last one."]))])


def test_hints_lose_no_finding_on_the_example_articles() -> None:
    assert _assert_same(example_articles()) > 0


def test_hints_lose_no_finding_on_the_shared_corpora() -> None:
    """Every other article of the shared corpora (all of them cost 12 s of the suite's 3
    minutes; half still holds every artefact kind the corpora have many times over)."""
    items = corpus_articles()
    if not items:
        pytest.skip("../shared/corpora is absent")
    assert _assert_same(items[::2]) > 100


# The reference for the cheap line reader: each paragraph split into its lines -------------

_Row = tuple[int, int, str, str | None, str | None, tuple[int, int] | None]


def _rows(body: str) -> list[_Row]:
    """Every non-blank line of ``body`` with its neighbours and cut span, paragraph by paragraph.

    The line rules' first version built every line this way; ``_spans`` and ``_line_at``
    must give the same lines without splitting whole paragraphs.
    """
    paragraphs = paragraph_spans(body)
    found: list[_Row] = []
    for index, (p_start, p_end, _) in enumerate(paragraphs):
        # To the line break after the paragraph: its last line loses one CR, as the others do.
        newline = body.find("\n", p_end)
        paragraph = body[p_start : newline if newline >= 0 else len(body)]
        lines: list[tuple[int, int, str]] = []
        offset = p_start
        for raw in paragraph.split("\n"):
            text = raw[:-1] if raw.endswith("\r") else raw
            if text and not text.isspace():
                lines.append((offset, offset + len(text), text))
            offset += len(raw) + 1
        for i, (start, end, text) in enumerate(lines):
            cut: tuple[int, int] | None
            if i > 0:
                cut = (lines[i - 1][1], end)  # not first in its paragraph
            elif len(lines) > 1:
                cut = (start, lines[1][0])  # first of several
            elif index + 1 < len(paragraphs):
                cut = (start, paragraphs[index + 1][0])  # a paragraph of its own
            elif index > 0:
                cut = (paragraphs[index - 1][1], end)  # the last paragraph
            else:
                cut = None
            previous = lines[i - 1][2] if i > 0 else None
            following = lines[i + 1][2] if i + 1 < len(lines) else None
            found.append((start, end, text, previous, following, cut))
    return found


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            ["a", "B", " ", "\t", "\n", "\r", "\u00a0", "\x0b", "\x1c", "*", "é"]
        ),
        max_size=60,
    )
)
def test_the_cheap_line_spans_are_the_lines_the_rules_build(body: str) -> None:
    rows = _rows(body)
    assert _spans(body) == [(row[0], row[1]) for row in rows]
    for row in rows:
        # The line read off the text around it is the one the paragraph's split gives,
        # with the same neighbours and the same span to cut.
        assert _line_at(body, row[0]) == Line(*row)


def test_the_cheap_line_spans_on_the_example_articles() -> None:
    for item in example_articles():
        if item.body:
            rows = _rows(item.body)
            assert _spans(item.body) == [(row[0], row[1]) for row in rows]
            assert [_line_at(item.body, row[0]) for row in rows] == [Line(*row) for row in rows]


def test_a_small_check_tries_every_line_before_compiling_the_hints(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    body = "Lead paragraph of the story.\n\nFollow us on Twitter\n\nThe council met on Tuesday."
    rule = next(r for r in LINE_RULES if r.code == "NL402")
    monkeypatch.setattr(_boilerplate, "unhinted_lines", 5)
    every = [(start, end) for start, end in _boilerplate._spans(body)]
    assert rule.candidates(body) == every  # within the budget: every short line
    assert _boilerplate.unhinted_lines == 2
    assert rule.candidates(body) == every  # the last of the budget
    assert _boilerplate.unhinted_lines < 0
    hinted = rule.candidates(body)  # from now on, the hints
    assert hinted == [every[1]]
    assert list(rule.check(article(body=body)))  # and the same finding either way


def test_checking_the_seed_compiles_no_hint() -> None:
    """Start-up: a pre-commit run over one article does not build the line rules' tries."""
    import subprocess
    import sys
    from pathlib import Path

    seed = next((Path(__file__).parent.parent / "seeds").glob("*.txt"))
    script = (
        "from newslint.run import Run\n"
        "from newslint.rules import _boilerplate\n"
        "run = Run.configure(None, True, {})\n"
        f"results = list(run.check_files([{str(seed)!r}], jobs=1, use_cache=False))\n"
        "assert any(r.diagnostics for r in results)\n"
        "print(_boilerplate._union.cache_info().currsize,"
        " sum(1 for c in _boilerplate._HINTED if c.__dict__.get('_compiled_hints')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["0", "0"]
