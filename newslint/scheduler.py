"""Run a whole corpus fast: cache look-ups, a process pool, big JSONL files in chunks.

The unit of work is a *task*: a batch of small files, or one chunk of complete
lines of a big JSONL file.  Tasks run in a pool of worker processes (or inline,
when the run is too small for a pool to pay off); results come back in
submission order, so the report is the same whatever the number of jobs.

A big JSONL file is never held in memory whole: each worker reads its own byte
range, and with ``--fix`` the parent writes the fixed chunks, in order, to a
temp file beside the original and renames it into place at the end, as for any
other file.  A chunk that cannot be decoded leaves the whole file untouched.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from newslint.diagnostics import Diagnostic, ReadError
from newslint.document import DecodeError, decode
from newslint.files import AtomicWriter, FileChangedError, Snapshot, Terminated
from newslint.jsonstr import JsonStyle
from newslint.rule import Rule
from newslint.runner import FileResult, Options, not_written, process_data, process_file

if TYPE_CHECKING:  # the cache (pickle) is imported by whoever opens one, not by every run
    import hashlib

    from newslint.cache import Cache

CHUNK_BYTES = 1 << 20
"""A JSONL file bigger than this is split into chunks of about this size."""
CHUNK_LINES = 10_000
"""...or of at most this many lines: a chunk's articles and diagnostics stay a bounded amount
of memory however short its records are (a million ``{}`` lines are 3 MB)."""
CACHE_DIAGNOSTICS = 100_000
"""A chunked file with more problems than this is not cached (the cache is held in memory)."""
BATCH_BYTES = 256 << 10
BATCH_FILES = 64
"""Small files travel to workers in batches, so that a task is worth its round trip."""
POOL_MIN_BYTES = 2 << 20
"""Below this much text a pool's start-up costs more than it saves (a pre-commit run)."""


@dataclass(frozen=True, slots=True)
class Job:
    """One file to check, with the codes per-file-ignores turn off for it."""

    path: str
    ignored: frozenset[str] = frozenset()


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


Task = tuple[Job, ...] | Chunk
TaskOutcome = list[FileResult] | ChunkOutcome


@dataclass(frozen=True, slots=True)
class _Planned:
    """A task and, in the parent only, which jobs it answers and how much text it holds."""

    indices: tuple[int, ...]
    task: Task
    size: int


Progress = Callable[[int, int, int], None]
"""Called with (files done, articles done, bytes done) as results arrive."""

_worker_rules: Sequence[Rule] = ()
_worker_options = Options()


def _init_worker(rules: Sequence[Rule], options: Options, parent: int | None = None) -> None:
    global _worker_rules, _worker_options
    _worker_rules, _worker_options = rules, options
    if parent is not None:
        _die_with(parent)


GC_THRESHOLDS = (200_000, 100, 100)
"""Allocations between collections while checking (Python's default is 700, 10, 10)."""
_tuned = 0


@contextlib.contextmanager
def collector_tuned() -> Iterator[None]:
    """Let the garbage collector pass over what a check allocates.

    A check allocates millions of objects that reference counting frees (diagnostics,
    matches, the results a worker sends and the parent unpickles), and with the default
    thresholds the collector scans the live heap again and again for cycles that are
    not there: unpickling one corpus cycle's 63,000 problems took 0.8 s with it and
    0.16 s without.  Objects alive before the check are frozen (never scanned), and
    collections are rarer; both are undone afterwards, so a library caller's settings
    are left as they were (and a caller's own frozen objects stay frozen).
    """
    global _tuned
    if _tuned:
        yield
        return
    before = gc.get_threshold()
    # A caller that froze objects of its own keeps them frozen: unfreeze() would thaw
    # them too, so then only the thresholds change.
    freeze = gc.get_freeze_count() == 0
    _tuned += 1
    if freeze:
        gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        _tuned -= 1
        gc.set_threshold(*before)
        if freeze:
            gc.unfreeze()


_in_task = False
_is_worker = False


def _on_worker_signal(signum: int, frame: object) -> None:
    """In a worker: unwind the task being done (its writes remove their temp files), or,
    between tasks, just leave: the parent handles the interruption and reports it."""
    if _in_task:
        raise Terminated
    os._exit(128 + signum)


