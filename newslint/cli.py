"""The ``newslint`` command: parse arguments, run files, print the report, choose the exit code."""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import itertools
import os
import signal
import stat
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from newslint import __version__
from newslint.config import ConfigError
from newslint.diagnostics import ReadError
from newslint.files import (
    SKIPPED,
    AtomicWriter,
    Terminated,
    on_signal,
    raise_if_signalled,
    reset_signalled,
    signals_held,
)
from newslint.output import FORMATS, default_format
from newslint.output.reporter import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_PROBLEMS,
    Reporter,
    ReportOptions,
)
from newslint.report import printable
from newslint.run import Run, file_sizes
from newslint.runner import FileResult, internal_error
from newslint.selection import split_selectors
from newslint.statistics import DomainCounts

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, told the terminal's width instead of asking ``shutil``.

    argparse builds a formatter for every ``add_argument``, and without a width each
    one imports ``shutil``, which imports the bz2 and lzma modules: about 9 ms of the
    start-up of a run that prints no help.  The width is found as ``shutil`` finds it.
    """

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24) -> None:
        super().__init__(prog, indent_increment, max_help_position, width=_terminal_columns())


def _terminal_columns() -> int:
    """``shutil.get_terminal_size().columns`` minus 2, as argparse uses it."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2


class _Parser(argparse.ArgumentParser):
    """argparse's parser, whose error messages show the user's arguments escaped: an unknown
    argument or a bad value may hold an escape sequence (``printable``)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {printable(message)}\n")


def _error(message: str) -> None:
    """``newslint: error: message`` on stderr, file names and all escaped (``printable``)."""
    print(f"newslint: error: {printable(message)}", file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="newslint",
        formatter_class=_HelpFormatter,
        description="Check scraped news articles (.txt, .json, .jsonl) for scraping damage, and fix it.",
        epilog="newslint check PATH... is the same as newslint PATH... (as in ruff); a file or "
        "folder named check: newslint ./check. "
        "Rule documentation: newslint rule CODE|NAME|--all [--output-format json]. "
        "Corpus report: newslint report PATHS -o report.html. "
        "Exit status: 0 no problems, 1 problems found (or --diff would change files), 2 error, "
        "130 interrupted (SIGINT, Ctrl-C), 143 terminated (SIGTERM), 141 output closed early "
        "(a broken pipe: newslint ... | head); see README, Guarantees.",
    )
    _add_fix_and_rule_options(parser)
    _add_output_options(parser)
    _add_corpus_options(parser)
    return parser


def _add_fix_and_rule_options(parser: argparse.ArgumentParser) -> None:
    """What to check, with which rules, and whether to fix."""
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
        "--force-exclude",
        action="store_true",
        help="leave out excluded files, and files newslint does not read, even when they are "
        "named as PATHs (what pre-commit passes); also force-exclude = true",
    )
    parser.add_argument(
        "--diff", action="store_true", help="print a unified diff of the fixes; write nothing"
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
        "--follow-links",
        action="store_true",
        help="follow symbolic links found in folders to files and folders outside them "
        "(default: such links are skipped with a warning)",
    )
    parser.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="with PATH '-': the name (and so the format) of the text read from stdin; "
        "without it, stdin is JSONL (reported as stdin.jsonl) if its first non-blank line is a "
        "JSON object and the next few non-blank lines look like objects ({...}), one JSON "
        "object over several lines is .json (stdin.json), anything else is text (stdin.txt)",
    )


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    """How the report looks, and which exit status it gives."""
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
        "-q", "--quiet", action="store_true", help="print diagnostics only, no summary"
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="also say which files were skipped and why (JSON that is not an article)",
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
        "--show-files",
        action="store_true",
        help="print the files that would be checked (folders walked, exclusions applied), "
        "one per line, and exit 0; check nothing",
    )
    parser.add_argument(
        "--show-settings",
        action="store_true",
        help="print the settings that apply to the first PATH (its closest configuration "
        "file's, with the flags on top) as TOML, and exit 0; check nothing",
    )
    parser.add_argument(
        "--baseline", metavar="FILE", help="report only problems that are not in this baseline"
    )
    parser.add_argument(
        "--write-baseline", metavar="FILE", help="record today's problems in FILE and exit 0"
    )


def _add_corpus_options(parser: argparse.ArgumentParser) -> None:
    """How a big corpus runs: worker processes, the cache, progress, an engine."""
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
    parser.add_argument(
        "--ray-options",
        metavar="JSON",
        help="with --engine ray: Ray Data's options as JSON: concurrency (N or [MIN, MAX]), "
        "num_cpus, ray_remote_args, batch_size (default: NEWSLINT_RAY_OPTIONS)",
    )
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")


EXIT_BROKEN_PIPE = 141
"""The reader of stdout went away (``newslint ... | head -1``): 128 + SIGPIPE, the status a
shell reports for ``cat`` or ``grep`` ended by it; the run stops quietly."""


def main(argv: Sequence[str] | None = None) -> int:
    try:
        code = _command(argv)
        sys.stdout.flush()  # what is still buffered fails here, not at the interpreter's exit
    except BrokenPipeError:
        return stdout_closed()
    return code


def stdout_closed() -> int:
    """Stop quietly after a write into a pipe nobody reads: stdout goes to ``os.devnull``, so
    that nothing left in its buffer fails again when Python exits; ``EXIT_BROKEN_PIPE``."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return EXIT_BROKEN_PIPE


