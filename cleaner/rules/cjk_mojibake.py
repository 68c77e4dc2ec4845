"""CJK mojibake that is a wrong decoding of one run: repair the run, never the document.

Four families, each its own rule: UTF-8 read as GBK, GBK read as Latin-1/cp1252, Big5 read
as GBK and GBK read as Big5. They share one method:
1. one compiled regex finds characters typical of the garbled form (derived from the codecs
   by scripts/make_cjk_tables.py, see `cleaner.cjk_tables`); text without any is left at
   once, which is the case for nearly all clean text (see bench/accuracy.py);
2. around a hit, the run of characters the wrong codec can have produced is re-encoded with
   that codec and decoded with the right one, strictly;
3. the repair is kept only where the repaired reading is clearly more plausible than the
   garbled one (`cleaner.plausibility`: plausible, and better by `MARGIN`). Correct
   neighbours of the run are trimmed off, so a mostly-right document keeps its text.

GBK is re-encoded as GB18030, its superset, which also maps the user-defined areas (the
private-use characters Windows and browsers give for Big5 punctuation and some UTF-8 pairs).
The one-byte-off GBK family is another rule (`gbk-shifted`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from cleaner import cjk_tables, plausibility
from cleaner.model import Edit, Flag, narrow
from cleaner.rules.base import Context, Rule
from cleaner.rules.latin import HIGH_BYTES

UTF8_AS_GBK_RE = re.compile(f"[{cjk_tables.UTF8_AS_GBK}]")
#: Where a run of UTF-8 read as GBK can begin: a trigger (a 3-byte lead and a continuation)
#: followed by the character holding its second continuation and the next lead. Correct
#: traditional text is full of triggers (閱, 錄, 飯, 鎮 are GBK's readings of such pairs)
#: but rarely has one of these after them, so it costs one regex scan.
UTF8_RUN_RE = re.compile(f"[{cjk_tables.UTF8_AS_GBK}](?=[{cjk_tables.UTF8_AS_GBK_NEXT}])")
BIG5_AS_GBK_RE = re.compile(f"[{cjk_tables.BIG5_AS_GBK}]")
GBK_AS_BIG5_RE = re.compile(f"[{cjk_tables.GBK_AS_BIG5}]")
#: GBK read as Latin-1 or cp1252: GB2312 bytes are A1-FE, i.e. "¡".."þ"; four in a row (two
#: characters) is rare in real Latin text ("Größe" has two).
LATIN_RUN_RE = re.compile("[\u00a1-\u00fe]{4,}")
#: "锟斤拷": U+FFFD encoded in UTF-8 twice (EF BF BD EF BF BD) and read as GBK.
REPLACEMENT = "\ufffd"
LOST = frozenset("?\ufffd")


@functools.cache
def _double(char: str, codec: str) -> bytes | None:
    """The two bytes `codec` encodes `char` as, or None (ASCII, 4-byte, unencodable)."""
    try:
        data = char.encode(codec)
    except UnicodeEncodeError:
        return None
    return data if len(data) == 2 else None


#: A character the codec does not encode in two bytes: where a stretch of text that a run
#: misread by it can lie in ends.
_OUTSIDE = {
    "big5": re.compile(f"[^{cjk_tables.BIG5_TWO_BYTE}]"),
    "gb18030": re.compile(f"[^{cjk_tables.GB18030_TWO_BYTE}]"),
}


class _Stretches:
    """The maximal runs of characters a codec encodes in two bytes, around given positions:
    what a run misread by that codec can span. Two regex searches each, one of them in the
    reversed text (made on first need): clean traditional Chinese has a stretch every few
    dozen characters, too many to walk character by character (review item 7)."""

    def __init__(self, text: str, codec: str) -> None:
        self.text = text
        self.outside = _OUTSIDE[codec]
        self.reversed: str | None = None

    def around(self, pos: int) -> tuple[int, int]:
        text, n = self.text, len(self.text)
        after = self.outside.search(text, pos)
        end = after.start() if after else n
        if self.reversed is None:
            self.reversed = text[::-1]
        before = self.outside.search(self.reversed, n - pos)
        start = n - before.start() if before else 0
        return start, end


#: Characters of context on each side that a repair must also improve.
CONTEXT = 12


def _clearly_better(text: str, start: int, end: int, repaired: str) -> bool:
    """Whether `repaired` for text[start:end] is plausible, better than the garbled run by
    `MARGIN`, and also improves the run with its context (so that two correct traditional
    characters in a traditional text are not "repaired" into two simplified ones)."""
    garbled = text[start:end]
    after = plausibility.score(repaired)
    if after < plausibility.PLAUSIBLE or after - plausibility.score(garbled) < plausibility.MARGIN:
        return False
    left, right = text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]
    with_repair = plausibility.score(left + repaired + right)
    if not plausibility.counted(garbled):
        # Accented Latin letters ("ÄãºÃ") are not scored at all: "他说：ÄãºÃ" scores as
        # "他说" alone, and no repair beats that; the repair must fit its context instead.
        return with_repair >= plausibility.PLAUSIBLE
    return with_repair > plausibility.score(left + garbled + right)


# --- UTF-8 read as GBK -------------------------------------------------------------------


def fix_utf8_as_gbk(text: str, ctx: Context) -> Iterator[Edit | Flag]:
    """Repair UTF-8 bytes that were decoded as GBK: "鍙戝竷" -> "发布".

    The most common Chinese mojibake: a UTF-8 file opened as GBK (GB2312, cp936). Each
    3-byte character becomes one and a half GBK characters, typically 鈥 (the lead of a
    curly quote), 鍙, 鏂, 娓, 锛 (fullwidth punctuation). A run is repaired when its
    GB18030 bytes are valid UTF-8 and the result is clearly more plausible.

    "锟斤拷" is U+FFFD in UTF-8 read so: the original characters were lost before, so it
    becomes U+FFFD (and a Flag), which keeps the loss visible. When a run ends with half a
    character (its last byte was lost, often shown as "?"), the certain part is repaired
    and the rest becomes U+FFFD with a Flag. Correct text around the run is left alone, as
    are level-2 characters that merely look like the garbled form (娓娓道来).

        >>> from cleaner import clean_text
        >>> clean_text("新闻鍙戝竷浼氬湪鍖椾含涓惧姙").text
        '新闻发布会在北京举办'
    """
    if not UTF8_RUN_RE.search(text):
        return
    done = 0
    for match in UTF8_RUN_RE.finditer(text):
        if match.start() < done:
            continue
        start, end, closed = _utf8_run(text, match.start(), done)
        # A run cut where the UTF-8 stopped (not where the text's GBK characters end) may
        # be followed by another: its last character can begin it.
        done = end if closed else end - 1
        for item in _utf8_segments(text, start, end, closed):
            if isinstance(item, Edit):
                done = max(done, item.end)
            yield item


def _utf8_run(text: str, pos: int, floor: int) -> tuple[int, int, bool]:
    """The characters around the trigger at `pos` whose GBK bytes can be one UTF-8 run.

    Forward from the trigger (whose first byte is a UTF-8 lead) while the bytes stay valid
    UTF-8, including the character where they stop being so; backward (not before `floor`)
    while the bytes before the trigger end in complete UTF-8 characters, to the last GBK
    character boundary that is also a UTF-8 one. Returns (start, end, closed): `closed` when
    the run ends where the text's two-byte characters end, so that a character cut short
    there is a lost byte, not the place the scan stopped. Clean text costs a character or
    two here, where taking the whole paragraph and probing each character cost 1 s/MB of
    traditional Chinese (review item 7).
    """
    end, need, n = pos, 0, len(text)
    closed = True
    while end < n:
        data = _gbk_bytes(text[end])
        if data is None:
            break
        end += 1
        for byte in data:
            continuation = 0x80 <= byte <= 0xBF
            need = (need - 1 if continuation else -1) if need else _utf8_size(byte) - 1
            if need < 0:
                break
        if need < 0:
            closed = False
            break
    start = pos
    pending = 0  # continuation bytes seen (going backward) since the last lead
    k = pos
    while k > floor:
        data = _gbk_bytes(text[k - 1])
        if data is None:
            break
        boundary = False
        for i in range(len(data) - 1, -1, -1):
            byte = data[i]
            if 0x80 <= byte <= 0xBF and pending < 3:
                pending += 1
                boundary = False
            elif _utf8_size(byte) == pending + 1:
                pending = 0
                boundary = i == 0
            else:
                return start, end, closed
        k -= 1
        if boundary:
            start = k
    return start, end, closed


def _utf8_size(lead: int) -> int:
    """The length of the UTF-8 character `lead` begins, or 0 if it begins none (ASCII too:
    a GBK character never holds one of a run)."""
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


def _utf8_segments(text: str, start: int, end: int, closed: bool) -> Iterator[Edit | Flag]:
    chars = text[start:end]
    data = b"".join(_gbk_bytes(c) or b"" for c in chars)
    bounds = [0]
    for c in chars:
        bounds.append(bounds[-1] + len(_gbk_bytes(c) or b""))
    index = {b: k for k, b in enumerate(bounds)}
    i = 0
    repaired_upto = -1
    leftovers: list[int] = []
    while i < len(chars) - 1:
        j, complete, truncated = _utf8_prefix(data, bounds[i], index)
        truncated = truncated and closed
        edits: list[Edit | Flag] = []
        if truncated and complete - bounds[i] >= 3:
            edits = _repair_utf8(
                text, start, chars, data[bounds[i] : complete], i, len(chars), True
            )
        elif j - bounds[i] >= 4:
            edits = _repair_utf8(text, start, chars, data[bounds[i] : j], i, index[j], False)
        if edits:
            yield from edits
            i = len(chars) if truncated else index[j]
            repaired_upto = i
        else:
            if UTF8_AS_GBK_RE.match(chars[i]):
                leftovers.append(i)
            i += 1
    rest = [k for k in leftovers if k >= repaired_upto]
    if repaired_upto >= 0 and rest:
        # Part of the run was repaired; what is left looks garbled but does not decode
        # (bytes were lost around it): report it rather than guess.
        yield Flag(
            start + rest[0],
            start + rest[-1] + 1,
            "looks like more UTF-8 read as GBK, but the bytes do not decode (some lost)",
        )


def _gbk_bytes(char: str) -> bytes | None:
    """The bytes a GBK decoder read `char` from: two, or 0x80 for cp936's euro sign."""
    if char == "\u20ac":
        return b"\x80"
    return _double(char, "gb18030")


