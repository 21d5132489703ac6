"""How well newslint's encoding rules (NL3) restore mojibake, next to ftfy (issue 13).

    python benchmarks/encoding.py [--langs ru,uk] [--chains utf-8>cp1252,...] [--limit N]
        [--undefined browser|replace|drop] [--ftfy-cases PATH] [--json FILE] [--examples N]

Takes about fifteen seconds on one core for the whole matrix and ftfy's cases.

**Clean text.** ``benchmarks/data/clean/<lang>.txt``: news-like paragraphs written for this
benchmark (one a line; en, fr, de, es, pt, pl, cs, ru, uk, el, tr, vi, zh, zh-Hant), with each
language's letters, curly quotes, dashes and non-breaking spaces (U+00A0, and U+202F in French).

**Damage.** Every paragraph goes through every chain in ``CHAINS``: ``text.encode(source)
.decode(target)``, once per step (double UTF-8 is UTF-8 read as cp1252, twice).  A chain
whose source cannot encode a paragraph:

- has the paragraph's *punctuation, spacing and a few symbols* the source lacks replaced by
  what a writer in that code page would have typed (``«»“”„`` as ``"``, ``—`` as ``-``, NBSP
  as a space, ``№`` as ``N``, ``£`` as ``GBP``: ``SOURCE_FALLBACK``); the paragraph so adapted
  is the clean reference for that sample (counted in the ``adapt`` column: KOI8-R has no
  ``«`` nor ``—``);
- skips the paragraph when a *letter* (or any other character) is still not encodable.  A
  cell with no paragraph left is listed as skipped (Greek in cp1251).

A paragraph the chain leaves unchanged (ASCII, or ``“”`` that cp1251 and cp1252 share) is no
sample (``unchanged_by_chain`` in the JSON).

Bytes the target code page does not define (cp1252's 0x81 0x8D 0x8F 0x90 0x9D, cp1250's 0x81
0x83 0x88 0x90 0x98, cp1251's 0x98) are decoded as ``--undefined`` says:

- ``browser`` (default): as the C1 control of the same number (U+0081...), as the WHATWG
  Encoding Standard has every browser do, and as ftfy's ``sloppy-windows-125x`` codecs
  assume.  The bytes survive (invisibly), every sample is *lossless*;
- ``replace``: as U+FFFD, as Python's codecs with ``errors="replace"`` (requests' ``.text``);
- ``drop``: left out, as a pipeline that strips control characters does.

A sample is *lossless* when its damaged text, encoded again with the target code page (an
undefined byte's C1 control back to its byte), gives back the very bytes that were decoded
at each step; ``undef`` counts the samples in which an undefined byte was hit (under
``browser`` they survive only as C1 controls, which many tools delete).  A cell is lossless
when all its samples are.

**Repair.** newslint: ``fix_record({"title": "T", "url": ..., "body": damaged},
Settings(select=["NL3"]), unsafe=False)``, and again with ``unsafe=True``; the fixed record's
``body``.  ftfy: ``ftfy.fix_text(damaged, FTFY_CONFIG)``: ftfy's defaults minus the three
changes of style (``uncurl_quotes``, ``fix_latin_ligatures``, ``fix_character_width``) that
would turn any clean ``“”`` or ``，`` into something else; with the defaults, ftfy straightens
every curly quote and fails on most clean paragraphs (the ``clean text`` table shows how many;
the JSON has its restored share as ``ftfy_default``).

*Restored* is exact equality with the clean paragraph; ``chars`` is the mean
``difflib.SequenceMatcher`` ratio between the output and the clean paragraph (a softer share
of the characters restored; the damaged text's own ratio is ``chars.damaged`` in the JSON,
which also keeps up to ``--examples`` failing samples per cell).

**Targets** (issue 13), marked per cell for newslint safe and unsafe:
``A`` below ftfy; ``B`` ftfy restores 0% of a lossless cell and newslint less than 95%;
``C`` a lossless cell below 90%.  Cells of fewer than 10 samples are marked ``~``.

**Clean text.** Every clean paragraph is also linted (``lint_record`` with NL3) and run through
ftfy: any flag, or any change, is a false alarm.

**ftfy's test cases.** ``--ftfy-cases`` takes ftfy's ``tests/test-cases/`` directory (or one of
its JSON files, or a JSON list of cases), copied from a checkout of rspeer/python-ftfy to a
place outside the project (they are not ours to commit); without the option they are skipped.
Cases are grouped by file. A case is *negative* (the text must stay) when ``fix_text`` leaves it
whole, or when its encoding repair (``fixed-encoding``) leaves it and its label says negative
(ftfy's other steps delete a control character there); every other case is *damaged*, including
the few whose expected repair is the original (``"An absolutely hopeless garble"``: leaving it
is restoring it). newslint (safe) restores a damaged case when its output equals
``fixed-encoding`` or ``fixed``; ftfy when ``fix_text(original) == fixed`` or
``fix_encoding(original) == fixed-encoding`` (its own tests). For negatives the flags newslint
raises (``lint_record``) are counted and listed; ftfy's count is of negatives that
``fix_encoding`` changes. A last group puts one more UTF-8->latin-1 layer on every damaged case,
as ftfy's tests do.
"""

