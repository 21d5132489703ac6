"""NL603 byline-in-body: a byline the record has nowhere else moves into ``byline``."""

from __future__ import annotations

import json

from newslint.diagnostics import Applicability
from newslint.readers.json_reader import JSON_READER, JSONL_READER
from newslint.rules.nl603_byline_in_body import BylineInBody
from tests.rulekit import URL, fix, lint

NL603 = BylineInBody()
LONG = (
    "The council approved the budget after a four-hour debate on Tuesday night, "
    "by seven votes to two."
)


def record(**fields: object) -> str:
    return json.dumps({"url": URL, "title": "A title", **fields}, ensure_ascii=False)


def test_byline_with_a_date_moves_into_an_empty_byline_and_the_date_stays() -> None:
    body = f"By Jane Doe and John Roe: April 4, 2016\n\n{LONG}"
    [found] = lint(NL603, byline="", body=body)
    assert found.fix is not None and found.fix.applicability is Applicability.UNSAFE
    assert {edit.field for edit in found.fix.edits} == {"byline", "body"}
    text = record(byline="", body=body)
    assert fix("a.json", JSON_READER, text, rules=(NL603,)) == text  # unsafe: not by --fix
    fixed = json.loads(fix("a.json", JSON_READER, text, unsafe=True, rules=(NL603,)))
    assert fixed["byline"] == "Jane Doe and John Roe"
    # Every word is kept: the names in `byline`, the date (a dateline now) in the body,
    # unless the date line is then removed too; either way, no name is lost.
    assert fixed["body"] in (f"April 4, 2016\n\n{LONG}", LONG)


def test_plain_byline_moves_into_a_blank_byline_in_jsonl() -> None:
    line = record(byline="  ", body=f"By Jane Doe\n\n{LONG}")
    fixed = fix("a.jsonl", JSONL_READER, line + "\n", unsafe=True, rules=(NL603,))
    values = json.loads(fixed)
    assert (values["byline"], values["body"]) == ("Jane Doe", LONG)


def test_byline_already_recorded_is_only_removed() -> None:
    text = record(byline="Jane Doe", body=f"By Jane Doe\n\n{LONG}")
    fixed = json.loads(fix("a.json", JSON_READER, text, unsafe=True, rules=(NL603,)))
    assert (fixed["byline"], fixed["body"]) == ("Jane Doe", LONG)


def test_a_dateline_never_goes_into_the_byline() -> None:
    text = record(byline="", body=f"November 01, 2024\n\n{LONG}")
    fixed = json.loads(fix("a.json", JSON_READER, text, unsafe=True, rules=(NL603,)))
    assert fixed["byline"] == ""
