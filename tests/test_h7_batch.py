"""``newslint.lint_batch`` and ``fix_batch``: many records at once, each as ``lint_record``/``fix_record``
would check it, in the batch's own kind (pandas, Arrow, a dict of columns, dicts), bad rows
reported row by row without stopping the batch (issue 15)."""

from __future__ import annotations

import math
import pickle
from typing import Any

import pytest

import newslint
import newslint.api
from benchmarks.corpus import generate_records

PROMO = "**Talks** resumed on Monday.\n\n\n\nRelated article: Earlier talks failed in May"

ROWS: list[dict[str, Any]] = [
    {
        "title": "Budget talks resume",
        "url": "https://example.org/2024/11/01/talks",
        "body": "Salt &amp; pepper were on the table as the talks resumed.",
        "words": 11,
    },
    {
        "title": "Le président à Genève",
        "url": "https://example.org/2024/11/02/geneve",
        "body": "Le président a déclaré jeudi que l’accord était « presque prêt ».",
        "words": 12,
    },
    {
        "title": "CafÃ© owners protest",
        "url": "https://example.org/2024/11/03/cafe",
        "body": "Owners of the <b>oldest</b> café in town marched on Friday.",
        "words": 10,
    },
    {
        "title": "Президент в Москве",
        "url": "https://example.org/2024/11/04/moskva",
        "body": "Президент заявил в четверг, что переговоры продолжатся. «Мы готовы», — сказал он.",
        "words": 9,
    },
]
CLEAN_POSITIONS = (1, 3)


def _codes(found: list[newslint.Diagnostic] | tuple[newslint.Diagnostic, ...]) -> list[str]:
    return [d.code for d in found]


# -- an iterable of dicts, a dict of columns ------------------------------------------------------


def test_lint_batch_is_lint_record_row_by_row() -> None:
    records = generate_records(40)
    result = newslint.lint_batch(records)
    assert result.diagnostics == [newslint.lint_record(r, drop_missing=True) for r in records]
    assert result.errors == [None] * len(records)
    assert result.problems == sum(map(len, result.diagnostics)) > 0
    assert result.failed == 0
    assert result.as_dicts() == [[d.as_dict() for d in found] for found in result.diagnostics]


def test_clean_rows_are_not_flagged_nor_changed() -> None:
    clean = [ROWS[i] for i in CLEAN_POSITIONS]
    assert newslint.lint_batch(clean).diagnostics == [[], []]
    fixed = newslint.fix_batch(clean)
    assert fixed.batch == clean
    for after, before in zip(fixed.batch, clean, strict=True):
        assert all(after[name] is value for name, value in before.items())
    assert (fixed.applied, fixed.changed, fixed.problems, fixed.failed) == (0, 0, 0, 0)


def test_fix_batch_is_fix_record_row_by_row() -> None:
    records = generate_records(40)
    originals = pickle.loads(pickle.dumps(records))
    for unsafe in (False, True):
        result = newslint.fix_batch(iter(records), unsafe=unsafe)  # any iterable
        expected = [newslint.fix_record(r, unsafe=unsafe, drop_missing=True) for r in records]
        assert result.batch == [r.record for r in expected]
        assert result.fixed == [r.fixed for r in expected]
        assert result.remaining == [r.remaining for r in expected]
        assert result.warnings == [r.warnings for r in expected]
        assert result.applied == sum(len(r.fixed) for r in expected) > 0
        assert result.changed == sum(1 for r in expected if r.changed)
        assert result.problems == sum(len(r.remaining) for r in expected)
    assert records == originals  # the input is never changed


