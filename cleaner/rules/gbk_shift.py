"""GBK text decoded one byte out of step: "?!罢埜魑痪用裣聵亲龊怂?" -> "。“請各位居民下樓做核酸".

The damage (see fixtures/acceptance/NOTES.md for the full byte-level account): a text existed
as GBK bytes. Somewhere a byte was lost (it shows as "?") and the decoder went on one byte out
of step, pairing the trail byte of each character with the lead byte of the next. That goes on
until a trail byte happens to be ASCII (GBK trail bytes 0x40-0x7E are "@A..Z^_`a..z{|}~"),
until a lead byte meets an ASCII byte that cannot be a trail byte ("?" again, and that ASCII
byte, typically the "(" of a ruby annotation or the "<" of a tag, is swallowed), or until a
bare break. Pairs that fall into GBK's user-defined area produced nothing at all, and the
fullwidth forms produced inside the run were later normalised to ASCII ("！" -> "!").

`shift_damage` is that damage as a function (the forward model). The repair runs it backwards:
it re-encodes the run as GBK, re-pairs the bytes in step, fills the bytes the damage hid from
context (a plausibility model, `cleaner.zh_model`), and accepts a repair only when running the
damage forward on it reproduces the garbled text exactly and it is clearly more plausible than
the garbled text.
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

from cleaner.han import HAN_RE
from cleaner.model import Edit, Flag
from cleaner.rules.base import Context, Rule
from cleaner.zh_model import MAX_WORD, Scorer, imbalance, key, keys

# --------------------------------------------------------------------------------------------
# The byte model
# --------------------------------------------------------------------------------------------

QMARK = 0x3F

#: Fullwidth forms U+FF01-FF5E were normalised to ASCII after the damage ("！" -> "!").
_FULLWIDTH_TO_ASCII = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}


def vanishes(b1: int, b2: int) -> bool:
    """Whether a lead byte and a trail byte form a pair GBK has no character for.

    Such pairs (the user-defined areas AAA1-AFFE, F8A1-FEFE, A140-A7A0, and the holes in the
    symbol rows) produced nothing: the decoder that damaged our texts gave them private-use
    code points, as Windows' cp936 does, and those were later dropped.

        >>> vanishes(0xFA, 0xAE), vanishes(0xC4, 0xFA), vanishes(0xA6, 0xC0)
        (True, False, True)
    """
    return 0x81 <= b1 <= 0xFE and is_trail(b2) and gbk_pair(b1, b2) is None


def is_trail(b: int) -> bool:
    """Whether `b` can be the second byte of a GBK pair (0x40-0x7E, 0x80-0xFE)."""
    return 0x40 <= b <= 0xFE and b != 0x7F


@lru_cache(maxsize=65536)
def gbk_pair(b1: int, b2: int) -> str | None:
    """The character GBK assigns to the pair, or None (unassigned or user-defined)."""
    try:
        return bytes((b1, b2)).decode("gbk")
    except UnicodeDecodeError:
        return None


@lru_cache(maxsize=65536)
def gbk_bytes(ch: str) -> bytes | None:
    """The GBK encoding of one character, or None when GBK cannot encode it."""
    try:
        return ch.encode("gbk")
    except UnicodeEncodeError:
        return None


def decode_damaged(data: bytes) -> str:
    """Decode GBK bytes the way the damaged stream was decoded.

    - a lead byte followed by a byte that cannot be a trail gives "?" and swallows that byte;
    - a lead byte at the very end gives "?";
    - a pair GBK has no character for gives nothing (see `vanishes`);
    - fullwidth forms come out as ASCII (the normalisation that followed).

        >>> decode_damaged(b"\\xa3\\xa1\\xb1\\xa1\\xb1<b")
        '!薄?b'
    """
    out: list[str] = []
    i = 0
    n = len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
            continue
        if b in (0x80, 0xFF) or i + 1 >= n:
            out.append("?")
            i += 1
            continue
        b2 = data[i + 1]
        i += 2
        if not is_trail(b2):
            out.append("?")
        else:
            ch = gbk_pair(b, b2)
            if ch is not None:  # else: a pair without a character, which vanished
                out.append(ch.translate(_FULLWIDTH_TO_ASCII))
    return "".join(out)


def _damage(
    text: str, start: int, ruby: str | None, break_at: int | None
) -> tuple[str, int] | None:
    """The forward model on `text[start:]`: (damaged text from `start`, index where in step).

    Returns None when a character from `start` on cannot be encoded as GBK or is not a
    double-byte character where the model needs one.
    """
    stream = bytearray()
    bounds: list[int] = []  # stream offset where each clean character from `start` begins
    for j in range(start, len(text)):
        enc = gbk_bytes(text[j])
        if enc is None:
            return None
        bounds.append(len(stream))
        if j == start:
            if len(enc) != 2:
                return None
            if ruby is None:
                enc = bytes((QMARK, enc[1]))
            else:
                enc = enc[:1] + b"(" + ruby.encode("gbk") + b")" + enc[1:]
        elif j == break_at:
            if len(enc) != 2:
                return None
            enc = enc[:1] + bytes((QMARK,))
        stream += enc
    boundary = {off: start + k for k, off in enumerate(bounds)}
    # Walk the stream as the damaged decoder does and stop where it is back in step.
    out: list[str] = []
    i = 0
    n = len(stream)
    while i < n:
        if i in boundary and boundary[i] > start:
            return "".join(out), boundary[i]
        b = stream[i]
        if b < 0x80 or b in (0x80, 0xFF) or i + 1 >= n:
            out.append(decode_damaged(bytes((b,))))
            i += 1
        else:
            out.append(decode_damaged(bytes(stream[i : i + 2])))
            i += 2
    return "".join(out), len(text)


def shift_damage(
    text: str, start: int, *, ruby: str | None = None, break_at: int | None = None
) -> str:
    """Damage `text` the way our GBK texts were damaged, with the decoder losing step at `start`.

    The lead byte of `text[start]` is lost (it shows as "?"), or, with `ruby`, the annotation
    "(ruby)" was inserted after that lead byte (a ruby annotator that ran on the mis-aligned
    view). With `break_at`, the trail byte of `text[break_at]` shows as "?" and the decoder is
    back in step after it. Otherwise the run ends by itself (an ASCII trail byte, or a lead
    byte meeting ASCII). Text before `start` and after the run is returned as it is.

        >>> shift_damage("工作。“請各位居民下樓做核酸”“做完", 2, break_at=13)
        '工作?!罢埜魑痪用裣聵亲龊怂?”“做完'
        >>> shift_damage("開展。”復興社區", 2)
        '開展?!睆团d社區'

    Raises ValueError when the text from `start` on cannot be encoded as GBK.
    """
    damaged = _damage(text, start, ruby, break_at)
    if damaged is None:
        msg = f"cannot damage {text[start:]!r}: not GBK double-byte text at the start"
        raise ValueError(msg)
    run, resync = damaged
    return text[:start] + run + text[resync:]


# --------------------------------------------------------------------------------------------
# Running the damage backwards: what a garbled run says about the clean bytes
# --------------------------------------------------------------------------------------------

#: A byte the damage hid: the values it may have had.
Hidden = tuple[int, ...]
Spec = int | Hidden

ANY_LEAD: Hidden = tuple(range(0x81, 0xFF))
#: The last trail byte of a run that ended in "?" was read as a lead byte, so it is >= 0x81.
HIDDEN_TRAIL: Hidden = tuple(range(0x81, 0xFF))


@lru_cache(maxsize=1)
def vanish_ys() -> dict[int, Hidden]:
    """For each byte x that can start a vanished pair (x, y) in a run, the bytes y.

    x is the trail byte of one clean character, read as a lead byte; y is the lead byte of
    the next clean character (so y >= 0x81); GBK has no character for (x, y).
    """
    out: dict[int, Hidden] = {}
    for x in range(0x81, 0xFF):
        ys = tuple(y for y in range(0x81, 0xFF) if vanishes(x, y))
        if ys:
            out[x] = ys
    return out


@lru_cache(maxsize=1)
def vanish_xs() -> Hidden:
    """The bytes that can start a vanished pair (see `vanish_ys`)."""
    return tuple(vanish_ys())


PINYIN_CHARS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ"
#: What follows a "?" that swallowed the "(" of a ruby annotation: "jīng)".
RUBY_TAIL_RE = re.compile(rf"([{PINYIN_CHARS}]{{1,7}}) ?\)")
#: What follows a "?" that swallowed the "<" of a tag: "/p>", "/strong>", "br/>".
TAG_TAIL_RE = re.compile(r"/?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]*)?/?>")
#: A ruby annotation, skipped when looking for the character next to a run.
RUBY_RE = re.compile(rf"\([{PINYIN_CHARS}]{{1,7}} ?\)")

#: What follows a bare "?" break: punctuation (fullwidth, or ASCII after normalisation).
BREAK_BEFORE = frozenset("，。、；：！？”’」』）…—,;:!?)")

#: Marks that end a sentence (the sentence cache reads the sentences around a run).
SENTENCE_ENDS = "。！？!?"

#: How much of the document around the runs the cache model reads.
DOC_WINDOW = 20_000

#: Longest run (in characters of the garbled text) that is followed.
MAX_RUN = 60


@dataclass(frozen=True, slots=True)
class Ending:
    """One way a run can end, and what that says about its last clean character.

    `trail` is the last character's trail byte (ASCII, or hidden in a final "?"); `suffix`
    is the ASCII character the repair adds after it (a swallowed "(" or "<", or the ASCII
    byte a mis-aligned pair consumed); `break_end` marks a bare "?" break.
    """

    end: int
    trail: Spec
    suffix: str = ""
    break_end: bool = False
    #: The reading the last character must have: its ruby annotation follows the run.
    last_reading: str | None = None


@dataclass(frozen=True, slots=True)
class Run:
    """A candidate run: the "?" at `start` and the byte pairs of the characters after it.

    `pairs[k]` is (trail of clean character k, lead of clean character k+1). `endings` lists
    (number of pairs before it, ending). With `ruby`, the "?" is a lead byte that met the "("
    of an annotation that a ruby annotator inserted inside the first character; the pinyin
    is that of the mis-aligned character (`first_reading`: its first byte and reading).
    """

    start: int
    pairs: tuple[tuple[int, int], ...]
    endings: tuple[tuple[int, Ending], ...]
    ruby: str | None = None
    first_reading: tuple[int, str] | None = None


def parse_run(text: str, p: int) -> Run | None:
    """Read the run that may start with the "?" at `text[p]`: its byte pairs and endings."""
    if text[p : p + 1] != "?":
        return None
    q = p + 1
    ruby: str | None = None
    first: tuple[int, str] | None = None
    m = RUBY_TAIL_RE.match(text, q)
    if m:
        before = gbk_bytes(text[p - 1]) if p else None
        if before is None or len(before) != 2:
            return None
        ruby = m.group(1)
        first = (before[1], ruby)
        q = m.end()
    pairs: list[tuple[int, int]] = []
    endings: list[tuple[int, Ending]] = []
    for idx in range(q, min(len(text), q + MAX_RUN)):
        ch = text[idx]
        o = ord(ch)
        pair: tuple[int, int] | None = None
        if ch == "?":
            endings.extend((len(pairs), e) for e in _question_endings(text, idx))
            pair = (0xA3, 0xBF)  # or a normalised "？" inside the run
        elif 0x21 <= o <= 0x7E:
            if 0x40 <= o <= 0x7E:  # an ASCII trail byte: back in step after it
                endings.append((len(pairs), Ending(idx + 1, o)))
            if gbk_pair(0xA3, o + 0x80) == chr(o + 0xFEE0):
                pair = (0xA3, o + 0x80)  # a fullwidth form, normalised later
        elif o >= 0x80 and not 0xFF01 <= o <= 0xFF5E:
            enc = gbk_bytes(ch)
            if enc is None or len(enc) != 2:
                break
            if enc[1] < 0x80:  # the pair took an ASCII byte of the clean text: in step
                endings.append((len(pairs), Ending(idx + 1, enc[0], suffix=chr(enc[1]))))
                break
            pair = (enc[0], enc[1])
        if pair is None:
            break
        pairs.append(pair)
    if ruby is None:  # a lone "?" and one byte are too little to tell from a real "?"
        endings = [(n, e) for n, e in endings if n >= 1]
    if not endings:
        return None
    return Run(p, tuple(pairs), tuple(endings), ruby, first)


def _question_endings(text: str, idx: int) -> Iterator[Ending]:
    """Endings at a "?": a lead byte that swallowed "(" or "<", or a bare break."""
    after = idx + 1
    m = RUBY_TAIL_RE.match(text, after)
    if m:
        yield Ending(after, HIDDEN_TRAIL, suffix="(", last_reading=m.group(1))
        return
    if TAG_TAIL_RE.match(text, after):
        yield Ending(after, HIDDEN_TRAIL, suffix="<")
        return
    # A bare break: what follows is back in step. Breaks came before punctuation marks (the
    # stream was cut there); before anything else, a "?" could as well have swallowed an
    # ASCII character we cannot know ("截至?月" from "截至3月").
    nxt = text[after : after + 1]
    if nxt in ("", "\r", "\n") or nxt in BREAK_BEFORE:
        yield Ending(after, HIDDEN_TRAIL, break_end=True)


@lru_cache(maxsize=4096)
def slot_chars(lead: Spec, trail: Spec) -> tuple[str, ...]:
    """The characters a clean character with these (possibly hidden) bytes can be."""
    leads = (lead,) if isinstance(lead, int) else lead
    trails = (trail,) if isinstance(trail, int) else trail
    out: list[str] = []
    for b1 in leads:
        for b2 in trails:
            ch = gbk_pair(b1, b2)
            if ch is not None:
                out.append(ch)
    return tuple(out)


# --------------------------------------------------------------------------------------------
# Choosing a reading: a beam search over the clean characters, scored by `cleaner.zh_model`
# --------------------------------------------------------------------------------------------

#: Cost (natural log) of explaining the text with one more vanished pair.
VANISH_COST = 3.0
#: Cost of one more unmatched bracket or quote in the line.
IMBALANCE_COST = 4.0
#: The repaired line must be this much more likely than the garbled one (natural log) ...
ACCEPT_GAIN = 8.0
#: ... and than the next best different repair, or the run is only reported; a repair that
#: assumes another number of vanished pairs must be left further behind.
MIN_MARGIN = 3.0
VANISH_MARGIN = 6.0
#: Cost of a run that starts inside a word rather than at a punctuation mark (lead byte A1
#: or A3), where the decoder lost step in every run we have seen.
START_COST = 8.0
PUNCTUATION_LEADS = (0xA1, 0xA3)
#: Most vanished pairs in a row (each hides one more character).
MAX_CHAIN = 1
#: Largest set of next characters the search looks ahead into.
LOOKAHEAD = 40
#: Readings of the same bytes differ in length (a vanished pair is one more character), and a
#: language model favours the shorter; readings are ranked with this bonus per character.
CHAR_BONUS = 0.0
#: Search sizes: paths kept per last characters and number of vanished pairs, states kept,
#: characters tried per slot, candidates rescored with the word model. Every reading the
#: search ends with is rescored: the rival check can only see readings that are (the
#: bigram model that orders them is not the word model that judges them). The search is
#: wide for the same reason: a true reading it drops cannot hold back a wrong one (with 2
#: paths per tail and 64 in all it dropped, in most of the wrong repairs the bench found,
#: a reading with a vanished pair more: "，他们上门" was made "，是上门").
RESCORE = 1000
TOP_K = 6
BEAM = 256
WIDTH = 200

#: A partial repair: (bigram log-probability less prior costs, characters after the one
#: before the run, vanished pairs).
Path = tuple[float, str, int]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A repair of `text[start:end]` by `clean`, with its gain over the garbled text."""

    start: int
    end: int
    clean: str
    gain: float
    vanishes: int
    ending: Ending
    ruby: str | None
    #: What readings are ranked by: the gain plus `CHAR_BONUS` per character.
    score: float = 0.0
    #: Brackets and quotes the repair leaves unmatched in its line (less than the garbled
    #: line has; each costs `IMBALANCE_COST` of the gain).
    unmatched: int = 0

    def forward(self) -> str:
        """The damage run forward on the repair: must give back the garbled text."""
        break_at = len(self.clean) - 1 if self.ending.break_end else None
        return shift_damage(self.clean, 0, ruby=self.ruby, break_at=break_at)


