"""Whole-run repair of UTF-8 mojibake (newslint.rules._mojibake, NL301/NL302; issue 13).

The samples are written for these tests; each is damaged here through the chain named.
"""

from __future__ import annotations

import codecs

import pytest

from newslint.diagnostics import Applicability
from newslint.rules import _mojibake
from newslint.rules._encoding import analyse
from newslint.rules._mojibake import cost, lost_bytes, reencodes, repair_line
from newslint.rules.nl302_mojibake_lost_bytes import MojibakeLostBytes
from tests.rulekit import NL301, apply_field_edits, lint

NL302 = MojibakeLostBytes()

CLEAN = [
    "The café’s owner, José Álvarez, said: “We’re closing—for now.”",
    "Der Bürgermeister von München sagte am 1.\u00a0Januar: „Die Straße bleibt zu.“",
    "Le ministre a déclaré\u00a0: «\u00a0C’est à l’État de décider\u00a0»\u202f; fin août.",
    "El niño comió piñas en Logroño; ¿qué opinó la señora Ibáñez?",
    "A decisão da Câmara de São João foi anunciada às 10h — e não agradou.",
    "Łódź i Gdańsk: źródła podały, że ścieżka rowerowa będzie gotowa w przyszłym roku.",
    "Příliš žluťoučký kůň úpěl ďábelské ódy; Říha řekl, že vítězství je jisté.",
    "В\u00a02005 году в Москве открылся новый музей; «Это событие», — сказал Фёдор.",
    "Київ, Рівне і Львів: у вівторок з’їхалися представники громад; її рішення ухвалено.",
    "Η κυβέρνηση ανακοίνωσε ότι η Αθήνα θα φιλοξενήσει τη σύνοδο τον Μάιο.",
    "İstanbul’da yağış uyarısı: Büyükşehir Belediyesi ağaçların kesilmesini durdurdu.",
    "Hà Nội: người dân đã chờ đợi quyết định này nhiều năm, ông Nguyễn Văn Đức nói.",
    "北京市政府周二宣布，新线路将于明年通车。“这是好消息，”一位市民说。",
    "臺北市議會週二三讀通過預算，「這是市民期待的決定」，議員表示。",
    "Ôôô VIDA MINHA",
    "MISUTÂ\u00a0AJIKKO",
    "ПоздравЂаво",
    "4288×…",
    "(-1/2)! = √π",
    "2012—∞",
    "a radius of 10 Å—",
    "I'm not such a fan of Charlotte Brontë…”",
    "Offering 5×£35 pin ups",
    "NESTLÉ® requiere contratar personal",
    "SELKÄ\u00a0EDELLÄ\u00a0MAAHAN via @YouTube",
    "The storm—named Agnes—hit at 7–2 on points.",
]


def damaged(text: str, *chain: str) -> str:
    """``text`` encoded as UTF-8 and read through each code page of ``chain`` in turn
    (undefined bytes as their C1 control, as browsers show them)."""
    for codepage in chain:
        text = text.encode("utf-8").decode(codepage, errors="newslint-test-c1")
    return text


