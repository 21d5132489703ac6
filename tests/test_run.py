"""The run object: one place that assembles a run, and runs made of passes (learn, then check)."""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newslint import scheduler
from newslint.config import ConfigError
from newslint.diagnostics import Diagnostic
from newslint.model import Article
from newslint.rule import Rule
from newslint.run import Run
from newslint.statistics import CorpusStatistics, DomainCounts, Statistic, domain_of


class _Record:
    """Just enough of an article for a statistic."""

    def __init__(self, url: object) -> None:
        self.values = {"url": url}

    def text(self, name: str) -> str | None:
        value = self.values.get(name)
        return value if isinstance(value, str) else None


def _counts(urls: list[str]) -> CorpusStatistics:
    statistics = CorpusStatistics([DomainCounts])
    for url in urls:
        statistics.observe(_Record(url))
    return statistics


URLS = st.lists(
    st.sampled_from(["https://a.org/1", "https://www.a.org/2", "http://b.net", "", "mailto:x"]),
    max_size=12,
)


@given(URLS, URLS, URLS)
def test_statistics_merge_in_any_order(a: list[str], b: list[str], c: list[str]) -> None:
    """Workers and Ray tasks finish in any order: merging must not care."""
    left = _counts(a)
    left.merge(_counts(b))
    left.merge(_counts(c))
    right = _counts(c)
    right.merge(_counts(a))
    right.merge(_counts(b))
    assert left == right == _counts(a + b + c)
    assert pickle.loads(pickle.dumps(left)) == left


def test_domain_counts_use_the_report_s_domains() -> None:
    counts = _counts(["https://www.a.org/x", "https://a.org/y", "javascript:void(0)"])
    found = counts.get(DomainCounts)
    assert found is not None
    assert found.articles == {"a.org": 2, domain_of(None): 1}
    assert CorpusStatistics().get(DomainCounts) is None


class SeenOnce(Statistic):
    """Test statistic: how many articles each domain has (a site-aware rule's kind of input)."""

    name = "test-seen-once"

    def __init__(self) -> None:
        self.domains: dict[str, int] = {}

    def observe(self, article: Any) -> None:
        domain = domain_of(article.values.get("url"))
        self.domains[domain] = self.domains.get(domain, 0) + 1

    def merge(self, other: Any) -> None:
        for domain, count in other.domains.items():
            self.domains[domain] = self.domains.get(domain, 0) + count

    def as_json(self) -> dict[str, Any]:
        return dict(sorted(self.domains.items()))


class LoneDomain(Rule):
    """Test rule: an article whose domain has no other article in the corpus."""

    code = "NL699"
    name = "lone-domain"
    summary = "test"
    explanation = "test"
    bad = good = ""
    fields = ("url",)
    statistics: ClassVar[tuple[type[Statistic], ...]] = (SeenOnce,)

    def check(self, article: Article) -> Iterator[Diagnostic]:
        learned = article.context.statistics.get(SeenOnce)
        assert learned is not None, "the rule ran without the corpus pass"
        url = article.text("url")
        if url is not None and learned.domains.get(domain_of(url)) == 1:
            yield self.diagnostic("url", 0, len(url), f"only article of {domain_of(url)}")


def _run() -> Run:
    base = Run()
    return Run._make(base.configuration, (LoneDomain(),), base.options)


