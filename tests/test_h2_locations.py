"""Where a problem is in a JSON record (issue 15): the file's ``line:col`` stays (an editor
opens the file there), and reports add the record's ``id``/``url`` and the place in the field's
decoded text, which a person can find: ``(record 2, id "abc", field body at 3:14)`` in text
output, ``record_id``, ``record_url`` and ``field_*`` keys in JSON, ``recordId`` and
``fieldRegion`` in SARIF."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import jsonschema
import pytest

from newslint.cli import main
from newslint.diagnostics import pack, unpack
from newslint.output import github_line, render_sarif
from newslint.output.text import concise_line
from newslint.registry import all_rules
from newslint.runner import Options, process_file
from newslint.selection import select_rules
from tests.conftest import DATA

RULES = "NL101,NL502"
SARIF_SCHEMA = json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text("utf-8"))

BODY = "Caf\u00e9 owners met on Monday.\n\nThey said:\n\u201cThe **rent** is too high.\u201d"
RECORDS = [
    {"id": "quiet-1", "title": "Quiet", "url": "https://example.com/q", "body": "All calm."},
    {"id": "abc", "title": "Rent", "url": "https://example.com/rent", "body": BODY},
    {"title": "No id", "url": "https://example.com/n", "body": "One  two."},
]


def write_jsonl(path: Path, records: list[dict[str, str]] = RECORDS) -> Path:
    # ASCII JSON: é and the quotes are \u escapes and the newlines \n, so a file column is
    # nothing like a column of the text.
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--select", RULES, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_concise_names_the_record_its_id_and_the_place_in_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_jsonl(tmp_path / "corpus.jsonl")
    code, out, _ = run(capsys, str(path))
    assert code == 1
    first, second = out.splitlines()[:2]
    raw_line = path.read_text().splitlines()[1]
    column = raw_line.index("**rent**") + 1  # the file's column: still the escaped line's
    assert first == (
        f"{path}:2:{column}: NL101 [*] Markdown bold markers around 'rent' "
        '(record 2, id "abc", field body at 4:6)'
    )
    assert BODY.split("\n")[3][5:13] == "**rent**"  # line 4, column 6 of the decoded text
    # a record without an id is named by its line only (its url is in the JSON output)
    assert second.endswith("2 spaces in a row: 'One  two.' (record 3, field body at 1:4)")


def test_a_json_files_field_position(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(RECORDS[1], indent=2))
    code, out, _ = run(capsys, str(path))
    assert code == 1
    line = out.splitlines()[0]
    assert line.startswith(f"{path}:5:")
    assert line.endswith("(field body at 4:6)")


def test_text_files_are_unchanged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Rent\n\nThe **rent** is too high.\n")
    _, out, _ = run(capsys, str(path))
    assert out.splitlines()[0] == f"{path}:3:5: NL101 [*] Markdown bold markers around 'rent'"


def test_json_output_adds_id_url_and_field_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_jsonl(tmp_path / "corpus.jsonl")
    code, out, _ = run(capsys, "--output-format", "json", str(path))
    assert code == 1
    first, second = json.loads(out)
    assert (first["record"], first["record_id"], first["record_url"]) == (
        2,
        "abc",
        "https://example.com/rent",
    )
    assert BODY[first["field_start"] : first["field_end"]] == "**rent**"
    assert (first["field_line"], first["field_column"]) == (4, 6)
    assert (first["field_end_line"], first["field_end_column"]) == (4, 14)
    assert second["record_id"] is None and second["record_url"] == "https://example.com/n"
    # json-lines has the same keys
    code, out, _ = run(capsys, "--output-format", "json-lines", str(path))
    assert json.loads(out.splitlines()[0]) == first


def test_integer_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", [{**RECORDS[2], "id": 907}])
    _, out, _ = run(capsys, str(path))
    assert out.splitlines()[0].endswith("(record 1, id 907, field body at 1:4)")
    _, out, _ = run(capsys, "--output-format", "json", str(path))
    assert json.loads(out)[0]["record_id"] == 907


def test_a_span_over_lines_of_the_field(tmp_path: Path) -> None:
    body = "First paragraph.\n\n\n\n\nSecond paragraph after blank lines."
    record = {"title": "T", "url": "https://e.com/a", "body": body}
    path = write_jsonl(tmp_path / "m.jsonl", [record])
    rules = select_rules(all_rules(), ["NL503"])
    [d] = process_file(str(path), rules, Options()).diagnostics
    assert d.field_location is not None and d.location is not None
    assert d.location.line == d.location.end_line == 1  # one line of the file
    assert d.field_location.end_line > d.field_location.line  # several lines of the field

    def place(offset: int) -> tuple[int, int]:
        return body.count("\n", 0, offset) + 1, offset - (body.rfind("\n", 0, offset) + 1) + 1

    loc = d.field_location
    assert (loc.line, loc.column) == place(d.start)
    assert (loc.end_line, loc.end_column) == place(d.end)


def test_sarif_properties_and_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_jsonl(tmp_path / "corpus.jsonl")
    _, out, _ = run(capsys, "--output-format", "sarif", str(path))
    log = json.loads(out)
    jsonschema.validate(log, SARIF_SCHEMA)
    result = log["runs"][0]["results"][0]
    assert result["properties"]["recordId"] == "abc"
    assert result["properties"]["recordUrl"] == "https://example.com/rent"
    assert result["properties"]["fieldRegion"] == {
        "startLine": 4,
        "startColumn": 6,
        "endLine": 4,
        "endColumn": 14,
        "charOffset": BODY.index("**rent**"),
        "charLength": 8,
    }
    assert result["message"]["text"].endswith('(record 2, id "abc", field body at 4:6)')


def test_github_annotation_says_it_too(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "corpus.jsonl")
    rules = select_rules(all_rules(), ["NL101"])
    [d] = process_file(str(path), rules, Options()).diagnostics
    assert github_line(d).endswith(
        "::Markdown bold markers around 'rent' (record 2, id \"abc\", field body at 4:6)"
    )
    assert render_sarif([d], rules)  # renders without the run's other diagnostics


def test_the_place_survives_workers_and_the_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = select_rules(all_rules(), ["NL101"])
    path = write_jsonl(tmp_path / "corpus.jsonl")
    [d] = process_file(str(path), rules, Options()).diagnostics
    [back] = unpack(pickle.loads(pickle.dumps(pack([d]))))
    assert (back.record_id, back.record_url, back.field_location) == (
        d.record_id,
        d.record_url,
        d.field_location,
    )
    for _ in range(2):  # the second run reads the cache
        _, out, _ = run(capsys, "-j", "2", str(path), str(write_jsonl(tmp_path / "b.jsonl")))
        assert out.count('id "abc", field body at 4:6') == 2


def test_chunks_of_a_big_file_place_records_as_a_whole_file_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSONL file over the chunk size is checked in chunks: records keep their numbers,
    ids and places in their fields."""
    filler = {"title": "F", "url": "https://e.com/f", "body": "Plain text. " * 40}
    records = []
    for index in range(3000):  # some 1.8 MB: more than one chunk
        records.append({**filler, "id": f"f{index}"})
        if index % 500 == 7:
            records.append({**RECORDS[1], "id": f"r{index}"})
    path = write_jsonl(tmp_path / "big.jsonl", records)
    assert path.stat().st_size > 1 << 20
    _, out, _ = run(capsys, "-j", "2", "--output-format", "json", str(path))
    found = [
        (d["record"], d["record_id"], d["field_line"], d["field_column"]) for d in json.loads(out)
    ]
    expected = [
        (number, record["id"], 4, 6)
        for number, record in enumerate(records, 1)
        if record["id"].startswith("r")
    ]
    assert found == expected


def test_concise_line_of_a_diagnostic_without_a_place_is_as_before() -> None:
    from newslint.diagnostics import Diagnostic, Location, Severity

    d = Diagnostic("NL001", "missing-field", "m", Severity.ERROR, None, 0, 0, path="a.jsonl")
    d.record, d.location = 3, Location(3, 1, 3, 1)
    assert concise_line(d) == "a.jsonl:3:1: NL001 m (record 3, field -)"
    d.record = None
    assert concise_line(d) == "a.jsonl:3:1: NL001 m"
