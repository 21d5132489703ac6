"""``--diff`` (issue 15): a JSONL record's change is shown as a diff of the field's decoded
text under a header naming the record, its id or url and the field, not as two 15,000-character
JSON lines; every format ends with ``Would fix N problems.`` (on stderr, so that a ``.txt`` or
``.json`` diff redirected to a file stays a patch) and exit 1."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from newslint.cli import main
from newslint.output.diff import record_label
from newslint.output.reporter import diff_summary

RULES = "NL00,NL101,NL502"
LONG = " ".join(["The committee met again on Thursday to weigh the harbour plan."] * 200)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--select", RULES, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_jsonl_diff_is_the_fields_decoded_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = [
        {"id": "c1", "title": "Quiet", "url": "https://example.com/q", "body": "Calm.\n\nCalm."},
        {
            "id": "abc",
            "title": "Caf\u00e9 talks",
            "url": "https://example.com/a",
            "body": f"{LONG}\n\nThe **caf\u00e9** owners agreed.\n\n{LONG}",
        },
    ]
    path = tmp_path / "corpus.jsonl"
    data = "".join(json.dumps(record) + "\n" for record in records)  # ASCII: \u00e9 escapes
    path.write_text(data)
    code, out, err = run(capsys, "--diff", str(path))
    assert code == 1
    assert out == (
        f'--- a/{path} (record 2, id "abc", field body)\n'
        f'+++ b/{path} (record 2, id "abc", field body)\n'
        "@@ -1,5 +1,5 @@\n"
        f" {LONG}\n"
        " \n"
        "-The **caf\u00e9** owners agreed.\n"
        "+The caf\u00e9 owners agreed.\n"
        " \n"
        f" {LONG}\n"
        "\\ No newline at end of field\n"
    )
    assert err == "Would fix 1 problem.\n"
    assert path.read_text() == data


def test_a_header_names_the_url_without_an_id() -> None:
    values = {"url": "https://example.com/a", "title": "T"}
    assert record_label(7, values, "title") == 'record 7, url "https://example.com/a", field title'
    assert record_label(3, {"id": 12}, "body") == "record 3, id 12, field body"
    assert record_label(3, {}, "body") == "record 3, field body"


def test_compressed_jsonl_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = {"title": "T", "url": "https://example.com/a", "body": "One  two.\n\nThree."}
    path = tmp_path / "c.jsonl.gz"
    data = gzip.compress(json.dumps(record).encode() + b"\n")
    path.write_bytes(data)
    code, out, err = run(capsys, "--diff", str(path))
    assert code == 1
    assert out.splitlines()[:5] == [
        f'--- a/{path} (record 1, url "https://example.com/a", field body)',
        f'+++ b/{path} (record 1, url "https://example.com/a", field body)',
        "@@ -1,3 +1,3 @@",
        "-One  two.",
        "+One two.",
    ]
    assert err == "Would fix 1 problem.\n"
    assert path.read_bytes() == data


def test_txt_diff_is_still_a_patch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    original = "Harbour talks\n\nThe **talks** ended.\n\nBoth sides  signed.\n"
    path.write_text(original)
    code, out, err = run(capsys, "--diff", str(path))
    assert code == 1
    assert out.startswith(f"--- a/{path}\n+++ b/{path}\n@@ ")
    assert err == "Would fix 2 problems.\n"
    assert path.read_text() == original
    patch = shutil.which("patch")
    if patch is not None:  # the diff, redirected to a file, applies as it is
        (tmp_path / "fix.patch").write_text(out)
        subprocess.run(
            [patch, "-s", str(path), str(tmp_path / "fix.patch")], check=True, cwd=tmp_path
        )
        assert path.read_text() == "Harbour talks\n\nThe talks ended.\n\nBoth sides signed.\n"


def test_nothing_to_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"title": "T", "url": "https://e.com/a", "body": "Fine."}) + "\n")
    assert run(capsys, "--diff", str(path)) == (0, "", "No problems would be fixed.\n")
    assert run(capsys, "--diff", "--quiet", str(path)) == (0, "", "")


def test_diff_summary_wording() -> None:
    assert diff_summary(3, 0) == "Would fix 3 problems."
    assert diff_summary(1, 2) == "Would fix 1 problem. 2 more fixable with --unsafe-fixes."
    assert diff_summary(0, 0) == "No problems would be fixed."
    assert diff_summary(2, 0, 1).splitlines()[1].startswith("1 error: ")


def test_a_list_field_the_fix_appends_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """NL401 moves a promo from the body into ``related``: both fields' diffs, one item a line."""
    body = (
        "Talks resumed in Geneva on Monday after a long pause in the negotiations.\n\n"
        "Related article: <u>Earlier talks failed in May</u>\n\n"
        "Both sides said progress was made."
    )
    record = {"id": 5, "title": "T", "url": "https://e.com/a", "body": body}
    path = tmp_path / "rel.jsonl"
    path.write_text(json.dumps(record) + "\n")
    code = main(["--select", "NL401,NL102", "--diff", "--unsafe-fixes", str(path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "-Related article: <u>Earlier talks failed in May</u>\n" in out
    assert out.endswith(
        f"--- a/{path} (record 1, id 5, field related)\n"
        f"+++ b/{path} (record 1, id 5, field related)\n"
        "@@ -0,0 +1 @@\n"
        "+Earlier talks failed in May\n"
    )
    assert err == "Would fix 1 problem.\n"
