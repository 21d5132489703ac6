"""The boilerplate phrase catalogue in ten languages (en de fr es it pt nl pl ru uk).

Each phrase family is flagged as a whole line amid prose of its language, by the
rule it belongs to (NL401-NL407), and its look-alikes are not: the same words
inside a sentence, as the heading of a real section, in a quotation, or as a
credit's label left on a line of its own.  All texts here are written for these
tests.
"""

from __future__ import annotations

import json

import pytest

from newslint.diagnostics import Diagnostic
from newslint.readers.json_reader import JSON_READER
from newslint.rule import Rule
from newslint.rules._boilerplate_phrases import (
    ADVERTISEMENT_LINES_BY_LANGUAGE,
    CALLS_TO_ACTION,
    CAPTION_LABELS_BY_LANGUAGE,
    COOKIE_OPENINGS_BY_LANGUAGE,
    CTA_NETWORK_VERBS_BY_LANGUAGE,
    PHOTO_AGENCIES,
    PHOTO_LABELS_BY_LANGUAGE,
    POLICY_LINES,
    PROMO_LABELS,
    UI_DEBRIS_BY_LANGUAGE,
)
from newslint.rules.nl401_related_promo import RelatedPromo
from newslint.rules.nl402_call_to_action import CallToAction
from newslint.rules.nl403_cookie_notice import CookieNotice
from newslint.rules.nl404_advertisement import Advertisement
from newslint.rules.nl405_ui_debris import UiDebris
from newslint.rules.nl406_symbol_line import SymbolLine
from newslint.rules.nl407_photo_credit import PhotoCredit
from tests.rulekit import URL, fix, lint

RULES: tuple[Rule, ...] = (
    RelatedPromo(),
    CallToAction(),
    CookieNotice(),
    Advertisement(),
    UiDebris(),
    SymbolLine(),
    PhotoCredit(),
)
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk")

# Two sentences of news prose per language, to stand around the line under test.
PROSE: dict[str, tuple[str, str]] = {
    "en": (
        "The city council approved the new budget on Tuesday after a long debate.",
        "Officials said the changes would take effect in the spring.",
    ),
    "de": (
        "Der Stadtrat hat am Dienstag nach langer Debatte den neuen Haushalt beschlossen.",
        "Die Änderungen sollen im Frühjahr in Kraft treten, teilte die Verwaltung mit.",
    ),
    "fr": (
        "Le conseil municipal a adopté mardi le nouveau budget après un long débat.",
        "Les changements entreront en vigueur au printemps, selon la mairie.",
    ),
    "es": (
        "El ayuntamiento aprobó el martes el nuevo presupuesto tras un largo debate.",
        "Los cambios entrarán en vigor en primavera, según fuentes municipales.",
    ),
    "it": (
        "Il consiglio comunale ha approvato martedì il nuovo bilancio dopo un lungo dibattito.",
        "Le modifiche entreranno in vigore in primavera, ha spiegato il sindaco.",
    ),
    "pt": (
        "A câmara municipal aprovou na terça-feira o novo orçamento após um longo debate.",
        "As mudanças entram em vigor na primavera, segundo a prefeitura.",
    ),
    "nl": (
        "De gemeenteraad heeft dinsdag na een lang debat de nieuwe begroting goedgekeurd.",
        "De wijzigingen gaan in het voorjaar in, aldus de gemeente.",
    ),
    "pl": (
        "Rada miasta przyjęła we wtorek nowy budżet po długiej debacie.",
        "Zmiany wejdą w życie wiosną, poinformował urząd.",
    ),
    "ru": (
        "Городской совет во вторник после долгих споров утвердил новый бюджет.",
        "Изменения вступят в силу весной, сообщили в мэрии.",
    ),
    "uk": (
        "Міська рада у вівторок після тривалої дискусії ухвалила новий бюджет.",
        "Зміни набудуть чинності навесні, повідомили в міськраді.",
    ),
}

