"""Bytes to Unicode: decide how a file was encoded, and say how sure we are.

The decoded text keeps everything a later rule needs to explain itself: a byte-order mark
stays as U+FEFF (the `bom` rule drops it, with a record), and in a file that is UTF-8 except
for some runs of invalid bytes those bytes stay as lone surrogates (Python's lossless
"surrogateescape" form) for the `broken-utf8` rule to read run by run. Line endings are never
translated.

The order of decisions (`decode`):
1. a byte-order mark (UTF-32, UTF-8, UTF-16) decides;
2. NUL bytes: UTF-32 or UTF-16 without BOM if the bytes decode so to clean text, otherwise
   the file is binary and skipped;
3. strict UTF-8;
4. "mostly UTF-8": valid multibyte UTF-8 sequences outweigh the invalid bytes (a file
   assembled from sources in different encodings): decoded with surrogateescape; so is a
   file with some UTF-8 CJK text that no legacy codec reads plausibly (step 5);
5. a legacy encoding. Every CJK codec that accepts the bytes strictly gives a reading, and
   `cleaner.plausibility` scores how much each looks like real writing. A reading that is
   plausible and clearly ahead of the others wins, however short the file. Two close
   plausible readings are settled by charset-normalizer only when the file is long enough
   for its statistics; otherwise the file is skipped as uncertain. Without any plausible
   CJK reading, the file is single-byte text (charset-normalizer proposes, cp1252 is
   preferred where it reads as cleanly) or, if nothing fits, binary.

charset-normalizer alone is not trusted on short CJK files: "中文测试" in GBK comes back as
Korean cp949 ("櫓匡꿎桿"), "中文乱码测试，编码错误" in GB18030 as UTF-16-BE Hangul, and
French cp1252 as cp1250 ("très" -> "trčs"). Those cases are in tests/test_decoding.py.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace

from cleaner import plausibility

BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: The multibyte CJK codecs tried for a legacy file, each with the superset tried when the
#: standard codec refuses the bytes (Microsoft's code pages add a few hundred characters).
CJK_CODECS: tuple[tuple[str, ...], ...] = (
    ("gb18030",),  # GB2312 and GBK files are read (and reported) as GB18030, their superset
    ("big5", "cp950"),
    ("shift_jis", "cp932"),
    ("euc_jp",),
    ("euc_kr", "cp949"),
)

#: Our names for the encodings charset-normalizer and the codecs module report.
NAMES: dict[str, str] = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "hz": "hz",
    "big5": "big5",
    "cp950": "cp950",
    "big5hkscs": "big5hkscs",
    "shift_jis": "shift_jis",
    "cp932": "cp932",
    "euc_jp": "euc_jp",
    "euc_kr": "euc_kr",
    "cp949": "cp949",
    "utf-8": "utf-8",
    "utf-16-le": "utf-16-le",
    "utf-16-be": "utf-16-be",
    "utf-32-le": "utf-32-le",
    "utf-32-be": "utf-32-be",
    "cp1252": "cp1252",
    "iso8859-1": "latin-1",
}

#: Encodings that read CJK bytes the same way for our purpose, by family (to match what
#: charset-normalizer proposes against our readings).
FAMILIES: dict[str, str] = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp950": "big5",
    "big5hkscs": "big5",
    "cp932": "shift_jis",
    "shift_jis_2004": "shift_jis",
    "shift_jisx0213": "shift_jis",
    "euc_jis_2004": "euc_jp",
    "euc_jisx0213": "euc_jp",
    "cp949": "euc_kr",
    "johab": "euc_kr",
}

#: How many characters of each reading are scored (the start of a file is representative).
SAMPLE_CHARS = 20_000
#: Below this many CJK characters, charset-normalizer's statistics are not trusted to settle
#: two plausible readings.
LONG_ENOUGH = 48
#: The recipes (see `Decoded.recipe`) of UTF-8 text, valid and mostly valid.
STRICT_UTF8 = ("utf-8", "strict")
SURROGATE_UTF8 = ("utf-8", "surrogateescape")
#: C0 control characters that do not occur in text files.
CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")


@dataclass(frozen=True, slots=True)
class Decoded:
    """The decoded text, the encoding it was read with, and how sure we are (0..1).

    `skipped` says why the bytes were not decoded (binary, undecidable encoding); `notes`
    are human-readable remarks for the report. `recipe` is how to decode the same bytes
    again without detecting anything: a (codec, errors) pair with
    ``data.decode(codec, errors) == text``; None when only `decode` can say (see `redecode`).
    """

    text: str
    encoding: str
    confidence: float
    skipped: str | None = None
    notes: tuple[str, ...] = ()
    recipe: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Reading:
    """One strict decoding of the bytes with one codec, and how plausible it is."""

    encoding: str
    text: str
    score: float
    counted: int
    codec: str = ""  # the Python codec that decoded `text` (`encoding` is our name for it)


def normalise(name: str) -> str:
    """Our name for an encoding: `codecs.lookup` spelling, GB2312/GBK as GB18030.

    >>> normalise("GBK"), normalise("utf_16_be"), normalise("windows-1252"), normalise("latin_1")
    ('gb18030', 'utf-16-be', 'cp1252', 'latin-1')
    """
    canonical = codecs.lookup(name).name
    return NAMES.get(canonical, canonical)


def decode(data: bytes) -> Decoded:
    """Decode `data`; see the module docstring for the order of decisions.

    >>> decoded = decode("中文测试".encode("gbk"))
    >>> decoded.text, decoded.encoding
    ('中文测试', 'gb18030')
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, bom, encoding)
    if not data:
        return Decoded("", "utf-8", 1.0, recipe=STRICT_UTF8)
    if b"\x00" in data:
        return _decode_with_nuls(data)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 1.0, recipe=STRICT_UTF8)
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    legacy = _decode_legacy(data)
    if legacy.skipped is None or not _has_utf8_cjk(data):
        return legacy
    # No legacy reading fits, but there is UTF-8 CJK text: read it as broken UTF-8, which
    # keeps every byte, and let `broken-utf8` read the rest run by run.
    return _mostly_utf8(data, force=True) or legacy


