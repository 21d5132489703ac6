"""Structure rules (NL601-NL608): what they must flag, what they must not, and their fixes."""

from __future__ import annotations

import json
import time

import pytest

from newslint.diagnostics import Applicability
from newslint.readers.json_reader import JSON_READER
from newslint.rules.nl601_duplicate_paragraph import DuplicateParagraph
from newslint.rules.nl602_title_in_body import TitleInBody
from newslint.rules.nl603_byline_in_body import BylineInBody, byline_name
from newslint.rules.nl604_truncated_body import TruncatedBody
from newslint.rules.nl605_starts_mid_sentence import StartsMidSentence
from newslint.rules.nl607_link_list import LinkList
from newslint.rules.nl608_glued_words import GluedWords
from tests.rulekit import (
    URL,
    apply_field_edits,
    changes_within_reported_spans,
    fix,
    lint,
    spans,
)

NL601, NL602, NL603 = DuplicateParagraph(), TitleInBody(), BylineInBody()
NL604, NL605, NL607, NL608 = TruncatedBody(), StartsMidSentence(), LinkList(), GluedWords()
STRUCTURE = (NL601, NL602, NL603, NL604, NL605, NL607, NL608)

LONG = (
    "The council approved the budget after a four-hour debate on Tuesday night, "
    "by seven votes to two."
)
OTHER = (
    "Residents packed the hall, and several of them spoke against the plan to close the library."
)
THIRD = (
    "The mayor said the savings would pay for two new buses and a longer opening time at the pool."
)


def json_document(**fields: object) -> str:
    fields.setdefault("url", URL)
    fields.setdefault("title", "A title")
    return json.dumps(fields, ensure_ascii=False, indent=1)


# NL601 duplicate-paragraph ---------------------------------------------------------------


def test_nl601_flags_adjacent_copy_and_safe_fix_deletes_it() -> None:
    body = f"{LONG}\n\n{LONG}\n\n{OTHER}"
    [found] = lint(NL601, body=body)
    start = len(LONG) + 2
    assert (found.code, found.field, found.start, found.end) == (
        "NL601",
        "body",
        start,
        2 * start,
    )
    assert "paragraph 2 repeats paragraph 1" in found.message
    assert found.fix is not None and found.fix.applicability is Applicability.SAFE
    assert apply_field_edits(body, found.fix.edits) == f"{LONG}\n\n{OTHER}"


def test_nl601_copy_at_the_end_is_removed_with_the_separator_before_it() -> None:
    body = f"{LONG}\n\n{LONG}"
    [found] = lint(NL601, body=body)
    assert (found.start, found.end) == (len(LONG), len(body))
    assert found.fix is not None
    assert apply_field_edits(body, found.fix.edits) == LONG


def test_nl601_compares_whitespace_normalised_text() -> None:
    wrapped = LONG.replace(" after ", "\nafter ").replace(" on ", "  on ")
    body = f"{LONG}\n\n{wrapped}\n\n{OTHER}"
    assert spans(lint(NL601, body=body)) == [("NL601", "body", len(LONG) + 2, body.index(OTHER))]


def test_nl601_repeated_run_of_paragraphs_is_flagged_far_apart() -> None:
    body = "\n\n".join([LONG, OTHER, THIRD, LONG, OTHER])
    found = lint(NL601, body=body)
    assert [d.message.split(":")[0] for d in found] == [
        "paragraph 4 repeats paragraph 1",
        "paragraph 5 repeats paragraph 2",
    ]


def test_nl601_fix_on_a_document_removes_every_copy_and_is_idempotent() -> None:
    text = json_document(body="\n\n".join([LONG, OTHER, LONG, OTHER, LONG, THIRD]))
    fixed = fix("a.json", JSON_READER, text, rules=(NL601,))
    assert json.loads(fixed)["body"] == "\n\n".join([LONG, OTHER, THIRD])
    # A diff cannot tell which of two equal copies went, nor split adjacent deletions:
    # check the span containment on a lone copy at the end.
    text = json_document(body="\n\n".join([THIRD, LONG, LONG]))
    fixed = fix("a.json", JSON_READER, text, rules=(NL601,))
    assert json.loads(fixed)["body"] == "\n\n".join([THIRD, LONG])
    changes_within_reported_spans("a.json", JSON_READER, text, fixed, rules=(NL601,))


