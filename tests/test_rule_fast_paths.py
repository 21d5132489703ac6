"""Structure and whitespace rules' fast paths only skip work: the same findings without them.

Each rule here has cheap pre-tests (a count, a C-level scan, a test that settles most
lines or words) in front of its Python loop.  A pre-test that turned away an input the
loop would flag would silently lose a finding, so each rule is compared with a plain
reference, written here without any fast path, on generated inputs built to sit on the
pre-tests' edges, on the suite's example and data articles and on the shared corpora
when they are present.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.model import Article, iter_paragraphs
from newslint.prefilter import prefilter_for
from newslint.rule import Rule
from newslint.rules import (
    nl501_trailing_whitespace,
    nl507_hard_wrap,
    nl604_truncated_body,
    nl607_link_list,
    nl608_glued_words,
)
from newslint.rules._structure import cut_span, letters, normalise, paragraphs, shown
from newslint.rules._whitespace import (
    HYPHEN_BREAK,
    JOIN,
    KEEP,
    UNKNOWN,
    UrlRegions,
    WordIndex,
    hyphen_break,
    left_token,
    right_token,
)
from newslint.rules.nl201_split_url import continues
from newslint.rules.nl507_hard_wrap import HardWrap
from newslint.rules.nl601_duplicate_paragraph import DuplicateParagraph
from newslint.rules.nl607_link_list import LinkList
from tests.rulekit import article, corpus_articles, data_articles, example_articles


def _found(diagnostics: Iterable[Diagnostic]) -> list[tuple[object, ...]]:
    return [(d.field, d.start, d.end, d.message, d.fix) for d in diagnostics]


def _real_articles(rule: Rule | None = None) -> list[Article]:
    """The suite's articles and the shared corpora's (those ``rule`` is triggered on)."""
    items = [*example_articles(), *data_articles(), *corpus_articles()]
    if rule is None:
        return items
    triggered = prefilter_for([rule])
    return [item for item in items if triggered.candidates(item)]


def _assert_same(
    rule: Rule, reference: Callable[[Article], Iterable[Diagnostic]], items: Iterable[Article]
) -> int:
    """``rule.check`` and ``reference`` agree on every item; returns the findings' count."""
    total = 0
    for item in items:
        found = _found(rule.check(item))
        assert found == _found(reference(item)), (rule.code, item.path, item.record)
        total += len(found)
    return total


# NL607 link-list --------------------------------------------------------------------------

_TERMINAL = '.!?:;…"”’)»'


def _line_kind(line: str) -> str:
    """NL607's line classes as first written (no fast path, no shortcut)."""
    m = nl607_link_list
    text = m._BULLET.sub("", line, count=1).strip()
    linked = "](" in text or m._URL_START.search(text) is not None
    without_links = m._URL.sub(" ", m._MARKDOWN_LINK.sub(" ", text)) if linked else text
    words = m._WORD.findall(without_links)
    if len(words) <= 3 and without_links.strip(" \t|:-–—·•") != text.strip(" \t|:-–—·•"):
        return "link"
    if not words or len(words) > m._MAX_HEADLINE_WORDS or text.endswith(tuple(_TERMINAL)):
        return "prose"
    capitalised = sum(1 for word in words if word[0].isupper() or word.lower() in m._SMALL_WORDS)
    return "headline" if capitalised == len(words) and len(words) >= 2 else "prose"


def _link_list(rule: LinkList) -> Callable[[Article], list[Diagnostic]]:
    def reference(item: Article) -> list[Diagnostic]:
        body = item.body
        # The rule's first test counts "\n" only (a body split by "\r" alone is short).
        if not body or body.count("\n") + 1 < rule.min_lines:
            return []
        lines = [line for line in body.splitlines() if line.strip()]
        if len(lines) < rule.min_lines:
            return []
        kinds = [_line_kind(line) for line in lines]
        links = kinds.count("link")
        listed = len(lines) - kinds.count("prose")
        if links < rule.min_links or listed < rule.min_share * len(lines):
            return []
        start = len(body) - len(body.lstrip())
        message = (
            f"the body is mostly links or headlines ({listed} of {len(lines)} lines, "
            f"{links} links): page navigation, or no article at all"
        )
        return [rule.diagnostic("body", start, len(body.rstrip()), message)]

    return reference


