"""NL403: a cookie banner or a row of policy links left as a line of the body."""

from __future__ import annotations

import re

from newslint.lazy_re import compile_lazily
from newslint.rules._boilerplate import (
    LineRule,
    normalise,
    phrase_set,
)
from newslint.rules._boilerplate_phrases import (
    COOKIE_CUES,
    COOKIE_OPENINGS,
    FOOTER_LINKS,
    POLICY_LINES,
)

_POLICY = phrase_set(phrase for phrases in POLICY_LINES.values() for phrase in phrases)
_FOOTER = phrase_set(FOOTER_LINKS)
_OPENING = compile_lazily(
    "(?:"
    + "|".join(re.escape(p) for p in sorted(phrase_set(COOKIE_OPENINGS), key=len, reverse=True))
    + r")(?!\w)"
)
_CUE = compile_lazily("|".join(re.escape(cue) for cue in COOKIE_CUES))
_ROW_SEPARATOR = compile_lazily(r"[ \t]*[|/•·][ \t]*|[ \t]+[-–—][ \t]+")
# Every separator above holds one of these (a test that needs no split).
_SEPARATOR_MARK = compile_lazily(r"[|/•·]|[ \t][-–—][ \t]")
_COPYRIGHT = compile_lazily(r"(?:copyright )?(?:©|\(c\) )")


def _is_policy_row(text: str) -> bool:
    """``privacy policy | terms of use``: links of a site footer, at least one a policy."""
    if not _SEPARATOR_MARK.search(text):
        return False  # fast path: one item only
    items = [item.strip(" .") for item in _ROW_SEPARATOR.split(text)]
    if len(items) < 2 or not all(items):
        return False
    policy = False
    for item in items:
        if item in _POLICY:
            policy = True
        elif item not in _FOOTER and not _COPYRIGHT.match(item):
            return False
    return policy


def is_cookie_notice(line: str) -> bool:
    text = normalise(line)
    if text in _POLICY:
        return True
    opening = _OPENING.match(text)
    if opening:
        rest = text[opening.end() :]
        return not rest.strip(" ,;") or _CUE.search(rest) is not None
    return _is_policy_row(text)


class CookieNotice(LineRule):
    code = "NL403"
    name = "cookie-notice"
    summary = "A cookie banner or a row of policy links left as a line of the body."
    explanation = """\
Consent banners (`We use cookies to improve your experience...`, `By
continuing to use this site you agree...`) and footer links (`Privacy Policy |
Terms of Use`) are page furniture that scrapers keep as lines of the text.

Flagged: a whole line that is a policy link (`Privacy Policy`, `Cookie
Settings`, from lists per language), a row of footer links that holds one, or a
line that opens with the words of a consent banner, in which the site speaks of
itself (`We use cookies`, `This website uses cookies`, `By continuing to use
this site`).  An article about cookies or terms of service, or a quotation of
a banner, does not speak like that and is not flagged; single words that may
head a section (`Privacy`, `Cookies`) are never flagged alone.  The fix deletes
the line with its line break; it is unsafe because it deletes text."""
    bad = "The museum reopens on Friday.\n\nPrivacy Policy | Terms of Use"
    good = "The museum reopens on Friday."
    kind = "cookie or policy notice"
    # A line opens with a policy link or a banner's opening words; so does a row of links,
    # whose first item is a policy or footer link or a copyright notice.  Whole phrases, not
    # their first words: lines that open with "by", "this" or "about" are common, and
    # match() turned away 97% of those the first words let through.
    first_words = _POLICY | _FOOTER | phrase_set(COOKIE_OPENINGS) | {"copyright", "©", "(c)"}
    lead = "."

    def match(self, line: str) -> bool:
        return is_cookie_notice(line)
