"""Which plausibility model repairs GBK-shifted runs best? Measured, not guessed.

    python bench/gbk_shift_model.py [--source jieba|pypinyin|charset-normalizer|none]
                                    [--no-doc] [--no-opencc] [--vanish-cost X] [--limit N]
                                    [--two-runs] [--show] [--margins]
                                    [--sweep MIN:VANISH[:GAIN],...]

Damaged lines are made with the forward model (`scripts/make_shifted_fixtures.py:simulate`)
from every punctuation mark of the clean acceptance articles (`fixtures/acceptance/expected`,
real text, two of them Traditional) and of the fixture corpus, each put back into its
document so the document model has its usual context. With --two-runs each damaged line
holds two runs, the second after the first has ended, as in 002 l.14 (what one run hides
can matter to the other: a quote it closes). False-positive probes are the clean documents
with real question marks put in: every "。" followed by a Chinese character in turn becomes
"?" (a question mark the article normalised to ASCII), and the rule must leave every one
alone.

Prints per configuration: repaired exactly / flagged / missed / wrong, edits on probes, and
the time the rule took; with --sweep, the outcome (and the wrong runs) per setting of the
acceptance thresholds, each run ranked once.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from make_shifted_fixtures import STARTS, damage  # noqa: E402

from cleaner import zh_model  # noqa: E402
from cleaner.config import Config  # noqa: E402
from cleaner.model import Edit, Flag, apply_edits  # noqa: E402
from cleaner.rules import gbk_shift  # noqa: E402
from cleaner.rules.base import Context  # noqa: E402


def charset_normalizer_words() -> object:
    """The 100 most frequent Chinese characters charset-normalizer ships, rank-weighted."""
    from charset_normalizer.constant import FREQUENCIES

    for rank, ch in enumerate(FREQUENCIES["Chinese"]):
        yield ch, 1000 // (rank + 1) + 1


def documents() -> list[tuple[str, list[str]]]:
    docs = []
    for path in sorted((ROOT / "fixtures" / "acceptance" / "expected").glob("*.txt")):
        docs.append((path.name[:3], path.read_text(encoding="utf-8").split("\n")))
    for name in ("corpus-simplified.txt", "corpus-traditional.txt"):
        path = ROOT / "fixtures" / "gbk-shifted" / name
        docs.append((name[7:11], path.read_text(encoding="utf-8").split("\n")))
    return docs


#: A damaged line: (damaged, expected, where the first run starts, the line with only one of
#: its two runs repaired).
Damaged = tuple[str, str, int, tuple[str, ...]]


def two_runs(line: str, starts: list[int]) -> Iterator[Damaged]:
    """Lines damaged at two starts in a row, the second after the first run has ended (as
    in 002 l.14: "?!拔沂巧鐓^…?!痹诮值?")."""
    for s1, s2 in pairwise(starts):
        one, two = damage(line, s1), damage(line, s2)
        if one is None or two is None:
            continue
        (d1, e1), (d2, e2) = one, two
        same = next((k for k in range(len(e1)) if d1[-1 - k] != e1[-1 - k]), len(e1))
        if len(e1) - same > s2:  # the first run reaches the second
            continue
        head = d1[: len(d1) - (len(e1) - s2)]
        yield head + d2[s2:], e1[:s2] + e2[s2:], s1, (e1[:s2] + d2[s2:], head + e2[s2:])


def damaged_cases(
    docs: list[tuple[str, list[str]]], limit: int, pairs: bool = False
) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(document with one damaged line, expected document, label, the document with only one
    of the line's runs repaired), spread over all docs; with `pairs`, each damaged line
    holds two runs."""
    out = []
    for name, lines in docs:
        per_doc = []
        for i, line in enumerate(lines):
            raw = line.translate({ord(c): ord(c) + 0xFEE0 for c in ",:;!?"})
            starts = [s for s, ch in enumerate(raw) if ch in STARTS]
            sims: Iterator[Damaged]
            if pairs:
                sims = two_runs(line, starts)
            else:
                sims = ((*sim, s, ()) for s in starts if (sim := damage(line, s)) is not None)
            for damaged, expected, s, partial in sims:
                doc_in = "\n".join([*lines[:i], damaged, *lines[i + 1 :]])
                doc_out = "\n".join([*lines[:i], expected, *lines[i + 1 :]])
                halves = tuple("\n".join([*lines[:i], h, *lines[i + 1 :]]) for h in partial)
                per_doc.append((doc_in, doc_out, f"{name}:{i + 1}:{s}", halves))
        step = max(1, len(per_doc) // max(1, limit // len(docs)))
        out.extend(per_doc[::step])
    return out


def probes(docs: list[tuple[str, list[str]]]) -> list[tuple[str, str]]:
    out = []
    for name, lines in docs:
        text = "\n".join(lines).translate({cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)})
        for i, ch in enumerate(text[:-1]):
            if ch == "。" and "\u4e00" <= text[i + 1] <= "\u9fff":
                out.append((text[:i] + "?" + text[i + 1 :], f"{name}@{i}"))
    return out


