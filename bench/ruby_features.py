"""Print the document-level measures of `pinyin-ruby` for the fixtures of both kinds.

    PYTHONPATH=$PWD python bench/ruby_features.py [FILE...]

Without arguments: the acceptance inputs and `fixtures/pinyin-ruby/*.input.txt`. The table
in the docstring of `cleaner/rules/ruby.py` is this script's output.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cleaner.rules.ruby import CANDIDATE_RE, find_annotations, judge

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> None:
    paths = [Path(p) for p in argv] or [
        *sorted((ROOT / "fixtures/acceptance/input").glob("*.txt")),
        *sorted((ROOT / "fixtures/pinyin-ruby").glob("*.input.txt")),
    ]
    head = (
        "document",
        "ann.",
        "han",
        "coverage",
        "chained",
        "inline",
        "conv_like",
        "recurring",
        "known",
        "consist.",
    )
    print(f"{head[0]:<34}" + "".join(f"{h:>10}" for h in head[1:]) + "  verdict")
    for path in paths:
        text = path.read_text(encoding="utf-8")
        annotations, _ = find_annotations(text, list(CANDIDATE_RE.finditer(text)))
        name = path.name.removesuffix(".txt").removesuffix(".input")
        if not annotations:
            print(f"{name:<34}{0:>10}  (no readings: nothing to decide)")
            continue
        v = judge(text, annotations)
        cells = (v.annotations, v.han)
        shares = (
            v.coverage,
            v.chained,
            v.inline,
            v.converter_like,
            v.recurring,
            v.known,
            v.consistency,
        )
        print(
            f"{name:<34}"
            + "".join(f"{c:>10}" for c in cells)
            + "".join(f"{x:>10.3f}" for x in shares)
            + f"  {'remnant' if v.remnant else 'teaching'}: {v.why}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
