"""The article's own headline, and the byline and date under it, which no boilerplate rule
flags.

A record with a ``title`` names it.  A whole page as text (what a crawler hands you) often
has no title field, and its headline is then one line of the body like any other; on a
site whose other pages list it under "Recent posts", the corpus pass counts it as the
site's, and a short one sits in a run of short lines.  Most news and blog urls spell the
headline in their last path segment (``/2012-11-06/shaq-picks-up-another-florida-home/``),
so the first body line that the slug spells, word for word, is taken for the headline.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rules._boilerplate import ends_sentence
from newslint.rules._structure import is_dateline
from newslint.sites import normal_line

_WORD = compile_lazily(r"[^\W_]+")
_COMBINING = compile_lazily(r"[\u0300-\u036f]")
"""The combining diacritics NFKD splits from Latin, Greek and Cyrillic letters."""
_INNER_APOSTROPHE = compile_lazily(r"(?<=\w)['\u2019](?=\w)")
_SEPARATOR = compile_lazily(r"[-_+]+")
_EXTENSION = compile_lazily(r"\.(?:s?html?|php\d?|aspx?|jsp|cms)$", re.IGNORECASE)
_LIST_ITEM = compile_lazily(r"[ \t]*(?:[*+\u2022\u00b7o-]|\d{1,3}[.)])[ \t]")

_UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe"})
"""Latin letters that NFKD leaves whole but slugs write plain (``przyjął`` -> ``przyjal``)."""

MIN_WORDS = 3
"""A slug, and a line, of fewer words say too little (``/news/entertainment-arts-18950371``
spells the section ``Entertainment & Arts``, not a headline)."""
LINE_SHARE = 0.8
"""Share of the line's words the slug must have: a headline's words are all in its slug..."""
SLUG_SHARE = 0.6
"""...and share of the slug's words the line must have (a slug may drop or add a few)."""


def words(text: str, apostrophes: str = "") -> list[str]:
    """Case-folded words without accents, as a slug writes them; an apostrophe inside a word
    is replaced by ``apostrophes``: a slug writes ``Bike's`` as ``bikes`` but ``L'été`` as
    ``l-ete``."""
    text = text.casefold()
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text)).translate(_UNDECOMPOSED)
    return _WORD.findall(_INNER_APOSTROPHE.sub(apostrophes, text))


def slug_words(url: str) -> frozenset[str]:
    """The words of the url's last path segment that reads as a slug (words joined by ``-``,
    ``_`` or ``+``, at least ``MIN_WORDS`` of them not numbers); empty when there is none."""
    try:
        path = unquote(urlsplit("".join(url.split())).path)
    except ValueError:
        return frozenset()
    for segment in reversed(path.split("/")):
        segment = _EXTENSION.sub("", segment)
        if not _SEPARATOR.search(segment):
            continue
        found = words(_SEPARATOR.sub(" ", segment))
        if sum(not word.isdigit() for word in found) >= MIN_WORDS:
            return frozenset(found)
    return frozenset()


SLUG_DROPS = frozenset(
    word
    for language in (
        # en: Drupal Pathauto's default "ignore words", which WordPress plugins copy
        "a an as at before but by for from is in into like of off on onto per since than "
        "the this that to up via with and",
        # the articles, conjunctions and short prepositions of the other languages
        "der die das den dem des ein eine einen und im am zu zum zur von vom mit fur auf",
        "le la les l de du des un une et a au aux en pour sur par",
        "el los las del una y al por para con",
        "il lo gli i della di da e per con nel",
        "o os as do da dos das um uma em no na com",
        "het een en van op te voor met",
        "w z na do o i",
        "и в на с по к о из",
        "i u na z do po o",
    )
    for word in language.split()
)
"""Words a slug may leave out (`the`, `of`, `der`, `и`), written as ``words`` writes them:
a headline's other words must all be in its slug; these need not."""


