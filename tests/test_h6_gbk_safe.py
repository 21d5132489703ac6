"""NL308's exact GBK and Big5 decodings are safe fixes (issue 13), and NL307 and NL308
never both claim the same characters.

Each damaged text is written here and damaged by code: its GBK or Big5 bytes read as
windows-1252.  The fixes go through the real fixer, which demotes any safe fix that
breaks the safe-fix contract (newslint/contract.py), so a restored text proves both
that the fix is labelled safe and that the contract accepts it.
"""

from __future__ import annotations

import pytest

from newslint.api import Settings, fix_text, lint_text
from newslint.contract import contract_break
from newslint.diagnostics import Applicability
from newslint.rules._encoding import settled_runs

NL3 = Settings(select=["NL3"])


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
        ("长江干流水位下降，渔民返航。", "gbk"),
        ("黄河流域干流水量减少，农民抗旱。", "gbk"),
        ("臺中市政府週三宣布，捷運新路線明年底前通車。", "big5"),
        ("The mayor said the plan was “a good start” – and voted 5–4.", "gbk"),
        ("Les élus ont voté “pour” à Orléans, dit Hélène.", "gbk"),
        ("Новый мост через реку откроют весной.", "gbk"),
        ("Источником стала вода, сообщили в городе.", "big5"),  # (Big5 has no `Н`)
    ],
)
def test_exact_decodings_are_applied_by_a_plain_fix(clean: str, codec: str) -> None:
    damaged = _shown_as_1252(clean, codec)
    found = [d for d in lint_text(damaged, settings=NL3) if d.code == "NL308"]
    assert found and all(d.fix and d.fix.applicability is Applicability.SAFE for d in found)
    assert fix_text(damaged, settings=NL3, unsafe=False) == clean
    assert fix_text(clean, settings=NL3, unsafe=False) == clean  # idempotent


def test_the_contract_accepts_big5_round_trips() -> None:
    damaged = _shown_as_1252("臺北", "big5")
    assert contract_break(damaged, 0, len(damaged), "臺北") is None
    # ... but not a decoding that does not give the same bytes back
    assert contract_break(damaged, 0, len(damaged), "台北") is not None


def test_chinese_whose_bytes_look_like_windows_1251_is_gbk() -> None:
    # `Á÷ÓòÎ` (流域西) reads as windows-1251 letters; the whole line reads as Chinese.
    clean = "珠江流域西江干流水位上涨，居民撤离。"
    damaged = _shown_as_1252(clean, "gbk")
    cp1251, double = settled_runs(damaged)
    assert cp1251 == () and double
    assert {d.code for d in lint_text(damaged, settings=NL3)} == {"NL308"}
    assert fix_text(damaged, settings=NL3) == clean


def test_windows_1251_text_stays_nl307s() -> None:
    clean = "Моей девочке скоро пять лет, она любит читать."
    damaged = clean.encode("windows-1251").decode("windows-1252")
    assert {d.code for d in lint_text(damaged, settings=NL3)} == {"NL307"}
    assert fix_text(damaged, settings=NL3) == clean


def test_cyrillic_in_big5_is_not_read_as_gbk() -> None:
    # Both decode strictly and cost nothing; GBK's reading has CJK between spaces.
    clean = "Источником заражения стала вода из городского водопровода."
    damaged = _shown_as_1252(clean, "big5")
    assert fix_text(damaged, settings=NL3) == clean


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        ("failed the checks ¨C up from one in eight", "failed the checks – up from one in eight"),
        ("scored 3¨C1 at home", "scored 3–1 at home"),
    ],
)
def test_gbk_en_dash_alone(damaged: str, clean: str) -> None:
    assert fix_text(damaged, settings=NL3) == clean


