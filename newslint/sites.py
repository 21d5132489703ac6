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
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from newslint.statistics import NO_URL, ObservedArticle, Statistic, domain_of

if TYPE_CHECKING:
    from publicsuffixlist import PublicSuffixList

MAX_LINE = 300
"""Longer lines are not counted: a site's boilerplate lines are short, and paragraphs
that repeat are NL601's business."""
MAX_FINGERPRINTS = 2_000_000
"""About 200 MB of counts; above it, lines seen on one page only are forgotten."""
PROFILE_FORMAT = "newslint-site-profile/1"
PROFILE_MIN_PAGES = 2
"""A profile keeps the lines that at least this many pages of a site carry."""


def normal_line(line: str) -> str:
    """A line as it is compared across pages: NFKC, case folded, whitespace collapsed.

    Numbers are kept: reading every digit run as one would join ``Comments (74)`` and
    ``Comments (3)``, but also each page's byline-and-date block (``November 5, 2012``), and
    on dragnet-sites it flagged 1.1% more article lines for 1.4% more boilerplate lines.
    """
    if not line.isascii():  # NFKC leaves ASCII as it is
        line = unicodedata.normalize("NFKC", line)
    return " ".join(line.casefold().split())  # str.split's whitespace is re's \s


@lru_cache(maxsize=1)
def _blake2b() -> Callable[..., Any]:
    import hashlib  # here: only a run with a site-aware rule pays for loading it (10 ms)

    return hashlib.blake2b


def fingerprint(normal: str) -> int:
    """A 64-bit digest of a normalised line, the same in every process and every run."""
    digest = _blake2b()(normal.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def body_lines(body: str) -> Iterator[tuple[int, int, int | None]]:
    """(start, end, fingerprint) of each non-empty line of ``body``; the fingerprint is None
    for a line too long to count."""
    start = 0
    for line in body.split("\n"):
        end = start + len(line)
        if line and not line.isspace():
            normal = normal_line(line) if len(line) <= MAX_LINE else ""
            yield start, end, fingerprint(normal) if normal else None
        start = end + 1


@lru_cache(maxsize=1)
def _suffixes() -> PublicSuffixList:
    from publicsuffixlist import PublicSuffixList  # the bundled list: no network

    return PublicSuffixList()


@lru_cache(maxsize=4096)
def registered_domain(host: str) -> str:
    """``news.bbc.co.uk`` -> ``bbc.co.uk`` (the Public Suffix List); a host without a
    registrable part (an IP address, ``localhost``) is its own site."""
    if not host or host == NO_URL or host.replace(".", "").isdigit() or ":" in host:
        return host
    return _suffixes().privatesuffix(host) or host


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
    """Pages per site, and on how many of a site's pages each line of a body occurs."""

    name = "site-lines"
    __slots__ = ("_size", "lines", "pages", "source")

    def __init__(self) -> None:
        self.pages: dict[str, int] = {}
        self.lines: dict[str, dict[int, int]] = {}
        self._size = 0
        self.source: str | None = None
        """The profile it was read from (None: learned by this run)."""

    def observe(self, article: ObservedArticle) -> None:
        body = article.text("body")
        context = getattr(article, "context", None)
        spec = context.read.site_key if context is not None else "domain"
        site = site_of(article.values, spec)
        self.pages[site] = self.pages.get(site, 0) + 1
        if not body:
            return
        counts = self.lines.setdefault(site, {})
        before = len(counts)
        for key in {key for _, _, key in body_lines(body) if key is not None}:
            counts[key] = counts.get(key, 0) + 1
        self._grew(len(counts) - before)

    def merge(self, other: Any) -> None:
        for site, pages in other.pages.items():
            self.pages[site] = self.pages.get(site, 0) + pages
        for site, theirs in other.lines.items():
            counts = self.lines.setdefault(site, {})
            before = len(counts)
            for key, count in theirs.items():
                counts[key] = counts.get(key, 0) + count
            self._grew(len(counts) - before)

    def _grew(self, added: int) -> None:
        self._size += added
        if self._size > MAX_FINGERPRINTS:
            for site, counts in self.lines.items():
                self.lines[site] = {key: n for key, n in counts.items() if n > 1}
            self._size = sum(map(len, self.lines.values()))

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

    def as_json(self) -> dict[str, Any]:
        """Per site: its pages and its lines seen on two pages or more (hex fingerprints)."""
        return {
            site: {
                "pages": self.pages[site],
                "lines": {
                    f"{key:016x}": count
                    for key, count in sorted(self.lines.get(site, {}).items())
                    if count > 1
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
        self.pages, self.lines, self.source = state
        self._size = sum(map(len, self.lines.values()))


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
    cannot be read, is not a profile, or was learned with another ``site-key``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"site profile {path}: file not found") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
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
