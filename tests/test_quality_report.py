"""``newslint report``: its numbers agree with the CLI's own output, and its page is safe and self-contained."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from newslint.cli import main
from newslint.quality import DEFAULT_OUTPUT, render_html, run_report_command
from newslint.quality.aggregate import NO_URL, DomainStats, Report, RuleStats, Totals, domain_of

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_de265e37088bf565.txt"
GENERATED_COUNT = 160
GENERATED_SEED = 7


# -- helpers -----------------------------------------------------------------------------------


def report_json(tmp_path: Path, *args: str) -> dict[str, Any]:
    target = tmp_path / "report.json"
    code = run_report_command([*args, "--format", "json", "-o", str(target)])
    assert code == 0
    data: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    return data


def report_html(tmp_path: Path, *args: str) -> str:
    target = tmp_path / "report.html"
    assert run_report_command([*args, "-o", str(target)]) == 0
    return target.read_text(encoding="utf-8")


def cli_diagnostics(tmp_path: Path, *args: str) -> list[dict[str, Any]]:
    """What ``newslint --format json-lines`` says about the same input."""
    target = tmp_path / "cli.jsonl"
    assert main([*args, "--format", "json-lines", "-o", str(target)]) in (0, 1)
    lines = target.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def cli_statistics(tmp_path: Path, *args: str) -> dict[str, dict[str, Any]]:
    target = tmp_path / "statistics.json"
    assert main([*args, "--statistics", "--format", "json", "-o", str(target)]) in (0, 1)
    return {row["code"]: row for row in json.loads(target.read_text(encoding="utf-8"))}


def article_key(diagnostic: dict[str, Any]) -> tuple[str, int | None]:
    """An article: its file, and its line for a JSONL record (a .txt file is one article)."""
    return diagnostic["path"], diagnostic["record"]


def count_articles(folder: Path) -> int:
    """Articles on disk, counted without newslint: one per .txt, one per JSONL line."""
    txt = sum(1 for _ in folder.rglob("*.txt"))
    jsonl = sum(
        1
        for path in folder.rglob("*.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    )
    return txt + jsonl


def assert_agrees_with_cli(report: dict[str, Any], diagnostics: list[dict[str, Any]]) -> None:
    """Every total and per-rule number is what the CLI's own diagnostics add up to."""
    totals = report["totals"]
    assert totals["problems"] == len(diagnostics)
    fixes = Counter(d["fix"]["applicability"] if d["fix"] else "none" for d in diagnostics)
    assert totals["fixable_safe"] == fixes["safe"]
    assert totals["fixable_unsafe"] == fixes["unsafe"]
    assert totals["not_fixable"] == fixes["none"]
    assert totals["articles_with_problems"] == len({article_key(d) for d in diagnostics})
    assert totals["files_with_problems"] == len({d["path"] for d in diagnostics})
    by_rule = {rule["code"]: rule for rule in report["rules"]}
    counts = Counter(d["code"] for d in diagnostics)
    assert {code: rule["problems"] for code, rule in by_rule.items() if rule["problems"]} == counts
    for code, rule in by_rule.items():
        mine = [d for d in diagnostics if d["code"] == code]
        articles = len({article_key(d) for d in mine})
        assert rule["articles"] == articles, code
        assert rule["share_of_articles"] == pytest.approx(articles / totals["articles"], abs=1e-6)
        assert rule["fixable_safe"] == sum(
            1 for d in mine if d["fix"] and d["fix"]["applicability"] == "safe"
        )
        assert len(rule["examples"]) == min(3, len(mine))
    problems_per_file = Counter(d["path"] for d in diagnostics)
    worst = report["worst_files"]
    assert [f["problems"] for f in worst] == sorted(problems_per_file.values(), reverse=True)[
        : len(worst)
    ]
    for stats in worst:
        assert stats["problems"] == problems_per_file[stats["path"]]


