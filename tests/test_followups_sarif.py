"""The SARIF library API writes terminal-acting characters as escapes, as the CLI does (issue 14).

``render_sarif`` is what ``--output-format sarif`` prints; called from Python it used to return C1
and bidirectional controls raw, while the CLI escaped them afterwards.
"""

from __future__ import annotations

import json

import newslint
from newslint.output import render, render_sarif, sarif_log
from newslint.registry import all_rules

CSI_C1 = "\x9b2J"
RLO = "\u202e"
TEXT = f"Officials said **the {CSI_C1}plan{RLO}** was final."
UNSAFE = {"\x9b", "\x9d", "\x85", RLO, "\u2066", "\u200f", "\u2028"}


def _diagnostics() -> list[newslint.Diagnostic]:
    diagnostics = newslint.lint_text(TEXT)
    assert diagnostics
    return diagnostics


def test_render_sarif_escapes_c1_and_bidi_controls() -> None:
    diagnostics = _diagnostics()
    text = render_sarif(diagnostics, all_rules())
    assert not UNSAFE & set(text)
    assert "\\u009b" in text
    assert "\\u202e" in text
    # The same data: the escapes decode to the characters of the article.
    assert json.loads(text) == sarif_log(diagnostics, all_rules())


def test_render_is_the_same_for_the_api_and_the_format_dispatch() -> None:
    diagnostics = _diagnostics()
    assert render("sarif", diagnostics, all_rules()) == render_sarif(diagnostics, all_rules())