def _c1(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    return "".join(chr(b) for b in error.object[error.start : error.end]), error.end


codecs.register_error("newslint-test-c1", _c1)

SAMPLES = {
    "ru": "Суд приговорил 46-летнего мужчину к шести годам; «я не виновен», — сказал он в суде.",
    "uk": "У Києві в середу відкрили міст; з’їхалися мешканці з усієї країни.",
    "el": "Το δημοτικό συμβούλιο ενέκρινε την Τρίτη 12 νέα έργα στην Αθήνα.",
    "cs": "Zastupitelstvo v\u00a0úterý schválilo rozšíření zón; Říha řekl „ano“.",
    "pl": "Łódzki klub pokonał w sobotę Lecha 2:1 i awansował na piąte miejsce.",
    "es": "El Ayuntamiento aprobó el martes la ampliación; «es histórico», dijo Begoña.",
    "de": "Die Parkgebühren steigen zum 1.\u00a0Januar um 12\u00a0% – für alle.",
    "vi": "“Tôi không nghĩ mình có thể làm được,” vận động viên Trần Thị Ánh nói.",
    "zh": "受冷空气影响，新疆出现强降雪，部分路段积雪厚度超过30厘米。",
    "en": "The café’s £250,000 deal — signed at 34°C — is “final”, Zürich said.",
}
CHAINS = [
    ("windows-1252",),
    ("latin-1",),
    ("mac_roman",),
    ("windows-1250",),
    ("windows-1251",),
    ("cp437",),
    ("cp850",),
    ("windows-1252", "windows-1252"),
]


def _repaired(text: str) -> str:
    found = lint(NL301, body=text)
    edits = tuple(edit for d in found if d.fix for edit in d.fix.edits)
    return apply_field_edits(text, edits)


@pytest.mark.parametrize("chain", CHAINS, ids="+".join)
@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_every_chain_is_repaired_whole(lang: str, chain: tuple[str, ...]) -> None:
    clean = SAMPLES[lang]
    text = damaged(clean, *chain)
    assert repair_line(text) == clean
    found = lint(NL301, body=text)
    assert found and all(d.fix and d.fix.applicability is Applicability.SAFE for d in found)
    assert _repaired(text) == clean
    assert lint(NL301, body=clean) == []  # idempotent: the repair is clean text


@pytest.mark.parametrize(
    ("clean", "codepage"),
    [
        ("с октября в Москве и в Казани", "windows-1251"),  # one-letter words: `СЃ`, `РІ`
        ("Источником, по данным, стала вода", "windows-1251"),  # `Р\x98`: an undefined byte
        ("TT2-шный и 'моя_кодировка' 5 лет", "windows-1251"),  # runs split by Latin, digits
        ("Ей уже 5 лет. В 2005-м году", "windows-1250"),
        ("più presto", "mac_roman"),
        ("¿qué?", "cp437"),
    ],
)
def test_runs_split_by_digits_latin_and_punctuation(clean: str, codepage: str) -> None:
    text = damaged(clean, codepage)
    assert _repaired(text) == clean


def test_known_misses_of_the_issue() -> None:
    assert _repaired("Sarai ricontattato al pi√π presto.") == "Sarai ricontattato al più presto."
    assert _repaired("┬┐que diferencia hay?") == "¿que diferencia hay?"
    assert _repaired("Mr OÔÇÖBrien paid ┬ú250,000") == "Mr O’Brien paid £250,000"


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_is_never_touched(text: str) -> None:
    assert repair_line(text) == text
    assert lint(NL301, body=text) == []
    assert lint(NL302, body=text) == []


def test_the_proof_is_a_real_check() -> None:
    assert reencodes("Ã©", "é", "windows-1252")
    assert reencodes("Ã\x89", "É", "windows-1252")  # latin-1's C1 reading of 0x89
    assert reencodes("С\x81", "с", "windows-1251")  # 0x81 is undefined in windows-1251
    assert not reencodes("Ã©", "è", "windows-1252")
    assert not reencodes("Ã©x", "é", "windows-1252")  # a letter more: not a repair
    assert not reencodes("Ã", "é", "windows-1252")  # a byte less


def test_plausibility_score_prefers_the_decoded_word() -> None:
    assert cost("aprobГі", "Latin") > cost("aprobó", "Latin")
    assert cost("РїРѕРґ", "Cyrillic") > cost("под", "Cyrillic")
    assert cost("ÔÇô", "Latin") > cost("–", "Latin")
    assert cost("storm—named", "Latin") == 0
    assert cost("з’їхалися", "Cyrillic") == 0


def test_every_repair_reencodes_to_the_damaged_characters() -> None:
    for lang, clean in SAMPLES.items():
        for chain in CHAINS[:7]:
            text = damaged(clean, *chain)
            for start, end, replacement in analyse(text).repairs:
                assert any(
                    reencodes(text[start:end], replacement, codepage)
                    for codepage in _mojibake.CODEPAGES
                ), (lang, chain, text[start:end], replacement)


@pytest.mark.parametrize(
    "text", ["Ð Ð¾Ñ Ñ Ð¸Ñ", "Itâ€\ufffds over", "Ð±ÑŠÐ»Ð³Ð°Ñ€Ñ\ufffdÐºÐ¸ ÐµÐ·Ð¸Ðº"]
)
def test_lost_bytes_are_utf8_with_holes(text: str) -> None:
    assert lost_bytes(text)
    assert lint(NL302, body=text)


@pytest.mark.parametrize(
    "text",
    ["MÄ£ÄM ÌÑÌ Q £ÄGÌ GÄLÄW ÑÍCH SÖÄ£ ÑÝÄ $ÚÄMÌ Q £ÄGÌ", "ПоздравЂаво", "HUHLL Õ…"],
)
def test_decorative_text_is_no_lost_bytes(text: str) -> None:
    assert not lost_bytes(text)
    assert lint(NL302, body=text) == []


def test_detection_has_no_budget_and_is_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    """A field of any length is analysed to its end, in a number of steps proportional
    to its length (counted: candidate pieces decoded, not seconds)."""
    line = damaged("Суд приговорил мужчину к шести годам. ", "windows-1251")
    calls = 0
    original = _mojibake._candidates

    def counting(line: str, codepage: str) -> list[_mojibake._Piece]:
        nonlocal calls
        found = original(line, codepage)
        calls += len(found)
        return found

    counts = []
    monkeypatch.setattr(_mojibake, "_candidates", counting)
    for copies in (100, 400):
        calls = 0
        body = "Header.\n" + line * copies
        found = analyse(body)
        assert found.repairs and found.repairs[-1][1] > len(body) - len(line)
        counts.append(calls)
    assert counts[1] <= 4 * counts[0] + 50


def test_is_exact_repair_checks_every_code_page_and_round() -> None:
    assert _mojibake.is_exact_repair("Œ§Œø Œ¥Œ∑", "Το δη")  # Mac Roman
    assert _mojibake.is_exact_repair("Ã¢â‚¬â„¢", "’")  # twice
    assert _mojibake.is_exact_repair("Ñ\x81Ð", "сÐ") is False  # a stray lead is no repair
    assert not _mojibake.is_exact_repair("Ã©", "e")


def test_nl301_edits_are_each_an_exact_repair() -> None:
    """One edit for a whole stretch when it decodes whole; split around a real
    character that sits inside it (a soft hyphen), each part exact."""
    clean = "Το δημοτικό συμβούλιο της Αθήνας, 38\u00a0°C."
    damaged_text = damaged(clean, "mac_roman")
    [first, *_] = lint(NL301, body=damaged_text)
    assert first.fix and len(first.fix.edits) == 1
    body = damaged("раз", "windows-1252") + "\u00ad" + damaged("говор и речь", "windows-1252")
    edits = [e for d in lint(NL301, body=body) if d.fix for e in d.fix.edits]
    assert len(edits) >= 2
    assert all(_mojibake.is_exact_repair(body[e.start : e.end], e.content) for e in edits)
    assert apply_field_edits(body, tuple(edits)) == "раз\u00adговор и речь"


def test_long_stretches_are_not_diffed_character_by_character(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """difflib's time grows with the cube of a repetitive stretch's length (`ÃƒÂ` repeated:
    90 s at 3,000 characters): a stretch over ``_MAX_DIFF`` is replaced whole, never diffed."""
    import difflib

    from newslint.rules import _encoding

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a long stretch was diffed")

    old = ("\u00c3\u0192\u00c2" * 1000)[:3000]
    new = old.encode("cp1252", errors="ignore").decode("utf-8", errors="replace")
    monkeypatch.setattr(difflib, "SequenceMatcher", refuse)
    assert _encoding.exact_edits(old, new) == [(0, len(old), new)]
    assert _encoding._MAX_DIFF <= 300
