"""NL410 edge-boilerplate: page furniture around the article, told from prose by length and
stop words (jusText's classification, from text alone), in ten languages.

Every text here is written for the tests (never copied from ../shared).
"""

from __future__ import annotations

import json
import random
import textwrap

import pytest

from newslint.rules.nl410_edge_boilerplate import (
    BAD,
    GOOD,
    MAX_LINK_DENSITY,
    NEAR,
    NEUTRAL,
    SHORT,
    EdgeBoilerplate,
    _classify,
    _non_empty_lines,
    _resolve,
    _unlinked,
)
from newslint.stopwords import DEFAULT_LANGUAGES, LISTS, stop_words
from tests.rulekit import JSON_READER, apply_field_edits, fix, lint

NL410 = EdgeBoilerplate()
# Small edges, so that short pages written by hand are judged.
SMALL = NL410.configured({"min-edge-lines": 4, "header-lines": 2, "footer-lines": 0})
NO_HEADER = SMALL.configured({"header-lines": 0})

PROSE = {
    "en": "The council approved the budget on Monday after a long debate in which members of "
    "every party spoke, and the mayor said that the money for the new library would be paid "
    "out in the spring of next year, once the plans are final.",
    "de": "Der Stadtrat hat den Haushalt am Montag nach einer langen Debatte beschlossen, in der "
    "Mitglieder aller Parteien gesprochen haben, und der Bürgermeister sagte, dass das Geld für "
    "die neue Bibliothek im Frühjahr des nächsten Jahres ausgezahlt werden soll.",
    "fr": "Le conseil municipal a adopté le budget lundi après un long débat au cours duquel des "
    "membres de tous les partis ont pris la parole, et le maire a déclaré que l'argent pour la "
    "nouvelle bibliothèque serait versé au printemps de l'année prochaine.",
    "es": "El consejo aprobó el presupuesto el lunes después de un largo debate en el que "
    "hablaron miembros de todos los partidos, y el alcalde dijo que el dinero para la nueva "
    "biblioteca se pagará en la primavera del año que viene, cuando los planes estén listos.",
    "it": "Il consiglio comunale ha approvato il bilancio lunedì dopo un lungo dibattito in cui "
    "hanno parlato i membri di tutti i partiti, e il sindaco ha detto che i soldi per la nuova "
    "biblioteca saranno pagati nella primavera del prossimo anno.",
    "pt": "A câmara municipal aprovou o orçamento na segunda-feira depois de um longo debate em "
    "que falaram membros de todos os partidos, e o presidente disse que o dinheiro para a nova "
    "biblioteca será pago na primavera do próximo ano, quando os planos estiverem prontos.",
    "nl": "De gemeenteraad heeft de begroting maandag goedgekeurd na een lang debat waarin leden "
    "van alle partijen het woord voerden, en de burgemeester zei dat het geld voor de nieuwe "
    "bibliotheek in het voorjaar van volgend jaar zal worden uitbetaald.",
    "pl": "Rada miasta przyjęła budżet w poniedziałek po długiej debacie, w której głos zabrali "
    "członkowie wszystkich partii, a burmistrz powiedział, że pieniądze na nową bibliotekę "
    "zostaną wypłacone wiosną przyszłego roku, kiedy plany będą już gotowe.",
    "ru": "Городской совет утвердил бюджет в понедельник после долгих споров, в которых "
    "выступили члены всех партий, и мэр сказал, что деньги на новую библиотеку будут "
    "выплачены весной следующего года, когда все планы будут готовы.",
    "uk": "Міська рада затвердила бюджет у понеділок після довгої дискусії, в якій виступили "
    "члени всіх партій, і мер сказав, що гроші на нову бібліотеку будуть виплачені навесні "
    "наступного року, коли всі плани будуть готові.",
}
MENUS = {
    "en": "Home\nWorld\nBusiness\nSport\nWeather\nOpinion",
    "de": "Startseite\nPolitik\nWirtschaft\nKultur\nSport\nWetter",
    "fr": "Accueil\nInternational\nÉconomie\nCulture\nSport\nMétéo",
    "es": "Portada\nInternacional\nEconomía\nCultura\nDeportes\nOpinión",
    "it": "Home page\nCronaca\nEconomia\nCultura\nSport\nMeteo",
    "pt": "Início\nMundo\nEconomia\nCultura\nDesporto\nOpinião",
    "nl": "Voorpagina\nBinnenland\nBuitenland\nEconomie\nSport\nWeer",
    "pl": "Strona główna\nKraj\nŚwiat\nGospodarka\nSport\nPogoda",
    "ru": "Главная\nПолитика\nЭкономика\nКультура\nСпорт\nПогода",
    "uk": "Головна\nПолітика\nЕкономіка\nКультура\nСпорт\nПогода",
}
# A closing line of the article itself: a short sentence, in each language.
CLOSING = {
    "en": "The vote was seven to two.",
    "de": "Die Abstimmung endete mit sieben zu zwei.",
    "fr": "Le vote a été de sept voix contre deux.",
    "es": "La votación fue de siete a dos.",
    "it": "Il voto è stato di sette a due.",
    "pt": "A votação foi de sete contra dois.",
    "nl": "De stemming eindigde op zeven tegen twee.",
    "pl": "Głosowanie zakończyło się wynikiem siedem do dwóch.",
    "ru": "Голосование закончилось со счётом семь к двум.",
    "uk": "Голосування закінчилося з рахунком сім до двох.",
}


