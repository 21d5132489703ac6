"""NL304: references to control characters (issue 13)."""

from __future__ import annotations

import pytest

from newslint.rules.nl304_html_entities import HtmlEntities
from tests.rulekit import apply_field_edits, lint

NL304 = HtmlEntities()


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("The minister resigned on Monday.&#3;", "The minister resigned on Monday."),
        ("Markets closed higher&#127; on Friday", "Markets closed higher on Friday"),
        ("End of story &#x03; &amp;#3;", "End of story  "),
    ],
)
def test_control_character_references_are_reported_and_deleted(text: str, clean: str) -> None:
    found = lint(NL304, body=text)
    assert found and all("control character" in d.message for d in found)
    assert apply_field_edits(text, tuple(e for d in found if d.fix for e in d.fix.edits)) == clean


@pytest.mark.parametrize("text", ["Line one&#10;line two", "Tab&#9;here", "item #3; and &#3 alone"])
def test_whitespace_references_and_look_alikes_are_not_control_characters(text: str) -> None:
    assert not any("control character" in d.message for d in lint(NL304, body=text))
