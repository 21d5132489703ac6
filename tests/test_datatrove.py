"""The datatrove step in a real pipeline (JsonlReader -> NewslintStep -> JsonlWriter) against the CLI."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("datatrove")

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

import newslint
from benchmarks.corpus import generate_records
from newslint.datatrove import NewslintStep, record_adapter
from tests.test_api import api_key, comparable_cli, run_cli, write_jsonl

pytestmark = pytest.mark.integration

COUNT = 120


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    generated = generate_records(COUNT, seed=23, artefact_share=0.6)
    return [{"id": f"doc-{index}", **record} for index, record in enumerate(generated)]


def _run(tmp_path: Path, records: list[dict[str, Any]], step: NewslintStep) -> dict[str, Any]:
    """Run the pipeline on ``records``; return the kept and excluded records and the step's stats."""
    source = tmp_path / "in"
    source.mkdir(exist_ok=True)
    write_jsonl(source / "corpus.jsonl", records)
    pipeline = [
        JsonlReader(str(source), text_key="body", glob_pattern="*.jsonl"),
        step,
        JsonlWriter(str(tmp_path / "out"), adapter=record_adapter, compression=None),
    ]
    LocalPipelineExecutor(
        pipeline=pipeline, tasks=1, workers=1, logging_dir=str(tmp_path / "logs")
    ).run()

    def read(folder: Path) -> list[dict[str, Any]]:
        files = sorted(folder.glob("*.jsonl")) if folder.exists() else []
        return [json.loads(line) for f in files for line in f.read_text("utf-8").splitlines()]

    stats = json.loads((tmp_path / "logs" / "stats.json").read_text("utf-8"))
    ours = next(s for s in stats if "newslint" in s["name"])
    counts = {
        key: value["total"] if isinstance(value, dict) else value
        for key, value in ours["stats"].items()
    }
    return {
        "kept": read(tmp_path / "out"),
        "excluded": read(tmp_path / "excluded"),
        "stats": counts,
    }


def _by_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in rows}