def _found(body: str, rule: EdgeBoilerplate = SMALL) -> list[tuple[int, int, str]]:
    return [(d.start, d.end, d.message) for d in lint(rule, body=body)]


def _flagged_text(body: str, rule: EdgeBoilerplate = SMALL) -> str:
    return "".join(body[start:end] for start, end, _ in _found(body, rule))


def test_the_ten_languages_have_their_stop_word_lists() -> None:
    assert set(DEFAULT_LANGUAGES) <= set(LISTS)
    words = stop_words()
    for word in ("the", "und", "les", "los", "della", "não", "het", "się", "и", "і"):
        assert word in words
    assert "budget" not in words and "библиотеку" not in words
    assert all(word and word == word.strip('"(.,') for word in words)


@pytest.mark.parametrize("language", sorted(PROSE))
def test_a_paragraph_of_prose_is_prose_in_each_language(language: str) -> None:
    assert _classify(PROSE[language], stop_words()) == GOOD
    # ...and not with the English list alone (except English): the lists do the work.
    if language != "en":
        assert _classify(PROSE[language], stop_words(("en",))) != GOOD


@pytest.mark.parametrize("language", sorted(MENUS))
def test_a_menu_before_the_article_in_each_language(language: str) -> None:
    menu, prose, closing = MENUS[language], PROSE[language], CLOSING[language]
    body = f"{menu}\n\n{prose}\n\n{closing}"
    found = _found(body, NO_HEADER)
    assert [(start, end) for start, end, _ in found] == [(0, body.index(prose))]
    assert found[0][2].startswith("edge boilerplate: 6 lines before the article")


@pytest.mark.parametrize("language", sorted(MENUS))
def test_a_footer_after_the_article_in_each_language(language: str) -> None:
    prose, footer = PROSE[language], MENUS[language]
    body = f"{prose}\n\n{footer}\n© 2024"
    assert _flagged_text(body) == f"{footer}\n© 2024"


def test_the_documented_example_holds_with_the_default_options() -> None:
    body = NL410.bad
    found = lint(NL410, body=body)
    assert len(found) == 1
    for diagnostic in reversed(found):
        assert diagnostic.fix is not None
        body = apply_field_edits(body, diagnostic.fix.edits)
    assert body == NL410.good
    assert lint(NL410, body=NL410.good) == []


def test_the_header_before_the_article_is_kept_and_bulleted_menus_are_not() -> None:
    menu = "\n".join(f"* Section {number}" for number in range(1, 15))
    header = "Council approves budget\nBy Jane Doe\nMonday 4 November 2024"
    rule = NL410.configured({"min-edge-lines": 4, "header-lines": 3})
    body = f"Home\nNews\nSport\n{header}\n{menu}\n\n{PROSE['en']}"
    flagged = _flagged_text(body, rule)
    assert "* Section 14" in flagged and "Home" in flagged and "News" in flagged
    assert "Council approves budget" not in flagged and "Jane Doe" not in flagged


