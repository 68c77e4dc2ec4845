"""Speed of `pinyin-ruby` next to `ftfy.fix_text`, on ~5 MB of Chinese text.

    PYTHONPATH=$PWD python bench/ruby_speed.py

Clean text (the acceptance `expected/` files, repeated) is the common case: the rule's one
regex scan finds no candidate and returns. For scale, the same is done on converter output
(acceptance input 001, repeated), where every reading is checked and the document judged.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import ftfy

from cleaner.config import DEFAULT_CONFIG
from cleaner.rules.base import Context
from cleaner.rules.ruby import remove_pinyin_ruby

ROOT = Path(__file__).resolve().parent.parent
SIZE = 5_000_000  # bytes of UTF-8, roughly


def corpus(paths: list[Path]) -> str:
    unit = "\n".join(p.read_text(encoding="utf-8") for p in paths) + "\n"
    return unit * max(1, SIZE // len(unit.encode("utf-8")))


def timed(func: Callable[[str], object], text: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    ctx = Context(DEFAULT_CONFIG)

    def rule(text: str) -> object:
        return list(remove_pinyin_ruby(text, ctx))

    acceptance = ROOT / "fixtures" / "acceptance"
    samples = {
        "clean Chinese (acceptance expected/)": corpus(sorted((acceptance / "expected").glob("*"))),
        "converter output (acceptance 001)": corpus(
            [acceptance / "input" / "001_75a507e673690a1a.txt"]
        ),
    }
    print(f"{'text':<40}{'MB':>6}{'pinyin-ruby s':>15}{'ftfy.fix_text s':>17}{'ratio':>8}")
    for name, text in samples.items():
        mb = len(text.encode("utf-8")) / 1e6
        ours = timed(rule, text)
        theirs = timed(ftfy.fix_text, text, repeat=1)
        print(f"{name:<40}{mb:>6.1f}{ours:>15.4f}{theirs:>17.3f}{theirs / ours:>7.0f}x")


if __name__ == "__main__":
    main()
