"""Do no harm: text without artefacts comes out byte-identical.

The acceptance examples' expected files are clean by definition, and `fixtures/clean/` holds
clean texts of many kinds (English, Japanese, Korean, Traditional and Simplified Chinese,
Markdown with inline HTML, Python, JSON, HTML, CRLF, mixed line endings, no final newline).
Each goes through `clean_bytes` with its real path, so article and markup detection apply,
and must come back as the same bytes with no change record. These tests guard every rule.
"""

from __future__ import annotations

from pathlib import Path, PurePath

import pytest

from cleaner import clean_bytes

ROOT = Path(__file__).parent.parent
EXPECTED = sorted((ROOT / "fixtures" / "acceptance" / "expected").iterdir())
CLEAN = sorted(p for p in (ROOT / "fixtures" / "clean").rglob("*") if p.is_file())


def _assert_untouched(path: Path, real_path: PurePath) -> None:
    data = path.read_bytes()
    result = clean_bytes(data, path=real_path)
    assert result.skipped is None
    assert [(c.rule, c.before, c.after) for c in result.changes] == []
    assert result.text.encode("utf-8") == data


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.name)
def test_acceptance_expected_is_a_fixed_point(path: Path) -> None:
    _assert_untouched(path, PurePath(path.name))


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_fixture_is_untouched(path: Path) -> None:
    _assert_untouched(path, PurePath(path.relative_to(ROOT).as_posix()))


def test_clean_fixtures_cover_the_line_ending_cases() -> None:
    # Guard the fixture set itself: the byte-level cases the principle names are present.
    data = {p.name: p.read_bytes() for p in CLEAN}
    assert any(b"\r\n" in d and b"\n" not in d.replace(b"\r\n", b"") for d in data.values())
    assert any(b"\r\n" in d and b"\r" in d.replace(b"\r\n", b"") for d in data.values())
    assert any(not d.endswith((b"\n", b"\r")) for d in data.values())
