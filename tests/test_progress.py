"""The progress bar: drawn on a terminal for long runs, never in pipes, CI or short runs."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus
from newslint import progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "environ", "files", "size", "expected"),
    [
        (_Terminal(), {}, 500, 0, True),
        (_Terminal(), {}, 1, 200 << 20, True),  # one big JSONL file
        (_Terminal(), {}, 3, 30_000, False),  # a pre-commit run: over before a bar helps
        (_Terminal(), {"CI": "true"}, 500, 0, False),
        (_Terminal(), {"TERM": "dumb"}, 500, 0, False),
        (io.StringIO(), {}, 500, 200 << 20, False),  # piped
    ],
)
def test_when_a_bar_is_wanted(
    stream: io.StringIO, environ: dict[str, str], files: int, size: int, expected: bool
) -> None:
    assert progress.wanted(stream, environ, files, size) is expected


def _run_on_terminal(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run newslint with stderr on a pseudo-terminal; return (status, stdout, terminal)."""
    leader, follower = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k not in {"CI", "GITHUB_ACTIONS"}}
    environ.update(TERM="xterm", COLUMNS="120", NEWSLINT_NO_CACHE="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "newslint", *args],
        stdout=subprocess.PIPE,
        stderr=follower,
        cwd=cwd,
        env=environ,
    )
    os.close(follower)
    terminal = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process is done with it
            break
        if not chunk:
            break
        terminal += chunk
    stdout, _ = process.communicate(timeout=120)
    os.close(leader)
    return process.returncode, stdout.decode(), terminal.decode("utf-8", "replace")


def test_a_run_on_a_terminal_shows_files_and_articles_per_second(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus", 220, seed=21, txt_share=1.0)
    code, stdout, terminal = _run_on_terminal(["--isolated", "--progress", "corpus"], tmp_path)
    assert code == 1
    assert "/220 files" in terminal and "articles (" in terminal and "MB/s" in terminal
    assert "MB/s" not in stdout  # the report itself is untouched


def test_no_bar_when_the_run_is_short_or_the_flags_say_so(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus", 220, seed=22, txt_share=1.0)
    for flag in ("--no-progress", "--quiet"):
        _, _, terminal = _run_on_terminal(["--isolated", flag, "corpus"], tmp_path)
        assert "MB/s" not in terminal
    small = tmp_path / "corpus" / "txt"
    one = sorted(small.rglob("*.txt"))[0]
    _, _, terminal = _run_on_terminal(["--isolated", str(one)], tmp_path)
    assert "/1 files" not in terminal and "MB/s" not in terminal
