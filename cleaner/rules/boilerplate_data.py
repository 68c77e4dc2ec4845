"""Phrase tables for the boilerplate rules (`cleaner.rules.boilerplate`).

Only data lives here; the logic that decides by position and shape is in `boilerplate.py`.
Each table lists Simplified, Traditional and English forms side by side. The rules combine a
table into ONE compiled pattern (longest phrase first), so adding a phrase costs nothing per
line. Users extend these tables per rule with the `phrases` and `patterns` options.
"""

from __future__ import annotations

# fmt: off

# --- page-chrome -------------------------------------------------------------------------

#: Site furniture: a line in the head or tail of an article made only of these tokens (and
#: separators such as spaces, "|", "/", brackets) is page chrome. Matched case-insensitively.
CHROME_TOKENS: tuple[str, ...] = (
    # font size / print / close
    "大字体", "中字体", "小字体", "大字體", "中字體", "小字體", "字体", "字體",
    "字号", "字號", "默认", "默認",
    "打印", "打印本页", "打印本頁", "打印此文", "打印文章", "列印", "列印本頁",
    "关闭", "關閉", "关闭窗口", "關閉窗口", "关闭本页", "關閉本頁",
    "收藏", "收藏本页", "收藏本頁", "加入收藏",
    # share / scan
    "分享", "分享到", "分享至", "转发", "轉發", "微信", "微博", "QQ空间", "QQ空間", "朋友圈",
    "扫码带走", "掃碼帶走", "扫一扫", "掃一掃", "扫描二维码", "掃描二維碼", "手机看新闻",
    "手機看新聞", "复制链接", "複製鏈接", "复制网址", "複製網址",
    # navigation
    "返回顶部", "返回頂部", "回到顶部", "回到頂部", "返回首页", "返回首頁", "返回列表",
    "上一篇", "下一篇", "上一条", "下一条", "上一條", "下一條", "上一页", "下一页",
    "上一頁", "下一頁", "点击查看", "點擊查看", "查看原文", "阅读原文", "閱讀原文",
    "我要评论", "我要評論", "评论", "評論", "纠错", "糾錯", "我要纠错", "我要糾錯",
    "推荐给朋友", "推薦給朋友", "推荐", "推薦", "举报", "舉報",
    # English
    "Print", "Print this page", "Print article", "Email", "E-mail", "Share", "Share this",
    "Share this article", "Share this story", "Share on Facebook", "Share on Twitter",
    "Facebook", "Twitter", "LinkedIn", "WhatsApp", "Reddit", "Pinterest", "Tweet", "Copy link",
    "Back to top", "Back to Top", "Previous", "Next", "Previous article", "Next article",
    "Previous post", "Next post", "Comments", "Comment", "Subscribe", "Save", "Bookmark",
    "Font size", "Text size", "Advertisement", "Skip to content", "Skip to main content",
)

#: Chrome that is followed by free text on the same line: "上一篇:<title>", "点击查看大图",
#: "扫一扫在手机打开当前页", "分享到: 微信 微博". A head or tail line starting with one of
#: these (and at most `CHROME_PREFIX_MAX` characters long) is chrome.
CHROME_PREFIXES: tuple[str, ...] = (
    "上一篇", "下一篇", "上一条", "下一条", "上一條", "下一條",
    "点击查看", "點擊查看", "点击进入", "點擊進入", "点击阅读", "點擊閱讀", "点击图片", "點擊圖片",
    "扫一扫", "掃一掃", "扫描二维码", "掃描二維碼", "扫码", "掃碼", "长按识别", "長按識別",
    "分享到", "分享至", "【字号", "【字號", "字号:", "字號:", "字号：", "字號：",
    "Previous article:", "Next article:", "Previous:", "Next:", "Share this:", "Share:",
    # breadcrumbs: "当前位置:首页 > 新闻 > 正文", "首页 > 社会"
    "当前位置", "當前位置", "您的位置", "您所在的位置", "你的位置", "您现在的位置", "您現在的位置",
    "首页 >", "首页>", "首页 »", "首頁 >", "首頁>", "首页 /", "Home >", "Home>", "Home »",
    "Home /", "You are here",
)
CHROME_PREFIX_MAX = 60

