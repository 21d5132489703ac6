"""The encoding family NL302-NL308: what each rule must flag, what it must not, and its fixes."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.diagnostics import Applicability, Diagnostic, Edit
from newslint.readers.json_reader import JSON_READER
from newslint.rule import Rule
from newslint.rules._encoding import changed_regions, cp1251_runs, plausible_cyrillic
from newslint.rules.nl302_mojibake_lost_bytes import MojibakeLostBytes
from newslint.rules.nl303_control_characters import ControlCharacters
from newslint.rules.nl304_html_entities import HtmlEntities
from newslint.rules.nl305_lost_apostrophe import LostApostrophe
from newslint.rules.nl306_invisible_characters import InvisibleCharacters
from newslint.rules.nl307_cp1251_mojibake import Cp1251Mojibake
from newslint.rules.nl308_gbk_mojibake import GbkMojibake
from tests.rulekit import (
    NL301,
    URL,
    apply_field_edits,
    changes_within_reported_spans,
    fix,
    lint,
    mojibake,
    spans,
)

NL302, NL303, NL304 = MojibakeLostBytes(), ControlCharacters(), HtmlEntities()
NL305, NL306, NL307, NL308 = (
    LostApostrophe(),
    InvisibleCharacters(),
    Cp1251Mojibake(),
    GbkMojibake(),
)
ENCODING: tuple[Rule, ...] = (NL301, NL302, NL303, NL304, NL305, NL306, NL307, NL308)


def fixed(found: list[Diagnostic], text: str) -> str:
    edits = tuple(edit for d in found if d.fix for edit in d.fix.edits)
    return apply_field_edits(text, edits)


def applicabilities(found: list[Diagnostic]) -> set[Applicability]:
    return {d.fix.applicability for d in found if d.fix}


# --- NL302 mojibake-lost-bytes ---------------------------------------------------


@pytest.mark.parametrize(
    ("body", "span"),
    [
        ("Ð Ð¾Ñ Ñ Ð¸Ñ", (0, 11)),
        ("Itâ€\ufffds over", (2, 5)),
        ("Header line.\nÐ Ð¾Ñ Ñ Ð¸Ñ is here", (13, 24)),
    ],
)
def test_nl302_reports_mojibake_that_lost_bytes_without_fix(
    body: str, span: tuple[int, int]
) -> None:
    [found] = lint(NL302, body=body)
    assert (found.code, found.field, found.start, found.end) == ("NL302", "body", *span)
    assert found.fix is None
    assert "cannot be repaired" in found.message
    assert lint(NL301, body=body) == []


def test_nl302_and_nl301_split_a_line() -> None:
    body = "Itâ€™s fine. Ð Ð¾Ñ Ñ Ð¸Ñ"
    assert spans(lint(NL302, body=body)) == [("NL302", "body", 13, 24)]
    assert spans(lint(NL301, body=body)) == [("NL301", "body", 2, 5)]


@pytest.mark.parametrize(
    "text",
    [
        "Событие в Москве",
        mojibake("Событие в Москве"),  # repairable: NL301's
        "caf\ufffd au lait",  # a lone replacement character is not mojibake
        "Apple\x92s",  # a lone C1 control: NL303's
        "f¨¹r",  # GBK: NL308's
        "Ðîññèÿ",  # windows-1251: NL307's
        "NÃO VAI À REUNIÃO",
    ],
)
def test_nl302_ignores_other_damage_and_clean_text(text: str) -> None:
    assert lint(NL302, title=text, body=text) == []


# --- NL303 control-characters ---------------------------------------------------


def test_nl303_maps_unambiguous_c1_and_deletes_the_rest() -> None:
    body = "Apple\x92s \x93best\x94 year \x96 by far\x00, 5\x9610, \x8010 and a\x81b\x1b[31m."
    found = lint(NL303, body=body)
    assert [body[d.start : d.end] for d in found] == [
        "\x92",
        "\x93",
        "\x94",
        "\x96",
        "\x00",
        "\x96",
        "\x80",
        "\x81",
        "\x1b[31m",
    ]
    assert applicabilities(found) == {Applicability.SAFE}
    # `\x81` between letters stands for no windows-1252 character: a letter of another
    # code page (Mac Roman's `Å`), reported but never deleted (the letter would be lost).
    assert [d.fix is None for d in found] == [False] * 7 + [True, False]
    assert fixed(found, body) == "Apple’s “best” year – by far, 5–10, €10 and a\x81b."


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("\ufeffLead paragraph", "Lead paragraph"),
        ("One\ufefftwo", "Onetwo"),
        ("Page\x0cbreak", "Page break"),
        ("Ko\x9aice", "Košice"),
        ("word \x92 word", "word  word"),
        ("a\x9d b", "a b"),
    ],
)
def test_nl303_fixes(body: str, expected: str) -> None:
    found = lint(NL303, body=body)
    assert found
    assert fixed(found, body) == expected


def test_nl303_reports_utf16_read_as_utf8_once_and_keeps_every_letter() -> None:
    text = "Der Bürgermeister sagte: «Wir öffnen.»\nЗдесь тоже."
    body = "Intro. " + "".join(char + "\x00" for char in text) + " Outro."
    found = lint(NL303, body=body)
    assert len(found) == 1
    assert "UTF-16 text read as UTF-8" in found[0].message
    assert found[0].message.startswith(f"{len(text):,} control characters (U+0000)")
    assert body[found[0].start : found[0].end].startswith("\x00e\x00r")
    assert fixed(found, body) == "Intro. " + text + " Outro."
    assert lint(NL303, body=fixed(found, body)) == []


def test_nl303_groups_only_controls_close_together() -> None:
    body = "a\x00\x00\x01b, then a word, c\x07d and e\x1b[1mf"
    found = lint(NL303, body=body)
    assert [(body[d.start : d.end], d.message) for d in found] == [
        ("\x00\x00\x01", "3 control characters (U+0000, U+0001) in a run"),
        ("\x07", "C0 control character U+0007"),
        ("\x1b[1m", "terminal escape sequence '[1m'"),
    ]
    assert fixed(found, body) == "ab, then a word, cd and ef"


def test_nl303_leaves_c1_inside_mojibake_to_nl301() -> None:
    body = "The â€œquoteâ€\x9d here"
    assert lint(NL303, body=body) == []
    assert fixed(lint(NL301, body=body), body) == "The “quote” here"


@pytest.mark.parametrize(
    "text",
    ["Tabs\tand\nnewlines\r\nare fine.", "Zero-width joiner 👨\u200d👩\u200d👧", "Plain ASCII."],
)
def test_nl303_ignores_whitespace_controls(text: str) -> None:
    assert lint(NL303, title=text, body=text) == []


# --- NL304 html-entities -------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Johnson &amp; Johnson", "Johnson & Johnson"),
        ("the communiqu&#233; said", "the communiqué said"),
        ("it&#x27;s &quot;done&quot;", 'it\'s "done"'),
        ("ten&nbsp;km", "ten\xa0km"),
        ("Tom &amp;amp; Jerry", "Tom & Jerry"),
        ("&amp;quot;Hi&amp;quot;", '"Hi"'),
        ("it#39;s here", "it's here"),
        ("It #39;s here", "It's here"),
        ("He said quot;no", 'He said "no'),
        ("a &lt; b", "a < b"),
        ("em&#8212;dash", "em—dash"),
    ],
)
def test_nl304_decodes_references(body: str, expected: str) -> None:
    found = lint(NL304, body=body)
    assert found
    assert applicabilities(found) == {Applicability.SAFE}
    assert fixed(found, body) == expected


def test_nl304_span_is_the_reference() -> None:
    body = "R&D and the communiqu&#233; of AT&T"
    [found] = lint(NL304, body=body)
    assert (found.start, found.end) == (21, 27)
    assert found.fix is not None and found.fix.edits == (Edit("body", 21, 27, "é"),)


@pytest.mark.parametrize(
    "text",
    [
        "AT&T, R&D, Q&A, M&S and S&P 500; rock & roll",
        "#hashtag, item #39 and #1; an aliquot; a quotation",
        "&foo; is not an entity, nor &copy without a semicolon, nor &T;",
        "An escaped tag &lt;b&gt;bold&lt;/b&gt; is NL102's.",
        "Doubly escaped &amp;lt;span class=&amp;quot;x&amp;quot;&amp;gt; too.",
        'A raw <a href="/x?a=1&amp;b=2">link</a> keeps its attribute.',
        "A [link](https://example.com/?a=1&amp;b=2) target and https://x.com/?a=1&amp;b=2",
        "Numbers #3; #39; on their own.",
    ],
)
def test_nl304_ignores_look_alikes(text: str) -> None:
    assert lint(NL304, title=text, body=text) == []


# --- NL305 lost-apostrophe ---------------------------------------------------------


def test_nl305_fixes_inverted_question_mark_between_letters() -> None:
    body = "Blair¿s government didn¿t agree."
    found = lint(NL305, body=body)
    assert spans(found) == [("NL305", "body", 5, 6), ("NL305", "body", 23, 24)]
    assert applicabilities(found) == {Applicability.SAFE}
    assert fixed(found, body) == "Blair’s government didn’t agree."


@pytest.mark.parametrize(
    "text",
    [
        "¿Qué pasó? Dijo: ¿Por qué no?",
        "Él preguntó ¿dónde?",
        "Óêðà¿íà",  # windows-1251 Ukrainian (NL307's), not an apostrophe
        "Blairï¿½s",  # UTF-8 mojibake of U+FFFD
    ],
)
def test_nl305_ignores_spanish_and_other_damage(text: str) -> None:
    assert lint(NL305, title=text, body=text) == []


# --- NL306 invisible-characters ---------------------------------------------------


def test_nl306_reports_each_word_once() -> None:
    body = "Der Not\u00adfall\u00adplan und die Ver\u200bhandlungen."
    found = lint(NL306, body=body)
    assert spans(found) == [("NL306", "body", 4, 17), ("NL306", "body", 26, 40)]
    assert [d.fix.applicability for d in found if d.fix] == [
        Applicability.UNSAFE,
        Applicability.SAFE,
    ]
    assert fixed(found, body) == "Der Notfallplan und die Verhandlungen."


@pytest.mark.parametrize(
    "text",
    [
        "ภาษาไทย\u200bไม่มี\u200bการเว้นวรรค",
        "ພາສາລາວ\u200bແມ່ນ",
        "ភាសាខ្មែរ\u200bគឺជា",
        "မြန်မာ\u200bဘာသာ",
        "می\u200cخواهم",
        "श्री\u200d राम",
        "A soft hyphen at a word end\u00ad and a space\u200b after.",
    ],
)
def test_nl306_keeps_joiners_and_south_east_asian_word_breaks(text: str) -> None:
    assert lint(NL306, title=text, body=text) == []


# --- NL307 cp1251-mojibake ---------------------------------------------------------


@pytest.mark.parametrize(
    ("clean", "field"),
    [
        ("Россия", "title"),
        ("СЕКРЕТ", "title"),
        ("Президент России заявил, что переговоры продолжатся.", "body"),
        ("Україна і Київ", "caption"),
    ],
)
def test_nl307_redecodes_windows_1251(clean: str, field: str) -> None:
    damaged = clean.encode("windows-1251").decode("windows-1252")
    fields: dict[str, str] = {field: damaged}
    fields.setdefault("body", "Body.")
    [found] = lint(NL307, **fields)
    assert found.field == field
    assert found.fix is not None and found.fix.applicability is Applicability.SAFE
    assert fixed([found], damaged) == clean


def test_nl307_latin_1_reading_and_span() -> None:
    body = "Source: Ìîñêâà, 2019"
    [found] = lint(NL307, body=body)
    assert (found.start, found.end) == (8, 14)
    assert fixed([found], body) == "Source: Москва, 2019"


@pytest.mark.parametrize(
    "text",
    [
        "Þórður og Ægir; þú ert góður, þá er það; æð",
        "à, é, où, ô, ça, déjà, été, à bientôt",
        "Ação, coração, não, São João, à, às, é",
        "Grüße, Öl, Übermut, Äpfel",
        "Tiếng Việt: Hà Nội",
        "ÀÉÎÕÜ ÆØÅ æøå ÿ",
        "Ðð Þþ Ææ",
        "2 × 3 ÷ 4",
    ],
)
def test_nl307_never_fires_on_latin_text_with_accents(text: str) -> None:
    assert lint(NL307, title=text, body=text) == []


def test_nl307_plausibility_is_a_real_test() -> None:
    # Every one of these decodes as windows-1251; only the first reads as words.
    assert plausible_cyrillic("Президент России")
    assert not plausible_cyrillic("ЪЫЬЭЮ")
    assert not plausible_cyrillic("юбжш")
    assert not plausible_cyrillic("щшщжцхъ ффхц")
    assert cp1251_runs("ÚÛÜÝÞ ßþ") == ()


# --- NL308 gbk-mojibake --------------------------------------------------------------


def test_nl308_decodes_gbk_letters_as_safe() -> None:
    body = "Gr¨¹\u00dfe f¨¹r Andr¨¦"
    found = lint(NL308, body=body)
    assert spans(found) == [
        ("NL308", "body", 2, 4),
        ("NL308", "body", 8, 10),
        ("NL308", "body", 16, 18),
    ]
    assert applicabilities(found) == {Applicability.SAFE}  # exact: GBK encodes them back
    assert fixed(found, body) == "Grüße für André"
    assert lint(NL302, body=body) == []


@pytest.mark.parametrize("text", ["the diaeresis ¨ alone", "¨¹ apart", "a ¨ ¹ b", "x¨y"])
def test_nl308_ignores_other_diaereses(text: str) -> None:
    assert lint(NL308, title=text, body=text) == []


# --- the family together ------------------------------------------------------------


def _document(**fields: str) -> str:
    return json.dumps({"title": "A title", "url": URL, **fields}, ensure_ascii=False) + "\n"


def test_family_fixes_through_the_fixer_are_idempotent_and_stay_in_spans() -> None:
    body = (
        "Itâ€™s Apple\x92s \x93best\x94 year; Johnson &amp; Johnson&#39;s "
        "communiqu&#233;. Blair¿s Ver\u200bhandlungen in Ìîñêâà."
    )
    text = _document(body=body)
    result = fix("a.json", JSON_READER, text, rules=ENCODING)
    assert json.loads(result)["body"] == (
        "It’s Apple’s “best” year; Johnson & Johnson's communiqué. Blair’s Verhandlungen in Москва."
    )
    changes_within_reported_spans("a.json", JSON_READER, text, result, rules=ENCODING)


def test_family_unsafe_fixes() -> None:
    body = "Der Not\u00adfall f¨¹r Andr¨¦."
    text = _document(body=body)
    safe = json.loads(fix("a.json", JSON_READER, text, rules=ENCODING))["body"]
    assert safe == "Der Not\u00adfall für André."  # NL308's exact decodings are safe
    result = fix("a.json", JSON_READER, text, unsafe=True, rules=ENCODING)
    assert json.loads(result)["body"] == "Der Notfall für André."


def test_changed_regions_pairs_stretches_by_their_ascii_context() -> None:
    assert changed_regions("a Ã© b â€™ c", "a é b ’ c") == [(2, 4, 2, 3), (7, 10, 6, 7)]


def _calls(body: str) -> int:
    """Function calls (Python and C: regex scans, str methods) while the family lints
    ``body``: a count of steps that does not depend on the machine's load."""
    import sys

    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        count += 1

    sys.setprofile(profile)
    try:
        for rule in ENCODING:
            lint(rule, body=body)
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize(
    "unit",
    [
        "&amp;",
        "&lt;a ",
        "<a ",
        "](",
        "#39;",
        "a\x92",
        "\x1b[",
        "a\u00ad",
        "Ðî ",
        "a¨¹",
        "a¿",
        "Ð ",
        "â€\x9d x \x93",
        "company▓s 7√2 ",
        "√ ≈ ■ ",
        "¨C ",
        "a\x87b\x85\x94",
    ],
)
def test_family_is_linear_on_adversarial_input(unit: str) -> None:
    """Four times the input costs at most about four times the steps (counted, not timed).
    (Both sizes stay under the few thousand characters below which some paths diff the
    texts, so that a quadratic path shows.)"""
    small, large = _calls(unit * 200), _calls(unit * 800)
    assert large <= 4.5 * small + 2000, (small, large)