def spelling(line: str, slug: frozenset[str]) -> float:
    """How well ``line`` spells the slug: the share of its words the slug has, those it may
    leave out (``SLUG_DROPS``) aside (0 when that is under ``LINE_SHARE``, when the line has
    under a ``SLUG_SHARE`` of the slug's words, or fewer than ``MIN_WORDS`` words)."""
    best = 0.0
    if not slug:
        return best
    for joined in ("", " ") if "'" in line or "\u2019" in line else ("",):
        found = set(words(line, joined))
        shared = len(found & slug)
        if len(found) < MIN_WORDS or shared < SLUG_SHARE * len(slug):
            continue  # (most lines: the small words are counted only for the others)
        counted = len(found) - len(found & SLUG_DROPS - slug)
        if shared >= LINE_SHARE * counted:
            best = max(best, shared / counted)
    return best


def spells(line: str, slug: frozenset[str]) -> bool:
    """Whether ``line`` is the headline the slug spells."""
    return spelling(line, slug) > 0


@lru_cache(maxsize=16)
def _headline(title: str, url: str, body: str) -> tuple[str, int]:
    """(``headline``, where its line ends in ``body``, or -1 when the body does not hold
    it as given)."""
    if title.strip():
        normal, shown = normal_line(title), title.strip()
        # Found from line to line: a title of one line takes a line's length from the body
        # each time (linear); one of several lines is no line of the body.
        found = body.find(shown) if "\n" not in shown else -1
        while found >= 0:  # the line that is the title (as written), not one that holds it
            start, end = body.rfind("\n", 0, found) + 1, body.find("\n", found)
            end = len(body) if end < 0 else end
            if normal_line(body[start:end].strip().lstrip("#").strip()) == normal:
                return normal, end
            found = body.find(shown, end)
        return normal, -1
    slug = slug_words(url) if url else frozenset()
    if not slug:
        return "", -1
    letters = sum(map(len, slug)) + len(slug)
    shortest, longest = letters // 2, 3 * letters + 20  # cheap bounds before any splitting
    # A headline holds most of its slug's words: one of the three longest, at least, as
    # the slug writes it or capitalised.  Only the lines that hold one are read (found in
    # C with str.find: a loop over every line of every page costs more than all the rest).
    probes = sorted(slug, key=len)[-3:]
    starts: set[int] = set()
    for word in {*probes, *(word.capitalize() for word in probes)}:
        at = body.find(word)
        while at >= 0:
            starts.add(body.rfind("\n", 0, at) + 1)
            stop = body.find("\n", at)
            at = body.find(word, stop) if stop >= 0 else -1
    best_line, best, best_end = "", 0.0, -1
    for start in sorted(starts):
        end = body.find("\n", start)
        end = len(body) if end < 0 else end
        line = body[start:end]
        if shortest <= len(line) <= longest and not _LIST_ITEM.match(line):
            score = spelling(line, slug)
            if score > best:  # the first best: the page's <title> (`... | WIRED`) spells
                best_line, best, best_end = line, score, end  # the slug less well
                if score == 1.0:
                    break
    if not best_line:
        return "", -1
    return normal_line(best_line.strip().lstrip("#").strip()), best_end


def headline(article: Article) -> str:
    """The article's headline as ``normal_line`` writes it: its title, else the body line
    (not a list item: those are other posts' links) that its url's slug spells best, the
    first of those; empty when neither is known.  Cached: each boilerplate rule asks for
    the same article's."""
    return _headline(
        article.text("title") or "", article.text("url") or "", article.text("body") or ""
    )[0]


_BYLINE_WORD = compile_lazily(
    r"(?:by|von|par|por|di|da|door|przez|autor|автор|від|от)\b[ \t]*:?[ \t]*", re.IGNORECASE
)
_NAME_WORD = compile_lazily(r"[^\W\d_][\w.'\u2019-]*")
_PARTICLES = frozenset(
    [
        "de",
        "da",
        "di",
        "del",
        "der",
        "den",
        "van",
        "von",
        "la",
        "le",
        "du",
        "dos",
        "das",
        "y",
        "e",
        "и",
    ]
)
MAX_NAME_WORDS = 5
HEADER_LINES = 2
"""Lines under the headline that may be its byline and date (`Laura Beck`, `24 July 2012`)."""


