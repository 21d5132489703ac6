"""Compressed corpora (issue 15): ``.jsonl.gz``, ``.json.gz`` and ``.jsonl.zst`` are found in
folders, read, checked like the JSON they hold, and ``--fix`` writes them back in the same
compression, atomically; a corrupt, truncated or too big one is a one-line error and is left
byte for byte."""

from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path

import pytest

from newslint.cli import main
from newslint.files import discover
from newslint.readers import compressed, is_supported, reader_for, supported_suffixes
from newslint.readers.compressed import CompressionError, compress, decompress
from newslint.runner import Options, process_file

RULES = "NL00,NL101,NL502"

DIRTY = {
    "id": "r1",
    "title": "Harbour talks",
    "url": "https://example.com/harbour",
    "body": "The **harbour** talks ended on Monday.\n\nBoth sides  signed the paper.",
}
CLEAN = {
    "id": "r2",
    "title": "Quiet day",
    "url": "https://example.com/quiet",
    "body": "Nothing happened at the harbour.\n\nThe ferries ran on time.",
}
FIXED_BODY = "The harbour talks ended on Monday.\n\nBoth sides signed the paper."


def jsonl(*records: dict[str, str]) -> bytes:
    return "".join(json.dumps(record) + "\n" for record in records).encode()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--select", RULES, *args])
    out, err = capsys.readouterr()
    return code, out, err


def zstd_module():  # type: ignore[no-untyped-def]
    return pytest.importorskip("zstandard")


# ----------------------------------------------------------------------------- names


def test_reader_for_looks_past_the_compression_suffix() -> None:
    assert reader_for("a.jsonl.gz") is reader_for("a.jsonl")
    assert reader_for("A.JSON.GZ") is reader_for("a.json")
    assert reader_for("a.jsonl.zst") is reader_for("a.jsonl")
    assert reader_for("a.gz") is None
    assert reader_for("a.txt.gz") is None
    assert reader_for("a.tar.gz") is None


def test_supported_names() -> None:
    assert {".jsonl.gz", ".json.gz", ".jsonl.zst", ".json.zst"} <= set(supported_suffixes())
    assert is_supported("dump/CC-NEWS-2016.jsonl.gz")
    assert not is_supported(".jsonl.gz")  # a name that is only a suffix
    assert not is_supported("notes.gz")
    assert not is_supported("archive.tar.gz")


def test_folders_are_walked_for_compressed_files(tmp_path: Path) -> None:
    for name in ("a.jsonl.gz", "b.json.gz", "c.jsonl.zst", "d.tar.gz", "e.gz", "f.jsonl"):
        (tmp_path / name).write_bytes(b"x")
    found = [os.path.basename(path) for path, _ in discover([str(tmp_path)])]
    assert found == ["a.jsonl.gz", "b.json.gz", "c.jsonl.zst", "f.jsonl"]


def test_a_named_compressed_file_is_no_unsupported_type(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl(CLEAN)))
    assert list(discover([str(path)])) == [(str(path), None)]


# ----------------------------------------------------------------------------- decompress


@pytest.mark.parametrize("kind", ["gzip", "zstd"])
def test_round_trip_and_several_members(kind: str) -> None:
    if kind == "zstd":
        zstd_module()
    data = jsonl(DIRTY, CLEAN) * 50
    packed = compress(data, kind)
    assert decompress(packed, kind) == data
    # ``cat a.gz b.gz > c.gz`` (and zstd frames alike) is one stream of both
    assert decompress(packed + compress(b"tail\n", kind), kind) == data + b"tail\n"


