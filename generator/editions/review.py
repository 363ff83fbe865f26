"""Stale translations: the hash of the source words a translation was reviewed against.

`factsheet editions review <tag> [ids…]` writes each named record's hash into its overlay
entry as `reviewed: <hash>`; `check` reports an entry stale when its source record's words
no longer hash to it. The hash covers the words an edition translates and the words as said
(a statement's quote, a note's claim), so a corrected quote makes its translation stale too.
The command edits only the `reviewed:` lines of the entries named, in the files that hold
them, leaving every other byte of every file as it was.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from ..errors import UsageError
from .overlay import REVIEWED, Overlay
from .words import SHEET_NAMES, SHEET_WORDS, source_words

SHEET = "sheet"
"""The id the review command and the reports give the sheet's own words."""


def words_hash(kind: str, record: Any) -> str:
    """A short hash of the source words a translation of `record` renders."""
    said = {"statements": "quote", "notes": "claim"}.get(kind)
    words = source_words(kind, record)
    if said:
        words[said] = getattr(record, said)
    return _hash(words)


def sheet_hash(sheet: Any) -> str:
    words: dict[str, Any] = {k: getattr(sheet, k) for k in SHEET_WORDS}
    words.update({k: dict(getattr(sheet, k)) for k in SHEET_NAMES})
    return _hash(words)


def _hash(words: dict[str, Any]) -> str:
    text = json.dumps(words, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def write_reviewed(root: Path, overlay: Overlay, hashes: dict[tuple[str, str], str]) -> list[str]:
    """Set `reviewed: <hash>` in the overlay entry of each (kind, id) in `hashes`; the files
    changed, as shown. Only the entry's `reviewed:` line is written or added."""
    by_file: dict[str, list[tuple[str, str, str]]] = {}
    for (kind, item_id), digest in hashes.items():
        if kind == SHEET:
            if overlay.sheet_file is None:
                raise UsageError(f"{overlay.tag}: the edition has no sheet: words to review")
            by_file.setdefault(overlay.sheet_file[0], []).append((SHEET, "", digest))
            continue
        entry = overlay.entries[(kind, item_id)]
        by_file.setdefault(entry.file, []).append((kind, item_id, digest))
    changed: list[str] = []
    for display, marks in sorted(by_file.items()):
        path = root / display
        text = path.read_text(encoding="utf-8")
        new = text
        for kind, item_id, digest in marks:
            new = _set_reviewed(new, kind, item_id, digest, display)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(display)
    return changed


def _set_reviewed(text: str, kind: str, item_id: str, digest: str, display: str) -> str:
    """`text` with the entry's `reviewed:` line set, found by indentation: the block style
    every overlay is written in (`kind:` / `  id:` / `    field: …`)."""
    lines = text.splitlines(keepends=True)
    path = [kind] if kind == SHEET else [kind, item_id]
    start, indent = _find_block(lines, path, display)
    end = start + 1
    child: int | None = None
    while end < len(lines):
        line = lines[end]
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            depth = len(line) - len(line.lstrip(" "))
            if depth <= indent:
                break
            child = depth if child is None else child
        end += 1
    if child is None:
        raise UsageError(f"{display}:{start + 1}: expected the entry's words below it, indented")
    newline = "\r\n" if lines[start].endswith("\r\n") else "\n"
    line_re = re.compile(rf"^ {{{child}}}{REVIEWED}\s*:.*$")
    # Quoted: a hash of digits only ('903809019704', '4374947157e3') would read as a number.
    mark = f'{" " * child}{REVIEWED}: "{digest}"'
    for index in range(start + 1, end):
        if line_re.match(lines[index].rstrip("\r\n")):
            lines[index] = mark + newline
            return "".join(lines)
    last = end
    while last > start + 1 and lines[last - 1].strip()[:1] in ("", "#"):
        last -= 1  # after the entry's last line, before blank lines and comments
    if not lines[last - 1].endswith("\n"):
        lines[last - 1] += newline
    lines.insert(last, mark + newline)
    return "".join(lines)


def _find_block(lines: list[str], path: list[str], display: str) -> tuple[int, int]:
    """The line index and indentation of the key `path[-1]` below each of `path`'s keys."""
    start, indent = -1, -1
    for key in path:
        key_re = re.compile(rf"^( *)['\"]?{re.escape(key)}['\"]?\s*:\s*(#.*)?$")
        for index in range(start + 1, len(lines)):
            line = lines[index].rstrip("\r\n")
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            depth = len(line) - len(line.lstrip(" "))
            if start >= 0 and depth <= indent:
                break
            m = key_re.match(line)
            if m and len(m.group(1)) > indent:
                start, indent = index, len(m.group(1))
                break
        else:
            start = -1
        if start < 0 or lines[start].strip().split(":")[0].strip("'\"") != key:
            raise UsageError(
                f"{display}: cannot find the block `{': '.join(path)}:` to mark it reviewed; "
                "write the entry in block style (one key a line)"
            )
    return start, indent


def review(root: Path, tag: str, ids: list[str]) -> list[str]:
    """Mark the translations of `ids` (every translated record and the sheet's words, when
    none are named) in edition `tag` as reviewed against the source's words as they are now;
    the overlay files changed. Only the files holding the records named are written."""
    from ..validation import load_and_validate
    from .overlay import read

    source = load_and_validate(root)
    if tag not in source.sheet.editions:
        listed = ", ".join(source.sheet.editions) or "none"
        raise UsageError(f"{tag!r} is not one of the sheet's editions ({listed})")
    overlay, _ = read(root, tag, source)  # its errors stopped load_and_validate already
    by_id = {item_id: (kind, item_id) for kind, item_id in overlay.entries}
    if overlay.sheet_file is not None:
        by_id[SHEET] = (SHEET, "")
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise UsageError(
            f"no translation of {', '.join(map(repr, unknown))} in the {tag} edition "
            f"(content/editions/{tag}/): translate it first, then review it"
        )
    named = [by_id[i] for i in dict.fromkeys(ids)] if ids else list(by_id.values())
    hashes: dict[tuple[str, str], str] = {}
    for kind, item_id in named:
        if kind == SHEET:
            hashes[(SHEET, "")] = sheet_hash(source.sheet)
        else:
            table = source.specs if kind == "derived" else getattr(source, kind)
            hashes[(kind, item_id)] = words_hash(kind, table[item_id])
    return write_reviewed(root, overlay, hashes)