from __future__ import annotations

import argparse
import codecs
import difflib
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import ftfy  # noqa: E402

from newslint.api import Settings, fix_record, lint_record  # noqa: E402

CLEAN_DIR = REPO / "benchmarks" / "data" / "clean"
LANGS = ("en", "fr", "de", "es", "pt", "pl", "cs", "ru", "uk", "el", "tr", "vi", "zh", "zh-Hant")

CHAINS: dict[str, tuple[tuple[str, str], ...]] = {
    "utf-8>cp1252": (("utf-8", "cp1252"),),
    "utf-8>latin-1": (("utf-8", "latin-1"),),
    "utf-8>mac_roman": (("utf-8", "mac_roman"),),
    "utf-8>cp1250": (("utf-8", "cp1250"),),
    "utf-8>cp1251": (("utf-8", "cp1251"),),
    "utf-8>cp437": (("utf-8", "cp437"),),
    "utf-8>cp850": (("utf-8", "cp850"),),
    "utf-8>cp1252 x2": (("utf-8", "cp1252"), ("utf-8", "cp1252")),
    "cp1251>cp1252": (("cp1251", "cp1252"),),
    "cp1251>latin-1": (("cp1251", "latin-1"),),
    "cp1251>koi8-r": (("cp1251", "koi8_r"),),
    "koi8-r>cp1251": (("koi8_r", "cp1251"),),
    "gbk>cp1252": (("gbk", "cp1252"),),
    "big5>cp1252": (("big5", "cp1252"),),
}

# What a writer in a legacy code page types for punctuation and spacing it lacks.
SOURCE_FALLBACK = {
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "‘": "'",
    "’": "'",
    "‚": "'",
    "—": "-",
    "–": "-",
    "…": "...",
    "№": "N",
    "\u00a0": " ",
    "\u202f": " ",
    "°": " deg",
    "€": "EUR",
    "£": "GBP",
    "·": ".",
}

FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False
)
SETTINGS = Settings(select=["NL3"])
URL = "https://example.org/a"
SMALL = 10

# --- damage -------------------------------------------------------------------------------


def _c1_decode(error: UnicodeError) -> tuple[str, int]:
    """An undefined byte read as the C1 control of that number (WHATWG, ftfy's sloppy codecs)."""
    assert isinstance(error, UnicodeDecodeError)
    return "".join(chr(b) for b in error.object[error.start : error.end]), error.end


def _c1_encode(error: UnicodeError) -> tuple[bytes, int]:
    """Back: a character below U+0100 the code page lacks is the byte of that number."""
    assert isinstance(error, UnicodeEncodeError)
    text = error.object[error.start : error.end]
    if all(ord(c) < 0x100 for c in text):
        return bytes(ord(c) for c in text), error.end
    return b"?" * len(text), error.end  # U+FFFD and the like: not the original bytes


