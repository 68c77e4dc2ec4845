"""The acceptance examples, end to end: `cleaner clean input --out OUT` writes `expected/`.

These five articles came from our users as they arrived (`fixtures/acceptance/input/`), with
their clean versions written and checked by hand (`expected/`) and every change explained in
`fixtures/acceptance/NOTES.md`. The run goes through the real command, directory walk and
writer, so the bytes compared are the bytes a user gets.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main

ACCEPTANCE = Path(__file__).parent.parent / "fixtures" / "acceptance"
NAMES = sorted(p.name for p in (ACCEPTANCE / "input").iterdir())

#: Runs the repairs leave as they are and report instead of guessing (see NOTES.md and the
#: gbk-shifted tests): the hidden bytes fit several readings and only world knowledge (a set
#: phrase, a place name) decides. name -> {line of expected: (left in the output, truth)}.
UNRESOLVED: dict[str, dict[int, tuple[str, str]]] = {
    # 勇擔當 needs a vanished pair; 據, 搶, 擊, 擔 alone fit the bytes and score higher.
    "001_75a507e673690a1a.txt": {2: ("?lián)?/strong>", "擔當")},
    # 郝莊 is a place named nowhere else in the article; 湖新莊, 含新莊, 韩新莊 score higher.
    "002_56e005b5ec93ab38.txt": {15: ("?!焙虑f", "。”郝莊")},
}


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["clean", str(ACCEPTANCE / "input"), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("name", NAMES)
def test_acceptance_example(cleaned: Path, name: str) -> None:
    """Byte for byte as expected, but for the runs left as is: those stand as they came."""
    expected = (ACCEPTANCE / "expected" / name).read_bytes()
    lines = expected.decode().split("\n")
    for number, (left, truth) in UNRESOLVED.get(name, {}).items():
        assert truth in lines[number - 1]
        lines[number - 1] = lines[number - 1].replace(truth, left, 1)
    expected = "\n".join(lines).encode()
    actual = (cleaned / name).read_bytes()
    if actual != expected:
        diff = difflib.unified_diff(
            expected.decode().splitlines(),
            actual.decode().splitlines(),
            "expected",
            "actual",
            lineterm="",
        )
        pytest.fail("\n".join(diff))


def test_every_input_has_an_expected_file() -> None:
    assert sorted(p.name for p in (ACCEPTANCE / "expected").iterdir()) == NAMES
    assert len(NAMES) == 5
