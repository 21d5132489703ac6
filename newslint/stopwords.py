"""Stop words, for rules that tell prose from page furniture by how many of its words are
function words (as jusText does with HTML paragraphs).

The lists are jusText's (a dependency): per language, the most frequent words of its
Wikipedia, the lists jusText's thresholds were tuned on.  They are read as data files;
the ``justext`` package itself is never imported (it would import lxml, 30 ms).
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

DEFAULT_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk")
"""The languages a boilerplate rule reads unless configured otherwise."""

LISTS = {
    "bg": "Bulgarian",
    "ca": "Catalan",
    "cs": "Czech",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "et": "Estonian",
    "fi": "Finnish",
    "fr": "French",
    "hr": "Croatian",
    "hu": "Hungarian",
    "id": "Indonesian",
    "it": "Italian",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "nb": "Norwegian_Bokmal",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sr": "Serbian",
    "sv": "Swedish",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "vi": "Vietnamese",
}
"""ISO 639-1 code -> the name of jusText's list."""

PUNCTUATION = " \t\"'“”‘’„«»‹›()[]{}.,;:!?¿¡…-–—*•·|/"
"""Stripped from both ends of a word before it is looked up (and from the lists' entries:
jusText's hold ``(the`` and ``"a``)."""


class StopWordsUnavailable(RuntimeError):
    """jusText's lists are not installed (newslint was installed without its dependencies)."""


def _folder() -> Path:
    spec = importlib.util.find_spec("justext")
    locations = spec.submodule_search_locations if spec is not None else None
    if not locations:
        raise StopWordsUnavailable(
            "the stop-word lists need the justext package (pip install justext)"
        )
    return Path(next(iter(locations))) / "stoplists"


@lru_cache(maxsize=8)
def stop_words(languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> frozenset[str]:
    """The case-folded stop words of ``languages`` (ISO 639-1 codes of ``LISTS``), merged:
    a page's language is not known, and the scripts keep most lists apart."""
    unknown = [code for code in languages if code not in LISTS]
    if unknown:
        raise ValueError(f"no stop-word list for {', '.join(unknown)} (known: {', '.join(LISTS)})")
    folder = _folder()
    words: set[str] = set()
    for code in languages:
        text = (folder / f"{LISTS[code]}.txt").read_text(encoding="utf-8")
        words.update(word.strip(PUNCTUATION).casefold() for word in text.split())
    words.discard("")
    return frozenset(words)
