"""The prefilter: a rule runs only where one of its triggers occurs, and nothing is lost.

Equivalence: for every rule, over its examples, tests/data and seeds/, generated records
(benchmarks/corpus.py), hypothesis-generated text and the shared corpora when present,
a rule the prefilter leaves out reports nothing when run anyway, and ``lint_article``
(which runs only the candidates) returns exactly what running every rule returns.
Unit tests check each kind of trigger, the fallbacks and the trigger vocabularies that
are spelled out from the rules' own patterns.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterator
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newslint
from newslint import prefilter
from newslint.diagnostics import Diagnostic, Severity
from newslint.engine import drop_claimed, lint_article
from newslint.model import Article
from newslint.prefilter import Prefilter, prefilter_for
from newslint.registry import all_rules
from newslint.rule import WHITESPACE, Rule, Triggers
from newslint.rules import (
    _encoding,
    nl203_cloudflare_email,
    nl303_control_characters,
    nl304_html_entities,
    nl506_lost_newline,
    nl608_glued_words,
)
from tests.rulekit import (
    article,
    corpus_articles,
    data_articles,
    every_rule_on,
    example_articles,
    synthetic_articles,
)

pytestmark = pytest.mark.skipif(not prefilter.available(), reason="google-re2 is not installed")

RULES = all_rules()
ALL_CHARACTERS = "".join(map(chr, range(0x110000)))


def _every_rule(article_: Article, rules: tuple[Rule, ...] = RULES) -> list[Diagnostic]:
    """What ``lint_article`` returned before the prefilter: every rule, in order, less what
    falls inside an encoding rule's claimed span."""
    found: list[Diagnostic] = []
    for rule in rules:
        found.extend(rule.check(article_))
    return drop_claimed(found, rules)


def _assert_equivalent(articles: tuple[Article, ...], every: int = 1) -> int:
    """Every rule the prefilter leaves out reports nothing, and ``lint_article`` (on every
    ``every``-th article) returns what every rule does; returns how many runs it saved."""
    compiled = Prefilter(RULES)
    saved = 0
    lost = []
    different = []
    every_rule = every_rule_on(articles)
    for position, (article_, per_rule) in enumerate(zip(articles, every_rule, strict=True)):
        mask = compiled.mask(article_)
        for index, (rule, diagnostics) in enumerate(zip(RULES, per_rule, strict=True)):
            if not mask >> index & 1:
                saved += 1
                if diagnostics:
                    lost.append((rule.code, article_.path, article_.record, diagnostics[0]))
        if position % every == 0:
            expected = drop_claimed([d for ds in per_rule for d in ds], RULES)
            if lint_article(article_, RULES) != expected:
                different.append((article_.path, article_.record, position))
    assert lost == []
    assert different == []
    return saved


# --- Equivalence ---------------------------------------------------------------------------


def test_equivalent_on_the_rules_examples() -> None:
    assert _assert_equivalent(example_articles()) > 0


def test_equivalent_on_test_data_and_seeds() -> None:
    assert _assert_equivalent(data_articles()) > 0


def test_equivalent_on_generated_records() -> None:
    articles = synthetic_articles()
    saved = _assert_equivalent(articles)
    # The point of it all: on mostly clean records most rules are skipped.
    assert saved > len(articles) * len(RULES) // 3


@pytest.mark.skipif(not corpus_articles(), reason="../shared/corpora is not available")
def test_equivalent_on_the_shared_corpora() -> None:
    articles = corpus_articles()
    # lint_article on a twentieth of them: the rest of the proof is the rules left out.
    assert _assert_equivalent(articles, every=20) > len(articles) * len(RULES) // 4