@lru_cache(maxsize=4096)
def _by_frequency(lead: Spec, trail: Spec, reading: str | None) -> tuple[str, ...]:
    """The characters of a slot (with this reading), most frequent in the lexicon first."""
    from cleaner.zh_model import char_model

    chars = slot_chars(lead, trail)
    if reading is not None:
        chars = tuple(c for c in chars if _reads(c, reading))
    p_uni = char_model().p_uni
    return tuple(sorted(chars, key=lambda c: p_uni(key(c)), reverse=True))


def _reads(ch: str, py: str) -> bool:
    """Whether `py` is a reading of `ch` (or of its Simplified form) in pypinyin's table."""
    readers = _readers()
    return py in readers.get(ch, ()) or py in readers.get(key(ch), ())


@lru_cache(maxsize=1)
def _readers() -> dict[str, frozenset[str]]:
    """pypinyin's readings of each character, as sets (looked up for many characters)."""
    from pypinyin.pinyin_dict import pinyin_dict

    return {chr(cp): frozenset(r.split(",")) for cp, r in pinyin_dict.items()}


def context_before(text: str, p: int) -> str:
    """The character before position p in its line, skipping a ruby annotation "(pinyin)"."""
    head = text[text.rfind("\n", 0, p) + 1 : p]
    m = re.search(rf"\([{PINYIN_CHARS}]{{1,7}} ?\)$", head)
    if m:
        head = head[: m.start()]
    return head[-1:]


