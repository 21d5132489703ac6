"""The base every rule derives from: its documentation, and helpers to build diagnostics."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from newslint.model import Article
from newslint.statistics import Statistic

CODE_PATTERN = re.compile(r"NL[0-6]\d\d")
NAME_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")

WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""Every character for which ``str.isspace()`` is true (a test checks the list)."""

# What a trigger pattern may not use: lookarounds, backreferences, anchors and the
# shorthand classes, whose meaning differs between Python's ``re`` and RE2.
_NOT_PORTABLE = re.compile(r"\(\?<?[=!]|\(\?P[<=]|\\[1-9bBwWsSdDAZz]|(?<!\\)[\^$](?![^\[]*\])")


@dataclass(frozen=True, slots=True)
class Triggers:
    """What must occur in an article's text for a rule to report anything.

    A rule declares them so that the engine runs its ``check`` only on the articles
    where one of them occurs (``newslint.prefilter`` finds them all in one scan per
    field).  They are a promise: if none of them occurs in the fields they name, the
    rule yields nothing.  A trigger that is too narrow silently loses diagnostics, so
    derive each one from the rule's own fast paths and patterns, and declare
    ``triggers = None`` (always run) when in doubt.

    One ``Triggers`` is satisfied when any of its parts occurs in any of its fields:

    - ``literals``: substrings, case-sensitive (``"](", "&lt;"``);
    - ``chars``: characters, any one of them (``"*_"``, a range spelled out);
    - ``patterns``: regular expressions in the syntax Python's ``re`` and RE2 share
      (literals, classes, ``?*+{m,n}``, groups, ``(?i)``), none matching the empty
      string; no lookarounds, anchors, backreferences or ``\\w``/``\\s``/``\\d``/``\\b``;
    - ``endings``: the field ends with one of these (``text.endswith``);
    - ``non_ascii``: the field holds a character outside ASCII.

    ``fields`` says where to look (default: the rule's own ``fields``); join triggers
    that look in different fields with ``|``.  Field values are read as the reader
    gave them, whether or not the field has a source span.
    """

    literals: tuple[str, ...] = ()
    chars: str = ""
    patterns: tuple[str, ...] = ()
    endings: tuple[str, ...] = ()
    non_ascii: bool = False
    fields: tuple[str, ...] | None = None
    alternatives: tuple[Triggers, ...] = ()
    """Further triggers, any of which will do too (built by ``|``)."""

    def __post_init__(self) -> None:
        if not (self._looks_for_something() or self.alternatives):
            raise ValueError("Triggers needs something to look for (None means: always run)")
        for kind, values in (("literal", self.literals), ("ending", self.endings)):
            if isinstance(values, str) or not all(isinstance(v, str) and v for v in values):
                raise ValueError(f"each {kind} must be a non-empty string: {values!r}")
        if isinstance(self.patterns, str) or isinstance(self.fields, str):
            raise ValueError("patterns and fields are tuples of strings")
        for pattern in self.patterns:
            if _NOT_PORTABLE.search(pattern):
                raise ValueError(f"trigger pattern {pattern!r} uses syntax RE2 reads otherwise")
            if re.compile(pattern).search("") is not None:
                raise ValueError(f"trigger pattern {pattern!r} matches the empty string")

    def __or__(self, other: Triggers) -> Triggers:
        return Triggers(alternatives=(*self.clauses(), *other.clauses()))

    def clauses(self) -> tuple[Triggers, ...]:
        """This trigger and its alternatives, each without alternatives."""
        own = (replace(self, alternatives=()),) if self._looks_for_something() else ()
        return own + tuple(
            clause for alternative in self.alternatives for clause in alternative.clauses()
        )

    def _looks_for_something(self) -> bool:
        return bool(self.literals or self.chars or self.patterns or self.endings or self.non_ascii)


_FIXABLE_WORDS = {
    frozenset(): "never",
    frozenset({Applicability.SAFE}): "safe",
    frozenset({Applicability.UNSAFE}): "unsafe",
    frozenset({Applicability.SAFE, Applicability.UNSAFE}): "sometimes",
}
_LEGACY_FIXABLE = {word: applicabilities for applicabilities, word in _FIXABLE_WORDS.items()}


def fixable_word(applicabilities: frozenset[Applicability]) -> str:
    """'safe', 'unsafe', 'sometimes' or 'never' for a set of fix applicabilities."""
    return _FIXABLE_WORDS[frozenset(applicabilities)]


