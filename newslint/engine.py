"""Run rules over articles and resolve their diagnostics to file locations."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import replace

from newslint.diagnostics import Diagnostic, Location, Severity
from newslint.document import Document
from newslint.model import Article
from newslint.prefilter import prefilter_for
from newslint.rule import Rule
from newslint.selection import selector_matches


def lint_article(article: Article, rules: Iterable[Rule]) -> list[Diagnostic]:
    """Every rule's diagnostics for one article, in field coordinates.

    Only the rules whose triggers occur in the article run (``newslint.prefilter``):
    the others cannot report anything.  A rule that raises does not stop the run: its
    exception becomes a diagnostic with the rule's code, so one bad rule cannot hide
    the rest.

    A rule that says ``claims_spans = True`` (the encoding repairs: mojibake) owns the
    text it reports: no other rule's diagnostic may report or edit inside it, so such
    diagnostics are dropped (``_drop_claimed``).  The text is repaired first; once it
    is, the other rules see the repaired text on the fixer's next pass.  A diagnostic
    whose span holds a claimed span whole (a boilerplate line or block with mojibake in
    it) is kept: deleting the block is no edit inside the mojibake.
    """
    found: list[Diagnostic] = []
    claimed: list[Diagnostic] = []
    for rule in prefilter_for(rules).candidates(article):
        try:
            diagnostics = list(rule.check(article))
        except Exception as exc:
            found.append(
                rule.diagnostic(
                    None, 0, 0, f"internal error in rule {rule.name}: {type(exc).__name__}: {exc}"
                )
            )
            found[-1].severity = Severity.ERROR
            continue
        if diagnostics and getattr(rule, "claims_spans", False):
            claimed.extend(diagnostics)
        found.extend(diagnostics)
    if claimed:
        found = _drop_claimed(found, claimed)
    return found


def drop_claimed(found: list[Diagnostic], rules: Iterable[Rule]) -> list[Diagnostic]:
    """``found`` (one article's diagnostics from ``rules``) as ``lint_article`` returns
    them: less other rules' diagnostics inside a span a claiming rule reports."""
    codes = {rule.code for rule in rules if getattr(rule, "claims_spans", False)}
    claimed = [d for d in found if d.code in codes]
    return _drop_claimed(found, claimed) if claimed else found


def _drop_claimed(found: list[Diagnostic], claimed: list[Diagnostic]) -> list[Diagnostic]:
    """``found`` less the diagnostics of other rules that report or edit inside a span
    of a ``claimed`` diagnostic (in the same field)."""
    owners = {id(d) for d in claimed}
    spans: dict[str | None, _Claims] = {}
    for diagnostic in claimed:
        spans.setdefault(diagnostic.field, _Claims()).add(diagnostic.start, diagnostic.end)
    kept: list[Diagnostic] = []
    for diagnostic in found:
        if id(diagnostic) not in owners and _touches(diagnostic, spans):
            continue
        kept.append(diagnostic)
    return kept


def _touches(diagnostic: Diagnostic, spans: dict[str | None, _Claims]) -> bool:
    claims = spans.get(diagnostic.field)
    if claims is not None and claims.cuts(diagnostic.start, diagnostic.end):
        return True
    if diagnostic.fix is None:
        return False
    for edit in diagnostic.fix.edits:
        claims = spans.get(edit.field)
        if claims is not None and claims.cuts(edit.start, edit.end):
            return True
    return False


class _Claims:
    """Claimed spans of one field: sorted, merged, with a logarithmic test."""

    def __init__(self) -> None:
        self._raw: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._spans: list[tuple[int, int]] = []

    def add(self, start: int, end: int) -> None:
        self._raw.append((start, end))
        self._spans = []

    def _merged(self) -> list[tuple[int, int]]:
        if not self._spans:
            for start, end in sorted(self._raw):
                if self._spans and start <= self._spans[-1][1]:
                    self._spans[-1] = (self._spans[-1][0], max(end, self._spans[-1][1]))
                else:
                    self._spans.append((start, end))
            self._starts = [start for start, _ in self._spans]
        return self._spans

    def cuts(self, start: int, end: int) -> bool:
        """Whether [start, end) reports or edits inside a claimed span: it lies within one,
        or one of its ends falls strictly inside one (an insertion counts when strictly
        inside).  A range that holds claimed spans whole (a menu line or a block that
        boilerplate rules delete, mojibake and all) does not: it edits around them."""
        spans = self._merged()
        if not spans:
            return False
        if self._strictly_inside(start) or self._strictly_inside(end):
            return True
        if end <= start:
            return False
        index = bisect.bisect_right(self._starts, start) - 1
        return index >= 0 and end <= spans[index][1]

    def _strictly_inside(self, offset: int) -> bool:
        index = bisect.bisect_left(self._starts, offset) - 1
        return index >= 0 and offset < self._spans[index][1]


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


def record_ignores(article: Article) -> list[str]:
    """Selectors the record itself ignores (the field's name is configurable: record-settings)."""
    settings = article.values.get(article.context.read.record_settings)
    if not isinstance(settings, dict):
        return []
    ignore = settings.get("ignore")
    return [str(item) for item in ignore] if isinstance(ignore, list) else []


def _record_key(article: Article) -> str:
    for name in ("id", "url"):
        value = article.values.get(name)
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            # Whitespace never belongs in an id or a URL: a split URL keeps its key once joined.
            return f"{name}={''.join(str(value).split())}"
    return ""


def lint_document(
    document: Document, rules: Sequence[Rule], cache: dict[str, list[Diagnostic]] | None = None
) -> list[Diagnostic]:
    """Diagnostics for every article of a document, located and sorted.

    With a ``cache`` (the fixer's, across passes), an article whose source text is
    unchanged is not linted again: rules are pure functions of the article's text.
    """
    found: list[Diagnostic] = []
    for index, article in enumerate(document.articles):
        if cache is None:
            diagnostics = lint_article(article, rules)
        else:
            key = document.text[article.start : article.end]
            if key not in cache:
                cache[key] = lint_article(article, rules)
            diagnostics = [replace(d) for d in cache[key]]
        ignored = record_ignores(article)
        if ignored:
            diagnostics = [
                d
                for d in diagnostics
                if not any(selector_matches(d.code, d.name, sel) for sel in ignored)
            ]
        if diagnostics:
            _place(document, article, index, diagnostics)
            found += diagnostics
    found.sort(key=lambda d: d.sort_key)
    return found


def _place(document: Document, article: Article, index: int, diagnostics: list[Diagnostic]) -> None:
    """Give an article's diagnostics their file, record, location and snippet.

    ``locate`` for each, with what it looks up per diagnostic looked up once per article:
    a corpus cycle has 55,000 problems.  An article on one line (a JSONL record) is placed
    on that line without a search per offset.
    """
    path, text, position = document.path, document.text, document.position
    record = None if article.record is None else article.record + document.first_line
    record_key = _record_key(article)
    spans, values = article.spans, article.values
    line, line_start = position(article.start)
    line_start = article.start - line_start + 1  # the offset where the article's line starts
    line_end = text.find("\n", article.start)
    if line_end < 0:
        line_end = len(text)
    for diagnostic in diagnostics:
        diagnostic.path = path
        diagnostic.record = record
        diagnostic.article_index = index
        diagnostic.record_key = record_key
        name = diagnostic.field
        span = spans.get(name) if name else None
        if span is None:
            start = end = article.start
        elif span.escaped:
            start = span.to_source(text, diagnostic.start)
            end = span.to_source(text, diagnostic.end)
        else:
            start, end = span.start + diagnostic.start, span.start + diagnostic.end
        if line_start <= start and end <= line_end:  # on the article's first line
            diagnostic.location = Location(line, start - line_start + 1, line, end - line_start + 1)
        else:
            diagnostic.location = Location(*position(start), *position(end))
        value = values.get(name) if name else None
        if isinstance(value, str):  # at most 200 characters, without copying a long span first
            start = diagnostic.start
            diagnostic.snippet = value[start : min(diagnostic.end, start + 200)]
        else:
            diagnostic.snippet = ""
