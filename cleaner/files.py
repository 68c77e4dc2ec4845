"""Files on disk: which ones a run cleans, reading them, and writing clean copies safely.

Directory walks skip hidden files and folders (`.git`, `.venv`, ...), whatever the
`.gitignore` files of the tree (and of the enclosing git repository) ignore, the `exclude`
patterns and, when `include` patterns are given, every file that matches none of them.
Those patterns are matched against a file's path relative to one folder, the *root*: the
folder of the configuration file that holds them (the project root, as black does, and as a
`.gitignore` works), so that a pattern means the same files whichever folder is named and
wherever the command runs.

Symbolic links are never followed in a walk: a link to a folder would leave the tree or
loop, and a link to a file would be cleaned twice or written through to somewhere else; they
are reported as skipped. A file named on the command line is always cleaned, link or not
(unless `force_exclude` applies the `exclude` patterns to it).

Writes are atomic: the new bytes go to a temporary file in the same folder, are flushed to
disk, get the permission bits of the original, and replace the target in one `os.replace`.
A failure at any point leaves the target as it was and no temporary file behind.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pathspec

from cleaner.config import Config, compile_patterns
from cleaner.lines import line_col
from cleaner.model import Result

#: Suffix of the temporary files `write_atomic` creates (and removes on failure).
TEMP_SUFFIX = ".cleaner-tmp"


@dataclass(frozen=True, slots=True)
class Source:
    """One file of a run.

    `path` is where it is on disk, `rel` its path relative to the argument it was found
    under (a file argument: just its name), which is where its copy goes under `--out`.
    `display` names it to the user and in diffs. `skipped` says why it is left out
    (a symbolic link met in a walk), `error` why it could not even be listed. `seen` is the
    path the configuration's patterns (`include`, `exclude`, `articles`) are matched against
    (see `iter_sources`; None: `display`).
    """

    path: Path
    rel: PurePosixPath
    display: str
    skipped: str | None = None
    error: str | None = None
    seen: PurePosixPath | None = None

    @property
    def pattern_path(self) -> PurePosixPath:
        return self.seen if self.seen is not None else PurePosixPath(self.display)


def iter_sources(
    paths: Sequence[Path],
    config: Config,
    *,
    root: Path | None = None,
    out: Path | None = None,
    force_exclude: bool = False,
) -> Iterator[Source]:
    """The files to clean under `paths`, in a stable order (sorted by name, depth first).

    `include` and `exclude` are matched against each file's path relative to `root`, the
    folder of the configuration file (None: the current folder). A file outside `root` is
    matched against its path relative to the PATH argument it was found under, which is its
    name for a file named in `paths`.

    `out` (the `--out` folder) is never walked into, even when it lies inside an input tree.
    A file named in `paths` is always taken, unless `force_exclude` is set (as the pre-commit
    hooks do, since pre-commit names every file): then the `exclude` patterns apply to it
    too.
    """
    include = compile_patterns(config.include) if config.include else None
    exclude = compile_patterns(config.exclude)
    out_real = Path(os.path.realpath(out)) if out is not None else None
    base = Path(os.path.realpath(root if root is not None else Path.cwd()))
    for path in paths:
        if path.is_dir():
            walker = _Walker(path, include, exclude, out_real, base)
            yield from walker.walk(path, PurePosixPath())
        else:
            seen = _pattern_path(path, base)
            if force_exclude and exclude.match_file(seen.as_posix()):
                continue
            yield Source(path, PurePosixPath(path.name), display_name(path), seen=seen)


def _pattern_path(path: Path, base: Path) -> PurePosixPath:
    """What the patterns see of a named file: its path relative to `base`, else its name.

    A named link is matched where it is, not where it points (as git does).
    """
    where = Path(os.path.realpath(path.parent)) / path.name
    try:
        return PurePosixPath(where.relative_to(base).as_posix())
    except ValueError:
        return PurePosixPath(path.name)


def display_name(path: Path) -> str:
    """A path as the user should see it: relative to the current folder when inside it.

    Diffs use it after `a/` and `b/`, so `patch -p1` run from the same folder finds the file.
    """
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return path.as_posix()
    return Path(os.path.normpath(path)).as_posix()


class _Walker:
    """One directory walk, with the `.gitignore` files seen so far on a stack."""

    def __init__(
        self,
        root: Path,
        include: pathspec.GitIgnoreSpec | None,
        exclude: pathspec.GitIgnoreSpec,
        out_real: Path | None,
        base: Path,
    ) -> None:
        self.root = root
        self.root_real = Path(os.path.realpath(root))
        self.include = include
        self.exclude = exclude
        self.out_real = out_real
        # Patterns see paths relative to `base` (the configuration's folder). A walk inside
        # it adds one prefix to every path; a walk elsewhere (say `..`) decides per entry.
        self.base = base
        self.prefix: PurePosixPath | None = None
        if self.root_real == base or base in self.root_real.parents:
            self.prefix = PurePosixPath(self.root_real.relative_to(base).as_posix())
        # The .gitignore files in force, as (folder relative to `top`, patterns). `top` is
        # the enclosing git repository when there is one, so that a .gitignore above the
        # walked folder applies too, as it does for git; otherwise the walked folder.
        top = _repository_root(self.root_real) or self.root_real
        self.lead = PurePosixPath(self.root_real.relative_to(top).as_posix())
        self.ignores: list[tuple[PurePosixPath, pathspec.GitIgnoreSpec]] = []
        for folder in reversed(self.root_real.parents):
            if folder == top or top in folder.parents:
                self._push_gitignore(folder, PurePosixPath(folder.relative_to(top).as_posix()))

    def walk(self, folder: Path, rel: PurePosixPath) -> Iterator[Source]:
        pushed = self._push_gitignore(folder, self.lead / rel)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield Source(folder, rel, display_name(folder), error=exc.strerror or str(exc))
            entries = []
        for entry in entries:
            yield from self._entry(entry, rel / entry.name)
        if pushed:
            self.ignores.pop()

    def _entry(self, entry: os.DirEntry[str], rel: PurePosixPath) -> Iterator[Source]:
        path = Path(entry.path)
        if entry.name.startswith("."):
            return
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_link = entry.is_symlink()
        except OSError as exc:
            yield Source(path, rel, display_name(path), error=exc.strerror or str(exc))
            return
        if self._ignored(rel, is_dir=is_dir):
            return
        if is_link:
            target = "folder" if path.is_dir() else "file"
            reason = f"symbolic link to a {target} (links are not followed)"
            yield Source(path, rel, display_name(path), skipped=reason)
        elif is_dir:
            if self.out_real is None or self.root_real / rel != self.out_real:
                yield from self.walk(path, rel)
        else:
            seen = self._pattern_path(rel)
            if self.include is None or self.include.match_file(seen.as_posix()):
                yield Source(path, rel, display_name(path), seen=seen)

    def _pattern_path(self, rel: PurePosixPath) -> PurePosixPath:
        """What the patterns see of the entry at `rel` (see `iter_sources`)."""
        if self.prefix is not None:
            return self.prefix / rel
        try:
            return PurePosixPath((self.root_real / rel).relative_to(self.base).as_posix())
        except ValueError:  # outside the configuration's folder: relative to the argument
            return rel

    def _ignored(self, rel: PurePosixPath, *, is_dir: bool) -> bool:
        seen = self._pattern_path(rel)
        name = seen.as_posix() + ("/" if is_dir else "")
        if seen != PurePosixPath() and self.exclude.match_file(name):  # not the root itself
            return True
        full = self.lead / rel
        for base, spec in reversed(self.ignores):  # the deepest .gitignore decides
            if base not in full.parents:
                continue
            sub = full.relative_to(base).as_posix() + ("/" if is_dir else "")
            decision = spec.check_file(sub).include
            if decision is not None:
                return bool(decision)
        return False

    def _push_gitignore(self, folder: Path, rel: PurePosixPath) -> bool:
        try:
            lines = (folder / ".gitignore").read_text("utf-8", "replace").splitlines()
        except OSError:  # none there (or unreadable: git ignores it too)
            return False
        # git skips a line it cannot parse and keeps the rest; so do we.
        spec = compile_patterns(line for line in lines if _valid_pattern(line))
        self.ignores.append((rel, spec))
        return True


def _valid_pattern(line: str) -> bool:
    try:
        compile_patterns([line])
    except ValueError:
        return False
    return True


def _repository_root(folder: Path) -> Path | None:
    """The nearest folder at or above `folder` that holds `.git`, if any."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


