"""Configuration: ``[tool.newslint]`` in ``pyproject.toml``, ``newslint.toml`` or ``.newslint.toml``.

Discovery walks up from the checked path; in each folder ``.newslint.toml``,
then ``newslint.toml``, then a ``pyproject.toml`` that has a ``[tool.newslint]``
table; the closest file wins.  As in Ruff, a run over folders resolves settings per
file (``ConfigurationResolver``): each file gets its own closest file, a file under
none the working folder's.  ``extend = "other.toml"`` inherits from another
file (relative to the extending one).  Settings are layered, first the
extended file, then the file itself, then the command line:

* ``select`` replaces the selection (and drops earlier ``extend-select`` and
  ``ignore``); ``extend-select``, ``ignore`` and ``extend-exclude`` add to it;
* ``rules.NLxxx`` tables merge option by option;
* every other key replaces the earlier value.

Globs and the ``schema`` path are relative to the folder of the file that set
them.  Every problem becomes a one-line ``ConfigError`` naming the file, the key
and what is allowed.

The settings are a plain ``Configuration``; the pydantic model that validates a
table and describes it for editors is in ``newslint.config_model``, imported only
when there is a table to validate (a run without a configuration file or
overrides does not import pydantic).  Regenerate ``schemas/config.schema.json``
with ``python -m newslint.config --write-schema``.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import MISSING, Field, dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from newslint import pickled_by_name
from newslint.bounded import SCHEMA_SIZE_LIMIT as SCHEMA_SIZE_LIMIT  # re-exported
from newslint.bounded import NotReadable as NotReadable  # re-exported for callers
from newslint.bounded import read_regular_file as read_regular_file  # re-exported
from newslint.config_globs import DEFAULT_EXCLUDE as DEFAULT_EXCLUDE  # re-exported
from newslint.config_globs import DEFAULT_INCLUDE as DEFAULT_INCLUDE  # re-exported
from newslint.config_globs import OWN_FILES, GitIgnore, Glob, GlobSet, absolute, posix_absolute
from newslint.readers import rename_fields as rename_fields  # re-exported for callers
from newslint.registry import all_rules
from newslint.selection import named_codes, select_rules

if TYPE_CHECKING:
    from newslint.rule import Rule

CONFIG_FILES = (".newslint.toml", "newslint.toml", "pyproject.toml")
"""Looked for in this order in each folder."""

SCHEMA_FILE = "config.schema.json"

CONFIG_SIZE_LIMIT = 1 << 20
"""A configuration file (TOML) is read only if it holds at most 1 MiB."""


class ConfigError(Exception):
    """A configuration problem; ``str()`` is a one-line message for the user (exit 2).

    File names, keys and values in it are the user's, or those of a configuration that came
    with a corpus: controls and escape sequences in them are shown escaped (``\\x1b``)."""

    def __str__(self) -> str:
        from newslint.report import printable

        return printable(super().__str__())


def _key(toml_key: str) -> dict[str, str]:
    return {"toml": toml_key}


@dataclass(slots=True)
class Configuration:
    """newslint settings, as written in TOML (kebab-case keys).

    Build it with ``load_settings``: it validates (with the pydantic model of
    ``newslint.config_model``, imported only when there is something to validate)
    and records where the settings came from.  Attributes have Python names; the
    TOML key of each is in its field's metadata (``as_toml`` uses them).
    """

    extend: str | None = None
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list, metadata=_key("extend-select"))
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(
        default_factory=dict, metadata=_key("per-file-ignores")
    )
    include: list[str] | None = None
    extend_include: list[str] = field(default_factory=list, metadata=_key("extend-include"))
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    extend_exclude: list[str] = field(default_factory=list, metadata=_key("extend-exclude"))
    force_exclude: bool = field(default=False, metadata=_key("force-exclude"))
    respect_gitignore: bool = field(default=True, metadata=_key("respect-gitignore"))
    unsafe_fixes: bool = field(default=False, metadata=_key("unsafe-fixes"))
    schema_: str | None = field(default=None, metadata=_key("schema"))
    dataset_fields: dict[str, str] = field(default_factory=dict, metadata=_key("fields"))
    record_settings: str = field(default="newslint", metadata=_key("record-settings"))
    site_key: str = field(default="domain", metadata=_key("site-key"))
    site_profile_: str | None = field(default=None, metadata=_key("site-profile"))
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict, metadata=_key("rules"))

    _config_file: Path | None = field(default=None, init=False, repr=False)
    _root: Path = field(default_factory=Path.cwd, init=False, repr=False)
    _key_roots: dict[str, Path] = field(default_factory=dict, init=False, repr=False)
    _extend_exclude_roots: list[Path] = field(default_factory=list, init=False, repr=False)
    _gitignore: GitIgnore = field(default_factory=GitIgnore, init=False, repr=False, compare=False)
    _matchers: dict[tuple[str, str], Any] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """Compiled globs: built once per run, not once per file (settings do not change once
    loaded)."""

    # -- as written in TOML --------------------------------------------------------------------

    def as_toml(self, exclude_defaults: bool = True) -> dict[str, Any]:
        """The settings by TOML key (``"extend-select"``, ``"rules"``...), in the order of the
        schema; with ``exclude_defaults``, only those that differ from their default.  Values
        are copies."""
        values: dict[str, Any] = {}
        for each in _SETTINGS:
            value = getattr(self, each.name)
            if exclude_defaults and value == _default_of(each):
                continue
            values[each.metadata.get("toml", each.name)] = _copied(value)
        return values

    def model_dump(
        self, *, by_alias: bool = False, exclude_defaults: bool = False
    ) -> dict[str, Any]:
        """What the pydantic model's ``model_dump`` gave, for callers written for it: by TOML
        key with ``by_alias`` (``as_toml``), else by attribute name."""
        values = self.as_toml(exclude_defaults)
        if by_alias:
            return values
        return {_ATTRIBUTES[key]: value for key, value in values.items()}

    # -- where it came from --------------------------------------------------------------------

    @property
    def config_file(self) -> Path | None:
        """The configuration file that was found or given (the closest one), if any."""
        return self._config_file

    @property
    def root(self) -> Path:
        """The folder of ``config_file``, or the working folder when there is none."""
        return self._root

    def _root_of(self, key: str) -> Path:
        return self._key_roots.get(key, self._root)

    # -- helpers for the CLI and the runner ----------------------------------------------------

    def rules(self, rules: Sequence[Rule]) -> tuple[Rule, ...]:
        """The rules to run, in code order (``select_rules`` with these settings)."""
        return select_rules(rules, self.select, self.extend_select, self.ignore)

    def options_for(self, code: str) -> dict[str, Any]:
        """The options of one rule from ``[rules.NLxxx]`` (empty when there are none)."""
        return dict(self.rule_options.get(code.upper(), {}))

    @property
    def site_profile(self) -> Path | None:
        """The site profile to read (absolute), or None: learn from the run's own inputs."""
        if self.site_profile_ is None:
            return None
        return absolute(self._root_of("site-profile") / Path(self.site_profile_).expanduser())

    @property
    def schema_file(self) -> Path | None:
        """The user's JSON Schema (absolute), or None for the built-in one."""
        if self.schema_ is None:
            return None
        return absolute(self._root_of("schema") / Path(self.schema_).expanduser())

    @property
    def field_map(self) -> dict[str, str]:
        """Dataset name -> schema name (the inverse of ``fields``), e.g. {"text": "body"}."""
        return {dataset: schema for schema, dataset in self.dataset_fields.items()}

    def ignored_codes_for(self, path: str | os.PathLike[str]) -> set[str]:
        """Codes that ``per-file-ignores`` switches off for ``path``."""
        return set(self.per_file_ignores_test()(path))

    def per_file_ignores_test(self) -> Callable[[str | os.PathLike[str]], frozenset[str]]:
        """``ignored_codes_for`` as a function with everything compiled once (for many files)."""
        if not self.per_file_ignores:
            return lambda path: frozenset()
        matchers = self._per_file_matchers()

        def ignored(path: str | os.PathLike[str]) -> frozenset[str]:
            target = posix_absolute(path)
            codes: set[str] = set()
            for matcher, pattern_codes in matchers:
                if matcher.matches(target):
                    codes |= pattern_codes
            return frozenset(codes)

        return ignored

    def _per_file_matchers(self) -> list[tuple[GlobSet, set[str]]]:
        key = ("per-file-ignores", "")
        if key not in self._matchers:
            root = self._root_of("per-file-ignores")
            self._matchers[key] = [
                (
                    GlobSet([Glob.compile(pattern, root)]),
                    named_codes(all_rules(), selectors),
                )
                for pattern, selectors in self.per_file_ignores.items()
            ]
        return self._matchers[key]  # type: ignore[no-any-return]

    def _exclusion_matchers(
        self,
    ) -> tuple[GlobSet, GlobSet | None, tuple[GlobSet, frozenset[str]]]:
        key = ("exclude", "")
        if key not in self._matchers:
            exclude_root = self._root_of("exclude")
            globs = [Glob.compile(pattern, exclude_root) for pattern in self.exclude]
            roots = self._extend_exclude_roots[: len(self.extend_exclude)]
            roots += [self._root] * (len(self.extend_exclude) - len(roots))
            globs += [
                Glob.compile(p, root) for p, root in zip(self.extend_exclude, roots, strict=True)
            ]
            include = None
            if self.include is not None:  # the default: every file newslint has a reader for
                include_root = self._root_of("include")
                extend_root = self._root_of("extend-include")
                include = GlobSet(
                    [Glob.compile(p, include_root) for p in self.include]
                    + [Glob.compile(p, extend_root) for p in self.extend_include]
                )
            self._matchers[key] = (GlobSet(globs), include, self._own_files())
        return self._matchers[key]  # type: ignore[no-any-return]

    def _own_files(self) -> tuple[GlobSet, frozenset[str]]:
        """newslint's own files, never articles: schemas and baselines by their usual names
        (``OWN_FILES``), and the schema and site profile this configuration names."""
        named = (self.schema_file, self.site_profile)
        return (
            GlobSet([Glob.compile(pattern, self._root) for pattern in OWN_FILES]),
            frozenset(posix_absolute(own) for own in named if own is not None),
        )

    def is_excluded(self, path: str | os.PathLike[str]) -> bool:
        """Whether ``path`` (a file) is left out by include/exclude/extend-exclude or .gitignore.

        A file is excluded if it or a folder above it (inside the configuration's
        folder) matches ``exclude`` or ``extend-exclude``, if ``include`` is set
        and the file matches none of its globs nor ``extend-include``'s, if it is one
        of newslint's own files (``OWN_FILES``, the configured ``schema`` and
        ``site-profile``), or if git ignores it.
        """
        return self.exclusion_test()(path)

    def exclusion_test(self) -> Callable[[str | os.PathLike[str]], bool]:
        """``is_excluded`` as a function with everything compiled once (for many files)."""
        exclude, include, (own, own_paths) = self._exclusion_matchers()
        gitignore = self._gitignore if self.respect_gitignore else None
        root = self._root

        def excluded(path: str | os.PathLike[str]) -> bool:
            target = posix_absolute(path)
            if target in own_paths or own.matches(target):
                return True
            if exclude.matches(target, components=True):
                return True
            if include is not None and not include.matches(target):
                return True
            return gitignore is not None and gitignore.ignores_posix(target, root)

        return excluded


