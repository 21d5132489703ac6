"""Choose which rules run: ``--select``, ``--extend-select`` and ``--ignore``, as in Ruff.

A selector is a code (``NL201``), a code prefix (``NL2``, ``NL``), a rule name
(``split-url``) or ``ALL``.  Without ``--select``, the rules enabled by default run.  A rule
that is off by default runs only when its exact code or name is selected (in ``select`` or
``extend-select``); a prefix or ``ALL`` still names it to ignore.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newslint.rule import Rule


class SelectionError(ValueError):
    """A selector that matches no rule."""


def selector_matches(code: str, name: str, selector: str) -> bool:
    """Whether ``selector`` picks the rule with this ``code`` and ``name``.

    A selector is ``ALL``, a code (``NL201``) or a code prefix (``NL2``, ``NL``), or a
    rule name (``split-url``); case and surrounding whitespace do not matter.  An empty
    selector picks nothing.  The one matcher for ``--select``/``--ignore``, the
    configuration and a record's own ignores.
    """
    selector = selector.strip()
    if not selector:
        return False
    upper = selector.upper()
    return upper == "ALL" or code.startswith(upper) or name == selector.lower()


def _expand(rules: Sequence[Rule], selectors: Iterable[str], selecting: bool = True) -> set[str]:
    """The codes ``selectors`` name (to select, or with ``selecting=False`` to ignore).  A
    selector that names only rules that are off by default (``NL41``) selects nothing; one
    that names no rule at all is a ``SelectionError``."""
    codes: set[str] = set()
    match = _selects if selecting else _names
    for selector in selectors:
        matched = {rule.code for rule in rules if match(rule, selector)}
        if not matched and not any(_names(rule, selector) for rule in rules):
            raise SelectionError(
                f"unknown rule selector {selector!r} (use a code such as NL201, a prefix such as NL2, a rule name, or ALL)"
            )
        codes |= matched
    return codes


def _selects(rule: Rule, selector: str) -> bool:
    """Whether ``selector`` selects ``rule``.  A rule that is off by default (a preview rule,
    one that needs a corpus pass or flags what many corpora keep on purpose) is selected only
    by its own code or name, never by a prefix (``NL4``) or ``ALL``, as in Ruff: ``select =
    ["ALL"]`` must not switch on rules nobody asked for."""
    if not rule.enabled_by_default:
        return selector.strip().upper() == rule.code or selector.strip().lower() == rule.name
    return selector_matches(rule.code, rule.name, selector)


def _names(rule: Rule, selector: str) -> bool:
    return selector_matches(rule.code, rule.name, selector)


def select_rules(
    rules: Sequence[Rule],
    select: Sequence[str] | None = None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> tuple[Rule, ...]:
    """The rules to run, in code order."""
    if select is None:
        chosen = {rule.code for rule in rules if rule.enabled_by_default}
    else:
        chosen = _expand(rules, select)
    chosen |= _expand(rules, extend_select)
    chosen -= _expand(rules, ignore, selecting=False)
    return tuple(rule for rule in rules if rule.code in chosen)


def named_codes(rules: Sequence[Rule], selectors: Sequence[str]) -> set[str]:
    """The codes ``selectors`` name to switch off (``ignore``, ``per-file-ignores``): a
    prefix or ``ALL`` names every rule, including those only their code selects."""
    return _expand(rules, selectors, selecting=False)


def split_selectors(values: Sequence[str] | None) -> list[str] | None:
    """``["NL1,NL2", "NL3"]`` -> ``["NL1", "NL2", "NL3"]``; None stays None."""
    if values is None:
        return None
    return [part for value in values for part in value.split(",") if part.strip()]