codecs.register_error("bench-c1", _c1_decode)
codecs.register_error("bench-c1-back", _c1_encode)
ERRORS = {"browser": "bench-c1", "replace": "replace", "drop": "ignore"}


@dataclass
class Damaged:
    clean: str
    """The clean reference (the paragraph, or its adaptation to the source)."""
    damaged: str
    adapted: bool
    lossless: bool
    undefined: bool


def encodable(text: str, encoding: str) -> str | None:
    """The text as the source code page can hold it (punctuation adapted), or None."""
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        pass
    adapted = "".join(SOURCE_FALLBACK.get(c, c) if not _encodes(c, encoding) else c for c in text)
    try:
        adapted.encode(encoding)
    except UnicodeEncodeError:
        return None
    return adapted


def _encodes(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def damage(text: str, chain: Sequence[tuple[str, str]], undefined: str) -> Damaged | None:
    source = chain[0][0]
    clean = encodable(text, source)
    if clean is None:
        return None
    current, lossless, hit = clean, True, False
    for enc, dec in chain:
        raw = current.encode(enc)
        try:
            raw.decode(dec)
        except UnicodeDecodeError:
            hit = True
        current = raw.decode(dec, errors=ERRORS[undefined])
        lossless &= current.encode(dec, errors="bench-c1-back") == raw
    return Damaged(clean, current, clean != text, lossless, hit)


# --- repair -------------------------------------------------------------------------------


def newslint_fix(text: str, unsafe: bool) -> str:
    result = fix_record({"title": "T", "url": URL, "body": text}, SETTINGS, unsafe=unsafe)
    body = result.record.get("body", text)
    return body if isinstance(body, str) else text


def newslint_flags(text: str) -> list[str]:
    diags = lint_record({"title": "T", "url": URL, "body": text}, SETTINGS)
    return sorted(d.code for d in diags if d.field == "body")


def ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


TOOLS = ("safe", "unsafe", "ftfy")


@dataclass
class Cell:
    chain: str
    lang: str
    paragraphs: int = 0
    same: int = 0
    skipped: int = 0
    samples: int = 0
    lossless: int = 0
    undefined: int = 0
    adapted: int = 0
    restored: Counter[str] = field(default_factory=Counter)
    chars: Counter[str] = field(default_factory=Counter)
    failures: list[dict[str, Any]] = field(default_factory=list)

    def share(self, tool: str) -> float:
        return 100.0 * self.restored[tool] / self.samples if self.samples else 0.0

    def char_share(self, tool: str) -> float:
        return 100.0 * self.chars[tool] / self.samples if self.samples else 0.0

    @property
    def all_lossless(self) -> bool:
        return self.samples > 0 and self.lossless == self.samples

    def marks(self, tool: str) -> str:
        share, ftfy_share = self.share(tool), self.share("ftfy")
        out = ""
        if share < ftfy_share:
            out += "A"
        if self.all_lossless and ftfy_share == 0 and share < 95:
            out += "B"
        if self.all_lossless and share < 90:
            out += "C"
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "chain": self.chain,
            "lang": self.lang,
            "paragraphs": self.paragraphs,
            "samples": self.samples,
            "unchanged_by_chain": self.same,
            "not_encodable": self.skipped,
            "lossless": self.lossless,
            "undefined_bytes": self.undefined,
            "adapted": self.adapted,
            "restored": {t: round(self.share(t), 2) for t in (*TOOLS, "ftfy_default")},
            "chars": {t: round(self.char_share(t), 2) for t in (*TOOLS, "ftfy_default", "damaged")},
            "marks": {t: self.marks(t) for t in ("safe", "unsafe")},
            "failures": self.failures,
        }


