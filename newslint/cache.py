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

A cache folder can come with someone else's corpus (a tarball, a clone), so nothing in it is
trusted.  The cache file is signed with HMAC-SHA256 under a secret of the user's own
(``$XDG_CACHE_HOME/newslint/key``, else ``~/.cache/newslint/key``: 32 random bytes, mode
0600, created atomically on first use): a file that does not carry this user's signature for
these settings is a miss, so a forged entry cannot hide a problem.  Links are never followed
inside the cache folder: the folder itself must not be a symbolic link, and every file and
folder in it is opened relative to its parent's descriptor with ``O_NOFOLLOW``, so a link
planted there cannot make newslint read or create a file elsewhere.  Entries are written to
a new temporary file and renamed over the old one.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import hmac
import io
import os
import pickle
import secrets
import stat as stat_module
import sys
import time
from collections.abc import Mapping, Sequence
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
_FORMAT = 2
_MAGIC = b"newslint-cache-hmac-sha256\n"
"""What a cache file starts with, before its 32-byte signature and the pickle."""
_SIGNATURE_BYTES = 32
KEY_BYTES = 32
"""The user's secret: 32 random bytes (HMAC-SHA256's block is 64, its output 32)."""
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


@functools.cache
def _package_fingerprint() -> str:
    """newslint's own code: a changed rule (an editable install, a dev build) is a new cache.

    File contents, not mtimes: a copied or re-installed tree keeps its cache.  Worked out once
    per process: a run with several configurations asks for it once per configuration.
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
        from newslint.config import SCHEMA_SIZE_LIMIT, read_regular_file

        try:
            data = read_regular_file(Path(read.schema_file), SCHEMA_SIZE_LIMIT)
            parts.append(content_digest(data))
        except (OSError, ValueError):
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

    def __init__(self, directory: Path, key: str, secret: bytes = b"") -> None:
        self.directory = directory
        self.key = key
        self.file = directory / __version__ / f"{key}.pickle"
        self.entries: dict[str, Entry] = {}
        self._secret = secret
        self._dirty = False
        if not secret:  # no secret of the user's: nothing read can be trusted
            return
        data = _read_cache_file(directory, key)
        if data is None or not data.startswith(_MAGIC):
            return
        start = len(_MAGIC) + _SIGNATURE_BYTES
        signature = data[len(_MAGIC) : start]
        payload = memoryview(data)[start:]
        if not hmac.compare_digest(signature, self._sign(payload)):
            return  # forged, truncated, another user's or other settings': a miss
        # The cyclic garbage collector would scan the heap again and again while hundreds of
        # thousands of (acyclic) result objects are built: two thirds of the load time.
        collecting = gc.isenabled()
        gc.disable()
        try:
            handle = io.BytesIO(data)
            handle.seek(start)
            loaded = _SafeUnpickler(handle).load()
            if isinstance(loaded, dict):
                self.entries = loaded
        except Exception:  # from another Python, or a bug of ours: start afresh
            self.entries = {}
        finally:
            if collecting:
                gc.enable()
        # Nor should every later collection walk them all again (it cost a second in the
        # warm run's output): set them aside.  Frozen objects are still freed by reference
        # counting, and results hold no reference cycles, so nothing is kept alive by it.
        gc.freeze()

    def _sign(self, payload: bytes | memoryview) -> bytes:
        """The HMAC-SHA256 of ``payload`` for this settings key under the user's secret."""
        mac = hmac.new(self._secret, f"newslint cache {_FORMAT} {self.key}\n".encode(), "sha256")
        mac.update(payload)
        return mac.digest()

    @staticmethod
    def _key(path: str) -> str:
        return os.path.abspath(path)

    def lookup(
        self, path: str, stat: StatKey, ignored: frozenset[str], options: Options
    ) -> FileResult | None:
        """The stored result, if the file is unchanged and it answers this run's question.

        An entry that is not what this version stores is a miss, never an error."""
        try:
            return self._lookup(path, stat, ignored, options)
        except Exception:
            self.entries.pop(self._key(path), None)
            return None

    def _lookup(
        self, path: str, stat: StatKey, ignored: frozenset[str], options: Options
    ) -> FileResult | None:
        entry = self.entries.get(self._key(path))
        if not isinstance(entry, Entry) or not isinstance(entry.result, FileResult):
            return None
        if entry.ignored != ignored or not _answers(entry.result, options):
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
        if not self._dirty or not self._secret:
            return
        try:
            payload = pickle.dumps(self.entries, protocol=pickle.HIGHEST_PROTOCOL)
            _write_cache_file(self.directory, self.key, [_MAGIC, self._sign(payload), payload])
        except Exception:  # unwritable, or an entry that cannot be pickled: no cache, no crash
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


# --- the cache folder, without following links -----------------------------------------

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
SUPPORTED = bool(_NOFOLLOW and _DIRECTORY) and {os.open, os.mkdir, os.rename, os.unlink} <= (
    os.supports_dir_fd
)
"""Whether this platform can open files relative to a folder without following links; the
cache is off where it cannot (it is never needed for a correct result)."""


def _open_folder(name: str | Path, parent: int | None = None, create: bool = False) -> int:
    """A descriptor of the folder ``name`` (in ``parent``), never through a symbolic link."""
    flags = os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC
    if create:
        with contextlib.suppress(FileExistsError):
            os.mkdir(name, 0o777, dir_fd=parent)
    return os.open(name, flags, dir_fd=parent)


