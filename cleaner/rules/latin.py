"""Latin mojibake ("Ã©", "â€œ") through ftfy, configured to do no harm to CJK text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import ftfy
import ftfy.bad_codecs  # registers the sloppy-windows-* codecs

from cleaner.lines import lines_of
from cleaner.model import Edit, Flag, narrow
from cleaner.rules.base import Context, Rule

#: ftfy's defaults uncurl the quotes of every Chinese article (“” -> "), fold fullwidth
#: punctuation and the ideographic space to ASCII, and NFC can rewrite CJK compatibility
#: ideographs. We want only its mojibake repair, so everything that is a normalisation of
#: correct text is switched off.
FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,  # the `html-entities` rule does this, only where it is safe
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,  # lone surrogates are undecodable bytes, see `broken-utf8`
    remove_control_chars=False,
    normalization=None,
    explain=True,
)

#: The code pages ftfy reads UTF-8 mojibake back through that its `chardata.UTF8_CLUES`
#: are made of: each shows a UTF-8 lead byte (C2-F4) as one set of characters and a
#: continuation byte (80-BF) as another.
CODE_PAGES = (
    "latin-1",
    "sloppy-windows-1252",
    "sloppy-windows-1251",
    "sloppy-windows-1250",
    "sloppy-windows-1253",
    "sloppy-windows-1254",
    "sloppy-windows-1257",
    "iso-8859-2",
)
#: MacRoman and cp437 (ftfy repairs them too) show continuation bytes as accented lowercase
#: letters, and MacRoman shows some leads as punctuation (« » … – — “ ” ‘ ’, no-break space):
#: "l’été" or "«\u00a0été" would be pairs. So they are looked for apart, MacRoman only with
#: the leads of Latin letters and symbols (C2-C5), combining accents (CC, as in text written
#: decomposed on a Mac), Greek (CE-CF), punctuation, Vietnamese and CJK (E1-EF). Not
#: looked for: MacRoman readings of Latin Extended-B, IPA, Cyrillic, Hebrew, Arabic.
MAC_LEADS = (0xC2, 0xC3, 0xC4, 0xC5, 0xCC, 0xCE, 0xCF, *range(0xE1, 0xF0))


def _read(byte_values: Iterable[int], pages: Iterable[str] = CODE_PAGES) -> str:
    """What the code pages make of `byte_values`, as a regex character-class body."""
    data = bytes(byte_values)
    chars = {c for page in pages for c in data.decode(page)}
    return "".join(sorted(re.escape(c) for c in chars))


_LEADS = range(0xC2, 0xF5)
_TRAILS = range(0x80, 0xC0)
#: U+FFFD: a continuation byte a strict decoder (cp1252 has holes) could not show.
_TRAIL = _read(_TRAILS) + "\ufffd"

#: Latin-1 letters and C1 controls: what UTF-8 read as Latin-1 or cp1252 always shows for a
#: lead byte C2-F4 (or a byte the code page has no character for). A line without one is
#: skipped unseen, as it always was: Chinese text full of curly quotes and "·" never reaches
#: ftfy, and neither does Greek or Russian (whose own letters are leads in cp1253/cp1251).
LATIN1_RE = re.compile("[\u0080-\u009f\u00c2-\u00f4]")

_C1 = "\\u0080-\\u009f"
_LEAD_1, _LEAD_MAC, _LEAD_437 = (
    _read(_LEADS),
    _read(MAC_LEADS, ["mac_roman"]),
    _read(_LEADS, ["cp437"]),
)
_TRAIL_MAC, _TRAIL_437 = _read(_TRAILS, ["mac_roman"]), _read(_TRAILS, ["cp437"])

#: What such mojibake is made of: a lead followed by a continuation byte ("Ã©", "â€œ", "Ã\ufffd"
#: where cp1252 lost a byte), a C1 control, and the sequences ftfy repairs where a byte was
#: altered (`restore_byte_a0`: A0 turned into a space after the leads C2 C3 C5 CE D0 D9, or
#: after E2 E3 F0 before a continuation; `replace_lossy_sequences`: a byte lost as "?").
#: A single accented letter is not enough: "café", "Größe", "à la" hold none of these, so
#: French and German text no longer goes through ftfy line by line (bench/rule_speed.py).
#: That no repair is lost is checked on generated mojibake (tests/test_latin.py, and many
#: more samples in bench/latin_filter.py).
#:
#: Written as one character class, then the kinds of sequence it may begin (each checked
#: with a look-behind at that character): one class first lets the regex engine skip to
#: candidates; as an alternation of sequences it scanned French text five times slower.
SUSPECT_RE = re.compile(
    f"[{_C1}{_LEAD_1}{_LEAD_MAC}{_LEAD_437}]"
    f"(?:(?<=[{_C1}])"  # a C1 control
    f"|(?=[{_TRAIL}{_TRAIL_MAC}{_TRAIL_437} ?])"  # (quick test: what may follow a lead)
    f"(?:(?<=[{_LEAD_1}])\\??[{_TRAIL}]"  # a lead and a continuation, or "?" between
    f"|(?<=[{_LEAD_MAC}])[{_TRAIL_MAC}]"  # ... as MacRoman shows them
    f"|(?<=[{_LEAD_437}])[{_TRAIL_437}]"  # ... as cp437 shows them
    f"|(?<=[{_read([0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9])}]) "  # A0 turned into a space
    f"|(?<=[{_read([0xE2, 0xE3, 0xF0])}]) [{_TRAIL}]"  # ... in a longer sequence
    f"|(?<=[{_read([0xC2, 0xC3])}])\\?))"  # a lost continuation written as "?"
)


def suspect(line: str) -> bool:
    """Whether `line` may hold UTF-8 read as a Latin code page (and so may need ftfy).

    >>> suspect("Le café est fermé, à côté"), suspect("cafÃ© crÃ¨me"), suspect("â€œ")
    (False, True, True)
    """
    return LATIN1_RE.search(line) is not None and SUSPECT_RE.search(line) is not None


def fix_latin_mojibake(text: str, ctx: Context) -> Iterator[Edit | Flag]:
    """Repair UTF-8 that was decoded as Latin-1 or Windows-1252 ("cafÃ©" -> "café").

    ftfy runs line by line, only on lines that hold a sequence such mojibake is made of (the
    character of a UTF-8 lead byte followed by one of a continuation byte, see `suspect`),
    and its explanation (the encode/decode plan) becomes the reason of the change. It does
    not touch curly quotes, fullwidth punctuation, ligatures or Unicode normalisation.

        >>> from cleaner import clean_text
        >>> clean_text("cafÃ© â€œdÃ©jÃ  vuâ€\\x9d").text
        'café “déjà vu”'
    """
    if not suspect(text):
        return
    lines = lines_of(text)  # CRLF, CR, LF only: "\x85" is a continuation byte here
    for i in range(len(lines)):
        start = lines.start(i)
        body = text[start : lines.body_end(i)]
        if not suspect(body):
            continue
        fixed, steps = ftfy.fix_and_explain(body, FTFY_CONFIG)
        if fixed == body:
            continue
        if MENTION_RE.search(body):
            message = f"mojibake quoted as an example (a text about it?): left as is, not {fixed!r}"
            yield Flag(start, start + len(body), message)
            continue
        plan = ", ".join(f"{step.action} {step.parameter}" for step in steps or [])
        edit = narrow(start, body, fixed, f"ftfy: {plan}")
        if _inside_legacy_run(body, edit.start - start, edit.end - start):
            message = (
                "Latin letters that are not UTF-8 (legacy Chinese bytes read as Latin-1?);"
                f" left as is, ftfy would write {edit.after!r}"
            )
            yield Flag(edit.start, edit.end, message)
        else:
            yield edit


#: The fewest cp1252 characters in a row that `_inside_legacy_run` judges.
LEGACY_RUN = 6
#: The byte of each character windows-1252 or Latin-1 shows for the bytes 80-FF.
HIGH_BYTES = {chr(byte): byte for byte in range(0x80, 0x100)} | {
    char: byte
    for byte in range(0x80, 0xA0)
    if (char := bytes([byte]).decode("cp1252", errors="ignore"))
}
HIGH_RUN_RE = re.compile(f"[{re.escape(''.join(HIGH_BYTES))}]{{{LEGACY_RUN},}}")


#: A single character's mojibake quoted on its own ("“Ã©”", "«Ã¨»", "`â€™`"): a text that
#: explains mojibake, such as a manual's chapter on encodings. Real mojibake stands in words
#: ("cafÃ©") or runs ("â€œä½ å¥½â€"), not alone between a pair of quotes.
_ONE = f"[{re.escape(''.join(HIGH_BYTES))}]{{2,3}}"
MENTION_RE = re.compile(f'“{_ONE}”|‘{_ONE}’|«{_ONE}»|「{_ONE}」|"{_ONE}"|`{_ONE}`')


#: What `surrogateescape` makes of the bytes that are no part of valid UTF-8.
BAD_BYTES = "".join(chr(code) for code in range(0xDC80, 0xDD00))


def _utf8_broken_inside(run: str) -> bool:
    """Whether `run`'s bytes (as `HIGH_BYTES`) hold invalid UTF-8 other than at their ends
    (where a cut or a lost byte leaves a broken sequence in real mojibake)."""
    data = bytes(HIGH_BYTES[char] for char in run)
    decoded = data.decode("utf-8", errors="surrogateescape")
    return any("\udc80" <= char <= "\udcff" for char in decoded.strip(BAD_BYTES))


def _inside_legacy_run(line: str, start: int, end: int) -> bool:
    """Whether the edit line[start:end] lies in runs of Latin-1 letters that are not UTF-8.

    GBK or Big5 text read as Latin-1 is long runs of accented letters and symbols
    ("Ñ²²ìÑ²ß\x89ê\xa0µÈ" is 巡察巡邏隊等). The `gbk-as-latin1` rule repairs what it can read;
    in what is left, ftfy finds a UTF-8 pair here and there ("Ç½" -> "ǽ") and would trade
    one garbage for another. Real UTF-8 mojibake is valid UTF-8 but where it was cut
    ("â€œä½ å¥½â€\x9d", or "â€œä½ å¥½â€" with the last byte lost), while GBK bytes break
    UTF-8 all along, so a run of at least `LEGACY_RUN` such characters that is broken
    inside is taken for legacy text.
    """
    inside = 0
    for match in HIGH_RUN_RE.finditer(line, 0, end + LEGACY_RUN):
        lo, hi = max(match.start(), start), min(match.end(), end)
        if lo < hi and _utf8_broken_inside(match.group()):
            inside += hi - lo
    outside = sum(1 for c in line[start:end] if ord(c) >= 0x80) - inside
    return inside > 0 and outside <= inside // 4


RULES = (
    Rule(
        "latin-mojibake",
        fix_latin_mojibake,
        "Repair UTF-8 read as Latin-1/cp1252 with ftfy, leaving CJK punctuation and quotes alone.",
        ("cafÃ©", "café"),
    ),
)
