"""The ``newslint`` command's entry point: start-up without the cyclic garbage collector, and
Ctrl-C or SIGTERM while it loads.

Importing newslint, building its rules and compiling their patterns allocates some hundred
thousand long-lived objects and hardly any garbage cycles; with the collector on, Python scans
them over and over while they are made (10-30 ms of a 150 ms check of one file, measured with
``-X importtime`` and ``gc.callbacks``). So the collector stays off until the run is
configured; then ``cli.main`` freezes what start-up made (later collections skip it) and turns
the collector back on for the files. A library user's process is never touched: only this entry
point and ``python -m newslint`` turn the collector off.

Loading ``newslint.cli`` takes most of the first tenth of a second, before the run installs its
own signal handlers: a SIGINT then (Ctrl-C) ends the command with exit status 130 and a SIGTERM
with 143, each with one line on stderr, as they do later in the run (not a traceback, not death
by the signal).  Nothing has been read or written yet.
"""

from __future__ import annotations

import contextlib
import gc
import signal
import sys

EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143


class _Terminated(BaseException):
    """SIGTERM while ``newslint.cli`` loads (``newslint.files.Terminated`` is not loaded yet)."""


def _terminate(signum: int, frame: object) -> None:
    raise _Terminated


def main() -> int:
    """Run the command line with the collector off until the run is configured."""
    # SIGTERM unwinds the start-up as SIGINT does (KeyboardInterrupt), unless it is ignored.
    catch_term = signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    gc.disable()
    try:
        if catch_term:
            signal.signal(signal.SIGTERM, _terminate)
        try:
            from newslint.cli import main as command_line
        finally:
            if catch_term:  # the run installs its own handlers; `newslint rule` has none
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
        return command_line()
    except KeyboardInterrupt:
        return _stopped("newslint: interrupted", EXIT_INTERRUPTED)
    except _Terminated:
        return _stopped("newslint: terminated", EXIT_TERMINATED)
    finally:
        gc.enable()


def _stopped(message: str, code: int) -> int:
    with contextlib.suppress(OSError, ValueError):  # no stderr to say it on
        print(message, file=sys.stderr)
    return code
