"""NL408 site-boilerplate: lines many pages of one site carry, learned in a corpus pass.

The corpora here are written for the tests (never copied from ../shared): small sites whose
pages share a menu and a footer around articles of their own, in English, German and Russian.
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path
from typing import Any

import pytest

from newslint import sites
from newslint.cli import main
from newslint.config import ConfigError
from newslint.run import Run
from newslint.sites import SiteLines, normal_line, registered_domain, site_of
from newslint.statistics import CorpusStatistics

ARTICLES = [
    "The council approved the budget on Monday after a long debate.",
    "Rail workers will strike on Friday, the union said.",
    "A new bridge opened over the river, ten years after it was planned.",
    "The museum returned two paintings to the family that lost them in 1938.",
    "Heavy rain flooded the lower town for the second time this year.",
    "The mayor said she would not run again.",
]
MENU = "Home\nNews\nSport\nWeather"
FOOTER = "About us\nContact\nPrivacy policy\n© 2024 Example Media"


def _page(n: int, body: str, url: str = "https://www.example-news.com") -> dict[str, Any]:
    return {"title": f"Story {n}", "url": f"{url}/2024/story-{n}", "body": body}


def _site(count: int = 6, **kwargs: Any) -> list[dict[str, Any]]:
    return [
        _page(n, f"{MENU}\n\n{ARTICLES[n % len(ARTICLES)]}\n\n{FOOTER}", **kwargs)
        for n in range(count)
    ]


def _learned(records: list[dict[str, Any]], **settings: Any) -> Run:
    run = Run(extend_select=["NL408"], **settings)
    return run.with_statistics(run.learn_records(records))


def _found(run: Run, record: dict[str, Any]) -> list[tuple[int, int, str]]:
    return [(d.start, d.end, d.message) for d in run.lint_record(record) if d.code == "NL408"]


def test_a_sites_menu_and_footer_are_flagged_and_its_article_is_not() -> None:
    records = _site()
    run = _learned(records)
    body = records[2]["body"]
    found = _found(run, records[2])
    assert [(start, end) for start, end, _ in found] == [
        (0, body.index(ARTICLES[2])),  # the menu, and the blank line after it
        (body.index("About us"), len(body)),  # the footer
    ]
    assert "4 lines that 6 of the 6 pages of example-news.com carry" in found[0][2]
    assert "from 'Home'" in found[0][2]
    fixed = run.fix_record(records[2], unsafe=True).record
    assert fixed["body"].strip() == ARTICLES[2]
    assert _found(run, fixed) == []  # a second pass changes nothing


@pytest.mark.parametrize(
    ("menu", "footer"),
    [
        ("Startseite\nPolitik\nWirtschaft\nSport", "Impressum\nDatenschutz\nKontakt\nAGB"),
        ("Главная\nНовости\nСпорт\nПогода", "О нас\nКонтакты\nРеклама\nВакансии"),
        (
            "Accueil\nÉconomie\nCulture\nSport",
            "Mentions légales\nÀ propos\nNous contacter\nPublicité",
        ),
    ],
)
def test_menus_in_any_language(menu: str, footer: str) -> None:
    records = [
        _page(n, f"{menu}\n\n{text}\n\n{footer}", url="https://zeitung.example.de")
        for n, text in enumerate(ARTICLES)
    ]
    run = _learned(records)
    assert len(_found(run, records[0])) == 2


def test_what_it_must_not_flag() -> None:
    # A byline and its date on every page: two lines, and the date differs.
    dated = [
        _page(n, f"By Jane Doe\nNovember {n + 1}, 2024\n\n{text}")
        for n, text in enumerate(ARTICLES)
    ]
    assert all(_found(_learned(dated), record) == [] for record in dated)
    # A two-line byline on every page is a block of two: blocks of four are the site's.
    bylined = [_page(n, f"By Jane Doe\nStaff writer\n\n{text}") for n, text in enumerate(ARTICLES)]
    assert all(_found(_learned(bylined), record) == [] for record in bylined)
    sign_off = "Post written by Leo Babauta."
    records = [
        _page(n, f"{text}\n\n{sign_off}\n\n{ARTICLES[n - 1]} Then it rained.")
        for n, text in enumerate(ARTICLES)
    ]
    run = _learned(records)
    for record in records:  # an isolated repeated line is not a block
        assert _found(run, record) == []
    # Too few pages of the site to judge its template (min-site-pages 5).
    small = _site(4)
    assert _found(_learned(small), small[0]) == []
    # Lines other sites carry do not count for this one.
    other = _site(6, url="https://another.example.org")
    mixed = [*_site(2), *other]
    assert _found(_learned(mixed), mixed[0]) == []
    # Without a corpus pass there is nothing to go on: the API asks for statistics first.
    with pytest.raises(ConfigError, match="learn from a corpus"):
        Run(extend_select=["NL408"]).lint_record(small[0])


STORY = (
    "The storm closed the coast road for three days.\n"
    "Crews worked through the night to clear the fallen trees.\n"
    "Schools in the valley will open again on Thursday.\n"
    "The county asked drivers to keep off the hill roads."
)


def test_a_story_two_pages_share_is_not_a_template_but_three_pages_make_it_one() -> None:
    """Sentences that only two pages carry split a block: a syndicated story, or one article
    under two urls.  Lines that three pages carry are a block whatever they read like."""
    for sharing, flagged in ((2, False), (3, True)):
        records = [
            _page(n, f"{MENU}\n\n{STORY if n < sharing else text}\n\n{FOOTER}")
            for n, text in enumerate(ARTICLES)
        ]
        run = _learned(records)
        body = records[0]["body"]
        spans = [body[start:end] for start, end, _ in _found(run, records[0])]
        assert spans[0].startswith(MENU) and spans[-1].endswith(FOOTER)
        assert len(spans) == (1 if flagged else 2), sharing
        assert any(STORY in span for span in spans) is flagged, sharing


def test_a_list_two_articles_share_under_a_colon_is_not_flagged() -> None:
    regions = "North America\nEurope\nLatin America\nAsia Pacific"
    records = [
        _page(n, f"{text}\n\nSales by region:\n{regions}" if n < 2 else text)
        for n, text in enumerate(ARTICLES)
    ]
    run = _learned(records)
    assert _found(run, records[0]) == []
    # Without the colon, four short lines two pages share read as a template's.
    unled = [{**r, "body": r["body"].replace("region:", "region")} for r in records]
    assert len(_found(_learned(unled), unled[0])) == 1


def test_a_long_line_every_page_carries_counts() -> None:
    """An archive widget rendered as one line of some 600 characters is a footer's line."""
    archive = "Archives " + " ".join(
        f"{month} 2024 ({n})"
        for n, month in enumerate(
            ["January", "February", "March", "April", "May", "June"] * 6, start=1
        )
    )
    assert 300 < len(archive) <= sites.MAX_LINE
    records = [
        _page(n, f"{text}\n\nAbout us\nContact\n{archive}\n© 2024 Example Media")
        for n, text in enumerate(ARTICLES)
    ]
    run = _learned(records)
    [(start, end, message)] = _found(run, records[1])
    assert records[1]["body"][start:end].startswith("About us") and message.startswith(
        "site boilerplate: 4 lines"
    )
    # A paragraph as long, ending as a sentence does, is text: it does not count.
    paragraph = "The museum is open every day but Monday, and entry is free for children. " * 5
    assert 300 < len(paragraph) <= sites.MAX_LINE
    records = [{**r, "body": r["body"].replace(archive, paragraph)} for r in records]
    assert _found(_learned(records), records[1]) == []


