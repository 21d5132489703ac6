"""The safe-fix contract: what a fix labelled safe may change, checked edit by edit.

A safe fix removes only markup, encoding damage and whitespace (README, "What a safe fix
is").  The fixer checks every safe fix it is about to apply against it and demotes one
that breaks it to unsafe.  A check does not run it (it would cost about a tenth of a
check of Markdown-heavy text, and no rule's safe fix breaks it on the shared corpora);
the problems a fix leaves say which fixes were demoted.
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter

from newslint.diagnostics import Diagnostic, Edit
from newslint.model import Article, paragraph_spans
from newslint.rules._markup import in_url, url_spans

# The safe-fix contract -------------------------------------------------------------------
#
# A safe fix removes only markup, encoding damage and whitespace: it never removes or
# alters a word (a run of letters and digits) that is not markup or encoding damage.
# Each safe edit is checked here before it is applied; one that breaks the contract is
# demoted to unsafe (applied only with ``--unsafe-fixes``).  The check costs a few
# regular-expression calls over the edit's own span: no rule is run again.

_WORD = re.compile(r"[^\W_]+")
"""A word: a run of letters and digits (``_`` and marks of punctuation are not)."""
_SPACE = re.compile(
    r"[\s\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    r"\u2066-\u2069\ufeff\U000e0000-\U000e007f]+"
)
"""Whitespace, control and invisible format characters: what a fix may remove freely."""
_MARKUP = re.compile(
    r"<!--.*?-->"  # an HTML comment
    r"|</?[A-Za-z][A-Za-z0-9]{0,15}(?:[\s/][^<>]*)?>"  # a tag, with its attributes
    r"|&lt;/?[A-Za-z][A-Za-z0-9]{0,15}(?:(?:\s|/)(?:(?!&[lg]t;).)*)?&gt;"  # an escaped tag
    r"|\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)"  # a Markdown link's target
    r"|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});",  # an entity
    re.DOTALL,
)
"""Markup whose words (a tag's name and attributes, a link's address) are syntax."""
_MARKERS = frozenset("*_~`\\#>|[]()!<")
"""Markdown's markers and brackets, an image's `!`, a backslash escape, an autolink's
angle brackets: what a markup fix deletes outside a construct of ``_MARKUP``."""
_LINE_HYPHEN = re.compile(r"[-\u00ad][ \t]*(?=\r?\n)")
_LINE_END = re.compile(r"[ \t]*\r?\n")
_LOST = frozenset("?¿\ufffd\x1a")
"""What a decoder writes for a character it could not map: a repair may replace it."""
_CODECS = (
    "sloppy-windows-1252",
    "sloppy-windows-1251",
    "sloppy-windows-1250",
    "latin-1",
    "iso-8859-2",
    "koi8-r",
    "mac-roman",
    "cp437",
    "cp850",
    "gbk",
)
"""Code pages text is commonly mis-decoded with (ftfy's sloppy variants keep the
bytes windows-125x leaves undefined)."""
_RIGHT_CODECS = ("utf-8", "windows-1251", "windows-1250", "koi8-r", "gbk", "big5")
"""What the bytes really were: UTF-8, or a legacy code page of Cyrillic, Central European
or Chinese text (NL307's windows-1251 read as windows-1252, NL308's GBK and Big5)."""


def contract_breach(article: Article, diagnostic: Diagnostic) -> str | None:
    """Why the diagnostic's fix breaks the safe-fix contract, or None if it keeps it.

    Each edit must be a safe edit (``contract_break``) and stay inside the reported span
    (an edit outside it may change whitespace only).  An edit the planner cannot place
    (no such field, offsets out of range) is left to the planner, which refuses it.
    """
    fix = diagnostic.fix
    if fix is None:
        return None
    for edit in fix.edits:
        text = article.text(edit.field)
        if text is None or not 0 <= edit.start <= edit.end <= len(text):
            continue
        if _blank(text, edit.start, edit.end) and (not edit.content or edit.content.isspace()):
            continue  # whitespace for whitespace (most safe fixes): nothing else to check
        reason = contract_break(text, edit.start, edit.end, edit.content)
        if reason is None and _inside_address(text, edit):
            reason = "it edits inside a web address"
        if reason is None and (
            edit.field != diagnostic.field
            or edit.start < diagnostic.start
            or edit.end > diagnostic.end
        ):
            old = text[edit.start : edit.end]
            if _SPACE.sub("", old) != _SPACE.sub("", edit.content):
                reason = "it edits text outside the reported span"
        if reason is not None:
            return f"{edit.field}[{edit.start}:{edit.end}]: {reason}"
    return None


def _blank(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is empty or white space, without copying a long span."""
    return start == end or (end - start < 256 and text[start:end].isspace())


def _inside_address(text: str, edit: Edit) -> bool:
    """Whether the edit changes part of a web address other than its whitespace (joining
    a URL split by a line wrap is whitespace; unbolding `**url**` is outside it)."""
    if "/" not in text and "www." not in text:
        return False
    addresses = _addresses(text)
    if not in_url(addresses, edit.start, edit.end):
        return False  # clear of every address, or removing whole ones (`[label](url)`)
    old, new = text[edit.start : edit.end], edit.content
    if _SPACE.sub("", old) == _SPACE.sub("", new):
        return False
    # Only what differs counts: `**https` -> `https` edits before the address.
    prefix = _common_prefix(old, new)
    suffix = _common_prefix(old[prefix:][::-1], new[prefix:][::-1])
    return in_url(addresses, edit.start + prefix, edit.end - suffix)


