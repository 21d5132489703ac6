"""Run a whole corpus fast: cache look-ups, a process pool, big JSONL files in chunks.

The unit of work is a *task*: a batch of small files, or one chunk of complete
lines of a big JSONL file.  Tasks run in a pool of worker processes (or inline,
when the run is too small for a pool to pay off); results come back in
submission order, so the report is the same whatever the number of jobs.

A big JSONL file is never held in memory whole: each worker reads its own byte
range, and with ``--fix`` the parent writes the fixed chunks, in order, to a
temp file beside the original and renames it into place at the end, as for any
other file.  A line that is not UTF-8 fails only its record (it is kept byte for byte); a
binary or UTF-16 file is reported and left untouched.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeAlias

from newslint import files
from newslint.files import (
    Snapshot,
    Terminated,
    on_signal,
    raise_if_signalled,
    signals_blocked,
    signals_held,
    unblock_signals,
)
from newslint.rule import Rule
from newslint.runner import FileResult, Options, internal_error, process_file
from newslint.statistics import final_warnings

if TYPE_CHECKING:  # the cache (pickle) is imported by whoever opens one, not by every run
    from newslint.cache import Cache
    from newslint.chunks import BigFile, Chunk, ChunkOutcome, Scans

CHUNK_BYTES = 1 << 20
"""A JSONL file bigger than this is split into chunks of about this size."""
CHUNK_LINES = 10_000
"""...or of at most this many lines: a chunk's articles and diagnostics stay a bounded amount
of memory however short its records are (a million ``{}`` lines are 3 MB)."""
BATCH_BYTES = 256 << 10
BATCH_FILES = 64
"""Small files travel to workers in batches, so that a task is worth its round trip."""
POOL_MIN_BYTES = 2 << 20
"""Below this much text a pool's start-up costs more than it saves (a pre-commit run)."""


@dataclass(frozen=True, slots=True)
class Job:
    """One file to check, with the codes per-file-ignores turn off for it, and the profile
    (the rules and options of the configuration that applies to it) to check it with."""

    path: str
    ignored: frozenset[str] = frozenset()
    profile: int = 0


@dataclass(frozen=True, slots=True)
class Profile:
    """The rules and options of one configuration, and its cache: a run over folders with
    configurations of their own checks each file with its own (``Job.profile``)."""

    rules: Sequence[Rule]
    options: Options
    cache: Cache | None = None


@dataclass(frozen=True, slots=True)
class ProfiledChunk:
    """A chunk of a big JSONL file, and the profile it is checked with."""

    profile: int
    chunk: Chunk


Task: TypeAlias = "tuple[Job, ...] | ProfiledChunk"
TaskOutcome: TypeAlias = "list[FileResult] | ChunkOutcome"


@dataclass(frozen=True, slots=True)
class _Planned:
    """A task and, in the parent only, which jobs it answers and how much text it holds."""

    indices: tuple[int, ...]
    task: Task
    size: int


Progress = Callable[[int, int, int], None]
"""Called with (files done, articles done, bytes done) as results arrive."""

_worker_profiles: Sequence[tuple[Sequence[Rule], Options]] = (((), Options()),)


def _init_worker(
    profiles: Sequence[tuple[Sequence[Rule], Options]], parent: int | None = None
) -> None:
    global _worker_profiles
    _worker_profiles = profiles
    if parent is not None:
        _die_with(parent)
        # Forked with SIGINT and SIGTERM blocked (``Scheduler._execute_tasks``): one sent
        # while it started arrives now, to the handler that ends it.
        unblock_signals()


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
        on_signal(signum, frame)  # raises, once any temp file being made or removed is done
        return
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


def _rules_for(ignored: frozenset[str], profile: int = 0) -> list[Rule]:
    return [rule for rule in _worker_profiles[profile][0] if rule.code not in ignored]


def _run_task(task: Task) -> TaskOutcome:
    """In a worker: check (and fix) a batch of files, or one chunk of a big file.

    A bug in newslint on one file becomes an error for that file, not a crash of the
    run; nothing is written for such a file, as writes happen last.
    """
    global _in_task
    _in_task = True
    try:
        return _run_files(task) if isinstance(task, tuple) else _run_chunk(task)
    except (Terminated, KeyboardInterrupt):
        if not _is_worker:
            raise
        os._exit(128 + (files.signalled or signal.SIGTERM))  # every write unwound: no temp file
    finally:
        _in_task = False


def _run_chunk(task: ProfiledChunk) -> ChunkOutcome:
    from newslint.chunks import run_chunk  # only a big file is cut in chunks

    chunk = task.chunk
    options = _worker_profiles[task.profile][1]
    return run_chunk(chunk, _rules_for(chunk.ignored, task.profile), options)


