"""Selectors: one matcher (``selector_matches``) behind ``--select``, ``--ignore`` and the rest."""

from __future__ import annotations

import pytest

from newslint.registry import all_rules
from newslint.rule import Rule
from newslint.selection import SelectionError, select_rules, selector_matches, split_selectors


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("NL201", True),
        ("nl201", True),
        (" NL201 ", True),
        ("NL2", True),
        ("nl20", True),
        ("NL", True),
        ("ALL", True),
        ("all", True),
        ("split-url", True),
        ("Split-URL", True),
        ("\tsplit-url\n", True),
        ("NL202", False),
        ("NL3", False),
        ("NL2010", False),
        ("split", False),  # a name is matched whole, not as a prefix
        ("split-url-x", False),
        ("201", False),
        ("truncated-url", False),
        ("", False),
        ("   ", False),
    ],
)
def test_selector_matches(selector: str, expected: bool) -> None:
    assert selector_matches("NL201", "split-url", selector) is expected


SELECTORS = ["ALL", "NL", "NL1", "nl10", "NL101", "NL999", "NL7", "markdown-emphasis", "MOJIBAKE"]


@pytest.mark.parametrize("selector", SELECTORS)
def test_select_rules_picks_exactly_what_the_matcher_matches(selector: str) -> None:
    rules = all_rules()
    named = [rule for rule in rules if selector_matches(rule.code, rule.name, selector)]
    if not named:
        with pytest.raises(SelectionError, match="unknown rule selector"):
            select_rules(rules, select=[selector])
        return
    # A rule that is off by default is selected by its own code or name only.
    expected = [
        rule
        for rule in named
        if rule.enabled_by_default or selector.upper() == rule.code or selector == rule.name
    ]
    assert list(select_rules(rules, select=[selector])) == expected
    everything = [rule for rule in rules if rule.enabled_by_default]
    kept = select_rules(rules, select=["ALL"], ignore=[selector])
    assert [rule for rule in everything if rule not in named] == list(kept)


def test_select_extend_and_ignore_combine() -> None:
    rules = all_rules()
    chosen = select_rules(rules, select=["NL1"], extend_select=["split-url"], ignore=["NL101"])
    assert [rule.code for rule in chosen] == [
        *(r.code for r in rules if r.code.startswith("NL1") and r.code != "NL101"),
        "NL201",
    ]
    default = select_rules(rules)
    assert all(rule.enabled_by_default for rule in default)
    assert {rule.code for rule in default} == {r.code for r in rules if r.enabled_by_default}


def test_an_empty_selector_is_unknown() -> None:
    with pytest.raises(SelectionError):
        select_rules(all_rules(), select=[" "])


def test_split_selectors() -> None:
    assert split_selectors(["NL1,NL2", "NL3", ",", "split-url,"]) == [
        "NL1",
        "NL2",
        "NL3",
        "split-url",
    ]
    assert split_selectors(None) is None


OFF_BY_DEFAULT = [rule for rule in all_rules() if not rule.enabled_by_default]


def test_some_rules_are_off_by_default() -> None:
    assert {"NL014", "NL309", "NL408"} <= {rule.code for rule in OFF_BY_DEFAULT}


@pytest.mark.parametrize("rule", OFF_BY_DEFAULT, ids=lambda rule: rule.code)
def test_a_prefix_or_all_never_turns_on_a_rule_that_is_off_by_default(rule: Rule) -> None:
    """Issue 15: ``--select NL3`` or ``ALL`` ran NL309; only the exact code or name should."""
    rules = all_rules()
    for selector in ("ALL", "all", "NL", rule.code[:3], rule.code[:4]):
        assert rule not in select_rules(rules, select=[selector]), selector
        assert rule not in select_rules(rules, extend_select=[selector]), selector
    for selector in (rule.code, rule.code.lower(), f" {rule.code} ", rule.name):
        assert rule in select_rules(rules, select=[selector]), selector
        assert rule in select_rules(rules, select=["ALL"], extend_select=[selector]), selector
    # Ignoring by prefix or ALL still names it (a selected rule can be switched off so).
    assert rule not in select_rules(rules, select=[rule.code], ignore=[rule.code[:3]])
    assert rule not in select_rules(rules, select=[rule.code], ignore=["ALL"])


def test_a_prefix_still_selects_the_rules_that_are_on_by_default() -> None:
    rules = all_rules()
    nl3 = [rule.code for rule in select_rules(rules, select=["NL3"])]
    assert nl3 == [r.code for r in rules if r.code.startswith("NL3") and r.enabled_by_default]
    assert "NL301" in nl3 and "NL309" not in nl3
    assert [r.code for r in select_rules(rules, select=["NL309"])] == ["NL309"]