def test_a_footer_holding_a_line_another_rule_deletes_is_deleted_whole() -> None:
    """NL403 deletes `Privacy policy`; deleted first, it would leave the footer a line short
    of a block, and the rest of it in the text."""
    records = _site()
    run = Run(select=["NL4"], extend_select=["NL408"])
    run = run.with_statistics(run.learn_records(records))
    assert {d.code for d in run.lint_record(records[0])} == {"NL403", "NL408"}
    fixed = run.fix_record(records[0], unsafe=True).record
    assert fixed["body"].strip() == ARTICLES[0]


def test_the_title_is_never_flagged() -> None:
    records = [
        {
            **_page(n, f"Weekly digest\nHome\nNews\nSport\nWeather\n\n{text}"),
            "title": "Weekly digest",
        }
        for n, text in enumerate(ARTICLES)
    ]
    run = _learned(records)
    [(start, end, _)] = _found(run, records[0])
    assert records[0]["body"][start:end].startswith("Home\nNews")


def test_case_and_spacing_do_not_make_lines_different_but_numbers_do() -> None:
    records = [
        _page(n, f"{text}\n\nSHARE  this\nFollow us\nComments ({n * 7 + 1})\nNewsletter")
        for n, text in enumerate(ARTICLES)
    ]
    run = _learned(records, rules={"NL408": {"min-block": 2}})
    [(start, end, message)] = _found(run, records[3])
    body = records[3]["body"]
    assert body[start:end] == "SHARE  this\nFollow us\n"  # two lines, then the counter
    assert message.startswith("site boilerplate: 2 lines")
    assert normal_line("Ｈｏｍｅ  page") == normal_line("home page")  # NFKC, spaces
    assert normal_line("Comments (74)") != normal_line("Comments (3)")


