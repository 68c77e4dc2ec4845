"""HTML remnants in plain text: stray tags ("</p>", "<br>") and character references ("&nbsp;").

Text scraped from web pages keeps bits of the markup it was cut out of: a "</p>" at the end of
a paragraph, a "<br>" between two sentences, "&nbsp;" runs used as indentation, "&amp;" and
"&#8220;" that were never decoded. In a plain-text file they are noise; in Markdown,
reStructuredText, HTML/XML or source code they are content. So both rules here apply only to
plain text: text without a path (stdin, library calls) and files whose suffix is listed in
the rule option `suffixes` (default `.txt`, `.text`; see `is_plain_text`). Everything else is
left alone, including formats where decoding would break the structure: in JSON and CSV a
decoded "&quot;" ends a string and a "<br>" turned into a line break splits a record.

Decisions (documented here and in the rule docstrings):

- Tags: only known HTML element names (`HTML_ELEMENTS`), all lower or all upper case, in
  well-formed tag syntax count. "a < b", "x<y and y>z", "<stdin>", "List<String>",
  "<john@example.com>", "<https://…>" are not tags. A start tag without attributes whose
  name could be a placeholder ("<input> <output>", "<title>") counts only when the text also
  holds its end tag; otherwise it is reported (a `Flag`) and left.
- A tag at the start or end of a line is removed. A line break or block tag ("<br>",
  "</p><p>") between two pieces of text on one line becomes a line break in the file's own
  style ("\\r\\n" in a CRLF file), so sentences are not glued; a table-cell boundary becomes
  a space; an inline tag ("<b>", "</span>") just goes. A line holding nothing but tags goes
  with its line break (and a last line without a final newline takes the line break before
  it, so the file still ends without one).
- References: named ones from `html.entities.html5` that end with ";", and numeric ones
  ("&#12345;", "&#x4e2d;"); decimal references to 128-159 follow the HTML standard's
  Windows-1252 reading. The legacy forms without ";" are NOT decoded ("&copy=1" in a URL,
  "AT&T", "R&D", "&c."), except "&nbsp" when no letter, digit, "=", "_" or ";" follows.
- "&nbsp;" (and "&#160;") becomes a plain space, not U+00A0: in a plain-text corpus a
  no-break space only serves to keep HTML from collapsing spaces, and it trips up
  tokenisers, search and deduplication; Chinese pages use "&nbsp;" runs as indentation,
  which readers expect as spaces. A literal U+00A0 already in the text is left alone. The
  option `nbsp` of `html-entities` switches to "\\u00a0" for users who want ftfy's reading.
- Double escapes ("&amp;nbsp;", "&amp;quot;") are decoded all the way in one step.
- One pass: a reference is left as it is (and reported) when decoding it would create a tag
  or a new reference that a second run would change ("&lt;br&gt;" stays), so cleaning twice
  gives what cleaning once gave. References to control or invisible characters ("&#0;",
  "&#10;", "&#65279;") are reported and left, except a "&#13;" right before a line break,
  which is dropped (the line break is already there).
- References that spell Latin mojibake ("&Atilde;&copy;" is the UTF-8 of "é" read as
  Latin-1) are decoded and repaired with ftfy in the same change, as the `latin-mojibake`
  rule would do on the next run.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from html.entities import html5
from pathlib import PurePath
from typing import cast

import ftfy

from cleaner.config import OptionError
from cleaner.lines import Lines, lines_of
from cleaner.model import Edit, Flag, apply_edits, narrow
from cleaner.rules.base import Context, Rule
from cleaner.rules.latin import FTFY_CONFIG, LATIN1_RE, suspect

# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------


def _words(names: str) -> frozenset[str]:
    return frozenset(names.split())


#: Element names of the HTML standard, plus obsolete ones still common in scraped pages and
#: Microsoft Word's "<o:p>". Nothing else counts as a tag.
HTML_ELEMENTS: frozenset[str] = _words(
    """
    a abbr address area article aside audio b base bdi bdo blockquote body br button canvas
    caption cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i
    iframe img input ins kbd label legend li link main map mark math menu meta meter nav
    noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp
    script search section select slot small source span strong style sub summary sup svg table
    tbody td template textarea tfoot th thead time title tr track u ul var video wbr
    acronym applet basefont big blink center dir font frame frameset marquee nobr noframes
    spacer strike tt xmp o:p
    """
)

#: Start tags that are unmistakable without attributes or an end tag anywhere in a line.
ALWAYS_TAGS: frozenset[str] = frozenset({"br", "hr", "wbr"})

#: Elements whose end tag HTML makes optional: an unpaired "<p>" or "<li>" is a remnant when it
#: opens a line or follows another tag, but "<p>" in the middle of prose may be physics
#: notation (the expectation value of p), so there it is only reported.
OPTIONAL_END_TAGS: frozenset[str] = _words(
    "p li dt dd tr td th thead tbody tfoot rt rp optgroup colgroup"
)

#: Elements that break the line where they stand: removed between two pieces of text, they
#: become a line break.
BREAK_TAGS: frozenset[str] = _words(
    """
    br p div li dt dd dl ul ol tr table thead tbody tfoot caption h1 h2 h3 h4 h5 h6 hr pre
    blockquote section article header footer nav aside main figure figcaption address details
    summary form fieldset legend center hgroup dir menu noscript title o:p
    """
)

#: Table cells: removed between two pieces of text, they become a space.
CELL_TAGS: frozenset[str] = frozenset({"td", "th"})

#: Attributes that may stand without a value. Any other bare word makes "<a and b>" prose.
BOOLEAN_ATTRIBUTES: frozenset[str] = _words(
    """
    allowfullscreen async autofocus autoplay checked compact controls default defer disabled
    formnovalidate hidden inert ismap itemscope loop multiple muted nomodule noshade novalidate
    nowrap open playsinline readonly required reversed selected
    """
)

#: Suffixes of files that are plain text, where HTML remnants are artefacts. Text without a
#: path (stdin, library calls) counts as plain text too.
PLAIN_TEXT_SUFFIXES: tuple[str, ...] = (".txt", ".text")

#: What "&nbsp;" becomes by default (see the module docstring).
NBSP_DEFAULT = " "

# --------------------------------------------------------------------------------------------
# Where the rules apply
# --------------------------------------------------------------------------------------------


def is_plain_text(path: PurePath | None, suffixes: Iterable[str] = PLAIN_TEXT_SUFFIXES) -> bool:
    """Whether `path` names plain text, where inline HTML is an artefact, not content.

    No path (stdin, library) is plain text. Files count by suffix, case-insensitively; a file
    without one ("Makefile", "README") does not: scripts have no suffix, and in "sort <input
    >output" the redirection looks like a tag.

        >>> is_plain_text(None), is_plain_text(PurePath("a/B.TXT")), is_plain_text(PurePath("x.md"))
        (True, True, False)
    """
    if path is None:
        return True
    return path.suffix.lower() in {s.lower() for s in suffixes}


def _applies(ctx: Context, rule_id: str) -> bool:
    suffixes = cast("tuple[str, ...]", ctx.options(rule_id)["suffixes"])  # checked at load
    return is_plain_text(ctx.path, suffixes)


def _check_suffixes(options: Mapping[str, object]) -> None:
    """Each suffix starts with "." (`Rule.validate` of both rules)."""
    for suffix in cast("tuple[str, ...]", options["suffixes"]):
        if not suffix.startswith("."):
            raise OptionError(
                "suffixes", f"a suffix starts with '.', such as '.txt'; not {suffix!r}"
            )


# --------------------------------------------------------------------------------------------
# Tags
# --------------------------------------------------------------------------------------------

_NAME = r"[A-Za-z][A-Za-z0-9]*(?::[A-Za-z][A-Za-z0-9]*)?"
_ATTR_NAME = r"[A-Za-z_:@][-A-Za-z0-9_:.@]*"
_ATTR_VALUE = r"""(?:"[^"\r\n]*"|'[^'\r\n]*'|[^\s"'=<>`]+)"""
_ATTR = rf"[ \t]+{_ATTR_NAME}(?:[ \t]*=[ \t]*{_ATTR_VALUE})?"

