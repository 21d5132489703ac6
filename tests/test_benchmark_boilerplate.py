"""The boilerplate benchmark's labelling: a line is article text when the page's gold has it,
even when the gold was saved with its characters damaged (samples written here)."""

from __future__ import annotations

from benchmarks.boilerplate import article_labels, recovered_gold

PAGE = [
    "* Home",
    "* Contact",
    "It’s the council’s budget — approved on Monday after a long debate.",
    "Posted in: Local | Comments",
]


def _utf16_read_as_utf8(text: str) -> str:
    """What a UTF-16 file with a byte-order mark looks like when read as UTF-8."""
    return (b"\xff\xfe" + text.encode("utf-16-le")).decode("utf-8", errors="replace")


def test_a_gold_read_with_the_wrong_encoding_is_decoded_again() -> None:
    gold = "Budget approved\r\nIt’s the council’s budget — café"
    damaged = _utf16_read_as_utf8(gold)
    assert "\x00" in damaged and damaged.startswith("\ufffd\ufffd")
    # ASCII and the curly quotes come back; é lost a byte to U+FFFD and stays one character.
    assert recovered_gold(damaged) == gold.replace("é", "\ufffd")


def test_a_sound_gold_is_left_as_it_is() -> None:
    for gold in ("", "Plain text.", "\ufffd\ufffd but no NUL", "Café\x00"):
        assert recovered_gold(gold) == gold


def test_a_gold_whose_accents_became_replacement_characters_still_matches() -> None:
    gold = "It\ufffds the council\ufffds budget \ufffd approved on Monday after a long debate."
    assert article_labels(PAGE, gold) == [False, False, True, False]
    # Without the mask the curly apostrophes would make the article line boilerplate.
    assert article_labels(PAGE, gold.replace("\ufffd", "?")) == [False, False, False, False]


def test_a_sound_gold_is_compared_character_for_character() -> None:
    gold = "Its the councils budget - approved on Monday after a long debate."
    assert article_labels(PAGE, gold) == [False, False, False, False]
    assert article_labels(PAGE, "\n".join(PAGE[2:3])) == [False, False, True, False]
