"""Report formats (newslint.output) on real diagnostics from the real engine.

The diagnostics come from ``process_file`` on the seed article and on a JSONL file
written here; each format is parsed back or compared line by line.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newslint.diagnostics import Applicability, Diagnostic, Location, Severity
from newslint.output import (
    FORMATS,
    SourceLines,
    applied_fixes,
    colour_concise_line,
    default_format,
    fingerprints,
    github_line,
    render,
    render_applied_fixes,
    render_concise,
    render_full,
    render_github,
    render_json,
    render_json_lines,
    render_junit,
    render_sarif,
    render_statistics,
    statistics,
    use_colour,
)
from newslint.output.machine import as_dict
from newslint.output.text import concise_line
from newslint.registry import all_rules
from newslint.report import to_json
from newslint.runner import Options, process_file
from newslint.selection import select_rules
from tests.conftest import DATA, ROOT, SEED

# A fixed set of rules, so that new rules do not change these fixtures.
RULES = select_rules(all_rules(), ["NL00", "NL101", "NL102", "NL201", "NL301", "NL401", "NL501"])
SEED_REL = f"seeds/{SEED.name}"
SCHEMA = json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
ANSI = re.compile(r"\x1b\[[0-9;]*m")

RECORDS: list[dict[str, Any]] = [
    {
        "title": "Markets close higher",
        "url": "https://example.com/markets",
        "body": "Stocks rose on Monday. " * 12
        + "Itâ€™s the **best** day, traders said. "
        + "Bonds fell. " * 10,
    },
    {
        "title": "Council votes",
        "url": "https://example.com/council",
        "body": "The council voted on Monday.\nA <b>new</b> budget was approved, with cuts.",
    },
]


def lint(path: Path | str) -> list[Diagnostic]:
    result = process_file(str(path), RULES, Options(locate_fixes=True))
    assert not result.errors
    return sorted(result.diagnostics, key=lambda d: d.sort_key)


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


@pytest.fixture
def seed(monkeypatch: pytest.MonkeyPatch) -> list[Diagnostic]:
    """The seed's diagnostics, with the path relative to the repository root (the cwd)."""
    monkeypatch.chdir(ROOT)
    return lint(SEED_REL)


@pytest.fixture
def jsonl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Diagnostic]:
    monkeypatch.chdir(tmp_path)
    write_jsonl(tmp_path / "news feed.jsonl", RECORDS)
    return lint("news feed.jsonl")


def made_up(message: str, path: str = "a.txt", **changes: Any) -> Diagnostic:
    values: dict[str, Any] = {
        "code": "NL101",
        "name": "markdown-emphasis",
        "message": message,
        "severity": Severity.WARNING,
        "field": "body",
        "start": 0,
        "end": 1,
        "path": path,
        "location": Location(3, 5, 3, 9),
    }
    values.update(changes)
    return Diagnostic(**values)


# ----------------------------------------------------------------------------- concise, colour


def test_seed_diagnostics_are_the_ones_the_formats_are_tested_on(seed: list[Diagnostic]) -> None:
    assert [(d.code, d.location.line if d.location else 0) for d in seed] == [
        ("NL101", 11),
        ("NL401", 25),
        ("NL004", 35),
        ("NL201", 35),
    ]


def test_concise_is_todays_line_per_diagnostic(seed: list[Diagnostic]) -> None:
    text = render_concise(seed)
    assert text.splitlines()[0] == (
        f"{SEED_REL}:11:88: NL101 [*] Markdown bold markers around 'Valery Sharifulin / TASS'"
    )
    assert text == "".join(concise_line(d) + "\n" for d in seed)
    assert render_concise([]) == ""


