"""What `cleaner scan --format json` and `--report FILE.json` write: plain data per file.

One record per file, with stable field names (the README lists every field and its type; a
test holds the output to that list). The change and finding objects are `Change.to_dict()`
and `Finding.to_dict()` with the 1-based line and column of their start added.

`scan --format json` writes one record per line (JSON Lines), as each file is done, without
the `changes` list; `--report` writes one JSON document with every record in full, its
`changes` included, and a summary of the run.

Text is written as UTF-8. Undecodable bytes, which a decoded text keeps as lone surrogates,
appear as JSON escapes ("\\udcb3"): a JSON reader gets back exactly the text cleaner saw.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from cleaner.files import write_atomic
from cleaner.lines import line_col
from cleaner.model import Change, Finding, Result
from cleaner.report import Report

REPORT_FORMAT = "cleaner-report"
REPORT_VERSION = 1


def change_record(result: Result, change: Change) -> dict[str, object]:
    """A change as data: `Change.to_dict()` with the line and column of its start.

    >>> from cleaner import clean_text
    >>> result = clean_text("x\\ncafÃ©")
    >>> change_record(result, result.changes[0])
    {'rule': 'latin-mojibake', 'start': 5, 'end': 7, 'before': 'Ã©', 'after': 'é', 'reason': 'ftfy: encode latin-1, decode utf-8', 'line': 2, 'column': 4}
    """  # noqa: E501 - a doctest's output is one line
    line, column = line_col(result.original, change.origin[0])
    return {**change.to_dict(), "line": line, "column": column}


def finding_record(result: Result, finding: Finding) -> dict[str, object]:
    """A finding as data: `Finding.to_dict()` with the line and column of its start."""
    line, column = line_col(result.original, finding.origin[0])
    return {**finding.to_dict(), "line": line, "column": column}


def file_record(
    path: str,
    result: Result | None,
    *,
    output_encoding: str,
    changed: bool = False,
    skipped: str | None = None,
    error: str | None = None,
    changes: bool = False,
) -> dict[str, object]:
    """The record of one file (see the README, "JSON output").

    `result` is None when the file could not be read or decoded. `changed`: writing the
    file would produce (or produced) other bytes. With `changes`, the full change records
    are included (`--report`).
    """
    findings = result.findings if result is not None else ()
    record: dict[str, object] = {
        "path": path,
        "encoding": result.encoding if result is not None else None,
        "confidence": result.confidence if result is not None else None,
        "output_encoding": output_encoding,
        "changed": changed,
        "found": changed or any(not f.pragma for f in findings),
        "counts": result.counts() if result is not None else {},
        "findings": [finding_record(result, f) for f in findings] if result else [],
        "skipped": skipped if skipped is not None else (result.skipped if result else None),
        "error": error,
    }
    if changes:
        record["changes"] = [change_record(result, c) for c in result.changes] if result else []
    return record


def dumps(data: object) -> bytes:
    """`data` as UTF-8 JSON; lone surrogates (undecodable bytes) as JSON escapes."""
    return json.dumps(data, ensure_ascii=False).encode("utf-8", "backslashreplace")


def summary(report: Report) -> dict[str, int]:
    """The counts of a run, for the report file."""
    return {
        "files": report.total,
        "changed": report.cleaned,
        "unchanged": report.unchanged,
        "skipped": sum(report.skipped.values()),
        "failed": report.failed,
        "findings": report.findings,
        "exit_code": report.return_code,
    }


def report_document(
    command: str,
    records: Iterable[Mapping[str, object]],
    report: Report,
    *,
    mode: str,
    config: Path | None,
) -> dict[str, object]:
    """The whole `--report` document of a run."""
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "command": command,
        "mode": mode,
        "config": str(config) if config is not None else None,
        "files": list(records),
        "summary": summary(report),
    }


def write_report(path: Path, document: Mapping[str, object]) -> None:
    """Write the report file atomically (a reader never sees half of it)."""
    write_atomic(path, dumps(document) + b"\n")
