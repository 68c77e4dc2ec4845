"""How fast is `chinese-script` on long lines, aligning the old and the new way? Same run.

    PYTHONPATH=$PWD python bench/chinese_script_speed.py [--chars 2500,5000,10000,20000,40000]
                                                          [--old-max 10000]

One line of N characters cut from the acceptance articles with their line breaks removed
(scraped text often has a whole article on one line), converted two ways:
- t2s on the traditional articles (001, 002): the conversion keeps the length;
- s2twp on the simplified articles (000, 003, 004): Taiwanese phrases change it ("软件" ->
  "軟體" keeps it, "U盘" -> "隨身碟" does not);
- t2s-short: t2s on fixtures/clean/chinese-traditional.txt (300 characters, so the line
  repeats it: repeated text is difflib's worst case, as in the review's measurement).
"old" aligns line and conversion with one difflib.SequenceMatcher over the whole line, as
the rule did until the review (item 6: 10k characters 4 s, 40k over 3 minutes); "new" is
the rule as it is now (`changed_spans`). The time includes OpenCC's conversion (the same in
both). Both edit lists must rebuild OpenCC's conversion exactly; the bench checks that.
`--old-max` skips the old way above that many characters (20,000 take half a minute).
"""

from __future__ import annotations

import argparse
import difflib
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from cleaner.config import Config
from cleaner.model import Edit, apply_edits
from cleaner.rules import chinese_script
from cleaner.rules.base import Context

sys.path.insert(0, str(Path(__file__).resolve().parent))
import samples


def difflib_spans(line: str, converted: str) -> Iterator[tuple[int, int, int, int]]:
    """How the rule aligned a line with its conversion before: difflib on the whole line."""
    matcher = difflib.SequenceMatcher(None, line, converted, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            yield i1, i2, j1, j2


def run(line: str, conversion: str) -> tuple[float, list[Edit]]:
    config = Config(
        enable=frozenset({"chinese-script"}),
        rule_options={"chinese-script": {"conversion": conversion}},
    )
    start = time.perf_counter()
    items = list(chinese_script.convert_chinese_script(line, Context(config)))
    return time.perf_counter() - start, [e for e in items if isinstance(e, Edit)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--chars", default="2500,5000,10000,20000,40000")
    ap.add_argument("--old-max", type=int, default=10000)
    args = ap.parse_args()
    articles = samples.chinese()

    def one_line(numbers: tuple[str, ...]) -> str:
        return "".join(t.replace("\n", "") for n, t in articles.items() if n[:3] in numbers)

    fixture = samples.ROOT / "fixtures" / "clean" / "chinese-traditional.txt"
    cases = {
        "t2s": ("t2s", one_line(samples.TRADITIONAL)),
        "s2twp": ("s2twp", one_line(samples.SIMPLIFIED)),
        "t2s-short": ("t2s", fixture.read_text(encoding="utf-8").replace("\n", "")),
    }
    new_spans = chinese_script.changed_spans
    print(f"{'conversion':<11}{'chars':>7}{'edits':>7}{'old s':>10}{'new s':>10}{'old/new':>9}")
    for name, (conversion, unit) in cases.items():
        chinese_script.converter(conversion).convert(unit)  # load OpenCC's tables first
        for n in (int(x) for x in args.chars.split(",")):
            line = (unit * (n // len(unit) + 1))[:n]
            converted = chinese_script.converter(conversion).convert(line)
            chinese_script.changed_spans = new_spans
            new_time, new_edits = run(line, conversion)
            assert apply_edits(line, new_edits) == converted
            old = "-"
            ratio = "-"
            if n <= args.old_max:
                chinese_script.changed_spans = difflib_spans
                try:
                    old_time, old_edits = run(line, conversion)
                finally:
                    chinese_script.changed_spans = new_spans
                assert apply_edits(line, old_edits) == converted
                old, ratio = f"{old_time:.3f}", f"{old_time / new_time:.0f}x"
            print(f"{name:<11}{n:>7}{len(new_edits):>7}{old:>10}{new_time:>10.3f}{ratio:>9}")


if __name__ == "__main__":
    main()
