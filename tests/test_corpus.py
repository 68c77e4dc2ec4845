"""The corpus counter, its cache, and the `repeated-lines` rule that uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner import Config, clean_text
from cleaner.corpus import (
    CACHE_FORMAT,
    CACHE_VERSION,
    REGION,
    CorpusCache,
    build_corpus,
    line_keys,
    load_cache,
    normalize_line,
    save_cache,
)

SLOGAN = "某某日报 · 权威发布 值得信赖"
NAV = "首页 | 新闻 | 社区 | 视频"
FOOTER = "本站地址:城东路1号 联系电话:12345678"


def article(i: int, *, ending: str = "\n") -> str:
    """A site's page: nav and slogan at the top, footer at the bottom, its own body."""
    body = [f"第{i}篇报道的第{k}段正文,讲述社区志愿者的工作与生活。" for k in range(3)]
    return ending.join([NAV, SLOGAN, f"标题{i}", *body, FOOTER]) + ending


# --- normalisation and counting -------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("首页 | 新闻", "首页 ｜ 新闻"),  # fullwidth bar
        ("  Home  News \r\n", "home news"),  # spaces, case, CRLF
        ("社區(qū)新聞</p>", "社區新聞"),  # ruby and tags do not make a new line
    ],
)
def test_normalize_line_equates(a: str, b: str) -> None:
    assert normalize_line(a) == normalize_line(b)


def test_line_keys_counts_head_and_tail_only() -> None:
    middle = "中间这一行出现在正文深处"
    lines = [f"第{k}行" for k in range(2 * REGION + 5)]
    lines.insert(REGION + 2, middle)
    keys = line_keys("\n".join(lines))
    assert "第0行" in keys
    assert f"第{2 * REGION + 4}行" in keys
    assert normalize_line(middle) not in keys
    assert len(keys) == 2 * REGION


def test_build_corpus_counts_files_not_occurrences() -> None:
    texts = [article(i) for i in range(4)] + [f"{SLOGAN}\n{SLOGAN}\n正文。"]
    counts, files = build_corpus(texts)
    assert files == 5
    assert counts[normalize_line(SLOGAN)] == 5  # twice in the last file, counted once
    assert counts[normalize_line(NAV)] == 4
    assert counts[normalize_line("标题0")] == 1


def test_build_corpus_empty() -> None:
    assert build_corpus([]) == ({}, 0)


# --- the rule ---------------------------------------------------------------------------


def test_repeated_lines_removes_site_furniture() -> None:
    texts = [article(i) for i in range(6)]
    counts, files = build_corpus(texts)
    result = clean_text(texts[2], corpus=counts, corpus_files=files)
    assert result.text == article(2).replace(f"{NAV}\n{SLOGAN}\n", "").replace(f"{FOOTER}\n", "")
    assert {c.rule for c in result.changes} == {"repeated-lines"}
    assert all("6 of 6 files" in c.reason for c in result.changes)


def test_repeated_lines_crlf_and_no_final_newline() -> None:
    texts = [article(i, ending="\r\n").removesuffix("\r\n") for i in range(6)]
    counts, files = build_corpus(texts)
    out = clean_text(texts[0], corpus=counts, corpus_files=files).text
    assert out.startswith("标题0\r\n")
    assert out.endswith("社区志愿者的工作与生活。")  # no final newline, as the input


def test_repeated_lines_below_threshold_stays() -> None:
    # The slogan stands in 2 of 6 files: under min_share 0.5, so it is not boilerplate.
    texts = [article(i) for i in range(2)] + [f"标题{i}\n正文第{i}篇。\n" for i in range(4)]
    counts, files = build_corpus(texts)
    assert clean_text(texts[0], corpus=counts, corpus_files=files).changes == ()


def test_repeated_lines_needs_a_corpus_of_enough_files() -> None:
    text = article(0)
    assert clean_text(text).text == text  # no corpus
    counts, files = build_corpus([article(i) for i in range(4)])  # fewer than min_files
    assert clean_text(text, corpus=counts, corpus_files=files).text == text


def test_repeated_lines_only_in_head_and_tail() -> None:
    # A line repeated in every file but standing deep in the body stays.
    shared = "这是每篇文章中间都有的一句话。"

    def page(i: int) -> str:
        body = [f"第{i}篇第{k}段。" for k in range(3 * REGION)]
        body.insert(REGION + 5, shared)
        return "\n".join([f"标题{i}", *body])

    texts = [page(i) for i in range(6)]
    counts, files = build_corpus(texts)
    assert clean_text(texts[0], corpus=counts, corpus_files=files).changes == ()


