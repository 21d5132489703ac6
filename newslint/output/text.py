"""Output for people: concise and full reports, colour, statistics, and the fixes applied."""

from __future__ import annotations

import json
import os
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TextIO

from newslint.diagnostics import Applicability, Diagnostic
from newslint.output.source import SourceLines
from newslint.report import printable

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
DIM = "\x1b[2m"
RED = "\x1b[31m"
CYAN = "\x1b[36m"
BLUE = "\x1b[34m"

AppliedFix = tuple[str, str, str, int]
"""(path, code, name, count): how many problems of one rule ``--fix`` mended in one file."""


# --- colour -------------------------------------------------------------------------------


def use_colour(stream: TextIO, env: Mapping[str, str] | None = None) -> bool:
    """Colour only on a terminal, never with ``NO_COLOR`` set (https://no-color.org).

    ``NO_COLOR`` (any non-empty value) always wins; ``FORCE_COLOR`` (non-empty) turns
    colour on for a pipe (as for pytest, rich and others); ``TERM=dumb`` turns it off.
    """
    env = os.environ if env is None else env
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    if env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def colour_concise_line(diagnostic: Diagnostic) -> str:
    """``concise_line`` with ANSI colour: path bold, location dim, code bold red, ``[*]`` cyan.

    Without the escape codes it is exactly ``concise_line(diagnostic)``.
    """
    loc = diagnostic.location
    where = f"{BOLD}{printable(diagnostic.path)}{RESET}"
    if loc:
        where += f"{DIM}:{loc.line}:{loc.column}{RESET}"
    marker = (
        f" {CYAN}[*]{RESET}"
        if diagnostic.fix and diagnostic.fix.applicability is Applicability.SAFE
        else ""
    )
    context = record_context(diagnostic)
    if context:
        context = f" {DIM}{context[1:]}{RESET}"
    message = printable(diagnostic.message)
    return f"{where}: {BOLD}{RED}{diagnostic.code}{RESET}{marker} {message}{context}"


# --- concise ------------------------------------------------------------------------------


def record_context(diagnostic: Diagnostic) -> str:
    """`` (record 12, id "abc", field body at 3:14)``: which record of a JSONL file, and
    where in the field's decoded text (line:column); '' for a text file.

    The ``path:line:col`` before the message stays the file's, so that an editor or a
    terminal opens the file there; but in a JSONL record (and a JSON file's one-line
    body) that column is an offset into an escaped line of thousands of characters.
    ``at 3:14`` says where the problem is in the text a person reads: the field's third
    line (paragraph breaks are lines), 14th character.
    """
    loc = diagnostic.field_location
    if diagnostic.record is None and loc is None:
        return ""
    parts = []
    if diagnostic.record is not None:
        parts.append(f"record {diagnostic.record}")
        if diagnostic.record_id is not None:
            parts.append(f"id {printable(json.dumps(diagnostic.record_id, ensure_ascii=False))}")
    field = f"field {diagnostic.field or '-'}"
    if loc is not None:
        field += f" at {loc.line}:{loc.column}"
    parts.append(field)
    return f" ({', '.join(parts)})"


def concise_line(diagnostic: Diagnostic, path: str | None = None) -> str:
    """``path:line:col: CODE [*] message``, then ``record_context`` (a JSON file's record, id,
    field and the place in the field); ``[*]`` if ``--fix`` can fix it.

    ``path``: the diagnostic's path made ``printable``, when the caller knows it (a report
    prints hundreds of thousands of lines for a few paths).
    """
    fix = diagnostic.fix
    marker = " [*]" if fix is not None and fix.applicability is Applicability.SAFE else ""
    message = diagnostic.message
    if not message.isprintable():
        message = printable(message)
    if path is None:
        path = printable(diagnostic.path)
    loc = diagnostic.location
    if loc is not None:
        path = f"{path}:{loc.line}:{loc.column}"
    return f"{path}: {diagnostic.code}{marker} {message}{record_context(diagnostic)}"


def render_concise(diagnostics: Sequence[Diagnostic], *, colour: bool = False) -> str:
    """One ``path:line:col: CODE message`` line per diagnostic."""
    if colour:
        return "".join(colour_concise_line(d) + "\n" for d in diagnostics)
    paths: dict[str, str] = {}  # each file name made printable once, not once per problem
    lines = []
    for diagnostic in diagnostics:
        path = paths.get(diagnostic.path)
        if path is None:
            path = paths[diagnostic.path] = printable(diagnostic.path)
        lines.append(concise_line(diagnostic, path))
    lines.append("")
    return "\n".join(lines)


