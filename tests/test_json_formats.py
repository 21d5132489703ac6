"""The JSON and JSONL readers, locations in them, and byte-exact fix write-back.

Every fix test runs the real CLI (``newslint.cli.main``) on files in ``tmp_path``
and compares the bytes written with bytes built by hand from the input: only
the characters a fix changes may differ, in the file's own escaping style.
"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from newslint import jsonstr
from newslint.cli import main
from newslint.jsonstr import JsonStyle, encode, offset_map
from newslint.readers.json_reader import JSON_READER, JSONL_READER

PROMO = "Related article: <u>Headline Here</u>"
SPLIT_URL = "https://example.com/news/some-story-ove r-ukraine-a86878"
JOINED_URL = "https://example.com/news/some-story-over-ukraine-a86878"


# ----------------------------------------------------------------------------- helpers


# These tests are about the JSON formats, not the rule catalogue: they run the schema
# rules and the four rules of the seed, so that new rules do not change their fixtures.
RULES = "NL00,NL101,NL201,NL301,NL401"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--select", RULES, *args])
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, data: str | bytes) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def replace_once(data: bytes | str, old: bytes | str, new: bytes | str):  # type: ignore[no-untyped-def]
    """``data`` with its single occurrence of ``old`` replaced (fails if not exactly one)."""
    assert data.count(old) == 1, f"{old!r} occurs {data.count(old)} times"
    return data.replace(old, new)


def diagnostics_json(capsys: pytest.CaptureFixture[str], path: Path) -> list[dict]:
    code, out, err = run(capsys, "--format", "json", str(path))
    assert code == 1, err
    assert err == ""
    return json.loads(out)


def article(**extra: object) -> dict:
    record = {"title": "A title", "url": "https://example.com/a", "body": "Plain body."}
    record.update(extra)
    return record


# ----------------------------------------------------------------------------- reading


@pytest.mark.parametrize("indent", [None, 2, "\t"])
def test_json_reader_keeps_every_member_and_maps_spans(indent: object) -> None:
    record = {
        "id": 17,
        "title": 'Caf\u00e9 "quoted" / slash',
        "source": {"name": "Wire", "tags": ["a", "b"], "score": 1.5, "ok": True, "none": None},
        "url": "https://example.com/a",
        "body": "Line one\nLine two \u00e9 \U0001f600",
        "x-unknown": [1, {"deep": "value"}],
    }
    text = json.dumps(record, indent=indent)  # type: ignore[arg-type]
    articles, errors = JSON_READER.parse("a.json", text)
    assert errors == []
    [parsed] = articles
    assert parsed.values == record
    assert list(parsed.values) == list(record)  # key order kept
    assert parsed.record is None
    for name in ("title", "url", "body"):
        span = parsed.spans[name]
        assert text[span.start - 1] == text[span.end] == '"'
        assert json.loads(text[span.start - 1 : span.end + 1]) == record[name]
        # every decoded offset maps into the literal and decodes back to that character
        for i, char in enumerate(record[name]):
            a, b = span.to_source(text, i), span.to_source(text, i + 1)
            assert json.loads('"' + text[a:b] + '"') == char
    assert parsed.spans["title"].escaped and not parsed.spans["url"].escaped


def test_jsonl_reader_records_and_spans() -> None:
    records = [article(id=i, extra={"n": i}, title=f"T\u00e9{i}") for i in range(3)]
    lines = [json.dumps(r) for r in records]
    text = "\n".join(lines[:2]) + "\n\n  \n" + lines[2]  # blank lines are skipped, no final newline
    articles, errors = JSONL_READER.parse("a.jsonl", text)
    assert errors == []
    assert [a.values for a in articles] == records
    assert [a.record for a in articles] == [1, 2, 5]
    for parsed in articles:
        span = parsed.spans["title"]
        assert json.loads(text[span.start - 1 : span.end + 1]) == parsed.values["title"]


# ----------------------------------------------------------------------------- fix write-back


def test_fix_compact_ascii_json_rewrites_only_the_damaged_characters(
    tmp_path: Path, capsys
) -> None:
    record = {
        "title": "It\u00e2\u0080\u0099s the caf\u00c3\u00a9",
        "lead": {"unknown": ["kept", 1, None], "z": "\u00e9\n"},
        "url": "https://example.com/a",
        "body": 'Tab\there "q" \u00e9 caf\u00c3\u00a9.\n\nPhoto: **Name / Agency**',
        "trailing": 3.25,
    }
    original = json.dumps(record)  # ensure_ascii=True: the file is pure ASCII
    assert original.isascii()
    path = write(tmp_path / "a.json", original)
    code, out, err = run(capsys, "--fix", str(path))
    assert code == 0, out + err
    expected = replace_once(original, "It\\u00e2\\u0080\\u0099s", "It\\u2019s")
    expected = replace_once(expected, "the caf\\u00c3\\u00a9", "the caf\\u00e9")
    expected = replace_once(expected, "\\u00e9 caf\\u00c3\\u00a9.", "\\u00e9 caf\\u00e9.")
    expected = replace_once(expected, "**Name / Agency**", "Name / Agency")
    after = path.read_bytes()
    assert after == expected.encode()
    assert after.isascii()
    fixed = json.loads(after)
    assert fixed["title"] == "It\u2019s the caf\u00e9"
    assert fixed["lead"] == record["lead"] and fixed["trailing"] == 3.25
    assert list(fixed) == list(record)
    # A second run finds nothing and writes nothing.
    assert run(capsys, "--fix", str(path))[0] == 0
    assert path.read_bytes() == after


def test_fix_pretty_raw_utf8_json_writes_raw_utf8(tmp_path: Path, capsys) -> None:
    record = {
        "title": "Caf\u00e9 \u2014 news",
        "url": "https://example.com/a",
        "body": "First \u00e9\n\nIt\u00e2\u0080\u0099s the caf\u00c3\u00a9 **Name / Agency**",
        "meta": {"tags": ["x", "y"], "nested": {"deep": [1, 2]}},
    }
    original = json.dumps(record, indent=4, ensure_ascii=False) + "\n"
    path = write(tmp_path / "a.json", original)
    assert run(capsys, "--fix", str(path))[0] == 0
    expected = replace_once(
        original,
        "It\u00e2\u0080\u0099s the caf\u00c3\u00a9 **Name / Agency**",
        "It\u2019s the caf\u00e9 Name / Agency",
    )
    after = path.read_bytes()
    assert after == expected.encode("utf-8")
    assert "\\u" not in after.decode()
    assert json.loads(after)["meta"] == record["meta"]


def test_fix_keeps_escaped_slashes_and_upper_case_hex(tmp_path: Path, capsys) -> None:
    # The style of PHP's json_encode: "\/" everywhere and upper-case hex digits.
    original = (
        '{"title": "Caf\\u00C3\\u00A9 \\/ News",'
        ' "url": "https:\\/\\/example.com\\/news\\/some-story-ove r-ukraine-a86878",'
        ' "body": "Tab\\there \\"q\\" \\u00E9 \\n caf\\u00C3\\u00A9 ok \\/ \\u2014'
        ' **Name \\/ Agency** end",'
        ' "other": "\\u00C3\\u00A9 untouched in an unknown field"}'
    )
    path = write(tmp_path / "a.json", original)
    code, out, err = run(capsys, "--fix", str(path))
    assert code == 0, out + err
    expected = replace_once(original, '"Caf\\u00C3\\u00A9 \\/', '"Caf\\u00E9 \\/')
    expected = replace_once(expected, "ove r-ukraine", "over-ukraine")
    expected = replace_once(expected, "\\n caf\\u00C3\\u00A9 ok", "\\n caf\\u00E9 ok")
    expected = replace_once(expected, "**Name \\/ Agency**", "Name \\/ Agency")
    assert path.read_text() == expected
    fixed = json.loads(expected)
    assert fixed["url"] == JOINED_URL
    assert fixed["other"] == "\u00c3\u00a9 untouched in an unknown field"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fix_jsonl_leaves_untouched_lines_byte_identical(
    tmp_path: Path, capsys, newline: str
) -> None:
    records = [
        article(id=1, unknown={"a": [1, 2]}, body="Clean line \u00e9"),
        article(
            id=2,
            url=SPLIT_URL,
            body="First\nIt\u00e2\u0080\u0099s caf\u00c3\u00a9 **Name / Agency**",
        ),
        article(id=3, body="Also clean", extra=None),
        article(id=4, title="T \u00e9", body="caf\u00c3\u00a9"),
    ]
    lines = [
        json.dumps(records[0]),
        json.dumps(records[1], ensure_ascii=False),  # raw UTF-8 somewhere makes the file raw UTF-8
        json.dumps(records[2], separators=(",", ":")),
        json.dumps(records[3]),
    ]
    original = newline.join(lines) + newline
    path = write(tmp_path / "a.jsonl", original)
    code, out, err = run(capsys, "--fix", str(path))
    assert code == 0, out + err
    after = path.read_bytes().decode("utf-8")
    new_lines = after.split(newline)
    assert new_lines[-1] == ""
    assert new_lines[0] == lines[0]
    assert new_lines[2] == lines[2]
    line2 = replace_once(lines[1], "ove r-ukraine", "over-ukraine")
    line2 = replace_once(
        line2,
        "It\u00e2\u0080\u0099s caf\u00c3\u00a9 **Name / Agency**",
        "It\u2019s caf\u00e9 Name / Agency",
    )
    assert new_lines[1] == line2
    # the file has raw UTF-8, so the inserted é is raw even on an otherwise escaped line
    assert new_lines[3] == replace_once(lines[3], '"caf\\u00c3\\u00a9"', '"caf\u00e9"')
    parsed = [json.loads(line) for line in new_lines[:-1]]
    assert parsed[0] == records[0] and parsed[2] == records[2]
    assert json.loads(new_lines[1])["url"] == JOINED_URL


def test_ascii_jsonl_stays_ascii_after_fix(tmp_path: Path, capsys) -> None:
    lines = [json.dumps(article(body="caf\u00c3\u00a9 \U0001f600")), json.dumps(article(title="x"))]
    original = "\n".join(lines) + "\n"
    path = write(tmp_path / "a.jsonl", original)
    assert run(capsys, "--fix", str(path))[0] == 0
    after = path.read_bytes()
    assert after.isascii()
    assert after.decode() == replace_once(
        original, "caf\\u00c3\\u00a9 \\ud83d\\ude00", "caf\\u00e9 \\ud83d\\ude00"
    )


def test_diff_writes_nothing(tmp_path: Path, capsys) -> None:
    original = json.dumps(article(body="caf\u00c3\u00a9"))
    path = write(tmp_path / "a.json", original)
    code, out, _ = run(capsys, "--diff", str(path))
    assert code == 1
    assert '+{"title": "A title", "url": "https://example.com/a", "body": "caf\\u00e9"}' in out
    assert path.read_text() == original


# ----------------------------------------------------------------------------- locations


def _find(diagnostics: list[dict], code: str) -> dict:
    [found] = [d for d in diagnostics if d["code"] == code]
    return found


def test_locations_in_jsonl_after_escapes(tmp_path: Path, capsys) -> None:
    body = 'Caf\u00e9 line\nSecond "line" \u00e9\\ then **Name / Agency** and caf\u00c3\u00a9'
    lines = [json.dumps(article(body="clean")), json.dumps(article(body=body, note="\u00e9"))]
    path = write(tmp_path / "a.jsonl", "\n".join(lines) + "\n")
    raw = lines[1]
    diagnostics = diagnostics_json(capsys, path)
    bold = _find(diagnostics, "NL101")
    assert (bold["line"], bold["record"], bold["field"]) == (2, 2, "body")
    assert bold["column"] == raw.index("**Name") + 1
    assert bold["end_column"] == raw.index("Agency**") + len("Agency**") + 1
    assert [(e["column"], e["end_column"]) for e in bold["fix"]["edits"]] == [
        (raw.index("**Name") + 1, raw.index("**Name") + 3),
        (raw.index("Agency**") + 7, raw.index("Agency**") + 9),
    ]
    moji = _find(diagnostics, "NL301")
    assert (moji["line"], moji["record"], moji["field"]) == (2, 2, "body")
    assert moji["column"] == raw.index("\\u00c3\\u00a9") + 1
    assert moji["end_column"] == raw.index("\\u00c3\\u00a9") + 13
    assert moji["fix"]["edits"] == [
        {
            "line": 2,
            "column": moji["column"],
            "end_line": 2,
            "end_column": moji["end_column"],
            "content": "\\u00e9",
        }
    ]


def test_locations_in_pretty_json_with_raw_utf8_and_crlf(tmp_path: Path, capsys) -> None:
    record = article(title="T", body="\u00e9\u00e9 \U0001f600 line\n\\ x **Name / Agency**")
    text = json.dumps(record, indent=2, ensure_ascii=False).replace("\n", "\r\n")
    path = write(tmp_path / "a.json", b"\xef\xbb\xbf" + text.encode())
    [bold] = diagnostics_json(capsys, path)
    raw_lines = text.split("\r\n")
    [(index, line)] = [(i, line) for i, line in enumerate(raw_lines) if "**Name" in line]
    assert (bold["line"], bold["record"], bold["field"]) == (index + 1, None, "body")
    # columns count characters (the emoji is one), and the BOM is not part of line 1
    assert bold["column"] == line.index("**Name") + 1
    assert bold["end_line"] == index + 1


def test_url_field_location_with_escaped_slashes(tmp_path: Path, capsys) -> None:
    raw = (
        '{"title": "T", "body": "B",'
        ' "url": "https:\\/\\/example.com\\/news\\/some-story-ove r-ukraine-a86878"}'
    )
    path = write(tmp_path / "a.json", raw)
    diagnostics = diagnostics_json(capsys, path)
    split = _find(diagnostics, "NL201")
    assert split["field"] == "url"
    assert split["column"] == raw.index("https:") + 1
    assert split["end_column"] == raw.index('a86878"') + 7
    assert [(e["column"], e["end_column"], e["content"]) for e in split["fix"]["edits"]] == [
        (raw.index(" r-ukraine") + 1, raw.index(" r-ukraine") + 2, "")
    ]


# ------------------------------------------------------------------------ related promo (NL401)

BODY_WITH_PROMO = f"First paragraph \u00e9.\n\n{PROMO}\n\nLast paragraph."
BODY_FIXED = "First paragraph \u00e9.\n\nLast paragraph."


def _promo_record(related: list[str] | None) -> dict:
    record = {"title": "T", "url": "https://example.com/a", "body": BODY_WITH_PROMO, "tags": ["x"]}
    if related is not None:
        record["related"] = related
        record["after"] = {"k": 1}  # related is not the last member
    return record


@pytest.mark.parametrize(
    "related", [["Older / Story"], ["A", "B"], [], None], ids=["one", "two", "empty", "absent"]
)
@pytest.mark.parametrize(
    "style",
    [
        {},
        {"indent": 2},
        {"indent": 4, "ensure_ascii": False},
        {"separators": (",", ":")},
    ],
    ids=["compact", "pretty", "pretty-utf8", "minified"],
)
def test_related_promo_unsafe_fix(
    tmp_path: Path, capsys, related: list[str] | None, style: dict
) -> None:
    record = _promo_record(related)
    original = json.dumps(record, **style)
    path = write(tmp_path / "a.json", original)
    # Without --unsafe-fixes nothing is written.
    code, out, _ = run(capsys, "--fix", str(path))
    assert code == 1 and "NL401" in out
    assert path.read_text() == original
    code, out, err = run(capsys, "--fix", "--unsafe-fixes", str(path))
    assert code == 0, out + err
    after = path.read_text()
    fixed = json.loads(after)
    expected = dict(record, body=BODY_FIXED, related=[*(related or []), "Headline Here"])
    assert fixed == expected
    assert list(fixed) == list(expected)  # key order kept; a new "related" goes last
    # Bytes: identical to the same dump, except that an array the fix creates or
    # fills from empty is written on one line.
    expected_text = json.dumps(expected, **style)
    if style.get("indent") and not related:
        indent = " " * style["indent"]
        expected_text = expected_text.replace(
            f'[\n{indent * 2}"Headline Here"\n{indent}]', '["Headline Here"]'
        )
    assert after == expected_text


def test_related_promo_in_jsonl_and_crlf_bom_pretty_json(tmp_path: Path, capsys) -> None:
    lines = [
        json.dumps(_promo_record(None)),
        json.dumps(article(body="clean")),
        json.dumps(_promo_record(["A"])),
    ]
    jsonl = write(tmp_path / "a.jsonl", "\n".join(lines) + "\n")
    pretty_text = json.dumps(_promo_record(None), indent=2).replace("\n", "\r\n") + "\r\n"
    pretty = write(tmp_path / "b.json", b"\xef\xbb\xbf" + pretty_text.encode())
    code, out, err = run(capsys, "--fix", "--unsafe-fixes", str(jsonl), str(pretty))
    assert code == 0, out + err
    new_lines = jsonl.read_text().split("\n")
    assert new_lines[1] == lines[1]
    assert json.loads(new_lines[0]) == dict(
        _promo_record(None), body=BODY_FIXED, related=["Headline Here"]
    )
    assert json.loads(new_lines[2]) == dict(
        _promo_record(["A"]), body=BODY_FIXED, related=["A", "Headline Here"]
    )
    data = pretty.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode()
    expected = replace_once(pretty_text, "  ]\r\n}", '  ],\r\n  "related": ["Headline Here"]\r\n}')
    assert text == replace_once(expected, json.dumps(BODY_WITH_PROMO), json.dumps(BODY_FIXED))
    assert "\n" not in text.replace("\r\n", "")


def test_related_promo_in_php_style_file(tmp_path: Path, capsys) -> None:
    # Escaped slashes and upper-case hex: the new headline is written the same way.
    original = (
        '{"title": "T", "url": "https:\\/\\/example.com\\/a",'
        ' "body": "One \\u00E9.\\n\\nRelated article: <u>Caf\\u00E9 \\/ News<\\/u>\\n\\nTwo.",'
        ' "related": ["Old \\/ One"]}'
    )
    path = write(tmp_path / "a.json", original)
    code, out, err = run(capsys, "--fix", "--unsafe-fixes", str(path))
    assert code == 0, out + err
    expected = replace_once(
        original, "\\n\\nRelated article: <u>Caf\\u00E9 \\/ News<\\/u>\\n\\nTwo.", "\\n\\nTwo."
    )
    expected = replace_once(expected, '["Old \\/ One"]', '["Old \\/ One", "Caf\\u00E9 \\/ News"]')
    assert path.read_text() == expected
    assert json.loads(expected)["related"] == ["Old / One", "Caf\u00e9 / News"]


def test_mojibake_in_promo_headline_is_repaired_before_it_moves_to_related(
    tmp_path: Path, capsys
) -> None:
    record = article(
        body="One.\n\nRelated article: <u>Caf\u00c3\u00a9 News</u>\n\nTwo.", related=[]
    )
    path = write(tmp_path / "a.json", json.dumps(record))
    code, out, err = run(capsys, "--fix", "--unsafe-fixes", str(path))
    assert code == 0, out + err
    assert json.loads(path.read_text())["related"] == ["Caf\u00e9 News"]


# ----------------------------------------------------------------------------- bad input


def test_jsonl_with_one_malformed_line(tmp_path: Path, capsys) -> None:
    bad = '{"title": "B", "url": , "body": "x"}'
    lines = [
        json.dumps(article(body="caf\u00c3\u00a9 one")),
        bad,
        json.dumps(article(body="**Name / Agency** three")),
    ]
    original = "\n".join(lines) + "\n"
    path = write(tmp_path / "a.jsonl", original)
    code, out, err = run(capsys, "--fix", str(path))
    assert code == 2
    column = bad.index('"url": ,') + len('"url": ') + 1  # the comma where the url value should be
    assert err.splitlines() == [f"{path}:2:{column}: error: invalid JSON: Expecting value"]
    assert "2 fixed" in out
    new_lines = path.read_text().split("\n")
    assert new_lines[1] == bad
    assert new_lines[0] == replace_once(lines[0], "caf\\u00c3\\u00a9", "caf\\u00e9")
    assert new_lines[2] == replace_once(lines[2], "**Name / Agency**", "Name / Agency")


def test_jsonl_malformed_lines_of_several_kinds(tmp_path: Path, capsys) -> None:
    lines = [
        json.dumps(article()),
        "[1, 2]",
        '{"title": "T"} trailing',
        '{"title": "unterminated',
        "42",
        json.dumps(article(body="caf\u00c3\u00a9")),
    ]
    path = write(tmp_path / "a.jsonl", "\n".join(lines))
    code, _, err = run(capsys, "--fix", str(path))
    assert code == 2
    errors = err.splitlines()
    assert [e.split(": error: ")[0] for e in errors] == [
        f"{path}:2:1",
        f"{path}:3:16",
        f"{path}:4:11",
        f"{path}:5:1",
    ]
    assert (
        "found an array" in errors[0]
        and "extra data" in errors[1]
        and "found a number" in errors[3]
    )
    assert path.read_text().split("\n")[:5] == lines[:5]
    assert path.read_text().split("\n")[5] == replace_once(lines[5], "\\u00c3\\u00a9", "\\u00e9")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '[{"title": "T", "url": "https://example.com/a", "body": "caf\\u00c3\\u00a9"}]',
            "found an array",
        ),
        ('{"title": "T", "url": "https://example.com/a", "body": "x"}\n{}', "extra data"),
        ('{"title": "T",\n "body": caf}', "invalid JSON"),
    ],
)
def test_json_that_is_not_one_object(tmp_path: Path, capsys, content: str, message: str) -> None:
    path = write(tmp_path / "a.json", content)
    code, _, err = run(capsys, "--fix", "--unsafe-fixes", str(path))
    assert code == 2
    [line] = err.splitlines()
    assert re.fullmatch(rf"{re.escape(str(path))}:\d+:\d+: error: .*", line), line
    assert message in line
    assert path.read_text() == content


def test_json_syntax_error_position(tmp_path: Path, capsys) -> None:
    content = '{\n  "title": "T",\n  "body": caf\n}'
    path = write(tmp_path / "a.json", content)
    code, _, err = run(capsys, str(path))
    assert code == 2
    assert err.strip() == f"{path}:3:11: error: invalid JSON: Expecting value"


@pytest.mark.parametrize("name", ["a.json", "a.jsonl"])
@pytest.mark.parametrize("content", [b"", b"   \n\n", b"\xef\xbb\xbf", b"\r\n"])
def test_empty_files(tmp_path: Path, capsys, name: str, content: bytes) -> None:
    path = write(tmp_path / name, content)
    code, _, err = run(capsys, "--fix", str(path))
    assert code == 2
    [line] = err.splitlines()
    assert line.startswith(str(path)) and "empty" in line
    assert path.read_bytes() == content


def test_crlf_and_bom_kept_through_fix(tmp_path: Path, capsys) -> None:
    record = article(body="Line\r\nwith CRLF inside caf\u00c3\u00a9 **Name / Agency**")
    text = json.dumps(record, indent=2).replace("\n", "\r\n") + "\r\n"
    path = write(tmp_path / "a.json", b"\xef\xbb\xbf" + text.encode())
    assert run(capsys, "--fix", str(path))[0] == 0
    expected = replace_once(text, "caf\\u00c3\\u00a9 **Name / Agency**", "caf\\u00e9 Name / Agency")
    assert path.read_bytes() == b"\xef\xbb\xbf" + expected.encode()

    lines = [json.dumps(article(body="caf\u00c3\u00a9")), json.dumps(article())]
    jsonl_text = "\r\n".join(lines) + "\r\n"
    jsonl = write(tmp_path / "b.jsonl", b"\xef\xbb\xbf" + jsonl_text.encode())
    assert run(capsys, "--fix", str(jsonl))[0] == 0
    assert (
        jsonl.read_bytes()
        == b"\xef\xbb\xbf" + replace_once(jsonl_text, "\\u00c3\\u00a9", "\\u00e9").encode()
    )


@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_lone_surrogate_escape_does_not_crash(tmp_path: Path, capsys, ensure_ascii: bool) -> None:
    record = article(
        title="x \ud800 y", body="bad \ud800 here **Name / Agency** caf\u00c3\u00a9", other="\udfff"
    )
    original = json.dumps(record, ensure_ascii=ensure_ascii)
    # An encoder that writes UTF-8 must still escape lone surrogates (json.dumps leaves them raw).
    original = original.replace("\ud800", "\\ud800").replace("\udfff", "\\udfff")
    path = write(tmp_path / "a.jsonl", original + "\n")
    diagnostics = diagnostics_json(capsys, path)
    assert {d["code"] for d in diagnostics} == {"NL101", "NL301"}
    raw = original
    assert _find(diagnostics, "NL101")["column"] == raw.index("**Name") + 1
    code, out, err = run(capsys, "--fix", str(path))
    assert code == 0, out + err
    after = path.read_text()
    assert after.count("\\ud800") == 2 and "\\udfff" in after
    assert json.loads(after) == dict(record, body="bad \ud800 here Name / Agency caf\u00e9")


def test_lone_surrogate_in_a_diagnostic_message_does_not_crash(tmp_path: Path) -> None:
    # Unrepairable mojibake right after a lone surrogate: NL301 quotes the run of
    # non-ASCII text, surrogate included, in its message.
    title = "x\ud800\u00d0 \u00d0\u00be\u00d1 \u00d1 \u00d0\u00b8\u00d1"
    path = write(tmp_path / "a.json", json.dumps(article(title=title)))
    for output in ("concise", "json"):
        result = subprocess.run(
            [sys.executable, "-m", "newslint", "--format", output, str(path)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="backslashreplace",
            check=False,
        )
        assert "Traceback" not in result.stderr
        assert result.returncode == 1


# ----------------------------------------------------------------------------- jsonstr


def test_style_detection() -> None:
    assert JsonStyle.detect('{"a": "caf\\u00e9"}') == JsonStyle(True, False, False)
    assert JsonStyle.detect('{"a": "caf\\u00E9", "b": "\\u0000"}') == JsonStyle(True, True, False)
    assert JsonStyle.detect(
        '{"a": "\\u0041\\u00E9"}'
    ).upper_hex  # digits-only escapes are no evidence
    assert JsonStyle.detect('{"a": "caf\u00e9 \\u00e9"}') == JsonStyle(False, False, False)
    assert JsonStyle.detect('{"a": "https:\\/\\/x"}').escape_slash
    assert not JsonStyle.detect('{"a": "https://x"}').escape_slash


def test_style_detection_ignores_escaped_backslashes() -> None:
    # "C:\\/x" is an escaped backslash then a plain slash; "\\u00E9" is a backslash then text.
    assert not JsonStyle.detect('{"path": "C:\\\\/x"}').escape_slash
    assert JsonStyle.detect('{"path": "\\\\\\/x"}').escape_slash  # backslash, then an escaped slash
    assert not JsonStyle.detect('{"re": "\\\\u00E9", "b": "\\u00e9"}').upper_hex
    assert JsonStyle.detect('{"re": "\\\\\\u00E9"}').upper_hex


@pytest.mark.parametrize(
    ("text", "style", "expected"),
    [
        ("plain", JsonStyle(), "plain"),
        ("caf\u00e9", JsonStyle(), "caf\\u00e9"),
        ("caf\u00e9", JsonStyle(upper_hex=True), "caf\\u00E9"),
        ("caf\u00e9", JsonStyle(ensure_ascii=False), "caf\u00e9"),
        ("a/b", JsonStyle(), "a/b"),
        ("a/b", JsonStyle(escape_slash=True), "a\\/b"),
        ('"\\\n\r\t\b\f', JsonStyle(), '\\"\\\\\\n\\r\\t\\b\\f'),
        ("\x00\x1f\x7f", JsonStyle(), "\\u0000\\u001f\\u007f"),  # as json.dumps: DEL too
        ("\x00\x7f", JsonStyle(ensure_ascii=False), "\\u0000\x7f"),
        ("\x1f", JsonStyle(upper_hex=True), "\\u001F"),
        ("\U0001f600", JsonStyle(), "\\ud83d\\ude00"),
        ("\U0001f600", JsonStyle(upper_hex=True), "\\uD83D\\uDE00"),
        ("\U0001f600", JsonStyle(ensure_ascii=False), "\U0001f600"),
        ("\ud800", JsonStyle(ensure_ascii=False), "\\ud800"),
        ("\u2028\u2029", JsonStyle(ensure_ascii=False), "\u2028\u2029"),
    ],
)
def test_encode(text: str, style: JsonStyle, expected: str) -> None:
    assert encode(text, style) == expected
    assert json.loads(f'"{expected}"') == text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", [0]),
        ("abc", [0, 1, 2, 3]),
        ("a\\nb", [0, 1, 3, 4]),
        ("\\u00e9x", [0, 6, 7]),
        ("\\ud83d\\ude00x", [0, 12, 13]),  # a surrogate pair is one character
        ("\\uD83D\\uDE00", [0, 12]),
        ("\\ud800x", [0, 6, 7]),  # lone high surrogate
        ("\\udc00\\ud800", [0, 6, 12]),  # low then high: two characters
        ("\\ud800\\u0041", [0, 6, 12]),  # high followed by a non-low escape
        ("\\ud800\\ud800\\udc00", [0, 6, 18]),
        ("\\\\u00e9", [0, 2, 3, 4, 5, 6, 7]),  # escaped backslash, then text
        ("\U0001f600\\/", [0, 1, 3]),  # a raw astral character is one character
    ],
)
def test_offset_map(raw: str, expected: list[int]) -> None:
    decoded = json.loads(f'"{raw}"')
    assert len(expected) == len(decoded) + 1
    assert offset_map(raw) == expected


STYLES = [JsonStyle(a, u, s) for a in (True, False) for u in (True, False) for s in (True, False)]


def _no_adjacent_pair(text: str) -> bool:
    """Python text with a high surrogate right before a low one has no JSON spelling of its own."""
    return not re.search("[\ud800-\udbff][\udc00-\udfff]", text)


any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=40) | st.text(
    st.sampled_from('a/\\"\n\x00\x7f\u00e9\u2028\U0001f600\ud800\udc00\ud83d\ude00'), max_size=20
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_encode_round_trips_in_every_style(text: str) -> None:
    assume(_no_adjacent_pair(text))
    for style in STYLES:
        raw = encode(text, style)
        assert json.loads('"' + raw + '"') == text
        assert '"' not in raw.replace('\\"', "").replace("\\\\", "")
        if style.ensure_ascii:
            assert raw.isascii()
        if not style.escape_slash:
            assert "\\/" not in raw.replace("\\\\", "")
        raw.encode("utf-8")  # no raw surrogate: the result can always be written
        _check_offsets(raw, text)
    if all(not 0xD800 <= ord(c) <= 0xDFFF for c in text):
        assert encode(text, JsonStyle()) == json.dumps(text)[1:-1]
        assert (
            encode(text, JsonStyle(ensure_ascii=False))
            == json.dumps(text, ensure_ascii=False)[1:-1]
        )


def _check_offsets(raw: str, decoded: str) -> None:
    offsets = offset_map(raw)
    assert len(offsets) == len(decoded) + 1
    assert offsets[0] == 0 and offsets[-1] == len(raw)
    assert all(a < b for a, b in itertools.pairwise(offsets))
    for i, char in enumerate(decoded):
        assert json.loads('"' + raw[offsets[i] : offsets[i + 1]] + '"') == char


@st.composite
def mixed_literals(draw: st.DrawFn) -> tuple[str, str]:
    """The inside of a literal that spells each character its own way, and its decoded text."""
    text = draw(any_text.filter(_no_adjacent_pair))
    pieces = []
    for char in text:
        code = ord(char)
        choices = [f"\\u{code:04x}", f"\\u{code:04X}"] if code <= 0xFFFF else []
        if char in jsonstr._SHORT_ESCAPES:
            choices.append(jsonstr._SHORT_ESCAPES[char])
        elif code >= 0x20 and not 0xD800 <= code <= 0xDFFF:
            choices.append(char)
        if char == "/":
            choices.append("\\/")
        if code > 0xFFFF:
            high, low = 0xD800 | ((code - 0x10000) >> 10), 0xDC00 | ((code - 0x10000) & 0x3FF)
            choices += [f"\\u{high:04x}\\u{low:04x}", f"\\u{high:04X}\\u{low:04x}"]
        pieces.append(draw(st.sampled_from(choices)))
    return "".join(pieces), text


@settings(max_examples=300, deadline=None)
@given(mixed_literals())
def test_offset_map_is_consistent_with_decoding(literal: tuple[str, str]) -> None:
    raw, text = literal
    assert json.loads('"' + raw + '"') == text
    _check_offsets(raw, text)


@settings(max_examples=60, deadline=None)
@given(
    st.text(st.characters(codec="utf-8"), max_size=20).filter(_no_adjacent_pair),
    st.sampled_from(STYLES),
)
def test_fix_edit_in_any_style_round_trips_through_a_file(inserted: str, style: JsonStyle) -> None:
    """Any text the fixer's encoder writes into a file's literal parses back as that text."""
    record = article(body="Before \u00e9 **Name / Agency** after")
    dumped = json.dumps(record, ensure_ascii=style.ensure_ascii)
    if style.escape_slash:
        dumped = dumped.replace("/", "\\/")
    articles, errors = JSON_READER.parse("a.json", dumped)
    assert not errors
    span = articles[0].spans["body"]
    start = record["body"].index("**Name")
    a, b = span.to_source(dumped, start), span.to_source(dumped, start + 2)
    assert dumped[a:b] == "**"
    new = dumped[:a] + encode(inserted, style) + dumped[b:]
    assert json.loads(new)["body"] == record["body"].replace("**Name", inserted + "Name", 1)
