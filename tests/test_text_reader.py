"""The .txt reader: the seed's layout, its variations, and what it does with what it cannot place."""

from __future__ import annotations

import pytest

from newslint.readers.text import TEXT_READER, parse_date
from tests.conftest import SEED

ARTICLE = """

Floods Hit Valencia Again

By Maria Lopez

2024-11-03

Rescue workers in a flooded street. Photo: Jose Jordan / AFP

Heavy rain returned to Valencia on Sunday.

Officials urged residents to stay home.

Original url: https://example.com/2024/11/03/floods-valencia
"""


def _read(text: str):  # type: ignore[no-untyped-def]
    articles, errors = TEXT_READER.parse("a.txt", text)
    assert errors == []
    assert len(articles) == 1
    return articles[0]


def test_seed_layout_fields_and_spans() -> None:
    text = SEED.read_text(encoding="utf-8")
    article = _read(text)
    assert article.title == "North Korea Says It Will Stand by Russia Until 'Victory' Over Ukraine"
    assert article.byline == "AFP"
    assert article.values["published"] == "2024-11-01"
    assert article.caption is not None and article.caption.endswith("**Valery Sharifulin / TASS**")
    assert article.url is not None and article.url.startswith("https://www.themoscowtimes.com/")
    assert len(article.paragraphs) == 10
    assert article.paragraphs[0].startswith("North Korea's foreign minister met")
    # Every span is the exact slice of the file that holds the field's text.
    for name, span in article.spans.items():
        assert text[span.start : span.end] == article.values[name] or name == "published"


def test_inline_footer_caption_variants_and_iso_date() -> None:
    article = _read(ARTICLE)
    assert article.title == "Floods Hit Valencia Again"
    assert article.byline == "Maria Lopez"
    assert article.values["published"] == "2024-11-03"
    assert article.caption == "Rescue workers in a flooded street. Photo: Jose Jordan / AFP"
    assert article.url == "https://example.com/2024/11/03/floods-valencia"
    assert article.paragraphs == [
        "Heavy rain returned to Valencia on Sunday.",
        "Officials urged residents to stay home.",
    ]


def test_paragraph_without_credit_is_body_not_caption() -> None:
    text = ARTICLE.replace(" Photo: Jose Jordan / AFP", " The water rose quickly.")
    article = _read(text)
    assert article.caption is None
    assert article.paragraphs[0] == "Rescue workers in a flooded street. The water rose quickly."


def test_missing_parts_are_absent_and_everything_else_is_body() -> None:
    article = _read("Just one paragraph of text that the scraper saved.\nIt has two lines.\n")
    assert article.title is None
    assert "url" not in article.values
    assert article.body == "Just one paragraph of text that the scraper saved.\nIt has two lines."


def test_crlf_file_keeps_fields_without_carriage_returns() -> None:
    article = _read(ARTICLE.replace("\n", "\r\n"))
    assert article.title == "Floods Hit Valencia Again"
    assert article.url == "https://example.com/2024/11/03/floods-valencia"
    assert "\r" not in (article.caption or "")
    assert article.paragraphs == [
        "Heavy rain returned to Valencia on Sunday.",
        "Officials urged residents to stay home.",
    ]


def test_wrapped_footer_url_is_kept_whole_for_the_url_rule() -> None:
    text = "Title\n\nBody text.\n\nOriginal url:\n\nhttps://example.com/a/north-korea-\nsays-it-will-stay-a1\n"
    article = _read(text)
    assert article.url == "https://example.com/a/north-korea-\nsays-it-will-stay-a1"


def test_related_section_is_read_into_related() -> None:
    text = "Title\n\nBody text.\n\nRelated articles:\n- First headline\n- Second one\n\nOriginal url: https://e.com/x\n"
    article = _read(text)
    assert article.related == ["First headline", "Second one"]
    assert article.body == "Body text."


def test_empty_file_is_an_error() -> None:
    articles, errors = TEXT_READER.parse("e.txt", "  \n\n")
    assert articles == [] and len(errors) == 1 and "empty" in errors[0].message


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("November 01, 2024", "2024-11-01"),
        ("Nov. 1, 2024", "2024-11-01"),
        ("Friday, November 1, 2024", "2024-11-01"),
        ("1 November 2024", "2024-11-01"),
        ("3rd March 2023", "2023-03-03"),
        ("Sept 9, 2021 10:30 AM", "2021-09-09"),
        ("2024-11-01", "2024-11-01"),
        ("2024-11-01T09:30:00Z", "2024-11-01T09:30:00Z"),
        ("February 30, 2024", "2024-02-30"),  # not a real date: ISO-shaped for NL003
        ("By AFP", None),
        ("November is cold", None),
        ("The 2024 election", None),
    ],
)
def test_date_lines(line: str, expected: str | None) -> None:
    assert parse_date(line) == expected
