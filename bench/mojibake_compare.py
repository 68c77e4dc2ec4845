"""Do two versions of cleaner repair the same CJK mojibake? Generated samples, both trees.

    PYTHONPATH=$PWD python bench/mojibake_compare.py --old /tmp/old-tree [--samples 2000]

`--old` is another checkout (e.g. `git archive main | tar -x -C /tmp/old-tree`). Both clean
the same generated lines with `clean_text` (each tree in its own process) and the outputs
and findings are compared; every difference is printed (the first ones in full).

Samples, per family (deterministic): windows of 1-12 characters of the acceptance articles
(simplified 000/003/004 for the families that garble simplified text, traditional 001/002
for Big5), sometimes with curly quotes, fullwidth punctuation, ASCII, a Latin letter, an
emoji, kana or Hangul mixed in, garbled as the family does (UTF-8 read as GBK, Big5 read as
GBK, GBK read as Big5; sometimes with the last byte lost and shown as "?", or U+FFFD
twice), put between windows of correct text (simplified, traditional or Japanese), and
sometimes followed by a second garbled run. The
count of lines each version changed shows that the samples hold real mojibake.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

FAMILIES = ("utf8-as-gbk", "big5-as-gbk", "gbk-as-big5")
EXTRAS = ["“", "”", "，", "。", "、", "：", "ABC", " ", "1", "é", "😀", "かな", "カナー", "한국"]


def _window(text: str, rng: random.Random, size: int) -> str:
    start = rng.randrange(max(1, len(text) - size))
    return text[start : start + size].replace("\n", "")


def samples(n: int, seed: int) -> list[tuple[str, str]]:
    """(family, line) pairs."""
    import samples as sample_texts

    articles = sample_texts.chinese()
    simplified = "".join(t for k, t in articles.items() if k[:3] in sample_texts.SIMPLIFIED)
    traditional = "".join(t for k, t in articles.items() if k[:3] in sample_texts.TRADITIONAL)
    japanese = sample_texts.JAPANESE
    rng = random.Random(seed)
    out = []
    for k in range(n):
        family = FAMILIES[k % len(FAMILIES)]
        source = traditional if family == "big5-as-gbk" else simplified
        words = _window(source, rng, rng.randint(1, 12))
        if rng.random() < 0.3:
            at = rng.randint(0, len(words))
            words = words[:at] + rng.choice(EXTRAS) + words[at:]
        if family == "utf8-as-gbk":
            data = words.encode("utf-8")
            if rng.random() < 0.1:
                data += "\ufffd\ufffd".encode()
            garbled = data.decode("gb18030", "replace")
            if rng.random() < 0.15:
                garbled = data[:-1].decode("gb18030", "replace") + "?"
        elif family == "big5-as-gbk":
            garbled = words.encode("big5", "replace").decode("gb18030", "replace")
        else:
            garbled = words.encode("gbk", "replace").decode("big5", "replace")
        context = rng.choice([japanese, traditional, source, source])
        left = _window(context, rng, rng.randint(0, 30))
        right = _window(context, rng, rng.randint(0, 30))
        line = left + rng.choice(["", "", " "]) + garbled + right
        if rng.random() < 0.3:  # a second run of the same family further on
            more = _window(source, rng, rng.randint(1, 8))
            codec = {"utf8-as-gbk": "utf-8", "big5-as-gbk": "big5"}.get(family, "gbk")
            back = "big5" if family == "gbk-as-big5" else "gb18030"
            line += more.encode(codec, "replace").decode(back, "replace") + _window(
                context, rng, rng.randint(0, 10)
            )
        out.append((family, line + "\n"))
    return out


def worker(path_in: str, path_out: str) -> None:
    from cleaner import clean_text

    lines = json.loads(Path(path_in).read_text(encoding="utf-8"))
    results = []
    for line in lines:
        result = clean_text(line)
        found = sorted([f.rule, *f.origin, f.message] for f in result.findings)
        results.append([result.text, found])
    Path(path_out).write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")


def run(tree: Path, lines: list[str]) -> list[list[object]]:
    with tempfile.TemporaryDirectory() as tmp:
        path_in, path_out = Path(tmp, "in.json"), Path(tmp, "out.json")
        path_in.write_text(json.dumps(lines, ensure_ascii=False), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(tree)}
        command = [sys.executable, __file__, "--worker", str(path_in), str(path_out)]
        subprocess.run(command, env=env, check=True, cwd=tree)
        results: list[list[object]] = json.loads(path_out.read_text(encoding="utf-8"))
        return results


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--old", type=Path)
    ap.add_argument("--samples", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--worker", nargs=2)
    args = ap.parse_args()
    if args.worker:
        worker(*args.worker)
        return
    if args.old is None:
        ap.error("--old is required")
    pairs = samples(args.samples, args.seed)
    lines = [line for _, line in pairs]
    old = run(args.old.resolve(), lines)
    new = run(ROOT, lines)
    for family in FAMILIES:
        index = [k for k, (f, _) in enumerate(pairs) if f == family]
        changed_old = sum(old[k][0] != lines[k] for k in index)
        changed_new = sum(new[k][0] != lines[k] for k in index)
        texts = [k for k in index if old[k][0] != new[k][0]]
        finds = [k for k in index if old[k][0] == new[k][0] and old[k][1] != new[k][1]]
        print(
            f"{family:<12} {len(index)} lines: changed old {changed_old}, new {changed_new}; "
            f"output differs {len(texts)}, findings differ {len(finds)}"
        )
        for k in (texts + finds)[:6]:
            print(f"   {lines[k]!r}\n      old {old[k]!r}\n      new {new[k]!r}")


if __name__ == "__main__":
    main()
