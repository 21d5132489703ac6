"""Metadata rules beyond the schema (NL010-NL014): what they must flag and what they must not."""

from __future__ import annotations

import json
import time
from datetime import date

import pytest

from newslint.diagnostics import Applicability
from newslint.readers import parse_document
from newslint.readers.json_reader import JSON_READER
from newslint.readers.text import TEXT_READER
from newslint.registry import all_rules
from newslint.rules.nl010_implausible_date import ImplausibleDate
from newslint.rules.nl011_byline_not_a_person import BylineNotAPerson, not_a_person
from newslint.rules.nl012_site_name_in_title import SiteNameInTitle, site_label
from newslint.rules.nl013_all_caps_title import AllCapsTitle
from newslint.rules.nl014_short_body import ShortBody
from newslint.selection import select_rules
from tests.rulekit import URL, apply_field_edits, changes_within_reported_spans, fix, lint

NL010, NL011, NL012, NL013, NL014 = (
    ImplausibleDate(),
    BylineNotAPerson(),
    SiteNameInTitle(),
    AllCapsTitle(),
    ShortBody(),
)
BODY = " ".join(["The council approved the budget after a long debate on Tuesday night."] * 5)


class FixedToday(ImplausibleDate):
    def today(self) -> date:
        return date(2024, 11, 1)


# NL010 implausible-date -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "words"),
    [
        ("2024-11-03", "in the future"),
        ("2099-12-31T23:59:00Z", "in the future"),
        ("1799-12-31", "before 1800"),
        ("0001-01-01", "before 1800"),
    ],
)
def test_nl010_flags_implausible_dates(published: str, words: str) -> None:
    [found] = lint(FixedToday(), published=published, body=BODY)
    assert (found.code, found.field, found.start, found.end) == ("NL010", "published", 0, 0)
    assert words in found.message and published[:10] in found.message
    assert found.fix is None


@pytest.mark.parametrize(
    "published", ["2024-11-01", "2024-11-02", "2024-11-02T23:00:00Z", "1800-01-01", "1851-09-18"]
)
def test_nl010_accepts_plausible_dates(published: str) -> None:
    assert lint(FixedToday(), published=published, body=BODY) == []


@pytest.mark.parametrize("published", [None, "", "not a date", "2024-02-30", 20241101])
def test_nl010_leaves_missing_and_invalid_dates_to_the_schema_rules(published: object) -> None:
    assert lint(FixedToday(), published=published, body=BODY) == []


def test_nl010_uses_the_real_clock_by_default() -> None:
    assert [d.code for d in lint(NL010, published="2999-01-01", body=BODY)] == ["NL010"]
    assert lint(NL010, published=date.today().isoformat(), body=BODY) == []


def test_nl010_reads_text_files() -> None:
    text = "Title\n\nBy Jane Doe\n\nNovember 01, 2999\n\nThe body.\n\nOriginal url:\n\n" + URL
    document = parse_document("a.txt", TEXT_READER, text, bom=False)
    [found] = [d for a in document.articles for d in NL010.check(a)]
    assert "2999-11-01" in found.message


# NL011 byline-not-a-person ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "what"),
    [
        ("Email The Author", "widget"),
        ("Share on Facebook", "widget"),
        ("3 Hours Ago", "relative time"),
        ("Jane Doe 20 minutes ago", "relative time"),
        ("https://example.org/authors/jane", "URL"),
        ("jane.doe@example.org", "e-mail"),
        ("November 1, 2024", "date"),
        ("Jane Doe | Nov 1, 2024", "date"),
        ("Friday, September, Jane Doe", "date"),
        ("admin", "placeholder"),
        ("Posted On, Jane Doe", "placeholder"),
        ("Please Enter Your Name Here", "placeholder"),
        ("Jane Doe, Because Without Liberty There Is Nothing At All.", "sentence"),
    ],
)
def test_nl011_flags_bylines_that_are_not_people(byline: str, what: str) -> None:
    [found] = lint(NL011, byline=f" {byline} ", body=BODY)
    assert (found.code, found.field, found.start, found.end) == (
        "NL011",
        "byline",
        1,
        1 + len(byline),
    )
    assert what in found.message and found.fix is None


