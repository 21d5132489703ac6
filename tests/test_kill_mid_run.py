"""SIGKILL in the middle of ``newslint --fix`` on a folder of 2000 files (issue 5).

A real subprocess fixes the folder; once it has started writing, it is killed after a
random delay, a few times over (each round picks up where the last one stopped).  After
every kill each file must be fully old (its original bytes) or fully new (the bytes
``newslint --fix`` gives for it alone), and nothing that newslint would read as an article
may be left behind: a temporary file is ``.<name>.<random>.newslint-tmp``, hidden and with
a suffix newslint does not read, and a SIGKILL during its write can leave it behind.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newslint.cli import main
from newslint.files import discover

from .conftest import SEED

FILES = 2000
ROUNDS = 3

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def variants() -> list[bytes]:
    """Damaged articles that differ in text, damage, line endings and BOM."""
    seed = SEED.read_bytes()
    days = [b"Monday", b"Tuesday", b"Wednesday", b"Thursday", b"Friday"]
    out = []
    for index, day in enumerate(days):
        for damage in range(4):
            data = seed.replace(b"on Friday", b"on " + day)
            if damage % 2:
                data = data.replace(b"Lavrov hailed", b"Lavrov **warmly** hailed")
            if damage >= 2:
                data = data.replace(b"\n", b"\r\n")
            if index == 4 and damage == 3:
                data = b"\xef\xbb\xbf" + data
            out.append(data)
    return out


def expected_fixed(
    tmp_path: Path, originals: list[bytes], capsys: pytest.CaptureFixture[str]
) -> list[bytes]:
    """What ``newslint --fix`` makes of each variant, fixed one file at a time."""
    folder = tmp_path / "expected"
    folder.mkdir()
    for index, data in enumerate(originals):
        (folder / f"v{index:02d}.txt").write_bytes(data)
    main(["--isolated", "--fix", "-q", str(folder)])
    capsys.readouterr()
    fixed = [(folder / f"v{index:02d}.txt").read_bytes() for index in range(len(originals))]
    for before, after in zip(originals, fixed, strict=True):
        assert before != after  # every file has something to fix
    return fixed


def temporaries(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.newslint-tmp"))


def classify(folder: Path, names: list[str], old: list[bytes], new: list[bytes]) -> list[bool]:
    """True for each file that is fully new; fails on a file that is neither old nor new."""
    state = []
    for name, before, after in zip(names, old, new, strict=True):
        data = (folder / name).read_bytes()
        assert data in (before, after), f"{name} is neither its old nor its new self"
        state.append(data == after)
    return state


def test_sigkill_mid_fix_leaves_every_file_old_or_new(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kinds = variants()
    fixed_kinds = expected_fixed(tmp_path, kinds, capsys)
    folder = tmp_path / "corpus"
    folder.mkdir()
    names = [f"article-{index:04d}.txt" for index in range(FILES)]
    old = [kinds[index % len(kinds)] for index in range(FILES)]
    new = [fixed_kinds[index % len(kinds)] for index in range(FILES)]
    for name, data in zip(names, old, strict=True):
        (folder / name).write_bytes(data)
    rng = random.Random()
    seed = rng.randrange(2**32)
    rng.seed(seed)
    command = [sys.executable, "-m", "newslint", "--isolated", "--fix", "-q", str(folder)]
    state = [False] * FILES
    log = []
    for round_number in range(ROUNDS):
        # newslint fixes files in sorted order: wait for the first one still old to change.
        first = state.index(False)
        watched = folder / names[first]
        inode = watched.stat().st_ino
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp_path
        )
        try:
            deadline = time.monotonic() + 60
            while watched.stat().st_ino == inode and process.poll() is None:
                assert time.monotonic() < deadline, "newslint wrote nothing in 60 s"
                time.sleep(0.002)
            delay = rng.uniform(0.0, 0.4 + 0.6 * round_number)
            time.sleep(delay)
            finished = process.poll() is not None
            process.send_signal(signal.SIGKILL)
            process.wait()
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        assert process.stderr is not None
        stderr = process.stderr.read().decode()
        process.stderr.close()
        assert "Traceback" not in stderr
        before = sum(state)
        state = classify(folder, names, old, new)
        leftovers = temporaries(folder)
        log.append(
            f"round {round_number + 1}: killed {delay:.2f} s after the first write; "
            f"{sum(state) - before} files fixed this round, {sum(state)}/{FILES} new, "
            f"{len(leftovers)} temporary files left"
            + (" (it had already finished)" if finished else "")
        )
        assert sum(state) > before  # it did write before it was killed
        # Nothing else appeared or vanished: only the articles and hidden temporaries.
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            names + [p.name for p in leftovers]
        )
        if finished or all(state):
            break
    with capsys.disabled():
        print(f"\nkill-mid-run (random seed {seed}):\n  " + "\n  ".join(log))
    # A rerun would not read what a kill left behind: discovery skips the temporaries.
    found = [path for path, _ in discover([str(folder)])]
    assert found == [str(folder / name) for name in names]


def test_rerun_ignores_left_over_temporaries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A temporary file left by a kill, full of damage, is never read, fixed or reported."""
    article = tmp_path / "a.txt"
    shutil.copyfile(SEED, article)
    leftover = tmp_path / ".a.txt.k3j_x9q2.newslint-tmp"
    partial = SEED.read_bytes()[:700]  # a write cut short
    leftover.write_bytes(partial)
    code = main(["--isolated", "--fix", str(tmp_path)])
    out = capsys.readouterr().out
    assert leftover.name not in out
    assert leftover.read_bytes() == partial
    assert article.read_bytes() != SEED.read_bytes()
    assert code == 1
    assert temporaries(tmp_path) == [leftover]
    assert os.listdir(tmp_path) and sorted(os.listdir(tmp_path)) == sorted(
        [article.name, leftover.name]
    )


@pytest.mark.parametrize("how", ["SIGINT", "SIGTERM"])
def test_interrupted_fix_of_a_big_jsonl_file_leaves_no_temp_file_and_no_worker(
    tmp_path: Path, how: str
) -> None:
    """Ctrl-C (SIGINT to the process group) or SIGTERM (to newslint alone, as a CI timeout
    or ``docker stop`` sends it) in the middle of fixing a big JSONL file: the file is
    old or new, no temp file is left, and no worker process outlives newslint."""
    from benchmarks.corpus import write_big_jsonl

    big = tmp_path / "big.jsonl"
    write_big_jsonl(big, 12_000_000, seed=5)
    original = big.read_bytes()
    environ = {**os.environ, "NEWSLINT_NO_CACHE": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "newslint", "--isolated", "--fix", "-q", "-j", "2", str(big)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=environ,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(tmp_path.glob(".*.newslint-tmp")):
        time.sleep(0.02)  # wait until the fixed file is being written
    if how == "SIGINT":
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == (130 if how == "SIGINT" else 143), stderr
    assert b"Traceback" not in stderr
    time.sleep(0.5)  # workers end on their parent's death
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.jsonl"]
    assert big.read_bytes() == original  # interrupted before the rename
