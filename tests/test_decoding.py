"""Decoding bytes (cleaner.decoding); the `broken-utf8` rule is tested in tests/test_text.py.

Fixtures under fixtures/encodings/ come from scripts/make_encoding_fixtures.py: the same
texts in each encoding; `<slug>.<encoding>` names the encoding `decode` must report.
"""

from __future__ import annotations

import codecs
from dataclasses import replace
from pathlib import Path

import charset_normalizer
import pytest

from cleaner import clean_bytes, replay
from cleaner.decoding import decode, normalise, redecode

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "encodings"
INPUTS = sorted(FIXTURES.glob("*.input.txt"))
PAIRS = [p for p in INPUTS if not p.name.startswith("skip-")]
SKIPS = [p for p in INPUTS if p.name.startswith("skip-")]


def slug(path: Path) -> str:
    return path.name.removesuffix(".input.txt")


def expected(path: Path) -> str:
    return path.with_name(slug(path) + ".expected.txt").read_bytes().decode("utf-8")


def test_fixtures_exist() -> None:
    # The generator's set: if it shrinks, the parametrised tests below would silently thin.
    assert len(PAIRS) >= 22
    assert len(SKIPS) >= 3


@pytest.mark.parametrize("path", PAIRS, ids=slug)
def test_fixture_decodes_right(path: Path) -> None:
    # Every language in every encoding (and BOM, UTF-16 without BOM, broken UTF-8 runs):
    # the clean output is the source text, the reported encoding the one in the slug.
    result = clean_bytes(path.read_bytes())
    assert result.skipped is None
    assert result.text == expected(path)
    assert result.encoding == slug(path).rsplit(".", 1)[1]
    assert replay(result.original, result.changes) == result.text


@pytest.mark.parametrize("path", SKIPS, ids=slug)
def test_fixture_is_skipped_with_reason(path: Path) -> None:
    result = clean_bytes(path.read_bytes())
    assert result.skipped
    assert result.text == ""
    kind = "binary" if "binary" in path.name else "uncertain"
    assert result.skipped.startswith(kind)


@pytest.mark.parametrize(
    ("text", "codec", "reported"),
    [
        # charset-normalizer reads this as Korean cp949 "櫓匡꿎桿"
        ("中文测试", "gbk", "gb18030"),
        # charset-normalizer reads this as UTF-16-BE Hangul
        ("中文乱码测试，编码错误", "gb18030", "gb18030"),
        # charset-normalizer reads French cp1252 as cp1250 ("très" -> "trčs")
        ("Le café est très bon, l'été à Paris.", "cp1252", "cp1252"),
        # four traditional characters in Big5
        ("中文測試", "big5", "big5"),
        # three kanji in Shift-JIS and EUC-JP
        ("日本語", "shift_jis", "shift_jis"),
        ("日本語", "euc_jp", "euc_jp"),
    ],
)
def test_where_charset_normalizer_alone_goes_wrong(text: str, codec: str, reported: str) -> None:
    decoded = decode(text.encode(codec))
    assert (decoded.text, decoded.encoding, decoded.skipped) == (text, reported, None)


def test_charset_normalizer_still_misreads_short_gbk() -> None:
    # Why plausibility decides short files: if this starts to pass, revisit the design.
    best = charset_normalizer.from_bytes("中文测试".encode("gbk")).best()
    assert best is not None
    assert str(best) != "中文测试"


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_bom_kept_in_decoded_text_and_dropped_by_rule(bom: bytes, codec: str) -> None:
    decoded = decode(bom + "你好\n".encode(codec))
    assert (decoded.text, decoded.encoding) == ("\ufeff你好\n", codec)
    result = clean_bytes(bom + "你好\n".encode(codec))
    assert result.text == "你好\n"
    assert [c.rule for c in result.changes] == ["bom"]


def test_utf8_bom_with_broken_body_is_read_not_skipped() -> None:
    data = codecs.BOM_UTF8 + "开头".encode() + "中文".encode("gbk")
    result = clean_bytes(data)
    assert result.text == "开头中文"
    assert [c.rule for c in result.changes] == ["bom", "broken-utf8"]


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("中文乱码测试，编码错误", "utf-16-le"),  # no NUL byte at all
        ("中文乱码测试，编码错误", "utf-16-be"),
        ("Hello, world\n", "utf-16-le"),  # NUL in every other byte
        ("Hello, world\n", "utf-16-be"),
        ("中文\n", "utf-32-le"),
    ],
)
def test_utf16_and_utf32_without_bom(text: str, codec: str) -> None:
    decoded = decode(text.encode(codec))
    assert (decoded.text, decoded.encoding) == (text, codec)


