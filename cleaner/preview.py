"""The preview `cleaner diff` shows: every change in context, highlighted, with its rule.

It is built from the change records, not from a text diff: each `Change` says which span of
the original text it replaced (`origin`), with what, by which rule and why. So every
highlighted span carries its rule, and nothing is guessed.

Rules run one after another, so a later rule can change text an earlier one produced (the
`html-tags` rule removes a `</strong>` that the `gbk-shifted` repair restored; `pinyin-ruby`
removes a reading a repair revealed). Their origin spans then overlap or nest. `hunks` groups
overlapping changes into one `Hunk`, shown once and labelled with all its rules
("gbk-shifted+html-tags"); the text a hunk became is cut from the output, and the whole
grouping is checked against the output before it is shown.

A hunk that removes whole lines and puts nothing in their place is a *line removal*
(boilerplate: a credit line, a copyright footer): its lines are shown whole, dimmed, with the
rule. Other hunks are shown as the changed lines before (`-`, what goes in red) and after
(`+`, what comes in green). Unchanged lines collapse to a few lines of context; inside a long
changed line, long unchanged stretches are cut to their ends ("…"). Without colour, the
highlights are marked in the text, as `git diff --word-diff` does: `[-gone-]{+new+}`.

Column widths come from rich, which measures East Asian wide characters as two cells, so a
side-by-side view of Chinese lines stays aligned.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import zip_longest

from rich import box
from rich.console import RenderableType
from rich.rule import Rule as HeaderRule
from rich.table import Table
from rich.text import Text
from rich.theme import Theme

from cleaner import rules
from cleaner.lines import Lines, line_col
from cleaner.model import Change, Finding, Result

#: Styles, by name, so that a test can find what is highlighted.
THEME = Theme(
    {
        "cleaner.removed": "bold red",
        "cleaner.added": "bold green",
        "cleaner.removed-line": "dim red",
        "cleaner.rule": "cyan",
        "cleaner.lineno": "dim",
        "cleaner.elided": "dim",
        "cleaner.header": "bold",
        "cleaner.finding": "yellow",
        "cleaner.minus": "red",
        "cleaner.plus": "green",
    }
)
REMOVED, ADDED, REMOVED_LINE = "cleaner.removed", "cleaner.added", "cleaner.removed-line"

#: Marks around highlights when there is no colour (git's --word-diff=plain).
PLAIN_MARKS = {REMOVED: ("[-", "-]"), ADDED: ("{+", "+}")}

#: Invisible or unprintable characters, shown by name inside highlights (a dropped BOM must
#: be seen) and escaped everywhere (a lone surrogate is an undecodable byte).
_SHOWN = {"\ufeff": "<BOM>", "\r": "␍", "\n": "␊", "\t": "→", " ": "·"}


@dataclass(frozen=True, slots=True)
class Options:
    """How a preview is drawn.

    `context`: unchanged lines shown around each change. `cut`: inside a changed line, an
    unchanged stretch longer than about twice this many characters is cut to its ends
    (None: lines are shown whole). `marks`: mark highlights in the text (for output
    without colour). `side_by_side`: before and after in two columns. `verbose`: list each
    change with its position and reason under the lines.
    """

    context: int = 2
    cut: int | None = 30
    marks: bool = False
    side_by_side: bool = False
    verbose: bool = False


@dataclass(frozen=True, slots=True)
class Hunk:
    """Changes with overlapping spans in the original, shown as one.

    `start:end` is the span in `Result.original`, `out_start:out_end` the text it became in
    `Result.text`; `changes` are in pipeline order. `removed` holds the (0-based) lines
    of the original the hunk removes when it is a line removal: it puts nothing in their
    place, and it removes whole lines (alone, or with the deletions right next to it).
    """

    start: int
    end: int
    out_start: int
    out_end: int
    changes: tuple[Change, ...]
    removed: tuple[int, ...] = ()

    @property
    def line_removal(self) -> bool:
        return bool(self.removed)

    @property
    def rules(self) -> tuple[str, ...]:
        """The rule ids of the hunk's changes, each once, in pipeline order."""
        return tuple(dict.fromkeys(c.rule for c in self.changes))

    @property
    def label(self) -> str:
        return "+".join(self.rules)


