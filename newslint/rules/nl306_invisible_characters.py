"""NL306: soft hyphens and zero-width spaces inside words."""

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
Zero-width joiners and non-joiners (U+200D, U+200C),
which shape Persian, Hindi and emoji, are never touched, nor zero-width spaces
in Thai, Lao, Khmer or Myanmar text, where they mark word boundaries, nor a
soft hyphen that is byte 0xAD of UTF-8 mojibake (`todavÃ\u00ada` is `todavía`):
the encoding rules need it to repair the word."""
    bad = "Der Regierungs\u00adsprecher sagte, die Ver\u200bhandlungen gehen weiter."
    good = "Der Regierungssprecher sagte, die Verhandlungen gehen weiter."
    fields = ("title", "byline", "caption", "body")
    triggers = Triggers(chars="\u00ad\u200b")
    fix_applicabilities = frozenset({Applicability.SAFE, Applicability.UNSAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for name, text in article.text_fields(self.fields):
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