def test_repeated_lines_short_lines_and_options() -> None:
    # "编者按" (3 characters) repeats in every file but is shorter than min_length.
    texts = [f"编者按\n第{i}篇的正文。\n" for i in range(6)]
    counts, files = build_corpus(texts)
    assert clean_text(texts[0], corpus=counts, corpus_files=files).changes == ()
    config = Config(rule_options={"repeated-lines": {"min_length": 2}})
    assert clean_text(texts[0], config, corpus=counts, corpus_files=files).text == "第0篇的正文。\n"
    off = Config(disable=frozenset({"repeated-lines"}))
    assert clean_text(article(0), off, corpus=counts, corpus_files=files).changes == ()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"min_share": "half"}, r"rules\.repeated-lines\.min_share must be float"),
        ({"min_share": 1.5}, r"rules\.repeated-lines\.min_share: must be between 0 and 1"),
        ({"min_files": -1}, r"rules\.repeated-lines\.min_files: must be 0 or more"),
    ],
)
def test_repeated_lines_bad_option(options: dict[str, object], message: str) -> None:
    # Checked when the configuration is made, not in the middle of a run.
    with pytest.raises(ValueError, match=message):
        Config(rule_options={"repeated-lines": options})


# --- the cache --------------------------------------------------------------------------


def test_cache_update_and_counts() -> None:
    cache = CorpusCache()
    assert cache.update("a.txt", article(0))
    assert not cache.update("a.txt", article(0))  # unchanged: not recounted
    assert cache.update("b.txt", article(1))
    counts, files = cache.counts()
    assert files == 2
    assert counts[normalize_line(SLOGAN)] == 2
    assert cache.update("b.txt", "新内容\n")  # changed: recounted
    counts, files = cache.counts()
    assert counts[normalize_line(SLOGAN)] == 1
    cache.prune(["b.txt"])
    assert list(cache.files) == ["b.txt"]


def test_cache_roundtrip_and_format(tmp_path: Path) -> None:
    path = tmp_path / ".cleaner-cache" / "corpus.json"
    cache = load_cache(path)  # missing: empty
    assert cache.files == {}
    cache.update("dir/a.txt", article(0))
    save_cache(cache, path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["format"] == CACHE_FORMAT
    assert raw["version"] == CACHE_VERSION
    assert raw["region"] == REGION
    assert normalize_line(SLOGAN) in raw["files"]["dir/a.txt"]["lines"]
    again = load_cache(path)
    assert again.counts() == cache.counts()
    # no temp file left; the cache folder keeps itself out of git
    assert sorted(p.name for p in path.parent.iterdir()) == [".gitignore", "corpus.json"]
    assert (path.parent / ".gitignore").read_text().splitlines()[-1] == "*"


def test_cache_in_a_folder_that_exists_adds_no_gitignore(tmp_path: Path) -> None:
    # A folder the user chose for the cache may hold project files: git must still see them.
    path = tmp_path / "corpus.json"
    cache = load_cache(path)
    cache.update("a.txt", article(0))
    save_cache(cache, path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.json"]


def test_cache_batches_accumulate(tmp_path: Path) -> None:
    # pre-commit: three invocations with two files each build one corpus of six files.
    path = tmp_path / "corpus.json"
    for batch in range(3):
        cache = load_cache(path)
        for i in (2 * batch, 2 * batch + 1):
            cache.update(f"a{i}.txt", article(i))
        counts, files = cache.counts()
        save_cache(cache, path)
    assert files == 6
    out = clean_text(article(5), corpus=counts, corpus_files=files).text
    assert SLOGAN not in out
    assert NAV not in out


def test_cache_parallel_batches_merge(tmp_path: Path) -> None:
    # Two processes load the same cache, each adds its files, both save: nothing is lost.
    path = tmp_path / "corpus.json"
    first, second = load_cache(path), load_cache(path)
    first.update("a.txt", article(0))
    second.update("b.txt", article(1))
    second.discard("a.txt")  # never had it: no effect on first's entry
    save_cache(first, path)
    save_cache(second, path)
    assert sorted(load_cache(path).files) == ["a.txt", "b.txt"]
    # a discard that was saved wins over the entry on disk
    third = load_cache(path)
    third.discard("a.txt")
    save_cache(third, path)
    assert sorted(load_cache(path).files) == ["b.txt"]


@pytest.mark.parametrize(
    "content",
    [
        "not json",  # corrupt
        json.dumps({"format": CACHE_FORMAT, "version": 999, "region": REGION, "files": {}}),
        json.dumps({"format": CACHE_FORMAT, "version": CACHE_VERSION, "region": 3, "files": {}}),
        json.dumps(["a", "list"]),
    ],
)
def test_cache_incompatible_starts_empty(tmp_path: Path, content: str) -> None:
    path = tmp_path / "corpus.json"
    path.write_text(content, encoding="utf-8")
    assert load_cache(path).files == {}


@pytest.mark.parametrize(
    ("furniture", "body"),
    [
        # Simplified slogan
        ("人民网 — 网上的人民日报", "第{i}篇文章的正文内容,讲述社区里的新鲜事。"),
        # Traditional navigation bar
        ("首頁 | 新聞 | 社區 | 影音", "第{i}篇文章的正文內容,講述社區裡的新鮮事。"),
        # English footer, written in different case and width in some files
        ("Example News — Trusted since 1990", "Story {i} tells what happened in town today."),
    ],
)
def test_repeated_lines_scripts(furniture: str, body: str) -> None:
    texts = [f"{furniture.upper() if i % 2 else furniture}\n{body.format(i=i)}\n" for i in range(6)]
    counts, files = build_corpus(texts)
    for i, text in enumerate(texts):
        assert clean_text(text, corpus=counts, corpus_files=files).text == body.format(i=i) + "\n"
