"""Boilerplate removal for plain-text articles: lines that are not the article.

Scraped articles carry site furniture, credits, captions, copyright footers and link lists.
Each rule here removes whole lines (with their endings), one `Edit` per line, so a reviewer
sees exactly which lines went and why. The rules decide by POSITION and SHAPE, not by a
keyword alone:

- the *head* of an article is the lines before its first body line (at most `HEAD_LINES`
  besides the chrome, header and credit lines it holds): page chrome, timestamp-and-source
  headers and credits are looked for there;
- the *tail* is the run of lines at the end that all have a boilerplate shape or are blank
  (short title-like lines count only below a heading that introduces them, "相关阅读" or a
  gallery heading), at most `TAIL_LINES`: credits, copyright footers, link lists, galleries
  and chrome are looked for there, so a body paragraph that mentions 版权 or 编辑 stays;
- a few shapes are unambiguous anywhere and are whole short lines: a reporter's byline alone
  on a line ("記者 韓曉芳"), a photo caption closed by a photographer credit ("… 王荣锋 摄").
  They are found by a few literal searches of the text (`_marked_lines`), so a long clean
  article is not tested line by line.

Each shape is ONE compiled pattern per rule, built from the phrase tables in
`boilerplate_data` plus the user's phrases, and is only ever tried on head, tail or marked
lines.

Blank lines: when removed lines would leave two blank lines in a row, or a blank line at the
start or end of the text, that blank line is removed with them (inside the same `Edit`), and
the text keeps ending as it did: with or without a final newline. Each rule does this on the
text it sees; the rules run one after another, each on the previous one's output.

Every line is looked at through `line_view` (no pinyin ruby, no HTML tags), so the rules work
before or after the repairs; in the pipeline they run last, on repaired text. Markdown, code
and other non-article files never reach these rules (`articles_only=True`).

Users add phrases and regular expressions per rule (options ``phrases`` and ``patterns``); see
each rule's docstring for what they mean there.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import cast

from cleaner.config import OptionError
from cleaner.corpus import normalize_line
from cleaner.han import HAN
from cleaner.lines import Lines, lines_of
from cleaner.model import Edit, Flag, kept_by_pragma
from cleaner.rules import boilerplate_data as data
from cleaner.rules.base import Context, Rule, RuleFunc

#: The head holds at most this many lines that stay (title, subtitle; see `_head_end`).
HEAD_LINES = 10
#: A head not ended after this many non-blank lines is none.
HEAD_SCAN = 100
#: The tail never extends past this many lines.
TAIL_LINES = 80
#: A caption is a short line.
CAPTION_MAX = 150

PHRASE_RULES = ("page-chrome", "credits", "photo-caption", "copyright-footer", "related-links")

_SENTENCE_END = "。．.!！?？…"
_CLAUSE_END = "。．.，,；;：:、"
_SP = r"[\s\u3000]"
_HAN = f"[{HAN}]"


def _alt(phrases: tuple[str, ...]) -> str:
    """One regex alternation of literal phrases, longest first."""
    unique = sorted({p for p in phrases if p}, key=lambda p: (-len(p), p))
    return "|".join(re.escape(p) for p in unique) or r"(?!)"


def _user_patterns(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """The user's `patterns` as one regex (checked by `_check_phrase_options`)."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _check_phrase_options(options: Mapping[str, object]) -> None:
    """`phrases` and `patterns` are lists of strings, and the patterns compile, one by one
    and together (`Rule.validate` of the rules with these options)."""
    for key in ("phrases", "patterns"):
        value = options[key]
        if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
            raise OptionError(key, f"must be a list of strings, not {value!r}")
    patterns = cast("tuple[str, ...]", options["patterns"])
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise OptionError(
                "patterns", f"{pattern!r} is not a regular expression: {exc}"
            ) from exc
    try:
        _user_patterns(patterns)
    except re.error as exc:  # a group name used twice
        raise OptionError("patterns", f"the patterns do not compile together: {exc}") from exc


def _is_body(view: str) -> bool:
    """A line of running text: long, or a sentence."""
    return len(view) >= 40 or (len(view) >= 16 and view[-1] in _SENTENCE_END)


@dataclass(frozen=True, slots=True)
class _Extra:
    """A rule's user phrases and patterns."""

    phrases: tuple[str, ...]
    patterns: re.Pattern[str] | None

    def fullmatch(self, view: str) -> bool:
        return self.patterns is not None and self.patterns.fullmatch(view) is not None


