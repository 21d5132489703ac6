"""``newslint report`` fits the user's workflow (issue 15): groups, domains ranked by problems
per article, a severity-weighted score, examples with the record's id, url and decoded text,
what ``--fix`` would leave (fixed in memory, never written), and ``--from`` diagnostics files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from newslint.cli import main
from newslint.quality import run_report_command
from newslint.quality.aggregate import CATEGORY_WEIGHTS, ERROR_WEIGHT, GroupBy, rule_weight
from newslint.records import as_dicts
from newslint.run import Run

WRAPPED = (
    "The council voted on Monday to approve the new harbour plan, which will\n"
    "see the old ferry terminal replaced by a marina &amp; a public park along\n"
    "the waterfront by the end of next year, the mayor&#39;s office said in a\n"
    "statement released late on Monday evening to the local press and radio."
)


def article(key: str, host: str, body: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": key,
        "url": f"https://{host}/{key}",
        "title": f"Story {key}",
        "body": body,
        **extra,
    }


def corpus() -> list[dict[str, Any]]:
    """Two sources: 'wire' articles are clean but one; 'blog' ones carry entities and a wrap.
    big.example has 20 articles (one with two entities), tiny.example one very bad article."""
    found = [
        article(f"w{i}", "big.example", "A clean sentence about the weather.", source="wire")
        for i in range(19)
    ]
    found.append(article("w19", "big.example", "Fish &amp; chips &amp; peas.", source="wire"))
    found.append(article("t1", "tiny.example", WRAPPED, source="blog"))
    found.append(
        article("t2", "mid.example", "Caf\u00c3\u00a9 owners met on Monday.", source="blog")
    )
    return found


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def report(*args: str, tmp_path: Path, code: int = 0) -> dict[str, Any]:
    target = tmp_path / "report.json"
    assert (
        run_report_command(
            [*args, "--isolated", "--no-cache", "--format", "json", "-o", str(target)]
        )
        == code
    )
    data: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    return data


def html(*args: str, tmp_path: Path) -> str:
    target = tmp_path / "report.html"
    assert run_report_command([*args, "--isolated", "--no-cache", "-o", str(target)]) == 0
    return target.read_text(encoding="utf-8")


# -- groups ------------------------------------------------------------------------------------


def test_group_by_field(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "c.jsonl", corpus())
    found = report(str(data), "--group-by", "field:source", tmp_path=tmp_path)
    groups = {g["group"]: g for g in found["groups"]}
    assert found["group_by"] == "field:source"
    assert groups["wire"]["articles"] == 20 and groups["wire"]["problems"] == 2
    assert groups["wire"]["articles_with_problems"] == 1
    assert groups["blog"]["articles"] == 2 and groups["blog"]["articles_with_problems"] == 2
    # blog: NL304 x2 and NL507 in t1, NL301 in t2
    assert groups["blog"]["rules"] == {"NL301": 1, "NL304": 2, "NL507": 1}
    assert [g["group"] for g in found["groups"]] == ["blog", "wire"]  # most per article first
    assert groups["blog"]["weighted_score"] == 3 * 2 + 1 * 1 + 3 * 1  # NL304, NL507, NL301


def test_group_by_field_counts_articles_without_it(tmp_path: Path) -> None:
    records = corpus()
    del records[0]["source"]
    records[1]["source"] = ["not", "text"]
    data = write_jsonl(tmp_path / "c.jsonl", records)
    groups = {
        g["group"]: g
        for g in report(str(data), "--group-by", "field:source", tmp_path=tmp_path)["groups"]
    }
    assert groups["(none)"]["articles"] == 2 and groups["wire"]["articles"] == 18


def test_group_by_folder(tmp_path: Path) -> None:
    records = corpus()
    write_jsonl(tmp_path / "c" / "wire" / "2024" / "a.jsonl", records[:20])
    write_jsonl(tmp_path / "c" / "blog" / "2024" / "b.jsonl", records[20:])
    folder = str(tmp_path / "c")
    depth = len(Path(folder).parts) + 1
    found = report(folder, "--group-by", f"folder:{depth}", tmp_path=tmp_path)
    groups = {Path(g["group"]).name: g for g in found["groups"]}
    assert set(groups) == {"wire", "blog"}
    assert groups["wire"]["articles"] == 20 and groups["wire"]["problems"] == 2
    assert groups["blog"]["articles"] == 2 and groups["blog"]["problems"] == 4
    whole = report(folder, "--group-by", "folder", tmp_path=tmp_path)
    assert {Path(g["group"]).parts[-2:] for g in whole["groups"]} == {
        ("wire", "2024"),
        ("blog", "2024"),
    }


@pytest.mark.parametrize("spec", ["field", "field:", "folder:0", "folder:x", "source"])
def test_bad_group_by_is_one_line(
    spec: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_report_command([str(tmp_path), "--group-by", spec]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--group-by" in err


def test_group_by_parse() -> None:
    assert GroupBy.parse("field:extractor") == GroupBy("field", "extractor")
    assert GroupBy.parse("folder:2").folder_of("a/b/c/d.jsonl") == "a/b"
    assert GroupBy.parse("folder").folder_of("a/b/c/d.jsonl") == "a/b/c"
    assert GroupBy.parse("folder:3").folder_of("d.jsonl") == "."


# -- domains ranked, weights -------------------------------------------------------------------


def test_domains_ranked_by_problems_per_article_with_a_minimum(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "c.jsonl", corpus())
    ranked = report(str(data), tmp_path=tmp_path)["domain_ranking"]
    # tiny.example has 3 problems in its one article: not enough articles to be ranked.
    assert ranked["min_articles"] == 20
    assert [d["domain"] for d in ranked["domains"]] == ["big.example"]
    assert ranked["domains"][0]["problems_per_article"] == 0.1
    everyone = report(str(data), "--min-articles", "1", tmp_path=tmp_path)["domain_ranking"]
    assert [d["domain"] for d in everyone["domains"]] == [
        "tiny.example",
        "mid.example",
        "big.example",
    ]


def test_weights() -> None:
    assert rule_weight("NL304", "warning") == CATEGORY_WEIGHTS["3"] == 3
    assert rule_weight("NL101", "warning") == 1
    assert rule_weight("NL001", "error") == ERROR_WEIGHT
    assert rule_weight("NL310", "error") == ERROR_WEIGHT  # severity wins over its category


def test_weighted_score_is_the_sum_of_the_rules_weights(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "c.jsonl", corpus())
    found = report(str(data), tmp_path=tmp_path)
    rules = [r for r in found["rules"] if r["problems"]]
    assert found["totals"]["weighted_score"] == sum(r["problems"] * r["weight"] for r in rules)
    assert found["totals"]["weighted_score"] == 3 * 4 + 1 * 1 + 3 * 1
    assert found["totals"]["weighted_per_article"] == round(16 / 22, 3)


# -- examples ----------------------------------------------------------------------------------


def test_examples_show_id_url_and_the_decoded_text(tmp_path: Path) -> None:
    records = [article("x1", "e.example", "Line one.\nS\u00e9ance &amp; \u201cquote\u201d here.")]
    data = tmp_path / "c.jsonl"
    data.write_text(json.dumps(records[0], ensure_ascii=True) + "\n", encoding="ascii")
    found = report(str(data), tmp_path=tmp_path)
    (example,) = next(r for r in found["rules"] if r["code"] == "NL304")["examples"]
    assert example["id"] == "x1" and example["url"] == "https://e.example/x1"
    start, end = example["text_highlight"]
    assert example["text"][start:end] == "&amp;"
    assert example["text"] == "S\u00e9ance &amp; \u201cquote\u201d here."  # its line, decoded
    assert "\\u00e9" in example["excerpt"]  # the file's line keeps its escapes
    page = html(str(data), tmp_path=tmp_path)
    assert "S\u00e9ance <mark>&amp;amp;</mark> \u201cquote\u201d here." in page
    assert "id x1" in page and "https://e.example/x1" in page


# -- after --fix -------------------------------------------------------------------------------


def test_after_fix_matches_a_real_fix_and_writes_nothing(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "c.jsonl", corpus())
    before = data.read_bytes()
    found = report(str(data), tmp_path=tmp_path)
    assert data.read_bytes() == before
    after = found["after_fix"]
    for flags, key in (
        (["--fix"], "after_fix"),
        (["--fix", "--unsafe-fixes"], "after_unsafe_fixes"),
    ):
        copy = tmp_path / key / "c.jsonl"
        copy.parent.mkdir()
        shutil.copy(data, copy)
        main(["--isolated", "--no-cache", *flags, str(copy)])
        lines = tmp_path / key / "left.jsonl"
        main(["--isolated", "--no-cache", str(copy), "--format", "json-lines", "-o", str(lines)])
        left = [json.loads(line) for line in lines.read_text().splitlines()]
        assert after[key]["problems"] == len(left)
        assert after[key]["articles"] == len({d["record"] for d in left})
    assert after["after_fix"]["rules"] == {"NL507": 1}  # entities and mojibake are fixed safely
    assert after["after_unsafe_fixes"]["problems"] == 0
    nl304 = next(r for r in found["rules"] if r["code"] == "NL304")
    assert (nl304["after_fix"], nl304["after_unsafe_fixes"]) == (0, 0)


def test_no_fix_preview(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "c.jsonl", corpus())
    found = report(str(data), "--no-fix-preview", tmp_path=tmp_path)
    assert found["after_fix"] is None
    assert all(r["after_fix"] is None for r in found["rules"])


# -- --from ------------------------------------------------------------------------------------


def comparable(found: dict[str, Any]) -> dict[str, Any]:
    totals = found["totals"]
    return {
        "problems": totals["problems"],
        "articles": totals["articles"],
        "with_problems": totals["articles_with_problems"],
        "weighted": totals["weighted_score"],
        "rules": {r["code"]: r["problems"] for r in found["rules"] if r["problems"]},
        "domains": {d["domain"]: (d["articles"], d["problems"]) for d in found["domains"]},
        "groups": {g["group"]: (g["articles"], g["problems"]) for g in found["groups"]},
        "after_fix": found["after_fix"],
    }


def records_with_column(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    run = Run()
    return [{**r, "newslint": as_dicts(run.lint_record(r))} for r in records]


def test_from_records_with_a_newslint_column_gives_the_checked_report(tmp_path: Path) -> None:
    """Ray's check_dataset (written as JSON) and datatrove's record_adapter keep the record's
    fields and add a ``newslint`` column; datatrove's default writer nests them in metadata."""
    records = corpus()
    checked = report(
        str(write_jsonl(tmp_path / "c.jsonl", records)),
        "--group-by",
        "field:source",
        tmp_path=tmp_path,
    )
    ray = write_jsonl(tmp_path / "ray.jsonl", records_with_column(records))
    datatrove = write_jsonl(
        tmp_path / "dt.jsonl",
        [
            {
                "text": r["body"],
                "id": r["id"],
                "media": [],
                "metadata": {
                    **{k: v for k, v in r.items() if k not in ("body", "id", "newslint")},
                    "newslint": r["newslint"],
                    "file_path": "in.jsonl",
                },
            }
            for r in records_with_column(records)
        ],
    )
    for source in (ray, datatrove):
        found = report("--from", str(source), "--group-by", "field:source", tmp_path=tmp_path)
        assert found["source"] == "diagnostics" and found["unknown"] == []
        assert comparable(found) == comparable(checked)
        example = next(r for r in found["rules"] if r["code"] == "NL304")["examples"][0]
        assert example["text"][slice(*example["text_highlight"])] == "&amp;"


