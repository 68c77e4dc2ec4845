"""The `cleaner: skip` pragma, honoured once in the pipeline for every rule.

A line ending in `cleaner: skip` (in a comment or as plain text) is kept exactly as it is:
every edit a rule proposes that touches it is dropped and reported as a finding with
`pragma` set. Real garbled text: Latin mojibake, byte-order marks and pinyin ruby remnants.
Rules that remove whole lines plan around marked lines, and never join two lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from one_rule import clean_alone, context_alone

from cleaner import Config, clean_text, replay, rules
from cleaner.lines import Lines
from cleaner.model import Edit, Flag
from cleaner.pipeline import pragma_lines
from cleaner.rules import RULES, Context, Rule, boilerplate

RUBY = "疫情防控會(huì )議在區(qū)政府召開(kāi)。"


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        # a comment in Python, shell, TOML, YAML
        ("assert fix('cafÃ©') == 'café'  # cleaner: skip", "latin-mojibake"),
        # a C-style comment
        ('expect(fix("cafÃ©")).toBe("café"); // cleaner: skip', "latin-mojibake"),
        # a comment with a closer after the pragma
        ("<p>cafÃ©</p> <!-- cleaner: skip -->", "latin-mojibake"),
        ("x = 'cafÃ©'; /* cleaner: skip */", "latin-mojibake"),
        # plain text at the end of the line
        ("例子:cafÃ© cleaner: skip", "latin-mojibake"),
        # a BOM at the start of a marked line
        ("\ufeffstill here cleaner: skip", "bom"),
        # pinyin ruby kept as an example
        (RUBY + " # cleaner: skip", "pinyin-ruby"),
    ],
)
def test_a_marked_line_is_kept_and_reported(line: str, rule: str) -> None:
    text = f"{line}\r\nLe cafÃ© est fermé.\r\n"
    result = clean_text(text, path=PurePosixPath("example.py"))  # code, not an article
    assert result.text == f"{line}\r\nLe café est fermé.\r\n"  # only the marked line kept
    assert rule in {f.rule for f in result.findings}
    assert all(f.pragma for f in result.findings)
    assert all(text[f.origin[0] : f.origin[1]] == f.text for f in result.findings)
    assert replay(result.original, result.changes) == result.text
    assert not result.problems  # kept on purpose: not a problem


@pytest.mark.parametrize(
    "line",
    [
        "cafÃ© cleaner: skip this one",  # not at the end of the line
        "cafÃ© # cleaner: skipped",  # another word
        "cafÃ© # Cleaner: Skip",  # the pragma is lower case, as written in the docs
    ],
)
def test_not_a_pragma(line: str) -> None:
    result = clean_text(line + "\n")
    assert "café" in result.text
    assert not result.findings


def test_pragma_lines() -> None:
    text = "a\r\nb # cleaner: skip\r\nc\nd cleaner: skip"
    assert [text[s:e] for s, e in pragma_lines(text)] == [
        "b # cleaner: skip\r\n",
        "d cleaner: skip",
    ]


def test_the_pragma_holds_across_rules() -> None:
    # A BOM before the marked line shifts every offset; the ruby on the marked line and the
    # mojibake on the next are still told apart.
    text = "\ufeff標題\n" + RUBY + " cleaner: skip\ncafÃ©"
    result = clean_text(text)
    assert result.text == "標題\n" + RUBY + " cleaner: skip\ncafé"
    assert {f.rule for f in result.findings} == {"pinyin-ruby"}
    assert {c.rule for c in result.changes} == {"bom", "latin-mojibake"}


@pytest.fixture
def remove_credits(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule that removes "责任编辑" lines with the line ending before them, as the
    boilerplate rules do at the end of a text without a final newline."""

    def remove(text: str, ctx: Context) -> Iterator[Edit]:
        for match in re.finditer(r"\n责任编辑[^\n]*", text):
            yield Edit(match.start(), match.end(), "", "a credit line")

    rule = Rule("test-credits", remove, "Test only.", ("x", "x"))
    monkeypatch.setattr("cleaner.rules.RULES", (*rules.RULES, rule))


def test_a_line_removal_touching_a_marked_line_is_dropped(remove_credits: None) -> None:
    kept = "正文。\n责任编辑:刘玉娜 cleaner: skip"
    assert clean_text(kept).text == kept
    # the edit takes the line ending *before* the credit: the marked line before it would
    # lose its ending, so the edit touches it too
    text = "正文。 cleaner: skip\n责任编辑:刘玉娜"
    assert clean_text(text).text == text
    # an unmarked line next to a marked one goes
    text = "例子 cleaner: skip\n正文。\n责任编辑:刘玉娜"
    assert clean_text(text).text == "例子 cleaner: skip\n正文。"