# --- hunks ----------------------------------------------------------------------------------


def hunks(result: Result) -> list[Hunk]:
    """The changes of `result` grouped into hunks, in text order.

    Changes whose origin spans overlap (or an insertion inside or at the edge of another
    change) form one hunk. The text each hunk became is found by walking the output: the
    stretches between hunks are unchanged, and a hunk's length changes by the sum of its
    changes' length changes. The walk is checked against `result.text`; should it not add up
    (a mapping this module does not expect), the changes are shown as a single hunk rather
    than wrongly.
    """
    original, text = result.original, result.text
    if not result.changes:
        return []
    order = sorted(
        range(len(result.changes)),
        key=lambda i: (min(result.changes[i].origin), max(result.changes[i].origin)),
    )
    groups: list[tuple[int, int, list[int]]] = []
    for i in order:
        start, end = sorted(result.changes[i].origin)
        if groups:
            g_start, g_end, members = groups[-1]
            touching = start == g_end and (start == end or g_start == g_end)
            if start < g_end or touching:
                groups[-1] = (g_start, max(g_end, end), [*members, i])
                continue
        groups.append((start, end, [i]))
    built = _place(result, groups)
    if built is None:
        start = min(g[0] for g in groups)
        end = max(g[1] for g in groups)
        built = _place(result, [(start, end, sorted(order))])
    if built is None:  # the records do not describe the output: show the whole text
        built = [Hunk(0, len(original), 0, len(text), result.changes)]
    return _line_removals(built, Lines(original))


def _place(result: Result, groups: list[tuple[int, int, list[int]]]) -> list[Hunk] | None:
    """Hunks for `groups`, with their spans in the output; None when they do not add up."""
    original, text = result.original, result.text
    placed: list[Hunk] = []
    pos = out = 0
    for start, end, members in groups:
        changes = tuple(result.changes[i] for i in sorted(members))
        gap = start - pos
        if original[pos:start] != text[out : out + gap]:
            return None
        out_start = out + gap
        delta = sum(len(c.after) - (c.end - c.start) for c in changes)
        out_end = out_start + (end - start) + delta
        if out_end < out_start:
            return None
        placed.append(Hunk(start, end, out_start, out_end, changes))
        pos, out = end, out_end
    if original[pos:] != text[out:]:
        return None
    return placed


def _line_removals(found: list[Hunk], lines: Lines) -> list[Hunk]:
    """`found` with line removals marked.

    Deletions right next to each other form a run (the boilerplate rules remove the last
    lines of a text without a final newline as "\\n" + line, then line, line...). A run
    removes whole lines when it runs from a line start to a line start (or the end of the
    text), or from the end of a line's content to the end of a later line's content. Each of
    its hunks then removes the lines that start inside it; a hunk of the run that holds no
    line start (a lone line ending) joins the hunk after it (the last one: before it).
    """
    out: list[Hunk] = []
    i = 0
    while i < len(found):
        j = i + 1
        if _deletes(found[i]):
            while j < len(found) and found[j].start == found[j - 1].end and _deletes(found[j]):
                j += 1
        run = found[i:j]
        removed = _removed_by_run(run[0].start, run[-1].end, lines) if _deletes(run[0]) else None
        out.extend(run if removed is None else _assign(run, removed, lines))
        i = j
    return out


def _deletes(hunk: Hunk) -> bool:
    return hunk.out_start == hunk.out_end and hunk.start < hunk.end


def _removed_by_run(start: int, end: int, lines: Lines) -> range | None:
    """The lines a deletion of `start:end` removes, or None when it is not whole lines."""
    text_end = len(lines.text)
    if lines.is_start(start) and (lines.is_start(end) or end == text_end):
        return range(lines.index_at(start), lines.index_at(end - 1) + 1)
    if lines.is_end(start) and (lines.is_end(end) or end == text_end):
        return range(lines.index_at(start) + 1, lines.index_at(end) + 1)
    return None


