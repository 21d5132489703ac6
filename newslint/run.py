"""One newslint run: the only place that knows the order of the stages.

    configuration -> rules -> (corpus pass: readers -> statistics, merged)
                  -> check pass: readers -> engine -> fixer -> writer -> results, streamed

The CLI, the library API, ``newslint report``, Ray and datatrove all build a ``Run``
and ask it for results; none of them assembles settings, rules, options, discovery
or the scheduler itself.  A run may be made of passes: when a selected rule needs
corpus statistics (``Rule.statistics``), ``check_files`` first reads the whole
corpus to learn them (``learn``), merging each worker's part, then checks with
them in every article's context.  Statistics learned elsewhere (a Ray map-reduce,
a datatrove statistics step) enter through ``with_statistics``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from newslint import pickled_by_name
from newslint.config import ConfigError, Configuration, ConfigurationResolver, load_settings
from newslint.context import ReadOptions, RunContext
from newslint.diagnostics import Diagnostic, ReadError
from newslint.files import SKIPPED, discover
from newslint.jsonstr import JsonStyle
from newslint.readers import is_supported
from newslint.registry import all_rules
from newslint.rule import Rule
from newslint.runner import FileResult, Options, process_data
from newslint.statistics import CorpusStatistics, Statistic, final_warnings

if TYPE_CHECKING:
    from newslint.cache import Cache
    from newslint.chunks import Scans
    from newslint.records import FixResult
    from newslint.scheduler import Job, Profile, Progress, Scheduler

__all__ = ["ConfigError", "Run", "configured_rules"]


def configured_rules(settings: Configuration) -> tuple[Rule, ...]:
    """The rules ``settings`` select, with their options from ``[rules.NLxxx]``.

    Every rule's options are checked, selected or not: a typo in the options of a
    rule that is off today is still a ``ConfigError``.
    """
    configured: dict[str, Rule] = {}
    for rule in all_rules():
        try:
            configured[rule.code] = rule.configured(settings.options_for(rule.code))
        except ValueError as exc:
            where = settings.config_file.name if settings.config_file else "configuration"
            raise ConfigError(f"{where}: rules.{rule.code}: {exc}") from None
    return tuple(configured[rule.code] for rule in settings.rules(all_rules()))


def read_options(settings: Configuration) -> ReadOptions:
    """How to read the dataset, as the configuration describes it."""
    return ReadOptions(
        field_map=settings.field_map,
        schema_file=str(settings.schema_file) if settings.schema_file else None,
        record_settings=settings.record_settings,
        site_key=settings.site_key,
    )


def _profiles(configuration: Configuration, rules: Sequence[Rule]) -> CorpusStatistics:
    """What the configured profiles say (``site-profile``), for the rules that read it: a run
    with them makes no corpus pass.  Raises ``ConfigError`` for a profile it cannot use."""
    path = configuration.site_profile
    if path is None or not any(kind.name == "site-lines" for r in rules for kind in r.statistics):
        return CorpusStatistics()
    from newslint.sites import ProfileError, load_profile

    try:
        return CorpusStatistics.of(load_profile(path, configuration.site_key))
    except ProfileError as exc:
        raise ConfigError(str(exc)) from None


class Run:
    """A configured run: the configuration, the rules it selects, and what to do with them.

    ``Run(select=["NL1"], ignore=["NL101"])`` takes the configuration's keys as keywords
    (``extend_select`` or ``"extend-select"`` alike) and reads no configuration file;
    ``Run.load(path)`` reads one (``extend`` included); ``Run.configure`` finds one as
    the CLI does.  A bad key or value raises ``ConfigError`` with a one-line message.
    The library API calls this class ``Settings``: build one, use it for every record.
    A run pickles (configuration, rules and options), so it travels to worker processes,
    Ray tasks and datatrove steps.

    A run made by ``configure`` (the CLI's) resolves settings per file, as Ruff does: a file
    whose closest configuration file is another one is checked by that configuration's run
    (``run_for``), doing what this one does.  ``check_files`` groups the files by run: one
    pool, each job naming its run's rules, options and cache (``scheduler.Profile``).
    """

    __slots__ = ("_resolver", "_runs", "_schedulers", "configuration", "options", "rules")

    def __init__(self, **values: Any) -> None:
        overrides = {key.replace("_", "-"): value for key, value in values.items()}
        try:
            configuration = load_settings(None, isolated=True, overrides=overrides)
            made = Run.from_configuration(configuration)
        except ConfigError as exc:
            raise ConfigError(str(exc).replace("command line: --", "Settings: ", 1)) from None
        self._set(made.configuration, made.rules, made.options)

    def _set(
        self,
        configuration: Configuration,
        rules: tuple[Rule, ...],
        options: Options,
        resolver: ConfigurationResolver | None = None,
    ) -> None:
        self.configuration = configuration
        self.rules = rules
        self.options = options
        self._schedulers: list[Scheduler] = []
        self._resolver = resolver
        """Settings per file (``Run.configure`` without ``--config``/``--isolated``); None:
        this run's configuration applies to every file."""
        self._runs: dict[int, Run] = {}
        """The run of each other configuration that applies to some files (by its id)."""

    @classmethod
    def _make(
        cls,
        configuration: Configuration,
        rules: tuple[Rule, ...],
        options: Options,
        resolver: ConfigurationResolver | None = None,
    ) -> Run:
        run = cls.__new__(cls)
        run._set(configuration, rules, options, resolver)
        return run

    # -- building ------------------------------------------------------------------------------

    @classmethod
    def configure(
        cls,
        config: str | os.PathLike[str] | None = None,
        isolated: bool = False,
        overrides: Mapping[str, Any] | None = None,
        *,
        start: str | os.PathLike[str] = ".",
        **options: Any,
    ) -> Run:
        """The run the CLI would make: configuration found from ``start`` (or ``config``),
        ``overrides`` winning over it as flags do.  Raises ``ConfigError``.

        Without ``config`` or ``isolated``, the files it checks get settings of their own,
        as in Ruff: each file those of the configuration file closest to it (a file under
        none, those found from the working folder), with ``overrides`` on top."""
        overrides = dict(overrides or {})
        configuration = load_settings(config, isolated, overrides, start=start)
        run = cls.from_configuration(configuration, **options)
        if config is None and not isolated:
            run._resolver = ConfigurationResolver(overrides=overrides, known=configuration)
        return run

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None, **overrides: Any) -> Run:
        """A run from a configuration file; without ``path``, the one the CLI would find from
        the working folder.  ``overrides`` win over the file, as flags do."""
        values = {key.replace("_", "-"): value for key, value in overrides.items()}
        return cls.from_configuration(load_settings(path, False, values))

    @classmethod
    def from_configuration(
        cls,
        configuration: Configuration,
        *,
        fix: bool = False,
        diff: bool = False,
        unsafe_fixes: bool | None = None,
        locate_fixes: bool = False,
        observe: Iterable[type[Statistic]] = (),
        follow_links: bool = False,
    ) -> Run:
        """A run of a loaded configuration; ``observe``: statistics to collect while checking;
        ``follow_links``: follow symbolic links found in folders out of them."""
        unsafe = configuration.unsafe_fixes if unsafe_fixes is None else unsafe_fixes
        rules = configured_rules(configuration)
        options = Options(
            fix=fix and not diff,
            unsafe_fixes=unsafe,
            diff=diff,
            locate_fixes=locate_fixes,
            context=RunContext(read_options(configuration), _profiles(configuration, rules)),
            observe=tuple(observe),
            follow_links=follow_links,
        )
        return cls._make(configuration, rules, options)

    # Kept for callers of the library API's ``Settings``.
    from_config = from_configuration

    @classmethod
    def of(cls, settings: Run | Configuration | None) -> Run:
        """The run that integrations' ``settings=`` arguments name: a run as it is, a loaded
        configuration's run, or the default run for None."""
        if isinstance(settings, Configuration):
            return cls.from_configuration(settings)
        return settings if settings is not None else cls()

    def with_options(self, **changes: Any) -> Run:
        """The same run doing something else (``fix=True``, ``locate_fixes=True``, ...)."""
        options = replace(self.options, **changes)
        return Run._make(self.configuration, self.rules, options, self._resolver)

    def with_statistics(self, statistics: CorpusStatistics) -> Run:
        """The same run, its rules reading ``statistics`` (learned by ``learn`` or elsewhere)."""
        return self.with_options(context=replace(self.options.context, statistics=statistics))

    @property
    def config(self) -> Configuration:
        """The configuration (``newslint.config.Configuration``)."""
        return self.configuration

    @property
    def unsafe_fixes(self) -> bool:
        return self.configuration.unsafe_fixes

    @property
    def read_options(self) -> ReadOptions:
        return self.options.read

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the rules that run."""
        return tuple(rule.code for rule in self.rules)

    def __getstate__(self) -> dict[str, Any]:
        return {"configuration": self.configuration, "rules": self.rules, "options": self.options}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._set(state["configuration"], state["rules"], state["options"])

    def __repr__(self) -> str:
        values = self.configuration.as_toml(exclude_defaults=True)
        return f"Settings({', '.join(f'{k}={v!r}' for k, v in values.items())})"

    # -- passes --------------------------------------------------------------------------------

    @property
    def corpus_statistics(self) -> tuple[type[Statistic], ...]:
        """The statistics the selected rules need from a corpus pass (none: one pass)."""
        kinds: dict[str, type[Statistic]] = {}
        for rule in self.rules:
            for kind in rule.statistics:
                kinds.setdefault(kind.name, kind)
        return tuple(kinds.values())

    @property
    def needs_corpus_pass(self) -> bool:
        """Whether the rules need statistics that this run has not learned yet."""
        learned = self.options.context.statistics
        return any(learned.get(kind) is None for kind in self.corpus_statistics)

    def learn(
        self,
        paths: Sequence[str],
        *,
        jobs: int = 0,
        kinds: Iterable[type[Statistic]] | None = None,
        errors: list[ReadError] | None = None,
    ) -> CorpusStatistics:
        """The corpus pass: read every file under ``paths`` and collect statistics.

        Files are read in the pool like a check, each with its own configuration's reading
        (its field map); each worker's part is merged here.  Files that cannot be read add
        nothing (the check pass reports them); with ``errors``, why each could not be read
        is added to it (``newslint learn``).
        """
        found = self.discover(paths)
        if errors is not None:
            errors.extend(
                ReadError(path, message)
                for path, message in found
                if message and not message.startswith(SKIPPED)
            )
        runs, planned = self._plan(found)
        return self._learn(runs, planned, jobs, kinds, errors, None)

    def _learn(
        self,
        runs: Sequence[Run],
        planned: Sequence[Job],
        jobs: int,
        kinds: Iterable[type[Statistic]] | None,
        errors: list[ReadError] | None,
        scans: Scans | None,
    ) -> CorpusStatistics:
        """``learn`` over planned jobs (``_plan``); ``scans`` keeps what the pass reads of big
        files' bytes for the check that follows (their line counts, whether they decode)."""
        from newslint.scheduler import Profile

        if kinds is not None:
            wanted = tuple(kinds)
        else:
            wanted = tuple({k.name: k for run in runs for k in run.corpus_statistics}.values())
        learned = CorpusStatistics(wanted)
        profiles = []
        for run in runs:
            run._prepare(kind.name for kind in wanted)
            reading = replace(
                run.options, fix=False, diff=False, locate_fixes=False, observe=wanted
            )
            profiles.append(Profile((), reading))
        scheduler = self._scheduler(profiles, jobs, scans=scans)
        self._schedulers.append(scheduler)
        for result in scheduler.results(planned):
            if result.statistics is not None:
                learned.merge(result.statistics)
            if errors is not None:
                errors.extend(result.errors)
        return learned

    def _prepare(self, statistics: Iterable[str]) -> None:
        """Load, in this process, what reading the named statistics needs: a pool's workers,
        forked from it, then inherit it (the Public Suffix List: 60 ms a process)."""
        if "site-lines" in set(statistics):
            from newslint.sites import prepare

            prepare(self.options.read.site_key)

    def learn_records(
        self,
        records: Iterable[Mapping[str, Any]],
        kinds: Iterable[type[Statistic]] | None = None,
        *,
        drop_missing: bool = False,
    ) -> CorpusStatistics:
        """The corpus pass over records (dicts), as the library API and Ray read them."""
        from newslint.records import RECORD_PATH, encode_record, without_missing

        wanted = tuple(kinds) if kinds is not None else self.corpus_statistics
        learned = CorpusStatistics(wanted)
        for record in records:
            if drop_missing:
                record = without_missing(record)
            learned.merge(self.learn_bytes(RECORD_PATH, encode_record(record), wanted))
        return learned

    def learn_bytes(
        self, path: str, data: bytes, kinds: Iterable[type[Statistic]] | None = None
    ) -> CorpusStatistics:
        """The corpus pass over the bytes of one file named ``path`` (a JSONL line, stdin):
        the articles are read, never checked.  Unreadable bytes add nothing."""
        wanted = tuple(kinds) if kinds is not None else self.corpus_statistics
        reading = replace(self.options, fix=False, diff=False, locate_fixes=False, observe=wanted)
        result, _ = process_data(path, data, (), reading)
        return result.statistics if result.statistics is not None else CorpusStatistics(wanted)

    # -- the check (and fix) pass --------------------------------------------------------------

    def settings_for(self, path: str | os.PathLike[str]) -> Configuration:
        """The configuration that applies to ``path`` (a file or folder): the closest
        configuration file's, when this run resolves settings per file (``configure``)."""
        if self._resolver is None:
            return self.configuration
        return self._resolver.for_path(path)

    def _settings_of_file(self, path: str) -> Configuration:
        if self._resolver is None:
            return self.configuration
        return self._resolver.for_file(path)

    def run_for(self, configuration: Configuration) -> Run:
        """This run, doing what it does (fixing, diffing, what it learned), under another
        configuration: the run of the files that configuration applies to."""
        if configuration is self.configuration:
            return self
        made = self._runs.get(id(configuration))
        if made is None:
            options = self.options
            other = Run.from_configuration(
                configuration,
                fix=options.fix,
                diff=options.diff,
                locate_fixes=options.locate_fixes,
                observe=options.observe,
                follow_links=options.follow_links,
            )
            context = other.options.context
            if not context.statistics:  # no site profile of its own: what this run learned
                context = replace(context, statistics=options.context.statistics)
            made = Run._make(
                configuration,
                other.rules,
                replace(other.options, digest=options.digest, context=context),
            )
            self._runs[id(configuration)] = made
        return made

    def discover(
        self, paths: Sequence[str], *, leave_out: Iterable[str] = ()
    ) -> list[tuple[str, str | None]]:
        """(path, error) for every file to check under ``paths``, exclusions applied, in
        path order (the report's order), each file once however it is spelled (``a.txt``,
        ``./a.txt``, an absolute path: the first spelling is kept, so that two workers never
        fix one file).  ``leave_out``: files that are never inputs (the report being written,
        the baseline).  Each file's own configuration says whether it is excluded."""
        named = set(paths)
        skipped = {os.path.realpath(path) for path in leave_out}
        tests: dict[int, Callable[[str | os.PathLike[str]], bool]] = {}
        found: dict[str, tuple[str, str | None]] = {}
        for path, message in discover(list(paths), self.options.follow_links):
            if self._wanted(path, message, path in named, tests):
                real = os.path.realpath(path) if message is None else f"\0{path}"
                if real not in skipped:
                    found.setdefault(real, (path, message))
        return sorted(found.values(), key=lambda item: item[0])

    def _wanted(
        self,
        path: str,
        message: str | None,
        explicit: bool,
        tests: dict[int, Callable[[str | os.PathLike[str]], bool]],
    ) -> bool:
        """Whether a discovered ``path`` is an input: an error always is, except a file named
        on the command line that newslint does not read under ``force-exclude``; a file named
        on the command line is checked even if excluded (as in Ruff), unless
        ``force-exclude`` (pre-commit names files, and must not make excluded ones checked)."""
        if message is not None and not message.startswith(SKIPPED):
            return not (
                explicit
                and not is_supported(path)
                and os.path.isfile(path)
                and self._settings_of_file(path).force_exclude
            )
        settings = self._settings_of_file(path)
        if explicit and not settings.force_exclude:
            return True
        test = tests.get(id(settings))
        if test is None:
            test = tests[id(settings)] = settings.exclusion_test()
        return not test(path)

    def force_excluded(self, path: str) -> bool:
        """Whether ``path``, named on the command line (``--stdin-filename``), is left out
        under ``force-exclude``: excluded by its configuration, or not a file newslint reads."""
        settings = self._settings_of_file(path)
        return settings.force_exclude and (not is_supported(path) or settings.is_excluded(path))

    def _plan(self, found: Sequence[tuple[str, str | None]]) -> tuple[list[Run], list[Job]]:
        """The runs of the configurations that apply to the files found (this run first) and
        a job per readable file, naming its run (``Job.profile``) and its per-file-ignores.
        With one configuration, one run: a dictionary look-up per file."""
        from newslint.scheduler import Job

        runs: list[Run] = [self]
        profiles: dict[int, int] = {id(self.configuration): 0}
        ignores: list[Callable[[str | os.PathLike[str]], frozenset[str]]] = [
            self.configuration.per_file_ignores_test()
        ]
        planned: list[Job] = []
        for path, message in found:
            if message:
                continue
            settings = self._settings_of_file(path)
            profile = profiles.get(id(settings))
            if profile is None:
                profile = profiles[id(settings)] = len(runs)
                runs.append(self.run_for(settings))
                ignores.append(settings.per_file_ignores_test())
            planned.append(Job(path, ignores[profile](path), profile))
        return runs, planned

    def check_files(
        self,
        paths: Sequence[str],
        *,
        jobs: int = 0,
        use_cache: bool = False,
        cache_dir: str | None = None,
        progress: Progress | None = None,
        found: Sequence[tuple[str, str | None]] | None = None,
    ) -> Iterator[FileResult]:
        """One result per file under ``paths``, in path order, as soon as each is ready
        (a big JSONL file that is checked, not fixed, comes as partial results first).

        With ``use_cache``, unchanged files are not checked again (``cache_dir``, else the
        project's ``.newslint_cache``; ``NEWSLINT_NO_CACHE`` turns it off).  ``progress``
        is called as files are done; ``found`` is ``discover(paths)``, if the caller has
        it already.  Memory stays flat: results are not kept here, and a
        caller that streams them keeps nothing either.
        """
        from newslint.scheduler import Profile

        found = self.discover(paths) if found is None else found
        runs, planned = self._plan(found)
        scans = None
        if any(run.needs_corpus_pass for run in runs):
            from newslint.chunks import Scans

            # The check reads what the corpus pass read of big files' bytes.
            options = self.options
            scans = Scans(options.fix or options.locate_fixes, use_cache)
            learned = self._learn(runs, planned, jobs, None, None, scans)
            runs = [run.with_statistics(learned) if run.needs_corpus_pass else run for run in runs]
        for run in runs:
            run._prepare(kind.name for rule in run.rules for kind in rule.statistics)
        caches: list[Cache | None] = [None] * len(runs)
        if use_cache:
            from newslint.cache import open_caches

            each = [(run.rules, run.options) for run in runs]
            caches = open_caches(self.configuration.root, each, cache_dir)
        profiles = [Profile(r.rules, r.options, c) for r, c in zip(runs, caches, strict=True)]
        scheduler = self._scheduler(profiles, jobs, progress, scans)
        self._schedulers.append(scheduler)
        checked = scheduler.results(planned)
        for path, message in found:
            if message and message.startswith(SKIPPED):  # left out on purpose: a warning
                yield FileResult(path, warnings=[message[len(SKIPPED) :]])
                continue
            if message:
                yield FileResult(path, errors=[ReadError(path, message)])
                continue
            for result in checked:  # a big file's partial results, then its own
                yield result
                if not result.partial:
                    break
        for _ in checked:  # resumes the scheduler past its last result: it saves the cache
            raise RuntimeError("the scheduler returned more results than files")

    def check_bytes(
        self,
        path: str,
        data: bytes,
        *,
        style: JsonStyle | None = None,
        ignores_of: str | None = None,
    ) -> tuple[FileResult, bytes | None]:
        """Check (and fix) the bytes of one file named ``path`` (stdin, a record); nothing is
        read or written.  Returns the result and the fixed bytes, if any.

        ``style``: the JSON escaping a fix writes (a line's file's, not the line's own);
        ``ignores_of``: the path whose per-file-ignores apply (default: ``path``).
        """
        if self.needs_corpus_pass:
            raise ConfigError(
                "the selected rules learn from a corpus: give them statistics first "
                "(Run.learn, Run.learn_records, or a site profile)"
            )
        ignored = self.configuration.ignored_codes_for(ignores_of or path)
        rules = [rule for rule in self.rules if rule.code not in ignored]
        result, fixed = process_data(path, data, rules, self.options, style=style)
        if result.warnings:
            result.warnings = final_warnings(result.warnings)
        return result, fixed

    # -- records (the library API, Ray, datatrove) -----------------------------------------------

    def check_record(
        self, record: Mapping[str, Any], *, drop_missing: bool = False
    ) -> tuple[FileResult, bytes, bytes | None]:
        """One record checked (and fixed, if this run fixes) as the file ``record.json``.

        With ``drop_missing``, fields holding None, NaN or NA count as absent (a data frame
        or an Arrow table holds a field a record lacks that way).  Raises ``RecordError``.
        """
        # Here, not at the top: a check of files (the CLI) never needs the records' encoding.
        from newslint.records import RECORD_PATH, RecordError, encode_record, without_missing

        if drop_missing and isinstance(record, Mapping):
            record = without_missing(record)
        data = encode_record(record)
        result, fixed = self.check_bytes(RECORD_PATH, data)
        if result.errors:
            raise RecordError(result.errors[0].message)
        return result, data, fixed

    def lint_record(
        self, record: Mapping[str, Any], *, drop_missing: bool = False
    ) -> list[Diagnostic]:
        """The problems in one record, in field coordinates (see ``check_record``)."""
        run = (
            self
            if not (self.options.fix or self.options.diff)
            else self.with_options(fix=False, diff=False)
        )
        result, _, _ = run.check_record(record, drop_missing=drop_missing)
        return [d.in_field() for d in result.diagnostics]

    def fix_record(
        self, record: Mapping[str, Any], unsafe: bool | None = None, *, drop_missing: bool = False
    ) -> FixResult:
        """The record with the fixes ``--fix`` would apply (unsafe ones with ``unsafe``)."""
        from newslint.records import FixResult, merge_fixed

        fixing = self.with_options(
            fix=True, diff=False, unsafe_fixes=self.unsafe_fixes if unsafe is None else unsafe
        )
        result, data, fixed_data = fixing.check_record(record, drop_missing=drop_missing)
        remaining = tuple(d.in_field() for d in result.diagnostics)
        warnings = tuple(result.warnings)
        if fixed_data is None:
            return FixResult(dict(record), (), remaining, warnings)
        applied = tuple(d.in_field() for d in result.fixed_diagnostics)
        return FixResult(merge_fixed(record, data, fixed_data), applied, remaining, warnings)

    def open_cache(self, directory: str | None = None, disabled: bool = False) -> Cache | None:
        """The cache for this run's rules and options (None when disabled)."""
        from newslint.cache import open_cache

        return open_cache(self.configuration.root, self.rules, self.options, directory, disabled)

    @property
    def pool_abandoned(self) -> bool:
        """An interrupted run left a process pool that the interpreter's exit would wait on."""
        return any(scheduler.abandoned for scheduler in self._schedulers)

    # -- helpers -------------------------------------------------------------------------------

    @staticmethod
    def _scheduler(
        profiles: Sequence[Profile],
        jobs: int,
        progress: Progress | None = None,
        scans: Scans | None = None,
    ) -> Scheduler:
        """A scheduler for jobs checked with ``profiles`` (``Job.profile`` indexes them)."""
        from newslint.scheduler import Scheduler, default_jobs

        first = profiles[0]
        return Scheduler(
            first.rules,
            first.options,
            jobs or default_jobs(),
            first.cache,
            progress,
            scans,
            more=profiles[1:],
        )


def file_sizes(found: Sequence[tuple[str, str | None]]) -> int:
    """The bytes a run will read (for a progress bar's total)."""
    total = 0
    for path, message in found:
        if message is None:
            with contextlib.suppress(OSError):
                total += os.stat(path).st_size
    return total


pickled_by_name(__name__)  # pickles as its name (dill, HF datasets: see newslint/__init__.py)
