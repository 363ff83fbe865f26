"""Data to take away: the figures, statements, events and sources as CSV and JSON.

Written from the models, never from the pages, with every field a reuser needs to cite a
figure: its value or range, unit, qualifier, period, source (title and URL) and permalink.
CSV cells are flat text (lists space-separated, blanks empty); JSON keeps types (numbers,
booleans, lists, null for "not given") and opens with the sheet's title, date and licence.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import numerals
from .content import Content
from .models import PartialDate, Source

DOWNLOADS = {
    "figures_csv": "data/figures.csv",
    "figures_json": "data/figures.json",
    "statements_json": "data/statements.json",
    "events_json": "data/events.json",
    "sources_json": "data/sources.json",
}
"""Where each download lands in the site; templates link to these paths."""

MEDIA_TYPES = {".csv": "text/csv", ".json": "application/json"}

FIGURE_COLUMNS = [
    "id",
    "kind",
    "label",
    "title",
    "short",
    "attribution",
    "text",
    "value",
    "low",
    "high",
    "qualifier",
    "unit",
    "price_base",
    "period_start",
    "period_end",
    "as_of",
    "projection",
    "timeless",
    "dated_in_label",
    "side",
    "measure",
    "topic",
    "note",
    "source_id",
    "source_publisher",
    "source_title",
    "source_date",
    "source_url",
    "source_confidence",
    "via",
    "via_title",
    "via_url",
    "formula",
    "working",
    "inputs",
    "permalink",
    "cite_as",
]
"""The columns of figures.csv, and the keys of each record in figures.json, in order."""

Permalink = Callable[[str], str]


def _date(value: PartialDate | None) -> str | None:
    return value.iso() if value else None


def _num(x: float) -> float | int:
    return numerals.exact(x)


def cite_as(content: Content, title: str, permalink: str) -> str:
    """The 'Cite as' line of a figure, the same words as on its page."""
    updated = content.writer.date_words(content.sheet.updated)
    sheet = content.sheet.title
    return content.language.text(
        "downloads.cite_as", sheet=sheet, title=title, link=permalink, **updated
    )


def _source_fields(prefix: str, source: Source | None) -> dict[str, Any]:
    if source is None:
        return {}
    return {
        f"{prefix}_publisher": source.publisher,
        f"{prefix}_title": source.title,
        f"{prefix}_date": source.date.iso(),
        f"{prefix}_url": source.url,
    }


def figure_records(content: Content, permalink: Permalink) -> list[dict[str, Any]]:
    """One record per stored or derived figure, every column present (None when not given)."""
    write = content.writer
    computed = content.language.text("downloads.computed")
    records = []
    for q in content.quantities():
        low, high = q.bounds
        single = low == high
        dated = q.dated_in_label
        link = permalink(q.id)
        record: dict[str, Any] = {
            "id": q.id,
            "label": q.label,
            "title": q.title,
            "short": q.short,
            "text": write.shown(q),
            "value": _num(low) if single else None,
            "low": None if single else _num(low),
            "high": None if single else _num(high),
            "qualifier": q.qualifier,
            "unit": q.unit,
            "price_base": q.price_base,
            # A figure dated in its label has no date that stands for it (the page prints
            # none): the downloads give none either, and say why (`dated_in_label`).
            "period_start": _date(q.period.start) if q.period and not dated else None,
            "period_end": _date(q.period.end) if q.period and not dated else None,
            "as_of": None if dated else _date(q.as_of),
            "topic": q.topic,
            "permalink": link,
            "cite_as": cite_as(content, q.title, link),
            "kind": "derived" if q.computed else "figure",
            "attribution": computed if q.says is None else q.says,
            "projection": q.projection,
            "timeless": q.timeless,
            "dated_in_label": dated,
            "side": q.side,
            "measure": q.measure,
            "note": q.note,
            "source_id": list(q.sources),
            "via": q.via,
            "formula": write.formula(q),
            "working": write.working(q),
            "inputs": [i.id for i in q.inputs] if q.computed else None,
        }
        if not q.computed:
            # A stored figure rests on one source: its details get columns of their own.
            source = content.sources[q.sources[0]]
            via = content.sources[q.via] if q.via else None
            record.update(
                source_confidence=source.confidence,
                via_title=via.title if via else None,
                via_url=via.url if via else None,
                **_source_fields("source", source),
            )
        records.append({column: record.get(column) for column in FIGURE_COLUMNS})
    return records


def statement_records(content: Content, permalink: Permalink) -> list[dict[str, Any]]:
    write = content.writer
    return [
        {
            **s.model_dump(mode="json", exclude={"date"}),
            "date": s.date.iso(),
            "date_text": write.date(s.date),
            **_source_fields("source", content.sources[s.source]),
            "permalink": permalink(s.id),
        }
        for s in content.statements.values()
    ]


def event_records(content: Content, permalink: Permalink) -> list[dict[str, Any]]:
    write = content.writer
    return [
        {
            **e.model_dump(mode="json", exclude={"date"}),
            "date": e.date.iso(),
            "date_text": write.date(e.date),
            **_source_fields("source", content.sources[e.source]),
            "permalink": permalink(e.id),
        }
        for e in content.timeline()
    ]


def source_records(content: Content, permalink: Permalink) -> list[dict[str, Any]]:
    return [
        {
            **s.model_dump(mode="json", exclude={"date"}),
            "date": s.date.iso(),
            "permalink": permalink(s.id),
            "cited_by": [i for _, i in content.citations(s.id)],
        }
        for s in content.sources.values()
    ]


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(records: list[dict[str, Any]], columns: list[str]) -> str:
    """Flat CSV: lists joined with spaces, booleans as true/false, None as an empty cell."""

    def cell(value: Any) -> Any:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, list):
            return " ".join(str(v) for v in value)
        if isinstance(value, str) and value[:1] in _FORMULA_STARTS:
            return "'" + value  # a spreadsheet would run "=…", "+…", "-…" or "@…" as a formula
        return "" if value is None else value

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: cell(r[k]) for k in columns} for r in records)
    return buffer.getvalue()


def write_exports(
    content: Content, docs: Path, permalink: Permalink, site_url: str = ""
) -> dict[str, str]:
    """Write every download under `docs`; return DOWNLOADS (key -> path in the site)."""
    sheet = content.sheet
    about = {
        "title": sheet.title,
        "url": site_url or None,
        "updated": sheet.updated.iso(),
        "license": sheet.license,
        "license_url": sheet.license_url,
    }
    figures = figure_records(content, permalink)
    files = {
        DOWNLOADS["figures_csv"]: csv_text(figures, FIGURE_COLUMNS),
        DOWNLOADS["figures_json"]: _json({**about, "figures": figures}),
        DOWNLOADS["statements_json"]: _json(
            {**about, "statements": statement_records(content, permalink)}
        ),
        DOWNLOADS["events_json"]: _json({**about, "events": event_records(content, permalink)}),
        DOWNLOADS["sources_json"]: _json({**about, "sources": source_records(content, permalink)}),
    }
    for rel, text in files.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return dict(DOWNLOADS)


def _json(data: dict[str, Any]) -> str:
    """One record a line: as easy to read and diff as indented JSON, and written by the C
    encoder (an `indent` falls back to the pure-Python one, the slowest step of a rebuild)."""

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    fields = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            records = ",\n  ".join(dump(item) for item in value)
            fields.append(f" {dump(key)}: [\n  {records}\n ]")
        else:
            fields.append(f" {dump(key)}: {dump(value)}")
    return "{\n" + ",\n".join(fields) + "\n}\n"
