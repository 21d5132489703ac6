"""Remember each file's results, so a second run over an unchanged corpus checks nothing again.

Like Ruff's cache: one cache file per set of settings, under ``.newslint_cache/``
(with a ``CACHEDIR.TAG`` and a ``.gitignore``), keyed by newslint's version and the
resolved settings.  An entry belongs to one path and is valid for the file's content
hash.  To avoid reading an unchanged file at all, an entry also keeps the file's
(size, mtime, inode): if they still match, the stored hash is trusted, as git trusts
its index; if they differ, the file is read and hashed, and a touched but unchanged
file is still a hit.  A file written in the last few seconds is stored without its
stat, so that a change within the filesystem's timestamp resolution is never missed.

A cache that cannot be read (corrupt, another version, unwritable folder) is a cache
miss, never an error: the cache only ever saves time.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from newslint import __version__
from newslint.diagnostics import Applicability, reduce_by_fields
from newslint.files import StatKey
from newslint.rule import Rule
from newslint.runner import FileResult, Options, content_digest
from newslint.statistics import Statistic

CACHE_DIRECTORY = ".newslint_cache"
RACY_SECONDS = 2.0
"""A file modified this recently may change again within the same mtime tick."""
_FORMAT = 1
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by newslint.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One file's stored result, valid while the file's content hash is ``digest``."""

    __reduce__ = reduce_by_fields

    digest: str
    stat: StatKey | None
    ignored: frozenset[str]
    """Codes that per-file-ignores turned off for this path when it was checked."""
    result: FileResult


def _package_fingerprint() -> str:
    """newslint's own code: a changed rule (an editable install, a dev build) is a new cache.

    File contents, not mtimes: a copied or re-installed tree keeps its cache.
    """
    root = Path(__file__).parent
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{__version__}\n{sys.version}".encode())
    for path in sorted(root.rglob("*.py")):
        with contextlib.suppress(OSError):
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def settings_key(rules: Sequence[Rule], options: Options) -> str:
    """What the results depend on besides the file: code, rules and their options, reading."""
    parts = [_package_fingerprint(), f"format {_FORMAT}"]
    for rule in rules:
        parts.append(f"{rule.code} {sorted(vars(rule).items())!r}")
    read = options.read
    parts.append(repr(sorted(read.field_map.items())))
    parts.append(f"observe {sorted(kind.name for kind in options.observe)}")
    if options.context.statistics:  # what the rules learned from the corpus, or a profile
        parts.append(repr(options.context.statistics.as_json()))
        for statistic in options.context.statistics:  # the file a profile's warnings name
            parts.append(f"{statistic.name} from {getattr(statistic, 'source', None)}")
    parts.append(f"record-settings {read.record_settings} site-key {read.site_key}")
    parts.append(f"locate-fixes {options.locate_fixes}")
    if read.schema_file:
        try:
            parts.append(content_digest(Path(read.schema_file).read_bytes()))
        except OSError:
            parts.append(f"unreadable schema {read.schema_file}")
    return hashlib.blake2b("\n".join(parts).encode("utf-8", "replace"), digest_size=16).hexdigest()


def _storable(result: FileResult) -> FileResult:
    """The result as a later *check* of the same content would give it: its per-file warnings
    too (a profile that does not know a site says so on every run, not on the first only)."""
    return replace(
        result,
        warnings=[str(warning) for warning in result.warnings],
        fixed=0,
        fixed_diagnostics=[],
        diff="",
        source=None,
        stat=None,
    )


