"""The NL5xx helpers' fast paths answer as the plain code they replace.

``WordIndex.count`` and ``WordIndex.has_compound`` look one word up where the first
version split every text into words (``WordIndex.words``, ``WordIndex.compounds``, kept
as the reference and as the fallback); each is compared with it on generated texts
built on the lookups' edges (letters around, hyphen chains, characters that lower
differently in context) and on the suite's and the shared corpora's articles.
"""

from __future__ import annotations

import itertools
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newslint.model import Article, iter_paragraphs
from newslint.rules import _whitespace, nl502_space_runs, nl506_lost_newline
from newslint.rules._whitespace import (
    COMPOUND_PREFIXES,
    CONJUNCTIONS,
    HYPHEN_BREAK,
    JOIN,
    KEEP,
    SKIP,
    TEXT,
    UNKNOWN,
    WordIndex,
    is_urlish,
    left_token,
    right_token,
    shown,
)
from tests.rulekit import article, corpus_articles, data_articles, example_articles

_RUNS = re.compile(r"[^\W\d_]+")
_CHAINS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


def _queries(texts: list[str]) -> tuple[set[str], set[str]]:
    """Words and compounds to look up: every run and chain of the texts, lowered, and
    their pieces (a part of a compound, a word inside a longer word)."""
    joined = "\n".join(texts).lower()
    words = set(_RUNS.findall(joined))
    words |= {word[1:] for word in words} | {word[:-1] for word in words}
    chains = set()
    for chain in _CHAINS.findall(joined):
        parts = chain.split("-")
        chains |= {f"{a}-{b}" for a, b in itertools.pairwise(parts)}
        chains.add(chain)
    words |= {part for chain in chains for part in chain.split("-")}
    return {w for w in words if w}, chains


def _assert_lookups_agree(texts: list[str], words: set[str], compounds: set[str]) -> None:
    index, reference = WordIndex(texts), WordIndex(texts)
    for word in words:
        for enough in (1, 2, 3):
            assert index.count(word, enough) == min(reference.words[word], enough), (texts, word)
    for compound in compounds:
        assert index.has_compound(compound) == (compound in reference.compounds), (
            texts,
            compound,
        )


_ALPHABET = "aAbB-- \n1_.İΣσςⅠⅰé"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(st.text(alphabet=_ALPHABET, max_size=30), min_size=1, max_size=3),
    extra=st.lists(st.text(alphabet="abAB-σⅰ", min_size=1, max_size=5), max_size=4),
)
def test_word_index_lookups_are_the_counters(texts: list[str], extra: list[str]) -> None:
    words, compounds = _queries(texts)
    words |= {e.lower() for e in extra}
    compounds |= {e.lower() for e in extra if "-" in e}
    _assert_lookups_agree(texts, words, compounds)


def _articles() -> list[Article]:
    return [*example_articles(), *data_articles(), *corpus_articles()]


def _reference_verdict(token_left: str, token_right: str, index: WordIndex) -> tuple[str, str, str]:
    """``_hyphen_verdict`` as first written: the word counts and the compounds' set."""
    left_match = re.search(r"[^\W\d_]{1,60}\Z", token_left[:-1])
    right_match = re.match(r"[^\W\d_]{1,60}", token_right)
    if left_match is None or right_match is None:
        return SKIP, "", ""
    left, right = left_match.group(), right_match.group()
    if (
        is_urlish(token_left)
        or token_left.count("-") >= 4
        or is_urlish(token_right.rstrip(".,;:!?)\"'”’»"))
    ):
        return SKIP, left, right
    if right.lower() in CONJUNCTIONS:
        return SKIP, left, right
    hyphenated = f"{left}-{right}".lower()
    joined = (left + right).lower()
    if hyphenated in index.compounds:
        return KEEP, left, right
    if right[0].isupper() or left.lower() in COMPOUND_PREFIXES:
        return KEEP, left, right
    if joined in index.words and len(left) >= 2 and len(right) >= 2:
        return JOIN, left, right
    if index.words[left.lower()] > 1 and index.words[right.lower()] > 1:
        return KEEP, left, right
    return UNKNOWN, left, right


def test_hyphen_verdicts_on_real_articles() -> None:
    """Every hyphen break of the real articles gets the first version's verdict, and
    every word and compound of a sample of them is counted as the counters count it."""
    breaks = 0
    for number, item in enumerate(_articles()):
        texts = [text for _, text in item.text_fields(TEXT)]
        if number % 40 == 0:
            words, compounds = _queries(texts)
            _assert_lookups_agree(texts, set(list(words)[:300]), compounds)
        index, reference = WordIndex(texts), WordIndex(texts)
        for text in texts:
            for match in HYPHEN_BREAK.finditer(text):
                token_left = left_token(text, match.start() + 1)
                token_right = right_token(text, match.end())
                expected = _reference_verdict(token_left, token_right, reference)
                assert _whitespace._hyphen_verdict(token_left, token_right, index) == expected
                breaks += 1
    assert breaks > 0


def _assert_next_urls_agree(text: str, step: int) -> None:
    finder = _whitespace._UrlFinder(text)
    for position in range(0, len(text) + 1, step):
        expected = _whitespace._URL_START.search(text, position)
        found = finder.next(position)
        assert (found and found.span()) == (expected and expected.span()), (text, position)


@settings(max_examples=600, deadline=None)
@given(
    pieces=st.lists(
        st.sampled_from(["http", "https", "HTTPſ", "://", "www.", "WwW.", "w", ".", ":", "/", " "]),
        max_size=8,
    ),
    step=st.integers(1, 5),
)
def test_url_finder_is_the_regexs_search(pieces: list[str], step: int) -> None:
    _assert_next_urls_agree("".join(pieces), step)


