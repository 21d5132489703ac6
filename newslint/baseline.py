"""Baselines: adopt newslint on a corpus that already has problems, and stop new ones.

``--write-baseline FILE`` records today's problems; ``--baseline FILE`` then reports
only problems that are not in it.  A fingerprint does not depend on line numbers:
it is the rule, the path, the article's id or url (or, without one, nothing), the
field and the offending text, so edits elsewhere in a file do not revive old
problems.  Identical problems in one article are counted, not merged.
"""

from __future__ import annotations

import errno
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newslint import __version__
from newslint.diagnostics import Diagnostic

FORMAT_VERSION = 1
SIZE_LIMIT = 256 << 20
"""A baseline is read only if it is a regular file of at most 256 MiB, and none larger is
written.  An entry takes about 200 bytes, so that is some 1.2 million problems (a corpus of
about 800,000 articles at the 1.5 problems per article of a sample scrape, with every rule
selected); loading one that big takes about 1 GB (248 MB measured for 66 MiB).  The limit keeps a device (``/dev/zero``),
a FIFO or a huge file given as ``--baseline`` from eating memory or hanging the run."""


class BaselineError(ValueError):
    """A baseline file that cannot be read."""


def fingerprint(diagnostic: Diagnostic) -> str:
    parts = (
        diagnostic.code,
        Path(diagnostic.path).as_posix(),
        diagnostic.record_key,
        diagnostic.field or "",
        " ".join(diagnostic.snippet.split()),
    )
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def write(path: Path, diagnostics: Iterable[Diagnostic]) -> int:
    """Write a baseline of ``diagnostics``; return how many entries it has."""
    entries = [
        {
            "fingerprint": fingerprint(d),
            "code": d.code,
            "path": Path(d.path).as_posix(),
            "record": d.record_key or d.record,
            "text": d.snippet[:80],
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
    baseline."""
    from newslint.config import NotReadable, read_regular_file

    try:
        payload = json.loads(read_regular_file(path, SIZE_LIMIT).decode("utf-8"))
        if payload.get("version") != FORMAT_VERSION:
            raise BaselineError(f"{path}: unsupported baseline version {payload.get('version')!r}")
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
