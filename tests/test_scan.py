"""`cleaner scan` and `--report`: detection only, JSON held to the fields the README lists.

Real garbled text: Latin mojibake ("cafÃ©", `latin-mojibake`), byte-order marks (`bom`),
pinyin ruby remnants from the acceptance articles (`pinyin-ruby`). Each test runs in its own
empty folder, so no configuration file of this repository applies.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cleaner.cli import main
from cleaner.rules import RULES_BY_ID

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
ACCEPTANCE = REPO / "fixtures" / "acceptance" / "input"

GARBLED = "Le cafÃ© de la gare\nest fermÃ©.\n".encode()
CHINESE = "“你好”，世界。\n第二行没有换行".encode()
BOM = b"\xef\xbb\xbf" + "标题\n正文".encode()
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"
KEPT = "assert fix('cafÃ©') == 'café'  # cleaner: skip\n".encode()


@pytest.fixture(autouse=True)
def _in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)


def make_tree(root: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def cleaner(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(
        main, list(args), input=stdin, env={"COLUMNS": "200"}, catch_exceptions=False
    )


# --- the documented fields ---------------------------------------------------------------------


def documented(title: str) -> dict[str, str]:
    """The README table under "#### Fields of <title>": field name -> type."""
    section = README.split(f"#### Fields of {title}\n", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+?) \|", section, flags=re.MULTILINE)
    assert rows, title
    return dict(rows)


TYPES = {
    "string": lambda v: isinstance(v, str),
    "string or null": lambda v: v is None or isinstance(v, str),
    "number or null": lambda v: v is None or (isinstance(v, (int, float)) and 0 <= v <= 1),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "object of integers": lambda v: (
        isinstance(v, dict)
        and all(isinstance(n, int) and not isinstance(n, bool) for n in v.values())
    ),
    "array of finding objects": lambda v: (
        isinstance(v, list) and all(conforms(f, "a finding object") for f in v)
    ),
    "array of change objects": lambda v: (
        isinstance(v, list) and all(conforms(c, "a change object") for c in v)
    ),
    "array of file objects": lambda v: (
        isinstance(v, list) and all(conforms(f, "a file object") for f in v)
    ),
}


def conforms(data: object, title: str, *, optional: tuple[str, ...] = ()) -> bool:
    """`data` has exactly the documented fields of `title` (the `optional` ones may be
    missing), each of its documented type."""
    fields = documented(title)
    assert isinstance(data, dict), data
    assert set(fields) - set(optional) <= set(data) <= set(fields), (set(data), set(fields))
    for name, value in data.items():
        assert TYPES[fields[name]](value), (title, name, value)
    return True


def test_every_documented_type_is_checked() -> None:
    for title in ("a file object", "a finding object", "a change object", "the report document"):
        assert set(documented(title).values()) <= set(TYPES), title


# --- scan ------------------------------------------------------------------------------------


def test_scan_json_is_one_documented_object_per_file(tmp_path: Path) -> None:
    make_tree(
        tmp_path / "in",
        {"a.txt": GARBLED, "b.txt": CHINESE, "c.md": BOM, "kept.py": KEPT, "logo.png": BINARY},
    )
    before = {p: p.read_bytes() for p in (tmp_path / "in").iterdir()}
    result = cleaner("scan", "in", "--format", "json")
    assert result.exit_code == 1  # something was found
    assert {p: p.read_bytes() for p in (tmp_path / "in").iterdir()} == before  # nothing written
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    for data in objects:
        assert conforms(data, "a file object", optional=("changes",))
        assert "changes" not in data  # only in the report file
    by_path = {data["path"]: data for data in objects}
    assert list(by_path) == ["in/a.txt", "in/b.txt", "in/c.md", "in/kept.py", "in/logo.png"]
    a = by_path["in/a.txt"]
    assert (a["encoding"], a["confidence"], a["changed"], a["found"]) == ("utf-8", 1.0, True, True)
    assert a["counts"] == {"latin-mojibake": 2}
    assert (by_path["in/b.txt"]["found"], by_path["in/b.txt"]["counts"]) == (False, {})
    assert by_path["in/c.md"]["counts"] == {"bom": 1}
    kept = by_path["in/kept.py"]
    assert (kept["changed"], kept["found"]) == (False, False)  # kept on purpose
    (finding,) = kept["findings"]
    assert (finding["rule"], finding["pragma"], finding["line"], finding["column"]) == (
        "latin-mojibake",
        True,
        1,
        16,
    )
    assert finding["text"] == "Ã©"
    logo = by_path["in/logo.png"]
    assert str(logo["skipped"]).startswith("binary file")
    assert (logo["found"], logo["error"]) == (False, None)
    assert "2 files would be cleaned" in result.stderr


def test_scan_table_lists_what_was_found(tmp_path: Path) -> None:
    make_tree(tmp_path, {"a.txt": GARBLED, "b.txt": CHINESE, "logo.png": BINARY})
    result = cleaner("scan", ".")
    assert result.exit_code == 1
    rows = result.stdout.splitlines()
    header = next(r for r in rows if r.startswith("file"))
    assert header.split() == ["file", "encoding", "conf.", "changes", "left", "as", "is"]
    (a,) = [r for r in rows if r.startswith("a.txt")]
    assert a.split() == ["a.txt", "utf-8", "1.00", "latin-mojibake", "2"]
    (logo,) = [r for r in rows if r.startswith("logo.png")]
    assert "skipped: binary file" in logo
    assert not any(r.startswith("b.txt") for r in rows)  # nothing found: listed with -v
    verbose = cleaner("scan", ".", "-v")
    assert any(r.startswith("b.txt") for r in verbose.stdout.splitlines())
    assert "  a.txt:1:7 latin-mojibake 'Ã©' → 'é'" in verbose.stderr


def test_scan_of_the_acceptance_inputs_counts_per_rule(tmp_path: Path) -> None:
    result = cleaner("scan", str(ACCEPTANCE), "--format", "json")
    assert result.exit_code == 1
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(objects) == 5
    counts = {Path(str(o["path"])).name[:3]: o["counts"] for o in objects}
    assert counts["001"].get("pinyin-ruby", 0) >= 358  # the visible readings (NOTES.md)
    assert counts["002"].get("pinyin-ruby", 0) >= 85
    assert set().union(*counts.values()) <= set(RULES_BY_ID)


@pytest.mark.parametrize(
    ("files", "code"),
    [
        # nothing to find: 0, whatever else is there
        ({"b.txt": CHINESE, "logo.png": BINARY}, 0),
        # garbled text kept by a pragma is not something found
        ({"kept.py": KEPT}, 0),
        # a change to make: 1
        ({"a.txt": GARBLED, "b.txt": CHINESE}, 1),
        # a re-encoding is a change too
        ({"gb.txt": "这是一段用国标码写的中文文本,内容完整。".encode("gb18030")}, 1),
    ],
)
def test_scan_exit_codes(tmp_path: Path, files: dict[str, bytes], code: int) -> None:
    make_tree(tmp_path, files)
    assert cleaner("scan", ".").exit_code == code
    assert cleaner("scan", ".", "--format", "json").exit_code == code


def test_scan_exits_1_on_findings_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from collections.abc import Iterator

    from cleaner import rules
    from cleaner.model import Flag
    from cleaner.rules import Rule

    # A rule that only reports (as one does for characters lost in an earlier conversion);
    # it marks "[?]" here, which no real rule changes.
    def flag_lost(text: str, ctx: object) -> Iterator[Flag]:
        start = text.find("[?]")
        if start >= 0:
            yield Flag(start, start + 3, "characters lost in an earlier conversion")

    rule = Rule("test-lost", flag_lost, "Flags [?].", ("[?]", "[?]"))
    monkeypatch.setattr("cleaner.rules.RULES", (*rules.RULES, rule))
    make_tree(tmp_path, {"a.txt": "正文[?]完。".encode()})
    result = cleaner("scan", "a.txt", "--format", "json")
    assert result.exit_code == 1
    (data,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (data["changed"], data["found"]) == (False, True)
    assert data["findings"][0]["message"] == "characters lost in an earlier conversion"
    table = cleaner("scan", "a.txt")
    assert "1:3 test-lost: characters lost in an earlier conversion" in table.stdout
    assert "1 finding left as is" in table.stderr


def test_lines_and_columns_with_cr_line_endings(tmp_path: Path) -> None:
    # A lone CR ends a line (old Mac files). Markdown: repairs only, no boilerplate rules.
    make_tree(
        tmp_path, {"cr.md": "line one\rline two\rcafÃ©\rkept: cafÃ© # cleaner: skip\r".encode()}
    )
    result = cleaner("scan", "cr.md", "--format", "json", "--report", "report.json")
    (data,) = [json.loads(line) for line in result.stdout.splitlines()]
    (kept,) = data["findings"]  # the pragma line keeps its mojibake
    assert (kept["line"], kept["column"]) == (4, 10)
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    (change,) = report["files"][0]["changes"]
    assert (change["line"], change["column"], change["before"]) == (3, 4, "Ã©")


def test_scan_exits_123_when_a_file_fails(tmp_path: Path) -> None:
    make_tree(
        tmp_path,
        {
            "a.txt": "價格:€5\n".encode(),
            "b.txt": CHINESE,
            ".cleaner.toml": b'output-encoding = "big5"\n',
        },
    )
    result = cleaner("scan", "a.txt", "b.txt", "--format", "json")
    assert result.exit_code == 123
    a = json.loads(result.stdout.splitlines()[0])
    assert a["error"] == (
        "output-encoding big5 has no '€' (U+20AC, line 1 column 4); the file is left as it is"
    )
    assert "error: cannot clean a.txt: output-encoding big5 has no '€'" in result.stderr


def test_scan_stdin(tmp_path: Path) -> None:
    result = cleaner("scan", "-", "--format", "json", stdin=GARBLED)
    assert result.exit_code == 1
    (data,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (data["path"], data["counts"]) == ("<stdin>", {"latin-mojibake": 2})


@pytest.mark.parametrize("command", ["clean", "diff", "scan"])
@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (b'[tool.cleaner]\ndisabel = ["bom"]\n', "unknown key 'disabel' in [tool.cleaner]"),
        (b'[tool.cleaner]\noutput-encoding = "utf-9"\n', "output-encoding = 'utf-9': is not"),
        (b"[tool.cleaner.rules.bom]\nkeep = 1\n", "rules.bom: unknown option 'keep'"),
    ],
)
def test_every_command_stops_on_a_bad_configuration(
    tmp_path: Path, command: str, toml: bytes, message: str
) -> None:
    make_tree(tmp_path, {"a.txt": GARBLED, "pyproject.toml": toml})
    args = [command, "a.txt"] + (["--in-place"] if command == "clean" else [])
    result = cleaner(*args)
    assert result.exit_code == 2
    assert f"error: {tmp_path / 'pyproject.toml'}: {message}" in result.stderr
    assert result.stdout == ""
    assert (tmp_path / "a.txt").read_bytes() == GARBLED


# --- --report ------------------------------------------------------------------------------------


def test_clean_report_holds_every_change(tmp_path: Path) -> None:
    make_tree(tmp_path / "in", {"a.txt": GARBLED, "b.txt": CHINESE, "c.md": BOM, "x.png": BINARY})
    result = cleaner("clean", "in", "--in-place", "--report", "run.json")
    assert result.exit_code == 0
    document = json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))
    assert conforms(document, "the report document")
    assert (document["format"], document["version"]) == ("cleaner-report", 1)
    assert (document["command"], document["mode"], document["config"]) == (
        "clean",
        "in-place",
        None,
    )
    assert document["summary"] == {
        "files": 4,
        "changed": 2,
        "unchanged": 1,
        "skipped": 1,
        "failed": 0,
        "findings": 0,
        "exit_code": 0,
    }
    files = {f["path"]: f for f in document["files"]}
    changes = files["in/a.txt"]["changes"]
    assert [(c["rule"], c["line"], c["column"], c["before"], c["after"]) for c in changes] == [
        ("latin-mojibake", 1, 7, "Ã©", "é"),
        ("latin-mojibake", 2, 9, "Ã©", "é"),
    ]
    assert changes[0]["reason"].startswith("ftfy: ")
    original = GARBLED.decode()
    assert all(original[c["start"] : c["end"]] == c["before"] for c in changes)
    assert files["in/c.md"]["changes"][0]["before"] == "\ufeff"
    assert files["in/b.txt"]["changes"] == []
    assert files["in/x.png"]["skipped"].startswith("binary file")


def test_scan_report_and_config_path(tmp_path: Path) -> None:
    make_tree(tmp_path, {"a.txt": GARBLED, ".cleaner.toml": b'disable = ["bom"]\n'})
    result = cleaner("scan", "a.txt", "--report", "scan.json")
    assert result.exit_code == 1
    document = json.loads((tmp_path / "scan.json").read_text(encoding="utf-8"))
    assert conforms(document, "the report document")
    assert document["config"] == str(tmp_path / ".cleaner.toml")
    assert document["summary"]["exit_code"] == 1
    assert len(document["files"][0]["changes"]) == 2


def test_undecodable_bytes_are_json_escapes() -> None:
    # Undecodable bytes are kept as lone surrogates: in a text ("\\udcb3" for a stray byte
    # 0xB3 in UTF-8 text) and in file names (os.fsdecode). The JSON must carry them back.
    from cleaner import clean_text
    from cleaner.scan import dumps, file_record

    result = clean_text("正文cafÃ©")
    name = "稿件\udcb3.txt"
    record = file_record(name, result, output_encoding="utf-8", changed=True, changes=True)
    data = dumps(record)
    assert b"\\udcb3" in data
    data.decode("utf-8")  # valid UTF-8
    assert json.loads(data) == record