def test_options_tune_the_thresholds() -> None:
    records = _site()
    strict = _learned(records, rules={"NL408": {"min-pages": 7}})
    assert _found(strict, records[0]) == []
    single = _learned(records, rules={"NL408": {"min-block": 5}})
    assert [m for _, _, m in _found(single, records[0])] == []
    share = _learned([*_site(6), *_site(6, url="https://www.example-news.com/b")])
    assert len(_found(share, _site(1)[0])) == 2


def test_only_its_code_or_name_selects_it() -> None:
    """It needs a corpus pass, which a check of records cannot make by itself."""
    for select in (["NL4"], ["ALL"], ["NL40"]):
        assert "NL408" not in {rule.code for rule in Run(select=select).rules}
    for select in (["NL408"], ["site-boilerplate"], ["nl408 "]):
        assert "NL408" in {rule.code for rule in Run(select=select).rules}
    assert "NL408" not in {rule.code for rule in Run().rules}


def test_site_keys() -> None:
    values = {"url": "https://news.bbc.co.uk/sport/football/1", "site": " BBC "}
    assert site_of(values, "domain") == "bbc.co.uk"
    assert site_of(values, "host") == "news.bbc.co.uk"
    assert site_of(values, "field:site") == "BBC"
    assert site_of(values, "path:1") == "news.bbc.co.uk/sport"
    assert site_of(values, "path:2") == "news.bbc.co.uk/sport/football"
    assert site_of({"url": "https://127.0.0.1/a"}, "domain") == "127.0.0.1"
    assert site_of({}, "domain") == site_of({"url": 3}, "host") == "(no url)"
    assert registered_domain("www.example.com") == "example.com"


def test_site_key_is_validated_and_used(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="site-key"):
        Run(**{"site-key": "subdomain"})
    records = [
        {**record, "url": f"https://host{n}.example.net/a", "outlet": "Example"}
        for n, record in enumerate(_site())
    ]
    by_host = _learned(records, **{"site-key": "host"})
    assert _found(by_host, records[0]) == []  # six sites of one page each
    by_field = _learned(records, **{"site-key": "field:outlet"})
    assert len(_found(by_field, records[0])) == 2


def test_statistics_merge_in_any_order_and_pickle() -> None:
    records = _site() + _site(5, url="https://other.example.org")
    run = Run(extend_select=["NL408"])
    whole = run.learn_records(records)
    parts = [run.learn_records(records[i::3]) for i in range(3)]
    merged = CorpusStatistics([SiteLines])
    for part in reversed(parts):
        merged.merge(part)
    assert merged == whole
    assert pickle.loads(pickle.dumps(whole)) == whole
    learned = whole.get(SiteLines)
    assert learned is not None and learned.pages == {"example-news.com": 6, "example.org": 5}
    assert json.dumps(whole.as_json())  # plain, for profiles and the cache key