class _Shapes:
    """The compiled shape tests, built once per set of user options."""

    def __init__(self, extras: Mapping[str, _Extra]) -> None:
        self.extras = extras
        chrome, credits = extras["page-chrome"], extras["credits"]
        caption, copyright_, related = (
            extras["photo-caption"],
            extras["copyright-footer"],
            extras["related-links"],
        )

        # page-chrome: lines made only of chrome tokens; prefixed chrome; the 【字号 大 中 小】
        # widget; timestamp-and-source headers.
        sep = r"[\s\u3000|｜/／\\·•,，、:：;；>»<«\-—_~【】\[\]()（）「」『』]"
        token = _alt(data.CHROME_TOKENS + chrome.phrases)
        fontsize = (
            r"(?:字[号號體体]?[:：]?[\s\u3000]*)?[【\[]?大[】\]]?[\s\u3000]*[【\[]?中[】\]]?"
            r"[\s\u3000]*[【\[]?小[】\]]?"
        )
        self.chrome_re = re.compile(rf"(?i:{sep}*(?:(?:{token}|{fontsize}){sep}*)+)")
        self.chrome_prefix_re = re.compile(rf"(?i:[【\[]?(?:{_alt(data.CHROME_PREFIXES)}))")
        date = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:T\d)?"
        time = r"\d{1,2}:\d{2}(?::\d{2})?"
        field_ = rf"(?:{_alt(data.HEADER_FIELDS)}){_SP}*[:：]{_SP}*[^\s:：|｜]{{1,30}}"
        weekday = r"(?:星期|周|週)[一二三四五六日天]"
        part = rf"(?:{date}|{time}|{weekday}|{field_}|{token}|{fontsize})"
        self.header_re = re.compile(rf"(?i:{sep}*(?:{part}{sep}*)+)")
        self.date_re = re.compile(date)
        self.field_re = re.compile(rf"(?i:{field_})")

        # credits
        not_names = _alt(data.BYLINE_NOT_NAMES)
        name = rf"(?!(?:{not_names})){_HAN}[{HAN}·•]{{1,6}}"
        names = rf"{name}(?:[\s\u3000、,，]+{name})*"
        role = rf"(?:{_alt(data.BYLINE_OUTLETS)})?(?:{_alt(data.BYLINE_ROLES)})"
        byline_one = (
            rf"(?:{role}{_SP}+{names}"
            rf"|(?:{_alt(data.BYLINE_SLASH_LABELS)}){_SP}*[/／|｜]{_SP}*{names}"
            rf"|{names}{_SP}+(?:摄影|攝影|摄|攝))"
        )
        self.byline_re = re.compile(rf"[(（]?{byline_one}(?:{_SP}+{byline_one})*[)）]?")
        label = _alt(data.CREDIT_LABELS + credits.phrases)
        item = rf"(?:{label}){_SP}*[:：|｜/／]{_SP}*[^:：|｜/／。！？!?；;]{{1,40}}"
        en_label = rf"(?:{_alt(data.CREDIT_LABELS_EN)}){_SP}*:{_SP}*[^:;]{{1,80}}"
        by = _alt(data.CREDIT_BY_EN)
        en_by = rf"(?:{by})\s+[^;:()]{{1,80}}(?:\s*[;,]\s*(?:{by})\s+[^;:()]{{1,80}})*"
        en_word = rf"(?!(?:{_alt(data.EN_BYLINE_NOT_NAMES)})\b)[A-Z][\w.'’-]*"
        en_name = rf"{en_word}(?:\s+{en_word}){{0,3}}"
        en_byline = rf"By\s+{en_name}(?:(?:\s*,\s*|\s+and\s+){en_name})*"
        # A byline that cannot be a title: every name has two to four words ("By Jane Doe").
        en_full_name = rf"{en_word}(?:\s+{en_word}){{1,3}}"
        self.en_byline_re = re.compile(
            rf"By\s+{en_full_name}(?:(?:\s*,\s*|\s+and\s+){en_full_name})*"
        )
        sentences = "|".join(f"(?:{s})" for s in data.CREDIT_SENTENCES)
        self.credit_re = re.compile(
            rf"[(（【\[]?(?:{item}(?:{_SP}+{item})*|(?i:{en_label}|{en_by})|{en_byline})[)）】\]]?"
            rf"|[(（【\[]?(?:{sentences})[)）】\]]?[。.]?"
        )

        # photo-caption
        words = _alt(data.CAPTION_CREDIT_WORDS + caption.phrases)
        cap_name = rf"{_HAN}[{HAN}·]{{1,4}}"
        after = r"(?:^|(?<=[\s\u3000。．.!！?？”\"’』」)）]))"
        cap_forms = (
            rf"{after}(?:{role}{_SP}*)?{cap_name}(?:[\s\u3000、,，]+{cap_name})*{_SP}+(?:{words})",
            rf"[/／]{_SP}*(?:{_alt(data.CAPTION_SOURCES)}|{cap_name})?{_SP}*(?:{words})",
            rf"[(（][^()（）]{{0,30}}(?:{words})[)）]",
            rf"[(（](?:{_alt(data.CAPTION_SOURCE_LABELS)})[:：][^()（）]{{1,40}}[)）]",
            rf"(?i:[(\[]\s*(?:{_alt(data.CAPTION_EN_LABELS)})\s*(?::|by\b)\s*[^()\[\]]{{2,60}}[)\]])",
            rf"(?i:(?<=[.!?”\"’)]\s)(?:{_alt(data.CAPTION_EN_LABELS)})\s*(?::|by\b)\s*[^()\[\]:]{{2,60}})",
        )
        self.caption_re = re.compile("(?:" + "|".join(cap_forms) + r")[。.]?$")
        self.gallery_re = re.compile(
            rf"(?i:[^。，,；;！!？?：:]{{0,16}}(?:{_alt(data.GALLERY_WORDS)})[:：]?)"
        )

        # copyright-footer
        self.copyright_open_re = re.compile(
            rf"(?i:[【\[(（]?{_SP}*(?:{_alt(data.COPYRIGHT_OPENERS)})(?![者人权權]))"
        )
        self.copyright_weak_re = re.compile(
            rf"[【\[(（]?{_SP}*(?:{_alt(data.COPYRIGHT_WEAK_OPENERS)})"
        )
        self.copyright_keyword_re = re.compile(_alt(data.COPYRIGHT_WEAK_KEYWORDS))
        self.copyright_demand_re = re.compile(_alt(data.COPYRIGHT_WEAK_DEMANDS))
        self.copyright_prose_re = re.compile(rf"(?i:{_alt(data.COPYRIGHT_PROSE)})")
        self.copyright_end_re = re.compile(rf"(?:{_alt(data.COPYRIGHT_ENDINGS)})[\s\u3000.。!！]*$")
        self.copyright_user_re = (
            re.compile(_alt(copyright_.phrases)) if copyright_.phrases else None
        )

        # related-links
        heads = _alt(data.RELATED_HEADINGS + related.phrases)
        self.related_heading_re = re.compile(
            rf"(?i:[【\[(（<《■▌|#\s\u3000]*(?:{heads})[】\])）>》\s\u3000]*[:：]?{_SP}*(?:>>|»|>|→)?)"
        )
        self.related_inline_re = re.compile(rf"(?i:(?:{heads}){_SP}*[:：]{_SP}*\S.{{2,100}})")
        self.list_item_re = re.compile(
            r"(?:[-*+–—]\s+|[•·▪▫◦●○■□►▶◆◇※]\s*|\d{1,2}[.、)）](?!\d)\s*"
            r"|[(（]\d{1,2}[)）]\s*|[①-⑳]\s*)(?P<item>\S.*)"
        )

    # --- line shapes (all take a line view) ---

    def chrome(self, view: str) -> bool:
        if len(view) > 80:
            return False
        if self.chrome_re.fullmatch(view) or self.extras["page-chrome"].fullmatch(view):
            return True
        return len(view) <= data.CHROME_PREFIX_MAX and bool(self.chrome_prefix_re.match(view))

    def header(self, view: str) -> bool:
        """A lone timestamp line with a source/author field or chrome ("2020-02-26 来源:鲁网")."""
        if len(view) > 120 or not self.date_re.search(view) or not self.header_re.fullmatch(view):
            return False
        rest = self.date_re.sub("", view)
        return bool(self.field_re.search(rest) or self.chrome_re.search(rest))

    def byline(self, view: str) -> bool:
        return len(view) <= 80 and self.byline_re.fullmatch(view) is not None

    def byline_for_sure(self, view: str) -> bool:
        """A credit no title looks like: a reporter's byline ("記者 韓曉芳", "文/张三",
        "By Jane Doe"), not a labelled item ("视频｜武汉解封一周年的街头")."""
        return self.byline(view) or (len(view) <= 80 and bool(self.en_byline_re.fullmatch(view)))

    def credit(self, view: str) -> bool:
        if len(view) > 120:
            return False
        return bool(
            self.byline(view)
            or self.credit_re.fullmatch(view)
            or self.extras["credits"].fullmatch(view)
        )

    def caption(self, view: str) -> bool:
        if len(view) > CAPTION_MAX:
            return False
        if self.extras["photo-caption"].fullmatch(view):
            return True
        match = self.caption_re.search(view)
        return match is not None and len(view[: match.start()].strip()) >= 4

    def gallery_heading(self, view: str) -> bool:
        return len(view) <= 20 and self.gallery_re.fullmatch(view) is not None

    def label(self, view: str) -> bool:
        """A short photo label ("整裝待發"): a few words, no sentence punctuation."""
        return 0 < len(view) <= 15 and not any(c in "。，,；;：:！!？?" for c in view)

    def copyright(self, view: str) -> bool:
        if len(view) > 400:
            return False
        extra = self.extras["copyright-footer"]
        if extra.fullmatch(view) or (
            self.copyright_user_re and self.copyright_user_re.search(view)
        ):
            return True
        if self.copyright_open_re.match(view):
            return True
        if self.copyright_prose_re.search(view):
            return False
        weak = self.copyright_weak_re.match(view)
        if (
            weak
            and self.copyright_keyword_re.search(view, weak.end())
            and self.copyright_demand_re.search(view, weak.end())
        ):
            return True
        return len(view) <= 80 and ("©" in view or self.copyright_end_re.search(view) is not None)

    def related_heading(self, view: str) -> bool:
        return len(view) <= 40 and (
            self.related_heading_re.fullmatch(view) is not None
            or self.extras["related-links"].fullmatch(view)
        )

    def list_item(self, view: str) -> str | None:
        """The text of a bulleted or numbered list line, else None."""
        match = self.list_item_re.fullmatch(view)
        return match.group("item") if match else None

    def headline(self, view: str) -> bool:
        """A link title: short, not a sentence or a clause."""
        return 4 <= len(view) <= 100 and view[-1] not in _CLAUSE_END

    def title(self, view: str) -> bool:
        """A short title-like line: a link title or a photo label."""
        return self.headline(view) or self.label(view)

    def related_line(self, view: str) -> bool:
        """A line of a link list: a list item, an inline "Read more: …" link."""
        return self.list_item(view) is not None or bool(self.related_inline_re.fullmatch(view))

    # --- zones ---

    def other(self, view: str) -> bool:
        """A line another rule owns (credits, copyright, chrome, captions)."""
        return self.credit(view) or self.copyright(view) or self.chrome(view) or self.caption(view)

    def tail_candidate(self, view: str) -> bool:
        return (
            view in data.END_MARKERS
            or self.other(view)
            or self.related_line(view)
            or self.related_heading(view)
            or self.gallery_heading(view)
        )

    def head_candidate(self, view: str) -> bool:
        return self.chrome(view) or self.header(view) or self.credit(view)