# A headline of another story, as a promo links it.
HEADLINES: dict[str, str] = {
    "en": "Ferry Operator Posts Record Summer",
    "de": "Neue Brücke über den Rhein eröffnet",
    "fr": "La réforme des retraites adoptée au Sénat",
    "es": "El Gobierno aprueba la reforma de las pensiones",
    "it": "Nuovo ponte sullo Stretto, via libera al progetto",
    "pt": "Governo anuncia novo programa de habitação",
    "nl": "Kabinet presenteert nieuwe plannen voor woningbouw",
    "pl": "Nowy most w Krakowie otwarty dla ruchu",
    "ru": "В Москве открыли новый мост через реку",
    "uk": "У Києві відкрили новий міст через Дніпро",
}

# Words that follow a cookie banner's opening in each language (one holds a cue).
BANNER_ENDINGS: dict[str, str] = {
    "en": "to improve your experience",
    "de": "um die Nutzung unserer Webseite zu analysieren",
    "fr": "pour améliorer votre expérience",
    "es": "para mejorar su experiencia",
    "it": "per migliorare la tua esperienza",
    "pt": "para melhorar a sua experiência",
    "nl": "om je ervaring te verbeteren",
    "pl": "aby zapewnić najlepsze doświadczenia",
    "ru": "чтобы сайт был удобнее",
    "uk": "щоб сайт був зручнішим",
}


def body_with(language: str, line: str) -> str:
    """``line`` as a paragraph of its own between two paragraphs of ``language`` prose."""
    first, last = PROSE[language]
    return f"{first}\n\n{line}\n\n{last}"


def found(body: str) -> list[tuple[str, str]]:
    """(code, flagged text without surrounding whitespace) of every NL401-NL407 diagnostic."""
    diagnostics: list[Diagnostic] = []
    for rule in RULES:
        diagnostics += lint(rule, body=body)
    return [(d.code, body[d.start : d.end].strip()) for d in diagnostics]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def assert_flagged(language: str, line: str, code: str) -> None:
    assert found(body_with(language, line)) == [(code, line)], (language, line)


def assert_clean(language: str, text: str) -> None:
    assert found(body_with(language, text)) == [], (language, text)


# The catalogue covers every language -----------------------------------------------------


def test_every_language_has_phrases_in_every_per_language_category() -> None:
    categories = {
        "PROMO_LABELS": PROMO_LABELS,
        "CALLS_TO_ACTION": CALLS_TO_ACTION,
        "CTA_NETWORK_VERBS": CTA_NETWORK_VERBS_BY_LANGUAGE,
        "POLICY_LINES": POLICY_LINES,
        "COOKIE_OPENINGS": COOKIE_OPENINGS_BY_LANGUAGE,
        "ADVERTISEMENT_LINES": ADVERTISEMENT_LINES_BY_LANGUAGE,
        "UI_DEBRIS_LINES": UI_DEBRIS_BY_LANGUAGE,
        "PHOTO_LABELS": PHOTO_LABELS_BY_LANGUAGE,
    }
    for name, by_language in categories.items():
        for language in LANGUAGES:
            assert by_language.get(language), (name, language)


def test_phrases_are_written_as_they_are_matched() -> None:
    """Lower case and single spaces.  NL407 builds its patterns from the case-folded
    label and matches it ignoring case, so a label with `ß` (folded to `ss`) would never
    match its own spelling; NL401 lowers its labels instead (`Lesen Sie außerdem`), and the
    line rules fold both sides."""
    regex_lists = [PHOTO_LABELS_BY_LANGUAGE, CAPTION_LABELS_BY_LANGUAGE]
    line_lists = [
        PROMO_LABELS,
        CALLS_TO_ACTION,
        CTA_NETWORK_VERBS_BY_LANGUAGE,
        POLICY_LINES,
        COOKIE_OPENINGS_BY_LANGUAGE,
        ADVERTISEMENT_LINES_BY_LANGUAGE,
        UI_DEBRIS_BY_LANGUAGE,
    ]
    for by_language in regex_lists + line_lists:
        for phrases in by_language.values():
            for phrase in phrases:
                assert phrase == " ".join(phrase.split()), phrase
                assert phrase == phrase.lower(), phrase
                if by_language in regex_lists:
                    assert phrase == phrase.casefold(), phrase


