"""One line of a JSONL file that is not UTF-8 fails only its record: the others are checked
and fixed, the line is reported and kept byte for byte, in a small file and in a big one
that is checked in chunks (issue 14; the Ray engine reads lines the same way)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newslint import scheduler
from newslint.cli import main

BAD = b'{"title": "caf\xe9  bad", "url": "https://example.com/x", "body": "b"}'


def write_records(path: Path, count: int, bad_at: int, bom: bool = False) -> list[bytes]:
    lines = [
        json.dumps(
            {
                "title": f"T{i}  x",
                "url": f"https://example.com/{i}",
                "body": " ".join(["Body text."] * 40),
            }
        ).encode()
        for i in range(count)
    ]
    lines[bad_at] = BAD
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + b"\n".join(lines) + b"\n")
    return lines


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if ": error: " in line]


@pytest.mark.parametrize("count", [10, 3000], ids=["small", "chunked"])
def test_fix_mends_every_other_record_and_keeps_the_bad_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], count: int
) -> None:
    path = tmp_path / "a.jsonl"
    lines = write_records(path, count, count // 2)
    if count > 10:
        assert path.stat().st_size > scheduler.CHUNK_BYTES
    assert (
        main(["--isolated", "--no-cache", "--select", "NL502", "--fix", "-j", "1", str(path)]) == 2
    )
    errors = error_lines(capsys.readouterr().err)
    assert len(errors) == 1
    assert errors[0].startswith(f"{path}:{count // 2 + 1}:15: error: not valid UTF-8: byte 0xe9")
    after = path.read_bytes().split(b"\n")
    assert after[count // 2] == BAD
    assert after[0] == lines[0].replace(b"T0  x", b"T0 x")
    assert after[-2] == lines[-1].replace(b"  x", b" x")


@pytest.mark.parametrize("count", [10, 3000], ids=["small", "chunked"])
def test_check_reports_the_other_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], count: int
) -> None:
    path = tmp_path / "a.jsonl"
    write_records(path, count, 1, bom=True)
    before = path.read_bytes()
    assert main(["--isolated", "--no-cache", "--select", "NL502", "-j", "1", str(path)]) == 2
    captured = capsys.readouterr()
    assert len(error_lines(captured.err)) == 1
    assert f"Found {count - 1} problems" in captured.out
    assert path.read_bytes() == before


@pytest.mark.parametrize("count", [10, 2200], ids=["small", "chunked"])
def test_a_fix_after_a_bom_keeps_the_files_ascii_escapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], count: int
) -> None:
    path = tmp_path / "a.jsonl"
    plain = {"title": "T", "url": "https://example.com/", "body": " ".join(["Body text."] * 50)}
    lines = [json.dumps({**plain, "url": f"https://example.com/{i}"}) for i in range(count)]
    lines[count // 2] = json.dumps({**plain, "title": "Caf\u00c3\u00a9"})  # ensure_ascii
    path.write_bytes(b"\xef\xbb\xbf" + ("\n".join(lines) + "\n").encode("ascii"))
    if count > 10:
        assert path.stat().st_size > scheduler.CHUNK_BYTES
    assert main(["--isolated", "--no-cache", "--select", "NL301", "--fix", str(path)]) == 0
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and after[3:].isascii()
    assert b'"title": "Caf\\u00e9"' in after
