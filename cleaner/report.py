"""Counting what a run did to its files, and the exit code that follows (black's `Report`).

Pure bookkeeping: nothing here prints. `cleaner.render` shows the summary.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import Enum

#: Exit codes, as black has them. 123 stays clear of the codes shells reserve (126 and up).
EXIT_OK = 0
EXIT_WOULD_CHANGE = 1
EXIT_USAGE = 2
EXIT_FAILED = 123


class Status(Enum):
    """What happened to one file."""

    CLEANED = "cleaned"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass
class Report:
    """Counts of files cleaned, unchanged, skipped (by reason) and failed.

    `check` is set when nothing is written (`--check`, `--diff`): the wording becomes
    "would be cleaned", and with `fail_on_change` (`--check`) a change makes the exit code 1.
    `skip_note` is added to the skipped count, e.g. "not copied" under `--out`.

        >>> report = Report(check=True, fail_on_change=True)
        >>> report.done(Status.CLEANED)
        >>> report.done(Status.SKIPPED, "binary file (NUL bytes)")
        >>> str(report)
        '1 file would be cleaned, 1 file skipped (binary file (NUL bytes)).'
        >>> report.return_code
        1
    """

    check: bool = False
    fail_on_change: bool = False
    fail_on_findings: bool = False
    skip_note: str = ""
    cleaned: int = 0
    unchanged: int = 0
    failed: int = 0
    findings: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def done(self, status: Status, reason: str = "", *, findings: int = 0) -> None:
        """Count one file; `reason` says why a file was skipped, `findings` how many
        problems were found in it and left as they are (pragma-kept ones not counted)."""
        self.findings += findings
        if status is Status.CLEANED:
            self.cleaned += 1
        elif status is Status.UNCHANGED:
            self.unchanged += 1
        elif status is Status.SKIPPED:
            self.skipped[reason] += 1
        else:
            self.failed += 1

    @property
    def return_code(self) -> int:
        """123 when any file failed, else 1 when changes (`--check`, a fixer hook) or
        findings (`scan`) make the run fail, else 0."""
        if self.failed:
            return EXIT_FAILED
        if (self.cleaned and self.fail_on_change) or (self.findings and self.fail_on_findings):
            return EXIT_WOULD_CHANGE
        return EXIT_OK

    @property
    def total(self) -> int:
        return self.cleaned + self.unchanged + self.failed + sum(self.skipped.values())

    def __str__(self) -> str:
        """One sentence, e.g. "2 files cleaned, 1 file left unchanged, 1 file failed."."""
        if not self.total:
            return "No files to clean."
        would = "would be " if self.check else ""
        parts = []
        if self.cleaned:
            parts.append(f"{_files(self.cleaned)} {would}cleaned")
        if self.unchanged:
            parts.append(f"{_files(self.unchanged)} {would}left unchanged")
        if self.skipped:
            reasons = ", ".join(
                reason if count == 1 else f"{count}× {reason}"
                for reason, count in sorted(self.skipped.items())
            )
            note = f" and {self.skip_note}" if self.skip_note else ""
            parts.append(f"{_files(sum(self.skipped.values()))} skipped{note} ({reasons})")
        if self.failed:
            parts.append(f"{_files(self.failed)} failed")
        if self.findings:
            plural = "" if self.findings == 1 else "s"
            parts.append(f"{self.findings} finding{plural} left as is")
        return ", ".join(parts) + "."


def _files(count: int) -> str:
    return f"{count} file{'' if count == 1 else 's'}"
