"""NL102: HTML tags (``<b>``, ``</p>``, ``<a href=...>``, escaped ``&lt;b&gt;``) left in plain text."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._markup import in_url, promo_ranges, removal, url_spans

# Element names that are markup even as a bare opening tag (`<div>`, `<br>`): no prose
# placeholder is written like that.
_MARKUP_NAMES = frozenset(
    [
        "abbr",
        "blockquote",
        "br",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "font",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "iframe",
        "img",
        "li",
        "nobr",
        "noscript",
        "ol",
        "p",
        "script",
        "span",
        "strike",
        "strong",
        "style",
        "sub",
        "sup",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "tt",
        "ul",
        "wbr",
    ]
)
# Element names that are also words or one letter (`<title>`, `<name>`-like placeholders,
# `<b>`): a bare opening tag counts only when its closing tag follows.
_WORD_NAMES = frozenset(
    [
        "a",
        "address",
        "article",
        "aside",
        "audio",
        "b",
        "big",
        "body",
        "button",
        "caption",
        "cite",
        "code",
        "col",
        "del",
        "details",
        "dfn",
        "embed",
        "footer",
        "form",
        "head",
        "header",
        "html",
        "i",
        "input",
        "ins",
        "kbd",
        "label",
        "link",
        "main",
        "mark",
        "meta",
        "nav",
        "option",
        "picture",
        "pre",
        "q",
        "s",
        "samp",
        "section",
        "select",
        "small",
        "source",
        "summary",
        "svg",
        "table",
        "textarea",
        "time",
        "title",
        "u",
        "var",
        "video",
    ]
)
_NAMES = _MARKUP_NAMES | _WORD_NAMES
# Separate words when dropped (`one<br>two` is `one two`, not `onetwo`).
_BLOCK_NAMES = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "iframe",
        "img",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)

_NAME = r"[a-zA-Z][a-zA-Z0-9]{0,11}"
# A tag: the name is checked against the lists above, the attributes below; `[^<>]`
# stops at the first angle bracket, so each attempt is bounded and linear.
_TAG = re.compile(r"<(/?)(" + _NAME + r")(?=[\s/>])([^<>]{0,1000})>")
_ESCAPED_TAG = re.compile(
    r"&lt;(/?)(" + _NAME + r")(?=\s|/|&gt;)((?:[^<>&]|&(?![lg]t;)){0,1000})&gt;"
)
# Attributes as HTML writes them: name, name=value, name="value", name='value'.
_ATTRIBUTES = compile_lazily(
    r"""(?:\s+[a-zA-Z_:@][-\w:.@]{0,60}(?:\s*=\s*(?:"[^"]{0,800}"|'[^']{0,800}'|[^\s"'=<>`]{1,800}))?){0,40}\s*/?"""
)
_TALKS_ABOUT_TAG = compile_lazily(r"\s{1,3}(?:tags?|elements?)\b", re.IGNORECASE)


class HtmlTags(Rule):
    code = "NL102"
    name = "html-tags"
    summary = "HTML tags (`<b>`, `</p>`, `<a href=...>`, `&lt;b&gt;`) left in plain text."
    explanation = """\
Extractors that copy a node's inner HTML, or escape it twice, leave tags in the
text: underlines and bold around a headline (`<u>...</u>`), `<a href=...>` around
a link's words, `<br>` and `<p>` between sentences, tracking pixels
(`<img src=...>`), or the escaped form `&lt;span ...&gt;`.

The fix drops each tag and keeps the text between tags; a block tag such as
`<br>` or `<p>` that stood between two words becomes a space so that the words
do not run together.  Only known HTML element names count: `a < b`, `x<3`, `<3`,
`<-`, an address in angle brackets, and placeholders such as `<name>` are never
flagged; an element name that is also a word (`<title>`, `<b>`) counts as a bare
tag only when its closing tag follows.  A bare tag in capitals that stands as a
word of its own and is never closed (`DU PONT CO <DD> LAUNCHES`, `Procter and
Gamble Co <P> said`) is a wire service's ticker symbol, not markup, and is not
flagged.  Related-article promos are left to
NL401, which removes them whole."""
    bad = "She said<br>the talks were <b>over</b>."
    good = "She said the talks were over."
    fields = ("title", "byline", "caption", "body")
    triggers = Triggers(literals=("<", "&lt;"))
    fix_applicabilities = frozenset({Applicability.SAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for field, text in article.text_fields(self.fields):
            has_tag = "<" in text
            has_escaped = "&lt;" in text
            if not (has_tag or has_escaped):
                continue
            promos = _Promos(field, text)
            if has_tag:
                yield from self._tags(field, text, _TAG, ("</", ">"), promos)
            if has_escaped:
                yield from self._tags(field, text, _ESCAPED_TAG, ("&lt;/", "&gt;"), promos)

    def _tags(
        self,
        field: str,
        text: str,
        pattern: re.Pattern[str],
        brackets: tuple[str, str],
        promos: _Promos,
    ) -> Iterator[Diagnostic]:
        closers = _Closers(text)
        urls: list[tuple[int, int]] | None = None
        kind = "HTML tag" if pattern is _TAG else "escaped HTML tag"
        code, rule_name, severity = self.code, self.name, self.severity
        for match in pattern.finditer(text):
            closing, name, attributes = match.groups()
            name = name.lower()
            if name not in _NAMES:
                continue
            start, end = match.span()
            ranges = promos.ranges
            if ranges is None:
                ranges = promos.load()
            if ranges and any(low <= start < high for low, high in ranges):
                continue
            if closing:
                # `</b>` is never prose; but `</b foo>` is not a closing tag either.
                if attributes.strip():
                    continue
            elif not _plausible_opening(text, closers, end, name, attributes, brackets) or _ticker(
                text, match, closers, name, attributes, brackets
            ):
                continue
            if pattern is _ESCAPED_TAG and "/" in text:
                if urls is None:
                    urls = url_spans(text)
                if in_url(urls, start, end):
                    continue  # `&lt;b&gt;` in an address's query is no tag in the text
            start, end, content = removal(text, start, end, separates=name in _BLOCK_NAMES)
            fix = Fix("drop the tag", Applicability.SAFE, (Edit(field, start, end, content),))
            # shorten(), inline: a page's worth of tags is thousands of diagnostics.
            shown = " ".join(match.group().split())
            if len(shown) > 60:
                shown = shown[:57] + "..."
            message = f"{kind} '{shown}'"
            yield Diagnostic(code, rule_name, message, severity, field, start, end, fix)


def _plausible_opening(
    text: str,
    closers: _Closers,
    end: int,
    name: str,
    attributes: str,
    brackets: tuple[str, str],
) -> bool:
    """Whether an opening tag ending at ``end`` is a tag rather than prose in angle brackets."""
    if attributes.strip(" \t\r\n/"):
        # Attributes must look like attributes and give at least one value.
        return "=" in attributes and _ATTRIBUTES.fullmatch(attributes) is not None
    if _TALKS_ABOUT_TAG.match(text, end):
        return False  # "the <div> tag"
    if name in _MARKUP_NAMES or attributes.strip() == "/":
        return True
    return closers.follows(brackets[0] + name + brackets[1], end)


def _ticker(
    text: str,
    match: re.Match[str],
    closers: _Closers,
    name: str,
    attributes: str,
    brackets: tuple[str, str],
) -> bool:
    """Whether a bare opening tag is a wire service's ticker symbol (`Du Pont Co <DD>`).

    Wire copy names a company's ticker in capitals in angle brackets, as a word of its
    own; `DD`, `P`, `BR` and `B` are tickers as well as element names.  A bare capital
    tag that stands between spaces (or before punctuation) and is never closed is read
    as a ticker: old capitalised HTML touches the text (`said.<P>The`) or closes.
    """
    start, end = match.span()
    if attributes or not match.group(2).isupper():
        return False
    if start and not text[start - 1].isspace():
        return False
    if end < len(text) and not (text[end].isspace() or text[end] in _AFTER_TICKER):
        return False
    return not closers.follows(brackets[0] + name + brackets[1], end)


_AFTER_TICKER = frozenset(",.;:)!?'\"")


class _Promos:
    """The field's promo paragraphs, found when a tag first needs them (most fields with an
    angle bracket hold no tag of a known name)."""

    def __init__(self, field: str, text: str) -> None:
        self.field = field
        self.text = text
        self.ranges: list[tuple[int, int]] | None = None

    def load(self) -> list[tuple[int, int]]:
        self.ranges = ranges = promo_ranges(self.field, self.text)
        return ranges


class _Closers:
    """Where each closing tag occurs, found once per field and name."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lowered: str | None = None  # lowered on first use: most fields never need it
        self.positions: dict[str, list[int]] = {}

    def follows(self, close_tag: str, position: int) -> bool:
        """Whether ``close_tag`` occurs within 5,000 characters after ``position``."""
        found = self.positions.get(close_tag)
        if found is None:
            lowered = self.lowered
            if lowered is None:
                lowered = self.lowered = self.text.lower()
            found = []
            index = lowered.find(close_tag)
            while index != -1:
                found.append(index)
                index = lowered.find(close_tag, index + 1)
            self.positions[close_tag] = found
        at = bisect.bisect_left(found, position)
        return at < len(found) and found[at] < position + 5000
