"""Finding the files to check, and writing fixed files back atomically."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newslint.readers import SUPPORTED_TYPES, is_supported, supported_suffixes

SKIPPED_DIRECTORIES = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        "__pycache__",
        "node_modules",
        ".newslint_cache",
        ".tox",
        ".nox",
    }
)


StatKey = tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a file looked like when it was read, to detect changes before writing."""

    size: int
    mtime_ns: int
    ctime_ns: int
    """Changes on any write, even one that keeps the size and puts the mtime back."""
    inode: tuple[int, int]
    """(device, inode): another file renamed over this one has another inode."""

    @property
    def key(self) -> StatKey:
        """What the cache compares before trusting a stored hash: (size, mtime_ns, inode,
        ctime_ns).  The ctime catches a rewrite that put the size and mtime back."""
        return (self.size, self.mtime_ns, self.inode[1], self.ctime_ns)

    @classmethod
    def of(cls, path: Path | str) -> Snapshot:
        info = os.stat(path)
        return cls(info.st_size, info.st_mtime_ns, info.st_ctime_ns, (info.st_dev, info.st_ino))


class Terminated(BaseException):
    """SIGTERM turned into an exception: it unwinds the run like Ctrl-C, so that every
    write in progress removes its temp file on the way out."""


STOP_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})
signalled = 0
"""The first SIGINT or SIGTERM this process was told to stop by (0: none).  Kept as well as
raised: an exception raised in a finaliser (``__del__``, a weakref callback) is printed and
swallowed by Python, so every write checks it again (``raise_if_signalled``)."""
_held = 0
_deferred = 0


def on_signal(signum: int, frame: object) -> None:
    """The SIGINT and SIGTERM handler of a run: KeyboardInterrupt or ``Terminated``, at
    once, or when the ``signals_held`` block it arrived in ends."""
    global signalled, _deferred
    if signalled:
        # Already stopping: a second signal must not cut the first one's unwinding short
        # (a temp file removed on the way out), and the cleanup after it is bounded.
        return
    signalled = signum
    if _held:
        _deferred = _deferred or signum
        return
    _raise_for(signum)


# The SIGTERM handler's old name.
raise_terminated = on_signal


def _raise_for(signum: int) -> None:
    raise KeyboardInterrupt if signum == signal.SIGINT else Terminated


def reset_signalled() -> None:
    """A new run in this process (the CLI's ``main`` called again) starts unsignalled."""
    global signalled, _deferred
    signalled = _deferred = 0


def raise_if_signalled() -> None:
    """Raise again a stop signal that was received and swallowed (see ``signalled``)."""
    if signalled:
        _raise_for(signalled)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """A stop signal that arrives while the block runs is raised when it ends: a temp file
    is never created without its name being kept, nor left half removed.  (With
    ``on_signal`` installed, as the CLI and its workers have it; Python's own SIGINT handler
    raises wherever it is.)"""
    global _held, _deferred
    _held += 1
    try:
        yield
    finally:
        _held -= 1
        if not _held and _deferred:
            signum, _deferred = _deferred, 0
            _raise_for(signum)


@contextlib.contextmanager
def signals_blocked() -> Iterator[None]:
    """SIGINT and SIGTERM blocked in this thread while the block runs (a process forked in it
    starts with them blocked, and takes them once it is ready: ``unblock_signals``)."""
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    except (AttributeError, OSError, ValueError):  # no POSIX signal masks
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def unblock_signals() -> None:
    with contextlib.suppress(AttributeError, OSError, ValueError):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


class FileChangedError(OSError):
    """The file changed on disk after it was read; it was not overwritten."""


class LostWriteError(FileChangedError):
    """Another program wrote to the file between newslint's last check and its rename (or
    through a descriptor it kept open): the fix was undone (``restored``), or, if that
    failed, its writes are lost and this says so."""

    def __init__(self, message: str, restored: bool) -> None:
        super().__init__(message)
        self.restored = restored


class NotWritableError(OSError):
    """The file is not to be rewritten: the user may not write it, it is read-only for everyone
    (no write permission bit: even root leaves it alone), or what makes it itself (its owner,
    group, extended attributes) could not be kept on its replacement."""


class HardLinkError(OSError):
    """The file has other hard links, which an atomic rename would silently detach."""


SKIPPED = "skipped: "
"""A ``discover`` message that is a warning, not an error: the file was left out on purpose."""


def discover(paths: list[str], follow_links: bool = False) -> Iterator[tuple[str, str | None]]:
    """(path, error) for every file to check, in a stable order.

    Folders are walked for .txt, .json and .jsonl files (and .json/.jsonl compressed as
    .gz or .zst: ``a.jsonl.gz``, whose ``Path.suffix`` is only ``.gz``), skipping hidden and
    tool folders; a path named explicitly is checked whatever its suffix says
    only if newslint has a reader for it.  A symbolic link found in a folder is followed
    only to a file inside that folder, unless ``follow_links`` (then links to folders
    are walked too); a link to a file that is not an article (``innocent.txt ->
    script.sh``) is never checked.
    """
    suffixes = supported_suffixes()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, suffixes, follow_links)
        elif path.is_file():
            if is_supported(raw):
                yield raw, _link_problem(raw, suffixes)
            else:
                yield (
                    raw,
                    f"unsupported file type {path.suffix or '(no suffix)'!r}; "
                    f"expected {SUPPORTED_TYPES}",
                )
        elif path.exists():
            yield raw, "not a regular file (a named pipe, socket or device); not checked"
        elif path.is_symlink():
            yield raw, "broken symbolic link (or a loop of links)"
        else:
            yield raw, "no such file or directory"