#: One scan finds every tag-shaped candidate: "<", an optional "/", a name, attributes,
#: an optional "/", ">", all on one line. Names and attributes are checked afterwards.
TAG_RE = re.compile(rf"<(/?)({_NAME})((?:{_ATTR})*)[ \t]*(/?)>")
ATTR_RE = re.compile(rf"[ \t]+({_ATTR_NAME})([ \t]*=[ \t]*{_ATTR_VALUE})?")

_BLANK_RE = re.compile(r"[ \t]*")


@dataclass(frozen=True, slots=True)
class Tag:
    """A tag found in the text: its span and lower-case element name."""

    start: int
    end: int
    name: str


def find_tags(text: str) -> tuple[list[Tag], list[Tag]]:
    """The HTML tags in `text`, and the tag-shaped spans left alone as possibly meant.

    Returns (tags, doubtful). A candidate must use a known element name, in all lower or all
    upper case ("<Map>" and "<String>" are generic types), and well-formed syntax. End tags
    count as they stand; a start tag counts when it has attributes (with values, or known
    boolean ones, so "<a and b>" is prose), is self-closing, is "<br>"/"<hr>"/"<wbr>", has its
    end tag somewhere in the text, or is an optional-end tag ("<p>", "<li>") that opens a
    line or follows another tag. Other start tags of known elements are doubtful.

        >>> tags, doubtful = find_tags("<p>a</p> x<y and y>z <title> List<String>")
        >>> [t.name for t in tags], [t.name for t in doubtful]
        (['p', 'p'], ['title'])
    """
    candidates: list[tuple[re.Match[str], str]] = []
    closed: set[str] = set()
    for m in TAG_RE.finditer(text):
        slash, name, attrs, self_closing = m.groups()
        if not (name.islower() or name.isupper()):
            continue
        lname = name.lower()
        if lname not in HTML_ELEMENTS:
            continue
        if slash:
            if attrs or self_closing:
                continue
            closed.add(lname)
        candidates.append((m, lname))

    tags: list[Tag] = []
    doubtful: list[Tag] = []
    lines: list[Lines] = []  # built on first need
    for m, lname in candidates:
        tag = Tag(m.start(), m.end(), lname)
        verdict = _start_tag_verdict(m, lname, text, closed, tags[-1].end if tags else -1, lines)
        if verdict is True:
            tags.append(tag)
        elif verdict is None:
            doubtful.append(tag)
    return tags, doubtful


