"""The schema file, the pydantic model and the schema rules agree."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError

from newslint import schema
from newslint.engine import lint_article
from newslint.model import ArticleContent
from newslint.readers import ReadOptions
from newslint.readers.json_reader import JSON_READER
from newslint.readers.text import TEXT_READER
from newslint.registry import all_rules
from newslint.rules._schema import SchemaRule
from newslint.selection import select_rules

VALID: dict[str, Any] = {
    "title": "Floods hit Valencia",
    "byline": "Maria Lopez",
    "published": "2024-11-03",
    "url": "https://example.com/2024/11/03/floods",
    "caption": None,
    "body": "Heavy rain returned.",
    "related": ["Earlier floods"],
    "source_id": 17,
}

SAMPLES: list[tuple[dict[str, Any], str | None]] = [
    (VALID, None),
    ({**VALID, "published": "2024-11-03T09:30:00Z"}, None),
    ({**VALID, "published": None, "byline": None}, None),
    ({k: v for k, v in VALID.items() if k != "url"}, "NL001"),
    ({k: v for k, v in VALID.items() if k != "title"}, "NL001"),
    ({k: v for k, v in VALID.items() if k != "body"}, "NL001"),
    ({**VALID, "title": 42}, "NL002"),
    ({**VALID, "body": ["p1", "p2"]}, "NL002"),
    ({**VALID, "published": 20241103}, "NL002"),
    ({**VALID, "published": "2024-02-30"}, "NL003"),
    ({**VALID, "published": "2024-13-01"}, "NL003"),
    ({**VALID, "published": "1 November 2024"}, "NL003"),
    ({**VALID, "url": "https://example.com/a b"}, "NL004"),
    ({**VALID, "url": "example.com/a"}, "NL004"),
    ({**VALID, "url": "ftp://example.com/a"}, "NL004"),
    ({**VALID, "body": "  \n "}, "NL005"),
    ({**VALID, "body": ""}, "NL005"),
    ({**VALID, "title": " "}, "NL006"),
    ({**VALID, "related": [7]}, "NL002"),
    ({**VALID, "published": True}, "NL002"),
]


@pytest.mark.parametrize(("record", "code"), SAMPLES)
def test_schema_and_pydantic_model_accept_and_reject_alike(
    record: dict[str, Any], code: str | None
) -> None:
    violations = schema.check(record)
    try:
        ArticleContent.model_validate(record)
        pydantic_ok = True
    except ValidationError:
        pydantic_ok = False
    assert (not violations) == pydantic_ok == (code is None)


@pytest.mark.parametrize(("record", "code"), SAMPLES)
def test_each_violation_has_its_own_rule(record: dict[str, Any], code: str | None) -> None:
    articles, errors = JSON_READER.parse("a.json", json.dumps(record))
    assert not errors
    schema_rules = [rule for rule in all_rules() if isinstance(rule, SchemaRule)]
    codes = [d.code for d in lint_article(articles[0], schema_rules)]
    assert codes == ([] if code is None else [code])


def test_schema_file_and_model_name_the_same_fields() -> None:
    file_schema = schema.validator().schema
    model_schema = ArticleContent.model_json_schema()
    assert set(file_schema["properties"]) == set(model_schema["properties"])
    assert set(file_schema["required"]) == set(model_schema["required"])


def test_schema_file_is_valid_2020_12() -> None:
    file_schema = json.loads(schema.schema_path().read_text(encoding="utf-8"))
    assert file_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_invalid_txt_date_points_at_the_date_line() -> None:
    text = "Title\n\nBy AFP\n\nFebruary 30, 2024\n\nBody.\n\nOriginal url: https://e.com/a\n"
    articles, _ = TEXT_READER.parse("a.txt", text)
    found = lint_article(articles[0], select_rules(all_rules()))
    assert [(d.code, d.field) for d in found] == [("NL003", "published")]
    assert "'2024-02-30' is not a real date" in found[0].message
    assert found[0].location is None  # located by the engine; the span is the date line
    assert articles[0].spans["published"].start == text.index("February 30, 2024")


def test_violations_no_specific_rule_covers_go_to_nl009(tmp_path: Any) -> None:
    custom = json.loads(schema.schema_path().read_text(encoding="utf-8"))
    custom["properties"]["title"]["maxLength"] = 10
    path = tmp_path / "custom.schema.json"
    path.write_text(json.dumps(custom), encoding="utf-8")
    articles, _ = JSON_READER.parse(
        "a.json",
        json.dumps({**VALID, "title": "A title that is far too long"}),
        ReadOptions(schema_file=str(path)),
    )
    found = lint_article(articles[0], select_rules(all_rules()))
    assert [d.code for d in found] == ["NL009"]
    assert "title" in found[0].message and found[0].field == "title"
