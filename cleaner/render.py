"""Everything `cleaner` shows in a terminal, through rich; the only module that prints.

Status lines and the summary go to stderr, so stdout carries only data (a diff, or the clean
text of stdin). Colour follows `--color/--no-color`; without either, rich decides: colour on a
terminal, none when piped, none when NO_COLOR is set. User strings (paths, text) are printed as
`Text`, never as markup, so a "[" or ":smile:" in a file name prints as it is.
"""

from __future__ import annotations

from typing import BinaryIO

from rich.console import Console
from rich.text import Text

from cleaner.model import Result
from cleaner.report import Report, Status

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
        **extra,  # type: ignore[arg-type]
    )


def colors_on(console: Console) -> bool:
    return console.color_system is not None and not console.no_color


def print_status(
    console: Console, name: str, status: Status, result: Result | None, *, check: bool
) -> None:
    """One line for a file: `name: cleaned (bom, latin-mojibake ×2)`."""
    line = Text(f"{name}: ")
    if status is Status.CLEANED:
        line.append("would clean" if check else "cleaned", style="bold")
    else:
        line.append(status.value)
    if result is not None and status is Status.CLEANED:
        line.append(f" ({describe(result)})")
    if result is not None and result.findings:
        count = len(result.findings)
        line.append(f"; {count} finding{'' if count == 1 else 's'} left as is", style="yellow")
    console.print(line)


def describe(result: Result) -> str:
    """What changed, in a few words: the rules with their counts, and any re-encoding."""
    parts = [rule if n == 1 else f"{rule} ×{n}" for rule, n in result.counts().items()]
    if result.encoding not in (None, "utf-8"):
        parts.append(f"re-encoded from {result.encoding} to UTF-8")
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
            Text(f"  {name}:{line}:{col} {finding.rule}: {finding.message}", style="yellow")
        )


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


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset` in `text` (lines end at "\\n").

    >>> line_col("ab\\ncd", 4)
    (2, 2)
    """
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _show(s: str) -> str:
    shown = repr(s)
    return shown if len(shown) <= SHOW_CHARS else shown[: SHOW_CHARS - 1] + "…"
