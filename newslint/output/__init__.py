"""Report formats: turn the sorted diagnostics of a run into text.

Every renderer takes the diagnostics already sorted (``Diagnostic.sort_key``) and returns
the whole report as one string, which ends with a newline unless it is empty (write it
with ``stream.write``, not ``print``).  ``render`` picks one by its ``--output-format`` name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from newslint.diagnostics import Diagnostic
from newslint.output.machine import (
    escape_data,
    escape_property,
    github_line,
    render_github,
    render_json,
    render_json_lines,
    render_junit,
)
from newslint.output.sarif import fingerprints, render_sarif, sarif_log
from newslint.output.source import SourceLines
from newslint.output.text import (
    AppliedFix,
    StatisticsRow,
    applied_fixes,
    colour_concise_line,
    render_applied_fixes,
    render_concise,
    render_full,
    render_statistics,
    statistics,
    use_colour,
)
from newslint.rule import Rule

FORMATS = ("concise", "full", "json", "json-lines", "github", "sarif", "junit")
"""The ``--output-format`` choices."""
HUMAN_FORMATS = frozenset({"concise", "full"})
"""Formats followed by the summary line ("Found 3 problems ..."); the others are data only."""


def default_format(env: Mapping[str, str]) -> str:
    """``github`` inside GitHub Actions (``GITHUB_ACTIONS=true``), else ``concise``."""
    return "github" if env.get("GITHUB_ACTIONS") == "true" else "concise"


def render(
    output_format: str,
    diagnostics: Sequence[Diagnostic],
    rules: Sequence[Rule],
    *,
    sources: SourceLines | Mapping[str, str] | None = None,
    colour: bool = False,
    checked_paths: Sequence[str] = (),
    root: str | Path | None = None,
) -> str:
    """The report in ``output_format`` (one of ``FORMATS``).

    ``rules``: the rules in use (SARIF describes them).  ``sources``: the text of files
    not to be read from disk (stdin), for ``full``.  ``colour``: ANSI colour for
    ``concise`` and ``full`` (see ``use_colour``).  ``checked_paths``: every file checked,
    so ``junit`` lists clean files as passing.  ``root``: what SARIF URIs are relative to.
    """
    if output_format == "concise":
        return render_concise(diagnostics, colour=colour)
    if output_format == "full":
        lines = sources if isinstance(sources, SourceLines) else SourceLines(sources)
        return render_full(diagnostics, lines, colour=colour)
    if output_format == "json":
        return render_json(diagnostics)
    if output_format == "json-lines":
        return render_json_lines(diagnostics)
    if output_format == "github":
        return render_github(diagnostics)
    if output_format == "sarif":
        return render_sarif(diagnostics, rules, root=root)
    if output_format == "junit":
        return render_junit(diagnostics, checked_paths=checked_paths)
    raise ValueError(
        f"unknown output format {output_format!r}; expected one of {', '.join(FORMATS)}"
    )


__all__ = [
    "FORMATS",
    "HUMAN_FORMATS",
    "AppliedFix",
    "SourceLines",
    "StatisticsRow",
    "applied_fixes",
    "colour_concise_line",
    "default_format",
    "escape_data",
    "escape_property",
    "fingerprints",
    "github_line",
    "render",
    "render_applied_fixes",
    "render_concise",
    "render_full",
    "render_github",
    "render_json",
    "render_json_lines",
    "render_junit",
    "render_sarif",
    "render_statistics",
    "sarif_log",
    "statistics",
    "use_colour",
]
