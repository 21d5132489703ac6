"""Issue 15's API items: ``py.typed``, ``fix_text``/``lint_text``, the dataset's own field names."""

from __future__ import annotations

import importlib.resources
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
    bodies = [r["body"] for r in generate_records(40) if isinstance(r.get("body"), str)]
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
