"""The plausibility model's lexicon counts, their cache between processes, and the forms a
document writes its characters in."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

from cleaner.zh_model import (
    DOC_WEIGHT,
    SCRIPT_SHARE_MIN,
    CharModel,
    DocStats,
    Scorer,
    cached_counts,
    count_words,
)

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


def test_the_document_says_which_form_it_writes() -> None:
    # The model counts 为, 為 and 爲 under one key; a document that writes 為 four times makes
    # "为" unlikely: P = (0 + 1) / (4 + 3), and "為" (4 + 1) / (4 + 3) (rule of succession).
    model = CharModel(count_words(WORDS))
    scorer = Scorer(model, DocStats("為了你好，為了我。為什麼？因為。"))
    assert math.isclose(scorer.form_logp("为"), math.log(1 / 7))
    assert math.isclose(scorer.form_logp("為"), math.log(5 / 7))
    # A character written in one form only, or one the document does not have, adds nothing.
    assert scorer.form_logp("你好。") == 0.0
    assert scorer.form_logp("這") == scorer.form_logp("这") == 0.0
    assert Scorer(model).form_logp("为") == 0.0


def test_the_document_says_which_script_it_writes() -> None:
    # A character the document has in no form: its script is weighed by the share of the
    # document's characters with several forms that it writes in their Simplified form.
    # Here 為 ×2, 們, 戰 (Traditional) and 干 (the Simplified form of 幹): (1 + 1) / (5 + 2).
    model = CharModel(count_words(WORDS))
    scorer = Scorer(model, DocStats("為了他們，為戰干。"))
    assert math.isclose(scorer.script_logp("绩"), math.log(2 / 7))
    assert math.isclose(scorer.script_logp("績"), math.log(5 / 7))
    # Characters the document has (any form) are `form_logp`'s; one form, nothing.
    assert scorer.script_logp("为们") == scorer.script_logp("你好") == 0.0
    # Never less than SCRIPT_SHARE_MIN for either script.
    simplified = Scorer(model, DocStats("为了他们，为战斗。" * 20))
    assert math.isclose(simplified.script_logp("績"), math.log(SCRIPT_SHARE_MIN))
    assert Scorer(model).script_logp("績") == 0.0


def test_the_document_repeats_a_name_as_a_unit() -> None:
    doc = DocStats("亢文忠說，書記亢文忠第一時間趕到，亢文忠表示。")
    assert doc.repeats("亢文忠") == 3
    assert doc.repeats("文忠") == 0  # always inside 亢文忠
    assert doc.repeats("第一") == 0  # once
    # A name the lexicon does not have is a word of the document's.
    scorer = Scorer(CharModel(count_words(WORDS)), doc)
    assert scorer.word_logp("亢文忠") == math.log(DOC_WEIGHT * 3 / doc.total)
    assert scorer.word_logp("文忠") == -math.inf