def _link_problem(path: str, suffixes: tuple[str, ...]) -> str | None:
    """Why a symbolic link named like an article is not checked: it leads to a file that is
    not one by its own name (None for a file that is no link, or a link to an article)."""
    if not os.path.islink(path):
        return None
    target = os.path.realpath(path)
    if is_supported(target):
        return None
    return f"symbolic link to {target}, which is not an article file; not checked"


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _walk(
    root: Path, suffixes: tuple[str, ...], follow_links: bool = False
) -> Iterator[tuple[str, str | None]]:
    errors: list[OSError] = []
    found: list[tuple[str, str | None]] = []
    top = os.path.realpath(root)
    walked: set[str] = set()
    for folder, directories, files in os.walk(
        root, onerror=errors.append, followlinks=follow_links
    ):
        if follow_links:  # a loop of links is walked once
            real = os.path.realpath(folder)
            if real in walked:
                directories[:] = []
                continue
            walked.add(real)
        directories[:] = sorted(
            d for d in directories if d not in SKIPPED_DIRECTORIES and not d.startswith(".")
        )
        for name in files:
            if is_supported(name) and not name.startswith("."):
                path = os.path.join(folder, name)
                found.append((path, _walked_link_problem(path, top, suffixes, follow_links)))
    yield from sorted(found)
    for error in errors:
        yield str(error.filename), f"cannot read folder: {error.strerror}"


def _walked_link_problem(
    path: str, top: str, suffixes: tuple[str, ...], follow_links: bool
) -> str | None:
    if not os.path.islink(path):
        return None
    problem = _link_problem(path, suffixes)
    if problem is not None or follow_links:
        return problem
    target = os.path.realpath(path)
    if _inside(target, top):
        return None
    return (
        f"{SKIPPED}symbolic link to {target}, outside the folders checked; "
        "not followed (--follow-links follows it)"
    )


def write_atomic(path: Path, data: bytes, expected: Snapshot | None = None) -> None:
    """Replace ``path`` with ``data``: temp file in the same folder, fsync, keep mode, rename.

    If ``expected`` is given and the file no longer matches it, nothing is written.  Without
    ``expected``, a file that does not exist yet is created the same way (a profile that
    ``newslint learn`` writes), with the mode the umask gives a new file.
    """
    writer = AtomicWriter(path, expected)
    try:
        writer.write(data)
        writer.commit()
    finally:
        writer.discard()


def _check_writable(path: Path, mode: int) -> None:
    """Refuse a file that the user could not write in place (``NotWritableError``): a
    rename in a writable folder would replace it all the same."""
    if not mode & 0o222:
        raise NotWritableError(errno.EACCES, "read-only (no write permission); not written")
    effective = os.access in os.supports_effective_ids
    if not os.access(path, os.W_OK, effective_ids=effective):
        raise NotWritableError(errno.EACCES, "not writable by this user; not written")


