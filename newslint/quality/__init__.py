"""``newslint report``: the corpus's health as one self-contained HTML page, or as JSON.

The page shows how many articles were checked and how many have problems, problems per
rule and per source domain (with bar charts), a severity-weighted score, domains ranked by
problems per article, groups (``--group-by field:source``, ``folder:2``), how much ``--fix``
can mend and what would still be bad after it (fixed in memory, never written), the worst
files, and examples with the record's id and url and the field's text, the offending span
highlighted.  ``--format json`` gives the same numbers for dashboards.  ``--from FILE``
builds the report from diagnostics a run wrote (``--format json[-lines]``, the Ray engine,
datatrove) instead of checking files.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import IO, Any

from newslint.config import ConfigError
from newslint.diagnostics import Diagnostic
from newslint.quality.aggregate import (
    MIN_ARTICLES,
    AfterFix,
    FileCensus,
    FixPreview,
    GroupBy,
    Remaining,
    Report,
    aggregate,
    read_census,
)
from newslint.quality.html import render_html
from newslint.run import Run
from newslint.runner import FileResult
from newslint.selection import split_selectors
from newslint.statistics import DomainCounts

__all__ = [
    "DEFAULT_OUTPUT",
    "FileCensus",
    "GroupBy",
    "Report",
    "build_report",
    "render_html",
    "run_report_command",
]

DEFAULT_OUTPUT = "newslint-report.html"
EXIT_OK, EXIT_ERROR = 0, 2


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newslint report",
        description="Write a corpus quality report: one self-contained HTML page "
        "(charts, tables, examples), or the same numbers as JSON.",
        epilog="Exit status: 0 report written, 2 error (bad configuration, unreadable input, "
        "or the report could not be written). Problems in the corpus do not change it.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders to check (default: .)"
    )
    parser.add_argument(
        "--from",
        dest="from_files",
        action="append",
        default=[],
        metavar="FILE",
        help="build the report from this diagnostics file instead of checking files: "
        "newslint --format json or json-lines output, OUTPUT/diagnostics.jsonl of "
        "--engine ray, or records with a 'newslint' column (JSON lines or Parquet: Ray, "
        "datatrove); repeatable",
    )
    parser.add_argument(
        "--text-field",
        default="body",
        metavar="NAME",
        help="with --from: the article field a datatrove document's text is (default: body)",
    )
    parser.add_argument(
        "--group-by",
        metavar="SPEC",
        help="a table per group: field:NAME (an article field, e.g. field:source) or "
        "folder[:DEPTH] (the first DEPTH parts of each file's folder)",
    )
    parser.add_argument(
        "--min-articles",
        type=int,
        default=MIN_ARTICLES,
        metavar="N",
        help=f"rank only domains with at least N articles by problems per article "
        f"(default: {MIN_ARTICLES})",
    )
    parser.add_argument(
        "--no-fix-preview",
        action="store_true",
        help="do not fix files in memory to count what --fix would leave (faster)",
    )
    parser.add_argument(
        "-o",
        "--output",
        "--output-file",
        dest="output",
        metavar="FILE",
        help=f"where to write the report; '-' for standard output "
        f"(default: {DEFAULT_OUTPUT} for html, standard output for json)",
    )
    parser.add_argument(
        "--format",
        "--output-format",
        dest="output_format",
        choices=["html", "json"],
        default="html",
        help="html (the default) or json",
    )
    parser.add_argument(
        "--config", metavar="FILE", help="use this configuration file instead of discovering one"
    )
    parser.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    parser.add_argument(
        "--select", action="append", metavar="RULES", help="run only these rules (comma-separated)"
    )
    parser.add_argument(
        "--extend-select", action="append", default=[], metavar="RULES", help="run these rules too"
    )
    parser.add_argument(
        "--ignore", action="append", default=[], metavar="RULES", help="do not run these rules"
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="worker processes (default: every core)",
    )
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    parser.add_argument(
        "--cache-dir", metavar="DIR", help="where the cache is (the same as newslint's)"
    )
    parser.add_argument(
        "--top",
        type=int,
        default=10,
        metavar="N",
        help="how many of the worst files to list (default: 10)",
    )
    return parser


def build_report(
    paths: Sequence[str],
    config: str | None = None,
    isolated: bool = False,
    overrides: dict[str, object] | None = None,
    top: int = 10,
    jobs: int = 0,
    cache_dir: str | None = None,
    no_cache: bool = True,
    *,
    group_by: GroupBy | None = None,
    min_articles: int = MIN_ARTICLES,
    fix_preview: bool = True,
) -> Report:
    """Check ``paths`` with the configuration the CLI would use, and aggregate; raises ``ConfigError``.

    With the cache, a report right after ``newslint PATHS`` checks nothing again: the
    check's results are the same, and so is their cache.  With ``fix_preview``, each file
    with a fix on offer is fixed in memory (safe fixes, then unsafe ones too) and checked
    again, to count what ``--fix`` would leave; nothing is written (``_file_previews``).
    """
    run = Run.configure(
        config, isolated, overrides, start=paths[0] if paths else ".", observe=[DomainCounts]
    )
    results = list(run.check_files(paths, jobs=jobs, use_cache=not no_cache, cache_dir=cache_dir))
    census = partial(read_census, context=run.options.context)
    preview = None
    if fix_preview:
        previews = _file_previews(run, paths, results, jobs)

        def preview(path: str, diagnostics: Sequence[Diagnostic]) -> AfterFix:
            return previews.get(path) or _unfixed(diagnostics)

    return aggregate(
        paths,
        results,
        run.rules,
        census,
        worst_files=top,
        group_by=group_by,
        min_articles=min_articles,
        preview=preview,
    )


def _unfixed(diagnostics: Sequence[Diagnostic]) -> AfterFix:
    """What fixing leaves of problems no fix touches: all of them."""
    return AfterFix(Remaining.of(diagnostics), Remaining.of(diagnostics))


def _file_previews(
    run: Run, paths: Sequence[str], results: Sequence[FileResult], jobs: int
) -> dict[str, AfterFix]:
    """What ``--fix`` and ``--fix --unsafe-fixes`` would leave of each file with a fix on offer.

    The files are checked again as ``--diff`` checks them: fixed in memory by the fixer,
    checked again, never written, in the pool (``-j``).  Only files with a safe fix get the
    safe pass; the unsafe pass only files with an unsafe fix before or after the safe ones
    (without one, it would apply the same fixes).  Rules that learn from the corpus learn it
    from all of ``paths`` first, not from the few files checked again.
    """
    found: dict[str, list[Diagnostic]] = {}
    for result in results:
        found.setdefault(result.path, []).extend(result.diagnostics)
    fixable = sorted(path for path, ds in found.items() if any(d.fix is not None for d in ds))
    if not fixable:
        return {}
    base = run.with_options(observe=())
    if base.needs_corpus_pass:
        base = base.with_statistics(base.learn(paths, jobs=jobs))

    def fixed(targets: list[str], unsafe: bool) -> dict[str, list[Diagnostic]]:
        left: dict[str, list[Diagnostic]] = {}
        if not targets:
            return left
        fixing = base.with_options(fix=False, diff=True, unsafe_fixes=unsafe)
        for result in fixing.check_files(targets, jobs=jobs):
            if not result.errors:  # a file that cannot be read again counts as not fixed
                left.setdefault(result.path, []).extend(result.diagnostics)
        return left

    safe = {path: found[path] for path in fixable}
    safe.update(fixed([p for p in fixable if any(d.fixable for d in found[p])], False))
    unsafe = dict(safe)
    unsafe.update(
        fixed(
            [
                path
                for path in fixable
                if any(d.fix is not None and not d.fixable for d in found[path])
                or any(d.fix is not None for d in safe[path])
            ],
            True,
        )
    )
    return {
        path: AfterFix(Remaining.of(safe[path]), Remaining.of(unsafe[path])) for path in fixable
    }


def _records_preview(run: Run, records: dict[str, list[dict[str, Any]]]) -> FixPreview:
    """``preview`` for ``--from`` records: each record with a fixable problem fixed in memory
    (``Run.fix_record``) with the report's configuration."""
    from newslint.records import RecordError

    learned: list[Run] = []

    def fixing() -> Run:
        if not learned:
            base = run
            if base.needs_corpus_pass:
                every = [record for found in records.values() for record in found]
                base = base.with_statistics(base.learn_records(every, drop_missing=True))
            learned.append(base)
        return learned[0]

    def preview(path: str, diagnostics: Sequence[Diagnostic]) -> AfterFix:
        by_article: dict[int, list[Diagnostic]] = {}
        for diagnostic in diagnostics:
            by_article.setdefault(diagnostic.article_index, []).append(diagnostic)
        outcome = AfterFix()
        for index, found in by_article.items():
            for unsafe, remaining in ((False, outcome.safe), (True, outcome.unsafe)):
                left: Sequence[Diagnostic] = found
                wanted = any(d.fixable for d in found) if not unsafe else any(d.fix for d in found)
                if wanted:
                    try:
                        left = (
                            fixing()
                            .fix_record(records[path][index], unsafe, drop_missing=True)
                            .remaining
                        )
                    except RecordError:
                        left = found
                remaining.add(Remaining(len(left), 1 if left else 0, Counter(d.code for d in left)))
        return outcome

    return preview


