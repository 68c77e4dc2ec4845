"""chinese-script: opt-in Traditional/Simplified conversion with OpenCC."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import Config, clean_text, replay
from cleaner.cli import main
from cleaner.rules.chinese_script import changed_spans

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


ACCEPTANCE = Path(__file__).resolve().parent.parent / "fixtures" / "acceptance" / "expected"


def one_line(*numbers: str) -> str:
    """Acceptance articles with their line breaks removed: a whole article on one line."""
    paths = sorted(p for p in ACCEPTANCE.glob("*.txt") if p.name[:3] in numbers)
    return "".join(p.read_text(encoding="utf-8").replace("\n", "") for p in paths)


@pytest.mark.parametrize(
    ("conversion", "line"),
    [
        ("t2s", one_line("001", "002") * 2),  # 40k characters, the length is kept
        ("s2twp", one_line("000", "003", "004") * 2),  # Taiwanese phrases change the length
    ],
)
def test_long_line_gives_small_records(conversion: str, line: str) -> None:
    # Review item 6: long lines are aligned piece by piece (not difflib on the whole line),
    # and the records still show only what changed: each begins and ends with a change.
    import opencc

    config = Config(enable=ON, rule_options={"chinese-script": {"conversion": conversion}})
    result = clean_text(line, config)
    assert result.text == opencc.OpenCC(conversion).convert(line)
    assert replay(result.original, result.changes) == result.text
    assert len(result.changes) > 1000
    for c in result.changes:
        assert len(c.before) <= 12
        if c.before and c.after:
            assert c.before[0] != c.after[0]
            assert c.before[-1] != c.after[-1]


def test_long_piece_without_punctuation_is_one_record() -> None:
    # A piece longer than MAX_ALIGNED that changes length is not aligned: one record from its
    # first change to its last; the next piece has its own records.
    config = Config(enable=ON, rule_options={"chinese-script": {"conversion": "s2twp"}})
    result = clean_text("把U盘插上" * 200 + "，打开软件。", config)
    assert result.text == "把隨身碟插上" * 200 + "，開啟軟體。"
    first, *rest = result.changes
    assert first.before == ("U盘插上把" * 200)[:-3]  # from the first U盘 to the last
    assert [(c.before, c.after) for c in rest] == [("打开软件", "開啟軟體")]


def test_changed_spans_group_adjacent_characters() -> None:
    # A length-keeping conversion is compared character by character; neighbours join.
    assert list(changed_spans("乾燥的頭髮", "干燥的头发")) == [(0, 1, 0, 1), (3, 5, 3, 5)]


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