def run_cell(
    chain: str, lang: str, paragraphs: Sequence[str], undefined: str, examples: int
) -> Cell:
    cell = Cell(chain, lang, paragraphs=len(paragraphs))
    for text in paragraphs:
        sample = damage(text, CHAINS[chain], undefined)
        if sample is None:
            cell.skipped += 1
            continue
        if sample.damaged == sample.clean:
            cell.same += 1
            continue
        cell.samples += 1
        cell.lossless += sample.lossless
        cell.undefined += sample.undefined
        cell.adapted += sample.adapted
        outputs = {
            "safe": newslint_fix(sample.damaged, unsafe=False),
            "unsafe": newslint_fix(sample.damaged, unsafe=True),
            "ftfy": ftfy.fix_text(sample.damaged, FTFY_CONFIG),
            "ftfy_default": ftfy.fix_text(sample.damaged),
        }
        cell.chars["damaged"] += ratio(sample.damaged, sample.clean)
        for tool, out in outputs.items():
            ok = out == sample.clean
            cell.restored[tool] += ok
            cell.chars[tool] += 1.0 if ok else ratio(out, sample.clean)
        failed = outputs["safe"] != sample.clean or outputs["unsafe"] != sample.clean
        if failed and len(cell.failures) < examples:
            cell.failures.append(
                {"clean": sample.clean, "damaged": sample.damaged, "lossless": sample.lossless}
                | {tool: outputs[tool] for tool in TOOLS if outputs[tool] != sample.clean}
            )
    return cell


# --- clean text ---------------------------------------------------------------------------


@dataclass
class CleanRow:
    lang: str
    paragraphs: int = 0
    flagged: int = 0
    codes: Counter[str] = field(default_factory=Counter)
    ftfy_changed: int = 0
    ftfy_default_changed: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)


def run_clean(lang: str, paragraphs: Sequence[str]) -> CleanRow:
    row = CleanRow(lang, paragraphs=len(paragraphs))
    for text in paragraphs:
        flags = newslint_flags(text)
        ftfy_out = ftfy.fix_text(text, FTFY_CONFIG)
        if flags:
            row.flagged += 1
            row.codes.update(flags)
        if ftfy_out != text:
            row.ftfy_changed += 1
        if ftfy.fix_text(text) != text:
            row.ftfy_default_changed += 1
        if (flags or ftfy_out != text) and len(row.examples) < 5:
            row.examples.append({"text": text, "newslint": flags, "ftfy": ftfy_out})
    return row


# --- ftfy's test cases --------------------------------------------------------------------


def load_cases(path: Path) -> list[tuple[str, dict[str, Any]]]:
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    cases: list[tuple[str, dict[str, Any]]] = []
    for file in files:
        data = json.loads(file.read_text(encoding="utf-8"))
        if isinstance(data, dict):  # {"group": [cases]}
            items: Iterable[tuple[str, Any]] = (
                (str(k), c) for k, v in data.items() for c in (v if isinstance(v, list) else [])
            )
        else:
            items = ((file.stem, c) for c in data)
        for group, case in items:
            if isinstance(case, dict) and "original" in case and "fixed" in case:
                cases.append((str(case.get("group", group)), case))
    return cases


@dataclass
class CaseGroup:
    name: str
    damaged: int = 0
    negative: int = 0
    newslint_restored: int = 0
    ftfy_restored: int = 0
    negatives_flagged: int = 0
    negatives_changed: int = 0
    ftfy_negatives_changed: int = 0
    flagged: list[dict[str, Any]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)


def _expected(case: dict[str, Any]) -> str:
    return str(case.get("fixed-encoding", case["fixed"]))


def is_negative(case: dict[str, Any]) -> bool:
    """Text that must stay: ftfy leaves it whole, or leaves its encoding and calls it negative."""
    original = case["original"]
    label = str(case.get("label", "")).lower()
    return original == _expected(case) and (original == case["fixed"] or "negative" in label)


