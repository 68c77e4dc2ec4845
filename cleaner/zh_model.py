"""How plausible is a piece of Chinese text: a character bigram model for choosing repairs.

Repairs of CJK mojibake sometimes have to guess a character whose bytes were lost, and must
decide whether a repaired reading is better than the garbled text it replaces. Both need a
measure of how likely a string of characters is in Chinese prose. This module gives one:

- a character bigram model derived from a word list with frequencies that a package ships
  (see `LEXICON_SOURCES`; nothing is downloaded). A word w with frequency f contributes f to
  the unigram count of each of its characters and to each bigram inside it; a character is
  followed by the next character of its word with probability B(a,b)/U(a) and ends its word
  otherwise, when the next word starts with b (unigram probability);
- the document's own statistics (a "cache" model): the words an article uses once it tends
  to use again, which is what fixes names and set phrases no dictionary has;
- a small table of punctuation frequencies (dictionaries hold no punctuation).

Traditional and Simplified text share one model: every character is looked up by its
Simplified form (OpenCC's t2s character table, when OpenCC is installed). Fullwidth and ASCII
punctuation share keys too, since our texts often had their punctuation normalised to ASCII.

Everything is loaded lazily, on the first call that needs it, and cached for the process.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import math
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

#: Relative frequency of punctuation in running Chinese text (per character), rounded from
#: counts over news prose. Dictionaries have no punctuation, and a repair often has to choose
#: one ("。”" versus "。」").
PUNCTUATION_FREQ: dict[str, float] = {
    "，": 0.050,
    "。": 0.030,
    "、": 0.010,
    "“": 0.006,
    "”": 0.006,
    "：": 0.004,
    "（": 0.002,
    "）": 0.002,
    "《": 0.0015,
    "》": 0.0015,
    "；": 0.001,
    "！": 0.001,
    "？": 0.001,
    "…": 0.001,
    "—": 0.001,
    "「": 0.0005,
    "」": 0.0005,
    "·": 0.0003,
    "‘": 0.0002,
    "’": 0.0002,
    "【": 0.0002,
    "】": 0.0002,
    "『": 0.0001,
    "』": 0.0001,
}

#: Sentence-final marks, and what follows them: a closing quote or bracket often does, another
#: pause or stop mark practically never does ("。。", "。、").
SENTENCE_END = "。！？"
CLOSERS_AFTER_END = "”」』’）》"
PAUSES = "，。、；：！？"
#: P(some closer | a) for a sentence-final mark a; P(b | a) for two pause marks in a row.
P_CLOSE_AFTER_END = 0.05
P_PAUSE_AFTER_PAUSE = 1e-5
#: P(b | a) for a sentence-final mark a and a closer b: the closers share `P_CLOSE_AFTER_END`
#: in proportion to their own frequencies ("。”" is common, "。’" is rare).
P_CLOSER_AFTER_END = {
    c: P_CLOSE_AFTER_END * PUNCTUATION_FREQ[c] / sum(PUNCTUATION_FREQ[d] for d in CLOSERS_AFTER_END)
    for c in CLOSERS_AFTER_END
}

#: A line rarely ends in a pause mark or an opening bracket; a heading may end in a word.
OPENERS = "“「『（《【‘"
P_EOL_AFTER_PAUSE = 1e-4
P_EOL_AFTER_CHAR = 0.02

#: Probability of any one ASCII letter or digit, and of any other character not in the model.
ASCII_P = 1e-3
FLOOR_P = 1e-9
#: Most character pairs whose `CharModel.p_next` is remembered.
MEMO_SIZE = 1_000_000
#: Longest word looked up when segmenting.
MAX_WORD = 6
#: A character the lexicon has no entry for as a word of its own is that much rarer alone.
SINGLE_CHAR_FACTOR = 0.1
#: Share of P(b | a) given to the unigram P(b) whatever the bigram counts say.
SMOOTH = 0.05

#: Units of text for the word model: a run of ASCII letters and digits (with the tone-marked
#: vowels of pinyin) is one unit, anything else one character.
_UNITS_RE = re.compile(r"[0-9A-Za-z\u00e0-\u00fc\u0101-\u01dc]{2,}|.", re.DOTALL)

#: Brackets and quotes that pair up; an unmatched one costs a reading (see `imbalance`).
PAIRS = {"“": "”", "「": "」", "『": "』", "《": "》", "（": "）", "【": "】", "〔": "〕",
         "〈": "〉", "‘": "’", "(": ")", "<": ">", "[": "]"}  # fmt: skip
_CLOSERS = {v: k for k, v in PAIRS.items()}


def imbalance(text: str) -> int:
    """Number of brackets and quotes in `text` that have no partner.

    >>> imbalance("他說：“好。”"), imbalance("他說：“好。"), imbalance("jīng)11")
    (0, 1, 1)
    """
    stack: list[str] = []
    unmatched = 0
    for ch in text:
        if ch in PAIRS:
            stack.append(ch)
        elif ch in _CLOSERS:
            if stack and stack[-1] == _CLOSERS[ch]:
                stack.pop()
            elif _CLOSERS[ch] in stack:
                while stack[-1] != _CLOSERS[ch]:
                    stack.pop()
                    unmatched += 1
                stack.pop()
            else:
                unmatched += 1
    return unmatched + len(stack)


# --------------------------------------------------------------------------------------------
# Keys: one key per character for Traditional/Simplified and fullwidth/ASCII variants
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _t2s_table() -> dict[str, str]:
    """Traditional -> Simplified, character by character, over the GBK repertoire."""
    chars: list[str] = []
    for b1 in range(0x81, 0xFF):
        for b2 in range(0x40, 0xFF):
            with suppress(UnicodeDecodeError):
                chars.append(bytes((b1, b2)).decode("gbk"))
    if not USE_OPENCC:
        return {}
    try:
        import opencc
    except ImportError:  # optional: without it, Traditional text leans on the cache model
        return {}
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # a phrase rule merged lines: fall back to no table
        return {}
    return {t: s for t, s in zip(chars, converted, strict=True) if t != s and len(s) == 1}


@lru_cache(maxsize=1)
def _key_table() -> dict[int, str]:
    """`key` as a `str.translate` table (one character to one character)."""
    table = {ord(t): s for t, s in _t2s_table().items()}
    for o in range(0x21, 0x7F):
        if not chr(o).isalnum():
            table[o] = chr(o + 0xFEE0)
    return table


@lru_cache(maxsize=1)
def written_forms() -> dict[str, int]:
    """For each key that is written in more than one way, how many: its Simplified form and
    the Traditional characters OpenCC maps to it (为: 为, 為, 爲)."""
    n = Counter(_t2s_table().values())
    return {k: c + 1 for k, c in n.items()}


def key(ch: str) -> str:
    """The key a character is counted under: its Simplified form, fullwidth punctuation."""
    return ch.translate(_key_table())


def keys(text: str) -> str:
    """`key` of each character of `text`, in one pass."""
    return text.translate(_key_table())


# --------------------------------------------------------------------------------------------
# Lexicon sources
# --------------------------------------------------------------------------------------------


def _jieba_dict() -> Path | None:
    """jieba's dictionary file, found without importing jieba (its import is slow and noisy)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    return path if path.is_file() else None


