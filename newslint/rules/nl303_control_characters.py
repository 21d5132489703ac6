"""NL303: control characters and a byte-order mark inside text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._encoding import analyse, in_utf8_mojibake, lone_c1, no_sequence_reaches

# C0 controls but tab, newline and carriage return; DEL; C1 controls; BOM.
# A terminal escape sequence (ESC [ ... letter) is taken whole.
_CONTROL = compile_lazily(
    # A run of plain C0 controls (not VT, FF or ESC, which depend on what follows),
    # at most one other character apart (never a control: nothing else is skipped):
    # UTF-16 text read as UTF-8 holds tens of thousands, taken in one match.
    r"(?P<run>[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]"
    r"(?:[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]?[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f])*)"
    r"|\x1b\[[0-9;?]{0,40}[A-Za-z]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|[\x80-\x9f]|\ufeff"
)
# Fast path: every match above holds a C0 control or DEL (one byte of the UTF-8
# encoding, never part of another character), a C1 control (the bytes C2 80-C2 9F) or
# the BOM (EF BB BF).  Deleting every other byte of the encoded text (C speed) tells
# whether any C0 control is there; the rest are literal byte searches.
_OTHER_BYTES = bytes(
    b for b in range(256) if not (b <= 0x08 or b in (0x0B, 0x0C) or 0x0E <= b <= 0x1F or b == 0x7F)
)
_CONTROL_C0 = compile_lazily(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_RUN_GAP = 2
"""Deleted controls whose offsets differ by at most this are reported as one run."""
_C1_BYTES = re.compile(rb"\xc2[\x80-\x9f]")
CONTROL_CHARACTERS = (
    "".join(map(chr, (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))))
    + "\ufeff"
)
"""Every character ``_CONTROL`` can match (its triggers: a test checks the list)."""


def _may_have_controls(text: str) -> bool:
    data = text.encode("utf-8", "surrogatepass")
    if data.translate(None, _OTHER_BYTES):
        return True
    if text.isascii():
        return False
    return b"\xef\xbb\xbf" in data or _C1_BYTES.search(data) is not None


_C1_PUNCTUATION_BEFORE_WORD = frozenset("\x91\x93\x84\x82\x8b")
"""‘ “ „ ‚ ‹: opening marks, written before a word."""
_C1_PUNCTUATION_AFTER_WORD = frozenset("\x92\x94\x9b\x85\x99")
"""’ ” › … ™: closing marks, written after a word."""
_C1_DASHES = frozenset("\x96\x97")
_C1_LETTERS = frozenset("\x8a\x8c\x8e\x9a\x9c\x9e\x9f")
_SPACING = frozenset(" \t\u00a0\u202f")
"""Spacing before a C1 control: it stands alone even where latin-1 mojibake could show
a non-breaking space (`»\xa0\x97 сказал`: windows-1252 or 1251 `—` read as latin-1)."""
"""Š Œ Ž š œ ž Ÿ."""


def _c1_meaning(text: str, index: int) -> str | None:
    """The windows-1252 character a C1 control stands for, when its context makes it certain.

    This is ftfy's ``fix_c1_controls`` restricted to unambiguous places: an
    apostrophe between letters, quotes against a word, a dash between spaces
    or digits, a euro sign before a digit, a letter inside a word.
    """
    char = text[index]
    before = _as_1252(text[index - 1]) if index > 0 else " "
    after = _as_1252(text[index + 1]) if index + 1 < len(text) else " "
    meaning = char.encode("latin-1").decode("windows-1252", errors="replace")
    if meaning == "\ufffd":
        return None
    if char == "\x92" and (before.isalpha() or after.isalpha()):
        return meaning
    if char in _C1_PUNCTUATION_BEFORE_WORD and after.isalnum() and not before.isalnum():
        return meaning
    if char in _C1_PUNCTUATION_AFTER_WORD and not before.isspace() and not after.isalnum():
        return meaning
    if char == "\x93" and (before.isalnum() or before in ".!?") and not after.isalnum():
        return meaning  # German closing quote (`„Plan B“,`, `im Wahljahr.“`)
    if char in _C1_DASHES and (
        (before.isspace() and after.isspace())
        or (before.isdigit() and after.isdigit())
        or (char == "\x97" and before.isalpha() and after.isalpha())  # `storm—named`
    ):
        return meaning
    if char == "\x80" and after.isdigit():
        return meaning
    if char == "\x88" and after.isdigit() and not before.isalnum():
        return "€"  # windows-1251's euro sign (windows-1252's `ˆ` never starts a number)
    if char in _C1_LETTERS and before.isalpha() and after.isalpha():
        return meaning
    return None


def _as_1252(char: str) -> str:
    """A neighbouring C1 control as windows-1252 shows it (`\x85` is `…`, not a space)."""
    if "\x80" <= char <= "\x9f":
        return char.encode("latin-1").decode("windows-1252", errors="replace")
    return char


class ControlCharacters(Rule):
    code = "NL303"
    name = "control-characters"
    summary = "Control characters (C0 but tab and newline, C1) and a byte-order mark inside text."
    explanation = """\
