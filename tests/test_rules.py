"""The rule table: every rule's example is real, and `cleaner rules` lists every rule.

Parametrised over `RULES`, so a rule added later is held to the same: its `example` must be
a (before, after) pair the rule really produces when it runs alone.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from one_rule import clean_alone

from cleaner.cli import main
from cleaner.rules import RULES, Rule


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_each_rule_example_is_what_the_rule_does(rule: Rule) -> None:
    before, after = rule.example
    result = clean_alone(rule, before)
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