def _die_with(parent: int) -> None:
    """End this worker when the parent process dies, or when it is told to (SIGTERM).

    Otherwise a worker would wait for work for ever: the pipe it reads from stays open
    in its sibling workers.  SIGTERM unwinds the task, so a file being written loses
    only its temp file; a worker's own SIGKILL can still leave one behind.
    """
    global _is_worker
    _is_worker = True
    signal.signal(signal.SIGTERM, _on_worker_signal)
    signal.signal(signal.SIGINT, _on_worker_signal)  # Ctrl-C reaches the whole process group
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG (Linux)
    except (OSError, AttributeError):
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # it died before the line above
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _rules_for(ignored: frozenset[str]) -> list[Rule]:
    return [rule for rule in _worker_rules if rule.code not in ignored]


def _internal_error(path: str, exc: Exception) -> FileResult:
    message = f"internal error, file skipped and left as it was: {type(exc).__name__}: {exc}"
    return FileResult(path, errors=[ReadError(path, message)])


def _run_task(task: Task) -> TaskOutcome:
    """In a worker: check (and fix) a batch of files, or one chunk of a big file.

    A bug in newslint on one file becomes an error for that file, not a crash of the
    run; nothing is written for such a file, as writes happen last.
    """
    global _in_task
    _in_task = True
    try:
        return _run_files(task) if not isinstance(task, Chunk) else _run_chunk(task)
    except Terminated:
        if not _is_worker:
            raise
        os._exit(143)  # temp files are gone: the exception unwound every write
    finally:
        _in_task = False


def _run_files(task: tuple[Job, ...]) -> list[FileResult]:
    results = []
    for job in task:
        try:
            results.append(process_file(job.path, _rules_for(job.ignored), _worker_options))
        except Exception as exc:
            results.append(_internal_error(job.path, exc))
    return results


def _run_chunk(chunk: Chunk) -> ChunkOutcome:
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
            _rules_for(chunk.ignored),
            _worker_options,
            style=chunk.style,
            first_byte=chunk.start,
            first_line=chunk.first_line,
        )
    except Exception as exc:
        result, fixed = _internal_error(chunk.path, exc), None
        result.unreadable = True
    return ChunkOutcome(result, fixed, data.count(b"\n"))


def _plan_chunks(path: str, size: int) -> Iterator[tuple[int, int]]:
    """Byte ranges of at most about ``CHUNK_BYTES`` and ``CHUNK_LINES`` lines, each ending
    just after a newline (or at the end of the file)."""
    with open(path, "rb") as handle:
        start = 0
        while start < size:
            handle.seek(start)
            block = handle.read(min(CHUNK_BYTES, size - start))
            cut = -1
            for _ in range(CHUNK_LINES):
                cut = block.find(b"\n", cut + 1)
                if cut < 0:
                    break
            if cut >= 0 and start + cut + 1 < size:
                end = start + cut + 1  # the CHUNK_LINES-th line ends inside the block
            else:
                end = start + len(block)
                while end < size:  # finish the line the block ends in
                    handle.seek(end)
                    more = handle.read(1 << 16)
                    if not more:
                        end = size
                        break
                    newline = more.find(b"\n")
                    if newline >= 0:
                        end += newline + 1
                        break
                    end += len(more)
            yield start, min(end, size)
            start = end


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
class _Scan:
    """What one pass over a big file's bytes says before any chunk is checked."""

    style: JsonStyle
    digest: str
    """The content hash, for the cache ("" without one)."""
    failure: ReadError | None
    """Why the file cannot be read as text (as ``decode`` says it of the whole file)."""
    first_lines: tuple[int, ...] = ()
    """For each range, the lines of the file before it."""


def _scan(path: str, ranges: Sequence[tuple[int, int]], wanted: bool, hashed: bool = True) -> _Scan:
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
                    line = exc.line + lines if exc.line is not None else None
                    failure = ReadError(path, str(exc), line, exc.column)
            lines += data.count(b"\n")
            if not wanted:
                continue
            ensure_ascii = ensure_ascii and data.isascii()
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
    return _Scan(style, hexdigest, failure, tuple(first_lines))


def _is_empty_file_error(error: ReadError) -> bool:
    return error.line is None and error.message.startswith("file is empty")


