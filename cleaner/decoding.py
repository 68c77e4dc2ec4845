"""Bytes to Unicode: decide how a file was encoded, and say how sure we are.

The decoded text keeps everything a later rule needs to explain itself: a byte-order mark
stays as U+FEFF (the `bom` rule drops it, with a record), and in a file that is UTF-8 except
for some runs of invalid bytes those bytes stay as lone surrogates (Python's lossless
"surrogateescape" form) for the `broken-utf8` rule to read run by run. Line endings are never
translated.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import charset_normalizer

BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """The decoded text, the encoding it was read with, and how sure we are (0..1).

    `skipped` says why the bytes were not decoded (binary, undecidable encoding); `notes`
    are human-readable remarks for the report.
    """

    text: str
    encoding: str
    confidence: float
    skipped: str | None = None
    notes: tuple[str, ...] = ()


def decode(data: bytes) -> Decoded:
    """Decode `data`: BOM, then strict UTF-8, then mostly-UTF-8, then charset-normalizer."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                body = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                return Decoded("", encoding, 0.0, skipped=f"invalid {encoding} after BOM: {exc}")
            return Decoded(
                "\ufeff" + body,
                encoding.replace("-le", "").replace("-be", "")
                if encoding.startswith("utf-8")
                else encoding,
                1.0,
            )
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 1.0)
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        return Decoded("", "binary", 0.0, skipped="binary file (NUL bytes)")
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return Decoded("", "binary", 0.0, skipped="binary file (no text encoding fits)")
    return Decoded(str(best), codecs.lookup(best.encoding).name, 1.0 - best.chaos)