def redecode(data: bytes, found: Decoded) -> Decoded:
    """`decode(data)` for bytes that `decode` has seen before and answered `found` (with or
    without its text): the same answer, without detecting the encoding again.

    Detection is what costs (every CJK codec tried and scored); decoding with the codec it
    chose is one C call. A skipped answer stands as it is; without a recipe, or when the
    bytes no longer decode that way (they changed), `decode` runs again.

    >>> data = "中文测试".encode("gbk")
    >>> found = decode(data)
    >>> found.recipe
    ('gb18030', 'strict')
    >>> redecode(data, replace(found, text="")) == found
    True
    """
    if found.skipped is not None:
        return found
    if found.recipe is None:
        return decode(data)
    codec, errors = found.recipe
    try:
        text = data.decode(codec, errors)
    except UnicodeDecodeError:
        return decode(data)
    return replace(found, text=text)


def _decode_with_bom(data: bytes, bom: bytes, encoding: str) -> Decoded:
    # The codecs named in BOMS keep a byte-order mark as U+FEFF, so decoding the whole data
    # gives the same text: that is the recipe.
    body = data[len(bom) :]
    try:
        return Decoded("\ufeff" + body.decode(encoding), encoding, 1.0, recipe=(encoding, "strict"))
    except UnicodeDecodeError as exc:
        if encoding == "utf-8":
            broken = _mostly_utf8(body, force=True)
            if broken is not None:
                return Decoded(
                    "\ufeff" + broken.text,
                    "utf-8",
                    broken.confidence,
                    None,
                    (
                        *broken.notes,
                        "byte offsets in records count from after the 3-byte BOM",
                    ),
                    recipe=SURROGATE_UTF8,
                )
        return Decoded("", encoding, 0.0, skipped=f"invalid {encoding} after its BOM: {exc}")


