"""Baselines survive fixes (issue 15): a fingerprint does not depend on text that other
rules' fixes repair, a really new problem is still new, and format 1 baselines still work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newslint import baseline
from newslint.cli import main
from newslint.diagnostics import Diagnostic, Severity

# A hard-wrapped paragraph (NL507) holding two HTML entities (NL304).
WRAPPED = (
    "The council voted on Monday to approve the new harbour plan, which will\n"
    "see the old ferry terminal replaced by a marina &amp; a public park along\n"
    "the waterfront by the end of next year, the mayor&#39;s office said in a\n"
    "statement released late on Monday evening to the local press and radio."
)
OTHER = (
    "Work on the new cycle lanes along the northern shore is due to begin in\n"
    "the spring, once the contracts for the paving and the lighting have been\n"
    "signed by the county and the two companies that won the public tender.\n"
    "Residents will be able to comment on the final route until the end of May."
)


def record(body: str, key: str = "a1") -> str:
    return json.dumps({"id": key, "url": f"https://e.com/{key}", "title": "Harbour", "body": body})


def cli(tmp_path: Path, *args: str) -> int:
    return main(["--isolated", "--no-cache", *args])


def test_fixing_entities_does_not_revive_the_hard_wrap(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.jsonl").write_text(record(WRAPPED) + "\n", encoding="utf-8")
    assert cli(tmp_path, "a.jsonl", "--write-baseline", "b.json") == 0
    codes = sorted(entry["code"] for entry in json.loads(Path("b.json").read_text())["entries"])
    assert codes == ["NL304", "NL304", "NL507"]
    assert cli(tmp_path, "--fix", "--select", "NL304", "a.jsonl") == 0
    assert "&amp;" not in Path("a.jsonl").read_text(encoding="utf-8")
    capsys.readouterr()
    assert cli(tmp_path, "a.jsonl", "--baseline", "b.json") == 0
    out = capsys.readouterr().out
    assert "1 known problems hidden" in out
    assert "NL507" not in out
    assert "All checks passed!" in out


def test_a_really_new_problem_is_still_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.jsonl").write_text(record(WRAPPED) + "\n", encoding="utf-8")
    assert cli(tmp_path, "a.jsonl", "--write-baseline", "b.json") == 0
    assert cli(tmp_path, "--fix", "--select", "NL304", "a.jsonl") == 0
    # The same article gets a second hard-wrapped paragraph and a new entity.
    fixed = json.loads(Path("a.jsonl").read_text(encoding="utf-8"))
    fixed["body"] += "\n\n" + OTHER.replace("end of May", "end of &quot;May&quot;")
    Path("a.jsonl").write_text(json.dumps(fixed) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert cli(tmp_path, "a.jsonl", "--baseline", "b.json") == 1
    out = capsys.readouterr().out
    assert out.count("NL507") == 1 and "Work on the new" not in out  # one new NL507 ...
    assert out.count("NL304") == 2
    assert "Found 3 problems" in out
    assert "1 known problems hidden" in out  # ... and the old one is still known


def test_the_same_damage_in_another_article_is_new(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.jsonl").write_text(record(WRAPPED) + "\n", encoding="utf-8")
    assert cli(tmp_path, "a.jsonl", "--write-baseline", "b.json") == 0
    with Path("a.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(record(WRAPPED, "a2") + "\n")
    capsys.readouterr()
    assert cli(tmp_path, "a.jsonl", "--baseline", "b.json") == 1
    assert "Found 3 problems" in capsys.readouterr().out


def diagnostic(snippet: str, code: str = "NL507", field: str = "body") -> Diagnostic:
    return Diagnostic(
        code,
        "x",
        "m",
        Severity.WARNING,
        field,
        0,
        1,
        path="a.jsonl",
        snippet=snippet,
        record_key="id=a1",
    )


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        (
            "Fish &amp; chips, said the\nowner of the shop",
            "Fish & chips, said the owner of the shop",
        ),
        ("It is <b>very</b> good news for the town", "It is very good news for the town"),
        ("See [the plan](https://e.com/plan) for the\ndetails", "See the plan for the details"),
        (
            "The caf\u00c3\u00a9 on the corner opened again today",
            "The café on the corner opened again today",
        ),
        ("Zero\u200bwidth and non\u00a0breaking  spaces", "Zerowidth and non breaking spaces"),
        ("govern-\nment of the day", "government of the day"),
    ],
)
def test_fingerprints_ignore_what_safe_fixes_change(damaged: str, repaired: str) -> None:
    assert baseline.fingerprint(diagnostic(damaged)) == baseline.fingerprint(diagnostic(repaired))


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("The council voted on Monday", "The council voted on Tuesday"),
        ("&amp;", "&#39;"),  # damage without letters is its own text
        ("&eacute;", "&amp;"),
        ("<br>", "<hr>"),
    ],
)
def test_different_text_gives_different_fingerprints(one: str, other: str) -> None:
    assert baseline.fingerprint(diagnostic(one)) != baseline.fingerprint(diagnostic(other))


def test_rule_field_and_record_still_count() -> None:
    base = baseline.fingerprint(diagnostic("Some text here"))
    assert baseline.fingerprint(diagnostic("Some text here", code="NL601")) != base
    assert baseline.fingerprint(diagnostic("Some text here", field="caption")) != base


def test_the_anchor_is_the_text_start_only() -> None:
    long = "word " * 100
    assert baseline.anchor(long) == "word" * 10
    # Entities decoded layer by layer (an escaped tag is a tag once NL304 decodes it), tags
    # dropped, compatibility characters folded (the ligature), case folded.
    assert baseline.anchor("<p>&lt;b&gt; Ünïcode &amp;amp; ﬁne</p>") == "ünïcodefine"


# Written by newslint 0.1.0 (format 1) for WRAPPED in a.jsonl, byte for byte.
V1_BASELINE = """{
 "newslint": "0.1.0",
 "version": 1,
 "entries": [
  {
   "fingerprint": "6ab9741a4884c21831457ef297f3004d",
   "code": "NL304",
   "path": "a.jsonl",
   "record": "id=a1",
   "text": "&#39;"
  },
  {
   "fingerprint": "a1249413d340cdfc67d8c3e51df3c483",
   "code": "NL304",
   "path": "a.jsonl",
   "record": "id=a1",
   "text": "&amp;"
  },
  {
   "fingerprint": "b103ab4e0e79de4413906233f617ffd6",
   "code": "NL507",
   "path": "a.jsonl",
   "record": "id=a1",
   "text": "The council voted on Monday to approve the new harbour plan, which will\\nsee the "
  }
 ]
}
"""


def test_a_format_1_baseline_is_migrated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.jsonl").write_text(
        json.dumps({"id": "a1", "url": "https://e.com/a", "title": "Harbour plan", "body": WRAPPED})
        + "\n",
        encoding="utf-8",
    )
    Path("old.json").write_text(V1_BASELINE, encoding="utf-8")
    assert cli(tmp_path, "a.jsonl", "--baseline", "old.json") == 0
    assert "3 known problems hidden" in capsys.readouterr().out
    # Migrated, it survives the fix as a new baseline does.
    assert cli(tmp_path, "--fix", "--select", "NL304", "a.jsonl") == 0
    capsys.readouterr()
    assert cli(tmp_path, "a.jsonl", "--baseline", "old.json") == 0
    out = capsys.readouterr().out
    assert "1 known problems hidden" in out and "2 baseline entries matched nothing" in out


def test_a_format_1_entry_finds_its_field_by_its_fingerprint() -> None:
    title = diagnostic("Fish &amp; chips", code="NL304", field="title")
    entry = {
        "fingerprint": baseline.legacy_fingerprint(title),
        "code": "NL304",
        "path": "a.jsonl",
        "record": "id=a1",
        "text": title.snippet,
    }
    assert baseline._migrate(entry) == baseline.fingerprint(title)


def test_an_unknown_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text('{"version": 3, "entries": []}', encoding="utf-8")
    with pytest.raises(baseline.BaselineError, match="unsupported baseline version 3"):
        baseline.load(path)


def test_a_long_format_1_entry_of_the_articles_url_is_migrated_to_the_url_field() -> None:
    url = "https://www.example.org/2017/04/26/kazan-residents-divided-over-new-rail-line-a1234"
    found = Diagnostic(
        "NL004",
        "x",
        "m",
        Severity.ERROR,
        "url",
        0,
        len(url),
        path="a.jsonl",
        snippet=url,
        record_key=f"url={url}",
    )
    entry = {
        "fingerprint": baseline.legacy_fingerprint(found),
        "code": "NL004",
        "path": "a.jsonl",
        "record": f"url={url}",
        "text": url[:80],  # cut: the field cannot be checked against the old fingerprint
    }
    assert baseline._migrate(entry) == baseline.fingerprint(found)
    # Another URL (a split link in the body) is body text.
    other = dict(entry, record="url=https://e.com/elsewhere")
    body = Diagnostic(
        "NL004",
        "x",
        "m",
        Severity.ERROR,
        "body",
        0,
        80,
        path="a.jsonl",
        snippet=url[:80],
        record_key="url=https://e.com/elsewhere",
    )
    assert baseline._migrate(other) == baseline.fingerprint(body)
