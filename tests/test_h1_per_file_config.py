"""Settings per file (issue 15): each checked file gets its closest configuration file, as in
Ruff, so that CI (``newslint corpus/``) and pre-commit (``newslint corpus/ru/x.jsonl``) agree,
with worker processes, the cache, ``--fix``, baselines and the corpus pass.

The corpora are written here: a Russian folder whose JSONL names the body ``text`` (with its
own ``newslint.toml``) and an English folder in the schema's own names.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newslint import scheduler
from newslint.cli import main
from newslint.run import Run
from newslint.statistics import DomainCounts

RU = [
    {
        "title": "Совет одобрил бюджет",
        "url": "https://example.ru/2024/budget",
        "text": "**Совет** одобрил бюджет города в пятницу после долгих споров.",
    },
    {
        "title": "Мост открыт",
        "url": "https://example.ru/2024/bridge",
        "text": "Новый мост через реку открыли спустя десять лет после начала работ.",
    },
]
EN = {
    "title": "Council approves the budget",
    "url": "https://example.org/2024/budget",
    "body": "The **council** approved the city budget on Friday after a long debate.",
}
CLEAN_RU = {
    "title": "Дождь затопил город",
    "url": "https://example.ru/2024/rain",
    "text": "Сильный дождь затопил нижний город второй раз за год.",
}


def _jsonl(records: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``corpus/ru`` (its own configuration: ``[fields] body = "text"``) and ``corpus/en``
    (none), in a project folder that is the working folder, as in CI and pre-commit."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus" / "ru").mkdir(parents=True)
    (tmp_path / "corpus" / "en").mkdir()
    (tmp_path / "corpus" / "ru" / "newslint.toml").write_text(
        '[fields]\nbody = "text"\n', encoding="utf-8"
    )
    (tmp_path / "corpus" / "ru" / "x.jsonl").write_text(_jsonl(RU), encoding="utf-8")
    (tmp_path / "corpus" / "en" / "y.json").write_text(json.dumps(EN), encoding="utf-8")
    return tmp_path / "corpus"


def _problems(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[tuple[Any, ...]]]:
    code = main(["--format", "json", *args])
    out = capsys.readouterr().out
    return code, [(d["path"], d["line"], d["code"], d["field"]) for d in json.loads(out)]


def _keys(capsys: pytest.CaptureFixture[str], *args: str) -> list[tuple[str, int, str]]:
    code, found = _problems(capsys, *args)
    assert code in (0, 1), found
    return [(Path(name).as_posix(), row, rule) for name, row, rule, _ in found]


def test_the_folder_and_the_file_report_the_same_problems(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's scenario: corpus/ru/newslint.toml applies to ``newslint corpus/`` too."""
    whole = _keys(capsys, "--no-cache", "corpus")
    ru = [key for key in whole if key[0].startswith("corpus/ru/")]
    assert ru == [("corpus/ru/x.jsonl", 1, "NL101")]  # read through the map: no NL001
    assert _keys(capsys, "--no-cache", "corpus/ru/x.jsonl") == ru
    assert _keys(capsys, "--no-cache", "corpus/ru") == ru
    en = [key for key in whole if key[0].startswith("corpus/en/")]
    assert en == [("corpus/en/y.json", 1, "NL101")]
    # pre-commit's way: the changed files, in any order.
    both = _keys(capsys, "--no-cache", "corpus/ru/x.jsonl", "corpus/en/y.json")
    assert sorted(both) == sorted(whole)
    assert _keys(capsys, "--no-cache", "corpus/en/y.json", "corpus/ru/x.jsonl") == both


def test_a_pyproject_table_applies_per_file_too(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus / "ru" / "newslint.toml").unlink()
    (corpus / "ru" / "pyproject.toml").write_text(
        '[project]\nname = "ru"\n[tool.newslint.fields]\nbody = "text"\n', encoding="utf-8"
    )
    assert _keys(capsys, "--no-cache", "corpus") == [
        ("corpus/en/y.json", 1, "NL101"),
        ("corpus/ru/x.jsonl", 1, "NL101"),
    ]


