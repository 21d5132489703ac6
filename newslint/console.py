"""The ``newslint`` command's entry point: start-up without the cyclic garbage collector.

Importing newslint, building its rules and compiling their patterns allocates some hundred
thousand long-lived objects and hardly any garbage cycles; with the collector on, Python scans
them over and over while they are made (10-30 ms of a 150 ms check of one file, measured with
``-X importtime`` and ``gc.callbacks``). So the collector stays off until the run is
configured; then ``cli.main`` freezes what start-up made (later collections skip it) and turns
the collector back on for the files. A library user's process is never touched: only this entry
point and ``python -m newslint`` turn the collector off.
"""

from __future__ import annotations

import gc


def main() -> int:
    """Run the command line with the collector off until the run is configured."""
    gc.disable()
    try:
        from newslint.cli import main as command_line

        return command_line()
    finally:
        gc.enable()
