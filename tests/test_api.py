"""The library API (``newslint.lint_record`` and friends) against the real CLI on a generated corpus.

The CLI checks a JSONL file; the API checks the same records one dict at a time.  Every
diagnostic must agree: record, code, field, message, the span (mapped to the file's
columns through the JSON string's escapes) and the fix; fixed records must be equal.
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import newslint
from benchmarks.corpus import generate_records
from newslint.api import encode_record
from newslint.cli import main
from newslint.jsonstr import offset_map
from newslint.model import TEXT_FIELDS
from newslint.readers.json_reader import scan_object

COUNT = 150

Key = tuple[Any, ...]


# -- helpers shared with test_ray.py and test_datatrove.py --------------------------------------


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> list[str]:
    """Write records as the API serialises them (one per line); return the lines."""
    lines = [encode_record(record).decode("utf-8") for record in records]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return lines


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, Any]]:
    """The CLI's json-lines report (one dict per diagnostic), in-process."""
    capsys.readouterr()
    code = main(["--isolated", "--output-format", "json-lines", *args])
    captured = capsys.readouterr()
    assert code in (0, 1), captured.err
    return [json.loads(line) for line in captured.out.splitlines()]


def _column(line: str, field: str | None, offset: int) -> int:
    """The 1-based column in a JSONL line of ``offset`` into ``field``'s decoded text."""
    members, spans, _ = scan_object(line, 0)
    if field not in TEXT_FIELDS or not isinstance(members.get(field), str):
        return 1  # the CLI points at the record's start
    start, end = spans[field]
    return start + 1 + offset_map(line[start + 1 : end - 1])[offset] + 1


def _in_text(line: str, column: int) -> bool:
    """Whether a 1-based column lies inside a text field's string (not in ``related``)."""
    members, spans, _ = scan_object(line, 0)
    return any(
        spans[name][0] < column <= spans[name][1]
        for name in TEXT_FIELDS
        if isinstance(members.get(name), str)
    )


def _decoded(raw: str) -> str:
    """A text edit's content: raw JSON string text in the CLI's report, decoded in the API."""
    value: str = json.loads(f'"{raw}"')
    return value


def cli_key(item: dict[str, Any], lines: Sequence[str]) -> Key:
    """A CLI diagnostic with its position made relative to its record's line.

    The fix's edits are its text edits; additions to ``related`` are raw JSON in the
    CLI and values in the API, so they are only counted.
    """
    line = item["line"]
    fix = item["fix"]
    text_edits = (
        ()
        if fix is None
        else tuple(
            (
                e["line"] - line,
                e["column"],
                e["end_line"] - line,
                e["end_column"],
                _decoded(e["content"]),
            )
            for e in fix["edits"]
            if _in_text(lines[line - 1], e["column"])
        )
    )
    return (
        item["record"],
        item["code"],
        item["name"],
        item["field"],
        item["message"],
        item["severity"],
        item["column"],
        item["end_line"] - line,
        item["end_column"],
        None
        if fix is None
        else (fix["applicability"], fix["message"], len(fix["edits"]), text_edits),
    )


def api_key(record_line: int, line: str, diagnostic: newslint.Diagnostic) -> Key:
    """An API diagnostic in the CLI's terms: its field offsets mapped to columns of ``line``."""
    fix = diagnostic.fix
    edits: tuple[Key, ...] = ()
    if fix is not None:
        edits = tuple(
            (0, _column(line, e.field, e.start), 0, _column(line, e.field, e.end), e.content)
            for e in fix.edits
        )
    return (
        record_line,
        diagnostic.code,
        diagnostic.name,
        diagnostic.field,
        diagnostic.message,
        diagnostic.severity,
        _column(line, diagnostic.field, diagnostic.start),
        0,
        _column(line, diagnostic.field, diagnostic.end),
        None
        if fix is None
        else (fix.applicability, fix.message, len(fix.edits) + len(fix.appends), edits),
    )