def _default_of(setting: Field[Any]) -> Any:
    if setting.default_factory is not MISSING:
        return setting.default_factory()
    return setting.default


def _copied(value: Any) -> Any:
    if isinstance(value, list):
        return [_copied(each) for each in value]
    if isinstance(value, dict):
        return {key: _copied(each) for key, each in value.items()}
    return value


_SETTINGS = tuple(each for each in fields(Configuration) if each.init)
"""The settings, in schema order (the private fields record where they came from)."""
_ATTRIBUTES = {each.metadata.get("toml", each.name): each.name for each in _SETTINGS}
"""TOML key -> attribute name."""


# -- errors ------------------------------------------------------------------------------------

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _key_path(prefix: str, loc: tuple[int | str, ...]) -> str:
    text = prefix
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            name = part if _BARE_KEY.fullmatch(part) else json.dumps(part)
            text += name if not text or text.endswith((".", "-")) else f".{name}"
    return text


def display_path(path: Path) -> str:
    """``path`` relative to the working folder when it is inside it."""
    try:
        return os.path.relpath(path) if absolute(path).is_relative_to(Path.cwd()) else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


# -- reading files -----------------------------------------------------------------------------


@dataclass(slots=True)
class _Layer:
    source: str
    """For messages: a file name, or "command line"."""
    prefix: str
    """Key prefix for messages: "tool.newslint." in pyproject.toml, "--" on the command line."""
    root: Path
    values: dict[str, Any]
    """Validated, by TOML key, only the keys the layer sets."""
    file: Path | None = None
    keys: set[str] = field(default_factory=set)