def _corpus(folder: Path) -> None:
    folder.mkdir()
    rows = [
        {"title": "T", "url": f"https://{site}/{i}", "body": "B"}
        for i, site in enumerate(["a.org", "a.org", "b.net", "c.com", "c.com", "c.com"])
    ]
    for index, row in enumerate(rows):
        (folder / f"{index}.json").write_text(json.dumps(row), encoding="utf-8")
    (folder / "more.jsonl").write_text(
        "\n".join(json.dumps({**row, "url": row["url"].replace("c.com", "d.io")}) for row in rows)
        + "\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_run_of_two_passes_learns_from_the_whole_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setattr(scheduler, "POOL_MIN_BYTES", 0)  # a real pool, even for a small corpus
    _corpus(tmp_path / "corpus")
    run = _run()
    assert run.needs_corpus_pass and run.corpus_statistics == (SeenOnce,)
    learned = run.learn([str(tmp_path / "corpus")], jobs=jobs)
    seen = learned.get(SeenOnce)
    assert seen is not None and seen.domains == {"a.org": 4, "b.net": 2, "c.com": 3, "d.io": 3}
    results = list(run.check_files([str(tmp_path / "corpus")], jobs=jobs))
    flagged = sorted(d.message for r in results for d in r.diagnostics)
    assert flagged == []  # every domain has two articles or more across the corpus
    alone = list(run.check_files([str(tmp_path / "corpus" / "2.json")], jobs=jobs))
    assert [d.message for r in alone for d in r.diagnostics] == ["only article of b.net"]


def test_statistics_learned_elsewhere_enter_with_with_statistics(tmp_path: Path) -> None:
    run = _run()
    record = {"title": "T", "url": "https://b.net/x", "body": "B"}
    with pytest.raises(ConfigError, match="learn from a corpus"):
        run.lint_record(record)
    learned = run.learn_records([record, {**record, "url": "https://a.org/y"}])
    flagged = run.with_statistics(learned).lint_record(record)
    assert [d.message for d in flagged] == ["only article of b.net"]
    assert not run.with_statistics(learned).needs_corpus_pass


def test_the_cache_key_holds_what_the_corpus_taught(tmp_path: Path) -> None:
    """A file unchanged on disk is checked again when the corpus around it changed."""
    _corpus(tmp_path / "corpus")
    target = tmp_path / "corpus" / "2.json"
    run = _run()
    paths = [str(tmp_path / "corpus")]
    cache_dir = str(tmp_path / "cache")

    def flagged() -> list[str]:
        results = run.check_files(paths, jobs=1, use_cache=True, cache_dir=cache_dir)
        return [d.path for r in results for d in r.diagnostics]

    assert flagged() == []
    (tmp_path / "corpus" / "more.jsonl").unlink()
    (tmp_path / "corpus" / "0.json").unlink()
    (tmp_path / "corpus" / "1.json").unlink()
    assert flagged() == [str(target)]  # b.net is alone now
    assert flagged() == [str(target)]  # and the warm run says the same


def test_the_run_pickles_with_its_rules_and_options() -> None:
    run = Run(select=["NL1"], ignore=["NL101"]).with_options(fix=True)
    again = pickle.loads(pickle.dumps(run))
    assert again.codes == run.codes and "NL101" not in again.codes
    assert again.options == run.options and again.options.fix


def test_a_file_is_checked_once_however_it_is_spelled(tmp_path: Path, monkeypatch: Any) -> None:
    """``a.json ./a.json /abs/a.json``: one file, one result (two workers must never fix it)."""
    monkeypatch.chdir(tmp_path)
    _corpus(tmp_path / "corpus")
    target = tmp_path / "corpus" / "0.json"
    found = Run().discover(["corpus/0.json", "./corpus/0.json", str(target), "corpus"])
    assert [path for path, _ in found].count("corpus/0.json") == 1
    assert len(found) == 7 and not any(str(target) == path for path, _ in found)


def test_the_report_file_is_never_an_input(tmp_path: Path, monkeypatch: Any) -> None:
    """``newslint -o corpus/report.json corpus/``: the report being written is not checked."""
    from newslint.cli import main

    monkeypatch.chdir(tmp_path)
    _corpus(tmp_path / "corpus")
    (tmp_path / "corpus" / "2.json").write_text('{"title": "T", "url": "x"}', encoding="utf-8")
    report = tmp_path / "corpus" / "report.jsonl"
    for _ in range(2):  # the second run finds last run's report in the folder
        code = main(
            ["--isolated", "--no-cache", "--format", "json-lines", "-o", str(report), "corpus"]
        )
        lines = report.read_text(encoding="utf-8").splitlines()
        assert code == 1 and lines
        assert {json.loads(line)["path"] for line in lines} == {"corpus/2.json"}


class CollectorWitness(Rule):
    """Test rule: reports the garbage collector's thresholds as the check sees them."""

    code = "NL698"
    name = "collector-witness"
    summary = "test"
    explanation = "test"
    bad = good = ""
    fields = ("title",)

    def check(self, article: Article) -> Iterator[Diagnostic]:
        import gc

        yield self.diagnostic("title", 0, 1, f"{gc.get_threshold()} frozen={gc.get_freeze_count()}")


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_check_tunes_the_collector_and_puts_it_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    import gc

    monkeypatch.setattr(scheduler, "POOL_MIN_BYTES", 0)  # a real pool: workers inherit it
    _corpus(tmp_path / "corpus")
    base = Run()
    run = Run._make(base.configuration, (CollectorWitness(),), base.options)
    before = gc.get_threshold(), gc.get_freeze_count()
    seen = {
        d.message
        for r in run.check_files([str(tmp_path / "corpus")], jobs=jobs)
        for d in r.diagnostics
    }
    assert len(seen) == 1
    [message] = seen
    assert message.startswith(f"{scheduler.GC_THRESHOLDS} frozen=")
    assert int(message.rsplit("=", 1)[1]) > 0  # what was alive before the check is frozen
    assert gc.get_threshold() == before[0]
    if before[1] == 0:
        assert gc.get_freeze_count() == 0  # what the check froze is thawed
    else:  # frozen before (the cache freezes what it loads): left frozen
        assert gc.get_freeze_count() > before[1] // 2


def test_a_callers_frozen_objects_stay_frozen_after_a_check(tmp_path: Path) -> None:
    import gc

    _corpus(tmp_path / "corpus")
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        list(Run().check_files([str(tmp_path / "corpus")], jobs=1))
        # Not thawed by the check (a few frozen objects may have been freed meanwhile).
        assert gc.get_freeze_count() > frozen // 2
    finally:
        gc.unfreeze()