# NL310 lone-surrogate --------------------------------------------------------------------


def test_nl310_reports_lone_surrogates_and_offers_an_unsafe_deletion() -> None:
    from newslint.rules.nl310_lone_surrogate import LoneSurrogate

    rule = LoneSurrogate()
    [found] = lint(rule, body="Great game \ud83d tonight")
    assert (found.field, found.start, found.end) == ("body", 11, 12)
    assert "\\ud83d" in found.message
    assert found.fix is not None and found.fix.applicability.value == "unsafe"
    assert lint(rule, body="Great game 😀 tonight, café, Событие, 東京") == []


# NL303's runs in one regex match are what grouping each control gives ------------------------


def _nl303_one_by_one(text: str) -> list[tuple[int, int, str, str]]:
    """NL303's findings on a field, as its first version of runs found them: control by control."""
    import re
    from itertools import pairwise

    from newslint.rules import nl303_control_characters as module

    one = re.compile(
        r"\x1b\[[0-9;?]{0,40}[A-Za-z]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|[\x80-\x9f]|\ufeff"
    )
    found: list[tuple[int, int, str, str]] = []
    run: list[int] = []

    def flush() -> None:
        if len(run) == 1:
            found.append((run[0], run[0] + 1, module._describe(text[run[0]]), ""))
        elif run:
            codes = sorted({text[i] for i in run})
            shown = ", ".join(f"U+{ord(c):04X}" for c in codes[:3])
            shown += ", ..." if len(codes) > 3 else ""
            message = f"{len(run):,} control characters ({shown}) in a run"
            if codes == ["\x00"] and all(b - a == 2 for a, b in pairwise(run)):
                message += ", one after every character: UTF-16 text read as UTF-8?"
            kept = module._CONTROL_C0.sub("", text[run[0] : run[-1] + 1])
            found.append((run[0], run[-1] + 1, message, kept))
        run.clear()

    analysis = None
    for match in one.finditer(text):
        start, end = match.span()
        char = match.group()
        replacement = ""
        if "\x80" <= char <= "\x9f":
            if not (module.lone_c1(text, start) or module.no_sequence_reaches(text, start)):
                continue
            if analysis is None:
                analysis = module.analyse(text).spans()
            if analysis.overlaps(start, end):
                continue
            replacement = module._c1_meaning(text, start) or ""
            if not replacement and module._between_letters(text, start):
                flush()  # reported, never deleted: a letter of another code page?
                message = (
                    f"{module._describe(char)} between letters: a letter of another code page?"
                )
                found.append((start, end, message, ""))
                continue
        elif char in "\x0b\x0c" and module._between_words(text, start, end):
            replacement = " "
        elif end - start == 1 and char != "\ufeff":
            if run and start - run[-1] > 2:
                flush()
            run.append(start)
            continue
        flush()
        found.append((start, end, module._describe(char), replacement))
    flush()
    return found


