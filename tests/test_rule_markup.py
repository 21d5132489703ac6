"""Markup family (NL101-NL106): what each rule must flag, what it must not, and its fixes."""

from __future__ import annotations

import json
import time

import pytest

from newslint.diagnostics import Applicability, Diagnostic
from newslint.readers.json_reader import JSON_READER
from newslint.readers.text import TEXT_READER
from newslint.rule import Rule
from newslint.rules.nl101_markdown_emphasis import MarkdownEmphasis
from newslint.rules.nl102_html_tags import HtmlTags
from newslint.rules.nl103_markdown_links import MarkdownLinks
from newslint.rules.nl104_markdown_heading import MarkdownHeading
from newslint.rules.nl105_escaped_markdown import EscapedMarkdown
from newslint.rules.nl106_table_debris import TableDebris
from newslint.rules.nl401_related_promo import RelatedPromo
from tests.rulekit import PROMO, apply_field_edits, article, changes_within_reported_spans, fix

NL101, NL102, NL103 = MarkdownEmphasis(), HtmlTags(), MarkdownLinks()
NL104, NL105, NL106 = MarkdownHeading(), EscapedMarkdown(), TableDebris()
MARKUP: tuple[Rule, ...] = (NL101, NL102, NL103, NL104, NL105, NL106)


def found(rule: Rule, body: str) -> list[Diagnostic]:
    return list(rule.check(article(body=body)))


def flagged(rule: Rule, body: str) -> list[str]:
    return [body[d.start : d.end] for d in found(rule, body)]


def fixed(rule: Rule, body: str, unsafe: bool = False) -> str:
    """``body`` after one pass of ``rule``'s fixes (safe ones only unless ``unsafe``)."""
    edits = tuple(
        edit
        for d in found(rule, body)
        if d.fix is not None and (unsafe or d.fix.applicability is Applicability.SAFE)
        for edit in d.fix.edits
    )
    return apply_field_edits(body, edits)


def fix_body(
    body: str, unsafe: bool = False, rules: tuple[Rule, ...] = MARKUP, one_pass: bool = True
) -> str:
    """The body after the real fixer (all passes), checking idempotency.

    When the fixes settle in one pass (``one_pass``), also check that every change lies
    inside a span the first lint reported.
    """
    text = json.dumps({"title": "T", "url": "https://example.org/a", "body": body})
    result = fix("a.json", JSON_READER, text, unsafe=unsafe, rules=rules)
    if one_pass:
        changes_within_reported_spans("a.json", JSON_READER, text, result, rules=rules)
    value = json.loads(result)["body"]
    assert isinstance(value, str)
    return value


def assert_clean(rule: Rule, text: str) -> None:
    assert list(rule.check(article(title=text, caption=text, body=text))) == []


