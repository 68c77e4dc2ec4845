"""Accuracy of the boilerplate rules on the acceptance articles and `fixtures/boilerplate/`.

For every input the pipeline runs with the default configuration. A non-blank input line is
*removed by* a rule when one of that rule's change records deletes it whole; it *should have
been* removed when it has no counterpart in the expected file. Expected and input lines are
aligned with difflib on their view (ruby and tags stripped), and lines that other rules
repair (mojibake, ruby) are paired by similarity, so 001/002 count correctly even on a
branch without those repairs.

Per rule it prints: lines removed, of which expected, lines wrongly removed; then per set the
lines that should have been removed and the ones no rule removed.

    PYTHONPATH=. python bench/boilerplate_accuracy.py [--speed]

`--speed` also times the boilerplate rules on a long clean article (their cost per character
relative to the whole pipeline), as ratios side by side.
"""

from __future__ import annotations

import argparse
import difflib
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from cleaner import Config, clean_bytes, clean_text
from cleaner.lines import line_view
from cleaner.model import Result
from cleaner.rules import boilerplate

ROOT = Path(__file__).resolve().parent.parent
RULE_IDS = [rule.id for rule in boilerplate.RULES]


@dataclass
class Tally:
    removed: int = 0
    expected: int = 0
    wrong: list[str] = field(default_factory=list)


def cases() -> Iterable[tuple[str, str, bytes, str]]:
    """(set, name, input bytes, expected text) for every pair."""
    acceptance = ROOT / "fixtures" / "acceptance"
    for path in sorted((acceptance / "input").glob("*.txt")):
        expected = (acceptance / "expected" / path.name).read_bytes().decode("utf-8")
        yield "acceptance", path.name, path.read_bytes(), expected
    for path in sorted((ROOT / "fixtures" / "boilerplate").glob("*.input.txt")):
        expected_path = path.with_name(path.name.replace(".input.", ".expected."))
        expected = expected_path.read_bytes().decode("utf-8")
        yield "boilerplate", path.name, path.read_bytes(), expected


def _key(line: str) -> str:
    return line_view(line).replace("?", "")


def should_remove(original: str, expected: str) -> set[int]:
    """1-based input lines (split on "\n") that have no counterpart in `expected`.

    In a block that differs, a line pairs with the next expected line when they are alike
    (the same line repaired). A repaired line can look little like its repair (a line of
    mojibake), so of the lines left unpaired only as many count as the block loses.
    """
    a = original.split("\n")
    b = expected.split("\n")
    matcher = difflib.SequenceMatcher(None, [_key(x) for x in a], [_key(x) for x in b], False)
    gone: set[int] = set()
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        j = j1
        unpaired = []
        for i in range(i1, i2):
            # pair with the next expected line of the block if it is the same line repaired
            if j < j2 and difflib.SequenceMatcher(None, _key(a[i]), _key(b[j])).ratio() >= 0.5:
                j += 1
            elif a[i].strip():
                unpaired.append(i)
        lost = sum(1 for i in range(i1, i2) if a[i].strip())
        lost -= sum(1 for k in range(j1, j2) if b[k].strip())
        if lost < len(unpaired):  # the least alike go

            def likeness(i: int, block: range = range(j1, j2)) -> float:
                return max(
                    (difflib.SequenceMatcher(None, _key(a[i]), _key(b[k])).ratio() for k in block),
                    default=0.0,
                )

            unpaired.sort(key=likeness)
        gone.update(i + 1 for i in unpaired[: max(lost, 0)])
    return gone


def removed_by_rule(original: str, result: Result) -> dict[str, set[int]]:
    """Input lines each boilerplate rule deleted whole. A line goes to the first record that
    covers it: a later record's origin may span text an earlier rule already deleted."""
    bounds = []
    pos = 0
    for number, line in enumerate(original.split("\n"), 1):
        if line.strip():
            bounds.append((number, pos, pos + len(line)))
        pos += len(line) + 1
    removed: dict[str, set[int]] = {rule: set() for rule in RULE_IDS}
    claimed: set[int] = set()
    for change in result.changes:
        if change.rule not in removed or change.after:
            continue
        a, b = change.origin
        for number, start, end in bounds:
            if number not in claimed and a <= start and end <= b:
                removed[change.rule].add(number)
                claimed.add(number)
    return removed


def accuracy() -> None:
    sets: dict[str, dict[str, Tally]] = {}
    totals: dict[str, list[int]] = {}
    missed: list[str] = []
    for group, name, data, expected in cases():
        result = clean_bytes(data, path=PurePath(name))
        gone = should_remove(result.original, expected)
        tallies = sets.setdefault(group, {rule: Tally() for rule in RULE_IDS})
        found: set[int] = set()
        for rule, lines in removed_by_rule(result.original, result).items():
            tally = tallies[rule]
            tally.removed += len(lines)
            tally.expected += len(lines & gone)
            tally.wrong += [f"{name}:{n}" for n in sorted(lines - gone)]
            found |= lines
        total = totals.setdefault(group, [0, 0])
        total[0] += len(gone)
        total[1] += len(gone & found)
        missed += [f"{group}/{name}:{n}" for n in sorted(gone - found)]
    for group, tallies in sets.items():
        print(f"\n== {group}")
        print(f"{'rule':<18}{'removed':>9}{'expected':>10}{'wrong':>7}")
        for rule, t in tallies.items():
            print(f"{rule:<18}{t.removed:>9}{t.expected:>10}{len(t.wrong):>7}")
            for where in t.wrong:
                print(f"    wrongly removed: {where}")
        should, hit = totals[group]
        print(
            f"lines that should have been removed: {should}; removed: {hit}; missed: {should - hit}"
        )
    for where in missed:
        print(f"    missed: {where}")


def speed() -> None:
    """Cost of the boilerplate rules on long clean text, relative to the whole pipeline."""
    body = (ROOT / "fixtures" / "acceptance" / "expected" / "003_d80d795039600c5a.txt").read_text(
        encoding="utf-8"
    )
    text = "\n".join([body] * 40)  # one long article of ~230 KB: head, a body, a tail
    off = Config(disable=frozenset(RULE_IDS))

    def timed(config: Config | None) -> float:
        best = float("inf")
        for _ in range(5):
            t0 = time.perf_counter()
            clean_text(text, config)
            best = min(best, time.perf_counter() - t0)
        return best

    with_rules, without = timed(None), timed(off)
    print(f"\n== speed on {len(text):,} characters (best of 5)")
    print(f"pipeline without boilerplate rules: {without * 1000:8.2f} ms  (1.00)")
    ratio = with_rules / without
    print(f"pipeline with boilerplate rules:    {with_rules * 1000:8.2f} ms  ({ratio:.2f})")
    print(f"boilerplate rules alone:            {(with_rules - without) * 1000:8.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", action="store_true", help="also time the rules")
    args = parser.parse_args()
    accuracy()
    if args.speed:
        speed()


if __name__ == "__main__":
    main()
