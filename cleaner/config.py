"""Configuration: one immutable object, built from defaults, `[tool.cleaner]` and flags.

Rules are switched by id (`enable`, `disable`); rule options live under their rule id, so
`[tool.cleaner.rules.copyright-footer] phrases = [...]` reaches exactly one rule.
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import pathspec

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

if TYPE_CHECKING:
    from cleaner.rules.base import Rule

#: Files that are articles (plain prose), so the boilerplate rules apply to them. Markdown,
#: reStructuredText, HTML and source code carry structure where a "Related" heading or a
#: copyright line is content, so only the repairs touch them unless the user lists them here.
#: Text files of a software project are no articles either: a licence is its copyright lines,
#: and requirements or package metadata are lists of names.
DEFAULT_ARTICLES: tuple[str, ...] = (
    "*.txt",
    "*.text",
    "*.TXT",
    *(f"!{name}*" for name in ("LICENSE", "LICENCE", "COPYING", "NOTICE", "AUTHORS")),
    *(f"!{name}*" for name in ("license", "licence", "copying", "notice", "authors")),
    "!requirements*.txt",
    "!constraints*.txt",
    "!CMakeLists.txt",
    "!robots.txt",
    "!*.dist-info/**",
    "!*.egg-info/**",
)


@dataclass(frozen=True, slots=True)
class Config:
    """Everything that changes what cleaner does to a text.

    - `enable` / `disable`: rule ids switched on (opt-in rules) or off.
    - `rule_options`: per-rule options keyed by rule id, e.g. extra boilerplate phrases;
      checked and normalised when the Config is made (see `check_rule_options`), so a
      mistake raises ValueError here, not in the middle of a run.
    - `include` / `exclude`: gitignore-style patterns for directory walks, matched against
      paths relative to the configuration file's folder (see `cleaner.files.iter_sources`).
    - `articles`: patterns of files treated as articles (boilerplate rules apply), matched
      the same way.
    - `boilerplate`: "auto" (articles only), "always" or "never".
    - `output_encoding`: the encoding clean files are written in (a Python codec name,
      normalised by `codecs.lookup`); "utf-8" by default.
    """

    enable: frozenset[str] = frozenset()
    disable: frozenset[str] = frozenset()
    rule_options: Mapping[str, Mapping[str, object]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    articles: tuple[str, ...] = DEFAULT_ARTICLES
    boilerplate: str = "auto"
    output_encoding: str = "utf-8"

    def __post_init__(self) -> None:
        # Rule options are checked once, here, however the Config is made (a file, the
        # library): rules trust what `options_for` gives them.
        if self.rule_options:
            from cleaner.rules import RULES_BY_ID  # the rule table imports this module

            checked = check_rule_options(self.rule_options, RULES_BY_ID)
            object.__setattr__(self, "rule_options", checked)

    def rule_enabled(self, rule_id: str, default: bool) -> bool:
        if rule_id in self.disable:
            return False
        return default or rule_id in self.enable

    def options_for(self, rule_id: str, defaults: Mapping[str, object]) -> dict[str, object]:
        """The rule's default options overlaid with what the user configured."""
        merged = dict(defaults)
        merged.update(self.rule_options.get(rule_id, {}))
        return merged


DEFAULT_CONFIG = Config()


# --- loading ------------------------------------------------------------------------------

#: The files `load_config` looks for in each folder, most specific first. In `.cleaner.toml`
#: the keys are at the top level; in `pyproject.toml` they live under `[tool.cleaner]`.
CONFIG_FILES: tuple[str, ...] = (".cleaner.toml", "pyproject.toml")

BOILERPLATE_MODES: tuple[str, ...] = ("auto", "always", "never")
_PATTERN_KEYS = ("include", "exclude", "articles")
_KEYS = ("enable", "disable", *_PATTERN_KEYS, "boilerplate", "output-encoding", "rules")


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""


class OptionError(ValueError):
    """A rule option's value that the rule cannot use (raised by `Rule.validate`).

    `option` names the option; the message says what is allowed.
    """

    def __init__(self, option: str, message: str) -> None:
        super().__init__(message)
        self.option = option


