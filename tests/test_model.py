"""The change records: applying, replaying and mapping spans back to the original."""

from __future__ import annotations

import pytest

from cleaner import clean_text, replay
from cleaner.model import Edit, apply_edits


def test_apply_edits_rejects_overlap() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits("abcdef", [Edit(0, 3, "x", "r"), Edit(2, 4, "y", "r")])


def test_replay_reproduces_output_across_rules() -> None:
    # A BOM (rule `bom`) shifts every later offset by one; the Latin repair's record must
    # still replay, and its origin must point into the text with the BOM.
    text = "\ufeffcafÃ© crÃ¨me"
    result = clean_text(text)
    assert result.text == "café crème"
    assert replay(result.original, result.changes) == result.text
    latin = [c for c in result.changes if c.rule == "latin-mojibake"]
    assert latin
    for change in latin:
        start, end = change.origin
        assert text[start:end] == change.before


def test_replay_detects_a_wrong_record() -> None:
    result = clean_text("cafÃ©")
    (change,) = result.changes
    bad = type(change)(change.rule, change.start, change.end, "zz", change.after, "", (0, 0))
    with pytest.raises(ValueError, match="does not match"):
        replay(result.original, [bad])
