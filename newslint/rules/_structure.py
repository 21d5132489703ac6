"""Shared helpers of the structure rules (NL6xx): paragraphs, normalised text, cut spans."""

from __future__ import annotations

from newslint.lazy_re import compile_lazily
from newslint.model import iter_paragraphs

Paragraph = tuple[int, int, str]

# Words that cannot end an English sentence or phrase (articles, possessive
# determiners, conjunctions), and their counterparts in a few other languages.
DANGLING_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "nor",
        "but",
        "their",
        "its",
        "our",
        "your",
        "whose",
        "than",
        "und",
        "oder",
        "der",
        "die",
        "das",
        "et",
        "ou",
        "les",
        "des",
        "y",
        "el",
        "los",
        "las",
        "и",
        "или",
    ]
)
# The same without conjunctions: after an ellipsis, "and…" trails off by style.
DANGLING_BEFORE_ELLIPSIS = frozenset(
    ["the", "a", "an", "their", "its", "our", "your", "whose", "than"]
)

_WORD = compile_lazily(r"[^\W\d_]+")


def normalise(text: str) -> str:
    """Whitespace collapsed, for comparing paragraphs that differ only in wrapping."""
    return " ".join(text.split())


def comparable(text: str) -> str:
    """Normalised, case-folded, without outer quotes and final punctuation (title comparisons)."""
    return normalise(text).casefold().strip(" \"'“”‘’«».:;!?,-–—|")


def paragraphs(body: str) -> list[Paragraph]:
    return list(iter_paragraphs(body))


def cut_span(items: list[Paragraph], index: int) -> tuple[int, int]:
    """The span that removes paragraph ``index`` with one of its separators."""
    start, end, _ = items[index]
    if index + 1 < len(items):
        return start, items[index + 1][0]
    if index > 0:
        return items[index - 1][1], end
    return start, end


def letters(text: str) -> int:
    return sum(map(len, _WORD.findall(text)))


def shown(text: str, limit: int = 60) -> str:
    text = normalise(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


_MONTH_WORDS = frozenset(
    word
    for language in (
        # en
        "january february march april may june july august september october "
        "november december jan feb mar apr jun jul aug sep sept oct nov dec",
        # de
        "januar jänner februar märz mai juni juli oktober dezember mär okt dez",
        # fr
        "janvier février fevrier mars avril juin juillet août aout septembre "
        "octobre novembre décembre decembre janv févr fevr avr juil déc",
        # es
        "enero febrero marzo abril mayo junio julio agosto septiembre setiembre "
        "octubre noviembre diciembre ene abr ago dic",
        # it
        "gennaio febbraio aprile maggio giugno luglio settembre ottobre "
        "dicembre gen mag giu lug set ott",
        # pt
        "janeiro fevereiro março marco maio junho julho setembro outubro novembro dezembro fev out",
        # nl
        "januari februari maart mei augustus mrt",
        # pl (the genitive of a date, and the month's name)
        "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września "
        "października listopada grudnia styczeń luty marzec kwiecień maj "
        "czerwiec lipiec sierpień wrzesień październik listopad grudzień sty "
        "lut kwi cze lip sie wrz paź lis gru",
        # ru
        "января февраля марта апреля мая июня июля августа сентября октября "
        "ноября декабря январь февраль март апрель май июнь июль август "
        "сентябрь октябрь ноябрь декабрь янв фев мар апр июн июл авг сен сент "
        "окт ноя нояб дек",
        # uk
        "січня лютого березня квітня травня червня липня серпня вересня жовтня "
        "листопада грудня січень лютий березень квітень травень червень липень "
        "серпень вересень жовтень листопад грудень січ лют бер кві тра чер лип "
        "сер вер жов лис гру",
    )
    for word in language.split()
)
"""Month names and their usual abbreviations in the languages newslint's stop-word lists
cover (en, de, fr, es, it, pt, nl, pl, ru, uk): a dateline is written in the article's."""
_DATE_WORDS = frozenset(
    word
    for language in (
        # en
        "monday tuesday wednesday thursday friday saturday sunday mon tue tues "
        "wed thu thur thurs fri sat sun am pm a m p at on updated published "
        "posted last modified st nd rd th et est edt ct cst cdt mt mst mdt pt "
        "pst pdt gmt utc ist bst cet cest msk aest jst",
        # de
        "montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag "
        "am um uhr den aktualisiert veröffentlicht stand mez mesz",
        # fr
        "lundi mardi mercredi jeudi vendredi samedi dimanche le à h publié mis jour",
        # es
        "lunes martes miércoles jueves viernes sábado domingo de del el las los "
        "actualizado publicado",
        # it
        "lunedì martedì mercoledì giovedì venerdì sabato domenica il alle ore "
        "aggiornato pubblicato",
        # pt
        "segunda terça quarta quinta sexta feira às as atualizado",
        # nl
        "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag om bijgewerkt gepubliceerd",
        # pl
        "poniedziałek wtorek środa czwartek piątek sobota niedziela r roku godz "
        "zaktualizowano opublikowano aktualizacja",
        # ru
        "понедельник вторник среда четверг пятница суббота воскресенье г года в "
        "обновлено опубликовано",
        # uk
        "понеділок вівторок середа четвер п'ятниця субота неділя р року о оновлено опубліковано",
    )
    for word in language.split()
)
"""The other words a dateline holds: weekdays, `updated`, `at`, time zones; `de` and `del`
(`5 de noviembre de 2012`), `г.` and `r.` (`5 ноября 2012 г.`, `5 listopada 2012 r.`)."""
_DATE_TOKEN = compile_lazily(r"[^\W\d_]+|\d+|\S")
_NUMERIC_DATE = compile_lazily(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")
_YEAR = compile_lazily(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_MAX_DATELINE = 60


def is_dateline(line: str) -> bool:
    """Whether ``line`` is a date (and time) alone: ``Nov. 19, 2019 8:03 am ET``, ``18 NOV 2019``,
    ``Montag, 5. November 2012``, ``5 de noviembre de 2012``, ``5 ноября 2012 г.``."""
    line = line.strip()
    if not line or len(line) > _MAX_DATELINE:
        return False
    has_month = False
    # One apostrophe, so that `п'ятниця` (Friday) is one word.
    for token in _DATE_TOKEN.findall(line.replace("'", "ʼ").replace("’", "ʼ")):
        if token[0].isdigit() or not token[0].isalpha():
            if not token.isdigit() and token not in ",.:/-–—|•·()":
                return False
            continue
        word = token.lower().replace("ʼ", "'")
        if word in _MONTH_WORDS:
            has_month = True
        elif word not in _DATE_WORDS:
            return False
    if has_month:
        return _YEAR.search(line) is not None
    return _NUMERIC_DATE.search(line) is not None