def load_config(start: Path) -> tuple[Config, Path | None]:
    """Find and read the configuration that applies in folder `start`.

    From `start` upwards, the first folder with a `.cleaner.toml`, or a `pyproject.toml`
    that has a `[tool.cleaner]` table, wins (a `pyproject.toml` without one is passed
    over). Returns the default `Config` and None when there is none.
    """
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_FILES:
            path = candidate / name
            if not path.is_file():
                continue
            table = _read_table(path)
            if table is not None:
                return config_from_table(table, path), path
    return DEFAULT_CONFIG, None


def read_config_file(path: Path) -> Config:
    """Read one configuration file named by the user (`--config FILE`).

    A file named `pyproject.toml` is read from its `[tool.cleaner]` table (none: defaults),
    any other file from its top level, as `.cleaner.toml` is.
    """
    table = _read_table(path)
    return config_from_table(table or {}, path)


def _read_table(path: Path) -> dict[str, Any] | None:
    """The cleaner table of `path`, or None for a pyproject.toml without one."""
    try:
        with path.open("rb") as fh:
            data: dict[str, Any] = tomllib.load(fh)
    except OSError as exc:
        msg = f"{path}: cannot read configuration: {exc.strerror or exc}"
        raise ConfigError(msg) from exc
    except tomllib.TOMLDecodeError as exc:
        msg = f"{path}: invalid TOML: {exc}"
        raise ConfigError(msg) from exc
    if path.name != "pyproject.toml":
        return data
    tool = data.get("tool", {})
    table = tool.get("cleaner") if isinstance(tool, dict) else None
    if table is None:
        return None
    if not isinstance(table, dict):
        msg = f"{path}: [tool.cleaner] must be a table"
        raise ConfigError(msg)
    return table


def config_from_table(table: Mapping[str, Any], path: Path) -> Config:
    """Validate a parsed `[tool.cleaner]` table and build the `Config` it describes.

    Raises `ConfigError` naming `path`, the key and what is allowed for anything unknown
    or of the wrong type: a typo must not silently switch a rule back on.
    """
    from cleaner.rules import RULES_BY_ID  # the rule table imports this module

    where = "[tool.cleaner]" if path.name == "pyproject.toml" else "the top level"
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _KEYS:
            msg = f"{path}: unknown key {key!r} in {where}; allowed keys: {', '.join(_KEYS)}"
            raise ConfigError(msg)
        if key in ("enable", "disable"):
            ids = _strings(value, path, key)
            unknown = [rule_id for rule_id in ids if rule_id not in RULES_BY_ID]
            if unknown:
                msg = (
                    f"{path}: {key}: unknown rule id {unknown[0]!r}; "
                    f"known rules: {', '.join(RULES_BY_ID)}"
                )
                raise ConfigError(msg)
            values[key] = frozenset(ids)
        elif key in _PATTERN_KEYS:
            values[key] = _patterns(value, path, key)
        elif key == "boilerplate":
            if value not in BOILERPLATE_MODES:
                msg = (
                    f"{path}: boilerplate = {value!r} is not allowed; "
                    f"use one of {', '.join(map(repr, BOILERPLATE_MODES))}"
                )
                raise ConfigError(msg)
            values[key] = value
        elif key == "output-encoding":
            try:
                values["output_encoding"] = check_encoding(value)
            except ValueError as exc:
                msg = f"{path}: output-encoding = {value!r}: {exc}"
                raise ConfigError(msg) from exc
        else:
            values["rule_options"] = _rule_options(value, path, RULES_BY_ID)
    return replace(DEFAULT_CONFIG, **values)


def check_encoding(name: object) -> str:
    """`name` as the canonical name of a text codec ("UTF8" -> "utf-8"), or ValueError.

    >>> check_encoding("GB18030"), check_encoding("utf_8")
    ('gb18030', 'utf-8')
    """
    if not isinstance(name, str):
        msg = "must be a string naming a text encoding, such as 'utf-8' or 'gb18030'"
        raise ValueError(msg)
    try:
        info = codecs.lookup(name)
        "".encode(info.name)  # bytes-to-bytes codecs (base64, zlib) fail here
    except LookupError:
        msg = (
            "is not a text encoding Python knows; use a codec name such as "
            "'utf-8', 'gb18030', 'big5' or 'utf-16'"
        )
        raise ValueError(msg) from None
    return info.name


