"""The safe-fix contract: a safe fix removes only markup, encoding damage and whitespace.

``newslint.fixer`` checks every safe edit before applying it and demotes one that removes
or alters a word to unsafe.  These tests pin what the check lets through (every kind of
repair the safe rules make) and what it stops, and run it over the shared corpora.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.engine import lint_document
from newslint.fixer import contract_breach, contract_break, fix_document
from newslint.model import Article
from newslint.readers import parse_document
from newslint.readers.json_reader import JSON_READER, JSONL_READER
from newslint.registry import all_rules
from newslint.rule import Rule
from newslint.selection import select_rules
from tests.rulekit import CORPORA, URL, mojibake


def replaced(text: str, old: str, new: str) -> str | None:
    """``contract_break`` for replacing the first ``old`` in ``text`` with ``new``."""
    start = text.index(old)
    return contract_break(text, start, start + len(old), new)


@pytest.mark.parametrize(
    ("text", "old", "new"),
    [
        # Markup: tags, escaped tags, Markdown markers, links, headings, escapes, entities.
        ("She said<br>the talks", "<br>", " "),
        (
            'See <a href="https://example.org/a">the report</a>.',
            '<a href="https://example.org/a">',
            "",
        ),
        ("A &lt;span class=x&gt;word", "&lt;span class=x&gt;", ""),
        ("The **minister** said", "**", ""),
        (
            "Read [the report](https://example.org/r_1) now",
            "[the report](https://example.org/r_1)",
            "the report",
        ),
        ("Read [Arts &amp; Life](/arts) now", "[Arts &amp; Life](/arts)", "Arts &amp; Life"),
        ("## Results\nThe vote", "## ", ""),
        ("Call my\\_function", "\\", ""),
        ("Fish &amp; chips", "&amp;", "&"),
        ("Fish &amp;amp; chips", "&amp;amp;", "&"),
        ("Caf&eacute; open", "&eacute;", "é"),
        # Whitespace, controls and invisible characters.
        ("two  spaces", "  ", " "),
        ("line end   \nnext", "   ", ""),
        ("a\u2028b", "\u2028", "\n"),
        ("split\u200bword", "\u200b", ""),
        ("T\x00h\x00e\x00 \x00e\x00n\x00d", "T\x00h\x00e\x00 \x00e\x00n\x00d", "The end"),
        ("https://example.com/until-victory-ove r-ukraine", "ove r", "over"),
        # Encoding damage: UTF-8 read as windows-1252 (once or twice), windows-1251
        # read as windows-1252, C1 controls, a lost apostrophe.
        ("the caf\u00c3\u00a9 on the corner", "caf\u00c3\u00a9", "café"),
        (mojibake("It’s here"), mojibake("It’s"), "It’s"),
        (mojibake(mojibake("It’s")), mojibake(mojibake("’")), "’"),
        (mojibake("Событие в Москве"), mojibake("Событие"), "Событие"),
        ("в Ìîñêâå", "Ìîñêâå", "Москве"),
        ("\x93Quoted\x94", "\x93", "“"),
        ("Blair¿s plan", "¿", "’"),
        # A hyphen that ends a line (NL505), and a repair that deletes only the byte
        # that differs (`Â®` is `®` read as windows-1252).
        ("The govern-\nment said", "-\n", ""),
        ("Xhilaration\u00c2\u00ae shoes", "\u00c2", ""),
        # An image's alt text kept, its marker and address dropped.
        ("See ![the harbour](/img/h.jpg) here", "![the harbour](/img/h.jpg)", "the harbour"),
        # A paragraph deleted that the field still holds (NL601's copy).
        ("Same paragraph.\n\nSame paragraph.\n\nOther.", "Same paragraph.\n\n", ""),
    ],
)
def test_repairs_keep_the_contract(text: str, old: str, new: str) -> None:
    assert replaced(text, old, new) is None


@pytest.mark.parametrize(
    ("text", "old", "new", "why"),
    [
        # A word deleted or changed: no markup, no encoding damage.
        ("She did not agree", "not ", "", "'not'"),
        ("Price: 100 dollars", "100", "10", "'100'"),
        ("The council voted", "council", "Council", "'council'"),
        # A mojibake repair that also drops a letter (the decoding is not exact).
        ("the caf\u00c3\u00a9s on the corner", "caf\u00c3\u00a9s", "café", "alters"),
        ("в Ìîñêâå x", "Ìîñêâå x", "Москве", "alters"),
        # Words inside brackets that are not markup, and a paragraph said once.
        ("Du Pont Co <DD> said", "<DD> ", "", None),
        ("A one-off paragraph.\n\nOther.", "A one-off paragraph.\n\n", "", "'one'"),
        # Punctuation is meaning too: a minus sign, a comma, a full stop.
        ("Stop! Now.", "!", "?", "punctuation"),
        ("It was -5 degrees", "-", "", "punctuation"),
        ("Let's eat, grandma", ",", "", "punctuation"),
        ("A well-known name", "-", "", "punctuation"),
        # An address inside angle brackets is kept (no tag name syntax).
        ("Write to <jane@example.org> today", "<jane@example.org>", "", "'jane'"),
    ],
)
def test_word_changes_break_the_contract(text: str, old: str, new: str, why: str | None) -> None:
    reason = replaced(text, old, new)
    if why is None:
        # `<DD>` has a tag's syntax: the contract cannot tell a ticker from a tag (NL102
        # does, and does not report it); removing it is a markup edit.
        assert reason is None
    else:
        assert reason is not None and why in reason


class DropWord(Rule):
    """A faulty rule: its 'safe' fix deletes the word 'not' (and a space outside its span)."""

    code = "NL692"
    name = "drop-word"
    summary = explanation = bad = good = "test only"
    fields = ("body",)

    def check(self, article: Article) -> Iterator[Diagnostic]:
        body = article.body or ""
        index = body.find("not ")
        if index >= 0:
            fix = Fix("drop", Applicability.SAFE, (Edit("body", index, index + 4, ""),))
            yield self.diagnostic("body", index, index + 4, "not", fix)
        index = body.find("  ")
        if index >= 0:
            # Reports one character, edits two: whitespace outside the span is fine.
            fix = Fix("squeeze", Applicability.SAFE, (Edit("body", index, index + 2, " "),))
            yield self.diagnostic("body", index, index + 1, "spaces", fix)


def test_the_fixer_demotes_a_safe_fix_that_removes_a_word() -> None:
    text = json.dumps({"url": URL, "title": "T", "body": "She did not agree  today."})
    document = parse_document("a.json", JSON_READER, text, bom=False)
    outcome = fix_document(document, JSON_READER, [DropWord()])
    assert json.loads(outcome.document.text)["body"] == "She did not agree today."
    [(demoted, reason)] = outcome.demoted
    assert demoted.code == "NL692" and "'not'" in reason
    assert demoted.fix is not None and demoted.fix.applicability is Applicability.UNSAFE
    outcome = fix_document(document, JSON_READER, [DropWord()], unsafe=True)
    assert json.loads(outcome.document.text)["body"] == "She did agree today."


def test_an_edit_outside_the_reported_span_breaks_the_contract() -> None:
    [item] = parse_document(
        "a.json", JSON_READER, json.dumps({"body": "One two three."}), bom=False
    ).articles
    fix = Fix("x", Applicability.SAFE, (Edit("body", 0, 4, ""),))
    diagnostic = Diagnostic("NL692", "x", "x", DropWord.severity, "body", 4, 8, fix)
    reason = contract_breach(item, diagnostic)
    assert reason is not None and "'One'" in reason
    fix = Fix("x", Applicability.SAFE, (Edit("body", 0, 0, "<b>"),))
    diagnostic = Diagnostic("NL692", "x", "x", DropWord.severity, "body", 4, 8, fix)
    assert contract_breach(item, diagnostic) is not None


# The shared corpora: every safe fix of every rule, checked ------------------------------

EXPECTED_DEMOTIONS: dict[str, int] = {}
"""Rules whose safe fixes the contract demotes on the shared corpora, and how often: none.
A rule that shows up here emits a "safe" fix that removes or alters a word."""


QUICK = ("ground-truth.jsonl", "fast_html2md.jsonl", "html2text.jsonl", "articles.jsonl")
"""The corpus files the default run checks (a second each: Markdown, HTML, entities,
whitespace and encoding damage); CI's integration step checks every file."""


