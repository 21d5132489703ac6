"""``--diff``: what ``--fix`` would change, as unified diffs.

A ``.txt`` or ``.json`` file gets a unified diff of the file (``patch`` and ``git apply``
can apply it).  A JSONL record is one line of up to tens of thousands of characters with
its text escaped (``\\n``, ``\\u00e9``): a diff of that line shows two walls of JSON.  So a
JSONL file gets, for each record and field a fix changes, a diff of the field's decoded
text, under a header that says which record (its line, and its ``id`` or ``url``) and
which field::

    --- a/corpus.jsonl (record 12, id "abc", field body)
    +++ b/corpus.jsonl (record 12, id "abc", field body)
    @@ -3 +3 @@
    -The **talks** ended.
    +The talks ended.

Such a diff is for reading, not for ``patch`` (its lines are a field's, not the file's).
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from newslint.model import Article

_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")


def lines(text: str) -> list[str]:
    """Lines with their endings, split on newlines only (not on U+2028 and friends)."""
    return _LINE.findall(text)


def unified(before: str, after: str, old_name: str, new_name: str, end: str = "file") -> str:
    """A unified diff of two texts; a last line without a newline is marked, as ``diff`` does."""
    diff_lines = difflib.unified_diff(lines(before), lines(after), old_name, new_name)
    return "".join(
        line if line.endswith("\n") else f"{line}\n\\ No newline at end of {end}\n"
        for line in diff_lines
    )


def file_diff(path: str, before: str, after: str) -> str:
    """The diff of a whole file (``.txt``, ``.json``)."""
    return unified(before, after, f"a/{path}", f"b/{path}")


def record_label(record: int | None, values: dict[str, Any], field: str) -> str:
    """``record 12, id "abc", field body``: where a JSONL record's field is."""
    parts = [] if record is None else [f"record {record}"]
    for key in ("id", "url"):
        value = values.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            parts.append(f"{key} {json.dumps(value, ensure_ascii=False)}")
            break
    parts.append(f"field {field}")
    return ", ".join(parts)


def _as_text(value: object) -> str:
    """A field's value as diffable lines: a string as it reads, a list one item a line."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, list):
        return "".join(
            (item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)) + "\n"
            for item in value
        )
    return json.dumps(value, ensure_ascii=False) + "\n"


def record_diffs(
    path: str,
    before: Sequence[Article],
    after: Sequence[Article],
    first_line: int = 0,
) -> str:
    """The diff of each field a fix changed, record by record (the articles of a JSONL file
    before and after its fixes: fixes change fields, never which records there are)."""
    out: list[str] = []
    for old, new in zip(before, after, strict=False):
        if old.values == new.values:
            continue
        record = None if old.record is None else old.record + first_line
        for name in _changed_fields(old.values, new.values):
            label = record_label(record, old.values, name)
            out.append(
                unified(
                    _as_text(old.values.get(name)),
                    _as_text(new.values.get(name)),
                    f"a/{path} ({label})",
                    f"b/{path} ({label})",
                    end="field",
                )
            )
    return "".join(out)


def _changed_fields(old: dict[str, Any], new: dict[str, Any]) -> Iterable[str]:
    """The fields whose values differ, in the record's order (new fields last)."""
    for name in old:
        if old[name] != new.get(name, _ABSENT):
            yield name
    for name in new:
        if name not in old:
            yield name


_ABSENT = object()