_LIST_LINES = [
    "https://example.org/a",
    "HTTP://EXAMPLE.ORG/B",
    "www.example.org/c",
    "WwW.example.org/d.",
    "ftp://example.org/e",
    "[Library to Close](https://example.org/library)",
    "* [Library](https://example.org/l)",
    "- [](#photo-1) ",
    "Council Approves Budget",
    "Council Approves Budget.",
    "Council Approves Budget ",
    "* Health",
    "* Message Boards",
    "12. Mayor Unveils Routes",
    "Mayor 12. plans Budget",
    "Sources: https://example.org/a.",
    "See https://example.org/a.",
    "The council approved the budget after a long debate on Tuesday night.",
    "the council approved the budget after a long debate on Tuesday night",
    "Residents packed the hall »",
    "Residents Packed The Hall » ",
    "Africa (https://www.wsj.com/news/africa)",
    "“Quoted Headline”",
    "Новости Дня",
    "   ",
    "",
]


def _link_list_bodies(count: int) -> list[str]:
    generator = random.Random(607)
    bodies = []
    for _ in range(count):
        lines = generator.choices(_LIST_LINES, k=generator.randint(3, 14))
        separator = generator.choice(["\n", "\n", "\r\n", "\n\n", "\r"])
        bodies.append(separator.join(lines))
    return bodies


@pytest.mark.parametrize(
    ("min_lines", "min_share", "min_links"), [(6, 0.8, 3), (3, 0.5, 1), (6, 0.95, 5)]
)
def test_nl607_fast_paths_lose_nothing(min_lines: int, min_share: float, min_links: int) -> None:
    rule = type("Options", (LinkList,), {})()
    rule.min_lines, rule.min_share, rule.min_links = min_lines, min_share, min_links
    items = [article(body=body) for body in _link_list_bodies(3000)]
    assert _assert_same(rule, _link_list(rule), items) > 20
    if min_lines == 6 and min_links == 3:
        assert _assert_same(rule, _link_list(rule), _real_articles(rule)) >= 0


def test_nl607_surely_prose_lines_are_prose() -> None:
    lines = [*_LIST_LINES, *(line + end for line in _LIST_LINES for end in ("", " ", ".", "»"))]
    lines += {
        line: None
        for item in _real_articles()
        for line in (item.body or "").splitlines()[:40]
        if line.strip() and len(line) < 300
    }
    for line in lines:
        assert nl607_link_list.line_kind(line) == _line_kind(line), line
        if nl607_link_list._surely_prose(line):
            assert _line_kind(line) == "prose", line


_MARK_PIECES = [
    "http",
    "HTTPſ",
    "https",
    "://",
    "www.",
    "wWw.",
    "ww",
    "w.",
    "](",
    "]",
    "(",
    "x",
    " ",
]


@settings(max_examples=600, deadline=None)
@given(pieces=st.lists(st.sampled_from(_MARK_PIECES), max_size=10), enough=st.integers(1, 4))
def test_nl607_mark_counts_are_the_first_versions(pieces: list[str], enough: int) -> None:
    body = "".join(pieces)
    m = nl607_link_list
    expected = m._count(m._LINKISH.finditer(body), enough)
    assert m._link_marks(body, enough) == expected
    assert m._www_count(body, enough) == min(sum(map(body.count, m._WWW_CASES)), enough)


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet=":/]( \na", max_size=30), enough=st.integers(0, 6))
def test_nl607_occurrences_are_counts(text: str, enough: int) -> None:
    for mark in ("://", "](", "\n"):
        assert nl607_link_list._occurrences(text, mark, enough) == min(text.count(mark), enough)


def test_nl607_mark_counts_on_real_articles() -> None:
    m = nl607_link_list
    for item in _real_articles():
        body = item.body or ""
        for enough in (3, 1000):
            assert m._link_marks(body, enough) == m._count(m._LINKISH.finditer(body), enough)
            expected = min(sum(map(body.count, m._WWW_CASES)), enough)
            assert m._www_count(body, enough) == expected


# NL507 hard-wrap ------------------------------------------------------------------------


