"""Sites and the lines their pages share: what site-aware boilerplate rules learn from a corpus.

A site's menus, footers, share bars and promos repeat word for word on its pages, and its
articles' sentences almost never do (on the 799 pages of ``dragnet-sites``, 84% of the
boilerplate lines recur on 3 or more pages of their site, and 5% of the article lines, most
of them reader comments' ``Reply``).  ``SiteLines`` is the corpus statistic that counts, per
site, on how many pages each line occurs; NL408 reads it.

Bounded memory: lines are kept as 64-bit fingerprints of their normalised text (never the
text), and when the statistic holds more than ``MAX_FINGERPRINTS`` of them, those seen on one
page only are dropped (a line seen once so far that recurs later is then undercounted by
one; on a corpus that big, the lines that matter are seen on many pages).
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from newslint.rules._boilerplate import CLOSERS, SENTENCE_ENDS, ends_sentence
from newslint.statistics import NO_URL, ObservedArticle, Statistic, domain_of

if TYPE_CHECKING:
    from publicsuffixlist import PublicSuffixList

SHORT_LINE = 300
"""Lines up to this long always count (``counted``), and ``known_key`` remembers their
fingerprints: the short ones come back on every page of a site."""
MAX_LINE = 2000
"""Longer lines never count.  A longer line than ``SHORT_LINE`` counts when it does not end
as a sentence does: an archive widget or a footer rendered inline is one line of 300 to
1,000 characters (`Archives September (1) July (1) ...`), a paragraph ends with its
sentence (and paragraphs that repeat are NL601's business).  On dragnet-sites, the corpus
pass flags 89.9% of the boilerplate lines and 1.15% of the article lines counting lines up
to 300 characters, 90.5% and 1.28% counting every line up to 2,000 (the extra article lines:
a comment form's guidelines and a press office's disclaimer, paragraphs that the gold keeps),
and 90.3% and 1.18% counting long lines that do not end as a sentence; this also spares the
corpus pass the normalising and hashing of every paragraph."""
MAX_FINGERPRINTS = 2_000_000
"""About 200 MB of counts; above it, lines seen on one page only are forgotten."""
PENDING_CHARACTERS = 2_000_000
"""Characters of normalised lines a statistic counts by their text before it fingerprints
them (some 50,000 lines of a site's template; a few MB)."""
KNOWN_LINES = 50_000
"""Lines whose fingerprints ``known_key`` remembers (lines of ``SHORT_LINE`` characters
at most: some 25 MB at worst, 5 MB for lines of 40 characters)."""
PROFILE_FORMAT = "newslint-site-profile/1"
PROFILE_MIN_PAGES = 2
"""A profile keeps the lines that at least this many pages of a site carry."""
PROFILE_SIZE_LIMIT = 256 << 20
"""A site profile is read only if it is a regular file of at most 256 MiB: a profile takes
about 80 bytes a line (7.2 MB for the 91,782 lines learned from 20,450 pages of 172 sites),
so that is some 3 million lines, a profile learned from several hundred thousand pages;
loading one that big takes about 1.5 GB (43 MB measured for 7.2 MB).  The limit keeps a
device (``/dev/zero``), a FIFO or a huge file named by ``site-profile`` (a configuration that
came with a corpus) from eating memory or hanging the run."""


_nfkc = unicodedata.normalize
_from_bytes = int.from_bytes
_blake2b: Callable[..., Any] | None = None


def _hasher() -> Callable[..., Any]:
    global _blake2b
    if _blake2b is None:
        import hashlib  # here: only a run with a site-aware rule pays for loading it (10 ms)

        _blake2b = hashlib.blake2b
    return _blake2b


def normal_line(line: str) -> str:
    """A line as it is compared across pages: NFKC, case folded, whitespace collapsed.

    Numbers are kept: reading every digit run as one would join ``Comments (74)`` and
    ``Comments (3)``, but also each page's byline-and-date block (``November 5, 2012``), and
    on dragnet-sites it flagged 1.1% more article lines for 1.4% more boilerplate lines.
    """
    if not line.isascii():  # NFKC leaves ASCII as it is
        line = _nfkc("NFKC", line)
    line = line.casefold()
    if _collapsed(line):
        return line
    return " ".join(line.split())  # str.split's whitespace is re's \s


def _collapsed(line: str) -> bool:
    """Whether ``" ".join(line.split())`` is ``line`` itself, told cheaply for most lines: no
    whitespace but single spaces between words (every other whitespace character, U+0020
    aside, is unprintable)."""
    return bool(line) and (
        line.isprintable() and "  " not in line and line[0] != " " and line[-1] != " "
    )


def fingerprint(normal: str) -> int:
    """A 64-bit digest of a normalised line, the same in every process and every run."""
    digest = (_blake2b or _hasher())(normal.encode("utf-8", "surrogatepass"), digest_size=8)
    return _from_bytes(digest.digest(), "little")


def line_key(line: str) -> int | None:
    """``fingerprint(normal_line(line))`` for a line of a body; None for a blank line or one
    that does not count (``counted``)."""
    key = _known.get(line)
    if key is None:
        key = known_key(line)
    return key if key >= 0 else None


def known_key(line: str) -> int:
    """``line_key``, -1 for None; remembered for the next ``KNOWN_LINES`` lines: a site's
    menu and footer come back, word for word, on each of its pages."""
    if not counted(line):
        return -1  # never remembered: a paragraph
    normal = (line if line.isascii() else _nfkc("NFKC", line)).casefold()
    remember = len(line) <= SHORT_LINE
    if not _collapsed(normal):
        normal = " ".join(normal.split())
    key = -1
    if normal:
        hasher = _blake2b or _hasher()
        digest = hasher(normal.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        key = _from_bytes(digest, "little")
    if remember:
        if len(_known) >= KNOWN_LINES:
            _known.clear()
        _known[line] = key
    return key


def remembered_keys(lines: Iterable[str]) -> list[int | None]:
    """The fingerprints ``known_key`` remembers of ``lines`` (-1: none), None for the lines
    it does not remember, in one pass in C."""
    return list(map(_known.get, lines))


_known: dict[str, int] = {}
"""``known_key``'s memory: line -> fingerprint, -1 for none."""


def counted(line: str) -> bool:
    """Whether a non-blank line of a body counts: up to ``SHORT_LINE`` characters, or up to
    ``MAX_LINE`` if it does not end as a sentence does (a paragraph)."""
    size = len(line)
    return size <= SHORT_LINE or (size <= MAX_LINE and not ends_sentence(line))


def normal_lines(body: str) -> set[str]:
    """The distinct normalised lines of ``body`` that count (not blank, ``counted``): what a
    page adds to its site's counts.  ``normal_line`` inlined: the corpus pass calls it for
    every line of every page."""
    found: set[str] = set()
    add = found.add
    nfkc = _nfkc
    for line in body.split("\n"):
        if line and (
            len(line) <= SHORT_LINE
            or (len(line) <= MAX_LINE and not line.rstrip(CLOSERS).endswith(SENTENCE_ENDS))
        ):  # ``counted`` inlined
            if not line.isascii():
                line = nfkc("NFKC", line)
            line = line.casefold()  # not empty: neither NFKC nor case folding deletes
            if line.isprintable() and "  " not in line and line[0] != " " and line[-1] != " ":
                add(line)
            else:
                add(" ".join(line.split()))
    found.discard("")
    return found


def body_lines(body: str) -> Iterator[tuple[int, int, int | None]]:
    """(start, end, fingerprint) of each non-empty line of ``body``; the fingerprint is None
    for a line that does not count."""
    start = 0
    for line in body.split("\n"):
        end = start + len(line)
        if line and not line.isspace():
            yield start, end, line_key(line)
        start = end + 1


@lru_cache(maxsize=2)
def _suffixes(punycode: bool = False) -> PublicSuffixList:
    """The bundled Public Suffix List (no network).  Its constructor converts each rule to
    punycode as well (two thirds of its 60 ms: the 500 rules that are not ASCII); a host
    without a punycode label (``xn--``) cannot match a converted rule, so it is served by the
    list without them, read in a third of the time."""
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList(accept_encoded_idn=punycode)


def prepare(site_key: str) -> None:
    """Load what ``site_of`` needs for ``site_key`` now: in the parent, before a pool forks,
    every worker of both passes inherits it instead of reading it again."""
    if site_key == "domain":
        _suffixes()


@lru_cache(maxsize=4096)
def registered_domain(host: str) -> str:
    """``news.bbc.co.uk`` -> ``bbc.co.uk`` (the Public Suffix List); a host without a
    registrable part (an IP address, ``localhost``) is its own site."""
    if not host or host == NO_URL or host.replace(".", "").isdigit() or ":" in host:
        return host
    return _suffixes("xn--" in host).privatesuffix(host) or host


def site_of(values: Mapping[str, Any], spec: str) -> str:
    """The site an article belongs to, by the ``site-key`` setting ``spec``."""
    if spec.startswith("field:"):
        value = values.get(spec[6:])
        return value.strip() if isinstance(value, str) and value.strip() else NO_URL
    host = domain_of(values.get("url"))
    if spec == "host" or host == NO_URL:
        return host
    if spec.startswith("path:"):
        url = values.get("url")
        path = urlsplit("".join(url.split())).path if isinstance(url, str) else ""
        parts = [part for part in path.split("/") if part][: int(spec[5:])]
        return "/".join([host, *parts])
    return registered_domain(host)


class SiteLines(Statistic):
    """Pages per site, and on how many of a site's pages each line of a body occurs.

    A page's lines are counted by their normalised text at first, and fingerprinted when the
    counts are read, merged or pickled (or when ``PENDING_CHARACTERS`` wait): a site's menu,
    on every page of a chunk of the corpus, is hashed once per chunk, not once per page.
    """

    name = "site-lines"
    __slots__ = ("_lines", "_memo", "_pending", "_size", "_waiting", "pages", "source")

    def __init__(self) -> None:
        self.pages: dict[str, int] = {}
        self._lines: dict[str, dict[int, int]] = {}
        self._pending: dict[str, Counter[str]] = {}
        """Per site, pages per normalised line not fingerprinted yet."""
        self._waiting = 0
        self._size = 0
        self._memo: dict[tuple[str, float], frozenset[int]] = {}
        self.source: str | None = None
        """The profile it was read from (None: learned by this run)."""

    @property
    def lines(self) -> dict[str, dict[int, int]]:
        """Per site, on how many pages each line (by fingerprint) occurs."""
        if self._pending:
            self._fingerprint_pending()
        return self._lines

    def observe(self, article: ObservedArticle) -> None:
        body = article.text("body")
        context = getattr(article, "context", None)
        spec = context.read.site_key if context is not None else "domain"
        site = site_of(article.values, spec)
        self.pages[site] = self.pages.get(site, 0) + 1
        if not body:
            return
        normals = normal_lines(body)
        pending = self._pending.get(site)
        if pending is None:
            pending = self._pending[site] = Counter()
        pending.update(normals)  # a loop in C
        self._waiting += sum(map(len, normals))
        if self._waiting > PENDING_CHARACTERS:
            self._fingerprint_pending()

    def _fingerprint_pending(self) -> None:
        hasher = _blake2b or _hasher()
        pending, self._pending, self._waiting = self._pending, {}, 0
        self._memo.clear()
        for site, texts in pending.items():
            counts = self._lines.setdefault(site, {})
            before = len(counts)
            for text, pages in texts.items():
                digest = hasher(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()
                key = _from_bytes(digest, "little")
                counts[key] = counts.get(key, 0) + pages
            self._grew(len(counts) - before)

    def merge(self, other: Any) -> None:
        for site, pages in other.pages.items():
            self.pages[site] = self.pages.get(site, 0) + pages
        lines = self.lines
        self._memo.clear()
        for site, theirs in other.lines.items():
            counts = lines.get(site)
            if not counts:
                lines[site] = dict(theirs)
                self._grew(len(theirs))
                continue
            before = len(counts)
            # In C but for the lines both count (a third of them, merging a corpus's chunks).
            both = {key: counts[key] + theirs[key] for key in counts.keys() & theirs.keys()}
            counts.update(theirs)
            counts.update(both)
            self._grew(len(counts) - before)

    def _grew(self, added: int) -> None:
        self._size += added
        if self._size > MAX_FINGERPRINTS:
            lines = self._lines
            for site, counts in lines.items():
                lines[site] = {key: n for key, n in counts.items() if n > 1}
            self._size = sum(map(len, lines.values()))

    @classmethod
    def of(
        cls, pages: dict[str, int], lines: dict[str, dict[int, int]], source: str | None = None
    ) -> SiteLines:
        """Counts made elsewhere (a profile), with where they come from."""
        made = cls()
        made.__setstate__((pages, lines, source))
        return made

    def pages_with(self, site: str, key: int) -> int:
        """On how many of ``site``'s pages the line with fingerprint ``key`` occurs."""
        counts = self.lines.get(site)
        return counts.get(key, 0) if counts else 0

    def template(self, site: str, least: float) -> frozenset[int]:
        """The lines (fingerprints) that at least ``least`` of ``site``'s pages carry
        (remembered: a check with a profile asks it for every file)."""
        found = self._memo.get((site, least))
        if found is None:
            counts = self.lines.get(site) or {}
            found = frozenset(key for key, count in counts.items() if count >= least)
            self._memo[(site, least)] = found
        return found

    def as_json(self) -> dict[str, Any]:
        """Per site: its pages and its lines seen on two pages or more (hex fingerprints);
        every line, for a profile (a hand-edited one may hold lines of one page, which
        ``min-pages = 1`` reads)."""
        lines = self.lines
        least = 1 if self.source is not None else 2
        return {
            site: {
                "pages": self.pages[site],
                "lines": {
                    f"{key:016x}": count
                    for key, count in sorted(lines.get(site, {}).items())
                    if count >= least
                },
            }
            for site in sorted(self.pages)
        }

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SiteLines) and (self.pages, self.lines) == (
            other.pages,
            other.lines,
        )

    __hash__ = None  # type: ignore[assignment]

    def __getstate__(self) -> tuple[dict[str, int], dict[str, dict[int, int]], str | None]:
        return self.pages, self.lines, self.source

    def __setstate__(
        self, state: tuple[dict[str, int], dict[str, dict[int, int]], str | None]
    ) -> None:
        self.pages, self._lines, self.source = state
        self._pending, self._waiting, self._memo = {}, 0, {}
        self._size = sum(map(len, self._lines.values()))


# -- site profiles: what ``newslint learn`` saves and ``site-profile`` loads ----------------------


class ProfileError(ValueError):
    """A site profile that cannot be used (missing, malformed, or learned otherwise)."""


def profile_text(learned: SiteLines, texts: Mapping[int, str], site_key: str) -> str:
    """A site profile as JSON: per site, its pages and the lines (normalised text) that at
    least ``PROFILE_MIN_PAGES`` of them carry, sorted, one per line, so that a change to the
    corpus reads as a short diff in review."""
    sites = {}
    for site in sorted(learned.pages):
        counts = learned.lines.get(site, {})
        lines = {
            texts[key]: count
            for key, count in counts.items()
            if count >= PROFILE_MIN_PAGES and key in texts
        }
        sites[site] = {"pages": learned.pages[site], "lines": dict(sorted(lines.items()))}
    profile = {"format": PROFILE_FORMAT, "site-key": site_key, "sites": sites}
    return json.dumps(profile, ensure_ascii=False, indent=1) + "\n"


def load_profile(path: Path, site_key: str) -> SiteLines:
    """The ``SiteLines`` a profile holds; ``ProfileError`` (one line, naming the file) if it
    cannot be read, is not a regular file of at most ``PROFILE_SIZE_LIMIT`` bytes, is not a
    profile, or was learned with another ``site-key``."""
    from newslint.config import read_regular_file

    try:
        data = json.loads(read_regular_file(path, PROFILE_SIZE_LIMIT).decode("utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"site profile {path}: file not found") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:  # ValueError: NotReadable too
        raise ProfileError(f"site profile {path}: cannot be read: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != PROFILE_FORMAT:
        raise ProfileError(f"site profile {path}: not a newslint site profile ({PROFILE_FORMAT})")
    if data.get("site-key") != site_key:
        raise ProfileError(
            f"site profile {path}: learned with site-key {data.get('site-key')!r}, but this "
            f"run's site-key is {site_key!r}; learn it again with `newslint learn`"
        )
    sites = data.get("sites")
    if not isinstance(sites, dict):
        raise ProfileError(f"site profile {path}: 'sites' must be an object")
    all_pages: dict[str, int] = {}
    all_lines: dict[str, dict[int, int]] = {}
    for site, entry in sites.items():
        pages = entry.get("pages") if isinstance(entry, dict) else None
        lines = entry.get("lines") if isinstance(entry, dict) else None
        if not (isinstance(pages, int) and pages > 0 and isinstance(lines, dict)):
            raise ProfileError(f"site profile {path}: site {site!r} needs 'pages' and 'lines'")
        counts: dict[int, int] = {}
        for text, count in lines.items():
            if not (isinstance(count, int) and 0 < count <= pages):
                raise ProfileError(
                    f"site profile {path}: site {site!r}: line {text!r} has count {count!r}"
                )
            key = fingerprint(normal_line(text))
            counts[key] = max(counts.get(key, 0), count)
        all_pages[site] = pages
        all_lines[site] = counts
    return SiteLines.of(all_pages, all_lines, str(path))
