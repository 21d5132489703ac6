"""Rules are discovered, documented, and grouped by family."""

from __future__ import annotations

import pkgutil
from pathlib import Path

from newslint import rules as rules_package
from newslint.registry import all_rules, find_rule

FAMILIES = {
    "0": "schema",
    "1": "markup",
    "2": "links",
    "3": "encoding",
    "4": "boilerplate",
    "5": "whitespace",
    "6": "structure",
}


def test_every_rule_module_contributes_one_documented_rule() -> None:
    modules = [
        m.name for m in pkgutil.iter_modules(rules_package.__path__) if not m.name.startswith("_")
    ]
    found = all_rules()
    assert len(found) == len(modules)
    for rule in found:
        assert rule.code[2] in FAMILIES
        assert rule.summary and rule.explanation and rule.bad and rule.good
        assert rule.fields
        assert rule.fixable in {"safe", "unsafe", "sometimes", "never"}
        assert type(rule).__module__.split(".")[-1].startswith(rule.code.lower())


def test_find_rule_by_code_or_name() -> None:
    assert find_rule("nl201") is find_rule("split-url") is not None
    assert find_rule("NL999") is None


def test_readme_lists_every_rule() -> None:
    """The README's table is generated (tests/test_docs.py checks it whole); each rule has a row."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for rule in all_rules():
        row = f"| [{rule.code}](docs/rules.md#{rule.code.lower()}-{rule.name}) | {rule.name} |"
        assert row in readme, rule.code
