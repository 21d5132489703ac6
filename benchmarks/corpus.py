"""A synthetic news corpus for newslint's benchmarks, deterministic for a seed.

The text is composed here from templates and word lists (never copied from a real
corpus), so benchmarks can be regenerated anywhere at any size.  About
``artefact_share`` of the records carry scraping damage of the kinds newslint
detects, injected in known places, so a test can measure recall on the damaged
records and precision on the clean ones.  Each record's random stream depends only
on the seed and its index, so the first N records are the same whatever the count.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

__all__ = [
    "ARTEFACT_KINDS",
    "EXPECTED_CODES",
    "article_to_txt",
    "generate_records",
    "generate_records_with_truth",
    "iter_records_with_truth",
    "write_big_jsonl",
    "write_corpus",
]

# Which rule code is expected to report each artefact kind.
EXPECTED_CODES: dict[str, str] = {
    "markdown-credit": "NL101",
    "related-promo": "NL401",
    "split-url": "NL201",
    "split-url-body": "NL201",
    "mojibake": "NL301",
    "cyrillic-mojibake": "NL301",
    "html-entities": "NL304",
    "html-tags": "NL102",
    "newsletter-cta": "NL402",
    "cookie-notice": "NL403",
    "advertisement": "NL404",
    "trailing-whitespace": "NL501",
    "blank-line-runs": "NL503",
}
ARTEFACT_KINDS: tuple[str, ...] = tuple(EXPECTED_CODES)
_INJECTION_ORDER: list[str] = sorted(
    ARTEFACT_KINDS,
    key=lambda kind: {"html-tags": 0, "trailing-whitespace": 0, "blank-line-runs": 2}.get(kind, 1),
)

# Relative frequency of each kind among damaged records (roughly what real scrapes show).
_KIND_WEIGHTS: dict[str, int] = {
    "markdown-credit": 12,
    "related-promo": 12,
    "split-url": 8,
    "split-url-body": 6,
    "mojibake": 10,
    "cyrillic-mojibake": 4,
    "html-entities": 8,
    "html-tags": 8,
    "newsletter-cta": 6,
    "cookie-notice": 4,
    "advertisement": 6,
    "trailing-whitespace": 8,
    "blank-line-runs": 8,
}

_FIRST = (
    "Anna",
    "James",
    "Maria",
    "Oleg",
    "Fatima",
    "Daniel",
    "Sophie",
    "Kenji",
    "Elena",
    "Samuel",
    "Priya",
    "Lucas",
    "Ingrid",
    "Omar",
    "Claire",
    "Viktor",
    "Grace",
    "Mateo",
    "Hannah",
    "Tomasz",
    "Amara",
    "Pierre",
    "Laura",
    "Dmitry",
    "Chloe",
    "Rafael",
    "Nina",
    "Henrik",
    "Leila",
    "Benjamin",
    "Yuki",
    "Carmen",
    "Andrei",
    "Isabel",
    "Peter",
    "Zainab",
)
_LAST = (
    "Petrova",
    "Walker",
    "Keller",
    "Novak",
    "Haddad",
    "Brennan",
    "Lefebvre",
    "Tanaka",
    "Morozova",
    "Okafor",
    "Sharma",
    "Moreau",
    "Lindqvist",
    "Farouk",
    "Dubois",
    "Sokolov",
    "Mensah",
    "Herrera",
    "Fischer",
    "Kowalski",
    "Adeyemi",
    "Garnier",
    "Rossi",
    "Volkov",
    "Bennett",
    "Castillo",
    "Berg",
    "Jensen",
    "Nasser",
    "Hughes",
    "Sato",
    "Navarro",
    "Ivanova",
    "Carvalho",
    "Price",
    "Abubakar",
    "Schmidt",
    "Duarte",
    "Gallagher",
    "Weber",
)
_AGENCIES = ("Reuters", "AFP", "AP", "TASS", "EPA", "Xinhua", "Anadolu", "dpa")
_ROLES = (
    "foreign minister",
    "finance minister",
    "mayor",
    "chief executive",
    "spokesperson",
    "head of research",
    "regional governor",
    "central bank governor",
    "union leader",
    "lead negotiator",
    "defence minister",
    "health commissioner",
    "chief economist",
    "opposition leader",
    "prosecutor",
    "energy minister",
    "director",
)
_ORGS = (
    "the European Commission",
    "the central bank",
    "the Interior Ministry",
    "the city council",
    "the national statistics office",
    "the World Health Organization",
    "the port authority",
    "the transport union",
    "the Finance Ministry",
    "the United Nations",
    "the parliament",
    "the regional government",
    "the state energy company",
    "the supreme court",
    "the International Monetary Fund",
    "the Defence Ministry",
    "the electoral commission",
    "the national railway operator",
    "the competition authority",
    "the weather service",
)
_CITIES = (
    "Berlin",
    "Lagos",
    "Warsaw",
    "Lyon",
    "Osaka",
    "Nairobi",
    "Lisbon",
    "Toronto",
    "Almaty",
    "Seville",
    "Gdansk",
    "Marseille",
    "Hamburg",
    "Kazan",
    "Montreal",
    "Accra",
    "Bilbao",
    "Brno",
    "Tbilisi",
    "Valencia",
    "Geneva",
    "Riga",
    "Porto",
    "Manchester",
    "Dublin",
    "Tallinn",
    "Yerevan",
    "Rotterdam",
    "Krakow",
    "Novosibirsk",
    "Thessaloniki",
    "Vilnius",
)
_TOPICS = (
    ("budget", "budgets"),
    ("pipeline", "pipelines"),
    ("rail line", "rail lines"),
    ("trade agreement", "trade agreements"),
    ("ceasefire", "ceasefires"),
    ("housing plan", "housing plans"),
    ("tax reform", "tax reforms"),
    ("vaccine programme", "vaccine programmes"),
    ("wind farm", "wind farms"),
    ("border crossing", "border crossings"),
    ("pension reform", "pension reforms"),
    ("power plant", "power plants"),
    ("grain deal", "grain deals"),
    ("bridge project", "bridge projects"),
    ("water supply system", "water supply systems"),
    ("teachers' strike", "teachers' strikes"),
    ("election law", "election laws"),
    ("mining licence", "mining licences"),
    ("airport expansion", "airport expansions"),
)
_PEOPLE_NOUNS = (
    "residents",
    "workers",
    "farmers",
    "students",
    "families",
    "nurses",
    "drivers",
    "pensioners",
    "small businesses",
    "volunteers",
    "commuters",
    "doctors",
    "teachers",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_VERBS_PAST = (
    "approved",
    "rejected",
    "postponed",
    "announced",
    "criticised",
    "defended",
    "suspended",
    "expanded",
    "reviewed",
    "blocked",
    "welcomed",
    "questioned",
    "revised",
    "finalised",
)
_VERBS_FUTURE = (
    "cost more than expected",
    "take at least two years",
    "need further approval",
    "be reviewed by independent auditors",
    "go ahead despite the objections",
    "create thousands of jobs",
    "be financed by a mix of loans and grants",
    "face legal challenges",
    "require new legislation",
    "be delayed until the spring",
)
_ADJECTIVES = (
    "significant",
    "modest",
    "unexpected",
    "gradual",
    "sharp",
    "steady",
    "temporary",
    "lasting",
    "limited",
    "broad",
    "cautious",
    "rapid",
)
_REASONS = (
    "rising energy prices",
    "a shortage of skilled workers",
    "heavy rainfall in the region",
    "delays in the supply of equipment",
    "pressure from local residents",
    "a dispute over funding",
    "new safety requirements",
    "weaker demand abroad",
    "a change in government policy",
    "higher interest rates",
    "an unusually dry summer",
)
_QUOTES = (
    "We have done everything we could to keep costs under control",
    "This is not the end of the process, it is the beginning",
    "Nobody expected the numbers to move this quickly",
    "Our priority is the safety of the people who live here",
    "We will not accept a deal that leaves our members worse off",
    "The figures speak for themselves and they are encouraging",
    "There is still a great deal of work to do before winter",
    "We are asking for clarity, not for special treatment",
    "It is too early to say what the long-term effect will be",
    "The decision was difficult but it was the right one",
)
_TITLE_TEMPLATES = (
    "{city} {verb} {Topic} After Months of Debate",
    "{Org} Warns {Topic} Could Face Delays",
    "{Person} Says {Topic} Will {Future}",
    "{Count} {People} Affected as {city} Halts {Topic}",
    "Talks on {Topic} Resume in {city}",
    "{city} Residents Divided Over New {Topic}",
    "{Org} Unveils Plan for {Topic} in {city}",
    "Why the {Topic} in {city} Matters for the Region",
    "{Person} Defends {Topic} Amid Criticism",
    "Costs of {Topic} Rise by {pct} Percent, Report Finds",
)
_SENTENCES = (
    "{Person}, the {role} of {org}, said on {weekday} that the {topic} would {future}.",
    "Officials in {city} confirmed that {count} {people} had been affected since {month}.",
    "The {topic} was first proposed in {year}, but it stalled because of {reason}.",
    "According to {org}, spending on the {topic} rose by {pct} percent last year.",
    "Critics argue that the plan does little for {people}, who have borne the brunt of {reason}.",
    "The announcement came after weeks of talks between {org} and {org2}.",
    "{org_cap} {verb} the proposal in a vote of {votes} to {votes2} on {weekday}.",
    "Analysts said the decision marked a {adjective} shift in the government's approach.",
    "In {city}, where the project is based, local officials said they had not been consulted.",
    "The {role} told reporters that a final decision would be taken by the end of {month}.",
    "A report published by {org} in {month} estimated the total cost at {money}.",
    "Some {people} in {city} said they had learned about the changes from the news.",
    "The figures, released on {weekday}, showed a {adjective} increase compared with {year}.",
    "{Person} said the government would publish a detailed timetable within {weeks} weeks.",
    "Opposition lawmakers have called for an inquiry into how the {topic} was awarded.",
    "Similar {topics} have been {verb} in {city} and {city2} in recent years.",
    "The dispute has also drawn in {org}, which said it was monitoring the situation closely.",
    "Nearly {pct} percent of {people} surveyed said they supported the measure.",
    "Engineers expect the first phase to be completed in {year2}, officials said.",
    "The {topic} is expected to {future}, according to people familiar with the talks.",
    "{Person} declined to comment on the details, citing ongoing negotiations.",
    "The move follows {reason}, which has weighed on the regional economy since {month}.",
    "Around {count} people attended a public meeting in {city} on {weekday} evening.",
    "Under the new rules, {people} will be able to apply for support from {month}.",
    "It was not immediately clear how the changes would affect existing contracts.",
    "Local media reported that the police had been called to the site twice last week.",
    "The {role} said that talks with {org} had been constructive but difficult.",
    "{org_cap} has until {month} {day} to respond to the complaint.",
)
_QUOTE_SENTENCES = (
    "{open}{quote},{close} {Person} told reporters in {city}.",
    "{open}{quote},{close} said {Person}, the {role} of {org}.",
    "{Person} added: {open}{quote}.{close}",
)
_SEPARATE_WORDS = ("of", "in", "on", "for", "the", "a", "and", "as", "after", "over", "by")

# Clean paragraphs in other languages, quoted or reported the way international
# outlets do.  Accents are part of the test: none of this may be flagged.
_FOREIGN: dict[str, tuple[str, ...]] = {
    "fr": (
        "Selon le ministère de l’Économie, la croissance a atteint {pct} % au deuxième "
        "trimestre, un résultat jugé « encourageant » par les économistes de {city}.",
        "« Nous avons déjà reçu plus de {count} demandes », a déclaré {Person}, précisant que "
        "les premières aides seraient versées dès le mois prochain.",
        "Le préfet a annoncé mercredi la fermeture temporaire de l’école, après la découverte "
        "de fissures dans le bâtiment principal. Les élèves seront accueillis à la mairie.",
        "À Marseille, les pêcheurs dénoncent une réforme qu’ils jugent précipitée et réclament "
        "une rencontre avec le ministre avant la fin de l’été.",
    ),
    "de": (
        "Die Bundesregierung hat am Dienstag angekündigt, die Förderung für Wärmepumpen um "
        "{count} Millionen Euro zu erhöhen. Kritiker halten das für zu wenig.",
        "„Wir müssen jetzt handeln, nicht erst in fünf Jahren“, sagte {Person} bei einer "
        "Pressekonferenz in {city}.",
        "Nach Angaben der Stadtwerke sind rund {count} Haushalte von der Störung betroffen. "
        "Die Reparaturarbeiten sollen bis Freitag dauern.",
        "Der Bürgermeister äußerte sich zurückhaltend und verwies auf die laufenden "
        "Gespräche mit dem Land über die Finanzierung der Brücke.",
    ),
    "es": (
        "El Gobierno aprobó el martes una reforma que, según el ministro, beneficiará a más de "
        "{count} familias en Andalucía y Castilla-La Mancha.",
        "«No vamos a aceptar un acuerdo que perjudique a los agricultores», afirmó {Person}, "
        "quien pidió más transparencia en la negociación.",
        "¿Qué pasará con los contratos firmados antes de la reforma? La pregunta sigue sin "
        "respuesta, según los sindicatos consultados por este diario.",
        "La compañía informó de que las obras del puerto de Málaga comenzarán en otoño y "
        "durarán aproximadamente {weeks} meses.",
    ),
    "ru": (
        "Министерство финансов сообщило, что доходы бюджета выросли на {pct} процента по "
        "сравнению с прошлым годом.",
        "«Мы рассчитываем завершить строительство до конца года», — заявил {Person} журналистам.",
        "По данным местных властей, в результате паводка пострадали около {count} жилых домов.",
        "Жители города жалуются на рост цен на продукты и коммунальные услуги.",
    ),
}

_MOJIBAKE_SOURCES = (
    "The minister’s office said the café near the station would reopen on Monday.",
    "“It’s a difficult moment for everyone,” said the résumé of the committee’s findings.",
    "Protesters gathered outside the Élysée Palace, demanding the government’s resignation.",
    "The naïve assumption that prices would fall has proved wrong, the bank’s report said.",
    "Officials described the exposé as “deeply misleading” and said they’d respond in court.",
)
_CYRILLIC_SOURCES = (
    "Власти региона объявили режим чрезвычайной ситуации после сильного паводка.",
    "Президент подписал указ о повышении пенсий с первого января.",
    "Центральный банк сохранил ключевую ставку на прежнем уровне.",
    "Жители Казани пожаловались на перебои с водой в нескольких районах города.",
)
_CTA_LINES = (
    "Subscribe to our newsletter",
    "Sign up for our newsletter",
    "Sign up for our daily newsletter",
)
_COOKIE_LINES = (
    "We use cookies to improve your experience on our website. By continuing to browse, "
    "you agree to our use of cookies.",
    "This website uses cookies. By using this site you accept our Cookie Policy.",
)
_AD_LINES = ("Advertisement", "ADVERTISEMENT", "Advertisement - Scroll to continue")
_DOMAINS = (
    "news.example.com",
    "www.example.org",
    "daily.example.net",
    "www.example.com",
    "world.example.org",
    "herald.example.net",
)
_CAPTION_TEMPLATES = (
    "{Person} speaks to reporters in {city} on {weekday}.",
    "Workers at the site of the planned {topic} outside {city}.",
    "Demonstrators gather in central {city} ahead of the vote.",
    "The {role} arrives for talks with officials from {org}.",
    "A view of the harbour in {city}, where the {topic} is due to be built.",
)


_SIMPLE_SLOTS: dict[str, tuple[tuple[str, ...], int, int]] = {
    "role": (_ROLES, 0, 0),
    "weekday": (_WEEKDAYS, 0, 0),
    "month": (_MONTH_NAMES, 0, 0),
    "reason": (_REASONS, 0, 0),
    "verb": (_VERBS_PAST, 0, 0),
    "future": (_VERBS_FUTURE, 0, 0),
    "adjective": (_ADJECTIVES, 0, 0),
    "quote": (_QUOTES, 0, 0),
    "day": ((), 1, 28),
    "pct": ((), 2, 78),
    "votes": ((), 40, 90),
    "votes2": ((), 5, 39),
    "weeks": ((), 2, 12),
}
_MONEY_UNITS = ("million euros", "million dollars", "billion roubles", "million pounds")


class _Slots(dict[str, str]):
    """A template's slot values, each drawn on first use."""

    def __init__(self, composer: _Composer) -> None:
        super().__init__()
        self.composer = composer

    def __missing__(self, key: str) -> str:
        if key == "money":
            rng = self.composer.rng
            value = f"{rng.randint(2, 950)} {rng.choice(_MONEY_UNITS)}"
            self[key] = value
            return value
        return self.composer.draw(self, key)


