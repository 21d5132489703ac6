"""The corpus quality report's numbers: what was checked, what is wrong, where, and how fixable.

``newslint.run.Run`` runs the checks as the ``newslint`` command does; ``aggregate`` turns the
results into a ``Report``, which the HTML page and ``--format json`` both render, so the
two never disagree.  Everything a dashboard might chart is in ``Report.to_json()``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newslint import __version__
from newslint.context import RunContext
from newslint.diagnostics import Applicability, Diagnostic, ReadError
from newslint.document import DecodeError, decode, line_starts
from newslint.readers import parse_document, reader_for
from newslint.rule import Rule
from newslint.runner import FileResult
from newslint.statistics import NO_URL, DomainCounts, domain_of

EXAMPLES_PER_RULE = 3
CONTEXT_CHARACTERS = 70
"""How much of an example's line to show on each side of the offending span."""


@dataclass(slots=True)
class FileCensus:
    """What the report needs from a file beyond its diagnostics: its articles and its text."""

    urls: list[object]
    """Each article's ``url`` value as read (any JSON type, or None), in document order."""
    text: str = ""
    """The decoded text the diagnostics' lines and columns point into."""
    _starts: list[int] | None = None

    def line(self, number: int) -> str | None:
        """Line ``number`` (1-based) of the text without its line ending, or None."""
        if self._starts is None:  # found once per file: examples may come from any line
            self._starts = line_starts(self.text)
        if not self.text or not 1 <= number <= len(self._starts):
            return None
        start = self._starts[number - 1]
        end = self._starts[number] - 1 if number < len(self._starts) else len(self.text)
        return self.text[start:end].rstrip("\r")


def read_census(path: str, context: RunContext) -> FileCensus:
    """Parse a file with problems again for its articles' URLs and its text (examples).

    ``FileResult`` carries diagnostics only; a file that cannot be read has no articles.
    """
    reader = reader_for(path)
    if reader is None:
        return FileCensus([])
    try:
        data = Path(path).read_bytes()
        text, bom = decode(data)
    except (OSError, DecodeError):
        return FileCensus([])
    document = parse_document(path, reader, text, bom, context)
    return FileCensus([article.values.get("url") for article in document.articles], text)


# -- helpers -----------------------------------------------------------------------------------


def _fix_kind(diagnostic: Diagnostic) -> str:
    if diagnostic.fix is None:
        return "none"
    return "safe" if diagnostic.fix.applicability is Applicability.SAFE else "unsafe"


def _share(part: int, whole: int) -> float:
    return round(part / whole, 6) if whole else 0.0


def _line_excerpt(info: FileCensus, diagnostic: Diagnostic) -> tuple[str, int, int, bool, bool]:
    """(excerpt, highlight start, highlight end, cut before, cut after) for one diagnostic.

    The excerpt is the diagnostic's line around its span; a span that runs onto later
    lines is highlighted to the end of its first line.
    """
    loc = diagnostic.location
    line = info.line(loc.line) if loc is not None else None
    if loc is None or line is None:
        return "", 0, 0, False, False
    start = min(max(loc.column - 1, 0), len(line))
    end = min(max(loc.end_column - 1, start), len(line)) if loc.end_line == loc.line else len(line)
    first = max(0, start - CONTEXT_CHARACTERS)
    last = min(len(line), max(end, start) + CONTEXT_CHARACTERS)
    if end - start > 3 * CONTEXT_CHARACTERS:  # a whole long paragraph: show its start
        last = min(len(line), start + 3 * CONTEXT_CHARACTERS)
        end = last
    return line[first:last], start - first, end - first, first > 0, last < len(line)


# -- the report --------------------------------------------------------------------------------


@dataclass(slots=True)
class Example:
    path: str
    line: int | None
    column: int | None
    record: int | None
    field: str | None
    message: str
    excerpt: str
    highlight: tuple[int, int]
    """Start and end of the offending text within ``excerpt``."""
    cut_before: bool
    cut_after: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "record": self.record,
            "field": self.field,
            "message": self.message,
            "excerpt": self.excerpt,
            "highlight": list(self.highlight),
            "excerpt_cut": [self.cut_before, self.cut_after],
        }