def _utf8_prefix(data: bytes, pos: int, bounds: dict[int, int]) -> tuple[int, int, bool]:
    """Scan valid UTF-8 from byte `pos`. Returns the end of the longest run that ends on a
    GBK character boundary (a key of `bounds`), the end of the last complete UTF-8
    character, and whether the data ends inside a character whose bytes so far are valid
    (its last byte was lost: the decoder showed it as "?" or U+FFFD, or dropped it)."""
    best = pos
    p = pos
    n = len(data)
    while p < n:
        lead = data[p]
        size = 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 0
        if 0xF0 <= lead <= 0xF4:
            size = 4
        if size == 0:
            break
        if p + size > n:
            valid = all(0x80 <= b <= 0xBF for b in data[p + 1 :])
            return best, p, valid and size >= 3
        try:
            data[p : p + size].decode("utf-8")
        except UnicodeDecodeError:
            break
        p += size
        if p in bounds:
            best = p
    return best, p, False


def _repair_utf8(
    text: str, start: int, chars: str, data: bytes, i: int, j: int, truncated: bool
) -> list[Edit | Flag]:
    """Edits repairing chars[i:j] whose bytes are `data` (complete UTF-8; if `truncated`,
    the characters after it hold the first bytes of one more character), or []."""
    decoded = data.decode("utf-8")
    # Trim 2-byte UTF-8 characters (Latin, Greek, Cyrillic ...) at the edges: each is one
    # correct GBK character that happens to be valid UTF-8, not part of the run.
    while decoded and "\u0080" <= decoded[0] <= "\u07ff":
        decoded, i = decoded[1:], i + 1
    while decoded and "\u0080" <= decoded[-1] <= "\u07ff" and not truncated:
        decoded, j = decoded[:-1], j - 1
    garbled = chars[i:j]
    if not garbled or not decoded:
        return []
    if set(decoded) == {REPLACEMENT}:
        return [
            Edit(start + i, start + j, decoded, "UTF-8 of U+FFFD read as GBK (锟斤拷)"),
            Flag(start + i, start + j, "characters lost before: only U+FFFD remains"),
        ]
    if not _clearly_better(text, start + i, start + j, decoded):
        return []
    if not truncated:
        return [narrow(start + i, garbled, decoded, f"UTF-8 read as GBK: {garbled} -> {decoded}")]
    # The run's last character lost its final byte; a "?" (or U+FFFD) right after the run
    # is the decoder's mark for it. That character cannot be known: U+FFFD, flagged.
    end = start + j + (1 if text[start + j : start + j + 1] in LOST else 0)
    repaired = decoded + REPLACEMENT
    lost_at = start + i + len(garbled) - 1
    reason = f"UTF-8 read as GBK, last byte lost: {text[start + i : end]} -> {repaired}"
    return [
        narrow(start + i, text[start + i : end], repaired, reason),
        Flag(lost_at, end, "a character lost its last UTF-8 byte (now U+FFFD)"),
    ]


