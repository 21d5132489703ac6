"""datatrove integration (``pip install 'newslint[datatrove]'``): newslint as pipeline steps.

``NewslintStep`` checks (and with ``fix=True`` fixes) each ``Document`` as the record
``{text_field: doc.text, **doc.metadata}`` through ``newslint.lint_record`` /
``fix_record``, so the results are the library's, which are the CLI's.  It counts every
rule's problems in datatrove's stats, stores the diagnostics in ``doc.metadata["newslint"]``
and, with ``drop``, removes the documents whose problems remain (after fixing), writing
them to an ``exclusion_writer`` if one is given, as datatrove's filters do.

The diagnostics are stored as one JSON text (a list of ``Diagnostic.as_dict()``), not as
a Python list: datatrove's ``ParquetWriter`` infers its schema from the first document
and each batch, and a list's Arrow type depends on its contents (an empty list, a
diagnostic without a fix), so batches disagreed and the writer failed.  A string has
one Arrow type everywhere; ``document_diagnostics(doc)`` reads the diagnostics back.

``NewslintFilter`` is the same check in datatrove's ``BaseFilter`` shape (a FILTER that
keeps or drops each document, with ``exclusion_writer`` and ``batch_size``), and
``NewslintFormatter`` applies the fixes to ``doc.text`` in the ``BaseFormatter`` shape
(a FORMAT step: text in, text out).

``record_adapter`` is a writer adapter that writes documents back in the record's shape::

    JsonlWriter("out/", adapter=record_adapter, compression=None)

Rules that learn from the corpus (NL408) need two pipelines, as datatrove's deduplication
has a signature step before its filter: ``NewslintLearnStep(folder)`` writes each task's
statistics to ``folder``, and ``NewslintStep(settings, statistics_folder=folder)`` merges
them all before it checks a document.
"""

from __future__ import annotations

import contextlib
import json
import pickle
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from newslint import pickled_by_name

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
from newslint.diagnostics import Diagnostic, Severity
from newslint.records import RecordError, as_dicts
from newslint.registry import all_rules
from newslint.run import Run
from newslint.selection import SelectionError, named_codes
from newslint.statistics import CorpusStatistics

# datatrove's filters and formatters packages import all of datatrove's own filters, which
# need its "processing" dependencies (``regex``): without them, only those two classes fail.
_SHAPES_ERROR: str | None = None
try:
    from datatrove.pipeline.filters.base_filter import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
        BaseFilter,
    )
    from datatrove.pipeline.formatters.base import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
        BaseFormatter,
    )
except ImportError as exc:  # pragma: no cover - exercised only without datatrove's extra
    _SHAPES_ERROR = (
        "newslint.datatrove's NewslintFilter and NewslintFormatter need datatrove's filters, "
        f"which need regex: pip install regex ({exc})"
    )
    BaseFilter = BaseFormatter = PipelineStep  # placeholders: the classes are removed below

