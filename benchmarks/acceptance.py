"""Issue 11's acceptance figures on real text, each printed beside its target, in one run.

    python benchmarks/acceptance.py [--shared PATH] [--records 20000] [--memory-lines 1000000]
        [--only floor,ftfy,check,startup,memory,files] [--jobs 2] [--json FILE]
        [--snapshot] [--wait-idle SECONDS] [--retries N]

The corpus is built at run time in a temporary folder, never in the project: every record of
the shared real corpora (``--shared``, default ``<repo>/../shared/corpora``; JSONL files, some
gzipped) is copied byte for byte, cycling through them until there are ``--records`` records.
Then, each in a fresh helper process (``run.Bench``: wall time, CPU time, peak RSS from
``getrusage(RUSAGE_CHILDREN)``):

- floor: read, decode and ``json.loads`` every record (1 core), after one untimed read
  of the corpus (``warm_page_cache``);
- ftfy: ``ftfy.fix_text`` on every string value of every record (1 core);
- check: ``newslint --isolated --quiet --no-cache -j 1`` and ``-j 2``, report to a file;
- startup: median of 10 runs of newslint on the seed, and of ``python -c pass``;
- memory: peak RSS of ``newslint -j 2`` on ``--memory-lines`` lines of ``{}``, and on as many
  small valid articles with exactly one problem each;
- files (not in the default run): the same records as one ``.json`` file each.

The package is byte-compiled first (``python -m compileall -q``) and PYTHONDONTWRITEBYTECODE is
removed from the children's environment, as after a ``pip install``.

For a shared machine: ``--snapshot`` measures a ``git archive`` copy of HEAD (edits made during
the run change nothing), every run records the CPU seconds other processes used meanwhile,
``--wait-idle`` waits for idle cores before each run and ``--retries`` repeats a run that others
disturbed, keeping the quietest.  See benchmarks/README.md for measured figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import (
    _FLOOR,
    _FTFY,
    Bench,
    Result,
    _consistency,
    _default_newslint,
    _machine,
    _short,
    _startup,
    _supported_flags,
    _version,
)

REPO = Path(__file__).resolve().parent.parent
SECTIONS = ("floor", "ftfy", "check", "startup", "memory", "files")
DEFAULT_SECTIONS = ("floor", "ftfy", "check", "startup", "memory")
FULL_RECORDS = 20_000
FULL_MEMORY_LINES = 1_000_000
QUIET = ("--isolated", "--quiet", "--no-cache")

# Issue 11's targets.
MAX_X_FTFY = 0.25
MAX_X_FLOOR = 12.0
MAX_STARTUP_S = 0.15
MAX_PEAK_MB = 300.0

# One short, valid article body per kind of problem; each reports exactly one diagnostic
# (NL304, NL501, NL404, NL102, NL301). ``{n}`` keeps every body distinct.
_PROBLEM_BODIES = (
    "The council of district {n} approved the new budget on Tuesday after a long debate &amp; "
    "a late vote.",
    "The council of district {n} approved the new budget on Tuesday after a long debate and "
    "a late vote. \n\nThe vote ended a debate that lasted most of the spring.",
    "The council of district {n} approved the new budget on Tuesday after a long debate and "
    "a late vote.\n\nAdvertisement\n\nThe vote ended a debate that lasted most of the spring.",
    "The council of district {n} approved the new budget on Tuesday after a long debate and "
    "a late vote.<br>The vote ended a debate that lasted most of the spring.",
    "The council of district {n} approved the new budget on Tuesday after a long debate and "
    "a late vote that the mayor didnâ€™t expect.",
)
_PROBLEM_TAIL = (
    " The mayor said the plan would fund two schools and a clinic over the next three years."
    " Opposition members said they would study the figures before the next meeting in June."
)


@dataclass
class Figure:
    """One row of the final table."""

    figure: str
    measured: str
    target: str
    met: str
    value: float | None = None
    limit: float | None = None


# --- inputs ---------------------------------------------------------------------------------


def source_files(shared: Path) -> list[Path]:
    """The JSONL files (``.jsonl`` or ``.jsonl.gz``) under ``shared``, in a fixed order."""
    return sorted(
        path
        for path in shared.rglob("*")
        if path.is_file() and path.name.endswith((".jsonl", ".jsonl.gz"))
    )


def source_lines(path: Path) -> list[bytes]:
    """The non-blank lines of one source file, byte for byte (without their newline)."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as handle:
        data: bytes = handle.read()
    return [line for line in data.split(b"\n") if line.strip()]


