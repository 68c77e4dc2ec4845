"""The records that flow through cleaner: edits proposed by rules, and the result of a run.

Data flows one way: bytes -> decoded text -> changes -> output. A rule never edits text
itself; it yields `Edit` (a proposed replacement) and `Flag` (something suspicious it will not
touch) and the pipeline applies them. The pipeline turns them into `Change` and `Finding`
records that carry the rule id, the text before, and the span in the *original* text, so a
reviewer can see every change and the output can be replayed from the input.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

#: A line that ends with this (in a comment, "# cleaner: skip", or as plain text) is kept
#: exactly as it is by every rule: repositories keep garbled text on purpose (test data,
#: examples of mojibake). The pipeline drops each edit touching such a line and reports it as
#: a `Finding` with `pragma` set; rules that remove whole lines are told which lines are
#: marked (`Context.kept_lines`) and plan around them.
PRAGMA = "cleaner: skip"


@dataclass(frozen=True, slots=True)
class Edit:
    """A replacement a rule proposes, in the coordinates of the text the rule was given."""

    start: int
    end: int
    after: str
    reason: str


@dataclass(frozen=True, slots=True)
class Flag:
    """Something a rule found but will not change: information already lost, or too ambiguous.

    `pragma` marks a change the rule leaves undone because a line is marked `cleaner: skip`
    (made with `kept_by_pragma`); the pipeline reports it as kept on purpose, not as a problem,
    when the flag's span touches a marked line.
    """

    start: int
    end: int
    message: str
    pragma: bool = False


def kept_by_pragma(edit: Edit, why: str = f"{PRAGMA!r} on the line") -> Flag:
    """The flag reporting `edit` as not made because of the pragma (`why` says how).

    >>> kept_by_pragma(Edit(0, 3, "", "r")).message
    "left as is ('cleaner: skip' on the line): r; would be ''"
    """
    message = f"left as is ({why}): {edit.reason}; would be {edit.after!r}"
    return Flag(edit.start, edit.end, message, pragma=True)


@dataclass(frozen=True, slots=True)
class Change:
    """One applied edit, explained.

    `start`/`end` index the text *as the rule saw it* (after the rules before it ran), so that
    `replay` can re-apply the changes in order. `origin` is the same span mapped back to the
    original input text, which is what reports and diffs show to people.
    """

    rule: str
    start: int
    end: int
    before: str
    after: str
    reason: str
    origin: tuple[int, int]

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "start": self.origin[0],
            "end": self.origin[1],
            "before": self.before,
            "after": self.after,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """Something reported but left as it is (a lost character, an unrepairable run).

    `pragma` marks a change the rule proposed on a line the user marked `cleaner: skip`
    (see `PRAGMA`): kept as it is on purpose, so it is reported but gates nothing.
    """

    rule: str
    message: str
    origin: tuple[int, int]
    text: str = ""
    pragma: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "start": self.origin[0],
            "end": self.origin[1],
            "text": self.text,
            "message": self.message,
            "pragma": self.pragma,
        }


@dataclass(frozen=True, slots=True)
class Result:
    """What cleaning one text or file produced.

    `original` is the decoded input (for bytes: BOM kept as U+FEFF, undecodable bytes kept as
    lone surrogates U+DC80-U+DCFF, Python's lossless "surrogateescape" form); `text` is the
    clean output. `replay(original, changes) == text` always holds.

    `skipped` is set when the input was left alone entirely (binary data, or an encoding we
    could not decide with confidence); then `text` is empty and nothing must be written.

    Whether a file changed is not a property of the result: it depends on the bytes that
    would be written (`cleaner.files.encode_output` with the configured output encoding),
    so the runner compares those with the bytes read.
    """

    text: str
    original: str
    changes: tuple[Change, ...] = ()
    findings: tuple[Finding, ...] = ()
    encoding: str | None = None
    confidence: float = 1.0
    skipped: str | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def problems(self) -> tuple[Finding, ...]:
        """The findings that are not kept on purpose by a `cleaner: skip` pragma."""
        return tuple(f for f in self.findings if not f.pragma)

    def counts(self) -> dict[str, int]:
        """Number of changes per rule id, in the order rules first appear."""
        counts: dict[str, int] = {}
        for change in self.changes:
            counts[change.rule] = counts.get(change.rule, 0) + 1
        return counts


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits (in any order) to `text`.

    Raises ValueError when edits overlap or fall outside the text: a rule bug must not
    silently corrupt a user's file.
    """
    if not edits:
        return text
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    pieces: list[str] = []
    pos = 0
    for edit in ordered:
        if edit.start < pos or edit.end < edit.start or edit.end > len(text):
            msg = f"overlapping or out-of-range edit {edit.start}:{edit.end} (length {len(text)})"
            raise ValueError(msg)
        pieces.append(text[pos : edit.start])
        pieces.append(edit.after)
        pos = edit.end
    pieces.append(text[pos:])
    return "".join(pieces)


def replay(original: str, changes: Sequence[Change]) -> str:
    """Rebuild the output from the input and the change records alone.

    Changes are grouped into the batches their rules produced (consecutive records of one
    rule) and each batch is applied to the text as that rule saw it. Every record's `before`
    is checked against the text, so a wrong record cannot pass unnoticed.
    """
    text = original
    batch: list[Change] = []
    for change in [*changes, None]:
        if batch and (change is None or change.rule != batch[0].rule):
            for c in batch:
                if text[c.start : c.end] != c.before:
                    msg = f"change {c.rule} at {c.start}:{c.end} does not match the text"
                    raise ValueError(msg)
            text = apply_edits(text, [Edit(c.start, c.end, c.after, c.reason) for c in batch])
            batch = []
        if change is not None:
            batch.append(change)
    return text


def narrow(offset: int, before: str, after: str, reason: str) -> Edit:
    """An edit replacing `before` (found at `offset`) by `after`, trimmed to what differs.

    Rules that rewrite a whole line or run use this so that records and diffs show only the
    characters that really changed.

        >>> narrow(10, "abcXdef", "abcYYdef", "r")
        Edit(start=13, end=14, after='YY', reason='r')
    """
    head = 0
    limit = min(len(before), len(after))
    while head < limit and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < limit - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    return Edit(offset + head, offset + len(before) - tail, after[head : len(after) - tail], reason)