# --- full ---------------------------------------------------------------------------------

MAX_SPAN_LINES = 4
"""Lines of a multi-line span shown before the rest is elided."""


def render_full(
    diagnostics: Sequence[Diagnostic],
    sources: SourceLines | None = None,
    *,
    colour: bool = False,
    context: int = 1,
    width: int = 100,
) -> str:
    """Each diagnostic with the offending text underlined and the fix's description.

    ``width`` is how many characters of a line are shown: a longer line (a JSONL record,
    a paragraph) is cut to a window around the span, marked with ``…``.
    """
    sources = sources or SourceLines()
    blocks = [_full_block(d, sources, colour, context, width) for d in diagnostics]
    return "".join(block + "\n" for block in blocks)


def _full_block(
    diagnostic: Diagnostic, sources: SourceLines, colour: bool, context: int, width: int
) -> str:
    header = colour_concise_line(diagnostic) if colour else concise_line(diagnostic)
    out = [header]
    loc = diagnostic.location
    lines = sources.lines(diagnostic.path) if loc else None
    gutter = 0
    if loc and lines is not None and 1 <= loc.line <= len(lines):
        last = min(loc.end_line, len(lines))
        end_column = loc.end_column if last == loc.end_line else len(lines[last - 1]) + 1
        while last > loc.line and (end_column == 1 or not lines[last - 1].rstrip("\r")):
            # A span that ends at the start of a line, or on blank lines, is shown without them.
            last -= 1
            end_column = len(lines[last - 1]) + 1
        first_shown = max(1, loc.line - context)
        last_shown = min(len(lines), last + context)
        gutter = len(str(last_shown))
        pad = " " * gutter
        out.append(f"{pad} |")
        span_lines = list(range(loc.line, last + 1))
        if len(span_lines) > MAX_SPAN_LINES:
            span_lines = [*span_lines[: MAX_SPAN_LINES - 1], last]
        for number in range(first_shown, last_shown + 1):
            text = lines[number - 1].rstrip("\r")
            if loc.line <= number <= last:
                if number not in span_lines:
                    if number == span_lines[-2] + 1:
                        out.append(f"{'⋮':>{gutter}} |")
                    continue
                start = loc.column - 1 if number == loc.line else 0
                end = end_column - 1 if number == last else len(text)
                start, end = min(start, len(text)), min(max(end, start), len(text))
                shown, offset = _window(text, start, end, width)
                out.append(_numbered(number, gutter, shown))
                lead = _cells(_prefix(text, offset, start))
                marks = max(1, _cells(text[start:end]))
                room = _cells(_prefix(text, offset, offset + width)) - lead
                marks = max(1, min(marks, room)) if room > 0 else 1
                underline = "^" * marks
                if colour:
                    underline = f"{BOLD}{RED}{underline}{RESET}"
                label = f" {diagnostic.code}" if number == span_lines[-1] else ""
                out.append(f"{pad} | {' ' * lead}{underline}{label}")
            elif len(text) <= width:
                # Context that would need a window of its own (a JSONL record) is left out.
                out.append(_numbered(number, gutter, text))
        out.append(f"{pad} |")
    help_line = _help(diagnostic)
    if help_line:
        out.append(f"{' ' * gutter} = help: {help_line}")
    return "\n".join(out) + "\n"


def _numbered(number: int, gutter: int, text: str) -> str:
    """A source line behind its number; trailing spaces are kept (they may be the problem)."""
    return f"{number:>{gutter}} |" + (f" {_visible(text)}" if text else "")


def _help(diagnostic: Diagnostic) -> str:
    fix = diagnostic.fix
    if fix is None:
        return ""
    message = printable(fix.message)
    if fix.applicability is Applicability.UNSAFE:
        return f"{message} (unsafe fix: applied with --fix --unsafe-fixes)"
    return message


