"""Safe fixes on real extractor output never move it away from the hand-cleaned text.

For every record of every extraction tool in ../shared/corpora/extraction-benchmark-dev,
the body after ``--fix`` (safe fixes only) must be at least as similar to the ground
truth as before.  Similarity is the F1 of the two bodies' word multisets: cheap, and
it rewards exactly what safe fixes do (unbolding, unescaping, joining split words).
Skipped when ../shared is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newslint.fixer import fix_document
from newslint.readers import parse_document
from newslint.readers.json_reader import JSONL_READER
from newslint.registry import all_rules
from newslint.selection import select_rules
from tests.rulekit import CORPORA, similarity

BENCHMARK = CORPORA / "extraction-benchmark-dev"
EXTRACTORS = sorted((BENCHMARK / "extractors").glob("*.jsonl")) if BENCHMARK.is_dir() else []


@pytest.fixture(scope="module")
def ground_truth() -> dict[str, str]:
    lines = (BENCHMARK / "ground-truth.jsonl").read_text(encoding="utf-8").splitlines()
    return {record["id"]: record["body"] for record in map(json.loads, lines)}


@pytest.mark.skipif(not EXTRACTORS, reason=f"benchmark corpus not available at {BENCHMARK}")
@pytest.mark.parametrize("extractor", EXTRACTORS, ids=[path.stem for path in EXTRACTORS])
def test_safe_fixes_never_reduce_similarity_to_ground_truth(
    extractor: Path, ground_truth: dict[str, str]
) -> None:
    text = extractor.read_text(encoding="utf-8")
    document = parse_document(str(extractor), JSONL_READER, text, bom=False)
    outcome = fix_document(document, JSONL_READER, select_rules(all_rules()))
    assert outcome.refused is None and not outcome.unsettled
    worse = []
    for before, after in zip(document.articles, outcome.document.articles, strict=True):
        reference = ground_truth[before.values["id"]]
        old, new = before.body or "", after.body or ""
        if old != new and similarity(new, reference) < similarity(old, reference) - 1e-12:
            worse.append(
                (
                    before.record,
                    round(similarity(old, reference), 4),
                    round(similarity(new, reference), 4),
                )
            )
    assert worse == []
