"""The corpus quality report's numbers: what was checked, what is wrong, where, and how fixable.

``newslint.run.Run`` runs the checks as the ``newslint`` command does; ``aggregate`` turns the
results into a ``Report``, which the HTML page and ``--format json`` both render, so the
two never disagree.  Everything a dashboard might chart is in ``Report.to_json()``.

The results may also come from a diagnostics file (``newslint report --from``, see
``newslint.quality.sources``): then what the file does not tell (how many articles there
were, their URLs, what ``--fix`` would leave) is reported as unknown, never guessed.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from newslint import __version__
from newslint.context import RunContext
from newslint.diagnostics import Applicability, Diagnostic, ReadError, Severity
from newslint.document import DecodeError, decode, line_starts
from newslint.model import FieldSpan
from newslint.readers import parse_document, reader_for
from newslint.readers.compressed import CompressionError, compression_of, decompress
from newslint.rule import Rule
from newslint.runner import FileResult
from newslint.statistics import NO_URL, DomainCounts, domain_of

EXAMPLES_PER_RULE = 3
CONTEXT_CHARACTERS = 70
"""How much of an example's line to show on each side of the offending span."""
MIN_ARTICLES = 20
"""A domain is ranked by problems per article only with at least this many articles
(``--min-articles``): a domain with one bad article would otherwise top the ranking at
3 problems per article on no evidence.  Twenty articles put the rate's standard error
(Poisson, at 1.5 problems per article) near 0.27, small enough to order domains."""
UNKNOWN = "(unknown)"
"""The domain or group of an article the report cannot see (a diagnostics file without
the text it was made from)."""
NO_VALUE = "(none)"
"""The group of an article without the grouping field (or whose value is not text)."""

CATEGORY_WEIGHTS = {"0": 3, "1": 1, "2": 2, "3": 3, "4": 2, "5": 1, "6": 2}
"""Weight of a problem by its rule's category (the code's first digit), for the weighted score.

The weight is how much of the article a problem spoils for its readers (people, search,
a model trained on it): 1 for markup debris and whitespace (NL1, NL5: the words are all
there, a tokenizer mostly shrugs them off); 2 for broken URLs, boilerplate and structure
(NL2, NL4, NL6: foreign or missing text in the article); 3 for encoding damage and
schema problems (NL3, NL0: words themselves are wrong, or the article cannot be used or
filed).  A rule of severity ``error`` weighs ``ERROR_WEIGHT`` whatever its category: it
marks an article that is unusable as it is."""
ERROR_WEIGHT = 5


def rule_weight(code: str, severity: Severity | str) -> int:
    """The weight of one problem of rule ``code`` (see ``CATEGORY_WEIGHTS``)."""
    if Severity(severity) is Severity.ERROR:
        return ERROR_WEIGHT
    return CATEGORY_WEIGHTS.get(code[2:3], 1)


