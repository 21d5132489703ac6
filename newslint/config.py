"""Configuration: ``[tool.newslint]`` in ``pyproject.toml``, ``newslint.toml`` or ``.newslint.toml``.

Discovery walks up from the checked path; in each folder ``.newslint.toml``,
then ``newslint.toml``, then a ``pyproject.toml`` that has a ``[tool.newslint]``
table; the closest file wins.  ``extend = "other.toml"`` inherits from another
file (relative to the extending one).  Settings are layered, first the
extended file, then the file itself, then the command line:

* ``select`` replaces the selection (and drops earlier ``extend-select`` and
  ``ignore``); ``extend-select``, ``ignore`` and ``extend-exclude`` add to it;
* ``rules.NLxxx`` tables merge option by option;
* every other key replaces the earlier value.

Globs and the ``schema`` path are relative to the folder of the file that set
them.  Every problem becomes a one-line ``ConfigError`` naming the file, the key
and what is allowed.

Regenerate ``schemas/config.schema.json`` with ``python -m newslint.config --write-schema``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, ValidationError
from pydantic_core import ErrorDetails

from newslint.config_globs import (
    GitIgnore,
    Glob,
    GlobError,
    GlobSet,
    absolute,
    compile_glob,
    posix_absolute,
)
from newslint.readers import rename_fields  # noqa: F401  (re-exported for callers)
from newslint.registry import all_rules, find_rule
from newslint.rule import CODE_PATTERN, Rule
from newslint.selection import SelectionError, select_rules

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

CONFIG_FILES = (".newslint.toml", "newslint.toml", "pyproject.toml")
"""Looked for in this order in each folder."""

SCHEMA_FILE = "config.schema.json"
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


class ConfigError(Exception):
    """A configuration problem; ``str()`` is a one-line message for the user (exit 2)."""


# -- values ------------------------------------------------------------------------------------


def _check_selector(value: str) -> str:
    selector = value.strip()
    if not selector:
        raise ValueError(
            "empty rule selector (use a code such as NL201, a prefix such as NL2, a rule name, or ALL)"
        )
    try:
        select_rules(all_rules(), select=[selector])
    except SelectionError as exc:
        raise ValueError(str(exc)) from None
    return selector


def _check_glob(value: str) -> str:
    try:
        compile_glob(value)
    except GlobError as exc:
        raise ValueError(f"bad glob {value!r}: {exc}") from None
    return value


def _check_code(value: str) -> str:
    code = value.strip().upper()
    if not CODE_PATTERN.fullmatch(code) or find_rule(code) is None:
        raise ValueError(
            f"unknown rule code {value!r} (use a code such as NL101; `newslint rule --all` lists them)"
        )
    return code


def _check_field_name(value: str) -> str:
    if not value.strip():
        raise ValueError("empty field name")
    return value


Selector = Annotated[str, AfterValidator(_check_selector)]
GlobPattern = Annotated[str, AfterValidator(_check_glob)]
RuleCode = Annotated[str, AfterValidator(_check_code)]
FieldName = Annotated[str, AfterValidator(_check_field_name)]

_SELECTOR_DOC = "codes (NL201), code prefixes (NL2), rule names (split-url) or ALL"


class Configuration(BaseModel):
    """newslint settings, as written in TOML (kebab-case keys)."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=False,
        title="newslint configuration",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    extend: str | None = Field(
        default=None,
        description="Another configuration file to inherit from, relative to this file.",
    )
    select: list[Selector] | None = Field(
        default=None,
        description=f"Run only these rules: {_SELECTOR_DOC}. Default: the rules enabled by default.",
    )
    extend_select: list[Selector] = Field(
        default_factory=list,
        alias="extend-select",
        description=f"Run these rules as well: {_SELECTOR_DOC}.",
    )
    ignore: list[Selector] = Field(
        default_factory=list, description=f"Do not run these rules: {_SELECTOR_DOC}."
    )
    per_file_ignores: dict[GlobPattern, list[Selector]] = Field(
        default_factory=dict,
        alias="per-file-ignores",
        description="Glob -> rules not to report in matching files. Globs are relative to this "
        "file's folder and also match the file name alone.",
    )
    include: list[GlobPattern] | None = Field(
        default=None,
        description="Check only files matching these globs (default: every .txt, .json and .jsonl file).",
    )
    exclude: list[GlobPattern] = Field(
        default_factory=lambda: list(DEFAULT_EXCLUDE),
        description="Files and folders not to check (replaces the default list).",
    )
    extend_exclude: list[GlobPattern] = Field(
        default_factory=list,
        alias="extend-exclude",
        description="Files and folders not to check, in addition to `exclude`.",
    )
    respect_gitignore: bool = Field(
        default=True,
        alias="respect-gitignore",
        description="Skip files ignored by .gitignore files.",
    )
    unsafe_fixes: bool = Field(
        default=False,
        alias="unsafe-fixes",
        description="With --fix or --diff, also apply unsafe fixes.",
    )
    schema_: str | None = Field(
        default=None,
        alias="schema",
        description="A JSON Schema file to check articles against in place of the built-in one, "
        "relative to this file.",
    )
    dataset_fields: dict[FieldName, FieldName] = Field(
        default_factory=dict,
        alias="fields",
        description='Schema field -> the dataset\'s own name for it, e.g. body = "text".',
    )
    record_settings: FieldName = Field(
        default="newslint",
        alias="record-settings",
        description='The record field that may hold per-record settings, e.g. {"ignore": ["NL101"]}.',
    )
    rule_options: dict[RuleCode, dict[str, Any]] = Field(
        default_factory=dict,
        alias="rules",
        description="Per-rule options: a table per rule code, e.g. [tool.newslint.rules.NL401].",
        json_schema_extra={"propertyNames": {"pattern": "^[Nn][Ll][0-6][0-9]{2}$"}},
    )

    _config_file: Path | None = PrivateAttr(default=None)
    _root: Path = PrivateAttr(default_factory=Path.cwd)
    _key_roots: dict[str, Path] = PrivateAttr(default_factory=dict)
    _extend_exclude_roots: list[Path] = PrivateAttr(default_factory=list)
    _gitignore: GitIgnore = PrivateAttr(default_factory=GitIgnore)
    _matchers: dict[tuple[str, str], Any] = PrivateAttr(default_factory=dict)
    """Compiled globs: built once per run, not once per file (settings do not change once
    loaded)."""

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
        """``ignored_codes_for`` as a function with everything compiled once (for many files:
        attribute access on a pydantic model is slow)."""
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
                    {rule.code for rule in select_rules(all_rules(), select=selectors)},
                )
                for pattern, selectors in self.per_file_ignores.items()
            ]
        return self._matchers[key]  # type: ignore[no-any-return]

    def _exclusion_matchers(self) -> tuple[GlobSet, GlobSet | None]:
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
            if self.include is not None:
                include_root = self._root_of("include")
                include = GlobSet([Glob.compile(p, include_root) for p in self.include])
            self._matchers[key] = (GlobSet(globs), include)
        return self._matchers[key]  # type: ignore[no-any-return]

    def is_excluded(self, path: str | os.PathLike[str]) -> bool:
        """Whether ``path`` (a file) is left out by include/exclude/extend-exclude or .gitignore.

        A file is excluded if it or a folder above it (inside the configuration's
        folder) matches ``exclude`` or ``extend-exclude``, if ``include`` is set
        and the file matches none of its globs, or if git ignores it.
        """
        return self.exclusion_test()(path)

    def exclusion_test(self) -> Callable[[str | os.PathLike[str]], bool]:
        """``is_excluded`` as a function with everything compiled once (for many files)."""
        exclude, include = self._exclusion_matchers()
        gitignore = self._gitignore if self.respect_gitignore else None
        root = self._root

        def excluded(path: str | os.PathLike[str]) -> bool:
            target = posix_absolute(path)
            if exclude.matches(target, components=True):
                return True
            if include is not None and not include.matches(target):
                return True
            return gitignore is not None and gitignore.ignores_posix(target, root)

        return excluded


