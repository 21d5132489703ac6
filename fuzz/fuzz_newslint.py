"""Fuzz newslint's runner with arbitrary bytes, for longer than CI can (issue 5).

Every input is run as a ``.txt``, a ``.json`` and a ``.jsonl`` file through
``newslint.runner.process_data`` (the code behind ``newslint --fix --unsafe-fixes``), and
the harness fails on:

* any exception escaping the runner (lint only, and fix with unsafe fixes);
* a rule's internal error (the engine turns a rule's exception into a diagnostic);
* fixed bytes that are not UTF-8, or lost or gained a UTF-8 BOM;
* a fixed ``.json`` file that ``json.loads`` rejects, or a fixed ``.jsonl`` file in which a
  line that parsed before no longer parses, a line that did not parse changed, or the
  number of lines changed;
* fixed bytes that change again when fixed a second time (fixing is idempotent).

Three engines, see fuzz/README.md:

    python fuzz/fuzz_newslint.py --make-corpus fuzz/corpus        # seed inputs (once)
    python fuzz/fuzz_newslint.py fuzz/corpus -max_total_time=3600  # atheris (libFuzzer flags)
    python fuzz/fuzz_newslint.py --hypothesis                      # no atheris needed
    python fuzz/fuzz_newslint.py --replay crash-1234abcd ...       # re-run saved inputs
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("a.txt", "a.json", "a.jsonl")
UTF8_BOM = b"\xef\xbb\xbf"


_MODES = ("--hypothesis", "--replay", "--make-corpus")
_ATHERIS = __name__ == "__main__" and sys.argv[1:2] not in [[mode] for mode in _MODES]

if _ATHERIS:  # instrument newslint (and the libraries it calls) for coverage feedback
    import atheris

    with atheris.instrument_imports(include=["newslint", "ftfy"]):
        import newslint.runner  # noqa: F401  (loads the code under test, instrumented)
        from newslint.registry import all_rules

        all_rules()  # rule modules load here, inside the instrumented import

from newslint.diagnostics import Diagnostic  # noqa: E402
from newslint.registry import all_rules  # noqa: E402
from newslint.rule import Rule  # noqa: E402
from newslint.runner import Options, process_data  # noqa: E402
from newslint.selection import select_rules  # noqa: E402

RULES: tuple[Rule, ...] = tuple(select_rules(all_rules()))


class FuzzFailure(AssertionError):
    """A broken promise, with the format it broke in."""


def _json_lines(text: str) -> list[str]:
    return text.split("\n")


def _parses(line: str) -> bool:
    try:
        json.loads(line)
    except (ValueError, RecursionError):
        return False
    return True


def check_format(path: str, data: bytes) -> None:
    """Run ``data`` as the file ``path`` through the runner; raise FuzzFailure on a broken promise."""
    lint_result, _ = process_data(path, data, RULES, Options(locate_fixes=True))
    _no_internal_errors(path, lint_result.diagnostics)
    options = Options(fix=True, unsafe_fixes=True)
    result, fixed = process_data(path, data, RULES, options)
    _no_internal_errors(path, result.diagnostics)
    if fixed is None:
        return
    if fixed.startswith(UTF8_BOM) != data.startswith(UTF8_BOM):
        raise FuzzFailure(f"{path}: the fix added or removed the UTF-8 BOM")
    try:
        text = fixed.decode("utf-8")
        before = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FuzzFailure(f"{path}: fixed bytes are not UTF-8: {exc}") from None
    if path.endswith(".json"):
        if not _parses(text.removeprefix("\ufeff")):
            raise FuzzFailure(f"{path}: the fixed file is not valid JSON")
    elif path.endswith(".jsonl"):
        old_lines = _json_lines(before.removeprefix("\ufeff"))
        new_lines = _json_lines(text.removeprefix("\ufeff"))
        if len(old_lines) != len(new_lines):
            raise FuzzFailure(f"{path}: {len(old_lines)} lines became {len(new_lines)}")
        for number, (old, new) in enumerate(zip(old_lines, new_lines, strict=True), 1):
            if _parses(old.rstrip("\r")):
                if not _parses(new.rstrip("\r")):
                    raise FuzzFailure(f"{path}: line {number} is no longer valid JSON")
            elif old != new:
                raise FuzzFailure(f"{path}: line {number} did not parse, yet it was changed")
    _, refixed = process_data(path, fixed, RULES, options)
    if refixed is not None and refixed != fixed:
        raise FuzzFailure(f"{path}: fixing the fixed file changed it again (not idempotent)")


def _no_internal_errors(path: str, diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        if "internal error" in diagnostic.message:
            raise FuzzFailure(f"{path}: {diagnostic.code}: {diagnostic.message}")


def check(data: bytes) -> None:
    for path in FORMATS:
        check_format(path, data)


def TestOneInput(data: bytes) -> None:
    check(data)


# --- Seed corpus ----------------------------------------------------------------------------


def make_corpus(folder: Path) -> int:
    """Write seed inputs: the seeds, the test data, rule examples as .txt and JSON records."""
    folder.mkdir(parents=True, exist_ok=True)
    inputs: list[bytes] = []
    for source in (ROOT / "seeds", ROOT / "tests" / "data"):
        for path in sorted(source.rglob("*")):
            if path.is_file() and path.suffix in {".txt", ".json", ".jsonl"}:
                inputs.append(path.read_bytes())
    for rule in RULES:
        for sample in (rule.bad, rule.good):
            inputs.append(sample.encode("utf-8"))
            record = {"title": "A title", "url": "https://example.com/a", "body": sample}
            inputs.append(json.dumps(record).encode())
            inputs.append(json.dumps(record, ensure_ascii=False, indent=2).encode("utf-8"))
    count = 0
    for index, data in enumerate(dict.fromkeys(inputs)):
        if len(data) <= 64 * 1024:
            (folder / f"seed-{index:04d}").write_bytes(data)
            count += 1
    return count


# --- Hypothesis engine ----------------------------------------------------------------------


def run_hypothesis(examples: int) -> None:
    """Arbitrary bytes, and structured articles from tests/test_properties.py, ``examples`` each."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    sys.path.insert(0, str(ROOT))
    from tests.test_properties import documents

    budget = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )

    @budget
    @given(st.binary(max_size=4096))
    def raw_bytes(data: bytes) -> None:
        check(data)

    @budget
    @given(documents(), st.booleans())
    def structured(doc: tuple[str, str], bom: bool) -> None:
        path, text = doc
        data = text.encode("utf-8", "surrogatepass")
        if b"\xed" in data:  # a lone surrogate of a .txt built from JSON text: not UTF-8
            return
        check_format(path, (UTF8_BOM if bom else b"") + data)

    @budget
    @given(st.text(max_size=2000), st.sampled_from(FORMATS))
    def any_text(text: str, path: str) -> None:
        data = text.encode("utf-8", "surrogatepass")
        check_format(path, data)

    for test in (structured, any_text, raw_bytes):
        print(f"hypothesis: {test.__name__}, {examples} examples", flush=True)
        test()
    print("hypothesis: no failure", flush=True)


def replay(paths: list[str]) -> int:
    failures = 0
    for name in paths:
        data = Path(name).read_bytes()
        try:
            check(data)
        except Exception as exc:  # report every input, not only the first
            failures += 1
            print(f"{name}: FAIL: {type(exc).__name__}: {exc}")
        else:
            print(f"{name}: ok")
    return 1 if failures else 0


def main(argv: list[str]) -> int:
    if argv[1:2] == ["--make-corpus"]:
        folder = Path(argv[2] if len(argv) > 2 else ROOT / "fuzz" / "corpus")
        print(f"wrote {make_corpus(folder)} seed inputs to {folder}")
        return 0
    if argv[1:2] == ["--replay"]:
        return replay(argv[2:])
    if argv[1:2] == ["--hypothesis"]:
        run_hypothesis(int(os.environ.get("NEWSLINT_FUZZ_EXAMPLES", "10000")))
        return 0
    import atheris

    atheris.Setup(argv, TestOneInput)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