class _Fixable:
    """``Rule.fixable``: read-only, derived from the class's ``fix_applicabilities``."""

    def __get__(self, instance: Rule | None, owner: type[Rule]) -> str:
        return fixable_word(owner.fix_applicabilities)

    def __set__(self, instance: Rule, value: object) -> None:
        raise AttributeError("Rule.fixable is derived from fix_applicabilities")


class Rule:
    """A check for one kind of damage.  Subclass it in one module of ``newslint.rules``.

    Class attributes document the rule (``newslint rule CODE`` prints them);
    ``check`` yields diagnostics in field coordinates.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    explanation: ClassVar[str]
    bad: ClassVar[str]
    good: ClassVar[str]
    fields: ClassVar[tuple[str, ...]]
    severity: ClassVar[Severity] = Severity.WARNING
    fix_applicabilities: ClassVar[frozenset[Applicability]] = frozenset()
    """The applicabilities of the fixes the rule can emit (empty: it never offers a fix).

    A test runs every rule over its examples and the corpora and checks that each fix it
    emits has one of these, and that each of these is emitted somewhere.
    """
    fixable = _Fixable()
    """'safe', 'unsafe', 'sometimes' (both) or 'never': what ``--fix`` can do about it.

    Derived from ``fix_applicabilities``.  A subclass that still says ``fixable = "safe"``
    gets the matching ``fix_applicabilities`` instead.
    """
    triggers: ClassVar[Triggers | None] = None
    """What must occur for the rule to report anything; None: run it on every article.

    Must hold whatever the rule's options are set to.
    """
    enabled_by_default: ClassVar[bool] = True
    """False for rules that only some corpora want (select them with ``--select``)."""
    statistics: ClassVar[tuple[type[Statistic], ...]] = ()
    """Corpus statistics the rule reads (``article.context.statistics.get(kind)``): a run
    whose rules declare any first reads the whole corpus to learn them (``Run.learn``)."""
    options: ClassVar[dict[str, str]] = {}
    """Option name (kebab-case, as in ``[tool.newslint.rules.NLxxx]``) -> what it does.

    Each option's default is the class attribute of the same name in snake_case.
    """

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        legacy = vars(cls).get("fixable")
        if isinstance(legacy, str):
            if legacy not in _LEGACY_FIXABLE:
                raise TypeError(
                    f"{cls.__name__}.fixable: {legacy!r} is not one of {_LEGACY_FIXABLE}"
                )
            declared = vars(cls).get("fix_applicabilities")
            if declared is not None and fixable_word(declared) != legacy:
                raise TypeError(
                    f"{cls.__name__}: fixable {legacy!r} contradicts fix_applicabilities"
                )
            cls.fix_applicabilities = _LEGACY_FIXABLE[legacy]
            delattr(cls, "fixable")  # Rule's derived value takes over

    def configured(self, values: Mapping[str, Any]) -> Rule:
        """A copy of this rule with options from the configuration; raises ``ValueError``."""
        if not values:
            return self
        rule = copy.copy(self)
        for key, value in values.items():
            if key not in self.options:
                allowed = ", ".join(self.options) or "none"
                raise ValueError(f"unknown option {key!r} (allowed: {allowed})")
            attribute = key.replace("-", "_")
            default = getattr(self, attribute)
            if (
                isinstance(default, tuple)
                and isinstance(value, list)
                and all(isinstance(v, str) for v in value)
            ):
                value = tuple(value)
            elif type(value) is not type(default):
                raise ValueError(f"option {key!r} takes {type(default).__name__}, not {value!r}")
            setattr(rule, attribute, value)
        return rule

    def check(self, article: Article) -> Iterator[Diagnostic]:
        raise NotImplementedError

    def file_warnings(self, articles: Sequence[Article]) -> list[str]:
        """What this file's articles say about the run's set-up that keeps the rule from
        judging them (a site profile that does not know their site): printed once per file
        as a warning, never counted as a problem.  Most rules have none."""
        return []

    def diagnostic(
        self,
        field: str | None,
        start: int,
        end: int,
        message: str,
        fix: Fix | None = None,
    ) -> Diagnostic:
        # Positional: half the cost of keywords, paid for every diagnostic.
        return Diagnostic(self.code, self.name, message, self.severity, field, start, end, fix)

    @staticmethod
    def replacement(
        field: str,
        start: int,
        end: int,
        content: str,
        message: str,
        applicability: Applicability = Applicability.SAFE,
    ) -> Fix:
        """A fix made of a single edit."""
        return Fix(message, applicability, (Edit(field, start, end, content),))

    def __repr__(self) -> str:
        return f"<{self.code} {self.name}>"