def test_from_cli_diagnostics_says_what_it_cannot_know(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "c.jsonl", corpus())
    lines = tmp_path / "d.jsonl"
    array = tmp_path / "d.json"
    main(["--isolated", "--no-cache", str(data), "--format", "json-lines", "-o", str(lines)])
    main(["--isolated", "--no-cache", str(data), "--format", "json", "-o", str(array)])
    checked = report(str(data), tmp_path=tmp_path)
    for source in (lines, array):
        found = report("--from", str(source), tmp_path=tmp_path)
        totals = found["totals"]
        assert totals["articles"] is None and totals["share_of_articles_with_problems"] is None
        assert totals["problems"] == checked["totals"]["problems"]
        assert totals["articles_with_problems"] == checked["totals"]["articles_with_problems"]
        assert totals["weighted_score"] == checked["totals"]["weighted_score"]
        assert found["after_fix"] is None and found["domain_ranking"]["domains"] == []
        assert any(sentence.startswith("Articles:") for sentence in found["unknown"])
        # The checked file is here: its URLs give the problems' domains (not their articles).
        domains = {d["domain"]: d for d in found["domains"]}
        assert (
            domains["tiny.example"]["problems"] == 3 and domains["tiny.example"]["articles"] is None
        )
        # ... and the field's decoded text around each example.
        for rule in found["rules"]:
            for example in rule["examples"]:
                shown = example["text"][slice(*example["text_highlight"])]
                expected = {"NL304": "&amp;", "NL301": "\u00c3\u00a9"}.get(rule["code"])
                assert expected is None or shown == expected
                assert example["id"] is not None
    # Without the checked file, the domains come from the record_url a diagnostic carries
    # (where the CLI writes it), else they are unknown, and the report says so.
    data.unlink()
    carried = [json.loads(line) for line in lines.read_text(encoding="utf-8").splitlines()]
    if all("record_url" in item for item in carried):
        found = report("--from", str(lines), tmp_path=tmp_path)
        domains = {d["domain"]: d["problems"] for d in found["domains"]}
        assert domains == {"tiny.example": 3, "big.example": 2, "mid.example": 1}
    bare = write_jsonl(
        tmp_path / "bare.jsonl",
        [
            {k: v for k, v in item.items() if k not in ("record_id", "record_url")}
            for item in carried
        ],
    )
    found = report("--from", str(bare), tmp_path=tmp_path)
    assert [d["domain"] for d in found["domains"]] == ["(unknown)"]
    assert any("not here to read" in sentence for sentence in found["unknown"])
    page = html("--from", str(lines), tmp_path=tmp_path)
    assert "What this report cannot tell" in page and 'data-card="articles"' in page
    # No figure made up from the unknown article counts: no share, no rate, a "?" instead.
    assert "0.00" not in page and "(0%)" not in page and "0 articles" not in page
    assert '<td class="num">?</td>' in page