@dataclass(slots=True)
class _BigFile:
    """A JSONL file read in chunks: merges the chunks' results and writes the fixed file.

    A check (``stream``) hands each chunk's diagnostics on as a partial result as soon as
    it arrives, so that a file with millions of problems is never held whole; it keeps a
    merged copy for the cache only while that stays small.  A fix merges everything: if
    the fixed file cannot be written, what is reported is the check of the file as it is.
    """

    job: Job
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
        self.result = FileResult(self.job.path)

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
            self.failure = errors[0] if errors else ReadError(self.job.path, "cannot read")
            result.unreadable = True
        result.errors.extend(errors)
        result.articles += part.articles
        self.lines += outcome.lines
        self.received += 1
        result.add_statistics(part.statistics)
        if self.stream:
            if self.kept is not None:
                self.kept.extend(part.diagnostics)
                if len(self.kept) > CACHE_DIAGNOSTICS:
                    self.kept = None
            return FileResult(
                self.job.path,
                part.diagnostics,
                errors,
                articles=part.articles,
                statistics=part.statistics,
                partial=True,
            )
        result.diagnostics.extend(part.diagnostics)
        result.fixed_diagnostics.extend(part.fixed_diagnostics)
        result.warnings.extend(w for w in part.warnings if w not in result.warnings)
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
                self.writer = AtomicWriter(Path(self.job.path), self.snapshot)
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
        with open(self.job.path, "rb") as handle:
            handle.seek(start)
            while start < end:
                block = handle.read(min(1 << 20, end - start))
                if not block:
                    raise FileChangedError(f"{self.job.path}: shorter than when it was read")
                self.writer.write(block)
                self.hasher.update(block)
                start += len(block)

    def _give_up(self, exc: OSError) -> None:
        self.failure = ReadError(self.job.path, not_written(exc))
        self.result.errors.append(self.failure)
        self.unwritten = True
        if self.writer is not None:
            self.writer.discard()

    def finish_stream(self) -> tuple[FileResult, FileResult | None]:
        """A streamed check's last word on the file (what no chunk could say), and the whole
        result to cache, if it may be cached."""
        result = self.result
        final = FileResult(self.job.path, unreadable=result.unreadable)
        if not result.articles and not result.errors:
            final.errors.append(ReadError(self.job.path, "file is empty: no article to check"))
        if self.failure is not None or self.kept is None:
            return final, None
        whole = replace(result, diagnostics=self.kept, errors=[*result.errors, *final.errors])
        whole.digest, whole.stat = self.digest, self.snapshot.key
        return final, whole

    def finish(self) -> FileResult:
        result = self.result
        if result.unreadable and self.failure is not None:
            result.diagnostics, result.errors, result.articles = [], [self.failure], 0
        elif not result.articles and not result.errors:
            result.errors.append(ReadError(self.job.path, "file is empty: no article to check"))
        if self.failure is None and self.writer is not None:
            try:
                self.writer.commit()
            except OSError as exc:
                self._give_up(exc)
            else:
                assert self.hasher is not None
                result.digest = self.hasher.hexdigest()
                try:
                    result.stat = Snapshot.of(Path(self.job.path)).key
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


