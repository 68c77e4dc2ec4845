"""How fast is every rule on clean text of each kind, next to `ftfy.fix_text`? Same run.

    PYTHONPATH=$PWD python bench/rule_speed.py [--mb 5] [--kinds traditional,japanese]
    python bench/rule_speed.py --code /tmp/old-tree   # time another checkout's rules

Clean text is what nearly every file is, so every rule must take its fast path on it: one
cheap scan, expensive work only at candidates (principle 4). The texts, each repeated to
about `--mb` megabytes of UTF-8:

- simplified: acceptance expected 000, 003, 004 (real articles);
- traditional: acceptance expected 001, 002; trad-fixture: fixtures/clean/chinese-traditional.txt
  (short paragraphs, "閱覽", fullwidth punctuation);
- japanese, korean, english: fixtures/clean/*.txt;
- french, german: bench/samples.py and the mojibake negatives (fixtures/mojibake/).

The table gives milliseconds per megabyte for each default rule (the rule function called
on the whole text, as the pipeline does; CPU time of this process, best of `--repeat` runs,
so that other work on the machine counts less), their sum, and `ftfy.fix_text` on the same
text (measured in the same run, once: it is slow). Every rule first runs once on a short
piece of each text, so that lazily loaded tables are not counted. With `--code DIR` the
rules are imported from DIR (another checkout, e.g. `git archive main | tar -x -C
/tmp/old`), the texts from here.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def texts(mb: float) -> dict[str, str]:
    """The clean texts by kind, each repeated to about `mb` megabytes."""
    sys.path.insert(0, str(ROOT / "bench"))
    import samples

    expected = ROOT / "fixtures" / "acceptance" / "expected"
    clean = ROOT / "fixtures" / "clean"
    negative = ROOT / "fixtures" / "mojibake"

    def read(*paths: Path) -> str:
        return "\n".join(p.read_text(encoding="utf-8") for p in paths) + "\n"

    def acceptance(numbers: tuple[str, ...]) -> str:
        return read(*(p for p in sorted(expected.glob("*.txt")) if p.name[:3] in numbers))

    units = {
        "simplified": acceptance(samples.SIMPLIFIED),
        "traditional": acceptance(samples.TRADITIONAL),
        "trad-fixture": read(clean / "chinese-traditional.txt"),
        "japanese": read(clean / "japanese.txt"),
        "korean": read(clean / "korean.txt"),
        "french": samples.FRENCH + "\n" + read(negative / "negative-french.txt"),
        "german": samples.GERMAN + "\n" + read(negative / "negative-german.txt"),
        "english": read(clean / "english.txt"),
    }
    return {
        kind: unit * max(1, int(mb * 1_000_000 / len(unit.encode("utf-8"))))
        for kind, unit in units.items()
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--kinds", default="", help="comma-separated subset of the kinds")
    ap.add_argument("--code", type=Path, help="import cleaner from this tree instead")
    ap.add_argument("--no-ftfy", action="store_true", help="skip the ftfy.fix_text column")
    ap.add_argument("--repeat", type=int, default=1, help="best of N runs of each rule")
    args = ap.parse_args()
    samples = texts(args.mb)
    if args.kinds:
        samples = {k: v for k, v in samples.items() if k in args.kinds.split(",")}
    sys.path.insert(0, str(args.code.resolve() if args.code else ROOT))

    import ftfy

    from cleaner.config import Config
    from cleaner.rules import RULES
    from cleaner.rules.base import Context

    rules = [rule for rule in RULES if rule.default]
    ctx = Context(Config(), Path("article.txt"), article=True)
    table: dict[str, dict[str, float]] = {rule.id: {} for rule in rules}
    table["sum of rules"] = {}
    table["ftfy.fix_text"] = {}
    for text in samples.values():  # warm up: lazily loaded tables and caches
        for rule in rules:
            for _ in rule.func(text[:20_000], ctx):
                pass
    for kind, text in samples.items():
        mb = len(text.encode("utf-8")) / 1e6
        total = 0.0
        for rule in rules:
            spent = float("inf")
            for _ in range(args.repeat):
                start = time.process_time()
                for _ in rule.func(text, ctx):
                    pass
                spent = min(spent, time.process_time() - start)
            total += spent
            table[rule.id][kind] = spent * 1000 / mb
        table["sum of rules"][kind] = total * 1000 / mb
        if not args.no_ftfy:
            start = time.process_time()
            ftfy.fix_text(text)
            table["ftfy.fix_text"][kind] = (time.process_time() - start) * 1000 / mb
        print(f"measured {kind} ({mb:.1f} MB)", file=sys.stderr)

    kinds = list(samples)
    print(f"ms/MB of clean text ({args.mb:g} MB per kind)")
    print(f"{'rule':<16}" + "".join(f"{k:>13}" for k in kinds))
    for name, row in table.items():
        if not row:
            continue
        print(f"{name:<16}" + "".join(f"{row[k]:>13.1f}" for k in kinds))


if __name__ == "__main__":
    main()