@functools.lru_cache(maxsize=16)
def _compile(key: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]) -> _Shapes:
    extras = {rid: _Extra(phrases, _user_patterns(patterns)) for rid, phrases, patterns in key}
    return _Shapes(extras)


def _shapes(ctx: Context) -> _Shapes:
    key = []
    for rid in PHRASE_RULES:
        opts = ctx.options(rid)  # checked when the configuration was made
        phrases = cast("tuple[str, ...]", opts["phrases"])
        key.append((rid, phrases, cast("tuple[str, ...]", opts["patterns"])))
    return _compile(tuple(key))


@functools.lru_cache(maxsize=256)
def _literal(marker: str) -> re.Pattern[str]:
    return re.compile(re.escape(marker))


def _marked_lines(
    lines: Lines, markers: Iterable[str], *, max_length: int, near_end: int | None = None
) -> list[int]:
    """Indices of lines holding one of `markers` (with `near_end`: ending at most that many
    characters before the line's end), at most `max_length` characters long.

    The cheap scan for shapes that may stand anywhere: one literal search per marker (a
    fast C loop in `re`; a long clean article has few hits), then only the hit lines are
    looked at. This is much faster than one regex alternation, which `re` tries at every
    character.
    """
    text = lines.text
    found: set[int] = set()
    for marker in markers:
        if not all(char in text for char in marker):  # memchr-fast: most markers stop here
            continue
        for match in _literal(marker).finditer(text):
            i = lines.index_at(match.start())
            if i in found:
                continue
            end = lines.body_end(i)
            if end - lines.start(i) > max_length:
                continue
            if near_end is None or end - match.end() <= near_end:
                found.add(i)
    return sorted(found)


