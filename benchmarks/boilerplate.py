"""How much boilerplate newslint finds, line by line, on real pages with gold text.

    python benchmarks/boilerplate.py [--shared ../shared] [--per-site N] [--json FILE]

Datasets (read from ``../shared/corpora``; never copied into the project):

- ``dragnet-sites``: 799 whole pages of 102 sites as inscriptis renders them (menus, footers,
  share bars and all) with the benchmark's gold text of each page;
- ``extractors``: what 14 extraction tools kept of 60 news pages
  (``extraction-benchmark-dev``), with the hand-cleaned ground truth of each page.

A non-empty body line is *article* when, whitespace collapsed and case folded, it appears in
the gold text of the same page, else *boilerplate* (the labelling ``dragnet-sites/SOURCE.md``
describes): as one of its lines, or inside its text if it has at least ``MIN_INSIDE``
characters and a letter (a ``|`` or a ``Share`` line is inside almost any gold text).  A
text the page carries more often than its gold (the headline again in a "recent posts" list)
is article only as often as the gold has it (``article_labels``; ``--labels set`` for the
plain rule).  A line is *flagged* when a diagnostic of a boilerplate rule (``--codes``;
default: the NL4 family, NL602, NL603 and NL607) covers any of it.  Printed per dataset:
boilerplate recall (flagged boilerplate lines) and the share of article lines flagged (what
a user would lose), each article checked alone with the library API, as a single file is.
"""

from __future__ import annotations

import argparse
import bisect
import difflib
import gzip
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newslint.api import Settings, lint_record  # noqa: E402

DEFAULT_CODES = ("NL4", "NL602", "NL603", "NL607")  # NL408 is in NL4
MIN_INSIDE = 25
ALIGNED = True
"""Set by ``--labels``: see article_labels."""
_SPACE = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")
_MARKDOWN_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MARKDOWN_MARKS = re.compile(r"\*\*|__|`")
_LINE_MARKER = re.compile(r"(?m)^[ \t]*(?:#{1,6}|>|[*+-])[ \t]+")


def _normal(text: str) -> str:
    """Whitespace collapsed, case folded, Markdown markup dropped (the extractors that write
    Markdown would otherwise have every bold or linked article line counted as boilerplate)."""
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _MARKDOWN_MARKS.sub("", text)
    return _SPACE.sub(" ", _LINE_MARKER.sub("", text)).strip().casefold()


REPLACEMENT = "\ufffd"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _masked(text: str) -> str:
    """``_normal`` with every non-ASCII character a U+FFFD: 35 of dragnet's gold texts were
    saved with each curly quote, dash or accent replaced by U+FFFD (`I\ufffdm`), so the page's
    `I’m` would never match them."""
    return _normal(_NON_ASCII.sub(REPLACEMENT, text))


def recovered_gold(text: str) -> str:
    """A gold text saved as UTF-16 and read back as UTF-8 (five of dragnet's: a byte-order
    mark turned into two U+FFFD, then a NUL after each ASCII letter), decoded again: each
    pair of characters is one UTF-16 code unit, and a unit with a byte lost to U+FFFD (an
    accented letter) is a U+FFFD.  Left as it was otherwise, nothing on such a page would
    match its gold, and every article line would count as boilerplate."""
    if not text.startswith(REPLACEMENT * 2) or "\x00" not in text:
        return text
    units = text[2:]
    decoded = []
    for low, high in zip(units[::2], units[1::2], strict=False):
        if REPLACEMENT in (low, high) or ord(low) > 0xFF or ord(high) > 0xFF:
            decoded.append(REPLACEMENT)
        else:
            decoded.append(chr(ord(low) | ord(high) << 8))
    return "".join(decoded)


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@dataclass
class Tally:
    """Line counts of one dataset (or one site of it)."""

    pages: int = 0
    boilerplate: int = 0
    boilerplate_flagged: int = 0
    article: int = 0
    article_flagged: int = 0
    by_code: Counter[str] = field(default_factory=Counter)
    """Boilerplate lines each code flagged (a line counts once per code)."""
    false_by_code: Counter[str] = field(default_factory=Counter)
    """Article lines each code flagged."""

    def add(self, other: Tally) -> None:
        self.pages += other.pages
        self.boilerplate += other.boilerplate
        self.boilerplate_flagged += other.boilerplate_flagged
        self.article += other.article
        self.article_flagged += other.article_flagged
        self.by_code.update(other.by_code)
        self.false_by_code.update(other.false_by_code)

    @property
    def recall(self) -> float:
        return self.boilerplate_flagged / self.boilerplate if self.boilerplate else 0.0

    @property
    def false_rate(self) -> float:
        return self.article_flagged / self.article if self.article else 0.0


