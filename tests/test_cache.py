"""The cache: a second run over an unchanged corpus reads nothing and reports the same."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus
from newslint import scheduler
from newslint.cli import main

OLD = time.time() - 3600
"""Files written an hour ago are past the cache's racy window."""


def _age(folder: Path) -> None:
    for path in folder.rglob("*.*"):
        os.utime(path, (OLD, OLD))


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["--isolated", "--format", "json-lines", *args])
    return code, capsys.readouterr().out


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    write_corpus(folder, 40, seed=11, txt_share=0.5, jsonl_files=2)
    _age(folder)
    return folder


@pytest.fixture
def no_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every file the engine is asked to check."""
    checked: list[str] = []
    real = scheduler.process_file

    def spy(path: str, *args: object, **kwargs: object) -> object:
        checked.append(path)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(scheduler, "process_file", spy)
    return checked


def test_a_warm_run_checks_nothing_and_reports_the_same(
    corpus: Path, capsys: pytest.CaptureFixture[str], no_checks: list[str]
) -> None:
    cold = _run(capsys, str(corpus))
    assert len(no_checks) == len(list(corpus.rglob("*.*")))
    no_checks.clear()
    warm = _run(capsys, str(corpus))
    assert warm == cold and cold[0] == 1
    assert no_checks == []


def test_a_warm_run_does_not_even_read_unchanged_files(
    corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = _run(capsys, str(corpus))
    opened: list[str] = []
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        opened.append(str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert _run(capsys, str(corpus)) == cold
    assert [path for path in opened if "corpus" in path] == []


def test_a_touched_but_unchanged_file_is_still_a_hit(
    corpus: Path, capsys: pytest.CaptureFixture[str], no_checks: list[str]
) -> None:
    cold = _run(capsys, str(corpus))
    touched = sorted(corpus.rglob("*.txt"))[0]
    os.utime(touched, None)  # a new mtime, the same content
    no_checks.clear()
    assert _run(capsys, str(corpus)) == cold
    assert no_checks == []


def test_a_changed_file_is_checked_again(
    corpus: Path, capsys: pytest.CaptureFixture[str], no_checks: list[str]
) -> None:
    _run(capsys, str(corpus))
    changed = sorted(corpus.rglob("*.txt"))[0]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("\n\n", "\n\n**Staff / AFP**\n\n", 1), encoding="utf-8")
    no_checks.clear()
    code, out = _run(capsys, str(corpus))
    assert code == 1 and no_checks == [str(changed)]
    assert "NL101" in "".join(line for line in out.splitlines() if str(changed) in line)


def test_a_change_within_the_timestamp_resolution_is_not_missed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_checks: list[str]
) -> None:
    """Same size, same mtime, new content: a file written just before the run is re-hashed."""
    article = tmp_path / "a.json"
    article.write_text('{"title": "T", "url": "https://a.example/1", "body": "Fine text."}')
    stat = article.stat()
    assert _run(capsys, str(article))[0] == 0
    article.write_text('{"title": "T", "url": "https://a.example/1", "body": "A &amp; b."}')
    os.utime(article, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert article.stat().st_size == stat.st_size
    no_checks.clear()
    code, out = _run(capsys, str(article))
    assert (code, no_checks) == (1, [str(article)])
    assert "NL304" in out


def test_other_settings_use_another_cache(
    corpus: Path, capsys: pytest.CaptureFixture[str], no_checks: list[str]
) -> None:
    everything = _run(capsys, str(corpus))
    markup = _run(capsys, "--select", "NL1", str(corpus))
    assert markup != everything
    assert {json.loads(line)["code"][:3] for line in markup[1].splitlines()} == {"NL1"}
    no_checks.clear()
    assert _run(capsys, "--select", "NL1", str(corpus)) == markup
    assert _run(capsys, str(corpus)) == everything
    assert no_checks == []


def test_the_cache_folder_is_tagged_and_ignored_by_git(
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NEWSLINT_CACHE_DIR")
    monkeypatch.chdir(tmp_path)
    _run(capsys, "corpus")
    folder = tmp_path / ".newslint_cache"
    assert (
        (folder / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    assert list(folder.rglob("*.pickle"))


def test_no_cache_and_cache_dir(
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    no_checks: list[str],
) -> None:
    monkeypatch.delenv("NEWSLINT_CACHE_DIR")
    monkeypatch.chdir(tmp_path)
    cold = _run(capsys, "--no-cache", "corpus")
    assert not (tmp_path / ".newslint_cache").exists()
    _run(capsys, "--cache-dir", "elsewhere", "corpus")
    assert (tmp_path / "elsewhere" / "CACHEDIR.TAG").exists()
    assert not (tmp_path / ".newslint_cache").exists()
    no_checks.clear()
    assert _run(capsys, "--cache-dir", "elsewhere", "corpus") == cold
    assert no_checks == []
    assert _run(capsys, "--no-cache", "--cache-dir", "elsewhere", "corpus") == cold
    assert len(no_checks) == len(list((tmp_path / "corpus").rglob("*.*")))


def test_a_corrupt_cache_is_ignored(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_checks: list[str]
) -> None:
    cold = _run(capsys, str(corpus))
    for pickle_file in Path(os.environ["NEWSLINT_CACHE_DIR"]).rglob("*.pickle"):
        pickle_file.write_bytes(b"\x80\x05garbage")
    no_checks.clear()
    assert _run(capsys, str(corpus)) == cold
    assert no_checks  # checked again, not crashed


def test_fix_does_not_skip_a_cached_file_with_fixes(
    corpus: Path, capsys: pytest.CaptureFixture[str], no_checks: list[str]
) -> None:
    before = {path: path.read_bytes() for path in corpus.rglob("*.*")}
    _run(capsys, str(corpus))
    main(["--isolated", "--fix", "-q", "--format", "json-lines", str(corpus)])
    capsys.readouterr()
    fixed = [path for path, data in before.items() if path.read_bytes() != data]
    assert fixed
    no_checks.clear()
    _run(capsys, str(corpus))
    # Fixed files were stored as they were written, checked by the fix run itself.
    assert not set(no_checks) & {str(path) for path in fixed}


def test_per_file_ignores_are_part_of_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.json"
    article.write_text('{"title": "T", "url": "https://a.example/1", "body": "A &amp; B"}')
    os.utime(article, (OLD, OLD))
    config = tmp_path / "newslint.toml"
    config.write_text("")
    args = ["--config", str(config), "--format", "json-lines", str(article)]
    assert main(args) == 1
    assert "NL304" in capsys.readouterr().out
    config.write_text('[per-file-ignores]\n"*.json" = ["NL304"]\n')
    assert main(args) == 0
    assert "NL304" not in capsys.readouterr().out


class _Payload:
    """What a forged cache would hold: unpickling it runs a command."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, (f"touch {self.marker}",)


