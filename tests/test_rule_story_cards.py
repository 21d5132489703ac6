"""NL412 story-cards: lists of other stories' cards (headline, summary, age) in the body.

Every text here is written for the tests (never copied from ../shared).
"""

from __future__ import annotations

import json

import pytest

from newslint.rules.nl412_story_cards import StoryCards
from tests.rulekit import JSON_READER, fix, lint

NL412 = StoryCards()
PROSE = "The council approved the budget on Monday after a long and heated debate in the hall."

# Three cards' ages in each of the ten languages.
AGES = {
    "en": ("32M ago", "1H ago", "2 days ago at 08:51 am"),
    "de": ("vor 5 Minuten", "vor 2 Std.", "vor 3 Tagen"),
    "fr": ("il y a 5 min", "il y a 3 heures", "il y a 2 jours"),
    "es": ("hace 5 minutos", "hace 2 horas", "hace 3 días"),
    "pt": ("há 5 minutos", "2 horas atrás", "há 3 dias"),
    "it": ("5 minuti fa", "2 ore fa", "3 giorni fa"),
    "nl": ("5 minuten geleden", "2 uur geleden", "3 dagen geleden"),
    "pl": ("5 minut temu", "2 godziny temu", "3 dni temu"),
    "ru": ("5 минут назад", "2 часа назад", "3 дня назад"),
    "uk": ("5 хвилин тому", "2 години тому", "3 дні тому"),
}


def _cards(ages: tuple[str, ...]) -> str:
    return "".join(
        f"Headline of story {number}\nA line of summary for story {number}\n{age}\n"
        for number, age in enumerate(ages)
    )


@pytest.mark.parametrize("language", sorted(AGES))
def test_cards_in_each_language(language: str) -> None:
    cards = _cards(AGES[language])
    body = f"{PROSE}\n\n{cards}"
    [found] = lint(NL412, body=body)
    assert body[found.start : found.end] == cards
    assert "story cards: 3 other stories'" in found.message


def test_the_fix_deletes_the_cards_and_settles() -> None:
    body = f"{PROSE}\n\nMore news\n{_cards(AGES['en'])}"
    record = json.dumps({"title": "T", "url": "https://example.org/a", "body": body})
    once = fix("a.json", JSON_READER, record, True, (NL412,))
    assert json.loads(once)["body"] == f"{PROSE}\n\nMore news\n"
    assert fix("a.json", JSON_READER, once, True, (NL412,)) == once
    assert fix("a.json", JSON_READER, record, False, (NL412,)) == record  # unsafe only


def test_the_block_starts_no_earlier_than_the_shortest_card() -> None:
    """A first card longer than the others loses its first lines, never a line before it."""
    cards = "Kicker\nHeadline 1\nSummary 1\n1H ago\nHeadline 2\n2H ago\nHeadline 3\n3H ago\n"
    body = f"{PROSE}\n{cards}"
    [found] = lint(NL412, body=body)
    assert (
        body[found.start : found.end]
        == "Summary 1\n1H ago\nHeadline 2\n2H ago\nHeadline 3\n3H ago\n"
    )


@pytest.mark.parametrize(
    "body",
    [
        # One or two ages: the article's own.
        f"Updated 2 hours ago\n\n{PROSE}",
        f"{PROSE}\n\nStory one\n1H ago\nStory two\n2H ago",
        # Ages inside sentences.
        f"{PROSE}\nThe fire started 3 hours ago.\nIt was put out 1 hour ago.\n"
        "Crews left 5 minutes ago.",
        "Der Brand begann vor 3 Stunden.\nEr war vor 1 Stunde gelöscht.\nVor 5 Minuten fuhren sie.",
        "Пожар начался 3 часа назад, его потушили.\nЧас назад.\nДва дня назад тоже.",
        # Ages too far apart: paragraphs between them.
        "\n".join(
            f"{PROSE}\n{PROSE}\n{PROSE}\n{PROSE}\n{PROSE}\n{PROSE}\n{age}" for age in AGES["en"]
        ),
        # A long line between two ages: a paragraph, not a card.
        f"1H ago\n{PROSE * 4}\n2H ago\nStory\n3H ago",
        # Look-alikes: "ago" words that are no age, numbers without a unit.
        f"{PROSE}\nChicago\n1\nSan Diego\n2\nLas Vegas\n3",
        "Il y a 3 raisons de voter.\nHace falta más tiempo.\nIl y a des jours comme ça.",
    ],
)
def test_what_it_must_not_flag(body: str) -> None:
    assert lint(NL412, body=body) == []
