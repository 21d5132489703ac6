"""Globs for the configuration (``exclude``, ``per-file-ignores``...) and ``.gitignore`` files.

A configuration glob is fnmatch-style: ``*`` matches within one path component,
``**`` across components, ``?`` one character, ``[abc]`` / ``[!abc]`` a set and
``{a,b}`` alternatives.  It is matched against the path relative to the folder
of the configuration file that set it, against the absolute path and, as in
Ruff, against the file name alone (so ``"*.jsonl"`` matches in every folder).

``.gitignore`` files use git's own rules, through the ``pathspec`` package (imported
when the first ``.gitignore`` file is found: it takes a few hundredths of a second).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pathspec


DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".newslint_cache",
    ".nox",
    ".svn",
    ".tox",
    ".venv",
    "__pycache__",
    "node_modules",
    "venv",
)
"""The default of ``exclude`` (here, where both ``newslint.config`` and its pydantic model
``newslint.config_model`` find it)."""

DEFAULT_INCLUDE = (
    "*.txt",
    "*.json",
    "*.jsonl",
    "*.json.gz",
    "*.jsonl.gz",
    "*.json.zst",
    "*.jsonl.zst",
)
"""What ``include`` means when it is not set: every file newslint has a reader for (in any
case: ``A.TXT`` too).  A folder's walk only yields such files, so the default filters
nothing; ``extend-include`` adds to an ``include`` that is set."""

OWN_FILES = (
    "*.schema.json",
    "newslint-baseline.json",
    ".newslint-baseline.json",
    "newslint-report.json",
)
"""newslint's own files, never articles, whatever ``exclude`` says: JSON Schemas (the
article schema, the configuration's), and baselines and reports by the names the README
gives them.  The schema and site profile a configuration names are left out too."""


class GlobError(ValueError):
    """A glob that cannot be compiled."""


def _translate(pattern: str) -> str:
    out: list[str] = []
    in_brace = False
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "*":
            if pattern.startswith("**", i):
                after = i + 2
                if (i == 0 or pattern[i - 1] == "/") and after < n and pattern[after] == "/":
                    out.append("(?:.*/)?")  # "**/" : zero or more folders
                    i = after + 1
                else:
                    out.append(".*")
                    i = after
            else:
                out.append("[^/]*")
                i += 1
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[":
            j = i + 1
            if j < n and pattern[j] in "!^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 1
            if j >= n:
                raise GlobError("unclosed character class '['")
            body = pattern[i + 1 : j]
            negated = body[:1] in ("!", "^")
            if negated:
                body = body[1:]
            if not body:
                raise GlobError("empty character class '[]'")
            body = body.replace("\\", "\\\\").replace("[", "\\[")
            out.append("[" + ("^" if negated else "") + body + "]")
            i = j + 1
        elif char == "{":
            if in_brace:
                raise GlobError("nested '{' is not supported")
            in_brace = True
            out.append("(?:")
            i += 1
        elif char == "," and in_brace:
            out.append("|")
            i += 1
        elif char == "}":
            if not in_brace:
                raise GlobError("unmatched '}'")
            in_brace = False
            out.append(")")
            i += 1
        elif char == "\\":
            if i + 1 >= n:
                raise GlobError("trailing '\\'")
            out.append(re.escape(pattern[i + 1]))
            i += 2
        else:
            out.append(re.escape(char))
            i += 1
    if in_brace:
        raise GlobError("unclosed '{'")
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Glob:
    """A compiled configuration glob, anchored at ``root`` (a configuration file's folder)."""

    pattern: str
    root: Path
    regex: re.Pattern[str]

    @classmethod
    def compile(cls, pattern: str, root: Path) -> Glob:
        return cls(pattern, root, compile_glob(pattern))

    def matches(self, path: Path, *, components: bool = False) -> bool:
        """Whether ``path`` (absolute) matches.

        With ``components``, a match on any folder above the file also counts
        (``exclude = ["drafts"]`` excludes every file under a ``drafts`` folder),
        but only for folders inside ``root``.
        """
        candidates = [path.as_posix(), path.name]
        relative = relative_to(path, self.root)
        if relative is not None:
            candidates.append(relative)
            if components:
                parts = relative.split("/")
                for end in range(1, len(parts)):
                    candidates.append("/".join(parts[:end]))
                    candidates.append(parts[end - 1])
        return any(self.regex.match(candidate) for candidate in candidates)


class GlobSet:
    """Many globs matched at once, on strings: ``Glob.matches`` for each glob, fast.

    A corpus has hundreds of thousands of files; matching each against every glob
    through ``pathlib`` took longer than checking a warm-cached corpus.  Globs are
    merged into one regular expression per root, paths are handled as POSIX strings,
    and each folder's verdict (for ``components``) is worked out once.
    """

    def __init__(self, globs: Sequence[Glob]) -> None:
        by_root: dict[str, list[str]] = {}
        for glob in globs:
            by_root.setdefault(glob.root.as_posix(), []).append(glob.regex.pattern)
        self._anywhere = _union([g.regex.pattern for g in globs])
        self._roots = [
            (root.rstrip("/") + "/", re.compile("|".join(f"(?:{p})" for p in patterns)))
            for root, patterns in by_root.items()
        ]
        self._folders: dict[tuple[int, str], bool] = {}

    def matches(self, path: str, *, components: bool = False) -> bool:
        """Whether the absolute POSIX ``path`` matches a glob (see ``Glob.matches``)."""
        if self._anywhere is None:
            return False
        name = path.rsplit("/", 1)[-1]
        if self._anywhere.match(path) or self._anywhere.match(name):
            return True
        for index, (root, regex) in enumerate(self._roots):
            if not path.startswith(root):
                continue
            relative = path[len(root) :]
            if regex.match(relative):
                return True
            folder = relative.rsplit("/", 1)[0] if components and "/" in relative else ""
            if folder and self._folder_matches(index, regex, folder):
                return True
        return False

    def _folder_matches(self, index: int, regex: re.Pattern[str], folder: str) -> bool:
        """Whether ``folder`` (relative to root ``index``) or a folder above it matches."""
        key = (index, folder)
        verdict = self._folders.get(key)
        if verdict is None:
            parent, _, name = folder.rpartition("/")
            verdict = bool(regex.match(folder) or regex.match(name)) or (
                bool(parent) and self._folder_matches(index, regex, parent)
            )
            self._folders[key] = verdict
        return verdict


def _union(patterns: Sequence[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def posix_absolute(path: str | os.PathLike[str]) -> str:
    """``absolute(path).as_posix()`` without pathlib (it is called once per file)."""
    text = os.path.normpath(os.path.abspath(path))
    return text if os.sep == "/" else text.replace(os.sep, "/")


@lru_cache(maxsize=4096)
def compile_glob(pattern: str) -> re.Pattern[str]:
    """The regular expression for a configuration glob; ``GlobError`` if it is malformed."""
    if not pattern.strip():
        raise GlobError("empty glob")
    body = pattern[2:] if pattern.startswith("./") else pattern
    body = body.rstrip("/") or body
    try:
        return re.compile(f"(?s:{_translate(body)})\\Z")
    except re.error as exc:  # for example a reversed range such as [z-a]
        raise GlobError(str(exc)) from None


def relative_to(path: Path, root: Path) -> str | None:
    """``path`` relative to ``root`` in POSIX form, or None if it is not inside it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


def _gitignore_spec(lines: list[str]) -> pathspec.GitIgnoreSpec:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def absolute(path: str | os.PathLike[str]) -> Path:
    """An absolute, normalised path without resolving symbolic links."""
    return Path(os.path.normpath(os.path.abspath(path)))


class GitIgnore:
    """``.gitignore`` files (and ``.git/info/exclude``) from the repository top down to a file."""

    def __init__(self) -> None:
        self._specs: dict[Path, pathspec.GitIgnoreSpec | None] = {}
        self._tops: dict[Path, Path | None] = {}
        self._chains: dict[tuple[str, Path], list[tuple[str, pathspec.GitIgnoreSpec]]] = {}

    def _spec(self, folder: Path) -> pathspec.GitIgnoreSpec | None:
        if folder not in self._specs:
            lines: list[str] = []
            for name in (".gitignore", ".git/info/exclude"):
                try:
                    lines += (folder / name).read_text(encoding="utf-8").splitlines()
                except (OSError, UnicodeDecodeError):
                    continue
            self._specs[folder] = _gitignore_spec(lines) if lines else None
        return self._specs[folder]

    def _top(self, folder: Path) -> Path | None:
        if folder not in self._tops:
            self._tops[folder] = next(
                (each for each in (folder, *folder.parents) if (each / ".git").exists()), None
            )
        return self._tops[folder]

    def ignores(self, path: Path, fallback_top: Path) -> bool:
        """Whether git would ignore ``path`` (absolute).

        Files are read from the repository's top folder (the closest folder
        holding ``.git``) or, outside a repository, from ``fallback_top`` down
        to the file's folder; a deeper file overrides a shallower one.
        """
        return self.ignores_posix(path.as_posix(), fallback_top)

    def ignores_posix(self, path: str, fallback_top: Path) -> bool:
        """``ignores`` for an absolute POSIX path given as a string (once per file: fast)."""
        chain = self._chain(path.rpartition("/")[0] or "/", fallback_top)
        if not chain:
            return False
        ignored = False
        for folder, spec in chain:
            result = spec.check_file(path[len(folder) :])
            if result.include is not None:
                ignored = result.include
        return ignored

    def _chain(self, parent: str, fallback_top: Path) -> list[tuple[str, pathspec.GitIgnoreSpec]]:
        """The ignore files that apply in folder ``parent``, top down, with each folder's
        POSIX prefix: worked out once per folder, not once per file."""
        key = (parent, fallback_top)
        chain = self._chains.get(key)
        if chain is None:
            folder_path = Path(parent)
            top = self._top(folder_path)
            if top is None:
                inside = relative_to(folder_path, fallback_top) is not None
                top = fallback_top if inside else folder_path
            relative = relative_to(folder_path, top)
            chain = []
            if relative is not None:
                folders = [top]
                for part in relative.split("/"):
                    if part not in ("", "."):
                        folders.append(folders[-1] / part)
                for folder in folders:
                    spec = self._spec(folder)
                    if spec is not None:
                        chain.append((folder.as_posix().rstrip("/") + "/", spec))
            self._chains[key] = chain
        return chain
