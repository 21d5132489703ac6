"""Ray Data integration on a local Ray instance: datasets and ``--engine ray`` against the CLI."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.integration
ray = pytest.importorskip("ray")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

import newslint  # noqa: E402
import newslint.ray as newslint_ray  # noqa: E402
from benchmarks.corpus import generate_records  # noqa: E402
from newslint.cli import main  # noqa: E402
from tests.test_api import write_jsonl  # noqa: E402

COUNT = 200


@pytest.fixture(scope="module", autouse=True)
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return [
        {"id": index, **record}
        for index, record in enumerate(generate_records(COUNT, seed=11, artefact_share=0.6))
    ]


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--isolated", *args])
    return code, capsys.readouterr().out


def _present(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if value is not None}


def test_check_dataset_adds_the_library_diagnostics(records: list[dict[str, Any]]) -> None:
    dataset = ray.data.from_items(records, override_num_blocks=4)
    checked = newslint_ray.check_dataset(dataset, batch_size=32)
    rows = sorted(checked.take_all(), key=lambda row: row["id"])
    assert len(rows) == COUNT
    expected = [[d.as_dict() for d in newslint.lint_record(r, drop_missing=True)] for r in records]
    assert [row["newslint"] for row in rows] == expected
    assert sum(map(len, expected)) > COUNT // 2
    assert checked.schema().base_schema.field("newslint").type == newslint_ray.DIAGNOSTICS_TYPE


def test_learn_dataset_is_the_corpus_pass_as_a_map_reduce(records: list[dict[str, Any]]) -> None:
    """Statistics learned batch by batch on the cluster, merged, equal one pass over the records."""
    from newslint.statistics import DomainCounts

    settings = newslint.Settings()
    dataset = ray.data.from_items(records, override_num_blocks=4)
    learned = newslint_ray.learn_dataset(dataset, settings, [DomainCounts], batch_size=16)
    expected = settings.learn_records(records, [DomainCounts], drop_missing=True)
    counts = learned.get(DomainCounts)
    assert counts is not None and learned == expected
    assert sum(counts.articles.values()) == COUNT and len(counts.articles) > 1


def test_site_boilerplate_is_learned_on_the_cluster_and_checked(
    records: list[dict[str, Any]],
) -> None:
    """NL408: check_dataset learns SiteLines as a map-reduce over the batches first, and
    finds what the library finds after learning from the same records."""
    from tests.test_rule_site_boilerplate import _site

    site = [{"id": 1000 + n, **record} for n, record in enumerate(_site(8))]
    rows_in = [*records[:40], *site]
    settings = newslint.Settings(select=["NL408"])
    dataset = ray.data.from_items(rows_in, override_num_blocks=4)
    checked = newslint_ray.check_dataset(dataset, settings, batch_size=8)
    rows = sorted(checked.take_all(), key=lambda row: row["id"])
    learned = settings.with_statistics(settings.learn_records(rows_in, drop_missing=True))
    expected = [[d.as_dict() for d in learned.lint_record(r, drop_missing=True)] for r in rows_in]
    assert [row["newslint"] for row in rows] == expected
    assert sum(1 for found in expected for d in found if d["code"] == "NL408") == 16


def test_fix_dataset_fixes_records_as_the_library_does(records: list[dict[str, Any]]) -> None:
    settings = newslint.Settings(extend_select=["NL014"], ignore=["NL503"])
    dataset = ray.data.from_items(records, override_num_blocks=4)
    fixed = newslint_ray.fix_dataset(dataset, settings, unsafe=True, batch_size=50)
    rows = sorted(fixed.take_all(), key=lambda row: row["id"])
    results = [newslint.fix_record(r, settings, unsafe=True, drop_missing=True) for r in records]
    assert [_present({k: v for k, v in row.items() if k != "newslint"}) for row in rows] == [
        _present(result.record) for result in results
    ]
    assert [row["newslint"] for row in rows] == [
        [d.as_dict() for d in result.remaining] for result in results
    ]
    assert sum(result.changed for result in results) > COUNT // 4


def _escaped_style(record: dict[str, Any]) -> str:
    """A record as some exporters write it: ASCII only, upper-case hex escapes, ``\\/``."""
    text = json.dumps(record, ensure_ascii=True).replace("/", "\\/")
    return re.sub(r"\\u([0-9a-f]{4})", lambda m: "\\u" + m.group(1).upper(), text)


def _corpus(tmp_path: Path, records: list[dict[str, Any]]) -> tuple[Path, list[Path]]:
    """Two JSONL files in a folder: raw UTF-8, and escaped (with CRLF and a blank line)."""
    assert any(not json.dumps(r, ensure_ascii=False).isascii() for r in records[: COUNT // 2])
    folder = tmp_path / "in"
    (folder / "b").mkdir(parents=True)
    first, second = folder / "a.jsonl", folder / "b" / "c.jsonl"
    # An ASCII line whose fix writes a non-ASCII character: escaped as the file escapes, not
    # as the line alone would suggest.
    ascii_line = {
        "title": "Caf&#233; owners protest",
        "url": "https://example.org/cafe",
        "body": "Owners of the caf&#233; said the rent had doubled.",
    }
    write_jsonl(first, [ascii_line, *records[: COUNT // 2]])
    lines = [_escaped_style(r) for r in [ascii_line, *records[COUNT // 2 :]]]
    assert any(re.search(r"\\u[0-9A-F]*[A-F]", line) for line in lines)
    second.write_bytes(
        ("\r\n".join(lines[:10]) + "\r\n\r\n" + "\r\n".join(lines[10:]) + "\r\n").encode()
    )
    return folder, [first, second]


def _report(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize(
    "flags", [[], ["--fix"], ["--fix", "--unsafe-fixes"]], ids=["check", "fix", "unsafe"]
)
def test_engine_matches_the_cli(
    records: list[dict[str, Any]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    flags: list[str],
) -> None:
    """Small byte ranges, so that records straddle them: every line is read exactly once."""
    monkeypatch.setattr(newslint_ray, "CHUNK_BYTES", 30_000)
    folder, files = _corpus(tmp_path, records)
    fix = "--fix" in flags
    copy = tmp_path / "cli"
    shutil.copytree(folder, copy)
    cli_files = [copy / f.relative_to(folder) for f in files]
    cli_code, concise = _cli(capsys, *flags, *map(str, cli_files))
    shutil.rmtree(copy)
    shutil.copytree(folder, copy)
    _, json_lines = _cli(capsys, *flags, "--output-format", "json-lines", *map(str, cli_files))
    cli_report = [json.loads(line) for line in json_lines.splitlines()]

    output = tmp_path / "out"
    settings = newslint.Settings(unsafe_fixes="--unsafe-fixes" in flags)
    code = newslint_ray.run_ray_engine(
        list(map(str, cli_files if not fix else files)), str(output), settings=settings, fix=fix
    )
    engine_out = capsys.readouterr().out
    assert code == cli_code
    assert engine_out.splitlines()[-1] == concise.splitlines()[-1]  # the summary
    report = _report(output / "diagnostics.jsonl")
    if fix:
        for item in report:  # the engine names the inputs it read, the CLI its copies
            item["path"] = str(copy / Path(item["path"]).relative_to(folder))
    if "--unsafe-fixes" not in flags:
        assert len(report) > COUNT // 4  # problems remain to compare
    assert report == cli_report
    if fix:
        for original, fixed_by_cli in zip(files, cli_files, strict=True):
            written = output / original.relative_to(folder)
            assert written.read_bytes() == fixed_by_cli.read_bytes()
            assert written.read_bytes() != original.read_bytes()
    else:
        assert sorted(p.name for p in output.iterdir()) == ["diagnostics.jsonl"]


def test_engine_reads_and_writes_parquet(records: list[dict[str, Any]], tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    keys = sorted({key for record in records for key in record})
    table = pa.Table.from_pylist([{k: r.get(k) for k in keys} for r in records])
    pq.write_table(table.slice(0, 120), folder / "a.parquet")
    pq.write_table(table.slice(120), folder / "b.parquet")
    output = tmp_path / "out"
    code = newslint_ray.run_ray_engine([str(folder)], str(output), fix=True, quiet=True)
    assert code == 1
    fixed = (
        pq.read_table(output / "a.parquet").to_pylist()
        + pq.read_table(output / "b.parquet").to_pylist()
    )
    rows = table.to_pylist()
    results = [newslint.fix_record(r, drop_missing=True) for r in rows]
    assert [_present(r) for r in fixed] == [_present(result.record) for result in results]
    report = _report(output / "diagnostics.jsonl")
    expected = [
        {
            "path": str(folder / ("a.parquet" if i < 120 else "b.parquet")),
            "record": i + 1 - (0 if i < 120 else 120),
            **d.as_dict(),
        }
        for i, result in enumerate(results)
        for d in result.remaining
    ]
    assert report == expected


def test_engine_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert newslint_ray.run_ray_engine([str(tmp_path / "missing.jsonl")], str(tmp_path / "o")) == 2
    assert newslint_ray.run_ray_engine([str(tmp_path / "notes.txt")], str(tmp_path / "o")) == 2
    (tmp_path / "empty.jsonl").write_bytes(b"")
    assert newslint_ray.run_ray_engine([str(tmp_path / "empty.jsonl")], str(tmp_path / "o")) == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"title": "A", "url": "https://a.org/x", "body": "Text."}\n{"title": \n', encoding="utf-8"
    )
    assert newslint_ray.run_ray_engine([str(bad)], str(tmp_path / "o2")) == 2
    err = capsys.readouterr().err
    assert "missing.jsonl: error: no such file or folder" in err
    assert "reads .jsonl and .parquet files" in err
    assert "empty.jsonl: error: file is empty" in err
    assert f"{bad}:2:" in err and "error: invalid JSON" in err


def test_cli_engine_flag(
    records: list[dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``newslint --engine ray [--fix] INPUT OUTPUT`` runs the engine with the CLI's settings."""
    source = tmp_path / "corpus.jsonl"
    write_jsonl(source, records[:60])
    copy = tmp_path / "copy.jsonl"
    shutil.copyfile(source, copy)
    cli_code, concise = _cli(capsys, "--fix", "--select", "NL1,NL3", str(copy))
    code, out = _cli(
        capsys, "--engine", "ray", "--fix", "--select", "NL1,NL3", str(source), str(tmp_path / "o")
    )
    assert (code, out.splitlines()[-1]) == (cli_code, concise.splitlines()[-1])
    assert (tmp_path / "o" / "corpus.jsonl").read_bytes() == copy.read_bytes()
    assert main(["--engine", "ray", str(source)]) == 2
    assert "needs INPUT... OUTPUT" in capsys.readouterr().err