@pytest.mark.parametrize(
    "data",
    [
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00" + bytes(range(256)),  # executable header
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(200, 256)) * 3,  # zip
        bytes(range(1, 9)) * 40 + bytes(range(0x80, 0x100)),  # controls, no NUL
    ],
)
def test_binary_is_skipped(data: bytes) -> None:
    decoded = decode(data)
    assert decoded.skipped is not None
    assert decoded.skipped.startswith("binary")
    assert decoded.text == ""


# --- decoding again without detection (the runner's second read) -------------------------

_ZH = "中文测试，编码错误的文本需要清洗。这是第二句话，内容比较长一些。"
_ZH_HANT = "中文測試，編碼錯誤的文本需要清洗。這是第二句話，內容比較長一些。"
REDECODE = [
    b"",  # empty
    "café 中文".encode(),  # UTF-8
    codecs.BOM_UTF8 + _ZH.encode(),  # BOM kept as U+FEFF
    codecs.BOM_UTF8 + _ZH.encode() + b"\xff\xfe" + _ZH.encode(),  # BOM, then broken UTF-8
    codecs.BOM_UTF16_LE + _ZH.encode("utf-16-le"),
    codecs.BOM_UTF32_BE + _ZH.encode("utf-32-be"),
    "Plain English text, written as UTF-16.".encode("utf-16-le"),  # no BOM
    _ZH.encode() + "第三句".encode("gbk") + _ZH.encode(),  # mostly UTF-8
    _ZH.encode("gbk"),  # legacy, reported as gb18030
    _ZH_HANT.encode("big5"),
    "日本語のテキストです。文字化けを直します。".encode("shift_jis"),
    "Le café est fermé depuis la semaine dernière, à cause des travaux.".encode("cp1252"),
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",  # binary: skipped
    bytes(range(1, 9)) * 20 + b"\x81\x82",  # no encoding fits: skipped
]
FIXTURE_FILES = sorted(p for p in FIXTURES.parent.rglob("*") if p.is_file())


@pytest.mark.parametrize("data", REDECODE)
def test_redecode_gives_what_decode_gave(data: bytes) -> None:
    found = decode(data)
    assert redecode(data, replace(found, text="")) == found
    if found.skipped is None:
        assert found.recipe is not None  # every branch can say how it decoded
        assert data.decode(*found.recipe) == found.text


def test_redecode_gives_what_decode_gave_for_every_fixture() -> None:
    assert len(FIXTURE_FILES) > 400
    for path in FIXTURE_FILES:
        data = path.read_bytes()
        found = decode(data)
        assert redecode(data, replace(found, text="")) == found, path


def test_redecode_detects_again_when_the_recipe_does_not_fit() -> None:
    found = decode(_ZH.encode())  # UTF-8
    other = _ZH.encode("gbk")  # the file changed: not UTF-8 any more
    assert redecode(other, found) == decode(other)


def test_uncertain_short_file_is_skipped_with_both_readings_named() -> None:
    decoded = decode("한국어".encode("euc_kr"))
    assert decoded.skipped is not None
    assert "euc_kr" in decoded.skipped
    assert "gb18030" in decoded.skipped


def test_gbk_file_with_accidental_utf8_sequences_is_legacy_not_broken_utf8() -> None:
    # 历史 (C0FA CAB7) has no valid UTF-8 pair, but 喝/吃 pairs like C2xx-DFxx with a trail
    # A1-BF are valid 2-byte UTF-8: the GBK file holds some, and must still read as GBK.
    text = "历史悠久的城市里，大家都喜欢喝茶、吃饭、聊天、散步和休息。"
    data = text.encode("gbk")
    accidental = [c for c in data.decode("utf-8", "surrogateescape") if "\x80" <= c <= "\u07ff"]
    assert accidental  # precondition: some pairs are valid UTF-8 by accident
    decoded = decode(data)
    assert (decoded.text, decoded.encoding) == (text, "gb18030")


def test_utf8_file_with_a_gbk_run_keeps_the_bytes_as_surrogates() -> None:
    data = "这是一篇用UTF-8保存的文章。".encode() + "中文内容".encode("gbk")
    decoded = decode(data)
    assert decoded.encoding == "utf-8"
    assert "\udcd6\udcd0" in decoded.text
    assert decoded.text.encode("utf-8", "surrogateescape") == data  # lossless
    assert decoded.notes
    assert "broken-utf8" in decoded.notes[0]


def test_normalise_names() -> None:
    assert [normalise(n) for n in ("GB2312", "gbk", "cp936", "UTF-16LE", "sjis", "eucjp")] == [
        "gb18030",
        "gb18030",
        "gb18030",
        "utf-16-le",
        "shift_jis",
        "euc_jp",
    ]