# Clean text in many languages and scripts, as written, in capitals and title-cased:
# accented capitals are GBK's lead bytes (`ÇÃ`, `ÉÈ`), `¡` and `¢` Big5's.
CLEAN = [
    "BLÅBÆRSYLTETØY på brødskiva, sa Åse Ødegård i Tromsø.",
    "Þórður og Ævar Örn skrifuðu ÞÆTTI um náttúru á Akureyri.",
    "L'ÉTÉ À PARIS : « ÇA VA ? » — Œuvres, Noël, naïveté, cœur, Éloïse.",
    "INFORMAÇÃO, AÇÃO, CORAÇÃO, SÃO JOÃO — notícias às 14h30.",
    "ÑANDÚ, AÑO, ESPAÑA, ¿QUÉ PASÓ? ¡OLÉ! ¡Viva! ¡V de victoria! pingüino.",
    "GRÜSSE AUS MÜNCHEN: ÄRGER ÜBER ÖL-PREISE, Straße, Größe.",
    "Copyright © 2024 Reuters® — £12½, ¼ off, ±3°C, 5×3÷2, ¾ cup, ¨ alone.",
    "Prix : 12,50\u00a0€ ; «\u00a0Bonjour\u00a0!\u00a0» dit-il, à −3\u202f°C.",
    "“Quoted,” she said — ‘nested’ … the café’s naïve résumé. ¶ § † ‡",
    "Người dân Hà Nội đón Tết; TRƯỜNG ĐẠI HỌC QUỐC GIA; phở bò.",
    "İSTANBUL’DA ÇIĞ DÜŞTÜ; Şişli, Üsküdar, Ağrı, ıslak, çiğdem.",
    "ŘEDITEL ŠKOLY ŽÁDÁ O ÚVĚR; Příliš žluťoučký kůň úpěl ďábelské ódy.",
    "ŻÓŁTA ŁÓDŹ PŁYNIE; Zażółć gęślą jaźń, Łódź, Gdańsk.",
    "Η ΑΘΗΝΑ ΚΑΙ Η ΘΕΣΣΑΛΟΝΙΚΗ — «Καλημέρα», είπε ο υπουργός.",
    "«ПРАВИТЕЛЬСТВО РОССИИ» — заявил министр; ёлка, ЁЖ, объём, №5.",
    "ЇЖАК, ЄВРОПА, ҐАНОК; Київ, Львів, з’їзд, ґудзик, №12.",
    "北京市政府今天宣布，新的交通規則將於下月起實施。「重要」",
    "東京都は本日、新しい交通規則を発表しました。全角ＡＢＣ。",
    "서울시는 오늘 새로운 교통 규칙을 발표했습니다.",
    "Fans celebrated 🎉🔥👍🏽 👨‍👩‍👧‍👦 🇫🇷 ❤️ ✅ in the ★ stadium.",
    "ÀÁÂÃÄÅ ÈÉÊË ÌÍÎÏ ÒÓÔÕÖ ÙÚÛÜ Ý ÇÑ ÆŒØ ¿¡ ©® °± ²³ ¼½¾ ×÷",
]


@pytest.mark.parametrize("text", CLEAN)
@pytest.mark.parametrize("case", [str, str.upper, str.title], ids=["as-is", "upper", "title"])
def test_clean_text_is_not_double_byte(text: str, case: object) -> None:
    variant = case(text)  # type: ignore[operator]
    assert [d for d in lint_text(variant, settings=NL3) if d.code in ("NL307", "NL308")] == []
    assert fix_text(variant, settings=NL3, unsafe=True) == variant


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        ("failed the checks ¡V up from one in eight", "failed the checks – up from one in eight"),
        ("the storm ¡X named Agnes ¡X hit the coast", "the storm — named Agnes — hit the coast"),
    ],
)
def test_big5_dashes_alone(damaged: str, clean: str) -> None:
    assert fix_text(damaged, settings=NL3) == clean


@pytest.mark.parametrize(
    "text",
    [
        "Gritó ¡V de Vendetta! y se fue.",
        "¡V de victoria!",
        "Él dijo: ¡V de Vendetta",
        "¡Vamos!",
        "¡Vamos",  # (a headline may leave out the `!`)
        "Titular: ¡Eso es todo en Madrid",
        "(¡VAMOS)",
        "“¡Venga”, dijo.",
        "Y gritó ¡Viva, amigos",
    ],
)
def test_spanish_exclamations_are_not_big5(text: str) -> None:
    # Big5's punctuation row 0xA1 takes ASCII letters as trail bytes: `¡V` is `–`, `¡E` `•`.
    assert lint_text(text, settings=NL3) == []
