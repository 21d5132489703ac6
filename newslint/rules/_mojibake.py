"""Whole-run repair of UTF-8 text that was read through a single-byte code page (issue 13).

A UTF-8 character of two to four bytes, read as windows-1252, 1250, 1251, ISO-8859-2,
Mac Roman, cp437 or cp850, becomes two to four characters of that code page: `Ã©` for
`é`, `Ð¡` for `С`, `√©` for `é`, `├⌐` for `é`.  ASCII is the same in all of them, so
digits, Latin words and punctuation between the damaged characters are untouched.

``repair_line`` works on a whole line at once:

1. for each code page, every stretch of characters it holds above ASCII (a *run*) is
   turned back into its bytes; the maximal stretches of those bytes that are well-formed
   UTF-8 are decoded (so a run split by digits, Latin words or punctuation is decoded in
   every part, whatever its length: one-letter words included);
2. each decoded piece is kept only when it makes its word more plausible (``cost``:
   symbols and rare letters inside words, letters of two scripts or a capital after a
   small letter in one word, letters of a script the line is not written in) and
   re-encodes to exactly the characters it replaces (the proof: no byte and no letter is
   lost or invented);
3. the code page whose pieces gain the most is chosen, and the line is tried again, so
   that text encoded twice or three times (`Ã¢â‚¬â„¢`) comes back whole.

Everything is linear in the line's length: a fixed number of scans per code page.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

CODEPAGES = (
    "windows-1252",
    "windows-1250",
    "windows-1251",
    "iso-8859-2",
    "mac_roman",
    "cp437",
    "cp850",
)
"""The code pages UTF-8 is read through, most common first (latin-1 is windows-1252's
C1 controls: its table also maps U+0080-U+009F to the byte of that number)."""

_ROUNDS = 6
"""Passes over a line: UTF-8 read through code pages this many times over, or
mojibake of as many code pages side by side."""


@dataclass(frozen=True, slots=True)
class _Codepage:
    name: str
    to_byte: dict[str, int]
    """Each character above ASCII this code page shows -> its byte."""
    from_byte: tuple[str, ...]
    """Each byte 0x80-0xFF -> the character this code page shows (C1 control if undefined)."""
    run: re.Pattern[str]
    """A maximal stretch of characters ``to_byte`` holds."""
    pair: re.Pattern[str]
    """A lead byte's character followed by a continuation byte's: what any UTF-8
    mojibake of this code page holds (clean text seldom does: a fast test)."""


@cache
def _codepage(name: str) -> _Codepage:
    to_byte: dict[str, int] = {}
    shown: list[str] = []
    for byte in range(0x80, 0x100):
        try:
            char = bytes([byte]).decode(name)
        except UnicodeDecodeError:
            char = chr(byte)  # undefined: browsers and ftfy's sloppy codecs show a C1 control
        shown.append(char)
        to_byte[char] = byte
    if name == "windows-1252":  # the same bytes read as latin-1 (its C1 twin)
        for byte in range(0x80, 0xA0):
            to_byte.setdefault(chr(byte), byte)
    # (Other code pages show a C1 control only for a byte they leave undefined, as
    # browsers do: `д\xa0\x97` is windows-1251 text with its `—` read as latin-1, not
    # the bytes E4 A0 97 of `䠗`.)
    chars = "".join(sorted(to_byte))
    run = re.compile("[" + re.escape(chars) + "]+")
    leads = "".join(sorted(c for c, b in to_byte.items() if 0xC2 <= b <= 0xF4))
    continuations = "".join(sorted(c for c, b in to_byte.items() if 0x80 <= b <= 0xBF))
    pair = re.compile(f"[{re.escape(leads)}][{re.escape(continuations)}]")
    return _Codepage(name, to_byte, tuple(shown), run, pair)


# --- plausibility ---------------------------------------------------------------------

_PLAIN_PUNCTUATION = frozenset("\u00a0\u202f\u2009\u2002\u2003“”‘’«»„‚‹›–—‐‑…•·€£¥¢°№§©®™×÷±¿¡′″")
"""Non-ASCII punctuation and symbols clean news text is full of: no cost."""

_SCRIPTS = (
    (0x0041, 0x024F, "Latin"),
    (0x1E00, 0x1EFF, "Latin"),
    (0x0370, 0x03FF, "Greek"),
    (0x1F00, 0x1FFF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"),
    (0x0530, 0x058F, "Armenian"),
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0900, 0x097F, "Devanagari"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x10A0, 0x10FF, "Georgian"),
    (0x3040, 0x30FF, "CJK"),
    (0x3400, 0x9FFF, "CJK"),
    (0xAC00, 0xD7AF, "CJK"),
    (0xF900, 0xFAFF, "CJK"),
)

# Letters that news text in the languages newslint knows uses (a letter outside them
# costs, as symbols do): the Latin-1 and Latin Extended-A letters, Vietnamese, basic
# Greek and Cyrillic with Ukrainian and Belarusian letters, and every letter of other
# scripts (Hebrew, Arabic, CJK, ...).  Mojibake's continuation bytes show as the rest:
# `ƒ`, `ˆ`, `Ѓ`, `ђ`, `Ќ`, `љ`, ...
_RARE_LETTERS = frozenset(
    "ƒªºµðþÐÞ"  # Latin-1 letters mojibake is full of and news rarely holds
    "ЂЃѓЉЊЌЋЏђљњќћџЈјЅѕ"  # Cyrillic of bytes 0x80-0xBF in windows-1251 (Serbian, Macedonian)
    "ĸŉſĈĉĜĝĤĥĴĵŜŝŬŭĲĳĿŀ"  # and letters no language newslint knows writes
)


@cache
def _script(char: str) -> str:
    code = ord(char)
    for low, high, name in _SCRIPTS:
        if low <= code <= high:
            return name
    return "Other"


@cache
def _char_cost(char: str) -> int:
    """1 for a character clean text rarely holds (or never: controls, unassigned)."""
    if char < "\x80" or char in _PLAIN_PUNCTUATION:
        return 0
    category = unicodedata.category(char)
    if category in ("Cc", "Cn", "Co", "Cs"):
        return 2
    if category[0] == "L":
        if char in _RARE_LETTERS or category == "Lm" or _rare_greek(char):
            return 1
        return 0 if _script(char) != "Other" else 1
    if category == "Zs" or char == "\u00ad":
        return 0
    if category == "So" and char >= "\u2600":
        return 0  # dingbats and emoji (`✔`, `❤`): no single-byte code page shows them
    if _cjk_punctuation(char):
        return 0
    if category[0] == "M" and _script(char) != "Other":
        return 0  # marks of Indic, Thai, Hebrew, Arabic text
    return 1


def _rare_greek(char: str) -> bool:
    """A letter of the Greek and Coptic block outside modern Greek's `Ά`-`ώ`: archaic and
    Coptic letters, symbol forms (`ͻ` is cp437's `═╗` as UTF-8, box art, not Greek)."""
    return "\u0370" <= char <= "\u03ff" and not "\u0386" <= char <= "\u03ce"


def _cjk_punctuation(char: str) -> bool:
    """CJK punctuation and full-width forms (`，` `。` `「`)."""
    return "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef"


def dominant_script(text: str) -> str:
    """The script most of ``text``'s non-ASCII letters are in ('Latin' if none)."""
    counts: dict[str, int] = {}
    for char in text:
        if char > "\x7f" and char.isalpha():
            script = _script(char)
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "Latin"
    return max(counts, key=lambda script: counts[script])


_ALPHABETIC_SCRIPTS = frozenset({"Latin", "Greek", "Cyrillic", "Armenian", "Georgian"})


_QUOTES_AND_DASHES = frozenset("“”‘’«»„‚‹›–—…\u00a0\u202f")
"""Non-ASCII punctuation that clean text puts side by side (`…»`, `»\u00a0—`)."""
_LATIN_EXTENDED_B = frozenset("ƠơƯưǍǎǏǐǑǒǓǔȘșȚț")
"""The Latin Extended-B letters news text uses (Vietnamese, Romanian, pinyin)."""


def _rare_latin(char: str) -> bool:
    return "\u0180" <= char <= "\u024f" and char not in _LATIN_EXTENDED_B


_APOSTROPHES = frozenset("’ʼ")
_QUOTES = frozenset("“”‘’«»„‚‹›")
"""Quotes open or close a word: between two letters or digits they are mojibake."""
_LEADS = frozenset("ÃÂĂâã‚Γ")
"""Bytes 0xC2 and 0xC3 in windows-1252, 1250 and latin-1 (the first of nearly every
accented letter's UTF-8 sequence), 0xE2 and 0xE3 in windows-1252, Mac Roman and cp437
(the first of every curly quote's and dash's, and of CJK's): clean text has them before
ASCII or a space only."""
_CAPITAL_LEADS = frozenset("ÃÂĂÅ")
"""Leads that clean text writes only inside words in capitals (`SÃO`, `NICIODATĂ`): alone
or next to a small letter they are mojibake (`voilÃ`, `Ã perturber`: `à` whose second
byte, 0xA0, became a space)."""


def cost(word: str, script: str) -> int:
    """How implausible ``word`` is as text of a line written in ``script``.

    Rare characters; a letter of an alphabetic script other than the line's; letters of
    two scripts side by side (not ASCII next to CJK); a capital inside a word of small
    letters, or right after a digit or `.,;:` (`2,4Â`), or right before a digit (`ÂŁ1`);
    two non-ASCII characters side by side that are not both letters (nor quotes and
    dashes, nor an apostrophe between letters), `Ã`, `Â` or `Ă` before one.
    """
    total = 0
    size = len(word)
    for index, char in enumerate(word):
        total += _char_cost(char) + _rare_latin(char)
        if char < "\x80":
            continue
        letter = char.isalpha()
        previous = word[index - 1] if index else ""
        following = word[index + 1] if index + 1 < size else ""
        if char in _CAPITAL_LEADS and not (previous.isupper() or following.isupper()):
            total += 1
        if letter:
            own = _script(char)
            if own in _ALPHABETIC_SCRIPTS and script in _ALPHABETIC_SCRIPTS and own != script:
                total += 1
            if char.isupper() and (
                previous.isdigit() or (previous != "" and previous in ".,;:") or following.isdigit()
            ):
                total += 1
        if previous:
            total += _pair_cost(previous, char, word[index - 2] if index > 1 else "", following)
        if following and following < "\x80":
            total += _pair_cost(
                char, following, previous, word[index + 2] if index + 2 < size else ""
            )
    return total + _shape_cost(word)


def _pair_cost(first: str, second: str, before: str, after: str) -> int:
    """The cost of two characters side by side, one of them at least above ASCII
    (``before`` and ``after`` are their neighbours)."""
    if first in _LEADS and second > "\x7f" and not second.isspace():
        return 1
    if first in "ÃĂ" and second == "\u00a0" and not (before.isupper() and not after.islower()):
        return 1  # `CÃ\xa0nan` (`à`), not `NICIODATĂ\xa0`
    if first in _APOSTROPHES and before.isalpha() and second.isalpha():
        return 0
    if second in _APOSTROPHES and first.isalpha() and after.isalpha():
        return 0
    if first.isalpha() and second in _QUOTES_AND_DASHES:
        return 1 if second in _QUOTES and after.isalnum() else 0  # quotes close a word
    if second.isalpha() and first in _QUOTES_AND_DASHES:
        return 1 if first in _QUOTES and before.isalnum() else 0  # `7‚Äì2`: Mac Roman `–`
    if first.isalpha() and second.isalpha():
        one, two = _script(first), _script(second)
        if one == two or "Other" in (one, two):
            return 0
        if first < "\x80" or second < "\x80":
            return 0 if "CJK" in (one, two) else 1
        return 1
    if first < "\x80" or second < "\x80" or first.isspace() or second.isspace():
        return 0
    if first in _QUOTES_AND_DASHES and second in _QUOTES_AND_DASHES:
        return 0
    if _cjk_punctuation(first) or _cjk_punctuation(second):
        return 0
    return 1


def _shape_cost(word: str) -> int:
    """1 for each run of letters holding a non-ASCII one with a capital after its first
    letter, unless all its letters are capitals (`SĂĽden`, `ÔÇô`; not `McDonald`)."""
    total = 0
    for match in _LETTERS.finditer(word):
        letters = match.group()
        if letters.isascii():
            continue
        if any(c.isupper() for c in letters[1:]) and not letters.isupper():
            total += 1
    return total


_LETTERS = re.compile(r"[^\W\d_]+")


# --- decoding --------------------------------------------------------------------------


def _utf8_length(byte: int) -> int:
    if 0xC2 <= byte <= 0xDF:
        return 2
    if 0xE0 <= byte <= 0xEF:
        return 3
    if 0xF0 <= byte <= 0xF4:
        return 4
    return 0


_UTF8 = re.compile(
    b"(?:[\\xc2-\\xdf][\\x80-\\xbf]|\\xe0[\\xa0-\\xbf][\\x80-\\xbf]"
    b"|[\\xe1-\\xec\\xee\\xef][\\x80-\\xbf]{2}|\\xed[\\x80-\\x9f][\\x80-\\xbf]"
    b"|\\xf0[\\x90-\\xbf][\\x80-\\xbf]{2}|[\\xf1-\\xf3][\\x80-\\xbf]{3}"
    b"|\\xf4[\\x80-\\x8f][\\x80-\\xbf]{2})+"
)
"""A maximal stretch of well-formed UTF-8 multi-byte sequences (RFC 3629's table)."""


def _pieces(raw: bytes) -> list[tuple[int, int, str]]:
    """(start, end, text) of the maximal stretches of ``raw`` that are well-formed UTF-8
    (every byte is above ASCII here, so each stretch is whole multi-byte characters)."""
    return [
        (match.start(), match.end(), match.group().decode("utf-8")) for match in _UTF8.finditer(raw)
    ]


def is_exact_repair(damaged: str, repaired: str) -> bool:
    """Whether ``repaired`` is ``damaged`` decoded back: its characters turned into bytes
    by one of ``CODEPAGES`` (C1 controls as their byte) and read as UTF-8, once or up to
    ``_ROUNDS`` times (each time through any code page).  What the safe-fix contract can
    call to check an NL301 edit; the characters are never guessed."""
    frontier = {damaged}
    for _ in range(_ROUNDS):
        following: set[str] = set()
        for text in frontier:
            for name in CODEPAGES:
                to_byte = _codepage(name).to_byte
                if any(char > "\x7f" and char not in to_byte for char in text):
                    continue
                raw = bytes(to_byte[char] if char > "\x7f" else ord(char) for char in text)
                try:
                    decoded = raw.decode("utf-8")
                except UnicodeDecodeError:
                    continue
                if decoded == repaired:
                    return True
                if decoded != text:
                    following.add(decoded)
        frontier = following
        if not frontier:
            break
    return False


def reencodes(damaged: str, repaired: str, codepage: str) -> bool:
    """The proof of a repair: ``repaired`` as UTF-8, read through ``codepage``, is exactly
    ``damaged`` (a byte the code page leaves undefined, or any byte 0x80-0x9F read as
    latin-1, may show as its C1 control)."""
    table = _codepage(codepage)
    raw = repaired.encode("utf-8")
    if len(raw) != len(damaged):
        return False
    for byte, char in zip(raw, damaged, strict=True):
        if byte < 0x80:
            if chr(byte) != char:
                return False
        elif table.from_byte[byte - 0x80] != char and not (
            0x80 <= byte <= 0x9F and char == chr(byte)
        ):
            return False
    return True


@dataclass(frozen=True, slots=True)
class _Piece:
    """A stretch of a line and what it decodes to."""

    start: int
    end: int
    text: str


def _word_bounds(line: str, start: int, end: int) -> tuple[int, int]:
    low, high = start, end
    while low > 0 and not line[low - 1].isspace() and start - low < 40:
        low -= 1
    while high < len(line) and not line[high].isspace() and high - end < 40:
        high += 1
    return low, high


def _candidates(line: str, codepage: str) -> list[_Piece]:
    table = _codepage(codepage)
    found: list[_Piece] = []
    for match in table.run.finditer(line):
        if table.pair.search(line, match.start(), match.end()) is None:
            continue  # no lead byte followed by a continuation byte: nothing decodes
        run = match.group()
        raw = bytes(table.to_byte[char] for char in run)
        for start, end, text in _pieces(raw):
            found.append(_Piece(match.start() + start, match.start() + end, text))
    return found


_NEAR = 40
"""A piece that is no more plausible decoded than not is kept when a piece that is lies
this close, with nothing between them that this code page does not decode: one run of
mojibake across digits, Latin words and punctuation (the one-letter word `РІ` is `в`)."""


def _choose(line: str, codepage: str) -> tuple[int, list[_Piece]]:
    """The pieces of ``codepage`` that make the line more plausible, and their gain.

    The pieces of one word are judged together, against the script most of the line is
    written in once decoded.
    """
    if _codepage(codepage).pair.search(line) is None:
        return 0, []
    pieces = [
        piece
        for piece in _candidates(line, codepage)
        if piece.text != line[piece.start : piece.end]
        and _plain(_deep(piece.text, codepage))
        and reencodes(line[piece.start : piece.end], piece.text, codepage)
    ]
    if not pieces:
        return 0, []
    script = dominant_script(_apply(line, pieces))
    # Group the pieces by the word they are in.
    words: list[tuple[int, int, list[_Piece]]] = []
    for piece in pieces:
        low, high = _word_bounds(line, piece.start, piece.end)
        if words and low < words[-1][1]:
            words[-1] = (words[-1][0], max(high, words[-1][1]), [*words[-1][2], piece])
        else:
            words.append((low, high, [piece]))
    verdicts: list[int] = []  # gain; 0 for a tie, -1 for worse
    afters: list[int] = []
    for low, high, group in words:
        before = cost(line[low:high], script)
        deep = [_Piece(p.start - low, p.end - low, _deep(p.text, codepage)) for p in group]
        after = cost(_apply(line[low:high], deep), script)
        afters.append(after)
        if 2 * after <= before and after < before:
            verdicts.append(before - after)
        else:
            verdicts.append(0 if after <= before else -1)
    # A tie next to a gain (transitively, either way) is part of the same run.
    accepted = [verdict > 0 for verdict in verdicts]
    for order in (range(len(words)), range(len(words) - 1, -1, -1)):
        previous = -1
        for index in order:
            if accepted[index]:
                previous = index
            elif (
                verdicts[index] == 0
                and previous >= 0
                and _close(line, words[previous], words[index], codepage)
            ):
                accepted[index] = True
                previous = index
            else:
                previous = -1
    if not _one_script(line, words, accepted, codepage):
        return 0, []
    if sum(accepted) == 1:
        index = accepted.index(True)
        if not _alone_is_mojibake(line, words[index], afters[index], codepage):
            return 0, []
    kept = [
        piece for (_, _, group), ok in zip(words, accepted, strict=True) if ok for piece in group
    ]
    gain = sum(
        verdict for verdict, ok in zip(verdicts, accepted, strict=True) if ok and verdict > 0
    )
    return gain, kept


def _one_script(
    line: str, words: list[tuple[int, int, list[_Piece]]], accepted: list[bool], codepage: str
) -> bool:
    """Whether the letters a code page's kept pieces decode to (Latin aside) are nearly
    all of one script: real mojibake is a language's text; the pieces that latin-1 text
    of another code page decodes to by chance are a jumble (`핌 Іøåíèå` from cp850)."""
    counts: dict[str, int] = {}
    for (_, _, group), ok in zip(words, accepted, strict=True):
        if ok:
            for piece in group:
                for char in _deep(piece.text, codepage):
                    if char.isalpha() and _script(char) != "Latin":
                        counts[_script(char)] = counts.get(_script(char), 0) + 1
    total = sum(counts.values())
    return total < 3 or 10 * max(counts.values()) >= 9 * total


_NOT_EVIDENCE = frozenset("’'™®©")
"""Characters that follow a word in clean text as often as they end mojibake."""


def _alone_is_mojibake(
    line: str, word: tuple[int, int, list[_Piece]], after: int, codepage: str
) -> bool:
    """The stricter test for a word that is a line's only repair (nothing around it
    vouches for the code page): the word must come out clean, with no letter of a script
    foreign to the line, and the damage must show: ftfy's own mojibake heuristic flags
    it, or each piece holds a letter of a script foreign to the line (`34В°C`), or a
    box-drawing character or math symbol glued to a letter or digit (`┬ú250`, `pi√π`),
    or decodes to accented Latin letters inside a word from characters of which one at
    least is no letter (nor an apostrophe or `™`: `DrÃ¥ber`).

    (Clean text has such pairs by chance: `×…`, `∆°`, `√π`, `Å—`, `Brontë…”`.)"""
    from ftfy.badness import is_bad  # only here: a lone word (importing ftfy takes 0.1 s)

    low, high, group = word
    if 4 * after > cost(line[low:high], dominant_script(line)):
        return False
    script = dominant_script(line[:low] + line[high:])
    decoded_word = "".join(_deep(piece.text, codepage) for piece in group)
    if any(_foreign(char, script) for char in decoded_word):
        return False
    if any(unicodedata.category(piece.text[0])[0] == "M" for piece in group):
        return False  # a combining mark alone (`×…` is `ׅ`)
    scripts = {_script(char) for char in decoded_word if char.isalpha()} - {"Latin", script}
    if any(sum(_script(c) == other for c in decoded_word) < 2 for other in scripts - {"CJK"}):
        return False  # one letter of a script the line does not use (`5×£35` is `5ף35`)
    if is_bad(line[low:high]) and all(_glued_or_long(line, piece) for piece in group):
        return True
    return all(_shows_damage(line, piece, codepage, script) for piece in group)


def _glued_or_long(line: str, piece: _Piece) -> bool:
    """A piece of three-byte characters or more, or one touching a letter or digit."""
    left = line[piece.start - 1] if piece.start else ""
    right = line[piece.end] if piece.end < len(line) else ""
    return any(char > "\u07ff" for char in piece.text) or left.isalnum() or right.isalnum()


def _foreign(char: str, script: str) -> bool:
    if not char.isalpha() or char < "\x80":
        return False
    own = _script(char)
    return own != script and (own in _ALPHABETIC_SCRIPTS or script != "Latin")


def _shows_damage(line: str, piece: _Piece, codepage: str, script: str) -> bool:
    damaged = line[piece.start : piece.end]
    left = line[piece.start - 1] if piece.start else ""
    right = line[piece.end] if piece.end < len(line) else ""
    glued = left.isalnum() or right.isalnum()
    if glued and any(_foreign(char, script) for char in damaged):
        return True  # `34В°C`
    if glued and any(
        "\u2500" <= char <= "\u259f" or unicodedata.category(char) == "Sm" for char in damaged
    ):
        return True
    if (
        damaged[0] in _LEADS
        and len(damaged) > 1
        and not damaged[1].isspace()
        and damaged[1] not in _NOT_EVIDENCE
    ):
        return True  # `MĂĽnchen`
    if _shape_cost(damaged):
        return True  # `ÔÇô` (`–` read as cp850)
    if left.isdigit() and damaged[0].isupper():
        return True  # `2,4Â\xa0Prozent`
    if glued and any(_char_cost(char) for char in damaged):
        return True  # `Ôé¼12` (`€12` read as cp850)
    decoded = _deep(piece.text, codepage)
    return (
        all(char.isalpha() and _script(char) == "Latin" for char in decoded)
        and any(not char.isalpha() and char not in _NOT_EVIDENCE for char in damaged)
        and (left.isalpha() or right.isalpha())
    )


def _plain(decoded: str) -> bool:
    """Whether no character of ``decoded`` is one that two bytes of mojibake decode to by
    chance: a rare letter, a modifier or a symbol of U+0100-U+07FF (the symbols of
    U+00A0-U+00BF, `°` `«` `£`, and everything of three or four bytes, CJK and emoji,
    are real text often enough)."""
    for char in decoded:
        if "\u0100" <= char <= "\u07ff":
            if _char_cost(char) or _rare_latin(char):
                return False
        elif char > "\u07ff" and unicodedata.category(char) in _NEVER_DECODED:
            return False
    return True


_NEVER_DECODED = frozenset({"Lm", "Sk", "Mn", "Me", "Cn", "Co", "Cs", "Cc"})
"""Categories of three-byte characters mojibake never stands for (by chance only)."""


def _deep(text: str, codepage: str) -> str:
    """``text`` decoded again while the whole of it is UTF-8 read through ``codepage``
    (text encoded two or three times over is judged by what it ends as)."""
    table = _codepage(codepage)
    for _ in range(_ROUNDS):
        if text.isascii() or any(char > "\x7f" and char not in table.to_byte for char in text):
            break
        raw = bytes(table.to_byte[char] if char > "\x7f" else ord(char) for char in text)
        try:
            decoded = raw.decode("utf-8")
        except UnicodeDecodeError:
            break
        if decoded == text or not _plain(decoded) or cost(decoded, "") > cost(text, ""):
            break
        text = decoded
    return text


def _close(
    line: str,
    first: tuple[int, int, list[_Piece]],
    second: tuple[int, int, list[_Piece]],
    codepage: str,
) -> bool:
    """Whether two words' pieces are near, with no character between them that is above
    ASCII and not decoded by ``codepage``."""
    if first[0] > second[0]:
        first, second = second, first
    gap_start, gap_end = first[2][-1].end, second[2][0].start
    if gap_end - gap_start > _NEAR or "\n" in line[gap_start:gap_end]:
        return False
    between = line[gap_start:gap_end]
    return between.isascii() or all(
        char < "\x80" or char.isspace() or char in _QUOTES_AND_DASHES for char in between
    )


def _apply(line: str, pieces: list[_Piece]) -> str:
    out: list[str] = []
    last = 0
    for piece in pieces:
        out.append(line[last : piece.start])
        out.append(piece.text)
        last = piece.end
    out.append(line[last:])
    return "".join(out)


_HIGH = re.compile(r"[^\x00-\x7f][^\x00-\x7f]")


def repair_line(line: str) -> str:
    """``line`` with its UTF-8 mojibake decoded (itself if there is none)."""
    for _ in range(_ROUNDS):
        if _HIGH.search(line) is None:
            break
        best: tuple[int, int, list[_Piece]] = (0, 0, [])
        for codepage in CODEPAGES:
            gain, pieces = _choose(line, codepage)
            decoded = sum(piece.end - piece.start for piece in pieces)
            if (gain, decoded) > best[:2]:
                best = (gain, decoded, pieces)
        if not best[2]:
            break
        line = _apply(line, best[2])
    return line


def improves(line: str, start: int, end: int, replacement: str, script: str) -> bool:
    """Whether replacing ``line[start:end]`` makes its word more plausible (the test
    ftfy's repairs pass too: `MISUTÂ\xa0AJIKKO` stays, `voilÃ  le` becomes `voilà le`)."""
    low, high = _word_bounds(line, start, end)
    before = cost(line[low:high], script)
    return cost(line[low:start] + replacement + line[end:high], script) < before


# --- lost bytes (NL302) ----------------------------------------------------------------

_HOLES = frozenset(" ?\ufffd")
"""What a lost byte shows as: a space (0xA0 turned into one), `?` or U+FFFD."""


def lost_bytes(line: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text`` is UTF-8 read through a code page with bytes lost on the way:
    in some code page, most of its characters above ASCII are whole UTF-8 sequences or
    sequences cut short right before a space, `?`, U+FFFD or the end, and one at least
    is cut short (`Ð Ð¾Ñ Ñ Ð¸Ñ` is `Россия` with its 0xA0 and 0x81 bytes lost).

    Decorative text that only looks like mojibake (`MÄ£ÄM ÌÑÌ`, `ПоздравЂаво`) has
    lead bytes followed by more lead bytes or by letters, not by holes; a list of
    capitals (`Ñ Ç Æ Ø Å`) has only one-byte stubs before spaces: a whole sequence, a
    stub of two bytes or more (`â€ `), or a stub before U+FFFD or `?` is needed too.  (``line[start:
    end]`` is judged; what follows it in ``line`` tells whether a sequence was cut short.)
    """
    end = len(line) if end is None else end
    text = line[:end]
    for name in CODEPAGES:
        table = _codepage(name)
        covered = total = cut = whole_pieces = long_cut = 0
        for match in table.run.finditer(text, start):
            run = match.group()
            raw = bytes(table.to_byte[char] for char in run)
            total += len(raw)
            pieces = _pieces(raw)
            whole_pieces += len(pieces)
            whole = sum(end - start for start, end, _ in pieces)
            covered += whole
            tail = _cut_short(raw)
            following = line[match.end()] if match.end() < len(line) else " "
            if tail and following in _HOLES:
                covered += tail
                cut += 1
                long_cut += tail > 1 or following != " "  # (U+FFFD or `?`: a decoder's)
        if cut and (whole_pieces or long_cut) and 2 * covered >= total + 1:
            return True
    return False


def _cut_short(raw: bytes) -> int:
    """How many bytes at the end of ``raw`` are the start of a UTF-8 sequence cut short."""
    for back in range(1, 4):
        if back > len(raw):
            break
        length = _utf8_length(raw[-back])
        if length:
            if length > back and all(0x80 <= b <= 0xBF for b in raw[len(raw) - back + 1 :]):
                return back
            return 0
    return 0
