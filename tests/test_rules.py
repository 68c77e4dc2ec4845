"""The rule table: every rule's example is real, and `cleaner rules` lists every rule.

Parametrised over `RULES`, so a rule added later is held to the same: its `example` must be
a (before, after) pair the rule really produces when it runs alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pytest
from click.testing import CliRunner

from cleaner import Config, clean_text
from cleaner.cli import main
from cleaner.rules import RULES, Rule


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


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_each_rule_example_is_what_the_rule_does(rule: Rule) -> None:
    before, after = rule.example
    files = 100
    result = clean_text(before, alone(rule), corpus=Everywhere(files), corpus_files=files)  # type: ignore[arg-type]
    assert result.text == after
    assert before == after or {c.rule for c in result.changes} == {rule.id}


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_each_rule_example_changes_something(rule: Rule) -> None:
    before, after = rule.example
    assert before != after, "an example shows what the rule does: before and after differ"


def test_cleaner_rules_lists_every_rule_in_order() -> None:
    runner = CliRunner()
    result = runner.invoke(
        main, ["rules", "--no-color"], env={"COLUMNS": "200"}, catch_exceptions=False
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    positions = []
    for rule in RULES:
        row = next(i for i, line in enumerate(lines) if line.startswith(rule.id + " "))
        positions.append(row)
        default = "on" if rule.default else "off"
        assert lines[row].split()[1] == default
    assert positions == sorted(positions)
    assert "cafÃ© → café" in result.stdout  # latin-mojibake's example
    assert "<BOM>Hello → Hello" in result.stdout  # a BOM made visible
