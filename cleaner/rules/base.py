"""The shapes every rule shares: the `Rule` record and the `Context` a rule is given."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from types import MappingProxyType

from cleaner.config import Config
from cleaner.model import Edit, Flag


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may know besides the text: configuration and where the text came from.

    `article` tells whether the text is prose for the boilerplate rules (see
    `Config.articles`). `corpus` maps normalised lines to the number of files of the current
    run that contain them, for rules that look across files (`repeated-lines`);
    `corpus_files` is how many files were counted.

    `kept_lines` are the spans (line ending included) of the lines marked `cleaner: skip` in
    the text the rule is given; the pipeline sets them for each rule. A rule that removes
    whole lines plans around them: a marked line is kept, and blank lines and line endings
    around it are decided with it kept (the pipeline would drop an edit touching it, and
    the rule's other edits must still fit together without it).
    """

    config: Config
    path: PurePath | None = None
    article: bool = True
    corpus: Mapping[str, int] | None = None
    corpus_files: int = 0
    kept_lines: tuple[tuple[int, int], ...] = ()

    def options(self, rule_id: str) -> dict[str, object]:
        """The options of rule `rule_id`: its defaults overlaid with the user's."""
        from cleaner.rules import RULES_BY_ID

        return self.config.options_for(rule_id, RULES_BY_ID[rule_id].options)


RuleFunc = Callable[[str, Context], Iterable[Edit | Flag]]
#: Checks a rule's options (defaults overlaid with the user's); raises `OptionError`.
OptionsCheck = Callable[[Mapping[str, object]], None]


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule.

    `example` is a (before, after) pair shown by `cleaner rules`; a test checks that the rule
    really turns one into the other. `articles_only` rules (boilerplate) run only on articles.
    `options` are the defaults of the rule's options (a user's value must have the default's
    type); `choices` lists the allowed values of an option where only some are valid.
    `validate` checks the rest once, when the configuration is made (`Config` runs it with
    the rule's defaults overlaid with the user's options): it raises
    `cleaner.config.OptionError` naming the option and what is allowed. A rule may then
    trust `Context.options`.
    """

    id: str
    func: RuleFunc
    summary: str
    example: tuple[str, str]
    default: bool = True
    articles_only: bool = False
    options: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))
    choices: Mapping[str, tuple[object, ...]] = field(default_factory=lambda: MappingProxyType({}))
    validate: OptionsCheck | None = None
