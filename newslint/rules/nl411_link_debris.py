"""NL411: a line made of the pieces of a web address or of a tag's attributes (`content/uploads/2019/`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._boilerplate import _line_at, quote

_EXTENSIONS = r"jpe?g|png|gif|webp|svg|html?|php|aspx?"
# What makes a token a piece of an address (or of an HTML attribute) by itself.
_ADDRESS_MARK = compile_lazily(
    r"https?:|www\.|%[0-9a-f]{2}|\.(?:" + _EXTENSIONS + r")(?![^\W\d_])"
    r"|^[\w-]+=[\"']|&amp;|[?&][\w-]+=",
    re.IGNORECASE,
)
# A token that starts a complete address (text a writer may give), unlike `(https://...`,
# the target of a link that a converter put on a line of its own.
_COMPLETE = compile_lazily(r"(?:https?:|www\.)", re.IGNORECASE)
# A Markdown link's text (a link with words in it is one the reader sees, not debris).
_LINK_TEXT = compile_lazily(r"\[([^\[\]\n]*)\]\(")
# A whole HTML tag: the HTML tag rule's, not this one's.
_TAG = compile_lazily(r"<[a-zA-Z/!][^<>\n]*>")
_LEAD = " \t*_>#+-•"
_ATTRIBUTE = compile_lazily(r"[\w-]+=\"")
_ESCAPE_BEFORE = compile_lazily(r"%[0-9a-f]{2}(?:https?:|www\.)", re.IGNORECASE)
# The tail of a wrapped link target: `council-approves-budget/)`, `inals/)` (a slug's last
# letters, when the converter wrapped inside a word).
_TARGET_TAIL = compile_lazily(r"[a-z0-9][a-z0-9._~-]*/\)[.,;]?")
# Links with no text: `[]`, `[][]`.
_EMPTY_LINKS = compile_lazily(r"(?:\[\])+")
# A line that may hold such a piece: one of these characters, or a file's extension.
_CANDIDATE = compile_lazily(
    r"^[^\n/=%]*?(?:[/=%]|\.(?:" + _EXTENSIONS + r"))", re.IGNORECASE | re.MULTILINE
)
MAX_WORDS = 4
"""More words of text than this, outside the address, make the line prose with a link."""
MIN_SHARE = 0.7
"""The share of the line's characters (spaces aside) that the address pieces must hold."""
MAX_LINE = 300
"""Longer lines are prose with links, never debris."""


def _address_piece(token: str) -> int:
    """2: a piece of an address or attribute by itself; 1: only with no word beside it (a
    file's name, ``it.html)``, or a path ending in a slash, ``2019/nov/``); 0: not one."""
    mark = _ADDRESS_MARK.search(token)
    if mark is not None:
        return 1 if mark.group().startswith(".") and "/" not in token else 2
    if any(char.isupper() for char in token) or not any(char.isalpha() for char in token):
        return 0  # `Prestige/Insomnia/Memento`, `/System/Library`; dates, scores: `04/27/13`
    if token.count("/") >= 2 and any(char.isdigit() or char in "-_." for char in token):
        return 2  # `content/uploads/2019/`, but not `café/bar/restaurant`
    trimmed = token.rstrip(")")
    if trimmed.endswith("/") and "/" in trimmed[:-1]:
        return 1
    return 1 if _TARGET_TAIL.fullmatch(token) else 0


def _gives_an_address(token: str) -> bool:
    """Whether ``token`` starts a complete address, alone or after a label glued to it
    (`http://amzn.to/2hW`, `Source:https://...`), not inside brackets or an attribute
    (`(https://...`, `src="https://...`): an address a writer gave."""
    found = _COMPLETE.search(token)
    if found is None:
        return False
    start = found.start()
    return start == 0 or (
        token[start - 1] not in "(\"'=[" and not _ESCAPE_BEFORE.match(token, max(start - 3, 0))
    )


