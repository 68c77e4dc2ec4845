"""The `cleaner: skip` pragma, honoured once in the pipeline for every rule.

A line ending in `cleaner: skip` (in a comment or as plain text) is kept exactly as it is:
every edit a rule proposes that touches it is dropped and reported as a finding with
`pragma` set. Real garbled text: Latin mojibake, byte-order marks and pinyin ruby remnants.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import PurePosixPath

import pytest

from cleaner import Config, clean_text, replay, rules
from cleaner.model import Edit
from cleaner.pipeline import pragma_lines
from cleaner.rules import RULES, Context, Rule

RUBY = "疫情防控會(huì )議在區(qū)政府召開(kāi)。"


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        # a comment in Python, shell, TOML, YAML
        ("assert fix('cafÃ©') == 'café'  # cleaner: skip", "latin-mojibake"),
        # a C-style comment
        ('expect(fix("cafÃ©")).toBe("café"); // cleaner: skip', "latin-mojibake"),
        # a comment with a closer after the pragma
        ("<p>cafÃ©</p> <!-- cleaner: skip -->", "latin-mojibake"),
        ("x = 'cafÃ©'; /* cleaner: skip */", "latin-mojibake"),
        # plain text at the end of the line
        ("例子:cafÃ© cleaner: skip", "latin-mojibake"),
        # a BOM at the start of a marked line
        ("\ufeffstill here cleaner: skip", "bom"),
        # pinyin ruby kept as an example
        (RUBY + " # cleaner: skip", "pinyin-ruby"),
    ],
)
def test_a_marked_line_is_kept_and_reported(line: str, rule: str) -> None:
    text = f"{line}\r\nLe cafÃ© est fermé.\r\n"
    result = clean_text(text, path=PurePosixPath("example.py"))  # code, not an article
    assert result.text == f"{line}\r\nLe café est fermé.\r\n"  # only the marked line kept
    assert rule in {f.rule for f in result.findings}
    assert all(f.pragma for f in result.findings)
    assert all(text[f.origin[0] : f.origin[1]] == f.text for f in result.findings)
    assert replay(result.original, result.changes) == result.text
    assert not result.problems  # kept on purpose: not a problem


@pytest.mark.parametrize(
    "line",
    [
        "cafÃ© cleaner: skip this one",  # not at the end of the line
        "cafÃ© # cleaner: skipped",  # another word
        "cafÃ© # Cleaner: Skip",  # the pragma is lower case, as written in the docs
    ],
)
def test_not_a_pragma(line: str) -> None:
    result = clean_text(line + "\n")
    assert "café" in result.text
    assert not result.findings


def test_pragma_lines() -> None:
    text = "a\r\nb # cleaner: skip\r\nc\nd cleaner: skip"
    assert [text[s:e] for s, e in pragma_lines(text)] == [
        "b # cleaner: skip\r\n",
        "d cleaner: skip",
    ]


def test_the_pragma_holds_across_rules() -> None:
    # A BOM before the marked line shifts every offset; the ruby on the marked line and the
    # mojibake on the next are still told apart.
    text = "\ufeff標題\n" + RUBY + " cleaner: skip\ncafÃ©"
    result = clean_text(text)
    assert result.text == "標題\n" + RUBY + " cleaner: skip\ncafé"
    assert {f.rule for f in result.findings} == {"pinyin-ruby"}
    assert {c.rule for c in result.changes} == {"bom", "latin-mojibake"}


@pytest.fixture
def remove_credits(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule that removes "责任编辑" lines with the line ending before them, as the
    boilerplate rules do at the end of a text without a final newline."""

    def remove(text: str, ctx: Context) -> Iterator[Edit]:
        for match in re.finditer(r"\n责任编辑[^\n]*", text):
            yield Edit(match.start(), match.end(), "", "a credit line")

    rule = Rule("test-credits", remove, "Test only.", ("x", "x"))
    monkeypatch.setattr("cleaner.rules.RULES", (*rules.RULES, rule))


def test_a_line_removal_touching_a_marked_line_is_dropped(remove_credits: None) -> None:
    kept = "正文。\n责任编辑:刘玉娜 cleaner: skip"
    assert clean_text(kept).text == kept
    # the edit takes the line ending *before* the credit: the marked line before it would
    # lose its ending, so the edit touches it too
    text = "正文。 cleaner: skip\n责任编辑:刘玉娜"
    assert clean_text(text).text == text
    # an unmarked line next to a marked one goes
    text = "例子 cleaner: skip\n正文。\n责任编辑:刘玉娜"
    assert clean_text(text).text == "例子 cleaner: skip\n正文。"


class Everywhere(Mapping[str, int]):
    """A corpus in which every line stands in every file (see tests/test_rules.py)."""

    def __init__(self, files: int) -> None:
        self.files = files

    def __getitem__(self, key: str) -> int:
        return self.files

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def mark(line: str) -> str:
    """`line` with the pragma at its end, before its line ending."""
    body = line.rstrip("\r\n")
    return f"{body} cleaner: skip{line[len(body) :]}"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_every_rule_honours_the_pragma(rule: Rule) -> None:
    # The rule's own example, the rule running alone, one line marked at a time: the marked
    # line comes out exactly as it went in; each edit the rule proposes that touches it is
    # reported as kept, and the others are made.
    lines = rule.example[0].splitlines(keepends=True)
    others = frozenset(r.id for r in RULES if r.id != rule.id)
    config = Config(enable=frozenset({rule.id}), disable=others, boilerplate="always")
    files = 100
    ctx = Context(config, None, True, Everywhere(files), files)
    kept_somewhere = False
    for k in range(len(lines)):
        marked = mark(lines[k])
        text = "".join(lines[:k]) + marked + "".join(lines[k + 1 :])
        result = clean_text(text, config, corpus=Everywhere(files), corpus_files=files)  # type: ignore[arg-type]
        assert marked in result.text
        assert replay(result.original, result.changes) == result.text
        start = len("".join(lines[:k]))
        proposed = [e for e in rule.func(text, ctx) if isinstance(e, Edit)]
        touching = [
            e
            for e in proposed
            if (e.start < start + len(marked) and e.end > start)
            or start <= e.start < start + len(marked)
        ]
        kept = [f for f in result.findings if f.pragma]
        assert len(kept) == len(touching)
        assert len(result.changes) == len(proposed) - len(touching)
        kept_somewhere = kept_somewhere or bool(kept)
    if rule.id in ("bom", "latin-mojibake", "pinyin-ruby"):  # these fire on a marked line
        assert kept_somewhere
