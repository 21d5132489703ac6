"""Markup, link and metadata rules' fast paths only save time: the same findings without them.

Each rule here was made faster (a regex that skips to its literal, diagnostics built
inline, a pre-test in front of a loop).  A fast path that disagreed with the plain
version would silently change the linter's output, so each is compared with the rule
as first written, copied here as a reference, on generated inputs built around the
patterns' edges, on the suite's example and data articles and on the shared corpora
when they are present.
"""

from __future__ import annotations

import bisect
import random
import re
from collections.abc import Callable, Iterable, Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.model import Article
from newslint.prefilter import prefilter_for
from newslint.rule import Rule
from newslint.rules import (
    nl101_markdown_emphasis,
    nl102_html_tags,
    nl103_markdown_links,
    nl104_markdown_heading,
    nl105_escaped_markdown,
    nl106_table_debris,
    nl201_split_url,
    nl202_truncated_url,
    nl304_html_entities,
)
from newslint.rules._encoding import Spans, shown
from newslint.rules._markup import inside, promo_ranges, removal, shorten
from newslint.rules.nl101_markdown_emphasis import MarkdownEmphasis
from newslint.rules.nl102_html_tags import HtmlTags
from newslint.rules.nl103_markdown_links import MarkdownLinks
from newslint.rules.nl201_split_url import SplitUrl, confirmed, continues
from newslint.rules.nl202_truncated_url import TruncatedUrl
from newslint.rules.nl304_html_entities import HtmlEntities
from tests.rulekit import article, corpus_articles, data_articles, example_articles


def _found(diagnostics: Iterable[Diagnostic]) -> list[tuple[object, ...]]:
    return [
        (d.code, d.name, d.severity, d.field, d.start, d.end, d.message, d.fix) for d in diagnostics
    ]


def _real_articles(rule: Rule) -> list[Article]:
    """The suite's and the shared corpora's articles that ``rule`` is triggered on."""
    items = [*example_articles(), *data_articles(), *corpus_articles()]
    triggered = prefilter_for([rule])
    return [item for item in items if triggered.candidates(item)]


def _assert_same(
    rule: Rule, reference: Callable[[Rule, Article], Iterable[Diagnostic]], items: Iterable[Article]
) -> int:
    """``rule.check`` and ``reference`` agree on every item; returns the findings' count."""
    total = 0
    for item in items:
        found = _found(rule.check(item))
        assert found == _found(reference(rule, item)), (rule.code, item.path, item.record)
        total += len(found)
    return total


def _pieces(rng: random.Random, pieces: tuple[str, ...], count: int) -> str:
    return "".join(rng.choice(pieces) for _ in range(count))


# NL103 markdown-links ---------------------------------------------------------------------

_LINK_PIECES = (
    "[",
    "]",
    "](",
    "(",
    ")",
    "!",
    "![",
    " ",
    "\t",
    "\n",
    '"',
    "'",
    "a",
    "word",
    "https://example.org/x",
    "/path",
    "#",
    "www.",
    ".html",
    "x" * 190,
    "y" * 700,
    "(" + "z" * 199 + ")",
    "[label](https://example.org/a)",
    '[t](http://e.com/p "title")',
    "![alt](/img.png)",
)


def _reference_links(text: str) -> list[tuple[int, int, bool, str, str]]:
    found = []
    for match in nl103_markdown_links._LINK.finditer(text):
        image, label, target = match.groups()
        found.append((match.start(), match.end(), bool(image), label, target))
    return found


def _reference_nl103(rule: Rule, item: Article) -> Iterator[Diagnostic]:
    """NL103's check as first written: ``_LINK.finditer`` and one method per match."""
    m = nl103_markdown_links
    for field, text in item.text_fields(rule.fields):
        if "](" not in text:
            continue
        promos = promo_ranges(field, text)
        for match in m._LINK.finditer(text):
            image, label, target = match.groups()
            if not m._TARGET.match(target) or inside(promos, match.start()):
                continue
            visible = label.strip()
            if not image and visible and not m._DEAD.match(target):
                start, end = match.span()
                fix = Fix(
                    "keep the link's text, drop its address",
                    Applicability.SAFE,
                    (Edit(field, start, end, label),),
                )
                message = f"Markdown link '{shorten(match.group(), 60)}'"
                yield rule.diagnostic(field, start, end, message, fix)
                continue
            start, end, content = removal(text, *match.span())
            applicability = Applicability.UNSAFE if visible else Applicability.SAFE
            shown = shorten(match.group(), 60)
            if image:
                what, message = "image", f"Markdown image '{shown}'"
            elif visible:
                what, message = "dead link", f"Markdown link to nowhere '{shown}'"
            else:
                what, message = "empty link", f"empty Markdown link '{shown}'"
            fix = Fix(f"remove the {what}", applicability, (Edit(field, start, end, content),))
            yield rule.diagnostic(field, start, end, message, fix)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LINK_PIECES), max_size=40))
