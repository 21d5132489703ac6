"""NL301: UTF-8 text that was decoded as windows-1252 or latin-1 (mojibake)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from difflib import SequenceMatcher
from functools import lru_cache

import ftfy
from ftfy.badness import BADNESS_RE, is_bad

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.model import Article
from newslint.rule import Rule

# Only the encoding repairs: no uncurling of quotes, no normalisation, no
# entity unescaping, nothing that changes text that was written that way.
# ftfy 6.3 honours the encoding sub-options only with explain=True.
ENCODING_ONLY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=False,
    decode_inconsistent_utf8=True,
    fix_c1_controls=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=True,
)
# Runs of non-ASCII characters, single spaces inside them included (lost-byte
# mojibake often has its 0xA0 bytes turned into spaces).  Unambiguous: linear.
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+(?: [^\x00-\x7f]+)*")
_MERGE_GAP = 3
"""Repairs closer than this (and on one line) are reported as one problem."""


@lru_cache(maxsize=256)
def repair(text: str) -> str | None:
    """ftfy's encoding-only repair of ``text``, or None when it is not a clean repair.

    A repair is clean when the result is no longer bad and gained no U+FFFD.
    """
    fixed = ftfy.fix_and_explain(text, ENCODING_ONLY).text
    if fixed == text or is_bad(fixed) or fixed.count("\ufffd") > text.count("\ufffd"):
        return None
    return fixed


def changed_regions(old: str, new: str) -> list[tuple[int, int, int, int]]:
    """(old_start, old_end, new_start, new_end) of each changed region, nearby ones merged."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    matcher = SequenceMatcher(
        None, old[prefix : len(old) - suffix], new[prefix : len(new) - suffix], autojunk=False
    )
    regions: list[tuple[int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        i1, i2, j1, j2 = i1 + prefix, i2 + prefix, j1 + prefix, j2 + prefix
        if regions:
            p1, p2, q1, _ = regions[-1]
            if i1 - p2 < _MERGE_GAP and "\n" not in old[p2:i1]:
                regions[-1] = (p1, i2, q1, j2)
                continue
        regions.append((i1, i2, j1, j2))
    return regions


def bad_regions(text: str) -> list[tuple[int, int]]:
    """Spans around ftfy's badness matches: the whole run of non-ASCII text they sit in."""
    runs = [match.span() for match in _NON_ASCII_RUN.finditer(text)]
    starts = [start for start, _ in runs]
    regions: list[tuple[int, int]] = []
    for match in BADNESS_RE.finditer(text):
        index = bisect.bisect_right(starts, match.start()) - 1
        region = runs[index] if index >= 0 and runs[index][1] >= match.end() else match.span()
        if regions and region[0] < regions[-1][1]:
            regions[-1] = (regions[-1][0], max(region[1], regions[-1][1]))
        elif not regions or region != regions[-1]:
            regions.append(region)
    return regions


class Mojibake(Rule):
    code = "NL301"
    name = "mojibake"
    summary = "UTF-8 text decoded as windows-1252 or latin-1 (`â€™` for `’`, `Ã©` for `é`)."
    explanation = """\
When a page's UTF-8 bytes are read as windows-1252 or latin-1, every non-ASCII
character turns into two or three wrong ones: `Itâ€™s` for `It’s`, `cafÃ©` for
`café`, `Ð¡Ð¾Ð±Ñ‹Ñ‚Ð¸Ðµ` for `Событие`.  The text is still valid UTF-8,
so nothing downstream notices.

newslint uses ftfy to detect and undo it, with only ftfy's encoding repairs
switched on, and changes only the mis-decoded characters: curly quotes, dashes,
accents and other scripts that were written that way stay as they are.  A
repair is offered only when the result is clean; when bytes were lost on the
way (`Ð Ð¾Ñ Ñ Ð¸Ñ`), the damage is reported without a fix."""
    bad = "Itâ€™s the cafÃ© on the corner"
    good = "It’s the café on the corner"
    fields = ("title", "byline", "caption", "body", "url")
    fixable = "sometimes"

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for name, text in article.text_fields(self.fields):
            if text.isascii() or not is_bad(text):
                continue
            fixed = repair(text)
            if fixed is None:
                for start, end in bad_regions(text):
                    yield self.diagnostic(
                        name,
                        start,
                        end,
                        f"mojibake that cannot be repaired (bytes were lost): '{_shown(text[start:end])}'",
                    )
                continue
            for old_start, old_end, new_start, new_end in changed_regions(text, fixed):
                replacement = fixed[new_start:new_end]
                fix = Fix(
                    f"decode as UTF-8: '{_shown(replacement)}'",
                    Applicability.SAFE,
                    (Edit(name, old_start, old_end, replacement),),
                )
                message = f"mojibake '{_shown(text[old_start:old_end])}' (should be '{_shown(replacement)}')"
                yield self.diagnostic(name, old_start, old_end, message, fix)


def _shown(text: str) -> str:
    flat = text.replace("\n", "\u23ce")
    return flat if len(flat) <= 40 else flat[:37] + "..."
