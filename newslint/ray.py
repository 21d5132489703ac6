"""Ray Data integration (``pip install 'newslint[ray]'``): lint or fix datasets on a cluster.

``check_dataset`` and ``fix_dataset`` take a ``ray.data.Dataset`` of article records and
return it with a ``newslint`` column of diagnostics (and, for ``fix_dataset``, the records
fixed), batch by batch through ``map_batches``.  Each record goes through
``newslint.lint_record`` / ``fix_record``, so results are the library's, which are the CLI's.
A record that cannot be checked (bytes, a value JSON cannot hold, a record too large) never
aborts the job: its column holds one ``error`` entry instead, and ``summarize`` counts them.

``run_ray_engine`` is ``newslint --engine ray INPUT... OUTPUT``: Ray Data reads the files
(local paths or URIs such as ``s3://`` and ``gs://``, through pyarrow filesystems), the
workers check (and fix) them batch by batch, and Ray's write tasks write OUTPUT: the fixed
data and the diagnostics.  The driver only merges the diagnostics parts and adds up counts.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import json
import logging
import os
import pickle
import posixpath
import sys
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TextIO

from newslint import pickled_by_name
from newslint.arrow import diagnostics_type

try:
    import pyarrow as pa  # type: ignore[import-untyped,import-not-found,unused-ignore]
    import pyarrow.compute  # type: ignore[import-untyped,import-not-found,unused-ignore]
    import pyarrow.fs as pafs  # type: ignore[import-untyped,import-not-found,unused-ignore]
    import pyarrow.parquet as pq  # type: ignore[import-untyped,import-not-found,unused-ignore]
    import ray  # type: ignore[import-not-found,unused-ignore]
    import ray.data  # type: ignore[import-not-found,unused-ignore]
    from ray.data.block import BlockAccessor  # type: ignore[import-not-found,unused-ignore]
    from ray.data.datasource import (  # type: ignore[import-not-found,unused-ignore]
        Datasink,
        FileBasedDatasource,
    )
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(f"newslint.ray needs Ray Data: pip install 'newslint[ray]' ({exc})") from None

from newslint import jsonstr
from newslint.config import Configuration
from newslint.diagnostics import Applicability
from newslint.jsonstr import JsonStyle
from newslint.output.machine import as_dict, json_safe
from newslint.records import RECORD_PATH, FixResult, RecordError, as_dicts, is_missing
from newslint.report import summary
from newslint.run import Run
from newslint.statistics import CorpusStatistics, Statistic

__all__ = [
    "DIAGNOSTICS_TYPE",
    "ERROR_CODE",
    "RayOptions",
    "Summary",
    "check_dataset",
    "fix_dataset",
    "learn_dataset",
    "run_ray_engine",
    "summarize",
]

COLUMN = "newslint"
"""The default name of the diagnostics column."""

DIAGNOSTICS_TYPE = diagnostics_type()
"""The Arrow type of the diagnostics column: a list of ``Diagnostic.as_dict()`` structs.

