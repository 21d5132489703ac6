"""What a run tells every stage: how to read the dataset, and what the corpus pass learned.

``ReadOptions`` come from the configuration and travel with the run to every worker;
``RunContext`` adds the corpus statistics of a run made of passes.  Each ``Article``
points at its run's context, so a rule reads settings and statistics from one typed
object, never from reader-private state.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from newslint.statistics import CorpusStatistics

RECORD_SETTINGS_FIELD = "newslint"
"""A record may carry ``"newslint": {"ignore": ["NL101", "split-url"]}``: suppression without
touching the text (JSON has no comments)."""


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read a dataset that is not in newslint's own shape."""

    field_map: Mapping[str, str] = field(default_factory=dict)
    """Dataset field name -> schema field name (``{"text": "body"}``); JSON formats only."""
    schema_file: str | None = None
    """A user's JSON Schema in place of the built-in one."""
    record_settings: str = RECORD_SETTINGS_FIELD
    """The record field that may hold per-record settings (``{"ignore": [...]}``)."""
    site_key: str = "domain"
    """What makes two articles pages of one site (``newslint.sites.site_of``): the url's
    registered ``domain``, its ``host``, ``field:NAME`` or ``path:N`` (host + N segments)."""


DEFAULT_READ_OPTIONS = ReadOptions()


@dataclass(frozen=True, slots=True)
class RunContext:
    """The run as rules and readers see it: read options and corpus statistics.

    Picklable and compared by value: it is part of the cache key and it travels to
    worker processes with the rules.
    """

    read: ReadOptions = DEFAULT_READ_OPTIONS
    statistics: CorpusStatistics = field(default_factory=CorpusStatistics)
    """What the corpus pass learned (empty for a single-pass run)."""


DEFAULT_CONTEXT = RunContext()
