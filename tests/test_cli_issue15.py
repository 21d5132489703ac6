"""Issue 15, "CLI and configuration": ``newslint check PATH...``, JSONL sniffed on stdin, and
``--show-files``, through the real CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newslint.cli import main

COMMAND = (sys.executable, "-m", "newslint")
DAMAGED = "Hello  world. This is **bold** text in an article.\n"
FIXED = "Hello world. This is bold text in an article.\n"
QUIET = ("--isolated", "--no-cache")


def _report(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main([*QUIET, *argv]) if argv[:1] != ("check",) else main(["check", *QUIET, *argv[1:]])
    return code, capsys.readouterr().out


# --- newslint check PATH... -------------------------------------------------------------------


def test_check_is_an_alias_of_the_bare_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    bare = _report(capsys, "--select", "NL101,NL502", str(path))
    alias = _report(capsys, "check", "--select", "NL101,NL502", str(path))
    assert bare == alias
    assert alias[0] == 1 and "NL101" in alias[1] and "NL502" in alias[1]
    assert "no such file" not in capsys.readouterr().err


def test_check_takes_every_option_fix_included(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "a.txt").write_text(DAMAGED, encoding="utf-8")
    code, out = _report(capsys, "check", "--fix", "--select", "NL101,NL502", f"{folder}/")
    assert code == 0, out
    assert (folder / "a.txt").read_text(encoding="utf-8") == FIXED
    assert "2 fixed" in out


def test_a_path_named_check_is_still_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "check"
    folder.mkdir()
    (folder / "a.txt").write_text(DAMAGED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out = _report(capsys, "--select", "NL101", "./check")
    assert code == 1 and "a.txt:1:23: NL101" in out
    code, out = _report(capsys, "check", "--select", "NL101", "check")  # the alias, then the folder
    assert code == 1 and "a.txt:1:23: NL101" in out
    (tmp_path / "check.txt").write_text(DAMAGED, encoding="utf-8")
    code, out = _report(capsys, "check", "--select", "NL101", "check.txt")
    assert code == 1 and "check.txt:1:23: NL101" in out


def test_check_alias_through_the_console_entry_point_and_help(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    completed = subprocess.run(
        [*COMMAND, "check", "--fix", *QUIET, "--select", "NL101", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stderr
    assert path.read_text(encoding="utf-8") == DAMAGED.replace("**", "")
    help_text = subprocess.run(
        [*COMMAND, "check", "--help"], capture_output=True, text=True, check=False
    ).stdout
    assert "newslint check PATH... is the same as newslint PATH..." in " ".join(help_text.split())
    assert "./check" in help_text


def test_readme_usage_mentions_the_check_alias() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    usage = readme[readme.index("## Usage") :].split("```")[1]
    assert any(line.startswith("newslint check [PATH ...]") for line in usage.splitlines())
