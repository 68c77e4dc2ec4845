"""How fast is `html-entities` on escaped HTML, with the old and the new `_settle`? Same run.

    PYTHONPATH=$PWD python bench/html_speed.py [--lines 1000,2000,4000,8000] [--old-max 8000]

The text is escaped markup, one paragraph a line (`&lt;p&gt;段落{i}的内容&amp;说明&lt;/p&gt;`):
decoding "&lt;p&gt;" would form a tag, so every "&lt;"/"&gt;" is checked against what a second
run would change and left, the worst case of `_settle`. "old" compares every edit with every
span (as the rule did until the review, item 5: quadratic); "new" is the rule as it is now
(sorted spans, running maximum of their ends, one bisection per edit). Both must give the
same edits and flags; the bench checks that. The old way takes about a minute and a half
at 8000 lines: `--old-max` skips it above that many lines.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence

from cleaner.config import Config
from cleaner.rules import html
from cleaner.rules.base import Context


def quadratic_touched(
    regions: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int]]
) -> set[int]:
    """`html._touched` as it was: every region against every span."""
    return {
        i
        for i, (a, b) in enumerate(regions)
        for s, e in spans
        if (a < e and s < b if a < b else s < a < e)
    }


def run(text: str) -> tuple[float, list[object]]:
    ctx = Context(Config())
    start = time.perf_counter()
    items: list[object] = list(html.decode_html_entities(text, ctx))
    return time.perf_counter() - start, items


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", default="1000,2000,4000,8000")
    ap.add_argument("--old-max", type=int, default=8000)
    args = ap.parse_args()
    new_touched = html._touched
    print(f"{'lines':>6}{'old s':>10}{'new s':>10}{'old/new':>9}  same result")
    for n in (int(x) for x in args.lines.split(",")):
        text = "".join(f"&lt;p&gt;段落{i}的内容&amp;说明&lt;/p&gt;\n" for i in range(n))
        html._touched = new_touched
        new_time, new_items = run(text)
        if n > args.old_max:
            print(f"{n:>6}{'-':>10}{new_time:>10.3f}{'-':>9}  -")
            continue
        html._touched = quadratic_touched
        try:
            old_time, old_items = run(text)
        finally:
            html._touched = new_touched
        same = "yes" if old_items == new_items else "NO"
        print(f"{n:>6}{old_time:>10.3f}{new_time:>10.3f}{old_time / new_time:>8.0f}x  {same}")


if __name__ == "__main__":
    main()