def test_a_dict_of_columns_comes_back_as_one() -> None:
    """HuggingFace's batched ``map`` passes a dict of columns and takes one back."""
    columns = {name: [row[name] for row in ROWS] for name in ROWS[0]}
    result = newslint.fix_batch(columns)
    assert list(result.batch) == list(columns)
    assert result.batch["words"] is columns["words"]  # no fix touched it
    assert result.batch["url"] is columns["url"]
    assert result.batch["body"][0] == "Salt & pepper were on the table as the talks resumed."
    assert result.batch["title"][2] == "Café owners protest"
    for i in CLEAN_POSITIONS:
        assert {k: v[i] for k, v in result.batch.items()} == ROWS[i]
    assert newslint.lint_batch(columns).diagnostics == newslint.lint_batch(ROWS).diagnostics
    assert newslint.lint_batch({}).diagnostics == []


def test_settings_and_the_datasets_field_names() -> None:
    mapped = newslint.Settings(fields={"body": "text"})
    rows = [{"title": r["title"], "url": r["url"], "text": r["body"]} for r in ROWS]
    result = newslint.lint_batch(rows, mapped)
    assert result.diagnostics == [newslint.lint_record(r, mapped) for r in rows]
    body = [d for found in result.diagnostics for d in found if d.code == "NL304"]
    assert body and all(d.field == "text" for d in body)
    assert all(rows[0][d.field][d.start : d.end] == d.snippet for d in result.diagnostics[0])
    fixed = newslint.fix_batch(rows, mapped)
    assert fixed.batch[0]["text"] == "Salt & pepper were on the table as the talks resumed."
    only_html = newslint.Settings(select=["NL102"])
    assert [_codes(found) for found in newslint.lint_batch(ROWS, only_html).diagnostics] == [
        [],
        [],
        ["NL102", "NL102"],
        [],
    ]


def test_a_promo_moves_only_where_the_batch_has_room() -> None:
    """Text a fix moves into a field the batch lacks is dropped, as ``fix_text`` drops it;
    with a ``related`` column it is kept there."""
    record = {"title": "Talks", "url": "https://example.org/t", "body": PROMO}
    without = newslint.fix_batch({name: [value] for name, value in record.items()}, unsafe=True)
    assert list(without.batch) == ["title", "url", "body"]
    assert without.batch["body"] == ["Talks resumed on Monday."]
    kept = newslint.fix_batch(
        {**{name: [value] for name, value in record.items()}, "related": [[]]}, unsafe=True
    )
    assert kept.batch["related"] == [["Earlier talks failed in May"]]
    assert kept.batch["body"] == ["Talks resumed on Monday."]


# -- bad rows and bad batches ---------------------------------------------------------------------


def test_a_bad_row_is_an_error_entry_and_the_batch_goes_on() -> None:
    rows: list[Any] = [
        ROWS[0],
        None,
        b'{"title": "bytes"}',
        {**ROWS[1], "body": b"raw bytes"},
        "a string",
        {**ROWS[1], "score": math.inf},
        ROWS[2],
    ]
    result = newslint.lint_batch(rows)
    assert result.errors == [
        None,
        "row 1: a record must be a dict, not NoneType",
        "row 2: a record must be a dict, not bytes",
        "row 3: record is not serialisable as JSON: bytes is not JSON serialisable",
        "row 4: a record must be a dict, not str",
        "row 5: a field holds inf, which JSON cannot hold (drop missing values first)",
        None,
    ]
    assert result.failed == 5
    assert result.diagnostics[0] == newslint.lint_record(ROWS[0])
    assert result.diagnostics[6] == newslint.lint_record(ROWS[2])
    assert result.diagnostics[1:6] == [[]] * 5
    fixed = newslint.fix_batch(rows)
    assert fixed.errors == result.errors
    assert all(fixed.batch[i] is rows[i] for i in range(1, 6))  # left as they were
    assert fixed.batch[0]["body"] == "Salt & pepper were on the table as the talks resumed."
    assert fixed.fixed[1:6] == [()] * 5 and fixed.remaining[1:6] == [()] * 5


