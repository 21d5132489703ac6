"""newslint's benchmark suite: one run, one corpus, one table (see benchmarks/README.md).

    python benchmarks/run.py [--articles 100000] [--corpus DIR] [--jobs N]
        [--big-jsonl-gb 1] [--skip NAME ...]

Every measurement runs as a child of a tiny wrapper process that times it and reads
``getrusage(RUSAGE_CHILDREN).ru_maxrss``: the peak resident memory of the largest
single process among the command and its descendants (workers included).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import write_big_jsonl, write_corpus

REPO = Path(__file__).resolve().parent.parent
SEED_FILE = REPO / "seeds" / "000_de265e37088bf565.txt"
BIG_JSONL_NAME = "big.jsonl"
MEASUREMENTS = ("floor", "ftfy", "check-1", "check-n", "fix", "cache", "startup", "big")

# Flags being added to newslint; older builds reject them, so they are dropped (with a note).
OPTIONAL_FLAGS = ("--jobs", "--no-cache", "--cache-dir")
VALUE_FLAGS = frozenset({"--jobs", "--cache-dir", "-o", "--format"})

_WRAPPER = r"""
import json, resource, subprocess, sys, time
result, out, err, *command = sys.argv[1:]
with open(out, "wb") as stdout, open(err, "wb") as stderr:
    started = time.perf_counter()
    try:
        code = subprocess.call(command, stdout=stdout, stderr=stderr)
    except OSError as exc:
        code = -1000
        stderr.write(f"cannot run {command[0]}: {exc}".encode())
    wall = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(result, "w") as handle:
    json.dump({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
               "maxrss_kb": usage.ru_maxrss, "code": code}, handle)
"""

# Walks the corpus as newslint would find it: .txt, .json and .jsonl files.
_WALK = r"""
import json, os, sys
def files(top):
    for root, dirs, names in os.walk(top):
        dirs.sort()
        for name in sorted(names):
            if name.endswith((".txt", ".json", ".jsonl")):
                yield os.path.join(root, name)
"""

_FLOOR = (
    _WALK
    + r"""
articles = size = 0
for path in files(sys.argv[1]):
    with open(path, "rb") as handle:
        data = handle.read()
    size += len(data)
    if path.endswith(".jsonl"):
        for line in data.decode("utf-8").split("\n"):  # not splitlines(): U+2028 is data
            if line.strip():
                json.loads(line)
                articles += 1
    elif path.endswith(".json"):
        json.loads(data.decode("utf-8"))
        articles += 1
    else:
        data.decode("utf-8")
        articles += 1
print(json.dumps({"articles": articles, "bytes": size}))
"""
)

_FTFY = (
    _WALK
    + r"""
import ftfy
# Fields to fix (argv[2], comma-separated); "*": every string value of the record.
FIELDS = sys.argv[2].split(",") if len(sys.argv) > 2 else ["title", "byline", "caption", "body"]
articles = size = 0
for path in files(sys.argv[1]):
    with open(path, "rb") as handle:
        data = handle.read()
    size += len(data)
    if path.endswith((".jsonl", ".json")):
        text = data.decode("utf-8")
        lines = text.split("\n") if path.endswith(".jsonl") else [text]
        for line in lines:
            if line.strip():
                record = json.loads(line)
                names = [k for k, v in record.items() if isinstance(v, str)] if FIELDS == ["*"] else FIELDS
                for name in names:
                    if isinstance(record.get(name), str):
                        ftfy.fix_text(record[name])
                articles += 1
    else:
        ftfy.fix_text(data.decode("utf-8"))  # the whole file: its fields plus a few labels
        articles += 1