def _read_cache_file(directory: Path, key: str) -> bytes | None:
    """The bytes of the cache file for ``key``; None if there is none or it is not a plain
    file reached without a link."""
    folders: list[int] = []
    try:
        folders.append(_open_folder(directory))
        folders.append(_open_folder(__version__, folders[-1]))
        flags = os.O_RDONLY | _NOFOLLOW | _CLOEXEC | _NONBLOCK  # a FIFO does not block
        descriptor = os.open(f"{key}.pickle", flags, dir_fd=folders[-1])
        with os.fdopen(descriptor, "rb") as handle:
            if not stat_module.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            return handle.read()
    except OSError:
        return None
    finally:
        for folder in folders:
            os.close(folder)


def _write_cache_file(directory: Path, key: str, parts: Sequence[bytes]) -> None:
    """Write the cache file for ``key``: a new file, renamed over the old one."""
    if directory.is_symlink():
        raise OSError(f"{directory} is a symbolic link")
    directory.parent.mkdir(parents=True, exist_ok=True)
    folders = [_open_folder(directory, create=True)]
    try:
        _tag(folders[0])
        folders.append(_open_folder(__version__, folders[0], create=True))
        here = folders[-1]
        temporary = f".{key}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
        descriptor = os.open(temporary, flags, 0o666, dir_fd=here)  # as any file (umask)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                for part in parts:
                    handle.write(part)
            os.replace(temporary, f"{key}.pickle", src_dir_fd=here, dst_dir_fd=here)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=here)
            raise
    finally:
        for folder in folders:
            os.close(folder)


def _tag(folder: int) -> None:
    """The tags that keep the cache folder out of backups and out of git (new files only)."""
    for name, content in (("CACHEDIR.TAG", _TAG), (".gitignore", "# Created by newslint\n*\n")):
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
        try:
            descriptor = os.open(name, flags, 0o666, dir_fd=folder)
        except FileExistsError:  # there already (or a link: left alone)
            continue
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(content)


# --- the user's secret --------------------------------------------------------------------


def key_file(env: Mapping[str, str] | None = None) -> Path | None:
    """Where the user's cache secret lives: ``$XDG_CACHE_HOME/newslint/key`` (an absolute
    ``XDG_CACHE_HOME`` only, as the XDG specification says), else ``~/.cache/newslint/key``."""
    env = os.environ if env is None else env
    base = env.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        home = os.path.expanduser("~")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "newslint" / "key"


_secrets: dict[Path, bytes] = {}


def user_secret() -> bytes | None:
    """The user's secret, created on first use; None if it cannot be had safely.

    The file must be a regular file (not a link) of the user's own, readable by nobody
    else (no group or other permission bits), of ``KEY_BYTES`` bytes; otherwise the cache
    is off rather than keyed by a secret someone else may know.
    """
    path = key_file()
    if path is None:
        return None
    known = _secrets.get(path)
    if known is not None:
        return known
    try:
        secret = _read_secret(path)
    except FileNotFoundError:
        try:
            secret = _create_secret(path)
        except OSError:
            return None
    except (OSError, ValueError):
        return None
    _secrets[path] = secret
    return secret


def _read_secret(path: Path) -> bytes:
    descriptor = os.open(path, os.O_RDONLY | _NOFOLLOW | _CLOEXEC | _NONBLOCK)
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat_module.S_ISREG(info.st_mode):
            raise ValueError(f"{path} is not a regular file")
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            raise ValueError(f"{path} belongs to another user")
        if info.st_mode & 0o077:
            raise ValueError(f"{path} is readable or writable by others")
        secret = handle.read(KEY_BYTES + 1)
    if len(secret) != KEY_BYTES:
        raise ValueError(f"{path} does not hold {KEY_BYTES} bytes")
    return secret


def _create_secret(path: Path) -> bytes:
    """A new secret, written whole to a private temporary file and then linked into place:
    two runs starting at once both end up with the one that was linked first."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".key.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
    descriptor = os.open(temporary, flags, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secrets.token_bytes(KEY_BYTES))
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):  # another run made it first: use that one
            os.link(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    return _read_secret(path)


def open_cache(
    project_root: Path,
    rules: Sequence[Rule],
    options: Options,
    directory: str | None = None,
    disabled: bool = False,
) -> Cache | None:
    """The cache a run uses: ``--cache-dir`` (or ``NEWSLINT_CACHE_DIR``), else
    ``.newslint_cache`` in the project's folder; None with ``--no-cache`` or
    ``NEWSLINT_NO_CACHE`` set to 1/true/yes/on, or when the user's secret (``key_file``)
    cannot be had safely."""
    if disabled or _switched_on(os.environ.get("NEWSLINT_NO_CACHE", "")):
        return None
    directory = directory or os.environ.get("NEWSLINT_CACHE_DIR")
    root = Path(directory) if directory else project_root / CACHE_DIRECTORY
    secret = user_secret() if SUPPORTED else None
    if secret is None:
        return None
    return Cache(root, settings_key(rules, options), secret)


def open_caches(
    project_root: Path,
    profiles: Sequence[tuple[Sequence[Rule], Options]],
    directory: str | None = None,
    disabled: bool = False,
) -> list[Cache | None]:
    """``open_cache`` for each of a run's profiles (the rules and options of each configuration
    that applies to some files), in one folder.  Profiles whose settings key is the same share
    one ``Cache``: two objects for one cache file would each save it, the last without the
    other's entries.  A key depends on every setting that changes a file's result (the rules
    and their options, the field map, the schema, the site key), so files checked under
    different settings never share an entry."""
    opened: dict[str, Cache | None] = {}
    caches: list[Cache | None] = []
    for rules, options in profiles:
        key = settings_key(rules, options)
        if key not in opened:
            opened[key] = open_cache(project_root, rules, options, directory, disabled)
        caches.append(opened[key])
    return caches


def _switched_on(value: str) -> bool:
    """An environment switch: 1, true, yes, on (any case); anything else is off."""
    return value.strip().lower() in {"1", "true", "yes", "on"}