def context_after(text: str, q: int) -> str:
    """The character after position q, skipping a ruby annotation or the rest of a tag."""
    for pattern in (RUBY_RE, RUBY_TAIL_RE, TAG_TAIL_RE):
        m = pattern.match(text, q)
        if m:
            q = m.end()
            break
    ch = text[q : q + 1]
    return "" if ch in ("\r", "\n") else ch


class _Search:
    """Beam search for the most likely clean characters of one run."""

    def __init__(self, text: str, run: Run, scorer: Scorer) -> None:
        self.text = text
        self.run = run
        self.scorer = scorer
        self.first_cost: dict[int, float] = {}
        self.first_lead: Spec = ANY_LEAD
        self._chars: dict[tuple[Spec, Spec, str | None], tuple[str, ...]] = {}
        if run.first_reading is not None:
            # The annotator read the mis-aligned character (byte before, lead) as `py`; it
            # annotates ordinary characters, so a common one is the likelier explanation.
            before, py = run.first_reading
            costs: dict[int, float] = {}
            for lead in ANY_LEAD:
                mis = gbk_pair(before, lead)
                if mis is not None and _reads(mis, py):
                    costs[lead] = -math.log(scorer.p_uni(mis))
            if costs:
                low = min(costs.values())
                self.first_cost = {b: c - low for b, c in costs.items()}
            self.first_lead = tuple(sorted(costs))

    def first_char_cost(self, ch: str) -> float:
        """The prior cost of the first clean character: a run starts at punctuation, and an
        annotation inside the first character was made for a common mis-aligned character."""
        lead = gbk_bytes(ch)[0]  # type: ignore[index]
        if self.first_cost:
            return self.first_cost.get(lead, math.inf)
        return 0.0 if lead in PUNCTUATION_LEADS else START_COST

    def chars(self, lead: Spec, trail: Spec, reading: str | None) -> tuple[str, ...]:
        """The characters a slot can hold; the `WIDTH` most frequent of them when many."""
        k = (lead, trail, reading)
        hit = self._chars.get(k)
        if hit is not None:
            return hit
        chars = _by_frequency(lead, trail, reading)
        if len(chars) > WIDTH:
            # The WIDTH most frequent by the lexicon mixed with the document: they are among
            # the WIDTH most frequent by the lexicon alone and the characters the document has.
            doc = self.scorer.doc
            seen = doc.uni if doc is not None else {}
            rest = chars[WIDTH:]
            pool = chars[:WIDTH] + tuple(
                c for c, k in zip(rest, keys("".join(rest)), strict=True) if k in seen
            )
            chars = tuple(sorted(pool, key=self.scorer.p_uni, reverse=True)[:WIDTH])
        self._chars[k] = chars
        return chars

    def step(
        self,
        paths: list[Path],
        chars: Callable[[Path], Sequence[str]] | Sequence[str],
        first: bool,
        vanish: int,
        ahead: Callable[[str], Sequence[str]] | Sequence[str] = (),
    ) -> list[Path]:
        """Extend every path by one character from `chars` (or `chars(path)`), scored by the
        bigram model.

        Paths are pruned by their score plus the best transition into what can come next
        (`ahead`: the characters, or a function giving them for a character): a rare
        character that starts a common word ("憨" before "厚") must survive the step where
        it is only a rare character. Look-ahead sets larger than `LOOKAHEAD` are skipped.
        """
        logps = self.scorer.logps
        cost = vanish * VANISH_COST
        first_cost = self.first_char_cost
        looks: dict[str, float] = {}

        def look(c: str) -> float:
            hit = looks.get(c)
            if hit is None:
                nxt = ahead(c) if callable(ahead) else ahead
                small = len(nxt) <= LOOKAHEAD
                hit = looks[c] = max(logps(c, nxt), default=0.0) if small else 0.0
            return hit

        # Each path's successors, best first (they depend on the path only through its last
        # character and the characters it may take next, so paths share the lists) ...
        lists: dict[tuple[str, int], list[tuple[float, float, str]]] = {}
        heap: list[tuple[float, int, int, list[tuple[float, float, str]]]] = []
        for i, path in enumerate(paths):
            score, string, _ = path
            cs = chars(path) if callable(chars) else chars
            k = (string[-1], id(cs))
            ranked = lists.get(k)
            if ranked is None:
                extras = [cost + first_cost(c) for c in cs] if first else [cost] * len(cs)
                ranked = lists[k] = sorted(
                    (
                        (lp - extra + (look(c) if ahead else 0.0), lp - extra, c)
                        for c, lp, extra in zip(cs, logps(string[-1], cs), extras, strict=True)
                        if extra != math.inf
                    ),
                    reverse=True,
                )
            if ranked:
                heapq.heappush(heap, (-(score + ranked[0][0]), i, 0, ranked))
        # ... merged best first, with the rule of `_prune`: at most TOP_K paths ending in the
        # same characters, BEAM in all.
        out: list[Path] = []
        seen: dict[tuple[str, int], int] = {}
        while heap and len(out) < BEAM:
            _, i, j, ranked = heapq.heappop(heap)
            score, string, v = paths[i]
            new = string + ranked[j][2]
            tail = (new[-MAX_WORD + 1 :], v + vanish)
            if seen.get(tail, 0) < TOP_K:
                seen[tail] = seen.get(tail, 0) + 1
                out.append((score + ranked[j][1], new, v + vanish))
            if j + 1 < len(ranked):
                heapq.heappush(heap, (-(score + ranked[j + 1][0]), i, j + 1, ranked))
        return out

    def char(
        self,
        paths: list[Path],
        lead: Spec,
        trail: Spec,
        first: bool,
        reading: str | None = None,
        ahead: Sequence[str] = (),
    ) -> list[Path]:
        """Add one clean character (lead, trail), or more with vanished pairs between.

        With a vanished pair (x, y) inside it, the character becomes (lead, x) and (y, trail),
        where the bytes y depend on x; up to `MAX_CHAIN` pairs in a row.
        """
        if first:
            lead = self.first_lead
        out = self.step(paths, self.chars(lead, trail, reading), first, 0, ahead)
        ys_of = vanish_ys()
        xs = vanish_xs()

        def x_of(c: str) -> int:
            return gbk_bytes(c)[1]  # type: ignore[index]

        seconds: dict[str, tuple[str, ...]] = {}

        def second(c: str) -> tuple[str, ...]:
            hit = seconds.get(c)
            if hit is None:
                hit = seconds[c] = self.chars(ys_of[x_of(c)], trail, reading)
            return hit

        def first_half(p: Path) -> tuple[str, ...]:  # (lead, x) in the first pair
            return self.chars(lead, xs, None)

        def chained(p: Path) -> tuple[str, ...]:  # (y, x2): a second pair right after
            return self.chars(ys_of[x_of(p[1][-1])], xs, None)

        level = paths
        for depth in range(MAX_CHAIN):
            halves = first_half if depth == 0 else chained
            mid = self.step(level, halves, first and not depth, 1, second)
            if not mid:
                break
            out.extend(self.step(mid, lambda p: second(p[1][-1]), False, 0, ahead))
            level = mid
        return _prune(out)

    def candidates(self) -> list[Candidate]:
        """Candidate repairs for every ending of the run, scored by the bigram model."""
        text, run = self.text, self.run
        left, _ = context_window(text, run.start, run.start)
        prev = left[-1:] or "\n"
        paths: list[Path] = [(0.0, prev, 0)]
        lead: Spec = ANY_LEAD
        by_count: dict[int, list[Ending]] = {}
        for n, ending in run.endings:
            by_count.setdefault(n, []).append(ending)
        last_n = max(by_count)
        out: list[Candidate] = []
        pairs = run.pairs
        for j in range(last_n + 1):
            for ending in by_count.get(j, []):
                _, right = context_window(text, run.start, ending.end, ending.suffix)
                final = self.char(
                    paths, lead, ending.trail, j == 0, ending.last_reading, right[:1].strip()
                )
                for score, string, v in final:
                    clean = string[1:] + ending.suffix
                    out.append(Candidate(run.start, ending.end, clean, score, v, ending, run.ruby))
            if j == last_n or not paths:
                break
            trail, nxt_lead = pairs[j]
            ahead = slot_chars(nxt_lead, pairs[j + 1][0]) if j + 1 < len(pairs) else ()
            paths = self.char(paths, lead, trail, j == 0, None, ahead)
            lead = nxt_lead
        return out


