"""The schema checker on real articles: for every record of the shared corpora (and the same
record broken in the usual ways), its violations are jsonschema's, word for word.

The corpora are read where they lie (``/work/shared/corpora``); the test is skipped when they
are absent.  Nothing of their text enters the project.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newslint import schema
from newslint.readers.json_reader import JSONL_READER

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
FILES = (
    sorted(
        str(p.relative_to(CORPORA))
        for p in CORPORA.rglob("*")
        if p.is_file() and p.name.endswith((".jsonl", ".jsonl.gz"))
    )
    if CORPORA.is_dir()
    else []
)


def _articles(name: str) -> list[dict[str, Any]]:
    """The values of each article of a corpus file, as the JSONL reader gives them to rules."""
    path = CORPORA / name
    data = gzip.decompress(path.read_bytes()) if name.endswith(".gz") else path.read_bytes()
    articles, errors = JSONL_READER.parse(name, data.decode("utf-8"))
    assert not errors
    return [article.values for article in articles]


def _broken(values: dict[str, Any]) -> Iterator[object]:
    """The article, and the article broken as scrapers break them (one way, then many)."""
    yield values
    title, url, body = values.get("title"), values.get("url"), values.get("body")
    text = body if isinstance(body, str) else ""
    if isinstance(url, str) and len(url) > 12:
        middle = len(url) // 2
        yield {**values, "url": url[:middle] + " " + url[middle:]}  # a line wrap (the seed's)
        yield {**values, "url": url.split("://", 1)[-1]}  # no scheme
    for name in ("title", "url", "body"):
        yield {key: value for key, value in values.items() if key != name}
    yield {**values, "title": "", "body": "\n\n \n"}
    yield {**values, "published": text[:10], "byline": 7}  # a date that is text
    yield {**values, "published": "2024-02-30", "caption": ["Photo"]}
    yield {**values, "related": [title, None, text[:40], 3.5, {"a": 1}]}
    yield {**values, "body": [line for line in text.split("\n")[:3]], "title": 42.0}
    yield {"body": body, "extra": values}  # missing fields, and an object in an extra field


@pytest.mark.skipif(not FILES, reason=f"{CORPORA} is absent")
@pytest.mark.parametrize("name", FILES)
def test_checker_and_jsonschema_agree_on_every_corpus_record(name: str) -> None:
    validator = schema.validator()
    checker = schema.compile_checker(schema.load_schema())
    assert checker is not None
    checked = invalid = 0
    for values in _articles(name):
        for record in _broken(values):
            expected = schema.jsonschema_violations(record, validator)
            assert checker(record) == expected, (name, values.get("id"))
            assert schema.check(record) == expected, (name, values.get("id"))
            checked += 1
            invalid += bool(expected)
    assert checked and invalid  # (the corpus was read, and its broken records were caught)
