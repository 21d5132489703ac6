"""newslint.nemo_curator: the adapter's contract without NeMo Curator (pandas and Arrow in and
out, the field map, bad rows), and, where Curator is installed, its real stages and pipeline."""

from __future__ import annotations

import importlib.util
import json
import pickle
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

import pandas as pd
import pyarrow as pa

import newslint
from newslint import nemo_curator as nc

pytestmark = pytest.mark.integration  # pandas is an integration extra

HAS_CURATOR = importlib.util.find_spec("nemo_curator") is not None
needs_curator = pytest.mark.skipif(not HAS_CURATOR, reason="NeMo Curator is not installed")

CLEAN = "The council approved the budget on Tuesday after a long debate."
SPACES = "The council approved  the budget. "
MOJIBAKE = "The caf\u00c3\u00a9 on Main Street will close in May."
PROMO = "The council met on Tuesday.\n\nFollow us on Twitter @citydesk\n\nIt will vote in May."


def _frame() -> Any:
    return pd.DataFrame(
        {
            "text": [CLEAN, SPACES, CLEAN, None, MOJIBAKE],
            "title": ["Budget passes", "Budget passes", "", "Budget passes", "Cafe closes"],
            "url": [
                "https://example.com/a",
                "https://example.com/b",
                "not a url",
                "https://example.com/d",
                "https://example.com/e",
            ],
        },
        index=[10, 20, 30, 40, 50],
    )


def _codes(items: Any) -> list[tuple[str, str]]:
    return [(d["code"], d["field"]) for d in items]


def test_frame_in_frame_out_with_record_level_rules() -> None:
    frame = _frame()
    out = nc.check_frame(frame)
    assert list(out.index) == [10, 20, 30, 40, 50]
    assert list(out.columns) == ["text", "title", "url", "newslint"]
    found = [_codes(items) for items in out["newslint"]]
    assert found[0] == []  # a clean record is not flagged
    assert found[1] == [("NL502", "text"), ("NL501", "text")]  # Curator's column is the body
    assert ("NL006", "title") in found[2] and ("NL004", "url") in found[2]  # record-level
    assert found[3] == [("NL001", "text")]  # a null text is a missing body, not a crash
    assert found[4] == [("NL301", "text")]
    # The same diagnostics as the library's for the same record and field map.
    settings = newslint.Settings(fields={"body": "text"})
    for (_, row), items in zip(frame.iterrows(), out["newslint"], strict=True):
        expected = newslint.lint_record(row, settings, drop_missing=True)
        assert items == [d.as_dict() for d in expected]
    # The input is not changed.
    assert "newslint" not in frame.columns and frame.loc[20, "text"] == SPACES


def test_fixing_and_dropping_a_frame() -> None:
    out = nc.check_frame(_frame(), fix=True)
    assert out.loc[20, "text"] == "The council approved the budget."
    assert out.loc[50, "text"] == newslint.fix_text(MOJIBAKE) != MOJIBAKE
    assert out.loc[10, "text"] == CLEAN
    assert _codes(out.loc[20, "newslint"]) == [] and "related" in out.columns
    kept = nc.check_frame(_frame(), fix=True, drop=["NL0"])
    assert list(kept.index) == [10, 20, 50]  # the bad title/url and the missing body remain
    assert list(nc.check_frame(_frame(), drop=True).index) == [10]


def test_the_field_map_names_the_columns() -> None:
    frame = pd.DataFrame(
        {"content": [SPACES], "headline": ["Budget passes"], "link": ["https://e.com/x"]}
    )
    fields = {"body": "content", "title": "headline", "url": "link"}
    out = nc.check_frame(frame, fields=fields)
    assert _codes(out.loc[0, "newslint"]) == [("NL502", "content"), ("NL501", "content")]
    # Settings that map fields keep their map; settings that map none get Curator's.
    assert nc.curator_settings(newslint.Settings(fields=fields)).configuration.dataset_fields == (
        fields
    )
    plain = nc.curator_settings(newslint.Settings(select=["NL5"]))
    assert plain.configuration.dataset_fields == {"body": "text"}
    assert [r.code[:3] for r in plain.rules] == ["NL5"] * len(plain.rules)
    with pytest.raises(newslint.ConfigError, match=r"fields\.bdy: unknown schema field"):
        nc.check_frame(frame, fields={"bdy": "content"})


def test_bad_rows_and_options_are_one_line_errors() -> None:
    table = pa.table({"text": [CLEAN, CLEAN], "title": ["T", "T"], "blob": [b"ok", b"\xff"]})
    with pytest.raises(newslint.RecordError, match=r"^table, row 0: record is not serialisable"):
        nc.check_table(table)
    with pytest.raises(newslint.ConfigError, match="NewslintStage: drop:"):
        nc.check_table(table, drop=["NL999x"])
    with pytest.raises(newslint.ConfigError, match="severity: 'fatal'"):
        nc.count_problems(CLEAN, severity="fatal")


def test_the_column_has_one_arrow_type_whatever_the_rows() -> None:
    clean = nc.check_table(pa.table({"text": [CLEAN], "title": ["T"], "url": ["https://e.com"]}))
    title = pa.array([None], type=pa.string())
    broken = nc.check_table(pa.table({"text": [SPACES], "title": title, "url": ["x"]}))
    assert clean.schema == broken.schema
    assert clean.schema.field("newslint").type == nc.diagnostics_type()
    assert clean.column("newslint").to_pylist() == [[]]
    assert pa.concat_tables([clean, broken]).num_rows == 2
    # An existing column is replaced, not read as a field.
    again = nc.check_table(broken)
    assert again.column_names == broken.column_names
    assert again.column("newslint").to_pylist() == broken.column("newslint").to_pylist()


