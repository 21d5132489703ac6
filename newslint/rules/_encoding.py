"""Shared encoding analysis for the NL3xx rules: ftfy runs once per field.

``analyse(text)`` splits a field into lines, asks ftfy (encoding repairs only)
to mend each line that looks bad, and sorts what it finds into

- *repairs*: mojibake that decodes cleanly (NL301 reports and fixes them);
- *lost*: mojibake that cannot be decoded because bytes were lost or replaced
  by U+FFFD on the way (NL302 reports them).

Damage that other NL3xx rules own is masked out first, so that no two rules
report (and try to fix) the same characters: lone C1 controls (NL303),
GBK-style mojibake (NL308) and windows-1251 text read as windows-1252 (NL307).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import islice
from typing import TYPE_CHECKING

from newslint.lazy_re import compile_lazily

if TYPE_CHECKING:
    import ftfy


@cache
def _encoding_only() -> ftfy.TextFixerConfig:
    """ftfy's configuration with only the encoding repairs (ftfy is imported on first use).

    No uncurling of quotes, no normalisation, no entity unescaping, nothing that
    changes text that was written that way.  ftfy 6.3 honours the encoding
    sub-options only with explain=True.
    """
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=False,
        decode_inconsistent_utf8=True,
        fix_c1_controls=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=True,
    )


@cache
def _badness_re() -> re.Pattern[str]:
    """ftfy's mojibake heuristic, imported on first use (importing ftfy takes ~0.1 s)."""
    from ftfy.badness import BADNESS_RE

    return BADNESS_RE


# Fast path of ftfy's ``is_bad``.  Every match of ftfy's BADNESS_RE holds one of the
# _SOLO characters or two adjacent characters of _SUSPECT_CLASS (each of its
# alternatives needs characters of its categories or its non-ASCII literals: this
# class is all of them, as of ftfy 6.3; only the alternatives for C1 controls, `Â`,
# `Ã`, `Œ` and `œ` can match with one of them), and no match is longer than
# _BADNESS_WIDTH characters.  Of such an adjacent pair, one is not a basic Cyrillic
# or Greek letter (_RARE_CLASS: the suspects less those letters; a Cyrillic or Greek
# word alone never matches).  So BADNESS_RE need only be tried near a _RARE_CLASS
# character that is _SOLO or next to another non-ASCII character; tests/test_rule_nl301.py
# checks all of this against ftfy's pattern.
# Mostly-clean text (ASCII, prose with curly quotes and dashes, Russian or Greek) costs
# one or two regex scans.
_SUSPECT_CLASS = (
    "\\u0080-\\u00fc\\u0100-\\u0107\\u010c-\\u0113\\u0116-\\u011b\\u011e\\u011f\\u0122\\u0123"
    "\\u012a\\u012b\\u012f\\u0130\\u0136\\u0137\\u0139-\\u013e\\u0141-\\u0143\\u0145\\u0147"
    "\\u014c\\u0150\\u0152\\u0153\\u0155\\u0158\\u015a\\u015b\\u015e-\\u0162\\u0164\\u0165"
    "\\u016a\\u016e\\u0170\\u0172\\u0178-\\u017e\\u0192\\u02c6\\u02c7\\u02d8\\u02db-\\u02dd"
    "\\u0384-\\u0386\\u0388-\\u038a\\u038c\\u038e\\u038f\\u0391-\\u03c9\\u0401-\\u045f"
    "\\u0490\\u0491\\u2013-\\u2015\\u2018-\\u201a\\u201c-\\u201e\\u2020-\\u2022\\u2026"
    "\\u2030\\u2039\\u203a\\u2044\\u20a7\\u20ac\\u2116\\u2122\\u2202\\u2206\\u220f\\u2211"
    "\\u221a\\u221e\\u2229\\u222b\\u2248\\u2260\\u2261\\u2264\\u2265\\u2310\\u2502\\u250c"
    "\\u2510\\u2518\\u251c\\u2524\\u252c\\u253c\\u2550-\\u256c\\u2580\\u2584\\u2588\\u258c"
    "\\u2590-\\u2593\\u25ca\\uf8ff\\ufb01\\ufb02\\ufffd"
)
_LETTER_CLASS = "\\u0391-\\u03a9\\u03b1-\\u03c9\\u0410-\\u044f"
"""Basic Greek and Cyrillic letters (Α-Ω, α-ω, А-я): suspects that never match alone."""
_RARE_CLASS = _SUSPECT_CLASS.replace(
    "\\u0391-\\u03c9\\u0401-\\u045f", "\\u03aa-\\u03b0\\u0401-\\u040f\\u0450-\\u045f"
)
"""_SUSPECT_CLASS less _LETTER_CLASS (a test checks it)."""
SOLO_CHARACTERS = "".join(map(chr, range(0x80, 0xA0))) + "\u00c2\u00c3\u0152\u0153"
"""What a match of BADNESS_RE may hold instead of two non-ASCII characters in a row."""
_SOLO = frozenset(SOLO_CHARACTERS)
_BADNESS_WIDTH = 7
_REACH = _BADNESS_WIDTH - 1
# What any match holds: two non-ASCII characters in a row or a _SOLO character.
# (Spelled so that each try starts with one non-ASCII character: one fast scan.)
_MAY_BE_BAD = compile_lazily(
    "[^\\x00-\\x7f](?:[^\\x00-\\x7f]|(?<=[\\x80-\\x9f\\xc2\\xc3\\u0152\\u0153]))"
)
# A witness: a _RARE_CLASS run longer than one, or one such character that is _SOLO
# or next to a non-ASCII character.  (Each try starts with a _RARE_CLASS character, so
# the scan skips ASCII and the letters fast; the lookbehinds look back one character.)
_WITNESS = compile_lazily(
    f"[{_RARE_CLASS}](?:[{_RARE_CLASS}]+|[^\\x00-\\x7f]"
    f"|(?<=[^\\x00-\\x7f][{_RARE_CLASS}])|(?<=[\\x80-\\x9f\\xc2\\xc3\\u0152\\u0153]))"
)


def is_bad(text: str) -> bool:
    """Exactly ``ftfy.badness.is_bad(text)``, trying ftfy's regex only where it may match.

    A match holds a witness (a _SOLO character, or a _RARE_CLASS one next to another
    suspect) and lies within ``_REACH`` characters of it, so within the window around
    the _WITNESS match that holds the witness.  ``BADNESS_RE.search(text, pos, endpos)``
    finds a match inside the window if there is one (its ``^`` still means the real
    start of the text) and sees no text outside it, so it never finds a match the whole
    text does not have.
    """
    if text.isascii() or _MAY_BE_BAD.search(text) is None:
        return False
    size = len(text)
    for witness in _WITNESS.finditer(text):
        start, end = witness.span()
        if _badness_re().search(text, max(0, start - _REACH), min(size, end + _REACH)):
            return True
    return False


# Runs of non-ASCII characters, single spaces inside them included (lost-byte
# mojibake often has its 0xA0 bytes turned into spaces).  Unambiguous: linear.
_NON_ASCII_RUN = compile_lazily(r"[^\x00-\x7f]+(?: [^\x00-\x7f]+)*")
_MERGE_GAP = 3
"""Repairs closer than this (and on one line) are reported as one problem."""
_LINE = compile_lazily(r"[^\n]+")

