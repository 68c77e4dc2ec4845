"""Make `fixtures/gbk-shifted/` pairs by damaging clean sentences with the forward model.

    python scripts/make_shifted_fixtures.py          # writes the pairs, prints recall

The clean sentences are `fixtures/gbk-shifted/corpus-*.txt` (written for this purpose,
Simplified and Traditional, with the fullwidth punctuation GBK text has). Each damaged line
comes from `cleaner.rules.gbk_shift.shift_damage`, the same model the rule verifies its
repairs with: the decoder loses step at a punctuation mark, the run ends by itself (ASCII
trail byte, a swallowed "(" or "<"), at a bare break, or starts with a pinyin annotation
inside a character; vanishing pairs and the "！"->"!" normalisation follow from the bytes.
Afterwards the whole line is normalised the way our articles were (fullwidth -> ASCII), except
what the run hides: the repair gives back the characters the bytes decode to.

Output, deterministic: `<slug>.input.txt` (damaged) and `<slug>.expected.txt`. The expected
text is the clean sentence when the rule repairs it exactly, and the damaged text unchanged
when the rule reports the run as unrepairable (a Flag, no edit) or does not see it. A wrong
repair is written with the clean sentence as expected and listed in `KNOWN_WRONG.txt`
(the test expects those to fail, so they stay visible).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.rules.gbk_shift import _damage  # noqa: E402

OUT = ROOT / "fixtures" / "gbk-shifted"

#: Where the decoder lost step in our articles: at punctuation.
STARTS = "。“”，、：！？；"
#: ASCII punctuation our normalised articles use where GBK text had fullwidth forms.
DENORMALISE = {ord(c): ord(c) + 0xFEE0 for c in ",:;!?"}
NORMALISE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}


@dataclass(frozen=True)
class Case:
    """One damaged line: where the run starts, how it ends, and the two texts."""

    slug: str
    damaged: str
    expected: str
    start: int
    kind: str


def simulate(
    line: str, start: int, *, break_at: int | None = None, ruby: str | None = None
) -> tuple[str, str] | None:
    """(damaged, expected) for a clean normalised line damaged from `line[start]` on.

    Returns None when the model does not apply there (a character is not GBK) or when the
    damage changes nothing a repair could see.
    """
    raw = line.translate(DENORMALISE)
    result = _damage(raw, start, ruby, break_at)
    if result is None:
        return None
    run, resync = result
    head = raw[:start].translate(NORMALISE)
    tail = raw[resync:].translate(NORMALISE)
    damaged = head + run + tail
    expected = head + raw[start:resync] + tail
    if "\n" in run or damaged == expected:
        return None
    return damaged, expected


#: Where the damaged stream was cut: a run that has not ended by itself before one of these
#: ends in a bare "?" break right before it (as in every run of our articles).
CUTS = "，。、！？”；："


def damage(line: str, start: int, ruby: str | None = None) -> tuple[str, str] | None:
    """`simulate` with the run ending by itself, or at the next cut before a punctuation mark."""
    raw = line.translate(DENORMALISE)
    natural = _damage(raw, start, ruby, None)
    if natural is None:
        return None
    cut = next((i for i in range(start + 2, len(raw)) if raw[i] in CUTS), None)
    if cut is not None and natural[1] > cut:
        return simulate(line, start, break_at=cut - 1, ruby=ruby)
    return simulate(line, start, ruby=ruby)


def reading_of(before: str, ch: str) -> str | None:
    """The pinyin a ruby annotator gives the mis-aligned character made of the trail byte of
    `before` and the lead byte of `ch` (None when that is not a character it annotates)."""
    from pypinyin import Style, pinyin

    b1, b2 = before.encode("gbk"), ch.encode("gbk")
    try:
        mis = bytes((b1[-1], b2[0])).decode("gbk")
    except UnicodeDecodeError:
        return None
    if not "\u4e00" <= mis <= "\u9fff":
        return None
    reading = pinyin(mis, style=Style.TONE, errors="ignore")
    return reading[0][0] if reading and reading[0] else None


def cases(lines: list[str], prefix: str) -> Iterator[Case]:
    """Damaged variants of each line: runs from up to two punctuation marks, and one run
    started by a pinyin annotation inside a character."""
    for n, line in enumerate(lines):
        raw = line.translate(DENORMALISE)
        made = 0
        for s, c in enumerate(raw):
            if c not in STARTS or made >= 2:
                continue
            sim = damage(line, s)
            if sim is not None:
                made += 1
                yield Case(f"{prefix}-{n:02d}-run{s}", *sim, s, "run")
        for s in range(3, len(raw) - 4):
            if not ("\u4e00" <= raw[s - 1] <= "\u9fff" and "\u4e00" <= raw[s] <= "\u9fff"):
                continue
            py = reading_of(raw[s - 1], raw[s])
            if py is None:
                continue
            sim = damage(line, s, ruby=py)
            if sim is not None:
                yield Case(f"{prefix}-{n:02d}-ruby{s}", *sim, s, "ruby")
                break


def corpus() -> Iterator[Case]:
    for name, prefix in (("corpus-simplified.txt", "hans"), ("corpus-traditional.txt", "hant")):
        lines = (OUT / name).read_text(encoding="utf-8").splitlines()
        yield from cases(lines, prefix)


def main() -> None:
    from cleaner.config import Config
    from cleaner.model import Edit, Flag, apply_edits
    from cleaner.rules.base import Context
    from cleaner.rules.gbk_shift import restore_gbk_shifted

    ctx = Context(Config())
    for old in OUT.glob("*.input.txt"):
        old.unlink()
    for old in OUT.glob("*.expected.txt"):
        old.unlink()
    counts: dict[str, dict[str, int]] = {}
    wrong: list[str] = []
    for case in corpus():
        items = list(restore_gbk_shifted(case.damaged, ctx))
        edits = [i for i in items if isinstance(i, Edit)]
        flags = [i for i in items if isinstance(i, Flag)]
        out = apply_edits(case.damaged, edits)
        if out == case.expected:
            outcome, expected = "repaired", case.expected
        elif not edits and flags:
            outcome, expected = "flagged", case.damaged
        elif not edits:
            outcome, expected = "missed", case.damaged
        else:
            outcome, expected = "WRONG", case.expected
            wrong.append(case.slug)
        counts.setdefault(case.kind, {}).setdefault(outcome, 0)
        counts[case.kind][outcome] += 1
        (OUT / f"{case.slug}.input.txt").write_text(case.damaged, encoding="utf-8")
        (OUT / f"{case.slug}.expected.txt").write_text(expected, encoding="utf-8")
        if outcome != "repaired":
            print(f"{outcome:8} {case.slug}: {case.damaged}\n{'':8} want {case.expected}")
    (OUT / "KNOWN_WRONG.txt").write_text(
        "# Pairs the rule repairs wrongly (written by scripts/make_shifted_fixtures.py);\n"
        "# tests/test_gbk_shift.py expects them to fail until the model gets them right.\n"
        + "".join(f"{slug}\n" for slug in wrong),
        encoding="utf-8",
    )
    for kind, c in counts.items():
        total = sum(c.values())
        print(f"{kind:6} {total:3} cases: " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))


if __name__ == "__main__":
    main()