def _corpus_files() -> list[Path]:
    found = sorted(CORPORA.glob("*/*.jsonl*")) + sorted(CORPORA.glob("*/extractors/*.jsonl"))
    return [path for path in found if path.name.endswith((".jsonl", ".jsonl.gz"))]


def _demotions(paths: list[Path]) -> tuple[Counter[str], Counter[str], list[tuple[str, str]]]:
    """Safe fixes checked and demoted per rule over ``paths``, and a few reasons."""
    rules = [
        rule for rule in select_rules(all_rules()) if Applicability.SAFE in rule.fix_applicabilities
    ]
    checked: Counter[str] = Counter()
    demoted: Counter[str] = Counter()
    examples: list[tuple[str, str]] = []
    for path in paths:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as handle:
            text = handle.read()
        document = parse_document(str(path), JSONL_READER, text, bom=False)
        for diagnostic in lint_document(document, rules):
            fix = diagnostic.fix
            if fix is None or fix.applicability is not Applicability.SAFE:
                continue
            checked[diagnostic.code] += 1
            reason = contract_breach(document.articles[diagnostic.article_index], diagnostic)
            if reason is not None:
                demoted[diagnostic.code] += 1
                examples.append((diagnostic.code, reason))
    return checked, demoted, examples


@pytest.mark.skipif(not CORPORA.is_dir(), reason=f"shared corpora not available at {CORPORA}")
def test_no_safe_fix_breaks_the_contract_on_shared_corpus_samples() -> None:
    paths = [path for path in _corpus_files() if path.name in QUICK]
    checked, demoted, examples = _demotions(paths)
    assert sum(checked.values()) > 5_000  # the files were read, and rules fixed them
    assert dict(demoted) == EXPECTED_DEMOTIONS, examples[:10]


