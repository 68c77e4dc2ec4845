"""Plain unified diffs of what cleaning would write, for review and for `patch -p1`.

The diff is taken between the bytes of the file as it is and the bytes `cleaner` would write,
so it applies with `patch` exactly: line endings (CRLF stays CRLF inside each line), a missing
final newline ("\\ No newline at end of file", as diff(1) writes it) and, for a file in a
legacy encoding, the old bytes on the "-" side and the UTF-8 on the "+" side. Lines are split
at "\\n" only, as patch does. No colour here: `cleaner.render` colours for terminals.
"""

from __future__ import annotations

import difflib
import os

from cleaner.files import encode_output
from cleaner.model import Result

NO_NEWLINE = b"\\ No newline at end of file\n"


def unified_diff(a: bytes, b: bytes, a_name: str, b_name: str, *, context: int = 3) -> bytes:
    """A unified diff from `a` to `b`; empty when they are equal.

    >>> a, b = "cafÃ©\\n".encode(), "café".encode()
    >>> print(unified_diff(a, b, "a/menu.txt", "b/menu.txt").decode(), end="")
    --- a/menu.txt
    +++ b/menu.txt
    @@ -1 +1 @@
    -cafÃ©
    +café
    \\ No newline at end of file
    """
    if a == b:
        return b""
    lines = difflib.diff_bytes(
        difflib.unified_diff,
        _lines(a),
        _lines(b),
        os.fsencode(a_name),
        os.fsencode(b_name),
        n=context,
        lineterm=b"\n",
    )
    out: list[bytes] = []
    for line in lines:
        out.append(line)
        if not line.endswith(b"\n"):
            out.append(b"\n" + NO_NEWLINE)
    return b"".join(out)


def result_diff(
    result: Result, name: str, before: bytes | None = None, *, output_encoding: str = "utf-8"
) -> bytes:
    """The diff from `before` (the input's bytes) to what would be written for `result`:
    its text in `output_encoding` (see `cleaner.files.encode_output`, which raises
    `OutputEncodingError` for a character that encoding cannot write).

    This is what `cleaner clean --diff` prints. `name` is the path shown after `a/` and
    `b/`. Without `before`, the decoded original text is diffed as UTF-8. A skipped result
    has no diff: nothing would be written.

        >>> from cleaner import clean_bytes, clean_text
        >>> print(result_diff(clean_text("cafÃ©\\n"), "menu.txt").decode(), end="")
        --- a/menu.txt
        +++ b/menu.txt
        @@ -1 +1 @@
        -cafÃ©
        +café
        >>> gb = "中文\\n".encode("gb18030")  # needs no repair: only re-encoding changes it
        >>> result_diff(clean_bytes(gb), "a.txt", gb, output_encoding="gb18030")
        b''
        >>> result_diff(clean_bytes(gb), "a.txt", gb).endswith("+中文\\n".encode())
        True
    """
    if result.skipped:
        return b""
    if before is None:
        before = result.original.encode("utf-8", "surrogateescape")
    after = encode_output(result, output_encoding)
    return unified_diff(before, after, f"a/{name}", f"b/{name}")


def _lines(data: bytes) -> list[bytes]:
    """`data` cut after each b"\\n"; a last line without one stays as it is."""
    parts = data.split(b"\n")
    lines = [part + b"\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines
