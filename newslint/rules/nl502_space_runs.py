"""NL502: two or more spaces between words inside a line."""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic
from newslint.lazy_re import compile_lazily
from newslint.model import Article, paragraph_spans
from newslint.rule import Rule, Triggers
from newslint.rules._whitespace import TEXT, shown

# A run of spaces between two non-space characters (so never indentation, never
# trailing whitespace); the lookbehind makes each run one linear attempt.  It follows
# the literal two spaces (and includes them) so that the regex engine can skip ahead.
_RUN = compile_lazily(r"  (?<=[^\s]  ) *(?=[^\s])")
# Typewriter style: exactly two spaces after the end of a sentence.
_SENTENCE_END = compile_lazily(r"[.!?:][\"'”’»)\]]?\Z")
# What may precede a run at the start of a line: a list bullet, a number, a heading mark.
_MARKER = compile_lazily(
    r"[ \t]*(?:(?:[-*+•·–—>]|\d{1,3}[.)]|[a-z][.)]|#{1,6})[ \t]+){0,3}"
    r"(?:[-*+•·–—>]|\d{1,3}[.)]|[a-z][.)]|#{1,6})\Z",
    re.IGNORECASE,
)
_TABLE_CHARACTERS = frozenset("|│┃¦\t")
_LINE = compile_lazily(r"[^\r\n]+")
_START = operator.itemgetter(0)


class SpaceRuns(Rule):
    code = "NL502"
    name = "space-runs"
    summary = "Two or more spaces between words inside a line (`Turner   Newall`)."
    explanation = """\
Removed links, icons and inline elements leave runs of spaces between words:
`Turner   Newall`, `reported by  Jane Doe`.  The fix collapses the run to one
space, which is always safe: it removes nothing but whitespace.

Never flagged: indentation at the start of a line, the spaces after a list
bullet or a heading mark (`-  item`), exactly two spaces after the end of a
sentence (the typewriter convention `done.  The`, a style rather than damage;
three or more are flagged), and aligned text: a line with two or more runs one of which is
longer than two spaces, a line with a table rule (`|`, `│`) or a tab, or any line of a block in which two or
more lines have runs (columns of a table, a score sheet)."""
    bad = "The merger of Turner   Newall and Federal-Mogul was announced on Monday."
    good = "The merger of Turner Newall and Federal-Mogul was announced on Monday."
    fields = TEXT
    triggers = Triggers(literals=("  ",))
    fix_applicabilities = frozenset({Applicability.SAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        for name, text in article.text_fields(self.fields):
            if "  " not in text:
                continue
            # The text's runs in one C-level scan, then grouped by paragraph: most
            # paragraphs with two spaces have no run (indentation, trailing spaces).  A
            # run lies inside one paragraph (it has no line break and a non-space on
            # either side, and breaks are whitespace), and is the run that the
            # paragraph's own scan finds (its lookarounds stop at non-spaces inside).
            runs = list(_RUN.finditer(text))
            if not runs:
                continue
            spans = paragraph_spans(text)
            index = 0
            while index < len(runs):
                where = bisect.bisect_right(spans, runs[index].start(), key=_START) - 1
                start, end, _ = spans[where]
                last = index + 1
                while last < len(runs) and runs[last].start() < end:
                    last += 1
                yield from self._block(name, text, start, end, runs[index:last])
                index = last

    def _block(
        self, name: str, text: str, start: int, end: int, runs: list[re.Match[str]]
    ) -> Iterator[Diagnostic]:
        # The paragraph's runs (``runs``: never empty); then the line of the first one,
        # found from its position, not by reading every line.
        first = runs[0].start()
        line_start = max(text.rfind("\n", start, first), text.rfind("\r", start, first)) + 1
        line = _LINE.search(text, max(line_start, start), end)
        if line is None or runs[-1].end() > line.end():
            return  # aligned columns over several lines
        if _TABLE_CHARACTERS.intersection(line.group()):
            return
        if len(runs) > 1 and any(len(run.group()) > 2 for run in runs):
            return  # columns: `Name     Age   City`
        for run in runs:
            before = text[line.start() : run.start()]
            if _MARKER.fullmatch(before):
                continue
            if len(run.group()) == 2 and _SENTENCE_END.search(before[-3:]):
                continue
            yield self._report(name, text, line, run)

    def _report(self, name: str, text: str, line: re.Match[str], run: re.Match[str]) -> Diagnostic:
        context = text[max(line.start(), run.start() - 25) : min(line.end(), run.end() + 25)]
        return self.diagnostic(
            name,
            run.start(),
            run.end(),
            f"{len(run.group())} spaces in a row: '{shown(context)}'",
            self.replacement(name, run.start(), run.end(), " ", "collapse the spaces to one"),
        )
