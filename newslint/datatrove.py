"""datatrove integration (``pip install 'newslint[datatrove]'``): a newslint pipeline step.

``NewslintStep`` checks (and with ``fix=True`` fixes) each ``Document`` as the record
``{text_field: doc.text, **doc.metadata}`` through ``newslint.lint_record`` /
``fix_record``, so the results are the library's, which are the CLI's.  It counts every
rule's problems in datatrove's stats, stores the diagnostics in ``doc.metadata["newslint"]``
and, with ``drop``, removes the documents whose problems remain (after fixing), writing
them to an ``exclusion_writer`` if one is given, as datatrove's filters do.

``record_adapter`` is a writer adapter that writes documents back in the record's shape::

    JsonlWriter("out/", adapter=record_adapter, compression=None)

Rules that learn from the corpus (NL408) need two pipelines, as datatrove's deduplication
has a signature step before its filter: ``NewslintLearnStep(folder)`` writes each task's
statistics to ``folder``, and ``NewslintStep(settings, statistics_folder=folder)`` merges
them all before it checks a document.
"""

from __future__ import annotations

import contextlib
import pickle
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

try:
    from datatrove.data import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
        Document,
        DocumentsPipeline,
    )
    from datatrove.io import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
        DataFolderLike,
        get_datafolder,
    )
    from datatrove.pipeline.base import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
        PipelineStep,
    )
    from datatrove.pipeline.writers.disk_base import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
        DiskWriter,
    )
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        f"newslint.datatrove needs datatrove: pip install 'newslint[datatrove]' ({exc})"
    ) from None

from newslint.config import ConfigError, Configuration
from newslint.diagnostics import Diagnostic
from newslint.records import as_dicts
from newslint.registry import all_rules
from newslint.run import Run
from newslint.selection import SelectionError, select_rules
from newslint.statistics import CorpusStatistics

__all__ = ["NewslintLearnStep", "NewslintStep", "document_to_record", "record_adapter"]

STATISTICS_SUFFIX = ".newslint-statistics"
"""A task's part of the corpus statistics, in ``NewslintLearnStep``'s output folder."""

READER_KEYS = ("file_path",)
"""Metadata that datatrove's readers add: not part of the article."""


def document_to_record(
    document: Document, text_field: str = "body", metadata_key: str = "newslint"
) -> dict[str, Any]:
    """The article a document holds: its text as ``text_field``, its metadata as the other
    fields (without the reader's ``file_path`` and the step's ``metadata_key``)."""
    record: dict[str, Any] = {
        key: value
        for key, value in document.metadata.items()
        if key not in READER_KEYS and key != metadata_key
    }
    record[text_field] = document.text
    return record


def record_adapter(writer: DiskWriter, document: Document) -> dict[str, Any]:
    """A writer ``adapter``: the document as its record, with ``id`` and the diagnostics.

    The text goes back under ``body``; use ``functools.partial(document_to_record, ...)``
    in an adapter of your own for another field name.
    """
    record = {"id": document.id, **document_to_record(document, metadata_key="")}
    for key in READER_KEYS:
        record.pop(key, None)
    return record


def _codes(selectors: Sequence[str]) -> frozenset[str]:
    try:
        return frozenset(rule.code for rule in select_rules(all_rules(), select=list(selectors)))
    except SelectionError as exc:
        raise ConfigError(f"NewslintStep: drop: {exc}") from None


