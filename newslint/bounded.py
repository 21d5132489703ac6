"""Reading a file newslint did not write, within bounds: a regular file, of a size limit.

Configuration files, schemas, site profiles and baselines may come with a corpus; one that
is a device (``/dev/zero``), a FIFO or a huge file must not hang or exhaust the run.  This
module imports nothing of newslint's, so that every reader (``newslint.schema`` included,
which imports nothing of newslint's either) can use it.
"""

from __future__ import annotations

import os
import stat

SCHEMA_SIZE_LIMIT = 10 << 20
"""A JSON Schema file (``schema = ...``) is read only if it holds at most 10 MiB."""


class NotReadable(ValueError):
    """A file newslint refuses to read: not a regular file, or larger than its limit."""


_FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
)


def read_regular_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of ``path``, a regular file (through links) of at most ``limit`` bytes.

    A device (``/dev/zero``), a FIFO or a socket is refused before anything is read
    (opened without blocking), and a file that is or grows larger than ``limit`` is
    refused after reading at most ``limit + 1`` bytes: ``NotReadable``.  ``OSError``
    as ``open`` raises it.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _FILE_KINDS if test(mode)), "a special file")
            raise NotReadable(f"not a regular file ({kind})")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise NotReadable(f"larger than {_size(limit)}")
    return data


def _size(limit: int) -> str:
    return f"{limit >> 20} MiB" if limit >= 1 << 20 and not limit % (1 << 20) else f"{limit} bytes"
