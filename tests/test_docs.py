"""Rule documentation: the pages, the JSON form, the ``newslint rule`` command and docs/rules.md."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest

from newslint.docs import rule_json, rule_page, rules_markdown, run_rule_command
from newslint.registry import all_rules, find_rule
from newslint.rule import Rule

ROOT = Path(__file__).resolve().parent.parent
RULES_MD = ROOT / "docs" / "rules.md"


def _rule(code: str) -> Rule:
    rule = find_rule(code)
    assert rule is not None
    return rule


def test_docs_rules_md_is_up_to_date() -> None:
    expected = rules_markdown(all_rules())
    actual = RULES_MD.read_text(encoding="utf-8") if RULES_MD.exists() else ""
    assert actual == expected, (
        "docs/rules.md is stale: run `python -m newslint.docs > docs/rules.md`"
    )


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
