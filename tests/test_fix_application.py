"""Applying the artefact rules' fixes through the real fixer, in every format."""

from __future__ import annotations

import json

import pytest

from newslint.engine import lint_article
from newslint.readers.json_reader import JSON_READER, JSONL_READER
from newslint.readers.text import TEXT_READER
from tests.rulekit import (
    HEADLINE,
    JOINED,
    PROMO,
    RULES,
    SPLIT,
    URL,
    changes_within_reported_spans,
    fix,
)

JSON_DOC = {
    "title": "Itâ€™s over",
    "url": JOINED,
    "caption": "Ministers meet. **Valery Sharifulin / TASS**",
    "body": f"“Quoted” text from the cafÃ©.\n\n{PROMO}\n\nSee {SPLIT} — and “more”.",
    "related": [],
}


@pytest.mark.parametrize("ensure_ascii", [False, True])
def test_safe_fixes_on_json(ensure_ascii: bool) -> None:
    text = json.dumps(JSON_DOC, ensure_ascii=ensure_ascii, indent=2) + "\n"
    fixed = fix("a.json", JSON_READER, text)
    expected = dict(
        JSON_DOC,
        title="It’s over",
        caption="Ministers meet. Valery Sharifulin / TASS",
        body=f"“Quoted” text from the café.\n\n{PROMO}\n\nSee {JOINED} — and “more”.",
    )
    assert fixed == json.dumps(expected, ensure_ascii=ensure_ascii, indent=2) + "\n"
    changes_within_reported_spans("a.json", JSON_READER, text, fixed)
    # The unsafe promo is still reported, nothing else is.
    [article_], _ = JSON_READER.parse("a.json", fixed)
    assert [d.code for d in lint_article(article_, RULES)] == ["NL401"]


def test_unsafe_fixes_on_json_move_the_promo_to_related() -> None:
    text = json.dumps(JSON_DOC, ensure_ascii=False, indent=2) + "\n"
    fixed = fix("a.json", JSON_READER, text, unsafe=True)
    values = json.loads(fixed)
    assert values["body"] == f"“Quoted” text from the café.\n\nSee {JOINED} — and “more”."
    assert values["related"] == [HEADLINE]
    [article_], _ = JSON_READER.parse("a.json", fixed)
    assert lint_article(article_, RULES) == []


def test_fixes_on_jsonl_touch_only_their_record() -> None:
    records = [
        {"title": "Clean", "url": URL, "body": "Nothing to see: “fine” — café."},
        {"title": "Damaged", "url": URL, "body": "The **minister** left the cafÃ©."},
    ]
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    fixed = fix("a.jsonl", JSONL_READER, text)
    lines = fixed.splitlines(keepends=True)
    assert lines[0] == text.splitlines(keepends=True)[0]
    assert json.loads(lines[1])["body"] == "The minister left the café."
    changes_within_reported_spans("a.jsonl", JSONL_READER, text, fixed)


SEED_LIKE = """\


North Korea Says It Will Stand by Russia

By AFP

November 01, 2024



Foreign ministers meet in Moscow. **Valery Sharifulin / TASS**

North Korea’s foreign minister met her Russian counterpart on Friday — in Moscow.

{promo}

Lavrov hailed the close ties between the two countries’ armies.

Original url:

{url}
"""


def test_fixes_on_text_reader() -> None:
    text = SEED_LIKE.format(promo=PROMO, url=SPLIT)
    [article_], errors = TEXT_READER.parse("a.txt", text)
    assert not errors
    assert sorted(d.code for d in lint_article(article_, RULES)) == ["NL101", "NL201", "NL401"]

    fixed = fix("a.txt", TEXT_READER, text)
    expected = text.replace("**Valery Sharifulin / TASS**", "Valery Sharifulin / TASS")
    assert fixed == expected.replace(SPLIT, JOINED)
    changes_within_reported_spans("a.txt", TEXT_READER, text, fixed)

    fixed = fix("a.txt", TEXT_READER, text, unsafe=True)
    assert PROMO not in fixed
    assert f"Related articles:\n- {HEADLINE}\n\nOriginal url:" in fixed
    [article_], _ = TEXT_READER.parse("a.txt", fixed)
    assert article_.related == [HEADLINE]
    assert lint_article(article_, RULES) == []