def _assign(run: list[Hunk], removed: range, lines: Lines) -> list[Hunk]:
    """The hunks of a whole-line run, each with the lines that start inside it."""
    owned: list[list[int]] = [[] for _ in run]
    for line in removed:
        pos = lines.starts[line]
        k = next(
            (k for k, h in enumerate(run) if h.start <= pos < h.end),
            len(run) - 1,  # a blank last line starting right at the end of the run
        )
        owned[k].append(line)
    merged: list[Hunk] = []
    pending: list[Hunk] = []  # hunks without a line, waiting for the next one with lines
    for hunk, mine in zip(run, owned, strict=True):
        if not mine:
            pending.append(hunk)
            continue
        parts = [*pending, hunk]
        pending = []
        changes = _in_order(c for part in parts for c in part.changes)
        merged.append(
            Hunk(parts[0].start, hunk.end, hunk.out_start, hunk.out_end, changes, tuple(mine))
        )
    if pending and merged:  # line-less hunks at the end join the last hunk with lines
        last = merged.pop()
        changes = _in_order((*last.changes, *(c for part in pending for c in part.changes)))
        merged.append(
            Hunk(last.start, pending[-1].end, last.out_start, last.out_end, changes, last.removed)
        )
    return merged


def _in_order(changes: Iterable[Change]) -> tuple[Change, ...]:
    """`changes` in pipeline order (by rule, then by where each rule saw them)."""
    order = {rule.id: k for k, rule in enumerate(rules.RULES)}
    return tuple(sorted(changes, key=lambda c: (order.get(c.rule, len(order)), c.start)))


# --- blocks of lines ------------------------------------------------------------------------


@dataclass
class Block:
    """Consecutive original lines `first..last` that hunks change, with those hunks."""

    first: int
    last: int
    hunks: list[Hunk] = field(default_factory=list)

    @property
    def removal_only(self) -> bool:
        return all(h.line_removal for h in self.hunks)


def _hunk_lines(hunk: Hunk, lines: Lines) -> tuple[int, int]:
    if hunk.line_removal:
        return hunk.removed[0], hunk.removed[-1]
    first = lines.index_at(hunk.start)
    if hunk.end == hunk.start:
        return first, first
    # A change that takes a line ending joins two lines: show the second one too.
    return first, lines.index_at(hunk.end)


def blocks(found: Sequence[Hunk], lines: Lines) -> list[Block]:
    """`found` hunks grouped by the lines they touch: hunks sharing a line share a block."""
    out: list[Block] = []
    for hunk in found:
        first, last = _hunk_lines(hunk, lines)
        if out and first <= out[-1].last:
            out[-1].last = max(out[-1].last, last)
            out[-1].hunks.append(hunk)
        else:
            out.append(Block(first, last, [hunk]))
    return out


# --- drawing --------------------------------------------------------------------------------


def escape(text: str, *, shown: bool = False) -> str:
    r"""`text` safe for a terminal: undecodable bytes as "\xNN", control and format
    characters as "<U+XXXX>". With `shown` (a highlight), line endings and a BOM are made
    visible, and so are spaces and tabs when they are all there is.

    >>> escape("a\udcb3\x1b"), escape("\ufeffa\r\n", shown=True), escape(" ", shown=True)
    ('a\\xB3<U+001B>', '<BOM>a␍␊', '·')
    """
    blank = shown and not text.strip(" \t")
    out: list[str] = []
    for ch in text:
        if shown and ch in _SHOWN and (blank or ch not in " \t"):
            out.append(_SHOWN[ch])
        elif ch == "\t" or ch == " ":
            out.append(ch)
        elif "\udc80" <= ch <= "\udcff":
            out.append(f"\\x{ord(ch) - 0xDC00:02X}")
        elif ch in "\r\n":
            continue
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            out.append(f"<U+{ord(ch):04X}>")
        else:
            out.append(ch)
    return "".join(out)


