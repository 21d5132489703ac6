"""The ``newslint`` command: parse arguments, run files, print the report, choose the exit code."""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Sequence

from newslint import __version__
from newslint.diagnostics import Applicability, ReadError
from newslint.files import discover
from newslint.registry import all_rules
from newslint.report import as_dict, concise_line, summary, to_json
from newslint.rule import Rule
from newslint.runner import FileResult, Options, process_file
from newslint.selection import SelectionError, select_rules, split_selectors

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newslint",
        description="Check scraped news articles (.txt, .json, .jsonl) for scraping damage, and fix it.",
        epilog="Exit status: 0 no problems, 1 problems found (or --diff would change files), 2 error.",
    )
    parser.add_argument(
        "paths", nargs="*", default=["."], metavar="PATH", help="files or folders (default: .)"
    )
    parser.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    parser.add_argument(
        "--unsafe-fixes", action="store_true", help="with --fix or --diff, also apply unsafe fixes"
    )
    parser.add_argument(
        "--diff", action="store_true", help="print a unified diff of the fixes; write nothing"
    )
    parser.add_argument(
        "--format",
        "--output-format",
        dest="output_format",
        choices=["concise", "json"],
        default="concise",
        help="report format (default: concise)",
    )
    parser.add_argument(
        "--select",
        action="append",
        metavar="RULES",
        help="run only these rules: codes, prefixes (NL2), names or ALL, comma-separated",
    )
    parser.add_argument(
        "--extend-select", action="append", default=[], metavar="RULES", help="run these rules too"
    )
    parser.add_argument(
        "--ignore", action="append", default=[], metavar="RULES", help="do not run these rules"
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print diagnostics only, no summary"
    )
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # Messages quote damaged input, which may hold lone surrogates from JSON escapes.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    options = Options(
        fix=args.fix and not args.diff,
        unsafe_fixes=args.unsafe_fixes,
        diff=args.diff,
        locate_fixes=args.output_format == "json",
    )
    try:
        rules = select_rules(
            all_rules(),
            split_selectors(args.select),
            split_selectors(args.extend_select) or [],
            split_selectors(args.ignore) or [],
        )
    except SelectionError as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    try:
        results = [
            FileResult(path, errors=[ReadError(path, message)])
            if message
            else _process_safely(path, rules, options)
            for path, message in discover(args.paths)
        ]
    except KeyboardInterrupt:
        print("newslint: interrupted", file=sys.stderr)
        return 130
    try:
        return _report(results, args, options)
    except BrokenPipeError:
        # The reader went away (`newslint ... | head`): stop quietly, as other CLI tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PROBLEMS


def _process_safely(path: str, rules: Sequence[Rule], options: Options) -> FileResult:
    """One file; a bug in newslint on it becomes an error for that file, not a crash of the run.

    Nothing is written for such a file: writes happen last in ``process_file``.
    """
    try:
        return process_file(path, rules, options)
    except Exception as exc:  # the run goes on with the other files
        message = f"internal error, file skipped and left as it was: {type(exc).__name__}: {exc}"
        return FileResult(path, errors=[ReadError(path, message)])


def _report(results: list[FileResult], args: argparse.Namespace, options: Options) -> int:
    diagnostics = sorted((d for r in results for d in r.diagnostics), key=lambda d: d.sort_key)
    errors = [e for r in results for e in r.errors]
    for result in results:
        for warning in result.warnings:
            print(f"{result.path}: warning: {warning}", file=sys.stderr)
    for error in errors:
        print(error, file=sys.stderr)
    if args.output_format == "json":
        print(to_json([as_dict(d) for d in diagnostics]))
    else:
        if options.diff:
            for result in results:
                if result.diff:
                    sys.stdout.write(result.diff)
        else:
            for diagnostic in diagnostics:
                print(concise_line(diagnostic))
        if not args.quiet and not options.diff:
            safe = sum(
                1 for d in diagnostics if d.fix and d.fix.applicability is Applicability.SAFE
            )
            unsafe = sum(
                1 for d in diagnostics if d.fix and d.fix.applicability is Applicability.UNSAFE
            )
            fixed = sum(r.fixed for r in results)
            print(summary(len(diagnostics), safe, unsafe, fixed, options.fix, len(errors)))
    if errors:
        return EXIT_ERROR
    if options.diff:
        return EXIT_PROBLEMS if any(r.diff for r in results) else EXIT_CLEAN
    return EXIT_PROBLEMS if diagnostics else EXIT_CLEAN
