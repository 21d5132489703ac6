"""NL406: a line of nothing but symbols or punctuation (`|`, `» »`, `• • •`) that is no section break."""

from __future__ import annotations

import unicodedata

from newslint.rules._boilerplate import Line, LineRule

# Symbols ("So") that are user-interface glyphs; other ones (emoji, ©, ®, box
# drawing) are content or tables and never make a line flaggable.
_UI_GLYPHS = frozenset("☰✕✖✗✘▶►◀◄▼▲▸◂▾▴")
# A line of three or more of one of these (spaces allowed) is a section break.
_BREAK_CHARS = frozenset("*-_=~")
_DASHES = frozenset("—–―")
_DOTS = frozenset(".…")
_TABLE_CHARS = frozenset("|+-:=")
_ANGLES = frozenset("<>«»")


def is_section_break(compact: str) -> bool:
    """``***``, ``* * *``, ``---``, ``___``, ``===``, and em or en dashes (``—``, ``—-``)."""
    chars = set(compact)
    if len(compact) >= 3 and len(chars) == 1 and compact[0] in _BREAK_CHARS:
        return True
    if chars <= _DASHES | {"-"} and (len(compact) >= 3 or chars & _DASHES):
        return True  # "—", "—-", "– – –", "---"; but "-" and "--" are list or arrow debris
    # An ellipsis marks omitted text: "...", ". . .", "…".
    return chars <= _DOTS and (len(compact) >= 3 or "…" in chars)


def _is_markup(compact: str) -> bool:
    """Table borders and rows (``| --- |``, ``+---+``, ``| |``) and tag remnants (``">``, ``/>``).

    They belong to the Markdown table and HTML tag rules.
    """
    if set(compact) <= _TABLE_CHARS and ("---" in compact or "===" in compact):
        return True
    if len(compact) >= 2 and compact[0] == "|" and compact[-1] == "|":
        return True
    return ("<" in compact or ">" in compact) and not set(compact) <= _ANGLES


def is_symbol_line(line: str) -> bool:
    text = line.strip()
    if not text or "[" in text or "]" in text:
        return False
    seen = False
    for char in text:
        if char.isspace():
            continue
        category = unicodedata.category(char)
        if category == "So" and char not in _UI_GLYPHS:
            return False
        if category[0] not in "PS" and category != "Co":
            return False
        seen = True
    if not seen:
        return False
    compact = "".join(text.split()).replace("\\", "")
    unheaded = compact.lstrip("#")  # "## ___" is a rule under a heading mark
    return not ((unheaded and is_section_break(unheaded)) or _is_markup(compact))


def _in_blockquote(line: Line) -> bool:
    """An empty line of a Markdown quote (``>`` between ``> ...`` lines) is the quote's, not debris."""
    return any(
        other is not None and other.lstrip().startswith(">") for other in (line.previous, line.next)
    )


class SymbolLine(LineRule):
    code = "NL406"
    name = "symbol-only-line"
    summary = "A line of nothing but symbols or punctuation (`|`, `» »`, `• • •`, `>>`, `--`)."
    explanation = """\
Separators of menus and breadcrumbs (`|`, `» »`, `•`), empty list items (`*`,
`-`), empty quotes (`>`) and close buttons (`×`, `☰`) survive text extraction as
lines with no word in them.

A line made only of punctuation and symbols is flagged, except what a writer
uses on purpose: section breaks (three or more of `*`, `-`, `_`, `=`, `~`,
spaced or not: `***`, `* * *`, `---`), a lone em or en dash (`—`, also as a
dateline's separator), and an ellipsis marking omitted text (`...`, `…`).
Lines with emoji or other pictographic symbols, `©`, box drawing, table
borders or rows (`| --- |`, `| |`), remnants of HTML tags (`">`) and Markdown
brackets (`[]`), left to the Markdown and HTML rules, are never flagged; nor is
an empty line inside a Markdown quote (`>` between `> ...` lines).  The fix deletes the line with its line break; it is unsafe because
it deletes text."""
    bad = "The ferry resumed service on Monday.\n\n» »\n\nPassengers returned."
    good = "The ferry resumed service on Monday.\n\nPassengers returned."
    kind = "symbol-only line"
    max_length = 200
    # Only characters that ``\w`` does not take for a letter or digit (and ``_``): a
    # superset of the punctuation, symbols and spaces that the rule accepts.
    head_pattern = r"[\W_]*\Z"

    def match(self, line: str) -> bool:
        return is_symbol_line(line)

    def match_line(self, line: Line) -> bool:
        return not (line.text.lstrip().startswith(">") and _in_blockquote(line))