def _cut(piece: str, limit: int | None, *, left: bool, right: bool) -> str:
    """An unchanged stretch of a changed line, cut to the ends next to changes when long.

    `left`/`right`: whether a change touches the stretch on that side.

    >>> _cut("abcdefghijklmnop", 3, left=True, right=True)
    'abc … nop'
    >>> _cut("abcdefghijklmnop", 3, left=False, right=True)
    '… nop'
    """
    if limit is None or len(piece) <= 2 * limit + 3:
        return piece
    if left and right:
        return f"{piece[:limit]} … {piece[-limit:]}"
    if right:
        return "… " + piece[-limit:]
    return piece[: 2 * limit] + " …" if not left else piece[:limit] + " …"


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a preview.

    `kind` is "context" (an unchanged line), "skip" (collapsed lines, `before` says how
    many), "removed" (a removed line, labelled on its first non-blank line), "change" (a
    changed line: `before` and/or `after`), "label" (the rules of the block above) or
    "explain" (a change's position, rule and reason, with `verbose`). `old`/`new` are
    0-based line numbers in the original and in the output.
    """

    kind: str
    old: int | None = None
    before: Text | None = None
    new: int | None = None
    after: Text | None = None
    label: Text | None = None


class _Drawer:
    """Draws one file's preview: rows of highlighted lines, built from the hunks."""

    def __init__(self, result: Result, options: Options) -> None:
        self.result = result
        self.options = options
        self.before = Lines(result.original)
        self.after = Lines(result.text)
        self.hunks = hunks(result)
        self._starts = [h.start for h in self.hunks]
        self.blocks = blocks(self.hunks, self.before)

    def _map(self, pos: int, *, at_end: bool) -> int:
        """Offset `pos` of the original in the output. An insertion right at `pos` comes
        after it when `pos` starts a stretch, before it when `pos` ends one."""
        k = bisect.bisect_left(self._starts, pos)  # hunks[k:] start at or after pos
        prev = self.hunks[k - 1] if k else None
        if prev is not None and prev.end > pos:  # inside a hunk
            return prev.out_end if at_end else prev.out_start
        out = prev.out_end + (pos - prev.end) if prev is not None else pos
        for hunk in self.hunks[k:]:
            if hunk.start != pos:
                break
            if not (at_end and hunk.start == hunk.end):
                return hunk.out_start
            out = hunk.out_end
        return out

    def _line(self, lines: Lines, index: int, spans: Sequence[tuple[int, int]], style: str) -> Text:
        """Line `index` of `lines` with `spans` (offsets in the whole text) highlighted.

        A highlight includes the line ending when its span takes it (shown as "␊"). An
        empty span (text deleted there) shows nothing but keeps the text around it from
        being cut.
        """
        start, end = lines.starts[index], lines.body_end(index)
        full_end = lines.end(index)
        text = lines.text
        pieces: list[tuple[str, bool]] = []
        pos = start
        for s, e in spans:
            if s == e and not start < s < end:
                continue  # an empty span matters only between two stretches of the line
            if s != e and (e <= start or s >= full_end):
                continue
            s, e = max(s, start), min(e, full_end)
            if pos < min(s, end):
                pieces.append((text[pos : min(s, end)], False))
            pieces.append((text[s:e], True))
            pos = max(pos, e)
        if pos < end:
            pieces.append((text[pos:end], False))
        line = Text()
        for k, (piece, marked) in enumerate(pieces):
            if not marked:
                left = k > 0 and pieces[k - 1][1]
                right = k + 1 < len(pieces) and pieces[k + 1][1]
                line.append(escape(_cut(piece, self.options.cut, left=left, right=right)))
            elif piece:
                shown = escape(piece, shown=True)
                if self.options.marks and style in PLAIN_MARKS:
                    opening, closing = PLAIN_MARKS[style]
                    shown = f"{opening}{shown}{closing}"
                line.append(shown, style=style)
        return line

    # rows

    def rows(self) -> Iterator[Row]:
        """The preview, row by row: each block of changed lines with `context` unchanged
        lines around it; longer unchanged stretches collapse into one "skip" row."""
        count = len(self.before)
        context = self.options.context
        shown = -1  # the last original line shown so far
        for n, block in enumerate(self.blocks):
            low = max(block.first - context, shown + 1)
            if low > shown + 1:
                yield self._skip(low - shown - 1)
            for i in range(low, block.first):
                yield self._context(i)
            if block.removal_only:
                yield from self._removal_rows(block)
            else:
                yield from self._change_rows(block)
            following = self.blocks[n + 1].first if n + 1 < len(self.blocks) else count
            high = min(block.last + context, following - 1)
            if n + 1 < len(self.blocks) and following - block.last - 1 <= 2 * context + 1:
                high = following - 1  # a short gap is shown whole, not collapsed
            for i in range(block.last + 1, high + 1):
                yield self._context(i)
            shown = max(block.last, high)
        if self.blocks and shown < count - 1:
            yield self._skip(count - 1 - shown)

    def _skip(self, count: int) -> Row:
        plural = "" if count == 1 else "s"
        return Row("skip", before=Text(f"⋮ {count} unchanged line{plural}", style="cleaner.elided"))

    def _context(self, i: int) -> Row:
        new = self.after.index_at(self._map(self.before.starts[i], at_end=False))
        line = self._line(self.before, i, (), "")
        return Row("context", i, line, new, line.copy())

    def _removal_rows(self, block: Block) -> Iterator[Row]:
        lines = self.before
        for hunk in block.hunks:
            removed = hunk.removed
            labelled = next((i for i in removed if lines.body_end(i) > lines.starts[i]), removed[0])
            for i in removed:
                content = escape(lines.text[lines.starts[i] : lines.body_end(i)])
                label = Text(hunk.label, style="cleaner.rule") if i == labelled else None
                yield Row("removed", i, Text.assemble((content, REMOVED_LINE)), label=label)
            yield from self._explain([hunk])

    def _change_rows(self, block: Block) -> Iterator[Row]:
        lines = self.before
        replaced = [(h.start, h.end) for h in block.hunks if not h.line_removal]
        gone = [(h.start, h.end) for h in block.hunks if h.line_removal]
        came = [(h.out_start, h.out_end) for h in block.hunks if not h.line_removal]
        olds: list[tuple[int, Text]] = []
        for i in range(block.first, block.last + 1):
            start, end = lines.starts[i], lines.body_end(i)
            if any(s <= start and end <= e and s < e for s, e in gone):
                olds.append((i, Text.assemble((escape(lines.text[start:end]), REMOVED_LINE))))
            else:
                olds.append((i, self._line(lines, i, replaced, REMOVED)))
        news = [(i, self._line(self.after, i, came, ADDED)) for i in self._after_range(block)]
        label = self._label(block)
        if self.options.side_by_side:
            for k, (old, new) in enumerate(zip_longest(olds, news)):
                yield Row(
                    "change",
                    old[0] if old else None,
                    old[1] if old else None,
                    new[0] if new else None,
                    new[1] if new else None,
                    label if k == 0 else None,
                )
        else:
            for i, text in olds:
                yield Row("change", i, text)
            for i, text in news:
                yield Row("change", new=i, after=text)
            yield Row("label", label=label)
        yield from self._explain(block.hunks)

    def _after_range(self, block: Block) -> range:
        """The output lines that a block's changed lines became."""
        lines, after = self.before, self.after
        start = lines.starts[block.first]
        end = max(lines.body_end(block.last), *(h.end for h in block.hunks))
        out_start, out_end = self._map(start, at_end=False), self._map(end, at_end=True)
        first = after.index_at(out_start)
        if out_end > out_start:
            last = after.index_at(out_end - 1 if after.is_start(out_end) else out_end)
            return range(first, last + 1)
        if end == lines.body_end(block.last):  # the line is still there, emptied
            return range(first, first + 1)
        return range(first, first)

    def _label(self, block: Block) -> Text:
        counts: dict[str, int] = {}
        for hunk in block.hunks:
            counts[hunk.label] = counts.get(hunk.label, 0) + 1
        shown = " · ".join(label if n == 1 else f"{label} ×{n}" for label, n in counts.items())
        return Text(shown, style="cleaner.rule")

    def _explain(self, found: Sequence[Hunk]) -> Iterator[Row]:
        if not self.options.verbose:
            return
        for hunk in found:
            for change in hunk.changes:
                line, col = line_col(self.result.original, change.origin[0])
                text = Text.assemble(
                    (f"{line}:{col} ", "cleaner.lineno"),
                    (change.rule, "cleaner.rule"),
                    f": {escape(change.reason)}",
                )
                yield Row("explain", before=text)


def header(result: Result, *, output_encoding: str = "utf-8") -> Text:
    """The line under a file's name: encoding, what it is written as, changes per rule."""
    parts: list[str] = []
    if result.encoding is not None:
        parts.append(f"{result.encoding} (confidence {result.confidence:.2f})")
    parts.append(f"written as {output_encoding}")
    counts = result.counts()
    if counts:
        total = sum(counts.values())
        listed = ", ".join(rule if n == 1 else f"{rule} ×{n}" for rule, n in counts.items())
        parts.append(f"{total} change{'' if total == 1 else 's'}: {listed}")
    else:
        parts.append("no change to the text")
    return Text(" · ".join(parts))


def finding_line(result: Result, finding: Finding) -> Text:
    """A finding as `line:col rule: message`."""
    line, col = line_col(result.original, finding.origin[0])
    return Text.assemble(
        (f"{line}:{col} ", "cleaner.lineno"),
        (f"{finding.rule}: {escape(finding.message)}", "cleaner.finding"),
    )


def preview(
    result: Result,
    name: str,
    options: Options | None = None,
    *,
    output_encoding: str = "utf-8",
) -> list[RenderableType]:
    """Everything `cleaner diff` shows for one file, as rich renderables."""
    options = options or Options()
    drawer = _Drawer(result, options)
    rows = list(drawer.rows())
    width = len(str(max(len(drawer.before), len(drawer.after))))
    out: list[RenderableType] = [
        HeaderRule(Text(escape(name), style="cleaner.header"), align="left", style="cleaner.rule"),
        header(result, output_encoding=output_encoding),
    ]
    if rows:
        out.append(_side_by_side(rows, width) if options.side_by_side else _unified(rows, width))
    if result.findings:
        out.append(Text("left as is:", style="cleaner.finding"))
        grid = Table.grid(padding=(0, 0, 0, 2))
        for finding in result.findings:
            grid.add_row(finding_line(result, finding))
        out.append(grid)
    return out


def _number(index: int | None, width: int) -> str:
    return f"{'' if index is None else index + 1:>{width}}"


def _unified(rows: Sequence[Row], width: int) -> Table:
    """Rows one under the other; the gutter (line number and sign) has its own column so
    that a long line wraps under its text, not under the number."""
    grid = Table.grid(padding=0)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    blank = " " * (width + 3)
    for row in rows:
        if row.kind == "context" and row.before is not None:
            row.before.no_wrap = True  # one screen row each, cut at the edge
            row.before.overflow = "ellipsis"
            grid.add_row(Text(_number(row.old, width) + "   ", style="cleaner.lineno"), row.before)
        elif row.kind == "removed" and row.before is not None:
            line = row.before.copy()
            if row.label is not None:
                line.append("  ")
                line.append_text(row.label)
            grid.add_row(_gutter(row.old, width, "-", "cleaner.minus"), line)
        elif row.kind == "change" and row.before is not None:
            grid.add_row(_gutter(row.old, width, "-", "cleaner.minus"), row.before)
        elif row.kind == "change" and row.after is not None:
            grid.add_row(_gutter(row.new, width, "+", "cleaner.plus"), row.after)
        elif row.kind == "label" and row.label is not None:
            grid.add_row(blank, Text.assemble(("↳ ", "cleaner.rule"), row.label))
        elif row.before is not None:  # skip, explain
            grid.add_row(blank, row.before)
    return grid


def _gutter(index: int | None, width: int, sign: str, style: str) -> Text:
    return Text.assemble((_number(index, width) + " ", "cleaner.lineno"), (sign + " ", style))


def _side_by_side(rows: Sequence[Row], width: int) -> Table:
    """Before and after in two columns. rich measures wide (CJK) characters as two cells,
    so the columns stay aligned."""
    table = Table(box=box.MINIMAL, expand=True, show_edge=False, pad_edge=False)
    table.add_column("", no_wrap=True, style="cleaner.lineno", justify="right")
    table.add_column("before", ratio=1, overflow="fold")
    table.add_column("", no_wrap=True, style="cleaner.lineno", justify="right")
    table.add_column("after", ratio=1, overflow="fold")
    table.add_column("rule", max_width=28, overflow="fold")
    for row in rows:
        if row.kind == "skip":
            table.add_row("", row.before, "", row.before, None)
        elif row.kind == "explain":
            table.add_row("", row.before, "", None, None)
        elif row.kind != "label":
            old = "" if row.old is None else str(row.old + 1)
            new = "" if row.new is None else str(row.new + 1)
            table.add_row(old, row.before, new, row.after, row.label)
    return table
