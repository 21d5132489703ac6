"""The fix loop: non-overlapping fixes, passes until stable, and what happens when it is not."""

from __future__ import annotations

import json
from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.fixer import Planner, apply_edits, fix_document
from newslint.model import Article
from newslint.readers import parse_document
from newslint.readers.json_reader import JSON_READER
from newslint.readers.text import TEXT_READER
from newslint.registry import all_rules
from newslint.rule import Rule
from newslint.selection import select_rules

TEXT = "Title\n\nBody with AAA here.\n\nOriginal url: https://example.com/a\n"


class Swap(Rule):
    """A test rule whose fix never settles: A becomes B and B becomes A."""

    code = "NL690"
    name = "swap"
    summary = explanation = bad = good = "test only"
    fields = ("body",)

    def check(self, article: Article) -> Iterator[Diagnostic]:
        body = article.body or ""
        for letter, other in (("A", "B"), ("B", "A")):
            index = body.find(letter * 3)
            if index >= 0:
                fix = Fix("swap", Applicability.SAFE, (Edit("body", index, index + 3, other * 3),))
                yield self.diagnostic("body", index, index + 3, "swap", fix)


class Upper(Rule):
    """A test rule with a fix that settles: 'here' -> 'HERE'."""

    code = "NL691"
    name = "upper"
    summary = explanation = bad = good = "test only"
    fields = ("body",)

    def check(self, article: Article) -> Iterator[Diagnostic]:
        body = article.body or ""
        index = body.find("here")
        if index >= 0:
            yield self.diagnostic(
                "body",
                index,
                index + 4,
                "upper",
                self.replacement("body", index, index + 4, "HERE", "up"),
            )


def test_apply_edits_in_any_order() -> None:
    assert apply_edits("abcdef", [(4, 5, "E"), (0, 1, "A"), (2, 2, "+")]) == "Ab+cdEf"


def test_unsettled_rule_is_named_and_its_fixes_dropped_others_kept() -> None:
    document = parse_document("a.txt", TEXT_READER, TEXT, bom=False)
    # Both test rules change words: their "safe" fixes break the safe-fix contract and
    # are demoted to unsafe, so the loop is exercised with unsafe fixes on.
    outcome = fix_document(document, TEXT_READER, [Swap(), Upper()], unsafe=True)
    assert outcome.unsettled == ("NL690",)
    assert outcome.document.text == TEXT.replace("here", "HERE")
    assert [d.code for d in outcome.remaining] == ["NL690"]


def test_safe_fixes_that_change_words_are_demoted_and_not_applied() -> None:
    document = parse_document("a.txt", TEXT_READER, TEXT, bom=False)
    outcome = fix_document(document, TEXT_READER, [Swap(), Upper()])
    assert outcome.document.text == TEXT and not outcome.changed
    assert sorted(d.code for d, _ in outcome.demoted) == ["NL690", "NL691"]
    assert all("alters" in reason for _, reason in outcome.demoted)
    # The demoted fixes say so in the problems left.
    assert {d.fix.applicability for d in outcome.remaining if d.fix} == {Applicability.UNSAFE}


def test_overlapping_fixes_are_applied_in_later_passes() -> None:
    text = '{"title": "T", "url": "https://e.com/a", "body": "**cafÃ©** and **Itâ€™s**"}'
    document = parse_document("a.json", JSON_READER, text, bom=False)
    outcome = fix_document(document, JSON_READER, select_rules(all_rules()))
    assert outcome.remaining == []
    assert outcome.document.text.endswith('"body": "café and It’s"}')  # raw UTF-8 file stays raw


def test_planner_rejects_a_fix_that_overlaps_a_taken_one() -> None:
    document = parse_document("a.txt", TEXT_READER, TEXT, bom=False)
    planner = Planner(document, TEXT_READER)

    def diagnostic(start: int, end: int) -> Diagnostic:
        fix = Fix("x", Applicability.SAFE, (Edit("body", start, end, "x"),))
        found = Upper().diagnostic("body", start, end, "x", fix)
        found.article_index = 0
        return found

    assert planner.offer(diagnostic(0, 4))
    assert not planner.offer(diagnostic(3, 6))
    assert planner.offer(diagnostic(4, 6))
    assert not planner.offer(diagnostic(0, 30_000))  # out of the field: never applied


def test_unsafe_fixes_need_the_flag() -> None:
    text = "Title\n\nFirst paragraph.\n\nRead more: <u>Another Story</u>\n\nLast paragraph.\n\nOriginal url: https://e.com/a\n"
    document = parse_document("a.txt", TEXT_READER, text, bom=False)
    assert not fix_document(document, TEXT_READER, select_rules(all_rules())).changed
    outcome = fix_document(document, TEXT_READER, select_rules(all_rules()), unsafe=True)
    assert outcome.document.text == (
        "Title\n\nFirst paragraph.\n\nLast paragraph.\n\nRelated articles:\n- Another Story\n\nOriginal url: https://e.com/a\n"
    )


