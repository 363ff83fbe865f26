"""An edition's records: the source's records with their words replaced, nothing else.

Each record is the source record copied with only the fields of `words.WORDS` changed, so
every number, date, source and id on an edition's pages, charts and downloads is the source
record's own; derived figures are computed again from those same figures, for their words.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..content import KINDS, Content
from ..validation import rules
from .overlay import Overlay
from .words import SHEET_NAMES, SHEET_WORDS


def edition(source: Content, overlay: Overlay) -> Content:
    """The sheet as edition `overlay.tag` shows it."""
    tag = overlay.tag
    sheet = source.sheet
    names: dict[str, Any] = {
        name: {**getattr(sheet, name), **overlay.sheet.get(name, {})} for name in SHEET_NAMES
    }
    words: dict[str, Any] = {k: overlay.sheet[k] for k in SHEET_WORDS if k in overlay.sheet}
    edition_sheet = sheet.model_copy(
        update={
            **words,
            **names,
            "language": tag,
            "editions": [],
            "messages": dict(overlay.sheet.get("messages", {})),
        }
    )
    tables: dict[str, dict[str, Any]] = {}
    for kind in (k for k in KINDS if k != "derived"):  # derived: computed again below
        tables[kind] = {
            item_id: _translated(kind, record, overlay, source.sheet.language)
            for item_id, record in getattr(source, kind).items()
        }
    specs = {i: _translated("derived", r, overlay, "") for i, r in source.specs.items()}
    made = replace(
        source,
        sheet=edition_sheet,
        specs=specs,
        derived={},
        warnings=(),
        site_words=dict(overlay.site),
        **tables,  # type: ignore[arg-type]
    )
    computed, _ = rules.derive(made)  # the source's derived figures all computed
    return computed


def _translated(kind: str, record: Any, overlay: Overlay, source_language: str) -> Any:
    entry = overlay.entries.get((kind, record.id))
    update: dict[str, Any] = dict(entry.words) if entry else {}
    said = {k.removeprefix("removed."): update.pop(k) for k in list(update) if "." in k}
    if said:  # a change's removed records, each with what it said in the edition's words
        update["removed"] = [
            r.model_copy(update={"said": said[r.id]}) if r.id in said else r for r in record.removed
        ]
    if kind == "sources" and "in_text" not in update:
        update["in_text"] = None  # 'the Associated Press' is no French: the short name then
    if kind == "statements":
        said_in = record.quote_language or source_language
        update["quote_language"] = said_in
        if said_in == overlay.tag:
            update["translation"] = None  # shown as said
    return record.model_copy(update=update) if update else record
