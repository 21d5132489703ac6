"""NL402: a share/follow/newsletter/paywall call to action left as a line of the body."""

from __future__ import annotations

import re
from typing import ClassVar

from newslint.lazy_re import compile_lazily
from newslint.rules._boilerplate import (
    LineRule,
    extra_phrase_set,
    normalise,
    phrase_set,
)
from newslint.rules._boilerplate_phrases import CALLS_TO_ACTION, CTA_NETWORK_VERBS, NETWORKS

_PHRASES = phrase_set(phrase for phrases in CALLS_TO_ACTION.values() for phrase in phrases)
_NETWORKS = frozenset(NETWORKS)
# Longest first, so that "share this article on" wins over "share".
_VERBS = tuple(sorted((normalise(verb) for verb in CTA_NETWORK_VERBS), key=len, reverse=True))
_VERB_STARTS = frozenset(verb.split()[0] for verb in _VERBS)
_LIST_SEPARATOR = compile_lazily(
    r"[ \t]*(?:[,&|/·•+]|\b(?:and|or|et|ou|und|oder|y|o|e|en|of|i|oraz|lub|и|или|і|та|або)\b)[ \t]*"
)
# "Subscribe to The Daily Example newsletter", "Sign up for our free email alerts".
_NEWSLETTER = compile_lazily(
    r"(?:click here to |please )?(?:subscribe to|sign up for|sign up to|get|join) "
    r"(?:[^ ]{1,40} ){0,6}?(?:newsletters?|e-?mail alerts|e-?mail newsletters?)"
    r"(?: here| now| today| for free)?"
)
_FOR_FREE = compile_lazily(r"subscribe to (?:[^ ]{1,40} ){1,6}?for free")


def _without_handles(text: str) -> str:
    """Drop trailing handles and links: ``follow us on x: @example`` -> ``follow us on x``."""
    words = text.split()
    while words and words[-1].lstrip("(:").startswith(("@", "http://", "https://", "www.")):
        words.pop()
    return " ".join(words).rstrip(" :,-–—|")


def _is_network_list(text: str) -> bool:
    items = [item for item in _LIST_SEPARATOR.split(text) if item]
    if not items:
        return False
    for item in items:
        if item not in _NETWORKS and not all(word in _NETWORKS for word in item.split()):
            return False
    return True


# Fast path: whatever makes a line a call to action, its first word is one of these
# (a phrase's first word, a newsletter sign-up's, or a network verb's).
_FIRST_WORDS = frozenset(phrase.split()[0] for phrase in _PHRASES if phrase) | frozenset(
    ("click", "please", "subscribe", "sign", "get", "join")
)
_HANDLE_TRAIL = " :,-–—|"


def _may_be_call_to_action(normalised: str) -> bool:
    """Whether the first word allows a call to action (``_without_handles`` keeps it, or
    trims its end when it is the only word left)."""
    words = normalised.split(maxsplit=1)
    if not words:
        return False
    first = words[0]
    for word in (first, first.rstrip(_HANDLE_TRAIL)):
        if word in _FIRST_WORDS or word.rstrip(":") in _VERB_STARTS:
            return True
    return False


def is_call_to_action(line: str) -> bool:
    normalised = normalise(line)
    if not _may_be_call_to_action(normalised):
        return False
    text = _without_handles(normalised)
    if not text:
        return False
    if text in _PHRASES:
        return True
    if _NEWSLETTER.fullmatch(text) or _FOR_FREE.fullmatch(text):
        return True
    if text.split(maxsplit=1)[0].rstrip(":") not in _VERB_STARTS:
        return False
    for verb in _VERBS:
        if text.startswith(verb) and text[len(verb) : len(verb) + 1] in (" ", ":"):
            rest = text[len(verb) :].strip(" :")
            # "(opens in new window)" follows WordPress share buttons.
            rest = rest.removesuffix("(opens in new window)").rstrip()
            if rest and _is_network_list(rest):
                return True
    return False


class CallToAction(LineRule):
    code = "NL402"
    name = "call-to-action"
    summary = "A share, follow, newsletter or paywall call to action left as a line of the body."
    explanation = """\
Share buttons, follow-us links, newsletter sign-ups and paywall prompts are
page furniture.  Scrapers keep their labels as lines of their own (`Share this
article`, `Follow us on Twitter @example`, `Sign up for our newsletter`,
`Subscribe to continue reading`), and they end up in the article's text.

Only a whole line made of such a phrase (plus punctuation, handles or links)
is flagged, from phrase lists per language; a sentence that speaks of sharing
or subscribing in the story's own words (`Shares fell 3%`, `He urged followers
to subscribe to the app`) is never flagged, nor a line that continues a
hard-wrapped sentence.  The fix deletes the line with its line break; it is
unsafe because it deletes text."""
    bad = "The council meets again in March.\n\nFollow us on Twitter @example\n\nIt will vote then."
    good = "The council meets again in March.\n\nIt will vote then."
    kind = "call to action"
    max_length = 200

    options: ClassVar[dict[str, str]] = {
        "extra-phrases": "more whole-line calls to action to flag, in any language"
    }
    extra_phrases: tuple[str, ...] = ()
    # What a call to action opens with, as a whole (a space matches any run of whitespace):
    # a phrase, a newsletter sign-up's start or a network verb.  Their first words alone let
    # through nine lines in ten that match() turns away ("this", "get", "follow", "to").
    first_words = (
        _PHRASES
        | frozenset(("click here to", "please", "subscribe to", "sign up", "get", "join"))
        | frozenset(_VERBS)
    )

    def hints(self) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None] | None:
        return None if self.extra_phrases else super().hints()

    def match(self, line: str) -> bool:
        if self.extra_phrases and _without_handles(normalise(line)) in extra_phrase_set(
            self.extra_phrases
        ):
            return True
        return is_call_to_action(line)
