"""Properties that hold for every default rule, on generated hostile text (issue 5).

Text is built from tokens: ordinary words, punctuation, and the artefacts the rules look
for (Markdown, HTML, entities, mojibake, split URLs, invisible characters, promo labels,
line breaks, ...).  Each article is written out as a ``.txt`` file in the seed's layout,
and as ``.json`` / ``.jsonl`` through ``json.dumps`` (``ensure_ascii`` on and off), and:

* linting never raises, and no rule fails internally (the engine would turn an exception
  into an "internal error" diagnostic, which is still a bug);
* fixing is idempotent, settles (no rule keeps changing the text) and leaves no fixable
  diagnostic of the kind it applied;
* one pass of fixes changes only characters inside the spans of the diagnostics it fixes;
* a fixed JSON/JSONL file parses, and every byte outside the edited text-field literals
  (and the ``related`` list, which a fix may extend) is unchanged.

Budgets are small for CI; ``NEWSLINT_PROPERTY_EXAMPLES`` multiplies them for a longer
local run (``NEWSLINT_PROPERTY_EXAMPLES=20 pytest tests/test_properties.py``).  The
fuzzing harness in ``fuzz/`` feeds arbitrary bytes through the runner for longer still.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newslint.diagnostics import Applicability, Diagnostic
from newslint.engine import lint_document
from newslint.fixer import FixOutcome, Planner, _plan, fix_document
from newslint.model import TEXT_FIELDS
from newslint.readers import Reader, parse_document, reader_for
from newslint.readers.json_reader import scan_object
from newslint.registry import all_rules
from newslint.rule import Rule
from newslint.runner import Options, process_data
from newslint.selection import select_rules

RULES: tuple[Rule, ...] = tuple(select_rules(all_rules()))
_SCALE = max(1, int(os.environ.get("NEWSLINT_PROPERTY_EXAMPLES", "1") or "1"))


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples * _SCALE,
        deadline=None,
        derandomize=_SCALE == 1,  # CI runs the same examples every time
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )


# --- Text ---------------------------------------------------------------------------------

# fmt: off
WORDS = (
    "the", "minister", "said", "on", "Friday", "Moscow", "Reuters", "AFP", "Kim", "Il-Sung",
    "U.S.", "Ukraine", "victory", "troops", "e-mail", "co-operate", "ABC", "NEWS", "Bob",
    "Smith", "2024", "1949", "8,000", "a", "It", "And", "co-", "operation", "wrote", "it's",
)
PUNCTUATION = (".", ",", ":", ";", "!", "?", "'", '"', "(", ")", "-", "–", "—", "/", "…", "«", "»")
ARTEFACTS = (
    "**", "__", "*", "_", "<b>", "</b>", "</p>", "<br>", "<u>", "</u>", "&amp;", "&#233;",
    "&nbsp;", "&quot;", "#39;", "Ã©", "â€™", "â€œ", "Ã", "Ð¡", "Ð¾Ð±", "Ñ\x81", "¨¦",
    "http://example.com/a-b-", "https://example.com/2024/11/01/story-", "ove r-ukraine-a86878",
    "www.example.com", "[email protected]", "\n", "\n\n", "\n\n\n", "\r\n", " ", "  ", "\t",
    "\xa0", "\u00ad", "\u200b", "\u2028", "\x07", "\x85", "¿", "#", "## ", "|", "| --- |",
    "[x](y)", "[Read more](#)", "\\*", "\\_", "\\#", "Related article: ", "Read more: ",
    "Subscribe to our newsletter", "Advertisement", "Share this", "Photo: AP", "/ TASS",
    "By ", "Original url:", "Related articles:", "- ", "...", "Москва", "Привет мир",
    "北京", "新闻", "😀", "👍🏽", "é", "e\u0301", "ﬁ", "‘", "’", "“", "”",
)
# fmt: on
SURROGATES = ("\ud800", "\udfff", "\udc00")
"""Lone surrogates: only in JSON, where ``json.dumps`` writes them as ``\\udXXX`` escapes."""

_TOKEN = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(ARTEFACTS),
    st.sampled_from(ARTEFACTS),
)
_SEPARATOR = st.sampled_from(("", " ", " ", " ", "\n", "\n\n"))


@st.composite
def texts(draw: st.DrawFn, max_tokens: int = 24, surrogates: bool = False) -> str:
    """Words and artefacts, mostly separated by spaces, sometimes glued or broken by lines."""
    token = st.one_of(_TOKEN, st.sampled_from(SURROGATES)) if surrogates else _TOKEN
    parts = draw(st.lists(st.tuples(token, _SEPARATOR), max_size=max_tokens))
    return "".join(word + separator for word, separator in parts)


def _examples() -> tuple[str, ...]:
    """Every rule's own bad and good examples, paragraph by paragraph (not the JSON ones)."""
    found: list[str] = []
    for rule in all_rules():
        for sample in (rule.bad, rule.good):
            if not sample.lstrip().startswith("{"):
                found += [part for part in sample.split("\n\n") if part.strip()]
    return tuple(dict.fromkeys(found))