def jieba_words() -> Iterator[tuple[str, int]]:
    """(word, frequency) from jieba's dictionary (349K words, frequencies from a corpus)."""
    path = _jieba_dict()
    if path is None:
        msg = "jieba is not installed"
        raise ModuleNotFoundError(msg)
    with path.open(encoding="utf-8") as f:
        for line in f:
            parts = line.split(" ", 2)
            if len(parts) >= 2:
                yield parts[0], int(parts[1])


def pypinyin_words() -> Iterator[tuple[str, int]]:
    """(word, 1) from pypinyin's phrase dictionary (47K phrases, no frequencies)."""
    from pypinyin.phrases_dict import phrases_dict

    for word in phrases_dict:
        yield word, 1


LEXICON_SOURCES: dict[str, Callable[[], Iterator[tuple[str, int]]]] = {
    "jieba": jieba_words,
    "pypinyin": pypinyin_words,
}


#: The counts a `CharModel` is made of, by key: character unigrams, within-word bigrams, how
#: often each character is followed within its word, and the lexicon (words, frequencies).
Counts = tuple[dict[str, int], dict[str, int], dict[str, int], dict[str, int]]


def count_words(words: Iterable[tuple[str, int]]) -> Counts:
    """The counts of a `CharModel` from (word, frequency) pairs, by key."""
    uni: Counter[str] = Counter()
    bi: Counter[str] = Counter()
    lexicon: dict[str, int] = {}
    table = _key_table()
    for word, freq in words:
        joined = word.translate(table)
        lexicon[joined] = lexicon.get(joined, 0) + freq
        for c in joined:
            uni[c] += freq
        for i in range(len(joined) - 1):
            bi[joined[i : i + 2]] += freq
    left: Counter[str] = Counter()
    for ab, n in bi.items():
        left[ab[0]] += n
    return dict(uni), dict(bi), dict(left), lexicon


