"""Finding the files to check, and writing fixed files back atomically."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newslint.readers import supported_suffixes

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


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a file looked like when it was read, to detect changes before writing."""

    size: int
    mtime_ns: int
    ctime_ns: int
    """Changes on any write, even one that keeps the size and puts the mtime back."""
    inode: tuple[int, int]
    """(device, inode): another file renamed over this one has another inode."""

    @classmethod
    def of(cls, path: Path) -> Snapshot:
        info = path.stat()
        return cls(info.st_size, info.st_mtime_ns, info.st_ctime_ns, (info.st_dev, info.st_ino))


class FileChangedError(OSError):
    """The file changed on disk after it was read; it was not overwritten."""


class HardLinkError(OSError):
    """The file has other hard links, which an atomic rename would silently detach."""


def discover(paths: list[str]) -> Iterator[tuple[str, str | None]]:
    """(path, error) for every file to check, in a stable order.

    Folders are walked for .txt, .json and .jsonl files, skipping hidden and
    tool folders; a path named explicitly is checked whatever its suffix says
    only if newslint has a reader for it.
    """
    suffixes = supported_suffixes()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, suffixes)
        elif path.is_file():
            if path.suffix.lower() in suffixes:
                yield raw, None
            else:
                yield (
                    raw,
                    f"unsupported file type {path.suffix or '(no suffix)'!r}; expected .txt, .json or .jsonl",
                )
        elif path.exists():
            yield raw, "not a regular file (a named pipe, socket or device); not checked"
        elif path.is_symlink():
            yield raw, "broken symbolic link (or a loop of links)"
        else:
            yield raw, "no such file or directory"


def _walk(root: Path, suffixes: tuple[str, ...]) -> Iterator[tuple[str, str | None]]:
    errors: list[OSError] = []
    found: list[str] = []
    for folder, directories, files in os.walk(root, onerror=errors.append, followlinks=False):
        directories[:] = sorted(
            d for d in directories if d not in SKIPPED_DIRECTORIES and not d.startswith(".")
        )
        for name in files:
            if Path(name).suffix.lower() in suffixes and not name.startswith("."):
                found.append(os.path.join(folder, name))
    yield from ((path, None) for path in sorted(found))
    for error in errors:
        yield str(error.filename), f"cannot read folder: {error.strerror}"


def write_atomic(path: Path, data: bytes, expected: Snapshot | None = None) -> None:
    """Replace ``path`` with ``data``: temp file in the same folder, fsync, keep mode, rename.

    If ``expected`` is given and the file no longer matches it, nothing is written.
    """
    if expected is not None and Snapshot.of(path) != expected:
        raise FileChangedError(f"{path}: changed on disk since it was read; not overwritten")
    # Write through a symbolic link to the file it names, so the link stays a link.
    path = path.resolve(strict=True)
    info = path.stat()
    if info.st_nlink > 1:
        raise HardLinkError(
            f"has {info.st_nlink} hard links and a rewrite would break them; not written"
        )
    mode = stat.S_IMODE(info.st_mode)
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".newslint-tmp", dir=path.parent
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # Again, now that the slow part is done: the window for a lost edit is only the rename.
        if expected is not None and Snapshot.of(path) != expected:
            raise FileChangedError(f"{path}: changed on disk since it was read; not overwritten")
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
