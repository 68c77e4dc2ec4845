"""The `cleaner` command line: options, configuration and the write mode, nothing more.

`cleaner.runner` does the run (files -> pipeline -> write or diff -> report) and
`cleaner.render` prints. Exit codes follow black: 0 done, 1 `--check` found files to clean, 2 usage
or configuration error, 123 when any file could not be cleaned (the others still are).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from importlib import metadata
from pathlib import Path

import click

from cleaner import render
from cleaner.config import Config, ConfigError, compile_patterns, load_config, read_config_file
from cleaner.report import EXIT_USAGE, Report
from cleaner.rules import RULES_BY_ID
from cleaner.runner import Mode, Run, clean_files, clean_stdin

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


@main.command()
@click.argument(
    "paths",
    nargs=-1,
    required=True,
    metavar="PATH...",
    type=click.Path(exists=True, allow_dash=True, path_type=Path),
)
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
    "--color/--no-color",
    default=None,
    help="Colour the diff and status output (default: only on a terminal, never with NO_COLOR).",
)
@click.option(
    "--include",
    multiple=True,
    metavar="PATTERN",
    help="Only clean files matching this gitignore-style pattern (repeatable; replaces "
    "the configured include).",
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="PATTERN",
    help="Skip files and folders matching this gitignore-style pattern (repeatable; added "
    "to the configured exclude).",
)
@click.option(
    "--enable",
    multiple=True,
    type=click.Choice(list(RULES_BY_ID)),
    metavar="RULE",
    help="Switch a rule on (repeatable).",
)
@click.option(
    "--disable",
    multiple=True,
    type=click.Choice(list(RULES_BY_ID)),
    metavar="RULE",
    help="Switch a rule off (repeatable).",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Read the configuration from FILE instead of the nearest pyproject.toml "
    "[tool.cleaner] or .cleaner.toml.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option("-v", "--verbose", is_flag=True, help="List every change and unchanged file.")
@click.pass_context
def clean(
    ctx: click.Context,
    paths: tuple[Path, ...],
    out: Path | None,
    in_place: bool,
    check: bool,
    diff: bool,
    color: bool | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    enable: tuple[str, ...],
    disable: tuple[str, ...],
    config_file: Path | None,
    quiet: bool,
    verbose: bool,
) -> None:
    """Clean the text files in PATH... (folders are walked recursively).

    Choose where the clean text goes: --out DIR, --in-place, --check or --diff.
    A PATH of - reads stdin and writes the clean text to stdout.
    """
    stdin = STDIN in paths
    if stdin and len(paths) > 1:
        msg = "'-' (stdin) cannot be combined with other paths"
        raise click.UsageError(msg)
    if quiet and verbose:
        msg = "--quiet and --verbose cannot be combined"
        raise click.UsageError(msg)
    mode = _mode(out=out is not None, in_place=in_place, check=check, diff=diff, stdin=stdin)
    console = render.make_console(color)
    try:
        config, source = (
            (read_config_file(config_file), config_file) if config_file else load_config(Path.cwd())
        )
    except ConfigError as exc:
        render.print_error(console, str(exc))
        ctx.exit(EXIT_USAGE)
    config = _override(config, include=include, exclude=exclude, enable=enable, disable=disable)
    if verbose and source is not None:
        console.print(f"Using configuration from {source}.")
    run = Run(
        mode,
        config,
        Report(
            check=mode in (Mode.CHECK, Mode.DIFF),
            fail_on_change=check,
            skip_note="not copied" if mode is Mode.OUT else "",
        ),
        console,
        render.make_console(color, stderr=False),
        out=out,
        quiet=quiet,
        verbose=verbose,
    )
    if stdin:
        clean_stdin(run)
    else:
        if out is not None:
            _check_out(out, paths)
        clean_files(run, paths)
    if not quiet:
        render.print_summary(console, run.report)
    ctx.exit(run.report.return_code)


def _override(
    config: Config,
    *,
    include: Sequence[str],
    exclude: Sequence[str],
    enable: Sequence[str],
    disable: Sequence[str],
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
