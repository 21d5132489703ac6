"""Another program writing a file while ``newslint --fix`` replaces it (issue 14): a write
seen before the rename refuses the fix; a write that lands in the replaced file during the
rename (an appender holding its descriptor) undoes the fix.  Neither is ever reported as
success, and no written line is lost.  The other program's write is put exactly in the
window under test by wrapping the call newslint makes there."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newslint.cli import main

from .conftest import SEED

LINE = b"A line another program appended.\n"


def append_before(
    monkeypatch: pytest.MonkeyPatch, name: str, target: Path, descriptor: int
) -> list[bool]:
    """Make ``os.<name>`` append ``LINE`` to ``target`` through ``descriptor`` (opened before
    the run) when newslint first calls it on its way to replacing ``target``."""
    real: Callable[..., Any] = getattr(os, name)
    done: list[bool] = []

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not done and any(str(a).endswith(".newslint-tmp") for a in args):
            os.write(descriptor, LINE)
            done.append(True)
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, wrapped)
    return done


@pytest.mark.parametrize(
    ("window", "message"),
    [
        ("chmod", "changed on disk while newslint was fixing it; not overwritten"),
        ("replace", "another program wrote to it while newslint replaced it; the fix was undone"),
    ],
    ids=["before-the-last-check", "during-the-rename"],
)
def test_a_concurrent_append_is_never_lost(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    window: str,
    message: str,
) -> None:
    article = tmp_path / "a.txt"
    original = SEED.read_bytes()
    article.write_bytes(original)
    descriptor = os.open(article, os.O_WRONLY | os.O_APPEND)
    try:
        done = append_before(monkeypatch, window, article, descriptor)
        code = main(["--isolated", "--no-cache", "--fix", "-j", "1", str(article)])
    finally:
        os.close(descriptor)
    assert done
    err = capsys.readouterr().err
    assert f"{article}: error: {message}" in err
    assert code == 2
    assert article.read_bytes() == original + LINE
    assert sorted(tmp_path.iterdir()) == [article]
