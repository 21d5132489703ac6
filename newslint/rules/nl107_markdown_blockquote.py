"""NL107: Markdown blockquote markers (``> quote``, ``> > nested``) at the start of body lines."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._markup import shorten

# A '>' that a quote line could start with: after a line break and at most three spaces
# or tabs (one lookbehind per width, as ``re`` wants).  The regex engine skips from '>'
# to '>'; the first line, which no line break precedes, is looked at apart.
_QUOTE_GT = compile_lazily(
    r">(?:(?<=\n>)|(?<=\n[ \t]>)|(?<=\n[ \t][ \t]>)|(?<=\n[ \t][ \t][ \t]>))"
)
# The markers of one line: '>', '> >', '>>', '>  >'.  Matched at a '>' and within the
# line only; each repetition takes a '>', so a failed one backtracks over one run of
# spaces, once per line.
_MARKERS = compile_lazily(r">(?:[ \t]*>)*")
# Quote text that reads as a comparison or a quantity: `> 50 km`, `> -3 C`, `> $5m`.
_NUMBER = compile_lazily(r"[-+\u2212\u2013~\u2248\u00b1$\u20ac\u00a3\u00a5]?\d")
# What starts a line that looks like a marker but is not one: a comparison (`>= 5`), the
# end of an HTML tag before another (`><img`: NL102's), a REPL prompt or chevrons (`>>>`).
_NOT_A_MARKER = (">=", "><", ">>>")
# The end of an e-mail's attribution line (`On Monday, Jane wrote:`, `Am Montag schrieb
# Anna:`): a quote below it is the letter's own quoting, part of the reproduced text.
_ATTRIBUTION = compile_lazily(
    r"(?i)(?:\bwrote|\bwrites|\bschrieb(?:[ \t]+[^ \t:]{1,40})?|\ba écrit|\bescribió"
    r"|\bha scritto|\bschreef"
    r"|\bнаписал[аи]?|\bпишет)[ \t]*:[ \t]*$"
)


@dataclass(frozen=True, slots=True)
class QuoteLine:
    """A body line that starts with blockquote markers."""

    start: int
    """Offset of the line's first character (indentation included)."""
    marker: int
    """Offset of its first '>'."""
    cut: int
    """Offset after its markers and the one space or tab after them: the fix deletes
    ``marker:cut``."""
    end: int
    """Offset after its last character (a trailing ``\\r`` excluded)."""
    newline: int
    """Offset of the line break that ends it (the field's length for the last line)."""
    text: str
    """What follows the markers, without leading and trailing whitespace."""
    prose: bool
    """Whether it quotes words: a space after the markers, then no number."""


