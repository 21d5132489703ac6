"""NL411 link-debris: lines of address pieces or tag attributes that converters leave.

Every text here is written for the tests (never copied from ../shared).
"""

from __future__ import annotations

import json

import pytest

from newslint.rules.nl411_link_debris import LinkDebris, is_link_debris
from tests.rulekit import JSON_READER, fix, lint

NL411 = LinkDebris()
PROSE = "The council approved the budget on Monday after a long and heated debate in the hall."
MORE = "Rail workers said they would strike on Friday unless the offer was improved again."


@pytest.mark.parametrize(
    "line",
    [
        # A link's target that html2text put on lines of its own, wrapped.
        "  (https://www.example.com/news/2019/11/17/council-approves-",
        "(https://www.example.com/share?url=https%3A%2F%2Fexample.com%2Fa&title=Budget)",
        "budget-after-long-debate.html)",
        "content/uploads/2017/12/pear-jam-14-300x450.jpg",
        "it.html)",
        # An image's attributes, printed as text.
        'class="attachment-230x300 size-230x300 wp-post-image" alt=""',
        '  src="https://cdn.example.com/files/2019.02/xxs/5c667028.jpg"',
        '-pear-jam-honey-14b.jpg">',
        # A share button's target with a few words of its label.
        "- Share // (https://www.example.com/submit?url=https%3A%2F%2Fexample.com%2Fb)",
        # An empty Markdown image, and links with no text.
        "![](https://media.example.com/images/100x66/photo.jpg)",
        "[]",
        "* [][]",
        # A target that was escaped into another one's query, and a wrapped target's tail.
        "  https%3A%2F%2Fwww.example.com%2Fmost-detailed-simulation.html)",
        "council-approves-budget/)",
        # A target wrapped inside its slug's last word: only those letters are left.
        "inals/)",
        "  -opener/)",
    ],
)
def test_debris(line: str) -> None:
    assert is_link_debris(line)


@pytest.mark.parametrize(
    "line",
    [
        # A complete address, alone or after a label: a writer gave it.
        "http://amzn.to/2hWxAKk",
        "**http://amzn.to/2hWxAKk",
        "Source: https://example.com/report/2019/full.pdf",
        "Linkhttp://www.example.com/archive/2009/10/fog/",
        "www.example.com",
        # A Markdown link with words.
        "[Get it on Amazon for $64.99](https://r.example.net/u/apjl)",
        "* [Как мы работаем](https://example.ru/about/team/)",
        # Dates, scores, fractions.
        "04/27/13",
        "11/4",
        "1/2 cup of sugar",
        # Titles and paths with capitals; words joined by a slash.
        "Prestige/Insomnia/Memento (Blu-Ray)",
        "/System/Library/PrivateFrameworks/Apple80211.framework",
        "CALENDAR/CLOCK",
        "and/or",
        "being overweight/obese",
        "Москва/Киев/Минск",
        "café/bar/restaurant",
        "und/oder",
        # An empty task-list box; a bracketed aside that ends with a slash.
        "- [ ]",
        "(see below/)",
        # A file named in a sentence.
        "Edit config.php",
        "Open index.html in your browser.",
        # Prose with a link in brackets.
        "My gift to you: a great read (http://www.example.com/the-banker-and-the-blogger)",
        "He said the price had risen by 10/20 since the spring.",
        # HTML tags: the HTML tag rule's.
        '<span id="logo"></span>',
        '<div align="center"><a href="http://example.com/a/b/c">',
        # Nothing that looks like an address.
        "Rail workers said they would strike on Friday.",
        "Élections municipales : le second tour aura lieu dimanche.",
        "",
    ],
)
def test_not_debris(line: str) -> None:
    assert not is_link_debris(line)


def test_a_wrapped_target_is_deleted_line_by_line_and_a_second_fix_changes_nothing() -> None:
    wrapped = (
        "  (https://www.example.com/news/2019/11/17/council-approves-\n"
        "budget-after-long-debate.html)"
    )
    body = f"{PROSE}\nRead more\n{wrapped}\n\n{MORE}"
    found = lint(NL411, body=body)
    assert [body[d.start : d.end].strip("\n") for d in found] == [
        "  (https://www.example.com/news/2019/11/17/council-approves-",
        "budget-after-long-debate.html)",
    ]
    assert all(d.fix is not None and d.fix.applicability.value == "unsafe" for d in found)
    record = json.dumps({"title": "T", "url": "https://example.org/a", "body": body})
    once = fix("a.json", JSON_READER, record, True, (NL411,))
    assert json.loads(once)["body"] == f"{PROSE}\nRead more\n\n{MORE}"
    assert fix("a.json", JSON_READER, once, True, (NL411,)) == once
    assert fix("a.json", JSON_READER, record, False, (NL411,)) == record  # unsafe only


def test_clean_articles_with_addresses_are_not_flagged() -> None:
    body = (
        f"{PROSE}\n\nThe full report is at https://example.org/reports/2024/budget.pdf and "
        "the council's minutes are online.\n\nhttp://example.org/minutes/2024/11/\n\n"
        f"[Read the minutes](https://example.org/minutes/2024/11/)\n\n{MORE}"
    )
    assert lint(NL411, body=body) == []


def test_long_lines_are_prose() -> None:
    long_piece = "a/" * 200
    assert lint(NL411, body=f"{PROSE}\n{long_piece}\n{MORE}") == []