def run_case(group: CaseGroup, case: dict[str, Any], original: str | None = None) -> None:
    text = case["original"] if original is None else original
    expected, fixed = _expected(case), str(case["fixed"])
    fixed_by_newslint = newslint_fix(text, unsafe=False)
    if original is None and is_negative(case):
        group.negative += 1
        flags = newslint_flags(text)
        group.negatives_flagged += bool(flags)
        group.negatives_changed += fixed_by_newslint != text
        group.ftfy_negatives_changed += ftfy.fix_encoding(text) != text
        if flags:
            group.flagged.append(
                {"label": case.get("label", ""), "original": text, "flags": flags}
                | ({"newslint": fixed_by_newslint} if fixed_by_newslint != text else {})
            )
        return
    group.damaged += 1
    ok = fixed_by_newslint in (expected, fixed)
    group.newslint_restored += ok
    group.ftfy_restored += ftfy.fix_text(text) == fixed or ftfy.fix_encoding(text) == expected
    if not ok:
        group.missed.append(
            {"label": case.get("label", ""), "original": text, "expected": expected}
            | {"newslint": fixed_by_newslint}
        )


def run_cases(path: Path) -> list[CaseGroup]:
    cases = load_cases(path)
    groups: dict[str, CaseGroup] = {}
    layered = CaseGroup("(damaged, +1 UTF-8>latin-1 layer)")
    for name, case in cases:
        run_case(groups.setdefault(name, CaseGroup(name)), case)
    for _, case in cases:
        if not is_negative(case):
            run_case(layered, case, case["original"].encode("utf-8").decode("latin-1"))
    return [*groups.values(), layered]


# --- output -------------------------------------------------------------------------------


def pct(value: float) -> str:
    return f"{value:5.1f}"


def print_matrix(cells: Sequence[Cell]) -> None:
    print(
        f"{'chain':<16} {'lang':<7} {'n':>3} {'lossl':>5} {'undef':>5} {'adapt':>5}"
        f"  {'safe':>5} {'unsafe':>6} {'ftfy':>5}   chars safe/unsafe/ftfy   marks"
    )
    last = ""
    for c in cells:
        if c.chain != last and last:
            print()
        last = c.chain
        marks = f"{c.marks('safe') or '-'}/{c.marks('unsafe') or '-'}"
        small = "~" if c.samples < SMALL else ""
        print(
            f"{c.chain:<16} {c.lang:<7} {c.samples:>3} {c.lossless:>5} {c.undefined:>5}"
            f" {c.adapted:>5}  {pct(c.share('safe'))} {pct(c.share('unsafe')):>6}"
            f" {pct(c.share('ftfy'))}   {pct(c.char_share('safe'))}/{pct(c.char_share('unsafe'))}"
            f"/{pct(c.char_share('ftfy'))}   {marks}{small}"
        )


def summarise(cells: Sequence[Cell]) -> None:
    print(
        "\nper chain (all languages pooled): samples, restored safe / unsafe / ftfy, cells marked"
    )
    for chain in dict.fromkeys(c.chain for c in cells):
        mine = [c for c in cells if c.chain == chain]
        n = sum(c.samples for c in mine)
        shares = [100.0 * sum(c.restored[t] for c in mine) / n if n else 0.0 for t in TOOLS]
        marked = sum(bool(c.marks("safe")) for c in mine)
        print(
            f"  {chain:<16} {n:>4}  {pct(shares[0])} / {pct(shares[1])} / {pct(shares[2])}"
            f"   {marked} of {len(mine)} cells fail a target (safe)"
        )
    for target, what in (
        ("A", "newslint below ftfy"),
        ("B", "ftfy 0%, lossless, newslint < 95%"),
        ("C", "lossless, newslint < 90%"),
    ):
        failing = [f"{c.chain} {c.lang}" for c in cells if target in c.marks("safe")]
        print(f"target {target} ({what}): {len(failing)} cells fail (safe)")


def print_clean(rows: Sequence[CleanRow]) -> None:
    print("\nclean text (false alarms): paragraphs, newslint NL3 flagged, ftfy changed")
    print(f"{'lang':<8} {'n':>3} {'newslint':>8} {'ftfy':>5} {'ftfy-defaults':>13}  codes")
    for r in rows:
        codes = ", ".join(f"{k} x{v}" for k, v in sorted(r.codes.items()))
        print(
            f"{r.lang:<8} {r.paragraphs:>3} {r.flagged:>8} {r.ftfy_changed:>5}"
            f" {r.ftfy_default_changed:>13}  {codes}"
        )


