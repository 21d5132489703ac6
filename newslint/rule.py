"""The base every rule derives from: its documentation, and helpers to build diagnostics."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from newslint.model import Article

CODE_PATTERN = re.compile(r"NL[0-6]\d\d")
NAME_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


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
    fixable: ClassVar[str] = "never"
    """'safe', 'unsafe', 'sometimes' or 'never': what ``--fix`` can do about it."""
    enabled_by_default: ClassVar[bool] = True
    """False for rules that only some corpora want (select them with ``--select``)."""
    options: ClassVar[dict[str, str]] = {}
    """Option name (kebab-case, as in ``[tool.newslint.rules.NLxxx]``) -> what it does.

    Each option's default is the class attribute of the same name in snake_case.
    """

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

    def diagnostic(
        self,
        field: str | None,
        start: int,
        end: int,
        message: str,
        fix: Fix | None = None,
    ) -> Diagnostic:
        return Diagnostic(
            code=self.code,
            name=self.name,
            message=message,
            severity=self.severity,
            field=field,
            start=start,
            end=end,
            fix=fix,
        )

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