def assert_examples_point_at_the_text(
    report: dict[str, Any], diagnostics: list[dict[str, Any]]
) -> None:
    """Each example's highlight is the text between the CLI's start and end columns."""
    checked = 0
    for rule in report["rules"]:
        for example in rule["examples"]:
            matches = [
                d
                for d in diagnostics
                if (d["path"], d["line"], d["column"], d["code"])
                == (example["path"], example["line"], example["column"], rule["code"])
            ]
            assert matches, example
            found = matches[0]
            if found["end_line"] != found["line"]:
                continue
            line = (
                Path(found["path"]).read_text(encoding="utf-8-sig").split("\n")[found["line"] - 1]
            )
            expected = line.rstrip("\r")[found["column"] - 1 : found["end_column"] - 1]
            start, end = example["highlight"]
            assert example["excerpt"][start:end] == expected[: end - start]
            checked += 1
    assert checked > 0


def host(url: str) -> str:
    """A URL's host without newslint (whitespace removed first: a split URL still has one)."""
    match = re.match(r"https?://([^/:?#]+)", "".join(url.split()))
    name = match.group(1).lower() if match else NO_URL
    return name.removeprefix("www.")


class Page(HTMLParser):
    """The tags, attributes and text of a page, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.attributes: list[tuple[str, str, str]] = []
        self.text: list[str] = []
        self.marks: list[str] = []
        self._in_mark = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        if tag == "mark":
            self._in_mark = True
            self.marks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_mark:
            self.marks[-1] += data


def parse_page(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    return parser


ALLOWED_TAGS = {
    *("html", "head", "meta", "title", "style", "body", "main", "header", "footer", "section"),
    *("h1", "h2", "h3", "p", "span", "div", "i", "a", "code", "pre", "mark", "ul", "li"),
    *(
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "details",
        "summary",
        "svg",
        "g",
        "text",
        "rect",
    ),
}


def assert_self_contained(page: str) -> Page:
    """Nothing that could load, run or style from outside: no script, no src, no external href."""
    parsed = parse_page(page)
    assert set(parsed.tags) <= ALLOWED_TAGS, set(parsed.tags) - ALLOWED_TAGS
    assert parsed.tags["style"] == 1 and page.count("</style>") == 1
    for tag, name, value in parsed.attributes:
        assert not name.startswith("on"), (tag, name)
        assert name not in {"src", "srcset", "action", "formaction", "xlink:href", "background"}
        if name == "href":
            assert value.startswith("#"), value
        assert "url(" not in value and "javascript:" not in value.lower()
    assert not re.search(
        r"@import|url\(|https?://", page[page.index("<style>") : page.index("</style>")]
    )
    policy = [v for t, n, v in parsed.attributes if n == "content" and "default-src" in v]
    assert policy and "default-src 'none'" in policy[0]
    return parsed


# -- seeds -------------------------------------------------------------------------------------


def test_seed_report_agrees_with_the_cli(tmp_path: Path) -> None:
    report = report_json(tmp_path, str(SEEDS), "--isolated")
    diagnostics = cli_diagnostics(tmp_path, str(SEEDS), "--isolated")
    assert diagnostics
    assert report["totals"]["files"] == len(list(SEEDS.glob("*.txt")))
    assert report["totals"]["articles"] == count_articles(SEEDS)
    assert report["totals"]["read_errors"] == 0
    assert_agrees_with_cli(report, diagnostics)
    assert_examples_point_at_the_text(report, diagnostics)
    # The seed's URL is split by a line wrap; its host is still found.
    url = SEED.read_text(encoding="utf-8").rsplit("Original url:", 1)[1].strip()
    assert [d["domain"] for d in report["domains"]] == [host(url)]
    assert report["domains"][0]["problems"] == len(diagnostics)
    statistics = cli_statistics(tmp_path, str(SEEDS), "--isolated")
    assert {code: row["count"] for code, row in statistics.items()} == {
        rule["code"]: rule["problems"] for rule in report["rules"] if rule["problems"]
    }


def test_seed_page_shows_the_numbers_and_highlights(tmp_path: Path) -> None:
    page = report_html(tmp_path, str(SEEDS), "--isolated")
    report = report_json(tmp_path, str(SEEDS), "--isolated")
    parsed = assert_self_contained(page)
    found = [rule for rule in report["rules"] if rule["problems"]]
    # One chart row and one table row per rule that found something, in the same order.
    assert re.findall(r'<g class="bar-row" data-key="(NL\d+)"', page)[: len(found)] == [
        rule["code"] for rule in found
    ]
    assert re.findall(r'<tr data-code="(NL\d+)"', page) == [rule["code"] for rule in found]
    assert page.count('<svg class="chart"') == 3  # fixability, rules, domains
    # The page shows the field's decoded text where the report has it, else the file's line.
    highlighted = [
        example["text"][example["text_highlight"][0] : example["text_highlight"][1]]
        if example["text"] is not None
        else example["excerpt"][example["highlight"][0] : example["highlight"][1]]
        for rule in found
        for example in rule["examples"]
    ]
    assert parsed.marks == highlighted
    assert "**Valery Sharifulin / TASS**" in parsed.marks
    totals = report["totals"]
    assert re.search(rf'data-card="problems">.*?<div class="value">{totals["problems"]}<', page)
    assert re.search(rf'data-card="articles">.*?<div class="value">{totals["articles"]}<', page)


# -- a generated corpus ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    corpus = pytest.importorskip("benchmarks.corpus")
    folder = tmp_path_factory.mktemp("generated")
    corpus.write_corpus(folder, GENERATED_COUNT, seed=GENERATED_SEED, txt_share=0.5, jsonl_files=3)
    records: list[dict[str, Any]] = corpus.generate_records(GENERATED_COUNT, seed=GENERATED_SEED)
    return folder, records


def _urls_by_article(
    folder: Path, records: list[dict[str, Any]]
) -> dict[tuple[str, int | None], str]:
    """Each article's URL, from the generated records and the JSONL lines (not from newslint)."""
    urls: dict[tuple[str, int | None], str] = {}
    for path in folder.rglob("*.txt"):
        urls[str(path), None] = records[int(path.stem)]["url"]
    for path in folder.rglob("*.jsonl"):
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            if line.strip():
                urls[str(path), number] = json.loads(line)["url"]
    return urls