def _head_end(lines: Lines, shapes: _Shapes) -> int:
    """Index of the first body line: the head is everything before it.

    The head holds at most `HEAD_LINES` lines that are not blank and not head candidates
    (chrome, headers, credits: a title, a subtitle); the head ends after the last of them.
    Candidates and blank lines do not count, since the rules remove them: cleaning the text
    again finds the same head, without them. A head that has not ended after `HEAD_SCAN`
    non-blank lines is no article head: there is none.
    """
    counted = seen = 0
    for i in range(len(lines)):
        if lines.blank(i):
            continue
        seen += 1
        if seen > HEAD_SCAN:
            return 0
        view = lines.view(i)
        if shapes.head_candidate(view):
            continue
        if _is_body(view):
            return i
        counted += 1
        if counted == HEAD_LINES:
            return i + 1
    return len(lines)


def _tail_start(lines: Lines, shapes: _Shapes) -> int:
    """Index where the tail starts (at most TAIL_LINES from the end).

    The tail is the run of lines at the end that all have a boilerplate shape or are blank;
    short title-like lines (link titles, photo labels) belong to it only below a heading that
    introduces them ("相关阅读", "戰“疫”一線掠影"). So "…正文。\n小标题\n责任编辑:X" has
    a one-line tail, and "…正文。\n相关阅读\n标题一\n标题二" a three-line one.
    """
    memo = lines.memo.get(("tail", shapes))
    if memo is not None:
        return memo
    n = len(lines)
    floor = max(0, n - TAIL_LINES)
    i = n
    while i > floor:
        j = i - 1
        if not lines.blank(j):
            view = lines.view(j)
            if not (shapes.tail_candidate(view) or shapes.title(view)):
                break
        i = j
    start = i
    covered = False
    for k in range(i, n):
        if lines.blank(k):
            continue
        view = lines.view(k)
        if shapes.related_heading(view) or shapes.gallery_heading(view):
            covered = True
        elif not covered and not shapes.tail_candidate(view):
            start = k + 1  # a title-like line no heading introduces: body, not tail
    lines.memo[("tail", shapes)] = start
    return start