EXAMPLES = _examples()
RUSSIAN = ("Президент", "России", "заявил", "что", "Москва", "новости", "сообщает", "РИА")
LATIN = ("café", "Grüße", "für", "André", "naïve", "it’s", "“quoted”", "déjà", "Zürich")
# fmt: off
BOILERPLATE = (
    "Advertisement", "ADVERTISEMENT", "Subscribe to our newsletter", "Follow us on Twitter",
    "Privacy Policy | Terms of Use", "Share this article", "bookmark_border more_vert",
    "» »", "* * *", "© Jane Doe/Getty Images", "Photo: Reuters", "Top Stories",
    "Read more: Markets Rally As Rates Fall", "Related: Council Approves The Budget",
    "Читайте также: Президент России заявил", "By Jane Doe", "November 01, 2024",
    "Click here to read the full story.", "Email The Author", "12 hours ago",
)
# fmt: on


def _sentence(words: list[str]) -> str:
    text = " ".join(words)
    return text[:1].upper() + text[1:] + "."


_SENTENCE = st.lists(st.sampled_from(WORDS), min_size=3, max_size=14).map(_sentence)
_FOREIGN = st.lists(st.sampled_from(RUSSIAN + LATIN), min_size=1, max_size=6).map(" ".join)


def _wrap(sentences: list[str], width: int) -> str:
    lines: list[str] = []
    for word in " ".join(sentences).split(" "):
        if lines and len(lines[-1]) + len(word) < width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


_PARAGRAPH = st.one_of(
    st.lists(_SENTENCE, min_size=1, max_size=4).map(" ".join),
    st.lists(_SENTENCE, min_size=3, max_size=6).flatmap(
        lambda sentences: st.integers(30, 80).map(lambda width: _wrap(sentences, width))
    ),
    st.sampled_from(EXAMPLES),
    st.sampled_from(BOILERPLATE),
    _FOREIGN,
    _FOREIGN.map(lambda text: text.encode("utf-8").decode("cp1252", "replace")),  # mojibake
    _FOREIGN.map(lambda text: text.encode("cp1251", "ignore").decode("cp1252", "replace")),
    _FOREIGN.map(lambda text: text.encode("gbk", "ignore").decode("latin-1")),
    _SENTENCE.map(lambda text: text[0].lower() + text[1:-1]),  # starts and ends mid-sentence
    _SENTENCE.map(lambda text: text.replace(" ", "", 1)),  # glued words
    st.sampled_from(("| a | b |\n|---|---|\n| 1 | 2 |", "## Heading", "- item\n- item")),
    texts(max_tokens=12),
)
_BREAK = st.sampled_from(("\n\n", "\n\n", "\n\n", "\n", "\n\n\n", " \n\n", "\n \n"))


@st.composite
def bodies(draw: st.DrawFn, surrogates: bool = False, max_paragraphs: int = 8) -> str:
    """Paragraphs of prose, boilerplate, rule examples and noise, then a few stray tokens."""
    paragraphs = draw(st.lists(_PARAGRAPH, min_size=1, max_size=max_paragraphs))
    if len(paragraphs) > 1 and draw(st.integers(0, 4)) == 0:  # a duplicated paragraph
        paragraphs.append(paragraphs[draw(st.integers(0, len(paragraphs) - 2))])
    text = paragraphs[0]
    for paragraph in paragraphs[1:]:
        text += draw(_BREAK) + paragraph
    token = st.one_of(_TOKEN, st.sampled_from(SURROGATES)) if surrogates else _TOKEN
    for _ in range(draw(st.integers(0, 4))):
        position = draw(st.integers(0, len(text)))
        text = text[:position] + draw(token) + text[position:]
    return text


