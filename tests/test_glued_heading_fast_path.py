"""NL109's scan tries _GLUED only where a run of capitals starts before a seam: the same
matches as trying every position (the reference below is the code it replaced, verbatim)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.rules import nl109_glued_heading as nl109

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def reference(text: str) -> Iterator[tuple[int, int, int]]:
    if nl109._FOUR_CAPITALS.search(text) is None:
        return
    for match in nl109._GLUED.finditer(text):
        if nl109._after_caps_word(text, match.start()):
            yield match.start(), match.end(1), match.end()


PIECES = st.sampled_from(
    [
        "HEARINGS",
        "IMPEACHMENT",
        "A",
        "KOALA",
        "At",
        "In",
        "Sondland",
        "has",
        "the",
        " ",
        "\n",
        "\n\n",
        "CNN",
        "TVGuide",
        "É",
        "ÉTÉ",
        "Été",
        "ПРАВДА",
        "Он",
        "сказал",
        "x",
        "@",
        "-",
        ".",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES, max_size=30), st.text(max_size=20))
def test_generated_text(pieces: list[str], noise: str) -> None:
    for text in ("".join(pieces), "".join(pieces) + noise, noise + "".join(pieces)):
        assert list(nl109.glued_headings(text)) == list(reference(text))


def test_long_runs_of_capitals() -> None:
    for caps in (3, 39, 40, 41, 42, 60, 200):
        text = "SOME " + "Q" * caps + "Then it rained."
        assert list(nl109.glued_headings(text)) == list(reference(text))
    assert list(nl109.glued_headings("IMPEACHMENT HEARINGSondland has")) != []


@pytest.mark.skipif(not CORPORA.is_dir(), reason="the shared corpora are not here")
def test_the_shared_corpora() -> None:
    found = 0
    for path in sorted(CORPORA.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            body = json.loads(line).get("body")
            if isinstance(body, str):
                fast = list(nl109.glued_headings(body))
                assert fast == list(reference(body)), path
                found += len(fast)
    assert found > 10