def test_url_regions_on_real_articles() -> None:
    found = 0
    for item in _articles():
        for _, text in item.text_fields(TEXT):
            position = 0
            finder = _whitespace._UrlFinder(text)
            while (expected := _whitespace._URL_START.search(text, position)) is not None:
                match = finder.next(position)
                assert match is not None and match.span() == expected.span()
                position = expected.end()
                found += 1
            assert finder.next(position) is None
    assert found > 0


# NL506 lost-newline ----------------------------------------------------------------------

_CYR_UPPER = "А-ЯЁІЇЄЎҐΑ-ΩΆΈΉΊΌΎΏ"
_CYR_LOWER = "а-яёіїєўґα-ωάέήίόύώ"
_FIRST_BARE_N_CYRILLIC = re.compile(
    rf"n(?:(?<=[{_CYR_LOWER}][.!?…»\"”)]n)|(?<=[{_CYR_LOWER}.!?…»”]n))"
    rf"(?=[{_CYR_UPPER}][{_CYR_LOWER}{_CYR_UPPER}])"
)
_FIRST_BARE_N_LATIN = re.compile(r"n(?:(?<=[a-z][.!?]n)|(?<=[a-z][.!?][\"”’)]n))(?=[A-Z][a-z])")


def _lost_newlines_first_version(item: Article) -> list[tuple[str, int, int, str]]:
    """NL506's findings as first written: the code test before the backslash regexes."""
    m = nl506_lost_newline
    out = []
    for name, text in item.text_fields(m.LostNewline.fields):
        found: list[tuple[int, int, str]] = []
        if "n" in text:
            if not text.isascii():
                found += [
                    (x.start(), x.end(), "'n'") for x in _FIRST_BARE_N_CYRILLIC.finditer(text)
                ]
            found += [(x.start(), x.end(), "'n'") for x in _FIRST_BARE_N_LATIN.finditer(text)]
        if "\\" in text and not m._CODE.search(text):
            found += [(x.start(), x.end(), "literal '\\n'") for x in m._LITERAL_N.finditer(text)]
            if text.count("\\") == 1:
                found += m.LostNewline._stray_backslash(text)
        for start, end, what in sorted(found):
            context = text[max(0, start - 25) : min(len(text), end + 25)]
            out.append((name, start, end, f"line break lost as {what}: '{shown(context)}'"))
    return out


def _lost_newlines(item: Article) -> list[tuple[str, int, int, str]]:
    return [
        (d.field or "", d.start, d.end, d.message)
        for d in nl506_lost_newline.LostNewline().check(item)
    ]


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pieces=st.lists(
        st.sampled_from(
            [
                "said.",
                "n",
                "The",
                "Ne",
                "сообщает",
                "n",
                "РИА",
                "»",
                "\\n",
                "\\",
                "team",
                " ",
                "second",
                "print",
                "{",
                "C:",
                "Вот.",
                "”",
                "ab",
            ]
        ),
        max_size=12,
    )
)
@example(pieces=["said.", "n", "The", " ", "сообщает", "n", "РИА"])
@example(pieces=["Вот.", "n", "РИА", " ", "said.", "\\n", "The"])
@example(pieces=["second", "\\", "team"])
def test_nl506_is_the_first_version(pieces: list[str]) -> None:
    item = article(body="".join(pieces))
    assert _lost_newlines(item) == _lost_newlines_first_version(item)


def test_nl506_examples_are_findings() -> None:
    """The examples above are findings (so the comparison can fail)."""
    for body in ("said.nThe сообщаетnРИА", "Вот.nРИА said.\\nThe", "second\\team"):
        assert len(_lost_newlines_first_version(article(body=body))) >= 1, body


def test_nl506_on_real_articles() -> None:
    for item in _articles():
        assert _lost_newlines(item) == _lost_newlines_first_version(item)


# NL502 space-runs -----------------------------------------------------------------------


def _space_runs_first_version(item: Article) -> list[tuple[object, ...]]:
    """NL502 as first written: every paragraph with two spaces scanned on its own."""
    rule = nl502_space_runs.SpaceRuns()
    found = []
    for name, text in item.text_fields(rule.fields):
        if "  " not in text:
            continue
        for start, end, paragraph in iter_paragraphs(text):
            if "  " in paragraph:
                runs = list(nl502_space_runs._RUN.finditer(text, start, end))
                if runs:
                    found += list(rule._block(name, text, start, end, runs))
    return [(d.field, d.start, d.end, d.message, d.fix) for d in found]


def _space_runs(item: Article) -> list[tuple[object, ...]]:
    diagnostics = nl502_space_runs.SpaceRuns().check(item)
    return [(d.field, d.start, d.end, d.message, d.fix) for d in diagnostics]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pieces=st.lists(
        st.sampled_from(
            ["a", "word.", "  ", "   ", " ", "\t", "\n", "\n\n", "\n \n", "\r\n", "-", "|"]
        ),
        max_size=16,
    )
)
def test_nl502_is_the_first_version(pieces: list[str]) -> None:
    item = article(body="".join(pieces), title="".join(reversed(pieces)))
    assert _space_runs(item) == _space_runs_first_version(item)


def test_nl502_on_real_articles() -> None:
    found = 0
    for item in _articles():
        expected = _space_runs_first_version(item)
        assert _space_runs(item) == expected
        found += len(expected)
    assert found > 0
