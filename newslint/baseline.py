"""Baselines: adopt newslint on a corpus that already has problems, and stop new ones.

``--write-baseline FILE`` records today's problems; ``--baseline FILE`` then reports
only problems that are not in it.  A fingerprint does not depend on line numbers:
it is the rule, the path, the article's id or url (or, without one, nothing), the
field and an *anchor* of the offending text, so edits elsewhere in a file do not revive
old problems.  Identical problems in one article are counted, not merged.

The anchor (format 2) is the offending text with what other rules' fixes touch taken out:
entities decoded, tags and Markdown link targets dropped, mojibake repaired, then only its
letters and digits kept (case-folded), and of those the first ``ANCHOR_LENGTH``.  So
``--fix --select NL304`` decoding an ``&amp;`` inside a hard-wrapped paragraph leaves the
paragraph's NL507 fingerprint as it was (format 1 hashed the paragraph's first 200
characters as written, and the fix revived it as new).  Text with no letter or digit at all
(``&amp;``, ``<br>``, a run of spaces) is its own damage: it is fingerprinted as written,
its whitespace collapsed, as format 1 did.

Format 1 baselines are still read: each entry is migrated to a format 2 fingerprint from
the code, path, record and text it stored (see ``_migrate``).
"""

from __future__ import annotations

import errno
import functools
import hashlib
import html
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newslint import __version__
from newslint.diagnostics import Diagnostic

FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
ANCHOR_LENGTH = 40
"""Letters and digits of the offending text a fingerprint keeps.  Forty are some seven words:
enough that two different problems of one rule in one field of one article (two hard-wrapped
paragraphs, two promos) practically never share them, and few enough that a snippet (at most
200 characters as written) still holds them after other rules' fixes shorten or lengthen
what comes before: the anchor is the text's start, and fixes inside the 200 characters only
move where the snippet would end."""
SIZE_LIMIT = 256 << 20
"""A baseline is read only if it is a regular file of at most 256 MiB, and none larger is
written.  An entry takes about 200 bytes, so that is some 1.2 million problems (a corpus of
about 800,000 articles at the 1.5 problems per article of a sample scrape, with every rule
selected); loading one that big takes about 1 GB (248 MB measured for 66 MiB).  The limit keeps a device (``/dev/zero``),
a FIFO or a huge file given as ``--baseline`` from eating memory or hanging the run."""
_V1_TEXT = 80
"""How much of the snippet a format 1 entry stored (its ``text``)."""


class BaselineError(ValueError):
    """A baseline file that cannot be read."""


_TAG = re.compile(r"<[^<>]{0,500}>|<[^<>]{0,500}\Z")
"""A tag, or one cut off by the snippet's end (NL102's fix removes tags)."""
_MD_LINK = re.compile(r"!?\[([^\[\]]{0,500})\]\([^()\s]{0,2000}\)")
"""``[text](target)``: NL103's fix keeps the text, so the target is left out."""


def anchor(text: str) -> str:
    """The part of ``text`` that other rules' fixes leave alone (see the module's docstring)."""
    for _ in range(3):  # ``&amp;amp;`` is decoded a layer at a time, by fix after fix
        if "&" not in text:
            break
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", _repaired(text))
    text = text.casefold()
    # Most snippets hold forty letters and digits in their first 100 characters.
    kept = _NOT_ALNUM.sub("", text[:100])
    if len(kept) < ANCHOR_LENGTH and len(text) > 100:
        kept = _NOT_ALNUM.sub("", text)
    return kept[:ANCHOR_LENGTH]


_NOT_ALNUM = re.compile(r"[\W_]+")
"""What is not a letter or a digit (``str.isalnum``): one regex pass, not a loop in Python."""


