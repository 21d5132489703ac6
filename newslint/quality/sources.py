"""``newslint report --from FILE``: the report's input read from files a run already wrote.

Two kinds of file are read, line by line, each line deciding for itself:

- *diagnostics*: one problem per object, as ``newslint --format json`` (an array) or
  ``--format json-lines`` write them, and as ``newslint --engine ray`` writes
  ``OUTPUT/diagnostics.jsonl`` (the CLI's objects for JSONL input; for Parquet input the
  path, the record number and ``Diagnostic.as_dict()``).  Such a file says nothing of the
  articles without problems, so article counts are unknown; where the checked file is
  still at the path it names, it is read for its articles' URLs, fields and text
  (domains, groups, examples), else those are unknown too.
- *records*: one article per line with its diagnostics in a ``newslint`` column
  (``Diagnostic.as_dict()`` objects), as Ray's ``check_dataset``/``fix_dataset`` and
  datatrove's ``NewslintStep`` leave them: top level (a dataset written as JSON,
  ``record_adapter``), or in ``metadata`` with the text in ``text`` (datatrove's default
  ``JsonlWriter``, which writes the list as JSON text).  Every article is there, so every figure is known.

A line that is neither is a read error naming the file and line; the other lines still count.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from newslint.context import RunContext
from newslint.diagnostics import (
    Applicability,
    Diagnostic,
    Edit,
    Fix,
    ListAppend,
    Location,
    ReadError,
    Severity,
)
from newslint.quality.aggregate import FileCensus, read_census
from newslint.runner import FileResult
from newslint.statistics import CorpusStatistics, DomainCounts

COLUMN = "newslint"
"""The diagnostics column of Ray's and datatrove's output (their default name)."""
READER_KEYS = ("file_path",)
"""Metadata datatrove's readers add, which is not part of the article."""


class SourceError(ValueError):
    """A ``--from`` file that cannot be read at all (missing, not JSON, not UTF-8)."""


@dataclass(slots=True)
class Loaded:
    """What the ``--from`` files hold, in the shape ``aggregate`` takes."""

    results: list[FileResult] = field(default_factory=list)
    censuses: dict[str, FileCensus] = field(default_factory=dict)
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """Each records file's articles, without their diagnostics column (to fix in memory)."""
    diagnostics_only: list[str] = field(default_factory=list)
    """The files that held diagnostics, not records."""
    unseen: list[str] = field(default_factory=list)
    """Checked files named by diagnostics that are not here to read."""
    errors: list[ReadError] = field(default_factory=list)
    """Lines of the ``--from`` files that are neither a diagnostic nor a record."""


def load(
    files: Sequence[str],
    text_field: str = "body",
    read_sources: bool = True,
    context: RunContext | None = None,
) -> Loaded:
    """Read every ``--from`` file; ``SourceError`` for one that cannot be read at all.

    ``text_field``: the article field a datatrove document's ``text`` is.  ``read_sources``:
    read the files that diagnostics name, if they are here (``FileCensus``), as the run's
    ``context`` reads them (its field map).
    """
    loaded = Loaded()
    diagnostics: dict[str, list[Diagnostic]] = {}
    identities: dict[str, dict[int | None, dict[str, Any]]] = {}
    errors: list[ReadError] = []
    for name in files:
        records: list[dict[str, Any]] = []
        record_diagnostics: list[Diagnostic] = []
        for line, item in _items(name, errors):
            if not isinstance(item, dict):
                errors.append(ReadError(name, "not a JSON object", line))
                continue
            try:
                if "code" in item and "message" in item and COLUMN not in item:
                    found = _diagnostic(item)
                    diagnostics.setdefault(found.path, []).append(found)
                    _remember_article(identities, found, item)
                    continue
                record, column = _record(item, text_field)
                index = len(records)
                made = [Diagnostic.from_dict(entry) for entry in column]  # all, or none
                for found in made:
                    found.path, found.record, found.article_index = name, line, index
                    found.snippet = _snippet(record, found)
                    found.record_key = _record_key(record)
                record_diagnostics.extend(made)
                records.append(record)
            except (KeyError, TypeError, ValueError) as exc:
                why = f"{type(exc).__name__}: {exc}"
                errors.append(ReadError(name, f"not a newslint diagnostic or record ({why})", line))
        if records:
            statistics = CorpusStatistics([DomainCounts])
            for record in records:
                statistics.observe(_Observed(record))
            loaded.results.append(
                FileResult(name, record_diagnostics, articles=len(records), statistics=statistics)
            )
            loaded.censuses[name] = FileCensus([r.get("url") for r in records], "", records)
            loaded.records[name] = records
    for path, located in diagnostics.items():
        census = _census_of(path, context or RunContext()) if read_sources else None
        if census is None:
            loaded.unseen.append(path)
            census = FileCensus([], known=False)
            _index_articles(located, census)
            census = _identified(located, identities.get(path, {}))
        else:
            _index_articles(located, census)
        loaded.censuses[path] = census
        loaded.results.append(FileResult(path, located))
    loaded.diagnostics_only = sorted({n for n in files if n not in loaded.records})
    loaded.errors = errors
    return loaded