class MarkdownBlockquote(Rule):
    code = "NL107"
    name = "markdown-blockquote"
    summary = "Markdown blockquote markers (`> quote`, `> > nested`) at the start of body lines."
    explanation = """\
HTML-to-Markdown converters write `<blockquote>` as lines starting with `> `
(`> > ` or `>> ` when nested).  In plain text the markers are noise in front of
a quote, an embedded post or a pull quote.

One problem is reported per quote, that is per run of consecutive lines that
start with markers, not per line: a converter writes one quote over many
lines (it wraps long ones and marks empty lines inside with a bare `>`), and it
is one artefact.  The fix deletes each line's markers and the one space after
them, and keeps every word, the empty lines inside the quote included.

A run is flagged only if one of its lines has the converter's `> ` followed by
text that is not a number: a line such as `> 50 km` or `>5 years` alone is a
comparison, and `>Text` without a space is how people quote by hand in
comments and mail (inside a flagged run both lose their markers too).  Never
flagged: `>` inside a line (`A -> B`, `x > 3`), `>=`, `><` (the end of an
HTML tag), `>>>` (a prompt or chevrons), `&gt;` (NL304's), lines of bare
markers with no quote text (NL406 reports symbol-only lines), lines indented by
four or more spaces, and a quote below an e-mail's attribution line
(`On Monday, Jane wrote:`), which is the letter's own quoting."""
    bad = (
        "The minister replied in writing.\n\n"
        "> We will publish the report in March.\n"
        ">\n"
        "> Nothing has been decided yet.\n\n"
        "The opposition was not convinced."
    )
    good = (
        "The minister replied in writing.\n\n"
        "We will publish the report in March.\n"
        "\n"
        "Nothing has been decided yet.\n\n"
        "The opposition was not convinced."
    )
    fields = ("body",)
    # Every flagged run has a line with '>', spaces or tabs, then a character that is no
    # space, digit or '>' (``_parse``'s prose line).  No trigger can say "at a line
    # start" (patterns take no anchors) and the body's first line has no line break
    # before it, so the pattern is looked for anywhere: it also lets the rule run on
    # `x > y` and on HTML (`<b> text`), where the rule's own scan then finds nothing.
    triggers = Triggers(patterns=(r">[ \t]+[^ \t\r\n0-9>]",))
    fix_applicabilities = frozenset({Applicability.SAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for field, text in article.text_fields(self.fields):
            if ">" not in text:
                continue
            for block in quote_blocks(text):
                if any(line.prose for line in block) and not _below_attribution(text, block):
                    yield self._report(field, block)

    def _report(self, field: str, block: list[QuoteLine]) -> Diagnostic:
        edits = tuple(Edit(field, line.marker, line.cut, "") for line in block)
        fix = Fix("remove the blockquote markers", Applicability.SAFE, edits)
        first = next(line for line in block if line.prose)
        quoted = shorten(first.text, 40)
        if len(block) == 1:
            message = f"Markdown blockquote marker before '{quoted}'"
        else:
            message = f"Markdown blockquote markers on {len(block)} lines, from '{quoted}'"
        return self.diagnostic(field, block[0].marker, block[-1].end, message, fix)


def quote_blocks(text: str) -> Iterator[list[QuoteLine]]:
    """Runs of consecutive lines that start with blockquote markers, in order."""
    block: list[QuoteLine] = []
    for line in quote_lines(text):
        if block and line.start != block[-1].newline + 1:
            yield block
            block = []
        block.append(line)
    if block:
        yield block


def quote_lines(text: str) -> Iterator[QuoteLine]:
    """The lines of ``text`` whose first character after up to three spaces or tabs is a
    '>' that starts markers (not `>=`, `><` or `>>>`).

    Each line is read once: _QUOTE_GT finds at most one '>' per line, and ``_parse``
    reads that line only.
    """
    prefix = text[:4]
    head = prefix.lstrip(" \t")
    if head.startswith(">"):
        line = _parse(text, 0, len(prefix) - len(head))
        if line is not None:
            yield line
    for gt in _QUOTE_GT.finditer(text):
        marker = gt.start()
        line = _parse(text, text.rfind("\n", 0, marker) + 1, marker)
        if line is not None:
            yield line


def _parse(text: str, start: int, marker: int) -> QuoteLine | None:
    if text.startswith(_NOT_A_MARKER, marker):
        return None
    newline = text.find("\n", marker)
    if newline < 0:
        newline = len(text)
    end = newline - 1 if newline > marker and text[newline - 1] == "\r" else newline
    markers_end = _MARKERS.match(text, marker, end)
    assert markers_end is not None  # text[marker] is '>'
    after = markers_end.end()
    rest = text[after:end]
    quoted = rest.lstrip(" \t")
    spaced = len(quoted) < len(rest)
    quoted = quoted.rstrip()
    prose = spaced and bool(quoted) and not quoted[0].isspace() and not _NUMBER.match(quoted)
    cut = after + 1 if spaced else after
    return QuoteLine(start, marker, cut, end, newline, quoted, prose)


def _below_attribution(text: str, block: list[QuoteLine]) -> bool:
    """Whether the quote's first line, or the last non-blank line above it (one blank
    line may come between), ends like an e-mail's attribution (`Jane wrote:`)."""
    if _ATTRIBUTION.search(block[0].text[-80:]):
        return True
    position = block[0].start
    for _ in range(2):
        if position == 0:
            return False
        line_start = text.rfind("\n", 0, position - 1) + 1
        line = text[line_start : position - 1].rstrip()
        if line.strip():
            return _ATTRIBUTION.search(line[-80:]) is not None
        position = line_start
    return False
