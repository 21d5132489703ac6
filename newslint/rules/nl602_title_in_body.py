"""NL602: the title repeated as the first paragraph of the body."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.model import Article
from newslint.rule import Rule
from newslint.rules._structure import comparable, cut_span, paragraphs, shown


class TitleInBody(Rule):
    code = "NL602"
    name = "title-in-body"
    summary = "The title repeated as the first paragraph of the body."
    explanation = """\
Extractors that take everything under the article element keep the headline
as the body's first paragraph, so the title is read twice and counted as text.

The paragraph is compared with the title with whitespace collapsed, case
folded and outer quotes and final punctuation ignored.  A body whose only
paragraph is the title is not flagged (removing it would leave nothing; the
body is missing rather than damaged), nor is a first paragraph that merely
starts like the title.  The fix deletes the paragraph; it is unsafe, since a
lead sentence may coincide with a headline on purpose."""
    bad = (
        "Title: Council approves budget\nBody: Council approves budget\n\nThe council voted 7-2 ..."
    )
    good = "Title: Council approves budget\nBody: The council voted 7-2 ..."
    fields = ("title", "body")
    fix_applicabilities = frozenset({Applicability.UNSAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        title, body = article.title, article.body
        if not title or not body:
            return
        wanted = comparable(title)
        if not wanted:
            return
        items = paragraphs(body)
        if len(items) < 2 or comparable(items[0][2]) != wanted:
            return
        cut_start, cut_end = cut_span(items, 0)
        fix = Fix(
            "remove the repeated title",
            Applicability.UNSAFE,
            (Edit("body", cut_start, cut_end, ""),),
        )
        yield self.diagnostic(
            "body",
            cut_start,
            cut_end,
            f"the body starts with the title: '{shown(items[0][2])}'",
            fix,
        )