def cycled_records(shared: Path, count: int) -> Iterator[bytes]:
    """``count`` JSONL lines: every source record in order, then again from the start."""
    records = [line for path in source_files(shared) for line in source_lines(path)]
    if not records:
        raise SystemExit(f"acceptance.py: error: no JSONL records under {shared}")
    for index in range(count):
        yield records[index % len(records)]


def write_jsonl(shared: Path, path: Path, count: int) -> int:
    """Write the cycled corpus as one JSONL file; return its size in bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        for line in cycled_records(shared, count):
            handle.write(line + b"\n")
    return path.stat().st_size


def write_json_files(shared: Path, folder: Path, count: int) -> int:
    """The same records as one ``.json`` file each (1,000 a folder); return the bytes."""
    size = 0
    for index, line in enumerate(cycled_records(shared, count)):
        sub = folder / f"{index // 1000:04d}"
        if index % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{index:07d}.json").write_bytes(line + b"\n")
        size += len(line) + 1
    return size


def write_empty_objects(path: Path, lines: int) -> int:
    """``lines`` lines of ``{}``."""
    with path.open("wb") as handle:
        block = b"{}\n" * 10_000
        for _ in range(lines // 10_000):
            handle.write(block)
        handle.write(b"{}\n" * (lines % 10_000))
    return path.stat().st_size


def write_one_problem_each(path: Path, lines: int) -> int:
    """``lines`` small valid articles, each with exactly one problem (five kinds in turn)."""
    with path.open("w", encoding="utf-8") as handle:
        for n in range(lines):
            record = {
                "title": f"Council of district {n} approves budget for schools and a clinic",
                "byline": "Anna Smith",
                "published": "2024-05-01",
                "url": f"https://www.example.com/news/2024/05/01/council-approves-budget-{n}",
                "body": _PROBLEM_BODIES[n % len(_PROBLEM_BODIES)].format(n=n) + _PROBLEM_TAIL,
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path.stat().st_size


# --- running --------------------------------------------------------------------------------


def cpu_busy_seconds() -> float | None:
    """CPU seconds the whole machine has spent busy since boot (all cores; None: unknown)."""
    try:
        first = Path("/proc/stat").read_text().split("\n", 1)[0].split()
    except OSError:
        return None
    ticks = [int(value) for value in first[1:9]]
    busy = sum(ticks) - ticks[3] - ticks[4]  # minus idle and iowait
    return busy / os.sysconf("SC_CLK_TCK")


def wait_until_idle(max_wait: float, busiest: float = 0.15, sample: float = 2.0) -> float | None:
    """Wait (at most ``max_wait`` s) until other processes use < ``busiest`` of the cores.

    Returns the share of the cores that were busy over the last sample (None: unknown).
    """
    deadline = time.monotonic() + max_wait
    cores = os.cpu_count() or 1
    waited = False
    while True:
        before = cpu_busy_seconds()
        time.sleep(sample)
        after = cpu_busy_seconds()
        if before is None or after is None:
            return None
        share = (after - before) / sample / cores
        if share < busiest or time.monotonic() >= deadline:
            if waited:
                print(f"  machine {share:.0%} busy, going on", file=sys.stderr, flush=True)
            return share
        if not waited:
            print(
                f"  machine {share:.0%} busy (other processes); waiting up to {max_wait:.0f} s",
                file=sys.stderr,
                flush=True,
            )
            waited = True


@dataclass
class SharedBench(Bench):
    """``Bench`` for a shared machine: records how many CPU seconds other processes used
    during each run (their noise), optionally waits until the machine is idle before a run,
    and runs again (keeping the quietest run) when others took more than ``noisy`` of it."""

    wait_idle: float = 0.0
    retries: int = 0
    noisy: float = 0.10
    others_cpu: dict[str, float] = field(default_factory=dict)

    def run(
        self,
        name: str,
        label: str,
        command: list[str],
        articles: int,
        size: int,
        report: Path | None = None,
        newslint: bool = True,
    ) -> Result:
        cores = os.cpu_count() or 1
        best: tuple[float, float, Result] | None = None  # (others' share, others' s, result)
        attempts = 0
        for attempts in range(1, self.retries + 2):
            if self.wait_idle > 0:
                wait_until_idle(self.wait_idle)
            before = cpu_busy_seconds()
            result = super().run(name, label, command, articles, size, report, newslint)
            after = cpu_busy_seconds()
            if before is None or after is None:
                best = (0.0, 0.0, result)
                break
            others = max(0.0, after - before - result.cpu)
            share = others / (result.wall * cores) if result.wall else 0.0
            if best is None or share < best[0]:
                best = (share, others, result)
            if result.failed or share <= self.noisy:
                break
            if attempts <= self.retries:
                print(
                    f"  other processes used {share:.0%} of the machine during {name}: again",
                    file=sys.stderr,
                    flush=True,
                )
        assert best is not None
        share, others, result = best
        self.results[name] = result
        self.others_cpu[name] = others
        if attempts > 1:
            result.notes.append(f"quietest of {attempts} runs")
        return result


def child_env() -> dict[str, str]:
    """The environment of every measured command: byte code allowed, no colour, not CI."""
    drop = {"PYTHONDONTWRITEBYTECODE", "GITHUB_ACTIONS"}
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env["NO_COLOR"] = "1"
    return env


def compile_package(env: dict[str, str]) -> str:
    """Byte-compile the newslint that the children import; return its folder."""
    found = subprocess.run(
        [sys.executable, "-c", "import newslint, os; print(os.path.dirname(newslint.__file__))"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=tempfile.gettempdir(),  # not the current folder: it would come before PYTHONPATH
    ).stdout.strip()
    subprocess.run([sys.executable, "-m", "compileall", "-q", found], env=env, check=False)
    return found


def git_state(package: str) -> str:
    """The commit of the checkout that holds ``package``, and whether its code was edited."""

    def git(*args: str) -> str:
        shown = subprocess.run(
            ["git", "-C", package, *args], capture_output=True, text=True, check=False
        )
        return shown.stdout.strip() if shown.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return "not in a git checkout"
    edited = git("status", "--porcelain", "--", ".")
    changes = len(edited.splitlines())
    return f"commit {commit}" + (f" with {changes} uncommitted changes in it" if changes else "")


def warm_page_cache(target: Path) -> None:
    """Read the corpus once before the first measurement.

    Just written, its pages are not all in the page cache yet: the floor, measured
    first, took 2.9-3.3 s instead of 1.3-1.6 s in some runs, and a slow floor makes
    the ratio against it look better than it is.  Every later run reads a warm cache.
    """
    files = sorted(target.rglob("*")) if target.is_dir() else [target]
    for path in files:
        if path.is_file():
            with path.open("rb") as handle:
                while handle.read(1 << 24):
                    pass


def check_command(bench: Bench, jobs: int, report: Path, target: Path) -> list[str]:
    return [
        *bench.newslint,
        *bench.flags(*QUIET, "--jobs", str(jobs)),
        "-o",
        str(report),
        str(target),
    ]


def run_layout(
    args: argparse.Namespace, bench: SharedBench, layout: str, target: Path, size: int
) -> None:
    """floor, ftfy and the two checks on one layout of the corpus (as the sections ask)."""
    records = args.records
    suffix = "" if layout == "jsonl" else f"-{layout}"
    where = "one JSONL file" if layout == "jsonl" else f"{records:,} .json files"
    python = sys.executable
    warm_page_cache(target)
    if "floor" in args.only:
        bench.run(
            f"floor{suffix}",
            f"floor: read + decode + json.loads, 1 core ({where})",
            [python, "-c", _FLOOR, str(target)],
            records,
            size,
            newslint=False,
        )
    if "ftfy" in args.only:
        bench.run(
            f"ftfy{suffix}",
            f"ftfy.fix_text on every string value, 1 core ({where})",
            [python, "-c", _FTFY, str(target), "*"],
            records,
            size,
            newslint=False,
        )
    if "check" in args.only:
        for jobs, name in ((1, "check-1"), (args.jobs, "check-n")):
            report = bench.work / f"report-{name}{suffix}.txt"
            bench.run(
                f"{name}{suffix}",
                f"newslint -j {jobs} ({where})",
                check_command(bench, jobs, report, target),
                records,
                size,
                report,
            )


def run_memory(args: argparse.Namespace, bench: SharedBench) -> None:
    lines = args.memory_lines
    folder = bench.work / "memory"
    folder.mkdir(parents=True, exist_ok=True)
    inputs = (
        ("memory-empty", f"{lines:,} lines of {{}}", folder / "empty.jsonl", write_empty_objects),
        (
            "memory-problems",
            f"{lines:,} articles with one problem each",
            folder / "problems.jsonl",
            write_one_problem_each,
        ),
    )
    for name, what, path, write in inputs:
        started = time.perf_counter()
        size = write(path, lines)
        print(
            f"  wrote {path.name}: {size / 1e6:,.1f} MB in {time.perf_counter() - started:.1f} s"
            " (not timed)",
            file=sys.stderr,
        )
        report = bench.work / f"report-{name}.txt"
        retries, bench.retries = bench.retries, 0  # peak memory does not depend on the load
        result = bench.run(
            name,
            f"newslint -j {args.jobs} on {what}",
            check_command(bench, args.jobs, report, path),
            lines,
            size,
            report,
        )
        bench.retries = retries
        if name == "memory-problems" and result.diagnostics not in (None, lines):
            result.notes.append(f"expected {lines:,} problems")
        path.unlink()
        report.unlink(missing_ok=True)


# --- figures --------------------------------------------------------------------------------


def _met(value: float | None, limit: float, caveat: str = "") -> str:
    if value is None:
        return "not measured"
    verdict = "yes" if value <= limit else "NO"
    return f"{verdict} {caveat}".strip()


def _ratio(results: dict[str, Result], top: str, bottom: str, cpu: bool = False) -> float | None:
    """Wall time (or CPU time) of run ``top`` over that of run ``bottom``."""
    a, b = results.get(top), results.get(bottom)
    if a is None or b is None or a.failed or b.failed:
        return None
    over = b.cpu if cpu else b.wall
    return (a.cpu if cpu else a.wall) / over if over else None


def figures(args: argparse.Namespace, bench: SharedBench) -> list[Figure]:
    results = bench.results
    rows: list[Figure] = []
    size = "" if args.records == FULL_RECORDS else f"(at {args.records:,} records, not 20,000)"
    jsonl = bool({"floor", "ftfy", "check-1", "check-n"} & set(results))
    for jobs, name, counted in ((args.jobs, "check-n", True), (1, "check-1", False)):
        for peer, limit in (("ftfy", MAX_X_FTFY), ("floor", MAX_X_FLOOR)):
            if not jsonl:
                break  # only the .json-file variant ran
            value = _ratio(results, name, peer)
            rows.append(
                Figure(
                    f"newslint -j {jobs} time / {peer} time",
                    "-" if value is None else f"{value:.2f}x",
                    f"<= {limit:g}x" + ("" if counted else " (for reference)"),
                    _met(value, limit, size) if counted else "-",
                    value,
                    limit,
                )
            )
    for peer, limit in (("ftfy", MAX_X_FTFY), ("floor", MAX_X_FLOOR)):
        value = _ratio(results, "check-1", peer, cpu=True)
        if value is not None:  # 1-core runs: CPU time depends less on other processes
            rows.append(
                Figure(
                    f"newslint -j 1 CPU time / {peer} CPU time",
                    f"{value:.2f}x",
                    f"<= {limit:g}x (reference: CPU time)",
                    "-",
                    value,
                    limit,
                )
            )
    for layout in ("json",):
        for peer, limit in (("ftfy", MAX_X_FTFY), ("floor", MAX_X_FLOOR)):
            value = _ratio(results, f"check-n-{layout}", f"{peer}-{layout}")
            if value is not None:
                rows.append(
                    Figure(
                        f"newslint -j {args.jobs} / {peer}, one .{layout} file per record",
                        f"{value:.2f}x",
                        f"<= {limit:g}x (variant)",
                        _met(value, limit, size),
                        value,
                        limit,
                    )
                )
    start = results.get("startup-newslint")
    if start is not None or "startup" in args.only:
        value = None if start is None or start.failed else start.wall
        rows.append(
            Figure(
                f"start-up: newslint on the seed, median of {args.startup_runs}",
                "-" if value is None else f"{value:.3f} s",
                f"<= {MAX_STARTUP_S:g} s",
                _met(value, MAX_STARTUP_S),
                value,
                MAX_STARTUP_S,
            )
        )
    for name, what in (("startup-python", "python -c pass"), ("startup-ftfy", "import ftfy")):
        reference = results.get(name)
        if reference is not None:
            rows.append(
                Figure(
                    f"start-up: {what}, median (reference)",
                    f"{reference.wall:.3f} s",
                    "-",
                    "-",
                    reference.wall,
                )
            )
    lines = "" if args.memory_lines == FULL_MEMORY_LINES else f"(at {args.memory_lines:,} lines)"
    for name, what in (
        ("memory-empty", f"{args.memory_lines:,} lines of {{}}"),
        ("memory-problems", f"{args.memory_lines:,} problems (one per article)"),
    ):
        result = results.get(name)
        if result is None and "memory" not in args.only:
            continue
        value = None if result is None or result.failed else result.peak_mb
        rows.append(
            Figure(
                f"peak RSS, {what}",
                "-" if value is None else f"{value:,.0f} MB",
                f"<= {MAX_PEAK_MB:g} MB",
                _met(value, MAX_PEAK_MB, lines),
                value,
                MAX_PEAK_MB,
            )
        )
    return rows


def _fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def runs_table(bench: SharedBench) -> str:
    rows = [
        "| Run | Wall s | CPU s | Others' CPU s | Records/s | MB/s | Peak RSS MB | Exit | Problems "
        "| Notes |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for result in bench.results.values():
        if result.name.startswith("startup"):
            continue
        rate = result.articles / result.wall if result.wall else None
        speed = result.size / 1e6 / result.wall if result.wall else None
        problems = "-" if result.diagnostics is None else f"{result.diagnostics:,}"
        rows.append(
            f"| {result.label} | {_fmt(result.wall)} | {_fmt(result.cpu)} "
            f"| {_fmt(bench.others_cpu.get(result.name), 1)} | {_fmt(rate, 0)} "
            f"| {_fmt(speed)} | {_fmt(result.peak_mb, 0)} | {result.code} | {problems} "
            f"| {'; '.join(result.notes)} |"
        )
    for result in bench.results.values():
        if result.name.startswith("startup"):
            rows.append(
                f"| start-up: {result.label} (median of {result.articles}) | {result.wall:.3f} "
                f"| - | - | - | - | {result.peak_mb:.0f} | {result.code} | - | |"
            )
    return "\n".join(rows)


def figures_table(rows: list[Figure]) -> str:
    lines = ["| Figure | Measured | Target | Met? |", "|---|--:|---|---|"]
    lines += [f"| {row.figure} | {row.measured} | {row.target} | {row.met} |" for row in rows]
    return "\n".join(lines)


# --- main -----------------------------------------------------------------------------------


def _sections(value: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in value.split(",") if name.strip())
    unknown = set(names) - set(SECTIONS)
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown section(s) {', '.join(sorted(unknown)) or '(none)'}; "
            f"choose from {', '.join(SECTIONS)}"
        )
    return names


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="acceptance.py",
        description="Issue 11's acceptance figures on the shared real corpora, with targets.",
    )
    parser.add_argument(
        "--shared",
        type=Path,
        default=REPO.parent / "shared" / "corpora",
        help="folder of real JSONL corpora (read only; default: <repo>/../shared/corpora)",
    )
    parser.add_argument(
        "--records", type=_positive, default=FULL_RECORDS, help="records in the corpus (cycled)"
    )
    parser.add_argument(
        "--memory-lines",
        type=_positive,
        default=FULL_MEMORY_LINES,
        help="lines of {} and problems in the memory runs",
    )
    parser.add_argument(
        "--only",
        type=_sections,
        default=DEFAULT_SECTIONS,
        help=f"comma-separated sections: {', '.join(SECTIONS)} "
        f"(default: {','.join(DEFAULT_SECTIONS)}; 'files' is the optional .json-file variant)",
    )
    parser.add_argument("--jobs", type=_positive, default=2, help="workers of the parallel runs")
    parser.add_argument("--startup-runs", type=_positive, default=10, help="start-up runs")
    parser.add_argument("--newslint", help="newslint command (default: the one beside python)")
    parser.add_argument(
        "--wait-idle",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="before each run, wait up to this long for other processes to leave the cores idle",
    )
    parser.add_argument(
        "--retries",
        type=int,
        default=0,
        metavar="N",
        help="run a timed pass again, up to N times, while other processes used more than 10%% "
        "of the machine during it; the quietest run is kept (not the memory runs)",
    )
    parser.add_argument(
        "--snapshot",
        action="store_true",
        help="measure a copy of the checkout's HEAD (git archive), not the working tree, so "
        "that edits made during the run do not change what is measured",
    )
    parser.add_argument("--json", type=Path, help="also save the figures to this JSON file")
    parser.add_argument("--work-dir", type=Path, help="scratch folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args(argv)
    if not args.shared.is_dir() and {"floor", "ftfy", "check", "files"} & set(args.only):
        parser.error(f"--shared {args.shared} is not a folder")
    return args


def snapshot_head(work: Path, env: dict[str, str]) -> str:
    """Extract the checkout's HEAD into ``work/src`` and make every child import it."""
    source = work / "src"
    source.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "HEAD"], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    path = os.pathsep.join(filter(None, [str(source), os.environ.get("PYTHONPATH", "")]))
    env["PYTHONPATH"] = os.environ["PYTHONPATH"] = path  # also for --help and --version
    commit = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return f"a snapshot of HEAD (commit {commit}, git archive), not the working tree"