Control characters have no place in article text: C1 controls (U+0080-U+009F)
are windows-1252 punctuation read as latin-1 (`don\\x92t` for `don’t`), or bytes
left over from broken decoding; C0 controls (other than tab, newline and
carriage return) and terminal escape sequences are debris from the scraper; a
byte-order mark (U+FEFF) inside a field is a file header glued into the text.
They are invisible in most viewers but break search, tokenisers and diffs.

The fix deletes them, except that a C1 control whose context makes its
windows-1252 meaning certain is mapped to it (`\\x92` between letters is `’`,
`\\x93` before a word is `“`, `\\x96` between spaces is `–`, `\\x97` between
words is `—`), as ftfy's fix_c1_controls does; `\\x88` before a number is
windows-1251's `€` (windows-1252's `ˆ` never starts one).  A C1 control between two
letters that stands for no windows-1252 letter (`Coatl\\x87n`: Mac Roman's `á`
read as latin-1) is reported without a fix: deleting it would lose the letter.
Tabs, newlines and C1 bytes that are part of a mojibake sequence (NL301,
NL302), or of a UTF-8 character read through windows-1252, 1250 or 1251
(`Ĺ\x81ódzki` is `Łódzki`), are never touched here."""
    bad = "It was Apple\x92s \x93best\x94 year\x00"
    good = "It was Apple’s “best” year"
    fields = ("title", "byline", "caption", "body")
    triggers = Triggers(chars=CONTROL_CHARACTERS)
    fix_applicabilities = frozenset({Applicability.SAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for name, text in article.text_fields(self.fields):
            if not _may_have_controls(text):
                continue
            run: _Run | None = None
            for found in self._each(name, text):
                if isinstance(found, _Run):
                    if run is None:
                        run = found
                    elif not run.take(found):
                        yield self._report_run(name, text, run)
                        run = found
                    continue
                if run is not None:
                    yield self._report_run(name, text, run)
                    run = None
                yield found
            if run is not None:
                yield self._report_run(name, text, run)

    def _each(self, name: str, text: str) -> Iterator[Diagnostic | _Run]:
        """A diagnostic per match, or a run of control characters that are only deleted.

        Deleted C0 controls and DEL are grouped by ``check`` into runs, reported once.
        """
        analysis = None
        for match in _CONTROL.finditer(text):
            start, end = match.span()
            char = match.group()
            if match.lastgroup == "run":
                yield _Run.of(char, start)
                continue
            replacement = ""
            if "\x80" <= char <= "\x9f":
                if analysis is None:
                    analysis = analyse(text).spans()
                if analysis.overlaps(start, end):
                    continue  # a byte of mojibake (NL301's, NL302's): its repair needs it
                if in_utf8_mojibake(text, start, end) or (
                    not lone_c1(text, start)
                    and text[start - 1] not in _SPACING
                    and not no_sequence_reaches(text, start)
                ):
                    continue  # may be a byte of mojibake that no rule decodes: leave it
                replacement = _c1_meaning(text, start) or ""
                if not replacement and _between_letters(text, start):
                    # A letter of another code page (`Coatl\x87n`, Mac Roman's `á`):
                    # deleting it would lose the letter.  Reported, left to a human.
                    yield self.diagnostic(
                        name,
                        start,
                        end,
                        f"{_describe(char)} between letters: a letter of another code page?",
                    )
                    continue
            elif char in "\x0b\x0c" and _between_words(text, start, end):
                replacement = " "
            elif end - start == 1 and char != "\ufeff":
                yield _Run.of(char, start)
                continue
            what = _describe(char)
            if replacement and replacement != " ":
                fix_message = f"replace it with '{replacement}'"
                page = "windows-1251" if char == "\x88" else "windows-1252"
                message = f"{what} ({page} '{replacement}' read as latin-1)"
            else:
                fix_message = "remove it" if not replacement else "replace it with a space"
                message = what
            fix = Fix(fix_message, Applicability.SAFE, (Edit(name, start, end, replacement),))
            yield self.diagnostic(name, start, end, message, fix)

    def _report_run(self, name: str, text: str, run: _Run) -> Diagnostic:
        """One diagnostic for C0 controls at most ``_RUN_GAP`` characters apart.

        A field of UTF-16 text read as UTF-8 holds a NUL after every letter:
        tens of thousands of them, one problem, so it is reported once, with one
        fix that deletes every control of the run and keeps everything between.
        """
        start, end = run.first, run.last + 1
        if run.count == 1:
            fix = Fix("remove it", Applicability.SAFE, (Edit(name, start, end, ""),))
            return self.diagnostic(name, start, end, _describe(text[start]), fix)
        kept = _CONTROL_C0.sub("", text[start:end])
        codes = sorted(run.codes)
        shown = ", ".join(f"U+{ord(c):04X}" for c in codes[:3]) + (
            ", ..." if len(codes) > 3 else ""
        )
        message = f"{run.count:,} control characters ({shown}) in a run"
        if codes == ["\x00"] and run.spaced:
            message += ", one after every character: UTF-16 text read as UTF-8?"
        fix = Fix("remove them", Applicability.SAFE, (Edit(name, start, end, kept),))
        return self.diagnostic(name, start, end, message, fix)


@dataclass(slots=True)
class _Run:
    """Deleted control characters at most ``_RUN_GAP`` apart, as ``check`` gathers them."""

    first: int
    """Offset of the first control."""
    last: int
    """Offset of the last control."""
    count: int
    codes: set[str]
    spaced: bool
    """Every control is exactly one character after the one before (UTF-16's NULs)."""

    @classmethod
    def of(cls, chunk: str, start: int) -> _Run:
        """The run of ``chunk`` (one control, or controls with single characters between)."""
        if len(chunk) == 1:
            return cls(start, start, 1, {chunk}, True)
        controls = _CONTROL_C0.findall(chunk)
        spaced = len(controls) == (len(chunk) + 1) // 2 and not _CONTROL_C0.search(chunk[1::2])
        return cls(start, start + len(chunk) - 1, len(controls), set(controls), spaced)

    def take(self, other: _Run) -> bool:
        """Add ``other`` (which follows) if it is close enough; whether it was."""
        gap = other.first - self.last
        if gap > _RUN_GAP:
            return False
        self.spaced = self.spaced and other.spaced and gap == 2
        self.last = other.last
        self.count += other.count
        self.codes |= other.codes
        return True


def _between_letters(text: str, index: int) -> bool:
    return 0 < index < len(text) - 1 and text[index - 1].isalpha() and text[index + 1].isalpha()


def _between_words(text: str, start: int, end: int) -> bool:
    return (
        start > 0 and end < len(text) and not text[start - 1].isspace() and not text[end].isspace()
    )


def _describe(char: str) -> str:
    if char == "\ufeff":
        return "byte-order mark (U+FEFF) inside the text"
    if len(char) > 1:
        return f"terminal escape sequence '{char[1:]}'"
    kind = "C1" if "\x80" <= char <= "\x9f" else "C0"
    return f"{kind} control character U+{ord(char):04X}"