# Every phrase of the catalogue, as a whole line, is flagged by its rule -------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_promo_label_opens_a_promo(language: str) -> None:
    for label in PROMO_LABELS[language]:
        assert_flagged(language, f"{upper_first(label)}: {HEADLINES[language]}", "NL401")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_call_to_action_is_flagged(language: str) -> None:
    for phrase in CALLS_TO_ACTION[language]:
        assert_flagged(language, upper_first(phrase), "NL402")
    for verb in CTA_NETWORK_VERBS_BY_LANGUAGE[language]:
        assert_flagged(language, f"{upper_first(verb)} Facebook", "NL402")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_policy_line_and_banner_opening_is_flagged(language: str) -> None:
    for phrase in POLICY_LINES[language]:
        assert_flagged(language, upper_first(phrase), "NL403")
    for opening in COOKIE_OPENINGS_BY_LANGUAGE[language]:
        assert_flagged(language, f"{upper_first(opening)}.", "NL403")
        banner = f"{upper_first(opening)} {BANNER_ENDINGS[language]}."
        assert_flagged(language, banner, "NL403")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_advertisement_label_is_flagged(language: str) -> None:
    for phrase in ADVERTISEMENT_LINES_BY_LANGUAGE[language]:
        assert_flagged(language, upper_first(phrase), "NL404")
        assert_flagged(language, phrase.upper(), "NL404")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_ui_line_is_flagged(language: str) -> None:
    for phrase in UI_DEBRIS_BY_LANGUAGE[language]:
        assert_flagged(language, upper_first(phrase), "NL405")
        assert_flagged(language, f"### {phrase.upper()}", "NL405")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_photo_label_opens_a_credit(language: str) -> None:
    for label in PHOTO_LABELS_BY_LANGUAGE[language]:
        assert_flagged(language, f"{upper_first(label)}: Jane Doe", "NL407")
        assert_flagged(language, f"({upper_first(label)}: Jane Doe)", "NL407")
    for label in CAPTION_LABELS_BY_LANGUAGE.get(language, ()):
        assert_flagged(language, f"{upper_first(label)}, Jane Doe", "NL407")


def test_every_agency_ends_a_credit() -> None:
    for agency in PHOTO_AGENCIES:
        assert_flagged("en", f"Jane Doe/{agency}", "NL407")


