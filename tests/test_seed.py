"""The seed article end to end: exactly its four problems, and a fix that gives the golden text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newslint.cli import main
from tests.conftest import DATA, SEED

EXPECTED = [
    (11, 88, "NL101", "caption"),
    (25, 1, "NL401", "body"),
    (35, 1, "NL004", "url"),
    (35, 1, "NL201", "url"),
]


def _json_report(
    capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, list[dict[str, object]]]:
    code = main(["--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def test_seed_reports_exactly_its_four_problems(capsys: pytest.CaptureFixture[str]) -> None:
    code, report = _json_report(capsys, str(SEED))
    assert code == 1
    assert [(d["line"], d["column"], d["code"], d["field"]) for d in report] == EXPECTED
    by_code = {d["code"]: d for d in report}
    assert "Valery Sharifulin / TASS" in str(by_code["NL101"]["message"])
    assert "Missile Raises Tensions" in str(by_code["NL401"]["message"])
    assert by_code["NL101"]["fix"]["applicability"] == "safe"  # type: ignore[index]
    assert by_code["NL401"]["fix"]["applicability"] == "unsafe"  # type: ignore[index]
    assert by_code["NL201"]["fix"]["applicability"] == "safe"  # type: ignore[index]
    assert by_code["NL004"]["fix"] is None


def test_seed_concise_output_and_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SEED)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert (
        out[0] == f"{SEED}:11:88: NL101 [*] Markdown bold markers around 'Valery Sharifulin / TASS'"
    )
    assert out[-1] == "Found 4 problems (2 fixable with --fix, 1 more with --fix --unsafe-fixes)."


def test_unsafe_fix_gives_the_golden_article_and_is_idempotent(
    seed_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--fix", "--unsafe-fixes", str(seed_copy)]) == 0
    assert seed_copy.read_bytes() == (DATA / "seed_fixed_unsafe.txt").read_bytes()
    assert main([str(seed_copy)]) == 0
    before = seed_copy.read_bytes()
    assert main(["--fix", "--unsafe-fixes", str(seed_copy)]) == 0
    assert seed_copy.read_bytes() == before
    assert "All checks passed!" in capsys.readouterr().out


def test_safe_fix_leaves_the_unsafe_promo(
    seed_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--fix", str(seed_copy)]) == 1
    assert seed_copy.read_bytes() == (DATA / "seed_fixed_safe.txt").read_bytes()
    out = capsys.readouterr().out
    assert "NL401" in out and "Found 4 problems (3 fixed, 1 remaining)." in out


def test_diff_writes_nothing(seed_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = seed_copy.read_bytes()
    assert main(["--diff", "--unsafe-fixes", str(seed_copy)]) == 1
    out = capsys.readouterr().out
    assert seed_copy.read_bytes() == before
    assert "-Related article: <u>" in out
    assert (
        "+- U.S. Says North Korean Troops Ready for Ukraine Combat as Missile Raises Tensions"
        in out
    )
    assert "\\ No newline at end of file" in out


def test_golden_files_differ_from_seed_only_where_reported() -> None:
    """Every line of the golden text outside the four reported spots is the seed's own line."""
    seed_lines = SEED.read_text(encoding="utf-8").split("\n")
    fixed_lines = (DATA / "seed_fixed_safe.txt").read_text(encoding="utf-8").split("\n")
    assert len(seed_lines) == len(fixed_lines)
    changed = [
        i + 1 for i, (a, b) in enumerate(zip(seed_lines, fixed_lines, strict=True)) if a != b
    ]
    assert changed == [11, 35]
