"""NL307: windows-1251 read as windows-1252 or latin-1, repaired over whole runs (issue 13)."""

from __future__ import annotations

import pytest

from newslint.rule import Rule
from newslint.rules._encoding import cp1251_runs
from newslint.rules.nl303_control_characters import ControlCharacters
from newslint.rules.nl307_cp1251_mojibake import Cp1251Mojibake
from tests.rulekit import NL301, apply_field_edits, lint

NL303, NL307 = ControlCharacters(), Cp1251Mojibake()


def _fixed(text: str, *rules: Rule) -> str:
    found = [d for rule in rules for d in lint(rule, body=text)]
    return apply_field_edits(text, tuple(e for d in found if d.fix for e in d.fix.edits))


@pytest.mark.parametrize(
    "clean",
    [
        # one-letter words and runs cut by digits, non-breaking spaces and symbols
        "С 1\u00a0сентября в Казани и в Твери будут ходить новые поезда; в 2027\u00a0году.",
        # Ukrainian: і ї є ґ, and № (0xB9)
        "Синоптики прогнозують на вихідні спеку до +35\u00a0°C на півдні та сході країни.",
        "Наказ №\u00a048 про перенесення занять підписав міністр Євген Ґудзь у Києві.",
        "Інфляція в Україні в червні сповільнилася до 4,8\u00a0%, повідомила служба.",
        "Новая ветка метро обойдётся бюджету в 38\u00a0млрд рублей, сообщили в мэрии.",
    ],
)
@pytest.mark.parametrize("codepage", ["windows-1252", "latin-1"])
def test_whole_lines_are_repaired(clean: str, codepage: str) -> None:
    raw = clean.encode("windows-1251")
    damaged = "".join(bytes([b]).decode(codepage, errors="replace") for b in raw)
    if "\ufffd" in damaged:
        damaged = raw.decode("latin-1")
    assert _fixed(damaged, NL307, NL303) == clean


@pytest.mark.parametrize(
    "text",
    [
        "Le café, la crème brûlée et l’été à Paris: ¥500 ou ¹ note.",
        "Ôôô VIDA MINHA, ÀÉÎÕÜ in capitals",
        "Gràcies, així és la vida: ¿Qué pasó? ¡Olé!",
        "Straße, Müßiggang, Ärger, Öl, Übermut — 5\u00a0°C",
    ],
)
def test_latin_text_is_never_cp1251(text: str) -> None:
    assert cp1251_runs(text) == ()
    assert lint(NL307, body=text) == []


def test_utf8_read_as_cp850_is_left_to_nl301() -> None:
    clean = "Київська міська рада ухвалила рішення про створення нових доріжок."
    damaged = clean.encode("utf-8").decode("cp850")
    assert lint(NL307, body=damaged) == []
    assert _fixed(damaged, NL301) == clean


def test_cp1251_read_as_latin_1_is_not_taken_for_utf8() -> None:
    clean = "«Это решение давно назрело»\u00a0— заявила депутат Ольга Белоусова."
    damaged = clean.encode("windows-1251").decode("latin-1")
    assert lint(NL301, body=damaged) == []
    assert _fixed(damaged, NL307, NL303) == clean


@pytest.mark.parametrize(
    ("shown_as", "really"), [("koi8_r", "windows-1251"), ("windows-1251", "koi8_r")]
)
@pytest.mark.parametrize(
    "clean",
    [
        "Городская дума во вторник одобрила законопроект о парковках, 2025 год.",
        "Київська міська рада у вівторок ухвалила рішення про нові велодоріжки.",
    ],
)
def test_koi8_r_and_windows_1251_read_as_each_other(shown_as: str, really: str, clean: str) -> None:
    try:
        damaged = clean.encode(really).decode(shown_as)
    except UnicodeError:
        pytest.skip("KOI8-R has no Ukrainian letters")
    found = lint(NL307, body=damaged)
    assert found and all(d.fix and d.fix.edits for d in found)
    assert _fixed(damaged, NL307) == clean
    assert lint(NL307, body=clean) == []


@pytest.mark.parametrize(
    "text",
    [
        "Компания МакДональдс и iPhone: вИЧ-инфекция, СССР, НАТО и ООН — обычный текст.",
        "Ранок у Києві: ЗСУ, НБУ та МВФ обговорили кредит; «Укрзалізниця» змінює розклад.",
        "Българският парламент прие бюджета; Србија и Македонија су гласале.",
    ],
)
def test_clean_cyrillic_is_not_koi8(text: str) -> None:
    assert lint(NL307, body=text) == []


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [  # the issue's examples: partial repairs and a lost letter
        ("Ìîåé äåâî÷êå ñêîðî 5 ëåò. Ей уже много", "Моей девочке скоро 5 лет. Ей уже много"),
        ("Â 2005-ì ãîäó ïðåçèäåíò Ðîññèè çàÿâèë.", "В 2005-м году президент России заявил."),
        ("TT2-øíûé ðåæèì", "TT2-шный режим"),
        ("'ìîÿ_êîäèðîâêà' ðàáîòàåò", "'моя_кодировка' работает"),
    ],
)
def test_the_issues_partial_repairs(damaged: str, clean: str) -> None:
    assert _fixed(damaged, NL307, NL303) == clean


def test_a_short_mojibake_word_in_a_line_of_real_cyrillic_is_repaired() -> None:
    """Real Cyrillic on the line vouches for a word of accented Latin letters only (no
    Latin-script word is made of them), three letters or more (issue 13: `TT2-øíûé`)."""
    import newslint

    assert newslint.fix_text("Это TT2-øíûé двигатель, и он хороший.") == (
        "Это TT2-шный двигатель, и он хороший."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Он заказал всё à la carte, как во Франции.",
        "Жерар Депардьё (Gérard Depardieu) приехал в Москву.",
        "Остров Ø находится в Дании, сказал он.",
        "Датское слово «øl» значит пиво.",
        "Слово «été» по-французски значит лето.",
        "Он написал: «Çà và là» — и ушёл домой.",
        # No Cyrillic on the line: a short run alone is not vouched for.
        "TT2-øíûé",
    ],
)
def test_latin_words_in_cyrillic_text_are_left(text: str) -> None:
    import newslint

    assert [d.code for d in newslint.lint_text(text) if d.code == "NL307"] == []