# Each family, as sites print it, in each language ------------------------------------------


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "Also see: Ferry Operator Posts Record Summer"),
        ("en", "You may also like | Ferry Operator Posts Record Summer"),
        ("de", "Mehr zum Thema: Neue Brücke über den Rhein eröffnet"),
        ("de", "Das könnte Sie auch interessieren: Neue Brücke über den Rhein eröffnet"),
        ("de", "LIES AUCH: Neue Brücke über den Rhein eröffnet"),
        ("fr", "Lire aussi | La réforme des retraites adoptée au Sénat"),
        ("fr", "À lire également\u00a0: La réforme des retraites adoptée au Sénat"),
        ("fr", "A lire egalement : La réforme des retraites adoptée au Sénat"),
        ("es", "Lea más: El Gobierno aprueba la reforma de las pensiones"),
        ("es", "LEER MAS: El Gobierno aprueba la reforma de las pensiones"),
        ("es", "Te puede interesar » El Gobierno aprueba la reforma de las pensiones"),
        ("it", "LEGGI ANCHE: Nuovo ponte sullo Stretto, via libera al progetto"),
        ("it", "Potrebbe interessarti: Nuovo ponte sullo Stretto, via libera al progetto"),
        ("pt", "Saiba mais: Governo anuncia novo programa de habitação"),
        ("pt", "Leia tambem - Governo anuncia novo programa de habitação"),
        ("nl", "Lees ook: Kabinet presenteert nieuwe plannen voor woningbouw"),
        ("nl", "Gerelateerde artikelen: Kabinet presenteert nieuwe plannen voor woningbouw"),
        ("pl", "Czytaj też: Nowy most w Krakowie otwarty dla ruchu"),
        ("pl", "CZYTAJ TAKZE: Nowy most w Krakowie otwarty dla ruchu"),
        ("pl", "Zobacz również: Nowy most w Krakowie otwarty dla ruchu"),
        ("ru", "Материалы по теме: В Москве открыли новый мост через реку"),
        ("ru", "Читайте ещё: В Москве открыли новый мост через реку"),
        ("uk", "Читайте також: У Києві відкрили новий міст через Дніпро"),
        ("uk", "Дивіться також > У Києві відкрили новий міст через Дніпро"),
    ],
)
def test_related_article_promos(language: str, line: str) -> None:
    assert_flagged(language, line, "NL401")


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("de", "Melden Sie sich für unseren Newsletter an!"),
        ("de", "Folge uns auf Instagram und TikTok"),
        ("de", "Teilen per WhatsApp"),
        ("fr", "Inscrivez-vous à nos newsletters"),
        ("fr", "Retrouvez-nous sur Facebook et Instagram"),
        ("fr", "Je m’abonne"),
        ("es", "Síganos en Twitter"),
        ("es", "Suscríbete a nuestro newsletter"),
        ("es", "Este contenido es exclusivo para suscriptores"),
        ("it", "Seguici anche su Instagram"),
        ("it", "Iscriviti al nostro canale"),
        ("pt", "Inscreva-se na nossa newsletter"),
        ("pt", "Siga-nos no Instagram"),
        ("pt", "Já é assinante? Faça login"),
        ("nl", "Schrijf je in voor onze nieuwsbrief"),
        ("nl", "Meld u aan voor onze nieuwsbrief"),
        ("nl", "Volg ons op Instagram"),
        ("pl", "Zapisz się do newslettera"),
        ("pl", "Obserwuj nas na Facebooku"),
        ("pl", "Udostępnij na Twitterze"),
        ("ru", "Читайте нас в Telegram"),
        ("ru", "Мы в Дзене"),
        ("ru", "Подпишитесь на нашу рассылку"),
        (
            "ru",
            "Если вы заметили ошибку, выделите необходимый текст и нажмите Ctrl+Enter, "
            "чтобы сообщить об этом редакции.",
        ),
        ("uk", "Підписуйтесь на нас у Telegram"),
        ("uk", "Підпишіться на розсилку"),
        (
            "uk",
            "Якщо ви помітили помилку, виділіть необхідний текст і натисніть Ctrl + Enter, "
            "щоб повідомити про це редакцію.",
        ),
    ],
)
def test_calls_to_action(language: str, line: str) -> None:
    assert_flagged(language, line, "NL402")


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("de", "Wir nutzen Cookies, um die Nutzung unserer Website zu analysieren."),
        ("de", "Impressum | Datenschutzerklärung | AGB"),
        ("fr", "Ce site utilise des cookies pour améliorer votre expérience."),
        ("fr", "Mentions légales | Politique de confidentialité | CGU"),
        ("es", "Si continúas navegando, aceptas nuestra política de cookies."),
        ("it", "Questo sito utilizza i cookie per migliorare la tua esperienza di navigazione."),
        ("pt", "Ao continuar navegando, você concorda com a nossa política de privacidade."),
        ("nl", "Deze website maakt gebruik van cookies om je ervaring te verbeteren."),
        ("nl", "Privacybeleid | Cookiebeleid | Contact"),
        ("pl", "Ta strona korzysta z plików cookie, aby zapewnić najlepsze doświadczenia."),
        ("pl", "Polityka prywatnosci"),
        ("ru", "Продолжая пользоваться сайтом, вы соглашаетесь с использованием cookie."),
        ("ru", "Контакты | Политика конфиденциальности"),
        ("uk", "Ми використовуємо файли cookie, щоб сайт був зручнішим."),
        ("uk", "Політика конфіденційності | Умови використання | Контакти"),
    ],
)
def test_cookie_banners_and_policy_links(language: str, line: str) -> None:
    assert_flagged(language, line, "NL403")


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "Partner Content"),
        ("de", "- Gesponsert -"),
        ("fr", "LA SUITE APRÈS CETTE PUBLICITÉ"),
        ("es", "Contenido patrocinado"),
        ("it", "- Continua dopo la pubblicità -"),
        ("pt", "Continua após a publicidade"),
        ("nl", "Advertentie"),
        ("pl", "Dalsza część artykułu pod materiałem wideo"),
        ("pl", "REKLAMA"),
        ("ru", "На правах рекламы"),
        ("uk", "Реклама"),
    ],
)
def test_advertisement_labels(language: str, line: str) -> None:
    assert_flagged(language, line, "NL404")


