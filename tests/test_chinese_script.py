"""chinese-script: opt-in Traditional/Simplified conversion with OpenCC."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import Config, clean_text, replay
from cleaner.cli import main

ON = frozenset({"chinese-script"})


def test_off_by_default() -> None:
    # Converting scripts changes correct text: it must never happen unless asked.
    assert clean_text("區域發展").text == "區域發展"


@pytest.mark.parametrize(
    ("conversion", "text", "expected"),
    [
        # phrase-aware: 乾燥 -> 干燥, 頭髮 -> 头发 (not 头發)
        ("t2s", "乾燥的頭髮，區域發展。", "干燥的头发，区域发展。"),
        # Simplified to Taiwan Traditional with Taiwanese phrases
        ("s2twp", "鼠标与软件", "滑鼠與軟體"),
        ("s2t", "区域发展\r\n", "區域發展\r\n"),
    ],
)
def test_converts(conversion: str, text: str, expected: str) -> None:
    config = Config(enable=ON, rule_options={"chinese-script": {"conversion": conversion}})
    result = clean_text(text, config)
    assert result.text == expected
    assert {c.rule for c in result.changes} == {"chinese-script"}
    assert replay(result.original, result.changes) == result.text
    assert clean_text(result.text, config).changes == ()  # converting twice changes nothing


def test_records_only_the_converted_characters() -> None:
    result = clean_text("在區域內，ABC 123。", Config(enable=ON))
    assert [(c.before, c.after) for c in result.changes] == [("區", "区"), ("內", "内")]


def test_text_without_han_is_untouched() -> None:
    text = "Plain English, “quotes”, 한국어.\n"
    assert clean_text(text, Config(enable=ON)).changes == ()


def test_bad_conversion_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".cleaner.toml").write_text(
        'enable = ["chinese-script"]\n[rules.chinese-script]\nconversion = "t2x"\n'
    )
    (tmp_path / "a.txt").write_text("區域")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["clean", "a.txt", "--check"])
    assert result.exit_code == 2
    assert "rules.chinese-script.conversion" in result.stderr
    assert "t2s" in result.stderr  # the message lists what is allowed