@pytest.mark.integration
@pytest.mark.skipif(not CORPORA.is_dir(), reason=f"shared corpora not available at {CORPORA}")
def test_no_safe_fix_breaks_the_contract_on_the_shared_corpora() -> None:
    checked, demoted, examples = _demotions(_corpus_files())
    assert sum(checked.values()) > 40_000  # every file was read (41,386 safe fixes in 2026-12)
    assert dict(demoted) == EXPECTED_DEMOTIONS, examples[:10]


def _diagnostic(start: int, end: int, content: str) -> Diagnostic:
    fix = Fix("x", Applicability.SAFE, (Edit("body", start, end, content),))
    return Diagnostic("NL692", "x", "x", DropWord.severity, "body", start, end, fix)


@pytest.mark.parametrize(
    ("body", "old", "new", "breaks"),
    [
        # An ad server's parameters: `_YL_` is no emphasis.
        ("Ad: http://ad.example.net/adj/n;tile=2;_YL_;ord=1? More.", "_YL_", "YL", True),
        ("Ad: ad.example.net/adj/n;tile=2;_YL_;ord=1? More.", "_YL_", "YL", True),
        ("Get https://example.org/a\\_b.jpg now", "\\_", "_", True),
        # Markers around an address, an address removed whole with its tag, a line wrap
        # inside one joined again: not edits inside it.
        ("Read **https://example.org/a_b** now", "**https", "https", False),
        (
            'A <a href="https://example.org/x">link</a>.',
            '<a href="https://example.org/x">',
            "",
            False,
        ),
        ("See https://example.org/until-victory-ove r-ukraine now", "ove r", "over", False),
        # A link dropped for its label, which ends as its address does.
        (
            "On [Twitter (@CityDesk)](http://twitter.com/CityDesk) now",
            "[Twitter (@CityDesk)](http://twitter.com/CityDesk)",
            "Twitter (@CityDesk)",
            False,
        ),
    ],
)
def test_a_safe_edit_never_changes_part_of_a_web_address(
    body: str, old: str, new: str, breaks: bool
) -> None:
    [item] = parse_document("a.json", JSON_READER, json.dumps({"body": body}), bom=False).articles
    start = body.index(old)
    reason = contract_breach(item, _diagnostic(start, start + len(old), new))
    assert (reason is not None and "web address" in reason) if breaks else reason is None


@pytest.mark.parametrize(
    "invisible",
    ["\u2066", "\u2069", "\u061c", "\U000e0001", "\U000e0041", "\u202e", "\u200f", "\u2060"],
)
def test_removing_an_invisible_control_is_safe(invisible: str) -> None:
    """NL306 deletes bidi isolates, the Arabic letter mark and tag characters: no word."""
    text = f"The port{invisible} reopened."
    assert contract_break(text, 8, 8 + len(invisible), "") is None
    assert contract_break(text, 4, 8 + len(invisible), "") is not None  # 'port' too
