"""`pinyin-ruby`: converter ruby remnants go, teaching pinyin and other parentheses stay."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import clean_bytes
from cleaner.config import DEFAULT_CONFIG
from cleaner.model import Edit, Flag, apply_edits
from cleaner.rules import RULES_BY_ID
from cleaner.rules.base import Context
from cleaner.rules.ruby import CANDIDATE_RE, find_annotations, judge, remove_pinyin_ruby

ROOT = Path(__file__).resolve().parent.parent
ACCEPTANCE = ROOT / "fixtures" / "acceptance"
FIXTURES = ROOT / "fixtures" / "pinyin-ruby"
CTX = Context(DEFAULT_CONFIG)


def run(text: str) -> tuple[str, list[Edit], list[Flag]]:
    """The rule alone: its output text, edits and flags."""
    items = list(remove_pinyin_ruby(text, CTX))
    edits = [i for i in items if isinstance(i, Edit)]
    flags = [i for i in items if isinstance(i, Flag)]
    return apply_edits(text, edits), edits, flags


NOOP = [
    # a parenthesised Han word: 000 l.2
    "疫情發生以來,各社区(村)严格落实防控措施。",
    # a position note in a caption: 000 l.17
    "来自西江产业新城管委会的党员赵庆和(右一)来到小区查看防疫工作落实情况。",
    # an English gloss is not a reading
    "我喜歡吃蘋果(apple)和香蕉(banana)。",
    # teaching text: word-level glosses after whole words
    "课文：你好(nǐ hǎo)！我叫王小明(Wáng Xiǎomíng)。再见(zàijiàn)！",
    # a Han gloss after a Latin name
    "Python(编程语言)是一种解释型语言。",
    # "xíng" is not a reading of 好
    "這本書很好(xíng)看。",
    # toneless "zhong" matches no reading: only neutral-tone readings may be written bare
    "中(zhong)國",
    # English text with parentheses
    "The results (see Table 2) were (mostly) positive (n = 12).",
    # a list of options after a Han character
    "請從選項(a)(b)(c)中選一個。",
    # a Han alternative inside parentheses: 001 l.11
    "小區(片區)內秩序維持、小區卡口值守",
    # a legitimate gloss of a rare place name in the news: one annotation, not a converter's
    "安徽亳(bó)州举办第三十八届中药材交易会。",
    # a dictionary entry list: standalone headwords
    "行(xíng):走。如:行走。\n行(háng):行列。如:銀行。\n會(kuài):總計。如:會計。",
    # a poem with pinyin on every character
    "床(chuáng)前(qián)明(míng)月(yuè)光(guāng)，疑(yí)是(shì)地(dì)上(shàng)霜(shuāng)。",
    # a polyphone lesson: 长 annotated at half of its uses, with two readings
    "“长(zhǎng)大”的“长”和“长(cháng)短”的“长”读音不同。",
    # a children's reader glossing a hard word wherever it occurs: not converter characters
    "小蝌(kē)蚪(dǒu)游啊游，小蝌(kē)蚪(dǒu)要去找妈妈。",
    # pinyin after a space is written by people, not left by a converter
    "你好 (nǐ hǎo)",
    # mojibake runs carry pinyin fragments not preceded by "(" + Han: 001 l.2, l.6, l.9
    "凝心聚力抗疫情 共克時艱勇?lián)?/strong>",
    "10月17日凌晨?jì)牲c(diǎn)半",
    "她擦干?!拔壹液⒆右呀?jīng)11歲了",
    # 002 l.14: the trail byte of 區 shows as "^"
    "焦急地說?!拔沂巧鐓^(qū)的工作人員",
    # digits and Latin letters in parentheses after Han: not pinyin
    "第(1)條、附件(A2)、卡拉OK(karaoke)",
    # nothing to find at all
    "",
]


@pytest.mark.parametrize("text", NOOP)
def test_noop(text: str) -> None:
    out, edits, flags = run(text)
    assert out == text
    assert edits == []
    assert flags == []


EXPECTED = [
    # the plain remnant
    ("區(qū)域靜態(tài)管理", "區域靜態管理"),
    # a stray space before ")": 001 l.6
    ("召開(kāi)緊急疫情防控部署會(huì )議,會(huì )后", "召開緊急疫情防控部署會議,會后"),
    # fullwidth parentheses
    ("推動（dòng）經濟發（fā）展", "推動經濟發展"),
    # ü, and "v" for ü, among converter characters
    ("堅持綠(lǜ)色發(fā)展,推動(dòng)綠(lv4)色轉型", "堅持綠色發展,推動綠色轉型"),
    # upper case
    ("召開(KĀI)會(HUÌ)議", "召開會議"),
    # tone digits
    ("時(shi2)間、會(hui4)議", "時間、會議"),
    # not NFC: combining tone marks
    ("召開(ka\u0304i)會(hui\u0300)議", "召開會議"),
    # a word-level gloss in a remnant document
    ("部署區域(qūyù)發(fā)展工作,召開(kāi)會(huì )議。", "部署區域發展工作,召開會議。"),
    # a word-level gloss with a space between the syllables
    ("推動(dòng)經濟發展(fā zhǎn),召開(kāi)會(huì )議。", "推動經濟發展,召開會議。"),
    # a neutral-tone reading written without tone
    ("看著(zhe)網(wǎng)上的消息", "看著網上的消息"),
    # the outer parentheses stay: 002 l.3
    ("近3000個(gè)村(社區(qū))網(wǎng)格", "近3000個村(社區)網格"),
    # "(返)" stays: 001 l.22
    ("為外地來(lái)(返)臨人員解讀政策", "為外地來(返)臨人員解讀政策"),
    # a doubled annotation goes at once, so a second run finds nothing
    ("區(qū)(qū)域發(fā)展", "區域發展"),
    # Simplified
    ("我市网(wǎng)络(luò)安全宣传周启动(dòng)", "我市网络安全宣传周启动"),
    # a headline alone: one annotation on a converter character, 001 l.58
    ("戰“疫”一線(xiàn)掠影", "戰“疫”一線掠影"),
    # a measure word after a digit
    ("早上7點(diǎn),她已經(jīng)站在門(mén)口", "早上7點,她已經站在門口"),
    # CRLF line endings and no final newline stay
    ("時(shí)間\r\n會(huì )議\r\n發(fā)展", "時間\r\n會議\r\n發展"),
]


@pytest.mark.parametrize(("text", "expected"), EXPECTED)
def test_expected(text: str, expected: str) -> None:
    out, edits, _ = run(text)
    assert out == expected
    assert all(e.after == "" for e in edits)
    again, edits2, _ = run(out)  # idempotent
    assert again == out
    assert edits2 == []


def test_reason_names_the_reading_and_the_character() -> None:
    _, edits, _ = run("臨時(shí)靜態(tài)管理,發展(fā zhǎn)")
    reasons = [e.reason for e in edits]
    assert reasons == [
        "pinyin ruby remnant: 'shí' is a reading of 時",
        "pinyin ruby remnant: 'tài' is a reading of 態",
        "pinyin ruby remnant: 'fā zhǎn' is a reading of 發展",
    ]


def test_toned_non_reading_in_a_remnant_document_is_flagged_and_kept() -> None:
    text = "召開(kāi)會(huì )議,這本書很好(xíng)看,見附件(A2)。"
    out, edits, flags = run(text)
    assert out == "召開會議,這本書很好(xíng)看,見附件(A2)。"  # "A2" has no tone mark: no flag
    assert len(edits) == 2
    (flag,) = flags
    assert text[flag.start : flag.end] == "(xíng)"
    assert "not a reading of 好" in flag.message


def test_rule_example() -> None:
    before, after = RULES_BY_ID["pinyin-ruby"].example
    assert run(before)[0] == after


# --- acceptance articles -------------------------------------------------------------------

#: Input lines (1-based) holding a "?" mojibake run (NOTES.md), and lines removed as
#: boilerplate; the annotation counts NOTES.md gives for the kept lines.
ACCEPTANCE_CASES = [
    ("001_75a507e673690a1a.txt", {2, 6, 9, 10, 14, 43, 47}, {18, 48, 52, *range(58, 71)}, 358),
    ("002_56e005b5ec93ab38.txt", {8, 11, 14, 15, 16}, set(range(17, 28)), 85),
]


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


@pytest.mark.parametrize(("name", "mojibake", "removed", "count"), ACCEPTANCE_CASES)
def test_acceptance_lines(name: str, mojibake: set[int], removed: set[int], count: int) -> None:
    text = _read(ACCEPTANCE / "input" / name)
    expected = _read(ACCEPTANCE / "expected" / name).split("\n")
    out, edits, flags = run(text)
    assert flags == []
    lines = text.split("\n")
    out_lines = out.split("\n")
    assert len(out_lines) == len(lines)  # the rule never touches a line break
    kept = [n for n in range(1, len(lines) + 1) if n not in removed]
    assert len(kept) == len(expected)
    checked = 0
    for n, want in zip(kept, expected, strict=True):
        if n in mojibake:
            continue
        assert out_lines[n - 1] == want, f"line {n}"
        checked += 1
    assert checked == len(kept) - len(mojibake)

    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    on_kept = [e for e in edits if _line_of(starts, e.start) not in removed]
    assert len(on_kept) == count


def _line_of(starts: list[int], pos: int) -> int:
    return next(n for n in range(1, len(starts)) if starts[n - 1] <= pos < starts[n])


def test_acceptance_kept_parentheticals_and_mojibake_fragments() -> None:
    out1, edits1, _ = run(_read(ACCEPTANCE / "input" / "001_75a507e673690a1a.txt"))
    assert any(e.reason.startswith("pinyin ruby remnant: 'huì'") for e in edits1)
    assert sum(1 for e in edits1 if e.end - e.start == len("(huì )")) > 0
    assert out1.count("小區(片區)") == 3
    assert "村(社區)干部" in out1
    assert "外地來(返)臨" in out1
    # mojibake runs are the mojibake rules' business: left exactly as they are
    assert "勇?lián)?/strong>" in out1
    assert "凌晨?jì)牲c(diǎn)半" in out1
    assert "擦干?!拔壹液⒆右呀?jīng)11歲" in out1
    out2, _, _ = run(_read(ACCEPTANCE / "input" / "002_56e005b5ec93ab38.txt"))
    assert "村(社區)網格" in out2
    assert "(陰東亮、張慧林)" in out2
    assert "鐓^(qū)的" in out2


CLEAN_FILES = [
    *(ACCEPTANCE / "input" / n for n in ("000_ce9987ba374057ce.txt", "003_d80d795039600c5a.txt")),
    ACCEPTANCE / "input" / "004_5539e0b93fa9adef.txt",
    *sorted((ACCEPTANCE / "expected").glob("*.txt")),
]


@pytest.mark.parametrize("path", CLEAN_FILES, ids=lambda p: f"{p.parent.name}/{p.name[:3]}")
def test_clean_acceptance_files_untouched(path: Path) -> None:
    text = _read(path)
    assert run(text) == (text, [], [])


def test_acceptance_output_is_idempotent() -> None:
    for name, *_ in ACCEPTANCE_CASES:
        out, _, _ = run(_read(ACCEPTANCE / "input" / name))
        assert run(out)[1] == []


# --- fixture pairs and the document decision ----------------------------------------------

PAIRS = sorted(FIXTURES.glob("*.input.txt"))


@pytest.mark.parametrize("path", PAIRS, ids=lambda p: p.name.split(".")[0])
def test_fixture_pairs(path: Path) -> None:
    expected = path.with_name(path.name.replace(".input.", ".expected.")).read_bytes()
    data = path.read_bytes()
    assert clean_bytes(data).text.encode("utf-8") == expected
    if path.name.startswith("teaching-"):
        assert expected == data  # teaching texts come out byte-identical
    else:
        assert expected != data


@pytest.mark.parametrize(
    ("name", "remnant"),
    [
        ("remnant-traditional", True),  # inline single characters, recurring
        ("remnant-simplified", True),  # same, fullwidth parentheses, CRLF
        ("teaching-lesson", False),  # word-level glosses
        ("teaching-dictionary", False),  # standalone headwords
        ("teaching-poem", False),  # pinyin on every character
    ],
)
def test_document_verdict(name: str, remnant: bool) -> None:
    text = _read(FIXTURES / f"{name}.input.txt")
    annotations, _ = find_annotations(text, list(CANDIDATE_RE.finditer(text)))
    assert len(annotations) >= 15  # every fixture has enough readings to judge by
    verdict = judge(text, annotations)
    assert verdict.remnant is remnant, verdict.why


def test_pypinyin_is_loaded_only_for_a_candidate() -> None:
    code = (
        "import sys\n"
        "from cleaner import clean_text\n"
        "clean_text('社区(村)的Python(编程语言)小组 (see note)')\n"
        "print('pypinyin' in sys.modules)\n"
        "clean_text('區(qū)域')\n"
        "print('pypinyin' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.split() == ["False", "True"]


_HAN = "區時會發網絡動點好中行長的了"
_PINYIN = ["qū", "shí", "huì ", "fā", "wǎng", "luò", "dòng", "diǎn", "xíng", "de", "le", "hui4"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_HAN),
            st.sampled_from(_PINYIN).map(lambda p: f"({p})"),
            st.sampled_from(["(", ")", "（", "）", ",", " ", "\n", "村", "apple"]),
        ),
        max_size=30,
    ).map("".join)
)
def test_second_run_makes_no_edit(text: str) -> None:
    out, _, _ = run(text)
    assert run(out)[1] == []