# NL102 html-tags -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "tags", "result"),
    [
        ("The talks were <b>over</b>.", ["<b>", "</b>"], "The talks were over."),
        ("An <u>underlined</u> headline", ["<u>", "</u>"], "An underlined headline"),
        (
            "<i>Le Monde</i> and <em>Die Zeit</em>",
            ["<i>", "</i>", "<em>", "</em>"],
            "Le Monde and Die Zeit",
        ),
        ("<strong>Алексей</strong> сказал", ["<strong>", "</strong>"], "Алексей сказал"),
        ('<span class="x">red</span> car', ['<span class="x">', "</span>"], "red car"),
        (
            'Read <a href="https://example.org/a?b=1&amp;c=2" target="_blank">the report</a>.',
            ['<a href="https://example.org/a?b=1&amp;c=2" target="_blank">', "</a>"],
            "Read the report.",
        ),
        (
            '<a\nhref="https://example.org">View</a> it',
            ['<a\nhref="https://example.org">', "</a>"],
            "View it",
        ),
        ("one<br>two", ["<br>"], "one two"),
        ("one<br/>two<br />three", ["<br/>", "<br />"], "one two three"),
        ("First.<p>Second.</p>", ["<p>", "</p>"], "First. Second."),
        ("one <br> two", ["<br> "], "one two"),
        ("end of line<br>\nnext", ["<br>"], "end of line\nnext"),
        ("<P>Upper</P> case", ["<P>", "</P>"], "Upper case"),
        ("<div>block</div>", ["<div>", "</div>"], "block"),
        ("Stray closing tag</div> here", ["</div>"], "Stray closing tag here"),
        (
            'Pixel <img src="//pixel.example/p.gif" width="1" alt=""> gone',
            ['<img src="//pixel.example/p.gif" width="1" alt=""> '],
            "Pixel gone",
        ),
        ("&lt;b&gt;bold&lt;/b&gt; text", ["&lt;b&gt;", "&lt;/b&gt;"], "bold text"),
        ("Para&lt;/p&gt;", ["&lt;/p&gt;"], "Para"),
        (
            '&lt;span data-type="bookmark" style="display:none"&gt;Note&lt;/span&gt; text',
            ['&lt;span data-type="bookmark" style="display:none"&gt;', "&lt;/span&gt;"],
            "Note text",
        ),
        ("The <title>Dune</title> remake", ["<title>", "</title>"], "The Dune remake"),
    ],
)
def test_nl102_flags_tags_and_fix_keeps_the_text(body: str, tags: list[str], result: str) -> None:
    diagnostics = found(NL102, body)
    assert [body[d.start : d.end] for d in diagnostics] == tags
    for d in diagnostics:
        assert d.code == "NL102" and d.fix is not None
        assert d.fix.applicability is Applicability.SAFE
    assert fixed(NL102, body) == result
    assert fix_body(body, rules=(NL102,)) == result


def test_nl102_spans_and_message() -> None:
    body = "She said<br>no."
    [d] = found(NL102, body)
    assert (d.field, d.start, d.end) == ("body", 8, 12)
    assert d.message == "HTML tag '<br>'"
    long_tag = '<a href="https://example.org/' + "x" * 100 + '">'
    [d, _] = found(NL102, f"{long_tag}t</a>")
    assert d.message.endswith("...'") and len(d.message) < 90


@pytest.mark.parametrize(
    "text",
    [
        "If a < b and b > c, then a < c.",
        "x<3 and y>2",
        "I <3 New York",
        "Press <- to go back, or <<< to rewind; >>> forward.",
        "1 < 2 > 0",
        "Write to Jane Doe <jane.doe@example.com> today.",
        "Fill in <unknown> and <name> and <date> fields.",
        "The <title> placeholder and the <time> field stay.",
        "Use the <div> tag and the <span> element in HTML.",
        "It was <a lot of fun> they said.",
        "Sort by <b and c> order.",
        "if a<b>c then",
        "Vector <i, j> components.",
        "Strings like <br ok> are not tags.",
        "Formula: P(x) <= 0.5 and Q >= 1",
        "Le prix &lt; 5 € et &gt; 2 €.",
    ],
)
def test_nl102_ignores_prose_angle_brackets(text: str) -> None:
    assert_clean(NL102, text)


def test_nl102_skips_related_promo_paragraphs() -> None:
    body = f"First paragraph with <b>bold</b>.\n\n{PROMO}\n\nLast paragraph."
    assert flagged(NL102, body) == ["<b>", "</b>"]
    assert flagged(NL102, PROMO) == []
    # The caption is never a promo paragraph: a tag there is reported.
    assert [d.field for d in NL102.check(article(caption=PROMO, body="Text."))] == [
        "caption",
        "caption",
    ]