def test_nl103_links_match_the_bounded_pattern(parts: list[str]) -> None:
    text = "".join(parts)
    assert list(nl103_markdown_links.links(text)) == _reference_links(text)


def test_nl103_links_hand_long_targets_back_to_the_bounded_pattern() -> None:
    rng = random.Random(103)
    long_target = "[logo](data:image/png;base64," + "A" * 2500 + ")"
    exact = "[a](" + "b" * 2000 + ")"
    over = "[a](" + "b" * 1999 + "(c))"
    texts = [long_target, exact, over, "x" + long_target + " [b](/c) ![d](/e)"]
    for _ in range(300):
        texts.append(_pieces(rng, (*_LINK_PIECES, long_target, exact, over), rng.randint(1, 30)))
    slow = 0
    for text in texts:
        assert list(nl103_markdown_links.links(text)) == _reference_links(text), text[:200]
        slow += any(len(target) > 2000 for *_, target in _reference_links(text))
    assert slow  # the fallback was exercised


def test_nl103_matches_its_reference_on_generated_articles() -> None:
    rng = random.Random(1031)
    rule = MarkdownLinks()
    items = [
        article(body=_pieces(rng, _LINK_PIECES, rng.randint(1, 40)), title="[t](/x) a")
        for _ in range(300)
    ]
    assert _assert_same(rule, _reference_nl103, items) > 0


def test_nl103_matches_its_reference_on_real_articles() -> None:
    rule = MarkdownLinks()
    assert _assert_same(rule, _reference_nl103, _real_articles(rule)) > 0


def test_nl103_links_on_adversarial_runs() -> None:
    """Long runs of the pattern's own delimiters (the possessive target never backtracks)."""
    for text in (
        "[" + "a" * 250 + "](" + "(b" * 20000,
        "[a](" + "b" * 50000 + " ",
        "![" * 5000 + "](" * 5000,
        "[a](b" + "(c)" * 3000 + ")",
    ):
        assert list(nl103_markdown_links.links(text)) == _reference_links(text)


# NL201 split-url --------------------------------------------------------------------------

_URL_PIECES = (
    "http://",
    "https://",
    "HTTPS://",
    "hTtP://",
    "httpſ://",
    "ftp://",
    "://",
    "h",
    "s",
    "example.com/",
    "a-b",
    "story-2024.html",
    "r-ukraine-a86878",
    "ove",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\n\n",
    " \n ",
    "<",
    ">",
    '"',
    ")",
    "*",
    "-",
    "_",
    "/",
    ".",
    "word",
    "and",
    "12",
    "2-1",
    "www.x.org",
    "z" * 1990,
)


def _reference_nl201(rule: Rule, item: Article) -> Iterator[Diagnostic]:
    """NL201's check as first written: ``_URL.finditer``, ``_GAP`` and ``_TOKEN`` per URL."""
    m = nl201_split_url
    record_url = item.url
    if record_url is not None and "url" in item.spans:
        yield from _reference_nl201_url_field(rule, record_url)
    for name, text in item.text_fields(("caption", "body")):
        if "http" not in text and "HTTP" not in text:
            continue
        for match in m._URL.finditer(text):
            url = match.group()
            gap = m._GAP.match(text, match.end())
            if gap is None:
                continue
            token = m._TOKEN.match(text, gap.end(), gap.end() + 2000)
            if token is None:
                continue
            piece = m._core(token.group())
            if not continues(url, gap.group(), piece):
                continue
            end = gap.end() + len(piece)
            safe = confirmed(url + piece, piece, record_url)
            fix = Fix(
                "join the URL's pieces",
                Applicability.SAFE if safe else Applicability.UNSAFE,
                (Edit(name, match.end(), gap.end(), ""),),
            )
            how = "a line break" if "\n" in gap.group() else "whitespace"
            shown = m._shown(text[match.start() : end])
            message = f"URL is split by {how}: '{shown}'"
            yield rule.diagnostic(name, match.start(), end, message, fix)