class CharModel:
    """Character unigram and within-word bigram counts from (word, frequency) pairs."""

    def __init__(self, counts: Counts) -> None:
        uni, bi, left, lexicon = counts
        total = max(1, sum(uni.values()))
        punct = sum(PUNCTUATION_FREQ.values())
        self.uni = {c: (1 - punct) * n / total for c, n in uni.items()}
        for c, p in PUNCTUATION_FREQ.items():
            self.uni[c] = p
        self.uni_count = uni
        self.bi = bi
        self.left = left
        self.words = lexicon
        self.word_total = max(1, sum(lexicon.values()))
        self.max_word = min(MAX_WORD, max(map(len, lexicon), default=1))
        self._next: dict[str, float] = {}
        self._log_next: dict[float, dict[str, float]] = {}

    def p_word(self, w: str) -> float:
        """Probability of the word (keys) as one token; 0 for a string that is no word."""
        f = self.words.get(w)
        if f:
            return f / self.word_total
        if len(w) == 1:
            alone = w in PUNCTUATION_FREQ or w.isascii()
            return self.p_uni(w) * (1.0 if alone else SINGLE_CHAR_FACTOR)
        return 0.0

    def alone(self, c: str) -> float:
        """The share of a character's occurrences in which it is a word by itself."""
        if c in PUNCTUATION_FREQ or c.isascii():
            return 1.0
        n = self.uni_count.get(c, 0)
        f = self.words.get(c, 0)
        return min(1.0, f / n) if f and n else SINGLE_CHAR_FACTOR

    def p_uni(self, c: str) -> float:
        p = self.uni.get(c)
        if p is not None:
            return p
        return ASCII_P if c.isascii() and c.isalnum() else FLOOR_P

    def p_next_cached(self, ab: str) -> float:
        """`p_next` of the two keys in `ab`, remembered for the process (up to `MEMO_SIZE`
        pairs; documents share most of the pairs a repair looks at)."""
        hit = self._next.get(ab)
        if hit is None:
            if len(self._next) >= MEMO_SIZE:
                self._next.clear()
            hit = self._next[ab] = self.p_next(ab[0], ab[1])
        return hit

    def log_next(self, ab: str, weight: float) -> float:
        """log(weight * P(b | a)) for the two keys in `ab`, remembered like `p_next_cached`."""
        memo = self._log_next.get(weight)
        if memo is None:
            memo = self._log_next[weight] = {}
        hit = memo.get(ab)
        if hit is None:
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            hit = memo[ab] = math.log(weight * self.p_next_cached(ab))
        return hit

    def p_next(self, a: str, b: str) -> float:
        """P(b | a): b continues a's word, or a's word ends and b starts the next."""
        if b in PAUSES and a in PAUSES:
            return P_PAUSE_AFTER_PAUSE
        if a in SENTENCE_END and b in CLOSERS_AFTER_END:
            return P_CLOSER_AFTER_END[b]
        n = self.uni_count.get(a, 0)
        if not n:
            return self.p_uni(b)
        inside = self.bi.get(a + b, 0) / n
        p_b = self.p_uni(b)
        return (1 - SMOOTH) * (inside + (1 - self.left.get(a, 0) / n) * p_b) + SMOOTH * p_b


