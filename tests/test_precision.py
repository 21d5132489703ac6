"""Precision: clean text that no artefact rule may flag.

Every rule outside the schema family runs over the samples in tests/data/negative/
(in the title, the caption and the body) and over the hand-cleaned text of the
extraction benchmark, when ../shared/corpora is present.
"""

from __future__ import annotations

import pytest

from newslint.engine import lint_article
from newslint.readers.json_reader import JSONL_READER
from tests.rulekit import GROUND_TRUTH, artefact_rules, article, negative_samples

NEGATIVE = negative_samples()
RULES = artefact_rules()

# Diagnostics that are real damage in the hand-cleaned text, as (record line, code), each
# checked by eye. Anything else reported there is a false positive.
GROUND_TRUTH_DAMAGE: set[tuple[int | None, str]] = {
    (16, "NL501"),  # "...that the air quality \n\n": a sentence cut off, with its trailing space
    (55, "NL306"),  # soft hyphens (U+00AD) left inside words of the hand-cleaned text
}


def test_negative_fixture_is_substantial() -> None:
    assert len(NEGATIVE) >= 40


@pytest.mark.parametrize("sample", NEGATIVE, ids=[f"neg{i:03d}" for i in range(len(NEGATIVE))])
def test_negative_sample_is_not_flagged(sample: str) -> None:
    found = lint_article(article(title=sample, caption=sample, body=sample), RULES)
    assert [(d.code, d.field, d.message) for d in found] == []


@pytest.mark.skipif(
    not GROUND_TRUTH.is_file(), reason=f"benchmark corpus not available at {GROUND_TRUTH}"
)
def test_ground_truth_corpus_is_clean() -> None:
    text = GROUND_TRUTH.read_text(encoding="utf-8")
    articles, errors = JSONL_READER.parse(str(GROUND_TRUTH), text)
    assert not errors
    assert len(articles) >= 50
    found = [
        (a.record, d.code, d.field, (a.text(d.field or "") or "")[d.start : d.end][:80])
        for a in articles
        for d in lint_article(a, RULES)
        if (a.record, d.code) not in GROUND_TRUTH_DAMAGE
    ]
    assert found == []
