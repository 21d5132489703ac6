"""``NewslintStep`` before datatrove's own writers: ParquetWriter infers its schema from the
first document and each later batch, so the ``newslint`` metadata must have one Arrow type
whether a document has no problem, problems without fixes, or problems with fixes."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("datatrove")
pytest.importorskip("pyarrow")

import pyarrow.parquet as pq
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter, ParquetWriter

import newslint
from newslint.datatrove import NewslintStep
from tests.test_api import write_jsonl

pytestmark = pytest.mark.integration

CLEAN = "The council approved the budget on Tuesday after a long debate."
FIXABLE = "The council approved the budget.   \nIt was a long debate.\u00a0"
UNFIXABLE = "The council approved the budget after the members had agreed on the"


def _row(key: str, body: str, title: str = "Council approves budget") -> dict[str, Any]:
    return {"id": key, "title": title, "url": f"https://example.com/{key}", "body": body}


# Each file starts with a clean document (the writer's schema then comes from a document
# without problems), and the batches of two that follow mix all kinds.
FILES = {
    "a.jsonl": [
        _row("a0", CLEAN),
        _row("a1", FIXABLE),
        _row("a2", CLEAN),
        _row("a3", CLEAN),
        _row("a4", UNFIXABLE),
        _row("a5", FIXABLE, title=""),
    ],
    "b.jsonl": [_row("b0", CLEAN), _row("b1", CLEAN), _row("b2", CLEAN), _row("b3", FIXABLE)],
}


def _pipeline_run(tmp_path: Path, step: NewslintStep, tasks: int = 2) -> Path:
    source = tmp_path / "in"
    source.mkdir()
    for name, rows in FILES.items():
        write_jsonl(source / name, rows)
    out = tmp_path / "parquet"
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(source), text_key="body", glob_pattern="*.jsonl"),
            step,
            JsonlWriter(str(tmp_path / "jsonl"), compression=None),
            ParquetWriter(str(out), batch_size=2),
        ],
        tasks=tasks,
        workers=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    return out


def _expected(row: dict[str, Any]) -> list[dict[str, Any]]:
    record = {key: value for key, value in row.items() if key != "id"}
    return [d.as_dict() for d in newslint.lint_record(record)]


def test_the_problems_differ_in_shape_across_the_batches() -> None:
    """The test's premise: clean documents, problems with fixes and without are all there."""
    shapes = set()
    for rows in FILES.values():
        for row in rows:
            found = _expected(row)
            shapes.add(
                "clean" if not found else "fixable" if any(d["fix"] for d in found) else "bare"
            )
    assert shapes == {"clean", "fixable", "bare"}


def test_parquet_and_jsonl_writers_take_the_step_output(tmp_path: Path) -> None:
    out = _pipeline_run(tmp_path, NewslintStep())
    files = sorted(out.glob("*.parquet"))
    assert len(files) == 2  # one per task
    tables = [pq.read_table(f) for f in files]
    # One type in every file: the two files concatenate.
    types = {t.schema.field("metadata").type.field("newslint").type for t in tables}
    assert len(types) == 1
    rows = [row for t in tables for row in t.to_pylist()]
    assert len(rows) == sum(len(r) for r in FILES.values())
    by_id = {row["id"]: row for rows in FILES.values() for row in rows}
    for row in rows:
        found = json.loads(row["metadata"]["newslint"])
        assert found == _expected(by_id[row["id"]]), row["id"]
    # The JSONL writer (orjson) writes the same value.
    lines = [
        json.loads(line)
        for f in sorted((tmp_path / "jsonl").glob("*.jsonl"))
        for line in f.read_text("utf-8").splitlines()
    ]
    assert {line["id"]: line["metadata"]["newslint"] for line in lines} == {
        row["id"]: row["metadata"]["newslint"] for row in rows
    }


def test_fixing_step_output_also_writes_to_parquet(tmp_path: Path) -> None:
    out = _pipeline_run(tmp_path, NewslintStep(fix=True), tasks=1)
    (file,) = out.glob("*.parquet")
    table = pq.read_table(file)
    texts = {row["id"]: row["text"] for row in table.to_pylist()}
    assert texts["a1"] == newslint.fix_text(FIXABLE) != FIXABLE
    assert texts["a0"] == CLEAN
    remaining = {row["id"]: json.loads(row["metadata"]["newslint"]) for row in table.to_pylist()}
    assert remaining["a0"] == [] and remaining["a1"] == []
    assert {d["code"] for d in remaining["a4"]} == {"NL604"}


def test_document_diagnostics_reads_the_metadata_back() -> None:
    from datatrove.data import Document

    from newslint.datatrove import document_diagnostics

    document = Document(text=UNFIXABLE, id="x", metadata={"title": "T", "url": "https://e.com/x"})
    step = NewslintStep()
    found = step.check(document)
    assert found and document_diagnostics(document) == list(found)
    assert document_diagnostics(Document(text="", id="y")) == []
    document.metadata["newslint"] = "[{"
    with pytest.raises(newslint.RecordError, match="document x: metadata\\['newslint'\\]"):
        document_diagnostics(document)


def test_record_adapter_writes_lists_to_jsonl_and_text_to_parquet(tmp_path: Path) -> None:
    from newslint.datatrove import record_adapter

    source = tmp_path / "in"
    source.mkdir()
    for name, rows in FILES.items():
        write_jsonl(source / name, rows)
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(source), text_key="body", glob_pattern="*.jsonl"),
            NewslintStep(),
            JsonlWriter(str(tmp_path / "jsonl"), adapter=record_adapter, compression=None),
            ParquetWriter(str(tmp_path / "parquet"), adapter=record_adapter, batch_size=2),
        ],
        tasks=1,
        workers=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    (parquet,) = (tmp_path / "parquet").glob("*.parquet")
    table = pq.read_table(parquet)
    assert str(table.schema.field("newslint").type) == "string"
    (jsonl,) = (tmp_path / "jsonl").glob("*.jsonl")
    lines = [json.loads(line) for line in jsonl.read_text("utf-8").splitlines()]
    expected = {row["id"]: _expected(row) for rows in FILES.values() for row in rows}
    assert {line["id"]: line["newslint"] for line in lines} == expected
    assert {row["id"]: json.loads(row["newslint"]) for row in table.to_pylist()} == expected
    # Otherwise the records are as they were read.
    assert {row["id"]: row["title"] for row in table.to_pylist()} == {
        key: row["title"] for rows in FILES.values() for row in rows for key in [row["id"]]
    }


@pytest.mark.skipif(
    importlib.util.find_spec("regex") is not None, reason="datatrove's filters can be imported"
)
def test_without_datatroves_filters_only_the_filter_and_formatter_fail() -> None:
    import newslint.datatrove as module

    for name in ("NewslintFilter", "NewslintFormatter"):
        with pytest.raises(ImportError, match="need datatrove's filters, which need regex"):
            getattr(module, name)
    assert module.NewslintStep().check  # the step itself needs no more than datatrove


def test_a_document_that_is_not_a_record_is_named_in_a_one_line_error() -> None:
    from datatrove.data import Document

    document = Document(
        text=CLEAN, id="doc-7", metadata={"file_path": "in/a.jsonl", "blob": b"\xff"}
    )
    for step in (NewslintStep(), NewslintStep(fix=True)):
        with pytest.raises(newslint.RecordError) as caught:
            step.check(document)
        message = str(caught.value)
        assert message.startswith("document doc-7 (in/a.jsonl): record is not serialisable")
        assert "\n" not in message
