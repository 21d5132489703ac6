"""What NL408's corpus pass costs: a check without it, the pass alone and the check with it.

    python benchmarks/corpus_pass.py [CORPUS ...] [--repeat 3] [--jobs 1,2]
        [--commit REV ...] [--build DIR ...] [--no-tree] [--target 0.30]
        [--wait-idle SECONDS] [--json FILE]

The issue's target: "the corpus pass adds at most 30% to a check of the same corpus".  For
each corpus, number of jobs and newslint build, three commands run side by side, each in a
fresh process, interleaved repeat by repeat and the best of ``--repeat`` kept:

- (a) check: ``newslint --isolated --no-cache --quiet -j N CORPUS`` (NL408 off, as by default);
- (a') the same with ``--ignore NL408``: NL408 stays off, but the command line now sets a
  setting, and any setting given (a flag or a configuration file) costs some 0.1 s of
  validation (pydantic) that (c)'s ``--extend-select`` pays too, pass or no pass;
- (b) learn: the corpus pass alone, ``Run(extend_select=["NL408"]).learn([CORPUS], jobs=N)``
  (its wall time in the process, without the interpreter's start-up, and the process's);
- (c) check + NL408: (a) with ``--extend-select NL408``: the corpus pass, then the check.

The added share ``((c) - (a')) / (a')`` is printed against ``--target`` (the corpus pass and
NL408's check, like for like), with ``((c) - (a)) / (a)`` beside it, and the median over the
repeats of each repeat's own ``((c) - (a')) / (a')`` (its (a') and (c) ran one after the other:
steadier than the best of each when other processes come and go).

Corpora (default): ``/tmp/acc/cycle.jsonl`` (the acceptance corpus: 2,732 real records, 22 MB;
``benchmarks.acceptance.write_jsonl`` rebuilds it) and the dragnet-sites pages
(``<shared>/corpora/dragnet-sites/pages.jsonl.gz``, decompressed into a temporary folder).

Builds: a copy of the working tree's ``newslint`` package (unless ``--no-tree``), and a ``git
archive`` of each ``--commit REV`` (``--commit HEAD~3``: before and after, side by side, in one
run), and the package in each ``--build DIR`` (a folder that holds ``newslint/``).  Every build is copied to a temporary folder and byte-compiled there, and
the children import it through PYTHONPATH, so edits made to the tree during the run change
nothing and no byte code is written into the project.  On a shared machine, ``--wait-idle``
waits (at most that many seconds) for idle cores before each command, and the CPU seconds
other processes used during each kept measurement are shown as noise.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.acceptance import cpu_busy_seconds, wait_until_idle, warm_page_cache

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_CYCLE = Path("/tmp/acc/cycle.jsonl")
DRAGNET = Path("corpora/dragnet-sites/pages.jsonl.gz")
TARGET = 0.30

_LEARN = r"""
import sys, time
started = time.perf_counter()
from newslint.run import Run
run = Run(extend_select=["NL408"])
imported = time.perf_counter()
run.learn([sys.argv[1]], jobs=int(sys.argv[2]))
print(f"{time.perf_counter() - imported:.6f}")
"""


@dataclass
class Timing:
    """The best (lowest wall time) of a command's repeats."""

    wall: float = float("inf")
    cpu: float = 0.0
    inner: float | None = None
    """For (b): the learning pass's own wall time, measured inside the process."""
    others: float = 0.0
    """CPU seconds other processes used during the kept run."""
    lines: int = 0
    """Lines of the report (diagnostics)."""
    nl408: int = 0
    samples: list[float] = field(default_factory=list)
    """Every repeat's wall time, in order."""


@dataclass
class Row:
    corpus: str
    build: str
    jobs: int
    check: Timing = field(default_factory=Timing)
    flagged: Timing = field(default_factory=Timing)
    learn: Timing = field(default_factory=Timing)
    both: Timing = field(default_factory=Timing)

    @property
    def added(self) -> float:
        """What the corpus pass and NL408 add to a check with the same kind of command line."""
        return (self.both.wall - self.flagged.wall) / self.flagged.wall

    @property
    def added_plain(self) -> float:
        return (self.both.wall - self.check.wall) / self.check.wall

    @property
    def paired(self) -> float:
        """The median over the repeats of ((c) - (a')) / (a'), each repeat's (a') and (c) run
        one after the other: steadier than the best of each on a busy machine."""
        shares = sorted(
            (both - flagged) / flagged
            for flagged, both in zip(self.flagged.samples, self.both.samples, strict=True)
        )
        middle = len(shares) // 2
        return shares[middle] if len(shares) % 2 else (shares[middle - 1] + shares[middle]) / 2