class Deletes(Rule):
    """A test rule that deletes, unsafely, the first occurrence of ``target``."""

    code = "NL692"
    name = "deletes"
    summary = explanation = bad = good = "test only"
    fields = ("body",)

    def __init__(self, code: str, target: str) -> None:
        self.code, self.target = code, target

    def check(self, article: Article) -> Iterator[Diagnostic]:
        body = article.body or ""
        index = body.find(self.target)
        if index >= 0:
            end = index + len(self.target)
            fix = Fix("delete", Applicability.UNSAFE, (Edit("body", index, end, ""),))
            yield self.diagnostic("body", index, end, "delete", fix)


FOOTED = "Title\n\nThe mayor spoke here.\n\nAbout us\nContact\nPrivacy\nJobs\n\nOriginal url: https://e.com/a\n"


def test_a_deletion_inside_a_deleted_block_waits_for_the_block() -> None:
    """The block's rule would not find its four lines once the line inside were gone."""
    footer = Deletes("NL693", "About us\nContact\nPrivacy\nJobs")
    line = Deletes("NL694", "Privacy\n")
    for rules in ([footer, line], [line, footer]):
        document = parse_document("a.txt", TEXT_READER, FOOTED, bom=False)
        outcome = fix_document(document, TEXT_READER, rules, unsafe=True)
        assert "About us" not in outcome.document.text, rules
        assert "The mayor spoke here." in outcome.document.text


def test_a_deletion_inside_a_deleted_piece_of_a_line_keeps_its_turn() -> None:
    """Within a line, narrow fixes land first (a piece of a line is not a block)."""
    wide = Deletes("NL693", "spoke here.")
    narrow = Deletes("NL694", "here")
    document = parse_document("a.txt", TEXT_READER, FOOTED, bom=False)
    outcome = fix_document(document, TEXT_READER, [wide, narrow], unsafe=True)
    assert "The mayor spoke .\n" in outcome.document.text  # the wide one no longer matches


WRAPPED = (
    '{"title": "T", "url": "https://e.com/a", "body": "Robots are taking office work, the '
    "report says, and the unions are worried\\n(https://www.example.com/2019/11/robots-take-wh"
    '\\nite-collar-jobs/)\\nThe council approved the budget on Monday after a long debate."}'
)


def test_two_fixes_that_touch_never_run_two_lines_together() -> None:
    """NL411 deletes a wrapped link's first piece with the line break before it, NL201 the
    line break after it (joining the url): applied in one pass, the line above ran into
    the link's second piece (`worriedite-collar-jobs/)`).  One waits for the next pass."""
    document = parse_document("a.json", JSON_READER, WRAPPED, bom=False)
    rules = select_rules(all_rules(), select=["NL201", "NL411"])
    outcome = fix_document(document, JSON_READER, rules, unsafe=True)
    assert outcome.document.text.endswith(
        '"body": "Robots are taking office work, the report says, and the unions are worried'
        '\\nThe council approved the budget on Monday after a long debate."}'
    )


def test_deletions_of_lines_next_to_each_other_land_in_one_pass() -> None:
    """Each line deleted with the line break before it: together they keep the break after
    the last, so no two lines are joined and both go at once."""
    document = parse_document("a.txt", TEXT_READER, FOOTED, bom=False)
    planner = Planner(document, TEXT_READER)
    body = document.articles[0].text("body") or ""
    found = []
    for code, line in (("NL693", "Contact"), ("NL694", "Privacy")):
        start = body.index(line)
        fix = Fix("delete", Applicability.UNSAFE, (Edit("body", start - 1, start + len(line), ""),))
        diagnostic = Deletes(code, line).diagnostic("body", start, start + len(line), "x", fix)
        diagnostic.article_index = 0
        found.append(planner.offer(diagnostic))
    assert found == [True, True]


def test_a_fix_next_to_a_join_that_deletes_no_line_break_goes_with_it() -> None:
    """NL101 deletes the `*` right before the line break NL507 joins over: together they
    join the lines as NL507 alone does, so both land in one pass (NL507 would not find a
    lone wrapped paragraph again once the others are joined)."""
    lines = (
        "These neo-banks are not necessarily even banks at all; some are apps that\n"
        "facilitate transactions, which are then carried out by partners that *are*\n"
        "banks. Others have applied for bank charters while touting their homegrown\n"
        "technology stacks and hyperpersonalized product offerings (based, of course, on\n"
        "your personal data). But all of them say, explicitly or by intimation, that\n"
        "they are mission-driven. Their mission is the hot mess that is your finances."
    )
    wrapped = "\n\n".join([lines] * 4)
    record = '{"title": "T", "url": "https://e.com/a", "body": ' + json.dumps(wrapped) + "}"
    document = parse_document("a.json", JSON_READER, record, bom=False)
    rules = select_rules(all_rules(), select=["NL101", "NL507"])
    outcome = fix_document(document, JSON_READER, rules, unsafe=True)
    body = json.loads(outcome.document.text)["body"]
    assert "*" not in body and body.count("\n") == 6, body  # the paragraph breaks only
