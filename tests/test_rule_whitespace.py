"""NL501-NL507, whitespace and line wraps: what they must flag, what they must not, and fixes."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.diagnostics import Applicability, Edit
from newslint.engine import lint_article
from newslint.readers.json_reader import JSON_READER, JSONL_READER
from newslint.readers.text import TEXT_READER
from newslint.rule import Rule
from newslint.rules.nl201_split_url import SplitUrl
from newslint.rules.nl501_trailing_whitespace import TrailingWhitespace
from newslint.rules.nl502_space_runs import SpaceRuns
from newslint.rules.nl503_blank_line_runs import BlankLineRuns
from newslint.rules.nl504_line_separators import LineSeparators
from newslint.rules.nl505_hyphenated_line_break import HyphenatedLineBreak
from newslint.rules.nl506_lost_newline import LostNewline
from newslint.rules.nl507_hard_wrap import HardWrap
from tests.rulekit import apply_field_edits, changes_within_reported_spans, fix, lint, spans

NL501, NL502, NL503, NL504 = TrailingWhitespace(), SpaceRuns(), BlankLineRuns(), LineSeparators()
NL505, NL506, NL507 = HyphenatedLineBreak(), LostNewline(), HardWrap()
NL201 = SplitUrl()
WHITESPACE: tuple[Rule, ...] = (NL501, NL502, NL503, NL504, NL505, NL506, NL507)


def _fixed(rule: Rule, text: str, unsafe: bool = False) -> str:
    """The body after applying every fix of ``rule`` once (field coordinates)."""
    edits = tuple(
        edit
        for d in lint(rule, body=text)
        if d.fix is not None and (unsafe or d.fix.applicability is Applicability.SAFE)
        for edit in d.fix.edits
    )
    return apply_field_edits(text, edits)


def _json(body: str, **fields: str) -> str:
    return json.dumps({"title": "A title", "url": "https://example.org/a", "body": body, **fields})


# NL501 trailing-whitespace ---------------------------------------------------------------


def test_nl501_flags_spaces_and_tabs_at_line_and_field_ends() -> None:
    body = "First line.  \nSecond line.\t\n   \nLast line. "
    found = lint(NL501, body=body)
    assert spans(found) == [
        ("NL501", "body", 11, 13),
        ("NL501", "body", 26, 27),
        ("NL501", "body", 28, 31),
        ("NL501", "body", 42, 43),
    ]
    assert "2 spaces" in found[0].message and "line" in found[0].message
    assert "1 tab" in found[1].message
    assert "end of the field" in found[3].message
    assert all(d.fix is not None and d.fix.applicability is Applicability.SAFE for d in found)
    assert _fixed(NL501, body) == "First line.\nSecond line.\n\nLast line."


def test_nl501_title_and_caption_are_checked() -> None:
    found = lint(NL501, title="A title ", caption="Photo: AP \nMore", body="Body.")
    assert [(d.field, d.start, d.end) for d in found] == [("title", 7, 8), ("caption", 9, 10)]


@pytest.mark.parametrize(
    "body",
    [
        "No trailing whitespace.\nAt all.",
        "Indented\n    lines are fine.",
        "Mid  line runs are NL502's job.",
        "A no-break space at the end\u00a0\nis typographic, not flagged.",
        "Ideographic space\u3000\nis left alone.",
    ],
)
def test_nl501_leaves_clean_text(body: str) -> None:
    assert lint(NL501, body=body) == []


def test_nl501_crlf_text_file_keeps_its_line_endings() -> None:
    text = "Title\r\n\r\nFirst line of the body.  \r\nSecond line.\r\n"
    fixed = fix("a.txt", TEXT_READER, text, rules=(NL501,))
    assert fixed == "Title\r\n\r\nFirst line of the body.\r\nSecond line.\r\n"
    changes_within_reported_spans("a.txt", TEXT_READER, text, fixed, rules=(NL501,))


# NL502 space-runs -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected", "fixed"),
    [
        ("Turner   Newall said.", [(6, 9)], "Turner Newall said."),
        ("reported by  Jane Doe", [(11, 13)], "reported by Jane Doe"),
        ("It was done.   Then it ended.", [(12, 15)], "It was done. Then it ended."),
        ("Сергей  Лавров сказал", [(6, 8)], "Сергей Лавров сказал"),
        ("a  b and c  d", [(1, 3), (10, 12)], "a b and c d"),
        ("One line.\nTurner   Newall said.", [(16, 19)], "One line.\nTurner Newall said."),
    ],
)
def test_nl502_flags_runs_between_words(
    body: str, expected: list[tuple[int, int]], fixed: str
) -> None:
    found = lint(NL502, body=body)
    assert [(d.start, d.end) for d in found] == expected
    assert _fixed(NL502, body) == fixed


@pytest.mark.parametrize(
    "body",
    [
        # Typewriter style: exactly two spaces after a sentence end is a convention.
        "The vote was held.  The motion passed.",
        "Was it fair?  Nobody said.",
        "He said “no.”  Then he left.",
        "    Indented quotation line.",
        "-  item with a wide bullet",
        "1.  first item",
        "####  Heading",
        "* ######  News Cloud",
        "Name     Age   City",
        "| a  | b  |",
        "Kyle Busch   5040\nMartin Truex   5035",
        "Single spaces only, and a tab\tinside.",
        "Non-breaking\u00a0\u00a0spaces are not U+0020.",
    ],
)
def test_nl502_leaves_clean_and_aligned_text(body: str) -> None:
    assert lint(NL502, body=body) == []


# NL503 blank-line-runs ----------------------------------------------------------------------


def test_nl503_collapses_runs_of_blank_lines() -> None:
    body = "First.\n\n\n\nSecond.\n \t\n\nThird.\n\nFourth."
    found = lint(NL503, body=body)
    assert spans(found) == [("NL503", "body", 6, 10), ("NL503", "body", 17, 22)]
    assert found[0].message == "3 blank lines in a row"
    assert _fixed(NL503, body) == "First.\n\nSecond.\n\nThird.\n\nFourth."


def test_nl503_keeps_single_blank_lines_and_line_breaks() -> None:
    assert lint(NL503, body="One.\n\nTwo.\nThree.\n \nFour.") == []


def test_nl503_crlf_text_file_gets_crlf_blank_line() -> None:
    text = "Title\r\n\r\nFirst paragraph.\r\n\r\n\r\n\r\nSecond paragraph.\r\n"
    fixed = fix("a.txt", TEXT_READER, text, rules=(NL503,))
    assert fixed == "Title\r\n\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n"


def test_nl501_and_nl503_fix_spaces_on_blank_lines_together() -> None:
    text = _json("One.  \n  \n \n\nTwo.")
    fixed = fix("a.json", JSON_READER, text, rules=(NL501, NL503))
    assert json.loads(fixed)["body"] == "One.\n\nTwo."


# NL504 line-separators ------------------------------------------------------------------


def test_nl504_flags_carriage_returns_in_json_strings() -> None:
    [crlf] = lint(NL504, body="First line.\r\nSecond line.")
    assert (crlf.start, crlf.end, crlf.message) == (11, 13, "CRLF line ending in the text")
    [lone] = lint(NL504, body="First line.\rSecond line.")
    assert (lone.start, lone.end, lone.message) == (11, 12, "carriage return in the text")
    body = "First line.\r\nSecond line.\rThird."
    [both] = lint(NL504, body=body)
    assert spans([both]) == [("NL504", "body", 11, 26)]
    assert both.message == "2 carriage returns in the text (the first here)"
    assert _fixed(NL504, body) == "First line.\nSecond line.\nThird."


def test_nl504_reports_a_fields_carriage_returns_once_and_mends_them_all() -> None:
    """Forty CRLF line endings are one convention, not forty problems."""
    body = "".join(f"Line {n}.\r\n" for n in range(40)) + "End."
    [found] = lint(NL504, body=body)
    assert found.message == "40 CRLF line endings in the text (the first here)"
    assert (found.start, found.end) == (body.index("\r"), body.rindex("\n") + 1)
    assert found.fix is not None and len(found.fix.edits) == 40
    assert all(body[e.start : e.end] == "\r\n" for e in found.fix.edits)
    fixed = _fixed(NL504, body)
    assert fixed == body.replace("\r\n", "\n")
    assert lint(NL504, body=fixed) == []  # a second pass finds nothing
    text = _json(body)
    on_disk = fix("a.json", JSON_READER, text, rules=(NL504,))
    assert json.loads(on_disk)["body"] == fixed
    changes_within_reported_spans("a.json", JSON_READER, text, on_disk, (NL504,))
    # Per field: the title's own carriage return is a report of its own.
    found = lint(NL504, body=body, title="A\r\ntitle")
    assert sorted((d.field, d.start) for d in found) == [("body", 7), ("title", 1)]


def test_nl504_reports_unicode_separators_beside_a_fields_carriage_returns() -> None:
    body = "One\r\ntwo\u2028three\r\nfour\u2029Five"
    found = lint(NL504, body=body)
    assert sorted((d.start, d.end) for d in found) == [(3, 16), (8, 9), (20, 21)]
    assert _fixed(NL504, body) == "One\ntwo\nthree\nfour\n\nFive"


def test_nl504_flags_unicode_separators() -> None:
    body = "One\u2028two\u2029Three"
    found = lint(NL504, body=body, title="A\u2028title")
    assert [(d.field, d.start, d.end) for d in found] == [
        ("title", 1, 2),
        ("body", 3, 4),
        ("body", 7, 8),
    ]
    assert _fixed(NL504, body) == "One\ntwo\n\nThree"


def test_nl504_fixes_a_jsonl_record_and_settles_with_nl503() -> None:
    text = _json("One.\r\n\r\n\r\nTwo.") + "\n"
    fixed = fix("a.jsonl", JSONL_READER, text, rules=(NL503, NL504))
    assert json.loads(fixed)["body"] == "One.\n\nTwo."


def test_nl504_never_flags_crlf_in_a_text_file() -> None:
    text = "Title\r\n\r\nBody line one\r\nBody line two.\r\n"
    [article], _ = TEXT_READER.parse("a.txt", text)
    assert "\r\n" in (article.body or "")
    assert lint_article(article, [NL504]) == []
    with_separator = "Title\r\n\r\nBody\u2028line.\r\n"
    [article], _ = TEXT_READER.parse("a.txt", with_separator)
    assert [d.code for d in lint_article(article, [NL504])] == ["NL504"]


# NL505 hyphenated-line-break -----------------------------------------------------------------


def test_nl505_joins_a_split_word_with_evidence_from_the_article() -> None:
    body = "The govern-\nment said on Monday that the government would act."
    [found] = lint(NL505, body=body)
    assert (found.start, found.end) == (10, 12)
    assert found.fix is not None and found.fix.applicability is Applicability.SAFE
    assert found.fix.edits == (Edit("body", 10, 12, ""),)
    assert "government" in found.message
    fixed = fix("a.json", JSON_READER, _json(body), rules=(NL505,))
    assert json.loads(fixed)["body"].startswith("The government said")


@pytest.mark.parametrize(
    ("body", "fixed"),
    [
        # The hyphenated form appears elsewhere: a compound.
        (
            "A top-\nselling car, the top-selling model.",
            "A top-selling car, the top-selling model.",
        ),
        # Both parts are words of the article.
        (
            "A computer-\ncoding glitch: the computer failed, coding was to blame.",
            "A computer-coding glitch: the computer failed, coding was to blame.",
        ),
        ("The Anglo-\nSaxon kings.", "The Anglo-Saxon kings."),
        ("He called it self-\nindictment.", "He called it self-indictment."),
        ("An indented half-\n  surprised look.", "An indented half-surprised look."),
    ],
)
def test_nl505_keeps_the_hyphen_of_compounds_as_unsafe(body: str, fixed: str) -> None:
    [found] = lint(NL505, body=body)
    assert found.fix is not None and found.fix.applicability is Applicability.UNSAFE
    assert _fixed(NL505, body) == body
    assert _fixed(NL505, body, unsafe=True) == fixed


def test_nl505_reports_without_evidence() -> None:
    [found] = lint(NL505, body="The govern-\nment said.")
    assert found.fix is None
    assert "govern-\u23cement" in found.message
    # A word that the article also hyphenates is not joined.
    [found] = lint(NL505, body="The govern-\nment said; govern-ment and government.")
    assert found.fix is not None and found.fix.applicability is Applicability.UNSAFE


@pytest.mark.parametrize(
    "body",
    [
        "Die Hoch-\nund Tiefpunkte des Jahres.",
        "Ein- und Ausfuhren, Vor-\noder Nachteile.",
        "pre-\nand post-war Europe",
        "See https://example.com/world/north-korea-\nsays-it-will-stand today.",
        "Link (https://example.com/news/a-very-long-\n  story-about-the-\n  harbour) here.",
        "slug agodenis-shapovalov-celebrates-at-davis-\ncup there",
        "Mail jane.doe-\nsmith@example.org now.",
        "A list:\n- first\n- second",
        "Score 2-\n1 at half time.",
        "Ends with a dash -\nthen text.",
        "Bindestrich am Zeilenende\u2010\nnicht ASCII.",
    ],
)
def test_nl505_leaves_urls_suspended_hyphens_and_lists(body: str) -> None:
    assert lint(NL505, body=body) == []


# NL506 lost-newline --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "span", "what"),
    [
        ("Об этом сообщаетnРИА Новости.", (16, 17), "'n'"),
        ("Он сказал.nПотом ушёл.", (10, 11), "'n'"),
        ("Ο υπουργός είπεnΤο σχέδιο", (15, 16), "'n'"),
        ("The vote passed.nThe council rose.", (16, 17), "'n'"),
        ("He said “yes.”nThen he left.", (14, 15), "'n'"),
        ("The vote passed.\\nThe council rose.", (16, 18), "literal '\\n'"),
        ("The vote passed.\\n\\nThe council rose.", (16, 20), "literal '\\n'"),
        ("Он сказал\\nПотом ушёл.", (9, 11), "literal '\\n'"),
        ("the second\\team won the final", (10, 11), "a backslash"),
    ],
)
def test_nl506_flags_lost_line_breaks(body: str, span: tuple[int, int], what: str) -> None:
    [found] = lint(NL506, body=body)
    assert (found.start, found.end) == span
    assert what in found.message
    assert found.fix is None


@pytest.mark.parametrize(
    "body",
    [
        "The unionNews merger and the McDonald deal.",
        "Read more at WeldonOnline.com and LisaHavenNews.net today.",
        "iPhone, YouTube and eBay reported.",
        "Founded in 1990nThe end",  # a digit, not a sentence end
        "Открыть файл C:\\new\\Report.docx",
        "In a regex, \\n matches a newline and \\nA is not special.",
        'Call printf("Hello\\nWorld") to print two lines.',
        "The formula $\\nu = c/\\lambda$ holds.",
        "Use \\newline in LaTeX.",
        "Path C:\\Users\\team and D:\\data",
        "A lone backslash \\ between spaces, or a smiley \\o/ in a chat.",
        "Москва: сообщает РИА Новости.",
        "Sein Name.nicht wahr?",
    ],
)
def test_nl506_leaves_words_code_paths_and_formulas(body: str) -> None:
    assert lint(NL506, body=body) == []


# NL507 hard-wrap -------------------------------------------------------------------------


WRAPPED = (
    "The council voted on Monday to approve the new harbour plan, which will\n"
    "see the old ferry terminal replaced by a marina and a public park along\n"
    "the waterfront by the end of next year, officials said."
)


def test_nl507_flags_a_hard_wrapped_paragraph_with_an_unsafe_reflow() -> None:
    body = f"Intro line.\n\n{WRAPPED}\n\nLast."
    [found] = lint(NL507, body=body)
    start = body.index("The council")
    assert (found.start, found.end) == (start, start + len(WRAPPED))
    assert "71 characters (3 lines)" in found.message
    assert found.fix is not None and found.fix.applicability is Applicability.UNSAFE
    assert _fixed(NL507, body) == body
    assert _fixed(NL507, body, unsafe=True) == body.replace(WRAPPED, WRAPPED.replace("\n", " "))


COMPOUND_AND_URL = (
    "Researchers said on Tuesday that the so-called entry-level and top-\n"
    "selling model listed at https://example.com/2024/03/02/council-approves-\n"
    "extension-a12345 was recalled after an internal review found a serious\n"
    "fault in the brakes of the cars built in the first half of the year."
)


def test_nl507_reflow_leaves_hyphen_and_url_breaks_to_nl505_and_nl201() -> None:
    [found] = lint(NL507, body=COMPOUND_AND_URL)
    assert found.fix is not None
    reflowed = apply_field_edits(COMPOUND_AND_URL, found.fix.edits)
    assert "council-approves-\nextension-a12345 was recalled" in reflowed
    assert "serious fault" in reflowed
    # A hyphen break NL505 cannot decide (it offers no fix) is joined keeping the hyphen.
    assert "and top-selling model" in reflowed
    # One that NL505 mends (the article writes `top-selling` elsewhere) is left to NL505.
    body = COMPOUND_AND_URL + " The top-selling model is still on sale."
    [found] = lint(NL507, body=body)
    assert found.fix is not None
    assert "and top-\nselling model" in apply_field_edits(body, found.fix.edits)


def test_nl507_nl505_and_nl201_settle_on_one_text_with_unsafe_fixes() -> None:
    body = COMPOUND_AND_URL + " The top-selling model is still on sale."
    rules = (NL201, *WHITESPACE)
    text = _json(body)
    fixed = fix("a.json", JSON_READER, text, unsafe=True, rules=rules)
    expected = body.replace("-\n", "-").replace("\n", " ")
    assert json.loads(fixed)["body"] == expected
    changes_within_reported_spans("a.json", JSON_READER, text, fixed, rules=rules)
    # NL201 alone (safe: the slug ends in an id) joins the URL the same way.
    fixed = fix("a.json", JSON_READER, text, rules=(NL201,))
    assert "council-approves-extension-a12345" in json.loads(fixed)["body"]


@pytest.mark.parametrize(
    "body",
    [
        # A poem: short lines.
        "Shall I compare thee to a summer's day?\nThou art more lovely and more temperate:\n"
        "Rough winds do shake the darling buds of May,\nAnd summer's lease hath all too short.",
        # An address.
        "Town Hall\n1 Market Street\nSpringfield, IL 62701\nUnited States",
        # A list of headlines (capitalised lines).
        "Video shows dramatic rescue of kidnapped girl after a long search\n"
        "Man arrested after seven trafficking victims found in a car: Police\n"
        "Jeffrey Epstein jail guards charged with falsifying the records\n"
        "Safety officials urge Boeing to redesign part on its aircraft",
        # A bulleted list.
        "- The council voted on Monday to approve the new harbour plan, which\n"
        "- will see the old ferry terminal replaced by a marina and a public\n"
        "- park along the waterfront by the end of next year, officials said.",
        # Lines that end where the next word would still fit: not a greedy wrap.
        "The council voted on Monday to approve the new harbour plan.\n"
        "It will see the old ferry terminal replaced by a marina and a park\n"
        "along the waterfront by the end of next year.",
        # Two lines only.
        "The council voted on Monday to approve the new harbour plan, which will\n"
        "see the old ferry terminal replaced.",
        # A table.
        "Pos.  Driver               Points   Wins\n1     Kyle Busch             5040     5\n"
        "2     Martin Truex Jr.       5035     7\n3     Kevin Harvick          5033     4",
        # Unwrapped paragraphs.
        WRAPPED.replace("\n", " "),
    ],
)
def test_nl507_leaves_poems_addresses_lists_and_tables(body: str) -> None:
    assert lint(NL507, body=body) == []


# Everything together ----------------------------------------------------------------------------


def test_safe_fixes_of_the_family_settle_and_stay_in_their_spans() -> None:
    body = (
        "Turner   Newall said.\n\n\n\nThe announce-\nment came; the announcement was brief.\r\n"
        "Last\u2028line.  \nEnd."
    )
    text = _json(body)
    fixed = fix("a.json", JSON_READER, text, rules=WHITESPACE)
    assert json.loads(fixed)["body"] == (
        "Turner Newall said.\n\nThe announcement came; the announcement was brief.\nLast\nline.\nEnd."
    )
    changes_within_reported_spans("a.json", JSON_READER, text, fixed, rules=WHITESPACE)


# NL502's one scan per paragraph finds what a scan of each line finds -----------------------


def _nl502_line_by_line(text: str) -> list[tuple[int, int]]:
    """The runs NL502 reports, found as its first version did: every line of a paragraph read."""
    from newslint.model import iter_paragraphs
    from newslint.rules import nl502_space_runs as module

    found = []
    for start, end, _ in iter_paragraphs(text):
        lines = []
        for line in re.finditer(r"[^\r\n]+", text[:end]):
            if line.start() < start:
                continue
            runs = list(re.finditer(r"  (?<=[^\s]  ) *(?=[^\s])", text[: line.end()]))
            runs = [run for run in runs if run.start() >= line.start()]
            if runs:
                lines.append((line, runs))
        if len(lines) != 1:
            continue
        line, runs = lines[0]
        if module._TABLE_CHARACTERS.intersection(line.group()):
            continue
        if len(runs) > 1 and any(len(run.group()) > 2 for run in runs):
            continue
        for run in runs:
            before = text[line.start() : run.start()]
            if module._MARKER.fullmatch(before):
                continue
            if len(run.group()) == 2 and module._SENTENCE_END.search(before[-3:]):
                continue
            found.append(run.span())
    return found


_TOKENS = st.sampled_from(["word", "word", " ", "  ", "   ", "-", "1.", "|", ".", "\t"])
_LINES = st.lists(st.lists(_TOKENS, max_size=7).map("".join), min_size=1, max_size=6)
_BREAKS = st.lists(st.sampled_from(["\n", "\r\n", "\n\n", "\r", "\n \n"]), min_size=6, max_size=6)


@settings(max_examples=500, deadline=None)
@given(_LINES, _BREAKS)
def test_nl502_scans_a_paragraph_as_its_lines(lines: list[str], breaks: list[str]) -> None:
    body = "".join(line + brk for line, brk in zip(lines, breaks, strict=False))
    assert [(d.start, d.end) for d in lint(NL502, body=body)] == _nl502_line_by_line(body)
