"""NL304: HTML character references left in plain text (`&amp;`, `&#233;`, `#39;`)."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._encoding import Spans, shown

# A character reference, possibly escaped again (`&amp;amp;`, `&amp;#39;`).
# Anchored on the literal '&'; every part is bounded: linear.
_ENTITY = compile_lazily(
    r"&(?:amp;){0,8}(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)"
)
# An escaped tag (`&lt;b&gt;`, `&lt;/p&gt;`, `&lt;a href=&quot;...&quot;&gt;`): NL102's.
# Escaped twice (`&amp;lt;span&amp;gt;`) too.
_ESCAPED_TAG = compile_lazily(
    r"&(?:amp;){0,3}lt;/?[A-Za-z][A-Za-z0-9]{0,15}(?:\s[^<>]{0,300}?)?&(?:amp;){0,3}gt;"
)
# Where references belong to markup or to a URL, not to text: a raw tag's
# attributes, a Markdown link target, a URL (its `&amp;` may be an href's).
_NOT_TEXT = compile_lazily(
    r"</?[A-Za-z][A-Za-z0-9]{0,15}(?:\s[^<>]{0,2000})?>"
    r"|\]\((?:<[^<>\n]{0,2000}>|[^()\s]{0,2000})\)"
    r"|(?:https?://|www\.|mailto:)[^\s()<>\[\]\"']{1,2000}"
)
# References whose '&' was lost.  Named ones: names that are not words or word
# endings; numeric ones: only the punctuation that extractors escape.
_LOST_NAMED = compile_lazily(
    r"(?<![&A-Za-z])(?:quot|apos|[lr]squo|[lr]dquo|[lr]aquo|nbsp|hellip|[mn]dash);"
)
# (The lookbehind follows the literal '#', so that the regex engine can skip ahead.)
_LOST_NUMERIC = compile_lazily(
    r"#(?<![&#0-9]#)(?:39|34|8211|8212|8216|8217|8220|8221|[xX]27|[xX]22);"
)
# Fast path: every lost named reference ends with one of these.
_LOST_NAMED_ENDINGS = ("quot;", "apos;", "squo;", "dquo;", "aquo;", "nbsp;", "hellip;", "dash;")
# Every match of _LOST_NUMERIC is one of these (the rule's triggers, with '&' and the above).
_LOST_NUMERIC_REFERENCES = (
    *(f"#{number};" for number in ("39", "34", "8211", "8212", "8216", "8217", "8220", "8221")),
    *(f"#{x}{number};" for x in "xX" for number in ("27", "22")),
)
# Whether any of _LOST_NAMED_ENDINGS occurs: one pass that skips from ';' to ';', where
# ``any(ending in text ...)`` made eight (lookbehinds of one width each, as ``re`` wants).
_LOST_NAMED_ENDING = compile_lazily(
    r";(?:(?<=quot;|apos;|squo;|dquo;|aquo;|nbsp;|dash;)|(?<=hellip;))"
)
_SINGLE = compile_lazily(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_APOSTROPHES = frozenset("'\u2019")


def _may_have_references(text: str) -> bool:
    """Fast path: a reference starts with '&', or is a lost one that ``_lost`` can find.

    Without either, nothing is reported, so the markup and URL spans need not be found.
    """
    return (
        "&" in text
        or _LOST_NAMED_ENDING.search(text) is not None
        or ("#" in text and _LOST_NUMERIC.search(text) is not None)
    )


def _unescape(reference: str) -> str | None:
    """The text a (possibly multiply escaped) reference stands for, or None if it is not one."""
    # Imported here, where a reference was found: html.entities' tables cost about 1.5 ms of
    # every start-up, and most articles have no reference.
    import html
    from html.entities import html5

    text = reference
    while text.startswith("&amp;") and _SINGLE.fullmatch("&" + text[5:]):
        text = "&" + text[5:]
    if not _SINGLE.fullmatch(text):
        return None
    if not text.startswith("&#") and text[1:] not in html5:
        return None
    text = html.unescape(text)
    if not text:
        return None
    if any(not ch.isprintable() and ch != "\xa0" for ch in text) or "\ufffd" in text:
        return None
    return text


_NUMERIC = compile_lazily(r"&(?:amp;){0,8}#(?:([0-9]{1,7})|[xX]([0-9a-fA-F]{1,6}));")


def _control_reference(reference: str) -> int | None:
    """The code point of a numeric reference to a C0 control (not tab, newline or
    carriage return) or DEL, or None: `&#3;` ends wire-service copy, `&#127;` is debris."""
    match = _NUMERIC.fullmatch(reference)
    if match is None:
        return None
    code = int(match.group(1)) if match.group(1) else int(match.group(2), 16)
    if code == 0x7F or (code < 0x20 and code not in (0x09, 0x0A, 0x0D)):
        return code
    return None


class HtmlEntities(Rule):
    code = "NL304"
    name = "html-entities"
    summary = "HTML character references in plain text (`&amp;`, `communiqu&#233;`, `it#39;s`)."
    explanation = """\
