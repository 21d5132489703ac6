"""Stdin never loses the user's text, and one unreadable record never hides the others
(issue 14, "Bytes and files"), through the real CLI."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import newslint.run
from newslint.cli import main

COMMAND = (sys.executable, "-m", "newslint")
BIG = "9" * 5000  # over Python's 4,300-digit limit for int()
GOOD = {"title": "Hello  world", "url": "https://example.com/a", "body": "Some text."}
LAST = {"title": "Third  one", "url": "https://example.com/c", "body": "Text."}


def records() -> bytes:
    bad = '{"title": "x", "url": "https://example.com/b", "body": "y", "n": ' + BIG + "}"
    return (json.dumps(GOOD) + "\n" + bad + "\n" + json.dumps(LAST) + "\n").encode()


def fixed_lines(data: bytes) -> list[bytes]:
    first, bad, last, end = data.split(b"\n")
    assert end == b""
    return [first.replace(b"  ", b" "), bad, last.replace(b"  ", b" ")]


def test_stdin_fix_with_a_huge_integer_passes_every_record_on(tmp_path: Path) -> None:
    data = records()
    completed = subprocess.run(
        [*COMMAND, "-", "--isolated", "--no-cache", "--stdin-filename", "a.jsonl", "--fix"],
        input=data,
        capture_output=True,
        check=False,
    )
    err = completed.stderr.decode()
    assert "Traceback" not in err
    assert completed.returncode == 2
    assert completed.stdout.split(b"\n")[:3] == fixed_lines(data)
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert len(errors) == 1 and errors[0].startswith("a.jsonl:2:"), err
    assert "number too long" in errors[0]


def test_a_huge_integer_in_a_file_fails_only_its_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.jsonl"
    data = records()
    path.write_bytes(data)
    assert main(["--isolated", "--no-cache", "--fix", str(path)]) == 2
    err = capsys.readouterr().err
    assert next(line for line in err.splitlines() if "error:" in line).startswith(f"{path}:2:")
    assert path.read_bytes().split(b"\n")[:3] == fixed_lines(data)


def test_any_stdin_failure_echoes_the_input_unchanged(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(newslint.run.Run, "check_bytes", broken)
    data = records()
    stdin = io.TextIOWrapper(io.BytesIO(data))
    stdout = io.TextIOWrapper(io.BytesIO())
    monkeypatch.setattr(sys, "stdin", stdin)
    monkeypatch.setattr(sys, "stdout", stdout)
    code = main(["-", "--isolated", "--stdin-filename", "a.jsonl", "--fix"])
    stdout.flush()
    assert stdout.buffer.getvalue() == data  # type: ignore[attr-defined]
    assert code == 2
    errors = [line for line in capsys.readouterr().err.splitlines() if ": error: " in line]
    assert errors == [
        "a.jsonl: error: internal error, file skipped and left as it was: RuntimeError: a bug"
    ]