@pytest.mark.parametrize(
    ("language", "line"),
    [
        # "Continue reading" / "read more" buttons.
        ("en", "Continue reading the main story"),
        ("de", "Weiterlesen"),
        ("fr", "Lire la suite"),
        ("es", "Seguir leyendo"),
        ("it", "Continua a leggere"),
        ("pt", "Continue lendo"),
        ("nl", "Lees verder"),
        ("pl", "Czytaj dalej"),
        ("ru", "Читать далее"),
        ("uk", "Читати далі"),
        # Comment buttons and notices.
        ("en", "Leave a Reply"),
        ("de", "Schreibe einen Kommentar"),
        ("fr", "Laisser un commentaire"),
        ("es", "Deja una respuesta"),
        ("it", "Lascia un commento"),
        ("pt", "Deixe uma resposta"),
        ("nl", "Plaats een reactie"),
        ("pl", "Brak komentarzy"),
        ("ru", "Нет комментариев"),
        ("uk", "Залишити коментар"),
        # Headings of widgets listing other stories.
        ("en", "Most Read"),
        ("en", "Popular Videos"),
        ("de", "Meistgelesen"),
        ("fr", "Les plus lus"),
        ("es", "Lo más leído"),
        ("es", "Lo mas leido"),
        ("it", "I più letti"),
        ("pt", "Mais lidas"),
        ("nl", "Populaire video's"),
        ("pl", "Najczęściej czytane"),
        ("pl", "Czytaj też"),
        ("ru", "Самое читаемое"),
        ("uk", "Читайте також"),
        # Print and error-report buttons.
        ("en", "Report an error"),
        ("de", "Artikel drucken"),
        ("de", "Fehler gefunden?"),
        ("fr", "Signaler une erreur"),
        ("es", "Versión para imprimir"),
        ("it", "Segnala un errore"),
        ("pt", "Versão para impressão"),
        ("nl", "Fout gezien?"),
        ("pl", "Zgłoś błąd"),
        ("ru", "Версия для печати"),
        ("uk", "Повідомити про помилку"),
        # Navigation and media placeholders.
        ("en", "Photo Gallery"),
        ("de", "Zum Inhalt springen"),
        ("fr", "Aller au contenu principal"),
        ("es", "Volver arriba"),
        ("it", "Torna su"),
        ("pt", "Pular para o conteúdo"),
        ("nl", "Terug naar boven"),
        ("pl", "Galeria zdjęć"),
        ("ru", "Видео"),
        ("uk", "Відео"),
    ],
)
def test_ui_debris(language: str, line: str) -> None:
    assert_flagged(language, line, "NL405")


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "Photography: Jane Doe"),
        ("de", "Foto: picture alliance/dpa"),
        ("de", "Symbolbild: dpa"),
        ("fr", "Crédits photos : AFP"),
        ("es", "Fotografía: EFE"),
        ("es", "(Imagen: Europa Press)"),
        ("es", "Pie de foto, El alcalde durante su discurso en el pleno"),
        ("it", "Immagine: LaPresse"),
        ("pt", "Marcelo Souza/Agência Brasil"),
        ("pt", "Instagram/Reprodução"),
        ("pt", "Legenda da foto, O prefeito durante o discurso"),
        ("nl", "Beeld: ANP"),
        ("nl", "Foto: ANP / Jan Jansen"),
        ("pl", "Zdjęcie: PAP"),
        ("pl", "Jan Kowalski/PAP"),
        ("ru", "Иван Петров / ТАСС"),
        ("ru", "Источник фото: РИА Новости"),
        ("ru", "Скриншот: YouTube"),
        ("ru", "Подпись к фото, Мэр выступает на заседании"),
        ("uk", "Джерело фото: Укрінформ"),
        ("uk", "Олена Коваль / УНІАН"),
    ],
)
def test_photo_credits(language: str, line: str) -> None:
    assert_flagged(language, line, "NL407")


