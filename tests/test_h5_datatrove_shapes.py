"""``NewslintFilter`` and ``NewslintFormatter`` in datatrove's own shapes (``BaseFilter``,
``BaseFormatter``), run in a real ``LocalPipelineExecutor`` on small corpora written here."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("datatrove")
# datatrove's filters package needs its "processing" dependency (regex) to import.
pytest.importorskip("datatrove.pipeline.filters.base_filter")

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.filters.base_filter import BaseFilter
from datatrove.pipeline.formatters.base import BaseFormatter
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

import newslint
from newslint.datatrove import NewslintFilter, NewslintFormatter, document_diagnostics
from tests.test_api import write_jsonl

pytestmark = pytest.mark.integration

CLEAN = "Prices fell in June.  Analysts expect the bank to hold rates in July."
MOJIBAKE = "Prices fell in June when the caf\u00c3\u00a9 on Main Street closed."
TRAILING = "Prices fell in June.   \nAnalysts expect more cuts."
PROMO = "Prices fell in June.\n\nFollow us on Twitter @citydesk\n\nAnalysts expect more cuts."
TRUNCATED = "Prices fell in June after the bank had agreed on the"

ROWS = {
    "clean": {"title": "Prices fall", "body": CLEAN},
    "mojibake": {"title": "Prices fall", "body": MOJIBAKE},
    "trailing": {"title": "Prices fall", "body": TRAILING},
    "promo": {"title": "Prices fall", "body": PROMO},
    "truncated": {"title": "Prices fall", "body": TRUNCATED},
    "untitled": {"title": "", "body": CLEAN},
}


def _records() -> list[dict[str, Any]]:
    return [{"id": key, "url": f"https://example.com/{key}", **row} for key, row in ROWS.items()]


def _run(tmp_path: Path, *steps: Any) -> dict[str, Any]:
    """Run reader -> steps -> JsonlWriter; return the kept and excluded documents and stats."""
    source = tmp_path / "in"
    source.mkdir()
    write_jsonl(source / "corpus.jsonl", _records())
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(source), text_key="body"),
            *steps,
            JsonlWriter(str(tmp_path / "out"), compression=None),
        ],
        tasks=1,
        workers=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()

    def read(folder: Path) -> dict[str, dict[str, Any]]:
        lines = [
            json.loads(line)
            for f in sorted(folder.glob("*.jsonl"))
            for line in f.read_text("utf-8").splitlines()
        ]
        return {line["id"]: line for line in lines}

    stats = json.loads((tmp_path / "logs" / "stats.json").read_text("utf-8"))
    counts = {  # by step name, without datatrove's "TYPE: " prefix
        s["name"].split(": ", 1)[-1]: {
            k: v["total"] if isinstance(v, dict) else v for k, v in s["stats"].items()
        }
        for s in stats
    }
    return {"kept": read(tmp_path / "out"), "excluded": read(tmp_path / "excluded"), **counts}


def test_the_classes_have_datatrove_shapes_and_labels() -> None:
    assert issubclass(NewslintFilter, BaseFilter) and NewslintFilter.type == "🔻 - FILTER"
    assert issubclass(NewslintFormatter, BaseFormatter) and NewslintFormatter.type == "✂️ - FORMAT"
    metadata = {"title": "Prices fall", "url": "https://example.com/clean"}
    assert NewslintFilter().filter(Document(text=CLEAN, id="c", metadata=metadata)) is True
    assert NewslintFormatter().format(CLEAN) == CLEAN


def test_formatter_applies_safe_fixes_to_the_text_only(tmp_path: Path) -> None:
    result = _run(tmp_path, NewslintFormatter())
    kept = result["kept"]
    assert set(kept) == set(ROWS)
    assert kept["mojibake"]["text"] == newslint.fix_text(MOJIBAKE) != MOJIBAKE
    assert "café" in kept["mojibake"]["text"]
    assert kept["trailing"]["text"] == "Prices fell in June.\nAnalysts expect more cuts."
    # Clean text, and problems whose fixes are unsafe or absent, are left as they are.
    for key in ("clean", "promo", "truncated", "untitled"):
        assert kept[key]["text"] == ROWS[key]["body"], key
    # The formatter writes no metadata; the document's own is kept.
    assert kept["clean"]["metadata"]["title"] == "Prices fall"
    assert "newslint" not in kept["clean"]["metadata"]
    stats = result["📰 newslint fix"]
    assert stats["total"] == len(ROWS)
    assert stats["changed"] == 2
    assert stats["fixed_NL301"] == 1 and stats["fixed_NL501"] >= 1
    assert stats["fixed"] == sum(v for k, v in stats.items() if k.startswith("fixed_"))


def test_formatter_applies_unsafe_fixes_when_asked() -> None:
    formatter = NewslintFormatter(unsafe=True)
    assert formatter.format(PROMO) == newslint.fix_text(PROMO, unsafe=True)
    assert "Twitter" not in formatter.format(PROMO)
    assert formatter.format(CLEAN) == CLEAN


def test_filter_drops_documents_with_problems_to_the_exclusion_writer(tmp_path: Path) -> None:
    excluded = JsonlWriter(str(tmp_path / "excluded"), compression=None)
    result = _run(tmp_path, NewslintFormatter(), NewslintFilter(exclusion_writer=excluded))
    kept, dropped = result["kept"], result["excluded"]
    assert set(kept) == {"clean", "mojibake", "trailing"}  # fixed first, so clean now
    assert set(dropped) == {"promo", "truncated", "untitled"}
    assert dropped["promo"]["metadata"]["filter_reason"] == "NL402"
    assert dropped["truncated"]["metadata"]["filter_reason"] == "NL604"
    assert dropped["untitled"]["metadata"]["filter_reason"] == "NL006"
    for key, line in {**kept, **dropped}.items():
        document = Document(text=line["text"], id=key, metadata=line["metadata"])
        record = {**{k: v for k, v in line["metadata"].items() if k != "file_path"}}
        record.pop("newslint"), record.pop("filter_reason", None)
        expected = newslint.lint_record({**record, "body": line["text"]})
        assert document_diagnostics(document) == expected, key
    assert kept["clean"]["metadata"]["newslint"] == "[]"
    stats = result["📰 newslint filter"]
    assert stats["total"] == 6 and stats["forwarded"] == 3 and stats["dropped"] == 3
    assert stats["dropped_NL402"] == stats["dropped_NL604"] == stats["dropped_NL006"] == 1
    assert stats["NL402"] == stats["NL604"] == stats["NL006"] == 1
    assert stats["with_problems"] == 3


def test_filter_chooses_by_code_and_severity() -> None:
    documents = {
        key: Document(text=row["body"], id=key, metadata={"url": "https://e.com/a", **row})
        for key, row in ROWS.items()
    }

    def kept(step: NewslintFilter) -> set[str]:
        return {key for key, doc in documents.items() if step.filter(doc) is True}

    assert kept(NewslintFilter()) == {"clean"}
    assert kept(NewslintFilter(drop=["NL6"])) == set(ROWS) - {"truncated"}
    assert kept(NewslintFilter(drop=["NL3", "NL5"])) == set(ROWS) - {"mojibake", "trailing"}
    # NL006 (a blank title) is an error; the others are warnings.
    assert kept(NewslintFilter(severity="error")) == set(ROWS) - {"untitled"}
    assert kept(NewslintFilter(severity="warning")) == {"clean"}
    # drop=False keeps everything and annotates it.
    annotate = NewslintFilter(drop=False)
    assert kept(annotate) == set(ROWS)
    assert [d.code for d in document_diagnostics(documents["truncated"])] == ["NL604"]
    assert document_diagnostics(documents["clean"]) == []
    assert NewslintFilter(drop=["NL3"]).filter(documents["mojibake"]) == (False, "NL301")


def test_filter_in_batches(tmp_path: Path) -> None:
    result = _run(tmp_path, NewslintFilter(batch_size=4))
    assert set(result["kept"]) == {"clean"}
    stats = result["📰 newslint filter"]
    assert stats["batches"] == 2 and stats["dropped"] == 5


def test_bad_options_are_one_line_errors() -> None:
    with pytest.raises(newslint.ConfigError, match="NewslintFilter: drop:"):
        NewslintFilter(drop=["NL999x"])
    with pytest.raises(newslint.ConfigError, match="NewslintFilter: severity: 'fatal'"):
        NewslintFilter(severity="fatal")


def test_steps_pickle_for_datatrove_workers() -> None:
    step = NewslintFilter(newslint.Settings(select=["NL3"]), drop=["NL301"], severity="error")
    copy = pickle.loads(pickle.dumps(step))
    assert copy.drop_codes == step.drop_codes and copy.severity == step.severity
    formatter = pickle.loads(pickle.dumps(NewslintFormatter(unsafe=True)))
    assert formatter.format(PROMO) == newslint.fix_text(PROMO, unsafe=True)
