"""What a worker sends back and the cache stores: a pickled ``FileResult`` comes back equal."""

from __future__ import annotations

import io
import pickle

from newslint.cache import _SafeUnpickler
from newslint.diagnostics import (
    Applicability,
    Diagnostic,
    Edit,
    Fix,
    ListAppend,
    Location,
    ReadError,
    Severity,
    pack,
    unpack,
)
from newslint.runner import FileResult
from newslint.statistics import CorpusStatistics


def _diagnostics() -> list[Diagnostic]:
    fix = Fix(
        "delete it",
        Applicability.UNSAFE,
        (Edit("body", 3, 9, ""), Edit("title", 0, 1, "T")),
        (ListAppend("related", "Headline"),),
    )
    located = Diagnostic(
        "NL401",
        "related-article-promo",
        "promo in the body: 'Read more'",
        Severity.WARNING,
        "body",
        3,
        9,
        fix,
        "corpus/a.jsonl",
        12,
        Location(12, 40, 12, 46),
        4,
        ((Location(12, 40, 12, 46), ""),),
        "Read more",
        "id=7",
    )
    plain = Diagnostic("NL001", "missing-field", "no title", Severity.ERROR, None, 0, 0)
    safe = Diagnostic(
        "NL304",
        "html-entities",
        "entity &amp;",
        Severity.WARNING,
        "title",
        1,
        6,
        Fix("decode", Applicability.SAFE, (Edit("title", 1, 6, "&"),)),
        path="b.json",
        location=Location(1, 2, 1, 7),
    )
    return [located, plain, safe]


def test_packed_diagnostics_unpack_to_equal_ones() -> None:
    diagnostics = _diagnostics()
    assert unpack(pack(diagnostics)) == diagnostics
    assert unpack(pack([])) == []


def test_a_pickled_file_result_comes_back_equal_in_every_field() -> None:
    statistics = CorpusStatistics(())
    result = FileResult(
        "corpus/a.jsonl",
        _diagnostics(),
        [ReadError("corpus/a.jsonl", "invalid JSON", 3, 1)],
        ["a warning"],
        2,
        _diagnostics()[:1],
        "a diff",
        "source text",
        17,
        False,
        "digest",
        (10, 20, 30, 40),
        statistics,
        True,
    )
    for protocol in (2, pickle.HIGHEST_PROTOCOL):
        back = pickle.loads(pickle.dumps(result, protocol=protocol))
        assert back == result
        assert back.diagnostics[0].fix is not None
        assert back.diagnostics[0].fix.edits[1] == Edit("title", 0, 1, "T")


def test_the_cache_s_restricted_unpickler_loads_a_packed_result() -> None:
    result = FileResult("a.jsonl", _diagnostics(), articles=3)
    data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    assert _SafeUnpickler(io.BytesIO(data)).load() == result
