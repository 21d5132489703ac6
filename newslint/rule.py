"""The base every rule derives from: its documentation, and helpers to build diagnostics."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

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