def _pieces() -> list[str]:
    """Every literal and character the rules' triggers name, bits of their patterns and
    examples, and ordinary words: text that sits on the triggers' edges."""
    pieces = {"the", "minister", "said", "Москва", "сообщает", "РИА", "iPhone", "café", "2024"}
    for rule in RULES:
        for clause in rule.triggers.clauses() if rule.triggers else ():
            pieces.update(clause.literals)
            pieces.update(clause.endings)
            pieces.update(list(clause.chars)[:40])
        pieces.update(rule.bad.split()[:12])
    pieces.update(
        [" ", "  ", "\n", "\n\n", "\r\n", "\t", "-", "n", "N", "Р", "a", "B", "[", "]", "(", ")"]
    )
    pieces.update(["http://example.com/a-b-", "[email protected]", "&amp;", "#39;", "\ud83d"])
    return sorted(pieces)


_TEXT = st.lists(st.sampled_from(_pieces()), max_size=30).map("".join)
_FIELD = st.one_of(_TEXT, st.text(max_size=40), st.none(), st.integers())


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(title=_FIELD, byline=_FIELD, caption=_FIELD, body=_FIELD, url=_FIELD)
def test_equivalent_on_generated_text(
    title: object, byline: object, caption: object, body: object, url: object
) -> None:
    values = {"title": title, "byline": byline, "caption": caption, "body": body, "url": url}
    subject = article(**{k: v for k, v in values.items() if v is not None})
    compiled = prefilter_for(RULES)
    mask = compiled.mask(subject)
    for index, rule in enumerate(RULES):
        if not mask >> index & 1:
            assert list(rule.check(subject)) == [], rule.code
    assert lint_article(subject, RULES) == _every_rule(subject)


# --- Each kind of trigger -------------------------------------------------------------------


def _rule(triggers: Triggers | None, fields: tuple[str, ...] = ("body",)) -> Rule:
    class Probe(Rule):
        code = "NL699"
        name = "probe"
        summary = explanation = bad = good = "test only"

        def check(self, article: Article) -> Iterator[Diagnostic]:
            yield self.diagnostic("body", 0, 0, "ran")

    Probe.fields = fields
    Probe.triggers = triggers
    return Probe()


def _runs(rule: Rule, **fields: object) -> bool:
    return Prefilter([rule]).candidates(article(**fields)) == [rule]


def test_a_literal_must_occur_as_it_is_written() -> None:
    rule = _rule(Triggers(literals=("](", "&lt;")))
    assert _runs(rule, body="see [this](x)") and _runs(rule, body="a &lt;b")
    assert not _runs(rule, body="see [this] (x), &LT;b, &lt b")


def test_any_of_the_characters_will_do() -> None:
    rule = _rule(Triggers(chars="*_\u00ad\U0001f600"))
    for text in ("a*b", "a_b", "soft\u00adhyphen", "smile \U0001f600"):
        assert _runs(rule, body=text)
    assert not _runs(rule, body="plain text, with - and + and é")


def test_a_range_of_characters_is_looked_for_whole() -> None:
    rule = _rule(Triggers(chars="".join(map(chr, range(0x400, 0x500)))))
    assert _runs(rule, body="Latin and one Ж") and _runs(rule, body="\u04ff")
    assert not _runs(rule, body="Latin \u03ff and \u0500 only")


def test_lone_surrogates_are_found_though_re2_cannot_read_them() -> None:
    rule = _rule(Triggers(chars="".join(map(chr, range(0xD800, 0xE000)))))
    assert _runs(rule, body="a \ud83d b")
    assert not _runs(rule, body="a \U0001f600 b, é")


def test_a_pattern_is_searched_anywhere() -> None:
    rule = _rule(Triggers(patterns=(r"(?i)\[email", r"-[ \t]*\r?\n")))
    assert _runs(rule, body="x [EMAIL protected]") and _runs(rule, body="govern- \nment")
    assert not _runs(rule, body="[e-mail] govern-ment -x\n\n")


def test_an_ending_must_end_the_field() -> None:
    rule = _rule(Triggers(endings=(" ", "\t")))
    assert _runs(rule, body="trailing ") and _runs(rule, body="tab\t")
    assert not _runs(rule, body=" leading and inner spaces")


def test_non_ascii_is_any_character_past_ascii() -> None:
    rule = _rule(Triggers(non_ascii=True))
    assert _runs(rule, body="café") and _runs(rule, body="\x80")
    assert not _runs(rule, body="plain \x7f ascii")