def is_byline(line: str) -> bool:
    """A date, or a name (capitalised words, particles aside; `by`, `von`, `par`... before
    it allowed): what a headline's byline line holds.  Not a list item (`* View Profile`)."""
    text = line.strip()
    if not text or len(text) > 80:
        return False
    if is_dateline(text):
        return True  # `5. November 2012` too, though it reads as a numbered item
    if _LIST_ITEM.match(line):
        return False
    prefix = _BYLINE_WORD.match(text)
    names = text[prefix.end() :].split() if prefix else text.split()
    return _is_name(names, 1 if prefix else 2)


def _is_name(names: list[str], fewest: int = 1) -> bool:
    """Whether ``names`` (``fewest`` to ``MAX_NAME_WORDS`` words) are a person's name: each
    word capitalised, particles (`de`, `van`) aside."""
    if not fewest <= len(names) <= MAX_NAME_WORDS:
        return False
    for word in names:
        if word.casefold() in _PARTICLES:
            continue
        if not (_NAME_WORD.fullmatch(word) and word[0].isupper()):
            return False
    return True


_POSTED = compile_lazily(
    r"(?:posted|written|published|geschrieben|verfasst|eingestellt|publié|écrit|publicado"
    r"|escrito|pubblicato|scritto|geplaatst|geschreven|opublikowane|opublikował[a]?"
    r"|napisane|napisał[a]?|опубликовано|опубликовал[а]?|написал[а]?|опубліковано"
    r"|опублікував|опублікувала|написав|написала)[ \t]+",
    re.IGNORECASE,
)
_SIGNATURE_DASH = compile_lazily(r"[^\S\n]*(?:--|[-\u2013\u2014~])[^\S\n]*")
MAX_SIGNATURE = 80
"""A line longer than this is no byline, sign-off or date."""
VALEDICTIONS = frozenset(
    phrase.casefold()
    for language in (
        # en
        "thanks|thank you|many thanks|thanks again|thanks for reading|"
        "thanks for listening|cheers|best|all the best|best wishes|best regards|"
        "regards|kind regards|warm regards|warmly|love|with love|lots of love|"
        "love and light|love and gratitude|love and blessings|blessings|hugs|"
        "xoxo|peace|yours|yours truly|sincerely|yours sincerely|take care|"
        "namaste",
        # de
        "danke|vielen dank|grüße|gruß|viele grüße|liebe grüße|herzliche grüße|"
        "beste grüße|mit freundlichen grüßen|lg|vg|mfg|bis bald",
        # fr
        "merci|merci beaucoup|amitiés|amicalement|cordialement|bien à vous|"
        "bises|grosses bises|à bientôt|salutations|avec amour",
        # es
        "gracias|muchas gracias|saludos|un saludo|un abrazo|abrazos|atentamente|"
        "besos|con cariño|con amor|cordialmente",
        # it
        "grazie|grazie mille|saluti|cordiali saluti|un abbraccio|un caro saluto|"
        "baci|con affetto|con amore|a presto",
        # pt
        "obrigado|obrigada|muito obrigado|muito obrigada|abraços|um abraço|"
        "beijos|atenciosamente|com carinho|com amor|saudações",
        # nl
        "bedankt|dank je|dank u|groeten|groetjes|hartelijke groet|"
        "hartelijke groeten|met vriendelijke groet|vriendelijke groet|liefs|"
        "tot ziens",
        # pl
        "dziękuję|dzięki|pozdrawiam|pozdrowienia|serdecznie pozdrawiam|"
        "z poważaniem|ściskam|całuję|do zobaczenia",
        # ru
        "спасибо|большое спасибо|с уважением|всего доброго|всего хорошего|"
        "с любовью|обнимаю|до встречи",
        # uk
        "дякую|щиро дякую|з повагою|з любов'ю|з любовʼю|обіймаю|до зустрічі",
    )
    for phrase in language.split("|")
)
"""How letters, posts and reader comments close, in the languages of the stop-word lists."""
MENU_WORDS = frozenset(["love", "best", "peace", "yours", "blessings", "hugs", "regards"])
"""Closings that are also a site's sections (`Love`, `Life`, `Style`): a closing only with
its comma."""
MAX_VALEDICTION_WORDS = 5


