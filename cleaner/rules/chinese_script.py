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

from cleaner.model import Edit, Flag
from cleaner.rules.base import Context, Rule

RULE_ID = "chinese-script"
#: OpenCC's configurations (its `CONFIGS`, without ".json"), listed here so that a typo in
#: the configuration is an error before any file is read, even without OpenCC installed.
CONVERSIONS = (
    "t2s", "s2t", "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk", "hk2s", "s2hkp", "hk2sp",
    "t2tw", "tw2t", "t2hk", "hk2t", "t2jp", "jp2t",
)  # fmt: skip
HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


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
    pos = 0
    for line in text.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        if not HAN_RE.search(line):
            continue
        converted = convert(line)
        if converted == line:
            continue
        matcher = difflib.SequenceMatcher(None, line, converted, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                yield Edit(start + i1, start + i2, converted[j1:j2], f"OpenCC {conversion}")


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