@pytest.mark.parametrize(
    "body",
    [
        # Short lines recur legitimately (and boilerplate rules handle the junk).
        "Advertisement\n\n" + LONG + "\n\nAdvertisement\n\n" + OTHER,
        "Q: Why now?\n\nA: Because.\n\nQ: Why now?\n\nA: Still because.",
        "* * *\n\n" + LONG + "\n\n* * *\n\n" + OTHER,
        # A question asked of every guest in an interview series.
        "Anna, a baker from Lyon.\n\nWhat do you like to cook at home, and which dishes do you "
        "refuse to eat at all?\n\nPastry, mostly.\n\nBoris, a chef from Kyiv.\n\nWhat do you like "
        "to cook at home, and which dishes do you refuse to eat at all?\n\nSoup.",
        "**Какую кухню вы любите сами и есть ли блюда или продукты, которые вам совсем не "
        "нравятся?**\n\nЛюблю всё.\n\nВторой участник.\n\n**Какую кухню вы любите сами и есть "
        "ли блюда или продукты, которые вам совсем не нравятся?**\n\nТолько суп.",
        # A long title quoted twice in a bill's text, far apart: the author's repetition.
        "To amend the Public Health Act of 2002 to authorise the Office for Rural Clinics.\n\n"
        "IN THE HOUSE\n\nMs. Doe introduced the following bill.\n\nA BILL\n\n"
        "To amend the Public Health Act of 2002 to authorise the Office for Rural Clinics.\n\n"
        "Be it enacted by the House.",
        # Separators and symbol rows are not text.
        "-" * 90 + "\n\n" + LONG + "\n\n" + "-" * 90 + "\n\n" + OTHER,
        # Near-copies differ: not exact duplicates.
        LONG + "\n\n" + LONG.replace("seven", "eight"),
    ],
)
def test_nl601_does_not_flag(body: str) -> None:
    assert lint(NL601, body=body) == []


def test_nl601_long_isolated_copy_is_flagged() -> None:
    long = " ".join([LONG, OTHER, THIRD])
    body = "\n\n".join([long, "A short line.", THIRD.replace("two", "three"), long])
    assert [d.code for d in lint(NL601, body=body)] == ["NL601"]


# NL602 title-in-body ----------------------------------------------------------------------


def test_nl602_flags_title_as_first_paragraph_with_unsafe_fix() -> None:
    title = "Council Approves Budget After Long Debate"
    body = f"  council approves budget after long debate.\n\n{LONG}"
    [found] = lint(NL602, title=title, body=body)
    assert (found.field, found.start, found.end) == ("body", 0, body.index(LONG))
    assert found.fix is not None and found.fix.applicability is Applicability.UNSAFE
    assert apply_field_edits(body, found.fix.edits) == LONG


def test_nl602_unsafe_fix_on_a_document() -> None:
    text = json_document(title="“Budget Approved”", body=f"Budget approved\n\n{LONG}\n\n{OTHER}")
    assert fix("a.json", JSON_READER, text, rules=(NL602,)) == text
    fixed = fix("a.json", JSON_READER, text, unsafe=True, rules=(NL602,))
    assert json.loads(fixed)["body"] == f"{LONG}\n\n{OTHER}"
    changes_within_reported_spans("a.json", JSON_READER, text, fixed, rules=(NL602,))


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Council approves budget", "Council approves budget"),  # the only paragraph
        ("Council approves budget", f"Council approves budget on Tuesday.\n\n{LONG}"),
        ("Council approves budget", f"{LONG}\n\nCouncil approves budget"),
        ("Совет утвердил бюджет", f"Совет утвердил бюджет в четверг.\n\n{LONG}"),
        ("", f"{LONG}\n\n{OTHER}"),
    ],
)
def test_nl602_does_not_flag(title: str, body: str) -> None:
    assert lint(NL602, title=title, body=body) == []