def _start_tag_verdict(
    m: re.Match[str],
    name: str,
    text: str,
    closed: set[str],
    previous_end: int,
    lines: list[Lines],
) -> bool | None:
    """True if candidate `m` is a tag, False if it is not, None if it is doubtful."""
    slash, _, attrs, self_closing = m.groups()
    if slash or self_closing:
        return True
    if attrs:
        return all(_attribute_ok(a) for a in ATTR_RE.finditer(attrs))
    if name in ALWAYS_TAGS or name in closed:
        return True
    if name in OPTIONAL_END_TAGS:
        if not lines:
            lines.append(Lines(text))
        line_start = lines[0].start(lines[0].index_at(m.start()))
        opens_line = not text[line_start : m.start()].strip()
        after_tag = previous_end >= 0 and _BLANK_RE.fullmatch(text, previous_end, m.start())
        if opens_line or after_tag:
            return True
    return None


def _attribute_ok(m: re.Match[str]) -> bool:
    name = m.group(1).lower()
    return bool(m.group(2)) or name in BOOLEAN_ATTRIBUTES or name.startswith("data-")


_REMOVED = "stray HTML tag removed"
_LINE_REMOVED = "line held only HTML tags: removed with its line break"
_BROKEN = "HTML line/block break between two texts: replaced by a line break"
_CELL = "HTML table-cell boundary between two texts: replaced by a space"


def plan_tags(text: str) -> tuple[list[Edit], list[Flag]]:
    """The edits that remove the tags of `text` (see `remove_html_tags`), and the flags."""
    tags, doubtful = find_tags(text)
    flags = [
        Flag(t.start, t.end, "looks like an HTML tag but may be meant (no end tag): left as is")
        for t in doubtful
    ]
    lines = Lines(text)
    by_line: dict[int, list[Tag]] = {}
    for tag in tags:
        by_line.setdefault(lines.index_at(tag.start), []).append(tag)

    edits: list[Edit] = []
    for i, line_tags in by_line.items():
        start, end = lines.start(i), lines.body_end(i)
        clusters: list[list[Tag]] = []
        for tag in line_tags:
            if clusters and _BLANK_RE.fullmatch(text, clusters[-1][-1].end, tag.start):
                clusters[-1].append(tag)
            else:
                clusters.append([tag])
        gaps = zip(
            [start, *(c[-1].end for c in clusters)],
            [*(c[0].start for c in clusters), end],
            strict=True,
        )
        rest = "".join(text[a:b] for a, b in gaps)
        if not rest.strip():
            edits.append(_remove_line(lines, i, edits))
            continue
        ending = lines.ending(i) or (lines.ending(i - 1) if i else "") or "\n"
        line = text[start:end]
        bounds = (end - len(line.lstrip()), start + len(line.rstrip()))  # where the text is
        for cluster in clusters:
            edits.extend(_cluster_edits(text, cluster, bounds, ending))
    return edits, flags