def _removal_edits(
    lines: Lines, remove: Mapping[int, str], kept: Collection[int] = ()
) -> list[Edit | Flag]:
    """One Edit per removed line, each taking the blank lines its removal would orphan.

    Removed lines and the blank lines around and among them form a segment; once the removed
    lines are gone, its blank lines would stand together. At the start of the text only the
    blank lines the text already started with stay; at the end only those it already ended
    with (and when the text has no final newline, the last kept line gives up its ending, so
    the text still ends without one); between two kept lines the first group of blank lines
    stays, as the text had it. Every blank line that goes is part of the Edit of the removed
    line just before it (or, for blank lines before the first removed line, of that line).

    `kept` are the lines marked `cleaner: skip` (none of them is in `remove`). A marked line
    keeps its ending too: a last segment that would have to take it (the text ends without a
    newline) stays as it is, reported in one pragma flag.
    """
    n = len(lines)
    edits: list[Edit | Flag] = []
    i = 0
    while i < n:
        if i not in remove:
            i += 1
            continue
        s = i
        while s > 0 and lines.blank(s - 1) and (s - 1) not in remove:
            s -= 1
        e = i
        while e < n and (e in remove or lines.blank(e)):
            e += 1
        i = e
        removed = [k for k in range(s, e) if k in remove]
        first, last = removed[0], removed[-1]
        groups: list[list[int]] = [[]]  # blank lines of the segment, split by removed lines
        for k in range(s, e):
            if k in remove:
                if groups[-1]:
                    groups.append([])
            else:
                groups[-1].append(k)
        lead = list(range(s, first))
        trail = list(range(last + 1, e))
        if s == 0:
            keep = lead
        elif e == n:
            keep = trail
        else:
            keep = next((g for g in groups if g), [])
        dropped = [k for k in range(s, e) if k not in remove and k not in keep]
        spans = {r: [lines.start(r), lines.end(r)] for r in removed}
        blanks = dict.fromkeys(removed, 0)
        for k in dropped:
            if k < first:
                spans[first][0] = min(spans[first][0], lines.start(k))
                owner = first
            else:
                owner = max(r for r in removed if r < k)
                spans[owner][1] = max(spans[owner][1], lines.end(k))
            blanks[owner] += 1
        ending = False
        if e == n and s > 0 and not trail and lines.end(n - 1) == lines.body_end(n - 1):
            if s - 1 in kept:
                # Removing the segment would take the marked line's ending: keep it all.
                reasons = "; ".join(remove[r] for r in removed)
                why = "the text ends without a newline, so removing them would take its ending"
                segment = Edit(lines.body_end(s - 1), len(lines.text), "", f"{reasons}; {why}")
                edits.append(kept_by_pragma(segment))
                continue
            spans[first][0] = lines.body_end(s - 1)  # the text ends without a newline: keep so
            ending = True
        for r in removed:
            reason = remove[r]
            if blanks[r]:
                plural = "s" if blanks[r] > 1 else ""
                reason += f"; with the {blanks[r]} blank line{plural} its removal would leave"
            if ending and r == first:
                reason += "; and the line ending before it, as the text ends without one"
            edits.append(Edit(spans[r][0], spans[r][1], "", reason))
    return edits


def _emit(
    lines: Lines, remove: Mapping[int, str], kept: Collection[int] = ()
) -> Iterator[Edit | Flag]:
    """Yield the edits, unless they would leave no non-blank line (then flag and keep all).

    A line marked `cleaner: skip` (in `kept`) is never removed: the rule reports it as kept
    by the pragma, and plans the other removals with it kept (see `_removal_edits`).
    """
    if not remove:
        return
    if all(k in remove or lines.blank(k) for k in range(len(lines))):
        yield Flag(0, len(lines.text), "every line looks like boilerplate; left as it is")
        return
    for k in sorted(k for k in remove if k in kept):
        yield kept_by_pragma(Edit(lines.start(k), lines.end(k), "", remove[k]))
    yield from _removal_edits(lines, {k: r for k, r in remove.items() if k not in kept}, kept)


def _kept(lines: Lines, ctx: Context) -> frozenset[int]:
    """Indices of the lines marked `cleaner: skip` (see `Context.kept_lines`)."""
    return frozenset(lines.index_at(start) for start, _ in ctx.kept_lines)


# --- the rules ----------------------------------------------------------------------------


def remove_page_chrome(text: str, ctx: Context) -> Iterator[Edit | Flag]:
    """Remove site furniture: "打印", "大字体 小字体 扫码带走", "分享到:", "返回顶部", "上一篇 /
    下一篇", and a lone timestamp-and-source header ("2020-02-26 12:15:00 来源:鲁网").

    Scrapers copy the page's buttons and widgets along with the article. Only the head (before
    the first body line) and the tail are searched, and a line must consist of chrome tokens
    alone ("打印") or start with a chrome prefix and be short ("上一篇:<title>"); a body line
    that says "请打印此表" stays. Options: ``phrases`` are extra chrome tokens, ``patterns``
    regexes a whole head/tail line must match.

        >>> from cleaner import clean_text
        >>> clean_text("标题\\n\\n2020-02-26 12:15:00 来源:鲁网 大字体 小字体\\n打印\\n\\n"
        ...            "  正文第一段,讲述了社区防疫工作的开展情况和各项措施的落实。").text
        '标题\\n\\n  正文第一段,讲述了社区防疫工作的开展情况和各项措施的落实。'
    """
    if not text:
        return
    shapes = _shapes(ctx)
    lines = lines_of(text)
    remove: dict[int, str] = {}
    for i in range(_head_end(lines, shapes)):
        if lines.blank(i):
            continue
        view = lines.view(i)
        if shapes.header(view):
            remove[i] = "page-chrome: timestamp-and-source header at the top of the article"
        elif shapes.chrome(view):
            remove[i] = f"page-chrome: site furniture {view[:20]!r} in the article's head"
    for i in range(_tail_start(lines, shapes), len(lines)):
        if i not in remove and not lines.blank(i) and shapes.chrome(lines.view(i)):
            remove[i] = f"page-chrome: site furniture {lines.view(i)[:20]!r} in the article's tail"
    yield from _emit(lines, remove, _kept(lines, ctx))


