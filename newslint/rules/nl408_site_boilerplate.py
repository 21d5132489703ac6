"""NL408: lines that many pages of the same site carry (menus, footers, share bars), learned."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from itertools import accumulate, compress, count, repeat
from typing import Any, ClassVar, cast

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.model import Article
from newslint.rule import Rule
from newslint.rules._boilerplate import ends_sentence, list_marker, quote
from newslint.rules._headline import (
    SIGN_OFF_LINES,
    header,
    is_attribution,
    is_salutation,
    sign_off,
)
from newslint.sites import (
    SiteLines,
    fingerprint,
    known_key,
    remembered_keys,
    site_of,
)
from newslint.statistics import NO_URL, FileWarning

STORY_PAGES = 3
"""Lines that fewer pages of the site carry are weaker evidence: see ``_blocks``."""
SENTENCE_WORDS = 6


def _sentence(line: str) -> bool:
    """A sentence of ``SENTENCE_WORDS`` words or more, not a list item: an article's line."""
    return (
        ends_sentence(line)  # the cheaper tests first
        and len(line.split(None, SENTENCE_WORDS)) >= SENTENCE_WORDS
        and not list_marker(line)
    )


MAX_DATED = 2
"""The most lines at a block's end, over the article, that may be its date and byline."""


def _trimmed(start: int, stop: int, lines: list[str], shown: list[int]) -> tuple[int, int]:
    """The block ``start:stop`` (``shown`` indexes) without the article's own lines at its
    edges, which other pages carry too: its sign-off where it follows the article's last
    sentence (`– Marcas Grant`, a columnist's name on each of his pages; `Posted by ...`), and
    the date or byline over its headline where it ends (`November 8, 2012`: each post of
    that day carries it), or the greeting over a reader's comment (`Hi David,`)."""
    if start:
        before = lines[shown[start - 1]].rstrip()
        if before.endswith(",") or ends_sentence(before):  # (sign_off's first test, cheaply)
            following = [lines[number] for number in shown[start : start + SIGN_OFF_LINES]]
            start = min(start + sign_off(before, following), stop)
    if stop < len(shown):
        floor = max(start, stop - MAX_DATED)
        while stop > floor and (
            is_attribution(lines[shown[stop - 1]]) or is_salutation(lines[shown[stop - 1]])
        ):
            stop -= 1
    return start, stop