# --- GBK read as Latin-1 / cp1252 -----------------------------------------------------------


def fix_gbk_as_latin1(text: str, ctx: Context) -> Iterator[Edit | Flag]:
    """Repair GBK bytes that were decoded as Latin-1 or cp1252: "ÄãºÃ" -> "你好".

    A GBK file opened as Latin-1 shows every Chinese character as two accented letters or
    symbols. This runs before ftfy (`latin-mojibake`), which would otherwise "fix" parts of
    such runs into something else ("ÖÐÎÄ" -> "ÖÐÎI"). A run is only repaired when it has at
    least two characters' worth of bytes (real words rarely have four accented letters in
    a row), its bytes are not valid UTF-8 (that is ftfy's UTF-8-as-cp1252 family, "Ã©"),
    and the GBK reading is plausible Chinese made of common characters.

        >>> from cleaner import clean_text
        >>> clean_text("ÖÐÎÄ²âÊÔ: ÄãºÃ").text
        '中文测试: 你好'
    """
    if not LATIN_RUN_RE.search(text):
        return
    around = (0, 0, False)  # the run of cp1252 characters last looked at, and if it is UTF-8
    for match in LATIN_RUN_RE.finditer(text):
        run = match.group()
        if len(run) % 2:
            run = run[:-1]
        if match.start() >= around[1]:
            around = _cp1252_run(text, match.start())
        if around[2] or _is_utf8(run):
            continue  # ftfy's family ("Ã©", "â€œä½ "), repaired by latin-mojibake
        data = run.encode("latin-1")
        try:
            reading = data.decode("gb18030")
        except UnicodeDecodeError:
            continue
        if len(reading) != len(run) // 2 or plausibility.counted(reading) < 2:
            continue
        if plausibility.common_ratio(reading) < 1.0 and plausibility.counted(reading) < 4:
            continue
        if _clearly_better(text, match.start(), match.start() + len(run), reading):
            reason = f"GBK read as Latin-1: {run} -> {reading}"
            yield Edit(match.start(), match.start() + len(run), reading, reason)


