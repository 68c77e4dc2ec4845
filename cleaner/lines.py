"""Whole lines of a text: what a line break is, and lines as the line-removing rules, the
corpus counter, the HTML rules, the `cleaner diff` preview and every line:column in the output
see them.

A line ends at "\\r\\n", "\\r" or "\\n" (`NEWLINE_RE`), and nowhere else: not at the other
characters `str.splitlines` breaks at (form feed, U+2028, ...). This is the one definition
of a line break in cleaner; `line_col`, `Lines` (the one line index, used by the rules and by
`cleaner.preview`) and the pragma lines of `cleaner.pipeline` follow it. (`cleaner.diff` cuts
at "\\n" only on purpose: a unified diff for `patch` has "\\n"-ended lines, a CR stays inside
its line there.)

Rules get RAW text: "\\r\\n", "\\r" and "\\n" endings are kept, and the last line may have no
ending at all. `Lines` indexes a text by line without copying it, and `line_view` gives the
form that shape tests look at: without pinyin ruby ("區(qū)" -> "區"), HTML tags and outer
whitespace, so a rule recognises a line whether or not the repairs before it have run.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re

from cleaner.han import HAN

#: A line break: CRLF, a lone CR (old Mac files) or LF. The one definition (see above).
NEWLINE_RE = re.compile(r"\r\n|\r|\n")
#: Characters `str.splitlines` breaks at besides CR and LF; they are not line ends here.
_ODD_SEPARATORS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

#: A pinyin reading in parentheses right after a Han character, the remnant of ruby markup
#: ("時(shí)", "會(huì )"). Only for *looking* at a line: the text itself is left to `pinyin-ruby`.
_RUBY_RE = re.compile(f"(?<=[{HAN}])" r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜêńňǹḿ]{1,7} ?[)）]")
_TAG_RE = re.compile(r"</?[A-Za-z][^<>\r\n]{0,200}>")
#: The `cleaner: skip` pragma closing a line (see `cleaner.model.PRAGMA`), with the comment
#: opener before it: it says how to treat the line, not what the line is.
_PRAGMA_RE = re.compile(
    r"[ \t]*(?:#|//|<!--|/\*)?[ \t]*cleaner:[ \t]*skip[ \t]*(?:-->|\*/)?[ \t]*\Z"
)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of `offset` in `text`, lines ending as
    `NEWLINE_RE` says. An offset inside a "\\r\\n" (on its "\\n") belongs to the line the pair
    ends.

    >>> line_col("ab\\ncd", 4), line_col("one\\rtwo\\rcafé", 9), line_col("a\\r\\nb", 2)
    ((2, 2), (3, 2), (1, 3))
    """
    # The line breaks that end at or before `offset`, counted with str methods (C speed, no
    # copy): every LF and every CR is a break, but a CRLF pair is one.
    breaks = (
        text.count("\n", 0, offset) + text.count("\r", 0, offset) - text.count("\r\n", 0, offset)
    )
    head = offset
    if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
        breaks -= 1  # `offset` is on the LF of a CRLF: the CR did not end a line yet
        head -= 1
    line_start = max(text.rfind("\n", 0, head), text.rfind("\r", 0, head)) + 1
    return breaks + 1, offset - line_start + 1


def line_view(line: str) -> str:
    """The line as shape tests see it: no pinyin ruby, no HTML tags, no outer whitespace,
    no `cleaner: skip` pragma (a marked line is judged as what it is, then kept).

    >>> line_view("  戰“疫”一線(xiàn)掠影</p>\\r"), line_view("记者 王五 # cleaner: skip")
    ('戰“疫”一線掠影', '记者 王五')
    """
    if "cleaner:" in line:
        line = _PRAGMA_RE.sub("", line.rstrip("\r\n"))
    if "(" in line or "（" in line:
        line = _RUBY_RE.sub("", line)
    if "<" in line:
        line = _TAG_RE.sub("", line)
    return line.strip().strip("\ufeff").strip()


class Lines:
    """Line boundaries of a text; line `i` spans `start(i):end(i)` including its ending.

    Every offset from 0 to `len(text)` lies on a line: an empty text is one empty line (a
    file that held only a BOM still has a line to draw), and a final line ending starts no
    line after it (the end of "a\\n" is on line 0). So `index_at` agrees with `line_col`
    everywhere but at the end of a text that ends with a line break, where `line_col` names
    the (empty) line N+1 an editor shows.

    >>> lines = Lines("a\\r\\n\\nb")
    >>> len(lines), lines.content(0), lines.ending(0), lines.blank(1), lines.end(2)
    (3, 'a', '\\r\\n', True, 5)
    >>> len(Lines("")), len(Lines("a\\n")), Lines("a\\n").index_at(2)
    (1, 1, 0)
    """

    __slots__ = ("_views", "memo", "starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        if any(sep in text for sep in _ODD_SEPARATORS):  # str.splitlines would split there
            starts = [0, *(m.end() for m in NEWLINE_RE.finditer(text))]
        else:  # the fast path: every step in C
            starts = list(itertools.accumulate(map(len, text.splitlines(True)), initial=0))
        if len(starts) > 1 and starts[-1] == len(text):  # a final line ending starts no line
            starts.pop()
        self.starts = starts
        self._views: dict[int, str] = {}
        #: Results rules derive from these lines (e.g. where the tail starts), shared while
        #: several rules look at the same text.
        self.memo: dict[object, int] = {}

    def __len__(self) -> int:
        return len(self.starts)

    def start(self, i: int) -> int:
        return self.starts[i]

    def end(self, i: int) -> int:
        """End of line `i` including its line ending."""
        return self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)

    def body_end(self, i: int) -> int:
        """End of line `i` without its line ending."""
        start, end, text = self.starts[i], self.end(i), self.text
        if end > start and text[end - 1] == "\n":
            end -= 1
        if end > start and text[end - 1] == "\r":
            end -= 1
        return end

    def ending(self, i: int) -> str:
        """The line ending of line `i`: "\\r\\n", "\\r", "\\n", or "" (a last line without one)."""
        return self.text[self.body_end(i) : self.end(i)]

    def content(self, i: int) -> str:
        return self.text[self.starts[i] : self.body_end(i)]

    def blank(self, i: int) -> bool:
        return not self.content(i).strip()

    def view(self, i: int) -> str:
        view = self._views.get(i)
        if view is None:
            view = self._views[i] = line_view(self.content(i))
        return view

    def index_at(self, pos: int) -> int:
        """Index of the line containing offset `pos` (its line ending included)."""
        return bisect.bisect_right(self.starts, pos) - 1

    def is_start(self, pos: int) -> bool:
        """Whether a line starts at offset `pos`."""
        i = self.index_at(pos)
        return i >= 0 and self.starts[i] == pos

    def is_end(self, pos: int) -> bool:
        """Whether a line's content (not its ending) ends at offset `pos`."""
        i = self.index_at(pos)
        return i >= 0 and self.body_end(i) == pos

    def outer_indices(self, region: int) -> list[int]:
        """Indices of the first and last `region` non-blank lines (each once, in order)."""
        head: list[int] = []
        i = 0
        while i < len(self) and len(head) < region:
            if not self.blank(i):
                head.append(i)
            i += 1
        tail: list[int] = []
        j = len(self) - 1
        while j >= i and len(tail) < region:
            if not self.blank(j):
                tail.append(j)
            j -= 1
        return head + tail[::-1]


@functools.lru_cache(maxsize=8)
def lines_of(text: str) -> Lines:
    """`Lines(text)`, shared by the rules that look at the same text one after another."""
    return Lines(text)
