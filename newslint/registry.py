"""Discover rules: every public module of ``newslint.rules`` that defines a ``Rule`` subclass."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from newslint import pickled_by_name
from newslint import rules as rules_package
from newslint.rule import CODE_PATTERN, NAME_PATTERN, Rule


class RegistryError(Exception):
    """A rule module is malformed (bad code, duplicate code or name)."""


@cache
def all_rules() -> tuple[Rule, ...]:
    """One instance of every rule, sorted by code."""
    found: list[Rule] = []
    for module_info in pkgutil.iter_modules(rules_package.__path__):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{rules_package.__name__}.{module_info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Rule)
                and value.__module__ == module.__name__
                and "code" in vars(value)
            ):
                found.append(value())
    _validate(found)
    return tuple(sorted(found, key=lambda rule: rule.code))


def _validate(found: list[Rule]) -> None:
    codes: set[str] = set()
    names: set[str] = set()
    for rule in found:
        if not CODE_PATTERN.fullmatch(rule.code):
            raise RegistryError(f"{type(rule).__name__}: code {rule.code!r} is not NL + 3 digits")
        if not NAME_PATTERN.fullmatch(rule.name):
            raise RegistryError(f"{rule.code}: name {rule.name!r} is not kebab-case")
        if rule.code in codes or rule.name in names:
            raise RegistryError(f"{rule.code} {rule.name}: code or name used twice")
        codes.add(rule.code)
        names.add(rule.name)


def find_rule(code_or_name: str) -> Rule | None:
    for rule in all_rules():
        if code_or_name.upper() == rule.code or code_or_name.lower() == rule.name:
            return rule
    return None


pickled_by_name(__name__)  # pickles as its name (dill, HF datasets: see newslint/__init__.py)
