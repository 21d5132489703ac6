"""NL406: a line of nothing but symbols or punctuation (`|`, `» »`, `• • •`) that is no section break."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from typing import ClassVar

from newslint.diagnostics import Diagnostic
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rules._boilerplate import CLOSERS, Line, LineRule, ends_sentence

# Symbols ("So") that are user-interface glyphs; other ones (emoji, ©, ®, box
# drawing) are content or tables and never make a line flaggable.
_UI_GLYPHS = frozenset("☰✕✖✗✘▶►◀◄▼▲▸◂▾▴")
# A line of three or more of one of these (spaces allowed) is a section break.
_BREAK_CHARS = frozenset("*-_=~")
_DASHES = frozenset("—–―")
_DOTS = frozenset(".…")
_TABLE_CHARS = frozenset("|+-:=")
_ANGLES = frozenset("<>«»")
# What a setext heading's underline and a table border in plain text are made of.
_RULE_CHARS = frozenset("=-")
# Emoticons are a writer's words, not debris: ":)", ": ))", "=)", ";-)", ":(", ">:(", "^_^".
_EMOTICON = compile_lazily(r"(?:>?[:;=][-'^o]?[()\[\]/\\|*{}]+|\^_*\^|[()]+-?[:;=])+")
# A lone dash or star that a writer puts between two sentences as a small section break.
_LONE_BREAKS = frozenset({"-", "*", "~", "•"})


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


def _symbol_text(line: str) -> str | None:
    """The line without whitespace and backslashes if it holds nothing but punctuation and
    symbols (user-interface glyphs among the ``So`` ones), else None."""
    text = line.strip()
    if not text or "[" in text or "]" in text:
        return None
    seen = False
    for char in text:
        if char.isspace():
            continue
        category = unicodedata.category(char)
        if category == "So" and char not in _UI_GLYPHS:
            return None
        if category[0] not in "PS" and category != "Co":
            return None
        seen = True
    if not seen:
        return None
    return "".join(text.split()).replace("\\", "")


def _evenly_spaced(line: str) -> bool:
    """Whether the line's runs between spaces are all as long (``* * *``, ``***``), unlike
    an empty list item with empty bold (``* **``)."""
    return len({len(run) for run in line.split()}) == 1


def is_symbol_line(line: str) -> bool:
    compact = _symbol_text(line)
    if compact is None:
        return False
    unheaded = compact.lstrip("#")  # "## ___" is a rule under a heading mark
    if unheaded and is_section_break(unheaded) and _evenly_spaced(line.replace("#", " ")):
        return False
    return not _is_markup(compact)


def is_separator_line(line: str) -> bool:
    """A section break or horizontal rule (``***``, ``* * *``, ``---``, ``___``, ``===``,
    ``~~~``, ``———``, ``—-``), possibly under a heading mark, that ``is_symbol_line`` keeps.

    Not an ellipsis (``...``, ``…``: omitted text), a lone dash (``—``) or a border of a
    table whose columns are runs of ``=`` or ``-`` (``=====  =====``).
    """
    compact = _symbol_text(line)
    if compact is None:
        return False
    unheaded = compact.lstrip("#")
    if len(unheaded) < 2 or not is_section_break(unheaded) or set(unheaded) <= _DOTS:
        return False
    if not _evenly_spaced(line.replace("#", " ")):
        return False
    runs = line.split()
    return not (len(runs) > 1 and len(runs[0]) > 1 and set(unheaded) <= _RULE_CHARS)


def _in_blockquote(line: Line) -> bool:
    """An empty line of a Markdown quote (``>`` between ``> ...`` lines) is the quote's, not debris."""
    return any(
        other is not None and other.lstrip().startswith(">") for other in (line.previous, line.next)
    )


def _ends_sentence(text: str | None) -> bool:
    return text is not None and (ends_sentence(text) or text.rstrip(CLOSERS).endswith(":"))


def _between_sentences(line: Line) -> bool:
    """A lone ``-`` or ``*`` between two lines that end sentences (a caption and the next
    paragraph, two paragraphs) is a writer's small section break; in a menu or list its
    neighbours are items, which end no sentence."""
    return _ends_sentence(line.previous) and _ends_sentence(line.next)


def _underlines_or_borders(line: Line) -> bool:
    """A separator that is markup of its neighbours: the underline of a setext heading (``=``
    or ``-`` right under a line of text) or a border of a table (a neighbour holds ``|``)."""
    if any(other is not None and "|" in other for other in (line.previous, line.next)):
        return True
    previous = line.previous
    return (
        previous is not None
        and set(line.text.split()[0]) <= _RULE_CHARS
        and any(char.isalnum() for char in previous)
    )


# An opening or closing fence of a Markdown code block: three or more backticks or tildes.
_FENCE = compile_lazily(r"^[ ]{0,3}(`{3,}|~{3,})[^\n]*", re.MULTILINE)


