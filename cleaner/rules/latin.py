"""Latin mojibake ("Ã©", "â€œ") through ftfy, configured to do no harm to CJK text."""

from __future__ import annotations

import re
from collections.abc import Iterator

import ftfy

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

#: UTF-8 read as a single-byte code page always shows its lead bytes C2-F4 as the Latin-1
#: letters "Â".."ô", or C1 controls where the code page has holes. A line without one cannot
#: hold such mojibake and is skipped unseen: Chinese text full of curly quotes and "·" never
#: reaches ftfy.
SUSPECT_RE = re.compile("[\u0080-\u009f\u00c2-\u00f4]")


def fix_latin_mojibake(text: str, ctx: Context) -> Iterator[Edit | Flag]:
    """Repair UTF-8 that was decoded as Latin-1 or Windows-1252 ("cafÃ©" -> "café").

    ftfy runs line by line, only on lines that contain a character such mojibake is made of,
    and its explanation (the encode/decode plan) becomes the reason of the change. It does not
    touch curly quotes, fullwidth punctuation, ligatures or Unicode normalisation.

        >>> from cleaner import clean_text
        >>> clean_text("cafÃ© â€œdÃ©jÃ  vuâ€\\x9d").text
        'café “déjà vu”'
    """
    if not SUSPECT_RE.search(text):
        return
    pos = 0
    for line in text.splitlines(keepends=True):
        start = pos
        pos += len(line)
        if not SUSPECT_RE.search(line):
            continue
        body = line.rstrip("\r\n")
        fixed, steps = ftfy.fix_and_explain(body, FTFY_CONFIG)
        if fixed == body:
            continue
        plan = ", ".join(f"{step.action} {step.parameter}" for step in steps or [])
        yield narrow(start, body, fixed, f"ftfy: {plan}")


RULES = (
    Rule(
        "latin-mojibake",
        fix_latin_mojibake,
        "Repair UTF-8 read as Latin-1/cp1252 with ftfy, leaving CJK punctuation and quotes alone.",
        ("cafÃ©", "café"),
    ),
)
