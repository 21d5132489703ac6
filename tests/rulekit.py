"""Helpers for rule tests: build articles with the real readers, lint, fix, check spans."""

from __future__ import annotations

import difflib
import functools
import gzip
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import ftfy  # noqa: F401  (registers the 'sloppy-windows-1252' codec used below)

from newslint.diagnostics import Diagnostic, Edit
from newslint.engine import lint_article
from newslint.fixer import fix_document
from newslint.model import Article
from newslint.readers import Reader, parse_document, reader_for
from newslint.readers.json_reader import JSON_READER
from newslint.registry import all_rules
from newslint.rule import Rule
from newslint.rules.nl101_markdown_emphasis import MarkdownEmphasis
from newslint.rules.nl201_split_url import SplitUrl
from newslint.rules.nl301_mojibake import Mojibake
from newslint.rules.nl401_related_promo import RelatedPromo
from newslint.selection import select_rules

DATA = Path(__file__).resolve().parent / "data"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
GROUND_TRUTH = CORPORA / "extraction-benchmark-dev" / "ground-truth.jsonl"

NL101, NL201, NL301, NL401 = MarkdownEmphasis(), SplitUrl(), Mojibake(), RelatedPromo()
RULES: tuple[Rule, ...] = (NL101, NL201, NL301, NL401)
URL = "https://example.org/news/story-1"
SPLIT = "https://www.example.com/2024/11/01/until-victory-ove r-ukraine-a86878"
JOINED = "https://www.example.com/2024/11/01/until-victory-over-ukraine-a86878"
PROMO = "Related article: <u>U.S. Says North Korean Troops Ready for Ukraine Combat</u> Tensions"
HEADLINE = "U.S. Says North Korean Troops Ready for Ukraine Combat Tensions"


def artefact_rules() -> tuple[Rule, ...]:
    """Every text rule that runs by default (NL1xx-NL6xx).

    The NL0xx family (schema and metadata) judges whole fields such as the title's
    capitalisation, so it is tested on records of its own, not on text samples.
    """
    return tuple(rule for rule in select_rules(all_rules()) if rule.code[2] != "0")


def mojibake(text: str) -> str:
    """``text``'s UTF-8 bytes read as windows-1252 (undefined bytes kept as C1 controls)."""
    return text.encode("utf-8").decode("sloppy-windows-1252")


def article(**fields: object) -> Article:
    """A JSON article with these fields (title and url filled in if not given)."""
    fields.setdefault("url", URL)
    fields.setdefault("title", "A title")
    articles, errors = JSON_READER.parse("a.json", json.dumps(fields, ensure_ascii=False))
    assert not errors
    assert len(articles) == 1
    return articles[0]


def lint(rule: Rule, **fields: object) -> list[Diagnostic]:
    return lint_article(article(**fields), [rule])


def spans(diagnostics: list[Diagnostic]) -> list[tuple[str, str | None, int, int]]:
    return [(d.code, d.field, d.start, d.end) for d in diagnostics]