def remove_credits(text: str, ctx: Context) -> Iterator[Edit | Flag]:
    """Remove source, editor, reporter, photographer and contributor lines.

    "责任编辑:刘玉娜", "来源|佛山日报", "采写|记者黎翠怡、何惠健", "攝影:鄭偉",
    "稿件除署名外由…提供", "(本文来源:…)", "Reporting by …; Editing by …" are removed in the
    head and tail of the article; a byline alone on a line ("記者 韓曉芳", "文/张三",
    "王荣锋 摄") anywhere, since it closes a section. The first line of the text is where the
    title stands: there only a byline goes ("By Jane Doe"; "By The Numbers" is none), and a
    labelled credit ("视频｜武汉解封一周年的街头") is flagged, not removed. A byline inside a
    paragraph's last parentheses ("…决心。(陰東亮、張慧林)") is part of the text and stays,
    and so does a sentence that names a reporter. A labelled credit in the middle of the body
    is flagged, not removed. Options: ``phrases`` are extra labels ("供稿" for "供稿:张三"),
    ``patterns`` regexes a whole head/tail line must match.

        >>> from cleaner import clean_text
        >>> clean_text("……(本网记者)\\n\\n责任编辑:刘玉娜").text
        '……(本网记者)'
    """
    if not text:
        return
    shapes = _shapes(ctx)
    lines = lines_of(text)
    head, tail = _head_end(lines, shapes), _tail_start(lines, shapes)
    title = next((i for i in range(head) if not lines.blank(i)), None)
    remove: dict[int, str] = {}
    flags: list[Flag] = []
    for i in [*range(head), *range(max(head, tail), len(lines))]:
        if lines.blank(i):
            continue
        view = lines.view(i)
        if not shapes.credit(view):
            continue
        if i == title and not shapes.byline_for_sure(view):
            message = "looks like a credit line but stands where the title is; left alone"
            flags.append(Flag(lines.start(i), lines.body_end(i), message))
            continue
        where = "head" if i < head else "tail"
        remove[i] = f"credits: credit line {view[:24]!r} in the article's {where}"
    for i in _marked_lines(lines, data.CREDIT_MARKERS, max_length=360):
        if i in remove or i < head or i >= tail:
            continue
        view = lines.view(i)
        if shapes.byline(view):
            remove[i] = "credits: reporter's byline standing alone on a line"
        elif shapes.credit(view):
            yield Flag(
                lines.start(i),
                lines.body_end(i),
                "looks like a credit line but stands in the body; left alone",
            )
    if (
        title is not None
        and flags
        and all(k in remove or k == title or lines.blank(k) for k in range(len(lines)))
    ):
        remove[title] = "credits: credit line in a text of nothing else"  # so _emit flags it
        flags = []
    yield from flags
    yield from _emit(lines, remove, _kept(lines, ctx))


def remove_photo_captions(text: str, ctx: Context) -> Iterator[Edit | Flag]:
    """Remove photo captions: short lines closed by a photographer credit, and photo labels.

    A caption is a whole line of at most 150 characters that ends with a credit: "… 王荣锋 摄",
    "…/受访者供图", "… 房小祥 供图", "…(图片来源:网络)", "… (Photo: Reuters)". Body
    paragraphs do not end that way. A gallery is a heading such as "戰“疫”一線掠影" or
    "In pictures" followed by at least two short labels ("整裝待發", "仔細消殺") up to the
    tail; heading and labels go. Short headings in the body are never labels. Options:
    ``phrases`` are extra credit words closing a caption, ``patterns`` regexes a whole caption
    line must match.

        >>> from cleaner import clean_text
        >>> clean_text("第一段。\\n志愿者在卡口值守。王荣锋 摄\\n第二段。\\n").text
        '第一段。\\n第二段。\\n'
    """
    if not text:
        return
    shapes = _shapes(ctx)
    lines = lines_of(text)
    remove: dict[int, str] = {}
    extra = shapes.extras["photo-caption"]
    markers = data.CAPTION_MARKERS + extra.phrases
    for i in _marked_lines(lines, markers, max_length=3 * CAPTION_MAX, near_end=120):
        if shapes.caption(lines.view(i)):
            remove[i] = "photo-caption: caption line closed by a photo credit"
    for match in extra.patterns.finditer(text) if extra.patterns else ():
        i = lines.index_at(match.start())
        if i not in remove and shapes.caption(lines.view(i)):
            remove[i] = "photo-caption: caption line (user pattern)"
    for h in range(_tail_start(lines, shapes), len(lines)):
        heading = lines.view(h)
        if lines.blank(h) or not shapes.gallery_heading(heading):
            continue
        labels = []
        for k in range(h + 1, len(lines)):
            view = lines.view(k)
            # Captions, credits and notices among and after the photos go anyway (their
            # rules remove them in the tail): they must not end the gallery in one run and
            # not in the next.
            if lines.blank(k) or k in remove or shapes.other(view):
                continue
            if not shapes.label(view) or shapes.gallery_heading(view):
                break
            labels.append(k)
        if len(labels) >= 2:
            remove[h] = f"photo-caption: gallery heading {heading!r} introducing photo labels"
            for k in labels:
                remove[k] = f"photo-caption: photo label under the gallery heading {heading!r}"
    yield from _emit(lines, remove, _kept(lines, ctx))


