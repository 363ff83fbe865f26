"""Every edition of a sheet, read, checked and merged: run by `check` and `build` alike."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content import Content
from ..errors import Problem, relative
from ..validation.messages import sheet_problems
from . import merge, overlay, report


@dataclass(frozen=True)
class Edition:
    """One edition: its tag, its overlay as read, and the sheet as it shows it."""

    tag: str
    overlay: overlay.Overlay
    content: Content


def load_editions(root: Path, source: Content) -> tuple[list[Edition], list[Problem]]:
    """Each edition the sheet lists, in order, and every problem of every overlay (errors:
    anything but words; warnings: what is untranslated or stale). An edition with errors is
    left out."""
    editions: list[Edition] = []
    problems: list[Problem] = []
    for tag in source.sheet.editions:
        read, found = overlay.read(root, tag, source)
        found += _unit_problems(source, tag)
        found += _message_problems(read, source)
        problems += found
        if any(p.level == "error" for p in found):
            continue
        problems += report.untranslated(source, read)
        problems += report.stale(source, read)
        problems += report.untranslated_pages(root, tag)
        editions.append(Edition(tag, read, merge.edition(source, read)))
    problems += _unlisted(root, source)
    return editions, problems


def _unit_problems(source: Content, tag: str) -> list[Problem]:
    """The sheet's own units need their words in each edition's language."""
    found = []
    for key, own in source.sheet.units.items():
        if tag not in own.words:
            line, col = source.sheet_at.at(f"units.{key}.words")
            found.append(
                Problem(
                    source.sheet_at.file,
                    line,
                    col,
                    f"sheet.units.{key}.words",
                    f"missing the words in the {tag} edition's language: add "
                    f"`{tag}: {{name: …, amount: …}}`",
                )
            )
    return found


def _message_problems(read: overlay.Overlay, source: Content) -> list[Problem]:
    if read.sheet_file is None or not read.sheet.get("messages"):
        return []
    display, loaded = read.sheet_file
    sheet = source.sheet.model_copy(
        update={"language": read.tag, "messages": read.sheet["messages"], "units": {}}
    )
    return sheet_problems(sheet, loaded, display)


def _unlisted(root: Path, source: Content) -> list[Problem]:
    """An overlay folder for an edition the sheet does not list is never built: say so."""
    folder = root / "content" / overlay.EDITIONS
    found = []
    for path in sorted(folder.iterdir()) if folder.is_dir() and not folder.is_symlink() else []:
        if path.is_dir() and path.name not in source.sheet.editions:
            at = source.sheet_at
            found.append(
                Problem(
                    relative(path, root),
                    1,
                    1,
                    "",
                    f"an overlay for an edition the sheet does not list: add {path.name!r} to "
                    f"sheet.editions ({at.file}:{at.line}), or remove the folder",
                    "warning",
                )
            )
    return found
