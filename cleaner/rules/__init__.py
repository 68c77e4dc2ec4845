"""The rule table: every rule, in the order the pipeline runs them.

A rule is a small documented function `(text, ctx) -> Iterable[Edit | Flag]`. It finds its
candidates with one cheap scan (a compiled regex or a set lookup) and does expensive work only
there, because every character of every file passes through every enabled rule. It never edits
the text itself; the pipeline applies what it yields and records the change.

The order matters and is explained where it is not obvious:
- the decoding repairs (BOM, undecodable byte runs) come first;
- GBK-read-as-Latin-1 must run before ftfy, which makes that family worse;
- the CJK mojibake repairs run before the HTML and pinyin rules, because a repaired run often
  restores the "<" of a tag or the "(" of a ruby annotation it had swallowed;
- boilerplate removal comes last, on repaired text.
"""

from __future__ import annotations

from cleaner.config import Config
from cleaner.rules import (
    boilerplate,
    chinese_script,
    cjk_mojibake,
    gbk_shift,
    html,
    latin,
    ruby,
    text,
)
from cleaner.rules.base import Context, Rule, RuleFunc

__all__ = ["RULES", "RULES_BY_ID", "Context", "Rule", "RuleFunc", "enabled_rules"]


RULES: tuple[Rule, ...] = (
    *text.RULES,  # bom, broken-utf8
    *cjk_mojibake.BEFORE_FTFY,  # gbk-as-latin1: ftfy would make these runs worse
    *latin.RULES,  # latin-mojibake
    *cjk_mojibake.AFTER_FTFY,  # utf8-as-gbk, big5-as-gbk, gbk-as-big5
    *gbk_shift.RULES,  # gbk-shifted: before html-tags and pinyin-ruby, see above
    *html.RULES,  # html-tags, html-entities
    *ruby.RULES,  # pinyin-ruby
    *chinese_script.RULES,  # chinese-script (opt-in OpenCC conversion)
    *boilerplate.RULES,  # line removals, last
)
RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}


def enabled_rules(config: Config, *, article: bool) -> list[Rule]:
    """The rules that run for a text, in pipeline order."""
    return [
        rule
        for rule in RULES
        if config.rule_enabled(rule.id, rule.default)
        and (not rule.articles_only or _boilerplate_applies(config, article))
    ]


def _boilerplate_applies(config: Config, article: bool) -> bool:
    if config.boilerplate == "always":
        return True
    if config.boilerplate == "never":
        return False
    return article
