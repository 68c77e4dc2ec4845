"""Configuration: one immutable object, built from defaults, `[tool.cleaner]` and flags.

Rules are switched by id (`enable`, `disable`); rule options live under their rule id, so
`[tool.cleaner.rules.copyright-footer] phrases = [...]` reaches exactly one rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

#: Files that are articles (plain prose), so the boilerplate rules apply to them. Markdown,
#: reStructuredText, HTML and source code carry structure where a "Related" heading or a
#: copyright line is content, so only the repairs touch them unless the user lists them here.
DEFAULT_ARTICLES: tuple[str, ...] = ("*.txt", "*.text", "*.TXT")


@dataclass(frozen=True, slots=True)
class Config:
    """Everything that changes what cleaner does to a text.

    - `enable` / `disable`: rule ids switched on (opt-in rules) or off.
    - `rule_options`: per-rule options keyed by rule id, e.g. extra boilerplate phrases.
    - `include` / `exclude`: gitignore-style patterns for directory walks.
    - `articles`: patterns of files treated as articles (boilerplate rules apply).
    - `boilerplate`: "auto" (articles only), "always" or "never".
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
