"""NL410: lines around the article that read as page furniture, classified as jusText does."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, ClassVar

from newslint.diagnostics import Applicability, Diagnostic
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule
from newslint.rules._boilerplate import (
    CLOSERS,
    SENTENCE_ENDS,
    ends_sentence,
    list_marker,
    quote,
)
from newslint.rules._headline import SIGN_OFF_LINES, header, is_attribution, sign_off
from newslint.sites import normal_line
from newslint.stopwords import DEFAULT_LANGUAGES, LISTS, PUNCTUATION, stop_words

# jusText's defaults (Pomikálek 2011), tuned on the stop-word lists newslint reads.
LENGTH_LOW = 70
LENGTH_HIGH = 200
STOPWORDS_LOW = 0.30
STOPWORDS_HIGH = 0.32

GOOD, NEAR, SHORT, BAD, NEUTRAL, MENU = "good", "near", "short", "bad", "neutral", "menu"

_NUMBERED = compile_lazily(r"[ \t]*\d{1,3}[.)][ \t]")
_BARE_URL = compile_lazily(
    r"[ \t]*\[?(?:https?://|www\.)[^\s\]]*\]?(?:\((?:https?://|www\.)[^\s)]*\))?[ \t]*"
)  # a URL alone on its line, or a Markdown link whose text is that URL
_DIGIT = compile_lazily(r"\d")
# A count and one word, maybe bulleted: `* %437 голосов`, `12 votes` (the article's figures).
_COUNT = compile_lazily(r"[ \t]*(?:[*+•-][ \t]+)?%?\d[\d.,]*%?[ \t]+[^\W\d_]+[ \t]*")
# Links as Markdown converters write them: ``[text](url)``, ``![alt](url)``, ``[text][1]``,
# and august's ``text (https://...)``.  Their text is anchor text; their addresses are not
# words.
_MARKDOWN_LINK = compile_lazily(
    r"!?\[([^\[\]\n]{0,300})\](?:\(<?[^\s()<>]{0,2000}>?\)|\[[^\]\n]{0,40}\])"
)
_PARENTHESISED_URL = compile_lazily(r"\(<?(?:https?://|www\.|/)[^\s()<>]{0,2000}>?\)?")
_ANCHOR_BEFORE = compile_lazily(r"(?:[^\s.!?;:,()\[\]]+[ \t]+){0,3}[^\s.!?;:,()\[\]]+[ \t]*\Z")
MAX_LINK_DENSITY = 0.5
"""jusText calls a paragraph with over 20% of its characters in links furniture; a line is
a smaller unit (a sentence with one linked name reaches 20%), so half."""
_READABLE = compile_lazily(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff]")


class EdgeBoilerplate(Rule):
    code = "NL410"
    name = "edge-boilerplate"
    summary = (
        "Lines before the article's first paragraph or after its last that read as page "
        "furniture: short, few stop words, no sentence."
    )
    explanation = """\
A whole page as text starts and ends with what surrounds the article: menus,
section lists, other stories' headlines, share bars, sign-in and comment forms,
footers.  jusText tells those from prose by a paragraph's length and the share of
its words that are stop words (`the`, `of`, `und`, `les`, `и`...), then lets short
paragraphs take the class of their neighbours.  This rule does the same with the
body's lines, from text alone:

- a line of 200 or more characters of which at least 32% of the words are stop
  words is prose; the article runs from the first of three such lines close
  together (each within 30 lines of the one before) to the last of three (or, on a
  page without three together, from the first to the last); prose outside them (a
  cookie notice above the menu, a copyright line under the footer) stands alone:
  it is never flagged and does not make the lines around it prose;
