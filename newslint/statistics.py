"""Corpus statistics: what a pass over the whole corpus learns, merged across processes.

A run may be made of passes: a *corpus pass* reads every article and feeds it to
statistics, then the *check pass* runs the rules, which read what was learned from
``article.context.statistics``.  A statistic is observed article by article in
whichever process reads the article (a worker of the pool, a Ray task, a datatrove
step), and the partial statistics are merged in any order, so ``merge`` must be
commutative and associative and a statistic must pickle.

The first statistic is ``DomainCounts``, the articles per source domain that
``newslint report`` shows; site-aware rules will add their own.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar, Protocol, TypeVar
from urllib.parse import urlsplit

from newslint import pickled_by_name

NO_URL = "(no url)"
"""The domain bucket of articles whose URL is missing, not text, or has no host."""

_WHITESPACE = re.compile(r"\s+")


class ObservedArticle(Protocol):
    """What a statistic may read of an article (``newslint.model.Article`` is one)."""

    @property
    def values(self) -> dict[str, Any]: ...

    def text(self, name: str) -> str | None: ...


class Statistic(ABC):
    """One corpus statistic: observed article by article, merged in any order.

    Subclasses have a unique ``name``, a constructor without arguments (the empty
    statistic), compare by value, and pickle.
    """

    name: ClassVar[str]

    @abstractmethod
    def observe(self, article: ObservedArticle) -> None:
        """Count one article."""

    @abstractmethod
    def merge(self, other: Any) -> None:
        """Add ``other`` (a statistic of the same kind, from another part of the corpus)."""

    @abstractmethod
    def as_json(self) -> dict[str, Any]:
        """A plain, sorted, reviewable form (for profiles and the cache key)."""


S = TypeVar("S", bound=Statistic)


class CorpusStatistics:
    """Statistics by kind: what one pass collects and what the next reads.

    ``CorpusStatistics([DomainCounts])`` starts empty statistics of those kinds;
    ``observe`` feeds one article to each, ``merge`` adds another part's.
    """

    __slots__ = ("_by_name",)

    def __init__(self, kinds: Iterable[type[Statistic]] = ()) -> None:
        self._by_name: dict[str, Statistic] = {kind.name: kind() for kind in kinds}

    @classmethod
    def of(cls, *statistics: Statistic) -> CorpusStatistics:
        """Statistics made elsewhere (a profile read from a file), one of each kind."""
        made = cls()
        made._by_name = {statistic.name: statistic for statistic in statistics}
        return made

    def __bool__(self) -> bool:
        return bool(self._by_name)

    def __iter__(self) -> Iterator[Statistic]:
        return iter(self._by_name.values())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CorpusStatistics) and self.as_json() == other.as_json()

    def __hash__(self) -> int:
        return hash(repr(self.as_json()))

    def __repr__(self) -> str:
        return f"CorpusStatistics({', '.join(self._by_name)})"

    def __getstate__(self) -> dict[str, Statistic]:
        return self._by_name

    def __setstate__(self, state: dict[str, Statistic]) -> None:
        self._by_name = state

    def kinds(self) -> tuple[type[Statistic], ...]:
        return tuple(type(statistic) for statistic in self._by_name.values())

    def empty(self) -> CorpusStatistics:
        """New, empty statistics of the same kinds (what a worker fills for its part)."""
        return CorpusStatistics(self.kinds())

    def get(self, kind: type[S]) -> S | None:
        """The statistic of that kind, if this run collects it."""
        found = self._by_name.get(kind.name)
        return found if isinstance(found, kind) else None

    def observe(self, article: ObservedArticle) -> None:
        for statistic in self._by_name.values():
            statistic.observe(article)

    def merge(self, other: CorpusStatistics) -> None:
        """Add ``other``'s counts; a kind only ``other`` has is taken over."""
        for name, statistic in other._by_name.items():
            mine = self._by_name.get(name)
            if mine is None:
                self._by_name[name] = statistic
            else:
                mine.merge(statistic)

    def as_json(self) -> dict[str, Any]:
        return {name: self._by_name[name].as_json() for name in sorted(self._by_name)}


