"""Latin text through windows-1251 <-> KOI8-R: only its typography is damaged (issue 13).

English or German text saved as windows-1251 and read as KOI8-R keeps every letter; its
curly quotes, dashes, non-breaking spaces and degree signs become box drawing and maths
(`⌠kill the trade.■`, `company▓s`, `34╟C`).  KOI8-R's own few (NBSP, `°`) read as
windows-1251 become Serbian letters (`34њC`).  NL307 decodes such a line when all its
characters above ASCII are such typography and one sits where only typography can.
"""

from __future__ import annotations

import pytest

from newslint.api import Settings, fix_text, lint_text
from newslint.diagnostics import Applicability
from newslint.rules import _encoding
from newslint.rules._encoding import koi8_runs

NL3 = Settings(select=["NL3"])


def _through(clean: str, written: str, read: str) -> str:
    return clean.encode(written).decode(read)


@pytest.mark.parametrize(
    "clean",
    [
        "The board voted 6–3 to back the “slow streets” plan.",
        "The mayor’s office said the road would reopen on Monday.",
        "Rain is expected to push the river to 12°C by Friday.",
        "Der Zug fährt um 7.15\u00a0Uhr ab.".replace("ä", "ae"),  # (windows-1251 has no ä)
        "„Wir bleiben dabei“, sagte die Ministerin.",
        "The storm—the third this month—closed the bridge.",
        "Shares fell sharply – the third drop this week.",
        "Entry costs €12 for adults.",
    ],
)
def test_windows_1251_typography_read_as_koi8_r(clean: str) -> None:
    damaged = _through(clean, "windows-1251", "koi8_r")
    assert damaged != clean
    found = lint_text(damaged, settings=NL3)
    assert found and {d.code for d in found} == {"NL307"}
    assert all(d.fix and d.fix.applicability is Applicability.SAFE for d in found)
    assert fix_text(damaged, settings=NL3) == clean
    assert fix_text(clean, settings=NL3) == clean


@pytest.mark.parametrize(
    "clean",
    ["It was 31°C in the shade.", "Die Miete stieg um 4,5\u00a0Prozent.", "Fees: 200\u00a0USD."],
)
def test_koi8_r_typography_read_as_windows_1251(clean: str) -> None:
    damaged = _through(clean, "koi8_r", "windows-1251")
    assert fix_text(damaged, settings=NL3) == clean


@pytest.mark.parametrize(
    "text",
    [
        "The ratio is 7√2 and the result ≈ 9.9, as shown in the table.",
        "√ Done  √ Tested  ■ Pending",
        "Status: √ OK",
        "x ≈ y when the error is small.",
        "┌──┬──┐\n│12│34│\n└──┴──┘",
        "╔══════╗\n║ 12═A ║\n╚══════╝",
        "└── src\n    └── main.py",
        "The article ends here.■",
        "Ђорђе је рекао: 34 њих је дошло; љубав и њива.",
        "Kyiv (Київ) and its її",
        "It was 31°C in the shade, “quoted” – and the company’s plan.",
        "Ça coûte 12\u00a0€ ; « Bonjour » dit-il.",
        "Costs ┬ and ┴ are box corners.",
    ],
)
def test_clean_look_alikes_are_left_alone(text: str) -> None:
    assert koi8_runs(text) == ()
    assert [d for d in lint_text(text, settings=NL3) if d.code == "NL307"] == []


def test_one_box_character_that_is_no_typography_keeps_the_line() -> None:
    # `─` stands for no typography in windows-1251: the line is box art, not damage.
    assert koi8_runs("company▓s ── table") == ()


def test_steps_are_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    """Witness tests grow with the input, not faster (counted, not timed)."""
    calls = 0
    original = _encoding._punctuation_witness

    def counting(line: str, index: int, real: str) -> bool:
        nonlocal calls
        calls += 1
        return original(line, index, real)

    monkeypatch.setattr(_encoding, "_punctuation_witness", counting)
    counts = []
    for copies in (1000, 4000):
        calls = 0
        _encoding.koi8_runs.cache_clear()
        line = "√ ≈ ■ 7√2 " * copies  # no witness anywhere: every character is tried
        assert koi8_runs(line) == ()
        counts.append(calls)
    assert counts[0] > 0 and counts[1] <= 4 * counts[0] + 10


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        ("Entry costs ˆ45 for adults.", "Entry costs €45 for adults."),  # read as windows-1252
        ("A “fair” price: ˆ12.", "A “fair” price: €12."),
    ],
)
def test_windows_1251_euro_read_as_windows_1252(damaged: str, clean: str) -> None:
    assert fix_text(damaged, settings=NL3) == clean


@pytest.mark.parametrize(
    "text", ["A grid of 10ˆ6 cells.", "Footnote¹ and ¹2.", "Ça coûte ˆ45.", "x ˆ y"]
)
def test_circumflex_and_superscripts_stay(text: str) -> None:
    assert [d for d in lint_text(text, settings=NL3) if d.code == "NL307"] == []
