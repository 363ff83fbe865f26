"""`data/datapackage.json`: the downloads described as a Frictionless Data Package (v2).

A reuser can validate and load the data without reading the site: every CSV has a table
schema (field types, what each column means, its unit), every JSON file its media type, and
the package carries the sheet's licence, sources and date. Frictionless refuses a resource
path that climbs out of the package's folder (`../charts/x.csv`), so each chart's CSV is
copied, byte for byte, to `data/charts/`. Written with json.dumps from the models: titles
and descriptions are data, nothing here is HTML.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any, get_args

from .charts import ChartData, chart_data
from .content import Content
from .exports import DOWNLOADS, FIGURE_COLUMNS, MEDIA_TYPES
from .models import Qualifier
from .numbers import Writer
from .units import UNITS

PATH = "data/datapackage.json"
"""Where the package lands in the site, next to the downloads it describes."""

CHARTS = "data/charts"
"""Where the copies of the charts' CSVs land, inside the package's folder."""

SPEC = "https://datapackage.org/profiles/2.0"
"""Data Package v2 (2024): `frictionless` 5 validates it, and v1 readers ignore `$schema`.
It has no property for the language of its texts, so none is added: the sheet's pages say it."""

_CC = re.compile(r"^CC[ -]?(?:(0)|(BY(?:[ -](?:SA|ND|NC|NC[ -]SA|NC[ -]ND))?))[ -](\d\.\d)$", re.I)

PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_QUALIFIERS = list(get_args(Qualifier))

Field = dict[str, Any]

_DATE: Field = {"constraints": {"pattern": PARTIAL_DATE}}
_IDS = "ids"
"""Marks a field that holds ids separated by spaces; its description says so."""
_STRING: Field = {"type": "string"}

_FIGURE_FIELDS: dict[str, Field] = {
    "id": _STRING,
    "kind": {**_STRING, "constraints": {"enum": ["figure", "derived"]}},
    "label": _STRING,
    "title": _STRING,
    "short": _STRING,
    "attribution": _STRING,
    "text": _STRING,
    "value": {"type": "number"},
    "low": {"type": "number"},
    "high": {"type": "number"},
    "qualifier": {**_STRING, "constraints": {"enum": _QUALIFIERS}},
    "unit": _STRING,  # its constraints and words depend on the sheet: see figure_fields
    "price_base": {"type": "integer"},
    "period_start": {**_STRING, **_DATE},
    "period_end": {**_STRING, **_DATE},
    "as_of": {**_STRING, **_DATE},
    "projection": {"type": "boolean"},
    "timeless": {"type": "boolean"},
    "dated_in_label": {"type": "boolean"},
    "side": _STRING,
    "measure": _STRING,
    "topic": _STRING,
    "note": _STRING,
    "source_id": {**_STRING, _IDS: True},
    "source_publisher": _STRING,
    "source_title": _STRING,
    "source_date": {**_STRING, **_DATE},
    "source_url": {**_STRING, "format": "uri"},
    "source_confidence": _STRING,
    "via": _STRING,
    "via_title": _STRING,
    "via_url": {**_STRING, "format": "uri"},
    "formula": _STRING,
    "working": _STRING,
    "inputs": {**_STRING, _IDS: True},
    "permalink": _STRING,
    "cite_as": _STRING,
}
"""figures.csv's columns, typed: each described by `datapackage.figures.<name>`."""

_TIMELINE_FIELDS: dict[str, Field] = {
    "id": _STRING,
    "date": {**_STRING, **_DATE},
    "first_day": {"type": "date"},
    "last_day": {"type": "date"},
    "title": _STRING,
    "source": _STRING,
    "via": _STRING,
}
"""A timeline's CSV, described by `datapackage.timeline.<name>`."""

_CHART_FIELDS: dict[str, Field] = {
    "id": _STRING,
    "label": _STRING,
    "qualifier": _FIGURE_FIELDS["qualifier"],
    "low": {"type": "number"},
    "high": {"type": "number"},
    "unit": _STRING,
    "as_given": _STRING,
    "period_start": _FIGURE_FIELDS["period_start"],
    "period_end": _FIGURE_FIELDS["period_end"],
    "as_of": _FIGURE_FIELDS["as_of"],
    "source": {**_STRING, _IDS: True},
    "via": {**_STRING, _IDS: True},
}
"""A bar or range-bar chart's CSV, described by `datapackage.chart.<name>`."""


def _fields(
    writer: Writer, group: str, typed: Mapping[str, Field], **params: object
) -> list[Field]:
    """The fields of a CSV, each with its description in the sheet's language; a date or a
    list of ids says how it is written."""
    say = writer.language.text
    fields = []
    for name, spec in typed.items():
        description = say(f"datapackage.{group}.{name}", **params)
        if "constraints" in spec and "pattern" in spec["constraints"]:
            description = say("datapackage.date", description=description)
        if spec.get(_IDS):
            description = say("datapackage.ids", description=description)
        rest = {k: v for k, v in spec.items() if k not in ("type", _IDS)}
        fields.append({"name": name, "type": spec["type"], "description": description, **rest})
    return fields


