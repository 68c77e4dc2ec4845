"""Unified diffs that `patch -p1` applies byte for byte."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from cleaner import clean_bytes, clean_text
from cleaner.diff import result_diff, unified_diff

NO_NL = "\\ No newline at end of file"


def test_equal_inputs_give_no_diff() -> None:
    assert unified_diff(b"same\n", b"same\n", "a/x", "b/x") == b""


def diff_texts(a: str, b: str) -> str:
    """`unified_diff` of two UTF-8 texts, as text."""
    return unified_diff(a.encode(), b.encode(), "a/x", "b/x").decode()


def test_missing_final_newline_is_marked_on_the_side_that_lacks_it() -> None:
    diff = diff_texts("cafÃ©\nfin", "café\nfin")
    # both sides end without a newline: marked after the context line only
    assert diff.splitlines()[3:] == ["-cafÃ©", "+café", " fin", NO_NL]
    diff = diff_texts("cafÃ©", "café\n")
    assert diff.splitlines()[3:] == ["-cafÃ©", NO_NL, "+café"]


def test_crlf_stays_inside_the_lines_and_a_lone_cr_is_no_line_break() -> None:
    # patch's lines end at "\n" only (unlike cleaner's lines, see cleaner.lines)
    diff = diff_texts("x\rcafÃ©\r\ny\r\n", "x\rcafé\r\ny\r\n")
    assert diff.split("\n")[3:6] == ["-x\rcafÃ©\r", "+x\rcafé\r", " y\r"]


def test_result_diff_names_the_file_with_a_and_b_prefixes() -> None:
    diff = result_diff(clean_text("\ufeffcafÃ©\n"), "docs/menu.txt").decode()
    assert diff.splitlines() == [
        "--- a/docs/menu.txt",
        "+++ b/docs/menu.txt",
        "@@ -1 +1 @@",
        "-\ufeffcafÃ©",
        "+café",
    ]


def test_result_diff_writes_the_output_encoding() -> None:
    before = "标题\r\n正文cafÃ©\r\n".encode("gb18030")
    result = clean_bytes(before)
    diff = result_diff(result, "a.txt", before, output_encoding="gb18030")
    # the + side is what would be written: GB18030, not UTF-8
    assert diff.splitlines(keepends=True)[3:] == [
        " 标题\r\n".encode("gb18030"),
        "-正文cafÃ©\r\n".encode("gb18030"),
        "+正文café\r\n".encode("gb18030"),
    ]
    utf8 = result_diff(result, "a.txt", before)  # UTF-8 by default: every line changes
    assert utf8.endswith("\n+标题\r\n+正文café\r\n".encode())


def test_skipped_result_has_no_diff() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    result = clean_bytes(png)
    assert result.skipped
    assert result_diff(result, "logo.png", png) == b""


@pytest.mark.skipif(shutil.which("patch") is None, reason="patch(1) is not installed")
@pytest.mark.parametrize(
    "before",
    [
        "cafÃ©\nfin".encode(),  # no final newline on either side
        "\ufeffcafÃ©\r\nmixed\nendings\r".encode(),  # BOM, CRLF, LF and a final lone CR
        "一\n二\n三\n四\n五\n六\n七\n八\ncafÃ©\n十\n".encode(),  # hunk with context
        "\ufeffhello".encode("utf-16-le"),  # another encoding: old bytes on the - side
    ],
)
def test_patch_applies_the_diff_exactly(tmp_path: Path, before: bytes) -> None:
    result = clean_bytes(before)
    (tmp_path / "f.txt").write_bytes(before)
    diff = result_diff(result, "f.txt", before)
    assert diff
    done = subprocess.run(
        ["patch", "-p1", "--batch", "--silent"],
        input=diff,
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "f.txt").read_bytes() == result.text.encode()
