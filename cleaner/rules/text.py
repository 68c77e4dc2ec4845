"""Repairs at the level of the encoding: byte-order marks and undecodable byte runs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cleaner import plausibility
from cleaner.model import Edit, Flag, narrow
from cleaner.rules.base import Context, Rule

BOM_RE = re.compile(r"(?:^|(?<=[\r\n]))\ufeff")


def remove_bom(text: str, ctx: Context) -> Iterator[Edit | Flag]:
    """Drop byte-order marks: the one a file starts with, and ones left at line starts.

    The output is UTF-8, where a BOM only gets in the way (shebangs, CSV headers, `cat`ing
    files together). A BOM at the start of a line is what concatenating files with BOMs
    leaves behind. A U+FEFF inside a line is a zero-width no-break space, and is left alone.

        >>> from cleaner import clean_text
        >>> clean_text("\\ufeff你好").text
        '你好'
    """
    if "\ufeff" not in text:
        return
    for match in BOM_RE.finditer(text):
        yield Edit(match.start(), match.end(), "", "byte-order mark dropped (output is UTF-8)")


#: Invalid bytes of a mostly-UTF-8 file, as `cleaner.decoding` keeps them (surrogateescape).
SURROGATES_RE = re.compile("[\udc80-\udcff]+")
#: Codecs a run of invalid bytes is read with, most common first; cp1252 comes last and only
#: for short runs in Latin text (see `_latin_reading`).
RUN_CODECS = ("gb18030", "big5")
#: What cp1252 bytes in a Latin text plausibly are: letters and the usual punctuation.
LATIN_OK = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿŒœŠšŽžŸƒ"
    "‘’‚“”„–—…•·«»‹›€£¥¢©®°±§¶ªº¿¡²³¹µ¼½¾´¨¸ˆ˜†‡‰™\u00a0"
)


def fix_broken_utf8(text: str, ctx: Context) -> Iterator[Edit | Flag]:
    """Read the invalid byte runs of a mostly-UTF-8 file in the encoding they were written in.

    Files assembled from several sources (a GBK paragraph pasted into a UTF-8 article, a
    cp1252 "é" in a UTF-8 list) are UTF-8 except for some runs of bytes. The decoder keeps
    those bytes as lone surrogates; this rule reads each run as GB18030 and as Big5 and keeps
    the more plausible reading (`cleaner.plausibility`), or, for short runs in Latin text, as
    cp1252. A GBK run can hold a byte pair that happens to be valid UTF-8 (lead C2-DF +
    80-BF) or an ASCII trail byte (40-7E); such runs are read as a whole.

    Bytes no codec reads plausibly become U+FFFD, with the byte offset (counted in the text
    as decoded, after any BOM) in the record and a Flag: nothing is dropped silently, and the
    record keeps the original bytes. Text without invalid bytes is not touched.

        >>> from cleaner import clean_bytes
        >>> clean_bytes("这是一个测试。".encode() + "中文内容".encode("gbk")).text
        '这是一个测试。中文内容'
    """
    if not SURROGATES_RE.search(text):
        return
    byte_pos = 0
    text_pos = 0
    for start, end in _byte_runs(text):
        byte_pos += len(text[text_pos:start].encode("utf-8", "surrogateescape"))
        text_pos = start
        yield from _read_run(text, start, end, byte_pos)


def _byte_runs(text: str) -> list[tuple[int, int]]:
    """Spans of invalid bytes, merged across what a GBK/Big5 run can contain by accident:
    one or two non-ASCII characters (a pair that is also valid UTF-8) or one ASCII trail
    byte (40-7E)."""
    spans: list[tuple[int, int]] = []
    for match in SURROGATES_RE.finditer(text):
        if spans:
            gap = text[spans[-1][1] : match.start()]
            bridge = (1 <= len(gap) <= 2 and all(ord(c) >= 0x80 for c in gap)) or (
                len(gap) == 1 and 0x40 <= ord(gap) <= 0x7E
            )
            if bridge:
                spans[-1] = (spans[-1][0], match.end())
                continue
        spans.append((match.start(), match.end()))
    return spans


def _read_run(text: str, start: int, end: int, offset: int) -> Iterator[Edit | Flag]:
    data = text[start:end].encode("utf-8", "surrogateescape")
    where = f"{len(data)} byte(s) {_hex(data)} (not UTF-8) at byte offset {offset}"
    left, right = text[max(0, start - 12) : start], text[end : end + 12]
    best = _cjk_reading(text, start, end)
    if best is not None:
        codec, reading, span_start, span_end = best
        fffd = SURROGATES_RE.sub("\ufffd", reading)
        before = text[span_start:span_end]
        yield narrow(span_start, before, fffd, f"{where} read as {codec}")
        if fffd != reading:
            yield Flag(start, end, f"{where}: some bytes are unreadable as {codec} (U+FFFD)")
        return
    latin = _latin_reading(data, left, right)
    if latin is not None:
        yield Edit(start, end, latin, f"{where} read as cp1252")
        return
    yield Edit(start, end, "\ufffd", f"{where} cannot be read in any encoding: U+FFFD")
    yield Flag(start, end, f"{where} unreadable, replaced by U+FFFD (the record keeps them)")


def _cjk_reading(text: str, start: int, end: int) -> tuple[str, str, int, int] | None:
    """(codec, reading, span start, span end) of the best plausible CJK reading of a run.

    Besides the run itself, spans reaching one character further are tried where that
    character may hold the run's last bytes: an ASCII trail byte (40-7E) after it, a
    character that is also valid UTF-8 by accident on either side (a 2-byte one before, a
    2- or 3-byte one after). A longer span is kept only when it reads more bytes.
    """
    spans = [(start, end)]
    after = text[end : end + 1]
    if after and (0x40 <= ord(after) <= 0x7E or ord(after) >= 0x80) and after != "\ufeff":
        spans.append((start, end + 1))
    before = text[start - 1 : start]
    if before and 0x80 <= ord(before) <= 0x7FF:
        spans += [(start - 1, stop) for _, stop in list(spans)]
    options: list[tuple[int, int, float, str, str, int, int]] = []
    for codec in RUN_CODECS:
        plain = text[start:end].encode("utf-8", "surrogateescape").decode(codec, "surrogateescape")
        for span_start, span_end in spans:
            extended = (span_start, span_end) != (start, end)
            if extended and not (
                (span_end > end and plain[-1:] in _LONE)
                or (span_start < start and plain[:1] in _LONE)
            ):
                continue  # a neighbour is only borrowed to complete a character
            raw = text[span_start:span_end].encode("utf-8", "surrogateescape")
            reading = raw.decode(codec, "surrogateescape")
            readable = SURROGATES_RE.sub("", reading)
            if not readable or plausibility.counted(readable) == 0:
                continue
            unread = len(reading) - len(readable)
            own = plausibility.score(readable)
            context = text[max(0, span_start - 12) : span_start] + readable + text[span_end:][:12]
            if own >= plausibility.PLAUSIBLE or (
                not extended
                and own >= plausibility.COMMON
                and plausibility.score(context) >= plausibility.PLAUSIBLE
            ):
                extra = (span_end - span_start) - (end - start)
                # fewest unread bytes first, then the shorter span, then the better score
                options.append((-unread, -extra, own, codec, reading, span_start, span_end))
    if not options:
        return None
    options.sort(key=lambda o: (o[0], o[1], o[2]), reverse=True)
    _, _, _, codec, reading, span_start, span_end = options[0]
    return codec, reading, span_start, span_end


_LONE = frozenset(chr(c) for c in range(0xDC80, 0xDD00))


def _latin_reading(data: bytes, left: str, right: str) -> str | None:
    """The cp1252 reading of a short run in Latin text, if it is letters and punctuation."""
    if sum(1 for b in data if b >= 0x80) > 4:
        return None
    reading = data.decode("cp1252", "replace")
    if not all(ch in LATIN_OK or (ch.isascii() and ch.isalpha()) for ch in reading):
        return None
    neighbours = left[-1:] + right[:1]
    if not all(ch.isascii() or ch in LATIN_OK for ch in neighbours):
        return None  # next to CJK text or symbols: not a Latin word
    return reading


def _hex(data: bytes) -> str:
    shown = " ".join(f"{b:02X}" for b in data[:12])
    return shown + (" …" if len(data) > 12 else "")


RULES = (
    Rule(
        "bom",
        remove_bom,
        "Drop byte-order marks (the output is UTF-8 without BOM).",
        ("\ufeffHello", "Hello"),
    ),
    Rule(
        "broken-utf8",
        fix_broken_utf8,
        "Read runs of invalid bytes in a UTF-8 file as GB18030, Big5 or cp1252; else U+FFFD.",
        ("这是\udcd6\udcd0\udcce\udcc4", "这是中文"),
    ),
)
