"""Everything `cleaner` shows in a terminal, through rich; the only module that prints.

Status lines and the summary go to stderr, so stdout carries only data (a diff, or the clean
text of stdin). Colour follows `--color/--no-color`; without either, rich decides: colour on a
terminal, none when piped, none when NO_COLOR is set. User strings (paths, text) are printed as
`Text`, never as markup, so a "[" or ":smile:" in a file name prints as it is.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import BinaryIO

from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn
from rich.table import Table
from rich.text import Text

from cleaner.lines import line_col
from cleaner.model import Result
from cleaner.preview import THEME, Options, escape, preview
from cleaner.report import Report, Status
from cleaner.rules.base import Rule

#: How much of a `before`/`after` string a verbose change line shows.
SHOW_CHARS = 40

_DIFF_STYLES = (("+++", "bold"), ("---", "bold"), ("@@", "cyan"), ("+", "green"), ("-", "red"))


def make_console(color: bool | None, *, stderr: bool = True) -> Console:
    """A console for stderr (status) or stdout (diff), with colour as the user asked."""
    if color is None:
        extra: dict[str, object] = {}
    elif color:
        extra = {"force_terminal": True, "no_color": False}
    else:
        extra = {"color_system": None}
    return Console(
        stderr=stderr,
        soft_wrap=True,  # one status line per file, however long its path
        markup=False,
        emoji=False,
        highlight=False,
        theme=THEME,
        **extra,  # type: ignore[arg-type]
    )


def colors_on(console: Console) -> bool:
    return console.color_system is not None and not console.no_color


def print_status(
    console: Console,
    name: str,
    status: Status,
    result: Result | None,
    *,
    check: bool,
    output_encoding: str = "utf-8",
) -> None:
    """One line for a file: `name: cleaned (bom, latin-mojibake ×2)`."""
    line = Text(f"{name}: ")
    if status is Status.CLEANED:
        line.append("would clean" if check else "cleaned", style="bold")
    else:
        line.append(status.value)
    if result is not None and status is Status.CLEANED:
        line.append(f" ({describe(result, output_encoding)})")
    if result is not None and result.problems:
        count = len(result.problems)
        line.append(f"; {count} finding{'' if count == 1 else 's'} left as is", style="yellow")
    kept = len(result.findings) - len(result.problems) if result is not None else 0
    if kept:
        line.append(f"; {kept} change{'' if kept == 1 else 's'} kept by 'cleaner: skip'")
    console.print(line)


def describe(result: Result, output_encoding: str = "utf-8") -> str:
    """What changed, in a few words: the rules with their counts, and any re-encoding."""
    parts = [rule if n == 1 else f"{rule} ×{n}" for rule, n in result.counts().items()]
    if result.encoding not in (None, output_encoding):
        target = "UTF-8" if output_encoding == "utf-8" else output_encoding
        parts.append(f"re-encoded from {result.encoding} to {target}")
    return ", ".join(parts)


def print_skipped(console: Console, name: str, reason: str) -> None:
    console.print(Text(f"{name}: skipped: {reason}", style="yellow"))


def print_error(console: Console, message: str) -> None:
    """Errors print even under `--quiet`."""
    console.print(Text(f"error: {message}", style="bold red"))


def print_changes(console: Console, name: str, result: Result) -> None:
    """`-v`: every change as `path:line:col rule before → after`, then the findings."""
    for change in result.changes:
        line, col = line_col(result.original, change.origin[0])
        console.print(
            Text(f"  {name}:{line}:{col} {change.rule} ")
            + Text(_show(change.before), style="red")
            + Text(" → ")
            + Text(_show(change.after), style="green")
        )
    for finding in result.findings:
        line, col = line_col(result.original, finding.origin[0])
        console.print(
            Text(
                f"  {name}:{line}:{col} {finding.rule}: {finding.message}",
                style="dim" if finding.pragma else "yellow",
            )
        )


def print_preview(
    console: Console, result: Result, name: str, options: Options, *, output_encoding: str
) -> None:
    """`cleaner diff`: the preview of one file (`cleaner.preview`), then a blank line."""
    if not colors_on(console) and not options.marks:
        options = Options(
            context=options.context,
            cut=options.cut,
            marks=True,  # without colour, highlights are marked in the text
            side_by_side=options.side_by_side,
            verbose=options.verbose,
        )
    for renderable in preview(result, name, options, output_encoding=output_encoding):
        console.print(renderable, soft_wrap=False)
    console.print()


@contextmanager
def paging(console: Console, *, enabled: bool) -> Iterator[None]:
    """Send what `console` prints meanwhile through a pager (`$PAGER`, else `less`).

    As git does, `LESS` defaults to "FRX": colours pass through (-R), output shorter than
    the screen is printed and not paged (-F), and the screen is not cleared (-X).
    """
    if not enabled:
        yield
        return
    os.environ.setdefault("LESS", "FRX")
    with console.pager(styles=colors_on(console)):
        yield


def print_summary(console: Console, report: Report) -> None:
    console.print(Text(str(report), style="bold"))


def print_diff(console: Console, diff: bytes, stream: BinaryIO) -> None:
    """Write a diff: raw bytes when colours are off (exact, for `patch`), else coloured."""
    if not colors_on(console):
        stream.write(diff)
        stream.flush()
        return
    for raw in diff.decode("utf-8", "replace").splitlines():
        style = next((s for prefix, s in _DIFF_STYLES if raw.startswith(prefix)), "")
        console.print(Text(raw, style=style))


def progress_wanted(console: Console, *, quiet: bool) -> bool:
    """A progress bar only on a real terminal (not piped, not a forced `--color`), and
    never with `--quiet`."""
    isatty = getattr(console.file, "isatty", None)
    return not quiet and console.is_terminal and bool(isatty and isatty())


class _Throughput(ProgressColumn):
    """Files per second and megabytes per second of the current phase."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        if elapsed <= 0 or not task.completed:
            return Text("")
        megabytes = float(task.fields.get("bytes", 0)) / 1e6
        return Text(
            f"{task.completed / elapsed:.0f} files/s, {megabytes / elapsed:.1f} MB/s",
            style="cyan",
        )


