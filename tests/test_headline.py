"""The article's own headline, known from its url's slug when the record has no title, is
never flagged by the boilerplate rules (NL408, NL409, NL410).

Pages written for the tests: whole pages as text, as a crawler hands them, with no title
field; the headline sits under a menu, and other pages of the site list it as a teaser.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

from newslint.rules._headline import is_byline, sign_off, slug_words, spells
from newslint.rules._structure import is_dateline
from newslint.run import Run

MENU = "* Home\n* News\n* Sport\n* Weather\n* Opinion"
FOOTER = "About us\nContact\nPrivacy policy\nTerms of use\nAdvertise with us"
STORIES = [
    ("rail-workers-will-strike-on-friday", "Rail Workers Will Strike On Friday"),
    ("new-bridge-opens-over-the-river", "New Bridge Opens Over the River"),
    ("museum-returns-two-paintings", "Museum Returns Two Paintings"),
    ("lower-town-floods-again", "Lower Town Floods Again"),
    ("mayor-will-not-run-again", "Mayor Will Not Run Again"),
]
PROSE = (
    "The announcement came on Monday after weeks of talks between the city and the unions, "
    "and officials said the decision would be reviewed at the end of the year."
)


SHARE = "Share\nTweet\nEmail\nPrint"


def _page(index: int, teasers: bool = True) -> dict[str, Any]:
    """Page ``index`` of the site: menu, its headline, its own text, then (like the site's
    other pages) a share bar, the three latest stories as teasers, and the footer."""
    slug, title = STORIES[index]
    latest = "\n".join(headline for _, headline in STORIES[:3]) if teasers else ""
    prose = f"{PROSE} This is story {index}, the {index + 1} of the week."
    body = f"{MENU}\n{title}\n{prose}\n\n{SHARE}\n{latest}\n{FOOTER}"
    return {"url": f"https://www.example-news.com/2024/05/{slug}/", "body": body}


def _flagged(run: Run, record: dict[str, Any], codes: tuple[str, ...]) -> set[str]:
    """The body lines that a diagnostic of ``codes`` touches."""
    body = record["body"]
    lines: set[str] = set()
    for diagnostic in run.lint_record(record):
        if diagnostic.code in codes:
            text = body[diagnostic.start : diagnostic.end]
            lines.update(line for line in text.split("\n") if line.strip())
    return lines


def test_the_corpus_pass_leaves_a_headline_that_other_pages_list_as_a_teaser() -> None:
    records = [_page(index) for index in range(5)]
    run = Run(extend_select=["NL408"])
    run = run.with_statistics(run.learn_records(records))
    for index in range(3):  # pages whose headline is also in every page's teaser list
        flagged = _flagged(run, records[index], ("NL408",))
        assert "* Home" in flagged and "Privacy policy" in flagged
        own = STORIES[index][1]
        assert own not in flagged
        # ...but the teasers of the other stories are the site's boilerplate.
        assert {title for _, title in STORIES[:3] if title != own} <= flagged


def test_without_the_slug_the_same_headline_is_flagged() -> None:
    """The control: the same pages at urls that spell nothing (an id), so the headline is
    one of the site's lines like the teasers around it."""
    records = [_page(index) for index in range(5)]
    for index, record in enumerate(records):
        record["url"] = f"https://www.example-news.com/story?id={index}"
    run = Run(extend_select=["NL408"])
    run = run.with_statistics(run.learn_records(records))
    assert STORIES[0][1] in _flagged(run, records[0], ("NL408",))


def test_a_short_headline_under_a_menu_is_not_taken_into_the_menu() -> None:
    record = _page(2, teasers=False)
    run = Run(extend_select=["NL409", "NL410"])
    flagged = _flagged(run, record, ("NL409", "NL410"))
    assert "* Home" in flagged
    assert "Museum Returns Two Paintings" not in flagged
    record["url"] = "https://www.example-news.com/story?id=2"  # control: no slug
    assert "Museum Returns Two Paintings" in _flagged(run, record, ("NL409", "NL410"))


def test_a_title_field_still_names_the_headline() -> None:
    record = _page(2, teasers=False)
    record["url"] = "https://www.example-news.com/story?id=2"
    record["title"] = "Museum Returns Two Paintings"
    run = Run(extend_select=["NL409", "NL410"])
    assert "Museum Returns Two Paintings" not in _flagged(run, record, ("NL409", "NL410"))


