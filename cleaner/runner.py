"""One run of `cleaner clean` over files or stdin: read, decode, clean, write, report.

The flow for files has three steps, in this order, so that a rule that looks across files
(`repeated-lines`) can see every text of the run before any is cleaned:
1. find the files and decode each one, once;
2. build the corpus of all decoded texts (`Context.corpus`);
3. clean each text, then write it (`--out`, `--in-place`), diff it, or only count it.
Problems with one file are reported and counted; the other files go on.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from rich.console import Console

from cleaner import render
from cleaner.config import Config
from cleaner.corpus import DEFAULT_CACHE_PATH, build_corpus, load_cache, save_cache
from cleaner.decoding import Decoded, decode
from cleaner.diff import result_diff
from cleaner.files import Source, encode_output, file_mode, iter_sources, write_atomic
from cleaner.model import Result
from cleaner.pipeline import clean_bytes, clean_decoded, is_article
from cleaner.report import Report, Status
from cleaner.rules import RULES_BY_ID

STDIN_NAME = "<stdin>"


class Mode(Enum):
    """Where the clean text goes, made from the flags (black's `WriteBack`)."""

    OUT = "out"  # clean copies under --out DIR
    IN_PLACE = "in-place"  # rewrite changed files
    CHECK = "check"  # write nothing, exit 1 when a file would change
    DIFF = "diff"  # write nothing, print a unified diff
    STDOUT = "stdout"  # `cleaner clean -`: stdin to stdout


@dataclass
class Run:
    """What one `cleaner clean` invocation needs while it goes through the files."""

    mode: Mode
    config: Config
    report: Report
    console: Console
    out_console: Console
    out: Path | None = None
    quiet: bool = False
    verbose: bool = False

    def show(self, name: str, status: Status, result: Result | None = None) -> None:
        check = self.mode in (Mode.CHECK, Mode.DIFF)
        if status is Status.UNCHANGED and not self.verbose and not (result and result.findings):
            return
        if not self.quiet:
            render.print_status(self.console, name, status, result, check=check)
        if self.verbose and result is not None:
            render.print_changes(self.console, name, result)

    def fail(self, name: str, reason: str) -> None:
        self.report.done(Status.FAILED)
        render.print_error(self.console, f"cannot clean {name}: {reason}")

    def skip(self, name: str, reason: str) -> None:
        self.report.done(Status.SKIPPED, reason)
        if not self.quiet:
            render.print_skipped(self.console, name, reason)


def clean_stdin(run: Run) -> None:
    """`cleaner clean -`: stdin to stdout (or checked, or diffed)."""
    data = sys.stdin.buffer.read()
    stdout = _stdout()
    result = clean_bytes(data, run.config)
    if result.skipped:
        run.skip(STDIN_NAME, result.skipped)
        if run.mode is Mode.STDOUT:
            stdout.write(data)  # a filter never swallows its input
        return
    status = Status.CLEANED if result.changed else Status.UNCHANGED
    run.report.done(status)
    run.show(STDIN_NAME, status, result)
    if run.mode is Mode.STDOUT:
        stdout.write(encode_output(result) if result.changed else data)
    elif run.mode is Mode.DIFF:
        render.print_diff(run.out_console, result_diff(result, "-", data), stdout)


def clean_files(run: Run, paths: Sequence[Path]) -> None:
    """Clean every file under `paths` as `run.mode` says; the counts go to `run.report`."""
    # 1. Find the files, then read and decode each one, once. Problems are kept in place so
    #    that every file is reported in walk order.
    items: list[tuple[Source, bytes, Decoded | None]] = []
    seen: set[str] = set()
    for source in iter_sources(paths, run.config, out=run.out):
        real = os.path.realpath(source.path)
        if real in seen:  # named twice, or inside two PATHs: cleaned once
            continue
        seen.add(real)
        if source.error or source.skipped:
            items.append((source, b"", None))
            continue
        try:
            data = source.path.read_bytes()
        except OSError as exc:
            items.append((replace(source, error=exc.strerror or str(exc)), b"", None))
            continue
        text = decode(data)
        if text.skipped:  # binary, or no encoding fits with confidence
            items.append((replace(source, skipped=text.skipped), b"", None))
        else:
            items.append((source, data, text))

    # 2. Every text of the run is decoded: count the head and tail lines of the articles
    #    across files, for `repeated-lines` (see `Context.corpus`).
    corpus, corpus_files = _corpus(run.config, paths, items)

    # 3. Clean each text and write it, diff it, or just count it.
    written: dict[Path, str] = {}
    for source, data, decoded in items:
        name = source.display
        if decoded is None:
            if source.error:
                run.fail(name, source.error)
            else:
                run.skip(name, source.skipped or "not text")
            continue
        try:
            result = clean_decoded(
                decoded,
                run.config,
                path=PurePosixPath(name),
                corpus=corpus,
                corpus_files=corpus_files,
            )
            _write(run, source, data, result, written)
        except _WriteError as exc:
            run.fail(name, str(exc))
            continue
        except Exception as exc:  # a rule bug must not stop the run (black does the same)
            run.fail(name, f"{type(exc).__name__}: {exc}")
            continue
        status = Status.CLEANED if result.changed else Status.UNCHANGED
        run.report.done(status)
        run.show(name, status, result)


def _corpus(
    config: Config, paths: Sequence[Path], items: Sequence[tuple[Source, bytes, Decoded | None]]
) -> tuple[dict[str, int] | None, int]:
    """The line counts `repeated-lines` needs, or None when the rule cannot run.

    A directory run counts the articles of the run. Files named one by one (pre-commit
    hands over the staged files, in batches) are too few to count on their own, so their
    head and tail lines are remembered in a cache (`corpus.DEFAULT_CACHE_PATH`, in the current
    folder)
    and counted together with every file seen before.
    """
    rule = RULES_BY_ID["repeated-lines"]
    if config.boilerplate == "never" or not config.rule_enabled(rule.id, rule.default):
        return None, 0
    articles = {
        source.display: decoded.text
        for source, _, decoded in items
        if decoded is not None and is_article(PurePosixPath(source.display), config)
    }
    if all(path.is_dir() for path in paths):
        return build_corpus(articles.values())
    cache_path = Path(DEFAULT_CACHE_PATH)
    cache = load_cache(cache_path)
    for name, text in articles.items():
        cache.update(name, text)
    with contextlib.suppress(OSError):  # a read-only folder: this run's counts still hold
        save_cache(cache, cache_path)
    return cache.counts()


def _stdout() -> BinaryIO:
    """stdout for bytes (the text layer flushed first, so nothing overtakes it)."""
    sys.stdout.flush()
    return sys.stdout.buffer


class _WriteError(Exception):
    """A clean text that could not be written; the message names the target."""


def _write(run: Run, source: Source, data: bytes, result: Result, written: dict[Path, str]) -> None:
    payload = encode_output(result) if result.changed else data
    if run.mode is Mode.OUT:
        assert run.out is not None
        target = run.out / source.rel
        key = Path(os.path.normpath(target))
        if key in written:
            msg = f"{target} was already written from {written[key]}; not overwriting it"
            raise _WriteError(msg)
        written[key] = source.display
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, payload, mode=file_mode(source.path))
        except OSError as exc:
            msg = f"cannot write {target}: {exc.strerror or exc}"
            raise _WriteError(msg) from exc
    elif run.mode is Mode.IN_PLACE and result.changed:
        target = Path(os.path.realpath(source.path))  # a named link stays a link
        try:
            write_atomic(target, payload)
        except OSError as exc:
            msg = f"cannot write {target}: {exc.strerror or exc}"
            raise _WriteError(msg) from exc
    elif run.mode is Mode.DIFF and result.changed:
        diff = result_diff(result, source.display, data)
        render.print_diff(run.out_console, diff, _stdout())
