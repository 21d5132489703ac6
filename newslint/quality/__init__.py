"""``newslint report``: the corpus's health as one self-contained HTML page, or as JSON.

The page shows how many articles were checked and how many have problems, problems per
rule and per source domain (with bar charts), how much ``--fix`` can mend, the worst
files, and examples with the offending text highlighted.  ``--format json`` gives the same
numbers for dashboards.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Sequence
from functools import partial
from typing import IO

from newslint.config import ConfigError
from newslint.quality.aggregate import FileCensus, Report, aggregate, read_census
from newslint.quality.html import render_html
from newslint.run import Run
from newslint.selection import split_selectors
from newslint.statistics import DomainCounts

__all__ = [
    "DEFAULT_OUTPUT",
    "FileCensus",
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
        "paths", nargs="*", default=["."], metavar="PATH", help="files or folders (default: .)"
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
) -> Report:
    """Check ``paths`` with the configuration the CLI would use, and aggregate; raises ``ConfigError``.

    With the cache, a report right after ``newslint PATHS`` checks nothing again: the
    check's results are the same, and so is their cache.
    """
    run = Run.configure(
        config, isolated, overrides, start=paths[0] if paths else ".", observe=[DomainCounts]
    )
    results = run.check_files(paths, jobs=jobs, use_cache=not no_cache, cache_dir=cache_dir)
    census = partial(read_census, context=run.options.context)
    return aggregate(paths, results, run.rules, census, worst_files=top)


def run_report_command(argv: Sequence[str], stdout: IO[str] | None = None) -> int:
    """``newslint report [PATH ...] [-o FILE] [--format html|json]``; returns the exit code."""
    out = stdout if stdout is not None else sys.stdout
    if isinstance(out, io.TextIOWrapper):
        out.reconfigure(errors="backslashreplace")  # messages may quote lone surrogates
    args = build_parser().parse_args(list(argv))
    if args.top < 0:
        print("newslint report: error: --top must be 0 or more", file=sys.stderr)
        return EXIT_ERROR
    overrides: dict[str, object] = {
        "select": split_selectors(args.select),
        "extend-select": split_selectors(args.extend_select) or None,
        "ignore": split_selectors(args.ignore) or None,
    }
    if args.jobs < 0:
        print("newslint report: error: --jobs cannot be negative", file=sys.stderr)
        return EXIT_ERROR
    target = args.output or ("-" if args.output_format == "json" else DEFAULT_OUTPUT)
    folder = os.path.dirname(os.path.abspath(target)) if target != "-" else None
    if folder is not None and not os.path.isdir(folder):
        # Found out now, not after checking the whole corpus.
        print(f"newslint: error: cannot write {target}: no such folder {folder}", file=sys.stderr)
        return EXIT_ERROR
    try:
        report = build_report(
            args.paths,
            args.config,
            args.isolated,
            overrides,
            args.top,
            jobs=args.jobs,
            cache_dir=args.cache_dir,
            no_cache=args.no_cache,
        )
    except ConfigError as exc:
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
            with open(target, "w", encoding="utf-8", errors="backslashreplace") as handle:
                handle.write(content)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_ERROR
    except OSError as exc:
        print(f"newslint: error: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    if target != "-":
        totals = report.totals
        counts = [
            f"{_plural(totals.articles, 'article')} checked",
            f"{totals.articles_with_problems} with problems",
            _plural(totals.problems, "problem"),
        ]
        if totals.read_errors:
            counts.append(_plural(totals.read_errors, "read error"))
        print(f"Wrote {target}: {', '.join(counts)}.", file=out)
    return EXIT_ERROR if report.errors else EXIT_OK
