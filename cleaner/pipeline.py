"""Run the enabled rules over a text, one after another, and record every change.

Each rule sees the text as the rules before it left it. Its edits are applied in one batch;
the pipeline records them as `Change`s (with the span mapped back to the original text) and
its flags as `Finding`s. One pass, no fixed-point loop: idempotence is a tested property of
the rules, not something the driver papers over.
"""

from __future__ import annotations

import bisect
from pathlib import PurePath

import pathspec

from cleaner.config import DEFAULT_CONFIG, Config
from cleaner.decoding import decode
from cleaner.model import Change, Edit, Finding, Flag, Result, apply_edits
from cleaner.rules import Context, enabled_rules


class _OriginMap:
    """Maps offsets in the current text back to offsets in the original text.

    Keeps, per applied batch, the edit spans as (new start, new end, old start, old end) and
    walks the batches backwards. A position inside a replacement maps to the start (or, for
    the end of a span, the end) of the text it replaced.
    """

    def __init__(self) -> None:
        self._batches: list[tuple[list[int], list[tuple[int, int, int, int]]]] = []

    def push(self, edits: list[Edit]) -> None:
        spans: list[tuple[int, int, int, int]] = []
        shift = 0
        for e in sorted(edits, key=lambda e: e.start):
            new_start = e.start + shift
            spans.append((new_start, new_start + len(e.after), e.start, e.end))
            shift += len(e.after) - (e.end - e.start)
        self._batches.append(([s[0] for s in spans], spans))

    def to_origin(self, pos: int, *, at_end: bool) -> int:
        for starts, spans in reversed(self._batches):
            i = bisect.bisect_right(starts, pos) - 1
            if i < 0:
                continue
            if at_end:  # several edits may start here (deletions collapse): take the first
                i = min(i, bisect.bisect_left(starts, pos))
            new_start, new_end, old_start, old_end = spans[i]
            if new_start == new_end == pos:  # right at a deletion
                pos = old_start if at_end else old_end
            elif pos >= new_end:
                pos = old_end + (pos - new_end)
            else:
                pos = old_end if at_end and pos > new_start else old_start
        return pos


def run_rules(text: str, ctx: Context) -> tuple[str, list[Change], list[Finding]]:
    """Apply every enabled rule to `text`; return the clean text, changes and findings."""
    changes: list[Change] = []
    findings: list[Finding] = []
    origin = _OriginMap()
    for rule in enabled_rules(ctx.config, article=ctx.article):
        edits: list[Edit] = []
        for item in rule.func(text, ctx):
            if isinstance(item, Flag):
                span = (
                    origin.to_origin(item.start, at_end=False),
                    origin.to_origin(item.end, at_end=True),
                )
                findings.append(Finding(rule.id, item.message, span, text[item.start : item.end]))
            else:
                edits.append(item)
        if not edits:
            continue
        new_text = apply_edits(text, edits)  # validates: in range, no overlaps
        for e in sorted(edits, key=lambda e: e.start):
            span = (origin.to_origin(e.start, at_end=False), origin.to_origin(e.end, at_end=True))
            changes.append(
                Change(rule.id, e.start, e.end, text[e.start : e.end], e.after, e.reason, span)
            )
        origin.push(edits)
        text = new_text
    return text, changes, findings


def is_article(path: PurePath | None, config: Config) -> bool:
    """Whether boilerplate rules apply: stdin and library text count as articles."""
    if path is None:
        return True
    spec = pathspec.GitIgnoreSpec.from_lines(config.articles)
    return spec.match_file(path.as_posix())


def clean_text(
    text: str,
    config: Config | None = None,
    *,
    path: PurePath | None = None,
    corpus: dict[str, int] | None = None,
    corpus_files: int = 0,
) -> Result:
    """Clean a text that is already Unicode. The input is never modified."""
    config = config or DEFAULT_CONFIG
    ctx = Context(config, path, is_article(path, config), corpus, corpus_files)
    out, changes, findings = run_rules(text, ctx)
    return Result(out, text, tuple(changes), tuple(findings))


def clean_bytes(
    data: bytes,
    config: Config | None = None,
    *,
    path: PurePath | None = None,
    corpus: dict[str, int] | None = None,
    corpus_files: int = 0,
) -> Result:
    """Decode `data` (any encoding, BOM or not) and clean it; the output is meant as UTF-8.

    Binary data and text whose encoding cannot be decided with confidence come back with
    `skipped` set and no text: they must be left as they are, not rewritten.
    """
    decoded = decode(data)
    if decoded.skipped:
        return Result(
            "",
            "",
            encoding=decoded.encoding,
            confidence=decoded.confidence,
            skipped=decoded.skipped,
        )
    result = clean_text(decoded.text, config, path=path, corpus=corpus, corpus_files=corpus_files)
    return Result(
        result.text,
        result.original,
        result.changes,
        result.findings,
        encoding=decoded.encoding,
        confidence=decoded.confidence,
        notes=decoded.notes,
    )