def _items(name: str, errors: list[ReadError]) -> Iterator[tuple[int, Any]]:
    """(line, value) for each JSON value of the file: the elements of an array, or a line's;
    a Parquet file's rows (numbered from 1)."""
    if name.lower().endswith(".parquet"):
        yield from enumerate(_parquet_rows(name), 1)
        return
    path = Path(name)
    if not path.exists():
        raise SourceError(f"{name}: cannot read: no such file")
    if not path.is_file():  # a folder, a FIFO or a device (/dev/zero) would never end
        raise SourceError(f"{name}: cannot read: not a regular file")
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
            handle.seek(0)
            if head.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"["):
                yield from _array(name, handle.read())
                return
            yield from _lines(name, handle, errors)
    except OSError as exc:
        raise SourceError(f"{name}: cannot read: {exc.strerror or exc}") from None


def _lines(name: str, handle: IO[bytes], errors: list[ReadError]) -> Iterator[tuple[int, Any]]:
    """Each line's JSON value, split at b"\\n" only: a JSON string may hold U+2028, which
    ``str.splitlines`` would break a line at; a big file is never read whole."""
    for number, raw in enumerate(handle, 1):
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if not raw.strip():
            continue
        try:
            yield number, json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            errors.append(ReadError(name, f"not UTF-8 (byte {exc.start})", number))
        except json.JSONDecodeError as exc:
            errors.append(ReadError(name, f"not JSON: {exc.msg}", number, exc.colno))