def test_from_ray_parquet_diagnostics_lines(tmp_path: Path) -> None:
    """``--engine ray`` on Parquet writes path, record and ``Diagnostic.as_dict()`` per line."""
    records = corpus()
    run = Run()
    lines = [
        {"path": "in.parquet", "record": number, **item}
        for number, record in enumerate(records, 1)
        for item in as_dicts(run.lint_record(record))
    ]
    source = write_jsonl(tmp_path / "diagnostics.jsonl", lines)
    found = report("--from", str(source), tmp_path=tmp_path)
    assert found["totals"]["problems"] == 6 and found["totals"]["articles_with_problems"] == 3
    assert {r["code"]: r["fixable_safe"] for r in found["rules"]} == {
        "NL304": 4,
        "NL301": 1,
        "NL507": 0,
    }


def test_from_a_bad_line_is_one_line_and_the_rest_still_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(tmp_path / "ray.jsonl", records_with_column(corpus()))
    with source.open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
        handle.write('{"title": "no column"}\n')
    found = report("--from", str(source), tmp_path=tmp_path, code=2)
    assert found["totals"]["problems"] == 6 and found["totals"]["read_errors"] == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{source}:23:") and "not JSON" in err[0]
    assert err[1].startswith(f"{source}:24: error: not a newslint diagnostic or record")


