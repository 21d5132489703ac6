"""Which files a run reads (issue 15): ``include``/``extend-include``, newslint's own files
never walked as articles, and ``--force-exclude`` for paths that pre-commit names."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newslint.cli import main
from tests.conftest import ROOT

ARTICLE = {
    "title": "Council approves the budget",
    "url": "https://example.org/2024/budget",
    "body": "The council approved the city budget on Friday after a long debate.",
}
DAMAGED = {**ARTICLE, "body": "The **council** approved the city budget on Friday."}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "story.json").write_text(json.dumps(ARTICLE), encoding="utf-8")
    return tmp_path


def _listed(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    assert main(["--show-files", *args]) == 0
    return [Path(line).as_posix() for line in capsys.readouterr().out.splitlines()]


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- newslint's own files ----------------------------------------------------------------------


def test_newslints_own_files_are_not_articles(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}
    _write(project / "corpus" / "schemas" / "article.schema.json", json.dumps(schema))
    _write(project / "corpus" / "mine.json", json.dumps({**schema, "properties": {}}))
    _write(project / "corpus" / "sites.json", json.dumps({"format": "x", "sites": {}}))
    _write(project / "corpus" / "newslint-baseline.json", '{"newslint": "0.1.0"}\n')
    _write(
        project / "newslint.toml",
        'schema = "corpus/mine.json"\nsite-profile = "corpus/sites.json"\n',
    )
    # Articles whose names look alike are still articles.
    for name in ("schema.json.txt", "schemas.json", "baseline.json", "my-sites.json"):
        _write(project / "corpus" / name, json.dumps(ARTICLE))
    assert _listed(capsys, "corpus") == [
        "corpus/baseline.json",
        "corpus/my-sites.json",
        "corpus/schema.json.txt",
        "corpus/schemas.json",
        "corpus/story.json",
    ]


def test_the_runs_own_output_and_baselines_are_never_inputs(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(project / "corpus" / "bad.json", json.dumps(DAMAGED))
    assert main(["--no-cache", "--write-baseline", "corpus/known.json", "corpus"]) == 0
    assert "Wrote 1 problem" in capsys.readouterr().out
    assert main(["--no-cache", "--baseline", "corpus/known.json", "corpus"]) == 0
    out = capsys.readouterr().out
    assert "corpus/known.json:" not in out and "All checks passed!" in out
    report = "corpus/report.json"
    assert main(["--no-cache", "-o", report, "--format", "json", "corpus"]) == 1
    assert main(["--no-cache", "-o", report, "--format", "json", "corpus"]) == 1
    paths = {d["path"] for d in json.loads(Path(report).read_text(encoding="utf-8"))}
    assert paths == {str(Path("corpus/bad.json"))}


def test_newslint_in_its_own_repository_skips_its_schemas(
    capsys: pytest.CaptureFixture[str],
) -> None:
    listed = _listed(capsys, "--isolated", str(ROOT / "schemas"))
    assert not [name for name in listed if name.endswith(".schema.json")]
    assert main(["--no-cache", "--isolated", str(ROOT / "schemas")]) == 0


# -- include and extend-include ----------------------------------------------------------------


def test_include_and_extend_include(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(project / "corpus" / "a.txt", "Title\n\nBody text.\n")
    _write(project / "corpus" / "b.jsonl", json.dumps(ARTICLE) + "\n")
    _write(project / "corpus" / "C.TXT", "Title\n\nBody text.\n")
    every = ["corpus/C.TXT", "corpus/a.txt", "corpus/b.jsonl", "corpus/story.json"]
    assert _listed(capsys, "corpus") == every  # the default: every file newslint reads
    _write(project / "base.toml", 'include = ["*.txt"]\n')
    _write(project / "newslint.toml", 'extend = "base.toml"\n')
    assert _listed(capsys, "corpus") == ["corpus/a.txt"]
    _write(project / "newslint.toml", 'extend = "base.toml"\nextend-include = ["corpus/*.jsonl"]\n')
    assert _listed(capsys, "corpus") == ["corpus/a.txt", "corpus/b.jsonl"]
    # A file named on the command line is checked whatever include says (as in Ruff)...
    assert _listed(capsys, "corpus/story.json") == ["corpus/story.json"]
    # ...unless --force-exclude.
    assert _listed(capsys, "--force-exclude", "corpus/story.json", "corpus/a.txt") == [
        "corpus/a.txt"
    ]


def test_extend_include_adds_nothing_to_the_default(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(project / "newslint.toml", 'extend-include = ["*.txt"]\n')
    _write(project / "corpus" / "b.jsonl", json.dumps(ARTICLE) + "\n")
    assert _listed(capsys, "corpus") == ["corpus/b.jsonl", "corpus/story.json"]


# -- --force-exclude ---------------------------------------------------------------------------


def test_a_named_file_newslint_does_not_read_is_an_error_without_force_exclude(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(project / "corpus" / "README.md", "# The corpus\n")
    assert main(["--no-cache", "corpus/README.md", "corpus/story.json"]) == 2
    assert "unsupported file type '.md'" in capsys.readouterr().err


@pytest.mark.parametrize("how", ["flag", "configuration"])
def test_force_exclude_leaves_out_what_pre_commit_names(
    project: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    """pre-commit with ``files: ^corpus/`` names corpus/README.md and excluded drafts."""
    _write(project / "corpus" / "README.md", "# The corpus\n")
    _write(project / "corpus" / "drafts" / "d.json", json.dumps(DAMAGED))
    _write(project / "corpus" / "bad.json", json.dumps(DAMAGED))
    settings = 'extend-exclude = ["drafts"]\n'
    flags = ["--force-exclude"] if how == "flag" else []
    if how == "configuration":
        settings += "force-exclude = true\n"
    _write(project / "newslint.toml", settings)
    named = ["corpus/README.md", "corpus/drafts/d.json", "corpus/story.json"]
    assert main(["--no-cache", *flags, *named]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and "All checks passed!" in captured.out
    assert main(["--no-cache", *flags, *named, "corpus/bad.json"]) == 1
    out = capsys.readouterr().out
    assert "corpus/bad.json:1:" in out and "drafts" not in out
    # A path that does not exist is still an error.
    assert main(["--no-cache", *flags, "corpus/gone.json", "corpus/story.json"]) == 2
    assert "corpus/gone.json: error: no such file or directory" in capsys.readouterr().err


def test_force_exclude_leaves_newslints_own_files_out_when_named(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(project / "schemas" / "article.schema.json", '{"type": "object"}\n')
    named = ["schemas/article.schema.json", "corpus/story.json"]
    assert _listed(capsys, "--force-exclude", *named) == ["corpus/story.json"]
    assert _listed(capsys, *named) == ["corpus/story.json", "schemas/article.schema.json"]


def _stdin(cwd: Path, data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newslint", "--no-cache", *args],
        input=data,
        capture_output=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_force_exclude_leaves_an_excluded_stdin_filename_as_it_is(project: Path) -> None:
    """An editor pipes the buffer of an excluded file: nothing is checked, --fix echoes it."""
    _write(project / "newslint.toml", 'extend-exclude = ["drafts"]\n')
    data = json.dumps(DAMAGED).encode() + b"\n"
    left = _stdin(
        project, data, "--force-exclude", "--fix", "-", "--stdin-filename", "drafts/a.json"
    )
    assert (left.returncode, left.stdout) == (0, data)
    assert b"NL101" not in left.stderr
    fixed = _stdin(
        project, data, "--force-exclude", "--fix", "-", "--stdin-filename", "corpus/a.json"
    )
    assert fixed.returncode == 0 and b"**" not in fixed.stdout
    assert json.loads(fixed.stdout)["body"] == "The council approved the city budget on Friday."
    checked = _stdin(project, data, "-", "--stdin-filename", "drafts/a.json")  # no flag
    assert checked.returncode == 1 and b"drafts/a.json:1:" in checked.stdout
    readme = _stdin(project, b"# Notes\n", "--force-exclude", "-", "--stdin-filename", "README.md")
    assert readme.returncode == 0 and readme.stderr == b""
