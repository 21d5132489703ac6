"""``-o FILE`` replaces the report atomically, as fixed articles are written (issue 14).

The report file used to be opened, and so emptied, before the run: a run interrupted or failing
before its end left an empty report where the last good one was.  It is now written to a temp
file beside it and renamed over it once complete; a device (``-o /dev/null``) is still written
in place.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newslint.cli import main

OLD_REPORT = "the last good report\n"
ARTICLE = "Headline\n\nThe **market** rose.\n"

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGINT"), reason="POSIX signals")


def _temp_files(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if name.endswith(".newslint-tmp")]


def test_an_interrupted_run_leaves_the_old_report(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(OLD_REPORT, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "newslint", "--isolated", "--no-cache", "-", "-o", str(report)],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert process.stdin is not None
    # It waits for stdin once its report is opened: the old code emptied the file then, the
    # new one makes a temp file beside it.  Found by polling, never by timing.
    while process.poll() is None and report.stat().st_size and not _temp_files(tmp_path):
        time.sleep(0.002)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(ARTICLE.encode())
    assert process.returncode == 130, err
    assert b"Traceback" not in err
    assert report.read_text(encoding="utf-8") == OLD_REPORT
    assert _temp_files(tmp_path) == []


def test_a_complete_run_replaces_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_text(OLD_REPORT, encoding="utf-8")
    report.chmod(0o640)
    inode = report.stat().st_ino
    assert main(["--isolated", "--no-cache", "a.txt", "-o", "report.txt"]) == 1
    text = report.read_text(encoding="utf-8")
    assert text.startswith("a.txt:") and "NL101" in text and text.endswith("\n")
    assert report.stat().st_ino != inode  # renamed into place, not rewritten
    assert report.stat().st_mode & 0o777 == 0o640
    assert _temp_files(tmp_path) == []
    assert capsys.readouterr().out == ""


def test_a_device_is_written_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    before = os.stat(os.devnull)
    assert main(["--isolated", "--no-cache", "a.txt", "-o", os.devnull]) == 1
    after = os.stat(os.devnull)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert _temp_files(Path(os.devnull).parent) == []
    assert capsys.readouterr().err == ""