print(json.dumps({"articles": articles, "bytes": size}))
"""
)


@dataclass
class Result:
    """One measured command."""

    name: str
    label: str
    command: list[str]
    wall: float = 0.0
    cpu: float = 0.0
    peak_mb: float = 0.0
    code: int = 0
    articles: int = 0
    size: int = 0
    diagnostics: int | None = None
    notes: list[str] = field(default_factory=list)
    failed: bool = False


@dataclass
class Bench:
    """Shared state of one benchmark run."""

    work: Path
    newslint: list[str]
    supported: set[str]
    env: dict[str, str]
    results: dict[str, Result] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    counter: int = 0

    def flags(self, *args: str) -> list[str]:
        """``args`` without the optional flags this newslint does not know (and their values)."""
        kept: list[str] = []
        skip_value = False
        for arg in args:
            if skip_value:
                skip_value = False
                continue
            if arg in OPTIONAL_FLAGS and arg not in self.supported:
                skip_value = arg in VALUE_FLAGS
                continue
            kept.append(arg)
        return kept

    def measure(self, command: list[str], cwd: Path | None = None) -> tuple[dict[str, float], Path]:
        """Run ``command`` under the wrapper; return its figures and the stderr file."""
        self.counter += 1
        stem = self.work / "logs" / f"{self.counter:03d}"
        stem.parent.mkdir(parents=True, exist_ok=True)
        result_file = stem.with_suffix(".result.json")
        err = stem.with_suffix(".stderr")
        subprocess.run(
            [
                sys.executable,
                "-c",
                _WRAPPER,
                str(result_file),
                str(stem.with_suffix(".stdout")),
                str(err),
                *command,
            ],
            check=True,
            cwd=cwd or self.work,
            env=self.env,
        )
        figures: dict[str, float] = json.loads(result_file.read_text())
        return figures, err

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
        """Measure one row of the table; a crash or exit status 2 is reported loudly."""
        print(f"  running {name}: {_short(command)}", file=sys.stderr, flush=True)
        figures, err = self.measure(command)
        result = Result(name, label, command, articles=articles, size=size)
        result.wall = figures["wall"]
        result.cpu = figures["cpu"]
        result.peak_mb = figures["maxrss_kb"] / 1024
        result.code = int(figures["code"])
        ok_codes = (0, 1) if newslint else (0,)
        if result.code not in ok_codes:
            result.failed = True
            tail = err.read_text(errors="replace").strip().splitlines()[-5:]
            result.notes.append(f"FAILED with exit status {result.code}")
            print(
                f"\n!!! {name} FAILED (exit status {result.code}): {shlex.join(command)}\n"
                + "\n".join(f"!!!   {line}" for line in tail)
                + "\n",
                file=sys.stderr,
                flush=True,
            )
        elif newslint:
            errors = [
                line for line in err.read_text(errors="replace").splitlines() if "error:" in line
            ]
            if errors:
                result.notes.append(f"{len(errors)} error lines on stderr, e.g. {errors[0][:80]}")
        if report is not None and report.exists():
            with report.open("rb") as handle:
                result.diagnostics = sum(1 for line in handle if line.strip())
        self.results[name] = result
        return result


def _default_newslint() -> list[str]:
    beside = Path(sys.executable).with_name("newslint")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("newslint")
    return [found] if found else [sys.executable, "-m", "newslint"]


def _supported_flags(newslint: list[str]) -> set[str]:
    """The long options ``newslint --help`` lists."""
    try:
        shown = subprocess.run(
            [*newslint, "--help"], capture_output=True, text=True, check=False, timeout=120
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return set()
    return set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", shown))


def _version(newslint: list[str]) -> str:
    try:
        shown = subprocess.run(
            [*newslint, "--version"], capture_output=True, text=True, check=False, timeout=120
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unknown ({exc})"
    return (shown.stdout or shown.stderr).strip() or "unknown"


def _machine() -> str:
    model = "unknown CPU"
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ""
    if hasattr(os, "getloadavg"):
        load = ", load average " + " ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"{model}, {os.cpu_count()} cores ({usable} usable){memory}{load}; "
        f"Python {platform.python_version()} ({platform.python_implementation()}); "
        f"{platform.platform()}"
    )


def _scan(corpus: Path) -> tuple[int, int, int]:
    """Articles, bytes and files in ``corpus``, counted the way newslint finds them."""
    articles = size = files = 0
    paths = [corpus] if corpus.is_file() else sorted(corpus.rglob("*"))
    for path in paths:
        if path.suffix not in (".txt", ".json", ".jsonl") or not path.is_file():
            continue
        files += 1
        size += path.stat().st_size
        if path.suffix == ".jsonl":
            with path.open("rb") as handle:
                articles += sum(1 for line in handle if line.strip())
        else:
            articles += 1
    return articles, size, files


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def _table(bench: Bench) -> str:
    floor = bench.results.get("floor")
    ftfy = bench.results.get("ftfy")
    rows = [
        "| Measurement | Wall s | CPU s | Articles/s | MB/s | Peak RSS MB | x floor | x ftfy "
        "| Exit | Diagnostics | Notes |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for result in bench.results.values():
        if result.name.startswith("startup"):
            continue
        rate = result.articles / result.wall if result.wall and result.articles else None
        speed = result.size / 1e6 / result.wall if result.wall and result.size else None
        rows.append(
            "| "
            + " | ".join(
                [
                    result.label,
                    _fmt(result.wall),
                    _fmt(result.cpu),
                    _fmt(rate, 0),
                    _fmt(speed),
                    _fmt(result.peak_mb, 0),
                    _fmt(result.wall / floor.wall if floor and floor.wall else None),
                    _fmt(result.wall / ftfy.wall if ftfy and ftfy.wall else None),
                    str(result.code),
                    "-" if result.diagnostics is None else f"{result.diagnostics:,}",
                    "; ".join(result.notes),
                ]
            )
            + " |"
        )
    return "\n".join(rows)


def _startup_table(bench: Bench) -> str:
    rows = [
        "| Start-up (median) | Wall s | Peak RSS MB | Runs |",
        "|---|--:|--:|--:|",
    ]
    for result in bench.results.values():
        if result.name.startswith("startup"):
            rows.append(
                f"| {result.label} | {result.wall:.3f} | {result.peak_mb:.0f} | {result.articles} |"
            )
    return "\n".join(rows) if len(rows) > 2 else ""


def _verdict(passed: bool | None) -> str:
    return "n/a" if passed is None else ("PASS" if passed else "MISS")


def _targets(bench: Bench) -> str:
    results = bench.results
    lines = ["| Target | Needed | Measured | Verdict |", "|---|---|---|---|"]
    ftfy, many = results.get("ftfy"), results.get("check-n")
    if ftfy and many and not many.failed and ftfy.wall:
        ratio = many.wall / ftfy.wall
        lines.append(
            "| newslint on all cores vs ftfy.fix_text on one core | at most 0.50x ftfy's time "
            f"(2x its speed) | {ratio:.2f}x ({ftfy.wall / many.wall:.2f}x its speed) "
            f"| {_verdict(ratio <= 0.5)} |"
        )
    else:
        lines.append("| newslint on all cores vs ftfy one core | <= 0.50x | not measured | n/a |")
    cold, warm = results.get("cache-cold"), results.get("cache-warm")
    if cold and warm and not (cold.failed or warm.failed) and cold.wall:
        share = warm.wall / cold.wall
        lines.append(
            f"| warm cache vs cold | < 5% of cold | {share:.1%} ({warm.wall:.2f} s vs "
            f"{cold.wall:.2f} s) | {_verdict(share < 0.05 if '--cache-dir' in bench.supported else None)} |"
        )
    else:
        lines.append("| warm cache vs cold | < 5% of cold | not measured | n/a |")
    start, ftfy_import = results.get("startup-newslint"), results.get("startup-ftfy")
    if start and ftfy_import:
        limit = max(0.3, 3 * ftfy_import.wall)
        lines.append(
            f"| start-up on one small file | < max(0.3 s, 3 x import ftfy) = {limit:.3f} s "
            f"| {start.wall:.3f} s | {_verdict(start.wall < limit and not start.failed)} |"
        )
    else:
        lines.append("| start-up | < max(0.3 s, 3 x import ftfy) | not measured | n/a |")
    for name in ("big-check", "big-fix"):
        big = results.get(name)
        if big:
            lines.append(
                f"| {big.label}: peak memory | < 300 MB | {big.peak_mb:.0f} MB "
                f"| {_verdict(big.peak_mb < 300 and not big.failed)} |"
            )
    if "big-check" not in results:
        lines.append("| big JSONL peak memory | < 300 MB | not measured (--big-jsonl-gb) | n/a |")
    return "\n".join(lines)


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="run.py", description="Benchmark newslint against a read floor and ftfy."
    )
    parser.add_argument("--articles", type=int, default=100_000, help="corpus size to generate")
    parser.add_argument(
        "--corpus",
        type=Path,
        help="use this corpus (a folder written by generate.py, or any folder of articles)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated corpus")
    parser.add_argument("--txt-share", type=float, default=0.5, help="share of .txt articles")
    parser.add_argument(
        "--jobs", type=int, default=_cores(), help="workers for the all-cores run (default: all)"
    )
    parser.add_argument(
        "--big-jsonl-gb",
        type=float,
        default=0.0,
        help="size of the big JSONL file for the memory test (0: skip it)",
    )
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        metavar="NAME",
        help=f"skip measurements (repeat or comma-separate): {', '.join(MEASUREMENTS)}",
    )
    parser.add_argument("--startup-runs", type=int, default=10, help="runs per start-up command")
    parser.add_argument("--newslint", help="newslint command (default: the one beside python)")
    parser.add_argument("--work-dir", type=Path, help="scratch folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    parser.add_argument("--markdown", type=Path, help="also write the tables to this file")
    args = parser.parse_args(argv)
    args.skip = {name.strip() for value in args.skip for name in value.split(",") if name.strip()}
    unknown = args.skip - set(MEASUREMENTS)
    if unknown:
        parser.error(f"unknown --skip name(s): {', '.join(sorted(unknown))}")
    if args.articles < 1 or args.jobs < 1 or args.startup_runs < 1:
        parser.error("--articles, --jobs and --startup-runs must be at least 1")
    if not 0.0 <= args.txt_share <= 1.0:
        parser.error("--txt-share must be between 0 and 1")
    if args.corpus is not None and not args.corpus.exists():
        parser.error(f"--corpus {args.corpus} does not exist")
    return args


def _prepare_corpus(args: argparse.Namespace, work: Path) -> tuple[Path, Path | None]:
    """The corpus folder to check, and a big JSONL file found beside it (if any)."""
    if args.corpus is not None:
        given: Path = args.corpus.resolve()
        if (given / "corpus").is_dir():
            big = given / BIG_JSONL_NAME
            return given / "corpus", big if big.is_file() else None
        return given, None
    corpus = work / "corpus"
    started = time.perf_counter()
    print(f"generating {args.articles} articles in {corpus} ...", file=sys.stderr, flush=True)
    summary = write_corpus(corpus, args.articles, args.seed, args.txt_share)
    print(
        f"  {summary['articles']} articles, {summary['files']} files, "
        f"{summary['bytes'] / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s (not timed)",
        file=sys.stderr,
    )
    return corpus, None


def _run_all(args: argparse.Namespace, bench: Bench, corpus: Path, big: Path | None) -> None:
    articles, size, files = _scan(corpus)
    bench.notes.append(
        f"Corpus: {corpus} with {articles:,} articles in {files:,} files, {size / 1e6:.1f} MB."
    )
    newslint = bench.newslint
    quiet = ["--isolated", "--quiet"]
    python = sys.executable
    work = bench.work

    def report(name: str) -> Path:
        return work / f"report-{name}.txt"

    if "floor" not in args.skip:
        bench.run(
            "floor",
            "floor: read + decode + json.loads (Python, 1 core)",
            [python, "-c", _FLOOR, str(corpus)],
            articles,
            size,
            newslint=False,
        )
    if "ftfy" not in args.skip:
        bench.run(
            "ftfy",
            "peer: ftfy.fix_text on title, byline, caption, body (1 core)",
            [python, "-c", _FTFY, str(corpus)],
            articles,
            size,
            newslint=False,
        )
    if "check-1" not in args.skip:
        bench.run(
            "check-1",
            "newslint check, --jobs 1",
            [
                *newslint,
                *bench.flags("--no-cache", "--jobs", "1", *quiet),
                "-o",
                str(report("check-1")),
                str(corpus),
            ],
            articles,
            size,
            report("check-1"),
        )
    if "check-n" not in args.skip:
        bench.run(
            "check-n",
            f"newslint check, --jobs {args.jobs}",
            [
                *newslint,
                *bench.flags("--no-cache", "--jobs", str(args.jobs), *quiet),
                "-o",
                str(report("check-n")),
                str(corpus),
            ],
            articles,
            size,
            report("check-n"),
        )
    if "fix" not in args.skip:
        copy = work / "fix-copy"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(corpus, copy)
        bench.run(
            "fix",
            "newslint --fix (fresh copy)",
            [
                *newslint,
                *bench.flags("--fix", "--no-cache", *quiet),
                "-o",
                str(report("fix")),
                str(copy),
            ],
            articles,
            size,
            report("fix"),
        )
        shutil.rmtree(copy, ignore_errors=True)
    if "cache" not in args.skip:
        cache = work / "cache"
        shutil.rmtree(cache, ignore_errors=True)
        for name, label in (("cache-cold", "cold cache"), ("cache-warm", "warm cache")):
            bench.run(
                name,
                f"newslint check, {label}",
                [
                    *newslint,
                    *bench.flags("--cache-dir", str(cache), *quiet),
                    "-o",
                    str(report(name)),
                    str(corpus),
                ],
                articles,
                size,
                report(name),
            )
    if "startup" not in args.skip:
        _startup(args, bench)
    if "big" not in args.skip and args.big_jsonl_gb > 0:
        _big(args, bench, big)
    _consistency(bench)


def _startup(args: argparse.Namespace, bench: Bench) -> None:
    commands = [
        (
            "startup-newslint",
            f"newslint {SEED_FILE.name} (one small file)",
            [*bench.newslint, *bench.flags("--isolated", "--no-cache"), str(SEED_FILE)],
            True,
        ),
        ("startup-python", "python -c pass", [sys.executable, "-c", "pass"], False),
        ("startup-ftfy", "python -c 'import ftfy'", [sys.executable, "-c", "import ftfy"], False),
    ]
    for name, label, command, is_newslint in commands:
        print(f"  running {name} x{args.startup_runs}: {shlex.join(command)}", file=sys.stderr)
        walls: list[float] = []
        peaks: list[float] = []
        codes: set[int] = set()
        for _ in range(args.startup_runs):
            figures, _ = bench.measure(command)
            walls.append(figures["wall"])
            peaks.append(figures["maxrss_kb"] / 1024)
            codes.add(int(figures["code"]))
        result = Result(name, label, command, articles=args.startup_runs)
        result.wall = statistics.median(walls)
        result.peak_mb = max(peaks)
        result.code = max(codes)
        if not codes <= ({0, 1} if is_newslint else {0}):
            result.failed = True
            print(f"\n!!! {name} FAILED: exit status {sorted(codes)}\n", file=sys.stderr)
        bench.results[name] = result


def _big(args: argparse.Namespace, bench: Bench, big: Path | None) -> None:
    target = int(args.big_jsonl_gb * 1e9)
    if big is None or big.stat().st_size < 0.9 * target:
        big = bench.work / BIG_JSONL_NAME
        started = time.perf_counter()
        print(f"generating {target / 1e9:.2f} GB of JSONL in {big} ...", file=sys.stderr)
        write_big_jsonl(big, target, args.seed + 1)
        print(f"  done in {time.perf_counter() - started:.1f} s (not timed)", file=sys.stderr)
    articles, size, _ = _scan(big)
    quiet = ["--isolated", "--quiet"]
    report = bench.work / "report-big.txt"
    bench.run(
        "big-check",
        f"big JSONL ({size / 1e6:,.0f} MB) check",
        [*bench.newslint, *bench.flags("--no-cache", *quiet), "-o", str(report), str(big)],
        articles,
        size,
        report,
    )
    copy = bench.work / f"copy-{BIG_JSONL_NAME}"
    shutil.copyfile(big, copy)
    bench.run(
        "big-fix",
        f"big JSONL ({size / 1e6:,.0f} MB) --fix (copy)",
        [
            *bench.newslint,
            *bench.flags("--fix", "--no-cache", *quiet),
            "-o",
            str(report),
            str(copy),
        ],
        articles,
        size,
        report,
    )
    copy.unlink(missing_ok=True)


def _consistency(bench: Bench) -> None:
    """Runs over the same corpus must report the same number of problems."""
    counts = {
        name: bench.results[name].diagnostics
        for name in ("check-1", "check-n", "cache-cold", "cache-warm")
        if name in bench.results and bench.results[name].diagnostics is not None
    }
    if len(set(counts.values())) > 1:
        message = "diagnostic counts differ between runs on the same corpus: " + ", ".join(
            f"{name} {count}" for name, count in counts.items()
        )
        bench.notes.append(f"**WARNING: {message}**")
        print(f"\n!!! {message}\n", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    newslint = shlex.split(args.newslint) if args.newslint else _default_newslint()
    supported = _supported_flags(newslint)
    if "--fix" not in supported:
        print(f"run.py: error: cannot run {shlex.join(newslint)} --help", file=sys.stderr)
        return 2
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env["NO_COLOR"] = "1"
    work = args.work_dir.resolve() if args.work_dir else Path(tempfile.mkdtemp(prefix="nlbench-"))
    work.mkdir(parents=True, exist_ok=True)
    bench = Bench(work, newslint, supported, env)
    machine = _machine()
    missing = [flag for flag in OPTIONAL_FLAGS if flag not in supported]
    if missing:
        bench.notes.append(
            f"**This newslint does not accept {', '.join(missing)}: those flags were dropped, so "
            "rows that need them do not measure what their label says.**"
        )
    try:
        corpus, big = _prepare_corpus(args, work)
        _run_all(args, bench, corpus, big)
    finally:
        if not args.keep and args.work_dir is None:
            shutil.rmtree(work, ignore_errors=True)
    failed = [f"{r.name} (exit {r.code})" for r in bench.results.values() if r.failed]
    if failed:
        bench.notes.insert(0, f"**FAILED: {', '.join(failed)}; see the table and stderr.**")
    output = "\n\n".join(
        part
        for part in (
            "## newslint benchmark",
            f"Machine: {machine} (at the start)  \nnewslint: {_version(newslint)} ({shlex.join(newslint)})",
            "\n".join(f"- {note}" for note in bench.notes),
            _table(bench),
            "Peak RSS is the largest single process (the command or one of its workers), from "
            "getrusage(RUSAGE_CHILDREN). newslint rows use `--isolated --quiet -o FILE` (the "
            "default concise report, one line per problem, written to a file), so printing "
            "to a terminal is not measured; Diagnostics counts that report's lines. Exit status 1 means problems found.",
            _startup_table(bench),
            "### Targets",
            _targets(bench),
            "### Commands",
            "\n".join(
                f"- {result.name}: `{_short(result.command)}`" for result in bench.results.values()
            ),
        )
        if part
    )
    print(output)
    if args.markdown:
        args.markdown.write_text(output + "\n", encoding="utf-8")
    return 1 if any(result.failed for result in bench.results.values()) else 0


def _short(command: list[str]) -> str:
    """The command for the table, with inline Python scripts elided."""
    return shlex.join(
        "<script>" if "\n" in part else part.replace(str(Path.home()), "~") for part in command
    )


if __name__ == "__main__":
    sys.exit(main())