def test_bulleted_lines_do_not_use_up_the_header_zone() -> None:
    """A share bar between the byline and the article (`* Print`, `* Share:`...) is flagged
    and leaves the header's budget to the headline and byline above it."""
    share = "\n".join(f"* {name}" for name in ("Text Size", "Print", "Reprints", "Share:"))
    share += "\n+ Facebook\n+ Twitter\n+ Digg\n+ Delicious\n+ Email\n+ More"
    header = "Haiti camps after the storm\nPosted by Max Fisher on October 29, 2012"
    menu = "\n".join(f"Section {number}" for number in range(1, 30))
    body = f"{menu}\n{header}\n{share}\n\n{PROSE['en']}"
    flagged = _flagged_text(body, NL410.configured({"min-edge-lines": 4, "header-lines": 3}))
    assert "+ Delicious" in flagged and "Section 2\n" in flagged
    assert "Haiti camps" not in flagged and "Max Fisher" not in flagged


def test_short_lead_paragraphs_belong_to_the_article_and_the_header_sits_above_them() -> None:
    """News sites open with one-sentence paragraphs (under 200 characters: near-prose);
    the header zone counts from the first of them, not from the first long paragraph."""
    leads = "\n".join(
        [
            "The club is considering loaning the midfielder to a lower league side.",
            "He was suspended after being sent off in the last game of the season.",
            "The rules allow a club to apply for a ban to be served with another club.",
            "The manager said that all of the options were being looked at this week.",
        ]
        * 4
    )
    header = "Club weighs loan for suspended midfielder\nBy A Reporter Sport"
    menu = "\n".join(f"Section {number}" for number in range(1, 30))
    body = f"{menu}\n{header}\n{leads}\n{PROSE['en']}"
    flagged = _flagged_text(body, NL410.configured({"min-edge-lines": 4, "header-lines": 3}))
    assert "Section 2\n" in flagged
    assert "Club weighs loan" not in flagged and "A Reporter" not in flagged


def test_short_sentences_next_to_the_article_are_kept_but_furniture_between_is_not() -> None:
    body = (
        f"Sign in\nSubscribe\nSearch\nMenu\n\n{PROSE['en']}\n\n"
        "“We will not give up,” she said.\n\n"
        "Share this article\nFacebook\nTwitter\nEmail"
    )
    flagged = _flagged_text(body, NO_HEADER)
    assert "she said" not in flagged
    assert flagged.startswith("Sign in") and "Share this article\nFacebook" in flagged


@pytest.mark.parametrize(
    "body",
    [
        # A clean article: paragraphs and a short closing sentence.
        f"{PROSE['en']}\n\n{PROSE['en']}\n\n{CLOSING['en']}",
        # No prose at all (a list-only record): nothing to tell the article from.
        "Home\nNews\nSport\nWeather\nOpinion\nVideo",
        # A numbered list after the last paragraph: the article's own steps.
        f"{PROSE['en']}\n\n1. Preheat the oven\n2. Mix the flour\n3. Add the eggs\n4. Bake it",
        # Bare URLs after the article (sources): not furniture by length and stop words.
        f"{PROSE['en']}\n\nhttps://example.org/a\nhttps://example.org/b\n"
        "https://example.org/c\nhttps://example.org/d",
        # Scripts the stop-word lists do not cover.
        f"{PROSE['en']}\n\n北京\n上海\n广州\n深圳\n\nالقاهرة\nدبي",
        # A title, byline and date right before the first paragraph.
        f"Budget approved\nBy Jane Doe\n\n{PROSE['en']}",
        # Accents and Cyrillic: prose with its own closing sentences.
        f"{PROSE['fr']}\n\n{CLOSING['fr']}\n\n{PROSE['ru']}\n\n{CLOSING['ru']}",
        f"{PROSE['uk']}\n\n{CLOSING['uk']}\n\n{PROSE['pl']}\n\n{CLOSING['pl']}",
    ],
)
def test_what_it_must_not_flag(body: str) -> None:
    assert _found(body) == []


