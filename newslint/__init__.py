"""newslint: a fast, precise data-quality linter for scraped news text.

The library API lints or fixes one record (a dict) at a time, exactly as the CLI would::

    import newslint

    for diagnostic in newslint.lint_record({"title": "...", "url": "...", "body": "..."}):
        print(diagnostic.code, diagnostic.field, diagnostic.message)

``lint_batch``/``fix_batch`` take a whole pandas ``DataFrame``, Arrow table, dict of columns
or list of dicts.  The API is loaded on first use (PEP 562), so ``newslint``'s own start-up
stays fast.
"""

from __future__ import annotations

# Not ``from typing import TYPE_CHECKING``: the CLI's start-up should not pay for ``typing``
# here; type checkers treat a module-level ``TYPE_CHECKING = False`` as the same constant.
TYPE_CHECKING = False

import sys  # noqa: E402 - after TYPE_CHECKING, which the comment above explains
from types import ModuleType  # noqa: E402 - functools, which the CLI imports, imports it

__version__ = "0.1.0"

__all__ = [
    "BatchFixResult",
    "BatchResult",
    "ConfigError",
    "Diagnostic",
    "Edit",
    "Fix",
    "FixResult",
    "ListAppend",
    "RecordError",
    "Run",
    "Settings",
    "__version__",
    "fix_batch",
    "fix_record",
    "fix_text",
    "lint_batch",
    "lint_record",
    "lint_text",
]

if TYPE_CHECKING:
    from typing import Any

    from newslint.api import (
        BatchFixResult,
        BatchResult,
        ConfigError,
        Diagnostic,
        Edit,
        Fix,
        FixResult,
        ListAppend,
        RecordError,
        Run,
        Settings,
        fix_batch,
        fix_record,
        fix_text,
        lint_batch,
        lint_record,
        lint_text,
    )


def _module(name: str) -> ModuleType:
    """The module ``name``, imported: what a pickled newslint module is unpickled as."""
    __import__(name)
    return sys.modules[name]


class _PickledByName(ModuleType):
    """A newslint module that pickles as a reference to itself (its name), not its contents.

    dill (which HuggingFace ``datasets`` hashes ``map`` functions with) pickles a module by
    value unless its file is under ``sys.prefix`` or ``site-packages``: with an editable
    install (``pip install -e .``), a function that uses ``newslint.fix_record`` dragged
    in the package's whole namespace, its path and every loaded submodule, which failed
    (RecursionError) or hashed differently with each name the API had loaded.
    """

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return _module, (self.__name__,)


def pickled_by_name(module_name: str) -> None:
    """Make the loaded module ``module_name`` pickle by reference (``_PickledByName``).

    A module of another class (a lazy loader's, a test's stand-in) is left as it is."""
    module = sys.modules.get(module_name)
    if type(module) is ModuleType:
        module.__class__ = _PickledByName


pickled_by_name(__name__)


def __getattr__(name: str) -> Any:
    """Import the library API only when one of its names is used."""
    if name in __all__ and name != "__version__":
        from newslint import api

        value = getattr(api, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'newslint' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
