"""JSON files that are not articles (issue 15, "Article files only"): a ``package.json``, a JSON
Schema, a baseline or a site profile lying in a corpus folder is skipped with a note (printed
under ``-v``), never reported as NL001, never an error, never written.  A real article missing
fields is still one."""

from __future__ import annotations

import io
import json
import pickle
from pathlib import Path

import pytest

from newslint import runner
from newslint.cli import main
from newslint.context import ReadOptions, RunContext
from newslint.output.reporter import Reporter, ReportOptions
from newslint.readers import shape
from newslint.records import RECORD_PATH
from newslint.registry import all_rules
from newslint.runner import Options, process_file
from newslint.schema import load_schema

ROOT = Path(__file__).resolve().parent.parent

PACKAGE = {"name": "site-scraper", "version": "1.2.0", "scripts": {"test": "jest"}}
BASELINE = {"newslint": "0.1.0", "version": 2, "entries": [{"code": "NL101", "path": "a.txt"}]}
PROFILE = {"format": 1, "site-key": "domain", "sites": {"example.com": {"lines": []}}}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--select", "NL00,NL101", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_built_in_fields_are_the_schemas() -> None:
    assert set(load_schema()["properties"]) == shape.ARTICLE_FIELDS
    assert runner.RECORD_PATH == RECORD_PATH


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("package.json", json.dumps(PACKAGE, indent=2), "an object without article fields"),
        ("baseline.json", json.dumps(BASELINE), "an object without article fields"),
        ("profile.json", json.dumps(PROFILE, indent=1), "an object without article fields"),
        ("article.schema.json", (ROOT / "schemas" / "article.schema.json").read_text(), "Schema"),
        ("numbers.json", "[1, 2, 3]", "an array"),
        ("count.json", "42\n", "a number"),
        ("empty-object.json", "{}", "an empty object"),
        ("rows.jsonl", '{"a": 1}\n{"a": 2}\n', "its first records hold"),
        ("matrix.jsonl", "[1, 2]\n[3, 4]\n", "its first records hold an array"),
    ],
)
def test_not_an_article_is_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: str, why: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    code, out, err = run(capsys, "--fix", "--unsafe-fixes", str(tmp_path))
    assert (code, err) == (0, "")
    assert "NL001" not in out and "All checks passed!" in out
    assert path.read_text() == content
    result = process_file(str(path), [], Options())
    assert result.errors == [] and result.diagnostics == []
    [note] = result.notes
    assert note.startswith("skipped: not an article: ") and why in note


def test_the_note_is_printed_only_when_verbose(tmp_path: Path) -> None:
    path = tmp_path / "package.json"
    path.write_text(json.dumps(PACKAGE))
    result = process_file(str(path), [], Options())
    # a worker sends it back pickled, and the cache stores it so: the note travels along
    result = pickle.loads(pickle.dumps(result))
    for verbose in (False, True):
        out, err = io.StringIO(), io.StringIO()
        reporter = Reporter(out, [], ReportOptions(verbose=verbose), errors=err)
        reporter.add(result)
        assert reporter.finish() == 0
        expected = (
            f"{path}: skipped: not an article: an object without article fields "
            "(name, scripts, version)\n"
        )
        assert err.getvalue() == (expected if verbose else "")


@pytest.mark.parametrize(
    "record",
    [
        {"body": "The **talks** ended."},  # a body and no title: an article missing its title
        {"title": "Talks"},
        {"url": "https://example.com/a", "section": "World"},
        {"related": ["Earlier talks"]},
    ],
)
def test_an_article_missing_fields_is_still_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], record: dict[str, object]
) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(record))
    code, out, _ = run(capsys, str(path))
    assert code == 1
    assert "NL001" in out


def test_a_mapped_field_makes_an_article(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "The **talks** ended.", "source": "x"}) + "\n")
    mapped = Options(context=RunContext(ReadOptions(field_map={"text": "body"})))
    assert process_file(str(path), [], mapped).notes == []
    assert process_file(str(path), [], Options()).notes != []


def test_jsonl_with_a_header_line_then_articles(tmp_path: Path) -> None:
    """Only when none of the first records is an article is the file skipped."""
    path = tmp_path / "a.jsonl"
    lines = [{"dump": "CC-NEWS", "count": 2}, {"title": "T", "url": "https://e.com/a", "body": "B"}]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    result = process_file(str(path), [], Options())
    assert result.notes == [] and result.articles == 2


def test_broken_json_is_still_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, content in (("a.json", '{"name": "x",'), ("b.jsonl", '{"a": 1}\n{"a": \n')):
        path = tmp_path / name
        path.write_text(content)
        code, _, err = run(capsys, str(path))
        assert code == 2 and "invalid JSON" in err


def test_an_array_of_articles_is_still_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps([{"title": "T", "url": "https://e.com/a", "body": "B"}]))
    code, _, err = run(capsys, str(path))
    assert code == 2 and "expected an article object, found an array" in err


def test_a_record_of_the_library_api_is_always_an_article() -> None:
    import newslint

    codes = {d.code for d in newslint.lint_record({"name": "x"})}
    assert "NL001" in codes


def test_empty_records_of_a_jsonl_corpus_are_articles(tmp_path: Path) -> None:
    """``{}`` lines are a corpus's empty records (NL001 names what they lack), not another kind
    of data: a file of them is checked, whole or in chunks alike."""
    path = tmp_path / "a.jsonl"
    path.write_text("{}\n{}\n" + json.dumps({"title": "T", "body": "B"}) + "\n")
    rules = [rule for rule in all_rules() if rule.code == "NL001"]
    result = process_file(str(path), rules, Options())
    assert result.notes == [] and result.articles == 3
    assert {d.record for d in result.diagnostics} == {1, 2, 3}


def test_the_head_of_a_big_file_is_judged_without_reading_it_all(tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    rows.write_text("".join(json.dumps({"row": n, "value": n * 2}) + "\n" for n in range(50_000)))
    reason = shape.jsonl_head_reason(str(rows), ReadOptions(), limit=4096)
    assert (
        reason
        == "not an article: its first records hold an object without article fields (row, value), not article objects"
    )
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"title": "T", "body": "B"}) + "\n")
    assert shape.jsonl_head_reason(str(corpus), ReadOptions()) is None
    assert shape.jsonl_head_reason(str(tmp_path / "missing.jsonl"), ReadOptions()) is None


def test_a_big_jsonl_file_of_no_articles_is_skipped_before_any_chunk_is_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file big enough to be cut in chunks is judged by its first records, as a small one
    is: skipped with a note, no NL001 on each row."""
    from newslint import scheduler

    monkeypatch.setattr(scheduler, "CHUNK_BYTES", 4096)
    path = tmp_path / "metrics.jsonl"
    path.write_text(
        "".join(json.dumps({"step": n, "loss": 1 / (n + 1)}) + "\n" for n in range(2000))
    )
    assert path.stat().st_size > 10 * scheduler.CHUNK_BYTES
    before = path.read_bytes()
    code, out, err = run(capsys, "-v", "--fix", str(path))
    assert code == 0 and "NL001" not in out
    assert f"{path}: skipped: not an article" in err
    assert path.read_bytes() == before
