"""Rules `html-tags` and `html-entities`: HTML remnants in plain text."""

from __future__ import annotations

import random
from pathlib import Path, PurePath

import pytest

from cleaner import Config, clean_bytes, clean_text, replay
from cleaner.rules import RULES, RULES_BY_ID
from cleaner.rules.html import _touched, find_tags, is_plain_text

HTML_RULES = {"html-tags", "html-entities"}
CLEAN = Path(__file__).parent.parent / "fixtures" / "clean"

# Texts that must come out byte-identical: (text, path). Each is meant as written.
NOOP: list[tuple[str, PurePath | None]] = [
    ("a < b and c > d", None),  # comparisons
    ("if x<y and y>z then", None),  # "<y and y>" is no tag: "y" is no element
    ("read from <stdin> and write to <stdout>", None),  # placeholders, unknown names
    ("Dear <your name>,", None),  # placeholder with a space
    ("List<String> and Map<String, Integer>", None),  # generic types
    ("Optional<Map> x", None),  # "map" is an element, but "<Map>" is capitalised: a type
    ("<- arrow and -> arrow", None),  # arrows
    ("John Smith <john@example.com>", None),  # e-mail address
    ("see <https://example.com/a?b=1>", None),  # autolink
    ("sort <input >output", None),  # shell redirection: "<input >" has no end tag
    ("the <title> of the book", None),  # placeholder with a known name: flagged, not removed
    ("the expectation value <p> = 0", None),  # physics: "<p>" inside prose, no "</p>"
    ("if p<a and b>q", None),  # "<a and b>": bare words are not attributes
    ("AT&T, R&D, Q&A, &c.", None),  # ampersands without ";"
    ("https://example.com/?a=1&copy=2&lt=3", None),  # legacy names without ";" stay
    ("Tom&Jerry; fish&chips;", None),  # "&name;" that is no HTML entity
    ("&nbspx and &nbsp=1", None),  # "&nbsp" followed by a letter or "=": not decoded
    ("価格は100円&税込", None),  # CJK next to a bare "&"
    ("文本中只有全角符号：＜＞＆；（）", None),  # fullwidth look-alikes are no markup
    ("a\u00a0b", None),  # a literal no-break space is correct text: left alone
    ("Inline <b>HTML</b> &amp; &nbsp; in Markdown\n", PurePath("README.md")),  # markup
    ('s = "R&amp;D <br>"\n', PurePath("src/mod.py")),  # source code: strings are content
    ("<p>Hello&nbsp;world</p>\n", PurePath("index.html")),  # HTML file
    ('{"html": "<p>x</p>&quot;"}\n', PurePath("data.json")),  # "&quot;" would break JSON
    ("a,<br>,&quot;\n", PurePath("table.csv")),  # CSV: a line break would split a row
    ("all: a.o\n\tcc <input >out &amp;\n", PurePath("Makefile")),  # no suffix: not plain
    ("&lt;br&gt; shown as text", None),  # decoding would make a tag: left (and flagged)
    ("&#0; &#10; &#65279; &#x110000; &NewLine;", None),  # control/invisible: flagged
    ("&am&#112;;", None),  # decoding "&#112;" would form a new "&amp;"
]


@pytest.mark.parametrize(("text", "path"), NOOP)
def test_noop(text: str, path: PurePath | None) -> None:
    result = clean_text(text, path=path)
    assert result.text == text
    assert result.changes == ()


