"""Properties every rule together must keep, on generated text (hypothesis, derandomized).

- Cleaning is idempotent: cleaning the output again changes nothing.
- The change records replay: `replay(original, changes) == text`.
- Clean CJK/ASCII text without any marker an artefact could be made of is left alone.
- Origin spans are in bounds and ordered, and point at the text the change replaced.

They use only the public API, so they guard every rule, present and future.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Change, Config, clean_text, replay

# Common Han characters, Simplified and Traditional.
HAN = (
    "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家"
    "学对可里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经"
    "頭面公同三已老從動兩長知民樣現分將外但身些與高意進把法此實回二理美點月明其種聲全工己話兒"
    "區域擔當戰疫情社區醫院檢測志愿服務堯都記者編輯"
)
CJK_PUNCT = "，。、；：？！“”‘’《》（）「」『』【】…—　·"
ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 "
LINE_ENDINGS = ["\n", "\r\n", "\r"]

# Fragments of the artefacts cleaner repairs, to mix into the text.
ARTEFACTS = [
    "cafÃ©",  # UTF-8 read as Latin-1
    "â€œquoteâ€\x9d",  # UTF-8 read as cp1252
    "ä¸\xadæ–‡",  # 中文, UTF-8 read as cp1252
    "ÄãºÃ",  # 你好, GBK read as Latin-1
    "ÖÐÎÄ",  # 中文, GBK read as Latin-1
    "浣犲ソ",  # 你好, UTF-8 read as GBK
    "鍖哄煙",  # 区域, UTF-8 read as GBK
    "斕疑",  # 你好, GBK read as Big5
    "区?域",  # a lost byte
    "區(qū)",  # pinyin ruby
    "時(shí)",  # pinyin ruby
    "(村)",  # a parenthesis that is content
    "<p>",
    "</p>",
    "<br>",
    "</strong>",
    '<span class="x">',
    "&nbsp;",
    "&amp;",
    "&lt;",
    "&gt;",
    "&#20320;",
    "&ldquo;",
    "&lt;br&gt;",  # an escaped tag
    "&amp;nbsp;",  # a double escape
    "&Atilde;&copy;",  # mojibake spelled in references
    "&#38;",
    "amp;",
    "br",
    "p",
    "\ufeff",
    "<",
    ">",
    "&",
    ";",
    "(",
    ")",
]

_atoms = st.one_of(
    st.text(HAN, min_size=1, max_size=6),
    st.sampled_from(CJK_PUNCT),
    st.text(ASCII, min_size=1, max_size=6),
    st.sampled_from(LINE_ENDINGS),
    st.sampled_from(ARTEFACTS),
)
mixed_texts = st.lists(_atoms, max_size=30).map("".join)

# Clean text: nothing an artefact is made of ("<", "&", "(", Latin-1 letters, controls).
clean_texts = st.lists(
    st.one_of(
        st.text(HAN + CJK_PUNCT, min_size=1, max_size=12),
        st.text(ASCII, min_size=1, max_size=8),
        st.sampled_from(["\n", "\r\n"]),
    ),
    max_size=20,
).map("".join)

#: Boilerplate rules remove whole lines that look like credits or page chrome, which short
#: random lines can do by chance; the no-change property is about the repairs. (The
#: boilerplate rules' no-harm is checked on real articles in test_no_harm.)
REPAIRS_ONLY = Config(boilerplate="never")


@settings(derandomize=True, max_examples=300, deadline=None)
@given(mixed_texts)
def test_cleaning_twice_is_cleaning_once(text: str) -> None:
    once = clean_text(text)
    twice = clean_text(once.text)
    assert twice.text == once.text, [(c.rule, c.before, c.after) for c in twice.changes]


@settings(derandomize=True, max_examples=300, deadline=None)
@given(mixed_texts)
def test_changes_replay(text: str) -> None:
    result = clean_text(text)
    assert result.original == text
    assert replay(result.original, result.changes) == result.text


@settings(derandomize=True, max_examples=300, deadline=None)
@given(clean_texts)
def test_clean_text_is_left_alone(text: str) -> None:
    result = clean_text(text, REPAIRS_ONLY)
    assert result.text == text, [(c.rule, c.before, c.after) for c in result.changes]
    assert result.changes == ()


def _batches(changes: tuple[Change, ...]) -> list[list[Change]]:
    """The changes grouped by the rule that made them (consecutive records of one rule)."""
    batches: list[list[Change]] = []
    for change in changes:
        if batches and batches[-1][0].rule == change.rule:
            batches[-1].append(change)
        else:
            batches.append([change])
    return batches


@settings(derandomize=True, max_examples=300, deadline=None)
@given(mixed_texts)
def test_origin_spans_point_at_the_original(text: str) -> None:
    result = clean_text(text)
    # Follow every character of the current text back to the original: an index into it,
    # or None when an earlier change wrote it. This is the reference the origins must meet.
    source: list[int | None] = list(range(len(text)))
    for number, batch in enumerate(_batches(result.changes)):
        previous_end = 0
        for change in batch:
            start, end = change.origin
            assert 0 <= start <= end <= len(text)
            assert change.start >= previous_end  # sorted, not overlapping
            previous_end = change.end
            if number == 0:  # the first rule sees the original text
                assert (start, end) == (change.start, change.end)
                assert text[start:end] == change.before
            covered = source[change.start : change.end]
            first = covered[0] if covered else None
            if first is not None and covered == list(range(first, first + len(covered))):
                # Untouched by earlier rules: the origin is exactly where the text came from.
                assert (start, end) == (first, first + len(covered))
                assert text[start:end] == change.before
        starts = [c.origin[0] for c in batch]
        assert starts == sorted(starts)
        for change in reversed(batch):
            source[change.start : change.end] = [None] * len(change.after)
