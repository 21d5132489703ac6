"""Shared machinery of the schema rules (NL0xx): validate once per article, report by category."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from newslint import pickled_by_name, schema
from newslint.diagnostics import Diagnostic, Severity
from newslint.model import Article
from newslint.rule import Rule


def violations(article: Article) -> list[schema.Violation]:
    """The article's schema violations, computed once however many rules ask."""
    found = article.schema_violations
    if found is None:
        found = schema.check(article.values, article.context.read.schema_file)
        article.schema_violations = found
    return found


class SchemaRule(Rule):
    """A rule that reports one category of schema violation."""

    category: ClassVar[str]
    severity = Severity.ERROR
    fields = ("title", "byline", "published", "url", "caption", "body", "related")

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for violation in violations(article):
            if violation.category != self.category:
                continue
            name = violation.field
            value = article.text(name) if name else None
            if name and name in article.spans and value is not None:
                yield self.diagnostic(name, 0, len(value), violation.message)
            else:
                yield self.diagnostic(name, 0, 0, violation.message)


pickled_by_name(__name__)  # pickles as its name (dill, HF datasets: see newslint/__init__.py)