#: The lexicon the model is built from (see `bench/gbk_shift_model.py` for the measurements).
DEFAULT_SOURCE = "jieba"
#: Weight of the document's own statistics against the lexicon's.
DOC_WEIGHT = 0.3
#: Weight of the words of the sentence around a repair, when they occur there.
LOCAL_WEIGHT = 0.3
#: Look characters up by their Simplified form (needs OpenCC).
USE_OPENCC = True
#: The least share `Scorer.script_logp` gives either script: no article writes only one
#: (a Simplified one has 於 for a name, a Traditional one 干 and 并), and a repair that
#: writes the other script must only lose its lead, not every chance.
SCRIPT_SHARE_MIN = 0.1


def char_model(source: str | None = None) -> CharModel:
    """The model built from one lexicon source, loaded once per process.

    Without jieba installed, pypinyin's phrases are used: the repairs then find fewer
    hidden characters (see `bench/gbk_shift_model.py`), but stay as careful.
    """
    source = source or DEFAULT_SOURCE
    if source == "jieba" and _jieba_dict() is None:
        source = "pypinyin"
    return _char_model(source)


@lru_cache(maxsize=4)
def _char_model(source: str) -> CharModel:
    return CharModel(cached_counts(source, _fingerprint(source), LEXICON_SOURCES[source]))


#: Bump when what `count_words` computes changes: counts cached by older code are ignored.
COUNTS_FORMAT = 2


def cache_dir() -> Path | None:
    """Where the lexicon counts are cached: `$CLEANER_CACHE_DIR` (empty: no cache), else the
    user's cache directory."""
    env = os.environ.get("CLEANER_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "cleaner" / "Cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "cleaner"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "cleaner"


def _fingerprint(source: str) -> str | None:
    """What the counts of a lexicon source depend on (None: do not cache them)."""
    if source == "jieba":
        path = _jieba_dict()
        if path is None:
            return None
        st = path.stat()
        lexicon = f"{path}:{st.st_size}:{st.st_mtime_ns}"
    elif source == "pypinyin":
        from pypinyin import __version__ as lexicon
    else:
        return None
    t2s = "none"
    if USE_OPENCC and importlib.util.find_spec("opencc") is not None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            t2s = version("opencc")
        except PackageNotFoundError:
            t2s = "unknown"
    return f"{COUNTS_FORMAT}|{sys.version}|{source}|{lexicon}|opencc {t2s}"


def cached_counts(
    source: str,
    fingerprint: str | None,
    words: Callable[[], Iterable[tuple[str, int]]],
    directory: Path | None = None,
) -> Counts:
    """`count_words(words())`, kept in the cache directory between processes.

    Counting jieba's 349K words takes seconds; reading the counts back takes a tenth of
    that. The file is named by a hash of `fingerprint` (the lexicon file, the Python and
    OpenCC versions, `COUNTS_FORMAT`), so a changed lexicon is counted anew. It is written
    with `marshal` (plain dicts of str and int); a file that cannot be read or written is
    ignored and the words are counted.
    """
    directory = directory if directory is not None else cache_dir()
    path = None
    if fingerprint is not None and directory is not None:
        digest = hashlib.sha256(fingerprint.encode()).hexdigest()[:20]
        path = directory / f"lexicon-{source}-{digest}.marshal"
        with suppress(OSError, EOFError, ValueError, TypeError):
            data = marshal.loads(path.read_bytes())
            if _is_counts(data):
                return data  # type: ignore[no-any-return]
    counts = count_words(words())
    if path is not None:
        with suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps(counts))
            tmp.replace(path)
            for stale in path.parent.glob(f"lexicon-{source}-*.marshal"):  # other versions
                if stale != path:
                    stale.unlink()
    return counts