def test_short_edges_are_not_judged_by_default() -> None:
    """An extractor's output with a few lines around the article is not a whole page."""
    body = f"{MENUS['en']}\n\n{PROSE['en']}\n\n{MENUS['de']}"
    assert _found(body, SMALL) != []
    assert _found(body, NL410) == []


def test_the_languages_option() -> None:
    body = f"{MENUS['de']}\n\n{PROSE['de']}"
    assert _found(body) != []
    english = SMALL.configured({"languages": ["en"]})
    assert _found(body, english) == []  # German prose is not prose to an English reader
    with pytest.raises(ValueError, match="no stop-word list for 'xx'"):
        NL410.configured({"languages": ["en", "xx"]})


def test_the_fix_deletes_the_furniture_and_settles() -> None:
    body = f"{MENUS['en']}\n\n{PROSE['en']}\n\n{CLOSING['en']}\n\nAbout us\nContact\nPrivacy\nJobs"
    fixed = json.loads(
        fix("a.json", JSON_READER, json.dumps({"title": "T", "body": body}), True, (NO_HEADER,))
    )["body"]
    assert fixed == f"{PROSE['en']}\n\n{CLOSING['en']}\n\n"
    assert _found(fixed, NO_HEADER) == []


def test_a_hard_wrapped_page_is_read_paragraph_by_paragraph() -> None:
    """html2text and its kin wrap at 78-80 characters: no line is 200 long, but the
    paragraphs are prose."""
    wrapped = textwrap.wrap(" ".join([PROSE["en"]] * 4), 78)
    body = f"{MENUS['en']}\n\n" + "\n".join(wrapped) + f"\n\n{CLOSING['en']}"
    assert max(map(len, wrapped)) <= 78
    assert _flagged_text(body, NO_HEADER) == MENUS["en"] + "\n\n"
    # Unwrapped short lines of the same length are not joined into prose.
    assert _found("\n".join(wrapped[:1] * 3), NO_HEADER) == []


@pytest.mark.parametrize(
    "tail",
    [
        # A table of results: rows of figures.
        "1   Kyle Larson   5040   5   1   17\n2   Jane Roe   5033   4   6   15\n"
        "3   John Doe   5027   6   3   19\n4   Max Mustermann   4990   2   2   12",
        # Sources as Markdown links whose text is the URL.
        "[https://example.org/a](https://example.org/a)\n"
        "[https://example.org/b](https://example.org/b)\n"
        "[https://example.org/c](https://example.org/c)\n[https://example.org/d](https://example.org/d)",
        # The article's own list of pros and cons, its items ending with ';'.
        "Pros\n\n+ more than 100 servers in 40 countries;\n\n+ strict logging policy;\n\n"
        "+ 3 devices at once;\n\nCons\n\n- price;\n\n- 2 devices only.\n\nOther service\n\n"
        "Pros\n\n+ cheap plans;\n\n+ easy setup",
        # Prose in a language the lists do not cover (Indonesian, Swahili).
        "Kita harus memahami dan mengamalkan ajaran ini setiap hari bersama keluarga.\n"
        "Jangan berlebihan dalam mencintai atau membenci sesuatu di dunia ini.\n"
        "Serikali imesema kwamba mradi huo utaanza mwezi ujao katika mikoa yote.\n"
        "Wananchi wengi walihudhuria mkutano huo uliofanyika jana jioni mjini.",
    ],
)
def test_what_it_must_not_flag_after_the_article(tail: str) -> None:
    assert _found(f"{PROSE['en']}\n\n{tail}") == []


def test_the_articles_title_is_never_furniture() -> None:
    body = f"{MENUS['en']}\nCouncil Approves  Budget\n\n{PROSE['en']}"
    flagged = "".join(
        body[d.start : d.end] for d in lint(NO_HEADER, body=body, title="Council approves budget")
    )
    assert flagged == MENUS["en"] + "\n"
    assert "Council" in _flagged_text(body, NO_HEADER)  # without a title, a short line


