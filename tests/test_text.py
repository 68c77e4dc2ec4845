"""Rules `bom` and `broken-utf8` (cleaner.rules.text): repairs at the level of the encoding.

`bom` drops byte-order marks at the start of the text and of a line (what concatenating
files with BOMs leaves) and keeps U+FEFF inside a line (a zero-width no-break space).

`broken-utf8` reads the runs of invalid bytes of a mostly-UTF-8 file, which the decoder keeps
as lone surrogates (surrogateescape), as GB18030, Big5 or (short runs in Latin text) cp1252;
bytes none of them reads become U+FFFD, with a change record that names the byte offset and
keeps the bytes, and a finding. Decoding itself is tested in tests/test_decoding.py.
"""

from __future__ import annotations

import codecs

import pytest

from cleaner import Result, clean_bytes, clean_text, replay

BOM_DROPPED = "byte-order mark dropped (output is UTF-8)"


def _records(result: Result) -> list[tuple[str, str, str]]:
    return [(c.rule, c.before, c.after) for c in result.changes]


# --- rule bom ------------------------------------------------------------------------------


def test_bom_at_start_is_dropped() -> None:
    result = clean_text("\ufeff标题\n正文第一段。\n")
    assert result.text == "标题\n正文第一段。\n"
    (change,) = result.changes
    assert (change.rule, change.origin, change.reason) == ("bom", (0, 1), BOM_DROPPED)


def test_bom_at_line_starts_of_concatenated_files_is_dropped() -> None:
    # Three files with BOMs joined with `cat`: LF and CRLF files alike.
    text = "\ufeff第一篇文章。\n\ufeff第二篇文章。\r\n\ufeffThird article.\n"
    result = clean_text(text)
    assert result.text == "第一篇文章。\n第二篇文章。\r\nThird article.\n"
    assert [(c.rule, c.origin) for c in result.changes] == [
        ("bom", (0, 1)),
        ("bom", (8, 9)),
        ("bom", (17, 18)),
    ]
    assert replay(result.original, result.changes) == result.text


@pytest.mark.parametrize(
    "text",
    [
        "零宽\ufeff不换行空格在行中间。",  # U+FEFF inside a line: a zero-width no-break space
        "行尾的\ufeff\n下一行。",  # at the end of a line, before its line break
        "word\ufeffjoiner and more words",  # between Latin letters
        "没有字节顺序标记的普通文本。\n",  # no U+FEFF at all
    ],
)
def test_bom_inside_a_line_is_kept(text: str) -> None:
    result = clean_text(text)
    assert result.text == text
    assert result.changes == ()


def test_bom_after_a_lone_cr_is_dropped() -> None:
    assert clean_text("第三篇。\r\ufeff第四篇。").text == "第三篇。\r第四篇。"


def test_bom_of_a_utf8_file_is_read_then_dropped() -> None:
    data = codecs.BOM_UTF8 + "标题\r\n正文。\r\n".encode()
    result = clean_bytes(data)
    assert result.original == "\ufeff标题\r\n正文。\r\n"  # the decoder keeps it
    assert result.text == "标题\r\n正文。\r\n"
    assert _records(result) == [("bom", "\ufeff", "")]


# --- rule broken-utf8 ----------------------------------------------------------------------

HEAD = "这是一篇用UTF-8保存的文章，中间混进了一段别的编码。"


def _escaped(data: bytes) -> str:
    """`data` as the decoder keeps a mostly-UTF-8 file: invalid bytes as lone surrogates."""
    return data.decode("utf-8", "surrogateescape")


@pytest.mark.parametrize(
    "text",
    [
        "纯正的中文文本，没有任何问题。",  # clean Chinese
        "café “quoted” — text",  # clean Latin with punctuation
        "",  # empty
    ],
)
def test_broken_utf8_noop(text: str) -> None:
    assert clean_text(text).text == text


def test_gb18030_run_in_utf8_text() -> None:
    data = HEAD.encode() + "中文内容".encode("gb18030") + "。".encode()
    text = _escaped(data)
    assert "\udcd6\udcd0" in text  # precondition: the run is escaped, not decoded
    result = clean_text(text)
    assert result.text == HEAD + "中文内容。"
    (change,) = result.changes
    assert change.rule == "broken-utf8"
    assert change.before == _escaped("中文内容".encode("gb18030"))  # the record keeps the bytes
    assert change.after == "中文内容"
    assert change.reason.endswith(f"at byte offset {len(HEAD.encode())} read as gb18030")
    assert result.findings == ()


