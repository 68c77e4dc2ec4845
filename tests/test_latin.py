"""Rule `latin-mojibake`: UTF-8 read as a Latin code page, repaired with ftfy.

The rule hands a line to ftfy only when `suspect` finds a sequence such mojibake is made of.
That filter must not lose a repair: `test_filter_loses_no_repair` checks it on generated
mojibake (bench/latin_filter.py runs the same on many more samples and times it).
"""

from __future__ import annotations

import random

import ftfy
import pytest

from cleaner import clean_text, replay
from cleaner.model import Edit
from cleaner.rules import RULES_BY_ID
from cleaner.rules.latin import FTFY_CONFIG, LATIN1_RE, suspect

# Words of the languages the code pages below are for, symbols that UTF-8 spells with
# three bytes, and text none of them can encode (CJK, emoji).
WORDS = [
    *str.split(
        """
        café naïve crème brûlée déjà à où garçon forêt élève Noël
        Größe Straße Äpfel Öl Übergröße heißt Müller's
        não ação coração São João pães
        mañana niño año ¿qué? ¡sí!
        zażółć gęślą jaźń łódź się
        příliš žluťoučký kůň úpěl
        İstanbul şehir ağaç çiçek ığdır
        ąžuolas ėjo šilas
        Ελληνικά Αθήνα καλημέρα
        Русский язык её ещё
        €5 ™ • … — – “quoted” ‘single’ «guillemets» ° ± ½ © ® ß æ ø å № ‰
        中文 測試 😀 plain ascii words here
        """
    ),
    "10\u00a0km",
]

#: The code pages UTF-8 gets misread as: ftfy's (incl. MacRoman and cp437) and strict cp1252,
#: which shows bytes it has no character for as U+FFFD.
READ_AS = [
    "latin-1",
    "cp1252",
    "sloppy-windows-1252",
    "sloppy-windows-1250",
    "sloppy-windows-1251",
    "sloppy-windows-1253",
    "sloppy-windows-1254",
    "sloppy-windows-1257",
    "iso-8859-2",
    "macroman",
    "cp437",
]


def garble(text: str, rng: random.Random) -> str:
    """`text` as UTF-8 misread in one of the ways mojibake arises (chosen by `rng`)."""
    page = rng.choice(READ_AS)
    out = text.encode("utf-8").decode(page, "replace")
    how = rng.randrange(6)
    if how == 0:  # misread twice
        out = out.encode("utf-8").decode(rng.choice(["cp1252", "latin-1"]), "replace")
    elif how == 1:  # a no-break space byte (A0) turned into a space
        out = out.replace("\u00a0", " ")
    elif how == 2:  # lost bytes written as "?"
        out = out.replace("\ufffd", "?")
    return out


def mojibake_samples(n: int, seed: int) -> list[str]:
    """`n` deterministic lines: words, some or all of them garbled, with correct neighbours."""
    rng = random.Random(seed)
    samples = []
    for _ in range(n):
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 6))]
        mode = rng.randrange(3)
        if mode == 0:  # the whole line misread
            line = garble(" ".join(words), rng)
        elif mode == 1:  # some words misread, the others correct
            line = " ".join(garble(w, rng) if rng.random() < 0.5 else w for w in words)
        else:  # a correct line with a garbled part glued on
            line = " ".join(words) + rng.choice([" ", "", ": "]) + garble(rng.choice(WORDS), rng)
        samples.append(line + rng.choice(["", "\n", " end.\r\n"]))
    return samples


#: Mojibake a filter must see: one of each kind ftfy repairs.
KNOWN = [
    "cafÃ©",  # é read as Latin-1
    "â€œquotedâ€\x9d",  # curly quotes read as sloppy cp1252 (C1 control)
    "â€œquotedâ€\ufffd",  # ... read as strict cp1252 (a byte lost as U+FFFD)
    "voilÃ  tout",  # à: its A0 byte became a space
    "Â about",  # a no-break space whose A0 byte became a space
    "ÃƒÂ©",  # misread twice
    "siÄ™ dziÄ™ki ÄŤ",  # Polish and Czech read as cp1250
    "Ã\ufffd",  # a 2-byte character whose second byte was lost
]


@pytest.mark.parametrize("text", KNOWN)
def test_filter_sees_known_mojibake(text: str) -> None:
    assert suspect(text)
    assert ftfy.fix_and_explain(text, FTFY_CONFIG)[0] != text  # and ftfy repairs it


