"""NL308: whole lines of GBK or Big5 read as windows-1252 (issue 13)."""

from __future__ import annotations

import pytest

from newslint.diagnostics import Applicability
from newslint.rules._encoding import double_byte_runs
from newslint.rules.nl308_gbk_mojibake import GbkMojibake
from tests.rulekit import NL301, apply_field_edits, lint

NL308 = GbkMojibake()


def _shown_as_1252(text: str, codec: str) -> str:
    """``text`` in ``codec`` read as windows-1252 (undefined bytes as C1 controls)."""
    out = []
    for byte in text.encode(codec):
        try:
            out.append(bytes([byte]).decode("windows-1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


@pytest.mark.parametrize(
    ("clean", "codec"),
    [
        ("北京市政府周二宣布，新线路将于明年通车，全长30公里。", "gbk"),
        ("臺北市議會週二三讀通過預算，預計明年底前完工。", "big5"),
        ("The council voted 7–2 for the “clean air” plan.", "gbk"),
        ("Le conseil a adopté mardi le plan, dit André.", "gbk"),
        ("Городская дума во вторник одобрила законопроект.", "gbk"),
    ],
)
def test_lines_are_decoded_whole(clean: str, codec: str) -> None:
    damaged = _shown_as_1252(clean, codec)
    found = lint(NL308, body=damaged)
    assert found and all(d.fix and d.fix.applicability is Applicability.SAFE for d in found)
    edits = tuple(e for d in found if d.fix for e in d.fix.edits)
    assert apply_field_edits(damaged, edits) == clean
    assert lint(NL308, body=clean) == []


@pytest.mark.parametrize(
    "text",
    [
        "Le café déjà été, ação, ñó, Ça va.",
        "Straße, Müßiggang, Ärger, Öl — “quoted” … «guillemets»",
        "4288×…",
        "ESSE CARA AI QUEM É¿",
        "OK??:(   `¬´    ):",
        "( o¬ô )",
        "Ôôô VIDA MINHA",
    ],
)
def test_latin_1_text_is_not_double_byte(text: str) -> None:
    assert double_byte_runs(text) == ()
    assert lint(NL308, body=text) == []


def test_utf8_mojibake_is_left_to_nl301() -> None:
    clean = "Le conseil a adopté le plan de la région, dit José."
    damaged = clean.encode("utf-8").decode("windows-1252")
    assert lint(NL308, body=damaged) == []
    assert [d.code for d in lint(NL301, body=damaged)] == ["NL301", "NL301", "NL301"]


@pytest.mark.parametrize(
    ("clean", "codec"),
    [
        ("The company’s shares fell 4.2% — “a bad day”, said Lee.", "big5"),
        ("Temperatures will reach 34°C, a 7–2 vote decided.", "big5"),
        ("Школьники из Чебоксар заняли первое место на олимпиаде.", "big5"),
    ],
)
def test_big5_punctuation_and_cyrillic(clean: str, codec: str) -> None:
    damaged = _shown_as_1252(clean, codec)
    edits = tuple(e for d in lint(NL308, body=damaged) if d.fix for e in d.fix.edits)
    assert apply_field_edits(damaged, edits) == clean


@pytest.mark.parametrize(
    "text",
    [  # UTF-8 mojibake that GBK would also decode, strictly, into nonsense
        "×‘×”×•×“×¢×”",
        "Î•Î»Î»Î·Î½Î¹ÎºÎ¬",
        "Ø±Ø³Ø§Ù„Ø©",
        "Hi guys í\xa0½í¸\x8d",
        "Ã¢â€\ufffdâ€™(Ã¢Å’Â£Ã‹â€ºÃ¢Å’Â£)",
        "¡Hola! ¿Qué tal? ¡Vamos!",
    ],
)
def test_utf8_mojibake_and_spanish_are_not_gbk(text: str) -> None:
    assert double_byte_runs(text) == ()