def _remove_line(lines: Lines, i: int, edits: list[Edit]) -> Edit:
    """Remove line `i`, tags only; a last line without line break takes the one before it."""
    start, end, ending = lines.start(i), lines.body_end(i), lines.ending(i)
    if ending:
        return Edit(start, end + len(ending), "", _LINE_REMOVED)
    # The text ends here without a final newline, and must go on doing so: take the line
    # break before (and any tag-only lines just before, already planned) into this edit.
    while edits and edits[-1].end == lines.start(i) and edits[-1].reason == _LINE_REMOVED:
        edits.pop()
        i -= 1
    return Edit(lines.body_end(i - 1) if i else 0, end, "", _LINE_REMOVED)


def _cluster_edits(
    text: str, cluster: list[Tag], bounds: tuple[int, int], ending: str
) -> list[Edit]:
    """Edits for a run of tags (only blanks between) in a line whose text lies in `bounds`."""
    first, last = cluster[0].start, cluster[-1].end
    if first <= bounds[0] or last >= bounds[1]:  # the run opens or closes the line
        return _split(cluster, first, last, "", _REMOVED)
    names = {t.name for t in cluster}
    lead = first
    while text[lead - 1] in " \t":
        lead -= 1
    trail = last
    while text[trail] in " \t":
        trail += 1
    if names & BREAK_TAGS:
        return _split(cluster, lead, trail, ending, _BROKEN)
    if names & CELL_TAGS:
        return _split(cluster, lead, trail, " ", _CELL)
    # Inline tags just go; of the blanks on both sides of "a <img src=x> b" one side stays.
    return _split(cluster, first, trail if lead < first else last, "", _REMOVED)


def _split(cluster: list[Tag], first: int, last: int, replacement: str, reason: str) -> list[Edit]:
    """One edit per tag (so every tag has its record); the replacement goes on the first."""
    edits = []
    for i, tag in enumerate(cluster):
        a = first if i == 0 else cluster[i - 1].end
        b = last if i == len(cluster) - 1 else tag.end
        edits.append(Edit(a, b, replacement if i == 0 else "", reason))
    return edits


def remove_html_tags(text: str, ctx: Context) -> Iterator[Edit | Flag]:
    """Remove stray HTML tags from plain text ("完成了</p>" -> "完成了").

    Scrapers that cut text out of a page often keep a tag at a paragraph's edge or a "<br>" in
    its middle. Only known element names in well-formed syntax count (see `find_tags`);
    "a < b", "<stdin>", "List<String>", "<john@example.com>" and a "<title>" placeholder
    without end tag stay. Markdown, HTML, source code and other non-plain-text files are left
    alone (see `is_plain_text`). A tag opening or closing a line is removed; a line or block
    break between two texts becomes a line break in the file's style, a cell boundary a space;
    a line of nothing but tags is removed with its line break.

        >>> from cleaner import clean_text
        >>> clean_text("第一段。</p><p>第二段。</p>\\r\\n<br>\\r\\nA<b>b</b> c").text
        '第一段。\\r\\n第二段。\\r\\nAb c'
    """
    if "<" not in text or not _applies(ctx, "html-tags"):
        return
    edits, flags = plan_tags(text)
    edits, flags = _settle(
        text,
        edits,
        flags,
        lambda new: [(t.start, t.end) for t in find_tags(new)[0]],
        "removing this tag would form a new tag with its neighbours: left as is",
    )
    if "\ufeff" in text and ctx.config.rule_enabled("bom", True):
        edits = _take_exposed_boms(text, edits)
    yield from flags
    yield from edits


_BOM = "\ufeff"