def _cp1252_run(text: str, pos: int) -> tuple[int, int, bool]:
    """The run of cp1252 characters around `pos`, and whether its bytes are UTF-8.

    A Latin-1 run alone is not enough to tell UTF-8 read as windows-1252: in
    "â€œä½\xa0å¥½â€\x9d" ("“你好”" as UTF-8 read as cp1252) the run "å¥½â" stops at "€", is
    not UTF-8 by itself, and reads as GBK "濂解". Valid UTF-8 pairs inside a GBK run are
    common ("×¿Ç«Ëµ" of "卓谦说" is D7 BF C7 AB CB B5), so only a whole run that is valid
    UTF-8 counts (or a Latin-1 run that is, see `_is_utf8`).
    """
    lo = hi = pos
    while lo > 0 and text[lo - 1] in HIGH_BYTES:
        lo -= 1
    while hi < len(text) and text[hi] in HIGH_BYTES:
        hi += 1
    return lo, hi, _is_utf8(text[lo:hi])


def _is_utf8(chars: str) -> bool:
    """Whether the bytes cp1252 or Latin-1 shows as `chars` are valid UTF-8."""
    try:
        bytes(HIGH_BYTES[char] for char in chars).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# --- Big5 <-> GBK ---------------------------------------------------------------------------


