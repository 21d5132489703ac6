"""Issue 15's API items: ``py.typed``, ``fix_text``/``lint_text``, the dataset's own field names."""

from __future__ import annotations

import importlib.resources
import json
import zipfile
from pathlib import Path

import pytest

import newslint
import newslint.api
from benchmarks.corpus import generate_records

ROOT = Path(__file__).resolve().parents[1]


# -- py.typed (PEP 561) --------------------------------------------------------------------------


def test_the_installed_package_is_marked_typed() -> None:
    marker = importlib.resources.files("newslint") / "py.typed"
    assert marker.is_file()


@pytest.mark.integration  # needs hatchling, which the integration extras install
def test_the_built_wheel_ships_py_typed(tmp_path: Path) -> None:
    """The wheel hatchling builds from this checkout (the build backend pyproject names)."""
    wheel = pytest.importorskip("hatchling.builders.wheel")
    builder = wheel.WheelBuilder(str(ROOT))
    (built,) = builder.build(directory=str(tmp_path), versions=["standard"])
    with zipfile.ZipFile(built) as archive:
        assert "newslint/py.typed" in archive.namelist()


# -- fix_text / lint_text: one string, the text rules only ----------------------------------------

CLEAN = [
    "Le président a déclaré jeudi que l’accord était « presque prêt ». Les négociations reprendront à Genève.",
    "Die Bürgermeisterin sagte, die Straße bleibe bis zur Öffnung der Brücke gesperrt.",
    "Президент заявил в четверг, что переговоры продолжатся в Москве. «Мы готовы», — сказал он.",
    "“We are not there yet,” she said. ‘Soon,’ he replied — and the talks went on.",
    "¿Dónde está el acuerdo? ¡Nadie lo sabe!, dijo la ministra en São Paulo.",
    "Η κυβέρνηση ανακοίνωσε νέα μέτρα την Πέμπτη.\n\n東京で木曜日に会談が行われた。",
]

DIRTY = {
    "CafÃ© au lait was served at the summit.": "Café au lait was served at the summit.",
    "Salt &amp; pepper were on the table.": "Salt & pepper were on the table.",
    "Ð\u009fÑ\u0080ÐµÐ·Ð¸Ð´ÐµÐ½Ñ\u0082 said on Thursday.": "Президент said on Thursday.",
    "The bell\u0007 rang twice.": "The bell rang twice.",
    "<p>Talks resumed</p> on Monday.": "Talks resumed on Monday.",
}

PROMO = "**Talks** resumed on Monday.\n\n\n\nRelated article: Earlier talks failed in May"


def test_fix_text_is_exported() -> None:
    assert "fix_text" in newslint.__all__ and "lint_text" in newslint.__all__
    assert newslint.fix_text is newslint.api.fix_text


@pytest.mark.parametrize("text", CLEAN)
def test_clean_multilingual_text_is_left_alone(text: str) -> None:
    assert newslint.lint_text(text) == []
    assert newslint.fix_text(text) == text
    assert newslint.fix_text(text, unsafe=True) == text


@pytest.mark.parametrize(("text", "fixed"), DIRTY.items())
def test_fix_text_repairs_and_settles(text: str, fixed: str) -> None:
    assert newslint.lint_text(text)
    assert newslint.fix_text(text) == fixed
    assert newslint.fix_text(fixed) == fixed
    assert newslint.lint_text(fixed) == []


def test_fix_text_is_idempotent_on_a_generated_corpus() -> None:
    bodies = [r["body"] for r in generate_records(30) if isinstance(r.get("body"), str)]
    changed = 0
    for body in bodies:
        for unsafe in (False, True):
            once = newslint.fix_text(body, unsafe=unsafe)
            assert newslint.fix_text(once, unsafe=unsafe) == once
            changed += once != body
    assert changed  # the corpus has something to fix


def test_fix_text_takes_settings_and_the_unsafe_flag() -> None:
    assert newslint.fix_text(PROMO) == (
        "Talks resumed on Monday.\n\nRelated article: Earlier talks failed in May"
    )
    # The unsafe fix moves the promo to `related`, which a lone text has no place for.
    assert newslint.fix_text(PROMO, unsafe=True) == "Talks resumed on Monday."
    unsafe = newslint.Settings(unsafe_fixes=True)
    assert newslint.fix_text(PROMO, settings=unsafe) == "Talks resumed on Monday."
    assert newslint.fix_text(PROMO, settings=unsafe, unsafe=False) == newslint.fix_text(PROMO)
    whitespace = newslint.Settings(select=["NL5"])
    assert newslint.fix_text(PROMO, settings=whitespace) == PROMO.replace("\n\n\n\n", "\n\n")
    assert [d.code for d in newslint.lint_text(PROMO, settings=whitespace)] == ["NL503"]


def test_a_lone_text_has_no_schema() -> None:
    """The schema's checks (NL001-NL009) need a record: an empty body or a malformed url is
    the record's problem, not the text's."""
    assert [d.code for d in newslint.lint_record({"body": ""})].count("NL005") == 1
    assert newslint.lint_text("") == []
    assert newslint.fix_text("") == ""
    assert newslint.lint_text("not a url", field="url") == []
    assert [d.code for d in newslint.lint_text("Officials said **the plan** was final.")] == [
        "NL101"
    ]