def test_memory_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_FINGERPRINTS, lines seen on one page only are forgotten; shared ones stay."""
    monkeypatch.setattr(sites, "MAX_FINGERPRINTS", 50)
    letters = "abcdefghijklmnopqrstuvwxyz"
    records = [
        _page(n, MENU + "\n\n" + "\n".join(f"Unique line {letters[n]}{c}" for c in letters))
        for n in range(6)
    ]
    learned = Run(extend_select=["NL408"]).learn_records(records).get(SiteLines)
    assert learned is not None
    assert sum(map(len, learned.lines.values())) <= 50 + len(letters) + len(MENU.split())
    home = sites.fingerprint(normal_line("Home"))
    assert learned.pages_with("example-news.com", home) == 6


def test_the_cli_learns_from_every_path_it_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for n, record in enumerate(_site()):
        (tmp_path / f"page{n}.json").write_text(json.dumps(record), encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        code = main(
            [
                "--isolated",
                "--no-cache",
                "--extend-select",
                "NL408",
                "--select",
                "NL408",
                "-j",
                jobs,
                str(tmp_path),
            ]
        )
        outputs.append(capsys.readouterr().out)
        assert code == 1
    assert outputs[0] == outputs[1]
    assert outputs[0].count("NL408") == 12  # a menu and a footer on each of six pages


def test_stdin_is_a_corpus_of_its_own(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSONL piped in is learned from, then checked (no traceback), as the same file is."""
    lines = "".join(json.dumps(record) + "\n" for record in _site())

    class _Stdin:
        buffer = __import__("io").BytesIO(lines.encode("utf-8"))

    monkeypatch.setattr("sys.stdin", _Stdin)
    arguments = ["--isolated", "--no-cache", "--select", "NL408", "--output-format", "concise"]
    code = main([*arguments, "-", "--stdin-filename", "pages.jsonl"])
    output = capsys.readouterr().out
    assert code == 1
    assert output.count("NL408") == 12


# -- site profiles: newslint learn, site-profile ------------------------------------------------


def _corpus(folder: Path) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for n, record in enumerate([*_site(), *_site(5, url="https://other.example.org")]):
        path = folder / f"page{n}.json"
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def test_learn_writes_a_plain_sorted_profile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _corpus(tmp_path / "corpus")
    profile = tmp_path / "sites.json"
    assert main(["learn", "--isolated", str(tmp_path / "corpus"), "-o", str(profile)]) == 0
    assert "11 pages of 2 sites" in capsys.readouterr().err
    data = json.loads(profile.read_text(encoding="utf-8"))
    assert data["format"] == "newslint-site-profile/1" and data["site-key"] == "domain"
    site = data["sites"]["example-news.com"]
    assert site["pages"] == 6 and site["lines"]["home"] == 6
    assert list(site["lines"]) == sorted(site["lines"])
    assert not any(text.startswith("the council") for text in site["lines"])  # seen once
    first = profile.read_bytes()
    assert (
        main(["learn", "--isolated", "-j", "2", str(tmp_path / "corpus"), "-o", str(profile)]) == 0
    )
    assert profile.read_bytes() == first  # the same corpus, the same file


def test_a_check_of_one_file_with_a_profile_finds_what_the_whole_corpus_run_finds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = _corpus(tmp_path / "corpus")
    (tmp_path / "corpus" / "newslint.toml").write_text(
        'extend-select = ["NL408"]\nsite-profile = "../sites.json"\n', encoding="utf-8"
    )
    assert main(["learn", str(tmp_path / "corpus"), "-o", str(tmp_path / "sites.json")]) == 0
    capsys.readouterr()
    whole = ["--no-cache", "--isolated", "--select", "NL408", str(tmp_path / "corpus")]
    assert main(whole) == 1
    expected = [line for line in capsys.readouterr().out.splitlines() if "page3.json" in line]
    assert len(expected) == 2
    assert main(["--no-cache", "--select", "NL408", str(paths[3])]) == 1  # the profile's
    assert [line for line in capsys.readouterr().out.splitlines() if "NL408" in line] == expected
    # The library API reads it too: no corpus pass needed.
    run = Run.load(tmp_path / "corpus" / "newslint.toml")
    assert len([d for d in run.lint_record(_site()[3]) if d.code == "NL408"]) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "file not found"),
        ("{not json", "cannot be read"),
        ('{"format": "other"}', "not a newslint site profile"),
        (
            '{"format": "newslint-site-profile/1", "site-key": "host", "sites": {}}',
            "learn it again",
        ),
        (
            '{"format": "newslint-site-profile/1", "site-key": "domain", '
            '"sites": {"a.com": {"pages": 2, "lines": {"home": 3}}}}',
            "has count 3",
        ),
    ],
)
def test_a_profile_that_cannot_be_used_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    profile = tmp_path / "sites.json"
    if content is not None:
        profile.write_text(content, encoding="utf-8")
    (tmp_path / "newslint.toml").write_text(
        'extend-select = ["NL408"]\nsite-profile = "sites.json"\n', encoding="utf-8"
    )
    page = tmp_path / "a.json"
    page.write_text(json.dumps(_site(1)[0]), encoding="utf-8")
    assert main(["--no-cache", str(page)]) == 2
    err = capsys.readouterr().err
    assert message in err and "sites.json" in err and len(err.strip().splitlines()) == 1


