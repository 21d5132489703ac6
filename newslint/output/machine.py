"""Output for programs: JSON, JSON Lines, GitHub workflow commands and JUnit XML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from newslint import report
from newslint.diagnostics import Diagnostic, Severity
from newslint.lazy_re import compile_lazily
from newslint.output.text import concise_line, record_context
from newslint.report import printable, to_json

# --- JSON -----------------------------------------------------------------------------------


# Characters a terminal acts on or reorders that ``json.dumps(ensure_ascii=False)`` writes
# raw (it escapes only C0 controls, quotes and backslashes): DEL, the C1 controls (U+009B is
# a CSI, U+009D an OSC on some terminals), the bidirectional controls (U+061C, U+200E/F,
# U+202A-202E, U+2066-2069), the line and paragraph separators, and lone surrogates (which
# cannot even be encoded to UTF-8).  Outside strings JSON text is ASCII, so these occur only
# inside strings, where ``\uXXXX`` stands for the same character: the data is unchanged.
_TERMINAL_UNSAFE = compile_lazily(
    "[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def json_safe(text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with the characters that act on
    a terminal written as ``\\uXXXX`` escapes; it decodes to the same values."""
    if _TERMINAL_UNSAFE.search(text) is None:
        return text
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def as_dict(diagnostic: Diagnostic) -> dict[str, Any]:
    """A diagnostic as ``--output-format json`` writes it: ``report.as_dict``'s keys (which
    stay as they were), then where it is in its record: the record's ``id`` and ``url``
    (None if it has none) and the span in the field's decoded text, as character offsets
    (``field_start``, ``field_end``) and as 1-based lines and columns (``field_line``, ...;
    for JSON and JSONL, whose file columns are offsets into escaped lines)."""
    item = report.as_dict(diagnostic)
    loc = diagnostic.field_location
    in_field = diagnostic.field is not None
    item["record_id"] = diagnostic.record_id
    item["record_url"] = diagnostic.record_url
    item["field_start"] = diagnostic.start if in_field else None
    item["field_end"] = diagnostic.end if in_field else None
    item["field_line"] = loc.line if loc else None
    item["field_column"] = loc.column if loc else None
    item["field_end_line"] = loc.end_line if loc else None
    item["field_end_column"] = loc.end_column if loc else None
    return item


def render_json(diagnostics: Sequence[Diagnostic]) -> str:
    """The JSON array ``--output-format json`` has always printed (keys of ``as_dict``)."""
    return json_safe(to_json([as_dict(d) for d in diagnostics])) + "\n"


def render_json_lines(diagnostics: Sequence[Diagnostic]) -> str:
    """One compact JSON object per line, with the keys of ``as_dict``; '' if none."""
    return json_safe(
        "".join(
            json.dumps(as_dict(d), ensure_ascii=False, separators=(",", ":")) + "\n"
            for d in diagnostics
        )
    )


# --- GitHub Actions workflow commands -------------------------------------------------------


def escape_data(value: str) -> str:
    """Escape a workflow command's message, as GitHub's toolkit does."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a workflow command's property value: the message escapes plus ``:`` and ``,``."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


_ESCAPED = "\r\n"
"""What ``escape_data`` writes its own way (%0D, %0A): left to it by ``printable``."""


def github_line(diagnostic: Diagnostic) -> str:
    """``::warning file=...,line=...,col=...,endLine=...,endColumn=...,title=CODE name::message``.

    A span over several lines gives no ``col``/``endColumn``: GitHub accepts columns only
    for an annotation on one line.
    """
    level = "error" if diagnostic.severity is Severity.ERROR else "warning"
    props: list[tuple[str, str]] = [("file", PurePath(diagnostic.path).as_posix())]
    loc = diagnostic.location
    if loc:
        props.append(("line", str(loc.line)))
        if loc.end_line == loc.line:
            props.append(("col", str(loc.column)))
        props.append(("endLine", str(loc.end_line)))
        if loc.end_line == loc.line:
            props.append(("endColumn", str(loc.end_column)))
    props.append(("title", f"{diagnostic.code} {diagnostic.name}"))
    message = printable(diagnostic.message, keep=_ESCAPED) + record_context(diagnostic)
    joined = ",".join(
        f"{key}={escape_property(printable(value, keep=_ESCAPED))}" for key, value in props
    )
    return f"::{level} {joined}::{escape_data(message)}"


def render_github(diagnostics: Sequence[Diagnostic]) -> str:
    return "".join(github_line(d) + "\n" for d in diagnostics)


# --- JUnit XML --------------------------------------------------------------------------------

# Characters XML 1.0 cannot hold at all (even escaped), and lone surrogates.
_NOT_XML = compile_lazily("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(value: str) -> str:
    """``value`` with characters XML 1.0 cannot hold written as ``\\xNN`` / ``\\uNNNN``."""
    return _NOT_XML.sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"
        ),
        value,
    )


def render_junit(
    diagnostics: Sequence[Diagnostic],
    *,
    checked_paths: Sequence[str] = (),
    per_file: bool = True,
) -> str:
    """JUnit XML: one failing test case per diagnostic, for GitLab and other CI test reports.

    ``per_file``: one ``<testsuite>`` per file (named by its path), else one suite
    ``newslint``.  ``checked_paths``: files checked; those without a problem get one passing
    test case, so the report shows them.  With nothing checked and nothing found there is
    one passing case, as CI tools treat an empty report as a failure to produce one.
    """
    suites: dict[str, list[ET.Element]] = {}
    for path in checked_paths:
        suites.setdefault(path if per_file else "newslint", [])
    for d in diagnostics:
        suites.setdefault(d.path if per_file else "newslint", []).append(_failing_case(d))
    for path in checked_paths:
        if not any(d.path == path for d in diagnostics):
            case = ET.Element(
                "testcase", name="newslint", classname=xml_text(path), file=xml_text(path)
            )
            suites[path if per_file else "newslint"].append(case)
    if not suites:
        suites["newslint"] = [
            ET.Element("testcase", name="No problems found", classname="newslint")
        ]
    root = ET.Element("testsuites", name="newslint")
    total = failures = 0
    for name, cases in suites.items():
        failed = sum(1 for case in cases if case.find("failure") is not None)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=xml_text(name),
            tests=str(len(cases)),
            failures=str(failed),
            errors="0",
            skipped="0",
        )
        suite.extend(cases)
        total += len(cases)
        failures += failed
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    # C1 and bidirectional controls are legal XML but act on a terminal: as character
    # references (``&#x202e;``) they stay the same characters for an XML reader.
    text = _TERMINAL_UNSAFE.sub(lambda m: f"&#x{ord(m.group()):x};", text)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"


def _failing_case(d: Diagnostic) -> ET.Element:
    loc = d.location
    where = f"line {loc.line}, column {loc.column}" if loc else "file"
    if d.record is not None:
        where += f", record {d.record}, field {d.field or '-'}"
    case = ET.Element(
        "testcase",
        name=xml_text(f"{d.code} {d.name} ({where})"),
        classname=xml_text(d.path),
        file=xml_text(d.path),
    )
    if loc:
        case.set("line", str(loc.line))
    failure = ET.SubElement(case, "failure", message=xml_text(d.message), type=d.code)
    body = concise_line(d)
    if d.fix is not None:
        body += f"\nfix ({d.fix.applicability.value}): {d.fix.message}"
    failure.text = xml_text(body)
    return case
