"""Generate `fixtures/mojibake/`: mojibake runs embedded in clean text, and negatives.

Run from the repository root (deterministic; the output is committed):

    python scripts/make_mojibake_fixtures.py

Each pair `<family>-<slug>.input.txt` / `.expected.txt` is made by encoding clean text and
decoding it as the family does, then embedding the garbled run in otherwise clean text;
the expected file is the clean text (what cleaner must write, with the loss of bytes that
were already lost shown as U+FFFD). GBK decoding is done as Windows' cp936 does (GB18030
pairs, which keep GBK's user-defined areas as private-use characters, and 0x80 as "€").
`negative-<slug>.txt` files are correct text that looks suspicious; they must come back
byte-identical.
"""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "mojibake"


def cp936_decode(data: bytes) -> str:
    """Decode as Windows' GBK (cp936) does: pairs as GB18030, byte 0x80 as the euro sign,
    any other undecodable byte as U+FFFD."""
    out: list[str] = []
    i = 0
    while i < len(data):
        byte = data[i]
        if byte < 0x80:
            out.append(chr(byte))
            i += 1
        elif byte == 0x80:
            out.append("\u20ac")
            i += 1
        else:
            try:
                out.append(data[i : i + 2].decode("gb18030"))
                i += 2
            except UnicodeDecodeError:
                out.append("\ufffd")
                i += 1
    return "".join(out)


def utf8_as_gbk(text: str) -> str:
    return cp936_decode(text.encode("utf-8"))


def utf8_as_cp1252(text: str) -> str:
    """Decode UTF-8 bytes as browsers read windows-1252 (WHATWG): the five bytes cp1252
    leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) become the C1 controls of Latin-1."""
    return "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8")
    )


def gbk_as_latin1(text: str) -> str:
    return text.encode("gbk").decode("latin-1")


def big5_as_gbk(text: str) -> str:
    return text.encode("big5").decode("gb18030")


def gbk_as_big5(text: str) -> str:
    return text.encode("gbk").decode("big5")


def pairs() -> dict[str, tuple[str, str]]:
    """slug -> (input text, expected text)."""
    out: dict[str, tuple[str, str]] = {}

    def embed(slug: str, before: str, run: str, after: str, garble: object) -> None:
        garbled = garble(run)  # type: ignore[operator]
        clean = run
        if garbled.endswith("\ufffd"):
            # cp936 reads 0x80 alone ("€"), so a run can end out of step: its last byte
            # becomes U+FFFD and the last character cannot be recovered.
            clean = run[:-1] + "\ufffd"
        out[slug] = (before + garbled + after, before + clean + after)

    # UTF-8 read as GBK
    embed("utf8-as-gbk-quote", "记者报道，他说：", "“我们的目标是发布新版”", "。\n", utf8_as_gbk)
    embed("utf8-as-gbk-word", "今天", "发布", "了新的规定。\n", utf8_as_gbk)
    embed("utf8-as-gbk-title", "", "文本清洗工具使用说明", "\n第一章 概述\n", utf8_as_gbk)
    embed(
        "utf8-as-gbk-crlf",
        "第一行是正常的。\r\n",
        "第二行曾经被错误地解码。",
        "\r\n第三行也正常。",
        utf8_as_gbk,
    )
    embed("utf8-as-gbk-mixed-ascii", "Version 2.0 ", "版本发布说明", " (2024)\n", utf8_as_gbk)
    # U+FFFD written as UTF-8 and read as GBK: the characters were lost before.
    out["utf8-as-gbk-fffd"] = (
        "这里有乱码锟斤拷锟斤拷，原文已丢失。\n",
        "这里有乱码\ufffd\ufffd\ufffd\ufffd，原文已丢失。\n",
    )
    # An odd number of 3-byte characters: the last byte was lost, shown as "?".
    lost = cp936_decode("发布会".encode()[:-1])  # "鍙戝竷" + half of 会
    out["utf8-as-gbk-lost-byte"] = ("新闻" + lost + "?今天举行。\n", "新闻发布\ufffd今天举行。\n")

    # UTF-8 read as windows-1252: ftfy's family (rule latin-mojibake)
    embed("latin-mojibake-french", "Le ", "café est fermé à l’heure", ".\n", utf8_as_cp1252)
    embed("latin-mojibake-quotes", "He said ", "“hello” — and left", ".\n", utf8_as_cp1252)
    embed("latin-mojibake-german", "Straße: ", "Größe über Äpfel", ".\n", utf8_as_cp1252)
    embed("latin-mojibake-in-chinese", "他说：", "“你好”", "。\n", utf8_as_cp1252)

    # GBK read as Latin-1 / cp1252
    embed("gbk-as-latin1-line", "", "中文测试", "\n", gbk_as_latin1)
    embed("gbk-as-latin1-greeting", "Message: ", "你好，世界", "\n", gbk_as_latin1)
    embed("gbk-as-latin1-sentence", "标题\n", "我们今天去北京开会。", "\n结束\n", gbk_as_latin1)
    # in a Chinese line: the accented letters are not scored, the repair must fit the line
    embed("gbk-as-latin1-in-chinese", "他说：", "社区居民都很支持", "。\n", gbk_as_latin1)

    # Big5 read as GBK
    embed(
        "big5-as-gbk-sentence",
        "他說：",
        "今天天氣很好，我們一起去公園散步。",
        "真的\n",
        big5_as_gbk,
    )
    embed("big5-as-gbk-words", "報導：", "繁體中文內容", "。\n", big5_as_gbk)

    # GBK read as Big5 (texts whose GBK bytes all exist in Big5)
    embed("gbk-as-big5-words", "开头：", "简体中文测试", "。\n", gbk_as_big5)
    embed("gbk-as-big5-sentence", "他说：", "这是一个简单的例子", "，好吗？\n", gbk_as_big5)
    embed("gbk-as-big5-comma", "通知：", "我们明天在公园见面，好吗", "？\n", gbk_as_big5)
    return out