def _read_toml(path: Path) -> dict[str, Any]:
    # Imported here: a run with --isolated, or the library's Settings(), reads no file.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]
    try:
        data: dict[str, Any] = tomllib.loads(
            read_regular_file(path, CONFIG_SIZE_LIMIT).decode("utf-8")
        )
    except FileNotFoundError:
        raise ConfigError(f"{display_path(path)}: configuration file not found") from None
    except OSError as exc:
        raise ConfigError(f"{display_path(path)}: cannot read: {exc.strerror}") from None
    except NotReadable as exc:
        raise ConfigError(f"{display_path(path)}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{display_path(path)}: invalid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{display_path(path)}: invalid TOML: not UTF-8") from None
    return data


def _newslint_table(path: Path, data: dict[str, Any]) -> dict[str, Any] | None:
    """The settings table of a file: ``tool.newslint`` in pyproject.toml, else the whole file."""
    if path.name != "pyproject.toml":
        return data
    tool = data.get("tool")
    if not isinstance(tool, dict) or "newslint" not in tool:
        return None
    table = tool["newslint"]
    if not isinstance(table, dict):
        raise ConfigError(f"{display_path(path)}: tool.newslint: expected a table")
    return table


def _has_settings(path: Path) -> bool:
    if path.name != "pyproject.toml":
        return True
    return _newslint_table(path, _read_toml(path)) is not None


