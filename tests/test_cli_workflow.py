"""Workflow flags: stdin, output file, exit-code controls and baselines, through the real CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newslint.cli import main
from tests.conftest import DATA, SEED


def run_stdin(data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newslint", *args],
        input=data,
        capture_output=True,
        timeout=60,
        check=False,
    )


def test_stdin_check_reports_under_the_given_name() -> None:
    completed = run_stdin(SEED.read_bytes(), "-", "--stdin-filename", "seed.txt")
    assert completed.returncode == 1
    lines = completed.stdout.decode().splitlines()
    assert lines[0].startswith("seed.txt:11:88: NL101")


def test_stdin_fix_writes_the_fixed_text_to_stdout_and_the_report_to_stderr() -> None:
    completed = run_stdin(
        SEED.read_bytes(), "-", "--stdin-filename", "seed.txt", "--fix", "--unsafe-fixes"
    )
    assert completed.returncode == 0
    assert completed.stdout == (DATA / "seed_fixed_unsafe.txt").read_bytes()
    assert b"Found 4 problems (4 fixed, 0 remaining)." in completed.stderr


def test_stdin_format_follows_the_name() -> None:
    record = json.dumps({"title": "T", "url": "https://e.com/a", "body": "A **b** c."}).encode()
    completed = run_stdin(record + b"\n", "-", "--stdin-filename", "x.jsonl", "--fix")
    assert json.loads(completed.stdout)["body"] == "A b c."


def test_output_file_gets_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.json"
    assert main(["--format", "json", "-o", str(report), str(SEED)]) == 1
    assert capsys.readouterr().out == ""
    assert [d["code"] for d in json.loads(report.read_text(encoding="utf-8"))] == [
        "NL101",
        "NL401",
        "NL004",
        "NL201",
    ]


def test_exit_zero_and_exit_non_zero_on_fix(seed_copy: Path, tmp_path: Path) -> None:
    assert main(["--exit-zero", str(seed_copy)]) == 0
    assert main(["--exit-zero", str(tmp_path / "missing.txt")]) == 2  # errors still fail
    assert main(["--fix", "--unsafe-fixes", "--exit-non-zero-on-fix", str(seed_copy)]) == 1
    assert (
        main(["--fix", "--unsafe-fixes", "--exit-non-zero-on-fix", str(seed_copy)]) == 0
    )  # nothing left to fix


def test_baseline_hides_known_problems_and_reports_new_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copyfile(SEED, corpus / "seed.txt")
    baseline = tmp_path / "baseline.json"
    assert main(["--write-baseline", str(baseline), str(corpus)]) == 0
    assert "Wrote 4 problems" in capsys.readouterr().out
    assert main(["--baseline", str(baseline), str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "4 known problems hidden by the baseline" in out and "All checks passed!" in out

    # Lines inserted above do not revive old problems; a new problem is reported.
    text = (corpus / "seed.txt").read_text(encoding="utf-8")
    text = text.replace(
        "Lavrov hailed the close ties", "New **bold** text.\n\nLavrov hailed the close ties"
    )
    (corpus / "seed.txt").write_text("\n\n" + text, encoding="utf-8")
    assert main(["--baseline", str(baseline), str(corpus)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in lines if ": NL" in line] == ["NL101"]
    assert "'bold'" in lines[0]


def test_baseline_reports_entries_that_no_longer_match(
    seed_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = tmp_path / "baseline.json"
    main(["--write-baseline", str(baseline), str(seed_copy)])
    main(["--fix", str(seed_copy)])
    capsys.readouterr()
    assert main(["--baseline", str(baseline), str(seed_copy)]) == 0
    assert "3 baseline entries matched nothing" in capsys.readouterr().out


def test_bad_baseline_file_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "b.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    assert main(["--baseline", str(bad), str(SEED)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not a newslint baseline" in err[0]


def test_a_record_can_ignore_rules_for_itself(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = {"title": "T", "url": "https://e.com/a", "body": "A **b** c &amp; d."}
    quiet = {**damaged, "newslint": {"ignore": ["NL1", "html-entities"]}}
    partly = {**damaged, "newslint": {"ignore": ["NL101"]}}
    path = tmp_path / "c.jsonl"
    path.write_text(
        "\n".join(json.dumps(r) for r in (damaged, quiet, partly)) + "\n", encoding="utf-8"
    )
    main(["--format", "json", str(path)])
    found = [(d["record"], d["code"]) for d in json.loads(capsys.readouterr().out)]
    assert found == [(1, "NL101"), (1, "NL304"), (3, "NL304")]


def test_rule_subcommand_through_the_real_cli() -> None:
    page = subprocess.run(
        [sys.executable, "-m", "newslint", "rule", "split-url"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert page.returncode == 0 and page.stdout.startswith("# NL201 split-url")
    listing = subprocess.run(
        [sys.executable, "-m", "newslint", "rule", "--all", "--output-format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    codes = [rule["code"] for rule in json.loads(listing.stdout)]
    assert "NL101" in codes and codes == sorted(codes)


def test_unwritable_baseline_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing-folder" / "baseline.json"
    assert main(["--write-baseline", str(target), str(SEED)]) == 2
    captured = capsys.readouterr()
    assert captured.err.strip().startswith(f"newslint: error: cannot write {target}")
    assert "Traceback" not in captured.err
