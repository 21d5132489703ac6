"""The command line: exit codes, output formats, folders, and bad input that must never crash it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newslint.cli import main
from tests.conftest import SEED

CLEAN = json.dumps(
    {
        "title": "Markets close higher",
        "url": "https://example.com/markets",
        "body": "Stocks rose on Monday.",
    }
)


def run(*args: str) -> tuple[int, str, str]:
    """Run the installed console entry point in a subprocess, as a user would."""
    completed = subprocess.run(
        [sys.executable, "-m", "newslint", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    return completed.returncode, completed.stdout, completed.stderr


def test_clean_file_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.json").write_text(CLEAN, encoding="utf-8")
    assert main([str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == "All checks passed!"


def test_subprocess_exit_codes_and_stderr_for_missing_path(tmp_path: Path) -> None:
    code, out, err = run(str(SEED))
    assert code == 1 and "NL101" in out
    code, out, err = run(str(tmp_path / "nope"))
    assert code == 2
    assert err.strip() == f"{tmp_path / 'nope'}: error: no such file or directory"
    assert "Traceback" not in err


def test_usage_error_exits_two() -> None:
    code, _, err = run("--no-such-flag")
    assert code == 2 and "usage:" in err


def test_folder_walk_finds_all_formats_and_skips_hidden(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copyfile(SEED, tmp_path / "seed.txt")
    (tmp_path / "one.json").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "many.jsonl").write_text(CLEAN + "\n" + CLEAN + "\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("**not an article**", encoding="utf-8")
    hidden = tmp_path / ".git"
    hidden.mkdir()
    (hidden / "x.txt").write_text("**bold** garbage", encoding="utf-8")
    assert main(["--format", "json", str(tmp_path)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert {Path(d["path"]).name for d in report} == {"seed.txt"}


def test_json_output_has_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    main(["--format", "json", str(SEED)])
    report = json.loads(capsys.readouterr().out)
    keys = {
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "name",
        "message",
        "severity",
        "record",
        "field",
        "fix",
    }
    assert all(keys <= set(d) for d in report)
    fix = next(d["fix"] for d in report if d["code"] == "NL101")
    assert fix["applicability"] == "safe"
    assert [(e["line"], e["column"], e["content"]) for e in fix["edits"]] == [
        (11, 88, ""),
        (11, 114, ""),
    ]


def test_jsonl_lines_name_record_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = json.dumps(
        {"title": "T", "url": "https://e.com/a", "body": "Credit. **Ivan Ivanov / TASS**"}
    )
    path = tmp_path / "c.jsonl"
    path.write_text(CLEAN + "\n" + bad + "\n", encoding="utf-8")
    assert main([str(path)]) == 1
    line = capsys.readouterr().out.splitlines()[0]
    column = bad.index("**") + 1
    assert (
        line
        == f"{path}:2:{column}: NL101 [*] Markdown bold markers around 'Ivan Ivanov / TASS' (record 2, field body at 1:9)"
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "image.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "binary file (NUL byte at byte offset 8)",
        ),
        (
            "latin.txt",
            b"Title\n\nCaf\xe9 society\n",
            "3:4: error: not valid UTF-8: byte 0xe9 at byte offset 10",
        ),
        ("utf16.txt", "Title".encode("utf-16"), "UTF-16"),
        ("empty.json", b"", "file is empty"),
        ("blank.txt", b"  \n\n\t\n", "file is empty"),
        (
            "array.json",
            b'[{"title": "x"}]',
            "1:1: error: expected an article object, found an array",
        ),
        ("broken.json", b'{"title": "x",', "invalid JSON"),
        ("notes.csv", b"a,b\n", "unsupported file type"),
    ],
)
def test_bad_input_is_one_clear_line_and_left_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["--fix", "--unsafe-fixes", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(str(path)) and message in err[0]
    assert path.read_bytes() == data


def test_bad_file_does_not_stop_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a_bad.txt").write_bytes(b"\xff\xfe\x00garbage")
    shutil.copyfile(SEED, tmp_path / "b_seed.txt")
    assert main(["--fix", str(tmp_path)]) == 2
    assert "**Valery" not in (tmp_path / "b_seed.txt").read_text(encoding="utf-8")
    assert "a_bad.txt" in capsys.readouterr().err


def test_fix_keeps_permission_bits(seed_copy: Path) -> None:
    os.chmod(seed_copy, 0o640)
    assert main(["--fix", str(seed_copy)]) == 1
    assert (seed_copy.stat().st_mode & 0o777) == 0o640
    assert not [p for p in seed_copy.parent.iterdir() if p.name.endswith(".newslint-tmp")]


def test_crlf_and_bom_survive_a_fix(tmp_path: Path) -> None:
    original = SEED.read_bytes().replace(b"\n", b"\r\n")
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbf" + original)
    assert main(["--fix", "--unsafe-fixes", str(path)]) == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"TASS**" not in data and b"victory-over-ukraine-a86878" in data
    assert b"Related articles:\r\n- U.S. Says" in data


@pytest.mark.parametrize(
    ("flags", "codes"),
    [
        ([], ["NL101", "NL401", "NL004", "NL201"]),
        (["--select", "NL1,NL4"], ["NL101", "NL401"]),
        (["--select", "split-url"], ["NL201"]),
        (["--ignore", "NL2", "--ignore", "NL0"], ["NL101", "NL401"]),
        (["--select", "NL0", "--extend-select", "markdown-emphasis"], ["NL101", "NL004"]),
        (["--select", "ALL", "--ignore", "NL"], []),
    ],
)
def test_rule_selection(
    flags: list[str], codes: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--format", "json", *flags, str(SEED)])
    assert [d["code"] for d in json.loads(capsys.readouterr().out)] == codes


def test_unknown_selector_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--select", "NL999", str(SEED)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unknown rule selector 'NL999'" in err[0]


def test_fix_writes_through_a_symlink_and_keeps_it(tmp_path: Path) -> None:
    target = tmp_path / "store" / "real.txt"
    target.parent.mkdir()
    shutil.copyfile(SEED, target)
    link = tmp_path / "in" / "link.txt"
    link.parent.mkdir()
    link.symlink_to(target)
    assert main(["--fix", str(link)]) == 1  # named: followed; in a folder: --follow-links
    assert link.is_symlink()
    assert b"**Valery" not in target.read_bytes()


def test_fix_refuses_to_break_hard_links(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "a.txt"
    shutil.copyfile(SEED, first)
    second = tmp_path / "b.txt.bak"
    os.link(first, second)
    before = first.read_bytes()
    assert main(["--fix", str(first)]) == 2
    assert first.read_bytes() == before and os.stat(first).st_nlink == 2
    assert "hard links" in capsys.readouterr().err


def test_errors_never_say_all_checks_passed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "missing.txt")]) == 2
    out = capsys.readouterr().out
    assert "All checks passed" not in out
    assert "1 error: some input could not be checked or fixed" in out


def test_piped_output_closed_early_gives_no_traceback(tmp_path: Path) -> None:
    record = json.dumps({"title": "T", "url": "https://e.com/a", "body": "A **b** c."})
    path = tmp_path / "many.jsonl"
    path.write_text((record + "\n") * 3000, encoding="utf-8")  # far more output than a pipe holds
    command = f"{sys.executable} -m newslint {path} | head -c 10"
    completed = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60)
    assert completed.stdout == f"{path}"[:10]
    assert "Traceback" not in completed.stderr and "BrokenPipe" not in completed.stderr


def test_json_output_lists_the_related_addition_of_a_promo_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = {
        "title": "T",
        "url": "https://e.com/a",
        "body": "One.\n\nRead more: <u>Other Story</u>\n\nTwo.",
    }
    path = tmp_path / "a.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    main(["--format", "json", str(path)])
    [diagnostic] = json.loads(capsys.readouterr().out)
    contents = [edit["content"] for edit in diagnostic["fix"]["edits"]]
    assert contents == ["", ', "related": ["Other Story"]']


def test_a_crash_on_one_file_is_reported_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from newslint.readers.text import TEXT_READER

    original = TEXT_READER.parse

    def parse(path: str, text: str, options: object = None):  # type: ignore[no-untyped-def]
        if path.endswith("a_bad.txt"):
            raise RuntimeError("boom")
        return original(path, text)

    monkeypatch.setattr(TEXT_READER, "parse", parse)
    shutil.copyfile(SEED, tmp_path / "a_bad.txt")
    shutil.copyfile(SEED, tmp_path / "b_good.txt")
    assert main(["--fix", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert (
        "a_bad.txt: error: internal error, file skipped and left as it was: RuntimeError: boom"
        in err
    )
    assert (tmp_path / "a_bad.txt").read_bytes() == SEED.read_bytes()
    assert b"**Valery" not in (tmp_path / "b_good.txt").read_bytes()
