"""Rule documentation: the pages, the JSON form, the ``newslint rule`` command, docs/rules.md,
the README's rule table and the SARIF rule descriptors, all from the rule classes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest

from newslint.diagnostics import Diagnostic, Severity
from newslint.docs import (
    FIX_WORDS,
    README_BEGIN,
    README_END,
    main,
    readme_table,
    rule_json,
    rule_page,
    rules_markdown,
    run_rule_command,
)
from newslint.output.sarif import sarif_log
from newslint.registry import all_rules, find_rule
from newslint.rule import Rule

ROOT = Path(__file__).resolve().parent.parent
RULES_MD = ROOT / "docs" / "rules.md"
README = ROOT / "README.md"


def _rule(code: str) -> Rule:
    rule = find_rule(code)
    assert rule is not None
    return rule


def test_docs_rules_md_is_up_to_date() -> None:
    expected = rules_markdown(all_rules())
    actual = RULES_MD.read_text(encoding="utf-8") if RULES_MD.exists() else ""
    assert actual == expected, "docs/rules.md is stale: run `python -m newslint.docs --write`"


def test_readme_rule_table_is_up_to_date() -> None:
    readme = README.read_text(encoding="utf-8")
    start, end = readme.index(README_BEGIN), readme.index(README_END) + len(README_END)
    assert readme[start:end] == readme_table(all_rules()), (
        "the README's rule table is stale: run `python -m newslint.docs --write`"
    )
    section = readme[readme.index("\n## Rules\n") : readme.index("\n## Development\n")]
    assert readme[start:end] in section


def test_check_passes_on_the_checkout() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newslint.docs", "--check"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_readme_table_has_a_row_per_rule_linking_to_its_section() -> None:
    table = readme_table(all_rules())
    rows = [line for line in table.splitlines() if line.startswith("| [NL")]
    assert len(rows) == len(all_rules())
    headings = set(rules_markdown(all_rules()).splitlines())
    for row, rule in zip(rows, all_rules(), strict=True):
        anchor = f"{rule.code.lower()}-{rule.name}"
        assert row.startswith(f"| [{rule.code}](docs/rules.md#{anchor}) | {rule.name} | ")
        assert f"### {rule.code} {rule.name}" in headings
        assert rule.summary.strip().replace("|", "\\|") in row
    assert "| [NL014](docs/rules.md#nl014-short-body) |" in table
    assert "(off by default: `--select NL014`) |" in table
    assert "| case by case |" in table and "| safe |" in table and "| unsafe |" in table


def _root(tmp_path: Path, table: str) -> Path:
    (tmp_path / "README.md").write_text(
        f"# Project\n\n## Rules\n\nBefore.\n\n{table}\n\nAfter.\n\n## Development\n",
        encoding="utf-8",
    )
    return tmp_path


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = main(list(argv))
    finally:
        sys.stdout, sys.stderr = old
    return code, out.getvalue(), err.getvalue()


def test_write_then_check_on_a_stale_copy(tmp_path: Path) -> None:
    stale = f"{README_BEGIN}\n| NL101 | markdown-emphasis | hand-kept | safe |\n{README_END}"
    root = _root(tmp_path, stale)
    code, diff, err = _run("--check", "--root", str(root))
    assert code == 1
    assert "--- README.md (committed)\n+++ README.md (from the registry)\n" in diff
    assert "-| NL101 | markdown-emphasis | hand-kept | safe |\n" in diff
    assert "+++ docs/rules.md (from the registry)\n" in diff
    assert "2 stale file(s)" in err
    assert not (root / "docs").exists()  # --check writes nothing

    assert _run("--write", "--root", str(root)) == (
        0,
        "",
        "wrote docs/rules.md\nwrote README.md\n",
    )
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert readme == (
        "# Project\n\n## Rules\n\nBefore.\n\n"
        + readme_table(all_rules())
        + "\n\nAfter.\n\n## Development\n"
    )
    assert (root / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(all_rules())
    assert _run("--check", "--root", str(root)) == (0, "", "")
    assert _run("--write", "--root", str(root)) == (0, "", "")  # nothing to rewrite


@pytest.mark.parametrize(
    "table",
    [
        "no markers",
        f"{README_END}\n{README_BEGIN}",
        f"{README_BEGIN}\n{README_BEGIN}\n{README_END}",
    ],
)
def test_check_refuses_a_readme_without_one_pair_of_markers(tmp_path: Path, table: str) -> None:
    root = _root(tmp_path, table)
    before = (root / "README.md").read_text(encoding="utf-8")
    code, out, err = _run("--write", "--root", str(root))
    assert (code, out) == (2, "")
    assert err.startswith("newslint.docs: error: ") and "end rule table" in err
    assert (root / "README.md").read_text(encoding="utf-8") == before


def test_write_and_check_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["--write", "--check"])
    assert raised.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


class _Described(Rule):
    code = "NL698"
    name = "described-rule"
    summary = "A summary only the class has."
    explanation = "An explanation only the class has."
    bad = "bad text"
    good = "good text"
    fields = ("body",)
    fixable = "unsafe"


def test_every_output_takes_its_descriptions_from_the_rule_class() -> None:
    rule = _Described()
    page, data = rule_page(rule), rule_json(rule)
    [descriptor] = sarif_log([], [rule])["runs"][0]["tool"]["driver"]["rules"]
    table = "\n".join(readme_table([rule]).splitlines()[1:-1])
    for text in (rule.summary, rule.explanation, rule.bad, rule.good, FIX_WORDS["unsafe"]):
        assert text in page and text in descriptor["help"]["text"]
    assert (data["summary"], data["explanation"]) == (rule.summary, rule.explanation)
    assert descriptor["shortDescription"] == {"text": rule.summary}
    assert descriptor["fullDescription"] == {"text": rule.explanation}
    assert descriptor["help"]["markdown"] == page
    assert f"| {rule.summary} | unsafe |" in table
    _Described.summary = "An edited summary."
    try:
        assert "An edited summary." in rule_page(rule) and "An edited summary." in readme_table(
            [rule]
        )
        [edited] = sarif_log([], [rule])["runs"][0]["tool"]["driver"]["rules"]
        assert edited["shortDescription"] == {"text": "An edited summary."}
    finally:
        _Described.summary = "A summary only the class has."


def test_sarif_describes_every_registered_rule_as_the_rule_command_does() -> None:
    descriptors = sarif_log([], all_rules())["runs"][0]["tool"]["driver"]["rules"]
    for descriptor, rule in zip(descriptors, all_rules(), strict=True):
        assert descriptor["id"] == rule.code and descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"] == rule.explanation
        assert descriptor["help"]["markdown"] == _command(rule.code)[1]
        assert FIX_WORDS[rule.fixable] in descriptor["help"]["text"]


def test_sarif_describes_a_rule_outside_the_run_from_the_registry() -> None:
    rule = _rule("NL201")
    known = Diagnostic("NL201", "split-url", "m", Severity.WARNING, "body", 0, 1, path="a.json")
    unknown = Diagnostic("NL697", "gone-rule", "m", Severity.ERROR, "body", 0, 1, path="a.json")
    descriptors = sarif_log([known, unknown], [])["runs"][0]["tool"]["driver"]["rules"]
    assert descriptors[0]["shortDescription"]["text"] == rule.summary
    assert descriptors[0]["help"]["markdown"] == rule_page(rule)
    assert descriptors[1] == {
        "id": "NL697",
        "name": "gone-rule",
        "shortDescription": {"text": "gone-rule"},
        "defaultConfiguration": {"level": "error"},
    }


def test_module_main_prints_the_reference() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newslint.docs"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert result.stdout == rules_markdown(all_rules())


def test_rules_md_has_every_rule_in_the_index_and_a_section_under_its_family() -> None:
    text = rules_markdown(all_rules())
    for rule in all_rules():
        assert f"| [{rule.code}](#{rule.code.lower()}-{rule.name}) | {rule.name} |" in text
        section = text.index(f"\n### {rule.code} {rule.name}\n")
        family = text.rindex("\n## NL", 0, section)
        assert text[family + 4 : family + 8] == f"NL{rule.code[2]}x"
    assert "## NL1xx: markup" in text and "## NL5xx: whitespace and line wraps" in text


def test_page_of_a_safe_rule() -> None:
    page = rule_page(_rule("NL101"))
    assert page.startswith("# NL101 markdown-emphasis\n\nMarkdown emphasis markers")
    for heading in ("## Why", "## Example", "## Fix", "## Fields"):
        assert f"\n{heading}\n" in page
    assert "```text\nForeign ministers meet in Moscow. **Valery Sharifulin / TASS**\n```" in page
    assert "`--fix` applies the fix" in page
    assert "Reads `title`, `byline`, `caption`, `body`." in page
    assert "Off by default" not in page and "## Options" not in page


def test_page_of_a_rule_off_by_default_and_never_fixable() -> None:
    page = rule_page(_rule("NL014"))
    assert "**Off by default.** Turn it on with `--select NL014`" in page
    assert "Not fixable automatically" in page


def test_page_wording_for_unsafe_and_case_by_case_fixes() -> None:
    assert "`--fix --unsafe-fixes`" in rule_page(_rule("NL401"))
    assert "Sometimes fixable, case by case" in rule_page(_rule("NL201"))


def test_page_shows_invisible_characters_in_examples() -> None:
    page = rule_page(_rule("NL306"))
    assert "Regierungs<U+00AD>sprecher" in page and "Ver<U+200B>handlungen" in page
    assert "\u00ad" not in page.split("## Example")[1]
    assert "shown as `<U+XXXX>`" in page
    assert "shown as" not in rule_page(_rule("NL101"))


def test_page_lists_declared_options_and_fences_backticks() -> None:
    class Demo(Rule):
        code = "NL699"
        name = "demo-rule"
        summary = "A demo."
        explanation = "Because."
        bad = "a ``` b"
        good = "a b"
        fields = ("body",)
        options: ClassVar[dict[str, object]] = {"phrases": "extra phrases to flag", "limit": 3}

    page = rule_page(Demo(), level=2)
    assert page.startswith("## NL699 demo-rule\n")
    assert "\n### Options\n\n- `phrases`: extra phrases to flag\n- `limit`: default `3`\n" in page
    assert "````text\na ``` b\n````" in page
    assert rule_json(Demo())["options"] == {"phrases": "extra phrases to flag", "limit": 3}


def test_rule_json_fields() -> None:
    data = rule_json(_rule("NL309"))
    assert data == {
        "code": "NL309",
        "name": "non-breaking-space",
        "summary": _rule("NL309").summary,
        "explanation": _rule("NL309").explanation,
        "bad": "Paris\u00a0\u00a0\u00a0— The minister said.",
        "good": _rule("NL309").good,
        "fixable": "never",
        "fields": list(_rule("NL309").fields),
        "enabled_by_default": False,
        "family": "NL3",
        "family_name": "encoding",
        "options": {},
    }
    json.dumps([rule_json(rule) for rule in all_rules()])


def _command(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return run_rule_command(argv, stdout=out), out.getvalue()


def test_rule_command_by_code_and_by_name() -> None:
    assert _command("nl101") == (0, rule_page(_rule("NL101")))
    assert _command("markdown-emphasis") == (0, rule_page(_rule("NL101")))


def test_rule_command_all_and_json() -> None:
    code, text = _command("--all")
    assert code == 0 and text.count("\n## Why\n") == len(all_rules())
    code, text = _command("--all", "--output-format", "json")
    assert code == 0
    assert [item["code"] for item in json.loads(text)] == [r.code for r in all_rules()]
    code, text = _command("split-url", "--format", "json")
    assert code == 0 and json.loads(text) == rule_json(_rule("NL201"))


def test_rule_command_unknown_rule_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _command("NL1O1") == (2, "")
    err = capsys.readouterr().err
    assert err.startswith("newslint: error: unknown rule 'NL1O1' (did you mean NL101")
    assert err.count("\n") == 1


@pytest.mark.parametrize("argv", [(), ("NL101", "--all")])
def test_rule_command_needs_exactly_one_rule_or_all(
    argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as raised:
        _command(*argv)
    assert raised.value.code == 2
    assert "give one rule code or name, or --all" in capsys.readouterr().err
