"""Output flags through the real CLI: every format, statistics, show-fixes, colour, quiet."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from newslint.cli import main
from tests.conftest import SEED


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newslint", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


def test_every_format_on_the_seed(capsys: pytest.CaptureFixture[str]) -> None:
    outputs = {}
    for output_format in ("concise", "full", "json", "json-lines", "github", "sarif", "junit"):
        assert main(["--output-format", output_format, str(SEED)]) == 1
        outputs[output_format] = capsys.readouterr().out
    assert outputs["concise"].count(": NL") == 4
    assert "^^^^" in outputs["full"] and "= help: remove the Markdown markers" in outputs["full"]
    assert len(json.loads(outputs["json"])) == 4
    assert [json.loads(line)["code"] for line in outputs["json-lines"].splitlines()] == [
        "NL101",
        "NL401",
        "NL004",
        "NL201",
    ]
    assert (
        outputs["github"].startswith("::warning file=")
        and "title=NL101 markdown-emphasis::" in outputs["github"]
    )
    sarif = json.loads(outputs["sarif"])
    assert sarif["version"] == "2.1.0" and len(sarif["runs"][0]["results"]) == 4
    suites = ElementTree.fromstring(outputs["junit"])
    assert suites.get("failures") == "4"


def test_github_format_is_the_default_in_github_actions(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "GITHUB_ACTIONS": "true"}
    completed = run(str(SEED), env=env)
    assert completed.stdout.startswith("::warning file=")


def test_statistics(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--statistics", str(SEED)]) == 1
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines() if "\t" in line]
    assert sorted(row[1] for row in rows) == ["NL004", "NL101", "NL201", "NL401"]
    assert all(row[0] == "1" for row in rows)


def test_show_fixes(seed_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--fix", "--show-fixes", str(seed_copy)]) == 1
    out = capsys.readouterr().out
    assert "Fixed" in out and "NL101 (markdown-emphasis)" in out and "NL201 (split-url)" in out


def test_colour_only_when_asked_and_never_with_no_color() -> None:
    plain = run(str(SEED), env={"PATH": "/usr/bin:/bin"})
    assert "\x1b[" not in plain.stdout
    forced = run(str(SEED), env={"PATH": "/usr/bin:/bin", "FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout
    refused = run(str(SEED), env={"PATH": "/usr/bin:/bin", "FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in refused.stdout


def test_quiet_prints_no_summary(capsys: pytest.CaptureFixture[str]) -> None:
    main(["--quiet", str(SEED)])
    out = capsys.readouterr().out
    assert "Found" not in out and out.count(": NL") == 4
