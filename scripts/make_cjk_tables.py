"""Generate `cleaner/cjk_tables.py`: character sets derived from the codecs Python ships.

Run from the repository root (deterministic; the output is committed):

    python scripts/make_cjk_tables.py          # rewrite cleaner/cjk_tables.py
    python scripts/make_cjk_tables.py --check  # exit 1 if the committed file is stale

Nothing here is downloaded or hand-typed: every set is the decoding of a byte range that the
national standards order by frequency (or, for the mojibake triggers, by what a wrong decoder
makes of another encoding's bytes).

Frequency tiers (used by `cleaner.plausibility`):
- GB2312 level 1 (rows B0-D7): the 3755 most common simplified characters; level 2 (D8-F7):
  3008 less common ones.
- Big5 A440-C67E: the 5401 frequent traditional characters; C940-F9D5: 7652 less frequent.
- JIS X 0208 level 1 kanji (EUC-JP rows B0-CF): 2965; level 2 (D0-F4): 3390.
- KS X 1001 Hangul (EUC-KR rows B0-C8): the 2350 syllables modern Korean needs; its Hanja
  (CA-FD): 4888, rare in modern Korean text.

TRADITIONAL_TOP (used by `cleaner.plausibility`): the traditional forms (OpenCC s2t) of
charset-normalizer's most common Chinese characters, which are simplified; without it a
traditional text could not be told from random Big5 characters.

Mojibake triggers (used by `cleaner.rules.cjk_mojibake`, one compiled class per family):
- UTF8_AS_GBK: what GBK makes of a UTF-8 lead byte of a CJK character (E3-E9, plus EF for
  fullwidth forms and U+FFFD, E2 for curly quotes and dashes) followed by a continuation byte
  (80-BF). Every run of two or more garbled characters contains one, because the UTF-8
  character boundaries come back in step every two GBK characters. Common GB2312 level-1
  characters are removed (they cannot come from such a pair anyway: their trail bytes are
  A1-FE and their lead bytes B0-D7, not E_).
- BIG5_AS_GBK: what GB18030 makes of a frequent Big5 character (A440-C67E) or Big5
  punctuation (A140-A3BF), minus every character that is itself in Big5 or GB2312: what is
  left (GBK extension characters of the A8-FE x 40-A0 area, private-use characters of the
  user-defined areas) does not occur in correct simplified or traditional text. Kana read
  from rows A4/A5 are in GB2312 and so not triggers (Japanese text would hit them).
- GBK_AS_BIG5: what Big5 makes of a common GBK character (GB2312, both bytes A1-FE), minus
  GB2312 and minus characters typical of correct traditional text (Big5 rows A1-AF and the
  traditional forms of the most common characters, TRADITIONAL_TOP). What is left are
  less common traditional characters from Big5 rows B0-F7 with trail bytes A1-FE.

Stretches (used by `cleaner.rules.cjk_mojibake`): BIG5_TWO_BYTE and GB18030_TWO_BYTE, the
characters each codec encodes in two bytes, which is what a run misread by it is made of.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "cleaner" / "cjk_tables.py"

GB_TRAILS = range(0xA1, 0xFF)
BIG5_TRAILS = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
CONT = range(0x80, 0xC0)


def decode_pairs(encoding: str, leads: Iterable[int], trails: Iterable[int]) -> list[str]:
    """Every character `encoding` decodes from a (lead, trail) pair, in byte order."""
    out: list[str] = []
    trails = list(trails)
    for lead in leads:
        for trail in trails:
            try:
                char = bytes([lead, trail]).decode(encoding)
            except UnicodeDecodeError:
                continue
            if len(char) == 1:
                out.append(char)
    return out


def two_byte_chars(codec: str) -> set[str]:
    """Every character `codec` encodes in exactly two bytes (the pairs it decodes, kept
    where encoding gives the pair back)."""
    out = set()
    for char in decode_pairs(codec, range(0x81, 0xFF), [*range(0x40, 0x7F), *range(0x80, 0xFF)]):
        if len(char.encode(codec)) == 2:
            out.add(char)
    return out


def big5_frequent() -> list[str]:
    full = decode_pairs("big5", range(0xA4, 0xC6), BIG5_TRAILS)
    return full + decode_pairs("big5", [0xC6], range(0x40, 0x7F))


def ranges(chars: Iterable[str]) -> list[str]:
    """Regex character-class pieces for `chars` (single escapes or ranges), sorted."""
    points = sorted({ord(c) for c in chars})
    parts: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{_esc(points[i])}-{_esc(points[j])}")
        else:
            parts.extend(_esc(p) for p in points[i : j + 1])
        i = j + 1
    return parts


def _esc(point: int) -> str:
    """The character itself where it is a printable ideograph/letter, else an escape."""
    char = chr(point)
    if char.isprintable() and char.isalpha() and not 0xE000 <= point <= 0xF8FF:
        return char
    return f"\\u{point:04x}" if point < 0x10000 else f"\\U{point:08x}"


def is_han(char: str) -> bool:
    return unicodedata.name(char, "").startswith("CJK ")


def is_private(char: str) -> bool:
    return "\ue000" <= char <= "\uf8ff"


def tables() -> dict[str, tuple[str, list[str]]]:
    gb1 = set(decode_pairs("gb2312", range(0xB0, 0xD8), GB_TRAILS))
    gb2312_all = set(decode_pairs("gb2312", range(0xA1, 0xF8), GB_TRAILS))
    big5_all = set(decode_pairs("big5", range(0xA1, 0xFA), BIG5_TRAILS))

    utf8_leads = [0xE2, *range(0xE3, 0xEA), 0xEF]
    utf8_as_gbk = set(decode_pairs("gbk", utf8_leads, CONT)) - gb1

    # GB18030 rather than Python's GBK codec: it maps the user-defined areas to private use,
    # as Windows (cp936) and browsers do, and Big5 punctuation (A140-A3BF) lands there.
    # What GBK makes of a continuation byte followed by a lead byte: the character after a
    # trigger when the run goes on (the trigger's 3-byte character ends with the first byte,
    # the next character starts with the second). The euro sign is cp936's byte 0x80 alone.
    # GB18030, as Windows and browsers read the user-defined rows AA-AF as private use.
    utf8_as_gbk_next = set(decode_pairs("gb18030", CONT, range(0xC2, 0xF5))) | {"\u20ac"}

    big5_bytes_as_gbk = set(decode_pairs("gb18030", range(0xA4, 0xC6), BIG5_TRAILS))
    big5_bytes_as_gbk |= set(decode_pairs("gb18030", [0xC6], range(0x40, 0x7F)))
    big5_bytes_as_gbk |= set(decode_pairs("gb18030", range(0xA1, 0xA4), BIG5_TRAILS))
    # Only Han characters and private use trigger: the symbols among these readings stand
    # in correct text too (the kana marks ー ヽ 〆 of every Japanese text, the double-line
    # box drawing ╔═╗ of tables, ⅰ ⅱ ⅲ, ‐, €), and a garbled run holds other triggers.
    big5_as_gbk = {
        c for c in big5_bytes_as_gbk - big5_all - gb2312_all if is_han(c) or is_private(c)
    }

    gbk_as_big5_all = set(decode_pairs("big5", range(0xB0, 0xF8), GB_TRAILS))
    typical_traditional = set(decode_pairs("big5", range(0xA1, 0xB0), BIG5_TRAILS))
    gbk_as_big5 = {
        c for c in gbk_as_big5_all - gb2312_all - typical_traditional if is_han(c)
    }  # not the kana iteration marks ゝ ゞ ヾ

    # Traditional forms of charset-normalizer's most common Chinese characters (OpenCC's
    # s2t, a conversion table; only this script needs OpenCC).
    import opencc
    from charset_normalizer import constant

    zh_top = constant.COMMON_CHINESE_CHARACTERS + "".join(constant.FREQUENCIES["Chinese"])
    traditional_top = set(opencc.OpenCC("s2t").convert(zh_top)) - set(zh_top)
    # The most common traditional characters are what correct traditional text is made of;
    # a garbled run of three characters still holds another trigger 90% of the time.
    gbk_as_big5 -= traditional_top

    two_byte = {codec: two_byte_chars(codec) for codec in ("big5", "gb18030")}

    return {
        "TRADITIONAL_TOP": (
            "Traditional forms of the most common Chinese characters",
            [*traditional_top],
        ),
        "UTF8_AS_GBK": ("GBK reading of a UTF-8 lead byte + continuation byte", [*utf8_as_gbk]),
        "UTF8_AS_GBK_NEXT": (
            "GBK reading of a UTF-8 continuation byte + lead byte (and the euro sign)",
            [*utf8_as_gbk_next],
        ),
        "BIG5_AS_GBK": (
            "GBK reading of Big5 bytes that is in neither Big5 nor GB2312",
            [*big5_as_gbk],
        ),
        "GBK_AS_BIG5": ("Big5 reading of GB2312 bytes, atypical of correct text", [*gbk_as_big5]),
        "BIG5_TWO_BYTE": ("Characters Big5 encodes in two bytes", [*two_byte["big5"]]),
        "GB18030_TWO_BYTE": ("Characters GB18030 encodes in two bytes", [*two_byte["gb18030"]]),
    }


def render() -> str:
    lines = [
        '"""Character sets derived from the codecs Python ships. GENERATED, do not edit.',
        "",
        "Regenerate with `python scripts/make_cjk_tables.py`; that script's docstring explains",
        "where each set comes from. Each constant is a regex character-class body (ranges).",
        '"""',
        "",
    ]
    for name, (doc, chars) in tables().items():
        lines.append(f"#: {doc} ({len(set(chars))} characters)")
        chunks = [""]
        for piece in ranges(chars):
            if len(chunks[-1]) + len(piece) > 88:
                chunks.append("")
            chunks[-1] += piece
        if len(chunks) == 1:
            lines.append(f'{name} = "{chunks[0]}"')
        else:
            lines.append(f"{name} = (")
            lines.extend(f'    "{chunk}"' for chunk in chunks)
            lines.append(")")
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    text = render()
    if "--check" in sys.argv[1:]:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is stale: run python scripts/make_cjk_tables.py")
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