# (input, expected), plain text (no path).
EXPECTED: list[tuple[str, str]] = [
    ("共克時艱勇擔當</strong>", "共克時艱勇擔當"),  # 001 l.2 after repair: end tag at line end
    ("防范意識。”</p>\n下一段。", "防范意識。”\n下一段。"),  # 001 l.14: "</p>" before a line break
    ("<p>第一段。</p>\n<p>第二段。</p>\n", "第一段。\n第二段。\n"),  # tags at line start and end
    ("  <p>段落缩进保留\n", "  段落缩进保留\n"),  # indentation before a tag stays
    ("第一段。</p><p>第二段。", "第一段。\n第二段。"),  # paragraph break inside a line
    ("First.</p><p>Second.", "First.\nSecond."),  # ... sentences are not glued
    ("line one<br>line two", "line one\nline two"),  # <br> between texts: a line break
    ("line one <br /> line two", "line one\nline two"),  # self-closing, blanks around go too
    ("a<BR>b", "a\nb"),  # upper case (old HTML)
    ("a<br><br>b", "a\nb"),  # a run of breaks is one line break
    ("姓名</td><td>张三", "姓名 张三"),  # table cells: a space
    ("a <b>bold</b> word", "a bold word"),  # inline tags just go
    ("a <img src=x.png> b", "a b"),  # ... keeping one of the blanks around them
    ('<span style="color:red">红</span>字', "红字"),  # attributes in double quotes
    ("<div class=note data-id='7'>注意</div>", "注意"),  # unquoted and single-quoted values
    ('<input type="checkbox" checked>同意', "同意"),  # boolean attribute with others
    ("x <p>y</p> z", "x\ny\nz"),  # "<p>" mid-line counts when "</p>" is there too
    ("<o:p></o:p>正文", "正文"),  # Microsoft Word remnant
    ("para\n<br>\npara2", "para\npara2"),  # a line of tags only goes with its line break
    ("para\n</div>", "para"),  # ... the last one takes the line break before it
    ("a\n<p>\n</div>", "a"),  # ... and the tag-only lines before that
    ("&nbsp;&nbsp;&nbsp;&nbsp;正文", "    正文"),  # "&nbsp;" indentation: plain spaces
    ("a&nbsp;b &#160; c&#xA0;d", "a b   c d"),  # every spelling of U+00A0
    ("foo&nbsp bar", "foo  bar"),  # legacy "&nbsp" without ";" before a blank
    ("AT&amp;T &lt; R&amp;D", "AT&T < R&D"),  # common named references
    ("&ldquo;引号&rdquo; &hellip; &mdash; &copy;", "“引号” … — ©"),  # typography
    ("&#20013;&#25991; &#x4e2d;&#X6587;", "中文 中文"),  # decimal and hex references
    ("&#150; &#146;", "– ’"),  # 128-159 read as Windows-1252, as browsers do
    ("&amp;nbsp;&amp;amp;&amp;quot;", ' &"'),  # double escapes decode all the way
    ("&amp;foo;", "&foo;"),  # a double-escaped ampersand before an unknown name
    ("a &lt; b, <stdin>, &lt;stdin&gt;", "a < b, <stdin>, <stdin>"),  # "<stdin>" is no tag
    ("caf&Atilde;&copy; &eacute;", "café é"),  # references spelling mojibake: repaired too
    ("行尾&#13;\n下一行", "行尾\n下一行"),  # CR reference before a line break: dropped
    ('<a href="?a=1&amp;b=2">链接</a>', "链接"),  # references inside a removed tag go with it
    ("<b>\ufeff</b>", ""),  # a U+FEFF the tags leave at a line start is a BOM: dropped too
    ("<p>\ufeff第一段</p>\n第二段", "第一段\n第二段"),  # ... (fuzz, review item 10)
    ("上文<br>\ufeff下文", "上文\n下文"),  # ... also after a break that became a line break
    ("a <b>\ufeffx</b>", "a \ufeffx"),  # inside a line U+FEFF is a zero-width space: kept
]


@pytest.mark.parametrize(("text", "expected"), EXPECTED)
def test_expected(text: str, expected: str) -> None:
    result = clean_text(text)
    assert result.text == expected
    assert {c.rule for c in result.changes} <= HTML_RULES | {"latin-mojibake"}
    assert replay(result.original, result.changes) == result.text
    assert clean_text(result.text).text == result.text  # one pass is enough


def test_crlf_file_keeps_its_line_breaks() -> None:
    data = "第一段。<br>第二段。\r\n第三段。</p>\r\n<br>\r\n最后一行<br>没有换行".encode()
    result = clean_bytes(data, path=PurePath("article.txt"))
    assert result.text == "第一段。\r\n第二段。\r\n第三段。\r\n最后一行\r\n没有换行"


def test_each_tag_has_its_own_record() -> None:
    result = clean_text("上文</b> <p>下文")
    changes = [(c.rule, c.before, c.after) for c in result.changes]
    # One record per tag; the line break the run becomes is on the first.
    assert changes == [("html-tags", "</b>", "\n"), ("html-tags", " <p>", "")]
    assert result.text == "上文\n下文"


def test_doubtful_tags_and_references_are_reported() -> None:
    result = clean_text("the <title> here; &lt;br&gt; there; &#10;")
    assert result.changes == ()
    found = {(f.rule, f.text) for f in result.findings}
    assert ("html-tags", "<title>") in found
    assert ("html-entities", "&lt;") in found
    assert ("html-entities", "&gt;") in found
    assert ("html-entities", "&#10;") in found


def test_exposed_bom_stays_when_bom_rule_is_off() -> None:
    # Without `bom`, nothing drops a U+FEFF at a line start: html-tags must not either.
    config = Config(disable=frozenset({"bom"}))
    result = clean_text("<b>\ufeff</b>", config)
    assert result.text == "\ufeff"
    assert clean_text(result.text, config).text == result.text