def report_from(
    files: Sequence[str],
    config: str | None = None,
    isolated: bool = False,
    overrides: dict[str, object] | None = None,
    top: int = 10,
    *,
    group_by: GroupBy | None = None,
    min_articles: int = MIN_ARTICLES,
    fix_preview: bool = True,
    text_field: str = "body",
) -> Report:
    """The report of diagnostics files (``--from``); raises ``ConfigError`` or ``SourceError``.

    The configuration names the rules (their names, summaries and weights) and fixes records
    in memory for the after-``--fix`` counts; the problems are the files' own, all of them,
    or with ``--select``/``--extend-select``/``--ignore`` (``overrides``) only those of the
    rules the flags select.
    """
    from newslint.quality.sources import load

    run = Run.configure(config, isolated, overrides, start=".")
    loaded = load(files, text_field, context=run.options.context)
    if any(value for value in (overrides or {}).values()):
        codes = set(run.codes)
        for result in loaded.results:
            result.diagnostics = [d for d in result.diagnostics if d.code in codes]
    preview = None
    diagnostics_only = bool(loaded.diagnostics_only)
    if fix_preview and not diagnostics_only:
        preview = _records_preview(run, loaded.records)
    seen = {diagnostic.code for result in loaded.results for diagnostic in result.diagnostics}
    rules = [rule for rule in run.rules if rule.code in seen] if diagnostics_only else run.rules
    report = aggregate(
        list(files),
        loaded.results,
        _rules_for(rules, seen),
        lambda path: loaded.censuses.get(path, FileCensus([], known=False)),
        worst_files=top,
        group_by=group_by,
        min_articles=min_articles,
        preview=preview,
        articles_known=not diagnostics_only,
        source="diagnostics",
    )
    report.errors.extend(loaded.errors)
    report.totals.read_errors += len(loaded.errors)
    unknown = report.unknown
    if diagnostics_only:
        named = ", ".join(loaded.diagnostics_only)
        unknown.append(
            f"Articles: {named} lists problems only, so how many articles there were (and "
            "how many are clean) is not known; shares, problems per article and the domain "
            "ranking are left out, and 'rules checked' counts only rules that found something."
        )
        if fix_preview:
            unknown.append(
                "After --fix: a diagnostics file holds no text to fix, so what --fix would "
                "leave is not known (records with a 'newslint' column have it)."
            )
    if loaded.unseen:
        shown = ", ".join(loaded.unseen[:5]) + (" ..." if len(loaded.unseen) > 5 else "")
        unknown.append(
            f"Domains, groups and example text: {len(loaded.unseen)} checked file(s) named by "
            f"the diagnostics are not here to read ({shown}); their articles' fields and text "
            "are not known, and their domains only where a diagnostic carries the record's "
            "url (record_url): the others are under (unknown)."
        )
    return report


