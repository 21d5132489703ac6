"""Hostile and broken input through the real CLI (issue 5, "Never lose a byte").

Each case puts one hostile file next to a damaged copy of the seed article and runs
``newslint --isolated --fix`` on the folder.  It checks that

* stderr has exactly one clear line about the hostile file, naming it (and the line and
  column, or the byte offset, where that applies), and no traceback;
* the hostile file is byte-for-byte as it was, with the same mtime;
* the rest of the run carries on: the seed copy is still fixed;
* the exit code is 2 for input that could not be checked, 1 for problems only.

The two big inputs (a 50 MB single-line article, a record with a 10 MB field) are run at a
smaller size by default so that this file stays CI-friendly; set ``NEWSLINT_HOSTILE_FULL=1``
to run them at full size (about 70 s and 30 s on a 2-core machine at the time of writing).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import newslint.cli
import newslint.run
import newslint.runner
from newslint.cli import main
from newslint.files import discover

from .conftest import DATA, SEED

SEED_FIXED = (DATA / "seed_fixed_safe.txt").read_bytes()
FULL = os.environ.get("NEWSLINT_HOSTILE_FULL") == "1"
ARTICLE_BYTES = 50_000_000 if FULL else 1_500_000
FIELD_BYTES = 10_000_000 if FULL else 1_000_000
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
GOOD_RECORD = {
    "title": "A title",
    "body": "Some **bold** text in the body.",
    "url": "https://example.com/a",
}
FIXED_RECORD = {**GOOD_RECORD, "body": "Some bold text in the body."}


@dataclass
class Run:
    code: int
    out: str
    err: str

    def lines_about(self, path: Path) -> list[str]:
        return [line for line in self.err.splitlines() if str(path) in line]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    code = main(["--isolated", *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert "internal error" not in captured.err
    return Run(code, captured.out, captured.err)


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    """A damaged copy of the seed article beside the hostile file; the run must still fix it."""
    target = tmp_path / "zz_seed.txt"
    shutil.copyfile(SEED, target)
    return target


def write(path: Path, data: bytes) -> tuple[bytes, int]:
    path.write_bytes(data)
    return data, path.stat().st_mtime_ns


def assert_untouched(path: Path, before: tuple[bytes, int]) -> None:
    assert path.read_bytes() == before[0]
    assert path.stat().st_mtime_ns == before[1]


def check_rejected(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    seed: Path,
    name: str,
    data: bytes,
    *fragments: str,
) -> str:
    """Run --fix on the folder; the file must be reported on one line and left as it was."""
    hostile = tmp_path / name
    before = write(hostile, data)
    result = run(capsys, "--fix", str(tmp_path))
    lines = result.lines_about(hostile)
    assert len(lines) == 1, result.err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    assert_untouched(hostile, before)
    assert seed.read_bytes() == SEED_FIXED
    assert result.code == 2
    return lines[0]


# --- undecodable bytes ---------------------------------------------------------------------


def test_png_named_txt(capsys: pytest.CaptureFixture[str], tmp_path: Path, seed: Path) -> None:
    check_rejected(capsys, tmp_path, seed, "photo.txt", PNG, "binary file", "byte offset 8")


@pytest.mark.parametrize(
    ("name", "data", "offset", "where"),
    [
        ("bad.txt", b"Title\n\nBody caf\xe9 text.\n", 15, ":3:9: "),
        ("bad.json", b'{"title": "T",\n "body": "x\xc3("}', 26, ":2:12: "),
        ("bad.jsonl", b'{"title": "ok", "body": "fine"}\n{"body": "\xff"}\n', 42, ":2:11: "),
        ("bom.txt", b"\xef\xbb\xbfTitle\n\xed\xa0\x80\n", 9, ":2:1: "),  # encoded surrogate
    ],
)
def test_invalid_utf8_reports_byte_offset(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    seed: Path,
    name: str,
    data: bytes,
    offset: int,
    where: str,
) -> None:
    line = check_rejected(
        capsys, tmp_path, seed, name, data, "not valid UTF-8", f"byte offset {offset}", where
    )
    assert f"byte 0x{data[offset]:02x} " in line


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed: Path, encoding: str
) -> None:
    text = "Title\n\nBody text.\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    check_rejected(capsys, tmp_path, seed, "wide.txt", data, "UTF-16")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.txt", b""),
        ("empty.json", b""),
        ("empty.jsonl", b""),
        ("blank.txt", b" \n\t\r\n  \n"),
        ("blank.json", b"\n  \n"),
        ("blank.jsonl", b"\n\n\r\n"),
        ("bom-only.txt", b"\xef\xbb\xbf\n"),
    ],
)
def test_empty_and_whitespace_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed: Path, name: str, data: bytes
) -> None:
    check_rejected(capsys, tmp_path, seed, name, data, "empty")


@pytest.mark.parametrize(
    ("data", "offset", "where"),
    [
        (b"Title\n\nBody\x00text\n", 11, ":3:5: "),
        # Past the first 8 KiB too: such a NUL used to be read as text and deleted by --fix.
        (b"Title\n\n" + b"Body text. " * 1000 + b"\x00 **more**\n", 11_007, ":3:11001: "),
    ],
)
def test_nul_bytes(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    seed: Path,
    data: bytes,
    offset: int,
    where: str,
) -> None:
    assert data.index(b"\x00") == offset
    check_rejected(
        capsys, tmp_path, seed, "nul.txt", data, "binary file", f"byte offset {offset}", where
    )


def test_nul_byte_in_jsonl_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed: Path
) -> None:
    data = json.dumps(GOOD_RECORD).encode() + b"\n" + b'{"body": "a\x00b"}\n'
    check_rejected(capsys, tmp_path, seed, "nul.jsonl", data, "byte offset")


# --- JSON that is not an article -----------------------------------------------------------


def test_jsonl_one_malformed_line_among_good_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed: Path
) -> None:
    good = json.dumps(GOOD_RECORD).encode()
    bad = b'{"title": "broken", "body": "**x**"'  # no closing brace
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join([good, bad, good, b"[1, 2]", good]) + b"\n")
    result = run(capsys, "--fix", str(tmp_path))
    lines = result.lines_about(path)
    assert len(lines) == 2, result.err
    assert f"{path}:2:" in lines[0] and "invalid JSON" in lines[0]
    assert f"{path}:4:1: " in lines[1] and "found an array" in lines[1]
    fixed = json.dumps(FIXED_RECORD).encode()
    assert path.read_bytes() == b"\n".join([fixed, bad, fixed, b"[1, 2]", fixed]) + b"\n"
    assert seed.read_bytes() == SEED_FIXED
    assert result.code == 2


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        # Scalars and arrays of non-articles are skipped (tests/test_h2_not_article.py).
        (b'[{"title": "T", "body": "B"}]', "an array"),
    ],
)
def test_json_value_that_is_not_an_object(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed: Path, data: bytes, kind: str
) -> None:
    check_rejected(capsys, tmp_path, seed, "value.json", data, f"found {kind}", ":1:1: ")


def test_field_of_the_wrong_type(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed: Path
) -> None:
    path = tmp_path / "typed.json"
    record = {**GOOD_RECORD, "title": 42, "byline": ["a", 1], "related": "not a list"}
    path.write_text(json.dumps(record))
    result = run(capsys, "--fix", str(tmp_path))
    # (NL002 points at the record, 1:1, rather than at the member's value.)
    assert f"{path}:1:1: NL002 field 'title' is a number; expected string" in result.out
    assert f"{path}:1:1: NL002 field 'related' is a string; expected array" in result.out
    assert result.lines_about(path) == []  # a problem, not an error
    # The other fields are still checked and fixed; the wrong-typed ones are kept as they were.
    assert json.loads(path.read_text()) == {**record, "body": FIXED_RECORD["body"]}
    assert seed.read_bytes() == SEED_FIXED
    assert result.code == 1


def test_deeply_nested_json_in_a_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed: Path
) -> None:
    data = b'{"title": "T", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    check_rejected(capsys, tmp_path, seed, "deep.json", data, "nested too deeply", ":1:21: ")
    data = b'{"title": "T", "x": ' + b'{"a": ' * 100_000 + b"1" + b"}" * 100_001
    check_rejected(capsys, tmp_path, seed, "deep2.jsonl", data, "nested too deeply", ":1:21: ")


@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl"])
def test_deeply_nested_json_at_the_top(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed: Path, name: str
) -> None:
    check_rejected(
        capsys, tmp_path, seed, name, b"[" * 100_000 + b"]" * 100_000, "nested too deeply"
    )


def test_lone_surrogate_escapes_are_kept(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed: Path
) -> None:
    path = tmp_path / "surrogates.jsonl"
    lines = [
        b'{"title": "T \\ud800", "body": "A **b** \\udc00 c \\ud83d", "url": "https://a.b/c"}',
        b'{"title": "\\udfff", "body": "**x** \\ud800\\ud800", "url": "https://a.b/c"}',
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    for output_format in ("concise", "full", "json", "sarif", "junit", "github"):
        run(capsys, "--output-format", output_format, str(path))
    result = run(capsys, "--fix", str(tmp_path))
    assert result.code in (0, 1)
    # The fix removed the bold markers and kept every escape exactly as it was written.
    expected = [line.replace(b"**", b"") for line in lines]
    assert path.read_bytes() == b"\n".join(expected) + b"\n"
    assert seed.read_bytes() == SEED_FIXED


def test_lone_surrogate_escape_is_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "surrogate.json"
    path.write_bytes(b'{"title": "T", "body": "A \\ud800 b", "url": "https://a.b/c"}')
    result = run(capsys, str(path))
    assert "surrogate" in (result.out + result.err).lower()


# --- size ------------------------------------------------------------------------------------


def test_huge_single_line_article(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed: Path
) -> None:
    sentence = b"The quick brown fox jumps over the lazy dog. "
    line = b"Some **bold** here. " + sentence * (ARTICLE_BYTES // len(sentence)) + b"The end."
    path = tmp_path / "huge.txt"
    path.write_bytes(b"A title\n\n" + line + b"\n")
    start = time.perf_counter()
    result = run(capsys, "--fix", str(tmp_path))
    elapsed = time.perf_counter() - start
    print(f"{len(line) / 1e6:.1f} MB single-line article: --fix took {elapsed:.1f} s")
    assert result.code == 1, result.err  # NL001: no url
    assert path.read_bytes() == b"A title\n\n" + line.replace(b"**", b"", 2) + b"\n"
    assert seed.read_bytes() == SEED_FIXED
    assert elapsed < (600 if FULL else 60)  # only pathological (quadratic) slowness fails


def test_jsonl_record_with_a_huge_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed: Path
) -> None:
    sentence = "The quick brown fox jumps over the lazy dog. "
    filler = sentence * (FIELD_BYTES // len(sentence))
    big = {**GOOD_RECORD, "body": "A **b** c. " + filler + "The end."}
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps(GOOD_RECORD) + "\n" + json.dumps(big) + "\n")
    start = time.perf_counter()
    result = run(capsys, "--fix", str(tmp_path))
    elapsed = time.perf_counter() - start
    print(f"{len(big['body']) / 1e6:.1f} MB field: --fix took {elapsed:.1f} s")
    assert result.code == 1, result.err  # the seed's unfixable NL401
    fixed_big = {**big, "body": big["body"].replace("**", "")}
    assert path.read_text() == json.dumps(FIXED_RECORD) + "\n" + json.dumps(fixed_big) + "\n"
    assert seed.read_bytes() == SEED_FIXED
    assert elapsed < (600 if FULL else 60)


# --- paths -------------------------------------------------------------------------------------


def test_path_that_does_not_exist(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed: Path
) -> None:
    missing = tmp_path / "missing" / "article.txt"
    result = run(capsys, "--fix", str(missing), str(seed))
    assert result.lines_about(missing) == [f"{missing}: error: no such file or directory"]
    assert not missing.parent.exists()
    assert seed.read_bytes() == SEED_FIXED
    assert result.code == 2


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root reads every folder whatever its permissions",
)
def test_folder_without_read_permission(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed: Path
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    inside = locked / "a.txt"
    shutil.copyfile(SEED, inside)
    locked.chmod(0o000)
    try:
        result = run(capsys, "--fix", str(tmp_path))
    finally:
        locked.chmod(0o755)
    lines = result.lines_about(locked)
    assert len(lines) == 1 and "cannot read folder" in lines[0], result.err
    assert inside.read_bytes() == SEED.read_bytes()
    assert seed.read_bytes() == SEED_FIXED
    assert result.code == 2


def test_symlink_loop(capsys: pytest.CaptureFixture[str], tmp_path: Path, seed: Path) -> None:
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    (tmp_path / "self.json").symlink_to("self.json")
    (tmp_path / "folder").symlink_to(tmp_path, target_is_directory=True)  # not followed
    result = run(capsys, "--fix", str(tmp_path))
    for name in ("a.txt", "b.txt", "self.json"):
        lines = result.lines_about(tmp_path / name)
        assert len(lines) == 1 and "symbolic links" in lines[0], result.err
        assert (tmp_path / name).is_symlink()
    assert seed.read_bytes() == SEED_FIXED
    assert result.code == 2
    # Named on the command line.
    result = run(capsys, "--fix", str(tmp_path / "a.txt"), str(seed))
    assert result.lines_about(tmp_path / "a.txt") == [
        f"{tmp_path / 'a.txt'}: error: broken symbolic link (or a loop of links)"
    ]
    assert result.code == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_does_not_hang_the_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed: Path
) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for args in ([str(tmp_path)], [str(fifo), str(seed)]):
        shutil.copyfile(SEED, seed)
        result = run(capsys, "--fix", *args)
        lines = result.lines_about(fifo)
        assert len(lines) == 1 and "not a regular file" in lines[0], result.err
        assert seed.read_bytes() == SEED_FIXED
        assert result.code == 2


# --- files that change under newslint's feet -------------------------------------------------


def test_file_that_disappears_before_it_is_read(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    seed: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    victim = tmp_path / "gone.txt"
    shutil.copyfile(SEED, victim)

    def discover_then_delete(
        paths: list[str], follow_links: bool = False
    ) -> Iterator[tuple[str, str | None]]:
        for path, message in discover(paths, follow_links):
            if path == str(victim):
                victim.unlink()
            yield path, message

    monkeypatch.setattr(newslint.run, "discover", discover_then_delete)
    result = run(capsys, "--fix", str(tmp_path))
    assert result.lines_about(victim) == [
        f"{victim}: error: cannot read: No such file or directory"
    ]
    assert not victim.exists()
    assert seed.read_bytes() == SEED_FIXED
    assert result.code == 2


def test_file_that_disappears_before_it_is_written(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    seed: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    victim = tmp_path / "gone.txt"
    shutil.copyfile(SEED, victim)
    real_write = newslint.runner.write_atomic

    def delete_then_write(path: Path, *args: object, **kwargs: object) -> None:
        if path == victim:
            victim.unlink()
        real_write(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(newslint.runner, "write_atomic", delete_then_write)
    result = run(capsys, "--fix", str(tmp_path))
    lines = result.lines_about(victim)
    assert len(lines) == 1 and "No such file or directory" in lines[0], result.err
    assert not victim.exists()  # not brought back
    assert not list(tmp_path.glob(".*newslint-tmp"))
    assert seed.read_bytes() == SEED_FIXED
    assert result.code == 2


def _append(path: Path) -> None:
    with path.open("ab") as handle:
        handle.write(b"\nA paragraph someone added meanwhile.\n")


def _same_size_same_mtime(path: Path) -> None:
    info = path.stat()
    data = path.read_bytes()
    path.write_bytes(data.replace(b"North", b"NORTH", 1))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def _replaced_by_rename(path: Path) -> None:
    info = path.stat()
    other = path.with_name("other.tmp")
    other.write_bytes(path.read_bytes().replace(b"North", b"NORTH", 1))
    os.utime(other, ns=(info.st_atime_ns, info.st_mtime_ns))
    os.replace(other, path)


@pytest.mark.parametrize("change", [_append, _same_size_same_mtime, _replaced_by_rename])
def test_file_changed_between_reading_and_writing_is_not_overwritten(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    seed: Path,
    monkeypatch: pytest.MonkeyPatch,
    change: object,
) -> None:
    victim = tmp_path / "busy.txt"
    shutil.copyfile(SEED, victim)
    real_write = newslint.runner.write_atomic
    changed: list[bytes] = []

    def change_then_write(path: Path, *args: object, **kwargs: object) -> None:
        if path == victim:
            change(victim)  # type: ignore[operator]
            changed.append(victim.read_bytes())
        real_write(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(newslint.runner, "write_atomic", change_then_write)
    result = run(capsys, "--fix", str(tmp_path))
    assert result.lines_about(victim) == [
        f"{victim}: error: changed on disk while newslint was fixing it; not overwritten"
    ]
    assert changed and victim.read_bytes() == changed[0] != SEED.read_bytes()
    assert not list(tmp_path.glob(".*newslint-tmp"))
    assert seed.read_bytes() == SEED_FIXED
    assert result.code == 2


def test_an_error_about_a_file_with_control_characters_in_its_name_is_printable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A file name is the user's: its ESC must not reach the terminal as an escape sequence."""
    bad = tmp_path / "red\x1b[31m.txt"
    bad.write_bytes(b"\xff\xfe" + "text".encode("utf-16-le"))
    result = run(capsys, str(tmp_path))
    assert result.code == 2
    assert "\x1b" not in result.err
    assert "red\\x1b[31m.txt: error: file is UTF-16" in result.err
    assert bad.read_bytes() == b"\xff\xfe" + "text".encode("utf-16-le")
