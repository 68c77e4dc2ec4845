"""What cleaner counts as a Han character (a CJK ideograph): one definition for every rule.

`HAN` is the body of a regex character class (ranges, no brackets), so a pattern can add
its own characters to it (`f"[{HAN}·]"`); `HAN_RE` matches one Han character. The blocks:

- U+3400-U+4DBF: CJK Unified Ideographs Extension A (rare characters GBK and Big5 carry);
- U+4E00-U+9FFF: CJK Unified Ideographs, the common characters;
- U+F900-U+FAFF: CJK Compatibility Ideographs (Big5 and KS X 1001 duplicates: 﨑, 塚, 神);
- U+20000-U+323AF: the Supplementary and Tertiary Ideographic Planes as far as Unicode has
  assigned them (Extensions B to I, the Compatibility Supplement, Extensions G and H): rare
  characters of names and places, which GB18030 and HKSCS text does hold.

Left out on purpose: the Yijing hexagram symbols U+4DC0-U+4DFF (between Extension A and
the common block; symbols, not characters), the radicals and strokes (U+2E80-U+2FDF,
U+31C0-U+31EF: used to describe characters, not in running text), and 々 (U+3005, an
iteration mark) and 〇 (U+3007, a numeral), which are not ideographs of their own; a rule
that wants them names them next to `HAN`.

One definition matters because the rules hand text to each other: a character that one
rule takes for Han (a ruby annotation after it) and another does not (a name in a credit
line) makes the two disagree about the same line.

>>> bool(HAN_RE.fullmatch("區")), bool(HAN_RE.fullmatch("\\U00020bb7")), bool(HAN_RE.match("䷀"))
(True, True, False)
"""

from __future__ import annotations

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
HAN_RE = re.compile(f"[{HAN}]")
