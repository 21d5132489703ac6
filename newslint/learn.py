"""``newslint learn PATHS -o sites.json``: save what the site-aware rules learn from a corpus.

A check learns from the files it is given; a pre-commit hook is given the three files a commit
changes, from which nothing can be learned about a site's template.  A *site profile* is what
a pass over the whole corpus learned (``newslint.sites.SiteLines``), saved as a plain JSON
file of each site's pages and the normalised lines that two or more of them carry; with
``site-profile = "sites.json"`` in the configuration, every check (the CLI, pre-commit, the
library API) reads it instead of learning, so a check of three files finds what a check of
the whole corpus finds.

Two passes: the first counts fingerprints (in the pool, with ``--jobs``), the second, in this
process, reads the text of the lines the profile keeps (a fingerprint cannot be read back).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from newslint.config import ConfigError
from newslint.diagnostics import ReadError
from newslint.files import write_atomic
from newslint.report import printable
from newslint.run import Run
from newslint.sites import PROFILE_MIN_PAGES, SiteLines, body_lines, normal_line, profile_text
from newslint.statistics import ObservedArticle, Statistic

EXIT_CLEAN, EXIT_ERROR = 0, 2


class _LineTexts(Statistic):
    """The second pass: the normalised text of the fingerprints in ``wanted`` (in-process
    only: ``wanted`` is set on the class before the pass)."""

    name = "site-line-texts"
    wanted: ClassVar[frozenset[int]] = frozenset()

    def __init__(self) -> None:
        self.texts: dict[int, str] = {}

    def observe(self, article: ObservedArticle) -> None:
        body = article.text("body")
        if not body:
            return
        for start, end, key in body_lines(body):
            if key is not None and key in self.wanted and key not in self.texts:
                self.texts[key] = normal_line(body[start:end])

    def merge(self, other: Any) -> None:
        for key, text in other.texts.items():
            self.texts.setdefault(key, text)

    def as_json(self) -> dict[str, Any]:
        return {f"{key:016x}": text for key, text in sorted(self.texts.items())}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newslint learn",
        description="Learn each site's repeated lines from a corpus and save them as a site "
        "profile; `site-profile = FILE` in the configuration makes every check read it.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders: the corpus")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="profile to write")
    parser.add_argument("--config", metavar="FILE", help="configuration file (site-key)")
    parser.add_argument("--isolated", action="store_true", help="ignore configuration files")
    parser.add_argument("-j", "--jobs", type=int, default=0, help="worker processes (0: all)")
    return parser


def run_learn_command(argv: Sequence[str]) -> int:
    """``newslint learn``; returns the exit code."""
    args = build_parser().parse_args(list(argv))
    output = Path(args.output)
    if not output.parent.resolve().is_dir():
        print(f"newslint learn: error: no such folder: {output.parent}", file=sys.stderr)
        return EXIT_ERROR
    if args.jobs < 0:
        print("newslint learn: error: --jobs cannot be negative", file=sys.stderr)
        return EXIT_ERROR
    try:
        # Each file is read with its own configuration (its field map), as a check reads it.
        # NL408 is ignored: learning a profile reads none (the one configured may not exist).
        run = Run.configure(args.config, args.isolated, {"ignore": ["NL408"]}, start=args.paths[0])
        errors: list[ReadError] = []
        learned = run.learn(args.paths, jobs=args.jobs, kinds=[SiteLines], errors=errors)
        found = learned.get(SiteLines)
    except ConfigError as exc:
        print(f"newslint learn: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    assert found is not None
    for error in errors:  # learned from the rest: each file that could not be read is named
        print(printable(str(error)), file=sys.stderr)
    _LineTexts.wanted = frozenset(
        key
        for counts in found.lines.values()
        for key, count in counts.items()
        if count >= PROFILE_MIN_PAGES
    )
    try:
        texts = run.learn(args.paths, jobs=1, kinds=[_LineTexts]).get(_LineTexts)
    finally:
        _LineTexts.wanted = frozenset()
    assert texts is not None
    text = profile_text(found, texts.texts, run.configuration.site_key)
    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as exc:
        print(f"newslint learn: error: cannot write {output}: {exc}", file=sys.stderr)
        return EXIT_ERROR
    kept = sum(1 for count in found.lines.values() for n in count.values() if n > 1)
    print(
        f"newslint learn: {sum(found.pages.values())} pages of {len(found.pages)} sites, "
        f"{kept} repeated lines: {output}",
        file=sys.stderr,
    )
    return EXIT_ERROR if errors else EXIT_CLEAN