@pytest.mark.parametrize("kind", ["gzip", "zstd"])
def test_truncated_and_corrupt_streams_are_errors(kind: str) -> None:
    if kind == "zstd":
        zstd_module()
    packed = compress(jsonl(DIRTY, CLEAN) * 50, kind)
    for broken in (packed[: len(packed) // 2], packed[:-2], b"junk" + packed):
        with pytest.raises(CompressionError):
            decompress(broken, kind)


def test_gzip_checksum_is_checked() -> None:
    packed = bytearray(gzip.compress(jsonl(DIRTY)))
    packed[-8] ^= 0xFF  # the CRC-32 of the trailer
    with pytest.raises(CompressionError, match="corrupt gzip data"):
        decompress(bytes(packed), "gzip")


@pytest.mark.parametrize("kind", ["gzip", "zstd"])
def test_a_bomb_stops_at_the_limit(kind: str) -> None:
    if kind == "zstd":
        zstd_module()
    bomb = compress(b"\n" * (8 << 20), kind)  # 8 MiB of newlines in a few kilobytes
    assert len(bomb) < 1 << 20
    with pytest.raises(CompressionError, match="decompresses to more than 1 MiB"):
        decompress(bomb, kind, limit=1 << 20)


def test_gzip_keeps_the_original_modification_time() -> None:
    original = gzip.compress(b"a\n", mtime=1_234_567_890)
    again = compress(b"b\n", "gzip", original)
    assert int.from_bytes(again[4:8], "little") == 1_234_567_890


# ----------------------------------------------------------------------------- the CLI


def test_check_a_gzip_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cc-news.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl(CLEAN, DIRTY)))
    code, out, err = run(capsys, str(tmp_path))
    assert code == 1, err
    assert err == ""
    lines = out.splitlines()
    assert lines[0].startswith(f"{path}:2:")
    assert "NL101" in lines[0] and "(record 2" in lines[0]
    assert "NL502" in lines[1]


def test_a_clean_gzip_corpus_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "clean.json.gz"
    path.write_bytes(gzip.compress(json.dumps(CLEAN).encode()))
    code, out, err = run(capsys, str(path))
    assert (code, err) == (0, "")
    assert "All checks passed!" in out


