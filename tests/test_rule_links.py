"""NL202 truncated-url and NL203 cloudflare-email: what they must flag and what they must not."""

from __future__ import annotations

import pytest

from newslint.rules.nl202_truncated_url import TruncatedUrl
from newslint.rules.nl203_cloudflare_email import CloudflareEmail
from tests.rulekit import lint, spans

NL202, NL203 = TruncatedUrl(), CloudflareEmail()


# NL202 truncated-url ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "url"),
    [
        (
            "Watch it: https://www.example.com/watch/council-meeting-novemb… and share.",
            "https://www.example.com/watch/council-meeting-novemb…",
        ),
        (
            "Source: https://example.com/news/some-sto...",
            "https://example.com/news/some-sto...",
        ),
        ("Channel:\n\nhttps://www.youtube.com/channel/UCwRd…\n\nMore.", None),
        ("Hemp site:\n\nhttp://www.example-hemp.org…\n\nNext.", None),
        ("Read http://en.example.org…Hemp plastic website", "http://en.example.org…"),
        ("(https://example.com/2024/03/long-story-abo...)", None),
    ],
)
def test_nl202_flags_urls_cut_with_an_ellipsis(body: str, url: str | None) -> None:
    [found] = lint(NL202, body=body)
    assert found.fix is None
    flagged = body[found.start : found.end]
    assert flagged.endswith(("...", "…"))
    assert flagged.startswith("http")
    if url is not None:
        assert flagged == url
    assert "truncated" in found.message


def test_nl202_reads_the_url_field_and_the_caption() -> None:
    found = lint(
        NL202,
        url="https://example.com/news/some-sto…",
        caption="From https://example.com/photos/harb...",
        body="Body.",
    )
    assert sorted(spans(found)) == [("NL202", "caption", 5, 39), ("NL202", "url", 0, 34)]


@pytest.mark.parametrize(
    "body",
    [
        "Visit https://example.com... or don't.",
        "Visit https://example.com… if you dare.",
        "See https://example.com/news/a-story. Then more...",
        "See https://example.com/news/a-story … and so on.",
        "The site https://example.org/news/ is updated daily...",
        "Wait for it... https://example.com/a-story",
        "Et ainsi de suite… https://example.fr/article",
        "The path is /news/some-sto... on the site.",
    ],
)
def test_nl202_leaves_whole_urls_and_prose_ellipses(body: str) -> None:
    assert lint(NL202, body=body) == []


# NL203 cloudflare-email ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "placeholder",
    ["[email protected]", "[email\u00a0protected]", "[email&#160;protected]", "[Email Protected]"],
)
def test_nl203_flags_the_placeholder(placeholder: str) -> None:
    body = f"Jim can be reached at: {placeholder} Older articles by Jim."
    [found] = lint(NL203, body=body)
    assert (found.field, found.start, found.end) == ("body", 23, 23 + len(placeholder))
    assert found.fix is None
    assert "address is lost" in found.message


def test_nl203_reads_the_byline_and_caption() -> None:
    found = lint(NL203, byline="Jane Doe [email protected]", caption="Photo: [email protected]")
    assert sorted(d.field or "" for d in found) == ["byline", "caption"]


@pytest.mark.parametrize(
    "body",
    [
        "Write to jane.doe@example.org with tips.",
        "Your email is protected by encryption.",
        "Keep your [email] protected, experts say.",
        "The form has an [email] field and a protected [password] field.",
        "IDOLM@STER fans wrote to [email address removed].",
    ],
)
def test_nl203_leaves_addresses_and_prose(body: str) -> None:
    assert lint(NL203, body=body) == []