def _decode_with_nuls(data: bytes) -> Decoded:
    """NUL bytes are either UTF-16/UTF-32 without a BOM, or binary data."""
    for encoding in _wide_candidates(data):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text or CONTROL_RE.search(text):
            continue
        if plausibility.counted(text) and plausibility.score(text[:SAMPLE_CHARS]) < 0:
            continue
        return Decoded(
            text,
            encoding,
            0.9,
            notes=(f"{encoding} without byte-order mark",),
            recipe=(encoding, "strict"),
        )
    return Decoded("", "binary", 0.0, skipped="binary file (NUL bytes; not UTF-16/UTF-32 text)")


def _wide_candidates(data: bytes) -> list[str]:
    """UTF-32/UTF-16 byte orders consistent with where the NUL bytes sit."""
    head = data[:4096]
    out: list[str] = []
    if len(data) % 4 == 0 and len(head) >= 4:
        quads = len(head) // 4
        if sum(1 for i in range(0, 4 * quads, 4) if head[i + 2 : i + 4] == b"\0\0") > quads / 2:
            out.append("utf-32-le")
        if sum(1 for i in range(0, 4 * quads, 4) if head[i : i + 2] == b"\0\0") > quads / 2:
            out.append("utf-32-be")
    if len(data) % 2 == 0:
        odd = head[1::2].count(0)
        even = head[0::2].count(0)
        if odd > even:
            out.append("utf-16-le")
        elif even > odd:
            out.append("utf-16-be")
    return out


def _has_utf8_cjk(data: bytes) -> bool:
    """Whether `data` holds a valid 3-byte UTF-8 sequence (rare by accident in legacy text)."""
    text = data.decode("utf-8", errors="surrogateescape")
    return any("\u0800" <= ch < "\ud800" or ch >= "\ue000" for ch in text)


def _mostly_utf8(data: bytes, *, force: bool = False) -> Decoded | None:
    """UTF-8 with some runs of invalid bytes, kept as lone surrogates; None if not so.

    The evidence for UTF-8 is the valid multibyte sequences (a 3- or 4-byte sequence counts
    1, a 2-byte one 1/2: GBK text makes those by accident, about one character in seven);
    against it, the invalid bytes. UTF-8 wins when the evidence is at least half the invalid
    byte count, so a legacy file with a few accidental sequences goes to the legacy path.
    """
    text = data.decode("utf-8", errors="surrogateescape")
    invalid = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    valid2 = sum(1 for ch in text if "\u0080" <= ch <= "\u07ff")
    valid3 = sum(1 for ch in text if ch >= "\u0800" and not "\ud800" <= ch <= "\udfff")
    evidence = valid3 + valid2 / 2
    if not force and evidence < invalid / 2:
        return None
    runs = len(re.findall("[\udc80-\udcff]+", text))
    note = (
        f"mostly UTF-8: {invalid} invalid byte(s) in {runs} run(s) kept for rule broken-utf8 "
        f"({valid3 + valid2} valid multibyte characters)"
    )
    confidence = round(evidence / (evidence + invalid), 2) if evidence + invalid else 1.0
    return Decoded(text, "utf-8", confidence, notes=(note,), recipe=SURROGATE_UTF8)


def readings(data: bytes) -> list[Reading]:
    """Every strict CJK decoding of `data` (plus UTF-16 without BOM), scored, best first."""
    out: list[Reading] = []
    seen: set[str] = set()
    candidates: list[tuple[str, ...]] = list(CJK_CODECS)
    if len(data) % 2 == 0:
        candidates += [("utf-16-le",), ("utf-16-be",)]
    for family in candidates:
        for encoding in family:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if text in seen or CONTROL_RE.search(text[:SAMPLE_CHARS]):
                break
            seen.add(text)
            sample = text[:SAMPLE_CHARS]
            counted = plausibility.counted(sample)
            score = plausibility.score(sample)
            out.append(Reading(normalise(encoding), text, score, counted, encoding))
            break
    out.sort(key=lambda r: r.score, reverse=True)
    return out


