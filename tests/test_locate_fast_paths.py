"""Locating problems fast gives the locations the plain way gives.

The engine's ``_place`` puts the problems of an article that sits on one line (a JSONL
record) on that line without a search per offset; it is compared here with
``FieldSpan.to_source`` and ``Document.position`` on generated JSONL, JSON and text files.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.context import DEFAULT_CONTEXT
from newslint.diagnostics import Diagnostic, Severity
from newslint.engine import _place
from newslint.readers import parse_document, reader_for

# Characters that escape differently: quotes, backslashes, controls, DEL, accents, CJK,
# astral characters (a surrogate pair with ensure_ascii), the separators, lone surrogates.
_CHARS = st.one_of(
    st.sampled_from('"\\/\n\r\t\b\f\x00\x1f\x7f zé中😀\u2028\u2029\ud800\udfff'),
    st.characters(),
)
TEXTS = st.text(_CHARS, max_size=60)


@st.composite
def _documents(draw: st.DrawFn) -> tuple[str, str]:
    """A JSONL file of a few records, a pretty-printed JSON file, or a text file (the seed's
    layout: its fields start where lines start), with bodies to flag."""
    bodies = draw(st.lists(TEXTS, min_size=1, max_size=3))
    ensure_ascii = draw(st.booleans())
    kind = draw(st.sampled_from(["jsonl", "json", "txt"]))
    if kind == "txt":
        words = st.text(st.sampled_from("ab é\n"), min_size=1, max_size=30)
        body = "\n\n".join(draw(st.lists(words, min_size=1, max_size=3)))
        blank = draw(st.sampled_from(["", "\n", "\n\n"]))  # the seed starts with two
        return (
            "a.txt",
            f"{blank}Title {draw(words)}\n\nBy A. Writer\n\nNovember 01, 2024\n\n{body}\n",
        )
    if kind == "jsonl":
        lines = [json.dumps({"title": "T", "body": b}, ensure_ascii=ensure_ascii) for b in bodies]
        return "a.jsonl", "\n".join(lines) + "\n"
    return "a.json", json.dumps({"title": "T\nU", "body": bodies[0]}, indent=2)


@settings(max_examples=400, deadline=None)
@given(_documents(), st.data())
def test_placed_problems_are_where_the_plain_way_puts_them(
    document_text: tuple[str, str], data: st.DataObject
) -> None:
    path, text = document_text
    document = parse_document(path, reader_for(path), text, False, DEFAULT_CONTEXT)
    for index, article in enumerate(document.articles):
        diagnostics = []
        for name in ("title", "byline", "published", "body"):
            value = article.values.get(name)
            if not isinstance(value, str) or name not in article.spans:
                continue
            for _ in range(data.draw(st.integers(0, 4))):
                start = data.draw(st.integers(0, len(value)))
                end = data.draw(st.integers(start, len(value)))
                diagnostics.append(
                    Diagnostic("NL999", "x", "m", Severity.WARNING, name, start, end)
                )
        diagnostics.append(Diagnostic("NL998", "y", "m", Severity.WARNING, None, 0, 0))
        _place(document, article, index, diagnostics)
        for diagnostic in diagnostics:
            span = article.spans.get(diagnostic.field) if diagnostic.field else None
            if span is None:
                start = end = article.start
            else:
                start = span.to_source(text, diagnostic.start)
                end = span.to_source(text, diagnostic.end)
            location = diagnostic.location
            assert location is not None
            expected = (*document.position(start), *document.position(end))
            assert (location.line, location.column, location.end_line, location.end_column) == (
                expected
            )


@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_a_jsonl_records_problems_are_on_its_line(ensure_ascii: bool) -> None:
    records = [{"title": "T", "body": 'Un café « là » "cité"\nsuite'}] * 3
    text = "".join(json.dumps(r, ensure_ascii=ensure_ascii) + "\n" for r in records)
    document = parse_document("a.jsonl", reader_for("a.jsonl"), text, False, DEFAULT_CONTEXT)
    article = document.articles[2]
    body = article.values["body"]
    found = Diagnostic("NL999", "x", "m", Severity.WARNING, "body", body.index("c"), len(body))
    _place(document, article, 2, [found])
    line = text.splitlines()[2]
    assert found.location is not None
    assert found.location.line == found.location.end_line == 3
    raw_end = line.rindex('"')  # the body's closing quote: its literal ends there
    assert found.location.end_column == raw_end + 1
    assert line[found.location.column - 1 :].startswith("caf")