def find_config(path: str | os.PathLike[str]) -> Path | None:
    """The configuration file closest to ``path`` (a file or folder), walking up; None if none.

    A ``pyproject.toml`` without a ``[tool.newslint]`` table is skipped.
    """
    start = absolute(path)
    folder = start if start.is_dir() else start.parent
    for each in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = each / name
            if candidate.is_file() and _has_settings(candidate):
                return candidate
    return None


def _validate_layer(raw: Mapping[str, Any], source: str, prefix: str) -> dict[str, Any]:
    if not raw:
        return {}
    from newslint.config_model import TableError, validate_table  # pydantic: only when needed

    try:
        return validate_table(raw)
    except TableError as exc:
        message = f"{source}: {_key_path(prefix, exc.loc)}: {exc.message}"
        if exc.count > 1:
            message += f" (and {exc.count - 1} more)"
        raise ConfigError(message) from None


def _load_chain(path: Path, seen: tuple[Path, ...] = ()) -> list[_Layer]:
    resolved = path.resolve()
    source = display_path(path)
    if resolved in seen:
        chain = " -> ".join(display_path(each) for each in (*seen, resolved))
        raise ConfigError(f"{display_path(seen[-1])}: extend: cycle: {chain}")
    table = _newslint_table(path, _read_toml(path))
    if table is None:
        raise ConfigError(f"{source}: no [tool.newslint] table")
    prefix = "tool.newslint." if path.name == "pyproject.toml" else ""
    values = _validate_layer(table, source, prefix)
    layers: list[_Layer] = []
    extend = values.pop("extend", None)
    if extend is not None:
        target = absolute(path.parent / Path(extend).expanduser())
        if not target.is_file():
            raise ConfigError(f"{source}: {prefix}extend: file not found: {display_path(target)}")
        layers = _load_chain(target, (*seen, resolved))
    layers.append(
        _Layer(source, prefix, absolute(path.parent), values, absolute(path), set(values))
    )
    return layers


