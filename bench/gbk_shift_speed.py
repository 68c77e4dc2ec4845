"""How fast is `gbk-shifted` on clean Chinese text, next to ftfy? Both in the same run.

    python bench/gbk_shift_speed.py [--mb 5]

The text is the clean acceptance articles (fixtures/acceptance/expected, with their real
question marks) repeated to about `--mb` megabytes. The rule scans once for candidate runs
and, on clean text, should stop at the cheap test before any model is loaded.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ftfy  # noqa: E402

from cleaner.config import Config  # noqa: E402
from cleaner.rules.base import Context  # noqa: E402
from cleaner.rules.gbk_shift import restore_gbk_shifted  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=5.0)
    args = ap.parse_args()
    paths = sorted((ROOT / "fixtures" / "acceptance" / "expected").glob("*.txt"))
    unit = "\n".join(p.read_text(encoding="utf-8") for p in paths) + "\n"
    text = unit * max(1, int(args.mb * 1_000_000 / len(unit.encode("utf-8"))))
    size = len(text.encode("utf-8")) / 1e6
    ctx = Context(Config())

    t = time.perf_counter()
    items = list(restore_gbk_shifted(text, ctx))
    rule = time.perf_counter() - t

    t = time.perf_counter()
    ftfy.fix_text(text)
    base = time.perf_counter() - t

    print(
        f"{size:.1f} MB clean Chinese: gbk-shifted {rule:.3f}s ({len(items)} edits/flags), "
        f"ftfy.fix_text {base:.3f}s, ratio rule/ftfy = {rule / base:.3f}"
    )


if __name__ == "__main__":
    main()