class Tracker:
    """What the runner tells the progress bar: a new phase, one more file done."""

    def __init__(self, bar: Progress | None, total: int) -> None:
        self.bar = bar
        self.total = total
        self.task = bar.add_task("reading", total=total, bytes=0) if bar else None
        self.bytes = 0

    def phase(self, description: str, total: int | None = None) -> None:
        if self.bar is not None and self.task is not None:
            self.bytes = 0
            self.bar.reset(self.task, total=total or self.total, description=description, bytes=0)

    def advance(self, nbytes: int) -> None:
        if self.bar is not None and self.task is not None:
            self.bytes += nbytes
            self.bar.update(self.task, advance=1, bytes=self.bytes)


@contextmanager
def progress(console: Console, total: int, *, enabled: bool) -> Iterator[Tracker]:
    """A progress bar on `console` (stderr) for a run over `total` files; it disappears
    when the run ends, and status lines printed meanwhile go above it."""
    if not enabled or total < 2:
        yield Tracker(None, total)
        return
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        _Throughput(),
        console=console,
        transient=True,
    )
    with bar:
        yield Tracker(bar, total)


def scan_table(records: Sequence[Mapping[str, object]], *, every: bool) -> Table:
    """`cleaner scan`: one row per file with something found (every file with `every`)."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("file", overflow="fold", min_width=16)
    table.add_column("encoding", no_wrap=True)
    table.add_column("conf.", justify="right", no_wrap=True)
    table.add_column("changes", no_wrap=True)
    table.add_column("left as is", style="yellow", overflow="fold")
    for record in records:
        interesting = record["found"] or record["skipped"] or record["error"]
        if not (every or interesting):
            continue
        counts = record["counts"]
        assert isinstance(counts, dict)
        findings = record["findings"]
        assert isinstance(findings, list)
        encoding = record["encoding"] or ""
        if record["changed"] and not counts:
            encoding = f"{encoding} (re-encode)"
        confidence = record["confidence"]
        left: list[str] = []
        if record["error"]:
            left.append(f"failed: {record['error']}")
        if record["skipped"]:
            left.append(f"skipped: {record['skipped']}")
        for finding in findings:
            kind = "kept by pragma" if finding["pragma"] else finding["rule"]
            left.append(f"{finding['line']}:{finding['column']} {kind}: {finding['message']}")
        table.add_row(
            Text(str(record["path"])),
            Text(str(encoding)),
            f"{confidence:.2f}" if isinstance(confidence, float) else "",
            Text("\n".join(f"{rule} {n}" for rule, n in counts.items())),
            Text("\n".join(escape(item) for item in left)),
        )
    return table


def rules_table(rules: Sequence[Rule]) -> Table:
    """`cleaner rules`: id, on or off by default, what it does, an example."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("rule", no_wrap=True, style="cyan")
    table.add_column("default", no_wrap=True)
    table.add_column("what it does", ratio=3)
    table.add_column("example", ratio=2, overflow="fold")
    for rule in rules:
        default = "on" if rule.default else "off"
        if rule.articles_only:
            default += " (articles)"
        before, after = rule.example
        example = Text.assemble(
            (escape(before, shown=True), "red"),
            " → ",
            (escape(after, shown=True) or "∅", "green"),
        )
        table.add_row(rule.id, default, rule.summary, example)
    return table


def _show(s: str) -> str:
    shown = repr(s)
    return shown if len(shown) <= SHOW_CHARS else shown[: SHOW_CHARS - 1] + "…"