_CONTROL_PARTS = ["\x00", "\x01", "\x1a", "\x1f", "\x7f", "\x0b", "\x0c", "\x1b", "\x1b[31m"]
_OTHER_PARTS = ["a", "B", " ", "\n", "é", "\x92", "\x93", "Ã©", "\ufeff", "\t", "ab"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_CONTROL_PARTS + _OTHER_PARTS), max_size=40))
def test_nl303_runs_match_the_control_by_control_grouping(parts: list[str]) -> None:
    text = "".join(parts)
    found = lint(NL303, body=text)
    got = []
    for d in found:
        content = d.fix.edits[0].content if d.fix else ""
        message = d.message.split(" (windows-1252")[0]
        got.append((d.start, d.end, message, content))
    assert got == _nl303_one_by_one(text)


def test_nl303_takes_a_utf16_field_in_one_match() -> None:
    from newslint.rules.nl303_control_characters import _CONTROL

    text = "".join(char + "\x00" for char in "Ein langer Text, Zeile für Zeile.\n" * 200)
    assert len(list(_CONTROL.finditer(text))) == 1
    [finding] = lint(NL303, body=text)
    assert finding.message.startswith(f"{text.count(chr(0)):,} control characters (U+0000)")


@pytest.mark.parametrize(
    "text",
    ["Tiáº¿ng Việt", "kế hoạch".encode().decode("cp1252"), "quyết".encode().decode("cp1252")],
)
def test_nl305_leaves_the_last_byte_of_utf8_mojibake_alone(text: str) -> None:
    """`¿` is byte 0xBF, the last byte of `ế` (E1 BA BF) read as windows-1252: writing `’`
    there would break the repair of the word (`TiẒng`)."""
    assert "¿" in text
    assert [d for d in lint(LostApostrophe(), body=text) if d.code == "NL305"] == []
    assert len(lint(LostApostrophe(), body="Blair¿s government didn¿t agree.")) == 2


