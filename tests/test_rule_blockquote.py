"""NL107 markdown-blockquote: what it must flag, what it must not, its fix, trigger and cost."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint import prefilter
from newslint.diagnostics import Applicability, Diagnostic
from newslint.engine import lint_article
from newslint.prefilter import Prefilter
from newslint.readers import reader_for
from newslint.readers.json_reader import JSON_READER
from newslint.readers.text import TEXT_READER
from newslint.rule import Rule
from newslint.rules import nl107_markdown_blockquote as module
from newslint.rules.nl105_escaped_markdown import EscapedMarkdown
from newslint.rules.nl107_markdown_blockquote import MarkdownBlockquote
from newslint.rules.nl406_symbol_line import SymbolLine
from tests.rulekit import (
    apply_field_edits,
    artefact_rules,
    article,
    changes_within_reported_spans,
    fix,
)

NL107 = MarkdownBlockquote()
NL105, NL406 = EscapedMarkdown(), SymbolLine()
[TRIGGER] = NL107.triggers.patterns if NL107.triggers else ("",)


def found(body: str, rule: Rule = NL107) -> list[Diagnostic]:
    return list(rule.check(article(body=body)))


def flagged(body: str) -> list[str]:
    return [body[d.start : d.end] for d in found(body)]


def fixed(body: str) -> str:
    """``body`` after one pass of NL107's fixes."""
    edits = tuple(edit for d in found(body) if d.fix is not None for edit in d.fix.edits)
    return apply_field_edits(body, edits)


def fix_body(body: str, rules: tuple[Rule, ...] = (NL107,), one_pass: bool = True) -> str:
    """The body after the real fixer on a JSON record (fixing twice changes nothing;
    with ``one_pass``, every change lies inside a reported span)."""
    text = json.dumps({"title": "T", "url": "https://example.org/a", "body": body})
    result = fix("a.json", JSON_READER, text, rules=rules)
    if one_pass:
        changes_within_reported_spans("a.json", JSON_READER, text, result, rules=rules)
    value = json.loads(result)["body"]
    assert isinstance(value, str)
    return value


def assert_clean(text: str) -> None:
    assert list(NL107.check(article(title=text, caption=text, body=text))) == []


# What it flags, and what the fix leaves ----------------------------------------------------


@pytest.mark.parametrize(
    ("body", "spans", "result"),
    [
        ("> The port will reopen.", ["> The port will reopen."], "The port will reopen."),
        (
            "She wrote back.\n\n> We will act.\n> Soon.\n\nThat was all.",
            ["> We will act.\n> Soon."],
            "She wrote back.\n\nWe will act.\nSoon.\n\nThat was all.",
        ),
        # A bare '>' inside the quote is its empty line: it goes, the line break stays.
        ("> One.\n>\n> Two.", ["> One.\n>\n> Two."], "One.\n\nTwo."),
        ("> One.\n> \n> Two.", ["> One.\n> \n> Two."], "One.\n\nTwo."),
        # Nested quotes, however they are spelled.
        ("> > Deep quote.\n> Outer.", ["> > Deep quote.\n> Outer."], "Deep quote.\nOuter."),
        (">> Deep quote.", [">> Deep quote."], "Deep quote."),
        (">  >  Spaced markers.", [">  >  Spaced markers."], " Spaced markers."),
        # Up to three spaces or a tab of indentation; a tab after the marker.
        ("Intro.\n   > Indented quote.", ["> Indented quote."], "Intro.\n   Indented quote."),
        ("\t> Tabbed.", ["> Tabbed."], "\tTabbed."),
        (">\tTab after the marker.", [">\tTab after the marker."], "Tab after the marker."),
        # Two quotes apart: two reports.
        ("> First.\n\n> Second.", ["> First.", "> Second."], "First.\n\nSecond."),
        # Inside a flagged run, numbers and hand-written `>Text` lose their markers too.
        (
            "> Prices rose by\n> 5 per cent.",
            ["> Prices rose by\n> 5 per cent."],
            "Prices rose by\n5 per cent.",
        ),
        (
            "> Spaced line.\n>Tight line.",
            ["> Spaced line.\n>Tight line."],
            "Spaced line.\nTight line.",
        ),
        # A quote of a post, its attribution and link, as converters write them.
        (
            "> Our offices are closed today.\n>\n> — City Hall (@cityhall) [May 2](https://x.example/1)",
            [
                "> Our offices are closed today.\n>\n> — City Hall (@cityhall) [May 2](https://x.example/1)"
            ],
            "Our offices are closed today.\n\n— City Hall (@cityhall) [May 2](https://x.example/1)",
        ),
        ("> <span>Text</span>", ["> <span>Text</span>"], "<span>Text</span>"),
        # 'said:' introduces a quote in news; it is no e-mail attribution.
        (
            "The minister said:\n> We will act.",
            ["> We will act."],
            "The minister said:\nWe will act.",
        ),
        # CRLF line breaks: the span ends before the '\r'.
        (
            "Intro.\r\n> Quote.\r\n> More.\r\nEnd.",
            ["> Quote.\r\n> More."],
            "Intro.\r\nQuote.\r\nMore.\r\nEnd.",
        ),
    ],
)
def test_flags_quote_blocks_and_fix_removes_only_markers(
    body: str, spans: list[str], result: str
) -> None:
    assert flagged(body) == spans
    for d in found(body):
        assert d.code == "NL107" and d.field == "body"
        assert d.fix is not None and d.fix.applicability is Applicability.SAFE
        assert all(d.start <= e.start <= e.end <= d.end for e in d.fix.edits)
        # Only markers and the one space or tab after them are deleted.
        assert all(set(body[e.start : e.end]) <= {">", " ", "\t"} for e in d.fix.edits)
        assert all(e.content == "" for e in d.fix.edits)
    assert fixed(body) == result
    assert fix_body(body) == result
    assert fixed(result) == result  # idempotent: nothing left to report
    assert found(result) == []