NEGATIVES: dict[str, str] = {
    # Level-2 characters that are also what UTF-8 read as GBK looks like (娓, 鏖, 瑾 ...)
    "rare-characters": "他娓娓道来，讲述了那场鏖战；瑾瑜之玉，琛瑶之宝，皆为瑰宝。\n",
    "classical-chinese": (
        "學而時習之，不亦說乎？有朋自遠方來，不亦樂乎？人不知而不慍，不亦君子乎？\n"
    ),
    "japanese": (
        "日本語の文章です。漢字と仮名が混ざっています。東京都渋谷区で会議を開催しました。\n"
    ),
    "korean": "한국어 문장입니다. 서울에서 회의를 열었습니다.\n",
    "fullwidth-punctuation": "“你好！”他说，“今天（星期一）天气很好；温度：２５℃。”\n",
    "copyright-in-body": "本文版权所有© 2024，作者保留一切权利。Copyright © 2024 Example Inc.\n",
    "french": "L'été à Paris : café, crème brûlée et château — « très bien ».\n",
    "german": "Die Größe der Straße; Äpfel und Öl; Äußerung über Übergrößen.\n",
    "latin1-symbols": "Temperatur: 25°C ± 2°, Fläche 3 m², ½ Liter, §12, ¿Qué?\n",
    "traditional-article": "臺灣的經濟發展迅速，科技產業蓬勃，許多企業在國際市場上嶄露頭角。\n",
    "mixed-scripts": "Python 3.12 版本发布，支持 UTF-8 编码；日本語も対応。\n",
    # GBK's readings of Big5 bytes that are symbols: double-line box drawing, roman numerals,
    # kana marks (rich's box.py was "repaired" into 沂汽男災)
    "box-drawing": '成绩表\n"║ │║\\n"\n"╚═╧╝\\n"\n╔═╤═╗\n║甲│乙║\n╚═╧═╝\nⅰ、一；ⅱ、二。\n',
    # Debian Reference (zh-tw): Big5 of 換行符 read as GBK is 传︽才, all common characters
    # but a vertical form
    "traditional-table-row": "    |.     |.   |匹配任意字元，包括換行符             |\n",
    "japanese-marks": "こゝろ、いすゞ、みすゞ。バヾ。ラーメン〆切。\n",
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.txt"):
        old.unlink()
    for slug, (garbled, clean) in pairs().items():
        (OUT / f"{slug}.input.txt").write_bytes(garbled.encode("utf-8"))
        (OUT / f"{slug}.expected.txt").write_bytes(clean.encode("utf-8"))
    for slug, text in NEGATIVES.items():
        (OUT / f"negative-{slug}.txt").write_bytes(text.encode("utf-8"))
    print(f"wrote {len(pairs())} pairs and {len(NEGATIVES)} negatives to {OUT}")


if __name__ == "__main__":
    main()
