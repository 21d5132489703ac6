"""Issue 15, "CLI and configuration": ``newslint check PATH...``, JSONL sniffed on stdin, and
``--show-files``, through the real CLI."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newslint.cli import main

COMMAND = (sys.executable, "-m", "newslint")
DAMAGED = "Hello  world. This is **bold** text in an article.\n"
FIXED = "Hello world. This is bold text in an article.\n"
QUIET = ("--isolated", "--no-cache")


def _records(*bodies: str) -> bytes:
    return b"".join(
        json.dumps({"title": f"T{n}", "url": f"https://example.com/{n}", "body": body}).encode()
        + b"\n"
        for n, body in enumerate(bodies, 1)
    )


def _report(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """The exit status and stdout of ``newslint ARGV`` (``check`` kept first); stderr is
    left in ``capsys`` for the caller."""
    code = main([*QUIET, *argv]) if argv[:1] != ("check",) else main(["check", *QUIET, *argv[1:]])
    captured = capsys.readouterr()
    sys.stderr.write(captured.err)
    return code, captured.out


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


# --- stdin: JSONL sniffed -----------------------------------------------------------------------


def _stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data: bytes, *argv: str
) -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    return _report(capsys, "--select", "NL101,NL502", *argv, "-")


def test_jsonl_piped_without_a_name_gets_per_record_diagnostics(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _records("Clean text.", "Some **bold** text.", "Clean.", "Two  spaces.")
    code, out = _stdin(monkeypatch, capsys, b"\n" + data, "--format", "json")
    assert code == 1
    found = [(d["path"], d["record"], d["field"], d["code"]) for d in json.loads(out)]
    # The record is the line's number: the blank line first counts.
    assert found == [("stdin.jsonl", 3, "body", "NL101"), ("stdin.jsonl", 5, "body", "NL502")]
    code, out = _stdin(monkeypatch, capsys, data)
    assert "stdin.jsonl:2:" in out and "(record 2, field body at 1:6)" in out
    assert "NL001" not in out


def test_a_broken_record_in_piped_jsonl_is_that_records_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _records("Clean.") + b'{"title": "T2" "body": "x"}\n' + _records("Two  spaces.")
    code, out = _stdin(monkeypatch, capsys, data)
    err = capsys.readouterr().err
    assert code == 2
    assert "stdin.jsonl:2:" in err and "stdin.jsonl:3:" in out, (out, err)


def test_one_json_object_over_several_lines_is_read_as_json(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    record = {"title": "T", "url": "https://example.com/a", "body": "Some **bold** text."}
    code, out = _stdin(monkeypatch, capsys, json.dumps(record, indent=2).encode())
    assert code == 1 and "stdin.json:4:" in out and "NL101" in out


@pytest.mark.parametrize(
    "data",
    [
        b"{Breaking} news: markets **rose** today.\n\nMore text.\n",
        b'{"a": 1}\nThen **prose** here.\n',  # a JSON object, then prose: text
        b"[1, 2]\nThe **news**.\n",
    ],
)
def test_text_whose_first_line_has_a_brace_stays_text(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data: bytes
) -> None:
    code, out = _stdin(monkeypatch, capsys, data)
    assert code == 1 and "stdin.txt:" in out and "NL101" in out
    assert "stdin.json" not in out


def test_stdin_filename_still_decides(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _stdin(monkeypatch, capsys, _records("A **b** c."), "--stdin-filename", "a.txt")
    assert code == 1 and "a.txt:1:" in out and "record" not in out


def test_piped_jsonl_fix_through_the_console_entry_point() -> None:
    data = _records("Some **bold** text.", "Two  spaces.")
    completed = subprocess.run(
        [*COMMAND, *QUIET, "--select", "NL101,NL502", "--fix", "-"],
        input=data,
        capture_output=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == data.replace(b"**", b"").replace(b"  ", b" ")
    assert b"2 fixed" in completed.stderr
    help_text = subprocess.run([*COMMAND, "--help"], capture_output=True, text=True).stdout
    assert "without it, stdin is JSONL" in " ".join(help_text.split())


# --- --show-files -------------------------------------------------------------------------------


def _corpus(root: Path) -> None:
    for name in (
        "a.txt",
        "z.json",
        "sub/b.jsonl",
        "sub/notes.md",
        "drafts/d.txt",
        ".hidden/x.txt",
        "node_modules/y.json",
    ):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(DAMAGED, encoding="utf-8")
    (root / "newslint.toml").write_text('extend-exclude = ["drafts"]\n', encoding="utf-8")


def test_show_files_lists_what_would_be_checked_and_checks_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _corpus(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["--no-cache", "--show-files", "."]) == 0
    captured = capsys.readouterr()
    # Spelled as the report spells them.
    assert captured.out.splitlines() == ["./a.txt", "./sub/b.jsonl", "./z.json"]
    assert captured.err == ""
    # A file named on the command line is listed even if excluded, as it is checked; the
    # report file (-o) never is; each file once however it is spelled.
    argv = ["check", "--fix", "--show-files", "-o", "z.json", "drafts/d.txt", ".", "./a.txt"]
    assert main(argv) == 0
    assert capsys.readouterr().out.splitlines() == ["./a.txt", "./sub/b.jsonl", "drafts/d.txt"]
    # Nothing was checked, fixed or reported.
    for name in ("a.txt", "z.json", "drafts/d.txt"):
        assert (tmp_path / name).read_text(encoding="utf-8") == DAMAGED


def test_show_files_reports_a_missing_path_as_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(DAMAGED, encoding="utf-8")
    assert main([*QUIET, "--show-files", str(tmp_path), str(tmp_path / "nope")]) == 2
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [str(tmp_path / "a.txt")]
    assert captured.err.strip() == f"{tmp_path / 'nope'}: error: no such file or directory"
    assert main([*QUIET, "--show-files", "-"]) == 2
    assert "does not read stdin" in capsys.readouterr().err


def test_show_files_through_the_console_entry_point(tmp_path: Path) -> None:
    _corpus(tmp_path)
    completed = subprocess.run(
        [*COMMAND, "--show-files"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == "./a.txt\n./sub/b.jsonl\n./z.json\n"
    assert not any(Path(os.environ["NEWSLINT_CACHE_DIR"]).iterdir())  # nothing was checked
    assert (
        "--show-files"
        in subprocess.run([*COMMAND, "--help"], capture_output=True, text=True, check=False).stdout
    )


def test_a_json_file_that_is_no_article_is_skipped_and_verbose_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = tmp_path / "package.json"
    package.write_text('{"name": "site", "version": "1.0.0"}\n', encoding="utf-8")
    article = tmp_path / "a.json"
    article.write_text(json.dumps({"body": "Some **bold** text."}), encoding="utf-8")
    assert main([str(tmp_path)]) == 1
    quiet = capsys.readouterr()
    assert "package.json" not in quiet.out + quiet.err
    assert "a.json" in quiet.out and "NL001" in quiet.out  # an article missing fields
    assert main(["-v", str(tmp_path)]) == 1
    verbose = capsys.readouterr()
    assert f"{package}: skipped: not an article" in verbose.err
    assert "package.json" not in verbose.out