def measure_all(args: argparse.Namespace, work: Path) -> tuple[SharedBench, list[str], str]:
    """Run the chosen sections; return the results, notes and the machine's description."""
    env = child_env()
    measured = snapshot_head(work, env) if args.snapshot else ""
    newslint = shlex.split(args.newslint) if args.newslint else _default_newslint()
    supported = _supported_flags(newslint)
    if "--jobs" not in supported or "--no-cache" not in supported:
        shown = subprocess.run(
            [*newslint, "--help"], capture_output=True, text=True, check=False, env=env
        )
        raise SystemExit(
            f"acceptance.py: error: `{shlex.join(newslint)} --help` (exit {shown.returncode}) "
            f"does not list --jobs and --no-cache:\n{shown.stderr[-2000:]}"
        )
    bench = SharedBench(
        work, newslint, supported, env, wait_idle=args.wait_idle, retries=args.retries
    )
    machine = _machine()
    package = compile_package(env)
    notes = [
        f"{_version(newslint)} from {package} (byte-compiled first); "
        + (measured or git_state(package))
    ]
    passes = {"floor", "ftfy", "check"} & set(args.only)
    if "files" in args.only and not passes:  # 'files' alone: all three passes, on it only
        args.only = (*args.only, "floor", "ftfy", "check")
    layouts: list[tuple[str, Path, int]] = []
    if passes:
        path = work / "jsonl" / "real.jsonl"
        layouts.append(("jsonl", path.parent, write_jsonl(args.shared, path, args.records)))
    if "files" in args.only:
        folder = work / "json"
        layouts.append(("json", folder, write_json_files(args.shared, folder, args.records)))
    if layouts:
        sources = source_files(args.shared)
        available = sum(len(source_lines(path)) for path in sources)
        notes.append(
            f"Corpus: {args.records:,} records cycled from the {available:,} records of "
            f"{len(sources)} JSONL files under {args.shared} ({layouts[0][2] / 1e6:,.1f} MB)"
        )
    for layout, target, size in layouts:
        run_layout(args, bench, layout, target, size)
    if "startup" in args.only:
        compile_package(env)  # again: the tree may have changed during the long runs
        if args.wait_idle > 0:
            wait_until_idle(args.wait_idle)
        _startup(args, bench)
    if "memory" in args.only:
        run_memory(args, bench)
    _consistency(bench)
    if hasattr(os, "getloadavg"):
        load = " ".join(f"{value:.2f}" for value in os.getloadavg())
        notes.append(f"Load average at the end: {load} (at the start: see Machine)")
    return bench, notes, machine