def _take_exposed_boms(text: str, edits: list[Edit]) -> list[Edit]:
    """`edits`, where one leaves a U+FEFF at the start of a line, extended over it.

    Inside a line U+FEFF is a zero-width no-break space and `bom` (which ran before) leaves
    it; at a line start it is a byte-order mark and `bom` drops it. Removing the tags before
    one ("<b>\ufeff</b>") moves it to a line start, where `bom` would drop it on the next
    run: so it goes now, in the same change, and cleaning twice gives what cleaning once
    gave. Line starts are those of `bom` (after "\n", or the text start).
    """
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    regions = _regions(ordered)
    starts = {e.start for e in ordered}
    new_text: str | None = None
    out: list[Edit] = []
    for edit, (_, b) in zip(ordered, regions, strict=True):
        if text.startswith(_BOM, edit.end) and edit.end not in starts:
            new_text = new_text if new_text is not None else apply_edits(text, ordered)
            if b == 0 or new_text[b - 1] == "\n":
                reason = f"{edit.reason}; the byte-order mark it left at a line start dropped"
                edit = Edit(edit.start, edit.end + 1, edit.after, reason)
        out.append(edit)
    return out


# --------------------------------------------------------------------------------------------
# Character references
# --------------------------------------------------------------------------------------------

#: "&", any number of escaped ampersands ("amp;", "#38;", "#x26;": double escaping), then a
#: named reference with ";", a numeric one, or the legacy "&nbsp" without ";" when nothing
#: that could continue a name or a URL parameter follows.
ENTITY_RE = re.compile(
    r"&((?:(?:amp|AMP|#0*38|#[xX]0*26);)*)"
    r"(#[0-9]+;|#[xX][0-9A-Fa-f]+;|[A-Za-z][A-Za-z0-9]{1,31};|nbsp(?![A-Za-z0-9=_;]))"
)


def _decode(m: re.Match[str], text: str, nbsp: str) -> Edit | Flag | None:
    """The edit decoding reference `m`, a flag if it must stay, or None if it is no reference."""
    chain, body = m.groups()
    reason = (
        "double-escaped HTML reference decoded" if chain else "HTML character reference decoded"
    )
    if body == "nbsp":
        value = "\xa0"
        reason = "HTML &nbsp without ';' decoded"
    elif body.startswith("#"):
        code = int(body[2:-1], 16) if body[1] in "xX" else int(body[1:-1])
        if code == 0x0D and text[m.end() : m.end() + 1] in ("\n", "\r", ""):
            return Edit(m.start(), m.end(), "", "carriage-return reference before a line break")
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return Flag(m.start(), m.end(), "reference to no character (U+FFFD): left as is")
        value = html.unescape(f"&#{code};")  # 128-159 read as Windows-1252, as browsers do
    else:
        found = html5.get(body)
        if found is None:
            if not chain:
                return None
            return Edit(m.start(), m.end(), "&" + body, "double-escaped ampersand decoded")
        value = found
    if not value or "\ufeff" in value or any(_control(c) for c in value):
        return Flag(m.start(), m.end(), "reference to a control or invisible character: left as is")
    if "\xa0" in value:
        value = value.replace("\xa0", nbsp)
        reason += f" (no-break space written as {nbsp!r})"
    return Edit(m.start(), m.end(), value, reason)


_SHOWN = "reference written beside its own character (a text about HTML?): left as is"


def _shown_beside(text: str, m: re.Match[str], value: str) -> bool:
    """Whether reference `m` stands alone in a cell of a table drawn in text whose line also
    has `value` written out, as in a table of references ("│&quot;  │\" : 引号│"): that is
    text about HTML, not HTML left in text. A remnant sticks to its words ("&quot;你好")."""
    if len(value) != 1 or value.isspace():
        return False
    before = text[m.start() - 1] if m.start() else " "  # a line break is a space
    after = text[m.end()] if m.end() < len(text) else " "
    alone = all(c.isspace() or c in _RULES or c in "|(（[" for c in before) and all(
        c.isspace() or c in _RULES or c in "|:：,，)）]" for c in after
    )
    if not alone:  # the common case: decided without looking at the whole line
        return False
    lines = lines_of(text)
    i = lines.index_at(m.start())
    line = text[lines.start(i) : lines.body_end(i)]
    table = any(c in _RULES or c == "|" for c in line)
    return table and value in ENTITY_RE.sub("", line)


