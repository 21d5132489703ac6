"""Finding http(s) URLs from their "://", shared by NL201 and NL202."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from newslint.lazy_re import compile_lazily

# A URL's scheme, searched for in the five characters before a "://": its start.
_SCHEME_BEFORE = compile_lazily(r"https?\Z", re.IGNORECASE)


def scheme_urls(
    text: str, body: Callable[[str, int], re.Match[str] | None]
) -> Iterator[tuple[int, int]]:
    """The spans of ``https?://`` (any case) followed by what ``body`` matches, left to right.

    The same spans as ``re.finditer`` of ``(?i:https?://)`` + the body's pattern, found
    from each "://" with ``str.find`` (several times faster than trying the scheme at every
    character).  A match starts four or five characters before its "://", and not before
    the previous match's end; a "://" without a scheme costs one step, not a scan of what
    follows (which would be quadratic on "://://://...").
    """
    position = end = 0
    before = _SCHEME_BEFORE.search
    while (colon := text.find("://", position)) >= 0:
        position = colon + 1
        scheme = before(text, max(end, colon - 5), colon)
        if scheme is None:
            continue  # not a URL: one step on, without scanning what follows
        rest = body(text, colon + 3)
        if rest is None:
            continue
        position = end = rest.end()
        yield scheme.start(), end