# NL603 byline-in-body ---------------------------------------------------------------------


def test_nl603_flags_byline_and_dateline_at_the_top() -> None:
    body = f"By Jane Doe\n\nNovember 01, 2024\n\n{LONG}"
    found = lint(NL603, body=body)
    assert spans(found) == [
        ("NL603", "body", 0, 13),
        ("NL603", "body", 13, body.index(LONG)),
    ]
    assert "byline" in found[0].message and "dateline" in found[1].message
    assert all(d.fix and d.fix.applicability is Applicability.UNSAFE for d in found)
    text = json_document(body=body)
    fixed = fix("a.json", JSON_READER, text, unsafe=True, rules=(NL603,))
    assert json.loads(fixed)["body"] == LONG
    text = json_document(body=f"By Jane Doe\n\n{LONG}")
    fixed = fix("a.json", JSON_READER, text, unsafe=True, rules=(NL603,))
    assert json.loads(fixed)["body"] == LONG
    changes_within_reported_spans("a.json", JSON_READER, text, fixed, rules=(NL603,))


def test_nl603_flags_the_articles_own_byline() -> None:
    body = f"Jane Doe, Reuters\n\n{LONG}"
    assert spans(lint(NL603, byline="Jane Doe, Reuters", body=body)) == [("NL603", "body", 0, 19)]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("BY JANE DOE AND JOHN ROE", "JANE DOE AND JOHN ROE"),
        ("By Seán O'Neill, Reuters", "Seán O'Neill, Reuters"),
        ("By Jane Doe | March 1, 2024", "Jane Doe"),
        ("By Tess Roe - 11/19/19 06:56 AM EST", "Tess Roe"),
        ("By The Associated Press", "The Associated Press"),
        ("By\xa0 Eric Song , IGN Staff", "Eric Song IGN Staff"),
        ("By Monday, all was done.", None),
        ("By the time we arrived", None),
        ("By 2030 Emissions Fall", None),
        ("By Jove!", None),
        ("By choosing I Accept, you consent to cookies", None),
        ("Bylines matter", None),
    ],
)
def test_nl603_byline_recogniser(line: str, names: str | None) -> None:
    assert byline_name(line) == names


@pytest.mark.parametrize(
    "body",
    [
        "By Jane Doe",  # nothing would be left
        f"By the time the polls closed, turnout had reached a record.\n\n{LONG}",
        f"{LONG}\n\nBy Jane Doe",
        f"Updated daily since 2019 with the council's decisions.\n\n{LONG}",
        f"May 2024 be kinder to us all.\n\n{LONG}",
    ],
)
def test_nl603_does_not_flag(body: str) -> None:
    assert lint(NL603, body=body) == []


# NL604 truncated-body ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "reason"),
    [
        ("The minister said the talks would resume once both sides agreed on the", "'the'"),
        ("Officials said the release of the documents would begin on Friday and", "'and'"),
        ("Police said the suspect had been released pending an inquiry into the…", "'the…'"),
        ("The council said it would act soon. Read more", "teaser"),
        ("The school has done nothing about her allegations [...]", "omission"),
        ("It faces criticism around the world.—More…", "teaser"),
        ("The federal government’s..Read more »", "teaser"),
        ("Continue reading", "teaser"),
        ("Subscribe to continue reading.", "teaser"),
    ],
)
def test_nl604_flags_truncated_ending(last: str, reason: str) -> None:
    body = f"{LONG}\n\n{last}"
    [found] = lint(NL604, body=body)
    assert (found.field, found.start, found.end) == ("body", len(LONG) + 2, len(body))
    assert reason in found.message and found.fix is None