def is_link_debris(line: str) -> bool:
    """Whether ``line`` is pieces of addresses or attributes with at most ``MAX_WORDS`` words."""
    text = line.strip().lstrip(_LEAD)
    if not text or _TAG.search(text):
        return False
    if _EMPTY_LINKS.fullmatch(text):
        return True  # what is left of image links and buttons
    for link in _LINK_TEXT.finditer(text):
        if any(char.isalpha() for char in link.group(1)):
            return False
    pieces = 0
    words = 0
    total = 0
    strong = False
    quoted = False  # inside an attribute's quoted value (`class="a b c"`)
    for token in text.split():
        total += len(token)
        if quoted:  # a word of an attribute's value is the attribute's
            pieces += len(token)
            quoted = token.count('"') % 2 == 0
            continue
        kind = _address_piece(token)
        if kind:
            if _gives_an_address(token):
                return False
            pieces += len(token)
            strong = strong or kind == 2
            quoted = _ATTRIBUTE.match(token) is not None and token.count('"') % 2 == 1
        elif any(char.isalpha() for char in token):
            words += 1
            if words > MAX_WORDS:
                return False
    if not strong and words:
        return False  # `Open index.html`, `Edit config.php`: a file named in a sentence
    return pieces > 0 and pieces >= MIN_SHARE * total


class LinkDebris(Rule):
    code = "NL411"
    name = "link-debris"
    summary = (
        "A line of address pieces or tag attributes: a link's target wrapped onto its own line."
    )
    explanation = """\
HTML-to-text converters that print a link's target after its text (html2text,
august) wrap long targets over several lines, and some print an image's
attributes; what is left are lines no reader can use:
`  (https://www.example.com/news/2019/11/17/council-approves-`,
`content/uploads/2017/12/pear-jam-14-300x450.jpg`, `it.html)`, `inals/)` (a target
wrapped inside its last word),
`class="attachment-230x300 size-230x300" alt=""`.

A line is flagged when pieces of web addresses or attributes make up at least
70% of its characters (spaces aside) and at most four other words stand beside
them.  A piece holds `http:`, `www.`, a `%`-escape, a file's extension
(`.jpg`, `.html`, `.php`), a query (`?id=`, `&amp;`) or an attribute
(`alt="`), or it is a lower-case path with two slashes (`news/2019/nov`).

Never flagged: a complete address, alone or after a label (`http://amzn.to/2hW`,
`Source: https://example.com/report`): a writer may give one, and it may be
all a reader needs; a Markdown link with words (`[Get it on Amazon](...)`);
a line with an HTML tag (the HTML tag rule's); dates and scores (`04/27/13`,
`11/4`); titles and paths with capitals (`Prestige/Insomnia/Memento`,
`/System/Library`); prose with a link in brackets.  The fix deletes the line; it
is unsafe because it deletes text."""
    bad = (
        "The council approved the budget on Monday.\n"
        "  (https://www.example.com/news/2019/11/17/council-approves-\n"
        "budget-after-long-debate.html)"
    )
    good = "The council approved the budget on Monday."
    fields = ("body",)
    fix_applicabilities = frozenset({Applicability.UNSAFE})
    triggers = Triggers(chars="/=%", patterns=("(?i)[.](" + _EXTENSIONS + ")",))

    def check(self, article: Article) -> Iterator[Diagnostic]:
        body = article.body
        if not body:
            return
        # The lines that hold a slash, ``=``, ``%`` or a file's extension (few of a body),
        # one match each: a match starts at a line's start, and the next search mid-line.
        for match in _CANDIDATE.finditer(body):
            start = match.start()
            newline = body.find("\n", start)
            end = len(body) if newline < 0 else newline
            if end - start <= MAX_LINE and is_link_debris(body[start:end]):
                yield self._report(_line_at(body, start).cut, start, end, body)

    def _report(self, cut: tuple[int, int] | None, start: int, end: int, body: str) -> Diagnostic:
        """The line, deleted with one line break (a whole body of debris: reported only)."""
        message = f"link debris in the body: '{quote(body[start:end])}'"
        if cut is None:
            return self.diagnostic("body", start, end, message)
        fix = self.replacement(
            "body", cut[0], cut[1], "", "delete the link debris", Applicability.UNSAFE
        )
        return self.diagnostic("body", cut[0], cut[1], message, fix)
