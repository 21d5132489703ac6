"""A big JSONL file checked in chunks: plan them, check one, merge and write the results.

Only a JSONL file that ``Scheduler`` cuts in more than one chunk comes here, so a check of a few
small files (a pre-commit run) never imports this module.  A compressed one (``.jsonl.gz``,
``.jsonl.zst``) never does: its lines cannot be found without decompressing it all, so it is
checked whole by one worker (``readers.compressed``), within its decompressed size limit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from newslint.diagnostics import Diagnostic, ReadError
from newslint.document import UTF8_BOM, DecodeError, decode
from newslint.files import AtomicWriter, FileChangedError, Snapshot, StatKey
from newslint.jsonstr import JsonStyle
from newslint.rule import Rule
from newslint.runner import (
    FileResult,
    Options,
    internal_error,
    lines_decodable,
    not_written,
    process_data,
)
from newslint.statistics import final_warnings, merge_warnings

if TYPE_CHECKING:
    import hashlib

CACHE_DIAGNOSTICS = 100_000
"""A chunked file with more problems than this is not cached (the cache is held in memory)."""


@dataclass(frozen=True, slots=True)
class Chunk:
    """Complete lines ``[start, end)`` of a big JSONL file."""

    path: str
    start: int
    end: int
    style: JsonStyle
    ignored: frozenset[str]
    first_line: int = 0
    """Lines of the file before the chunk: the worker numbers lines and records from there."""


@dataclass(slots=True)
class ChunkOutcome:
    result: FileResult
    fixed: bytes | None
    lines: int
    """Newlines in the chunk: where the next chunk's line numbers start."""


def run_chunk(chunk: Chunk, rules: Sequence[Rule], options: Options) -> ChunkOutcome:
    """In a worker: check (and fix) one chunk of a big file."""
    try:
        with open(chunk.path, "rb") as handle:
            handle.seek(chunk.start)
            data = handle.read(chunk.end - chunk.start)
    except OSError as exc:
        error = ReadError(chunk.path, f"cannot read: {exc.strerror or exc}")
        return ChunkOutcome(FileResult(chunk.path, errors=[error], unreadable=True), None, 0)
    try:
        result, fixed = process_data(
            chunk.path,
            data,
            rules,
            options,
            style=chunk.style,
            first_byte=chunk.start,
            first_line=chunk.first_line,
        )
    except Exception as exc:
        result, fixed = internal_error(chunk.path, exc), None
        result.unreadable = True
    return ChunkOutcome(result, fixed, data.count(b"\n"))


_BYTES_HEX_ESCAPE = re.compile(rb"\\u([0-9a-fA-F]{4})")
_BYTES_SLASH_ESCAPE = re.compile(rb"\\/")


def _escaped(data: bytes, backslash: int) -> bool:
    """Whether the backslash at ``backslash`` starts an escape (an even run of backslashes
    before it: ``\\\\u00e9`` is an escaped backslash followed by text)."""
    run = 0
    while backslash - run - 1 >= 0 and data[backslash - run - 1] == 0x5C:
        run += 1
    return run % 2 == 0


@dataclass(frozen=True, slots=True)
class Scan:
    """What one pass over a big file's bytes says before any chunk is checked."""

    style: JsonStyle
    digest: str
    """The content hash, for the cache ("" without one)."""
    failure: ReadError | None
    """Why the file cannot be read as text (as ``decode`` says it of the whole file)."""
    first_lines: tuple[int, ...] = ()
    """For each range, the lines of the file before it."""