# NL103 markdown-links ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "links", "applicability", "result"),
    [
        (
            "Read the [full statement](https://example.org/s) now.",
            ["[full statement](https://example.org/s)"],
            [Applicability.SAFE],
            "Read the full statement now.",
        ),
        ("[Tech](/tech/) news", ["[Tech](/tech/)"], [Applicability.SAFE], "Tech news"),
        (
            "See [Foo (bar)](https://en.wikipedia.org/wiki/Foo_(bar)).",
            ["[Foo (bar)](https://en.wikipedia.org/wiki/Foo_(bar))"],
            [Applicability.SAFE],
            "See Foo (bar).",
        ),
        (
            'A [link](https://example.org "Title") here',
            ['[link](https://example.org "Title")'],
            [Applicability.SAFE],
            "A link here",
        ),
        (
            "[Москва](https://ru.example.org/moskva) сегодня",
            ["[Москва](https://ru.example.org/moskva)"],
            [Applicability.SAFE],
            "Москва сегодня",
        ),
        (
            "Mail [us](mailto:desk@example.org).",
            ["[us](mailto:desk@example.org)"],
            [Applicability.SAFE],
            "Mail us.",
        ),
        (
            "Logo ![](/img/logo.png) here",
            ["![](/img/logo.png) "],
            [Applicability.SAFE],
            "Logo here",
        ),
        (
            "Photo ![A flooded street](https://example.org/a.jpg) here",
            ["![A flooded street](https://example.org/a.jpg) "],
            [Applicability.UNSAFE],
            "Photo here",
        ),
        (
            "Share [](https://example.org/share) it",
            ["[](https://example.org/share) "],
            [Applicability.SAFE],
            "Share it",
        ),
        ("Go [Replay](#) now", ["[Replay](#) "], [Applicability.UNSAFE], "Go now"),
        (
            "Comments [16](#comments) below",
            ["[16](#comments) "],
            [Applicability.UNSAFE],
            "Comments below",
        ),
        (
            "Run [Click](javascript:void(0)) x",
            ["[Click](javascript:void(0)) "],
            [Applicability.UNSAFE],
            "Run x",
        ),
    ],
)
def test_nl103_flags_links_and_images(
    body: str, links: list[str], applicability: list[Applicability], result: str
) -> None:
    diagnostics = found(NL103, body)
    assert [body[d.start : d.end] for d in diagnostics] == links
    assert [d.fix.applicability for d in diagnostics if d.fix] == applicability
    assert fixed(NL103, body, unsafe=True) == result
    safe = body if applicability == [Applicability.UNSAFE] else result
    assert fix_body(body, rules=(NL103,)) == safe
    assert fix_body(body, unsafe=True, rules=(NL103,)) == result


def test_nl103_image_inside_link_goes_over_two_passes() -> None:
    body = "[![logo](/logo.png)](https://example.org) Home"
    assert flagged(NL103, body) == ["![logo](/logo.png)"]
    assert fix_body(body, unsafe=True, rules=(NL103,), one_pass=False) == "Home"
    # Safe fixes alone keep the alt text's image (deleting it is unsafe).
    assert fix_body(body, rules=(NL103,)) == body


def test_nl103_messages() -> None:
    [link] = found(NL103, "a [b](https://example.org/" + "x" * 80 + ") c")
    assert link.message.startswith("Markdown link '[b](https://example.org/")
    assert link.message.endswith("...'")
    [image] = found(NL103, "![](/p.gif)")
    assert image.message == "Markdown image '![](/p.gif)'"
    [dead] = found(NL103, "[Top](#top)")
    assert dead.message == "Markdown link to nowhere '[Top](#top)'"


@pytest.mark.parametrize(
    "text",
    [
        "As reported earlier [1], the vote passed [2].",
        "He said the plan was 'unworkable' [sic] and left.",
        "The statement [...] was read aloud.",
        "The numbers (see [2]) are disputed.",
        "The array[i](j) call and f[0](x) in code.",
        "A range [0, 1] (closed) and [a](b c) in prose.",
        "[Editor's note: this story was updated.] (AP)",
        "Категории [А] (основные) и [Б] (прочие).",
        "[Update] (10:42) The minister resigned.",
        "Lists [x](y) with non-address targets.",
    ],
)
def test_nl103_ignores_brackets_in_prose(text: str) -> None:
    assert_clean(NL103, text)