_SIMPLE = {
    "title": st.one_of(
        _SENTENCE.map(lambda text: text[:-1]),
        _SENTENCE.map(lambda text: text[:-1].upper()),
        _SENTENCE.map(lambda text: text[:-1] + " | The Moscow Times"),
    ),
    "byline": st.sampled_from(("Jane Doe", "Email The Author", "AFP", "Jane Doe, 12 hours ago")),
    "caption": _SENTENCE.map(lambda text: text + " **Valery Sharifulin / TASS**"),
    "url": st.sampled_from(
        (
            "https://www.example.com/2024/11/01/story-a86878",
            "https://www.example.com/2024/11/01/until-victory-ove r-ukraine-a86878",
            "https://www.example.com/watch/council-meeting-novemb…",
            "example.com/a",
        )
    ),
}


@st.composite
def field_text(draw: st.DrawFn, name: str, surrogates: bool = False) -> str:
    choice = draw(st.integers(0, 3))
    if name == "body" or choice == 0:
        return draw(bodies(surrogates, max_paragraphs=8 if name == "body" else 2))
    if choice == 1:
        return draw(texts(max_tokens=8, surrogates=surrogates))
    return draw(_SIMPLE[name])


@st.composite
def fields(draw: st.DrawFn, surrogates: bool = False) -> dict[str, str]:
    """Text fields: usually title, url and body, and whatever else the draw chooses."""
    values: dict[str, str] = {}
    for name in TEXT_FIELDS:
        if name in ("title", "body", "url") and draw(st.integers(0, 9)) == 0:
            continue  # missing now and then
        if name in ("byline", "caption") and draw(st.booleans()):
            continue
        values[name] = draw(field_text(name, surrogates))
    return values


# --- Files ----------------------------------------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_surrogates(text: str) -> str:
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def txt_file(values: dict[str, str]) -> str:
    """The article in the seed's layout (seeds/000_*.txt); the reader decides what is what."""
    parts = ["", values.get("title", "")]
    if "byline" in values:
        parts += ["", "By " + values["byline"]]
    parts += ["", "November 01, 2024", "", "", ""]
    if "caption" in values:
        parts += [values["caption"] + " **Valery Sharifulin / TASS**", ""]
    parts += [values.get("body", ""), "", "Original url:", "", values.get("url", "")]
    return "\n".join(parts)


@dataclass(frozen=True)
class JsonLayout:
    ensure_ascii: bool
    indent: int | None
    extras: bool
    """Non-text members (id, published, related, tags) around the text fields."""
    related: Any = ("An earlier headline",)
    """The ``related`` member when there are extras: a list, or a value of the wrong type."""
    compact: bool = False
    """``separators=(",", ":")``, as minified JSON is written."""
    escape_slash: bool = False
    """``\\/`` for every ``/``, as PHP's json_encode writes it."""
    upper_hex: bool = False
    """``\\u00E9`` rather than ``\\u00e9``."""


_HEX = re.compile(r"(?<!\\)((?:\\\\)*\\u)([0-9a-f]{4})")


def json_record(values: dict[str, str], layout: JsonLayout) -> str:
    record: dict[str, Any] = {}
    if layout.extras:
        record["id"] = 7
        record["published"] = "2024-11-01"
    record.update(values)
    if layout.extras:
        related = layout.related
        record["related"] = list(related) if isinstance(related, tuple) else related
        record["tags"] = ["a", {"b": None}, 1.5]
    separators = (",", ":") if layout.compact else None
    text = json.dumps(
        record, ensure_ascii=layout.ensure_ascii, indent=layout.indent, separators=separators
    )
    text = _escape_surrogates(text)
    if layout.escape_slash:  # outside string literals json.dumps writes no "/"
        text = text.replace("/", "\\/")
    if layout.upper_hex:
        text = _HEX.sub(lambda m: m.group(1) + m.group(2).upper(), text)
    return text


_RELATED = st.sampled_from((("An earlier headline",), (), None, "A headline", (7,), {"a": 1}))
LAYOUTS = st.builds(
    JsonLayout,
    st.booleans(),
    st.sampled_from((None, None, 2)),
    st.booleans(),
    _RELATED,
    st.booleans(),
    st.booleans(),
    st.booleans(),
)


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, str]:
    """(path, text) of a .txt, .json or .jsonl file holding generated articles."""
    fmt = draw(st.sampled_from(("txt", "txt_raw", "json", "jsonl")))
    if fmt == "txt":
        return "a.txt", txt_file(draw(fields()))
    if fmt == "txt_raw":
        return "a.txt", draw(bodies())
    layout = draw(LAYOUTS)
    if fmt == "json":
        return "a.json", json_record(draw(fields(surrogates=True)), layout)
    records = draw(st.lists(fields(surrogates=True), min_size=1, max_size=3))
    flat = dataclasses.replace(layout, indent=None)
    return "a.jsonl", "".join(json_record(values, flat) + "\n" for values in records)


