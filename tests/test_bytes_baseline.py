"""Baselines and SARIF survive what a corpus holds: lone surrogates in its text, file names
that are not UTF-8; and a baseline is replaced whole or not at all (issue 14)."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

import newslint.files
from newslint.cli import main

OLD = b'{"old": "baseline"}\n'
SURROGATES = (
    '{"title": "T", "url": "https://e.com/a", "body": "A \\ud800 b.  And <b>c\\ud800</b>."}'
)


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.json").write_text(SURROGATES, encoding="ascii")
    # A file name that is not UTF-8 (Latin-1 'é'), as old archives have them.
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as handle:
        handle.write(b"Title\n\nSome body <b>text</b> here.\n")
    return folder


def test_write_baseline_keeps_surrogates_and_odd_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, baseline = corpus(tmp_path), tmp_path / "baseline.json"
    baseline.write_bytes(OLD)
    assert main(["--isolated", "--no-cache", str(folder), "--write-baseline", str(baseline)]) == 0
    entries = json.loads(baseline.read_bytes())["entries"]
    assert {entry["path"].rsplit("/", 1)[1] for entry in entries} == {"a.json", "caf\udce9.txt"}
    assert any("\ud800" in entry["text"] for entry in entries)
    capsys.readouterr()
    assert main(["--isolated", "--no-cache", str(folder), "--baseline", str(baseline)]) == 0
    assert f"{len(entries)} known problems hidden" in capsys.readouterr().out


def test_a_baseline_that_cannot_be_written_is_left_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, baseline = corpus(tmp_path), tmp_path / "baseline.json"
    baseline.write_bytes(OLD)

    def disk_full(self: newslint.files.AtomicWriter) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(newslint.files.AtomicWriter, "commit", disk_full)
    assert main(["--isolated", "--no-cache", str(folder), "--write-baseline", str(baseline)]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert baseline.read_bytes() == OLD
    assert sorted(path.name for path in tmp_path.iterdir()) == ["baseline.json", "corpus"]


def test_sarif_names_a_file_whose_name_is_not_utf8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, report = corpus(tmp_path), tmp_path / "report.sarif"
    monkeypatch.chdir(tmp_path)
    assert main(["--isolated", "--no-cache", "corpus", "--format", "sarif", "-o", str(report)]) == 1
    log = json.loads(report.read_bytes())
    uris = {
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for result in log["runs"][0]["results"]
    }
    assert uris == {"corpus/a.json", "corpus/caf%E9.txt"}
    assert folder.is_dir()