def is_salutation(line: str) -> bool:
    """A letter's or a reader comment's opening (`Hi David,`, `Liebe Anna,`, `Дорогой
    Иван,`): a few words ending with a comma, over the text it opens."""
    text = line.strip()
    return text.endswith(",") and 0 < len(text.split(None, MAX_VALEDICTION_WORDS)) <= (
        MAX_VALEDICTION_WORDS
    )


def _closing(line: str) -> int:
    """2: one of ``VALEDICTIONS`` (`Cheers`, `Liebe Grüße`, `С уважением,`; one that is
    also a section's name, `Love`, only with its comma); 1: only a few words ending with a
    comma (`Thanks for “listening”,`); 0: no letter's closing."""
    text = line.strip()
    if not text or len(text) > MAX_SIGNATURE:
        return 0
    plain = " ".join(text.split()).rstrip(",.!").replace("’", "'").casefold()
    if plain in VALEDICTIONS and (plain not in MENU_WORDS or text.endswith(",")):
        return 2
    return 1 if is_salutation(text) else 0


def _signed_line(line: str) -> bool:
    """A closing and a name on one line (`Cheers, Timo`, `Liebe Grüße, Anna`)."""
    closing, comma, name = line.strip().partition(",")
    return bool(comma) and _closing(closing) == 2 and _is_person(name)


def _is_person(text: str) -> bool:
    """A line that is a name alone (`Timo`, `Jan de Vries`, `Timo.`): what signs a letter."""
    text = text.strip()
    if text.endswith((".", "!")) and not text.endswith(("..", "!!")):
        text = text[:-1]
    return 0 < len(text) <= MAX_SIGNATURE and not ends_sentence(text) and _is_name(text.split())


_DAY = compile_lazily(r"(?<![\d(])\d{1,2}(?![\d)])")
"""A day of the month, or an hour: what an article's date has and an archive's month not
(`November 2012 (12)`: a count of posts, in brackets, is no day)."""
_NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "any",
        "all",
        "this",
        "that",
        "these",
        "our",
        "your",
        "my",
        "his",
        "her",
        "its",
        "their",
        "every",
        "some",
        "no",
    ]
)
"""Words no person's name holds (`By The Numbers`, `By Any Means Necessary` are titles)."""
_NAME_END = ",;|•·"


def is_dated(line: str) -> bool:
    """A dateline with its day or hour (`July 21, 2012`, not an archive's `July 2012`); the
    cheap search first: most lines hold no day."""
    return _DAY.search(line) is not None and is_dateline(line)


def _names_a_person(text: str, alone: int) -> bool:
    """Whether ``text`` (what follows `By`) starts with a person's name: capitalised words,
    no `The` or `Any`, up to a comma, a bar or a lower-case word (`Dan Friedman, AdWords
    Product Manager`, `John Halamka at 3:00 AM`); at least ``alone`` words when nothing
    follows the name (`By Category` is a section)."""
    words = text.split()
    taken = 0
    for word in words:
        plain = word.rstrip(_NAME_END)
        if not plain:
            break
        if plain.casefold() in _NOT_NAMES or not _is_name([plain]):
            break
        taken += 1
        if plain != word:
            break  # a comma or a bar ends the name
    if not taken or taken > MAX_NAME_WORDS:
        return False
    return taken >= alone or taken < len(words)