def _wrap_width(paragraph: str) -> int | None:
    """NL507's wrap test as first written (the tests in their first order)."""
    m = nl507_hard_wrap
    lines = [line.rstrip() for line in paragraph.splitlines()]
    if len(lines) < m.MIN_LINES or any(not line.strip() for line in lines):
        return None
    if any(m._STRUCTURED.match(line) for line in lines):
        return None
    body = lines[:-1]
    width = max(len(line) for line in body)
    if not m.MIN_WIDTH <= width <= m.MAX_WIDTH:
        return None
    if min(len(line) for line in body) < 0.6 * width:
        return None
    if any("   " in line.strip() or "\t" in line.strip() for line in lines):
        return None
    mid_sentence = lower_start = 0
    for line, following in zip(body, lines[1:], strict=True):
        next_word = following.split(maxsplit=1)[0]
        lower_start += next_word[0].islower()
        if len(line) + 1 + len(next_word) <= width:
            return None
        if not m._SENTENCE_END.search(line[-4:]):
            mid_sentence += 1
    if 2 * mid_sentence < len(body) or 2 * lower_start < len(body):
        return None
    return width


def _joins(
    name: str, text: str, start: int, end: int, index: WordIndex, urls: UrlRegions
) -> Iterator[Edit]:
    """NL507's joins as first written: every break of the regex, every token looked at."""
    m = nl507_hard_wrap
    for gap in m._BREAK.finditer(text, start, end):
        hyphen = HYPHEN_BREAK.match(text, gap.start() - 1) if gap.start() > 0 else None
        if hyphen is not None and text[gap.start() - 1] == "-":
            verdict = hyphen_break(text, hyphen, index, urls)[0]
            if verdict in (JOIN, KEEP):
                continue
            if verdict == UNKNOWN:
                yield Edit(name, gap.start(), gap.end(), "")
                continue
        token = left_token(text, gap.start())
        url = m._URL_START.search(token)
        if url is not None:
            piece = right_token(text, gap.end()).rstrip(m._URL_TRAILING)
            if continues(token[url.start() :], gap.group(), piece):
                continue
        yield Edit(name, gap.start(), gap.end(), " ")


def _hard_wrap(rule: HardWrap) -> Callable[[Article], list[Diagnostic]]:
    def reference(item: Article) -> list[Diagnostic]:
        found = []
        fields = list(item.text_fields(rule.fields))
        index = WordIndex([t for _, t in fields])
        for name, text in fields:
            urls = UrlRegions(text)
            for start, end, paragraph in iter_paragraphs(text):
                width = _wrap_width(paragraph)
                if width is None:
                    continue
                edits = tuple(_joins(name, text, start, end, index, urls))
                lines = paragraph.count("\n") + 1
                message = f"paragraph hard-wrapped at {width} characters ({lines} lines)"
                fix = Fix("join the lines with spaces", Applicability.UNSAFE, edits)
                found.append(rule.diagnostic(name, start, end, message, fix))
        return found

    return reference


_WORD_TEXT = (
    "the council voted on Monday to approve new harbour plan which will see old ferry "
    "terminal replaced by marina and public park along waterfront Budget govern- ment "
    "top-selling self- indictment http://example.org/a-very- long-path/with- pieces "
    "https://news.example.com/2024/05/story-about-the- harbour.html end. Yes! (maybe) "
    "- * 12. > | word"
)
_WORDS = _WORD_TEXT.split()


def _wrapped_bodies(count: int) -> list[str]:
    generator = random.Random(507)
    bodies = []
    for _ in range(count):
        pieces: list[str] = []
        for _ in range(generator.randint(1, 3)):
            width = generator.randint(40, 110)
            words = generator.choices(_WORDS, k=generator.randint(10, 80))
            lines, line = [], ""
            for word in words:
                if line and len(line) + 1 + len(word) > width:
                    lines.append(line)
                    line = word
                else:
                    line = f"{line} {word}" if line else word
            lines.append(line)
            breaks = [generator.choice(["\n", "\n", " \n", "\r\n", "\t\n ", "  \n"]) for _ in lines]
            pieces.append("".join(a + b for a, b in zip(lines, breaks, strict=True)))
        bodies.append(generator.choice(["\n", "\n\n", "\n \n"]).join(pieces))
    return bodies


