"""NL404: an advertisement label (`Advertisement`, `Anzeige`, `Реклама`) left as a line of the body."""

from __future__ import annotations

import re
from typing import ClassVar

from newslint.rules._boilerplate import (
    LineRule,
    extra_phrase_set,
    normalise,
    phrase_set,
)
from newslint.rules._boilerplate_phrases import ADVERTISEMENT_LINES

_LABELS = phrase_set(ADVERTISEMENT_LINES)
_DECORATION = " \t-–—()[]"


def is_advertisement(line: str) -> bool:
    return normalise(line).strip(_DECORATION) in _LABELS


class Advertisement(LineRule):
    code = "NL404"
    name = "advertisement-label"
    summary = "An advertisement label (`Advertisement`, `Sponsored`, `Anzeige`) left as a line."
    explanation = """\
Ad slots carry a label (`Advertisement`, `ADVERTISEMENT`, `Story continues below
advertisement`, `Anzeige`, `Реклама`); the ad itself is gone from the scraped
text but the label stays, as a line of its own between paragraphs.

Only a line that is nothing but such a label (optionally between dashes or
brackets) is flagged; a sentence about advertising, or a label that continues
a hard-wrapped sentence (`...ran an\\nad`), is not.  The fix deletes the line
with its line break; it is unsafe because it deletes text."""
    bad = "Prices rose again in May.\n\nADVERTISEMENT\n\nEconomists expect a pause."
    good = "Prices rose again in May.\n\nEconomists expect a pause."
    kind = "advertisement label"
    max_length = 60

    options: ClassVar[dict[str, str]] = {
        "extra-labels": "more advertisement labels to flag when a line is nothing else"
    }
    extra_labels: tuple[str, ...] = ()
    first_words = frozenset((label.strip(_DECORATION).split() or [""])[0] for label in _LABELS)
    lead = "-–—()[]"

    def hints(self) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None] | None:
        return None if self.extra_labels else super().hints()

    def match(self, line: str) -> bool:
        if self.extra_labels and normalise(line).strip(_DECORATION) in extra_phrase_set(
            self.extra_labels
        ):
            return True
        return is_advertisement(line)