def test_big5_run_in_traditional_text() -> None:
    head = "這是一篇繁體文章："
    data = head.encode() + "繁體中文內容".encode("big5") + "。".encode()
    result = clean_bytes(data)
    assert result.encoding == "utf-8"
    assert result.text == "這是一篇繁體文章：繁體中文內容。"
    (change,) = result.changes
    assert change.rule == "broken-utf8"
    assert change.reason.endswith(f"at byte offset {len(head.encode())} read as big5")


def test_cp1252_letter_in_latin_utf8_text() -> None:
    head = "Le café du coin, écrit en UTF-8, propose une crème et un g"
    data = head.encode() + "âteau".encode("cp1252") + b" au chocolat."
    result = clean_bytes(data)
    assert result.encoding == "utf-8"
    assert result.text == head + "âteau au chocolat."
    (change,) = result.changes
    assert (change.rule, change.before, change.after) == ("broken-utf8", "\udce2", "â")
    assert change.reason.endswith(f"at byte offset {len(head.encode())} read as cp1252")


def test_cp1252_letters_bridged_over_ascii() -> None:
    # "L'été" in cp1252: E9 74 E9; the "t" between the two bytes joins them into one run.
    result = clean_bytes("Un café crème. ".encode() + "L'été".encode("cp1252"))
    assert result.text == "Un café crème. L'été"
    assert _records(result) == [("broken-utf8", "\udce9t\udce9", "été")]


CASES = [
    # a GBK run longer than the UTF-8 text, which no legacy codec reads whole
    ("前面。".encode() + "中文内容".encode("gbk"), "前面。中文内容"),
    # a GBK run whose last pair C2E4 + A1A3 (落。) is partly valid UTF-8 ("\udcc2䡣")
    ("开头".encode() + "段落。".encode("gbk") + "结尾".encode(), "开头段落。结尾"),
    # a GBK run with an ASCII trail byte: 這 = DF 40 ("@")
    ("這是測試".encode() + "這個".encode("gbk") + "好".encode(), "這是測試這個好"),
    # a GBK run and a Big5 run in one text, each read in its own codec
    (
        "前面".encode() + "中文".encode("gbk") + "中间。".encode() + "繁體".encode("big5"),
        "前面中文中间。繁體",
    ),
]


@pytest.mark.parametrize(("data", "want"), CASES)
def test_broken_utf8_reads_runs(data: bytes, want: str) -> None:
    result = clean_bytes(data)
    assert result.text == want
    assert {c.rule for c in result.changes} == {"broken-utf8"}
    assert not result.findings
    assert replay(result.original, result.changes) == result.text


def test_unreadable_bytes_become_fffd_with_their_byte_offsets() -> None:
    first = "前面是正确的中文。".encode()
    second = "后面也是。".encode()
    data = first + b"\xff\xfe\x80" + second + b"\xff" + "完。".encode()
    result = clean_bytes(data)
    assert result.text == "前面是正确的中文。\ufffd后面也是。\ufffd完。"
    one, two = result.changes
    assert (one.rule, one.before, one.after) == ("broken-utf8", "\udcff\udcfe\udc80", "\ufffd")
    # The offset is the run's place in the file's bytes, the runs before it counted.
    assert one.reason == (
        f"3 byte(s) FF FE 80 (not UTF-8) at byte offset {len(first)} "
        "cannot be read in any encoding: U+FFFD"
    )
    assert f"1 byte(s) FF (not UTF-8) at byte offset {len(first) + 3 + len(second)} " in (
        two.reason
    )
    # Each also stands in the findings: a reader must see that bytes were lost.
    assert [(f.rule, f.origin) for f in result.findings] == [
        ("broken-utf8", one.origin),
        ("broken-utf8", two.origin),
    ]
    assert all("U+FFFD" in f.message for f in result.findings)


def test_byte_offset_is_counted_after_the_bom() -> None:
    # The rule sees the text after `bom` ran; the offset it names excludes the 3 BOM bytes.
    head = "开头是正确的中文。".encode()
    result = clean_bytes(codecs.BOM_UTF8 + head + b"\xff" + "后面。".encode())
    assert _records(result) == [("bom", "\ufeff", ""), ("broken-utf8", "\udcff", "\ufffd")]
    assert f"at byte offset {len(head)} " in result.changes[1].reason


def test_lone_lead_byte_between_chinese_is_not_read_as_latin() -> None:
    # D6 alone reads as "Ö" in cp1252, but not between two Chinese characters.
    result = clean_bytes("测试".encode() + b"\xd6" + "后面".encode())
    assert result.text == "测试\ufffd后面"
    assert result.findings