def test_nl507_breaks_are_the_regexs() -> None:
    generator = random.Random(5071)
    texts = [
        "".join(generator.choices(" \t\r\na-", k=generator.randint(0, 12))) for _ in range(50_000)
    ]
    for text in texts:
        start = generator.randint(0, len(text))
        end = generator.randint(start, len(text))
        expected = [gap.span() for gap in nl507_hard_wrap._BREAK.finditer(text, start, end)]
        assert list(nl507_hard_wrap._breaks(text, start, end)) == expected, (text, start, end)
    for item in _real_articles(HardWrap()):
        for _, text in item.text_fields(("caption", "body")):
            expected = [gap.span() for gap in nl507_hard_wrap._BREAK.finditer(text)]
            assert list(nl507_hard_wrap._breaks(text, 0, len(text))) == expected


def test_nl507_fast_paths_lose_nothing() -> None:
    rule = HardWrap()
    items = [article(body=body) for body in _wrapped_bodies(1500)]
    assert _assert_same(rule, _hard_wrap(rule), items) > 200
    assert _assert_same(rule, _hard_wrap(rule), _real_articles(rule)) > 0


# NL501 trailing-whitespace ---------------------------------------------------------------


def test_nl501_trailing_runs_are_the_regexs() -> None:
    def expected(text: str) -> list[tuple[int, int]]:
        return [run.span() for run in nl501_trailing_whitespace._TRAILING.finditer(text)]

    generator = random.Random(501)
    alphabet = " \t\r\n\u2028\u2029\x0b\x85\xa0a"
    for _ in range(100_000):
        text = "".join(generator.choices(alphabet, k=generator.randint(0, 12)))
        assert nl501_trailing_whitespace.trailing_runs(text) == expected(text), repr(text)
    for item in _real_articles():
        for _, text in item.text_fields(nl501_trailing_whitespace.TrailingWhitespace.fields):
            assert nl501_trailing_whitespace.trailing_runs(text) == expected(text)


# NL601 duplicate-paragraph ---------------------------------------------------------------


def _duplicate_bodies(count: int) -> list[str]:
    """Bodies whose long paragraphs often share their first and last words, copied or not."""
    generator = random.Random(601)
    words = [
        "The",
        "council",
        "said",
        "budget",
        "vote.",
        "Mayor",
        "agreed;",
        "*",
        "»",
        "More",
        "[...]",
        "</span>",
    ]
    bodies = []
    for _ in range(count):
        paragraphs_: list[str] = []
        for _ in range(generator.randint(2, 8)):
            if paragraphs_ and generator.random() < 0.3:
                copy = generator.choice(paragraphs_)
                paragraphs_.append(copy.replace(" ", generator.choice([" ", "  ", "\n", " \t"]), 2))
                continue
            middle = " ".join(generator.choices(words, k=generator.randint(3, 60)))
            paragraphs_.append(f"The {middle} vote.")
        bodies.append("\n\n".join(paragraphs_))
    return bodies


def _near(keys: list[str], index: int, distance: int, max_gap: int) -> bool:
    """NL601's nearness by its definition: the paragraphs around the copy that repeat those
    ``distance`` before them (the copied block) leave at most ``max_gap`` paragraphs
    between the original block and the copy's."""
    block = 0
    position = index - 1
    while position - distance >= 0 and keys[position] == keys[position - distance]:
        block, position = block + 1, position - 1
    position = index + 1
    while position < len(keys) and keys[position] == keys[position - distance]:
        block, position = block + 1, position + 1
    return distance - 1 - block <= max_gap


