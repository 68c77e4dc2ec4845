"""One run of `cleaner clean`, `diff` or `scan` over files or stdin: read, decode, clean,
then write, show or only record.

The flow for files:
1. find the files;
2. when `repeated-lines` can run, read the articles once to count their head and tail lines
   across files (`Context.corpus`): the files of the run, plus those remembered in the
   corpus cache when one is named (`--corpus-cache`);
3. read, decode and clean each file, then write it (`--out`, `--in-place`), diff it, preview
   it, or only count and record it (`--check`, `scan`), one file at a time.
Problems with one file are reported and counted; the other files go on.

What is written is the clean text encoded in `Config.output_encoding` (UTF-8 by default);
a file "changes" when those bytes differ from the bytes read.
"""

from __future__ import annotations

import contextlib
import os
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import BinaryIO

from rich.console import Console

from cleaner import render
from cleaner.config import Config
from cleaner.corpus import build_corpus, load_cache, save_cache
from cleaner.decoding import Decoded, decode, redecode
from cleaner.diff import result_diff
from cleaner.files import (
    OutputEncodingError,
    Source,
    encode_output,
    file_mode,
    iter_sources,
    write_atomic,
)
from cleaner.model import Result
from cleaner.pipeline import clean_bytes, clean_decoded, is_article
from cleaner.preview import Options
from cleaner.report import Report, Status
from cleaner.rules import RULES_BY_ID
from cleaner.scan import file_record

STDIN_NAME = "<stdin>"


class Mode(Enum):
    """What happens to the clean text, made from the command and its flags (black's
    `WriteBack`)."""

    OUT = "out"  # clean copies under --out DIR
    IN_PLACE = "in-place"  # rewrite changed files
    CHECK = "check"  # write nothing, exit 1 when a file would change
    DIFF = "diff"  # write nothing, print a unified diff
    STDOUT = "stdout"  # `cleaner clean -`: stdin to stdout
    PREVIEW = "preview"  # `cleaner diff`: write nothing, show the rich preview
    SCAN = "scan"  # `cleaner scan`: write nothing, record what is found

    @property
    def writes(self) -> bool:
        return self in (Mode.OUT, Mode.IN_PLACE, Mode.STDOUT)


@dataclass
class Run:
    """What one invocation needs while it goes through the files.

    `records` collects one record per file (`cleaner.scan.file_record`) when a report file
    or the scan table needs them, with the full change lists when `full_records` is set;
    `emit` receives each record as soon as its file is done (`scan --format json`).
    `preview` is how `cleaner diff` draws; `progress` shows a progress bar on stderr.
    `root` is the folder `include`/`exclude` patterns are relative to (the configuration
    file's; None: the current folder), see `cleaner.files.iter_sources`. `corpus_cache`
    is the file that remembers the articles' head and tail lines across runs (see `_corpus`);
    None: each run counts its own files only.
    """

    mode: Mode
    config: Config
    report: Report
    console: Console
    out_console: Console
    out: Path | None = None
    quiet: bool = False
    verbose: bool = False
    records: list[dict[str, object]] | None = None
    full_records: bool = False
    emit: Callable[[dict[str, object]], None] | None = None
    preview: Options = field(default_factory=Options)
    progress: bool = False
    root: Path | None = None
    force_exclude: bool = False
    corpus_cache: Path | None = None

    @property
    def check(self) -> bool:
        return not self.mode.writes

    def show(self, name: str, status: Status, result: Result | None = None) -> None:
        """Status line, `-v` changes, or the preview of one file."""
        if self.mode is Mode.PREVIEW:
            if result is not None and (status is Status.CLEANED or result.findings):
                render.print_preview(
                    self.out_console,
                    result,
                    name,
                    self.preview,
                    output_encoding=self.config.output_encoding,
                )
            return
        problems = result is not None and bool(result.problems)
        worth_a_line = status is not Status.UNCHANGED or self.verbose or problems
        if self.mode is not Mode.SCAN and not self.quiet and worth_a_line:
            render.print_status(
                self.console,
                name,
                status,
                result,
                check=self.check,
                output_encoding=self.config.output_encoding,
            )
        if self.verbose and result is not None:
            render.print_changes(self.console, name, result)

    def done(self, name: str, result: Result, *, changed: bool) -> None:
        status = Status.CLEANED if changed else Status.UNCHANGED
        self.report.done(status, findings=len(result.problems))
        self._record(name, result, changed=changed)
        self.show(name, status, result)

    def fail(self, name: str, reason: str, result: Result | None = None) -> None:
        self.report.done(Status.FAILED)
        self._record(name, result, error=reason)
        render.print_error(self.console, f"cannot clean {name}: {reason}")

    def skip(self, name: str, reason: str, result: Result | None = None) -> None:
        self.report.done(Status.SKIPPED, reason)
        self._record(name, result, skipped=reason)
        if not self.quiet and self.mode is not Mode.SCAN:
            render.print_skipped(self.console, name, reason)

    def _record(
        self,
        name: str,
        result: Result | None,
        *,
        changed: bool = False,
        skipped: str | None = None,
        error: str | None = None,
    ) -> None:
        if self.records is None and self.emit is None:
            return
        record = file_record(
            name,
            result,
            output_encoding=self.config.output_encoding,
            changed=changed,
            skipped=skipped,
            error=error,
            changes=self.full_records,
        )
        if self.records is not None:
            self.records.append(record)
        if self.emit is not None:
            self.emit({k: v for k, v in record.items() if k != "changes"})