def _command(argv: Sequence[str] | None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # Messages quote damaged input, which may hold lone surrogates from JSON escapes.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["rule"]:
        # `newslint rule CODE|NAME|--all`: the rule's documentation (`newslint ./rule` checks a folder).
        from newslint.docs import run_rule_command

        return run_rule_command(arguments[1:])
    if arguments[:1] == ["learn"]:
        # `newslint learn PATHS -o sites.json`: a site profile for the site-aware rules.
        from newslint.learn import run_learn_command

        return run_learn_command(arguments[1:])
    if arguments[:1] == ["report"]:
        # `newslint report PATHS -o report.html`: the corpus's health on one page.
        from newslint.quality import run_report_command

        return run_report_command(arguments[1:])
    if arguments[:1] == ["check"]:
        # `newslint check PATH...` (ruff's habit) is `newslint PATH...`; `./check` is a path.
        arguments = arguments[1:]
    with _stop_signals_handled():
        try:
            return _main(arguments)
        except KeyboardInterrupt:  # before any file was read (_check handles it after)
            print("newslint: interrupted", file=sys.stderr)
            return 130
        except Terminated:
            print("newslint: terminated", file=sys.stderr)
            return 143


def _main(arguments: list[str]) -> int:
    args = build_parser().parse_args(arguments)
    args.output_format = args.output_format or default_format(os.environ)
    try:
        run = _configure(args)
    except ConfigError as exc:
        _error(str(exc))
        return EXIT_ERROR
    _resume_collection()
    if args.show_settings:
        return _show_settings(args, run)
    if args.show_files and args.engine != "ray":
        return _show_files(args, run)
    if args.engine == "ray":
        return _run_ray(args, run)
    code = _check(args, run)
    if code == EXIT_PROBLEMS and args.exit_zero:
        code = EXIT_CLEAN
    return code


@contextlib.contextmanager
def _stop_signals_handled() -> Iterator[None]:
    """SIGINT and SIGTERM (a CI timeout, docker stop) unwind the run as exceptions, so that
    every write in progress removes its temp file; each is also remembered, so that one
    that Python swallows (raised in a finaliser) still ends the run: no write starts after
    it, and the run exits 130 or 143.  Only the first one counts (``files.on_signal``)."""
    reset_signalled()
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {
        signum: signal.signal(signum, on_signal) for signum in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _resume_collection() -> None:
    """Start-up is over: freeze what it made and turn the collector back on, if
    ``newslint.console`` turned it off (never in a process that called ``main`` itself)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _configure(args: argparse.Namespace) -> Run:
    """The run the flags ask for (configuration found from the first path)."""
    stdin = args.paths == ["-"]
    overrides = {
        "select": split_selectors(args.select),
        "extend-select": split_selectors(args.extend_select) or None,
        "ignore": split_selectors(args.ignore) or None,
        "unsafe-fixes": args.unsafe_fixes,
        "force-exclude": True if args.force_exclude else None,
    }
    return Run.configure(
        args.config,
        args.isolated,
        overrides,
        start=(args.stdin_filename or ".") if stdin else args.paths[0],
        fix=args.fix,
        diff=args.diff,
        follow_links=args.follow_links,
        locate_fixes=args.output_format in {"json", "json-lines", "sarif"},
        # What `newslint report` shows per domain: collected here too, so that a report
        # after a check finds every file in the cache (it costs a URL parse per article).
        observe=[DomainCounts],
    )


def _show_files(args: argparse.Namespace, run: Run) -> int:
    """``--show-files``: the files a check of the paths would read, one per line (as in Ruff);
    a path that cannot be read is an error on stderr (exit 2), a link skipped a warning."""
    if "-" in args.paths:
        _error("--show-files lists files and folders; it does not read stdin ('-')")
        return EXIT_ERROR
    try:
        found = run.discover(args.paths, leave_out=_leave_out(args))
    except ConfigError as exc:  # a configuration file under a checked folder
        _error(str(exc))
        return EXIT_ERROR
    code = EXIT_CLEAN
    for path, message in found:
        if message is None:
            print(printable(path))
        elif message.startswith(SKIPPED):
            print(printable(f"{path}: warning: {message[len(SKIPPED) :]}"), file=sys.stderr)
        else:
            print(printable(str(ReadError(path, message))), file=sys.stderr)
            code = EXIT_ERROR
    return code


def _leave_out(args: argparse.Namespace) -> list[str]:
    """Files that are never inputs, even inside a checked folder: the report being written
    (``-o``) and the baselines read or written (newslint's own files, not articles)."""
    return [name for name in (args.output_file, args.baseline, args.write_baseline) if name]


def _show_settings(args: argparse.Namespace, run: Run) -> int:
    """``--show-settings``: the settings that apply to the first path (as in Ruff), as TOML."""
    from newslint.config import settings_text

    path = args.paths[0]
    if path == "-":
        path = args.stdin_filename or "-"
    try:
        settings = run.settings_for(path) if path != "-" else run.configuration
        codes = run.run_for(settings).codes
    except ConfigError as exc:
        _error(str(exc))
        return EXIT_ERROR
    sys.stdout.write(printable(settings_text(settings, path, codes), keep="\n"))
    return EXIT_CLEAN


def _check(args: argparse.Namespace, run: Run) -> int:
    """Check (or fix) the paths, streaming each file's result to the report."""
    try:
        if args.write_baseline:
            return _write_baseline(args, _check_signalled(_results(args, run)))
        options = _report_options(args, run)
        # With --fix on stdin, stdout carries the fixed text: the report goes to stderr.
        to_stderr = args.paths == ["-"] and run.options.fix
        with _output(args.output_file, to_stderr) as out:
            reporter = Reporter(out, run.rules, options)
            for result in _results(args, run):
                reporter.add(result)
            raise_if_signalled()
            code = reporter.finish()
    except KeyboardInterrupt:
        print("newslint: interrupted", file=sys.stderr)
        return _interrupted(run, 130)
    except Terminated:
        print("newslint: terminated", file=sys.stderr)
        return _interrupted(run, 143)
    except (_BadBaseline, ConfigError) as exc:  # ConfigError: a configuration under a folder
        _error(str(exc))
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader went away (`newslint ... | head`): stop quietly, as other CLI tools do.
        return stdout_closed()
    except OSError as exc:
        _error(f"cannot write {args.output_file}: {exc.strerror or exc}")
        return EXIT_ERROR
    if code == EXIT_CLEAN and args.exit_non_zero_on_fix and reporter.counts.fixed:
        code = EXIT_PROBLEMS
    return code


def _check_signalled(results: Iterator[FileResult]) -> Iterator[FileResult]:
    yield from results
    raise_if_signalled()


class _BadBaseline(Exception):
    """The baseline file given with ``--baseline`` cannot be read."""


def _report_options(args: argparse.Namespace, run: Run) -> ReportOptions:
    known = None
    if args.baseline:
        from newslint import baseline

        try:
            known = baseline.load(Path(args.baseline))
        except baseline.BaselineError as exc:
            raise _BadBaseline(str(exc)) from None
    return ReportOptions(
        output_format=args.output_format,
        statistics=args.statistics,
        show_fixes=args.show_fixes,
        quiet=args.quiet,
        verbose=args.verbose,
        diff=run.options.diff,
        fixing=run.options.fix,
        baseline=known,
        baseline_name=args.baseline or "",
    )


def _results(args: argparse.Namespace, run: Run) -> Iterator[FileResult]:
    """Each file's result, in path order: stdin, or the files through the cache and pool."""
    if args.paths == ["-"]:
        data = sys.stdin.buffer.read()
        if args.stdin_filename and run.force_excluded(args.stdin_filename):
            # As in Ruff: an editor's excluded file is neither checked nor changed.
            if run.options.fix:
                sys.stdout.buffer.write(data)
            return
        yield _process_stdin(args.stdin_filename or _stdin_name(data), data, run)
        return
    from newslint import progress

    # The report file (-o) is never an input, even when it is written inside a checked folder.
    found = run.discover(args.paths, leave_out=_leave_out(args))
    show, size = args.progress, 0
    if show is None:
        show = not args.quiet and sys.stderr.isatty()
    if show:
        files = sum(1 for _, message in found if message is None)
        size = file_sizes(found)
        show = args.progress or progress.wanted(sys.stderr, os.environ, files, size)
    if not show:
        yield from run.check_files(
            args.paths,
            jobs=args.jobs,
            use_cache=not args.no_cache,
            cache_dir=args.cache_dir,
            found=found,
        )
        return
    # Asked for with --progress: drawn at once; otherwise only for a run that lasts.
    delay = 0.0 if args.progress else 0.5
    files = sum(1 for _, message in found if message is None)
    with progress.progress_bar(sys.stderr, files, size, delay) as callback:
        checked = run.check_files(
            args.paths,
            jobs=args.jobs,
            use_cache=not args.no_cache,
            cache_dir=args.cache_dir,
            found=found,
            progress=callback,
        )
        # The bar is drawn on the terminal the report may go to: report once it is gone.
        held = list(checked) if sys.stdout.isatty() and not args.output_file else None
        if held is None:
            yield from checked
    if held is not None:
        yield from held


SNIFFED_LINES = 8
"""How many non-blank lines of stdin are looked at to tell JSONL from text."""


def _stdin_name(data: bytes) -> str:
    """The name stdin is checked under when ``--stdin-filename`` does not give one, from its
    bytes: ``stdin.jsonl`` if the first non-blank line is a JSON object and each of the next
    non-blank lines (up to ``SNIFFED_LINES`` in all) looks like one (``{...}``: a broken
    record is then that record's error, not a reason to read the whole as text);
    ``stdin.json`` if the whole is one JSON object; else ``stdin.txt``."""
    import json

    lines = (line.strip() for line in io.BytesIO(data.removeprefix(b"\xef\xbb\xbf")))
    sniffed = list(itertools.islice((line for line in lines if line), SNIFFED_LINES))
    if not sniffed or not sniffed[0].startswith(b"{"):
        return "stdin.txt"
    try:
        first = json.loads(sniffed[0])
    except ValueError:  # also a UnicodeDecodeError
        first = None
    if isinstance(first, dict) and all(
        line.startswith(b"{") and line.endswith(b"}") for line in sniffed[1:]
    ):
        return "stdin.jsonl"
    try:
        whole = json.loads(data.decode("utf-8-sig"))
    except ValueError:
        return "stdin.txt"
    return "stdin.json" if isinstance(whole, dict) else "stdin.txt"


def _process_stdin(name: str, data: bytes, run: Run) -> FileResult:
    """Check ``data``, read from stdin, as if it were the file ``name``; with --fix, write
    the result to stdout."""
    output = data
    try:
        if run.needs_corpus_pass:  # stdin is the whole corpus: learn from it, then check it
            run = run.with_statistics(run.learn_bytes(name, data))
        result, fixed = run.check_bytes(name, data)
        if fixed is not None:
            output = fixed
    except Exception as exc:  # a bug in newslint: an error for stdin, its text passed on as it was
        result = internal_error(name, exc)
    finally:
        # With --fix, stdout is the user's data in a pipe: it always gets the text, fixed if
        # the fix went through, else as it came (also when the run is interrupted).
        if run.options.fix:
            sys.stdout.buffer.write(output)
            sys.stdout.flush()
    if result.source is None:
        result.source = data.decode("utf-8-sig", "replace")  # for --format full
    return result


def _write_baseline(args: argparse.Namespace, results: Iterable[FileResult]) -> int:
    """``--write-baseline FILE``: record today's problems; exit 0 (2 if a file was unreadable)."""
    diagnostics = []
    errors: list[ReadError] = []
    for result in results:
        diagnostics.extend(result.diagnostics)
        errors.extend(result.errors)
    for error in errors:
        print(printable(str(error)), file=sys.stderr)  # a file name may hold anything
    from newslint import baseline

    try:
        count = baseline.write(Path(args.write_baseline), diagnostics)
    except OSError as exc:
        _error(f"cannot write {args.write_baseline}: {exc.strerror or exc}")
        return EXIT_ERROR
    name = printable(args.write_baseline)
    print(f"Wrote {count} problem{'s' if count != 1 else ''} to {name}.")
    return EXIT_ERROR if errors else EXIT_CLEAN


@contextlib.contextmanager
def _output(path: str | None, to_stderr: bool) -> Iterator[TextIO]:
    """Where the report goes: stdout (stderr), or ``-o FILE``, replaced atomically as a fixed
    article is (a temp file beside it, renamed over it once the report is complete): a run
    interrupted or failing before then leaves the old report whole.  A device or a FIFO
    (``-o /dev/null``, ``-o /dev/stdout``) is written in place."""
    if path is None:
        yield sys.stderr if to_stderr else sys.stdout
        return
    if not _replaceable(path):
        with open(path, "w", encoding="utf-8", errors="backslashreplace") as handle:
            yield handle
        return
    writer: AtomicWriter | None = None
    try:
        with signals_held():  # a signal while the temp file is made waits until it is kept
            writer = AtomicWriter(Path(path))
        handle = io.TextIOWrapper(
            io.BufferedWriter(_Sink(writer)), encoding="utf-8", errors="backslashreplace"
        )
        yield handle
        handle.flush()
        writer.commit()
    finally:
        if writer is not None:
            writer.discard()


def _replaceable(path: str) -> bool:
    """A report file to replace by rename: a regular file (through links), or none yet."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:  # a new file (or an error that making the temp file reports)
        return True


class _Sink(io.RawIOBase):
    """The bytes of a text stream, into an ``AtomicWriter``; once the writer is discarded,
    what the stream still holds is dropped (it flushes when it is collected)."""

    def __init__(self, writer: AtomicWriter) -> None:
        super().__init__()
        self._writer = writer

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer) -> int:
        if self._writer.temporary:
            self._writer.write(bytes(data))
        return memoryview(data).nbytes


def _interrupted(run: Run, code: int) -> int:
    """The exit status of an interrupted run; ends the process at once if a process pool was
    abandoned mid-task (a normal exit would wait for its workers' last results for ever)."""
    if run.pool_abandoned:
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


def _run_ray(args: argparse.Namespace, run: Run) -> int:
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
            ("--show-files", args.show_files),
        )
        if given
    ]
    if unsupported:
        print(f"newslint: error: {unsupported[0]} does not work with --engine ray", file=sys.stderr)
        return EXIT_ERROR
    try:
        from newslint.ray import RayOptions, run_ray_engine
    except ImportError as exc:
        _error(str(exc))
        return EXIT_ERROR
    try:
        options = RayOptions.parse(args.ray_options, "--ray-options") if args.ray_options else None
    except ValueError as exc:
        _error(str(exc))
        return EXIT_ERROR
    code = run_ray_engine(
        args.paths[:-1],
        args.paths[-1],
        args.ray_address,
        run,
        fix=args.fix,
        quiet=args.quiet,
        options=options,
    )
    return EXIT_CLEAN if code == EXIT_PROBLEMS and args.exit_zero else code
