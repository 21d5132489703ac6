"""Site profiles and baselines are read with a size limit, regular files only (issue 14).

Like configuration and schema files: ``--baseline /dev/zero`` or ``site-profile = "/dev/zero"``
in a configuration that came with a corpus would otherwise eat memory (a FIFO would hang the
run).  Each is a one-line error naming the file, exit status 2.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newslint import baseline, sites
from newslint.cli import main


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "a.txt").write_text("Headline\n\nThe **market** rose.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def _one_error(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("newslint: error: "), err
    return err


def test_a_baseline_that_is_a_device_is_refused(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--no-cache", "--baseline", "/dev/null", "a.txt"]) == 2
    out, err = capsys.readouterr()
    assert _one_error(err) == (
        "newslint: error: /dev/null: cannot read baseline: not a regular file (a character device)\n"
    )
    assert out == ""


def test_a_baseline_over_the_limit_is_refused(
    corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["--no-cache", "--write-baseline", "b.json", "a.txt"]) == 0
    size = (corpus / "b.json").stat().st_size
    capsys.readouterr()
    monkeypatch.setattr(baseline, "SIZE_LIMIT", size - 1, raising=False)
    assert main(["--no-cache", "--baseline", "b.json", "a.txt"]) == 2
    assert _one_error(capsys.readouterr().err) == (
        f"newslint: error: b.json: cannot read baseline: larger than {size - 1} bytes\n"
    )
    monkeypatch.setattr(baseline, "SIZE_LIMIT", size)
    assert main(["--no-cache", "--baseline", "b.json", "a.txt"]) == 0


def test_a_baseline_over_the_limit_is_not_written(
    corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (corpus / "b.json").write_text("old baseline\n", encoding="utf-8")
    monkeypatch.setattr(baseline, "SIZE_LIMIT", 100, raising=False)
    assert main(["--no-cache", "--write-baseline", "b.json", "a.txt"]) == 2
    err = _one_error(capsys.readouterr().err)
    assert "cannot write b.json: " in err and "larger than" in err
    assert (corpus / "b.json").read_text(encoding="utf-8") == "old baseline\n"


def _profile(corpus: Path, target: str) -> None:
    (corpus / "newslint.toml").write_text(f'site-profile = "{target}"\n', encoding="utf-8")


def test_a_site_profile_that_is_a_device_is_refused(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _profile(corpus, "/dev/null")
    assert main(["--no-cache", "--select", "NL408", "a.txt"]) == 2
    out, err = capsys.readouterr()
    assert _one_error(err) == (
        "newslint: error: site profile /dev/null: cannot be read: "
        "not a regular file (a character device)\n"
    )
    assert out == ""


def test_a_site_profile_over_the_limit_is_refused(
    corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["learn", "-o", "sites.json", "--isolated", "a.txt"]) == 0
    size = (corpus / "sites.json").stat().st_size
    assert json.loads((corpus / "sites.json").read_text(encoding="utf-8"))["format"]
    _profile(corpus, "sites.json")
    capsys.readouterr()
    monkeypatch.setattr(sites, "PROFILE_SIZE_LIMIT", size - 1, raising=False)
    assert main(["--no-cache", "--select", "NL408", "a.txt"]) == 2
    err = _one_error(capsys.readouterr().err)
    assert err.endswith(f"sites.json: cannot be read: larger than {size - 1} bytes\n")
    monkeypatch.setattr(sites, "PROFILE_SIZE_LIMIT", size)
    assert main(["--no-cache", "--select", "NL408", "a.txt"]) == 0
