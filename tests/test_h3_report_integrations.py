"""``newslint report --from`` on what the integrations really write: a datatrove pipeline's
output (default writer and ``record_adapter``) and a Parquet dataset with a ``newslint``
column, each giving the report that checking the same articles gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newslint.quality import run_report_command
from newslint.records import as_dicts
from newslint.run import Run
from tests.test_h3_report import corpus, write_jsonl

pytestmark = pytest.mark.integration


def report(*args: str, tmp_path: Path) -> dict[str, Any]:
    target = tmp_path / "report.json"
    command = [*args, "--isolated", "--no-cache", "--format", "json", "-o", str(target)]
    assert run_report_command(command) == 0
    data: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    return data


def essentials(found: dict[str, Any]) -> dict[str, Any]:
    totals = found["totals"]
    return {
        "articles": totals["articles"],
        "with_problems": totals["articles_with_problems"],
        "problems": totals["problems"],
        "weighted": totals["weighted_score"],
        "rules": {r["code"]: r["problems"] for r in found["rules"] if r["problems"]},
        "domains": {d["domain"]: (d["articles"], d["problems"]) for d in found["domains"]},
        "groups": {g["group"]: (g["articles"], g["problems"]) for g in found["groups"]},
        "after_fix": found["after_fix"],
    }


@pytest.mark.parametrize("adapter", [None, "record_adapter"])
def test_from_a_datatrove_pipelines_output(adapter: str | None, tmp_path: Path) -> None:
    pytest.importorskip("datatrove")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from newslint.datatrove import NewslintStep, record_adapter

    source = write_jsonl(tmp_path / "in" / "corpus.jsonl", corpus())
    options: dict[str, Any] = {"compression": None}
    if adapter is not None:
        options["adapter"] = record_adapter
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(source.parent), text_key="body", glob_pattern="*.jsonl"),
            NewslintStep(),
            JsonlWriter(str(tmp_path / "out"), **options),
        ],
        tasks=1,
        workers=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    (written,) = sorted((tmp_path / "out").glob("*.jsonl"))
    checked = report(str(source), "--group-by", "field:source", tmp_path=tmp_path)
    found = report("--from", str(written), "--group-by", "field:source", tmp_path=tmp_path)
    assert found["unknown"] == []
    assert essentials(found) == essentials(checked)
    example = next(r for r in found["rules"] if r["code"] == "NL304")["examples"][0]
    assert example["id"] in {"w19", "t1"}
    assert example["text"][slice(*example["text_highlight"])] == "&amp;"


def test_from_a_parquet_dataset_with_a_newslint_column(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    records = corpus()
    run = Run()
    rows = [{**r, "newslint": as_dicts(run.lint_record(r))} for r in records]
    table = pa.Table.from_pylist(rows)
    pq.write_table(table, tmp_path / "checked.parquet")
    checked = report(str(write_jsonl(tmp_path / "c.jsonl", records)), tmp_path=tmp_path)
    found = report("--from", str(tmp_path / "checked.parquet"), tmp_path=tmp_path)
    assert essentials(found)["rules"] == essentials(checked)["rules"]
    assert essentials(found) == essentials(checked)


def test_from_a_file_that_is_not_parquet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("pyarrow")
    bad = tmp_path / "bad.parquet"
    bad.write_text("not parquet", encoding="utf-8")
    assert run_report_command(["--from", str(bad), "--format", "json"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.parquet: not a Parquet file" in err


def test_from_the_ray_engines_diagnostics(tmp_path: Path) -> None:
    """``newslint --engine ray INPUT OUTPUT`` writes OUTPUT/diagnostics.jsonl: the report
    from it has the checked report's problems, and says the article counts are unknown."""
    ray = pytest.importorskip("ray")
    from newslint.ray import run_ray_engine

    source = write_jsonl(tmp_path / "in" / "corpus.jsonl", corpus())
    started = not ray.is_initialized()
    if started:
        ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False)
    try:
        assert run_ray_engine([str(source)], str(tmp_path / "out"), quiet=True) == 1
    finally:
        if started:
            ray.shutdown()
    checked = report(str(source), tmp_path=tmp_path)
    found = report("--from", str(tmp_path / "out" / "diagnostics.jsonl"), tmp_path=tmp_path)
    assert found["totals"]["articles"] is None and found["after_fix"] is None
    for key in ("problems", "articles_with_problems", "weighted_score", "fixable_safe"):
        assert found["totals"][key] == checked["totals"][key]
    rules = {r["code"]: r["problems"] for r in checked["rules"] if r["problems"]}
    assert {r["code"]: r["problems"] for r in found["rules"]} == rules
    # The input is still here: the examples show its decoded text.
    example = next(r for r in found["rules"] if r["code"] == "NL304")["examples"][0]
    assert example["text"][slice(*example["text_highlight"])] == "&amp;"