@pytest.mark.parametrize(
    ("body", "result"),
    [
        ("> „Wir schaffen das“, sagte sie.", "„Wir schaffen das“, sagte sie."),
        ("> « Nous verrons », a-t-il dit.", "« Nous verrons », a-t-il dit."),
        (
            "> Мы подождём до весны.\n> Решения пока нет.",
            "Мы подождём до весны.\nРешения пока нет.",
        ),
        ("> Ça a été très difficile, a déclaré Zoé.", "Ça a été très difficile, a déclaré Zoé."),
        ("> “It is over,” he said.", "“It is over,” he said."),
        ("> Ἀθῆναι and 東京 and Αθήνα.", "Ἀθῆναι and 東京 and Αθήνα."),
        (">> Übermorgen gilt: Öffnung um acht.", "Übermorgen gilt: Öffnung um acht."),
    ],
)
def test_flags_quotes_in_other_languages_and_scripts(body: str, result: str) -> None:
    [d] = found(body)
    assert (d.start, d.end) == (0, len(body))
    assert fix_body(body) == result


def test_message_span_and_edits() -> None:
    body = "Intro.\n> One line.\n>\n> Two lines."
    [d] = found(body)
    assert (d.start, d.end) == (7, len(body))
    assert d.message == "Markdown blockquote markers on 3 lines, from 'One line.'"
    assert d.fix is not None and [(e.start, e.end) for e in d.fix.edits] == [
        (7, 9),
        (19, 20),
        (21, 23),
    ]
    [one] = found("> " + "word " * 30)
    assert one.message.startswith("Markdown blockquote marker before 'word word")
    assert one.message.endswith("...'") and len(one.message) < 90


def test_the_first_prose_line_names_the_quote() -> None:
    [d] = found(">\n> 12 of them.\n> Then the rest.")
    assert d.message.endswith("from 'Then the rest.'")