def test_nl604_span_is_the_last_line_of_a_multi_line_paragraph() -> None:
    body = f"{LONG}\nThe minister said the talks would resume once they agreed on the\n"
    [found] = lint(NL604, body=body)
    assert (found.start, found.end) == (len(LONG) + 1, len(body) - 1)


@pytest.mark.parametrize(
    "last",
    [
        "“We will be back,” she said.",
        "The minister declined to comment (as usual)",
        "Will the talks resume?",
        "— AP",
        "(Reuters)",
        "Reporting by Jane Doe; editing by John Roe",
        "Source: https://example.org/2024/11/01/the-story-of-the",
        "#climate #news #weather",
        "With Post wires",
        "Main image credit: Getty",
        "He paused, and then…",
        "With or without his teleprompter, he is nobody’s messiah now…",
        "All...",
        "This website uses cookies. We assume you agree. Accept Read More",
        "Tell me more",
        "Read more great articles here: https://example.org",
        "Anyone who has seen the film will know what she was thinking of",
        "Президент сказал, что переговоры продолжатся",
        "東京都知事は記者会見で新しい計画を発表した",
    ],
)
def test_nl604_does_not_flag(last: str) -> None:
    assert lint(NL604, body=f"{LONG}\n\n{last}") == []


# NL605 starts-mid-sentence ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "head"),
    [
        ("and the minister said the talks would resume on Monday.", "and"),
        ("ing the company said it would cut 300 jobs by March.", "ing"),
        ("which was why the council voted against the plan on Tuesday.", "which"),
        ("за последние сутки в регионе выпало много снега.", "за"),
    ],
)
def test_nl605_flags_lower_case_start(body: str, head: str) -> None:
    [found] = lint(NL605, body=f"  {body}\n\n{LONG}")
    assert (found.field, found.start, found.end) == ("body", 2, 2 + len(head))
    assert found.fix is None


@pytest.mark.parametrize(
    "body",
    [
        "iPhone sales rose sharply in the third quarter, the company said.",
        "eBay said on Tuesday that it would sell its classifieds unit.",
        "de Blasio said the city would not back down on the plan.",
        "van Gogh painted the picture in the last year of his life.",
        "al-Assad was not mentioned in the statement on Monday.",
        "by Jane Doe and John Roe, with additional reporting.",
        "“and the rest is history,” she said, laughing at the thought.",
        "3 people were hurt when the roof collapsed, police said.",
        "x**2 + y**2 = r**2 describes a circle of radius r.",
        "snake_case_name is how the function is spelled in the code.",
        "def f(*args, **kwargs): return g(**kwargs)",
        "site: media | arena: nfl | pageType: article | the rest",
        "icon bookmark icon camera icon check icon chevron down icon chevron left",
        "and so on",
        "東京都知事は記者会見で新しい計画を発表した。",
    ],
)
def test_nl605_does_not_flag(body: str) -> None:
    assert lint(NL605, body=body) == []


# NL607 link-list --------------------------------------------------------------------------

LINKS = "\n".join(
    [
        "Top Stories",
        "https://example.org/news/council-approves-budget",
        "Council Approves Budget After Long Debate",
        "https://example.org/news/library-to-close",
        "* [Library to Close in March](https://example.org/news/library)",
        "Mayor Unveils New Bus Routes",
        "https://example.org/news/bus-routes",
    ]
)


def test_nl607_flags_a_list_of_links_and_headlines() -> None:
    [found] = lint(NL607, body=f"\n{LINKS}\n")
    assert (found.field, found.start, found.end) == ("body", 1, 1 + len(LINKS))
    assert "7 of 7 lines, 4 links" in found.message and found.fix is None


@pytest.mark.parametrize(
    "body",
    [
        # An article with its sources at the end.
        "\n\n".join([LONG, OTHER, THIRD, "Sources:\nhttps://example.org/a\nhttps://example.org/b"]),
        # A standings table: headline-like lines, but no links.
        "\n".join(["NASCAR Standings", "Jane Doe 2100", "John Roe 2050", "Ann Lee 1990"] * 3),
        # A short list of items.
        "The shortlist:\n* first item\n* second item\n* third item",
        # Prose lines that end with punctuation.
        "\n".join([LONG, "See https://example.org/a.", OTHER, "https://example.org/b", THIRD] * 2),
    ],
)
def test_nl607_does_not_flag(body: str) -> None:
    assert lint(NL607, body=body) == []