Fixed, so that batches without any fix (or any diagnostic) still agree on the schema.
A record that could not be checked holds one entry with ``code`` ``ERROR_CODE``."""

ERROR_CODE = "error"
"""The ``code`` of the entry a record gets when it cannot be checked (never a rule's code)."""

MAX_RECORD_SIZE = 64 << 20
"""Records larger than this (characters of text, or bytes of a JSONL line) are not checked:
they get an error entry, so that one pathological row cannot stall or kill a worker."""

FIRST_ERRORS = 5
"""How many error messages a summary keeps (the count covers them all)."""

_PATH = "__newslint_path"
_RECORD = "__newslint_record"
_READ_ERROR = "__newslint_read_error"
"""The column of the one-row block a Parquet file that cannot be read gives instead of rows."""


@dataclass(frozen=True)
class RayOptions:
    """How Ray runs the map step: passed through to ``Dataset.map_batches``.

    ``concurrency``: the number of tasks (or a ``(min, max)`` range); ``num_cpus``: CPUs
    reserved per task; ``ray_remote_args``: any other ``ray.remote`` option (``memory``,
    ``resources``, ``runtime_env``, ``scheduling_strategy``...).  None leaves Ray's default.
    ``batch_size``: records per batch of the engine's map step (and rows per block of its
    Parquet reader); ``check_dataset`` and the others take their own ``batch_size``.
    """

    concurrency: int | tuple[int, int] | None = None
    num_cpus: float | None = None
    ray_remote_args: Mapping[str, Any] = field(default_factory=dict)
    batch_size: int = 256

    def map_kwargs(self) -> dict[str, Any]:
        """The keyword arguments for ``map_batches`` (only those set)."""
        kwargs: dict[str, Any] = dict(self.ray_remote_args)
        if self.concurrency is not None:
            kwargs["concurrency"] = self.concurrency
        if self.num_cpus is not None:
            kwargs["num_cpus"] = self.num_cpus
        return kwargs

    @classmethod
    def parse(cls, text: str, source: str) -> RayOptions:
        """Options from JSON (``NEWSLINT_RAY_OPTIONS``); ``ValueError`` with a one-line reason."""
        try:
            raw = json.loads(text)
        except ValueError as exc:
            raise ValueError(f"{source}: invalid JSON: {exc}") from None
        if not isinstance(raw, dict):
            raise ValueError(f"{source}: expected a JSON object")
        unknown = sorted(set(raw) - {"concurrency", "num_cpus", "ray_remote_args", "batch_size"})
        if unknown:
            raise ValueError(
                f"{source}: unknown key {unknown[0]!r} "
                "(allowed: batch_size, concurrency, num_cpus, ray_remote_args)"
            )
        concurrency = raw.get("concurrency")
        if isinstance(concurrency, list) and len(concurrency) == 2:
            concurrency = (concurrency[0], concurrency[1])
        valid_concurrency = concurrency is None or (
            (isinstance(concurrency, int) and concurrency > 0)
            or (
                isinstance(concurrency, tuple)
                and all(isinstance(n, int) and n > 0 for n in concurrency)
            )
        )
        if not valid_concurrency or isinstance(concurrency, bool):
            raise ValueError(f"{source}: concurrency: expected a positive number or [min, max]")
        num_cpus = raw.get("num_cpus")
        if num_cpus is not None and (
            isinstance(num_cpus, bool) or not isinstance(num_cpus, (int, float)) or num_cpus < 0
        ):
            raise ValueError(f"{source}: num_cpus: expected a number of CPUs")
        remote = raw.get("ray_remote_args", {})
        if not isinstance(remote, dict):
            raise ValueError(f"{source}: ray_remote_args: expected a JSON object")
        batch = raw.get("batch_size", 256)
        if isinstance(batch, bool) or not isinstance(batch, int) or batch < 1:
            raise ValueError(f"{source}: batch_size: expected a positive number")
        return cls(concurrency, num_cpus, remote, batch)


OPTIONS_VARIABLE = "NEWSLINT_RAY_OPTIONS"
"""Environment variable with ``RayOptions`` as JSON, for ``--engine ray`` from the CLI."""


# -- one record, never raising -----------------------------------------------------------------


def error_entry(message: str) -> dict[str, Any]:
    """The column entry of a record that could not be checked (``DIAGNOSTICS_TYPE``)."""
    return {
        "code": ERROR_CODE,
        "name": "record-error",
        "message": message,
        "severity": "error",
        "field": None,
        "start": None,
        "end": None,
        "snippet": None,
        "fix": None,
    }


def _reason(exc: Exception) -> str:
    """One line saying why a record failed: the library's message, or the exception's."""
    text = str(exc) if isinstance(exc, RecordError) else f"{type(exc).__name__}: {exc}"
    line = " ".join(text.split())
    return line if len(line) <= 300 else line[:297] + "..."


def _size(record: Any) -> int:
    """The characters of text in a record's top-level string (and bytes) values."""
    if not isinstance(record, Mapping):
        return 0
    return sum(len(v) for v in record.values() if isinstance(v, (str, bytes)))


def _too_large(size: int, limit: int) -> str:
    return f"record is too large to check: {size} characters of text (the limit is {limit})"


def _lint_one(
    settings: Run, record: Any, drop_missing: bool, limit: int
) -> tuple[list[dict[str, Any]], str | None]:
    """The record's column value and, if it could not be checked, why."""
    size = _size(record)
    if size > limit:
        message = _too_large(size, limit)
        return [error_entry(message)], message
    try:
        return as_dicts(settings.lint_record(record, drop_missing=drop_missing)), None
    except Exception as exc:  # one bad row must not abort the job
        message = _reason(exc)
        return [error_entry(message)], message


def _fix_one(
    settings: Run, record: dict[str, Any], unsafe: bool | None, drop_missing: bool, limit: int
) -> tuple[FixResult, list[dict[str, Any]], str | None]:
    """The record fixed (or unchanged if it could not be), its column value, and why not."""
    size = _size(record)
    message: str | None
    if size > limit:
        message = _too_large(size, limit)
    else:
        try:
            result = settings.fix_record(record, unsafe, drop_missing=drop_missing)
            return result, as_dicts(result.remaining), None
        except Exception as exc:  # one bad row must not abort the job
            message = _reason(exc)
    return FixResult(record), [error_entry(message)], message


# -- datasets ----------------------------------------------------------------------------------


def _records(table: pa.Table, column: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = table.to_pylist()
    if column in table.column_names:
        for row in rows:
            del row[column]
    return rows


def _with_column(table: pa.Table, column: str, values: list[list[dict[str, Any]]]) -> pa.Table:
    array = pa.array(values, type=DIAGNOSTICS_TYPE)
    if column in table.column_names:
        return table.set_column(table.column_names.index(column), column, array)
    return table.append_column(column, array)


def _check_batch(
    table: pa.Table, settings: Run, column: str, drop_missing: bool, limit: int = MAX_RECORD_SIZE
) -> pa.Table:
    values = [
        _lint_one(settings, record, drop_missing, limit)[0] for record in _records(table, column)
    ]
    return _with_column(table, column, values)


def _related_name(settings: Run) -> str:
    """The dataset's name for the ``related`` list that promo fixes append to."""
    names = {schema: dataset for dataset, schema in settings.read_options.field_map.items()}
    return names.get("related", "related")


_ARROW_ERRORS = (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError)


def _fixed_column(
    name: str,
    original: Any,
    records: list[dict[str, Any]],
    results: list[FixResult],
    related: str,
) -> Any:
    """A column of the fixed batch: the original array where no fix touched it, else rebuilt.

    ``related`` is always a list of strings, so batches agree on its type whether or not a
    promo was moved into it (readers that go through pandas give it as Python objects,
    with NaN where a record has none).
    """
    values = [result.record.get(name) for result in results]
    changed = any(
        value is not record.get(name) for value, record in zip(values, records, strict=True)
    )
    if name == related:
        try:
            return pa.array(
                [None if is_missing(value) else value for value in values],
                type=pa.list_(pa.string()),
            )
        except _ARROW_ERRORS:
            pass
    if not changed and original is not None:
        return original
    try:
        return pa.array(values, type=original.type if original is not None else None)
    except _ARROW_ERRORS:
        return pa.array(values, from_pandas=True)


def _fixed_table(
    table: pa.Table,
    names: list[str],
    records: list[dict[str, Any]],
    results: list[FixResult],
    related: str,
) -> pa.Table:
    """The columns ``names`` of ``table`` with the fixes applied (and ``related`` added)."""
    arrays = [_fixed_column(name, table.column(name), records, results, related) for name in names]
    names = list(names)
    if related not in names:
        # Promo fixes may add the list: every batch gets the column, so their schemas agree.
        names.append(related)
        arrays.append(_fixed_column(related, None, records, results, related))
    return pa.Table.from_arrays(arrays, names=names)


def _fix_batch(
    table: pa.Table,
    settings: Run,
    column: str,
    unsafe: bool | None,
    drop_missing: bool,
    limit: int = MAX_RECORD_SIZE,
) -> pa.Table:
    records = _records(table, column)
    outcomes = [_fix_one(settings, record, unsafe, drop_missing, limit) for record in records]
    names = [name for name in table.column_names if name != column]
    fixed = _fixed_table(table, names, records, [o[0] for o in outcomes], _related_name(settings))
    return _with_column(fixed, column, [o[1] for o in outcomes])


def _learn_batch(
    table: pa.Table,
    settings: Run,
    kinds: tuple[type[Statistic], ...],
    column: str,
    drop_missing: bool,
    limit: int = MAX_RECORD_SIZE,
) -> pa.Table:
    """The map step: one batch's statistics, pickled into a one-row table.

    Records that cannot be read add nothing (the check pass reports them): the batch is
    learned at once, and record by record only if some record in it fails."""
    records = [r for r in _records(table, column) if _size(r) <= limit]
    try:
        learned = settings.learn_records(records, kinds, drop_missing=drop_missing)
    except Exception:  # one bad record: learn the others one by one
        learned = CorpusStatistics(kinds)
        for record in records:
            try:
                learned.merge(settings.learn_records([record], kinds, drop_missing=drop_missing))
            except Exception:  # the check pass reports the record
                continue
    return pa.table({"statistics": [pickle.dumps(learned)]})


def learn_dataset(
    dataset: ray.data.Dataset,
    settings: Run | Configuration | None = None,
    kinds: Sequence[type[Statistic]] | None = None,
    *,
    column: str = COLUMN,
    batch_size: int = 256,
    drop_missing: bool = True,
    options: RayOptions | None = None,
) -> CorpusStatistics:
    """The corpus pass as a map-reduce: each batch's statistics are collected where the batch
    is (map), then merged here (reduce).  ``kinds``: the statistics to learn (default: what
    the selected rules need).  ``check_dataset`` and ``fix_dataset`` call it themselves
    when their rules need statistics; ``Run.with_statistics`` takes what it returns."""
    resolved = Run.of(settings)
    wanted = tuple(kinds) if kinds is not None else resolved.corpus_statistics
    parts = dataset.map_batches(
        functools.partial(
            _learn_batch,
            settings=resolved,
            kinds=wanted,
            column=column,
            drop_missing=drop_missing,
        ),
        batch_format="pyarrow",
        batch_size=batch_size,
        **(options or RayOptions()).map_kwargs(),
    )
    learned = CorpusStatistics(wanted)
    for row in parts.iter_rows():  # one row per batch
        learned.merge(pickle.loads(row["statistics"]))
    return learned


def _learned(
    dataset: ray.data.Dataset,
    settings: Run,
    column: str,
    batch_size: int,
    drop_missing: bool,
    options: RayOptions | None,
) -> Run:
    """``settings`` with the statistics its rules need, learned from ``dataset`` if need be."""
    if not settings.needs_corpus_pass:
        return settings
    statistics = learn_dataset(
        dataset,
        settings,
        column=column,
        batch_size=batch_size,
        drop_missing=drop_missing,
        options=options,
    )
    return settings.with_statistics(statistics)


def check_dataset(
    dataset: ray.data.Dataset,
    settings: Run | Configuration | None = None,
    *,
    column: str = COLUMN,
    batch_size: int = 256,
    drop_missing: bool = True,
    options: RayOptions | None = None,
    max_record_size: int = MAX_RECORD_SIZE,
) -> ray.data.Dataset:
    """``dataset`` with a ``column`` of diagnostics (``Diagnostic.as_dict()`` structs) per record.

    Arrow holds a field that a record lacks as null, so ``drop_missing`` (on by default)
    reads nulls as absent fields; see ``newslint.lint_record``.  An existing ``column``
    is replaced (and is not part of the record that is checked).  A record that cannot be
    checked gets one entry with code ``ERROR_CODE`` and the reason; ``summarize`` counts
    them.  ``options``: concurrency, CPUs and remote arguments of the map step.
    """
    resolved = _learned(dataset, Run.of(settings), column, batch_size, drop_missing, options)
    return dataset.map_batches(
        functools.partial(
            _check_batch,
            settings=resolved,
            column=column,
            drop_missing=drop_missing,
            limit=max_record_size,
        ),
        batch_format="pyarrow",
        batch_size=batch_size,
        **(options or RayOptions()).map_kwargs(),
    )


def fix_dataset(
    dataset: ray.data.Dataset,
    settings: Run | Configuration | None = None,
    *,
    unsafe: bool | None = None,
    column: str = COLUMN,
    batch_size: int = 256,
    drop_missing: bool = True,
    options: RayOptions | None = None,
    max_record_size: int = MAX_RECORD_SIZE,
) -> ray.data.Dataset:
    """``dataset`` with every record fixed (``newslint.fix_record``) and a ``column`` of the
    problems left in it.

    Columns keep their types; a ``related`` column (the configuration's name for it) is
    added if the dataset has none, since promo fixes move headlines there.  A record that
    cannot be fixed is kept as it is, with an ``ERROR_CODE`` entry in ``column``.
    """
    resolved = _learned(dataset, Run.of(settings), column, batch_size, drop_missing, options)
    return dataset.map_batches(
        functools.partial(
            _fix_batch,
            settings=resolved,
            column=column,
            unsafe=unsafe,
            drop_missing=drop_missing,
            limit=max_record_size,
        ),
        batch_format="pyarrow",
        batch_size=batch_size,
        **(options or RayOptions()).map_kwargs(),
    )


@dataclass
class Summary:
    """What a checked dataset holds, added up on the workers: counts and the first errors."""

    rows: int = 0
    problems: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    """The first ``FIRST_ERRORS`` reasons a record could not be checked."""

    def add(self, other: Summary) -> None:
        self.rows += other.rows
        self.problems += other.problems
        self.failed += other.failed
        self.errors = (self.errors + other.errors)[:FIRST_ERRORS]

    def __str__(self) -> str:
        line = f"{self.rows} records, {self.problems} problems, {self.failed} could not be checked"
        return "\n".join([line, *(f"  {reason}" for reason in self.errors)])


def _summarize_batch(table: pa.Table, column: str) -> pa.Table:
    part = Summary(rows=table.num_rows)
    for entries in table.column(column).to_pylist():
        for entry in entries or ():
            if entry["code"] == ERROR_CODE:
                part.failed += 1
                if len(part.errors) < FIRST_ERRORS:
                    part.errors.append(entry["message"])
            else:
                part.problems += 1
    return pa.table({"summary": [pickle.dumps(part)]})


def summarize(dataset: ray.data.Dataset, column: str = COLUMN) -> Summary:
    """The counts of a ``check_dataset``/``fix_dataset`` result: records, problems, records
    that could not be checked and why (the first few).  Counted on the workers; the driver
    receives one small row per block."""
    total = Summary()
    parts = dataset.map_batches(
        functools.partial(_summarize_batch, column=column), batch_format="pyarrow", batch_size=None
    )
    for row in parts.iter_rows():
        total.add(pickle.loads(row["summary"]))
    return total


# -- the engine: Ray Data reads, the workers check, Ray's write tasks write ---------------------

BLOCK_BYTES = 4 << 20
"""The JSONL reader yields blocks of about this many bytes of lines."""

BYTES_PER_FILE = 64 << 20
"""Ray bundles at least this many bytes (in memory) for each write task: fixed Parquet parts
have row groups of thousands of rows, not one per record, while the map step before it runs
batch by batch, as parallel as the cluster allows."""

_JSONL_SUFFIXES = (".jsonl",)
_PARQUET_SUFFIX = ".parquet"
_OUT = "__newslint_"
"""Prefix of the engine's own columns (a dataset's columns never collide with them)."""
_KEEP = _OUT + "keep"
"""False for the row that stands for a Parquet file that could not be read (not written)."""


def _filesystem_of(location: str) -> tuple[Any, str]:
    """The pyarrow filesystem of a local path or URI (``s3://``, ``gs://``, ``file://``...),
    and the path in it.  A URI is never turned into a local path."""
    if "://" in location:
        filesystem, path = pafs.FileSystem.from_uri(location)
        return filesystem, str(path)
    return pafs.LocalFileSystem(), os.path.abspath(location).replace(os.sep, "/")


def _one_line(exc: BaseException) -> str:
    """An exception as one line, for ``newslint: error:``; Ray's task errors give their cause."""
    cause = getattr(exc, "cause", None)
    if isinstance(cause, BaseException) and cause is not exc:
        exc = cause
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    text = lines[0] if lines else type(exc).__name__
    return text if len(text) <= 400 else text[:397] + "..."


def _suffix(path: str) -> str:
    return posixpath.splitext(path)[1].lower()


@dataclass(frozen=True)
class _Input:
    path: str
    """The path in the filesystem (``bucket/key`` for ``s3://bucket/key``)."""
    display: str
    """The path as the user wrote it (or under the folder they wrote), for messages."""


def _collect_inputs(inputs: Sequence[str]) -> tuple[Any, list[_Input], list[str]]:
    """The filesystem, the files to read (folders searched for .jsonl and .parquet), errors."""
    files: list[_Input] = []
    errors: list[str] = []
    filesystems: dict[str, Any] = {}
    for name in inputs:
        scheme = name.split("://", 1)[0] if "://" in name else "local"
        try:
            filesystem, path = _filesystem_of(name)
            info = filesystem.get_file_info(path)
        except Exception as exc:  # credentials, network, unknown scheme
            errors.append(f"{name}: error: cannot open: {_one_line(exc)}")
            continue
        filesystems.setdefault(scheme, filesystem)
        if info.type == pafs.FileType.NotFound:
            errors.append(f"{name}: error: no such file or folder")
        elif info.type == pafs.FileType.Directory:
            try:
                found = filesystem.get_file_info(pafs.FileSelector(path, recursive=True))
            except Exception as exc:
                errors.append(f"{name}: error: cannot list: {_one_line(exc)}")
                continue
            wanted = sorted(
                each.path
                for each in found
                if each.type == pafs.FileType.File
                and _suffix(each.path) in (*_JSONL_SUFFIXES, _PARQUET_SUFFIX)
                and not any(
                    part.startswith(("_", "."))
                    for part in posixpath.relpath(each.path, path).split("/")
                )
            )
            if not wanted:
                errors.append(f"{name}: error: no .jsonl or .parquet files in this folder")
            for each in wanted:
                relative = posixpath.relpath(each, path)
                files.append(_Input(each, posixpath.join(name.rstrip("/"), relative)))
        elif _suffix(path) not in (*_JSONL_SUFFIXES, _PARQUET_SUFFIX):
            errors.append(f"{name}: error: the ray engine reads .jsonl and .parquet files")
        elif info.size == 0:
            errors.append(f"{name}: error: file is empty: no article to check")
        else:
            files.append(_Input(path, name))
    seen: set[str] = set()
    unique = []
    for each in files:  # a file named twice (or a file and its folder) is read once
        if each.path not in seen:
            seen.add(each.path)
            unique.append(each)
    files = unique
    if len(filesystems) > 1:
        errors.append(
            "newslint: error: the ray engine reads inputs from one filesystem at a time "
            f"(got {', '.join(sorted(filesystems))})"
        )
    return next(iter(filesystems.values()), None), files, errors


@dataclass(frozen=True)
class _Job:
    settings: Run
    fix: bool
    unsafe: bool
    displays: Mapping[str, str]
    """Each file's path in the filesystem -> its path as the user named it."""
    styles: Mapping[str, JsonStyle] = field(default_factory=dict)
    """Each JSONL file's JSON escaping style, read off the whole file as the CLI does."""
    limit: int = MAX_RECORD_SIZE

    def display(self, path: str) -> str:
        return self.displays.get(path, path)

    @property
    def indexes(self) -> dict[str, int]:
        """Each file's position in the run's list (the order of ``displays``)."""
        return {path: index for index, path in enumerate(self.displays)}


# Without Ray installed (pre-commit's environment) its classes are Any: hence the ignores below.
class _LinesDatasource(FileBasedDatasource):  # type: ignore[misc,unused-ignore]
    """JSONL files as rows of lines: ``path``, ``line`` (from 1), ``raw`` bytes, ``ending``.

    Ray's file reading (filesystems, URIs, retries, read tasks spread over the cluster)
    with newslint's reading of a line: bytes, never decoded here, so that a line that is
    not UTF-8 or not JSON is one row's error, not the job's."""

    def __init__(self, paths: list[str], *, block_bytes: int, **arguments: Any) -> None:
        super().__init__(paths, **arguments)
        self.block_bytes = block_bytes

    def _read_stream(self, f: Any, path: str) -> Iterator[pa.Table]:
        lines: list[int] = []
        raws: list[bytes] = []
        endings: list[bytes] = []
        size = 0
        number = 0

        def block() -> pa.Table:
            return pa.table(
                {
                    "path": pa.array([path] * len(raws), pa.string()),
                    "line": pa.array(lines, pa.int64()),
                    "raw": pa.array(raws, pa.large_binary()),
                    "ending": pa.array(endings, pa.binary()),
                }
            )

        def add(piece: bytes, ending: bytes) -> None:
            nonlocal number, size
            if piece.endswith(b"\r"):
                piece, ending = piece[:-1], b"\r" + ending
            number += 1
            lines.append(number)
            raws.append(piece)
            endings.append(ending)
            size += len(piece)

        buffer = bytearray()
        while chunk := f.read(1 << 20):
            buffer += chunk
            end = buffer.rfind(b"\n")
            if end < 0:
                continue
            complete = bytes(buffer[: end + 1])
            del buffer[: end + 1]
            for piece in complete.split(b"\n")[:-1]:
                add(piece, b"\n")
                if size >= self.block_bytes:
                    yield block()
                    lines, raws, endings, size = [], [], [], 0
        if buffer:
            add(bytes(buffer), b"")
        if raws:
            yield block()


class _ParquetRowsDatasource(FileBasedDatasource):  # type: ignore[misc,unused-ignore]
    """Parquet files as their rows plus each row's file and number (from 1), for the report."""

    def __init__(self, paths: list[str], *, batch_rows: int, **arguments: Any) -> None:
        super().__init__(paths, **arguments)
        self.batch_rows = batch_rows

    def _open_input_source(self, filesystem: Any, path: str, **open_args: Any) -> Any:
        return filesystem.open_input_file(path)  # Parquet needs random access

    def _read_stream(self, f: Any, path: str) -> Iterator[pa.Table]:
        try:
            yield from self._rows(f, path)
        except _ARROW_ERRORS as exc:  # a corrupt file is its own error, not the job's
            yield pa.table(
                {
                    _PATH: pa.array([path], pa.string()),
                    _RECORD: pa.array([0], pa.int64()),
                    _READ_ERROR: pa.array([_one_line(exc)], pa.string()),
                }
            )

    def _rows(self, f: Any, path: str) -> Iterator[pa.Table]:
        first = 1
        for batch in pq.ParquetFile(f).iter_batches(batch_size=self.batch_rows):
            table = pa.Table.from_batches([batch])
            count = table.num_rows
            table = table.append_column(_PATH, pa.array([path] * count, pa.string()))
            table = table.append_column(_RECORD, pa.array(range(first, first + count), pa.int64()))
            first += count
            yield table


@dataclass
class _Counts:
    problems: int = 0
    safe: int = 0
    unsafe: int = 0
    fixed: int = 0
    errors: int = 0

    def count(self, item: Mapping[str, Any]) -> None:
        self.problems += 1
        fix = item.get("fix")
        if fix is not None:
            if fix["applicability"] == Applicability.SAFE.value:
                self.safe += 1
            else:
                self.unsafe += 1


_COUNTERS = ("problems", "safe", "unsafe", "fixed", "errors")


def _encode(lines: Iterable[str]) -> bytes:
    """Report lines as UTF-8 (lone surrogates escaped, as the CLI's report file does)."""
    return "".join(line + "\n" for line in lines).encode("utf-8", "backslashreplace")


def _dump(item: Mapping[str, Any]) -> str:
    """One line of the report, as ``--output-format json-lines`` writes it."""
    return json_safe(json.dumps(item, ensure_ascii=False, separators=(",", ":")))


def _report_columns(
    reports: list[bytes], errors: list[bytes], counts: list[_Counts]
) -> dict[str, Any]:
    columns: dict[str, Any] = {
        _OUT + "report": pa.array(reports, pa.large_binary()),
        _OUT + "errors": pa.array(errors, pa.large_binary()),
    }
    for name in _COUNTERS:
        columns[_OUT + "n_" + name] = pa.array([getattr(c, name) for c in counts], pa.int64())
    return columns


def _shift(item: dict[str, Any], line: int) -> dict[str, Any]:
    """A record's diagnostic placed on its line of the file (the record's line is line 1)."""
    offset = line - 1
    for key in ("line", "end_line"):
        if item[key] is not None:
            item[key] += offset
    item["record"] = line
    if item["fix"] is not None:
        for edit in item["fix"]["edits"]:
            edit["line"] += offset
            edit["end_line"] += offset
    return item


def _process_lines(table: pa.Table, job: _Job) -> pa.Table:
    """The map step over JSONL lines: each line checked (and fixed) as the CLI would check it,
    as a one-line ``.json`` file with the per-file-ignores of its file."""
    run = job.settings.with_options(fix=job.fix, unsafe_fixes=job.unsafe, locate_fixes=True)
    data: list[bytes] = []
    reports: list[bytes] = []
    errors: list[bytes] = []
    counts: list[_Counts] = []
    for path, line, raw, ending in zip(
        table.column("path").to_pylist(),
        table.column("line").to_pylist(),
        table.column("raw").to_pylist(),
        table.column("ending").to_pylist(),
        strict=True,
    ):
        display = job.display(path)
        count = _Counts()
        report: list[str] = []
        messages: list[str] = []
        text = raw
        if raw.strip():
            try:
                if len(raw) > job.limit:
                    raise RecordError(
                        f"line is too large to check: {len(raw)} bytes (the limit is {job.limit})"
                    )
                # The file's style, not the line's: a fix writes text escaped as the file does.
                result, fixed = run.check_bytes(
                    RECORD_PATH, raw, style=job.styles.get(path), ignores_of=display
                )
            except Exception as exc:  # one bad line must not abort the job
                messages.append(f"{display}:{line}: error: {_reason(exc)}")
            else:
                for diagnostic in result.diagnostics:
                    item = _shift(as_dict(diagnostic), line)
                    item["path"] = display
                    count.count(item)
                    report.append(_dump(item))
                for error in result.errors:
                    column = f":{error.column}" if error.column is not None else ""
                    messages.append(f"{display}:{line}{column}: error: {error.message}")
                count.fixed = result.fixed
                if fixed is not None:
                    text = fixed
        count.errors = len(messages)
        data.append(text + ending if job.fix else b"")
        reports.append(_encode(report))
        errors.append(_encode(messages))
        counts.append(count)
    columns = _report_columns(reports, errors, counts)
    columns[_OUT + "data"] = pa.array(data, pa.large_binary())
    indexes = job.indexes
    columns[_OUT + "file"] = pa.array(
        [indexes[p] for p in table.column("path").to_pylist()], pa.int64()
    )
    return pa.table(columns)


def _read_errors(table: pa.Table, job: _Job) -> pa.Table:
    """The map step over a batch that holds files that could not be read: their errors, and
    the batch's readable rows as usual (a file that fails half-way is never half-written)."""
    failed = table.column(_READ_ERROR).to_pylist()
    broken = {path for path, m in zip(table.column(_PATH).to_pylist(), failed, strict=True) if m}
    readable = pa.array([p not in broken for p in table.column(_PATH).to_pylist()])
    parts = [_process_rows(table.filter(readable).drop_columns([_READ_ERROR]), job)]
    for path, message in zip(table.column(_PATH).to_pylist(), failed, strict=True):
        if message is not None:
            error = _encode([f"{job.display(path)}: error: cannot read: {message}"])
            columns = _report_columns([b""], [error], [_Counts(errors=1)])
            columns[_OUT + "file"] = pa.array([job.indexes[path]], pa.int64())
            columns[_KEEP] = pa.array([False])  # no data: nothing of the file is written
            parts.append(pa.table(columns))
    return pa.concat_tables(parts, promote_options="default")


def _process_rows(table: pa.Table, job: _Job) -> pa.Table:
    """The map step over Parquet rows: each record checked (and fixed) as ``lint_record`` /
    ``fix_record`` would; the fixed columns keep their types."""
    if _READ_ERROR in table.column_names:
        return _read_errors(table, job)
    paths = table.column(_PATH).to_pylist()
    numbers = table.column(_RECORD).to_pylist()
    records_table = table.drop_columns([_PATH, _RECORD])
    records = records_table.to_pylist()
    reports: list[bytes] = []
    errors: list[bytes] = []
    counts: list[_Counts] = []
    results: list[FixResult] = []
    for path, number, record in zip(paths, numbers, records, strict=True):
        display = job.display(path)
        if job.fix:
            result, entries, message = _fix_one(job.settings, record, job.unsafe, True, job.limit)
            results.append(result)
        else:
            entries, message = _lint_one(job.settings, record, True, job.limit)
        count = _Counts()
        report: list[str] = []
        messages: list[str] = []
        if message is not None:
            messages.append(f"{display}: record {number}: error: {message}")
        else:
            for entry in entries:
                item = {"path": display, "record": number, **entry}
                count.count(item)
                report.append(_dump(item))
            if job.fix:
                count.fixed = len(results[-1].fixed)
        count.errors = len(messages)
        reports.append(_encode(report))
        errors.append(_encode(messages))
        counts.append(count)
    columns = _report_columns(reports, errors, counts)
    indexes = job.indexes
    columns[_OUT + "file"] = pa.array([indexes[p] for p in paths], pa.int64())
    columns[_KEEP] = pa.array([True] * len(paths), pa.bool_())
    if not job.fix:
        return pa.table(columns)
    fixed = _fixed_table(
        records_table,
        records_table.column_names,
        records,
        results,
        _related_name(job.settings),
    )
    for name, array in columns.items():
        fixed = fixed.append_column(name, array)
    return fixed


def _write_file(filesystem: Any, path: str, data: Iterable[bytes] | pa.Table) -> None:
    """Write one output file; on a local disk atomically (a temporary name, then a rename),
    so that an interrupted run never leaves a half-written file under a final name."""
    local = isinstance(filesystem, pafs.LocalFileSystem)
    target = (
        posixpath.join(posixpath.dirname(path), f".{posixpath.basename(path)}.{uuid.uuid4().hex}")
        if local
        else path
    )
    try:
        with filesystem.open_output_stream(target) as stream:
            if isinstance(data, pa.Table):
                pq.write_table(data, stream, row_group_size=max(1, data.num_rows))
            else:
                for piece in data:
                    stream.write(piece)
        if local:
            filesystem.move(target, path)
    except BaseException:
        if local:
            with contextlib.suppress(OSError):
                filesystem.delete_file(target)
        raise


def _same_schema(tables: Sequence[pa.Table]) -> Iterator[pa.Table]:
    """Consecutive tables with one schema, concatenated: one Parquet file each (files that
    disagree on a column's type are never merged into one)."""
    group: list[pa.Table] = []
    for table in tables:
        if group and not table.schema.equals(group[0].schema):
            yield pa.concat_tables(group)
            group = []
        group.append(table)
    if group:
        yield pa.concat_tables(group)


def _runs(table: pa.Table) -> Iterator[tuple[int, pa.Table]]:
    """The table cut into runs of consecutive rows of one input file: (file index, rows)."""
    files = table.column(_OUT + "file").to_pylist()
    start = 0
    for end in range(1, len(files) + 1):
        if end == len(files) or files[end] != files[start]:
            yield files[start], table.slice(start, end - start)
            start = end


class _EngineSink(Datasink[dict[str, Any]]):  # type: ignore[misc,unused-ignore]
    """Ray's write tasks for the engine: each writes its rows' fixed data (with ``--fix``:
    one part per input file it has rows of) and its part of the report, and returns its
    counts.  The driver then merges the report parts, in order: only the problems pass
    through it, and with ``assemble`` a JSONL input's parts into one file."""

    def __init__(
        self,
        filesystem: Any,
        folder: str,
        kind: str,
        fix: bool,
        names: Sequence[str],
        assemble: bool,
    ) -> None:
        self.filesystem = filesystem
        self.folder = folder
        self.kind = kind
        self.fix = fix
        self.names = list(names)
        self.assemble = assemble and kind == "jsonl"
        self.token = uuid.uuid4().hex[:12]
        self.parts = posixpath.join(folder, f"_newslint-parts-{self.token}")
        self.results: list[dict[str, Any]] = []
        self.bytes_per_file = BYTES_PER_FILE

    @property
    def min_bytes_per_write(self) -> int:
        return self.bytes_per_file

    def on_write_start(self, schema: Any = None) -> None:
        self.filesystem.create_dir(self.parts, recursive=True)

    def data_folder(self, index: int) -> str:
        """Where an input's fixed parts go: the hidden parts folder if they are to be
        assembled, else ``OUTPUT/<the input's name>/`` (a folder of parts, which pyarrow,
        pandas, Spark and Ray read as one dataset)."""
        if self.assemble:
            return posixpath.join(self.parts, str(index))
        return posixpath.join(self.folder, self.names[index])

    def write(self, blocks: Iterable[Any], ctx: Any) -> dict[str, Any]:
        tables = [BlockAccessor.for_block(block).to_arrow() for block in blocks]
        tables = [table for table in tables if table.num_rows]
        name = f"part-{self.token}-{ctx.task_idx:06d}"
        result: dict[str, Any] = {"task": ctx.task_idx, "report_part": None, "errors_part": None}
        result.update(dict.fromkeys(_COUNTERS, 0))
        result["first_errors"] = []
        if not tables:
            return result
        own = [c for c in tables[0].column_names if c.startswith(_OUT)]
        table = pa.concat_tables([t.select(own) for t in tables])
        for counter in _COUNTERS:
            result[counter] = sum(table.column(_OUT + "n_" + counter).to_pylist())
        report = [part for part in table.column(_OUT + "report").to_pylist() if part]
        if report:
            result["report_part"] = posixpath.join(self.parts, name + ".jsonl")
            _write_file(self.filesystem, result["report_part"], report)
        errors = [part for part in table.column(_OUT + "errors").to_pylist() if part]
        if errors:
            result["errors_part"] = posixpath.join(self.parts, name + ".txt")
            _write_file(self.filesystem, result["errors_part"], errors)
            first = b"".join(errors[:FIRST_ERRORS]).decode("utf-8", "replace").splitlines()
            result["first_errors"] = first[:FIRST_ERRORS]
        if self.fix and self.kind == "jsonl":
            by_file: dict[int, list[bytes]] = {}
            for index, rows in _runs(table):
                by_file.setdefault(index, []).extend(rows.column(_OUT + "data").to_pylist())
            for index, data in by_file.items():
                folder = self.data_folder(index)
                self.filesystem.create_dir(folder, recursive=True)
                _write_file(self.filesystem, posixpath.join(folder, name + ".jsonl"), data)
        elif self.fix:
            pieces: dict[int, list[pa.Table]] = {}
            for whole in tables:
                for index, rows in _runs(whole.filter(whole.column(_KEEP))):
                    data = rows.drop_columns([c for c in rows.column_names if c.startswith(_OUT)])
                    pieces.setdefault(index, []).append(data)
            for index, runs in pieces.items():
                folder = self.data_folder(index)
                self.filesystem.create_dir(folder, recursive=True)
                for number, group in enumerate(_same_schema(runs)):
                    suffix = f"-{number}" if number else ""
                    target = posixpath.join(folder, f"{name}{suffix}.parquet")
                    _write_file(self.filesystem, target, group)
        return result

    def on_write_complete(self, write_result: Any) -> None:
        self.results = sorted(
            (r for r in write_result.write_returns if r), key=lambda r: int(r["task"])
        )


def _merge(filesystem: Any, parts: Sequence[str], target: str) -> None:
    """The parts, in order, as one file (streamed: never held in memory)."""

    def pieces() -> Iterator[bytes]:
        for part in parts:
            with filesystem.open_input_stream(part) as stream:
                while piece := stream.read(1 << 20):
                    yield piece

    _write_file(filesystem, target, pieces())


def _style_batch(table: pa.Table) -> pa.Table:
    """What a batch of lines says about their files' JSON escaping (``JsonStyle.detect``,
    by parts): the regular expressions run only on lines with an escape of the kind."""
    facts: dict[str, dict[str, Any]] = {}
    for path, line, raw in zip(
        table.column("path").to_pylist(),
        table.column("line").to_pylist(),
        table.column("raw").to_pylist(),
        strict=True,
    ):
        data = raw[len(codecs.BOM_UTF8) :] if line == 1 and raw.startswith(codecs.BOM_UTF8) else raw
        fact = facts.setdefault(
            path, {"path": path, "line": line, "ascii": True, "upper": None, "slash": False}
        )
        fact["ascii"] = fact["ascii"] and data.isascii()
        if fact["upper"] is None and b"\\u" in data:
            for match in jsonstr._HEX_ESCAPE.finditer(data.decode("utf-8", "replace")):
                digits = match.group(1)
                if any(c.isalpha() for c in digits):
                    fact["upper"] = digits.upper() == digits
                    break
        if not fact["slash"] and b"\\/" in data:
            fact["slash"] = (
                jsonstr._SLASH_ESCAPE.search(data.decode("utf-8", "replace")) is not None
            )
    return pa.Table.from_pylist(
        list(facts.values()),
        schema=pa.schema(
            [
                ("path", pa.string()),
                ("line", pa.int64()),
                ("ascii", pa.bool_()),
                ("upper", pa.bool_()),
                ("slash", pa.bool_()),
            ]
        ),
    )


def _styles(lines: ray.data.Dataset, options: RayOptions) -> dict[str, JsonStyle]:
    """Each file's style: ASCII if every line is, hex case from the first escape, any ``\\/``.
    The driver gets one small row per file and batch."""
    facts = lines.map_batches(
        _style_batch, batch_format="pyarrow", batch_size=None, **options.map_kwargs()
    )
    by_file: dict[str, list[dict[str, Any]]] = {}
    for fact in facts.iter_rows():
        by_file.setdefault(fact["path"], []).append(fact)
    styles = {}
    for path, mine in by_file.items():
        mine.sort(key=lambda fact: int(fact["line"]))
        upper = next((f["upper"] for f in mine if f["upper"] is not None), False)
        styles[path] = JsonStyle(
            ensure_ascii=all(f["ascii"] for f in mine),
            upper_hex=bool(upper),
            escape_slash=any(f["slash"] for f in mine),
        )
    return styles


def _learn_lines(table: pa.Table, settings: Run, limit: int) -> pa.Table:
    """The map step of the corpus pass over JSONL lines: the batch's statistics, pickled."""
    learned = CorpusStatistics(settings.corpus_statistics)
    for raw in table.column("raw").to_pylist():
        if raw.strip() and len(raw) <= limit:
            learned.merge(settings.learn_bytes(RECORD_PATH, raw))
    return pa.table({"statistics": [pickle.dumps(learned)]})


def _learn_rows(table: pa.Table, settings: Run, limit: int) -> pa.Table:
    """The map step of the corpus pass over Parquet rows (files that cannot be read skipped)."""
    if _READ_ERROR in table.column_names:
        table = table.filter(pa.compute.is_null(table.column(_READ_ERROR)))
        table = table.drop_columns([_READ_ERROR])
    records = table.drop_columns([_PATH, _RECORD])
    return _learn_batch(records, settings, settings.corpus_statistics, COLUMN, True, limit)


def _learn_engine(
    dataset: ray.data.Dataset, settings: Run, kind: str, options: RayOptions, limit: int
) -> Run:
    """The corpus pass as a map-reduce; ``settings`` with what it learned."""
    step = _learn_lines if kind == "jsonl" else _learn_rows
    parts = dataset.map_batches(
        functools.partial(step, settings=settings, limit=limit),
        batch_format="pyarrow",
        batch_size=None,
        **options.map_kwargs(),
    )
    learned = CorpusStatistics(settings.corpus_statistics)
    for row in parts.iter_rows():
        learned.merge(pickle.loads(row["statistics"]))
    return settings.with_statistics(learned)


def _options_from_environment() -> RayOptions:
    text = os.environ.get(OPTIONS_VARIABLE)
    if not text:
        return RayOptions()
    return RayOptions.parse(text, OPTIONS_VARIABLE)


_QUIET_LOGGERS = ("ray", "ray.data", "ray.serve", "ray.tune", "ray.train")


class _OneLineErrors(logging.Filter):
    """Drops Ray Data's error records (task tracebacks) from the console while the engine
    runs: the engine prints the error in one line.  Ray's log files still get them."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.levelno >= logging.ERROR and record.name.startswith("ray.data"))


def _console_handlers() -> list[logging.Handler]:
    handlers: list[logging.Handler] = []
    for name in ("ray.data", "ray", ""):
        for handler in logging.getLogger(name).handlers:
            if isinstance(handler, logging.StreamHandler) and not isinstance(
                handler, logging.FileHandler
            ):
                handlers.append(handler)
    return handlers


def _start(address: str | None, quiet: bool) -> dict[str, Any]:
    """Connect to Ray and set up Ray Data for the engine; returns what to restore after."""
    if not ray.is_initialized():
        arguments: dict[str, Any] = {
            "address": address,
            "include_dashboard": False if address is None else None,
        }
        if quiet:
            arguments.update(log_to_driver=False, logging_level=logging.ERROR)
        ray.init(**arguments)
    context = ray.data.DataContext.get_current()
    saved: dict[str, Any] = {
        "preserve_order": context.execution_options.preserve_order,
        "enable_progress_bars": context.enable_progress_bars,
        "print_on_execution_start": context.print_on_execution_start,
        "levels": {name: logging.getLogger(name).level for name in _QUIET_LOGGERS},
    }
    context.execution_options.preserve_order = True  # the report in file order
    saved["filter"] = _OneLineErrors()
    saved["handlers"] = _console_handlers()
    for handler in saved["handlers"]:
        handler.addFilter(saved["filter"])
    if quiet:
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        for name in _QUIET_LOGGERS:
            logging.getLogger(name).setLevel(logging.ERROR)
    return saved


def _restore(saved: Mapping[str, Any]) -> None:
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = saved["preserve_order"]
    context.enable_progress_bars = saved["enable_progress_bars"]
    context.print_on_execution_start = saved["print_on_execution_start"]
    for name, level in saved["levels"].items():
        logging.getLogger(name).setLevel(level)
    for handler in saved["handlers"]:
        handler.removeFilter(saved["filter"])


_REPORTS = ("diagnostics.jsonl", "errors.txt")
"""What a run writes in OUTPUT besides the fixed files (a check may write over them)."""


def _output_names(paths: Sequence[str]) -> list[str]:
    """Each input's name under OUTPUT: its path relative to the inputs' common folder."""
    folders = [posixpath.dirname(p) for p in paths]
    common = posixpath.commonpath(folders) if folders and all(folders) else ""
    return [posixpath.relpath(p, common) if common else posixpath.basename(p) for p in paths]


def _prepare_output(output: str, fix: bool, inputs: Sequence[_Input]) -> tuple[Any, str]:
    """OUTPUT's filesystem and path; ``ValueError`` with a one-line reason if unusable."""
    try:
        filesystem, folder = _filesystem_of(output)
        info = filesystem.get_file_info(folder)
    except Exception as exc:  # credentials, network, unknown scheme
        raise ValueError(f"{output}: cannot open: {_one_line(exc)}") from None
    folder = folder.rstrip("/") or folder
    if info.type == pafs.FileType.File:
        raise ValueError(f"{output}: OUTPUT must be a folder")
    if isinstance(filesystem, pafs.LocalFileSystem):
        for each in inputs:
            if each.path == folder or each.path.startswith(folder + "/"):
                raise ValueError(f"{output}: OUTPUT holds input files: write to another folder")
    if fix and info.type == pafs.FileType.Directory:
        try:
            entries = filesystem.get_file_info(pafs.FileSelector(folder, recursive=False))
        except Exception as exc:
            raise ValueError(f"{output}: cannot list: {_one_line(exc)}") from None
        if any(posixpath.basename(e.path) not in _REPORTS for e in entries):
            raise ValueError(
                f"{output}: OUTPUT is not empty: with --fix, write to a new or empty folder "
                "(fixed files are never mixed with others)"
            )
    try:
        filesystem.create_dir(folder, recursive=True)
    except Exception as exc:
        raise ValueError(f"{output}: cannot create: {_one_line(exc)}") from None
    return filesystem, folder


def run_ray_engine(
    inputs: Sequence[str],
    output: str,
    address: str | None = None,
    settings: Run | Configuration | None = None,
    *,
    fix: bool = False,
    unsafe: bool | None = None,
    quiet: bool = False,
    out: TextIO | None = None,
    options: RayOptions | None = None,
    max_record_size: int = MAX_RECORD_SIZE,
    assemble: bool | None = None,
) -> int:
    """``newslint --engine ray INPUT... OUTPUT``: check (and fix) files on a Ray cluster.

    INPUTs and OUTPUT are local paths or URIs (``s3://bucket/corpus/``, ``gs://...``,
    ``file://...``), opened with pyarrow's filesystems on the workers.  Ray Data reads the
    files, the workers check (and fix) them, and Ray's write tasks write OUTPUT, a folder:
    ``diagnostics.jsonl`` (one JSON object per problem: the CLI's ``json-lines`` report
    for JSONL input; path, record number and ``Diagnostic.as_dict()`` for Parquet),
    ``errors.txt`` if some records could not be checked, and with ``fix`` each input
    fixed under its path relative to the inputs' common folder.  A JSONL input on a local
    OUTPUT is one file, byte for byte as ``newslint --fix`` leaves it (``assemble``: the
    write tasks' parts concatenated in order); otherwise (an object store, or Parquet) it is
    a folder of ``part-*`` files that pyarrow, pandas, Spark and Ray read as one dataset.
    Inputs are never changed.

    A record that cannot be checked never stops the job: it is counted, kept as it was,
    and the summary gives the count and the first reasons.  ``options``: concurrency,
    CPUs and remote arguments of the map step (default: ``NEWSLINT_RAY_OPTIONS``, JSON).
    ``quiet``: no summary, and Ray's logs and progress bars off.  Connects to ``address``
    (None starts a local instance unless Ray is already initialised).  Returns the CLI's
    exit status: 0 clean, 1 problems, 2 errors.
    """
    stdout = out or sys.stdout
    try:
        resolved_options = options or _options_from_environment()
    except ValueError as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return 2
    resolved = Run.of(settings)
    filesystem, files, input_errors = _collect_inputs(inputs)
    for message in input_errors:
        print(message, file=sys.stderr)
    if input_errors:
        return 2
    kinds = {"parquet" if _suffix(f.path) == _PARQUET_SUFFIX else "jsonl" for f in files}
    if len(kinds) > 1:
        print(
            "newslint: error: the ray engine reads .jsonl or .parquet files, not both at once",
            file=sys.stderr,
        )
        return 2
    kind = kinds.pop()
    try:
        out_fs, folder = _prepare_output(output, fix, files)
    except ValueError as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return 2
    job = _Job(
        resolved,
        fix,
        resolved.unsafe_fixes if unsafe is None else unsafe,
        {f.path: f.display for f in files},
        limit=max_record_size,
    )
    saved = _start(address, quiet)
    if assemble is None:
        assemble = isinstance(out_fs, pafs.LocalFileSystem)
    names = _output_names([f.path for f in files])
    sink = _EngineSink(out_fs, folder, kind, fix, names, assemble)
    try:
        _execute(filesystem, files, kind, job, sink, resolved_options)
        counts, first_errors = _finish(out_fs, folder, sink)
    except Exception as exc:  # a one-line error, never a traceback
        print(f"newslint: error: {_one_line(exc)}", file=sys.stderr)
        return 2
    finally:
        _cleanup(out_fs, sink.parts)
        _restore(saved)
    for message in first_errors:
        print(message, file=sys.stderr)
    if counts.errors > len(first_errors):
        more = counts.errors - len(first_errors)
        print(
            f"newslint: {more} more error{'s' if more != 1 else ''} in "
            f"{posixpath.join(output.rstrip('/'), 'errors.txt')}",
            file=sys.stderr,
        )
    if not quiet:
        print(
            summary(counts.problems, counts.safe, counts.unsafe, counts.fixed, fix, counts.errors),
            file=stdout,
        )
    if counts.errors:
        return 2
    return 1 if counts.problems else 0


def _execute(
    filesystem: Any,
    files: Sequence[_Input],
    kind: str,
    job: _Job,
    sink: _EngineSink,
    options: RayOptions,
) -> None:
    """Read, check (and fix) and write, all on the cluster."""
    paths = [f.path for f in files]
    source: FileBasedDatasource
    if kind == "jsonl":
        source = _LinesDatasource(paths, filesystem=filesystem, block_bytes=BLOCK_BYTES)
    else:
        # Blocks of one file each, never merged: files may disagree on a column's type.
        source = _ParquetRowsDatasource(paths, filesystem=filesystem, batch_rows=options.batch_size)
    # One read task per Parquet file: Ray merges the small blocks of a task, and files may
    # disagree on a column's type (merged, a string column read as bytes would fail).
    blocks = len(paths) if kind == "parquet" else None
    dataset = ray.data.read_datasource(source, override_num_blocks=blocks)
    if kind == "jsonl":
        job = replace(job, styles=_styles(dataset, options))
    if job.settings.needs_corpus_pass:
        job = replace(job, settings=_learn_engine(dataset, job.settings, kind, options, job.limit))
    step = _process_lines if kind == "jsonl" else _process_rows
    processed = dataset.map_batches(
        functools.partial(step, job=job),
        batch_format="pyarrow",
        batch_size=options.batch_size if kind == "jsonl" else None,
        **options.map_kwargs(),
    )
    processed.write_datasink(sink)


def _finish(filesystem: Any, folder: str, sink: _EngineSink) -> tuple[_Counts, list[str]]:
    """The report parts merged into OUTPUT, and the counts added up."""
    counts = _Counts()
    first_errors: list[str] = []
    for result in sink.results:
        for counter in _COUNTERS:
            setattr(counts, counter, getattr(counts, counter) + int(result[counter]))
        first_errors += result["first_errors"]
    reports = [r["report_part"] for r in sink.results if r["report_part"]]
    _merge(filesystem, reports, posixpath.join(folder, "diagnostics.jsonl"))
    if sink.fix and sink.assemble:
        for index, name in enumerate(sink.names):
            selector = pafs.FileSelector(sink.data_folder(index), allow_not_found=True)
            found = filesystem.get_file_info(selector)
            parts = sorted(info.path for info in found if info.type == pafs.FileType.File)
            target = posixpath.join(sink.folder, name)
            filesystem.create_dir(posixpath.dirname(target), recursive=True)
            _merge(filesystem, parts, target)
    errors = [r["errors_part"] for r in sink.results if r["errors_part"]]
    errors_file = posixpath.join(folder, "errors.txt")
    if errors:
        _merge(filesystem, errors, errors_file)
    elif filesystem.get_file_info(errors_file).type == pafs.FileType.File:
        filesystem.delete_file(errors_file)  # a previous run's
    return counts, first_errors[:FIRST_ERRORS]


def _cleanup(filesystem: Any, parts: str) -> None:
    try:
        if filesystem.get_file_info(parts).type == pafs.FileType.Directory:
            filesystem.delete_dir(parts)
    except OSError:
        pass


pickled_by_name(__name__)  # pickles as its name (dill, HF datasets: see newslint/__init__.py)
