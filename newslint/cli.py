"""The ``newslint`` command: parse arguments, run files, print the report, choose the exit code."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from newslint import __version__, baseline
from newslint.config import ConfigError, Settings, load_settings
from newslint.diagnostics import Applicability, Diagnostic, ReadError
from newslint.docs import run_rule_command
from newslint.files import Terminated, discover, raise_terminated
from newslint.output import (
    FORMATS,
    HUMAN_FORMATS,
    applied_fixes,
    default_format,
    render,
    render_applied_fixes,
    render_statistics,
    statistics,
    use_colour,
)
from newslint.readers import ReadOptions
from newslint.registry import configured_rules
from newslint.report import summary
from newslint.rule import Rule
from newslint.runner import FileResult, Options, process_data
from newslint.selection import split_selectors

if TYPE_CHECKING:
    from newslint.cache import Cache

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2
LINE_FORMATS = frozenset({"concise", "json-lines", "github"})
"""Formats that are one line per diagnostic and nothing else."""
RENDER_SLICE = 2000


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newslint",
        description="Check scraped news articles (.txt, .json, .jsonl) for scraping damage, and fix it.",
        epilog="Rule documentation: newslint rule CODE|NAME|--all [--output-format json]. "
        "Corpus report: newslint report PATHS -o report.html. "
        "Exit status: 0 no problems, 1 problems found (or --diff would change files), 2 error.",
    )
    parser.add_argument(
        "paths", nargs="*", default=["."], metavar="PATH", help="files or folders (default: .)"
    )
    parser.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    parser.add_argument(
        "--unsafe-fixes",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="with --fix or --diff, also apply unsafe fixes (default: the configuration's)",
    )
    parser.add_argument(
        "--config", metavar="FILE", help="use this configuration file instead of discovering one"
    )
    parser.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    parser.add_argument(
        "--diff", action="store_true", help="print a unified diff of the fixes; write nothing"
    )
    parser.add_argument(
        "--format",
        "--output-format",
        dest="output_format",
        choices=FORMATS,
        default=None,
        help="report format (default: concise; github when GITHUB_ACTIONS=true)",
    )
    parser.add_argument(
        "--statistics", action="store_true", help="one row per rule: count, code, fixable, name"
    )
    parser.add_argument(
        "--show-fixes", action="store_true", help="with --fix, list the fixes applied per file"
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
    parser.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even if problems remain (errors still exit 2)",
    )
    parser.add_argument(
        "--exit-non-zero-on-fix",
        action="store_true",
        help="exit 1 if any file was fixed, even if no problem remains",
    )
    parser.add_argument(
        "-o", "--output-file", metavar="FILE", help="write the report to FILE instead of stdout"
    )
    parser.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="with PATH '-': the name (and so the format) of the text read from stdin",
    )
    parser.add_argument(
        "--baseline", metavar="FILE", help="report only problems that are not in this baseline"
    )
    parser.add_argument(
        "--write-baseline", metavar="FILE", help="record today's problems in FILE and exit 0"
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=0,
        metavar="N",
        help="worker processes (default: every core; 1 runs in this process)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="do not read or write the cache (also NEWSLINT_NO_CACHE=1)",
    )
    parser.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="where to keep the cache (default: .newslint_cache beside the configuration, "
        "or in the working folder; also NEWSLINT_CACHE_DIR)",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar (default: on a terminal, for long runs, outside CI)",
    )
    parser.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="ray: check INPUT... on a Ray cluster and write to OUTPUT, the last PATH (a folder: "
        "diagnostics.jsonl, and the fixed files with --fix); needs newslint[ray]",
    )
    parser.add_argument(
        "--ray-address",
        metavar="ADDR",
        help="with --engine ray: the cluster to connect to (default: RAY_ADDRESS, else a local Ray)",
    )
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    return parser


def _run_ray(args: argparse.Namespace, settings: Settings) -> int:
    """``--engine ray INPUT... OUTPUT``: the work is newslint.ray's (the newslint[ray] extra)."""
    if len(args.paths) < 2 or "-" in args.paths:
        print(
            "newslint: error: --engine ray needs INPUT... OUTPUT (OUTPUT is a folder)",
            file=sys.stderr,
        )
        return EXIT_ERROR
    unsupported = [
        flag
        for flag, given in (
            ("--diff", args.diff),
            ("--baseline", args.baseline),
            ("--write-baseline", args.write_baseline),
            ("--statistics", args.statistics),
            ("--output-file", args.output_file),
        )
        if given
    ]
    if unsupported:
        print(f"newslint: error: {unsupported[0]} does not work with --engine ray", file=sys.stderr)
        return EXIT_ERROR
    try:
        from newslint.ray import run_ray_engine
    except ImportError as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    code = run_ray_engine(
        args.paths[:-1],
        args.paths[-1],
        args.ray_address,
        settings,
        fix=args.fix,
        unsafe=settings.unsafe_fixes,
        quiet=args.quiet,
    )
    return EXIT_CLEAN if code == EXIT_PROBLEMS and args.exit_zero else code


