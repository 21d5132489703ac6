"""Clean text that only looks like mojibake gets no NL3 flag (issue 13: precision first).

Box-drawing art (cp437's `═╗` are the bytes CD BB, UTF-8 for the archaic Greek `ͻ`) and
a list of Latin-1 capitals separated by spaces (each one a UTF-8 lead byte before a
space, like lost-byte mojibake) were flagged; the real damage they resemble still is.
"""

from __future__ import annotations

import pytest

from newslint.api import Settings, fix_text, lint_text
from newslint.rules._mojibake import lost_bytes

NL3 = Settings(select=["NL3"])


@pytest.mark.parametrize(
    "text",
    [
        "╔══════╗\n║ Menu ║\n╚══════╝",
        "Box art: ╔═╗ ║ ╚═╝ and ┌─┐ │ └─┘",
        "Letters of the alphabet: Ñ Ç Æ Œ Ø Å Ÿ Þ Ð.",
        "ÀÁÂÃÄÅ ÈÉÊË ÌÍÎÏ ÒÓÔÕÖ ÙÚÛÜ Ý Ñ Ç",
        "Η Αθήνα, ΐ ΰ, ά έ ή ί ό ύ ώ — Ελλάδα.",
    ],
)
def test_look_alikes_are_clean(text: str) -> None:
    assert lint_text(text, settings=NL3) == []
    assert fix_text(text, settings=NL3, unsafe=True) == text


@pytest.mark.parametrize(
    "text",
    [
        "Ð Ð¾Ñ Ñ Ð¸Ñ",  # `Россия` with its 0xA0 and 0x81 bytes lost
        "Itâ€\ufffds over",  # a stub of two bytes before U+FFFD
        "Ð±ÑŠÐ»Ð³Ð°Ñ€Ñ\ufffdÐºÐ¸",
    ],
)
def test_lost_bytes_are_still_found(text: str) -> None:
    assert lost_bytes(text)
    assert any(d.code == "NL302" for d in lint_text(text, settings=NL3))


def test_greek_mojibake_is_still_repaired() -> None:
    clean = "Η Αθήνα είναι η πρωτεύουσα."
    damaged = clean.encode("utf-8").decode("cp437")
    assert fix_text(damaged, settings=NL3) == clean