def _override_layer(overrides: Mapping[str, Any]) -> _Layer:
    raw = {key.replace("_", "-"): value for key, value in overrides.items() if value is not None}
    if "extend" in raw:
        raise ConfigError("command line: --extend: not allowed on the command line")
    values = _validate_layer(raw, "command line", "--")
    return _Layer("command line", "--", absolute(Path.cwd()), values, None, set(values))


# -- combining layers --------------------------------------------------------------------------


def _combine(layers: Sequence[_Layer]) -> Configuration:
    merged: dict[str, Any] = {}
    key_roots: dict[str, Path] = {}
    sources: dict[str, _Layer] = {}
    extend_exclude_roots: list[Path] = []
    for layer in layers:
        values = layer.values
        if "select" in values:
            merged["select"] = values["select"]
            merged.pop("extend-select", None)
            merged.pop("ignore", None)
        for key, value in values.items():
            if key == "select":
                continue
            if key in ("extend-select", "ignore", "extend-include"):
                merged[key] = [*merged.get(key, []), *value]
            elif key == "extend-exclude":
                merged[key] = [*merged.get(key, []), *value]
                extend_exclude_roots += [layer.root] * len(value)
            elif key == "rules":
                options = dict(merged.get(key, {}))
                for code, table in value.items():
                    options[code] = {**options.get(code, {}), **table}
                merged[key] = options
            else:
                merged[key] = value
            key_roots[key] = layer.root
            sources[key] = layer
    settings = Configuration(**{_ATTRIBUTES[key]: value for key, value in merged.items()})
    files = [layer for layer in layers if layer.file is not None]
    if files:
        settings._config_file = files[-1].file
        settings._root = files[-1].root
    else:
        settings._root = absolute(Path.cwd())
    settings._key_roots = key_roots
    settings._extend_exclude_roots = extend_exclude_roots
    _check_references(settings, sources)
    return settings


def _builtin_fields() -> set[str]:
    from newslint.schema import schema_path

    properties = json.loads(schema_path().read_text(encoding="utf-8")).get("properties", {})
    return set(properties)


def _check_references(settings: Configuration, sources: Mapping[str, _Layer]) -> None:
    """Checks that need the whole configuration: the schema file exists; ``fields`` names exist."""
    properties: set[str] | None = None
    if settings.schema_file is not None:
        layer = sources["schema"]
        where = f"{layer.source}: {layer.prefix}schema"
        try:
            schema = json.loads(read_regular_file(settings.schema_file, SCHEMA_SIZE_LIMIT))
        except FileNotFoundError:
            raise ConfigError(
                f"{where}: file not found: {display_path(settings.schema_file)}"
            ) from None
        except NotReadable as exc:
            raise ConfigError(
                f"{where}: cannot read {display_path(settings.schema_file)}: {exc}"
            ) from None
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ConfigError(f"{where}: not a readable JSON file ({exc})") from None
        if not isinstance(schema, dict):
            raise ConfigError(f"{where}: expected a JSON Schema object")
        if isinstance(schema.get("properties"), dict):
            properties = set(schema["properties"])
    if settings.dataset_fields:
        if settings.schema_file is None:
            properties = _builtin_fields()  # read only when there are names to check
        layer = sources["fields"]
        seen: dict[str, str] = {}
        for name, dataset_name in settings.dataset_fields.items():
            key = _key_path(layer.prefix + "fields", (name,))
            if properties is not None and name not in properties:
                raise ConfigError(
                    f"{layer.source}: {key}: unknown schema field (allowed: {', '.join(sorted(properties))})"
                )
            if dataset_name in seen:
                raise ConfigError(
                    f"{layer.source}: {key}: {dataset_name!r} is already mapped to {seen[dataset_name]!r}"
                )
            seen[dataset_name] = name


