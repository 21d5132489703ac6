"""Ctrl-C, SIGTERM and a full disk during ``--fix`` of many small files (issue 14).

A real subprocess fixes a folder with a pool of two workers; the signal is sent once the
run is under way (or while its workers start), found by polling what it does, never by
timing.  Afterwards: exit status 130 (SIGINT) or 143 (SIGTERM), one line saying so, every
file old or new, no temp file, no process left.  A full disk is simulated in-process.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newslint.cli import main

from .conftest import DATA, SEED

COMMAND = (sys.executable, "-m", "newslint")
FILES = 1000  # 2.3 MB: a pool of workers, as for a real corpus
FIXED = (DATA / "seed_fixed_safe.txt").read_bytes()
ORIGINAL = SEED.read_bytes()

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")


def corpus(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = [folder / f"a{index:04d}.txt" for index in range(FILES)]
    for path in paths:
        path.write_bytes(ORIGINAL)
    return paths


def start(folder: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*COMMAND, "--isolated", "--no-cache", "--fix", "-q", "-j", "2", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def poll(condition: object, process: subprocess.Popen[bytes]) -> None:
    """Wait (in small steps, as long as it takes) until ``condition()`` or the run ends."""
    while not condition() and process.poll() is None:  # type: ignore[operator]
        time.sleep(0.002)


def group_gone(pgid: int) -> Iterator[bool]:
    while True:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            yield True
            return
        yield False


def finish(process: subprocess.Popen[bytes], folder: Path, paths: list[Path], how: str) -> int:
    _, stderr = process.communicate(timeout=120)  # a hang guard, not a speed limit
    err = stderr.decode()
    assert "Traceback" not in err, err
    assert process.returncode == (130 if how == "SIGINT" else 143), err
    assert err.strip().splitlines()[-1] == (
        "newslint: interrupted" if how == "SIGINT" else "newslint: terminated"
    )
    # Workers end with their parent (they get SIGTERM on its death): wait until they have.
    for gone in group_gone(process.pid):
        if gone:
            break
        time.sleep(0.002)
    assert sorted(folder.iterdir()) == paths  # no temp file
    states = [path.read_bytes() for path in paths]
    assert all(data in (ORIGINAL, FIXED) for data in states)
    return sum(data == FIXED for data in states)


def send(process: subprocess.Popen[bytes], how: str) -> None:
    if how == "SIGINT":
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C: the whole foreground group
    else:
        process.send_signal(signal.SIGTERM)  # a CI timeout, docker stop: newslint alone


@pytest.mark.parametrize("how", ["SIGINT", "SIGTERM"])
def test_a_signal_mid_fix_ends_the_run_with_no_temp_file(tmp_path: Path, how: str) -> None:
    folder = tmp_path / "corpus"
    paths = corpus(folder)
    process = start(folder)
    first = paths[0].stat().st_ino
    poll(lambda: paths[0].stat().st_ino != first, process)  # it has written
    send(process, how)
    fixed = finish(process, folder, paths, how)
    assert 0 < fixed < FILES


@pytest.mark.parametrize("how", ["SIGINT", "SIGTERM"])
def test_a_signal_while_workers_start_is_not_swallowed(tmp_path: Path, how: str) -> None:
    folder = tmp_path / "corpus"
    paths = corpus(folder)
    process = start(folder)
    poll(lambda: children(process.pid), process)  # the pool is being forked
    send(process, how)
    fixed = finish(process, folder, paths, how)
    assert fixed < FILES  # the run did not go on to the end


class FullDisk:
    """A temp file on a full disk: bytes are taken into a buffer, and flushing it fails,
    on ``flush`` and again on ``close``, as a buffered file does on ENOSPC."""

    def __init__(self, descriptor: int) -> None:
        self.descriptor = descriptor
        self.pending = 0

    def write(self, data: bytes) -> int:
        self.pending += len(data)
        return len(data)

    def fileno(self) -> int:
        return self.descriptor

    def flush(self) -> None:
        if self.pending:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def close(self) -> None:
        if self.descriptor >= 0:
            os.close(self.descriptor)
            self.descriptor = -1
            self.flush()


def test_a_full_disk_leaves_no_temp_file_and_every_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    paths = [folder / f"a{index}.txt" for index in range(3)]
    for path in paths:
        path.write_bytes(ORIGINAL)
    real_fdopen = os.fdopen
    monkeypatch.setattr(
        os,
        "fdopen",
        lambda fd, mode="r", *a, **k: FullDisk(fd) if mode == "wb" else real_fdopen(fd, mode),
    )
    assert main(["--isolated", "--no-cache", "--fix", "-j", "1", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.count("could not be written (No space left on device)") == 3, err
    assert sorted(folder.iterdir()) == paths
    assert all(path.read_bytes() == ORIGINAL for path in paths)
