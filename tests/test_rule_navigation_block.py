"""NL409 navigation-block: menu-like runs of short lines around the article, without a corpus.

Every text here is written for the tests (never copied from ../shared).
"""

from __future__ import annotations

import json

import pytest

from newslint.rules.nl409_navigation_block import NavigationBlock
from tests.rulekit import JSON_READER, article, fix, lint

NL409 = NavigationBlock()
PROSE = "The council approved the budget on Monday after a long and heated debate in the hall."
MORE = "Rail workers said they would strike on Friday unless the offer was improved again."


def _found(body: str) -> list[tuple[int, int, str]]:
    return [(d.start, d.end, d.message) for d in lint(NL409, body=body)]


def test_a_menu_before_the_article_and_a_footer_after_it() -> None:
    menu = "* Home\n* News\n* Sport\n* Weather\n* Opinion"
    footer = "About us\nContact\nPrivacy policy\nTerms of use"
    body = f"{menu}\n\n{PROSE}\n\n{MORE}\n\n{footer}"
    found = _found(body)
    assert [(start, end) for start, end, _ in found] == [
        (0, body.index(PROSE)),
        (body.index("About us"), len(body)),
    ]
    assert (
        found[0][2] == "navigation block: 5 short lines before the first paragraph (from '* Home')"
    )
    assert "4 short lines after the last paragraph" in found[1][2]
    fixed = json.loads(
        fix("a.json", JSON_READER, json.dumps({"title": "T", "body": body}), True, (NL409,))
    )["body"]
    assert fixed == f"{PROSE}\n\n{MORE}\n\n"
    assert _found(fixed) == []  # a second pass finds nothing


@pytest.mark.parametrize(
    "menu",
    [
        "Startseite\nPolitik\nWirtschaft\nKultur",  # German
        "Главная\nНовости\nСпорт\nПогода",  # Russian
        "Accueil\nÉconomie\nCulture\nSociété",  # French, accents
        "+ Shows\no Morning Joe\no Hardball\n+ Video",  # html-text's bullets
    ],
)
def test_menus_in_any_language_and_bullet_style(menu: str) -> None:
    assert len(_found(f"{menu}\n\n{PROSE}")) == 1


@pytest.mark.parametrize(
    "body",
    [
        # A list inside the article, between its paragraphs.
        f"{PROSE}\n\nFlour\nEggs\nMilk\nButter\n\n{MORE}",
        # A list a sentence introduces, after the last paragraph.
        f"{PROSE}\n\nYou can find it in foods like:\n\nSpinach\nAlmonds\nBlack beans\nAvocado",
        # A byline and date block: three short lines.
        f"By Jane Doe\nStaff writer\nNovember 1, 2024\n\n{PROSE}",
        # Its sources: a credit and the addresses.
        f"{PROSE}\n\nCredit to Example Wire\n\nhttps://example.org/a\n\nhttps://example.org/b\n\n"
        "Source: https://example.org/c",
        # The article's own figures: poll results, prices.
        f"{PROSE}\n\nYes 45%\nNo 40%\nUndecided 15%\nTurnout 62%",
        # Short sentences are sentences.
        f"It rained.\nThen it stopped.\nWe went out.\nThe sun came.\n\n{PROSE}",
        # No paragraph of prose at all: not judged (a list-only record).
        "Home\nNews\nSport\nWeather\nOpinion",
        # Headings between paragraphs.
        f"{PROSE}\n\nBackground\n\n{MORE}\n\nWhat next\n\n{PROSE}",
        # Prose in other scripts with short lines around it, but fewer than four.
        "Берлин\nПонедельник\n\nСовет утвердил бюджет в понедельник после долгих и жарких споров в зале.",
    ],
)
def test_what_it_must_not_flag(body: str) -> None:
    assert _found(body) == []


def test_options() -> None:
    body = f"Home\nNews\nSport\n\n{PROSE}"
    assert _found(body) == []
    assert len(list(NL409.configured({"min-lines": 3}).check(article(body=body)))) == 1
    wordy = f"Our world news\nOur sport pages\nOur opinion section\nOur weather maps\n\n{PROSE}"
    assert len(_found(wordy)) == 1
    assert list(NL409.configured({"max-words": 2}).check(article(body=wordy))) == []


def test_the_articles_title_ends_a_menu() -> None:
    body = f"Home\nNews\nSport\nWeather\n# Council approves budget\n\n{PROSE}"
    [found] = lint(NL409, body=body, title="Council approves budget")
    assert body[found.start : found.end] == "Home\nNews\nSport\nWeather\n"
    [untitled] = lint(NL409, body=body, title="Something else")
    assert "Council" in body[untitled.start : untitled.end]


def test_a_run_of_as_many_lines_as_the_title_announces_is_the_articles_list() -> None:
    items = "Fermented vegetables\nKefir\nKombucha\nApple cider vinegar"
    body = f"{items}\n\n{PROSE}"
    assert lint(NL409, body=body, title="4 probiotic foods for the immune system") == []
    assert len(lint(NL409, body=body, title="Probiotic foods for the immune system")) == 1
    assert len(lint(NL409, body=body, title="10 probiotic foods for the immune system")) == 1


SECTIONS = (
    "Money\nPersonal Finance\nRetirement\nTax Planning\nInsurance\nSavings\n"
    "Small Business\nMarkets\nBonds\nCommodities\nLifestyle\nTravel"
)