def merged(parts: Iterable[CorpusStatistics]) -> CorpusStatistics:
    """The statistics of the whole corpus from those of its parts (the reduce step)."""
    total = CorpusStatistics()
    for part in parts:
        total.merge(part)
    return total


def domain_of(url: object) -> str:
    """The host of an article URL, lower-case and without ``www.``; ``NO_URL`` if there is none.

    Whitespace is removed first, so a URL split by a line wrap still yields its host.
    """
    if not isinstance(url, str):
        return NO_URL
    joined = _WHITESPACE.sub("", url)
    if not joined:
        return NO_URL
    scheme = joined.split(":", 1)[0].lower() if ":" in joined.split("/", 1)[0] else ""
    if scheme and scheme not in {"http", "https"} and not joined.split(":", 1)[1][:1].isdigit():
        return NO_URL  # javascript:, mailto:, data: have no source domain
    if "//" not in joined:
        joined = "//" + joined  # "www.example.com/a" has a host too
    try:
        host = urlsplit(joined).hostname
    except ValueError:  # e.g. an unbalanced "[" in the host
        return NO_URL
    if not host:
        return NO_URL
    host = host.rstrip(".")
    return host[4:] if host.startswith("www.") and len(host) > 4 else host or NO_URL


class DomainCounts(Statistic):
    """Articles per source domain (the url's host, as ``domain_of`` reads it)."""

    name = "domains"
    __slots__ = ("articles",)

    def __init__(self, articles: Mapping[str, int] | None = None) -> None:
        self.articles: dict[str, int] = dict(articles or {})

    def observe(self, article: ObservedArticle) -> None:
        domain = domain_of(article.values.get("url"))
        self.articles[domain] = self.articles.get(domain, 0) + 1

    def merge(self, other: Any) -> None:
        for domain, count in other.articles.items():
            self.articles[domain] = self.articles.get(domain, 0) + count

    def as_json(self) -> dict[str, Any]:
        return {"articles": dict(sorted(self.articles.items()))}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DomainCounts) and self.articles == other.articles

    __hash__ = None  # type: ignore[assignment]

    def __getstate__(self) -> dict[str, int]:
        return self.articles

    def __setstate__(self, state: dict[str, int]) -> None:
        self.articles = state


# -- per-file warnings made of parts -----------------------------------------------------------


class FileWarning(str):
    """A rule's per-file warning (``Rule.file_warnings``) that is made of parts.

    A big JSONL file is read in chunks, each in whichever worker is free; what each chunk
    says of its articles is merged, in file order, into what the file says (``merged``), and
    only then turned into the warnings printed (``lines``): once per file, the same whether
    the file was read whole or in chunks.  The text is the part's own ``lines``, joined.
    Parts merge when they are of one class and ``key``.
    """

    __slots__ = ()

    @property
    def key(self) -> object:
        return None

    def merged(self, other: FileWarning) -> FileWarning:
        raise NotImplementedError

    def lines(self) -> list[str]:
        raise NotImplementedError


def merge_warnings(held: list[str], more: Iterable[str]) -> None:
    """Add a later part's warnings to ``held`` (in place): parts of one ``FileWarning`` are
    merged, other warnings are added unless ``held`` has them already."""
    for warning in more:
        if isinstance(warning, FileWarning):
            for index, other in enumerate(held):
                if (
                    isinstance(other, FileWarning)
                    and type(other) is type(warning)
                    and other.key == warning.key
                ):
                    held[index] = other.merged(warning)
                    break
            else:
                held.append(warning)
        elif warning not in held:
            held.append(warning)


def final_warnings(warnings: Iterable[str]) -> list[str]:
    """The warnings to print for a whole file: each ``FileWarning`` as its lines (none, if
    the whole file gives it nothing to say), all as plain strings."""
    found: list[str] = []
    for warning in warnings:
        if isinstance(warning, FileWarning):
            found.extend(str(line) for line in warning.lines())
        else:
            found.append(str(warning))
    return found


pickled_by_name(__name__)  # pickles as its name (dill, HF datasets: see newslint/__init__.py)