__all__ = [
    "NewslintFilter",
    "NewslintFormatter",
    "NewslintLearnStep",
    "NewslintStep",
    "document_diagnostics",
    "document_to_record",
    "encode_diagnostics",
    "record_adapter",
]

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
    in an adapter of your own for another field name.  For a ``JsonlWriter`` the
    diagnostics (``metadata["newslint"]``) are written as the JSON list they are, as the
    CLI's reports write them; other writers (Parquet) get the JSON text, whose column
    type does not depend on the diagnostics.
    """
    from datatrove.pipeline.writers.jsonl import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
        JsonlWriter,
    )

    record = {"id": document.id, **document_to_record(document, metadata_key="")}
    for key in READER_KEYS:
        record.pop(key, None)
    value = record.get("newslint")
    if isinstance(value, str) and isinstance(writer, JsonlWriter):
        with contextlib.suppress(ValueError):
            record["newslint"] = json.loads(value)
    return record


def encode_diagnostics(diagnostics: Sequence[Diagnostic]) -> str:
    """The metadata value for ``diagnostics``: a JSON list of ``Diagnostic.as_dict()``.

    A string, so that its Arrow type is the same whatever the diagnostics are."""
    return json.dumps(as_dicts(diagnostics), ensure_ascii=False, separators=(",", ":"))


def document_diagnostics(document: Document, metadata_key: str = "newslint") -> list[Diagnostic]:
    """The diagnostics a newslint step stored in ``document.metadata[metadata_key]``
    (none if the key is absent).  Raises ``RecordError`` naming the document if the value
    is not what a newslint step writes."""
    value = document.metadata.get(metadata_key)
    if value is None:
        return []
    try:
        items = json.loads(value) if isinstance(value, str) else value
        return [Diagnostic.from_dict(item) for item in items]
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise RecordError(
            f"document {document.id}: metadata[{metadata_key!r}] is not newslint's "
            f"diagnostics ({type(exc).__name__}: {exc})"
        ) from None


def _codes(selectors: Sequence[str], where: str) -> frozenset[str]:
    try:
        # Every rule the selectors name, those off by default too: a problem of one that the
        # settings turn on drops the document as well.
        return frozenset(named_codes(all_rules(), list(selectors)))
    except SelectionError as exc:
        raise ConfigError(f"{where}: drop: {exc}") from None


def _drop_codes(drop: bool | Sequence[str], where: str) -> frozenset[str] | None:
    """The codes whose remaining problems drop a document (None: drop nothing)."""
    if drop is False:
        return None
    return _codes(["ALL"] if drop is True else list(drop), where)


_SEVERITIES = {severity.value: rank for rank, severity in enumerate(reversed(Severity))}
"""Severity name -> rank (``warning`` 0, ``error`` 1): a threshold drops that rank and up."""


class _Checking(PipelineStep):  # type: ignore[misc,unused-ignore]
    """What the newslint steps share: the settings, the statistics of rules that learn
    from the corpus (read once per task), and the check of one document."""

    settings: Run
    statistics_folder: DataFolderLike | None
    fix: bool
    unsafe: bool | None
    text_field: str
    metadata_key: str | None

    def _configure(
        self,
        settings: Run | Configuration | None,
        *,
        fix: bool,
        unsafe: bool | None,
        text_field: str,
        metadata_key: str | None,
        statistics_folder: DataFolderLike | None,
    ) -> None:
        self.settings = Run.of(settings)
        self.statistics_folder = statistics_folder
        """Where ``NewslintLearnStep`` wrote the corpus statistics (read on the first run)."""
        self.fix = fix
        self.unsafe = unsafe
        self.text_field = text_field
        self.metadata_key = metadata_key

    def _ready(self) -> None:
        """Merge the learned statistics into the settings, once, if the rules need them."""
        if self.statistics_folder is not None and self.settings.needs_corpus_pass:
            self.settings = self.settings.with_statistics(read_statistics(self.statistics_folder))

    def check(self, document: Document) -> tuple[Diagnostic, ...]:
        """Check (and fix, in place) one document; return the problems that remain."""
        record = document_to_record(document, self.text_field, self.metadata_key or "")
        try:
            result = (
                self.settings.fix_record(record, self.unsafe, drop_missing=True)
                if self.fix
                else None
            )
            remaining = (
                result.remaining
                if result is not None
                else tuple(self.settings.lint_record(record, drop_missing=True))
            )
        except RecordError as exc:  # a value JSON cannot hold: name the document
            where = document.metadata.get("file_path")
            raise RecordError(
                f"document {document.id}{f' ({where})' if where else ''}: {exc}"
            ) from None
        if result is not None:
            if result.changed:
                document.text = result.record[self.text_field]
                for key, value in result.record.items():
                    if key != self.text_field:
                        document.metadata[key] = value
            self._count_fixes(result.fixed)
        for code, count in Counter(d.code for d in remaining).items():
            self.stat_update(code, value=count)
        if remaining:
            self.stat_update("problems", value=len(remaining))
            self.stat_update("with_problems")
        if self.metadata_key is not None:
            document.metadata[self.metadata_key] = encode_diagnostics(remaining)
        return remaining

    def _count_fixes(self, fixed: Sequence[Diagnostic]) -> None:
        for code, count in Counter(d.code for d in fixed).items():
            self.stat_update(f"fixed_{code}", value=count)
        if fixed:
            self.stat_update("fixed", value=len(fixed))


class NewslintStep(_Checking):
    """Check (and fix) each document's text and metadata with newslint.

    - ``settings``: ``newslint.Settings`` (rule selection, options); default settings if None.
    - ``fix``/``unsafe``: apply safe (and unsafe) fixes to ``doc.text`` and ``doc.metadata``.
    - ``drop``: remove documents whose problems remain after fixing: True for any problem,
      or rule selectors (``["NL0", "NL302"]``) for those rules only.  Dropped documents go
      to ``exclusion_writer`` with ``metadata["filter_reason"]`` naming the rules.
    - ``text_field``: the article field the document's text is (``body``).
    - ``metadata_key``: where the diagnostics go (``encode_diagnostics``' JSON text, read
      back with ``document_diagnostics``); None for nowhere.

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
        self._configure(
            settings,
            fix=fix,
            unsafe=unsafe,
            text_field=text_field,
            metadata_key=metadata_key,
            statistics_folder=statistics_folder,
        )
        self.drop_codes = _drop_codes(drop, "NewslintStep")
        self.exclusion_writer = exclusion_writer

    def run(
        self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1
    ) -> Iterator[Document]:
        self._ready()
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


