"""Compressed corpora: ``.jsonl.gz``, ``.json.gz`` (gzip) and ``.jsonl.zst``, ``.json.zst`` (zstd).

CC-News dumps and datatrove outputs come compressed.  A compressed file is read whole,
decompressed in bounded steps (a zip bomb stops at ``DECOMPRESSED_SIZE_LIMIT`` with a
one-line error instead of filling the memory), checked as the JSON or JSONL it holds, and
``--fix`` writes it back in the same compression (``compress``), atomically, by the
runner.  gzip is the standard library's; zstd needs the ``zstandard`` package
(``pip install 'newslint[zstd]'``), imported only when a ``.zst`` file is read.

A big compressed file is never cut in chunks (``newslint.chunks``): its bytes cannot be
split without decompressing them, so it is checked whole, by one worker.
"""

from __future__ import annotations

import zlib
from typing import Any

GZIP = "gzip"
ZSTD = "zstd"

COMPRESSIONS: dict[str, str] = {".gz": GZIP, ".zst": ZSTD}
"""The last suffix of a compressed file -> its compression."""

INNER_SUFFIXES = (".json", ".jsonl")
"""What a compressed file may hold: its suffix before the compression's."""

COMPRESSED_SUFFIXES = tuple(inner + outer for outer in COMPRESSIONS for inner in INNER_SUFFIXES)
"""``.json.gz``, ``.jsonl.gz``, ``.json.zst``, ``.jsonl.zst``."""

DECOMPRESSED_SIZE_LIMIT = 4 << 30
"""The most bytes a compressed file may decompress to (4 GiB): a bomb stops here, and a
file this big is too big to hold in memory anyway (decompress it and let chunks cut it)."""

_INPUT_STEP = 1 << 10
"""Compressed bytes fed to zstd at a time: zstd at most expands 1 KiB into some 32 MiB, so
the limit is overshot by at most that (zlib's ``max_length`` bounds gzip exactly)."""
_OUTPUT_STEP = 1 << 20


class CompressionError(ValueError):
    """Compressed bytes that cannot be read: corrupt, truncated, too big, or no zstandard."""


def compression_of(path: str) -> str | None:
    """``gzip`` or ``zstd`` for a compressed article file's name (case-insensitive), else None."""
    lower = path.lower()
    for suffix in COMPRESSED_SUFFIXES:
        if lower.endswith(suffix):
            return COMPRESSIONS[suffix[suffix.rindex(".") :]]
    return None


def inner_name(path: str) -> str:
    """The name without its compression suffix (``a.jsonl.gz`` -> ``a.jsonl``): its format."""
    if compression_of(path) is None:
        return path
    return path[: path.rindex(".")]


def decompress(data: bytes, compression: str, limit: int | None = None) -> bytes:
    """The bytes ``data`` holds, never more than ``limit`` (``DECOMPRESSED_SIZE_LIMIT``) of them.

    Every member (gzip) or frame (zstd) is read, as ``zcat`` and ``zstdcat`` do; a stream
    that ends inside one, corrupt data and a checksum that does not match raise
    ``CompressionError`` with a one-line reason.
    """
    if limit is None:
        limit = DECOMPRESSED_SIZE_LIMIT
    if compression == GZIP:
        return _gunzip(data, limit)
    if compression == ZSTD:
        return _unzstd(data, limit)
    raise CompressionError(f"unknown compression {compression!r}")


def _too_big(limit: int) -> CompressionError:
    return CompressionError(
        f"decompresses to more than {_size(limit)} (the limit for a compressed file); "
        "not checked (decompress it and check the file: big JSONL files are read in chunks)"
    )


def _size(limit: int) -> str:
    if limit >= 1 << 30 and limit % (1 << 30) == 0:
        return f"{limit >> 30} GiB"
    if limit >= 1 << 20 and limit % (1 << 20) == 0:
        return f"{limit >> 20} MiB"
    return f"{limit:,} bytes"


def _gunzip(data: bytes, limit: int) -> bytes:
    if not data.startswith(b"\x1f\x8b"):
        raise CompressionError("not a gzip file (it does not start with gzip's magic bytes)")
    out = bytearray()
    rest = data
    while rest:
        stream = zlib.decompressobj(wbits=31)  # 31: gzip header and trailer (CRC, size)
        pending = rest
        try:
            while not stream.eof:
                room = limit - len(out)
                piece = stream.decompress(pending, min(_OUTPUT_STEP, room + 1))
                out += piece
                if len(out) > limit:
                    raise _too_big(limit)
                pending = stream.unconsumed_tail
                if not pending and not piece and not stream.eof:
                    raise CompressionError(
                        "truncated gzip file (the data ends inside a compressed stream)"
                    )
        except zlib.error as exc:
            raise CompressionError(f"corrupt gzip data ({_zlib_reason(exc)})") from None
        rest = stream.unused_data
        if rest and not rest.startswith(b"\x1f\x8b"):
            if rest.strip(b"\x00"):
                raise CompressionError("data after the end of the gzip stream that is not gzip")
            break  # zero padding after the last member, as gzip itself allows
    return bytes(out)


def _zlib_reason(exc: zlib.error) -> str:
    reason = str(exc)
    return reason.split(": ", 1)[1] if reason.startswith("Error ") and ": " in reason else reason


def _zstandard() -> Any:
    try:
        import zstandard
    except ImportError:
        raise CompressionError(
            "reading .zst files needs the zstandard package: pip install 'newslint[zstd]'"
        ) from None
    return zstandard


def _unzstd(data: bytes, limit: int) -> bytes:
    zstandard = _zstandard()
    decompressor = zstandard.ZstdDecompressor()
    if not data:
        raise CompressionError("empty .zst file (not even a zstd frame header)")
    out = bytearray()
    view = memoryview(data)
    offset = 0
    while offset < len(data):
        frame = decompressor.decompressobj()
        position = offset
        try:
            while not frame.eof and position < len(data):
                piece = view[position : position + _INPUT_STEP].tobytes()
                out += frame.decompress(piece)
                position += len(piece)
                if len(out) > limit:
                    raise _too_big(limit)
        except zstandard.ZstdError as exc:
            raise CompressionError(f"corrupt zstd data ({exc})") from None
        if not frame.eof:
            raise CompressionError("truncated zstd file (the data ends inside a frame)")
        offset = position - len(frame.unused_data)
    return bytes(out)


def compress(data: bytes, compression: str, original: bytes = b"") -> bytes:
    """``data`` compressed as ``compression``: how ``--fix`` writes a compressed file back.

    gzip keeps the ``original`` file's modification time in its header (a fix changes
    the text, not when the dump was made) and uses level 6, gzip's own default; zstd
    uses level 3, zstd's default, with a checksum.
    """
    if compression == GZIP:
        import gzip

        mtime = int.from_bytes(original[4:8], "little") if len(original) >= 10 else 0
        return gzip.compress(data, compresslevel=6, mtime=mtime)
    if compression == ZSTD:
        zstandard = _zstandard()
        compressor = zstandard.ZstdCompressor(level=3, write_checksum=True)
        return bytes(compressor.compress(data))
    raise CompressionError(f"unknown compression {compression!r}")
