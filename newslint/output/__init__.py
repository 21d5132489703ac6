"""Report formats: turn the sorted diagnostics of a run into text.

Every renderer takes the diagnostics already sorted (``Diagnostic.sort_key``) and returns
the whole report as one string, which ends with a newline unless it is empty (write it
with ``stream.write``, not ``print``).  ``render`` picks one by its ``--output-format`` name.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.diagnostics import Diagnostic
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

if TYPE_CHECKING:
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

# The machine formats are imported when first asked for: a check printed in the default
# ``concise`` format does not pay for xml.etree (JUnit), SARIF, the baseline and the rule
# documentation (4 to 6 ms of every start-up, measured on the project's 2-core VM).
_LAZY = {
    "escape_data": "newslint.output.machine",
    "escape_property": "newslint.output.machine",
    "github_line": "newslint.output.machine",
    "render_github": "newslint.output.machine",
    "render_json": "newslint.output.machine",
    "render_json_lines": "newslint.output.machine",
    "render_junit": "newslint.output.machine",
    "fingerprints": "newslint.output.sarif",
    "render_sarif": "newslint.output.sarif",
    "sarif_log": "newslint.output.sarif",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


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
    if output_format in ("json", "json-lines", "github", "junit"):
        from newslint.output import machine

        if output_format == "json":
            return machine.render_json(diagnostics)
        if output_format == "json-lines":
            return machine.render_json_lines(diagnostics)
        if output_format == "github":
            return machine.render_github(diagnostics)
        return machine.render_junit(diagnostics, checked_paths=checked_paths)
    if output_format == "sarif":
        from newslint.output.sarif import render_sarif

        return render_sarif(diagnostics, rules, root=root)
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
