"""Running one rule by itself, as the tests over the whole rule table do (test_rules.py,
test_pragma.py): every rule, on its own example, with nothing else changing the text."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from cleaner import Config, Result, clean_text
from cleaner.rules import RULES, Context, Rule

#: Files in the corpus `clean_alone` gives a rule.
FILES = 100


class Everywhere(Mapping[str, int]):
    """A corpus in which every line stands in every file: what a rule that looks across the
    files of a run (`repeated-lines`) sees for lines repeated throughout a site."""

    def __init__(self, files: int) -> None:
        self.files = files

    def __getitem__(self, key: str) -> int:
        return self.files

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def alone(rule: Rule) -> Config:
    """A configuration that runs `rule` and no other, on any text (boilerplate always)."""
    others = frozenset(r.id for r in RULES if r.id != rule.id)
    return Config(enable=frozenset({rule.id}), disable=others, boilerplate="always")


def clean_alone(rule: Rule, text: str) -> Result:
    """`text` cleaned by `rule` alone, every line counted in every file of the corpus."""
    return clean_text(text, alone(rule), corpus=Everywhere(FILES), corpus_files=FILES)


def context_alone(rule: Rule) -> Context:
    """The context `clean_alone` gives the rule, for calling `rule.func` directly."""
    return Context(alone(rule), None, True, Everywhere(FILES), FILES)
