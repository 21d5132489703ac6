"""NL405: buttons, icon-font names and navigation (`bookmark_border`, `Back to top`) left as lines."""

from __future__ import annotations

from newslint.lazy_re import compile_lazily
from newslint.rules._boilerplate import LineRule, normalise, phrase_set
from newslint.rules._boilerplate_phrases import ICON_LIGATURES, UI_DEBRIS_LINES

_LINES = phrase_set(UI_DEBRIS_LINES)
_ICONS = frozenset(ICON_LIGATURES)
# A gallery's counter: "Image 1 of 23", "Photo 3 / 10".
_COUNTER = compile_lazily(
    r"(?:image|photo|picture|slide|foto|bild) \d{1,4} (?:of|/|von|de|из) \d{1,4}"
)
# A comment counter: "Comments (74)", "Comments (74 posted)", "74 comments", "12 Kommentare",
# "Комментарии (3)", "5 коментарів", in the ten languages of the phrase catalogue.
_COMMENT_WORDS = (
    r"comments?|responses?|repl(?:y|ies)|kommentare?|commentaires?|comentarios?|commenti|"
    r"comentários?|reacties?|komentarz(?:e|y)?|комментари(?:й|я|ев|и)|коментар(?:і|ів)?"
)
_COMMENT_COUNTER = compile_lazily(
    rf"(?:{_COMMENT_WORDS}) ?\(\d{{1,6}}(?: posted)?\)|\d{{1,6}} (?:{_COMMENT_WORDS})"
)


def is_ui_debris(line: str) -> bool:
    text = normalise(line)
    if text in _LINES or _COUNTER.fullmatch(text) or _COMMENT_COUNTER.fullmatch(text):
        return True
    # Icon ligatures are written in lowercase by the icon font; a line may hold several.
    words = line.split()
    return bool(words) and all(word in _ICONS for word in words)


class UiDebris(LineRule):
    code = "NL405"
    name = "ui-debris"
    summary = "Buttons, icon-font names and navigation (`bookmark_border`, `Back to top`) as lines."
    explanation = """\
Pages draw their buttons with icon fonts (`bookmark_border`, `more_vert`) and
label them with short words (`Share`, `Close`, `Copy link`, `Back to top`,
`Skip to content`, `Toggle navigation`, `Show comments`); media players leave
`Image` or `Video` placeholders.  Text extractors keep them as lines.

Only a whole line made of such a label is flagged (icon names only in their
lowercase form); a sentence that uses the word, or a word that continues a
hard-wrapped sentence (`...to take a bigger\\nshare of the market`), is not.
Everyday words that also head sections of articles (`Search`, `Menu`,
`Email`, `Comments`) are not in the list, but a comment counter is
(`Comments (74)`, `74 comments`, `12 Kommentare`, `Комментарии (3)`).  The fix deletes the line with its
line break; it is unsafe because it deletes text."""
    bad = "bookmark_border more_vert\n\nThe ferry resumed service on Monday."
    good = "The ferry resumed service on Monday."
    kind = "user-interface text"
    max_length = 100
    # Whole phrases, not their first words: lines that open with "posted", "email" or
    # "view" are common, and match() turned away nine in ten of those first words let through.
    first_words = frozenset(
        _LINES
        | {"image", "photo", "picture", "slide", "foto", "bild"}  # _COUNTER's
        | {icon.casefold() for icon in _ICONS}
    )
    # _COMMENT_COUNTER's: a word first ("comments (74)") or a number first ("74 comments").
    head_pattern = (
        r"[\s#]*(?:[0-9]{1,6}\s+)?"
        r"(?:comment|respons|repl|komment|coment|reactie|komentarz|коммент|комент)"
    )

    def match(self, line: str) -> bool:
        return is_ui_debris(line)
