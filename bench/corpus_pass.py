"""What the `repeated-lines` corpus pass costs a folder run of legacy-encoded articles.

    python bench/corpus_pass.py            # 200 GBK files (about 3 MB), 3 rounds
    python bench/corpus_pass.py -n 50 -r 1

The corpus pass reads every article before any is cleaned (see `cleaner.runner`). Encoding
detection is the expensive part of reading a GBK file (every CJK codec is tried and scored,
see `cleaner.decoding`), so the pass must not make the cleaning pass detect again.

It writes N GBK files (three acceptance articles in each, and a first line of its own) to a
temporary folder and runs `cleaner clean --check` on it, with `repeated-lines` on (corpus
pass) and off (no corpus pass), in alternation, as separate processes; it prints the best
wall and CPU time of each and their ratios (CPU time is steadier on a shared machine). It
then counts, in this process, how many times a run calls the full detection
(`decoding.decode`): once per file is the goal.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

ACCEPTANCE = REPO / "fixtures" / "acceptance" / "expected"


def write_articles(folder: Path, count: int) -> int:
    texts = [p.read_text("utf-8") for p in sorted(ACCEPTANCE.glob("*.txt"))]
    size = 0
    for i in range(count):
        # three articles in a row (about 16 kB), so that files are as long as scraped pages
        text = f"第{i}篇\n" + "\n".join(texts[(i + k) % len(texts)] for k in range(3))
        data = text.encode("gbk", "replace")
        (folder / f"a{i:04d}.txt").write_bytes(data)
        size += len(data)
    return size


def run(folder: Path, *extra: str) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one `cleaner clean --check` process."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", "--check", "-q", *extra, str(folder)],
        cwd=folder.parent,
        env=env,
        check=False,
        capture_output=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


@contextlib.contextmanager
def counting_decodes() -> Iterator[list[int]]:
    from cleaner import decoding, runner

    calls = [0]
    real = decoding.decode

    def counted(data: bytes) -> decoding.Decoded:
        calls[0] += 1
        return real(data)

    modules = [m for m in (decoding, runner) if getattr(m, "decode", None) is real]
    for module in modules:
        module.decode = counted  # type: ignore[attr-defined]
    try:
        yield calls
    finally:
        for module in modules:
            module.decode = real  # type: ignore[attr-defined]


def detections(folder: Path) -> int:
    from rich.console import Console

    from cleaner.config import Config
    from cleaner.report import Report
    from cleaner.runner import Mode, Run, clean_files

    quiet = Console(file=io.StringIO())
    with counting_decodes() as calls:
        run = Run(Mode.CHECK, Config(), Report(check=True), quiet, quiet, quiet=True)
        clean_files(run, [folder])
    return calls[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=200, help="number of files")
    parser.add_argument("-r", "--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "gbk"
        folder.mkdir()
        size = write_articles(folder, args.n)
        with_pass, without = [], []
        for _ in range(args.rounds):
            with_pass.append(run(folder))
            without.append(run(folder, "--disable", "repeated-lines"))
        print(f"{args.n} GBK files, {size / 1e6:.1f} MB, best of {args.rounds}: wall, CPU")
        for label, times in (
            ("clean --check", with_pass),
            ("clean --check --disable repeated-lines", without),
        ):
            wall, cpu = min(t[0] for t in times), min(t[1] for t in times)
            print(f"  {label:40s} {wall:6.2f} s {cpu:6.2f} s")
        wall_ratio = min(t[0] for t in with_pass) / min(t[0] for t in without)
        cpu_ratio = min(t[1] for t in with_pass) / min(t[1] for t in without)
        print(f"  {'ratio (what the corpus pass costs)':40s} {wall_ratio:6.2f}x {cpu_ratio:6.2f}x")
        print(f"  {'full detections per file':40s} {detections(folder) / args.n:6.2f}")


if __name__ == "__main__":
    main()
