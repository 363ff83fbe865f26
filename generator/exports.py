"""Data to take away: the figures, statements, events and sources as CSV and JSON.

Written from the models, never from the pages, with every field a reuser needs to cite a
figure: its range, qualifier, period, source and permalink.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import numbers
from .content import Content
from .derive import Computed, shown
from .models import Figure, PartialDate, Period

DOWNLOADS = {
    "figures_csv": "data/figures.csv",
    "figures_json": "data/figures.json",
    "statements_json": "data/statements.json",
    "events_json": "data/events.json",
    "sources_json": "data/sources.json",
}
"""Where each download lands in the site; templates link to these paths."""

FIGURE_COLUMNS = [
    "id", "kind", "name", "label", "attribution", "text", "value", "low", "high", "qualifier", "unit",
    "period_start", "period_end", "as_of", "side", "measure", "topic", "source_id",
    "source_publisher", "source_title", "source_date", "source_url", "via", "formula",
    "permalink",
]


def _date(value: PartialDate | None) -> str:
    return value.iso() if value else ""


def _period(value: Period | None) -> tuple[str, str]:
    return (value.start.iso(), value.end.iso()) if value else ("", "")


def figure_rows(content: Content, permalink: Callable[[str], str]) -> list[dict[str, Any]]:
    rows = []
    for q in content.quantities():
        start, end = _period(q.period)
        low, high = q.bounds
        single = low == high
        row: dict[str, Any] = {
            "id": q.id,
            "kind": "derived" if isinstance(q, Computed) else "figure",
            "name": q.title,
            "label": q.label,
            "text": shown(q),
            "value": _num(low) if single else "",
            "low": "" if single else _num(low),
            "high": "" if single else _num(high),
            "qualifier": q.qualifier or "",
            "unit": q.unit,
            "period_start": start,
            "period_end": end,
            "as_of": _date(q.as_of),
            "topic": q.topic,
            "permalink": permalink(q.id),
        }
        if isinstance(q, Figure):
            source = content.sources[q.source]
            row.update(
                attribution=q.says, side=q.side or "", measure=q.measure, source_id=source.id,
                source_publisher=source.publisher, source_title=source.title,
                source_date=source.date.iso(), source_url=source.url or "", via=q.via or "",
                formula="",
            )
        else:
            row.update(
                attribution="computed by this site", side="", measure=q.spec.op,
                source_id=" ".join(q.sources), source_publisher="", source_title="",
                source_date="", source_url="", via="", formula=f"{q.formula}; {q.working}",
            )
        rows.append({column: row.get(column, "") for column in FIGURE_COLUMNS})
    return rows


def _num(x: float) -> float | int:
    return int(x) if float(x).is_integer() else round(x, 6)


def write_exports(content: Content, docs: Path, permalink: Callable[[str], str]) -> dict[str, str]:
    rows = figure_rows(content, permalink)
    files: dict[str, str | bytes] = {}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIGURE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    files[DOWNLOADS["figures_csv"]] = buffer.getvalue()
    files[DOWNLOADS["figures_json"]] = _json({"figures": rows})
    files[DOWNLOADS["statements_json"]] = _json(
        {
            "statements": [
                {
                    **s.model_dump(mode="json", exclude={"date"}),
                    "date": s.date.iso(),
                    "date_text": numbers.date(s.date),
                    "permalink": permalink(s.id),
                }
                for s in content.statements.values()
            ]
        }
    )
    files[DOWNLOADS["events_json"]] = _json(
        {
            "events": [
                {**e.model_dump(mode="json", exclude={"date"}), "date": e.date.iso(),
                 "permalink": permalink(e.id)}
                for e in content.timeline()
            ]
        }
    )
    files[DOWNLOADS["sources_json"]] = _json(
        {
            "sources": [
                {**s.model_dump(mode="json", exclude={"date"}), "date": s.date.iso(),
                 "cited_by": [i for _, i in content.citations(s.id)]}
                for s in content.sources.values()
            ]
        }
    )
    for rel, text in files.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")  # type: ignore[arg-type]
    return dict(DOWNLOADS)


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