def _array(name: str, data: bytes) -> Iterator[tuple[int, Any]]:
    """The elements of ``--format json``'s array, numbered by the line the CLI writes each on."""
    try:
        values = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise SourceError(f"{name}: not UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise SourceError(f"{name}:{exc.lineno}:{exc.colno}: not JSON: {exc.msg}") from None
    if not isinstance(values, list):
        raise SourceError(f"{name}: not a JSON array")
    yield from ((index + 2, value) for index, value in enumerate(values))


def _parquet_rows(name: str) -> list[dict[str, Any]]:
    """A Parquet file's rows as dicts (a dataset Ray's ``check_dataset`` wrote)."""
    try:
        import pyarrow.parquet as pq  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        raise SourceError(
            f"{name}: reading Parquet needs pyarrow (pip install 'newslint[ray]')"
        ) from None
    try:
        rows: list[dict[str, Any]] = pq.read_table(name).to_pylist()
    except OSError as exc:  # pyarrow's ArrowIOError too
        raise SourceError(f"{name}: cannot read: {exc.strerror or exc}") from None
    except ValueError as exc:  # ArrowInvalid: not Parquet
        raise SourceError(f"{name}: not a Parquet file ({exc})") from None
    return rows


def _diagnostic(item: Mapping[str, Any]) -> Diagnostic:
    """A diagnostic from the CLI's object (file locations) or Ray's Parquet one (field offsets)."""
    fix = item.get("fix")
    made_fix = None
    if isinstance(fix, Mapping):
        edits = tuple(
            Edit(e["field"], e["start"], e["end"], e["content"])
            for e in fix.get("edits", ())
            if "field" in e
        )
        appends = tuple(ListAppend(**a) for a in fix.get("appends", ()))
        made_fix = Fix(str(fix["message"]), Applicability(fix["applicability"]), edits, appends)
    line = item.get("line")
    location = None
    if isinstance(line, int):
        location = Location(
            line,
            int(item.get("column") or 1),
            int(item.get("end_line") or line),
            int(item.get("end_column") or item.get("column") or 1),
        )
    record = item.get("record")
    return Diagnostic(
        str(item["code"]),
        str(item.get("name", "")),
        str(item["message"]),
        Severity(item.get("severity", "warning")),
        item.get("field"),
        # The CLI's objects have file locations only: -1 says the field offsets are unknown.
        int(item["start"]) if isinstance(item.get("start"), int) else -1,
        int(item["end"]) if isinstance(item.get("end"), int) else -1,
        made_fix,
        path=str(item["path"]),
        record=record if isinstance(record, int) else None,
        location=location,
        snippet=str(item.get("snippet") or ""),
    )


def _record(item: dict[str, Any], text_field: str) -> tuple[dict[str, Any], list[Any]]:
    """The article a line holds and its diagnostics column (``KeyError`` if it has none)."""
    if COLUMN in item:
        column = item[COLUMN]
        record = {key: value for key, value in item.items() if key != COLUMN}
    else:
        metadata = item["metadata"]
        if not isinstance(metadata, dict) or COLUMN not in metadata:
            raise KeyError(COLUMN)
        column = metadata[COLUMN]
        record = {
            key: value
            for key, value in metadata.items()
            if key != COLUMN and key not in READER_KEYS
        }
        record[text_field] = item.get("text")
        if "id" in item:
            record.setdefault("id", item["id"])
    if column is None:
        column = []
    if isinstance(column, str):  # datatrove's default writer stores metadata lists as JSON text
        column = json.loads(column)
    if not isinstance(column, list):
        raise TypeError(f"the {COLUMN!r} column is not a list")
    return record, column


def _snippet(record: Mapping[str, Any], diagnostic: Diagnostic) -> str:
    value = record.get(diagnostic.field) if diagnostic.field else None
    if not isinstance(value, str):
        return ""
    return value[diagnostic.start : min(diagnostic.end, diagnostic.start + 200)]


def _record_key(record: Mapping[str, Any]) -> str:
    for name in ("id", "url"):
        value = record.get(name)
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            return f"{name}={''.join(str(value).split())}"
    return ""


@dataclass(slots=True)
class _Observed:
    """A record as ``DomainCounts`` observes an article."""

    values: dict[str, Any]

    def text(self, name: str) -> str | None:
        value = self.values.get(name)
        return value if isinstance(value, str) else None


def _census_of(path: str, context: RunContext) -> FileCensus | None:
    """The checked file's articles and text, if it is here and reads as a file newslint checks."""
    if not Path(path).is_file():
        return None
    census = read_census(path, context)
    return census if census.values else None


def _remember_article(
    identities: dict[str, dict[int | None, dict[str, Any]]],
    diagnostic: Diagnostic,
    item: Mapping[str, Any],
) -> None:
    """Keep the ``record_id`` and ``record_url`` a diagnostic object carries (newer CLI output),
    for when the checked file is not here."""
    known = {
        name: item[key]
        for name, key in (("id", "record_id"), ("url", "record_url"))
        if item.get(key) is not None
    }
    if known:
        identities.setdefault(diagnostic.path, {}).setdefault(diagnostic.record, {}).update(known)


def _identified(
    diagnostics: Sequence[Diagnostic], identities: Mapping[int | None, Mapping[str, Any]]
) -> FileCensus:
    """What the diagnostics themselves say of their articles (ids, urls): their domains and
    examples' ids are known, their other fields and text are not."""
    size = max((d.article_index for d in diagnostics), default=-1) + 1
    values: list[dict[str, Any]] = [{} for _ in range(size)]
    for diagnostic in diagnostics:
        if diagnostic.article_index >= 0:
            values[diagnostic.article_index].update(identities.get(diagnostic.record, {}))
    if not any(values):
        return FileCensus([], known=False)
    return FileCensus([v.get("url") for v in values], "", values, known=False)


def _index_articles(diagnostics: Sequence[Diagnostic], census: FileCensus) -> None:
    """Give each diagnostic its article's index: by record line in a JSONL file the report
    could read, else one index per distinct record (each a different article)."""
    records = sorted({d.record for d in diagnostics if d.record is not None})
    position = {record: index for index, record in enumerate(records)}
    lines = census.records if census.known else []
    by_line = {line: index for index, line in enumerate(lines) if line is not None}
    for diagnostic in diagnostics:
        record = diagnostic.record
        if record is None:
            diagnostic.article_index = 0
        elif record in by_line:
            diagnostic.article_index = by_line[record]
        else:
            diagnostic.article_index = position[record] if not by_line else -1
        _locate_in_field(diagnostic, census)


def _locate_in_field(diagnostic: Diagnostic, census: FileCensus) -> None:
    """Field offsets for a diagnostic that has only a file location (the CLI's objects), from
    the checked file if it is here: the report then shows the field's decoded text."""
    loc, name = diagnostic.location, diagnostic.field
    if diagnostic.start >= 0 or loc is None or name is None or not census.known:
        return
    start = census.offset(loc.line, loc.column)
    end = census.offset(loc.end_line, loc.end_column)
    if start is None or end is None:
        return
    found = census.field_offsets(diagnostic.article_index, name, start, end)
    if found is not None:
        diagnostic.start, diagnostic.end = found