# Look-alikes are left alone ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # The same words inside a sentence.
        ("en", "Read more about the council's plans in our guide to the budget."),
        ("en", "Top stories of the year were chosen by our readers in December."),
        ("en", "The photo was taken from the roof of the town hall."),
        ("de", "Mehr zum Thema Rente lesen Sie in unserem Dossier."),
        ("de", "Weiterlesen lohnt sich, sagt die Autorin über ihr neues Buch."),
        ("de", "Das Foto zeigt den Kanzler bei seiner Rede in Berlin."),
        ("de", "Auf dem Foto: Die Kanzlerin bei ihrer Rede vor dem Bundestag."),
        ("fr", "Lire aussi les conclusions du rapport, publiées lundi."),
        ("fr", "À la une de la presse ce matin, la réforme des retraites."),
        ("fr", "La photo a été prise depuis le toit de la mairie."),
        ("es", "Lea más sobre la reforma en nuestro especial de pensiones."),
        ("es", "Leer más libros es el propósito de muchos lectores este año."),
        ("es", "Suscríbete al boletín municipal, pidió el alcalde a los vecinos."),
        ("it", "Leggi anche il rapporto completo, pubblicato lunedì dal ministero."),
        ("it", "Continua a leggere chi ama i gialli, dice l'autrice."),
        ("pt", "Leia mais sobre o orçamento no nosso especial."),
        ("pt", "Saiba mais: a prefeitura abre inscrições na segunda-feira."),
        ("pt", "A foto foi tirada do telhado da prefeitura."),
        ("nl", "Lees ook het volledige rapport van de commissie."),
        ("nl", "Foto's van de brug werden massaal gedeeld op sociale media."),
        ("nl", "Lees verder in het rapport dat de commissie dinsdag publiceerde."),
        ("pl", "Czytaj więcej książek, apelują bibliotekarze z całego kraju."),
        ("pl", "Czytaj też: nowy raport NIK o stanie dróg"),
        ("pl", "Zdjęcie wykonano w Krakowie w czasie otwarcia mostu."),
        ("ru", "Читайте также материалы нашего спецпроекта о реформе."),
        ("ru", "Подробнее о реформе рассказал министр финансов."),
        ("ru", "Фото сделано с крыши мэрии во время открытия моста."),
        ("uk", "Читайте також наш репортаж з Харкова про відбудову."),
        ("uk", "Дивіться також відео з місця події на нашому каналі."),
        ("uk", "Фото зроблено з даху міськради під час відкриття мосту."),
        # A recommendation inside a guide, after a label that could open a promo.
        ("en", "Don't miss: The Caravaggio show at the National Gallery"),
        ("it", "Da non perdere: La mostra di Caravaggio a Palazzo Reale"),
        ("pt", "Confira: Veja a lista completa dos aprovados"),
        ("pl", "Polecamy: Kawiarnia Pod Różą w Krakowie"),
        ("ru", "Рекомендуем: Ресторан «Пушкин» на Тверском бульваре"),
        # A sentence that opens like a consent banner.
        ("pl", "Korzystając z serwisu Booking, turyści oszczędzają na noclegach w Krakowie."),
        ("pt", "Ao utilizar este site do governo, os cidadãos podem consultar processos."),
        # A quotation of the words.
        ("en", "“Subscribe now,” the banner read, but few did."),
        ("de", "„Folgen Sie uns“, rief der Bürgermeister den Demonstranten zu."),
        ("fr", "« Abonnez-vous », lançait l'affiche à l'entrée du métro."),
        ("es", "«Síguenos», gritaban los manifestantes, y miles lo hicieron."),
        ("it", "«Seguici», urlavano i manifestanti davanti al municipio."),
        ("pt", "“Siga-nos”, gritavam os manifestantes diante da prefeitura."),
        ("nl", "‘Volg ons’, riepen de demonstranten voor het stadhuis."),
        ("pl", "„Obserwuj nas”, wołali demonstranci przed ratuszem."),
        ("ru", "«Подписывайтесь на наш канал», — призвал блогер."),
        ("uk", "«Поділитися» — так називається нова виставка у Львові."),
        # Prose about cookies and policies, in the story's own words.
        ("de", "Wir verwenden Cookies aus der Bäckerei nebenan, scherzte der Chef."),
        ("nl", "Wij gebruiken cookies van de bakker om de hoek, grapte de burgemeester."),
        ("pl", "Polityka prywatności firmy zmieniła się w poniedziałek."),
        ("ru", "Политика конфиденциальности компании изменилась в понедельник."),
        # A reply, in a sentence or as the opening of one.
        ("en", "Reply to the minister's letter came within a week."),
        ("de", "Antworten auf diese Fragen gab es am Dienstag nicht."),
        ("ru", "Ответить на вопросы журналистов министр отказался."),
        ("uk", "Відповісти на запит депутатів міністерство не встигло."),
        ("en", "Her tweet was shared thousands of times."),
        # A sentence about advertising.
        ("pl", "Reklama w telewizji podrożała o dziesięć procent."),
        ("pt", "Publicidade e marketing cresceram no último trimestre."),
        ("uk", "Реклама на телебаченні подорожчала на десять відсотків."),
    ],
)
def test_look_alikes_in_sentences_and_quotes_are_not_flagged(language: str, text: str) -> None:
    assert_clean(language, text)


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        # Words that head real sections of articles (a printer review's `Print`,
        # `Drucken`, `Imprimer`...; a guide's `Polecamy`; a summary's `Главное`; a
        # digest's `Top Stories`, as tests/data/negative/structure.txt has it).
        ("en", "Print"),
        ("en", "Comments"),
        ("en", "Top Stories"),
        ("de", "Drucken"),
        ("de", "Kommentare"),
        ("fr", "Imprimer"),
        ("fr", "Commentaires"),
        ("es", "Imprimir"),
        ("es", "Anuncio"),
        ("it", "Stampa"),
        ("it", "Annuncio"),
        ("pt", "Galeria"),
        ("pt", "Anúncio"),
        ("nl", "Afdrukken"),
        ("nl", "Reacties"),
        ("pl", "Polecamy"),
        ("pl", "Komentarze"),
        ("ru", "Главное"),
        ("ru", "Печать"),
        ("uk", "Головне"),
        ("uk", "Друк"),
    ],
)
def test_section_headings_are_not_flagged(language: str, heading: str) -> None:
    first, last = PROSE[language]
    for line in (heading, f"## {heading}"):
        assert found(f"{first}\n\n{line}\n\n{last}") == [], (language, line)


