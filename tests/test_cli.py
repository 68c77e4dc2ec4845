"""`cleaner clean`: modes, exit codes, what is written and what is left alone.

The garbled text is real: Latin mojibake ("cafÃ©", UTF-8 read as cp1252, repaired by the
`latin-mojibake` rule) and byte-order marks (`bom`). Every test runs in its own empty folder
(`tmp_path` as the current folder), so no configuration file of this repository applies.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cleaner import rules
from cleaner.cli import main
from cleaner.files import TEMP_SUFFIX
from cleaner.model import Flag
from cleaner.rules import Rule

REPO = Path(__file__).resolve().parent.parent
ACCEPTANCE = REPO / "fixtures" / "acceptance"

GARBLED = "Le cafÃ© de la gare\r\nest fermÃ©.\r\n".encode()  # CRLF kept
CLEAN = "Le café de la gare\r\nest fermé.\r\n".encode()
CHINESE = "“你好”，世界。\n第二行没有换行".encode()  # already clean: must come out identical
BOM = b"\xef\xbb\xbf" + "标题\n正文".encode()
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"


@pytest.fixture(autouse=True)
def _in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("NO_COLOR", "FORCE_COLOR"):  # rich reads these
        monkeypatch.delenv(name, raising=False)


def make_tree(root: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` (hidden ones too) by relative path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def cleaner(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


# --- --out ----------------------------------------------------------------------------------


def test_out_mirrors_a_directory_tree(tmp_path: Path) -> None:
    make_tree(
        tmp_path / "in",
        {"a.txt": GARBLED, "sub/b.txt": CHINESE, "sub/deeper/c.md": BOM},
    )
    result = cleaner("clean", "in", "--out", "out")
    assert result.exit_code == 0, result.stderr
    assert tree(tmp_path / "out") == {
        "a.txt": CLEAN,
        "sub/b.txt": CHINESE,  # unchanged files are copied too, byte for byte
        "sub/deeper/c.md": "标题\n正文".encode(),
    }
    assert "in/a.txt: cleaned (latin-mojibake ×2)" in result.stderr
    assert "in/sub/deeper/c.md: cleaned (bom)" in result.stderr
    assert "2 files cleaned, 1 file left unchanged." in result.stderr
    assert result.stdout == ""
    assert tree(tmp_path / "in")["a.txt"] == GARBLED  # the input is never touched


def test_out_with_a_file_argument_writes_dir_slash_name(tmp_path: Path) -> None:
    make_tree(tmp_path, {"deep/down/menu.txt": GARBLED})
    result = cleaner("clean", "deep/down/menu.txt", "--out", "out")
    assert result.exit_code == 0, result.stderr
    assert tree(tmp_path / "out") == {"menu.txt": CLEAN}


def test_out_with_several_paths(tmp_path: Path) -> None:
    make_tree(tmp_path, {"one/a.txt": GARBLED, "two/sub/b.txt": BOM, "c.txt": CHINESE})
    result = cleaner("clean", "one", "two", "c.txt", "--out", "out")
    assert result.exit_code == 0, result.stderr
    assert sorted(tree(tmp_path / "out")) == ["a.txt", "c.txt", "sub/b.txt"]


def test_a_file_named_twice_is_cleaned_once(tmp_path: Path) -> None:
    make_tree(tmp_path, {"in/a.txt": GARBLED})
    result = cleaner("clean", "in/a.txt", "in", "./in/a.txt", "--out", "out")
    assert result.exit_code == 0, result.stderr
    assert tree(tmp_path / "out") == {"a.txt": CLEAN}
    assert "1 file cleaned." in result.stderr


def test_out_never_overwrites_a_copy_written_in_the_same_run(tmp_path: Path) -> None:
    make_tree(tmp_path, {"one/a.txt": GARBLED, "two/a.txt": CHINESE})
    result = cleaner("clean", "one", "two", "--out", "out")
    assert result.exit_code == 123
    assert tree(tmp_path / "out") == {"a.txt": CLEAN}
    assert "error: cannot clean two/a.txt: out/a.txt was already written from one/a.txt" in (
        result.stderr
    )


def test_out_keeps_permission_bits(tmp_path: Path) -> None:
    make_tree(tmp_path, {"in/run.txt": GARBLED})
    (tmp_path / "in" / "run.txt").chmod(0o750)
    assert cleaner("clean", "in", "--out", "out").exit_code == 0
    assert stat.S_IMODE((tmp_path / "out" / "run.txt").stat().st_mode) == 0o750


def test_out_inside_the_input_tree_is_not_walked(tmp_path: Path) -> None:
    make_tree(tmp_path, {"a.txt": GARBLED})
    assert cleaner("clean", ".", "--out", "cleaned").exit_code == 0
    second = cleaner("clean", ".", "--out", "cleaned")  # cleaned/ must not be cleaned again
    assert second.exit_code == 0, second.stderr
    assert tree(tmp_path / "cleaned") == {"a.txt": CLEAN}


def test_input_inside_out_is_a_usage_error(tmp_path: Path) -> None:
    make_tree(tmp_path, {"out/sub/a.txt": GARBLED})
    result = cleaner("clean", "out/sub", "--out", "out")
    assert result.exit_code == 2
    assert "is inside the --out folder" in result.stderr
    assert tree(tmp_path) == {"out/sub/a.txt": GARBLED}


def test_skipped_files_are_not_copied_and_the_summary_says_so(tmp_path: Path) -> None:
    make_tree(tmp_path / "in", {"a.txt": GARBLED, "logo.png": BINARY})
    result = cleaner("clean", "in", "--out", "out")
    assert result.exit_code == 0
    assert tree(tmp_path / "out") == {"a.txt": CLEAN}
    assert "in/logo.png: skipped: binary file (NUL bytes" in result.stderr
    assert "1 file skipped and not copied (binary file (NUL bytes" in result.stderr


# --- --in-place ------------------------------------------------------------------------------


def test_in_place_rewrites_only_the_files_that_change(tmp_path: Path) -> None:
    make_tree(tmp_path, {"a.txt": GARBLED, "b.txt": CHINESE, "logo.png": BINARY})
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.chmod(0o640)
    b.chmod(0o604)
    past = 1_000_000_000  # 2001: any rewrite would move the mtime to now
    for path in (a, b):
        os.utime(path, (past, past))
    result = cleaner("clean", ".", "--in-place")
    assert result.exit_code == 0, result.stderr
    assert tree(tmp_path) == {"a.txt": CLEAN, "b.txt": CHINESE, "logo.png": BINARY}
    assert a.stat().st_mtime != past
    assert b.stat().st_mtime == past  # not rewritten
    assert stat.S_IMODE(a.stat().st_mode) == 0o640
    assert stat.S_IMODE(b.stat().st_mode) == 0o604


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_in_place_through_a_named_link_keeps_the_link(tmp_path: Path) -> None:
    make_tree(tmp_path, {"real/a.txt": GARBLED})
    (tmp_path / "link.txt").symlink_to(tmp_path / "real" / "a.txt")
    assert cleaner("clean", "link.txt", "--in-place").exit_code == 0
    assert (tmp_path / "link.txt").is_symlink()
    assert (tmp_path / "real" / "a.txt").read_bytes() == CLEAN


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_links_met_in_a_walk_are_skipped_and_reported(tmp_path: Path) -> None:
    make_tree(tmp_path, {"tree/a.txt": GARBLED, "outside/b.txt": GARBLED})
    (tmp_path / "tree" / "b.txt").symlink_to(tmp_path / "outside" / "b.txt")
    result = cleaner("clean", "tree", "--in-place")
    assert result.exit_code == 0
    assert (tmp_path / "outside" / "b.txt").read_bytes() == GARBLED
    assert "tree/b.txt: skipped: symbolic link to a file (links are not followed)" in (
        result.stderr
    )


def test_failed_write_leaves_the_original_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_tree(tmp_path, {"a.txt": GARBLED, "b.txt": BOM})
    real_fsync = os.fsync
    calls = []

    def fsync_failing_once(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 1:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr("os.fsync", fsync_failing_once)
    result = cleaner("clean", ".", "--in-place")
    assert result.exit_code == 123
    assert "error: cannot clean a.txt: cannot write" in result.stderr
    assert "No space left on device" in result.stderr
    # a.txt failed midway and is intact; b.txt was still cleaned; no temporary file is left.
    assert tree(tmp_path) == {"a.txt": GARBLED, "b.txt": "标题\n正文".encode()}
    assert not list(tmp_path.glob(f"*{TEMP_SUFFIX}"))


# --- --check and --diff ----------------------------------------------------------------------


def test_check_writes_nothing_and_exits_1_when_a_file_would_change(tmp_path: Path) -> None:
    make_tree(tmp_path, {"a.txt": GARBLED, "b.txt": CHINESE})
    before = tree(tmp_path)
    result = cleaner("clean", ".", "--check")
    assert result.exit_code == 1
    assert tree(tmp_path) == before
    assert "a.txt: would clean (latin-mojibake ×2)" in result.stderr
    assert "1 file would be cleaned, 1 file would be left unchanged." in result.stderr
    assert result.stdout == ""


def test_check_exits_0_when_nothing_would_change(tmp_path: Path) -> None:
    make_tree(tmp_path, {"b.txt": CHINESE, "c.txt": CLEAN})
    result = cleaner("clean", ".", "--check")
    assert result.exit_code == 0
    assert "2 files would be left unchanged." in result.stderr


def test_diff_prints_a_patch_that_applies(tmp_path: Path) -> None:
    files = {
        "docs/a.txt": GARBLED,  # CRLF lines
        "docs/b.md": BOM,  # no final newline
        "docs/c.txt": CHINESE,  # unchanged: no diff
        "docs/legacy.txt": LEGACY_GB18030,  # old bytes on the - side, UTF-8 on the + side
    }
    make_tree(tmp_path, files)
    result = cleaner("clean", "docs", "--diff")
    assert result.exit_code == 0  # --diff alone reports, like black
    assert tree(tmp_path) == files  # nothing written
    assert result.stdout_bytes.startswith(b"--- a/docs/a.txt\n+++ b/docs/a.txt\n")
    assert "\n-Le cafÃ© de la gare\r\n".encode() in result.stdout_bytes
    assert "\n+Le café de la gare\r\n".encode() in result.stdout_bytes
    assert b"\\ No newline at end of file\n" in result.stdout_bytes
    assert b"docs/c.txt" not in result.stdout_bytes
    assert "docs/a.txt: would clean (latin-mojibake ×2)" in result.stderr
    assert "--- " not in result.stderr

    if shutil.which("patch") is None:
        pytest.skip("patch(1) is not installed")
    cleaner("clean", "docs", "--out", "expected")
    patched = subprocess.run(
        ["patch", "-p1", "--batch", "--silent"],
        input=result.stdout_bytes,
        capture_output=True,
        check=False,
    )
    assert patched.returncode == 0, patched.stdout + patched.stderr
    assert tree(tmp_path / "docs") == tree(tmp_path / "expected")


def test_check_and_diff_together_print_the_diff_and_exit_1(tmp_path: Path) -> None:
    make_tree(tmp_path, {"a.txt": GARBLED})
    result = cleaner("clean", "a.txt", "--check", "--diff")
    assert result.exit_code == 1
    assert result.stdout.startswith("--- a/a.txt\n")


def test_color_flags_and_no_color(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_tree(tmp_path, {"a.txt": GARBLED})
    piped = cleaner("clean", "a.txt", "--diff")
    assert "\x1b[" not in piped.stdout + piped.stderr  # colourless when not a terminal
    forced = cleaner("clean", "a.txt", "--diff", "--color")
    assert "\x1b[31m-Le cafÃ©" in forced.stdout
    assert "\x1b[" in forced.stderr
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[3" not in cleaner("clean", "a.txt", "--diff").stdout  # NO_COLOR wins
    assert "\x1b[" not in cleaner("clean", "a.txt", "--diff", "--no-color").stdout


# --- stdin -----------------------------------------------------------------------------------


def test_stdin_to_stdout() -> None:
    result = cleaner("clean", "-", stdin=GARBLED)
    assert result.exit_code == 0
    assert result.stdout_bytes == CLEAN
    assert "<stdin>: cleaned (latin-mojibake ×2)" in result.stderr


def test_stdin_clean_text_comes_back_identical() -> None:
    result = cleaner("clean", "-", stdin=CHINESE)
    assert result.stdout_bytes == CHINESE


def test_stdin_binary_is_passed_through_untouched() -> None:
    result = cleaner("clean", "-", stdin=BINARY)
    assert result.exit_code == 0
    assert result.stdout_bytes == BINARY
    assert "<stdin>: skipped: binary file" in result.stderr


def test_stdin_check_and_diff() -> None:
    check = cleaner("clean", "-", "--check", stdin=GARBLED)
    assert (check.exit_code, check.stdout) == (1, "")
    diff = cleaner("clean", "-", "--diff", "-q", stdin=GARBLED)
    assert diff.stdout.startswith("--- a/-\n+++ b/-\n")
    assert diff.stderr == ""


# --- exit codes and usage --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        # no mode: the tool rewrites text, so the user has to choose
        (["a.txt"], "say what to do with the clean text: --out DIR"),
        (["a.txt", "--in-place", "--check"], "--in-place and --check cannot be combined"),
        (["a.txt", "--out", "o", "--diff"], "--out and --diff cannot be combined"),
        (["-", "--in-place"], "--in-place does not apply to stdin"),
        (["-", "a.txt"], "'-' (stdin) cannot be combined with other paths"),
        (["a.txt", "--check", "-q", "-v"], "--quiet and --verbose cannot be combined"),
        (["a.txt", "--check", "--disable", "latin"], "'latin' is not one of"),
        (["a.txt", "--check", "--exclude", "!"], "invalid pattern '!'"),
        (["missing.txt", "--check"], "'missing.txt' does not exist"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    make_tree(tmp_path, {"a.txt": GARBLED})
    result = cleaner("clean", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert tree(tmp_path) == {"a.txt": GARBLED}


def test_configuration_error_exits_2_and_names_the_file(tmp_path: Path) -> None:
    make_tree(
        tmp_path, {"a.txt": GARBLED, "pyproject.toml": b'[tool.cleaner]\ndisabel = ["bom"]\n'}
    )
    result = cleaner("clean", "a.txt", "--in-place")
    assert result.exit_code == 2
    assert f"error: {tmp_path / 'pyproject.toml'}: unknown key 'disabel'" in result.stderr
    assert (tmp_path / "a.txt").read_bytes() == GARBLED


def test_configuration_from_pyproject_and_flags_over_it(tmp_path: Path) -> None:
    make_tree(
        tmp_path,
        {"a.txt": GARBLED, "pyproject.toml": b'[tool.cleaner]\ndisable = ["latin-mojibake"]\n'},
    )
    assert cleaner("clean", "a.txt", "--check").exit_code == 0  # the rule is off
    assert cleaner("clean", "a.txt", "--check", "--enable", "latin-mojibake").exit_code == 1
    make_tree(tmp_path, {"team.toml": b"disable = []\n"})
    assert cleaner("clean", "a.txt", "--check", "--config", "team.toml").exit_code == 1


def test_output_target_that_is_a_folder_fails_123_and_others_go_on(tmp_path: Path) -> None:
    # Works as root too, where chmod 000 would not stop a read.
    make_tree(tmp_path, {"in/a.txt": GARBLED, "in/b.txt": BOM, "out/a.txt/x": b"in the way"})
    result = cleaner("clean", "in", "--out", "out")
    assert result.exit_code == 123
    assert "error: cannot clean in/a.txt: cannot write out/a.txt: Is a directory" in result.stderr
    assert (tmp_path / "out" / "b.txt").read_bytes() == "标题\n正文".encode()
    assert "1 file cleaned, 1 file failed." in result.stderr


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="chmod 000 does not stop root"
)
def test_unreadable_file_fails_123_and_others_go_on(tmp_path: Path) -> None:
    make_tree(tmp_path, {"a.txt": GARBLED, "b.txt": GARBLED})
    (tmp_path / "a.txt").chmod(0)
    try:
        result = cleaner("clean", ".", "--in-place")
    finally:
        (tmp_path / "a.txt").chmod(0o644)
    assert result.exit_code == 123
    assert "error: cannot clean a.txt: Permission denied" in result.stderr
    assert (tmp_path / "b.txt").read_bytes() == CLEAN


def test_quiet_prints_errors_only(tmp_path: Path) -> None:
    make_tree(tmp_path, {"in/a.txt": GARBLED, "in/b.txt": BINARY, "out/a.txt/x": b""})
    result = cleaner("clean", "in", "--out", "out", "-q")
    assert result.exit_code == 123
    assert result.stderr.splitlines() == [
        "error: cannot clean in/a.txt: cannot write out/a.txt: Is a directory"
    ]


def test_verbose_lists_each_change_with_line_and_column(tmp_path: Path) -> None:
    make_tree(tmp_path, {"a.txt": GARBLED, "b.txt": CHINESE, "c.txt": BOM})
    result = cleaner("clean", ".", "--check", "-v")
    assert "  a.txt:1:7 latin-mojibake 'Ã©' → 'é'" in result.stderr
    assert "  a.txt:2:9 latin-mojibake 'Ã©' → 'é'" in result.stderr
    assert "  c.txt:1:1 bom '\\ufeff' → ''" in result.stderr
    assert "b.txt: unchanged" in result.stderr  # only shown with -v


def test_verbose_line_and_column_with_cr_line_endings(tmp_path: Path) -> None:
    # A lone CR ends a line (old Mac files), as everywhere else in cleaner.
    make_tree(tmp_path, {"cr.txt": "line one\rline two\rcafÃ©\r".encode()})
    result = cleaner("clean", "cr.txt", "--check", "-v")
    assert "  cr.txt:3:4 latin-mojibake 'Ã©' → 'é'" in result.stderr


def test_findings_are_shown_even_for_unchanged_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A rule that only reports (registered for this test): a finding leaves the text as is.
    def flag_lost(text: str, ctx: object) -> Iterator[Flag]:
        start = text.find("\ufffd\ufffd")
        if start >= 0:
            yield Flag(start, start + 2, "characters lost in an earlier conversion")

    rule = Rule("test-lost", flag_lost, "Flags U+FFFD pairs.", ("\ufffd\ufffd", "\ufffd\ufffd"))
    monkeypatch.setattr("cleaner.rules.RULES", (*rules.RULES, rule))
    make_tree(tmp_path, {"a.txt": "标题\n正文\ufffd\ufffd完".encode(), "b.txt": CHINESE})
    result = cleaner("clean", ".", "--check")
    assert result.exit_code == 0  # a finding is not a change
    assert "a.txt: unchanged; 1 finding left as is" in result.stderr
    assert "b.txt" not in result.stderr
    verbose = cleaner("clean", ".", "--check", "-v")
    assert "  a.txt:2:3 test-lost: characters lost in an earlier conversion" in verbose.stderr


def test_version() -> None:
    result = cleaner("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("cleaner, version ")


# --- what a walk takes -----------------------------------------------------------------------


def test_gitignored_and_hidden_files_are_left_out(tmp_path: Path) -> None:
    make_tree(
        tmp_path / "in",
        {
            ".gitignore": b"*.log\n",
            "a.txt": GARBLED,
            "run.log": GARBLED,  # ignored by .gitignore
            "sub/.gitignore": b"drafts/\n",
            "sub/drafts/d.txt": GARBLED,  # ignored by the nested .gitignore
            "sub/e.txt": GARBLED,
            ".git/COMMIT_EDITMSG": GARBLED,  # the repository
            ".cache/f.txt": GARBLED,  # a hidden folder
        },
    )
    result = cleaner("clean", "in", "--out", "out")
    assert result.exit_code == 0
    assert tree(tmp_path / "out") == {"a.txt": CLEAN, "sub/e.txt": CLEAN}


def test_include_and_exclude_flags(tmp_path: Path) -> None:
    make_tree(tmp_path / "in", {"a.txt": GARBLED, "b.md": GARBLED, "old/c.txt": GARBLED})
    result = cleaner("clean", "in", "--out", "out", "--include", "*.txt", "--exclude", "old/")
    assert result.exit_code == 0
    assert tree(tmp_path / "out") == {"a.txt": CLEAN}


def test_exclude_is_relative_to_the_configuration_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The review's three commands: the project's exclusion holds whichever folder is named
    # and wherever the command runs.
    make_tree(
        tmp_path,
        {
            "pyproject.toml": b'[tool.cleaner]\nexclude = ["tests/data/"]\n',
            "tests/data/garbled.txt": GARBLED,  # kept garbled on purpose
            "tests/unit/garbled.txt": GARBLED,  # not excluded: shows the walk does clean
        },
    )
    whole = cleaner("clean", "--check", ".")
    assert whole.exit_code == 1
    assert "tests/unit/garbled.txt: would clean" in whole.stderr
    assert "tests/data" not in whole.stderr
    named_folder = cleaner("clean", "--check", "tests")
    assert named_folder.exit_code == 1
    assert "tests/unit/garbled.txt: would clean" in named_folder.stderr
    assert "tests/data" not in named_folder.stderr
    assert cleaner("clean", "--check", "tests/data").exit_code == 0  # nothing left in it
    monkeypatch.chdir(tmp_path / "tests")  # the configuration is found upwards
    forced = cleaner("clean", "--check", "--force-exclude", "data/garbled.txt")
    assert forced.exit_code == 0, forced.stderr
    assert cleaner("clean", "--check", "data/garbled.txt").exit_code == 1  # named: cleaned
    walked = cleaner("clean", "--check", ".")
    assert "unit/garbled.txt: would clean" in walked.stderr
    assert "data/garbled.txt" not in walked.stderr


def test_include_flag_is_relative_to_the_configuration_file(tmp_path: Path) -> None:
    make_tree(
        tmp_path,
        {
            ".cleaner.toml": b"",
            "docs/a.txt": GARBLED,
            "docs/sub/b.txt": GARBLED,
            "notes/docs/c.txt": GARBLED,
        },
    )
    result = cleaner("clean", "docs", "notes", "--out", "out", "--include", "/docs/*.txt")
    assert result.exit_code == 0, result.stderr
    assert tree(tmp_path / "out") == {"a.txt": CLEAN}  # anchored at the project, not at docs/


def test_articles_patterns_are_relative_to_the_configuration_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = "正文第一段,讲述了社区防疫工作的开展情况和各项措施的落实，效果明显。\n"
    make_tree(
        tmp_path,
        {
            ".cleaner.toml": b'articles = ["/news/"]\n',
            "news/a.md": f"{body}\n责任编辑:刘玉娜\n".encode(),
        },
    )
    assert "news/a.md: would clean (credits)" in cleaner("clean", "--check", ".").stderr
    monkeypatch.chdir(tmp_path / "news")  # still an article when named from its folder
    result = cleaner("clean", "--check", "a.md")
    assert result.exit_code == 1
    assert "a.md: would clean (credits)" in result.stderr


def test_patterns_of_a_named_configuration_file_are_relative_to_its_folder(
    tmp_path: Path,
) -> None:
    make_tree(
        tmp_path,
        {
            "conf/cleaner.toml": b'exclude = ["/data/"]\n',
            "conf/data/a.txt": GARBLED,  # conf/ is the root: excluded
            "conf/sub/data/b.txt": GARBLED,  # anchored at conf/: not this one
        },
    )
    result = cleaner("clean", "--check", "--config", "conf/cleaner.toml", ".")
    assert result.exit_code == 1
    assert "conf/sub/data/b.txt: would clean" in result.stderr
    assert "conf/data/a.txt" not in result.stderr


def test_patterns_outside_the_root_are_relative_to_the_path_argument(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_tree(
        tmp_path,
        {
            "project/.cleaner.toml": b'exclude = ["/data/"]\n',
            "elsewhere/data/a.txt": GARBLED,  # /data/ under the PATH argument: excluded
            "elsewhere/keep/data/b.txt": GARBLED,  # anchored: not this one
        },
    )
    monkeypatch.chdir(tmp_path / "project")
    result = cleaner("clean", "--check", "../elsewhere")
    assert result.exit_code == 1
    assert "../elsewhere/keep/data/b.txt: would clean" in result.stderr
    assert "elsewhere/data/a.txt" not in result.stderr


# --- bytes in, bytes out ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # CRLF everywhere stays CRLF
        ("cafÃ©\r\nthé\r\n".encode(), "café\r\nthé\r\n".encode()),
        # mixed endings stay mixed, line by line
        ("cafÃ©\r\nb\nc\rcrÃ¨me\n".encode(), "café\r\nb\nc\rcrème\n".encode()),
        # no final newline stays without one
        ("cafÃ©\nfin".encode(), "café\nfin".encode()),
        # a UTF-8 BOM goes (the output is UTF-8), CRLF stays
        (b"\xef\xbb\xbfHello\r\n", b"Hello\r\n"),
        # a UTF-16 file with BOM becomes UTF-8
        ("\ufeff标题\r\n正文".encode("utf-16-le"), "标题\r\n正文".encode()),
    ],
)
def test_line_endings_and_final_newline_are_kept(
    tmp_path: Path, data: bytes, expected: bytes
) -> None:
    make_tree(tmp_path, {"a.txt": data})
    assert cleaner("clean", "a.txt", "--in-place").exit_code == 0
    assert (tmp_path / "a.txt").read_bytes() == expected


def _legacy_text() -> str:
    expected = (ACCEPTANCE / "expected" / "000_ce9987ba374057ce.txt").read_bytes().decode()
    return "\n".join(expected.split("\n")[:3])  # three paragraphs of a real article


LEGACY_GB18030 = _legacy_text().encode("gb18030")


def test_legacy_encoded_input_is_written_as_utf8(tmp_path: Path) -> None:
    make_tree(tmp_path, {"gb.txt": LEGACY_GB18030})
    result = cleaner("clean", "gb.txt", "--out", "out")
    assert result.exit_code == 0
    assert (tmp_path / "out" / "gb.txt").read_bytes() == _legacy_text().encode("utf-8")
    assert "gb.txt: cleaned (re-encoded from gb18030 to UTF-8)" in result.stderr


# --- the installed command -------------------------------------------------------------------


def _installed_cleaner() -> str | None:
    beside = Path(sys.executable).parent / "cleaner"
    return str(beside) if beside.exists() else shutil.which("cleaner")


@pytest.mark.skipif(_installed_cleaner() is None, reason="the cleaner command is not installed")
def test_installed_command_cleans_the_acceptance_inputs(tmp_path: Path) -> None:
    command = _installed_cleaner()
    assert command is not None
    inputs = ACCEPTANCE / "input"
    done = subprocess.run(
        [command, "clean", str(inputs), "--out", "cleaned"],
        capture_output=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 0, done.stderr.decode()
    names = sorted(p.name for p in inputs.iterdir())
    assert sorted(p.name for p in (tmp_path / "cleaned").iterdir()) == names
    assert b"5 files" in done.stderr or b"files cleaned" in done.stderr


@pytest.mark.skipif(_installed_cleaner() is None, reason="the cleaner command is not installed")
def test_installed_command_filters_stdin() -> None:
    command = _installed_cleaner()
    assert command is not None
    done = subprocess.run([command, "clean", "-"], input=GARBLED, capture_output=True, check=True)
    assert done.stdout == CLEAN


def test_python_dash_m_cleaner(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", "-", "--check"],
        input=GARBLED,
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == 1, done.stderr.decode()
    assert "<stdin>: would clean (latin-mojibake ×2)" in done.stderr.decode()


# --- repeated-lines across the files of a run ---------------------------------------------

SLOGAN = "某某新闻网 权威发布 值得信赖"


def _site(n: int) -> dict[str, bytes]:
    body = "这是第{}篇文章的正文，讲述了社区防疫工作的开展情况，居民们积极配合。"
    return {
        f"site/a{i}.txt": f"{SLOGAN}\n第{i}篇的标题\n{body.format(i)}".encode() for i in range(n)
    }


def test_repeated_lines_in_a_directory_run(tmp_path: Path) -> None:
    make_tree(tmp_path, _site(6))
    result = cleaner("clean", "site", "--out", "out")
    assert result.exit_code == 0
    for i in range(6):
        text = (tmp_path / f"out/a{i}.txt").read_text()
        assert text.startswith(f"第{i}篇的标题\n")  # the slogan went, the title stayed
    assert "cleaned (repeated-lines)" in result.stderr
    assert not (tmp_path / ".cleaner-cache").exists()  # a directory run needs no cache


def test_a_corpus_run_detects_each_encoding_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The corpus pass reads the articles before any is cleaned; the cleaning pass decodes
    # them with the codec found then instead of detecting again (the costly part).
    from cleaner import decoding, runner

    detected: list[bytes] = []
    real = decoding.decode

    def counting(data: bytes) -> decoding.Decoded:
        detected.append(data)
        return real(data)

    monkeypatch.setattr(decoding, "decode", counting)
    monkeypatch.setattr(runner, "decode", counting)
    make_tree(tmp_path, {k: v.decode().encode("gbk") for k, v in _site(6).items()})
    result = cleaner("clean", "site", "--out", "out")
    assert result.exit_code == 0, result.stderr
    assert len(detected) == 6
    for i in range(6):
        text = (tmp_path / f"out/a{i}.txt").read_text(encoding="utf-8")
        assert text.startswith(f"第{i}篇的标题\n")  # GBK read, slogan removed
    assert "site/a0.txt: cleaned (repeated-lines, re-encoded from gb18030 to UTF-8)" in (
        result.stderr
    )


CACHE = ".cleaner-cache/corpus.json"


def test_repeated_lines_with_files_in_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pre-commit passes files by name, in batches: the cache lets them add up.
    make_tree(tmp_path, _site(6))
    batch = [f"site/a{i}.txt" for i in range(3)]
    first = cleaner("clean", "--check", "--corpus-cache", CACHE, *batch)
    assert first.exit_code == 0  # 3 files are too few to call a line site furniture
    batch = [f"site/a{i}.txt" for i in range(3, 6)]
    second = cleaner("clean", "--check", "--corpus-cache", CACHE, *batch)
    assert second.exit_code == 1
    assert "site/a3.txt: would clean (repeated-lines)" in second.stderr
    assert (tmp_path / CACHE).is_file()
    assert (tmp_path / ".cleaner-cache/.gitignore").read_text().splitlines()[-1] == "*"
    # the cache means the same from another folder
    monkeypatch.chdir(tmp_path / "site")
    again = cleaner("scan", "--corpus-cache", f"../{CACHE}", "a0.txt")
    assert again.exit_code == 1
    assert "repeated-lines" in again.stdout


def test_without_corpus_cache_a_run_counts_its_own_files_only(tmp_path: Path) -> None:
    # The review's case: six files sharing a first line, checked one per invocation, gave
    # rc 0 four times, then 1, and the first file again 1: results depended on earlier runs.
    make_tree(tmp_path, _site(6))
    for i in [0, 1, 2, 3, 4, 5, 0]:
        assert cleaner("clean", "--check", f"site/a{i}.txt").exit_code == 0
    named = cleaner("clean", "--check", *[f"site/a{i}.txt" for i in range(6)])
    assert named.exit_code == 1  # six named files are counted together
    assert "site/a5.txt: would clean (repeated-lines)" in named.stderr
    assert not (tmp_path / ".cleaner-cache").exists()


@pytest.mark.parametrize(
    "command",
    [
        ["clean", "--check"],
        ["clean", "--diff"],
        ["clean", "--out", "out"],
        ["diff"],
        ["scan"],
        ["scan", "--format", "json"],
    ],
)
def test_nothing_is_written_outside_the_mode_without_corpus_cache(
    tmp_path: Path, command: list[str]
) -> None:
    files = {f"a{i}.txt": f"某某新闻网 权威发布\n第{i}篇 cafÃ©\n".encode() for i in range(3)}
    make_tree(tmp_path, files)
    result = cleaner(*command, "a0.txt", "a1.txt", "a2.txt")
    assert result.exit_code in (0, 1)
    assert "a2.txt" in result.stdout + result.stderr  # the files were read and cleaned
    written = {k: v for k, v in tree(tmp_path).items() if not k.startswith("out/")}
    assert written == files  # no .cleaner-cache, nothing else


def test_corpus_cache_forgets_files_that_no_longer_exist(tmp_path: Path) -> None:
    make_tree(tmp_path, _site(6))
    named = [f"site/a{i}.txt" for i in range(6)]
    assert cleaner("clean", "--check", "--corpus-cache", CACHE, *named).exit_code == 1
    for i in range(1, 6):
        (tmp_path / f"site/a{i}.txt").unlink()
    make_tree(tmp_path, {"site/b.md": b"not an article\n"})
    result = cleaner("clean", "--check", "--corpus-cache", CACHE, "site/a0.txt", "site/b.md")
    assert result.exit_code == 0  # one file left: the slogan is no longer site furniture
    cached = json.loads((tmp_path / CACHE).read_text(encoding="utf-8"))["files"]
    assert list(cached) == [str((tmp_path / "site/a0.txt").resolve())]


def test_corpus_cache_in_a_folder_of_the_project_does_not_hide_it_from_git(
    tmp_path: Path,
) -> None:
    make_tree(tmp_path, _site(1))
    assert cleaner("clean", "--check", "--corpus-cache", "corpus.json", "site").exit_code == 0
    assert (tmp_path / "corpus.json").is_file()
    assert not (tmp_path / ".gitignore").exists()  # only a folder cleaner made is ignored


# --- cleaner diff: the rich preview -------------------------------------------------------------


def test_diff_command_previews_and_writes_nothing(tmp_path: Path) -> None:
    files = {"a.txt": GARBLED, "b.txt": CHINESE, "c.md": BOM}
    make_tree(tmp_path, files)
    result = cleaner("diff", ".")
    assert result.exit_code == 0
    assert tree(tmp_path) == files
    out = result.stdout
    # piped: no colour, so the highlights are marked in the text
    assert "a.txt ─" in out
    assert "utf-8 (confidence 1.00) · written as utf-8 · 2 changes: latin-mojibake ×2" in out
    assert "1 - Le caf[-Ã©-] de la gare" in out
    assert "1 + Le caf{+é+} de la gare" in out
    assert "↳ latin-mojibake" in out
    assert "1 - [-<BOM>-]标题" in out  # c.md: the dropped BOM is shown
    assert "b.txt" not in out  # unchanged: not shown
    assert "\x1b[" not in out + result.stderr
    assert "2 files would be cleaned, 1 file would be left unchanged." in result.stderr


def test_diff_command_colours_on_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_tree(tmp_path, {"a.txt": GARBLED})
    forced = cleaner("diff", "a.txt", "--color")
    assert "\x1b[1;31mÃ©\x1b[0m" in forced.stdout  # what goes, in bold red
    assert "\x1b[1;32mé\x1b[0m" in forced.stdout  # what comes, in bold green
    assert "[-" not in forced.stdout  # no marks when there is colour
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[1;31m" not in cleaner("diff", "a.txt").stdout  # NO_COLOR wins
    assert "\x1b[" not in cleaner("diff", "a.txt", "--no-color").stdout


def test_diff_command_side_by_side_and_context(tmp_path: Path) -> None:
    lines = [f"第{i}段。" for i in range(1, 21)]
    lines[9] = "Le cafÃ© de la gare"
    make_tree(tmp_path, {"a.txt": "\n".join(lines).encode()})
    result = cleaner("diff", "a.txt", "--side-by-side", "-U", "1")
    assert result.exit_code == 0
    row = next(r for r in result.stdout.splitlines() if "Le caf" in r)
    assert row.split("│")[1].strip() == "Le caf[-Ã©-] de la gare"
    assert row.split("│")[3].strip() == "Le caf{+é+} de la gare"
    assert row.split("│")[4].strip() == "latin-mojibake"
    assert "⋮ 8 unchanged lines" in result.stdout
    assert "第9段" in result.stdout
    assert "第8段" not in result.stdout


def test_diff_command_verbose_explains_each_change(tmp_path: Path) -> None:
    make_tree(tmp_path, {"a.txt": GARBLED})
    result = cleaner("diff", "a.txt", "-v")
    assert "1:7 latin-mojibake: ftfy: encode latin-1, decode utf-8" in result.stdout


def test_diff_command_reads_stdin() -> None:
    result = cleaner("diff", "-", stdin=GARBLED)
    assert result.exit_code == 0
    assert "<stdin> ─" in result.stdout
    assert "2 - est ferm[-Ã©-]." in result.stdout


def test_diff_command_does_not_page_when_piped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_pager(*args: object, **kwargs: object) -> None:
        raise AssertionError("the pager must not run when stdout is not a terminal")

    monkeypatch.setattr("rich.console.Console.pager", no_pager)
    make_tree(tmp_path, {"a.txt": GARBLED})
    assert cleaner("diff", "a.txt", "--color").exit_code == 0


def test_diff_command_pages_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from rich.console import Console

    from cleaner import render

    shown: list[str] = []

    class Pager:
        def show(self, content: str) -> None:
            shown.append(content)

    monkeypatch.delenv("LESS", raising=False)
    console = Console(file=io.StringIO(), force_terminal=True, color_system="standard")
    monkeypatch.setattr(Console, "pager", lambda self, **kw: _pager_context(self, Pager(), kw))
    with render.paging(console, enabled=True):
        console.print("long output")
    assert shown == ["long output\n"]
    assert os.environ["LESS"] == "FRX"  # colours through, no paging when it fits


def _pager_context(console: object, pager: object, options: dict[str, object]) -> object:
    from rich.console import PagerContext

    assert options == {"styles": True}
    return PagerContext(console, pager=pager, styles=True)  # type: ignore[arg-type]


# --- hooks: fixing with a non-zero exit, and keeping files out ----------------------------------


def test_exit_non_zero_on_fix(tmp_path: Path) -> None:
    make_tree(tmp_path, {"a.txt": GARBLED, "b.txt": CHINESE})
    first = cleaner("clean", "a.txt", "b.txt", "--in-place", "--exit-non-zero-on-fix")
    assert first.exit_code == 1  # a file was fixed: the commit must fail
    assert (tmp_path / "a.txt").read_bytes() == "Le café de la gare\r\nest fermé.\r\n".encode()
    second = cleaner("clean", "a.txt", "b.txt", "--in-place", "--exit-nonzero-on-fix")
    assert second.exit_code == 0  # nothing left to fix
    assert cleaner("clean", "a.txt", "--in-place").exit_code == 0  # without the flag


def test_force_exclude_keeps_named_files_out(tmp_path: Path) -> None:
    make_tree(
        tmp_path,
        {
            ".cleaner.toml": b'exclude = ["tests/data/", "docs/garbled.txt"]\n',
            "tests/data/mojibake.txt": GARBLED,
            "docs/garbled.txt": GARBLED,
            "docs/other.txt": GARBLED,
        },
    )
    named = ["tests/data/mojibake.txt", "docs/garbled.txt", "docs/other.txt"]
    result = cleaner("clean", *named, "--in-place", "--force-exclude")
    assert result.exit_code == 0
    assert (tmp_path / "tests/data/mojibake.txt").read_bytes() == GARBLED
    assert (tmp_path / "docs/garbled.txt").read_bytes() == GARBLED
    assert (tmp_path / "docs/other.txt").read_bytes() == CLEAN
    assert "1 file cleaned." in result.stderr
    # without --force-exclude a named file is always cleaned
    assert cleaner("clean", "docs/garbled.txt", "--in-place").exit_code == 0
    assert (tmp_path / "docs/garbled.txt").read_bytes() == CLEAN


def test_pragma_keeps_a_line_through_clean(tmp_path: Path) -> None:
    kept = "assert fix('cafÃ©') == 'café'  # cleaner: skip\n"
    make_tree(tmp_path, {"test_fix.py": (kept + "label = 'cafÃ©'\n").encode()})
    result = cleaner("clean", "test_fix.py", "--in-place", "-v")
    assert result.exit_code == 0
    assert (tmp_path / "test_fix.py").read_bytes() == (kept + "label = 'café'\n").encode()
    assert "test_fix.py: cleaned (latin-mojibake); 1 change kept by 'cleaner: skip'" in (
        result.stderr
    )
    assert "test_fix.py:1:16 latin-mojibake: left as is ('cleaner: skip' on the line)" in (
        result.stderr
    )
    check = cleaner("clean", "test_fix.py", "--check")
    assert check.exit_code == 0  # what is left is kept on purpose
    assert "test_fix.py" not in check.stderr


# --- output encoding ----------------------------------------------------------------------------


def test_output_encoding_from_the_configuration(tmp_path: Path) -> None:
    gb = "标题\r\n正文cafÃ©".encode("gb18030")
    make_tree(tmp_path, {"a.txt": gb, "b.txt": CHINESE.decode().encode("gb18030")})
    make_tree(tmp_path, {".cleaner.toml": b'output-encoding = "gb18030"\n'})
    result = cleaner("clean", "a.txt", "b.txt", "--in-place")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "a.txt").read_bytes() == "标题\r\n正文café".encode("gb18030")
    assert "1 file cleaned, 1 file left unchanged." in result.stderr  # b.txt stays GB18030
    # the flag overrides the file
    assert cleaner("clean", "b.txt", "--check", "--output-encoding", "UTF8").exit_code == 1


def test_diff_shows_the_bytes_of_the_output_encoding(tmp_path: Path) -> None:
    before = "标题\r\n正文cafÃ©\r\n".encode("gb18030")
    make_tree(tmp_path, {"a.txt": before, ".cleaner.toml": b'output-encoding = "gb18030"\n'})
    result = cleaner("clean", "a.txt", "--diff")
    assert "\n-正文cafÃ©\r\n+正文café\r\n".encode("gb18030") in result.stdout_bytes
    stdin = cleaner("clean", "-", "--diff", "--output-encoding", "gb18030", stdin=before)
    assert "\n-正文cafÃ©\r\n+正文café\r\n".encode("gb18030") in stdin.stdout_bytes


def test_output_encoding_that_cannot_write_a_character_fails_that_file(tmp_path: Path) -> None:
    make_tree(tmp_path, {"a.txt": "價格:€5\ncafÃ©\n".encode(), "b.txt": "價格:五元\n".encode()})
    result = cleaner("clean", "a.txt", "b.txt", "--out", "out", "--output-encoding", "big5")
    assert result.exit_code == 123
    assert (
        "error: cannot clean a.txt: output-encoding big5 has no '€' (U+20AC, line 1 column 4); "
        "the file is left as it is"
    ) in result.stderr
    assert not (tmp_path / "out" / "a.txt").exists()
    assert (tmp_path / "out" / "b.txt").read_bytes() == "價格:五元\n".encode("big5")


def test_bad_output_encoding_flag_is_a_usage_error(tmp_path: Path) -> None:
    make_tree(tmp_path, {"a.txt": GARBLED})
    for command in (["clean", "--check"], ["diff"], ["scan"]):
        result = cleaner(*command, "a.txt", "--output-encoding", "utf-9")
        assert result.exit_code == 2
        assert "Invalid value for --output-encoding: 'utf-9' is not a text encoding" in (
            result.stderr
        )


# --- progress -----------------------------------------------------------------------------------


def test_no_progress_bar_when_piped(tmp_path: Path) -> None:
    make_tree(tmp_path / "in", {f"{i}.txt": GARBLED for i in range(5)})
    result = cleaner("clean", "in", "--check", "--color")  # --color forces colour, not a bar
    assert "files/s" not in result.stderr
    assert "━" not in result.stderr


def test_progress_bar_on_a_terminal() -> None:
    import io

    from rich.console import Console

    from cleaner import render

    console = Console(file=io.StringIO(), force_terminal=True, width=100, theme=render.THEME)
    with render.progress(console, 3, enabled=True) as progress:
        progress.phase("cleaning")
        for _ in range(3):
            progress.advance(1_000_000)
        console.print("a.txt: cleaned")  # status lines print above the bar
        assert progress.bar is not None
        progress.bar.refresh()
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert "cleaning" in shown
    assert "3/3" in shown
    assert "files/s" in shown
    assert "a.txt: cleaned" in shown


def test_progress_wanted_only_on_a_real_terminal() -> None:
    import io

    from rich.console import Console

    from cleaner import render

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert render.progress_wanted(Console(file=Tty(), force_terminal=True), quiet=False)
    assert not render.progress_wanted(Console(file=Tty(), force_terminal=True), quiet=True)
    forced = Console(file=io.StringIO(), force_terminal=True)  # --color into a pipe
    assert not render.progress_wanted(forced, quiet=False)
