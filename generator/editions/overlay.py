"""Read one edition's overlay folder (`content/editions/<tag>/`): each record's words by id.

An overlay is untrusted content like the rest of `content/`, read by the same strict loader.
It may hold words only: a number, date, source or id written here is refused at its line,
naming the source record's line where it is kept, so an edition can never carry a number of
its own.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content import KINDS, Content
from ..errors import Problem, relative, shown
from ..load import content_files
from ..models import ContentFile, Sheet
from ..yaml_loader import FieldPath, Loaded, YamlProblems, load_yaml
from .words import SHEET_NAMES, SHEET_WORDS, WORDS

EDITIONS = "editions"
"""The folder of `content/` holding one overlay folder per edition."""
REVIEWED = "reviewed"
"""The key holding the hash of the source words a translation was last reviewed against."""
SHEET_KEYS = (*SHEET_WORDS, *SHEET_NAMES, "messages")


@dataclass
class Entry:
    """One record's words in an edition, and where they are written."""

    kind: str
    id: str
    file: str
    line: int
    column: int
    words: dict[str, str] = field(default_factory=dict)
    reviewed: str | None = None


@dataclass
class Overlay:
    """An edition's words: its records' by (kind, id), its sheet's, and where each file is."""

    tag: str
    entries: dict[tuple[str, str], Entry] = field(default_factory=dict)
    sheet: dict[str, Any] = field(default_factory=dict)
    """`title`, `description`, `corrections`; `topics`, `sides`, `measures` by id;
    `messages` by key."""
    site: dict[str, Any] = field(default_factory=dict)
    """The words of mkdocs.yml: `site_name`, `site_description`; `nav` and `toggles`, each a
    mapping of the source's words to the edition's."""
    sheet_file: tuple[str, Loaded] | None = None
    files: list[str] = field(default_factory=list)


def folder(root: Path, tag: str) -> Path:
    return root / "content" / EDITIONS / tag


def read(root: Path, tag: str, source: Content) -> tuple[Overlay, list[Problem]]:
    """The overlay of edition `tag` checked against the `source` content; every problem."""
    overlay = Overlay(tag)
    problems: list[Problem] = []
    where = folder(root, tag)
    for linked in (where.parent, where):
        if linked.is_symlink():
            shown_as = relative(linked, root)
            message = f"{shown_as} is a symbolic link; keep the overlay's files in it"
            return overlay, [Problem(shown_as, 1, 1, "", message)]
    if not where.is_dir():
        return overlay, problems
    seen: dict[tuple[str, str], Entry] = {}
    for path in content_files(where):
        display = relative(path, root)
        overlay.files.append(display)
        try:
            loaded = load_yaml(path, display)
        except YamlProblems as exc:
            problems += exc.problems
            continue
        problems += _read_file(loaded, display, source, overlay, seen)
    return overlay, problems