def margins(limit: int) -> None:
    """For each damaged run: is the best reading right, and by what margin does it lead?
    Prints what each margin threshold would give (the acceptance gain applies too)."""
    docs = documents()
    rows: list[tuple[bool, float, float]] = []
    for doc_in, doc_out, _, _ in damaged_cases(docs, limit):
        runs = [
            r
            for m in gbk_shift.CANDIDATE_RE.finditer(doc_in)
            if (r := gbk_shift.parse_run(doc_in, m.start()))
        ]
        runs = [r for r in runs if gbk_shift.looks_shifted(doc_in, r)]
        if not runs:
            rows.append((False, -1.0, 0.0))
            continue
        scorer = zh_model.Scorer(
            zh_model.char_model(), zh_model.DocStats(gbk_shift._doc_text(doc_in, runs))
        )
        ranked = gbk_shift.rank(doc_in, runs[0], scorer)
        if not ranked:
            rows.append((False, -1.0, 0.0))
            continue
        best = ranked[0]
        margin = 99.0
        for c in ranked[1:]:
            if (c.end, c.clean) != (best.end, best.clean):
                scale = 1.0 if c.vanishes == best.vanishes else 0.5  # VANISH_MARGIN = 2x
                margin = min(margin, (best.score - c.score) * scale)
        fixed = doc_in[: best.start] + best.clean + doc_in[best.end :]
        rows.append((fixed == doc_out, best.gain, margin))
    print(f"{len(rows)} runs; right answer on top: {sum(r[0] for r in rows)}")
    for m in (0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0):
        ok = [r for r in rows if r[1] >= gbk_shift.ACCEPT_GAIN and r[2] >= m]
        right = sum(r[0] for r in ok)
        print(f"  margin >= {m}: repaired {right}, wrong {len(ok) - right}")