@pytest.mark.parametrize(
    ("url", "line"),
    [
        (
            "https://www.example.com/2012-11-06/shaq-picks-up-another-florida-home-for-235k/",
            "Shaq Picks Up Another Florida Home — For $235K",
        ),
        (
            "http://bigthink.example/ideafeed/letting-bluetooth-shift-your-bikes-gears?utm=feed",
            "Letting Bluetooth Shift Your Bike's Gears",
        ),
        (
            "https://www.example.com/2012/11/07/politics/obama-wins-second-term/index.html",
            "Obama wins second term",
        ),
        (
            "https://www.example.fr/societe/l-ete-de-la-releve-a-paris_6123.html",
            "L'été de la relève à Paris",
        ),
        (
            "https://www.example.de/politik/merkel-trifft-macron-in-paris-a-1234.html",
            "Merkel trifft Macron in Paris",
        ),
        (
            "https://www.example.es/espana/el-gobierno-aprueba-los-presupuestos.html",
            "El Gobierno aprueba los presupuestos",
        ),
        (
            "https://www.example.pl/kraj/sejm-przyjal-ustawe-o-szkolach",
            "Sejm przyjął ustawę o szkołach",
        ),
        (
            "https://www.example.ru/news/" + quote("путин-провел-встречу-с-министрами"),
            "Путин провёл встречу с министрами",
        ),
        # Slugs that leave out the small words (Drupal's Pathauto does by default).
        (
            "https://www.example.gov/blog/2012/07/21/weekly-address-remembering-victims-aurora",
            "Weekly Address: Remembering the Victims of Aurora",
        ),
        (
            "https://www.example.de/politik/merkel-trifft-macron-paris",
            "Merkel trifft Macron in Paris",
        ),
        (
            "https://www.example.fr/societe/maire-inaugure-nouvelle-bibliotheque",
            "Le maire inaugure la nouvelle bibliothèque",
        ),
    ],
)
def test_slugs_spell_headlines_in_many_languages(url: str, line: str) -> None:
    assert spells(line, slug_words(url))


@pytest.mark.parametrize(
    ("url", "line"),
    [
        # A section's slug is two words and a number: no headline to find.
        ("https://www.example.co.uk/news/entertainment-arts-18950371", "Entertainment & Arts"),
        # An id, a query, a bare domain: no slug at all.
        ("https://www.example.com/story?id=12", "Story twelve is here"),
        ("https://www.example.com/", "Welcome to the home page"),
        # A line that shares a few of the slug's words is not the headline.
        (
            "https://www.example.com/2024/rail-workers-will-strike-on-friday",
            "Rail strike: what you need to know about Friday",
        ),
        ("https://www.example.com/2024/rail-workers-will-strike-on-friday", "Friday"),
        # Another language's words for the same story.
        (
            "https://www.example.de/politik/merkel-trifft-macron-in-paris",
            "Merkel rencontre Macron à Paris",
        ),
        # Small words a slug may leave out do not make up for words it does not have.
        (
            "https://www.example.gov/blog/weekly-address-remembering-victims-aurora",
            "Weekly Address: the President on the Victims of the Storm in Aurora",
        ),
        # A transliterated slug does not spell a Cyrillic headline.
        (
            "https://www.example.ru/news/putin-provel-vstrechu-s-ministrami",
            "Путин провёл встречу с министрами",
        ),
    ],
)
def test_lines_a_slug_does_not_spell(url: str, line: str) -> None:
    assert not spells(line, slug_words(url))


def test_no_slug_spells_nothing() -> None:
    assert not spells("the of and", frozenset())  # small words only: no division by zero


PROFILE = "* View Profile\n* Email\n* Twitter\n* RSS"


def _bylined(url: str, byline: str) -> dict[str, Any]:
    """A blog page: menu, headline, the author's name over a bulleted profile menu, text."""
    body = f"{MENU}\nMuseum Returns Two Paintings\n{byline}\n{PROFILE}\n{PROSE}\n{PROSE}"
    return {"url": url, "body": body}