def _prune(paths: list[Path], ahead: dict[str, float] | None = None) -> list[Path]:
    """Keep the best paths: at most TOP_K that end in the same characters (as far back as a
    word can reach) with the same number of vanished pairs, BEAM in all; `ahead` adds a
    look-ahead score per last character.

    Paths that end alike but assume another number of vanished pairs are readings of another
    length: they are kept apart so that the rival check sees them ("，一名党员" and "；名党员"
    end alike)."""
    if ahead:
        paths.sort(key=lambda p: p[0] + ahead[p[1][-1]], reverse=True)
    else:
        paths.sort(reverse=True)
    seen: dict[tuple[str, int], int] = {}
    out: list[Path] = []
    for p in paths:
        tail = (p[1][-MAX_WORD + 1 :], p[2])
        if seen.get(tail, 0) < TOP_K:
            seen[tail] = seen.get(tail, 0) + 1
            out.append(p)
            if len(out) >= BEAM:
                break
    return out


def context_window(
    text: str, start: int, end: int, suffix: str = "", width: int = 6
) -> tuple[str, str]:
    """Up to `width` characters of the line on each side of a span, without ruby annotations
    and, when the repair restores a swallowed "(" or "<" (`suffix`), without the rest of that
    annotation or tag."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left = RUBY_RE.sub("", text[line_start:start])[-width:]
    q = end
    pattern = {"(": RUBY_TAIL_RE, "<": TAG_TAIL_RE}.get(suffix)
    m = pattern.match(text, q) if pattern else None
    if m and m.end() <= line_end:
        q = m.end()
    rest = RUBY_RE.sub("", text[q:line_end]).rstrip("\r")
    right = rest[:width] if len(rest) > width else rest + "\n"
    return left, right


def rank(text: str, run: Run, scorer: Scorer, limit: int | None = None) -> list[Candidate]:
    """The best repairs of a run, best first (all `RESCORE` of them, or `limit`).

    The beam search proposes candidates by a character bigram model; each is then scored
    with the word model on its line window, against the garbled text in the same window,
    less the costs of the damage it assumes (a run starting inside a word, vanished pairs)
    and of any bracket or quote it leaves unmatched.
    """
    line_start = text.rfind("\n", 0, run.start) + 1
    line_end = text.find("\n", run.start)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    # The sentence around the run, and what the run says up to its first possible end where
    # no byte is hidden.
    first_n, first = min(run.endings, key=lambda ne: ne[0])
    end = first.end - line_start
    direct = "".join(
        slot_chars(y, x)[:1][0] if slot_chars(y, x) else " "
        for (_, y), (x, _) in pairwise(run.pairs[:first_n])
    )
    before = line[: run.start - line_start]
    after = line[end:]
    # The sentence the run ends (it lost its full stop to the "?") and the one it starts:
    # words repeat within a sentence or two ("疫情不退，我們不退").
    before = before[max(before.rfind(c) for c in SENTENCE_ENDS) + 1 :]
    stop = min((i for i in (after.find(c) for c in SENTENCE_ENDS) if i >= 0), default=-1)
    after = after if stop < 0 else after[: stop + 1]
    scorer = scorer.near(before + " " + direct + " " + after)
    search = _Search(text, run, scorer)
    found = search.candidates()
    best: dict[tuple[int, str], Candidate] = {}
    for c in found:
        k = (c.end, c.clean)
        if k not in best or best[k].gain < c.gain:
            best[k] = c
    top = sorted(best.values(), key=lambda c: c.gain, reverse=True)[:RESCORE]
    base = imbalance(line)
    garbled: dict[tuple[int, str], float] = {}
    out = []
    for c in top:
        restored = c.ending.suffix if c.ending.suffix in ("(", "<") else ""
        left, right = context_window(text, c.start, c.end, restored)
        k = (c.end, restored)
        if k not in garbled:
            garbled[k] = scorer.text_score(left + text[c.start : c.end] + right)
        chars = c.clean[: len(c.clean) - len(restored)]
        gain = scorer.text_score(left + chars + right) - garbled[k]
        gain += scorer.script_logp(chars)
        gain -= c.vanishes * VANISH_COST + search.first_char_cost(c.clean[0])
        fixed = line[: c.start - line_start] + c.clean + line[c.end - line_start :]
        unmatched = imbalance(fixed) - base
        gain -= IMBALANCE_COST * unmatched
        out.append(replace(c, gain=gain, score=gain + CHAR_BONUS * len(chars), unmatched=unmatched))
    out.sort(key=lambda c: c.score, reverse=True)
    return out[:limit]


def rebalance(
    text: str, ranked: Sequence[Candidate], elsewhere: Sequence[tuple[int, int, str]]
) -> list[Candidate]:
    """`ranked` with the brackets and quotes of the line counted again, the other runs of
    the line read as repaired (`elsewhere`: their spans and best readings).

    `rank` counts them in the line as it stands, where the other runs are still garbled;
    but a quote a run opens is often closed by the next run of the line ("。“我是社區…
    ?!痹诮值?": "。”在街道"), and it is no more unmatched than the reading of that run is.
    """
    if not ranked or not elsewhere:
        return list(ranked)
    start = ranked[0].start
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end

    def read(a: int, b: int) -> str:  # text[a:b] with the other runs read as repaired
        out, q = [], a
        for s, e, clean in sorted(elsewhere):
            if q <= s and e <= b:
                out += [text[q:s], clean]
                q = e
        return "".join([*out, text[q:b]])

    base = imbalance(read(line_start, line_end))
    out = []
    for c in ranked:
        unmatched = imbalance(read(line_start, c.start) + c.clean + read(c.end, line_end)) - base
        change = IMBALANCE_COST * (c.unmatched - unmatched)
        out.append(replace(c, gain=c.gain + change, score=c.score + change, unmatched=unmatched))
    out.sort(key=lambda c: c.score, reverse=True)
    return out


# --------------------------------------------------------------------------------------------
# The rule
# --------------------------------------------------------------------------------------------

#: Where a run can start: a "?" before a character the mis-aligned decoder can have produced
#: (within a few normalised ASCII characters), or a "?" + pinyin fragment inside a character.
CANDIDATE_RE = re.compile(
    rf"\?(?=[!-~]{{0,3}}[^\x00-\x7f\uff01-\uff5e]|[!-~]{{1,3}}\?|[{PINYIN_CHARS}]{{1,7}} ?\))"
)


@lru_cache(maxsize=1)
def common_chars() -> frozenset[str]:
    """Characters of everyday text: GB2312 level 1 (3755) and Big5 level 1 (5401), from the
    codecs themselves, and the usual punctuation."""
    out: set[str] = set("，。、“”：；！？（）《》…—‘’「」『』·")
    for b1 in range(0xB0, 0xD8):
        for b2 in range(0xA1, 0xFF):
            out.add(bytes((b1, b2)).decode("gb2312", "ignore"))
    for b1 in range(0xA4, 0xC7):
        for b2 in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            out.add(bytes((b1, b2)).decode("big5", "ignore"))
    out.discard("")
    return frozenset(out)


def looks_shifted(text: str, run: Run) -> bool:
    """A cheap test, before any model is loaded: is the run worth a closer look?

    A "?" that swallowed a "(" or "<", or a pinyin fragment inside a character, is evidence
    by itself. Otherwise the run, or the character before its "?", must be Han: Chinese text
    read out of step is mostly ideographs and breaks off after Chinese text (a short run can
    hold none: "快?⒆?、严" for "快、准、严"), while a "?" in source code follows and precedes
    Greek letters, arrows and ASCII signs ("r'?![λΠΣ]'" in a regex), which re-pair into
    something all the same. Then an ASCII letter or sign between Chinese characters (a trail
    byte that put the decoder back in step) is evidence; otherwise the run must contain
    characters of everyday text less often than its re-paired reading does: a shifted run
    mixes in rare characters ("埜", "魑"), while text that only happens to follow a question
    mark is made of common ones and re-pairs into rare or impossible ones.
    """
    if run.ruby is not None or any(e.suffix in "(<" and e.suffix for _, e in run.endings):
        return True
    if not HAN_RE.search(text, max(0, run.start - 1), max(e.end for _, e in run.endings)):
        return False
    for n, e in run.endings:
        # An ASCII letter or sign between Chinese characters: a trail byte (睆团d社區).
        ascii_trail = isinstance(e.trail, int) and e.trail < 0x80
        if n and ascii_trail and not text[e.end : e.end + 1].isascii():
            return True
    common = common_chars()
    ends = {n for n, _ in run.endings}
    garbled = text[run.start + 1 : run.start + 1 + MAX_RUN]
    rare_garbled = rare_repaired = 0
    for n in range(max(ends) + 1):
        if n in ends and rare_garbled >= 1 and rare_repaired < rare_garbled:
            return True
        if n == len(run.pairs):
            break
        c = garbled[n]
        rare_garbled += ord(c) >= 0x80 and c not in common
        if n:
            ch = gbk_pair(run.pairs[n - 1][1], run.pairs[n][0])
            rare_repaired += ch is None or ch not in common
    return False


def _doc_text(text: str, runs: Sequence[Run]) -> str:
    """The document around its candidate runs (`DOC_WINDOW` characters on either side), the
    runs themselves blanked out, for the cache model."""
    lo = max(0, runs[0].start - DOC_WINDOW)
    hi = min(len(text), max(e.end for r in runs for _, e in r.endings) + DOC_WINDOW)
    out = list(text[lo:hi])
    for run in runs:
        end = max(e.end for _, e in run.endings)
        out[run.start - lo : end - lo] = " " * (end - run.start)
    return "".join(out)


def _rival(ranked: Sequence[Candidate]) -> Candidate | None:
    """A reading too close to the best one to choose between them, or None.

    Readings that assume a different number of vanished pairs differ in length, where the
    language model is least reliable (it favours the shorter), so the model alone, without the
    prior cost of the vanished pairs, must put the best `VANISH_MARGIN` ahead of them; readings
    of the same length need `MIN_MARGIN`.
    """
    best = ranked[0]
    for c in ranked[1:]:
        if (c.end, c.clean) == (best.end, best.clean):
            continue
        if c.vanishes == best.vanishes:
            if best.score - c.score < MIN_MARGIN:
                return c
        elif (best.score + best.vanishes * VANISH_COST) - (
            c.score + c.vanishes * VANISH_COST
        ) < VANISH_MARGIN:
            return c
    return None


def _cut_inside(text: str, run: Run, best: Candidate) -> int | None:
    """Where the run may end in a bare "?" break that another run starts right after
    ("工作??宸嬖谇?": two cuts in a row), inside the span `best` reads as one run; or None.

    Such a reading takes the second run's "?" as a byte pair of its own and reads on into
    that run, and where the first run really ends is then unknown: the text alone does not
    say whether it is one long run or two. A long reading across the second run can be
    plausible text, the forward model reproduces it all the same, and it is wrong.
    """
    for _, e in run.endings:
        if e.break_end and best.start < e.end < best.end and parse_run(text, e.end) is not None:
            return e.end
    return None


def _pairs(n: int) -> str:
    return "no vanished pair" if not n else f"{n} vanished pair" + "s" * (n > 1)


def ambiguity(garbled: str, ranked: Sequence[Candidate], rival: Candidate) -> str:
    """The message of a run left as it is: the readings the bytes allow that the language
    model cannot tell apart, and the best reading with another number of vanished pairs (a
    reading of another length) when the list holds one."""
    best = ranked[0]
    shown = [best, rival]
    other = next((c for c in ranked if c.vanishes not in {d.vanishes for d in shown}), None)
    if other is not None:
        shown.append(other)
    readings = ", ".join(f"{c.clean!r} ({_pairs(c.vanishes)}, gain {c.score:.1f})" for c in shown)
    if rival.vanishes == best.vanishes:
        why = f"the best leads by {best.score - rival.score:.1f}, less than {MIN_MARGIN:g}"
    else:
        alone = (best.score + best.vanishes * VANISH_COST) - (
            rival.score + rival.vanishes * VANISH_COST
        )
        why = (
            f"readings of different length must differ by {VANISH_MARGIN:g} on the language"
            f" model alone, these by {alone:.1f}"
        )
    return (
        f"GBK text decoded one byte off: {garbled!r} hides bytes the context does not settle;"
        f" it reads {readings} ({why}); left as it is"
    )


def restore_gbk_shifted(text: str, ctx: Context) -> Iterator[Edit | Flag]:
    """Repair GBK text that was decoded one byte out of step ("?!罢埜魑" -> "。“請各位").

    Each run is re-encoded as GBK and re-paired in step; bytes the damage hid (the lost first
    byte, vanished pairs, a final "?") are chosen by a character model of Chinese plus the
    document's own vocabulary (`cleaner.zh_model`). A repair is made only when the damage,
    run forward on it, gives back the garbled text exactly, and the repaired line is much
    more likely than the garbled one; when the hidden characters stay ambiguous the run is
    reported and left as it is. A "(" or "<" the run swallowed is restored, so that the
    ruby and HTML rules that run next see "(jīng)" and "</p>" whole.

    Real question marks and clean text around them are left alone: the re-paired reading of
    correct text is nonsense.

        >>> from cleaner.config import Config
        >>> from cleaner.model import apply_edits
        >>> text = "有序開展?!睆团d社區黨支部書記兼居委會主任張攀介紹。"
        >>> apply_edits(text, list(restore_gbk_shifted(text, Context(Config()))))
        '有序開展。”復興社區黨支部書記兼居委會主任張攀介紹。'
    """
    if "?" not in text:
        return
    runs = [r for m in CANDIDATE_RE.finditer(text) if (r := parse_run(text, m.start()))]
    runs = [r for r in runs if looks_shifted(text, r)]
    if not runs:
        return
    from cleaner.zh_model import DocStats, char_model

    scorer = Scorer(char_model(), DocStats(_doc_text(text, runs)))
    ranks: dict[int, list[Candidate]] = {}

    def ranked_run(run: Run) -> list[Candidate]:
        hit = ranks.get(run.start)
        if hit is None:
            hit = ranks[run.start] = rank(text, run, scorer)
        return hit

    lines = {r.start: text.rfind("\n", 0, r.start) for r in runs}
    done = 0
    for run in runs:
        if run.start < done:
            continue
        # Every rescored reading takes part in the rival check: a reading of another length
        # far down the list can still be within `VANISH_MARGIN` on the model alone.
        ranked = ranked_run(run)
        if not ranked:
            continue
        # The other runs of the line, read as their best repair when there is one worth
        # making: those ranked before this one, and those after its best reading (a run
        # inside it is no run of its own).
        reach = ranked[0].end
        elsewhere = [
            (o[0].start, o[0].end, o[0].clean)
            for other in runs
            if lines[other.start] == lines[run.start]
            and ((other.start < run.start and other.start in ranks) or other.start >= reach)
            and (o := ranked_run(other))
            and o[0].gain >= ACCEPT_GAIN
        ]
        ranked = rebalance(text, ranked, elsewhere)
        if not ranked or ranked[0].gain < ACCEPT_GAIN:
            continue
        best = ranked[0]
        if best.forward() != text[best.start : best.end]:  # the search and the model disagree
            yield Flag(best.start, best.end, "GBK shifted run: repair does not reproduce it")
            continue
        cut = _cut_inside(text, run, best)
        if cut is not None:
            garbled = text[best.start : best.end]
            yield Flag(
                best.start,
                best.end,
                f"GBK text decoded one byte off: {garbled!r} reads as {best.clean!r} only as one"
                f" run, but it may end at the bare '?' break before {text[cut : cut + 1]!r} and"
                " another run start there (two cuts in a row); left as it is",
            )
            # Not the run that may start there either: it is read without what the first
            # one hides, and the search misses the readings where the first character's
            # pair vanished ("，确保" for "?繁8", read "》保").
            done = best.end
            continue
        rival = _rival(ranked)
        if rival is not None:
            end = max(best.end, rival.end)
            yield Flag(best.start, end, ambiguity(text[best.start : end], ranked, rival))
            done = best.end
            continue
        garbled = text[best.start : best.end]
        reason = (
            f"GBK decoded one byte off: {garbled!r} re-paired in step"
            f" (log-likelihood gain {best.gain:.0f})"
        )
        yield Edit(best.start, best.end, best.clean, reason)
        done = best.end


RULES = (
    Rule(
        "gbk-shifted",
        restore_gbk_shifted,
        'Repair GBK text decoded one byte out of step ("?!睆团d" -> "。”復興").',
        (
            "有序開展?!睆团d社區黨支部書記兼居委會主任張攀介紹。",
            "有序開展。”復興社區黨支部書記兼居委會主任張攀介紹。",
        ),
    ),
)