def _parse(path: str, text: str) -> tuple[Reader, Any]:
    reader = reader_for(path)
    assert reader is not None
    return reader, parse_document(path, reader, text, bom=False)


# --- Lint never raises ------------------------------------------------------------------------


def _internal_errors(diagnostics: list[Diagnostic]) -> list[str]:
    return [f"{d.code}: {d.message}" for d in diagnostics if "internal error" in d.message]


@_settings(120)
@given(documents())
def test_lint_never_raises_in_any_field_or_format(doc: tuple[str, str]) -> None:
    path, text = doc
    _, document = _parse(path, text)
    if not text.strip():  # a blank .txt file: an error, not an article
        assert [e.message for e in document.errors] == ["file is empty: no article to check"]
        return
    assert not document.errors, document.errors
    diagnostics = lint_document(document, RULES)
    assert not _internal_errors(diagnostics)
    # The runner too, with every fix located (what --format json does).
    data = text.encode("utf-8", "surrogatepass")
    result, _ = process_data(path, data, RULES, Options(locate_fixes=True))
    if "\x00" in text:  # a NUL byte in a .txt file (NL303's example): a binary file, not read
        assert [e.message.split(" (")[0] for e in result.errors] == ["binary file"]
        return
    assert not result.errors
    assert not _internal_errors(result.diagnostics)


@_settings(60)
@given(st.sampled_from(TEXT_FIELDS), texts(max_tokens=80, surrogates=True), LAYOUTS)
def test_lint_never_raises_on_a_single_field(name: str, value: str, layout: JsonLayout) -> None:
    """One field alone, with nothing else in the record: rules must cope with the rest missing."""
    text = json.dumps({name: value}, ensure_ascii=layout.ensure_ascii, indent=layout.indent)
    _, document = _parse("a.json", _escape_surrogates(text))
    assert not _internal_errors(lint_document(document, RULES))


# --- Fixing ---------------------------------------------------------------------------------


def _applied(unsafe: bool) -> Callable[[Diagnostic], bool]:
    kinds = {Applicability.SAFE, Applicability.UNSAFE} if unsafe else {Applicability.SAFE}
    return lambda d: d.fix is not None and d.fix.applicability in kinds


def _fix(path: str, text: str, unsafe: bool) -> FixOutcome:
    reader, document = _parse(path, text)
    assert not document.errors or not text.strip()
    return fix_document(document, reader, RULES, unsafe=unsafe)


def check_fix_settles(path: str, text: str, unsafe: bool) -> None:
    outcome = _fix(path, text, unsafe)
    if outcome.refused is not None:
        # Only a .txt article whose every character is damage may be refused (it would leave
        # an empty file); then nothing is written, and fixing again refuses again.
        assert path.endswith(".txt") and "file is empty" in outcome.refused, outcome.refused
        assert outcome.document.text == text
        return
    assert not outcome.unsettled, f"fixes of {outcome.unsettled} kept changing the text"
    fixable = [(d.code, d.field, d.snippet) for d in outcome.remaining if _applied(unsafe)(d)]
    assert not fixable, f"fixable diagnostics remain after fixing: {fixable}"
    fixed = outcome.document.text
    again = _fix(path, fixed, unsafe)
    assert again.document.text == fixed, "fixing the fixed text changed it again"


@_settings(80)
@given(documents())
def test_safe_fix_is_idempotent_and_complete(doc: tuple[str, str]) -> None:
    check_fix_settles(*doc, unsafe=False)


@_settings(80)
@given(documents())
def test_unsafe_fix_is_idempotent_and_complete(doc: tuple[str, str]) -> None:
    check_fix_settles(*doc, unsafe=True)


NL401_RELATED_NULL = (
    '{"title": "A title", "url": "https://example.com/a", '
    '"body": "The council met.\\n\\nRead more: Markets Rally As Rates Fall", "related": null}\n'
)


@_settings(10)
@given(st.sampled_from((None, "A headline", 7, {"a": 1})))
@example(None)
def test_nl401_fix_is_offered_only_when_it_can_be_applied(related: object) -> None:
    record = json.loads(NL401_RELATED_NULL)
    record["related"] = related
    check_fix_settles("a.jsonl", json.dumps(record) + "\n", unsafe=True)