def test_colour_only_adds_escape_codes(seed: list[Diagnostic], jsonl: list[Diagnostic]) -> None:
    for d in seed + jsonl:
        coloured = colour_concise_line(d)
        assert coloured != concise_line(d)
        assert ANSI.sub("", coloured) == concise_line(d)
    first = colour_concise_line(seed[0])
    assert first.startswith(f"\x1b[1m{SEED_REL}\x1b[0m\x1b[2m:11:88\x1b[0m: ")
    assert "\x1b[1m\x1b[31mNL101\x1b[0m" in first
    assert ANSI.sub("", render_concise(seed, colour=True)) == render_concise(seed)


class FakeTerminal(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_use_colour_needs_a_terminal_and_no_NO_COLOR() -> None:
    assert use_colour(FakeTerminal(True), {}) is True
    assert use_colour(FakeTerminal(False), {}) is False
    assert use_colour(io.StringIO(), {}) is False
    assert use_colour(FakeTerminal(True), {"NO_COLOR": "1"}) is False
    assert use_colour(FakeTerminal(True), {"NO_COLOR": "1", "FORCE_COLOR": "1"}) is False
    assert use_colour(FakeTerminal(True), {"NO_COLOR": ""}) is True  # no-color.org: non-empty
    assert use_colour(FakeTerminal(False), {"FORCE_COLOR": "1"}) is True
    assert use_colour(FakeTerminal(True), {"TERM": "dumb"}) is False


# ----------------------------------------------------------------------------- full


def caret_columns(block: str) -> list[tuple[str, str]]:
    """(source line, underline line) pairs of a full block, gutters removed."""
    lines = block.splitlines()
    pairs = []
    for above, below in itertools.pairwise(lines):
        if re.match(r"^\s*\d+ \| ", above) and re.match(r"^\s* \| \s*\^", below):
            pairs.append((above.split(" | ", 1)[1], below.split(" | ", 1)[1]))
    return pairs


def test_full_underlines_the_span_and_gives_the_fix(seed: list[Diagnostic]) -> None:
    text = render_full(seed)
    blocks = text.split("\n\n")
    assert blocks[0].splitlines()[0] == concise_line(seed[0])
    [(source, underline)] = caret_columns(blocks[0])
    start = source.index("**Valery Sharifulin / TASS**")
    assert underline == " " * start + "^" * len("**Valery Sharifulin / TASS**") + " NL101"
    assert "   = help: remove the Markdown markers" in blocks[0].splitlines()
    # Context: the (blank) lines around line 11 are shown with their numbers.
    assert "10 |" in blocks[0].splitlines() and "12 |" in blocks[0].splitlines()
    # The long source line is cut to a window, marked with an ellipsis.
    assert source.startswith("…") and len(source) <= 101
    # NL401's span ends at the start of line 27: only line 25 is underlined.
    promo = blocks[1]
    assert [p[0][:17] for p in caret_columns(promo)] == ["Related article: "]
    assert "(unsafe fix: applied with --fix --unsafe-fixes)" in promo
    # NL004 has no fix: no help line.
    assert "help" not in blocks[2]


def test_full_windows_long_jsonl_lines(jsonl: list[Diagnostic]) -> None:
    text = render_full(jsonl, width=60)
    bold = next(b for b in text.split("\n\n") if "NL101" in b.splitlines()[0])
    [(source, underline)] = caret_columns(bold)
    assert source.startswith("…") and source.endswith("…") and len(source) == 62
    assert underline == " " * source.index("**best**") + "^" * 8 + " NL101"
    # No other record is quoted as context: it would need a window of its own.
    assert not any(line.startswith("2 |") for line in bold.splitlines())


def test_full_reads_text_from_a_mapping_and_aligns_wide_and_invisible_characters() -> None:
    text = "Title\n\n東京\t**bold**\u200b x\n"
    d = made_up("Markdown bold", path="stdin.txt", location=Location(3, 4, 3, 12))
    block = render_full([d], SourceLines({"stdin.txt": text}))
    [(source, underline)] = caret_columns(block)
    assert source == "東京␉**bold**\\u200b x"
    # Two wide characters take two cells each, the tab one: the carets start at cell 5.
    assert underline == "     ^^^^^^^^ NL101"
    # Without the text (no such file), the header and the help are still given.
    assert render_full([d]) == concise_line(d) + "\n\n"


def test_full_keeps_trailing_spaces_under_the_carets() -> None:
    d = made_up("trailing whitespace", location=Location(1, 5, 1, 7))
    block = render_full([d], SourceLines({"a.txt": "Done  \nNext\n"}))
    assert caret_columns(block) == [("Done  ", "    ^^ NL101")]


def test_full_shows_a_long_multi_line_span_with_an_elision() -> None:
    text = "".join(f"line {n}\n" for n in range(1, 11))
    d = made_up("a long span", location=Location(2, 1, 8, 7))
    block = render_full([d], SourceLines({"a.txt": text}))
    numbers = [int(m.group(1)) for m in re.finditer(r"^\s*(\d+) \|", block, re.M)]
    assert numbers == [1, 2, 3, 4, 8, 9]
    assert "\n⋮ |\n8 | line 8\n" in block
    assert block.rstrip().splitlines()[-4:] == [
        "8 | line 8",
        "  | ^^^^^^ NL101",
        "9 | line 9",
        "  |",
    ]


# ----------------------------------------------------------------------------- json, json-lines


def test_json_keeps_its_keys_and_adds_the_place_in_the_record(seed: list[Diagnostic]) -> None:
    text = render_json(seed)
    assert text == to_json([as_dict(d) for d in seed]) + "\n"
    items = json.loads(text)
    assert list(items[0]) == [
        "path", "line", "column", "end_line", "end_column", "code", "name",
        "message", "severity", "record", "field", "fix",
        "record_id", "record_url", "field_start", "field_end",
        "field_line", "field_column", "field_end_line", "field_end_column",
    ]  # fmt: skip
    # a text file's lines are its fields' lines: no place in the field beyond the offsets
    assert items[0]["field_line"] is None and items[0]["record_id"] is None
    assert render_json([]) == "[]\n"


def test_json_lines_is_one_object_per_line(jsonl: list[Diagnostic]) -> None:
    text = render_json_lines(jsonl)
    lines = text.splitlines()
    assert len(lines) == len(jsonl) >= 4
    assert [json.loads(line) for line in lines] == [as_dict(d) for d in jsonl]
    assert text.endswith("\n") and render_json_lines([]) == ""


# ----------------------------------------------------------------------------- github


def test_github_escapes_message_and_properties_exactly() -> None:
    d = made_up(
        "100% wrong,\nsee: here\r",
        path="dir,x/a:b%.txt",
        code="NL004",
        name="invalid-url",
        severity=Severity.ERROR,
    )
    assert github_line(d) == (
        "::error file=dir%2Cx/a%3Ab%25.txt,line=3,col=5,endLine=3,endColumn=9,"
        "title=NL004 invalid-url::100%25 wrong,%0Asee: here%0D"
    )
    multi = made_up("m", location=Location(3, 5, 4, 2), record=7, field="body")
    assert github_line(multi) == (
        "::warning file=a.txt,line=3,endLine=4,title=NL101 markdown-emphasis"
        "::m (record 7, field body)"
    )
    assert github_line(made_up("m", location=None)) == (
        "::warning file=a.txt,title=NL101 markdown-emphasis::m"
    )


def test_github_on_the_seed(seed: list[Diagnostic]) -> None:
    lines = render_github(seed).splitlines()
    assert lines[0] == (
        f"::warning file={SEED_REL},line=11,col=88,endLine=11,endColumn=116,"
        "title=NL101 markdown-emphasis::Markdown bold markers around 'Valery Sharifulin / TASS'"
    )
    assert lines[2].startswith(f"::error file={SEED_REL},line=35,col=1,")  # NL004 is an error
    assert all(re.fullmatch(r"::(error|warning) [^:]+::.+", line) for line in lines)


def test_default_format_is_github_in_actions() -> None:
    assert default_format({"GITHUB_ACTIONS": "true"}) == "github"
    assert default_format({}) == "concise"


# ----------------------------------------------------------------------------- SARIF


def check_sarif(text: str) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(text)
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    return log


def test_schema_validation_catches_a_broken_log(seed: list[Diagnostic]) -> None:
    log = json.loads(render_sarif(seed, RULES))
    del log["runs"][0]["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate(log)


def test_sarif_validates_and_describes_rules_and_results(seed: list[Diagnostic]) -> None:
    log = check_sarif(render_sarif(seed, RULES))
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "newslint" and driver["version"]
    rules = driver["rules"]
    assert [r["id"] for r in rules] == [rule.code for rule in RULES]
    nl101 = next(r for r in rules if r["id"] == "NL101")
    rule = next(r for r in RULES if r.code == "NL101")
    assert nl101["name"] == "markdown-emphasis"
    assert nl101["shortDescription"]["text"] == rule.summary
    assert nl101["fullDescription"]["text"] == rule.explanation
    assert rule.bad in nl101["help"]["text"] and nl101["help"]["markdown"]
    assert nl101["defaultConfiguration"]["level"] == "warning"
    assert next(r for r in rules if r["id"] == "NL004")["defaultConfiguration"]["level"] == "error"
    results = run["results"]
    assert len(results) == len(seed)
    for result, d in zip(results, seed, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == d.code
        [location] = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == SEED_REL
        assert d.location is not None
        assert physical["region"] == {
            "startLine": d.location.line,
            "startColumn": d.location.column,
            "endLine": d.location.end_line,
            "endColumn": d.location.end_column,
        }
        assert result["message"]["text"] == d.message
        assert set(result["partialFingerprints"]) == {"newslint/v2"}
    first = results[0]
    assert first["level"] == "warning" and results[2]["level"] == "error"
    [fix] = first["fixes"]
    assert fix["description"]["text"] == "remove the Markdown markers"
    [change] = fix["artifactChanges"]
    assert [r["deletedRegion"] for r in change["replacements"]] == [
        {"startLine": 11, "startColumn": 88, "endLine": 11, "endColumn": 90},
        {"startLine": 11, "startColumn": 114, "endLine": 11, "endColumn": 116},
    ]
    assert "fixes" not in results[2]  # NL004 has none


def test_sarif_on_jsonl_validates_with_encoded_uri_and_record(jsonl: list[Diagnostic]) -> None:
    log = check_sarif(render_sarif(jsonl, RULES))
    results = log["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"news%20feed.jsonl"}
    assert results[0]["properties"]["record"] == 1
    assert results[0]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == (
        "record 1/body"
    )


def test_sarif_describes_codes_outside_the_rules_in_use_and_empty_runs(
    seed: list[Diagnostic],
) -> None:
    log = check_sarif(render_sarif(seed, ()))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert sorted(r["id"] for r in rules) == ["NL004", "NL101", "NL201", "NL401"]
    assert check_sarif(render_sarif([], RULES))["runs"][0]["results"] == []


def test_sarif_uri_of_an_absolute_path_is_relative_to_the_root(seed: list[Diagnostic]) -> None:
    absolute = [lint(SEED)[0]]
    uri = json.loads(render_sarif(absolute, RULES, root=ROOT))["runs"][0]["results"][0]
    assert uri["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == SEED_REL
    outside = json.loads(render_sarif(absolute, RULES, root=ROOT / "tests"))
    location = outside["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == SEED.as_uri()


def test_fingerprints_survive_a_line_inserted_above(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(SEED, tmp_path / "a.txt")
    before = lint("a.txt")
    lines = (tmp_path / "a.txt").read_text(encoding="utf-8").split("\n")
    lines.insert(13, "An extra paragraph of the body, put in by an editor.\n")
    (tmp_path / "a.txt").write_text("\n".join(lines), encoding="utf-8")
    after = lint("a.txt")
    assert [d.code for d in after] == [d.code for d in before]
    moved = [
        (b.location.line, a.location.line)
        for a, b in zip(after, before, strict=True)
        if a.location and b.location and b.location.line > 13
    ]
    assert len(moved) == 3 and all(new == old + 2 for old, new in moved)
    assert fingerprints(after) == fingerprints(before)
    assert len(set(fingerprints(before))) == len(before)
    sarif = json.loads(render_sarif(after, RULES))
    assert [r["partialFingerprints"]["newslint/v2"] for r in sarif["runs"][0]["results"]] == (
        fingerprints(before)
    )


def test_fingerprints_survive_a_record_inserted_above(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = write_jsonl(tmp_path / "a.jsonl", RECORDS)
    before = lint(path.name)
    clean = {"title": "Clean", "url": "https://example.com/clean", "body": "Fine text."}
    write_jsonl(path, [clean, *RECORDS])
    after = lint(path.name)
    assert [d.record for d in after] == [(d.record or 0) + 1 for d in before]
    assert fingerprints(after) == fingerprints(before)


def test_identical_problems_get_distinct_fingerprints() -> None:
    twice = [made_up("same"), made_up("same", location=Location(9, 5, 9, 9))]
    first, second = fingerprints(twice)
    assert first != second and first.rsplit(":", 1)[0] == second.rsplit(":", 1)[0]


# ----------------------------------------------------------------------------- JUnit


def test_junit_parses_with_one_failure_per_diagnostic(
    seed: list[Diagnostic], jsonl: list[Diagnostic]
) -> None:
    text = render_junit(seed + jsonl, checked_paths=[SEED_REL, "news feed.jsonl", "clean.txt"])
    root = ET.fromstring(text.split("\n", 1)[1])
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [SEED_REL, "news feed.jsonl", "clean.txt"]
    failures = root.findall(".//failure")
    assert len(failures) == len(seed) + len(jsonl) == int(root.get("failures", ""))
    assert int(root.get("tests", "")) == len(failures) + 1  # clean.txt passes
    first_case = suites[0].find("testcase")
    assert first_case is not None and first_case.get("line") == "11"
    failure = first_case.find("failure")
    assert failure is not None and failure.get("type") == "NL101"
    assert failure.get("message") == seed[0].message
    assert "fix (safe): remove the Markdown markers" in (failure.text or "")
    [passing] = suites[2].findall("testcase")
    assert passing.find("failure") is None


def test_junit_escapes_markup_and_characters_xml_cannot_hold() -> None:
    d = made_up('a <b> & "c" \x00\x1b\ud800 é')
    text = render_junit([d], per_file=False)
    root = ET.fromstring(text.split("\n", 1)[1])
    failure = root.find(".//failure")
    assert failure is not None
    assert failure.get("message") == 'a <b> & "c" \\x00\\x1b\\ud800 é'
    assert "&lt;b&gt; &amp;" in text
    [suite] = root.findall("testsuite")
    assert suite.get("name") == "newslint"


def test_junit_without_problems_has_one_passing_case() -> None:
    root = ET.fromstring(render_junit([]).split("\n", 1)[1])
    assert root.get("tests") == "1" and root.get("failures") == "0"
    assert root.find(".//failure") is None


# ----------------------------------------------------------------------------- statistics, fixes


def test_statistics_rows_like_ruff(seed: list[Diagnostic], jsonl: list[Diagnostic]) -> None:
    rows = statistics(seed + jsonl)
    by_code = {r.code: r for r in rows}
    assert by_code["NL102"].count == 2 and by_code["NL102"].fixable == "safe"
    assert by_code["NL401"].fixable == "unsafe" and by_code["NL004"].fixable == ""
    assert rows[0].code == "NL101" and rows[0].count == 2  # most frequent, then by code
    text = render_statistics(rows)
    assert text.splitlines()[0] == "2\tNL101\t[*] markdown-emphasis"
    assert "1\tNL004\t[ ] invalid-url" in text.splitlines()
    assert "1\tNL401\t[-] related-article-promo" in text.splitlines()
    assert json.loads(render_statistics(rows, as_json=True))[0] == {
        "code": "NL101",
        "name": "markdown-emphasis",
        "count": 2,
        "fixable": "safe",
    }
    assert render_statistics([]) == ""


def test_statistics_pads_counts() -> None:
    many = [made_up("x")] * 12 + [made_up("y", code="NL004", name="invalid-url")]
    assert render_statistics(statistics(many)).splitlines() == [
        "12\tNL101\t[ ] markdown-emphasis",
        " 1\tNL004\t[ ] invalid-url",
    ]


def test_show_fixes_lists_fixes_per_file(seed: list[Diagnostic], jsonl: list[Diagnostic]) -> None:
    def safe(ds: list[Diagnostic]) -> list[Diagnostic]:
        return [d for d in ds if d.fix and d.fix.applicability is Applicability.SAFE]

    applied = applied_fixes(SEED_REL, safe(seed)) + applied_fixes("b.jsonl", safe(jsonl))
    assert ("b.jsonl", "NL102", "html-tags", 2) in applied
    assert render_applied_fixes(applied) == (
        f"Fixed 7 problems:\n"
        f"- b.jsonl:\n"
        f"    2 × NL102 (html-tags)\n"
        f"    1 × NL101 (markdown-emphasis)\n"
        f"    1 × NL301 (mojibake)\n"
        f"    1 × NL501 (trailing-whitespace)\n"
        f"- {SEED_REL}:\n"
        f"    1 × NL101 (markdown-emphasis)\n"
        f"    1 × NL201 (split-url)\n"
    )
    assert render_applied_fixes([]) == ""
    assert render_applied_fixes([("a.txt", "NL101", "markdown-emphasis", 1)]).startswith(
        "Fixed 1 problem:\n"
    )


# ----------------------------------------------------------------------------- dispatch


def test_render_dispatches_every_format(seed: list[Diagnostic]) -> None:
    expected = {
        "concise": render_concise(seed),
        "full": render_full(seed),
        "json": render_json(seed),
        "json-lines": render_json_lines(seed),
        "github": render_github(seed),
        "sarif": render_sarif(seed, RULES),
        "junit": render_junit(seed, checked_paths=[SEED_REL]),
    }
    assert set(expected) == set(FORMATS)
    for fmt, text in expected.items():
        assert render(fmt, seed, RULES, checked_paths=[SEED_REL]) == text, fmt
    with pytest.raises(ValueError, match="unknown output format 'xml'"):
        render("xml", seed, RULES)


# --- text that would act on a terminal ------------------------------------------------------


def _quoting(message: str, path: str = "a.jsonl") -> Diagnostic:
    return made_up(message, path=path, record=1, location=Location(1, 3, 1, 7))


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("x\x00y", "x\\x00y"),
        ("red \x1b[31mtext", "red \\x1b[31mtext"),
        ("left \u202eright", "left \\u202eright"),
        ("one\u2028two", "one\\u2028two"),
        ("lone \ud800 half", "lone \\ud800 half"),
        ("tab\there", "tab\\x09here"),
    ],
)
def test_messages_cannot_act_on_a_terminal(raw: str, shown: str) -> None:
    diagnostic = _quoting(f"around '{raw}'", path=f"dir/{raw}.jsonl")
    lines = [concise_line(diagnostic), colour_concise_line(diagnostic), github_line(diagnostic)]
    for line in lines:
        assert f"around '{shown}'" in line
        assert raw not in line
        line.encode("utf-8")  # no lone surrogate left to fail on output
    assert concise_line(diagnostic).startswith(f"dir/{shown}.jsonl:1:3: NL101 around")


@pytest.mark.parametrize(
    "text",
    ["Café « déjà » vu", "Привет, мир", "non\u00a0breaking and\u2009thin", "日本語", "emoji 👍"],
)
def test_printable_text_in_messages_is_left_alone(text: str) -> None:
    assert concise_line(_quoting(text)) == f"a.jsonl:1:3: NL101 {text} (record 1, field body)"