def remove_copyright_footer(text: str, ctx: Context) -> Iterator[Edit | Flag]:
    """Remove copyright and reprint notices in the article's tail.

    "版權聲明:凡注明…", "版权所有", "未经授权禁止转载", "转载请注明出处", "Copyright ©",
    "All rights reserved". Only tail lines are considered, and a line must start like a notice
    or be a short line ending like one ("中国西藏网 版权所有"); a body paragraph about
    copyright ("他说,未经授权转载属于侵权…") stays. A notice opening a line in the body is
    flagged. Options: ``phrases`` (a tail line containing one is a notice), ``patterns``
    (regexes a whole tail line must match).

        >>> from cleaner import clean_text
        >>> clean_text("正文。\\nCopyright © 2020 Example Ltd. All rights reserved.\\n").text
        '正文。\\n'
    """
    if not text:
        return
    shapes = _shapes(ctx)
    lines = lines_of(text)
    tail = _tail_start(lines, shapes)
    remove: dict[int, str] = {}
    for i in range(tail, len(lines)):
        if not lines.blank(i) and shapes.copyright(lines.view(i)):
            remove[i] = "copyright-footer: copyright or reprint notice in the article's tail"
    for i in _marked_lines(lines, data.COPYRIGHT_MARKERS, max_length=1000):
        if i < tail and shapes.copyright_open_re.match(lines.view(i)):
            yield Flag(
                lines.start(i),
                lines.body_end(i),
                "looks like a copyright notice but stands in the body; left alone",
            )
    yield from _emit(lines, remove, _kept(lines, ctx))


def remove_related_links(text: str, ctx: Context) -> Iterator[Edit | Flag]:
    """Remove a list of links to other articles at the end.

    Two shapes: a heading ("相关阅读", "相關新聞", "推荐阅读", "Related", "Read more") followed
    only by short link titles to the end of the text; or, without a heading, a run of at least
    three bulleted or numbered headline-like lines ("- 央企經濟運行實現平穩開局(權威發布)") in
    the tail, preceded by other boilerplate (an end marker "(完)", a credit, a notice). A
    headingless list right after body text is the article's last point and stays, as do a
    list in the middle of an article, a list introduced by a colon, and items ending like
    sentences. Options: ``phrases`` are extra headings, ``patterns`` regexes a whole heading
    line must match.

        >>> from cleaner import clean_text
        >>> clean_text("正文最后一段。\\n\\n相关阅读\\n- 标题一二三四\\n- 标题五六七八").text
        '正文最后一段。'
    """
    if not text:
        return
    shapes = _shapes(ctx)
    lines = lines_of(text)
    n = len(lines)
    remove: dict[int, str] = {}

    # A heading followed only by link titles (and other boilerplate) to the end.
    tail = _tail_start(lines, shapes)
    title = None
    for k in range(tail, n):
        if lines.blank(k):
            continue
        view = lines.view(k)
        if shapes.related_heading(view):
            title = view
            remove[k] = f"related-links: heading {view!r} of a link list at the end"
        elif shapes.gallery_heading(view):
            title = None  # a gallery: photo-caption's
        elif shapes.other(view):
            continue
        elif shapes.related_inline_re.fullmatch(view) and shapes.headline(view):
            remove[k] = "related-links: link and its heading on one line in the tail"
        elif title is not None and (shapes.related_line(view) or shapes.title(view)):
            remove[k] = f"related-links: link under the heading {title!r}"

    # A bare run of headline-like list items in the tail.
    k = tail
    while k < n:
        item = None if lines.blank(k) else shapes.list_item(lines.view(k))
        if item is None:
            k += 1
            continue
        run = []
        m = k
        # Lines of other boilerplate (a credit, "上一篇:…") do not end a run: their rules
        # remove them, and the run must be the same when the text is cleaned again.
        while m < n and (lines.blank(m) or _item_or_other(shapes, lines.view(m))):
            if not lines.blank(m) and shapes.list_item(lines.view(m)) is not None:
                run.append(m)
            m += 1
        if len(run) >= 3 and _link_run(lines, shapes, run):
            for r in run:
                remove.setdefault(r, f"related-links: link list of {len(run)} items at the end")
        k = m
    yield from _emit(lines, remove, _kept(lines, ctx))


def _link_run(lines: Lines, shapes: _Shapes, run: list[int]) -> bool:
    """Whether list lines `run` are link titles: headline-like, not introduced as a list."""
    for r in run:
        view = lines.view(r)
        item = shapes.list_item(view) or ""
        if len(item) < 6 or not shapes.headline(item) or shapes.other(view):
            return False
    prev = run[0] - 1
    while prev >= 0 and lines.blank(prev):
        prev -= 1
    if prev < 0:
        return False
    view = lines.view(prev)
    if view[-1] in ":：" or view.endswith(("如下", "以下", "包括", "following")):
        return False
    # After body text a headingless list is the article's last point ("The main
    # recommendations were these." / "1. 加强基层治理能力建设"): only other boilerplate
    # ("(完)", a credit, a notice, a header) makes it furniture.
    return shapes.tail_candidate(view) or shapes.head_candidate(view)


