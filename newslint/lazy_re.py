"""Module-level regular expressions compiled on first use, at no cost per call after that.

Compiling the rules' ~140 patterns with ``re.compile`` at import took about 25 ms of every
start-up, though a check of one article uses few of them (most rules never run: their
triggers do not occur).  ``compile_lazily`` returns a stand-in instead.  The first time an
attribute of the stand-in is read (``_URL.search``), it compiles the pattern and rebinds every
global name of the defining module that held the stand-in to the compiled ``re.Pattern``.
From then on the module's functions load the real pattern from their globals: the hot path
is exactly that of an eagerly compiled pattern, with no proxy in between.

So use it only for a module-level constant that the module's own functions use as
``NAME.method(...)`` or ``NAME.attribute``.  Keep ``re.compile`` for a pattern that is
imported by another module, stored in a class, a container or a default argument, passed
as an argument, or compared with ``is``: those copies would keep the stand-in (which still
works, through ``__getattr__``, but slower and without ``is`` identity).
``tests/test_lazy_re.py`` checks every module of the package for such escapes.
"""

from __future__ import annotations

import re
import sys
from typing import Any, cast


class LazyPattern:
    """The stand-in: compiles on first attribute access and rebinds its module's globals."""

    __slots__ = ("_compiled", "_flags", "_home", "_pattern")

    def __init__(self, pattern: str, flags: int, home: dict[str, Any]) -> None:
        self._pattern = pattern
        self._flags = flags
        self._home = home
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern; the first call rebinds the module's names to it."""
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._pattern, self._flags)
            home = self._home
            for name, value in list(home.items()):
                if value is self:
                    home[name] = compiled
        return compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        state = "compiled" if self._compiled is not None else "not compiled yet"
        return f"<lazy {self._pattern!r}, {state}>"


def compile_lazily(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, deferred to the first use (see the module's docstring).

    Call it only at the top level of a module, in an assignment to a global name.
    """
    home = sys._getframe(1).f_globals
    return cast("re.Pattern[str]", LazyPattern(pattern, flags, home))