# -- errors ------------------------------------------------------------------------------------

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_TYPE_MESSAGES = {
    "bool_type": "expected true or false",
    "string_type": "expected a string",
    "list_type": "expected a list",
    "dict_type": "expected a table",
}


def _key_path(prefix: str, loc: tuple[int | str, ...]) -> str:
    text = prefix
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            name = part if _BARE_KEY.fullmatch(part) else json.dumps(part)
            text += name if not text or text.endswith((".", "-")) else f".{name}"
    return text


def _allowed_keys() -> str:
    return ", ".join(
        sorted(info.alias or name for name, info in Configuration.model_fields.items())
    )


def _describe(error: ErrorDetails, prefix: str) -> str:
    loc = tuple(part for part in error["loc"] if part != "[key]")
    key = _key_path(prefix, loc)
    kind = error["type"]
    if kind == "extra_forbidden" and len(loc) == 1:
        return f"{key}: unknown key (allowed: {_allowed_keys()})"
    if kind == "value_error":
        message = error["msg"].removeprefix("Value error, ")
    elif kind in _TYPE_MESSAGES:
        message = f"{_TYPE_MESSAGES[kind]}, got {_toml_type(error['input'])}"
    else:
        message = error["msg"]
    return f"{key}: {message}"


def _toml_type(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _validation_message(source: str, prefix: str, exc: ValidationError) -> str:
    errors = exc.errors()
    message = f"{source}: {_describe(errors[0], prefix)}"
    if len(errors) > 1:
        message += f" (and {len(errors) - 1} more)"
    return message


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
    try:
        with path.open("rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{display_path(path)}: configuration file not found") from None
    except OSError as exc:
        raise ConfigError(f"{display_path(path)}: cannot read: {exc.strerror}") from None
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
    try:
        model = Configuration.model_validate(dict(raw))
    except ValidationError as exc:
        raise ConfigError(_validation_message(source, prefix, exc)) from None
    dumped = model.model_dump(by_alias=True, exclude_unset=True)
    return {key: dumped[key] for key in raw if key in dumped}


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
            if key in ("extend-select", "ignore"):
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
    settings = Configuration.model_validate(merged)
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
            schema = json.loads(settings.schema_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(
                f"{where}: file not found: {display_path(settings.schema_file)}"
            ) from None
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ConfigError(f"{where}: not a readable JSON file ({exc})") from None
        if not isinstance(schema, dict):
            raise ConfigError(f"{where}: expected a JSON Schema object")
        if isinstance(schema.get("properties"), dict):
            properties = set(schema["properties"])
    else:
        properties = _builtin_fields()
    if settings.dataset_fields:
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
    """Settings per checked file, for runs over folders with configurations of their own.

    With an explicit file or ``isolated``, every path gets the same settings;
    otherwise each path gets the settings of the configuration file closest to
    it (loaded once per file, with the same overrides on top).
    """

    def __init__(
        self,
        config: str | os.PathLike[str] | None = None,
        isolated: bool = False,
        overrides: Mapping[str, Any] | None = None,
    ) -> None:
        self._overrides = dict(overrides or {})
        self._fixed: Configuration | None = None
        if config is not None or isolated:
            self._fixed = load_settings(config, isolated, self._overrides)
        self._by_folder: dict[Path, Path | None] = {}
        self._by_file: dict[Path | None, Configuration] = {}

    def for_path(self, path: str | os.PathLike[str]) -> Configuration:
        if self._fixed is not None:
            return self._fixed
        target = absolute(path)
        folder = target if target.is_dir() else target.parent
        if folder not in self._by_folder:
            self._by_folder[folder] = find_config(folder)
        found = self._by_folder[folder]
        if found not in self._by_file:
            self._by_file[found] = (
                load_settings(found, False, self._overrides)
                if found is not None
                else load_settings(None, True, self._overrides)
            )
        return self._by_file[found]


# -- the JSON Schema for editors ---------------------------------------------------------------


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the configuration, as shipped in ``schemas/config.schema.json``."""
    return Configuration.model_json_schema(by_alias=True)


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def default_schema_path() -> Path:
    return Path(__file__).resolve().parent.parent / "schemas" / SCHEMA_FILE


def main(argv: Sequence[str] | None = None) -> int:
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
