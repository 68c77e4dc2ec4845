"""Walking trees (hidden folders, .gitignore, include/exclude, links) and atomic writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from cleaner.config import Config
from cleaner.files import TEMP_SUFFIX, encode_output, iter_sources, write_atomic
from cleaner.model import Result


def make_tree(root: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def walked(root: Path, config: Config | None = None, out: Path | None = None) -> list[str]:
    """The relative paths a walk of `root` yields (skipped ones marked); patterns are
    relative to `root`."""
    return [
        s.rel.as_posix() + (" (skipped)" if s.skipped else "")
        for s in iter_sources([root], config or Config(), root=root, out=out)
    ]


def test_walk_is_sorted_and_recursive(tmp_path: Path) -> None:
    make_tree(tmp_path, {"b.txt": b"b", "a/z.txt": b"z", "a/deep/er.md": b"x", "c.txt": b"c"})
    assert walked(tmp_path) == ["a/deep/er.md", "a/z.txt", "b.txt", "c.txt"]


def test_walk_skips_hidden_files_and_folders(tmp_path: Path) -> None:
    make_tree(
        tmp_path,
        {
            ".git/config": b"[core]",  # the repository itself
            ".venv/lib/site.txt": b"x",  # any hidden folder
            "notes/.draft.txt": b"x",  # hidden file
            "notes/keep.txt": b"x",
        },
    )
    assert walked(tmp_path) == ["notes/keep.txt"]


def test_walk_honours_nested_gitignore_files(tmp_path: Path) -> None:
    make_tree(
        tmp_path,
        {
            ".gitignore": b"*.log\nbuild/\n",
            "a.txt": b"x",
            "a.log": b"x",  # ignored by the root .gitignore
            "build/out.txt": b"x",  # ignored folder
            "sub/.gitignore": b"!keep.log\n/local.txt\n",
            "sub/keep.log": b"x",  # re-included by the nested .gitignore
            "sub/other.log": b"x",  # still ignored by the root one
            "sub/local.txt": b"x",  # anchored to sub/
            "sub/deeper/local.txt": b"x",  # the anchor does not reach here
        },
    )
    assert walked(tmp_path) == ["a.txt", "sub/deeper/local.txt", "sub/keep.log"]


def test_gitignore_above_the_walked_folder_applies_inside_a_repository(tmp_path: Path) -> None:
    make_tree(
        tmp_path,
        {".git/HEAD": b"ref", ".gitignore": b"*.bak\n", "docs/a.txt": b"x", "docs/a.bak": b"x"},
    )
    assert walked(tmp_path / "docs") == ["a.txt"]


def test_gitignore_outside_a_repository_does_not_leak_in(tmp_path: Path) -> None:
    # No .git anywhere: the .gitignore of the parent folder is not ours to apply.
    make_tree(tmp_path, {".gitignore": b"*.bak\n", "docs/a.bak": b"x"})
    assert walked(tmp_path / "docs") == ["a.bak"]


def test_include_and_exclude_patterns(tmp_path: Path) -> None:
    make_tree(
        tmp_path,
        {"a.txt": b"x", "b.md": b"x", "c.html": b"x", "drafts/d.txt": b"x", "x/drafts/e.md": b"x"},
    )
    config = Config(include=("*.txt", "*.md"), exclude=("drafts/",))
    assert walked(tmp_path, config) == ["a.txt", "b.md"]
    anchored = Config(exclude=("/drafts",))  # anchored: only the top-level folder
    assert walked(tmp_path, anchored) == ["a.txt", "b.md", "c.html", "x/drafts/e.md"]


def test_patterns_are_relative_to_the_root_not_to_the_walked_folder(tmp_path: Path) -> None:
    make_tree(tmp_path, {"tests/data/a.txt": b"x", "tests/unit/b.txt": b"x", "data/c.txt": b"x"})
    config = Config(exclude=("tests/data/", "/unit/"))
    found = iter_sources([tmp_path / "tests"], config, root=tmp_path)
    # tests/data/ is the root's; /unit/ would match unit/ at the root only
    assert [s.rel.as_posix() for s in found] == ["unit/b.txt"]
    # Walking a folder above the root: inside the root, paths are root-relative (tests/data
    # is the root's /data/); outside it, relative to the walked folder (data/ is its /data/).
    above = iter_sources([tmp_path], Config(exclude=("/data/",)), root=tmp_path / "tests")
    assert [s.rel.as_posix() for s in above] == ["tests/unit/b.txt"]


def test_force_exclude_matches_named_files_relative_to_the_root(tmp_path: Path) -> None:
    make_tree(tmp_path, {"tests/data/a.txt": b"x", "other/a.txt": b"x"})
    config = Config(exclude=("tests/data/", "/a.txt"))
    named = [tmp_path / "tests/data/a.txt", tmp_path / "other/a.txt"]
    kept = iter_sources(named, config, root=tmp_path, force_exclude=True)
    assert [s.path for s in kept] == [tmp_path / "other/a.txt"]  # /a.txt: only at the root
    # outside the root, a named file is matched by its name
    outside = iter_sources(named, config, root=tmp_path / "other", force_exclude=True)
    assert list(outside) == []


def test_out_folder_inside_the_tree_is_not_walked(tmp_path: Path) -> None:
    make_tree(tmp_path, {"a.txt": b"x", "cleaned/a.txt": b"x", "cleaned2/a.txt": b"x"})
    assert walked(tmp_path, out=tmp_path / "cleaned") == ["a.txt", "cleaned2/a.txt"]


def test_file_argument_is_yielded_by_name(tmp_path: Path) -> None:
    make_tree(tmp_path, {"deep/x.log": b"x", ".gitignore": b"*.log\n"})
    # Patterns and .gitignore apply to walks; a file named explicitly is always cleaned.
    (source,) = iter_sources([tmp_path / "deep" / "x.log"], Config(exclude=("*.log",)))
    assert source.rel.as_posix() == "x.log"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_symbolic_links_are_reported_not_followed(tmp_path: Path) -> None:
    make_tree(tmp_path, {"tree/a.txt": b"x", "elsewhere/secret.txt": b"x"})
    (tmp_path / "tree" / "linked-dir").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "tree" / "linked.txt").symlink_to(tmp_path / "elsewhere" / "secret.txt")
    assert walked(tmp_path / "tree") == [
        "a.txt",
        "linked-dir (skipped)",
        "linked.txt (skipped)",
    ]


def test_write_atomic_replaces_and_keeps_permission_bits(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")
    path.chmod(0o754)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o754
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_write_atomic_takes_an_explicit_mode_for_new_files(tmp_path: Path) -> None:
    path = tmp_path / "new.txt"
    write_atomic(path, b"data", mode=0o600)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "target",
    [
        "os.fsync",  # the disk refuses the data
        "pathlib.Path.replace",  # the rename fails
    ],
)
def test_write_atomic_failure_leaves_the_original_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("cafÃ© original".encode())

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(target, fail)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(path, b"half-written")
    monkeypatch.undo()
    assert path.read_bytes() == "cafÃ© original".encode()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)]
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_encode_output_writes_utf8_and_gives_back_undecodable_bytes() -> None:
    # The decoder keeps bytes it cannot decode as lone surrogates (U+DC80..U+DCFF); what no
    # rule repaired must be written back as the very bytes it was, never dropped.
    result = Result(text="café \udcff end", original="cafÃ© \udcff end")
    assert encode_output(result) == "café ".encode() + b"\xff" + b" end"