def _reference_nl201_url_field(rule: Rule, text: str) -> Iterator[Diagnostic]:
    m = nl201_split_url
    stripped = text.strip()
    if not any(c.isspace() for c in stripped) or not m._URL.match(stripped):
        return
    offset = len(text) - len(text.lstrip())
    edits: list[Edit] = []
    all_confirmed = True
    position = offset
    url = ""
    for match in m._TOKEN.finditer(stripped):
        piece_start = offset + match.start()
        if url:
            gap = text[position:piece_start]
            piece = match.group()
            if not m._PIECE.fullmatch(piece):
                return
            all_confirmed &= continues(url, gap, piece)
            edits.append(Edit("url", position, piece_start, ""))
        url += match.group()
        position = offset + match.end()
    applicability = Applicability.SAFE if all_confirmed else Applicability.UNSAFE
    fix = Fix("join the URL's pieces", applicability, tuple(edits))
    how = "a line break" if "\n" in stripped else "whitespace"
    message = f"URL is split by {how}: '{m._shown(stripped)}'"
    yield rule.diagnostic("url", offset, position, message, fix)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_URL_PIECES), max_size=40))
def test_nl201_urls_match_the_url_pattern(parts: list[str]) -> None:
    text = "".join(parts)
    expected = [match.span() for match in nl201_split_url._URL.finditer(text)]
    assert list(nl201_split_url.urls(text)) == expected


def test_nl201_matches_its_reference_on_generated_articles() -> None:
    rng = random.Random(201)
    rule = SplitUrl()
    items = []
    for _ in range(400):
        url = "https://example.com/" + _pieces(rng, _URL_PIECES[9:14], rng.randint(1, 4))
        body = _pieces(rng, _URL_PIECES, rng.randint(1, 40))
        items.append(article(body=body, caption=body[::-1], url=url))
    assert _assert_same(rule, _reference_nl201, items) > 0


def test_nl201_matches_its_reference_on_real_articles() -> None:
    rule = SplitUrl()
    assert _assert_same(rule, _reference_nl201, _real_articles(rule)) > 0


def test_nl201_url_field_matches_its_reference() -> None:
    """The url field's split test (any whitespace in the stripped value), every kind."""
    rule = SplitUrl()
    spaces = [" ", "\n", "\u2028", "\x1c", "\xa0", "\u3000", "\u200b", "\r\n "]
    items = [article(url=f" https://a.org/x-{gap}y-2 ") for gap in spaces]
    items += [article(url=f"https://a.org/{gap}") for gap in spaces]
    items += [article(url="https://a.org/x"), article(url="  "), article(url="")]
    assert _assert_same(rule, _reference_nl201, items) > 0


# NL102 html-tags --------------------------------------------------------------------------

_TAG_PIECES = (
    "<b>",
    "</b>",
    "<B>",
    "</B >",
    "</I>",
    "<i>",
    "</b x>",
    "<br>",
    "<br/>",
    "<br />",
    "<p>",
    "</p>",
    "<title>",
    "</title>",
    "<name>",
    "<div class='x'>",
    '<a href="https://e.org/">',
    "</a>",
    "<img src=x.png>",
    "<span foo>",
    "<i/>",
    " the <div> tag",
    " <u> elements",
    "&lt;b&gt;",
    "&lt;/b&gt;",
    '&lt;span class="a"&gt;',
    "&lt;br&gt;",
    "&lt;i&gt;x&lt;/i&gt;",
    "a < b",
    "x<3",
    "<-",
    "\u0130",
    "\u0130\u0130\u0130",
    " ",
    "\n",
    "\n\n",
    "word",
    "w" * 900,
    "<",
    ">",
)


class _ReferenceClosers:
    def __init__(self, lowered: str) -> None:
        self.lowered = lowered
        self.positions: dict[str, list[int]] = {}

    def follows(self, close_tag: str, position: int) -> bool:
        found = self.positions.get(close_tag)
        if found is None:
            found = []
            index = self.lowered.find(close_tag)
            while index != -1:
                found.append(index)
                index = self.lowered.find(close_tag, index + 1)
            self.positions[close_tag] = found
        at = bisect.bisect_left(found, position)
        return at < len(found) and found[at] < position + 5000