#: Field labels of a lone timestamp-and-source header ("2020-02-26 12:15:00 来源:鲁网").
HEADER_FIELDS: tuple[str, ...] = (
    "来源", "來源", "作者", "编辑", "編輯", "责任编辑", "責任編輯", "发布时间", "發布時間",
    "發佈時間", "发布日期", "發布日期", "时间", "時間", "日期", "浏览次数", "瀏覽次數",
    "浏览", "瀏覽", "阅读", "閱讀", "阅读量", "閱讀量", "点击", "點擊", "点击数", "點擊數",
    "Source", "Author", "By", "Published", "Updated", "Posted", "Date",
)

#: End-of-article markers of wire copy ("(完)"): not boilerplate, but the tail goes on
#: above them (so "责任编辑:X" before "(完)" is still in the tail). Never removed.
END_MARKERS: tuple[str, ...] = (
    "(完)", "（完）", "【完】", "[完]", "-完-", "—完—", "（完)", "(完）",
    "(END)", "[END]", "- END -", "-END-", "END",
)

# --- credits ---------------------------------------------------------------------------

#: Labels of credit lines "LABEL:value" / "LABEL|value" ("责任编辑:刘玉娜", "来源|佛山日报").
CREDIT_LABELS: tuple[str, ...] = (
    "责任编辑", "責任編輯", "责编", "責編", "编辑", "編輯", "主编", "主編", "编审", "編審",
    "值班编辑", "值班編輯", "实习编辑", "實習編輯", "美编", "美編", "编校", "編校",
    "审核", "審核", "审校", "審校", "校对", "校對", "初审", "初審", "复审", "複審", "终审", "終審",
    "统筹", "統籌", "策划", "策劃", "监制", "監製", "出品", "出品人", "制作", "製作",
    "采写", "採寫", "采访", "採訪", "撰文", "撰稿", "执笔", "執筆", "作者", "文", "文字",
    "记者", "記者", "通讯员", "通訊員", "实习生", "實習生",
    "摄影", "攝影", "摄像", "攝像", "图片", "圖片", "图", "圖", "图文", "圖文", "视频", "視頻",
    "剪辑", "剪輯", "设计", "設計", "海报", "海報", "翻译", "翻譯", "编译", "編譯",
    "来源", "來源", "稿源", "供稿", "文章来源", "文章來源", "本文来源", "本文來源",
    "信息来源", "信息來源", "资料来源", "資料來源", "新闻来源", "新聞來源",
)

#: English credit labels followed by ":" ("Editor: Jane Doe").
CREDIT_LABELS_EN: tuple[str, ...] = (
    "Editor", "Editors", "Edited by", "Reporter", "Reporters", "Writer", "Author", "Authors",
    "Photographer", "Photography", "Photos", "Photo", "Source", "Sources", "Contributor",
    "Contributors", "Translator", "Translation", "Producer", "Credits", "Credit",
)

#: English credit phrases followed by names ("Reporting by X; Editing by Y").
CREDIT_BY_EN: tuple[str, ...] = (
    "Additional reporting by", "Reporting by", "Reported by", "Editing by", "Edited by",
    "Writing by", "Written by", "Compiled by", "Translated by", "Produced by", "Research by",
    "Photos by", "Photo by", "Photography by", "Story by",
)

#: Roles that make a name standing alone on a line a byline ("記者 韓曉芳").
BYLINE_ROLES: tuple[str, ...] = (
    "记者", "記者", "通讯员", "通訊員", "实习生", "實習生", "实习记者", "實習記者",
    "见习记者", "見習記者", "特约记者", "特約記者", "首席记者", "首席記者", "撰稿人",
)

#: Outlets that prefix a byline role ("本报记者 张三", "新华社记者 李四").
BYLINE_OUTLETS: tuple[str, ...] = (
    "本报", "本報", "本台", "本网", "本網", "本刊", "新华社", "新華社", "中新社", "中新网",
    "中新網", "人民网", "人民網", "央视网", "央視網", "总台", "總台", "光明网", "光明網",
)

#: Short labels of "文/张三"-style bylines.
BYLINE_SLASH_LABELS: tuple[str, ...] = (
    "文", "图", "圖", "文图", "文圖", "图文", "圖文", "文字", "撰文", "摄影", "攝影",
    "视频", "視頻", "文·图", "文・圖", "文/图",
)