def _resolve_by_scanning(classes: list[str]) -> list[str]:
    """The context pass written the plain way, each neighbour found by walking to it."""

    def neighbour(kinds: list[str], index: int, step: int) -> str:
        index += step
        while 0 <= index < len(kinds):
            if kinds[index] not in (SHORT, NEUTRAL):
                return kinds[index]
            index += step
        return BAD

    near = [
        (BAD if neighbour(classes, i, -1) == BAD and neighbour(classes, i, 1) == BAD else GOOD)
        if kind == NEAR
        else kind
        for i, kind in enumerate(classes)
    ]
    return [
        (neighbour(near, i, -1) if neighbour(near, i, -1) == neighbour(near, i, 1) else BAD)
        if kind == SHORT
        else kind
        for i, kind in enumerate(near)
    ]


def test_the_context_pass_is_the_plain_one_in_two_linear_passes() -> None:
    rng = random.Random(410)
    kinds = [GOOD, NEAR, SHORT, BAD, NEUTRAL]
    for size in [*range(8), *[rng.randrange(8, 60) for _ in range(400)]]:
        classes = [rng.choice(kinds) for _ in range(size)]
        assert _resolve(classes) == _resolve_by_scanning(classes), classes


def test_links_are_read_for_their_density() -> None:
    """Markdown converters keep links: a line that is mostly link text is furniture, a
    sentence with one linked name is not, and an address is never counted as words."""
    assert _unlinked("* [Home](/)")[1] > MAX_LINK_DENSITY
    assert _unlinked("* Terms of Service (https://example.com/terms)")[1] > MAX_LINK_DENSITY
    sentence = (
        "Rival [Lowe's](https://example.com/lowes) is expected to report a fall in its "
        "sales this week, the analysts said."
    )
    plain, density = _unlinked(sentence)
    assert density < MAX_LINK_DENSITY and "https" not in plain
    cited = "according to a report by Digitimes (https://example.com/x), Apple will ship it."
    assert _unlinked(cited)[1] < MAX_LINK_DENSITY
    assert _unlinked("Keine Links, nur Text über Köln.") == (
        "Keine Links, nur Text über Köln.",
        0.0,
    )


def test_linked_furniture_after_the_article_is_flagged_and_linked_prose_is_not() -> None:
    links = "\n".join(
        f"* [{name}](https://example.com/{name.lower()})"
        for name in ("About", "Contact", "Careers", "Privacy policy", "Terms of Service")
    )
    cards = "\n".join(
        f"[\n![Photo {n}](https://example.com/{n}.jpg)\n####\n"
        f"Story number {n} is a headline about the council and the budget\n"
        f"The mayor said that the money for the library would be paid out in the "
        f"spring of next year, once all of the plans are final and the vote is in.\n"
        f"{n}H ago\n](https://example.com/story-{n})"
        for n in range(1, 5)
    )
    body = f"{PROSE['en']}\n\n{cards}\n\n{links}"
    flagged = _flagged_text(body, NO_HEADER)
    assert "Story number 1" in flagged and "Terms of Service" in flagged
    assert PROSE["en"] not in flagged
    linked_prose = PROSE["en"].replace("council", "[council](https://example.com/c)", 1)
    assert _found(f"{MENUS['en']}\n\n{linked_prose}", NO_HEADER)[0][0] == 0
    assert linked_prose not in _flagged_text(f"{MENUS['en']}\n\n{linked_prose}", NO_HEADER)


def test_a_wrapped_page_of_mostly_menus_is_still_read_as_wrapped() -> None:
    """html2text wraps the article; the page's hundreds of menu lines must not hide it."""
    wrapped = textwrap.wrap(" ".join([PROSE["en"]] * 3), 78)
    menu = "\n".join(f"  * Section {number}" for number in range(200))
    body = "\n".join(wrapped) + f"\n\n{menu}"
    assert menu.strip() in _flagged_text(body, NO_HEADER)