def _interrupted(code: int) -> int:
    """The exit status of an interrupted run; ends the process at once if a process pool was
    abandoned mid-task (a normal exit would wait for its workers' last results for ever)."""
    scheduler = sys.modules.get("newslint.scheduler")
    if scheduler is not None and getattr(scheduler, "pool_abandoned", False):
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)
    return code


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of jobs: {value!r}") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError("the number of jobs cannot be negative")
    return jobs


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # Messages quote damaged input, which may hold lone surrogates from JSON escapes.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["rule"]:
        # `newslint rule CODE|NAME|--all`: the rule's documentation (`newslint ./rule` checks a folder).
        return run_rule_command(arguments[1:])
    if arguments[:1] == ["report"]:
        # `newslint report PATHS -o report.html`: the corpus's health on one page.
        from newslint.quality import run_report_command

        return run_report_command(arguments[1:])
    args = build_parser().parse_args(arguments)
    args.output_format = args.output_format or default_format(os.environ)
    stdin = args.paths == ["-"]
    overrides = {
        "select": split_selectors(args.select),
        "extend-select": split_selectors(args.extend_select) or None,
        "ignore": split_selectors(args.ignore) or None,
        "unsafe-fixes": args.unsafe_fixes,
    }
    start = (args.stdin_filename or ".") if stdin else args.paths[0]
    try:
        settings = load_settings(args.config, args.isolated, overrides, start=start)
        rules = configured_rules(settings)
    except ConfigError as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if args.engine == "ray":
        return _run_ray(args, settings)
    options = Options(
        fix=args.fix and not args.diff,
        unsafe_fixes=settings.unsafe_fixes,
        diff=args.diff,
        locate_fixes=args.output_format in {"json", "json-lines", "sarif"},
        read=ReadOptions(
            field_map=settings.field_map,
            schema_file=str(settings.schema_file) if settings.schema_file else None,
            record_settings=settings.record_settings,
        ),
    )

    # SIGTERM (a CI timeout, docker stop) unwinds like Ctrl-C: temp files are removed.
    previous = (
        signal.signal(signal.SIGTERM, raise_terminated)
        if threading.current_thread() is threading.main_thread()
        else None
    )
    try:
        if args.paths == ["-"]:
            name = args.stdin_filename or "stdin.txt"
            ignored = settings.ignored_codes_for(name)
            results = [_process_stdin(name, [r for r in rules if r.code not in ignored], options)]
        else:
            results = _run_files(args, settings, rules, options)
    except KeyboardInterrupt:
        print("newslint: interrupted", file=sys.stderr)
        return _interrupted(130)
    except Terminated:
        print("newslint: terminated", file=sys.stderr)
        return _interrupted(143)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    diagnostics = sorted((d for r in results for d in r.diagnostics), key=lambda d: d.sort_key)
    errors = [e for r in results for e in r.errors]
    if args.write_baseline:
        try:
            count = baseline.write(Path(args.write_baseline), diagnostics)
        except OSError as exc:
            print(
                f"newslint: error: cannot write {args.write_baseline}: {exc.strerror or exc}",
                file=sys.stderr,
            )
            return EXIT_ERROR
        print(f"Wrote {count} problem{'s' if count != 1 else ''} to {args.write_baseline}.")
        return EXIT_ERROR if errors else EXIT_CLEAN
    notes: list[str] = []
    if args.baseline:
        try:
            filtered = baseline.apply(baseline.load(Path(args.baseline)), diagnostics)
        except baseline.BaselineError as exc:
            print(f"newslint: error: {exc}", file=sys.stderr)
            return EXIT_ERROR
        diagnostics = filtered.new
        notes.append(f"{filtered.known} known problems hidden by the baseline {args.baseline}.")
        if filtered.stale:
            notes.append(
                f"{filtered.stale} baseline entries matched nothing (fixed, or changed): "
                "write the baseline again to drop them."
            )
    # With --fix on stdin, stdout carries the fixed text: the report goes to stderr.
    to_stderr = args.paths == ["-"] and options.fix
    try:
        with _output(args.output_file, to_stderr) as out:
            code = _report(results, diagnostics, errors, notes, args, options, rules, out)
    except BrokenPipeError:
        # The reader went away (`newslint ... | head`): stop quietly, as other CLI tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PROBLEMS
    except OSError as exc:
        print(
            f"newslint: error: cannot write {args.output_file}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return EXIT_ERROR
    if code == EXIT_PROBLEMS and args.exit_zero:
        code = EXIT_CLEAN
    if code == EXIT_CLEAN and args.exit_non_zero_on_fix and any(r.fixed for r in results):
        code = EXIT_PROBLEMS
    return code


@contextlib.contextmanager
def _output(path: str | None, to_stderr: bool) -> Iterator[TextIO]:
    if path is None:
        yield sys.stderr if to_stderr else sys.stdout
        return
    with open(path, "w", encoding="utf-8", errors="backslashreplace") as handle:
        yield handle


def _process_stdin(name: str, rules: Sequence[Rule], options: Options) -> FileResult:
    """Check text from stdin as if it were the file ``name``; with --fix, write the result to stdout."""
    data = sys.stdin.buffer.read()
    result, fixed = process_data(name, data, rules, options)
    if options.fix:
        sys.stdout.buffer.write(fixed if fixed is not None else data)
        sys.stdout.flush()
    if result.source is None:
        result.source = data.decode("utf-8-sig", "replace")  # for --format full
    return result


def _run_files(
    args: argparse.Namespace, settings: Settings, rules: Sequence[Rule], options: Options
) -> list[FileResult]:
    """Discover the files, then check them through the cache and the process pool."""
    from newslint import progress
    from newslint.scheduler import Job, Scheduler, default_jobs

    excluded, ignored = settings.exclusion_test(), settings.per_file_ignores_test()
    named = set(args.paths)
    found = [
        (path, message)
        for path, message in discover(args.paths)
        # A file named on the command line is checked even if excluded, as in Ruff.
        if message or path in named or not excluded(path)
    ]
    jobs = [Job(path, ignored(path)) for path, message in found if not message]
    cache = _open_cache(args, settings, rules, options)
    scheduler = Scheduler(rules, options, args.jobs or default_jobs(), cache)
    show = args.progress
    if show is None:
        show = not args.quiet and sys.stderr.isatty()
    if show:
        size = sum(_size(job.path) for job in jobs)
        show = args.progress or progress.wanted(sys.stderr, os.environ, len(jobs), size)
    if show:
        # Asked for with --progress: drawn at once; otherwise only for a run that lasts.
        delay = 0.0 if args.progress else 0.5
        with progress.progress_bar(sys.stderr, len(jobs), size, delay) as scheduler.progress:
            checked = iter(scheduler.run(jobs))
    else:
        checked = iter(scheduler.run(jobs))
    return [
        FileResult(path, errors=[ReadError(path, message)]) if message else next(checked)
        for path, message in found
    ]


def _open_cache(
    args: argparse.Namespace, settings: Settings, rules: Sequence[Rule], options: Options
) -> Cache | None:
    from newslint.cache import open_cache

    return open_cache(settings.root, rules, options, args.cache_dir, args.no_cache)


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _report(
    results: list[FileResult],
    diagnostics: list[Diagnostic],
    errors: list[ReadError],
    notes: list[str],
    args: argparse.Namespace,
    options: Options,
    rules: Sequence[Rule],
    out: TextIO,
) -> int:
    for result in results:
        for warning in result.warnings:
            print(f"{result.path}: warning: {warning}", file=sys.stderr)
    for error in errors:
        print(error, file=sys.stderr)
    if args.statistics:
        out.write(render_statistics(statistics(diagnostics), as_json=args.output_format == "json"))
    elif options.diff:
        for result in results:
            if result.diff:
                out.write(result.diff)
    else:
        sources = {r.path: r.source for r in results if r.source is not None}
        colour = use_colour(out, os.environ)
        checked = [r.path for r in results]
        # One line per diagnostic: written in slices, so that a report of a few hundred
        # thousand problems is never built whole in memory.
        step = RENDER_SLICE if args.output_format in LINE_FORMATS else max(len(diagnostics), 1)
        for start in range(0, max(len(diagnostics), 1), step):
            out.write(
                render(
                    args.output_format,
                    diagnostics[start : start + step],
                    rules,
                    sources=sources,
                    colour=colour,
                    checked_paths=checked,
                )
            )
    if args.show_fixes and options.fix:
        rows = [row for r in results for row in applied_fixes(r.path, r.fixed_diagnostics)]
        out.write(render_applied_fixes(rows))
    if not args.quiet and not options.diff and args.output_format in HUMAN_FORMATS:
        safe = sum(1 for d in diagnostics if d.fix and d.fix.applicability is Applicability.SAFE)
        unsafe = sum(
            1 for d in diagnostics if d.fix and d.fix.applicability is Applicability.UNSAFE
        )
        fixed = sum(r.fixed for r in results)
        for note in notes:
            print(note, file=out)
        print(summary(len(diagnostics), safe, unsafe, fixed, options.fix, len(errors)), file=out)
    if errors:
        return EXIT_ERROR
    if options.diff:
        return EXIT_PROBLEMS if any(r.diff for r in results) else EXIT_CLEAN
    return EXIT_PROBLEMS if diagnostics else EXIT_CLEAN