def load_settings(
    path: str | os.PathLike[str] | None = None,
    isolated: bool = False,
    overrides: Mapping[str, Any] | None = None,
    *,
    start: str | os.PathLike[str] | None = None,
) -> Configuration:
    """The settings to use.

    ``path`` is a configuration file given explicitly (``--config``); without it,
    the file closest to ``start`` (default: the working folder) is used, unless
    ``isolated`` (``--isolated``) asks for none.  ``overrides`` are command-line
    values by TOML key (``"extend-select"`` or ``"extend_select"``); None values
    are skipped, so pass None for a flag that was not given.
    """
    if isolated and path is not None:
        raise ConfigError("--config and --isolated cannot be used together")
    layers: list[_Layer] = []
    if path is not None:
        layers = _load_chain(Path(path))
    elif not isolated:
        found = find_config(start if start is not None else Path.cwd())
        if found is not None:
            layers = _load_chain(found)
    if overrides:
        layers.append(_override_layer(overrides))
    return _combine(layers)


V = TypeVar("V")


class ConfigurationResolver:
    """Settings per checked file, as in Ruff: each file gets the configuration file closest
    to it, so that ``newslint corpus/`` (CI) and ``newslint corpus/ru/x.jsonl`` (pre-commit)
    check a file alike.

    With an explicit file or ``isolated``, every path gets the same settings.  Otherwise a
    file under no configuration file gets the one found from the working folder (or the
    defaults); the same ``overrides`` (the command line) go on top of each.  Each folder's
    closest file is looked for once, and each configuration file loaded once, so that a run
    over a corpus with one configuration pays a dictionary look-up per file.
    """

    def __init__(
        self,
        config: str | os.PathLike[str] | None = None,
        isolated: bool = False,
        overrides: Mapping[str, Any] | None = None,
        *,
        known: Configuration | None = None,
    ) -> None:
        """``known``: a configuration already loaded with these ``overrides`` (the run's own),
        used for the files whose closest configuration file is its."""
        self._overrides = dict(overrides or {})
        self._fixed: Configuration | None = None
        if config is not None or isolated:
            self._fixed = (
                known if known is not None else load_settings(config, isolated, self._overrides)
            )
        self._by_folder: dict[str, Path | None] = {}
        self._by_file: dict[Path, Configuration] = {}
        self._by_spelling: dict[str, Configuration] = {}
        """A file's folder as the caller spells it -> its settings (``for_file``)."""
        self._fallback: Configuration | None = None
        if known is not None and known.config_file is not None:
            self._by_file[known.config_file] = known

    @property
    def fixed(self) -> bool:
        """Whether every path gets the same settings (``--config`` or ``--isolated``)."""
        return self._fixed is not None

    def for_path(self, path: str | os.PathLike[str]) -> Configuration:
        """The settings of ``path``, a file or a folder."""
        if self._fixed is not None:
            return self._fixed
        target = os.path.normpath(os.path.abspath(path))
        return self._for_folder(target if os.path.isdir(target) else os.path.dirname(target))

    def for_file(self, path: str) -> Configuration:
        """The settings of ``path``, known to be a file: called twice per checked file, so
        its folder as spelled is looked up first (no ``stat``, no ``getcwd``)."""
        if self._fixed is not None:
            return self._fixed
        spelled = os.path.dirname(path)
        settings = self._by_spelling.get(spelled)
        if settings is None:
            folder = os.path.normpath(os.path.abspath(spelled or os.curdir))
            settings = self._by_spelling[spelled] = self._for_folder(folder)
        return settings

    def _for_folder(self, folder: str) -> Configuration:
        found = self._closest(folder)
        if found is None:
            return self.fallback
        loaded = self._by_file.get(found)
        if loaded is None:
            loaded = self._by_file[found] = load_settings(found, False, self._overrides)
        return loaded

    @property
    def fallback(self) -> Configuration:
        """The settings of a file under no configuration file: the working folder's."""
        if self._fallback is None:
            found = find_config(Path.cwd())
            if found is not None and found in self._by_file:
                self._fallback = self._by_file[found]
            elif found is not None:
                self._fallback = self._by_file[found] = load_settings(found, False, self._overrides)
            else:
                self._fallback = load_settings(None, True, self._overrides)
        return self._fallback

    def _closest(self, folder: str) -> Path | None:
        """The configuration file in ``folder`` or the closest folder above it (memoised:
        a folder's answer is its parent's when it holds none)."""
        if folder in self._by_folder:
            return self._by_folder[folder]
        found: Path | None = None
        for name in CONFIG_FILES:
            candidate = Path(folder, name)
            if candidate.is_file() and _has_settings(candidate):
                found = candidate
                break
        else:
            parent = os.path.dirname(folder)
            if parent != folder:
                found = self._closest(parent)
        self._by_folder[folder] = found
        return found