def test_nl103_skips_related_promo_paragraphs() -> None:
    promo = "Read more: [Ferry operator posts record summer](https://example.org/ferry)"
    body = f"Intro with a [link](https://example.org/x).\n\n{promo}\n\nEnd."
    assert flagged(NL103, body) == ["[link](https://example.org/x)"]
    nl401 = RelatedPromo()
    assert [d.code for d in nl401.check(article(body=body))] == ["NL401"]


# NL101 markdown-emphasis: italic and bold italic -------------------------------------------


@pytest.mark.parametrize(
    ("body", "spans", "result"),
    [
        ("It was *very* cold and *wet*.", ["*very*", "*wet*"], "It was very cold and wet."),
        (
            "It was _really_ cold, _very_ wet.",
            ["_really_", "_very_"],
            "It was really cold, very wet.",
        ),
        ("A *lone* italic near **bold**.", ["*lone*", "**bold**"], "A lone italic near bold."),
        (
            "See [this](https://example.org) and *that*.",
            ["*that*"],
            "See [this](https://example.org) and that.",
        ),
        ("***Breaking*** and ***news***", ["***Breaking***", "***news***"], "Breaking and news"),
        ("___Both___ ways", ["___Both___"], "Both ways"),
        ("**Ivan Ivanov / TASS**", ["**Ivan Ivanov / TASS**"], "Ivan Ivanov / TASS"),
        ("**Foto: Reuters**", ["**Foto: Reuters**"], "Foto: Reuters"),
        ("*«Правда»* и *«Известия»*", ["*«Правда»*", "*«Известия»*"], "«Правда» и «Известия»"),
    ],
)
def test_nl101_flags_italic_and_bold(body: str, spans: list[str], result: str) -> None:
    assert flagged(NL101, body) == spans
    assert fixed(NL101, body) == result
    assert fix_body(body, rules=(NL101,)) == result


def test_nl101_messages_name_the_kind() -> None:
    messages = [d.message for d in found(NL101, "*a* *b* **c** ***d***")]
    assert messages == [
        "Markdown italic markers around 'a'",
        "Markdown italic markers around 'b'",
        "Markdown bold markers around 'c'",
        "Markdown bold italic markers around 'd'",
    ]


def test_nl101_nested_emphasis_settles_over_passes() -> None:
    body = "**bold *and* italic** text"
    assert fix_body(body, rules=(NL101,), one_pass=False) == "bold and italic text"


def test_nl101_a_lone_single_marker_needs_other_markdown() -> None:
    # `*sighs*` in a writer's own text: one single-marker span and nothing else.
    assert flagged(NL101, "The markets moved. *Sharks begin circling*\n\nNext.") == []
    assert flagged(NL101, "Only _one_ here.") == []


@pytest.mark.parametrize(
    "text",
    [
        "***\n\n* * *\n\n---",
        "What the f*** was that? He said f**k and s**t.",
        "* first item\n* second item\n* third item",
        "2 * 3 = 6, a*b*c, x*y = z and 3*4*5.",
        "Price* excludes VAT.\n*Terms apply. **Offer ends soon.",
        "The A* search and B* trees; *nix and *BSD systems.",
        "snake_case and __init__ and __main__ and _private and my_var_name.",
        "Follow @user_name and @another_user_here on social media.",
        "Open report_2024_final.pdf and _draft_.txt and _notes_-v2 today.",
        "See https://example.org/_static_/app.js and a=_b_ in code.",
        "*2* and _1_ and *3.5*",
        "Mark * here and * there.",
        "Files at https://example.org/a_b_c and ftp://example.org/_x_/_y_",
        "Rating: ***** (5 stars) and **** (4 stars)",
    ],
)
def test_nl101_ignores_non_emphasis_asterisks_and_underscores(text: str) -> None:
    assert_clean(NL101, text)