def test_a_list_the_article_announces_is_kept() -> None:
    """The line after the article's last paragraph is its own (`footer-lines`); when it
    announces a list with a colon, the list is the article's too."""
    items = "\n".join(f"* Guest {name} on a doctrine" for name in "ABCDEFGHIJKL")
    rule = NO_HEADER.configured({"footer-lines": 1})
    body = f"{PROSE['en']}\n\nPrevious interviews in this series:\n{items}"
    assert _flagged_text(body, rule) == ""
    # A label is no announcement: a share bar's items are flagged.
    assert "Guest A" in _flagged_text(f"{PROSE['en']}\n\nShare:\n{items}", rule)


def test_a_cookie_notice_above_the_menu_is_not_where_the_article_starts() -> None:
    """A page's own sentences (a cookie notice, two lines of prose) stand alone above its
    menu; the article starts with the first of three paragraphs close together, so the
    menu between them is the page's edge."""
    notice = (
        "We use cookies to personalise the content and the advertisements that you see on "
        "this site, and to understand how our readers use it; you can change your choice at "
        "any time in the settings of the site."
    )
    menu = "\n".join(f"{name} {number}" for number in range(1, 8) for name in ("Scores", "Teams"))
    menu += "\n" + "\n".join(("Standings", "Players", "Video", "Odds") * 5)
    article = f"{PROSE['en']}\n\n{PROSE['en']}\n\n{PROSE['en']}"
    body = f"{notice}\n\n{notice}\n\n{menu}\n\n{article}"
    flagged = _flagged_text(body, NL410)
    assert "Scores 1" in flagged and "Odds" in flagged
    assert "cookies" not in flagged and "council" not in flagged
    # With the prose alone, the first paragraph starts the article (as before): a page that
    # has no three paragraphs together is read from its first.
    lone = f"{notice}\n\n{menu}\n\n{PROSE['en']}"
    assert "Scores 1" not in _flagged_text(lone, NL410)


def test_a_wrapped_page_with_long_list_items_is_still_read_as_wrapped() -> None:
    """html2text wraps paragraphs at 78 characters but leaves some list items longer (nested
    items, long headlines): the wrap width is the longest line that is no list item."""
    paragraph = textwrap.fill(" ".join([PROSE["en"]] * 3), width=78)
    items = "\n".join(
        f"    *       * Item {number}: " + "a long headline of another story " * 3
        for number in range(3)
    )
    body = f"{items}\n\n{paragraph}\n\n{paragraph}"
    lines = _non_empty_lines(body)
    assert len(lines) == 5  # three items, two paragraphs joined
    assert lines[3][2] == " ".join([PROSE["en"]] * 3)


@pytest.mark.parametrize(
    "counts",
    [
        "* 437 голосов\n* 155 голосов\n* 590 голосов\n* 61 голос",  # a reader poll's results
        "12 votes\n7 votes\n3 votes\n1 vote",
    ],
)
def test_a_count_and_its_word_is_the_articles_data(counts: str) -> None:
    """Lines of a count and one word (a poll's results) are never furniture, though short."""
    body = f"{PROSE['en']}\n\n{counts}\n\n{MENUS['en']}"
    flagged = _flagged_text(body)
    assert "Home" in flagged and "Opinion" in flagged
    assert not any(line.strip() in flagged for line in counts.splitlines() if line.strip())


# The site's footer links, in each language: with MENUS, a footer of ten short lines.
FOOTER_LINKS = {
    "en": "About us\nContact\nPrivacy policy\nTerms of use",
    "de": "Über uns\nKontakt\nDatenschutz\nImpressum",
    "fr": "Qui sommes-nous\nContact\nConfidentialité\nMentions légales",
    "es": "Quiénes somos\nContacto\nPrivacidad\nAviso legal",
    "it": "Chi siamo\nContatti\nPrivacy\nNote legali",
    "pt": "Quem somos\nContactos\nPrivacidade\nTermos de uso",
    "nl": "Over ons\nContact\nPrivacybeleid\nVoorwaarden",
    "pl": "O nas\nKontakt\nPolityka prywatności\nRegulamin",
    "ru": "О нас\nКонтакты\nКонфиденциальность\nПравила",
    "uk": "Про нас\nКонтакти\nКонфіденційність\nПравила",
}


