"""NL601: a long paragraph repeated later in the body."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import ClassVar

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.model import Article
from newslint.rule import Rule, Triggers
from newslint.rules._structure import cut_span, letters, normalise, paragraphs, shown

_CLOSERS = " \"'”’»)]*_"


class DuplicateParagraph(Rule):
    code = "NL601"
    name = "duplicate-paragraph"
    summary = "A long paragraph repeated word for word later in the body."
    explanation = """\
Extractors that walk a page twice (the article and its AMP or print copy, a
caption shown in a gallery and again under the photo, a slideshow) leave whole
paragraphs twice in the body.

Only long paragraphs are compared (at least `min_length` characters, with
whitespace collapsed, and mostly letters): short lines such as `Advertisement`,
`Photo: AP`, a speaker's name in a transcript, a refrain or a section mark
legitimately recur, and boilerplate rules deal with the junk among them.
A copy shorter than `min_isolated_length` is flagged only when it follows its
original directly or sits in a repeated run of paragraphs: a bill's long title
quoted twice, or a slogan closing a speech, is repeated by its author.  A
question is never flagged either: interviews ask every guest the same question.  The safe fix deletes each later copy with its separator and keeps the
first one, so no text is lost."""
    bad = "The council approved the budget after a four-hour debate on Tuesday night, 7 votes to 2.\n\n(the same paragraph again)"
    good = (
        "The council approved the budget after a four-hour debate on Tuesday night, 7 votes to 2."
    )
    fields = ("body",)
    triggers = Triggers(patterns=(r"\n[ \t]*\r?\n",))
    fix_applicabilities = frozenset({Applicability.SAFE})
    min_length: ClassVar[int] = 80
    """Paragraphs shorter than this (whitespace collapsed) are never compared."""
    min_isolated_length: ClassVar[int] = 200
    """A shorter copy must follow its original or sit in a repeated run of paragraphs."""

    def check(self, article: Article) -> Iterator[Diagnostic]:
        body = article.body
        if not body or len(body) < 2 * self.min_length:
            return
        items = paragraphs(body)
        # Fast path: a long paragraph and its copy (equal once whitespace is collapsed)
        # are both long before it is collapsed, and have the same first and last words.
        # Only paragraphs that share them with another need collapsing to tell whether a
        # long paragraph occurs twice.
        # (A paragraph of whitespace alone collapses to "": never long, never grouped.)
        texts = [text for _, _, text in items if len(text) >= self.min_length]
        if len(texts) < 2:
            return
        ends = [(w[0], t.rsplit(None, 1)[-1]) if (w := t.split(None, 1)) else None for t in texts]
        groups = Counter(ends)
        if len(groups) == len(ends):
            return  # every paragraph's ends differ (or it is blank and alone)
        shared = [
            normalise(text)
            for text, key in zip(texts, ends, strict=True)
            if key is not None and groups[key] > 1
        ]
        long_keys = [key for key in shared if len(key) >= self.min_length]
        if len(set(long_keys)) == len(long_keys):
            return  # no long paragraph occurs twice
        keys = [normalise(text) for _, _, text in items]
        # A long paragraph that occurs once is never reported, and what the loop records
        # for it (its first index, the pairs it starts) is only looked up when it recurs:
        # skipping it (and its letter count, the loop's costliest test) changes nothing.
        occurrences = Counter(key for key in keys if len(key) >= self.min_length)
        first: dict[str, int] = {}
        # (paragraph, its neighbour) for every copy seen so far: a later copy with the
        # same neighbour belongs to a repeated run of paragraphs.
        before: set[tuple[str, str]] = set()
        after: set[tuple[str, str]] = set()
        for index, key in enumerate(keys):
            if len(key) < self.min_length or occurrences[key] < 2:
                continue
            previous = keys[index - 1] if index > 0 else None
            following = keys[index + 1] if index + 1 < len(keys) else None
            original = first.get(key)
            if original is None:
                if letters(key) * 2 < len(key) or key.rstrip(_CLOSERS).endswith(("?", "？")):
                    continue
                first[key] = index
            in_run = previous == key or (key, previous) in before or (key, following) in after
            if previous is not None:
                before.add((key, previous))
            if following is not None:
                after.add((key, following))
            if original is None:
                continue
            if len(key) < self.min_isolated_length and not in_run:
                continue
            cut_start, cut_end = cut_span(items, index)
            fix = Fix(
                "remove the repeated paragraph",
                Applicability.SAFE,
                (Edit("body", cut_start, cut_end, ""),),
            )
            yield self.diagnostic(
                "body",
                cut_start,
                cut_end,
                f"paragraph {index + 1} repeats paragraph {original + 1}: '{shown(key)}'",
                fix,
            )