C1 = compile_lazily(r"[\x80-\x9f]")


def _sloppy_windows_1252(byte: int) -> str:
    """ftfy's "sloppy-windows-1252" for one byte (without importing ftfy to register it)."""
    try:
        return bytes([byte]).decode("windows-1252")
    except UnicodeDecodeError:
        return chr(byte)  # the five bytes windows-1252 leaves undefined decode as latin-1


# What precedes a C1 control that is a UTF-8 continuation byte inside mojibake:
# a lead byte or another continuation byte, as windows-1252 (sloppy) shows them.
_MOJIBAKE_BYTES = frozenset(map(_sloppy_windows_1252, range(0x80, 0xF5))) | frozenset(
    bytes(range(0x80, 0xA0)).decode("latin-1")
)
_BYTE_1252 = {_sloppy_windows_1252(byte): byte for byte in range(0x80, 0x100)} | {
    chr(byte): byte for byte in range(0x80, 0xA0)
}
"""Each character windows-1252 (sloppy) or latin-1 shows above ASCII -> its byte."""


def lone_c1(text: str, index: int) -> bool:
    """Whether the C1 control at ``index`` stands alone (not a byte of a mojibake sequence)."""
    return index == 0 or text[index - 1] not in _MOJIBAKE_BYTES


def no_sequence_reaches(text: str, index: int) -> bool:
    """Whether no UTF-8 sequence, as windows-1252 shows it, can hold the C1 control at
    ``index``: no lead byte within the three characters before it with only continuation
    bytes between and a sequence long enough to reach it (`Ã\x85` can; the `\x85` of
    `â\x80\x99\x85` after a finished `’`, and `\x94` in `quotes\x85\x94`, cannot)."""
    for back in range(1, 4):
        if index < back:
            return True
        byte = _BYTE_1252.get(text[index - back])
        if byte is None or byte < 0x80 or 0xC0 <= byte <= 0xC1 or byte > 0xF4:
            return True
        if byte >= 0xC2:
            length = 2 if byte <= 0xDF else 3 if byte <= 0xEF else 4
            return back >= length
    return True


_PROBE_CODEPAGES = ("cp1252", "cp1250", "cp1251")
"""The code pages UTF-8 is most often read through (latin-1 is cp1252's C1 controls)."""


def _byte_in(codepage: str, char: str) -> int | None:
    """The byte that ``codepage`` (its undefined bytes read as C1 controls, as browsers
    and ftfy's sloppy codecs do) shows as ``char``, or None.  Any C1 control is its byte
    in windows-1252 (latin-1 shows them all); windows-1250 and 1251 show only their
    undefined bytes so (`з\x92ї` is windows-1251's `з’ї` read as latin-1, not `璿`)."""
    if char < "\x80":
        return ord(char)
    if char <= "\x9f":
        return ord(char) if codepage == "cp1252" or _undefined(codepage, ord(char)) else None
    try:
        encoded = char.encode(codepage)
    except UnicodeEncodeError:
        return None
    return encoded[0] if len(encoded) == 1 else None


@cache
def _undefined(codepage: str, byte: int) -> bool:
    try:
        bytes([byte]).decode(codepage)
    except UnicodeDecodeError:
        return True
    return False


