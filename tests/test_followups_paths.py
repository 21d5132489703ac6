"""The command's own messages show user-given file names escaped (issue 14).

A ``--write-baseline``, ``-o`` or ``--baseline`` name, a checked file's name and an unknown
argument are the user's (or a script's, or a corpus's): an escape sequence in one (a screen
clear, an OSC 52 clipboard write) must not reach the terminal raw from ``Wrote N problems to
...``, ``newslint: error: ...`` or a read error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.cli import main

CLEAR = "\x1b[2J"
CLIPBOARD = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
EVIL = f"x{CLEAR}{CLIPBOARD}\u202e"
ESCAPED = "x\\x1b[2J\\x1b]52;c;ZWNobyBwd25lZA==\\x07\\u202e"


def _raw(text: str) -> set[str]:
    return {ch for ch in text if ch in "\x1b\x07\x9b\u202e"}


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "a.txt").write_text("Headline\n\nThe **market** rose.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def test_write_baseline_names_its_file_escaped(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--no-cache", "--write-baseline", f"{EVIL}.json", "a.txt"]) == 0
    out, err = capsys.readouterr()
    assert (corpus / f"{EVIL}.json").is_file()
    assert f"to {ESCAPED}.json." in out
    assert _raw(out + err) == set()


def test_a_baseline_that_cannot_be_written_is_named_escaped(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--no-cache", "--write-baseline", f"{EVIL}/b.json", "a.txt"]) == 2
    out, err = capsys.readouterr()
    assert f"cannot write {ESCAPED}/b.json" in err
    assert _raw(out + err) == set()


def test_a_report_that_cannot_be_written_is_named_escaped(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--no-cache", "-o", f"{EVIL}/report.txt", "a.txt"]) == 2
    out, err = capsys.readouterr()
    assert f"cannot write {ESCAPED}/report.txt" in err
    assert _raw(out + err) == set()


def test_a_missing_baseline_is_named_escaped(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--no-cache", "--baseline", f"{EVIL}.json", "a.txt"]) == 2
    out, err = capsys.readouterr()
    assert f"{ESCAPED}.json" in err
    assert _raw(out + err) == set()


def test_a_read_error_while_writing_a_baseline_is_escaped(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus / f"{EVIL}.txt").write_bytes(b"Headline\n\nBad \xff byte.\n")
    assert main(["--no-cache", "--write-baseline", "b.json", "."]) == 2
    out, err = capsys.readouterr()
    assert f"{ESCAPED}.txt" in err
    assert _raw(out + err) == set()


def test_an_unknown_argument_is_echoed_escaped(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([f"--{EVIL}"])
    assert exit_.value.code == 2
    out, err = capsys.readouterr()
    assert f"--{ESCAPED}" in err
    assert _raw(out + err) == set()