def test_triggers_look_in_the_rules_fields_or_their_own() -> None:
    own = _rule(Triggers(chars="|"), fields=("title", "body"))
    assert _runs(own, title="a | b", body="x") and _runs(own, body="a | b")
    assert not _runs(own, caption="a | b", url="https://example.org/|")
    elsewhere = _rule(Triggers(chars="|", fields=("caption",)), fields=("title", "body"))
    assert _runs(elsewhere, caption="a | b") and not _runs(elsewhere, title="a | b")


def test_alternatives_each_look_in_their_own_fields() -> None:
    rule = _rule(
        Triggers(literals=("http",), fields=("body",)) | Triggers(chars=WHITESPACE, fields=("url",))
    )
    assert _runs(rule, body="see http://x", url="https://example.org/a")
    assert _runs(rule, body="no link", url="https://example.org/a b")
    assert not _runs(rule, body="no link", url="https://example.org/a")
    assert len(rule.triggers.clauses()) == 2  # type: ignore[union-attr]


def test_no_triggers_means_always_and_absent_fields_mean_never() -> None:
    always, never = _rule(None), _rule(Triggers(chars="<"))
    compiled = Prefilter([always, never])
    assert compiled.candidates(article(body="text")) == [always]
    assert compiled.candidates(article(body=["<b>"], caption=7)) == [always]
    assert compiled.candidates(article(body="<b>")) == [always, never]


def test_candidates_keep_the_rules_order_and_repeats() -> None:
    first, second = _rule(Triggers(chars="<")), _rule(None)
    compiled = Prefilter([second, first, second])
    assert compiled.candidates(article(body="<b>")) == [second, first, second]
    assert compiled.candidates(article(body="b")) == [second, second]


def test_a_field_re2_gives_up_on_lets_every_rule_of_that_field_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rule = _rule(Triggers(chars="<"))
    compiled = Prefilter([rule])
    [(_, scan)] = compiled.scans

    class Failed:
        def __init__(self, answer: list[int] | None) -> None:
            self.answer = answer

        def Match(self, data: bytes) -> list[int] | None:  # RE2 spells it so
            return self.answer

    assert compiled.candidates(article(body="no tag")) == []
    # No answer, or an answer without the end-of-text sentinel: RE2 gave up.
    for answer in (None, [0]):
        monkeypatch.setattr(scan, "_set", Failed(answer))
        assert compiled.candidates(article(body="no tag")) == [rule]


def test_without_re2_every_rule_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prefilter, "_re2", None)
    rule = _rule(Triggers(chars="<"))
    assert not prefilter.available()
    assert Prefilter([rule]).candidates(article(body="no tag")) == [rule]


def test_lint_article_runs_a_raising_rule_only_where_it_is_triggered() -> None:
    class Broken(Rule):
        code = "NL698"
        name = "broken"
        summary = explanation = bad = good = "test only"
        fields: ClassVar[tuple[str, ...]] = ("body",)
        triggers = Triggers(chars="<")

        def check(self, article: Article) -> Iterator[Diagnostic]:
            raise RuntimeError("boom")

    [found] = lint_article(article(body="<b>"), [Broken()])
    assert found.code == "NL698" and found.severity is Severity.ERROR
    assert "internal error in rule broken: RuntimeError: boom" in found.message
    assert lint_article(article(body="b"), [Broken()]) == []


def test_the_prefilter_is_compiled_once_per_rule_set() -> None:
    rules = list(RULES)
    assert prefilter_for(rules) is prefilter_for(tuple(rules))
    assert prefilter_for(rules[:3]) is not prefilter_for(rules)


