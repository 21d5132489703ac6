"""Check or fix one file end to end: read, decode, parse, lint, fix, write.

Nothing here raises on bad input: every failure becomes a ``ReadError`` naming
the file (and the line and column where it can), and the file is left as it was.
"""

from __future__ import annotations

import bisect
import codecs
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from newslint.context import DEFAULT_CONTEXT, ReadOptions, RunContext
from newslint.diagnostics import Diagnostic, Location, ReadError, pack, reduce_by_fields, unpack
from newslint.document import UTF8_BOM, DecodeError, Document, decode, line_starts
from newslint.engine import lint_document
from newslint.files import (
    FileChangedError,
    HardLinkError,
    LostWriteError,
    NotWritableError,
    Snapshot,
    StatKey,
    write_atomic,
)
from newslint.jsonstr import JsonStyle
from newslint.readers import SUPPORTED_TYPES, Reader, parse_document, reader_for
from newslint.readers.compressed import CompressionError, compress, compression_of, decompress
from newslint.rule import Rule
from newslint.statistics import CorpusStatistics, Statistic

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
RECORD_PATH = "record.json"
"""``records.RECORD_PATH`` (not imported: a check of files never needs the records' module)."""


@dataclass(frozen=True, slots=True)
class Options:
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    """Compute fixes but print a diff instead of writing."""
    locate_fixes: bool = False
    """Resolve each fix's edits to file locations (for JSON output)."""
    context: RunContext = DEFAULT_CONTEXT
    """How to read the dataset, and what a corpus pass learned (every article gets it)."""
    observe: tuple[type[Statistic], ...] = ()
    """Statistics to collect from each file's articles as they are read (in this pass)."""
    digest: bool = True
    """Hash each file's bytes: the cache's key (a run without a cache skips it)."""
    follow_links: bool = False
    """Follow symbolic links found in folders out of them (``--follow-links``)."""

    @property
    def read(self) -> ReadOptions:
        return self.context.read