def _reference_nl102(rule: Rule, item: Article) -> Iterator[Diagnostic]:
    """NL102's check as first written: promos and the lowered text found up front."""
    m = nl102_html_tags
    for field, text in item.text_fields(rule.fields):
        has_tag = "<" in text
        has_escaped = "&lt;" in text
        if not (has_tag or has_escaped):
            continue
        promos = promo_ranges(field, text)
        for present, pattern, brackets in (
            (has_tag, m._TAG, ("</", ">")),
            (has_escaped, m._ESCAPED_TAG, ("&lt;/", "&gt;")),
        ):
            if not present:
                continue
            closers = _ReferenceClosers(text.lower())
            for match in pattern.finditer(text):
                closing, name, attributes = match.group(1), match.group(2).lower(), match.group(3)
                if name not in m._NAMES or inside(promos, match.start()):
                    continue
                close_tag = brackets[0] + name + brackets[1]
                if closing:
                    plausible = not attributes.strip()
                elif attributes.strip(" \t\r\n/"):
                    plausible = (
                        "=" in attributes and m._ATTRIBUTES.fullmatch(attributes) is not None
                    )
                elif m._TALKS_ABOUT_TAG.match(text, match.end()):
                    plausible = False
                elif name in m._MARKUP_NAMES or attributes.strip() == "/":
                    plausible = True
                else:
                    plausible = closers.follows(close_tag, match.end())
                if not plausible:
                    continue
                separates = name in m._BLOCK_NAMES
                start, end, content = removal(text, *match.span(), separates=separates)
                fix = Fix("drop the tag", Applicability.SAFE, (Edit(field, start, end, content),))
                kind = "HTML tag" if pattern is m._TAG else "escaped HTML tag"
                message = f"{kind} '{shorten(match.group())}'"
                yield rule.diagnostic(field, start, end, message, fix)


def test_nl102_matches_its_reference_on_generated_articles() -> None:
    rng = random.Random(102)
    rule = HtmlTags()
    items = []
    for _ in range(500):
        body = _pieces(rng, _TAG_PIECES, rng.randint(1, 40))
        items.append(article(body=body, title=body[:80], caption="<b>c</b> " + body[-50:]))
    assert _assert_same(rule, _reference_nl102, items) > 0


def test_nl102_matches_its_reference_on_real_articles() -> None:
    rule = HtmlTags()
    assert _assert_same(rule, _reference_nl102, _real_articles(rule)) > 0


# NL304 html-entities ----------------------------------------------------------------------

_ENTITY_PIECES = (
    "&amp;",
    "&amp;amp;",
    "&#39;",
    "&#x27;",
    "&nbsp;",
    "&bogus;",
    "it#39;s",
    "it #39;s",
    "#8217;",
    "quot;",
    "&quot;",
    "apos;",
    "lsquo;",
    "rdquo;",
    "laquo;",
    "nbsp;",
    "hellip;",
    "mdash;",
    "ndash;",
    "dash;",
    "ellip;",
    "uot;",
    "q",
    "quo",
    ";",
    "&",
    "#",
    "AT&T",
    "&lt;b&gt;",
    "<a href='x?a=1&amp;b=2'>",
    "](http://e.org/?a&amp;b)",
    "https://e.org/?a=1&amp;b=2",
    "www.e.org/&amp;",
    " ",
    "\n",
    "word",
)


def _reference_lost(text: str) -> Iterator[tuple[int, int, str, str]]:
    m = nl304_html_entities
    what = "HTML reference that lost its '&'"
    if any(ending in text for ending in m._LOST_NAMED_ENDINGS):
        for match in m._LOST_NAMED.finditer(text):
            replacement = m._unescape("&" + match.group())
            if replacement is not None:
                yield match.start(), match.end(), replacement, what
    if "#" not in text:
        return
    for match in m._LOST_NUMERIC.finditer(text):
        start, end = match.span()
        replacement = m._unescape("&" + match.group())
        if replacement is None:
            continue
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if replacement in m._APOSTROPHES:
            if not after.isalpha():
                continue
            if before == " " and start >= 2 and text[start - 2].isalpha():
                start -= 1
            elif not before.isalpha():
                continue
        elif not (before.isalnum() or after.isalnum()):
            continue
        yield start, end, replacement, what