def build_copy(work: Path, revision: str | None, folder: Path | None = None) -> tuple[str, Path]:
    """A byte-compiled copy of newslint (the working tree's, ``revision``'s or the one in
    ``folder``); its label and the folder to put on PYTHONPATH."""
    if folder is not None:
        label = folder.name
        target = work / f"build-dir-{len(list(work.glob('build-dir-*')))}"
        shutil.copytree(
            folder / "newslint", target / "newslint", ignore=shutil.ignore_patterns("__pycache__")
        )
        folder = target
    elif revision is None:
        label = "working tree"
        folder = work / "build-tree"
        shutil.copytree(
            REPO / "newslint", folder / "newslint", ignore=shutil.ignore_patterns("__pycache__")
        )
    else:
        commit = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", revision],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        label = f"{revision} ({commit})" if revision != commit else commit
        folder = work / f"build-{commit}"
        folder.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", commit, "newslint"], capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(folder / "newslint")],
        check=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""},
    )
    return label, folder


def measure(
    command: list[str], env: dict[str, str], cwd: Path, wait_idle: float
) -> tuple[float, float, float, str]:
    """Run ``command``; (wall s, CPU s of it and its children, others' CPU s, stdout)."""
    if wait_idle > 0:
        wait_until_idle(wait_idle)
    before_busy = cpu_busy_seconds()
    before = os.times()
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env, cwd=cwd, check=False)
    wall = time.perf_counter() - started
    after = os.times()
    after_busy = cpu_busy_seconds()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    if done.returncode not in (0, 1):
        tail = done.stderr.decode(errors="replace").strip().splitlines()[-5:]
        raise SystemExit(
            f"corpus_pass.py: error: exit status {done.returncode}: {' '.join(command)}\n"
            + "\n".join(tail)
        )
    others = 0.0
    if before_busy is not None and after_busy is not None:
        others = max(0.0, after_busy - before_busy - cpu)
    return wall, cpu, others, done.stdout.decode(errors="replace")


def keep(timing: Timing, wall: float, cpu: float, others: float) -> bool:
    timing.samples.append(wall)
    if wall >= timing.wall:
        return False
    timing.wall, timing.cpu, timing.others = wall, cpu, others
    return True


def prepare_corpora(args: argparse.Namespace, work: Path) -> list[Path]:
    if args.corpora:
        corpora = [Path(path) for path in args.corpora]
    else:
        if not DEFAULT_CYCLE.exists():
            from benchmarks.acceptance import write_jsonl

            print(f"  writing {DEFAULT_CYCLE} (2,732 records)", file=sys.stderr, flush=True)
            write_jsonl(args.shared / "corpora", DEFAULT_CYCLE, 2732)
        pages = work / "dragnet-pages.jsonl"
        with gzip.open(args.shared / DRAGNET, "rb") as source, pages.open("wb") as target:
            shutil.copyfileobj(source, target)
        corpora = [DEFAULT_CYCLE, pages]
    for corpus in corpora:
        if not corpus.exists():
            raise SystemExit(f"corpus_pass.py: error: no such corpus: {corpus}")
        warm_page_cache(corpus)
    return corpora


def run_all(args: argparse.Namespace, work: Path) -> list[Row]:
    corpora = prepare_corpora(args, work)
    revisions: list[str | None] = [*(args.commit or []), *([] if args.no_tree else [None])]
    builds = [build_copy(work, None, Path(folder)) for folder in args.build or []]
    builds += [build_copy(work, revision) for revision in revisions]
    if not builds:
        raise SystemExit("corpus_pass.py: error: --no-tree alone: nothing to measure")
    rows = {
        (corpus, label, jobs): Row(corpus.name, label, jobs)
        for corpus in corpora
        for label, _ in builds
        for jobs in args.jobs
    }
    base_env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "GITHUB_ACTIONS"}}
    base_env["NO_COLOR"] = "1"
    wait = args.wait_idle
    for repeat in range(args.repeat):
        print(f"  repeat {repeat + 1} of {args.repeat}", file=sys.stderr, flush=True)
        for corpus in corpora:
            for label, folder in builds:
                env = {**base_env, "PYTHONPATH": str(folder)}
                for jobs in args.jobs:
                    row = rows[(corpus, label, jobs)]
                    check = [sys.executable, "-m", "newslint", "--isolated", "--no-cache"]
                    check += ["--quiet", "-j", str(jobs)]
                    wall, cpu, others, out = measure([*check, str(corpus)], env, work, wait)
                    if keep(row.check, wall, cpu, others):
                        row.check.lines = len(out.splitlines())
                    flagged = [*check, "--ignore", "NL408", str(corpus)]
                    wall, cpu, others, out = measure(flagged, env, work, wait)
                    if keep(row.flagged, wall, cpu, others):
                        row.flagged.lines = len(out.splitlines())
                    learn = [sys.executable, "-c", _LEARN, str(corpus), str(jobs)]
                    wall, cpu, others, out = measure(learn, env, work, wait)
                    inner = float(out.split()[-1])
                    row.learn.inner = min(inner, row.learn.inner or inner)
                    keep(row.learn, wall, cpu, others)
                    both = [*check, "--extend-select", "NL408", str(corpus)]
                    wall, cpu, others, out = measure(both, env, work, wait)
                    if keep(row.both, wall, cpu, others):
                        row.both.lines = len(out.splitlines())
                        row.both.nl408 = out.count(" NL408 ")
    return list(rows.values())