#: Words that follow "记者" in column headings, not names ("记者 手记" is a heading).
BYLINE_NOT_NAMES: tuple[str, ...] = (
    "手记", "手記", "观察", "觀察", "调查", "調查", "走访", "走訪", "探访", "探訪", "体验", "體驗",
    "札记", "札記", "日记", "日記", "直击", "直擊", "见闻", "見聞", "连线", "連線", "追踪", "追蹤",
    "感言", "节日", "節日", "之家",
)

#: Words that start no name: "By The Numbers", "By Any Means" are titles, not bylines.
EN_BYLINE_NOT_NAMES: tuple[str, ...] = (
    "The", "A", "An", "This", "That", "These", "Those", "Our", "Your", "Their", "My", "His",
    "Her", "Its", "Any", "All", "Some", "No", "Every", "Each", "What", "How", "Why", "When",
    "Where", "Who", "Which", "Now", "Then", "Way", "Day", "Night", "Far", "Design", "Default",
)

#: Whole-line credits written as a sentence ("稿件除署名外由堯都區新聞傳媒中心提供").
CREDIT_SENTENCES: tuple[str, ...] = (
    r"稿件除署名外(?:均)?由.{2,30}?(?:提供|供稿)",
    r"(?:本文|本稿|本篇|文章|稿件)(?:转载自|轉載自|转自|轉自|选自|選自|摘自|摘编自|摘編自)"
    r"[:：]?[^。，,;；]{2,30}",
    r"(?:本文|本稿|稿件|本篇)由.{2,30}?(?:提供|供稿|授权发布|授權發布|授权转载|授權轉載|独家发布)",
)

#: What a line standing in the body must contain to be looked at as a byline (or, for the
#: strongest labels, flagged): each is found with one fast literal search of the text.
CREDIT_MARKERS: tuple[str, ...] = (
    "记者", "記者", "通讯员", "通訊員", "实习生", "實習生", "撰稿人", "/", "／", "|", "｜",
    "摄", "攝", "责任编辑", "責任編輯", "责编", "責編",
)

# --- photo-caption ---------------------------------------------------------------------

#: Every caption credit contains one of these near the end of its line ("摄", "供图",
#: "图片来源", "Photo", "Credit"); each is found with one fast literal search of the text.
CAPTION_MARKERS: tuple[str, ...] = (
    "摄", "攝", "图", "圖", "hoto", "HOTO", "mage", "MAGE", "icture", "ICTURE", "redit", "REDIT",
    "Getty", "GETTY",
)

#: Photographer credit words closing a caption ("王荣锋 摄", "房小祥 供图", "/受访者供图").
CAPTION_CREDIT_WORDS: tuple[str, ...] = ("摄", "攝", "摄影", "攝影", "供图", "供圖")

#: Sources that stand where a photographer's name would ("/受访者供图", "/资料图").
CAPTION_SOURCES: tuple[str, ...] = (
    "受访者", "受訪者", "资料", "資料", "网络", "網絡", "主办方", "主辦方", "单位", "單位",
    "本人", "警方", "校方", "院方", "通讯员", "通訊員", "记者", "記者", "新华社", "新華社",
)

#: Image-source labels in a caption's closing parentheses ("(图片来源:网络)").
CAPTION_SOURCE_LABELS: tuple[str, ...] = (
    "图片来源", "圖片來源", "图源", "圖源", "图片", "圖片", "图", "圖", "配图", "配圖",
    "图片提供", "圖片提供",
)

#: English caption credits ("(Photo: Reuters)", "Photo by Jane Doe/AP").
CAPTION_EN_LABELS: tuple[str, ...] = (
    "Photo", "Photos", "Photograph", "Picture", "Image", "Credit", "Photo credit",
    "Image credit", "AP Photo", "AFP Photo", "Reuters Photo", "Getty Images",
)

#: Headings that introduce a gallery of short photo labels ("戰“疫”一線掠影").
GALLERY_WORDS: tuple[str, ...] = (
    "掠影", "剪影", "图集", "圖集", "组图", "組圖", "图片新闻", "圖片新聞", "图片集锦",
    "圖片集錦", "图说", "圖說", "图片报道", "圖片報道", "镜头", "鏡頭", "瞬间", "瞬間", "影像",
    "photo gallery", "gallery", "in pictures", "photos", "pictures", "in photos",
)

# --- copyright-footer ------------------------------------------------------------------

