"""Ray Data integration on a local Ray instance: datasets and ``--engine ray`` against the CLI."""

from __future__ import annotations

import json
import logging
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
    ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False)
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
    """Small blocks and write tasks of few rows: every line is read exactly once, and each
    input's parts, in order, make the file the CLI fixes."""
    monkeypatch.setattr(newslint_ray, "BLOCK_BYTES", 30_000)
    monkeypatch.setattr(newslint_ray, "BYTES_PER_FILE", 20_000)
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
        list(map(str, cli_files if not fix else files)),
        str(output),
        settings=settings,
        fix=fix,
        options=newslint_ray.RayOptions(batch_size=16),
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
        assert sorted(p.name for p in output.iterdir()) == ["a.jsonl", "b", "diagnostics.jsonl"]
    else:
        assert sorted(p.name for p in output.iterdir()) == ["diagnostics.jsonl"]


def test_engine_reads_and_writes_parquet(
    records: list[dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Fixed rows in row groups of many rows (not one per row: the output is about the
    input's size), and the summary counts the fixes applied."""
    folder = tmp_path / "in"
    folder.mkdir()
    keys = sorted({key for record in records for key in record})
    table = pa.Table.from_pylist([{k: r.get(k) for k in keys} for r in records])
    pq.write_table(table.slice(0, 120), folder / "a.parquet")
    pq.write_table(table.slice(120), folder / "b.parquet")
    output = tmp_path / "out"
    capsys.readouterr()
    code = newslint_ray.run_ray_engine([str(folder)], str(output), fix=True)
    assert code == 1
    fixed = (
        pq.read_table(output / "a.parquet").to_pylist()
        + pq.read_table(output / "b.parquet").to_pylist()
    )
    parts = [p for p in output.rglob("*.parquet") if p.is_file()]
    assert parts
    rows = table.to_pylist()
    results = [newslint.fix_record(r, drop_missing=True) for r in rows]
    assert [_present(r) for r in fixed] == [_present(result.record) for result in results]
    groups = sum(pq.ParquetFile(part).metadata.num_row_groups for part in parts)
    assert groups <= 2 < COUNT
    size_in = sum(p.stat().st_size for p in folder.iterdir())
    assert sum(p.stat().st_size for p in parts) < 1.5 * size_in
    applied = sum(len(result.fixed) for result in results)
    remaining = sum(len(result.remaining) for result in results)
    assert applied > COUNT // 4
    assert f"({applied} fixed, {remaining} remaining)" in capsys.readouterr().out
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
    assert newslint_ray.run_ray_engine([str(bad)], str(tmp_path), fix=True) == 2
    (tmp_path / "used" / "old").mkdir(parents=True)
    assert newslint_ray.run_ray_engine([str(bad)], str(tmp_path / "used"), fix=True) == 2
    err = capsys.readouterr().err
    assert f"newslint: error: {tmp_path}: OUTPUT holds input files" in err
    assert f"newslint: error: {tmp_path / 'used'}: OUTPUT is not empty" in err
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


# -- bad rows, URIs, options, quiet logs (issue 15) --------------------------------------------

GOOD = {"title": "Council approves budget", "url": "https://example.org/a", "body": "Text."}


def _errors(entries: list[dict[str, Any]]) -> list[str]:
    return [e["message"] for e in entries if e["code"] == newslint_ray.ERROR_CODE]


def test_bad_rows_get_an_error_entry_and_the_job_goes_on() -> None:
    """bytes and a record too large are errors of their own row; None, a missing field and
    an object where text belongs are ordinary diagnostics; no row is lost."""
    rows = [
        {"id": 0, **GOOD},
        {"id": 1, **GOOD, "body": b"bytes"},
        {"id": 2, **GOOD, "body": None},
        {"id": 3, "url": "https://example.org/b", "body": "Only a body."},
        {"id": 4, **GOOD, "body": "Long text. " * 500},
        {"id": 5, **GOOD},
    ]
    dataset = ray.data.from_items(rows, override_num_blocks=len(rows))
    checked = newslint_ray.check_dataset(dataset, batch_size=1, max_record_size=4000)
    found = {row["id"]: row["newslint"] for row in checked.take_all()}
    assert sorted(found) == [0, 1, 2, 3, 4, 5]
    assert _errors(found[1]) == [
        "record is not serialisable as JSON: bytes is not JSON serialisable"
    ]
    size = sum(len(value) for value in rows[4].values() if isinstance(value, str))
    assert size > 4000
    assert _errors(found[4]) == [
        f"record is too large to check: {size} characters of text (the limit is 4000)"
    ]
    for clean in (0, 2, 3, 5):
        assert _errors(found[clean]) == []
    assert {e["code"] for e in found[2]} == {"NL001"}
    assert [e["message"] for e in found[3]] == ["required field 'title' is missing"]
    assert found[0] == [d.as_dict() for d in newslint.lint_record(GOOD)]
    total = newslint_ray.summarize(checked)
    assert (total.rows, total.failed) == (6, 2)
    assert total.problems == sum(len(v) for v in found.values()) - 2
    assert sorted(total.errors) == sorted(_errors(found[1]) + _errors(found[4]))

    fixed = newslint_ray.fix_dataset(dataset, batch_size=1, max_record_size=4000)
    by_id = {row["id"]: row for row in fixed.take_all()}
    assert by_id[1]["body"] == b"bytes" and _errors(by_id[1]["newslint"]) == _errors(found[1])
    assert by_id[4]["body"] == rows[4]["body"]
    assert newslint_ray.summarize(fixed).failed == 2


def test_a_record_that_is_not_a_dict_is_an_error_entry() -> None:
    """The row step itself (no cluster): a record that is not a dict, next to one that is."""
    from newslint.run import Run

    settings = Run.of(newslint.Settings())
    limit = newslint_ray.MAX_RECORD_SIZE
    entries, reason = newslint_ray._lint_one(settings, ["not", "a", "dict"], True, limit)
    assert reason == "a record must be a dict, not list"
    assert _errors(entries) == [reason]
    entries, reason = newslint_ray._lint_one(settings, GOOD, True, limit)
    assert reason is None and _errors(entries) == []
    table = pa.table({"title": ["A title"], "body": [b"raw"]})
    out = newslint_ray._check_batch(table, settings, "newslint", True)
    assert out.schema.field("newslint").type == newslint_ray.DIAGNOSTICS_TYPE
    assert len(_errors(out.column("newslint").to_pylist()[0])) == 1


def test_engine_counts_bad_lines_and_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSONL lines that are not JSON, not an object, not UTF-8 or too large, and a Parquet
    file whose body is bytes: each is an error of its own, counted, and the rest is fixed."""
    good = json.dumps({**GOOD, "body": "Text  with  spaces."})
    source = tmp_path / "in.jsonl"
    lines = [good, '{"title": ', "[1, 2]", '"text"', good, good.replace("Text", "x" * 900)]
    source.write_bytes(("\n".join(lines) + "\n").encode() + b'{"body": "\xff"}\n' + b"\n")
    capsys.readouterr()
    output = tmp_path / "out"
    code = newslint_ray.run_ray_engine([str(source)], str(output), fix=True, max_record_size=500)
    assert code == 2
    out, err = capsys.readouterr()
    assert f"{source}:2:" in err and "invalid JSON" in err
    assert f"{source}:6: error: line is too large to check" in err
    errors = (output / "errors.txt").read_text(encoding="utf-8").splitlines()
    assert [e.split(":")[1] for e in errors] == ["2", "3", "4", "6", "7"]
    assert "5 errors: some input could not be checked" in out
    written = (output / "in.jsonl").read_bytes().split(b"\n")
    assert len(written) == len(lines) + 3  # every line, fixed or kept, and the blank one
    assert written[0] == written[4] != good.encode()  # fixed
    assert written[1:4] == [line.encode() for line in lines[1:4]]

    folder = tmp_path / "parquet"
    folder.mkdir()
    pq.write_table(pa.Table.from_pylist([GOOD, {**GOOD, "title": "Second"}]), folder / "a.parquet")
    bad = [{**GOOD, "body": b"bytes"}, {**GOOD, "body": b"more"}]
    pq.write_table(pa.Table.from_pylist(bad), folder / "b.parquet")
    (folder / "c.parquet").write_bytes(b"PAR1 not Parquet PAR1")  # a corrupt file: one error
    code = newslint_ray.run_ray_engine([str(folder)], str(tmp_path / "pout"), fix=True)
    out, err = capsys.readouterr()
    assert code == 2
    assert f"{folder}/b.parquet: record 1: error: record is not serialisable as JSON" in err
    assert f"{folder}/b.parquet: record 2: error:" in err
    assert f"{folder}/c.parquet: error: cannot read: " in err and "Traceback" not in err
    assert "3 errors: some input could not be checked" in out
    assert not (tmp_path / "pout" / "c.parquet").exists()
    assert pq.read_table(tmp_path / "pout" / "a.parquet").num_rows == 2
    kept = pq.read_table(tmp_path / "pout" / "b.parquet").to_pylist()
    assert [_present(row) for row in kept] == bad  # as they were (plus an empty related)


def test_engine_reads_and_writes_uris(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``file://`` URIs in and out; ``s3://bucket/out/`` goes to the URI's filesystem (here
    a stand-in bucket), never to a local folder named ``s3:``."""
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "corpus"
    source.mkdir()
    write_jsonl(source / "a.jsonl", [GOOD, {**GOOD, "body": "Text  with  spaces."}])
    named_twice = [f"file://{source}", f"file://{source}/a.jsonl"]  # read once
    code = newslint_ray.run_ray_engine(named_twice, f"file://{tmp_path}/o1", quiet=True)
    assert code == 1
    report = _report(tmp_path / "o1" / "diagnostics.jsonl")
    assert [(item["path"], item["code"]) for item in report] == [
        (f"file://{source}/a.jsonl", "NL502")
    ] * 2

    bucket = tmp_path / "bucket"
    bucket.mkdir()
    real = newslint_ray._filesystem_of
    seen: list[str] = []

    def fake(location: str) -> tuple[Any, str]:
        if location.startswith("s3://"):
            seen.append(location)
            return pa.fs.SubTreeFileSystem(str(bucket), pa.fs.LocalFileSystem()), location[5:]
        return real(location)

    monkeypatch.setattr(newslint_ray, "_filesystem_of", fake)
    code = newslint_ray.run_ray_engine(
        [str(source / "a.jsonl")], "s3://my-bucket/out/", fix=True, quiet=True
    )
    assert code == 0 and seen == ["s3://my-bucket/out/"]  # fixed: nothing remains
    written = sorted(p.name for p in (bucket / "my-bucket" / "out").iterdir())
    assert written == ["a.jsonl", "diagnostics.jsonl"]
    (part,) = (bucket / "my-bucket" / "out" / "a.jsonl").iterdir()  # parts: not assembled
    assert part.name.startswith("part-") and b"Text with spaces." in part.read_bytes()
    assert not any(p.name.startswith("s3") for p in tmp_path.iterdir())


def test_an_unreachable_bucket_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No credentials (or no network): one line naming the URI, no traceback, no local
    folder named ``s3:``."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    source = tmp_path / "a.jsonl"
    write_jsonl(source, [GOOD])
    capsys.readouterr()
    code = newslint_ray.run_ray_engine([str(source)], "s3://newslint-no-such-bucket/out/")
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("newslint: error: s3://newslint-no-such-bucket/out/: cannot open: ")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl"]


def test_ray_options_are_passed_through(monkeypatch: pytest.MonkeyPatch) -> None:
    """concurrency, num_cpus and ray_remote_args reach ``map_batches``; bad JSON in
    ``NEWSLINT_RAY_OPTIONS`` is a one-line error."""
    options = newslint_ray.RayOptions(
        concurrency=(1, 2), num_cpus=0.5, ray_remote_args={"memory": 1 << 20}
    )
    calls: list[dict[str, Any]] = []

    class Recorder:
        def map_batches(self, fn: Any, **kwargs: Any) -> str:
            calls.append(kwargs)
            return "mapped"

    assert newslint_ray.check_dataset(Recorder(), options=options) == "mapped"  # type: ignore[arg-type]
    assert newslint_ray.fix_dataset(Recorder(), options=options) == "mapped"  # type: ignore[arg-type]
    for kwargs in calls:
        assert kwargs["concurrency"] == (1, 2) and kwargs["num_cpus"] == 0.5
        assert kwargs["memory"] == 1 << 20
    assert "concurrency" not in newslint_ray.RayOptions().map_kwargs()

    parsed = newslint_ray.RayOptions.parse(
        '{"concurrency": [1, 4], "num_cpus": 1, "ray_remote_args": {"max_retries": 0}}', "X"
    )
    assert parsed.map_kwargs() == {"concurrency": (1, 4), "num_cpus": 1, "max_retries": 0}
    for text, reason in [
        ("{", "X: invalid JSON"),
        ('{"concurency": 2}', "X: unknown key 'concurency'"),
        ('{"concurrency": 0}', "X: concurrency: expected"),
        ('{"num_cpus": "two"}', "X: num_cpus: expected"),
    ]:
        with pytest.raises(ValueError, match=re.escape(reason)):
            newslint_ray.RayOptions.parse(text, "X")


def test_engine_runs_with_options_and_is_quiet(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Options from ``NEWSLINT_RAY_OPTIONS`` are accepted by Ray; with ``quiet`` nothing is
    printed (no Ray Data log, no progress bar) when there is no error."""
    source = tmp_path / "a.jsonl"
    write_jsonl(source, [GOOD, {**GOOD, "body": "Text  with  spaces."}])
    monkeypatch.setenv(
        newslint_ray.OPTIONS_VARIABLE,
        '{"concurrency": 1, "num_cpus": 0.5, "ray_remote_args": {"max_retries": 0}}',
    )
    context = ray.data.DataContext.get_current()  # as a user's session may have them
    monkeypatch.setattr(context, "enable_progress_bars", True)
    monkeypatch.setattr(context, "print_on_execution_start", True)
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("ray.data")  # Ray Data's handlers may hold another stream
    logger.addHandler(handler)
    capfd.readouterr()
    try:
        code = newslint_ray.run_ray_engine([str(source)], str(tmp_path / "o"), quiet=True)
    finally:
        logger.removeHandler(handler)
    out, err = capfd.readouterr()
    assert code == 1
    assert (out, err) == ("", "")
    assert [r.getMessage() for r in records if r.levelno < logging.ERROR] == []
    assert context.enable_progress_bars and context.print_on_execution_start  # restored
    assert _report(tmp_path / "o" / "diagnostics.jsonl")
    monkeypatch.setenv(newslint_ray.OPTIONS_VARIABLE, "{oops")
    assert newslint_ray.run_ray_engine([str(source)], str(tmp_path / "o2")) == 2
    _, err = capfd.readouterr()
    assert err.startswith("newslint: error: NEWSLINT_RAY_OPTIONS: invalid JSON")
    assert not (tmp_path / "o2").exists()


def test_a_parquet_file_that_fails_half_way_is_not_half_written() -> None:
    """The map step (no cluster) on a batch where Ray merged a readable file with one whose
    reading failed after some rows: that file is one error and none of its rows is kept."""
    from newslint.run import Run

    ray_module = newslint_ray
    table = pa.table(
        {
            "title": ["A title", "Other", None],
            "url": ["https://a.org/1", "https://a.org/2", None],
            "body": ["Text  here.", "Text.", None],
            ray_module._PATH: ["a", "b", "b"],
            ray_module._RECORD: [1, 1, 0],
            ray_module._READ_ERROR: [None, None, "footer is corrupt"],
        }
    )
    job = ray_module._Job(Run.of(newslint.Settings()), True, False, {"a": "in/a", "b": "in/b"})
    out = ray_module._read_errors(table, job)
    kept = out.filter(out.column(ray_module._KEEP))
    assert kept.column("body").to_pylist() == ["Text here."]  # fixed
    errors = [e for e in out.column(ray_module._OUT + "errors").to_pylist() if e]
    assert errors == [b"in/b: error: cannot read: footer is corrupt\n"]
    assert sum(out.column(ray_module._OUT + "n_errors").to_pylist()) == 1
    assert sum(out.column(ray_module._OUT + "n_fixed").to_pylist()) == 1


def test_no_record_passes_through_the_driver(
    records: list[dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The driver iterates only small summaries (a few per file and block), never the
    records: rows it takes from Ray are counted, and iter_batches/take_all are refused."""
    source = tmp_path / "corpus.jsonl"
    write_jsonl(source, records)
    taken: list[dict[str, Any]] = []
    iter_rows = ray.data.Dataset.iter_rows

    def counted(self: Any, *args: Any, **kwargs: Any) -> Iterator[dict[str, Any]]:
        for row in iter_rows(self, *args, **kwargs):
            taken.append(row)
            yield row

    def refused(self: Any, *args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the engine took the data to the driver")

    monkeypatch.setattr(ray.data.Dataset, "iter_rows", counted)
    monkeypatch.setattr(ray.data.Dataset, "iter_batches", refused)
    monkeypatch.setattr(ray.data.Dataset, "take_all", refused)
    settings = newslint.Settings(extend_select=["NL408"])  # a corpus pass too
    code = newslint_ray.run_ray_engine(
        [str(source)], str(tmp_path / "o"), settings=settings, fix=True, quiet=True
    )
    assert code == 1
    assert (tmp_path / "o" / "corpus.jsonl").stat().st_size > 0
    assert 0 < len(taken) <= 4 < COUNT
    assert all(
        set(row) <= {"statistics", "path", "line", "ascii", "upper", "slash"} for row in taken
    )


def test_ray_options_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--ray-options JSON`` reaches the engine as ``RayOptions``; a bad value is one line."""
    seen: list[Any] = []

    def engine(*args: Any, **kwargs: Any) -> int:
        seen.append(kwargs["options"])
        return 0

    monkeypatch.setattr(newslint_ray, "run_ray_engine", engine)
    corpus = tmp_path / "in.jsonl"
    corpus.write_text('{"title": "T", "body": "B"}\n')
    options = '{"concurrency": [1, 4], "num_cpus": 0.5, "ray_remote_args": {"memory": 1000}}'
    argv = ["--engine", "ray", "--ray-options", options, str(corpus), str(tmp_path / "out")]
    assert main(argv) == 0
    assert seen == [newslint_ray.RayOptions((1, 4), 0.5, {"memory": 1000})]
    bad = ["--engine", "ray", "--ray-options", '{"workers": 3}', str(corpus), str(tmp_path / "o")]
    assert main(bad) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "newslint: error: --ray-options: unknown key 'workers' "
        "(allowed: batch_size, concurrency, num_cpus, ray_remote_args)"
    ]
