"""Line counts across the files of one run, for the `repeated-lines` rule.

A site's slogan, navigation bar or footer stands in many of its pages; no phrase list knows
it, but counting shows it. The CLI builds the counts before cleaning and passes them to
`clean_text(..., corpus=counts, corpus_files=n)`; `Context.corpus` then maps each normalised
line to the number of files that contain it.

Only the head and tail of each file are counted (the first and last `region` non-blank lines,
`REGION` by default), which is where `repeated-lines` looks, and which bounds the memory a run
over many files needs.

One run (the default)
    ``counts, n = build_corpus(texts)`` over the decoded texts of the run's articles, whether
    it names folders or files. What a run does depends on its own files only.

Across runs, when asked (``--corpus-cache FILE``; the pre-commit hooks pass it)
    pre-commit hands a hook only the staged files, and splits long file lists into several
    invocations (even with ``require_serial: true``, which only stops them running in
    parallel). So one invocation cannot see the tree; a cache file carries the per-file line
    sets across invocations and commits::

        cache = load_cache(path)
        for key, text in batch:
            cache.update(key, text)
        cache.prune(...)                    # the files that still exist
        counts, n = cache.counts()          # the files of this batch and all cached ones
        save_cache(cache, path)

    The result of a run then depends on the files seen before, not on its own files only:
    the first batches of a new cache count fewer files than later ones. The CLI keys files
    by their real (absolute) path, so the cache means the same from any folder, and forgets
    files that no longer exist.

    Location: where the user says; the hooks use ``.cleaner-cache/corpus.json`` at the
    repository root (`DEFAULT_CACHE_PATH`, relative to where the hook runs). When
    `save_cache` creates the folder, or the folder is ``.cleaner-cache``, it puts a
    ``.gitignore`` of ``*`` in it, so git never sees the cache. Format: UTF-8 JSON
    ``{"format": "cleaner-corpus", "version": 2, "region": 8, "files": {path: {"digest":
    sha256-hex of the text, "lines": [normalised line, ...]}}}``. A file whose digest is
    unchanged is not recounted. `save_cache` writes atomically (temporary file + rename) and
    merges with entries other processes saved meanwhile, so parallel batches lose nothing but
    may each see slightly fewer files; declaring the hook ``require_serial: true`` avoids even
    that and is recommended. A missing, unreadable or incompatible cache (version 1 keyed
    files by their path from the current folder) starts empty.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from cleaner.lines import Lines, line_view

#: Non-blank lines counted at each end of a file.
REGION = 8
#: Longer lines are body text, not site furniture: not counted.
MAX_LINE_LENGTH = 300
DEFAULT_CACHE_PATH = PurePath(".cleaner-cache/corpus.json")
CACHE_FORMAT = "cleaner-corpus"
CACHE_VERSION = 2


def normalize_line(line: str) -> str:
    """The key a line is counted under: its view (no ruby, tags), NFKC, casefolded, spaces
    collapsed. Fullwidth and halfwidth forms and CRLF/LF files count as the same line.

    >>> normalize_line("  版权所有 ©  人民网\\r\\n")
    '版权所有 © 人民网'
    >>> normalize_line("Home ｜ News") == normalize_line("home | news")
    True
    """
    view = unicodedata.normalize("NFKC", line_view(line.rstrip("\r\n"))).casefold()
    return " ".join(view.split())


def line_keys(text: str, region: int = REGION) -> frozenset[str]:
    """The normalised lines of `text`'s head and tail regions, each once."""
    lines = Lines(text)
    keys = set()
    for i in lines.outer_indices(region):
        key = normalize_line(lines.content(i))
        if key and len(key) <= MAX_LINE_LENGTH:
            keys.add(key)
    return frozenset(keys)


def build_corpus(texts: Iterable[str], region: int = REGION) -> tuple[dict[str, int], int]:
    """Count, for each normalised line, how many of `texts` contain it (head/tail regions).

    Returns the counts and the number of texts, as `clean_text(corpus=..., corpus_files=...)`
    takes them.

    >>> counts, n = build_corpus(["Site news\\nStory one.", "Site news\\nStory two."])
    >>> n, counts["site news"], counts["story one."]
    (2, 2, 1)
    """
    counts: dict[str, int] = {}
    files = 0
    for text in texts:
        files += 1
        for key in line_keys(text, region):
            counts[key] = counts.get(key, 0) + 1
    return counts, files


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