def test_many_escaped_lines_are_settled_one_by_one() -> None:
    # Review item 5: every "&lt;"/"&gt;" would form a tag and stays (flagged), every "&amp;"
    # is decoded, on every line of a long text (the check is no longer edit x span).
    lines = [f"&lt;p&gt;段落{i}的内容&amp;说明&lt;/p&gt;\n" for i in range(300)]
    result = clean_text("".join(lines))
    assert result.text == "".join(line.replace("&amp;", "&") for line in lines)
    assert {c.before for c in result.changes} == {"&amp;"}
    assert len(result.changes) == 300
    assert sum(f.rule == "html-entities" for f in result.findings) == 4 * 300


def test_touched_regions_agree_with_the_pairwise_definition() -> None:
    # `_touched` (sorted spans, running maximum) against its definition, pair by pair.
    rng = random.Random(7)
    for _ in range(300):
        regions: list[tuple[int, int]] = []
        pos = 0
        for _ in range(rng.randint(0, 8)):
            a = pos + rng.randint(0, 3)
            regions.append((a, a + rng.randint(0, 3)))
            pos = regions[-1][1]
        spans = []
        for _ in range(rng.randint(0, 6)):
            s = rng.randint(0, 30)
            spans.append((s, s + rng.randint(1, 6)))
        pairwise = {
            i
            for i, (a, b) in enumerate(regions)
            for s, e in spans
            if (a < e and s < b if a < b else s < a < e)
        }
        assert _touched(regions, spans) == pairwise, (regions, spans)


def test_removal_that_would_form_a_new_tag_stays_one_pass() -> None:
    # "<br>" inside "<<br>p>" goes mid-line: replaced by a line break, so no "<p>" forms.
    text = "x<<br>p>y"
    once = clean_text(text)
    assert clean_text(once.text).text == once.text


def test_find_tags_names_and_syntax() -> None:
    tags, doubtful = find_tags('<P>a</P> <br/> <a and b> <a href="x">y</a> <Span>z</Span>')
    assert [t.name for t in tags] == ["p", "p", "br", "a", "a"]
    assert doubtful == []


def test_nbsp_option_keeps_no_break_space() -> None:
    config = Config(rule_options={"html-entities": {"nbsp": "\u00a0"}})
    assert clean_text("a&nbsp;b", config).text == "a\u00a0b"


def test_suffixes_option_extends_plain_text() -> None:
    config = Config(rule_options={"html-tags": {"suffixes": [".txt", ".log"]}})
    log = PurePath("run.log")
    assert clean_text("done</p>", config, path=log).text == "done"
    assert clean_text("done&amp;", config, path=log).text == "done&amp;"  # only html-tags


def test_latin_repair_of_references_follows_latin_rule_switch() -> None:
    config = Config(disable=frozenset({"latin-mojibake"}))
    result = clean_text("caf&Atilde;&copy;", config)
    assert result.text == "cafÃ©"
    assert clean_text(result.text, config).text == result.text


def test_is_plain_text() -> None:
    assert is_plain_text(None)
    assert is_plain_text(PurePath("a/b.txt"))
    assert is_plain_text(PurePath("NOTES.TXT"))
    assert not is_plain_text(PurePath("README.md"))
    assert not is_plain_text(PurePath("Makefile"))


@pytest.mark.parametrize("name", ["README.md", "example.py", "data.json", "page.html"])
def test_markup_fixture_is_only_safe_because_of_its_suffix(name: str) -> None:
    # The same bytes read as plain text do change: the noop above is the suffix's doing.
    data = (CLEAN / name).read_bytes()
    assert clean_bytes(data, path=PurePath(name)).text.encode() == data
    assert clean_bytes(data, path=PurePath(name + ".txt")).text.encode() != data


@pytest.mark.parametrize("rule_id", sorted(HTML_RULES))
def test_rule_example(rule_id: str) -> None:
    before, after = RULES_BY_ID[rule_id].example
    assert clean_text(before).text == after


def test_rule_order() -> None:
    ids = [rule.id for rule in RULES]
    assert ids.index("latin-mojibake") < ids.index("html-tags") < ids.index("html-entities")


def test_a_table_of_references_is_content() -> None:
    # From Debian's fortunes-zh ("chinese"): a lesson on HTML references, drawn as a table.
    table = (
        "    ┌─────┬───────┐\n"
        '    │&quot;    │" : 引号  │\n'
        "    │&lt;      │< : 小于号│\n"
        "    │&amp;     │& :＆号   │\n"
        "    └─────┴───────┘\n"
    )
    result = clean_text(table, path=PurePath("fortunes.txt"))
    assert result.text == table
    assert [f.rule for f in result.findings] == ["html-entities"] * 3
    # a remnant in a table cell, with no such character beside it, is still decoded
    cell = "│北京&nbsp;上海│R&amp;D│\n"
    assert clean_text(cell, path=PurePath("a.txt")).text == "│北京 上海│R&D│\n"