def test_a_forged_cache_cannot_run_code(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_checks: list[str]
) -> None:
    """A cache folder can arrive with someone else's corpus: it is data, never code."""
    import pickle

    cold = _run(capsys, str(corpus))
    marker = tmp_path / "ran"
    for pickle_file in Path(os.environ["NEWSLINT_CACHE_DIR"]).rglob("*.pickle"):
        pickle_file.write_bytes(pickle.dumps({"x": _Payload(marker)}))
    no_checks.clear()
    assert _run(capsys, str(corpus)) == cold
    assert not marker.exists()
    assert no_checks  # the forged cache was refused, and everything checked again


def test_the_cache_file_is_as_readable_as_any_file_the_user_writes(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, str(corpus))
    mask = os.umask(0o022)
    os.umask(mask)
    [pickle_file] = Path(os.environ["NEWSLINT_CACHE_DIR"]).rglob("*.pickle")
    assert pickle_file.stat().st_mode & 0o777 == 0o666 & ~mask


def test_a_rewrite_that_puts_size_and_mtime_back_is_still_seen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_checks: list[str]
) -> None:
    """The ctime cannot be set back: a same-size edit with the old mtime is re-hashed."""
    article = tmp_path / "a.json"
    article.write_text('{"title": "T", "url": "https://a.example/1", "body": "Fine text."}')
    os.utime(article, (OLD, OLD))
    assert _run(capsys, str(article))[0] == 0
    time.sleep(0.01)
    article.write_text('{"title": "T", "url": "https://a.example/1", "body": "A &amp; b."}')
    os.utime(article, (OLD, OLD))
    no_checks.clear()
    code, out = _run(capsys, str(article))
    assert (code, no_checks) == (1, [str(article)])
    assert "NL304" in out


def test_a_report_after_a_check_reads_the_check_from_the_cache(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_checks: list[str]
) -> None:
    from newslint.quality import run_report_command

    assert main(["--isolated", "-q", str(corpus)]) == 1
    reported = len(capsys.readouterr().out.splitlines())
    no_checks.clear()
    target = tmp_path / "report.json"
    assert (
        run_report_command(
            ["--isolated", "--no-fix-preview", "--format", "json", "-o", str(target), str(corpus)]
        )
        == 0
    )
    assert no_checks == []  # the after-fix counts fix files in memory: --no-fix-preview
    problems = json.loads(target.read_text())["totals"]["problems"]
    assert problems == reported > 0


def test_per_file_warnings_are_replayed_from_the_cache(
    corpus: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    no_checks: list[str],
) -> None:
    """A warning about a file (a site profile that cannot judge it) is part of its result:
    a warm run prints it as the cold run did, big JSONL files (read in chunks) included."""
    from newslint.registry import find_rule

    rule = find_rule("NL101")
    assert rule is not None
    monkeypatch.setattr(type(rule), "file_warnings", lambda self, articles: ["look at this"])
    monkeypatch.setattr(scheduler, "CHUNK_BYTES", 4096)  # the corpus's JSONL files in chunks
    files = len(list(corpus.rglob("*.*")))
    runs = []
    for _ in range(2):
        no_checks.clear()
        main(["--isolated", "-q", str(corpus)])
        err = capsys.readouterr().err
        runs.append(sorted(line for line in err.splitlines() if line.endswith(": look at this")))
    assert runs[0] == runs[1] and len(runs[0]) == files
    assert no_checks == []  # the warm run checked nothing


def test_a_fix_keeps_no_result_whose_warnings_may_be_about_its_fixes(
    corpus: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    no_checks: list[str],
) -> None:
    from newslint.registry import find_rule

    rule = find_rule("NL101")
    assert rule is not None
    monkeypatch.setattr(type(rule), "file_warnings", lambda self, articles: ["look at this"])
    main(["--isolated", "--fix", "-q", str(corpus)])
    capsys.readouterr()
    no_checks.clear()
    main(["--isolated", "-q", str(corpus)])
    assert "look at this" in capsys.readouterr().err
    small = [path for path in corpus.rglob("*.*") if path.suffix != ".jsonl"]
    assert set(map(str, small)) <= set(no_checks)  # checked again, not read from the fix