def test_filter_loses_no_repair() -> None:
    # The filter used to be one Latin-1 letter anywhere in the line (LATIN1_RE). On every
    # generated line it now rejects but that one accepted, ftfy must change nothing.
    samples = mojibake_samples(600, seed=1)
    repaired = 0
    for line in samples:
        body = line.rstrip("\r\n")
        if LATIN1_RE.search(body) is None:  # lines the old filter skipped stay skipped
            assert not suspect(body), body
        elif ftfy.fix_and_explain(body, FTFY_CONFIG)[0] != body:
            repaired += 1
            assert suspect(body), body
    assert repaired > 200  # the samples hold real mojibake


NOOP = [
    "Le café est fermé depuis la semaine dernière, à cause des travaux.",  # French
    "Die Größe der Straße; Äpfel und Öl; Äußerung über Übergrößen.",  # German
    "L’été à Paris : « très bien » — voilà.",  # French typography
    "não é ação, coração",  # Portuguese: "ã " before a letter is no lost A0
    "Он сказал «её» — ещё.",  # Russian: Cyrillic leads, no Latin-1 letter
    "“中文”引号·间隔号",  # Chinese with curly quotes and a middle dot
]


@pytest.mark.parametrize("text", NOOP)
def test_noop(text: str) -> None:
    result = clean_text(text)
    assert result.text == text
    assert not result.changes


# (input, expected)
EXPECTED = [
    ("cafÃ© crÃ¨me", "café crème"),  # the common case
    ("â€œdÃ©jÃ  vuâ€\x9d", "“déjà vu”"),  # curly quotes, à whose A0 became a space
    ("Le café est fermé. Il a dit : â€œouiâ€\x9d", "Le café est fermé. Il a dit : “oui”"),  # mixed
    ("Line one\r\ncafÃ©\r\n", "Line one\r\ncafé\r\n"),  # CRLF kept
    ("ä¸­æ–‡", "中文"),  # CJK read as cp1252
]


@pytest.mark.parametrize(("text", "expected"), EXPECTED)
def test_expected(text: str, expected: str) -> None:
    result = clean_text(text)
    assert result.text == expected
    assert {c.rule for c in result.changes} == {"latin-mojibake"}
    assert replay(result.original, result.changes) == expected
    assert clean_text(expected).text == expected


def test_rule_example() -> None:
    before, after = RULES_BY_ID["latin-mojibake"].example
    assert clean_text(before).text == after


def test_legacy_bytes_read_as_latin1_are_left_to_report() -> None:
    # 巡察巡邏隊 in GBK read as Latin-1: 邏 and 隊 are GBK extension characters whose trail
    # bytes (0x89, 0xA0) gbk-as-latin1 does not read. ftfy finds UTF-8 pairs in the rest
    # ("Ñ²" is U+0472) and would write other garbage; the run is reported instead.
    garbled = "巡察巡邏隊等".encode("gbk").decode("latin-1")
    text = f"他说：{garbled}。\n"
    result = clean_text(text)
    assert result.text == text
    assert [f.rule for f in result.findings] == ["latin-mojibake"]
    assert "legacy" in result.findings[0].message


def test_legacy_guard_keeps_every_generated_repair() -> None:
    rule = RULES_BY_ID["latin-mojibake"]
    found = [
        item
        for line in mojibake_samples(600, seed=2)
        for item in rule.func(line, None)  # type: ignore[arg-type]
    ]
    assert len(found) > 200
    assert all(isinstance(item, Edit) for item in found)


def test_mojibake_quoted_as_an_example_is_left_alone() -> None:
    # Debian Administrator's Handbook (zh-CN), on encodings: the examples are the point.
    line = "重音字母却被像 “Ã©” or Ã¨” or “Ã§” 这样的字符取代，那么这个文件的编码是 UTF-8\n"
    result = clean_text(line)
    assert result.text == line
    assert [f.rule for f in result.findings if f.rule == "latin-mojibake"] == ["latin-mojibake"]
    # the same letters in words are mojibake to repair
    assert clean_text("le cafÃ© est “fermÃ©”\n").text == "le café est “fermé”\n"


def test_a_c1_next_line_byte_does_not_cut_the_line() -> None:
    # 具 is E5 85 B7: read as Latin-1, its 0x85 is U+0085, which str.splitlines takes for a
    # line break. The rule cuts lines at CRLF, CR and LF only, so the character is whole.
    garbled = "他说：“具体”".encode().decode("latin-1")
    assert "\x85" in garbled
    assert clean_text(garbled + "\n").text == "他说：“具体”\n"
