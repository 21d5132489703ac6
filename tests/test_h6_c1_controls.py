"""C1 controls next to finished mojibake, and between letters (issue 13, ftfy's cases).

Each text is written here: windows-1252 punctuation read as latin-1 (C1 controls) right
after UTF-8 mojibake that is already whole, or after another such control; and a C1
control between two letters that stands for no windows-1252 character (a letter of
another code page, which deleting would lose).
"""

from __future__ import annotations

import pytest

from newslint.api import Settings, fix_text, lint_text
from newslint.rules._encoding import in_utf8_mojibake, no_sequence_reaches

NL3 = Settings(select=["NL3"])


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        # `’` as UTF-8 read as latin-1, then windows-1252's `…` read as latin-1
        (
            "the result of â\x80\x98outside pressureâ\x80\x99\x85",
            "the result of ‘outside pressure’…",
        ),
        # two windows-1252 marks side by side after a word
        ("â\x80\x9cwrong quotes\x85\x94", "“wrong quotes…”"),
        ("He said \x93wait\x85\x94 and left.", "He said “wait…” and left."),
    ],
)
def test_c1_controls_after_whole_sequences_are_mapped(damaged: str, clean: str) -> None:
    assert fix_text(damaged, settings=NL3) == clean
    assert fix_text(clean, settings=NL3) == clean


def test_a_control_that_continues_a_sequence_is_left_to_the_mojibake_rules() -> None:
    assert not no_sequence_reaches("Ã\x85", 1)  # `Å` read as latin-1: a continuation byte
    assert not no_sequence_reaches("â\x80\x99", 2)
    assert no_sequence_reaches("â\x80\x99\x85", 3)  # the sequence ended before it
    assert no_sequence_reaches("word\x85", 4)


@pytest.mark.parametrize(
    "damaged",
    ["Habitantes de Coatl\x87n en proyecto", "Der Stra\x9dename", "a\x81b"],
)
def test_a_control_between_letters_is_reported_not_deleted(damaged: str) -> None:
    found = [d for d in lint_text(damaged, settings=NL3) if d.code == "NL303"]
    assert len(found) == 1 and found[0].fix is None
    assert "between letters" in found[0].message
    assert fix_text(damaged, settings=NL3, unsafe=True) == damaged  # no letter lost


def test_known_windows_1252_letters_between_letters_are_still_mapped() -> None:
    assert fix_text("Ko\x9aice and don\x92t", settings=NL3) == "Košice and don’t"


@pytest.mark.parametrize(
    ("clean", "written"),
    [
        ("Ужгород\u00a0— Одеса, проти\u00a0— 33\u00a0%.", "windows-1251"),
        ("Жителі країни: з’їхалося багато людей.", "windows-1251"),
    ],
)
def test_windows_1251_punctuation_read_as_latin_1(clean: str, written: str) -> None:
    damaged = clean.encode(written).decode("latin-1")
    assert fix_text(damaged, settings=NL3) == clean


def test_windows_1251_letters_never_hold_a_c1_control_they_do_not_show() -> None:
    # `з\x92ї` as windows-1251 bytes is E7 92 BF, UTF-8 for `璿`: but windows-1251 shows
    # 0x92 as `’`, never as a control, so the control is no byte of that reading.
    text = "з\x92їхалося"
    assert not in_utf8_mojibake(text, 1, 2)
    # windows-1250 leaves 0x81 undefined (shown as a control): `Ĺ\x81` is `Ł`.
    assert in_utf8_mojibake("Ĺ\x81ódzki", 1, 2)


def test_windows_1251_euro_read_as_latin_1() -> None:
    # 0x88 is `€` in windows-1251 and `ˆ` in windows-1252, which never starts a number.
    assert fix_text("Tickets start at \x8845.", settings=NL3) == "Tickets start at €45."
    found = [d for d in lint_text("at \x8845", settings=NL3) if d.code == "NL303"]
    assert found and "windows-1251" in found[0].message