#: Box-drawing characters: the rules of a table drawn in text.
_RULES = frozenset(chr(code) for code in range(0x2500, 0x2580))


def _control(char: str) -> bool:
    return char != "\t" and unicodedata.category(char) == "Cc"


def plan_entities(text: str, nbsp: str, *, latin: bool) -> tuple[list[Edit], list[Flag]]:
    """The edits that decode the references of `text` (see `decode_html_entities`)."""
    edits: list[Edit] = []
    flags: list[Flag] = []
    for m in ENTITY_RE.finditer(text):
        item = _decode(m, text, nbsp)
        if isinstance(item, Edit) and _shown_beside(text, m, item.after):
            flags.append(Flag(m.start(), m.end(), _SHOWN))
        elif isinstance(item, Edit):
            edits.append(item)
        elif isinstance(item, Flag):
            flags.append(item)
    if latin and any(LATIN1_RE.search(e.after) for e in edits):
        edits = _repair_latin(text, edits)
    return edits, flags


def _repair_latin(text: str, edits: list[Edit]) -> list[Edit]:
    """Merge decoded references that spell UTF-8 mojibake with ftfy's repair of their line.

    "caf&Atilde;&copy;" decodes to "cafÃ©"; `latin-mojibake` ran before this rule and would
    only repair it on a second run, so the repair is done here, in one change.
    """
    out: list[Edit] = []
    lines = Lines(text)
    i = 0
    while i < len(edits):
        line = lines.index_at(edits[i].start)
        start, end = lines.start(line), lines.body_end(line)
        j = i
        while j < len(edits) and edits[j].start < end:
            j += 1
        line_edits = edits[i:j]
        i = j
        if not any(LATIN1_RE.search(e.after) for e in line_edits):
            out.extend(line_edits)
            continue
        local = [Edit(e.start - start, e.end - start, e.after, e.reason) for e in line_edits]
        decoded = apply_edits(text[start:end], local)
        if not suspect(decoded):  # what `latin-mojibake` would look at on the next run
            out.extend(line_edits)
            continue
        fixed, steps = ftfy.fix_and_explain(decoded, FTFY_CONFIG)
        if fixed == decoded:
            out.extend(line_edits)
            continue
        diff = narrow(0, decoded, fixed, "")
        # Widen the changed span of the decoded line to whole references, then map it back.
        a, b = diff.start, diff.end
        regions = _regions(local)
        for ra, rb in regions:
            if ra < rb and ra < b and a < rb:
                a, b = min(a, ra), max(b, rb)
        inside = {k for k, (ra, rb) in enumerate(regions) if a <= ra and rb <= b}
        before = {k for k, (_, rb) in enumerate(regions) if rb <= a and k not in inside}
        shift_a = sum(_shift(local[k]) for k in before)
        shift_b = shift_a + sum(_shift(local[k]) for k in inside)
        plan = ", ".join(f"{step.action} {step.parameter}" for step in steps or [])
        out.extend(e for k, e in enumerate(line_edits) if k in before)
        out.append(
            Edit(
                start + a - shift_a,
                start + b - shift_b,
                decoded[a : diff.start] + diff.after + decoded[diff.end : b],
                f"HTML references decoded; they spelled UTF-8 mojibake, repaired (ftfy: {plan})",
            )
        )
        out.extend(e for k, e in enumerate(line_edits) if k not in before and k not in inside)
    return out


def _shift(edit: Edit) -> int:
    return len(edit.after) - (edit.end - edit.start)


def _regions(edits: Sequence[Edit]) -> list[tuple[int, int]]:
    """Where each edit's replacement stands in the edited text (`edits` sorted by position)."""
    regions = []
    shift = 0
    for e in edits:
        regions.append((e.start + shift, e.start + shift + len(e.after)))
        shift += len(e.after) - (e.end - e.start)
    return regions