@pytest.mark.parametrize("language", sorted(MENUS))
def test_a_long_menu_between_the_article_and_a_sentence_below_it_is_flagged(
    language: str,
) -> None:
    """jusText lets short lines take their neighbours' class: ten menu lines between the
    article and a short sentence under them (a disclaimer) were read as prose.  A run of
    ``menu-lines`` short lines is furniture whatever its neighbours."""
    menu = f"{MENUS[language]}\n{FOOTER_LINKS[language]}"
    body = f"{PROSE[language]}\n\n{menu}\n\n{CLOSING[language]}"
    assert _flagged_text(body, SMALL.configured({"menu-lines": 0})) == ""
    assert _flagged_text(body) == f"{menu}\n\n"


def test_a_short_sentence_at_the_end_of_the_article_is_no_part_of_the_menu_under_it() -> None:
    menu = f"{MENUS['en']}\n{FOOTER_LINKS['en']}"
    body = f"{PROSE['en']}\n\nThanks, Junior!\n{menu}\n\n{CLOSING['en']}"
    assert _flagged_text(body) == f"{menu}\n\n"


def test_a_long_menu_above_the_article_is_flagged_but_not_its_bulleted_byline() -> None:
    """Above the article, a long run of short lines is the site's menu even under a line
    that reads as a sentence; the header's bulleted byline and date keep their class."""
    menu = "\n".join(f"* Section {number}" for number in range(1, 21))
    header = "* By Jane Doe\n* 11.12.24\n* 3:30 PM"
    body = f"Get the best of the city in your inbox every week.\n{menu}\n{header}\n\n{PROSE['en']}"
    rule = NL410.configured({"min-edge-lines": 4, "header-lines": 3})
    assert _flagged_text(body, rule.configured({"menu-lines": 0})) == ""
    flagged = _flagged_text(body, rule)
    assert "* Section 1\n" in flagged and "* Section 17\n" in flagged
    assert "Jane Doe" not in flagged and "3:30 PM" not in flagged


def test_a_film_s_credits_in_capitals_above_the_article_are_no_menu() -> None:
    credits = "\n\n".join(
        [
            "DIRECTED BY\nANNA EXAMPLE",
            "SCREENPLAY BY\nANNA EXAMPLE and BORIS SAMPLE",
            "STARRING\nCARLA MODEL as THE HIKER\nDAVID TEST as THE RANGER",
            "PRODUCERS\nEVA PROBE\nFRANK TRIAL",
            "MUSIC BY\nGRETA SOUND",
        ]
    )
    body = f"A fan film in the woods, 54 minutes.\n\n{credits}\n\n{PROSE['en']}"
    rule = NL410.configured({"min-edge-lines": 4, "header-lines": 2})
    assert _flagged_text(body, rule) == ""


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param(
            [
                "where does the river go",
                "and what is it that I know",
                "the willows bend to hear",
                "the things we do not say",
                "and all of it is gone",
                "the water and the stone",
                "it is the way it goes",
                "as if it were a song",
                "we sit upon the bank",
                "and wait for it to come",
            ],
            id="a reader's poem under the article",
        ),
        pytest.param(
            [
                "где же ты теперь",
                "и что мне делать с этим",
                "я не знаю, как быть",
                "но всё это было не зря",
                "и ты была со мной",
                "когда мы шли домой",
                "а я не мог сказать",
                "что это для тебя",
                "и вот опять весна",
                "и мы опять не спим",
            ],
            id="a poem in Russian",
        ),
        pytest.param(
            [
                "Actress Anna Example",
                "Roots: Daughter of a famous director",
                "Role: The Quiet Harbour",
                "Actress Berta Sample",
                "Roots: Niece of a film star",
                "Role: Winter Light",
                "Actor Carl Model",
                "Roots: Son of a stage actress",
                "Role: Night Train",
                "Director Dora Test",
                "Roots: Granddaughter of a producer",
                "Film: The Long Summer",
            ],
            id="the article's labelled list",
        ),
        pytest.param(
            [
                "Ingredients for four people",
                "2 tbsp olive oil",
                "1 large onion",
                "4 cloves garlic",
                "1 tsp ground cumin",
                "3 cups chicken stock",
                "2 cans white beans",
                "salt and pepper",
                "1/3 cup chopped parsley",
                "sour cream to serve",
            ],
            id="a recipe's ingredients",
        ),
        pytest.param(
            [
                "Anna Berg",
                "Great piece, thanks",
                "Reply",
                "Tom Vale",
                "Wrong on every count",
                "Reply",
                "Ewa Nowak",
                "Well said indeed",
                "Reply",
                "Piet Jansen",
                "Not convinced",
                "Reply",
            ],
            id="a comment thread",
        ),
        pytest.param(
            [
                "Sources",
                "https://www.example.org/report-2024",
                "https://data.example.com/council/budget",
                "www.example.net/minutes",
                "Council minutes (https://www.example.org/minutes)",
                "Budget office",
                "https://www.example.org/budget/library",
                "Library plans",
                "https://www.example.org/library",
                "Mayor's office",
            ],
            id="the article's sources",
        ),
    ],
)
def test_a_long_run_after_the_article_that_is_no_menu_is_not_flagged(lines: list[str]) -> None:
    """After the article come reader comments and the article's own closing lists: there
    a long run of short lines is a menu only when it reads as one (few stop words, few
    figures, few addresses, few labels, its lines different)."""
    body = f"{PROSE['en']}\n\n" + "\n".join(lines) + f"\n\n{CLOSING['en']}"
    assert _flagged_text(body) == ""