def _window(text: str, start: int, end: int, width: int) -> tuple[str, int]:
    """The part of ``text`` to show around ``[start, end)``, and where it begins in ``text``."""
    if len(text) <= width:
        return text, 0
    span = end - start
    before = max(width // 4, (width - span) // 2) if span < width else min(10, width // 4)
    offset = max(0, min(start - before, len(text) - width))
    return _slice_window(text, offset, width), offset


def _slice_window(text: str, offset: int, width: int) -> str:
    if len(text) <= width:
        return text
    shown = text[offset : offset + width]
    if offset > 0:
        shown = "…" + shown
    if offset + width < len(text):
        shown += "…"
    return shown


def _prefix(text: str, offset: int, start: int) -> str:
    """What is printed before the span: the ``…`` marker, then the window up to it."""
    return ("…" if offset > 0 else "") + text[offset:start]


def _visible(text: str) -> str:
    """Control and invisible characters made visible: C0 controls and DEL as their control
    pictures (one cell: ␛, ␉, ␡), the others (C1 controls, bidirectional and other format
    characters, separators, surrogates, private use, unassigned) as ``\\u202e`` escapes, as
    in messages.  Carets count the cells of this text, so they stay aligned."""
    if text.isprintable():
        return text
    return "".join(_visible_char(ch) for ch in text)


def _visible_char(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟ (tab shows as ␉)
    if code == 0x7F:
        return "␡"
    if unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}:
        return printable(ch)
    return ch


def _cells(text: str) -> int:
    """Terminal columns ``text`` takes once made visible."""
    total = 0
    for ch in _visible(text):
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in {"W", "F"} else 1
    return total


# --- statistics ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StatisticsRow:
    code: str
    name: str
    count: int
    fixable: str
    """'safe' if ``--fix`` can mend some of them, 'unsafe' if only ``--unsafe-fixes`` can, ''."""


def statistics(diagnostics: Iterable[Diagnostic]) -> list[StatisticsRow]:
    """One row per rule, most frequent first (then by code)."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    fixable: dict[str, str] = {}
    for d in diagnostics:
        counts[d.code] += 1
        names[d.code] = d.name
        if d.fix is not None:
            level = "safe" if d.fix.applicability is Applicability.SAFE else "unsafe"
            if fixable.get(d.code) != "safe":
                fixable[d.code] = level
    return [
        StatisticsRow(code, names[code], count, fixable.get(code, ""))
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


_MARKERS = {"safe": "[*]", "unsafe": "[-]", "": "[ ]"}


def render_statistics(rows: Sequence[StatisticsRow], *, as_json: bool = False) -> str:
    """``count<TAB>code<TAB>[*] name`` rows, aligned, as ``ruff --statistics`` prints them.

    ``[*]`` fixable with ``--fix``, ``[-]`` only with ``--unsafe-fixes``, ``[ ]`` not fixable.
    With ``as_json``, a JSON array of ``{code, name, count, fixable}``.
    """
    if as_json:
        payload = [
            {"code": r.code, "name": r.name, "count": r.count, "fixable": r.fixable or None}
            for r in rows
        ]
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    if not rows:
        return ""
    count_width = max(len(str(r.count)) for r in rows)
    code_width = max(len(r.code) for r in rows)
    return "".join(
        f"{r.count:>{count_width}}\t{r.code:<{code_width}}\t{_MARKERS[r.fixable]} {r.name}\n"
        for r in rows
    )


# --- fixes applied ------------------------------------------------------------------------


def applied_fixes(path: str, fixed: Iterable[Diagnostic]) -> list[AppliedFix]:
    """Count the diagnostics ``--fix`` mended in one file, per rule."""
    counts: Counter[tuple[str, str]] = Counter((d.code, d.name) for d in fixed)
    return [(path, code, name, n) for (code, name), n in sorted(counts.items())]


def render_applied_fixes(applied: Sequence[AppliedFix]) -> str:
    """The fixes applied, per file, as ``ruff --show-fixes`` lists them; '' if none.

    ::

        Fixed 3 problems:
        - a.txt:
            2 × NL101 (markdown-emphasis)
            1 × NL201 (split-url)
    """
    by_path: dict[str, Counter[tuple[str, str]]] = {}
    for path, code, name, count in applied:
        if count > 0:
            by_path.setdefault(path, Counter())[(code, name)] += count
    total = sum(sum(counter.values()) for counter in by_path.values())
    if not total:
        return ""
    out = [f"Fixed {total} problem{'s' if total != 1 else ''}:"]
    for path in sorted(by_path):
        out.append(f"- {printable(path)}:")
        counter = by_path[path]
        width = max(len(str(n)) for n in counter.values())
        for (code, name), n in sorted(counter.items(), key=lambda item: (-item[1], item[0])):
            out.append(f"    {n:>{width}} × {code} ({name})")
    return "\n".join(out) + "\n"
