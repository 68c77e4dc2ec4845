"""The `cleaner` command line: options, configuration and the mode, nothing more.

`cleaner.runner` does the run (files -> pipeline -> write, diff, preview or record ->
report), `cleaner.render` prints and `cleaner.scan` makes the JSON. Exit codes follow black:
0 done, 1 `clean --check` found files to clean (or `--exit-non-zero-on-fix` changed some, or
`scan` found something), 2 usage or configuration error, 123 when any file could not be
cleaned (the others still are).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from cleaner import render
from cleaner.config import (
    Config,
    ConfigError,
    check_encoding,
    compile_patterns,
    load_config,
    read_config_file,
)
from cleaner.corpus import DEFAULT_CACHE_PATH
from cleaner.preview import Options
from cleaner.report import EXIT_FAILED, EXIT_USAGE, Report
from cleaner.rules import RULES, RULES_BY_ID
from cleaner.runner import Mode, Run, clean_files, clean_stdin
from cleaner.scan import dumps, report_document, write_report

STDIN = Path("-")


def _version() -> str:
    try:
        return metadata.version("cleaner")
    except metadata.PackageNotFoundError:  # run from a source tree that is not installed
        return "unknown (not installed)"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(_version(), "--version", prog_name="cleaner")
def main() -> None:
    """Repair garbled text (mojibake, legacy encodings, pinyin ruby remnants, HTML remnants)
    and strip boilerplate from scraped articles, with every change explained."""


F = TypeVar("F", bound=Callable[..., Any])

_PATHS = click.argument(
    "paths",
    nargs=-1,
    required=True,
    metavar="PATH...",
    type=click.Path(exists=True, allow_dash=True, path_type=Path),
)


def _common(command: F) -> F:
    """The options `clean`, `diff` and `scan` share: which files and rules, the
    configuration, the output encoding, colour, verbosity and the report file."""
    options = [
        click.option(
            "--include",
            multiple=True,
            metavar="PATTERN",
            help="Only take files matching this gitignore-style pattern, relative to the "
            "configuration file's folder (repeatable; replaces the configured include).",
        ),
        click.option(
            "--exclude",
            multiple=True,
            metavar="PATTERN",
            help="Skip files and folders matching this gitignore-style pattern, relative to "
            "the configuration file's folder (repeatable; added to the configured exclude).",
        ),
        click.option(
            "--force-exclude",
            is_flag=True,
            help="Apply the exclude patterns to files named on the command line too (for "
            "pre-commit, which names every file).",
        ),
        _rule_ids("--enable", "Switch a rule on (repeatable)."),
        _rule_ids("--disable", "Switch a rule off (repeatable)."),
        click.option(
            "--config",
            "config_file",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            metavar="FILE",
            help="Read the configuration from FILE instead of the nearest pyproject.toml "
            "[tool.cleaner] or .cleaner.toml.",
        ),
        click.option(
            "--output-encoding",
            metavar="ENCODING",
            help="Write (or compare against) the clean text in this encoding (default: the "
            "configured output-encoding, else utf-8).",
        ),
        click.option(
            "--report",
            "report_file",
            type=click.Path(dir_okay=False, path_type=Path),
            metavar="FILE.json",
            help="Write every change (rule, span, line:col, before, after, reason), every "
            "finding and each file's encoding to FILE.json.",
        ),
        click.option(
            "--corpus-cache",
            type=click.Path(dir_okay=False, path_type=Path),
            metavar="FILE",
            help="Remember the head and tail lines of the articles in FILE, so that runs over "
            "a few files each add up for repeated-lines (the pre-commit hooks pass "
            f"{DEFAULT_CACHE_PATH}). Read and updated in every mode. Without it, a run counts "
            "its own files only.",
        ),
        click.option(
            "--color/--no-color",
            default=None,
            help="Colour the output (default: only on a terminal, never with NO_COLOR).",
        ),
        click.option("-q", "--quiet", is_flag=True, help="Print errors only."),
        click.option("-v", "--verbose", is_flag=True, help="List every change and unchanged file."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _rule_ids(flag: str, help_text: str) -> Callable[[F], F]:
    """A repeatable option naming rules: a typo is a usage error listing the rule ids."""
    return click.option(
        flag, multiple=True, type=click.Choice(list(RULES_BY_ID)), metavar="RULE", help=help_text
    )


@dataclass(frozen=True)
class _Setup:
    """What every command builds from the shared options before it runs."""

    config: Config
    source: Path | None
    root: Path
    console: Console
    out_console: Console
    stdin: bool
    quiet: bool
    verbose: bool
    report_file: Path | None
    force_exclude: bool
    progress: bool
    corpus_cache: Path | None


def _setup(ctx: click.Context, paths: Sequence[Path], options: dict[str, Any]) -> _Setup:
    """Check the shared options, load the configuration (a bad one: exit 2, naming the file
    and the key), and lay the flags over it."""
    stdin = STDIN in paths
    if stdin and len(paths) > 1:
        msg = "'-' (stdin) cannot be combined with other paths"
        raise click.UsageError(msg)
    quiet, verbose = options["quiet"], options["verbose"]
    if quiet and verbose:
        msg = "--quiet and --verbose cannot be combined"
        raise click.UsageError(msg)
    output_encoding = options["output_encoding"]
    if output_encoding is not None:
        try:
            output_encoding = check_encoding(output_encoding)
        except ValueError as exc:
            msg = f"{output_encoding!r} {exc}"
            raise click.BadParameter(msg, param_hint="--output-encoding") from exc
    console = render.make_console(options["color"])
    config_file = options["config_file"]
    try:
        config, source = (
            (read_config_file(config_file), config_file) if config_file else load_config(Path.cwd())
        )
    except ConfigError as exc:
        render.print_error(console, str(exc))
        ctx.exit(EXIT_USAGE)
    config = _override(
        config,
        include=options["include"],
        exclude=options["exclude"],
        enable=options["enable"],
        disable=options["disable"],
        output_encoding=output_encoding,
    )
    if verbose and source is not None:
        console.print(f"Using configuration from {source}.")
    # include/exclude are relative to the folder of the file that holds them (black's
    # project root); without a configuration file, to the current folder.
    root = Path(os.path.realpath(source)).parent if source is not None else Path.cwd()
    return _Setup(
        config,
        source,
        root,
        console,
        render.make_console(options["color"], stderr=False),
        stdin,
        quiet,
        verbose,
        options["report_file"],
        options["force_exclude"],
        render.progress_wanted(console, quiet=quiet) and any(p.is_dir() for p in paths),
        options["corpus_cache"],
    )


def _run(
    ctx: click.Context,
    setup: _Setup,
    run: Run,
    paths: Sequence[Path],
    command: str,
    finish: Callable[[], None] | None = None,
) -> None:
    """Run over stdin or the files, `finish` (print what the command collected), write the
    report file, print the summary, exit."""
    if setup.stdin:
        clean_stdin(run)
    else:
        clean_files(run, paths)
    if finish is not None:
        finish()
    code = run.report.return_code
    if setup.report_file is not None:
        document = report_document(
            command, run.records or [], run.report, mode=run.mode.value, config=setup.source
        )
        try:
            write_report(setup.report_file, document)
        except OSError as exc:
            render.print_error(
                setup.console, f"cannot write {setup.report_file}: {exc.strerror or exc}"
            )
            code = EXIT_FAILED
    if not setup.quiet:
        render.print_summary(setup.console, run.report)
    ctx.exit(code)


def _new_run(setup: _Setup, mode: Mode, report: Report, **extra: Any) -> Run:
    return Run(
        mode,
        setup.config,
        report,
        setup.console,
        setup.out_console,
        quiet=setup.quiet,
        verbose=setup.verbose,
        records=[] if setup.report_file is not None else None,
        full_records=setup.report_file is not None,
        progress=setup.progress,
        root=setup.root,
        force_exclude=setup.force_exclude,
        corpus_cache=setup.corpus_cache,
        **extra,
    )


@main.command()
@_PATHS
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="Write a clean copy of every text file under DIR, at the same relative path.",
)
@click.option("--in-place", is_flag=True, help="Rewrite the files that change.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when any file would change.")
@click.option(
    "--diff",
    is_flag=True,
    help="Write nothing; print a unified diff to stdout (apply it with `patch -p1`).",
)
@click.option(
    "--exit-non-zero-on-fix",
    "--exit-nonzero-on-fix",
    "exit_non_zero_on_fix",
    is_flag=True,
    help="Exit 1 when any file was changed (for pre-commit: a fixer fails the commit).",
)
@_common
@click.pass_context
def clean(
    ctx: click.Context,
    /,
    paths: tuple[Path, ...],
    out: Path | None,
    in_place: bool,
    check: bool,
    diff: bool,
    exit_non_zero_on_fix: bool,
    **options: Any,
) -> None:
    """Clean the text files in PATH... (folders are walked recursively).

    Choose where the clean text goes: --out DIR, --in-place, --check or --diff.
    A PATH of - reads stdin and writes the clean text to stdout.
    """
    setup = _setup(ctx, paths, options)
    mode = _mode(out=out is not None, in_place=in_place, check=check, diff=diff, stdin=setup.stdin)
    if out is not None and not setup.stdin:
        _check_out(out, paths)
    report = Report(
        check=mode in (Mode.CHECK, Mode.DIFF),
        fail_on_change=check or exit_non_zero_on_fix,
        skip_note="not copied" if mode is Mode.OUT else "",
    )
    _run(ctx, setup, _new_run(setup, mode, report, out=out), paths, "clean")


@main.command("diff", short_help="Preview every change, highlighted, with its rule.")
@_PATHS
@click.option("--side-by-side", is_flag=True, help="Put before and after in two columns.")
@click.option(
    "-U",
    "--context",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    metavar="N",
    help="Unchanged lines shown around each change.",
)
@click.option(
    "--full-lines",
    is_flag=True,
    help="Show changed lines whole (by default, long unchanged stretches inside a changed "
    "line are cut to their ends).",
)
@click.option(
    "--pager/--no-pager",
    default=True,
    help="Page the preview when stdout is a terminal ($PAGER, else less).",
)
@_common
@click.pass_context
def diff_command(
    ctx: click.Context,
    /,
    paths: tuple[Path, ...],
    side_by_side: bool,
    context: int,
    full_lines: bool,
    pager: bool,
    **options: Any,
) -> None:
    """Show what cleaning PATH... would change: every change in context, highlighted
    (what goes in red, what comes in green) and labelled with its rule. Writes nothing.

    For a patch to apply, use `cleaner clean --diff`.
    """
    setup = _setup(ctx, paths, options)
    preview = Options(
        context=context,
        cut=None if full_lines else Options().cut,
        side_by_side=side_by_side,
        verbose=setup.verbose,
    )
    run = _new_run(setup, Mode.PREVIEW, Report(check=True), preview=preview)
    out = setup.out_console
    paged = pager and out.is_terminal and sys.stdout.isatty()
    with render.paging(out, enabled=paged):
        _run(ctx, setup, run, paths, "diff")


@main.command(short_help="Report what would be repaired, and what cannot.")
@_PATHS
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="A table for people, or JSON Lines (one object per file) for pipelines.",
)
@_common
@click.pass_context
def scan(
    ctx: click.Context, /, paths: tuple[Path, ...], output_format: str, **options: Any
) -> None:
    """Find what cleaning PATH... would repair, and what it cannot; write nothing.

    Exit code 1 when anything was found (a change to make, or a finding left as is), so
    that it can gate CI; 0 when nothing was.
    """
    setup = _setup(ctx, paths, options)
    report = Report(check=True, fail_on_change=True, fail_on_findings=True)
    emit = _emit_json if output_format == "json" else None
    run = _new_run(setup, Mode.SCAN, report, emit=emit)
    if output_format == "table" and run.records is None:
        run.records = []

    def table() -> None:
        if output_format == "table" and run.records:
            shown = render.scan_table(run.records, every=setup.verbose)
            if shown.row_count:
                setup.out_console.print(shown, soft_wrap=False)

    _run(ctx, setup, run, paths, "scan", table)


def _emit_json(record: dict[str, object]) -> None:
    stdout = sys.stdout.buffer
    stdout.write(dumps(record) + b"\n")
    stdout.flush()


@main.command("rules", short_help="List the rules, with an example each.")
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the output (default: only on a terminal, never with NO_COLOR).",
)
def rules_command(color: bool | None) -> None:
    """List every rule, in the order they run: id, on or off by default, what it does, and
    an example (before → after)."""
    console = render.make_console(color, stderr=False)
    console.print(render.rules_table(RULES), soft_wrap=False)


def _override(
    config: Config,
    *,
    include: Sequence[str],
    exclude: Sequence[str],
    enable: Sequence[str],
    disable: Sequence[str],
    output_encoding: str | None = None,
) -> Config:
    """Flags over the file: rules switched by flag, `--include` replaces, `--exclude` adds.

    An exclusion in the configuration is a decision about the project (fixtures, vendored
    text); a flag should not quietly undo it, so `--exclude` extends the list.
    """
    for pattern in (*include, *exclude):
        try:
            compile_patterns([pattern])
        except ValueError as exc:
            msg = f"invalid pattern {pattern!r}: {exc}"
            raise click.BadParameter(msg) from exc
    return replace(
        config,
        enable=config.enable | set(enable),
        disable=(config.disable - set(enable)) | set(disable),
        include=tuple(include) or config.include,
        exclude=(*config.exclude, *exclude),
        output_encoding=output_encoding or config.output_encoding,
    )


def _check_out(out: Path, paths: Sequence[Path]) -> None:
    """Refuse an input inside --out: its clean copy could overwrite another input."""
    out_real = Path(os.path.realpath(out))
    for path in paths:
        real = Path(os.path.realpath(path))
        if real == out_real or out_real in real.parents:
            msg = f"{path} is inside the --out folder {out}; choose an --out folder elsewhere"
            raise click.UsageError(msg)


def _mode(*, out: bool, in_place: bool, check: bool, diff: bool, stdin: bool) -> Mode:
    """The write mode the flags ask for (black's `WriteBack.from_configuration`)."""
    chosen = [flag for flag, on in (("--out", out), ("--in-place", in_place)) if on]
    if check or diff:
        chosen.append("--diff" if diff else "--check")
    if len(chosen) > 1:
        msg = f"{' and '.join(chosen)} cannot be combined: choose one way to write"
        raise click.UsageError(msg)
    if stdin and (out or in_place):
        msg = f"{chosen[0]} does not apply to stdin; '-' writes the clean text to stdout"
        raise click.UsageError(msg)
    if diff:
        return Mode.DIFF
    if check:
        return Mode.CHECK
    if out:
        return Mode.OUT
    if in_place:
        return Mode.IN_PLACE
    if stdin:
        return Mode.STDOUT
    msg = (
        "say what to do with the clean text: --out DIR (write clean copies), "
        "--in-place (rewrite the files), --check or --diff (write nothing)"
    )
    raise click.UsageError(msg)