@dataclass(slots=True)
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    fixed: int = 0
    fixed_diagnostics: list[Diagnostic] = field(default_factory=list)
    """The problems whose fixes were applied (for --show-fixes)."""
    diff: str = ""
    source: str | None = None
    """The text the diagnostics point into, when it is not the file on disk (stdin, --fix)."""
    articles: int = 0
    """How many articles were read (clean ones too): the denominator of every share."""
    unreadable: bool = False
    """The bytes could not be decoded: nothing was checked and nothing may be written."""
    digest: str = ""
    """Content hash of the file as it is on disk after the run (for the cache)."""
    stat: StatKey | None = None
    """(size, mtime_ns, inode) of the file after the run, when it was read from disk."""
    statistics: CorpusStatistics | None = None
    """What ``Options.observe`` asked to learn from this file's articles (as read)."""
    partial: bool = False
    """One chunk's part of a big file's check; more results for the same file follow."""
    notes: list[str] = field(default_factory=list)
    """What only ``-v`` prints: a JSON file skipped as no article (``package.json``)."""

    def absorb(self, part: FileResult) -> None:
        """Take in another part of the same file's check: its problems, errors, articles, statistics."""
        self.diagnostics.extend(part.diagnostics)
        self.errors.extend(part.errors)
        self.articles += part.articles
        self.add_statistics(part.statistics)

    def add_statistics(self, statistics: CorpusStatistics | None) -> None:
        """Merge a part's statistics into this result's (never into the part's own object)."""
        if statistics is None:
            return
        if self.statistics is None:
            self.statistics = statistics.empty()
        self.statistics.merge(statistics)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled with its diagnostics packed (``diagnostics.pack``): a worker sends
        hundreds of thousands of them to the parent, and the cache stores them."""
        _, fields = reduce_by_fields(self)
        return unpacked_result, (
            *fields[:1],
            pack(self.diagnostics),
            *fields[2:5],
            pack(self.fixed_diagnostics),
            *fields[6:],
        )


def unpacked_result(path: str, diagnostics: list[Any], *rest: Any) -> FileResult:
    """A pickled ``FileResult`` back (see ``FileResult.__reduce__``)."""
    errors, warnings, fixed, fixed_diagnostics, *more = rest
    return FileResult(
        path, unpack(diagnostics), errors, warnings, fixed, unpack(fixed_diagnostics), *more
    )


def content_digest(data: bytes) -> str:
    """The cache's content key: a file is unchanged if and only if this is."""
    import hashlib  # here: loading it takes some 10 ms of start-up, and only the cache needs it

    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _decode(
    path: str,
    data: bytes,
    result: FileResult,
    options: Options,
    first_byte: int = 0,
    first_line: int = 0,
    whole: bool = True,
) -> tuple[Document, Reader, bool] | None:
    """The file's document and reader, and whether some of its lines are not UTF-8 (their
    bytes are kept as ``decode_lines`` says); None, with the errors in ``result``, if none
    of it can be read."""
    reader = reader_for(path)
    if reader is None:
        result.errors.append(ReadError(path, f"unsupported file type; expected {SUPPORTED_TYPES}"))
        return None
    if not data:
        result.errors.append(ReadError(path, "file is empty: no article to check"))
        return None
    if reader.format == "txt" and first_byte == 0 and data.startswith(b"#!"):
        # A script (``innocent.txt -> script.sh``): a fix could turn its comments into code.
        result.errors.append(
            ReadError(path, "starts with '#!': a script, not an article; not checked")
        )
        result.unreadable = True
        return None
    try:
        text, bom = decode(data, first_byte)
        bad_lines: list[ReadError] = []
    except DecodeError as exc:
        if reader.format != "jsonl" or not lines_decodable(data, first_byte):
            result.errors.append(ReadError(path, str(exc), exc.line, exc.column))
            result.unreadable = True
            return None
        # One record per line: a line that is not UTF-8 is reported and kept byte for byte
        # (the reader skips it); the others are checked and fixed, as Ray does.
        text, bom, bad_lines = decode_lines(path, data, first_byte)
    document = parse_document(path, reader, text, bom, options.context, first_line)
    if whole and reader.format != "txt":
        from newslint.readers.shape import not_an_article

        skipped = not_an_article(document, options.read)
        if skipped is not None:
            # package.json, a JSON Schema, a baseline: not checked, not an error, never written.
            result.notes.append(f"skipped: {skipped}")
            return None
    result.errors.extend(sorted([*bad_lines, *document.errors], key=_line_of))
    result.articles = len(document.articles)
    if options.observe:
        statistics = CorpusStatistics(options.observe)
        for article in document.articles:
            statistics.observe(article)
        result.statistics = statistics
    return document, reader, bool(bad_lines)


def _line_of(error: ReadError) -> int:
    return error.line or 0


def lines_decodable(data: bytes, first_byte: int = 0) -> bool:
    """Whether bytes that ``decode`` refuses can still be read line by line: they are not
    binary (a NUL byte) or UTF-16 (its byte-order mark), only a line's bytes are not UTF-8."""
    utf16 = first_byte == 0 and data.startswith(_UTF16_BOMS) and not data.startswith(UTF8_BOM)
    return not utf16 and b"\x00" not in data


def decode_lines(path: str, data: bytes, first_byte: int = 0) -> tuple[str, bool, list[ReadError]]:
    """Bytes of JSONL that are not all UTF-8, decoded line by line: (text, had_bom, errors).

    Each byte that is not UTF-8 becomes a lone surrogate (``surrogateescape``), which
    ``encode_lines`` turns back into the same byte, and which no JSON text can hold
    otherwise: the reader skips such a line, so nothing of it is checked or changed.
    One error names each such line (its first bad byte), as a file's would.
    """
    bom = first_byte == 0 and data.startswith(UTF8_BOM)
    start = len(UTF8_BOM) if bom else 0
    errors: list[ReadError] = []
    view = memoryview(data)
    position, line, counted = start, 1, 0
    while position < len(data):
        try:
            codecs.utf_8_decode(view[position:], "strict", True)
            break
        except UnicodeDecodeError as exc:
            offset = position + exc.start
            line += data.count(b"\n", counted, offset)
            counted = offset
            line_start = data.rfind(b"\n", 0, offset) + 1
            message = (
                f"not valid UTF-8: byte 0x{data[offset]:02x} at byte offset "
                f"{first_byte + offset} ({exc.reason}); record not checked, left as it is"
            )
            errors.append(ReadError(path, message, line, offset - line_start + 1))
            newline = data.find(b"\n", offset)
            position = len(data) if newline < 0 else newline + 1
    text = view[start:].tobytes().decode("utf-8", "surrogateescape")
    return text, bom, errors