def test_generated_corpus_report_agrees_with_the_cli(
    generated: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    folder, records = generated
    report = report_json(tmp_path, str(folder), "--isolated", "--top", "5")
    diagnostics = cli_diagnostics(tmp_path, str(folder), "--isolated")
    totals = report["totals"]
    assert totals["articles"] == count_articles(folder) == GENERATED_COUNT
    assert totals["files"] == sum(1 for p in folder.rglob("*") if p.is_file())
    assert 0 < totals["articles_with_problems"] < totals["articles"]
    assert len({d["code"] for d in diagnostics}) >= 5
    assert_agrees_with_cli(report, diagnostics)
    assert_examples_point_at_the_text(report, diagnostics)
    assert len(report["worst_files"]) == 5
    # Per domain: articles from the records, problems from the CLI's diagnostics.
    urls = _urls_by_article(folder, records)
    articles = Counter(host(url) for url in urls.values())
    problems = Counter(host(urls[article_key(d)]) for d in diagnostics)
    with_problems = Counter(host(urls[key]) for key in {article_key(d) for d in diagnostics})
    per_rule: dict[str, Counter[str]] = {}
    for d in diagnostics:
        per_rule.setdefault(host(urls[article_key(d)]), Counter())[d["code"]] += 1
    assert len(articles) >= 2
    assert {d["domain"]: d["articles"] for d in report["domains"]} == articles
    assert {d["domain"]: d["problems"] for d in report["domains"] if d["problems"]} == problems
    for domain in report["domains"]:
        assert domain["articles_with_problems"] == with_problems[domain["domain"]]
        assert domain["rules"] == dict(per_rule.get(domain["domain"], {}))
    problem_counts = [d["problems"] for d in report["domains"]]
    assert problem_counts == sorted(problem_counts, reverse=True)


def test_generated_corpus_page(
    generated: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    folder, _ = generated
    page = report_html(tmp_path, str(folder), "--isolated")
    report = report_json(tmp_path, str(folder), "--isolated")
    assert_self_contained(page)
    domains = [d["domain"] for d in report["domains"] if d["problems"]][:15]
    chart = page[page.index('data-chart="domains"') :]
    assert re.findall(r'<g class="bar-row" data-key="([^"]+)"', chart) == domains
    for domain in report["domains"]:
        assert f'<tr data-domain="{domain["domain"]}">' in page
    for rule in report["rules"]:
        if rule["problems"]:
            assert f'id="example-{rule["code"]}"' in page
    # Every worst file is listed, with its count.
    for stats in report["worst_files"]:
        assert re.search(
            re.escape(stats["path"])
            + r'</td><td class="num">\d+</td><td class="num">'
            + str(stats["problems"])
            + "<",
            page,
        )


def test_select_and_ignore_narrow_the_report_as_they_narrow_the_cli(
    generated: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    folder, _ = generated
    args = [str(folder), "--isolated", "--select", "NL1,NL3", "--ignore", "NL301"]
    report = report_json(tmp_path, *args)
    diagnostics = cli_diagnostics(tmp_path, *args)
    assert diagnostics
    assert all(rule["code"][:3] in {"NL1", "NL3"} for rule in report["rules"])
    assert "NL301" not in {rule["code"] for rule in report["rules"]}
    assert report["totals"]["rules_checked"] == len(report["rules"])
    assert_agrees_with_cli(report, diagnostics)


def test_configuration_is_respected_like_the_cli(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for folder in ("kept", "quiet", "archive"):
        (corpus / folder).mkdir(parents=True)
        shutil.copyfile(SEED, corpus / folder / SEED.name)
    (corpus / "newslint.toml").write_text(
        'extend-exclude = ["archive/**"]\n[per-file-ignores]\n"quiet/*.txt" = ["NL101"]\n',
        encoding="utf-8",
    )
    report = report_json(tmp_path, str(corpus))
    diagnostics = cli_diagnostics(tmp_path, str(corpus))
    assert_agrees_with_cli(report, diagnostics)
    assert report["totals"]["files"] == 2  # the archive is excluded
    nl101 = next(rule for rule in report["rules"] if rule["code"] == "NL101")
    assert nl101["problems"] == 1
    assert "/kept/" in nl101["examples"][0]["path"]


# -- hostile text ------------------------------------------------------------------------------

HOSTILE_BODY = (
    "Intro <script>alert(1)</script> then </style><style>body{display:none}</style> "
    '<img src="https://tracker.invalid/p.gif" onerror="alert(2)"> &amp; &lt;b&gt; '
    "\u202eevil\u202c and **bold** text."
)


def test_hostile_article_is_shown_inert(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    record = {
        "title": 'A "quoted" <b>title</b>',
        "url": 'https://"><script>alert(3)</script>.invalid/x',
        "body": HOSTILE_BODY,
    }
    name = 'a"<script>.jsonl'
    (corpus / name).write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    page = report_html(tmp_path, str(corpus), "--isolated")
    report = report_json(tmp_path, str(corpus), "--isolated")
    assert report["totals"]["problems"] > 0
    parsed = assert_self_contained(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    text = "".join(parsed.text)
    assert "<script>alert(1)</script>" in text
    assert "</style><style>body{display:none}</style>" in text
    assert name in text  # the file name itself is hostile too
    # The right-to-left override cannot reorder the page: it is shown, not obeyed.
    assert "\u202e" not in page and "<U+202E>" in text
    excerpts = [e["excerpt"] for rule in report["rules"] for e in rule["examples"]]
    assert any("<script>alert(1)</script>" in excerpt for excerpt in excerpts)


def test_lone_surrogates_and_controls_do_not_break_the_output(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = "Text \\ud800 with a lone surrogate and a bell \\u0007 and **bold**."
    line = '{"title": "T", "url": "https://example.org/a", "body": "' + body + '"}\n'
    (corpus / "s.jsonl").write_text(line, encoding="utf-8")
    page = report_html(tmp_path, str(corpus), "--isolated")
    assert_self_contained(page)
    assert "\x07" not in page
    report = report_json(tmp_path, str(corpus), "--isolated")
    assert report["totals"]["articles"] == 1 and report["totals"]["problems"] > 0


# -- the command -------------------------------------------------------------------------------


def test_html_goes_to_the_default_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_report_command([str(SEEDS), "--isolated"]) == 0
    page = (tmp_path / DEFAULT_OUTPUT).read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    out = capsys.readouterr().out
    assert out.startswith(f"Wrote {DEFAULT_OUTPUT}: 1 article checked, 1 with problems")


def test_json_goes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_report_command([str(SEEDS), "--isolated", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {
        "newslint_version",
        "paths",
        "source",
        "unknown",
        "totals",
        "weights",
        "after_fix",
        "rules",
        "domains",
        "domain_ranking",
        "group_by",
        "groups",
        "worst_files",
        "errors",
    }


def test_clean_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    record = {"title": "A title", "url": "https://www.example.org/a", "body": "A clean body."}
    (corpus / "ok.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert cli_diagnostics(tmp_path, str(corpus), "--isolated") == []
    report = report_json(tmp_path, str(corpus), "--isolated")
    assert report["totals"]["articles"] == 1 and report["totals"]["problems"] == 0
    assert report["domains"] == [
        {
            "domain": "example.org",
            "articles": 1,
            "articles_with_problems": 0,
            "share_of_articles_with_problems": 0.0,
            "problems": 0,
            "problems_per_article": 0.0,
            "weighted_score": 0,
            "weighted_per_article": 0.0,
            "rules": {},
        }
    ]
    page = report_html(tmp_path, str(corpus), "--isolated")
    assert_self_contained(page)
    assert "No rule found a problem." in page and "<svg" not in page


def test_unreadable_input_is_listed_and_exits_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copyfile(SEED, corpus / SEED.name)
    (corpus / "bad.txt").write_bytes(b"caf\xe9\n")
    target = tmp_path / "r.json"
    code = run_report_command([str(corpus), "--isolated", "--format", "json", "-o", str(target)])
    assert code == 2
    report = json.loads(target.read_text(encoding="utf-8"))
    assert report["totals"]["read_errors"] == 1 and report["totals"]["articles"] == 1
    assert report["errors"][0]["path"].endswith("bad.txt")
    assert "bad.txt:1:4: error: not valid UTF-8" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--config", "missing.toml"], "newslint: error: "),
        (["-o", "no/such/folder/r.html"], "newslint: error: cannot write no/such/folder/r.html"),
        (["--top", "-1"], "newslint report: error: --top"),
    ],
)
def test_errors_are_one_line(
    args: list[str],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_report_command([str(SEEDS), *args]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(message) and "\n" not in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.Example.com/a/b", "example.com"),
        ("https://news.exam ple.org/split url", "news.example.org"),
        ("http://user:pw@host.example.net:8080/x", "host.example.net"),
        ("www.example.com/no-scheme", "example.com"),
        ("https://www./x", "www"),
        ("http://[unbalanced/x", NO_URL),
        ("", NO_URL),
        ("   ", NO_URL),
        (None, NO_URL),
        (42, NO_URL),
        (["https://example.com"], NO_URL),
    ],
)
def test_domain_of(url: object, domain: str) -> None:
    assert domain_of(url) == domain


def test_tiny_shares_are_escaped_and_not_rounded_to_zero() -> None:
    totals = Totals(files=1, files_with_problems=1, articles=5000, articles_with_problems=1)
    totals.problems = totals.fixable_safe = 1
    rule = RuleStats(
        "NL101", "markdown-emphasis", "Markdown `**bold**`.", "safe", 1, 1, 1 / 5000, 1
    )
    domain = DomainStats("example.org", 5000, 1, 1, Counter({"NL101": 1}))
    report = Report(["corpus"], totals, [rule], [domain], [], [])
    page = render_html(report)
    assert_self_contained(page)
    assert "<0.1%" not in page
    assert page.count("&lt;0.1%") >= 3  # card, rules table and chart, domains table
    assert "<code>**bold**</code>" in page
