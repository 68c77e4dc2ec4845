"""The rich preview of `cleaner diff`: hunks built from the change records, drawn by rich.

Real text throughout: the acceptance articles (pinyin ruby remnants, repaired by the
`pinyin-ruby` rule), Latin mojibake ("cafÃ©"), byte-order marks. Line removals (what the
boilerplate rules do) are made with a real removal record: `narrow` on real text, or a small
rule run through the real pipeline. The assertions hold for whatever rules are registered:
every hunk the pipeline produces must be visible, highlighted and labelled.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.color import ColorSystem
from rich.console import Console, RenderableType
from rich.style import Style

from cleaner import Config, clean_bytes, clean_text, rules
from cleaner.lines import Lines
from cleaner.model import Change, Edit, Result, apply_edits, narrow
from cleaner.preview import (
    ADDED,
    REMOVED,
    REMOVED_LINE,
    THEME,
    Options,
    escape,
    hunks,
    preview,
)
from cleaner.rules import Rule

REPO = Path(__file__).resolve().parent.parent
INPUTS = sorted((REPO / "fixtures" / "acceptance" / "input").iterdir())


@functools.cache
def cleaned(path: Path) -> Result:
    """`clean_bytes` of an acceptance input, computed once per file for the module (several
    tests draw the same article; cleaning is deterministic)."""
    return clean_bytes(path.read_bytes())


def record(renderables: list[RenderableType], width: int = 2000) -> Console:
    """`renderables` printed on a recording console (colours on, no terminal needed)."""
    console = Console(
        record=True,
        width=width,
        theme=THEME,
        force_terminal=True,
        color_system="standard",
        file=io.StringIO(),
        soft_wrap=False,
    )
    for renderable in renderables:
        console.print(renderable)
    return console


def styled(console: Console, style: str) -> list[str]:
    """The runs of text printed in `style` (adjacent runs joined)."""
    ansi = Style.parse(str(THEME.styles[style])).render("\0", color_system=ColorSystem.STANDARD)
    opening, closing = ansi.split("\0")
    out = console.export_text(styles=True, clear=False)
    runs: list[str] = []
    end = -1
    for match in re.finditer(re.escape(opening) + r"(.*?)" + re.escape(closing), out, re.DOTALL):
        if match.start() == end:  # right after the previous run: one run
            runs[-1] += match.group(1)
        else:
            runs.append(match.group(1))
        end = match.end()
    return runs


def removal_rule(pattern: str) -> Rule:
    """A rule that removes whole lines matching `pattern`, as the boilerplate rules do: a
    last line without a final newline goes with the line ending before it."""

    def remove_lines(text: str, ctx: object) -> Iterator[Edit]:
        lines = Lines(text)
        for i in range(len(lines)):
            if re.search(pattern, text[lines.starts[i] : lines.body_end(i)]):
                start, end = lines.starts[i], lines.end(i)
                if end == lines.body_end(i) and i > 0:  # no line ending: take the one before
                    start = lines.body_end(i - 1)
                yield Edit(start, end, "", "a credit line")

    return Rule("test-credits", remove_lines, "Test only.", ("x", "x"))


@pytest.fixture
def with_removal(monkeypatch: pytest.MonkeyPatch) -> Config:
    """A line-removing rule after all others (where the boilerplate rules run), and a
    configuration that runs it with the repairs of this branch only (so that the real
    boilerplate rules, where they are registered, do not take these lines first)."""
    rule = removal_rule(r"^(责任编辑|記者|记者)")
    monkeypatch.setattr("cleaner.rules.RULES", (*rules.RULES, rule))
    keep = {"bom", "latin-mojibake", "pinyin-ruby", rule.id}
    return Config(disable=frozenset(r.id for r in rules.RULES if r.id not in keep))


# --- hunks -----------------------------------------------------------------------------------


def test_one_change_is_one_hunk_with_its_rule() -> None:
    result = clean_text("Le cafÃ© est fermé.\n")
    (hunk,) = hunks(result)
    assert result.original[hunk.start : hunk.end] == "Ã©"
    assert result.text[hunk.out_start : hunk.out_end] == "é"
    assert hunk.rules == ("latin-mojibake",)
    assert not hunk.line_removal


def test_hunks_cover_every_change_and_rebuild_the_output() -> None:
    for path in INPUTS:
        result = cleaned(path)
        found = hunks(result)
        assert sum(len(h.changes) for h in found) == len(result.changes), path.name
        # the text between hunks is unchanged; each hunk's text is cut from the output
        rebuilt, pos = [], 0
        for h in found:
            rebuilt.append(result.original[pos : h.start])
            rebuilt.append(result.text[h.out_start : h.out_end])
            pos = h.end
        rebuilt.append(result.original[pos:])
        assert "".join(rebuilt) == result.text, path.name


def test_nested_changes_form_one_hunk_labelled_with_all_their_rules(with_removal: Config) -> None:
    # pinyin-ruby removes "(wáng)" inside a reporter line, then the removal rule takes the
    # whole line: the origin spans nest, so they are shown as one line removal.
    text = "第一段。\n记者 王(wáng)某\n第二段召開(kāi)會(huì )議。\n"
    result = clean_text(text, with_removal)
    assert result.text == "第一段。\n第二段召開會議。\n"
    removal = next(h for h in hunks(result) if h.line_removal)
    assert removal.rules == ("pinyin-ruby", "test-credits")
    assert removal.label == "pinyin-ruby+test-credits"
    assert result.original[removal.start : removal.end] == "记者 王(wáng)某\n"


@pytest.mark.parametrize(
    ("text", "line", "removal"),
    [
        # a whole line with its ending
        ("正文。\n责任编辑:刘玉娜\n后记。", "责任编辑:刘玉娜\n", True),
        # the last line of a text without a final newline, with the ending before it
        ("正文。\n\n责任编辑:刘玉娜", "\n责任编辑:刘玉娜", True),
        # CRLF endings
        ("正文。\r\n责任编辑:刘玉娜\r\n后记。", "责任编辑:刘玉娜\r\n", True),
        # only part of a line: not a line removal
        ("正文。责任编辑:刘玉娜\n", "责任编辑:刘玉娜", False),
        # a line's content without its ending: the line stays, emptied
        ("正文。\n责任编辑:刘玉娜\n后记。", "责任编辑:刘玉娜", False),
    ],
)
def test_a_line_removal_is_whole_lines_and_nothing_in_their_place(
    text: str, line: str, removal: bool
) -> None:
    start = text.index(line)
    edit = narrow(start, line, "", "a credit line")
    result = _result(text, [edit], "credits")
    (hunk,) = hunks(result)
    assert hunk.line_removal is removal


def _result(text: str, edits: list[Edit], rule: str) -> Result:
    """A Result for `edits` applied to real `text`, as the pipeline records them."""
    changes = tuple(
        Change(rule, e.start, e.end, text[e.start : e.end], e.after, e.reason, (e.start, e.end))
        for e in edits
    )
    return Result(apply_edits(text, edits), text, changes)


# --- drawing -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name[:3])
def test_acceptance_preview_shows_every_hunk_highlighted_with_its_rules(path: Path) -> None:
    result = cleaned(path)
    console = record(preview(result, path.name))
    text = console.export_text(clear=False)
    assert path.name in text
    for rule, count in result.counts().items():  # the header counts changes per rule
        assert (rule if count == 1 else f"{rule} ×{count}") in text.splitlines()[1]
    rows = [r.strip() for r in text.splitlines()]
    red = "\n".join(styled(console, REMOVED))
    green = "\n".join(styled(console, ADDED))
    dimmed = "\n".join(styled(console, REMOVED_LINE))
    lines = Lines(result.original)
    for hunk in hunks(result):
        assert hunk.label in text
        before = result.original[hunk.start : hunk.end]
        after = result.text[hunk.out_start : hunk.out_end]
        if hunk.line_removal:  # each removed line shown whole, dimmed, with the rules
            shown = [(i, escape(lines.content(i))) for i in hunk.removed]
            labelled = next((i for i, content in shown if content), shown[0][0])
            for i, content in shown:
                assert content in dimmed
                row = f"{i + 1} - {content}" + (f"  {hunk.label}" if i == labelled else "")
                assert row.rstrip() in rows
            continue
        if before:
            assert escape(before, shown=True) in red
        if after:
            assert escape(after, shown=True) in green


def test_acceptance_preview_highlights_the_ruby_readings() -> None:
    path = next(p for p in INPUTS if p.name.startswith("002"))
    console = record(preview(cleaned(path), path.name))
    red = styled(console, REMOVED)
    assert "(wǎng)" in red  # 網(wǎng)
    assert "(qū)" in red  # 區(qū)
    text = console.export_text()
    assert " 1 - 太原:聚力有擔當 小網(wǎng)格發(fā)揮基層治理大作用" in text
    assert " 1 + 太原:聚力有擔當 小網格發揮基層治理大作用" in text
    assert "↳ pinyin-ruby ×2" in text


def test_a_removed_line_is_shown_whole_dimmed_with_its_rule(with_removal: Config) -> None:
    text = "標題\n\n正文第一段。\n記者 鄭偉\n正文第二段。\n责任编辑:刘玉娜"
    result = clean_text(text, with_removal)
    assert result.text == "標題\n\n正文第一段。\n正文第二段。"
    console = record(preview(result, "a.txt"))
    shown = console.export_text(clear=False)
    assert "4 - 記者 鄭偉  test-credits" in shown
    assert "5   正文第二段。" in shown  # context, kept
    # the last line goes with the line ending before it (no final newline, as before)
    assert "6 - 责任编辑:刘玉娜  test-credits" in shown
    assert styled(console, REMOVED_LINE) == ["記者 鄭偉", "责任编辑:刘玉娜"]
    assert styled(console, REMOVED) == []  # nothing else changed


def test_removed_lines_in_a_real_svg_export(with_removal: Config) -> None:
    result = clean_text("正文。\n记者 王某\n后记。\n", with_removal)
    svg = record(preview(result, "a.txt"), width=80).export_svg(title="cleaner diff")
    assert svg.startswith("<svg")
    assert "记者&#160;王某" in svg
    assert "test-credits" in svg


def test_bom_and_line_endings_are_made_visible() -> None:
    result = clean_text("\ufeffcafÃ©\r\n")
    console = record(preview(result, "a.txt"))
    assert styled(console, REMOVED) == ["<BOM>", "Ã©"]
    assert styled(console, ADDED) == ["é"]
    assert "bom · latin-mojibake" in console.export_text()


def test_without_colour_highlights_are_marked_in_the_text() -> None:
    result = clean_text("Le cafÃ© de la gare\n")
    console = Console(width=100, theme=THEME, color_system=None, file=io.StringIO(), record=True)
    for renderable in preview(result, "a.txt", Options(marks=True)):
        console.print(renderable)
    text = console.export_text()
    assert "1 - Le caf[-Ã©-] de la gare" in text
    assert "1 + Le caf{+é+} de la gare" in text


def test_unchanged_lines_collapse_to_context() -> None:
    lines = [f"第{i}段。" for i in range(1, 31)]
    lines[14] = "cafÃ©"
    result = clean_text("\n".join(lines))
    text = record(preview(result, "a.txt", Options(context=2))).export_text()
    assert "⋮ 12 unchanged lines" in text  # lines 1-12
    assert "13   第13段。" in text
    assert "15 - cafÃ©" in text
    assert "17   第17段。" in text
    assert "⋮ 13 unchanged lines" in text  # lines 18-30
    assert "第12段" not in text
    assert "第18段" not in text


def test_long_unchanged_stretches_of_a_changed_line_are_cut() -> None:
    line = "甲" * 100 + "cafÃ©" + "乙" * 100
    result = clean_text(line)
    cut = record(preview(result, "a.txt", Options(cut=10))).export_text()
    assert "… " + "甲" * 7 + "cafÃ©" in cut  # the 10 characters before the change
    assert "乙" * 10 + " …" in cut
    whole = record(preview(result, "a.txt", Options(cut=None))).export_text()
    assert "甲" * 100 + "cafÃ©" + "乙" * 100 in whole


def test_side_by_side_of_chinese_lines_stays_aligned() -> None:
    path = next(p for p in INPUTS if p.name.startswith("002"))
    result = cleaned(path)
    width = 100
    text = record(preview(result, path.name, Options(side_by_side=True)), width=width)
    rows = [r for r in text.export_text().splitlines() if "│" in r]
    assert len(rows) > 20
    for row in rows:
        assert cell_len(row) <= width, row
        # the column separators sit at the same screen columns on every row
        cells = [cell_len(row[: m.start()]) for m in re.finditer("│", row)]
        assert cells == [cell_len(rows[0][: m.start()]) for m in re.finditer("│", rows[0])], row
    assert any("小網(wǎng)格" in r and "小網格發揮" in r for r in rows)


def test_findings_are_listed_under_the_preview() -> None:
    result = clean_text("cafÃ© # cleaner: skip\ncafÃ©\n")
    text = record(preview(result, "a.txt")).export_text()
    assert "left as is:" in text
    assert "1:4 latin-mojibake: left as is ('cleaner: skip' on the line)" in text


def test_a_file_that_held_only_a_bom() -> None:
    # The output is empty: the preview must still draw the one line the file had.
    result = clean_bytes(b"\xef\xbb\xbf")
    assert (result.original, result.text) == ("\ufeff", "")
    console = record(preview(result, "empty.txt"))
    assert "1 - <U+FEFF>  bom" in console.export_text(clear=False)
    assert styled(console, REMOVED_LINE) == ["<U+FEFF>"]