@dataclass(slots=True)
class RuleStats:
    code: str
    name: str
    summary: str
    fixable: str
    """What the rule's fixes can be in general: safe, unsafe, sometimes or never."""
    problems: int = 0
    articles: int = 0
    """Articles with at least one of this rule's problems."""
    share: float = 0.0
    """``articles`` over all articles checked."""
    fixable_safe: int = 0
    fixable_unsafe: int = 0
    examples: list[Example] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "summary": self.summary,
            "fixable": self.fixable,
            "problems": self.problems,
            "articles": self.articles,
            "share_of_articles": self.share,
            "fixable_safe": self.fixable_safe,
            "fixable_unsafe": self.fixable_unsafe,
            "examples": [example.to_json() for example in self.examples],
        }


@dataclass(slots=True)
class DomainStats:
    domain: str
    articles: int = 0
    articles_with_problems: int = 0
    problems: int = 0
    rules: Counter[str] = field(default_factory=Counter)

    def to_json(self) -> dict[str, Any]:
        return {
            "domain": self.domain,
            "articles": self.articles,
            "articles_with_problems": self.articles_with_problems,
            "share_of_articles_with_problems": _share(self.articles_with_problems, self.articles),
            "problems": self.problems,
            "rules": dict(sorted(self.rules.items())),
        }


@dataclass(slots=True)
class FileStats:
    path: str
    articles: int
    problems: int
    rules: Counter[str]

    @property
    def per_article(self) -> float:
        return round(self.problems / self.articles, 3) if self.articles else float(self.problems)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "articles": self.articles,
            "problems": self.problems,
            "problems_per_article": self.per_article,
            "rules": dict(sorted(self.rules.items())),
        }


@dataclass(slots=True)
class Totals:
    files: int = 0
    files_with_problems: int = 0
    articles: int = 0
    articles_with_problems: int = 0
    problems: int = 0
    fixable_safe: int = 0
    fixable_unsafe: int = 0
    read_errors: int = 0
    rules_checked: int = 0

    @property
    def not_fixable(self) -> int:
        return self.problems - self.fixable_safe - self.fixable_unsafe

    def to_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "files_with_problems": self.files_with_problems,
            "articles": self.articles,
            "articles_with_problems": self.articles_with_problems,
            "share_of_articles_with_problems": _share(self.articles_with_problems, self.articles),
            "problems": self.problems,
            "fixable_safe": self.fixable_safe,
            "fixable_unsafe": self.fixable_unsafe,
            "not_fixable": self.not_fixable,
            "read_errors": self.read_errors,
            "rules_checked": self.rules_checked,
        }


@dataclass(slots=True)
class Report:
    """Every number in the report, computed once."""

    paths: list[str]
    totals: Totals
    rules: list[RuleStats]
    """Every rule that was run, most problems first (rules that found nothing last)."""
    domains: list[DomainStats]
    """Most problems first."""
    worst_files: list[FileStats]
    """The files with the most problems (ties: most per article, then path)."""
    errors: list[ReadError]
    version: str = __version__

    def to_json(self) -> dict[str, Any]:
        return {
            "newslint_version": self.version,
            "paths": self.paths,
            "totals": self.totals.to_json(),
            "rules": [rule.to_json() for rule in self.rules],
            "domains": [domain.to_json() for domain in self.domains],
            "worst_files": [stats.to_json() for stats in self.worst_files],
            "errors": [
                {"path": e.path, "line": e.line, "column": e.column, "message": e.message}
                for e in self.errors
            ],
        }


