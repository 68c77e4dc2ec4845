"""Accuracy and speed of the whole pipeline on every golden pair.

    python bench/accuracy.py            # everything (about a minute on 2 cores)
    python bench/accuracy.py --no-speed # accuracy only

What it reads (the fixture convention, see BRIEF / fixtures/README.md):
- every `fixtures/**/<slug>.input.txt` with its `<slug>.expected.txt` (optional
  `<slug>.toml`: `enable`, `disable`, `boilerplate`, and `[rules.<id>]` options);
- every file under `fixtures/clean/` and every `fixtures/**/negative-*.txt`: expected equals
  the input;
- the acceptance articles, `fixtures/acceptance/input/<name>` vs `expected/<name>`.
Inputs without an expected file (e.g. `skip-*`) must be skipped by `clean_bytes`; the script
counts whether they are.

Per rule it prints:
- made: number of change records;
- match: changes whose result is where expected has it. The output is aligned with the
  expected text (difflib, characters); a change matches when its replacement text lands,
  in the final output, inside one aligned ("equal") block, i.e. expected has exactly those
  characters at that place. A deletion matches when the characters on both sides of the
  deletion point are aligned and adjacent in expected (expected has nothing there either).
  A change later overwritten by another rule counts as not matching;
- saved: residual edit distance with the rule disabled minus with all rules on, summed over
  files (what the rule contributes; negative means it makes the output worse);
- for line-removal rules: lines removed, of those how many expected also removed
  ("right"), and how many it removed wrongly; below the table, how many input lines
  expected removes in total ("should"), and how many of them some rule removed.
The residual edit distance is difflib's: for each non-equal block, the longer side's length
(an upper bound of Levenshtein distance, exact for pure insertions/deletions).

Speed: MB/s of `clean_text` (whole pipeline, default config) on clean Chinese text (the
acceptance expected files repeated to ~5 MB), beside `ftfy.fix_text` on the same text,
measured in the same run; and, for each CJK mojibake rule, how many candidate hits its
one-regex scan finds per 100k characters of that clean text (false candidates: none of them
may become a change).
"""

from __future__ import annotations

import difflib
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from types import MappingProxyType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ftfy  # noqa: E402

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from cleaner import clean_bytes, clean_text  # noqa: E402
from cleaner.config import Config  # noqa: E402
from cleaner.model import Change, Result  # noqa: E402
from cleaner.rules import RULES, cjk_mojibake  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
# one account of which lines were removed and which should have been, for both scripts
from boilerplate_accuracy import removed_by_rule, should_remove  # noqa: E402

FIXTURES = ROOT / "fixtures"
LINE_RULES = (
    "page-chrome",
    "credits",
    "photo-caption",
    "copyright-footer",
    "related-links",
    "repeated-lines",
)


@dataclass
class Case:
    name: str
    data: bytes
    expected: str | None
    config: Config = field(default_factory=Config)


def load_config(path: Path) -> Config:
    if not path.exists():
        return Config()
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    options = {k: MappingProxyType(dict(v)) for k, v in raw.get("rules", {}).items()}
    return Config(
        enable=frozenset(raw.get("enable", ())),
        disable=frozenset(raw.get("disable", ())),
        rule_options=MappingProxyType(options),
        boilerplate=raw.get("boilerplate", "auto"),
    )


def cases() -> list[Case]:
    out: list[Case] = []
    for path in sorted(FIXTURES.rglob("*.input.txt")):
        slug = path.name.removesuffix(".input.txt")
        # what cleaner must write, or where the rule may leave runs (gbk-shifted-wild), the truth
        expected = path.with_name(slug + ".expected.txt")
        if not expected.exists():
            expected = path.with_name(slug + ".truth.txt")
        text = expected.read_bytes().decode("utf-8") if expected.exists() else None
        config = load_config(path.with_name(slug + ".toml"))
        out.append(Case(str(path.relative_to(FIXTURES)), path.read_bytes(), text, config))
    clean = [p for p in (FIXTURES / "clean").rglob("*") if p.is_file()]
    for path in sorted(clean + list(FIXTURES.rglob("negative-*.txt"))):
        data = path.read_bytes()
        out.append(Case(str(path.relative_to(FIXTURES)), data, data.decode("utf-8")))
    for path in sorted((FIXTURES / "acceptance" / "input").glob("*.txt")):
        expected = FIXTURES / "acceptance" / "expected" / path.name
        text = expected.read_bytes().decode("utf-8")
        out.append(Case(f"acceptance/{path.name}", path.read_bytes(), text))
    return out


