"""Output into a pipe whose reader went away (``newslint ... | head -1``) ends quietly (issue 14).

Exit status 141 (128 + SIGPIPE, what a shell reports for ``cat`` or ``grep`` killed by it), no
traceback and no ``Exception ignored`` message, in every command.  The reader is gone before the
process starts (the read end of its stdout pipe is closed), so the outcome does not depend on
timing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE = b"Headline\n\nThe **market** rose.\n"

pytestmark = pytest.mark.skipif(not hasattr(os, "pipe"), reason="pipes")


def _into_a_closed_pipe(
    *args: str, cwd: Path, stdin: bytes = b""
) -> subprocess.CompletedProcess[bytes]:
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [sys.executable, "-m", "newslint", *args],
            input=stdin,
            stdout=write,
            stderr=subprocess.PIPE,
            cwd=cwd,
            check=False,
        )
    finally:
        os.close(write)


@pytest.mark.parametrize(
    "args",
    [
        ("--isolated", "--no-cache", "-"),
        ("--isolated", "--no-cache", "-", "--fix"),
        ("--isolated", "--no-cache", "--write-baseline", "b.json", "a.txt"),
        ("rule", "NL101"),
        ("report", "--isolated", "a.txt", "-o", "report.html"),
    ],
)
def test_a_closed_pipe_ends_the_command_quietly(tmp_path: Path, args: tuple[str, ...]) -> None:
    (tmp_path / "a.txt").write_bytes(ARTICLE)
    completed = _into_a_closed_pipe(*args, cwd=tmp_path, stdin=ARTICLE)
    assert completed.returncode == 141, completed.stderr
    assert completed.stderr == b""


def test_exit_status_141_is_documented() -> None:
    from newslint.cli import build_parser

    assert "141" in build_parser().epilog  # type: ignore[operator]
