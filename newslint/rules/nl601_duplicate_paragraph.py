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
question is never flagged either: interviews ask every guest the same question.

The fix deletes each later copy with its separator and keeps the first one.  It
is safe only when the copy is next to its previous occurrence: the block of
repeated paragraphs around it follows the original block directly or with at most
three paragraphs between (`A A`, `A caption credit ad A`, a whole article
repeated right after itself).  A copy farther away may be the author's own repetition (a
meal plan that lists its recipe lines again at the end, a quote repeated in a
summary), so its fix is unsafe: review it, or run `--fix --unsafe-fixes`."""
    bad = "The council approved the budget after a four-hour debate on Tuesday night, 7 votes to 2.\n\n(the same paragraph again)"
    good = (
        "The council approved the budget after a four-hour debate on Tuesday night, 7 votes to 2."
    )
    fields = ("body",)
    triggers = Triggers(patterns=(r"\n[ \t]*\r?\n",))
    fix_applicabilities = frozenset({Applicability.SAFE, Applicability.UNSAFE})
    min_length: ClassVar[int] = 80
    """Paragraphs shorter than this (whitespace collapsed) are never compared."""
    min_isolated_length: ClassVar[int] = 200
    """A shorter copy must follow its original or sit in a repeated run of paragraphs."""
    max_gap: ClassVar[int] = 3
    """How many paragraphs may stand between a copied block and its original for the fix
    to be safe; a copy farther away gets an unsafe fix."""

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
        latest: dict[str, int] = {}
        near = _Nearness(keys, self.max_gap)
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
            previous_copy = latest.get(key)
            latest[key] = index
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
            assert previous_copy is not None  # set with ``first``
            if near(index, index - previous_copy):
                applicability, where = Applicability.SAFE, ""
            else:
                applicability, where = Applicability.UNSAFE, " (far from it: review)"
            fix = Fix(
                "remove the repeated paragraph",
                applicability,
                (Edit("body", cut_start, cut_end, ""),),
            )
            yield self.diagnostic(
                "body",
                cut_start,
                cut_end,
                f"paragraph {index + 1} repeats paragraph {original + 1}{where}: '{shown(key)}'",
                fix,
            )


class _Nearness:
    """Whether a copy is next to its previous occurrence: the copied block it sits in
    (the paragraphs around it that repeat those around the original, at the same
    distance) follows the original block with at most ``max_gap`` paragraphs between.

    ``A A``, ``A x y z A`` and ``A B C A B C`` are near; ``A B C v w x y A B C`` and a
    recipe line quoted again ten paragraphs on are not.  (In the hand-cleaned gold texts
    of the shared benchmarks, the nearest repeat an author made has seven paragraphs
    between; extractors' copies mostly have none.)  Each block is walked once per distance
    (the verdict is kept for every paragraph walked), and the walking stops after a
    budget linear in the number of paragraphs: past it, copies count as far (their fix
    is unsafe), so no body costs quadratic time.
    """

    def __init__(self, keys: list[str], max_gap: int) -> None:
        self.keys = keys
        self.max_gap = max_gap
        self.known: dict[tuple[int, int], bool] = {}
        self.budget = 16 * len(keys) + 1000

    def __call__(self, index: int, distance: int) -> bool:
        needed = distance - 1 - self.max_gap  # paragraphs of block around the copy
        if needed <= 0:
            return True
        known = self.known
        verdict = known.get((index, distance))
        if verdict is not None:
            return verdict
        keys = self.keys
        walked = [index]
        extent = 0
        verdict = None
        position = index - 1  # backwards, while the paragraph repeats its counterpart
        while extent < needed and position - distance >= 0:
            if keys[position] != keys[position - distance]:
                break
            verdict = known.get((position, distance))
            if verdict is not None:
                break
            extent += 1
            position -= 1
        position = index + 1  # then forwards
        while verdict is None and extent < needed and position < len(keys):
            if keys[position] != keys[position - distance]:
                break
            verdict = known.get((position, distance))
            if verdict is not None:
                break
            walked.append(position)
            extent += 1
            position += 1
        self.budget -= extent + 1
        if verdict is None:
            verdict = extent >= needed and self.budget >= 0
        for position in walked:
            known[(position, distance)] = verdict
        return verdict