@dataclass(slots=True)
class FileCensus:
    """What the report needs from a file beyond its diagnostics: its articles and its text."""

    urls: list[object]
    """Each article's ``url`` value as read (any JSON type, or None), in document order."""
    text: str = ""
    """The decoded text the diagnostics' lines and columns point into."""
    values: Sequence[Mapping[str, Any]] = field(default_factory=list)
    """Each article's fields as read, in document order (ids, group fields, examples' text)."""
    records: list[int | None] = field(default_factory=list)
    """Each article's line in a JSONL file (None in other formats), in document order."""
    spans: Sequence[Mapping[str, FieldSpan]] = field(default_factory=list)
    """Each article's text fields' places in ``text`` (to map a file location to a field)."""
    known: bool = True
    """False when the report cannot see the file's articles (a diagnostics file's path that
    is not here): their domains and groups are ``UNKNOWN``, not ``(no url)``."""
    _starts: list[int] | None = None

    def offset(self, line: int, column: int) -> int | None:
        """The offset in ``text`` of 1-based ``line`` and ``column``, if the text has that line."""
        found = self.line(line)
        if found is None or self._starts is None:
            return None
        return self._starts[line - 1] + min(max(column - 1, 0), len(found))

    def field_offsets(self, index: int, name: str, start: int, end: int) -> tuple[int, int] | None:
        """The offsets in field ``name`` of article ``index`` that ``text[start:end]`` is, or
        None if the field is not there (each found by bisection over the field's source map)."""
        if not 0 <= index < len(self.spans):
            return None
        span, value = self.spans[index].get(name), self.value(index, name)
        if span is None or not isinstance(value, str):
            return None
        text = self.text

        def place(offset: int) -> int:
            return bisect.bisect_left(
                range(len(value) + 1), offset, key=lambda i: span.to_source(text, i)
            )

        return place(start), place(end)

    def value(self, index: int, name: str) -> object:
        """Field ``name`` of article ``index``, or None."""
        if 0 <= index < len(self.values):
            return self.values[index].get(name)
        return None

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
        compression = compression_of(path)
        if compression is not None:  # a .jsonl.gz or .jsonl.zst corpus: its text, as checked
            data = decompress(data, compression)
        text, bom = decode(data)
    except (OSError, DecodeError, CompressionError):
        return FileCensus([])
    document = parse_document(path, reader, text, bom, context)
    articles = document.articles
    return FileCensus(
        [article.values.get("url") for article in articles],
        text,
        [article.values for article in articles],
        [article.record for article in articles],
        [article.spans for article in articles],
    )


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


def _field_excerpt(
    info: FileCensus, diagnostic: Diagnostic
) -> tuple[str, int, int, bool, bool] | None:
    """Like ``_line_excerpt``, in the field's decoded text (what a JSON string means, not its
    escapes), from the diagnostic's field offsets; None if the report does not have the text."""
    name = diagnostic.field
    value = info.value(diagnostic.article_index, name) if name else None
    if not isinstance(value, str) or diagnostic.start < 0:  # -1: offsets not known
        return None
    start = min(max(diagnostic.start, 0), len(value))
    end = min(max(diagnostic.end, start), len(value))
    if end - start > 3 * CONTEXT_CHARACTERS:  # a whole long paragraph: show its start
        end = start + 3 * CONTEXT_CHARACTERS
    first = max(0, start - CONTEXT_CHARACTERS)
    last = min(len(value), end + CONTEXT_CHARACTERS)
    # Stay on the span's lines: the context is its paragraph, not the article around it.
    newline = value.rfind("\n", first, start)
    if newline >= 0 and value[newline + 1 : start].strip():
        first = newline + 1
    newline = value.find("\n", end, last)
    if newline >= 0 and value[end:newline].strip():
        last = newline
    return value[first:last], start - first, end - first, first > 0, last < len(value)


def _record_id(info: FileCensus, index: int) -> str | None:
    value = info.value(index, "id")
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None


def _url(info: FileCensus, index: int) -> str | None:
    value = info.value(index, "url")
    return value if isinstance(value, str) else None


# -- grouping ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GroupBy:
    """``--group-by field:NAME`` (an article's field: ``source``, ``extractor``) or
    ``--group-by folder[:DEPTH]`` (the first DEPTH parts of the file's folder; all of them
    without DEPTH)."""

    kind: str
    """``field`` or ``folder``."""
    name: str = ""
    depth: int | None = None

    @classmethod
    def parse(cls, spec: str) -> GroupBy:
        """The grouping ``spec`` names; ``ValueError`` with a one-line message if it is bad."""
        kind, _, rest = spec.partition(":")
        if kind == "field" and rest.strip():
            return cls("field", rest.strip())
        if kind == "folder":
            if not rest:
                return cls("folder")
            if rest.isdigit() and int(rest) > 0:
                return cls("folder", depth=int(rest))
            raise ValueError(f"--group-by folder:DEPTH needs a whole number above 0, not {rest!r}")
        raise ValueError(f"--group-by takes field:NAME or folder[:DEPTH], not {spec!r}")

    @property
    def label(self) -> str:
        if self.kind == "field":
            return f"field:{self.name}"
        return "folder" if self.depth is None else f"folder:{self.depth}"

    def folder_of(self, path: str) -> str:
        parts = PurePath(path).parent.parts
        if self.depth is not None:
            parts = parts[: self.depth]
        return PurePath(*parts).as_posix() if parts else "."

    def value_of(self, info: FileCensus, index: int) -> str:
        if not info.known:
            return UNKNOWN
        value = info.value(index, self.name)
        if isinstance(value, bool) or value is None:
            return NO_VALUE if value is None else str(value).lower()
        if isinstance(value, (str, int, float)):
            shown = " ".join(str(value).split())
            return shown if shown else NO_VALUE
        return NO_VALUE


