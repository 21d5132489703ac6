"""The scheduler: a process pool and big JSONL files in chunks give what one process gives.

Chunks are made tiny here (a few KB) so that a small generated corpus is split into
many of them; the whole-file path of ``process_file`` is the reference.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import newslint.cli
import newslint.runner
from benchmarks.corpus import generate_records, write_corpus
from newslint import chunks, scheduler
from newslint.cli import main
from newslint.registry import all_rules
from newslint.report import as_dict
from newslint.runner import FileResult, Options, process_file
from newslint.scheduler import Job, Scheduler

RULES = [rule for rule in all_rules() if rule.enabled_by_default]


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 4 KB, and a pool even for a small run."""
    monkeypatch.setattr(scheduler, "CHUNK_BYTES", 4096)
    monkeypatch.setattr(scheduler, "POOL_MIN_BYTES", 0)


def _write_jsonl(path: Path, records: list[dict[str, object]], ensure_ascii: bool) -> bytes:
    lines = [json.dumps(record, ensure_ascii=ensure_ascii) for record in records]
    # A blank line and a malformed line in the middle: errors keep their file line numbers.
    lines.insert(7, "")
    lines.insert(11, '{"title": "broken", "body": ')
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(data)
    return data


def _view(result: FileResult) -> tuple[object, ...]:
    return (
        [as_dict(d) for d in result.diagnostics],
        [(e.line, e.column, e.message) for e in result.errors],
        result.warnings,
        result.articles,
        result.unreadable,
    )


def _reference(path: Path, options: Options) -> tuple[tuple[object, ...], bytes]:
    copy = path.with_name("reference-" + path.name)
    shutil.copyfile(path, copy)
    result = process_file(str(copy), RULES, options)
    result.path = str(path)
    for diagnostic in (*result.diagnostics, *result.fixed_diagnostics):
        diagnostic.path = str(path)
    view = _view(result)
    data = copy.read_bytes()
    copy.unlink()
    return view, data


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("ensure_ascii", [True, False])
@pytest.mark.parametrize("fix", [False, True])
def test_chunks_give_what_the_whole_file_gives(
    tmp_path: Path, small_chunks: None, jobs: int, ensure_ascii: bool, fix: bool
) -> None:
    path = tmp_path / "corpus.jsonl"
    original = _write_jsonl(path, generate_records(60, seed=3, artefact_share=0.6), ensure_ascii)
    options = Options(fix=fix, unsafe_fixes=fix, locate_fixes=True)
    expected, expected_bytes = _reference(path, options)
    [result] = Scheduler(RULES, options, jobs).run([Job(str(path))])
    assert path.stat().st_size > 10 * scheduler.CHUNK_BYTES  # really cut in many chunks
    assert _view(result) == expected
    assert path.read_bytes() == expected_bytes
    assert (path.read_bytes() != original) == fix
    assert result.fixed if fix else result.diagnostics, "the corpus has artefacts to find"