def _item_or_other(shapes: _Shapes, view: str) -> bool:
    return shapes.list_item(view) is not None or shapes.other(view)


def remove_repeated_lines(text: str, ctx: Context) -> Iterator[Edit | Flag]:
    """Remove lines that stand in many files of the same run (a site's slogan, nav, footer).

    No phrase list knows every site; counting does. The CLI counts the normalised head and
    tail lines of all files of a directory run (`cleaner.corpus.build_corpus`, or its cache
    for pre-commit batches) and passes them as `Context.corpus`. A line among the first or
    last ``region`` non-blank lines of this text, at least ``min_length`` characters long,
    found in at least ``max(min_count, min_share × files)`` files, goes. Without a corpus, or
    with fewer than ``min_files`` files, the rule does nothing: a line repeated in two or
    three files proves nothing.

        >>> from cleaner import clean_text
        >>> texts = [f"某某网 权威发布\\n第{i}篇报道的正文内容。" for i in range(6)]
        >>> from cleaner.corpus import build_corpus
        >>> counts, n = build_corpus(texts)
        >>> clean_text(texts[0], corpus=counts, corpus_files=n).text
        '第0篇报道的正文内容。'
    """
    corpus = ctx.corpus
    if corpus is None or not text:
        return
    opts = ctx.options("repeated-lines")  # checked when the configuration was made
    if ctx.corpus_files < max(2, cast(int, opts["min_files"])):
        return
    share = cast(float, opts["min_share"])
    threshold = max(cast(int, opts["min_count"]), math.ceil(share * ctx.corpus_files))
    min_length = cast(int, opts["min_length"])
    lines = lines_of(text)
    remove: dict[int, str] = {}
    for i in lines.outer_indices(cast(int, opts["region"])):
        key = normalize_line(lines.content(i))
        if len(key) < min_length:
            continue
        count = corpus.get(key, 0)
        if count >= threshold:
            remove[i] = f"repeated-lines: stands in {count} of {ctx.corpus_files} files of this run"
    yield from _emit(lines, remove, _kept(lines, ctx))


def _check_repeated_options(options: Mapping[str, object]) -> None:
    """Counts are not negative; `min_share` is a share (`Rule.validate` of repeated-lines)."""
    for key in ("min_files", "min_count", "min_length", "region"):
        if cast(int, options[key]) < 0:
            raise OptionError(key, f"must be 0 or more, not {options[key]!r}")
    if not 0 <= cast(float, options["min_share"]) <= 1:
        raise OptionError("min_share", f"must be between 0 and 1, not {options['min_share']!r}")


def _phrase_rule(rule_id: str, func: RuleFunc, summary: str, example: tuple[str, str]) -> Rule:
    """A rule of `PHRASE_RULES`: it runs on articles only, and takes the user's extra
    `phrases` and `patterns`, checked when the configuration is made."""
    return Rule(
        rule_id,
        func,
        summary,
        example,
        articles_only=True,
        options=MappingProxyType({"phrases": (), "patterns": ()}),
        validate=_check_phrase_options,
    )


RULES = (
    # related-links first: whether a headingless list is furniture depends on the line
    # before it being boilerplate, which the other rules would remove first.
    _phrase_rule(
        "related-links",
        remove_related_links,
        "Remove link lists at the end of articles (相关阅读, Related, a run of link titles).",
        ("正文。\n相关阅读\n- 标题一二三四\n- 标题五六七八", "正文。"),
    ),
    _phrase_rule(
        "page-chrome",
        remove_page_chrome,
        "Remove site furniture (打印, 分享到, 返回顶部, timestamp-and-source headers) in the "
        "head and tail of articles.",
        (
            "新闻标题\n打印 关闭窗口\n正文第一段,讲述了社区防疫工作的开展情况和各项措施的落实。",
            "新闻标题\n正文第一段,讲述了社区防疫工作的开展情况和各项措施的落实。",
        ),
    ),
    _phrase_rule(
        "credits",
        remove_credits,
        "Remove source, editor, reporter and photographer lines (责任编辑:…, 来源|…, 記者 X).",
        ("正文最后一段。\n\n责任编辑:刘玉娜", "正文最后一段。"),
    ),
    _phrase_rule(
        "photo-caption",
        remove_photo_captions,
        "Remove photo captions closed by a credit (… 王荣锋 摄) and gallery photo labels.",
        ("第一段。\n志愿者在卡口值守。王荣锋 摄\n第二段。", "第一段。\n第二段。"),
    ),
    _phrase_rule(
        "copyright-footer",
        remove_copyright_footer,
        "Remove copyright and reprint notices (版权所有, 转载请注明出处, ©) at the end.",
        ("正文。\n版权所有 © 2020 某某网", "正文。"),
    ),
    Rule(
        "repeated-lines",
        remove_repeated_lines,
        "Remove head/tail lines that stand in many files of a directory run (site furniture).",
        ("某某网 权威发布\n正文。", "正文。"),
        articles_only=True,
        options=MappingProxyType(
            {"min_files": 5, "min_share": 0.5, "min_count": 3, "min_length": 4, "region": 8}
        ),
        validate=_check_repeated_options,
    ),
)