def _is_counts(data: object) -> bool:
    """The shape of `Counts` (the file was written by `cached_counts`, under a name that
    holds the format version)."""
    return isinstance(data, tuple) and len(data) == 4 and all(isinstance(d, dict) for d in data)


class DocStats:
    """Unigram and bigram counts of one document (the cache model), by key, and how often
    it writes each character in each of its forms."""

    def __init__(self, text: str) -> None:
        keys = [key(c) for c in text if not c.isspace()]
        self.uni = Counter(keys)
        self.written = Counter(text)
        self.bi = Counter(a + b for a, b in pairwise(keys))
        self.total = max(1, len(keys))
        self.text = "".join(keys)
        self._counts: dict[str, int] = {}
        # Of the characters it has that are written in several forms, how many it writes in
        # their Simplified form (the key) and how many in another (its script).
        forms = written_forms()
        several = [(c, n) for c, n in self.written.items() if key(c) in forms]
        simplified = sum(n for c, n in several if c == key(c))
        share = (simplified + 1) / (sum(n for _, n in several) + 2)
        self.simplified_share = min(max(share, SCRIPT_SHARE_MIN), 1 - SCRIPT_SHARE_MIN)

    def repeats(self, w: str) -> int:
        """How often the document repeats `w` (keys, Han characters) as a unit of its own: at
        least twice, and not always inside the same longer string (a name such as 亢文忠,
        not its "文忠"); 0 otherwise."""
        if not all("\u4e00" <= c <= "\u9fff" for c in w):
            return 0
        text = self.text
        lefts: set[str] = set()
        rights: set[str] = set()
        n = 0
        i = text.find(w)
        while i >= 0:
            n += 1
            lefts.add(text[i - 1 : i])
            rights.add(text[i + len(w) : i + len(w) + 1])
            i = text.find(w, i + 1)
        return n if n >= 2 and len(lefts) > 1 and len(rights) > 1 else 0

    def count(self, w: str) -> int:
        """How often the word (keys) occurs in the document."""
        n = self._counts.get(w)
        if n is None:
            n = self._counts[w] = self.text.count(w)
        return n


#: The state of the word model while a text is scored character by character: the
#: punctuation bonus so far, the last keys, and the best segmentation score at each of the
#: positions before them. Its score is `bonus + bests[-1]`.
WordState = tuple[float, str, tuple[float, ...]]


