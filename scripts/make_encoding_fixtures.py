"""Generate `fixtures/encodings/`: the same texts in each encoding cleaner must read.

Run from the repository root (deterministic; the output is committed):

    python scripts/make_encoding_fixtures.py

Pairs follow the fixture convention: `<slug>.input.txt` holds raw bytes, `<slug>.expected.txt`
the UTF-8 text `clean_bytes` must produce. The expected side is the source text itself (BOM
dropped, line endings as written), never cleaner's own output. Inputs that must be skipped
(binary data, an encoding that cannot be decided) have no expected file and are named
`skip-<slug>.input.txt`. The slug starts with the language and ends with the encoding
`decode` must report, e.g. `zh-hans-gbk.gb18030`.
"""

from __future__ import annotations

import codecs
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "encodings"

TEXTS = {
    "zh-hans": "今天天气很好，我们一起去公园散步。\n这个城市的历史非常悠久，吸引了很多游客。\n",
    "zh-hant": "今天天氣很好，我們一起去公園散步。\n這個城市的歷史非常悠久，吸引了很多遊客。\n",
    "ja": (
        "今日は朝から雨が降っていたので、駅まで歩くのをやめてバスに乗りました。\n"
        "会社に着くと、会議の資料がまだできていないことに気がつきました。\n"
    ),
    "ko": (
        "오늘은 아침부터 비가 내려서 우산을 들고 학교에 갔습니다.\n"
        "수업이 끝난 후에 친구들과 함께 도서관에서 공부를 했습니다.\n"
    ),
    "fr": (
        "L'été dernier, nous avons passé nos vacances à côté de la mer.\n"
        "Le château, construit au XIIe siècle, domine la baie ; on y accède à pied.\n"
    ),
}

#: (language, codec used to write the bytes, encoding `decode` must report)
LEGACY = (
    ("zh-hans", "gbk", "gb18030"),
    ("zh-hans", "gb18030", "gb18030"),
    ("zh-hant", "big5", "big5"),
    ("ja", "shift_jis", "shift_jis"),
    ("ja", "euc_jp", "euc_jp"),
    ("ko", "euc_kr", "euc_kr"),
    ("fr", "cp1252", "cp1252"),
    ("zh-hans", "utf-16-le", "utf-16-le"),
    ("zh-hans", "utf-16-be", "utf-16-be"),
    ("fr", "utf-16-le", "utf-16-le"),
    # the same texts in another legacy encoding that can hold them
    ("zh-hant", "gbk", "gb18030"),
    ("ja", "gbk", "gb18030"),
    ("fr", "gb18030", "gb18030"),  # é, è, à from GB18030's pinyin row
)

BOMS = (
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE),
    ("utf-32-be", codecs.BOM_UTF32_BE),
)


def pairs() -> dict[str, tuple[bytes, str | None]]:
    """slug -> (input bytes, expected text or None when the input must be skipped)."""
    out: dict[str, tuple[bytes, str | None]] = {}
    for lang, codec, reported in LEGACY:
        out[f"{lang}-{codec}.{reported}"] = (TEXTS[lang].encode(codec), TEXTS[lang])
    for codec, bom in BOMS:
        out[f"bom-zh-hans-{codec}.{codec}"] = (
            bom + TEXTS["zh-hans"].encode(codec),
            TEXTS["zh-hans"],
        )
    crlf = TEXTS["zh-hans"].replace("\n", "\r\n").rstrip("\r\n")
    out["crlf-no-final-newline-gbk.gb18030"] = (crlf.encode("gbk"), crlf)
    # Short files charset-normalizer reads as Korean cp949 and as UTF-16-BE Hangul.
    out["short-zh-hans-gbk.gb18030"] = ("中文测试".encode("gbk"), "中文测试")
    short = "中文乱码测试，编码错误"
    out["short-zh-hans-gb18030.gb18030"] = (short.encode("gb18030"), short)
    # Mostly UTF-8: a GBK paragraph, a Big5 one and cp1252 letters pasted into UTF-8 text.
    head = "这是一篇用UTF-8保存的文章。\n"
    gbk_part = "后来粘贴进来的这一段是GBK编码的，内容也是中文。\n"
    out["broken-utf8-gb18030-run.utf-8"] = (
        head.encode() + gbk_part.encode("gbk") + "最后一段又是UTF-8。\n".encode(),
        head + gbk_part + "最后一段又是UTF-8。\n",
    )
    big5_part = "這一段是繁體中文，用Big5編碼保存。\n"
    out["broken-utf8-big5-run.utf-8"] = (
        "這是一篇繁體文章的開頭。\n".encode() + big5_part.encode("big5"),
        "這是一篇繁體文章的開頭。\n" + big5_part,
    )
    french = "Le café est très bon et les crêpes sont délicieuses à Noël.\n"
    pasted = "Un été à Paris.\n"
    out["broken-utf8-cp1252-run.utf-8"] = (
        french.encode() + pasted.encode("cp1252"),
        french + pasted,
    )
    # Bytes no codec reads: U+FFFD, never dropped.
    out["broken-utf8-undecodable.utf-8"] = (
        "前面是正确的中文。".encode() + b"\xff\xfe\x80" + "后面也是。\n".encode(),
        "前面是正确的中文。\ufffd后面也是。\n",
    )
    # Skipped: binary data, and a reading that stays uncertain (two plausible readings).
    binary = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    out["skip-binary.binary"] = (binary, None)
    # "한국어" in EUC-KR also reads as GB2312 "茄惫绢": two plausible readings, too short.
    out["skip-uncertain-ko-euc_kr.euc_kr"] = ("한국어".encode("euc_kr"), None)
    # French in EUC-JP: charset-normalizer proposes cp932, which does not read it.
    out["skip-uncertain-fr-euc_jp.euc_jp"] = (TEXTS["fr"].encode("euc_jp"), None)
    # "测试" in GBK: two characters give too little evidence for any reading.
    out["skip-uncertain-zh-hans-gbk.gb18030"] = ("测试".encode("gbk"), None)
    return out


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.txt"):
        old.unlink()
    for slug, (data, expected) in pairs().items():
        (OUT / f"{slug}.input.txt").write_bytes(data)
        if expected is not None:
            (OUT / f"{slug}.expected.txt").write_bytes(expected.encode("utf-8"))
    print(f"wrote {len(pairs())} fixtures to {OUT}")


if __name__ == "__main__":
    main()