def _reference_nl304(rule: Rule, item: Article) -> Iterator[Diagnostic]:
    """NL304's check as first written: ``any(ending in text ...)`` for the lost names."""
    m = nl304_html_entities
    for name, text in item.text_fields(rule.fields):
        if ";" not in text:
            continue
        if not (
            "&" in text
            or any(ending in text for ending in m._LOST_NAMED_ENDINGS)
            or ("#" in text and m._LOST_NUMERIC.search(text) is not None)
        ):
            continue
        entities = "&" in text and m._ENTITY.search(text) is not None
        lost_ones = list(_reference_lost(text))
        if not (entities or lost_ones):
            continue
        not_text = [x.span() for x in m._ESCAPED_TAG.finditer(text)] if "lt;" in text else []
        not_text.extend(x.span() for x in m._NOT_TEXT.finditer(text))
        found: list[tuple[int, int, str, str]] = []
        if entities:
            found.extend(HtmlEntities._references(text, Spans(not_text)))
        taken = Spans(not_text + [(start, end) for start, end, _, _ in found])
        found.extend(lost for lost in lost_ones if not taken.overlaps(lost[0], lost[1]))
        for start, end, replacement, what in sorted(found):
            fix = Fix(
                f"decode it: '{shown(replacement, 20)}'",
                Applicability.SAFE,
                (Edit(name, start, end, replacement),),
            )
            message = f"{what} '{shown(text[start:end])}'"
            yield rule.diagnostic(name, start, end, message, fix)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ENTITY_PIECES), max_size=30))
def test_nl304_lost_name_test_matches_the_endings(parts: list[str]) -> None:
    text = "".join(parts)
    expected = any(e in text for e in nl304_html_entities._LOST_NAMED_ENDINGS)
    assert (nl304_html_entities._LOST_NAMED_ENDING.search(text) is not None) == expected


def test_nl304_matches_its_reference_on_generated_articles() -> None:
    rng = random.Random(304)
    rule = HtmlEntities()
    items = []
    for _ in range(500):
        body = _pieces(rng, _ENTITY_PIECES, rng.randint(1, 30))
        items.append(article(body=body, title=body[::-1], byline=body[:40]))
    assert _assert_same(rule, _reference_nl304, items) > 0


def test_nl304_matches_its_reference_on_real_articles() -> None:
    rule = HtmlEntities()
    assert _assert_same(rule, _reference_nl304, _real_articles(rule)) > 0


# NL202 truncated-url ----------------------------------------------------------------------

_TRUNCATED_PIECES = (
    *_URL_PIECES,
    "...",
    "…",
    "..",
    "sto...",
    "novemb…",
    "(",
    "[",
    "]",
    "y" * 1999,
    "https://" + "w" * 2100,
    "https://a.org/" + "v" * 1990 + "http://b.org/x…",
)


def _reference_nl202(rule: Rule, item: Article) -> Iterator[Diagnostic]:
    """NL202's check as first written: ``_URL.finditer`` and a cut of every URL."""
    m = nl202_truncated_url
    for name, text in item.text_fields(rule.fields):
        if ("..." not in text and "…" not in text) or "://" not in text:
            continue
        for match in m._URL.finditer(text):
            url = m._cut_at_ellipsis(match.group())
            if m._ELLIPSIS.search(url[-4:]) is None:
                continue
            start = match.start()
            end = start + len(url)
            bare = url.rstrip(".…")
            if m._HOST_ONLY.match(bare) and not TruncatedUrl._alone_or_glued(text, start, end):
                continue
            shown = url if len(url) <= 60 else "..." + url[-57:]
            message = f"URL truncated with an ellipsis: '{shown}'"
            yield rule.diagnostic(name, start, end, message)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TRUNCATED_PIECES), max_size=30))
def test_nl202_urls_match_the_url_pattern(parts: list[str]) -> None:
    text = "".join(parts)
    expected = [match.span() for match in nl202_truncated_url._URL.finditer(text)]
    assert list(nl202_truncated_url.urls(text)) == expected