def sweep(settings: str, limit: int, ctx: Context) -> None:
    """The outcome for each acceptance setting, "MIN_MARGIN:VANISH_MARGIN[:ACCEPT_GAIN]" in a
    comma-separated list. The readings of a run do not depend on them: each run is ranked
    once and the acceptance replayed per setting."""
    grid = [tuple(float(x) for x in s.split(":")) for s in settings.split(",")]
    gain0 = gbk_shift.ACCEPT_GAIN
    real_rank = gbk_shift.rank
    memo: dict[int, list[gbk_shift.Candidate]] = {}

    def rank(
        text: str, run: gbk_shift.Run, scorer: zh_model.Scorer, limit: int | None = None
    ) -> list[gbk_shift.Candidate]:
        if run.start not in memo:
            memo[run.start] = real_rank(text, run, scorer, limit)
        return memo[run.start]

    gbk_shift.rank = rank
    outcome = [dict.fromkeys(("repaired", "flagged", "missed", "WRONG"), 0) for _ in grid]
    wrong: list[list[str]] = [[] for _ in grid]
    for doc_in, doc_out, label, _ in damaged_cases(documents(), limit):
        memo.clear()
        for n, (mm, vm, *ag) in enumerate(grid):
            gbk_shift.MIN_MARGIN, gbk_shift.VANISH_MARGIN = mm, vm
            gbk_shift.ACCEPT_GAIN = ag[0] if ag else gain0
            items = list(gbk_shift.restore_gbk_shifted(doc_in, ctx))
            edits = [i for i in items if isinstance(i, Edit)]
            got = apply_edits(doc_in, edits)
            if got == doc_out:
                kind = "repaired"
            elif not edits:
                kind = "flagged" if any(isinstance(i, Flag) for i in items) else "missed"
            else:
                kind = "WRONG"
                wrong[n].append(label)
            outcome[n][kind] += 1
    gbk_shift.rank = real_rank
    for (mm, vm, *ag), out, w in zip(grid, outcome, wrong, strict=True):
        gain = ag[0] if ag else gain0
        print(
            f"MIN_MARGIN {mm:g} VANISH_MARGIN {vm:g} ACCEPT_GAIN {gain:g}: "
            + ", ".join(f"{k} {v}" for k, v in out.items())
            + (f" ({' '.join(w)})" if w else "")
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", default="jieba")
    ap.add_argument("--no-doc", action="store_true")
    ap.add_argument("--no-opencc", action="store_true")
    ap.add_argument("--vanish-cost", type=float, default=gbk_shift.VANISH_COST)
    ap.add_argument("--limit", type=int, default=240)
    for name in ("CHAR_BONUS", "START_COST", "ACCEPT_GAIN", "MIN_MARGIN", "IMBALANCE_COST"):
        ap.add_argument("--" + name.lower().replace("_", "-"), type=float,
                        default=getattr(gbk_shift, name))  # fmt: skip
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--two-runs", action="store_true", help="two runs in each damaged line")
    ap.add_argument("--margins", action="store_true", help="precision/recall per margin")
    ap.add_argument("--sweep", metavar="MIN:VANISH[:GAIN],...", help="outcome per setting")
    args = ap.parse_args()

    zh_model.LEXICON_SOURCES["charset-normalizer"] = charset_normalizer_words  # type: ignore[assignment]
    zh_model.LEXICON_SOURCES["none"] = lambda: iter(())
    zh_model.DEFAULT_SOURCE = args.source
    gbk_shift.VANISH_COST = args.vanish_cost
    for name in ("CHAR_BONUS", "START_COST", "ACCEPT_GAIN", "MIN_MARGIN", "IMBALANCE_COST"):
        setattr(gbk_shift, name, getattr(args, name.lower()))
    zh_model.USE_OPENCC = not args.no_opencc
    if args.no_doc:
        zh_model.DOC_WEIGHT = 0.0

    ctx = Context(Config())
    t = time.perf_counter()
    zh_model.char_model(args.source)
    if args.margins:
        margins(args.limit)
        return
    if args.sweep:
        sweep(args.sweep, args.limit, ctx)
        return
    load = time.perf_counter() - t
    docs = documents()
    outcome: dict[str, int] = {"repaired": 0, "flagged": 0, "missed": 0, "WRONG": 0}
    if args.two_runs:
        outcome["one of two"] = 0  # one run repaired, the other left as it is
    t = time.perf_counter()
    for doc_in, doc_out, label, halves in damaged_cases(docs, args.limit, args.two_runs):
        items = list(gbk_shift.restore_gbk_shifted(doc_in, ctx))
        edits = [i for i in items if isinstance(i, Edit)]
        flags = [i for i in items if isinstance(i, Flag)]
        got = apply_edits(doc_in, edits)
        if got == doc_out:
            kind = "repaired"
        elif got in halves:
            kind = "one of two"
        elif not edits:
            kind = "flagged" if flags else "missed"
        else:
            kind = "WRONG"
        outcome[kind] += 1
        if args.show and kind != "repaired":
            line = next(
                (a, b, c) for a, b, c in zip(doc_in.split("\n"), doc_out.split("\n"),
                                             got.split("\n"), strict=True) if a != b
            )  # fmt: skip
            print(f"  {kind:8} {label}\n     in  {line[0]}\n     out {line[2]}\n     exp {line[1]}")
    repair_time = time.perf_counter() - t
    fp = fp_flags = 0
    t = time.perf_counter()
    probe_list = probes(docs)
    for text, label in probe_list:
        items = list(gbk_shift.restore_gbk_shifted(text, ctx))
        if any(isinstance(i, Edit) for i in items):
            fp += 1
            if args.show:
                print(f"  FALSE EDIT {label}: {[i for i in items if isinstance(i, Edit)]}")
        fp_flags += any(isinstance(i, Flag) for i in items)
    probe_time = time.perf_counter() - t
    total = sum(outcome.values())
    print(
        f"source={args.source} doc={not args.no_doc} opencc={not args.no_opencc} "
        f"vanish={args.vanish_cost} bonus={args.char_bonus} start={args.start_cost}: "
        f"load {load:.1f}s | {total} runs: "
        + ", ".join(f"{k} {v}" for k, v in outcome.items())
        + f" ({repair_time:.1f}s) | {len(probe_list)} probes: {fp} edited, {fp_flags} flagged"
        f" ({probe_time:.1f}s)"
    )


if __name__ == "__main__":
    main()