def _decode_legacy(data: bytes) -> Decoded:
    found = [r for r in readings(data) if r.counted]
    plausible = [r for r in found if r.score >= plausibility.PLAUSIBLE]
    if not plausible and _has_utf8_cjk(data):
        return Decoded("", "utf-8", 0.0, skipped="uncertain encoding: no legacy reading fits")
    if plausible:
        best = plausible[0]
        rivals = [r for r in found[1:] if best.score - r.score < plausibility.MARGIN]
        note = _describe(found)
        if not rivals:
            confidence = round(min(best.score, 1.0), 2)
            recipe = (best.codec, "strict")
            return Decoded(best.text, best.encoding, confidence, None, (note,), recipe)
        if best.counted >= LONG_ENOUGH:
            settled = _settle(data, [best, *rivals])
            if settled is not None:
                return Decoded(
                    settled.text,
                    settled.encoding,
                    round(settled.score / 2, 2),
                    None,
                    (
                        note,
                        f"charset-normalizer chose {settled.encoding} among close readings",
                    ),
                    (settled.codec, "strict"),
                )
        names = " or ".join(
            f"{r.encoding} ({r.text[:12]!r}, {r.score:.2f})"
            for r in [
                best,
                *rivals,
            ]
        )
        return Decoded(
            "",
            best.encoding,
            0.0,
            skipped=f"uncertain encoding: reads as {names}; left as it is",
            notes=(note,),
        )
    return _decode_single_byte(data, found)


def _settle(data: bytes, close: list[Reading]) -> Reading | None:
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return None
    chosen = _family(best.encoding)
    for reading in close:
        if _family(reading.encoding) == chosen:
            return reading
    return None


def _family(name: str) -> str:
    canonical = codecs.lookup(name).name
    return FAMILIES.get(canonical, NAMES.get(canonical, canonical))


def _decode_single_byte(data: bytes, found: list[Reading]) -> Decoded:
    import charset_normalizer
    from charset_normalizer import md

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return Decoded("", "binary", 0.0, skipped="binary file (no text encoding fits)")
    chosen = normalise(best.encoding)
    text = str(best)
    # charset-normalizer's text is the strict decoding of all the bytes, unless it dropped a
    # signature (`best.bom`); then only detection can say again.
    recipe = None if best.bom else (best.encoding, "strict")
    mess = md.mess_ratio(text)
    is_cjk_codec = _family(chosen) in {_family(e) for family in CJK_CODECS for e in family}
    if is_cjk_codec and plausibility.counted(text) == 0 and mess < 0.1:
        # Latin text written with a CJK codec (GB18030 has é, ü in its pinyin row): no CJK
        # reading to judge, and the text reads cleanly.
        return Decoded(
            text, chosen, round(1.0 - mess, 2), notes=("no CJK characters",), recipe=recipe
        )
    if is_cjk_codec or chosen.startswith("utf-"):
        described = _describe(found) if found else "no CJK codec reads it strictly"
        return Decoded(
            "",
            chosen,
            0.0,
            skipped=(
                f"uncertain encoding: charset-normalizer proposes {chosen} but no reading is "
                f"plausible ({described}); left as it is"
            ),
        )
    try:
        latin = data.decode("cp1252")
    except UnicodeDecodeError:
        latin = None
    if latin is not None and chosen != "cp1252" and md.mess_ratio(latin) <= mess:
        text, chosen, mess = latin, "cp1252", md.mess_ratio(latin)
        recipe = ("cp1252", "strict")
    if CONTROL_RE.search(text):
        return Decoded("", "binary", 0.0, skipped="binary file (control characters)")
    return Decoded(text, chosen, round(max(0.0, 1.0 - mess), 2), recipe=recipe)


def _describe(found: list[Reading]) -> str:
    return "plausibility: " + ", ".join(f"{r.encoding} {r.score:.2f}" for r in found[:4])