class NewslintStep(PipelineStep):  # type: ignore[misc,unused-ignore]
    """Check (and fix) each document's text and metadata with newslint.

    - ``settings``: ``newslint.Settings`` (rule selection, options); default settings if None.
    - ``fix``/``unsafe``: apply safe (and unsafe) fixes to ``doc.text`` and ``doc.metadata``.
    - ``drop``: remove documents whose problems remain after fixing: True for any problem,
      or rule selectors (``["NL0", "NL302"]``) for those rules only.  Dropped documents go
      to ``exclusion_writer`` with ``metadata["filter_reason"]`` naming the rules.
    - ``text_field``: the article field the document's text is (``body``).
    - ``metadata_key``: where the diagnostics go (``Diagnostic.as_dict()`` list); None for nowhere.

    Stats: ``NLxxx`` counts each rule's problems (remaining ones when fixing),
    ``fixed_NLxxx`` the fixes applied, plus ``problems``, ``fixed``, ``with_problems``,
    and, as datatrove's filters, ``total``, ``forwarded``, ``dropped`` and ``dropped_NLxxx``.
    """

    name = "📰 newslint"
    type = "🔻 - FILTER"

    def __init__(
        self,
        settings: Run | Configuration | None = None,
        *,
        fix: bool = False,
        unsafe: bool | None = None,
        drop: bool | Sequence[str] = False,
        exclusion_writer: DiskWriter | None = None,
        text_field: str = "body",
        metadata_key: str | None = "newslint",
        statistics_folder: DataFolderLike | None = None,
    ) -> None:
        super().__init__()
        self.settings = Run.of(settings)
        self.statistics_folder = statistics_folder
        """Where ``NewslintLearnStep`` wrote the corpus statistics (read on the first run)."""
        self.fix = fix
        self.unsafe = unsafe
        self.drop_codes: frozenset[str] | None = (
            None if drop is False else _codes(["ALL"] if drop is True else list(drop))
        )
        self.exclusion_writer = exclusion_writer
        self.text_field = text_field
        self.metadata_key = metadata_key

    def check(self, document: Document) -> tuple[Diagnostic, ...]:
        """Check (and fix, in place) one document; return the problems that remain."""
        record = document_to_record(document, self.text_field, self.metadata_key or "")
        if not self.fix:
            remaining = tuple(self.settings.lint_record(record, drop_missing=True))
        else:
            result = self.settings.fix_record(record, self.unsafe, drop_missing=True)
            remaining = result.remaining
            if result.changed:
                document.text = result.record[self.text_field]
                for key, value in result.record.items():
                    if key != self.text_field:
                        document.metadata[key] = value
            for code, count in Counter(d.code for d in result.fixed).items():
                self.stat_update(f"fixed_{code}", value=count)
            if result.fixed:
                self.stat_update("fixed", value=len(result.fixed))
        for code, count in Counter(d.code for d in remaining).items():
            self.stat_update(code, value=count)
        if remaining:
            self.stat_update("problems", value=len(remaining))
            self.stat_update("with_problems")
        if self.metadata_key is not None:
            document.metadata[self.metadata_key] = as_dicts(remaining)
        return remaining

    def run(
        self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1
    ) -> Iterator[Document]:
        if self.statistics_folder is not None and self.settings.needs_corpus_pass:
            self.settings = self.settings.with_statistics(read_statistics(self.statistics_folder))
        writer = self.exclusion_writer if self.exclusion_writer else contextlib.nullcontext()
        with writer as excluded:
            for document in data or ():
                self.stat_update("total")
                with self.track_time():
                    remaining = self.check(document)
                reasons = sorted(
                    {d.code for d in remaining}
                    & (self.drop_codes if self.drop_codes is not None else frozenset())
                )
                if not reasons:
                    self.stat_update("forwarded")
                    self.update_doc_stats(document)
                    yield document
                    continue
                self.stat_update("dropped")
                for code in reasons:
                    self.stat_update(f"dropped_{code}")
                if excluded is not None:
                    document.metadata["filter_reason"] = ",".join(reasons)
                    excluded.write(document, rank)


class NewslintLearnStep(PipelineStep):  # type: ignore[misc,unused-ignore]
    """The corpus pass: observe each document for the statistics the settings' rules learn
    (NL408's site lines), pass it on unchanged, and write this task's part to
    ``output_folder`` (``{rank:05d}.newslint-statistics``) for ``NewslintStep`` to merge.

    Stats: ``learned``, the documents observed.
    """

    name = "📰 newslint learn"
    type = "📊 - STATS"

    def __init__(
        self,
        output_folder: DataFolderLike,
        settings: Run | Configuration | None = None,
        *,
        text_field: str = "body",
        metadata_key: str | None = "newslint",
    ) -> None:
        super().__init__()
        self.settings = Run.of(settings)
        self.output_folder = output_folder
        self.text_field = text_field
        self.metadata_key = metadata_key

    def run(
        self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1
    ) -> Iterator[Document]:
        kinds = self.settings.corpus_statistics
        learned = CorpusStatistics(kinds)
        for document in data or ():
            record = document_to_record(document, self.text_field, self.metadata_key or "")
            with self.track_time():
                learned.merge(self.settings.learn_records([record], kinds, drop_missing=True))
            self.stat_update("learned")
            yield document
        folder = get_datafolder(self.output_folder)
        with folder.open(f"{rank:05d}{STATISTICS_SUFFIX}", "wb") as handle:
            handle.write(pickle.dumps(learned))


def read_statistics(folder: DataFolderLike) -> CorpusStatistics:
    """Every task's part of the statistics in ``folder``, merged (any order gives the same).

    The parts are unpickled by the cache's restricted unpickler: newslint's statistics and
    plain data, nothing that could run code.
    """
    from newslint.cache import trusted_loads

    found = get_datafolder(folder)
    parts = sorted(found.list_files(glob_pattern=f"*{STATISTICS_SUFFIX}"))
    if not parts:
        raise ConfigError(f"no {STATISTICS_SUFFIX} files in {folder}: run NewslintLearnStep first")
    merged = CorpusStatistics()
    for name in parts:
        with found.open(name, "rb") as handle:
            part = trusted_loads(handle.read())
        if not isinstance(part, CorpusStatistics):
            raise ConfigError(f"{name} in {folder}: not newslint statistics")
        merged.merge(part)
    return merged