def fenced_blocks(body: str) -> list[tuple[int, int]]:
    """(start, end) of each fenced code block of ``body``, fences included.

    A fence is a line of three or more backticks or tildes (an info string may follow
    the opening one); it is closed by the next line of nothing but as many or more of
    the same character.  A fence that nothing closes opens no block (a lone ``~~~`` is a
    section break).  Linear: whether a fence is closed is known from one backward pass.
    """
    fences = []
    for match in _FENCE.finditer(body):
        marks = match.group(1)
        bare = not match.group(0).strip().strip(marks[0])
        fences.append((match.start(), match.end(), marks[0], len(marks), bare))
    closable = [False] * len(fences)
    longest_after = {"`": 0, "~": 0}  # the longest bare fence of each character seen so far
    for index in range(len(fences) - 1, -1, -1):
        _, _, char, length, bare = fences[index]
        closable[index] = longest_after[char] >= length
        if bare:
            longest_after[char] = max(longest_after[char], length)
    blocks = []
    index = 0
    while index < len(fences):
        start, _, char, length, _ = fences[index]
        if not closable[index]:
            index += 1
            continue
        index += 1
        while not (fences[index][2] == char and fences[index][4] and fences[index][3] >= length):
            index += 1
        blocks.append((start, fences[index][1]))
        index += 1
    return blocks


class SymbolLine(LineRule):
    code = "NL406"
    name = "symbol-only-line"
    summary = "A line of nothing but symbols or punctuation (`|`, `» »`, `• • •`, `>>`, `--`)."
    explanation = """\
Separators of menus and breadcrumbs (`|`, `» »`, `•`), empty list items (`*`,
`-`, `* **`), empty quotes (`>`) and close buttons (`×`, `☰`) survive text
extraction as lines with no word in them.

A line made only of punctuation and symbols is flagged, except what a writer
uses on purpose: section breaks (three or more of `*`, `-`, `_`, `=`, `~`,
evenly spaced or not: `***`, `* * *`, `---`, and runs of em or en dashes:
`———`, `—-`), a lone em or en dash (`—`, also as a dateline's separator), a
lone `-`, `*`, `~` or `•` between two lines that end sentences (a blogger's
small section break: in a menu its neighbours are items, which end none),
emoticons (`:)`, `: ))`, `=)`, `;-)`) and an ellipsis marking omitted text
(`...`, `…`).  Lines with emoji or other
pictographic symbols, `©`, box drawing, table borders or rows (`| --- |`,
`| |`), remnants of HTML tags (`">`) and Markdown brackets (`[]`), left to the
Markdown and HTML rules, are never flagged; nor is an empty line inside a
Markdown quote (`>` between `> ...` lines).

Section breaks are kept by default because writers type them (wire copy
separates the entries of a live story with `___`, essays their parts with
`* * *`) and hand-cleaned text keeps them.  Where they are debris, as the
horizontal rules (`<hr>`) that HTML-to-Markdown converters write out as
`* * *`, `---` or `___`, set the `flag-section-breaks` option: every section
break is then flagged too, except a line of `=` or `-` right under a line of
text (a setext heading's underline, Markdown heading markup), a border of a
table (`=====  =====`, or next to a line holding `|`), a fence or a line
inside a fenced code block, a lone dash and an ellipsis.  The fix deletes the
line with its line break; it is unsafe because it deletes text."""
    bad = "The ferry resumed service on Monday.\n\n» »\n\nPassengers returned."
    good = "The ferry resumed service on Monday.\n\nPassengers returned."
    kind = "symbol-only line"
    max_length = 200
    # Only characters that ``\w`` does not take for a letter or digit (and ``_``): a
    # superset of the punctuation, symbols and spaces that the rule accepts.
    head_pattern = r"[\W_]*\Z"

    options: ClassVar[dict[str, str]] = {
        "flag-section-breaks": "flag section breaks and horizontal rules too "
        "(`***`, `* * *`, `---`, `___`, `===`, `———`)"
    }
    flag_section_breaks: bool = False

    def match(self, line: str) -> bool:
        return is_symbol_line(line) or (self.flag_section_breaks and is_separator_line(line))

    def match_line(self, line: Line) -> bool:
        if line.text.lstrip().startswith(">") and _in_blockquote(line):
            return False
        compact = "".join(line.text.split())
        if _EMOTICON.fullmatch(compact):
            return False
        if compact in _LONE_BREAKS and _between_sentences(line):
            return False
        if self.flag_section_breaks and not is_symbol_line(line.text):
            return not _underlines_or_borders(line)  # a section break
        return True

    def check(self, article: Article) -> Iterator[Diagnostic]:
        found = super().check(article)
        body = article.body
        if not (self.flag_section_breaks and body and ("```" in body or "~~~" in body)):
            yield from found
            return
        blocks = fenced_blocks(body)
        starts = [start for start, _ in blocks]
        for diagnostic in found:
            cut = body[diagnostic.start : diagnostic.end]
            at = diagnostic.start + len(cut) - len(cut.lstrip())
            index = bisect.bisect_right(starts, at) - 1
            if index >= 0 and at < blocks[index][1] and is_separator_line(cut):
                continue  # a rule (or a fence) in a code block is code
            yield diagnostic