def test_learn_reports_bad_paths_and_outputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["learn", str(tmp_path / "nowhere"), "-o", str(tmp_path / "p.json")]) == 2
    assert "no such file or directory" in capsys.readouterr().err
    _corpus(tmp_path / "corpus")
    assert main(["learn", str(tmp_path / "corpus"), "-o", str(tmp_path / "no" / "p.json")]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert not (tmp_path / "no").exists()


def test_a_hand_edited_profile_line_is_read_as_newslint_reads_lines(tmp_path: Path) -> None:
    profile = tmp_path / "sites.json"
    lines = {"HOME": 6, "News": 6, "  sport ": 6, "WEATHER\t": 6}
    profile.write_text(
        json.dumps(
            {
                "format": "newslint-site-profile/1",
                "site-key": "domain",
                "sites": {"example-news.com": {"pages": 6, "lines": lines}},
            }
        ),
        encoding="utf-8",
    )
    run = Run(extend_select=["NL408"], **{"site-profile": str(profile)})
    record = _page(1, "Home\nNews\nSport\nweather\n\nThe mayor spoke.")
    assert [d.code for d in run.lint_record(record)].count("NL408") == 1


def test_a_profile_that_does_not_know_a_site_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _corpus(tmp_path / "corpus")
    profile = tmp_path / "sites.json"
    assert main(["learn", "--isolated", str(tmp_path / "corpus"), "-o", str(profile)]) == 0
    (tmp_path / "newslint.toml").write_text(
        'extend-select = ["NL408"]\nsite-profile = "sites.json"\n', encoding="utf-8"
    )
    stranger = tmp_path / "new.jsonl"
    records = [*_site(2, url="https://stranger.example.net"), _site(1)[0]]
    stranger.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    capsys.readouterr()
    assert main(["--no-cache", str(stranger)]) == 1  # the known site's page has problems
    err = capsys.readouterr().err
    assert f"{stranger}: warning: NL408: the site profile {profile} knows no page of " in err
    assert "example.net, so 2 articles here went unjudged; learn it again" in err
    known = tmp_path / "known.json"
    known.write_text(json.dumps(_site(1)[0]), encoding="utf-8")
    assert main(["--no-cache", str(known)]) == 1
    assert "warning" not in capsys.readouterr().err


def test_learn_names_what_it_cannot_read_and_learns_from_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    _corpus(corpus)
    (corpus / "broken.json").write_bytes(b"\xff\xfe\x00binary")
    profile = tmp_path / "sites.json"
    assert main(["learn", "--isolated", str(corpus), "-o", str(profile)]) == 2
    err = capsys.readouterr().err
    assert "broken.json" in err and "Traceback" not in err
    assert (
        json.loads(profile.read_text(encoding="utf-8"))["sites"]["example-news.com"]["pages"] == 6
    )
    # A new profile gets the mode a new file gets; no temp file is left beside it.
    assert (profile.stat().st_mode & 0o777) == 0o666 & ~_umask()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "sites.json"]
    profile.chmod(0o640)  # a profile that exists keeps its mode when learned again
    assert main(["learn", "--isolated", str(corpus), "-o", str(profile)]) == 2
    assert (profile.stat().st_mode & 0o777) == 0o640


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# -- stale or foreign profiles: warned about, never trusted blindly ------------------------------