def fix_big5_as_gbk(text: str, ctx: Context) -> Iterator[Edit | Flag]:
    """Repair Big5 bytes that were decoded as GBK: traditional text turned into odd symbols.

    Big5 and GBK share the two-byte layout, so each Big5 character becomes one GBK
    character: kana from rows A4/A5, GBK extension characters and, for Big5 punctuation,
    private-use characters. A run is repaired when its GB18030 bytes decode as Big5 and the
    result is clearly more plausible traditional Chinese.

        >>> from cleaner import clean_text
        >>> garbled = "繁體中文內容".encode("big5").decode("gb18030")
        >>> clean_text("開頭" + garbled + "。").text
        '開頭繁體中文內容。'
    """
    if not BIG5_AS_GBK_RE.search(text):
        return
    yield from _recode_runs(text, BIG5_AS_GBK_RE, "gb18030", "big5", "zh-Hant", "Big5 read as GBK")


def fix_gbk_as_big5(text: str, ctx: Context) -> Iterator[Edit | Flag]:
    """Repair GBK bytes that were decoded as Big5: simplified text turned into traditional-
    looking nonsense.

    Each GBK character becomes one Big5 character, mostly rare traditional ones. A run is
    repaired when its Big5 bytes decode as GBK and the result is clearly more plausible
    simplified Chinese. Correct traditional text is left alone: its Big5 bytes read as GBK
    are kana and extension characters, which score lower.

        >>> from cleaner import clean_text
        >>> garbled = "简体中文测试".encode("gbk").decode("big5")
        >>> clean_text("开头" + garbled + "。").text
        '开头简体中文测试。'
    """
    if not GBK_AS_BIG5_RE.search(text):
        return
    yield from _recode_runs(
        text, GBK_AS_BIG5_RE, "big5", "gb18030", "zh-Hans", "GBK read as Big5", foreign="zh-Hant"
    )


#: Re-decoding families between Big5 and GBK need runs of at least this many characters:
#: both codecs read each other's bytes as ordinary-looking ideographs, so two characters
#: ("檢測" -> "浪代") are not enough evidence.
MIN_RECODE_RUN = 3
#: Characters of surrounding text that tell which script a document is written in.
DOCUMENT_CONTEXT = 60