def run(case: Case, config: Config | None = None) -> Result:
    name = PurePath(case.name.replace(".input.txt", ".txt"))
    return clean_bytes(case.data, config or case.config, path=name)


def distance(a: str, b: str) -> int:
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")


def aligned(output: str, expected: str) -> list[int]:
    """For each output character, the index of the equal character in expected, or -1."""
    emap = [-1] * len(output)
    matcher = difflib.SequenceMatcher(None, output, expected, autojunk=False)
    for tag, i1, i2, j1, _ in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                emap[i1 + k] = j1 + k
    return emap


def output_spans(changes: tuple[Change, ...]) -> list[tuple[int, int] | None]:
    """Where each change's replacement sits in the final output (None: overwritten)."""
    batches: list[list[int]] = []
    for k, change in enumerate(changes):
        if k and change.rule == changes[k - 1].rule:
            batches[-1].append(k)
        else:
            batches.append([k])
    spans: list[tuple[int, int] | None] = [None] * len(changes)
    for b, batch in enumerate(batches):
        shift = 0
        for k in batch:
            c = changes[k]
            start = c.start + shift
            spans[k] = (start, start + len(c.after))
            shift += len(c.after) - (c.end - c.start)
        for later in batches[b + 1 :]:
            for k in batch:
                span = spans[k]
                if span is not None:
                    spans[k] = _through(span, [changes[m] for m in later])
    return spans


def _through(span: tuple[int, int], batch: list[Change]) -> tuple[int, int] | None:
    start, end = span
    shift = 0
    for c in batch:  # a batch is sorted by start
        if c.end <= start and not (c.start == c.end == start):
            shift += len(c.after) - (c.end - c.start)
        elif c.start >= end and not (c.start == c.end == end == start):
            break
        else:
            return None  # rewritten by a later rule
    return start + shift, end + shift


def matches(span: tuple[int, int] | None, emap: list[int]) -> bool:
    if span is None:
        return False
    start, end = span
    if start < end:
        idx = emap[start:end]
        return -1 not in idx and idx == list(range(idx[0], idx[0] + len(idx)))
    left = emap[start - 1] if start > 0 else -2
    right = emap[start] if start < len(emap) else -2
    if left == -1 or right == -1:
        return False
    return left == -2 or right == -2 or right == left + 1


