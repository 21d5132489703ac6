"""Configuration files: keys, validation messages, discovery, ``extend``, overrides, globs, schema."""

from __future__ import annotations

import json
import pickle
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from newslint.config import (
    DEFAULT_EXCLUDE,
    ConfigError,
    Configuration,
    ConfigurationResolver,
    find_config,
    json_schema,
    load_settings,
    main,
    rename_fields,
    schema_text,
)
from newslint.config_globs import GlobError, compile_glob
from newslint.config_model import ConfigurationModel
from newslint.registry import all_rules

from .conftest import DATA, ROOT

CONFIG_DATA = DATA / "config"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_of(path: Path | None = None, **kwargs: object) -> str:
    with pytest.raises(ConfigError) as caught:
        load_settings(path, **kwargs)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    return message


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder that is also the working folder."""
    folder = tmp_path / "project"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


# -- every key ---------------------------------------------------------------------------------


def test_every_key_is_read_from_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "full"
    shutil.copytree(CONFIG_DATA / "full", folder)
    monkeypatch.chdir(folder)
    settings = load_settings(start=folder / "articles")

    assert settings.config_file == folder / "pyproject.toml"
    assert settings.root == folder
    assert settings.select == ["NL1", "NL3", "split-url"]
    assert settings.extend_select == ["NL014"]
    assert settings.ignore == ["NL102", "non-breaking-space"]
    assert settings.include == ["*.json", "*.jsonl", "articles/**/*.txt"]
    assert settings.exclude == ["drafts", "*.tmp.json"]
    assert settings.extend_exclude == ["archive/**"]
    assert settings.respect_gitignore is False
    assert settings.unsafe_fixes is True
    assert settings.schema_file == folder / "schema" / "article.json"
    assert settings.per_file_ignores == {
        "*.jsonl": ["NL3"],
        "legacy/{2019,2020}/*.json": ["NL101", "markdown-links"],
    }
    assert settings.dataset_fields == {"body": "text", "published": "date"}
    assert settings.field_map == {"text": "body", "date": "published"}
    # Rule codes are normalised to upper case.
    assert settings.rule_options == {
        "NL401": {"phrases": ["Read more:", "See also:"]},
        "NL407": {"agencies": ["Example Photo Agency"]},
    }
    assert settings.options_for("nl401") == {"phrases": ["Read more:", "See also:"]}
    assert settings.options_for("NL101") == {}

    codes = [rule.code for rule in settings.rules(all_rules())]
    assert "NL014" in codes and "NL201" in codes and "NL101" in codes
    assert "NL102" not in codes and "NL309" not in codes
    assert not any(
        code.startswith(("NL4", "NL5", "NL6", "NL0")) for code in codes if code != "NL014"
    )


def test_defaults_without_a_file(project: Path) -> None:
    settings = load_settings(isolated=True)
    assert settings.config_file is None
    assert settings.root == project
    assert settings.select is None and settings.extend_select == [] and settings.ignore == []
    assert settings.exclude == list(DEFAULT_EXCLUDE)
    assert settings.include is None and settings.schema_file is None
    assert settings.unsafe_fixes is False and settings.respect_gitignore is True
    assert settings.field_map == {} and settings.rule_options == {}
    default_codes = {rule.code for rule in all_rules() if rule.enabled_by_default}
    assert {rule.code for rule in settings.rules(all_rules())} == default_codes


def test_user_schema_fields_are_checked_against_that_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "userschema"
    shutil.copytree(CONFIG_DATA / "userschema", folder)
    monkeypatch.chdir(folder)
    settings = load_settings()
    assert settings.schema_file == folder / "headline.schema.json"
    assert settings.field_map == {"title": "headline", "content": "story"}
    write(folder / "newslint.toml", 'schema = "headline.schema.json"\nfields = {body = "text"}\n')
    assert error_of() == (
        "newslint.toml: fields.body: unknown schema field (allowed: headline, story)"
    )


def test_rename_fields_applies_the_field_map() -> None:
    field_map = {"text": "body", "date": "published"}
    record = {"title": "T", "text": "B", "date": "2024-01-02", "extra": 1}
    assert rename_fields(record, field_map) == {
        "title": "T",
        "body": "B",
        "published": "2024-01-02",
        "extra": 1,
    }
    # The mapped key wins whatever the order of the record's members.
    assert rename_fields({"body": "old", "text": "new"}, field_map) == {"body": "new"}
    assert rename_fields({"text": "new", "body": "old"}, field_map) == {"body": "new"}
    assert rename_fields(record, {}) == record


# -- one-line errors naming the file and the key -----------------------------------------------

BAD_VALUES = [
    ("extend = 3", "extend: expected a string, got the number 3"),
    ('select = "NL1"', "select: expected a list, got the string 'NL1'"),
    ('select = ["NL999"]', "select[0]: unknown rule selector 'NL999'"),
    ('select = ["NL1", " "]', "select[1]: empty rule selector"),
    ('extend-select = ["no-such-rule"]', "extend-select[0]: unknown rule selector 'no-such-rule'"),
    ("ignore = [101]", "ignore[0]: expected a string, got the number 101"),
    (
        'per-file-ignores = {"*.json" = ["XX"]}',
        "per-file-ignores.\"*.json\"[0]: unknown rule selector 'XX'",
    ),
    ('per-file-ignores = {"*.json" = "NL1"}', 'per-file-ignores."*.json": expected a list'),
    (
        'per-file-ignores = {"data/[ab" = ["NL1"]}',
        "bad glob 'data/[ab': unclosed character class '['",
    ),
    ('include = ["{a,b"]', "include[0]: bad glob '{a,b': unclosed '{'"),
    ('exclude = ["data/[z-a]"]', "exclude[0]: bad glob 'data/[z-a]': bad character range z-a"),
    ('extend-exclude = ["a}"]', "extend-exclude[0]: bad glob 'a}': unmatched '}'"),
    ('extend-exclude = [""]', "extend-exclude[0]: bad glob '': empty glob"),
    ('unsafe-fixes = "yes"', "unsafe-fixes: expected true or false, got the string 'yes'"),
    ("respect-gitignore = 1", "respect-gitignore: expected true or false, got the number 1"),
    ("schema = 5", "schema: expected a string, got the number 5"),
    ('schema = "missing.json"', "schema: file not found: missing.json"),
    ("fields = {body = 1}", "fields.body: expected a string, got the number 1"),
    ('fields = {nobody = "text"}', "fields.nobody: unknown schema field (allowed: body, byline"),
    (
        'fields = {body = "text", title = "text"}',
        "fields.title: 'text' is already mapped to 'body'",
    ),
    ("rules = {NL999 = {}}", "rules.NL999: unknown rule code 'NL999'"),
    ("rules = {split-url = {}}", "rules.split-url: unknown rule code 'split-url'"),
    ("rules = {NL401 = 3}", "rules.NL401: expected a table, got the number 3"),
    (
        "colour = true",
        "colour: unknown key (allowed: exclude, extend, extend-exclude, extend-include, extend-select",
    ),
    ("extend_select = []", "extend_select: unknown key"),
]


@pytest.mark.parametrize(("toml", "expected"), BAD_VALUES)
def test_bad_values_give_one_line_errors(project: Path, toml: str, expected: str) -> None:
    path = write(project / "newslint.toml", toml + "\n")
    message = error_of(path)
    assert message.startswith("newslint.toml: ")
    assert expected in message


def test_errors_in_pyproject_name_the_full_key(project: Path) -> None:
    write(project / "pyproject.toml", '[tool.newslint]\nselect = ["NL1", "bogus"]\n')
    assert error_of() == (
        "pyproject.toml: tool.newslint.select[1]: unknown rule selector 'bogus' "
        "(use a code such as NL201, a prefix such as NL2, a rule name, or ALL)"
    )
    write(project / "pyproject.toml", "[tool]\nnewslint = 3\n")
    assert error_of(project / "pyproject.toml") == "pyproject.toml: tool.newslint: expected a table"


def test_several_errors_are_counted_on_one_line(project: Path) -> None:
    path = write(project / "newslint.toml", 'colour = 1\nselect = ["x1"]\nunsafe-fixes = 2\n')
    assert error_of(path).endswith("(and 2 more)")


def test_invalid_toml_and_missing_file(project: Path) -> None:
    path = write(project / "newslint.toml", "select = [\n")
    assert error_of(path).startswith("newslint.toml: invalid TOML: ")
    assert error_of(project / "nope.toml") == "nope.toml: configuration file not found"


def test_explicit_pyproject_without_a_table_is_an_error(project: Path) -> None:
    path = write(project / "pyproject.toml", '[project]\nname = "x"\n')
    assert error_of(path) == "pyproject.toml: no [tool.newslint] table"


# -- discovery ---------------------------------------------------------------------------------


def test_closest_file_wins(project: Path) -> None:
    write(project / "pyproject.toml", '[tool.newslint]\nselect = ["NL1"]\n')
    inner = write(project / "a" / "newslint.toml", 'select = ["NL2"]\n')
    (project / "a" / "b" / "c").mkdir(parents=True)
    assert find_config(project / "a" / "b" / "c") == inner
    assert find_config(project / "a" / "b" / "c" / "file.json") == inner
    assert find_config(project / "x.json") == project / "pyproject.toml"
    assert load_settings(start=project / "a" / "b").select == ["NL2"]
    assert load_settings(start=project).select == ["NL1"]


def test_pyproject_without_a_newslint_table_is_skipped(project: Path) -> None:
    outer = write(project / "newslint.toml", 'select = ["NL3"]\n')
    write(project / "pkg" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    assert find_config(project / "pkg") == outer
    assert load_settings(start=project / "pkg").select == ["NL3"]


def test_hidden_file_comes_first_in_a_folder(project: Path) -> None:
    write(project / "pyproject.toml", '[tool.newslint]\nselect = ["NL1"]\n')
    write(project / "newslint.toml", 'select = ["NL2"]\n')
    assert find_config(project) == project / "newslint.toml"
    hidden = write(project / ".newslint.toml", 'select = ["NL3"]\n')
    assert find_config(project) == hidden
    assert load_settings().select == ["NL3"]


def test_no_file_found(tmp_path: Path) -> None:
    found = find_config(tmp_path / "empty")
    assert found is None or not found.is_relative_to(tmp_path)


def test_explicit_file_and_isolated(project: Path) -> None:
    write(project / "newslint.toml", 'select = ["NL2"]\n')
    other = write(project / "ci" / "strict.toml", 'select = ["ALL"]\n')
    assert load_settings(other).select == ["ALL"]
    assert load_settings(other).config_file == other
    assert load_settings(isolated=True).select is None
    assert error_of(other, isolated=True) == "--config and --isolated cannot be used together"


# -- extend ------------------------------------------------------------------------------------


def test_extend_chain_layers_settings(project: Path) -> None:
    write(
        project / "shared" / "base.toml",
        """\
        select = ["NL1", "NL2"]
        ignore = ["NL102"]
        unsafe-fixes = true
        [per-file-ignores]
        "legacy/*.json" = ["NL2"]
        [rules.NL401]
        phrases = ["a"]
        limit = 1
        """,
    )
    write(
        project / "team" / "team.toml",
        """\
        extend = "../shared/base.toml"
        extend-select = ["NL301"]
        ignore = ["NL201"]
        [rules.NL401]
        limit = 2
        """,
    )
    write(
        project / "corpus" / "newslint.toml", 'extend = "../team/team.toml"\nunsafe-fixes = false\n'
    )
    settings = load_settings(start=project / "corpus")
    assert settings.config_file == project / "corpus" / "newslint.toml"
    assert settings.select == ["NL1", "NL2"]
    assert settings.extend_select == ["NL301"]
    assert settings.ignore == ["NL102", "NL201"]
    assert settings.unsafe_fixes is False
    assert settings.rule_options == {"NL401": {"phrases": ["a"], "limit": 2}}
    codes = {rule.code for rule in settings.rules(all_rules())}
    assert "NL301" in codes and "NL101" in codes
    assert "NL102" not in codes and "NL201" not in codes
    # Globs stay relative to the file that set them (shared/), not the extending file.
    assert settings.ignored_codes_for(project / "shared" / "legacy" / "a.json") >= {"NL201"}
    assert settings.ignored_codes_for(project / "corpus" / "legacy" / "a.json") == set()


def test_select_in_a_later_layer_resets_extend_select_and_ignore(project: Path) -> None:
    write(project / "base.toml", 'extend-select = ["NL014"]\nignore = ["NL101"]\n')
    write(project / "newslint.toml", 'extend = "base.toml"\nselect = ["NL1"]\n')
    settings = load_settings()
    assert settings.select == ["NL1"] and settings.extend_select == [] and settings.ignore == []
    assert "NL101" in {rule.code for rule in settings.rules(all_rules())}


def test_schema_path_is_relative_to_the_file_that_sets_it(project: Path) -> None:
    write(project / "shared" / "article.json", '{"properties": {"body": {}}}')
    write(project / "shared" / "base.toml", 'schema = "article.json"\n')
    write(project / "newslint.toml", 'extend = "shared/base.toml"\nfields = {body = "text"}\n')
    assert load_settings().schema_file == project / "shared" / "article.json"


def test_extend_cycles_and_missing_targets(project: Path) -> None:
    write(project / "a.toml", 'extend = "b.toml"\n')
    write(project / "b.toml", 'extend = "a.toml"\n')
    assert error_of(project / "a.toml") == "b.toml: extend: cycle: a.toml -> b.toml -> a.toml"
    write(project / "self.toml", 'extend = "./self.toml"\n')
    assert error_of(project / "self.toml") == "self.toml: extend: cycle: self.toml -> self.toml"
    write(project / "c.toml", 'extend = "gone.toml"\n')
    assert error_of(project / "c.toml") == "c.toml: extend: file not found: gone.toml"
    write(project / "pyproject.toml", '[tool.newslint]\nextend = "d.toml"\n')
    write(project / "d.toml", 'ignore = ["NL9"]\n')
    message = error_of()
    assert message.startswith("d.toml: ignore[0]: unknown rule selector 'NL9'")


def test_resolver_gives_each_path_its_closest_configuration(project: Path) -> None:
    write(project / "newslint.toml", 'select = ["NL1"]\n')
    inner = write(project / "a" / "newslint.toml", 'select = ["NL2"]\n')
    resolver = ConfigurationResolver(overrides={"extend-select": ["NL301"]})
    first = resolver.for_path(project / "a" / "b" / "x.json")
    assert first.config_file == inner and first.select == ["NL2"]
    assert first.extend_select == ["NL301"]
    assert resolver.for_path(project / "a" / "y.json") is first
    assert resolver.for_path("z.json").select == ["NL1"]
    fixed = ConfigurationResolver(config=project / "newslint.toml")
    assert fixed.for_path(project / "a" / "x.json").select == ["NL1"]
    assert ConfigurationResolver(isolated=True).for_path("z.json").select is None


def test_resolver_files_under_no_configuration_get_the_working_folders(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """As in Ruff: a file above or beside every configuration file gets the one found from
    the working folder; each configuration file is loaded once, and a pyproject.toml without
    a [tool.newslint] table is passed over."""
    write(project / "newslint.toml", 'select = ["NL1"]\n')
    write(project / "a" / "pyproject.toml", '[project]\nname = "a"\n')
    inner = write(project / "a" / "b" / ".newslint.toml", 'select = ["NL2"]\n')
    outside = tmp_path_factory.mktemp("elsewhere")
    resolver = ConfigurationResolver()
    assert resolver.for_file(str(outside / "x.json")).select == ["NL1"]
    assert resolver.for_file(str(outside / "x.json")) is resolver.fallback
    assert resolver.for_file("a/y.json") is resolver.fallback  # pyproject without the table
    deep = resolver.for_file("a/b/c/d/z.json")
    assert deep.config_file == inner and deep.select == ["NL2"]
    assert resolver.for_path(project / "a" / "b") is deep
    assert resolver.for_file(str(project / "a" / "b" / "w.json")) is deep
    assert not resolver.fixed and ConfigurationResolver(isolated=True).fixed


# -- command-line overrides --------------------------------------------------------------------


def test_overrides_beat_files(project: Path) -> None:
    write(
        project / "newslint.toml",
        'select = ["NL1"]\nignore = ["NL101"]\nunsafe-fixes = true\nexclude = ["x"]\n',
    )
    settings = load_settings(
        overrides={
            "select": ["NL2"],
            "extend_select": ["NL301"],
            "unsafe-fixes": False,
            "ignore": None,
            "exclude": None,
        }
    )
    assert settings.select == ["NL2"]
    assert settings.extend_select == ["NL301"]
    assert settings.ignore == []  # the command line's select resets the file's ignore
    assert settings.unsafe_fixes is False
    assert settings.exclude == ["x"]
    assert settings.config_file == project / "newslint.toml"

    added = load_settings(overrides={"ignore": ["NL103"], "extend-exclude": ["tmp/**"]})
    assert added.select == ["NL1"] and added.ignore == ["NL101", "NL103"]
    assert added.is_excluded(project / "tmp" / "a" / "b.json")


def test_bad_overrides_name_the_flag(project: Path) -> None:
    assert error_of(overrides={"select": ["NL999"]}).startswith(
        "command line: --select[0]: unknown rule selector 'NL999'"
    )
    assert error_of(overrides={"per_file_ignores": {"[": ["NL1"]}}).startswith(
        'command line: --per-file-ignores."[": bad glob'
    )
    assert error_of(overrides={"extend": "x.toml"}) == (
        "command line: --extend: not allowed on the command line"
    )


# -- per-file-ignores --------------------------------------------------------------------------


def test_per_file_ignores_matching(project: Path) -> None:
    write(
        project / "newslint.toml",
        """\
        [per-file-ignores]
        "*.jsonl" = ["NL3"]
        "feeds/*.json" = ["split-url"]
        "archive/**" = ["NL5", "NL601"]
        "{drafts,tmp}/*.txt" = ["ALL"]
        "/abs/never/*.json" = ["NL101"]
        """,
    )
    settings = load_settings()
    nl3 = {rule.code for rule in all_rules() if rule.code.startswith("NL3")}
    # A glob without a slash matches the file name in any folder.
    assert settings.ignored_codes_for("a.jsonl") == nl3
    assert settings.ignored_codes_for(project / "deep" / "er" / "b.jsonl") == nl3
    # A glob with a slash is relative to the configuration's folder; * stays in one folder.
    assert settings.ignored_codes_for("feeds/x.json") == {"NL201"}
    assert settings.ignored_codes_for("feeds/sub/x.json") == set()
    assert settings.ignored_codes_for("other/feeds/x.json") == set()
    # ** crosses folders; codes from several patterns add up.
    archived = settings.ignored_codes_for("archive/2020/01/x.jsonl")
    assert "NL601" in archived and "NL501" in archived and nl3 <= archived
    assert settings.ignored_codes_for("drafts/a.txt") == {rule.code for rule in all_rules()}
    assert settings.ignored_codes_for("tmp/a.txt") == {rule.code for rule in all_rules()}
    assert settings.ignored_codes_for("final/a.txt") == set()
    # Relative paths are taken from the working folder, as the CLI receives them.
    (project / "feeds").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(project / "feeds")
        assert settings.ignored_codes_for("x.json") == {"NL201"}


# -- include, exclude and .gitignore -----------------------------------------------------------


def test_default_exclude_and_replacing_it(project: Path) -> None:
    settings = load_settings(isolated=True)
    assert settings.is_excluded("venv/lib/a.json")
    assert settings.is_excluded("corpus/node_modules/a.json")
    assert not settings.is_excluded("corpus/a.json")
    write(project / "newslint.toml", 'exclude = ["drafts"]\n')
    settings = load_settings()
    assert not settings.is_excluded("venv/lib/a.json")
    assert settings.is_excluded("drafts/a.json")
    assert settings.is_excluded("2024/drafts/a.json")


def test_exclude_patterns_are_anchored_to_the_config_folder(project: Path) -> None:
    write(project / "newslint.toml", 'exclude = ["raw/*.json", "*.tmp.json"]\n')
    settings = load_settings()
    assert settings.is_excluded("raw/a.json")
    assert not settings.is_excluded("raw/sub/a.json")
    assert not settings.is_excluded("clean/raw/a.json")
    assert settings.is_excluded("clean/a.tmp.json")
    assert not settings.is_excluded("clean/a.json")
    # Folders above the configuration's folder never match name-only globs.
    outside = project.parent / "raw" / "x.tmp"
    assert not settings.is_excluded(outside)


def test_include_and_extend_exclude(project: Path) -> None:
    write(
        project / "newslint.toml",
        'include = ["*.jsonl", "articles/**/*.txt"]\nextend-exclude = ["articles/old/**"]\n',
    )
    settings = load_settings()
    assert not settings.is_excluded("dump.jsonl")
    assert not settings.is_excluded("articles/2024/05/a.txt")
    assert settings.is_excluded("notes.txt")
    assert settings.is_excluded("dump.json")
    assert settings.is_excluded("articles/old/a.txt")
    assert settings.is_excluded(".venv/x.jsonl")  # the default exclude still applies


def test_gitignore_is_respected(project: Path) -> None:
    (project / ".git" / "info").mkdir(parents=True)
    write(project / ".git" / "info" / "exclude", "local.json\n")
    write(project / ".gitignore", "build/\n*.log.json\n!keep.log.json\n")
    write(project / "data" / ".gitignore", "scratch-*.jsonl\n")
    write(project / "data" / "sub" / "newslint.toml", "unsafe-fixes = true\n")
    # The configuration sits below the repository top: .gitignore files above it still count.
    settings = load_settings(start=project / "data" / "sub")
    assert settings.root == project / "data" / "sub"
    assert settings.is_excluded(project / "build" / "a.json")
    assert settings.is_excluded(project / "data" / "sub" / "x.log.json")
    assert not settings.is_excluded(project / "data" / "keep.log.json")
    assert settings.is_excluded(project / "data" / "sub" / "scratch-1.jsonl")
    assert not settings.is_excluded(project / "scratch-1.jsonl")
    assert settings.is_excluded(project / "local.json")
    assert not settings.is_excluded(project / "data" / "a.json")

    write(project / "data" / "sub" / "newslint.toml", "respect-gitignore = false\n")
    settings = load_settings(start=project / "data" / "sub")
    assert not settings.is_excluded(project / "build" / "a.json")


def test_deeper_gitignore_can_reinclude(project: Path) -> None:
    (project / ".git").mkdir()
    write(project / ".gitignore", "*.jsonl\n")
    write(project / "keep" / ".gitignore", "!*.jsonl\n")
    settings = load_settings(isolated=True)
    assert settings.is_excluded("a.jsonl")
    assert not settings.is_excluded("keep/a.jsonl")


# -- globs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("*.json", "a.json", True),
        ("*.json", "a/b.json", False),
        ("**/*.json", "a/b/c.json", True),
        ("**/*.json", "c.json", True),
        ("a/**", "a/b/c", True),
        ("a/**/z.txt", "a/z.txt", True),
        ("a/**/z.txt", "a/b/c/z.txt", True),
        ("?.txt", "ab.txt", False),
        ("[ab].txt", "b.txt", True),
        ("[!ab].txt", "b.txt", False),
        ("{x,y}/*.txt", "y/1.txt", True),
        ("./data/*.json", "data/a.json", True),
        ("drafts/", "drafts", True),
        ("a\\*b", "a*b", True),
        ("a\\*b", "axb", False),
    ],
)
def test_glob_semantics(pattern: str, path: str, matches: bool) -> None:
    assert bool(compile_glob(pattern).match(path)) is matches


@pytest.mark.parametrize("pattern", ["[abc", "a}", "{a,{b}}", "x\\", "[]", "  ", "[z-a]"])
def test_bad_globs(pattern: str) -> None:
    with pytest.raises(GlobError):
        compile_glob(pattern)


# -- the JSON Schema for editors ---------------------------------------------------------------


def test_shipped_schema_is_in_step_with_the_model() -> None:
    shipped = ROOT / "schemas" / "config.schema.json"
    assert json.loads(shipped.read_text(encoding="utf-8")) == ConfigurationModel.model_json_schema(
        by_alias=True
    )
    assert shipped.read_text(encoding="utf-8") == schema_text(), (
        "run: python -m newslint.config --write-schema"
    )


def test_write_schema_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "config.schema.json"
    assert main(["--write-schema", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == schema_text()
    assert main([]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()


def test_schema_accepts_the_example_and_rejects_unknown_keys() -> None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

    data = tomllib.loads((CONFIG_DATA / "full" / "pyproject.toml").read_text(encoding="utf-8"))
    table = data["tool"]["newslint"]
    validator = Draft202012Validator(json_schema())
    assert list(validator.iter_errors(table)) == []
    assert not validator.is_valid({**table, "colour": True})
    assert not validator.is_valid({"unsafe-fixes": "yes"})
    assert not validator.is_valid({"rules": {"split-url": {}}})
    assert set(json_schema()["properties"]) == {
        "extend",
        "select",
        "extend-select",
        "ignore",
        "per-file-ignores",
        "include",
        "extend-include",
        "exclude",
        "extend-exclude",
        "force-exclude",
        "respect-gitignore",
        "unsafe-fixes",
        "schema",
        "fields",
        "record-settings",
        "site-key",
        "site-profile",
        "rules",
    }


# -- pydantic only when there is something to validate -----------------------------------------

CLEAN_ARTICLE = {
    "title": "Council approves harbour budget",
    "url": "https://example.com/news/harbour-budget",
    "body": "The council approved the harbour budget on Tuesday.\n\nWork starts in May.",
}


def _python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Runs ``code`` in a fresh interpreter (``sys.modules`` as a user's run sees it)."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_default_settings_do_not_import_pydantic(tmp_path: Path) -> None:
    # No file found: a pyproject.toml without a [tool.newslint] table is read and skipped.
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    done = _python(
        """\
        import sys
        from newslint.config import load_settings
        load_settings(None, True)
        load_settings(None, isolated=True, overrides={})
        load_settings(None, True, {"select": None, "extend-select": None, "unsafe-fixes": None})
        found = load_settings()
        assert found.config_file is None or found.config_file.name != "pyproject.toml"
        assert "pydantic" not in sys.modules, "pydantic was imported"
        """,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr


CLEAN_TEXT = """

