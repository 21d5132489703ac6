"""NL408's corpus pass and check, made cheap, against the straightforward code they replace.

The corpus pass counts a page's normalised lines by their text and fingerprints them a chunk
at a time (``SiteLines``), normalises most lines without splitting them into words
(``normal_lines``), and NL408 looks up one line in ``min-block`` first (a block of that many
holds one), remembering fingerprints of lines met before (``known_key``).  The plain versions
are kept here as the reference; both run on generated pages (texts written for the tests).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint import sites
from newslint.diagnostics import Diagnostic
from newslint.document import decode
from newslint.model import Article
from newslint.readers import parse_document, reader_for
from newslint.records import RECORD_PATH, encode_record
from newslint.rules._boilerplate import ends_sentence
from newslint.rules.nl408_site_boilerplate import STORY_PAGES, SiteBoilerplate, _sentence
from newslint.run import Run
from newslint.sites import (
    MAX_LINE,
    SHORT_LINE,
    SiteLines,
    fingerprint,
    known_key,
    line_key,
    normal_line,
    normal_lines,
    site_of,
)


def _reference_normal(line: str) -> str:
    """``normal_line`` as it was: NFKC, case folding, then always split and joined."""
    if not line.isascii():
        line = unicodedata.normalize("NFKC", line)
    return " ".join(line.casefold().split())


def _reference_counted(line: str) -> bool:
    """Short lines, and long ones that do not end as a sentence (``ends_sentence``)."""
    return len(line) <= SHORT_LINE or (len(line) <= MAX_LINE and not ends_sentence(line))


def _reference_body_lines(body: str) -> Iterator[tuple[int, int, int | None]]:
    start = 0
    for line in body.split("\n"):
        end = start + len(line)
        if line and not line.isspace():
            normal = _reference_normal(line) if _reference_counted(line) else ""
            yield start, end, fingerprint(normal) if normal else None
        start = end + 1


def _reference_check(rule: SiteBoilerplate, article: Article) -> list[tuple[int, int, str]]:
    """NL408's check as it was: every line fingerprinted, blocks found in one walk."""
    learned = article.context.statistics.get(SiteLines)
    body = article.text("body")
    if learned is None or not body:
        return []
    site = site_of(article.values, article.context.read.site_key)
    pages = learned.pages.get(site, 0)
    if pages < max(rule.min_site_pages, rule.min_pages, 1):
        return []
    needed = max(rule.min_pages, rule.min_share * pages)
    title = _reference_normal(article.text("title") or "")
    title_key = fingerprint(title) if title else None
    shown = list(_reference_body_lines(body))
    have = [learned.pages_with(site, key) if key is not None else 0 for _, _, key in shown]
    carried = [have[n] >= needed and key != title_key for n, (_, _, key) in enumerate(shown)]
    found: list[Diagnostic] = []
    first = 0
    while first < len(shown):
        if not carried[first]:
            first += 1
            continue
        last = first
        while last < len(shown) and carried[last]:
            last += 1
        for start, stop in _reference_blocks(rule, body, shown, have, first, last):
            block = [(shown[n][0], shown[n][1], have[n]) for n in range(start, stop)]
            following = shown[stop][0] if stop < len(shown) else len(body)
            found.append(rule._report(body, block, following, site, pages))
        first = last
    return [(d.start, d.end, d.message) for d in found]


def _reference_blocks(
    rule: SiteBoilerplate,
    body: str,
    shown: list[tuple[int, int, int | None]],
    have: list[int],
    first: int,
    last: int,
) -> list[tuple[int, int]]:
    """A run of carried lines cut where a weakly carried sentence stands, or dropped whole
    when it is only weakly carried lines under a line ending in a colon."""
    weak = [have[n] < STORY_PAGES for n in range(first, last)]
    text = [body[start:end] for start, end, _ in shown]
    if all(weak) and any(
        line.rstrip().endswith(":") for line in text[max(first - 1, 0) : first + 1]
    ):
        return []
    cuts = [n for n in range(first, last) if weak[n - first] and _sentence(text[n])]
    pieces = zip([first, *(n + 1 for n in cuts)], [*cuts, last], strict=True)
    return [(start, stop) for start, stop in pieces if stop - start >= max(rule.min_block, 1)]


def _reference_counts(bodies: list[str]) -> dict[int, int]:
    """Pages per line fingerprint, a page's lines fingerprinted one by one."""
    counts: dict[int, int] = {}
    for body in bodies:
        for key in {key for _, _, key in _reference_body_lines(body) if key is not None}:
            counts[key] = counts.get(key, 0) + 1
    return counts