# What it must not flag --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # '>' inside a line.
        "Lisbon -> Porto -> Faro, by train.",
        "If x > 3 and y >= 2, stop.",
        "Click Home > News > World to read more.",
        "<b> bold</b> and <i> italic</i>",
        # Comparisons and quantities at a line start, alone or in a run.
        "> 50 km of new track",
        "Range:\n> 50 km\n> 100 km with the bigger battery",
        ">5 years of service",
        "> -3 C at night\n> $5m budget\n> €10 a ticket",
        ">= 18 years old",
        # Not markers: the end of an HTML tag, prompts and chevrons.
        '  ><img src="a.jpg">',
        ">>> print('hello')\n>>> 1 + 1",
        ">>> Next page",
        # HTML-escaped markers are NL304's.
        "&gt; A quote kept as an entity.\n&gt; Another.",
        # Lines of markers alone are NL406's (symbol-only lines).
        ">",
        ">>",
        "> ",
        "Text.\n>\nMore text.",
        "1\n2\n>\n>>\nNext section",
        # Quoting by hand (no space) in comments and mail.
        ">I am not sure about that.\nThanks for your reply.",
        # Four spaces: Markdown's code block, not a quote.
        "    > Indented code.",
        # Ending with ')' after a tag's '<' on the line before.
        "[Photo](<https://example.org/a\n>)",
        # E-mail quoting under an attribution line is the letter's own text.
        "On Monday, Jane wrote:\n> Can we meet on Friday?\n> Jane",
        "On Monday, Jane wrote:\n\n> Can we meet on Friday?",
        "> On 3 May, Bob wrote:\n>> Hello.",
        "Am Montag schrieb Anna:\n> Treffen wir uns?",
        "Le 3 mai, Marie a écrit :\n> Rendez-vous à midi.",
        "Иван написал:\n> Привет, как дела?",
        # Markers escaped with a backslash are NL105's.
        "\\> A quote.",
    ],
)
def test_does_not_flag(text: str) -> None:
    assert_clean(text)


@pytest.mark.parametrize(
    "text",
    [
        "Er sagte: „Wir schaffen das.“ Der Preis liegt bei > 50 Euro.",
        "Die Straße ist gesperrt.\nÜber 40 Grad > Rekord.",
        "Il a dit : « Nous verrons. »\nLe score : 3 > 2, et ça a suffi.",
        "« Non », répond-elle. Élodie préfère attendre.",
        "Он сказал: «Мы подождём».\nЦена > 100 рублей, а было меньше.",
        "„Jetzt“ – „später“ – “never” – ‘maybe’.",
        "Zoë, Ångström, Łódź, São Paulo, İstanbul > all cities.",
    ],
)
def test_does_not_flag_clean_text_in_other_languages(text: str) -> None:
    assert_clean(text)


def test_reads_only_the_body() -> None:
    subject = article(title="> A title", caption="> A caption", body="Text.")
    assert list(NL107.check(subject)) == []


def test_does_not_double_report_what_nl406_reports() -> None:
    """A bare `>` line alone is NL406's; inside a quote it is the quote's, and NL406 is quiet."""
    alone = "Text.\n\n>>\n\nMore text."
    assert found(alone) == [] and len(found(alone, NL406)) == 1
    inside = "> One.\n>\n>>\n> Two."
    assert len(found(inside)) == 1 and found(inside, NL406) == []


# Fixing, in documents ---------------------------------------------------------------------


def test_fix_in_a_text_file_with_crlf() -> None:
    text = (
        "Title\r\n\r\nThe minister replied.\r\n\r\n> We will publish it.\r\n>\r\n"
        "> Not yet.\r\n\r\nEnd.\r\n"
    )
    result = fix("a.txt", TEXT_READER, text, rules=(NL107,))
    assert result == (
        "Title\r\n\r\nThe minister replied.\r\n\r\nWe will publish it.\r\n\r\n"
        "Not yet.\r\n\r\nEnd.\r\n"
    )
    changes_within_reported_spans("a.txt", TEXT_READER, text, result, rules=(NL107,))


def test_fix_in_a_json_file_keeps_escapes_and_other_records() -> None:
    records = [
        {"title": "A", "url": "https://example.org/a", "body": "> «Oui», dit-elle.\n> Fin."},
        {"title": "B", "url": "https://example.org/b", "body": "x > 3 stays."},
    ]
    text = "\n".join(json.dumps(r) for r in records) + "\n"
    reader = reader_for("a.jsonl")
    assert reader is not None
    result = fix("a.jsonl", reader, text, rules=(NL107,))
    fixed_records = [json.loads(line) for line in result.splitlines()]
    assert fixed_records[0]["body"] == "«Oui», dit-elle.\nFin."
    assert fixed_records[1] == records[1]
    changes_within_reported_spans("a.jsonl", reader, text, result, rules=(NL107,))


def test_the_example_is_flagged_and_fixes_to_the_good_one() -> None:
    assert len(found(NL107.bad)) == 1
    assert fix_body(NL107.bad) == NL107.good
    assert found(NL107.good) == []