def test_step_reports_what_the_cli_reports(
    records: list[dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "corpus.jsonl"
    lines = write_jsonl(path, records)
    cli = run_cli(capsys, str(path))
    result = _run(tmp_path, records, NewslintStep())
    kept = _by_id(result["kept"])
    # datatrove's reader skips documents without text; every other one is kept (no drop).
    readable = {r["id"] for r in records if r.get("body")}
    assert set(kept) == readable
    actual = sorted(
        api_key(number, line, newslint.Diagnostic.from_dict(item))
        for number, (record, line) in enumerate(zip(records, lines, strict=True), start=1)
        if record["id"] in kept
        for item in kept[record["id"]]["newslint"]
    )
    numbers = {n for n, r in enumerate(records, start=1) if r["id"] in readable}
    expected = [key for key in comparable_cli(cli, lines) if key[0] in numbers]
    assert len(expected) > COUNT // 2
    assert actual == expected
    # Per-rule counts in datatrove's stats are the CLI's counts.
    codes = Counter(item["code"] for item in cli if item["record"] in numbers)
    assert {code: result["stats"][code] for code in codes} == dict(codes)
    assert result["stats"]["problems"] == sum(codes.values())
    # Records come back as they went in (the step only annotates).
    assert {k: v for k, v in kept["doc-0"].items() if k != "newslint"} == records[0]


def test_step_fixes_and_routes_what_it_cannot_fix(
    records: list[dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "corpus.jsonl"
    write_jsonl(path, records)
    remaining = run_cli(capsys, "--fix", str(path))
    fixed_by_cli = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    step = NewslintStep(
        fix=True,
        drop=["NL0", "NL4"],
        exclusion_writer=JsonlWriter(
            str(tmp_path / "excluded"), adapter=record_adapter, compression=None
        ),
    )
    result = _run(tmp_path, records, step)
    readable = [(n, r) for n, r in enumerate(fixed_by_cli, start=1) if r.get("body")]
    unfixable = {item["record"] for item in remaining if item["code"].startswith(("NL0", "NL4"))}
    kept, excluded = _by_id(result["kept"]), _by_id(result["excluded"])
    assert excluded and kept
    assert set(excluded) == {r["id"] for n, r in readable if n in unfixable}
    assert set(kept) == {r["id"] for n, r in readable if n not in unfixable}
    for number, record in readable:
        written = {**kept, **excluded}[record["id"]]
        assert {
            k: v for k, v in written.items() if k not in ("newslint", "filter_reason")
        } == record
        left = sorted(d["code"] for d in written["newslint"])
        assert left == sorted(item["code"] for item in remaining if item["record"] == number)
    reasons = {row["filter_reason"] for row in excluded.values()}
    assert all(code.startswith(("NL0", "NL4")) for r in reasons for code in r.split(","))
    stats = result["stats"]
    assert stats["dropped"] == len(excluded) and stats["forwarded"] == len(kept)
    assert stats["fixed"] > COUNT // 4
    assert sum(v for k, v in stats.items() if k.startswith("fixed_")) == stats["fixed"]


def test_bad_drop_selector_is_a_one_line_error() -> None:
    with pytest.raises(newslint.ConfigError, match="NewslintStep: drop:"):
        NewslintStep(drop=["NL999x"])


def test_step_pickles_for_datatrove_workers(tmp_path: Path) -> None:
    import pickle

    step = NewslintStep(newslint.Settings(select=["NL1"]), fix=True, drop=True)
    copy = pickle.loads(pickle.dumps(step))
    assert copy.settings.codes == step.settings.codes and copy.drop_codes == step.drop_codes
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_learn_step_then_check_step_find_site_boilerplate(tmp_path: Path) -> None:
    """NL408 in datatrove: a learning pipeline writes each task's statistics, the checking
    pipeline merges them; the diagnostics are the library's after learning the same records."""
    from newslint.datatrove import NewslintLearnStep, read_statistics
    from tests.test_rule_site_boilerplate import _site

    site = [{"id": f"site-{n}", **record} for n, record in enumerate(_site(8))]
    rows = [*_site(0), *site]
    source = tmp_path / "in"
    source.mkdir()
    write_jsonl(source / "a.jsonl", rows[:4])
    write_jsonl(source / "b.jsonl", rows[4:])
    settings = newslint.Settings(select=["NL408"])
    learning = [
        JsonlReader(str(source), text_key="body", glob_pattern="*.jsonl"),
        NewslintLearnStep(str(tmp_path / "stats"), settings),
    ]
    LocalPipelineExecutor(
        pipeline=learning, tasks=2, workers=1, logging_dir=str(tmp_path / "logs-learn")
    ).run()
    assert sorted(p.name for p in (tmp_path / "stats").iterdir()) == [
        "00000.newslint-statistics",
        "00001.newslint-statistics",
    ]
    learned = settings.learn_records(rows, drop_missing=True)
    assert read_statistics(str(tmp_path / "stats")) == learned
    step = NewslintStep(settings, statistics_folder=str(tmp_path / "stats"))
    (tmp_path / "check").mkdir()
    result = _run(tmp_path / "check", rows, step)
    expected = settings.with_statistics(learned)
    by_id = _by_id(result["kept"])
    for row in site:
        found = [d.as_dict() for d in expected.lint_record(row, drop_missing=True)]
        assert by_id[row["id"]]["newslint"] == found
    assert result["stats"]["NL408"] == 16


def test_a_check_step_without_statistics_says_what_to_run(tmp_path: Path) -> None:
    from newslint.datatrove import read_statistics

    (tmp_path / "empty").mkdir()
    with pytest.raises(newslint.ConfigError, match="run NewslintLearnStep first"):
        read_statistics(str(tmp_path / "empty"))
    forged = tmp_path / "forged"
    forged.mkdir()
    (forged / "00000.newslint-statistics").write_bytes(
        b"cos\nsystem\n(S'echo owned'\ntR."  # a pickle that would run a command
    )
    with pytest.raises(Exception, match="not allowed"):
        read_statistics(str(forged))