def comparable_cli(items: Sequence[dict[str, Any]], lines: Sequence[str]) -> list[Key]:
    return sorted(cli_key(item, lines) for item in items)


def comparable_api(
    lines: Sequence[str], per_record: Sequence[Sequence[newslint.Diagnostic]]
) -> list[Key]:
    keys = []
    for number, (line, diagnostics) in enumerate(zip(lines, per_record, strict=True), start=1):
        keys += [api_key(number, line, d) for d in diagnostics]
    return sorted(keys)


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return generate_records(COUNT, seed=7, artefact_share=0.6)


# -- identical to the CLI ----------------------------------------------------------------------


def test_lint_record_matches_the_cli(
    records: list[dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "corpus.jsonl"
    lines = write_jsonl(path, records)
    expected = comparable_cli(run_cli(capsys, str(path)), lines)
    actual = comparable_api(lines, [newslint.lint_record(r) for r in records])
    assert len(expected) > COUNT // 2  # the corpus is damaged: there is something to compare
    assert actual == expected


@pytest.mark.parametrize("unsafe", [False, True])
def test_fix_record_matches_the_cli(
    records: list[dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str], unsafe: bool
) -> None:
    path = tmp_path / "corpus.jsonl"
    write_jsonl(path, records)
    flags = ["--fix", "--unsafe-fixes"] if unsafe else ["--fix"]
    remaining = run_cli(capsys, *flags, str(path))
    fixed_lines = path.read_text(encoding="utf-8").splitlines()
    results = [newslint.fix_record(record, unsafe=unsafe) for record in records]
    assert [r.record for r in results] == [json.loads(line) for line in fixed_lines]
    assert sum(r.changed for r in results) > COUNT // 4
    assert comparable_api(fixed_lines, [r.remaining for r in results]) == comparable_cli(
        remaining, fixed_lines
    )
    # What was applied is what the check reported as fixable.
    for record, result in zip(records, results, strict=True):
        found = {d.code for d in newslint.lint_record(record) if d.fix is not None}
        assert {d.code for d in result.fixed} <= found | {"NL503", "NL501", "NL502"}
        if not result.changed:
            assert result.record == record


def test_settings_select_the_same_rules_as_the_cli(
    records: list[dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "corpus.jsonl"
    lines = write_jsonl(path, records)
    settings = newslint.Settings(select=["NL1", "NL5"], ignore=["NL502"], extend_select=["NL309"])
    assert "NL502" not in settings.codes and "NL309" in settings.codes
    expected = comparable_cli(
        run_cli(
            capsys,
            "--select",
            "NL1,NL5",
            "--ignore",
            "NL502",
            "--extend-select",
            "NL309",
            str(path),
        ),
        lines,
    )
    assert comparable_api(lines, [newslint.lint_record(r, settings) for r in records]) == expected


def test_settings_load_reads_a_configuration_file(
    records: list[dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "newslint.toml"
    config.write_text(
        'select = ["NL0", "NL4"]\nignore = ["NL009"]\n'
        '[rules.NL402]\nextra-phrases = ["Nearly"]\n'
        "[rules.NL014]\nmin-words = 400\n",
        encoding="utf-8",
    )
    path = tmp_path / "corpus.jsonl"
    lines = write_jsonl(path, records)
    settings = newslint.Settings.load(config, extend_select=["NL014"])
    capsys.readouterr()
    assert (
        main(
            [
                "--config",
                str(config),
                "--extend-select",
                "NL014",
                "--output-format",
                "json-lines",
                str(path),
            ]
        )
        == 1
    )
    expected = comparable_cli(
        [json.loads(line) for line in capsys.readouterr().out.splitlines()], lines
    )
    actual = comparable_api(lines, [newslint.lint_record(r, settings) for r in records])
    assert actual == expected
    assert any(key[1] == "NL014" for key in actual)


# -- the API's own promises --------------------------------------------------------------------


def test_results_pickle_and_serialise_to_json(records: list[dict[str, Any]]) -> None:
    settings = newslint.Settings(extend_select=["NL014"])
    for record in records[:60]:
        diagnostics = newslint.lint_record(record, settings)
        for diagnostic in diagnostics:
            data = json.loads(json.dumps(diagnostic.as_dict()))
            assert newslint.Diagnostic.from_dict(data) == diagnostic
            assert pickle.loads(pickle.dumps(diagnostic)) == diagnostic
        result = newslint.fix_record(record, settings, unsafe=True)
        assert pickle.loads(pickle.dumps(result)) == result
        assert json.loads(json.dumps(result.as_dict()))["record"] == result.record
    copy = pickle.loads(pickle.dumps(settings))
    assert copy.codes == settings.codes
    assert newslint.lint_record(records[0], copy) == newslint.lint_record(records[0], settings)


def _lint_in_worker(args: tuple[dict[str, Any], newslint.Settings]) -> list[newslint.Diagnostic]:
    record, settings = args
    return newslint.lint_record(record, settings)


def test_a_process_pool_gives_the_same_results(records: list[dict[str, Any]]) -> None:
    settings = newslint.Settings(ignore=["NL5"])
    work = [(record, settings) for record in records[:40]]
    with ProcessPoolExecutor(max_workers=2) as pool:
        shipped = list(pool.map(_lint_in_worker, work, chunksize=10))
    assert shipped == [newslint.lint_record(r, settings) for r in records[:40]]
    assert any(shipped)


def test_fix_record_leaves_the_input_and_untouched_values_alone(
    records: list[dict[str, Any]],
) -> None:
    damaged = next(r for r in records if newslint.fix_record(r).changed)
    record = {**damaged, "tags": ["a", "b"], "id": 42}
    before = json.dumps(record, sort_keys=True)
    result = newslint.fix_record(record)
    assert json.dumps(record, sort_keys=True) == before
    assert result.record is not record
    assert result.record["tags"] is record["tags"] and result.record["id"] == 42
    assert result.fixed and all(d.fixable for d in result.fixed)
    assert newslint.lint_record(result.record) == list(result.remaining)


def test_lint_text_reports_only_the_field() -> None:
    text = "Officials said **the plan** was final.\n\n\n\nRelated: Other story about the plan"
    found = newslint.lint_text(text)
    assert {d.code for d in found} >= {"NL101", "NL503"}
    assert all(d.field == "body" for d in found)
    assert found == [d for d in newslint.lint_record({"body": text}) if d.field == "body"]
    assert text[found[0].start : found[0].end] == found[0].snippet
    title = newslint.lint_text("BREAKING NEWS ABOUT THE PLAN TODAY", field="title")
    assert [d.code for d in title] == ["NL013"]


def test_bad_input_raises_one_line_errors() -> None:
    with pytest.raises(newslint.RecordError, match="must be a dict"):
        newslint.lint_record(["not", "a", "record"])  # type: ignore[arg-type]
    with pytest.raises(newslint.RecordError, match="drop missing values"):
        newslint.lint_record({"title": float("nan")})
    with pytest.raises(newslint.RecordError, match="not serialisable"):
        newslint.lint_record({"title": object()})
    with pytest.raises(
        newslint.ConfigError, match=r"^Settings: select\[0\]: unknown rule selector"
    ):
        newslint.Settings(select=["NL9999"])
    with pytest.raises(newslint.ConfigError, match=r"rules\.NL402: unknown option 'no-such'"):
        newslint.Settings(rules={"NL402": {"no-such": 1}})
    with pytest.raises(newslint.ConfigError, match="unknown key"):
        newslint.Settings(colour="red")
    with pytest.raises(TypeError, match=r"newslint\.Settings"):
        newslint.lint_record({}, settings={"select": ["NL1"]})  # type: ignore[arg-type]


def test_data_frame_values_are_serialised() -> None:
    """Dates and numpy-like values (anything with ``tolist``) become JSON, as a data frame holds them."""
    from datetime import date

    class FakeArray:
        def tolist(self) -> list[str]:
            return ["Promo one", "Promo two"]

    found = newslint.lint_record(
        {
            "title": "A title",
            "url": "https://example.org/a",
            "body": "Text.",
            "published": date(2024, 11, 1),
            "related": FakeArray(),
        }
    )
    assert not any(d.field in ("published", "related") for d in found)


def test_importing_newslint_does_not_load_the_api() -> None:
    code = "import sys, newslint; assert 'newslint.api' not in sys.modules; newslint.lint_text('x'); assert 'newslint.api' in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    assert set(newslint.__all__) <= set(dir(newslint))
    with pytest.raises(AttributeError):
        _ = newslint.no_such_name  # type: ignore[attr-defined]


# -- the README's examples ---------------------------------------------------------------------


def _present(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if value is not None}


@pytest.mark.integration
def test_pandas_apply(records: list[dict[str, Any]]) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(records[:50])
    assert frame.isna().any().any()  # fields some records lack (or hold null): NaN in the frame
    frame["newslint"] = frame.apply(
        lambda row: [d.as_dict() for d in newslint.lint_record(row.to_dict(), drop_missing=True)],
        axis=1,
    )
    expected = [newslint.lint_record(r, drop_missing=True) for r in records[:50]]
    assert frame["newslint"].tolist() == [[d.as_dict() for d in found] for found in expected]
    assert any(expected)
    results = frame.drop(columns="newslint").apply(
        lambda row: newslint.fix_record(row.to_dict(), drop_missing=True), axis=1
    )
    fixed = pd.DataFrame([result.record for result in results])
    assert [row.dropna().to_dict() for _, row in fixed.iterrows()] == [
        _present(newslint.fix_record(r, drop_missing=True).record) for r in records[:50]
    ]


@pytest.mark.integration
def test_datasets_map(records: list[dict[str, Any]]) -> None:
    datasets = pytest.importorskip("datasets")
    keys = sorted({key for record in records[:50] for key in record})
    # An Arrow table holds a field a record lacks as None, as it holds a null.
    # Its rows have the table's key order, which orders diagnostics (as positions in a file do).
    rows = [{key: r.get(key) for key in keys} for r in records[:50]]
    dataset = datasets.Dataset.from_list(rows)

    def check(record: dict[str, Any]) -> dict[str, Any]:
        found = newslint.lint_record(record, drop_missing=True)
        return {"newslint": json.dumps([d.as_dict() for d in found])}

    checked = dataset.map(check)
    expected = [newslint.lint_record(r, drop_missing=True) for r in rows]
    assert [json.loads(v) for v in checked["newslint"]] == [
        [d.as_dict() for d in found] for found in expected
    ]
    fixed = dataset.map(lambda record: newslint.fix_record(record, drop_missing=True).record)
    assert [_present(r) for r in fixed.to_list()] == [
        _present(newslint.fix_record(r, drop_missing=True).record) for r in rows
    ]


def test_drop_missing_reads_none_as_an_absent_field() -> None:
    record = {"title": "A title", "url": "https://example.org/a", "body": "Text.", "related": None}
    assert [d.code for d in newslint.lint_record(record)] == ["NL002"]
    assert newslint.lint_record(record, drop_missing=True) == []
    assert newslint.lint_record({**record, "byline": float("nan")}, drop_missing=True) == []
    assert newslint.fix_record(record, drop_missing=True).record == record


def test_lint_text_refuses_a_field_no_rule_reads() -> None:
    """A typo in the field name would otherwise hide every problem."""
    assert [d.code for d in newslint.lint_text("A **bold** claim.", field="caption")] == ["NL101"]
    with pytest.raises(newslint.RecordError, match="unknown text field 'bdy'"):
        newslint.lint_text("A **bold** claim.", field="bdy")
