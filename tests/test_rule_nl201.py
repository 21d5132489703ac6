"""NL201 split-url: what it must flag, what it must not, and its fixes."""

from __future__ import annotations

import pytest

from newslint.diagnostics import Applicability, Edit
from tests.rulekit import (
    JOINED,
    NL201,
    SPLIT,
    apply_field_edits,
    lint,
)


def test_nl201_url_field_split_by_space_is_safe() -> None:
    [found] = lint(NL201, url=SPLIT, body="Body.")
    assert (found.field, found.start, found.end) == ("url", 0, len(SPLIT))
    assert found.fix is not None and found.fix.applicability is Applicability.SAFE
    assert apply_field_edits(SPLIT, found.fix.edits) == JOINED


def test_nl201_url_field_split_by_line_break() -> None:
    url = "https://example.com/world/north-korea-\nsays-it-will-stand-by-russia"
    [found] = lint(NL201, url=url, body="Body.")
    assert (found.field, found.start, found.end) == ("url", 0, len(url))
    assert "line break" in found.message
    assert found.fix is not None and found.fix.applicability is Applicability.SAFE
    assert apply_field_edits(url, found.fix.edits) == url.replace("\n", "")


def test_nl201_url_field_with_unconfirmed_piece_is_unsafe() -> None:
    url = "https://example.com/world/story lede"
    [found] = lint(NL201, url=url, body="Body.")
    assert found.fix is not None and found.fix.applicability is Applicability.UNSAFE


def test_nl201_url_field_followed_by_words_is_not_guessed() -> None:
    assert lint(NL201, url="https://example.com/story (see below!)", body="Body.") == []


def test_nl201_body_split_confirmed_by_id_is_safe() -> None:
    body = f"Original url: {SPLIT}"
    [found] = lint(NL201, body=body)
    assert (found.field, found.start, found.end) == ("body", 14, len(body))
    assert found.fix is not None and found.fix.applicability is Applicability.SAFE
    assert found.fix.edits == (Edit("body", 14 + SPLIT.index(" "), 14 + SPLIT.index(" ") + 1, ""),)
    assert apply_field_edits(body, found.fix.edits) == f"Original url: {JOINED}"


def test_nl201_caption_wrap_after_hyphen_is_unsafe_unless_it_is_the_record_url() -> None:
    caption = "Photo from https://example.com/world/north-korea-\nsays-it-will-stand today."
    [found] = lint(NL201, caption=caption, body="Body.")
    end = caption.index(" today")
    assert (found.field, found.start, found.end) == ("caption", 11, end)
    assert found.fix is not None and found.fix.applicability is Applicability.UNSAFE
    record = "https://example.com/world/north-korea-says-it-will-stand"
    [found] = lint(NL201, caption=caption, body="Body.", url=record)
    assert found.fix is not None and found.fix.applicability is Applicability.SAFE
    assert apply_field_edits(caption, found.fix.edits) == f"Photo from {record} today."


@pytest.mark.parametrize(
    ("body", "joined", "applicability"),
    [
        # A hard wrap mid-word, in the middle of a slug.
        (
            "Story (https://news.example.com/business/story/2024-03-02/harbourmaste\n"
            "r-plans-new-ferry-route) here.",
            "https://news.example.com/business/story/2024-03-02/harbourmaster-plans-new-ferry-route)",
            Applicability.UNSAFE,
        ),
        # Wrapped before an extension.
        (
            "See https://example.com/2024/03/02/local/town-council-approves-harbour-exten\n"
            "sion/index.html for more.",
            "https://example.com/2024/03/02/local/town-council-approves-harbour-extension/index.html",
            Applicability.SAFE,
        ),
        # Split after a slash by a space.
        (
            "see https://www.example.com/news/ story-2024.html now",
            "https://www.example.com/news/story-2024.html",
            Applicability.SAFE,
        ),
    ],
)
def test_nl201_body_splits(body: str, joined: str, applicability: Applicability) -> None:
    [found] = lint(NL201, body=body)
    assert found.fix is not None and found.fix.applicability is applicability
    assert joined in apply_field_edits(body, found.fix.edits)
    assert found.start == body.index("http")


@pytest.mark.parametrize(
    "text",
    [
        "see https://example.org for details",
        "https://example.org/news/a-story well-known",
        "Go to https://example.org/path, then leave.",
        "Visit https://example.org/top-stories 3-4 times a week.",
        "Scores: https://example.org/live-scores 2-1 win for Chelsea.",
        "Data at https://example.org/stats/ 2023-24 season.",
        "https://example.org/news/a-story\n2024-11-01 was the date",
        "See https://example.org/some-story e-mail us.",
        "See https://example.org/some-story co-operation is key.",
        "The page https://example.org/news/a-story up-to-date.",
        "See https://example.org/a-story covid-19 cases and f-35 jets.",
        "Posted by (https://example.org/blog/author/jane-doe/)\n12/03/2024 Comment",
        "Related-party transactions rose, https://example.org/a-b said.",
    ],
)
def test_nl201_does_not_glue_ordinary_text_after_a_url(text: str) -> None:
    assert lint(NL201, caption=text, body=text) == []


@pytest.mark.parametrize(
    "body",
    [
        "Photo at https://example.com/media/2018/10/IMAGE-ENGLISH.jpg\njdadmin2018-10-12 uploaded",
        "See https://example.com/news/some-story\nab-testing of the new site began.",
        "Links: http://example.com/c- http://example.com/c- and more",
        "Read https://example.com/a/b-c.html\nr-ukraine-a86878 later",
    ],
)
def test_nl201_pieces_that_are_not_the_rest_of_the_url(body: str) -> None:
    assert lint(NL201, body=body) == []