# -- after --fix -------------------------------------------------------------------------------


@dataclass(slots=True)
class Remaining:
    """What one file (or the corpus) would still have after fixing, in memory."""

    problems: int = 0
    articles: int = 0
    rules: Counter[str] = field(default_factory=Counter)

    def add(self, other: Remaining) -> None:
        self.problems += other.problems
        self.articles += other.articles
        self.rules.update(other.rules)

    @classmethod
    def of(cls, diagnostics: Iterable[Diagnostic]) -> Remaining:
        found = list(diagnostics)
        return cls(
            len(found),
            len({d.article_index for d in found}),
            Counter(d.code for d in found),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "problems": self.problems,
            "articles": self.articles,
            "rules": dict(sorted(self.rules.items())),
        }


@dataclass(slots=True)
class AfterFix:
    """Problems and articles still bad after ``--fix`` and after ``--fix --unsafe-fixes``,
    found by applying the fixes in memory and checking the result again (nothing is written)."""

    safe: Remaining = field(default_factory=Remaining)
    unsafe: Remaining = field(default_factory=Remaining)

    def add(self, other: AfterFix) -> None:
        self.safe.add(other.safe)
        self.unsafe.add(other.unsafe)

    def to_json(self) -> dict[str, Any]:
        return {"after_fix": self.safe.to_json(), "after_unsafe_fixes": self.unsafe.to_json()}


FixPreview = Callable[[str, Sequence[Diagnostic]], AfterFix]
"""``preview(path, diagnostics)``: what fixing the file in memory would leave."""


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
    record_id: str | None = None
    """The article's ``id``, if it has one."""
    url: str | None = None
    text: str | None = None
    """The field's decoded text around the problem (None if the report does not have it)."""
    text_highlight: tuple[int, int] = (0, 0)
    text_cut: tuple[bool, bool] = (False, False)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "record": self.record,
            "id": self.record_id,
            "url": self.url,
            "field": self.field,
            "message": self.message,
            "excerpt": self.excerpt,
            "highlight": list(self.highlight),
            "excerpt_cut": [self.cut_before, self.cut_after],
            "text": self.text,
            "text_highlight": list(self.text_highlight),
            "text_cut": list(self.text_cut),
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
    weight: int = 1
    """What one of its problems counts in the weighted score (``rule_weight``)."""
    after_fix: int | None = None
    """Problems left after ``--fix`` (None: not known)."""
    after_unsafe_fixes: int | None = None

    def to_json(self, articles_known: bool = True) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "summary": self.summary,
            "fixable": self.fixable,
            "problems": self.problems,
            "articles": self.articles,
            "share_of_articles": self.share if articles_known else None,
            "fixable_safe": self.fixable_safe,
            "fixable_unsafe": self.fixable_unsafe,
            "weight": self.weight,
            "weighted_score": self.problems * self.weight,
            "after_fix": self.after_fix,
            "after_unsafe_fixes": self.after_unsafe_fixes,
            "examples": [example.to_json() for example in self.examples],
        }


def _per_article(value: float, articles: int) -> float | None:
    return round(value / articles, 3) if articles else None


