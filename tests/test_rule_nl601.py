"""NL601 duplicate-paragraph: only a copy next to its original is safely extraction damage."""

from __future__ import annotations

import json

from newslint.diagnostics import Applicability
from newslint.readers.json_reader import JSON_READER
from newslint.rules.nl601_duplicate_paragraph import DuplicateParagraph
from tests.rulekit import URL, fix, lint

NL601 = DuplicateParagraph()

# A meal-plan post: the author lists each day's recipe, then repeats the shopping lines
# in a summary at the end.  The repeats are the author's, far from their originals.
MONDAY = (
    "Monday: overnight oats with grated apple, cinnamon and a spoon of peanut butter, "
    "made the evening before."
)
TUESDAY = (
    "Tuesday: lentil soup with carrots, celery and cumin, cooked in one pot and frozen "
    "in four portions."
)
NOTES = [
    "Cook the lentils on Sunday.",
    "Freeze half of the soup.",
    "The oats keep three days in the fridge, so make a double batch if you like.",
    "Buy the apples loose, not in bags, and pick the firm ones.",
    "Here is the whole plan again, for printing:",
]
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


def applicabilities(body: str) -> list[Applicability | None]:
    return [d.fix.applicability if d.fix else None for d in lint(NL601, body=body)]


def document(body: str) -> str:
    return json.dumps({"url": URL, "title": "A title", "body": body}, ensure_ascii=False)


def test_far_copies_in_a_meal_plan_get_an_unsafe_fix_and_plain_fix_keeps_them() -> None:
    body = "\n\n".join([MONDAY, TUESDAY, *NOTES, MONDAY, TUESDAY])
    assert applicabilities(body) == [Applicability.UNSAFE, Applicability.UNSAFE]
    text = document(body)
    assert fix("a.json", JSON_READER, text, rules=(NL601,)) == text
    fixed = fix("a.json", JSON_READER, text, unsafe=True, rules=(NL601,))
    assert json.loads(fixed)["body"].startswith("\n\n".join([MONDAY, TUESDAY, *NOTES]))
    assert json.loads(fixed)["body"].count(TUESDAY) == 1


def test_far_lone_copy_is_unsafe() -> None:
    long = " ".join([LONG, OTHER, THIRD])
    body = "\n\n".join([long, "A short line.", OTHER, THIRD, "Another line.", long])
    assert applicabilities(body) == [Applicability.UNSAFE]


def test_adjacent_copy_is_safe() -> None:
    assert applicabilities(f"{LONG}\n\n{LONG}\n\n{OTHER}") == [Applicability.SAFE]


def test_copy_with_three_paragraphs_between_is_safe() -> None:
    # A caption shown in a gallery and again under the photo, a credit and an ad between.
    long = " ".join([LONG, THIRD, LONG])
    body = f"{long}\n\nPhoto: AP\n\nAdvertisement\n\nShare this\n\n{long}\n\n{OTHER}"
    assert applicabilities(body) == [Applicability.SAFE]


def test_copy_four_paragraphs_away_is_unsafe() -> None:
    # (A lone copy must be long to be flagged at all.)
    long = " ".join([LONG, THIRD, LONG])
    body = f"{long}\n\n{OTHER}\n\nA short line.\n\nTwo.\n\nThree.\n\n{long}"
    assert applicabilities(body) == [Applicability.UNSAFE]


def test_block_repeated_right_after_itself_is_safe_however_long() -> None:
    # The article walked twice (its AMP copy): every copy is far from its original by
    # paragraph count, but the copied block follows the original block directly.
    block = [LONG, OTHER, THIRD, "A short heading", LONG.replace("seven", "six")]
    body = "\n\n".join([*block, *block, "The end of the story, with no more to say about it."])
    assert applicabilities(body) == [Applicability.SAFE] * 4
    text = document(body)
    fixed = fix("a.json", JSON_READER, text, rules=(NL601,))
    assert json.loads(fixed)["body"] == "\n\n".join(
        [*block, "A short heading", "The end of the story, with no more to say about it."]
    )


def test_block_repeated_after_other_text_is_unsafe() -> None:
    block = [LONG, OTHER, THIRD]
    middle = ["One paragraph in between.", "A second one.", "A third.", "A fourth."]
    body = "\n\n".join([*block, *middle, *block])
    assert applicabilities(body) == [Applicability.UNSAFE] * 3


def test_many_identical_paragraphs_stay_safe_and_cheap() -> None:
    # Each copy is next to the previous one: the nearness test looks at the previous
    # occurrence, not the first, so it costs a step per copy.
    body = "\n\n".join([LONG] * 1000)
    found = applicabilities(body)
    assert len(found) == 999 and set(found) == {Applicability.SAFE}