class Cache:
    """Results by path for one settings key; load once, look up, store, save once."""

    def __init__(self, directory: Path, key: str) -> None:
        self.directory = directory
        self.file = directory / __version__ / f"{key}.pickle"
        self.entries: dict[str, Entry] = {}
        self._dirty = False
        # The cyclic garbage collector would scan the heap again and again while hundreds of
        # thousands of (acyclic) result objects are built: two thirds of the load time.
        collecting = gc.isenabled()
        gc.disable()
        try:
            with self.file.open("rb") as handle:
                loaded = _SafeUnpickler(handle).load()
            if isinstance(loaded, dict):
                self.entries = loaded
        except Exception:  # missing, truncated, forged, from another Python: start afresh
            self.entries = {}
        finally:
            if collecting:
                gc.enable()
        # Nor should every later collection walk them all again (it cost a second in the
        # warm run's output): set them aside.  Frozen objects are still freed by reference
        # counting, and results hold no reference cycles, so nothing is kept alive by it.
        gc.freeze()

    @staticmethod
    def _key(path: str) -> str:
        return os.path.abspath(path)

    def lookup(
        self, path: str, stat: StatKey, ignored: frozenset[str], options: Options
    ) -> FileResult | None:
        """The stored result, if the file is unchanged and it answers this run's question."""
        entry = self.entries.get(self._key(path))
        if entry is None or entry.ignored != ignored or not _answers(entry.result, options):
            return None
        if entry.stat != stat:
            try:
                data = Path(path).read_bytes()
            except OSError:
                return None
            if content_digest(data) != entry.digest:
                return None
            if time.time() - stat[1] / 1e9 > RACY_SECONDS:
                self.entries[self._key(path)] = replace(entry, stat=stat)
                self._dirty = True
        result = entry.result
        if result.path != path:  # the same file, named another way (./corpus, an absolute path)
            result = replace(
                result, path=path, diagnostics=[replace(d, path=path) for d in result.diagnostics]
            )
        return result

    def store(self, result: FileResult, ignored: frozenset[str]) -> None:
        if not result.digest:
            return
        stat = result.stat
        if stat is not None and time.time() - stat[1] / 1e9 <= RACY_SECONDS:
            stat = None
        self.entries[self._key(result.path)] = Entry(
            result.digest, stat, ignored, _storable(result)
        )
        self._dirty = True

    def save(self) -> None:
        """Write the cache atomically; a cache that cannot be written is silently skipped."""
        if not self._dirty:
            return
        try:
            _prepare(self.directory)
            self.file.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=self.file.parent, suffix=".tmp")
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    pickle.dump(self.entries, handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.chmod(temporary, 0o666 & ~_umask())  # mkstemp's 0600 would lock out a team
                os.replace(temporary, self.file)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except OSError:
            return
        self._dirty = False


_ALLOWED = frozenset(
    {
        ("newslint.cache", "Entry"),
        ("newslint.runner", "FileResult"),
        ("newslint.runner", "unpacked_result"),
        ("newslint.diagnostics", "Diagnostic"),
        ("newslint.diagnostics", "Location"),
        ("newslint.diagnostics", "Fix"),
        ("newslint.diagnostics", "Edit"),
        ("newslint.diagnostics", "ListAppend"),
        ("newslint.diagnostics", "ReadError"),
        ("newslint.diagnostics", "Severity"),
        ("newslint.diagnostics", "Applicability"),
        ("newslint.statistics", "CorpusStatistics"),
    }
)


class _SafeUnpickler(pickle.Unpickler):
    """Loads newslint's own result types and plain data, nothing else.

    A cache folder can come with a corpus (a tarball, a repository): a forged pickle
    must not be able to call anything but the constructors of these data classes
    (the "restricting globals" recipe of the pickle documentation).
    """

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED and not _is_statistic(module, name):
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a newslint cache")
        return super().find_class(module, name)


def trusted_loads(data: bytes) -> Any:
    """Unpickle ``data`` allowing only newslint's result and statistics types (a file that
    came from elsewhere cannot run code when it is read)."""
    return _SafeUnpickler(io.BytesIO(data)).load()


def _is_statistic(module: str, name: str) -> bool:
    """A corpus statistic class of newslint's own (rules may add their own kinds)."""
    if not module.startswith("newslint.") or module not in sys.modules:
        return False
    found = getattr(sys.modules[module], name, None)
    return isinstance(found, type) and issubclass(found, Statistic)


def _answers(result: FileResult, options: Options) -> bool:
    """A stored check result answers --fix or --diff only if there is nothing to apply."""
    if not (options.fix or options.diff):
        return True
    return not any(
        d.fix is not None and (d.fix.applicability is Applicability.SAFE or options.unsafe_fixes)
        for d in result.diagnostics
    )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _prepare(directory: Path) -> None:
    """Create the cache folder with the tags that keep it out of backups and out of git."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in (("CACHEDIR.TAG", _TAG), (".gitignore", "# Created by newslint\n*\n")):
        target = directory / name
        if not target.exists():
            target.write_text(content, encoding="utf-8")


def open_cache(
    project_root: Path,
    rules: Sequence[Rule],
    options: Options,
    directory: str | None = None,
    disabled: bool = False,
) -> Cache | None:
    """The cache a run uses: ``--cache-dir`` (or ``NEWSLINT_CACHE_DIR``), else
    ``.newslint_cache`` in the project's folder; None with ``--no-cache`` or
    ``NEWSLINT_NO_CACHE`` set to 1/true/yes/on."""
    if disabled or _switched_on(os.environ.get("NEWSLINT_NO_CACHE", "")):
        return None
    directory = directory or os.environ.get("NEWSLINT_CACHE_DIR")
    root = Path(directory) if directory else project_root / CACHE_DIRECTORY
    return Cache(root, settings_key(rules, options))


def _switched_on(value: str) -> bool:
    """An environment switch: 1, true, yes, on (any case); anything else is off."""
    return value.strip().lower() in {"1", "true", "yes", "on"}