def _recode_runs(
    text: str,
    trigger: re.Pattern[str],
    wrong: str,
    right: str,
    script: str,
    label: str,
    foreign: str | None = None,
) -> Iterator[Edit | Flag]:
    """Runs re-decoded from `wrong` to `right`. With `foreign` (the other Chinese script
    than `script`), a run inside text that is written in that script is left alone (GBK
    read as Big5 looks traditional: inside a traditional text, correct words would be at
    risk)."""
    done = 0
    lean = plausibility.Leaning(text, foreign) if foreign else None
    stretches = _Stretches(text, wrong)
    for match in trigger.finditer(text):
        if match.start() < done:
            continue
        start, end = stretches.around(match.start())
        done = end
        if end - start < MIN_RECODE_RUN:
            continue
        if lean is not None and _written_in(lean, start, end):
            # Checked for the whole stretch first (each edit is checked again below, as
            # what is around it may differ): a traditional text is made of such stretches,
            # and segmenting and scoring them all cost 0.5 s/MB (review item 7).
            continue
        chars = text[start:end]
        mapped = [_recode(c, wrong, right) for c in chars]
        i = 0
        while i < len(chars):
            if mapped[i] is None:
                i += 1
                continue
            j = i
            while j < len(chars) and mapped[j] is not None:
                j += 1
            for edit in _recode_segment(text, start, chars, mapped, i, j, trigger, script, label):
                if lean is None or not _written_in(lean, edit.start, edit.end):
                    yield edit
            i = j


@functools.cache
def _char_score(char: str, script: str) -> float:
    return plausibility.score(char, script)


def _written_in(lean: plausibility.Leaning, start: int, end: int) -> bool:
    """Whether the text around [start, end) (`DOCUMENT_CONTEXT` characters on each side)
    reads better in the script `lean` leans to than in the other one."""
    left = max(0, start - DOCUMENT_CONTEXT)
    right = min(len(lean.text), end + DOCUMENT_CONTEXT)
    return lean.over(left, start) + lean.over(end, right) > 0


#: Marks an earlier conversion put where a character was lost (□ white square, 〓 geta):
#: they hold no bytes of the original, so a run is cut there, not re-decoded through them
#: (the Big5 bytes of "□" read as GBK are "〖").
PLACEHOLDERS = frozenset("\u25a1\u3013")


@functools.cache
def _recode(char: str, wrong: str, right: str) -> str | None:
    if char in PLACEHOLDERS:
        return None
    data = _double(char, wrong)
    if data is None:
        return None
    try:
        fixed = data.decode(right)
    except UnicodeDecodeError:
        return None
    return fixed if len(fixed) == 1 and fixed != char else None


def _recode_segment(
    text: str,
    start: int,
    chars: str,
    mapped: list[str | None],
    i: int,
    j: int,
    trigger: re.Pattern[str],
    script: str,
    label: str,
) -> Iterator[Edit]:
    # Trim correct neighbours: an edge character whose own reading is at least as
    # plausible as its re-decoding is not part of the run.
    def worse(k: int) -> bool:
        return _char_score(chars[k], script) >= _char_score(mapped[k] or "", script)

    while i < j and worse(i):
        i += 1
    while j > i and worse(j - 1):
        j -= 1
    garbled = chars[i:j]
    if len(garbled) < MIN_RECODE_RUN or not trigger.search(garbled):
        return
    repaired = "".join(m or "" for m in mapped[i:j])
    if _clearly_better(text, start + i, start + j, repaired):
        yield narrow(start + i, garbled, repaired, f"{label}: {garbled} -> {repaired}")


BEFORE_FTFY = (
    Rule(
        "gbk-as-latin1",
        fix_gbk_as_latin1,
        "Repair GBK read as Latin-1/cp1252 (runs ftfy would make worse).",
        ("ÖÐÎÄ²âÊÔ", "中文测试"),
    ),
)

AFTER_FTFY = (
    Rule(
        "utf8-as-gbk",
        fix_utf8_as_gbk,
        "Repair runs of UTF-8 read as GBK; 锟斤拷 becomes U+FFFD.",
        ("鏂囨湰娓呮礂", "文本清洗"),
    ),
    Rule(
        "big5-as-gbk",
        fix_big5_as_gbk,
        "Repair runs of Big5 read as GBK.",
        ("開頭" + "繁體中文內容".encode("big5").decode("gb18030"), "開頭繁體中文內容"),
    ),
    Rule(
        "gbk-as-big5",
        fix_gbk_as_big5,
        "Repair runs of GBK read as Big5.",
        ("简体中文测试".encode("gbk").decode("big5"), "简体中文测试"),
    ),
)

RULES = BEFORE_FTFY + AFTER_FTFY