def print_cases(groups: Sequence[CaseGroup]) -> None:
    print(
        "\nftfy's test cases: damaged cases restored newslint / ftfy; negatives flagged / changed"
    )
    print(f"{'group':<36} {'damaged':>7} {'newslint':>8} {'ftfy':>5}  {'neg':>4} {'flagged':>7}")
    for g in groups:
        print(
            f"{g.name:<36} {g.damaged:>7} {g.newslint_restored:>8} {g.ftfy_restored:>5}"
            f"  {g.negative:>4} {g.negatives_flagged:>7}"
            f"  (newslint changes {g.negatives_changed}, ftfy changes {g.ftfy_negatives_changed})"
        )
    for g in groups:
        for case in g.flagged:
            flags = ",".join(sorted(set(case["flags"])))
            print(f"  negative flagged [{g.name}] {flags}: {case['original'][:70]!r}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--langs", help="comma-separated languages (default: all)")
    parser.add_argument("--chains", help="comma-separated chains (default: all)")
    parser.add_argument("--limit", type=int, help="at most N paragraphs per language")
    parser.add_argument("--undefined", choices=sorted(ERRORS), default="browser")
    parser.add_argument("--ftfy-cases", type=Path, help="ftfy's tests/test-cases dir or a file")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--examples", type=int, default=20, help="failures kept per cell (JSON)")
    args = parser.parse_args(argv)

    langs = args.langs.split(",") if args.langs else list(LANGS)
    chains = args.chains.split(",") if args.chains else list(CHAINS)
    for chain in chains:
        if chain not in CHAINS:
            parser.error(f"unknown chain {chain!r}; known: {', '.join(CHAINS)}")
    texts = {}
    for lang in langs:
        lines = (CLEAN_DIR / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
        texts[lang] = [line for line in lines if line.strip()][: args.limit]

    started = time.perf_counter()
    cells, skipped = [], []
    for chain in chains:
        for lang in langs:
            cell = run_cell(chain, lang, texts[lang], args.undefined, args.examples)
            if cell.samples:
                cells.append(cell)
            else:
                skipped.append(cell)
    print(f"newslint NL3 vs ftfy {ftfy.__version__}; undefined bytes: {args.undefined}")
    print("restored = exact; n = damaged samples; marks safe/unsafe (A, B, C: see docstring)\n")
    print_matrix(cells)
    summarise(cells)
    print("\nskipped cells (no paragraph encodable in the source, or none changed by the chain):")
    for c in skipped:
        why = f"{c.skipped} not encodable, {c.same} unchanged"
        print(f"  {c.chain:<16} {c.lang:<7} ({why} of {c.paragraphs})")

    clean_rows = [run_clean(lang, texts[lang]) for lang in langs]
    print_clean(clean_rows)

    groups: list[CaseGroup] = []
    if args.ftfy_cases is not None:
        if args.ftfy_cases.exists():
            groups = run_cases(args.ftfy_cases)
            print_cases(groups)
        else:
            print(f"\nftfy's test cases: {args.ftfy_cases} not found, skipped")
    print(f"\n{time.perf_counter() - started:.0f} s")

    if args.json:
        report = {
            "ftfy": ftfy.__version__,
            "undefined": args.undefined,
            "cells": [c.as_dict() for c in cells],
            "skipped": [c.as_dict() for c in skipped],
            "clean": [
                {
                    "lang": r.lang,
                    "paragraphs": r.paragraphs,
                    "newslint_flagged": r.flagged,
                    "codes": dict(r.codes),
                    "ftfy_changed": r.ftfy_changed,
                    "ftfy_default_changed": r.ftfy_default_changed,
                    "examples": r.examples,
                }
                for r in clean_rows
            ],
            "ftfy_cases": [g.__dict__ for g in groups],
        }
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