class SiteBoilerplate(Rule):
    code = "NL408"
    name = "site-boilerplate"
    summary = "A block of lines that many pages of the same site carry: menus, footers, promos."
    explanation = """\
A site's navigation, section lists, footers, share bars and newsletter boxes are
printed on each of its pages, word for word; an article's own sentences are not.
This rule learns, in a corpus pass over every input of the run, on how many pages
of each site (the url's registered domain by default; see `site-key`) each line
occurs, and flags a block of at least `min-block` consecutive lines (blank lines
between them do not break a block) each of which occurs on at least `min-pages`
pages and at least `min-share` of the site's pages.  A site with fewer than
`min-site-pages` pages is never judged: three pages say little about a template.

Lines are compared case-folded and whitespace collapsed (NFKC), by a 64-bit
fingerprint; numbers count, so a dateline is a line of its own page.  Lines of up
to 300 characters count, and lines of up to 2,000 that do not end as a sentence
does (an archive widget or a footer rendered as one line); a longer line ending in
`.`, `!`, `?` or `…` is a paragraph, and paragraphs that repeat are NL601's.

Lines that repeat on their own, or up to three in a row, between unique lines are
left alone: a columnist's sign-off (`Post written by Leo Babauta.`), a byline and
its date, a correction notice, a standard disclaimer, or a `Reply` under each reader
comment are text a reader may want.  Lines that only two pages carry are weaker
evidence: two pages may share an article (a syndicated story, one story under two
urls, a quote).  Such a line that reads as a sentence (six words or more, ending as
a sentence does, not a list item) splits a block; and a block of such lines only,
introduced by a line ending in a colon (`Sales by region:` over `Europe`, `Asia`...),
is a list two articles share and is not flagged.  Lines that three pages carry make
a block whatever they read like.  A block is judged whole, then reported without the
article's own lines at its edges: the sign-off right under the article's last
sentence (`– Marcas Grant` on each of his columns, `Cheers,` over a name, `Posted by
...`, in the ten languages of the stop-word lists), and the date, byline or greeting
at its end, over the page's own lines (`November 8, 2012`: each post of that day
carries it; `Hi David,` over a reader's comment).  On dragnet-sites (799 pages, 102
sites), NL408 alone flags 84.3% of the boilerplate lines and 0.44% of the article
lines with the defaults (`min-pages` 2, `min-block` 4); before the edges were left
out, 0.58%, and 82.4% and 0.69% with `min-pages` 3 and `min-block` 3, 85.1% and 0.93%
with `min-pages` 2 and `min-block` 3; blocks of one would flag 89.9% and 4.1%.

A line equal to the article's title is never flagged; a record without a title field
(a whole page as text) has its headline found in the body: the line, not a list item,
that the url's slug spells best (`/2012-11-06/shaq-picks-up-another-florida-home/`;
the small words a slug may leave out, `the`, `of`, `der`, aside; a headline in
capitals is not found).  Other pages of the site list it as a teaser; and an author's
name under it is on every page she writes.  So neither the headline nor the one or two lines right under it that read
as a byline or a date (`Laura Beck`, `By Morgen Peck`, `24 July 2012`) are flagged:
on dragnet-sites (no title fields) the corpus pass flagged 68 article lines fewer.

The fix deletes the block, and the blank lines up to the next line; it is unsafe:
it deletes text, and a site whose pages share an article (a syndicated story)
shares its lines too.

This rule needs a corpus pass (the CLI makes one over all the paths it is given;
the library API learns with `Run.learn_records`), so it is selected only by its code
or name (`--extend-select NL408`), never by default, by `NL4` or by `ALL`.

With a site profile (`site-profile`, written by `newslint learn`) there is no pass:
the profile is read instead, and it is not trusted blindly.  Once per file, as a
warning (never as a problem), the rule says when the profile knows no page of a
site the file holds, and when it looks stale for a site: the profile knows at
least `min-site-pages` pages of the site and lines that at least half of them
(and at least `min-pages`) carried, and none of the file's pages of that site
with a body carries one of those lines, as after a redesign.  On dragnet-sites,
with a profile learned from the same pages, 2 of the 799 pages carry none of
them: a file holding one of those alone would be warned about.  A big JSONL
file read in chunks is judged as a whole, as a small one is."""
    bad = (
        "Home\nNews\nSport\nWeather\n\nThe council approved the budget on Monday.\n\n"
        "About us\nContact\nPrivacy policy\n© 2024 Example Media"
    )
    good = "The council approved the budget on Monday."
    fields = ("body",)
    statistics = (SiteLines,)
    enabled_by_default = False
    fix_applicabilities = frozenset({Applicability.UNSAFE})

    options: ClassVar[dict[str, str]] = {
        "min-pages": "a line is the site's when at least this many of its pages carry it",
        "min-share": "...and at least this share (0 to 1) of the site's pages",
        "min-block": "flag runs of at least this many such lines (1: every such line)",
        "min-site-pages": "judge only sites with at least this many pages in the corpus",
    }
    min_pages = 2
    min_share = 0.0
    min_block = 4
    min_site_pages = 5

    def check(self, article: Article) -> Iterator[Diagnostic]:
        learned = article.context.statistics.get(SiteLines)
        body = article.text("body")
        if learned is None or not body:
            return
        site = site_of(article.values, article.context.read.site_key)
        pages = learned.pages.get(site, 0)
        if pages < max(self.min_site_pages, self.min_pages, 1):
            return
        counts = learned.lines.get(site)
        if not counts:
            return
        needed = max(self.min_pages, self.min_share * pages)
        # The headline and its byline are the article's, however many pages list them.
        own = {fingerprint(line) for line in header(article)}
        lines = body.split("\n")
        # The non-blank lines (a block runs across blank lines): ``str.strip`` returns a line
        # without surrounding whitespace as it is, so this costs no copy.
        shown = list(compress(count(), map(str.strip, lines)))
        # Fingerprints of the lines met on earlier pages, in C; the others only when needed.
        keys = remembered_keys(map(lines.__getitem__, shown))
        lookup = cast("Callable[[int | None, int], int]", counts.get)  # None: 0 too
        have = list(map(lookup, keys, repeat(0)))
        # A line of a block (if its key is known).
        carried = [carriers >= needed for carriers in have]
        if any(counts.get(key, 0) >= needed for key in own):
            for index, key in enumerate(keys):
                if key in own:
                    carried[index] = False

        def known(index: int) -> bool:
            """Whether line ``index`` of ``shown``, never met before, is one of a block."""
            key = keys[index] = known_key(lines[shown[index]])
            have[index] = counts.get(key, 0)
            carried[index] = have[index] >= needed and key not in own
            return carried[index]

        # A block of ``size`` lines or more holds one of every ``size``-th line: those are
        # looked up first, then the lines around one that the site's pages carry.  Most of a
        # page's lines are its own, and two in three of them are never fingerprinted.
        size = max(self.min_block, 1)
        total = len(shown)
        ends: list[int] = []
        probe = size - 1
        while probe < total:
            if not (carried[probe] or (keys[probe] is None and known(probe))):
                probe += size
                continue
            first = probe
            while first and (carried[first - 1] or (keys[first - 1] is None and known(first - 1))):
                first -= 1
            last = probe + 1
            while last < total and (carried[last] or (keys[last] is None and known(last))):
                last += 1
            for start, stop in self._blocks(first, last, lines, shown, have):
                start, stop = _trimmed(start, stop, lines, shown)
                if start == stop:
                    continue
                if not ends:  # where each line ends, once a block is found
                    ends = [end + number for number, end in enumerate(accumulate(map(len, lines)))]
                block = []
                for index in range(start, stop):
                    number = shown[index]
                    block.append((ends[number] - len(lines[number]), ends[number], have[index]))
                following = (
                    ends[shown[stop]] - len(lines[shown[stop]]) if stop < total else len(body)
                )
                yield self._report(body, block, following, site, pages)
            probe = last + size

    def _blocks(
        self, first: int, last: int, lines: list[str], shown: list[int], have: list[int]
    ) -> Iterator[tuple[int, int]]:
        """The blocks (``shown`` indexes, end excluded) of the run ``first:last`` of lines
        the site's pages carry: the run itself, unless lines that fewer than
        ``STORY_PAGES`` pages carry (weaker evidence) make it the article's.

        Such a line that is a sentence (``_sentence``) is two articles' text, not a
        template's: a story two pages share (syndicated, or the same article under two
        urls), a quote two articles repeat.  It splits the run.  And a run of such lines
        that a line ending in a colon introduces (the line before it, or its first) is a
        list two articles share (`Market by region:` over `North America`, `Europe`...)."""
        size = max(self.min_block, 1)
        if last - first < size:
            return
        weak = [have[index] < STORY_PAGES for index in range(first, last)]
        if not any(weak):
            yield first, last
            return
        if all(weak) and any(
            lines[shown[index]].rstrip().endswith(":")
            for index in range(max(first - 1, 0), first + 1)
        ):
            return
        start = first
        for index in range(first, last + 1):
            if index == last or (weak[index - first] and _sentence(lines[shown[index]])):
                if index - start >= size:
                    yield start, index
                start = index + 1

    def file_warnings(self, articles: Sequence[Article]) -> list[str]:
        """What a site profile cannot judge here, once per file (a profile is not trusted
        blindly): the sites it knows no page of, and the sites it looks stale for."""
        if not articles:
            return []
        learned = articles[0].context.statistics.get(SiteLines)
        if learned is None or learned.source is None:
            return []
        spec = articles[0].context.read.site_key
        judged = max(self.min_site_pages, self.min_pages, 1)
        unknown: Counter[str] = Counter()
        seen: Counter[str] = Counter()  # pages here of the sites a template is known of
        carried: set[str] = set()  # ...and those of them one page here carries it on
        for article in articles:
            site = site_of(article.values, spec)
            pages = learned.pages.get(site, 0)
            if not pages:
                if site != NO_URL:
                    unknown[site] += 1
                continue
            body = article.text("body")
            if pages < judged or not body or body.isspace():
                continue
            template = learned.template(site, max(self.min_pages, STALE_SHARE * pages))
            if not template:
                continue
            seen[site] += 1
            if site not in carried and not template.isdisjoint(map(known_key, body.split("\n"))):
                carried.add(site)
        if not (unknown or seen):
            return []
        return [ProfileReport(learned.source, unknown, seen, carried)]

    def _report(
        self, body: str, block: list[tuple[int, int, int]], following: int, site: str, pages: int
    ) -> Diagnostic:
        """One problem for a block, deleted up to ``following`` (the next line, or the end)."""
        start = block[0][0]
        low = min(carried for _, _, carried in block)
        high = max(carried for _, _, carried in block)
        share = f"{low}" if low == high else f"{low} to {high}"
        count = len(block)
        lines = "a line" if count == 1 else f"{count} lines"
        message = (
            f"site boilerplate: {lines} that {share} of the {pages} pages of {site} carry"
            f" (from '{quote(body[start : block[0][1]])}')"
        )
        fix = Fix("delete the block", Applicability.UNSAFE, (Edit("body", start, following, ""),))
        return self.diagnostic("body", start, following, message, fix)