def _strings(value: object, path: Path, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        msg = f"{path}: {key} must be a list of strings, not {value!r}"
        raise ConfigError(msg)
    return tuple(value)


def _patterns(value: object, path: Path, key: str) -> tuple[str, ...]:
    patterns = _strings(value, path, key)
    try:
        compile_patterns(patterns)
    except ValueError as exc:
        msg = f"{path}: {key}: invalid gitignore-style pattern: {exc}"
        raise ConfigError(msg) from exc
    return patterns


def _rule_options(
    value: object, path: Path, rules: Mapping[str, Rule]
) -> Mapping[str, Mapping[str, object]]:
    if not isinstance(value, dict):
        msg = f"{path}: rules must be a table of [rules.<rule-id>] tables"
        raise ConfigError(msg)
    try:
        return check_rule_options(value, rules)
    except ValueError as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def check_rule_options(
    options: Mapping[str, Mapping[str, object]], rules: Mapping[str, Rule]
) -> Mapping[str, Mapping[str, object]]:
    """`options` checked against the rules' declared options, normalised (arrays to tuples).

    Each option must be one the rule declares, of its default's type and among its
    `choices`; then the rule's `validate` hook checks what only the rule knows (a regular
    expression compiles, a share lies between 0 and 1). Raises ValueError naming
    `rules.<rule-id>.<option>` and what is allowed.
    """
    checked_options: dict[str, Mapping[str, object]] = {}
    for rule_id, table in options.items():
        if rule_id not in rules:
            msg = f"rules.{rule_id}: unknown rule id; known rules: {', '.join(rules)}"
            raise ValueError(msg)
        if not isinstance(table, Mapping):
            msg = f"rules.{rule_id} must be a table of options"
            raise ValueError(msg)
        rule = rules[rule_id]
        defaults = rule.options
        checked: dict[str, object] = {}
        for name, option in table.items():
            if name not in defaults:
                allowed = ", ".join(defaults) or "none (this rule has no options)"
                msg = f"rules.{rule_id}: unknown option {name!r}; options: {allowed}"
                raise ValueError(msg)
            where = f"rules.{rule_id}.{name}"
            checked[name] = _option_value(option, defaults[name], where)
            allowed_values = rule.choices.get(name)
            if allowed_values is not None and checked[name] not in allowed_values:
                listed = ", ".join(map(str, allowed_values))
                msg = f"{where}: {checked[name]!r} is not allowed; choose one of: {listed}"
                raise ValueError(msg)
        if rule.validate is not None:
            try:
                rule.validate({**defaults, **checked})
            except OptionError as exc:
                msg = f"rules.{rule_id}.{exc.option}: {exc}"
                raise ValueError(msg) from exc
        checked_options[rule_id] = MappingProxyType(checked)
    return MappingProxyType(checked_options)


def _option_value(value: object, default: object, where: str) -> object:
    """`value` converted to the type of the option's default, or a ValueError.

    Arrays (TOML arrays are lists; the library may pass tuples) become tuples when the
    default is a tuple (options stay immutable), and their items must have the type of the
    default's items.
    """
    if default is None:
        return value
    if isinstance(default, (tuple, list, frozenset)):
        item_types = {type(item) for item in default}
        if not isinstance(value, (list, tuple)) or (
            item_types and not all(type(item) in item_types for item in value)
        ):
            kinds = " or ".join(sorted(t.__name__ for t in item_types)) or "any"
            msg = f"{where} must be a list (of {kinds}), not {value!r}"
            raise ValueError(msg)
        return type(default)(value)
    if type(default) is float and type(value) is int:
        return float(value)  # TOML writes 3 for 3.0
    if type(value) is not type(default):  # exact: a bool is not accepted for an int
        msg = f"{where} must be {type(default).__name__}, not {value!r}"
        raise ValueError(msg)
    return value


def compile_patterns(patterns: Iterable[str]) -> pathspec.GitIgnoreSpec:
    """Gitignore-style patterns as one matcher (`spec.match_file("a/b.txt")`)."""
    return pathspec.GitIgnoreSpec.from_lines(patterns)