# --- line removals plan around marked lines ------------------------------------------------

BODY = "正文第一段,讲述了社区防疫工作的开展情况和各项措施的落实，效果明显。"
ARTICLE = PurePosixPath("a.txt")


@pytest.mark.parametrize("nl", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("final", [False, True], ids=["no-final-newline", "final-newline"])
def test_a_marked_link_under_a_related_heading(nl: str, final: bool) -> None:
    # The review's first reproduction: the marked link title stays with its ending; the
    # heading goes, and the blank line before it stays (decided with the marked line kept).
    # Without a final newline the last link stays too: removing it would take the marked
    # line's ending; with one, it goes.
    end = nl if final else ""
    link = "城东街道党员下沉一线 # cleaner: skip"
    text = f"{BODY}{nl}{nl}相关阅读{nl}{link}{nl}全市新增核酸采样点{end}"
    result = clean_text(text, path=ARTICLE)
    expected = f"{BODY}{nl}{nl}城东街道党员下沉一线 # cleaner: skip{nl}"
    assert result.text == (expected if final else expected + "全市新增核酸采样点")
    assert replay(text, result.changes) == result.text
    kept = [f.text for f in result.findings if f.pragma]
    assert kept[0] == f"城东街道党员下沉一线 # cleaner: skip{nl}"
    assert kept[1:] == ([] if final else [f"{nl}全市新增核酸采样点"])
    assert not result.problems


@pytest.mark.parametrize("nl", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("final", [False, True], ids=["no-final-newline", "final-newline"])
def test_credits_after_a_marked_line(nl: str, final: bool) -> None:
    # The review's second reproduction: credits after a marked example line at the end of a
    # text. Without a final newline, removing them would take the marked line's ending (or
    # add a final newline): they stay, reported as kept by the pragma. With one, they go.
    end = nl if final else ""
    marked = "示例:ÃÂ© # cleaner: skip"
    text = f"{BODY}{nl}{marked}{nl}责任编辑:刘玉娜{nl}记者 王五{end}"
    result = clean_text(text, path=ARTICLE)
    assert result.text == (f"{BODY}{nl}{marked}{nl}" if final else text)
    assert replay(text, result.changes) == result.text
    assert not result.problems
    credits = [f for f in result.findings if f.rule == "credits"]
    if final:
        assert credits == []
    else:
        assert [f.text for f in credits] == [f"{nl}责任编辑:刘玉娜{nl}记者 王五"]
        assert "removing them would take its ending" in credits[0].message


def test_a_marked_line_between_removed_lines_keeps_its_blank_lines() -> None:
    # Blank lines are decided with the marked line kept: the blank line between the body
    # and it stays, as between any two kept lines; the credit lines around it go, and so
    # does the blank line after it, which would end the text.
    text = f"{BODY}\n\n责任编辑:甲\n\n记者 王五 cleaner: skip\n\n责任编辑:丙\n"
    result = clean_text(text, path=ARTICLE)
    assert result.text == f"{BODY}\n\n记者 王五 cleaner: skip\n"
    assert [f.text for f in result.findings if f.pragma] == ["记者 王五 cleaner: skip\n"]


def test_html_tag_lines_next_to_a_marked_line() -> None:
    # html-tags removes a run of tag-only lines at the end of a text without final newline
    # in ONE edit (with the line ending before it), so withholding it keeps lines apart.
    text = "第一段。\r\n例子 cleaner: skip\r\n<br>\r\n</p>"
    result = clean_text(text)
    assert result.text == text
    assert [f.rule for f in result.findings if f.pragma] == ["html-tags"]
    text = "第一段。\r\n<br>\r\n例子 cleaner: skip\r\n</p>\r\n"
    assert clean_text(text).text == "第一段。\r\n例子 cleaner: skip\r\n"


@pytest.fixture
def unaware_line_removal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule that plans line removals like the boilerplate rules but ignores the pragma."""

    def remove(text: str, ctx: Context) -> Iterator[Edit | Flag]:
        lines = Lines(text)
        doomed = {i: "a credit" for i in range(len(lines)) if "编辑" in lines.content(i)}
        yield from boilerplate._removal_edits(lines, doomed)

    rule = Rule("test-unaware", remove, "Test only.", ("x", "x"))
    monkeypatch.setattr("cleaner.rules.RULES", (*rules.RULES, rule))


@pytest.mark.parametrize(
    "text",
    [
        # the marked line takes part in the plan: the edit before it took its blank line
        f"{BODY}\n\n责任编辑:甲\n\n编辑 乙 cleaner: skip\n\n编辑:丙\n",
        # the last line is marked; the edit before it took the line ending of the body
        f"{BODY}\n\n责任编辑:甲\n编辑 乙 cleaner: skip",
    ],
)
def test_the_safety_net_withholds_a_whole_line_plan(unaware_line_removal: None, text: str) -> None:
    # A rule that does not plan around marked lines: when one of its line removals touches
    # a marked line, all its line removals are withheld, so no two lines are joined.
    config = Config(disable=frozenset(r.id for r in boilerplate.RULES))
    result = clean_text(text, config)
    assert result.text == text
    withheld = [f for f in result.findings if f.pragma]
    assert len(withheld) == 3 if text.endswith("\n") else 2
    assert any("planned together" in f.message for f in withheld)


LINE_POOL = [
    BODY,
    "Volunteers have staffed the checkpoints for days, taking temperatures in all weathers.",
    "社区防疫工作座谈会召开",  # a title
    "责任编辑:刘玉娜",
    "记者 王五",
    "来源|佛山日报",
    "打印 关闭窗口",
    "2020-02-26 12:15:00 来源:鲁网",
    "相关阅读",
    "- 城东街道党员下沉一线",
    "全市新增核酸采样点",
    "版权所有 © 2020 某某网",
    "志愿者在卡口值守。王荣锋 摄",
    "抗疫一线镜头",
    "(完)",
    "",
    "  ",
]


@settings(derandomize=True, max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(LINE_POOL), st.booleans(), st.sampled_from(["\n", "\r\n"])),
        min_size=1,
        max_size=14,
    ),
    st.booleans(),
)
def test_marked_lines_survive_line_removals(spec: list[tuple[str, bool, str]], final: bool) -> None:
    # Article-like lines, some marked: every marked line comes out unchanged (with its line
    # ending) and in order, no two lines are joined (each output line is an input line, in
    # input order), and the text keeps ending as it did.
    pieces = []
    marked = []
    for content, mark_it, ending in spec:
        line = f"{content} # cleaner: skip" if mark_it and content.strip() else content
        pieces.append(line + ending)
        if line != content:
            marked.append(len(pieces) - 1)
    if not final:
        pieces[-1] = pieces[-1].rstrip("\r\n")
    text = "".join(pieces)
    result = clean_text(text, path=ARTICLE)
    out = result.text
    assert replay(text, result.changes) == out
    pos = 0
    for k in marked:
        found = out.find(pieces[k], pos)
        assert found >= 0, (pieces[k], out)
        pos = found + len(pieces[k])
    inputs = [piece.rstrip("\r\n") for piece in pieces]
    it = iter(inputs)
    assert all(line in it for line in out.splitlines())  # a subsequence: nothing joined
    if out:
        assert out.endswith(("\n", "\r")) == text.endswith(("\n", "\r"))


def mark(line: str) -> str:
    """`line` with the pragma at its end, before its line ending."""
    body = line.rstrip("\r\n")
    return f"{body} cleaner: skip{line[len(body) :]}"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_every_rule_honours_the_pragma(rule: Rule) -> None:
    # The rule's own example, the rule running alone, one line marked at a time: the marked
    # line comes out exactly as it went in; each edit the rule proposes that touches it is
    # reported as kept, and the others are made. A rule that removes whole lines plans
    # around the marked line instead (Context.kept_lines): it reports what it leaves for the
    # pragma, and no two lines of its output are joined.
    lines = rule.example[0].splitlines(keepends=True)
    ctx = context_alone(rule)
    kept_somewhere = False
    for k in range(len(lines)):
        marked = mark(lines[k])
        text = "".join(lines[:k]) + marked + "".join(lines[k + 1 :])
        result = clean_alone(rule, text)
        assert marked in result.text
        assert replay(result.original, result.changes) == result.text
        start = len("".join(lines[:k]))
        proposed = [e for e in rule.func(text, ctx) if isinstance(e, Edit)]
        touching = [
            e
            for e in proposed
            if (e.start < start + len(marked) and e.end > start)
            or start <= e.start < start + len(marked)
        ]
        kept = [f for f in result.findings if f.pragma]
        if rule.articles_only:
            assert bool(kept) == bool(touching)
            inputs = {line.rstrip("\r\n") for line in text.splitlines(keepends=True)}
            assert set(result.text.splitlines()) <= inputs
        else:
            assert len(kept) == len(touching)
            assert len(result.changes) == len(proposed) - len(touching)
        kept_somewhere = kept_somewhere or bool(kept)
    if rule.id in ("bom", "latin-mojibake", "pinyin-ruby"):  # these fire on a marked line
        assert kept_somewhere
