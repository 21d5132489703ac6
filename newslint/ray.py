"""Ray Data integration (``pip install 'newslint[ray]'``): lint or fix datasets on a cluster.

``check_dataset`` and ``fix_dataset`` take a ``ray.data.Dataset`` of article records and
return it with a ``newslint`` column of diagnostics (and, for ``fix_dataset``, the records
fixed), batch by batch through ``map_batches``.  Each record goes through
``newslint.lint_record`` / ``fix_record``, so results are the library's, which are the CLI's.

``run_ray_engine`` is ``newslint --engine ray INPUT... OUTPUT``: JSONL files are cut into
byte ranges at line boundaries, each range is checked (and fixed) as the CLI would check
those lines, and the driver writes ``OUTPUT/diagnostics.jsonl`` (the CLI's ``json-lines``
report) and, with ``fix``, the fixed files under ``OUTPUT`` with their names.
"""

from __future__ import annotations

import codecs
import dataclasses
import functools
import json
import os
import pickle
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

try:
    import pyarrow as pa  # type: ignore[import-untyped,import-not-found,unused-ignore]
    import pyarrow.parquet as pq  # type: ignore[import-untyped,import-not-found,unused-ignore]
    import ray  # type: ignore[import-not-found,unused-ignore]
    import ray.data  # type: ignore[import-not-found,unused-ignore]
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(f"newslint.ray needs Ray Data: pip install 'newslint[ray]' ({exc})") from None

from newslint import jsonstr
from newslint.config import Configuration
from newslint.diagnostics import Applicability
from newslint.jsonstr import JsonStyle
from newslint.records import RECORD_PATH, FixResult, as_dicts, is_missing
from newslint.report import as_dict, summary
from newslint.run import Run
from newslint.statistics import CorpusStatistics, Statistic

__all__ = [
    "DIAGNOSTICS_TYPE",
    "check_dataset",
    "fix_dataset",
    "learn_dataset",
    "run_ray_engine",
]

COLUMN = "newslint"
"""The default name of the diagnostics column."""

