"""How plausible is a piece of CJK text as real writing? Shared by decoding and mojibake rules.

A wrong decoding of CJK bytes still gives valid characters, only the wrong ones: rare
ideographs, GBK extension characters, Hanja sprinkled into Hangul, kana inside Chinese,
private-use characters. Correct text is dominated by the few thousand characters that the
national standards put first. This module scores text by exactly that, per script:

    >>> round(score("中文测试"), 2), round(score("櫓匡꿎桿"), 2)
    (0.75, 0.25)
    >>> best_script("中文測試"), best_script("日本語のテキスト"), best_script("한국어 텍스트")
    ('zh-Hant', 'ja', 'ko')

API (kept small on purpose):
- `score(text, script=None) -> float`: mean per-character weight, in [-1, 1], for `script`
  ("zh-Hans", "zh-Hant", "ja", "ko") or, without one, the best of the four.
- `best_script(text) -> str | None`: the script under which `text` scores best.
- `prefers(text, script, other) -> bool`: scores better as `script` than as `other` (fast
  between the two Chinese scripts).
- `common_ratio(text) -> float`: share of the CJK characters that are in any common tier.
- `counted(text) -> int`: how many characters the score is based on (short = less evidence).

Weights per character, for each script (other characters, ASCII, digits, punctuation and
spaces, are not counted):
- 1.0: the most frequent characters of the language (charset-normalizer's
  `COMMON_CHINESE_CHARACTERS` / `FREQUENCIES` lists, for traditional Chinese their
  traditional forms, `cjk_tables.TRADITIONAL_TOP`; the first 40 hiragana by frequency);
- 0.5: the common tier of the national standard (GB2312 level 1, Big5 A440-C67E, JIS X 0208
  level 1 plus all regular kana, KS X 1001 Hangul);
- 0.2: the second tier (GB2312 level 2, Big5 C940-F9D5, JIS level 2);
  for Korean, KS X 1001 Hanja weigh 0.1 (rare in modern Korean);
- an ASCII space between two CJK characters counts as a character: 0.7 for Korean (which
  separates words so), -0.5 for Chinese and Japanese (a Korean text misread looks so);
- 0.0: any other ideograph or Hangul syllable (GBK/Big5 extensions, CJK Extension A ...);
- -0.3: in Japanese, a Han character outside JIS X 0208; -0.5 for a small kana that
  cannot follow the character before it ("いゅ");
- -0.5: a script foreign to the language (kana in Chinese, Hangul in Chinese or Japanese,
  kana in Korean), halfwidth katakana outside Japanese, box drawing and Greek/Cyrillic
  letters next to CJK text (what the symbol rows of GBK give when misread);
- -1.0: U+FFFD, private-use characters, C1 controls, lone surrogates, unassigned points.

The sets come from the codecs Python ships (see `_tiers`), built on first use (~30 ms).

Measured with `python bench/plausibility.py` (correct vs. wrong readings of the same bytes:
windows of N CJK characters from the acceptance articles and Japanese/Korean samples, encoded
in GB18030/Big5/Shift-JIS/EUC-JP/CP949 and decoded with every other codec that accepts them;
AUC = the chance that the correct reading scores higher):

    decoding, AUC                 N=4     N=8     N=16    N=64
    plausibility.score            0.993   1.000   1.000   1.000
    plausibility.common_ratio     0.841   0.877   0.931   0.976
    charset-normalizer mess_ratio 0.721   0.803   0.973   1.000
    charset-normalizer coherence  0.500   0.500   0.500   0.542
    score p5 correct / p95 wrong  .62/.62 .69/.53  .74/.51 .81/.52
    pairs missing the 0.2 margin  3.8%    1.7%    0.9%    1.2%

    mojibake runs (UTF-8 as GBK, Big5 as GBK, GBK as Big5), AUC
    plausibility.score            0.998   1.000   1.000   1.000
    charset-normalizer mess_ratio 0.945   0.997   1.000   1.000
    pairs missing the 0.2 margin  0.8%    0.2%    0.0%    0.0%

So callers treat >= 0.55 as plausible and ask for a margin of 0.2 between two readings;
pairs that miss the margin are left undecided (a short file is then skipped as uncertain).
They are mostly EUC-JP read as GB2312 (the kana survive unchanged, only the kanji differ)
and Korean read as GB2312 or as kanji. The mess and coherence measures are built for whole
documents and for telling languages apart; on short runs of ideographs they see "valid CJK"
either way.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable

from cleaner import cjk_tables
from cleaner.han import HAN_RE

SCRIPTS: tuple[str, ...] = ("zh-Hans", "zh-Hant", "ja", "ko")

#: A reading scoring at least this is plausible writing (5th percentile of correct readings
#: of 4 characters: 0.62; 95th percentile of wrong ones: 0.50).
PLAUSIBLE = 0.55
#: How much better one reading must score than another to be preferred with confidence.
MARGIN = 0.2

_GB_TRAILS = range(0xA1, 0xFF)
_BIG5_TRAILS = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]


def _pairs(encoding: str, leads: Iterable[int], trails: Iterable[int]) -> set[str]:
    out: set[str] = set()
    trail_list = list(trails)
    for lead in leads:
        for trail in trail_list:
            try:
                char = bytes([lead, trail]).decode(encoding)
            except UnicodeDecodeError:
                continue
            if len(char) == 1:
                out.add(char)
    return out


@functools.cache
def _tiers() -> dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]]:
    """Per script: (most frequent, common tier, second tier), derived from the codecs."""
    from charset_normalizer import constant

    zh_top = set(constant.COMMON_CHINESE_CHARACTERS) | set(constant.FREQUENCIES["Chinese"])
    ja_top = set(constant.COMMON_JAPANESE_CHARACTERS) | set(constant.FREQUENCIES["Japanese——"][:40])
    ko_top = set(constant.FREQUENCIES["Korean"]) | set(constant.COMMON_KOREAN_CHARACTERS)

    gb1 = _pairs("gb2312", range(0xB0, 0xD8), _GB_TRAILS)
    gb2 = _pairs("gb2312", range(0xD8, 0xF8), _GB_TRAILS)
    big5_1 = _pairs("big5", range(0xA4, 0xC6), _BIG5_TRAILS) | _pairs(
        "big5", [0xC6], range(0x40, 0x7F)
    )
    big5_2 = _pairs("big5", range(0xC9, 0xFA), _BIG5_TRAILS)
    traditional = re.compile(f"[{cjk_tables.TRADITIONAL_TOP}]")
    trad_top = {c for c in big5_1 if traditional.match(c)}
    jis1 = _pairs("euc_jp", range(0xB0, 0xD0), _GB_TRAILS)
    jis2 = _pairs("euc_jp", range(0xD0, 0xF5), _GB_TRAILS)
    kana = {chr(c) for c in range(0x3041, 0x3097)} | {chr(c) for c in range(0x30A1, 0x30FB)}
    kana.add("ー")
    ks_hangul = _pairs("euc_kr", range(0xB0, 0xC9), _GB_TRAILS)

    return {
        "zh-Hans": (frozenset(zh_top & gb1), frozenset(gb1), frozenset(gb2)),
        "zh-Hant": (frozenset((zh_top | trad_top) & big5_1), frozenset(big5_1), frozenset(big5_2)),
        "ja": (frozenset(ja_top), frozenset(jis1 | kana), frozenset(jis2)),
        "ko": (frozenset(ko_top), frozenset(ks_hangul), frozenset()),
    }


@functools.cache
def _common() -> frozenset[str]:
    return frozenset().union(*(top | common for top, common, _ in _tiers().values()))


@functools.cache
def _korean_hanja() -> frozenset[str]:
    return frozenset(_pairs("euc_kr", range(0xCA, 0xFE), _GB_TRAILS))


#: Weights of the common and the second tier (the most frequent characters weigh 1.0).
COMMON = 0.5
SECOND = 0.2
#: KS X 1001 Hanja in a Korean reading: legitimate but rare in modern Korean.
HANJA = 0.1
#: An ASCII space between two CJK characters: how Korean separates words (evidence for a
#: Korean reading), but almost never seen in Chinese or Japanese, where it is what a Korean
#: text misread as Chinese looks like.
SPACE_KO = 0.7
SPACE_OTHER = -0.5

#: Small kana: each can only follow certain kana (ゃゅょ the i-column, small vowels mostly
#: katakana). Kana read from GBK rows A4/A5 out of Big5 or GBK bytes break this at random.
SMALL_KANA = frozenset("ぁぃぅぇぉゃゅょゎっァィゥェォャュョヮッヵヶ")
I_COLUMN = frozenset("きしちにひみりぎじぢびぴキシチニヒミリギジヂビピテデフヴ")
BAD_SMALL_KANA = -0.5
#: A Han character outside JIS X 0208 in a Japanese reading: simplified-only characters and
#: GBK extensions, what Chinese bytes misread as Japanese (or the reverse) are full of.
NOT_JIS = -0.3

# Character classes, by code point.
_HAN, _KANA, _HANGUL, _HALFKANA, _BAD, _ODD, _OTHER = range(7)
_CJK = (_HAN, _KANA, _HANGUL)


@functools.cache
def _kind(char: str) -> int:
    cp = ord(char)
    if cp < 0x80:
        return _OTHER
    if HAN_RE.match(char):
        return _HAN
    if 0x3041 <= cp <= 0x30FF:
        return _KANA
    if 0xAC00 <= cp <= 0xD7A3:
        return _HANGUL
    if 0xFF66 <= cp <= 0xFF9F:
        return _HALFKANA
    if cp == 0xFFFD or 0xE000 <= cp <= 0xF8FF or 0x80 <= cp <= 0x9F or 0xD800 <= cp <= 0xDFFF:
        return _BAD
    category = unicodedata.category(char)
    if category == "Cn" or category == "Co":
        return _BAD
    if 0x2500 <= cp <= 0x257F or 0x0370 <= cp <= 0x04FF or 0x3105 <= cp <= 0x312F:
        return _ODD  # box drawing, Greek, Cyrillic, bopomofo: GBK/Big5 symbol rows misread
    if 0xFE10 <= cp <= 0xFE1F or 0xFE30 <= cp <= 0xFE6F:
        # vertical and small presentation forms ("︽", "﹏"), which horizontal text does not
        # use: Big5 "換行符" read as GBK is "传︽才"
        return _ODD
    return _OTHER


def _weight(char: str, kind: int, script: str) -> float | None:
    if kind == _OTHER:
        return None
    if kind == _BAD:
        return -1.0
    if kind == _ODD:
        return -0.5
    if kind == _HALFKANA:
        return 0.0 if script == "ja" else -0.5
    if kind == _KANA and script != "ja":
        return -0.5
    if kind == _HANGUL and script != "ko":
        return -0.5
    top, common, second = _tiers()[script]
    if char in top:
        return 1.0
    if char in common:
        return COMMON
    if script == "ko" and kind == _HAN:
        return HANJA if char in _korean_hanja() else 0.0
    if char in second:
        return SECOND
    if script == "ja" and kind == _HAN:
        return NOT_JIS
    return 0.0


@functools.cache
def _weights(char: str) -> tuple[float, float, float, float] | None:
    """The weight of `char` for each script in `SCRIPTS` order, or None if not counted."""
    kind = _kind(char)
    if kind == _OTHER:
        return None
    zh_hans, zh_hant, ja, ko = (_weight(char, kind, script) or 0.0 for script in SCRIPTS)
    return zh_hans, zh_hant, ja, ko


_SPACE = (SPACE_OTHER, SPACE_OTHER, SPACE_OTHER, SPACE_KO)


def _scores(text: str) -> tuple[dict[str, float], int]:
    a = b = c = d = 0.0
    n = 0
    previous = ""  # the last character that was not an ASCII space
    gap = False  # one ASCII space since the last CJK character
    for char in text:
        w = _weights(char)
        if w is None:
            gap = char == " " and not gap and previous != "" and _kind(previous) in _CJK
            if char != " ":
                previous = char
            continue
        if gap and _kind(char) in _CJK:
            n += 1
            a, b, c, d = a + _SPACE[0], b + _SPACE[1], c + _SPACE[2], d + _SPACE[3]
        gap = False
        n += 1
        if char in SMALL_KANA and not _small_kana_fits(previous, char):
            a, b, c, d = a + w[0], b + w[1], c + BAD_SMALL_KANA, d + w[3]
        else:
            a, b, c, d = a + w[0], b + w[1], c + w[2], d + w[3]
        previous = char
    if n == 0:
        return dict.fromkeys(SCRIPTS, 0.0), 0
    return {"zh-Hans": a / n, "zh-Hant": b / n, "ja": c / n, "ko": d / n}, n


def _small_kana_fits(previous: str, small: str) -> bool:
    """Whether a small kana can follow `previous` in Japanese ("きゃ" yes, "いゅ" no)."""
    if not previous or _kind(previous) != _KANA:
        return False
    if small in "ゃゅょャュョ":
        return previous in I_COLUMN
    if small in "っッ":
        return previous not in SMALL_KANA
    return "\u30a0" <= small <= "\u30ff" or previous in "ゔ"  # small vowels: katakana loans


def score(text: str, script: str | None = None) -> float:
    """Plausibility of `text` in [-1, 1]: 0.6-1.0 is ordinary writing, below 0.5 is suspect.

    With `script` ("zh-Hans", "zh-Hant", "ja", "ko") the text is judged as that language,
    otherwise as the one it fits best. Text with no CJK or suspicious character scores 0.0
    (see `counted`).

        >>> score("鈥滄垜浠") < 0.3 < 0.7 < score("“我们")
        True
    """
    scores, _ = _scores(text)
    if script is not None:
        return scores[script]
    return max(scores.values())


def prefers(text: str, script: str, other: str) -> bool:
    """Whether `text` scores higher as `script` than as `other`: score(text, script) >
    score(text, other), for text with at least one counted character.

    Between the two Chinese scripts this is the sign of a sum of one whole number per
    character (see `Leaning`); other pairs are scored in full.

        >>> prefers("這是繁體中文", "zh-Hant", "zh-Hans"), prefers("这是简体", "zh-Hant", "zh-Hans")
        (True, False)
    """
    if {script, other} <= {"zh-Hans", "zh-Hant"}:
        return script != other and Leaning(text, script).over(0, len(text)) > 0
    scores, n = _scores(text)
    return n > 0 and scores[script] > scores[other]


class Leaning:
    """How much the spans of one text lean to one Chinese script over the other.

    `over(start, end) > 0` exactly when text[start:end] scores higher as `script` than as
    the other Chinese script. Between the two, every term of the score but the character
    weights is the same (spaces, the count), so the comparison is the sign of the sum of
    the weights' differences; the weights are tenths, so ten times the difference is a
    whole number per character (0 for all but Han characters). Those are looked up with
    `str.translate`, summed cumulatively per block of the text, on first need: a rule that
    asks about thousands of spans of a text (`gbk-as-big5`, for each stretch of a
    traditional text) pays about one lookup per character, and only where it asks.

        >>> lean = Leaning("這是繁體中文，这是简体", "zh-Hant")
        >>> lean.over(0, 6) > 0, lean.over(7, 11) > 0
        (True, False)
    """

    BLOCK = 4096

    def __init__(self, text: str, script: str) -> None:
        self.text = text
        self.codes = _codes(script)
        self.blocks: dict[int, list[int]] = {}

    def _block(self, k: int) -> list[int]:
        sums = self.blocks.get(k)
        if sums is None:
            piece = self.text[k * self.BLOCK : (k + 1) * self.BLOCK]
            data = piece.translate(self.codes).encode("latin-1")
            sums = self.blocks[k] = list(itertools.accumulate(data, initial=0))
        return sums

    def over(self, start: int, end: int) -> int:
        """Ten times the sum of the weight differences of text[start:end]."""
        k, offset = divmod(start, self.BLOCK)
        stop = end - k * self.BLOCK
        if stop <= self.BLOCK:  # within one block: the common case, kept short
            sums = self.blocks.get(k) or self._block(k)
            return sums[stop] - sums[offset] - _ZERO * (stop - offset)
        total = 0
        while start < end:
            k, offset = divmod(start, self.BLOCK)
            stop = min(end - k * self.BLOCK, self.BLOCK)
            sums = self._block(k)
            total += sums[stop] - sums[offset] - _ZERO * (stop - offset)
            start = k * self.BLOCK + stop
        return total


#: The code of a character with no lean in `_Codes` (codes stay within Latin-1).
_ZERO = 64


class _Codes(dict[int, int]):
    """Code point -> _ZERO + ten times its weight in `script` minus in the other Chinese
    script, filled on first sight (a `str.translate` table)."""

    def __init__(self, script: str) -> None:
        super().__init__()
        self.index = SCRIPTS.index(script)
        self.other = SCRIPTS.index("zh-Hant" if script == "zh-Hans" else "zh-Hans")

    def __missing__(self, point: int) -> int:
        w = _weights(chr(point))
        value = _ZERO + (0 if w is None else round(10 * (w[self.index] - w[self.other])))
        self[point] = value
        return value


@functools.cache
def _codes(script: str) -> _Codes:
    return _Codes(script)


def best_script(text: str) -> str | None:
    """The script `text` fits best, or None when it has no CJK character at all."""
    scores, n = _scores(text)
    if n == 0:
        return None
    return max(SCRIPTS, key=lambda s: scores[s])


def counted(text: str) -> int:
    """How many characters of `text` the score is based on."""
    return sum(1 for char in text if _weights(char) is not None)


def common_ratio(text: str) -> float:
    """Share of the Han/kana/Hangul characters of `text` that are in a common tier.

    >>> common_ratio("中文测试"), common_ratio("鍙戝竷")
    (1.0, 0.0)
    """
    common = _common()
    cjk = [c for c in text if _kind(c) in _CJK]
    if not cjk:
        return 0.0
    return sum(1 for c in cjk if c in common) / len(cjk)
