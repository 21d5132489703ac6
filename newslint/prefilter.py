"""Which rules can fire on an article, found in one scan per text field.

Most articles are mostly clean, and most rules look for something specific: a ``<``,
an ``&``, a ``](``, a control character, a blank-line run.  Each rule declares those
necessary conditions as its ``triggers`` (``newslint.rule.Triggers``); a ``Prefilter``
compiles the triggers of a set of rules once and, for each article, scans each text
field once to find which of them occur.  The engine then runs only the rules whose
triggers occurred, and every rule that declares none.

The scan is one RE2 set match per field (``google-re2``): a DFA reads the field's
UTF-8 once, whatever the number of triggers, and says which of them matched (about
3 ns a character).  Looking for each trigger with Python's own ``in`` and ``re``
costs more than the rules' own fast paths save (some 400 us for an 8 KB body, against
25 us), so without google-re2 installed the prefilter lets every rule run.  So it does
for a field RE2 cannot read (a lone surrogate is not UTF-8) or gives up on.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from newslint.model import Article
from newslint.rule import Rule, Triggers

_re2: Any
try:
    _re2 = importlib.import_module("re2")  # google-re2 (untyped)
except ImportError:  # pragma: no cover - exercised by a test that hides the module
    _re2 = None

_SURROGATES = frozenset(map(chr, range(0xD800, 0xE000)))
_MAX_MASKS = 4096


def available() -> bool:
    """Whether the prefilter can scan (google-re2 is installed); if not, every rule runs."""
    return _re2 is not None


def _spelled(chars: Iterable[str]) -> str:
    """A character class holding exactly ``chars``, in RE2's syntax, as ranges."""
    codes = sorted({ord(c) for c in chars})
    parts: list[str] = []
    start = 0
    while start < len(codes):
        end = start
        while end + 1 < len(codes) and codes[end + 1] == codes[end] + 1:
            end += 1
        first, last = codes[start], codes[end]
        parts.append(f"\\x{{{first:x}}}" + (f"-\\x{{{last:x}}}" if last != first else ""))
        start = end + 1
    return "[" + "".join(parts) + "]"


def _literal(text: str) -> str:
    return "".join(f"\\x{{{ord(c):x}}}" for c in text)


class _FieldScan:
    """The triggers looked for in one field, compiled into one RE2 set."""

    def __init__(
        self,
        patterns: dict[str, int],
        surrogates: int,
        endings: dict[str, int],
        non_ascii: int,
    ) -> None:
        self.endings = tuple(endings.items())
        self.non_ascii = non_ascii
        self.surrogates = surrogates
        """Rules that look for lone surrogates, which RE2 cannot read: the UTF-8
        encoding fails where there is one."""
        self.set_mask = 0
        for mask in patterns.values():
            self.set_mask |= mask
        self.mask = non_ascii | surrogates | self.set_mask
        """Every rule with a trigger in this field."""
        for _, mask in self.endings:
            self.mask |= mask
        self._set: Any = None
        self._sentinel = -1
        self.masks: dict[int, int] = {}
        """The rules (bits) each pattern of the set, by its index, lets run."""
        if patterns:
            found = _re2.Set.SearchSet()  # RE2's default budget (8 MB): the corpora need < 1
            for pattern, mask in patterns.items():
                self.masks[found.Add(pattern)] = mask
            # Matches at the end of the text only: without it in the answer, the DFA
            # gave up before the end (out of memory), and every rule is let run.
            self._sentinel = found.Add(r"\z")
            found.Compile()
            self._set = found

    def scan(self, text: str, pending: int) -> int:
        """The rules (bits) among ``pending`` that the triggers found in ``text`` let run."""
        found = 0
        if self.non_ascii & pending and not text.isascii():
            found = self.non_ascii
        for suffix, mask in self.endings:
            if mask & pending & ~found and text.endswith(suffix):
                found |= mask
        pending &= ~found
        if not (self.set_mask | self.surrogates) & pending:
            return found
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: RE2 reads UTF-8 only
            return found | self.mask
        if not self.set_mask & pending:
            return found
        hits = self._set.Match(data)
        if not hits or self._sentinel not in hits:
            return found | self.mask
        masks = self.masks
        for hit in hits:
            found |= masks.get(hit, 0)  # the sentinel lets nothing run
        return found


class Prefilter:
    """The triggers of a sequence of rules, compiled once: ``candidates(article)``."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules = tuple(rules)
        self.always = 0
        """The rules that run on every article: no triggers (or no google-re2)."""
        patterns: dict[str, dict[str, int]] = {}
        surrogates: dict[str, int] = {}
        endings: dict[str, dict[str, int]] = {}
        non_ascii: dict[str, int] = {}
        for index, rule in enumerate(self.rules):
            bit = 1 << index
            triggers: Triggers | None = rule.triggers
            if triggers is None or not available():
                self.always |= bit
                continue
            for clause in triggers.clauses():
                for field in clause.fields or rule.fields:
                    wanted = patterns.setdefault(field, {})
                    found = [_literal(literal) for literal in clause.literals]
                    found += list(clause.patterns)
                    readable = set(clause.chars) - _SURROGATES
                    if readable:
                        found.append(_spelled(readable))
                    if len(readable) < len(set(clause.chars)):
                        surrogates[field] = surrogates.get(field, 0) | bit
                    for pattern in found:
                        wanted[pattern] = wanted.get(pattern, 0) | bit
                    ends = endings.setdefault(field, {})
                    for ending in clause.endings:
                        ends[ending] = ends.get(ending, 0) | bit
                    if clause.non_ascii:
                        non_ascii[field] = non_ascii.get(field, 0) | bit
        self.scans = tuple(
            (
                name,
                _FieldScan(
                    patterns.get(name, {}),
                    surrogates.get(name, 0),
                    endings.get(name, {}),
                    non_ascii.get(name, 0),
                ),
            )
            for name in sorted(set(patterns) | set(endings) | set(non_ascii) | set(surrogates))
        )
        self._chosen: dict[int, list[Rule]] = {}

    def mask(self, article: Article) -> int:
        """The rules that may fire on ``article``, as bits of their indices in ``rules``."""
        mask = self.always
        values = article.values
        for name, scan in self.scans:
            text = values.get(name)
            # No trigger occurs in an empty text (none is empty or matches it).
            if isinstance(text, str) and text and scan.mask & ~mask:
                mask |= scan.scan(text, ~mask)
        return mask

    def candidates(self, article: Article) -> list[Rule]:
        """The rules that may fire on ``article``, in their order (do not modify the list)."""
        mask = self.mask(article)
        chosen = self._chosen.get(mask)
        if chosen is None:
            if len(self._chosen) >= _MAX_MASKS:
                self._chosen.clear()
            chosen = [rule for index, rule in enumerate(self.rules) if mask >> index & 1]
            self._chosen[mask] = chosen
        return chosen


@lru_cache(maxsize=64)
def _compiled(rules: tuple[Rule, ...]) -> Prefilter:
    return Prefilter(rules)


def prefilter_for(rules: Iterable[Rule]) -> Prefilter:
    """The prefilter of this sequence of rules, compiled on first use and kept."""
    return _compiled(tuple(rules))