def test_an_undecodable_line_fails_only_its_record(tmp_path: Path, small_chunks: None) -> None:
    path = tmp_path / "corpus.jsonl"
    data = _write_jsonl(path, generate_records(40, seed=4, artefact_share=1.0), False)
    # Invalid UTF-8 far into the file: the other records are fixed, its line is kept (issue 14).
    position = data.index(b'"body": "', len(data) * 3 // 4) + 9
    data = data[:position] + b"\xff" + data[position:]
    path.write_bytes(data)
    options = Options(fix=True, unsafe_fixes=True)
    expected, expected_bytes = _reference(path, options)
    [result] = Scheduler(RULES, options, 2).run([Job(str(path))])
    assert path.read_bytes() == expected_bytes != data
    assert _view(result) == expected
    bad = data.count(b"\n", 0, position)
    assert expected_bytes.split(b"\n")[bad] == data.split(b"\n")[bad]
    assert not result.unreadable and result.fixed
    assert any(f"at byte offset {position}" in str(error) for error in result.errors)


def test_output_is_the_same_whatever_the_number_of_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(scheduler, "CHUNK_BYTES", 8192)
    monkeypatch.setattr(scheduler, "POOL_MIN_BYTES", 0)
    monkeypatch.setattr(scheduler, "BATCH_FILES", 3)
    write_corpus(tmp_path / "corpus", 120, seed=5, txt_share=0.5, jsonl_files=2)
    outputs = []
    for jobs in ("1", "2"):
        code = main(["--isolated", "--no-cache", "--format", "json-lines", "-j", jobs,
                     str(tmp_path / "corpus")])  # fmt: skip
        outputs.append((code, capsys.readouterr().out))
    assert outputs[0][0] == outputs[1][0] == 1
    assert outputs[0][1] == outputs[1][1]
    rows = [json.loads(line) for line in outputs[0][1].splitlines()]
    keys = [(row["path"], row["line"], row["column"]) for row in rows]
    assert keys == sorted(keys)  # sorted by path, then position
    assert len({row["path"] for row in rows}) > 10


def test_fix_with_a_pool_equals_fix_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(scheduler, "CHUNK_BYTES", 8192)
    monkeypatch.setattr(scheduler, "POOL_MIN_BYTES", 0)
    write_corpus(tmp_path / "one", 80, seed=6, txt_share=0.5, jsonl_files=1)
    shutil.copytree(tmp_path / "one", tmp_path / "two")
    shutil.copytree(tmp_path / "one", tmp_path / "original")
    for jobs, folder in (("1", "one"), ("2", "two")):
        main(["--isolated", "--no-cache", "--fix", "-q", "-j", jobs, str(tmp_path / folder)])
    capsys.readouterr()
    one = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*.*"))
    two = sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*.*"))
    assert one == two
    changed = 0
    for relative in one:
        assert (tmp_path / "one" / relative).read_bytes() == (
            tmp_path / "two" / relative
        ).read_bytes()
        changed += (tmp_path / "one" / relative).read_bytes() != (
            tmp_path / "original" / relative
        ).read_bytes()
    assert changed > 5


def test_a_big_file_keeps_its_mode_and_leaves_no_temp_file(
    tmp_path: Path, small_chunks: None
) -> None:
    path = tmp_path / "corpus.jsonl"
    _write_jsonl(path, generate_records(30, seed=7, artefact_share=1.0), True)
    os.chmod(path, 0o640)
    before = path.read_bytes()
    [result] = Scheduler(RULES, Options(fix=True), 2).run([Job(str(path))])
    assert result.fixed and path.read_bytes() != before
    assert os.stat(path).st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.jsonl"]


def test_a_big_file_changed_during_the_fix_is_not_overwritten(
    tmp_path: Path, small_chunks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "corpus.jsonl"
    _write_jsonl(path, generate_records(30, seed=8, artefact_share=1.0), True)
    real_finish = chunks.BigFile.finish

    def finish_after_someone_writes(self: chunks.BigFile) -> FileResult:
        with path.open("ab") as handle:
            handle.write(b'{"title": "appended by someone else", "url": "https://a.example/x", '
                         b'"body": "Text."}\n')  # fmt: skip
        return real_finish(self)

    monkeypatch.setattr(chunks.BigFile, "finish", finish_after_someone_writes)
    [result] = Scheduler(RULES, Options(fix=True), 1).run([Job(str(path))])
    assert path.read_bytes().endswith(b'"body": "Text."}\n')
    assert any("changed on disk" in e.message for e in result.errors)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.jsonl"]


@pytest.mark.parametrize("output_format", ["concise", "json-lines", "github", "json", "full"])
def test_the_report_is_streamed_file_by_file_and_is_the_sorted_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output_format: str
) -> None:
    """Each file's diagnostics are written as its result arrives (memory stays flat), and
    the report is the one a run that sorted every diagnostic at the end would write."""
    from newslint.output.reporter import Reporter

    write_corpus(tmp_path / "corpus", 30, seed=9, txt_share=0.5)
    target = tmp_path / "report.out"
    sizes: list[int] = []
    written = [0]
    add = Reporter.add
    sink_write = newslint.cli._Sink.write

    def add_and_measure(self: Reporter, result: FileResult) -> None:
        add(self, result)
        self.out.flush()
        sizes.append(written[0])

    def count(self: newslint.cli._Sink, data: bytes) -> int:
        # -o writes into a temp file beside the target (renamed over it at the end):
        # count the bytes handed to it.
        written[0] += len(data)
        return sink_write(self, data)

    monkeypatch.setattr(Reporter, "add", add_and_measure)
    monkeypatch.setattr(newslint.cli._Sink, "write", count)
    args = ["--isolated", "--no-cache", "-j", "1", "--format", output_format, "-o", str(target)]
    main([*args, str(tmp_path / "corpus")])
    streamed = target.read_text(encoding="utf-8")
    files = len([p for p in (tmp_path / "corpus").rglob("*") if p.is_file()])
    assert len(sizes) == files > 10 and 0 < sizes[0] < sizes[-1], "written as results arrive"
    assert sizes == sorted(sizes)
    main(
        [
            *args,
            "--format",
            "json-lines",
            "-o",
            str(tmp_path / "all.jsonl"),
            str(tmp_path / "corpus"),
        ]
    )
    every = [json.loads(line) for line in (tmp_path / "all.jsonl").read_text().splitlines()]
    keys = [(d["path"], d["line"], d["column"], d["code"]) for d in every]
    assert keys == sorted(keys) and len(keys) > 10
    if output_format == "concise":
        assert [line.split(": ", 1)[0] for line in streamed.splitlines()[:-1]] == [
            f"{d['path']}:{d['line']}:{d['column']}" for d in every
        ]


@pytest.mark.parametrize("big", [False, True])
def test_fixes_that_cannot_be_written_leave_every_problem_reported(
    tmp_path: Path, small_chunks: None, monkeypatch: pytest.MonkeyPatch, big: bool
) -> None:
    """A full disk or a read-only folder: the report is the check of the file as it is."""
    path = tmp_path / ("corpus.jsonl" if big else "one.jsonl")
    records = generate_records(40 if big else 2, seed=12, artefact_share=1.0)
    if big:
        _write_jsonl(path, records, False)
    else:
        path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    before = path.read_bytes()
    [checked] = Scheduler(RULES, Options(), 1).run([Job(str(path))])

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(chunks.AtomicWriter, "commit", refuse)
    monkeypatch.setattr(newslint.runner, "write_atomic", refuse)
    [result] = Scheduler(RULES, Options(fix=True), 2).run([Job(str(path))])
    assert path.read_bytes() == before
    assert [as_dict(d) for d in result.diagnostics] == [as_dict(d) for d in checked.diagnostics]
    assert len(result.diagnostics) > 3 and result.fixed == 0
    assert result.errors[-1].message == (
        "checked, but the fixes could not be written (Permission denied); left as it was"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_a_big_check_streams_line_bounded_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A million-line file of tiny records is cut by lines too, and each chunk's problems are
    handed on as they come: no result holds more than a chunk's worth."""
    monkeypatch.setattr(scheduler, "CHUNK_LINES", 100)
    path = tmp_path / "empty.jsonl"
    path.write_text("{}\n" * 1000 + '{"title": "A", "url": "https://x.org/a", "body": "B"}\n')
    options = Options()
    results = list(Scheduler(RULES, options, 2).results([Job(str(path))]))
    assert [r.partial for r in results] == [True] * 11 + [False]
    assert max(len(r.diagnostics) for r in results) <= 300
    whole, _ = newslint.runner.process_data(str(path), path.read_bytes(), RULES, options)
    merged = [d for r in results for d in r.diagnostics]
    assert [as_dict(d) for d in merged] == [as_dict(d) for d in whole.diagnostics]
    assert len(merged) == 3000
    assert sum(r.articles for r in results) == whole.articles == 1001
    [again] = Scheduler(RULES, options, 1).run([Job(str(path))])
    assert not again.partial and [as_dict(d) for d in again.diagnostics] == [
        as_dict(d) for d in whole.diagnostics
    ]


def test_an_undecodable_big_file_is_reported_before_any_chunk_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scheduler, "CHUNK_LINES", 100)
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"{}\n" * 500 + b'{"title": "\x00"}\n' + b"{}\n" * 500)
    results = list(Scheduler(RULES, Options(), 1).results([Job(str(path))]))
    whole, _ = newslint.runner.process_data(str(path), path.read_bytes(), RULES, Options())
    assert len(results) == 1 and results[0].unreadable and not results[0].diagnostics
    assert results[0].errors == whole.errors
    assert whole.errors[0].line == 501


def test_parts_of_a_file_merge_into_one_result_without_touching_the_parts() -> None:
    from newslint.diagnostics import Diagnostic, Severity
    from newslint.statistics import CorpusStatistics, DomainCounts

    def part(domain: str, code: str, partial: bool) -> FileResult:
        statistics = CorpusStatistics((DomainCounts,))
        counts = statistics.get(DomainCounts)
        assert counts is not None
        counts.articles[domain] = 2
        found = Diagnostic(code, "x", "m", Severity.WARNING, "body", 0, 1)
        return FileResult("big.jsonl", [found], articles=2, statistics=statistics, partial=partial)

    first, last = part("a.example", "NL101", True), part("b.example", "NL102", False)
    [whole] = list(scheduler.whole_results([first, last]))
    assert [d.code for d in whole.diagnostics] == ["NL101", "NL102"]
    assert whole.articles == 4 and not whole.partial
    counted = whole.statistics.get(DomainCounts) if whole.statistics else None
    assert counted is not None and counted.articles == {"a.example": 2, "b.example": 2}
    assert first.statistics is not None
    assert first.statistics.get(DomainCounts).articles == {"a.example": 2}  # type: ignore[union-attr]
    assert [d.code for d in first.diagnostics] == ["NL101"]
