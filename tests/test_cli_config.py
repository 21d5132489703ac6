"""Configuration through the real CLI: discovery, selection, per-file-ignores, excludes, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newslint.cli import main
from tests.conftest import SEED


@pytest.fixture
def project(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    (corpus / "drafts").mkdir(parents=True)
    shutil.copyfile(SEED, corpus / "seed.txt")
    shutil.copyfile(SEED, corpus / "drafts" / "draft.txt")
    return tmp_path


def codes(capsys: pytest.CaptureFixture[str], *args: str) -> list[tuple[str, str]]:
    main(["--format", "json", *args])
    return [(Path(d["path"]).name, d["code"]) for d in json.loads(capsys.readouterr().out)]


def test_pyproject_selection_and_per_file_ignores(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.newslint]\nselect = ["NL1", "NL4"]\n[tool.newslint.per-file-ignores]\n"corpus/drafts/*" = ["NL401"]\n',
        encoding="utf-8",
    )
    found = codes(capsys, str(project / "corpus"))
    assert found == [("draft.txt", "NL101"), ("seed.txt", "NL101"), ("seed.txt", "NL401")]


def test_closest_config_wins_and_isolated_ignores_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "newslint.toml").write_text('select = ["NL2"]\n', encoding="utf-8")
    (project / "corpus" / ".newslint.toml").write_text('select = ["NL0"]\n', encoding="utf-8")
    assert {code for _, code in codes(capsys, str(project / "corpus"))} == {"NL004"}
    assert {code for _, code in codes(capsys, "--isolated", str(project / "corpus"))} == {
        "NL101",
        "NL401",
        "NL004",
        "NL201",
    }
    explicit = ["--config", str(project / "newslint.toml"), str(project / "corpus")]
    assert {code for _, code in codes(capsys, *explicit)} == {"NL201"}


def test_cli_flags_override_the_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "newslint.toml").write_text('select = ["NL2"]\n', encoding="utf-8")
    assert {c for _, c in codes(capsys, "--select", "NL101", str(project / "corpus"))} == {"NL101"}


def test_exclude_skips_folders_but_not_files_named_explicitly(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "newslint.toml").write_text('extend-exclude = ["drafts"]\n', encoding="utf-8")
    assert {name for name, _ in codes(capsys, str(project / "corpus"))} == {"seed.txt"}
    draft = project / "corpus" / "drafts" / "draft.txt"
    assert {name for name, _ in codes(capsys, str(draft))} == {"draft.txt"}


def test_unsafe_fixes_from_the_config_and_no_unsafe_fixes_flag(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "newslint.toml").write_text("unsafe-fixes = true\n", encoding="utf-8")
    seed = project / "corpus" / "seed.txt"
    assert main(["--fix", "--no-unsafe-fixes", str(seed)]) == 1  # the promo stays
    assert main(["--fix", str(seed)]) == 0
    assert "Related articles:" in seed.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("colour = true\n", "colour: unknown key"),
        ('select = ["NL999"]\n', "unknown rule selector 'NL999'"),
        ('[per-file-ignores]\n"data/[ab" = ["NL101"]\n', "bad glob"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_config_errors_are_one_line_and_exit_two(
    project: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    (project / "newslint.toml").write_text(content, encoding="utf-8")
    assert main([str(project / "corpus")]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip().splitlines()
    assert len(err) == 1 and message in err[0] and "newslint.toml" in err[0]
    assert "Traceback" not in captured.err


def test_fields_map_a_datasets_own_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "newslint.toml").write_text(
        '[fields]\nbody = "text"\npublished = "date"\nrelated = "see_also"\n', encoding="utf-8"
    )
    record = {
        "url": "https://example.com/a",
        "title": "Markets",
        "date": "2024-02-30",
        "text": "Stocks **rose** today.\n\nRead more: <u>Bonds Slip Again</u>\n\nTraders were calm.",
        "source": "cc-news",
    }
    path = tmp_path / "cc.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    found = codes(capsys, str(path))
    assert sorted(code for _, code in found) == ["NL003", "NL101", "NL401"]
    assert main(["--fix", "--unsafe-fixes", str(path)]) == 1  # the impossible date remains
    fixed = json.loads(path.read_text(encoding="utf-8"))
    assert fixed["text"] == "Stocks rose today.\n\nTraders were calm."
    assert fixed["see_also"] == ["Bonds Slip Again"]
    assert list(fixed) == ["url", "title", "date", "text", "source", "see_also"]


def test_a_users_schema_replaces_the_built_in_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = {
        "type": "object",
        "required": ["headline"],
        "properties": {"headline": {"type": "string"}},
    }
    (tmp_path / "mine.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    (tmp_path / "newslint.toml").write_text('schema = "mine.schema.json"\n', encoding="utf-8")
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"body": "Text."}), encoding="utf-8")
    assert codes(capsys, str(path)) == [("a.json", "NL001")]
    main([str(path)])
    assert "required field 'headline' is missing" in capsys.readouterr().out


def test_extend_include_and_rule_options_keys(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "base.toml").write_text('select = ["NL1", "NL2"]\n', encoding="utf-8")
    (project / "newslint.toml").write_text(
        'extend = "base.toml"\nignore = ["NL201"]\ninclude = ["**/seed.txt"]\n[rules.NL014]\nmin-words = 10\n',
        encoding="utf-8",
    )
    assert codes(capsys, str(project / "corpus")) == [("seed.txt", "NL101")]
    (project / "newslint.toml").write_text("[rules.NL999]\nx = 1\n", encoding="utf-8")
    assert main([str(project / "corpus")]) == 2
    assert "NL999" in capsys.readouterr().err


def test_rule_options_from_the_configuration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "The council met.\n\nJoin the Harbour Club today\n\nIt voted.\n\nOur Partners Pay For This Slot\n\nThe end."
    path = tmp_path / "a.json"
    path.write_text(
        json.dumps({"title": "T", "url": "https://e.com/a", "body": body}), encoding="utf-8"
    )
    assert codes(capsys, "--select", "NL402,NL404", str(path)) == []
    (tmp_path / "newslint.toml").write_text(
        '[rules.NL402]\nextra-phrases = ["Join the Harbour Club today"]\n'
        '[rules.NL404]\nextra-labels = ["our partners pay for this slot"]\n'
        "[rules.NL014]\nmin-words = 5\nmin-characters = 10\n",
        encoding="utf-8",
    )
    assert codes(capsys, "--select", "NL402,NL404,NL014", str(path)) == [
        ("a.json", "NL402"),
        ("a.json", "NL404"),
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            "[rules.NL402]\nextra = 1\n",
            "rules.NL402: unknown option 'extra' (allowed: extra-phrases)",
        ),
        ('[rules.NL014]\nmin-words = "five"\n', "rules.NL014: option 'min-words' takes int"),
    ],
)
def test_bad_rule_options_are_one_line_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: str, message: str
) -> None:
    (tmp_path / "newslint.toml").write_text(options, encoding="utf-8")
    assert main(["--config", str(tmp_path / "newslint.toml"), str(SEED)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0]


def test_extra_photo_agencies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = (
        "The ship docked.\n\nMaria Lind / Harbour Pictures\n\nHarbour Pictures\n\nCrowds cheered."
    )
    path = tmp_path / "a.json"
    path.write_text(
        json.dumps({"title": "T", "url": "https://e.com/a", "body": body}), encoding="utf-8"
    )
    assert codes(capsys, "--select", "NL407", str(path)) == []
    (tmp_path / "newslint.toml").write_text(
        '[rules.NL407]\nextra-agencies = ["Harbour Pictures"]\n', encoding="utf-8"
    )
    assert codes(capsys, "--select", "NL407", str(path)) == [
        ("a.json", "NL407"),
        ("a.json", "NL407"),
    ]


def test_the_record_settings_field_is_configurable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = {
        "title": "T",
        "url": "https://e.com/a",
        "body": "A **b** c.",
        "qa": {"ignore": ["NL101"]},
    }
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert codes(capsys, str(path)) == [("a.jsonl", "NL101")]
    (tmp_path / "newslint.toml").write_text('record-settings = "qa"\n', encoding="utf-8")
    assert codes(capsys, str(path)) == []


def test_extend_select_exclude_and_gitignore_keys(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / ".git").mkdir()  # the folder is a repository: its .gitignore counts
    (project / ".gitignore").write_text("corpus/drafts/\n", encoding="utf-8")
    (project / "newslint.toml").write_text(
        'select = ["NL101"]\nextend-select = ["NL401"]\n', encoding="utf-8"
    )
    assert codes(capsys, str(project / "corpus")) == [("seed.txt", "NL101"), ("seed.txt", "NL401")]
    (project / "newslint.toml").write_text(
        'select = ["NL101"]\nrespect-gitignore = false\nexclude = ["seed.txt"]\n', encoding="utf-8"
    )
    assert codes(capsys, str(project / "corpus")) == [("draft.txt", "NL101")]