@dataclass(slots=True)
class DomainStats:
    domain: str
    articles: int = 0
    articles_with_problems: int = 0
    problems: int = 0
    rules: Counter[str] = field(default_factory=Counter)
    weighted: int = 0
    """The domain's problems, each counted at its rule's weight."""

    @property
    def per_article(self) -> float | None:
        """Problems per article (None: no article of the domain was counted)."""
        return _per_article(self.problems, self.articles)

    def to_json(self, articles_known: bool = True) -> dict[str, Any]:
        return {"domain": self.domain, **_tallies(self, articles_known)}


def _tallies(stats: DomainStats | GroupStats, known: bool) -> dict[str, Any]:
    """A domain's or a group's figures; those that need article counts are None when the
    counts are not ``known`` (a report from a diagnostics file)."""
    return {
        "articles": stats.articles if known else None,
        "articles_with_problems": stats.articles_with_problems,
        "share_of_articles_with_problems": (
            _share(stats.articles_with_problems, stats.articles) if known else None
        ),
        "problems": stats.problems,
        "problems_per_article": stats.per_article if known else None,
        "weighted_score": stats.weighted,
        "weighted_per_article": _per_article(stats.weighted, stats.articles) if known else None,
        "rules": dict(sorted(stats.rules.items())),
    }


@dataclass(slots=True)
class GroupStats:
    """One group of ``--group-by``: a value of the field, or a folder."""

    name: str
    articles: int = 0
    articles_with_problems: int = 0
    problems: int = 0
    weighted: int = 0
    rules: Counter[str] = field(default_factory=Counter)

    @property
    def per_article(self) -> float | None:
        return _per_article(self.problems, self.articles)

    def to_json(self, articles_known: bool = True) -> dict[str, Any]:
        return {"group": self.name, **_tallies(self, articles_known)}