def test_nl202_urls_past_the_bound() -> None:
    """A URL of over 2,000 characters is cut: a scheme just before the cut is not a start."""
    for tail in ("https://b.org/c", "http://b.org/c", "s://x", "://x", "HTTPS://x"):
        for pad in range(1990, 2000):
            text = "https://a.org/" + "v" * pad + tail
            expected = [match.span() for match in nl202_truncated_url._URL.finditer(text)]
            assert list(nl202_truncated_url.urls(text)) == expected, (tail, pad)


def test_url_scans_on_adversarial_runs() -> None:
    """Runs of "://" with or without schemes: a "://" that starts no URL costs one step, so
    these finish (a rescan of what follows each one was quadratic); same spans as _URL's."""
    texts = (
        "://x" * 20000,
        "http://" * 20000,
        "http:// " * 20000,
        "://" * 20000 + "http://" + "a" * 20000,
        "https://" + "a" * 2100 + "://" * 20000,
        "ftp://" + "http://" * 5000,
    )
    for text in texts:
        for module in (nl201_split_url, nl202_truncated_url):
            expected = [match.span() for match in module._URL.finditer(text)]
            assert list(module.urls(text)) == expected, (module.__name__, text[:20])


def test_nl202_matches_its_reference_on_generated_articles() -> None:
    rng = random.Random(202)
    rule = TruncatedUrl()
    items = []
    for _ in range(400):
        body = _pieces(rng, _TRUNCATED_PIECES, rng.randint(1, 30))
        items.append(article(body=body, title=body[:200], url="https://e.org/a-b..."))
    assert _assert_same(rule, _reference_nl202, items) > 0


def test_nl202_matches_its_reference_on_real_articles() -> None:
    rule = TruncatedUrl()
    assert _assert_same(rule, _reference_nl202, _real_articles(rule)) > 0


# NL101 markdown-emphasis ------------------------------------------------------------------

_EMPHASIS_PIECES = (
    "*",
    "**",
    "***",
    "_",
    "__",
    "*word*",
    "**bold**",
    "_it_",
    "__init__",
    "](",
    "]",
    "(",
    "#",
    "##",
    "####### ",
    "# ",
    "## ",
    "#\t",
    " ",
    "\t",
    "\n",
    "\r\n",
    "a",
    "word",
    "2",
    "/",
    "@",
    ".",
)


def _reference_nl101(rule: Rule, item: Article) -> Iterator[Diagnostic]:
    """NL101's check as first written: ``_OTHER_MARKDOWN.search`` over the whole field."""
    m = nl101_markdown_emphasis
    for name, text in item.text_fields(rule.fields):
        matches: list[re.Match[str]] = []
        if "*" in text:
            matches += m._emphasis(text, m._STAR)
        if "_" in text:
            matches += m._emphasis(text, m._UNDERSCORE)
        if not matches:
            continue
        singles = sum(len(match.group(1)) == 1 for match in matches)
        trust = singles >= 2 or singles < len(matches) or m._OTHER_MARKDOWN.search(text)
        for match in sorted(matches, key=lambda x: x.start()):
            if len(match.group(1)) == 1 and not trust:
                continue
            marker, inner = match.groups()
            start, end = match.span()
            width = len(marker)
            fix = Fix(
                "remove the Markdown markers",
                Applicability.SAFE,
                (Edit(name, start, start + width, ""), Edit(name, end - width, end, "")),
            )
            shown = inner if len(inner) <= 60 else inner[:57] + "..."
            message = f"Markdown {m._KIND[width]} markers around '{shown}'"
            yield rule.diagnostic(name, start, end, message, fix)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_EMPHASIS_PIECES), max_size=30))
def test_nl101_other_markdown_matches_its_pattern(parts: list[str]) -> None:
    text = "".join(parts)
    expected = nl101_markdown_emphasis._OTHER_MARKDOWN.search(text) is not None
    assert nl101_markdown_emphasis._other_markdown(text) == expected


def test_nl101_matches_its_reference_on_generated_articles() -> None:
    rng = random.Random(101)
    rule = MarkdownEmphasis()
    items = []
    for _ in range(500):
        body = _pieces(rng, _EMPHASIS_PIECES, rng.randint(1, 30))
        items.append(article(body=body, title="*a* " + body[:30], caption=body[::-1]))
    assert _assert_same(rule, _reference_nl101, items) > 0


def test_nl101_matches_its_reference_on_real_articles() -> None:
    rule = MarkdownEmphasis()
    assert _assert_same(rule, _reference_nl101, _real_articles(rule)) > 0