def _repaired(text: str) -> str:
    """``text`` with the mojibake NL301 repairs repaired (its own analysis, so they agree)."""
    from newslint.rules._encoding import analyse, is_bad

    if not is_bad(text):  # what NL301's analysis needs to repair anything: most text is clean
        return text
    repairs = analyse(text).repairs
    for start, end, replacement in sorted(repairs, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _text_key(snippet: str) -> str:
    found = anchor(snippet)
    if found:
        return "a:" + found
    return "t:" + " ".join(snippet.split())  # only markup, entities or spaces: the damage itself


def _hash(code: str, path: str, record_key: str, field: str, text: str) -> str:
    parts = (code, path, record_key, field, text)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


@functools.lru_cache(maxsize=4096)
def _posix(path: str) -> str:
    """``path`` with forward slashes (a run has few paths and many problems in each)."""
    return Path(path).as_posix()


def fingerprint(diagnostic: Diagnostic) -> str:
    """The diagnostic's identity across runs: no line, column or text other rules repair."""
    return _hash(
        diagnostic.code,
        _posix(diagnostic.path),
        diagnostic.record_key,
        diagnostic.field or "",
        _text_key(diagnostic.snippet),
    )


def legacy_fingerprint(diagnostic: Diagnostic) -> str:
    """Format 1's fingerprint: the whole snippet as written, whitespace collapsed."""
    return _hash(
        diagnostic.code,
        _posix(diagnostic.path),
        diagnostic.record_key,
        diagnostic.field or "",
        " ".join(diagnostic.snippet.split()),
    )


def write(path: Path, diagnostics: Iterable[Diagnostic]) -> int:
    """Write a baseline of ``diagnostics``; return how many entries it has."""
    entries = [
        {
            "fingerprint": fingerprint(d),
            "code": d.code,
            "path": Path(d.path).as_posix(),
            "record": d.record_key or d.record,
            "field": d.field,
            "text": d.snippet[:_V1_TEXT],
        }
        for d in diagnostics
    ]
    entries.sort(key=lambda entry: (entry["path"], entry["code"], entry["fingerprint"]))
    payload = {"newslint": __version__, "version": FORMAT_VERSION, "entries": entries}
    text = json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
    # A lone surrogate (a JSON escape in an article, a file name that is not UTF-8) cannot be
    # UTF-8: it is written as the escape it came from.  Everything is encoded before the file
    # is touched, and the file is replaced whole: a failure leaves the old baseline as it was.
    data = _LONE_SURROGATE.sub(_escaped, text).encode("utf-8")
    if len(data) > SIZE_LIMIT:  # never write a baseline that ``load`` refuses
        raise OSError(
            errno.EFBIG,
            f"{len(entries)} problems make a baseline larger than {SIZE_LIMIT >> 20} MiB, "
            "which newslint would not read; not written",
        )
    from newslint.files import write_atomic  # only --write-baseline writes one

    write_atomic(path, data)
    return len(entries)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def load(path: Path) -> Counter[str]:
    """The fingerprints a baseline holds, counted; ``BaselineError`` (one line naming the file)
    if it cannot be read, is not a regular file of at most ``SIZE_LIMIT`` bytes, or is not a
    baseline.  Format 1 entries are migrated (``_migrate``)."""
    from newslint.config import NotReadable, read_regular_file

    try:
        payload = json.loads(read_regular_file(path, SIZE_LIMIT).decode("utf-8"))
        version = payload.get("version")
        if version not in READABLE_VERSIONS:
            raise BaselineError(f"{path}: unsupported baseline version {version!r}")
        if version == 1:
            return Counter(_migrate(entry) for entry in payload["entries"])
        return Counter(str(entry["fingerprint"]) for entry in payload["entries"])
    except BaselineError:
        raise
    except NotReadable as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc}") from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BaselineError(
            f"{path}: not a newslint baseline ({type(exc).__name__}: {exc})"
        ) from None


def _migrate(entry: Mapping[str, Any]) -> str:
    """A format 1 entry's format 2 fingerprint.

    Format 1 stored the code, the path, the record (its id or url, else its number), the
    first 80 characters of the snippet and the fingerprint, but not the field.  The field is
    recovered by hashing the stored text with each field the rule reads until the format 1
    fingerprint comes out (the text is the whole snippet when shorter than 80 characters:
    most problems).  A longer snippet cannot be checked that way: its field is taken to be
    ``url`` if it is the start of the article's url (its record key) and the rule reads URLs,
    else ``body`` if the rule reads it
    (long text is body text), else the rule's first field.  A wrong guess shows an old
    problem as new, never hides a new one.  The anchor of a long snippet comes from its first
    80 characters, which hold its first 40 letters and digits unless it is mostly markup or
    mojibake (80 characters of mis-decoded Cyrillic are 40 letters and spaces): such an
    entry matches nothing (0.18% of the 20,294 entries of a mixed test corpus) and its
    problem shows as new until the baseline is written again.
    """
    code, path, text = str(entry["code"]), str(entry["path"]), str(entry["text"])
    record = entry.get("record")
    record_key = record if isinstance(record, str) else ""
    old = str(entry["fingerprint"])
    fields = _fields_of(code)
    for field in ("", *fields):
        if _hash(code, path, record_key, field, " ".join(text.split())) == old:
            return _hash(code, path, record_key, field, _text_key(text))
    return _hash(code, path, record_key, _guess_field(text, record_key, fields), _text_key(text))


def _guess_field(text: str, record_key: str, fields: tuple[str, ...]) -> str:
    """The field of a long format 1 snippet: ``url`` if it is the start of the article's url
    (its record key, whitespace removed as in the snippet's), else ``body``."""
    joined = "".join(text.split())
    if "url" in fields and joined and record_key.startswith("url=" + joined):
        return "url"
    return "body" if "body" in fields or not fields else fields[0]


_FIELDS: dict[str, tuple[str, ...]] = {}
_EVERY_FIELD = ("title", "byline", "published", "url", "caption", "body", "related")


def _fields_of(code: str) -> tuple[str, ...]:
    """The fields rule ``code`` reads (every field for a code no rule has any more)."""
    if not _FIELDS:
        from newslint.registry import all_rules

        _FIELDS.update((rule.code, tuple(rule.fields)) for rule in all_rules())
    return _FIELDS.get(code, _EVERY_FIELD)


@dataclass(frozen=True, slots=True)
class Filtered:
    new: list[Diagnostic]
    """Problems not in the baseline."""
    known: int
    """Problems the baseline accepted."""
    stale: int
    """Baseline entries that matched nothing: fixed since, or changed."""


def apply(baseline: Counter[str], diagnostics: Sequence[Diagnostic]) -> Filtered:
    remaining = Counter(baseline)
    new: list[Diagnostic] = []
    for diagnostic in diagnostics:
        key = fingerprint(diagnostic)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            new.append(diagnostic)
    known = len(diagnostics) - len(new)
    return Filtered(new, known, sum(remaining.values()))