def decode_html_entities(text: str, ctx: Context) -> Iterator[Edit | Flag]:
    """Decode HTML character references left in plain text ("AT&amp;T" -> "AT&T").

    Named references from the HTML standard need their ";" ("AT&T", "R&D", "&c." and
    "?a=1&copy=2" stay); numeric ones are decimal or hex. "&nbsp;" becomes a plain space
    (option `nbsp`), double escapes decode fully, and a reference is left (and reported) when
    decoding it would make a tag that `html-tags` removes or a new reference: "&lt;br&gt;"
    stays, so a second run changes nothing. Non-plain-text files are left alone (see
    `is_plain_text`).

        >>> from cleaner import clean_text
        >>> clean_text("&nbsp;&nbsp;R&amp;D &ldquo;&#x4e2d;&#25991;&rdquo; &lt;br&gt; a&lt;b").text
        '  R&D “中文” &lt;br&gt; a<b'
    """
    if "&" not in text or not _applies(ctx, "html-entities"):
        return
    nbsp = cast(str, ctx.options("html-entities")["nbsp"])  # checked at load
    latin = ctx.config.rule_enabled("latin-mojibake", True)

    def again(new: str) -> list[tuple[int, int]]:
        spans = [(e.start, e.end) for e in plan_entities(new, nbsp, latin=latin)[0]]
        return spans + [(t.start, t.end) for t in find_tags(new)[0]] if "<" in new else spans

    edits, flags = plan_entities(text, nbsp, latin=latin)
    edits, flags = _settle(
        text,
        edits,
        flags,
        again,
        "decoding this would form a tag or a new reference: left as is",
    )
    yield from flags
    yield from edits


# --------------------------------------------------------------------------------------------
# One pass is enough
# --------------------------------------------------------------------------------------------


def _settle(
    text: str,
    edits: list[Edit],
    flags: list[Flag],
    again: Callable[[str], list[tuple[int, int]]],
    message: str,
) -> tuple[list[Edit], list[Flag]]:
    """Drop (and flag) the edits whose result a second run would change again.

    `again(new_text)` gives the spans a second run would edit. An edit whose replacement
    overlaps one (or, for a deletion, lies strictly inside one) made it: "<<br>p>" loses its
    "<br>" and becomes a tag, "&lt;p&gt;" decodes to one. Such edits are dropped until the
    result is stable, so the rules are idempotent by construction.
    """
    for _ in range(8):
        if not edits:
            break
        spans = again(apply_edits(text, edits))
        if not spans:
            break
        ordered = sorted(edits, key=lambda e: (e.start, e.end))
        bad = _touched(_regions(ordered), spans)
        if not bad:
            break
        flags = flags + [Flag(ordered[i].start, ordered[i].end, message) for i in sorted(bad)]
        edits = [e for i, e in enumerate(ordered) if i not in bad]
    return edits, flags


def _touched(regions: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int]]) -> set[int]:
    """The indices of the replacement regions that a span overlaps (a deletion's empty region:
    that a span holds strictly inside).

    Region a:b meets span s:e when s < b and a < e; an empty region a:a when s < a < e. With
    the spans sorted by start and the running maximum of their ends, the spans starting before
    b (or a) are a prefix, and one of them reaches past a exactly when the prefix's maximum
    end does: one bisection per region, O((regions + spans) log spans), where comparing every
    region with every span made 4000 escaped lines take 19 s (bench/html_speed.py).

        >>> sorted(_touched([(0, 2), (5, 5), (8, 9)], [(1, 3), (4, 6)]))
        [0, 1]
    """
    if not spans:
        return set()
    ordered = sorted(spans)
    starts = [s for s, _ in ordered]
    reach: list[int] = []  # reach[k]: the largest end among ordered[: k + 1]
    for _, e in ordered:
        reach.append(max(e, reach[-1]) if reach else e)
    bad: set[int] = set()
    for i, (a, b) in enumerate(regions):
        k = bisect.bisect_left(starts, b if a < b else a)
        if k and reach[k - 1] > a:
            bad.add(i)
    return bad


RULES = (
    Rule(
        "html-tags",
        remove_html_tags,
        "Remove stray HTML tags from plain text; a mid-line <br> or </p><p> becomes a line break.",
        ("共克時艱勇擔當</strong>", "共克時艱勇擔當"),
        options={"suffixes": PLAIN_TEXT_SUFFIXES},
        validate=_check_suffixes,
    ),
    Rule(
        "html-entities",
        decode_html_entities,
        "Decode HTML character references in plain text (&nbsp; becomes a plain space).",
        ("R&amp;D&nbsp;&ldquo;AT&T&rdquo;", "R&D “AT&T”"),
        options={"suffixes": PLAIN_TEXT_SUFFIXES, "nbsp": NBSP_DEFAULT},
        validate=_check_suffixes,
    ),
)