Council approves harbour budget

By Jane Doe

November 01, 2024



The council approved the harbour budget on Tuesday.

Work starts in May.

Original URL: https://example.com/news/harbour-budget
"""

NOT_FOR_A_CLEAN_CHECK = (
    "pydantic",  # validates configuration files and overrides only
    "jsonschema",  # describes invalid articles only
    "ftfy",  # repairs text that looks like mojibake only
    "rich",
    "html.entities",  # NL304, where a character reference was found
    "xml.etree.ElementTree",  # --output-format junit
    "newslint.output.sarif",  # --output-format sarif
    "newslint.baseline",  # --baseline, SARIF
    "newslint.docs",  # newslint rule CODE
    "tempfile",  # writing a fixed file (--fix)
    "newslint.cache",  # the cache, with pickle (not with --no-cache)
    "pickle",
    "hashlib",  # the cache's content keys (some 10 ms to load)
    "shutil",  # argparse asks it for the terminal's width; it loads bz2 and lzma
    "difflib",  # comparing a mojibake repair with the text, and --diff
    "newslint.chunks",  # a JSONL file big enough to be cut in chunks
    "newslint.fixer",  # --fix, --diff, and locating fixes for json and sarif output
    "newslint.records",  # the library API and Ray: records as dicts
    "publicsuffixlist",  # site-key = "domain", for NL408 only
    "newslint.learn",  # newslint learn
)


@pytest.mark.parametrize("name", ["clean.json", "clean.txt"])
def test_a_check_of_a_clean_file_imports_only_what_it_needs(tmp_path: Path, name: str) -> None:
    """Start-up time: nothing a check of one clean file without configuration never uses."""
    article = tmp_path / name
    text = json.dumps(CLEAN_ARTICLE) if name.endswith(".json") else CLEAN_TEXT
    article.write_text(text, encoding="utf-8")
    done = _python(
        f"""\
        import sys
        from newslint.cli import main
        code = main(["--isolated", "--no-cache", {str(article)!r}])
        imported = [name for name in {NOT_FOR_A_CLEAN_CHECK!r} if name in sys.modules]
        assert not imported, imported
        sys.exit(code)
        """,
        tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_file_or_an_override_is_validated_with_pydantic(tmp_path: Path) -> None:
    write(tmp_path / "newslint.toml", 'select = ["NL1"]\n')
    done = _python(
        """\
        import sys
        from newslint.config import load_settings
        assert load_settings(None, True, {"select": [" NL2 "]}).select == ["NL2"]
        assert "pydantic" in sys.modules
        """,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr


# -- the plain Configuration and the model agree -----------------------------------------------


def test_defaults_and_keys_are_those_of_the_model() -> None:
    defaults = Configuration().as_toml(exclude_defaults=False)
    from_model = ConfigurationModel().model_dump(by_alias=True)
    assert defaults == from_model
    assert list(defaults) == list(from_model)  # same keys, in the schema's order
    assert list(defaults) == list(json_schema()["properties"])
    assert Configuration().as_toml() == {}


def test_as_toml_is_the_models_dump_without_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "full"
    shutil.copytree(CONFIG_DATA / "full", folder)
    monkeypatch.chdir(folder)
    settings = load_settings(start=folder / "articles")
    model = ConfigurationModel.model_validate(settings.as_toml(exclude_defaults=False))
    assert settings.as_toml() == model.model_dump(by_alias=True, exclude_defaults=True)
    assert settings.as_toml(exclude_defaults=False) == model.model_dump(by_alias=True)
    assert settings.as_toml()["respect-gitignore"] is False
    assert "record-settings" not in settings.as_toml()
    # Values are copies: changing them does not change the settings.
    dumped = settings.as_toml()
    dumped["rules"]["NL401"]["phrases"].append("x")
    dumped["select"].clear()
    assert settings.rule_options["NL401"]["phrases"] == ["Read more:", "See also:"]
    assert settings.select == ["NL1", "NL3", "split-url"]
    # A value set to its default is left out, as the model's dump did.
    same = load_settings(None, True, {"exclude": list(DEFAULT_EXCLUDE), "ignore": []})
    assert same.as_toml() == {}


def test_configuration_pickles_with_where_it_came_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "full"
    shutil.copytree(CONFIG_DATA / "full", folder)
    monkeypatch.chdir(folder)
    settings = load_settings(start=folder / "articles")
    paths = [
        folder / "drafts" / "a.json",
        folder / "a.jsonl",
        folder / "legacy" / "2019" / "x.json",
    ]
    before = [(settings.is_excluded(p), settings.ignored_codes_for(p)) for p in paths]
    copy = pickle.loads(pickle.dumps(settings))
    assert copy == settings and copy is not settings
    assert copy.config_file == settings.config_file and copy.root == settings.root
    assert copy.schema_file == settings.schema_file
    assert [(copy.is_excluded(p), copy.ignored_codes_for(p)) for p in paths] == before
    fresh = pickle.loads(pickle.dumps(load_settings(start=folder / "articles")))
    assert [(fresh.is_excluded(p), fresh.ignored_codes_for(p)) for p in paths] == before


def test_model_dump_is_kept_for_callers_of_the_pydantic_model(project: Path) -> None:
    settings = load_settings(None, True, {"select": ["NL1"], "unsafe-fixes": True})
    assert settings.model_dump(by_alias=True, exclude_defaults=True) == {
        "select": ["NL1"],
        "unsafe-fixes": True,
    }
    assert settings.model_dump(exclude_defaults=True) == {"select": ["NL1"], "unsafe_fixes": True}
    assert settings.model_dump(by_alias=True) == settings.as_toml(exclude_defaults=False)
    assert list(settings.model_dump()) == [
        "extend",
        "select",
        "extend_select",
        "ignore",
        "per_file_ignores",
        "include",
        "extend_include",
        "exclude",
        "extend_exclude",
        "force_exclude",
        "respect_gitignore",
        "unsafe_fixes",
        "schema_",
        "dataset_fields",
        "record_settings",
        "site_key",
        "site_profile_",
        "rule_options",
    ]
