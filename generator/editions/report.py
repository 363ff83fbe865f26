"""What an edition has not translated, or translated before its source changed: warnings,
one line per record, so `check --strict` fails until every word is the edition's own.

An untranslated record is reported at the source record's line (that is what needs
translating); a stale or never-reviewed translation at its entry in the overlay.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..content import Content
from ..errors import Problem
from ..render import page_templates
from .overlay import Overlay
from .review import SHEET, sheet_hash, words_hash
from .words import SHEET_NAMES, SHEET_WORDS, WORDS, source_words


def untranslated(source: Content, overlay: Overlay) -> Iterator[Problem]:
    """A warning for each record whose words the edition lacks, at the source's line."""
    tag = overlay.tag
    for kind in WORDS:
        table = source.specs if kind == "derived" else getattr(source, kind)
        for item_id, record in table.items():
            entry = overlay.entries.get((kind, item_id))
            given = entry.words if entry else {}
            wanted = list(source_words(kind, record))
            said_in = getattr(record, "quote_language", None) or source.sheet.language
            if kind == "statements" and said_in != tag:
                wanted.append("translation")
            if kind == "notes":
                wanted.append("claim_translation")
            missing = [name for name in wanted if name not in given]
            if missing:
                at = source.where.get(item_id)
                line, col = (at.line, at.column) if at else (1, 1)
                yield Problem(
                    at.file if at else "content",
                    line,
                    col,
                    f"{kind}.{item_id}",
                    f"not translated in the {tag} edition: {', '.join(missing)} (add "
                    f"them under {kind}: {item_id}: in content/editions/{tag}/)",
                    "warning",
                )
    missing = [k for k in SHEET_WORDS if getattr(source.sheet, k) and k not in overlay.sheet]
    for name in SHEET_NAMES:
        given = overlay.sheet.get(name, {})
        missing += [f"{name}.{k}" for k in getattr(source.sheet, name) if k not in given]
    if missing:
        at = source.sheet_at
        yield Problem(
            at.file,
            at.line,
            at.column,
            "sheet",
            f"not translated in the {tag} edition: {', '.join(missing)} (add them under "
            f"sheet: in content/editions/{tag}/sheet.yml)",
            "warning",
        )


def stale(source: Content, overlay: Overlay) -> Iterator[Problem]:
    """A warning for each translation not reviewed since its source's words last changed."""
    tag = overlay.tag
    for (kind, item_id), entry in sorted(overlay.entries.items()):
        if not entry.words:
            continue
        table = source.specs if kind == "derived" else getattr(source, kind)
        digest = words_hash(kind, table[item_id])
        if entry.reviewed == digest:
            continue
        at = source.where.get(item_id)
        where = f" ({at.file}:{at.line})" if at else ""
        yield Problem(
            entry.file,
            entry.line,
            entry.column,
            f"{kind}.{item_id}",
            _stale_message(entry.reviewed, where, tag, item_id),
            "warning",
        )
    if overlay.sheet_file is not None:
        display, loaded = overlay.sheet_file
        reviewed = loaded.data.get("sheet", {}).get("reviewed")
        if reviewed != sheet_hash(source.sheet):
            line, col = loaded.key_position(("sheet",))
            where = f" ({source.sheet_at.file}:{source.sheet_at.line})"
            yield Problem(
                display,
                line,
                col,
                SHEET,
                _stale_message(reviewed, where, tag, SHEET),
                "warning",
            )


def _stale_message(reviewed: object, where: str, tag: str, item_id: str) -> str:
    command = f"`factsheet editions review {tag} {item_id}`"
    if reviewed is None:
        return f"translation never reviewed: check it against the source{where}, then run {command}"
    return (
        f"stale translation: the source's words changed{where} since it was reviewed; "
        f"update it, then run {command}"
    )


def untranslated_pages(root: Path, tag: str) -> Iterator[Problem]:
    """A warning for each page template the edition has no template of its own for."""
    site_src = root / "site_src"
    ours = site_src / "editions" / tag / "pages"
    for rel in page_templates(site_src):
        if not (ours / rel).is_file():
            yield Problem(
                f"site_src/pages/{rel.as_posix()}",
                1,
                1,
                "",
                f"not translated in the {tag} edition: write "
                f"site_src/editions/{tag}/pages/{rel.as_posix()}",
                "warning",
            )
