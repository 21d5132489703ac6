"""Apply fixes: choose non-overlapping fixes, rewrite the text, lint again, repeat.

Fixes are planned in field coordinates and turned into edits of the document
text here, through each field's source span (escaping JSON as the file does).
The loop stops when nothing changes, or after ``MAX_PASSES``; if it does not
settle, the rules that kept changing the text are left out and the run starts
again from the original, so the result is always the last text that settled.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from newslint import jsonstr
from newslint.contract import contract_breach, contract_break
from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.document import Document
from newslint.engine import lint_document
from newslint.model import Article
from newslint.readers import Reader, TextEdit, parse_document
from newslint.rule import Rule

MAX_PASSES = 10


@dataclass(slots=True)
class FixOutcome:
    """What fixing one document did."""

    document: Document
    """The final document (the original one if nothing was applied)."""
    remaining: list[Diagnostic]
    fixed: list[Diagnostic] = field(default_factory=list)
    unsettled: tuple[str, ...] = ()
    """Codes of rules whose fixes kept changing the text; their fixes were not applied."""
    refused: str | None = None
    """Why no fix was applied, when applying them would have broken the file."""
    initial: int = 0
    """How many problems the document had before fixing."""
    demoted: list[tuple[Diagnostic, str]] = field(default_factory=list)
    """Safe fixes that broke the safe-fix contract (``contract_breach``) in the last pass,
    with the reason: they were treated as unsafe (their ``fix`` now says so)."""

    @property
    def changed(self) -> bool:
        return bool(self.fixed)


class Planner:
    """Turns one pass's diagnostics into a set of non-overlapping document edits."""

    def __init__(self, document: Document, reader: Reader) -> None:
        self.document = document
        self.reader = reader
        self.style = document.json_style if document.format != "txt" else None
        self.taken: list[TextEdit] = []
        """Edits taken so far, sorted by (start, end)."""
        self._bounds: list[tuple[int, int]] = []
        self.appends: dict[tuple[int, str], list[str]] = {}
        # Field edits taken, by (article, field, start) and (article, field, end): to tell
        # edits that touch.
        self._starting: dict[tuple[int, str, int], Edit] = {}
        self._ending: dict[tuple[int, str, int], Edit] = {}

    def source_edit(self, article: Article, edit: Edit) -> TextEdit | None:
        span = article.spans.get(edit.field)
        value = article.text(edit.field)
        if span is None or value is None or not 0 <= edit.start <= edit.end <= len(value):
            return None
        start = span.to_source(self.document.text, edit.start)
        end = span.to_source(self.document.text, edit.end)
        content = edit.content
        if span.kind == "json":
            content = jsonstr.encode(content, self.style or jsonstr.JsonStyle())
        return (start, end, content)

    def overlaps(self, edit: TextEdit) -> bool:
        """Whether ``edit`` conflicts with a taken edit.

        Taken edits never overlap, so sorted by (start, end) their ends are sorted
        too, and any conflict is with a neighbour of ``edit``'s sorted position: a
        binary search keeps planning O(n log n) for files with many fixes.
        """
        index = bisect.bisect_left(self._bounds, (edit[0], edit[1]))
        neighbours = self.taken[max(0, index - 2) : index + 2]
        return any(_overlap(edit, other) for other in neighbours)

    def _take(self, edit: TextEdit) -> None:
        index = bisect.bisect_left(self._bounds, (edit[0], edit[1]))
        self._bounds.insert(index, (edit[0], edit[1]))
        self.taken.insert(index, edit)

    def offer(self, diagnostic: Diagnostic) -> bool:
        """Take the diagnostic's fix if all of it can be applied with what is taken."""
        fix = diagnostic.fix
        if fix is None:
            return False
        article = self.document.articles[diagnostic.article_index]
        edits = [self.source_edit(article, edit) for edit in fix.edits]
        if any(edit is None for edit in edits):
            return False
        chosen = [edit for edit in edits if edit is not None]
        for index, edit in enumerate(chosen):
            if self.overlaps(edit) or any(_overlap(edit, other) for other in chosen[index + 1 :]):
                return False
        if any(self._glues(diagnostic.article_index, article, edit) for edit in fix.edits):
            return False
        for append in fix.appends:
            if (
                self.reader.append_edit(self.document, article, append.field, [append.value])
                is None
            ):
                return False
        for edit in chosen:
            self._take(edit)
        for field_edit in fix.edits:
            self._starting[(diagnostic.article_index, field_edit.field, field_edit.start)] = (
                field_edit
            )
            self._ending[(diagnostic.article_index, field_edit.field, field_edit.end)] = field_edit
        for append in fix.appends:
            self.appends.setdefault((diagnostic.article_index, append.field), []).append(
                append.value
            )
        return True

    def _glues(self, index: int, article: Article, edit: Edit) -> bool:
        """Whether ``edit`` and a taken edit that it touches would, applied together, join
        two lines where one of them deletes a line break because another stays: NL411
        deletes a link's first piece with the line break before it and NL201 the line break
        after it, and the line above would run into the link's second piece
        (`worriedite-collar-jobs/)`).  The second fix waits for the next pass, which lints
        the text the first one left.  (An edit next to a join that deletes no line break,
        NL101's `*` before the line break NL507 joins over, goes with it.)"""
        text = article.text(edit.field)
        if text is None:
            return False
        before = self._ending.get((index, edit.field, edit.start))
        after = self._starting.get((index, edit.field, edit.end))
        for first, second in ((before, edit), (edit, after)):
            if first is None or second is None:
                continue
            if not _joins(text, first.start, second.end, first.content + second.content):
                continue
            # A line break that one of them deletes relies on one the other deletes too.
            for one in (first, second):
                if (
                    "\n" in text[one.start : one.end]
                    and "\n" not in one.content
                    and not _joins(text, one.start, one.end, one.content)
                ):
                    return True
        return False

    def edits(self) -> list[TextEdit]:
        edits = list(self.taken)
        for (index, name), values in self.appends.items():
            append = self.reader.append_edit(
                self.document, self.document.articles[index], name, values
            )
            if append is not None and not self.overlaps(append):
                edits.append(append)
        return edits


