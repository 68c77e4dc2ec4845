"""The plausibility model's lexicon counts and their cache between processes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from cleaner.zh_model import CharModel, cached_counts, count_words

WORDS = [("你好", 5), ("好", 2), ("這個", 3)]


def test_counts_are_by_key() -> None:
    uni, bi, left, lexicon = count_words(WORDS)
    # Traditional characters are counted under their Simplified form (OpenCC's table).
    assert lexicon == {"你好": 5, "好": 2, "这个": 3}
    assert uni == {"你": 5, "好": 7, "这": 3, "个": 3}
    assert bi == {"你好": 5, "这个": 3}
    assert left == {"你": 5, "这": 3}
    model = CharModel((uni, bi, left, lexicon))
    assert model.alone("好") == 2 / 7  # "好" is a word alone in 2 of its 7 occurrences


def test_counts_are_cached_by_fingerprint(tmp_path: Path) -> None:
    calls: list[int] = []

    def words() -> Iterator[tuple[str, int]]:
        calls.append(1)
        return iter(WORDS)

    first = cached_counts("test", "v1", words, tmp_path)
    assert first == count_words(WORDS)
    assert cached_counts("test", "v1", words, tmp_path) == first
    assert len(calls) == 1  # read back, not counted again
    # Another lexicon version: counted anew, and the stale file goes.
    assert cached_counts("test", "v2", words, tmp_path) == first
    assert len(calls) == 2
    (cached,) = tmp_path.glob("lexicon-test-*.marshal")
    # A damaged file is ignored (and replaced).
    cached.write_bytes(b"not marshal data")
    assert cached_counts("test", "v2", words, tmp_path) == first
    assert len(calls) == 3
    assert cached_counts("test", "v2", words, tmp_path) == first
    assert len(calls) == 3
    # No fingerprint (a source that cannot say its version): nothing is written.
    cached_counts("other", None, words, tmp_path)
    assert not list(tmp_path.glob("lexicon-other-*"))
