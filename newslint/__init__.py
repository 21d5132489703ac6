"""newslint: a fast, precise data-quality linter for scraped news text.

The library API lints or fixes one record (a dict) at a time, exactly as the CLI would::

    import newslint

    for diagnostic in newslint.lint_record({"title": "...", "url": "...", "body": "..."}):
        print(diagnostic.code, diagnostic.field, diagnostic.message)

The API is loaded on first use (PEP 562), so ``newslint``'s own start-up stays fast.
"""

from __future__ import annotations

# Not ``from typing import TYPE_CHECKING``: the CLI's start-up should not pay for ``typing``
# here; type checkers treat a module-level ``TYPE_CHECKING = False`` as the same constant.
TYPE_CHECKING = False

__version__ = "0.1.0"

__all__ = [
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
    "fix_record",
    "fix_text",
    "lint_record",
    "lint_text",
]

if TYPE_CHECKING:
    from typing import Any

    from newslint.api import (
        ConfigError,
        Diagnostic,
        Edit,
        Fix,
        FixResult,
        ListAppend,
        RecordError,
        Run,
        Settings,
        fix_record,
        fix_text,
        lint_record,
        lint_text,
    )


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