SIGN_OFFS = {
    "en": "Cheers,\nTimo",
    "de": "Liebe Grüße\nAnna Müller",
    "fr": "Amitiés,\nJean",
    "es": "Un abrazo,\nMaría",
    "it": "Un abbraccio,\nGiulia",
    "pt": "Um abraço,\nJoão",
    "nl": "Met vriendelijke groet,\nJan de Vries",
    "pl": "Pozdrawiam,\nJan Kowalski",
    "ru": "С уважением,\nИван Петров",
    "uk": "З повагою,\nОлена Коваль",
}


@pytest.mark.parametrize("language", sorted(MENUS))
def test_the_articles_sign_off_before_the_footer_is_not_furniture(language: str) -> None:
    prose, footer = PROSE[language], MENUS[language]
    body = f"{prose}\n\n{CLOSING[language]}\n{SIGN_OFFS[language]}\n{footer}\n© 2024"
    assert _flagged_text(body) == f"{footer}\n© 2024"
    # Without a closing over it, a name is furniture like the rest (`Tags`, `Archive`).
    unsigned = f"{prose}\n\n{CLOSING[language]}\nTags\nArchive\n{footer}\n© 2024"
    assert _flagged_text(unsigned) == f"Tags\nArchive\n{footer}\n© 2024"


def test_a_byline_and_date_written_as_bullets_are_the_headers() -> None:
    """`* By Brandon Keim` and `* August 9, 2012 |` are the article's byline and date, not a
    share bar; `* Email Author` between them is one line, no run; an archive's month under
    them (`* November 2012`) is furniture."""
    menu = "\n".join(f"Section {number}" for number in range(1, 30))
    header = (
        "Why the corn was not ready\n* By Brandon Keim\n* Email Author\n* August 9, 2012 |\n"
        "* 3:24 pm |"
    )
    rule = NL410.configured({"min-edge-lines": 4, "header-lines": 3})
    flagged = _flagged_text(f"{menu}\n{header}\n\n{PROSE['en']}", rule)
    assert "Section 27" in flagged and "Brandon" not in flagged and "August 9" not in flagged
    archive = "* November 2012\n* October 2012\n* September 2012\n* August 2012"
    flagged = _flagged_text(f"{menu}\n{header}\n{archive}\n\n{PROSE['en']}", rule)
    assert archive in flagged and "Brandon" not in flagged