def test_a_record_nested_too_deeply_is_a_bad_row() -> None:
    nested: list[Any] = []
    for _ in range(100_000):
        nested = [nested]
    rows = [{**ROWS[1], "meta": nested}, ROWS[0]]
    for call in (newslint.lint_batch, newslint.fix_batch):
        result = call(rows)
        assert result.errors[0] is not None
        assert result.errors[0].startswith("row 0: record ")
        assert "maximum recursion depth" in result.errors[0]
        assert result.errors[1] is None
    with pytest.raises(newslint.RecordError, match="maximum recursion depth"):
        newslint.lint_record(rows[0])


def test_missing_values_are_absent_fields_unless_asked() -> None:
    rows = [{**ROWS[1], "related": None}, {**ROWS[1], "byline": math.nan}]
    assert newslint.lint_batch(rows).diagnostics == [[], []]
    strict = newslint.lint_batch(rows, drop_missing=False)
    assert strict.errors[0] is None  # in JSON, null is a value (of the wrong type here)
    assert _codes(strict.diagnostics[0]) == ["NL002"]
    assert strict.errors[1] == (
        "row 1: a field holds nan, which JSON cannot hold (drop missing values first)"
    )


@pytest.mark.parametrize(
    ("batch", "message"),
    [
        ("title,body", "a batch must be a pandas DataFrame, .* not str"),
        (b"{}", "not bytes"),
        (42, "not int"),
        (ROWS[0], "'title' holds a str \\(for one record, use lint_record or fix_record\\)"),
        ({"title": ["a", "b"], "body": ["x"]}, "the batch's columns differ in length \\(1, 2\\)"),
    ],
)
def test_a_batch_of_the_wrong_kind_is_a_one_line_error(batch: Any, message: str) -> None:
    for call in (newslint.lint_batch, newslint.fix_batch):
        with pytest.raises(TypeError, match=message) as caught:
            call(batch)
        assert "\n" not in str(caught.value)


def test_settings_are_resolved_once_per_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    """No per-row configuration: the default settings are built once, for the first batch."""
    built: list[object] = []
    real = newslint.api._settings

    def counted(settings: newslint.Settings | None) -> newslint.Settings:
        built.append(settings)
        return real(settings)

    monkeypatch.setattr(newslint.api, "_settings", counted)
    newslint.lint_batch(ROWS * 5)
    newslint.fix_batch(ROWS * 5)
    assert len(built) == 2
    with pytest.raises(TypeError, match=r"settings must be newslint\.Settings, not dict"):
        newslint.lint_batch(ROWS, {"select": ["NL1"]})  # type: ignore[arg-type]


def test_results_pickle() -> None:
    linted = newslint.lint_batch(ROWS)
    fixed = newslint.fix_batch(ROWS)
    assert pickle.loads(pickle.dumps(linted)) == linted
    assert pickle.loads(pickle.dumps(fixed)) == fixed


def test_exported() -> None:
    for name in ("lint_batch", "fix_batch", "BatchResult", "BatchFixResult"):
        assert name in newslint.__all__
        assert getattr(newslint, name) is getattr(newslint.api, name)


# -- pandas and Arrow (the integration extras) ----------------------------------------------------


