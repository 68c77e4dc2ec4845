"""One definition of a line break ("\r\n", "\r", "\n"), and one line index that follows it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.lines import NEWLINE_RE, Lines, line_col


def reference_line_col(text: str, offset: int) -> tuple[int, int]:
    """Line and column by walking the breaks NEWLINE_RE finds in the whole text."""
    line, start = 1, 0
    for match in NEWLINE_RE.finditer(text):
        if match.end() > offset:
            break
        line, start = line + 1, match.end()
    return line, offset - start + 1


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("line one\rline two\rcafÃ©\r", 21, (3, 4)),  # CR only (old Mac files)
        ("ab\ncd", 4, (2, 2)),  # LF
        ("ab\r\ncd", 5, (2, 2)),  # CRLF is one break
        ("ab\r\ncd", 3, (1, 4)),  # on the LF of a CRLF: still the first line
        ("a\r\rb", 3, (3, 1)),  # two CRs, two breaks
        ("a\n\r\nb", 4, (3, 1)),  # LF then CRLF
        ("a\x0cb\u2028c", 4, (1, 5)),  # form feed and U+2028 do not end a line
        ("", 0, (1, 1)),
    ],
)
def test_line_col(text: str, offset: int, expected: tuple[int, int]) -> None:
    assert line_col(text, offset) == expected
    assert reference_line_col(text, offset) == expected


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.text("ab\r\n\x0c\u2028", max_size=30), st.data())
def test_every_line_index_agrees(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text)))
    line, col = line_col(text, offset)
    assert (line, col) == reference_line_col(text, offset)
    if offset == len(text):
        # The end of a text that ends with a line break is line N+1, column 1, for
        # line_col; the indexes below have no line there (a final break starts none).
        return
    lines = Lines(text)  # what the rules see and `cleaner diff` numbers its lines by
    assert lines.index_at(offset) == line - 1
    assert lines.start(line - 1) == offset - col + 1


def reference_lines(text: str) -> list[tuple[int, int, int]]:
    """(start, content end, end with ending) of each line, from the breaks NEWLINE_RE finds;
    an empty text is one empty line, a final break starts no line."""
    out, start = [], 0
    for match in NEWLINE_RE.finditer(text):
        out.append((start, match.start(), match.end()))
        start = match.end()
    if start < len(text) or not out:
        out.append((start, len(text), len(text)))
    return out


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.text("ab\r\n\x0c\u2028", max_size=30))
def test_lines_match_newline_re(text: str) -> None:
    lines = Lines(text)
    expected = reference_lines(text)
    assert len(lines) == len(expected)
    for i, (start, body_end, end) in enumerate(expected):
        assert (lines.start(i), lines.body_end(i), lines.end(i)) == (start, body_end, end)
        assert lines.ending(i) == text[body_end:end]
    starts = {start for start, _, _ in expected}
    body_ends = {body_end for _, body_end, _ in expected}
    for pos in range(len(text) + 1):
        assert lines.is_start(pos) == (pos in starts)
        assert lines.is_end(pos) == (pos in body_ends)