def _duplicates(rule: DuplicateParagraph) -> Callable[[Article], list[Diagnostic]]:
    """NL601 as first written: every paragraph collapsed, then the long ones compared."""

    def reference(item: Article) -> list[Diagnostic]:
        body = item.body
        if not body or len(body) < 2 * rule.min_length:
            return []
        items = paragraphs(body)
        keys = [normalise(text) for _, _, text in items]
        long_keys = [key for key in keys if len(key) >= rule.min_length]
        if len(set(long_keys)) == len(long_keys):
            return []
        found = []
        first: dict[str, int] = {}
        latest: dict[str, int] = {}
        before: set[tuple[str, str]] = set()
        after: set[tuple[str, str]] = set()
        for index, key in enumerate(keys):
            if len(key) < rule.min_length:
                continue
            previous = keys[index - 1] if index > 0 else None
            following = keys[index + 1] if index + 1 < len(keys) else None
            original = first.get(key)
            if original is None:
                if letters(key) * 2 < len(key) or key.rstrip(" \"'”’»)]*_").endswith(("?", "？")):
                    continue
                first[key] = index
            previous_copy = latest.get(key, index)
            latest[key] = index
            in_run = previous == key or (key, previous) in before or (key, following) in after
            if previous is not None:
                before.add((key, previous))
            if following is not None:
                after.add((key, following))
            if original is None:
                continue
            if len(key) < rule.min_isolated_length and not in_run:
                continue
            cut_start, cut_end = cut_span(items, index)
            edit = Edit("body", cut_start, cut_end, "")
            if _near(keys, index, index - previous_copy, rule.max_gap):
                applicability, where = Applicability.SAFE, ""
            else:
                applicability, where = Applicability.UNSAFE, " (far from it: review)"
            fix = Fix("remove the repeated paragraph", applicability, (edit,))
            message = (
                f"paragraph {index + 1} repeats paragraph {original + 1}{where}: '{shown(key)}'"
            )
            found.append(rule.diagnostic("body", cut_start, cut_end, message, fix))
        return found

    return reference


@pytest.mark.parametrize(("min_length", "min_isolated_length"), [(80, 200), (20, 40)])
def test_nl601_fast_path_loses_nothing(min_length: int, min_isolated_length: int) -> None:
    rule = type("Options", (DuplicateParagraph,), {})()
    rule.min_length, rule.min_isolated_length = min_length, min_isolated_length
    items = [article(body=body) for body in _duplicate_bodies(2000)]
    assert _assert_same(rule, _duplicates(rule), items) > 100
    if min_length == 80:
        found = _assert_same(rule, _duplicates(rule), _real_articles(rule))
        # The suite's own articles hold no copied paragraph; the shared corpora do.
        assert found > 0 or not corpus_articles()


# Paragraphs from a small pool, so that copies (some rewrapped), blank and symbol-only
# paragraphs and paragraphs that share their ends without being copies are common.
_NL601_POOL = [
    "The council said the budget vote. More",
    "The council said the vote. More",
    "The * * * * * * * * * * * * * * * * * * More",
    "The 1 2 3 4 5 6 7 8 9 10 11 12 13 14 More",
    "Did the council say the budget vote? More?",
    "Did the council say the budget vote? »",
    "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0",
    "Mayor agreed; the budget vote passed.",
]


@st.composite
def _nl601_bodies(draw: st.DrawFn) -> str:
    paragraphs_ = []
    for _ in range(draw(st.integers(2, 9))):
        text = draw(st.sampled_from(_NL601_POOL)) * draw(st.integers(1, 3))
        spacing = draw(st.sampled_from([" ", "  ", "\n", " \t", "\u00a0"]))
        paragraphs_.append(text.replace(" ", spacing, draw(st.integers(0, 3))))
    return draw(st.sampled_from(["\n\n", "\n \n", "\r\n\r\n"])).join(paragraphs_)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_nl601_bodies(), lengths=st.sampled_from([(80, 200), (20, 40), (30, 100)]))
def test_nl601_fast_paths_lose_nothing_generated(body: str, lengths: tuple[int, int]) -> None:
    rule = type("Options", (DuplicateParagraph,), {})()
    rule.min_length, rule.min_isolated_length = lengths
    item = article(body=body)
    assert _found(rule.check(item)) == _found(_duplicates(rule)(item))


@st.composite
def _wrap_paragraphs(draw: st.DrawFn) -> str:
    """Paragraphs whose first line sits on the first-line test's edges (29-31 and 99-101
    characters, trailing spaces, line breaks other than "\\n" inside or before it)."""
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        length = draw(st.sampled_from([0, 29, 30, 31, 45, 50, 60, 99, 100, 101, 140]))
        words = "the council voted on monday to approve the new harbour plan " * 3
        line = words[:length]
        line += draw(st.sampled_from(["", " ", "  \t", "\u00a0", "\r", "\x0b", "\u2028x"]))
        lines.append(line)
    separators = st.sampled_from(["\n", "\n", "\r\n", "\r", "\u2028", "\x85"])
    return "".join(line + draw(separators) for line in lines[:-1]) + lines[-1]


_WORD_50 = "abcdefghij" * 5