def _common_prefix(first: str, second: str) -> int:
    """How many characters ``first`` and ``second`` share at their start."""
    size = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        size += 1
    return size


@functools.lru_cache(maxsize=4)
def _addresses(text: str) -> list[tuple[int, int]]:
    return url_spans(text)


def contract_break(text: str, start: int, end: int, content: str) -> str | None:
    """Why replacing ``text[start:end]`` with ``content`` is not a safe edit, or None.

    It is safe when it changes only whitespace; or when it keeps every word of the span
    in order and only deletes what is not a word, or a word inside markup (a tag, an
    entity, a link's address), the replacement adding nothing but whitespace; or when it
    decodes entities; or when it repairs encoding damage (the damaged text is the
    replacement's UTF-8 bytes read with a known code page, up to three times, or ftfy
    repairs it so, or a decoder's placeholder such as ``?`` or U+FFFD becomes one
    character); or when it deletes a copy of a paragraph that the field still holds.
    """
    old = text[start:end]
    if old == content or (not content and (not old or old.isspace())):
        return None
    bare, bare_content = _SPACE.sub("", old), _SPACE.sub("", content)
    if bare == bare_content:
        return None  # whitespace, controls and invisible characters only
    if _is_subsequence(bare_content, bare) and _only_markup_removed(text, end, old, content):
        return None  # markup, escapes and markers removed, every word kept in order
    if "&" in old and _unescaped(old) == content:
        return None  # entities decoded
    if _repairs_encoding(old, content) or _repairs_in_context(text, start, end, content):
        return None
    if not content.strip() and _still_there(text, start, end):
        return None  # a duplicate removed: its words are still in the field
    words = _WORD.findall(_SPACE.sub(" ", old))
    kept = _WORD.findall(_SPACE.sub(" ", content))
    if not words and not kept:
        return "it changes punctuation"
    present = set(kept)
    lost = [word for word in words if word not in present]
    if lost:
        return f"it removes or alters {', '.join(repr(w) for w in lost[:3])}"
    return "it adds or reorders words"


def _only_markup_removed(text: str, end: int, old: str, content: str) -> bool:
    """Whether ``content`` is ``old`` without some markup: constructs (tags, entities,
    link targets), marker characters, and a hyphen that ends a line (the edit ends the
    span at ``end`` in ``text``); every other character, and so every word, kept in order."""
    old = _LINE_HYPHEN.sub("\n", old)
    if old.endswith(("-", "\u00ad")) and _LINE_END.match(text, end):
        old = old[:-1]
    new = _SPACE.sub("", _MARKUP.sub(" ", content))
    characters = iter(_SPACE.sub("", _MARKUP.sub(" ", old)))
    for char in new:
        for other in characters:
            if other == char:
                break
            if other not in _MARKERS:
                return False  # a letter, a digit or a mark of punctuation removed
        else:
            return False
    return all(other in _MARKERS for other in characters)


def _unescaped(text: str) -> str:
    """``text`` with its HTML entities decoded, escaped up to three times (`&amp;amp;`)."""
    for _ in range(3):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text


def _is_subsequence(short: str, long: str) -> bool:
    characters = iter(long)
    return all(char in characters for char in short)


def _repairs_encoding(old: str, new: str) -> bool:
    if len(old) == 1 and old in _LOST and len(new) == 1:
        return True  # a lost character restored (`Blair¿s` -> `Blair’s`)
    if old.isascii():
        return False  # nothing was mis-decoded
    try:
        if old.encode("latin-1").decode("cp1252") == new:
            return True  # C1 controls: windows-1252 characters read as latin-1
    except UnicodeError:
        pass
    import ftfy  # only for a fix that may repair encoding (registers the sloppy codecs)

    for right in _RIGHT_CODECS:
        for codec in _CODECS:
            if codec.endswith(right):
                continue
            current = old
            for _ in range(3):  # text mis-decoded twice or three times comes back whole
                try:
                    current = current.encode(codec).decode(right)
                except UnicodeError:
                    break
                if current == new:
                    return True
    return ftfy.fix_encoding(old) == new


def _repairs_in_context(text: str, start: int, end: int, content: str) -> bool:
    """Whether the edit is the part of an encoding repair that differs: `Â` deleted
    from `Â®` leaves `®`, the UTF-8 reading of the bytes `Â®` stood for."""
    if text[start:end].isascii():
        return False
    for width in (1, 2, 3):
        before = text[max(0, start - width) : start]
        after = text[end : end + width]
        if _repairs_encoding(before + text[start:end] + after, before + content + after):
            return True
    return False


def _still_there(text: str, start: int, end: int) -> bool:
    """Whether the deleted ``text[start:end]`` is a paragraph that the field holds at
    least twice (whitespace collapsed): after the deletion its words are still there."""
    removed = " ".join(text[start:end].split())
    return bool(removed) and _paragraph_counts(text)[removed] >= 2


@functools.lru_cache(maxsize=4)
def _paragraph_counts(text: str) -> Counter[str]:
    """How often each paragraph occurs in ``text`` (whitespace collapsed); one count per
    field text, however many copies a fix removes from it."""
    return Counter(" ".join(paragraph.split()) for _, _, paragraph in paragraph_spans(text))
