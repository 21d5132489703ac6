"""The benchmark corpus generator: deterministic, readable by newslint, and honest.

Recall and precision here are measured with newslint's real engine on generated
records: every injected artefact must be reported by its rule, and records without
artefacts (including their French, German, Spanish and Russian paragraphs) must get
no diagnostic at all.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from benchmarks import generate, run
from benchmarks.corpus import (
    ARTEFACT_KINDS,
    EXPECTED_CODES,
    article_to_txt,
    generate_records,
    generate_records_with_truth,
    write_big_jsonl,
    write_corpus,
)
from newslint.diagnostics import Diagnostic
from newslint.readers.text import TextReader
from newslint.registry import all_rules
from newslint.rule import Rule
from newslint.runner import Options, process_data, process_file
from newslint.selection import select_rules

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "schemas" / "article.schema.json").read_text()
)
# The field each artefact kind is injected into.
EXPECTED_FIELD = {kind: "body" for kind in ARTEFACT_KINDS} | {
    "markdown-credit": "caption",
    "split-url": "url",
}
TruthRecords = list[tuple[dict[str, Any], list[str]]]


@pytest.fixture(scope="module")
def rules() -> tuple[Rule, ...]:
    return select_rules(all_rules())


@pytest.fixture(scope="module")
def damaged() -> TruthRecords:
    return generate_records_with_truth(70, seed=11, artefact_share=1.0)


@pytest.fixture(scope="module")
def clean() -> TruthRecords:
    return generate_records_with_truth(40, seed=12, artefact_share=0.0)


def _diagnostics(record: dict[str, Any], rules: tuple[Rule, ...], fmt: str) -> list[Diagnostic]:
    """newslint's diagnostics for ``record`` written as a .json or a .txt file."""
    if fmt == "json":
        data = json.dumps(record, ensure_ascii=False).encode()
    else:
        data = article_to_txt(record).encode()
    result, _ = process_data(f"article.{fmt}", data, rules, Options())
    assert result.errors == []
    return result.diagnostics


def test_same_seed_same_records_and_prefixes_agree() -> None:
    first = generate_records_with_truth(25, seed=3)
    assert first == generate_records_with_truth(25, seed=3)
    assert generate_records(10, seed=3) == [record for record, _ in first[:10]]
    assert generate_records(25, seed=4) != [record for record, _ in first]


def test_records_follow_the_schema_and_look_like_news(clean: TruthRecords) -> None:
    lengths = []
    for record, kinds in clean:
        assert kinds == []
        jsonschema.validate(record, SCHEMA)
        assert set(record) <= {"title", "byline", "published", "url", "caption", "body", "related"}
        paragraphs = record["body"].split("\n\n")
        assert len(paragraphs) >= 4 and all(p.strip() == p and p for p in paragraphs)
        lengths.append(len(record["body"]))
    assert min(lengths) >= 1500 and max(lengths) <= 7000
    assert 2800 <= sum(lengths) / len(lengths) <= 4300


def test_artefact_share_is_respected() -> None:
    truth = generate_records_with_truth(300, seed=5, artefact_share=0.3)
    share = sum(1 for _, kinds in truth if kinds) / len(truth)
    assert 0.22 <= share <= 0.38
    assert all(not kinds for _, kinds in generate_records_with_truth(50, artefact_share=0.0))


def test_txt_rendering_reads_back_field_for_field(damaged: TruthRecords) -> None:
    reader = TextReader()
    for record, _ in damaged[:40]:
        articles, errors = reader.parse("a.txt", article_to_txt(record))
        assert errors == [] and len(articles) == 1
        values = articles[0].values
        for name in ("title", "byline", "published", "url", "caption", "body", "related"):
            assert values.get(name) == record.get(name), name


@pytest.mark.parametrize("fmt", ["json", "txt"])
def test_every_injected_artefact_is_reported_by_its_rule(
    damaged: TruthRecords, rules: tuple[Rule, ...], fmt: str
) -> None:
    seen: Counter[str] = Counter()
    for index, (record, kinds) in enumerate(damaged):
        found = {(d.code, d.field) for d in _diagnostics(record, rules, fmt)}
        for kind in kinds:
            seen[kind] += 1
            assert (EXPECTED_CODES[kind], EXPECTED_FIELD[kind]) in found, (index, kind, found)
    assert set(seen) == set(ARTEFACT_KINDS)


@pytest.mark.parametrize("fmt", ["json", "txt"])
def test_clean_records_get_no_diagnostics(
    clean: TruthRecords, rules: tuple[Rule, ...], fmt: str
) -> None:
    for index, (record, _) in enumerate(clean):
        assert _diagnostics(record, rules, fmt) == [], index
    bodies = " ".join(record["body"] for record, _ in clean)
    assert any(letter in bodies for letter in "éäüñ") and "ы" in bodies  # foreign text is there


def test_write_corpus_lays_out_txt_and_jsonl(tmp_path: Path, rules: tuple[Rule, ...]) -> None:
    summary = write_corpus(tmp_path, 21, seed=2, txt_share=0.5, jsonl_files=2)
    txt = sorted((tmp_path / "txt").rglob("*.txt"))
    jsonl = sorted((tmp_path / "jsonl").glob("*.jsonl"))
    assert (len(txt), len(jsonl)) == (summary["txt_articles"], 2) == (10, 2)
    lines = [line for path in jsonl for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == summary["jsonl_articles"] == 11
    assert summary["articles"] == 21 and summary["files"] == 12
    assert summary["bytes"] == sum(path.stat().st_size for path in txt + jsonl)
    assert {json.loads(line)["url"] for line in lines}.isdisjoint(
        {path.read_text(encoding="utf-8").rsplit("\n", 1)[-1] for path in txt}
    )
    for path in txt + jsonl:
        assert process_file(str(path), rules, Options()).errors == []


def test_big_jsonl_stops_at_the_target(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    count = write_big_jsonl(path, 40_000, seed=1)
    lines = path.read_bytes().splitlines(keepends=True)
    assert count == len(lines)
    assert sum(map(len, lines[:-1])) < 40_000 <= path.stat().st_size
    assert [json.loads(line) for line in lines] == generate_records(count, seed=1)


def test_generate_cli_writes_and_refuses_a_full_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert generate.main([str(out), "--articles", "6", "--txt-share", "0.5"]) == 0
    assert len(list((out / "corpus" / "txt").rglob("*.txt"))) == 3
    assert generate.main([str(out), "--articles", "6"]) == 2
    assert "exists and is not an empty folder" in capsys.readouterr().err


def test_run_drops_flags_newslint_does_not_know(tmp_path: Path) -> None:
    bench = run.Bench(tmp_path, ["newslint"], {"--fix", "--jobs"}, {})
    assert bench.flags("--no-cache", "--jobs", "2", "--cache-dir", "c", "--fix") == [
        "--jobs",
        "2",
        "--fix",
    ]


def test_run_measures_floor_and_ftfy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    skip = "check-1,check-n,fix,cache,startup,big"
    code = run.main(["--articles", "8", "--skip", skip, "--work-dir", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0
    floor = next(line for line in out.splitlines() if line.startswith("| floor"))
    assert floor.split("|")[7].strip() == "1.00"  # its own ratio to the floor
    assert "| peer: ftfy.fix_text" in out and "8 articles" in out