@pytest.mark.integration
def test_a_data_frame_keeps_its_index_columns_and_dtypes() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(ROWS, index=pd.Index(["a", "b", "c", "d"], name="id"))
    frame["section"] = pd.Series(["world", "world", "local", "world"], index=frame.index).astype(
        "category"
    )
    frame["title"] = frame["title"].astype("category")
    frame.loc["b", "body"] = None  # a field the record lacks
    before = frame.copy(deep=True)
    result = newslint.fix_batch(frame)
    fixed = result.batch
    assert isinstance(fixed, pd.DataFrame)
    assert fixed.shape == frame.shape
    assert fixed.index.equals(frame.index) and list(fixed.columns) == list(frame.columns)
    assert fixed.dtypes.to_dict() == {
        **frame.dtypes.to_dict(),
        "title": fixed["title"].dtype,  # category, its categories now the fixed titles
    }
    assert isinstance(fixed["title"].dtype, pd.CategoricalDtype)
    assert fixed.loc["c", "title"] == "Café owners protest"
    assert fixed.loc["a", "body"] == "Salt & pepper were on the table as the talks resumed."
    assert fixed.loc["c", "body"] == "Owners of the oldest café in town marched on Friday."
    assert pd.isna(fixed.loc["b", "body"])
    pd.testing.assert_frame_equal(
        fixed[["url", "words", "section"]], frame[["url", "words", "section"]]
    )
    pd.testing.assert_frame_equal(frame, before)  # the input is never changed
    records = [row.to_dict() for _, row in frame.iterrows()]
    expected = [newslint.fix_record(r, drop_missing=True) for r in records]
    assert result.fixed == [r.fixed for r in expected]
    linted = newslint.lint_batch(frame)
    assert linted.diagnostics == [newslint.lint_record(r, drop_missing=True) for r in records]
    frame["newslint"] = linted.as_dicts()
    assert [d["code"] for d in frame.loc["b", "newslint"]] == ["NL001"]  # no body


@pytest.mark.integration
def test_a_bad_data_frame_row_is_named_by_its_label() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "title": ["A", "B"],
            "url": ["https://example.org/a", "https://example.org/b"],
            "body": ["Fine text.", b"raw bytes"],
        },
        index=[100, 200],
    )
    result = newslint.fix_batch(frame)
    assert result.errors == [
        None,
        "row 200: record is not serialisable as JSON: bytes is not JSON serialisable",
    ]
    assert result.batch.loc[200, "body"] == b"raw bytes"
    twice = pd.DataFrame([[1, 2]], columns=["body", "body"])
    with pytest.raises(TypeError, match="two columns named 'body'"):
        newslint.lint_batch(twice)


@pytest.mark.integration
def test_an_arrow_table_keeps_its_schema() -> None:
    pa = pytest.importorskip("pyarrow")
    schema = pa.schema(
        [
            ("title", pa.large_string()),
            ("url", pa.string()),
            ("body", pa.string()),
            ("words", pa.int32()),
        ],
        metadata={b"source": b"tests"},
    )
    table = pa.Table.from_batches(  # two chunks: the rows still come in order
        [
            pa.RecordBatch.from_pylist(ROWS[:2], schema=schema),
            pa.RecordBatch.from_pylist(ROWS[2:], schema=schema),
        ]
    )
    result = newslint.fix_batch(table)
    assert isinstance(result.batch, pa.Table)
    assert result.batch.schema.equals(table.schema, check_metadata=True)
    assert result.batch.column("words") is table.column("words") or result.batch.column(
        "words"
    ).equals(table.column("words"))
    assert result.batch.to_pylist() == [
        newslint.fix_record(r, drop_missing=True).record for r in table.to_pylist()
    ]
    assert result.changed == 2
    batch = pa.RecordBatch.from_pylist(ROWS, schema=schema)
    fixed = newslint.fix_batch(batch).batch
    assert isinstance(fixed, pa.RecordBatch) and fixed.schema.equals(batch.schema)
    assert fixed.to_pylist() == result.batch.to_pylist()
    assert newslint.lint_batch(batch).diagnostics == newslint.lint_batch(ROWS).diagnostics


@pytest.mark.integration
def test_a_batched_datasets_map() -> None:
    datasets = pytest.importorskip("datasets")
    dataset = datasets.Dataset.from_list(ROWS)
    fixed = dataset.map(lambda batch: newslint.fix_batch(batch).batch, batched=True, batch_size=3)
    assert fixed.to_list() == [newslint.fix_record(r).record for r in ROWS]
    checked = dataset.map(
        lambda batch: {"newslint": [len(f) for f in newslint.lint_batch(batch).diagnostics]},
        batched=True,
    )
    assert checked["newslint"] == [len(newslint.lint_record(r)) for r in ROWS]