# NL104 markdown-heading -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "spans", "result"),
    [
        (
            "## What happens next\nThe court meets.",
            ["## What happens next"],
            "What happens next\nThe court meets.",
        ),
        ("Intro.\n\n# Title #\n\nText.", ["# Title #"], "Intro.\n\nTitle\n\nText."),
        ("###### Deep\nx", ["###### Deep"], "Deep\nx"),
        ("  ### Indented", ["  ### Indented"], "Indented"),
        ("# Москва\nТекст", ["# Москва"], "Москва\nТекст"),
        ("Intro.\r\n## Heading\r\nText.", ["## Heading"], "Intro.\r\nHeading\r\nText."),
    ],
)
def test_nl104_flags_headings(body: str, spans: list[str], result: str) -> None:
    assert flagged(NL104, body) == spans
    assert all(d.fix and d.fix.applicability is Applicability.SAFE for d in found(NL104, body))
    assert fixed(NL104, body) == result
    assert fix_body(body, rules=(NL104,)) == result


@pytest.mark.parametrize(
    "text",
    [
        "#1 hit of the year",
        "#hashtag #MeToo #BlackLivesMatter",
        "C# and F# are languages.\nC# 12 shipped.",
        "# 5 on the list: the new stadium",
        "# 1,000 signatures gathered",
        "###\n\n# # #",
        "####### seven is not a heading",
        "Text with a # in the middle",
        "#\n#",
    ],
)
def test_nl104_ignores_hashes_that_are_not_headings(text: str) -> None:
    assert_clean(NL104, text)


def test_nl104_reads_only_the_body() -> None:
    assert list(NL104.check(article(title="# Title", caption="## Cap", body="Text."))) == []


# NL105 escaped-markdown -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "count", "result"),
    [
        ("Call my\\_function now.", 1, "Call my_function now."),
        ("Footnote \\[1\\] here.", 2, "Footnote [1] here."),
        ("A rule \\_\\_\\_\\_ line", 1, "A rule ____ line"),
        ("What the f\\*\\*\\* was that", 1, "What the f*** was that"),
        ("\\- first item\n\\- second item", 2, "- first item\n- second item"),
        ("1\\. First point", 1, "1. First point"),
        ("\\> quoted line", 1, "> quoted line"),
        ("\\# Not a heading", 1, "# Not a heading"),
        ("Tag \\#news and \\`code\\`", 3, "Tag #news and `code`"),
        ("a \\| b \\~ c", 2, "a | b ~ c"),
    ],
)
def test_nl105_flags_escapes(body: str, count: int, result: str) -> None:
    diagnostics = found(NL105, body)
    assert len(diagnostics) == count
    assert all(body[d.start] == "\\" and body[d.end - 2] == "\\" for d in diagnostics)
    assert fixed(NL105, body) == result
    assert fix_body(body, rules=(NL105,)) == result


def test_nl105_message_and_spans() -> None:
    [d] = found(NL105, "f\\*\\*\\* x")
    assert (d.start, d.end, d.message) == (1, 7, "escaped Markdown '\\*\\*\\*'")
    assert d.fix is not None and [e.start for e in d.fix.edits] == [1, 3, 5]


def test_nl105_fix_does_not_make_markdown_for_nl104_to_strip_safely() -> None:
    # `\# Not a heading` becomes `# Not a heading`, which NL104 then reports and strips:
    # both fixes only remove markup, and the result settles.
    assert fix_body("\\# Section", rules=(NL104, NL105), one_pass=False) == "Section"


