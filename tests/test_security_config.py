"""Configuration and schema files are read only if they are regular files within a size
limit (1 MiB for TOML, 10 MiB for a JSON Schema): a device, a FIFO or a huge file in a
discovered configuration is a one-line error with exit status 2, not a hang or a crash."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from newslint.api import Settings
from newslint.cli import main
from newslint.config import ConfigError

CONFIG_SIZE_LIMIT = 1 << 20
SCHEMA_SIZE_LIMIT = 10 << 20
ARTICLE = "Title\n\nSome **bold** text.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _limited_memory() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def _newslint(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command in a child with 1 GiB of address space, so that a regression fails fast
    instead of eating the machine's memory."""
    return subprocess.run(
        [sys.executable, "-m", "newslint", "--no-cache", *args, "a.txt"],
        capture_output=True,
        text=True,
        cwd=project,
        timeout=120,
        preexec_fn=_limited_memory,
        check=False,
    )


def test_a_schema_that_is_dev_zero_is_refused(project: Path) -> None:
    (project / "newslint.toml").write_text('schema = "/dev/zero"\n', encoding="utf-8")
    completed = _newslint(project)
    assert completed.returncode == 2
    assert completed.stderr == (
        "newslint: error: newslint.toml: schema: cannot read /dev/zero: "
        "not a regular file (a character device)\n"
    )
    assert completed.stdout == ""


def test_a_configuration_that_is_a_fifo_is_refused_without_waiting(project: Path) -> None:
    os.mkfifo(project / "fifo.toml")
    completed = _newslint(project, "--config", "fifo.toml")
    assert completed.returncode == 2
    assert completed.stderr == (
        "newslint: error: fifo.toml: cannot read: not a regular file (a FIFO)\n"
    )


def test_a_schema_that_is_a_device_or_a_fifo_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(project / "schema.fifo")
    for schema, kind in (("/dev/null", "a character device"), ("schema.fifo", "a FIFO")):
        (project / "newslint.toml").write_text(f'schema = "{schema}"\n', encoding="utf-8")
        assert main(["--no-cache", "a.txt"]) == 2
        err = capsys.readouterr().err
        assert err.endswith(f"not a regular file ({kind})\n") and err.count("\n") == 1


def test_a_schema_over_ten_mebibytes_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = {"type": "object", "description": ""}
    padding = SCHEMA_SIZE_LIMIT - len(json.dumps(schema))
    schema["description"] = "x" * padding  # exactly the limit: read
    (project / "schema.json").write_text(json.dumps(schema), encoding="utf-8")
    (project / "newslint.toml").write_text('schema = "schema.json"\n', encoding="utf-8")
    assert main(["--no-cache", "a.txt"]) == 1
    capsys.readouterr()
    schema["description"] += "x"  # one byte more: refused
    (project / "schema.json").write_text(json.dumps(schema), encoding="utf-8")
    assert main(["--no-cache", "a.txt"]) == 2
    assert capsys.readouterr().err == (
        "newslint: error: newslint.toml: schema: cannot read schema.json: larger than 10 MiB\n"
    )


def test_a_configuration_over_one_mebibyte_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    comment = "#" + "x" * 99 + "\n"
    text = comment * (CONFIG_SIZE_LIMIT // len(comment) + 1)
    (project / "newslint.toml").write_text(text, encoding="utf-8")
    assert main(["--no-cache", "a.txt"]) == 2
    assert capsys.readouterr().err == (
        "newslint: error: newslint.toml: cannot read: larger than 1 MiB\n"
    )
    (project / "newslint.toml").write_text(text[: CONFIG_SIZE_LIMIT - 1], encoding="utf-8")
    assert main(["--no-cache", "a.txt"]) == 1


def test_the_limits_are_the_documented_ones() -> None:
    from newslint import config, schema

    assert (config.CONFIG_SIZE_LIMIT, config.SCHEMA_SIZE_LIMIT) == (1 << 20, 10 << 20)
    assert schema.SCHEMA_SIZE_LIMIT == config.SCHEMA_SIZE_LIMIT


def test_the_schema_module_refuses_a_device_too() -> None:
    from newslint import schema

    with pytest.raises(ValueError, match="not a regular file"):
        schema.load_schema("/dev/zero")


def test_the_library_refuses_them_too(project: Path) -> None:
    os.mkfifo(project / "fifo.toml")
    with pytest.raises(ConfigError, match=r"not a regular file \(a FIFO\)"):
        Settings.load(project / "fifo.toml")


def test_configuration_errors_show_escape_sequences_escaped(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "\x1b[2J\x1b]52;c;ZWNobw==\x07\u202econfig.toml"
    assert main(["--no-cache", "--config", name, "a.txt"]) == 2
    assert capsys.readouterr().err == (
        "newslint: error: \\x1b[2J\\x1b]52;c;ZWNobw==\\x07\\u202econfig.toml: "
        "configuration file not found\n"
    )
