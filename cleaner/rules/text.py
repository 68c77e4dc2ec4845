"""Repairs at the level of the encoding: byte-order marks and undecodable byte runs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cleaner.model import Edit, Flag
from cleaner.rules.base import Context, Rule

BOM_RE = re.compile(r"(?:^|(?<=\n))\ufeff")


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


RULES = (
    Rule(
        "bom",
        remove_bom,
        "Drop byte-order marks (the output is UTF-8 without BOM).",
        ("\ufeffHello", "Hello"),
    ),
)