@pytest.mark.parametrize(
    "text",
    [
        "Open C:\\Users\\_data\\*.txt and \\\\server\\share\\_x now.",
        "A literal \\n between words and \\t too.",
        "LaTeX \\alpha + \\beta = \\gamma and \\frac{1}{2}.",
        "Escaped backslash \\\\* stays.",
        "Mid-line a \\- b and 3 \\+ 4 and x \\> y.",
        "Regex \\d+\\.\\d+ and \\w+ and \\s.",
        "Price 5\\.99 and \\# 5",
    ],
)
def test_nl105_ignores_paths_latex_and_literals(text: str) -> None:
    assert_clean(NL105, text)


# NL106 table-debris ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "spans"),
    [
        (
            "Before.\n| Team | Pts |\n|---|---|\n| Reds | 12 |\nAfter.",
            ["| Team | Pts |\n|---|---|\n| Reds | 12 |"],
        ),
        ("| a | b |", ["| a | b |"]),
        ("|a|b|\n|c|d|", ["|a|b|\n|c|d|"]),
        ("| :--- | ---: |", ["| :--- | ---: |"]),
        ("| x | y |\r\n| 1 | 2 |\r\n\r\nText", ["| x | y |\r\n| 1 | 2 |"]),
        ("| a | b |\n\nText\n\n| c | d |", ["| a | b |", "| c | d |"]),
    ],
)
def test_nl106_reports_table_blocks(body: str, spans: list[str]) -> None:
    diagnostics = found(NL106, body)
    assert [body[d.start : d.end] for d in diagnostics] == spans
    assert all(d.fix is None for d in diagnostics)


def test_nl106_message() -> None:
    [d] = found(NL106, "| Team | Pts |\n|---|---|")
    assert d.message == "Markdown table (2 rows): '| Team | Pts |'"


@pytest.mark.parametrize(
    "text",
    [
        "|x| + |y| >= |x + y|",
        "|a|b|\n|c|d|e|",
        "Choose yes | no | maybe.",
        "Home | News | Sport | Weather",
        "|",
        "||",
        "The result |x| is positive.",
    ],
)
def test_nl106_ignores_pipes_in_prose(text: str) -> None:
    assert_clean(NL106, text)


# The family together ----------------------------------------------------------------------


def test_markup_fixes_settle_together() -> None:
    body = (
        "## Heading\n\n"
        "The <b>minister</b> said **no** to the [plan](https://example.org/plan).\n\n"
        "It was *very* close.<br>Really.\n\n"
        "Call my\\_function."
    )
    assert fix_body(body) == (
        "Heading\n\nThe minister said no to the plan.\n\nIt was very close. Really.\n\n"
        "Call my_function."
    )


def test_markup_fix_in_a_text_file_with_crlf() -> None:
    text = (
        "Title\r\n\r\nBy AP\r\n\r\n\r\n\r\nCaption.\r\n\r\nOne <i>two</i> three.\r\n\r\n## Sub\r\n"
    )
    result = fix("a.txt", TEXT_READER, text, rules=MARKUP)
    assert "<i>" not in result and "## " not in result
    assert "One two three." in result and "\r\nSub\r\n" in result
    changes_within_reported_spans("a.txt", TEXT_READER, text, result, rules=MARKUP)


@pytest.mark.parametrize("rule", MARKUP, ids=lambda r: r.code)
def test_markup_rules_are_fast_on_adversarial_input(rule: Rule) -> None:
    size = 100_000
    inputs = [
        "*" * size,
        "_" * size,
        "<" * size,
        "<a " * (size // 3),
        '<a href="' * (size // 9),
        "<b>" * (size // 3),
        "&lt;" * (size // 4),
        "&lt;a x=1 " * (size // 10),
        "[" * size,
        "[a](" * (size // 4),
        "[a](b" + "(" * size,
        "](" * (size // 2),
        "#" * size,
        "\\" * size,
        "C:\\" * (size // 3),
        "|" * size,
        "| a " * (size // 4),
        "*a " * (size // 3),
        "_a " * (size // 3),
    ]
    for text in inputs:
        document = article(body=text)
        started = time.perf_counter()
        list(rule.check(document))
        assert time.perf_counter() - started < 0.5, text[:20]