class Scheduler:
    """Checks (and fixes) a list of files with a cache and a pool; results in input order."""

    def __init__(
        self,
        rules: Sequence[Rule],
        options: Options,
        jobs: int,
        cache: Cache | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.rules = rules
        self.options = options if cache is not None else replace(options, digest=False)
        self.jobs = max(1, jobs)
        self.cache = cache
        self.progress = progress
        self._done = [0, 0, 0]
        self.abandoned = False
        """An interrupted run left a pool whose result pipe may hold half a message: the
        process must end with ``os._exit``, as the interpreter's exit would wait on that
        pipe for ever."""

    def run(self, jobs: Sequence[Job]) -> list[FileResult]:
        """Every job's whole result, in input order (a big file's partial results merged)."""
        return list(whole_results(self.results(jobs)))

    def results(self, jobs: Sequence[Job]) -> Iterator[FileResult]:
        """Every job's result, in input order, each as soon as it and those before it are
        done: the caller streams them, and nothing here keeps a result it has yielded.

        A big JSONL file that is checked (not fixed) comes as several results: one partial
        result per chunk (``partial=True``), then the file's own last result.
        """
        results: dict[int, list[FileResult]] = {}
        finished: set[int] = set()
        planned: list[_Planned] = []
        big: dict[int, _BigFile] = {}
        small: list[tuple[int, Job, int]] = []
        for index, job in enumerate(jobs):
            try:
                snapshot: Snapshot | None = Snapshot.of(job.path)
            except OSError:
                snapshot = None
            if snapshot is not None and self.cache is not None:
                hit = self.cache.lookup(job.path, snapshot.key, job.ignored, self.options)
                if hit is not None:
                    results[index] = [hit]
                    finished.add(index)
                    self._advance(1, hit.articles, 0)
                    continue
            ranges = self._chunks(job.path, snapshot.size) if snapshot is not None else []
            if snapshot is not None and len(ranges) > 1:
                wanted = self.options.fix or self.options.locate_fixes
                scan = _scan(job.path, ranges, wanted, hashed=self.cache is not None)
                if scan.failure is not None:
                    # As for a small file: an undecodable file is reported, not checked.
                    results[index] = [FileResult(job.path, errors=[scan.failure], unreadable=True)]
                    finished.add(index)
                    self._advance(1, 0, snapshot.size)
                    continue
                big[index] = _BigFile(
                    job,
                    snapshot,
                    len(ranges),
                    scan.digest,
                    self.options.fix,
                    stream=not (self.options.fix or self.options.diff),
                    # A copy for the cache only when there is a cache to store it in.
                    kept=[] if self.cache is not None else None,
                )
                planned.extend(
                    _Planned(
                        (index,),
                        Chunk(job.path, start, end, scan.style, job.ignored, first_line),
                        end - start,
                    )
                    for (start, end), first_line in zip(ranges, scan.first_lines, strict=True)
                )
            else:
                small.append((index, job, snapshot.size if snapshot else 0))
        planned.extend(_batches(small))
        planned.sort(key=lambda item: item.indices[0])
        following = 0
        try:
            for _ in self._collect(planned, jobs, results, finished, big):
                while following in results:
                    yield from results[following]
                    results[following].clear()
                    if following not in finished:
                        break
                    del results[following]
                    following += 1
        except BaseException:
            for merged in big.values():  # interrupted: leave no temp file behind
                if merged.writer is not None:
                    merged.writer.discard()
            raise
        while following in results:  # cache hits after the last task
            yield from results.pop(following)
            following += 1
        if self.cache is not None:
            self.cache.save()

    def _collect(
        self,
        planned: list[_Planned],
        jobs: Sequence[Job],
        results: dict[int, list[FileResult]],
        finished: set[int],
        big: dict[int, _BigFile],
    ) -> Iterator[None]:
        """Run the tasks; after each outcome, ``results`` holds what it finished."""
        yield None  # cache hits first
        for item, outcome in self._execute(planned):
            if isinstance(outcome, ChunkOutcome):
                assert isinstance(item.task, Chunk)
                index = item.indices[0]
                merged = big[index]
                partial = merged.add(item.task, outcome)
                if partial is not None:
                    results.setdefault(index, []).append(partial)
                self._advance(0, outcome.result.articles, item.size)
                if merged.received == merged.chunks:
                    results.setdefault(index, []).append(self._finish(merged, jobs[index]))
                    finished.add(index)
                    self._advance(1, 0, 0)
            else:
                for index, result in zip(item.indices, outcome, strict=True):
                    results[index] = [result]
                    finished.add(index)
                    self._store(result, jobs[index])
                self._advance(len(outcome), sum(r.articles for r in outcome), item.size)
            yield None

    def _finish(self, merged: _BigFile, job: Job) -> FileResult:
        """A big file's last result (and its whole result into the cache)."""
        if merged.stream:
            final, whole = merged.finish_stream()
            if whole is not None:
                self._store(whole, job)
            return final
        result = merged.finish()
        if merged.unwritten:
            result = self._recheck(job, result)
        self._store(result, job)
        return result

    def _recheck(self, job: Job, failed: FileResult) -> FileResult:
        """The problems of a big file whose fixes could not be written, as it still is."""
        checker = Scheduler(self.rules, replace(self.options, fix=False), 1)
        [result] = checker.run([job])
        result.errors = [*result.errors, *failed.errors]
        result.digest, result.stat = "", None  # not a clean check result: never cached
        return result

    def _chunks(self, path: str, size: int) -> list[tuple[int, int]]:
        """A big JSONL file's chunks (one range, or none, for a file checked whole)."""
        if not self._chunked(path, size):
            return []
        try:
            return list(_plan_chunks(path, size))
        except OSError:
            return []  # checked whole: reading it again gives the error

    def _chunked(self, path: str, size: int) -> bool:
        """Big JSONL files go in chunks (not for --diff, whose output is one diff per file)."""
        return (
            # 3 bytes a line at the least ("{}\n"): a smaller file has fewer than CHUNK_LINES
            size > min(CHUNK_BYTES, 3 * CHUNK_LINES)
            and path.lower().endswith(".jsonl")
            and not self.options.diff
            and os.path.isfile(path)
        )

    def _store(self, result: FileResult, job: Job) -> None:
        if self.cache is not None and not self.options.diff:
            self.cache.store(result, job.ignored)

    def _advance(self, files: int, articles: int, size: int) -> None:
        self._done[0] += files
        self._done[1] += articles
        self._done[2] += size
        if self.progress is not None:
            self.progress(*self._done)

    def _execute(self, planned: list[_Planned]) -> Iterator[tuple[_Planned, TaskOutcome]]:
        """Run tasks, inline or in a pool, and yield their outcomes in submission order."""
        with collector_tuned():  # forked workers inherit it
            yield from self._execute_tasks(planned)

    def _execute_tasks(self, planned: list[_Planned]) -> Iterator[tuple[_Planned, TaskOutcome]]:
        total = sum(item.size for item in planned)
        if self.jobs == 1 or len(planned) < 2 or total < POOL_MIN_BYTES:
            _init_worker(self.rules, self.options)
            for item in planned:
                yield item, _run_task(item.task)
            return
        import concurrent.futures  # here: a pre-commit run on three files never needs them
        import multiprocessing

        # fork: workers inherit the configured rules instead of importing newslint afresh.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        window: deque[tuple[_Planned, concurrent.futures.Future[TaskOutcome]]] = deque()
        with concurrent.futures.ProcessPoolExecutor(
            max_workers=min(self.jobs, len(planned)),
            mp_context=context,
            initializer=_init_worker,
            initargs=(self.rules, self.options, os.getpid()),
        ) as pool:
            try:
                queue = iter(planned)
                # Enough tasks in flight to keep every worker busy, few enough that fixed
                # chunks waiting for their turn to be written stay a bounded amount of memory.
                for item in queue:
                    window.append((item, pool.submit(_run_task, item.task)))
                    if len(window) >= self.jobs * 3:
                        break
                while window:
                    item, future = window.popleft()
                    outcome = future.result()
                    following = next(queue, None)
                    if following is not None:
                        window.append((following, pool.submit(_run_task, following.task)))
                    yield item, outcome
            except BaseException:
                # Interrupted: stop the workers now (SIGTERM: each removes its temp file)
                # rather than wait for the tasks they are in.
                workers = list((getattr(pool, "_processes", None) or {}).values())
                pool.shutdown(wait=False, cancel_futures=True)
                for process in workers:
                    process.terminate()
                for process in workers:
                    process.join(2.0)  # reaped: no zombie outlives newslint
                self.abandoned = True
                raise


def whole_results(results: Iterable[FileResult]) -> Iterator[FileResult]:
    """One result per file: partial results merged into the file's last result."""
    parts: list[FileResult] = []
    for result in results:
        if result.partial:
            parts.append(result)
            continue
        if parts:
            parts.append(result)
            merged = replace(result, diagnostics=[], errors=[], articles=0, statistics=None)
            for part in parts:
                merged.absorb(part)
            parts = []
            result = merged
        yield result


def _batches(files: list[tuple[int, Job, int]]) -> Iterator[_Planned]:
    """Consecutive small files grouped up to ``BATCH_BYTES`` or ``BATCH_FILES``."""
    indices: list[int] = []
    batch: list[Job] = []
    size = 0
    for index, job, job_size in files:
        if batch and (size + job_size > BATCH_BYTES or len(batch) >= BATCH_FILES):
            yield _Planned(tuple(indices), tuple(batch), size)
            indices, batch, size = [], [], 0
        indices.append(index)
        batch.append(job)
        size += job_size
    if batch:
        yield _Planned(tuple(indices), tuple(batch), size)


def default_jobs() -> int:
    """The cores this process may use (the affinity mask, as in a container), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1