REDESIGN_MENU = "Start\nPolitics\nBusiness\nCulture"
REDESIGN_FOOTER = "Imprint\nJobs\nTerms of use\n© 2025 Example Media Group"


def _redesigned(count: int, first: int = 100) -> list[dict[str, Any]]:
    """Pages of example-news.com after a redesign: a new menu and footer."""
    return [
        _page(n, f"{REDESIGN_MENU}\n\n{ARTICLES[n % len(ARTICLES)]}\n\n{REDESIGN_FOOTER}")
        for n in range(first, first + count)
    ]


def _with_profile(tmp_path: Path) -> Path:
    """A profile learned from ``_corpus``, and a configuration that reads it."""
    _corpus(tmp_path / "corpus")
    profile = tmp_path / "sites.json"
    assert main(["learn", "--isolated", str(tmp_path / "corpus"), "-o", str(profile)]) == 0
    (tmp_path / "newslint.toml").write_text(
        'extend-select = ["NL408"]\nsite-profile = "sites.json"\n', encoding="utf-8"
    )
    return profile


def _jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _warnings(err: str) -> list[str]:
    return [line for line in err.splitlines() if ": warning: " in line]


def test_a_stale_profile_says_so_once_per_file_and_flags_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = _with_profile(tmp_path)
    capsys.readouterr()
    redesigned = _jsonl(tmp_path / "new.jsonl", _redesigned(3))
    main(["--no-cache", "--select", "NL408", str(redesigned)])
    out, err = capsys.readouterr()
    assert "NL408" not in out  # a warning, never a problem
    assert _warnings(err) == [
        f"{redesigned}: warning: NL408: the site profile {profile} looks stale for "
        "example-news.com: none of the 3 pages here carries a line that half of the site's "
        "pages carried when it was learned (a redesign?), so NL408 may miss their "
        "boilerplate; learn it again (newslint learn)"
    ]
    # One page that still carries the template is enough: the profile is not stale.
    mixed = _jsonl(tmp_path / "mixed.jsonl", [*_redesigned(2), _site(1)[0]])
    main(["--no-cache", str(mixed)])
    assert _warnings(capsys.readouterr().err) == []
    old = _jsonl(tmp_path / "old.jsonl", _site(2))
    main(["--no-cache", str(old)])
    assert _warnings(capsys.readouterr().err) == []


def test_a_site_too_small_to_judge_or_without_a_template_is_never_stale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    small = [
        _page(n, f"{MENU}\n\n{ARTICLES[n]}", url="https://small.example.org") for n in range(3)
    ]
    plain = [_page(n, ARTICLES[n], url="https://plain.example.com") for n in range(6)]
    _jsonl(corpus / "pages.jsonl", [*small, *plain])
    profile = tmp_path / "sites.json"
    assert main(["learn", "--isolated", str(corpus), "-o", str(profile)]) == 0
    (tmp_path / "newslint.toml").write_text(
        'extend-select = ["NL408"]\nsite-profile = "sites.json"\n', encoding="utf-8"
    )
    capsys.readouterr()
    later = [
        _page(9, "Other menu\n\nText.", url="https://small.example.org"),
        _page(9, "Other menu\n\nText.", url="https://plain.example.com"),
    ]
    main(["--no-cache", str(_jsonl(tmp_path / "later.jsonl", later))])
    assert _warnings(capsys.readouterr().err) == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_big_file_read_in_chunks_is_warned_about_once_as_a_whole_file_is(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    jobs: str,
) -> None:
    from newslint import scheduler

    profile = _with_profile(tmp_path)
    strangers = _site(4, url="https://stranger.example.net")
    stale = _jsonl(tmp_path / "stale.jsonl", [*_redesigned(40), *strangers])
    # Old pages first, then the redesign: some page here carries the template.
    mixed = _jsonl(tmp_path / "mixed.jsonl", [*_site(2), *_redesigned(40)])
    whole = {}
    for path in (stale, mixed):
        capsys.readouterr()
        main(["--no-cache", "-j", jobs, str(path)])
        whole[path] = _warnings(capsys.readouterr().err)
    assert [w.split("NL408: ")[1][:40] for w in whole[stale]] == [
        f"the site profile {profile} knows no page of example.net"[:40],
        f"the site profile {profile} looks stale for example-news.com"[:40],
    ]
    assert "so 4 articles here went unjudged" in whole[stale][0]
    assert "none of the 40 pages here carries" in whole[stale][1]
    assert whole[mixed] == []
    monkeypatch.setattr(scheduler, "CHUNK_BYTES", 2048)
    monkeypatch.setattr(scheduler, "CHUNK_LINES", 5)
    for path in (stale, mixed):
        capsys.readouterr()
        main(["--no-cache", "-j", jobs, str(path)])
        assert _warnings(capsys.readouterr().err) == whole[path]