@dataclass
class CorpusCache:
    """Per-file line sets of the files seen so far, keyed by path (the CLI: the real path)."""

    region: int = REGION
    files: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)
    _dirty: set[str] = field(default_factory=set, repr=False)
    _removed: set[str] = field(default_factory=set, repr=False)

    def update(self, path: str, text: str) -> bool:
        """Record (or refresh) one file; returns False when it was cached unchanged."""
        digest = _digest(text)
        cached = self.files.get(path)
        if cached is not None and cached[0] == digest:
            return False
        self.files[path] = (digest, line_keys(text, self.region))
        self._dirty.add(path)
        self._removed.discard(path)
        return True

    def discard(self, path: str) -> None:
        """Forget a file (deleted or no longer an article)."""
        if self.files.pop(path, None) is not None:
            self._removed.add(path)
            self._dirty.discard(path)

    def prune(self, keep: Iterable[str]) -> None:
        """Forget every file not in `keep` (the CLI's view of the current tree)."""
        wanted = set(keep)
        for path in [p for p in self.files if p not in wanted]:
            self.discard(path)

    def counts(self) -> tuple[dict[str, int], int]:
        """The corpus over all cached files: (normalised line -> files containing it, files)."""
        counts: dict[str, int] = {}
        for _, keys in self.files.values():
            for key in keys:
                counts[key] = counts.get(key, 0) + 1
        return counts, len(self.files)


def _parse_cache(raw: object, region: int) -> dict[str, tuple[str, frozenset[str]]]:
    if not isinstance(raw, Mapping):
        return {}
    if raw.get("format") != CACHE_FORMAT or raw.get("version") != CACHE_VERSION:
        return {}
    if raw.get("region") != region:
        return {}
    files = raw.get("files")
    if not isinstance(files, Mapping):
        return {}
    parsed: dict[str, tuple[str, frozenset[str]]] = {}
    for path, entry in files.items():
        if not isinstance(path, str) or not isinstance(entry, Mapping):
            continue
        digest, lines = entry.get("digest"), entry.get("lines")
        if isinstance(digest, str) and isinstance(lines, list):
            parsed[path] = (digest, frozenset(x for x in lines if isinstance(x, str)))
    return parsed


def load_cache(path: str | os.PathLike[str], region: int = REGION) -> CorpusCache:
    """Read the cache at `path`; a missing, corrupt or incompatible file gives an empty one."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raw = None
    return CorpusCache(region, _parse_cache(raw, region))


def save_cache(cache: CorpusCache, path: str | os.PathLike[str]) -> None:
    """Write `cache` to `path` atomically, merged with what others saved there meanwhile.

    Entries this process updated or discarded win; entries only the file on disk has (another
    batch's files) are kept.
    """
    target = Path(path)
    on_disk = load_cache(target, cache.region).files
    merged = {p: e for p, e in on_disk.items() if p not in cache._removed}
    for p, entry in cache.files.items():
        if p in cache._dirty or p not in merged:
            merged[p] = entry
    cache.files = merged
    payload = {
        "format": CACHE_FORMAT,
        "version": CACHE_VERSION,
        "region": cache.region,
        "files": {
            p: {"digest": digest, "lines": sorted(keys)}
            for p, (digest, keys) in sorted(merged.items())
        },
    }
    folder = target.parent
    created = not folder.is_dir()
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    # The cache is not project content (as .pytest_cache does), but a folder the user chose
    # that holds other things must not be hidden from git.
    if (created or folder.name == DEFAULT_CACHE_PATH.parent.name) and not ignore.exists():
        ignore.write_text("# Created by cleaner: the repeated-lines corpus cache.\n*\n")
    fd, tmp = tempfile.mkstemp(prefix=".corpus-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False, indent=0)
            handle.write("\n")
        Path(tmp).replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise
    cache._dirty.clear()
    cache._removed.clear()