@pytest.mark.parametrize(
    ("triggers", "error"),
    [
        (dict(), "something to look for"),
        (dict(literals=("",)), "non-empty"),
        (dict(literals="ab"), "non-empty"),
        (dict(endings=("",)), "non-empty"),
        (dict(patterns="ab"), "tuples"),
        (dict(chars="a", fields="body"), "tuples"),
        (dict(patterns=(r"a(?=b)",)), "RE2"),
        (dict(patterns=(r"\bword",)), "RE2"),
        (dict(patterns=(r"^#",)), "RE2"),
        (dict(patterns=(r"x*",)), "empty string"),
    ],
)
def test_triggers_refuse_what_cannot_work(triggers: dict[str, object], error: str) -> None:
    with pytest.raises(ValueError, match=error):
        Triggers(**triggers)  # type: ignore[arg-type]


def test_triggers_take_character_classes_with_a_caret() -> None:
    assert Triggers(patterns=(r"[^\n]\n[^\n]",)).patterns == (r"[^\n]\n[^\n]",)


# --- The vocabularies spelled out from the rules' own patterns ------------------------------


def _matched_by(pattern: str) -> set[str]:
    """Every character a one-character regex matches (surrogates included)."""
    return set(re.findall(pattern, ALL_CHARACTERS))


def test_whitespace_is_what_isspace_says() -> None:
    assert {c for c in ALL_CHARACTERS if c.isspace()} == set(WHITESPACE)


def test_control_characters_are_all_nl303_can_match() -> None:
    control = nl303_control_characters._CONTROL.pattern.split("|", 1)[1]  # past the ESC [ form
    assert _matched_by(control) == set(nl303_control_characters.CONTROL_CHARACTERS)
    assert "\x1b" in nl303_control_characters.CONTROL_CHARACTERS


def test_cp1251_characters_are_the_class_nl307_runs_are_made_of() -> None:
    assert _matched_by(f"[{_encoding._CP1251_CHARS}]") == set(_encoding.CP1251_CHARACTERS)


def test_nl304_lost_numeric_references_are_every_match_of_its_pattern() -> None:
    numbers = re.search(r"\(\?:(.*)\);", nl304_html_entities._LOST_NUMERIC.pattern)
    assert numbers is not None
    expected = set()
    for number in numbers.group(1).split("|"):
        options = ["x", "X"] if number.startswith("[xX]") else [""]
        expected |= {f"#{x}{number.removeprefix('[xX]')};" for x in options}
    assert expected == set(nl304_html_entities._LOST_NUMERIC_REFERENCES)


def test_nl203_case_insensitive_trigger_covers_lowercasing() -> None:
    # The rule looks for "[email" in text.lower(); only ASCII letters lower to e, m, a, i, l.
    assert {c for c in ALL_CHARACTERS if c.lower() in set("email")} == set("emailEMAIL")
    assert nl203_cloudflare_email.CloudflareEmail.triggers == Triggers(patterns=(r"(?i)\[email",))


def test_pattern_triggers_reuse_the_rules_classes() -> None:
    upper = nl506_lost_newline._CYRILLIC_GREEK_UPPER
    assert f"(?=[{upper}]" in nl506_lost_newline._BARE_N_CYRILLIC.pattern
    lower, capital = nl608_glued_words._LOWER, nl608_glued_words._UPPER
    assert nl608_glued_words._CASE_CHANGE.pattern == f"[{capital}](?<=[{lower}][{capital}])"


def test_every_rule_declares_triggers_or_none_with_valid_fields() -> None:
    known = {"title", "byline", "caption", "body", "url"}
    for rule in RULES:
        for clause in rule.triggers.clauses() if rule.triggers else ():
            assert set(clause.fields or rule.fields) <= known, rule.code
    # The schema rules judge whole records: always run.
    assert all(rule.triggers is None for rule in RULES if rule.code < "NL010")
    assert sum(rule.triggers is not None for rule in RULES) >= 30


def test_the_module_is_importable_without_re2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "re2", None)  # import re2 raises ImportError
    monkeypatch.delitem(sys.modules, "newslint.prefilter")
    monkeypatch.setattr(newslint, "prefilter", prefilter)  # put back afterwards
    fresh = importlib.import_module("newslint.prefilter")
    assert fresh is not prefilter
    assert not fresh.available()
    rule = _rule(Triggers(chars="<"))
    assert fresh.Prefilter([rule]).candidates(article(body="b")) == [rule]