def _read_as(text: str, codepage: str) -> str:
    """UTF-8 read through ``codepage``, undefined bytes as C1 controls (as browsers do)."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode(codepage))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


@pytest.mark.parametrize(
    ("clean", "codepage", "rule"),
    [
        ("Łódzki", "cp1250", ControlCharacters()),  # Ł is C5 81: 0x81 is undefined in cp1250
        ("Ильи", "cp1251", ControlCharacters()),  # И is D0 98: 0x98 is undefined in cp1251
        ("todavía", "cp1252", InvisibleCharacters()),  # í is C3 AD: AD is the soft hyphen
        ("Agustín", "cp1252", InvisibleCharacters()),
    ],
)
def test_bytes_of_utf8_mojibake_are_left_for_its_repair(
    clean: str, codepage: str, rule: Rule
) -> None:
    """Deleting a C1 control or a soft hyphen that is a byte of a UTF-8 character read
    through a code page makes the mojibake unrepairable: no rule but the encoding ones
    may touch it."""
    damaged = _read_as(clean, codepage)
    assert damaged != clean
    assert lint(rule, body=f"Die Stadt {damaged} meldete am Montag neue Zahlen.") == []


def test_a_lone_soft_hyphen_and_a_lone_c1_control_are_still_reported() -> None:
    assert lint(ControlCharacters(), body="Prices rose 5\x81 in May.") != []
    assert lint(InvisibleCharacters(), body="co\u00adoperation between the two") != []
