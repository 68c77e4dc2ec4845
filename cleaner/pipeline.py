"""Run the enabled rules over a text, one after another, and record every change.

Each rule sees the text as the rules before it left it. Its edits are applied in one batch;
the pipeline records them as `Change`s (with the span mapped back to the original text) and
its flags as `Finding`s. One pass, no fixed-point loop: idempotence is a tested property of
the rules, not something the driver papers over.

Lines ending in the pragma `cleaner: skip` are honoured here, once, for every rule: rules see
the whole text (so their view of the document is unchanged), and each edit that touches a
marked line is dropped and reported as a `Finding` with `pragma` set. Dropping whole edits
keeps offsets and records honest: what is applied is exactly what is recorded.
"""

from __future__ import annotations

import bisect
import functools
import re
from pathlib import PurePath

import pathspec

from cleaner.config import DEFAULT_CONFIG, Config, compile_patterns
from cleaner.decoding import Decoded, decode
from cleaner.model import PRAGMA, Change, Edit, Finding, Flag, Result, apply_edits
from cleaner.rules import Context, enabled_rules


class _OriginMap:
    """Maps offsets in the current text back to offsets in the original text.

    Keeps, per applied batch, the edit spans as (new start, new end, old start, old end) and
    walks the batches backwards. A start offset maps through the character after it, an end
    offset through the character before it: an unchanged character maps to itself, one
    written by an edit to the start (for a start) or end (for an end) of the text it replaced.
    So a span right after a deletion starts after the deleted text, a span right before one
    ends before it, and neither includes it.
    """

    def __init__(self) -> None:
        self._batches: list[tuple[list[int], list[tuple[int, int, int, int]]]] = []

    def push(self, edits: list[Edit]) -> None:
        spans: list[tuple[int, int, int, int]] = []
        shift = 0
        # The order `apply_edits` uses: an insertion before a replacement at the same start.
        for e in sorted(edits, key=lambda e: (e.start, e.end)):
            new_start = e.start + shift
            spans.append((new_start, new_start + len(e.after), e.start, e.end))
            shift += len(e.after) - (e.end - e.start)
        self._batches.append(([s[0] for s in spans], spans))

    def to_origin(self, pos: int, *, at_end: bool) -> int:
        for starts, spans in reversed(self._batches):
            pos = _map_back(starts, spans, pos, at_end=at_end)
        return pos

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of `start:end`; an empty span maps to an empty span.

        The two ends are walked back together: where a span is (or becomes) empty, mapping its
        ends separately would make them cross at a deletion (the start after the deleted
        text, the end before it).
        """
        for starts, spans in reversed(self._batches):
            if start == end:
                start = end = _map_back(starts, spans, start, at_end=False)
            else:
                start = _map_back(starts, spans, start, at_end=False)
                end = _map_back(starts, spans, end, at_end=True)
        return start, end


def _map_back(
    starts: list[int], spans: list[tuple[int, int, int, int]], pos: int, *, at_end: bool
) -> int:
    """Map `pos` back through one batch (see `_OriginMap`)."""
    if at_end and pos == 0:
        return 0
    char = pos - 1 if at_end else pos  # the character that decides
    i = bisect.bisect_right(starts, char) - 1
    if i < 0:
        return pos
    _, new_end, old_start, old_end = spans[i]
    if char < new_end:  # written by this edit
        return old_end if at_end else old_start
    return old_end + (pos - new_end)


def run_rules(text: str, ctx: Context) -> tuple[str, list[Change], list[Finding]]:
    """Apply every enabled rule to `text`; return the clean text, changes and findings."""
    changes: list[Change] = []
    findings: list[Finding] = []
    origin = _OriginMap()
    for rule in enabled_rules(ctx.config, article=ctx.article):
        edits: list[Edit] = []
        for item in rule.func(text, ctx):
            if isinstance(item, Flag):
                span = origin.span(item.start, item.end)
                findings.append(Finding(rule.id, item.message, span, text[item.start : item.end]))
            else:
                edits.append(item)
        if not edits:
            continue
        edits, kept = _split_pragma(text, edits)
        for e in kept:
            span = origin.span(e.start, e.end)
            message = f"left as is ({PRAGMA!r} on the line): {e.reason}; would be {e.after!r}"
            findings.append(Finding(rule.id, message, span, text[e.start : e.end], pragma=True))
        if not edits:
            continue
        new_text = apply_edits(text, edits)  # validates: in range, no overlaps
        for e in sorted(edits, key=lambda e: (e.start, e.end)):
            span = origin.span(e.start, e.end)
            changes.append(
                Change(rule.id, e.start, e.end, text[e.start : e.end], e.after, e.reason, span)
            )
        origin.push(edits)
        text = new_text
    return text, changes, findings


#: The pragma at the end of a line: after it only spaces, tabs and a comment closer.
PRAGMA_RE = re.compile(r"cleaner:[ \t]*skip[ \t]*(?:-->|\*/)?[ \t]*(?=\r|\n|\Z)")


def pragma_lines(text: str) -> list[tuple[int, int]]:
    """The spans of the lines marked `cleaner: skip`, each with its line ending.

    >>> pragma_lines("a\\nb # cleaner: skip\\r\\nc")
    [(2, 21)]
    """
    if "cleaner:" not in text:  # the one cheap scan every text pays
        return []
    spans: list[tuple[int, int]] = []
    for match in PRAGMA_RE.finditer(text):
        start = max(text.rfind("\n", 0, match.start()), text.rfind("\r", 0, match.start())) + 1
        end = match.end()
        end += 2 if text.startswith("\r\n", end) else 1 if end < len(text) else 0
        spans.append((start, end))
    return spans


def _split_pragma(text: str, edits: list[Edit]) -> tuple[list[Edit], list[Edit]]:
    """`edits` split into those to apply and those touching a `cleaner: skip` line.

    An edit touches a marked line when its span overlaps the line (line ending included),
    or, for an insertion, when it falls inside the line or right at its start.
    """
    spans = pragma_lines(text)
    if not spans:
        return edits, []
    starts = [s for s, _ in spans]
    apply: list[Edit] = []
    kept: list[Edit] = []
    for e in edits:
        i = bisect.bisect_right(starts, max(e.end - 1, e.start)) - 1
        touched = False
        while i >= 0 and spans[i][1] > e.start:
            start, end = spans[i]
            if (e.start < end and e.end > start) or start <= e.start < end:
                touched = True
                break
            i -= 1
        (kept if touched else apply).append(e)
    return apply, kept


def is_article(path: PurePath | None, config: Config) -> bool:
    """Whether boilerplate rules apply: stdin and library text count as articles."""
    if path is None:
        return True
    return _spec(config.articles).match_file(path.as_posix())


@functools.lru_cache(maxsize=16)
def _spec(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    return compile_patterns(patterns)


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
    return clean_decoded(decode(data), config, path=path, corpus=corpus, corpus_files=corpus_files)


def clean_decoded(
    decoded: Decoded,
    config: Config | None = None,
    *,
    path: PurePath | None = None,
    corpus: dict[str, int] | None = None,
    corpus_files: int = 0,
) -> Result:
    """`clean_bytes` for bytes already decoded with `cleaner.decoding.decode`.

    The runner decodes each file itself: when the `repeated-lines` corpus pass has read the
    file before, it decodes it again with the codec found then (`decoding.redecode`), so the
    encoding of a file is detected once per run.
    """
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
