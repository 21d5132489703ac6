"""Terminal escape sequences in corpus text and file names never reach the terminal raw.

A scraped article or a file name can carry a screen clear (``ESC [2J``), an OSC 52 clipboard
write, an OSC 8 link, C1 controls (U+009B is a CSI on some terminals) and bidirectional
overrides.  Human formats show them escaped (``\\x1b``, ``\\u202e``); JSON, SARIF and JUnit
keep the same data but write these characters as escapes or character references.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from newslint.cli import main

CLEAR = "\x1b[2J"
CLIPBOARD = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
LINK = "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\"
CSI_C1 = "\x9b31m"
RLO = "\u202e"
NAME = f"evil{CLEAR}{CLIPBOARD}{RLO}txt.txt"
BODY = (
    f"Headline\n\nThe **market{CLEAR}{LINK}** rose {CSI_C1} today {RLO}gnp.exe   \n\n\n\n"
    f"Some **bold{CLIPBOARD}** text.\n"
)
DANGEROUS = {"\x1b", "\x07", "\x9b", "\x9d", RLO, "\u2066", "\u200f"}


def _raw(text: str) -> set[str]:
    """Characters in ``text`` that act on a terminal."""
    return {
        ch
        for ch in text
        if (ord(ch) < 0x20 and ch not in "\n\t") or 0x7F <= ord(ch) <= 0x9F or ch in DANGEROUS
    }


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / NAME).write_text(BODY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


@pytest.mark.parametrize("output_format", ["concise", "full", "github"])
def test_human_formats_escape_escapes(
    corpus: Path, output_format: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--no-cache", "--output-format", output_format, "."]) == 1
    out = capsys.readouterr().out
    assert _raw(out) == set()
    assert "evil\\x1b[2J\\x1b]52;c;ZWNobyBwd25lZA==\\x07\\u202etxt.txt" in out
    if output_format != "full":
        assert "market\\x1b[2J\\x1b]8;;http://evil.example" in out
    else:  # the excerpt: C0 controls as control pictures (one cell), the others escaped
        assert "market␛[2J␛]8;;http://evil.example␛\\click" in out
        assert "rose \\x9b31m today \\u202egnp.exe" in out


def test_carets_stay_under_the_span_after_an_escaped_control() -> None:
    from newslint.diagnostics import Diagnostic, Location, Severity
    from newslint.output import SourceLines, render_full

    text = f"A {RLO}B \x1b[2J **bold** x\n"
    start = text.index("**") + 1
    diagnostic = Diagnostic(
        path="a.txt",
        location=Location(1, start, 1, start + 8),
        code="NL101",
        name="markdown-emphasis",
        message="Markdown bold markers around 'bold'",
        severity=Severity.WARNING,
        field="body",
        start=0,
        end=0,
    )
    block = render_full([diagnostic], SourceLines({"a.txt": text}))
    source, carets = (line.split("| ", 1)[1] for line in block.splitlines()[2:4])
    assert source == "A \\u202eB ␛[2J **bold** x"
    assert carets == " " * source.index("**bold**") + "^" * 8 + " NL101"


def test_colour_output_adds_only_its_own_escapes(
    corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    for output_format in ("concise", "full"):
        assert main(["--no-cache", "--output-format", output_format, "."]) == 1
        out = capsys.readouterr().out
        plain = out
        for sgr in ("\x1b[0m", "\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[36m"):
            plain = plain.replace(sgr, "")
        assert _raw(plain) == set()


def test_show_fixes_escapes_the_file_name(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["--no-cache", "--fix", "--show-fixes", "."])
    out = capsys.readouterr().out
    assert "- ./evil\\x1b[2J" in out or "- evil\\x1b[2J" in out
    assert _raw(out) == set()


@pytest.mark.parametrize("output_format", ["json", "json-lines", "sarif", "junit"])
def test_machine_formats_escape_and_keep_the_data(
    corpus: Path, output_format: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--no-cache", "--output-format", output_format, "."]) == 1
    out = capsys.readouterr().out
    assert _raw(out) == set()
    if output_format == "junit":
        files = {case.get("file") for case in ElementTree.fromstring(out).iter("testcase")}
        # XML cannot hold ESC or BEL even escaped: written \\x1b; U+202E is a reference.
        assert files == {"./evil\\x1b[2J\\x1b]52;c;ZWNobyBwd25lZA==\\x07\u202etxt.txt"}
        assert "&#x202e;" in out
        return
    if output_format == "json-lines":
        items = [json.loads(line) for line in out.splitlines()]
    elif output_format == "json":
        items = json.loads(out)
    else:
        results = json.loads(out)["runs"][0]["results"]
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
        assert any(RLO in uri or "%E2%80%AE" in uri for uri in uris)
        return
    assert {Path(item["path"]).name for item in items} == {NAME}
    assert any(CSI_C1 in item["message"] or CLEAR in item["message"] for item in items)


def _on_a_terminal(*args: str, cwd: Path) -> str:
    """The command's output as a terminal would receive it (a pseudo-terminal for stdout)."""
    leader, follower = pty.openpty()
    env = {**os.environ, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    with subprocess.Popen(
        [sys.executable, "-m", "newslint", *args],
        stdout=follower,
        stderr=subprocess.DEVNULL,
        cwd=cwd,
        env=env,
    ) as process:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait()
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


def test_diff_is_escaped_on_a_terminal_and_exact_in_a_pipe(corpus: Path) -> None:
    shown = _on_a_terminal("--no-cache", "--diff", ".", cwd=corpus)
    assert "@@" in shown and "\\x1b[2J" in shown
    assert _raw(shown) == set()
    piped = subprocess.run(
        [sys.executable, "-m", "newslint", "--no-cache", "--diff", "."],
        capture_output=True,
        cwd=corpus,
        check=False,
    ).stdout.decode("utf-8")
    assert CLEAR in piped  # a diff in a file or a pipe applies with patch: byte for byte
    assert (corpus / NAME).read_text(encoding="utf-8") == BODY