# NL104 markdown-heading and NL106 table-debris: patterns tried at line starts only -------

_LINE_PIECES = (
    "\n",
    "\r\n",
    "\r",
    " ",
    "\t",
    "   ",
    "    ",
    "#",
    "##",
    "#######",
    "# ",
    "## Title",
    " ##",
    "# 5 on",
    "#tag",
    "|",
    "||",
    "| a | b |",
    "|---|---|",
    "|x|",
    "a",
    "word",
    "x" * 499,
    "y" * 1999,
)


def _spans_and_groups(matches: Iterable[re.Match[str]]) -> list[tuple[object, ...]]:
    return [(match.span(), match.groups()) for match in matches]


def _assert_line_starts_agree(text: str) -> None:
    heading, table = nl104_markdown_heading, nl106_table_debris
    assert _spans_and_groups(heading.headings(text)) == _spans_and_groups(
        heading._HEADING.finditer(text)
    )
    assert _spans_and_groups(table.rows(text)) == _spans_and_groups(table._ROW.finditer(text))


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_LINE_PIECES), max_size=40))
def test_nl104_nl106_line_start_scans_match_their_patterns(parts: list[str]) -> None:
    _assert_line_starts_agree("".join(parts))


def test_nl104_nl106_line_start_scans_on_every_indent() -> None:
    lines = ("| a | b |", "|x|", "||", "|", "## Title", "# T #", "#", "# 5 x", "#tag", "x | y |")
    indents = ("", " ", "\t", "  ", " \t", "   ", "\t\t\t", "    ", "\r", "\r ")
    for before in ("", "\n", "x\n", "a\r\n", "| a | b |\n", "## H\n"):
        for indent in indents:
            for line in lines:
                for after in ("", "\n", " ", "\r\n", "\n" + indent + line):
                    _assert_line_starts_agree(before + indent + line + after)


def test_nl104_nl106_line_start_scans_on_real_articles() -> None:
    found = 0
    for item in [*example_articles(), *data_articles(), *corpus_articles()]:
        for _, text in item.text_fields(("title", "byline", "caption", "body")):
            if "#" in text or "|" in text:
                _assert_line_starts_agree(text)
                found += "\n#" in text or "\n|" in text
    assert found


# NL105 escaped-markdown -------------------------------------------------------------------

_ESCAPE_PIECES = (
    "\\",
    "\\\\",
    "\\*",
    "\\[",
    "\\]",
    "\\_",
    "\\`",
    "\\~",
    "\\|",
    "\\-",
    "\\+",
    "\\>",
    "\\.",
    "\\#",
    "\\#a",
    "\\#1",
    "#",
    "1",
    "12",
    "123456789",
    "1234567890",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "-",
    ">",
    ".",
    "a",
    "é",
    "C:\\",
    "\\\\server",
)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_ESCAPE_PIECES), max_size=30))
def test_nl105_escapes_match_the_pattern(parts: list[str]) -> None:
    text = "".join(parts)
    expected = nl105_escaped_markdown._ESCAPE.finditer(text)
    assert _spans_and_groups(nl105_escaped_markdown.escapes(text)) == _spans_and_groups(expected)


def test_nl105_escapes_on_every_line_prefix() -> None:
    prefixes = ("", " ", "   ", "    ", "\t", "1", "  12", "123456789", "1234567890", "a", "\\*")
    escaped = ("\\- x", "\\+ x", "\\> x", "\\. x", "\\# x", "\\#x", "\\* x", "\\-x")
    for before in ("", "\n", "x\n", "\\\n", "\r\n"):
        for prefix in prefixes:
            for tail in escaped:
                text = before + prefix + tail + "\n" + prefix + tail
                expected = nl105_escaped_markdown._ESCAPE.finditer(text)
                found = nl105_escaped_markdown.escapes(text)
                assert _spans_and_groups(found) == _spans_and_groups(expected), text


def test_nl105_escapes_on_real_articles() -> None:
    found = 0
    for item in [*example_articles(), *data_articles(), *corpus_articles()]:
        for _, text in item.text_fields(("title", "byline", "caption", "body")):
            if "\\" in text:
                expected = _spans_and_groups(nl105_escaped_markdown._ESCAPE.finditer(text))
                assert _spans_and_groups(nl105_escaped_markdown.escapes(text)) == expected
                found += len(expected)
    assert found