def test_the_arrow_type_is_the_ray_integration_type() -> None:
    ray = pytest.importorskip("newslint.ray", exc_type=ImportError)
    assert nc.diagnostics_type() == ray.DIAGNOSTICS_TYPE


def test_count_problems_is_the_text_filter_score() -> None:
    assert nc.count_problems(CLEAN) == 0
    assert nc.count_problems(SPACES) == 2
    assert nc.count_problems(SPACES, codes=frozenset({"NL501"})) == 1
    assert nc.count_problems(SPACES, severity="error") == 0
    # A lone text has no title or url: the schema's checks are not a text's problems.
    assert nc.count_problems("") == 0
    assert nc.count_problems(None) == 0  # type: ignore[arg-type]  # a null cell


@pytest.mark.skipif(HAS_CURATOR, reason="NeMo Curator is installed")
def test_without_curator_the_classes_name_the_extra() -> None:
    for name in ("NewslintStage", "NewslintDocumentFilter", "NewslintDocumentModifier"):
        with pytest.raises(ImportError, match=r"pip install 'newslint\[nemo-curator\]'"):
            getattr(nc, name)
    with pytest.raises(AttributeError):
        nc.NoSuchThing  # noqa: B018


# -- with NeMo Curator installed (its own venv: see the README's NeMo Curator section) ----------


@needs_curator
def test_the_classes_subclass_curators_and_pickle() -> None:
    from nemo_curator.stages.base import ProcessingStage
    from nemo_curator.stages.text.filters import DocumentFilter
    from nemo_curator.stages.text.modifiers import DocumentModifier

    assert issubclass(nc.NewslintStage, ProcessingStage)
    assert issubclass(nc.NewslintDocumentFilter, DocumentFilter)
    assert issubclass(nc.NewslintDocumentModifier, DocumentModifier)
    stage = nc.NewslintStage(fix=True)
    assert stage.inputs() == (["data"], ["text"])
    assert stage.outputs() == (["data"], ["newslint", "text"])
    copy = pickle.loads(pickle.dumps(stage))
    assert type(copy) is nc.NewslintStage and copy.fix
    assert nc.NewslintDocumentFilter().name == "newslint"


@needs_curator
def test_stage_filter_and_modifier_in_curators_own_stages() -> None:
    from nemo_curator.stages.text.filters import ScoreFilter
    from nemo_curator.stages.text.modifiers import Modify
    from nemo_curator.tasks import DocumentBatch

    batch = DocumentBatch(dataset_name="news", data=_frame())
    checked = nc.NewslintStage().process(batch)
    assert isinstance(checked.data, pa.Table)
    assert checked.data.schema.field("newslint").type == nc.diagnostics_type()
    rows = checked.to_pandas()
    assert [len(items) for items in rows["newslint"]] == [0, 2, 2, 1, 1]
    arrow = nc.NewslintStage(drop=["NL0"]).process(DocumentBatch("news", pa.table(_frame())))
    assert arrow.num_items == 3

    texts = DocumentBatch(dataset_name="news", data=pd.DataFrame({"text": [CLEAN, SPACES, PROMO]}))
    scored = ScoreFilter(nc.NewslintDocumentFilter(), score_field="newslint_problems")
    kept = scored.process(texts).to_pandas()
    assert list(kept["text"]) == [CLEAN]
    only = ScoreFilter(nc.NewslintDocumentFilter(drop=["NL4"])).process(texts).to_pandas()
    assert list(only["text"]) == [CLEAN, SPACES]
    fixed = Modify(nc.NewslintDocumentModifier()).process(texts).to_pandas()
    assert list(fixed["text"]) == [CLEAN, "The council approved the budget.", PROMO]
    unsafe = Modify(nc.NewslintDocumentModifier(unsafe=True)).process(texts).to_pandas()
    assert "Twitter" not in unsafe["text"][2]


@needs_curator
def test_a_real_curator_pipeline_writes_one_schema(tmp_path: Path) -> None:
    from nemo_curator.backends.ray_data import RayDataExecutor
    from nemo_curator.pipeline import Pipeline
    from nemo_curator.stages.text.io.reader import JsonlReader
    from nemo_curator.stages.text.io.writer import ParquetWriter

    source = tmp_path / "in"
    source.mkdir()
    rows = _frame().to_dict("records")
    files = {"a.jsonl": rows, "b.jsonl": rows[:1]}  # b: one clean record only
    for name, records in files.items():
        lines = [json.dumps({k: v for k, v in r.items() if pd.notna(v)}) for r in records]
        (source / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    Pipeline(
        name="newslint",
        stages=[
            JsonlReader(file_paths=str(source), files_per_partition=1),
            nc.NewslintStage(),
            ParquetWriter(path=str(out)),
        ],
    ).run(RayDataExecutor())
    import pyarrow.parquet as pq

    tables = [pq.read_table(f) for f in sorted(out.glob("*.parquet"))]
    assert sorted(t.num_rows for t in tables) == [1, 5]
    # One type in every file (Parquet names a list's item "element": the same type else).
    assert len({t.schema.field("newslint").type for t in tables}) == 1
    for table in tables:
        assert table.column("newslint").cast(nc.diagnostics_type()).type == nc.diagnostics_type()
    problems = sorted(len(items) for t in tables for items in t.column("newslint").to_pylist())
    assert problems == [0, 0, 1, 1, 2, 2]
