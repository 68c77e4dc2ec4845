"""The README stays in step with the rule table and with CI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cleaner.rules import RULES

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("rule_id", [rule.id for rule in RULES])
def test_every_rule_is_listed_in_the_readme(rule_id: str) -> None:
    assert f"| `{rule_id}` |" in README


def _shell_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL)


def test_ci_runs_exactly_the_readme_test_command() -> None:
    (command,) = [
        line for block in _shell_blocks() for line in block.splitlines() if "pytest" in line
    ]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert command in ci.splitlines()


def test_readme_example_command_cleans_the_shipped_examples() -> None:
    (command,) = [
        line
        for block in _shell_blocks()
        for line in block.splitlines()
        if "pip install" in line and " --out " in line
    ]
    assert "cleaner clean fixtures/acceptance/input --out " in command
    assert (REPO / "fixtures" / "acceptance" / "input").is_dir()


def test_the_library_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    block = re.findall(r"^```python\n(.*?)```", README, flags=re.DOTALL | re.MULTILINE)[0]
    monkeypatch.chdir(tmp_path)
    article = "北京市今天发布了新的防疫措施，要求居民配合。&nbsp;再见\n"
    (tmp_path / "article.txt").write_bytes(article.encode("gb18030"))
    exec(compile(block, "README.md", "exec"), {"text": "cafÃ©"})
    written = (tmp_path / "clean.txt").read_text(encoding="utf-8")
    assert written == article.replace("&nbsp;", " ")
