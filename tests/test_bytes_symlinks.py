"""Symbolic links out of the checked folders, and files that are no articles (issue 14,
"Security"): ``innocent.txt -> ../outside/script.sh`` is never rewritten."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newslint.cli import main

from .conftest import DATA, SEED

FIXED = (DATA / "seed_fixed_safe.txt").read_bytes()
SCRIPT = b"#!/bin/sh\n# clean up  **temp** files\necho done\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    outside, tree = tmp_path / "outside", tmp_path / "tree"
    outside.mkdir()
    tree.mkdir()
    (outside / "script.sh").write_bytes(SCRIPT)
    shutil.copyfile(SEED, outside / "story.txt")
    (tree / "innocent.txt").symlink_to("../outside/script.sh")
    (tree / "story.txt").symlink_to("../outside/story.txt")
    shutil.copyfile(SEED, tree / "own.txt")
    return tree


def test_links_out_of_the_tree_are_not_followed(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tree.parent / "outside"
    assert main(["--isolated", "--no-cache", "--fix", str(tree)]) == 2
    err = capsys.readouterr().err
    assert f"{tree / 'innocent.txt'}: error: symbolic link to " in err
    assert "which is not an article file; not checked" in err
    assert f"{tree / 'story.txt'}: warning: symbolic link to " in err
    assert "not followed (--follow-links follows it)" in err
    assert (outside / "script.sh").read_bytes() == SCRIPT
    assert (outside / "story.txt").read_bytes() == SEED.read_bytes()
    assert (tree / "own.txt").read_bytes() == FIXED


def test_follow_links_fixes_an_article_through_its_link_but_never_a_script(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tree.parent / "outside"
    assert main(["--isolated", "--no-cache", "--fix", "--follow-links", str(tree)]) == 2
    assert "innocent.txt: error" in capsys.readouterr().err
    assert (outside / "story.txt").read_bytes() == FIXED
    assert (tree / "story.txt").is_symlink()
    assert (outside / "script.sh").read_bytes() == SCRIPT


def test_a_script_named_txt_is_no_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "notes.txt"
    script.write_bytes(SCRIPT)
    assert main(["--isolated", "--no-cache", "--fix", str(script)]) == 2
    assert "starts with '#!': a script, not an article; not checked" in capsys.readouterr().err
    assert script.read_bytes() == SCRIPT