def test_a_long_menu_between_paragraphs_is_flagged() -> None:
    """A site map between the article and the next story's teaser: twelve very short,
    different lines, with prose on both sides."""
    body = f"{PROSE}\n\n{SECTIONS}\n\n{MORE}"
    [(start, end, message)] = _found(body)
    assert body[start:end] == SECTIONS + "\n\n"
    assert "12 short lines between paragraphs" in message
    fixed = json.loads(
        fix("a.json", JSON_READER, json.dumps({"title": "T", "body": body}), True, (NL409,))
    )["body"]
    assert fixed == f"{PROSE}\n\n{MORE}" and _found(fixed) == []


@pytest.mark.parametrize(
    "middle",
    [
        # Fewer than ten lines: an article's list.
        "Spinach\nChard\nAlmonds\nKale\nBeans\nLentils\nOats\nSeeds\nYogurt",
        # Introduced by a colon.
        "You can find it in:\n" + SECTIONS,
        # One line repeated (a comment that shouts): not different lines.
        "\n".join(["* IMMA KILL YOU"] * 30),
        # Lines of four words or more.
        "\n".join(f"The {word} was very good" for word in SECTIONS.split("\n")),
        # Figures: a schedule.
        "\n".join(f"{day} 9:00" for day in SECTIONS.split("\n")),
        # A film's credits in capitals (the article's own list).
        "DIRECTED BY\nJANE ROE\nWRITTEN BY\nJOHN DOE\nSTARRING\nANNA LEE\n"
        "PRODUCERS\nKIM PARK\nLEE CHAN\nMUSIC BY\nOMAR DIAZ\nEDITING BY\nEVA NOVAK",
        # Cyrillic and accented words, as a poem's short lines would be, under ten.
        "Мороз и солнце\nдень чудесный\nещё ты дремлешь\nдруг прелестный\nпора, красавица",
    ],
)
def test_what_it_must_not_flag_between_paragraphs(middle: str) -> None:
    assert _found(f"{PROSE}\n\n{middle}\n\n{MORE}") == []


CATEGORIES = [
    "Travel (47)",
    "Recipes (12)",
    "Gardening (160)",
    "Books (5)",
    "Family (68)",
    "Politics (50)",
    "Health (44)",
    "Music (225)",
    "Uncategorized (51)",
    "Science (1,204)",
    "Sport (9)",
    "Film (33)",
]


def test_a_blogs_list_of_categories_with_their_counts_is_a_menu() -> None:
    """A widget's counts of posts (`Travel (47)`) are no figures of the article's."""
    body = f"{PROSE}\n\nCategories\n" + "\n".join(CATEGORIES) + "\nRSS feed\n"
    [(start, _, message)] = _found(body)
    assert body[start:].startswith("Categories") and "14 short lines" in message


COUNTRIES = ("Norway", "Germany", "Canada", "Austria", "Sweden", "France", "Italy", "Japan")


@pytest.mark.parametrize(
    "table",
    [
        pytest.param(CATEGORIES[:5], id="five counts in brackets (a medal table)"),
        pytest.param(
            [f"{name} {16 - rank} gold" for rank, name in enumerate(COUNTRIES)],
            id="eight rows of figures without brackets",
        ),
        pytest.param(
            [f"{name} ({rank}) {rank + 3}" for rank, name in enumerate(COUNTRIES)],
            id="figures besides the bracketed counts",
        ),
    ],
)
def test_figures_after_the_article_are_its_own_even_in_brackets(table: list[str]) -> None:
    body = f"{PROSE}\n\n" + "\n".join(table) + "\n"
    assert _found(body) == []


@pytest.mark.parametrize(
    "sign",
    ["Cheers,\nTimo", "– Marcas Grant", "Liebe Grüße,\nAnna", "С уважением,\nИван Петров"],
)
def test_the_articles_sign_off_before_the_footer_is_not_flagged(sign: str) -> None:
    footer = "About us\nContact\nPrivacy policy\nTerms of use"
    body = f"{PROSE}\n\n{MORE}\n\n{sign}\n\n{footer}"
    [(start, end, message)] = _found(body)
    assert body[start:end] == footer
    assert "4 short lines after the last paragraph (from 'About us')" in message


def test_a_footer_of_dashed_items_after_the_article_is_flagged_whole() -> None:
    footer = "- About Us\n- Contact Us\n- Privacy Policy\n- Terms"
    body = f"{PROSE}\n\n{MORE}\n\n{footer}"
    [(start, end, _)] = _found(body)
    assert body[start:end] == footer


DEVICES = (
    "You can now read the magazine, and all the issues to come, on the following devices:\n"
    "• Amazon Kindle (DX)\n• Barnes & Noble Nook\n• Apple iPhone or iPod Touch\n"
    "• Apple iPad\n• Android Phone\n• Sony Reader\n• Blackberry\n"
    "• Palm OS Handhelds (including Handspring, Treo, Tungsten, and Zire)"
)


def test_the_short_end_of_a_list_a_sentence_introduces_is_the_articles() -> None:
    """The four short items after a longer one are the list's, which a sentence introduces."""
    assert _found(f"{DEVICES}\n\n{PROSE}\n\n{MORE}") == []
    # A menu under a label (`Sections:`), its first item longer, is still a menu.
    menu = DEVICES.replace(DEVICES.split("\n", 1)[0], "Sections:")
    [(_, _, message)] = _found(f"{menu}\n\n{PROSE}\n\n{MORE}")
    assert "from '• Apple iPad'" in message