def figure_fields(writer: Writer, extra: Iterable[str] = ()) -> list[Field]:
    """The fields of figures.csv, in its columns' order; a column added to exports.py but not
    described here is still a valid string field, its description empty (a test finds it).

    `extra`: units the sheet uses besides the built-in ones (currencies, rates, its own);
    `units` names every unit in the sheet's language, as its pages do."""
    units = list(dict.fromkeys([*UNITS, *extra]))
    known = {
        f["name"]: f
        for f in _fields(
            writer,
            "figures",
            _FIGURE_FIELDS,
            computed=writer.language.text("downloads.computed"),
        )
    }
    known["unit"] |= {
        "constraints": {"required": True, "enum": units},
        "units": {key: writer.unit_name(key) for key in units},
    }
    return [
        known.get(column, {"name": column, "type": "string", "description": ""})
        for column in FIGURE_COLUMNS
    ]


_JSON_RESOURCES = {
    "figures_json": "figures-json",
    "statements_json": "statements",
    "events_json": "events",
    "sources_json": "sources",
}
"""Each JSON download's name in the package, its title and description under
`datapackage.resources.<key>`; each opens with the sheet's title, date and licence, then holds
one list of records."""


def _csv(name: str, path: str, title: str, description: str, fields: list[Field]) -> Field:
    return {
        "name": name,
        "path": path,
        "type": "table",
        "title": title,
        "description": description,
        "format": "csv",
        "mediatype": MEDIA_TYPES[".csv"],
        "encoding": "utf-8",
        "schema": {
            "$schema": f"{SPEC}/tableschema.json",
            "fields": fields,
            "primaryKey": ["id"],
            "missingValues": [""],
        },
    }


def _chart(data: ChartData) -> Field:
    """A chart's CSV: its fields in the chart's unit, named as the chart names it."""
    chart = data.chart
    say = data.language.text
    unit = data.unit.key if data.unit else ""
    if chart.kind == "timeline":
        fields = _fields(data.writer, "timeline", _TIMELINE_FIELDS)
    else:
        fields = _fields(data.writer, "chart", _CHART_FIELDS, unit=data.unit_words, code=unit)
        for field in fields:
            if field["name"] in ("low", "high"):
                field["unit"] = unit
    described = say(f"datapackage.resources.chart.{chart.kind}", id=chart.id, unit=data.unit_words)
    return _csv(
        f"chart-{chart.id}",
        _within("data", _chart_path(chart.id)),
        say("datapackage.resources.chart.title", title=chart.title),
        say("datapackage.table", description=described),
        fields,
    )


def package(content: Content, charts: list[ChartData]) -> dict[str, Any]:
    """The package's descriptor, its resources in the order the build writes them; every
    title and description in the sheet's language, every name, type and code as it is."""
    sheet = content.sheet
    say = content.language.text
    named = {"name": licence_name(sheet.license), "path": sheet.license_url}
    licence = {k: v for k, v in named.items() if v}
    # A licence needs a name or a path; with neither, the title alone would not validate.
    licences = [{**licence, "title": sheet.license}] if licence else []
    resources: list[dict[str, Any]] = [
        _csv(
            "figures",
            _within("data", DOWNLOADS["figures_csv"]),
            say("datapackage.resources.figures.title"),
            say("datapackage.table", description=say("datapackage.resources.figures.description")),
            figure_fields(content.writer, (q.unit for q in content.quantities())),
        )
    ]
    for key, res_name in _JSON_RESOURCES.items():
        resources.append(
            {
                "name": res_name,
                "path": _within("data", DOWNLOADS[key]),
                "title": say(f"datapackage.resources.{key}.title"),
                "description": say(f"datapackage.resources.{key}.description"),
                "format": "json",
                "mediatype": MEDIA_TYPES[".json"],
                "encoding": "utf-8",
            }
        )
    resources += [_chart(data) for data in charts]
    sources = [
        {
            "title": say("typography.labelled", label=s.publisher, text=s.title),
            **({"path": s.url} if s.url else {}),
        }
        for s in content.sources.values()
    ]
    return {
        "$schema": f"{SPEC}/datapackage.json",
        "name": "factsheet",
        "title": sheet.title,
        "description": sheet.description,
        "version": sheet.updated.iso(),
        # RFC 3339, as the spec asks: the sheet's date, never the time of the build.
        "created": f"{sheet.updated.first_day().isoformat()}T00:00:00Z",
        **({"licenses": licences} if licences else {}),
        "keywords": list(sheet.topics.values()),
        "sources": sources,
        "resources": resources,
    }


def licence_name(text: str) -> str | None:
    """'CC BY 4.0' -> 'CC-BY-4.0', the licence's Open Definition id; None for any licence
    but Creative Commons', whose id cannot be told from its words (then only its URL)."""
    match = _CC.match(text.strip())
    if match is None:
        return None
    zero, kind, version = match.groups()
    return f"CC0-{version}" if zero else f"CC-{re.sub(r'[ -]+', '-', kind.upper())}-{version}"


def _within(folder: str, path: str) -> str:
    """'data/figures.csv' -> 'figures.csv': a path relative to the package's folder."""
    return PurePosixPath(path).relative_to(folder).as_posix()


def _chart_path(chart_id: str) -> str:
    return f"{CHARTS}/{chart_id}.csv"


def write_datapackage(content: Content, docs: Path) -> dict[str, str]:
    """Write the package and its copies of the charts' CSVs under `docs`; return
    {'datapackage_json': its path in the site}, a download like the others."""
    charts = [chart_data(content, chart) for chart in content.charts.values()]
    files = {_chart_path(data.chart.id): data.csv() for data in charts}
    files[PATH] = json.dumps(package(content, charts), ensure_ascii=False, indent=1) + "\n"
    for rel, text in files.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return {"datapackage_json": PATH}