@pytest.mark.parametrize(
    "byline",
    ["Laura Beck", "By Morgen Peck", "by Byron", "Katie J.M. Baker", "24 July 2012"],
)
def test_the_byline_under_the_headline_is_not_taken_into_the_menu_below_it(byline: str) -> None:
    run = Run(extend_select=["NL409", "NL410"])
    record = _bylined("https://www.example-news.com/2024/05/museum-returns-two-paintings/", byline)
    flagged = _flagged(run, record, ("NL409", "NL410"))
    assert "* View Profile" in flagged and "* RSS" in flagged
    assert byline not in flagged
    record["url"] = "https://www.example-news.com/story?id=2"  # control: headline unknown
    assert byline in _flagged(run, record, ("NL409", "NL410"))


def test_a_title_field_protects_the_byline_under_the_line_that_is_the_title() -> None:
    """The line under the body's own copy of the title, not under a teaser holding it."""
    url = "https://www.example-news.com/story?id=2"
    record = {**_bylined(url, "Laura Beck"), "title": "Museum Returns Two Paintings"}
    run = Run(extend_select=["NL409", "NL410"])
    assert "Laura Beck" not in _flagged(run, record, ("NL409", "NL410"))
    teaser = record["body"].replace(
        "Museum Returns Two Paintings", "Museum Returns Two Paintings, the Week in Pictures", 1
    )
    record = {**record, "body": teaser}
    assert "Laura Beck" in _flagged(run, record, ("NL409", "NL410"))


def test_a_menu_line_under_the_headline_is_still_flagged() -> None:
    run = Run(extend_select=["NL409", "NL410"])
    url = "https://www.example-news.com/2024/05/museum-returns-two-paintings/"
    record = _bylined(url, "* Share")
    assert "* Share" in _flagged(run, record, ("NL409", "NL410"))


def test_the_corpus_pass_leaves_an_authors_name_that_other_pages_carry() -> None:
    """The same author writes on several pages: her name, under each headline, is on as
    many pages as the site's menu, next to its profile links."""
    records = []
    for slug, title in STORIES:
        body = f"{MENU}\n{title}\nLaura Beck\n{PROFILE}\n{PROSE}\n{FOOTER}"
        records.append({"url": f"https://www.example-news.com/2024/05/{slug}/", "body": body})
    run = Run(extend_select=["NL408"])
    run = run.with_statistics(run.learn_records(records))
    flagged = _flagged(run, records[1], ("NL408",))
    assert "* View Profile" in flagged and "Privacy policy" in flagged
    assert "Laura Beck" not in flagged


@pytest.mark.parametrize(
    "line",
    [
        "Laura Beck",
        "By Morgen Peck",
        "Von Anna Müller",
        "Par Jean de La Fontaine",
        "Por María López",
        "Di Giulia Rossi",
        "Door Jan de Vries",
        "Przez Jan Kowalski",
        "Автор: Иван Петров",
        "Від Олени Коваль",
        "24 July 2012",
        "5. November 2012",
    ],
)
def test_bylines_and_dates_in_many_languages(line: str) -> None:
    assert is_byline(line)


@pytest.mark.parametrize(
    "line",
    [
        "* View Profile",
        "Share this article:",
        "in collaboration with",
        "Lesen Sie auch:",
        "Plus d'infos sur le sujet",
        "Más noticias de la sección",
        "Читайте также",
        "Tim",  # one word without `by`: a sign-off, a section
        "The council approved the budget on Monday.",
        "Weitere Artikel zum Thema finden Sie hier",
    ],
)
def test_lines_that_are_no_byline(line: str) -> None:
    assert not is_byline(line)


@pytest.mark.parametrize(
    "line",
    [
        "Nov. 19, 2019 8:03 am ET",
        "Montag, 5. November 2012, 14:30 Uhr",
        "Veröffentlicht am 5. November 2012",
        "le 5 novembre 2012 à 14h30",
        "lunes, 5 de noviembre de 2012",
        "lunedì 5 novembre 2012 alle 14:30",
        "5 de novembro de 2012 às 14h30",
        "maandag 5 november 2012 om 14:30",
        "5 listopada 2012 r., godz. 14:30",
        "5 ноября 2012 г. в 14:30",
        "п'ятниця, 9 листопада 2012",
        "Stand: 05.11.2012",
    ],
)
def test_datelines_in_the_ten_languages(line: str) -> None:
    assert is_dateline(line)


