"""Pinyin ruby remnants: "區(qū)域" -> "區域", decided per document.

Converter sites annotate characters with `<ruby>` pinyin; once the page is flattened to text
every annotated character is followed by its reading in parentheses: "時(shí)間", "會(huì )議",
"發(fā)展". Teaching texts and dictionaries write the very same thing on purpose: "你好(nǐ hǎo)",
"行(xíng)", a children's poem with pinyin on every character. So the rule works in two steps.

**1. Which parentheses are readings.** One compiled regex finds `(…)` / `（…）` holding
Latin letters, tone marks and tone digits right after a Han character; a text without one is
left at once, and pypinyin is loaded only when there is one. Each candidate is checked
against every reading pypinyin knows for the characters before it
(`pinyin(ch, heteronym=True, style=Style.TONE)`), right to left, so that "區(qū)" covers one
character and "發展(fā zhǎn)" / "區域(qūyù)" cover the word. Accepted: tone marks (precomposed or
combining, i.e. text not in NFC), tone digits ("hui4", 5 for the neutral tone), "ü" written
"v", upper case, a stray space inside the parentheses ("會(huì )"). A syllable written without
tone matches only a neutral-tone reading ("的(de)"). Not readings, so never touched:
"社区(村)", "(右一)", "蘋果(apple)", "好(xíng)", "小區(片區)", "Python(编程语言)", and a
pinyin fragment not preceded by "(" and a Han character, such as the "勇?lián)?" of a mojibake
run (the mojibake rules, which run before this one, own those).

**2. Is this document a converter's output?** Converters annotate a recurring subset of
common characters (個 時 會 發 區 網 業 動 點 …), one character at a time, inside words,
every time the character occurs, in ordinary prose. Teaching texts gloss whole words, list
headwords, gloss rare characters once, or put pinyin on every character. Measured over the
readings found (a doubled "區(qū)(qū)" counts once):

- `coverage`: annotated Han characters / all Han characters (density);
- `chained`: share of annotations in runs of `CHAIN` (3) or more annotated characters in a
  row ("床(chuáng)前(qián)明(míng)"); a converter annotates a pair ("關(guān)愛(ài)") now and then;
- `inline`: share of single-character annotations with a Han character or a digit right
  before or after ("區(qū)域", "社區(qū),", "7點(diǎn)"), as opposed to a word-level gloss at a word
  end ("你好(nǐ hǎo)") or a standalone headword ("行(xíng):走");
- `recurring`: share of annotations that are inline and whose character is annotated
  again with the same reading elsewhere in the document (the repeated character set);
- `known`: share of annotations that are inline and on a character converters are known
  to annotate (`ruby_data.CONVERTER_CHARS`, the prior for documents too short to show
  recurrence);
- `converter_like`: share of annotations that are inline and recurring or known;
- `consistency`: of all occurrences of the single annotated characters, the share
  annotated (a converter annotates a character every time; a lesson glosses it once).

The document is a teaching text, left byte-identical, when the first of these holds:
`coverage` >= 0.40 (with at least 30 Han characters, density means nothing in a headline),
`chained` >= 0.50, `converter_like` < 0.50, `known` < 0.25, `consistency` < 0.60;
otherwise it is converter output. The thresholds sit far from both kinds of text measured
(`bench/ruby_features.py`; "held-out" is a converter page from another site, not shipped):

=====================  ====  =====  =====  ======  ======  =====  =====  ======  =======
document               ann.  cover  chain  inline  c_like  recur  known  consis  verdict
=====================  ====  =====  =====  ======  ======  =====  =====  ======  =======
acceptance 001          364  0.081  0.008   1.000   1.000  0.973  1.000   1.000  remnant
acceptance 002          109  0.062  0.000   0.991   0.991  0.917  0.991   1.000  remnant
held-out (other site)    52  0.098  0.000   1.000   0.981  0.827  0.981   1.000  remnant
remnant-traditional      42  0.138  0.000   1.000   1.000  0.690  1.000   1.000  remnant
remnant-simplified       33  0.153  0.091   0.970   0.970  0.848  0.970   1.000  remnant
teaching-lesson          15  0.234  0.000   0.000   0.000  0.000  0.000   0.167  teaching
teaching-dictionary      17  0.089  0.000   0.000   0.000  0.000  0.000   0.270  teaching
teaching-poem            50  0.676  0.820   0.900   0.220  0.220  0.000   1.000  teaching
=====================  ====  =====  =====  ======  ======  =====  =====  ======  =======

(`known` is as high as `inline` on 001/002 by construction: the list was taken from them.
Without the list, `recurring` alone still puts every remnant document above the 0.50 line
of `converter_like`.) Deliberately kept:
a single gloss of a rare character in the news ("亳(bó)州", not a known character, does not
recur), a children's reader glossing "蝌(kē)蚪(dǒu)" wherever it occurs (recurs, but no
known character), a polyphone lesson ("长(zhǎng)大" … "长(cháng)短", half the uses).

In a converter document every reading is removed, word-level ones ("區域(qūyù)") included;
parentheses with tone-marked pinyin that is no reading of the character before them are
reported (a `Flag`) and left. A teaching document gets no edit and no flag.

    >>> from cleaner import clean_text
    >>> clean_text("10月17日召開(kāi)緊急會(huì )議,部署區(qū)域工作。").text
    '10月17日召開緊急會議,部署區域工作。'
    >>> clean_text("你好(nǐ hǎo)！老师(lǎoshī)好！").text
    '你好(nǐ hǎo)！老师(lǎoshī)好！'
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence

from cleaner.han import HAN, HAN_RE
from cleaner.model import Edit, Flag
from cleaner.rules.base import Context, Rule
from cleaner.rules.ruby_data import CONVERTER_CHARS

_HAN_RUN_RE = re.compile(f"[{HAN}]+")
#: What counts as "inside a word" next to an annotated character: Han, or a digit ("7點").
_WORD_RE = re.compile(f"[{HAN}0-9\uff10-\uff19]")

_LETTER = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"  # ASCII, Latin-1, Extended-A/B and Additional
_SEPARATORS = " \u00a0'’-"  # between syllables; spaces also next to the parentheses

#: The one scan: an opening parenthesis right after a Han character (or after the ")" of an
#: annotation, for a doubled one), Latin letters / tone marks / tone digits, a closing one.
#: The parenthesis comes first and the look-behind after it, so that `re` can skip ahead to
#: the next "(" with its fast prefix scan (4x faster on Chinese text than a leading
#: look-behind, which is tried at every position).
CANDIDATE_RE = re.compile(
    f"[(（](?<=[{HAN})）][(（])"
    f"([ \u00a0]*[{_LETTER}][{_LETTER}\u0300-\u036f0-5{_SEPARATORS}]{{0,40}})"
    "[)）]"
)

#: Longest word a gloss may cover, in characters.
MAX_WORD = 8

#: Decision thresholds, see the module docstring. `CHAIN`: annotated characters in a row
#: that make a chain (a converter annotates a pair like "關(guān)愛(ài)" now and then).
CHAIN = 3
TEACHING_COVERAGE = 0.40
DENSITY_MIN_HAN = 30
TEACHING_CHAINED = 0.50
REMNANT_CONVERTER_LIKE = 0.50
REMNANT_KNOWN = 0.25
REMNANT_CONSISTENCY = 0.60

_TONE_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
_TONE_MARK_RE = re.compile("[\u0300\u0301\u0304\u030c]")
_JQXY_UMLAUT_RE = re.compile("(?<=[jqxy])u\u0308")


@dataclasses.dataclass(frozen=True, slots=True)
class Annotation:
    """A reading found in the text: `text[start:base]` is the Han word it reads,
    `text[open:end]` the parentheses to remove, `pinyin` what they hold (stripped).

    `base == open` except for a doubled annotation ("區(qū)(qū)"), whose second parentheses
    read the same word as the first.
    """

    start: int
    base: int
    open: int
    end: int
    pinyin: str

    @property
    def single(self) -> bool:
        """Whether the reading covers one character (not a word-level gloss)."""
        return self.base - self.start == 1


@dataclasses.dataclass(frozen=True, slots=True)
class Verdict:
    """The document-level decision and the measures it was made from."""

    annotations: int
    han: int
    coverage: float
    chained: float
    inline: float
    converter_like: float
    recurring: float
    known: float
    consistency: float
    remnant: bool
    why: str


def remove_pinyin_ruby(text: str, ctx: Context) -> Iterator[Edit | Flag]:
    """Remove pinyin left by `<ruby>` annotations ("區(qū)域" -> "區域") in converter output.

    Only parentheses holding a real reading of the Han character(s) before them are
    candidates, and only in a document judged to be converter output rather than a
    teaching text; the module docstring describes both decisions and their measures.

        >>> from cleaner import clean_text
        >>> clean_text("發(fā)展經濟,推動(dòng)社區(qū)(村)網(wǎng)格建設").text
        '發展經濟,推動社區(村)網格建設'
        >>> clean_text("行(xíng):走。\\n行(háng):行列。").text
        '行(xíng):走。\\n行(háng):行列。'
    """
    candidates = list(CANDIDATE_RE.finditer(text))
    if not candidates:
        return
    annotations, misses = find_annotations(text, candidates)
    if not annotations:
        return
    verdict = judge(text, annotations)
    if not verdict.remnant:
        return
    for a in annotations:
        reason = f"pinyin ruby remnant: '{a.pinyin}' is a reading of {text[a.start : a.base]}"
        yield Edit(a.open, a.end, "", reason)
    for m in misses:
        pinyin = m.group(1).strip(_SEPARATORS)
        if _TONE_MARK_RE.search(unicodedata.normalize("NFD", pinyin)):
            yield Flag(
                m.start(),
                m.end(),
                f"looks like pinyin ruby, but '{pinyin}' is not a reading of "
                f"{text[m.start() - 1]} (pypinyin); left as is",
            )


def find_annotations(
    text: str, candidates: Sequence[re.Match[str]]
) -> tuple[list[Annotation], list[re.Match[str]]]:
    """Split candidates into readings of the characters before them and the rest.

    A candidate right after an accepted annotation ("區(qū)(qū)") is checked against the same
    characters, so that removing the first does not reveal a second one on the next run;
    one after any other ")" is dropped. The rest are the candidates that are no reading.
    """
    found: list[Annotation] = []
    misses: list[re.Match[str]] = []
    by_end: dict[int, Annotation] = {}
    for m in candidates:
        base = m.start()
        doubled = text[base - 1] in ")）"
        if doubled:
            previous = by_end.get(base)
            if previous is None:
                continue
            base = previous.open
        pinyin = m.group(1).strip(_SEPARATORS)
        covered = reading_length(text, base, pinyin)
        if covered:
            annotation = Annotation(base - covered, base, m.start(), m.end(), pinyin)
            found.append(annotation)
            by_end[m.end()] = annotation
        elif not doubled:
            misses.append(m)
    return found, misses


def reading_length(text: str, base: int, pinyin: str) -> int:
    """How many Han characters right before `base` `pinyin` reads (0: it is no reading).

    Matches syllables right to left against every reading of each character, so that
    "qūyù" after "區域" covers two characters and "qū" one; separators (space, apostrophe,
    hyphen) may stand between syllables.
    """
    s = _canonical(pinyin)
    ends = {len(s)}
    k = base - 1
    covered = 0
    while ends and k >= 0 and covered < MAX_WORD and HAN_RE.match(text[k]):
        covered += 1
        following: set[int] = set()
        for end in ends:
            for form in reading_forms(text[k]):
                start = end - len(form)
                if start < 0 or not s.startswith(form, start):
                    continue
                if start == 0:
                    return covered
                while start > 0 and s[start - 1] in _SEPARATORS:
                    start -= 1
                following.add(start)
        ends = following
        k -= 1
    return 0


@functools.lru_cache(maxsize=4096)
def _canonical(pinyin: str) -> str:
    """Lower case, decomposed tone marks, "v" as "ü", "ü" after j/q/x/y as "u"."""
    s = unicodedata.normalize("NFD", pinyin).lower().replace("v", "u\u0308")
    return _JQXY_UMLAUT_RE.sub("u", s)


@functools.cache
def reading_forms(char: str) -> frozenset[str]:
    """Every way a reading of `char` may be written, in `_canonical` form.

    Per pypinyin reading: with tone marks ("hui\\u0300") and with a tone digit ("hui4"; a
    neutral-tone reading also as "de5" and bare "de"). Cached per character.
    """
    forms: set[str] = set()
    for reading in _pinyin_readings(char):
        marked = unicodedata.normalize("NFD", reading).lower()
        forms.add(marked)
        tone = "5"
        base = []
        for c in marked:
            if c in _TONE_MARKS:
                tone = _TONE_MARKS[c]
            else:
                base.append(c)
        forms.add("".join(base) + tone)
    return frozenset(forms)


def _pinyin_readings(char: str) -> list[str]:
    from pypinyin import Style, pinyin  # loaded only when a candidate is found

    readings = pinyin(char, heteronym=True, style=Style.TONE, errors="ignore")
    return [r for item in readings for r in item]


def judge(text: str, annotations: Sequence[Annotation]) -> Verdict:
    """Decide whether `annotations` are converter remnants or a teaching text's pinyin."""
    words = [a for a in annotations if a.base == a.open]  # doubled parentheses count once
    count = len(words)
    han = sum(map(len, _HAN_RUN_RE.findall(text)))
    coverage = sum(a.base - a.start for a in words) / han if han else 1.0
    ends = {a.end for a in annotations}
    opens = {a.open: a for a in annotations}
    same_reading = Counter((text[a.start : a.base], _canonical(a.pinyin)) for a in words)

    chained = inline = converter_like = recurring = known = 0
    run: list[Annotation] = []
    for a in words:
        if run and _after(run[-1], opens) != a.start:
            chained += len(run) if len(run) >= CHAIN else 0
            run = []
        run.append(a)
    chained += len(run) if len(run) >= CHAIN else 0

    for a in words:
        if not a.single:
            continue
        after = _after(a, opens)
        left_word = a.start > 0 and (
            _WORD_RE.match(text[a.start - 1]) is not None or a.start in ends
        )
        right_word = after < len(text) and _WORD_RE.match(text[after]) is not None
        if not (left_word or right_word):
            continue
        inline += 1
        char = text[a.start]
        recurs = same_reading[char, _canonical(a.pinyin)] > 1
        recurring += recurs
        known += char in CONVERTER_CHARS
        converter_like += recurs or char in CONVERTER_CHARS

    annotated_chars = Counter(text[a.start] for a in words if a.single)
    occurrences = sum(text.count(c) for c in annotated_chars)
    consistency = sum(annotated_chars.values()) / occurrences if occurrences else 0.0

    v = Verdict(
        count,
        han,
        coverage,
        chained / count,
        inline / count,
        converter_like / count,
        recurring / count,
        known / count,
        consistency,
        remnant=False,
        why="",
    )
    if han >= DENSITY_MIN_HAN and v.coverage >= TEACHING_COVERAGE:
        why = f"pinyin on {v.coverage:.0%} of the Han characters"
    elif v.chained >= TEACHING_CHAINED:
        why = f"{v.chained:.0%} of the annotations in runs of {CHAIN}+ annotated characters"
    elif v.converter_like < REMNANT_CONVERTER_LIKE:
        why = f"only {v.converter_like:.0%} of the annotations look like a converter's"
    elif v.known < REMNANT_KNOWN:
        why = f"only {v.known:.0%} of the annotations on characters converters annotate"
    elif v.consistency < REMNANT_CONSISTENCY:
        why = f"only {v.consistency:.0%} of the uses of the annotated characters annotated"
    else:
        why = f"{v.converter_like:.0%} of the annotations look like a converter's"
        return dataclasses.replace(v, remnant=True, why=why)
    return dataclasses.replace(v, why=why)


def _after(annotation: Annotation, opens: dict[int, Annotation]) -> int:
    """Where the text after `annotation` continues, past doubled parentheses."""
    end = annotation.end
    while end in opens:
        end = opens[end].end
    return end


RULES = (
    Rule(
        "pinyin-ruby",
        remove_pinyin_ruby,
        "Remove pinyin left by <ruby> annotations (區(qū)域 -> 區域) in converter output, "
        "not in teaching texts.",
        ("疫情防控會(huì )議在區(qū)政府召開(kāi)。", "疫情防控會議在區政府召開。"),
    ),
)