@settings(max_examples=600, deadline=None)
@given(paragraph=_wrap_paragraphs())
# Wrapped at 50 with a first line of 30 (0.6 * 50), and at 100 with a first line of 100.
@example(paragraph=f"abcdefghi abcdefghi abcdefghij\n{_WORD_50}\nend")
@example(paragraph=f"abcdefghi abcdefghi abcdefghij \r\n{_WORD_50}\nend")
@example(paragraph=f"{_WORD_50} {_WORD_50[:49]}\n{_WORD_50} {_WORD_50[:49]}\nend")
def test_nl507_wrap_width_is_the_first_versions(paragraph: str) -> None:
    assert nl507_hard_wrap._wrap_width(paragraph) == _wrap_width(paragraph)


def test_nl507_first_line_edges_are_wraps() -> None:
    """The examples above are wraps (so the edge test can fail)."""
    assert _wrap_width(f"abcdefghi abcdefghi abcdefghij\n{_WORD_50}\nend") == 50
    assert _wrap_width(f"{_WORD_50} {_WORD_50[:49]}\n{_WORD_50} {_WORD_50[:49]}\nend") == 100


# NL608 glued-words ----------------------------------------------------------------------


def _glued_first_version(text: str) -> list[tuple[int, int]]:
    """``_glued`` before the merged scan: every case change, then the test around it."""
    m = nl608_glued_words
    if not m._CASE_CHANGE.search(text):
        return []
    found = []
    for change in m._CASE_CHANGE.finditer(text):
        capital = change.start()
        if capital < 3 or not m._AROUND_CHANGE.match(text, capital - 3):
            continue
        end = capital + m._MAX_TAIL + 2
        for match in m._GLUED.finditer(text, max(0, capital - m._MAX_HEAD), end):
            if match.end(1) == capital:
                found.append(match.span())
                break
    return found


def _glued_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in nl608_glued_words._glued(text)]


@settings(max_examples=600, deadline=None)
@given(
    text=st.text(alphabet="abcxyzABXÀÞßöÿаяЁёЯ \t\n\"'«(#1-", max_size=60),
)
def test_nl608_glued_is_the_first_versions(text: str) -> None:
    assert _glued_spans(text) == _glued_first_version(text)
    # Every match of the plain regex is found, and nothing else.
    assert _glued_spans(text) == [match.span() for match in nl608_glued_words._GLUED.finditer(text)]


def test_nl608_glued_on_real_articles() -> None:
    found = 0
    for item in _real_articles():
        for _, text in item.text_fields(nl608_glued_words.GluedWords.fields):
            spans = _glued_spans(text)
            assert spans == _glued_first_version(text)
            found += len(spans)
    assert found > 0


# NL604 truncated-body --------------------------------------------------------------------


def _truncated_first_version(item: Article) -> list[tuple[object, ...]]:
    """NL604 as first written: the paragraphs listed, the last line split off."""
    m = nl604_truncated_body
    body = item.body
    if not body or not body.strip():
        return []
    items = paragraphs(body)
    if not items:
        return []
    start, _, last = items[-1]
    line = last.rstrip().rsplit("\n", 1)[-1].strip()
    reason = m.truncation(line) if line else None
    if reason is None:
        return []
    line_start = start + (last.rstrip().rfind("\n") + 1)
    end = start + len(last.rstrip())
    return [("body", line_start, end, f"the body looks truncated: it {reason}")]


def _truncated(item: Article) -> list[tuple[object, ...]]:
    found = nl604_truncated_body.TruncatedBody().check(item)
    return [(d.field, d.start, d.end, d.message) for d in found]


@settings(max_examples=500, deadline=None)
@given(
    pieces=st.lists(
        st.sampled_from(
            [
                "The minister said",
                " the",
                " and",
                "…",
                "...",
                " Read more",
                " [...]",
                ".",
                "\n",
                "\n\n",
                "  ",
                "\r\n",
                " talks would resume once the two sides",
            ]
        ),
        max_size=12,
    )
)
def test_nl604_is_the_first_version(pieces: list[str]) -> None:
    item = article(body="".join(pieces))
    assert _truncated(item) == _truncated_first_version(item)


def test_nl604_on_real_articles() -> None:
    for item in _real_articles():
        assert _truncated(item) == _truncated_first_version(item)
