"""NL303: C1 controls that windows-1252 or 1251 text read as latin-1 leaves (issue 13)."""

from __future__ import annotations

import pytest

from newslint.rules.nl303_control_characters import ControlCharacters
from tests.rulekit import apply_field_edits, lint

NL303 = ControlCharacters()


def _fixed(text: str) -> str:
    found = lint(NL303, body=text)
    return apply_field_edits(text, tuple(e for d in found if d.fix for e in d.fix.edits))


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("the storm\x97named Agnes\x97would", "the storm—named Agnes—would"),
        ("\x84Es gibt keinen Plan B\x93, betonte er.", "„Es gibt keinen Plan B“, betonte er."),
        ("\x84Sie gilt \x96 auch im Wahljahr.\x93", "„Sie gilt – auch im Wahljahr.“"),
        ("«Это решение назрело»\xa0\x97 заявила она.", "«Это решение назрело»\xa0— заявила она."),
        ("трасі Київ\xa0\x97 Чоп", "трасі Київ\xa0— Чоп"),
        ("scores 5\x9610 and 7 \x96 3", "scores 5–10 and 7 – 3"),
    ],
)
def test_c1_punctuation_is_mapped_in_context(text: str, clean: str) -> None:
    assert _fixed(text) == clean


@pytest.mark.parametrize(
    "text",
    [
        "Die Stadt Ð\x98Ð»ÑŒÐ¸ meldete",  # a byte of UTF-8 mojibake: the encoding rules'
        "Łódzki: Ĺ\x81Ăłdzki klub",  # Ł read as windows-1250
        "Plain text with “quotes” — and dashes – and Москва.",
    ],
)
def test_bytes_of_mojibake_and_clean_text_are_left(text: str) -> None:
    found = lint(NL303, body=text)
    assert all(text[d.start : d.end] not in ("\x98", "\x81") for d in found)
    if text.isprintable():
        assert found == []
