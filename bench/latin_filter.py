"""Does the `latin-mojibake` filter lose a repair, and what does it save? Old and new, same run.

    PYTHONPATH=$PWD python bench/latin_filter.py [--samples 3000] [--seeds 1,2,3] [--mb 1]

"old" is the filter the rule had until the review (item 7): a line went to ftfy when it held
one Latin-1 letter or C1 control (`LATIN1_RE`). "new" is `cleaner.rules.latin.suspect`: a
pair of a lead byte's and a continuation byte's characters (and the altered forms ftfy
repairs), in a line that also holds such a letter.

1. Generated mojibake (tests/test_latin.py `mojibake_samples`: words of ten languages,
   symbols, CJK and emoji, misread as Latin-1, cp1252, cp1250/1251/1253/1254/1257,
   ISO-8859-2, MacRoman or cp437, sometimes twice, with A0 bytes turned into spaces or lost
   bytes into "?", whole lines or parts next to correct words): every line is cleaned
   through the whole pipeline with the old filter and with the new one; the outputs must
   be identical. Lines repaired shows that the samples hold real mojibake.
2. Speed of the rule on clean text with each filter (ms/MB, `--mb` of each text).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

import samples  # noqa: E402
from test_latin import mojibake_samples  # noqa: E402

from cleaner import clean_text  # noqa: E402
from cleaner.config import Config  # noqa: E402
from cleaner.rules import html, latin  # noqa: E402
from cleaner.rules.base import Context  # noqa: E402


def old_suspect(line: str) -> bool:
    return latin.LATIN1_RE.search(line) is not None


def use(filter_: Callable[[str], bool]) -> None:
    latin.suspect = filter_
    html.suspect = filter_


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=3000)
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--mb", type=float, default=1.0)
    args = ap.parse_args()
    new_suspect = latin.suspect

    print("1. generated mojibake, whole pipeline, old filter vs new")
    total = differ = repaired = 0
    for seed in (int(s) for s in args.seeds.split(",")):
        lines = mojibake_samples(args.samples, seed)
        use(old_suspect)
        old = [clean_text(line).text for line in lines]
        use(new_suspect)
        new = [clean_text(line).text for line in lines]
        diffs = [(s, o, n) for s, o, n in zip(lines, old, new, strict=True) if o != n]
        total += len(lines)
        differ += len(diffs)
        repaired += sum(o != s for s, o in zip(lines, old, strict=True))
        for sample, o, n in diffs[:5]:
            print(f"   seed {seed}: {sample!r}: old {o!r}, new {n!r}")
    print(f"   {total} lines, {repaired} changed by the pipeline, {differ} differ old/new")

    print(f"\n2. latin-mojibake on clean text, ms/MB ({args.mb:g} MB each)")
    clean = ROOT / "fixtures" / "clean"
    texts = {
        "french": samples.FRENCH,
        "german": samples.GERMAN,
        "english": (clean / "english.txt").read_text(encoding="utf-8"),
        "chinese": (clean / "chinese-simplified.txt").read_text(encoding="utf-8"),
    }
    ctx = Context(Config())
    print(f"   {'text':<10}{'old':>10}{'new':>10}{'old/new':>9}")
    for name, unit in texts.items():
        text = unit * max(1, int(args.mb * 1e6 / len(unit.encode("utf-8"))))
        mb = len(text.encode("utf-8")) / 1e6
        times = []
        for filter_ in (old_suspect, new_suspect):
            use(filter_)
            start = time.perf_counter()
            list(latin.fix_latin_mojibake(text, ctx))
            times.append((time.perf_counter() - start) * 1000 / mb)
        print(f"   {name:<10}{times[0]:>10.1f}{times[1]:>10.1f}{times[0] / times[1]:>8.0f}x")
    use(new_suspect)


if __name__ == "__main__":
    main()