def is_attribution(line: str) -> bool:
    """A dateline with its day (`July 21, 2012`, not an archive's `July 2012`), or a byline
    that says so (`By Morgen Peck`, `Posted by John Halamka at 3:00 AM`, `Publié par Jean
    Dupont`): the article's, wherever its site prints it."""
    text = line.strip()
    if not text or len(text) > MAX_SIGNATURE:
        return False
    if is_dated(text):
        return True  # (`November 2012` is an archive's month, and no byline either)
    posted = _POSTED.match(text)
    rest = text[posted.end() :] if posted else text
    prefix = _BYLINE_WORD.match(rest)
    if prefix is None:
        # `Napisał Jan Kowalski`, `Написал Иван Петров`: a verb that takes the name itself.
        return posted is not None and _names_a_person(rest, 2)
    return _names_a_person(rest[prefix.end() :], 1 if posted else 2)


def _dash_signature(line: str, following: str) -> bool:
    """An author's name after a dash (`– Marcas Grant`, `-Scott`); not an item of a list of
    dashes (the next line starts with the same dash)."""
    dash = _SIGNATURE_DASH.match(line)
    if dash is None or len(line) > MAX_SIGNATURE:
        return False
    mark = line.strip()[0]
    if following.lstrip().startswith(mark):
        return False
    name = line[dash.end() :]
    return _names_a_person(name, 1) if "," in name else _is_person(name)


SIGN_OFF_LINES = 4
"""The lines after the article's last sentence that ``sign_off`` reads: two closings, a
name, and the line under it."""


def sign_off(before: str, lines: list[str]) -> int:
    """How many of ``lines`` (the non-blank lines after ``before``; ``SIGN_OFF_LINES`` of them
    are read) are the sign-off of the
    text that ``before`` ends (a sentence, or a closing with its comma), which no
    boilerplate rule flags though the site's pages repeat it:

    - up to two closings and a name (`Cheers,` `Timo`; `thanks` `With Love` `Elena`);
    - an author's name after a dash (`– Marcas Grant`, `-Scott`);
    - a byline that says so, or a date (`Posted by Dan Friedman, AdWords Product Manager`,
      `November 8, 2012`), and a date under it."""
    before = before.rstrip()
    if not (ends_sentence(before) or before.endswith(",")):
        return 0
    ahead = [*lines[:SIGN_OFF_LINES], "", ""]
    if _signed_line(ahead[0]):
        return 1
    taken = shapes = 0  # closings, and those by their comma alone (two are a list's items)
    while taken < 2 and (kind := _closing(ahead[taken])) and shapes + (kind == 1) < 2:
        shapes += kind == 1
        taken += 1
    name = ahead[taken]
    if _dash_signature(name, ahead[taken + 1]):
        return taken + 1
    if is_attribution(name):
        return taken + (2 if is_dated(ahead[taken + 1]) else 1)
    if (taken or _closing(before)) and _is_person(name):
        return taken + 1
    return 0


@lru_cache(maxsize=16)
def _header(title: str, url: str, body: str) -> frozenset[str]:
    top, end = _headline(title, url, body)
    if not top:
        return frozenset()
    found = {top}
    if end < 0:
        return frozenset(found)  # a title field that the body does not repeat
    taken = 0
    for line in body[end + 1 :].split("\n", 2 * HEADER_LINES + 2)[: 2 * HEADER_LINES + 2]:
        if not line.strip():
            continue
        if taken == HEADER_LINES or not is_byline(line):
            break
        found.add(normal_line(line))
        taken += 1
    return frozenset(found)


def header(article: Article) -> frozenset[str]:
    """``headline`` and the lines right under it in the body that read as its byline or
    date, as ``normal_line`` writes them (a menu's run of short lines, or a site's count of
    its authors' names, would otherwise take them: `Laura Beck` over `* View Profile`)."""
    return _header(
        article.text("title") or "", article.text("url") or "", article.text("body") or ""
    )