def check_one_pass_within_spans(path: str, text: str, unsafe: bool) -> None:
    """Each edit of one pass lies inside the span of the diagnostic whose fix it is."""
    reader, document = _parse(path, text)
    diagnostics = lint_document(document, RULES)
    edits, chosen = _plan(document, reader, diagnostics, unsafe, frozenset())
    for diagnostic in chosen:
        assert diagnostic.fix is not None
        for edit in diagnostic.fix.edits:
            inside = (
                edit.field == diagnostic.field
                and diagnostic.start <= edit.start <= edit.end <= diagnostic.end
            )
            assert inside, (
                f"{diagnostic.code} reports {diagnostic.field}[{diagnostic.start}:"
                f"{diagnostic.end}] but edits {edit.field}[{edit.start}:{edit.end}]"
            )
    # In the document: every edit is one of those, mapped inside its diagnostic's source span
    # (through JSON escapes), or an addition to `related` that replaces nothing but blanks.
    planner = Planner(document, reader)
    allowed: list[tuple[int, int]] = []
    for diagnostic in chosen:
        article = document.articles[diagnostic.article_index]
        span = article.spans[diagnostic.field]
        allowed.append(
            (span.to_source(text, diagnostic.start), span.to_source(text, diagnostic.end))
        )
        for edit in diagnostic.fix.edits:  # type: ignore[union-attr]
            source = planner.source_edit(article, edit)
            assert source is not None and allowed[-1][0] <= source[0] <= source[1] <= allowed[-1][1]
    for start, end, _ in edits:
        assert (
            any(low <= start <= end <= high for low, high in allowed) or not text[start:end].strip()
        )


@_settings(100)
@given(documents(), st.booleans())
def test_one_pass_changes_only_reported_spans(doc: tuple[str, str], unsafe: bool) -> None:
    check_one_pass_within_spans(*doc, unsafe=unsafe)


# --- JSON stays JSON, byte for byte outside the edited literals ---------------------------------


def _records(path: str, text: str) -> list[str]:
    return text.split("\n") if path.endswith(".jsonl") else [text]


def _skeleton(record: str) -> tuple[list[str], dict[str, Any], dict[str, str]]:
    """The raw text between member values, the values, and the raw text of each value."""
    if not record.strip():
        return [record], {}, {}
    members, spans, _ = scan_object(record, 0)
    gaps = []
    position = 0
    for start, stop in sorted(spans.values()):
        gaps.append(record[position:start])
        position = stop
    gaps.append(record[position:])
    raw = {name: record[start:stop] for name, (start, stop) in spans.items()}
    return gaps, members, raw


def check_json_bytes_kept(path: str, text: str, unsafe: bool) -> None:
    outcome = _fix(path, text, unsafe)
    fixed = outcome.document.text
    old_records, new_records = _records(path, text), _records(path, fixed)
    assert len(old_records) == len(new_records)
    for old, new in zip(old_records, new_records, strict=True):
        if old.strip():
            assert json.loads(new) is not None  # parses
        old_gaps, old_members, old_raw = _skeleton(old)
        new_gaps, new_members, new_raw = _skeleton(new)
        added = [name for name in new_members if name not in old_members]
        assert list(new_members)[: len(old_members)] == list(old_members)
        assert added in ([], ["related"]), added
        if added:  # a new `related` member, inserted after the last value
            assert new_gaps[:-2] == old_gaps[:-1] and new_gaps[-1] == old_gaps[-1]
            assert all(isinstance(item, str) for item in new_members["related"])
        else:
            assert new_gaps == old_gaps
        for name, value in old_members.items():
            if name in TEXT_FIELDS and isinstance(value, str):
                assert isinstance(new_members[name], str)
            elif name == "related" and isinstance(value, list):
                assert new_members[name][: len(value)] == value
                assert all(isinstance(item, str) for item in new_members[name][len(value) :])
                if new_members[name] == value:
                    assert new_raw[name] == old_raw[name]
            else:
                assert new_raw[name] == old_raw[name], name


_JSON_DOCUMENTS = documents().filter(lambda doc: not doc[0].endswith(".txt"))


@_settings(80)
@given(_JSON_DOCUMENTS, st.booleans())
def test_json_fix_keeps_every_byte_outside_edited_literals(
    doc: tuple[str, str], unsafe: bool
) -> None:
    check_json_bytes_kept(*doc, unsafe=unsafe)
