"""Run rules over articles and resolve their diagnostics to file locations."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newslint.diagnostics import Diagnostic, Location, Severity
from newslint.document import Document
from newslint.model import Article
from newslint.rule import Rule


def lint_article(article: Article, rules: Iterable[Rule]) -> list[Diagnostic]:
    """Every rule's diagnostics for one article, in field coordinates.

    A rule that raises does not stop the run: its exception becomes a
    diagnostic with the rule's code, so one bad rule cannot hide the rest.
    """
    found: list[Diagnostic] = []
    for rule in rules:
        try:
            found.extend(rule.check(article))
        except Exception as exc:
            found.append(
                rule.diagnostic(
                    None, 0, 0, f"internal error in rule {rule.name}: {type(exc).__name__}: {exc}"
                )
            )
            found[-1].severity = Severity.ERROR
    return found


def locate(document: Document, article: Article, diagnostic: Diagnostic) -> Location:
    """The diagnostic's start and end as lines and columns of the document."""
    span = article.spans.get(diagnostic.field) if diagnostic.field else None
    if span is None:
        start = end = article.start
    else:
        start = span.to_source(document.text, diagnostic.start)
        end = span.to_source(document.text, diagnostic.end)
    line, column = document.position(start)
    end_line, end_column = document.position(end)
    return Location(line, column, end_line, end_column)


def lint_document(document: Document, rules: Sequence[Rule]) -> list[Diagnostic]:
    """Diagnostics for every article of a document, located and sorted."""
    found: list[Diagnostic] = []
    for index, article in enumerate(document.articles):
        for diagnostic in lint_article(article, rules):
            diagnostic.path = document.path
            diagnostic.record = article.record
            diagnostic.article_index = index
            diagnostic.location = locate(document, article, diagnostic)
            found.append(diagnostic)
    found.sort(key=lambda d: d.sort_key)
    return found