# -- --show-settings ---------------------------------------------------------------------------


def settings_text(settings: Configuration, path: str, codes: Sequence[str]) -> str:
    """What ``--show-settings PATH`` prints: the settings that apply to ``path``, as TOML a
    configuration file could hold (every key, defaults too), headed by where they came from
    and the rules that run."""
    source = display_path(settings.config_file) if settings.config_file else "(none: defaults)"
    lines = [
        f"# Settings for {path}",
        f"# Configuration file: {source}",
        f"# Rules that run ({len(codes)}): {' '.join(codes)}",
    ]
    tables: list[tuple[str, dict[str, Any]]] = []
    for key, value in settings.as_toml(exclude_defaults=False).items():
        if value is None:
            default = "not set"
            if key == "include":  # the default: every file a reader reads, in any case
                default += f" (every file newslint reads: {', '.join(DEFAULT_INCLUDE)})"
            lines.append(f"# {key}: {default}")
        elif key == "rules":
            tables += [(f"rules.{code}", options) for code, options in value.items()]
        elif isinstance(value, dict):
            tables.append((key, value))
        else:
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for name, table in tables:
        lines += ["", f"[{name}]"]
        lines += [f"{_toml_key(key)} = {_toml_value(value)}" for key, value in table.items()]
    return "\n".join(lines) + "\n"


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)


def _toml_value(value: Any) -> str:
    """A TOML value: JSON's spelling of strings, numbers, booleans and lists is TOML's."""
    if isinstance(value, dict):
        items = ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(each) for each in value) + "]"
    return json.dumps(value, ensure_ascii=False)


# -- the JSON Schema for editors ---------------------------------------------------------------


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the configuration, as shipped in ``schemas/config.schema.json``."""
    from newslint.config_model import json_schema as model_schema

    return model_schema()


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def default_schema_path() -> Path:
    return Path(__file__).resolve().parent.parent / "schemas" / SCHEMA_FILE


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m newslint.config",
        description="Print (or write) the JSON Schema of newslint's configuration.",
    )
    parser.add_argument(
        "--write-schema",
        nargs="?",
        const=str(default_schema_path()),
        metavar="FILE",
        help=f"write it to FILE (default: schemas/{SCHEMA_FILE})",
    )
    args = parser.parse_args(argv)
    if args.write_schema is None:
        sys.stdout.write(schema_text())
    else:
        Path(args.write_schema).write_text(schema_text(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


pickled_by_name(__name__)  # pickles as its name (dill, HF datasets: see newslint/__init__.py)