class OutputEncodingError(ValueError):
    """The clean text has a character the output encoding cannot write."""


def encode_output(result: Result, encoding: str = "utf-8") -> bytes:
    """The bytes to write for a cleaned text: UTF-8, or the configured `output-encoding`.

    Undecodable bytes that no rule could repair are kept in the decoded text as lone
    surrogates ("surrogateescape"); they are written back as the very bytes they were.
    A character `encoding` has no form for raises `OutputEncodingError`, naming it and
    where it is: the file must then be left as it is, never written with a "?".

        >>> from cleaner import clean_text
        >>> try:
        ...     encode_output(clean_text("價格\\n€5"), "big5")
        ... except OutputEncodingError as exc:
        ...     print(exc)
        output-encoding big5 has no '€' (U+20AC, line 2 column 1); the file is left as it is
    """
    try:
        return result.text.encode(encoding, "surrogateescape")
    except UnicodeEncodeError as exc:
        char = exc.object[exc.start]
        line, col = line_col(exc.object, exc.start)
        msg = (
            f"output-encoding {encoding} has no {char!r} (U+{ord(char):04X}, line {line} "
            f"column {col}); the file is left as it is"
        )
        raise OutputEncodingError(msg) from None


def file_mode(path: Path) -> int:
    """The permission bits of `path` (following a link to the file it names)."""
    return stat.S_IMODE(path.stat().st_mode)


def write_atomic(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write `data` to `path` so that a reader sees either the old or the new file.

    The temporary file is created next to `path` (so `os.replace` stays on one file
    system), fsynced, given `mode` (default: the bits of the file it replaces, or the
    usual umask-based bits for a new file) and then renamed over `path`.
    """
    if mode is None:
        try:
            mode = file_mode(path)
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).chmod(mode)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