def accuracy() -> None:
    all_cases = cases()
    made: Counter[str] = Counter()
    matched: Counter[str] = Counter()
    saved: Counter[str] = Counter()
    lines: dict[str, Counter[str]] = defaultdict(Counter)
    should_total = removed_right_total = 0
    residual_total = 0
    skipped_ok = skipped_bad = 0
    rows: list[tuple[str, int, int]] = []
    rule_ids = [rule.id for rule in RULES]
    for case in all_cases:
        result = run(case)
        if case.expected is None:
            skipped_ok += bool(result.skipped)
            skipped_bad += not result.skipped
            continue
        if result.skipped:
            rows.append((case.name + " (SKIPPED)", len(case.expected), len(case.expected)))
            residual_total += len(case.expected)
            continue
        residual = distance(result.text, case.expected)
        residual_total += residual
        rows.append((case.name, residual, len(result.changes)))
        emap = aligned(result.text, case.expected)
        for change, span in zip(result.changes, output_spans(result.changes), strict=True):
            made[change.rule] += 1
            matched[change.rule] += matches(span, emap)
        should = should_remove(result.original, case.expected)
        should_total += len(should)
        any_removed: set[int] = set()
        removed = removed_by_rule(result.original, result)
        for rule in LINE_RULES:
            gone = removed[rule]
            any_removed |= gone
            lines[rule]["removed"] += len(gone)
            lines[rule]["right"] += len(gone & should)
            lines[rule]["wrong"] += len(gone - should)
        removed_right_total += len(any_removed & should)
        for rule in {c.rule for c in result.changes}:
            config = Config(
                enable=case.config.enable,
                disable=case.config.disable | {rule},
                rule_options=case.config.rule_options,
                boilerplate=case.config.boilerplate,
            )
            without = run(case, config)
            saved[rule] += distance(without.text, case.expected) - residual

    print(f"{len(all_cases)} cases; residual edit distance per file (0 = exact):")
    for name, residual, n in rows:
        mark = "  ok" if residual == 0 else "    "
        print(f"{mark} {residual:6d}  {n:4d} changes  {name}")
    print(f"total residual edit distance: {residual_total}")
    print(f"inputs that must be skipped: {skipped_ok} skipped, {skipped_bad} NOT skipped")
    print()
    print(f"{'rule':18}{'made':>7}{'match':>7}{'saved':>8}{'removed':>9}{'right':>7}{'wrong':>7}")
    for rule in rule_ids:
        if rule in LINE_RULES:
            extra = "".join(f"{lines[rule][k]:>{w}}" for k, w in (("removed", 9), ("right", 7)))
            extra += f"{lines[rule]['wrong']:>7}"
        else:
            extra = ""
        print(f"{rule:18}{made[rule]:>7}{matched[rule]:>7}{saved[rule]:>8}{extra}")
    print(
        f"lines expected removes: {should_total}; removed by a rule: {removed_right_total}"
        f" ({removed_right_total / should_total:.0%})"
        if should_total
        else "lines expected removes: 0"
    )


def clean_chinese(target: int = 5_000_000) -> str:
    parts = [
        p.read_bytes().decode("utf-8")
        for p in sorted((FIXTURES / "acceptance" / "expected").glob("*.txt"))
    ]
    block = "\n".join(parts) + "\n"
    return block * max(1, target // len(block.encode("utf-8")))


def speed() -> None:
    text = clean_chinese()
    size = len(text.encode("utf-8")) / 1e6
    print(f"\nspeed on clean Chinese text ({size:.1f} MB, acceptance expected files repeated):")
    timings: dict[str, float] = {}
    for label, func in (
        ("cleaner clean_text", lambda: clean_text(text)),
        ("ftfy.fix_text", lambda: ftfy.fix_text(text)),
    ):
        start = time.perf_counter()
        out = func()
        timings[label] = time.perf_counter() - start
        assert out is not None
        print(f"  {label:20} {size / timings[label]:7.2f} MB/s")
    ratio = timings["ftfy.fix_text"] / timings["cleaner clean_text"]
    print(f"  cleaner / ftfy speed ratio: {ratio:.2f}x")

    expected = sorted((FIXTURES / "acceptance" / "expected").glob("*.txt"))
    groups = {
        "simplified (000, 003, 004)": [p for p in expected if p.name[:3] in ("000", "003", "004")],
        "traditional (001, 002)": [p for p in expected if p.name[:3] in ("001", "002")],
    }
    scans = {
        "gbk-as-latin1": cjk_mojibake.LATIN_RUN_RE,
        "utf8-as-gbk": cjk_mojibake.UTF8_AS_GBK_RE,
        "big5-as-gbk": cjk_mojibake.BIG5_AS_GBK_RE,
        "gbk-as-big5": cjk_mojibake.GBK_AS_BIG5_RE,
    }
    for label, paths in groups.items():
        sample = "\n".join(p.read_bytes().decode("utf-8") for p in paths)
        print(f"\nfalse candidates on clean {label} text ({len(sample)} characters):")
        result = clean_text(sample)
        for rule, regex in scans.items():
            hits = len(regex.findall(sample))
            changes = sum(1 for c in result.changes if c.rule == rule)
            per = hits / len(sample) * 100_000
            print(f"  {rule:14} {hits:5d} hits ({per:7.1f} per 100k chars), {changes} changes")


def main() -> None:
    accuracy()
    if "--no-speed" not in sys.argv[1:]:
        speed()


if __name__ == "__main__":
    main()