Extractors that copy text out of HTML sometimes forget to decode character
references, or decode them twice or not at all: `communiqu&#233;`, `Johnson
&amp; Johnson`, `&amp;quot;` (escaped twice), `&nbsp;`.  Some lose the `&` on
the way and leave `it#39;s` or `quot;Hello`.

The fix decodes the reference alone (Python's `html.unescape`), and only when
it is unambiguous: numeric references, and named ones that are real HTML5
names ending in `;`; references that lost their `&` are fixed only for the
quotes, apostrophes and dashes extractors escape.  A bare `&` (`AT&T`, `R&D`,
`Q&A`), `#hashtags`, references inside a raw tag's attributes and escaped tags
such as `&lt;b&gt;` (NL102's) are never touched.  A reference to a control
character (`&#3;` ends wire-service copy, `&#127;`) stands for nothing printable:
its fix deletes it."""
    bad = "Johnson &amp; Johnson&#39;s communiqu&#233; said it#39;s done."
    good = "Johnson & Johnson's communiqué said it's done."
    fields = ("title", "byline", "caption", "body")
    triggers = Triggers(literals=("&", *_LOST_NAMED_ENDINGS, *_LOST_NUMERIC_REFERENCES))
    fix_applicabilities = frozenset({Applicability.SAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for name, text in article.text_fields(self.fields):
            if ";" not in text or not _may_have_references(text):
                continue
            entities = "&" in text and _ENTITY.search(text) is not None
            lost_ones = list(self._lost(text))
            if not (entities or lost_ones):
                continue  # fast path: nothing to report, so no markup or URL spans to find
            not_text = [m.span() for m in _ESCAPED_TAG.finditer(text)] if "lt;" in text else []
            not_text.extend(m.span() for m in _NOT_TEXT.finditer(text))
            found: list[tuple[int, int, str, str]] = []
            if entities:
                found.extend(self._references(text, Spans(not_text)))
            taken = Spans(not_text + [(start, end) for start, end, _, _ in found])
            found.extend(lost for lost in lost_ones if not taken.overlaps(lost[0], lost[1]))
            for start, end, replacement, what in sorted(found):
                fix = Fix(
                    f"decode it: '{shown(replacement, 20)}'",
                    Applicability.SAFE,
                    (Edit(name, start, end, replacement),),
                )
                yield self.diagnostic(name, start, end, f"{what} '{shown(text[start:end])}'", fix)

    @staticmethod
    def _references(text: str, skip: Spans) -> Iterator[tuple[int, int, str, str]]:
        for match in _ENTITY.finditer(text):
            start, end = match.span()
            if skip.contains(start, end):
                continue
            replacement = _unescape(match.group())
            if replacement is None:
                control = _control_reference(match.group())
                if control is not None:
                    yield start, end, "", f"HTML reference to control character U+{control:04X}"
                continue
            what = (
                "doubly escaped HTML reference"
                if match.group().startswith("&amp;") and len(match.group()) > 5
                else "HTML character reference"
            )
            yield start, end, replacement, what

    @staticmethod
    def _lost(text: str) -> Iterator[tuple[int, int, str, str]]:
        what = "HTML reference that lost its '&'"
        if _LOST_NAMED_ENDING.search(text) is not None:
            for match in _LOST_NAMED.finditer(text):
                replacement = _unescape("&" + match.group())
                if replacement is not None:
                    yield match.start(), match.end(), replacement, what
        if "#" not in text:
            return
        for match in _LOST_NUMERIC.finditer(text):
            start, end = match.span()
            replacement = _unescape("&" + match.group())
            if replacement is None:
                continue
            before = text[start - 1] if start else ""
            after = text[end] if end < len(text) else ""
            if replacement in _APOSTROPHES:
                # `it#39;s`, or `it #39;s` where the '&' became a space.
                if not after.isalpha():
                    continue
                if before == " " and start >= 2 and text[start - 2].isalpha():
                    start -= 1
                elif not before.isalpha():
                    continue
            elif not (before.isalnum() or after.isalnum()):
                continue
            yield start, end, replacement, what