# Lines of every kind that matter: repeated menu items, spacing and case variants, non-ASCII
# letters and spaces, an NFKC ligature, whitespace-only lines, a line too long to count.
_LINES = [
    "Home",
    "HOME",
    "  home ",
    "News",
    "Sport\t",
    "Weather",
    "About us",
    "About  us",
    "Contact",
    "© 2024 Example Media",
    "Nachrichten – Übersicht",
    "nachrichten – übersicht",
    "Главная",
    "ГЛАВНАЯ",
    "ﬁnance",  # the fi ligature: NFKC makes it "finance"
    "finance",
    "café\u00a0bar",  # a no-break space
    "café bar",
    "\u3000",
    " \t ",
    "\x0b",
    "Reply",
    "Story 1",
    "A line only one page has.",
    "The council met again on Monday to vote.",  # a sentence some pages share
    "* Read the council's minutes and the vote.",  # a list item, however long
    "Market by region:",  # introduces a list
    "y" * (SHORT_LINE + 1),  # counted, but not remembered
    "A long paragraph that repeats. " * 12,  # over SHORT_LINE and a sentence: not counted
    "A long paragraph that repeats, twice. " * 12 + "(Reuters)",  # counted
    "x" * (MAX_LINE + 1),
    "x" * MAX_LINE,
    "",
]

_bodies = st.lists(st.sampled_from(_LINES), min_size=0, max_size=30).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LINES), max_size=30))
def test_normal_lines_and_line_key_are_normal_line_and_fingerprint(lines: list[str]) -> None:
    body = "\n".join(lines)
    expected = {_reference_normal(line) for line in lines if line and _reference_counted(line)}
    expected.discard("")
    assert normal_lines(body) == expected
    for line in lines:
        assert normal_line(line) == _reference_normal(line)
        reference = _reference_normal(line) if _reference_counted(line) else ""
        expected_key = fingerprint(reference) if reference else None
        assert line_key(line) == expected_key
        assert known_key(line) == (-1 if expected_key is None else expected_key)
        assert line_key(line) == expected_key  # now remembered


def test_only_the_space_is_printable_whitespace() -> None:
    """What ``normal_lines`` relies on to leave a line unsplit: a printable line holds no
    whitespace but U+0020 (and neither NFKC nor case folding ever empties a line)."""
    for code in range(0x110000):
        char = chr(code)
        if char.isspace() and char != " ":
            assert not char.isprintable(), hex(code)


def _article(run: Run, record: dict[str, Any]) -> Article:
    """The record as the check pass reads it (with the run's learned statistics)."""
    text, bom = decode(encode_record(record))
    reader = reader_for(RECORD_PATH)
    assert reader is not None
    return parse_document(RECORD_PATH, reader, text, bom, run.options.context).articles[0]


@settings(max_examples=120, deadline=None)
@given(
    pages=st.lists(_bodies, min_size=1, max_size=9),
    titles=st.lists(st.sampled_from(_LINES), min_size=9, max_size=9),
    min_block=st.integers(1, 4),
    min_pages=st.integers(1, 4),
    min_share=st.sampled_from([0.0, 0.3, 0.6]),
    fresh=st.booleans(),
)
def test_the_check_finds_what_the_plain_walk_finds(
    pages: list[str],
    titles: list[str],
    min_block: int,
    min_pages: int,
    min_share: float,
    fresh: bool,
) -> None:
    options: dict[str, Any] = {
        "min-block": min_block,
        "min-pages": min_pages,
        "min-share": min_share,
        "min-site-pages": 1,
    }
    run = Run(extend_select=["NL408"], rules={"NL408": options})
    records = [
        {"title": titles[n], "url": f"https://www.example-news.com/{n}", "body": body}
        for n, body in enumerate(pages)
    ]
    run = run.with_statistics(run.learn_records(records))
    learned = run.options.context.statistics.get(SiteLines)
    assert learned is not None
    assert learned.lines.get("example-news.com", {}) == _reference_counts(pages)
    [rule] = [rule for rule in run.rules if isinstance(rule, SiteBoilerplate)]
    for record in records:
        if fresh:
            sites._known.clear()  # a worker that met none of the lines yet
        article = _article(run, record)
        found = [(d.start, d.end, d.message) for d in rule.check(article)]
        assert found == _reference_check(rule, article)


def test_the_suffix_list_without_punycode_rules_serves_hosts_without_punycode() -> None:
    from publicsuffixlist import PublicSuffixList

    plain = PublicSuffixList()
    for host in (
        "news.bbc.co.uk",
        "www.example.com",
        "a.b.city.kobe.jp",
        "foo.bar.ck",
        "www.ck",
        "xn--p1ai",
        "пример.рф",
        "news.пример.рф",
        "news.xn--e1afmkfd.xn--p1ai",
        "xn--e1afmkfd.xn--p1ai",
        "a.b.xn--55qx5d.cn",
        "a.公司.cn",
        "test.blogspot.com",
        "example.unknowntld",
    ):
        assert sites.registered_domain(host) == (plain.privatesuffix(host) or host), host