def _run_files(task: tuple[Job, ...]) -> list[FileResult]:
    results = []
    for job in task:
        try:
            options = _worker_profiles[job.profile][1]
            result = process_file(job.path, _rules_for(job.ignored, job.profile), options)
            if result.warnings:  # a whole file: its warnings as printed (a chunk's are merged)
                result.warnings = final_warnings(result.warnings)
            results.append(result)
        except Exception as exc:
            results.append(internal_error(job.path, exc))
    return results


def _plan_chunks(
    path: str, size: int, chunk_bytes: int, chunk_lines: int
) -> Iterator[tuple[int, int]]:
    """Byte ranges of at most about ``chunk_bytes`` and ``chunk_lines`` lines, each ending
    just after a newline (or at the end of the file)."""
    with open(path, "rb") as handle:
        start = 0
        while start < size:
            handle.seek(start)
            block = handle.read(min(chunk_bytes, size - start))
            cut = -1
            for _ in range(chunk_lines):
                cut = block.find(b"\n", cut + 1)
                if cut < 0:
                    break
            if cut >= 0 and start + cut + 1 < size:
                end = start + cut + 1  # the chunk_lines-th line ends inside the block
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


class Scheduler:
    """Checks (and fixes) a list of files with a cache and a pool; results in input order."""

    def __init__(
        self,
        rules: Sequence[Rule],
        options: Options,
        jobs: int,
        cache: Cache | None = None,
        progress: Progress | None = None,
        scans: Scans | None = None,
        more: Sequence[Profile] = (),
    ) -> None:
        """``rules``, ``options`` and ``cache`` are profile 0's; ``more``: profiles 1, 2...
        (configurations of their own that apply to some jobs)."""
        self.profiles = [
            Profile(r, o if c is not None else replace(o, digest=False), c)
            for r, o, c in [(rules, options, cache), *((p.rules, p.options, p.cache) for p in more)]
        ]
        self.rules = rules
        self.options = self.profiles[0].options
        self.jobs = max(1, jobs)
        self.cache = cache
        self.progress = progress
        self.scans = scans
        """Big files' scans shared with the run's other pass (None: each is scanned here)."""
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
        big: dict[int, BigFile] = {}
        small: list[tuple[int, Job, int]] = []
        for index, job in enumerate(jobs):
            try:
                snapshot: Snapshot | None = Snapshot.of(job.path)
            except OSError:
                snapshot = None
            profile = self.profiles[job.profile]
            if snapshot is not None and profile.cache is not None:
                hit = profile.cache.lookup(job.path, snapshot.key, job.ignored, profile.options)
                if hit is not None:
                    results[index] = [hit]
                    finished.add(index)
                    self._advance(1, hit.articles, 0)
                    continue
            ranges = self._chunks(job.path, snapshot.size) if snapshot is not None else []
            if len(ranges) > 1:
                # A big file of records that are no articles is skipped as a small one is,
                # judged by its first records before any chunk is read.
                from newslint.readers.shape import jsonl_head_reason

                reason = jsonl_head_reason(job.path, profile.options.read)
                if reason is not None:
                    results[index] = [FileResult(job.path, notes=[f"skipped: {reason}"])]
                    finished.add(index)
                    self._advance(1, 0, snapshot.size if snapshot is not None else 0)
                    continue
            if snapshot is not None and len(ranges) > 1:
                wanted = self.options.fix or self.options.locate_fixes
                from newslint.chunks import BigFile, Chunk, scan_file

                hashed = profile.cache is not None
                if self.scans is not None:
                    scan = self.scans.scan(job.path, snapshot.key, ranges, wanted, hashed)
                else:
                    scan = scan_file(job.path, ranges, wanted, hashed=hashed)
                if scan.failure is not None:
                    # As for a small file: an undecodable file is reported, not checked.
                    results[index] = [FileResult(job.path, errors=[scan.failure], unreadable=True)]
                    finished.add(index)
                    self._advance(1, 0, snapshot.size)
                    continue
                big[index] = BigFile(
                    job.path,
                    snapshot,
                    len(ranges),
                    scan.digest,
                    self.options.fix,
                    stream=not (self.options.fix or self.options.diff),
                    # A copy for the cache only when there is a cache to store it in.
                    kept=[] if profile.cache is not None else None,
                )
                planned.extend(
                    _Planned(
                        (index,),
                        ProfiledChunk(
                            job.profile,
                            Chunk(job.path, start, end, scan.style, job.ignored, first_line),
                        ),
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
                raise_if_signalled()  # told to stop, and the exception was swallowed
        except BaseException:
            for merged in big.values():  # interrupted: leave no temp file behind
                if merged.writer is not None:
                    merged.writer.discard()
            raise
        while following in results:  # cache hits after the last task
            yield from results.pop(following)
            following += 1
        saved: set[int] = set()
        for profile in self.profiles:  # profiles with the same settings share a cache
            if profile.cache is not None and id(profile.cache) not in saved:
                saved.add(id(profile.cache))
                profile.cache.save()

    def _collect(
        self,
        planned: list[_Planned],
        jobs: Sequence[Job],
        results: dict[int, list[FileResult]],
        finished: set[int],
        big: dict[int, BigFile],
    ) -> Iterator[None]:
        """Run the tasks; after each outcome, ``results`` holds what it finished."""
        yield None  # cache hits first
        for item, outcome in self._execute(planned):
            if not isinstance(outcome, list):  # a chunk's outcome
                assert not isinstance(item.task, tuple)
                index = item.indices[0]
                merged = big[index]
                partial = merged.add(item.task.chunk, outcome)
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

    def _finish(self, merged: BigFile, job: Job) -> FileResult:
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
        checking = [Profile(p.rules, replace(p.options, fix=False)) for p in self.profiles]
        first = checking[0]
        checker = Scheduler(first.rules, first.options, 1, more=checking[1:])
        [result] = checker.run([job])
        result.errors = [*result.errors, *failed.errors]
        result.digest, result.stat = "", None  # not a clean check result: never cached
        return result

    def _chunks(self, path: str, size: int) -> list[tuple[int, int]]:
        """A big JSONL file's chunks (one range, or none, for a file checked whole)."""
        if not self._chunked(path, size):
            return []
        try:
            return list(_plan_chunks(path, size, CHUNK_BYTES, CHUNK_LINES))
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
        # A fix's warnings may be about its fixes, not what a check of the file would say:
        # such a result is not kept (a later check checks the file again).
        fixing = self.options.fix and result.warnings
        cache = self.profiles[job.profile].cache
        if cache is not None and not self.options.diff and not fixing:
            cache.store(result, job.ignored)

    def _advance(self, files: int, articles: int, size: int) -> None:
        self._done[0] += files
        self._done[1] += articles
        self._done[2] += size
        if self.progress is not None:
            self.progress(*self._done)

    def _worker_profiles(self) -> list[tuple[Sequence[Rule], Options]]:
        """What a worker needs of each profile (not the caches: the parent keeps them)."""
        return [(profile.rules, profile.options) for profile in self.profiles]

    def _execute(self, planned: list[_Planned]) -> Iterator[tuple[_Planned, TaskOutcome]]:
        """Run tasks, inline or in a pool, and yield their outcomes in submission order."""
        with collector_tuned():  # forked workers inherit it
            yield from self._execute_tasks(planned)

    def _execute_tasks(self, planned: list[_Planned]) -> Iterator[tuple[_Planned, TaskOutcome]]:
        total = sum(item.size for item in planned)
        if self.jobs == 1 or len(planned) < 2 or total < POOL_MIN_BYTES:
            _init_worker(self._worker_profiles())
            for item in planned:
                yield item, _run_task(item.task)
            return
        import concurrent.futures  # here: a pre-commit run on three files never needs them
        import multiprocessing

        # fork: workers inherit the configured rules instead of importing newslint afresh.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        window: deque[tuple[_Planned, concurrent.futures.Future[TaskOutcome]]] = deque()
        # Until the pool has shut down, an interruption must end the process with os._exit.
        self.abandoned = True
        with concurrent.futures.ProcessPoolExecutor(
            max_workers=min(self.jobs, len(planned)),
            mp_context=context,
            initializer=_init_worker,
            initargs=(self._worker_profiles(), os.getpid()),
        ) as pool:
            try:
                queue = iter(planned)
                # Enough tasks in flight to keep every worker busy, few enough that fixed
                # chunks waiting for their turn to be written stay a bounded amount of memory.
                for item in queue:
                    if window:
                        window.append((item, pool.submit(_run_task, item.task)))
                    else:
                        # The first submit forks the workers: each starts with the stop
                        # signals blocked until its handler is in place (``_init_worker``),
                        # and one sent meanwhile reaches this process when the block ends.
                        with signals_blocked():
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
                # rather than wait for the tasks they are in; a second Ctrl-C waits for this.
                with signals_held():
                    workers = list((getattr(pool, "_processes", None) or {}).values())
                    pool.shutdown(wait=False, cancel_futures=True)
                    for process in workers:
                        process.terminate()
                    for process in workers:
                        process.join(2.0)  # reaped: no zombie outlives newslint
                raise
        self.abandoned = False


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