@pytest.mark.parametrize(
    "byline",
    [
        "Jane Doe",
        "Jean-Luc Picard",
        "Joseph P. Martino",
        "John Smith Jr.",
        "J.J. Jackson",
        "Seán Ó Briain and Zoë Müller",
        "Сергей Лавров",
        "Reuters",
        "AP",
        "Staff",
        "Editorial Board",
        "Washington Examiner Staff, Jane Doe",
        "Jane Doe, Reuters",
        "Mary Ann May",
        "April Ryan",
        "June Carter, Sunday Times",
        "Universe Today",
        "Data Research Group - Europe",
    ],
)
def test_nl011_does_not_flag_people_agencies_and_organisations(byline: str) -> None:
    assert not_a_person(byline) is None
    assert lint(NL011, byline=byline, body=BODY) == []


# NL012 site-name-in-title -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "url", "site"),
    [
        (
            "North Korea Says It Will Stand by Russia | The Moscow Times",
            "https://www.themoscowtimes.com/2024/11/01/a",
            "The Moscow Times",
        ),
        ("Council approves budget - BBC News", "https://www.bbc.co.uk/news/1", "BBC News"),
        (
            "Waking up in the morgue – Awareness Act",
            "http://awarenessact.com/tag/x",
            "Awareness Act",
        ),
        ("Budget passes :: Example.com", "https://other.org/a", "Example.com"),
        ("Budget passes — The Springfield Herald", "https://other.org/a", "The Springfield Herald"),
    ],
)
def test_nl012_flags_site_name_and_unsafe_fix_strips_it(title: str, url: str, site: str) -> None:
    [found] = lint(NL012, title=title, url=url, body=BODY)
    assert found.field == "title" and title[found.start : found.end].endswith(site)
    assert found.end == len(title) and site in found.message
    assert found.fix is not None and found.fix.applicability is Applicability.UNSAFE
    assert apply_field_edits(title, found.fix.edits) == title[: title.rindex(site) - 3].rstrip()


def test_nl012_fix_on_a_document_is_unsafe_and_idempotent() -> None:
    text = json.dumps(
        {"title": "Council approves budget | The Daily Example", "url": URL, "body": BODY},
        indent=1,
    )
    assert fix("a.json", JSON_READER, text, rules=(NL012,)) == text
    fixed = fix("a.json", JSON_READER, text, unsafe=True, rules=(NL012,))
    assert json.loads(fixed)["title"] == "Council approves budget"
    changes_within_reported_spans("a.json", JSON_READER, text, fixed, rules=(NL012,))


@pytest.mark.parametrize(
    ("title", "url"),
    [
        ("Star Wars - The Last Jedi", URL),
        ("Guns of Hollywood 058 – Mission Impossible", URL),
        ("Clinton Emails: Key to Understanding the Case – Andrew Roe", URL),
        ("Hurricane Footage – Mainstream Media Isn’t Telling You The Truth!", URL),
        ("Brexit - what happens next", "https://www.bbc.co.uk/news/1"),
        ("Jean-Pierre wins - again", URL),
        ("News | Times", URL),  # nothing left but the name
        ("Top Video – Video", "https://video.example.org/a"),
        ("The rise and fall of the Daily News", URL),
    ],
)
def test_nl012_does_not_flag(title: str, url: str) -> None:
    assert lint(NL012, title=title, url=url, body=BODY) == []


@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("https://www.bbc.co.uk/news", "bbc"),
        ("https://news.yahoo.com/a", "yahoo"),
        ("https://themoscowtimes.com/", "themoscowtimes"),
        ("not a url", None),
        ("http://[::1", None),
    ],
)
def test_nl012_site_label(url: str, label: str | None) -> None:
    assert site_label(url) == label


