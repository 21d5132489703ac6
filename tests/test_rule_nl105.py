"""NL105 escaped-markdown: a backslash inside a web address is removed only by an unsafe fix."""

from __future__ import annotations

import json

from newslint.diagnostics import Applicability
from newslint.readers.json_reader import JSON_READER
from newslint.rules.nl105_escaped_markdown import EscapedMarkdown
from tests.rulekit import URL, fix, lint

NL105 = EscapedMarkdown()


def document(body: str) -> str:
    return json.dumps({"url": URL, "title": "A title", "body": body})


def test_escape_inside_an_address_gets_an_unsafe_fix() -> None:
    body = "Photo: https://example.org/uploads/2017/03/HARBOUR\\_NIGHT\\_VIEW.jpg here"
    found = lint(NL105, body=body)
    assert found and all(
        d.fix is not None and d.fix.applicability is Applicability.UNSAFE for d in found
    )
    text = document(body)
    assert fix("a.json", JSON_READER, text, rules=(NL105,)) == text
    fixed = fix("a.json", JSON_READER, text, unsafe=True, rules=(NL105,))
    assert json.loads(fixed)["body"] == body.replace("\\_", "_")


def test_escape_in_the_text_around_an_address_stays_safe() -> None:
    body = "Call my\\_function, see www.example.org/docs and \\[1\\]."
    found = lint(NL105, body=body)
    assert len(found) == 3
    assert all(d.fix is not None and d.fix.applicability is Applicability.SAFE for d in found)
    fixed = fix("a.json", JSON_READER, document(body), rules=(NL105,))
    assert json.loads(fixed)["body"] == "Call my_function, see www.example.org/docs and [1]."
