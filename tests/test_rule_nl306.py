"""NL306: invisible and bidirectional controls (issue 14), with their exceptions."""

from __future__ import annotations

import pytest

from newslint.diagnostics import Applicability
from newslint.rules.nl306_invisible_characters import CONTROL_CHARACTERS, InvisibleCharacters
from tests.rulekit import apply_field_edits, lint

NL306 = InvisibleCharacters()


def _fixed(text: str) -> str:
    found = lint(NL306, body=text)
    return apply_field_edits(text, tuple(e for d in found if d.fix for e in d.fix.edits))


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("Pay \u202eto the order of\u202c now", "Pay to the order of now"),  # RLO ... PDF
        ("The \u202aembedded\u202c word", "The embedded word"),
        ("an \u2067isolate\u2069 in English", "an isolate in English"),
        ("Paris\u200e said on Monday", "Paris said on Monday"),  # LRM in Latin text
        ("Москва\u200f заявила", "Москва заявила"),  # RLM in Cyrillic text
        ("a word\u2060joiner", "a wordjoiner"),
        ("Reuters\u200d reported", "Reuters reported"),  # ZWJ outside emoji
        ("Auf\u200clage", "Auflage"),  # ZWNJ in German: reported (unsafe)
        ("hidden\U000e0041\U000e0042 tags", "hidden tags"),
        ("Arabic letter mark\u061c in English", "Arabic letter mark in English"),
    ],
)
def test_controls_are_reported_and_deleted(text: str, clean: str) -> None:
    found = lint(NL306, body=text)
    assert found  # (an opening and a closing control are two reports)
    assert all("invisible control character" in d.message for d in found)
    assert _fixed(text) == clean
    assert lint(NL306, body=clean) == []


@pytest.mark.parametrize(
    "text",
    [
        "\u05e9\u05dc\u05d5\u05dd\u200f 2024 \u05e2\u05d5\u05dc\u05dd",  # RLM in Hebrew
        "\u0627\u0644\u0639\u0631\u0628\u064a\u0629\u200e 5G \u0627\u0644\u0646\u062a",  # LRM
        "\u0645\u0631\u062d\u0628\u0627 \u2066iPhone 15\u2069 \u0645\u062a\u0648\u0641\u0631",
        "\u0627\u0644\u0639\u062f\u062f\u061c 12",  # ALM in Arabic
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # ZWNJ in Persian
        "\u0915\u094d\u200d\u0937",  # ZWJ in Devanagari
        "\u0d28\u0d4d\u200d",  # ZWJ in Malayalam (a chillu)
        "\U0001f469\u200d\U0001f4bb at work",  # woman technologist
        "\U0001f468\U0001f3fd\u200d\U0001f52c and \U0001f3f3\ufe0f\u200d\U0001f308",
        "England \U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f won",
        "Plain text with “quotes”, café and Москва.",
    ],
)
def test_typography_is_kept(text: str) -> None:
    assert lint(NL306, title=text, body=text) == []


def test_applicability() -> None:
    latin = lint(NL306, body="Pay \u202eto\u202c now")
    assert {d.fix.applicability for d in latin if d.fix} == {Applicability.SAFE}
    # An override in Hebrew text: deleting it may change how the text reads.
    rtl = lint(NL306, body="\u05e9\u05dc\u05d5\u05dd \u202dabc\u202c \u05e2\u05d5\u05dc\u05dd")
    assert rtl and {d.fix.applicability for d in rtl if d.fix} == {Applicability.UNSAFE}
    [joiner] = lint(NL306, body="Auf\u200clage")
    assert joiner.fix and joiner.fix.applicability is Applicability.UNSAFE


def test_a_run_of_controls_is_one_report_and_the_span_is_the_run() -> None:
    text = "Total: \u202a\u2066\u200e\u2069\u202c 12"
    [found] = lint(NL306, body=text)
    assert (found.start, found.end) == (7, 12)
    assert "U+202A" in found.message and "U+2066" in found.message


def test_triggers_cover_every_control() -> None:
    assert set(CONTROL_CHARACTERS) <= set(NL306.triggers.chars if NL306.triggers else "")
    assert len(CONTROL_CHARACTERS) == 5 + 4 + 6 + 128


def test_soft_hyphens_and_zero_width_spaces_are_unchanged() -> None:
    found = lint(NL306, body="Der Not\u00adfall und die Ver\u200bhandlungen.")
    assert [d.message.split(" inside")[0] for d in found] == ["soft hyphen", "zero-width space"]