def _lines(body: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of each non-empty line of ``body``."""
    start = 0
    for line in body.split("\n"):
        end = start + len(line)
        if line.strip():
            yield start, end, line
        start = end + 1


def flagged_lines(body: str, spans: Iterable[tuple[str, int, int]]) -> dict[int, set[str]]:
    """For each line start, the codes whose diagnostics (code, start, end) touch that line."""
    starts = [start for start, _, _ in _lines(body)]
    ends = [end for _, end, _ in _lines(body)]
    found: dict[int, set[str]] = {}
    for code, start, end in spans:
        while start < end and body[start] in "\r\n":
            start += 1  # a span that takes the previous line's newline starts on the next line
        while end > start and body[end - 1] in "\r\n":
            end -= 1
        first = bisect.bisect_right(starts, start) - 1
        if first < 0 or start > ends[first]:
            first += 1  # the diagnostic starts on an empty line: the next line
        index = max(first, 0)
        while index < len(starts) and starts[index] <= max(start, end - 1):
            found.setdefault(starts[index], set()).add(code)
            index += 1
    return found


def article_labels(lines: list[str], gold: str, aligned: bool | None = None) -> list[bool]:
    """For each non-empty body line, whether it is article text: it is one of the gold's
    lines, or a 25+ character piece of the gold.

    Aligned (the default; ``--labels set`` turns it off): a text the page carries more often
    than its gold does (the article's headline again in a "recent posts" list, a `Reply`
    under each comment) is article only as many times as the gold has it, at the
    occurrences that an order-keeping alignment of the page's lines with the gold's lines
    matches, else at those nearest to the matched ones."""
    if aligned is None:
        aligned = ALIGNED
    normal = _normal
    if REPLACEMENT in gold:
        normal = _masked  # the gold lost its non-ASCII characters: compare without them
    gold_text = normal(gold)
    gold_lines = [normal(line) for line in gold.split("\n")]
    gold_set = set(gold_lines)
    texts = [normal(line) for line in lines]
    labels = [
        bool(text)
        and (
            text in gold_set
            or (len(text) >= MIN_INSIDE and bool(_LETTER.search(text)) and text in gold_text)
        )
        for text in texts
    ]
    if not aligned:
        return labels
    occurrences: dict[str, list[int]] = {}
    for index, (text, article) in enumerate(zip(texts, labels, strict=True)):
        if article:
            occurrences.setdefault(text, []).append(index)
    crowded = {
        text: found
        for text, found in occurrences.items()
        if len(found) > max(gold_lines.count(text), gold_text.count(text), 1)
    }
    if not crowded:
        return labels
    matcher = difflib.SequenceMatcher(None, texts, gold_lines, autojunk=False)
    matched = {
        block.a + offset
        for block in matcher.get_matching_blocks()
        for offset in range(block.size)
        if texts[block.a + offset]
    }
    anchors = sorted(matched) or [len(texts) // 2]
    for text, found in crowded.items():
        allowed = max(gold_lines.count(text), gold_text.count(text), 1)

        def distance(index: int) -> int:
            place = bisect.bisect_left(anchors, index)
            near = anchors[max(place - 1, 0) : place + 1]
            return min(abs(index - anchor) for anchor in near)

        kept = sorted(found, key=lambda index: (index not in matched, distance(index)))[:allowed]
        for index in found:
            labels[index] = index in kept
    return labels


def tally_page(
    record: dict[str, Any], gold: str, settings: Settings, codes: tuple[str, ...]
) -> Tally:
    body = record.get("body") or ""
    page: dict[str, Any] = {key: record[key] for key in ("url", "body", "site") if key in record}
    diagnostics = lint_record(page, settings)
    spans = [
        (d.code, d.start, d.end)
        for d in diagnostics
        if d.field == "body" and d.code.startswith(codes)
    ]
    flagged = flagged_lines(body, spans)
    tally = Tally(pages=1)
    lines = list(_lines(body))
    labels = article_labels([line for *_, line in lines], gold)
    for (start, _, _), article in zip(lines, labels, strict=True):
        hit = flagged.get(start, set())
        if article:
            tally.article += 1
            tally.article_flagged += bool(hit)
            tally.false_by_code.update(hit)
        else:
            tally.boilerplate += 1
            tally.boilerplate_flagged += bool(hit)
            tally.by_code.update(hit)
    return tally


def dragnet(
    corpora: Path, settings: Settings, codes: tuple[str, ...], learn: bool = False
) -> dict[str, Tally]:
    """Per site; with ``learn``, after a corpus pass over all the pages (NL408)."""
    folder = corpora / "dragnet-sites"
    gold = {
        r["id"]: recovered_gold(r.get("body") or "") for r in _read_jsonl(folder / "gold.jsonl.gz")
    }
    pages = _read_jsonl(folder / "pages.jsonl.gz")
    if learn:
        settings = settings.with_statistics(settings.learn_records(pages))
    sites: dict[str, Tally] = {}
    for record in pages:
        tally = tally_page(record, gold.get(record["id"], ""), settings, codes)
        sites.setdefault(record.get("site") or "?", Tally()).add(tally)
    return sites


def extractors(corpora: Path, settings: Settings, codes: tuple[str, ...]) -> dict[str, Tally]:
    """Per extraction tool."""
    folder = corpora / "extraction-benchmark-dev"
    gold = {r["id"]: r.get("body") or "" for r in _read_jsonl(folder / "ground-truth.jsonl")}
    tools: dict[str, Tally] = {}
    for path in sorted((folder / "extractors").glob("*.jsonl")):
        tally = Tally()
        for record in _read_jsonl(path):
            tally.add(tally_page(record, gold.get(record["id"], ""), settings, codes))
        tools[path.stem] = tally
    return tools


def _total(parts: dict[str, Tally]) -> Tally:
    total = Tally()
    for part in parts.values():
        total.add(part)
    return total


def _row(name: str, tally: Tally) -> str:
    return (
        f"| {name} | {tally.pages} | {tally.boilerplate:,} | {tally.recall:.1%} "
        f"| {tally.article:,} | {tally.false_rate:.2%} |"
    )


def report(results: dict[str, dict[str, Tally]], per_part: int) -> str:
    lines = [
        "| dataset | pages | boilerplate lines | flagged | article lines | flagged |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for name, parts in results.items():
        lines.append(_row(f"**{name}**", _total(parts)))
        ranked = sorted(parts.items(), key=lambda item: -item[1].boilerplate)
        lines.extend(_row(f"{name}/{part}", tally) for part, tally in ranked[:per_part])
    for name, parts in results.items():
        total = _total(parts)
        codes = sorted(set(total.by_code) | set(total.false_by_code))
        lines += ["", f"{name}, lines flagged per code (boilerplate / article):"]
        lines += [
            f"  {code}: {total.by_code[code]:,} / {total.false_by_code[code]:,}" for code in codes
        ]
    return "\n".join(lines)


def selections(site_key: str = "domain") -> tuple[Settings, Settings]:
    """The settings each article is checked with alone, and with a corpus pass: every rule,
    and the boilerplate rules that are off by default, by their exact codes (a prefix
    selects only the rules that are on by default)."""
    per_article = ["NL409", "NL410", "NL412"]
    alone = Settings(select=["NL"], extend_select=per_article)
    learning = Settings(
        select=["NL"], extend_select=[*per_article, "NL408"], **{"site-key": site_key}
    )
    return alone, learning


TARGETS = {
    "dragnet-sites": (0.60, 0.01),
    "dragnet-sites, corpus pass": (0.90, 0.01),
    "extractors": (0.70, 0.01),
}
"""Issue 12's targets per dataset: at least this share of the boilerplate lines flagged, at
most this share of the article lines."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--codes", default=",".join(DEFAULT_CODES), help="code prefixes")
    parser.add_argument("--per-site", type=int, default=0, metavar="N", help="top N parts")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--site-key", default="domain", help="site-key for the corpus pass (default: domain)"
    )
    parser.add_argument(
        "--labels",
        choices=("aligned", "set"),
        default="aligned",
        help="aligned: a text is article only as often as the gold has it (default)",
    )
    args = parser.parse_args(argv)
    global ALIGNED
    ALIGNED = args.labels == "aligned"
    corpora = args.shared / "corpora"
    if not corpora.is_dir():
        parser.error(f"no corpora under {args.shared}")
    codes = tuple(code.strip() for code in args.codes.split(",") if code.strip())
    settings, learning = selections(args.site_key)
    results = {
        "dragnet-sites": dragnet(corpora, settings, codes),
        "dragnet-sites, corpus pass": dragnet(corpora, learning, codes, learn=True),
        "extractors": extractors(corpora, settings, codes),
    }
    print(report(results, args.per_site))
    if args.json:
        figures = {
            name: {
                part: {
                    "pages": t.pages,
                    "boilerplate": t.boilerplate,
                    "boilerplate_flagged": t.boilerplate_flagged,
                    "article": t.article,
                    "article_flagged": t.article_flagged,
                }
                for part, t in parts.items()
            }
            for name, parts in results.items()
        }
        args.json.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