def test_from_a_missing_file_and_paths_with_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_report_command(["--from", str(tmp_path / "nope.jsonl"), "--format", "json"]) == 2
    assert "nope.jsonl: cannot read" in capsys.readouterr().err
    assert run_report_command([str(tmp_path), "--from", str(tmp_path / "x")]) == 2
    assert "not both" in capsys.readouterr().err


# -- the page ----------------------------------------------------------------------------------


def test_page_has_the_new_sections_and_escapes_group_names(tmp_path: Path) -> None:
    records = corpus()
    records[20]["source"] = "<script>alert(1)</script>"
    data = write_jsonl(tmp_path / "c.jsonl", records)
    page = html(str(data), "--group-by", "field:source", "--min-articles", "1", tmp_path=tmp_path)
    for section in ("after-fix", "ranking", "groups", "examples"):
        assert f'<section id="{section}">' in page
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'data-card="weighted"' in page and 'data-card="after-fix"' in page


def test_from_with_select_keeps_the_selected_rules_problems(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "ray.jsonl", records_with_column(corpus()))
    found = report("--from", str(source), "--select", "NL3", tmp_path=tmp_path)
    assert {r["code"]: r["problems"] for r in found["rules"] if r["problems"]} == {
        "NL304": 4,
        "NL301": 1,
    }
    assert found["totals"]["problems"] == 5
    everything = report("--from", str(source), tmp_path=tmp_path)
    assert everything["totals"]["problems"] == 6


