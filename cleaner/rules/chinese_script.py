"""Optional Traditional/Simplified conversion with OpenCC (off by default).

Corpus builders often want one script: a Simplified corpus from Taiwanese and Hong Kong
sources, or the reverse. That is a change of the text, not a repair, so the rule is opt-in
(`--enable chinese-script`). The conversion is OpenCC's, phrase-aware ("乾燥的頭髮" ->
"干燥的头发", not "乾燥"); the option `conversion` names an OpenCC configuration: "t2s"
(default), "s2t", "s2tw", "s2twp" (with Taiwanese phrases), "tw2s", "hk2s", "s2hk", ...

Each converted stretch is its own record, so a reviewer sees exactly which characters
changed. Lines without a Han character are not touched.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterator
from typing import Protocol

from cleaner.han import HAN_RE
from cleaner.lines import lines_of
from cleaner.model import Edit, Flag, narrow
from cleaner.rules.base import Context, Rule

RULE_ID = "chinese-script"
#: OpenCC's configurations (its `CONFIGS`, without ".json"), listed here so that a typo in
#: the configuration is an error before any file is read, even without OpenCC installed.
CONVERSIONS = (
    "t2s", "s2t", "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk", "hk2s", "s2hkp", "hk2sp",
    "t2tw", "tw2t", "t2hk", "hk2t", "t2jp", "jp2t",
)  # fmt: skip


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@functools.cache
def converter(conversion: str) -> _Converter:
    """The OpenCC converter for `conversion`, loaded once, only when the rule runs."""
    import opencc

    result: _Converter = opencc.OpenCC(conversion)
    return result


def convert_chinese_script(text: str, ctx: Context) -> Iterator[Edit | Flag]:
    """Convert Chinese between Traditional and Simplified with OpenCC.

    Only characters OpenCC changes are edited; punctuation, Latin text, line endings and
    lines without Han characters stay byte-identical. The options say which conversion.

        >>> from cleaner import Config, clean_text
        >>> clean_text("區域發展", Config(enable=frozenset({"chinese-script"}))).text
        '区域发展'
    """
    if not HAN_RE.search(text):
        return
    conversion = str(ctx.options(RULE_ID)["conversion"])
    convert = converter(conversion).convert
    lines = lines_of(text)
    for i in range(len(lines)):
        start = lines.start(i)
        line = text[start : lines.end(i)]
        if not HAN_RE.search(line):
            continue
        converted = convert(line)
        if converted == line:
            continue
        reason = f"OpenCC {conversion}"
        for i1, i2, j1, j2 in changed_spans(line, converted):
            yield Edit(start + i1, start + i2, converted[j1:j2], reason)


#: Where a line is cut into pieces for aligning a conversion that changes its length:
#: sentence and clause punctuation, which OpenCC leaves as it is and no phrase crosses.
PIECE_END_RE = re.compile(r"[。！？；，、：…!?;,]+|\s+")
#: Pieces longer than this are not aligned character by character (difflib's time grows
#: with the square of the length): what changed in them is one edit.
MAX_ALIGNED = 400


def changed_spans(line: str, converted: str) -> Iterator[tuple[int, int, int, int]]:
    """The spans (i1, i2, j1, j2) where `converted` differs from `line`, in order.

    A conversion that keeps the length (nearly all of them: one character for one) is
    compared character by character, adjacent changed characters making one span. One that
    changes it ("U盘" -> "隨身碟" in s2twp) is cut at punctuation and blanks, which the
    conversion keeps, and the pieces are aligned with difflib one by one: a 40,000-character
    line costs what its sentences cost, not minutes (review item 6, bench/chinese_script_speed.py).

        >>> list(changed_spans("在區域內，ABC", "在区域内，ABC"))
        [(1, 2, 1, 2), (3, 4, 3, 4)]
        >>> list(changed_spans("U盘，软件。", "隨身碟，軟體。"))
        [(0, 2, 0, 3), (3, 5, 4, 6)]
    """
    if len(line) == len(converted):
        yield from _by_character(line, converted, 0, 0)
        return
    cuts = list(PIECE_END_RE.finditer(line))
    cuts_converted = list(PIECE_END_RE.finditer(converted))
    if [m.group() for m in cuts] != [m.group() for m in cuts_converted]:
        yield _narrowed(line, converted, 0, 0)  # punctuation changed too: one span
        return
    i = j = 0
    for m, n in [*zip(cuts, cuts_converted, strict=True), (None, None)]:
        i2 = m.start() if m else len(line)
        j2 = n.start() if n else len(converted)
        yield from _aligned(line[i:i2], converted[j:j2], i, j)
        if m and n:
            i, j = m.end(), n.end()


def _by_character(a: str, b: str, i: int, j: int) -> Iterator[tuple[int, int, int, int]]:
    """Runs of differing characters of `a` and `b` (same length), at offsets i and j."""
    k = 0
    n = len(a)
    while k < n:
        if a[k] == b[k]:
            k += 1
            continue
        first = k
        while k < n and a[k] != b[k]:
            k += 1
        yield i + first, i + k, j + first, j + k


def _aligned(a: str, b: str, i: int, j: int) -> Iterator[tuple[int, int, int, int]]:
    """The differing spans of piece `a` and its conversion `b`, at offsets i and j."""
    if a == b:
        return
    if len(a) == len(b):
        yield from _by_character(a, b, i, j)
    elif len(a) > MAX_ALIGNED or len(b) > MAX_ALIGNED:
        yield _narrowed(a, b, i, j)
    else:
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                yield i + i1, i + i2, j + j1, j + j2


def _narrowed(a: str, b: str, i: int, j: int) -> tuple[int, int, int, int]:
    """The one span from the first to the last character where `a` and `b` differ."""
    edit = narrow(0, a, b, "")
    return i + edit.start, i + edit.end, j + edit.start, j + edit.start + len(edit.after)


RULES = (
    Rule(
        RULE_ID,
        convert_chinese_script,
        "Convert Chinese between Traditional and Simplified with OpenCC (opt-in; option "
        "`conversion`, default t2s).",
        ("區域發展", "区域发展"),
        default=False,
        options={"conversion": "t2s"},
        choices={"conversion": CONVERSIONS},
    ),
)
