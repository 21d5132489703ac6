"""Baselines: adopt newslint on a corpus that already has problems, and stop new ones.

``--write-baseline FILE`` records today's problems; ``--baseline FILE`` then reports
only problems that are not in it.  A fingerprint does not depend on line numbers:
it is the rule, the path, the article's id or url (or, without one, nothing), the
field and the offending text, so edits elsewhere in a file do not revive old
problems.  Identical problems in one article are counted, not merged.
"""

from __future__ import annotations

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
    from newslint.files import write_atomic  # only --write-baseline writes one

    write_atomic(path, data)
    return len(entries)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def load(path: Path) -> Counter[str]:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        if payload.get("version") != FORMAT_VERSION:
            raise BaselineError(f"{path}: unsupported baseline version {payload.get('version')!r}")
        return Counter(str(entry["fingerprint"]) for entry in payload["entries"])
    except BaselineError:
        raise
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
