"""A fixed file keeps its owner, group, mode and extended attributes, and a file the user
could not write is never rewritten (issue 14), through the real CLI."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from newslint.cli import main

from .conftest import DATA, SEED

FIXED = (DATA / "seed_fixed_safe.txt").read_bytes()


def xattrs_supported(path: Path) -> bool:
    try:
        os.setxattr(path, "user.newslint-probe", b"1")
        os.removexattr(path, "user.newslint-probe")
    except (AttributeError, OSError):
        return False
    return True


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_root_fixing_another_users_file_keeps_what_makes_it_theirs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    shutil.copyfile(SEED, article)
    os.chown(article, 12345, 23456)
    os.chmod(article, 0o640)
    xattrs = xattrs_supported(article)
    if xattrs:
        os.setxattr(article, "user.origin", b"crawler-7")
    assert main(["--isolated", "--no-cache", "--fix", str(article)]) == 1
    capsys.readouterr()
    assert article.read_bytes() == FIXED
    info = article.stat()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o7777) == (12345, 23456, 0o640)
    if xattrs:
        assert os.getxattr(article, "user.origin") == b"crawler-7"


def test_a_read_only_file_in_a_writable_folder_is_not_rewritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article, other = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copyfile(SEED, article)
    shutil.copyfile(SEED, other)
    os.chmod(article, 0o444)
    before = article.stat()
    assert main(["--isolated", "--no-cache", "--fix", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"{article}: error: read-only (no write permission); not written" in err
    assert article.read_bytes() == SEED.read_bytes()
    assert article.stat().st_ino == before.st_ino
    assert other.read_bytes() == FIXED  # the run went on
    assert sorted(tmp_path.iterdir()) == [article, other]


def test_a_file_this_user_may_not_write_is_not_rewritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """As a user without write permission on the file sees it (root is let through by the
    permission bits, so ``os.access`` answers as it would for that user)."""
    article = tmp_path / "a.txt"
    shutil.copyfile(SEED, article)
    real_access = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        if Path(str(path)) == article and mode & os.W_OK:
            return False
        return real_access(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    assert main(["--isolated", "--no-cache", "--fix", str(article)]) == 2
    assert f"{article}: error: not writable by this user; not written" in capsys.readouterr().err
    assert article.read_bytes() == SEED.read_bytes()