def _rules_for(rules: Sequence[Any], seen: set[str]) -> list[Any]:
    """The configured rules, plus any rule the diagnostics name that the configuration does
    not select (a run with other settings): its problems are counted under its own code."""
    from newslint.registry import all_rules

    have = {rule.code for rule in rules}
    extra = [rule for rule in all_rules() if rule.code in seen and rule.code not in have]
    return [*rules, *extra]


def run_report_command(argv: Sequence[str], stdout: IO[str] | None = None) -> int:
    """``newslint report [PATH ...] [-o FILE] [--format html|json]``; returns the exit code."""
    out = stdout if stdout is not None else sys.stdout
    if isinstance(out, io.TextIOWrapper):
        out.reconfigure(errors="backslashreplace")  # messages may quote lone surrogates
    args = build_parser().parse_args(list(argv))
    try:
        group_by = _checked_arguments(args)
    except ValueError as exc:
        print(f"newslint report: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    target = args.output or ("-" if args.output_format == "json" else DEFAULT_OUTPUT)
    folder = os.path.dirname(os.path.abspath(target)) if target != "-" else None
    if folder is not None and not os.path.isdir(folder):
        # Found out now, not after checking the whole corpus.
        print(f"newslint: error: cannot write {target}: no such folder {folder}", file=sys.stderr)
        return EXIT_ERROR
    from newslint.quality.sources import SourceError

    try:
        report = _make_report(args, group_by)
    except (ConfigError, SourceError) as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("newslint: interrupted", file=sys.stderr)
        return 130
    for error in report.errors:
        print(error, file=sys.stderr)
    if args.output_format == "json":
        content = json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"
    else:
        content = render_html(report)
    try:
        if target == "-":
            out.write(content)
            out.flush()
        else:
            _write(target, content.encode("utf-8", "backslashreplace"))
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_ERROR
    except OSError as exc:
        print(f"newslint: error: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    if target != "-":
        print(f"Wrote {target}: {_counts(report)}.", file=out)
    return EXIT_ERROR if report.errors else EXIT_OK


def _checked_arguments(args: argparse.Namespace) -> GroupBy | None:
    """``--group-by``'s grouping; ``ValueError`` (one line) for an argument out of range."""
    if args.top < 0:
        raise ValueError("--top must be 0 or more")
    if args.jobs < 0:
        raise ValueError("--jobs cannot be negative")
    if args.min_articles < 1:
        raise ValueError("--min-articles must be 1 or more")
    if args.from_files and args.paths:
        raise ValueError("give PATHs to check or --from FILE, not both")
    return GroupBy.parse(args.group_by) if args.group_by is not None else None


def _make_report(args: argparse.Namespace, group_by: GroupBy | None) -> Report:
    """The report the arguments ask for: of ``--from`` files, or of the paths checked."""
    overrides: dict[str, object] = {
        "select": split_selectors(args.select),
        "extend-select": split_selectors(args.extend_select) or None,
        "ignore": split_selectors(args.ignore) or None,
    }
    if args.from_files:
        return report_from(
            args.from_files,
            args.config,
            args.isolated,
            overrides,
            args.top,
            group_by=group_by,
            min_articles=args.min_articles,
            fix_preview=not args.no_fix_preview,
            text_field=args.text_field,
        )
    return build_report(
        args.paths or ["."],
        args.config,
        args.isolated,
        overrides,
        args.top,
        jobs=args.jobs,
        cache_dir=args.cache_dir,
        no_cache=args.no_cache,
        group_by=group_by,
        min_articles=args.min_articles,
        fix_preview=not args.no_fix_preview,
    )


def _counts(report: Report) -> str:
    """The closing line's figures: what was checked and found."""
    totals = report.totals
    counts = [
        f"{_plural(totals.articles, 'article')} checked"
        if report.articles_known
        else "articles not known",
        f"{totals.articles_with_problems} with problems",
        _plural(totals.problems, "problem"),
    ]
    if totals.read_errors:
        counts.append(_plural(totals.read_errors, "read error"))
    return ", ".join(counts)


def _write(target: str, data: bytes) -> None:
    """Write the report: a regular file (or a new one) is replaced whole, through a temp file
    renamed over it, so an interrupted run leaves the old report as it was; anything else
    (``/dev/stdout``, a FIFO) is written in place."""
    from newslint.files import write_atomic

    path = Path(target)
    if path.exists() and not path.is_file():
        with open(target, "wb") as handle:
            handle.write(data)
        return
    write_atomic(path, data)