_EDIT = pa.struct(
    [
        ("field", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("content", pa.string()),
    ]
)
_APPEND = pa.struct([("field", pa.string()), ("value", pa.string())])
_FIX = pa.struct(
    [
        ("applicability", pa.string()),
        ("message", pa.string()),
        ("edits", pa.list_(_EDIT)),
        ("appends", pa.list_(_APPEND)),
    ]
)
DIAGNOSTICS_TYPE = pa.list_(
    pa.struct(
        [
            ("code", pa.string()),
            ("name", pa.string()),
            ("message", pa.string()),
            ("severity", pa.string()),
            ("field", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("snippet", pa.string()),
            ("fix", _FIX),
        ]
    )
)
"""The Arrow type of the diagnostics column: a list of ``Diagnostic.as_dict()`` structs.

Fixed, so that batches without any fix (or any diagnostic) still agree on the schema."""

CHUNK_BYTES = 4 << 20
"""JSONL files are split into ranges of about this many bytes, one Ray task each."""


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


def _check_batch(table: pa.Table, settings: Run, column: str, drop_missing: bool) -> pa.Table:
    values = [
        as_dicts(settings.lint_record(record, drop_missing=drop_missing))
        for record in _records(table, column)
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


def _fix_batch(
    table: pa.Table,
    settings: Run,
    column: str,
    unsafe: bool | None,
    drop_missing: bool,
) -> pa.Table:
    records = _records(table, column)
    results = [settings.fix_record(record, unsafe, drop_missing=drop_missing) for record in records]
    related = _related_name(settings)
    names = [name for name in table.column_names if name != column]
    arrays = [_fixed_column(name, table.column(name), records, results, related) for name in names]
    if related not in names:
        # Promo fixes may add the list: every batch gets the column, so their schemas agree.
        names.append(related)
        arrays.append(_fixed_column(related, None, records, results, related))
    fixed = pa.Table.from_arrays(arrays, names=names)
    return _with_column(fixed, column, [as_dicts(r.remaining) for r in results])


def _learn_batch(
    table: pa.Table,
    settings: Run,
    kinds: tuple[type[Statistic], ...],
    column: str,
    drop_missing: bool,
) -> pa.Table:
    """The map step: one batch's statistics, pickled into a one-row table."""
    learned = settings.learn_records(_records(table, column), kinds, drop_missing=drop_missing)
    return pa.table({"statistics": [pickle.dumps(learned)]})


def learn_dataset(
    dataset: ray.data.Dataset,
    settings: Run | Configuration | None = None,
    kinds: Sequence[type[Statistic]] | None = None,
    *,
    column: str = COLUMN,
    batch_size: int = 256,
    drop_missing: bool = True,
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
    )
    learned = CorpusStatistics(wanted)
    for row in parts.iter_rows():
        learned.merge(pickle.loads(row["statistics"]))
    return learned


def _learned(
    dataset: ray.data.Dataset, settings: Run, column: str, batch_size: int, drop_missing: bool
) -> Run:
    """``settings`` with the statistics its rules need, learned from ``dataset`` if need be."""
    if not settings.needs_corpus_pass:
        return settings
    statistics = learn_dataset(
        dataset, settings, column=column, batch_size=batch_size, drop_missing=drop_missing
    )
    return settings.with_statistics(statistics)


def check_dataset(
    dataset: ray.data.Dataset,
    settings: Run | Configuration | None = None,
    *,
    column: str = COLUMN,
    batch_size: int = 256,
    drop_missing: bool = True,
) -> ray.data.Dataset:
    """``dataset`` with a ``column`` of diagnostics (``Diagnostic.as_dict()`` structs) per record.

    Arrow holds a field that a record lacks as null, so ``drop_missing`` (on by default)
    reads nulls as absent fields; see ``newslint.lint_record``.  An existing ``column``
    is replaced (and is not part of the record that is checked).
    """
    resolved = _learned(dataset, Run.of(settings), column, batch_size, drop_missing)
    return dataset.map_batches(
        functools.partial(
            _check_batch, settings=resolved, column=column, drop_missing=drop_missing
        ),
        batch_format="pyarrow",
        batch_size=batch_size,
    )


def fix_dataset(
    dataset: ray.data.Dataset,
    settings: Run | Configuration | None = None,
    *,
    unsafe: bool | None = None,
    column: str = COLUMN,
    batch_size: int = 256,
    drop_missing: bool = True,
) -> ray.data.Dataset:
    """``dataset`` with every record fixed (``newslint.fix_record``) and a ``column`` of the
    problems left in it.

    Columns keep their types; a ``related`` column (the configuration's name for it) is
    added if the dataset has none, since promo fixes move headlines there.
    """
    resolved = _learned(dataset, Run.of(settings), column, batch_size, drop_missing)
    return dataset.map_batches(
        functools.partial(
            _fix_batch,
            settings=resolved,
            column=column,
            unsafe=unsafe,
            drop_missing=drop_missing,
        ),
        batch_format="pyarrow",
        batch_size=batch_size,
    )


# -- the engine: JSONL files, byte range by byte range ----------------------------------------


@dataclass(frozen=True)
class _Chunk:
    file: int
    """Index of the file in the run's list."""
    path: str
    start: int
    end: int


@dataclass(frozen=True)
class _Job:
    settings: Run
    fix: bool
    unsafe: bool
    paths: tuple[str, ...]
    styles: tuple[JsonStyle, ...] = ()
    """Each file's JSON escaping style, read off the whole file as the CLI does."""


def _chunks(paths: Sequence[str], size: int) -> list[_Chunk]:
    chunks = []
    for index, path in enumerate(paths):
        length = os.path.getsize(path)
        starts = range(0, max(length, 1), size)
        chunks += [_Chunk(index, path, start, min(start + size, length)) for start in starts]
    return chunks


def _lines_of(chunk: _Chunk) -> Iterator[bytes]:
    """The lines (with their endings) that start in ``[chunk.start, chunk.end)``."""
    with open(chunk.path, "rb") as handle:
        if chunk.start > 0:
            handle.seek(chunk.start - 1)
            handle.readline()  # the end of the line that started in the previous range
        while handle.tell() < chunk.end or (chunk.start == chunk.end == 0):
            line = handle.readline()
            if not line:
                break
            yield line
            if chunk.start == chunk.end == 0:
                break


def _check_line(
    job: _Job, index: int, data: bytes
) -> tuple[bytes | None, list[dict[str, Any]], list[dict[str, Any]], int]:
    """One JSONL line checked (and fixed) as the CLI would: as a one-line ``.json`` file,
    with the per-file-ignores of the file it is a line of."""
    run = job.settings.with_options(fix=job.fix, unsafe_fixes=job.unsafe, locate_fixes=True)
    # The file's style, not the line's: a fix writes text escaped as the whole file escapes it.
    style = job.styles[index] if job.styles else None
    result, fixed = run.check_bytes(RECORD_PATH, data, style=style, ignores_of=job.paths[index])
    for diagnostic in result.diagnostics:
        diagnostic.path = job.paths[index]
    errors = [
        {"message": error.message, "line": error.line, "column": error.column}
        for error in result.errors
    ]
    # The CLI's json-lines dicts, lines counted within the record (the driver shifts them).
    return fixed, [as_dict(d) for d in result.diagnostics], errors, result.fixed


def _process_chunk(row: dict[str, Any], job: _Job) -> list[dict[str, Any]]:
    chunk: _Chunk = row["item"]
    out = []
    for raw in _lines_of(chunk):
        body = raw.rstrip(b"\n")
        ending = raw[len(body) :]
        if body.endswith(b"\r"):
            body, ending = body[:-1], b"\r" + ending
        text: bytes | None = None
        diagnostics: list[dict[str, Any]] = []
        errors: list[dict[str, Any]] = []
        fixed = 0
        if body.strip():
            text, diagnostics, errors, fixed = _check_line(job, chunk.file, body)
        out.append(
            {
                "file": chunk.file,
                "text": (text if text is not None else body) if job.fix else b"",
                "ending": ending,
                "diagnostics": json.dumps(diagnostics, ensure_ascii=False),
                "errors": json.dumps(errors, ensure_ascii=False),
                "fixed": fixed,
            }
        )
    return out


def _learn_chunk(row: dict[str, Any], settings: Run) -> list[dict[str, Any]]:
    """The map step of the corpus pass over JSONL: one chunk's statistics, pickled."""
    chunk: _Chunk = row["item"]
    learned = CorpusStatistics(settings.corpus_statistics)
    for raw in _lines_of(chunk):
        if raw.strip():
            learned.merge(settings.learn_bytes(RECORD_PATH, raw.rstrip(b"\r\n")))
    return [{"statistics": pickle.dumps(learned)}]


def _learn_jsonl(chunks: Sequence[_Chunk], settings: Run) -> Run:
    """The corpus pass over JSONL files as a map-reduce; ``settings`` with what it learned."""
    dataset = ray.data.from_items(list(chunks), override_num_blocks=max(1, len(chunks)))
    parts = dataset.flat_map(functools.partial(_learn_chunk, settings=settings))
    learned = CorpusStatistics(settings.corpus_statistics)
    for row in parts.iter_rows():
        learned.merge(pickle.loads(row["statistics"]))
    return settings.with_statistics(learned)


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


def _output_names(paths: Sequence[str]) -> list[str]:
    """Each input's name under OUTPUT: its path relative to the inputs' common folder."""
    folders = [os.path.dirname(os.path.abspath(p)) for p in paths]
    common = os.path.commonpath(folders) if folders else ""
    return [os.path.relpath(os.path.abspath(p), common) for p in paths]


def _collect_inputs(inputs: Sequence[str]) -> tuple[list[str], list[str]]:
    """The files to read (folders searched for .jsonl and .parquet), and errors."""
    files: list[str] = []
    errors: list[str] = []
    for name in inputs:
        if os.path.isdir(name):
            found = sorted(
                str(p) for p in Path(name).rglob("*") if p.suffix in (".jsonl", ".parquet")
            )
            if not found:
                errors.append(f"{name}: error: no .jsonl or .parquet files in this folder")
            files += found
        elif os.path.isfile(name):
            if Path(name).suffix.lower() not in (".jsonl", ".parquet"):
                errors.append(f"{name}: error: the ray engine reads .jsonl and .parquet files")
            elif os.path.getsize(name) == 0:
                errors.append(f"{name}: error: file is empty: no article to check")
            else:
                files.append(name)
        else:
            errors.append(f"{name}: error: no such file or folder")
    return files, errors


@dataclass
class _Totals:
    diagnostics: int = 0
    safe: int = 0
    unsafe: int = 0
    fixed: int = 0
    errors: int = 0

    def count(self, item: Mapping[str, Any]) -> None:
        self.diagnostics += 1
        fix = item.get("fix")
        if fix is not None:
            if fix["applicability"] == Applicability.SAFE.value:
                self.safe += 1
            else:
                self.unsafe += 1


def _style_of_chunk(row: dict[str, Any]) -> list[dict[str, Any]]:
    """What the chunk says about its file's JSON escaping (``JsonStyle.detect``, by parts).

    The regular expressions run only on a chunk that has a backslash escape of the kind:
    most have none, and ``bytes`` tests take microseconds.
    """
    chunk: _Chunk = row["item"]
    data = b"".join(_lines_of(chunk))
    if chunk.start == 0 and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    upper: bool | None = None
    if b"\\u" in data:
        for match in jsonstr._HEX_ESCAPE.finditer(data.decode("utf-8", "replace")):
            digits = match.group(1)
            if any(c.isalpha() for c in digits):
                upper = digits.upper() == digits
                break
    slash = b"\\/" in data and (
        jsonstr._SLASH_ESCAPE.search(data.decode("utf-8", "replace")) is not None
    )
    return [
        {
            "file": chunk.file,
            "start": chunk.start,
            "ascii": data.isascii(),
            "upper": upper,
            "slash": slash,
        }
    ]


def _styles(chunks: Sequence[_Chunk], files: int) -> tuple[JsonStyle, ...]:
    """Each file's style: ASCII if every chunk is, hex case from the first escape, any ``\\/``."""
    dataset = ray.data.from_items(list(chunks), override_num_blocks=max(1, len(chunks)))
    parts = sorted(
        dataset.flat_map(_style_of_chunk).take_all(), key=lambda p: (p["file"], p["start"])
    )
    styles = []
    for index in range(files):
        mine = [p for p in parts if p["file"] == index]
        upper = next((p["upper"] for p in mine if p["upper"] is not None), False)
        styles.append(
            JsonStyle(
                ensure_ascii=all(p["ascii"] for p in mine),
                upper_hex=bool(upper),
                escape_slash=any(p["slash"] for p in mine),
            )
        )
    return tuple(styles)


def _run_jsonl(
    files: Sequence[str], output: Path, job: _Job, report: TextIO, totals: _Totals
) -> None:
    chunks = _chunks(files, CHUNK_BYTES)
    job = dataclasses.replace(job, styles=_styles(chunks, len(files)))
    if job.settings.needs_corpus_pass:
        job = dataclasses.replace(job, settings=_learn_jsonl(chunks, job.settings))
    dataset = ray.data.from_items(chunks, override_num_blocks=max(1, len(chunks)))
    rows = dataset.flat_map(functools.partial(_process_chunk, job=job))
    names = _output_names(files)
    handles: dict[int, Any] = {}
    lines = [0] * len(files)
    try:
        for row in rows.iter_rows():
            index = int(row["file"])
            lines[index] += 1
            line = lines[index]
            if job.fix:
                if index not in handles:
                    target = output / names[index]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    handles[index] = target.open("wb")
                handles[index].write(bytes(row["text"]) + bytes(row["ending"]))
            for item in json.loads(row["diagnostics"]):
                item = _shift(item, line)
                totals.count(item)
                report.write(json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n")
            for error in json.loads(row["errors"]):
                totals.errors += 1
                column = f":{error['column']}" if error["column"] is not None else ""
                print(f"{files[index]}:{line}{column}: error: {error['message']}", file=sys.stderr)
            totals.fixed += int(row["fixed"])
    finally:
        for handle in handles.values():
            handle.close()


def _run_parquet(
    files: Sequence[str], output: Path, job: _Job, report: TextIO, totals: _Totals
) -> None:
    absolute = {os.path.abspath(p): i for i, p in enumerate(files)}
    dataset = ray.data.read_parquet([os.path.abspath(p) for p in files], include_paths=True)
    if job.fix:
        dataset = fix_dataset(dataset, job.settings, unsafe=job.unsafe)
    else:
        dataset = check_dataset(dataset, job.settings)
    names = _output_names(files)
    writers: dict[int, pq.ParquetWriter] = {}
    rows = [0] * len(files)
    try:
        for batch in dataset.iter_batches(batch_format="pyarrow", batch_size=1024):
            assert isinstance(batch, pa.Table)
            paths = batch.column("path").to_pylist()
            diagnostics = batch.column(COLUMN).to_pylist()
            records = batch.drop_columns(["path", COLUMN]) if job.fix else None
            for position, (path, found) in enumerate(zip(paths, diagnostics, strict=True)):
                index = absolute[os.path.abspath(path)]
                rows[index] += 1
                for item in found:
                    item = {"path": files[index], "record": rows[index], **item}
                    totals.count(item)
                    report.write(json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n")
                if records is not None:
                    if index not in writers:
                        target = output / names[index]
                        target.parent.mkdir(parents=True, exist_ok=True)
                        writers[index] = pq.ParquetWriter(target, records.schema)
                    writers[index].write_table(records.slice(position, 1))
    finally:
        for writer in writers.values():
            writer.close()


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
) -> int:
    """``newslint --engine ray INPUT... OUTPUT``: check (and fix) files on a Ray cluster.

    ``OUTPUT`` is a folder.  It gets ``diagnostics.jsonl`` (one JSON object per problem:
    the CLI's ``json-lines`` report for JSONL input; path, record number and
    ``Diagnostic.as_dict()`` for Parquet) and, with ``fix``, each input file fixed, under
    its path relative to the inputs' common folder.  Inputs are never changed.  Connects
    to ``address`` (``ray.init(address)``; None starts a local instance unless Ray is
    already initialised).  Returns the CLI's exit status: 0 clean, 1 problems, 2 errors.
    """
    stdout = out or sys.stdout
    resolved = Run.of(settings)
    files, input_errors = _collect_inputs(inputs)
    for message in input_errors:
        print(message, file=sys.stderr)
    if input_errors:
        return 2
    kinds = {Path(f).suffix.lower() for f in files}
    if len(kinds) > 1:
        print(
            "newslint: error: the ray engine reads .jsonl or .parquet files, not both at once",
            file=sys.stderr,
        )
        return 2
    target = Path(output)
    if target.exists() and not target.is_dir():
        print(f"newslint: error: {output}: OUTPUT must be a folder", file=sys.stderr)
        return 2
    inputs_abs = {os.path.abspath(f) for f in files}
    names = _output_names(files)
    if fix and any(os.path.abspath(target / name) in inputs_abs for name in names):
        print(f"newslint: error: {output}: OUTPUT would overwrite the input files", file=sys.stderr)
        return 2
    target.mkdir(parents=True, exist_ok=True)
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False if address is None else None)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    job = _Job(
        resolved,
        fix,
        resolved.unsafe_fixes if unsafe is None else unsafe,
        tuple(files),
    )
    totals = _Totals()
    with (target / "diagnostics.jsonl").open(
        "w", encoding="utf-8", errors="backslashreplace"
    ) as report:
        if kinds == {".parquet"}:
            _run_parquet(files, target, job, report, totals)
        else:
            _run_jsonl(files, target, job, report, totals)
    if not quiet:
        print(
            summary(
                totals.diagnostics, totals.safe, totals.unsafe, totals.fixed, fix, totals.errors
            ),
            file=stdout,
        )
    if totals.errors:
        return 2
    return 1 if totals.diagnostics else 0