FLAGGED = "(a') --ignore"


def report(rows: list[Row], target: float, repeat: int) -> str:
    lines = [
        f"best of {repeat}; wall seconds (CPU seconds of the process and its workers); "
        "noise: CPU seconds other processes used during the kept runs",
        "",
        f"{'corpus':<20} {'build':<16} {'-j':>2}  {'(a) check':>13}  {FLAGGED:>13}  "
        f"{'(b) learn':>12}  {'(c) +NL408':>13}  {'added':>6} {'target':<6}  {'plain':>5}  "
        f"{'paired':>6}  noise",
    ]
    for row in rows:
        learn = f"{row.learn.inner:.2f} in {row.learn.wall:.2f}" if row.learn.inner else "-"
        met = "met" if row.added <= target else "MISSED"
        noise = max(row.check.others, row.flagged.others, row.learn.others, row.both.others)
        lines.append(
            f"{row.corpus:<20} {row.build[:16]:<16} {row.jobs:>2}  "
            f"{row.check.wall:>5.2f} ({row.check.cpu:>5.2f})  "
            f"{row.flagged.wall:>5.2f} ({row.flagged.cpu:>5.2f})  {learn:>12}  "
            f"{row.both.wall:>5.2f} ({row.both.cpu:>5.2f})  {row.added:>+6.0%} {met:<6}  "
            f"{row.added_plain:>+5.0%}  {row.paired:>+6.0%}  {noise:.1f}"
        )
    lines += [
        "",
        "(b): the corpus pass's wall time inside the process, in the process's whole wall time",
        f"added: ((c) - (a')) / (a'), the target is at most {target:.0%}; plain: ((c) - (a)) / (a)",
    ]
    for row in rows:
        extra = row.both.lines - row.flagged.lines
        if extra != row.both.nl408:
            lines.append(
                f"note: {row.corpus} {row.build} -j {row.jobs}: (c) reports {extra} more lines "
                f"than (a') but {row.both.nl408} NL408 problems"
            )
    nl408 = {(row.corpus, row.build): row.both.nl408 for row in rows}
    for (corpus, build), count in sorted(nl408.items()):
        lines.append(f"NL408 problems: {corpus}, {build}: {count}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", metavar="CORPUS", help="default: see above")
    parser.add_argument("--repeat", type=int, default=3, help="keep the best of N runs")
    parser.add_argument("--jobs", default="1,2", help="comma-separated job counts (1,2)")
    parser.add_argument(
        "--commit", action="append", metavar="REV", help="measure this commit (repeatable)"
    )
    parser.add_argument(
        "--build", action="append", metavar="DIR", help="measure DIR/newslint (repeatable)"
    )
    parser.add_argument("--no-tree", action="store_true", help="do not measure the working tree")
    parser.add_argument("--target", type=float, default=TARGET, help="the added share allowed")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder")
    parser.add_argument("--wait-idle", type=float, default=0.0, metavar="SECONDS")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    args.jobs = [int(jobs) for jobs in args.jobs.split(",")]
    if args.repeat < 1 or any(jobs < 1 for jobs in args.jobs):
        parser.error("--repeat and --jobs must be at least 1")
    with tempfile.TemporaryDirectory(prefix="newslint-corpus-pass-") as folder:
        rows = run_all(args, Path(folder))
    print(report(rows, args.target, args.repeat))
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                [
                    asdict(row) | {"added": row.added, "added_plain": row.added_plain}
                    for row in rows
                ],
                indent=1,
            )
            + "\n",
            encoding="utf-8",
        )
    return 0 if all(row.added <= args.target for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