# NL013 all-caps-title ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "MINISTER RESIGNS OVER SCANDAL",
        "AÇÃO DA POLÍCIA TERMINA SEM FERIDOS",
        "ПРЕЗИДЕНТ ПРОВЁЛ ПЕРЕГОВОРЫ В КРЕМЛЕ",
        "Ο ΠΡΩΘΥΠΟΥΡΓΟΣ ΕΠΙΣΚΕΦΘΗΚΕ ΤΗΝ ΑΘΗΝΑ",
        "NATO AND G7 LEADERS MEET IN ROME",
    ],
)
def test_nl013_flags_all_caps_titles(title: str) -> None:
    [found] = lint(NL013, title=title, body=BODY)
    assert (found.field, found.start, found.end) == ("title", 0, len(title))
    assert found.fix is None


@pytest.mark.parametrize(
    "title",
    [
        "NATO",
        "G7 SUMMIT",
        "POLICY ROUNDUP",
        "Minister resigns over scandal",
        "NATO summit opens in Rome",
        "東京都知事が新しい計画を発表",
        "서울시 새로운 정책 발표",
        "2024: 10 THINGS",
    ],
)
def test_nl013_does_not_flag(title: str) -> None:
    assert lint(NL013, title=title, body=BODY) == []


# NL014 short-body -------------------------------------------------------------------------


def test_nl014_is_registered_but_off_by_default() -> None:
    assert "NL014" in {rule.code for rule in all_rules()}
    assert "NL014" not in {rule.code for rule in select_rules(all_rules())}


def test_nl014_is_off_by_default_but_selectable() -> None:
    assert NL014.enabled_by_default is False
    assert "NL014" not in {rule.code for rule in select_rules([NL014])}
    assert [rule.code for rule in select_rules([NL014], select=["NL014"])] == ["NL014"]


@pytest.mark.parametrize(
    "body",
    [
        "Click here to read the full story.",
        "  A one-line teaser that stops here.  ",
        " ".join(["word"] * 28) + " " + "x" * 100,  # 29 words, 240 characters
        "東京都知事は記者会見で新しい計画を発表した。",
    ],
)
def test_nl014_flags_short_bodies(body: str) -> None:
    [found] = lint(NL014, body=body)
    start = len(body) - len(body.lstrip())
    assert (found.field, found.start, found.end) == ("body", start, len(body.rstrip()))


def test_nl014_threshold_is_a_class_attribute() -> None:
    class Briefs(ShortBody):
        min_characters = 20
        min_words = 5

    assert lint(Briefs(), body="Click here to read the full story.") == []
    assert lint(ShortBody(), body="Click here to read the full story.") != []


@pytest.mark.parametrize(
    "body", [BODY, "東京都知事は記者会見で新しい計画を発表した。" * 10, "", "   "]
)
def test_nl014_does_not_flag(body: str) -> None:
    assert lint(NL014, body=body) == []


def test_metadata_rules_are_documented() -> None:
    for rule in (NL010, NL011, NL012, NL013, NL014):
        assert rule.code.startswith("NL01") and rule.summary and rule.explanation
        assert rule.bad and rule.good


@pytest.mark.parametrize("rule", [NL010, NL011, NL012, NL013, NL014], ids=lambda rule: rule.code)
def test_metadata_rules_are_fast_on_adversarial_input(rule: object) -> None:
    texts = [
        "a" * 100_000,
        " - " * 33_000 + "News",
        "a-" * 50_000 + ".com",
        "1 " * 50_000 + "hours ago",
        "x@" * 50_000,
        "A" * 100_000,
        "| " * 50_000,
    ]
    for text in texts:
        started = time.perf_counter()
        lint(rule, title=text, byline=text, url=f"https://{text[:200]}.com/", body=text)  # type: ignore[arg-type]
        assert time.perf_counter() - started < 1.0, text[:20]
