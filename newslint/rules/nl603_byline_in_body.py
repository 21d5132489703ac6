"""NL603: a byline or a dateline left as the first paragraphs of the body."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.lazy_re import compile_lazily
from newslint.model import Article
from newslint.rule import Rule
from newslint.rules._structure import comparable, is_dateline, paragraphs, shown

_MAX_LINE = 100
_MAX_LEADING = 3
# "By Jane Doe", "BY JANE DOE AND JOHN ROE", "By Jane Doe, Reuters", "By Jane Doe | March 1, 2024".
_BY = compile_lazily(r"(?:By|BY|by)[ \t\xa0]+(?P<names>[^\n]{2,90})")
_SEPARATORS = ",|:-–—•·"
_CONNECTORS = frozenset(
    [
        "and",
        "&",
        "of",
        "de",
        "da",
        "di",
        "del",
        "van",
        "von",
        "der",
        "den",
        "du",
        "la",
        "le",
        "al",
        "bin",
        "ibn",
        "y",
        "e",
    ]
)
# Words that start a phrase, not a name ("By The Associated Press" keeps a leading "The").
_NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "my",
        "our",
        "your",
        "his",
        "her",
        "its",
        "their",
        "all",
        "some",
        "any",
        "no",
    ]
)
_NAME = compile_lazily(r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w.'’-]*,?|[A-ZÀ-ÖØ-ÞА-ЯЁ]\.,?")


def byline_name(line: str) -> str | None:
    """The names of a byline line (``By Jane Doe``), or None if it is not one."""
    parts = byline_parts(line)
    return parts[0] if parts else None


def byline_parts(line: str) -> tuple[str, str] | None:
    """A byline line's names and the date that follows them (``""`` if none):
    ``By Jane Doe | March 1, 2024`` -> ``("Jane Doe", "March 1, 2024")``."""
    match = _BY.fullmatch(line.strip())
    if not match:
        return None
    words = match.group("names").split()
    date = ""
    # Drop a trailing date: "By Jane Doe | March 1, 2024", "By Jane Doe November 1, 2024".
    for cut in range(1, len(words)):
        if is_dateline(" ".join(words[cut:])):
            words, date = words[:cut], " ".join(words[cut:])
            break
    while words and words[-1] in _SEPARATORS:
        words.pop()
    words = [word for word in words if word != ","]
    if not 1 <= len(words) <= 8:
        return None
    words[-1] = words[-1].rstrip(_SEPARATORS) or words[-1]
    for position, word in enumerate(words):
        lower = word.lower()
        if lower in _NOT_NAMES and not (position == 0 and lower == "the" and len(words) > 1):
            return None
        if lower not in _CONNECTORS and not _NAME.fullmatch(word):
            return None
    if words[0].lower() in _CONNECTORS or words[-1].lower() in _CONNECTORS:
        return None
    return " ".join(words), date


def _blank_byline(article: Article) -> bool:
    """Whether the record has a ``byline`` string that is blank, in the file (a span)."""
    value = article.values.get("byline")
    return isinstance(value, str) and not value.strip() and "byline" in article.spans


def _move_to_byline(
    article: Article, paragraph: tuple[int, int, str], cut_end: int, names: str, date: str
) -> Fix:
    """Put the names into the blank ``byline`` and take them out of the body; a date
    that followed them stays in the body as a dateline of its own."""
    start, end, _ = paragraph
    byline = article.values["byline"]
    body = Edit("body", start, end, date) if date else Edit("body", start, cut_end, "")
    return Fix(
        f"move '{names}' into the empty byline",
        Applicability.UNSAFE,
        (Edit("byline", 0, len(byline), names), body),
    )


class BylineInBody(Rule):
    code = "NL603"
    name = "byline-in-body"
    summary = (
        "A byline (`By Jane Doe`) or a dateline (`November 01, 2024`) left at the top of the body."
    )
    explanation = """\
Extractors keep the story's byline and date line as the first paragraphs of
the body, where they read as text and duplicate the metadata.

Only the leading paragraphs are examined (at most three, after the title if
the body repeats it), and each must be a
short line that is exactly a byline (`By` and capitalised names, optionally
with an agency or a date: `By Jane Doe, Reuters`, `BY JOHN ROE | March 1,
2024`), the article's own byline, or a date alone.  A sentence that starts
with "By" (`By Monday, the river had risen`) is not a byline.  Nothing is
flagged when the body would be left empty.

When the record has a `byline` field and it is empty, the fix moves the names
into it (`By Jane Doe: April 4, 2016` leaves `Jane Doe` in `byline` and the
date in the body, where it is reported as a dateline); otherwise it deletes the
line.  Either way it is unsafe: review it, or run `--fix --unsafe-fixes`; a
deleted byline may not be recorded anywhere else."""
    bad = "By Jane Doe\n\nNovember 01, 2024\n\nThe council voted 7-2 ..."
    good = "The council voted 7-2 ..."
    fields = ("title", "byline", "body")
    fix_applicabilities = frozenset({Applicability.UNSAFE})

    def check(self, article: Article) -> Iterator[Diagnostic]:
        body = article.body
        if not body:
            return
        items = paragraphs(body)
        byline = comparable(article.byline or "")
        title = comparable(article.title or "")
        # The title repeated above the byline is NL602's; look past it.
        first = 1 if title and items and comparable(items[0][2]) == title else 0
        for index in range(first, min(len(items) - 1, first + _MAX_LEADING)):
            start, _, text = items[index]
            line = text.strip()
            if len(line) > _MAX_LINE or "\n" in line:
                return
            parts = None
            if is_dateline(line):
                what = "dateline"
            elif (parts := byline_parts(line)) is not None or (
                byline and comparable(line) == byline
            ):
                what = "byline"
            else:
                return
            cut_end = items[index + 1][0]
            fix = Fix(
                f"remove the {what} from the body",
                Applicability.UNSAFE,
                (Edit("body", start, cut_end, ""),),
            )
            if parts is not None and not byline and _blank_byline(article):
                fix = _move_to_byline(article, items[index], cut_end, *parts)
            yield self.diagnostic(
                "body", start, cut_end, f"{what} left in the body: '{shown(line)}'", fix
            )
