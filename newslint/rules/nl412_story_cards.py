"""NL412: a list of other stories' cards (headline, summary, `32M ago`) left in the body."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from newslint.diagnostics import Applicability, Diagnostic
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers

_N = r"\d{1,3}[ \t]*"
# A card's age, alone on its line, in the ten languages of the boilerplate rules.
_AGES = (
    # en: "32M ago", "1 hour ago", "2 days ago at 08:51 am", "updated 16M ago"
    rf"(?:updated[ \t]+)?{_N}(?:[smhdw]|mins?|minutes?|hrs?|hours?|days?|weeks?|months?)"
    r"[ \t]+ago(?:[ \t]+at[ \t]+\d{1,2}:\d{2}(?:[ \t]*[ap]\.?m\.?)?)?",
    # de: "vor 5 Minuten", "vor 2 Std."
    rf"vor[ \t]+{_N}(?:Sek\.|Sekunden|Min\.|Minuten?|Std\.|Stunden?|Tag(?:en)?|Wochen?|Monat(?:en)?)",
    # fr: "il y a 3 heures", "il y a 5 min"
    rf"il[ \t]+y[ \t]+a[ \t]+{_N}(?:s|secondes?|min|minutes?|h|heures?|jours?|semaines?|mois)",
    # es: "hace 2 horas"; pt: "há 2 horas", "5 minutos atrás"
    rf"(?:hace|há)[ \t]+{_N}(?:s|seg|segundos?|min|minutos?|h|horas?|d[ií]as?|semanas?|mes(?:es)?)",
    rf"{_N}(?:segundos?|minutos?|horas?|dias?|semanas?|meses)[ \t]+atrás",
    # it: "5 minuti fa", "2 ore fa"
    rf"{_N}(?:secondi|minut[oi]|or[ae]|giorn[oi]|settiman[ae]|mes[ei])[ \t]+fa",
    # nl: "2 uur geleden"
    rf"{_N}(?:seconden|minuten?|uur|dagen?|weken?|maanden?)[ \t]+geleden",
    # pl: "2 godziny temu"
    rf"{_N}(?:sekund[ay]?|minut[ay]?|godzin[ay]?|dni|dzień|tygodni[e]?|miesiące?|miesięcy)"
    r"[ \t]+temu",
    # ru: "5 минут назад"; uk: "2 години тому"
    rf"{_N}(?:секунд[уы]?|минут[уы]?|час(?:а|ов)?|день|дн(?:я|ей)|недел[юиь]|месяц(?:а|ев)?)"
    r"[ \t]+назад",
    rf"{_N}(?:секунд[иу]?|хвилин[иу]?|годин[иу]?|день|дн(?:і|ів)|тиждень|тижн(?:і|ів)|"
    r"місяць|місяц(?:і|ів))[ \t]+тому",
)
_AGE_LINE = compile_lazily(
    r"[ \t]*(?:[*+•-][ \t]+)?(?:" + "|".join(_AGES) + r")[ \t.]*", re.IGNORECASE
)
MIN_CARDS = 3
"""So many cards in a row at least: one or two ages are an article's own timeline."""
MAX_CARD_LINES = 6
"""A card is at most this many lines, its age included (kicker, headline, summary)."""
MAX_CARD_LINE = 300
"""A card's lines are short: a longer line between two ages is a paragraph, not a card."""


class StoryCards(Rule):
    code = "NL412"
    name = "story-cards"
    summary = "A list of other stories' cards (headline, summary, age such as `32M ago`)."
    explanation = """\
News pages end (and sometimes start) with lists of other stories: a headline, a
line of summary, and how long ago it was published (`32M ago`, `1H ago`,
`vor 5 Minuten`, `il y a 3 heures`, `hace 2 horas`, `2 ore fa`, `2 uur geleden`,
`2 godziny temu`, `5 минут назад`, `2 години тому`).  Whole-page text keeps
them, and their summaries read as prose, so the rules that tell menus from
prose by length and stop words take them for the article.

A run of at least three cards is flagged: lines of nothing but such an age,
each at most six lines after the one before, with no line of over 300
characters between them.  The block starts as many lines before the first age
as the shortest card has (never more), and ends with the last age.  One or two
ages (`Updated 2 hours ago` under a headline) are the article's own and never
flagged, nor is an age inside a sentence (`The fire started 3 hours ago.`).

The fix deletes the block; it is unsafe: it deletes text.  Not selected by
default yet (`--extend-select NL412`)."""
    bad = (
        "The council approved the budget on Monday.\n\n"
        "More news\n"
        "Rail strike called off\nUnions accepted the new offer late on Sunday\n32M ago\n"
        "Storm closes schools\nHeavy snow is expected until Wednesday\n1H ago\n"
        "Library opens in spring\nThe mayor confirmed the date\n2H ago\n"
    )
    good = "The council approved the budget on Monday.\n\nMore news\n"
    fields = ("body",)
    triggers = Triggers(
        literals=(
            "ago", "AGO", "Ago", "vor ", "il y a", "hace", "Hace", "há", "Há", "atrás",
            " fa", "geleden", "temu", "назад", "тому",
        )
    )  # fmt: skip
    fix_applicabilities = frozenset({Applicability.UNSAFE})
    enabled_by_default = False

    def check(self, article: Article) -> Iterator[Diagnostic]:
        body = article.text("body")
        if not body:
            return
        lines: list[tuple[int, int, str]] = []  # the non-blank lines: (start, end, text)
        ages: list[int] = []  # indices into ``lines`` of the lines that are an age alone
        start = 0
        for text in body.split("\n"):
            end = start + len(text)
            if text.strip():
                if _AGE_LINE.fullmatch(text):
                    ages.append(len(lines))
                lines.append((start, end, text))
            start = end + 1
        if len(ages) < MIN_CARDS:
            return
        for group in _groups(ages, lines):
            yield self._report(body, lines, group)

    def _report(self, body: str, lines: list[tuple[int, int, str]], group: list[int]) -> Diagnostic:
        shortest = min(later - earlier for earlier, later in pairwise(group))
        first = max(group[0] - shortest + 1, 0)
        start = lines[first][0]
        last = group[-1]
        end = lines[last + 1][0] if last + 1 < len(lines) else len(body)
        shown = " ".join(lines[group[0]][2].split())
        message = f"story cards: {len(group)} other stories' headlines and ages (from '{shown}')"
        fix = self.replacement(
            "body", start, end, "", "delete the story cards", Applicability.UNSAFE
        )
        return self.diagnostic("body", start, end, message, fix)


def _groups(ages: list[int], lines: list[tuple[int, int, str]]) -> Iterator[list[int]]:
    """Runs of at least ``MIN_CARDS`` ages, each close to the one before with short lines
    between."""
    group = [ages[0]]
    for age in [*ages[1:], -1]:
        close = 0 < age - group[-1] <= MAX_CARD_LINES and all(
            len(lines[index][2]) <= MAX_CARD_LINE for index in range(group[-1] + 1, age)
        )
        if close:
            group.append(age)
            continue
        if len(group) >= MIN_CARDS:
            yield group
        group = [age]
