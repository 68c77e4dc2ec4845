"""The pipeline's origin mapping: spans of later rules mapped back to the original text.

The reference is character by character: a start offset maps through the character after it,
an end offset through the character before it; an unchanged character maps to itself, one
written by an edit to the start (for a start) or end (for an end) of the span it replaced.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.model import Edit, apply_edits
from cleaner.pipeline import _OriginMap


def _reference(length: int, edits: list[Edit], pos: int, *, at_end: bool) -> int:
    """Map `pos` through one batch of `edits` on a text of `length`, char by char."""
    chars: list[tuple[int, int]] = []  # per new character: (origin if a start, if an end)
    done = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        chars += [(k, k + 1) for k in range(done, e.start)]
        chars += [(e.start, e.end)] * len(e.after)
        done = e.end
    chars += [(k, k + 1) for k in range(done, length)]
    if at_end:
        return chars[pos - 1][1] if pos else 0
    return chars[pos][0] if pos < len(chars) else length


@st.composite
def _batches(draw: st.DrawFn) -> tuple[int, list[list[Edit]]]:
    length = draw(st.integers(0, 8))
    batches = []
    size = length
    for _ in range(draw(st.integers(1, 3))):
        edits: list[Edit] = []
        pos = 0
        for _ in range(draw(st.integers(0, 4))):
            start = draw(st.integers(pos, size))
            end = draw(st.integers(start, min(size, start + 3)))
            edits.append(Edit(start, end, draw(st.text("xyz", max_size=3)), ""))
            pos = end
        edits = list(draw(st.permutations(edits)))  # rules may yield in any order
        batches.append(edits)
        size += sum(len(e.after) - (e.end - e.start) for e in edits)
    return length, batches


def _reference_span(
    sizes: list[int], batches: list[list[Edit]], start: int, end: int
) -> tuple[int, int]:
    """Map `start:end` back through every batch, latest first, with `_reference`; a span
    that is (or becomes) empty maps as one point, as a start (see `_OriginMap.span`)."""
    for size, edits in zip(reversed(sizes), reversed(batches), strict=True):
        if start == end:
            start = end = _reference(size, edits, start, at_end=False)
        else:
            start = _reference(size, edits, start, at_end=False)
            end = _reference(size, edits, end, at_end=True)
    return start, end


@settings(derandomize=True, max_examples=300, deadline=None)
@given(_batches())
def test_origin_map_matches_char_by_char_reference(case: tuple[int, list[list[Edit]]]) -> None:
    length, batches = case
    origin = _OriginMap()
    text = "a" * length
    sizes = []
    for edits in batches:
        sizes.append(len(text))
        text = apply_edits(text, edits)
        origin.push(edits)
    for pos in range(len(text) + 1):
        for end in range(pos, len(text) + 1):
            start_origin, end_origin = origin.span(pos, end)
            assert (start_origin, end_origin) == _reference_span(sizes, batches, pos, end)
            assert 0 <= start_origin <= end_origin <= length


def test_insertion_and_replacement_at_one_start_in_any_order() -> None:
    # `apply_edits` puts the insertion first ("abc" + "zz" + "" for "d"); the map once
    # sorted by start only, took the deletion first and shifted the insertion to 2.
    origin = _OriginMap()
    origin.push([Edit(3, 4, "", ""), Edit(3, 3, "zz", "")])
    assert origin.span(3, 5) == (3, 3)  # "zz" was inserted at 3
    assert origin.span(0, 3) == (0, 3)


def test_empty_span_at_a_deletion_does_not_cross() -> None:
    # Mapped separately, the start went after the deleted "b" (2) and the end before it (1).
    origin = _OriginMap()
    origin.push([Edit(1, 2, "", "")])  # "abc" -> "ac"
    assert origin.span(1, 1) == (2, 2)
    assert origin.span(0, 1) == (0, 1)
    assert origin.span(1, 2) == (2, 3)


def test_span_emptied_by_an_earlier_batch_does_not_cross() -> None:
    # "a" deleted, then "x" inserted where it was: "x" replaced nothing of the original.
    origin = _OriginMap()
    origin.push([Edit(0, 1, "", "")])
    origin.push([Edit(0, 0, "x", "")])
    assert origin.span(0, 1) == (1, 1)