@pytest.mark.parametrize(
    ("language", "label", "credit"),
    [
        ("en", "Photo:", "Jane Doe"),
        ("de", "Foto:", "dpa"),
        ("fr", "Photo :", "AFP"),
        ("es", "Foto:", "EFE"),
        ("it", "Foto:", "ANSA"),
        ("pt", "Foto:", "Divulgação"),
        ("nl", "Foto:", "ANP"),
        ("pl", "Zdjęcie:", "PAP"),
        ("ru", "Фото:", "личный архив героини"),
        ("uk", "Фото:", "особистий архів героїні"),
    ],
)
def test_a_credit_label_split_from_its_credit_is_not_taken_for_a_placeholder(
    language: str, label: str, credit: str
) -> None:
    """`Фото:` on a line of its own, the credit on the next: a caption the text keeps.

    Normalising drops the colon, so the words that label credits are not listed as
    image placeholders (NL405)."""
    first, last = PROSE[language]
    for body in (f"{first}\n\n{label}\n{credit}\n\n{last}", f"{first}\n\n{label}\n\n{last}"):
        assert [code for code, _ in found(body)] == [], (language, body)


def test_a_label_that_continues_a_wrapped_sentence_is_not_flagged() -> None:
    body = (
        "Die Redaktion empfiehlt allen Leserinnen und Lesern, den Bericht vollständig zu\n"
        "lesen Sie auch\n"
        "die Stellungnahme des Ministeriums."
    )
    assert found(body) == []


