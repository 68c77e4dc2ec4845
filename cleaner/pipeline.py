"""Run the enabled rules over a text, one after another, and record every change.

Each rule sees the text as the rules before it left it. Its edits are applied in one batch;
the pipeline records them as `Change`s (with the span mapped back to the original text) and
its flags as `Finding`s. One pass, no fixed-point loop: idempotence is a tested property of
the rules, not something the driver papers over.

Lines ending in the pragma `cleaner: skip` are honoured here, once, for every rule: rules see
the whole text (so their view of the document is unchanged), and each edit that touches a
marked line is dropped and reported as a `Finding` with `pragma` set. Dropping whole edits
keeps offsets and records honest: what is applied is exactly what is recorded.

Rules that remove whole lines plan their edits as one set (a removed line takes the blank
lines its removal would orphan, or the line ending before it at the end of a text without a
final newline), so dropping one of them could glue two lines together. Such rules are told
which lines are marked (`Context.kept_lines`, the spans of `pragma_lines` in the text each
rule is given) and plan around them: they never propose an edit touching a marked line, and
report the lines they leave for the pragma as `Flag`s with `pragma` set. `_split_pragma`
stays as a safety net for a rule that does not: when it must drop a *line edit* (one that
removes a line break or empties a whole line), it drops every line edit of that rule, since
they were planned together; then the rule removes no line break at all, and no two lines
can be joined.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Mapping
from pathlib import PurePath

import pathspec

from cleaner.config import DEFAULT_CONFIG, Config, compile_patterns
from cleaner.decoding import Decoded, decode
from cleaner.model import (
    PRAGMA,
    Change,
    Edit,
    Finding,
    Flag,
    Result,
    apply_edits,
    kept_by_pragma,
)
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
    marked = tuple(pragma_lines(text))
    for rule in enabled_rules(ctx.config, article=ctx.article):
        if marked != ctx.kept_lines:
            ctx = dataclasses.replace(ctx, kept_lines=marked)
        edits: list[Edit] = []
        for item in rule.func(text, ctx):
            if isinstance(item, Flag):
                span = origin.span(item.start, item.end)
                pragma = item.pragma and _touching(marked, item.start, item.end)
                findings.append(
                    Finding(rule.id, item.message, span, text[item.start : item.end], pragma)
                )
            else:
                edits.append(item)
        if not edits:
            continue
        if marked:
            edits, withheld = _split_pragma(text, edits, marked)
            for flag in withheld:
                span = origin.span(flag.start, flag.end)
                before = text[flag.start : flag.end]
                findings.append(Finding(rule.id, flag.message, span, before, pragma=True))
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
        marked = tuple(pragma_lines(text))  # where they are now (one cheap scan)
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


def _split_pragma(
    text: str, edits: list[Edit], spans: tuple[tuple[int, int], ...]
) -> tuple[list[Edit], list[Flag]]:
    """`edits` split into those to apply and those withheld, reported as pragma flags.

    An edit touching a marked line (see `_touching`) is withheld. When one of those is a line
    edit (see `_line_edit`), every line edit of the rule is withheld with it: a rule plans its
    line removals together (blank lines and line endings go with a neighbouring removed
    line), so applying only some of them could join two lines or change whether the text
    ends with a line break. Character edits within a line stand alone and go one by one.
    """
    touching = [_touching(spans, e.start, e.end) for e in edits]
    if not any(touching):
        return edits, []
    lines_too = any(t and _line_edit(text, e) for e, t in zip(edits, touching, strict=True))
    apply: list[Edit] = []
    withheld: list[Flag] = []
    together = f"planned together with a line removal touching a line marked {PRAGMA!r}"
    for e, touches in zip(edits, touching, strict=True):
        if touches:
            withheld.append(kept_by_pragma(e))
        elif lines_too and _line_edit(text, e):
            withheld.append(kept_by_pragma(e, together))
        else:
            apply.append(e)
    return apply, withheld


def _touching(spans: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    """Whether `start:end` touches a marked line (`spans` sorted, line endings included).

    A span touches a line when it overlaps it or, when empty (an insertion), falls inside the
    line or right at its start.
    """
    if not spans:
        return False
    i = bisect.bisect_right(spans, max(end - 1, start), key=lambda span: span[0]) - 1
    while i >= 0 and spans[i][1] > start:
        line_start, line_end = spans[i]
        if (start < line_end and end > line_start) or line_start <= start < line_end:
            return True
        i -= 1
    return False


def _line_edit(text: str, edit: Edit) -> bool:
    """Whether `edit` changes the lines of `text`: removes a line break or empties a line.

    >>> _line_edit("a\\nb", Edit(1, 3, "", "")), _line_edit("a\\nb", Edit(2, 3, "", ""))
    (True, True)
    >>> _line_edit("a\\nbc", Edit(2, 3, "", ""))
    False
    """
    before = text[edit.start : edit.end]
    if "\n" in before or "\r" in before:
        return True
    at_start = edit.start == 0 or text[edit.start - 1] in "\r\n"
    at_end = edit.end == len(text) or text[edit.end] in "\r\n"
    return bool(before) and not edit.after and at_start and at_end


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
    corpus: Mapping[str, int] | None = None,
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
    corpus: Mapping[str, int] | None = None,
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
    corpus: Mapping[str, int] | None = None,
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