def test_without_the_per_file_configuration_the_mapped_body_is_missing(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the issue saw (and what --isolated still does): the ``text`` key is not a body."""
    found = _keys(capsys, "--no-cache", "--isolated", "corpus")
    assert ("corpus/ru/x.jsonl", 1, "NL001") in found  # required field 'body' is missing
    assert ("corpus/ru/x.jsonl", 1, "NL101") not in found


def test_clean_records_under_a_field_map_are_not_flagged(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus / "ru" / "x.jsonl").write_text(_jsonl([CLEAN_RU, CLEAN_RU]), encoding="utf-8")
    assert main(["--no-cache", "corpus"]) == 1  # only the English article
    out = capsys.readouterr().out
    assert "corpus/ru" not in out and "corpus/en/y.json:1:" in out
    (corpus / "en" / "y.json").unlink()
    assert main(["--no-cache", "corpus"]) == 0


def test_the_flags_go_on_top_of_each_files_configuration(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _keys(capsys, "--no-cache", "--select", "NL0", "corpus") == []  # no NL001 either
    assert _keys(capsys, "--no-cache", "--ignore", "NL101", "corpus") == []


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("cache", [False, True])
def test_worker_processes_and_the_cache_give_the_same_report(
    corpus: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    jobs: str,
    cache: bool,
) -> None:
    monkeypatch.setattr(scheduler, "POOL_MIN_BYTES", 0)  # a pool even for small files
    monkeypatch.setattr(scheduler, "BATCH_FILES", 1)  # a task per file: both profiles travel
    for n in range(3):
        (corpus / "ru" / f"more{n}.jsonl").write_text(_jsonl(RU), encoding="utf-8")
    expected = _keys(capsys, "--no-cache", "-j", "1", "corpus")
    flags = ["-j", jobs] if cache else ["-j", jobs, "--no-cache"]
    assert _keys(capsys, *flags, "corpus") == expected
    assert _keys(capsys, *flags, "corpus") == expected  # warm (from the cache, when on)
    assert len(expected) == 5 and {key[2] for key in expected} == {"NL101"}


def test_a_big_jsonl_file_in_chunks_is_read_with_its_own_configuration(
    corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scheduler, "CHUNK_BYTES", 256)
    monkeypatch.setattr(scheduler, "POOL_MIN_BYTES", 0)
    (corpus / "ru" / "x.jsonl").write_text(_jsonl(RU * 40), encoding="utf-8")
    found = _keys(capsys, "--no-cache", "-j", "2", "corpus")
    ru = [key for key in found if key[0] == "corpus/ru/x.jsonl"]
    assert [row for _, row, _ in ru] == list(range(1, 81, 2))
    assert {code for _, _, code in ru} == {"NL101"}
    assert main(["--no-cache", "-j", "2", "--fix", "corpus"]) == 0  # fixed chunk by chunk
    capsys.readouterr()
    lines = (corpus / "ru" / "x.jsonl").read_text(encoding="utf-8").splitlines()
    fixed = [json.loads(line) for line in lines]
    assert len(fixed) == 80 and all("**" not in record["text"] for record in fixed)
    assert fixed[0]["text"] == RU[0]["text"].replace("**", "") and fixed[1] == RU[1]


def test_the_cache_follows_a_changed_configuration(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Cache keys depend on the settings that apply to each file: editing corpus/ru's
    configuration re-checks corpus/ru, and corpus/en keeps its own entries."""
    assert len(_keys(capsys, "corpus")) == 2
    (corpus / "ru" / "newslint.toml").write_text(
        'extend-select = ["NL014"]\n[fields]\nbody = "text"\n', encoding="utf-8"
    )
    found = _keys(capsys, "corpus")
    assert ("corpus/ru/x.jsonl", 1, "NL014") in found and ("corpus/ru/x.jsonl", 2, "NL014") in found
    assert not any(key[0] == "corpus/en/y.json" and key[2] == "NL014" for key in found)
    (corpus / "ru" / "newslint.toml").write_text(
        'ignore = ["NL101"]\n[fields]\nbody = "text"\n', encoding="utf-8"
    )
    assert _keys(capsys, "corpus") == [("corpus/en/y.json", 1, "NL101")]


def test_fix_writes_each_files_own_fields(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--no-cache", "--fix", "corpus"]) == 0
    capsys.readouterr()
    lines = (corpus / "ru" / "x.jsonl").read_text(encoding="utf-8").splitlines()
    fixed = [json.loads(line) for line in lines]
    assert fixed[0]["text"].startswith("Совет одобрил") and "body" not in fixed[0]
    assert fixed[1] == RU[1]
    english = json.loads((corpus / "en" / "y.json").read_text(encoding="utf-8"))
    assert english["body"].startswith("The council approved")
    assert main(["--no-cache", "corpus"]) == 0


def test_unsafe_fixes_from_one_folders_configuration_only(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``unsafe-fixes = true`` in corpus/ru applies to its files, not to corpus/en's."""
    promo = "\n\nRead more: Other story about the council"
    english = {**EN, "body": "The council approved the budget.\n\nRelated: Other story today"}
    (corpus / "en" / "y.json").write_text(json.dumps(english), encoding="utf-8")
    record = {**CLEAN_RU, "text": CLEAN_RU["text"] + promo.replace("Read more", "Related")}
    (corpus / "ru" / "x.jsonl").write_text(_jsonl([record]), encoding="utf-8")
    before = _keys(capsys, "--no-cache", "corpus")
    assert {key[0] for key in before if key[2] == "NL401"} == {
        "corpus/en/y.json",
        "corpus/ru/x.jsonl",
    }
    (corpus / "ru" / "newslint.toml").write_text(
        'unsafe-fixes = true\n[fields]\nbody = "text"\n', encoding="utf-8"
    )
    main(["--no-cache", "--fix", "corpus"])
    capsys.readouterr()
    after = _keys(capsys, "--no-cache", "corpus")
    assert ("corpus/en/y.json", 1, "NL401") in [k for k in after if k[2] == "NL401"]
    assert not any(k[0] == "corpus/ru/x.jsonl" and k[2] == "NL401" for k in after)


def test_a_baseline_of_the_folder_serves_a_check_of_one_file(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Written by CI over the folder (inside it, even), read by pre-commit for one file."""
    baseline = corpus / "newslint-baseline.json"
    assert main(["--no-cache", "--write-baseline", str(baseline), "corpus"]) == 0
    assert "Wrote 2 problems" in capsys.readouterr().out
    assert main(["--no-cache", "--baseline", str(baseline), "corpus/ru/x.jsonl"]) == 0
    assert main(["--no-cache", "--baseline", str(baseline), "corpus"]) == 0
    out = capsys.readouterr().out
    assert "newslint-baseline.json:" not in out and "NL001" not in out
    assert "2 known problems hidden" in out
    (corpus / "ru" / "x.jsonl").write_text(_jsonl([*RU, RU[0]]), encoding="utf-8")
    assert main(["--no-cache", "--baseline", str(baseline), "corpus/ru/x.jsonl"]) == 1
    assert "corpus/ru/x.jsonl:3:" in capsys.readouterr().out


def test_the_corpus_pass_reads_each_file_with_its_own_field_map(
    corpus: Path, tmp_path: Path
) -> None:
    (corpus / "ru" / "newslint.toml").write_text(
        '[fields]\nbody = "text"\nurl = "link"\n', encoding="utf-8"
    )
    moved = [{**{k: v for k, v in r.items() if k != "url"}, "link": r["url"]} for r in RU]
    (corpus / "ru" / "x.jsonl").write_text(_jsonl(moved), encoding="utf-8")
    run = Run.configure(start="corpus")
    learned = run.learn(["corpus"], jobs=1, kinds=[DomainCounts]).get(DomainCounts)
    assert learned is not None
    assert learned.articles == {"example.ru": 2, "example.org": 1}
    isolated = Run.configure(isolated=True, start="corpus")
    alone = isolated.learn(["corpus"], jobs=1, kinds=[DomainCounts]).get(DomainCounts)
    assert alone is not None and alone.articles == {"(no url)": 2, "example.org": 1}


MENU = "Главная\nНовости\nСпорт\nПогода"
FOOTER = "О нас\nКонтакты\nРеклама\n© 2024 Пример"
STORIES = [
    "Совет одобрил бюджет города в пятницу после долгих споров.",
    "Новый мост через реку открыли спустя десять лет после начала работ.",
    "Сильный дождь затопил нижний город второй раз за год.",
    "Музей вернул семье две картины, потерянные в 1938 году.",
    "Рабочие железной дороги объявили забастовку в пятницу.",
    "Мэр сказала, что не будет баллотироваться снова.",
]


def test_a_folder_that_selects_the_site_rule_gets_its_corpus_pass(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """NL408 selected by corpus/ru's configuration only: the pass learns the site's menu from
    the ``text`` field, and corpus/en (NL408 not selected) is not flagged by it."""
    pages = [
        {
            "title": f"Статья {n}",
            "url": f"https://example.ru/2024/{n}",
            "text": f"{MENU}\n\n{s}\n\n{FOOTER}",
        }
        for n, s in enumerate(STORIES)
    ]
    (corpus / "ru" / "x.jsonl").write_text(_jsonl(pages), encoding="utf-8")
    (corpus / "ru" / "newslint.toml").write_text(
        'extend-select = ["NL408"]\n[fields]\nbody = "text"\n', encoding="utf-8"
    )
    found = _keys(capsys, "--no-cache", "corpus")
    nl408 = [key for key in found if key[2] == "NL408"]
    assert {key[0] for key in nl408} == {"corpus/ru/x.jsonl"}
    assert len(nl408) == 2 * len(STORIES)  # each page's menu and footer
    assert ("corpus/ru/x.jsonl", 1, "NL001") not in found


def test_show_settings_names_the_file_and_its_settings(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--show-settings", "corpus/ru/x.jsonl"]) == 0
    out = capsys.readouterr().out
    assert "# Settings for corpus/ru/x.jsonl" in out
    assert f"# Configuration file: {Path('corpus/ru/newslint.toml')}" in out
    assert '[fields]\nbody = "text"' in out and "NL101" in out and "NL309" not in out
    assert main(["--show-settings", "--extend-select", "NL309", "corpus/en/y.json"]) == 0
    out = capsys.readouterr().out
    assert "# Configuration file: (none: defaults)" in out
    assert 'extend-select = ["NL309"]' in out and "NL309" in out.splitlines()[2]
    assert "[fields]\n" in out and 'body = "text"' not in out


def test_show_settings_prints_toml_that_reads_back(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tomllib = pytest.importorskip("tomllib")
    (corpus / "ru" / "newslint.toml").write_text(
        'ignore = ["NL5"]\n[per-file-ignores]\n"a b/*.txt" = ["NL1"]\n'
        '[fields]\nbody = "text"\n[rules.NL402]\nextra-phrases = ["Читайте также"]\n',
        encoding="utf-8",
    )
    assert main(["--show-settings", "corpus/ru"]) == 0
    shown = tomllib.loads(capsys.readouterr().out)
    assert shown["ignore"] == ["NL5"]
    assert shown["per-file-ignores"] == {"a b/*.txt": ["NL1"]}
    assert shown["fields"] == {"body": "text"}
    assert shown["rules"] == {"NL402": {"extra-phrases": ["Читайте также"]}}
    assert shown["exclude"][0] == ".git" and shown["force-exclude"] is False
    assert "select" not in shown  # not set: the rules enabled by default


def test_show_files_honours_each_folders_exclusions(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus / "ru" / "newslint.toml").write_text(
        'extend-exclude = ["drafts"]\n[fields]\nbody = "text"\n', encoding="utf-8"
    )
    for folder in ("ru", "en"):
        (corpus / folder / "drafts").mkdir()
        (corpus / folder / "drafts" / "d.json").write_text(json.dumps(EN), encoding="utf-8")
    assert main(["--show-files", "corpus"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        str(Path("corpus/en/drafts/d.json")),
        str(Path("corpus/en/y.json")),
        str(Path("corpus/ru/x.jsonl")),
    ]
    found = _keys(capsys, "--no-cache", "corpus")
    assert [key[0] for key in found] == [
        "corpus/en/drafts/d.json",
        "corpus/en/y.json",
        "corpus/ru/x.jsonl",
    ]


def test_a_bad_configuration_under_a_folder_is_a_one_line_error(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus / "en" / "newslint.toml").write_text("select = [\n", encoding="utf-8")
    for flags in ([], ["--show-files"], ["--fix"], ["--write-baseline", "b.json"]):
        assert main([*flags, "corpus"]) == 2, flags
        captured = capsys.readouterr()
        errors = captured.err.strip().splitlines()
        assert len(errors) == 1 and "Traceback" not in captured.err
        assert errors[0].startswith("newslint: error: ")
        assert str(Path("corpus/en/newslint.toml")) + ": invalid TOML" in errors[0]
    assert json.loads((corpus / "en" / "y.json").read_text(encoding="utf-8")) == EN
    assert not Path("b.json").exists()
    (corpus / "en" / "newslint.toml").write_text('select = ["NL999"]\n', encoding="utf-8")
    assert main(["corpus/ru"]) == 1  # only the folders that are checked are read
    capsys.readouterr()
    assert main(["corpus"]) == 2
    assert "unknown rule selector 'NL999'" in capsys.readouterr().err


def test_a_file_under_no_configuration_gets_the_working_folders(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As in Ruff: the fallback is the configuration found from the working folder, so the
    order of the paths does not matter."""
    (tmp_path / "newslint.toml").write_text('ignore = ["NL101"]\n', encoding="utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.json"
    outside.write_text(json.dumps(EN), encoding="utf-8")
    try:
        first = _keys(capsys, "--no-cache", "corpus/ru/x.jsonl", str(outside))
        second = _keys(capsys, "--no-cache", str(outside), "corpus/ru/x.jsonl")
    finally:
        outside.unlink()
    assert sorted(first) == sorted(second)
    assert [key[0] for key in first] == ["corpus/ru/x.jsonl"]  # ru keeps NL101: its own file


def test_newslint_learn_reads_each_file_with_its_own_field_map(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``newslint learn corpus/`` learns corpus/ru's menu from its ``text`` field, and a
    configured profile that does not exist yet is no obstacle to writing it."""
    pages = [
        {
            "title": f"Статья {n}",
            "url": f"https://example.ru/2024/{n}",
            "text": f"{MENU}\n\n{story}\n\n{FOOTER}",
        }
        for n, story in enumerate(STORIES)
    ]
    (corpus / "ru" / "x.jsonl").write_text(_jsonl(pages), encoding="utf-8")
    (corpus / "ru" / "newslint.toml").write_text(
        'extend-select = ["NL408"]\nsite-profile = "../../sites.json"\n[fields]\nbody = "text"\n',
        encoding="utf-8",
    )
    assert main(["learn", "corpus", "-o", "sites.json"]) == 0
    capsys.readouterr()
    profile = json.loads(Path("sites.json").read_text(encoding="utf-8"))
    assert profile["sites"]["example.ru"]["pages"] == len(STORIES)
    assert profile["sites"]["example.ru"]["lines"]["главная"] == len(STORIES)  # normalised
    assert "example.org" in profile["sites"]  # corpus/en, read in the schema's names
    # The check of one file then finds what the corpus pass finds.
    found = _keys(capsys, "--no-cache", "corpus/ru/x.jsonl")
    assert len([key for key in found if key[2] == "NL408"]) == 2 * len(STORIES)