# The fixes ------------------------------------------------------------------------------------


def test_unsafe_fixes_clean_a_polish_page() -> None:
    first, last = PROSE["pl"]
    body = "\n\n".join(
        [
            first,
            "Czytaj też: Nowy most w Krakowie otwarty dla ruchu",
            "REKLAMA",
            "Zapisz się do newslettera",
            "Jan Kowalski/PAP",
            last,
            "Najczęściej czytane",
            "Polityka prywatności | Regulamin serwisu | Kontakt",
        ]
    )
    text = json.dumps({"title": "T", "url": URL, "body": body}, ensure_ascii=False)
    fixed = json.loads(fix("a.json", JSON_READER, text, unsafe=True, rules=RULES))
    assert fixed["body"] == f"{first}\n\n{last}"
    assert fixed["related"] == ["Nowy most w Krakowie otwarty dla ruchu"]


def test_unsafe_fixes_clean_a_ukrainian_page_with_crlf() -> None:
    first, last = PROSE["uk"]
    lines = [
        first,
        "Читайте також: У Києві відкрили новий міст через Дніпро",
        "Фото: УНІАН",
        last,
        "На правах реклами",
        "Підписуйтесь на нас у Telegram",
    ]
    body = "\r\n\r\n".join(lines)
    text = json.dumps({"title": "T", "url": URL, "body": body}, ensure_ascii=False)
    fixed = json.loads(fix("a.json", JSON_READER, text, unsafe=True, rules=RULES))
    assert fixed["body"] == f"{first}\r\n\r\n{last}"
    assert fixed["related"] == ["У Києві відкрили новий міст через Дніпро"]


def test_safe_fixes_alone_leave_the_boilerplate() -> None:
    body = body_with("de", "Mehr zum Thema: Neue Brücke über den Rhein eröffnet")
    text = json.dumps({"title": "T", "url": URL, "body": body}, ensure_ascii=False)
    assert fix("a.json", JSON_READER, text, rules=RULES) == text


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "Comments (74 posted)"),
        ("en", "74 comments"),
        ("en", "1 Comment"),
        ("en", "3 replies"),
        ("de", "12 Kommentare"),
        ("fr", "Commentaires (4)"),
        ("es", "5 comentarios"),
        ("it", "Commenti (2)"),
        ("pt", "2 COMENTÁRIOS"),
        ("nl", "3 reacties"),
        ("pl", "7 komentarzy"),
        ("ru", "Комментарии (3)"),
        ("uk", "5 коментарів"),
    ],
)
def test_comment_counters(language: str, line: str) -> None:
    assert_flagged(language, line, "NL405")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Comments"),  # a section's heading
        ("en", "74 comments on the plan were received in March."),
        ("de", "12 Kommentare gingen bis Freitag bei der Behörde ein."),
        ("ru", "Комментарии (3) к статье 5 кодекса вступают в силу в мае."),
    ],
)
def test_comment_counter_look_alikes(language: str, text: str) -> None:
    assert_clean(language, text)


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("nl", "Volg ons op Facebook en Instagram"),
        ("pl", "Obserwuj nas na Facebooku i Instagramie"),
        ("uk", "Стежте за нами у Facebook та Instagram"),
        ("es", "Síguenos en Facebook o Twitter"),
        ("de", "Folgen Sie uns auf Facebook oder Instagram"),
    ],
)
def test_networks_joined_by_each_languages_and_or(language: str, line: str) -> None:
    assert_flagged(language, line, "NL402")
