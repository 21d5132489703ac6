"""The pydantic model of the configuration: validation of a table, and the JSON Schema for editors.

``newslint.config`` imports this module only when there is something to validate
(a configuration file's table, command-line or ``Settings(...)`` values) or a
schema to print: pydantic and building the model cost a tenth of a second, which
a check without a configuration file does not pay.  The model's defaults are those
of ``newslint.config.Configuration`` (a test keeps them in step).  This module does
not import ``newslint.config``: errors come out as ``TableError`` (where and what),
which ``newslint.config`` turns into a ``ConfigError`` naming the file and the key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import ErrorDetails

from newslint import pickled_by_name
from newslint.config_globs import DEFAULT_EXCLUDE, DEFAULT_INCLUDE, GlobError, compile_glob
from newslint.registry import all_rules, find_rule
from newslint.rule import CODE_PATTERN
from newslint.selection import SelectionError, select_rules

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


class ConfigurationModel(BaseModel):
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
        description="Check only files matching these globs when walking folders (default: "
        "every file newslint reads: " + ", ".join(DEFAULT_INCLUDE) + ", in any case).",
    )
    extend_include: list[GlobPattern] = Field(
        default_factory=list,
        alias="extend-include",
        description="Files to check in addition to `include` (when `include` is set).",
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
    force_exclude: bool = Field(
        default=False,
        alias="force-exclude",
        description="Leave out excluded files (and files newslint does not read) even when "
        "they are named on the command line, as pre-commit names them (also --force-exclude).",
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
    site_key: str = Field(
        default="domain",
        alias="site-key",
        pattern=r"^(?:domain|host|field:[A-Za-z_][\w.-]*|path:[1-9])$",
        description="What makes articles pages of one site, for the site-aware rules (NL408): "
        "the url's registered domain, its host, field:NAME (a field's value) or path:N (the "
        "host and the url's first N path segments).",
    )
    site_profile_: str | None = Field(
        default=None,
        alias="site-profile",
        description="A site profile written by `newslint learn` (relative to this file): the "
        "site-aware rules read what it learned instead of learning from the checked files, "
        "so that a check of a few files finds what a check of the whole corpus finds.",
    )
    rule_options: dict[RuleCode, dict[str, Any]] = Field(
        default_factory=dict,
        alias="rules",
        description="Per-rule options: a table per rule code, e.g. [tool.newslint.rules.NL401].",
        json_schema_extra={"propertyNames": {"pattern": "^[Nn][Ll][0-6][0-9]{2}$"}},
    )


class TableError(ValueError):
    """A table that does not validate: the first problem (``loc``, the key's parts, and
    ``message``) and how many problems there are (``count``)."""

    def __init__(self, loc: tuple[int | str, ...], message: str, count: int) -> None:
        super().__init__(message)
        self.loc = loc
        self.message = message
        self.count = count


def validate_table(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The keys ``raw`` sets (TOML keys), validated and normalised (selectors stripped, rule
    codes in upper case); ``TableError`` if they do not validate."""
    try:
        model = ConfigurationModel.model_validate(dict(raw))
    except ValidationError as exc:
        errors = exc.errors()
        loc, message = _describe(errors[0])
        raise TableError(loc, message, len(errors)) from None
    dumped = model.model_dump(by_alias=True, exclude_unset=True)
    return {key: dumped[key] for key in raw if key in dumped}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the configuration, as shipped in ``schemas/config.schema.json``."""
    return ConfigurationModel.model_json_schema(by_alias=True)


# -- errors ------------------------------------------------------------------------------------

_TYPE_MESSAGES = {
    "bool_type": "expected true or false",
    "string_type": "expected a string",
    "list_type": "expected a list",
    "dict_type": "expected a table",
}


def _allowed_keys() -> str:
    return ", ".join(
        sorted(info.alias or name for name, info in ConfigurationModel.model_fields.items())
    )


def _describe(error: ErrorDetails) -> tuple[tuple[int | str, ...], str]:
    loc = tuple(part for part in error["loc"] if part != "[key]")
    kind = error["type"]
    if kind == "extra_forbidden" and len(loc) == 1:
        return loc, f"unknown key (allowed: {_allowed_keys()})"
    if kind == "value_error":
        message = error["msg"].removeprefix("Value error, ")
    elif kind in _TYPE_MESSAGES:
        message = f"{_TYPE_MESSAGES[kind]}, got {_toml_type(error['input'])}"
    else:
        message = error["msg"]
    return loc, message


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


pickled_by_name(__name__)  # pickles as its name (dill, HF datasets: see newslint/__init__.py)