def test_from_reads_lines_at_newlines_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A raw U+2028 in a JSON string (json.dumps(ensure_ascii=False) writes it so) is not a
    line break; a line that is not UTF-8 is a one-line error and the others still count."""
    records = records_with_column(corpus())
    records[0]["title"] = "Line\u2028separator"
    source = tmp_path / "ray.jsonl"
    source.write_bytes(
        b"".join(json.dumps(r, ensure_ascii=False).encode("utf-8") + b"\n" for r in records)
        + b'{"title": "caf\xe9"}\n'
    )
    found = report("--from", str(source), tmp_path=tmp_path, code=2)
    assert found["totals"]["articles"] == 22 and found["totals"]["problems"] == 6
    err = capsys.readouterr().err.splitlines()
    assert err == [f"{source}:23: error: not UTF-8 (byte 14)"]


@pytest.mark.parametrize("name", ["folder", "missing.jsonl"])
def test_from_what_is_not_a_file(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "folder").mkdir()
    assert run_report_command(["--from", str(tmp_path / name), "--format", "json"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{name}: cannot read" in err


def test_a_report_that_cannot_be_written_leaves_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno
    import os

    import newslint.files

    data = write_jsonl(tmp_path / "c.jsonl", corpus())
    target = tmp_path / "report.html"
    target.write_text("the old report", encoding="utf-8")

    def disk_full(self: newslint.files.AtomicWriter) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(newslint.files.AtomicWriter, "commit", disk_full)
    assert run_report_command([str(data), "--isolated", "--no-cache", "-o", str(target)]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "the old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.jsonl", "report.html"]


def test_from_a_record_with_a_bad_diagnostic_is_left_out_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = records_with_column(corpus())
    broken = dict(records[20])  # t1: three good diagnostics, then one without a code
    broken["newslint"] = [*broken["newslint"], {"message": "no code"}]
    records[20] = broken
    source = write_jsonl(tmp_path / "ray.jsonl", records)
    found = report("--from", str(source), tmp_path=tmp_path, code=2)
    assert found["totals"]["articles"] == 21 and found["totals"]["problems"] == 3
    assert found["totals"]["articles_with_problems"] == 2
    assert capsys.readouterr().err.startswith(f"{source}:21: error: not a newslint")


def test_the_report_shows_examples_from_a_compressed_corpus(tmp_path: Path) -> None:
    """A .jsonl.gz file is read for its examples as it is checked: decompressed."""
    import gzip

    from newslint.quality import run_report_command

    record = {"title": "T", "url": "https://example.org/a", "body": "Caf\u00e9 **talks** resumed."}
    corpus = tmp_path / "corpus.jsonl.gz"
    corpus.write_bytes(gzip.compress((json.dumps(record) + "\n").encode()))
    target = tmp_path / "report.json"
    assert (
        run_report_command(["--isolated", "--format", "json", "-o", str(target), str(corpus)]) == 0
    )
    report = json.loads(target.read_text())
    [example] = next(r for r in report["rules"] if r["code"] == "NL101")["examples"]
    assert "**talks**" in example["text"] and "Café" in example["text"]