def _copy_xattrs(source: Path, target: str) -> None:
    """Copy every extended attribute (where the system and file system have them)."""
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(source)
    except OSError as exc:
        if exc.errno in (errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS):
            return
        raise
    for name in names:
        try:
            os.setxattr(target, name, os.getxattr(source, name))
        except OSError as exc:
            raise NotWritableError(
                exc.errno or errno.EPERM,
                f"its extended attribute {name} cannot be kept ({exc.strerror}); not written",
            ) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class AtomicWriter:
    """A replacement for a file, written piece by piece beside it and renamed into place.

    A big JSONL file is fixed chunk by chunk without holding it in memory; until
    ``commit`` the original is untouched, and ``discard`` leaves no temp file behind.
    """

    def __init__(self, path: Path, expected: Snapshot | None = None) -> None:
        self.expected = expected
        self._check_unchanged(path)
        self.owner: tuple[int, int] | None = None
        if expected is None and not os.path.lexists(path):  # a new file of newslint's own
            self.path = path.absolute()
            self.mode = 0o666 & ~_umask()
        else:
            # Write through a symbolic link to the file it names, so the link stays a link.
            self.path = path.resolve(strict=True)
            info = self.path.stat()
            if info.st_nlink > 1:
                raise HardLinkError(
                    f"has {info.st_nlink} hard links and a rewrite would break them; not written"
                )
            self.mode = stat.S_IMODE(info.st_mode)
            self.owner = (info.st_uid, info.st_gid)
            _check_writable(self.path, self.mode)
        import tempfile  # only a write needs it (3 ms of every start-up otherwise)

        self._handle: BinaryIO | None = None
        self._committed = False
        self.temporary = ""
        raise_if_signalled()  # a run told to stop starts no new write
        try:
            with signals_held():  # the temp file exists only once its name is kept
                descriptor, self.temporary = tempfile.mkstemp(
                    prefix=f".{self.path.name}.", suffix=".newslint-tmp", dir=self.path.parent
                )
                try:
                    self._handle = os.fdopen(descriptor, "wb")
                except BaseException:
                    os.close(descriptor)
                    raise
        except BaseException:
            # A signal held while the file was made is raised here: no caller holds this
            # writer yet to discard it.
            self.discard()
            raise

    def _check_unchanged(self, path: Path) -> None:
        if self.expected is not None and Snapshot.of(path) != self.expected:
            raise FileChangedError(f"{path}: changed on disk since it was read; not overwritten")

    def write(self, data: bytes) -> None:
        assert self._handle is not None, "write after commit or discard"
        self._handle.write(data)

    def commit(self) -> None:
        """fsync, check the original did not change meanwhile, keep its mode, rename."""
        assert self._handle is not None, "commit after commit or discard"
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        self._handle = None
        # Again, now that the slow part is done: the window for a lost edit is only the rename.
        self._check_unchanged(self.path)
        self._keep_metadata()
        raise_if_signalled()
        original = self._open_original()
        try:
            with signals_held():  # renamed and known to be: discard never unlinks a stranger's file
                before = self._last_check(original)
                os.replace(self.temporary, self.path)
                self._committed = True
            if original is not None and before is not None:
                self._check_no_write_lost(original, before)
        finally:
            if original is not None:
                os.close(original)
        with contextlib.suppress(OSError):
            directory = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)

    def _keep_metadata(self) -> None:
        """Give the replacement the original's owner, group, extended attributes (ACLs
        included) and mode, or refuse to write it (``NotWritableError``)."""
        if self.owner is not None:
            current = os.stat(self.temporary)
            if (current.st_uid, current.st_gid) != self.owner:
                try:
                    os.chown(self.temporary, *self.owner)
                except PermissionError:
                    raise NotWritableError(
                        errno.EPERM,
                        "its owner or group cannot be given to a new file by this user, and a "
                        "rewrite would change them; not written",
                    ) from None
            _copy_xattrs(self.path, self.temporary)
        os.chmod(self.temporary, self.mode)

    def _open_original(self) -> int | None:
        """The file being replaced, held open across the rename (None for a new file)."""
        if self.expected is None:
            return None
        try:
            return os.open(self.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError as exc:
            raise FileChangedError(
                f"{self.path}: cannot be opened again ({exc.strerror})"
            ) from None

    def _last_check(self, original: int | None) -> os.stat_result | None:
        """Just before the rename: the file is still the one that was read, unchanged (its
        size, mtime, ctime and inode, through the descriptor and through its name)."""
        if original is None or self.expected is None:
            return None
        info = os.fstat(original)
        named = os.stat(self.path)
        if Snapshot(
            info.st_size, info.st_mtime_ns, info.st_ctime_ns, (info.st_dev, info.st_ino)
        ) != self.expected or (named.st_dev, named.st_ino) != (info.st_dev, info.st_ino):
            raise FileChangedError(
                f"{self.path}: changed on disk since it was read; not overwritten"
            )
        return info

    def _check_no_write_lost(self, original: int, before: os.stat_result) -> None:
        """After the rename: nobody wrote to the replaced file meanwhile (a write between the
        last check and the rename, or through a descriptor kept open, lands in the old file,
        which no name reaches any more).  If somebody did, the fix is undone: the file gets
        the old file's bytes back, the other program's writes included."""
        after = os.fstat(original)
        if (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns):
            return
        chunks = []
        offset = 0
        while True:
            block = os.pread(original, 1 << 20, offset)
            if not block:
                break
            chunks.append(block)
            offset += len(block)
        try:
            restore = AtomicWriter(self.path, Snapshot.of(self.path))
            try:
                for block in chunks:
                    restore.write(block)
                restore.commit()
            finally:
                restore.discard()
        except OSError:
            raise LostWriteError(
                f"{self.path}: another program wrote {after.st_size - before.st_size:+d} bytes "
                "to it while newslint replaced it, and the file could not be put back: "
                "those writes are lost",
                restored=False,
            ) from None
        raise LostWriteError(
            f"{self.path}: another program wrote to it while newslint replaced it; the fix "
            "was undone (the file holds its old text and that program's writes)",
            restored=True,
        )

    def discard(self) -> None:
        """Drop the temp file (a no-op after a successful commit).  Never raises: closing a
        file on a full disk fails (its last bytes cannot be flushed), and the file is
        unlinked all the same; a signal waits until it is gone."""
        with signals_held():
            try:
                if self._handle is not None:
                    handle, self._handle = self._handle, None
                    with contextlib.suppress(OSError):
                        handle.close()
            finally:
                if not self._committed and self.temporary:
                    with contextlib.suppress(OSError):
                        os.unlink(self.temporary)
                    self.temporary = ""
