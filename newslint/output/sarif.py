"""SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from newslint import __version__
from newslint.baseline import fingerprint
from newslint.diagnostics import Applicability, Diagnostic, Location, Severity
from newslint.docs import FIX_WORDS, rule_page
from newslint.output.text import record_context
from newslint.registry import find_rule
from newslint.rule import Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "newslint/v2"
"""Key of ``partialFingerprints``: the baseline's fingerprint plus an occurrence number."""
INFORMATION_URI = "https://pypi.org/project/newslint/"


def artifact_uri(path: str, root: str | Path | None = None) -> str:
    """A relative URI reference for ``path`` (``/`` separators, percent-encoded).

    An absolute path is made relative to ``root`` (default: the working directory);
    one outside it becomes a ``file://`` URI.
    """
    pure = Path(path)
    if pure.is_absolute():
        base = Path(root) if root is not None else Path.cwd()
        try:
            pure = pure.relative_to(base.resolve())
        except ValueError:
            return pure.as_uri()
    posix = PurePath(pure).as_posix()
    while posix.startswith("./"):
        posix = posix[2:]
    # The file name's own bytes, percent-encoded: a name that is not UTF-8 (``os.fsdecode``
    # keeps its bytes as lone surrogates) is still a valid URI, and names the same file.
    return quote(os.fsencode(posix), safe="/")


def fingerprints(diagnostics: Sequence[Diagnostic]) -> list[str]:
    """A stable fingerprint per diagnostic: no line or column goes into it.

    It is ``newslint.baseline.fingerprint`` (rule, path, the article's id or url, field,
    offending text) followed by ``:n``, the occurrence of that same problem in the run,
    so two identical problems in one article do not share a fingerprint.
    """
    seen: Counter[str] = Counter()
    out = []
    for d in diagnostics:
        base = fingerprint(d)
        out.append(f"{base}:{seen[base]}")
        seen[base] += 1
    return out


def _level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    """The rule's reportingDescriptor: every text is the rule class's, as ``newslint rule`` shows it.

    ``help.markdown`` is the page ``newslint rule CODE`` prints; ``help.text`` says the same
    in plain text.
    """
    parts = [rule.summary.strip(), rule.explanation.strip()]
    if rule.bad:
        parts.append(f"Bad:\n{rule.bad}")
    if rule.good:
        parts.append(f"Good:\n{rule.good}")
    parts.append(FIX_WORDS.get(rule.fixable, rule.fixable))
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation},
        "help": {"text": "\n\n".join(parts), "markdown": rule_page(rule)},
        "defaultConfiguration": {"level": _level(rule.severity)},
        "properties": {"fixable": rule.fixable, "tags": ["newslint", rule.name]},
    }


def _descriptor_outside_the_rules(d: Diagnostic) -> dict[str, Any]:
    """A diagnostic of a rule that is not in use (a cached or baseline result): the registry's
    description if it knows the code, else what the diagnostic says."""
    rule = find_rule(d.code)
    if rule is not None and rule.name == d.name:
        return _rule_descriptor(rule)
    return {
        "id": d.code,
        "name": d.name,
        "shortDescription": {"text": d.name},
        "defaultConfiguration": {"level": _level(d.severity)},
    }


def _region(loc: Location) -> dict[str, int]:
    return {
        "startLine": loc.line,
        "startColumn": loc.column,
        "endLine": loc.end_line,
        "endColumn": loc.end_column,
    }


def _result(d: Diagnostic, rule_index: int, uri: str, partial_fingerprint: str) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    if d.location:
        physical["region"] = _region(d.location)
    location: dict[str, Any] = {"physicalLocation": physical}
    if d.record is not None or d.field:
        names = []
        if d.record is not None:
            names.append(f"record {d.record}")
        if d.field:
            names.append(d.field)
        location["logicalLocations"] = [{"fullyQualifiedName": "/".join(names), "kind": "member"}]
    message = d.message + record_context(d)
    result: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": _level(d.severity),
        "message": {"text": message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: partial_fingerprint},
    }
    properties: dict[str, Any] = {}
    if d.record is not None:
        properties["record"] = d.record
    if d.record_id is not None:
        properties["recordId"] = d.record_id
    if d.record_url is not None:
        properties["recordUrl"] = d.record_url
    if d.field:
        properties["field"] = d.field
        # Where in the field's decoded text (a JSONL record's region is in an escaped line).
        field_region: dict[str, int] = {"charOffset": d.start, "charLength": d.end - d.start}
        if d.field_location is not None:
            field_region = {**_region(d.field_location), **field_region}
        properties["fieldRegion"] = field_region
    if d.fix is not None:
        properties["fixApplicability"] = d.fix.applicability.value
        if d.fix_edits:
            result["fixes"] = [
                {
                    "description": {
                        "text": d.fix.message
                        + (" (unsafe)" if d.fix.applicability is Applicability.UNSAFE else "")
                    },
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": uri},
                            "replacements": [
                                {
                                    "deletedRegion": _region(span),
                                    "insertedContent": {"text": content},
                                }
                                for span, content in d.fix_edits
                            ],
                        }
                    ],
                }
            ]
    if properties:
        result["properties"] = properties
    return result


def sarif_log(
    diagnostics: Sequence[Diagnostic],
    rules: Sequence[Rule],
    *,
    root: str | Path | None = None,
) -> dict[str, Any]:
    """The SARIF log as a dict: one run, every rule in use described, one result per diagnostic.

    Its strings are the data as it is (an article's C1 or bidirectional controls included):
    ``render_sarif`` writes the characters that act on a terminal as ``\\uXXXX`` escapes.
    Fixes appear only for diagnostics whose ``fix_edits`` were resolved
    (``Options(locate_fixes=True)``).  Columns count Unicode code points (``columnKind``).
    """
    descriptors = [_rule_descriptor(rule) for rule in sorted(rules, key=lambda r: r.code)]
    index = {descriptor["id"]: i for i, descriptor in enumerate(descriptors)}
    for d in diagnostics:
        if d.code not in index:
            index[d.code] = len(descriptors)
            descriptors.append(_descriptor_outside_the_rules(d))
    prints = fingerprints(diagnostics)
    results = [
        _result(d, index[d.code], artifact_uri(d.path, root), fp)
        for d, fp in zip(diagnostics, prints, strict=True)
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "newslint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render_sarif(
    diagnostics: Sequence[Diagnostic],
    rules: Sequence[Rule],
    *,
    root: str | Path | None = None,
) -> str:
    """The SARIF log as JSON text, as ``--output-format sarif`` prints it: C1 and bidirectional
    controls, line separators and lone surrogates written as ``\\uXXXX`` escapes (``json_safe``),
    so that printing it cannot drive a terminal; it decodes to ``sarif_log``."""
    from newslint.output.machine import json_safe

    log = sarif_log(diagnostics, rules, root=root)
    return json_safe(json.dumps(log, ensure_ascii=False, indent=2)) + "\n"