def scan_file(
    path: str, ranges: Sequence[tuple[int, int]], wanted: bool, hashed: bool = True
) -> Scan:
    """The file's content hash (if ``hashed``: for the cache), whether it decodes, and, if
    ``wanted`` (to write fixes), its
    JSON escaping style as ``JsonStyle.detect`` reads it off a whole text, in one pass of
    bounded memory.  Known before any chunk is checked, an undecodable file is reported
    and nothing of it is checked, as for a small file.

    The style is read off bytes: ``str`` regular expressions over a gigabyte would cost
    more than the check itself.
    """
    if hashed:
        import hashlib  # only for the cache (loading it is some 10 ms of start-up)

        digest: hashlib.blake2b | None = hashlib.blake2b(digest_size=16)
    else:
        digest = None
    ensure_ascii, upper_hex, escape_slash = True, None, False
    failure: ReadError | None = None
    lines = 0
    first_lines: list[int] = []
    with open(path, "rb") as handle:
        for start, end in ranges:
            handle.seek(start)
            data = handle.read(end - start)
            if digest is not None:
                digest.update(data)
            first_lines.append(lines)
            if failure is None:
                try:
                    decode(data, start)
                except DecodeError as exc:
                    # A line that is not UTF-8 fails only its record (its chunk reports it).
                    if not lines_decodable(data, start):
                        line = exc.line + lines if exc.line is not None else None
                        failure = ReadError(path, str(exc), line, exc.column)
            lines += data.count(b"\n")
            if not wanted:
                continue
            # The BOM is not text: a file of ASCII escapes after it stays one (``JsonStyle.detect``
            # reads the decoded text, which has no BOM).
            text = data[len(UTF8_BOM) :] if start == 0 and data.startswith(UTF8_BOM) else data
            ensure_ascii = ensure_ascii and text.isascii()
            if upper_hex is None and b"\\u" in data:
                for match in _BYTES_HEX_ESCAPE.finditer(data):
                    digits = match.group(1)
                    if digits.upper() != digits.lower() and _escaped(data, match.start()):
                        upper_hex = digits.upper() == digits
                        break
            if not escape_slash and b"\\/" in data:
                escape_slash = any(
                    _escaped(data, m.start()) for m in _BYTES_SLASH_ESCAPE.finditer(data)
                )
    style = JsonStyle(ensure_ascii, bool(upper_hex), escape_slash)
    hexdigest = digest.hexdigest() if digest is not None else ""
    return Scan(style, hexdigest, failure, tuple(first_lines))


@dataclass(slots=True)
class Scans:
    """Big files' scans kept from one pass of a run for the next (a corpus pass, then the
    check): the check does not read and decode a file's bytes again in the parent before its
    chunks go to the workers, if the file has not changed since.

    ``wanted`` and ``hashed`` are what the later pass needs (``scan_file``'s parameters): the
    first pass scans for them too.
    """

    wanted: bool = False
    hashed: bool = False
    found: dict[tuple[str, StatKey], tuple[list[tuple[int, int]], Scan, bool, bool]] = field(
        default_factory=dict
    )

    def scan(
        self, path: str, key: StatKey, ranges: list[tuple[int, int]], wanted: bool, hashed: bool
    ) -> Scan:
        """``scan_file(path, ranges, wanted, hashed)`` for the file as ``key`` says it is."""
        kept = self.found.get((path, key))
        if kept is not None:
            old_ranges, scan, was_wanted, was_hashed = kept
            if old_ranges == ranges and (was_wanted or not wanted) and (was_hashed or not hashed):
                return scan
        wanted, hashed = wanted or self.wanted, hashed or self.hashed
        scan = scan_file(path, ranges, wanted, hashed=hashed)
        self.found[(path, key)] = (ranges, scan, wanted, hashed)
        return scan


def _is_empty_file_error(error: ReadError) -> bool:
    return error.line is None and error.message.startswith("file is empty")