# NL608 glued-words ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "glued"),
    [
        ("Read the quoted textAn image of the scene was shared.", "textAn"),
        ("Skip to contentSkip to navigation", "contentSkip"),
        ("after eating wild rabbitObama aides said", "rabbitObama"),
        ("Сортировать: новыеСначала старые", "новыеСначала"),
        ("the endIn other news", "endIn"),
    ],
)
def test_nl608_flags_glued_words(text: str, glued: str) -> None:
    [found] = lint(NL608, body=text)
    assert (found.field, found.start, found.end) == (
        "body",
        text.index(glued),
        text.index(glued) + len(glued),
    )
    assert glued in found.message and found.fix is None


def test_nl608_checks_title_and_caption() -> None:
    found = lint(
        NL608, title="Budget passedCouncil votes again", caption="A photo ofThe hall", body="x"
    )
    assert spans(found) == [("NL608", "title", 7, 20)]


@pytest.mark.parametrize(
    "text",
    [
        "iPhone and iPad sales rose, eBay said, while iOS users grew.",
        "YouTube, McDonald's, PlayStation, LinkedIn, JavaScript and MacBook were named.",
        "A PhD student, the MacLeod clan, O'Neill, DeSantis and LeBron were there.",
        "easyJet flights and wikiHow guides are brand names.",
        "The setTimeout callback and a forEach loop, in camelCase style.",
        "#MakeAmericaGreat trended while @nytimesBusiness posted updates.",
        "See https://example.org/newsToday for more.",
        "The word becauSe was misspelled on purpose here.",
        "ALL CAPS HEADLINE WITH noCase here",
        "lowercase text only with nothing glued at all",
    ],
)
def test_nl608_does_not_flag(text: str) -> None:
    assert lint(NL608, body=text, title=text) == []


# Every rule -------------------------------------------------------------------------------


@pytest.mark.parametrize("rule", STRUCTURE, ids=lambda rule: rule.code)
def test_structure_rules_are_fast_on_adversarial_input(rule: object) -> None:
    bodies = [
        "a" * 100_000,
        "aA" * 50_000,
        "aaaB " * 20_000,
        "\n\n".join(["x" * 100] * 1000),
        ". " * 50_000,
        "http://" * 14_000,
        "By " * 33_000,
        "[" * 50_000 + "…",
        "\n".join(["https://example.org/a"] * 20_000),
    ]
    for body in bodies:
        started = time.perf_counter()
        lint(rule, title=body[:200], body=body)  # type: ignore[arg-type]
        assert time.perf_counter() - started < 1.0, body[:20]


def test_documentation_is_complete() -> None:
    for rule in STRUCTURE:
        assert rule.summary and rule.explanation and rule.bad and rule.good
        assert rule.fixable in ("safe", "unsafe", "never", "sometimes")


def test_nl603_looks_past_a_repeated_title() -> None:
    body = f"Budget Approved\n\nBy Jane Doe | Nov 1, 2024\n\n{LONG}"
    found = lint(NL603, title="Budget approved", body=body)
    assert spans(found) == [("NL603", "body", 17, body.index(LONG))]
    assert lint(NL603, title="Something else", body=body) == []


@pytest.mark.parametrize(
    ("last", "flagged"),
    [
        ("He wanted more—more.", False),
        ("He wanted more—more »", True),
        ("The end. More", False),
        ("The end. More »", True),
        ("Nothing more!", False),
        ("Nothing more »", False),
    ],
)
def test_nl604_bare_more_is_a_teaser_only_as_a_link(last: str, flagged: bool) -> None:
    assert bool(lint(NL604, body=f"{LONG}\n\n{last}")) is flagged