STALE_SHARE = 0.5
"""A profile looks stale for a site when none of a file's pages of it carries a line that at
least this share of the site's pages carried when the profile was learned."""


class ProfileReport(FileWarning):
    """What a site profile could not judge in a file (or a chunk of one), merged chunk by
    chunk: articles of the sites it knows no page of, and pages of the sites whose template
    it knows, with the sites one of those pages carries the template on."""

    source: str
    unknown: Counter[str]
    seen: Counter[str]
    carried: frozenset[str]

    def __new__(
        cls, source: str, unknown: Mapping[str, int], seen: Mapping[str, int], carried: Set[str]
    ) -> ProfileReport:
        made = super().__new__(cls, "; ".join(_profile_warnings(source, unknown, seen, carried)))
        made.source, made.unknown, made.seen = source, Counter(unknown), Counter(seen)
        made.carried = frozenset(carried)
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return ProfileReport, (self.source, self.unknown, self.seen, self.carried)

    @property
    def key(self) -> object:
        return self.source

    def merged(self, other: FileWarning) -> FileWarning:
        assert isinstance(other, ProfileReport)
        return ProfileReport(
            self.source,
            self.unknown + other.unknown,
            self.seen + other.seen,
            self.carried | other.carried,
        )

    def lines(self) -> list[str]:
        return _profile_warnings(self.source, self.unknown, self.seen, self.carried)


def _profile_warnings(
    source: str, unknown: Mapping[str, int], seen: Mapping[str, int], carried: Set[str]
) -> list[str]:
    found = []
    if unknown:
        shown, count = _sites(unknown)
        found.append(
            f"NL408: the site profile {source} knows no page of {shown}, so {count} "
            f"article{'s' if count != 1 else ''} here went unjudged; learn it again "
            "(newslint learn)"
        )
    stale = {site: pages for site, pages in seen.items() if site not in carried}
    if stale:
        shown, count = _sites(stale)
        pages = (
            f"none of the {count} pages here carries a" if count > 1 else "the page here carries no"
        )
        found.append(
            f"NL408: the site profile {source} looks stale for {shown}: {pages} line that half "
            "of the site's pages carried when it was learned (a redesign?), so NL408 may miss "
            "their boilerplate; learn it again (newslint learn)"
        )
    return found


def _sites(articles: Mapping[str, int]) -> tuple[str, int]:
    """The three sites with most articles (and how many more there are), and the articles."""
    ranked = Counter(articles).most_common(3)
    shown = ", ".join(site for site, _ in ranked)
    if len(articles) > 3:
        shown += f" and {len(articles) - 3} more"
    return shown, sum(articles.values())