def __getattr__(name: str) -> Any:
    """``NewslintFilter``/``NewslintFormatter`` without datatrove's filters: a clear error."""
    if name in ("NewslintFilter", "NewslintFormatter") and _SHAPES_ERROR is not None:
        raise ImportError(_SHAPES_ERROR)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class NewslintFilter(_Checking, BaseFilter):  # type: ignore[misc,unused-ignore]
    """A datatrove FILTER: keep the documents without problems, drop the others.

    - ``drop``: the problems that drop a document: True (any), rule selectors
      (``["NL0", "NL3"]``), or False to keep every document and only annotate it.
    - ``severity``: ``"error"`` drops only for errors; ``"warning"`` (or None) for both.
    - ``exclusion_writer``: where dropped documents go, with ``metadata["filter_reason"]``
      naming the rules (``"NL302,NL604"``), as datatrove's filters do.
    - ``settings``, ``text_field``, ``metadata_key``, ``statistics_folder``: as ``NewslintStep``.

    It checks, never fixes: put ``NewslintFormatter`` (or ``NewslintStep(fix=True)``) first
    to drop only what fixing leaves.  Stats: ``NLxxx``, ``problems`` and ``with_problems``
    as ``NewslintStep``, and ``BaseFilter``'s ``total``, ``forwarded``, ``dropped`` and
    ``dropped_<reason>``.
    """

    name = "📰 newslint filter"

    def __init__(
        self,
        settings: Run | Configuration | None = None,
        *,
        drop: bool | Sequence[str] = True,
        severity: str | None = None,
        exclusion_writer: DiskWriter | None = None,
        batch_size: int = 1,
        text_field: str = "body",
        metadata_key: str | None = "newslint",
        statistics_folder: DataFolderLike | None = None,
    ) -> None:
        super().__init__(exclusion_writer=exclusion_writer, batch_size=batch_size)
        self._configure(
            settings,
            fix=False,
            unsafe=None,
            text_field=text_field,
            metadata_key=metadata_key,
            statistics_folder=statistics_folder,
        )
        self.drop_codes = _drop_codes(drop, "NewslintFilter")
        if severity is not None and severity not in _SEVERITIES:
            raise ConfigError(
                f"NewslintFilter: severity: {severity!r} is not one of {', '.join(_SEVERITIES)}"
            )
        self.severity = _SEVERITIES[severity] if severity is not None else 0

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        """Keep ``doc`` (True) or drop it (False, the codes of the problems that drop it)."""
        remaining = self.check(doc)
        if self.drop_codes is None:
            return True
        reasons = sorted(
            {
                d.code
                for d in remaining
                if d.code in self.drop_codes and _SEVERITIES[d.severity.value] >= self.severity
            }
        )
        return (False, ",".join(reasons)) if reasons else True

    def run(
        self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1
    ) -> Iterator[Document]:
        self._ready()
        yield from super().run(data, rank, world_size)


class NewslintFormatter(_Checking, BaseFormatter):  # type: ignore[misc,unused-ignore]
    """A datatrove FORMAT step: ``doc.text`` with newslint's safe fixes (unsafe ones too
    with ``unsafe=True``) applied, read as the article's ``text_field``.

    A formatter sees the text only, so the fixes are those of the text's own problems;
    ``NewslintStep(fix=True)`` fixes the document as a whole record (title, url, related).
    Stats: ``fixed_NLxxx`` per rule, ``fixed`` (fixes) and ``changed`` (documents), and
    ``BaseFormatter``'s ``total``.
    """

    name = "📰 newslint fix"

    def __init__(
        self,
        settings: Run | Configuration | None = None,
        *,
        unsafe: bool | None = None,
        text_field: str = "body",
        statistics_folder: DataFolderLike | None = None,
    ) -> None:
        super().__init__()
        self._configure(
            settings,
            fix=True,
            unsafe=unsafe,
            text_field=text_field,
            metadata_key=None,
            statistics_folder=statistics_folder,
        )

    def format(self, text: str) -> str:
        """``text`` with the fixes applied (unchanged if there is nothing to fix)."""
        result = self.settings.fix_record({self.text_field: text}, self.unsafe)
        self._count_fixes(result.fixed)
        if not result.changed:
            return text
        self.stat_update("changed")
        fixed: str = result.record[self.text_field]
        return fixed

    def run(
        self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1
    ) -> Iterator[Document]:
        self._ready()
        yield from super().run(data, rank, world_size)


if _SHAPES_ERROR is not None:  # pragma: no cover - exercised only without datatrove's extra
    del NewslintFilter, NewslintFormatter


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


pickled_by_name(__name__)  # pickles as its name (dill, HF datasets: see newslint/__init__.py)