@dataclass(slots=True)
class FileStats:
    path: str
    articles: int | None
    """None: not known (a diagnostics file naming a file that is not here)."""
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
            "problems_per_article": self.per_article if self.articles is not None else None,
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
    weighted: int = 0
    """Every problem counted at its rule's weight (``rule_weight``)."""

    @property
    def not_fixable(self) -> int:
        return self.problems - self.fixable_safe - self.fixable_unsafe

    def to_json(self, articles_known: bool = True) -> dict[str, Any]:
        known = articles_known
        return {
            "files": self.files,
            "files_with_problems": self.files_with_problems,
            "articles": self.articles if known else None,
            "articles_with_problems": self.articles_with_problems,
            "share_of_articles_with_problems": (
                _share(self.articles_with_problems, self.articles) if known else None
            ),
            "problems": self.problems,
            "fixable_safe": self.fixable_safe,
            "fixable_unsafe": self.fixable_unsafe,
            "not_fixable": self.not_fixable,
            "read_errors": self.read_errors,
            "rules_checked": self.rules_checked,
            "weighted_score": self.weighted,
            "weighted_per_article": _per_article(self.weighted, self.articles) if known else None,
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
    ranked_domains: list[DomainStats] = field(default_factory=list)
    """Domains with at least ``min_articles`` articles, most problems per article first."""
    min_articles: int = MIN_ARTICLES
    group_by: str | None = None
    """``--group-by``'s spec (``field:source``, ``folder:2``), or None."""
    groups: list[GroupStats] = field(default_factory=list)
    """Most problems per article first (most problems first when articles are unknown)."""
    after_fix: AfterFix | None = None
    """What fixing would leave; None when the report cannot know (``unknown`` says why)."""
    source: str = "check"
    """``check`` (the report checked the files) or ``diagnostics`` (``--from``)."""
    articles_known: bool = True
    """False when the input does not say how many articles there were."""
    unknown: list[str] = field(default_factory=list)
    """What the report cannot tell from its input, one sentence each."""

    def to_json(self) -> dict[str, Any]:
        known = self.articles_known
        return {
            "newslint_version": self.version,
            "paths": self.paths,
            "source": self.source,
            "unknown": self.unknown,
            "totals": self.totals.to_json(known),
            "weights": {
                "categories": {f"NL{digit}": w for digit, w in CATEGORY_WEIGHTS.items()},
                "severity_error": ERROR_WEIGHT,
            },
            "after_fix": None if self.after_fix is None else self.after_fix.to_json(),
            "rules": [rule.to_json(known) for rule in self.rules],
            "domains": [domain.to_json(known) for domain in self.domains],
            "domain_ranking": {
                "min_articles": self.min_articles,
                "domains": [
                    {
                        "domain": d.domain,
                        "articles": d.articles,
                        "problems": d.problems,
                        "problems_per_article": d.per_article,
                        "weighted_per_article": _per_article(d.weighted, d.articles),
                    }
                    for d in self.ranked_domains
                ],
            },
            "group_by": self.group_by,
            "groups": [group.to_json(known) for group in self.groups],
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
    *,
    group_by: GroupBy | None = None,
    min_articles: int = MIN_ARTICLES,
    preview: FixPreview | None = None,
    articles_known: bool = True,
    source: str = "check",
) -> Report:
    """Fold per-file results into the report; ``census(path)`` gives the articles' URLs, fields
    and the text of a file with problems (of every file, to group by a field).  Articles per
    domain come from each result's ``DomainCounts`` statistic, collected while the file was
    checked.  ``preview`` (None: unknown) says what fixing a file in memory would leave."""
    totals = Totals(rules_checked=len(rules))
    by_rule = {
        rule.code: RuleStats(
            rule.code,
            rule.name,
            rule.summary,
            rule.fixable,
            weight=rule_weight(rule.code, rule.severity),
        )
        for rule in rules
    }
    domains: dict[str, DomainStats] = {}
    groups: dict[str, GroupStats] = {}
    files: list[FileStats] = []
    errors: list[ReadError] = []
    after = AfterFix() if preview is not None else None
    # Up to EXAMPLES_PER_RULE examples from distinct files, then from files already used.
    spare: dict[str, list[Example]] = {}
    by_field = group_by is not None and group_by.kind == "field"
    for result in _by_file(results):
        totals.files += 1
        errors.extend(result.errors)
        counted = result.statistics.get(DomainCounts) if result.statistics else None
        for name, count in (counted.articles if counted else {}).items():
            domains.setdefault(name, DomainStats(name)).articles += count
        totals.articles += result.articles
        wanted = result.diagnostics or (by_field and result.articles)
        info = census(result.path) if wanted else FileCensus([])
        file_domains = [
            domain_of(url) if url is not None or info.known else UNKNOWN for url in info.urls
        ]
        fallback = NO_URL if info.known else UNKNOWN
        group_of: Callable[[int], str] | None = None
        if group_by is not None:
            if group_by.kind == "folder":
                folder = group_by.folder_of(result.path)
                groups.setdefault(folder, GroupStats(folder)).articles += result.articles
                group_of = _constant(folder)
            else:
                for index in range(len(info.values) if info.known else 0):
                    key = group_by.value_of(info, index)
                    groups.setdefault(key, GroupStats(key)).articles += 1
                group_of = _values_of(group_by, info)
        affected: dict[int, set[str]] = {}
        seen_here: set[str] = set()
        file_rules: Counter[str] = Counter()
        for diagnostic in result.diagnostics:
            code = diagnostic.code
            stats = by_rule.get(code)
            if stats is None:  # a rule outside the selection (should not happen): still counted
                stats = by_rule[code] = RuleStats(
                    code,
                    diagnostic.name,
                    "",
                    "never",
                    weight=rule_weight(code, diagnostic.severity),
                )
            stats.problems += 1
            file_rules[code] += 1
            totals.weighted += stats.weight
            kind = _fix_kind(diagnostic)
            if kind == "safe":
                stats.fixable_safe += 1
                totals.fixable_safe += 1
            elif kind == "unsafe":
                stats.fixable_unsafe += 1
                totals.fixable_unsafe += 1
            index = diagnostic.article_index
            affected.setdefault(index, set()).add(code)
            name = _domain_at(file_domains, fallback, index)
            domain = domains.setdefault(name, DomainStats(name))
            domain.problems += 1
            domain.weighted += stats.weight
            domain.rules[code] += 1
            if group_of is not None:
                group = groups.setdefault(group_of(index), GroupStats(group_of(index)))
                group.problems += 1
                group.weighted += stats.weight
                group.rules[code] += 1
            _keep_example(stats, spare.setdefault(code, []), diagnostic, info, seen_here)
        totals.problems += len(result.diagnostics)
        totals.articles_with_problems += len(affected)
        for index, codes in affected.items():
            for code in codes:
                by_rule[code].articles += 1
            domains[_domain_at(file_domains, fallback, index)].articles_with_problems += 1
            if group_of is not None:
                groups[group_of(index)].articles_with_problems += 1
        if after is not None and preview is not None:
            after.add(preview(result.path, result.diagnostics))
        if result.diagnostics:
            totals.files_with_problems += 1
            articles = len(file_domains) if info.known else None
            files.append(FileStats(result.path, articles, len(result.diagnostics), file_rules))
    totals.read_errors = len(errors)
    for code, stats in by_rule.items():
        stats.share = _share(stats.articles, totals.articles)
        stats.examples.extend(spare.get(code, [])[: EXAMPLES_PER_RULE - len(stats.examples)])
        if after is not None:
            stats.after_fix = after.safe.rules.get(code, 0)
            stats.after_unsafe_fixes = after.unsafe.rules.get(code, 0)
    files.sort(key=lambda f: (-f.problems, -f.per_article, f.path))
    ranked = sorted(
        (d for d in domains.values() if d.articles >= max(min_articles, 1) and d.domain != UNKNOWN),
        key=lambda d: (-d.problems / d.articles, -d.weighted / d.articles, d.domain),
    )
    if articles_known:
        group_order = sorted(
            groups.values(),
            key=lambda g: (-(g.problems / g.articles if g.articles else g.problems), g.name),
        )
    else:
        group_order = sorted(groups.values(), key=lambda g: (-g.problems, g.name))
    return Report(
        paths=list(paths),
        totals=totals,
        rules=sorted(by_rule.values(), key=lambda r: (-r.problems, r.code)),
        domains=sorted(domains.values(), key=lambda d: (-d.problems, -d.articles, d.domain)),
        worst_files=files[:worst_files],
        errors=errors,
        ranked_domains=ranked if articles_known else [],
        min_articles=min_articles,
        group_by=group_by.label if group_by is not None else None,
        groups=group_order,
        after_fix=after,
        source=source,
        articles_known=articles_known,
    )


def _domain_at(file_domains: Sequence[str], fallback: str, index: int) -> str:
    """The domain of article ``index``; ``fallback`` past the file's articles (it has none
    the report can see), ``UNKNOWN`` for -1 (a diagnostic whose article was not found)."""
    if 0 <= index < len(file_domains):
        return file_domains[index]
    return fallback if index >= 0 else UNKNOWN


def _constant(name: str) -> Callable[[int], str]:
    """Every article of the file is in group ``name`` (its folder)."""

    def group_of(index: int) -> str:
        return name

    return group_of


def _values_of(group_by: GroupBy, info: FileCensus) -> Callable[[int], str]:
    """The group of article ``index`` of the file ``info`` describes (its field's value)."""

    def group_of(index: int) -> str:
        return group_by.value_of(info, index)

    return group_of


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
    decoded = _field_excerpt(info, diagnostic)
    loc = diagnostic.location
    index = diagnostic.article_index
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
        record_id=_record_id(info, index),
        url=_url(info, index),
    )
    if decoded is not None:
        example.text = decoded[0]
        example.text_highlight = (decoded[1], decoded[2])
        example.text_cut = (decoded[3], decoded[4])
    (stats.examples if first_in_file else spare).append(example)