def aggregate(
    paths: Sequence[str],
    results: Iterable[FileResult],
    rules: Sequence[Rule],
    census: Callable[[str], FileCensus],
    worst_files: int = 10,
) -> Report:
    """Fold per-file results into the report; ``census(path)`` gives the articles' URLs and the
    text of a file with problems.  Articles per domain come from each result's
    ``DomainCounts`` statistic, collected while the file was checked."""
    totals = Totals(rules_checked=len(rules))
    by_rule = {
        rule.code: RuleStats(rule.code, rule.name, rule.summary, rule.fixable) for rule in rules
    }
    domains: dict[str, DomainStats] = {}
    files: list[FileStats] = []
    errors: list[ReadError] = []
    # Up to EXAMPLES_PER_RULE examples from distinct files, then from files already used.
    spare: dict[str, list[Example]] = {}
    for result in _by_file(results):
        totals.files += 1
        errors.extend(result.errors)
        counted = result.statistics.get(DomainCounts) if result.statistics else None
        for name, count in (counted.articles if counted else {}).items():
            domains.setdefault(name, DomainStats(name)).articles += count
        totals.articles += result.articles
        info = census(result.path) if result.diagnostics else FileCensus([])
        file_domains = [domain_of(url) for url in info.urls]
        affected: dict[int, set[str]] = {}
        seen_here: set[str] = set()
        file_rules: Counter[str] = Counter()
        for diagnostic in result.diagnostics:
            code = diagnostic.code
            stats = by_rule.get(code)
            if stats is None:  # a rule outside the selection (should not happen): still counted
                stats = by_rule[code] = RuleStats(code, diagnostic.name, "", "never")
            stats.problems += 1
            file_rules[code] += 1
            kind = _fix_kind(diagnostic)
            if kind == "safe":
                stats.fixable_safe += 1
                totals.fixable_safe += 1
            elif kind == "unsafe":
                stats.fixable_unsafe += 1
                totals.fixable_unsafe += 1
            index = diagnostic.article_index
            affected.setdefault(index, set()).add(code)
            in_range = 0 <= index < len(file_domains)
            domain = domains.setdefault(
                file_domains[index] if in_range else NO_URL,
                DomainStats(file_domains[index] if in_range else NO_URL),
            )
            domain.problems += 1
            domain.rules[code] += 1
            _keep_example(stats, spare.setdefault(code, []), diagnostic, info, seen_here)
        totals.problems += len(result.diagnostics)
        totals.articles_with_problems += len(affected)
        for index, codes in affected.items():
            for code in codes:
                by_rule[code].articles += 1
            name = file_domains[index] if 0 <= index < len(file_domains) else NO_URL
            domains[name].articles_with_problems += 1
        if result.diagnostics:
            totals.files_with_problems += 1
            files.append(
                FileStats(result.path, len(file_domains), len(result.diagnostics), file_rules)
            )
    totals.read_errors = len(errors)
    for code, stats in by_rule.items():
        stats.share = _share(stats.articles, totals.articles)
        stats.examples.extend(spare.get(code, [])[: EXAMPLES_PER_RULE - len(stats.examples)])
    files.sort(key=lambda f: (-f.problems, -f.per_article, f.path))
    return Report(
        paths=list(paths),
        totals=totals,
        rules=sorted(by_rule.values(), key=lambda r: (-r.problems, r.code)),
        domains=sorted(domains.values(), key=lambda d: (-d.problems, -d.articles, d.domain)),
        worst_files=files[:worst_files],
        errors=errors,
    )


def _by_file(results: Iterable[FileResult]) -> list[FileResult]:
    """One result per path, in path order (a runner may split a big file into chunks)."""
    merged: dict[str, FileResult] = {}
    for result in results:
        kept = merged.get(result.path)
        if kept is None:
            kept = merged[result.path] = FileResult(result.path)
        kept.absorb(result)
    for result in merged.values():
        result.diagnostics.sort(key=lambda d: d.sort_key)
    return [merged[path] for path in sorted(merged)]


def _keep_example(
    stats: RuleStats, spare: list[Example], diagnostic: Diagnostic, info: FileCensus, seen: set[str]
) -> None:
    """Keep the diagnostic as an example of its rule if the rule still needs one."""
    first_in_file = diagnostic.code not in seen
    seen.add(diagnostic.code)
    if len(stats.examples) >= EXAMPLES_PER_RULE:
        return
    if not first_in_file and len(spare) >= EXAMPLES_PER_RULE:
        return
    excerpt, start, end, before, after = _line_excerpt(info, diagnostic)
    loc = diagnostic.location
    example = Example(
        path=diagnostic.path,
        line=loc.line if loc else None,
        column=loc.column if loc else None,
        record=diagnostic.record,
        field=diagnostic.field,
        message=diagnostic.message,
        excerpt=excerpt,
        highlight=(start, end),
        cut_before=before,
        cut_after=after,
    )
    (stats.examples if first_in_file else spare).append(example)