def _title_case(text: str) -> str:
    return " ".join(
        word if word in _SEPARATE_WORDS else word[:1].upper() + word[1:] for word in text.split()
    )


class _Composer:
    """Fills templates for one article, so names and places stay consistent within it."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.people = [f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(3)]
        self.cities = rng.sample(_CITIES, 3)
        self.orgs = rng.sample(_ORGS, 3)
        self.topic = rng.choice(_TOPICS)
        self.curly = rng.random() < 0.6
        self.year = rng.randint(2015, 2025)

    def slots(self) -> _Slots:
        """Slot values, drawn only when a template asks for them (generation speed)."""
        return _Slots(self)

    def draw(self, slots: dict[str, str], key: str) -> str:
        rng = self.rng
        value: str
        if key == "Person":
            value = rng.choice(self.people)
        elif key == "org":
            value = rng.choice(self.orgs)
        elif key == "org2":
            value = rng.choice([o for o in self.orgs if o != slots["org"]])
        elif key == "org_cap":
            value = slots["org"][:1].upper() + slots["org"][1:]
        elif key == "Org":
            value = _title_case(slots["org"].removeprefix("the "))
        elif key == "city":
            value = self.cities[0] if rng.random() < 0.6 else rng.choice(self.cities)
        elif key == "city2":
            value = rng.choice([c for c in self.cities if c != slots["city"]])
        elif key in ("topic", "topics", "Topic"):
            value = {
                "topic": self.topic[0],
                "topics": self.topic[1],
                "Topic": _title_case(self.topic[0]),
            }[key]
        elif key in ("people", "People"):
            value = rng.choice(_PEOPLE_NOUNS)
            value = value.title() if key == "People" else value
        elif key in ("count", "Count"):
            value = f"{rng.randint(120, 48000):,}"
        elif key == "year":
            value = str(self.year - rng.randint(1, 8))
        elif key == "year2":
            value = str(self.year + rng.randint(1, 4))
        elif key == "Future":
            value = _title_case(rng.choice(_VERBS_FUTURE))
        elif key == "open":
            value = "“" if self.curly else '"'
        elif key == "close":
            value = "”" if self.curly else '"'
        elif key in _SIMPLE_SLOTS:
            choices, low, high = _SIMPLE_SLOTS[key]
            value = rng.choice(choices) if choices else str(rng.randint(low, high))
        else:
            raise KeyError(key)
        slots[key] = value
        return value

    def fill(self, template: str) -> str:
        text = template.format_map(self.slots())
        if self.curly:
            text = text.replace("'", "’")
        return text

    def sentence(self) -> str:
        if self.rng.random() < 0.15:
            return self.fill(self.rng.choice(_QUOTE_SENTENCES))
        return self.fill(self.rng.choice(_SENTENCES))

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))

    def title(self) -> str:
        slots = self.slots()
        slots["verb"] = self.rng.choice(_VERBS_PAST).title()
        return self.rng.choice(_TITLE_TEMPLATES).format_map(slots)


def _sloppy_cp1252(data: bytes) -> str:
    """Bytes read as windows-1252, keeping its five undefined bytes as C1 controls."""
    return "".join(
        chr(byte) if byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([byte]).decode("cp1252")
        for byte in data
    )


def _slug(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_title.lower()))


def _split_url(url: str, rng: random.Random) -> str:
    """Break ``url`` with a space inside a slug word, as a line wrap would (``ove r-ukraine``).

    The cut falls after the slug's first hyphen, so the left part is visibly unfinished.
    """
    slug_start = url.rindex("/") + 1
    slug = url[slug_start:]
    first = slug.index("-")
    cuts = [m.start() - rng.randint(1, 2) for m in re.finditer(r"(?<=[a-z]{3})-", slug)]
    cuts = [cut for cut in cuts if cut > first]
    cut = slug_start + (rng.choice(cuts) if cuts else len(slug) - 3)
    return url[:cut] + " " + url[cut:]


def _article_url(rng: random.Random, title: str, published: date) -> str:
    return (
        f"https://{rng.choice(_DOMAINS)}/{published:%Y/%m/%d}/"
        f"{_slug(title)}-a{rng.randint(10000, 99999)}"
    )


def _record(seed: int, index: int, artefact_share: float) -> tuple[dict[str, Any], list[str]]:
    rng = random.Random(f"newslint-bench:{seed}:{index}")
    composer = _Composer(rng)
    title = composer.title()
    published = date(2015, 1, 1) + timedelta(days=rng.randint(0, 3650))
    url = _article_url(rng, title, published)
    byline = (
        rng.choice(_AGENCIES)
        if rng.random() < 0.25
        else " and ".join(composer.people[: rng.choice((1, 1, 1, 2))])
    )
    target = rng.triangular(1800, 5800, 2200)
    paragraphs: list[str] = []
    size = 0
    while size < target:
        paragraph = composer.paragraph()
        if paragraph in paragraphs:
            continue
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    if rng.random() < 0.2 and len(paragraphs) > 2:
        language = rng.choice(tuple(_FOREIGN))
        for template in rng.sample(_FOREIGN[language], rng.randint(1, 2)):
            paragraphs.insert(rng.randint(1, len(paragraphs) - 1), composer.fill(template))
    if rng.random() < 0.25:
        link = _article_url(rng, composer.title(), published - timedelta(days=rng.randint(1, 90)))
        at = rng.randint(1, len(paragraphs) - 1)
        paragraphs.insert(
            at, f"The full text of the earlier report is available at {link} on the website."
        )
    record: dict[str, Any] = {"title": title, "byline": byline, "published": published.isoformat()}
    record["url"] = url
    caption: str | None = None
    if rng.random() < 0.7:
        credit = f"{rng.choice(_FIRST)} {rng.choice(_LAST)} / {rng.choice(_AGENCIES)}"
        caption = f"{composer.fill(rng.choice(_CAPTION_TEMPLATES))} {credit}"
    record["caption"] = caption
    kinds: list[str] = []
    if rng.random() < artefact_share:
        population = list(_KIND_WEIGHTS)
        weights = list(_KIND_WEIGHTS.values())
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
            kind = rng.choices(population, weights)[0]
            if kind == "markdown-credit" and caption is None:
                kind = "related-promo"
            if kind not in kinds:
                kinds.append(kind)
    body_breaks: dict[int, str] = {}
    # Edits of existing paragraphs first, new paragraphs next, gaps (keyed by index) last.
    for kind in sorted(kinds, key=_INJECTION_ORDER.index):
        _inject(kind, rng, record, paragraphs, body_breaks, composer, published)
    record["body"] = "".join(
        paragraph + body_breaks.get(i, "\n\n") for i, paragraph in enumerate(paragraphs)
    ).rstrip("\n")
    if rng.random() < 0.1:
        record["related"] = [composer.title() for _ in range(rng.randint(1, 3))]
    return record, kinds


def _inject(
    kind: str,
    rng: random.Random,
    record: dict[str, Any],
    paragraphs: list[str],
    breaks: dict[int, str],
    composer: _Composer,
    published: date,
) -> None:
    """Damage the record the way scrapers do; ``breaks`` holds non-standard paragraph gaps."""
    inner = rng.randint(1, len(paragraphs) - 1)  # never the first or after the last paragraph
    if kind == "markdown-credit":
        head, _, credit = str(record["caption"]).rpartition(". ")
        name, _, agency = credit.partition(" / ")
        record["caption"] = f"{head}. **{name} / {agency.upper()}**"
    elif kind == "related-promo":
        words = composer.title().split()
        cut = max(2, len(words) - rng.randint(1, 2))
        promo = f"Related article: <u>{' '.join(words[:cut])}</u> {' '.join(words[cut:])}"
        paragraphs.insert(inner, promo)
    elif kind == "split-url":
        record["url"] = _split_url(str(record["url"]), rng)
    elif kind == "split-url-body":
        link = _split_url(
            _article_url(rng, composer.title(), published - timedelta(days=rng.randint(1, 60))),
            rng,
        )
        paragraphs.insert(inner, f"The ministry’s statement was published at {link} last week.")
    elif kind == "mojibake":
        paragraphs.insert(inner, _sloppy_cp1252(rng.choice(_MOJIBAKE_SOURCES).encode()))
    elif kind == "cyrillic-mojibake":
        paragraphs.insert(inner, _sloppy_cp1252(rng.choice(_CYRILLIC_SOURCES).encode()))
    elif kind == "html-entities":
        paragraphs.insert(
            inner,
            rng.choice(
                (
                    "Shares in Johnson &amp; Partners fell after the announcement.",
                    "The company&#8217;s chairman said the results were disappointing.",
                    "The Q&amp;A session with the minister lasted more than an hour.",
                    "Critics called it &quot;a missed opportunity&quot; for the region.",
                )
            ),
        )
    elif kind == "html-tags":
        paragraphs[inner] = rng.choice(
            (
                f"<p>{paragraphs[inner]}</p>",
                paragraphs[inner].replace(". ", ".<br>", 1),
                f"{paragraphs[inner]}<br>",
            )
        )
        if "<" not in paragraphs[inner]:
            paragraphs[inner] = f"<p>{paragraphs[inner]}</p>"
    elif kind == "newsletter-cta":
        paragraphs.insert(inner, rng.choice(_CTA_LINES))
    elif kind == "cookie-notice":
        paragraphs.insert(inner, rng.choice(_COOKIE_LINES))
    elif kind == "advertisement":
        paragraphs.insert(inner, rng.choice(_AD_LINES))
    elif kind == "trailing-whitespace":
        paragraphs[inner - 1] += rng.choice(("  ", " ", "\t", "   "))
    elif kind == "blank-line-runs":
        breaks[inner - 1] = "\n" * rng.randint(3, 5)


def iter_records_with_truth(
    seed: int = 0, artefact_share: float = 0.3, start: int = 0
) -> Iterator[tuple[dict[str, Any], list[str]]]:
    """Records without end (index ``start`` onwards), each with its artefact kinds."""
    index = start
    while True:
        yield _record(seed, index, artefact_share)
        index += 1


def generate_records_with_truth(
    count: int, seed: int = 0, artefact_share: float = 0.3
) -> list[tuple[dict[str, Any], list[str]]]:
    """``count`` records, each with the artefact kinds injected into it (empty if clean)."""
    return [_record(seed, index, artefact_share) for index in range(count)]


def generate_records(
    count: int, seed: int = 0, artefact_share: float = 0.3
) -> list[dict[str, Any]]:
    """``count`` article records following ``schemas/article.schema.json``."""
    return [record for record, _ in generate_records_with_truth(count, seed, artefact_share)]


def _long_date(published: str, variant: int) -> str:
    day = date.fromisoformat(published)
    if variant == 0:
        return f"{_MONTH_NAMES[day.month - 1]} {day.day:02d}, {day.year}"
    if variant == 1:
        return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"
    return published


def article_to_txt(record: dict[str, Any]) -> str:
    """``record`` in the seed's plain-text layout, which newslint's text reader parses back."""
    parts = ["", "", str(record["title"]), ""]
    if record.get("byline"):
        parts += [f"By {record['byline']}", ""]
    if record.get("published"):
        variant = sum(map(ord, str(record["title"]))) % 5  # mostly the seed's own form
        parts += [_long_date(str(record["published"]), min(variant, 2)), "", "", ""]
    if record.get("caption"):
        parts += [str(record["caption"]), ""]
    parts += [str(record["body"]), ""]
    if record.get("related"):
        parts += ["Related articles:", *(f"- {item}" for item in record["related"]), ""]
    parts += ["Original url:", "", str(record["url"])]
    return "\n".join(parts)


def write_corpus(
    directory: Path, count: int, seed: int = 0, txt_share: float = 0.5, jsonl_files: int = 1
) -> dict[str, int]:
    """Write ``count`` articles: ``txt_share`` as .txt files, the rest as JSONL.

    Text files go to ``directory/txt/NNNN/`` (1000 a folder, as big scrapes are
    laid out); JSONL records are dealt round-robin into ``jsonl_files`` files under
    ``directory/jsonl/``.  Returns the number of articles, files and bytes written.
    """
    txt_count = round(count * txt_share)
    written = {"articles": 0, "txt_articles": 0, "jsonl_articles": 0, "files": 0, "bytes": 0}
    records = iter_records_with_truth(seed)
    for index in range(txt_count):
        record, _ = next(records)
        folder = directory / "txt" / f"{index // 1000:04d}"
        if index % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        data = article_to_txt(record).encode()
        (folder / f"{index:07d}.txt").write_bytes(data)
        written["bytes"] += len(data)
        written["files"] += 1
    jsonl_count = count - txt_count
    if jsonl_count > 0:
        jsonl_dir = directory / "jsonl"
        jsonl_dir.mkdir(parents=True, exist_ok=True)
        files = max(1, min(jsonl_files, jsonl_count))
        handles = [(jsonl_dir / f"part-{n:03d}.jsonl").open("wb") for n in range(files)]
        try:
            for index in range(jsonl_count):
                record, _ = next(records)
                line = (json.dumps(record, ensure_ascii=False) + "\n").encode()
                handles[index % files].write(line)
                written["bytes"] += len(line)
        finally:
            for handle in handles:
                handle.close()
        written["files"] += files
    written["txt_articles"] = txt_count
    written["jsonl_articles"] = max(0, jsonl_count)
    written["articles"] = txt_count + written["jsonl_articles"]
    return written


def write_big_jsonl(path: Path, target_bytes: int, seed: int = 0) -> int:
    """Stream records into one JSONL file until it holds ``target_bytes``; return the count.

    Memory stays constant whatever the size: one record is built and written at a time.
    """
    written = 0
    count = 0
    with path.open("wb") as handle:
        for record, _ in iter_records_with_truth(seed):
            if written >= target_bytes:
                break
            line = (json.dumps(record, ensure_ascii=False) + "\n").encode()
            handle.write(line)
            written += len(line)
            count += 1
    return count
