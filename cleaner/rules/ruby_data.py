"""Data for `pinyin-ruby`: the characters converter sites are known to annotate.

Some Simplified-to-Traditional converter sites wrap a recurring subset of characters in
`<ruby>` pinyin, and flattened to text "區(qū)域" is what remains. In a document with many
annotations the rule sees that subset recur by itself; in a short one (a headline, a few
sentences) it cannot, and falls back on this list.

The list is what the acceptance articles 001 and 002 carry (66 characters, all annotated
by the same kind of converter), plus the characters named in the team brief, in
Traditional form, and their Simplified forms (OpenCC `t2s`) for Simplified pages that went
through the same kind of tool. It is used only as a prior for small samples; it never
decides alone that an annotation is a remnant (see `cleaner.rules.ruby`).
"""

from __future__ import annotations

#: Traditional forms seen annotated in the wild (acceptance 001/002) and named in the brief.
CONVERTER_CHARS_TRADITIONAL = (
    "來個優創動務區協員問執場學實寫專愛態戰戶數時書會業標機沒滿無現環產畫發盤稱穩絡統經網"
    "線續聯聽萬著見訪話語說贏車農進過醫鎮長門開關陽頁領類風養點"
)

#: Their Simplified forms (OpenCC t2s), where they differ.
CONVERTER_CHARS_SIMPLIFIED = (
    "万专业个书产优会关养写农创务动区医协发听员场学实开态战户执数无时机来标没满点爱环现画"
    "盘称稳类线经络统续网联见访话语说赢车过进镇长门问阳页领风"
)

CONVERTER_CHARS: frozenset[str] = frozenset(
    CONVERTER_CHARS_TRADITIONAL + CONVERTER_CHARS_SIMPLIFIED
)