def encode_lines(text: str, bom: bool) -> bytes:
    """``decode_lines``'s text back to bytes: its bad lines as they were."""
    data = text.encode("utf-8", "surrogateescape")
    return UTF8_BOM + data if bom else data


def _locate_fixes(document: Document, reader: Reader, diagnostics: list[Diagnostic]) -> None:
    """Resolve each fix's edits, and its additions to list fields, to file locations."""
    from newslint.fixer import Planner  # a check that neither fixes nor locates fixes skips it

    planner = Planner(document, reader)
    for diagnostic in diagnostics:
        if diagnostic.fix is None:
            continue
        article = document.articles[diagnostic.article_index]
        sources = [planner.source_edit(article, edit) for edit in diagnostic.fix.edits]
        sources += [
            reader.append_edit(document, article, append.field, [append.value])
            for append in diagnostic.fix.appends
        ]
        located = []
        for source in sources:
            if source is not None:
                start, end = document.position(source[0]), document.position(source[1])
                located.append((Location(*start, *end), source[2]))
        diagnostic.fix_edits = tuple(located)


def place_in_fields(document: Document, diagnostics: list[Diagnostic]) -> None:
    """Give each diagnostic its article's id and url and its place in the field's text
    (``Diagnostic.field_location``): what reports print for a JSONL record, whose file
    column is an offset into one escaped line."""
    starts: dict[tuple[int, str], list[int]] = {}
    articles = document.articles
    in_json = document.format != "txt"  # a text file's lines are its fields' lines
    for diagnostic in diagnostics:
        index = diagnostic.article_index
        if not 0 <= index < len(articles):
            continue
        values = articles[index].values
        identifier = values.get("id")
        if isinstance(identifier, (str, int)) and not isinstance(identifier, bool):
            diagnostic.record_id = identifier
        url = values.get("url")
        if isinstance(url, str):
            diagnostic.record_url = url
        name = diagnostic.field
        value = values.get(name) if name and in_json else None
        if not isinstance(value, str) or name is None:
            continue
        key = (index, name)
        lines = starts.get(key)
        if lines is None:
            lines = starts[key] = line_starts(value)
        start = min(diagnostic.start, len(value))
        end = min(max(diagnostic.end, start), len(value))
        line = bisect.bisect_right(lines, start) - 1
        end_line = bisect.bisect_right(lines, end, line) - 1
        diagnostic.field_location = Location(
            line + 1, start - lines[line] + 1, end_line + 1, end - lines[end_line] + 1
        )


def process_data(
    path: str,
    data: bytes,
    rules: Sequence[Rule],
    options: Options,
    *,
    style: JsonStyle | None = None,
    first_byte: int = 0,
    first_line: int = 0,
) -> tuple[FileResult, bytes | None]:
    """Check (and, with the options, fix) the bytes of one file; return the fixed bytes, if any.

    ``path`` names the file in messages and chooses its format; nothing is read or written.
    For a chunk of a big JSONL file, ``style`` is the whole file's JSON escaping style and
    ``first_byte`` the chunk's offset in the file and ``first_line`` the lines before it:
    diagnostics' lines and records are the file's, read errors' lines the chunk's own.
    """
    result = FileResult(path)
    compression = compression_of(path) if first_byte == 0 else None
    original = data
    if compression is not None and data:
        try:
            data = decompress(data, compression)
        except CompressionError as exc:
            result.errors.append(ReadError(path, f"{exc}; not checked, left as it is"))
            result.unreadable = True
            return result, None
    # A record (the library API) is an article whatever its fields; a line of a file
    # (``style`` given: Ray, a chunk) is judged with its file.
    whole = style is None and path != RECORD_PATH
    decoded = _decode(path, data, result, options, first_byte, first_line, whole)
    if decoded is None:
        return result, None
    document, reader, bad_lines = decoded
    if style is not None:
        document.preset_json_style(style)
    for rule in rules:
        result.warnings.extend(rule.file_warnings(document.articles))
    if not (options.fix or options.diff):
        result.diagnostics = lint_document(document, rules)
        place_in_fields(document, result.diagnostics)
        if options.locate_fixes:
            _locate_fixes(document, reader, result.diagnostics)
        return result, None
    from newslint.fixer import fix_document

    outcome = fix_document(document, reader, rules, unsafe=options.unsafe_fixes)
    result.diagnostics = outcome.remaining
    place_in_fields(outcome.document, result.diagnostics)
    if options.locate_fixes:
        _locate_fixes(outcome.document, reader, result.diagnostics)
    if outcome.refused:
        result.warnings.append(outcome.refused)
    if outcome.unsettled:
        result.warnings.append(
            f"fixes of {', '.join(outcome.unsettled)} kept changing the text and were not applied"
        )
    if not outcome.changed:
        return result, None
    try:
        fixed_text = outcome.document.text
        new_data = (
            encode_lines(fixed_text, document.bom) if bad_lines else document.encode(fixed_text)
        )
    except UnicodeEncodeError as exc:
        result.errors.append(
            ReadError(path, f"fixed text cannot be written as UTF-8 ({exc.reason}); not written")
        )
        return result, None
    if new_data == data:
        return result, None
    result.fixed = max(len(outcome.fixed), outcome.initial - len(outcome.remaining))
    result.fixed_diagnostics = outcome.fixed
    result.source = outcome.document.text
    if options.diff:
        result.diff = _diff(path, document, outcome.document)
    if compression is not None:
        # Written back as it came: the same compression (a fix never decompresses a corpus).
        new_data = compress(new_data, compression, original)
    return result, new_data