@pytest.mark.parametrize("name", ["corpus.jsonl.gz", "corpus.jsonl.zst"])
def test_fix_writes_back_the_same_compression(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    kind = "zstd" if name.endswith(".zst") else "gzip"
    if kind == "zstd":
        zstd_module()
    path = tmp_path / name
    path.write_bytes(compress(jsonl(DIRTY, CLEAN), kind))
    path.chmod(0o640)
    code, out, err = run(capsys, "--fix", str(path))
    assert err == ""
    assert code == 0, out
    fixed = decompress(path.read_bytes(), kind)
    records = [json.loads(line) for line in fixed.splitlines()]
    assert records[0]["body"] == FIXED_BODY
    assert records[1] == CLEAN
    assert path.stat().st_mode & 0o777 == 0o640
    # only the fixed characters changed: the rest of the JSON is as it was
    assert fixed == jsonl(DIRTY, CLEAN).replace(
        json.dumps(DIRTY["body"]).encode(), json.dumps(FIXED_BODY).encode()
    )
    assert not [p for p in tmp_path.iterdir() if p.name != name]  # no temporary file left


def test_fix_of_a_json_gz(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "one.json.gz"
    text = json.dumps(DIRTY, indent=2).encode()
    path.write_bytes(gzip.compress(text, mtime=1_000_000))
    code, _, err = run(capsys, "--fix", str(path))
    assert (code, err) == (0, "")
    with gzip.open(path) as handle:
        assert json.loads(handle.read())["body"] == FIXED_BODY
    assert int.from_bytes(path.read_bytes()[4:8], "little") == 1_000_000


def test_a_clean_compressed_file_is_never_rewritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clean.jsonl.gz"
    data = gzip.compress(jsonl(CLEAN), compresslevel=1)  # not the level a fix writes
    path.write_bytes(data)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    code, _, _ = run(capsys, "--fix", str(path))
    assert code == 0
    assert path.read_bytes() == data
    assert path.stat().st_mtime_ns == 1_000_000_000


@pytest.mark.parametrize(
    ("cut", "reason"),
    [
        (lambda data: data[: len(data) // 2], "truncated gzip file"),
        (lambda data: data[:10] + b"\xff" * 8 + data[18:], "corrupt gzip data"),
        (lambda data: b"PK\x03\x04" + data, "not a gzip file"),
    ],
)
def test_a_broken_gzip_file_is_a_one_line_error_and_left_as_it_is(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cut,
    reason: str,  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "broken.jsonl.gz"
    data = cut(gzip.compress(jsonl(DIRTY, CLEAN) * 20))
    path.write_bytes(data)
    code, out, err = run(capsys, "--fix", str(path))
    assert code == 2
    [line] = err.splitlines()
    assert re.fullmatch(rf"{re.escape(str(path))}: error: .*; not checked, left as it is", line)
    assert reason in line
    assert path.read_bytes() == data
    assert "Traceback" not in out + err


def test_a_bomb_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compressed, "DECOMPRESSED_SIZE_LIMIT", 1 << 20)
    path = tmp_path / "bomb.jsonl.gz"
    data = gzip.compress(b" " * (16 << 20))
    path.write_bytes(data)
    code, _, err = run(capsys, "-j", "1", str(path))
    assert code == 2
    [line] = err.splitlines()
    assert line.startswith(f"{path}: error: decompresses to more than 1 MiB")
    assert path.read_bytes() == data


def test_empty_compressed_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.jsonl.gz"
    path.write_bytes(gzip.compress(b""))
    code, _, err = run(capsys, str(path))
    assert code == 2
    assert err.strip() == f"{path}: error: file is empty: no article to check"


def test_cache_and_workers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for index in range(4):
        (tmp_path / f"part-{index}.jsonl.gz").write_bytes(gzip.compress(jsonl(DIRTY, CLEAN)))
    first = run(capsys, "-j", "2", str(tmp_path))
    again = run(capsys, "-j", "2", str(tmp_path))  # from the cache
    assert first == again
    assert first[0] == 1 and first[1].count("NL101") == 4
    code, _, err = run(capsys, "--fix", "-j", "2", str(tmp_path))
    assert (code, err) == (0, "")
    code, out, _ = run(capsys, "-j", "2", str(tmp_path))
    assert code == 0 and "All checks passed!" in out


def test_process_file_reports_the_raw_bytes_digest(tmp_path: Path) -> None:
    """The cache compares a file's digest with its bytes on disk: the compressed ones."""
    from newslint.runner import content_digest

    path = tmp_path / "a.jsonl.gz"
    data = gzip.compress(jsonl(CLEAN))
    path.write_bytes(data)
    result = process_file(str(path), [], Options())
    assert result.digest == content_digest(data)
    assert result.articles == 1


def test_full_output_quotes_the_decompressed_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl(DIRTY)))
    code, out, _ = run(capsys, "--output-format", "full", "--select", "NL101", str(path))
    assert code == 1
    assert "1 | " in out and "**harbour**" in out
    assert "^^^^^^^^^^^ NL101" in out


def test_bytes_named_compressed_are_decompressed_and_fixed_back(tmp_path: Path) -> None:
    """stdin with ``--stdin-filename x.jsonl.gz`` (and any caller of ``process_data``) gets
    the fixed bytes in the same compression."""
    from newslint.registry import all_rules
    from newslint.runner import process_data

    rules = [rule for rule in all_rules() if rule.code in ("NL101", "NL502")]
    result, fixed = process_data(
        "x.jsonl.gz", gzip.compress(jsonl(DIRTY)), rules, Options(fix=True)
    )
    assert result.fixed == 2 and fixed is not None
    assert json.loads(gzip.decompress(fixed))["body"] == FIXED_BODY
    result, fixed = process_data("x.jsonl.gz", jsonl(DIRTY), rules, Options(fix=True))
    assert fixed is None and result.unreadable
    assert "not a gzip file" in result.errors[0].message