def test_fixes_settle_with_the_other_rules() -> None:
    # `\>` is unescaped by NL105, and the marker it leaves is then NL107's.
    assert fix_body("\\> A quote.", rules=(NL105, NL107), one_pass=False) == "A quote."
    body = "Intro.\n\n> A quote with <b>bold</b>.   \n> \n> More.\n\nEnd."
    assert fix_body(body, rules=artefact_rules(), one_pass=False) == (
        "Intro.\n\nA quote with bold.\n\nMore.\n\nEnd."
    )


# The trigger ------------------------------------------------------------------------------


def test_trigger_is_a_pattern_that_covers_the_first_line() -> None:
    assert NL107.triggers is not None and NL107.triggers.patterns == (TRIGGER,)
    for body in ("> First line.", "  > Indented first line.", "Intro.\n> Second line."):
        assert found(body) and re.search(TRIGGER, body)
    for body in ("No marker at all.", "50 > 49", "Text.\n>\n>5"):
        assert not re.search(TRIGGER, body)


@pytest.mark.skipif(not prefilter.available(), reason="google-re2 is not installed")
@pytest.mark.parametrize("body", ["> First line.", "Intro.\n> Second.", "\t>> Nested first."])
def test_the_prefilter_lets_the_rule_run_on_a_quote(body: str) -> None:
    subject = article(body=body)
    assert Prefilter((NL107,)).mask(subject) == 1
    assert lint_article(subject, [NL107]) == found(body)


@pytest.mark.skipif(not prefilter.available(), reason="google-re2 is not installed")
def test_the_prefilter_skips_articles_without_a_quote_marker() -> None:
    assert Prefilter((NL107,)).mask(article(body="No marker.\n\nOnly text, 5 > 4.")) == 0


_PIECES = [
    "\n",
    "\r\n",
    " ",
    "\t",
    ">",
    "> ",
    ">>",
    "a",
    "Zoë",
    "5",
    "=",
    "<",
    "«",
    "\u00a0",
    "wrote:",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=16).map("".join))
def test_trigger_holds_wherever_the_rule_reports(body: str) -> None:
    diagnostics = found(body)
    if diagnostics:
        assert re.search(TRIGGER, body), body
    for d in diagnostics:  # and the fix settles in one pass
        assert d.fix is not None
        once = fixed(body)
        assert found(once) == [], (body, once)


# Cost: linear in the input, counted in steps -----------------------------------------------


def _steps(function: Callable[[], Any]) -> int:
    """Lines of the rule's module that ``function`` executes (its Python work; each regex
    match it makes is confined to one line of the body, so this counts the regex work too)."""
    count = 0
    filename = module.__file__

    def tracer(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if frame.f_code.co_filename != filename:
            return None
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        function()
    finally:
        sys.settrace(None)
    return count


ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "quote-lines": lambda n: "> a\n" * (n // 4),
    "bare-markers": lambda n: "\n>" * (n // 2),
    "gt-run": lambda n: ">" * n,
    "spaced-markers": lambda n: "> " * (n // 2) + "x",
    "spaces-after-marker": lambda n: ">" + " " * n + "x",
    "indented": lambda n: "\n   > a" * (n // 6),
    "blocks": lambda n: "> a\n\n" * (n // 5),
    "attributions": lambda n: "x wrote:\n> a\n\n" * (n // 14),
    "numbers": lambda n: "> 5\n" * (n // 4),
    "long-line": lambda n: "> " + "a" * n,
    "mid-line": lambda n: "a > b " * (n // 6),
    "blank-lines-before": lambda n: "\n" * n + "> a",
}


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_work_grows_linearly_on_adversarial_input(name: str) -> None:
    small, big = ADVERSARIAL[name](5_000), ADVERSARIAL[name](20_000)
    results: list[list[Diagnostic]] = []
    small_steps = _steps(lambda: results.append(found(small)))
    big_steps = _steps(lambda: results.append(found(big)))
    assert big_steps <= 4.5 * small_steps + 50, (name, small_steps, big_steps)
    for body, diagnostics in zip((small, big), results, strict=True):
        for d in diagnostics:
            assert 0 <= d.start <= d.end <= len(body)