def apply_field_edits(text: str, edits: tuple[Edit, ...]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.content + text[edit.end :]
    return text


def fix(
    path: str, reader: Reader, text: str, unsafe: bool = False, rules: Sequence[Rule] = RULES
) -> str:
    """The fixed text; also checks that fixing it again changes nothing."""
    document = parse_document(path, reader, text, bom=False)
    assert not document.errors
    outcome = fix_document(document, reader, rules, unsafe=unsafe)
    assert outcome.refused is None
    assert not outcome.unsettled
    fixed = outcome.document.text
    again = fix_document(
        parse_document(path, reader, fixed, bom=False), reader, rules, unsafe=unsafe
    )
    assert again.document.text == fixed, "fixing twice changed the text"
    assert not again.fixed
    return fixed


def changes_within_reported_spans(
    path: str, reader: Reader, text: str, fixed: str, rules: Sequence[Rule] = RULES
) -> None:
    """Every change the fixes made lies inside a span some diagnostic reported."""
    document = parse_document(path, reader, text, bom=False)
    regions = []
    for article_ in document.articles:
        for diagnostic in lint_article(article_, rules):
            span = article_.spans[diagnostic.field]  # type: ignore[index]
            regions.append(
                (span.to_source(text, diagnostic.start), span.to_source(text, diagnostic.end))
            )
    merged: list[tuple[int, int]] = []
    for start, end in sorted(regions):  # adjacent reports may be changed as one run
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    matcher = difflib.SequenceMatcher(None, text, fixed, autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            assert any(start <= i1 and i2 <= end for start, end in merged), (tag, text[i1:i2])


def negative_samples() -> list[str]:
    """Clean text from tests/data/negative/*.txt: blank-line separated, '#' lines are comments."""
    samples = []
    for path in sorted((DATA / "negative").glob("*.txt")):
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            lines = [line for line in block.split("\n") if not line.startswith("#")]
            sample = "\n".join(lines).strip("\n")
            if sample:
                samples.append(sample)
    return samples


def similarity(text: str, reference: str) -> float:
    """F1 of the two texts' word multisets: how close an extractor's output is to the hand-cleaned text."""
    words, expected = Counter(text.split()), Counter(reference.split())
    common = sum((words & expected).values())
    if not common:
        return 0.0
    precision, recall = common / sum(words.values()), common / sum(expected.values())
    return 2 * precision * recall / (precision + recall)


# --- Articles to run every rule over (the prefilter's and the fix metadata's tests) -------


def articles_of(name: str, text: str) -> list[Article]:
    """The articles of a document called ``name`` (its suffix picks the reader)."""
    reader = reader_for(name)
    assert reader is not None, name
    return parse_document(name, reader, text, bom=False).articles


def sample_articles(sample: str) -> list[Article]:
    """A text sample in every text field, as the url, and read as a .txt document; a sample
    that is a JSON object (some rules' examples are records) is read as a .json document."""
    if sample.lstrip().startswith("{"):
        return articles_of("sample.json", sample)
    fields = {name: sample for name in ("title", "byline", "caption", "body")}
    return [article(**fields), article(url=sample, body=sample), *articles_of("a.txt", sample)]


@functools.cache
def example_articles() -> tuple[Article, ...]:
    """Every rule's bad and good examples, whole and paragraph by paragraph."""
    samples: dict[str, None] = {}
    for rule in all_rules():
        for example in (rule.bad, rule.good):
            samples[example] = None
            for part in example.split("\n\n"):
                samples.setdefault(part, None)
    return tuple(found for sample in samples if sample.strip() for found in sample_articles(sample))


@functools.cache
def data_articles() -> tuple[Article, ...]:
    """tests/data (the negative samples, the fixed seeds) and seeds/."""
    found = [a for sample in negative_samples() for a in sample_articles(sample)]
    for path in sorted([*DATA.glob("*.txt"), *SEEDS.glob("*.txt")]):
        found += articles_of(path.name, path.read_text(encoding="utf-8"))
    return tuple(found)


@functools.cache
def synthetic_articles(count: int = 400) -> tuple[Article, ...]:
    """benchmarks/corpus.py's generated records, as JSONL and in the seed's text layout."""
    from benchmarks.corpus import article_to_txt, generate_records

    records = generate_records(count, seed=11)
    lines = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    found = articles_of("corpus.jsonl", lines)
    for record in records[: count // 4]:
        found += articles_of("record.txt", article_to_txt(record))
    return tuple(found)


@functools.cache
def corpus_articles() -> tuple[Article, ...]:
    """Every JSONL file of ../shared/corpora (gzip ones decompressed); empty when absent."""
    found: list[Article] = []
    for path in sorted(CORPORA.rglob("*")) if CORPORA.is_dir() else []:
        if path.name.endswith(".jsonl"):
            text = path.read_text(encoding="utf-8")
        elif path.name.endswith(".jsonl.gz"):
            text = gzip.decompress(path.read_bytes()).decode("utf-8")
        else:
            continue
        found += articles_of(path.name.removesuffix(".gz"), text)
    return tuple(found)


def rule_inputs() -> tuple[Article, ...]:
    """All of the above."""
    return example_articles() + data_articles() + synthetic_articles() + corpus_articles()


@functools.cache
def every_rule_on(articles: tuple[Article, ...]) -> tuple[tuple[tuple[Diagnostic, ...], ...], ...]:
    """Each rule's own diagnostics on each article (``all_rules()`` order), without the
    engine or its prefilter; a rule that raises fails the test that asked."""
    return tuple(tuple(tuple(rule.check(a)) for rule in all_rules()) for a in articles)
