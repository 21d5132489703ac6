"""Ctrl-C or SIGTERM while ``newslint`` is still loading ends it with 130 or 143 (issue 14).

``newslint.console`` loads ``newslint.cli`` for most of the first tenth of a second, before the
run installs its signal handlers: a SIGINT then gave a ``KeyboardInterrupt`` traceback, and a
SIGTERM killed the process (status -15).  The command runs for real (``python -m newslint``,
reading stdin that never comes); the signal is sent once the command is known to be loading,
found by what it prints, never by timing.  If it lands later, the run's own handlers give the
same exit status.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGTERM"), reason="POSIX signals")

STOPS = [
    (signal.SIGINT, 130, b"newslint: interrupted\n"),
    (signal.SIGTERM, 143, b"newslint: terminated\n"),
]

# Holds the import of newslint.cli until the signal comes: it surely lands during that import.
HELD_IMPORT = """
import sys, time
class Hold:
    def find_spec(self, name, path=None, target=None):
        if name == "newslint.cli":
            sys.stderr.write("loading newslint.cli\\n")
            sys.stderr.flush()
            time.sleep(600)
        return None
sys.meta_path.insert(0, Hold())
from newslint.console import main
sys.exit(main())
"""


def _stopped(process: subprocess.Popen[bytes], signum: int) -> tuple[int, bytes]:
    process.send_signal(signum)
    _, err = process.communicate(b"")
    return process.returncode, err


@pytest.mark.parametrize(("signum", "code", "message"), STOPS)
def test_a_signal_during_the_import_of_the_cli(
    tmp_path: Path, signum: int, code: int, message: bytes
) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", HELD_IMPORT, "--isolated", "--no-cache", "-"],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    assert process.stderr is not None
    assert process.stderr.readline() == b"loading newslint.cli\n"
    returncode, err = _stopped(process, signum)
    assert returncode == code, err
    assert err == message


@pytest.mark.parametrize(("signum", "code", "message"), STOPS)
def test_a_signal_soon_after_the_start(
    tmp_path: Path, signum: int, code: int, message: bytes
) -> None:
    # -X importtime prints a line as each import ends: one after newslint.console's comes from
    # inside main(), so the signal lands while newslint.cli loads, or later.
    process = subprocess.Popen(
        [sys.executable, "-X", "importtime", "-m", "newslint", "--isolated", "--no-cache", "-"],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    assert process.stderr is not None
    while not process.stderr.readline().rstrip().endswith(b"| newslint.console"):
        pass
    assert process.stderr.readline().startswith(b"import time:")
    returncode, err = _stopped(process, signum)
    assert returncode == code, err
    assert b"Traceback" not in err
    assert err.endswith(message)
