"""NL309: a non-breaking space that may be a byte of mojibake is left alone (issue 13)."""

from __future__ import annotations

import pytest

from newslint.rules.nl309_non_breaking_space import NonBreakingSpace
from tests.rulekit import lint

NL309 = NonBreakingSpace()


@pytest.mark.parametrize(
    "text", ["NICIODATĂ\xa0", "ART TRIP voilÃ\xa0", "Le festival de CannesÂ\xa0"]
)
def test_a_lone_edge_nbsp_after_a_lead_byte_is_left(text: str) -> None:
    assert lint(NL309, body=text) == []


@pytest.mark.parametrize("text", ["Paris\xa0\xa0\xa0— said", "The end.\xa0", "\xa0Indented line"])
def test_layout_spaces_are_still_reported(text: str) -> None:
    assert len(lint(NL309, body=text)) == 1