def in_utf8_mojibake(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (a character or two) is part of one UTF-8 character
    read through a single-byte code page: the C1 control in `Ĺ\x81ódzki` (`Ł` read as
    windows-1250), the soft hyphen in `todavÃ\xada`, the `¿` in `Tiáº¿ng`.  Other rules must
    leave such characters alone: deleting or replacing one makes the repair impossible."""
    for codepage in _PROBE_CODEPAGES:
        low, high = max(0, start - 3), min(len(text), end + 3)
        raw = [_byte_in(codepage, char) for char in text[low:high]]
        for first in range(start - low, -1, -1):
            if raw[first] is None:
                break
            for last in range(end - low, min(first + 4, len(raw)) + 1):
                piece = raw[first:last]
                if len(piece) < 2 or None in piece:
                    continue
                try:
                    decoded = bytes(byte for byte in piece if byte is not None).decode("utf-8")
                except UnicodeDecodeError:
                    continue
                if len(decoded) == 1 and _text_character(decoded):
                    return True
    return False


def _text_character(char: str) -> bool:
    """A letter, a mark, or punctuation or a currency sign of the general blocks: what
    mojibake stands for (not `⠗`, which `â\xa0\x97` would be)."""
    import unicodedata

    category = unicodedata.category(char)
    return (
        category[0] in "LM"
        or char <= "\u00ff"
        or "\u2010" <= char <= "\u206f"
        or "\u20a0" <= char <= "\u20cf"
    )


# --- GBK-style mojibake (NL308) ------------------------------------------------
# GBK codes the pinyin letters (ü, é, à, ...) as 0xA8 0xA1-0xBA; read as
# windows-1252 they show as '¨' and one of '¡'..'º'.  Anchored on the literal '¨'.
GBK_LETTER = re.compile(r"(?<=[A-Za-z])¨[\xa1-\xba]|¨[\xa1-\xba](?=[A-Za-z])")


def gbk_decode(pair: str) -> str | None:
    """The letter a GBK pair shown as windows-1252 stands for, or None.  GBK must encode
    the letter back to the same two bytes (the proof that makes NL308's fix safe)."""
    try:
        raw = pair.encode("latin-1")
        letter = raw.decode("gbk")
        if letter.encode("gbk") != raw:
            return None
    except (UnicodeDecodeError, UnicodeEncodeError):
        return None
    return letter if len(letter) == 1 and letter.isalpha() else None


# --- windows-1251 read as windows-1252 (NL307) -----------------------------------
# Cyrillic letters in windows-1251 are 0xC0-0xFF (А-я), 0xA8/0xB8 (Ё/ё) and, for
# Ukrainian and Belarusian, 0xA1/0xA2 Ўў, 0xAA/0xBA Єє, 0xAF/0xBF Її, 0xB2/0xB3 Іі,
# 0xA5/0xB4 Ґґ, and 0xB9 is №.
# Read as windows-1252 or latin-1 they are the accented capitals and small
# letters, × and ÷, and the listed symbols.
_CP1251_CHARS = (
    "\u00c0-\u00ff\u00a8\u00b8\u00a1\u00a2\u00aa\u00ba\u00af\u00bf\u00b2\u00b3\u00a5\u00b4\u00b9"
)
CP1251_CHARACTERS = (
    "".join(map(chr, range(0xC0, 0x100)))
    + "\u00a8\u00b8\u00a1\u00a2\u00aa\u00ba\u00af\u00bf\u00b2\u00b3\u00a5\u00b4\u00b9"
)
"""The characters of ``_CP1251_CHARS`` spelled out: a run needs one (NL307's triggers)."""
# A "word": a run of those characters not touching any other letter or digit.
# (The lookbehind follows the first character, so that the regex engine can skip to
# a candidate character instead of trying the lookbehind everywhere.)
_CP1251_WORD = rf"[{_CP1251_CHARS}](?<![^\W_][{_CP1251_CHARS}])[{_CP1251_CHARS}]{{0,59}}(?![^\W_])"
# A run of such words separated by spaces and ASCII punctuation.  The word
# class and the separator class are disjoint, so the match is linear.
CP1251_RUN = compile_lazily(rf"{_CP1251_WORD}(?:[ \t,.;:!?()\"'\-]{{1,5}}{_CP1251_WORD}){{0,200}}")
# Written for newslint; its letter pairs are the "common Russian bigrams".
_RUSSIAN_SAMPLE = """\
Президент России заявил журналистам, что правительство страны готово продолжить
переговоры о новом соглашении. По словам министра, решение было принято после
долгого обсуждения в Москве и других городах. Сегодня в столице прошла встреча
представителей компаний, которые работают на местном рынке уже много лет.
Эксперты считают, что такие изменения помогут экономике и позволят людям
получать больше информации о событиях в мире. Секретный доклад опубликовали
вчера вечером; его подготовили специалисты государственного института.
Жители региона говорят, что цены выросли, а зарплаты остались прежними.
Новости этой недели: выборы, погода, спорт, культура, наука и образование.
Мы будем следить за развитием ситуации и сообщим подробности позже.
Ещё один человек пострадал; полиция ищет водителя чёрного автомобиля.
Объявление: в субботу объединённая школа проводит фестиваль для детей и семей.
Война, мир, история, язык, жизнь, чувство, юность, дружба, счастье, площадь.
Электричество, электрон, экран, этаж, эфир, юг, юбилей, яблоко, январь, ящик.
Хорошо, хлеб, художник, цель, центр, цифра, час, чай, шаг, шесть, щука, фильм.
Україна, країна, її, Київ, інформація, європейський, білоруський.
Моей девочке скоро пять лет, она очень любит новое здание школы и читает по вечерам.
Почему дочка пишет ручкой? Точка в конце строки, речка за деревней, новое облако.
Отчёт о поездке: вечером поезд опоздал, утром пассажиры ждали автобус у вокзала.
Председатель комиссии объяснил, что бюджет утвердят в четверг после обсуждения.
Синоптики кажуть, що у середу в Україні буде спекотно; вітер південний, опади місцями.
Міська рада ухвалила рішення про ремонт мостів і доріг, повідомили в пресслужбі.
Інфляція сповільнилася, а ціни на пальне зросли; уряд обіцяє підтримку громадам.
Вчителі, лікарі й рятувальники отримають виплати; з’їзд відбудеться восени в Одесі.
Збірна перемогла суперників і зберегла відрив; вболівальники святкували до ранку.
Джерело, жовтень, гривня, ґанок, їжак, щоденний, юність, явище, цвіт, чотири, шість."""
_RUSSIAN_BIGRAMS = frozenset(
    word[i : i + 2]
    for word in re.findall(r"\w+", _RUSSIAN_SAMPLE.lower())
    for i in range(len(word) - 1)
)
_CYRILLIC_VOWELS = frozenset("аеёиоуыэюяіїє")
_NEVER_FIRST = frozenset("ьъы")
_CP1251_MIN_LETTERS = 5
_CP1251_MIN_BIGRAM_SHARE = 0.75


def cp1251_decode(run: str) -> str | None:
    """``run`` re-encoded as windows-1252 and decoded as windows-1251, or None."""
    try:
        raw = run.encode("windows-1252")
    except UnicodeEncodeError:
        try:
            raw = run.encode("latin-1")
        except UnicodeEncodeError:
            return None
    try:
        return raw.decode("windows-1251")
    except UnicodeDecodeError:
        return None


def plausible_cyrillic(text: str) -> bool:
    """Whether decoded text reads like Russian/Ukrainian words, not a random letter soup.

    Needs enough letters, a vowel share like real words have, no word that
    starts with a letter that never starts one, and nearly all letter pairs
    among the common ones of the language.
    """
    words = re.findall(r"[^\W\d_]+", text.lower())
    letters = sum(len(word) for word in words)
    if letters < _CP1251_MIN_LETTERS or not any(len(word) >= 3 for word in words):
        return False
    if any(word[0] in _NEVER_FIRST for word in words):
        return False
    if any(not ("\u0400" <= ch <= "\u04ff") for word in words for ch in word):
        return False
    vowels = sum(ch in _CYRILLIC_VOWELS for word in words for ch in word)
    if not 0.25 <= vowels / letters <= 0.7:
        return False
    pairs = [word[i : i + 2] for word in words for i in range(len(word) - 1)]
    if not pairs:
        return False
    common = sum(pair in _RUSSIAN_BIGRAMS for pair in pairs)
    return common / len(pairs) >= _CP1251_MIN_BIGRAM_SHARE


@lru_cache(maxsize=512)
def cp1251_runs(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, Cyrillic) for each run of windows-1251 text shown as windows-1252.

    A run that reads as Cyrillic words on its own (``plausible_cyrillic``) vouches for
    the others of its line: runs cut apart by digits, non-breaking spaces or symbols
    (`â 2027\xa0ãîäó`, `íà` after `+35\xa0°C`) are taken too when they decode to
    Cyrillic letters only, with no word starting with `ь`, `ъ` or `ы` (whole runs).
    """
    if text.isascii():
        return ()
    candidates: list[tuple[int, int, str, bool, int]] = []
    line, position = 0, 0
    for match in CP1251_RUN.finditer(text):
        decoded = cp1251_decode(match.group())
        if decoded is None:
            continue
        line += text.count("\n", position, match.start())  # linear: positions only grow
        position = match.start()
        plausible = plausible_cyrillic(decoded)
        candidates.append((match.start(), match.end(), decoded, plausible, line))
    vouched = {line for *_, plausible, line in candidates if plausible}
    lines_in_cyrillic: dict[int, bool] = {}

    def in_cyrillic(start: int, line: int) -> bool:
        """Whether the line holds real Cyrillic words (``MIN_CYRILLIC_CONTEXT`` letters)."""
        if line not in lines_in_cyrillic:
            first = text.rfind("\n", 0, start) + 1
            last = text.find("\n", start)
            found = _CYRILLIC_LETTER.finditer(text, first, len(text) if last < 0 else last)
            lines_in_cyrillic[line] = len(list(islice(found, MIN_CYRILLIC_CONTEXT))) >= (
                MIN_CYRILLIC_CONTEXT
            )
        return lines_in_cyrillic[line]

    return tuple(
        (start, end, decoded)
        for start, end, decoded, plausible, line in candidates
        if plausible
        or (
            _cyrillic_words(decoded)
            and (line in vouched or (len(decoded) >= MIN_LONE_WORD and in_cyrillic(start, line)))
        )
    )


_CYRILLIC_LETTER = compile_lazily("[\u0400-\u04ff]")
MIN_CYRILLIC_CONTEXT = 6
"""Real Cyrillic letters on a line that vouch for a short run of windows-1251 mojibake in it
(`Это TT2-øíûé двигатель`: a word of accented Latin letters only is no Latin-script word)."""
MIN_LONE_WORD = 3
"""...a run of at least this many characters (`à`, `ø` alone may be French, Danish)."""


def _cyrillic_words(decoded: str) -> bool:
    """Whether ``decoded`` is Cyrillic letters only (between ASCII punctuation), with no
    word starting with a letter that never starts one."""
    words = re.findall(r"[^\W\d_]+", decoded.lower())
    return bool(words) and all(
        word[0] not in _NEVER_FIRST and all("\u0400" <= ch <= "\u04ff" for ch in word)
        for word in words
    )


# --- windows-1251 and KOI8-R read as each other (NL307) -------------------------------
# Both put Cyrillic letters at 0xC0-0xFF, in other orders and with the cases swapped, so
# either read as the other is Cyrillic letter soup: `цНПНДЯЙЮЪ ДСЛЮ` (windows-1251 read as
# KOI8-R), `зПТПДУЛБС ДХНБ` (KOI8-R read as windows-1251).  A sentence's first letter
# comes out small and the rest capitals: a small letter before a capital is the cheap
# test for a line worth decoding.
_KOI8_GATE = compile_lazily("[а-яё][А-ЯЁ]")
_KOI8_CHAINS = (
    ("koi8_r", "windows-1251", "windows-1251 text read as KOI8-R"),
    ("windows-1251", "koi8_r", "KOI8-R text read as windows-1251"),
)


@cache
def _segment(codepage: str) -> re.Pattern[str]:
    """A maximal stretch of characters ``codepage`` holds (ASCII included)."""
    chars = []
    for byte in range(0x80, 0x100):
        try:
            chars.append(bytes([byte]).decode(codepage))
        except UnicodeDecodeError:
            continue
    return re.compile("[\\x00-\\x7f" + re.escape("".join(chars)) + "]+")


def _cyrillic_only(text: str) -> str:
    return " ".join(re.findall("[\u0400-\u04ff]+", text))


@lru_cache(maxsize=512)
def koi8_runs(text: str) -> tuple[tuple[int, int, str, str], ...]:
    """(start, end, decoded, what) for each stretch of windows-1251 text read as KOI8-R
    or the other way round: the whole stretch a code page holds is decoded at once
    (digits, Latin words and punctuation between the letters come along), and kept when
    its Cyrillic words read as Cyrillic (``plausible_cyrillic``) and did not before, and
    it is far more plausible as a whole (``_mojibake.cost``: no box-drawing debris).
    Lines with no Cyrillic letters at all are decoded too when they are only punctuation
    (``_koi8_punctuation``)."""
    if text.isascii():
        return ()
    found = list(_koi8_letters(text)) if _KOI8_GATE.search(text) else []
    if _KOI8_PUNCTUATION_GATE.search(text):
        taken = Spans([(start, end) for start, end, _, _ in found])
        found += [run for run in _koi8_punctuation(text) if not taken.overlaps(run[0], run[1])]
        found.sort()
    return tuple(found)


# Latin text through the same chains keeps its letters and loses its typography: its
# quotes, dashes, non-breaking spaces and `°`, windows-1251 bytes read as KOI8-R, are
# box drawing and maths (`⌠kill the trade.■`, `company▓s`, `7√2`, `34╟C`, `2,4═Prozent`);
# KOI8-R's few (NBSP, `°`, `©`, `·`) read as windows-1251 are Serbian letters (`34њC`,
# `350љEuro`).  A line is decoded when every character above ASCII in it is such a
# character (box-drawing art has `─` `│`, which stand for no typography) and one of them
# at least sits where only typography does (``_punctuation_witness``).
_TYPOGRAPHY_1251 = frozenset("“”‘’‚„–—…«»•·°№€™©®§±\u00a0‹›")
_TYPOGRAPHY_KOI8 = frozenset("\u00a0°©·²÷")
_KOI8_PUNCTUATION_CHAINS = (
    ("koi8_r", "windows-1251", _TYPOGRAPHY_1251, "windows-1251 punctuation read as KOI8-R"),
    ("windows-1251", "koi8_r", _TYPOGRAPHY_KOI8, "KOI8-R punctuation read as windows-1251"),
    # windows-1251 and 1252 share their quotes and dashes; `€` differs (`ˆ45`), and `№`
    # (`¹`), left out: `¹` is a footnote's mark in clean text
    (
        "windows-1252",
        "windows-1251",
        _TYPOGRAPHY_1251 - {"№"},
        "windows-1251 euro sign read as windows-1252",
    ),
)
KOI8_PUNCTUATION_CHARS = "▓⌠└╚▒┌▀╟═√≈┬љњˆ"
"""What a witness is shown as (NL307's trigger characters for these lines)."""
_KOI8_PUNCTUATION_GATE = compile_lazily(f"[{KOI8_PUNCTUATION_CHARS}]")
_OPENING = frozenset("“„«‘‚‹")


@cache
def _punctuation_table(shown_as: str, really: str, typography: frozenset[str]) -> dict[str, str]:
    """Each character ``shown_as`` shows for a byte 0x80-0xBF that ``really`` reads as
    typography -> that typography."""
    table: dict[str, str] = {}
    for byte in range(0x80, 0xC0):
        try:
            shown, real = bytes([byte]).decode(shown_as), bytes([byte]).decode(really)
        except UnicodeDecodeError:
            continue
        if real in typography:
            table[shown] = real
    return table


def _koi8_punctuation(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, typography, what) for each character of the lines whose characters
    above ASCII are all typography of windows-1251 read as KOI8-R (or of KOI8-R read as
    windows-1251), one of them at least a witness.  Linear: one pass per line and chain."""
    found: list[tuple[int, int, str, str]] = []
    for line_match in _LINE.finditer(text):
        line, offset = line_match.group(), line_match.start()
        if line.isascii() or _KOI8_PUNCTUATION_GATE.search(line) is None:
            continue
        high = [index for index, char in enumerate(line) if char > "\x7f"]
        for shown_as, really, typography, what in _KOI8_PUNCTUATION_CHAINS:
            table = _punctuation_table(shown_as, really, typography)
            if any(line[index] not in table for index in high):
                continue
            changed = [index for index in high if table[line[index]] != line[index]]
            if not any(_punctuation_witness(line, i, table[line[i]]) for i in changed):
                continue
            found += [(offset + i, offset + i + 1, table[line[i]], what) for i in changed]
            break
    return found


def _punctuation_witness(line: str, index: int, real: str) -> bool:
    """Whether the character at ``index`` sits where only ``real`` (typography) does:
    an apostrophe between letters (`company▓s`), an opening quote before a word at a
    word's start (`⌠kill`, `└Es`), a non-breaking space or `°` between a number and a
    word (`2,4═Prozent`, `34╟C`, `350љEuro`), a dash between words (`storm≈named`,
    `checks √ up`: not `7√2` nor `x ≈ y`, which may be maths), `€` or `№` starting a
    number (`┬45`, `ˆ45`; not `10ˆ6`)."""
    left = line[index - 1] if index else ""
    right = line[index + 1] if index + 1 < len(line) else ""
    if real == "’":
        return _ascii_letter(left) and _ascii_letter(right)
    if real in _OPENING:
        return (not left or left.isspace() or left in "([") and _ascii_alnum(right)
    if real in "\u00a0°":
        return left.isdigit() and left.isascii() and _ascii_letter(right)
    if real in "–—":
        if left == " " and right == " ":
            return _letters_before(line, index - 1) >= 2 and _letters_after(line, index + 2) >= 2
        return _letters_before(line, index) >= 2 and _letters_after(line, index + 1) >= 2
    if real in "€№":
        return right.isdigit() and right.isascii() and not left.isalnum()  # not `10ˆ6`
    return False


def _ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _letters_before(line: str, end: int) -> int:
    """How many ASCII letters (up to 2) end at ``end``."""
    count = 0
    while count < 2 and end - count > 0 and _ascii_letter(line[end - count - 1]):
        count += 1
    return count


def _letters_after(line: str, start: int) -> int:
    """How many ASCII letters (up to 2) start at ``start``."""
    count = 0
    while count < 2 and start + count < len(line) and _ascii_letter(line[start + count]):
        count += 1
    return count


def _koi8_letters(text: str) -> list[tuple[int, int, str, str]]:
    """``koi8_runs``'s stretches with Cyrillic letters in them."""
    from newslint.rules._mojibake import cost

    found: list[tuple[int, int, str, str]] = []
    for line_match in _LINE.finditer(text):
        line, offset = line_match.group(), line_match.start()
        if _KOI8_GATE.search(line) is None:
            continue
        for shown_as, really, what in _KOI8_CHAINS:
            taken = False
            for match in _segment(shown_as).finditer(line):
                segment = match.group()
                if _KOI8_GATE.search(segment) is None:
                    continue
                try:
                    decoded = segment.encode(shown_as).decode(really)
                except UnicodeError:
                    continue
                if (
                    plausible_cyrillic(_cyrillic_only(decoded))
                    and not plausible_cyrillic(_cyrillic_only(segment))
                    and 2 * cost(decoded, "Cyrillic") < cost(segment, "Cyrillic")
                ):
                    start = offset + match.start()
                    for i1, i2, j1, j2 in changed_regions(segment, decoded) or []:
                        found.append((start + i1, start + i2, decoded[j1:j2], what))
                    taken = True
            if taken:
                break
    return found


# --- GBK and Big5 read as windows-1252 (NL308) ------------------------------------------
# Chinese pages in GBK or Big5 read as windows-1252 show every character as two Latin-1
# ones (`±±¾©ÊÐ` for `北京市`); their Latin text keeps its ASCII but its quotes, dashes and
# accented letters become pairs too (`¡°kill¡±`, `7¨C2`, `caf¨¦`), and GBK's Cyrillic
# (`§¤§à§â§à§Õ`) as well.  Two characters of windows-1252 above ASCII side by side are in
# every such line.
_WINDOWS_1252_HIGH = "".join(
    sorted({bytes([b]).decode("windows-1252", "replace") for b in range(0x80, 0x100)} - {"\ufffd"})
    + [chr(b) for b in range(0x80, 0xA0)]
)
"""Every character windows-1252 shows above ASCII, and the C1 controls (its undefined
bytes as browsers show them; any byte 0x80-0x9F as latin-1 shows it)."""
_PAIRED = _WINDOWS_1252_HIGH.replace("\u00a0", "")
DOUBLE_BYTE_GATE = f"[{_PAIRED}][{_PAIRED}]|[¡¢][@-~]|¨C"
"""Two of them side by side (not the non-breaking space: 0xA0 is seldom part of a GBK or
Big5 character, and French `«\xa0` is everywhere), or Big5's punctuation rows 0xA1 and
0xA2 before an ASCII trail byte (`¡V` is `–`, `¢X` is `°`), or GBK's en dash (`¨C`):
NL308's trigger pattern."""
_DOUBLE_BYTE = compile_lazily(DOUBLE_BYTE_GATE)
_DOUBLE_BYTE_CODECS = (("gbk", "GBK"), ("big5", "Big5"))


@lru_cache(maxsize=512)
def double_byte_runs(text: str) -> tuple[tuple[int, int, str, str], ...]:
    """(start, end, decoded, codec name) for each stretch of GBK or Big5 text read as
    windows-1252: a line's stretch of characters windows-1252 shows is turned back into
    its bytes and decoded whole (its ASCII comes along), and kept when the decoding is
    strict, gives the bytes back, holds letters of one script (Latin aside) and makes the
    words much more plausible (``_mojibake.cost``), or turns pairs glued to words into
    quotes and dashes; of GBK's and Big5's readings the more plausible wins.  Bytes that
    are mostly well-formed UTF-8 are UTF-8 mojibake (NL301's, NL302's), whatever GBK
    makes of them (`×‘×”` is Hebrew, not `讘讛`)."""
    if text.isascii() or _DOUBLE_BYTE.search(text) is None:
        return ()
    from newslint.rules._mojibake import _codepage, _cut_short, cost, dominant_script

    table = _codepage("windows-1252").to_byte
    segment_re = _segment_1252()
    found: list[tuple[int, int, str, str]] = []
    for line_match in _LINE.finditer(text):
        line, offset = line_match.group(), line_match.start()
        if _DOUBLE_BYTE.search(line) is None:
            continue
        for match in segment_re.finditer(line):
            segment = match.group()
            if _DOUBLE_BYTE.search(segment) is None:
                continue
            raw = bytes(table[char] if char > "\x7f" else ord(char) for char in segment)
            high = bytes(byte for byte in raw if byte > 0x7F)
            utf8 = sum(len(m.group()) for m in _UTF8_OR_CESU.finditer(high))
            if line[match.end() : match.end() + 1] == "\ufffd":
                utf8 += _cut_short(high)  # a sequence cut short by a lost byte (`â€�`)
            if utf8 >= _UTF8_SHARE * len(high):
                continue  # well-formed UTF-8 (or CESU-8): UTF-8 mojibake, not GBK or Big5
            best: tuple[int, int, str, str, list[tuple[int, int, int, int]]] | None = None
            for codec, label in _DOUBLE_BYTE_CODECS:
                if codec == "big5" and _spanish_exclamation(segment):
                    continue
                try:
                    decoded = raw.decode(codec)
                except UnicodeDecodeError:
                    continue
                if decoded == segment or decoded.encode(codec) != raw:
                    continue
                if not _one_script(decoded, segment):
                    continue
                script = dominant_script(decoded)
                after = cost(decoded, script)
                regions = _decoded_regions(segment, raw, codec, len(decoded))
                if (
                    2 * after >= cost(segment, script)
                    and not _punctuation_only(segment, decoded, regions)
                    and not _big5_dashes(segment, regions)
                ):
                    continue
                # A tie goes to the reading with fewer spaces between CJK characters
                # (Big5's Cyrillic words are GBK's CJK soup with spaces in it).
                spaced = len(_SPACED_CJK.findall(decoded))
                if best is None or (after, spaced) < best[:2]:
                    best = (after, spaced, decoded, label, regions)
            if best is None:
                continue
            _, _, decoded, label, regions = best
            if (
                len(regions) == 1
                and regions[0][1] - regions[0][0] <= 2
                and not _glued(segment, regions[0][0], regions[0][1])
                and segment[regions[0][0] : regions[0][1]] not in _UNMISTAKABLE
                and not _big5_dashes(segment, regions)
            ):
                continue  # one pair alone, no word around it (`¨¹ apart`): chance
            start = offset + match.start()
            for i1, i2, j1, j2 in regions:
                found.append((start + i1, start + i2, decoded[j1:j2], label))
    return tuple(found)


@lru_cache(maxsize=512)
def settled_runs(
    text: str,
) -> tuple[tuple[tuple[int, int, str], ...], tuple[tuple[int, int, str, str], ...]]:
    """``cp1251_runs`` and ``double_byte_runs`` of ``text`` less their overlaps, so that
    NL307 and NL308 never both claim a character: a GBK or Big5 stretch whose characters
    above ASCII are nearly all (3 in 4) in windows-1251 runs is windows-1251 (`Ìîåé
    äåâî÷êå`), else the stretch is GBK or Big5 and the windows-1251 runs inside it are
    chance (`Á÷ÓòÎ` inside Chinese, which leaves `Öé½` and more undecoded)."""
    cp1251 = cp1251_runs(text)
    double = double_byte_runs(text) if cp1251 else ()
    if not double:
        return cp1251, double_byte_runs(text)
    starts = [start for start, _, _ in cp1251]
    kept: list[tuple[int, int, str, str]] = []
    beaten: list[tuple[int, int]] = []
    for run in double:
        start, end = run[0], run[1]
        covered = 0
        index = max(0, bisect.bisect_right(starts, start) - 1)
        while index < len(cp1251) and cp1251[index][0] < end:
            low, high = max(start, cp1251[index][0]), min(end, cp1251[index][1])
            if low < high:
                covered += _non_ascii(text, low, high)
            index += 1
        if 4 * covered >= 3 * _non_ascii(text, start, end):
            continue  # windows-1251 explains it: NL307's
        kept.append(run)
        if covered:
            beaten.append((start, end))
    if not beaten:
        return cp1251, tuple(kept)
    taken = Spans(beaten)
    return tuple(run for run in cp1251 if not taken.overlaps(run[0], run[1])), tuple(kept)


def _non_ascii(text: str, start: int, end: int) -> int:
    """How many characters of ``text[start:end]`` are above ASCII."""
    return sum(char > "\x7f" for char in text[start:end])


_UTF8_OR_CESU = re.compile(
    b"(?:[\\xc2-\\xdf][\\x80-\\xbf]|\\xe0[\\xa0-\\xbf][\\x80-\\xbf]"
    b"|[\\xe1-\\xef][\\x80-\\xbf]{2}|\\xf0[\\x90-\\xbf][\\x80-\\xbf]{2}"
    b"|[\\xf1-\\xf3][\\x80-\\xbf]{3}|\\xf4[\\x80-\\x8f][\\x80-\\xbf]{2})+"
)
"""Well-formed UTF-8 sequences, CESU-8's surrogate halves (0xED 0xA0-0xBF) included.
Real GBK and Big5 text has at most 60% of its bytes in such sequences by chance (the
benchmark's samples); UTF-8 mojibake has nearly all, less its lost bytes."""
_UTF8_SHARE = 0.8


def _decoded_regions(
    segment: str, raw: bytes, codec: str, size: int
) -> list[tuple[int, int, int, int]]:
    """(old_start, old_end, new_start, new_end) of each stretch that decoding ``raw`` (the
    bytes ``segment`` shows, one a character) with the double-byte ``codec`` changes, nearby
    ones merged: a walk over the bytes, a lead byte and its trail at a time (linear; the
    trail may be ASCII, which a diff of the texts would take quadratic time to pair)."""
    pairs: list[tuple[int, int, int, int]] = []
    i = j = 0
    while i < len(raw):
        byte = raw[i]
        width = 1 if byte < 0x81 or byte == 0xFF or i + 1 == len(raw) else 2
        char = raw[i : i + width].decode(codec) if byte > 0x7F else chr(byte)
        if char != segment[i : i + width]:
            if pairs and pairs[-1][1] == i:
                pairs[-1] = (pairs[-1][0], i + width, pairs[-1][2], j + len(char))
            else:
                pairs.append((i, i + width, j, j + len(char)))
        i, j = i + width, j + len(char)
    if j != size:  # (never: ``raw`` decodes strictly, one character per lead and trail)
        return []
    return _merged(segment, pairs)


def _punctuation_only(segment: str, decoded: str, regions: list[tuple[int, int, int, int]]) -> bool:
    """Whether every stretch the decoding changes becomes quotes, dashes or `°` and
    touches a letter or digit (Big5's `company¡¦s`, `¡§several`, `34¢XC`): pairs that are
    no text in any language, though each of their characters alone costs nothing."""
    return bool(regions) and all(
        decoded[j1:j2]
        and all(char in _TYPOGRAPHY for char in decoded[j1:j2])
        and _glued(segment, i1, i2)
        for i1, i2, j1, j2 in regions
    )


_TYPOGRAPHY = frozenset("“”‘’–—…°•«»„")
_UNMISTAKABLE = frozenset({"¨C"})
"""Pairs that are GBK even alone between spaces: its en dash (`checks ¨C up`), a spacing
diaeresis before a capital that no text writes.  (Big5's `¡V` is not: Spanish `¡V de
Vendetta!`; see ``_big5_dash``.)"""


_INVERTED_BEFORE_LETTER = compile_lazily("¡[A-Za-z]")
_INVERTED_WORD = compile_lazily("(?<![^\\W_])¡[A-Za-z](?=[A-Za-z])")


def _spanish_exclamation(segment: str) -> bool:
    """Whether ``segment`` has Spanish exclamations, not Big5's punctuation row 0xA1 with a
    letter as its trail byte (`¡V` is `–`): an `¡` before a letter that a `!` follows later
    (Chinese closes with the full-width `！`, Big5's `¡I`), or an `¡` starting a word
    (`¡Vamos`, `¡Eso`; in Big5 text a trail byte or ASCII comes before it)."""
    first = _INVERTED_BEFORE_LETTER.search(segment)
    if first is None:
        return False
    return segment.rfind("!") > first.start() or _INVERTED_WORD.search(segment) is not None


def _big5_dashes(segment: str, regions: list[tuple[int, int, int, int]]) -> bool:
    """Whether the decoding changes only Big5's en or em dashes between spaces (`checks ¡V
    up`) in a stretch with nothing else above ASCII, and no `!` follows: Spanish writes `¡V`
    too, opening an exclamation that a `!` closes (`¡V de Vendetta!`), and has accents."""
    if not regions or "!" in segment[regions[0][0] :]:
        return False
    if sum(char > "\x7f" for char in segment) != len(regions):
        return False  # (each dash has one character above ASCII: `¡`)
    return all(
        segment[i1:i2] in ("¡V", "¡X") and segment[i1 - 1 : i1] == " " == segment[i2 : i2 + 1]
        for i1, i2, _, _ in regions
    )


def _glued(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` touches a letter or digit."""
    return (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum())


@cache
def _segment_1252() -> re.Pattern[str]:
    return re.compile("[\\x00-\\x7f" + re.escape(_WINDOWS_1252_HIGH) + "]+")


def _one_script(decoded: str, segment: str) -> bool:
    """Whether the letters above ASCII of ``decoded`` are nearly all of one script, and
    CJK, if any, is Chinese text: two characters at least and no fewer than the ASCII
    letters around them (one CJK character from `×…` or `É¿` is chance)."""
    from newslint.rules._mojibake import _script

    counts: dict[str, int] = {}
    for char in decoded:
        if char > "\x7f" and char.isalpha():
            counts[_script(char)] = counts.get(_script(char), 0) + 1
    total = sum(counts.values())
    if total and 10 * max(counts.values()) < 9 * total:
        return False
    cjk = counts.get("CJK", 0)
    if not cjk:
        return True
    ascii_letters = sum(char.isascii() and char.isalpha() for char in segment)
    spaced = len(_SPACED_CJK.findall(decoded))  # Chinese puts no spaces between words
    return cjk >= 2 and 2 * cjk >= total and cjk >= ascii_letters and 8 * spaced <= cjk


_SPACED_CJK = compile_lazily("[\u3400-\u9fff] (?=[\u3400-\u9fff])")


# --- the ftfy analysis (NL301, NL302) ------------------------------------------


@dataclass(frozen=True, slots=True)
class Analysis:
    repairs: tuple[tuple[int, int, str], ...]
    """(start, end, replacement) of each cleanly repairable stretch of mojibake."""
    lost: tuple[tuple[int, int], ...]
    """(start, end) of mojibake that cannot be repaired."""

    def spans(self) -> Spans:
        """Every stretch this analysis reports."""
        return Spans([(s, e) for s, e, _ in self.repairs] + list(self.lost))


_NOTHING = Analysis((), ())


def _clean_repair(text: str) -> str | None:
    """ftfy's encoding-only repair of ``text``, or None when it is not a clean repair.

    A repair is clean when the result is no longer bad and gained no U+FFFD.
    """
    import ftfy

    fixed = ftfy.fix_and_explain(text, _encoding_only()).text
    if fixed == text or is_bad(fixed) or fixed.count("\ufffd") > text.count("\ufffd"):
        return None
    return fixed


def changed_regions(old: str, new: str) -> list[tuple[int, int, int, int]] | None:
    """(old_start, old_end, new_start, new_end) of each changed region, nearby ones merged.

    Encoding repairs rewrite non-ASCII stretches and keep the ASCII text, so the
    stretches are paired by walking both texts' ASCII in step (linear).  When a
    repair changed the ASCII text too, short texts are diffed; None for long ones.
    """
    if _NON_ASCII.sub("", old) != _NON_ASCII.sub("", new):
        return _diffed_regions(old, new) if len(old) <= _MAX_DIFF else None
    pairs: list[tuple[int, int, int, int]] = []
    i = j = 0
    while i < len(old) or j < len(new):
        next_old = _NON_ASCII.search(old, i)
        next_new = _NON_ASCII.search(new, j)
        gap = min(
            (next_old.start() if next_old else len(old)) - i,
            (next_new.start() if next_new else len(new)) - j,
        )
        i, j = i + gap, j + gap
        run_old = _NON_ASCII.match(old, i)
        run_new = _NON_ASCII.match(new, j)
        i2 = run_old.end() if run_old else i
        j2 = run_new.end() if run_new else j
        if i2 == i and j2 == j:
            break
        if old[i:i2] != new[j:j2]:
            pairs.append((i, i2, j, j2))
        i, j = i2, j2
    return _merged(old, pairs)


def _merged(old: str, pairs: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    regions: list[tuple[int, int, int, int]] = []
    for i1, i2, j1, j2 in pairs:
        if regions:
            p1, p2, q1, _ = regions[-1]
            if i1 - p2 < _MERGE_GAP and "\n" not in old[p2:i1]:
                regions[-1] = (p1, i2, q1, j2)
                continue
        regions.append((i1, i2, j1, j2))
    return regions


_MAX_DIFF = 300
"""The longest stretch split by a character diff (difflib: its time grows with the cube of the
length on repetitive text, `ÃƒÂ` repeated: 0.1 s at 300 characters, 90 s at 3,000); a longer
one is replaced whole, which is exact too."""
_NON_ASCII = compile_lazily(r"[^\x00-\x7f]+")


def _diffed_regions(old: str, new: str) -> list[tuple[int, int, int, int]]:
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    from difflib import SequenceMatcher  # here: only a repair that changed the text needs it

    matcher = SequenceMatcher(
        None, old[prefix : len(old) - suffix], new[prefix : len(new) - suffix], autojunk=False
    )
    pairs = [
        (i1 + prefix, i2 + prefix, j1 + prefix, j2 + prefix)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]
    return _merged(old, pairs)


def exact_edits(old: str, new: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) edits that turn ``old`` into ``new``, each one an exact
    decoding (``_mojibake.is_exact_repair``): the whole stretch when it is one, else the
    stretches between the characters the two share (a real soft hyphen inside a run of
    mojibake), when each of those is; else the whole stretch after all."""
    from newslint.rules._mojibake import is_exact_repair

    if len(old) > _MAX_DIFF or is_exact_repair(old, new):
        return [(0, len(old), new)]
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(None, old, new, autojunk=False)
    edits = [
        (i1, i2, new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    ]
    if all(is_exact_repair(old[i1:i2], content) for i1, i2, content in edits):
        return edits
    return [(0, len(old), new)]


def bad_regions(text: str) -> list[tuple[int, int]]:
    """Spans around ftfy's badness matches: the whole run of non-ASCII text they sit in."""
    runs = [match.span() for match in _NON_ASCII_RUN.finditer(text)]
    starts = [start for start, _ in runs]
    regions: list[tuple[int, int]] = []
    for match in _badness_re().finditer(text):
        index = bisect.bisect_right(starts, match.start()) - 1
        region = runs[index] if index >= 0 and runs[index][1] >= match.end() else match.span()
        if regions and region[0] < regions[-1][1]:
            regions[-1] = (regions[-1][0], max(region[1], regions[-1][1]))
        elif not regions or region != regions[-1]:
            regions.append(region)
    return regions


def _masked(text: str) -> str:
    """``text`` with the damage other NL3xx rules own replaced by 'x' (same length)."""
    chars = list(text)
    for match in C1.finditer(text):
        if lone_c1(text, match.start()):
            chars[match.start()] = "x"
    for match in GBK_LETTER.finditer(text):
        chars[match.start() : match.end()] = "xx"
    for start, end, _ in cp1251_runs(text):
        chars[start:end] = "x" * (end - start)
    return "".join(chars)


def _is_c1_only(text: str) -> bool:
    return all("\x80" <= ch <= "\x9f" for ch in text)


@lru_cache(maxsize=512)
def analyse(text: str) -> Analysis:
    """What each line of ``text`` decodes to (cached: NL301, NL302, NL303 share it).

    ``_mojibake.repair_line`` decodes each line's runs of UTF-8 mojibake (whole runs,
    seven code pages, text encoded twice or three times); where a line is still bad
    after it (ftfy's ``is_bad``), ftfy's own repair of the line is taken if it is clean
    (`voilÃ  le`, CESU-8 emoji, ...); stretches still bad then are reported as lost when
    they look like UTF-8 with holes in it (``_mojibake.lost_bytes``).

    There is no budget: every step is linear in the line's length (ftfy's repair is
    tried once per bad line, on the line as it is).
    """
    if text.isascii() or (_TWO_NON_ASCII.search(text) is None and not _has_solo(text)):
        return _NOTHING
    from newslint.rules._mojibake import lost_bytes, repair_line

    masked: str | None = None
    repairs: list[tuple[int, int, str]] = []
    lost: list[tuple[int, int]] = []
    for line_match in _LINE.finditer(text):
        line, offset = line_match.group(), line_match.start()
        if line.isascii():
            continue
        fixed = repair_line(line) if _TWO_NON_ASCII.search(line) else line
        bad: bool | None = is_bad(fixed)
        if bad:
            if masked is None:
                masked = _masked(text)
            masked_line = masked[offset : offset + len(line)]
            # ftfy's repair of the whole line (it reads `Ã s` as `às` only there) ...
            whole = _clean_repair(masked_line)
            if whole is not None:  # (ftfy never saw the masked characters: put them back)
                whole = _plausible_only(line, _unmask(line, masked_line, whole))
            if whole is not None and not is_bad(whole):
                fixed, bad = whole, False
            elif fixed != line:  # ... or of what is left after ours
                rest = _clean_repair(fixed)
                if rest is not None:
                    fixed, bad = _plausible_only(fixed, rest), None
        regions = (changed_regions(line, fixed) or []) if fixed != line else []
        if regions:
            kept = _unless_cp1251(text, offset, line, regions)
            if len(kept) != len(regions):
                fixed, bad = _applied(line, fixed, kept), None
                regions = (changed_regions(line, fixed) or []) if fixed != line else []
        for i1, i2, j1, j2 in regions:
            repairs.append((offset + i1, offset + i2, fixed[j1:j2]))
        if bad is None:
            bad = is_bad(fixed)
        if not bad:
            continue
        # What is still bad after the repairs, in the line's own offsets.
        if masked is None:
            masked = _masked(text)
        masked_fixed = _masked(fixed) if fixed != line else masked[offset : offset + len(line)]
        others = None
        for start, end in bad_regions(masked_fixed):
            if lost_bytes(fixed, start, end):
                if others is None:  # other code pages' mojibake: NL307's, NL308's
                    others = Spans(
                        [(s - offset, e - offset) for s, e, *_ in double_byte_runs(text)]
                        + [(s - offset, e - offset) for s, e, *_ in koi8_runs(text)]
                    )
                if fixed == line and others.overlaps(start, end):
                    continue
                old_start, old_end = _to_old(regions, start, end)
                lost.append((offset + old_start, offset + old_end))
    # Drop repairs of C1 controls alone (NL303 maps those with its own context test).
    repairs = [(s, e, r) for s, e, r in repairs if not _is_c1_only(text[s:e])]
    return Analysis(tuple(repairs), tuple(lost))


_TWO_NON_ASCII = compile_lazily("[^\\x00-\\x7f][^\\x00-\\x7f]")


_SOLO_CHARACTER = compile_lazily("[\\x80-\\x9f\\xc2\\xc3\\u0152\\u0153]")


def _has_solo(text: str) -> bool:
    """Whether ``text`` holds one of ``SOLO_CHARACTERS`` (one regex scan)."""
    return _SOLO_CHARACTER.search(text) is not None


def _unless_cp1251(
    text: str, offset: int, line: str, regions: list[tuple[int, int, int, int]]
) -> list[tuple[int, int, int, int]]:
    """``regions`` less those inside windows-1251 runs (NL307's) when those runs explain
    more of the line than the UTF-8 repairs do (`«Ýòî ðåøåíèå` is `«Это решение`, though
    cp850 decodes `Ýòî` as UTF-8 by chance)."""
    end = offset + len(line)
    runs = []
    all_runs = cp1251_runs(text)  # cached per text; found here by bisection: linear overall
    first = bisect.bisect_left(all_runs, (offset, -1, ""))
    for start, stop, _ in all_runs[first:]:
        if start >= end:
            break
        runs.append((start - offset, stop - offset))
    if not runs:
        return regions
    cp1251 = sum(e - s for s, e in runs)
    utf8 = sum(i2 - i1 for i1, i2, _, _ in regions)
    if cp1251 <= utf8:
        return regions
    taken = Spans(runs)
    return [region for region in regions if not taken.overlaps(region[0], region[1])]


def _applied(line: str, fixed: str, regions: list[tuple[int, int, int, int]]) -> str:
    """``line`` with only these regions of ``fixed`` applied."""
    out: list[str] = []
    last = 0
    for i1, i2, j1, j2 in regions:
        out.append(line[last:i1])
        out.append(fixed[j1:j2])
        last = i2
    out.append(line[last:])
    return "".join(out)


def _plausible_only(line: str, fixed: str) -> str:
    """``fixed`` (ftfy's repair of ``line``) with only the changes that make their word
    more plausible (``_mojibake.improves``)."""
    from newslint.rules._mojibake import dominant_script, improves

    regions = changed_regions(line, fixed)
    if not regions:
        return line
    script = dominant_script(fixed)
    out: list[str] = []
    last = 0
    for i1, i2, j1, j2 in regions:
        out.append(line[last:i1])
        better = improves(line, i1, i2, fixed[j1:j2], script)
        out.append(fixed[j1:j2] if better else line[i1:i2])
        last = i2
    out.append(line[last:])
    return "".join(out)


def _to_old(regions: list[tuple[int, int, int, int]], start: int, end: int) -> tuple[int, int]:
    """``start`` and ``end`` in a repaired line as offsets in the line before the repairs
    (a position inside a repaired stretch widens to the whole stretch)."""

    starts = [j1 for _, _, j1, _ in regions]

    def old(position: int, widen_to_end: bool) -> int:
        index = bisect.bisect_right(starts, position) - 1  # the last region not after it
        if index < 0:
            return position
        i1, i2, _, j2 = regions[index]
        if position < j2:
            return i2 if widen_to_end else i1
        return position + i2 - j2

    return old(start, False), max(old(start, False), old(end, True))


def _unmask(line: str, masked_line: str, fixed: str) -> str:
    """ftfy's repair of a masked line with the masked characters put back (the line
    itself when the repair touched them: it never should, they are 'x')."""
    if masked_line == line:
        return fixed
    regions = changed_regions(masked_line, fixed)
    if regions is None:
        return line
    out: list[str] = []
    last = 0
    for i1, i2, j1, j2 in regions:
        if masked_line[i1:i2] != line[i1:i2]:
            return line
        out.append(line[last:i1])
        out.append(fixed[j1:j2])
        last = i2
    out.append(line[last:])
    return "".join(out)


def shown(text: str, limit: int = 60) -> str:
    """Text quoted in a message: newlines made visible, long text truncated."""
    flat = text.replace("\n", "\u23ce").replace("\r", "")
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


class Spans:
    """Sorted, merged spans with a logarithmic overlap test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        self._starts = [start for start, _ in merged]
        self._spans = merged

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a span (an empty range: lies inside one)."""
        index = bisect.bisect_right(self._starts, max(start, end - 1)) - 1
        if index < 0:
            return False
        s, e = self._spans[index]
        return s < end and start < e if end > start else s <= start < e

    def contains(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside one span."""
        index = bisect.bisect_right(self._starts, start) - 1
        return index >= 0 and self._spans[index][1] >= end