def test_warnings_survive_the_cache(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = _with_profile(tmp_path)
    stranger = _jsonl(tmp_path / "new.jsonl", _site(2, url="https://stranger.example.net"))
    stale = _jsonl(tmp_path / "stale.jsonl", _redesigned(2))
    os.utime(stranger, (1_000_000_000, 1_000_000_000))  # past the cache's racy window
    os.utime(stale, (1_000_000_000, 1_000_000_000))
    capsys.readouterr()
    cache = ["--cache-dir", str(tmp_path / "cache")]
    runs = []
    for _ in range(2):
        main([*cache, str(stranger), str(stale)])
        runs.append(_warnings(capsys.readouterr().err))
    assert runs[1] == runs[0] and len(runs[0]) == 2
    assert f"the site profile {profile} knows no page of example.net" in runs[0][0]
    assert "looks stale for example-news.com" in runs[0][1]
    # The same profile under another name: the warnings name the file the run reads.
    moved = tmp_path / "moved.json"
    moved.write_bytes(profile.read_bytes())
    (tmp_path / "newslint.toml").write_text(
        'extend-select = ["NL408"]\nsite-profile = "moved.json"\n', encoding="utf-8"
    )
    main([*cache, str(stranger), str(stale)])
    assert _warnings(capsys.readouterr().err) == [
        warning.replace(str(profile), str(moved)) for warning in runs[0]
    ]
    # A profile that knows the site now is another cache key: no warning is replayed.
    corpus = tmp_path / "corpus"
    _jsonl(corpus / "more.jsonl", [*_site(6, url="https://stranger.example.net"), *_redesigned(6)])
    assert main(["learn", "--isolated", str(corpus), "-o", str(moved)]) == 0
    capsys.readouterr()
    main([*cache, str(stranger), str(stale)])
    assert _warnings(capsys.readouterr().err) == []


def test_the_same_problems_whole_or_in_chunks_with_one_or_two_jobs_cached_or_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The corpus pass and NL408's check give one answer however the corpus is read: a big
    JSONL file whole or in chunks (streamed), in one process or a pool, and from the cache."""
    from newslint import scheduler

    records = [*_site(12), *_site(7, url="https://other.example.org"), *_redesigned(9)]
    records += [_page(n, f"{MENU}\nA line of its own {n}.\n{FOOTER}") for n in range(200, 230)]
    corpus = _jsonl(tmp_path / "pages.jsonl", records)
    os.utime(corpus, (1_000_000_000, 1_000_000_000))  # past the cache's racy window
    arguments = ["--isolated", "--select", "NL408", "--output-format", "json-lines"]
    outputs = {}
    for chunked in (False, True):
        if chunked:
            monkeypatch.setattr(scheduler, "CHUNK_BYTES", 1500)
            monkeypatch.setattr(scheduler, "CHUNK_LINES", 7)
            monkeypatch.setattr(scheduler, "POOL_MIN_BYTES", 0)  # -j 2: a pool, even for this
        for jobs in ("1", "2"):
            for cache in ("--no-cache", "cold", "warm"):
                flags = ["--no-cache"] if cache == "--no-cache" else []
                cache_dir = tmp_path / f"cache-{chunked}-{jobs}"
                flags += ["--cache-dir", str(cache_dir)]
                assert main([*arguments, *flags, "-j", jobs, str(corpus)]) == 1
                outputs[(chunked, jobs, cache)] = capsys.readouterr().out
    expected = outputs[(False, "1", "--no-cache")]
    assert expected.count('"NL408"') > 50
    assert all(output == expected for output in outputs.values())


def _signed(n: int, text: str, sign: str, date: str) -> dict[str, Any]:
    """A page whose post is dated above its headline and signed under its last sentence,
    between the site's menu and footer: a blog's layout."""
    headline = f"Notes from the valley, part {n}"
    return _page(n, f"{MENU}\n{date}\n\n{headline}\n\n{text}\n\n{sign}\n{FOOTER}")


@pytest.mark.parametrize(
    "sign",
    ["– Jane Doe", "-Jane", "Cheers,\nJane", "Posted by Jane Doe at 9:30 AM", "Liebe Grüße\nJane"],
)
def test_the_articles_sign_off_and_date_at_a_blocks_edge_are_not_flagged(sign: str) -> None:
    """A columnist's name on each of her pages and the date each post of a day carries are
    the article's, though they touch the site's footer and menu: the block is judged whole
    and reported without them."""
    dates = ["November 8, 2024"] * 3 + ["November 9, 2024"] * 3
    records = [_signed(n, text, sign, dates[n]) for n, text in enumerate(ARTICLES)]
    run = _learned(records, select=["NL408"])
    for record in records:
        body = record["body"]
        spans = [body[start:end] for start, end, _ in _found(run, record)]
        assert spans == [f"{MENU}\n", FOOTER], sign
        fixed = run.fix_record(record, unsafe=True).record["body"]
        assert fixed.startswith("November") and fixed.rstrip().endswith(sign)
        assert _found(run, {**record, "body": fixed}) == []


def test_lookalikes_of_a_sign_off_at_a_blocks_edge_are_flagged() -> None:
    # A footer of dashed items, a date that is no article's (the page's top, before the
    # menu), and a comma line with no name under it.
    footer = "- About Us\n- Contact Us\n- Privacy Policy\n- Advertise"
    for body_of in (
        lambda text: f"{text}\n\n{footer}",
        lambda text: f"November 8, 2024\n{MENU}\n\n{text}",
        lambda text: f"{text}\n\nMore from us,\nsee our archive\n{FOOTER}",
    ):
        records = [_page(n, body_of(text)) for n, text in enumerate(ARTICLES)]
        run = _learned(records)
        body = records[0]["body"]
        flagged = "".join(body[start:end] for start, end, _ in _found(run, records[0]))
        assert flagged.strip() == body.replace(ARTICLES[0], "").strip()


@pytest.mark.parametrize("greeting", ["Hi David,", "Liebe Anna,", "Дорогой Иван,"])
def test_the_greeting_over_a_readers_comment_is_not_flagged(greeting: str) -> None:
    """A reader greets the author the same way on each of his posts: the greeting opens the
    comment under the site's comment form, it is no line of the form."""
    form = "Comments\nLeave a reply\nName (required)\nEmail (required)"
    records = [
        _page(n, f"{text}\n\n{form}\n{greeting}\n{ARTICLES[n - 1]} I agree.")
        for n, text in enumerate(ARTICLES)
    ]
    run = _learned(records, select=["NL408"])
    for record in records:
        body = record["body"]
        assert [body[start:end] for start, end, _ in _found(run, record)] == [f"{form}\n"]


@pytest.mark.parametrize("size", [1, 2, 3])
def test_a_block_that_is_all_sign_off_is_not_flagged_with_small_blocks(size: int) -> None:
    """With `min-block` under 4 a block may be the sign-off alone (its date differs from page
    to page): nothing of it is flagged, and nothing breaks."""
    records = [
        _page(n, f"{text}\n\nCheers,\nPosted by Timo\nNovember {n + 1}, 2024\n\nTail {n}")
        for n, text in enumerate(ARTICLES)
    ]
    run = _learned(records, select=["NL408"], rules={"NL408": {"min-block": size}})
    assert all(_found(run, record) == [] for record in records)
