"""NL109 glued-heading: an all-caps heading run into the sentence after it, and the acronyms,
brands and other languages' capitals that must not be taken for one."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest

import newslint
from newslint.diagnostics import Applicability
from newslint.rules.nl109_glued_heading import GluedHeading, glued_headings
from newslint.rules.nl608_glued_words import GluedWords
from tests.rulekit import apply_field_edits, lint

NL109 = GluedHeading()


def _glued(text: str) -> list[str]:
    return [text[d.start : d.end] for d in lint(NL109, body=text)]


@pytest.mark.parametrize(
    ("text", "glued"),
    [
        ("COUNCIL APPROVES BUDGETThe council met on Monday.", "BUDGETThe"),
        ("CHARGES DROPPED IN HARBOUR\nCASEThe court said so.", "CASEThe"),
        ("MAYOR RESCUES A STRANDED OWLAt least two people saw it.", "OWLAt"),
        ("FLOODS HIT THE VALLEYIt rained for days.", "VALLEYIt"),
        # Not flagged: a one-letter or foreign two-letter start, a capitalised word next.
        ("LOCAL NEWS ROUNDUPA bridge reopened.", None),
        ("ÉLECTIONS À LYONLe maire a gagné.", None),
        ("WAHL IN BERLINDie Partei verlor.", None),
        ("Published Tue, Mar 5 2024 9:12 AM ESTUpdated an hour ago", "ESTUpdated"),
        ("* Data Tools DATA TOOLSMake better maps with us.", "TOOLSMake"),
        ('STORES THAT "NO LONGER\nEXIST"Shoppers remember them.', None),
        ("ÉLECTIONS MUNICIPALES À LYONLes électeurs ont voté.", "LYONLes"),
        ("WAHL IN BERLIN ÜBERRASCHTDie meisten Wähler blieben.", "ÜBERRASCHTDie"),
        ("ВЫБОРЫ В МОСКВЕ ЗАВЕРШЕНЫИтоги подведут в понедельник.", "ЗАВЕРШЕНЫИтоги"),
    ],
)
def test_flags_an_all_caps_heading_glued_to_a_sentence(text: str, glued: str | None) -> None:
    assert _glued(text) == ([glued] if glued else [])


def test_message_and_unsafe_line_break_fix() -> None:
    body = "Earlier story.\n\nCOUNCIL APPROVES BUDGETThe council met on Monday."
    [found] = lint(NL109, body=body)
    assert found.message == (
        "all-caps heading glued to the next sentence: 'BUDGETThe' "
        "(missing line break between 'BUDGET' and 'The')"
    )
    assert found.fix is not None
    assert found.fix.applicability is Applicability.UNSAFE
    fixed = apply_field_edits(body, found.fix.edits)
    assert fixed == "Earlier story.\n\nCOUNCIL APPROVES BUDGET\nThe council met on Monday."
    assert lint(NL109, body=fixed) == []


def test_the_rules_own_example() -> None:
    [found] = lint(NL109, body=GluedHeading.bad)
    assert found.fix is not None
    assert apply_field_edits(GluedHeading.bad, found.fix.edits) == GluedHeading.good
    assert lint(NL109, body=GluedHeading.good) == []


def test_through_the_public_api() -> None:
    settings = newslint.Settings(select=["NL109"])
    text = "LOCAL NEWS ROUNDUPThe bridge reopened on Friday."
    assert [d.code for d in newslint.lint_text(text, settings=settings)] == ["NL109"]
    assert (
        newslint.lint_text("NATO said on Friday that talks would resume.", settings=settings) == []
    )


@pytest.mark.parametrize(
    "text",
    [
        # Acronyms followed by a space, all-caps words in a sentence.
        "NATO said on Friday that talks would resume.",
        "UEFA Champions League games were moved.",
        "The NBA MVP LeBron James scored 30 points.",
        "WASHINGTON (AP) — The Senate voted on Tuesday.",
        "RESULTS The council met on Monday.",
        "BREAKING: The bridge is closed.",
        # Brands and camel case.
        "She bought an iPhone and a MacBook at McDonald's, then watched YouTube.",
        "Follow IBNLive on Facebook, or read the SEOmoz blog.",
        "It doesn't mean USAir should wake me up.",
        "Listen to eight other TEDTalks that challenge you.",
        "Cisco UCS VFCache card in the new servers.",
        "the GIFing of it, the SSTables are merged, ARMed by Dell",
        "Watch CNN TVGuide listings and SFGate reports on PlayStation games.",
        "TED2012 TED2013 TEDActive tedglobal2009 TEDx",
        # Plural acronyms.
        "Nurse anesthetists (CRNAs can work alone) and MRIs show it.",
        "THE NEW CCTVs are installed; ATMs and NGOs are busy; EMUs run.",
        # Hashtags, handles, URLs, hyphenated and other non-headings.
        "#BREAKINGNews spread fast, @NASAGoddard said, see /NEWSRoom today.",
        "The UNESCO-Welterbe site and the COVID-Pandemie ended.",
        "MAYOR WINS\n\nCOUNTThe recount ended.",  # a blank line: another paragraph
        # German nouns, French, Russian, Cyrillic capitals in sentences.
        "Die Bundesregierung und die EU-Kommission verhandeln über Straßenbau.",
        "Le PDG de la SNCF a démissionné lundi à Paris.",
        "МВД России сообщило, что ФСБ задержала подозреваемого.",
        "В ООН заявили о новой миссии, сообщает ТАСС.",
        "GROSSE KOALITION Die Verhandlungen dauern an.",
    ],
)
def test_does_not_flag(text: str) -> None:
    assert lint(NL109, body=text) == []


def test_nl608_is_left_what_it_catches_and_does_not_catch_these() -> None:
    """Lower-case words glued to the next one (`coverageThe`) are NL608's; an all-caps
    heading glued to a sentence is not (NL608 needs a lower-case head)."""
    nl608 = GluedWords()
    lower = "Related coverageThe council met on Monday."
    assert lint(NL109, body=lower) == []
    assert len(lint(nl608, body=lower)) == 1
    caps = "PIVOTAL IMPEACHMENT HEARINGSondland has emerged as a witness."
    assert len(lint(NL109, body=caps)) == 1
    assert lint(nl608, body=caps) == []


def test_only_the_body_is_read() -> None:
    text = "COUNCIL APPROVES BUDGETThe council met on Monday."
    assert lint(NL109, title=text, caption=text, body="Clean text.") == []


def test_glued_headings_gives_the_break() -> None:
    text = "A KOALAAt least six people"
    assert list(glued_headings(text)) == [(2, 7, 9)]


# Linear on adversarial input --------------------------------------------------------------


def _growth(make: Callable[[int], str], small: int = 20_000) -> float:
    """Time at 4x the size over time at the size (the fastest of three runs each)."""

    def timed(size: int) -> float:
        body = make(size)
        best = float("inf")
        for _ in range(3):
            gc.disable()
            try:
                start = time.perf_counter()
                list(glued_headings(body))
                best = min(best, time.perf_counter() - start)
            finally:
                gc.enable()
        return best

    timed(small)
    return timed(small * 4) / max(timed(small), 1e-6)


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "A" * n + "b c",
        lambda n: "AAAAb " * (n // 6),
        lambda n: "AAAA Ab c " * (n // 10),
        lambda n: "WORD HEADThe x " * (n // 15),
        lambda n: " " * n + "WORD HEADThe x",
        lambda n: "AAAAB" * (n // 5) + "bbb" * (n // 3),
        lambda n: "\n" * n + "HEADThe x",
    ],
    ids=["capitals", "glued-units", "spaced-units", "many-matches", "spaces", "long-tail", "lines"],
)
def test_linear_on_adversarial_input(make: Callable[[int], str]) -> None:
    assert _growth(make) < 10  # linear: ~4; quadratic: 16
