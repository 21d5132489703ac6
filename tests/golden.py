"""Digests of what every integration outputs on the shared real corpora (no test functions here).

``tests/data/golden/integrations.json`` holds ``{integration: {input: sha256}}`` computed with
the code of commit f52a05e; ``tests/test_golden_integrations.py`` recomputes them with the
current code, so that a redesign of the engine can prove that nothing changed, byte for byte.
Only digests are stored: the corpora's text never enters the project.

Inputs (``INPUTS``): the JSONL files of ``/work/shared/corpora`` (``CORPORA``, found from this
file as in ``tests/rulekit.py``), the ``.gz`` ones decompressed, the two dragnet files cut to
their first records (named ``*.firstN.jsonl``) to keep the test within its time budget.  They
are copied into a work folder under their path relative to the corpora, and everything runs
with that folder as the working directory, so the paths in the outputs are relative and the
same on every machine.  ``-j 2`` runs read ``J2_INPUTS`` only, Ray ``RAY_INPUTS`` only.

Whatever ``newslint`` this module imports is the code under test: the CLI runs as
``python -m newslint`` with that package's folder first on ``PYTHONPATH``, and so do the
helper processes that this file starts as ``python golden.py --worker KIND`` for the
library API, Ray and datatrove.  Regenerate the goldens with the code they must freeze
(``__main__`` needs the ray and datatrove extras: it computes every integration)::

    mkdir /tmp/nl-head && git -C /work/main archive f52a05e | tar -x -C /tmp/nl-head
    cd /work/main/tests && PYTHONPATH=/tmp/nl-head ../.venv/bin/python golden.py

What is digested (sha256):

- A CLI run checks all its inputs at once, as ``newslint corpus/`` would.  Its output is
  split by the file each line names: each input's key digests exactly the bytes of its lines
  (an input without problems digests ``b""``), and the key ``(run)`` digests the rest: exit
  status, stderr, the lines that name no input (the summary) and the order in which the
  inputs appear.  ``--fix`` runs on a copy and also digests each fixed file's bytes.
- ``newslint report --format json`` runs once per corpus folder (the key is its name): exit
  status, stdout and stderr.
- The library API (``lint_record``, ``fix_record(unsafe=True)``), Ray's ``check_dataset`` /
  ``fix_dataset`` and datatrove's ``NewslintStep`` (its written records and its counts): one
  canonical JSON line (``json.dumps(..., sort_keys=True, ensure_ascii=False)``) per record,
  hashed per input.  ``--engine ray`` is digested as a CLI run (its ``diagnostics.jsonl``
  and summary split as ``--format json-lines`` is), so its keys compare with the CLI's.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import newslint

HERE = Path(__file__).resolve().parent
CORPORA = HERE.parents[1] / "shared" / "corpora"
GOLDEN = HERE / "data" / "golden" / "integrations.json"
NEWSLINT_ROOT = Path(newslint.__file__).resolve().parent.parent
"""The folder that holds the ``newslint`` under test (first on the children's ``PYTHONPATH``)."""

JOBS = 2
"""Jobs run at once: the budget is two cores."""

TIMEOUT = 900
"""Seconds a child process may take."""

RUN = "(run)"
"""The key of what a run that checks several inputs at once says about the run as a whole."""

Digests = dict[str, dict[str, str]]
"""{integration: {input name: sha256}}."""


# -- inputs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Input:
    name: str
    """Its path in the work folder, and so in the outputs."""
    source: str
    """Its file under ``CORPORA`` (a ``.gz`` is decompressed)."""
    lines: int | None = None
    """Only its first lines (a file too slow to check whole in the time budget)."""


EXTRACTORS = (
    "august",
    "boilerpipe",
    "dom_smoothie",
    "fast_html2md",
    "goose3",
    "html-text",
    "html2text",
    "inscriptis",
    "justext",
    "mdka",
    "news_please",
    "newspaper",
    "readability",
    "trafilatura",
)

INPUTS: tuple[Input, ...] = (
    # Their first 200 of 799 records (pages: 1.35 MB, so still cut into chunks with -j 2): the
    # whole files take 11 s (gold: a few records of up to 640 kB take seconds each) for each
    # of the nine runs over every input, more than the whole test may take.
    Input("dragnet-sites/pages.first200.jsonl", "dragnet-sites/pages.jsonl.gz", lines=200),
    Input("dragnet-sites/gold.first200.jsonl", "dragnet-sites/gold.jsonl.gz", lines=200),
    Input(
        "extraction-benchmark-dev/ground-truth.jsonl", "extraction-benchmark-dev/ground-truth.jsonl"
    ),
    *(
        Input(
            f"extraction-benchmark-dev/extractors/{tool}.jsonl",
            f"extraction-benchmark-dev/extractors/{tool}.jsonl",
        )
        for tool in EXTRACTORS
    ),
    Input("fakenewscorpus-sample/articles.jsonl", "fakenewscorpus-sample/articles.jsonl"),
)

J2_INPUTS = (
    "dragnet-sites/gold.first200.jsonl",
    "dragnet-sites/pages.first200.jsonl",
    "extraction-benchmark-dev/extractors/goose3.jsonl",
    "extraction-benchmark-dev/extractors/mdka.jsonl",
    "extraction-benchmark-dev/ground-truth.jsonl",
    "fakenewscorpus-sample/articles.jsonl",
)
"""The inputs of the ``-j 2`` runs (a pool of workers; files over 1 MB cut into chunks): the
files over 1 MB and a few others.  ``-j`` changes how the work is shared, not how a record is
checked, and a run over every input costs too much time."""

RAY_INPUTS = (
    "extraction-benchmark-dev/extractors/goose3.jsonl",
    "fakenewscorpus-sample/articles.jsonl",
)
"""Ray starts slowly: its integrations run on two small inputs only."""


def corpus_files(corpora: Path = CORPORA) -> list[str]:
    """Every JSONL file of the corpora, relative to them."""
    return sorted(
        str(p.relative_to(corpora))
        for p in corpora.rglob("*")
        if p.is_file() and p.name.endswith((".jsonl", ".jsonl.gz"))
    )


def prepare(workdir: Path, corpora: Path = CORPORA) -> list[str]:
    """Copy (or decompress) every input into ``workdir``; return their names."""
    for item in INPUTS:
        target = workdir / item.name
        target.parent.mkdir(parents=True, exist_ok=True)
        source = corpora / item.source
        opener = gzip.open if source.suffix == ".gz" else open
        with opener(source, "rb") as data, target.open("wb") as out:
            if item.lines is None:
                shutil.copyfileobj(data, out)
            else:
                out.writelines(itertools.islice(data, item.lines))
    return [item.name for item in INPUTS]


# -- digests ---------------------------------------------------------------------------------


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def run_digest(code: int, stdout: bytes, stderr: bytes = b"") -> str:
    """A command's exit status, stdout and stderr."""
    return sha256(
        b"exit=%d\nstdout=%d\n%sstderr=%d\n%s" % (code, len(stdout), stdout, len(stderr), stderr)
    )


def lines_digest(values: Iterable[Any]) -> str:
    """One canonical JSON line per value (per record), hashed."""
    hasher = hashlib.sha256()
    for value in values:
        text = json.dumps(value, sort_keys=True, ensure_ascii=False)
        hasher.update(text.encode("utf-8", "surrogatepass") + b"\n")
    return hasher.hexdigest()


def _json_path(line: bytes) -> str | None:
    try:
        item = json.loads(line)
    except ValueError:
        return None
    path = item.get("path") if isinstance(item, dict) else None
    return path if isinstance(path, str) else None


def split_output(
    stdout: bytes, names: Sequence[str], json_lines: bool
) -> tuple[dict[str, bytes], bytes, list[str]]:
    """Each input's lines of a report (json-lines: by ``path``; else by a ``name:`` prefix),
    the lines that name no input, and the inputs in the order the report names them."""
    mine: dict[str, list[bytes]] = {name: [] for name in names}
    rest: list[bytes] = []
    order: list[str] = []
    prefixes = sorted(((name + ":").encode(), name) for name in names)[::-1]  # longest first
    for line in stdout.splitlines(keepends=True):
        if json_lines:
            owner = _json_path(line)
        else:
            owner = next((name for prefix, name in prefixes if line.startswith(prefix)), None)
        if owner is None or owner not in mine:
            rest.append(line)
            continue
        mine[owner].append(line)
        if not order or order[-1] != owner:
            order.append(owner)
    return {name: b"".join(lines) for name, lines in mine.items()}, b"".join(rest), order


def split_digests(
    code: int, stdout: bytes, stderr: bytes, names: Sequence[str], json_lines: bool
) -> dict[str, str]:
    per_input, rest, order = split_output(stdout, names, json_lines)
    digests = {name: sha256(data) for name, data in per_input.items()}
    digests[RUN] = run_digest(code, rest + b"order=" + "|".join(order).encode(), stderr)
    return digests


# -- child processes ---------------------------------------------------------------------------


def child_env() -> dict[str, str]:
    """The children's environment: this newslint first; no colour, cache or CI-specific output."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("GITHUB_ACTIONS", "FORCE_COLOR", "CLICOLOR_FORCE", "RAY_ADDRESS")
        and not key.startswith("NEWSLINT_")
    }
    path = env.get("PYTHONPATH")
    env["PYTHONPATH"] = str(NEWSLINT_ROOT) + (os.pathsep + path if path else "")
    env["NO_COLOR"] = "1"
    env["NEWSLINT_NO_CACHE"] = "1"
    env["NEWSLINT_GOLDEN_ROOT"] = str(NEWSLINT_ROOT)
    return env


def run(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=child_env(),
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )


def newslint_cli(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return run(["-m", "newslint", *args], cwd)


@contextmanager
def copy_of(workdir: Path, names: Sequence[str]) -> Iterator[Path]:
    """A folder holding copies of the inputs under their names (for --fix)."""
    folder = Path(tempfile.mkdtemp(prefix="copy-", dir=workdir))
    try:
        for name in names:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(workdir / name, folder / name)
        yield folder
    finally:
        shutil.rmtree(folder)


# -- the integrations --------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    """One run (or one run per input) that gives the digests of ``integrations``."""

    integrations: tuple[str, ...]
    run: Callable[[Path, Sequence[str]], Digests]
    extra: str | None = None
    """The optional dependency it needs (``ray``, ``datatrove``)."""
    cost: float = 1.0
    """Rough seconds, to start the longest jobs first."""
    subset: tuple[str, ...] | None = None
    """Only these inputs (None: all)."""

    def inputs(self, names: Sequence[str]) -> list[str]:
        return [name for name in names if self.subset is None or name in self.subset]


CHECK = ("--isolated", "--no-cache")


def cli_run(
    integration: str,
    *flags: str,
    fixed: str | None = None,
    cost: float = 1.0,
    subset: tuple[str, ...] | None = None,
) -> Job:
    """``newslint [flags] INPUT...``; with ``fixed``, on a copy, and the fixed files digested."""
    json_lines = "json-lines" in flags

    def go(workdir: Path, names: Sequence[str]) -> Digests:
        if fixed is None:
            done = newslint_cli([*CHECK, *flags, *names], workdir)
            return {
                integration: split_digests(
                    done.returncode, done.stdout, done.stderr, names, json_lines
                )
            }
        with copy_of(workdir, names) as folder:
            done = newslint_cli([*CHECK, *flags, *names], folder)
            files = {name: sha256((folder / name).read_bytes()) for name in names}
        report = split_digests(done.returncode, done.stdout, done.stderr, names, json_lines)
        return {integration: report, fixed: files}

    outputs = (integration,) if fixed is None else (integration, fixed)
    return Job(outputs, go, cost=cost, subset=subset)


def cli_per_corpus(integration: str, *args: str, cost: float = 1.0) -> Job:
    """``newslint ARGS CORPUS`` once per corpus (the inputs' first folder): the key is its name."""

    def go(workdir: Path, names: Sequence[str]) -> Digests:
        digests = {}
        for corpus in sorted({name.split("/")[0] for name in names}):
            done = newslint_cli([*args, corpus], workdir)
            digests[corpus] = run_digest(done.returncode, done.stdout, done.stderr)
        return {integration: digests}

    return Job((integration,), go, cost=cost)


def worker(
    kind: str,
    integrations: tuple[str, ...],
    extra: str | None = None,
    cost: float = 1.0,
    subset: tuple[str, ...] | None = None,
) -> Job:
    """Python integrations, computed by ``golden.py --worker KIND`` in a process of its own."""

    def go(workdir: Path, names: Sequence[str]) -> Digests:
        handle, result = tempfile.mkstemp(prefix=f"{kind}-", suffix=".json", dir=workdir)
        os.close(handle)
        try:
            done = run(
                [str(Path(__file__).resolve()), "--worker", kind, "--output", result, *names],
                workdir,
            )
            if done.returncode != 0:
                raise RuntimeError(
                    f"golden.py --worker {kind} failed (exit {done.returncode}):\n"
                    + done.stderr.decode("utf-8", "replace")[-6000:]
                )
            digests: Digests = json.loads(Path(result).read_text("utf-8"))
        finally:
            os.unlink(result)
        return digests

    return Job(integrations, go, extra, cost, subset)


JSON_LINES = ("--format", "json-lines")
FIX = ("--fix", "--unsafe-fixes", *JSON_LINES)

JOB_LIST: tuple[Job, ...] = (
    cli_run("cli-check-json-lines-j1", "-j", "1", *JSON_LINES, cost=8),
    cli_run("cli-check-json-lines-j2", "-j", "2", *JSON_LINES, cost=5, subset=J2_INPUTS),
    cli_run("cli-check-concise-j1", "-j", "1", "--format", "concise", cost=7),
    cli_run(
        "cli-check-select-all-json-lines-j1",
        "-j",
        "1",
        "--select",
        "ALL",
        # ALL selects the rules on by default; these (not NL408, which needs a corpus pass)
        # only by their codes.
        "--extend-select",
        "NL014,NL309,NL409,NL410,NL412",
        *JSON_LINES,
        cost=8,
    ),
    cli_run("cli-fix-unsafe-report-j1", "-j", "1", *FIX, fixed="cli-fix-unsafe-file-j1", cost=13),
    cli_run(
        "cli-fix-unsafe-report-j2",
        "-j",
        "2",
        *FIX,
        fixed="cli-fix-unsafe-file-j2",
        cost=7,
        subset=J2_INPUTS,
    ),
    cli_per_corpus("cli-report-json-j1", "report", *CHECK, "-j", "1", "--format", "json", cost=7),
    worker("api-lint", ("api-lint-record",), cost=8),
    worker("api-fix", ("api-fix-record-unsafe",), cost=15),
    worker(
        "ray",
        (
            "ray-check-dataset",
            "ray-fix-dataset-unsafe",
            "ray-engine-check-json-lines",
            "ray-engine-fix-unsafe-report",
            "ray-engine-fix-unsafe-file",
        ),
        extra="ray",
        cost=60,
        subset=RAY_INPUTS,
    ),
    worker("datatrove", ("datatrove-check", "datatrove-fix-unsafe"), extra="datatrove", cost=30),
)

JOB_OF: dict[str, Job] = {name: job for job in JOB_LIST for name in job.integrations}
INTEGRATIONS: tuple[str, ...] = tuple(JOB_OF)


def compute(jobs: Iterable[Job], workdir: Path, names: Sequence[str], log: bool = False) -> Digests:
    """Every digest of ``jobs`` on the inputs ``names`` (in ``workdir``), ``JOBS`` jobs at once."""

    def one(job: Job) -> Digests:
        start = time.perf_counter()
        digests = job.run(workdir, job.inputs(names))
        if log:
            took = time.perf_counter() - start
            print(
                f"golden: {', '.join(job.integrations)}: {took:.1f} s", file=sys.stderr, flush=True
            )
        return digests

    out: Digests = {}
    with ThreadPoolExecutor(JOBS) as pool:
        for digests in pool.map(one, sorted(set(jobs), key=lambda job: -job.cost)):
            out.update(digests)
    return {integration: dict(sorted(found.items())) for integration, found in sorted(out.items())}


# -- the Python integrations (in ``--worker`` processes, with the work folder as cwd) ----------


def _records(name: str) -> list[Any]:
    with open(name, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _lint(record: Any) -> Any:
    try:
        return [d.as_dict() for d in newslint.lint_record(record)]
    except newslint.RecordError as exc:
        return {"RecordError": str(exc)}


def _fix(record: Any) -> Any:
    try:
        return newslint.fix_record(record, unsafe=True).as_dict()
    except newslint.RecordError as exc:
        return {"RecordError": str(exc)}


def _api_lint(names: Sequence[str]) -> Digests:
    return {"api-lint-record": {name: lines_digest(map(_lint, _records(name))) for name in names}}


def _api_fix(names: Sequence[str]) -> Digests:
    return {
        "api-fix-record-unsafe": {name: lines_digest(map(_fix, _records(name))) for name in names}
    }


def _ray(names: Sequence[str]) -> Digests:
    import ray
    import ray.data

    import newslint.ray as newslint_ray
    from newslint.cli import main

    out: Digests = {integration: {} for integration in JOB_OF["ray-check-dataset"].integrations}
    ray.init(num_cpus=JOBS, include_dashboard=False, log_to_driver=False)
    try:
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.execution_options.preserve_order = True

        @ray.remote
        def where() -> str:
            import newslint as imported

            return str(Path(imported.__file__).resolve().parent.parent)

        imported = ray.get(where.remote())
        if imported != str(NEWSLINT_ROOT):
            raise RuntimeError(
                f"Ray's workers import newslint from {imported}, not {NEWSLINT_ROOT}"
            )

        for name in names:
            dataset = ray.data.from_items(_records(name), override_num_blocks=4)
            checked = newslint_ray.check_dataset(dataset, batch_size=64).take_all()
            out["ray-check-dataset"][name] = lines_digest(row["newslint"] for row in checked)
            fixed = newslint_ray.fix_dataset(dataset, unsafe=True, batch_size=64).take_all()
            out["ray-fix-dataset-unsafe"][name] = lines_digest(fixed)

        # ``newslint --engine ray INPUT... OUTPUT``, in this process: Ray is up already.
        for integration, flags in (
            ("ray-engine-check-json-lines", ()),
            ("ray-engine-fix-unsafe-report", ("--fix", "--unsafe-fixes")),
        ):
            output = Path(tempfile.mkdtemp(prefix="ray-", dir="."))
            stdout, stderr = io.StringIO(), io.StringIO()
            saved = sys.stderr
            try:
                sys.stderr = stderr
                with redirect_stdout(stdout):
                    code = main([*CHECK, "--engine", "ray", *flags, *names, str(output)])
            finally:
                sys.stderr = saved
            report = (output / "diagnostics.jsonl").read_bytes()
            out[integration] = split_digests(
                code, report + stdout.getvalue().encode(), stderr.getvalue().encode(), names, True
            )
            if flags:
                out["ray-engine-fix-unsafe-file"] = {
                    name: sha256((output / name).read_bytes()) for name in names
                }
            shutil.rmtree(output)
    finally:
        ray.shutdown()
    return out


def _datatrove(names: Sequence[str]) -> Digests:
    from datatrove.executor import LocalPipelineExecutor  # type: ignore[import-untyped]
    from datatrove.pipeline.readers import JsonlReader  # type: ignore[import-untyped]
    from datatrove.pipeline.writers import JsonlWriter  # type: ignore[import-untyped]

    from newslint.datatrove import NewslintStep, record_adapter

    out: Digests = {"datatrove-check": {}, "datatrove-fix-unsafe": {}}
    for name in names:
        for integration, step in (
            ("datatrove-check", NewslintStep()),
            ("datatrove-fix-unsafe", NewslintStep(fix=True, unsafe=True)),
        ):
            folder = Path(tempfile.mkdtemp(prefix="datatrove-", dir="."))
            try:
                pipeline = [
                    JsonlReader(
                        str(Path(name).parent), text_key="body", glob_pattern=Path(name).name
                    ),
                    step,
                    JsonlWriter(str(folder / "out"), adapter=record_adapter, compression=None),
                ]
                LocalPipelineExecutor(
                    pipeline=pipeline, tasks=1, workers=1, logging_dir=str(folder / "logs")
                ).run()
                written = [
                    json.loads(line)
                    for path in sorted((folder / "out").glob("*.jsonl"))
                    for line in path.read_text("utf-8").splitlines()
                ]
                stats = json.loads((folder / "logs" / "stats.json").read_text("utf-8"))
                ours = next(s for s in stats if "newslint" in s["name"])
                # Counts only: the step's stats also hold timings.
                counts = {
                    key: value["total"] if isinstance(value, dict) else value
                    for key, value in ours["stats"].items()
                }
                out[integration][name] = lines_digest([*written, counts])
            finally:
                shutil.rmtree(folder)
    return out


WORKERS: dict[str, Callable[[Sequence[str]], Digests]] = {
    "api-lint": _api_lint,
    "api-fix": _api_fix,
    "ray": _ray,
    "datatrove": _datatrove,
}


# -- command line ------------------------------------------------------------------------------


def check_inputs(corpora: Path = CORPORA) -> None:
    """Fail if the corpora hold a JSONL file that ``INPUTS`` does not read."""
    missing = sorted(set(corpus_files(corpora)) - {item.source for item in INPUTS})
    if missing:
        raise RuntimeError(f"corpus files missing from golden.INPUTS: {', '.join(missing)}")


def write_golden(path: Path = GOLDEN) -> Digests:
    """Compute every digest with the imported newslint and write them to ``path``."""
    if not CORPORA.is_dir():
        raise SystemExit(f"golden.py: {CORPORA} is missing: the goldens need the shared corpora")
    check_inputs()
    with tempfile.TemporaryDirectory(prefix="newslint-golden-") as scratch:
        workdir = Path(scratch)
        names = prepare(workdir)
        digests = compute(JOB_LIST, workdir, names, log=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(digests, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return digests


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=GOLDEN, help="default: %(default)s")
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("names", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        expected = os.environ.get("NEWSLINT_GOLDEN_ROOT")
        if expected is not None and expected != str(NEWSLINT_ROOT):
            raise SystemExit(f"golden.py: newslint imported from {NEWSLINT_ROOT}, not {expected}")
        result = WORKERS[args.worker](args.names)
        args.output.write_text(json.dumps(result), encoding="utf-8")
        return 0
    print(f"golden.py: newslint from {NEWSLINT_ROOT}", file=sys.stderr)
    digests = write_golden(args.output)
    count = sum(len(found) for found in digests.values())
    print(
        f"golden.py: {len(digests)} integrations, {count} digests: {args.output}", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