@pytest.mark.parametrize(
    "line",
    [
        "The 2012 elections",
        "Mai 2012 Bericht",  # a month and a year in a title
        "Le maire de Paris",
        "Marzo de 2012 fue lluvioso",
        "Mayo Clinic 2012",
        "Листопад 2012 року видався теплим",
        "5 ноября",  # no year
    ],
)
def test_lines_that_are_no_dateline(line: str) -> None:
    assert not is_dateline(line)


@pytest.mark.parametrize(
    ("before", "after", "taken"),
    [
        ("That is all for today.", ["Cheers,", "Timo", "Categories"], 2),
        ("I loved it.", ["thanks", "With Love", "Elena", "Reply"], 3),
        ("Love and Blessings,", ["Jane", "Reply"], 1),  # the closing is the article's line
        ("He will start on Sunday.", ["– Marcas Grant", "Follow us on Twitter"], 1),
        ("Tomorrow: more tips.", ["-Scott", "<< Previous Post"], 1),
        ("Best,", ["-Scott", "<< Previous Post"], 1),
        ("We hope this helps.", ["Posted by Dan Friedman, AdWords Product Manager", "Share"], 1),
        ("Das war es.", ["Liebe Grüße", "Anna Müller", "Impressum"], 2),
        ("Merci à tous.", ["Amitiés,", "Jean de La Fontaine", "Accueil"], 2),
        ("Gracias por leer.", ["Un abrazo,", "María", "Portada"], 2),
        ("Vielen Dank.", ["Geschrieben von Anna Müller", "5. November 2012", "Impressum"], 2),
        ("Всем спасибо.", ["С уважением,", "Иван Петров", "Главная"], 2),
        ("Дякую всім.", ["З повагою,", "Олена Коваль", "Головна"], 2),
        ("Koniec.", ["Pozdrawiam,", "Jan Kowalski", "Kontakt"], 2),
        ("That is all.", ["\u00a0– Marcas Grant", "Follow us"], 1),  # a no-break space
        ("That is all.", ["-- Timo", "Home"], 1),
        ("That is all.", ["— Marcas Grant, Staff Writer", "Home"], 1),
        ("That is all.", ["Cheers,", "Timo.", "Home"], 2),
        ("That is all.", ["Cheers, Timo", "Home"], 1),  # on one line
        ("To wszystko.", ["Napisał Jan Kowalski", "Kontakt"], 1),
        ("Вот и всё.", ["Написал Иван Петров", "Главная"], 1),
        ("That is all.", ["by John on July 21, 2012", "Home"], 1),
    ],
)
def test_the_articles_sign_off(before: str, after: list[str], taken: int) -> None:
    assert sign_off(before, after) == taken


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("That is all for today.", ["- Home", "- News", "- Sport"]),  # a list of dashes
        ("That is all for today.", ["Categories", "Blog Design", "Blogging Basics"]),
        ("That is all for today.", ["By clicking above, you agree to our terms", "Privacy"]),
        ("That is all for today.", ["Cheers,", "see you next week", "Home"]),  # no name
        ("Related stories", ["Cheers,", "Timo"]),  # no sentence to sign
        ("That is all for today.", ["Top Stories", "World News"]),
        ("That is all for today.", ["Lesen Sie auch", "Mehr zum Thema"]),
        # Sections whose names are closings, or end with commas, and titles that start `By`.
        ("That is all for today.", ["Love", "Life", "Style"]),
        ("That is all for today.", ["Politics,", "Economy,", "Elections", "Sport"]),
        ("That is all for today.", ["By Category", "By Topic"]),
        ("That is all for today.", ["By The Numbers", "Home"]),
        ("That is all for today.", ["By Any Means Necessary", "Home"]),
        ("That is all for today.", ["Par Avion", "Accueil"]),
        ("That is all for today.", ["November 2012 (12)", "October 2012 (5)"]),  # an archive
    ],
)
def test_what_is_no_sign_off(before: str, after: list[str]) -> None:
    assert sign_off(before, after) == 0