def save_json(
    path: Path, head: dict[str, str], notes: list[str], rows: list[Figure], bench: SharedBench
) -> None:
    saved = {
        **head,
        "notes": notes,
        "figures": [asdict(row) for row in rows],
        "runs": {
            name: {
                "label": result.label,
                "command": _short(result.command),
                "wall_s": result.wall,
                "cpu_s": result.cpu,
                "peak_rss_mb": result.peak_mb,
                "exit": result.code,
                "records": result.articles,
                "bytes": result.size,
                "problems": result.diagnostics,
                "others_cpu_s": bench.others_cpu.get(name),
                "notes": result.notes,
            }
            for name, result in bench.results.items()
        },
    }
    path.write_text(json.dumps(saved, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started_at = datetime.now(timezone.utc)
    # SIGTERM (a timeout, kill): leave through ``finally``, so the scratch folder goes too.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    work = args.work_dir.resolve() if args.work_dir else Path(tempfile.mkdtemp(prefix="nlaccept-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        bench, notes, machine = measure_all(args, work)
    finally:
        if not args.keep and args.work_dir is None:
            shutil.rmtree(work, ignore_errors=True)
    notes += bench.notes
    rows = figures(args, bench)
    command = shlex.join(["python", "benchmarks/acceptance.py", *(argv or sys.argv[1:])])
    head = {
        "command": command,
        "date": started_at.isoformat(timespec="seconds"),
        "machine": machine,
    }
    print(
        "\n\n".join(
            [
                "## newslint acceptance figures (issue 11)",
                f"Command: `{command}`  \nDate: {started_at:%Y-%m-%d %H:%M} UTC  \n"
                f"Machine: {machine}",
                "\n".join(f"- {note}" for note in notes),
                runs_table(bench),
                "*Others' CPU s*: CPU time that other processes on the machine used during the "
                "run (from /proc/stat), a measure of the noise in its wall time.",
                figures_table(rows),
            ]
        )
    )
    if args.json:
        save_json(args.json, head, notes, rows, bench)
    return 1 if any(result.failed for result in bench.results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
