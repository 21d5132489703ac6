"""Patterns compiled on first use (``newslint.lazy_re``): same patterns, no stand-in left behind."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

import newslint.cli  # loads what a check loads (and names the package folder)
from newslint.lazy_re import LazyPattern, compile_lazily
from newslint.registry import all_rules

all_rules()

_MODULES = sorted(
    (name, module)
    for name, module in sys.modules.items()
    if (name == "newslint" or name.startswith("newslint.")) and isinstance(module, types.ModuleType)
)


_LAZY = [
    (name, key, value)
    for name, module in _MODULES
    for key, value in vars(module).items()
    if isinstance(value, LazyPattern)
]
"""Every stand-in, taken before any test compiles them."""


def test_the_rules_defer_most_of_their_patterns() -> None:
    assert len({id(value) for _, _, value in _LAZY}) >= 100


def test_a_stand_in_is_only_ever_a_global_of_its_own_module() -> None:
    """Anywhere else (another module's import, a class, a container) it would never be
    replaced by the compiled pattern: every use there would go through ``__getattr__``."""
    for name, key, value in _LAZY:
        assert value._home is vars(sys.modules[name]), f"{name}.{key} is another module's pattern"
    for name, module in _MODULES:
        for key, value in vars(module).items():
            if isinstance(value, type) and value.__module__ == name:
                for attribute, member in vars(value).items():
                    assert not isinstance(member, LazyPattern), f"{name}.{key}.{attribute}"
            if isinstance(value, (tuple, list, set, frozenset)):
                assert not any(isinstance(item, LazyPattern) for item in value), f"{name}.{key}"
            if isinstance(value, dict):
                assert not any(isinstance(item, LazyPattern) for item in value.values()), (
                    f"{name}.{key}"
                )


def test_a_stand_in_is_only_used_as_name_dot_attribute() -> None:
    """Passed on (an argument, a return value) or compared with ``is``, the stand-in would
    be a different object from the compiled pattern its module's global becomes."""
    package = Path(newslint.cli.__file__).parent
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        lazy = {
            target.id
            for node in tree.body
            if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name)
            and node.value.func.id == "compile_lazily"
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        if not lazy:
            continue
        as_attribute = {
            id(node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id in lazy and isinstance(node.ctx, ast.Load):
                where = f"{path.relative_to(package.parent)}:{node.lineno}"
                assert id(node) in as_attribute, f"{where}: {node.id} is used other than as NAME.x"


def test_every_deferred_pattern_compiles_to_what_re_compile_gives() -> None:
    for name, key, value in _LAZY:
        compiled = value.compiled()
        assert compiled == re.compile(value._pattern, value._flags), f"{name}.{key}"
        assert vars(sys.modules[name])[key] is compiled, f"{name}.{key} was not rebound"


def test_first_use_rebinds_the_global_and_the_pattern_works() -> None:
    namespace: dict[str, object] = {"compile_lazily": compile_lazily}
    exec(
        textwrap.dedent(
            """\
            WORD = compile_lazily(r"[a-z]+", 2)  # re.IGNORECASE
            ALIAS = WORD

            def words(text):
                return WORD.findall(text)
            """
        ),
        namespace,
    )
    stand_in = namespace["WORD"]
    assert isinstance(stand_in, LazyPattern)
    assert "not compiled yet" in repr(stand_in)
    assert namespace["words"]("Two WORDS, 3") == ["Two", "WORDS"]  # type: ignore[operator]
    assert namespace["WORD"] is namespace["ALIAS"]
    assert namespace["WORD"] == re.compile(r"[a-z]+", re.IGNORECASE)
    assert stand_in.pattern == "[a-z]+"  # an old reference still works
    assert "compiled" in repr(stand_in)


def test_a_rule_that_does_not_run_compiles_nothing(tmp_path: Path) -> None:
    """NL014 is off by default: a check leaves its pattern uncompiled; selected, it runs."""
    article = tmp_path / "short.json"
    article.write_text('{"title": "T", "url": "https://example.com/a", "body": "Short."}')
    code = f"""\
        import sys
        from newslint.cli import main
        from newslint.lazy_re import LazyPattern
        from newslint.rules import nl014_short_body as nl014
        main(["--isolated", "--no-cache", "--quiet", {str(article)!r}])
        assert isinstance(nl014._UNSPACED, LazyPattern), nl014._UNSPACED
        main(["--isolated", "--no-cache", "--quiet", "--select", "NL014", {str(article)!r}])
        assert not isinstance(nl014._UNSPACED, LazyPattern), nl014._UNSPACED
        """
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("flags", [0, re.IGNORECASE | re.MULTILINE])
def test_flags_are_kept(flags: int) -> None:
    namespace: dict[str, object] = {"compile_lazily": compile_lazily, "flags": flags}
    exec('P = compile_lazily(r"^a$", flags)\nP.search("x")', namespace)
    assert namespace["P"] == re.compile(r"^a$", flags)