def test_fix_text_refuses_what_is_not_one_text() -> None:
    with pytest.raises(newslint.RecordError, match="must be a str"):
        newslint.fix_text(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(newslint.RecordError, match="unknown text field 'bdy'"):
        newslint.fix_text("A **bold** claim.", field="bdy")
    assert newslint.fix_text("A **bold** claim.", field="caption") == "A bold claim."


# -- the dataset's own field names ---------------------------------------------------------------

MAPPED = newslint.Settings(fields={"body": "text", "related": "links"})
DATASET_RECORD = {
    "title": "Talks on the budget resume",
    "url": "https://example.org/2024/11/01/talks-resume",
    "text": "**Talks** resumed on Monday.\n\nRelated article: Earlier talks failed in May",
}


def test_lint_record_names_the_datasets_keys() -> None:
    found = newslint.lint_record(DATASET_RECORD, MAPPED)
    assert {d.code for d in found} == {"NL101", "NL401"}
    for d in found:
        assert d.field == "text"
        assert DATASET_RECORD[d.field][d.start : d.end] == d.snippet
        assert d.fix is not None
        assert {edit.field for edit in d.fix.edits} == {"text"}
    (promo,) = [d for d in found if d.code == "NL401"]
    assert promo.fix is not None and [a.field for a in promo.fix.appends] == ["links"]
    # Round trip through JSON (a dataset column) keeps the dataset's names.
    assert [newslint.Diagnostic.from_dict(d.as_dict()) for d in found] == found
    # Fields the map leaves alone keep their names; without a map nothing changes.
    untitled = {key: value for key, value in DATASET_RECORD.items() if key != "title"}
    assert "title" in {d.field for d in newslint.lint_record(untitled, MAPPED)}
    plain = {**DATASET_RECORD, "body": DATASET_RECORD["text"]}
    del plain["text"]
    assert {d.field for d in newslint.lint_record(plain)} == {"body"}


def test_fix_record_names_the_datasets_keys() -> None:
    result = newslint.fix_record(DATASET_RECORD, MAPPED, unsafe=True)
    assert result.record["text"] == "Talks resumed on Monday."
    assert result.record["links"] == ["Earlier talks failed in May"]
    assert "body" not in result.record and "related" not in result.record
    assert {d.field for d in result.fixed} == {"text"}
    assert [a.field for d in result.fixed if d.fix for a in d.fix.appends] == ["links"]
    left = newslint.fix_record({**DATASET_RECORD, "title": "BREAKING: TALKS ON THE BUDGET"}, MAPPED)
    assert left.remaining and all(d.field in left.record for d in left.remaining)


def test_text_calls_keep_the_schemas_name_under_a_field_map() -> None:
    """``lint_text``/``fix_text`` take the schema's field name and answer with it."""
    text = DATASET_RECORD["text"]
    assert [(d.code, d.field) for d in newslint.lint_text(text, settings=MAPPED)] == [
        ("NL101", "body"),
        ("NL401", "body"),
    ]
    assert newslint.fix_text(text, settings=MAPPED, unsafe=True) == "Talks resumed on Monday."
    # A dataset whose "body" key holds the caption: the text is still read as the body.
    swapped = newslint.Settings(fields={"body": "text", "caption": "body"})
    assert [d.field for d in newslint.lint_text(text, settings=swapped)] == ["body", "body"]


def test_the_cli_reports_the_schemas_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI's diagnostics point into the file (line and column), and its field is the
    schema's name, as in its baselines' fingerprints; the API's is the dataset's key."""
    from newslint.cli import main

    (tmp_path / "newslint.toml").write_text('[fields]\nbody = "text"\n', encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps(DATASET_RECORD) + "\n", encoding="utf-8")
    capsys.readouterr()
    code = main(
        ["--config", str(tmp_path / "newslint.toml"), "--output-format", "json", str(corpus)]
    )
    out = capsys.readouterr().out
    assert code == 1
    cli = [(d["code"], d["field"]) for d in json.loads(out)]
    api = newslint.lint_record(DATASET_RECORD, newslint.Settings(fields={"body": "text"}))
    assert cli == [(d.code, "body") for d in api]
    assert {d.field for d in api} == {"text"}


# -- a pandas row --------------------------------------------------------------------------------


@pytest.mark.integration  # pandas comes with the integration extras
def test_a_pandas_row_is_a_record() -> None:
    pd = pytest.importorskip("pandas")
    records = [
        {**DATASET_RECORD, "id": 7},
        {"title": "Quiet day", "url": "https://example.org/q", "text": "Nothing &amp; nobody."},
    ]
    frame = pd.DataFrame(records)  # the second row's id is NaN, the first's a numpy number
    found = frame.apply(lambda row: newslint.lint_record(row, MAPPED, drop_missing=True), axis=1)
    expected = [newslint.lint_record(r, MAPPED) for r in records]
    assert found.tolist() == expected and all(expected)
    fixed = [newslint.fix_record(row, MAPPED, drop_missing=True) for _, row in frame.iterrows()]
    assert [r.record["text"] for r in fixed] == [
        "Talks resumed on Monday.\n\nRelated article: Earlier talks failed in May",
        "Nothing & nobody.",
    ]
    assert fixed[0].record["id"] == 7
    with pytest.raises(newslint.RecordError, match="must be a dict, not DataFrame"):
        newslint.lint_record(frame)


@pytest.mark.parametrize(
    "name",
    [
        "newslint.config",
        "newslint.config_model",
        "newslint.diagnostics",
        "newslint.docs",
        "newslint.records",
        "newslint.registry",
        "newslint.rules._schema",
        "newslint.run",
        "newslint.schema",
        "newslint.statistics",
    ],
)
def test_modules_a_users_function_may_name_pickle_as_their_names(name: str) -> None:
    """dill (HF datasets' fingerprints) copies a module by value unless it pickles as its name;
    copying these recursed through cached functions (``registry.all_rules``)."""
    import importlib
    import pickle

    module = importlib.import_module(name)
    assert pickle.loads(pickle.dumps(module)) is module