def _read_file(
    loaded: Loaded,
    display: str,
    source: Content,
    overlay: Overlay,
    seen: dict[tuple[str, str], Entry],
) -> list[Problem]:
    problems: list[Problem] = []

    def problem(path: FieldPath, message: str, key: bool = True) -> None:
        line, col = loaded.key_position(path) if key else loaded.position(path)
        name = ".".join(str(p) for p in path)
        problems.append(Problem(display, line, col, name, message))

    data = loaded.data
    if data is None:
        return problems
    if not isinstance(data, dict):
        problem((), "expected a mapping of kinds (figures:, statements:, …) to records by id")
        return problems
    for kind, records in data.items():
        if kind == "sheet":
            problems += _read_sheet(loaded, display, records, source.sheet, overlay)
            continue
        if kind == "site":
            problems += _read_site(loaded, display, records, overlay)
            continue
        if kind not in WORDS:
            close = difflib.get_close_matches(str(kind), [*WORDS, "sheet", "site"], n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problem((kind,), f"unknown kind {shown(kind)}{hint}")
            continue
        if not isinstance(records, dict):
            problem(
                (kind,),
                f"expected the {kind} by id ({kind}: {{some-id: {{…}}}}), not a list: an "
                "edition gives only words, keyed by the source record's id",
                key=False,
            )
            continue
        table = _table(source, kind)
        for item_id, words in records.items():
            path: FieldPath = (kind, item_id)
            if item_id not in table:
                close = difflib.get_close_matches(str(item_id), list(table), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                problem(path, f"no {kind[:-1]} {shown(item_id)} in the source edition{hint}")
                continue
            if (kind, item_id) in seen:
                first = seen[(kind, item_id)]
                problem(
                    path, f"{item_id!r} is translated twice (first in {first.file}:{first.line})"
                )
                continue
            line, col = loaded.key_position(path)
            entry = Entry(kind, item_id, display, line, col)
            seen[(kind, item_id)] = entry
            if not isinstance(words, dict):
                problem(path, "expected the record's words as a mapping (label: …)", key=False)
                continue
            for name, text in words.items():
                at = (*path, name)
                if name == REVIEWED:
                    if isinstance(text, str) and text:
                        entry.reviewed = text
                    else:
                        problem(at, "expected the hash `factsheet editions review` writes", False)
                    continue
                if name not in WORDS[kind]:
                    problem(at, _not_words(kind, str(name), item_id, source))
                    continue
                record = table[item_id]
                if kind == "changes" and name == "removed":
                    problems += _read_removed(loaded, display, at, text, record, entry)
                    continue
                if not isinstance(text, str) or not text.strip():
                    problem(at, f"expected a text, got {shown(text)}", key=False)
                    continue
                if kind == "sources" and name == "title" and not record.described:
                    problem(
                        at,
                        "a source's title is kept as published; only a described title "
                        "(`described: true`) is translated",
                    )
                    continue
                entry.words[str(name)] = text
            overlay.entries[(kind, item_id)] = entry
    return problems


def _read_sheet(
    loaded: Loaded, display: str, data: object, sheet: Sheet, overlay: Overlay
) -> list[Problem]:
    problems: list[Problem] = []

    def problem(path: FieldPath, message: str, key: bool = True) -> None:
        line, col = loaded.key_position(path) if key else loaded.position(path)
        problems.append(Problem(display, line, col, ".".join(map(str, path)), message))

    if not isinstance(data, dict):
        problem(("sheet",), "expected the sheet's words as a mapping (title: …)", key=False)
        return problems
    overlay.sheet_file = (display, loaded)
    for name, value in data.items():
        at: FieldPath = ("sheet", name)
        if name == REVIEWED:
            continue  # read by report.stale
        if name not in SHEET_KEYS:
            kept = "" if name not in Sheet.model_fields else " is the source sheet's"
            problem(
                at,
                f"an edition gives only the sheet's words ({', '.join(SHEET_KEYS)}); "
                f"{shown(name)}{kept or ' is not one of them'}",
            )
        elif name in SHEET_WORDS:
            if isinstance(value, str) and value.strip():
                overlay.sheet[name] = value
            else:
                problem(at, f"expected a text, got {shown(value)}", key=False)
        elif not isinstance(value, dict):
            problem(at, f"expected a mapping, got {shown(value)}", key=False)
        elif name == "messages":
            for key, text in value.items():
                if not _message_like(text):
                    problem((*at, key), f"expected a message text, got {shown(text)}", False)
            overlay.sheet[name] = {k: v for k, v in value.items() if _message_like(v)}
        else:
            names: dict[str, str] = {}
            ours = getattr(sheet, name)
            for key, text in value.items():
                if key not in ours:
                    problem((*at, key), f"no {name[:-1]} {shown(key)} in the source sheet")
                elif not isinstance(text, str) or not text.strip():
                    problem((*at, key), f"expected a text, got {shown(text)}", key=False)
                else:
                    names[key] = text
            overlay.sheet[name] = names
    return problems


def _read_removed(
    loaded: Loaded, display: str, at: FieldPath, data: object, record: Any, entry: Entry
) -> list[Problem]:
    """A change's `removed:`, in an edition: what each removed record said, by its id."""
    problems: list[Problem] = []
    ids = [r.id for r in record.removed]
    if not isinstance(data, dict):
        line, col = loaded.position(at)
        message = "expected what each removed record said, by its id ({id}: …)"
        return [Problem(display, line, col, ".".join(map(str, at)), message)]
    for removed_id, text in data.items():
        where = (*at, removed_id)
        line, col = loaded.key_position(where)
        name = ".".join(map(str, where))
        if removed_id not in ids:
            known = ", ".join(ids) or "none"
            message = f"the change removed no {shown(removed_id)} (it removed: {known})"
            problems.append(Problem(display, line, col, name, message))
        elif not isinstance(text, str) or not text.strip():
            problems.append(
                Problem(display, line, col, name, f"expected a text, got {shown(text)}")
            )
        else:
            entry.words[f"removed.{removed_id}"] = text
    return problems


SITE_WORDS = ("site_name", "site_description")
SITE_NAMES = ("nav", "toggles")


def _read_site(loaded: Loaded, display: str, data: object, overlay: Overlay) -> list[Problem]:
    problems: list[Problem] = []

    def problem(path: FieldPath, message: str, key: bool = True) -> None:
        line, col = loaded.key_position(path) if key else loaded.position(path)
        problems.append(Problem(display, line, col, ".".join(map(str, path)), message))

    if not isinstance(data, dict):
        problem(("site",), "expected mkdocs.yml's words as a mapping (site_name: …)", False)
        return problems
    for name, value in data.items():
        at: FieldPath = ("site", name)
        if name in SITE_WORDS:
            if isinstance(value, str) and value.strip():
                overlay.site[name] = value
            else:
                problem(at, f"expected a text, got {shown(value)}", key=False)
        elif name in SITE_NAMES:
            if not isinstance(value, dict):
                problem(at, "expected the source's words mapped to the edition's", key=False)
                continue
            words: dict[str, str] = {}
            for key, text in value.items():
                if isinstance(key, str) and isinstance(text, str) and text.strip():
                    words[key] = text
                else:
                    problem((*at, key), f"expected a text, got {shown(text)}", key=False)
            overlay.site[name] = words
        else:
            allowed = ", ".join((*SITE_WORDS, *SITE_NAMES))
            problem(at, f"unknown field {shown(name)} (the words of mkdocs.yml: {allowed})")
    return problems


def _message_like(value: object) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
    return isinstance(value, str) and bool(value.strip())


def _table(source: Content, kind: str) -> Any:
    return source.specs if kind == "derived" else getattr(source, kind)


def _not_words(kind: str, name: str, item_id: str, source: Content) -> str:
    model = ContentFile.model_fields[kind].annotation.__args__[0]  # type: ignore[union-attr]
    allowed = ", ".join(WORDS[kind])
    if name in model.model_fields:
        at = source.where.get(item_id)
        kept = f" ({at.file}:{at.at(name)[0]})" if at else ""
        return (
            f"an edition carries only words: `{name}` is the source record's{kept} and is "
            f"never written twice; remove it here (words of {kind}: {allowed})"
        )
    close = difflib.get_close_matches(name, WORDS[kind], n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown field {shown(name)}{hint} (words of {kind}: {allowed})"


KINDS_TRANSLATED = tuple(k for k in KINDS if k in WORDS)
