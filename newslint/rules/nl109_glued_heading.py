"""NL109: an all-caps heading glued to the sentence after it (`IMPEACHMENT HEARINGSondland has`)."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers

_LOWER = "a-zß-öø-ÿа-яё"
_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁ"
# Two-letter words that start a sentence (`KOALAAt least`).  `As`, `Is` and `Us` are
# left out: `CRNAs`, `MRIs`, `EMUs` are plural acronyms.
_SHORT_STARTERS = "At|In|On|It|He|We|If|By|To|Or|No|So|An|My|Do|Up|Go"
_MAX_HEAD = 40
# The last all-caps word of a heading (three or more capitals, starting a token: not
# after a letter, a digit, `@`, `#`, a slash, a dot or a hyphen) glued to a capitalised
# word that a space and a lower-case word follow.  The capital where the two meet is
# the tail's; the head is bounded: linear (one try per token start, each bounded).
_GLUED = compile_lazily(
    rf"(?<![\w@#/.&'’-])([{_UPPER}]{{3,{_MAX_HEAD}}})"
    rf"([{_UPPER}][{_LOWER}]{{2,{_MAX_HEAD}}}|{_SHORT_STARTERS})(?=[ \t][{_LOWER}])"
)
# Fast path: every match holds four capitals and a lower-case letter in a row.
_FOUR_CAPITALS = compile_lazily(rf"[{_UPPER}]{{4}}[{_LOWER}]")
_UPPER_CHAR = compile_lazily(rf"[{_UPPER}]")


def _is_upper(char: str) -> bool:
    return _UPPER_CHAR.fullmatch(char) is not None


# The token before the glued one: what a scan back from it finds, up to this far.
_LOOK_BACK = 60
_AROUND = "\"'“”‘’«»()|*#:;,.!?"


def _after_caps_word(text: str, start: int) -> bool:
    """Whether an all-caps word (letters only, one or more; quotes and punctuation around it
    allowed) stands right before ``start``, on the same line or at the end of the line before.

    A heading is several capitalised words; an acronym before a brand (`CNN TVGuide`) is
    turned away by the head's length, and one after a lower-case word (`follow IBNLive`,
    `mean USAir`) by this test.
    """
    before = text[max(0, start - _LOOK_BACK) : start]
    stripped = before.rstrip(" \t")
    if stripped.endswith("\n"):
        stripped = stripped[:-1].rstrip(" \t\r")
        if stripped.endswith("\n"):
            return False  # a blank line: the word before is another paragraph's
    if not stripped:
        return False
    token = stripped.rsplit(None, 1)[-1].strip(_AROUND)
    return any(char.isalpha() for char in token) and not any(
        char.islower() or char.isdigit() for char in token
    )


def glued_headings(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, break, end) of each all-caps heading glued to a sentence: the head's start,
    where the line break was lost, and the end of the glued word."""
    tried = -1
    for seam in _FOUR_CAPITALS.finditer(text):
        # A match of _GLUED starts where a run of capitals starts (its look-behind turns
        # every later start in the run away): find that start from the seam, in C, and
        # try there once, instead of trying every position of the text.
        start = seam.start()
        while start > 0 and start > seam.start() - _MAX_HEAD - 2 and _is_upper(text[start - 1]):
            start -= 1
        if start <= tried:
            continue
        tried = start
        match = _GLUED.match(text, start)
        if match is not None and _after_caps_word(text, match.start()):
            yield match.start(), match.end(1), match.end()


class GluedHeading(Rule):
    code = "NL109"
    name = "glued-heading"
    summary = (
        "An all-caps heading glued to the sentence after it (`IMPEACHMENT HEARINGSondland has`)."
    )
    explanation = """\
Extractors that drop a heading's block tag without putting a line break in its
place run the heading into the first sentence after it.  In a heading set in
capitals the seam shows: its last word runs straight into a capitalised word
(`PIVOTAL IMPEACHMENT HEARINGSondland has emerged as`, `SAVE A KOALAAt least
six people`, `4:29 AM ESTUpdated an hour ago`).

Flagged only when a word of three or more capitals, after another all-caps
word (on the same line or ending the line before), runs into a capitalised
word (or a two-letter sentence start such as `At`, `In`, `It`) that a space and
a lower-case word follow.  Acronyms and brands are never flagged: an acronym
followed by a space (`NATO said`, `UEFA Champions League`), a brand after a
lower-case word (`follow IBNLive on`, `the SEOmoz blog`), a plural acronym
(`CRNAs can`, `MRIs show`), two-letter prefixes (`TVGuide`, `SFGate`), camel
case (`iPhone`, `McDonald`, `YouTube`) and hashtags, handles and URLs.
Lower-case words glued to the next one are NL608's business, Markdown heading
marks NL104's.  The fix inserts a line break between the two words; it is
unsafe because whether the capitals are a heading (rather than a label or a
brand) is a guess."""
    bad = "CHARGES DROPPED IN HARBOUR\nCASEThe court said on Monday that the case was over."
    good = "CHARGES DROPPED IN HARBOUR\nCASE\nThe court said on Monday that the case was over."
    fields = ("body",)
    fix_applicabilities = frozenset({Applicability.UNSAFE})
    triggers = Triggers(patterns=(f"[{_UPPER}][{_UPPER}][{_UPPER}][{_UPPER}][{_LOWER}]",))

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for name, text in article.text_fields(self.fields):
            for start, cut, end in glued_headings(text):
                head, tail = text[start:cut], text[cut:end]
                fix = self.replacement(
                    name,
                    cut,
                    cut,
                    "\n",
                    f"insert a line break between '{head}' and '{tail}'",
                    Applicability.UNSAFE,
                )
                yield self.diagnostic(
                    name,
                    start,
                    end,
                    f"all-caps heading glued to the next sentence: '{head}{tail}' "
                    f"(missing line break between '{head}' and '{tail}')",
                    fix,
                )
