"""Write docs/preview.svg, the picture of `cleaner diff` in the README.

The text is an excerpt of the real acceptance articles (fixtures/acceptance/input/), put
together line by line: the head of 003 (title, a dateline-and-source header, page chrome), a
line of 001 with GBK decoded one byte off, two ruby-annotated lines of 002, and the end of
003 (an editor credit). It is cleaned with the default configuration and drawn by
`cleaner.preview`, the code `cleaner diff` uses, on a recording rich console. Deterministic:
run it again after the rules change and commit the new picture.

    python scripts/make_preview_image.py
"""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from cleaner import clean_text
from cleaner.preview import THEME, Options, preview

REPO = Path(__file__).resolve().parent.parent
INPUT = REPO / "fixtures" / "acceptance" / "input"
OUTPUT = REPO / "docs" / "preview.svg"

#: (file prefix, 1-based input line numbers), in the order they go into the excerpt.
EXCERPT = (
    ("003", (1, 2, 3, 4, 5)),
    ("001", (43,)),
    ("002", (1, 4)),
    ("003", (34, 35, 36)),
)
WIDTH = 100


def excerpt() -> str:
    lines: list[str] = []
    for prefix, numbers in EXCERPT:
        (path,) = INPUT.glob(f"{prefix}_*.txt")
        text = path.read_bytes().decode("utf-8").split("\n")
        lines.extend(text[n - 1] for n in numbers)
    return "\n".join(lines)  # no final newline, as the articles have none


def main() -> None:
    result = clean_text(excerpt())
    console = Console(
        record=True,
        width=WIDTH,
        theme=THEME,
        force_terminal=True,
        color_system="truecolor",
        file=io.StringIO(),  # record only, print nothing
    )
    for renderable in preview(result, "excerpt.txt", Options(context=1, cut=16)):
        console.print(renderable)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(console.export_svg(title="cleaner diff excerpt.txt"), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
