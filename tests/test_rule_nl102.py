"""NL102 html-tags: a wire service's ticker in angle brackets is not a tag."""

from __future__ import annotations

import json

import pytest

from newslint.diagnostics import Applicability
from newslint.readers.json_reader import JSON_READER
from newslint.rules.nl102_html_tags import HtmlTags
from tests.rulekit import URL, fix, lint

NL102 = HtmlTags()


@pytest.mark.parametrize(
    "text",
    [
        # Wire-service slugs and bodies name a company's ticker in angle brackets.
        "DU PONT CO <DD> LAUNCHES NEW PRODUCT LINE",
        "PROCTER AND GAMBLE <P> SEES HIGHER EARNINGS",
        "Du Pont Co <DD> said it will build a plant in Texas.",
        "The bank said Procter and Gamble Co <P>, its client, agreed.",
        "AMERICAN EXPRESS <AXP> AND SHEARSON <SHE> <B> IN TALKS",
        "Broadridge <BR> and Tyler <TYL> reported results.",
        "Shares of Du Pont &lt;DD&gt; rose.",
    ],
)
def test_a_ticker_in_angle_brackets_is_not_flagged(text: str) -> None:
    assert lint(NL102, title="A title", body=text) == []
    document = json.dumps({"url": URL, "title": "A title", "body": text})
    assert fix("a.json", JSON_READER, document, rules=(NL102,)) == document


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        # Old HTML in capitals is still markup when it touches the text or closes.
        ("The plan was approved.<P>The mayor spoke.", "The plan was approved. The mayor spoke."),
        ("line one<BR>line two", "line one line two"),
        ("<B>Breaking</B> news", "Breaking news"),
        ("Read this <DD>definition</DD> now", "Read this definition now"),
        ('See <A HREF="https://example.org/a">the report</A>.', "See the report."),
        ("said so. <p> The next", "said so. The next"),
    ],
)
def test_capital_tags_in_html_syntax_keep_a_safe_fix(text: str, fixed: str) -> None:
    found = lint(NL102, body=text)
    assert found and all(
        d.fix is not None and d.fix.applicability is Applicability.SAFE for d in found
    )
    document = json.dumps({"url": URL, "title": "A title", "body": text})
    assert json.loads(fix("a.json", JSON_READER, document, rules=(NL102,)))["body"] == fixed


def test_an_escaped_tag_inside_an_address_is_left_alone() -> None:
    body = "Search https://example.org/find?q=&lt;b&gt;port&lt;/b&gt;&amp;p=2 for &lt;b&gt;it&lt;/b&gt;."
    found = lint(NL102, body=body)
    assert [body[d.start : d.end].strip() for d in found] == ["&lt;b&gt;", "&lt;/b&gt;"]
    assert all(d.start > body.index(" for ") for d in found)
