"""NL406's `flag-section-breaks` option: separator lines and horizontal rules (`___`, `***`,
`---`, `* * *`, `===`, `———`) left in the text, and the lines that look like them but are
markup of their neighbours (tables, setext headings, code blocks) or the story's own text."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest

import newslint
from newslint.diagnostics import Applicability
from newslint.rules import _boilerplate
from newslint.rules.nl406_symbol_line import (
    SymbolLine,
    fenced_blocks,
    is_separator_line,
    is_symbol_line,
)
from tests.rulekit import apply_field_edits, lint

DEFAULT = SymbolLine()
SEPARATORS = SymbolLine().configured({"flag-section-breaks": True})
assert isinstance(SEPARATORS, SymbolLine)

FLAGGED_WITH_THE_OPTION = [
    "___",
    "_____",
    "______________________________",
    "***",
    "****",
    "* * *",
    "*   *   *",
    "* * * * *",
    "---",
    "- - -",
    "--------------------------------------------------",
    "===",
    "~~~",
    "———",
    "— — —",
    "—-",
    "– – –",
    "## ___",
    "\\_\\_\\_",
    "  ***  ",
]


def _around(line: str) -> str:
    return f"The ferry resumed service.\n\n{line}\n\nPassengers returned."


def _deleted(body: str) -> str:
    [diagnostic] = lint(SEPARATORS, body=body)
    assert diagnostic.fix is not None
    assert diagnostic.fix.applicability is Applicability.UNSAFE
    return apply_field_edits(body, diagnostic.fix.edits)


# Why `___` was not flagged: NL406 keeps section breaks by default ---------------------------


@pytest.mark.parametrize("line", FLAGGED_WITH_THE_OPTION)
def test_section_breaks_are_kept_by_default(line: str) -> None:
    assert not is_symbol_line(line)
    assert is_separator_line(line)
    assert lint(DEFAULT, body=_around(line)) == []


def test_the_issue_example_by_default_and_with_the_option() -> None:
    text = "Para one.\n\n___\n\nPara two."
    assert newslint.lint_text(text) == []
    settings = newslint.Settings(rules={"NL406": {"flag-section-breaks": True}})
    [found] = newslint.lint_text(text, settings=settings)
    assert (found.code, found.message) == ("NL406", "symbol-only line in the body: '___'")


def test_the_option_takes_a_boolean() -> None:
    with pytest.raises(ValueError, match="takes bool"):
        SymbolLine().configured({"flag-section-breaks": "yes"})
    assert "flag-section-breaks" in SymbolLine.options


# Flagged with the option ------------------------------------------------------------------


@pytest.mark.parametrize("line", FLAGGED_WITH_THE_OPTION)
def test_separator_lines_are_flagged_with_the_option(line: str) -> None:
    body = _around(line)
    [found] = lint(SEPARATORS, body=body)
    assert found.message == f"symbol-only line in the body: '{' '.join(line.split())}'"
    assert _deleted(body) == "The ferry resumed service.\n\nPassengers returned."


@pytest.mark.parametrize("line", ["· · ·", "• • •", "» »", "|", "--", "* **"])
def test_other_symbol_lines_are_flagged_either_way(line: str) -> None:
    assert len(lint(DEFAULT, body=_around(line))) == 1
    assert len(lint(SEPARATORS, body=_around(line))) == 1


def test_an_empty_list_item_with_empty_bold_is_no_section_break() -> None:
    """`* **` (a converter's empty bullet and bold) is debris, flagged by default;
    `* * *` and `***` (even runs) are section breaks."""
    assert is_symbol_line("* **")
    assert is_symbol_line("** *")
    assert not is_symbol_line("** ** **")
    assert not is_separator_line("* **")


def test_separators_between_lines_of_one_paragraph_and_at_the_ends() -> None:
    assert len(lint(SEPARATORS, body="Intro.\n* * *\nOutro.")) == 1
    assert len(lint(SEPARATORS, body="Intro.\n\n___")) == 1
    assert len(lint(SEPARATORS, body="___\n\nOutro.")) == 1
    # Each of three entries of a live story (wire copy's `___`), one report each.
    body = "10:02 a.m.\n\nFirst entry.\n\n___\n\n9:40 a.m.\n\nSecond entry.\n\n___\n\nThird."
    assert len(lint(SEPARATORS, body=body)) == 2


def test_a_lone_separator_body_is_reported_without_a_fix() -> None:
    [found] = lint(SEPARATORS, body="* * *")
    assert found.fix is None


# Not flagged, even with the option --------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "...",
        ". . .",
        "…",
        "—",
        "–",
        "-",
        "| --- | --- |",
        "|---|---|",
        "---|---",
        ":---:|:---",
        "+------+------+",
        "=====  =====",
        "----- ----- -----",
        "__bold__",
        "**bold**",
        "___bold italic___",
        "- item",
        "* item",
        "-- an interjection",
        "— Fin —",
        "🙂",
        "────┼────",
        "[]",
    ],
)
def test_not_a_separator(line: str) -> None:
    assert not is_separator_line(line)
    assert lint(SEPARATORS, body=_around(line)) == lint(DEFAULT, body=_around(line))


@pytest.mark.parametrize(
    "body",
    [
        "| Team | Points |\n----------------\n| Lyon | 12 |",
        "| Team | Points |\n================\n| Lyon | 12 |",
        "Team | Points\n------|-------\nLyon | 12",
        "Team   Points\n=====  ======\nLyon   12\n=====  ======",
    ],
)
def test_a_border_of_a_table_is_left_to_the_table_rule(body: str) -> None:
    assert lint(SEPARATORS, body=f"Standings.\n\n{body}\n\nMore.") == []


@pytest.mark.parametrize(
    "body",
    [
        "Results\n=======\n\nThe council met on Monday.",
        "Results\n-------\n\nThe council met on Monday.",
        "Ergebnisse der Wahl\n===================\n\nDer Rat tagte am Montag.",
        "Résultats de l'élection\n------------------------\n\nLe conseil s'est réuni lundi.",
        "Итоги выборов\n=============\n\nСовет собрался в понедельник.",
    ],
)
def test_a_setext_heading_underline_is_heading_markup_not_a_separator(body: str) -> None:
    """A line of `=` or `-` right under a line of text makes it a Markdown heading: markup
    of that line (the Markdown heading rule's business), left alone."""
    assert lint(SEPARATORS, body=body) == []


def test_a_star_or_underscore_rule_under_text_is_still_a_separator() -> None:
    # Markdown reads `***` and `___` under a line as a horizontal rule, not a heading.
    assert len(lint(SEPARATORS, body="Results\n***\n\nThe council met.")) == 1
    assert len(lint(SEPARATORS, body="Results\n___\n\nThe council met.")) == 1


def test_a_rule_inside_a_fenced_code_block_is_code() -> None:
    body = (
        "Install it:\n\n```\n---\n\n***\nsettings = 1\n```\n\n"
        "Or:\n\n~~~ yaml\n___\n~~~\n\nThe end.\n\n---\n\nNext."
    )
    found = lint(SEPARATORS, body=body)
    by_default = lint(DEFAULT, body=body)
    # (A closing ``` is a symbol-only line, flagged with or without the option.)
    assert [body[d.start : d.end].strip() for d in by_default] == ["```", "```"]
    extra = [d for d in found if d not in by_default]
    assert [body[d.start : d.end].strip() for d in extra] == ["---"]
    assert extra[0].start > body.index("The end.")


def test_fenced_blocks_pair_fences_of_one_kind() -> None:
    body = "a\n```\nx\n~~~\ny\n```\nb\n~~~\n"
    assert fenced_blocks(body) == [(2, body.index("b") - 1)]
    assert fenced_blocks("a\n```\nno closing fence\n") == []
    assert fenced_blocks("````\nx\n```\ny\n````") == [(0, 17)]
    # An unclosed fence opens nothing, and does not hide the blocks after it.
    body = "~~~\ntext\n```\n---\n```\n"
    assert fenced_blocks(body) == [(9, len(body) - 1)]
    assert fenced_blocks("``` python\nx\n``` not a closer\n```") == [(0, 33)]


def test_an_unpaired_tilde_line_is_a_separator() -> None:
    assert len(lint(SEPARATORS, body="Intro.\n\n~~~\n\nOutro.")) == 1


def test_a_quote_line_stays_the_quotes() -> None:
    assert lint(SEPARATORS, body="> The first quoted line.\n>\n> The second one.") == []


@pytest.mark.parametrize(
    "body",
    [
        "BERLIN — Die Regierung hat am Montag einen Haushalt vorgelegt.\n\n"
        "Der Bundestag — so heißt es — stimmt im März ab.",
        "PARIS — Le gouvernement a présenté lundi un budget « équilibré ».\n\n"
        "L'Assemblée votera en mars… peut-être.",
        "МОСКВА — Правительство в понедельник представило бюджет.\n\n"
        "Дума — по словам депутатов — проголосует в марте.",
        "Ça va ? — Oui.\n\n«Nein» — sagte er. Ärger über Öl-Preise, Straße gesperrt.",
    ],
)
def test_text_in_any_language_is_not_a_separator(body: str) -> None:
    assert lint(SEPARATORS, body=body) == []


def test_section_breaks_in_russian_and_german_text_with_the_option() -> None:
    body = (
        "Первая часть рассказа.\n\n* * *\n\nВторая часть.\n\nErster Teil.\n\n***\n\nZweiter Teil."
    )
    found = lint(SEPARATORS, body=body)
    assert [body[d.start : d.end].strip() for d in found] == ["* * *", "***"]
    assert lint(DEFAULT, body=body) == []


# The hints (the shared pass's fast path) let every separator through ---------------------


def test_the_hinted_pass_finds_what_trying_every_line_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    body = "\n\n".join(
        [
            "Intro.",
            *FLAGGED_WITH_THE_OPTION,
            "Title\n=====",
            "| a |\n-----\n| b |",
            "```\n---\n```",
            "Outro.",
        ]
    )
    monkeypatch.setattr(_boilerplate, "unhinted_lines", 10**9)
    every_line = lint(SEPARATORS, body=body)
    monkeypatch.setattr(_boilerplate, "unhinted_lines", 0)
    hinted = lint(SEPARATORS, body=body)
    assert hinted == every_line
    flagged = [body[d.start : d.end].strip() for d in hinted]
    assert flagged == [line.strip() for line in FLAGGED_WITH_THE_OPTION] + ["```"] * 2


# Linear on adversarial input --------------------------------------------------------------


def _growth(make: Callable[[int], str], small: int = 20_000) -> float:
    """Time at 4x the size over time at the size (the fastest of three runs each)."""

    def timed(size: int) -> float:
        body = make(size)
        best = float("inf")
        for _ in range(3):
            _boilerplate._spans.cache_clear()
            _boilerplate._union_lines.cache_clear()
            _boilerplate._folded.cache_clear()
            gc.disable()
            try:
                start = time.perf_counter()
                lint(SEPARATORS, body=body)
                best = min(best, time.perf_counter() - start)
            finally:
                gc.enable()
        return best

    timed(small)  # warm up
    return timed(small * 4) / max(timed(small), 1e-6)


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "```\n" * (n // 4),
        lambda n: "```\n---\n" * (n // 8) + "a\n```",
        lambda n: "~~~\n\n* * *\n\n" * (n // 12),
        lambda n: "---\n" * (n // 4),
        lambda n: "* " * (n // 2),
        lambda n: "Title\n=====\n" * (n // 12),
    ],
    ids=[
        "fences",
        "rules-in-fences",
        "tildes-and-breaks",
        "dash-lines",
        "long-star-line",
        "setext",
    ],
)
def test_linear_on_adversarial_input(make: Callable[[int], str]) -> None:
    assert _growth(make) < 10  # linear: ~4; quadratic: 16
