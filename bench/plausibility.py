"""How well do plausibility measures separate correct readings of CJK bytes from wrong ones?

    python bench/plausibility.py

Two tasks, both built deterministically from the sample texts (bench/samples.py):
- decoding: a window of N characters is encoded in its legacy encoding and decoded with
  every other candidate codec that accepts the bytes strictly (a wrong reading);
- mojibake: a window is garbled as each CJK mojibake family does (UTF-8 read as GBK, Big5
  read as GBK, GBK read as Big5) and compared with the clean window.

For each measure it prints the AUC (chance that the correct reading scores higher than a
wrong one; 1.0 = perfect, 0.5 = chance) per window length, and for `plausibility.score` the
share of pairs where the correct reading does not win by the margin the code relies on
(0.2). charset-normalizer's mess ratio is "lower is better" and is negated here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from charset_normalizer import cd, md
from samples import JAPANESE, KOREAN, SIMPLIFIED, TRADITIONAL, chinese

from cleaner import plausibility

CANDIDATES = ("gb18030", "big5", "shift_jis", "euc_jp", "cp949", "utf-16-le", "utf-16-be")
LENGTHS = (4, 8, 16, 64)
MARGIN = 0.2


def windows(text: str, n: int, limit: int = 60) -> Iterator[str]:
    """Deterministic windows holding `n` CJK characters each, line breaks excluded."""
    lines = [line for line in text.splitlines() if plausibility.counted(line) >= n]
    count = 0
    for line in lines:
        pos = 0
        while pos < len(line) and count < limit:
            taken = 0
            end = pos
            while end < len(line) and taken < n:
                if plausibility.counted(line[end]):
                    taken += 1
                end += 1
            if taken < n:
                break
            yield line[pos:end]
            count += 1
            pos = end + 3 * n
        if count >= limit:
            return


def sources() -> list[tuple[str, str, str]]:
    """(label, text, encoding) for each sample and each of its legacy encodings."""
    zh = chinese()
    out: list[tuple[str, str, str]] = []
    for name, text in zh.items():
        if name[:3] in SIMPLIFIED:
            out.append((f"zh-Hans {name[:3]}", text, "gb18030"))
        elif name[:3] in TRADITIONAL:
            out.append((f"zh-Hant {name[:3]}", text, "big5"))
    out += [("ja", JAPANESE, "shift_jis"), ("ja", JAPANESE, "euc_jp"), ("ko", KOREAN, "cp949")]
    return out


def decoding_pairs(n: int) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for _, text, encoding in sources():
        for window in windows(text, n):
            try:
                data = window.encode(encoding)
            except UnicodeEncodeError:
                continue
            for other in CANDIDATES:
                if other == encoding:
                    continue
                try:
                    wrong = data.decode(other)
                except UnicodeDecodeError:
                    continue
                if wrong != window:
                    pairs.append((window, wrong))
    return pairs


def garble(window: str, family: str) -> str | None:
    try:
        if family == "utf8-as-gbk":
            return window.encode("utf-8").decode("gbk", errors="replace")
        if family == "big5-as-gbk":
            return window.encode("big5").decode("gbk", errors="replace")
        if family == "gbk-as-big5":
            return window.encode("gbk").decode("big5", errors="replace")
    except UnicodeEncodeError:
        return None
    return None


def mojibake_pairs(n: int) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    zh = chinese()
    for name, text in zh.items():
        families = ["utf8-as-gbk", "gbk-as-big5"] if name[:3] in SIMPLIFIED else []
        if name[:3] in TRADITIONAL:
            families = ["utf8-as-gbk", "big5-as-gbk"]
        for window in windows(text, n):
            for family in families:
                wrong = garble(window, family)
                if wrong and wrong != window:
                    pairs.append((window, wrong))
    return pairs


def auc(pairs: list[tuple[str, str]], measure: Callable[[str], float]) -> float:
    wins = 0.0
    for right, wrong in pairs:
        a, b = measure(right), measure(wrong)
        wins += 1.0 if a > b else 0.5 if a == b else 0.0
    return wins / len(pairs) if pairs else float("nan")


def short_margin(pairs: list[tuple[str, str]]) -> float:
    bad = sum(
        1
        for right, wrong in pairs
        if plausibility.score(right) - plausibility.score(wrong) < MARGIN
    )
    return bad / len(pairs) if pairs else float("nan")


def quantiles(pairs: list[tuple[str, str]], side: int) -> str:
    values = sorted({pair[side]: plausibility.score(pair[side]) for pair in pairs}.values())
    if not values:
        return "-"
    pick = [values[min(len(values) - 1, int(q * len(values)))] for q in (0.05, 0.5, 0.95)]
    return "/".join(f"{v:.2f}".replace("0.", ".") for v in pick)


def coherence(text: str) -> float:
    langs = cd.coherence_ratio(text)
    return max((ratio for _, ratio in langs), default=0.0)


MEASURES: dict[str, Callable[[str], float]] = {
    "plausibility.score": plausibility.score,
    "plausibility.common_ratio": plausibility.common_ratio,
    "cn mess_ratio (negated)": lambda t: -md.mess_ratio(t),
    "cn coherence_ratio": coherence,
}


def main() -> None:
    for task, build in (("decoding", decoding_pairs), ("mojibake", mojibake_pairs)):
        print(f"\n== {task}: correct vs. wrong readings (AUC; 1.0 = perfect separation)")
        per_length = {n: build(n) for n in LENGTHS}
        header = "".join(f"{f'N={n} ({len(p)})':>14}" for n, p in per_length.items())
        print(f"{'measure':30}{header}")
        for name, measure in MEASURES.items():
            row = "".join(f"{auc(p, measure):14.3f}" for p in per_length.values())
            print(f"{name:30}{row}")
        row = "".join(f"{short_margin(p):14.1%}" for p in per_length.values())
        print(f"{'score: margin < ' + str(MARGIN):30}{row}")
        for side, label in ((0, "correct"), (1, "wrong")):
            row = "".join(f"{quantiles(p, side):>14}" for p in per_length.values())
            print(f"{'score p5/p50/p95 ' + label:30}{row}")


if __name__ == "__main__":
    main()