#: A tail line starting with one of these is a copyright or reprint notice.
COPYRIGHT_OPENERS: tuple[str, ...] = (
    "版权声明", "版權聲明", "版权说明", "版權說明", "免责声明", "免責聲明", "法律声明", "法律聲明",
    "版权所有", "版權所有", "版权归", "版權歸", "Copyright", "©", "(c)", "(C)",
    "All rights reserved",
    "Disclaimer", "This material may not be", "This article was originally published",
    "This article originally appeared", "This story was originally published",
    "凡注明", "凡本网注明", "凡本網註明", "凡本网", "凡本網", "本网注明", "本網註明",
    "本文版权", "本文版權", "本文著作权", "本文著作權",
)

#: Notices opening a line in the body are flagged; found with fast literal searches.
COPYRIGHT_MARKERS: tuple[str, ...] = (
    "版权声明", "版權聲明", "免责声明", "免責聲明", "Copyright", "COPYRIGHT", "©",
)

#: Openers that are also ordinary words ("转载", "未经"): the line must also name reprinting.
COPYRIGHT_WEAK_OPENERS: tuple[str, ...] = (
    "转载", "轉載", "如需转载", "如需轉載", "欢迎转载", "歡迎轉載", "未经", "未經", "任何媒体",
    "任何媒體", "任何单位", "任何單位", "声明", "聲明", "特别声明", "特別聲明",
    "本文为", "本文為", "本文系", "本文係", "本站", "本网站", "本網站", "本网", "本網",
)
COPYRIGHT_WEAK_KEYWORDS: tuple[str, ...] = (
    "转载", "轉載", "复制", "複製", "摘编", "摘編", "版权", "版權", "授权", "授權", "著作权",
    "著作權", "侵权", "侵權", "原创", "原創", "引用",
)
COPYRIGHT_WEAK_DEMANDS: tuple[str, ...] = (
    "不得", "禁止", "严禁", "嚴禁", "谢绝", "謝絕", "请勿", "請勿", "注明", "註明", "必究",
    "追究", "联系", "聯繫", "聯系", "须经", "須經", "归", "歸",
)

#: Reporting verbs: a line that has one is a sentence about copyright, not a notice, unless it
#: opens like one ("版权声明:…").
COPYRIGHT_PROSE: tuple[str, ...] = (
    "说", "說", "表示", "认为", "認為", "指出", "强调", "強調", "介绍", "介紹", "称", "稱",
    "提醒", "呼吁", "呼籲", "said", "says", "told", "argued",
)

#: A short tail line ending with one of these is a copyright notice ("XX网 版权所有").
COPYRIGHT_ENDINGS: tuple[str, ...] = (
    "版权所有", "版權所有", "All rights reserved", "All Rights Reserved", "保留所有权利",
    "保留所有權利", "保留一切权利", "保留一切權利", "转载请注明出处", "轉載請註明出處",
    "轉載請注明出處", "未经授权禁止转载", "未經授權禁止轉載", "禁止转载", "禁止轉載",
    "谢绝转载", "謝絕轉載", "侵权必究", "侵權必究", "翻印必究", "违者必究", "違者必究",
)

# --- related-links ---------------------------------------------------------------------

#: Headings of a related-links block ("相关阅读", "Read more").
RELATED_HEADINGS: tuple[str, ...] = (
    "相关阅读", "相關閱讀", "相关新闻", "相關新聞", "相关文章", "相關文章", "相关链接", "相關鏈接",
    "相關連結", "相关报道", "相關報道", "相關報導", "相关推荐", "相關推薦", "推荐阅读", "推薦閱讀",
    "延伸阅读", "延伸閱讀", "热点推荐", "熱點推薦", "热门推荐", "熱門推薦", "热门文章", "熱門文章",
    "猜你喜欢", "猜你喜歡", "更多阅读", "更多閱讀", "更多新闻", "更多新聞", "往期回顾", "往期回顧",
    "往期推荐", "往期推薦", "精彩推荐", "精彩推薦", "相关专题", "相關專題", "编辑推荐", "編輯推薦",
    "Related", "Related articles", "Related stories", "Related news", "Related posts",
    "Related content", "Related coverage", "Related reading", "Read more", "Read also",
    "Also read", "More stories", "More on this story", "You may also like",
    "You might also like", "Further reading", "Recommended", "Recommended reading",
    "Recommended for you", "More from this section", "Most read", "See also",
)
# fmt: on
