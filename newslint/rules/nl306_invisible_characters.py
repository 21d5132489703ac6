"""NL306: soft hyphens and zero-width spaces inside words; invisible and bidirectional controls."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._encoding import in_utf8_mojibake, shown

# Anchored on the literal invisible characters; a run of them counts as one.
_INVISIBLE = compile_lazily(r"(?<=\w)[\u00ad\u200b]{1,20}(?=\w)")
# Scripts written without spaces between words, where U+200B marks word breaks:
# Thai, Lao (and Tibetan), Myanmar, Khmer.
_NO_SPACE_SCRIPTS = compile_lazily(r"[\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff]")
_WORD = compile_lazily(r"\w{1,100}")

# Invisible format characters that are never text (issue 14): bidirectional embeddings,
# overrides and isolates, the marks LRM, RLM and ALM, the zero-width joiner and
# non-joiner, the word joiner, and tag characters.  A run of them is one match.
_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_CONTROLS = compile_lazily(
    f"[{_BIDI_CONTROLS}\u200c-\u200f\u2060\u061c\U000e0000-\U000e007f]{{1,50}}"
)
CONTROL_CHARACTERS = (
    "".join(map(chr, range(0x202A, 0x202F)))
    + "".join(map(chr, range(0x2066, 0x206A)))
    + "\u200c\u200d\u200e\u200f\u2060\u061c"
    + "".join(map(chr, range(0xE0000, 0xE0080)))
)
"""Every character ``_CONTROLS`` matches (the rule's triggers, with the two above)."""
_NAMES = {
    "\u202a": "left-to-right embedding",
    "\u202b": "right-to-left embedding",
    "\u202c": "pop directional formatting",
    "\u202d": "left-to-right override",
    "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate",
    "\u2069": "pop directional isolate",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u2060": "word joiner",
    "\u061c": "Arabic letter mark",
}
# Right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo, ... and their
# presentation forms), where direction marks and isolates are typography.
_RTL = compile_lazily("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff]")
# Scripts whose shaping uses the joiners: Arabic (Persian, Urdu), Indic scripts,
# Sinhala, Tibetan, Myanmar, Khmer, Mongolian (and ZWJ in emoji sequences).
_JOINING = compile_lazily(
    "[\u0600-\u08ff\u0900-\u0dff\u0f00-\u109f\u1780-\u18af\ufb50-\ufdff\ufe70-\ufefc]"
)
_CONTEXT = 40
"""Characters either side of a control that decide whether it is typography."""


def _flag_tags(text: str, start: int) -> bool:
    """Whether tag characters at ``start`` follow U+1F3F4 (black flag) with tags only
    between: a subdivision flag (🏴 + `gbeng` + cancel tag is England's)."""
    index = start - 1
    while index >= 0 and "\U000e0000" <= text[index] <= "\U000e007f":
        index -= 1
    return index >= 0 and text[index] == "\U0001f3f4"


def _emoji(char: str) -> bool:
    """Pictographs, dingbats and their modifiers: what ZWJ joins in emoji sequences."""
    return (
        "\U0001f000" <= char <= "\U0001faff"
        or "\u2600" <= char <= "\u27bf"
        or "\u2300" <= char <= "\u23ff"
        or "\u2b00" <= char <= "\u2bff"
        or char in "\ufe0f\u20e3\u00a9\u00ae\u2122\u2640\u2642\u2695\u2696\u2708"
    )


class InvisibleCharacters(Rule):
    code = "NL306"
    name = "invisible-characters"
    summary = "Soft hyphens (U+00AD) and zero-width spaces (U+200B) inside words."
    explanation = """\
Soft hyphens and zero-width spaces are hints for line breaking in HTML; copied
into plain text they stay invisible but split words for search, tokenisers and
spell checkers (`Regierungs\\u00adsprecher` does not match `Regierungssprecher`).

The fix deletes them (safe for zero-width spaces; unsafe for soft hyphens,
which some publishers keep on purpose and hand-cleaned corpora keep too).
Zero-width spaces in Thai, Lao, Khmer or Myanmar text, where they mark word
boundaries, are never touched, nor a soft hyphen that is byte 0xAD of UTF-8
mojibake (`todavÃ\u00ada` is `todavía`): the encoding rules need it.

Invisible controls are reported too: bidirectional embeddings, overrides and
isolates (U+202A-U+202E, U+2066-U+2069: an override can make text read
differently from what it says), the direction marks LRM, RLM and ALM (U+200E,
U+200F, U+061C), the zero-width joiner and non-joiner (U+200D, U+200C), the
word joiner (U+2060) and tag characters (U+E0000-U+E007F).  Where they are
typography they stay: marks and isolates in Hebrew or Arabic text, the joiners
in Persian, Arabic and Indic scripts, ZWJ between emoji (`👩\\u200d💻`), tag
characters after the black flag of a subdivision flag (🏴 England).  Deleting
them is safe, except for direction controls in right-to-left text and for
joiners (a deliberate ligature break): unsafe."""
    bad = "Der Regierungs\u00adsprecher sagte, die Ver\u200bhandlungen gehen weiter."
    good = "Der Regierungssprecher sagte, die Verhandlungen gehen weiter."
    fields = ("title", "byline", "caption", "body")
    triggers = Triggers(chars="\u00ad\u200b" + CONTROL_CHARACTERS)
    fix_applicabilities = frozenset({Applicability.SAFE, Applicability.UNSAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for name, text in article.text_fields(self.fields):
            if not text.isascii():
                yield from self._controls(name, text)
            if "\u00ad" not in text and "\u200b" not in text:
                continue
            groups: list[list[tuple[int, int]]] = []
            for match in _INVISIBLE.finditer(text):
                start, end = match.span()
                if "\u00ad" in match.group() and in_utf8_mojibake(text, start, end):
                    continue  # byte 0xAD of mojibake (`todavÃ\xada`): its repair needs it
                if "\u200b" in match.group() and (
                    _NO_SPACE_SCRIPTS.match(text, start - 1) or _NO_SPACE_SCRIPTS.match(text, end)
                ):
                    continue
                if groups and _WORD.fullmatch(text, groups[-1][-1][1], start):
                    groups[-1].append((start, end))
                else:
                    groups.append([(start, end)])
            for group in groups:
                yield self._report(name, text, group)

    def _controls(self, name: str, text: str) -> Iterator[Diagnostic]:
        """Bidirectional and invisible controls, except where they are typography:
        marks and isolates in right-to-left text, joiners in the scripts that shape
        with them, ZWJ between emoji, tag characters after the black flag 🏴."""
        for match in _CONTROLS.finditer(text):
            start, end = match.span()
            run = match.group()
            around = text[max(0, start - _CONTEXT) : start] + text[end : end + _CONTEXT]
            before = text[start - 1] if start else ""
            after = text[end] if end < len(text) else ""
            rtl = _RTL.search(around) is not None
            kept = []
            for char in set(run):
                if char in "\u200e\u200f\u061c" or "\u2066" <= char <= "\u2069":
                    kept.append(rtl)  # marks and isolates: right-to-left typography
                elif char == "\u200d":
                    kept.append(
                        (_emoji(before) and _emoji(after)) or _JOINING.search(around) is not None
                    )
                elif char == "\u200c":
                    kept.append(_JOINING.search(around) is not None)
                elif "\U000e0000" <= char <= "\U000e007f":
                    kept.append(_flag_tags(text, start))
                else:
                    kept.append(False)
            if all(kept):
                continue
            yield self._report_controls(name, text, start, end, rtl)

    def _report_controls(self, name: str, text: str, start: int, end: int, rtl: bool) -> Diagnostic:
        run = text[start:end]
        kinds = sorted({_NAMES.get(char, "tag character") for char in run})
        what = ", ".join(kinds[:3]) + (", ..." if len(kinds) > 3 else "")
        codes = " ".join(f"U+{ord(char):04X}" for char in dict.fromkeys(run))
        bidi = any(char in _NAMES and char not in "\u200c\u200d\u2060" for char in run)
        # Deleting direction controls from right-to-left text may change how it reads:
        # left to --unsafe-fixes there; a joiner deleted may break a deliberate ligature.
        unsafe = (bidi and rtl) or "\u200c" in run or "\u200d" in run
        fix = Fix(
            "remove it" if end - start == 1 else "remove them",
            Applicability.UNSAFE if unsafe else Applicability.SAFE,
            (Edit(name, start, end, ""),),
        )
        context = shown(text[max(0, start - 15) : min(len(text), end + 15)], 40)
        message = f"invisible control character ({what}: {codes}) in '{context}'"
        return self.diagnostic(name, start, end, message, fix)

    def _report(self, name: str, text: str, group: list[tuple[int, int]]) -> Diagnostic:
        start, end = group[0][0], group[-1][1]
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
            start -= 1
        while end < len(text) and (text[end].isalnum() or text[end] == "_"):
            end += 1
        chars = set("".join(text[s:e] for s, e in group))
        kind = "soft hyphen" if chars == {"\u00ad"} else "zero-width space"
        if len(chars) > 1:
            kind = "soft hyphen and zero-width space"
        visible = text[start:end].replace("\u00ad", "\u2e31").replace("\u200b", "\u2e31")
        # Deleting a zero-width space is safe.  Soft hyphens are often kept in
        # hand-cleaned text (the benchmark's ground truth has them), so their
        # removal is left to --unsafe-fixes.
        applicability = Applicability.UNSAFE if "\u00ad" in chars else Applicability.SAFE
        fix = Fix(
            f"remove the {kind}",
            applicability,
            tuple(Edit(name, s, e, "") for s, e in group),
        )
        return self.diagnostic(name, start, end, f"{kind} inside the word '{shown(visible)}'", fix)