def clean_stdin(run: Run) -> None:
    """`cleaner clean -` (stdin to stdout, or checked, or diffed), `diff -`, `scan -`."""
    data = sys.stdin.buffer.read()
    stdout = _stdout()
    result = clean_bytes(data, run.config)
    if result.skipped:
        run.skip(STDIN_NAME, result.skipped, result)
        if run.mode is Mode.STDOUT:
            stdout.write(data)  # a filter never swallows its input
        return
    try:
        payload = encode_output(result, run.config.output_encoding)
    except OutputEncodingError as exc:
        run.fail(STDIN_NAME, str(exc), result)
        if run.mode is Mode.STDOUT:
            stdout.write(data)
        return
    changed = payload != data
    if run.mode is Mode.STDOUT:
        stdout.write(payload)
    elif run.mode is Mode.DIFF and changed:
        encoding = run.config.output_encoding
        diff = result_diff(result, "-", data, output_encoding=encoding)
        render.print_diff(run.out_console, diff, stdout)
    run.done(STDIN_NAME, result, changed=changed)


def clean_files(run: Run, paths: Sequence[Path]) -> None:
    """Clean every file under `paths` as `run.mode` says; the counts go to `run.report`.

    Files are read, cleaned and written one at a time, so a run's memory does not grow with
    the size of the files. Only when `repeated-lines` can run is there a first pass, which
    keeps just the head and tail lines of each article and how it was decoded (see
    `_corpus`, `_Decodings`): each file's encoding is detected once.
    """
    sources: list[Source] = []
    seen: set[str] = set()
    found = iter_sources(
        paths, run.config, root=run.root, out=run.out, force_exclude=run.force_exclude
    )
    for source in found:
        real = os.path.realpath(source.path)
        if real not in seen:  # named twice, or inside two PATHs: cleaned once
            seen.add(real)
            sources.append(source)
    with render.progress(run.console, len(sources), enabled=run.progress) as progress:
        decodings = _Decodings()
        corpus, corpus_files = _corpus(run, sources, progress, decodings)
        progress.phase("scanning" if run.check else "cleaning", total=len(sources))
        written: dict[Path, str] = {}
        for source in sources:
            source, data, decoded = _read(source, decodings)
            progress.advance(len(data))
            _clean_one(run, source, data, decoded, written, corpus, corpus_files)


def _clean_one(
    run: Run,
    source: Source,
    data: bytes,
    decoded: Decoded | None,
    written: dict[Path, str],
    corpus: dict[str, int] | None,
    corpus_files: int,
) -> None:
    name = source.display
    if decoded is None:
        if source.error:
            run.fail(name, source.error)
        else:
            run.skip(name, source.skipped or "not text")
        return
    result: Result | None = None
    try:
        result = clean_decoded(
            decoded,
            run.config,
            path=source.pattern_path,  # `articles` patterns are relative to the root too
            corpus=corpus,
            corpus_files=corpus_files,
        )
        changed = _write(run, source, data, result, written)
    except (_WriteError, OutputEncodingError) as exc:
        run.fail(name, str(exc), result)
        return
    except Exception as exc:  # a rule bug must not stop the run (black does the same)
        run.fail(name, f"{type(exc).__name__}: {exc}", result)
        return
    run.done(name, result, changed=changed)