- a run of at least `menu-lines` short lines (8; lines never judged inside it do not
  end it) is furniture whatever its neighbours: jusText lets a short line take the
  class of the lines around it, so a footer of a hundred section names between the
  article's last short paragraph and a disclaimer was read as prose.  Never a run of
  which over 30% of the lines are labelled (`Role: ...`, `Roots: ...`: the article's
  list) or over half are in capitals (a film's credits).  After the article, where
  reader comments and the article's closing lists are, the run must also read as
  names (at most 30% stop words, or four words a line or fewer on average with at
  most one line in ten starting in lower case or holding a sentence's punctuation:
  verse has longer lines), hold figures in at most half of its lines (ingredients,
  scores), addresses in under 30% (the article's sources), and four in five
  different lines (a comment thread repeats `Reply`).  A sentence at either end of
  the run (`Thanks, Junior!`) is left out of it, and the run changes no other line's
  class.  Before the article, the last `header-lines` lines keep the class they have
  without this (a byline and date written as bullets);
- before the first and after the last, a line is page furniture when it has under
  30% stop words, or is under 70 characters and its neighbours are furniture too
  (a short line between prose and furniture counts as furniture); a short line that
  ends a sentence and has at least 20% stop words (`Apple did not respond for
  comment.`) and a list item ending with `;` are near-prose (prose unless furniture
  surrounds them), and a line with `©` is furniture;
- links, where a Markdown converter kept them (`[text](url)`, `![alt](url)`,
  `[text][1]`, august's `text (https://...)`), are read as jusText reads them: a
  line more than half of whose characters are link text is furniture, and a story
  card whose text spans several lines (`[`, image, headline, summary, `](url)`) is
  link text throughout; addresses are never counted as words;
- the article's title (without a title field, the body line the url's slug spells
  best) and the byline or date lines right under it, bare URLs, numbered list items, rows of figures (a table), a
  count and its word (`437 votes`: a reader poll's results),
  lines in scripts the stop-word lists do not cover and sentences of 8 or more words
  with hardly any stop word (a language the lists do not cover) are never flagged;
- a hard-wrapped body (html2text wraps at 78 characters) is read paragraph by
  paragraph, its wrapped lines joined; a body is taken for wrapped when a quarter of
  its lines of 40 characters or more end near one width (a page of menus has few
  long lines, but they are wrapped).

Only runs of at least `min-run` consecutive furniture lines are flagged (one or two
short lines after the article are more often its own than a menu), and never a run
that a line of four or more words ending with `:` introduces (`Previous interviews
in this series:`: the article's list).  A run's first lines that sign the sentence
before it (`Cheers,` `Timo`; `Liebe Grüße` `Anna`; `– Marcas Grant`; `Posted by ...`;
a date) are the article's and are left out of it.  The article starts with the lines the
context pass takes for prose that end with its first long paragraph (news sites
open with one-sentence paragraphs; lines never judged among them, a numbered item,
do not end them).  Its header (title, byline, date: the last
`header-lines` lines before that start, bulleted lines not counted; a bulleted line
there, a share bar, is still flagged, unless it reads as a byline or a dated line:
`* By Brandon Keim`, `* August 9, 2012 |`) and the first `footer-lines` lines after
the last paragraph are never flagged, and an edge is judged only when it holds at
least `min-edge-lines` lines: the rule is for whole pages, not for the few lines an
extractor leaves (on the extractors' output, judging edges of 10 lines or more
doubles the article lines flagged).  In the FakeNewsCorpus sample (250 articles of
clean news) it flags nothing.

Stop words come from jusText's lists, for the languages in `languages` (default:
en, de, fr, es, it, pt, nl, pl, ru, uk); a page's language need not be known.

On dragnet-sites (799 whole pages, `benchmarks/boilerplate.py`) it flags 55% of
the boilerplate lines and 0.42% of the article lines; most of those article lines are
reader comments, bylines of other posts and other posts' headlines that the gold
keeps.  On 14 extractors' output of 60 pages: 52% and 0.61% (an event's ticket list
that the gold keeps is most of it).  NL409 flags some of the
same menus.

The fix deletes each run of furniture lines and the blank lines after it; it is
unsafe: it deletes text.  Not selected by default (`--extend-select NL410`)."""
    bad = (
        "* Home\n* World\n* Europe\n* Americas\n* Asia\n* Africa\n* Middle East\n"
        "* Business\n* Markets\n* Technology\n* Science\n* Health\n* Sport\n* Football\n"
        "* Tennis\n* Culture\n* Books\n* Music\n* Film\n* Travel\n* Food\n* Opinion\n"
        "* Letters\n* Obituaries\n* Weather\n* Video\n* Podcasts\n* Newsletters\n"
        "* Sign in\n* Subscribe\n"
        "Council approves budget\nBy Jane Doe\nMonday 4 November 2024\n\n"
        "The council approved the budget on Monday after a long debate in which members "
        "of every party spoke, and the mayor said that the money for the new library "
        "would be paid out in the spring of next year, once the plans are final."
    )
    good = (
        "Council approves budget\nBy Jane Doe\nMonday 4 November 2024\n\n"
        "The council approved the budget on Monday after a long debate in which members "
        "of every party spoke, and the mayor said that the money for the new library "
        "would be paid out in the spring of next year, once the plans are final."
    )
    fields = ("body",)
    fix_applicabilities = frozenset({Applicability.UNSAFE})
    enabled_by_default = False

    options: ClassVar[dict[str, str]] = {
        "languages": "ISO 639-1 codes of the stop-word lists to read (jusText's lists)",
        "min-edge-lines": (
            "judge the lines before the first paragraph (or after the last) only when "
            "there are at least this many"
        ),
        "header-lines": "never flag the last this many lines before the first paragraph",
        "footer-lines": "never flag the first this many lines after the last paragraph",
        "min-run": "flag runs of at least this many consecutive furniture lines",
        "menu-lines": (
            "a run of at least this many short lines is furniture whatever its neighbours "
            "(0: never)"
        ),
    }
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    min_edge_lines = 30
    header_lines = 12
    footer_lines = 3
    min_run = 3
    menu_lines = 8

    def configured(self, values: Mapping[str, Any]) -> Rule:
        rule = super().configured(values)
        assert isinstance(rule, EdgeBoilerplate)
        unknown = [code for code in rule.languages if code not in LISTS]
        if unknown:
            raise ValueError(
                f"option 'languages': no stop-word list for {', '.join(map(repr, unknown))}"
                f" (known: {', '.join(LISTS)})"
            )
        return rule

    def check(self, article: Article) -> Iterator[Diagnostic]:
        body = article.text("body")
        if not body or body.count("\n") < self.min_edge_lines:
            return
        lines = _non_empty_lines(body)
        words = stop_words(tuple(self.languages))
        classes: dict[int, str] = dict.fromkeys(_link_blocks(lines), BAD)
        title = header(article)

        def kind(index: int) -> str:
            found = classes.get(index)
            if found is None:
                text = lines[index][2]
                if title and normal_line(text.lstrip(" \t#")) in title:
                    found = NEUTRAL  # the article's own headline
                else:
                    found = _classify(text, words)
                classes[index] = found
            return found

        first = _article_edge(kind, range(len(lines)), lines)
        if first is None:
            return  # no prose: nothing to tell the article from
        last = _article_edge(kind, range(len(lines) - 1, first - 1, -1), lines)
        assert last is not None  # line ``first`` is prose
        if first >= self.min_edge_lines:
            # Prose before the article's start stands alone (a cookie notice): it neither
            # makes the menus around it prose nor is flagged.
            plain = [_alone(kind(i)) for i in range(first)]
            top = _resolve([*plain, GOOD])
            menus = self._menus(plain, lines, 0, words, after=False)
            if menus != plain:
                # The header (a byline and date as bullets) keeps its class without menus.
                keep = max(0, first - self.header_lines)
                top = _resolve([*menus, GOOD])[:keep] + top[keep:]
            cut = self._header_start(lines, top, first)
            flagged = [
                i
                for i in range(first)
                if top[i] == BAD and (i < cut or _bulleted_furniture(lines[i][2]))
            ]
            yield from self._runs(body, lines, flagged, "before the article")
        if len(lines) - 1 - last >= self.min_edge_lines:
            plain = [_alone(kind(i)) for i in range(last + 1, len(lines))]
            bottom = _resolve([GOOD, *self._menus(plain, lines, last + 1, words, after=True)])
            skip = last + 1 + self.footer_lines
            flagged = [i for i in range(skip, len(lines)) if bottom[i - last] == BAD]
            yield from self._runs(body, lines, flagged, "after the article")

    def _menus(
        self,
        classes: list[str],
        lines: list[tuple[int, int, str]],
        offset: int,
        words: frozenset[str],
        after: bool,
    ) -> list[str]:
        """``classes`` (of the lines from ``offset`` on) with each run of at least
        ``menu-lines`` short lines (never-judged lines inside it do not end it) marked
        ``MENU``: furniture whatever its neighbours.  jusText lets a short line take its
        neighbours' class, so a footer of a hundred menu lines between two lines of near-prose
        was read as prose.  After the article, where reader comments and the article's own
        closing lists are, a run must also read as a menu (``_reads_as_menu``)."""
        if not self.menu_lines:
            return classes
        marked = list(classes)
        run: list[int] = []
        for index, kind in enumerate([*classes, GOOD]):
            if kind == SHORT:
                run.append(index)
            elif kind != NEUTRAL or not run:
                if len(run) >= self.menu_lines and _reads_as_menu(
                    [lines[offset + i][2] for i in run], words, after
                ):
                    # A sentence at either end (`Thanks, Junior!`) is the article's.
                    while run and ends_sentence(lines[offset + run[0]][2]):
                        run.pop(0)
                    while run and ends_sentence(lines[offset + run[-1]][2]):
                        run.pop()
                    for i in run:
                        marked[i] = MENU
                run = []
        return marked

    def _header_start(self, lines: list[tuple[int, int, str]], top: list[str], first: int) -> int:
        """Where the header zone begins: ``header-lines`` lines before the article's start,
        not counting bulleted lines (menus, share bars: flagged anyway).  The article starts
        with the run of lines that the context pass takes for prose and that ends with the
        first paragraph: short lead paragraphs, then the first long one."""
        start = first
        while start > 0 and top[start - 1] in (GOOD, NEUTRAL):
            start -= 1
        kept = 0
        while start > 0 and kept < self.header_lines:
            start -= 1
            if not list_marker(lines[start][2]):
                kept += 1
        return start

    def _runs(
        self, body: str, lines: list[tuple[int, int, str]], flagged: list[int], where: str
    ) -> Iterator[Diagnostic]:
        """One problem per run of consecutive flagged lines."""
        run: list[int] = []
        for index in [*flagged, -2]:
            if run and index == run[-1] + 1:
                run.append(index)
                continue
            if len(run) >= self.min_run and not _introduced(lines, run[0]):
                if run[0]:
                    # The sign-off of the sentence before the run (`Cheers,` `Timo`) is its.
                    after = [text for _, _, text in lines[run[0] : run[0] + SIGN_OFF_LINES]]
                    del run[: sign_off(lines[run[0] - 1][2], after)]
                if run:
                    following = run[-1] + 1
                    end = lines[following][0] if following < len(lines) else len(body)
                    yield self._report(body, lines[run[0]], end, len(run), where)
            run = [index]

    def _report(
        self, body: str, first: tuple[int, int, str], end: int, count: int, where: str
    ) -> Diagnostic:
        lines = "a line" if count == 1 else f"{count} lines"
        message = (
            f"edge boilerplate: {lines} {where} that read as page furniture (short, few "
            f"stop words, no sentence; from '{quote(first[2])}')"
        )
        fix = self.replacement("body", first[0], end, "", "delete the lines", Applicability.UNSAFE)
        return self.diagnostic("body", first[0], end, message, fix)


CLUSTER = 3
"""The article starts (ends) with the first (last) of this many prose lines..."""
CLUSTER_GAP = 30
"""...each at most this many lines from the one before; a page's cookie notice or copyright
line is prose too, but stands alone among its menus."""


def _alone(kind: str) -> str:
    """A line's class for the context pass of an edge: prose there stands alone, NEUTRAL."""
    return NEUTRAL if kind == GOOD else kind


def _article_edge(
    kind: Callable[[int], str], order: range, lines: list[tuple[int, int, str]]
) -> int | None:
    """The first prose line, in ``order``, of the first ``CLUSTER`` prose lines close
    together (or the first prose line if no such cluster exists; None if there is none).
    Lines of ``LENGTH_HIGH`` characters or fewer are never prose: they are not classified."""
    first = start = previous = None
    count = 0
    for index in order:
        if len(lines[index][2]) <= LENGTH_HIGH or kind(index) != GOOD:
            continue
        if first is None:
            first = index
        if previous is None or abs(index - previous) > CLUSTER_GAP:
            start, count = index, 0
        count += 1
        previous = index
        if count >= CLUSTER:
            return start
    return first


def _bulleted_furniture(text: str) -> bool:
    """Whether a line of the header zone is furniture there: a bulleted line (a share bar's
    `* Email`), unless it reads as the article's byline or date (`* By Brandon Keim`,
    `* August 9, 2012 |`)."""
    marker = list_marker(text)
    return bool(marker) and not is_attribution(text[marker:])


def _introduces(text: str) -> bool:
    """Whether a line ends with ``:`` and is no label (``Share this:``): it announces a list
    of the article's (``Previous interviews in this series:``)."""
    text = text.rstrip()
    return text.endswith(":") and len(text.split()) >= 4


def _introduced(lines: list[tuple[int, int, str]], first: int) -> bool:
    """Whether the line before a run announces it."""
    return first > 0 and _introduces(lines[first - 1][2])


def _non_empty_lines(body: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each line that is not blank; in a hard-wrapped body (html2text
    and its kin wrap at 78 or 80 characters), of each wrapped paragraph, its lines joined."""
    found = []
    start = 0
    for text in body.split("\n"):
        end = start + len(text)
        if text and not text.isspace():
            found.append((start, end, text))
        start = end + 1
    width = _wrap_width(found)
    if width is None:
        return found
    joined: list[tuple[int, int, str]] = []
    for line in found:
        if joined:
            start, end, text = joined[-1]
            if (
                end + 1 == line[0]
                and len(text) - text.rfind("\n") - 1 >= width - WRAP_SLACK
                and not list_marker(line[2])
            ):
                joined[-1] = (start, line[1], f"{text}\n{line[2]}")
                continue
        joined.append(line)
    return [(start, end, text.replace("\n", " ")) for start, end, text in joined]


WRAP_SLACK = 15
LONG_LINE = 40
"""Only lines this long count in telling a wrapped page: on a page that is mostly menus,
its wrapped paragraphs are a small share of all its lines."""
"""A wrapped line is at most this many characters shorter than the wrap width."""


def _wrap_width(lines: list[tuple[int, int, str]]) -> int | None:
    """The width a body is hard-wrapped at, or None: at least a quarter of its lines (and 8)
    end within ``WRAP_SLACK`` characters of its longest line that is no list item, which is
    60 to 100 long (html2text leaves some items longer: nested ones, long headlines)."""
    if len(lines) < 8:
        return None
    width = max((end - start for start, end, text in lines if not list_marker(text)), default=0)
    if not 60 <= width <= 100:
        return None
    near = sum(1 for start, end, _ in lines if end - start >= width - WRAP_SLACK)
    long = sum(1 for start, end, _ in lines if end - start >= LONG_LINE)
    return width if near >= max(8, long // 4) else None


LINK_BLOCK_LINES = 12
"""The most lines a link's text spans (a story card: image, kicker, headline, summary, age)."""


def _link_blocks(lines: list[tuple[int, int, str]]) -> list[int]:
    """The lines of links whose text spans several lines, as fast_html2md writes story
    cards: a line ``[``, the card's lines, then a line ``](url)``.  All anchor text."""
    found: list[int] = []
    opened = -1
    for index, (_, _, text) in enumerate(lines):
        stripped = text.strip()
        if stripped == "[":
            opened = index
        elif opened >= 0 and stripped.startswith("]("):
            if index - opened <= LINK_BLOCK_LINES:
                found.extend(range(opened, index + 1))
            opened = -1
    return found


def _unlinked(text: str) -> tuple[str, float]:
    """The line with its links' addresses removed, and the share of its characters that
    are anchor text (jusText's link density)."""
    if "](" not in text and "][" not in text and "(http" not in text and "(/" not in text:
        return text, 0.0
    anchors = 0
    pieces = []
    position = 0
    for match in _MARKDOWN_LINK.finditer(text):
        pieces.append(text[position : match.start()])
        pieces.append(match.group(1))
        anchors += len(match.group(1).strip())
        position = match.end()
    pieces.append(text[position:])
    plain = "".join(pieces)
    if "(http" in plain or "(/" in plain or "(www." in plain:
        pieces, position = [], 0
        for match in _PARENTHESISED_URL.finditer(plain):
            before = plain[position : match.start()]
            anchor = _ANCHOR_BEFORE.search(before[-200:])
            anchors += len(anchor.group().strip()) if anchor else 0
            pieces.append(before)
            position = match.end()
        pieces.append(plain[position:])
        plain = "".join(pieces)
    size = len(plain.strip())
    return plain, (min(anchors / size, 1.0) if size else 1.0)


def _classify(text: str, words: frozenset[str]) -> str:
    """jusText's context-free class of one line (``NEUTRAL``: never judged)."""
    if "©" in text:
        return BAD
    if _BARE_URL.fullmatch(text):
        return NEUTRAL
    text, density = _unlinked(text)
    if density > MAX_LINK_DENSITY:
        return BAD
    if _BARE_URL.fullmatch(text) or _NUMBERED.match(text):
        return NEUTRAL
    if not text.isascii() and not _READABLE.search(text):
        return NEUTRAL  # a script the stop-word lists do not cover
    tokens = text.split()
    figures = _figures(tokens)
    if figures >= 3 and figures * 2 >= len(tokens):
        return NEUTRAL  # a row of figures (a table, poll results): the article's data
    if _COUNT.fullmatch(text):
        return NEUTRAL  # a count and its word (`437 голосов`, `12%`): a poll's or a table's
    stop = sum(1 for token in tokens if token.strip(PUNCTUATION).casefold() in words)
    density = stop / len(tokens)
    length = len(text.strip())
    stripped = text.rstrip(CLOSERS)
    if stripped.endswith(";"):
        return NEAR  # an item of a list that is one sentence: prose, unless among furniture
    sentence = stripped.endswith(SENTENCE_ENDS) and not stripped.endswith(("...", "…"))
    if sentence and len(tokens) >= 8 and density < 0.15:
        return NEUTRAL  # a sentence the lists cannot read: a language they do not cover
    if length < LENGTH_LOW:
        if sentence and len(tokens) >= 4 and density >= 0.2 and not list_marker(text):
            return NEAR
        return SHORT
    if density >= STOPWORDS_HIGH:
        return GOOD if length > LENGTH_HIGH else NEAR
    return NEAR if density >= STOPWORDS_LOW else BAD


_LABELLED = compile_lazily(r"[ \t]*(?:[*+•·▪►o–-][ \t]+)?[^\W\d_][^:\n]{0,24}:[ \t]+\S")
_NUMBERS = compile_lazily(r"\d+")
_FIGURE = compile_lazily(r"[\d\u00bc-\u00be\u2150-\u215e]")  # vulgar fractions too: `½ cup`


def _reads_as_menu(texts: list[str], words: frozenset[str], after: bool) -> bool:
    """Whether a long run of short lines is a menu, not the article's own list.  Never when
    over 30% of its lines are labelled (``Role: Meskada``, ``Roots: ...``: a list of the
    article's) or over half are in capitals (a film's credits, a cast).  After the
    article, where reader comments and the article's closing lists are, also:

    - it reads as names: at most 30% of its words are stop words, or its lines hold four
      words or fewer on average and at most one in ten starts in lower case or holds a
      sentence's punctuation (``Personal Finance``, ``Главная``; verse has longer lines,
      a comment lower case or punctuation; the second test keeps menus in languages whose
      stop-word lists hold common nouns, as jusText's Russian one does);
    - at most half of its lines hold a figure (a recipe's ingredients, `½ cup`; scores);
    - under 30% of its lines are addresses (the article's sources);
    - four in five of its lines with letters differ, figures aside (a comment thread
      repeats ``Reply``, ``Recommend? (3)``)."""
    count = len(texts)
    if sum(1 for text in texts if _LABELLED.match(text)) * 10 > count * 3:
        return False
    if sum(1 for text in texts if text.isupper()) * 2 > count:
        return False
    if not after:
        return True
    tokens = [token.strip(PUNCTUATION).casefold() for text in texts for token in text.split()]
    stop = sum(1 for token in tokens if token in words)
    casual = sum(1 for text in texts if _casual(text))
    figures = sum(1 for text in texts if _FIGURE.search(text))
    addresses = sum(1 for text in texts if "http" in text or "www." in text)
    lettered = [_NUMBERS.sub("#", text.strip()) for text in texts if _READABLE.search(text)]
    return (
        (stop * 10 <= len(tokens) * 3 or (casual * 10 <= count and len(tokens) <= count * 4))
        and figures * 2 <= count
        and addresses * 10 < count * 3
        and len(set(lettered)) * 5 >= len(lettered) * 4
    )


_SENTENCE_PUNCTUATION = compile_lazily(r"[,.!?…;]")


def _casual(text: str) -> bool:
    """Whether a line, its bullet aside, starts in lower case or holds a sentence's
    punctuation: a line of prose or verse, not a link's name."""
    text = text[list_marker(text) :]
    letter = _READABLE.search(text)
    return bool((letter and letter.group().islower()) or _SENTENCE_PUNCTUATION.search(text))


def _figures(tokens: list[str]) -> int:
    """How many of the tokens hold a digit."""
    return sum(1 for token in tokens if _DIGIT.search(token))


def _neighbours(classes: list[str], skip: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """For each line, the class of the nearest line before it and after it that is not of a
    ``skip`` class; beyond either end of the page, furniture.  Two passes: a run of ten
    thousand short menu lines costs ten thousand steps, not their square."""
    before, after = [BAD] * len(classes), [BAD] * len(classes)
    seen = BAD
    for index, kind in enumerate(classes):
        before[index] = seen
        if kind not in skip:
            seen = kind
    seen = BAD
    for index in range(len(classes) - 1, -1, -1):
        after[index] = seen
        if classes[index] not in skip:
            seen = classes[index]
    return before, after


def _resolve(classes: list[str]) -> list[str]:
    """jusText's context-sensitive pass: near-prose and short lines take their class from
    their neighbours.  ``classes`` is one edge of the page and the prose line that bounds
    it; neighbours never reach past that line, so the edge alone gives the same result as
    the whole page.  A ``MENU`` line is furniture and changes no other line's class: the
    lines around it look past it (a menu does not make the article's last short paragraph
    furniture)."""
    before, after = _neighbours(classes, (SHORT, NEUTRAL, MENU))
    near = [
        (BAD if before[i] == BAD and after[i] == BAD else GOOD) if kind == NEAR else kind
        for i, kind in enumerate(classes)
    ]
    before, after = _neighbours(near, (SHORT, NEUTRAL, MENU))
    resolved = [
        (before[i] if before[i] == after[i] else BAD) if kind == SHORT else kind
        for i, kind in enumerate(near)
    ]
    return [BAD if kind == MENU else kind for kind in resolved]
