"""Write a run's report as its results arrive: counters for the totals, objects only where a
format needs the whole run at once (SARIF, JUnit, ``--statistics``, a baseline to write).

Results come in path order (``Run.check_files``), so a report written file by file is
the same, byte for byte, as one sorted at the end; memory stays flat for the line
formats (``concise``, ``json-lines``, ``github``), ``full``, ``json`` and ``--diff``.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TextIO

from newslint.diagnostics import Applicability, Diagnostic, ReadError
from newslint.output import HUMAN_FORMATS, applied_fixes, render, render_applied_fixes
from newslint.output.text import StatisticsRow, render_statistics, use_colour
from newslint.report import printable, summary
from newslint.rule import Rule
from newslint.runner import FileResult

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2
STREAMED_FORMATS = frozenset({"concise", "json-lines", "github", "full", "json"})
"""Formats written file by file; the others need every diagnostic at once."""


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """What the report shows (the CLI's output flags)."""

    output_format: str = "concise"
    statistics: bool = False
    show_fixes: bool = False
    quiet: bool = False
    diff: bool = False
    fixing: bool = False
    baseline: Counter[str] | None = None
    """Fingerprints of known problems to hide (``--baseline``)."""
    baseline_name: str = ""
    verbose: bool = False
    """``-v``: also print the notes of each file (a JSON file skipped as no article)."""


@dataclass(slots=True)
class _Counts:
    problems: int = 0
    safe: int = 0
    unsafe: int = 0
    fixed: int = 0
    errors: int = 0
    known: int = 0
    diffs: int = 0
    """Files that ``--diff`` shows changes for."""
    rules: Counter[str] = field(default_factory=Counter)
    names: dict[str, str] = field(default_factory=dict)
    fixable: dict[str, str] = field(default_factory=dict)

    def count(self, diagnostics: Sequence[Diagnostic]) -> None:
        """Count problems per rule and per fix applicability (grouped first: a file may
        bring hundreds of thousands, of a few dozen kinds)."""
        kinds = Counter(
            (d.code, d.name, None if d.fix is None else d.fix.applicability) for d in diagnostics
        )
        self.problems += len(diagnostics)
        for (code, name, applicability), count in kinds.items():
            self.rules[code] += count
            self.names[code] = name
            if applicability is Applicability.SAFE:
                self.safe += count
                self.fixable[code] = "safe"
            elif applicability is not None:
                self.unsafe += count
                if self.fixable.get(code) != "safe":
                    self.fixable[code] = "unsafe"

    def statistics_rows(self) -> list[StatisticsRow]:
        return [
            StatisticsRow(code, self.names[code], count, self.fixable.get(code, ""))
            for code, count in sorted(self.rules.items(), key=lambda item: (-item[1], item[0]))
        ]


class Reporter:
    """Takes ``FileResult``s one by one (``add``), writes the report, and gives the exit
    status (``finish``).  Warnings and read errors go to ``errors`` (stderr) at once."""

    def __init__(
        self,
        out: TextIO,
        rules: Sequence[Rule],
        options: ReportOptions,
        errors: TextIO | None = None,
    ) -> None:
        self.out = out
        self.err = errors if errors is not None else sys.stderr
        self.rules = rules
        self.options = options
        self.colour = use_colour(out, os.environ)
        self.terminal = _is_terminal(out)
        """``--diff`` on a terminal shows control characters escaped; into a file or a pipe
        it is written exactly, so that ``patch`` and ``git apply`` can use it."""
        self.counts = _Counts()
        self._remaining_baseline = Counter(options.baseline) if options.baseline else None
        self._held: list[Diagnostic] = []
        """Diagnostics of the formats that need them all (SARIF, JUnit)."""
        self._checked: list[str] = []
        self._applied: list[tuple[str, str, str, int]] = []
        self._json_items = 0

    @property
    def streamed(self) -> bool:
        return self.options.output_format in STREAMED_FORMATS and not self.options.statistics

    def add(self, result: FileResult) -> None:
        for warning in result.warnings:
            print(printable(f"{result.path}: warning: {warning}"), file=self.err)
        if self.options.verbose:
            for note in result.notes:
                print(printable(f"{result.path}: {note}"), file=self.err)
        self._errors(result.errors)
        diagnostics = self._new(result.diagnostics)
        self.counts.count(diagnostics)
        self.counts.fixed += result.fixed
        if self.options.show_fixes and self.options.fixing:
            self._applied += applied_fixes(result.path, result.fixed_diagnostics)
        if result.diff:
            self.counts.diffs += 1
        if self.options.statistics:
            return
        if self.options.diff:
            diff = result.diff
            if self.terminal and not diff.isprintable():
                diff = printable(diff, keep="\t\n")
            self.out.write(diff)
            return
        if not result.partial:  # a big file's chunks come first, then the file itself
            self._checked.append(result.path)
        if not self.streamed:
            self._held.extend(diagnostics)
        elif self.options.output_format == "json":
            self._write_json(diagnostics)
        elif diagnostics:
            sources = {result.path: result.source} if result.source is not None else None
            self.out.write(
                render(
                    self.options.output_format,
                    diagnostics,
                    self.rules,
                    sources=sources,
                    colour=self.colour,
                )
            )

    def _errors(self, errors: Sequence[ReadError]) -> None:
        for error in errors:
            print(printable(str(error)), file=self.err)  # a file name may hold anything
        self.counts.errors += len(errors)

    def _new(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """The diagnostics the baseline does not know (all of them without one)."""
        remaining = self._remaining_baseline
        if remaining is None:
            return diagnostics
        from newslint import baseline  # only with --baseline

        new = []
        for diagnostic in diagnostics:
            key = baseline.fingerprint(diagnostic)
            if remaining[key] > 0:
                remaining[key] -= 1
                self.counts.known += 1
            else:
                new.append(diagnostic)
        return new

    def _write_json(self, diagnostics: list[Diagnostic]) -> None:
        import json

        from newslint.output.machine import as_dict, json_safe

        for diagnostic in diagnostics:
            self.out.write("[\n  " if not self._json_items else ",\n  ")
            self.out.write(json_safe(json.dumps(as_dict(diagnostic), ensure_ascii=False)))
            self._json_items += 1

    def finish(self) -> int:
        """Write what comes after the diagnostics; return the exit status."""
        options, counts = self.options, self.counts
        if options.statistics:
            rows = counts.statistics_rows()
            self.out.write(render_statistics(rows, as_json=options.output_format == "json"))
        elif options.diff:
            if not options.quiet:
                # On stderr, as Ruff does: ``newslint --diff . > fixes.patch`` stays a patch.
                print(diff_summary(counts.fixed, counts.unsafe, counts.errors), file=self.err)
        elif options.output_format == "json":
            self.out.write("\n]\n" if self._json_items else "[]\n")
        elif not self.streamed:
            report = render(
                options.output_format,
                self._held,
                self.rules,
                colour=self.colour,
                checked_paths=self._checked,
            )
            if options.output_format == "sarif":  # C1 and bidi controls as \uXXXX escapes
                from newslint.output.machine import json_safe

                report = json_safe(report)
            self.out.write(report)
        if options.show_fixes and options.fixing:
            self.out.write(render_applied_fixes(self._applied))
        if not options.quiet and not options.diff and options.output_format in HUMAN_FORMATS:
            for note in self._notes():
                print(note, file=self.out)
            print(
                summary(
                    counts.problems,
                    counts.safe,
                    counts.unsafe,
                    counts.fixed,
                    options.fixing,
                    counts.errors,
                ),
                file=self.out,
            )
        if counts.errors:
            return EXIT_ERROR
        if options.diff:
            return EXIT_PROBLEMS if counts.diffs else EXIT_CLEAN
        return EXIT_PROBLEMS if counts.problems else EXIT_CLEAN

    def _notes(self) -> list[str]:
        if self.options.baseline is None:
            return []
        notes = [
            f"{self.counts.known} known problems hidden by the baseline {self.options.baseline_name}."
        ]
        stale = sum((self._remaining_baseline or Counter()).values())
        if stale:
            notes.append(
                f"{stale} baseline entries matched nothing (fixed, or changed): "
                "write the baseline again to drop them."
            )
        return notes


def diff_summary(fixed: int, unsafe: int, errors: int = 0) -> str:
    """``--diff``'s closing line: how many problems ``--fix`` would fix (and ``--unsafe-fixes``)."""
    plural = "s" if fixed != 1 else ""
    line = f"Would fix {fixed} problem{plural}." if fixed else "No problems would be fixed."
    if unsafe:
        line += f" {unsafe} more fixable with --unsafe-fixes."
    if errors:
        line += "\n" + summary(0, 0, 0, 0, False, errors)
    return line


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False