def _joins(text: str, start: int, end: int, content: str) -> bool:
    """Whether replacing ``text[start:end]`` with ``content`` joins the line it starts in to
    the line it ends in: it removes every line break between two characters that are not
    line breaks."""
    return (
        start > 0
        and end < len(text)
        and "\n" in text[start:end]
        and "\n" not in content
        and text[start - 1] not in "\r\n"
        and text[end] not in "\r\n"
    )


def _overlap(a: TextEdit, b: TextEdit) -> bool:
    """Edits conflict if their ranges overlap (an insertion inside a range does), or if
    both insert at one point; an insertion at the boundary of a range does not."""
    return (a[0] < b[1] and b[0] < a[1]) or a[0] == a[1] == b[0] == b[1]


def apply_edits(text: str, edits: Sequence[TextEdit]) -> str:
    """Apply non-overlapping edits (document offsets) to ``text``."""
    pieces: list[str] = []
    position = 0
    for start, end, content in sorted(edits, key=lambda edit: (edit[0], edit[1])):
        pieces.append(text[position:start])
        pieces.append(content)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _fixable(diagnostic: Diagnostic, unsafe: bool, skip: frozenset[str]) -> bool:
    fix = diagnostic.fix
    return (
        fix is not None
        and diagnostic.code not in skip
        and (fix.applicability is Applicability.SAFE or unsafe)
    )


def _plan(
    document: Document,
    reader: Reader,
    diagnostics: list[Diagnostic],
    unsafe: bool,
    skip: frozenset[str],
    demoted: list[tuple[Diagnostic, str]] | None = None,
) -> tuple[list[TextEdit], list[Diagnostic]]:
    planner = Planner(document, reader)
    candidates = sorted(
        (
            d
            for d in diagnostics
            if _fixable(d, unsafe, skip) and _keeps_contract(document, d, unsafe, demoted)
        ),
        key=_extent,
    )
    chosen = [d for d in _contained_deletions_last(document, candidates) if planner.offer(d)]
    return planner.edits(), chosen


def _deletion(diagnostic: Diagnostic) -> tuple[int, str, int, int] | None:
    """(article, field, start, end) of an unsafe fix that only deletes one span, else None.
    A safe fix repairs what an unsafe one then judges (NL201 joins a wrapped url that NL411
    deletes whole): it keeps its place."""
    fix = diagnostic.fix
    if (
        fix is None
        or fix.applicability is Applicability.SAFE
        or fix.appends
        or len(fix.edits) != 1
        or fix.edits[0].content
    ):
        return None
    edit = fix.edits[0]
    return (diagnostic.article_index, edit.field, edit.start, edit.end)


def _block(document: Document, span: tuple[int, str, int, int]) -> bool:
    """Whether the deleted ``span`` starts a line and holds two line breaks or more: a
    block of lines, not a piece of one."""
    article, name, start, end = span
    text = document.articles[article].text(name) or ""
    return (start == 0 or text[start - 1 : start] == "\n") and text.count("\n", start, end) >= 2