@dataclass(slots=True)
class BigFile:
    """A JSONL file read in chunks: merges the chunks' results and writes the fixed file.

    A check (``stream``) hands each chunk's diagnostics on as a partial result as soon as
    it arrives, so that a file with millions of problems is never held whole; it keeps a
    merged copy for the cache only while that stays small.  A fix merges everything: if
    the fixed file cannot be written, what is reported is the check of the file as it is.
    """

    path: str
    snapshot: Snapshot
    chunks: int
    digest: str
    fix: bool
    stream: bool = False
    result: FileResult = field(init=False)
    kept: list[Diagnostic] | None = field(default_factory=list)
    """A streamed file's diagnostics for the cache (None once there are too many)."""
    writer: AtomicWriter | None = None
    hasher: hashlib.blake2b | None = None
    lines: int = 0
    received: int = 0
    failure: ReadError | None = None
    """Why nothing may be written (an undecodable chunk, a write that failed)."""
    unwritten: bool = False
    """Fixes were made but not written: the file must be checked again as it is."""

    def __post_init__(self) -> None:
        self.result = FileResult(self.path)

    def add(self, chunk: Chunk, outcome: ChunkOutcome) -> FileResult | None:
        """Take one chunk's outcome (in file order); return the partial result to hand on."""
        part, result = outcome.result, self.result
        if result.articles:  # lines and records are the file's already (``Chunk.first_line``)
            for diagnostic in (*part.diagnostics, *part.fixed_diagnostics):
                diagnostic.article_index += result.articles
        errors = [
            replace(error, line=error.line + self.lines if error.line is not None else None)
            for error in part.errors
            if not _is_empty_file_error(error)
        ]
        if part.unreadable and self.failure is None:
            # As for a small file: an undecodable file is reported, not checked or written.
            self.failure = errors[0] if errors else ReadError(self.path, "cannot read")
            result.unreadable = True
        result.errors.extend(errors)
        result.articles += part.articles
        self.lines += outcome.lines
        self.received += 1
        result.add_statistics(part.statistics)
        merge_warnings(result.warnings, part.warnings)  # the file's, printed with its last result
        if self.stream:
            if self.kept is not None:
                self.kept.extend(part.diagnostics)
                if len(self.kept) > CACHE_DIAGNOSTICS:
                    self.kept = None
            return FileResult(
                self.path,
                part.diagnostics,
                errors,
                articles=part.articles,
                statistics=part.statistics,
                partial=True,
            )
        result.diagnostics.extend(part.diagnostics)
        result.fixed_diagnostics.extend(part.fixed_diagnostics)
        result.fixed += part.fixed
        if self.fix and self.failure is None and (self.writer or outcome.fixed is not None):
            self._write(chunk, outcome.fixed)
        return None

    def _write(self, chunk: Chunk, fixed: bytes | None) -> None:
        """Append the chunk, fixed or as it was, to the replacement file.

        The replacement starts at the first chunk that changed: a file with nothing to
        fix is never copied.
        """
        try:
            if self.writer is None:
                self.writer = AtomicWriter(Path(self.path), self.snapshot)
                import hashlib  # only when a big file is fixed

                self.hasher = hashlib.blake2b(digest_size=16)
                self._copy(0, chunk.start)
            if fixed is None:
                self._copy(chunk.start, chunk.end)
            else:
                self.writer.write(fixed)
                assert self.hasher is not None
                self.hasher.update(fixed)
        except OSError as exc:
            self._give_up(exc)

    def _copy(self, start: int, end: int) -> None:
        assert self.writer is not None and self.hasher is not None
        with open(self.path, "rb") as handle:
            handle.seek(start)
            while start < end:
                block = handle.read(min(1 << 20, end - start))
                if not block:
                    raise FileChangedError(f"{self.path}: shorter than when it was read")
                self.writer.write(block)
                self.hasher.update(block)
                start += len(block)

    def _give_up(self, exc: OSError) -> None:
        self.failure = ReadError(self.path, not_written(exc))
        self.result.errors.append(self.failure)
        self.unwritten = True
        if self.writer is not None:
            self.writer.discard()

    def finish_stream(self) -> tuple[FileResult, FileResult | None]:
        """A streamed check's last word on the file (what no chunk could say), and the whole
        result to cache, if it may be cached."""
        result = self.result
        final = FileResult(self.path, unreadable=result.unreadable)
        if not result.articles and not result.errors:
            final.errors.append(ReadError(self.path, "file is empty: no article to check"))
        if self.failure is None:
            final.warnings = result.warnings = final_warnings(result.warnings)
        if self.failure is not None or self.kept is None:
            return final, None
        whole = replace(result, diagnostics=self.kept, errors=[*result.errors, *final.errors])
        whole.digest, whole.stat = self.digest, self.snapshot.key
        return final, whole

    def finish(self) -> FileResult:
        result = self.result
        result.warnings = final_warnings(result.warnings)
        if result.unreadable and self.failure is not None:
            result.diagnostics, result.errors, result.articles = [], [self.failure], 0
        elif not result.articles and not result.errors:
            result.errors.append(ReadError(self.path, "file is empty: no article to check"))
        if self.failure is None and self.writer is not None:
            try:
                self.writer.commit()
            except OSError as exc:
                self._give_up(exc)
            else:
                assert self.hasher is not None
                result.digest = self.hasher.hexdigest()
                try:
                    result.stat = Snapshot.of(Path(self.path)).key
                except OSError:
                    result.stat = None
                return result
        if self.failure is not None:
            result.fixed, result.fixed_diagnostics = 0, []
            if self.writer is not None:
                self.writer.discard()
        else:
            result.digest, result.stat = self.digest, self.snapshot.key
        return result