class Scorer:
    """Log-probabilities of text under the lexicon model mixed with a document's cache model."""

    def __init__(
        self, model: CharModel, doc: DocStats | None = None, doc_weight: float | None = None
    ) -> None:
        self.model = model
        self.doc = doc if doc_weight != 0 else None
        self.doc_weight = DOC_WEIGHT if doc_weight is None else doc_weight
        if self.doc is None or not self.doc_weight:
            self.doc, self.doc_weight = None, 0.0
        self._cache: dict[str, float] = {}
        self._wcache: dict[str, float] = {}
        self.local: DocStats | None = None

    def near(self, text: str) -> Scorer:
        """This scorer with `text` (the sentence around a repair) as a further cache: words
        repeat within a sentence ("疫情不退，我們不退")."""
        other = Scorer(self.model, self.doc, self.doc_weight)
        other._cache = self._cache  # the bigram model does not read the local cache
        other.local = DocStats(text)
        return other

    def logp(self, a: str, b: str) -> float:
        """log P(b | a) for two characters (keys are taken here)."""
        k = a + b
        hit = self._cache.get(k)
        if hit is not None:
            return hit
        kk = k.translate(_key_table())
        ka, kb = kk[0], kk[1]
        doc = self.doc
        if doc is None or (ka not in doc.uni and kb not in doc.uni):
            # The document has neither character: its cache adds nothing (and the lexicon's
            # part is the same for every document).
            result = self.model.log_next(kk, 1 - self.doc_weight if doc is not None else 1.0)
            self._cache[k] = result
            return result
        p = self.model.p_next_cached(kk)
        if doc is not None:
            w = self.doc_weight
            n = doc.uni.get(ka, 0)
            p_doc_uni = doc.uni.get(kb, 0) / doc.total
            p_doc = doc.bi.get(kk, 0) / n if n else p_doc_uni
            p = (1 - w) * p + w * (0.7 * p_doc + 0.3 * p_doc_uni)
        result = math.log(p)
        self._cache[k] = result
        return result

    def logps(self, a: str, bs: Sequence[str]) -> list[float]:
        """`logp(a, b)` for each b of `bs`."""
        cache = self._cache
        logp = self.logp
        out = []
        for b in bs:
            hit = cache.get(a + b)
            out.append(logp(a, b) if hit is None else hit)
        return out

    def p_uni(self, c: str) -> float:
        """Unigram probability of a character (lexicon mixed with the document)."""
        kc = key(c)
        p = self.model.p_uni(kc)
        if self.doc is not None:
            w = self.doc_weight
            p = (1 - w) * p + w * self.doc.uni.get(kc, 0) / self.doc.total
        return p

    def word_logp(self, w: str) -> float:
        """log P of the word (keys) as one token, with the document's own words mixed in."""
        hit = self._wcache.get(w)
        if hit is not None:
            return hit
        p = self.model.p_word(w)
        # The caches raise the probability of words the lexicon knows (counting any string
        # would favour fragments of the phrases a document repeats: "做核" from "做核酸"),
        # and give one to a string the document repeats as a unit of its own (a name).
        word = len(w) > 1 and p > 0
        if self.doc is not None and p:
            # A character's occurrences in the document count as the word it makes alone only
            # as often as it stands alone in the lexicon ("凝" in "凝聚" is no "凝").
            n = self.doc.count(w) * (self.model.alone(w) if len(w) == 1 else 1.0)
            p = (1 - self.doc_weight) * p + self.doc_weight * n / self.doc.total
        if not p and self.doc is not None and 2 <= len(w) <= 4:
            n = self.doc.repeats(w)
            if n:
                p = self.doc_weight * n / self.doc.total
        if self.local is not None and word:
            n = self.local.count(w)
            if n:
                p = (1 - LOCAL_WEIGHT) * p + LOCAL_WEIGHT * n / self.local.total
        result = math.log(p) if p > 0 else -math.inf
        self._wcache[w] = result
        return result

    def begin(self, context: str) -> WordState:
        """The word-model state after `context` (for scoring text character by character)."""
        state: WordState = (0.0, "", (0.0,))
        for ch in context:
            state = self.extend(state, ch)
        return state

    def extend(self, state: WordState, ch: str) -> WordState:
        """The state after one more character: the best segmentation score is updated from
        the last `MAX_WORD` positions, the punctuation rules from the last character."""
        bonus, keys, bests = state
        kc = key(ch)
        if keys:
            a = keys[-1]
            if a in PAUSES and kc in PAUSES:
                bonus += math.log(P_PAUSE_AFTER_PAUSE / self.model.p_uni(kc))
            elif a in SENTENCE_END and kc in CLOSERS_AFTER_END:
                bonus += math.log(P_CLOSER_AFTER_END[kc] / self.model.p_uni(kc))
        keys += kc
        n = len(keys)
        best = -math.inf
        for j in range(n):
            if bests[j] == -math.inf:
                continue
            lp = self.word_logp(keys[j:])
            if bests[j] + lp > best:
                best = bests[j] + lp
        top = self.model.max_word
        return bonus, keys[-top:], (*bests, best)[-top - 1 :]

    def text_score(self, text: str) -> float:
        """log P of `text` under the word model: its best segmentation into lexicon words,
        plus the rules of punctuation (no pause mark after a pause mark; a closing quote after
        a full stop is usual). A run of ASCII letters or digits (a Latin word, a number, a
        pinyin annotation, a tag name) is one token of probability `ASCII_P`."""
        units = [m.group() for m in _UNITS_RE.finditer(text)]
        keys = [u if len(u) > 1 or (u.isascii() and u.isalnum()) else key(u) for u in units]
        n = len(keys)
        best = [0.0] + [-math.inf] * n
        top = self.model.max_word
        for i in range(1, n + 1):
            if len(keys[i - 1]) > 1 or keys[i - 1].isascii():  # Latin word, ASCII symbol
                k = keys[i - 1]
                best[i] = best[i - 1] + math.log(PUNCTUATION_FREQ.get(k, ASCII_P))
                continue
            here = -math.inf
            for j in range(i - 1, max(0, i - top) - 1, -1):
                if j < i - 1 and (len(keys[j]) > 1 or keys[j].isascii()):
                    break
                if best[j] == -math.inf:
                    continue
                lp = self.word_logp("".join(keys[j:i]))
                if best[j] + lp > here:
                    here = best[j] + lp
            best[i] = here
        total = best[n]
        if keys and keys[-1] == "\n":  # the line ends here: what can end a line
            total -= math.log(PUNCTUATION_FREQ.get("\n", ASCII_P))
            last = keys[-2] if n > 1 else ""
            if (last in PAUSES and last not in SENTENCE_END) or last in OPENERS:
                total += math.log(P_EOL_AFTER_PAUSE)
            elif last not in SENTENCE_END and last not in CLOSERS_AFTER_END:
                total += math.log(P_EOL_AFTER_CHAR)
        for a, b in pairwise(keys):
            if a in PAUSES and b in PAUSES:
                total += math.log(P_PAUSE_AFTER_PAUSE / self.model.p_uni(b))
            elif a in SENTENCE_END and b in CLOSERS_AFTER_END:
                total += math.log(P_CLOSER_AFTER_END[b] / self.model.p_uni(b))
        return total + self.form_logp(text)

    def script_logp(self, text: str) -> float:
        """log P of the script of the characters of `text` the document does not have, in
        any form, and that are written in several forms: Simplified (the key) with the
        share of such characters the document writes in their Simplified form, any other
        form with the rest. A repair that writes "绩" in an article that writes 戰 and 為
        but has no 績 is unlikely; `form_logp` says nothing of it, the document having
        no form of 绩 at all.

        It judges the characters a repair writes, not the garbled text: mojibake is made
        of characters of either script.
        """
        doc = self.doc
        if doc is None:
            return 0.0
        forms = written_forms()
        share = doc.simplified_share
        total = 0.0
        for ch, kc in zip(text, keys(text), strict=True):
            if kc in forms and kc not in doc.uni:
                total += math.log(share if ch == kc else 1 - share)
        return total

    def form_logp(self, text: str) -> float:
        """log P of the forms `text` writes its characters in, given their keys, from the
        document: an article written in Traditional writes 為, and "为" in it is unlikely.

        The model counts every form under its key, so it cannot tell them apart; the
        document can. A character written in k forms, n times in the document, m of them
        in this form, has P = (m + 1) / (n + k) (the rule of succession); characters the
        document does not have, or that have one form, add nothing.
        """
        doc = self.doc
        if doc is None:
            return 0.0
        forms = written_forms()
        total = 0.0
        for ch, kc in zip(text, keys(text), strict=True):
            k = forms.get(kc)
            if k is None:
                continue
            n = doc.uni.get(kc, 0)
            if n:
                total += math.log((doc.written.get(ch, 0) + 1) / (n + k))
        return total
