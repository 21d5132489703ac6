"""Seconds per rule over a corpus: where newslint's time goes, rule by rule.

Usage: ``python benchmarks/profile_rules.py PATH [PATH ...] [--top N] [--repeat R]``.

Files are read and parsed once (the parse time is reported on its own line), then
every rule, default and off-by-default alike, is run over the articles, timing each
rule separately.  As the engine does, a rule runs only on the articles where the
prefilter finds one of its triggers (the prefilter's own time is one line, and the
``runs`` column says on what share of the articles each rule ran); ``--no-prefilter``
runs every rule on every article.  Locating diagnostics (the engine's work) is timed
as one line too, since it depends on the rules' output: ``FieldSpan.to_source`` per
diagnostic.  The runner and fixer are not involved, so the figures are the rules' own.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from newslint.diagnostics import Diagnostic
from newslint.document import DecodeError, decode
from newslint.model import Article
from newslint.prefilter import Prefilter
from newslint.readers import parse_document, reader_for
from newslint.registry import all_rules


def _files(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        candidates = sorted(path.rglob("*")) if path.is_dir() else [path]
        found += [p for p in candidates if p.is_file() and reader_for(p) is not None]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--top", type=int, default=0, help="show only the N slowest rules")
    parser.add_argument(
        "--repeat", type=int, default=1, help="run each rule R times, keep the best"
    )
    parser.add_argument(
        "--no-prefilter", action="store_true", help="run every rule on every article"
    )
    args = parser.parse_args(argv)

    total_bytes = 0
    parse_seconds = 0.0
    documents = []
    for path in _files(args.paths):
        data = path.read_bytes()
        total_bytes += len(data)
        reader = reader_for(path)
        assert reader is not None
        started = time.process_time()
        try:
            text, bom = decode(data)
        except DecodeError:
            continue
        documents.append(parse_document(str(path), reader, text, bom))
        parse_seconds += time.process_time() - started
    articles: list[tuple[str, Article]] = [
        (document.text, article) for document in documents for article in document.articles
    ]

    rules = all_rules()
    names = [f"{rule.code} {rule.name}" for rule in rules]
    best = dict.fromkeys(names, float("inf"))
    counts = dict.fromkeys(names, 0)
    runs = dict.fromkeys(names, 0)
    results: list[list[list[Diagnostic]]] = []
    clock = time.process_time  # CPU time: fairer than wall time on a shared machine
    prefilter = None if args.no_prefilter else Prefilter(rules)
    everything = (1 << len(rules)) - 1
    prefilter_seconds = float("inf")
    for _ in range(max(1, args.repeat)):
        # As the engine does: every rule on one article before the next article, so
        # per-article caches shared by rules work as they do in a real run.
        timings = dict.fromkeys(names, 0.0)
        results = []
        filtering = 0.0
        for _, article in articles:
            started = clock()
            mask = everything if prefilter is None else prefilter.mask(article)
            filtering += clock() - started
            per_rule: list[list[Diagnostic]] = []
            for index, (name, rule) in enumerate(zip(names, rules, strict=True)):
                if not mask >> index & 1:
                    per_rule.append([])
                    continue
                started = clock()
                per_rule.append(list(rule.check(article)))
                timings[name] += clock() - started
            results.append(per_rule)
        for name in names:
            best[name] = min(best[name], timings[name])
        prefilter_seconds = min(prefilter_seconds, filtering)
    for _, article in articles:
        mask = everything if prefilter is None else prefilter.mask(article)
        for index, name in enumerate(names):
            runs[name] += mask >> index & 1
    for per_rule in results:
        for name, diagnostics in zip(names, per_rule, strict=True):
            counts[name] += len(diagnostics)
    timings = best
    # Locating: map each diagnostic's field offsets back to the document text.
    started = clock()
    for (text, article), per_rule in zip(articles, results, strict=True):
        for diagnostics in per_rule:
            for diagnostic in diagnostics:
                span = article.spans.get(diagnostic.field) if diagnostic.field else None
                if span is not None:
                    span.to_source(text, diagnostic.start)
                    span.to_source(text, diagnostic.end)
    locate_seconds = clock() - started

    rule_seconds = sum(timings.values())
    megabytes = total_bytes / 1e6
    ranked = sorted(timings.items(), key=lambda item: -item[1])
    if args.top:
        ranked = ranked[: args.top]
    print(f"{len(articles)} articles, {megabytes:.2f} MB in {len(documents)} files")
    print(f"{'rule':<40} {'seconds':>8} {'share':>6} {'found':>6} {'runs':>6}")
    for name, seconds in ranked:
        share = seconds / rule_seconds if rule_seconds else 0.0
        ran = runs[name] / len(articles) if articles else 0.0
        print(f"{name:<40} {seconds:8.3f} {share:6.1%} {counts[name]:6d} {ran:6.1%}")
    print(f"{'(rules)':<40} {rule_seconds:8.3f}")
    if prefilter is not None:
        print(f"{'(prefilter)':<40} {prefilter_seconds:8.3f}")
    else:
        prefilter_seconds = 0.0
    print(f"{'(parse)':<40} {parse_seconds:8.3f}")
    print(f"{'(locate diagnostics)':<40} {locate_seconds:8.3f}")
    total = rule_seconds + prefilter_seconds + parse_seconds + locate_seconds
    print(
        f"{'rules + prefilter + parse + locate':<40} {total:8.3f}  = {megabytes / total:.2f} MB/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