def _contained_deletions_last(document: Document, candidates: list[Diagnostic]) -> list[Diagnostic]:
    """``candidates`` (narrow fixes first) with each unsafe deletion that an unsafe deletion
    of a block of whole lines contains moved to the end: deleting a cookie line (NL403)
    first would leave a footer (NL408) one line short of a block, and the footer's deletion
    takes that line anyway.  Offered last, a contained deletion still lands when the wider
    one cannot.  Deletions within a line keep their order (a link's pieces, NL411)."""
    spans = [(diagnostic, _deletion(diagnostic)) for diagnostic in candidates]
    blocks = [span for _, span in spans if span is not None and _block(document, span)]
    if not blocks:
        return candidates
    # A sweep over both, by start (blocks first at a tie, the widest first).
    events = sorted(
        [(*span, 0) for span in blocks] + [(*span, 1) for _, span in spans if span is not None],
        key=lambda event: (event[0], event[1], event[2], event[4], -event[3]),
    )
    contained: set[tuple[int, str, int, int]] = set()
    reach: tuple[int, str, int, int] | None = None  # the block reaching furthest so far
    for article, name, start, end, kind in events:
        span = (article, name, start, end)
        inside = reach is not None and reach[:2] == (article, name) and end <= reach[3]
        if kind == 1:
            if inside and reach != span:
                contained.add(span)
        elif not inside:
            reach = span
    if not contained:
        return candidates
    first = [d for d, span in spans if span is None or span not in contained]
    return first + [d for d, span in spans if span is not None and span in contained]


def _keeps_contract(
    document: Document,
    diagnostic: Diagnostic,
    unsafe: bool,
    demoted: list[tuple[Diagnostic, str]] | None,
) -> bool:
    """Whether the diagnostic's fix may be applied in this run: a safe fix that breaks
    the contract is demoted to unsafe (its ``fix`` is replaced), so only
    ``--unsafe-fixes`` applies it."""
    fix = diagnostic.fix
    if fix is None or fix.applicability is not Applicability.SAFE:
        return True
    reason = contract_breach(document.articles[diagnostic.article_index], diagnostic)
    if reason is None:
        return True
    diagnostic.fix = Fix(fix.message, Applicability.UNSAFE, fix.edits, fix.appends)
    if demoted is not None:
        demoted.append((diagnostic, reason))
    return unsafe


def _extent(diagnostic: Diagnostic) -> tuple[int, int, int]:
    """Narrow fixes first: a repair inside a paragraph lands before a fix that moves the paragraph."""
    edits = diagnostic.fix.edits if diagnostic.fix else ()
    if not edits:
        return (0, 0, diagnostic.article_index)
    start = min(edit.start for edit in edits)
    return (max(edit.end for edit in edits) - start, diagnostic.article_index, start)


def fix_document(
    document: Document,
    reader: Reader,
    rules: Sequence[Rule],
    unsafe: bool = False,
    skip: frozenset[str] = frozenset(),
) -> FixOutcome:
    """Fix ``document`` until it settles; never returns a text that fails to parse."""
    return _fix(document, reader, rules, unsafe, skip)


def _fix(
    document: Document, reader: Reader, rules: Sequence[Rule], unsafe: bool, skip: frozenset[str]
) -> FixOutcome:
    current = document
    fixed: list[Diagnostic] = []
    cache: dict[str, list[Diagnostic]] = {}
    diagnostics = lint_document(current, rules, cache)
    initial = len(diagnostics)
    for _ in range(MAX_PASSES):
        demoted: list[tuple[Diagnostic, str]] = []
        edits, chosen = _plan(current, reader, diagnostics, unsafe, skip, demoted)
        new_text = apply_edits(current.text, edits) if edits else current.text
        if new_text == current.text:
            return FixOutcome(current, diagnostics, fixed, initial=initial, demoted=demoted)
        candidate = parse_document(
            document.path,
            reader,
            new_text,
            document.bom,
            document.context,
            document.first_line,
        )
        if document.format != "txt":
            # The escaping style was read off the original file (or, for a chunk of a big
            # JSONL file, off the whole file): the rewritten text keeps it.
            candidate.preset_json_style(current.json_style)
        if len(candidate.errors) > len(document.errors) or len(candidate.articles) != len(
            document.articles
        ):
            reason = (
                candidate.errors[0].message
                if candidate.errors
                else "the number of articles changed"
            )
            return FixOutcome(
                document,
                lint_document(document, rules),
                refused=f"fixes not applied: they would make the file unreadable ({reason})",
                initial=initial,
            )
        fixed.extend(chosen)
        current = candidate
        diagnostics = lint_document(current, rules, cache)
    demoted = []
    edits, chosen = _plan(current, reader, diagnostics, unsafe, skip, demoted)
    if not edits:
        return FixOutcome(current, diagnostics, fixed, initial=initial, demoted=demoted)
    unsettled = frozenset(d.code for d in chosen)
    outcome = _fix(document, reader, rules, unsafe, skip | unsettled)
    outcome.unsettled = tuple(sorted(unsettled | set(outcome.unsettled)))
    return outcome


__all__ = [
    "FixOutcome",
    "Planner",
    "apply_edits",
    "contract_breach",
    "contract_break",
    "fix_document",
]