class _Decodings:
    """What the corpus pass found out about each file's encoding, for the cleaning pass.

    Detecting the encoding is the costly part of reading a legacy file (every CJK codec is
    tried and scored); the cleaning pass decodes with the codec the first pass found
    (`decoding.redecode`) instead of detecting again. Per file, only the answer without its
    text is kept (encoding, recipe, notes: a few hundred bytes), with the size and CRC-32 of
    the bytes it was found for; a file that changed in between is detected again. The
    texts themselves are not kept, so memory does not grow with the size of the files.
    """

    def __init__(self) -> None:
        self._found: dict[Path, tuple[int, int, Decoded]] = {}

    def decode(self, path: Path, data: bytes, *, keep: bool) -> Decoded:
        found = self._found.pop(path, None)
        checksum = zlib.crc32(data) if found is not None or keep else 0
        if found is not None and found[:2] == (len(data), checksum):
            decoded = redecode(data, found[2])
        else:
            decoded = decode(data)
        if keep:
            self._found[path] = (len(data), checksum, replace(decoded, text=""))
        return decoded


def _read(
    source: Source, decodings: _Decodings, *, keep: bool = False
) -> tuple[Source, bytes, Decoded | None]:
    """Read and decode one file (`keep`: remember the decoding for a second read)."""
    if source.error or source.skipped:
        return source, b"", None
    try:
        data = source.path.read_bytes()
    except OSError as exc:
        return replace(source, error=exc.strerror or str(exc)), b"", None
    text = decodings.decode(source.path, data, keep=keep)
    if text.skipped:  # binary, or no encoding fits with confidence
        return replace(source, skipped=text.skipped), b"", None
    return source, data, text


def _corpus(
    run: Run, sources: Sequence[Source], progress: render.Tracker, decodings: _Decodings
) -> tuple[dict[str, int] | None, int]:
    """The line counts `repeated-lines` needs, or None when the rule cannot run.

    A first pass reads and decodes the articles of the run and keeps only their head and tail
    lines (and, in `decodings`, how each was decoded, so that the cleaning pass does not
    detect its encoding again). Without `run.corpus_cache` those are counted, and nothing
    else: the result of a run depends on its files alone. With it (pre-commit hands over the
    staged files in batches, too few to count on their own), they are remembered in that
    cache file and counted together with every file remembered there that still exists; the
    cache is read and updated in every mode (`--check`, `--diff`, `scan` write that file and
    nothing else).
    """
    config = run.config
    rule = RULES_BY_ID["repeated-lines"]
    if config.boilerplate == "never" or not config.rule_enabled(rule.id, rule.default):
        return None, 0
    progress.phase("reading")

    def articles() -> Iterator[tuple[Source, Decoded | None]]:
        for source in sources:
            if not is_article(source.pattern_path, config):
                progress.advance(0)
                continue
            _, data, decoded = _read(source, decodings, keep=True)
            progress.advance(len(data))
            yield source, decoded

    if run.corpus_cache is None:
        return build_corpus(decoded.text for _, decoded in articles() if decoded is not None)
    cache = load_cache(run.corpus_cache)
    counted: set[str] = set()
    for source, decoded in articles():
        if decoded is not None:  # an unreadable or binary file is not counted
            counted.add(_cache_key(source))
            cache.update(_cache_key(source), decoded.text)
    # Forget the files of this run that are no longer counted (not articles now, binary,
    # unreadable) and the files that no longer exist.
    seen = {_cache_key(source) for source in sources}
    cache.prune(p for p in cache.files if p in counted or (p not in seen and Path(p).exists()))
    with contextlib.suppress(OSError):  # a read-only folder: this run's counts still hold
        save_cache(cache, run.corpus_cache)
    return cache.counts()


def _cache_key(source: Source) -> str:
    """A file in the corpus cache: its real path, the same from any folder."""
    return os.path.realpath(source.path)


def _stdout() -> BinaryIO:
    """stdout for bytes (the text layer flushed first, so nothing overtakes it)."""
    sys.stdout.flush()
    return sys.stdout.buffer


class _WriteError(Exception):
    """A clean text that could not be written; the message names the target."""


def _write(run: Run, source: Source, data: bytes, result: Result, written: dict[Path, str]) -> bool:
    """Write, diff or only compare the clean text of one file; True when it changes."""
    payload = encode_output(result, run.config.output_encoding)
    changed = payload != data
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
    elif run.mode is Mode.IN_PLACE and changed:
        target = Path(os.path.realpath(source.path))  # a named link stays a link
        try:
            write_atomic(target, payload)
        except OSError as exc:
            msg = f"cannot write {target}: {exc.strerror or exc}"
            raise _WriteError(msg) from exc
    elif run.mode is Mode.DIFF and changed:
        encoding = run.config.output_encoding
        diff = result_diff(result, source.display, data, output_encoding=encoding)
        render.print_diff(run.out_console, diff, _stdout())
    return changed
