"""A cache folder that came with someone else's corpus can neither hide a problem, crash a
run, nor make newslint read or create a file outside it."""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from newslint import cache
from newslint.cache import CACHE_DIRECTORY, Entry
from newslint.cli import main

ARTICLES = {
    "a.txt": "Title\n\nSome **bold** text &amp; more.\n",
    "b.txt": "Title\n\nOther __text__ here.   \n",
    "c.txt": "Title\n\nA third article, with [link](http://x.example) markup.\n",
}
OLD = 1_600_000_000
MAGIC = b"newslint-cache-hmac-sha256\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three articles in a project folder whose cache is ``.newslint_cache`` beside them;
    the user's secret in a private XDG cache folder."""
    folder = tmp_path / "project"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
        os.utime(folder / name, (OLD, OLD))
    monkeypatch.chdir(folder)
    monkeypatch.delenv("NEWSLINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-a"))
    monkeypatch.setattr(cache, "_secrets", {}, raising=False)
    return folder


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["--isolated", "--format", "concise", *args, "."])
    return code, capsys.readouterr().out


def _cache_files(project: Path) -> list[Path]:
    return sorted((project / CACHE_DIRECTORY).rglob("*.pickle"))


def _entries(path: Path) -> tuple[bytes, dict[str, Entry]]:
    """The header (empty for an unsigned file) and the entries of a cache file."""
    data = path.read_bytes()
    start = len(MAGIC) + 32 if data.startswith(MAGIC) else 0
    return data[:start], pickle.loads(data[start:])


def _signed(secret: bytes, key: str, entries: dict[str, object]) -> bytes:
    """A cache file as newslint writes one, signed with ``secret``."""
    payload = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
    mac = hmac.new(secret, f"newslint cache 2 {key}\n".encode(), hashlib.sha256)
    mac.update(payload)
    return MAGIC + mac.digest() + payload


def _all_clean(entries: dict[str, Entry]) -> dict[str, Entry]:
    return {
        path: replace(entry, result=replace(entry.result, diagnostics=[]))
        for path, entry in entries.items()
    }


def test_a_forged_entry_does_not_hide_problems(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cold = _check(capsys)
    assert cold[0] == 1 and "NL101" in cold[1]
    [pickle_file] = _cache_files(project)
    header, entries = _entries(pickle_file)
    # The attacker keeps the old signature, or has none: the entries say "no problems".
    pickle_file.write_bytes(header + pickle.dumps(_all_clean(entries)))
    assert _check(capsys) == cold
    pickle_file.write_bytes(pickle.dumps(_all_clean(entries)))
    assert _check(capsys) == cold


def test_a_cache_signed_by_another_user_is_a_miss(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The attacker runs newslint on the corpus, forges a cache with their own secret and
    ships the folder; the victim's secret is another."""
    cold = _check(capsys)
    [pickle_file] = _cache_files(project)
    attacker = cache.user_secret()
    assert attacker is not None
    _, entries = _entries(pickle_file)
    pickle_file.write_bytes(_signed(attacker, pickle_file.stem, _all_clean(entries)))
    assert _check(capsys)[0] == 0  # the attacker's own run believes it
    monkeypatch.setenv("XDG_CACHE_HOME", str(project.parent / "user-b"))
    assert _check(capsys) == cold  # the victim's does not


def test_a_malformed_cache_is_a_miss_not_a_crash(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cold = _check(capsys)
    [pickle_file] = _cache_files(project)
    _, entries = _entries(pickle_file)
    malformed = {path: replace(entry, result=42) for path, entry in entries.items()}
    pickle_file.write_bytes(pickle.dumps(malformed))  # unsigned
    assert _check(capsys) == cold
    secret = cache.user_secret()
    assert secret is not None
    # Even one signed with the user's own secret (a bug of an older newslint, say).
    pickle_file.write_bytes(_signed(secret, pickle_file.stem, malformed))
    code, out = _check(capsys, "--fix")
    assert code == 1 and "Found" in out
    assert (project / "a.txt").read_text(encoding="utf-8") != ARTICLES["a.txt"]
    assert "NL101" not in _check(capsys)[1]


def test_links_in_a_shipped_cache_folder_are_not_followed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = project.parent / "outside"
    outside.mkdir()
    folder = project / CACHE_DIRECTORY
    folder.mkdir()
    (folder / "CACHEDIR.TAG").symlink_to(outside / "created-by-tag")
    (folder / ".gitignore").symlink_to(outside / "created-by-gitignore")
    (folder / cache.__version__).symlink_to(outside, target_is_directory=True)
    cold = _check(capsys)
    assert cold[0] == 1 and "NL101" in cold[1]
    assert list(outside.iterdir()) == []
    assert _check(capsys) == cold


def test_a_cache_folder_that_is_a_link_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = project.parent / "outside"
    outside.mkdir()
    (project / CACHE_DIRECTORY).symlink_to(outside, target_is_directory=True)
    assert _check(capsys)[0] == 1
    assert list(outside.iterdir()) == []


def test_a_cache_file_that_is_a_link_is_neither_read_nor_written_through(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cold = _check(capsys)
    [pickle_file] = _cache_files(project)
    target = project.parent / "elsewhere.pickle"
    target.write_bytes(pickle_file.read_bytes())  # a valid cache of the user's own
    pickle_file.unlink()
    pickle_file.symlink_to(target)
    (project / "a.txt").write_text(ARTICLES["a.txt"] + "\n\n\n\nMore.\n", encoding="utf-8")
    os.utime(project / "a.txt", (OLD, OLD))
    kept = target.read_bytes()
    code, out = _check(capsys)
    assert code == 1 and "NL503" in out
    assert target.read_bytes() == kept  # the run's cache went beside it, not through it
    assert not pickle_file.is_symlink() and pickle_file.is_file()
    assert cold[0] == 1


def test_the_secret_is_private_and_made_once(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _check(capsys)
    key = project.parent / "user-a" / "newslint" / "key"
    info = key.stat()
    assert stat.S_IMODE(info.st_mode) == 0o600 and info.st_size == cache.KEY_BYTES
    secret = key.read_bytes()
    monkeypatch.setattr(cache, "_secrets", {}, raising=False)
    _check(capsys)
    assert key.read_bytes() == secret
    assert [p.name for p in key.parent.iterdir()] == ["key"]  # no temporary file left


def test_a_secret_others_can_read_turns_the_cache_off(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = project.parent / "user-a" / "newslint" / "key"
    key.parent.mkdir(parents=True)
    key.write_bytes(b"k" * cache.KEY_BYTES)
    key.chmod(0o644)
    cold = _check(capsys)
    assert cold[0] == 1
    assert _cache_files(project) == []
    assert key.read_bytes() == b"k" * cache.KEY_BYTES  # not replaced behind the user's back