def _diff(path: str, before: Document, after: Document) -> str:
    """What ``--diff`` prints: the file's diff, or, for JSONL, each changed field's."""
    from newslint.output import diff  # only --diff needs difflib

    if before.format == "jsonl":
        return diff.record_diffs(path, before.articles, after.articles, before.first_line)
    return diff.file_diff(path, before.text, after.text)


def not_written(exc: OSError) -> str:
    """Why a fixed file was not written, for its error line."""
    if isinstance(exc, LostWriteError):
        if exc.restored:
            return (
                "another program wrote to it while newslint replaced it; "
                "the fix was undone and that program's writes kept"
            )
        return str(exc).split(": ", 1)[-1]
    if isinstance(exc, FileChangedError):
        return "changed on disk while newslint was fixing it; not overwritten"
    if isinstance(exc, (HardLinkError, NotWritableError)):
        return exc.strerror or str(exc)
    return f"checked, but the fixes could not be written ({exc.strerror or exc}); left as it was"


def internal_error(path: str, exc: Exception) -> FileResult:
    """A bug in newslint on one file, as an error for that file (nothing of it is written)."""
    message = f"internal error, file skipped and left as it was: {type(exc).__name__}: {exc}"
    return FileResult(path, errors=[ReadError(path, message)])


def process_file(path: str, rules: Sequence[Rule], options: Options) -> FileResult:
    """Check (and, with the options, fix in place) one file on disk."""
    if reader_for(path) is None:
        result = FileResult(path)
        result.errors.append(ReadError(path, f"unsupported file type; expected {SUPPORTED_TYPES}"))
        return result
    file_path = Path(path)
    try:
        if file_path.exists() and not file_path.is_file():
            # A named pipe or a device: reading it could block for ever, or never end.
            return FileResult(
                path,
                errors=[
                    ReadError(
                        path, "not a regular file (a named pipe, socket or device); not checked"
                    )
                ],
            )
        snapshot = Snapshot.of(file_path)
        data = file_path.read_bytes()
    except OSError as exc:
        return FileResult(path, errors=[ReadError(path, f"cannot read: {exc.strerror or exc}")])
    result, new_data = process_data(path, data, rules, options)
    if new_data is None or options.diff:
        if not options.diff:
            result.digest = content_digest(data) if options.digest else ""
            result.stat = snapshot.key
        return result
    try:
        write_atomic(file_path, new_data, snapshot)
    except OSError as exc:
        # Nothing was written: report the problems of the file as it still is, all of them.
        unchanged, _ = process_data(path, data, rules, replace(options, fix=False, diff=False))
        unchanged.errors.append(ReadError(path, not_written(exc)))
        return unchanged
    result.digest = content_digest(new_data) if options.digest else ""
    try:
        result.stat = Snapshot.of(file_path).key
    except OSError:
        result.stat = None
    return result
