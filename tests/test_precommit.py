"""The published pre-commit hooks, run by the real `pre-commit` against this repository.

`pre-commit try-repo <this repository>` installs `cleaner` from it into a fresh virtual
environment (from PyPI: it needs the network) and runs a hook on a temporary git repository.
try-repo takes the committed HEAD plus staged and modified tracked files (it builds a
"shadow" commit of them); untracked files are left out, so stage a new module before running
this test. It works from a git worktree too. Each try-repo installs anew (its store is a
temporary folder; PRE_COMMIT_HOME is set for the rest of pre-commit's state), about ten
seconds each with pip's cache warm.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

GARBLED = "Le cafÃ© de la gare\r\nest fermÃ©.\r\n".encode()
CLEAN = "Le café de la gare\r\nest fermé.\r\n".encode()
CHINESE = "“你好”，世界。\n第二行没有换行".encode()
KEPT = "assert fix('cafÃ©') == 'café'  # cleaner: skip\n".encode()

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("pre_commit") is None,
    reason="pre-commit is not installed; it comes with the test extra: pip install -e '.[test]'",
)


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.com", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        env=_env(repo),
    )


def _env(repo: Path) -> dict[str, str]:
    """The environment without git's variables: when the tests run inside a git hook,
    GIT_DIR and GIT_INDEX_FILE would point every git command at the wrong repository."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["PRE_COMMIT_HOME"] = str(repo.parent / "pre-commit-home")
    env["NO_COLOR"] = "1"
    return env


def try_repo(repo: Path, hook: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), hook, "--all-files"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=_env(repo),
        check=False,
        timeout=600,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with a garbled file, a clean one, a line kept by the pragma, and a
    garbled file the configuration excludes."""
    root = tmp_path / "project"
    files = {
        "garbled.txt": GARBLED,
        "clean.txt": CHINESE,
        "test_fix.py": KEPT,
        "tests/data/mojibake.txt": GARBLED,
        ".cleaner.toml": b'exclude = ["tests/data/"]\n',
    }
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "start")
    return root


def test_the_check_hook_fails_and_changes_nothing(repo: Path) -> None:
    done = try_repo(repo, "cleaner-check")
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "cleaner (check for garbled text)" in output
    assert "garbled.txt: would clean (latin-mojibake ×2)" in output
    assert "+Le café de la gare" in output  # the diff is shown
    assert (repo / "garbled.txt").read_bytes() == GARBLED


def test_the_fixer_hook_repairs_then_passes(repo: Path) -> None:
    first = try_repo(repo, "cleaner")
    output = first.stdout + first.stderr
    assert first.returncode == 1, output  # files were changed: the commit must fail
    assert "Failed" in output
    assert "files were modified by this hook" in output
    assert "garbled.txt: cleaned (latin-mojibake ×2)" in output
    assert (repo / "garbled.txt").read_bytes() == CLEAN
    assert (repo / "clean.txt").read_bytes() == CHINESE  # left alone, byte for byte
    assert (repo / "test_fix.py").read_bytes() == KEPT  # kept by the pragma
    assert (repo / "tests/data/mojibake.txt").read_bytes() == GARBLED  # excluded
    # The hook keeps the repeated-lines corpus across batches, where git does not see it.
    assert (repo / ".cleaner-cache/corpus.json").is_file()
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
        env=_env(repo),
    )
    assert ".cleaner-cache" not in status.stdout
    git(repo, "add", "-u")

    second = try_repo(repo, "cleaner")
    output = second.stdout + second.stderr
    assert second.returncode == 0, output
    assert "Passed" in output
    assert (repo / "garbled.txt").read_bytes() == CLEAN
